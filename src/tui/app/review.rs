//! The review screen's actions: export the finished issue, or go to a problem.

use super::super::field::line::LineEdit;
use super::super::keymap::Action;
use super::{After, App, Effect, Focus, Modal, Screen};
use crate::export::Plan;

/// Something that blocks the issue: an empty title, or an empty required field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    Title,
    Field(usize),
}

impl App {
    /// What blocks every export: a title that is empty or only the template's prefix,
    /// and required fields still empty.
    pub fn problems(&self) -> Vec<Problem> {
        let Some(f) = &self.form else {
            return Vec::new();
        };
        let title = f.answers.title.trim();
        let mut problems = Vec::new();
        if title.is_empty() || title == f.form().meta.title.trim() {
            problems.push(Problem::Title);
        }
        problems.extend(
            f.form()
                .missing_required(&f.answers)
                .into_iter()
                .map(Problem::Field),
        );
        problems
    }

    pub(super) fn review_action(&mut self, action: Action) -> Vec<Effect> {
        let problems = self.problems();
        let cli_exports = self.cli_exports();
        let plan = &self.config.plan;
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
                let focus = match problems[form.review_problem.min(problems.len() - 1)] {
                    Problem::Title => Focus::Header(0),
                    Problem::Field(f) => Focus::Field(f),
                };
                form.set_focus(focus, self.config.theme);
                self.screen = Screen::Form;
            }
            _ if !problems.is_empty() => {
                self.notice = Some((
                    "fill in the title and required fields first (Enter goes to one)".to_owned(),
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
                let path = LineEdit::new(&format!("./{}-issue.md", form.template.stem));
                self.modal = Some(Modal::Path {
                    path,
                    then_exit: false,
                });
            }
            Action::Copy => {
                return vec![Effect::Copy {
                    body: form.issue().body,
                    with: plan.provider(),
                }];
            }
            Action::Gh => {
                let plan = plan.gh_only();
                return self.leave_with(plan);
            }
            Action::Print => return self.leave_with(Plan::print_only()),
            _ => {}
        }
        Vec::new()
    }

    /// Enter with exports from the command line: write the file first (asking before
    /// replacing one), then leave and do the rest.
    fn run_exports(&mut self) -> Vec<Effect> {
        match self.config.plan.file.clone() {
            Some(file) => self.write(file.path, file.force, true),
            None => self.exit_with_exports(),
        }
    }

    /// Whether the command line named exports for Enter to run.
    pub fn cli_exports(&self) -> bool {
        !self.config.plan.is_empty()
    }

    /// Leaves and does what the command line asked besides the file (already written).
    pub(super) fn exit_with_exports(&mut self) -> Vec<Effect> {
        let plan = self.config.plan.without_file();
        if plan.is_empty() {
            self.exited = true;
            return vec![Effect::Exit(After::Nothing)];
        }
        self.leave_with(plan)
    }

    fn leave_with(&mut self, plan: Plan) -> Vec<Effect> {
        let Some(form) = &self.form else {
            return Vec::new();
        };
        let issue = Box::new(form.issue());
        let source = form.source.clone();
        self.exited = true;
        let mut effects = self.save_draft_now();
        effects.push(Effect::Exit(After::Export {
            issue,
            plan,
            source,
        }));
        effects
    }
}
