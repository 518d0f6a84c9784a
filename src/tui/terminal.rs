//! The terminal's lifecycle in one place: raw mode, alternate screen, bracketed paste and
//! mouse capture go on together and come off together on every exit path, panics
//! included; suspending for an external editor restores and re-enters.

use std::io::{Stdout, Write as _, stdout};

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

pub type Tty = Terminal<CrosstermBackend<Stdout>>;

/// Turns on every mode the UI uses.
pub fn enter_modes() -> std::io::Result<()> {
    enable_raw_mode()?;
    execute!(
        stdout(),
        EnterAlternateScreen,
        EnableBracketedPaste,
        EnableMouseCapture,
        cursor::Hide
    )
}

/// Turns every mode off again. Safe to call more than once.
pub fn restore() {
    let _ = execute!(
        stdout(),
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = disable_raw_mode();
    let _ = stdout().flush();
}

/// Starts the UI on the real terminal; a panic restores the terminal before its message
/// prints.
pub fn start() -> std::io::Result<Tty> {
    let original = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        original(info);
    }));
    enter_modes()?;
    // The alternate screen may hold what an earlier run left (killed with -9): the first
    // frame draws only what differs from a blank screen.
    execute!(
        stdout(),
        crossterm::terminal::Clear(crossterm::terminal::ClearType::All)
    )?;
    Terminal::new(CrosstermBackend::new(stdout()))
}

/// Runs `f` with the terminal back to normal (for `$EDITOR`), then resumes the UI.
pub fn suspended<B: ratatui::backend::Backend, T>(
    terminal: &mut Terminal<B>,
    f: impl FnOnce() -> T,
) -> T {
    restore();
    let out = f();
    let _ = enter_modes();
    // Redraw everything. (`Terminal::clear` would ask the terminal where its cursor
    // is; resizing to the same size clears without asking.)
    if let Ok(size) = terminal.size() {
        let _ = terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height));
    }
    out
}
