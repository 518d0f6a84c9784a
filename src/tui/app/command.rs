//! Fields filled by the machine: Ctrl-R runs a command line and its output fills the
//! field (benchmark output may then fill the metric fields too); Ctrl-D detects the
//! environment for Environment / OS / Version fields. The work runs in the background
//! (effects out, messages back); nothing the user typed is replaced without asking.

use super::msg::Notice;
use std::time::Instant;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::super::field::Widget;
use super::super::field::line::LineEdit;
use super::super::keymap::Action;
use super::{App, Effect, Focus, FormState, Modal, Screen};
use crate::environment;
use crate::form::Value;
use crate::history::History;
use crate::metrics::{self, Import, Inputs};
use crate::shell::{End, Finished};
use crate::text::sanitize;

/// A command running into a field.
#[derive(Debug, Clone)]
pub struct Running {
    pub field: usize,
    pub line: String,
    pub started: Instant,
    /// The last lines it printed.
    pub lines: Vec<String>,
    pub stopping: bool,
}

/// The Ctrl-R prompt: the line being typed and the recent ones (↑↓).
#[derive(Debug, Clone)]
pub struct Prompt {
    pub field: usize,
    pub line: LineEdit,
    pub recent: Vec<String>,
    /// Where in `recent` ↑↓ are; `None` at the line first shown.
    at: Option<usize>,
    first: String,
    /// The line is the field's last command, shown selected: the first character
    /// typed (or a paste) replaces it, Backspace clears it, other keys keep it.
    pub selected: bool,
}

impl Prompt {
    /// A paste replaces the selected line, else goes in at the cursor.
    pub(super) fn paste(&mut self, text: &str) {
        if std::mem::take(&mut self.selected) {
            self.line = LineEdit::new("");
        }
        self.line.paste(text);
    }

    /// A key edits the line; typing over the selected line replaces it.
    fn edit(&mut self, key: KeyEvent) {
        if std::mem::take(&mut self.selected) {
            let typing = matches!(key.code, KeyCode::Char(_))
                && !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
            if typing || matches!(key.code, KeyCode::Backspace | KeyCode::Delete) {
                self.line = LineEdit::new("");
                if !typing {
                    return;
                }
            }
        }
        self.line.key(key);
    }
}

/// Output waiting for a yes: the command failed, or the field has the user's text.
#[derive(Debug, Clone)]
pub struct Kept {
    pub field: usize,
    pub text: String,
    pub end: End,
    /// The field has text the user gave, which the output replaces.
    pub replaces: bool,
    /// Benchmark results read from the output, read once when it ended.
    pub benches: Option<Box<Import>>,
}

/// Benchmark results recognized in a command's output, offered for the metric fields.
#[derive(Debug, Clone)]
pub struct MetricsOffer {
    pub import: Import,
    /// The benchmark chosen (when there are several).
    pub cursor: usize,
    /// The one-line metric field the command ran into, waiting for its value: it gets
    /// the chosen benchmark's measure, not a line of raw output.
    pub into: Option<Pending>,
}

/// A one-line metric field a command's benchmark output goes into once the user says
/// which benchmark and role.
#[derive(Debug, Clone)]
pub struct Pending {
    pub field: usize,
    /// The output's first line, what the field gets when the offer is declined or the
    /// results lack its metric.
    pub first_line: String,
}

impl App {
    /// The command running, if one is.
    pub fn command(&self) -> Option<&Running> {
        self.command.as_ref()
    }

    /// Whether work runs in the background (the loop then wakes more often).
    pub fn busy(&self) -> bool {
        self.command.is_some() || self.detecting.is_some()
    }

    /// Whether `action` applies to what has the focus; when not, its key goes to the
    /// field (Ctrl-D deletes a character outside Environment fields).
    pub fn offers(&self, action: Action) -> bool {
        let Screen::Form(form) = &self.screen else {
            return !matches!(action, Action::RunCommand | Action::Detect);
        };
        match action {
            Action::RunCommand => text_field(form).is_some(),
            Action::Detect => {
                text_field(form)
                    .and_then(|f| environment::wants(&form.form().fields[f].label))
                    .is_some()
                    || os_choice(form).is_some()
            }
            _ => true,
        }
    }

