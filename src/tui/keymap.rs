//! The keymap as data: which key does what where. The footer and the help screen are
//! generated from it, so they always show the bindings that work.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a key asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    ForceQuit,
    Help,
    TogglePreview,
    Review,
    Editor,
    NextField,
    PrevField,
    NextSection,
    PrevSection,
    Back,
    Confirm,
    Write,
    Copy,
    Gh,
    Print,
    ScrollUp,
    ScrollDown,
    Up,
    Down,
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Picker,
    Form,
    Review,
    Help,
}

/// One key binding.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub code: KeyCode,
    pub mods: KeyModifiers,
    /// How the key is written in the footer and help.
    pub key: &'static str,
    pub action: Action,
    pub contexts: &'static [Context],
    /// What it does, for people.
    pub what: &'static str,
    /// The focused field gets the key first (Tab in a table, Enter in a text area).
    pub soft: bool,
    pub footer: bool,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const ALL: &[Context] = &[
    Context::Picker,
    Context::Form,
    Context::Review,
    Context::Help,
];
const FORM: &[Context] = &[Context::Form];
const REVIEW: &[Context] = &[Context::Review];

const fn bind(
    code: KeyCode,
    mods: KeyModifiers,
    key: &'static str,
    action: Action,
    contexts: &'static [Context],
    what: &'static str,
) -> Binding {
    Binding {
        code,
        mods,
        key,
        action,
        contexts,
        what,
        soft: false,
        footer: true,
    }
}

const fn soft(b: Binding) -> Binding {
    Binding { soft: true, ..b }
}

const fn quiet(b: Binding) -> Binding {
    Binding { footer: false, ..b }
}

/// Every binding, in the order the help screen lists them.
pub const BINDINGS: &[Binding] = &[
    soft(bind(
        KeyCode::Tab,
        NONE,
        "Tab",
        Action::NextField,
        FORM,
        "next field",
    )),
    soft(bind(
        KeyCode::BackTab,
        KeyModifiers::SHIFT,
        "Shift-Tab",
        Action::PrevField,
        FORM,
        "previous field",
    )),
    quiet(soft(bind(
        KeyCode::Enter,
        NONE,
        "Enter",
        Action::NextField,
        FORM,
        "next field (one-line fields)",
    ))),
    bind(
        KeyCode::Char('n'),
        CTRL,
        "Ctrl-N",
        Action::NextSection,
        FORM,
        "next section",
    ),
    quiet(bind(
        KeyCode::PageDown,
        NONE,
        "PgDn",
        Action::NextSection,
        FORM,
        "next section",
    )),
    quiet(bind(
        KeyCode::Char('p'),
        CTRL,
        "Ctrl-P",
        Action::PrevSection,
        FORM,
        "previous section",
    )),
    quiet(bind(
        KeyCode::PageUp,
        NONE,
        "PgUp",
        Action::PrevSection,
        FORM,
        "previous section",
    )),
    bind(
        KeyCode::Char('s'),
        CTRL,
        "Ctrl-S",
        Action::Review,
        FORM,
        "review",
    ),
    quiet(bind(
        KeyCode::Char('e'),
        CTRL,
        "Ctrl-E",
        Action::Editor,
        FORM,
        "edit in $VISUAL/$EDITOR",
    )),
    bind(
        KeyCode::F(2),
        NONE,
        "F2",
        Action::TogglePreview,
        FORM,
        "preview",
    ),
    bind(
        KeyCode::Enter,
        NONE,
        "Enter",
        Action::Confirm,
        REVIEW,
        "export / go to problem",
    ),
    bind(
        KeyCode::Char('w'),
        NONE,
        "w",
        Action::Write,
        REVIEW,
        "write to a file",
    ),
    bind(KeyCode::Char('c'), NONE, "c", Action::Copy, REVIEW, "copy"),
    bind(
        KeyCode::Char('g'),
        NONE,
        "g",
        Action::Gh,
        REVIEW,
        "create with gh",
    ),
    bind(
        KeyCode::Char('p'),
        NONE,
        "p",
        Action::Print,
        REVIEW,
        "print and exit",
    ),
    quiet(bind(
        KeyCode::Up,
        NONE,
        "↑",
        Action::Up,
        REVIEW,
        "previous problem",
    )),
    quiet(bind(
        KeyCode::Down,
        NONE,
        "↓",
        Action::Down,
        REVIEW,
        "next problem",
    )),
    quiet(bind(
        KeyCode::PageUp,
        NONE,
        "PgUp",
        Action::ScrollUp,
        REVIEW,
        "scroll up",
    )),
    quiet(bind(
        KeyCode::PageDown,
        NONE,
        "PgDn",
        Action::ScrollDown,
        REVIEW,
        "scroll down",
    )),
    bind(KeyCode::F(1), NONE, "F1", Action::Help, ALL, "help"),
    bind(KeyCode::Esc, NONE, "Esc", Action::Back, ALL, "back / quit"),
    bind(
        KeyCode::Char('c'),
        CTRL,
        "Ctrl-C",
        Action::ForceQuit,
        ALL,
        "quit now (keeps a draft)",
    ),
];

