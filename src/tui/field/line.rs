//! A one-line text editor: the title, text fields, table cells, list items and blanks.
//! The cursor counts characters; drawing measures display width, so wide characters
//! (CJK, emoji) keep the cursor in the right column.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use unicode_width::UnicodeWidthChar;

use crate::text::sanitize;

/// What a key did to an editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Changed,
    Moved,
    Ignored,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineEdit {
    text: String,
    /// Cursor position in characters.
    cursor: usize,
}

impl LineEdit {
    /// An editor holding `text` with the cursor at its end.
    pub fn new(text: &str) -> Self {
        let text = sanitize::one_line(text);
        let cursor = text.chars().count();
        Self { text, cursor }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Handles a key; printable characters insert, the usual keys edit and move.
    pub fn key(&mut self, key: KeyEvent) -> Edit {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        match key.code {
            KeyCode::Char(c) if !ctrl && !alt => {
                self.insert(&c.to_string());
                Edit::Changed
            }
            KeyCode::Char('u') if ctrl => self.delete_range(0, self.cursor),
            KeyCode::Char('k') if ctrl => self.delete_range(self.cursor, self.len()),
            KeyCode::Char('w') if ctrl => self.delete_range(self.word_start(), self.cursor),
            KeyCode::Char('a') if ctrl => self.move_to(0),
            KeyCode::Backspace if alt || ctrl => self.delete_range(self.word_start(), self.cursor),
            KeyCode::Backspace if self.cursor > 0 => {
                self.delete_range(self.cursor - 1, self.cursor)
            }
            KeyCode::Delete if self.cursor < self.len() => {
                self.delete_range(self.cursor, self.cursor + 1)
            }
            KeyCode::Left if ctrl || alt => self.move_to(self.word_start()),
            KeyCode::Right if ctrl || alt => self.move_to(self.word_end()),
            KeyCode::Left if self.cursor > 0 => self.move_to(self.cursor - 1),
            KeyCode::Right if self.cursor < self.len() => self.move_to(self.cursor + 1),
            KeyCode::Home => self.move_to(0),
            KeyCode::End => self.move_to(self.len()),
            _ => Edit::Ignored,
        }
    }

    /// Inserts pasted text as one edit; line breaks become spaces.
    pub fn paste(&mut self, text: &str) {
        self.insert(&sanitize::one_line(text.trim_end_matches(['\n', '\r'])));
    }

    /// Inserts at the cursor.
    pub fn insert(&mut self, s: &str) {
        let s = sanitize::one_line(s);
        let at = self.byte(self.cursor);
        self.text.insert_str(at, &s);
        self.cursor += s.chars().count();
    }

    fn len(&self) -> usize {
        self.text.chars().count()
    }

    fn byte(&self, char_index: usize) -> usize {
        self.text
            .char_indices()
            .nth(char_index)
            .map_or(self.text.len(), |(b, _)| b)
    }

    fn move_to(&mut self, to: usize) -> Edit {
        if to == self.cursor {
            return Edit::Ignored;
        }
        self.cursor = to;
        Edit::Moved
    }

    fn delete_range(&mut self, from: usize, to: usize) -> Edit {
        if from >= to {
            return Edit::Ignored;
        }
        let (a, b) = (self.byte(from), self.byte(to));
        self.text.replace_range(a..b, "");
        self.cursor = from;
        Edit::Changed
    }

    fn word_start(&self) -> usize {
        let chars: Vec<char> = self.text.chars().collect();
        let mut i = self.cursor;
        while i > 0 && chars[i - 1].is_whitespace() {
            i -= 1;
        }
        while i > 0 && !chars[i - 1].is_whitespace() {
            i -= 1;
        }
        i
    }

    fn word_end(&self) -> usize {
        let chars: Vec<char> = self.text.chars().collect();
        let mut i = self.cursor;
        while i < chars.len() && chars[i].is_whitespace() {
            i += 1;
        }
        while i < chars.len() && !chars[i].is_whitespace() {
            i += 1;
        }
        i
    }

    /// Draws the text (or the placeholder when empty) in one row, scrolled so the cursor
    /// shows; returns the cursor's screen position when `focused`.
    pub fn render(
        &self,
        area: Rect,
        buf: &mut Buffer,
        focused: bool,
        placeholder: &str,
        style: Style,
        placeholder_style: Style,
    ) -> Option<Position> {
        if area.width == 0 || area.height == 0 {
            return None;
        }
        let width = usize::from(area.width);
        let before: usize = self.text.chars().take(self.cursor).map(char_width).sum();
        // Focused, the cursor shows (one column after the last character is kept for it);
        // otherwise the text shows from its start.
        let skip = if focused {
            (before + 1).saturating_sub(width)
        } else {
            0
        };
        buf.set_style(area, style);
        if self.text.is_empty() {
            buf.set_stringn(area.x, area.y, placeholder, width, placeholder_style);
        } else {
            let mut x = 0usize;
            let mut col = 0usize;
            for c in self.text.chars() {
                let w = char_width(c);
                if col >= skip {
                    if x + w > width {
                        break;
                    }
                    buf.set_stringn(area.x + x as u16, area.y, c.to_string(), w, style);
                    x += w;
                }
                col += w;
            }
        }
        let x = u16::try_from((before - skip).min(width - 1)).unwrap_or(0);
        focused.then(|| Position::new(area.x + x, area.y))
    }
}

fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyEventKind;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new_with_kind(code, KeyModifiers::NONE, KeyEventKind::Press)
    }

    #[test]
    fn edits_and_moves_by_character() {
        let mut e = LineEdit::new("héllo");
        assert_eq!(e.key(key(KeyCode::Left)), Edit::Moved);
        assert_eq!(e.key(key(KeyCode::Backspace)), Edit::Changed);
        assert_eq!(e.text(), "hélo");
        e.key(key(KeyCode::Home));
        e.key(key(KeyCode::Char('>')));
        assert_eq!(e.text(), ">hélo");
        assert_eq!(e.key(key(KeyCode::Home)), Edit::Moved);
        assert_eq!(e.key(key(KeyCode::Home)), Edit::Ignored);
    }

    #[test]
    fn paste_joins_lines() {
        let mut e = LineEdit::new("a ");
        e.paste("b\nc\r\n");
        assert_eq!(e.text(), "a b c");
    }

    #[test]
    fn wide_characters_place_the_cursor_by_width() {
        let e = LineEdit::new("漢字x");
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 1));
        let pos = e.render(buf.area, &mut buf, true, "", Style::new(), Style::new());
        assert_eq!(pos, Some(Position::new(5, 0)));
    }

    #[test]
    fn long_text_scrolls_to_keep_the_cursor_visible() {
        let e = LineEdit::new("abcdefghij");
        let mut buf = Buffer::empty(Rect::new(0, 0, 5, 1));
        let pos = e.render(buf.area, &mut buf, true, "", Style::new(), Style::new());
        assert_eq!(pos, Some(Position::new(4, 0)));
        assert_eq!(
            buf.content
                .iter()
                .map(ratatui::buffer::Cell::symbol)
                .collect::<String>(),
            "ghij "
        );
    }
}
