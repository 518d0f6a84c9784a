//! config.toml's `[keys]` over the default table: the live [`Keymap`], and key names
//! (`ctrl-s`, `f2`, `pagedown`) and action names (`next-field`) as the file writes them.

use std::collections::BTreeMap;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{Action, BINDINGS, Binding, Context, footer_of, matches};

/// The live bindings: [`BINDINGS`] with the overrides of config.toml. Dispatch, the
/// footer and the help screen all read this.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        Self {
            bindings: BINDINGS.to_vec(),
        }
    }
}

impl Keymap {
    /// The default bindings with `overrides` (action name to keys, as in config.toml):
    /// an action overridden answers to the keys given instead of its own, wherever it
    /// worked; a key taken that way leaves the action it had there. Unknown actions
    /// and keys are left out (the config loader warned about them).
    pub fn with_overrides(overrides: &BTreeMap<String, Vec<String>>) -> Self {
        let mut ours: Vec<Binding> = Vec::new();
        let mut replaced: Vec<Action> = Vec::new();
        for (name, keys) in overrides {
            let Some(action) = Action::from_name(name) else {
                continue;
            };
            let keys: Vec<(KeyCode, KeyModifiers)> =
                keys.iter().filter_map(|k| parse_key(k)).collect();
            if keys.is_empty() {
                continue;
            }
            replaced.push(action);
            // One binding per place the action worked, each with every key given.
            let mut places: Vec<&Binding> = Vec::new();
            for b in BINDINGS.iter().filter(|b| b.action == action) {
                if !places.iter().any(|p| p.contexts == b.contexts) {
                    places.push(b);
                }
            }
            for place in places {
                for &(code, mods) in &keys {
                    ours.push(Binding {
                        code,
                        mods,
                        ..*place
                    });
                }
            }
        }
        let taken = |b: &Binding| {
            ours.iter().any(|o| {
                o.code == b.code
                    && o.mods == b.mods
                    && o.contexts.iter().any(|c| b.contexts.contains(c))
            })
        };
        let mut bindings: Vec<Binding> = Vec::new();
        // In the table's order, so the footer keeps its order.
        for b in BINDINGS {
            if replaced.contains(&b.action) {
                let first = !bindings.iter().any(|x| x.action == b.action);
                if first {
                    bindings.extend(ours.iter().filter(|o| o.action == b.action));
                }
            } else if !taken(b) {
                bindings.push(*b);
            }
        }
        Self { bindings }
    }

    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The binding for `key` in `ctx`.
    pub fn lookup(&self, ctx: Context, key: &KeyEvent) -> Option<&Binding> {
        self.bindings
            .iter()
            .find(|b| b.contexts.contains(&ctx) && matches(b, key))
    }

    /// `(key, short)` pairs for the footer in `ctx`, one per action, leaving out `skip`.
    pub fn footer(&self, ctx: Context, skip: &[Action]) -> Vec<(String, &'static str)> {
        footer_of(&self.bindings, ctx, skip, &|_| false)
    }

    /// [`Keymap::footer`] without the soft bindings the focused field takes for itself
    /// (`taken`): their action shows with its next key.
    pub fn footer_where(
        &self,
        ctx: Context,
        skip: &[Action],
        taken: &dyn Fn(&Binding) -> bool,
    ) -> Vec<(String, &'static str)> {
        footer_of(&self.bindings, ctx, skip, taken)
    }
}

impl Action {
    /// The action's name in config.toml (`config::ACTIONS`).
    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "force-quit" => Action::ForceQuit,
            "help" => Action::Help,
            "toggle-preview" => Action::TogglePreview,
            "review" => Action::Review,
            "editor" => Action::Editor,
            "next-field" => Action::NextField,
            "prev-field" => Action::PrevField,
            "next-section" => Action::NextSection,
            "prev-section" => Action::PrevSection,
            "back" => Action::Back,
            "confirm" => Action::Confirm,
            "open" => Action::Open,
            "write" => Action::Write,
            "copy" => Action::Copy,
            "gh" => Action::Gh,
            "print" => Action::Print,
            "web" => Action::Web,
            "scroll-up" => Action::ScrollUp,
            "scroll-down" => Action::ScrollDown,
            "up" => Action::Up,
            "down" => Action::Down,
            "first" => Action::First,
            "last" => Action::Last,
            _ => return None,
        })
    }
}

