//! A one-line text editor: the title, text fields, table cells, list items and blanks.
//! The cursor moves by graphemes (an emoji with its modifiers, a letter with its accents
//! is one step); drawing measures display width, so wide characters (CJK, emoji) keep
//! the cursor in the right column. The editing keys are the text areas' (see
//! [`LineEdit::key`]), so a key means the same in both.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use unicode_segmentation::UnicodeSegmentation as _;
use unicode_width::UnicodeWidthStr as _;

use crate::text::sanitize;

/// What a key did to an editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Changed,
    Moved,
    Ignored,
}

/// Undo steps kept per line.
const HISTORY: usize = 100;

/// What a key asks of a one-line editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineKey {
    Insert(char),
    Undo,
    Redo,
    Yank,
    CutToStart,
    CutToEnd,
    CutWordBack,
    CutWordOn,
    DeleteBack,
    DeleteOn,
    WordBack,
    WordOn,
    Back,
    On,
    Start,
    End,
}

impl LineKey {
    /// The text areas' keys (ratatui-textarea's, with Ctrl-U and Ctrl-Z as in `area`).
    fn of(key: KeyEvent) -> Option<Self> {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        Some(match (key.code, ctrl, alt) {
            (KeyCode::Char(c), false, false) => LineKey::Insert(c),
            // Ctrl-Shift-Z where the terminal tells it from Ctrl-Z.
            (KeyCode::Char('Z'), true, _) => LineKey::Redo,
            (KeyCode::Char('z'), true, _) if key.modifiers.contains(KeyModifiers::SHIFT) => {
                LineKey::Redo
            }
            (KeyCode::Char('z'), true, _) => LineKey::Undo,
            (KeyCode::Char('y'), true, _) => LineKey::Yank,
            (KeyCode::Char('u'), true, _) => LineKey::CutToStart,
            (KeyCode::Char('k'), true, _) => LineKey::CutToEnd,
            (KeyCode::Char('w'), true, _) | (KeyCode::Char('h'), _, true) => LineKey::CutWordBack,
            (KeyCode::Backspace, c, a) if c || a => LineKey::CutWordBack,
            (KeyCode::Char('d') | KeyCode::Delete, _, true) => LineKey::CutWordOn,
            (KeyCode::Char('h'), true, _) | (KeyCode::Backspace, ..) => LineKey::DeleteBack,
            (KeyCode::Char('d'), true, _) | (KeyCode::Delete, ..) => LineKey::DeleteOn,
            (KeyCode::Left, c, a) if c || a => LineKey::WordBack,
            (KeyCode::Right, c, a) if c || a => LineKey::WordOn,
            (KeyCode::Char('b'), _, true) => LineKey::WordBack,
            (KeyCode::Char('f'), _, true) => LineKey::WordOn,
            (KeyCode::Char('b'), true, _) | (KeyCode::Left, ..) => LineKey::Back,
            (KeyCode::Char('f'), true, _) | (KeyCode::Right, ..) => LineKey::On,
            (KeyCode::Char('a'), true, _) | (KeyCode::Home, ..) => LineKey::Start,
            (KeyCode::Char('e'), true, _) | (KeyCode::End, ..) => LineKey::End,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineEdit {
    text: String,
    /// Cursor position in bytes, always at a grapheme boundary.
    cursor: usize,
    /// Earlier states (text, cursor) for undo, and undone ones for redo.
    undo: Vec<(String, usize)>,
    redo: Vec<(String, usize)>,
    /// The last text deleted by a word or line deletion, for Ctrl-Y.
    yank: String,
}

impl LineEdit {
    /// An editor holding `text` with the cursor at its end.
    pub fn new(text: &str) -> Self {
        let text = sanitize::one_line(text);
        Self {
            cursor: text.len(),
            text,
            ..Self::default()
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Handles a key; printable characters insert. The keys are the text areas':
    /// ←→ / Ctrl-B Ctrl-F move, Ctrl/Alt-←→ and Alt-B Alt-F by word, Home End / Ctrl-A
    /// Ctrl-E to the ends; Backspace / Ctrl-H and Delete / Ctrl-D delete, Ctrl-W,
    /// Alt-Backspace and Alt-H a word back, Alt-D a word on, Ctrl-U to the start, Ctrl-K
    /// to the end; Ctrl-Z undoes; Ctrl-Y redoes what was undone, else puts back what was
    /// deleted; Ctrl-Shift-Z redoes.
    pub fn key(&mut self, key: KeyEvent) -> Edit {
        let Some(command) = LineKey::of(key) else {
            return Edit::Ignored;
        };
        let (at, end) = (self.cursor, self.text.len());
        match command {
            LineKey::Insert(c) => {
                self.insert(&c.to_string());
                Edit::Changed
            }
            LineKey::Undo => self.step(true),
            LineKey::Redo => self.step(false),
            // Right after an undo, Ctrl-Y redoes (an edit since clears what can be redone).
            LineKey::Yank if !self.redo.is_empty() => self.step(false),
            LineKey::Yank if self.yank.is_empty() => Edit::Ignored,
            LineKey::Yank => {
                let yank = self.yank.clone();
                self.insert(&yank);
                Edit::Changed
            }
            LineKey::CutToStart => self.cut(0, at),
            LineKey::CutToEnd => self.cut(at, end),
            LineKey::CutWordBack => self.cut(self.word_start(), at),
            LineKey::CutWordOn => self.cut(at, self.word_end()),
            LineKey::DeleteBack => self.delete(self.prev(), at),
            LineKey::DeleteOn => self.delete(at, self.next()),
            LineKey::WordBack => self.move_to(self.word_start()),
            LineKey::WordOn => self.move_to(self.word_end()),
            LineKey::Back => self.move_to(self.prev()),
            LineKey::On => self.move_to(self.next()),
            LineKey::Start => self.move_to(0),
            LineKey::End => self.move_to(end),
        }
    }

    /// Inserts pasted text as one edit; line breaks become spaces.
    pub fn paste(&mut self, text: &str) {
        self.insert(&sanitize::one_line(text.trim_end_matches(['\n', '\r'])));
    }

    /// The cursor, in bytes.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Inserts `s` at the end, after `; ` when the text does not end in a space.
    pub fn append(&mut self, s: &str) {
        let sep = if self.text.is_empty() || self.text.ends_with(char::is_whitespace) {
            ""
        } else {
            "; "
        };
        self.cursor = self.text.len();
        self.insert(&format!("{sep}{s}"));
    }

    /// Inserts at the cursor.
    pub fn insert(&mut self, s: &str) {
        let s = sanitize::one_line(s);
        if s.is_empty() {
            return;
        }
        self.remember();
        self.text.insert_str(self.cursor, &s);
        self.cursor += s.len();
        // A combining mark joins the grapheme before it: stay on a boundary.
        self.cursor = self.boundary_at_or_after(self.cursor);
    }

    /// The grapheme boundary before the cursor.
    fn prev(&self) -> usize {
        self.text[..self.cursor]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(at, _)| at)
    }

    /// The grapheme boundary after the cursor.
    fn next(&self) -> usize {
        self.text[self.cursor..]
            .graphemes(true)
            .next()
            .map_or(self.cursor, |g| self.cursor + g.len())
    }

    fn boundary_at_or_after(&self, at: usize) -> usize {
        self.text
            .grapheme_indices(true)
            .map(|(i, _)| i)
            .chain([self.text.len()])
            .find(|&i| i >= at)
            .unwrap_or(self.text.len())
    }

    fn move_to(&mut self, to: usize) -> Edit {
        if to == self.cursor {
            return Edit::Ignored;
        }
        self.cursor = to;
        Edit::Moved
    }

    fn delete(&mut self, from: usize, to: usize) -> Edit {
        if from >= to {
            return Edit::Ignored;
        }
        self.remember();
        self.text.replace_range(from..to, "");
        self.cursor = from;
        Edit::Changed
    }

    /// Deletes a word or to an end, keeping the text for Ctrl-Y.
    fn cut(&mut self, from: usize, to: usize) -> Edit {
        if from < to {
            self.yank = self.text[from..to].to_owned();
        }
        self.delete(from, to)
    }

    /// Saves the state before an edit, for undo.
    fn remember(&mut self) {
        if self.undo.len() == HISTORY {
            self.undo.remove(0);
        }
        self.undo.push((self.text.clone(), self.cursor));
        self.redo.clear();
    }

    /// Undoes (`back`) or redoes one edit.
    fn step(&mut self, back: bool) -> Edit {
        let (from, to) = if back {
            (&mut self.undo, &mut self.redo)
        } else {
            (&mut self.redo, &mut self.undo)
        };
        let Some((text, cursor)) = from.pop() else {
            return Edit::Ignored;
        };
        to.push((std::mem::replace(&mut self.text, text), self.cursor));
        self.cursor = cursor;
        Edit::Changed
    }

    fn word_start(&self) -> usize {
        let before = &self.text[..self.cursor];
        let trimmed = before.trim_end();
        trimmed.rfind(char::is_whitespace).map_or(0, |i| {
            i + trimmed[i..].chars().next().map_or(1, char::len_utf8)
        })
    }

    fn word_end(&self) -> usize {
        let after = &self.text[self.cursor..];
        let skipped = after.len() - after.trim_start().len();
        let rest = &after[skipped..];
        self.cursor + skipped + rest.find(char::is_whitespace).unwrap_or(rest.len())
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
        let before = self.text[..self.cursor].width();
        // Focused, the cursor shows (one column after the last character is kept for it);
        // text scrolled off the start is marked by a `…` in the first column, so a
        // scrolled `octocat` never reads as `ctocat`. Unfocused, the text shows from its
        // start.
        let scrolled = focused && before + 1 > width && width > 1;
        let lead = usize::from(scrolled);
        let skip = if scrolled { before + 2 - width } else { 0 };
        buf.set_style(area, style);
        if self.text.is_empty() {
            buf.set_stringn(area.x, area.y, placeholder, width, placeholder_style);
        } else {
            // Unfocused text too long for its row ends in `…` rather than just stopping.
            let cut = !focused && self.text.width() > width;
            let room = if cut { width - 1 } else { width };
            let mut col = 0usize;
            let mut x = lead;
            for g in self.text.graphemes(true) {
                let w = g.width();
                // A wide character cut by the scroll is left out (the `…` stands for it).
                if col >= skip {
                    x = col - skip + lead;
                    if x + w > room {
                        break;
                    }
                    buf.set_stringn(area.x + x as u16, area.y, g, w, style);
                    x += w;
                }
                col += w;
            }
            if cut {
                buf.set_stringn(area.x + x as u16, area.y, "…", 1, style);
            }
            if scrolled {
                buf.set_stringn(area.x, area.y, "…", 1, style);
            }
        }
        let x = u16::try_from((before + lead - skip).min(width - 1)).unwrap_or(0);
        focused.then(|| Position::new(area.x + x, area.y))
    }
}

#[cfg(test)]
mod tests;
