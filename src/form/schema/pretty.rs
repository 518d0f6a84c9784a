//! The schema's pretty JSON, written by hand: laid out and escaped byte for byte as
//! `serde_json`'s pretty formatter would (the tests below compare each piece with it;
//! `tests/golden.rs` pins the whole text of every built-in and corpus template), with
//! less work per key and per string.

use std::io::Write;

use serde_json::Value as Json;

use super::super::{Field, FieldKind, Form, Section, Value};

/// Bytes gathered before they are handed to the writer.
const CHUNK: usize = 64 * 1024;

pub(super) fn write(form: &Form, mut out: impl Write) -> std::io::Result<()> {
    let mut w = Pretty::default();
    let meta = &form.meta;
    w.begin(b'{');
    w.key(b"\"name\": ");
    w.string(&meta.name);
    w.key(b"\"about\": ");
    w.string(&meta.about);
    w.key(b"\"title\": ");
    w.string(&meta.title);
    w.key(b"\"labels\": ");
    w.strings(&meta.labels);
    w.key(b"\"assignees\": ");
    w.strings(&meta.assignees);
    w.key(b"\"projects\": ");
    w.strings(&meta.projects);
    w.key(b"\"type\": ");
    w.string(&meta.issue_type);
    w.key(b"\"sections\": ");
    w.begin(b'[');
    for section in &form.sections {
        w.item();
        w.section(form, section);
        if w.buf.len() >= CHUNK {
            out.write_all(&w.buf)?;
            w.buf.clear();
        }
    }
    w.end(b']');
    w.end(b'}');
    out.write_all(&w.buf)?;
    out.flush()
}

/// A pretty JSON writer: two-space indents, `": "` after keys, `,` and a new line
/// between items, empty arrays and objects as `[]` and `{}`.
#[derive(Default)]
struct Pretty {
    buf: Vec<u8>,
    /// For each open array or object, whether it has an item yet.
    open: Vec<bool>,
}

impl Pretty {
    fn begin(&mut self, bracket: u8) {
        self.buf.push(bracket);
        self.open.push(false);
    }

    fn end(&mut self, bracket: u8) {
        if self.open.pop() == Some(true) {
            self.newline();
        }
        self.buf.push(bracket);
    }

    /// Starts an item of the innermost array or object: the comma after the item
    /// before, the new line and the indent in one copy.
    fn item(&mut self) {
        const SEP: &[u8; 34] = b",\n                                ";
        let comma = self
            .open
            .last_mut()
            .is_some_and(|has| std::mem::replace(has, true));
        let width = 2 * self.open.len();
        if let Some(sep) = SEP.get(usize::from(!comma)..2 + width) {
            self.buf.extend_from_slice(sep);
        } else {
            if comma {
                self.buf.push(b',');
            }
            self.newline();
        }
    }

    /// A new line indented two spaces per open array or object (one copy, not a
    /// push per level).
    fn newline(&mut self) {
        const INDENT: &[u8; 33] = b"\n                                ";
        let width = 2 * self.open.len();
        if let Some(line) = INDENT.get(..=width) {
            self.buf.extend_from_slice(line);
        } else {
            self.buf.push(b'\n');
            self.buf.resize(self.buf.len() + width, b' ');
        }
    }

    /// An object's key, written as it appears with its quotes and the `": "` after it
    /// (`b"\"id\": "`): fixed ASCII, copied in one piece.
    fn key(&mut self, quoted: &[u8]) {
        self.item();
        self.buf.extend_from_slice(quoted);
    }

    /// A key from the template, escaped.
    fn text_key(&mut self, key: &str) {
        self.item();
        self.string(key);
        self.buf.extend_from_slice(b": ");
    }

    fn string(&mut self, text: &str) {
        // Many strings are empty (help, placeholders, defaults): no escaping set up.
        if text.is_empty() {
            self.buf.extend_from_slice(b"\"\"");
            return;
        }
        self.buf.push(b'"');
        escape(&mut self.buf, text.as_bytes());
        self.buf.push(b'"');
    }

