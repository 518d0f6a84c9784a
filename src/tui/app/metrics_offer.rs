//! Benchmark results read from a command's output, offered for the metric fields: the
//! benchmark and role chosen in a dialog, the metrics filled, and a one-line metric
//! field the command ran into given the chosen benchmark's measure.

use crossterm::event::{KeyCode, KeyEvent};

use super::msg::Notice;
use super::{App, Modal};
use crate::form::Value;
use crate::metrics::{self, Import, Inputs};

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
    pub(super) fn offer(&self, import: Import) -> MetricsOffer {
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

    pub(super) fn fill_metrics(&mut self, offer: &MetricsOffer, role: metrics::Role) {
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
