//! The form screen: title, labels and assignees; a sidebar of sections with marks; the
//! focused section's fields; an optional live preview. Layout is computed by pure
//! functions that drawing and mouse handling share.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::super::app::{App, Focus, FormState, HEADER_LABELS, Mark};
use super::super::field::line::LineEdit;
use super::super::field::rows;
use super::super::theme::Theme;
use super::{with_ellipsis, wrap_lines};

/// Where things are on the form screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub top: Rect,
    pub header: [Rect; 3],
    pub sidebar: Rect,
    pub pane: Rect,
    pub preview: Option<Rect>,
}

/// Splits the body area (everything but footer and notice): the top line, the title,
/// labels beside assignees, a rule, then sidebar, pane and (optional) preview. Plain
/// arithmetic rather than a `Layout`: the constraint solver cost a quarter of a
/// keystroke's frame, and these splits are fixed rows and halves (the unit test checks
/// they are what the `Layout` gave on every size the form is drawn at).
pub fn areas(area: Rect, preview: bool) -> Areas {
    let row = |dy: u16| Rect::new(area.x, area.y + dy, area.width, 1);
    let (top, title, people) = (row(0), row(1), row(2));
    let half = area.width / 2;
    let labels = Rect {
        width: half,
        ..people
    };
    let assignees = Rect::new(area.x + half, people.y, area.width - half, 1);
    let body_h = area.height.saturating_sub(4);
    let side_w = (area.width / 4).clamp(18, 32).min(area.width);
    let sidebar = Rect::new(area.x, area.y + 4, side_w, body_h);
    let rest_x = area.x + side_w + 1;
    let rest = Rect::new(
        rest_x,
        sidebar.y,
        area.right().saturating_sub(rest_x),
        body_h,
    );
    let (pane, preview) = if preview {
        let preview_w = rest.width / 2;
        let pane = Rect {
            width: rest.width - preview_w,
            ..rest
        };
        let preview = Rect {
            x: pane.right(),
            width: preview_w,
            ..rest
        };
        (pane, Some(preview))
    } else {
        (rest, None)
    };
    Areas {
        top,
        header: [title, labels, assignees],
        sidebar,
        pane,
        preview,
    }
}

/// [`areas`] for the form as it is: labels and assignees share their row by what they
/// hold ([`people_areas`]), so neither is cut while the row has room for both.
pub fn form_areas(state: &FormState, area: Rect) -> Areas {
    let mut a = areas(area, state.view().preview.is_some());
    let [_, labels, assignees] = a.header;
    let row = Rect {
        width: labels.width + assignees.width,
        ..labels
    };
    let shown = |i: usize| {
        let text = state.header(i).text();
        if text.is_empty() { PEOPLE_HINT } else { text }
    };
    [a.header[1], a.header[2]] = people_areas(row, [shown(1), shown(2)]);
    a
}

/// The labels' and the assignees' parts of `row`, given the text each shows (the form's
/// header and the review's share it): [`people_split`] of the columns each needs.
pub(super) fn people_areas(row: Rect, shown: [&str; 2]) -> [Rect; 2] {
    let need = |i: usize| {
        // ` Labels: `, the text, a column for the cursor and the one kept free after it
        // ([`header_cell`]): a focused field that fits is not scrolled.
        let width =
            HEADER_LABELS[i + 1].len() + 3 + unicode_width::UnicodeWidthStr::width(shown[i]) + 2;
        u16::try_from(width).unwrap_or(u16::MAX)
    };
    let labels = people_split(row.width, need(0), need(1));
    [
        Rect {
            width: labels,
            ..row
        },
        Rect {
            x: row.x + labels,
            width: row.width - labels,
            ..row
        },
    ]
}

/// Draws header line `i` (title, labels, assignees) in `rect`: its name, then `edit`
/// (or `hint` when empty), one column kept free on the right; the cursor when `focused`.
pub(super) fn header_cell(
    buf: &mut ratatui::buffer::Buffer,
    rect: Rect,
    (i, edit): (usize, &LineEdit),
    focused: bool,
    hint: &str,
    theme: Theme,
) -> Option<Position> {
    let label = format!(" {}: ", HEADER_LABELS[i]);
    buf.set_stringn(
        rect.x,
        rect.y,
        &label,
        usize::from(rect.width),
        theme.label(focused),
    );
    let w = label.len() as u16;
    let input = Rect::new(rect.x + w, rect.y, rect.width.saturating_sub(w + 1), 1);
    edit.render(
        input,
        buf,
        focused,
        hint,
        theme.input(focused),
        theme.placeholder(),
    )
}

