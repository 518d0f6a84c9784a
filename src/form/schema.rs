//! The form as JSON, for `issue-composer schema`: what a script needs to write answers.
//! Written straight to its destination as it is serialized, field by field, so a large
//! form never exists twice in memory as a JSON tree.

use serde_json::{Map, Value as Json, json};

use super::{Form, Labels};

/// The form model as a JSON value (for tests and callers that edit it; the CLI
/// streams with [`write_pretty`]): the streamed text read back, so there is one writer.
pub fn to_json(form: &Form) -> Json {
    let mut text = Vec::new();
    match write_pretty(form, &mut text) {
        Ok(()) => serde_json::from_slice(&text).unwrap_or(Json::Null),
        Err(_) => Json::Null,
    }
}

/// Writes the schema as pretty JSON (two-space indents, no final newline), laid out and
/// escaped as `serde_json::to_writer_pretty` would (the unit tests of `schema::pretty` compare
/// its pieces with `serde_json`'s), without building a tree.
///
/// A large form's sections are made in blocks, every other one on a second thread
/// (`schema::pipe`), and written in order; an error says so if that thread panicked.
///
/// Written by hand (`schema::pretty`) into a buffer handed to `out` a section at a time: the
/// keys are fixed ASCII and most values need no escaping, which serde's generic
/// serializer paid for on every key (625 M of 1.8 G instructions for 100,000 headings).
pub fn write_pretty(form: &Form, out: impl std::io::Write) -> std::io::Result<()> {
    pretty::write(form, out, Vec::new())
}

/// [`write_pretty`], its text gathered in `spare`'s memory (emptied first): for a caller
/// done with a large buffer (`schema` with the template file's bytes, whose pages are
/// in memory where new ones would each be a page fault).
pub fn write_pretty_in(
    form: &Form,
    out: impl std::io::Write,
    spare: Vec<u8>,
) -> std::io::Result<()> {
    pretty::write(form, out, spare)
}

/// [`write_pretty`] with the sections made in blocks of `sections`, every other block
/// on a second thread, whatever the form's size (`write_pretty` does so for a large
/// form only): the same text. For tests comparing the two on any form.
pub fn write_pretty_in_blocks(
    form: &Form,
    out: impl std::io::Write,
    sections: usize,
) -> std::io::Result<()> {
    pretty::write_with(form, out, Some(sections.max(1)), Vec::new())
}

mod pipe;
mod pretty;

/// Row label -> column -> cell, for non-empty cells.
fn cells_json<I>(columns: Labels<'_>, rows: Labels<'_>, cells: I) -> Json
where
    I: IntoIterator,
    I::Item: AsRef<[String]>,
{
    cells_by_name(columns, rows, cells, |_, _, cell| !cell.is_empty())
}

/// Row label -> column -> cell, for the cells `keep(row, column, cell)` keeps; rows
/// with none are left out. Columns count from the first editable one. (A map: a label
/// given twice keeps its first place and its last cells.)
pub(super) fn cells_by_name<I>(
    columns: Labels<'_>,
    rows: Labels<'_>,
    cells: I,
    keep: impl Fn(usize, usize, &str) -> bool,
) -> Json
where
    I: IntoIterator,
    I::Item: AsRef<[String]>,
{
    let mut by_row = Map::new();
    for (r, row) in cells.into_iter().enumerate() {
        let mut by_col = Map::new();
        let row = row.as_ref();
        for (c, cell) in row.iter().enumerate().filter(|(c, cell)| keep(r, *c, cell)) {
            by_col.insert(
                columns.get(c + 1).unwrap_or_default().to_owned(),
                json!(cell),
            );
        }
        if !by_col.is_empty() {
            by_row.insert(
                rows.get(r).unwrap_or_default().to_owned(),
                Json::Object(by_col),
            );
        }
    }
    Json::Object(by_row)
}
