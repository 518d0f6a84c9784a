//! Drawing: one module per screen, plus the footer (`footer`), dialogs (`dialog`), the
//! too-small notice and the wrapping of text they share. Drawing takes `&App` and
//! changes nothing.

mod command;
mod dialog;
mod footer;
pub mod form;
mod help;
mod picker;
mod review;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use self::dialog::dialog;
use self::footer::{footer, footer_rows};
use super::app::{App, Screen};
pub(super) use super::field::wrap::{cut_at, with_ellipsis};

/// The smallest terminal the layout works in.
pub const MIN_SIZE: (u16, u16) = (60, 16);

/// The rows above the footer in a terminal `rows` high.
pub fn body_height(rows: u16) -> u16 {
    rows.saturating_sub(1)
}

/// How far the help can scroll in a body `height` rows high, as wide as the screen.
pub fn help_last_scroll(app: &App, height: u16) -> u16 {
    help::last_scroll(app, height, app.size().0)
}

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        too_small(frame, area);
        return;
    }
    // The last row is the footer, more for a notice too long for one (arithmetic: a
    // `Layout` solve costs more than a frame of a form should).
    let rows = footer_rows(app, area.width, area.height);
    let body = Rect {
        height: area.height - rows,
        ..area
    };
    let footer_area = Rect {
        y: area.bottom() - rows,
        height: rows,
        ..area
    };
    let cursor = match app.screen() {
        Screen::Help(_, view) => help::draw(frame, app, *view, body),
        Screen::Form(state) => form::draw(frame, app, state, body),
        Screen::Review(state) => review::draw(frame, app, state, body),
        Screen::Picker(state) => picker::draw(frame, app, state, body),
    };
    if let (Some(running), Screen::Form(_) | Screen::Review(_)) = (app.command(), app.screen()) {
        command::draw_panel(frame, app, running, body);
    }
    footer(frame, app, footer_area);
    match app.modal() {
        Some(modal) => {
            if let Some(pos) = dialog(frame, app, modal, body) {
                frame.set_cursor_position(pos);
            }
        }
        None => {
            if let Some(pos) = cursor {
                frame.set_cursor_position(pos);
            }
        }
    }
}

fn too_small(frame: &mut Frame, area: Rect) {
    let text = format!(
        "terminal too small: need {}×{}, have {}×{}",
        MIN_SIZE.0, MIN_SIZE.1, area.width, area.height
    );
    // From the middle row down, wrapped onto up to three rows (at 30 columns the sizes
    // went past a single row's end).
    let y = area.y + area.height / 2;
    let line = Rect::new(area.x, y, area.width, 3.min(area.bottom() - y));
    frame.render_widget(
        Paragraph::new(text).centered().wrap(Wrap { trim: true }),
        line,
    );
}

/// Wraps `text` to `width` columns at spaces, cutting words that are longer.
pub(super) fn fit_lines(text: &str, width: u16) -> Vec<String> {
    let width = usize::from(width.max(8));
    // A line's indent stays (a list's unselected entries line up with the selected one).
    let indent = &text[..text.len() - text.trim_start_matches(' ').len()];
    let indent = if indent.len() * 2 < width { indent } else { "" };
    let width = width - indent.len();
    let mut out = Vec::new();
    for line in wrap_lines(text, width as u16, usize::MAX) {
        let mut rest = line.as_str();
        while rest.width() > width {
            let cut = cut_at(rest, width);
            out.push(format!("{indent}{}", &rest[..cut]));
            rest = &rest[cut..];
        }
        out.push(format!("{indent}{rest}"));
    }
    out
}

/// Wraps `text` to `width` columns at spaces, at most `max` lines (the last one ends in
/// `…` when cut).
pub fn wrap_lines(text: &str, width: u16, max: usize) -> Vec<String> {
    let width = usize::from(width.max(8));
    let mut out: Vec<String> = Vec::new();
    for para in text.lines() {
        let mut line = String::new();
        for word in para.split_whitespace() {
            if !line.is_empty() && line.width() + 1 + word.width() > width {
                out.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        out.push(line);
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    if out.len() > max {
        out.truncate(max);
        if let Some(last) = out.last_mut() {
            last.push_str(" …");
        }
    }
    out
}
