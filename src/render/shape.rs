//! Each field shape back to markdown: labelled lines, text blocks, fences, `<pre>`,
//! checkbox lists, editable lists and tables.

use std::fmt::Write as _;

use crate::form::{Answers, Form, Value};
use crate::template::layout::{CheckLine, ItemShape, ListShape, Marker, PicksShape, Shape};
use crate::text::sanitize;

pub(super) fn render_shape(form: &Form, answers: &Answers, shape: &Shape) -> Option<String> {
    let mut out = String::new();
    render_shape_into(form, answers, shape, &mut out).then_some(out)
}

/// [`render_shape`] appended to `out`: whether the shape writes anything (when not,
/// `out` is as it was).
pub(super) fn render_shape_into(
    form: &Form,
    answers: &Answers,
    shape: &Shape,
    out: &mut String,
) -> bool {
    let text = match shape {
        Shape::Line {
            prefix,
            parts,
            bare,
        } => {
            render_line(form, answers, prefix, parts, bare, out);
            return true;
        }
        Shape::Block { field } => {
            let text = match &answers.values[*field] {
                Value::Select(_) => inline_value(form, answers, *field),
                value => multiline(value.as_text()),
            };
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
        Shape::Checks { field, lines } => return render_checks(answers, *field, lines, out),
        Shape::List(list) => render_list(form, answers, list),
        Shape::Table(table) => return table::render_table(form, answers, table, out),
        Shape::Picks(picks) => render_picks(answers, picks),
    };
    text.map(|text| out.push_str(&text)).is_some()
}

fn render_line(
    form: &Form,
    answers: &Answers,
    prefix: &str,
    parts: &[(String, usize)],
    bare: &str,
    out: &mut String,
) {
    let mut first = true;
    for (sep, field) in parts {
        let value = inline_value(form, answers, *field);
        if value.is_empty() {
            continue;
        }
        if first {
            out.push_str(prefix.trim_end());
            out.push(' ');
        } else {
            out.push_str(sep);
        }
        out.push_str(&value);
        first = false;
    }
    if first {
        out.push_str(bare);
    }
    out.push('\n');
}

/// A value written on one line.
pub fn inline_value(form: &Form, answers: &Answers, field: usize) -> String {
    match &answers.values[field] {
        Value::Text(t) => crate::text::trim(&sanitize::one_line(t)).to_owned(),
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
pub(super) fn multiline(text: &str) -> String {
    sanitize::trim_lines(&sanitize::clean(text))
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
pub(super) fn fenced(code: &str, fence_char: char, min: usize, info: &str) -> String {
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

fn render_checks(answers: &Answers, field: usize, lines: &[CheckLine], out: &mut String) -> bool {
    let Value::Select(sel) = &answers.values[field] else {
        return false;
    };
    for line in lines {
        match line {
            CheckLine::Static(text) => out.push_str(text),
            CheckLine::Option(option) => {
                let index = option.index;
                let checked = sel.checked.get(index).copied().unwrap_or(false);
                let mark = match (checked, option.mark) {
                    (true, 'x' | 'X') => option.mark,
                    (true, _) => 'x',
                    (false, _) => ' ',
                };
                out.push_str(option.head());
                out.push(mark);
                out.push_str(option.tail());
                if let Some(after) = option.after_blank() {
                    let text = sel.blanks.get(index).map(|b| sanitize::one_line(b));
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
    true
}

/// The chosen options' lines as written, their blanks filled; nothing when nothing is
/// chosen (the options were the template's, to delete as appropriate).
fn render_picks(answers: &Answers, picks: &PicksShape) -> Option<String> {
    let Value::Select(sel) = &answers.values[picks.field] else {
        return None;
    };
    let mut out = String::new();
    for (i, line) in picks.items.iter().enumerate() {
        if !sel.checked.get(i).copied().unwrap_or(false) {
            continue;
        }
        let text = sel.blanks.get(i).map(|b| sanitize::one_line(b));
        match text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            Some(text) => {
                out.push_str(&fill_blanks(line.trim_end_matches('\n'), text));
                out.push('\n');
            }
            None => out.push_str(line),
        }
    }
    (!out.is_empty()).then_some(out)
}

/// `text` written into the `___` blanks of `line`: one part each when it has as many
/// parts (split at commas or ` and `) as there are blanks, else all of it in the first;
/// after the line when it has no blank.
fn fill_blanks(line: &str, text: &str) -> String {
    let mut pieces: Vec<&str> = Vec::new();
    let mut rest = line;
    while let Some(start) = rest.find("___") {
        let end = rest[start..]
            .find(|c| c != '_')
            .map_or(rest.len(), |e| start + e);
        pieces.push(&rest[..start]);
        rest = &rest[end..];
    }
    if pieces.is_empty() {
        let line = line.trim_end();
        let sep = if line.ends_with(char::is_alphanumeric) {
            ": "
        } else {
            " "
        };
        return format!("{line}{sep}{text}");
    }
    let parts: Vec<&str> = text
        .split(',')
        .flat_map(|p| p.split(" and "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let mut out = String::new();
    for (n, before) in pieces.iter().enumerate() {
        out.push_str(before);
        match (parts.len() == pieces.len(), n) {
            (true, _) => out.push_str(parts[n]),
            (false, 0) => out.push_str(text),
            (false, _) => out.push_str("___"),
        }
    }
    out.push_str(rest);
    out
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
    } else if is_code_span(shape) && rest.contains('`') {
        // A backtick inside would end the span: CommonMark's longer run, with a space
        // inside each end when the text starts or ends with a backtick.
        let longest = rest.split(|c| c != '`').map(str::len).max().unwrap_or(0);
        let run = "`".repeat((longest + 1).max(shape.open.len()));
        let pad = if rest.starts_with('`') || rest.ends_with('`') {
            " "
        } else {
            ""
        };
        format!("{}{run}{pad}{rest}{pad}{run}", shape.prefix)
    } else {
        format!("{}{}{rest}{}", shape.prefix, shape.open, shape.close)
    }
}

/// Whether the item shape wraps items in inline code (`` `x` ``).
fn is_code_span(shape: &ItemShape) -> bool {
    !shape.open.is_empty() && shape.open == shape.close && shape.open.bytes().all(|b| b == b'`')
}

static PLAIN: ItemShape = ItemShape {
    prefix: String::new(),
    open: String::new(),
    close: String::new(),
};

/// The cells of a table row as written (escaped pipes stay inside cells).
#[cfg(test)]
fn split_row(row: &str) -> Vec<&str> {
    crate::text::cells::split(row).collect()
}

mod table;

#[cfg(test)]
use table::table_row;

#[cfg(test)]
mod tests;
