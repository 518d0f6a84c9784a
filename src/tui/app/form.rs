//! The state of a form being filled: widgets, focus, the answers they produce, and the
//! counters the sidebar and header show.

use std::time::Instant;

use crossterm::event::KeyEvent;
use serde_json::{Map, Value as Json};

use super::super::field::Widget;
use super::super::field::line::{Edit, LineEdit};
use super::super::theme::Theme;
use crate::discover::Source;
use crate::form::{Answers, AnswersFile, Form, Value};
use crate::render::Issue;
use crate::template::Template;
use crate::text::split_list;

/// Where the keyboard is: a header line (title, labels, assignees) or a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Header(usize),
    Field(usize),
}

/// How a section stands, for its sidebar mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Untouched,
    Done,
    Missing,
}

pub const HEADER_LABELS: [&str; 3] = ["Title", "Labels", "Assignees"];

#[derive(Debug, Clone)]
pub struct FormState {
    pub template: Template,
    pub source: Source,
    pub answers: Answers,
    pub widgets: Vec<Widget>,
    pub header: [LineEdit; 3],
    pub focus: Focus,
    /// Per field: has content the user gave.
    pub filled: Vec<bool>,
    /// `None` keeps the focused field in view; the wheel sets an offset.
    pub pane_scroll: Option<u16>,
    pub preview: bool,
    pub preview_text: String,
    /// The preview's first line: `None` follows the focused section; the wheel sets it.
    pub preview_scroll: Option<u16>,
    pub review_scroll: u16,
    pub review_problem: usize,
    /// Since when answers changed without a draft save.
    pub dirty_since: Option<Instant>,
    /// The issue was exported, and nothing changed since.
    pub exported: bool,
    /// Answers of a draft that no longer fit the template, under their keys as written:
    /// saved with every draft until discarded.
    pub misfits: Map<String, Json>,
}

impl FormState {
    pub fn new(
        template: Template,
        source: Source,
        draft: Option<&AnswersFile>,
        theme: Theme,
    ) -> Self {
        let form = &template.form;
        let mut answers = Answers::new(form);
        // A draft that no longer fits its template is used where it still fits.
        let misfits = draft
            .map(|d| d.apply_lenient(form, &mut answers))
            .unwrap_or_default();
        let widgets: Vec<Widget> = form
            .fields
            .iter()
            .zip(&answers.values)
            .map(|(f, v)| Widget::new(f, v, theme))
            .collect();
        let header = [
            LineEdit::new(&answers.title),
            LineEdit::new(&answers.labels.join(", ")),
            LineEdit::new(&answers.assignees.join(", ")),
        ];
        let filled = (0..form.fields.len())
            .map(|i| form.is_filled(i, &answers.values[i]))
            .collect();
        Self {
            template,
            source,
            answers,
            widgets,
            header,
            focus: Focus::Header(0),
            filled,
            pane_scroll: None,
            preview: false,
            preview_text: String::new(),
            preview_scroll: None,
            review_scroll: 0,
            review_problem: 0,
            dirty_since: None,
            exported: false,
            misfits,
        }
    }

    /// Whether quitting would leave answers behind that were not exported.
    pub fn has_unsent(&self) -> bool {
        !self.exported && self.answers != Answers::new(self.form())
    }

    pub fn form(&self) -> &Form {
        &self.template.form
    }

    /// The section the pane shows: the focused field's; at the title, the template's
    /// introduction if it has one, else the first section with fields.
    pub fn current_section(&self) -> usize {
        let sections = &self.form().sections;
        match self.focus {
            Focus::Field(f) => self.form().fields[f].section,
            Focus::Header(_) if sections.first().is_some_and(|s| s.level == 0) => 0,
            Focus::Header(_) => sections
                .iter()
                .position(|s| !s.fields.is_empty())
                .unwrap_or(0),
        }
    }

    pub fn set_focus(&mut self, focus: Focus, theme: Theme) {
        if let Focus::Field(old) = self.focus {
            self.widgets[old].set_focused(false, theme);
        }
        if let Focus::Field(new) = focus {
            self.widgets[new].set_focused(true, theme);
        }
        self.focus = focus;
        self.pane_scroll = None;
        self.preview_scroll = None;
    }

    pub fn next_field(&mut self, theme: Theme) {
        let next = match self.focus {
            Focus::Header(h) if h < 2 => Some(Focus::Header(h + 1)),
            Focus::Header(_) => (!self.widgets.is_empty()).then_some(Focus::Field(0)),
            Focus::Field(f) => (f + 1 < self.widgets.len()).then_some(Focus::Field(f + 1)),
        };
        if let Some(next) = next {
            self.set_focus(next, theme);
        }
    }

