//! Lists: task lists are checkbox groups (see `checks`), lists of stand-in items are
//! editable lists, items like `- OS: [e.g. Windows]` are labelled fields, and other lists
//! are kept as written, with the lists nested in their items read on their own.

use std::borrow::Cow;
use std::cell::Cell;
use std::ops::Range;

use super::super::label::{self, Allow, Labelled, Rest};
use super::super::source::Source;
use super::paragraph::line_fields;
use super::{Ctx, NewField, Recognized, checks, options, requests};
use crate::form::{FieldKind, Value};
use crate::template::blocks::{Block, Inline, Item};
use crate::template::hints;
use crate::template::layout::{ItemShape, ListShape, Marker, Shape};

/// What a list (or a run of its items) becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ListKind {
    Checks,
    Editable,
    Labelled,
    Static,
}

const ITEM_LABELS: Allow = Allow {
    plain: true,
    token: true,
};

/// A labelled field an item holds, with what follows its label.
type ItemField = (Labelled, Rest);

/// What the list rules ask of an item, worked out once per list: the runs, their kind
/// and the fields all ask it.
pub(super) struct Facts {
    /// [`item_field`]; taken when the field is made.
    field: Option<ItemField>,
    /// [`is_placeholder_item`], once asked.
    placeholder: Cell<Option<bool>>,
}

impl Facts {
    pub(super) fn is_field(&self) -> bool {
        self.field.is_some()
    }

    fn is_placeholder(&self, item: &Item, source: &Source<'_>) -> bool {
        if let Some(known) = self.placeholder.get() {
            return known;
        }
        let placeholder = is_placeholder_item(item, source);
        self.placeholder.set(Some(placeholder));
        placeholder
    }
}

/// A list; a bold line before it (or a lead-in, see [`super::lead_in`]) names its
/// first run of items.
pub(super) fn list(
    range: &Range<usize>,
    start: Option<u64>,
    items: &[Item],
    ctx: &Ctx<'_>,
) -> Vec<Recognized> {
    // The scratch vector when it is free (a list inside a list makes its own).
    let mut facts = ctx.scratch.facts.take();
    facts.extend(items.iter().map(|i| Facts {
        field: item_field(i, ctx.source),
        placeholder: Cell::new(None),
    }));
    let out = list_with(range, start, items, &mut facts, ctx);
    facts.clear();
    ctx.scratch.facts.replace(facts);
    out
}

/// [`list`], with the [`Facts`] of each item.
fn list_with(
    range: &Range<usize>,
    start: Option<u64>,
    items: &[Item],
    facts: &mut [Facts],
    ctx: &Ctx<'_>,
) -> Vec<Recognized> {
    let plain = items.iter().zip(&*facts).all(|(i, f)| {
        i.task.is_none() && i.children.is_empty() && !has_break(&i.inlines) && f.field.is_none()
    });
    if plain && let Some(found) = options::options(range, items, ctx) {
        return vec![found];
    }
    if let Some(found) = requests::instruction_list(range, items, facts, ctx) {
        return vec![found];
    }
    let mut out = ctx.scratch.found();
    let lead_in = super::lead_in::lead_in(range, ctx);
    let label = ctx.label.or(lead_in.as_deref());
    in_runs(range, start, items, facts, label, ctx, &mut out);
    out
}

/// The [`Facts`] of each item.
fn facts_of(items: &[Item], source: &Source<'_>) -> Vec<Facts> {
    items
        .iter()
        .map(|i| Facts {
            field: item_field(i, source),
            placeholder: Cell::new(None),
        })
        .collect()
}

/// Whether a list is one field: one run of task or stand-in items.
pub(super) fn is_single_field(items: &[Item], source: &Source<'_>) -> bool {
    let facts = facts_of(items, source);
    !items.is_empty()
        && run_end(items, &facts, 0) == items.len()
        && matches!(
            kind_with(items, &facts, source),
            ListKind::Checks | ListKind::Editable
        )
}

/// Decides what a list becomes.
#[cfg(test)]
pub(super) fn kind(items: &[Item], source: &Source<'_>) -> ListKind {
    kind_with(items, &facts_of(items, source), source)
}

/// [`kind`], with the [`Facts`] of each item.
pub(super) fn kind_with(items: &[Item], facts: &[Facts], source: &Source<'_>) -> ListKind {
    if items.iter().any(|i| i.task.is_some()) {
        let tasks = || items.iter().zip(facts).filter(|(i, _)| i.task.is_some());
        // Children first: they are cheap to look at, stand-ins are not.
        return if tasks().all(|(i, _)| i.children.is_empty())
            && tasks().all(|(i, f)| f.is_placeholder(i, source))
        {
            ListKind::Editable
        } else {
            ListKind::Checks
        };
    }
    if facts.iter().any(|f| f.field.is_some()) {
        return ListKind::Labelled;
    }
    let simple = items
        .iter()
        .all(|i| i.children.is_empty() && !has_break(&i.inlines));
    if simple
        && (items
            .iter()
            .zip(facts)
            .any(|(i, f)| f.is_placeholder(i, source))
            || numbered_examples(items, source))
    {
        return ListKind::Editable;
    }
    ListKind::Static
}