/// How many of a row's `width` columns the labels get beside the assignees, given the
/// columns each needs: half, unless one needs more than half and the other less, which
/// then gives its spare columns to it. Both needing more than half share it evenly.
pub fn people_split(width: u16, labels: u16, assignees: u16) -> u16 {
    let half = width / 2;
    if labels > half && assignees < width - half {
        labels.min(width - assignees)
    } else if assignees > width - half && labels < half {
        width - assignees.min(width - labels)
    } else {
        half
    }
}

/// What an empty labels or assignees field shows.
pub(super) const PEOPLE_HINT: &str = "comma-separated";

/// One thing in the pane, at `y` rows from the pane's content top and `x` columns in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub y: u16,
    pub x: u16,
    pub height: u16,
    pub kind: ItemKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemKind {
    Text(Vec<String>, Style),
    Label(usize),
    Widget(usize),
}

const INDENT: u16 = 2;

/// Where a widget's input goes in a pane row of `width` columns when the widget starts
/// at column `x`: indented under its label (or beside it, inline), one column kept free
/// on the right. Heights are measured at this width, so they match the drawing.
fn input_rect(width: u16, x: u16) -> Rect {
    let indent = if x > 0 { 0 } else { INDENT };
    Rect::new(
        x + indent,
        0,
        width.saturating_sub(x).saturating_sub(indent + 1),
        0,
    )
}

/// The pane's content for the current section at `width`, with its total height.
/// Only the current section is laid out, so the work does not grow with the form.
pub fn pane_items(state: &FormState, width: u16, theme: Theme) -> (Vec<Item>, u16) {
    let form = state.form();
    let s = state.current_section();
    let section = &form.sections[s];
    let mut items = Vec::new();
    let mut y = 0u16;
    let push = |items: &mut Vec<Item>, y: &mut u16, height: u16, kind: ItemKind| {
        stack(items, y, 0, height, kind);
    };
    // A section's only field named by its heading, or a first field whose label only
    // repeats the heading: the title row is the field's label (focus marker, `*`), so
    // the words show once.
    let titled = section.fields.first().filter(|&f| form.names_section(f));
    // One-line text fields sit beside their labels, inputs aligned.
    let inline_col = section
        .fields
        .iter()
        .filter(|&f| Some(f) != titled)
        .filter(|&f| matches!(form.fields[f].kind, crate::form::FieldKind::Text))
        .map(|f| label_width(form, f))
        .max()
        .map(|w| w.saturating_add(4))
        // Labels too long to sit beside their inputs go above them.
        .filter(|&col| col <= width / 2);
    let top = titled.map_or_else(
        || ItemKind::Text(vec![crumbs(form, s)], theme.title()),
        ItemKind::Label,
    );
    push(&mut items, &mut y, 1, top);
    let mut texts = false;
    for (text, style) in [(&section.help, theme.help()), (&section.text, Style::new())] {
        let lines = wrap_lines(text, width, 40);
        if !lines.is_empty() {
            texts = true;
            push(
                &mut items,
                &mut y,
                rows(lines.len()),
                ItemKind::Text(lines, style),
            );
        }
    }
    let mut previous_inline = false;
    for f in section.fields {
        let field = &form.fields[f];
        if titled == Some(f) {
            // Its input under the title row, or under the section's text.
            if texts {
                y = y.saturating_add(1);
            }
            push_input(&mut items, &mut y, state, f, width, theme);
            continue;
        }
        let inline = matches!(field.kind, crate::form::FieldKind::Text) && field.help.is_empty();
        // Consecutive one-line fields stack without blank lines between them.
        if !(inline && previous_inline) {
            y = y.saturating_add(1);
        }
        previous_inline = inline;
        if let (true, Some(col)) = (inline, inline_col) {
            items.push(Item {
                y,
                x: 0,
                height: 1,
                kind: ItemKind::Label(f),
            });
            items.push(Item {
                y,
                x: col,
                height: 1,
                kind: ItemKind::Widget(f),
            });
            y = y.saturating_add(1);
            push_error(&mut items, &mut y, state, f, width, theme);
            continue;
        }
        push(&mut items, &mut y, 1, ItemKind::Label(f));
        push_input(&mut items, &mut y, state, f, width, theme);
    }
    // Text written after the fields (an issue form's closing markdown) comes after them.
    let after = wrap_lines(form.after(s), width, 40);
    if !after.is_empty() {
        y = y.saturating_add(1);
        push(
            &mut items,
            &mut y,
            rows(after.len()),
            ItemKind::Text(after, theme.help()),
        );
    }
    (items, y)
}

