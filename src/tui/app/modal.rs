//! Dialogs: resume a draft, confirm quitting, choose a path, replace a file. A dialog
//! sits on top of any screen and takes every key but Ctrl-C.

use super::msg::Notice;
use std::path::{Path, PathBuf};

use crossterm::event::{KeyCode, KeyEvent};

use super::super::field::line::LineEdit;
use super::command::{Kept, Prompt};
use super::drafts::DraftOffer;
use super::metrics_offer::MetricsOffer;
use super::{App, Effect};
use crate::draft::Failure;

/// A question on top of the screen. `then_exit`: the command line's exports continue
/// once the file is written.
#[derive(Debug, Clone)]
pub enum Modal {
    ResumeDraft(Box<DraftOffer>),
    /// `d` in the draft dialog: discarding deletes the answers, so it asks once more
    /// (a user typing ahead into the form must not discard with a word's first letter).
    ConfirmDiscard(Box<DraftOffer>),
    ConfirmQuit,
    Path {
        path: LineEdit,
        then_exit: bool,
    },
    Overwrite {
        path: PathBuf,
        then_exit: bool,
    },
    // Quitting, but the draft could not be saved: quit anyway, or go back.
    SaveFailed(Failure),
    // The draft could not be read, and was moved to `to`.
    DraftMoved {
        to: PathBuf,
        reason: String,
    },
    // The draft could not be read nor moved: no draft is saved over it.
    DraftStuck(Failure),
    // Another window has the template open and saves its draft: this one saves none.
    DraftInUse(Failure),
    /// Ctrl-R: the command line to run into a field.
    Command(Box<Prompt>),
    /// A command's output, waiting for a yes (it failed, or the field has text).
    KeepOutput(Box<Kept>),
    /// Benchmark results in a command's output: fill the metric fields?
    Metrics(Box<MetricsOffer>),
    /// Ctrl-D: the environment detected, shown before it goes in `field`.
    Detected {
        field: usize,
        text: String,
        /// The field changed or its cursor moved since Ctrl-D: the text goes at its end.
        at_end: bool,
    },
}

impl Modal {
    /// A paste goes to the path being typed, if any.
    pub(super) fn paste(&mut self, text: &str) {
        match self {
            Modal::Path { path, .. } => path.paste(text),
            Modal::Command(prompt) => prompt.paste(text),
            _ => {}
        }
    }
}

impl App {
    pub(super) fn modal_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let effects = self.answer_modal(key);
        if self.modal.is_none() && !self.queued.is_empty() {
            self.modal = Some(self.queued.remove(0));
        }
        effects
    }

    fn answer_modal(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Some(modal) = self.modal.take() else {
            return Vec::new();
        };
        let yes = matches!(key.code, KeyCode::Char('y' | 'Y'));
        match modal {
            Modal::Command(prompt) => return self.prompt_key(prompt, key),
            Modal::KeepOutput(kept) => self.keep_key(kept, key),
            Modal::Metrics(offer) => self.metrics_key(offer, key),
            Modal::Detected {
                field,
                text,
                at_end,
            } => self.detected_key(field, text, at_end, key),
            Modal::ResumeDraft(offer) => match key.code {
                // Esc keeps what was typed, like Enter.
                KeyCode::Enter | KeyCode::Esc | KeyCode::Char('r' | 'R') => {
                    self.resume(&offer, true);
                }
                KeyCode::Char('x' | 'X') if !offer.misfits.is_empty() => {
                    self.resume(&offer, false);
                }
                KeyCode::Char('d' | 'D') => self.modal = Some(Modal::ConfirmDiscard(offer)),
                _ => self.modal = Some(Modal::ResumeDraft(offer)),
            },
            Modal::ConfirmDiscard(_) if yes => return self.discard_draft(),
            Modal::ConfirmDiscard(offer) => self.modal = Some(Modal::ResumeDraft(offer)),
            Modal::SaveFailed(_) if yes || key.code == KeyCode::Char('q') => {
                return self.abandon();
            }
            Modal::SaveFailed(_) if matches!(key.code, KeyCode::Char('n' | 'N') | KeyCode::Esc) => {
            }
            Modal::SaveFailed(failure) => self.modal = Some(Modal::SaveFailed(failure)),
            Modal::DraftMoved { to, .. } if matches!(key.code, KeyCode::Enter | KeyCode::Esc) => {
                let text = format!("the unreadable draft is kept in {}", to.display());
                self.notice = Some(Notice::problem(text));
            }
            Modal::DraftStuck(_) | Modal::DraftInUse(_)
                if matches!(key.code, KeyCode::Enter | KeyCode::Esc) => {}
            modal @ (Modal::DraftMoved { .. } | Modal::DraftStuck(_) | Modal::DraftInUse(_)) => {
                self.modal = Some(modal);
            }
            Modal::ConfirmQuit if yes || key.code == KeyCode::Char('q') => {
                // The question warned of the failed save (see `screen::dialog::quit_note`).
                self.loss_accepted =
                    self.drafts.blocked.is_some() || matches!(self.drafts.saved, Some(Err(_)));
                return self.quit();
            }
            Modal::ConfirmQuit if matches!(key.code, KeyCode::Char('n' | 'N') | KeyCode::Esc) => {}
            Modal::ConfirmQuit => self.modal = Some(Modal::ConfirmQuit),
            Modal::Path {
                mut path,
                then_exit,
            } => match key.code {
                KeyCode::Esc => {}
                KeyCode::Enter if !path.text().trim().is_empty() => {
                    return self.write(Path::new(path.text().trim()), false, then_exit);
                }
                _ => {
                    path.key(key);
                    self.modal = Some(Modal::Path { path, then_exit });
                }
            },
            Modal::Overwrite { path, then_exit } if yes => {
                return self.write(&path, true, then_exit);
            }
            Modal::Overwrite { path, then_exit } => {
                let path = LineEdit::new(&path.display().to_string());
                self.modal = Some(Modal::Path { path, then_exit });
            }
        }
        Vec::new()
    }
}
