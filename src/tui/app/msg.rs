//! What goes into `update` ([`Msg`]) and what comes out of it ([`Effect`]): input,
//! and the outcomes of effects, in; work for the executor out.

use std::path::PathBuf;
use std::time::Instant;

use crossterm::event::{KeyEvent, MouseEvent};

use crate::discover::Source;
use crate::draft::{Failure, Loaded};
use crate::environment::Want;
use crate::export::{Plan, Provider};
use crate::history::History;
use crate::render::Issue;
use crate::shell::Finished;
use crate::template::Template;

/// Input to `update`.
#[derive(Debug, Clone)]
pub enum Msg {
    Key(KeyEvent),
    Paste(String),
    /// Plain characters typed in one burst (see [`crate::tui::coalesce`]): each is the key
    /// it was, applied at once where they all go into a text input.
    Type(String),
    Mouse(MouseEvent),
    Resize(u16, u16),
    Tick(Instant),
    Opened {
        template: Box<Template>,
        source: Source,
        draft: Box<Loaded>,
    },
    /// A draft was saved (where), or not.
    DraftSaved(Result<PathBuf, Failure>),
    /// The text the external editor left, or why there is none.
    Edited {
        field: usize,
        text: Result<String, String>,
    },
    /// A file was written (with the `gh issue create` command that sends it), or not.
    Written {
        /// The path, with the command that sends the file or why none is given.
        result: Result<(PathBuf, Result<String, String>), WriteFailure>,
        then_exit: bool,
    },
    /// The clipboard took the body (with a message; `true` when it could be checked).
    Copied(Result<(String, bool), String>),
    /// Something to tell the user; `true` when it is a problem.
    Notice(Notice),
    /// The template's command history, for the Ctrl-R prompt on `field`; `note` when
    /// the history file had to be moved aside (or cannot be read).
    CommandPrompt {
        field: usize,
        history: History,
        note: Option<String>,
    },
    /// The command asked for is running since then (its elapsed time counts from it,
    /// not from the last tick before it).
    CommandStarted(Instant),
    /// The last lines the running command printed.
    CommandProgress(Vec<String>),
    /// The running command ended.
    CommandFinished(Finished),
    /// The environment, detected and written out for `field`.
    Detected {
        field: usize,
        text: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteFailure {
    Exists(PathBuf),
    Other { path: PathBuf, message: String },
}

/// Work for the executor.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Open(Source),
    SaveDraft {
        source: Source,
        yaml: String,
    },
    ClearDraft {
        source: Source,
    },
    OpenEditor {
        field: usize,
        text: String,
        extension: String,
    },
    /// Write the issue's body to a file (`force` replaces one).
    Write {
        path: PathBuf,
        issue: Box<Issue>,
        force: bool,
        then_exit: bool,
        /// The template's forge, whose tool the command printed on exit runs.
        forge: crate::export::Forge,
    },
    Copy {
        body: String,
        with: Option<Provider>,
    },
    /// Read the template's command history for the prompt on `field`.
    AskCommand {
        field: usize,
        source: Source,
    },
    /// Remember that `line` was run into the field with id `field_id`.
    RememberCommand {
        source: Source,
        field_id: String,
        line: String,
    },
    /// Start `line` in the background; progress and the end come back as messages.
    RunCommand {
        line: String,
    },
    StopCommand,
    /// Detect the environment in the background; it comes back as [`Msg::Detected`].
    Detect {
        field: usize,
        want: Want,
    },
    Exit(After),
}

/// What happens once the terminal is restored.
#[derive(Debug, Clone, PartialEq)]
pub enum After {
    Nothing,
    /// Nothing to export, and the answers could not be saved: exit with status 1.
    Unsaved,
    /// A contact link was chosen in the picker: print it and open it in the browser.
    Visit(String),
    /// Print, copy and/or send the issue as `plan` says (it writes no file: that is
    /// done); the draft of `source` goes once that succeeds.
    Export {
        issue: Box<Issue>,
        plan: Plan,
        source: Source,
        /// The draft's answers the issue leaves out (they no longer fit the template):
        /// their keys, and a draft holding only them, kept once the export worked.
        leftover: Option<Box<(Vec<String>, String)>>,
    },
}

/// A line for the footer: what happened, and whether it is a problem (shown as one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub problem: bool,
}

impl Notice {
    /// Something that went well or is worth knowing.
    pub fn info(text: impl Into<String>) -> Self {
        Self::new(text, false)
    }

    /// Something that went wrong.
    pub fn problem(text: impl Into<String>) -> Self {
        Self::new(text, true)
    }

    pub fn new(text: impl Into<String>, problem: bool) -> Self {
        Self {
            text: text.into(),
            problem,
        }
    }
}
