//! How a template turns back into text: the layout the template builds next to its form.
//! A markdown template keeps its lines, some of them taken by fields (a [`Shape`] says
//! how a field's answer is written there); an issue form is written the way GitHub does.
//! Pure data: `render` reads it, the template's builders write it.

use std::borrow::Cow;

/// How a form turns back into markdown.
#[derive(Debug, Clone)]
pub enum Layout {
    /// A markdown template: its lines, some of them fields.
    Markdown(Markdown),
    /// An issue form: every field becomes `### Label` and its value, as GitHub writes it,
    /// with the markdown elements shown in the content (Gitea's `visible: [content]`).
    Form(Vec<FormPiece>),
}

/// One element of an issue form's body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormPiece {
    /// The field with this index, and its `id` as written when GitHub knows it by that
    /// (unique and valid): prefilled links name fields by it.
    Field { field: usize, id: Option<String> },
    /// Markdown written into the issue as it is.
    Markdown(String),
}

/// A markdown template's layout: its pieces, the lines they keep written one after
/// another in one string (a `String` per kept line was two thirds of the layout's
/// allocations, and a piece holding one was twice as large), and the shapes of its
/// fields side by side (a box per shape was an allocation per field).
#[derive(Debug, Clone, Default)]
pub struct Markdown {
    lines: String,
    pieces: Vec<Piece>,
    shapes: Vec<Shape>,
}

impl Markdown {
    /// Pieces whose kept lines are in `lines`, each at the [`LineAt`] it holds, and
    /// whose fields' shapes are in `shapes`, each at the [`ShapeAt`] it holds.
    pub(crate) fn new(lines: String, pieces: Vec<Piece>, shapes: Vec<Shape>) -> Self {
        Self {
            lines,
            pieces,
            shapes,
        }
    }

    pub fn pieces(&self) -> &[Piece] {
        &self.pieces
    }

    /// A field piece's shape.
    pub fn shape(&self, at: ShapeAt) -> Cow<'_, Shape> {
        at.resolve(&self.shapes)
    }

    /// A kept line, with its `\n`.
    pub fn line(&self, at: LineAt) -> &str {
        let rest = self.lines.get(at.0 as usize..).unwrap_or_default();
        memchr::memchr(b'\n', rest.as_bytes()).map_or(rest, |end| &rest[..=end])
    }
}

/// Where a kept line starts in its layout's lines; it runs to its first `\n`. A `u32`:
/// with [`ShapeAt`]'s, a piece is 8 bytes, not 16 (a piece a line of the template).
/// The kept lines are at most the template's, and it has at most `u32::MAX` bytes
/// (`template::SIZE_CEILING`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineAt(pub(crate) u32);

/// A field piece's shape: its place among its layout's shapes, or, for the most
/// common one, the shape itself. A [`Shape::Block`] is every answer added to a heading
/// with nothing to answer in: 88 bytes in the shapes for the 4 bytes of its field.
///
/// One `u32` (the top bit says which): a piece is 8 bytes, not 12, and a template has
/// a piece a line (120,000 of them alive from the 1.9 MiB template's parse to its
/// render).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShapeAt(u32);

impl ShapeAt {
    /// The top bit: the rest is a field, whose shape is its `Shape::Block`.
    const BLOCK: u32 = 1 << 31;

    /// The shape with index `at` among the layout's shapes (`None` from `2^31` on).
    pub(crate) fn kept(at: usize) -> Option<Self> {
        u32::try_from(at)
            .ok()
            .filter(|&at| at < Self::BLOCK)
            .map(Self)
    }

    /// `Shape::Block` of `field` (`None` from `2^31` on: keep that shape instead).
    pub(crate) fn block(field: usize) -> Option<Self> {
        Self::kept(field).map(|field| Self(field.0 | Self::BLOCK))
    }

    /// The shape this names among `shapes`.
    pub(crate) fn resolve(self, shapes: &[Shape]) -> Cow<'_, Shape> {
        let index = (self.0 & !Self::BLOCK) as usize;
        if self.0 & Self::BLOCK == 0 {
            Cow::Borrowed(&shapes[index])
        } else {
            Cow::Owned(Shape::Block { field: index })
        }
    }
}

/// Kept lines written one after another, each ending in `\n`, while a layout is built.
#[derive(Debug, Default)]
pub(crate) struct Lines(String);

