//! The footer: the keys that work now, generated from the keymap and the focused field
//! (as many as fit), or a notice wrapped onto the rows it needs, with the keys of an open
//! dialog under it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::super::app::{App, Focus, Notice, Screen};
use super::super::keymap;
use super::cut_at;
use super::dialog::dialog_keys;
use super::fit_lines;

/// The footer's height: the rows a notice wraps onto (at most a third of the screen),
/// plus one for the keys of an open dialog under it; else one.
pub(super) fn footer_rows(app: &App, width: u16, height: u16) -> u16 {
    let Some(notice) = app.notice() else {
        return 1;
    };
    let text = format!(" {}", crate::text::escape_line(&notice.text));
    let most = (height / 3).max(1);
    let rows = notice_rows(&text, width).min(usize::from(most));
    let keys = u16::from(dialog_keys(app).is_some());
    u16::try_from(rows).unwrap_or(most) + keys
}

/// The rows `text` takes wrapped at `width` columns, as [`footer`] wraps it.
fn notice_rows(text: &str, width: u16) -> usize {
    fit_lines(text, width).len()
}

/// The keys that work now, generated from the keymap (or a notice, and the keys of a
/// dialog under it).
pub(super) fn footer(frame: &mut Frame, app: &App, area: Rect) {
    let theme = app.config().theme;
    let keys = dialog_keys(app);
    if let Some(keys) = keys.filter(|_| area.height > 1) {
        let last = Rect {
            y: area.y + area.height - 1,
            height: 1,
            ..area
        };
        frame.render_widget(Line::styled(format!(" {keys}"), theme.help()), last);
    }
    let area = match keys {
        Some(_) if area.height > 1 => Rect {
            height: area.height - 1,
            ..area
        },
        _ => area,
    };
    if let Some(Notice {
        text,
        problem: error,
    }) = app.notice()
    {
        let style = if *error { theme.error() } else { theme.done() };
        // Notices quote paths and tool output: outside text.
        let text = crate::text::escape_line(text);
        // Wrapped at spaces; a word longer than a row (a long path) is cut.
        let lines = fit_lines(&format!(" {text}"), area.width);
        let rows = usize::from(area.height);
        for (row, line) in lines.iter().take(rows).enumerate() {
            // More than fits: the last row ends in `…`.
            let line = if row + 1 == rows && lines.len() > rows {
                let columns = usize::from(area.width).saturating_sub(1);
                format!("{}…", &line[..cut_at(line, columns)])
            } else {
                line.clone()
            };
            let at = Rect {
                y: area.y + u16::try_from(row).unwrap_or(u16::MAX),
                height: 1,
                ..area
            };
            frame.render_widget(Line::styled(line, style), at);
        }
        return;
    }
    // A dialog takes the keys: the screen's behind it do nothing now.
    if let Some(keys) = keys {
        frame.render_widget(Line::styled(format!(" {keys}"), theme.help()), area);
        return;
    }
    let ctx = app.screen().context();
    // Enter in the review does something only with problems or command-line exports.
    let idle_enter = matches!(app.screen(), Screen::Review(r) if !app.cli_exports() && r.problems(&app.config().plan).is_empty());
    let running = app.command().is_some() && matches!(app.screen(), Screen::Form(_));
    let skip: &[keymap::Action] = match (idle_enter, running) {
        (true, _) => &[keymap::Action::Confirm],
        (false, true) => &[keymap::Action::Back],
        (false, false) => &[],
    };
    let mut hints: Vec<(String, &str)> = Vec::new();
    if running {
        hints.push(("Esc".to_owned(), "stop the command"));
    }
    match app.screen() {
        Screen::Form(state) => {
            if let Focus::Field(f) = state.focus() {
                let widget = state.widget(f).hints();
                hints.extend(widget.iter().map(|(k, what)| ((*k).to_owned(), *what)));
            }
            // Keys that work on this field only (Ctrl-R, Ctrl-D), from the keymap.
            for action in [keymap::Action::RunCommand, keymap::Action::Detect] {
                if let Some(b) = keymap::binding_for(ctx, action).filter(|_| app.offers(action)) {
                    hints.push((b.label(), b.short));
                }
            }
        }
        Screen::Picker(_) => hints.push(("type".to_owned(), "filter")),
        Screen::Review(_) | Screen::Help(..) => {}
    }
    // A key the focused field takes (Tab in a code block) is not offered as navigation.
    let widget = match app.screen() {
        Screen::Form(state) => match state.focus() {
            Focus::Field(f) => Some(state.widget(f)),
            Focus::Header(_) => None,
        },
        _ => None,
    };
    let taken = |b: &keymap::Binding| {
        widget
            .as_ref()
            .is_some_and(|w| w.claims(&crossterm::event::KeyEvent::new(b.code, b.mods)))
    };
    hints.extend(app.config().keys.footer_where(ctx, skip, &taken));
    name_the_tool(app, &mut hints);
    let hints = fit_hints(hints, usize::from(area.width));
    let mut spans = vec![Span::raw(" ")];
    for (i, (key, what)) in hints.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", theme.help()));
        }
        spans.push(Span::styled(key.as_str(), theme.key()));
        spans.push(Span::raw(format!(" {what}")));
    }
    frame.render_widget(Line::from(spans), area);
}

/// `g` in the review sends with the template's forge's tool: glab for a GitLab template.
fn name_the_tool(app: &App, hints: &mut [(String, &str)]) {
    if let Screen::Review(r) = app.screen()
        && r.form.model().source().forge() == crate::export::Forge::Gitlab
    {
        for hint in hints {
            if hint.1 == "gh" {
                hint.1 = "glab";
            }
        }
    }
}

/// The hints that fit in `columns`, whole: when all do not, the ones a person cannot do
/// without (help, the review that finishes the issue, and Esc: back, or stop the
/// command) stay, and the others fill what is left in their order.
fn fit_hints(hints: Vec<(String, &str)>, columns: usize) -> Vec<(String, &str)> {
    // " key what" each, " · " between.
    let width = |(key, what): &(String, &str)| key.width() + 1 + what.width();
    let total = |hints: &[&(String, &str)]| {
        1 + hints.iter().map(|h| width(h)).sum::<usize>() + 3 * hints.len().saturating_sub(1)
    };
    if total(&hints.iter().collect::<Vec<_>>()) <= columns {
        return hints;
    }
    let essential =
        |(key, what): &(String, &str)| key == "Esc" || *what == "help" || *what == "review";
    let mut keep: Vec<bool> = hints.iter().map(essential).collect();
    for i in 0..hints.len() {
        if keep[i] {
            continue;
        }
        keep[i] = true;
        let shown: Vec<&(String, &str)> = hints
            .iter()
            .zip(&keep)
            .filter_map(|(h, k)| k.then_some(h))
            .collect();
        if total(&shown) > columns {
            keep[i] = false;
        }
    }
    hints
        .into_iter()
        .zip(keep)
        .filter_map(|(h, k)| k.then_some(h))
        .collect()
}
