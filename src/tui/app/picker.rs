//! The template picker: every template found, filtered as you type.

use crossterm::event::{KeyCode, KeyEvent};

use super::super::field::line::LineEdit;
use super::{App, Effect};
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

#[derive(Debug, Clone)]
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

impl App {
    pub(super) fn picker_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let count = self.picker.visible().len();
        match key.code {
            KeyCode::Up => self.picker.cursor = self.picker.cursor.saturating_sub(1),
            KeyCode::Down => {
                self.picker.cursor = (self.picker.cursor + 1).min(count.saturating_sub(1));
            }
            KeyCode::Enter => {
                if let Some(entry) = self.picker.visible().get(self.picker.cursor) {
                    return vec![Effect::Open(entry.source.clone())];
                }
            }
            _ => {
                if self.picker.filter.key(key) == super::Edit::Changed {
                    self.picker.cursor = 0;
                }
            }
        }
        Vec::new()
    }
}
