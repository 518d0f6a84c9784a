//! A template the reader refused: its problems, with the issue-form rules that still
//! apply to what could not be read, so every problem of the file is listed at once.

use super::{Finding, Report, severity};
use crate::discover::{self, Source};
use crate::template::{Severity, lint};

impl Report {
    /// A template that could not be read: the reader's problems, with the issue-form
    /// rules that still apply.
    pub(super) fn refused(&mut self, err: &anyhow::Error, source: &Source, name: &str) {
        let located = err.downcast_ref::<crate::LocatedError>();
        let (file, line, col, message) = match located {
            Some(l) => (l.file.clone(), l.line, l.col, l.message.clone()),
            None => (name.to_owned(), 1, 1, discover::layout::why_unread(err)),
        };
        // The reader stops at the first problem; the rules go on, so every
        // problem of the file is listed at once.
        let rules = if crate::yaml::is_budget_message(&message) {
            Rules::default()
        } else {
            Report::issue_form_rules(source, name, (line, col))
        };
        if !rules.covers_first {
            self.error(&file, line, col, message);
        }
        // The reader's further problems (front matter lists them all), unless a
        // rule says the same at the same place.
        for m in located.map_or(&[][..], |l| &l.more) {
            let said = rules
                .findings
                .iter()
                .any(|f| f.severity == "error" && (f.line, f.column) == (m.line, m.col));
            if !said {
                self.error(&m.file, m.line, m.col, m.message.clone());
            }
        }
        self.findings.extend(rules.findings);
    }

    /// The issue-form rules of a form that could not be read. `first` is where the
    /// reader stopped: when a rule reports an error in the element there, that says the
    /// same more exactly, and `covers_first` is set.
    fn issue_form_rules(source: &Source, name: &str, first: (usize, usize)) -> Rules {
        let mut rules = Rules::default();
        let Source::File(path) = source else {
            return rules;
        };
        let yaml = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("yml") || e.eq_ignore_ascii_case("yaml"));
        if !yaml {
            return rules;
        }
        let Ok(bytes) = discover::read_limited(path) else {
            return rules;
        };
        let text = String::from_utf8_lossy(&bytes);
        let end = block_end(&text, first);
        for p in lint::issue_form(&text, &path.to_string_lossy()) {
            // At the same place, or in the element the reader stopped in (an error of
            // the whole file, at 1:1, is not an element's).
            let same_place = (p.line, p.col) == first;
            let in_element = first.1 > 1 && (first.0..end).contains(&p.line);
            if p.severity == Severity::Error && (same_place || in_element) {
                rules.covers_first = true;
            }
            rules.findings.push(Finding {
                file: name.to_owned(),
                line: p.line,
                column: p.col,
                severity: severity(p.severity),
                message: p.message,
            });
        }
        rules
    }

    /// This file's findings (the last ones) in the file's order.
    pub(super) fn sort_file(&mut self, name: &str) {
        let start = self
            .findings
            .iter()
            .position(|f| f.file == name)
            .unwrap_or(self.findings.len());
        self.findings[start..].sort_by_key(|f| (f.line, f.column));
    }
}

/// What the issue-form rules found in a form the reader refused.
#[derive(Default)]
struct Rules {
    findings: Vec<Finding>,
    covers_first: bool,
}

/// The line after the YAML block that starts at `(line, col)`: the first later line
/// that is not blank and starts left of `col`.
fn block_end(text: &str, (line, col): (usize, usize)) -> usize {
    text.lines()
        .enumerate()
        .skip(line)
        .find(|(_, l)| {
            let indent = l.len() - l.trim_start().len();
            !l.trim().is_empty() && indent + 1 < col
        })
        .map_or(usize::MAX, |(i, _)| i + 1)
}
