//! F1: every key binding, from the keymap.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::super::app::{App, HelpView, Screen};
use super::super::keymap::{Action, Binding, Context, FIELD_KEYS};

/// Draws the help scrolled to `view`. When it does not fit, the last row says where
/// it is and how to scroll.
pub fn draw(frame: &mut Frame, app: &App, view: HelpView, area: Rect) -> Option<Position> {
    let lines = lines(app, area.width);
    let total = lines.len();
    if total <= usize::from(area.height) {
        frame.render_widget(Paragraph::new(lines), area);
        return None;
    }
    let rows = area.height.saturating_sub(1);
    let top = view.scroll.min(last_scroll(app, area.height, area.width));
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
/// high and `width` columns wide (one row goes to the status line); 0 when it fits.
pub fn last_scroll(app: &App, height: u16, width: u16) -> u16 {
    let total = lines(app, width).len();
    if total <= usize::from(height) {
        return 0;
    }
    u16::try_from(total - usize::from(height.saturating_sub(1))).unwrap_or(u16::MAX)
}

/// One key and what it does, the key padded to `column` cells (display width, so `↑`
/// is one); a key list wider than the column goes on under itself (broken after a `/`,
/// else where it must), and so does what does not fit in `width`: no letter is lost.
fn row(
    key: &str,
    column: usize,
    style: ratatui::style::Style,
    what: &'static str,
    width: u16,
) -> Vec<Line<'static>> {
    use unicode_width::UnicodeWidthStr as _;
    let keys = wrap_keys(key, column);
    let indent = KEY_INDENT.len() + column + 1;
    let room = usize::from(width).saturating_sub(indent).max(1);
    let room = u16::try_from(room).unwrap_or(u16::MAX);
    let parts = super::wrap_lines(what, room, usize::MAX);
    let rows = keys.len().max(parts.len()).max(1);
    (0..rows)
        .map(|i| {
            let key = keys.get(i).map_or("", String::as_str);
            let pad = column.saturating_sub(key.width());
            let key = format!("{KEY_INDENT}{key}{}", " ".repeat(pad + 1));
            let part = parts.get(i).cloned().unwrap_or_default();
            Line::from(vec![Span::styled(key, style), Span::raw(part)])
        })
        .collect()
}

/// `keys` (`A/B/C`) on lines at most `column` cells wide: broken after a `/`, and
/// inside a key only when that key alone is wider (after a `-` where it can).
fn wrap_keys(keys: &str, column: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthChar as _;
    use unicode_width::UnicodeWidthStr as _;
    let column = column.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for key in keys.split_inclusive('/') {
        if !line.is_empty() && line.width() + key.width() > column {
            lines.push(std::mem::take(&mut line));
        }
        // A key wider than the column alone: broken after a `-` (`Ctrl-Alt-Shift-`),
        // and where a part is still too wide, at the column.
        let parts: Vec<&str> = if key.width() > column {
            key.split_inclusive('-').collect()
        } else {
            vec![key]
        };
        for part in parts {
            if !line.is_empty() && line.width() + part.width() > column {
                lines.push(std::mem::take(&mut line));
            }
            for c in part.chars() {
                if !line.is_empty() && line.width() + c.width().unwrap_or(0) > column {
                    lines.push(std::mem::take(&mut line));
                }
                line.push(c);
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Before each key.
const KEY_INDENT: &str = "   ";

/// The key column is never narrower than this (`Shift-Tab` and its like stay whole).
const MIN_KEY_COLUMN: usize = 10;

/// A line of the help before it is laid out: keys need the widest key's width first.
enum Entry {
    Heading(String),
    Blank,
    Key(String, &'static str),
}

fn lines(app: &App, width: u16) -> Vec<Line<'static>> {
    use unicode_width::UnicodeWidthStr as _;
    let theme = app.config().theme;
    let entries = entries(app);
    // One column for every key, as wide as the widest, so each has a space after it;
    // at most a third of the width (with its indent and space), so descriptions keep
    // room: a longer key list (a config.toml override) goes on under itself.
    let widest = entries
        .iter()
        .map(|e| match e {
            Entry::Key(key, _) => key.width(),
            _ => 0,
        })
        .max()
        .unwrap_or(0);
    let third = (usize::from(width) / 3).saturating_sub(KEY_INDENT.len() + 1);
    let column = widest.min(third.max(MIN_KEY_COLUMN));
    let mut lines = vec![Line::styled(" Keys", theme.title()), Line::raw("")];
    for entry in entries {
        match entry {
            Entry::Heading(name) => {
                lines.push(Line::styled(format!(" {name}"), theme.label(false)));
            }
            Entry::Blank => lines.push(Line::raw("")),
            Entry::Key(key, what) => lines.extend(row(&key, column, theme.key(), what, width)),
        }
    }
    lines
}

fn entries(app: &App) -> Vec<Entry> {
    let mut entries = Vec::new();
    let gitlab = match app.screen() {
        Screen::Help(back, _) => match &**back {
            Screen::Form(form) => Some(form.model().source().forge()),
            Screen::Review(review) => Some(review.form.model().source().forge()),
            _ => None,
        },
        _ => None,
    } == Some(crate::export::Forge::Gitlab);
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
        entries.push(Entry::Heading(name.to_owned()));
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
            // `g` sends with the template's forge's tool, as the review's footer says.
            let what = if b.action == Action::Gh && gitlab {
                "leave and create the issue with glab"
            } else {
                b.what
            };
            entries.push(Entry::Key(keys.join("/"), what));
        }
        entries.push(Entry::Blank);
    }
    entries.push(Entry::Heading("This screen".to_owned()));
    for b in app.config().keys.bindings() {
        if b.contexts == [Context::Help] {
            entries.push(Entry::Key(b.label(), b.what));
        }
    }
    entries.push(Entry::Blank);
    entries.push(Entry::Heading("In fields".to_owned()));
    for (kind, keys) in FIELD_KEYS {
        entries.push(Entry::Key((*kind).to_owned(), keys));
    }
    entries
}