    pub fn prev_field(&mut self, theme: Theme) {
        let prev = match self.focus {
            Focus::Header(0) => None,
            Focus::Header(h) => Some(Focus::Header(h - 1)),
            Focus::Field(0) => Some(Focus::Header(2)),
            Focus::Field(f) => Some(Focus::Field(f - 1)),
        };
        if let Some(prev) = prev {
            self.set_focus(prev, theme);
        }
    }

    /// Moves to the first field of the next (or previous) section that has fields.
    pub fn jump_section(&mut self, forward: bool, theme: Theme) {
        let sections = &self.form().sections;
        let here = match self.focus {
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
                let first = sections[s].fields[0];
                self.set_focus(Focus::Field(first), theme);
            }
            None if !forward => self.set_focus(Focus::Header(0), theme),
            None => {}
        }
    }

    pub fn go_to_section(&mut self, section: usize, theme: Theme) {
        if let Some(&first) = self
            .form()
            .sections
            .get(section)
            .and_then(|s| s.fields.first())
        {
            self.set_focus(Focus::Field(first), theme);
        }
    }

    /// Sends a key to the focused line or widget.
    pub fn key(&mut self, key: KeyEvent, now: Instant) -> Edit {
        let edit = match self.focus {
            Focus::Header(h) => self.header[h].key(key),
            Focus::Field(f) => self.widgets[f].key(key),
        };
        if edit == Edit::Changed {
            self.changed(now);
        }
        if edit != Edit::Ignored {
            self.pane_scroll = None;
        }
        edit
    }

    pub fn paste(&mut self, text: &str, now: Instant) {
        let changed = match self.focus {
            Focus::Header(h) => {
                self.header[h].paste(text);
                true
            }
            Focus::Field(f) => self.widgets[f].paste(text),
        };
        if changed {
            self.changed(now);
        }
    }

    /// Brings the answers up to date with the focused widget or header line.
    pub fn changed(&mut self, now: Instant) {
        match self.focus {
            Focus::Header(0) => self.answers.title = self.header[0].text().to_owned(),
            Focus::Header(1) => self.answers.labels = split_list(self.header[1].text()),
            Focus::Header(_) => self.answers.assignees = split_list(self.header[2].text()),
            Focus::Field(f) => self.field_changed(f),
        }
        self.dirty_since.get_or_insert(now);
        self.exported = false;
        if self.preview {
            self.refresh_preview();
        }
    }

    pub fn field_changed(&mut self, f: usize) {
        let value: Value = self.widgets[f].value();
        self.filled[f] = self.template.form.is_filled(f, &value);
        self.answers.values[f] = value;
    }

    pub fn refresh_preview(&mut self) {
        self.preview_text = self.issue().body;
    }

    /// The preview line where the current section's heading is, to show it at the top.
    pub fn preview_follow(&self) -> u16 {
        let title = &self.form().sections[self.current_section()].title;
        if title.is_empty() {
            return 0;
        }
        self.preview_text
            .lines()
            .position(|l| {
                let l = l.trim_start();
                (l.starts_with('#') || l.starts_with("**")) && l.contains(title.as_str())
            })
            .map_or(0, |i| u16::try_from(i).unwrap_or(u16::MAX))
    }

    pub fn issue(&self) -> Issue {
        crate::render(&self.template, &self.answers)
    }

    pub fn filled_count(&self) -> usize {
        self.filled.iter().filter(|f| **f).count()
    }

    pub fn mark(&self, section: usize) -> Mark {
        let form = self.form();
        let fields = &form.sections[section].fields;
        let missing = form.missing_required_in(&self.answers, fields);
        if missing {
            Mark::Missing
        } else if fields
            .iter()
            .any(|&f| self.answers.values[f] != form.fields[f].default)
        {
            Mark::Done
        } else {
            Mark::Untouched
        }
    }

    /// The draft as an answers file, with the answers that no longer fit (an answer
    /// given since to the same id replaces its misfit).
    pub fn draft(&self) -> AnswersFile {
        let mut file = AnswersFile::from_answers(self.form(), &self.answers);
        for (key, json) in &self.misfits {
            file.fields
                .entry(key.clone())
                .or_insert_with(|| json.clone());
        }
        file
    }
}
