//! Dialogs drawn over any screen: their title, lines and keys (the draft, quitting,
//! writing to a file; a command's own in `command`), and the line of text some take.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::super::app::{App, Modal};
use super::command;
use super::fit_lines;

/// What quitting does to the answers: kept as a draft (where, once saved), left in the
/// answers file they came from when nothing changed, or lost (and why).
fn quit_note(app: &App, drafts: bool) -> String {
    let status = app.draft_status();
    let failed = status.blocked.as_ref().or(match &status.saved {
        Some(Err(failure)) => Some(failure),
        _ => None,
    });
    if let Some(from) = app.unchanged_since_start() {
        return format!(
            "Nothing changed since {}: no draft is saved.",
            crate::text::escape_line(from)
        );
    }
    match (failed, &status.saved) {
        _ if !drafts => "Drafts are off (--no-draft): your answers will be lost.".to_owned(),
        (Some(failure), _) => format!(
            "The last draft could not be saved: {}. Quitting may lose your answers.",
            crate::text::escape_line(&failure.reason)
        ),
        (None, Some(Ok(path))) => format!(
            "Your answers are kept as a draft in {}.",
            crate::text::path_line(path)
        ),
        (None, _) => "Your answers are kept as a draft for next time.".to_owned(),
    }
}

/// The keys of the open dialog, when it has some of its own.
pub(super) fn dialog_keys(app: &App) -> Option<&'static str> {
    let (_, _, keys) = dialog_text(app, app.modal()?);
    (!keys.is_empty()).then_some(keys)
}

/// Draws `modal` centred over `area`; where the cursor goes when it takes a line of text.
pub(super) fn dialog(frame: &mut Frame, app: &App, modal: &Modal, area: Rect) -> Option<Position> {
    let theme = app.config().theme;
    let (title, lines, keys) = dialog_text(app, modal);
    let width = area.width.clamp(20, 64);
    // Paths do not break at spaces: lines are cut to fit, so the height is right.
    let lines: Vec<String> = lines
        .iter()
        .flat_map(|l| fit_lines(l, width.saturating_sub(2)))
        .collect();
    let height = (lines.len() as u16 + 4).min(area.height);
    let rect = Rect::new(
        area.x + (area.width - width) / 2,
        area.y + area.height.saturating_sub(height) / 2,
        width,
        height,
    );
    frame.render_widget(Clear, rect);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(title);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let mut text: Vec<Line> = lines.iter().map(|l| Line::raw(l.as_str())).collect();
    text.push(Line::raw(""));
    text.push(Line::styled(keys, theme.key()));
    // Lines are cut to fit already; trimming would undo their indent.
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }), inner);
    // Dialogs that take a line of text: the input sits after its prompt.
    // The field's last command line, prefilled, shows selected: typing replaces it.
    let (line, indent, style) = match modal {
        Modal::Path { path, .. } => (path, 6, theme.input(true)),
        Modal::Command(prompt) if prompt.selected => (&prompt.line, 2, theme.selected()),
        Modal::Command(prompt) => (&prompt.line, 2, theme.input(true)),
        _ => return None,
    };
    let input = Rect::new(
        inner.x + indent,
        inner.y,
        inner.width.saturating_sub(indent),
        1,
    );
    line.render(
        input,
        frame.buffer_mut(),
        true,
        "",
        style,
        theme.placeholder(),
    )
}

/// A dialog's title, lines and keys.
fn dialog_text(app: &App, modal: &Modal) -> (&'static str, Vec<String>, &'static str) {
    if let Some(text) = command::dialog_text(app, modal) {
        return text;
    }
    let drafts = app.config().drafts;
    match modal {
        Modal::ResumeDraft(offer) if offer.misfits.is_empty() => (
            " Draft found ",
            vec!["You have unsent answers for this template.".to_owned()],
            "Enter resume · d discard",
        ),
        Modal::ResumeDraft(offer) => (
            " Draft found ",
            vec![
                "You have unsent answers for this template.".to_owned(),
                format!(
                    "Its answers for {} no longer fit the template; resuming keeps them in the draft.",
                    offer.misfits.join(", ")
                ),
            ],
            "Enter resume · x resume without them · d discard",
        ),
        Modal::ConfirmDiscard(_) => (
            " Discard the draft? ",
            vec!["Its answers are deleted for good.".to_owned()],
            "y discard · any other key: back",
        ),
        Modal::SaveFailed(failure) => (
            " Draft not saved ",
            vec![
                match &failure.path {
                    Some(path) => format!(
                        "The answers could not be saved to {}: {}",
                        path.display(),
                        failure.reason
                    ),
                    None => format!("The answers could not be saved: {}", failure.reason),
                },
                "Quitting now loses them.".to_owned(),
            ],
            "y quit anyway · n go back",
        ),
        Modal::DraftMoved { to, reason } => (
            if reason.starts_with(crate::draft::TOO_LARGE) {
                " Draft too large "
            } else {
                " Draft unreadable "
            },
            vec![
                format!("The draft could not be read: {reason}"),
                format!(
                    "It was moved to {} and will not be overwritten.",
                    to.display()
                ),
            ],
            "Enter continue",
        ),
        Modal::DraftStuck(failure) => (
            " Draft unreadable ",
            vec![failure.to_string()],
            "Enter continue",
        ),
        Modal::DraftInUse(failure) => {
            let mut lines = vec![crate::text::sentence(&failure.reason) + "."];
            if let Some(path) = &failure.path {
                lines.push(format!("(The draft: {}.)", path.display()));
            }
            lines.push(
                "Quitting here asks first; an export from here keeps the other window's draft."
                    .to_owned(),
            );
            (" Draft in use ", lines, "Enter continue")
        }
        Modal::ConfirmQuit => (" Quit? ", vec![quit_note(app, drafts)], "y quit · n stay"),
        Modal::Path { .. } => (
            " Write to file ",
            vec!["Path:".to_owned()],
            "Enter write · Esc cancel",
        ),
        Modal::Overwrite { path, .. } => (
            " File exists ",
            vec![format!("{} exists.", path.display())],
            "y replace it · any other key: choose another path",
        ),
        Modal::Command(_) | Modal::KeepOutput(_) | Modal::Metrics(_) | Modal::Detected { .. } => {
            (" ", Vec::new(), "")
        }
    }
}
