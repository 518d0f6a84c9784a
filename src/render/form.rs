//! Issue forms back to markdown, as GitHub writes them: `### Label`, a blank line, the
//! answer or `_No response_`.

use std::fmt::Write as _;

use super::shape::{fenced, inline_value, multiline};
use crate::form::{Answers, FieldKind, Form, Value};

/// `### Label`, a blank line, the answer (or `_No response_`), as GitHub writes forms.
pub(super) fn form_body(form: &Form, answers: &Answers) -> String {
    let mut out = String::new();
    for (i, field) in form.fields.iter().enumerate() {
        let value = &answers.values[i];
        if !out.is_empty() {
            out.push('\n');
        }
        let _ = write!(out, "### {}\n\n", field.label);
        let text = match (&field.kind, value) {
            (FieldKind::Code { language }, Value::Text(t)) if !t.trim().is_empty() => {
                fenced(&multiline(t), '`', 3, language)
                    .trim_end()
                    .to_owned()
            }
            (FieldKind::Checkboxes { options }, Value::Select(sel)) => options
                .iter()
                .zip(&sel.checked)
                .map(|(o, c)| format!("- [{}] {}", if *c { 'X' } else { ' ' }, o.label))
                .collect::<Vec<_>>()
                .join("\n"),
            (_, Value::Text(t)) => multiline(t),
            _ => inline_value(form, answers, i),
        };
        out.push_str(if text.trim().is_empty() {
            "_No response_"
        } else {
            &text
        });
        out.push('\n');
    }
    out
}
