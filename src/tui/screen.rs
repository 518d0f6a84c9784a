//! Drawing: one module per screen, plus the footer, dialogs and the too-small notice.
//! Drawing takes `&App` and changes nothing.

mod command;
pub mod form;
mod help;
mod picker;
mod review;

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::app::{App, Modal, Notice, Screen};
pub(super) use super::field::wrap::{cut_at, with_ellipsis};
use super::keymap;

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

/// The footer's height: the rows a notice wraps onto (at most a third of the screen),
/// plus one for the keys of an open dialog under it; else one.
fn footer_rows(app: &App, width: u16, height: u16) -> u16 {
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

/// The keys of the open dialog, when it has some of its own.
fn dialog_keys(app: &App) -> Option<&'static str> {
    let (_, _, keys) = dialog_text(app, app.modal()?);
    (!keys.is_empty()).then_some(keys)
}

/// The keys that work now, generated from the keymap (or a notice, and the keys of a
/// dialog under it).
fn footer(frame: &mut Frame, app: &App, area: Rect) {
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
            if let super::app::Focus::Field(f) = state.focus() {
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
            super::app::Focus::Field(f) => Some(state.widget(f)),
            super::app::Focus::Header(_) => None,
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

fn dialog(frame: &mut Frame, app: &App, modal: &Modal, area: Rect) -> Option<Position> {
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

/// Wraps `text` to `width` columns at spaces, cutting words that are longer.
fn fit_lines(text: &str, width: u16) -> Vec<String> {
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
