//! Dialogs: resume a draft, confirm quitting, choose a path, replace a file.

use std::path::PathBuf;

use crossterm::event::{KeyCode, KeyEvent};

use super::super::field::line::LineEdit;
use super::{App, Effect, Focus, FormState, Modal, WriteFailure};
use crate::form::AnswersFile;

impl App {
    pub(super) fn modal_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Some(modal) = self.modal.take() else {
            return Vec::new();
        };
        let yes = matches!(key.code, KeyCode::Char('y' | 'Y'));
        match modal {
            Modal::ResumeDraft(draft) => match key.code {
                // Esc keeps what was typed, like Enter.
                KeyCode::Enter | KeyCode::Esc | KeyCode::Char('r' | 'R') => self.resume(&draft),
                KeyCode::Char('d' | 'D') => return self.discard_draft(),
                _ => self.modal = Some(Modal::ResumeDraft(draft)),
            },
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

    fn resume(&mut self, draft: &AnswersFile) {
        let theme = self.config.theme;
        if let Some(form) = self.form.take() {
            let mut resumed = FormState::new(form.template, form.source, Some(draft), theme);
            resumed.set_focus(Focus::Header(0), theme);
            if !resumed.skipped.is_empty() {
                self.notice = Some((
                    format!(
                        "the draft's answers for {} no longer fit the template",
                        resumed.skipped.join(", ")
                    ),
                    true,
                ));
            }
            self.form = Some(resumed);
        }
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
