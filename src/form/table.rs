//! A table field's fixed text (its header and row labels, in one string) and its
//! editable cells (in one vector, row by row).
//!
//! A 2x2 table kept its labels as two vectors of four strings and its cells as a
//! vector of row vectors: ten allocations a table, for the form's lifetime. Now the
//! kind is three (its box, the text, the label ends) and the cells one.

use std::ops::{Index, IndexMut};

/// What a table field holds fixed: its header, its row labels, and the placeholder of
/// each editable cell (`X ms`), row by row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableKind {
    /// The header's cells, then the row labels, one after another.
    text: Box<str>,
    /// Where each label ends in `text`: the header's cells', then the rows'.
    ends: Box<[u32]>,
    /// How many of `ends` are the header's.
    columns: u32,
    /// Empty when no cell has a placeholder (most tables): read a cell's with `get`.
    pub hints: Vec<Vec<String>>,
}

impl TableKind {
    /// The header `columns`, the row labels `rows` and each editable cell's hint, row
    /// by row (all empty: none).
    pub fn new<C, R>(columns: C, rows: R, hints: Vec<Vec<String>>) -> Self
    where
        C: IntoIterator,
        C::IntoIter: Clone,
        C::Item: AsRef<str>,
        R: IntoIterator,
        R::IntoIter: Clone,
        R::Item: AsRef<str>,
    {
        let (columns, rows) = (columns.into_iter(), rows.into_iter());
        // Counted first: the text and the ends are allocated once, at their size (they
        // grew, then were shrunk into boxes: five calls to the allocator a table, not two).
        let (mut count, mut len) = (0, 0);
        for label in columns.clone() {
            count += 1;
            len += label.as_ref().len();
        }
        for label in rows.clone() {
            count += 1;
            len += label.as_ref().len();
        }
        let mut labels = LabelText::with_capacity(count, len);
        for c in columns {
            labels.push(c.as_ref());
        }
        let count = labels.ends.len();
        for r in rows {
            labels.push(r.as_ref());
        }
        Self::from_labels(labels, count, hints)
    }

    /// The labels written one after another, the first `columns` of them the header's,
    /// the rest the row labels (the table rule writes them as it reads them, without
    /// a vector of them first).
    pub fn from_labels(labels: LabelText, columns: usize, hints: Vec<Vec<String>>) -> Self {
        assert!(columns <= labels.ends.len(), "{columns} columns of labels");
        let hints = if hints.iter().flatten().all(String::is_empty) {
            Vec::new()
        } else {
            hints
        };
        Self {
            text: labels.text.into_boxed_str(),
            ends: labels.ends.into_boxed_slice(),
            columns: u32::try_from(columns).expect("fewer than 2^32 columns"),
            hints,
        }
    }

    /// The header's cells (the first one heads the row labels).
    pub fn columns(&self) -> Labels<'_> {
        let columns = self.columns as usize;
        Labels {
            text: &self.text,
            ends: &self.ends[..columns],
            start: 0,
        }
    }

    /// The row labels.
    pub fn rows(&self) -> Labels<'_> {
        let columns = self.columns as usize;
        Labels {
            text: &self.text,
            ends: &self.ends[columns..],
            start: columns.checked_sub(1).map_or(0, |last| self.ends[last]),
        }
    }

    /// Editable cells a row: the columns after the first.
    pub fn width(&self) -> usize {
        (self.columns as usize).saturating_sub(1)
    }
}

/// A table's labels as they are written, one after another, before they become a
/// [`TableKind`]: room made once for `count` labels of `len` bytes in all (more is
/// room grown, fewer is room given back).
#[derive(Debug, Default)]
pub struct LabelText {
    text: String,
    ends: Vec<u32>,
}

impl LabelText {
    pub fn with_capacity(count: usize, len: usize) -> Self {
        Self {
            text: String::with_capacity(len),
            ends: Vec::with_capacity(count),
        }
    }

