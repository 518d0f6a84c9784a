//! A form being filled: the answers model, the widgets that edit it, and what the screen
//! shows of it (focus, scrolling, preview). Every edit goes through one method,
//! `FormState::edit`, which brings the answers up to date with the input it changed:
//! the widgets hold the values being edited and the model's answers never lag behind
//! them, whichever field was changed (by a key, a paste, a click or an external editor).

mod model;
mod preview;

use std::borrow::Cow;
use std::time::Instant;

use crossterm::event::KeyEvent;

pub use self::model::{Mark, Model, People, Problem};
pub use self::preview::Preview;
use super::super::field::Widget;
use super::super::field::line::{Edit, LineEdit};
use super::super::theme::Theme;
use crate::discover::Source;
use crate::form::{Answers, AnswersFile, Form};
use crate::render::Issue;
use crate::template::Template;
use crate::text::{join_list, split_quoted_list};

/// Where the keyboard is: a header line (title, labels, assignees) or a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Header(usize),
    Field(usize),
}

pub const HEADER_LABELS: [&str; 3] = ["Title", "Labels", "Assignees"];

/// What the screen shows of the form.
#[derive(Debug, Clone)]
pub struct View {
    pub focus: Focus,
    /// `None` keeps the focused field in view; the wheel sets an offset.
    pub pane_scroll: Option<u16>,
    /// The finished body while the preview is on.
    pub preview: Option<Preview>,
    /// The preview's first line: `None` follows the focused section; the wheel sets it.
    /// The preview's first line when scrolled by hand (a line of the body: a long one
    /// has more than 65,535).
    pub preview_scroll: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct FormState {
    model: Model,
    /// The editing state: one line per header entry, one widget per field. A field's
    /// widget is built when its section is first shown (or it is first edited), so
    /// opening a large form does not build them all: until then it would hold nothing
    /// but the field's value, which the model has. Boxed: a widget is 216 bytes, and
    /// a form of 100,000 fields wrote 21.6 MB of `None`s before its first frame.
    header: [LineEdit; 3],
    widgets: Vec<Option<Box<Widget>>>,
    theme: Theme,
    view: View,
}

/// The input an edit goes to.
enum Input<'a> {
    Line(&'a mut LineEdit),
    Widget(&'a mut Widget),
}

impl FormState {
    pub fn new(
        template: Template,
        source: Source,
        draft: Option<&AnswersFile>,
        people: People,
        theme: Theme,
    ) -> Self {
        Self::from_model(Model::new(template, source, draft, people), theme)
    }

    fn from_model(model: Model, theme: Theme) -> Self {
        let answers = model.answers();
        let widgets = vec![None; model.form().fields.len()];
        let header = [
            LineEdit::new(&answers.title),
            LineEdit::new(&join_list(&answers.labels)),
            LineEdit::new(&join_list(&answers.assignees)),
        ];
        let mut state = Self {
            model,
            header,
            widgets,
            theme,
            view: View {
                focus: Focus::Header(0),
                pane_scroll: None,
                preview: None,
                preview_scroll: None,
            },
        };
        state.build_section();
        state
    }

    /// The same template from `draft` (or empty), focus at the title.
    #[must_use]
    pub fn restart(self, draft: Option<&AnswersFile>, theme: Theme) -> Self {
        Self::from_model(self.model.restart(draft), theme)
    }

    pub fn model(&self) -> &Model {
        &self.model
    }

    pub(super) fn model_mut(&mut self) -> &mut Model {
        &mut self.model
    }

    pub fn view(&self) -> &View {
        &self.view
    }

    pub fn focus(&self) -> Focus {
        self.view.focus
    }

    pub fn form(&self) -> &Form {
        self.model.form()
    }

    pub fn template(&self) -> &crate::template::Template {
        self.model.template()
    }

    pub fn answers(&self) -> &Answers {
        self.model.answers()
    }

    pub fn issue(&self) -> Issue {
        self.model.issue()
    }

    /// The widget of `field`: the one being edited, or (not built yet) a fresh one
    /// for the field's value.
    pub fn widget(&self, field: usize) -> Cow<'_, Widget> {
        match &self.widgets[field] {
            Some(widget) => Cow::Borrowed(&**widget),
            None => Cow::Owned(self.new_widget(field)),
        }
    }

    fn new_widget(&self, field: usize) -> Widget {
        let form = self.model.form();
        Widget::new(
            &form.fields[field],
            &self.model.answers().values[field],
            self.theme,
        )
    }

    /// The widget of `field` to change, built first if it is not.
    fn widget_mut(&mut self, field: usize) -> &mut Widget {
        let widget = match self.widgets[field].take() {
            Some(widget) => widget,
            None => Box::new(self.new_widget(field)),
        };
        self.widgets[field].insert(widget)
    }

    /// Builds the widgets of the section the pane shows, which draws them.
    fn build_section(&mut self) {
        let section = self.current_section();
        if let Some(section) = self.model.form().sections.get(section) {
            for f in section.fields {
                self.widget_mut(f);
            }
        }
    }

    pub fn header(&self, line: usize) -> &LineEdit {
        &self.header[line]
    }

    /// The section the pane shows: the focused field's; at the title, the template's
    /// introduction if it has one, else the first section with fields.
    pub fn current_section(&self) -> usize {
        let sections = &self.form().sections;
        match self.view.focus {
            Focus::Field(f) => self.form().fields[f].section(),
            Focus::Header(_) if sections.first().is_some_and(|s| s.level == 0) => 0,
            Focus::Header(_) => sections
                .iter()
                .position(|s| !s.fields.is_empty())
                .unwrap_or(0),
        }
    }

    /// Moves the focus; a field left shows its problems from then on.
    pub fn set_focus(&mut self, focus: Focus) {
        if let Focus::Field(f) = self.view.focus
            && focus != self.view.focus
        {
            self.model.leave(f);
        }
        self.view.focus = focus;
        self.view.pane_scroll = None;
        self.view.preview_scroll = None;
        self.build_section();
    }

    /// Tab order: the title, the questions top to bottom, then labels and assignees;
    /// from the assignees it goes round to the title, as Shift-Tab goes round the other
    /// way.
    pub fn next_field(&mut self) {
        let last = self.form().fields.len().checked_sub(1);
        let next = match self.view.focus {
            Focus::Header(0) if last.is_some() => Focus::Field(0),
            Focus::Header(h) if h < 2 => Focus::Header(h + 1),
            Focus::Header(_) => Focus::Header(0),
            Focus::Field(f) if Some(f) == last => Focus::Header(1),
            Focus::Field(f) => Focus::Field(f + 1),
        };
        self.set_focus(next);
    }

    /// The tab order backwards; from the title it goes round to the assignees.
    pub fn prev_field(&mut self) {
        let last = self.form().fields.len().checked_sub(1);
        let prev = match self.view.focus {
            Focus::Header(0) => Focus::Header(2),
            Focus::Header(1) => last.map_or(Focus::Header(0), Focus::Field),
            Focus::Header(h) => Focus::Header(h - 1),
            Focus::Field(0) => Focus::Header(0),
            Focus::Field(f) => Focus::Field(f - 1),
        };
        self.set_focus(prev);
    }

    /// Moves to the first field of the next (or previous) section that has fields.
    pub fn jump_section(&mut self, forward: bool) {
        let sections = &self.form().sections;
        let here = match self.view.focus {
            Focus::Header(_) if forward => None,
            Focus::Header(_) => return,
            Focus::Field(_) => Some(self.current_section()),
        };
        let target = if forward {
            let from = here.map_or(0, |s| s + 1);
            (from..sections.len()).find(|&s| !sections[s].fields.is_empty())
        } else {
            here.and_then(|s| (0..s).rev().find(|&p| !sections[p].fields.is_empty()))
        };
        match target {
            Some(s) => {
                let Some(first) = sections[s].fields.first() else {
                    return;
                };
                self.set_focus(Focus::Field(first));
            }
            None if !forward => self.set_focus(Focus::Header(0)),
            None => {}
        }
    }

    pub fn go_to_section(&mut self, section: usize) {
        if let Some(first) = self
            .form()
            .sections
            .get(section)
            .and_then(|s| s.fields.first())
        {
            self.set_focus(Focus::Field(first));
        }
    }

    /// F2: the preview renders the whole body once when it opens; after that each edit
    /// renders only the changed field again.
    pub fn toggle_preview(&mut self) {
        self.view.preview = match self.view.preview {
            Some(_) => None,
            None => Some(Preview::new(self.model.template(), self.model.answers())),
        };
    }

    pub fn set_pane_scroll(&mut self, offset: Option<u16>) {
        self.view.pane_scroll = offset;
    }

    pub fn set_preview_scroll(&mut self, line: Option<usize>) {
        self.view.preview_scroll = line;
    }

    /// Whether the focused field uses a key that is otherwise a navigation key.
    pub fn claims(&self, key: &KeyEvent) -> bool {
        match self.view.focus {
            Focus::Field(f) => self.widget(f).claims(key),
            Focus::Header(_) => false,
        }
    }

    /// What to say of a key the focused field ignored: a character no option of its
    /// list starts with.
    pub fn unmatched(&self, key: &KeyEvent) -> Option<String> {
        let Focus::Field(f) = self.view.focus else {
            return None;
        };
        match &*self.widget(f) {
            Widget::Options(options) => options.unmatched(key),
            _ => None,
        }
    }

    /// The focused field's text, for an external editor (`None`: not a text field).
    pub fn editable_text(&self) -> Option<(usize, String)> {
        let Focus::Field(f) = self.view.focus else {
            return None;
        };
        self.widget(f).editable_text().map(|text| (f, text))
    }

    /// Sends a key to the focused line or widget.
    pub fn key(&mut self, key: KeyEvent, now: Instant) -> Edit {
        let edit = self.edit(self.view.focus, now, |input| match input {
            Input::Line(line) => line.key(key),
            Input::Widget(widget) => widget.key(key),
        });
        if edit != Edit::Ignored {
            self.view.pane_scroll = None;
        }
        edit
    }

    pub fn paste(&mut self, text: &str, now: Instant) {
        self.edit(self.view.focus, now, |input| match input {
            Input::Line(line) => {
                line.paste(text);
                Edit::Changed
            }
            Input::Widget(widget) => {
                if widget.paste(text) {
                    Edit::Changed
                } else {
                    Edit::Ignored
                }
            }
        });
    }

    /// A click on row `row` of field `field`'s widget.
    pub fn click(&mut self, field: usize, row: u16, now: Instant) -> Edit {
        self.edit(Focus::Field(field), now, |input| match input {
            Input::Widget(widget) => widget.click(row),
            Input::Line(_) => Edit::Ignored,
        })
    }

    /// Text back from an external editor for `field`.
    pub fn set_text(&mut self, field: usize, text: &str, now: Instant) {
        self.edit(Focus::Field(field), now, |input| {
            if let Input::Widget(widget) = input {
                widget.set_text(text);
            }
            Edit::Changed
        });
    }

    /// Takes the values of `answers` that differ from the form's (benchmark results).
    pub fn fill_from(&mut self, answers: &Answers, now: Instant) {
        for f in 0..self.form().fields.len() {
            if answers.values[f] == self.answers().values[f] {
                continue;
            }
            let field = self.form().fields[f].clone();
            let value = &answers.values[f];
            self.edit(Focus::Field(f), now, |input| {
                if let Input::Widget(widget) = input {
                    widget.set_value(&field, value);
                }
                Edit::Changed
            });
        }
    }

    /// Field `field`'s value and text cursor, to tell later whether either changed.
    pub fn place(&self, field: usize) -> (crate::form::Value, Option<(usize, usize)>) {
        (
            self.answers().values[field].clone(),
            self.widget(field).cursor(),
        )
    }

    /// Inserts `text` at the field's cursor, or after what is there with `at_end` (one
    /// line in a one-line field), or puts it in place of the template's text when
    /// nobody wrote in the field.
    pub fn insert_text(&mut self, field: usize, text: &str, at_end: bool, now: Instant) {
        let untouched = crate::metrics::fill::untouched(
            &self.form().fields[field],
            &self.answers().values[field],
        );
        self.edit(Focus::Field(field), now, |input| {
            if let Input::Widget(widget) = input {
                let text = match widget {
                    Widget::Text(_) => text.lines().collect::<Vec<_>>().join("; "),
                    _ => text.to_owned(),
                };
                if untouched {
                    widget.set_text(&text);
                } else if at_end {
                    widget.append(&text);
                } else {
                    widget.paste(&text);
                }
            }
            Edit::Changed
        });
    }

    /// Changes the input at `at` with `op`; when it changed, the answers take its value.
    /// The only code that changes an input.
    fn edit(&mut self, at: Focus, now: Instant, op: impl FnOnce(Input<'_>) -> Edit) -> Edit {
        let edit = op(match at {
            Focus::Header(h) => Input::Line(&mut self.header[h]),
            Focus::Field(f) => Input::Widget(self.widget_mut(f)),
        });
        if edit == Edit::Changed {
            match at {
                Focus::Header(0) => self.model.set_title(self.header[0].text().to_owned()),
                Focus::Header(1) => {
                    self.model
                        .set_labels(split_quoted_list(self.header[1].text()));
                }
                Focus::Header(_) => {
                    self.model
                        .set_assignees(split_quoted_list(self.header[2].text()));
                }
                Focus::Field(f) => {
                    // A widget is built for its field's kind, so it always fits; were it
                    // ever not to, the answer stays as it was rather than turn into nothing.
                    let value = self.widget(f).value();
                    if self.model.set_value(f, value).is_err() {
                        return Edit::Ignored;
                    }
                    // The body shows answers only: title, labels and assignees are not in it.
                    if let Some(preview) = &mut self.view.preview {
                        preview.changed(self.model.template(), self.model.answers(), f);
                    }
                }
            }
            self.model.touch(now);
        }
        edit
    }

    /// The preview line where the current section's heading is, to show it at the top.
    pub fn preview_follow(&self) -> usize {
        let sections = &self.form().sections;
        let current = self.current_section();
        let title = &sections[current].title;
        // Sections with the same title: the one in the same place among them.
        let nth = sections[..current]
            .iter()
            .filter(|s| preview::same_heading(&s.title, title))
            .count();
        match &self.view.preview {
            Some(preview) if !title.is_empty() => preview.heading_line(title, nth),
            _ => 0,
        }
    }
}