    /// Opens `modal`, or queues it behind the dialog that is open (a command can end
    /// while another question is on screen).
    fn ask(&mut self, modal: Modal) {
        if self.modal.is_some() {
            self.queued.push(modal);
        } else {
            self.modal = Some(modal);
        }
    }

    /// Ctrl-R: asks for the command line (the history comes first).
    pub(super) fn ask_command(&mut self) -> Vec<Effect> {
        if self.command.is_some() {
            self.notice = Some(Notice::problem(
                "a command is running; Esc stops it".to_owned(),
            ));
            return Vec::new();
        }
        let Screen::Form(form) = &self.screen else {
            return Vec::new();
        };
        let Some(field) = text_field(form) else {
            return Vec::new();
        };
        let source = form.model().source().clone();
        vec![Effect::AskCommand { field, source }]
    }

    pub(super) fn prompt(&mut self, field: usize, history: &History) {
        let Some(form) = self.screen.form() else {
            return;
        };
        let id = &form.form().fields[field].id;
        // Only this field's last line: one run into another field is ↑ away.
        let first = history.last_for(id).unwrap_or("").to_owned();
        self.modal = Some(Modal::Command(Box::new(Prompt {
            field,
            line: LineEdit::new(&first),
            recent: history.recent.clone(),
            at: None,
            selected: !first.is_empty(),
            first,
        })));
    }

    pub(super) fn prompt_key(&mut self, mut prompt: Box<Prompt>, key: KeyEvent) -> Vec<Effect> {
        match key.code {
            KeyCode::Esc => {}
            KeyCode::Enter if !prompt.line.text().trim().is_empty() => {
                return self.start_command(prompt.field, prompt.line.text().trim());
            }
            KeyCode::Up | KeyCode::Down => {
                let up = key.code == KeyCode::Up;
                prompt.at = match prompt.at {
                    None if up && !prompt.recent.is_empty() => Some(0),
                    Some(i) if up => Some((i + 1).min(prompt.recent.len() - 1)),
                    Some(0) | None => None,
                    Some(i) => Some(i - 1),
                };
                let text = prompt.at.map_or(&prompt.first, |i| &prompt.recent[i]);
                prompt.line = LineEdit::new(text);
                prompt.selected = false;
                self.modal = Some(Modal::Command(prompt));
            }
            _ => {
                prompt.edit(key);
                self.modal = Some(Modal::Command(prompt));
            }
        }
        Vec::new()
    }

    fn start_command(&mut self, field: usize, line: &str) -> Vec<Effect> {
        let Some(form) = self.screen.form() else {
            return Vec::new();
        };
        let effects = vec![
            Effect::RememberCommand {
                source: form.model().source().clone(),
                field_id: form.form().fields[field].id.to_string(),
                line: line.to_owned(),
            },
            Effect::RunCommand {
                line: line.to_owned(),
            },
        ];
        self.command = Some(Running {
            field,
            line: line.to_owned(),
            started: self.clock,
            lines: Vec::new(),
            stopping: false,
        });
        effects
    }

    /// Esc while a command runs stops it.
    pub(super) fn stop_command(&mut self) -> Vec<Effect> {
        match &mut self.command {
            Some(running) if !running.stopping => {
                running.stopping = true;
                vec![Effect::StopCommand]
            }
            _ => Vec::new(),
        }
    }

    /// The command is running since `at`: the clock (the last tick, maybe long ago when
    /// nothing moved) catches up, so the elapsed time starts at zero.
    pub(super) fn command_started(&mut self, at: Instant) {
        self.clock = self.clock.max(at);
        if let Some(running) = &mut self.command {
            running.started = at;
        }
    }

    pub(super) fn progress(&mut self, lines: Vec<String>) {
        if let Some(running) = &mut self.command {
            running.lines = lines;
        }
    }

    pub(super) fn finished(&mut self, finished: Finished) {
        let Some(running) = self.command.take() else {
            return;
        };
        let text = sanitize::clean(&finished.output);
        let unchanged = match &finished.end {
            End::Stopped => Some(format!(
                "stopped `{}`; the field is unchanged",
                running.line
            )),
            End::NotStarted(why) => Some(format!("`{}` did not start: {why}", running.line)),
            end if text.trim().is_empty() => Some(format!(
                "`{}` printed nothing ({end}); the field is unchanged",
                running.line
            )),
            _ => None,
        };
        if let Some(message) = unchanged {
            self.notice = Some(Notice::new(message, finished.end != End::Stopped));
            return;
        }
        let replaces = self.screen.form().is_some_and(|f| {
            !metrics::fill::untouched(
                &f.form().fields[running.field],
                &f.answers().values[running.field],
            )
        });
        let benches = metrics::parse("the command's output", &text)
            .ok()
            .map(Box::new);
        let kept = Kept {
            field: running.field,
            text,
            end: finished.end,
            replaces,
            benches,
        };
        if kept.replaces || !kept.end.success() {
            self.ask(Modal::KeepOutput(Box::new(kept)));
        } else {
            self.keep(&kept);
        }
    }

