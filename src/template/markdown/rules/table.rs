//! Tables: one field whose header and row labels stay fixed and whose other cells are
//! answers; a cell that is a placeholder (`X ms`) is a hint, any other text a default.

use super::{Ctx, NewField, Recognized};
use crate::form::{Cells, FieldKind, LabelText, TableKind, Value};
use crate::template::blocks::{Row, Table};
use crate::template::hints;
use crate::template::layout::{Shape, TableText};
use unicode_width::UnicodeWidthChar;

pub(super) fn table(table: &Table<'_>, ctx: &Ctx<'_>) -> Recognized {
    let source = ctx.source;
    let rows = &table.rows;
    let lines = source.lines(&table.range);
    // Looked up before the rows' lines: lines are found fastest going forward.
    let first_row = rows
        .first()
        .map_or(lines.end, |r| source.line_of(r.range.start));
    let head_cells = table.head();
    let width = head_cells.len().saturating_sub(1);
    let row_label = |row: &Row| table.cells(row).first().copied().unwrap_or("");
    // The header's labels, then the rows', written as they are read into text sized
    // from the cells as written (a plain label is never longer): a vector of them
    // first was an allocation a table.
    let len = head_cells.iter().map(|c| c.len()).sum::<usize>()
        + rows.iter().map(|r| row_label(r).len()).sum::<usize>();
    let mut labels = LabelText::with_capacity(head_cells.len() + rows.len(), len);
    for cell in head_cells {
        labels.push(&hints::plain_label_in(cell));
    }
    let mut defaults = Vec::with_capacity(rows.len() * width);
    // Made at the first placeholder: most tables have none (a vector a row was two
    // allocations of every 2x2 table, dropped again by the kind).
    let mut cell_hints: Vec<Vec<String>> = Vec::new();
    // The header's lines, then each row's (by line number, not searched for), written
    // into the shape as they are read: the rows are the lines after the header.
    let head = source.lines_text(lines.start..first_row);
    let room = source.lines_text(first_row..lines.end.max(first_row)).len();
    let mut shape = TableText::new(head, room, rows.len());
    for (r, row) in rows.iter().enumerate() {
        let cells = table.cells(row);
        let label = row_label(row);
        labels.push(&hints::plain_label_in(label));
        let mut no_hints = true;
        for c in 1..=width {
            let text = cells.get(c).copied().unwrap_or("");
            if !text.is_empty() && hints::is_placeholder(text) {
                if cell_hints.is_empty() {
                    cell_hints = vec![vec![String::new(); width]; rows.len()];
                }
                text.clone_into(&mut cell_hints[r][c - 1]);
                no_hints = false;
                defaults.push(String::new());
            } else {
                defaults.push(text.to_owned());
            }
        }
        let line = source.line_of(row.range.start);
        let original = source.line_text(line);
        let verbatim_ok = no_hints && cells.len() == width + 1;
        // What render compares of a row at its defaults, compared once here (on the
        // main thread while the reader still reads: not on the serial tail).
        let at_default = verbatim_ok
            && crate::text::cells::match_after_label(original, &defaults[defaults.len() - width..]);
        shape.push_row(original, label, (verbatim_ok, at_default));
    }
    // The header's lines by line number, then each row as the shape holds it.
    let head_lines = (lines.start..first_row).map(|l| source.line_text(l));
    let widths = aligned_widths(head_lines.chain(shape.rows()));
    let kind = FieldKind::Table(Box::new(TableKind::from_labels(
        labels,
        head_cells.len(),
        cell_hints,
    )));
    let defaults = Cells::from_cells(defaults, rows.len(), width);
    let field = NewField::new(kind, ctx.label, "", Value::Table(defaults), lines.start);
    Recognized::field_in(
        ctx.scratch,
        field,
        lines,
        Shape::Table(shape.finish(widths)),
    )
}

/// The display columns of a row's unescaped pipes.
#[cfg(test)]
fn pipe_columns(row: &str) -> Vec<usize> {
    let mut columns = Vec::new();
    pipes(row, |column| {
        columns.push(column);
        true
    });
    columns
}

