//! What a prefilled "new issue" link carries besides title and labels: the template's
//! file name, and for issue forms one value per input, textarea and dropdown that GitHub
//! knows by its `id`.

use crate::form::{Answers, FieldKind, Value};
use crate::template::layout::FormPiece;
use crate::template::{Layout, Template};
use crate::text::sanitize;

/// The parts of a prefilled link that come from the template.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prefill {
    /// The template's file name, when it is a repository's template (not a built-in).
    pub template: Option<String>,
    /// Whether the template is an issue form (fields by id) or markdown (the body).
    pub form: bool,
    /// `(id, value)` for each form field with a value.
    pub fields: Vec<(String, String)>,
    /// The labels of answered form fields a link cannot carry: those without an `id`,
    /// and checkboxes (GitHub prefills neither).
    pub left_out: Vec<String>,
}

/// The prefill for `answers` to `template`.
pub fn prefill(template: &Template, answers: &Answers) -> Prefill {
    let file = template.file.rsplit('/').next().unwrap_or(&template.file);
    let builtin = template.file.starts_with("builtin:");
    let mut out = Prefill {
        template: (!builtin && !file.is_empty()).then(|| file.to_owned()),
        form: matches!(template.layout, Layout::Form(_)),
        fields: Vec::new(),
        left_out: Vec::new(),
    };
    let Layout::Form(pieces) = &template.layout else {
        return out;
    };
    for piece in pieces {
        let FormPiece::Field { field, id } = piece else {
            continue;
        };
        let form_field = &template.form.fields[*field];
        let kind = &form_field.kind;
        let answer = &answers.values[*field];
        let Some(id) = id
            .as_ref()
            .filter(|_| !matches!(kind, FieldKind::Checkboxes { .. }))
        else {
            if !answer.is_empty() && *answer != form_field.default {
                out.left_out.push(form_field.label.to_string());
            }
            continue;
        };
        let value = match (kind, answer) {
            (
                FieldKind::Choice { options, .. } | FieldKind::MultiChoice { options },
                Value::Select(sel),
            ) => options
                .iter()
                .zip(&sel.checked)
                .filter(|(_, c)| **c)
                .map(|(o, _)| o.label.clone())
                .collect::<Vec<_>>()
                .join(","),
            (FieldKind::Checkboxes { .. }, _) => continue,
            (_, Value::Text(text)) => sanitize::clean(text).trim_end().to_owned(),
            _ => continue,
        };
        if !value.trim().is_empty() {
            out.fields.push((id.clone(), value));
        }
    }
    out
}
