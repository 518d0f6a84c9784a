//! Whether a field's answer counts as filled, or still holds the template's example:
//! what the form's header counts, the sidebar marks, and the review, plain mode and
//! `render` warn about.

use super::{Answers, Form, Value};

/// What an untouched field's default is to the person filling the form.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Defaults {
    /// The template's own text (a markdown template's sample code, output, links):
    /// sent as written unless replaced, so an untouched optional field still holds
    /// the template's example.
    #[default]
    Examples,
    /// Answers given in advance: an issue form's `value:` (and a dropdown's
    /// `default:`), which GitHub pre-fills and submits as written (its hint is
    /// `placeholder:`, never submitted). An untouched field counts as filled.
    Answers,
}

/// How many fields still holding the template's example `render` and plain mode name on
/// standard error before `… and N more` (a large template had 2,741 on one line).
pub const EXAMPLES_NAMED: usize = 5;

impl Form {
    /// Which fields count as filled when the form opens with `answers` ([`is_filled`]
    /// of each; an untouched field's value is its default, filled when required or when
    /// the defaults are answers). `untouched`: no value is set yet (no draft); then only
    /// the required fields can be filled, and only they are read ([`Form::required`]:
    /// reading every field was a cache miss a field, 1.5 ms for 100,000 headings).
    ///
    /// [`is_filled`]: Form::is_filled
    pub fn filled_at_open(&self, answers: &Answers, untouched: bool) -> Vec<bool> {
        let answered = self.defaults == Defaults::Answers;
        if untouched && !answered {
            let mut filled = vec![false; self.fields.len()];
            for &i in &self.required {
                let i = i as usize;
                filled[i] = !self.fields[i].default.is_empty();
            }
            return filled;
        }
        (0..self.fields.len())
            .map(|i| {
                let field = &self.fields[i];
                if answers.values.is_set(i) {
                    self.is_filled(i, &answers.values[i])
                } else {
                    (answered || field.required) && !field.default.is_empty()
                }
            })
            .collect()
    }

    /// Whether a field counts as filled: it has content the user gave or kept on purpose
    /// (a required field's default, or any default of an issue form, is sent).
    pub fn is_filled(&self, field: usize, value: &Value) -> bool {
        let f = &self.fields[field];
        !value.is_empty()
            && (self.defaults == Defaults::Answers || f.required || value != &f.default)
    }

    /// Whether a field still holds the template's own text (its example code, sample
    /// output, links): not empty, untouched, and not counted as filled. It is sent as
    /// written, so the review warns about it (choices are left out: a preselected
    /// option is a default, not an example; an issue form's defaults are answers).
    pub fn holds_example(&self, field: usize, value: &Value) -> bool {
        // Not filled: equal to the default and not required. An untouched field's value
        // is its default itself, known equal without comparing them (a table's cells).
        let f = &self.fields[field];
        self.defaults == Defaults::Examples
            && !matches!(value, Value::Select(_))
            && !value.is_empty()
            && !f.required
            && (std::ptr::eq(value, &raw const f.default) || value == &f.default)
    }

    /// The fields that still hold the template's example, in order.
    pub fn examples(&self, answers: &Answers) -> Vec<usize> {
        (0..self.fields.len())
            .filter(|&i| self.holds_example(i, &answers.values[i]))
            .collect()
    }

    /// `N fields still hold the template's example: A, B` for `fields` (from
    /// [`Form::examples`]), or `None` when there are none: the review, plain mode and
    /// `render` say it alike. At most `most` are named, then `… and N more` (the review
    /// names them all and cuts its line to the screen's width).
    pub fn examples_note(&self, fields: &[usize], most: usize) -> Option<String> {
        let name = |f: usize| {
            let field = &self.fields[f];
            let section = self.sections.get(field.section()).map_or("", |s| &*s.title);
            [&*field.label, section, &*field.id]
                .into_iter()
                .find(|s| !s.trim().is_empty())
                .unwrap_or_default()
        };
        let labels: Vec<&str> = fields.iter().take(most).map(|&f| name(f)).collect();
        let more = match fields.len().saturating_sub(most) {
            0 => String::new(),
            n => format!(" … and {n} more"),
        };
        match fields.len() {
            0 => None,
            1 => Some(format!(
                "1 field still holds the template's example: {}",
                labels.concat()
            )),
            n => Some(format!(
                "{n} fields still hold the template's example: {}{more}",
                labels.join(", ")
            )),
        }
    }
}
