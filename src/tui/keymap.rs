//! The keymap as data: which key does what where. Dispatch (`App::update`), the footer
//! and the help screen all read this one table, and key names are generated from the
//! keys themselves, so what is shown is always what works.

mod overrides;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub use self::overrides::{Keymap, parse_key};

/// What a key asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    ForceQuit,
    Help,
    TogglePreview,
    Review,
    Editor,
    /// Run a command line; its output fills the focused field.
    RunCommand,
    /// Detect the environment for the focused field.
    Detect,
    NextField,
    PrevField,
    NextSection,
    PrevSection,
    Back,
    Confirm,
    /// Open the selected template.
    Open,
    Write,
    Copy,
    Gh,
    Print,
    /// Leave and open the prefilled new-issue page.
    Web,
    ScrollUp,
    ScrollDown,
    Up,
    Down,
    /// The first entry of a list.
    First,
    /// The last entry of a list.
    Last,
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Picker,
    Form,
    Review,
    Help,
    /// Before anything else, dialogs and "too small" included.
    Anywhere,
}

/// One key binding.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub code: KeyCode,
    pub mods: KeyModifiers,
    pub action: Action,
    pub contexts: &'static [Context],
    /// What it does, for people (the help screen).
    pub what: &'static str,
    /// The same, in a word or two (the footer).
    pub short: &'static str,
    /// The focused field gets the key first (Tab in a table, Enter in a text area).
    pub soft: bool,
    pub footer: bool,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;
const ALL: &[Context] = &[
    Context::Picker,
    Context::Form,
    Context::Review,
    Context::Help,
];
const ANYWHERE: &[Context] = &[
    Context::Picker,
    Context::Form,
    Context::Review,
    Context::Help,
    Context::Anywhere,
];
const FORM: &[Context] = &[Context::Form];
const PICKER: &[Context] = &[Context::Picker];
const REVIEW: &[Context] = &[Context::Review];
const HELP: &[Context] = &[Context::Help];

