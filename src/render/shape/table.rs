//! A table's rows back to markdown: each row as written while its cells keep what it
//! says, else written again from its cells in the row's own style (outer pipes or not).

use std::fmt::Write as _;

use crate::form::{Answers, Form, Value};
use crate::template::layout::TableShape;
use crate::text::sanitize;
use unicode_width::UnicodeWidthStr;

pub(super) fn render_table(
    form: &Form,
    answers: &Answers,
    table: &TableShape,
    out: &mut String,
) -> bool {
    let value = &answers.values[table.field];
    let Value::Table(rows) = value else {
        return false;
    };
    // An untouched table reads its field's default itself: whether each row as written
    // holds the default was decided once, by the table rule while the reader thread
    // still reads (compared here, the rows were on the main thread's serial tail).
    let untouched = form
        .fields
        .get(table.field)
        .is_some_and(|f| std::ptr::eq(value, std::ptr::from_ref(&f.default)));
    out.push_str(table.head());
    for (shape, cells) in table.rows.iter().zip(rows.iter()) {
        let original = table.original(shape);
        let as_written = if untouched {
            shape.verbatim_at_default
        } else {
            shape.verbatim_ok && crate::text::cells::match_after_label(original, cells)
        };
        if as_written {
            out.push_str(original);
            continue;
        }
        let cells = cells
            .iter()
            .map(|cell| sanitize::one_line(cell).trim().replace('|', "\\|"));
        let row: Vec<String> = std::iter::once(table.label(shape).to_owned())
            .chain(cells)
            .collect();
        if table.widths.is_empty() {
            out.push_str(&row_as(&row, Frame::of(original, &row)));
        } else {
            out.push_str(&table_row(&row, &table.widths));
        }
    }
    true
}

/// The outer pipes a row is written with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Frame {
    open: bool,
    close: bool,
}

impl Frame {
    /// Those of the row as written (GFM reads a row with or without them), but where a
    /// cell needs one: an empty first cell without its leading pipe is no cell (the
    /// next one would take the label's column), and an empty last cell is written as
    /// its pipes (`| |`), not as trailing spaces. A row of one cell keeps both. A
    /// trailing pipe is the row's style when it opens with one too or writes all its
    /// cells: in `4 | 5 |`, short of a column, it stood for the empty last cell.
    fn of(original: &str, cells: &[String]) -> Self {
        let written = crate::text::trim(original);
        let open = written.starts_with('|');
        let close = written.ends_with('|')
            && !written.ends_with("\\|")
            && (open || crate::text::cells::count(original) >= cells.len());
        let (first, last) = match cells {
            [first, .., last] => (first.is_empty(), last.is_empty()),
            _ => return Self::FRAMED,
        };
        Self {
            open: open || first,
            close: close || last,
        }
    }

    const FRAMED: Self = Self {
        open: true,
        close: true,
    };
}

/// A row of cells, padded to `widths` (inside the pipes) when the table has them: an
/// aligned table is one with both outer pipes.
pub(super) fn table_row(cells: &[String], widths: &[usize]) -> String {
    if widths.len() != cells.len() {
        return row_as(cells, Frame::FRAMED);
    }
    let mut out = String::from("|");
    for (cell, &width) in cells.iter().zip(widths) {
        let pad = width.saturating_sub(cell.width() + 2);
        let _ = write!(out, " {cell}{} |", " ".repeat(pad));
    }
    out.push('\n');
    out
}

/// A row of cells with the outer pipes of `frame`, a space each side of a pipe inside
/// and none for an empty cell (`| a | |`, `a | | b`).
fn row_as(cells: &[String], frame: Frame) -> String {
    let mut out = String::new();
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push_str(" |");
        } else if frame.open {
            out.push('|');
        }
        if !cell.is_empty() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(cell);
        }
    }
    if frame.close {
        out.push_str(" |");
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| (*c).to_owned()).collect()
    }

    /// Framed rows read as they did before rows kept their style.
    #[test]
    fn framed_rows_are_written_with_both_pipes() {
        let framed = |cells: &[&str]| row_as(&row(cells), Frame::FRAMED);
        assert_eq!(framed(&["Time", ""]), "| Time | |\n");
        assert_eq!(framed(&["", "2"]), "| | 2 |\n");
        assert_eq!(framed(&["a", "b", "c"]), "| a | b | c |\n");
        assert_eq!(framed(&["", ""]), "| | |\n");
    }

    /// A row written without outer pipes is written again without them, but for the
    /// pipe an empty first or last cell needs.
    #[test]
    fn rows_keep_their_outer_pipes_or_their_absence() {
        let again = |original: &str, cells: &[&str]| {
            let cells = row(cells);
            row_as(&cells, Frame::of(original, &cells))
        };
        assert_eq!(again("1 | 2\n", &["1", "9"]), "1 | 9\n");
        assert_eq!(again("  1 | 2  \n", &["1", "x \\| y"]), "1 | x \\| y\n");
        assert_eq!(again("1 | 2 | 3\n", &["1", "", "4"]), "1 | | 4\n");
        assert_eq!(again("1 | 2\n", &["1", ""]), "1 | |\n");
        assert_eq!(again("| 2\n", &["", "9"]), "| | 9\n");
        assert_eq!(again("| 1 | 2\n", &["1", "9"]), "| 1 | 9\n");
        assert_eq!(again("1 | 2 |\n", &["1", "9"]), "1 | 9 |\n");
        assert_eq!(again("| 1 | 2 |\n", &["1", "9"]), "| 1 | 9 |\n");
        // An escaped pipe at the end is a cell's, not the row's.
        assert_eq!(again("1 | a\\|\n", &["1", "9"]), "1 | 9\n");
        assert_eq!(again("1\n", &["1"]), "| 1 |\n");
        // A trailing pipe where a short row's empty last cell was is not its style.
        assert_eq!(again("4 | 5 |\n", &["4", "5", "Z"]), "4 | 5 | Z\n");
        assert_eq!(again("3 | \n", &["3", "Y"]), "3 | Y\n");
        assert_eq!(again("3 |\n", &["3", ""]), "3 | |\n");
        assert_eq!(again("| 4 | 5 |\n", &["4", "5", "Z"]), "| 4 | 5 | Z |\n");
        assert_eq!(
            again("4 | 5 | 6 | 7 |\n", &["4", "5", "Z"]),
            "4 | 5 | Z |\n"
        );
    }
}
