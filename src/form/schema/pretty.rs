//! The schema's pretty JSON, written by hand: laid out and escaped byte for byte as
//! `serde_json`'s pretty formatter would (the tests below compare each piece with it;
//! `tests/golden.rs` pins the whole text of every built-in and corpus template), with
//! less work per key and per string.
//!
//! The schema's shape is fixed (an object with an array of sections, each with an array
//! of fields), so each key is copied with everything before it (the comma after the
//! value before, the new line and the indent) as one constant, and each part is written
//! knowing its indent: no stack of open containers, no bookkeeping per item.

use std::io::Write;

use serde_json::Value as Json;

use super::super::{Field, FieldKind, Form, Labels, Opt, Section, Value};

/// Bytes gathered before they are handed to the writer.
const CHUNK: usize = 64 * 1024;

/// The indents of the form's keys and of a field's keys.
const FORM: usize = 2;
const FIELD: usize = 10;

/// A key of the form object (indent 2) with everything before its value: the comma
/// after the value before, the new line, the indent, the quoted key and `": "`.
macro_rules! form_key {
    ($key:literal) => {
        concat!(",\n  \"", $key, "\": ").as_bytes()
    };
}

/// A key of a section object (indent 6), as [`form_key`].
macro_rules! section_key {
    ($key:literal) => {
        concat!(",\n      \"", $key, "\": ").as_bytes()
    };
}

/// A key of a field object (indent 10), as [`form_key`].
macro_rules! field_key {
    ($key:literal) => {
        concat!(",\n          \"", $key, "\": ").as_bytes()
    };
}

pub(super) fn write(form: &Form, out: impl Write, spare: Vec<u8>) -> std::io::Result<()> {
    write_with(form, out, super::pipe::block_for(form), spare)
}

/// [`write`], with the sections in blocks of `block` made alternately here and on a
/// second thread (`schema::pipe`), or all here for `None`: the same text either way.
pub(super) fn write_with(
    form: &Form,
    mut out: impl Write,
    block: Option<usize>,
    mut spare: Vec<u8>,
) -> std::io::Result<()> {
    spare.clear();
    let mut w = Pretty { buf: spare };
    let meta = &form.meta;
    w.buf.extend_from_slice(b"{\n  \"name\": ");
    w.string(&meta.name);
    w.buf.extend_from_slice(form_key!("about"));
    w.string(&meta.about);
    w.buf.extend_from_slice(form_key!("title"));
    w.string(&meta.title);
    w.buf.extend_from_slice(form_key!("labels"));
    w.strings(&meta.labels, FORM);
    w.buf.extend_from_slice(form_key!("assignees"));
    w.strings(&meta.assignees, FORM);
    w.buf.extend_from_slice(form_key!("projects"));
    w.strings(&meta.projects, FORM);
    w.buf.extend_from_slice(form_key!("type"));
    w.string(&meta.issue_type);
    w.buf.extend_from_slice(form_key!("sections"));
    let sections = form.sections.len();
    match block {
        _ if sections == 0 => w.buf.extend_from_slice(b"[]"),
        Some(block) => {
            out.write_all(&w.buf)?;
            let blocks = sections.div_ceil(block);
            let range = |b: usize| b * block..sections.min((b + 1) * block);
            let make = |b: usize, buf: &mut Vec<u8>| sections_into(form, range(b), buf);
            super::pipe::alternate(blocks, make, &mut out, &mut w.buf)?;
            w.buf.clear();
            w.buf.extend_from_slice(b"\n  ]");
        }
        None => {
            for s in 0..sections {
                w.sections(form, s..s + 1);
                if w.buf.len() >= CHUNK {
                    out.write_all(&w.buf)?;
                    w.buf.clear();
                }
            }
            w.buf.extend_from_slice(b"\n  ]");
        }
    }
    w.buf.extend_from_slice(b"\n}");
    out.write_all(&w.buf)?;
    out.flush()
}

/// The sections in `range` appended to `buf`, each with what comes before it (the
/// array's `[` before the first section, a comma before the others).
fn sections_into(form: &Form, range: std::ops::Range<usize>, buf: &mut Vec<u8>) {
    let mut w = Pretty {
        buf: std::mem::take(buf),
    };
    w.sections(form, range);
    *buf = w.buf;
}