/// A list is split into runs of items of one class (task items, labelled fields,
/// other items), so each item means the same whatever its neighbours are: where the
/// run that starts at item `from` ends.
fn run_end(items: &[Item], facts: &[Facts], from: usize) -> usize {
    let class = |n: usize| match (items[n].task.is_some(), facts[n].field.is_some()) {
        (true, _) => 0,
        (false, true) => 1,
        (false, false) => 2,
    };
    let first = class(from);
    (from + 1..items.len())
        .find(|&n| class(n) != first)
        .unwrap_or(items.len())
}

/// Each run of the list as a list of its own; `label` names the first.
fn in_runs(
    range: &Range<usize>,
    start: Option<u64>,
    items: &[Item],
    facts: &mut [Facts],
    label: Option<&str>,
    ctx: &Ctx<'_>,
    out: &mut Vec<Recognized>,
) {
    if items.is_empty() {
        return;
    }
    if run_end(items, facts, 0) == items.len() {
        return run(range, start, items, facts, label, ctx, out);
    }
    let mut label = label;
    let mut from = 0;
    while from < items.len() {
        // Worked out before the run is read: reading it takes its items' fields.
        let end = run_end(items, facts, from);
        let run_items = &items[from..end];
        let (first, last) = (&run_items[0], &run_items[run_items.len() - 1]);
        let run_start = start.map(|s| s + from as u64);
        run(
            &(first.range.start..last.range.end),
            run_start,
            run_items,
            &mut facts[from..end],
            label.take(),
            ctx,
            out,
        );
        from = end;
    }
}

fn run(
    range: &Range<usize>,
    start: Option<u64>,
    items: &[Item],
    facts: &mut [Facts],
    label: Option<&str>,
    ctx: &Ctx<'_>,
    out: &mut Vec<Recognized>,
) {
    let source = ctx.source;
    match kind_with(items, facts, source) {
        ListKind::Checks => out.push(checks::checks(range, items, label, ctx)),
        ListKind::Editable => out.push(editable(range, start, items, label, source)),
        ListKind::Labelled => {
            for (item, facts) in items.iter().zip(facts) {
                match facts.field.take() {
                    Some((labelled, rest)) => {
                        let line = source.line_of(labelled.rest.start);
                        out.extend(line_fields(
                            line,
                            labelled,
                            rest,
                            source,
                            ctx.scratch.fields(),
                        ));
                    }
                    None => out.push(Recognized::kept(source, &item.range)),
                }
                nested(item, ctx, out);
            }
        }
        ListKind::Static => {
            out.push(Recognized::kept(source, range));
            for item in items {
                nested(item, ctx, out);
            }
        }
    }
}

/// Lists inside a kept item become fields named after the item's text.
fn nested(item: &Item, ctx: &Ctx<'_>, out: &mut Vec<Recognized>) {
    if !item
        .children
        .iter()
        .any(|c| matches!(c, Block::List { .. }))
    {
        return;
    }
    let source = ctx.source;
    let label = hints::plain_label(&inline_text(&item.inlines, source));
    let label = (!label.is_empty()).then_some(label.as_str());
    for child in &item.children {
        if let Block::List {
            range,
            start,
            items,
        } = child
        {
            let mut facts = facts_of(items, source);
            if matches!(
                kind_with(items, &facts, source),
                ListKind::Checks | ListKind::Labelled
            ) {
                in_runs(range, *start, items, &mut facts, label, ctx, out);
            }
        }
    }
}

/// A one-line item that is a labelled field, with what follows its label.
fn item_field(item: &Item, source: &Source<'_>) -> Option<ItemField> {
    if item.task.is_some() || !item.children.is_empty() || has_break(&item.inlines) {
        return None;
    }
    // Without a break, the first line is all of it.
    let line = &item.inlines[..];
    let labelled = label::split(source.src, line, ITEM_LABELS);
    let Some(labelled) = labelled else {
        return label::question(source, line);
    };
    let rest = label::rest(source, labelled.rest.clone());
    (!matches!(rest, Rest::Literal))
        .then_some((labelled, rest))
        .or_else(|| label::question(source, line))
}

/// An item whose content is a stand-in: empty, `...`, `[hint]`, a code span like
/// `src/...`, a prefixed one like `New: path/to/x`, or text with a blank or `'...'`.
pub(super) fn is_placeholder_item(item: &Item, source: &Source<'_>) -> bool {
    let content = item_content(item, source);
    let t = crate::text::trim(&content);
    t.is_empty()
        || hints::is_placeholder(t)
        || t.contains('.') && (t.contains("'...'") || t.contains("'....'") || t.contains("\"...\""))
        || item_shape(source.src, &item.inlines)
            .is_some_and(|(_, hint)| hints::is_placeholder(&hint))
}

