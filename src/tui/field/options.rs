//! Choices and checkboxes: radio buttons or boxes, a text blank for `Other: ___`
//! options, and a text line for "describe instead" choices.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use super::super::theme::Theme;
use super::line::{Edit, LineEdit};
use crate::form::{Opt, Selection};

/// The options `PgUp` and `PgDn` move over.
pub const PAGE: usize = 10;

#[derive(Debug, Clone)]
pub struct Options {
    /// Several may be chosen (checkboxes, multi choice).
    multi: bool,
    opts: Vec<Opt>,
    checked: Vec<bool>,
    blanks: Vec<LineEdit>,
    /// For "choose, or describe": the instruction and the text.
    custom: Option<(String, LineEdit)>,
    /// The option under the cursor; `options.len()` is the custom line.
    pub cursor: usize,
}

impl Options {
    pub fn new(options: &[Opt], multi: bool, custom: Option<&str>, sel: &Selection) -> Self {
        let n = options.len();
        Self {
            multi,
            opts: options.to_vec(),
            checked: (0..n)
                .map(|i| sel.checked.get(i).copied().unwrap_or(false))
                .collect(),
            blanks: (0..n)
                .map(|i| LineEdit::new(sel.blanks.get(i).map_or("", String::as_str)))
                .collect(),
            custom: custom.map(|c| (c.to_owned(), LineEdit::new(&sel.custom))),
            cursor: 0,
        }
    }

    /// Whether the list is longer than a page: `PgUp` and `PgDn` then move in it.
    pub fn long(&self) -> bool {
        self.rows() > PAGE
    }

    fn rows(&self) -> usize {
        self.opts.len() + usize::from(self.custom.is_some())
    }

    fn on_custom(&self) -> bool {
        self.cursor == self.opts.len() && self.custom.is_some()
    }

    /// The text editor under the cursor, if it takes typing: a ticked blank option, or
    /// the custom line.
    fn text_under_cursor(&mut self) -> Option<&mut LineEdit> {
        if self.on_custom() {
            return self.custom.as_mut().map(|(_, e)| e);
        }
        let i = self.cursor;
        (self.opts.get(i)?.blank && self.checked[i]).then(|| &mut self.blanks[i])
    }

    pub fn key(&mut self, key: KeyEvent) -> Edit {
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match key.code {
            KeyCode::Up => self.move_by(-1),
            KeyCode::Down => self.move_by(1),
            KeyCode::PageUp if self.long() => self.move_by(-PAGE.cast_signed()),
            KeyCode::PageDown if self.long() => self.move_by(PAGE.cast_signed()),
            // Home and End are the text's when a text line takes typing.
            KeyCode::Home if self.text_under_cursor().is_none() => self.move_by(isize::MIN),
            KeyCode::End if self.text_under_cursor().is_none() => self.move_by(isize::MAX),
            KeyCode::Left if !self.multi && self.text_under_cursor().is_none() => self.move_by(-1),
            KeyCode::Right if !self.multi && self.text_under_cursor().is_none() => self.move_by(1),
            KeyCode::Char(' ')
                if plain
                    && !self.on_custom()
                    && self.text_under_cursor().is_none_or(|e| e.is_empty()) =>
            {
                self.pick(self.cursor)
            }
            KeyCode::Enter if !self.on_custom() => self.toggle(self.cursor),
            KeyCode::Char(c) if plain && self.jumps() => self.jump(c),
            _ => {
                // Typing on an option of a "choose or describe" field describes.
                let typing = matches!(key.code, KeyCode::Char(_)) && plain;
                if typing && self.custom.is_some() && self.text_under_cursor().is_none() {
                    self.cursor = self.opts.len();
                }
                let single = !self.multi;
                let on_custom = self.on_custom();
                let edit = self
                    .text_under_cursor()
                    .map_or(Edit::Ignored, |e| e.key(key));
                if edit == Edit::Changed && single && on_custom {
                    self.checked.iter_mut().for_each(|c| *c = false);
                }
                edit
            }
        }
    }

    pub fn paste(&mut self, text: &str) -> bool {
        let single = !self.multi;
        let on_custom = self.on_custom();
        let Some(editor) = self.text_under_cursor() else {
            return false;
        };
        editor.paste(text);
        if single && on_custom {
            self.checked.iter_mut().for_each(|c| *c = false);
        }
        true
    }

    /// Whether a typed character jumps between options (type-ahead): not where it
    /// describes (a "choose or describe" field) or fills a ticked `Other: ___`.
    fn jumps(&self) -> bool {
        let i = self.cursor;
        self.custom.is_none() && !self.opts.get(i).is_some_and(|o| o.blank && self.checked[i])
    }

    /// The next option after the cursor (round to the first) whose label starts with
    /// `c`, ignoring case. It only moves the cursor, as ↑↓ do: Space or Enter picks.
    fn jump(&mut self, c: char) -> Edit {
        let n = self.opts.len();
        let found = (1..=n)
            .map(|step| (self.cursor + step) % n)
            .find(|&i| starts_with(&self.opts[i].label, c));
        match found {
            Some(i) if i != self.cursor => {
                self.cursor = i;
                Edit::Moved
            }
            _ => Edit::Ignored,
        }
    }

    /// What to say of `key` when it is a character no option starts with (type-ahead
    /// found nothing), instead of dropping it without a word.
    pub fn unmatched(&self, key: &KeyEvent) -> Option<String> {
        let KeyCode::Char(c) = key.code else {
            return None;
        };
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        let missed = plain
            && c != ' '
            && self.jumps()
            && !self.opts.iter().any(|o| starts_with(&o.label, c));
        let pick = if self.multi {
            "Space ticks"
        } else {
            "Space picks"
        };
        missed.then(|| format!("no option starts with \"{c}\"; ↑↓ move, {pick}"))
    }