/// A key as config.toml writes it: `ctrl-s`, `alt-shift-x`, `f2`, `pagedown`, `w`.
pub fn parse_key(text: &str) -> Option<(KeyCode, KeyModifiers)> {
    let mut mods = KeyModifiers::NONE;
    let mut rest = text.trim();
    loop {
        let lower = rest.to_ascii_lowercase();
        let flag = [
            ("ctrl-", KeyModifiers::CONTROL),
            ("alt-", KeyModifiers::ALT),
            ("shift-", KeyModifiers::SHIFT),
        ]
        .into_iter()
        .find(|(prefix, _)| lower.starts_with(prefix) && rest.len() > prefix.len());
        let Some((prefix, flag)) = flag else { break };
        mods |= flag;
        rest = &rest[prefix.len()..];
    }
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) if mods.contains(KeyModifiers::CONTROL) => {
            KeyCode::Char(c.to_ascii_lowercase())
        }
        (Some(c), None) => KeyCode::Char(c),
        _ => named_key(&rest.to_ascii_lowercase())?,
    };
    // Shift-Tab arrives as BackTab.
    if code == KeyCode::Tab && mods.contains(KeyModifiers::SHIFT) {
        return Some((KeyCode::BackTab, mods));
    }
    Some((code, mods))
}

fn named_key(name: &str) -> Option<KeyCode> {
    if let Some(n) = name.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
        return (1..=12).contains(&n).then_some(KeyCode::F(n));
    }
    Some(match name {
        "enter" => KeyCode::Enter,
        "esc" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "backtab" => KeyCode::BackTab,
        "backspace" => KeyCode::Backspace,
        "delete" => KeyCode::Delete,
        "insert" => KeyCode::Insert,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "pageup" => KeyCode::PageUp,
        "pagedown" => KeyCode::PageDown,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "space" => KeyCode::Char(' '),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const NONE: KeyModifiers = KeyModifiers::NONE;
    const CTRL: KeyModifiers = KeyModifiers::CONTROL;
    const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

    #[test]
    fn overrides_replace_an_actions_keys_and_free_the_keys_they_take() {
        let mut overrides = std::collections::BTreeMap::new();
        overrides.insert("write".to_owned(), vec!["ctrl-w".to_owned()]);
        overrides.insert("print".to_owned(), vec!["c".to_owned()]);
        overrides.insert("nonsense".to_owned(), vec!["x".to_owned()]);
        let keys = Keymap::with_overrides(&overrides);
        let find = |code, mods| {
            keys.lookup(Context::Review, &KeyEvent::new(code, mods))
                .map(|b| b.action)
        };
        assert_eq!(find(KeyCode::Char('w'), CTRL), Some(Action::Write));
        assert_eq!(find(KeyCode::Char('w'), NONE), None);
        assert_eq!(find(KeyCode::Char('c'), NONE), Some(Action::Print));
        assert_eq!(find(KeyCode::Char('p'), NONE), None);
        let review: Vec<String> = keys
            .footer(Context::Review, &[Action::Confirm])
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        assert_eq!(review, ["F1", "Ctrl-W", "g", "c", "b", "Esc"]);
    }

    #[test]
    fn keys_parse_as_config_toml_writes_them() {
        assert_eq!(parse_key("ctrl-s"), Some((KeyCode::Char('s'), CTRL)));
        assert_eq!(parse_key("F2"), Some((KeyCode::F(2), NONE)));
        assert_eq!(parse_key("shift-tab"), Some((KeyCode::BackTab, SHIFT)));
        assert_eq!(parse_key("pagedown"), Some((KeyCode::PageDown, NONE)));
        assert_eq!(parse_key("-"), Some((KeyCode::Char('-'), NONE)));
        assert_eq!(parse_key("ctrl-"), None);
        assert_eq!(parse_key("hyper-x"), None);
        for name in crate::config::ACTIONS {
            assert!(Action::from_name(name).is_some(), "{name}");
        }
    }

    #[test]
    fn the_configs_typing_actions_are_those_bound_where_text_is_typed() {
        for name in crate::config::ACTIONS {
            let action = Action::from_name(name).expect("a known action");
            let places: Vec<Context> = BINDINGS
                .iter()
                .filter(|b| b.action == action)
                .flat_map(|b| b.contexts.iter().copied())
                .collect();
            let said = crate::config::TYPING_ACTIONS
                .iter()
                .find(|(a, _)| a == name)
                .map_or("", |(_, places)| *places);
            for (ctx, word) in [
                (Context::Form, "form"),
                (Context::Picker, "picker"),
                (Context::Anywhere, "dialogs"),
            ] {
                assert_eq!(places.contains(&ctx), said.contains(word), "{name}: {said}");
            }
        }
    }

    #[test]
    fn the_configs_action_places_are_the_tables() {
        for name in crate::config::ACTIONS {
            let action = Action::from_name(name).expect("a known action");
            let mut places: Vec<&str> = BINDINGS
                .iter()
                .filter(|b| b.action == action)
                .flat_map(|b| b.contexts.iter())
                .map(|c| match c {
                    Context::Picker => "picker",
                    Context::Form => "form",
                    Context::Review => "review",
                    Context::Help => "help",
                    Context::Anywhere => "anywhere",
                })
                .collect();
            if places.contains(&"anywhere") {
                places = vec!["anywhere"];
            }
            places.dedup();
            let said = crate::config::ACTION_PLACES
                .iter()
                .find(|(a, _)| a == name)
                .map_or(&[][..], |(_, p)| *p);
            assert_eq!(places, said, "{name}");
        }
    }
}