/// The path to section `s` (`Parent › Section`); the template's name for a section
/// without a title.
fn crumbs(form: &crate::form::Form, s: usize) -> String {
    let section = &form.sections[s];
    let mut crumbs: Vec<&str> = Vec::new();
    let mut parent = section.parent();
    while let Some(p) = parent {
        crumbs.insert(0, &form.sections[p].title);
        parent = form.sections[p].parent();
    }
    crumbs.push(if section.title.is_empty() {
        &form.meta.name
    } else {
        &section.title
    });
    crumbs.join(CRUMB)
}

/// What separates a section's parents from it.
const CRUMB: &str = " › ";

/// The title row of a section whose only field it names (`Parent › Section`) in `room`
/// columns: the parents give way first (cut with `…`), so the field's own words stay.
fn titled_label(
    form: &crate::form::Form,
    (s, required): (usize, bool),
    room: usize,
) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    use unicode_width::UnicodeWidthStr as _;
    let own = unmarked(&form.sections[s].title, required);
    let Some(parent) = form.sections[s].parent() else {
        return Cow::Owned(with_ellipsis(&own, room).into_owned());
    };
    let parents = crumbs(form, parent);
    let whole = format!("{parents}{CRUMB}{own}");
    if whole.width() <= room {
        return Cow::Owned(whole);
    }
    // The parents in what is left, at least a `…` of them.
    let left = room.saturating_sub(own.width() + CRUMB.width());
    if left == 0 {
        return Cow::Owned(with_ellipsis(&own, room).into_owned());
    }
    Cow::Owned(format!("{}{CRUMB}{own}", with_ellipsis(&parents, left)))
}

/// A field's help, input and problems, under its label.
fn push_input(
    items: &mut Vec<Item>,
    y: &mut u16,
    state: &FormState,
    f: usize,
    width: u16,
    theme: Theme,
) {
    let mut push = |items: &mut Vec<Item>, height: u16, kind: ItemKind| {
        stack(items, y, 0, height, kind);
    };
    let help = wrap_lines(
        &state.form().fields[f].help,
        width.saturating_sub(INDENT),
        12,
    );
    if !help.is_empty() {
        push(items, rows(help.len()), ItemKind::Text(help, theme.help()));
    }
    let h = state.widget(f).height(input_rect(width, 0).width);
    push(items, h, ItemKind::Widget(f));
    push_error(items, y, state, f, width, theme);
}

/// The field's problems under its input, once the user has left it.
fn push_error(
    items: &mut Vec<Item>,
    y: &mut u16,
    state: &FormState,
    f: usize,
    width: u16,
    theme: Theme,
) {
    let Some(message) = state.model().shown_error(f) else {
        return;
    };
    let lines = wrap_lines(&format!("! {message}"), width.saturating_sub(INDENT + 1), 3);
    stack(
        items,
        y,
        INDENT,
        rows(lines.len()),
        ItemKind::Text(lines, theme.error()),
    );
}

/// Puts an item `height` rows high at row `y` and moves `y` under it.
fn stack(items: &mut Vec<Item>, y: &mut u16, x: u16, height: u16, kind: ItemKind) {
    items.push(Item {
        y: *y,
        x,
        height,
        kind,
    });
    *y = y.saturating_add(height);
}

