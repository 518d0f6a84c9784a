//! The sidebar: the sections with their marks, indented by level, the current one
//! kept in the middle.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Borders};

use super::super::super::app::{FormState, Mark};
use super::super::super::theme::Theme;
use super::super::with_ellipsis;
use super::unmarked;

/// Section `s`'s name in the sidebar, worded as the pane's title row: without the
/// `(required)` that made its only field required (the pane puts `*` there, the sidebar
/// its `!` or `✓`), so the word is not said beside a mark. A section without a heading
/// (a template's opening text) is named by its field when it has one, as the pane names
/// it (the blank issue's `Description`; the sidebar said `(intro)`), else `(intro)`.
fn sidebar_title(form: &crate::form::Form, s: usize) -> std::borrow::Cow<'_, str> {
    let section = &form.sections[s];
    match section.fields.first() {
        Some(f) if section.title.is_empty() => {
            let field = &form.fields[f];
            unmarked(&field.label, field.required)
        }
        None if section.title.is_empty() => "(intro)".into(),
        Some(f) if form.names_section(f) => unmarked(&section.title, form.fields[f].required),
        _ => (*section.title).into(),
    }
}

pub(super) fn sidebar(frame: &mut Frame, state: &FormState, area: Rect, theme: Theme) {
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
        let title = sidebar_title(state.form(), s);
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
