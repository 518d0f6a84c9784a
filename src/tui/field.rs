//! One widget per field kind, behind one small API: build from the core field, handle
//! input, report height for a width, give the value, draw.

pub mod area;
pub mod line;
pub mod list;
pub mod options;
pub mod table;
pub mod wrap;

use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use self::area::Area;
use self::line::{Edit, LineEdit};
use self::list::List;
use self::options::Options;
use self::table::Table;
use super::theme::Theme;
use crate::form::{Field, FieldKind, Selection, Value};

/// A count of rows as terminal rows (saturating: a huge list still lays out).
pub fn rows(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// The editing state of one field.
#[derive(Debug, Clone)]
pub enum Widget {
    Text(LineEdit),
    Area(Box<Area>),
    Options(Options),
    Table(Table),
    List(List),
}

impl Widget {
    pub fn new(field: &Field, value: &Value, theme: Theme) -> Self {
        let text = value.as_text();
        let empty = Selection::default();
        let sel = match value {
            Value::Select(sel) => sel,
            _ => &empty,
        };
        match &field.kind {
            FieldKind::Text => Widget::Text(LineEdit::new(text)),
            FieldKind::TextArea => {
                Widget::Area(Box::new(Area::new(text, &field.placeholder, None, theme)))
            }
            FieldKind::Code { language } => Widget::Area(Box::new(Area::new(
                text,
                &field.placeholder,
                Some(language),
                theme,
            ))),
            FieldKind::Choice { options, custom } => {
                Widget::Options(Options::new(options, false, custom.as_deref(), sel))
            }
            FieldKind::MultiChoice { options } | FieldKind::Checkboxes { options } => {
                Widget::Options(Options::new(options, true, None, sel))
            }
            FieldKind::Table(table) => {
                let empty = crate::form::Cells::default();
                let cells = match value {
                    Value::Table(cells) => cells,
                    _ => &empty,
                };
                Widget::Table(Table::new(
                    table.columns(),
                    table.rows(),
                    &table.hints,
                    cells,
                ))
            }
            FieldKind::List => {
                let items = match value {
                    Value::List(items) => items.clone(),
                    _ => Vec::new(),
                };
                Widget::List(List::new(&items, &field.placeholder))
            }
        }
    }

    pub fn key(&mut self, key: KeyEvent) -> Edit {
        match self {
            Widget::Text(e) => e.key(key),
            Widget::Area(a) => a.key(key),
            Widget::Options(o) => o.key(key),
            Widget::Table(t) => t.key(key),
            Widget::List(l) => l.key(key),
        }
    }

    /// Inserts pasted text as one edit; returns whether anything changed.
    pub fn paste(&mut self, text: &str) -> bool {
        match self {
            Widget::Text(e) => {
                e.paste(text);
                true
            }
            Widget::Area(a) => {
                a.paste(text);
                true
            }
            Widget::Options(o) => o.paste(text),
            Widget::Table(t) => t.paste(text),
            Widget::List(l) => {
                l.paste(text);
                true
            }
        }
    }

    /// A click on row `row` of the widget.
    pub fn click(&mut self, row: u16) -> Edit {
        match self {
            Widget::Options(o) => o.click(usize::from(row)),
            Widget::List(l) => l.click(usize::from(row)),
            Widget::Table(t) if row >= 2 => {
                t.row = usize::from(row - 2);
                Edit::Moved
            }
            _ => Edit::Ignored,
        }
    }

    pub fn value(&self) -> Value {
        match self {
            Widget::Text(e) => Value::Text(e.text().to_owned()),
            Widget::Area(a) => Value::Text(a.text()),
            Widget::Options(o) => Value::Select(Box::new(o.selection())),
            Widget::Table(t) => Value::Table(t.values()),
            Widget::List(l) => Value::List(l.values()),
        }
    }

    /// Where the text cursor is (line, character), for text fields and areas.
    pub fn cursor(&self) -> Option<(usize, usize)> {
        match self {
            Widget::Text(e) => Some((0, e.cursor())),
            Widget::Area(a) => Some(a.position()),
            _ => None,
        }
    }

    /// Adds text after what is there: in a one-line field after `; `, in a text area
    /// on a new last line.
    pub fn append(&mut self, text: &str) {
        match self {
            Widget::Text(e) => e.append(text),
            Widget::Area(a) => a.append(text),
            _ => {
                self.paste(text);
            }
        }
    }

    /// Whether the widget edits text (a one-line field, a text area, code).
    pub fn takes_text(&self) -> bool {
        matches!(self, Widget::Text(_) | Widget::Area(_))
    }

    /// The text an external editor edits, for text fields and areas.
    pub fn editable_text(&self) -> Option<String> {
        match self {
            Widget::Text(e) => Some(e.text().to_owned()),
            Widget::Area(a) => Some(a.text()),
            _ => None,
        }
    }

    /// Takes text back from an external editor.
    pub fn set_text(&mut self, text: &str) {
        match self {
            Widget::Text(e) => *e = LineEdit::new(text.trim_end_matches('\n')),
            Widget::Area(a) => a.set_text(text),
            _ => {}
        }
    }

    /// Takes a value set from outside the widget (benchmark results).
    pub fn set_value(&mut self, field: &Field, value: &Value) {
        match self {
            Widget::Area(a) => a.set_text(value.as_text()),
            // Only text areas use the theme.
            other => *other = Widget::new(field, value, Theme::plain()),
        }
    }

    /// Rows the input needs at `width` (the label is drawn by the caller).
    pub fn height(&self, width: u16) -> u16 {
        match self {
            Widget::Text(_) => 1,
            Widget::Area(a) => a.height(width),
            Widget::Options(o) => o.height(),
            Widget::Table(t) => t.height(),
            Widget::List(l) => l.height(),
        }
    }

    /// Whether the widget uses a key that is otherwise a navigation key (Tab, Shift-Tab,
    /// Enter): Enter makes a new line in a text area; Tab moves between table cells and
    /// types a tab in a code block (Ctrl-↓ and Shift-Tab still move on from there).
    pub fn claims(&self, key: &KeyEvent) -> bool {
        use crossterm::event::KeyCode;
        match self {
            Widget::Text(_) => false,
            Widget::Table(_) => {
                matches!(key.code, KeyCode::Tab | KeyCode::BackTab | KeyCode::Enter)
            }
            // A long option list takes PgUp and PgDn (moving a page) before the section.
            Widget::Options(o) => {
                key.code == KeyCode::Enter
                    || (o.long() && matches!(key.code, KeyCode::PageUp | KeyCode::PageDown))
            }
            Widget::Area(a) if a.is_code() => matches!(key.code, KeyCode::Enter | KeyCode::Tab),
            Widget::Area(_) | Widget::List(_) => key.code == KeyCode::Enter,
        }
    }

    /// The row of the widget the cursor is on.
    pub fn cursor_row(&self) -> u16 {
        match self {
            Widget::Text(_) | Widget::Area(_) => 0,
            Widget::Options(o) => rows(o.cursor),
            Widget::Table(t) => rows(t.row + 2),
            Widget::List(l) => rows(l.cursor),
        }
    }

    /// Keys this widget adds to the footer: (key, what it does).
    pub fn hints(&self) -> &'static [(&'static str, &'static str)] {
        match self {
            Widget::Text(_) => &[("Enter", "next")],
            // Enter's new line goes without saying in code; the room is for Ctrl-↓,
            // the way out now that Tab types a tab.
            Widget::Area(a) if a.is_code() => &[("Tab", "tab"), ("Ctrl-E", "editor")],
            Widget::Area(_) => &[("Enter", "new line"), ("Ctrl-E", "editor")],
            // As the help and the "no option starts with" notice say it: a box ticks,
            // a choice is picked.
            Widget::Options(o) if o.long() && o.multi() => &[
                ("Space", "tick"),
                ("↑↓", "move"),
                ("PgUp/PgDn", "page"),
                ("Home/End", "ends"),
            ],
            Widget::Options(o) if o.long() => &[
                ("Space", "pick"),
                ("↑↓", "move"),
                ("PgUp/PgDn", "page"),
                ("Home/End", "ends"),
            ],
            Widget::Options(o) if o.multi() => &[("Space", "tick"), ("↑↓", "move")],
            Widget::Options(_) => &[("Space", "pick"), ("↑↓", "move")],
            Widget::Table(_) => &[("←→↑↓/Tab", "cell"), ("type", "edit")],
            Widget::List(_) => &[("Enter", "add item"), ("Bksp", "remove empty")],
        }
    }

    pub fn render(
        &self,
        field: &Field,
        area: Rect,
        buf: &mut Buffer,
        focused: bool,
        theme: Theme,
    ) -> Option<Position> {
        match self {
            Widget::Text(e) => e.render(
                area,
                buf,
                focused,
                &field.placeholder,
                theme.input(focused),
                theme.placeholder(),
            ),
            Widget::Area(a) => {
                a.render(area, buf, focused);
                None
            }
            Widget::Options(o) => o.render(area, buf, focused, theme),
            Widget::Table(t) => t.render(area, buf, focused, theme),
            Widget::List(l) => l.render(0, area, buf, focused, theme),
        }
    }

    /// Draws the widget's rows from `first` on into `area`, for a widget begun above the
    /// pane's top; `None` for a kind drawn only whole (the caller draws it off screen).
    /// Option lists and lists, which may be thousands of rows, draw only what shows.
    pub fn render_from(
        &self,
        first: u16,
        (area, buf): (Rect, &mut Buffer),
        focused: bool,
        theme: Theme,
    ) -> Option<Option<Position>> {
        let first = usize::from(first);
        match self {
            Widget::Options(o) => Some(o.render_from(first, area, buf, focused, theme)),
            Widget::List(l) => Some(l.render(first, area, buf, focused, theme)),
            Widget::Text(_) | Widget::Area(_) | Widget::Table(_) => None,
        }
    }
}
