//! Task lists: a checkbox group that keeps its lines, pre-checked items checked, an
//! `Other: ___` item a blank to fill; a single choice for yes/no and under Priority,
//! Severity or Urgency.

use std::borrow::Cow;
use std::ops::Range;

use super::super::source::Source;
use super::lists::{first_line, has_break, is_placeholder_item, item_content};
use super::{Ctx, NewField, Recognized};
use crate::form::{FieldKind, Opt, Selection, Value};
use crate::template::blocks::{Block, Item};
use crate::template::hints;
use crate::template::layout::{CheckLine, CheckOption, Shape};
use crate::text;

/// A task item anywhere in a checkbox list.
pub(super) struct Task {
    marker: Range<usize>,
    checked: bool,
    depth: usize,
    label: String,
    /// For `Other: ___`: the source offsets of the blank.
    blank: Option<Range<usize>>,
}

pub(super) fn checks(
    range: &Range<usize>,
    items: &[Item],
    label: Option<&str>,
    ctx: &Ctx<'_>,
) -> Recognized {
    let source = ctx.source;
    // The scratch vector when it is free (checkboxes are not read inside checkboxes,
    // but a taken one only means a vector of its own).
    let mut tasks = ctx.scratch.tasks.take();
    collect_tasks(items, 0, source, &mut tasks);
    let found = checks_of(range, items, label, ctx, &mut tasks);
    tasks.clear();
    ctx.scratch.tasks.replace(tasks);
    found
}

/// [`checks`], with its task items.
fn checks_of(
    range: &Range<usize>,
    items: &[Item],
    label: Option<&str>,
    ctx: &Ctx<'_>,
    tasks: &mut [Task],
) -> Recognized {
    let source = ctx.source;
    let lines = source.lines(range);
    let options: Vec<Opt> = tasks
        .iter_mut()
        .map(|t| Opt {
            label: std::mem::take(&mut t.label),
            blank: t.blank.is_some(),
            depth: t.depth,
            required: false,
        })
        .collect();
    let checked: Vec<bool> = tasks.iter().map(|t| t.checked).collect();
    let mut check_lines = Vec::with_capacity(lines.len());
    for line in lines.clone() {
        let start = source.line_start(line);
        let text = source.line_text(line);
        let task = tasks
            .iter()
            .position(|t| t.marker.start >= start && t.marker.start < start + text.len());
        check_lines.push(match task {
            Some(index) => check_line(index, &tasks[index], start, text, source),
            None if is_hint_line(items, line, source) => CheckLine::Static(Box::default()),
            None => CheckLine::Static(match kept_line(start, text, source) {
                Cow::Borrowed(kept) => Box::from(kept),
                Cow::Owned(kept) => kept.into_boxed_str(),
            }),
        });
    }
    let n = options.len();
    let kind = if is_single_choice(&options, ctx.section.title, label) {
        FieldKind::Choice {
            options,
            custom: None,
        }
    } else {
        FieldKind::Checkboxes { options }
    };
    // Made empty, not cloned from an empty one (`vec![String::new(); n]`).
    let mut blanks = Vec::with_capacity(n);
    blanks.resize_with(n, String::new);
    let default = Value::Select(Box::new(Selection {
        checked,
        blanks,
        custom: String::new(),
    }));
    let field = NewField::new(kind, label, "", default, lines.start);
    let shape = Shape::Checks {
        field: 0,
        lines: check_lines,
    };
    Recognized::field_in(ctx.scratch, field, lines, shape)
}

/// Yes/no options, or a list under (or named) Priority, Severity or Urgency.
fn is_single_choice(options: &[Opt], title: &str, label: Option<&str>) -> bool {
    // Compared without case: only `N`, `O`, `Y`, `E` and `S` lowercase to these letters.
    let yes_no = |a: &str, b: &str| a.eq_ignore_ascii_case("yes") && b.eq_ignore_ascii_case("no");
    let answers = match options {
        [a, b] => yes_no(&a.label, &b.label) || yes_no(&b.label, &a.label),
        _ => false,
    };
    answers || is_single_choice_title(title) || label.is_some_and(is_single_choice_title)
}

/// Whether the section title makes a checkbox list a single choice.
fn is_single_choice_title(title: &str) -> bool {
    // Its slug is one of these words: one run of letters and digits, which (being one
    // of these) is ASCII, compared without case.
    const WORDS: [&str; 3] = ["priority", "severity", "urgency"];
    if title.is_ascii() {
        // One run: from its first letter or digit to its last, nothing else.
        let bytes = title.as_bytes();
        let Some(start) = bytes.iter().position(u8::is_ascii_alphanumeric) else {
            return false;
        };
        let end = bytes
            .iter()
            .rposition(u8::is_ascii_alphanumeric)
            .map_or(start, |e| e + 1);
        let run = &bytes[start..end];
        return (7..=8).contains(&run.len())
            && run.iter().all(u8::is_ascii_alphanumeric)
            && WORDS.iter().any(|w| run.eq_ignore_ascii_case(w.as_bytes()));
    }
    let mut runs = title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|r| !r.is_empty());
    runs.next()
        .is_some_and(|run| WORDS.iter().any(|w| run.eq_ignore_ascii_case(w)))
        && runs.next().is_none()
}