/// Keys the field under the cursor understands, for the help screen.
pub const FIELD_KEYS: &[(&str, &str)] = &[
    (
        "text",
        "type; ←→ Home End move; Ctrl-U/Ctrl-K delete to start/end; Ctrl-W word",
    ),
    (
        "text area, code",
        "Enter new line; arrows move; Ctrl-E opens $VISUAL/$EDITOR",
    ),
    (
        "checkboxes",
        "↑↓ move; Space/Enter tick; a ticked Other: ___ takes typing",
    ),
    (
        "choice",
        "↑↓ or ←→ move; Space/Enter select; \"or describe\" line takes typing",
    ),
    (
        "table",
        "arrows or Tab move between cells; type to edit the cell",
    ),
    (
        "list",
        "type; Enter adds an item; Backspace on an empty item removes it",
    ),
    ("picker", "type to filter; ↑↓ move; Enter opens"),
    (
        "mouse",
        "click focuses a field or ticks a box; the wheel scrolls",
    ),
];

fn matches(b: &Binding, key: &KeyEvent) -> bool {
    let mods = key.modifiers - KeyModifiers::SHIFT;
    b.code == key.code && (b.mods - KeyModifiers::SHIFT) == mods
}

/// The binding for `key` in `ctx`.
pub fn lookup(ctx: Context, key: &KeyEvent) -> Option<&'static Binding> {
    BINDINGS
        .iter()
        .find(|b| b.contexts.contains(&ctx) && matches(b, key))
}

/// `(key, what)` pairs for the footer in `ctx`, one per action.
pub fn footer(ctx: Context) -> Vec<(&'static str, &'static str)> {
    let mut out: Vec<(&str, &str)> = Vec::new();
    for b in BINDINGS
        .iter()
        .filter(|b| b.footer && b.contexts.contains(&ctx))
    {
        if !out.iter().any(|(_, what)| *what == b.what) {
            out.push((b.key, b.what));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_respects_context_and_modifiers() {
        let ctrl_n = KeyEvent::new(KeyCode::Char('n'), CTRL);
        assert_eq!(
            lookup(Context::Form, &ctrl_n).map(|b| b.action),
            Some(Action::NextSection)
        );
        assert!(lookup(Context::Review, &ctrl_n).is_none());
        let n = KeyEvent::new(KeyCode::Char('n'), NONE);
        assert!(lookup(Context::Form, &n).is_none());
        let back_tab = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(
            lookup(Context::Form, &back_tab).map(|b| b.action),
            Some(Action::PrevField)
        );
    }

    #[test]
    fn footer_lists_each_action_once() {
        let keys: Vec<&str> = footer(Context::Form).iter().map(|(k, _)| *k).collect();
        assert_eq!(
            keys,
            [
                "Tab",
                "Shift-Tab",
                "Ctrl-N",
                "Ctrl-S",
                "F2",
                "F1",
                "Esc",
                "Ctrl-C"
            ]
        );
    }
}
