//! The form screen: title, labels and assignees; a sidebar of sections with marks; the
//! focused section's fields; an optional live preview. Layout is computed by pure
//! functions that drawing and mouse handling share.
//!
//! Here: drawing the screen and its header rows (shared with the review); `areas` is
//! where things are, `items` the pane's layout and scroll, `pane` its drawing, `sidebar`
//! the sections.

mod areas;
mod items;
mod pane;
mod sidebar;

pub use areas::{Areas, areas, form_areas};
pub use items::{Item, ItemKind, pane_items, pane_offset};
pub use sidebar::{sidebar_first, sidebar_inner};

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Padding, Paragraph, Wrap};

use self::pane::pane;
use self::sidebar::sidebar;
use super::super::app::{App, Focus, FormState, HEADER_LABELS};
use super::super::field::line::LineEdit;
use super::super::field::rows;
use super::super::theme::Theme;

pub fn draw(frame: &mut Frame, app: &App, state: &FormState, area: Rect) -> Option<Position> {
    let theme = app.config().theme;
    let a = form_areas(state, area);
    let buf = frame.buffer_mut();
    let form = state.form();
    let counter = filled_counter(state.model().filled_count(), form.fields.len());
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
        // One column between the border and the text, as the pane keeps between the
        // sidebar's border and its own (the markdown touched the border).
        let block = Block::new()
            .borders(Borders::LEFT)
            .border_style(theme.border(false))
            .padding(Padding::left(1))
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

/// The header's count: `0 of 1 field filled`, `1 of 2 fields filled` (the noun agrees
/// with the number of fields).
fn filled_counter(filled: usize, fields: usize) -> String {
    let noun = crate::text::plural(fields, "field", "fields");
    format!("{filled} of {fields} {noun} filled")
}

/// What an empty labels or assignees field shows.
pub(super) const PEOPLE_HINT: &str = "comma-separated";

pub(super) use crate::form::unmarked;

#[cfg(test)]
mod tests;
