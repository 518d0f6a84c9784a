//! One answer resolved against the form: the field its key names (an id, a unique
//! label, a slug of either) and the value its JSON reads as for that field's kind.

use serde_json::Value as Json;

use super::super::{Answers, Field, FieldKind, Form, Labels, Opt, Selection, Value};
use super::AnswerError;
use crate::text::{sanitize, slug, slug_path};
use crate::yaml::scalar;

/// Finds the field a key names: its id, a unique label, or a slug of either. An id or
/// label as written wins over those alike apart from case.
pub fn resolve_key(form: &Form, key: &str) -> Result<usize, AnswerError> {
    let k = key.trim();
    let fields = &form.fields;
    if let Some(i) = fields
        .iter()
        .position(|f| *f.id == *k)
        .or_else(|| fields.iter().position(|f| f.id.eq_ignore_ascii_case(k)))
    {
        return Ok(i);
    }
    let (slug_k, path_k) = (slug(k), slug_path(k));
    let mut by_label: Vec<usize> = (0..fields.len())
        .filter(|&i| fields[i].label.eq_ignore_ascii_case(k) || slug(&fields[i].label) == slug_k)
        .collect();
    let as_written: Vec<usize> = by_label
        .iter()
        .copied()
        .filter(|&i| *fields[i].label == *k)
        .collect();
    if as_written.len() == 1 {
        by_label = as_written;
    }
    let by_slug: Vec<usize> = (0..form.fields.len())
        .filter(|&i| *form.fields[i].id == path_k)
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
            let near: Vec<usize> = (0..form.fields.len())
                .filter(|&i| !slug_k.is_empty() && form.fields[i].id.contains(&slug_k))
                .collect();
            let candidates = if near.is_empty() {
                named(form, 0..form.fields.len())
            } else {
                named(form, near.into_iter())
            };
            Err(AnswerError::Unknown {
                key: key.to_owned(),
                candidates,
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
/// [`LABEL_CHARS`] is cut with `…` (some are questions with a link in them). At most
/// [`NAMED`] are listed, then how many more: a draft applied to a form of 100,000
/// headings makes this message for each key that no longer fits, and drops it.
fn named(form: &Form, list: impl ExactSizeIterator<Item = usize>) -> String {
    let mut out = String::new();
    let more = list.len().saturating_sub(NAMED);
    for i in list.take(NAMED) {
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
    if more > 0 {
        out.push_str(", … and ");
        out.push_str(&more.to_string());
        out.push_str(" more");
    }
    out
}

/// The most characters of a label a list of fields shows.
const LABEL_CHARS: usize = 40;

/// The most fields a list names (go-performance has 26).
const NAMED: usize = 30;

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
/// a unique prefix. Returns the option and the blank's text. At each step a match as
/// written wins over one apart from case (`ß` is the option `ß`, not `ẞ` before it,
/// which lowercases to it); options that only case tells apart, neither written as
/// the answer is, make it ambiguous.
pub fn match_option(options: &[Opt], pick: &str) -> Result<(usize, Option<String>), String> {
    let p = pick.trim();
    // A label as written first: `漢` is the option `漢`, not the key of `漢: ___`.
    let label = |o: &Opt| vec![o.label.trim().to_owned()];
    let key = |o: &Opt| vec![o.key().trim().to_owned(), o.display().trim().to_owned()];
    for names in [&label as &dyn Fn(&Opt) -> Vec<String>, &key] {
        if let Some(i) = one_of(options, p, names)? {
            return Ok((i, None));
        }
    }
    if let Some((i, text)) = blank_option(options, p)? {
        return Ok((i, Some(sanitize::one_line(text))));
    }
    let starts = |exact: bool| -> Vec<usize> {
        let lower = p.to_lowercase();
        (0..options.len())
            .filter(|&i| {
                let label = &options[i].label;
                !p.is_empty()
                    && if exact {
                        label.starts_with(p)
                    } else {
                        label.to_lowercase().starts_with(&lower)
                    }
            })
            .collect()
    };
    let exact = starts(true);
    let prefixed = if exact.len() == 1 {
        exact
    } else {
        starts(false)
    };
    match prefixed.as_slice() {
        [one] => Ok((*one, None)),
        [] => Err(format!("no option `{p}`; options: {}", list(options))),
        _ => Err(format!("`{p}` starts several options: {}", list(options))),
    }
}

fn list(options: &[Opt]) -> String {
    options
        .iter()
        .map(Opt::display)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The first option one of whose `names` is `p` as written; else the one whose name is
/// `p` apart from case. Several of those (unless all are written alike) are ambiguous.
fn one_of(
    options: &[Opt],
    p: &str,
    names: &dyn Fn(&Opt) -> Vec<String>,
) -> Result<Option<usize>, String> {
    if let Some(i) = options.iter().position(|o| names(o).iter().any(|n| n == p)) {
        return Ok(Some(i));
    }
    let alike = |a: &str| a.eq_ignore_ascii_case(p) || a.to_lowercase() == p.to_lowercase();
    let found: Vec<(usize, String)> = options
        .iter()
        .enumerate()
        .filter_map(|(i, o)| names(o).into_iter().find(|n| alike(n)).map(|n| (i, n)))
        .collect();
    match found.as_slice() {
        [] => Ok(None),
        [(i, first), rest @ ..] if rest.iter().all(|(_, n)| n == first) => Ok(Some(*i)),
        many => Err(ambiguous(p, many.iter().map(|(i, _)| &options[*i]))),
    }
}

/// `p` as `key: text` for a blank option: the longest key wins (with `F` and `F a`, the
/// answer `F a: x` is the second), then the key as written over one apart from case.
fn blank_option<'p>(options: &[Opt], p: &'p str) -> Result<Option<(usize, &'p str)>, String> {
    let found: Vec<(usize, usize, bool, &str)> = options
        .iter()
        .enumerate()
        .filter(|(_, o)| o.blank)
        .filter_map(|(i, o)| {
            let rest = strip_prefix_ignoring_case(p, o.key())?;
            let exact = p.starts_with(o.key());
            // Keys are compared in characters: one apart from case may differ in bytes.
            rest.starts_with([':', ' '])
                .then_some((i, o.key().chars().count(), exact, rest))
        })
        .collect();
    let Some(&(i, len, exact, rest)) = found
        .iter()
        .max_by_key(|&&(i, len, exact, _)| (len, exact, std::cmp::Reverse(i)))
    else {
        return Ok(None);
    };
    let tied: Vec<&Opt> = found
        .iter()
        .filter(|&&(_, l, _, _)| l == len)
        .map(|&(j, _, _, _)| &options[j])
        .collect();
    if !exact && tied.iter().any(|o| o.key() != options[i].key()) {
        return Err(ambiguous(p, tied.into_iter()));
    }
    Ok(Some((i, rest.trim_start_matches(':').trim())))
}

fn ambiguous<'o>(p: &str, options: impl Iterator<Item = &'o Opt>) -> String {
    alike_apart_from_case(p, options.map(Opt::display))
}

/// The refusal of `p`, which is each of `names` apart from case and none as written.
fn alike_apart_from_case(p: &str, names: impl Iterator<Item = impl std::fmt::Display>) -> String {
    let quoted: Vec<String> = names.map(|n| format!("`{n}`")).collect();
    format!(
        "`{p}` is {} apart from case: write the one meant as it is written",
        quoted.join(" or ")
    )
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

/// A row or column by name: as written, else apart from case (several names alike
/// are ambiguous), else by a unique prefix, case-insensitive.
fn pick_name(names: Labels<'_>, key: &str) -> Result<usize, String> {
    let key = key.trim();
    if let Some(i) = names.iter().position(|n| n == key) {
        return Ok(i);
    }
    let k = key.to_lowercase();
    let alike: Vec<usize> = (0..names.len())
        .filter(|&i| names[i].to_lowercase() == k)
        .collect();
    match alike.as_slice() {
        [] => {}
        [one] => return Ok(*one),
        many => {
            return Err(alike_apart_from_case(key, many.iter().map(|&i| &names[i])));
        }
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