/// The JSON text being written, up to about [`CHUNK`] bytes of it at a time.
#[derive(Default)]
struct Pretty {
    buf: Vec<u8>,
}

/// Spaces to copy an indent from.
const SPACES: &[u8; 32] = b"                                ";

impl Pretty {
    /// A new line indented by `indent` spaces (one copy, not a push per level).
    fn newline(&mut self, indent: usize) {
        self.buf.push(b'\n');
        match SPACES.get(..indent) {
            Some(spaces) => self.buf.extend_from_slice(spaces),
            None => self.buf.resize(self.buf.len() + indent, b' '),
        }
    }

    /// Before an item of the array or object opened by `open` on a line indented by
    /// `indent`: the bracket (first item) or the comma, then the item's own line.
    fn item(&mut self, first: bool, open: u8, indent: usize) {
        self.buf.push(if first { open } else { b',' });
        self.newline(indent + 2);
    }

    /// After the items of the array or object opened by `open` (`[` or `{`) on a line
    /// indented by `indent`: `[]` or `{}` when it had none, else its closing bracket on
    /// a line of its own.
    fn close(&mut self, empty: bool, open: u8, indent: usize) {
        let close = if open == b'[' { b']' } else { b'}' };
        if empty {
            self.buf.extend_from_slice(&[open, close]);
        } else {
            self.newline(indent);
            self.buf.push(close);
        }
    }

    fn string(&mut self, text: &str) {
        // Many strings are empty (help, placeholders, defaults): two bytes, no scan.
        if text.is_empty() {
            self.buf.extend_from_slice(b"\"\"");
            return;
        }
        self.buf.reserve(text.len() + 2);
        self.buf.push(b'"');
        escape(&mut self.buf, text.as_bytes());
        self.buf.push(b'"');
    }

    /// An array of strings on a line indented by `indent`.
    fn strings<S: AsRef<str>>(&mut self, items: impl IntoIterator<Item = S>, indent: usize) {
        let mut empty = true;
        for item in items {
            self.item(empty, b'[', indent);
            empty = false;
            self.string(item.as_ref());
        }
        self.close(empty, b'[', indent);
    }

    /// A heading level, in decimal (without the allocation of `to_string`).
    fn number(&mut self, n: u8) {
        if n >= 100 {
            self.buf.push(b'0' + n / 100);
        }
        if n >= 10 {
            self.buf.push(b'0' + n / 10 % 10);
        }
        self.buf.push(b'0' + n % 10);
    }

    /// The sections in `range`, each opened with its first key (one copy, not two).
    fn sections(&mut self, form: &Form, range: std::ops::Range<usize>) {
        for s in range {
            self.buf.extend_from_slice(if s == 0 {
                b"[\n    {\n      \"id\": "
            } else {
                b",\n    {\n      \"id\": "
            });
            self.section(form, &form.sections[s], form.after(s));
        }
    }

    /// A section's object, from after its `"id": ` to its `}`.
    ///
    /// Runs of keys whose values are constants in most schemas (a section without
    /// help, a field without placeholder, default, options or rule: every heading's
    /// answer) are copied as one constant: a copy per key and per `""` was most of the
    /// writer's cost for 100k headings.
    fn section(&mut self, form: &Form, section: &Section, after: &str) {
        self.string(&section.id);
        self.buf.extend_from_slice(section_key!("title"));
        self.string(&section.title);
        self.buf.extend_from_slice(section_key!("level"));
        self.number(section.level);
        if section.help.is_empty() && after.is_empty() {
            self.buf.extend_from_slice(
                concat!(",\n      \"help\": \"\"", ",\n      \"fields\": ").as_bytes(),
            );
        } else {
            self.buf.extend_from_slice(section_key!("help"));
            self.string(&section.help);
            if !after.is_empty() {
                self.buf.extend_from_slice(section_key!("after"));
                self.string(after);
            }
            self.buf.extend_from_slice(section_key!("fields"));
        }
        if section.fields.is_empty() {
            self.buf.extend_from_slice(b"[]\n    }");
            return;
        }
        // Each field's opening with its first key.
        let mut before: &[u8] = b"[\n        {\n          \"id\": ";
        for f in section.fields {
            self.buf.extend_from_slice(before);
            before = b",\n        {\n          \"id\": ";
            self.field(&form.fields[f]);
        }
        self.buf.extend_from_slice(b"\n      ]\n    }");
    }