    pub(super) fn keep_key(&mut self, kept: Box<Kept>, key: KeyEvent) {
        match key.code {
            KeyCode::Char('y' | 'Y') | KeyCode::Enter => self.keep(&kept),
            // Results after the change: they go to the metrics' Actual column, and the
            // field keeps what it holds (the baseline's output, say).
            KeyCode::Char('a' | 'A') if kept.replaces && kept.benches.is_some() => {
                let Some(import) = kept.benches else {
                    return;
                };
                let offer = self.offer(*import);
                if offer.import.benches.len() > 1 {
                    self.modal = Some(Modal::Metrics(Box::new(offer)));
                } else {
                    self.fill_metrics(&offer, metrics::Role::Actual);
                }
            }
            KeyCode::Char('n' | 'N') | KeyCode::Esc => {
                self.notice = Some(Notice::info(
                    "the output was dropped; the field is unchanged",
                ));
            }
            _ => self.modal = Some(Modal::KeepOutput(kept)),
        }
    }

    /// Puts the output in its field, then offers benchmark results for the metrics.
    fn keep(&mut self, kept: &Kept) {
        let clock = self.clock;
        let Some(form) = self.screen.form_mut() else {
            return;
        };
        let one_line = matches!(&*form.widget(kept.field), Widget::Text(_));
        let first_line = kept
            .text
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        let label = form.form().fields[kept.field].label.clone();
        // Benchmark results run into a one-line metric field: the field waits for the
        // benchmark and role, then gets its measure rather than the output's first line.
        if one_line
            && metrics::words::metric(&label).is_some()
            && let Some(import) = &kept.benches
        {
            let mut offer = self.offer((**import).clone());
            offer.into = Some(Pending {
                field: kept.field,
                first_line: first_line.to_owned(),
            });
            self.notice = Some(Notice::info(format!(
                "benchmark results: {label} gets the chosen benchmark's value"
            )));
            self.ask(Modal::Metrics(Box::new(offer)));
            return;
        }
        let text = if one_line {
            first_line
        } else {
            kept.text.as_str()
        };
        form.set_text(kept.field, text, clock);
        self.notice = Some(Notice::info(format!("the output fills {label}")));
        if let Some(import) = &kept.benches {
            let offer = self.offer((**import).clone());
            self.ask(Modal::Metrics(Box::new(offer)));
        }
    }

    /// The offer declined: a field waiting for a value gets the output's first line.
    fn decline(&mut self, offer: &MetricsOffer) {
        let clock = self.clock;
        let (Some(into), Some(form)) = (&offer.into, self.screen.form_mut()) else {
            return;
        };
        form.set_text(into.field, &into.first_line, clock);
        let label = &form.form().fields[into.field].label;
        self.notice = Some(Notice::info(format!(
            "the output's first line fills {label}"
        )));
    }

    /// Benchmark results offered, on the benchmark taken as the baseline before (the
    /// same GOMAXPROCS variant too) when they hold it, else on the first.
    fn offer(&self, import: Import) -> MetricsOffer {
        let cursor = self
            .baseline_bench
            .as_deref()
            .and_then(|name| import.benches.iter().position(|b| b.name == name))
            .unwrap_or(0);
        MetricsOffer {
            import,
            cursor,
            into: None,
        }
    }

