//! One answer resolved against the form: the field its key names (an id, a unique
//! label, a slug of either) and the value its JSON reads as for that field's kind.

use serde_json::Value as Json;

use super::super::{Answers, Field, FieldKind, Form, Labels, Opt, Selection, Value};
use super::AnswerError;
use crate::text::{sanitize, slug, slug_path};
use crate::yaml::scalar;

/// Finds the field a key names: its id, a unique label, or a slug of either.
pub fn resolve_key(form: &Form, key: &str) -> Result<usize, AnswerError> {
    let k = key.trim();
    if let Some(i) = form
        .fields
        .iter()
        .position(|f| f.id.eq_ignore_ascii_case(k))
    {
        return Ok(i);
    }
    let by_label: Vec<usize> = (0..form.fields.len())
        .filter(|&i| {
            form.fields[i].label.eq_ignore_ascii_case(k) || slug(&form.fields[i].label) == slug(k)
        })
        .collect();
    let by_slug: Vec<usize> = (0..form.fields.len())
        .filter(|&i| *form.fields[i].id == slug_path(k))
        .collect();
    let matches = if by_label.is_empty() {
        by_slug
    } else {
        by_label
    };
    let ids = |list: &[usize]| {
        list.iter()
            .map(|&i| &*form.fields[i].id)
            .collect::<Vec<_>>()
            .join(", ")
    };
    match matches.as_slice() {
        [one] => Ok(*one),
        [] => {
            let slug = slug(k);
            let near: Vec<usize> = (0..form.fields.len())
                .filter(|&i| !slug.is_empty() && form.fields[i].id.contains(&slug))
                .collect();
            let all: Vec<usize> = (0..form.fields.len()).collect();
            Err(AnswerError::Unknown {
                key: key.to_owned(),
                candidates: named(form, if near.is_empty() { &all } else { &near }),
            })
        }
        many => Err(AnswerError::Ambiguous {
            key: key.to_owned(),
            candidates: ids(many),
        }),
    }
}

/// The fields' ids, each with its label where the id does not say it (`preamble
/// (Description)`: the blank issue's one field, answered as `description` too), so a
/// list of ids as long as go-performance's stays as it was; a label past
/// [`LABEL_CHARS`] is cut with `…` (some are questions with a link in them).
fn named(form: &Form, list: &[usize]) -> String {
    let mut out = String::new();
    for &i in list {
        let field = &form.fields[i];
        if !out.is_empty() {
            out.push_str(", ");
        }
        out.push_str(&field.id);
        let label = field.label.trim();
        if !label.is_empty() && !says_label(&field.id, &slug(label)) {
            out.push_str(" (");
            match label.char_indices().nth(LABEL_CHARS) {
                Some((cut, _)) => {
                    out.push_str(label[..cut].trim_end());
                    out.push('…');
                }
                None => out.push_str(label),
            }
            out.push(')');
        }
    }
    out
}

/// The most characters of a label a list of fields shows.
const LABEL_CHARS: usize = 40;

/// Whether `id`'s last part is the label's slug, but for the `-2` of a second field of
/// that label (`a/estimated-effort-2`, `Estimated Effort`).
fn says_label(id: &str, label: &str) -> bool {
    let last = id.rsplit('/').next().unwrap_or(id);
    last.strip_prefix(label).is_some_and(|rest| {
        rest.is_empty()
            || rest
                .strip_prefix('-')
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    })
}

/// Applies one field's answer, `given` holding the fields answered so far.
pub(super) fn apply_field<'k>(
    form: &Form,
    answers: &mut Answers,
    given: &mut std::collections::HashMap<usize, &'k str>,
    (key, json): (&'k String, &Json),
) -> Result<(), AnswerError> {
    let index = resolve_key(form, key)?;
    if let Some(first) = given.insert(index, key) {
        return Err(AnswerError::Twice {
            first: first.to_owned(),
            second: key.clone(),
            id: form.fields[index].id.to_string(),
        });
    }
    let value = value_for(&form.fields[index], json).map_err(|message| AnswerError::Value {
        key: key.clone(),
        message: crate::text::shorten_quoted(&message),
    })?;
    answers
        .set(form, index, value)
        .map_err(|mismatch| AnswerError::Value {
            key: key.clone(),
            message: mismatch.to_string(),
        })
}

/// Reads an answer for `field`.
fn value_for(field: &Field, json: &Json) -> Result<Value, String> {
    match &field.kind {
        FieldKind::Text | FieldKind::TextArea | FieldKind::Code { .. } => match json {
            Json::Null => Ok(Value::Text(String::new())),
            other => scalar(other)
                .map(|s| Value::Text(sanitize::clean(&s)))
                .ok_or_else(|| "expects text".to_owned()),
        },
        FieldKind::Choice { options, custom } => {
            let picks = strings(json)?;
            if picks.len() > 1 {
                return Err(format!("choose one option, not {}", picks.len()));
            }
            let mut sel = Selection::empty(options.len());
            if let Some(pick) = picks.first() {
                match match_option(options, pick) {
                    Ok((i, blank)) => {
                        sel.checked[i] = true;
                        sel.blanks[i] = blank.unwrap_or_default();
                    }
                    Err(_) if custom.is_some() => sel.custom = sanitize::one_line(pick),
                    Err(e) => return Err(e),
                }
            }
            Ok(Value::Select(Box::new(sel)))
        }
        FieldKind::MultiChoice { options } | FieldKind::Checkboxes { options } => {
            let mut sel = Selection::empty(options.len());
            for pick in strings(json)? {
                let (i, blank) = match_option(options, &pick)?;
                sel.checked[i] = true;
                if let Some(text) = blank {
                    sel.blanks[i] = text;
                }
            }
            Ok(Value::Select(Box::new(sel)))
        }
        FieldKind::List => Ok(Value::List(
            strings(json)?
                .iter()
                .flat_map(|s| {
                    s.lines()
                        .map(|l| sanitize::one_line(l).trim().to_owned())
                        .collect::<Vec<_>>()
                })
                .filter(|s| !s.is_empty())
                .collect(),
        )),
        FieldKind::Table(table) => table_value(field, table.columns(), table.rows(), json),
    }
}