    /// A field's object, from after its `"id": ` to its `}` (see [`Pretty::section`]).
    fn field(&mut self, field: &Field) {
        self.string(&field.id);
        self.buf.extend_from_slice(quoted_kind(&field.kind));
        self.string(&field.label);
        let options = field.kind.options();
        let bare = field.placeholder.is_empty()
            && matches!(&field.default, Value::Text(text) if text.is_empty())
            && options.is_empty()
            && !field.required;
        if bare {
            self.buf.extend_from_slice(
                concat!(
                    ",\n          \"placeholder\": \"\"",
                    ",\n          \"default\": \"\"",
                    ",\n          \"options\": []",
                    ",\n          \"required\": false"
                )
                .as_bytes(),
            );
        } else {
            self.buf.extend_from_slice(field_key!("placeholder"));
            self.string(&field.placeholder);
            self.buf.extend_from_slice(field_key!("default"));
            self.default_value(field);
            self.buf.extend_from_slice(field_key!("options"));
            self.options(options);
            self.buf.extend_from_slice(if field.required {
                concat!(",\n          \"required\": ", "true").as_bytes()
            } else {
                concat!(",\n          \"required\": ", "false").as_bytes()
            });
        }
        // An issue form's boxes that must be ticked, each by itself (`required` is the
        // field's own rule): only when there are any, so other schemas stay as they were.
        if options.iter().any(|o| o.required) {
            self.buf.extend_from_slice(field_key!("required_options"));
            let required = options.iter().filter(|o| o.required);
            self.strings(required.map(|o| o.label.as_str()), FIELD);
        }
        if !field.help.is_empty() {
            self.buf.extend_from_slice(field_key!("help"));
            self.string(&field.help);
        }
        match &field.kind {
            FieldKind::Code { language } => {
                self.buf.extend_from_slice(field_key!("language"));
                self.string(language);
            }
            FieldKind::Choice {
                custom: Some(custom),
                ..
            } => {
                self.buf.extend_from_slice(field_key!("custom"));
                self.string(custom);
            }
            FieldKind::Table(table) => {
                let (columns, rows) = (table.columns(), table.rows());
                self.buf.extend_from_slice(field_key!("columns"));
                self.strings(columns.iter(), FIELD);
                self.buf.extend_from_slice(field_key!("rows"));
                self.strings(rows.iter(), FIELD);
                self.buf.extend_from_slice(field_key!("hints"));
                self.cells(columns, rows, table.hints.iter().map(Vec::as_slice));
            }
            _ => {}
        }
        self.buf.extend_from_slice(b"\n        }");
    }