/// Gives `found` the display column of each unescaped pipe of `row`, in order, until it
/// returns false; returns whether it never did.
fn pipes(row: &str, mut found: impl FnMut(usize) -> bool) -> bool {
    let row = trim_end(row);
    let bytes = row.as_bytes();
    // Printable ASCII is one column a byte. Looked at eight bytes at a time: a byte
    // loop (and another to check the bytes) was most of the table rule's work.
    let (mut odd, mut backslashes) = (0, 0);
    for word in words(bytes) {
        odd |= not_printable(word);
        backslashes |= bytes_equal(word, b'\\');
    }
    if odd == 0 && backslashes == 0 {
        // Nothing escaped: every pipe is a column.
        for (i, word) in words(bytes).enumerate() {
            let mut at = bytes_equal(word, b'|');
            while at != 0 {
                if !found(i * 8 + (at.trailing_zeros() / 8) as usize) {
                    return false;
                }
                at &= at - 1;
            }
        }
        return true;
    }
    if odd == 0 {
        // A byte is escaped when the one before it is a backslash not escaped itself.
        let mut escaped_at = usize::MAX;
        for (at, &b) in bytes.iter().enumerate() {
            if b == b'|' && escaped_at != at && !found(at) {
                return false;
            }
            if b == b'\\' && escaped_at != at {
                escaped_at = at + 1;
            }
        }
        return true;
    }
    let (mut at, mut escaped) = (0, false);
    for c in row.chars() {
        if c == '|' && !escaped && !found(at) {
            return false;
        }
        escaped = c == '\\' && !escaped;
        at += UnicodeWidthChar::width(c).unwrap_or(0);
    }
    true
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// `bytes` eight at a time, the first in the low byte; the last word padded with spaces
/// (printable, neither a pipe nor a backslash).
fn words(bytes: &[u8]) -> impl Iterator<Item = u64> + '_ {
    let chunks = bytes.chunks_exact(8);
    let rest = chunks.remainder();
    let last = (!rest.is_empty()).then(|| {
        let mut word = [b' '; 8];
        word[..rest.len()].copy_from_slice(rest);
        u64::from_le_bytes(word)
    });
    chunks
        .map(|c| u64::from_le_bytes(c.try_into().expect("eight bytes")))
        .chain(last)
}

/// The high bit of each byte of `word` that is `byte`, and no other bit: exact, with no
/// carry from one byte into the next.
fn bytes_equal(word: u64, byte: u8) -> u64 {
    let x = word ^ (ONES * u64::from(byte));
    !(((x & !HIGH) + !HIGH) | x | !HIGH)
}

/// The high bit of each byte of `word` outside printable ASCII (`' '..='~'`), exactly.
fn not_printable(word: u64) -> u64 {
    // High bit of the bytes whose low seven bits are at least `n` (each byte is made at
    // least 0x80 first, so nothing borrows from the next).
    let at_least = |n: u8| ((word | HIGH) - ONES * u64::from(n)) & HIGH;
    (word & HIGH) | (at_least(b' ') ^ HIGH) | at_least(0x7f)
}

/// `text.trim_end()`, without decoding characters when the text ends in ASCII (a row
/// ends in its newline: `trim_end` looks each character up as Unicode).
fn trim_end(text: &str) -> &str {
    let bytes = text.as_bytes();
    let end = bytes
        .iter()
        .rposition(|&b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c))
        .map_or(0, |at| at + 1);
    match end.checked_sub(1).map(|at| bytes[at]) {
        // Only ASCII spaces after an ASCII character that is not one: what `trim_end`
        // takes away. Before a character outside ASCII, it may take more.
        Some(last) if last.is_ascii() => &text[..end],
        None => "",
        Some(_) => text.trim_end(),
    }
}

