//! The answers file (YAML or JSON): `title`, `labels`, `assignees` and `fields`, a map
//! from field id or unique label to a value. It is resolved against a form into
//! [`Answers`], and answers are written back in the same format (drafts).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};

use super::{Answers, Field, FieldKind, Form, Labels, Opt, Selection, Value};
use crate::error::LocatedError;
use crate::text::{sanitize, slug, slug_path, split_list};
use crate::yaml::scalar;

/// An answers file as written.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AnswersFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labels: Option<Json>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignees: Option<Json>,
    #[serde(default, deserialize_with = "unique_keys")]
    pub fields: Map<String, Json>,
    /// Where each key was written, so a problem names its place.
    #[serde(skip)]
    pub places: Places,
}

/// Where an answers file wrote its keys, found when a problem needs them (one more
/// pass of the parser, 19% of a `render` with a 0.9 MiB answers file when done on every
/// read): the file's name and text, and the keys `--set` gave instead.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Places {
    file: String,
    text: Option<std::sync::Arc<str>>,
    set: Vec<Vec<String>>,
}

impl Places {
    fn read(text: &str, file: &str) -> Self {
        Self {
            file: file.to_owned(),
            text: Some(text.into()),
            set: Vec::new(),
        }
    }

    /// The places of the keys of the top and of `fields`.
    fn keys(&self) -> Vec<crate::yaml::KeyPlace> {
        self.text
            .as_deref()
            .map(|text| crate::yaml::key_places(text, 1, 2))
            .unwrap_or_default()
    }

    /// Where the problem with `path` (`["labels"]`, `["fields", key]`) is, among `keys`:
    /// the value's place (the key's, with `key`) as `file:line:col`, `--set` for a value
    /// given there, the file alone when the key was not found.
    fn of(&self, keys: &[crate::yaml::KeyPlace], path: &[&str], key: bool) -> String {
        if self.set.iter().any(|p| p.iter().eq(path)) || self.file.is_empty() {
            return "--set".to_owned();
        }
        // On one line, whatever the file's name holds: the problems are a line each.
        let file = crate::text::escape_line(&self.file);
        match keys.iter().rev().find(|p| p.path.iter().eq(path)) {
            Some(p) => {
                let (line, col) = if key { p.key } else { p.value };
                format!("{file}:{line}:{col}")
            }
            None => file.into_owned(),
        }
    }

    /// The value of `path` now comes from `--set`.
    fn set(&mut self, path: &[&str]) {
        self.set.push(path.iter().map(|&k| k.to_owned()).collect());
    }
}

/// The `fields` map, refusing a key given twice (JSON readers keep the last silently).
fn unique_keys<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Map<String, Json>, D::Error> {
    struct Unique;
    impl<'de> serde::de::Visitor<'de> for Unique {
        type Value = Map<String, Json>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a map from field id or label to its answer")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            let mut out = Map::new();
            while let Some((key, value)) = map.next_entry::<String, Json>()? {
                if out.contains_key(&key) {
                    return Err(serde::de::Error::custom(format!("`{key}` is given twice")));
                }
                out.insert(key, value);
            }
            Ok(out)
        }
    }
    d.deserialize_map(Unique)
}

/// A key or value in an answers file that does not fit the form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnswerError {
    #[error("unknown field `{key}`; fields: {candidates}")]
    Unknown { key: String, candidates: String },
    #[error("`{key}` matches several fields: {candidates}; use one of these ids")]
    Ambiguous { key: String, candidates: String },
    #[error("`{key}`: {message}")]
    Value { key: String, message: String },
    #[error("`{first}` and `{second}` both answer the field `{id}`; give one")]
    Twice {
        first: String,
        second: String,
        id: String,
    },
}

/// Every key or value of an answers file that does not fit the form, in the file's
/// order: all of them at once, so one run shows what to mend. Each comes with its place
/// (`file:line:col`, `--set`, or the file alone when it has none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerErrors(pub Vec<(String, AnswerError)>);

impl std::fmt::Display for AnswerErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let one = |f: &mut std::fmt::Formatter<'_>, (at, e): &(String, AnswerError)| {
            if at.is_empty() {
                write!(f, "{e}")
            } else {
                write!(f, "{at}: {e}")
            }
        };
        match self.0.as_slice() {
            [only] => one(f, only),
            all => {
                write!(f, "{} answers do not fit the form:", all.len())?;
                all.iter().try_for_each(|e| {
                    f.write_str("\n  ")?;
                    one(f, e)
                })
            }
        }
    }
}

impl std::error::Error for AnswerErrors {}

/// Answers that could not be written as YAML.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot write the answers as YAML: {0}")]
pub struct ToYamlError(String);

impl AnswersFile {
    /// Reads an answers file; JSON when `file` ends in `.json`, YAML otherwise.
    pub fn parse(text: &str, file: &str) -> Result<Self, LocatedError> {
        Self::parse_within(text, file, &crate::yaml::Budget::default())
    }

