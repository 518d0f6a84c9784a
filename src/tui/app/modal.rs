//! Dialogs: resume a draft, confirm quitting, choose a path, replace a file.

use std::path::PathBuf;

use crossterm::event::{KeyCode, KeyEvent};

use super::super::field::line::LineEdit;
use super::{App, Effect, Modal, WriteFailure};

impl App {
    pub(super) fn modal_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Some(modal) = self.modal.take() else {
            return Vec::new();
        };
        let yes = matches!(key.code, KeyCode::Char('y' | 'Y'));
        match modal {
            Modal::ResumeDraft(offer) => match key.code {
                // Esc keeps what was typed, like Enter.
                KeyCode::Enter | KeyCode::Esc | KeyCode::Char('r' | 'R') => {
                    self.resume(&offer, true);
                }
                KeyCode::Char('x' | 'X') if !offer.misfits.is_empty() => {
                    self.resume(&offer, false);
                }
                KeyCode::Char('d' | 'D') => return self.discard_draft(),
                _ => self.modal = Some(Modal::ResumeDraft(offer)),
            },
            Modal::SaveFailed(_) if yes || key.code == KeyCode::Char('q') => {
                return self.abandon();
            }
            Modal::SaveFailed(_) if matches!(key.code, KeyCode::Char('n' | 'N') | KeyCode::Esc) => {
            }
            Modal::SaveFailed(failure) => self.modal = Some(Modal::SaveFailed(failure)),
            Modal::DraftMoved { to, .. } if matches!(key.code, KeyCode::Enter | KeyCode::Esc) => {
                let text = format!("the unreadable draft is kept in {}", to.display());
                self.notice = Some((text, true));
            }
            Modal::DraftStuck(_) if matches!(key.code, KeyCode::Enter | KeyCode::Esc) => {}
            modal @ (Modal::DraftMoved { .. } | Modal::DraftStuck(_)) => self.modal = Some(modal),
            Modal::ConfirmQuit if yes || key.code == KeyCode::Char('q') => return self.quit(),
            Modal::ConfirmQuit if matches!(key.code, KeyCode::Char('n' | 'N') | KeyCode::Esc) => {}
            Modal::ConfirmQuit => self.modal = Some(Modal::ConfirmQuit),
            Modal::Path {
                mut path,
                then_exit,
            } => match key.code {
                KeyCode::Esc => {}
                KeyCode::Enter if !path.text().trim().is_empty() => {
                    return self.write(PathBuf::from(path.text().trim()), false, then_exit);
                }
                _ => {
                    path.key(key);
                    self.modal = Some(Modal::Path { path, then_exit });
                }
            },
            Modal::Overwrite { path, then_exit } if yes => {
                return self.write(path, true, then_exit);
            }
            Modal::Overwrite { path, then_exit } => {
                let path = LineEdit::new(&path.display().to_string());
                self.modal = Some(Modal::Path { path, then_exit });
            }
        }
        Vec::new()
    }

    pub(super) fn write(&mut self, path: PathBuf, force: bool, then_exit: bool) -> Vec<Effect> {
        let Some(form) = &self.form else {
            return Vec::new();
        };
        vec![Effect::Write {
            path,
            issue: Box::new(form.issue()),
            force,
            then_exit,
        }]
    }

    pub(super) fn written(
        &mut self,
        result: Result<(PathBuf, String), WriteFailure>,
        then_exit: bool,
    ) -> Vec<Effect> {
        match result {
            Ok((path, command)) => {
                let text = format!(
                    "wrote {}; the gh command that sends it is printed on exit",
                    path.display()
                );
                self.notice = Some((text, false));
                self.written.push(command);
                let mut effects = self.exported();
                if then_exit {
                    effects.extend(self.exit_with_exports());
                }
                effects
            }
            Err(WriteFailure::Exists(path)) => {
                self.modal = Some(Modal::Overwrite { path, then_exit });
                Vec::new()
            }
            Err(WriteFailure::Other { path, message }) => {
                self.notice = Some((format!("{message} — choose another path"), true));
                let path = LineEdit::new(&path.display().to_string());
                self.modal = Some(Modal::Path { path, then_exit });
                Vec::new()
            }
        }
    }
}