fn label_width(form: &crate::form::Form, f: usize) -> u16 {
    let required = if form.fields[f].required { 2 } else { 0 };
    (unicode_width::UnicodeWidthStr::width(&*shown_label(form, f)) + 2 + required) as u16
}

/// The label drawn for a field: the template's words (a section's own answer is named
/// by its heading, as the schema names it), its kind only when the template gave none.
fn shown_label(form: &crate::form::Form, f: usize) -> std::borrow::Cow<'_, str> {
    let field = &form.fields[f];
    if field.label.trim().is_empty() {
        kind_word(&field.kind).into()
    } else {
        unmarked(&field.label, field.required)
    }
}

pub(super) use crate::form::unmarked;

/// The scroll offset that keeps the focused field in view (or the wheel's offset). A
/// field taller than the pane keeps its cursor row in view.
pub fn pane_offset(state: &FormState, items: &[Item], total: u16, height: u16) -> u16 {
    let max = total.saturating_sub(height);
    if let Some(offset) = state.view().pane_scroll {
        return offset.min(max);
    }
    let Focus::Field(f) = state.focus() else {
        return 0;
    };
    let top = items
        .iter()
        .find(|i| i.kind == ItemKind::Label(f))
        .map_or(0, |i| i.y);
    let widget = items.iter().find(|i| i.kind == ItemKind::Widget(f));
    let bottom = widget.map_or(top + 1, |i| i.y.saturating_add(i.height));
    let offset = if bottom <= height {
        0
    } else if bottom - top <= height {
        bottom - height
    } else {
        let cursor = widget.map_or(top, |i| i.y.saturating_add(state.widget(f).cursor_row()));
        if cursor - top < height {
            top
        } else {
            cursor + 1 - height
        }
    };
    offset.min(max)
}

pub fn draw(frame: &mut Frame, app: &App, state: &FormState, area: Rect) -> Option<Position> {
    let theme = app.config().theme;
    let a = form_areas(state, area);
    let buf = frame.buffer_mut();
    let form = state.form();
    let counter = format!(
        "{} of {} fields filled",
        state.model().filled_count(),
        form.fields.len()
    );
    let name = format!(" issue-composer · {}", form.meta.name);
    // The name gives way to the counter in narrow terminals.
    let room = usize::from(a.top.width).saturating_sub(counter.len() + 2);
    buf.set_stringn(a.top.x, a.top.y, &name, room, theme.title());
    let cx = a.top.right().saturating_sub(rows(counter.len()) + 1);
    buf.set_stringn(cx, a.top.y, &counter, counter.len(), theme.help());
    let mut cursor = None;
    for (i, rect) in a.header.iter().enumerate() {
        let focused = state.focus() == Focus::Header(i);
        let hint = if i == 0 { "issue title" } else { PEOPLE_HINT };
        cursor = cursor.or(header_cell(
            buf,
            *rect,
            (i, state.header(i)),
            focused,
            hint,
            theme,
        ));
    }
    let rule = "─".repeat(usize::from(area.width));
    buf.set_stringn(
        area.x,
        area.y + 3,
        rule,
        usize::from(area.width),
        theme.border(false),
    );
    sidebar(frame, state, a.sidebar, theme);
    cursor = cursor.or(pane(frame, state, a.pane, theme));
    if let (Some(p), Some(preview)) = (a.preview, &state.view().preview) {
        let block = Block::new()
            .borders(Borders::LEFT)
            .border_style(theme.border(false))
            .title(" Preview ");
        // Scrolled by source lines (wrapped rows would not match the heading's line).
        let first = state
            .view()
            .preview_scroll
            .unwrap_or_else(|| state.preview_follow());
        let shown: Vec<Line> = preview
            .lines_from(first)
            .take(usize::from(p.height))
            .map(|l| Line::raw(l.replace('\t', "    ")))
            .collect();
        let text = Paragraph::new(shown)
            .wrap(Wrap { trim: false })
            .block(block);
        frame.render_widget(text, p);
    }
    cursor
}

/// Section `s`'s name in the sidebar, worded as the pane's title row: without the
/// `(required)` that made its only field required (the pane puts `*` there, the sidebar
/// its `!` or `✓`), so the word is not said beside a mark.
fn sidebar_title(form: &crate::form::Form, s: usize) -> std::borrow::Cow<'_, str> {
    let section = &form.sections[s];
    match section.fields.first() {
        Some(f) if form.names_section(f) => unmarked(&section.title, form.fields[f].required),
        _ => (*section.title).into(),
    }
}