    /// [`AnswersFile::parse`], with YAML within `budget`.
    pub fn parse_within(
        text: &str,
        file: &str,
        budget: &crate::yaml::Budget,
    ) -> Result<Self, LocatedError> {
        let mut read: Self = if file.to_ascii_lowercase().ends_with(".json") {
            serde_json::from_str(text).map_err(|e| {
                // serde_json ends its message with the position, which we print first.
                let message = e.to_string();
                let message = message.rsplit_once(" at line ").map_or(&*message, |m| m.0);
                LocatedError::new(file, e.line(), e.column(), message)
            })?
        } else if text.trim().is_empty() {
            Self::default()
        } else {
            crate::yaml::from_str_unique(text, file, 1, budget)?
        };
        read.places = Places::read(text, file);
        Ok(read)
    }

    /// Whether the file holds nothing: no title, labels, assignees or fields.
    pub fn is_empty(&self) -> bool {
        self.title.is_none()
            && self.labels.is_none()
            && self.assignees.is_none()
            && self.fields.is_empty()
    }

    /// Sets one field from `--set KEY=VALUE`. A value starting with `[` or `{` is read
    /// as YAML. The first set of a key replaces the file's value; repeating it adds (the
    /// command refuses a repeat for a field that takes one value).
    pub fn set(&mut self, key: &str, raw: &str, repeated: bool) -> Result<(), LocatedError> {
        if !repeated {
            if matches!(key, "title" | "labels" | "assignees") {
                self.places.set(&[key]);
            } else {
                self.places.set(&["fields", key]);
            }
        }
        if key == "title" {
            self.title = Some(raw.to_owned());
            return Ok(());
        }
        let value = if raw.trim_start().starts_with(['[', '{']) {
            crate::yaml::from_str::<Json>(raw, "--set", 1)?
        } else {
            Json::String(raw.to_owned())
        };
        let slot = match key {
            "labels" => self.labels.get_or_insert(Json::Null),
            "assignees" => self.assignees.get_or_insert(Json::Null),
            _ => self.fields.entry(key.to_owned()).or_insert(Json::Null),
        };
        match slot {
            Json::Array(items) if repeated => match value {
                Json::Array(more) => items.extend(more),
                one => items.push(one),
            },
            Json::Null => *slot = value,
            prev if repeated => *prev = Json::Array(vec![prev.clone(), value]),
            prev => *prev = value,
        }
        Ok(())
    }

    /// Applies the file to `answers` (which start from the form's defaults). What does
    /// not fit is left at the default, and every such key is in the error.
    pub fn apply(&self, form: &Form, answers: &mut Answers) -> Result<(), AnswerErrors> {
        // Each problem with the path of its key, and whether it is placed at the key.
        let mut errors: Vec<(Vec<&str>, bool, AnswerError)> = Vec::new();
        if let Some(title) = &self.title {
            answers.title = sanitize::one_line(title);
        }
        if let Some(labels) = &self.labels {
            match names(labels, "labels") {
                Ok(labels) => answers.labels = labels,
                Err(e) => errors.push((vec!["labels"], false, e)),
            }
        }
        if let Some(assignees) = &self.assignees {
            match names(assignees, "assignees") {
                Ok(assignees) => answers.assignees = assignees,
                Err(e) => errors.push((vec!["assignees"], false, e)),
            }
        }
        let mut given: std::collections::HashMap<usize, &str> = std::collections::HashMap::new();
        for (key, json) in &self.fields {
            if let Err(e) = apply_field(form, answers, &mut given, (key, json)) {
                // A key that names no field is at the key; a value that does not fit, at
                // the value.
                let at_key = !matches!(e, AnswerError::Value { .. });
                errors.push((vec!["fields", key], at_key, e));
            }
        }
        if errors.is_empty() {
            return Ok(());
        }
        let keys = self.places.keys();
        Err(AnswerErrors(
            errors
                .into_iter()
                .map(|(path, at_key, e)| (self.places.of(&keys, &path, at_key), e))
                .collect(),
        ))
    }

    /// Whether the file's own lists are lists: `labels` and `assignees` must be text or
    /// a list whatever the template, so a file where they are not is damaged.
    pub fn check(&self) -> Result<(), AnswerError> {
        for (list, key) in [(&self.labels, "labels"), (&self.assignees, "assignees")] {
            if let Some(json) = list {
                names(json, key)?;
            }
        }
        Ok(())
    }

    /// Applies what fits (a draft whose template changed) and returns the fields that do
    /// not, under their keys as written, so they can be kept. A title, labels or
    /// assignees that do not fit are left at the form's defaults; [`Self::check`] finds
    /// them first.
    pub fn apply_lenient(&self, form: &Form, answers: &mut Answers) -> Map<String, Json> {
        let tops = [
            Self {
                title: self.title.clone(),
                ..Self::default()
            },
            Self {
                labels: self.labels.clone(),
                ..Self::default()
            },
            Self {
                assignees: self.assignees.clone(),
                ..Self::default()
            },
        ];
        for top in tops {
            let _ = top.apply(form, answers);
        }
        let mut misfits = Map::new();
        for (key, json) in &self.fields {
            let one = Self {
                fields: std::iter::once((key.clone(), json.clone())).collect(),
                ..Self::default()
            };
            if one.apply(form, answers).is_err() {
                misfits.insert(key.clone(), json.clone());
            }
        }
        misfits
    }