/// When every row puts its pipes at the same columns, starting and ending with one:
/// the width between each pair. Empty otherwise.
fn aligned_widths<I>(rows: I) -> Vec<usize>
where
    I: IntoIterator,
    I::Item: AsRef<str>,
{
    let framed = |r: &str| {
        (r.starts_with('|') || r.trim_start().starts_with('|')) && trim_end(r).ends_with('|')
    };
    let mut rows = rows.into_iter();
    let Some(first_row) = rows.next() else {
        return Vec::new();
    };
    let first_row = first_row.as_ref();
    // Room for a width between each two pipes: counted as bytes (a pass the compiler
    // does a word at a time), so an escaped pipe only leaves room unused. A vector of
    // the columns, turned into the widths and shrunk into the shape's box, was two
    // calls to the allocator a table.
    let room = first_row.bytes().filter(|&b| b == b'|').count();
    if room < 2 || !framed(first_row) {
        return Vec::new();
    }
    let (mut widths, mut start, mut last, mut n) = (Vec::with_capacity(room - 1), None, 0, 0);
    pipes(first_row, |column| {
        n += 1;
        if start.is_none() {
            start = Some(column);
        } else {
            widths.push(column - last - 1);
        }
        last = column;
        true
    });
    if n < 2 {
        return Vec::new();
    }
    let start = start.unwrap_or_default();
    // One pass: each row framed, with its pipes where the first row has them.
    for row in rows {
        let row = row.as_ref();
        let (mut k, mut expected) = (0, start);
        let same = pipes(row, |column| {
            if column != expected {
                return false;
            }
            // After the last pipe, none is expected.
            expected = widths.get(k).map_or(usize::MAX, |w| column + w + 1);
            k += 1;
            true
        });
        if !framed(row) || !same || k != n {
            return Vec::new();
        }
    }
    widths
}

#[cfg(test)]
mod tests {
    use super::super::testing::{UNDER_HEADING, first};
    use super::*;

    #[test]
    fn aligned_tables_know_their_column_widths() {
        let rows = [
            "| Metric | Before |",
            "| ------ | ------ |",
            "| Time   | X ms   |",
            "| Größe  |        |",
        ];
        assert_eq!(aligned_widths(&rows), [8, 8]);
        assert!(aligned_widths(&["| a | b |", "|---|---|", "| long | x |"]).is_empty());
        assert!(aligned_widths(&["a | b", "--|--"]).is_empty());
        assert_eq!(pipe_columns(r"| a \| b | c |"), [0, 9, 13]);
    }

    /// Escaped pipes are not columns: room is made for them, but the widths are those
    /// of the unescaped pipes, and a row whose only pipes are escaped has none.
    #[test]
    fn escaped_pipes_make_no_columns() {
        let widths = aligned_widths([r"| a \| b | c |", "|--------|---|"]);
        assert_eq!(widths, [8, 3]);
        assert!(aligned_widths([r"\| a \|", r"\| a \|"]).is_empty());
        assert!(aligned_widths([r"| a \|", "|---|"]).is_empty());
    }

    /// The reference both tests below compare with: the pipe columns found a character
    /// at a time (a pipe not escaped by a backslash, at its display column).
    fn pipe_columns_by_chars(row: &str) -> Vec<usize> {
        let mut columns = Vec::new();
        let (mut at, mut escaped) = (0, false);
        for c in row.trim_end().chars() {
            if c == '|' && !escaped {
                columns.push(at);
            }
            escaped = c == '\\' && !escaped;
            at += UnicodeWidthChar::width(c).unwrap_or(0);
        }
        columns
    }

    /// The byte-at-a-time reading of printable ASCII gives the columns a character at a
    /// time gave; control characters and wide ones take the character path.
    #[test]
    fn pipe_columns_by_bytes_are_by_characters() {
        let slow = pipe_columns_by_chars;
        for row in [
            "| a | b |",
            r"| a \| b |",
            r"| a \\| b \| |",
            "|\tx|y|",
            "| 表 | b |\n",
            "|\u{7f}|",
            "",
            "|",
        ] {
            assert_eq!(pipe_columns(row), slow(row), "{row:?}");
        }
        assert_eq!(aligned_widths(["| 表 | b |", "|----|---|"]), [4, 3]);
        assert!(aligned_widths(["| a | b |", "| a | b | c |"]).is_empty());
        assert!(aligned_widths(["| a | b |", "| a |"]).is_empty());
        assert!(aligned_widths(["| a | b |", "| a | b"]).is_empty());
    }

