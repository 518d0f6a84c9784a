//! The template picker, like GitHub's chooser: the templates found (repository, user,
//! built-in), the contact links, the blank issue; filtered as you type.

use std::path::Path;

use crossterm::event::KeyEvent;

use super::super::field::line::{Edit, LineEdit};
use super::super::keymap::Action;
use super::{After, App, Effect, Screen};
use crate::discover::{BLANK, Choice, Source};
use crate::text::escape_line;

/// A line of the picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub pick: Pick,
    pub name: String,
    pub about: String,
    /// Where it comes from: `repo`, `user` or `built-in` and its path, or the link.
    pub origin: String,
}

/// What Enter on an entry does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pick {
    /// Opens the template's form.
    Template(Source),
    /// Leaves, prints the link and opens it in the browser.
    Link(String),
    /// Opens nothing: says why (a contact link that is not an http(s) link, a template
    /// that links out of the repository).
    Refused(String),
}

impl Entry {
    /// The picker line for one of the chooser's lines; paths are shown from `root`.
    /// Names, about lines, paths and links are outside text: shown escaped. The name is
    /// the template's own: the origin beside it (`built-in: go-performance`, a path)
    /// already tells two of one name apart.
    pub fn from_choice(choice: &Choice, root: Option<&Path>) -> Self {
        let (pick, name, about, origin) = match choice {
            Choice::Template(entry) => {
                let about = entry.said.clone().unwrap_or_else(|| entry.about.clone());
                let place = match &entry.source {
                    Source::File(path) => path
                        .strip_prefix(root.unwrap_or(Path::new("")))
                        .unwrap_or(path)
                        .display()
                        .to_string(),
                    Source::Builtin(b) => b.stem.to_owned(),
                };
                let origin = format!("{}: {place}", entry.origin);
                let pick = match (&entry.error, entry.refused) {
                    (Some(why), true) => Pick::Refused(why.clone()),
                    _ => Pick::Template(entry.source.clone()),
                };
                (pick, entry.name.clone(), about, origin)
            }
            Choice::Link(link) => match &link.refused {
                Some(why) => (
                    Pick::Refused(why.clone()),
                    link.name.clone(),
                    why.clone(),
                    "link: refused".to_owned(),
                ),
                None => (
                    Pick::Link(link.url.clone()),
                    link.name.clone(),
                    link.about.clone(),
                    format!("link: {}", link.url),
                ),
            },
            Choice::Blank => {
                let source = Source::Builtin(BLANK);
                let about = crate::discover::load(&source)
                    .map(|t| t.form.meta.about)
                    .unwrap_or_default();
                let origin = format!("built-in: {}", BLANK.stem);
                (
                    Pick::Template(source),
                    "Blank issue".to_owned(),
                    about,
                    origin,
                )
            }
        };
        Self {
            pick,
            name: escape_line(&name).into_owned(),
            about: escape_line(&about).into_owned(),
            origin: escape_line(&origin).into_owned(),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct PickerState {
    pub entries: Vec<Entry>,
    pub filter: LineEdit,
    /// Index into [`PickerState::visible`].
    pub cursor: usize,
}

impl PickerState {
    pub fn new(entries: Vec<Entry>) -> Self {
        Self {
            entries,
            filter: LineEdit::default(),
            cursor: 0,
        }
    }

    /// Entries whose name, about or origin contain every word of the filter.
    pub fn visible(&self) -> Vec<&Entry> {
        let words: Vec<String> = self
            .filter
            .text()
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        self.entries
            .iter()
            .filter(|e| {
                let hay = format!("{} {} {}", e.name, e.about, e.origin).to_lowercase();
                words.iter().all(|w| hay.contains(w))
            })
            .collect()
    }

    pub fn clear_filter(&mut self) {
        self.filter = LineEdit::default();
        self.cursor = 0;
    }

    pub fn filter_paste(&mut self, text: &str) {
        self.filter.paste(text);
        self.cursor = 0;
    }
}

impl PickerState {
    /// Keys that are not bindings edit the filter.
    pub(super) fn key(&mut self, key: KeyEvent) {
        if self.filter.key(key) == Edit::Changed {
            self.cursor = 0;
        }
    }

    /// Up, Down, a page (`page` entries) up or down, the first, the last, and Open
    /// (Enter): the entry chosen.
    fn action(&mut self, action: Action, page: usize) -> Option<Pick> {
        let count = self.visible().len();
        let last = count.saturating_sub(1);
        match action {
            Action::Up => self.cursor = self.cursor.saturating_sub(1),
            Action::Down => self.cursor = (self.cursor + 1).min(last),
            Action::ScrollUp => self.cursor = self.cursor.saturating_sub(page.max(1)),
            Action::ScrollDown => self.cursor = (self.cursor + page.max(1)).min(last),
            Action::First => self.cursor = 0,
            Action::Last => self.cursor = last,
            Action::Open => {
                return self.visible().get(self.cursor).map(|e| e.pick.clone());
            }
            _ => {}
        }
        None
    }
}

impl App {
    pub(super) fn picker_action(&mut self, action: Action) -> Vec<Effect> {
        // The entries a page shows: two rows each, below the title and filter.
        let page = usize::from(self.size.1.saturating_sub(6) / 2);
        let Screen::Picker(picker) = &mut self.screen else {
            return Vec::new();
        };
        match picker.action(action, page) {
            Some(Pick::Template(source)) => vec![Effect::Open(source)],
            Some(Pick::Link(url)) => {
                self.exited = true;
                vec![Effect::Exit(After::Visit(url))]
            }
            Some(Pick::Refused(why)) => {
                self.notice = Some(super::Notice::problem(escape_line(&why).into_owned()));
                Vec::new()
            }
            None => Vec::new(),
        }
    }
}