fn sidebar(frame: &mut Frame, state: &FormState, area: Rect, theme: Theme) {
    let block = Block::new()
        .borders(Borders::RIGHT)
        .border_style(theme.border(false));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let sections = &state.form().sections;
    let current = state.current_section();
    let height = usize::from(inner.height);
    let first = sidebar_first(current, height, sections.len());
    let min_level = sections
        .iter()
        .map(|s| s.level)
        .filter(|l| *l > 0)
        .min()
        .unwrap_or(1);
    let buf = frame.buffer_mut();
    for (row, s) in (first..sections.len()).take(height).enumerate() {
        let section = &sections[s];
        let y = inner.y + row as u16;
        let (mark, mark_style) = if section.fields.is_empty() {
            (" ", Style::new())
        } else {
            match state.model().mark(s) {
                Mark::Done => ("✓", theme.done()),
                Mark::Missing => ("!", theme.missing()),
                Mark::Untouched => ("·", theme.help()),
                Mark::Example => ("~", theme.missing()),
            }
        };
        let indent = "  ".repeat(usize::from(section.level.saturating_sub(min_level)));
        let title = if section.title.is_empty() {
            "(intro)".into()
        } else {
            sidebar_title(state.form(), s)
        };
        let style = if s == current {
            theme.selected()
        } else if section.fields.is_empty() {
            theme.help()
        } else {
            Style::new()
        };
        buf.set_stringn(inner.x, y, mark, 1, mark_style);
        let room = usize::from(inner.width.saturating_sub(1)).saturating_sub(1 + indent.len());
        let text = format!(" {indent}{}", with_ellipsis(&title, room));
        buf.set_stringn(
            inner.x + 1,
            y,
            text,
            usize::from(inner.width.saturating_sub(1)),
            style,
        );
    }
}

fn pane(frame: &mut Frame, state: &FormState, area: Rect, theme: Theme) -> Option<Position> {
    let (items, total) = pane_items(state, area.width, theme);
    let offset = pane_offset(state, &items, total, area.height);
    let mut cursor = None;
    let form = state.form();
    for item in &items {
        if item.y.saturating_add(item.height) <= offset || item.y >= offset + area.height {
            continue;
        }
        // An item begun above the pane's top (a long option list scrolled to its
        // cursor) is drawn from its first row in view.
        let hidden = offset.saturating_sub(item.y);
        let y = area.y + item.y.max(offset) - offset;
        let height = (item.height - hidden).min(area.bottom() - y);
        let rect = Rect::new(
            area.x + item.x,
            y,
            area.width.saturating_sub(item.x),
            height,
        );
        if hidden > 0 {
            cursor = cursor.or(partly_hidden(frame, state, item, rect, hidden, theme));
            continue;
        }
        match &item.kind {
            ItemKind::Text(lines, style) => {
                let text: Vec<Line> = lines
                    .iter()
                    .map(|l| Line::styled(l.as_str(), *style))
                    .collect();
                frame.render_widget(Paragraph::new(text), rect);
            }
            ItemKind::Label(f) => {
                let field = &form.fields[*f];
                let focused = state.focus() == Focus::Field(*f);
                let marker = if focused { "▸ " } else { "  " };
                let titled = form.names_section(*f);
                let required = if field.required { " *" } else { "" };
                let lang = match &field.kind {
                    crate::form::FieldKind::Code { language } if language.is_empty() => {
                        "  [code]".to_owned()
                    }
                    crate::form::FieldKind::Code { language } => format!("  [{language}]"),
                    _ => String::new(),
                };
                // A label too long for the row ends in `…`, and keeps its `*`.
                let room = usize::from(rect.width)
                    .saturating_sub(marker.chars().count() + required.len() + lang.len());
                // The section's title keeps its style while the field is not focused.
                let style = if titled && !focused {
                    theme.title()
                } else {
                    theme.label(focused)
                };
                let label = if titled {
                    titled_label(form, (field.section(), field.required), room)
                } else {
                    with_ellipsis(&shown_label(form, *f), room)
                        .into_owned()
                        .into()
                };
                let mut spans = vec![Span::styled(format!("{marker}{label}"), style)];
                if field.required {
                    spans.push(Span::styled(required, theme.missing()));
                }
                if !lang.is_empty() {
                    spans.push(Span::styled(lang, theme.help()));
                }
                frame.render_widget(Line::from(spans), rect);
            }
            ItemKind::Widget(f) => {
                let focused = state.focus() == Focus::Field(*f);
                let input = input_rect(area.width, item.x);
                let inner = Rect::new(area.x + input.x, rect.y, input.width, rect.height);
                let pos = state.widget(*f).render(
                    &form.fields[*f],
                    inner,
                    frame.buffer_mut(),
                    focused,
                    theme,
                );
                cursor = cursor.or(pos);
            }
        }
    }
    cursor
}

