//! (Form, Answers) -> Issue: the template body with every field replaced by its answer.
//! Text nobody touched is copied byte for byte; comments and unused hints disappear
//! without leaving runs of blank lines.

use std::fmt::Write as _;

use crate::form::{Answers, FieldKind, Form, Value};
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
        Layout::Form => form_body(form, answers),
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
        Piece::Field { shape, inserted } => match render_shape(form, answers, shape) {
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

fn render_shape(form: &Form, answers: &Answers, shape: &Shape) -> Option<String> {
    match shape {
        Shape::Line {
            prefix,
            parts,
            bare,
        } => Some(render_line(form, answers, prefix, parts, bare)),
        Shape::Block { field } => {
            let text = multiline(answers.values[*field].as_text());
            (!text.is_empty()).then(|| text + "\n")
        }
        Shape::Fence {
            field,
            open,
            fence,
            original,
        } => render_fence(form, answers, *field, open, fence, original),
        Shape::Pre {
            field,
            open,
            close,
            original,
        } => render_pre(form, answers, *field, open, close, original),
        Shape::Checks { field, lines } => render_checks(answers, *field, lines),
        Shape::List(list) => render_list(form, answers, list),
        Shape::Table(table) => render_table(answers, table),
    }
}

fn render_line(
    form: &Form,
    answers: &Answers,
    prefix: &str,
    parts: &[(String, usize)],
    bare: &str,
) -> String {
    let mut out = prefix.trim_end().to_owned();
    let mut first = true;
    for (sep, field) in parts {
        let value = inline_value(form, answers, *field);
        if value.is_empty() {
            continue;
        }
        out.push_str(if first { " " } else { sep });
        out.push_str(&value);
        first = false;
    }
    if first {
        bare.clone_into(&mut out);
    }
    out.push('\n');
    out
}

/// A value written on one line.
pub fn inline_value(form: &Form, answers: &Answers, field: usize) -> String {
    match &answers.values[field] {
        Value::Text(t) => sanitize::one_line(t).trim().to_owned(),
        Value::Select(sel) => {
            let options = form.fields[field].kind.options();
            let mut chosen: Vec<String> = options
                .iter()
                .zip(&sel.checked)
                .enumerate()
                .filter(|(_, (_, c))| **c)
                .map(|(i, (opt, _))| match sel.blanks.get(i).map(|b| b.trim()) {
                    Some(text) if opt.blank && !text.is_empty() => {
                        format!("{} {}", opt.label.trim_end(), sanitize::one_line(text))
                    }
                    _ => opt.label.clone(),
                })
                .collect();
            if !sel.custom.trim().is_empty() {
                chosen.push(sanitize::one_line(&sel.custom).trim().to_owned());
            }
            chosen.join(", ")
        }
        Value::List(items) => items
            .iter()
            .map(|i| sanitize::one_line(i).trim().to_owned())
            .filter(|i| !i.is_empty())
            .collect::<Vec<_>>()
            .join(", "),
        Value::Table(_) => String::new(),
    }
}

/// Multi-line text cleaned: safe characters, LF, no trailing blank lines.
fn multiline(text: &str) -> String {
    let clean = sanitize::clean(text);
    let lines: Vec<&str> = clean.lines().map(str::trim_end).collect();
    let start = lines
        .iter()
        .position(|l| !l.is_empty())
        .unwrap_or(lines.len());
    let end = lines
        .iter()
        .rposition(|l| !l.is_empty())
        .map_or(start, |e| e + 1);
    lines[start..end].join("\n")
}

fn render_fence(
    form: &Form,
    answers: &Answers,
    field: usize,
    open: &str,
    fence: &str,
    original: &str,
) -> Option<String> {
    let value = answers.values[field].as_text();
    let code = sanitize::clean(value);
    let code = code.trim_end_matches('\n');
    // An empty block is a stand-in for code to paste: it goes when nothing was pasted.
    if code.trim().is_empty() {
        return None;
    }
    if answers.values[field] == form.fields[field].default {
        return Some(original.to_owned());
    }
    let fence_char = fence.chars().next().unwrap_or('`');
    let info = open.trim_start().trim_start_matches(fence_char);
    Some(fenced(code, fence_char, fence.chars().count(), info))
}

/// `code` in a fenced block of at least `min` fence characters, longer when the code
/// holds a fence itself (so it cannot break out of the block).
fn fenced(code: &str, fence_char: char, min: usize, info: &str) -> String {
    let longest_inside = code
        .lines()
        .map(|l| {
            l.trim_start()
                .chars()
                .take_while(|&c| c == fence_char)
                .count()
        })
        .max()
        .unwrap_or(0);
    let fence: String =
        std::iter::repeat_n(fence_char, min.max(longest_inside + 1).max(3)).collect();
    format!("{fence}{info}\n{code}\n{fence}\n")
}

fn render_pre(
    form: &Form,
    answers: &Answers,
    field: usize,
    open: &str,
    close: &str,
    original: &str,
) -> Option<String> {
    let value = answers.values[field].as_text();
    if answers.values[field] == form.fields[field].default {
        return Some(original.to_owned());
    }
    let code = sanitize::clean(value);
    let code = code.trim_end_matches('\n');
    if code.trim().is_empty() {
        return None;
    }
    let escaped = code
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    Some(format!("{open}\n{escaped}\n{close}\n"))
}

fn render_checks(answers: &Answers, field: usize, lines: &[CheckLine]) -> Option<String> {
    let Value::Select(sel) = &answers.values[field] else {
        return None;
    };
    let mut out = String::new();
    for line in lines {
        match line {
            CheckLine::Static(text) => out.push_str(text),
            CheckLine::Option {
                index,
                head,
                mark,
                tail,
                after_blank,
            } => {
                let checked = sel.checked.get(*index).copied().unwrap_or(false);
                let mark = match (checked, *mark) {
                    (true, 'x' | 'X') => *mark,
                    (true, _) => 'x',
                    (false, _) => ' ',
                };
                out.push_str(head);
                out.push(mark);
                out.push_str(tail);
                if let Some(after) = after_blank {
                    let text = sel.blanks.get(*index).map(|b| sanitize::one_line(b));
                    if let Some(text) = text.filter(|t| !t.trim().is_empty()) {
                        out.push(' ');
                        out.push_str(text.trim());
                    }
                    out.push_str(after.trim_end());
                }
                out.push('\n');
            }
        }
    }
    Some(out)
}

fn render_list(form: &Form, answers: &Answers, list: &ListShape) -> Option<String> {
    let Value::List(items) = &answers.values[list.field] else {
        return None;
    };
    let defaults = match &form.fields[list.field].default {
        Value::List(d) => d.as_slice(),
        _ => &[],
    };
    let mut out = String::new();
    let mut n = 0u64;
    for (i, item) in items.iter().enumerate() {
        let kept = defaults.get(i) == Some(item);
        if let Some(line) = list.default_lines.get(i).filter(|_| kept) {
            out.push_str(line);
            n += 1;
            continue;
        }
        let text = sanitize::one_line(item);
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        out.push_str(&list.indent);
        match &list.marker {
            Marker::Bullet(m) => out.push_str(m),
            Marker::Ordered { start, delim, task } => {
                let _ = write!(out, "{}{delim} {task}", start + n);
            }
        }
        out.push_str(&shape_item(&list.items, text));
        out.push('\n');
        n += 1;
    }
    (!out.is_empty()).then_some(out)
}

/// Puts an item into the template's item shape: `New: x` uses a `New: ` shape,
/// anything else the first shape without a prefix.
fn shape_item(shapes: &[ItemShape], text: &str) -> String {
    let prefixed = shapes.iter().find_map(|s| {
        let key = s.prefix.trim_end();
        (!key.is_empty() && text.len() > key.len())
            .then(|| text.get(..key.len()))
            .flatten()
            .filter(|head| head.eq_ignore_ascii_case(key))
            .map(|_| (s, text[key.len()..].trim_start()))
    });
    let (shape, rest) = prefixed.unwrap_or_else(|| {
        let plain = shapes
            .iter()
            .find(|s| s.prefix.is_empty())
            .or(shapes.first());
        (plain.unwrap_or(&PLAIN), text)
    });
    let wrapped =
        !shape.open.is_empty() && rest.starts_with(&shape.open) && rest.ends_with(&shape.close);
    if wrapped {
        format!("{}{rest}", shape.prefix)
    } else {
        format!("{}{}{rest}{}", shape.prefix, shape.open, shape.close)
    }
}

static PLAIN: ItemShape = ItemShape {
    prefix: String::new(),
    open: String::new(),
    close: String::new(),
};

fn render_table(answers: &Answers, table: &TableShape) -> Option<String> {
    let Value::Table(rows) = &answers.values[table.field] else {
        return None;
    };
    let mut out = table.head.clone();
    for (shape, cells) in table.rows.iter().zip(rows) {
        if shape.verbatim_ok && cells_match_original(&shape.original, cells) {
            out.push_str(&shape.original);
            continue;
        }
        out.push_str("| ");
        out.push_str(&shape.label);
        out.push_str(" |");
        for cell in cells {
            let cell = sanitize::one_line(cell).trim().replace('|', "\\|");
            if cell.is_empty() {
                out.push_str(" |");
            } else {
                let _ = write!(out, " {cell} |");
            }
        }
        out.push('\n');
    }
    Some(out)
}

/// Whether `cells` are the row's cells as written (after its first column).
fn cells_match_original(original: &str, cells: &[String]) -> bool {
    let written: Vec<&str> = split_row(original);
    written.len() == cells.len() + 1
        && written[1..]
            .iter()
            .zip(cells)
            .all(|(w, c)| w.trim() == c.trim())
}

/// The cells of a table row as written (escaped pipes stay inside cells).
pub(crate) fn split_row(row: &str) -> Vec<&str> {
    let row = row.trim();
    let row = row.strip_prefix('|').unwrap_or(row);
    let row = row.strip_suffix('|').unwrap_or(row);
    let mut cells = Vec::new();
    let mut start = 0;
    let bytes = row.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'|' && (i == 0 || bytes[i - 1] != b'\\') {
            cells.push(row[start..i].trim());
            start = i + 1;
        }
    }
    cells.push(row[start..].trim());
    cells
}

