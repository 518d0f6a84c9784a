//! User settings from `<config dir>/issue-composer/config.toml`: export defaults, theme,
//! key overrides, editor and drafts. A typed [`Config`] for the commands and the TUI;
//! command-line flags win over it.

mod parse;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::error::LocatedError;
use crate::export::Provider;
use crate::render::FormsFormat;

pub use parse::parse;

/// Every setting, with the defaults where the file says nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub export: ExportDefaults,
    pub theme: Theme,
    /// Key overrides: action (`write`, `next-field`, ...) to keys (`ctrl-s`, `f2`).
    pub keys: BTreeMap<String, Vec<String>>,
    /// The command that edits a field's text; `$VISUAL`/`$EDITOR` when unset.
    pub editor: Option<String>,
    /// Whether answers are saved as drafts.
    pub drafts: bool,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            export: ExportDefaults::default(),
            theme: Theme::default(),
            keys: BTreeMap::new(),
            editor: None,
            drafts: true,
        }
    }
}

/// Where and how the finished issue goes unless the command line says otherwise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportDefaults {
    /// The folder files are written to.
    pub folder: PathBuf,
    /// The file name: `{stem}` (the template's), `{title}` (as a slug), `{date}`.
    pub file_name: String,
    /// The clipboard provider; `None` picks one (auto).
    pub clipboard: Option<Provider>,
    pub forms_format: FormsFormat,
}

impl Default for ExportDefaults {
    fn default() -> Self {
        Self {
            folder: PathBuf::from("."),
            file_name: "{stem}-issue.md".to_owned(),
            clipboard: None,
            forms_format: FormsFormat::Current,
        }
    }
}

impl ExportDefaults {
    /// The file name for a template stem, an issue title and a date (`YYYY-MM-DD`). A
    /// title with no letters or digits is `untitled`, so `{title}.md` is never the hidden
    /// file `.md`.
    pub fn file_name_for(&self, stem: &str, title: &str, date: &str) -> String {
        let slug = crate::text::slug(title);
        // File systems take 255 bytes a name: a long title is cut at a word.
        let slug = match slug.char_indices().nth(80) {
            Some((cut, _)) => slug[..cut]
                .rfind('-')
                .map_or(&slug[..cut], |dash| &slug[..dash]),
            None => slug.as_str(),
        };
        let slug = if slug.is_empty() { "untitled" } else { slug };
        self.file_name
            .replace("{stem}", stem)
            .replace("{title}", slug)
            .replace("{date}", date)
    }

    /// [`Self::file_name_for`] in the folder (`~/` is the home folder).
    pub fn path_for(&self, stem: &str, title: &str, date: &str) -> PathBuf {
        expand_home(&self.folder).join(self.file_name_for(stem, title, date))
    }

    /// Where `-o PATH` writes: PATH itself, or [`Self::file_name_for`] inside it when
    /// PATH is a folder or ends with `/` (`-o issues/`).
    pub fn target(&self, path: &Path, stem: &str, title: &str, date: &str) -> PathBuf {
        // `-o issues/` names a folder even before it exists: the error then says so.
        let folder = path.is_dir() || path.as_os_str().to_string_lossy().ends_with('/');
        if folder {
            path.join(self.file_name_for(stem, title, date))
        } else {
            path.to_path_buf()
        }
    }
}

/// `~/x` under the home folder.
pub fn expand_home(path: &Path) -> PathBuf {
    match (path.strip_prefix("~"), dirs::home_dir()) {
        (Ok(rest), Some(home)) => home.join(rest),
        _ => path.to_path_buf(),
    }
}

/// A file name pattern: placeholders known, no folder separator.
fn pattern_ok(pattern: &str) -> bool {
    let stripped = ["{stem}", "{title}", "{date}"]
        .iter()
        .fold(pattern.to_owned(), |p, known| p.replace(known, ""));
    !pattern.trim().is_empty() && !pattern.contains('/') && !stripped.contains(['{', '}'])
}

/// The colours.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Theme {
    pub name: ThemeName,
    /// Role (see [`COLOR_ROLES`]) to colour: a name, `#rrggbb` or an index 0-255.
    pub colors: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ThemeName {
    #[default]
    Dark,
    Light,
    /// No colours: bold, dim, underline and reverse only.
    None,
}

impl ThemeName {
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "dark" => Some(Self::Dark),
            "light" => Some(Self::Light),
            "none" => Some(Self::None),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Dark => "dark",
            Self::Light => "light",
            Self::None => "none",
        }
    }
}

/// The parts of the screen a colour can be set for.
pub const COLOR_ROLES: &[&str] = &[
    "title",
    "label",
    "focus",
    "help",
    "placeholder",
    "input",
    "cursor",
    "option",
    "selected",
    "table-header",
    "done",
    "missing",
    "border",
    "key",
    "error",
];