    fn strings<S: AsRef<str>>(&mut self, items: impl IntoIterator<Item = S>) {
        self.begin(b'[');
        for item in items {
            self.item();
            self.string(item.as_ref());
        }
        self.end(b']');
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

    fn raw(&mut self, text: &str) {
        self.buf.extend_from_slice(text.as_bytes());
    }

    fn section(&mut self, form: &Form, section: &Section) {
        self.begin(b'{');
        self.key(b"\"id\": ");
        self.string(&section.id);
        self.key(b"\"title\": ");
        self.string(&section.title);
        self.key(b"\"level\": ");
        self.number(section.level);
        self.key(b"\"help\": ");
        self.string(&section.help);
        if !section.after.is_empty() {
            self.key(b"\"after\": ");
            self.string(&section.after);
        }
        self.key(b"\"fields\": ");
        self.begin(b'[');
        for &f in &section.fields {
            self.item();
            self.field(&form.fields[f]);
        }
        self.end(b']');
        self.end(b'}');
    }

    fn field(&mut self, field: &Field) {
        self.begin(b'{');
        self.key(b"\"id\": ");
        self.string(&field.id);
        self.key(b"\"kind\": ");
        self.buf.extend_from_slice(quoted_name(&field.kind));
        self.key(b"\"label\": ");
        self.string(&field.label);
        self.key(b"\"placeholder\": ");
        self.string(&field.placeholder);
        self.key(b"\"default\": ");
        self.default_value(field);
        self.key(b"\"options\": ");
        self.begin(b'[');
        for option in field.kind.options() {
            self.item();
            self.buf.push(b'"');
            escape(&mut self.buf, option.label.as_bytes());
            if option.blank {
                self.buf.extend_from_slice(b" ___");
            }
            self.buf.push(b'"');
        }
        self.end(b']');
        self.key(b"\"required\": ");
        self.raw(if field.required { "true" } else { "false" });
        // An issue form's boxes that must be ticked, each by itself (`required` is the
        // field's own rule): only when there are any, so other schemas stay as they were.
        let options = field.kind.options();
        if options.iter().any(|o| o.required) {
            self.key(b"\"required_options\": ");
            self.strings(
                options
                    .iter()
                    .filter(|o| o.required)
                    .map(|o| o.label.as_str()),
            );
        }
        if !field.help.is_empty() {
            self.key(b"\"help\": ");
            self.string(&field.help);
        }
        match &field.kind {
            FieldKind::Code { language } => {
                self.key(b"\"language\": ");
                self.string(language);
            }
            FieldKind::Choice {
                custom: Some(custom),
                ..
            } => {
                self.key(b"\"custom\": ");
                self.string(custom);
            }
            FieldKind::Table(table) => {
                let (columns, rows) = (table.columns(), table.rows());
                self.key(b"\"columns\": ");
                self.strings(columns.iter());
                self.key(b"\"rows\": ");
                self.strings(rows.iter());
                self.key(b"\"hints\": ");
                self.json(&super::cells_json(columns, rows, &table.hints));
            }
            _ => {}
        }
        self.end(b'}');
    }

    /// A field's default: text, a list, the choice (or `null`), the choices, or the
    /// table's non-empty cells by row and column.
    fn default_value(&mut self, field: &Field) {
        match (&field.default, &field.kind) {
            (Value::Text(t), _) => self.string(t),
            (Value::List(items), _) => self.strings(items),
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
                        None => self.raw("null"),
                    },
                    _ => self.strings(picked),
                }
            }
            (Value::Table(cells), FieldKind::Table(table)) => {
                self.json(&super::cells_json(
                    table.columns(),
                    table.rows(),
                    cells.iter(),
                ));
            }
            (Value::Table(_), _) => self.raw("null"),
        }
    }

    /// A JSON tree (the table cells, kept in a map for its handling of repeated labels).
    fn json(&mut self, value: &Json) {
        match value {
            Json::Null => self.raw("null"),
            Json::Bool(b) => self.raw(if *b { "true" } else { "false" }),
            Json::Number(n) => self.raw(&n.to_string()),
            Json::String(s) => self.string(s),
            Json::Array(items) => {
                self.begin(b'[');
                for item in items {
                    self.item();
                    self.json(item);
                }
                self.end(b']');
            }
            Json::Object(map) => {
                self.begin(b'{');
                for (key, item) in map {
                    self.text_key(key);
                    self.json(item);
                }
                self.end(b'}');
            }
        }
    }
}

/// A kind's schema name in quotes, copied in one piece.
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