/// `### Label`, a blank line, the answer (or `_No response_`), as GitHub writes forms.
fn form_body(form: &Form, answers: &Answers) -> String {
    let mut out = String::new();
    for (i, field) in form.fields.iter().enumerate() {
        let value = &answers.values[i];
        if !out.is_empty() {
            out.push('\n');
        }
        let _ = write!(out, "### {}\n\n", field.label);
        let text = match (&field.kind, value) {
            (FieldKind::Code { language }, Value::Text(t)) if !t.trim().is_empty() => {
                fenced(&multiline(t), '`', 3, language)
                    .trim_end()
                    .to_owned()
            }
            (FieldKind::Checkboxes { options }, Value::Select(sel)) => options
                .iter()
                .zip(&sel.checked)
                .map(|(o, c)| format!("- [{}] {}", if *c { 'X' } else { ' ' }, o.label))
                .collect::<Vec<_>>()
                .join("\n"),
            (_, Value::Text(t)) => multiline(t),
            _ => inline_value(form, answers, i),
        };
        out.push_str(if text.trim().is_empty() {
            "_No response_"
        } else {
            &text
        });
        out.push('\n');
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

    #[test]
    fn items_take_their_shape() {
        let shapes = vec![
            ItemShape {
                prefix: String::new(),
                open: "`".into(),
                close: "`".into(),
            },
            ItemShape {
                prefix: "New: ".into(),
                open: "`".into(),
                close: "`".into(),
            },
        ];
        assert_eq!(shape_item(&shapes, "a.go"), "`a.go`");
        assert_eq!(shape_item(&shapes, "`a.go`"), "`a.go`");
        assert_eq!(shape_item(&shapes, "new: b.go"), "New: `b.go`");
    }

    #[test]
    fn rows_split_on_unescaped_pipes() {
        assert_eq!(split_row("| a | b \\| c |  |"), ["a", "b \\| c", ""]);
    }
}
