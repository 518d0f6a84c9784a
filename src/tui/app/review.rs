//! The review screen: the finished issue, what blocks it, and its exports (write a file,
//! copy, leave and send or print, or the command line's exports).

use super::msg::Notice;
use std::path::{Path, PathBuf};

use super::super::field::line::LineEdit;
use super::super::keymap::Action;
use super::{After, App, Effect, Focus, FormState, Modal, Problem, Screen, WriteFailure};
use crate::export::Plan;

/// The review of a form: the form it returns to, and where the reader is.
#[derive(Debug, Clone)]
pub struct ReviewState {
    pub form: FormState,
    /// The first line of the finished issue shown.
    pub scroll: u16,
    /// The selected problem.
    pub problem: usize,
}

impl ReviewState {
    /// The review of `form`; from here on every field shows its problems.
    pub fn new(mut form: FormState) -> Self {
        form.model_mut().leave_all();
        Self {
            form,
            scroll: 0,
            problem: 0,
        }
    }

    pub fn problems(&self) -> Vec<Problem> {
        self.form.model().problems()
    }
}

impl App {
    pub(super) fn review_action(&mut self, action: Action) -> Vec<Effect> {
        let cli_exports = self.cli_exports();
        let Screen::Review(review) = &mut self.screen else {
            return Vec::new();
        };
        let problems = review.problems();
        let plan = &self.config.plan;
        match action {
            Action::Up => review.problem = review.problem.saturating_sub(1),
            Action::Down => {
                review.problem = (review.problem + 1).min(problems.len().saturating_sub(1));
            }
            Action::ScrollUp => review.scroll = review.scroll.saturating_sub(10),
            Action::ScrollDown => review.scroll = review.scroll.saturating_add(10),
            Action::Confirm if !problems.is_empty() => {
                let focus = match problems[review.problem.min(problems.len() - 1)] {
                    Problem::Title => Focus::Header(0),
                    Problem::Field(f, _) => Focus::Field(f),
                };
                self.replace_screen(|screen| match screen {
                    Screen::Review(review) => {
                        let mut form = review.form;
                        form.set_focus(focus);
                        Screen::Form(Box::new(form))
                    }
                    other => other,
                });
            }
            _ if !problems.is_empty() => {
                self.notice = Some(Notice::problem("fix the problems listed first: the title, required and invalid answers (Enter goes to one)".to_owned()));
            }
            Action::Confirm if cli_exports => return self.run_exports(),
            Action::Confirm => {
                self.notice = Some(Notice::info(format!(
                    "choose w (write), c (copy), g ({}), p (print) or b (browser)",
                    review.form.model().source().forge().program()
                )));
            }
            Action::Write => {
                // A file named on the command line wins over config.toml's default.
                let stem = &review.form.model().template().stem;
                let title = review.form.form().named_title(&review.form.answers().title);
                let output = &self.config.output;
                let today = &self.config.today;
                let path = plan.file.as_ref().map_or_else(
                    || output.path_for(stem, title, today),
                    |file| output.target(&file.path, stem, title, today),
                );
                let path = LineEdit::new(&path.display().to_string());
                self.modal = Some(Modal::Path {
                    path,
                    then_exit: false,
                });
            }
            Action::Copy => {
                return vec![Effect::Copy {
                    body: review.form.issue().body,
                    with: plan.provider(),
                }];
            }
            Action::Gh => {
                // gh, or glab for a template kept for GitLab.
                let plan = plan.forge_only(review.form.model().source().forge());
                return self.leave_with(plan);
            }
            Action::Print => return self.leave_with(Plan::print_only()),
            Action::Web => {
                let plan = plan.web_only();
                return self.leave_with(plan);
            }
            _ => {}
        }
        Vec::new()
    }

    /// Enter with exports from the command line: write the file first (asking before
    /// replacing one), then leave and do the rest.
    fn run_exports(&mut self) -> Vec<Effect> {
        match self.config.plan.file.clone() {
            Some(file) => self.write(&file.path, file.force, true),
            None => self.exit_with_exports(),
        }
    }

    /// Whether the command line named exports for Enter to run.
    pub fn cli_exports(&self) -> bool {
        !self.config.plan.is_empty()
    }

    /// Leaves and does what the command line asked besides the file (already written).
    fn exit_with_exports(&mut self) -> Vec<Effect> {
        let plan = self.config.plan.without_file();
        if plan.is_empty() {
            self.exited = true;
            return vec![Effect::Exit(After::Nothing)];
        }
        self.leave_with(plan)
    }

    fn leave_with(&mut self, plan: Plan) -> Vec<Effect> {
        let Some(form) = self.form() else {
            return Vec::new();
        };
        let issue = Box::new(form.issue());
        let source = form.model().source().clone();
        let leftover = form.model().leftover_draft().map(Box::new);
        self.exited = true;
        let mut effects = self.save_draft_now();
        effects.push(Effect::Exit(After::Export {
            issue,
            plan,
            source,
            leftover,
        }));
        effects
    }

    /// Writes the issue to `path`; a folder gets config.toml's file name inside it.
    pub(super) fn write(&mut self, path: &Path, force: bool, then_exit: bool) -> Vec<Effect> {
        let Some(form) = self.form() else {
            return Vec::new();
        };
        // Typed in the dialog: `~/` is the home folder, as in config.toml.
        let path = crate::config::expand_home(path);
        let path = self.config.output.target(
            &path,
            &form.model().template().stem,
            form.form().named_title(&form.answers().title),
            &self.config.today,
        );
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
                self.notice = Some(Notice::info(text));
                self.written.push(command);
                self.written_paths.push(path);
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
                self.notice = Some(Notice::problem(format!("{message} — choose another path")));
                let path = LineEdit::new(&path.display().to_string());
                self.modal = Some(Modal::Path { path, then_exit });
                Vec::new()
            }
        }
    }
}
