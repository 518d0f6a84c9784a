//! A markdown table row's cells as written: split at the pipes no backslash escapes,
//! trimmed. The table rule asks whether a row as written holds its field's default
//! cells (so an untouched table renders without looking at its rows again), and the
//! render asks the same of an answer.

/// Whether `cells` are the cells GFM reads in `row` as written after its first (the
/// row's label), each trimmed: a cell the row does not write is empty, one written past
/// the table's columns is dropped (`4 | 5 |` in a table of three columns is `4`, `5`
/// and an empty cell). The cells of `split` (the tests' reference), found in one loop
/// (an iterator of them, a call a cell, was most of a table's rendering).
pub fn match_after_label(row: &str, cells: &[String]) -> bool {
    let row = unframed(row);
    let bytes = row.as_bytes();
    let mut cells = cells.iter();
    // The first column is the row's label: not compared.
    let mut label = true;
    let (mut from, mut at) = (0, 0);
    loop {
        let end = cell_end(bytes, &mut at);
        let written = super::trim(&row[from..end.unwrap_or(row.len())]);
        if !std::mem::take(&mut label) {
            match cells.next() {
                Some(c) if written == super::trim(c) => {}
                Some(_) => return false,
                None => return true,
            }
        }
        match end {
            Some(i) => (from, at) = (i + 1, i + 1),
            None => return cells.all(|c| super::trim(c).is_empty()),
        }
    }
}

/// How many cells `row` writes, its label's included (outer pipes are no cells).
pub fn count(row: &str) -> usize {
    let row = unframed(row);
    let bytes = row.as_bytes();
    let mut at = 0;
    let mut n = 1;
    while let Some(i) = cell_end(bytes, &mut at) {
        (n, at) = (n + 1, i + 1);
    }
    n
}

/// The cells of a table row as written, trimmed, one at a time (escaped pipes stay
/// inside cells).
#[cfg(test)]
pub fn split(row: &str) -> impl Iterator<Item = &str> {
    let row = unframed(row);
    let bytes = row.as_bytes();
    let (mut start, mut at, mut done) = (0, 0, false);
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let from = start;
        if let Some(i) = cell_end(bytes, &mut at) {
            (start, at) = (i + 1, i + 1);
            Some(super::trim(&row[from..i]))
        } else {
            done = true;
            Some(super::trim(&row[from..]))
        }
    })
}

/// A row without its outer spaces and its first and last pipe (an escaped last pipe is
/// its last cell's).
fn unframed(row: &str) -> &str {
    let row = super::trim(row);
    let row = row.strip_prefix('|').unwrap_or(row);
    match row.strip_suffix('|') {
        Some(inner) if !inner.ends_with('\\') => inner,
        _ => row,
    }
}

/// The next pipe of `bytes` from `at` that no backslash escapes (`at` moves past the
/// escaped ones).
fn cell_end(bytes: &[u8], at: &mut usize) -> Option<usize> {
    // A byte loop: cells are a few bytes, shorter than memchr's set-up pays for.
    while let Some(i) = bytes[*at..]
        .iter()
        .position(|&b| b == b'|')
        .map(|i| *at + i)
    {
        if i == 0 || bytes[i - 1] != b'\\' {
            return Some(i);
        }
        *at = i + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_counted_without_outer_pipes() {
        let counts = [
            ("4 | 5 |\n", 2),
            ("3 | ", 1),
            ("| a | b |", 2),
            ("a | b \\| c", 2),
            ("1 | a\\|", 2),
            ("|", 1),
            ("a", 1),
            ("1 |  | 3", 3),
        ];
        for (row, n) in counts {
            assert_eq!(count(row), n, "{row:?}");
            assert_eq!(split(row).count(), n, "{row:?}");
        }
    }

    /// The one-loop comparison says what comparing the cells one at a time said: the
    /// label column skipped, each other cell trimmed, as many cells on both sides.
    #[test]
    fn rows_match_their_cells_as_split() {
        let rows = [
            "| a | b |\n",
            "| a | b \\| c |  |",
            "|a|b|c|",
            "a | b",
            "| a |",
            "|",
            "",
            "| a \u{a0}| b \\| c |\u{3000}d\u{b} |",
            "\\|| x |",
        ];
        let cells: [&[&str]; 6] = [
            &[],
            &[""],
            &["b"],
            &["b", ""],
            &["b \\| c", ""],
            &["b", "c"],
        ];
        for row in rows {
            for want in cells {
                let owned: Vec<String> = want.iter().map(|c| format!(" {c}")).collect();
                let one_at_a_time = {
                    // As GFM reads a row: a cell not written is empty, one past
                    // the columns dropped.
                    let mut written = split(row).skip(1);
                    let mut given = owned.iter();
                    loop {
                        match (written.next(), given.next()) {
                            (Some(w), Some(c)) if w == c.trim() => {}
                            (None, Some(c)) if c.trim().is_empty() => {}
                            (_, None) => break true,
                            _ => break false,
                        }
                    }
                };
                assert_eq!(
                    match_after_label(row, &owned),
                    one_at_a_time,
                    "{row:?} {want:?}"
                );
            }
        }
    }
}
