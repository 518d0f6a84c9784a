//! The template picker: every template found, filtered as you type.

use crossterm::event::KeyEvent;

use super::super::field::line::{Edit, LineEdit};
use super::super::keymap::Action;
use super::{App, Effect, Screen};
use crate::discover::Source;

/// A template to choose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub source: Source,
    pub name: String,
    pub about: String,
    /// Where it comes from: a path, or "built-in".
    pub origin: String,
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

    /// Up, Down and Open (Enter).
    fn action(&mut self, action: Action) -> Option<Effect> {
        let count = self.visible().len();
        match action {
            Action::Up => self.cursor = self.cursor.saturating_sub(1),
            Action::Down => self.cursor = (self.cursor + 1).min(count.saturating_sub(1)),
            Action::Open => {
                return self
                    .visible()
                    .get(self.cursor)
                    .map(|entry| Effect::Open(entry.source.clone()));
            }
            _ => {}
        }
        None
    }
}

impl App {
    pub(super) fn picker_action(&mut self, action: Action) -> Vec<Effect> {
        match &mut self.screen {
            Screen::Picker(picker) => picker.action(action).into_iter().collect(),
            _ => Vec::new(),
        }
    }
}
