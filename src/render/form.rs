//! Issue forms back to markdown, as GitHub writes them: for each element but markdown,
//! `### Label`, a blank line and the value, elements joined by one blank line, no
//! trailing newline. [`FormsFormat::Legacy`] gives the 2021-22 variant for automation
//! written against it.

use std::fmt::Write as _;

use super::shape::{fenced, inline_value, multiline};
use crate::form::{Answers, FieldKind, Form, Selection, Value};
use crate::template::layout::FormPiece;
use crate::text::sanitize;

/// Which body format issue forms render to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum FormsFormat {
    /// What GitHub writes today (the default).
    #[default]
    Current,
    /// The 2021-22 format: `- [X]`, an empty `render:` area as `_No response_`, and a
    /// trailing newline.
    Legacy,
}

const NO_RESPONSE: &str = "_No response_";

/// The issue body of a form: its fields in order, and the markdown elements whose
/// `visible` list includes `content` (Gitea and Forgejo) as written.
pub(super) fn form_body(
    form: &Form,
    answers: &Answers,
    pieces: &[FormPiece],
    format: FormsFormat,
) -> String {
    let parts: Vec<String> = pieces
        .iter()
        .map(|piece| match piece {
            FormPiece::Field { field: i, .. } => field_part(form, answers, *i, format),
            FormPiece::Markdown(text) => text.clone(),
        })
        .collect();
    let mut body = parts.join("\n\n");
    if format == FormsFormat::Legacy && !body.is_empty() {
        body.push('\n');
    }
    body
}

/// One field's part of the body: `### Label`, a blank line and the value.
pub(super) fn field_part(form: &Form, answers: &Answers, i: usize, format: FormsFormat) -> String {
    let value = match format {
        FormsFormat::Current => value_text(form, answers, i),
        FormsFormat::Legacy => legacy_value(form, answers, i),
    };
    format!("### {}\n\n{value}", form.fields[i].label)
}

/// What goes under a field's `### Label` in GitHub's current format.
fn value_text(form: &Form, answers: &Answers, i: usize) -> String {
    let field = &form.fields[i];
    match (&field.kind, &answers.values[i]) {
        (FieldKind::Code { language }, Value::Text(t)) => {
            // An empty block is still a block: GitHub writes the fences around nothing.
            fenced(&typed(t), '`', 3, language).trim_end().to_owned()
        }
        // GitHub's `input` holds one line: a newline from an answers file or `--set`
        // would start a `### Heading` of its own in the body.
        (FieldKind::Text, Value::Text(t)) => or_no_response(sanitize::flatten(&typed(t))),
        (_, Value::Text(t)) => or_no_response(typed(t)),
        (FieldKind::Checkboxes { options }, Value::Select(sel)) => options
            .iter()
            .zip(&sel.checked)
            .map(|(o, &c)| format!("- [{}] {}", if c { 'x' } else { ' ' }, o.label))
            .collect::<Vec<_>>()
            .join("\n"),
        (FieldKind::Choice { options, .. }, Value::Select(sel)) => {
            let chosen = chosen(options.iter().map(|o| o.label.as_str()), sel);
            if chosen.is_empty() && !field.required {
                // GitHub offers "None" first in an optional dropdown; left alone, it is sent.
                "None".to_owned()
            } else {
                or_no_response(chosen)
            }
        }
        (FieldKind::MultiChoice { options }, Value::Select(sel)) => {
            or_no_response(chosen(options.iter().map(|o| o.label.as_str()), sel))
        }
        (_, Value::List(items)) => or_no_response(
            items
                .iter()
                .map(|i| sanitize::one_line(i).trim().to_owned())
                .filter(|i| !i.is_empty())
                .fold(String::new(), |mut out, item| {
                    let _ = writeln!(out, "- {item}");
                    out
                })
                .trim_end()
                .to_owned(),
        ),
        // Form fields are text or selections; a table never comes from a form.
        (_, Value::Select(_) | Value::Table(_)) => NO_RESPONSE.to_owned(),
    }
}

/// What went under a field's `### Label` in the 2021-22 format.
fn legacy_value(form: &Form, answers: &Answers, i: usize) -> String {
    let text = match (&form.fields[i].kind, &answers.values[i]) {
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
        (FieldKind::Text, Value::Text(t)) => sanitize::flatten(&typed(t)),
        (_, Value::Text(t)) => multiline(t),
        _ => inline_value(form, answers, i),
    };
    or_no_response(text)
}

/// Chosen options in option order, joined by `, `.
fn chosen<'a>(labels: impl Iterator<Item = &'a str>, sel: &Selection) -> String {
    labels
        .zip(&sel.checked)
        .filter(|(_, c)| **c)
        .map(|(l, _)| l)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The text as typed: safe characters, LF, trailing newlines and spaces trimmed.
fn typed(text: &str) -> String {
    sanitize::clean(text).trim_end().to_owned()
}

fn or_no_response(text: String) -> String {
    if text.trim().is_empty() {
        NO_RESPONSE.to_owned()
    } else {
        text
    }
}
