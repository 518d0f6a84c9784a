//! Multi-line text and code: a ratatui-textarea editor. Text wraps at words; code does
//! not wrap and shows its language. The field grows with its content up to a cap, then
//! scrolls.
//!
//! The editor recomputes its screen map over all its lines on every edit, so it holds a
//! window of lines around the cursor and the rest waits outside: a keystroke costs the
//! same in a 10,000-line paste as in a short answer.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Widget as _;
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use super::super::theme::Theme;
use super::line::Edit;

/// Rows a text area may take before it scrolls.
pub const MAX_ROWS: u16 = 12;
/// How the cursor is drawn (with or without color).
const CURSOR: Style = Style::new().add_modifier(Modifier::REVERSED);
/// Lines the editor holds at a time: it maps every one of them to screen rows on each
/// edit (a quarter of a keystroke at 400), and it shows at most [`MAX_ROWS`].
const WINDOW: usize = 160;
/// How close the cursor may come to the window's edge before the window moves.
const MARGIN: usize = 40;

#[derive(Debug, Clone)]
pub struct Area {
    editor: TextArea<'static>,
    /// Lines above and below the editor's window.
    before: Vec<String>,
    after: Vec<String>,
    code: bool,
    placeholder: String,
    placeholder_style: Style,
}

impl Area {
    pub fn new(text: &str, placeholder: &str, code: Option<&str>, theme: Theme) -> Self {
        let mut area = Self {
            editor: TextArea::default(),
            before: Vec::new(),
            after: Vec::new(),
            code: code.is_some(),
            placeholder: placeholder.lines().next().unwrap_or("").to_owned(),
            placeholder_style: theme.placeholder(),
        };
        let lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
        // Code does not wrap: after its longest line the view would start mid-line.
        if area.code {
            area.load(lines, 0, 0);
        } else {
            area.load_at_end(lines);
        }
        area
    }

    /// Puts `lines` in with the cursor after the last character, where typing goes on
    /// (a resumed draft, a command's output, the editor's text).
    fn load_at_end(&mut self, lines: Vec<String>) {
        let row = lines.len().saturating_sub(1);
        let col = lines.last().map_or(0, |l| l.chars().count());
        self.load(lines, row, col);
    }

    /// Puts `lines` in, the window around `row`, the cursor at (`row`, `col`).
    fn load(&mut self, mut lines: Vec<String>, row: usize, col: usize) {
        let start = row
            .saturating_sub(WINDOW / 2)
            .min(lines.len().saturating_sub(WINDOW));
        let end = (start + WINDOW).min(lines.len());
        self.after = lines.split_off(end);
        let window = lines.split_off(start);
        self.before = lines;
        let mut editor = TextArea::new(if window.is_empty() {
            vec![String::new()]
        } else {
            window
        });
        editor.set_wrap_mode(if self.code {
            WrapMode::None
        } else {
            WrapMode::WordOrGlyph
        });
        editor.set_placeholder_text(self.placeholder.clone());
        editor.set_placeholder_style(self.placeholder_style);
        editor.set_cursor_line_style(Style::new());
        editor.set_cursor_style(CURSOR);
        editor.set_tab_length(super::wrap::TAB as u8);
        // Code keeps the tabs it is typed with (gofmt indents with them).
        editor.set_hard_tab_indent(self.code);
        let to = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
        editor.move_cursor(CursorMove::Jump(to(row - start), to(col)));
        self.editor = editor;
    }

    /// Moves the window when the cursor nears its edge (or it grew too big).
    fn rewindow(&mut self) {
        let ratatui_textarea::DataCursor(row, col) = self.editor.cursor();
        let len = self.editor.lines().len();
        let near_top = row < MARGIN && !self.before.is_empty();
        let near_bottom = len - row <= MARGIN && !self.after.is_empty();
        if near_top || near_bottom || len > 2 * WINDOW {
            let global = self.before.len() + row;
            let all = self.all_lines();
            self.load(all, global, col);
        }
    }

    fn all_lines(&mut self) -> Vec<String> {
        let mut all = std::mem::take(&mut self.before);
        all.extend(std::mem::take(&mut self.editor).into_lines());
        all.append(&mut self.after);
        all
    }

    /// Whether this is a code block (Tab types a tab in it).
    pub fn is_code(&self) -> bool {
        self.code
    }