impl Lines {
    /// Room for `bytes` of lines at once: grown by doubling instead, the copies left
    /// behind were touched memory (a 256 KiB one for the 1.9 MiB template) alive
    /// while the layout was made beside the ids.
    pub(crate) fn with_capacity(bytes: usize) -> Self {
        Self(String::with_capacity(bytes))
    }

    /// Adds `parts` as one line (they hold no `\n`); a `\n` ends it.
    #[inline]
    pub(crate) fn push(&mut self, parts: &[&str]) -> LineAt {
        let at = LineAt(u32::try_from(self.0.len()).expect("kept lines under 4 GiB"));
        for part in parts {
            self.0.push_str(part);
        }
        self.0.push('\n');
        at
    }

    pub(crate) fn into_string(mut self) -> String {
        self.0.shrink_to_fit();
        self.0
    }
}

/// One line (or a field's lines) of a markdown template.
#[derive(Debug, Clone)]
pub enum Piece {
    /// A line kept as written (comments already removed), ending in `\n`.
    Text(LineAt),
    /// A blank line as written.
    Blank(LineAt),
    /// A block that disappears (a comment block); the blocks around it stay apart.
    Removed,
    /// A line that disappears inside a block (a comment line in other HTML).
    Dropped,
    /// Lines produced by fields. `inserted` fields were not in the template; they get
    /// blank lines around them.
    Field { shape: ShapeAt, inserted: bool },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    /// `prefix` and the values of the fields on this line: `**Effort**: Medium - 4 h`;
    /// `bare` (the label as written, without hints) when every value is empty.
    Line {
        prefix: Box<str>,
        parts: Vec<(String, usize)>,
        bare: Box<str>,
    },
    /// Free text on lines of its own.
    Block {
        field: usize,
    },
    /// A fenced code block; `original` is the whole block as written.
    Fence {
        field: usize,
        open: Box<str>,
        fence: Box<str>,
        original: Box<str>,
    },
    /// `<pre>` text, escaped for HTML.
    Pre {
        field: usize,
        open: Box<str>,
        close: Box<str>,
        original: Box<str>,
    },
    /// A checkbox list: option lines with their markers, other lines as written.
    Checks {
        field: usize,
        lines: Vec<CheckLine>,
    },
    /// Boxed: the largest shape (112 bytes), and rare; the layout keeps every field's
    /// shape in one vector, so this keeps each of them at 72 bytes, not 120.
    List(Box<ListShape>),
    Table(TableShape),
    /// A plain list of options (`- Desktop`): the chosen items are kept as written
    /// (blanks filled), the others go, all of them when nothing is chosen.
    Picks(PicksShape),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PicksShape {
    pub field: usize,
    /// Each option's lines as written, by option index, ending in `\n`.
    pub items: Vec<String>,
}

/// A line of a checkbox list: kept as written, or an option's, whose marker shows
/// whether it is chosen. Text of its own in one string each (an option's three
/// strings and its 88-byte line were four allocations and 160 bytes of every
/// synthetic section).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckLine {
    /// A line kept as written, with its `\n`; empty when it goes.
    Static(Box<str>),
    Option(CheckOption),
}

/// An option's line around its marker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckOption {
    pub index: usize,
    /// The marker as written (`x`, `X` or space).
    pub mark: char,
    /// The head, the tail and what follows the blank, one after another.
    text: Box<str>,
    head_end: u32,
    tail_end: u32,
    blank: bool,
}

impl CheckOption {
    /// Option `index` written as `head` (up to and including `[`), `mark`, `tail`
    /// (from `]` to the end of the line, or to the blank of a blank option) and, for a
    /// blank option, what follows its blank.
    pub(crate) fn new(
        index: usize,
        head: &str,
        mark: char,
        tail: &str,
        after_blank: Option<&str>,
    ) -> Self {
        let after = after_blank.unwrap_or("");
        let mut text = String::with_capacity(head.len() + tail.len() + after.len());
        text.push_str(head);
        text.push_str(tail);
        text.push_str(after);
        let at = |n: usize| u32::try_from(n).expect("a line under 4 GiB");
        Self {
            index,
            mark,
            text: text.into_boxed_str(),
            head_end: at(head.len()),
            tail_end: at(head.len() + tail.len()),
            blank: after_blank.is_some(),
        }
    }

