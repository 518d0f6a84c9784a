//! The review screen's actions: export the finished issue, or go to a problem.

use std::path::PathBuf;

use super::super::field::line::LineEdit;
use super::super::keymap::Action;
use super::{After, App, Effect, Focus, Modal, Screen};
use crate::cli::ExportArgs;

/// The arguments that send with gh and nothing else (keeping repo and milestone).
fn only_sends(args: ExportArgs) -> ExportArgs {
    ExportArgs {
        gh: true,
        glab: false,
        repo: args.repo,
        milestone: args.milestone,
        ..ExportArgs::default()
    }
}

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
        let cli_exports = self.cli_exports();
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
            Action::Confirm if cli_exports => return self.run_exports(),
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
                    with: self.config.exports.clipboard().flatten(),
                }];
            }
            Action::Gh => {
                let args = ExportArgs {
                    gh: true,
                    ..self.config.exports.clone()
                };
                return self.leave_with(only_sends(args));
            }
            Action::Print => {
                let args = ExportArgs {
                    print: true,
                    ..ExportArgs::default()
                };
                return self.leave_with(args);
            }
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

    /// Whether the command line named exports for Enter to run.
    pub fn cli_exports(&self) -> bool {
        let e = &self.config.exports;
        e.output.is_some() || e.print || e.clipboard().is_some() || !e.forges().is_empty()
    }

    pub(super) fn exit_with_exports(&mut self) -> Vec<Effect> {
        let args = ExportArgs {
            output: None,
            ..self.config.exports.clone()
        };
        self.leave_with(args)
    }

    fn leave_with(&mut self, args: ExportArgs) -> Vec<Effect> {
        let Some(form) = &self.form else {
            return Vec::new();
        };
        let issue = Box::new(form.issue());
        self.exited = true;
        let mut effects = self.save_draft_now();
        effects.push(Effect::Exit(After::Export { issue, args }));
        effects
    }
}
