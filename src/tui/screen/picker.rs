//! The template picker.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::super::app::{App, PickerState};

pub fn draw(frame: &mut Frame, app: &App, picker: &PickerState, area: Rect) -> Option<Position> {
    let theme = app.config().theme;
    let buf = frame.buffer_mut();
    buf.set_stringn(
        area.x,
        area.y,
        " issue-composer · choose a template",
        usize::from(area.width),
        theme.title(),
    );
    let label = " Filter: ";
    buf.set_stringn(area.x, area.y + 2, label, label.len(), theme.label(true));
    let input = Rect::new(
        area.x + label.len() as u16,
        area.y + 2,
        area.width.saturating_sub(label.len() as u16 + 1),
        1,
    );
    let cursor = picker.filter.render(
        input,
        buf,
        app.modal().is_none(),
        "type to filter",
        theme.input(true),
        theme.placeholder(),
    );
    let visible = picker.visible();
    let list_top = area.y + 4;
    let rows = usize::from(area.bottom().saturating_sub(list_top) / 2);
    let first = picker.cursor.saturating_sub(rows.saturating_sub(1));
    if visible.is_empty() {
        let text = if picker.entries.is_empty() {
            "no templates found"
        } else {
            "nothing matches the filter"
        };
        frame.render_widget(
            Line::styled(format!("   {text}"), theme.help()),
            Rect::new(area.x, list_top, area.width, 1),
        );
    }
    for (row, (i, entry)) in visible
        .iter()
        .enumerate()
        .skip(first)
        .take(rows)
        .enumerate()
    {
        let y = list_top + (row * 2) as u16;
        let selected = i == picker.cursor;
        let marker = if selected { " ▸ " } else { "   " };
        let name_style = if selected {
            theme.selected()
        } else {
            theme.label(false)
        };
        let line = Line::from(vec![
            Span::raw(marker),
            Span::styled(entry.name.clone(), name_style),
            Span::styled(format!("  {}", entry.origin), theme.help()),
        ]);
        frame.render_widget(line, Rect::new(area.x, y, area.width, 1));
        let about = Line::styled(format!("     {}", entry.about), Style::new());
        frame.render_widget(about, Rect::new(area.x, y + 1, area.width, 1));
    }
    cursor
}