    /// Eight bytes at a time gives the columns a byte at a time gave: every ASCII byte
    /// (control characters, DEL, a backslash, a pipe) at every place of a row longer
    /// than a word, and characters outside ASCII.
    #[test]
    fn pipe_columns_by_words_are_by_characters() {
        let slow = pipe_columns_by_chars;
        let row = "| aaaa | bbbbbb | c |";
        for c in (0u8..0x80).map(char::from).chain(['é', '表', '\u{a0}']) {
            for at in 0..row.len() {
                let mut changed = row.to_owned();
                changed.replace_range(at..=at, c.encode_utf8(&mut [0; 4]));
                assert_eq!(pipe_columns(&changed), slow(&changed), "{changed:?}");
            }
        }
        for word in [0, u64::MAX, 0x7c7c_7c7c_7c7c_7c7c, 0x2020_7e7f_1f20_8000] {
            for (i, b) in word.to_le_bytes().into_iter().enumerate() {
                let bit = |f: u64| (f >> (i * 8 + 7)) & 1;
                assert_eq!(
                    bit(bytes_equal(word, b'|')),
                    u64::from(b == b'|'),
                    "{word:x} {i}"
                );
                assert_eq!(
                    bit(not_printable(word)),
                    u64::from(!(b' '..=b'~').contains(&b)),
                    "{word:x} {i}"
                );
            }
        }
    }

    /// Rows are trimmed by bytes where that gives what `str::trim_end` gives.
    #[test]
    fn trim_end_is_str_trim_end() {
        for text in [
            "",
            " \n",
            "| a |\n",
            "| a |\u{b}\u{c}\r\n",
            "| a |\u{1c}\n",
            "| 表 |\n",
            "| a \u{3000}\n",
            "x\u{85}",
            "\u{a0} ",
            "é \t",
        ] {
            assert_eq!(trim_end(text), text.trim_end(), "{text:?}");
        }
    }

    #[test]
    fn header_and_row_labels_are_fixed_and_placeholders_are_hints() {
        let src =
            "| Metric | Before | After |\n|---|---|---|\n| **Time** | X ms | 5 ms |\n| Size |\n";
        let found = first(src, UNDER_HEADING, Some("Numbers"));
        let [
            Recognized::Fields {
                fields,
                shape,
                lines,
            },
        ] = found.as_slice()
        else {
            panic!("{found:?}")
        };
        assert_eq!(lines, &(0..4));
        let field = &fields[0];
        assert_eq!(field.label.as_deref(), Some("Numbers"));
        assert_eq!(
            field.kind,
            FieldKind::table(
                ["Metric", "Before", "After"],
                ["Time", "Size"],
                vec![
                    vec!["X ms".into(), String::new()],
                    vec![String::new(), String::new()]
                ]
            )
        );
        assert_eq!(
            field.default,
            Value::Table(Cells::from(vec![
                vec![String::new(), "5 ms".into()],
                vec![String::new(), String::new()]
            ]))
        );
        let Shape::Table(table) = shape else {
            panic!("{shape:?}")
        };
        assert_eq!(table.head(), "| Metric | Before | After |\n|---|---|---|\n");
        let verbatim: Vec<bool> = table.rows.iter().map(|r| r.verbatim_ok).collect();
        // Short rows are padded: the row as written is right while its cells are empty.
        assert_eq!(verbatim, [false, true]);
        assert_eq!(table.original(&table.rows[1]), "| Size |\n");
        assert_eq!(table.label(&table.rows[0]), "**Time**");
        assert_eq!(table.label(&table.rows[1]), "Size");
    }
}