/// The actions keys can be bound to (the TUI's keymap).
pub const ACTIONS: &[&str] = &[
    "force-quit",
    "help",
    "toggle-preview",
    "review",
    "editor",
    "next-field",
    "prev-field",
    "next-section",
    "prev-section",
    "back",
    "confirm",
    "open",
    "write",
    "copy",
    "gh",
    "print",
    "web",
    "scroll-up",
    "scroll-down",
    "up",
    "down",
    "first",
    "last",
];

/// Where each action works: two actions may share a key only where they never both work
/// (`tui::keymap` checks this list against its table). `anywhere` is everywhere,
/// dialogs included.
pub const ACTION_PLACES: &[(&str, &[&str])] = &[
    ("force-quit", &["anywhere"]),
    ("help", &["picker", "form", "review", "help"]),
    ("toggle-preview", &["form"]),
    ("review", &["form"]),
    ("editor", &["form"]),
    ("next-field", &["form"]),
    ("prev-field", &["form"]),
    ("next-section", &["form"]),
    ("prev-section", &["form"]),
    ("back", &["picker", "form", "review", "help"]),
    ("confirm", &["review"]),
    ("open", &["picker"]),
    ("write", &["review"]),
    ("copy", &["review"]),
    ("gh", &["review"]),
    ("print", &["review"]),
    ("web", &["review"]),
    ("scroll-up", &["picker", "review", "help"]),
    ("scroll-down", &["picker", "review", "help"]),
    ("first", &["picker"]),
    ("last", &["picker"]),
    ("up", &["picker", "review", "help"]),
    ("down", &["picker", "review", "help"]),
];

/// Where actions `a` and `b` both work ([`ACTION_PLACES`]), in words; none when nowhere.
pub fn shared_place(a: &str, b: &str) -> Option<&'static str> {
    let places = |name: &str| {
        ACTION_PLACES
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(&[][..], |(_, p)| *p)
    };
    let (a, b) = (places(a), places(b));
    if a.contains(&"anywhere") || b.contains(&"anywhere") {
        return Some("every screen and dialog");
    }
    a.iter().find(|p| b.contains(p)).map(|p| match *p {
        "picker" => "the picker",
        "form" => "the form",
        "review" => "the review",
        _ => "the help",
    })
}

/// A key as one spelling: modifiers in one order, names in lower case (`Alt-Ctrl-X` and
/// `ctrl-alt-x` are one key; `a` and `A` are not).
pub fn key_spelling(key: &str) -> String {
    let mut rest = key;
    let mut mods: Vec<&str> = Vec::new();
    while let Some(m) = ["ctrl-", "alt-", "shift-"].into_iter().find(|m| {
        rest.len() > m.len()
            && rest
                .get(..m.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(m))
    }) {
        if !mods.contains(&m) {
            mods.push(m);
        }
        rest = &rest[m.len()..];
    }
    mods.sort_unstable();
    // With ctrl a letter is the same key in either case, as the keymap reads it.
    let rest = if rest.chars().count() == 1 && !mods.contains(&"ctrl-") {
        rest.to_owned()
    } else {
        rest.to_ascii_lowercase()
    };
    mods.concat() + &rest
}

/// The actions that also work where text is typed, with those places: a key that types
/// a character cannot be theirs (`tui::keymap` checks this list against its table).
pub const TYPING_ACTIONS: &[(&str, &str)] = &[
    ("force-quit", "the form, the picker and dialogs"),
    ("help", "the form and the picker"),
    ("back", "the form and the picker"),
    ("toggle-preview", "the form"),
    ("review", "the form"),
    ("editor", "the form"),
    ("next-field", "the form"),
    ("prev-field", "the form"),
    ("next-section", "the form"),
    ("prev-section", "the form"),
    ("open", "the picker"),
    ("up", "the picker"),
    ("down", "the picker"),
    ("scroll-up", "the picker"),
    ("scroll-down", "the picker"),
    ("first", "the picker"),
    ("last", "the picker"),
];

const COLOR_NAMES: &[&str] = &[
    "reset",
    "black",
    "red",
    "green",
    "yellow",
    "blue",
    "magenta",
    "cyan",
    "gray",
    "dark-gray",
    "light-red",
    "light-green",
    "light-yellow",
    "light-blue",
    "light-magenta",
    "light-cyan",
    "white",
];

/// A colour name, `#rrggbb`, or an index from 0 to 255.
pub fn is_color(text: &str) -> bool {
    let hex = text
        .strip_prefix('#')
        .is_some_and(|h| h.len() == 6 && h.chars().all(|c| c.is_ascii_hexdigit()));
    hex || COLOR_NAMES.contains(&text) || text.parse::<u8>().is_ok()
}

