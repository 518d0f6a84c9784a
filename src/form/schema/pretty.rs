//! The schema's pretty JSON, written by hand: laid out and escaped byte for byte as
//! `serde_json`'s pretty formatter would (its unit tests compare each piece with it;
//! `tests/golden.rs` pins the whole text of every built-in and corpus template), with
//! less work per key and per string.
//!
//! The schema's shape is fixed (an object with an array of sections, each with an array
//! of fields), so each key is copied with everything before it (the comma after the
//! value before, the new line and the indent) as one constant, and each part is written
//! knowing its indent: no stack of open containers, no bookkeeping per item.

use std::io::Write;

use super::super::{Field, FieldKind, Form, Section, Value};

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

mod escape;
mod values;

use escape::escape;

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

#[cfg(test)]
mod tests;
