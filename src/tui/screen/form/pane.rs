//! Drawing the pane: its items in view at the scroll offset, labels with their marks, an
//! item cut by the pane's top drawn from its first row in view.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::super::app::{Focus, FormState};
use super::super::super::theme::Theme;
use super::super::with_ellipsis;
use super::items::{
    CRUMB, Item, ItemKind, crumbs, input_rect, pane_items, pane_offset, shown_label,
};
use super::unmarked;

pub(super) fn pane(
    frame: &mut Frame,
    state: &FormState,
    area: Rect,
    theme: Theme,
) -> Option<Position> {
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