    /// The answers as a file: title, labels and assignees, and every field that differs
    /// from the template's default.
    pub fn from_answers(form: &Form, answers: &Answers) -> Self {
        let list = |v: &[String]| Json::Array(v.iter().cloned().map(Json::String).collect());
        let mut fields = Map::new();
        for (i, field) in form.fields.iter().enumerate() {
            if answers.values[i] != field.default {
                fields.insert(field.id.to_string(), to_json(field, &answers.values[i]));
            }
        }
        Self {
            title: Some(answers.title.clone()),
            labels: (answers.labels != form.meta.labels).then(|| list(&answers.labels)),
            assignees: (answers.assignees != form.meta.assignees).then(|| list(&answers.assignees)),
            fields,
            places: Places::default(),
        }
    }

    /// The file as YAML.
    pub fn to_yaml(&self) -> Result<String, ToYamlError> {
        let json = serde_json::to_value(self).map_err(|e| ToYamlError(e.to_string()))?;
        serde_saphyr::to_string(&json).map_err(|e| ToYamlError(e.to_string()))
    }
}

fn names(json: &Json, key: &str) -> Result<Vec<String>, AnswerError> {
    match json {
        Json::Null => Ok(Vec::new()),
        Json::String(s) => Ok(split_list(s)),
        Json::Array(items) => items
            .iter()
            .filter_map(|i| scalar(i).map(|s| sanitize::one_line(&s).trim().to_owned()))
            .filter(|s| !s.is_empty())
            .map(Ok)
            .collect(),
        _ => Err(AnswerError::Value {
            key: key.to_owned(),
            message: "expects a comma-separated string or a list".to_owned(),
        }),
    }
}

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
                candidates: ids(if near.is_empty() { &all } else { &near }),
            })
        }
        many => Err(AnswerError::Ambiguous {
            key: key.to_owned(),
            candidates: ids(many),
        }),
    }
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

/// A value as it is written in an answers file.
fn to_json(field: &Field, value: &Value) -> Json {
    match value {
        Value::Text(t) => Json::String(t.clone()),
        Value::List(items) => Json::Array(items.iter().cloned().map(Json::String).collect()),
        Value::Select(sel) => {
            let options = field.kind.options();
            let mut picks: Vec<Json> = options
                .iter()
                .enumerate()
                .filter(|(i, _)| sel.checked.get(*i).copied().unwrap_or(false))
                .map(|(i, o)| {
                    let blank = sel.blanks.get(i).map_or("", |b| b.trim());
                    Json::String(if o.blank && !blank.is_empty() {
                        format!("{}: {blank}", o.key())
                    } else {
                        o.label.clone()
                    })
                })
                .collect();
            if !sel.custom.trim().is_empty() {
                picks.push(Json::String(sel.custom.clone()));
            }
            match (&field.kind, picks.len()) {
                (FieldKind::Choice { .. }, 0) => Json::Null,
                (FieldKind::Choice { .. }, 1) => picks.remove(0),
                _ => Json::Array(picks),
            }
        }
        Value::Table(cells) => {
            let FieldKind::Table(table) = &field.kind else {
                return Json::Null;
            };
            let (columns, rows) = (table.columns(), table.rows());
            let Value::Table(defaults) = &field.default else {
                return Json::Null;
            };
            // Only the cells that differ from the template's.
            super::schema::cells_by_name(columns, rows, cells.iter(), |r, c, cell| {
                defaults.get(r).and_then(|d| d.get(c)).map(String::as_str) != Some(cell)
            })
        }
    }
}

/// An answers file that could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("cannot read answers file {}", path.display())]
    Io {
        path: std::path::PathBuf,
        #[source]
        cause: std::io::Error,
    },
    #[error(
        "answers file {} is larger than {}, the limit for answers files (raise it with {MAX_SIZE_VAR}=BYTES)",
        path.display(),
        crate::text::size_name(*limit)
    )]
    TooLarge {
        path: std::path::PathBuf,
        limit: usize,
    },
    #[error(transparent)]
    Parse(#[from] LocatedError),
}

/// Answers files larger than this are refused, unless [`MAX_SIZE_VAR`] raises it.
pub const MAX_SIZE: usize = 1024 * 1024;

/// The environment variable that sets the answers file size limit in bytes.
pub const MAX_SIZE_VAR: &str = "ISSUE_COMPOSER_MAX_ANSWERS_SIZE";

/// Applies one field's answer, `given` holding the fields answered so far.
fn apply_field<'k>(
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

#[cfg(test)]
mod tests;
