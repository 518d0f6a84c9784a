//! How a template turns back into text: the layout the template builds next to its form.
//! A markdown template keeps its lines, some of them taken by fields (a [`Shape`] says
//! how a field's answer is written there); an issue form is written the way GitHub does.
//! Pure data: `render` reads it, the template's builders write it.

/// How a form turns back into markdown.
#[derive(Debug, Clone)]
pub enum Layout {
    /// A markdown template: its lines, some of them fields.
    Markdown(Vec<Piece>),
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

/// One line (or a field's lines) of a markdown template.
#[derive(Debug, Clone)]
pub enum Piece {
    /// A line kept as written (comments already removed), ending in `\n`.
    Text(String),
    /// A blank line as written.
    Blank(String),
    /// A block that disappears (a comment block); the blocks around it stay apart.
    Removed,
    /// A line that disappears inside a block (a comment line in other HTML).
    Dropped,
    /// Lines produced by fields. `inserted` fields were not in the template; they get
    /// blank lines around them.
    Field { shape: Box<Shape>, inserted: bool },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    /// `prefix` and the values of the fields on this line: `**Effort**: Medium - 4 h`;
    /// `bare` (the label as written, without hints) when every value is empty.
    Line {
        prefix: String,
        parts: Vec<(String, usize)>,
        bare: String,
    },
    /// Free text on lines of its own.
    Block {
        field: usize,
    },
    /// A fenced code block; `original` is the whole block as written.
    Fence {
        field: usize,
        open: String,
        fence: String,
        original: String,
    },
    /// `<pre>` text, escaped for HTML.
    Pre {
        field: usize,
        open: String,
        close: String,
        original: String,
    },
    /// A checkbox list: option lines with their markers, other lines as written.
    Checks {
        field: usize,
        lines: Vec<CheckLine>,
    },
    List(ListShape),
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

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckLine {
    Static(String),
    Option {
        index: usize,
        /// Up to and including `[`.
        head: String,
        /// The marker as written (`x`, `X` or space).
        mark: char,
        /// From `]` to the end of the line, or to the blank of a blank option.
        tail: String,
        /// For blank options: what follows the blank.
        after_blank: Option<String>,
    },
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
    /// Header and delimiter rows as written.
    pub head: String,
    pub rows: Vec<RowShape>,
    /// The width inside each column's pipes when the template lines its pipes up
    /// (padded cells); empty when it does not. Filled rows are padded to them.
    pub widths: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowShape {
    pub original: String,
    pub label: String,
    /// The row as written is right when its cells keep their defaults (no hints in it).
    pub verbatim_ok: bool,
}
