//! The review screen: the finished issue, what blocks it, and its exports (write a file,
//! copy, leave and send or print, or the command line's exports).

use super::msg::Notice;
use std::path::{Path, PathBuf};

use super::super::field::line::LineEdit;
use super::super::keymap::Action;
use super::{After, App, Effect, Focus, FormState, Modal, Problem, Screen, WriteFailure};
use crate::export::Plan;
use crate::export::gh::title_over_limit;

/// The review of a form: the form it returns to, and where the reader is.
#[derive(Debug, Clone)]
pub struct ReviewState {
    pub form: FormState,
    /// The first line of the finished issue shown.
    pub scroll: u16,
    /// The selected entry: a problem, or after them a field that still holds the
    /// template's example.
    pub problem: usize,
    /// Whether Up or Down chose an entry: with nothing blocking, Enter goes to the
    /// selected example only then (before, it does the exports).
    pub picked: bool,
    /// The body's length per forge whose tool it is too long for (characters for
    /// GitHub, bytes for glab): the answers do not change in the review, so the body is
    /// rendered and counted once, not at every frame.
    body_over: Vec<(crate::export::Forge, usize)>,
}

impl ReviewState {
    /// The review of `form`; from here on every field shows its problems.
    pub fn new(mut form: FormState) -> Self {
        form.model_mut().leave_all();
        let body = form.issue().body;
        let body_over = [crate::export::Forge::Github, crate::export::Forge::Gitlab]
            .into_iter()
            .filter_map(|forge| {
                crate::export::gh::body_over_limit(&body, forge).map(|size| (forge, size))
            })
            .collect();
        Self {
            form,
            scroll: 0,
            problem: 0,
            picked: false,
            body_over,
        }
    }

    /// What blocks the issue: the form's problems, then a title longer than a forge
    /// the issue goes to takes (`plan`'s gh or glab; with no exports on the command line,
    /// the template's forge, which the review's `g` sends to), then a body longer than
    /// the tool of a forge it goes to takes (GitHub's characters, glab's argument bytes):
    /// all listed, so fixing one is not followed by a refusal of the other.
    pub fn problems(&self, plan: &Plan) -> Vec<Problem> {
        let mut problems = self.form.model().problems();
        let forges = self.forges(plan);
        let title = crate::render::issue_title(&self.form.answers().title);
        // One problem, for the shortest limit that the title is over.
        let over = forges
            .iter()
            .filter_map(|&forge| title_over_limit(&title, forge).map(|chars| (forge, chars)))
            .min_by_key(|(forge, _)| forge.max_title_chars());
        if let Some((forge, chars)) = over {
            problems.push(Problem::TitleTooLong(forge, chars));
        }
        // One per forge: the limits are in different units, so neither implies the other.
        problems.extend(
            self.body_over
                .iter()
                .filter(|(forge, _)| forges.contains(forge))
                .map(|&(forge, size)| Problem::BodyTooLong(forge, size)),
        );
        problems
    }

    /// The forges the issue goes to: `plan`'s gh or glab, or with no exports on the
    /// command line the template's, which the review's `g` sends to.
    fn forges(&self, plan: &Plan) -> Vec<crate::export::Forge> {
        if plan.is_empty() {
            vec![self.form.model().source().forge()]
        } else {
            plan.forges.clone()
        }
    }

    /// What refuses only `g`: a title or body too long for the template's forge (`g`
    /// sends there, gh or glab) when the command line sends nowhere there, so
    /// [`Self::problems`] does not judge them (Enter writes, copies or prints, which take
    /// the issue as it is). Listed as notes and refused at `g`, not after leaving.
    pub fn g_problems(&self, plan: &Plan) -> Vec<Problem> {
        let forge = self.form.model().source().forge();
        if self.forges(plan).contains(&forge) {
            return Vec::new();
        }
        let title = crate::render::issue_title(&self.form.answers().title);
        let title =
            title_over_limit(&title, forge).map(|chars| Problem::TitleTooLong(forge, chars));
        let body = self
            .body_over
            .iter()
            .filter(|(over, _)| *over == forge)
            .map(|&(forge, size)| Problem::BodyTooLong(forge, size));
        title.into_iter().chain(body).collect()
    }

    /// The fields that still hold the template's example: warned about, not blocking.
    pub fn examples(&self) -> Vec<usize> {
        self.form.model().examples()
    }

    /// Where Enter goes: the selected entry, when one is selected (always while
    /// something blocks the issue; with only examples, once Up or Down chose one).
    fn target(&self, plan: &Plan) -> Option<Focus> {
        let problems = self.problems(plan);
        let examples = self.examples();
        if problems.is_empty() && !self.picked {
            return None;
        }
        let entries = problems.len() + examples.len();
        let selected = self.problem.min(entries.checked_sub(1)?);
        Some(match problems.get(selected) {
            Some(Problem::Title | Problem::TitleTooLong(..)) => Focus::Header(0),
            // The body is the fields': the first one, where shortening starts.
            Some(Problem::BodyTooLong(..)) if self.form.form().fields.is_empty() => {
                Focus::Header(0)
            }
            Some(Problem::BodyTooLong(..)) => Focus::Field(0),
            Some(Problem::Field(f, _)) => Focus::Field(*f),
            None => Focus::Field(examples[selected - problems.len()]),
        })
    }
}