fn check_line(
    index: usize,
    task: &Task,
    line_start: usize,
    text: &str,
    source: &Source<'_>,
) -> CheckLine {
    let line_end = line_start + text.trim_end_matches('\n').len();
    let mark_at = task.marker.start + 1;
    let mark = source.src[mark_at..].chars().next().unwrap_or(' ');
    let after_mark = mark_at + mark.len_utf8();
    let head = &source.src[line_start..mark_at];
    let option = if let Some(blank) = &task.blank {
        let tail = source.strip_comments(after_mark..blank.start);
        let after = source.strip_comments(blank.end..line_end);
        CheckOption::new(index, head, mark, tail.trim_end(), Some(&after))
    } else {
        let tail = kept_line(after_mark, &source.src[after_mark..line_end], source);
        CheckOption::new(index, head, mark, text::trim_end(&tail), None)
    };
    CheckLine::Option(option)
}

/// Whether `line` is the line of a non-task placeholder item (`- ...`) in the list.
fn is_hint_line(items: &[Item], line: usize, source: &Source<'_>) -> bool {
    items.iter().any(|i| {
        i.task.is_none()
            && i.children.is_empty()
            && !has_break(&i.inlines)
            && source.line_of(i.range.start) == line
            && is_placeholder_item(i, source)
            || i.children.iter().any(
                |c| matches!(c, Block::List { items, .. } if is_hint_line(items, line, source)),
            )
    })
}

/// A line's text with comments removed, ending in a newline (empty if nothing is left):
/// borrowed when the line holds no comment (most lines: a copy made here was copied
/// again into the line's shape).
fn kept_line<'s>(start: usize, text: &str, source: &Source<'s>) -> Cow<'s, str> {
    let kept = source.strip_comments(start..start + text.len());
    if text::is_blank(&kept) && !text::is_blank(text) {
        return Cow::Borrowed("");
    }
    if text.ends_with('\n') && !kept.ends_with('\n') {
        let mut kept = kept.into_owned();
        kept.push('\n');
        return Cow::Owned(kept);
    }
    kept
}

fn collect_tasks(items: &[Item], depth: usize, source: &Source<'_>, out: &mut Vec<Task>) {
    for item in items {
        if let Some((checked, marker)) = &item.task {
            let content = item_content(item, source);
            let start = item.inlines.first().map_or(marker.end, |i| i.range().start);
            // The blank is looked for on the item's first line only, where its line is
            // written: an inline may reach past the line's end (seen with a lazy
            // continuation line after `&#`).
            let line_end = memchr::memchr(b'\n', &source.src.as_bytes()[start..])
                .map_or(source.src.len(), |at| start + at);
            let end = first_line(&item.inlines)
                .last()
                .map_or(start, |i| i.range().end)
                .clamp(start, line_end);
            // `Other: ___` takes text; a blank with no words before it is just text.
            let split =
                hints::blank_split(&content).filter(|(before, _)| !before.trim().is_empty());
            let blank = split.and_then(|_| blank_at(start..end, source));
            let label = match split {
                Some((before, _)) => plain_keep_colon(before),
                None => plain_keep_colon(&content),
            };
            out.push(Task {
                marker: marker.clone(),
                checked: *checked,
                depth,
                label,
                blank,
            });
        }
        for child in &item.children {
            if let Block::List { items, .. } = child {
                collect_tasks(items, depth + 1, source, out);
            }
        }
    }
}

/// The first `___` blank in `range` as written, outside comments.
fn blank_at(range: Range<usize>, source: &Source<'_>) -> Option<Range<usize>> {
    let at = source.src[range.clone()]
        .match_indices("___")
        .map(|(at, _)| range.start + at)
        .find(|&at| source.comments_in(&(at..at + 3)).is_empty())?;
    let len = source.src[at..range.end]
        .find(|c| c != '_')
        .unwrap_or(range.end - at);
    Some(at..at + len)
}

/// Markup removed but a trailing colon kept (`Other:`).
fn plain_keep_colon(text: &str) -> String {
    let t = text::trim(text);
    let colon = t.ends_with(':') || t.ends_with(":**");
    let plain = hints::plain_label(t);
    if colon { format!("{plain}:") } else { plain }
}

#[cfg(test)]
mod tests;
