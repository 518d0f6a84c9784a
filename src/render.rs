//! (Form, Answers) -> Issue: the template body with every field replaced by its answer.
//! Text nobody touched is copied byte for byte; comments and unused hints disappear
//! without leaving runs of blank lines.

mod form;
mod shape;

pub use shape::inline_value;

use crate::form::{Answers, Form};
use crate::template::sanitize;

/// The finished issue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub title: String,
    pub body: String,
    pub labels: Vec<String>,
    pub assignees: Vec<String>,
    pub projects: Vec<String>,
}

/// How a form turns back into markdown.
#[derive(Debug, Clone)]
pub(crate) enum Layout {
    /// A markdown template: its lines, some of them fields.
    Markdown(Vec<Piece>),
    /// An issue form: every field becomes `### Label` and its value, as GitHub writes it.
    Form,
}

/// One line (or a field's lines) of a markdown template.
#[derive(Debug, Clone)]
pub(crate) enum Piece {
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
    Field { shape: Shape, inserted: bool },
}

#[derive(Debug, Clone)]
pub(crate) enum Shape {
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
}

#[derive(Debug, Clone)]
pub(crate) enum CheckLine {
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

#[derive(Debug, Clone)]
pub(crate) struct ListShape {
    pub field: usize,
    pub indent: String,
    pub marker: Marker,
    pub items: Vec<ItemShape>,
    /// The lines of literal (default) items as written, by position.
    pub default_lines: Vec<String>,
}

#[derive(Debug, Clone)]
pub(crate) enum Marker {
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
pub(crate) struct ItemShape {
    pub prefix: String,
    pub open: String,
    pub close: String,
}

#[derive(Debug, Clone)]
pub(crate) struct TableShape {
    pub field: usize,
    /// Header and delimiter rows as written.
    pub head: String,
    pub rows: Vec<RowShape>,
}

#[derive(Debug, Clone)]
pub(crate) struct RowShape {
    pub original: String,
    pub label: String,
    /// The row as written is right when its cells keep their defaults (no hints in it).
    pub verbatim_ok: bool,
}

/// Renders the finished issue.
pub fn render(form: &Form, answers: &Answers) -> Issue {
    let body = match &form.layout {
        Layout::Markdown(pieces) => markdown_body(form, answers, pieces),
        Layout::Form => form::form_body(form, answers),
    };
    let clean = |names: &[String]| -> Vec<String> {
        names
            .iter()
            .map(|n| sanitize::one_line(n).trim().to_owned())
            .filter(|n| !n.is_empty())
            .collect()
    };
    Issue {
        title: sanitize::one_line(&answers.title).trim().to_owned(),
        body,
        labels: clean(&answers.labels),
        assignees: clean(&answers.assignees),
        projects: clean(&form.meta.projects),
    }
}

enum Out<'a> {
    Content(std::borrow::Cow<'a, str>, bool),
    Blank(&'a str),
    Removed,
}

fn markdown_body(form: &Form, answers: &Answers, pieces: &[Piece]) -> String {
    // An empty added field leaves no trace; an empty field from the template is a removal.
    let outs = pieces.iter().filter_map(|piece| match piece {
        Piece::Text(t) => Some(Out::Content(t.into(), false)),
        Piece::Blank(b) => Some(Out::Blank(b)),
        Piece::Removed => Some(Out::Removed),
        Piece::Dropped => None,
        Piece::Field { shape, inserted } => match shape::render_shape(form, answers, shape) {
            Some(text) => Some(Out::Content(text.into(), *inserted)),
            None if *inserted => None,
            None => Some(Out::Removed),
        },
    });
    join(outs)
}

/// Joins lines, keeping blank lines as written between untouched text, and exactly one
/// blank line where a block was removed (so the blocks around it stay apart). No leading
/// or trailing blank lines.
fn join<'a>(outs: impl Iterator<Item = Out<'a>>) -> String {
    let mut out = String::new();
    let mut gap: Vec<&str> = Vec::new();
    let (mut removal, mut prev_inserted) = (false, false);
    for o in outs {
        match o {
            Out::Blank(b) => gap.push(b),
            Out::Removed => removal = true,
            Out::Content(text, inserted) => {
                if !out.is_empty() {
                    let blanks = if removal {
                        out.push('\n');
                        1
                    } else {
                        for g in &gap {
                            out.push_str(g);
                        }
                        gap.len()
                    };
                    if blanks == 0 && (inserted || prev_inserted) {
                        out.push('\n');
                    }
                }
                out.push_str(&text);
                if !out.ends_with('\n') {
                    out.push('\n');
                }
                gap.clear();
                (removal, prev_inserted) = (false, inserted);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_keeps_gaps_between_untouched_text_and_merges_around_removals() {
        let outs = vec![
            Out::Blank("\n"),
            Out::Content("a\n".into(), false),
            Out::Blank("\n"),
            Out::Blank("  \n"),
            Out::Content("b\n".into(), false),
            Out::Blank("\n"),
            Out::Removed,
            Out::Blank("\n"),
            Out::Content("c\n".into(), false),
            Out::Removed,
            Out::Content("d\n".into(), false),
            Out::Content("e\n".into(), true),
            Out::Blank("\n"),
        ];
        assert_eq!(join(outs.into_iter()), "a\n\n  \nb\n\nc\n\nd\n\ne\n");
    }
}
