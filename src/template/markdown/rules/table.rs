//! Tables: one field whose header and row labels stay fixed and whose other cells are
//! answers; a cell that is a placeholder (`X ms`) is a hint, any other text a default.

use super::{Ctx, NewField, Recognized};
use crate::form::{Cells, FieldKind, Value};
use crate::template::blocks::Table;
use crate::template::hints;
use crate::template::layout::{Shape, TableShape};
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
    // The header's labels, then the rows': one vector, and the kind's text is sized
    // from it (a vector each, and a text grown, were five more allocations a table).
    let mut labels = Vec::with_capacity(head_cells.len() + rows.len());
    labels.extend(head_cells.iter().map(|c| hints::plain_label_in(c)));
    let mut defaults = Vec::with_capacity(rows.len() * width);
    // Made at the first placeholder: most tables have none (a vector a row was two
    // allocations of every 2x2 table, dropped again by the kind).
    let mut cell_hints: Vec<Vec<String>> = Vec::new();
    let mut shapes = Vec::with_capacity(rows.len());
    for (r, row) in rows.iter().enumerate() {
        let cells = table.cells(row);
        let label = cells.first().copied().unwrap_or("");
        labels.push(hints::plain_label_in(label));
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
        shapes.push((
            source.line_text(line),
            label,
            no_hints && cells.len() == width + 1,
        ));
    }
    let head = source.lines_text(lines.start..first_row);
    // The header's lines, then each row's: by line number, not searched for.
    let head_lines = (lines.start..first_row).map(|l| source.line_text(l));
    let (columns, row_labels) = labels.split_at(head_cells.len());
    let kind = FieldKind::table(columns, row_labels, cell_hints);
    let defaults = Cells::from_cells(defaults, rows.len(), width);
    let field = NewField::new(kind, ctx.label, "", Value::Table(defaults), lines.start);
    let written = head_lines.chain(shapes.iter().map(|r| r.0));
    let shape = TableShape::new(head, shapes.iter().copied(), aligned_widths(written));
    Recognized::field(field, lines, Shape::Table(shape))
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
    // Printable ASCII is one column a byte. A byte is escaped when the one before it
    // is a backslash not escaped itself.
    // Folded without stopping early, the check is a few wide compares.
    if row
        .bytes()
        .fold(true, |ok, b| ok & (b' '..=b'~').contains(&b))
    {
        let mut escaped_at = usize::MAX;
        for (at, &b) in row.as_bytes().iter().enumerate() {
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

    /// The byte-at-a-time reading of printable ASCII gives the columns a character at a
    /// time gave; control characters and wide ones take the character path.
    #[test]
    fn pipe_columns_by_bytes_are_by_characters() {
        let slow = |row: &str| {
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
        };
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
