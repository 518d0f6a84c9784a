//! The executor: performs the effects `App::update` returns (files, drafts, the
//! clipboard, the editor with the terminal suspended, background work) and answers with
//! messages.

use std::time::Instant;

use ratatui::Terminal;
use ratatui::backend::Backend;

use super::app::{Effect, Msg, Notice, WriteFailure};
use super::background::Background;
use super::editor::{Lent, edit_lending};
use super::event_loop::Io;
use super::terminal;
use crate::discover::{self, Source};
use crate::draft;
use crate::export;
use crate::history;

/// The real effects.
pub(super) struct RealIo {
    /// Repository and milestone for the printed gh command.
    target: export::Target,
    /// Drafts are on: templates opened from the picker look for theirs.
    drafts: bool,
    /// Commands and probes running on other threads, and their messages.
    background: Background,
    /// The editor command from config.toml; `$VISUAL`/`$EDITOR` without one.
    editor: Option<String>,
    /// Where the editor says it runs (for the watchdog).
    lent: Lent,
}

impl RealIo {
    pub(super) fn new(
        target: export::Target,
        drafts: bool,
        editor: Option<String>,
        lent: Lent,
    ) -> Self {
        Self {
            target,
            drafts,
            background: Background::new(),
            editor,
            lent,
        }
    }
}

impl Io for RealIo {
    fn perform<B: Backend>(&mut self, effect: Effect, terminal: &mut Terminal<B>) -> Option<Msg> {
        match effect {
            Effect::Open(source) => Some(open_message(source, self.drafts)),
            Effect::SaveDraft { source, yaml } => {
                Some(Msg::DraftSaved(draft::save(&source, &yaml)))
            }
            Effect::ClearDraft { source } => draft::clear(&source)
                .err()
                .map(|err| Msg::Notice(Notice::problem(err.to_string()))),
            Effect::OpenEditor {
                field,
                text,
                extension,
            } => {
                let editor = self.editor.as_deref();
                let edited = terminal::suspended(terminal, || {
                    edit_lending(editor, &text, &extension, &self.lent)
                });
                Some(Msg::Edited {
                    field,
                    text: edited,
                })
            }
            Effect::Write {
                path,
                issue,
                force,
                then_exit,
                forge,
            } => {
                let result = match export::write_issue(&issue, &path, force, &self.target, forge) {
                    Ok(command) => Ok((path, command)),
                    Err(export::WriteError::Exists { .. }) => Err(WriteFailure::Exists(path)),
                    Err(err) => Err(WriteFailure::Other {
                        message: err.to_string(),
                        path,
                    }),
                };
                Some(Msg::Written { result, then_exit })
            }
            Effect::Copy { body, with } => Some(Msg::Copied(copy(&body, with))),
            Effect::AskCommand { field, source } => {
                let (history, note) = history::load(&draft::key(&source));
                Some(Msg::CommandPrompt {
                    field,
                    history,
                    note,
                })
            }
            Effect::RememberCommand {
                source,
                field_id,
                line,
            } => match history::record(&draft::key(&source), &field_id, &line) {
                Ok(note) => note.map(|note| Msg::Notice(Notice::problem(note))),
                Err(err) => Some(Msg::Notice(Notice::problem(format!(
                    "the command history was not saved: {err}"
                )))),
            },
            Effect::RunCommand { line } => {
                self.background.run_command(&line);
                Some(Msg::CommandStarted(Instant::now()))
            }
            Effect::StopCommand => {
                self.background.stop();
                None
            }
            Effect::Detect { field, want } => {
                self.background.detect(field, want);
                None
            }
            Effect::Exit(_) => None,
        }
    }

    fn poll(&mut self) -> Option<Msg> {
        self.background.poll()
    }
}

fn open_message(source: Source, drafts: bool) -> Msg {
    match discover::load(&source) {
        Ok(template) => Msg::Opened {
            template: Box::new(template),
            draft: Box::new(if drafts {
                draft::open(&source)
            } else {
                draft::Loaded::Nothing
            }),
            source,
        },
        Err(err) => Msg::Notice(Notice::problem(crate::text::error_chain(&err))),
    }
}

/// Copies; says how, and whether the copy could be checked (OSC 52 cannot).
fn copy(body: &str, with: Option<export::Provider>) -> Result<(String, bool), String> {
    export::clipboard::copy(body, with)
        .map(|copied| (copied.to_string(), copied.note().is_none()))
        .map_err(|err| format!("could not copy: {err}"))
}
