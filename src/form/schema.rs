//! The form as JSON, for `issue-composer schema`: what a script needs to write answers.
//! Written straight to its destination as it is serialized, field by field, so a large
//! form never exists twice in memory as a JSON tree.

use serde::ser::{Serialize, SerializeMap as _, SerializeSeq as _, Serializer};
use serde_json::{Map, Value as Json, json};

use super::{Field, FieldKind, Form, Section, Value};

/// The form model as a JSON value (for tests and callers that edit it; the CLI
/// streams with [`write_pretty`]).
pub fn to_json(form: &Form) -> Json {
    serde_json::to_value(Schema(form)).unwrap_or(Json::Null)
}

/// Writes the schema as pretty JSON (two-space indents, no final newline), exactly as
/// `serde_json::to_writer_pretty(&to_json(form))` would, without building the tree.
///
/// Written by hand ([`pretty`]) into a buffer handed to `out` a section at a time: the
/// keys are fixed ASCII and most values need no escaping, which serde's generic
/// serializer paid for on every key (625 M of 1.8 G instructions for 100,000 headings).
pub fn write_pretty(form: &Form, out: impl std::io::Write) -> serde_json::Result<()> {
    pretty::write(form, out).map_err(serde_json::Error::io)
}

mod pretty;

struct Schema<'a>(&'a Form);

impl Serialize for Schema<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let form = self.0;
        let meta = &form.meta;
        let mut map = s.serialize_map(Some(8))?;
        map.serialize_entry("name", &meta.name)?;
        map.serialize_entry("about", &meta.about)?;
        map.serialize_entry("title", &meta.title)?;
        map.serialize_entry("labels", &meta.labels)?;
        map.serialize_entry("assignees", &meta.assignees)?;
        map.serialize_entry("projects", &meta.projects)?;
        map.serialize_entry("type", &meta.issue_type)?;
        map.serialize_entry("sections", &Sections(form))?;
        map.end()
    }
}

struct Sections<'a>(&'a Form);

impl Serialize for Sections<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.sections.len()))?;
        for section in &self.0.sections {
            seq.serialize_element(&SectionSchema(self.0, section))?;
        }
        seq.end()
    }
}

struct SectionSchema<'a>(&'a Form, &'a Section);

impl Serialize for SectionSchema<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let SectionSchema(form, section) = *self;
        let mut map = s.serialize_map(Some(5))?;
        map.serialize_entry("id", &section.id)?;
        map.serialize_entry("title", &section.title)?;
        map.serialize_entry("level", &section.level)?;
        map.serialize_entry("help", &section.help)?;
        map.serialize_entry("fields", &FieldsOf(form, &section.fields))?;
        map.end()
    }
}

struct FieldsOf<'a>(&'a Form, &'a [usize]);

impl Serialize for FieldsOf<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.1.len()))?;
        for &f in self.1 {
            seq.serialize_element(&FieldSchema(&self.0.fields[f]))?;
        }
        seq.end()
    }
}

struct FieldSchema<'a>(&'a Field);

impl Serialize for FieldSchema<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let field = self.0;
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("id", &field.id)?;
        map.serialize_entry("kind", field.kind.name())?;
        map.serialize_entry("label", &field.label)?;
        map.serialize_entry("placeholder", &field.placeholder)?;
        map.serialize_entry("default", &DefaultValue(field))?;
        let options: Vec<String> = field
            .kind
            .options()
            .iter()
            .map(super::Opt::display)
            .collect();
        map.serialize_entry("options", &options)?;
        map.serialize_entry("required", &field.required)?;
        if !field.help.is_empty() {
            map.serialize_entry("help", &field.help)?;
        }
        match &field.kind {
            FieldKind::Code { language } => map.serialize_entry("language", language)?,
            FieldKind::Choice {
                custom: Some(custom),
                ..
            } => map.serialize_entry("custom", custom)?,
            FieldKind::Table {
                columns,
                rows,
                hints,
            } => {
                map.serialize_entry("columns", columns)?;
                map.serialize_entry("rows", rows)?;
                map.serialize_entry("hints", &cells_json(columns, rows, hints))?;
            }
            _ => {}
        }
        map.end()
    }
}

/// A field's default as the schema shows it.
struct DefaultValue<'a>(&'a Field);

impl Serialize for DefaultValue<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let field = self.0;
        match (&field.default, &field.kind) {
            (Value::Text(t), _) => s.serialize_str(t),
            (Value::List(items), _) => items.serialize(s),
            (Value::Select(sel), kind) => {
                let mut picked = kind
                    .options()
                    .iter()
                    .zip(&sel.checked)
                    .filter(|(_, c)| **c)
                    .map(|(o, _)| o.label.as_str());
                match kind {
                    FieldKind::Choice { .. } => picked.next().serialize(s),
                    _ => s.collect_seq(picked),
                }
            }
            (Value::Table(cells), FieldKind::Table { columns, rows, .. }) => {
                cells_json(columns, rows, cells).serialize(s)
            }
            (Value::Table(_), _) => s.serialize_unit(),
        }
    }
}

/// Row label -> column -> cell, for non-empty cells.
fn cells_json(columns: &[String], rows: &[String], cells: &[Vec<String>]) -> Json {
    cells_by_name(columns, rows, cells, |_, _, cell| !cell.is_empty())
}

/// Row label -> column -> cell, for the cells `keep(row, column, cell)` keeps; rows
/// with none are left out. Columns count from the first editable one. (A map: a label
/// given twice keeps its first place and its last cells.)
pub(super) fn cells_by_name(
    columns: &[String],
    rows: &[String],
    cells: &[Vec<String>],
    keep: impl Fn(usize, usize, &str) -> bool,
) -> Json {
    let mut by_row = Map::new();
    for (r, row) in cells.iter().enumerate() {
        let mut by_col = Map::new();
        for (c, cell) in row.iter().enumerate().filter(|(c, cell)| keep(r, *c, cell)) {
            by_col.insert(columns.get(c + 1).cloned().unwrap_or_default(), json!(cell));
        }
        if !by_col.is_empty() {
            by_row.insert(
                rows.get(r).cloned().unwrap_or_default(),
                Json::Object(by_col),
            );
        }
    }
    Json::Object(by_row)
}