/// A string or a list of strings.
fn strings(json: &Json) -> Result<Vec<String>, String> {
    match json {
        Json::Null => Ok(Vec::new()),
        Json::Array(items) => items
            .iter()
            .map(|i| scalar(i).ok_or_else(|| "expects a list of text items".to_owned()))
            .collect(),
        other => scalar(other)
            .map(|s| {
                if s.trim().is_empty() {
                    Vec::new()
                } else {
                    vec![s]
                }
            })
            .ok_or_else(|| "expects text or a list".to_owned()),
    }
}

/// Matches an answer to an option: exactly, as `Other: text` for a blank option, or by
/// a unique case-insensitive prefix. Returns the option and the blank's text.
pub fn match_option(options: &[Opt], pick: &str) -> Result<(usize, Option<String>), String> {
    let p = pick.trim();
    let eq =
        |a: &str| a.trim().eq_ignore_ascii_case(p) || a.trim().to_lowercase() == p.to_lowercase();
    // A label as written first: `漢` is the option `漢`, not the key of `漢: ___`.
    if let Some(i) = options
        .iter()
        .position(|o| eq(&o.label))
        .or_else(|| options.iter().position(|o| eq(o.key()) || eq(&o.display())))
    {
        return Ok((i, None));
    }
    let lower = p.to_lowercase();
    // The longest key wins: with `F` and `F a`, the answer `F a: x` is the second.
    let blank = options
        .iter()
        .enumerate()
        .filter(|(_, o)| o.blank)
        .filter_map(|(i, o)| {
            let rest = strip_prefix_ignoring_case(p, o.key())?;
            rest.starts_with([':', ' '])
                .then_some((i, o.key().len(), rest))
        })
        .max_by_key(|&(i, len, _)| (len, std::cmp::Reverse(i)));
    if let Some((i, _, rest)) = blank {
        let text = rest.trim_start_matches(':').trim();
        return Ok((i, Some(sanitize::one_line(text))));
    }
    let prefixed: Vec<usize> = (0..options.len())
        .filter(|&i| !lower.is_empty() && options[i].label.to_lowercase().starts_with(&lower))
        .collect();
    let list = || {
        options
            .iter()
            .map(Opt::display)
            .collect::<Vec<_>>()
            .join(", ")
    };
    match prefixed.as_slice() {
        [one] => Ok((*one, None)),
        [] => Err(format!("no option `{p}`; options: {}", list())),
        _ => Err(format!("`{p}` starts several options: {}", list())),
    }
}

/// `s` without `prefix`, compared character by character ignoring case. (Lowercasing
/// can change byte lengths, so offsets from a lowercased copy do not fit the original.)
fn strip_prefix_ignoring_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let mut chars = s.char_indices();
    for p in prefix.chars() {
        let (_, c) = chars.next()?;
        if !c.to_lowercase().eq(p.to_lowercase()) {
            return None;
        }
    }
    Some(chars.next().map_or("", |(at, _)| &s[at..]))
}

fn table_value(
    field: &Field,
    columns: Labels<'_>,
    rows: Labels<'_>,
    json: &Json,
) -> Result<Value, String> {
    let Value::Table(mut cells) = field.default.clone() else {
        return Err("is not a table".to_owned());
    };
    let Json::Object(by_row) = json else {
        return Err("expects a map of row -> column -> value".to_owned());
    };
    let editable = columns.after_first();
    for (row_key, row_json) in by_row {
        let r = pick_name(rows, row_key).map_err(|e| format!("row {e}"))?;
        let Json::Object(by_col) = row_json else {
            return Err(format!("row `{row_key}` expects a map of column -> value"));
        };
        for (col_key, cell) in by_col {
            let c = pick_name(editable, col_key).map_err(|e| format!("column {e}"))?;
            let text = scalar(cell).or_else(|| cell.is_null().then(String::new));
            cells[r][c] = sanitize::one_line(
                &text.ok_or_else(|| format!("cell `{row_key}`/`{col_key}` expects text"))?,
            );
        }
    }
    Ok(Value::Table(cells))
}

/// A row or column by exact name or unique prefix, case-insensitive.
fn pick_name(names: Labels<'_>, key: &str) -> Result<usize, String> {
    let k = key.trim().to_lowercase();
    if let Some(i) = names.iter().position(|n| n.to_lowercase() == k) {
        return Ok(i);
    }
    let starts: Vec<usize> = (0..names.len())
        .filter(|&i| names[i].to_lowercase().starts_with(&k))
        .collect();
    match starts.as_slice() {
        [one] => Ok(*one),
        _ => Err(format!(
            "`{key}` is not one of: {}",
            names.iter().collect::<Vec<_>>().join(", ")
        )),
    }
}

#[cfg(test)]
mod tests;
