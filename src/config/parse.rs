//! `config.toml` text into a [`Config`], without IO. Every unknown key and bad value is
//! a warning at its `file:line:col` and is ignored; nothing in the file is fatal.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{
    ACTIONS, COLOR_ROLES, Config, TYPING_ACTIONS, ThemeName, is_color, is_key, key_spelling,
    shared_place, types_text,
};
use crate::error::LocatedError;
use crate::export::Provider;
use crate::render::FormsFormat;

type Value<'a> = Spanned<DeValue<'a>>;

/// Reads `text` (the file `file`) over the defaults. Warnings come in file order.
pub fn parse(text: &str, file: &str) -> (Config, Vec<LocatedError>) {
    let mut reader = Reader {
        text,
        file,
        config: Config::default(),
        warnings: Vec::new(),
    };
    match DeTable::parse(text) {
        Ok(root) => reader.root(root.get_ref()),
        Err(err) => {
            let start = err.span().map_or(0, |s| s.start);
            let message = err.message().trim_end();
            // The parser's `duplicate key` leaves out which: the span holds it.
            let key = err
                .span()
                .and_then(|s| text.get(s))
                .map(str::trim)
                .filter(|k| !k.is_empty() && !k.contains('\n'));
            let message = match key {
                Some(key) if message == "duplicate key" => format!(
                    "`{}` is given twice; the file is ignored",
                    crate::text::escape_line(key.trim_matches('"'))
                ),
                _ => format!("{message}; the file is ignored"),
            };
            reader.warn(start, message);
        }
    }
    let Reader {
        config,
        mut warnings,
        ..
    } = reader;
    warnings.sort_by_key(|w| (w.line, w.col));
    (config, warnings)
}

struct Reader<'t> {
    text: &'t str,
    file: &'t str,
    config: Config,
    warnings: Vec<LocatedError>,
}

