//! The form as JSON, for `issue-composer schema`: what a script needs to write answers.

use serde_json::{Map, Value as Json, json};

use super::{Field, FieldKind, Form, Value};

/// The form model as a JSON value.
pub fn to_json(form: &Form) -> Json {
    let sections: Vec<Json> = form
        .sections
        .iter()
        .map(|s| {
            json!({
                "id": s.id,
                "title": s.title,
                "level": s.level,
                "help": s.help,
                "fields": s.fields.iter().map(|&f| field_json(&form.fields[f])).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "name": form.meta.name,
        "about": form.meta.about,
        "title": form.meta.title,
        "labels": form.meta.labels,
        "assignees": form.meta.assignees,
        "projects": form.meta.projects,
        "type": form.meta.issue_type,
        "sections": sections,
    })
}

fn field_json(field: &Field) -> Json {
    let mut out = Map::new();
    out.insert("id".into(), json!(field.id));
    out.insert("kind".into(), json!(field.kind.name()));
    out.insert("label".into(), json!(field.label));
    out.insert("placeholder".into(), json!(field.placeholder));
    out.insert("default".into(), default_json(field));
    let options: Vec<String> = field
        .kind
        .options()
        .iter()
        .map(super::Opt::display)
        .collect();
    out.insert("options".into(), json!(options));
    out.insert("required".into(), json!(field.required));
    if !field.help.is_empty() {
        out.insert("help".into(), json!(field.help));
    }
    match &field.kind {
        FieldKind::Code { language } => {
            out.insert("language".into(), json!(language));
        }
        FieldKind::Choice {
            custom: Some(custom),
            ..
        } => {
            out.insert("custom".into(), json!(custom));
        }
        FieldKind::Table {
            columns,
            rows,
            hints,
        } => {
            out.insert("columns".into(), json!(columns));
            out.insert("rows".into(), json!(rows));
            out.insert("hints".into(), cells_json(columns, rows, hints));
        }
        _ => {}
    }
    Json::Object(out)
}

fn default_json(field: &Field) -> Json {
    match (&field.default, &field.kind) {
        (Value::Text(t), _) => json!(t),
        (Value::List(items), _) => json!(items),
        (Value::Select(sel), kind) => {
            let picked: Vec<String> = kind
                .options()
                .iter()
                .zip(&sel.checked)
                .filter(|(_, c)| **c)
                .map(|(o, _)| o.label.clone())
                .collect();
            match kind {
                FieldKind::Choice { .. } => picked.first().map_or(Json::Null, |p| json!(p)),
                _ => json!(picked),
            }
        }
        (Value::Table(cells), FieldKind::Table { columns, rows, .. }) => {
            cells_json(columns, rows, cells)
        }
        (Value::Table(_), _) => Json::Null,
    }
}

/// Row label -> column -> cell, for non-empty cells.
fn cells_json(columns: &[String], rows: &[String], cells: &[Vec<String>]) -> Json {
    cells_by_name(columns, rows, cells, |_, _, cell| !cell.is_empty())
}

/// Row label -> column -> cell, for the cells `keep(row, column, cell)` keeps; rows
/// with none are left out. Columns count from the first editable one.
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