/// Draws the rows of `item` from `hidden` on into `rect`. Option lists and lists draw
/// those rows alone; anything else (at most a text area's twelve rows, a table, text) is
/// drawn whole off screen and those rows copied. Only the one item cut by the pane's top
/// goes this way.
fn partly_hidden(
    frame: &mut Frame,
    state: &FormState,
    item: &Item,
    rect: Rect,
    hidden: u16,
    theme: Theme,
) -> Option<Position> {
    if let ItemKind::Widget(f) = &item.kind {
        let focused = state.focus() == Focus::Field(*f);
        let input = input_rect(rect.width + item.x, item.x);
        let inner = Rect::new(rect.x - item.x + input.x, rect.y, input.width, rect.height);
        let drawn =
            state
                .widget(*f)
                .render_from(hidden, (inner, frame.buffer_mut()), focused, theme);
        if let Some(cursor) = drawn {
            return cursor;
        }
    }
    let full = Rect::new(rect.x, 0, rect.width, hidden.saturating_add(rect.height));
    let mut scratch = ratatui::buffer::Buffer::empty(full);
    let mut cursor = None;
    match &item.kind {
        ItemKind::Text(lines, style) => {
            let text: Vec<Line> = lines
                .iter()
                .map(|l| Line::styled(l.as_str(), *style))
                .collect();
            ratatui::widgets::Widget::render(Paragraph::new(text), full, &mut scratch);
        }
        // A label is one row: never partly hidden.
        ItemKind::Label(_) => return None,
        ItemKind::Widget(f) => {
            let focused = state.focus() == Focus::Field(*f);
            let input = input_rect(rect.width + item.x, item.x);
            let inner = Rect::new(rect.x - item.x + input.x, 0, input.width, full.height);
            cursor = state
                .widget(*f)
                .render(
                    &state.form().fields[*f],
                    inner,
                    &mut scratch,
                    focused,
                    theme,
                )
                .filter(|p| p.y >= hidden)
                .map(|p| Position::new(p.x, p.y - hidden + rect.y));
        }
    }
    let buf = frame.buffer_mut();
    for dy in 0..rect.height {
        for x in rect.x..rect.right() {
            buf[(x, rect.y + dy)] = scratch[(x, hidden + dy)].clone();
        }
    }
    cursor
}

fn kind_word(kind: &crate::form::FieldKind) -> &'static str {
    use crate::form::FieldKind;
    match kind {
        FieldKind::Text | FieldKind::TextArea => "Your answer",
        FieldKind::Code { .. } => "Code",
        FieldKind::Choice { .. } => "Choose one",
        FieldKind::MultiChoice { .. } | FieldKind::Checkboxes { .. } => "Tick all that apply",
        FieldKind::Table(_) => "Table",
        FieldKind::List => "List (Enter adds an item)",
    }
}

/// The first section the sidebar shows: the current one stays in the middle.
pub fn sidebar_first(current: usize, height: usize, count: usize) -> usize {
    current
        .saturating_sub(height / 2)
        .min(count.saturating_sub(height))
}

/// The sidebar's inside (without its border).
pub fn sidebar_inner(sidebar: Rect) -> Rect {
    Block::new().borders(Borders::RIGHT).inner(sidebar)
}

#[cfg(test)]
mod tests;
