//! The review screen's actions: export the finished issue, or go to a problem.

use std::path::PathBuf;

use super::super::field::line::LineEdit;
use super::super::keymap::Action;
use super::{After, App, Effect, Focus, Modal, Screen};

impl App {
    /// Required fields still empty, blocking every export.
    pub fn problems(&self) -> Vec<usize> {
        self.form
            .as_ref()
            .map(|f| f.form().missing_required(&f.answers))
            .unwrap_or_default()
    }

    pub(super) fn review_action(&mut self, action: Action) -> Vec<Effect> {
        let problems = self.problems();
        let Some(form) = &mut self.form else {
            return Vec::new();
        };
        match action {
            Action::Up => form.review_problem = form.review_problem.saturating_sub(1),
            Action::Down => {
                form.review_problem =
                    (form.review_problem + 1).min(problems.len().saturating_sub(1));
            }
            Action::ScrollUp => form.review_scroll = form.review_scroll.saturating_sub(10),
            Action::ScrollDown => form.review_scroll = form.review_scroll.saturating_add(10),
            Action::Confirm if !problems.is_empty() => {
                let field = problems[form.review_problem.min(problems.len() - 1)];
                let theme = self.config.theme;
                form.set_focus(Focus::Field(field), theme);
                self.screen = Screen::Form;
            }
            _ if !problems.is_empty() => {
                self.notice = Some((
                    "fill in the required fields first (Enter goes to one)".to_owned(),
                    true,
                ));
            }
            Action::Confirm if self.config.exports.any() => return self.run_exports(),
            Action::Confirm => {
                self.notice = Some((
                    "choose w (write), c (copy), g (gh) or p (print)".to_owned(),
                    false,
                ));
            }
            Action::Write => {
                let default = format!("./{}-issue.md", form.template.stem);
                self.modal = Some(Modal::Path(LineEdit::new(&default)));
            }
            Action::Copy => {
                return vec![Effect::Copy {
                    body: form.issue().body,
                }];
            }
            Action::Gh => return self.leave_with(false, false, true),
            Action::Print => return self.leave_with(true, false, false),
            _ => {}
        }
        Vec::new()
    }

    /// Enter with exports from the command line: write the file first (asking before
    /// replacing one), then leave and do the rest.
    fn run_exports(&mut self) -> Vec<Effect> {
        let output: Option<PathBuf> = self.config.exports.output.clone();
        match output {
            Some(path) => {
                self.exit_after_write = true;
                let force = self.config.exports.force;
                self.write(path, force)
            }
            None => self.exit_with_exports(),
        }
    }

    pub(super) fn exit_with_exports(&mut self) -> Vec<Effect> {
        let e = self.config.exports.clone();
        self.leave_with(e.print, e.clipboard, e.gh)
    }

    fn leave_with(&mut self, print: bool, clipboard: bool, gh: bool) -> Vec<Effect> {
        let Some(form) = &self.form else {
            return Vec::new();
        };
        let issue = Box::new(form.issue());
        self.exited = true;
        let mut effects = self.save_draft_now();
        effects.push(Effect::Exit(After::Export {
            issue,
            print,
            clipboard,
            gh,
        }));
        effects
    }
}