    pub(super) fn metrics_key(&mut self, mut offer: Box<MetricsOffer>, key: KeyEvent) {
        let count = offer.import.benches.len();
        let role = match key.code {
            KeyCode::Esc | KeyCode::Char('n' | 'N') => {
                self.decline(&offer);
                return;
            }
            KeyCode::Up => {
                offer.cursor = offer.cursor.saturating_sub(1);
                None
            }
            KeyCode::Down => {
                offer.cursor = (offer.cursor + 1).min(count.saturating_sub(1));
                None
            }
            // The dialog shows eight benchmarks.
            KeyCode::PageUp => {
                offer.cursor = offer.cursor.saturating_sub(8);
                None
            }
            KeyCode::PageDown => {
                offer.cursor = (offer.cursor + 8).min(count.saturating_sub(1));
                None
            }
            KeyCode::Home => {
                offer.cursor = 0;
                None
            }
            KeyCode::End => {
                offer.cursor = count.saturating_sub(1);
                None
            }
            KeyCode::Char('b' | 'B') | KeyCode::Enter => Some(metrics::Role::Baseline),
            KeyCode::Char('a' | 'A') => Some(metrics::Role::Actual),
            _ => None,
        };
        match role {
            Some(role) => self.fill_metrics(&offer, role),
            None => self.modal = Some(Modal::Metrics(offer)),
        }
    }

    fn fill_metrics(&mut self, offer: &MetricsOffer, role: metrics::Role) {
        let clock = self.clock;
        let Some(form) = self.screen.form_mut() else {
            return;
        };
        let bench = offer
            .import
            .benches
            .get(offer.cursor)
            .map(|b| b.name.clone());
        if role == metrics::Role::Baseline {
            self.baseline_bench.clone_from(&bench);
        }
        let imports = vec![offer.import.clone()];
        let inputs = match role {
            metrics::Role::Baseline => Inputs {
                baseline: imports,
                ..Inputs::default()
            },
            metrics::Role::Actual => Inputs {
                actual: imports,
                ..Inputs::default()
            },
        };
        let inputs = Inputs {
            bench: bench.clone(),
            ..inputs
        };
        let mut answers = form.answers().clone();
        // The field the command ran into is filled as if empty: the user asked for it.
        if let Some(into) = &offer.into {
            answers.values[into.field] = Value::Text(String::new());
        }
        let result = metrics::fill(form.form(), &mut answers, &inputs);
        let Some(into) = &offer.into else {
            self.notice = Some(match result {
                Ok(report) if report.filled == 0 => Notice::problem(report.notes.join("; ")),
                Ok(report) => {
                    form.fill_from(&answers, clock);
                    Notice::new(filled_text(report.filled, &report.notes), false)
                }
                Err(err) => Notice::problem(err.to_string()),
            });
            return;
        };
        let label = form.form().fields[into.field].label.clone();
        let by_fill = !answers.values[into.field].as_text().trim().is_empty();
        let own = if by_fill {
            Some(answers.values[into.field].as_text().to_owned())
        } else {
            metrics::fill::metric_text(&label, &inputs, role)
        };
        let (filled, notes, problem) = match result {
            Ok(report) => (report.filled - usize::from(by_fill), report.notes, None),
            Err(err) => {
                // Nothing else filled; the field still gets the output.
                answers = form.answers().clone();
                (0, Vec::new(), Some(err.to_string()))
            }
        };
        let from = bench.map_or(String::new(), |b| format!(" from {b}"));
        let head = match &own {
            Some(text) => format!("{label}: {text}{from}"),
            None => format!(
                "the results{from} have no value for {label}; it got the output's first line"
            ),
        };
        answers.values[into.field] =
            Value::Text(own.clone().unwrap_or_else(|| into.first_line.clone()));
        form.fill_from(&answers, clock);
        let mut text = match (&problem, filled) {
            (Some(problem), _) => format!("{head}; {problem}"),
            (None, 0) => head,
            (None, n) => {
                let s = if n == 1 { "" } else { "s" };
                format!("{head}; the benchmark results filled {n} more empty field{s} or cell{s}")
            }
        };
        // What could not be used (the rest says the form has nothing more to fill).
        for note in notes
            .iter()
            .filter(|n| !n.starts_with("the metrics filled nothing"))
        {
            text.push_str("; ");
            text.push_str(note);
        }
        self.notice = Some(Notice::new(text, own.is_none() || problem.is_some()));
    }