/// Items that differ only by their number (`step 1`, `step 2`, `step 3`): examples.
fn numbered_examples(items: &[Item], source: &Source<'_>) -> bool {
    let without_digits = |i: &Item| -> (String, bool) {
        let content = item_content(i, source);
        let digits = content.chars().any(|c| c.is_ascii_digit());
        (
            content.chars().filter(|c| !c.is_ascii_digit()).collect(),
            digits,
        )
    };
    let Some(first) = items.first().map(without_digits) else {
        return false;
    };
    items.len() >= 2
        && !first.0.trim().is_empty()
        && items
            .iter()
            .map(without_digits)
            .all(|(t, digits)| digits && t == first.0)
}

/// The item's first-line text, comments removed.
pub(super) fn item_content<'s>(item: &Item, source: &Source<'s>) -> Cow<'s, str> {
    inline_text(&item.inlines, source)
}

/// The first line of `inlines`, comments removed.
fn inline_text<'s>(inlines: &[Inline], source: &Source<'s>) -> Cow<'s, str> {
    let Some(first) = inlines.first() else {
        return Cow::Borrowed("");
    };
    let end = first_line(inlines)
        .last()
        .map_or(first.range().end, |i| i.range().end);
    source.strip_comments(first.range().start..end)
}

/// The inline elements before the first line break.
pub(super) fn first_line<'a, 's>(
    inlines: &'a [Inline<'s>],
) -> impl Iterator<Item = &'a Inline<'s>> {
    inlines
        .iter()
        .take_while(|i| !matches!(i, Inline::Break(_)))
}

pub(super) fn has_break(inlines: &[Inline]) -> bool {
    inlines.iter().any(|i| matches!(i, Inline::Break(_)))
}

/// A list whose items are stand-ins (`- ...`, `1. [step]`): a list field; items with
/// real text are its defaults.
fn editable(
    range: &Range<usize>,
    start: Option<u64>,
    items: &[Item],
    label: Option<&str>,
    source: &Source<'_>,
) -> Recognized {
    let lines = source.lines(range);
    let mut shapes: Vec<ItemShape> = Vec::new();
    let mut hints_text = Vec::new();
    let mut defaults = Vec::new();
    let mut default_lines = Vec::new();
    // When most items are stand-ins, the rest are examples too (`4. See error`).
    let stand_ins = items
        .iter()
        .filter(|i| is_placeholder_item(i, source))
        .count();
    let all_hints = stand_ins * 2 > items.len() || numbered_examples(items, source);
    for item in items {
        let content = item_content(item, source);
        if all_hints || is_placeholder_item(item, source) {
            let (shape, hint) = item_shape(source.src, &item.inlines).unwrap_or_else(|| {
                let hint = hints::bracket_only(&content).unwrap_or(content.trim());
                (plain_item(), hint.to_owned())
            });
            if !shapes.contains(&shape) {
                shapes.push(shape);
            }
            if !hint.is_empty() {
                hints_text.push(hint);
            }
        } else {
            let line = source.line_of(item.range.start);
            defaults.push(content.trim().to_owned());
            default_lines.push(
                source
                    .lines_text(line..source.end_line(&item.range))
                    .to_owned(),
            );
        }
    }
    if shapes.is_empty() {
        shapes.push(plain_item());
    }
    let indent = source
        .line_text(lines.start)
        .chars()
        .take_while(|c| c.is_whitespace())
        .collect();
    let field = NewField::new(
        FieldKind::List,
        label,
        &hints_text.join("\n"),
        Value::List(defaults),
        lines.start,
    );
    let shape = ListShape {
        field: 0,
        indent,
        marker: marker(&items[0], start, source),
        items: shapes,
        default_lines,
    };
    Recognized::field(field, lines, Shape::List(Box::new(shape)))
}

fn plain_item() -> ItemShape {
    ItemShape {
        prefix: String::new(),
        open: String::new(),
        close: String::new(),
    }
}

/// The list marker of `item` as new items should get it: `- `, `* `, `- [ ] `, `1. `.
fn marker(item: &Item, start: Option<u64>, source: &Source<'_>) -> Marker {
    let line_start = source.line_start(source.line_of(item.range.start));
    let task = if item.task.is_some() { "[ ] " } else { "" };
    let text = source.src[line_start..].trim_start();
    match start {
        Some(n) => Marker::Ordered {
            start: n,
            delim: text.chars().find(|c| !c.is_ascii_digit()).unwrap_or('.'),
            task: task.to_owned(),
        },
        None => Marker::Bullet(format!("{} {task}", text.chars().next().unwrap_or('-'))),
    }
}

/// The shape of an item that wraps its placeholder: `` `src/...` `` or
/// ``New: `path/to/x` ``; returns the shape and the placeholder text.
fn item_shape(src: &str, inlines: &[Inline]) -> Option<(ItemShape, String)> {
    let line = &inlines[..first_line(inlines).count()];
    let code = match line {
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

#[cfg(test)]
mod tests;