    fn move_by(&mut self, delta: isize) -> Edit {
        let to = self
            .cursor
            .saturating_add_signed(delta)
            .min(self.rows().saturating_sub(1));
        if to == self.cursor {
            return Edit::Ignored;
        }
        self.cursor = to;
        Edit::Moved
    }

    /// Space on option `i`: a box ticks or unticks; a choice is picked, and stays
    /// picked when it was (a space typed on a list, as in `30% faster`, cleared it
    /// without a word; Enter or a click on it clears it).
    fn pick(&mut self, i: usize) -> Edit {
        if !self.multi && self.checked.get(i).copied().unwrap_or(false) {
            return Edit::Ignored;
        }
        self.toggle(i)
    }

    /// Whether several options may be chosen: boxes are ticked, a choice picked.
    pub fn multi(&self) -> bool {
        self.multi
    }

    /// Ticks or unticks option `i` (a single choice keeps at most one).
    pub fn toggle(&mut self, i: usize) -> Edit {
        if i >= self.opts.len() {
            return Edit::Ignored;
        }
        let now = !self.checked[i];
        if !self.multi {
            self.checked.iter_mut().for_each(|c| *c = false);
            if let Some((_, text)) = &mut self.custom {
                *text = LineEdit::default();
            }
        }
        self.checked[i] = now;
        Edit::Changed
    }

    /// Clicking a row moves there and ticks it.
    pub fn click(&mut self, row: usize) -> Edit {
        if row >= self.rows() {
            return Edit::Ignored;
        }
        self.cursor = row;
        if row < self.opts.len() {
            self.toggle(row)
        } else {
            Edit::Moved
        }
    }

    pub fn selection(&self) -> Selection {
        Selection {
            checked: self.checked.clone(),
            blanks: self.blanks.iter().map(|b| b.text().to_owned()).collect(),
            custom: self
                .custom
                .as_ref()
                .map(|(_, e)| e.text().to_owned())
                .unwrap_or_default(),
        }
    }

    pub fn height(&self) -> u16 {
        super::rows(self.rows())
    }

    pub fn render(
        &self,
        area: Rect,
        buf: &mut Buffer,
        focused: bool,
        theme: Theme,
    ) -> Option<Position> {
        self.render_from(0, area, buf, focused, theme)
    }

    /// [`Options::render`] from row `first` on (the rows above are scrolled off).
    pub fn render_from(
        &self,
        first: usize,
        area: Rect,
        buf: &mut Buffer,
        focused: bool,
        theme: Theme,
    ) -> Option<Position> {
        let mut cursor = None;
        let end = self.rows().min(first + usize::from(area.height));
        for row in first.min(end)..end {
            let y = area.y + (row - first) as u16;
            let here = focused && row == self.cursor;
            let style = if here {
                theme.option_focused()
            } else {
                theme.option()
            };
            // A visible marker too, for terminals without color.
            buf.set_stringn(area.x, y, if here { "›" } else { " " }, 1, style);
            let area = Rect::new(
                area.x + 2,
                area.y,
                area.width.saturating_sub(2),
                area.height,
            );
            if row == self.opts.len() {
                let (instruction, text) =
                    self.custom.as_ref().map(|(i, t)| (i.as_str(), t)).unzip();
                let label = "or describe: ";
                buf.set_stringn(area.x, y, label, usize::from(area.width), style);
                let x = area.x + label.len() as u16;
                let rest = Rect::new(x, y, area.width.saturating_sub(x - area.x), 1);
                if let Some(text) = text {
                    let pos = text.render(
                        rest,
                        buf,
                        here,
                        instruction.unwrap_or(""),
                        theme.input(here),
                        theme.placeholder(),
                    );
                    cursor = cursor.or(pos);
                }
                continue;
            }
            let opt = &self.opts[row];
            let mark = match (self.multi, self.checked[row]) {
                (true, true) => "[x]",
                (true, false) => "[ ]",
                (false, true) => "(•)",
                (false, false) => "( )",
            };
            let indent = "  ".repeat(opt.depth);
            let text = format!("{indent}{mark} {}", opt.label);
            // A label too long for the row ends in `…`, leaving room for the `*` of a box
            // that must be ticked.
            let room = usize::from(area.width).saturating_sub(if opt.required { 2 } else { 0 });
            let text = super::wrap::with_ellipsis(&text, room);
            let mut used = buf
                .set_stringn(area.x, y, &text, usize::from(area.width), style)
                .0;
            // A box that must be ticked says so from the start, as a required field does.
            if opt.required {
                let room = usize::from((area.x + area.width).saturating_sub(used));
                used = buf.set_stringn(used, y, " *", room, theme.missing()).0;
            }
            if opt.blank {
                let x = used + 1;
                let rest = Rect::new(x, y, area.width.saturating_sub(x - area.x), 1);
                let editing = here && self.checked[row];
                let pos = self.blanks[row].render(
                    rest,
                    buf,
                    editing,
                    "___",
                    theme.input(editing),
                    theme.placeholder(),
                );
                cursor = cursor.or(pos);
            }
        }
        cursor
    }
}

/// Whether `label` starts with `c`, ignoring case and any marks before its first letter
/// or digit (`` `go test` ``, `**Bug**`).
fn starts_with(label: &str, c: char) -> bool {
    label
        .chars()
        .find(|ch| ch.is_alphanumeric())
        .is_some_and(|first| first.to_lowercase().eq(c.to_lowercase()))
}

#[cfg(test)]
mod tests;
