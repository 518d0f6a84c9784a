//! A field's values in the schema's pretty JSON: its options, its default, a table's
//! cells, and any JSON tree (the cells' map when labels repeat).

use serde_json::Value as Json;

use super::escape::escape;
use super::{FIELD, Pretty};
use crate::form::{Field, FieldKind, Labels, Opt, Value};

impl Pretty {
    /// The options as the schema shows them (`Other: ___` for a blank one).
    pub(super) fn options(&mut self, options: &[Opt]) {
        let mut empty = true;
        for option in options {
            self.item(empty, b'[', FIELD);
            empty = false;
            self.buf.push(b'"');
            escape(&mut self.buf, option.label.as_bytes());
            if option.blank {
                self.buf.extend_from_slice(b" ___");
            }
            self.buf.push(b'"');
        }
        self.close(empty, b'[', FIELD);
    }

    /// A field's default: text, a list, the choice (or `null`), the choices, or the
    /// table's non-empty cells by row and column.
    pub(super) fn default_value(&mut self, field: &Field) {
        match (&field.default, &field.kind) {
            (Value::Text(t), _) => self.string(t),
            (Value::List(items), _) => self.strings(items, FIELD),
            (Value::Select(sel), kind) => {
                let mut picked = kind
                    .options()
                    .iter()
                    .zip(&sel.checked)
                    .filter(|(_, c)| **c)
                    .map(|(o, _)| o.label.as_str());
                match kind {
                    FieldKind::Choice { .. } => match picked.next() {
                        Some(label) => self.string(label),
                        None => self.buf.extend_from_slice(b"null"),
                    },
                    _ => self.strings(picked, FIELD),
                }
            }
            (Value::Table(cells), FieldKind::Table(table)) => {
                self.cells(table.columns(), table.rows(), cells.iter());
            }
            (Value::Table(_), _) => self.buf.extend_from_slice(b"null"),
        }
    }

    /// A table's non-empty cells as an object of rows, each an object of columns (the
    /// value of a field's key), as [`super::super::cells_json`] makes them. Written directly
    /// when no two rows with cells, and no two cells of a row, share a label (every
    /// table but odd ones); else through `cells_json`'s map, which keeps a repeated
    /// label's first place and its last cells.
    pub(super) fn cells<'a, I>(&mut self, columns: Labels<'_>, rows: Labels<'_>, cells: I)
    where
        I: Iterator<Item = &'a [String]> + Clone,
    {
        let row_label = |r: usize| rows.get(r).unwrap_or_default();
        let column_label = |c: usize| columns.get(c + 1).unwrap_or_default();
        let kept = |row: &[String]| row.iter().any(|cell| !cell.is_empty());
        if !cells.clone().any(kept) {
            self.buf.extend_from_slice(b"{}");
            return;
        }
        let rows_unique = all_unique(
            cells
                .clone()
                .enumerate()
                .filter(|(_, row)| kept(row))
                .map(|(r, _)| row_label(r)),
        );
        let columns_unique = || {
            cells.clone().all(|row| {
                all_unique(
                    row.iter()
                        .enumerate()
                        .filter(|(_, cell)| !cell.is_empty())
                        .map(|(c, _)| column_label(c)),
                )
            })
        };
        if !(rows_unique && columns_unique()) {
            self.json(&super::super::cells_json(columns, rows, cells), FIELD);
            return;
        }
        let mut first_row = true;
        for (r, row) in cells.enumerate().filter(|(_, row)| kept(row)) {
            self.item(first_row, b'{', FIELD);
            first_row = false;
            self.string(row_label(r));
            self.buf.extend_from_slice(b": ");
            let mut first_cell = true;
            for (c, cell) in row.iter().enumerate().filter(|(_, cell)| !cell.is_empty()) {
                self.item(first_cell, b'{', FIELD + 2);
                first_cell = false;
                self.string(column_label(c));
                self.buf.extend_from_slice(b": ");
                self.string(cell);
            }
            self.close(false, b'{', FIELD + 2);
        }
        self.close(false, b'{', FIELD);
    }

    /// A JSON tree whose first line is indented by `indent`.
    pub(super) fn json(&mut self, value: &Json, indent: usize) {
        match value {
            Json::Null => self.buf.extend_from_slice(b"null"),
            Json::Bool(b) => self
                .buf
                .extend_from_slice(if *b { b"true" } else { b"false" }),
            Json::Number(n) => self.buf.extend_from_slice(n.to_string().as_bytes()),
            Json::String(s) => self.string(s),
            Json::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.item(i == 0, b'[', indent);
                    self.json(item, indent + 2);
                }
                self.close(items.is_empty(), b'[', indent);
            }
            Json::Object(map) => {
                for (i, (key, item)) in map.iter().enumerate() {
                    self.item(i == 0, b'{', indent);
                    self.string(key);
                    self.buf.extend_from_slice(b": ");
                    self.json(item, indent + 2);
                }
                self.close(map.is_empty(), b'{', indent);
            }
        }
    }
}

/// Whether no two of `labels` are the same (tables are small: pairs are compared, up to
/// a size where a set is cheaper).
fn all_unique<'a>(labels: impl Iterator<Item = &'a str> + Clone) -> bool {
    if labels.clone().nth(16).is_some() {
        let mut seen = std::collections::HashSet::new();
        return labels.into_iter().all(|label| seen.insert(label));
    }
    let mut rest = labels;
    while let Some(label) = rest.next() {
        if rest.clone().any(|other| other == label) {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_told_unique_by_pairs_and_by_a_set() {
        assert!(all_unique(["a", "b", "c"].into_iter()));
        assert!(!all_unique(["a", "b", "a"].into_iter()));
        assert!(all_unique(std::iter::empty()));
        let many: Vec<String> = (0..40).map(|i| i.to_string()).collect();
        assert!(all_unique(many.iter().map(String::as_str)));
        assert!(!all_unique(many.iter().map(String::as_str).chain(["39"])));
    }
}