    /// Writes the next label.
    pub fn push(&mut self, label: &str) {
        self.text.push_str(label);
        let end = u32::try_from(self.text.len()).expect("a table's labels under 4 GiB");
        self.ends.push(end);
    }
}

/// A table's header cells or row labels, read from its text.
#[derive(Clone, Copy)]
pub struct Labels<'a> {
    text: &'a str,
    ends: &'a [u32],
    /// Where the first label starts in `text`.
    start: u32,
}

impl<'a> Labels<'a> {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Label `i`, if there is one.
    pub fn get(&self, i: usize) -> Option<&'a str> {
        let end = *self.ends.get(i)? as usize;
        let start = i.checked_sub(1).map_or(self.start, |j| self.ends[j]) as usize;
        Some(&self.text[start..end])
    }

    /// The labels after the first (a header's editable columns).
    #[must_use]
    pub fn after_first(&self) -> Labels<'a> {
        match self.ends.split_first() {
            Some((&first, rest)) => Labels {
                text: self.text,
                ends: rest,
                start: first,
            },
            None => *self,
        }
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &'a str> + ExactSizeIterator + Clone {
        let labels = *self;
        (0..self.len()).map(move |i| labels.get(i).unwrap_or_default())
    }
}

impl Index<usize> for Labels<'_> {
    type Output = str;

    fn index(&self, i: usize) -> &str {
        self.get(i).expect("a label of the table")
    }
}

impl std::fmt::Debug for Labels<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// A table's editable cells: `rows` rows of the same number of cells, row by row in
/// one vector. Read as rows: `cells[r][c]`, `cells.iter()`.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Cells {
    all: Vec<String>,
    rows: u32,
    width: u32,
}

impl Cells {
    /// `rows` rows of `width` empty cells.
    pub fn empty(rows: usize, width: usize) -> Self {
        let mut cells = Vec::new();
        cells.resize_with(rows * width, String::new);
        Self::from_parts(cells, rows, width)
    }

    /// `rows` rows of `width` cells, given row by row.
    ///
    /// # Panics
    /// When there are not `rows * width` cells.
    pub fn from_cells(cells: Vec<String>, rows: usize, width: usize) -> Self {
        assert_eq!(cells.len(), rows * width, "{rows} rows of {width} cells");
        Self::from_parts(cells, rows, width)
    }

    fn from_parts(all: Vec<String>, rows: usize, width: usize) -> Self {
        Self {
            all,
            rows: u32::try_from(rows).expect("fewer than 2^32 rows"),
            width: u32::try_from(width).expect("fewer than 2^32 cells a row"),
        }
    }

    /// The number of rows.
    pub fn len(&self) -> usize {
        self.rows as usize
    }

    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// Cells a row.
    pub fn width(&self) -> usize {
        self.width as usize
    }

    pub fn get(&self, row: usize) -> Option<&[String]> {
        (row < self.len()).then(|| &self.all[self.span(row)])
    }

    pub fn get_mut(&mut self, row: usize) -> Option<&mut [String]> {
        let span = self.span(row);
        (row < self.len()).then(|| &mut self.all[span])
    }

    fn span(&self, row: usize) -> std::ops::Range<usize> {
        row * self.width()..(row + 1) * self.width()
    }

    /// Every row, in order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &[String]> + ExactSizeIterator + Clone {
        (0..self.len()).map(|r| &self.all[self.span(r)])
    }

    /// Every row, in order, for changing in place.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = &mut [String]> {
        let (rows, width) = (self.len(), self.width());
        // `chunks_mut` needs a width above 0; rows of no cells are empty slices.
        let mut rest: &mut [String] = &mut self.all;
        (0..rows).map(move |_| {
            let (row, tail) = std::mem::take(&mut rest).split_at_mut(width);
            rest = tail;
            row
        })
    }

    /// Every cell, row by row.
    pub fn cells(&self) -> &[String] {
        &self.all
    }
}

impl Index<usize> for Cells {
    type Output = [String];

