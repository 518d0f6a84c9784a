//! F1: every key binding, from the keymap.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::app::{App, Screen};
use super::super::keymap::{Binding, Context, FIELD_KEYS};

pub fn draw(frame: &mut Frame, app: &App, area: Rect) -> Option<Position> {
    let theme = app.config().theme;
    let mut lines = vec![Line::styled(" Keys", theme.title()), Line::raw("")];
    // From the picker, its keys; from a form, the form's and the review's.
    let groups: &[(Context, &str)] = match app.screen() {
        Screen::Help(back) if matches!(**back, Screen::Picker(_)) => {
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
                    && (ctx == Context::Help || !b.contexts.contains(&Context::Help))
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
    lines.push(Line::styled(" In fields", theme.label(false)));
    for (kind, keys) in FIELD_KEYS {
        lines.push(Line::from(vec![
            Span::styled(format!("   {kind:<16}"), theme.key()),
            Span::raw(*keys),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), area);
    None
}
