//! Editable lists: one line per item. Enter adds an item, Backspace on an empty item
//! removes it; empty items show the template's hints.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use super::super::theme::Theme;
use super::line::{Edit, LineEdit};

#[derive(Debug, Clone)]
pub struct List {
    items: Vec<LineEdit>,
    hints: Vec<String>,
    pub cursor: usize,
}

impl List {
    pub fn new(items: &[String], placeholder: &str) -> Self {
        let mut items: Vec<LineEdit> = items.iter().map(|i| LineEdit::new(i)).collect();
        if items.is_empty() {
            items.push(LineEdit::default());
        }
        Self {
            items,
            hints: placeholder.lines().map(str::to_owned).collect(),
            cursor: 0,
        }
    }

    pub fn key(&mut self, key: KeyEvent) -> Edit {
        match key.code {
            KeyCode::Up if self.cursor > 0 => {
                self.cursor -= 1;
                Edit::Moved
            }
            KeyCode::Down if self.cursor + 1 < self.items.len() => {
                self.cursor += 1;
                Edit::Moved
            }
            KeyCode::Enter => {
                self.items.insert(self.cursor + 1, LineEdit::default());
                self.cursor += 1;
                Edit::Changed
            }
            KeyCode::Backspace if self.items[self.cursor].is_empty() && self.items.len() > 1 => {
                self.items.remove(self.cursor);
                self.cursor = self.cursor.saturating_sub(1);
                Edit::Changed
            }
            _ => self.items[self.cursor].key(key),
        }
    }

    /// A paste of several lines becomes several items.
    pub fn paste(&mut self, text: &str) {
        let mut lines = text.lines().filter(|l| !l.trim().is_empty());
        if let Some(first) = lines.next() {
            self.items[self.cursor].paste(first);
        }
        for line in lines {
            self.cursor += 1;
            self.items.insert(self.cursor, LineEdit::new(line.trim()));
        }
    }

    /// Moves to row `row` (a click).
    pub fn click(&mut self, row: usize) -> Edit {
        if row < self.items.len() && row != self.cursor {
            self.cursor = row;
            return Edit::Moved;
        }
        Edit::Ignored
    }

    pub fn values(&self) -> Vec<String> {
        self.items
            .iter()
            .map(|i| i.text().trim().to_owned())
            .filter(|i| !i.is_empty())
            .collect()
    }

    pub fn height(&self) -> u16 {
        super::rows(self.items.len())
    }

    /// Draws the items from `first` on (the ones above are scrolled off).
    pub fn render(
        &self,
        first: usize,
        area: Rect,
        buf: &mut Buffer,
        focused: bool,
        theme: Theme,
    ) -> Option<Position> {
        let mut cursor = None;
        let shown = self.items.iter().enumerate().skip(first);
        for (row, (i, item)) in shown.enumerate() {
            let Some(y) = u16::try_from(row)
                .ok()
                .map(|row| area.y.saturating_add(row))
            else {
                break;
            };
            if y >= area.bottom() {
                break;
            }
            let here = focused && i == self.cursor;
            let bullet = if here { "› " } else { "• " };
            let style = if here {
                theme.option_focused()
            } else {
                theme.option()
            };
            buf.set_stringn(area.x, y, bullet, 2, style);
            let hint = self
                .hints
                .get(i)
                .or(self.hints.first())
                .map_or("", String::as_str);
            let rest = Rect::new(area.x + 2, y, area.width.saturating_sub(2), 1);
            cursor = cursor.or(item.render(
                rest,
                buf,
                here,
                hint,
                theme.input(here),
                theme.placeholder(),
            ));
        }
        cursor
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyModifiers;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn enter_adds_and_backspace_on_empty_removes() {
        let mut l = List::new(&[], "src/...");
        l.key(key(KeyCode::Char('a')));
        l.key(key(KeyCode::Enter));
        l.key(key(KeyCode::Char('b')));
        assert_eq!(l.values(), ["a", "b"]);
        l.key(key(KeyCode::Backspace));
        l.key(key(KeyCode::Backspace));
        assert_eq!((l.values(), l.cursor), (vec!["a".to_owned()], 0));
    }

    #[test]
    fn pasted_lines_become_items() {
        let mut l = List::new(&[], "");
        l.paste("x.rs\ny.rs\n");
        assert_eq!(l.values(), ["x.rs", "y.rs"]);
    }
}
