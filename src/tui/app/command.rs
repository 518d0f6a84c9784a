//! A command run into a field (Ctrl-R): the prompt with the recent lines, the command
//! running in the background (effects out, messages back), and its output kept in the
//! field, asked about first when it failed or would replace what the user typed.
//! Benchmark results in the output are offered for the metric fields
//! (`metrics_offer`); Ctrl-D detects the environment (`detect`).

use std::time::Instant;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::super::field::Widget;
use super::super::field::line::LineEdit;
use super::super::keymap::Action;
use super::detect::os_choice;
use super::metrics_offer::Pending;
use super::msg::Notice;
use super::{App, Effect, Focus, FormState, Modal, Screen};
use crate::environment;
use crate::history::History;
use crate::metrics::{self, Import};
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
    pub(super) fn ask(&mut self, modal: Modal) {
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
}

/// The focused field when it takes text (a one-line field, a text area, code).
pub(super) fn text_field(form: &FormState) -> Option<usize> {
    match form.focus() {
        Focus::Field(f) => form.widget(f).takes_text().then_some(f),
        Focus::Header(_) => None,
    }
}
