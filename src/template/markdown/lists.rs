//! Lists: checkbox groups (single choice under Priority/Severity/Urgency), editable lists
//! of placeholder items, lists of labelled fields, and lists kept as written.

use std::ops::Range;

use super::label::{self, Allow, Rest};
use super::{Builder, is_single_choice_title};
use crate::form::{FieldKind, Opt, Selection, Value};
use crate::template::blocks::{Block, Inline, Item};
use crate::template::hints;
use crate::template::layout::{CheckLine, ItemShape, ListShape, Marker, Shape};

/// What a list becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ListKind {
    Checks,
    Editable,
    Labelled,
    Static,
}

/// A task item anywhere in a checkbox list.
struct Task {
    marker: Range<usize>,
    checked: bool,
    depth: usize,
    label: String,
    /// For `Other: ___`: the source offsets of the blank.
    blank: Option<Range<usize>>,
}

const ITEM_LABELS: Allow = Allow {
    plain: true,
    token: true,
};

impl Builder<'_> {
    /// Decides what a list becomes, without changing anything.
    pub(super) fn list_kind(&self, items: &[Item]) -> ListKind {
        let tasks: Vec<&Item> = items.iter().filter(|i| i.task.is_some()).collect();
        if !tasks.is_empty() {
            let all_placeholders = tasks.iter().all(|i| self.is_placeholder_item(i));
            return if all_placeholders && tasks.iter().all(|i| i.children.is_empty()) {
                ListKind::Editable
            } else {
                ListKind::Checks
            };
        }
        if items.iter().any(|i| self.item_field(i).is_some()) {
            return ListKind::Labelled;
        }
        let simple = items
            .iter()
            .all(|i| i.children.is_empty() && !has_break(&i.inlines));
        if simple && items.iter().any(|i| self.is_placeholder_item(i)) {
            return ListKind::Editable;
        }
        ListKind::Static
    }

    pub(super) fn list(&mut self, range: &Range<usize>, start: Option<u64>, items: &[Item]) {
        let label = self.pending_label.take();
        self.list_labelled(range, start, items, label);
    }

    /// Splits a list into runs of items of one class (task items, labelled fields,
    /// other items), so each item means the same whatever its neighbours are.
    pub(super) fn runs<'i>(&self, items: &'i [Item]) -> Vec<&'i [Item]> {
        let class = |i: &Item| match (i.task.is_some(), self.item_field(i).is_some()) {
            (true, _) => 0,
            (false, true) => 1,
            (false, false) => 2,
        };
        let mut runs = Vec::new();
        let mut start = 0;
        for n in 1..=items.len() {
            if n == items.len() || class(&items[n]) != class(&items[start]) {
                runs.push(&items[start..n]);
                start = n;
            }
        }
        runs
    }

    fn list_labelled(
        &mut self,
        range: &Range<usize>,
        start: Option<u64>,
        items: &[Item],
        label: Option<String>,
    ) {
        let runs = self.runs(items);
        if runs.len() > 1 {
            let mut label = label;
            let mut offset = 0;
            for run in runs {
                let (first, last) = (&run[0], &run[run.len() - 1]);
                let run_range = first.range.start..last.range.end;
                let run_start = start.map(|s| s + offset);
                self.list_run(&run_range, run_start, run, label.take());
                offset += run.len() as u64;
            }
            return;
        }
        self.list_run(range, start, items, label);
    }

    fn list_run(
        &mut self,
        range: &Range<usize>,
        start: Option<u64>,
        items: &[Item],
        label: Option<String>,
    ) {
        match self.list_kind(items) {
            ListKind::Checks => self.checks(range, items, label),
            ListKind::Editable => self.editable(range, start, items, label),
            ListKind::Labelled => {
                for item in items {
                    if let Some((labelled, rest)) = self.item_field(item) {
                        let line = self.source.line_of(labelled.rest.start);
                        self.line_field(line, &labelled, rest);
                    } else {
                        self.static_block(&item.range, true);
                    }
                    self.nested(item);
                }
            }
            ListKind::Static => {
                self.static_block(range, true);
                for item in items {
                    self.nested(item);
                }
            }
        }
    }

    /// Lists inside a kept item become fields labelled by the item's text.
    fn nested(&mut self, item: &Item) {
        let label = hints::plain_label(&self.inline_text(&item.inlines));
        for child in &item.children {
            if let Block::List {
                range,
                start,
                items,
            } = child
                && matches!(self.list_kind(items), ListKind::Checks | ListKind::Labelled)
            {
                let label = (!label.is_empty()).then(|| label.clone());
                self.list_labelled(range, *start, items, label);
            }
        }
    }

    /// A one-line item that is a labelled field, with what follows its label.
    fn item_field(&self, item: &Item) -> Option<(label::Labelled, Rest)> {
        if item.task.is_some() || !item.children.is_empty() || has_break(&item.inlines) {
            return None;
        }
        let labelled = label::split(self.source.src, &item.inlines, ITEM_LABELS)?;
        let rest = label::rest(&self.source, labelled.rest.clone());
        (!matches!(rest, Rest::Literal)).then_some((labelled, rest))
    }

    /// An item whose content is a stand-in: empty, `...`, `[hint]`, a code span like
    /// `src/...`, a prefixed one like `New: path/to/x`, or text with a blank or `'...'`.
    pub(super) fn is_placeholder_item(&self, item: &Item) -> bool {
        let content = self.item_content(item);
        let t = content.trim();
        t.is_empty()
            || hints::is_placeholder(t)
            || t.contains("'...'")
            || t.contains("'....'")
            || t.contains("\"...\"")
            || item_shape(self.source.src, &item.inlines)
                .is_some_and(|(_, hint)| hints::is_placeholder(&hint))
    }

    /// The item's first-line text, comments removed.
    fn item_content(&self, item: &Item) -> String {
        let Some(first) = item.inlines.first() else {
            return String::new();
        };
        let end = item
            .inlines
            .iter()
            .take_while(|i| !matches!(i, Inline::Break(_)))
            .last()
            .map_or(first.range().end, |i| i.range().end);
        self.source.strip_comments(first.range().start..end)
    }

    fn inline_text(&self, inlines: &[Inline]) -> String {
        self.item_content(&Item {
            range: 0..0,
            task: None,
            inlines: inlines.to_vec(),
            children: Vec::new(),
        })
    }

    fn checks(&mut self, range: &Range<usize>, items: &[Item], label: Option<String>) {
        let mut tasks = Vec::new();
        self.collect_tasks(items, 0, &mut tasks);
        let lines = self.source.lines(range);
        let options: Vec<Opt> = tasks
            .iter()
            .map(|t| Opt {
                label: t.label.clone(),
                blank: t.blank.is_some(),
                depth: t.depth,
                required: false,
            })
            .collect();
        let checked: Vec<bool> = tasks.iter().map(|t| t.checked).collect();
        let mut check_lines = Vec::new();
        for line in lines.clone() {
            let start = self.source.line_start(line);
            let text = self.source.line_text(line);
            let task = tasks
                .iter()
                .position(|t| t.marker.start >= start && t.marker.start < start + text.len());
            check_lines.push(match task {
                Some(index) => self.check_line(index, &tasks[index], start, text),
                None if self.is_hint_line(items, line) => CheckLine::Static(String::new()),
                None => CheckLine::Static(self.kept_line(start, text)),
            });
        }
        let title = self
            .open
            .as_ref()
            .map(|o| o.section.title.clone())
            .unwrap_or_default();
        let yes_no = {
            let mut keys: Vec<String> = options.iter().map(|o| o.label.to_lowercase()).collect();
            keys.sort();
            keys == ["no", "yes"]
        };
        let single = yes_no
            || is_single_choice_title(&title)
            || label.as_deref().is_some_and(is_single_choice_title);
        let n = options.len();
        let kind = if single {
            FieldKind::Choice {
                options,
                custom: None,
            }
        } else {
            FieldKind::Checkboxes { options }
        };
        let default = Value::Select(Selection {
            checked,
            ..Selection::empty(n)
        });
        let field = self.new_field(kind, label, "", default, lines.start);
        self.claim(
            lines,
            Shape::Checks {
                field,
                lines: check_lines,
            },
        );
    }

    fn check_line(&self, index: usize, task: &Task, line_start: usize, text: &str) -> CheckLine {
        let line_end = line_start + text.trim_end_matches('\n').len();
        let mark_at = task.marker.start + 1;
        let mark = self.source.src[mark_at..].chars().next().unwrap_or(' ');
        let after_mark = mark_at + mark.len_utf8();
        let (tail, after_blank) = match &task.blank {
            Some(blank) => (
                self.source
                    .strip_comments(after_mark..blank.start)
                    .trim_end()
                    .to_owned(),
                Some(self.source.strip_comments(blank.end..line_end)),
            ),
            None => (
                self.kept_line(after_mark, &self.source.src[after_mark..line_end])
                    .trim_end()
                    .to_owned(),
                None,
            ),
        };
        CheckLine::Option {
            index,
            head: self.source.src[line_start..mark_at].to_owned(),
            mark,
            tail,
            after_blank,
        }
    }

    /// Whether `line` is the line of a non-task placeholder item (`- ...`) in the list.
    fn is_hint_line(&self, items: &[Item], line: usize) -> bool {
        items.iter().any(|i| {
            i.task.is_none()
                && i.children.is_empty()
                && !has_break(&i.inlines)
                && self.source.line_of(i.range.start) == line
                && self.is_placeholder_item(i)
                || i.children.iter().any(
                    |c| matches!(c, Block::List { items, .. } if self.is_hint_line(items, line)),
                )
        })
    }

    /// A line's text with comments removed, ending in a newline (empty if nothing is left).
    fn kept_line(&self, start: usize, text: &str) -> String {
        let kept = self.source.strip_comments(start..start + text.len());
        if kept.trim().is_empty() && !text.trim().is_empty() {
            return String::new();
        }
        if text.ends_with('\n') && !kept.ends_with('\n') {
            kept + "\n"
        } else {
            kept
        }
    }

    fn collect_tasks(&self, items: &[Item], depth: usize, out: &mut Vec<Task>) {
        for item in items {
            if let Some((checked, marker)) = &item.task {
                let content = self.item_content(item);
                let start = item.inlines.first().map_or(marker.end, |i| i.range().start);
                let end = item
                    .inlines
                    .iter()
                    .take_while(|i| !matches!(i, Inline::Break(_)))
                    .last()
                    .map_or(start, |i| i.range().end);
                // The blank as written, outside comments.
                let source = &self.source.src[start..end];
                // `Other: ___` takes text; a blank with no words before it is just text.
                let split =
                    hints::blank_split(&content).filter(|(before, _)| !before.trim().is_empty());
                let blank = split.and_then(|_| {
                    let at = source
                        .match_indices("___")
                        .map(|(at, _)| start + at)
                        .find(|&at| self.source.comments_in(&(at..at + 3)).is_empty())?;
                    let len = self.source.src[at..end]
                        .find(|c| c != '_')
                        .unwrap_or(end - at);
                    Some(at..at + len)
                });
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
                    self.collect_tasks(items, depth + 1, out);
                }
            }
        }
    }

    fn editable(
        &mut self,
        range: &Range<usize>,
        start: Option<u64>,
        items: &[Item],
        label: Option<String>,
    ) {
        let lines = self.source.lines(range);
        let mut shapes: Vec<ItemShape> = Vec::new();
        let mut hints_text = Vec::new();
        let mut defaults = Vec::new();
        let mut default_lines = Vec::new();
        // When most items are stand-ins, the rest are examples too (`4. See error`).
        let stand_ins = items.iter().filter(|i| self.is_placeholder_item(i)).count();
        let all_hints = stand_ins * 2 > items.len();
        for item in items {
            let content = self.item_content(item);
            if all_hints || self.is_placeholder_item(item) {
                let (shape, hint) =
                    item_shape(self.source.src, &item.inlines).unwrap_or_else(|| {
                        let hint = hints::bracket_only(&content)
                            .unwrap_or(content.trim())
                            .to_owned();
                        (
                            ItemShape {
                                prefix: String::new(),
                                open: String::new(),
                                close: String::new(),
                            },
                            hint,
                        )
                    });
                if !shapes.contains(&shape) {
                    shapes.push(shape);
                }
                if !hint.is_empty() {
                    hints_text.push(hint);
                }
            } else {
                let line = self.source.line_of(item.range.start);
                defaults.push(content.trim().to_owned());
                default_lines.push(
                    self.source
                        .lines_text(line..self.source.end_line(&item.range))
                        .to_owned(),
                );
            }
        }
        let marker = self.marker(&items[0], start);
        let indent = self
            .source
            .line_text(lines.start)
            .chars()
            .take_while(|c| c.is_whitespace())
            .collect();
        if shapes.is_empty() {
            shapes.push(ItemShape {
                prefix: String::new(),
                open: String::new(),
                close: String::new(),
            });
        }
        let field = self.new_field(
            FieldKind::List,
            label,
            &hints_text.join("\n"),
            Value::List(defaults),
            lines.start,
        );
        let shape = ListShape {
            field,
            indent,
            marker,
            items: shapes,
            default_lines,
        };
        self.claim(lines, Shape::List(shape));
    }

    /// The list marker of `item` as new items should get it: `- `, `* `, `- [ ] `, `1. `.
    fn marker(&self, item: &Item, start: Option<u64>) -> Marker {
        let line_start = self
            .source
            .line_start(self.source.line_of(item.range.start));
        let task = if item.task.is_some() { "[ ] " } else { "" };
        let bullet = self.source.src[line_start..]
            .trim_start()
            .chars()
            .next()
            .unwrap_or('-');
        match start {
            Some(n) => {
                let text = self.source.src[line_start..].trim_start();
                let delim = text.chars().find(|c| !c.is_ascii_digit()).unwrap_or('.');
                Marker::Ordered {
                    start: n,
                    delim,
                    task: task.to_owned(),
                }
            }
            None => Marker::Bullet(format!("{bullet} {task}")),
        }
    }
}