    fn index(&self, row: usize) -> &[String] {
        self.get(row).expect("a row of the table")
    }
}

impl IndexMut<usize> for Cells {
    fn index_mut(&mut self, row: usize) -> &mut [String] {
        self.get_mut(row).expect("a row of the table")
    }
}

/// Rows of cells; a row shorter than the longest is filled with empty cells.
impl FromIterator<Vec<String>> for Cells {
    fn from_iter<I: IntoIterator<Item = Vec<String>>>(rows: I) -> Self {
        let rows: Vec<Vec<String>> = rows.into_iter().collect();
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        let count = rows.len();
        let mut cells = Vec::with_capacity(count * width);
        for mut row in rows {
            row.resize_with(width, String::new);
            cells.extend(row);
        }
        Self::from_parts(cells, count, width)
    }
}

impl From<Vec<Vec<String>>> for Cells {
    fn from(rows: Vec<Vec<String>>) -> Self {
        rows.into_iter().collect()
    }
}

impl std::fmt::Debug for Cells {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_read_back_as_given() {
        let t = TableKind::new(["Metric", "", "Ø ms"], ["a", "", "Latency"], Vec::new());
        assert_eq!(
            t.columns().iter().collect::<Vec<_>>(),
            ["Metric", "", "Ø ms"]
        );
        assert_eq!(t.rows().iter().collect::<Vec<_>>(), ["a", "", "Latency"]);
        assert_eq!((&t.columns()[2], &t.rows()[0]), ("Ø ms", "a"));
        assert_eq!((t.columns().get(3), t.rows().get(3)), (None, None));
        assert_eq!((t.width(), t.rows().len()), (2, 3));
        let editable = t.columns().after_first();
        assert_eq!(editable.iter().collect::<Vec<_>>(), ["", "Ø ms"]);
        assert_eq!(editable.after_first().after_first().len(), 0);
        let none = TableKind::new(Vec::<String>::new(), ["x"], Vec::new());
        assert_eq!(
            (none.columns().len(), none.rows().get(0), none.width()),
            (0, Some("x"), 0)
        );
        assert_eq!(format!("{:?}", t.rows()), r#"["a", "", "Latency"]"#);
    }

    #[test]
    fn all_empty_hints_are_kept_as_none() {
        let empty = vec![vec![String::new(); 2]; 2];
        assert!(
            TableKind::new(["a", "b", "c"], ["x", "y"], empty)
                .hints
                .is_empty()
        );
        let one = vec![vec![String::new(), "X ms".to_owned()]];
        assert_eq!(
            TableKind::new(["a", "b", "c"], ["x"], one.clone()).hints,
            one
        );
    }

    #[test]
    fn cells_are_rows_of_one_width() {
        let rows = |r: &[&[&str]]| -> Vec<Vec<String>> {
            r.iter()
                .map(|row| row.iter().map(|c| (*c).to_owned()).collect())
                .collect()
        };
        let mut cells = Cells::from(rows(&[&["a", "b"], &["c"]]));
        assert_eq!((cells.len(), cells.width()), (2, 2));
        assert_eq!(cells.cells(), ["a", "b", "c", ""]);
        assert_eq!((cells[1][0].as_str(), cells.get(2)), ("c", None));
        cells[1][1] = "d".into();
        for row in cells.iter_mut() {
            row[0].push('!');
        }
        assert_eq!(format!("{cells:?}"), r#"[["a!", "b"], ["c!", "d"]]"#);
        assert_eq!(
            cells.iter().next_back(),
            Some(&["c!".to_owned(), "d".to_owned()][..])
        );
        let narrow = Cells::empty(3, 0);
        assert_eq!(
            (narrow.len(), narrow.iter().filter(|r| r.is_empty()).count()),
            (3, 3)
        );
        let mut narrow = narrow;
        assert_eq!(narrow.iter_mut().count(), 3);
        assert_eq!(
            Cells::empty(2, 2),
            Cells::from(rows(&[&["", ""], &["", ""]]))
        );
    }
}
