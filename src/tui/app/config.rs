//! What the app is set up with: the command line's plan and config.toml's settings
//! (theme, keys, people, where files are written), and today's date for file names.

use super::super::keymap::Keymap;
use super::super::theme::Theme;
use super::People;
use crate::export::Plan;

/// What the app is set up with.
#[derive(Debug, Clone)]
pub struct Config {
    /// What Enter in the review does (from the command line).
    pub plan: Plan,
    pub drafts: bool,
    pub theme: Theme,
    /// The key bindings, with config.toml's overrides.
    pub keys: Keymap,
    /// Labels and assignees added to every template's.
    pub people: People,
    /// Where `w` in the review suggests writing (config.toml's folder and file name),
    /// unless the command line named a file.
    pub output: crate::config::ExportDefaults,
    /// Today, `YYYY-MM-DD`, for the file name's `{date}`.
    pub today: String,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            plan: Plan::default(),
            drafts: true,
            theme: Theme::plain(),
            keys: Keymap::default(),
            people: People::default(),
            output: crate::config::ExportDefaults::default(),
            today: String::new(),
        }
    }
}
