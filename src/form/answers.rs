//! The answers file (YAML or JSON): `title`, `labels`, `assignees` and `fields`, a map
//! from field id or unique label to a value. It is resolved against a form into
//! [`Answers`], and answers are written back in the same format (drafts).

mod errors;
mod places;
mod resolve;

pub use errors::{AnswerError, AnswerErrors, MAX_SIZE, MAX_SIZE_VAR, ReadError};
pub use places::Places;
pub use resolve::{match_option, resolve_key};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};

use self::resolve::apply_field;
use super::{Answers, Field, FieldKind, Form, Value};
use crate::error::LocatedError;
use crate::text::{sanitize, split_list};
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
