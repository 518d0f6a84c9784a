//! The application state and `update`, the only code that changes it. Input comes in
//! as [`Msg`]; side effects go out as [`Effect`] values for the executor in `tui.rs`.

mod drafts;
mod form;
mod modal;
mod mouse;
mod picker;
mod review;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent};

pub use self::drafts::DraftOffer;
pub use self::form::{Focus, FormState, HEADER_LABELS, Mark};
pub use self::picker::{Entry, PickerState};
pub use self::review::Problem;
use super::field::line::{Edit, LineEdit};
use super::keymap::{self, Action, Context};
use super::theme::Theme;
use crate::discover::Source;
use crate::draft::{Failure, Loaded};
use crate::export::{Plan, Provider};
use crate::form::AnswersFile;
use crate::render::Issue;
use crate::template::Template;

/// How long answers may go unsaved before a draft is written.
pub const DRAFT_DELAY: Duration = Duration::from_millis(500);

#[derive(Debug, Clone)]
pub struct Config {
    /// What Enter in the review does (from the command line).
    pub plan: Plan,
    pub drafts: bool,
    pub theme: Theme,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Picker,
    Form,
    Review,
    Help,
}

/// A question on top of the screen. `then_exit`: the command line's exports continue
/// once the file is written.
#[derive(Debug, Clone)]
pub enum Modal {
    ResumeDraft(Box<DraftOffer>),
    ConfirmQuit,
    Path { path: LineEdit, then_exit: bool },
    Overwrite { path: PathBuf, then_exit: bool },
    // Quitting, but the draft could not be saved: quit anyway, or go back.
    SaveFailed(Failure),
    // The draft could not be read, and was moved to `to`.
    DraftMoved { to: PathBuf, reason: String },
    // The draft could not be read nor moved: no draft is saved over it.
    DraftStuck(Failure),
}

/// Input to `update`.
#[derive(Debug, Clone)]
pub enum Msg {
    Key(KeyEvent),
    Paste(String),
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
    Edited {
        field: usize,
        text: Option<String>,
    },
    /// A file was written (with the `gh issue create` command that sends it), or not.
    Written {
        result: Result<(PathBuf, String), WriteFailure>,
        then_exit: bool,
    },
    /// The clipboard took the body (with a message; `true` when it could be checked).
    Copied(Result<(String, bool), String>),
    /// Something to tell the user; `true` when it is a problem.
    Notice(String, bool),
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
    },
    Copy {
        body: String,
        with: Option<Provider>,
    },
    Exit(After),
}

/// What happens once the terminal is restored.
#[derive(Debug, Clone, PartialEq)]
pub enum After {
    Nothing,
    /// Nothing to export, and the answers could not be saved: exit with status 1.
    Unsaved,
    /// Print, copy and/or send the issue as `plan` says (it writes no file: that is
    /// done); the draft of `source` goes once that succeeds.
    Export {
        issue: Box<Issue>,
        plan: Plan,
        source: Source,
    },
}

#[derive(Debug, Clone)]
pub struct App {
    pub config: Config,
    pub screen: Screen,
    pub help_return: Screen,
    pub picker: PickerState,
    pub form: Option<FormState>,
    pub modal: Option<Modal>,
    /// A message for the user; `true` when it reports a problem.
    pub notice: Option<(String, bool)>,
    pub size: (u16, u16),
    pub clock: Instant,
    pub exited: bool,
    /// `gh issue create` commands for the files written, printed on exit.
    pub written: Vec<String>,
    /// Where the answers are kept: the last draft saved or resumed, or why the last save
    /// failed; `None` before either.
    pub draft_saved: Option<Result<PathBuf, Failure>>,
    /// A draft that cannot be read nor moved aside is in the way: no save may replace it.
    pub draft_blocked: Option<Failure>,
    /// Where an unreadable draft was moved this session.
    pub moved_aside: Option<PathBuf>,
    /// Quitting waits for the draft save's outcome.
    quitting: bool,
}

impl App {
    /// Starts on the picker.
    pub fn with_picker(config: Config, entries: Vec<Entry>, size: (u16, u16)) -> Self {
        Self {
            config,
            screen: Screen::Picker,
            help_return: Screen::Picker,
            picker: PickerState::new(entries),
            form: None,
            modal: None,
            notice: None,
            size,
            clock: Instant::now(),
            exited: false,
            written: Vec::new(),
            draft_saved: None,
            draft_blocked: None,
            moved_aside: None,
            quitting: false,
        }
    }