    /// Ctrl-D on an Environment / OS / Version field; on an OS choice, the option that
    /// names this system is selected.
    pub(super) fn detect(&mut self) -> Vec<Effect> {
        let clock = self.clock;
        if let Screen::Form(form) = &mut self.screen
            && let Some(f) = os_choice(form)
        {
            self.notice = Some(select_os(form, f, clock));
            return Vec::new();
        }
        let Screen::Form(form) = &self.screen else {
            return Vec::new();
        };
        let Some(field) = text_field(form) else {
            return Vec::new();
        };
        let Some(want) = environment::wants(&form.form().fields[field].label) else {
            return Vec::new();
        };
        self.detecting = Some(Detecting {
            field,
            place: form.place(field),
        });
        self.notice = Some(Notice::info("detecting the environment…".to_owned()));
        vec![Effect::Detect { field, want }]
    }

    /// The result of Ctrl-D. It goes where the cursor was when Ctrl-D was pressed;
    /// when the field was typed in or its cursor moved meanwhile, that place is gone,
    /// and it goes after what is there instead of into the middle of it.
    pub(super) fn detected(&mut self, field: usize, text: String) {
        let pressed = self.detecting.take();
        self.notice = None;
        if text.trim().is_empty() {
            let looked = self.screen.form().and_then(|form| {
                environment::wants(&form.form().fields.get(field)?.label)
                    .map(environment::looked_for)
            });
            let text = match looked {
                Some(looked) => format!("nothing could be detected ({looked})"),
                None => "nothing could be detected".to_owned(),
            };
            self.notice = Some(Notice::problem(text));
            return;
        }
        let at_end = match (pressed, self.screen.form()) {
            (Some(pressed), Some(form)) if pressed.field == field => {
                form.place(field) != pressed.place
            }
            _ => false,
        };
        self.ask(Modal::Detected {
            field,
            text,
            at_end,
        });
    }

    pub(super) fn detected_key(&mut self, field: usize, text: String, at_end: bool, key: KeyEvent) {
        match key.code {
            KeyCode::Enter => {
                let clock = self.clock;
                if let Some(form) = self.screen.form_mut() {
                    form.insert_text(field, &text, at_end, clock);
                }
            }
            KeyCode::Esc => {}
            _ => {
                self.modal = Some(Modal::Detected {
                    field,
                    text,
                    at_end,
                });
            }
        }
    }
}

/// Ctrl-D pressed: the field, and its value and text cursor at that moment.
#[derive(Debug, Clone)]
pub(super) struct Detecting {
    field: usize,
    place: (crate::form::Value, Option<(usize, usize)>),
}

/// The focused field when it takes text (a one-line field, a text area, code).
/// The focused field when it is a choice or checkboxes about the operating system.
fn os_choice(form: &FormState) -> Option<usize> {
    let Focus::Field(f) = form.focus() else {
        return None;
    };
    let field = &form.form().fields[f];
    let about_os = matches!(
        environment::wants(&field.label),
        Some(environment::Want::Os | environment::Want::All)
    );
    (about_os && !field.kind.options().is_empty()).then_some(f)
}

/// Selects (or ticks, beside what is ticked) the option of field `f` naming this system.
fn select_os(form: &mut FormState, f: usize, now: Instant) -> Notice {
    let os = std::env::consts::OS;
    let field = &form.form().fields[f];
    let labels: Vec<String> = field
        .kind
        .options()
        .iter()
        .map(|o| o.label.clone())
        .collect();
    let Some(i) = environment::os_option(os, &labels) else {
        return Notice::problem(format!("no option names this system ({os})"));
    };
    let single = matches!(field.kind, crate::form::FieldKind::Choice { .. });
    let mut answers = form.answers().clone();
    if let crate::form::Value::Select(sel) = &mut answers.values[f] {
        if single {
            sel.checked.iter_mut().for_each(|c| *c = false);
            sel.custom.clear();
        }
        if let Some(tick) = sel.checked.get_mut(i) {
            *tick = true;
        }
    }
    form.fill_from(&answers, now);
    Notice::info(format!("selected {} (detected)", labels[i]))
}

fn text_field(form: &FormState) -> Option<usize> {
    match form.focus() {
        Focus::Field(f) => form.widget(f).takes_text().then_some(f),
        Focus::Header(_) => None,
    }
}

/// What a fill did, with what it could not do.
fn filled_text(filled: usize, notes: &[String]) -> String {
    let s = if filled == 1 { "" } else { "s" };
    let mut text = format!("the benchmark results filled {filled} empty field{s} or cell{s}");
    for note in notes {
        text.push_str("; ");
        text.push_str(note);
    }
    text
}