    pub fn key(&mut self, key: KeyEvent) -> Edit {
        // Jumps to the first or last line need the whole text in the window's place.
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        let ctrl_alt = alt && key.modifiers.contains(KeyModifiers::CONTROL);
        let top = matches!(key.code, KeyCode::Char('<')) && alt
            || matches!(key.code, KeyCode::Up | KeyCode::Char('p')) && ctrl_alt;
        let bottom = matches!(key.code, KeyCode::Char('>')) && alt
            || matches!(key.code, KeyCode::Down | KeyCode::Char('n')) && ctrl_alt;
        if top || bottom {
            let all = self.all_lines();
            let row = if top { 0 } else { all.len().saturating_sub(1) };
            self.load(all, row, 0);
        }
        let before = self.editor.cursor();
        let ctrl = key.modifiers == KeyModifiers::CONTROL;
        let ctrl_shift = key.modifiers == KeyModifiers::CONTROL | KeyModifiers::SHIFT;
        let changed = match key.code {
            // Ctrl-U deletes to the line start, as in one-line inputs; Ctrl-Z undoes;
            // Ctrl-Y redoes right after an undo, else puts back what was deleted;
            // Ctrl-Shift-Z redoes. Ctrl-R (the editor's redo) runs a command instead.
            KeyCode::Char('u') if ctrl => self.editor.delete_line_by_head(),
            KeyCode::Char('z') if ctrl => self.editor.undo(),
            KeyCode::Char('Z' | 'z') if ctrl_shift => self.editor.redo(),
            KeyCode::Char('y') if ctrl => self.editor.redo() || self.editor.paste(),
            KeyCode::Char('r') if ctrl => false,
            _ => self.editor.input(key),
        };
        let edit = if changed {
            Edit::Changed
        } else if self.editor.cursor() == before {
            Edit::Ignored
        } else {
            Edit::Moved
        };
        self.rewindow();
        edit
    }

    /// A paste is one insert; line breaks and tabs are kept, escape sequences and other
    /// controls dropped (as the issue drops them, so the field shows what it will hold).
    pub fn paste(&mut self, text: &str) {
        self.editor.insert_str(crate::text::sanitize::clean(text));
        self.rewindow();
    }

    /// The cursor: line (in the whole text) and character.
    pub fn position(&self) -> (usize, usize) {
        let ratatui_textarea::DataCursor(row, col) = self.editor.cursor();
        (self.before.len() + row, col)
    }

    /// Puts `text` on a line of its own after the last one (on the last, when empty).
    pub fn append(&mut self, text: &str) {
        let all = self.all_lines();
        let blank = all.iter().all(String::is_empty);
        let last_empty = all.last().is_none_or(String::is_empty);
        self.load_at_end(all);
        let sep = if blank || last_empty { "" } else { "\n" };
        self.paste(&format!("{sep}{text}"));
    }

    /// Replaces the whole text (after an external editor).
    pub fn set_text(&mut self, text: &str) {
        let lines = text
            .trim_end_matches('\n')
            .split('\n')
            .map(str::to_owned)
            .collect();
        self.load_at_end(lines);
    }

    pub fn text(&self) -> String {
        let window = self.editor.lines();
        let mut out = String::with_capacity(
            [&self.before[..], window, &self.after[..]]
                .iter()
                .flat_map(|p| p.iter())
                .map(|l| l.len() + 1)
                .sum(),
        );
        for (i, line) in self
            .before
            .iter()
            .chain(window)
            .chain(&self.after)
            .enumerate()
        {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(line);
        }
        out
    }

    /// Rows needed at `width`, between 1 and [`MAX_ROWS`]: the rows the editor draws the
    /// text in (see [`super::wrap`]). Only counts up to the cap, so the cost does not grow
    /// with the text.
    pub fn height(&self, width: u16) -> u16 {
        let width = usize::from(width.max(1));
        let mut rows = 0usize;
        for line in self
            .before
            .iter()
            .chain(self.editor.lines())
            .chain(&self.after)
        {
            rows += if self.code {
                1
            } else {
                super::wrap::rows(line, width)
            };
            if rows >= usize::from(MAX_ROWS) {
                return MAX_ROWS;
            }
        }
        rows.max(1) as u16
    }