    /// Up to and including `[`.
    pub fn head(&self) -> &str {
        &self.text[..self.head_end as usize]
    }

    /// From `]` to the end of the line, or to the blank of a blank option.
    pub fn tail(&self) -> &str {
        &self.text[self.head_end as usize..self.tail_end as usize]
    }

    /// For a blank option: what follows the blank.
    pub fn after_blank(&self) -> Option<&str> {
        self.blank.then(|| &self.text[self.tail_end as usize..])
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListShape {
    pub field: usize,
    pub indent: String,
    pub marker: Marker,
    pub items: Vec<ItemShape>,
    /// The lines of literal (default) items as written, by position.
    pub default_lines: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Marker {
    /// `- `, `* `, or `- [ ] ` for task items.
    Bullet(String),
    /// `1. `, numbered from `start`; `task` is `[ ] ` or empty.
    Ordered {
        start: u64,
        delim: char,
        task: String,
    },
}

/// The shape of an item in an editable list: `New: ` + `` ` `` + value + `` ` ``.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemShape {
    pub prefix: String,
    pub open: String,
    pub close: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableShape {
    pub field: usize,
    /// The header and delimiter rows as written, then each row's text: one string for
    /// the table (two per row were most of a table's allocations). The head ends where
    /// the first row starts (no end of its own: 8 bytes less in every shape, 64 not 72).
    text: Box<str>,
    pub rows: Box<[RowShape]>,
    /// The width inside each column's pipes when the template lines its pipes up
    /// (padded cells); empty when it does not. Filled rows are padded to them.
    pub widths: Box<[usize]>,
}

impl TableShape {
    /// A table of `head` (header and delimiter rows) and rows of (the row as written,
    /// its label, whether the row as written stays right while its cells keep their
    /// defaults).
    #[cfg(test)]
    pub(crate) fn new<'a>(
        head: &str,
        rows: impl IntoIterator<Item = (&'a str, &'a str, bool)>,
        widths: Vec<usize>,
    ) -> Self {
        let mut text = TableText::new(head, 0, 0);
        for (original, label, verbatim_ok) in rows {
            text.push_row(original, label, (verbatim_ok, false));
        }
        text.finish(widths)
    }

    /// Header and delimiter rows as written.
    pub fn head(&self) -> &str {
        let end = self
            .rows
            .first()
            .map_or(self.text.len(), |row| row.original.start as usize);
        &self.text[..end]
    }

    /// A row as written.
    pub fn original(&self, row: &RowShape) -> &str {
        &self.text[row.original.start as usize..row.original.end as usize]
    }

    /// A row's label (its first cell as written).
    pub fn label(&self, row: &RowShape) -> &str {
        &self.text[row.label.start as usize..row.label.end as usize]
    }
}

/// A [`TableShape`] being written by the table rule, row by row as it reads them (a
/// vector of the rows first, to size the text, was an allocation a table).
pub(crate) struct TableText {
    text: String,
    rows: Vec<RowShape>,
}

impl TableText {
    /// Starts with `head` (header and delimiter rows), with room for `rows` rows of
    /// `room` bytes in all.
    pub(crate) fn new(head: &str, room: usize, rows: usize) -> Self {
        let mut text = String::with_capacity(head.len() + room);
        text.push_str(head);
        Self {
            text,
            rows: Vec::with_capacity(rows),
        }
    }

    /// A row as written, its label (its first cell: found inside the row when it is a
    /// slice of it, as the block reader's cells are, else written after it), whether
    /// the row as written stays right while its cells keep their defaults, and whether
    /// it holds those defaults (see [`RowShape`]).
    #[inline]
    pub(crate) fn push_row(
        &mut self,
        original: &str,
        label: &str,
        (verbatim_ok, verbatim_at_default): (bool, bool),
    ) {
        let offset = |n: usize| u32::try_from(n).expect("a table under 4 GiB");
        let at = self.text.len();
        self.text.push_str(original);
        // Where the label starts in the row, when it lies inside it (compared as
        // addresses: a cell the reader sliced from the row, not a copy).
        let inside = (label.as_ptr() as usize)
            .checked_sub(original.as_ptr() as usize)
            .filter(|&o| o + label.len() <= original.len());
        let label = if let Some(o) = inside {
            offset(at + o)..offset(at + o + label.len())
        } else {
            let start = self.text.len();
            self.text.push_str(label);
            offset(start)..offset(self.text.len())
        };
        self.rows.push(RowShape {
            original: offset(at)..offset(at + original.len()),
            label,
            verbatim_ok,
            verbatim_at_default,
        });
    }

    /// Each row as written, so far.
    pub(crate) fn rows(&self) -> impl Iterator<Item = &str> {
        let text = &self.text;
        self.rows
            .iter()
            .map(move |r| &text[r.original.start as usize..r.original.end as usize])
    }

    /// The shape, with the width inside each column's pipes (empty: not aligned).
    pub(crate) fn finish(self, widths: Vec<usize>) -> TableShape {
        TableShape {
            field: 0,
            text: self.text.into_boxed_str(),
            rows: self.rows.into_boxed_slice(),
            widths: widths.into_boxed_slice(),
        }
    }
}

/// A row of a [`TableShape`]: where its text is in the table's (as `u32`: 20 bytes a
/// row, not 40).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowShape {
    original: std::ops::Range<u32>,
    label: std::ops::Range<u32>,
    /// The row as written is right when its cells keep their defaults (no hints in it).
    pub verbatim_ok: bool,
    /// `verbatim_ok`, and the row as written holds its defaults as the render reads
    /// them: what an untouched table writes, decided once.
    pub verbatim_at_default: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_lines_are_found_again_where_they_were_written() {
        let mut lines = Lines::default();
        let a = lines.push(&["  ", "a b"]);
        let blank = lines.push(&[""]);
        let c = lines.push(&["c"]);
        let layout = Markdown::new(lines.into_string(), vec![Piece::Text(a)], Vec::new());
        assert_eq!(layout.line(a), "  a b\n");
        assert_eq!(layout.line(blank), "\n");
        assert_eq!(layout.line(c), "c\n");
        assert_eq!(layout.pieces().len(), 1);
    }

    #[test]
    fn pieces_and_shapes_stay_small() {
        // A piece per line and a shape per field: at 1.9 MiB, 160,800 pieces and 40,200
        // shapes.
        // 8 bytes: a kept line named by a `u32` offset (16 with `usize`), a shape by
        // one `u32` (12 with an enum of two).
        assert_eq!(std::mem::size_of::<Piece>(), 8);
        assert_eq!(std::mem::size_of::<ShapeAt>(), 4);
        // Strings without spare room (`Box<str>`) in shapes: 88 bytes each before, 72
        // with a table's head end kept apart.
        assert!(std::mem::size_of::<Shape>() <= 64);
        assert_eq!(std::mem::size_of::<CheckLine>(), 40);
    }

    /// A table's head ends where its first row starts, or at the end without rows.
    #[test]
    fn a_table_reads_back_its_head_and_rows() {
        let head = "| a | b |\n|---|---|\n";
        let rows = [("| x | 1 |\n", "x", true), ("|  | 2 |\n", "", false)];
        let table = TableShape::new(head, rows.iter().copied(), vec![1, 1]);
        assert_eq!(table.head(), head);
        assert_eq!(table.rows.len(), 2);
        assert_eq!(table.original(&table.rows[1]), "|  | 2 |\n");
        assert_eq!(table.label(&table.rows[0]), "x");
        let bare = TableShape::new(head, std::iter::empty(), Vec::new());
        assert_eq!(bare.head(), head);
        assert!(bare.rows.is_empty());
    }

    #[test]
    fn an_option_line_reads_back_its_parts() {
        let blank = CheckOption::new(3, "- [", ' ', "] Other:", Some(" (say) "));
        assert_eq!(
            (blank.index, blank.head(), blank.mark, blank.tail()),
            (3, "- [", ' ', "] Other:")
        );
        assert_eq!(blank.after_blank(), Some(" (say) "));
        let plain = CheckOption::new(0, "[", 'x', "] a", None);
        assert_eq!(
            (plain.head(), plain.tail(), plain.after_blank()),
            ("[", "] a", None)
        );
        let empty_after = CheckOption::new(0, "", 'x', "", Some(""));
        assert_eq!(
            (empty_after.head(), empty_after.after_blank()),
            ("", Some(""))
        );
    }
}
