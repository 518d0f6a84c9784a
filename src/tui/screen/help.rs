//! F1: every key binding, from the keymap.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::app::{App, HelpView, Screen};
use super::super::keymap::{Binding, Context, FIELD_KEYS};

/// Draws the help scrolled to `view`. When it does not fit, the last row says where
/// it is and how to scroll.
pub fn draw(frame: &mut Frame, app: &App, view: HelpView, area: Rect) -> Option<Position> {
    let lines = lines(app);
    let total = lines.len();
    if total <= usize::from(area.height) {
        frame.render_widget(Paragraph::new(lines), area);
        return None;
    }
    let rows = area.height.saturating_sub(1);
    let top = view.scroll.min(last_scroll(app, area.height));
    let shown: Vec<Line> = lines
        .into_iter()
        .skip(usize::from(top))
        .take(usize::from(rows))
        .collect();
    frame.render_widget(
        Paragraph::new(shown),
        Rect {
            height: rows,
            ..area
        },
    );
    let end = (usize::from(top) + usize::from(rows)).min(total);
    let status = format!(
        " lines {}-{end} of {total} · ↑↓ PgUp PgDn scroll",
        usize::from(top) + 1
    );
    frame.render_widget(
        Line::styled(status, app.config().theme.help()),
        Rect {
            y: area.y + rows,
            height: 1,
            ..area
        },
    );
    None
}

/// The first line shown when the help is scrolled to its end in a body `height` rows
/// high (one row goes to the status line); 0 when it fits.
pub fn last_scroll(app: &App, height: u16) -> u16 {
    let total = lines(app).len();
    if total <= usize::from(height) {
        return 0;
    }
    u16::try_from(total - usize::from(height.saturating_sub(1))).unwrap_or(u16::MAX)
}

fn lines(app: &App) -> Vec<Line<'static>> {
    let theme = app.config().theme;
    let mut lines = vec![Line::styled(" Keys", theme.title()), Line::raw("")];
    // From the picker, its keys; from a form, the form's and the review's.
    let groups: &[(Context, &str)] = match app.screen() {
        Screen::Help(back, _) if matches!(**back, Screen::Picker(_)) => {
            &[(Context::Picker, "Picker"), (Context::Help, "Everywhere")]
        }
        _ => &[
            (Context::Form, "Form"),
            (Context::Review, "Review"),
            (Context::Help, "Everywhere"),
        ],
    };
    for &(ctx, name) in groups {
        lines.push(Line::styled(format!(" {name}"), theme.label(false)));
        let here: Vec<_> = app
            .config()
            .keys
            .bindings()
            .iter()
            .filter(|b| {
                b.contexts.contains(&ctx)
                    && if ctx == Context::Help {
                        // Everywhere: not the keys of this screen only.
                        b.contexts != [Context::Help]
                    } else {
                        !b.contexts.contains(&Context::Help)
                    }
            })
            .collect();
        // Keys that do the same thing share a line (`Ctrl-N/PgDn`).
        let same = |a: &Binding, b: &Binding| a.action == b.action && a.what == b.what;
        for (i, b) in here.iter().enumerate() {
            if here[..i].iter().any(|a| same(a, b)) {
                continue;
            }
            let keys: Vec<String> = here[i..]
                .iter()
                .filter(|a| same(a, b))
                .map(|a| a.label())
                .collect();
            lines.push(Line::from(vec![
                Span::styled(format!("   {:<12}", keys.join("/")), theme.key()),
                Span::raw(b.what),
            ]));
        }
        lines.push(Line::raw(""));
    }
    lines.push(Line::styled(" This screen", theme.label(false)));
    for b in app.config().keys.bindings() {
        if b.contexts == [Context::Help] {
            lines.push(Line::from(vec![
                Span::styled(format!("   {:<12}", b.label()), theme.key()),
                Span::raw(b.what),
            ]));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(" In fields", theme.label(false)));
    for (kind, keys) in FIELD_KEYS {
        lines.push(Line::from(vec![
            Span::styled(format!("   {kind:<16}"), theme.key()),
            Span::raw(*keys),
        ]));
    }
    lines
}