/// Why an action is refused, in the words of what blocks it: a title or body too long
/// for gh or glab blocks only sending, so the notice says so and what still works.
fn refusal(problems: &[Problem]) -> String {
    let mut forges = Vec::new();
    let (mut title, mut body) = (false, false);
    for problem in problems {
        let forge = match problem {
            Problem::TitleTooLong(forge, _) => {
                title = true;
                forge
            }
            Problem::BodyTooLong(forge, _) => {
                body = true;
                forge
            }
            Problem::Title | Problem::Field(..) => {
                return "fix the problems listed first: the title, required and invalid answers (Enter goes to one)".to_owned();
            }
        };
        if !forges.contains(&forge.program()) {
            forges.push(forge.program());
        }
    }
    // Short enough for one line of a 100-column terminal, so the footer stays in view.
    let it = if title && body { "one" } else { "it" };
    format!(
        "{} too long for {}: Enter goes to {it}; w, c and p still take the issue as it is",
        too_long(title, body),
        forges.join(" and ")
    )
}

/// What is too long, as a refusal says it: the title, the body or both.
fn too_long(title: bool, body: bool) -> &'static str {
    match (title, body) {
        (true, true) => "the title and the body are",
        (true, false) => "the title is",
        (false, _) => "the body is",
    }
}

/// Why `g` is refused when only it is blocked (the command line sends elsewhere or not
/// at all): Enter runs the command line's exports, which take the issue as it is.
fn g_refusal(problems: &[Problem]) -> String {
    let title = problems
        .iter()
        .any(|p| matches!(p, Problem::TitleTooLong(..)));
    let body = problems
        .iter()
        .any(|p| matches!(p, Problem::BodyTooLong(..)));
    let program = match problems.first() {
        Some(Problem::TitleTooLong(forge, _) | Problem::BodyTooLong(forge, _)) => forge.program(),
        _ => "gh",
    };
    format!(
        "{} too long for {program}: g cannot send it; Enter, w, c and p still take it as it is",
        too_long(title, body)
    )
}

impl App {
    pub(super) fn review_action(&mut self, action: Action) -> Vec<Effect> {
        let cli_exports = self.cli_exports();
        let Screen::Review(review) = &mut self.screen else {
            return Vec::new();
        };
        let plan = &self.config.plan;
        let problems = review.problems(plan);
        let entries = problems.len() + review.examples().len();
        // A file, the clipboard and the printed body carry no title: only gh, glab and
        // the browser need one. A title too long for gh or glab blocks only them (Enter
        // runs them when the command line named them); the web page takes longer ones.
        let needs_title = !matches!(action, Action::Write | Action::Copy | Action::Print);
        let sends = matches!(action, Action::Gh | Action::Confirm);
        let blocked = problems.iter().any(|p| match p {
            Problem::Title => needs_title,
            Problem::TitleTooLong(..) | Problem::BodyTooLong(..) => sends,
            Problem::Field(..) => true,
        });
        // What refuses only `g` (made only for `g`: it measures the title again).
        let g_blocked = match action {
            Action::Gh => review.g_problems(plan),
            _ => Vec::new(),
        };
        let target = review.target(plan);
        match action {
            Action::Up => {
                review.problem = review.problem.saturating_sub(1);
                review.picked = true;
            }
            Action::Down => {
                // With nothing blocking, the first Down selects the first example.
                if review.picked || !problems.is_empty() {
                    review.problem = (review.problem + 1).min(entries.saturating_sub(1));
                }
                review.picked = true;
            }
            Action::ScrollUp => review.scroll = review.scroll.saturating_sub(10),
            Action::ScrollDown => review.scroll = review.scroll.saturating_add(10),
            Action::Confirm if target.is_some() => {
                let focus = target.unwrap_or(Focus::Header(0));
                self.replace_screen(|screen| match screen {
                    Screen::Review(review) => {
                        let mut form = review.form;
                        form.set_focus(focus);
                        Screen::Form(Box::new(form))
                    }
                    other => other,
                });
            }
            _ if blocked => self.notice = Some(Notice::problem(refusal(&problems))),
            Action::Gh if !g_blocked.is_empty() => {
                self.notice = Some(Notice::problem(g_refusal(&g_blocked)));
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
            forge: form.model().source().forge(),
        }]
    }

    pub(super) fn written(
        &mut self,
        result: Result<(PathBuf, Result<String, String>), WriteFailure>,
        then_exit: bool,
    ) -> Vec<Effect> {
        match result {
            Ok((path, command)) => {
                let text = match &command {
                    Ok(command) => format!(
                        "wrote {}; the {} command that sends it is printed on exit",
                        path.display(),
                        command.split(' ').next().unwrap_or("gh")
                    ),
                    Err(why) => format!("wrote {}; {why}", path.display()),
                };
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
