//! Multi-line text and code: a ratatui-textarea editor. Text wraps at words; code does
//! not wrap and shows its language. The field grows with its content up to a cap, then
//! scrolls.

use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget as _;
use ratatui_textarea::{TextArea, WrapMode};
use unicode_width::UnicodeWidthStr;

use super::super::theme::Theme;
use super::line::Edit;

/// Rows a text area may take before it scrolls.
pub const MAX_ROWS: u16 = 12;

#[derive(Debug, Clone)]
pub struct Area {
    editor: TextArea<'static>,
    code: bool,
    pub language: String,
}

impl Area {
    pub fn new(text: &str, placeholder: &str, code: Option<&str>, theme: Theme) -> Self {
        let lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
        let mut editor = TextArea::new(lines);
        editor.set_wrap_mode(if code.is_some() {
            WrapMode::None
        } else {
            WrapMode::WordOrGlyph
        });
        editor.set_placeholder_text(placeholder.lines().next().unwrap_or(""));
        editor.set_placeholder_style(theme.placeholder());
        editor.set_cursor_line_style(ratatui::style::Style::new());
        editor.set_tab_length(4);
        let mut area = Self {
            editor,
            code: code.is_some(),
            language: code.unwrap_or("").to_owned(),
        };
        area.set_focused(false, theme);
        area
    }

    /// Shows or hides the cursor.
    pub fn set_focused(&mut self, focused: bool, theme: Theme) {
        let style = if focused {
            theme.cursor()
        } else {
            self.editor.style()
        };
        self.editor.set_cursor_style(style);
    }

    pub fn key(&mut self, key: KeyEvent) -> Edit {
        let before = self.editor.cursor();
        if self.editor.input(key) {
            Edit::Changed
        } else if self.editor.cursor() == before {
            Edit::Ignored
        } else {
            Edit::Moved
        }
    }

    /// A paste is one insert; line breaks are kept.
    pub fn paste(&mut self, text: &str) {
        self.editor
            .insert_str(text.replace("\r\n", "\n").replace('\r', "\n"));
    }

    /// Replaces the whole text (after an external editor).
    pub fn set_text(&mut self, text: &str) {
        self.editor.select_all();
        self.editor.cut();
        self.editor.insert_str(text.trim_end_matches('\n'));
    }

    pub fn text(&self) -> String {
        self.editor.lines().join("\n")
    }

    pub fn is_code(&self) -> bool {
        self.code
    }

    /// Rows needed at `width`, between 1 and [`MAX_ROWS`]. Only counts up to the cap, so
    /// the cost does not grow with the text.
    pub fn height(&self, width: u16) -> u16 {
        let width = usize::from(width.max(1));
        let mut rows = 0usize;
        for line in self.editor.lines() {
            rows += if self.code {
                1
            } else {
                line.width().div_ceil(width).max(1)
            };
            if rows >= usize::from(MAX_ROWS) {
                return MAX_ROWS;
            }
        }
        (rows.max(1)) as u16
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer) {
        (&self.editor).render(area, buf);
    }
}
