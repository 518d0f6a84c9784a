//! Tables: header and row labels fixed, the other cells editable. Arrows and Tab move
//! between cells; typing edits the cell under the cursor.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use unicode_width::UnicodeWidthStr;

use super::super::theme::Theme;
use super::line::{Edit, LineEdit};
use crate::form::{Cells, Labels};

#[derive(Debug, Clone)]
pub struct Table {
    columns: Vec<String>,
    rows: Vec<String>,
    hints: Vec<Vec<String>>,
    cells: Vec<Vec<LineEdit>>,
    pub row: usize,
    pub col: usize,
}

impl Table {
    pub fn new(
        columns: Labels<'_>,
        rows: Labels<'_>,
        hints: &[Vec<String>],
        cells: &Cells,
    ) -> Self {
        Self {
            columns: columns.iter().map(str::to_owned).collect(),
            rows: rows.iter().map(str::to_owned).collect(),
            hints: hints.to_vec(),
            cells: cells
                .iter()
                .map(|r| r.iter().map(|c| LineEdit::new(c)).collect())
                .collect(),
            row: 0,
            col: 0,
        }
    }

    fn width(&self) -> usize {
        self.columns.len().saturating_sub(1)
    }

    fn move_to(&mut self, row: usize, col: usize) -> Edit {
        if (row, col) == (self.row, self.col) || row >= self.rows.len() || col >= self.width() {
            return Edit::Ignored;
        }
        (self.row, self.col) = (row, col);
        Edit::Moved
    }

    /// Tab and Shift-Tab move cell by cell and are ignored at the ends (so they leave
    /// the table).
    pub fn key(&mut self, key: KeyEvent) -> Edit {
        let (r, c, w) = (self.row, self.col, self.width());
        match key.code {
            KeyCode::Up if r > 0 => self.move_to(r - 1, c),
            KeyCode::Down | KeyCode::Enter => self.move_to(r + 1, c),
            KeyCode::Left | KeyCode::BackTab if c > 0 => self.move_to(r, c - 1),
            KeyCode::Tab if c + 1 >= w => self.move_to(r + 1, 0),
            KeyCode::Right | KeyCode::Tab => self.move_to(r, c + 1),
            KeyCode::BackTab if r > 0 => self.move_to(r - 1, w.saturating_sub(1)),
            KeyCode::Char(_)
            | KeyCode::Backspace
            | KeyCode::Delete
            | KeyCode::Home
            | KeyCode::End => self.cell_mut().map_or(Edit::Ignored, |cell| cell.key(key)),
            _ => Edit::Ignored,
        }
    }

    fn cell_mut(&mut self) -> Option<&mut LineEdit> {
        self.cells.get_mut(self.row)?.get_mut(self.col)
    }

    pub fn paste(&mut self, text: &str) -> bool {
        self.cell_mut().map(|c| c.paste(text)).is_some()
    }

    pub fn values(&self) -> Cells {
        self.cells
            .iter()
            .map(|r| r.iter().map(|c| c.text().to_owned()).collect())
            .collect()
    }

    pub fn height(&self) -> u16 {
        super::rows(self.rows.len() + 2)
    }

    /// Column widths that fit `total`: the widest of header, cells and hints, shrunk
    /// evenly when too wide.
    fn widths(&self, total: u16) -> Vec<u16> {
        let mut widths: Vec<usize> = self.columns.iter().map(|c| c.width()).collect();
        for (r, label) in self.rows.iter().enumerate() {
            widths[0] = widths[0].max(label.width());
            for c in 0..self.width() {
                let cell = self.cells[r][c].text().width();
                let hint = self
                    .hints
                    .get(r)
                    .and_then(|h| h.get(c))
                    .map_or(0, |h| h.width());
                // One more column for the cursor after the last character.
                widths[c + 1] = widths[c + 1].max(cell.max(hint) + 1).max(3);
            }
        }
        let gaps = widths.len().saturating_sub(1) * 3;
        let available = usize::from(total).saturating_sub(gaps);
        let sum: usize = widths.iter().sum();
        if sum <= available {
            return widths.into_iter().map(|w| w as u16).collect();
        }
        // What must stay readable: the row labels and each header. A long cell gives
        // way first (it scrolls while edited); all columns shrink evenly only when
        // even those do not fit.
        let mut floors: Vec<usize> = self.columns.iter().map(|c| c.width().max(3)).collect();
        floors[0] = widths[0];
        let fitted = |cap: usize| -> usize {
            widths
                .iter()
                .zip(&floors)
                .map(|(&w, &f)| w.min(cap.max(f)))
                .sum()
        };
        if fitted(0) <= available {
            // The widest cap on the other columns that fits.
            let (mut lo, mut hi) = (0, widths.iter().copied().max().unwrap_or(0));
            while lo < hi {
                let mid = (lo + hi).div_ceil(2);
                if fitted(mid) <= available {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            for (w, &f) in widths.iter_mut().zip(&floors) {
                *w = (*w).min(lo.max(f));
            }
        } else {
            for w in &mut widths {
                *w = (*w * available).checked_div(sum).unwrap_or(1).max(1);
            }
        }
        widths.into_iter().map(|w| w as u16).collect()
    }

    pub fn render(
        &self,
        area: Rect,
        buf: &mut Buffer,
        focused: bool,
        theme: Theme,
    ) -> Option<Position> {
        let widths = self.widths(area.width);
        let xs: Vec<u16> = widths
            .iter()
            .scan(area.x, |x, w| {
                let at = *x;
                *x = x.saturating_add(w.saturating_add(3));
                Some(at)
            })
            .collect();
        for (c, name) in self.columns.iter().enumerate() {
            buf.set_stringn(
                xs[c],
                area.y,
                name,
                usize::from(widths[c]),
                theme.table_header(),
            );
        }
        if area.height > 1 {
            let rule = "─".repeat(usize::from(area.width));
            buf.set_stringn(
                area.x,
                area.y + 1,
                rule,
                usize::from(area.width),
                theme.help(),
            );
        }
        let mut cursor = None;
        for (r, label) in self.rows.iter().enumerate() {
            let y = area.y + 2 + r as u16;
            if y >= area.bottom() {
                break;
            }
            buf.set_stringn(xs[0], y, label, usize::from(widths[0]), theme.label(false));
            for c in 0..self.width() {
                let here = focused && (r, c) == (self.row, self.col);
                let hint = self
                    .hints
                    .get(r)
                    .and_then(|h| h.get(c))
                    .map_or("", String::as_str);
                let cell = Rect::new(xs[c + 1], y, widths[c + 1], 1);
                let pos = self.cells[r][c].render(
                    cell,
                    buf,
                    here,
                    hint,
                    theme.input(here),
                    theme.placeholder(),
                );
                cursor = cursor.or(pos);
            }
        }
        cursor
    }
}