    /// The options as the schema shows them (`Other: ___` for a blank one).
    fn options(&mut self, options: &[Opt]) {
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
    fn default_value(&mut self, field: &Field) {
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
    /// value of a field's key), as [`super::cells_json`] makes them. Written directly
    /// when no two rows with cells, and no two cells of a row, share a label (every
    /// table but odd ones); else through `cells_json`'s map, which keeps a repeated
    /// label's first place and its last cells.
    fn cells<'a, I>(&mut self, columns: Labels<'_>, rows: Labels<'_>, cells: I)
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
            self.json(&super::cells_json(columns, rows, cells), FIELD);
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
    fn json(&mut self, value: &Json, indent: usize) {
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

/// A kind's schema name in quotes (what [`quoted_kind`] holds between its keys).
#[cfg(test)]
fn quoted_name(kind: &FieldKind) -> &'static [u8] {
    match kind {
        FieldKind::Text => b"\"text\"",
        FieldKind::TextArea => b"\"textarea\"",
        FieldKind::Code { .. } => b"\"code\"",
        FieldKind::Choice { .. } => b"\"choice\"",
        FieldKind::MultiChoice { .. } => b"\"multichoice\"",
        FieldKind::Checkboxes { .. } => b"\"checkboxes\"",
        FieldKind::Table(_) => b"\"table\"",
        FieldKind::List => b"\"list\"",
    }
}

/// A kind's schema name in quotes, with the `kind` key before it and the `label` key
/// after it: copied in one piece.
fn quoted_kind(kind: &FieldKind) -> &'static [u8] {
    macro_rules! kind {
        ($name:literal) => {
            concat!(
                ",\n          \"kind\": \"",
                $name,
                "\",\n          \"label\": "
            )
            .as_bytes()
        };
    }
    match kind {
        FieldKind::Text => kind!("text"),
        FieldKind::TextArea => kind!("textarea"),
        FieldKind::Code { .. } => kind!("code"),
        FieldKind::Choice { .. } => kind!("choice"),
        FieldKind::MultiChoice { .. } => kind!("multichoice"),
        FieldKind::Checkboxes { .. } => kind!("checkboxes"),
        FieldKind::Table(_) => kind!("table"),
        FieldKind::List => kind!("list"),
    }
}

/// What a byte becomes in a JSON string, as `serde_json` writes it: 0 for itself, `u`
/// for `\u00XX`, else the letter after the backslash.
const ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b'u';
        b += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0a] = b'n';
    table[0x0c] = b'f';
    table[0x0d] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

/// Appends `text` escaped for a JSON string: text that needs nothing (nearly all) is
/// copied in one piece once a scan finds no byte to escape; else clean runs are copied
/// whole between escapes.
///
/// Always inlined into [`Pretty::string`], its one caller: called, its prologue and
/// epilogue were about 19 instructions of the 86 a string costs (400,002 strings for
/// 100k headings; thin LTO did not inline it).
#[allow(clippy::inline_always)]
#[inline(always)]
fn escape(buf: &mut Vec<u8>, text: &[u8]) {
    let clean = clean_prefix(text);
    // Fewer than eight bytes left after clean words: the last eight bytes, overlapping
    // the words already read, are one more word to test instead of a byte loop.
    let tail = text.len().checked_sub(8).and_then(|at| text.get(at..));
    if clean == text.len() || (clean + 8 > text.len() && tail.is_some_and(clean_word)) {
        buf.extend_from_slice(text);
        return;
    }
    match text[clean..]
        .iter()
        .position(|&byte| ESCAPE[usize::from(byte)] != 0)
    {
        None => buf.extend_from_slice(text),
        Some(at) => escape_from(buf, text, clean + at),
    }
}

/// [`escape`] from `first`, the first byte that needs escaping.
#[inline(never)]
fn escape_from(buf: &mut Vec<u8>, text: &[u8], first: usize) {
    buf.extend_from_slice(&text[..first]);
    let mut start = first;
    for (i, &byte) in text.iter().enumerate().skip(first) {
        let code = ESCAPE[usize::from(byte)];
        if code == 0 {
            continue;
        }
        buf.extend_from_slice(&text[start..i]);
        if code == b'u' {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            buf.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(byte >> 4)],
                HEX[usize::from(byte & 0xf)],
            ]);
        } else {
            buf.extend_from_slice(&[b'\\', code]);
        }
        start = i + 1;
    }
    buf.extend_from_slice(&text[start..]);
}

/// How many bytes at the start of `text` need no escaping, to within the eight-byte
/// word holding the first that does: a word at a time, looking for a control
/// character, `"` or `\` in all eight bytes at once.
#[inline]
fn clean_prefix(text: &[u8]) -> usize {
    let mut clean = 0;
    while let Some(word) = text.get(clean..clean + 8) {
        if !clean_word(word) {
            break;
        }
        clean += 8;
    }
    clean
}

/// Whether none of the eight bytes of `word` needs escaping: a control character, `"`
/// or `\` looked for in all eight at once. (False for a slice of another length.)
#[inline]
fn clean_word(word: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A high bit for a byte below `n` (n <= 0x80) or equal to zero; exact in "any".
    let below = |x: u64, n: u64| x.wrapping_sub(ONES * n) & !x & HIGH;
    let Ok(word) = <[u8; 8]>::try_from(word) else {
        return false;
    };
    let x = u64::from_le_bytes(word);
    below(x, 0x20) | below(x ^ (ONES * 0x22), 1) | below(x ^ (ONES * 0x5c), 1) == 0
}

#[cfg(test)]
mod tests;