/// Appends `text` escaped for a JSON string: runs that need nothing are copied whole.
fn escape(buf: &mut Vec<u8>, text: &[u8]) {
    let mut start = 0;
    for (i, &byte) in text.iter().enumerate().skip(clean_prefix(text)) {
        let code = ESCAPE[byte as usize];
        if code == 0 {
            continue;
        }
        buf.extend_from_slice(&text[start..i]);
        if code == b'u' {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            buf.extend_from_slice(b"\\u00");
            buf.push(HEX[usize::from(byte >> 4)]);
            buf.push(HEX[usize::from(byte & 0xf)]);
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
fn clean_prefix(text: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A high bit for a byte below `n` (n <= 0x80) or equal to zero; exact in "any".
    let below = |x: u64, n: u64| x.wrapping_sub(ONES * n) & !x & HIGH;
    let mut clean = 0;
    while let Some(Ok(word)) = text.get(clean..clean + 8).map(<[u8; 8]>::try_from) {
        let x = u64::from_le_bytes(word);
        if below(x, 0x20) | below(x ^ (ONES * 0x22), 1) | below(x ^ (ONES * 0x5c), 1) != 0 {
            break;
        }
        clean += 8;
    }
    clean
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(text: &str) -> String {
        let mut buf = Vec::new();
        escape(&mut buf, text.as_bytes());
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let all: String = (0u8..0x80)
            .map(char::from)
            .chain("é\u{2028}✓".chars())
            .collect();
        let serde = serde_json::to_string(&all).unwrap();
        assert_eq!(format!("\"{}\"", escaped(&all)), serde);
        assert_eq!(escaped("a\"b\\c\nd\u{1f}"), r#"a\"b\\c\nd\u001f"#);
        assert_eq!(escaped("plain"), "plain");
    }

    #[test]
    fn every_byte_that_needs_escaping_is_found_at_every_place_in_a_word() {
        let specials = (0u8..0x20).chain([b'"', b'\\']).map(char::from);
        for special in specials.chain(['\u{7f}', 'é', '✓']) {
            for at in 0..20 {
                let text: String = "abcdefghij0123456789".chars().take(at).collect();
                let text = format!("{text}{special}xyz");
                let serde = serde_json::to_string(&text).unwrap();
                assert_eq!(
                    format!("\"{}\"", escaped(&text)),
                    serde,
                    "{special:?} at {at}"
                );
            }
        }
        assert_eq!(clean_prefix(b"0123456789abcdefX"), 16);
        assert_eq!(clean_prefix(b"01234567\"89abcdef"), 8);
        assert_eq!(clean_prefix(b"\n1234567"), 0);
    }

    #[test]
    fn kinds_and_empty_strings_are_written_as_serde_json_writes_them() {
        let kinds = [
            FieldKind::Text,
            FieldKind::TextArea,
            FieldKind::Code {
                language: String::new(),
            },
            FieldKind::Choice {
                options: Vec::new(),
                custom: None,
            },
            FieldKind::MultiChoice {
                options: Vec::new(),
            },
            FieldKind::Checkboxes {
                options: Vec::new(),
            },
            FieldKind::table(Vec::<String>::new(), Vec::<String>::new(), Vec::new()),
            FieldKind::List,
        ];
        for kind in &kinds {
            let serde = serde_json::to_string(kind.name()).unwrap();
            assert_eq!(quoted_name(kind), serde.as_bytes(), "{}", kind.name());
        }
        let mut w = Pretty::default();
        w.string("");
        assert_eq!(w.buf, serde_json::to_string("").unwrap().as_bytes());
    }

    #[test]
    fn numbers_and_deep_nesting_are_written_as_serde_json_writes_them() {
        let mut w = Pretty::default();
        w.begin(b'[');
        for n in [0, 7, 10, 99, 100, 255] {
            w.item();
            w.number(n);
        }
        w.end(b']');
        assert_eq!(
            String::from_utf8(w.buf).unwrap(),
            serde_json::to_string_pretty(&[0, 7, 10, 99, 100, 255]).unwrap()
        );
        let deep = (0..20).fold(serde_json::json!("x"), |v, _| serde_json::json!([v]));
        let mut w = Pretty::default();
        w.json(&deep);
        assert_eq!(
            String::from_utf8(w.buf).unwrap(),
            serde_json::to_string_pretty(&deep).unwrap()
        );
    }

    #[test]
    fn empty_and_nested_containers_are_laid_out_as_serde_json_does() {
        let tree = serde_json::json!({"a": [], "b": {}, "c": [1, {"d": null, "e\n": true}]});
        let mut w = Pretty::default();
        w.json(&tree);
        assert_eq!(
            String::from_utf8(w.buf).unwrap(),
            serde_json::to_string_pretty(&tree).unwrap()
        );
    }
}
