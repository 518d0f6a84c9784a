//! Key presses for the tests that drive `App::update` directly (no terminal).

// Each test crate uses a part of this: the rest is unused there, not dead.
#![allow(dead_code)]

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use issue_composer::tui::app::{App, Effect, Msg};

/// `code` pressed without modifiers.
pub fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new_with_kind(
        code,
        KeyModifiers::NONE,
        KeyEventKind::Press,
    ))
}

/// Ctrl and `c`.
pub fn ctrl(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

/// Each message in turn; the effects they asked for, in order.
pub fn press(app: &mut App, msgs: impl IntoIterator<Item = Msg>) -> Vec<Effect> {
    msgs.into_iter().flat_map(|m| app.update(m)).collect()
}

/// `text` typed a character at a time.
pub fn typ(app: &mut App, text: &str) -> Vec<Effect> {
    press(app, text.chars().map(|c| key(KeyCode::Char(c))))
}
