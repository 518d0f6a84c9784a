//! Drawing for fields the machine fills: the panel of a running command (spinner,
//! elapsed time, its last lines) and the dialogs of Ctrl-R and Ctrl-D.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::super::app::{App, Modal, Running};
use crate::text::escape_line;

const SPINNER: [char; 10] = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/// `line` with each tab as the spaces to the next stop of 8 columns, as a terminal shows
/// a command's output (`escape_line` would show it as `\t`).
fn expand_tabs(line: &str) -> std::borrow::Cow<'_, str> {
    if !line.contains('\t') {
        return line.into();
    }
    let mut out = String::with_capacity(line.len() + 8);
    let mut column = 0;
    for c in line.chars() {
        if c == '\t' {
            let spaces = 8 - column % 8;
            out.extend(std::iter::repeat_n(' ', spaces));
            column += spaces;
        } else {
            out.push(c);
            column += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        }
    }
    out.into()
}

/// A dialog's title, lines and keys, for the dialogs of this module.
pub fn dialog_text(app: &App, modal: &Modal) -> Option<(&'static str, Vec<String>, &'static str)> {
    let label = |field: usize| {
        app.form()
            .map_or(String::new(), |f| f.form().fields[field].label.to_string())
    };
    Some(match modal {
        Modal::Command(prompt) => (
            " Run a command ",
            vec![
                "$".to_owned(),
                format!(
                    "Runs with your shell in the repository's root, without a terminal; \
                     its output fills {}.",
                    label(prompt.field)
                ),
            ],
            if prompt.selected {
                "Enter run · type to replace · ↑↓ recent commands · Esc cancel"
            } else {
                "Enter run · ↑↓ recent commands · Esc cancel"
            },
        ),
        Modal::KeepOutput(kept) => {
            let mut lines = Vec::new();
            if !kept.end.success() {
                lines.push(format!("The command failed ({}).", kept.end));
            }
            if kept.replaces {
                lines.push(format!(
                    "Its output replaces what {} holds.",
                    label(kept.field)
                ));
            }
            lines.push(String::new());
            // From the end: the output may be a mebibyte, and this runs on every draw.
            let mut last: Vec<&str> = kept.text.lines().rev().take(6).collect();
            last.reverse();
            lines.extend(
                last.iter()
                    .map(|l| escape_line(&expand_tabs(l)).into_owned()),
            );
            let keys = if kept.replaces && kept.benches.is_some() {
                "y keep it · a actual results only · n drop it"
            } else {
                "y keep it · n drop it"
            };
            (" Keep the output? ", lines, keys)
        }
        Modal::Metrics(offer) => {
            let benches = &offer.import.benches;
            let mut lines = vec![format!(
                "The output is {}. Fill the form's empty metric fields and table cells from it?",
                offer.import.format.name()
            )];
            if let Some(into) = &offer.into {
                lines.push(format!(
                    "{} gets the chosen benchmark's value (Esc: the output's first line).",
                    label(into.field)
                ));
            }
            if benches.len() > 1 {
                lines.push(String::new());
                let from = offer.cursor.saturating_sub(4);
                for (i, b) in benches.iter().enumerate().skip(from).take(8) {
                    let mark = if i == offer.cursor { "›" } else { " " };
                    lines.push(format!("{mark} {}", escape_line(&b.name)));
                }
            }
            let keys = if benches.len() > 1 {
                "b as baseline · a as actual · ↑↓ benchmark · Esc no"
            } else {
                "b as baseline · a as actual (after the change) · Esc no"
            };
            (" Benchmark results ", lines, keys)
        }
        Modal::Detected { field, text, .. } => {
            let mut lines: Vec<String> =
                text.lines().map(|l| escape_line(l).into_owned()).collect();
            lines.push(String::new());
            lines.push(format!(
                "Goes into {}. Nothing leaves this machine.",
                label(*field)
            ));
            (" Detected environment ", lines, "Enter insert · Esc cancel")
        }
        _ => return None,
    })
}

/// Where the running command's panel goes in the body `area`.
pub fn panel_area(running: &Running, area: Rect) -> Rect {
    let height = (running.lines.len() as u16 + 3).min(area.height);
    Rect::new(area.x, area.y + area.height - height, area.width, height)
}

/// The running command over the bottom of the body: what runs, for how long, and its
/// last lines.
pub fn draw_panel(frame: &mut Frame, app: &App, running: &Running, area: Rect) {
    let theme = app.config().theme;
    let rect = panel_area(running, area);
    let elapsed = app.clock().saturating_duration_since(running.started);
    let tick = (elapsed.as_millis() / 100) as usize % SPINNER.len();
    let title = if running.stopping {
        " Stopping… "
    } else {
        " Running · Esc stops it "
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(title);
    let mut lines = vec![Line::styled(
        format!(
            "{} {:.1}s  $ {}",
            SPINNER[tick],
            elapsed.as_secs_f64(),
            escape_line(&running.line)
        ),
        theme.key(),
    )];
    lines.extend(
        running
            .lines
            .iter()
            // Tool output lines up columns with tabs (`go test -bench`).
            .map(|l| Line::raw(escape_line(&l.replace('\t', "    ")).into_owned())),
    );
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}

#[cfg(test)]
mod tests {
    use super::expand_tabs;

    #[test]
    fn tabs_become_spaces_to_the_next_stop() {
        assert_eq!(expand_tabs("name\t12 ns\tok"), "name    12 ns   ok");
        assert_eq!(expand_tabs("\tx"), "        x");
        assert_eq!(expand_tabs("plain"), "plain");
    }
}