    /// Draws the editor; the cursor (a reversed cell) shows only when `focused`.
    pub fn render(&self, area: Rect, buf: &mut Buffer, focused: bool) {
        (&self.editor).render(area, buf);
        if focused || area.is_empty() {
            return;
        }
        // The editor always draws its cursor: take it away again where it was drawn.
        let screen = self.editor.screen_cursor();
        let (top_row, top_col) = self.editor.scroll_offset();
        let (row, col) = if self.editor.is_empty() {
            (0, 0)
        } else {
            (
                screen.row.saturating_sub(usize::from(top_row)),
                screen.col.saturating_sub(usize::from(top_col)),
            )
        };
        if row < usize::from(area.height) && col < usize::from(area.width) {
            let at = Position::new(area.x + col as u16, area.y + row as u16);
            if let Some(cell) = buf.cell_mut(at) {
                cell.modifier.remove(CURSOR.add_modifier);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn a_long_text_keeps_every_line_while_the_window_moves() {
        let text: Vec<String> = (0..2000).map(|i| format!("line {i}")).collect();
        let mut area = Area::new(&text.join("\n"), "", None, Theme::plain());
        assert!(area.editor.lines().len() <= WINDOW);
        // The cursor starts after the text; Alt-< goes to the top.
        area.key(KeyEvent::new(KeyCode::Char('<'), KeyModifiers::ALT));
        for _ in 0..1500 {
            area.key(key(KeyCode::Down));
        }
        area.key(key(KeyCode::Home));
        area.key(key(KeyCode::Char('>')));
        let mut expected = text.clone();
        expected[1500] = ">line 1500".to_owned();
        assert_eq!(area.text(), expected.join("\n"));
        area.key(KeyEvent::new(KeyCode::Char('<'), KeyModifiers::ALT));
        area.key(key(KeyCode::Char('^')));
        assert!(area.text().starts_with("^line 0\n"));
    }

    #[test]
    fn a_paste_drops_escapes_and_controls_and_keeps_tabs_and_lines() {
        let mut area = Area::new("", "", None, Theme::plain());
        area.paste("a\tb\u{1b}[31mRED\u{1b}[0m\u{7} c\rd\r\ne");
        assert_eq!(area.text(), "a\tbRED c\nd\ne");
    }

    #[test]
    fn typing_goes_on_after_the_text() {
        let mut area = Area::new("first\nsecond", "", None, Theme::plain());
        area.key(key(KeyCode::Char('!')));
        assert_eq!(area.text(), "first\nsecond!");
        area.set_text("from the editor\n");
        area.key(key(KeyCode::Char('.')));
        assert_eq!(area.text(), "from the editor.");
    }

    #[test]
    fn ctrl_u_deletes_to_the_line_start_and_ctrl_z_undoes() {
        let mut area = Area::new("first\nsecond line", "", None, Theme::plain());
        area.key(key(KeyCode::Down));
        area.key(key(KeyCode::End));
        for _ in 0..4 {
            area.key(key(KeyCode::Left));
        }
        let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
        assert_eq!(area.key(ctrl('u')), Edit::Changed);
        assert_eq!(area.text(), "first\nline");
        assert_eq!(area.key(ctrl('z')), Edit::Changed);
        assert_eq!(area.text(), "first\nsecond line");
        assert_eq!(area.key(ctrl('y')), Edit::Changed);
        assert_eq!(area.text(), "first\nline");
        assert_eq!(area.key(ctrl('r')), Edit::Ignored);
        // Nothing left to redo: Ctrl-Y puts back what Ctrl-U deleted.
        area.key(ctrl('y'));
        assert_eq!(area.text(), "first\nsecond line");
    }

    #[test]
    fn backspace_at_the_window_edge_joins_with_the_line_above() {
        let text: Vec<String> = (0..1000).map(|i| i.to_string()).collect();
        let mut area = Area::new(&text.join("\n"), "", None, Theme::plain());
        area.key(KeyEvent::new(KeyCode::Char('<'), KeyModifiers::ALT));
        for _ in 0..700 {
            area.key(key(KeyCode::Down));
        }
        for _ in 0..650 {
            area.key(key(KeyCode::Home));
            area.key(key(KeyCode::Backspace));
        }
        assert_eq!(area.text().lines().count(), 1000 - 650);
        let joined: String = (50..=700).map(|i| i.to_string()).collect();
        assert_eq!(area.text().lines().nth(50), Some(joined.as_str()));
    }
}