    /// Starts on a template's form; a draft is offered for resuming, or a damaged one
    /// reported.
    pub fn with_form(
        config: Config,
        template: Template,
        source: Source,
        draft: impl Into<Loaded>,
        size: (u16, u16),
    ) -> Self {
        let mut app = Self::with_picker(config, Vec::new(), size);
        app.open(template, source, draft.into());
        app
    }

    /// Fills the open form from an answers file (`--answers`), as a starting point.
    pub fn start_from(&mut self, answers: &AnswersFile) {
        let theme = self.config.theme;
        if let Some(form) = self.form.take() {
            self.form = Some(FormState::new(
                form.template,
                form.source,
                Some(answers),
                theme,
            ));
        }
    }

    /// Where keys are looked up.
    pub fn context(&self) -> Context {
        match self.screen {
            Screen::Picker => Context::Picker,
            Screen::Form => Context::Form,
            Screen::Review => Context::Review,
            Screen::Help => Context::Help,
        }
    }

    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            // Only presses and repeats: releases (sent on Windows) are not input.
            Msg::Key(key) if key.kind == KeyEventKind::Release => Vec::new(),
            Msg::Key(key) => {
                self.notice = None;
                self.key(key)
            }
            Msg::Paste(text) => {
                self.paste(&text);
                Vec::new()
            }
            Msg::Mouse(mouse) => {
                self.mouse(mouse);
                Vec::new()
            }
            Msg::Resize(w, h) => {
                self.size = (w, h);
                if let Some(f) = &mut self.form {
                    f.pane_scroll = None;
                }
                Vec::new()
            }
            Msg::Tick(now) => self.tick(now),
            Msg::Opened {
                template,
                source,
                draft,
            } => {
                self.open(*template, source, *draft);
                Vec::new()
            }
            Msg::DraftSaved(result) => self.drafted(result),
            Msg::Edited { field, text } => self.edited(field, text),
            Msg::Written { result, then_exit } => self.written(result, then_exit),
            Msg::Copied(Ok((message, checked))) => {
                self.notice = Some((message, false));
                // An OSC 52 copy cannot be checked: keep the draft until one can.
                if checked { self.exported() } else { Vec::new() }
            }
            Msg::Copied(Err(message)) => {
                self.notice = Some((message, true));
                Vec::new()
            }
            Msg::Notice(message, problem) => {
                self.notice = Some((message, problem));
                Vec::new()
            }
        }
    }

    /// Whether the terminal is big enough to use.
    pub fn fits(&self) -> bool {
        let (w, h) = super::screen::MIN_SIZE;
        self.size.0 >= w && self.size.1 >= h
    }

    fn key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let ctrl_c =
            key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl_c {
            // The second Ctrl-C when the draft could not be saved: out, with status 1.
            if matches!(self.modal, Some(Modal::SaveFailed(_))) {
                return self.abandon();
            }
            return self.quit();
        }
        // Keys typed at a "too small" notice would land in a field nobody sees.
        if !self.fits() {
            return Vec::new();
        }
        if self.modal.is_some() {
            return self.modal_key(key);
        }
        let binding = keymap::lookup(self.context(), &key);
        if let Some(b) = binding.filter(|b| !b.soft) {
            return self.action(b.action);
        }
        match self.screen {
            Screen::Picker => self.picker_key(key),
            Screen::Form => self.form_key(key, binding.map(|b| b.action)),
            Screen::Review | Screen::Help => Vec::new(),
        }
    }

    fn action(&mut self, action: Action) -> Vec<Effect> {
        let theme = self.config.theme;
        match action {
            Action::ForceQuit => return self.quit(),
            Action::Help if self.screen == Screen::Help => self.screen = self.help_return,
            Action::Help => {
                self.help_return = self.screen;
                self.screen = Screen::Help;
            }
            Action::Back => return self.back(),
            _ if self.screen == Screen::Review => return self.review_action(action),
            _ => {}
        }
        let Some(form) = &mut self.form else {
            return Vec::new();
        };
        match action {
            Action::NextField => form.next_field(theme),
            Action::PrevField => form.prev_field(theme),
            Action::NextSection => form.jump_section(true, theme),
            Action::PrevSection => form.jump_section(false, theme),
            Action::TogglePreview => {
                form.preview = !form.preview;
                if form.preview {
                    form.refresh_preview();
                }
            }
            Action::Review => {
                form.review_scroll = 0;
                form.review_problem = 0;
                self.screen = Screen::Review;
            }
            Action::Editor => return self.editor(),
            _ => {}
        }
        Vec::new()
    }

    /// Keys for the focused field. Tab, Shift-Tab and Enter navigate unless the field
    /// uses them (a text area's Enter, a table's Tab); then they navigate only when the
    /// field ignores them (Tab on a table's last cell).
    fn form_key(&mut self, key: KeyEvent, soft: Option<Action>) -> Vec<Effect> {
        let clock = self.clock;
        let Some(form) = &mut self.form else {
            return Vec::new();
        };
        let claimed = match form.focus {
            Focus::Field(f) => form.widgets[f].claims(&key),
            Focus::Header(_) => false,
        };
        if let Some(action) = soft.filter(|_| !claimed) {
            return self.action(action);
        }
        if form.key(key, clock) == Edit::Ignored
            && let Some(action) = soft
        {
            return self.action(action);
        }
        Vec::new()
    }

    fn paste(&mut self, text: &str) {
        let clock = self.clock;
        match (&mut self.modal, self.screen) {
            (Some(Modal::Path { path, .. }), _) => path.paste(text),
            (None, Screen::Form) => {
                if let Some(form) = &mut self.form {
                    form.paste(text, clock);
                }
            }
            (None, Screen::Picker) => self.picker.filter_paste(text),
            _ => {}
        }
    }

    fn back(&mut self) -> Vec<Effect> {
        match self.screen {
            Screen::Help => self.screen = self.help_return,
            Screen::Review => self.screen = Screen::Form,
            // Nothing to lose: no question.
            Screen::Form if !self.form.as_ref().is_some_and(FormState::has_unsent) => {
                return self.quit();
            }
            Screen::Form => self.modal = Some(Modal::ConfirmQuit),
            Screen::Picker if !self.picker.filter.is_empty() => self.picker.clear_filter(),
            Screen::Picker => return self.quit(),
        }
        Vec::new()
    }

    /// After a successful export: the draft goes, and quitting needs no question.
    fn exported(&mut self) -> Vec<Effect> {
        let effects = self.discard_draft();
        if let Some(form) = &mut self.form {
            form.dirty_since = None;
            form.exported = true;
        }
        effects
    }

    fn tick(&mut self, now: Instant) -> Vec<Effect> {
        self.clock = now;
        let due = self
            .form
            .as_ref()
            .and_then(|f| f.dirty_since)
            .is_some_and(|since| now.duration_since(since) >= DRAFT_DELAY);
        if due {
            self.save_draft_now()
        } else {
            Vec::new()
        }
    }

    fn editor(&mut self) -> Vec<Effect> {
        let Some(form) = &self.form else {
            return Vec::new();
        };
        let Focus::Field(field) = form.focus else {
            return Vec::new();
        };
        let Some(text) = form.widgets[field].editable_text() else {
            self.notice = Some(("Ctrl-E edits text fields and text areas".to_owned(), true));
            return Vec::new();
        };
        let extension = match &form.form().fields[field].kind {
            crate::form::FieldKind::Code { language } if !language.is_empty() => language.clone(),
            _ => "md".to_owned(),
        };
        vec![Effect::OpenEditor {
            field,
            text,
            extension,
        }]
    }

    fn edited(&mut self, field: usize, text: Option<String>) -> Vec<Effect> {
        let clock = self.clock;
        match (text, &mut self.form) {
            (Some(text), Some(form)) => {
                form.widgets[field].set_text(&text);
                let focus = form.focus;
                form.focus = Focus::Field(field);
                form.changed(clock);
                form.focus = focus;
            }
            (None, _) => {
                self.notice = Some((
                    "the editor did not finish; nothing changed".to_owned(),
                    true,
                ));
            }
            _ => {}
        }
        Vec::new()
    }
}