/// The shape of an item that wraps its placeholder: `` `src/...` `` or
/// ``New: `path/to/x` ``; returns the shape and the placeholder text.
fn item_shape(src: &str, inlines: &[Inline]) -> Option<(ItemShape, String)> {
    let line: Vec<&Inline> = inlines
        .iter()
        .take_while(|i| !matches!(i, Inline::Break(_)))
        .collect();
    let code = match line.as_slice() {
        [Inline::Code(code)] => (String::new(), code),
        [Inline::Text(text), Inline::Code(code)] => {
            let prefix = &src[text.clone()];
            if !prefix.trim_end().ends_with(':') || prefix.split_whitespace().count() > 3 {
                return None;
            }
            (prefix.to_owned(), code)
        }
        _ => return None,
    };
    let inner = src[code.1.clone()].trim_matches('`').trim().to_owned();
    let placeholder = hints::is_placeholder(&inner) || inner.contains('/') && inner.contains("...");
    placeholder.then(|| {
        (
            ItemShape {
                prefix: code.0,
                open: "`".to_owned(),
                close: "`".to_owned(),
            },
            inner,
        )
    })
}

fn has_break(inlines: &[Inline]) -> bool {
    inlines.iter().any(|i| matches!(i, Inline::Break(_)))
}

/// Markup removed but a trailing colon kept (`Other:`).
fn plain_keep_colon(text: &str) -> String {
    let t = text.trim();
    let colon = t.ends_with(':') || t.ends_with(":**");
    let plain = hints::plain_label(t);
    if colon { format!("{plain}:") } else { plain }
}