const fn bind(
    code: KeyCode,
    mods: KeyModifiers,
    action: Action,
    contexts: &'static [Context],
    (what, short): (&'static str, &'static str),
) -> Binding {
    Binding {
        code,
        mods,
        action,
        contexts,
        what,
        short,
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

/// Every binding. The footer shows them in this order (most useful first, as narrow
/// terminals cut the end); the help screen groups them by where they work.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    bind(KeyCode::Enter, NONE, Action::Open, PICKER, ("open the selected template", "open")),
    quiet(bind(KeyCode::Up, NONE, Action::Up, PICKER, ("previous template", "previous"))),
    quiet(bind(KeyCode::Down, NONE, Action::Down, PICKER, ("next template", "next"))),
    quiet(bind(KeyCode::PageUp, NONE, Action::ScrollUp, PICKER, ("a page of templates up", "page up"))),
    quiet(bind(KeyCode::Home, NONE, Action::First, PICKER, ("first template", "first"))),
    quiet(bind(KeyCode::End, NONE, Action::Last, PICKER, ("last template", "last"))),
    soft(bind(KeyCode::Tab, NONE, Action::NextField, FORM, ("next field", "next"))),
    // In the footer where the field takes Tab (a code block types a tab).
    bind(KeyCode::Down, CTRL, Action::NextField, FORM, ("next field", "next")),
    bind(KeyCode::Char('s'), CTRL, Action::Review, FORM, ("review the finished issue", "review")),
    bind(KeyCode::F(1), NONE, Action::Help, ALL, ("help: every key", "help")),
    bind(KeyCode::PageDown, NONE, Action::ScrollDown, PICKER, ("a page of templates down", "page")),
    bind(KeyCode::Char('n'), CTRL, Action::NextSection, FORM, ("next section", "section")),
    soft(bind(KeyCode::BackTab, SHIFT, Action::PrevField, FORM, ("previous field", "back"))),
    bind(KeyCode::Up, CTRL, Action::PrevField, FORM, ("previous field", "back")),
    quiet(soft(bind(KeyCode::Enter, NONE, Action::NextField, FORM, ("next field (one-line fields)", "next")))),
    quiet(soft(bind(KeyCode::PageDown, NONE, Action::NextSection, FORM, ("next section", "section")))),
    quiet(bind(KeyCode::Char('p'), CTRL, Action::PrevSection, FORM, ("previous section", "previous section"))),
    quiet(soft(bind(KeyCode::PageUp, NONE, Action::PrevSection, FORM, ("previous section", "previous section")))),
    quiet(bind(KeyCode::Char('e'), CTRL, Action::Editor, FORM, ("edit the text in $VISUAL/$EDITOR", "editor"))),
    quiet(bind(KeyCode::Char('r'), CTRL, Action::RunCommand, FORM, ("run a command; its output fills the text field", "run"))),
    quiet(bind(KeyCode::Char('d'), CTRL, Action::Detect, FORM, ("detect OS, CPU, memory, toolchains (Environment, OS... fields)", "detect"))),
    bind(KeyCode::F(2), NONE, Action::TogglePreview, FORM, ("live preview on/off", "preview")),
    bind(KeyCode::Enter, NONE, Action::Confirm, REVIEW, ("go to the selected problem, or run the command line's exports", "go")),
    bind(KeyCode::Char('w'), NONE, Action::Write, REVIEW, ("write the body to a file", "write")),
    bind(KeyCode::Char('c'), NONE, Action::Copy, REVIEW, ("copy the body", "copy")),
    bind(KeyCode::Char('g'), NONE, Action::Gh, REVIEW, ("leave and create the issue with gh", "gh")),
    bind(KeyCode::Char('p'), NONE, Action::Print, REVIEW, ("leave and print the body", "print")),
    bind(KeyCode::Char('b'), NONE, Action::Web, REVIEW, ("leave and open the prefilled page in the browser", "browser")),
    quiet(bind(KeyCode::Up, NONE, Action::Up, REVIEW, ("previous problem", "previous"))),
    quiet(bind(KeyCode::Down, NONE, Action::Down, REVIEW, ("next problem", "next"))),
    quiet(bind(KeyCode::PageUp, NONE, Action::ScrollUp, REVIEW, ("scroll up", "up"))),
    quiet(bind(KeyCode::PageDown, NONE, Action::ScrollDown, REVIEW, ("scroll down", "down"))),
    quiet(bind(KeyCode::Up, NONE, Action::Up, HELP, ("scroll up a line", "up"))),
    quiet(bind(KeyCode::Down, NONE, Action::Down, HELP, ("scroll down a line", "down"))),
    quiet(bind(KeyCode::PageUp, NONE, Action::ScrollUp, HELP, ("scroll up a page", "up"))),
    quiet(bind(KeyCode::PageDown, NONE, Action::ScrollDown, HELP, ("scroll down a page", "down"))),
    bind(KeyCode::Esc, NONE, Action::Back, ALL, ("back; from the form, quit", "back")),
    quiet(bind(KeyCode::Char('c'), CTRL, Action::ForceQuit, ANYWHERE, ("quit now (keeps changes as a draft)", "quit"))),
];

/// Keys the field under the cursor understands, for the help screen.
#[rustfmt::skip]
pub const FIELD_KEYS: &[(&str, &str)] = &[
    ("text", "type; ←→ Home End move; Ctrl-A start; Ctrl-U/Ctrl-K delete to start/end; Ctrl-W word"),
    ("", "Ctrl-Z undo; Ctrl-Y redo after an undo, else put back what was deleted"),
    ("text area, code", "Enter new line; arrows move; Ctrl-E opens $VISUAL/$EDITOR"),
    ("code", "Tab types a tab; Ctrl-↓ / Ctrl-↑ (or Shift-Tab) move to the next / previous field"),
    ("checkboxes", "↑↓ move; a letter or digit: the next option starting with it; Space/Enter tick or untick; a ticked Other: ___ takes typing"),
    ("choice", "↑↓ or ←→ move; a letter or digit: the next option starting with it; Space/Enter pick (Enter on the picked one clears it); with an \"or describe\" line, typing goes there"),
    ("long options", "PgUp/PgDn a page (then the section); Home/End the first/last option"),
    ("table", "arrows or Tab move between cells; type to edit the cell"),
    ("list", "type; Enter adds an item; Backspace on an empty item removes it"),
    ("picker", "type to filter; ↑↓ move; PgUp/PgDn a page; Home/End first/last; Enter opens; Esc clears the filter, then quits"),
    ("dialogs", "the keys are shown in each; Esc cancels (resumes a draft); in a list PgUp/PgDn a page, Home/End the ends"),
    ("mouse", "click focuses a field, ticks a box or opens a section; the wheel scrolls"),
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

impl Binding {
    /// How the key is written in the footer and help: `Ctrl-S`, `Shift-Tab`, `F1`, `↑`.
    pub fn label(&self) -> String {
        label(self.code, self.mods)
    }
}

/// The name of a key with modifiers, as people write it.
pub fn label(code: KeyCode, mods: KeyModifiers) -> String {
    let key = match code {
        KeyCode::Char(' ') => "Space".to_owned(),
        KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => c.to_uppercase().collect(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::Enter => "Enter".to_owned(),
        KeyCode::Esc => "Esc".to_owned(),
        KeyCode::Tab => "Tab".to_owned(),
        // Shift-Tab arrives as BackTab, with or without Shift.
        KeyCode::BackTab => return "Shift-Tab".to_owned(),
        KeyCode::Backspace => "Bksp".to_owned(),
        KeyCode::Delete => "Del".to_owned(),
        KeyCode::PageUp => "PgUp".to_owned(),
        KeyCode::PageDown => "PgDn".to_owned(),
        KeyCode::Home => "Home".to_owned(),
        KeyCode::End => "End".to_owned(),
        KeyCode::Up => "↑".to_owned(),
        KeyCode::Down => "↓".to_owned(),
        KeyCode::Left => "←".to_owned(),
        KeyCode::Right => "→".to_owned(),
        other => format!("{other:?}"),
    };
    let mut out = String::new();
    for (flag, name) in [
        (KeyModifiers::CONTROL, "Ctrl-"),
        (KeyModifiers::ALT, "Alt-"),
        (KeyModifiers::SHIFT, "Shift-"),
    ] {
        if mods.contains(flag) {
            out.push_str(name);
        }
    }
    out + &key
}

/// The first binding for `action` in `ctx`, for hints the screen adds where it applies.
pub fn binding_for(ctx: Context, action: Action) -> Option<&'static Binding> {
    BINDINGS
        .iter()
        .find(|b| b.action == action && b.contexts.contains(&ctx))
}

/// `(key, short)` pairs for the footer in `ctx`, one per action, leaving out `skip`.
pub fn footer(ctx: Context, skip: &[Action]) -> Vec<(String, &'static str)> {
    footer_of(BINDINGS, ctx, skip, &|_| false)
}

/// `taken` tells the soft bindings the focused field uses itself (Tab in a code block):
/// the action shows with its next key instead (Ctrl-↓).
fn footer_of(
    bindings: &[Binding],
    ctx: Context,
    skip: &[Action],
    taken: &dyn Fn(&Binding) -> bool,
) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &str)> = Vec::new();
    let mut seen: Vec<Action> = skip.to_vec();
    for b in bindings
        .iter()
        .filter(|b| b.footer && b.contexts.contains(&ctx) && !(b.soft && taken(b)))
    {
        if !seen.contains(&b.action) {
            seen.push(b.action);
            out.push((b.label(), b.short));
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
    fn footer_lists_each_action_once_most_useful_first() {
        let keys: Vec<String> = footer(Context::Form, &[])
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        assert_eq!(
            keys,
            ["Tab", "Ctrl-S", "F1", "Ctrl-N", "Shift-Tab", "F2", "Esc"]
        );
        let review: Vec<String> = footer(Context::Review, &[Action::Confirm])
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        assert_eq!(review, ["F1", "w", "c", "g", "p", "b", "Esc"]);
    }

    #[test]
    fn labels_come_from_the_keys() {
        let labels: Vec<String> = BINDINGS.iter().map(Binding::label).collect();
        for expected in [
            "Ctrl-C",
            "Ctrl-S",
            "Shift-Tab",
            "F1",
            "PgDn",
            "↑",
            "w",
            "Esc",
        ] {
            assert!(
                labels.iter().any(|l| l == expected),
                "{expected}: {labels:?}"
            );
        }
        assert_eq!(label(KeyCode::Char('u'), CTRL), "Ctrl-U");
        assert_eq!(label(KeyCode::Left, KeyModifiers::ALT), "Alt-←");
    }

    #[test]
    fn no_key_means_two_things_in_one_place() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                let shared = a.contexts.iter().any(|c| b.contexts.contains(c));
                assert!(
                    !(shared && a.code == b.code && a.mods == b.mods),
                    "{} is bound twice",
                    a.label()
                );
            }
        }
    }

    #[test]
    fn ctrl_c_quits_anywhere_even_where_no_screen_is() {
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), CTRL);
        for ctx in [
            Context::Picker,
            Context::Form,
            Context::Review,
            Context::Help,
            Context::Anywhere,
        ] {
            assert_eq!(
                lookup(ctx, &ctrl_c).map(|b| b.action),
                Some(Action::ForceQuit)
            );
        }
    }
}