impl Reader<'_> {
    fn warn(&mut self, at: usize, message: String) {
        let (line, col) = line_col(self.text, at);
        self.warnings
            .push(LocatedError::new(self.file, line, col, message));
    }

    fn unknown(&mut self, path: &str, key: &Spanned<std::borrow::Cow<'_, str>>) {
        let name = join(path, key.get_ref());
        self.warn(key.span().start, format!("unknown key `{name}`; ignored"));
    }

    /// A value of the wrong kind or out of range.
    fn bad(&mut self, name: &str, value: &Value<'_>, expected: &str) {
        let got = match value.get_ref() {
            DeValue::String(s) => format!("`{s}`"),
            other => {
                let kind = other.type_str();
                let article = if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
                    "an"
                } else {
                    "a"
                };
                format!("{article} {kind}")
            }
        };
        self.warn(
            value.span().start,
            format!("`{name}`: expected {expected}, not {got}; ignored"),
        );
    }

    fn root(&mut self, root: &DeTable<'_>) {
        for (key, value) in root {
            match key.get_ref().as_ref() {
                "editor" => match value.get_ref().as_str() {
                    Some(s) if !s.trim().is_empty() => self.config.editor = Some(s.to_owned()),
                    _ => self.bad("editor", value, "a command"),
                },
                "drafts" => match value.get_ref().as_bool() {
                    Some(on) => self.config.drafts = on,
                    None => self.bad("drafts", value, "true or false"),
                },
                "export" => self.table("export", value, Self::export),
                "theme" => match value.get_ref() {
                    DeValue::String(_) => self.theme_name(value),
                    _ => self.table("theme", value, Self::theme),
                },
                "keys" => self.table("keys", value, Self::keys),
                _ => self.unknown("", key),
            }
        }
    }

    fn table(&mut self, name: &str, value: &Value<'_>, read: fn(&mut Self, &DeTable<'_>)) {
        match value.get_ref().as_table() {
            Some(table) => read(self, table),
            None => self.bad(name, value, "a table"),
        }
    }

    fn export(&mut self, table: &DeTable<'_>) {
        for (key, value) in table {
            let name = join("export", key.get_ref());
            let text = value.get_ref().as_str();
            match key.get_ref().as_ref() {
                "folder" => match text {
                    Some(s) if !s.trim().is_empty() => self.config.export.folder = s.into(),
                    _ => self.bad(&name, value, "a folder"),
                },
                "file_name" => match text {
                    Some(s) if super::pattern_ok(s) => self.config.export.file_name = s.into(),
                    _ => self.bad(
                        &name,
                        value,
                        "a file name with {stem}, {title} or {date}, and no `/`",
                    ),
                },
                "clipboard" => match text.and_then(provider) {
                    Some(Clipboard::Auto) => self.config.export.clipboard = None,
                    Some(Clipboard::Provider(p)) => self.config.export.clipboard = Some(p),
                    _ => self.bad(&name, value, "auto, wl-copy, xclip, xsel, arboard or osc52"),
                },
                "forms_format" => match text {
                    Some("current") => self.config.export.forms_format = FormsFormat::Current,
                    Some("legacy") => self.config.export.forms_format = FormsFormat::Legacy,
                    _ => self.bad(&name, value, "current or legacy"),
                },
                _ => self.unknown("export", key),
            }
        }
    }

    fn theme_name(&mut self, value: &Value<'_>) {
        match value.get_ref().as_str().and_then(ThemeName::from_name) {
            Some(name) => self.config.theme.name = name,
            None => self.bad("theme", value, "dark, light or none"),
        }
    }

    fn theme(&mut self, table: &DeTable<'_>) {
        for (key, value) in table {
            match key.get_ref().as_ref() {
                "name" => match value.get_ref().as_str().and_then(ThemeName::from_name) {
                    Some(name) => self.config.theme.name = name,
                    None => self.bad("theme.name", value, "dark, light or none"),
                },
                "colors" => self.table("theme.colors", value, Self::colors),
                _ => self.unknown("theme", key),
            }
        }
    }

    fn colors(&mut self, table: &DeTable<'_>) {
        for (key, value) in table {
            let role = key.get_ref().as_ref();
            if !COLOR_ROLES.contains(&role) {
                self.unknown("theme.colors", key);
                continue;
            }
            match value.get_ref().as_str() {
                Some(color) if is_color(color) => {
                    self.config
                        .theme
                        .colors
                        .insert(role.to_owned(), color.to_owned());
                }
                _ => self.bad(
                    &join("theme.colors", role),
                    value,
                    "a colour name, #rrggbb or a number from 0 to 255",
                ),
            }
        }
    }

    fn keys(&mut self, table: &DeTable<'_>) {
        // Every key kept, with its action and place, to find a key given to two actions.
        let mut bound: Vec<(String, String, String, usize)> = Vec::new();
        for (key, value) in table {
            let action = key.get_ref().as_ref();
            if !ACTIONS.contains(&action) {
                self.unknown("keys", key);
                continue;
            }
            let name = join("keys", action);
            // Each key with where it is written, for the warnings.
            let keys: Option<Vec<(String, usize)>> = match value.get_ref() {
                DeValue::String(s) => Some(vec![(s.to_string(), value.span().start)]),
                DeValue::Array(items) => items
                    .iter()
                    .map(|i| i.get_ref().as_str().map(|s| (s.to_owned(), i.span().start)))
                    .collect(),
                _ => None,
            };
            match keys {
                Some(keys) if !keys.is_empty() && keys.iter().all(|(k, _)| is_key(k)) => {
                    let keys = self.typing_refused(action, keys);
                    bound.extend(
                        keys.iter()
                            .map(|(k, at)| (action.to_owned(), k.clone(), key_spelling(k), *at)),
                    );
                    if !keys.is_empty() {
                        self.config.keys.insert(
                            action.to_owned(),
                            keys.into_iter().map(|(k, _)| k).collect(),
                        );
                    }
                }
                _ => self.bad(&name, value, "a key like `ctrl-s` or a list of them"),
            }
        }
        self.shared_keys(&mut bound);
    }

    /// Warns, at the later one, about a key given to two actions that work in one place:
    /// there it runs only one of them.
    fn shared_keys(&mut self, bound: &mut [(String, String, String, usize)]) {
        bound.sort_by_key(|b| b.3);
        for (i, (action, key, spelling, at)) in bound.iter().enumerate() {
            let earlier = bound[..i].iter().find_map(|(other, _, s, other_at)| {
                (s == spelling && other != action)
                    .then(|| shared_place(action, other).map(|place| (other, other_at, place)))
                    .flatten()
            });
            if let Some((other, other_at, place)) = earlier {
                let (line, col) = line_col(self.text, *other_at);
                self.warn(
                    *at,
                    format!(
                        "`keys.{action}`: `{key}` is bound to `{other}` too (at {line}:{col}), \
                         and both work in {place}, where the key can run only one of them; \
                         give one of them another key"
                    ),
                );
            }
        }
    }

    /// `keys` without those that type a character when `action` works where text is
    /// typed: bound there, the key would run the action instead of typing (`force-quit
    /// = "x"` would quit at the x of "fix").
    fn typing_refused(&mut self, action: &str, keys: Vec<(String, usize)>) -> Vec<(String, usize)> {
        let Some(&(_, places)) = TYPING_ACTIONS.iter().find(|(a, _)| *a == action) else {
            return keys;
        };
        let mut kept = Vec::new();
        for (key, at) in keys {
            if types_text(&key) {
                self.warn(
                    at,
                    format!(
                        "`keys.{action}`: `{key}` types a character, and {action} works \
                         where text is typed ({places}), where `{key}` would run it instead; \
                         use a key with ctrl- or alt-, or a function key; ignored"
                    ),
                );
            } else {
                kept.push((key, at));
            }
        }
        kept
    }
}

/// A clipboard setting: `auto` or a provider.
enum Clipboard {
    Auto,
    Provider(Provider),
}

fn provider(name: &str) -> Option<Clipboard> {
    if name == "auto" {
        return Some(Clipboard::Auto);
    }
    Provider::ALL
        .into_iter()
        .find(|p| p.name() == name)
        .map(Clipboard::Provider)
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// 1-based line and column (in characters) of byte `at`.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = text.get(..at.min(text.len())).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}