const KEY_NAMES: &[&str] = &[
    "enter",
    "esc",
    "tab",
    "backtab",
    "backspace",
    "delete",
    "insert",
    "home",
    "end",
    "pageup",
    "pagedown",
    "up",
    "down",
    "left",
    "right",
    "space",
];

/// Whether the key (as [`is_key`] takes it) types a character: a character or `space`,
/// with no `ctrl-` or `alt-` (`shift-` still types).
pub fn types_text(text: &str) -> bool {
    let spelling = key_spelling(text);
    let mut rest = spelling.as_str();
    let mut command = false;
    while let Some((after, is_command)) = [("ctrl-", true), ("alt-", true), ("shift-", false)]
        .iter()
        .find_map(|&(m, c)| rest.strip_prefix(m).map(|r| (r, c)))
    {
        rest = after;
        command |= is_command;
    }
    !command && (rest.chars().count() == 1 || rest == "space")
}

/// A key: modifiers (`ctrl-`, `alt-`, `shift-`) and a character, a name (`enter`,
/// `pagedown`, ...) or `f1` to `f12`.
pub fn is_key(text: &str) -> bool {
    // In any case, as the keymap reads it: `Ctrl-S` and `PageDown`, as the README's key
    // table writes keys, are `ctrl-s` and `pagedown`.
    let spelling = key_spelling(text);
    let mut rest = spelling.as_str();
    while let Some(after) = ["ctrl-", "alt-", "shift-"]
        .iter()
        .find_map(|m| rest.strip_prefix(m))
    {
        rest = after;
    }
    let function = rest
        .strip_prefix('f')
        .and_then(|n| n.parse::<u8>().ok())
        .is_some_and(|n| (1..=12).contains(&n));
    rest.chars().count() == 1 || KEY_NAMES.contains(&rest) || function
}

/// `<config dir>/issue-composer/config.toml`.
pub fn path() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("issue-composer").join("config.toml"))
}

/// The settings and the warnings about the file. No file is the defaults; a file that
/// cannot be read is a warning.
pub fn load() -> (Config, Vec<LocatedError>) {
    let Some(path) = path() else {
        return (Config::default(), Vec::new());
    };
    load_from(&path)
}

/// The largest config.toml read; a larger file is ignored, with a warning.
pub const MAX_SIZE: usize = 1 << 20;

/// [`load`] from a given file. Only a regular file (or a link to one) of at most
/// [`MAX_SIZE`] is read: a FIFO would block every command, `/dev/zero` fill the memory.
/// Whatever is wrong is a warning, and the defaults are used.
pub fn load_from(path: &Path) -> (Config, Vec<LocatedError>) {
    let name = path.display().to_string();
    let ignored = |why: String| {
        (
            Config::default(),
            vec![LocatedError::whole(&name, format!("{why}; it is ignored"))],
        )
    };
    match crate::export::file::read_regular_within(path, MAX_SIZE) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => parse(&text, &name),
            Err(_) => ignored("it is not UTF-8 text".to_owned()),
        },
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => (Config::default(), Vec::new()),
        Err(err)
            if matches!(
                err.kind(),
                std::io::ErrorKind::InvalidInput | std::io::ErrorKind::FileTooLarge
            ) =>
        {
            ignored(err.to_string())
        }
        Err(err) => ignored(format!("cannot read the file: {err}")),
    }
}

impl Config {
    /// The settings as TOML, every value shown (defaults included; `editor` when set).
    pub fn to_toml(&self) -> String {
        let mut root = toml::Table::new();
        if let Some(editor) = &self.editor {
            root.insert("editor".into(), editor.clone().into());
        }
        root.insert("drafts".into(), self.drafts.into());
        let e = &self.export;
        let mut export = toml::Table::new();
        export.insert("folder".into(), e.folder.display().to_string().into());
        export.insert("file_name".into(), e.file_name.clone().into());
        let clipboard = e.clipboard.map_or("auto", Provider::name);
        export.insert("clipboard".into(), clipboard.into());
        let forms = match e.forms_format {
            FormsFormat::Current => "current",
            FormsFormat::Legacy => "legacy",
        };
        export.insert("forms_format".into(), forms.into());
        root.insert("export".into(), export.into());
        let mut theme = toml::Table::new();
        theme.insert("name".into(), self.theme.name.name().into());
        let colors: toml::Table = self
            .theme
            .colors
            .iter()
            .map(|(k, v)| (k.clone(), v.clone().into()))
            .collect();
        theme.insert("colors".into(), colors.into());
        root.insert("theme".into(), theme.into());
        let keys: toml::Table = self
            .keys
            .iter()
            .map(|(k, v)| (k.clone(), toml::Value::from(v.clone())))
            .collect();
        root.insert("keys".into(), keys.into());
        toml::to_string(&root).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests;
