//! The answers model of a form: the template, the answers given so far, and what drafts
//! need to know about them (changed since when, exported, answers that no longer fit).
//! It knows nothing of widgets or the screen.

use std::time::Instant;

use serde_json::{Map, Value as Json};

use crate::discover::Source;
use crate::form::{Answers, AnswersFile, Form, Value};
use crate::render::Issue;
use crate::template::Template;

/// How a section stands, for its sidebar mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Untouched,
    Done,
    Missing,
}

/// Something that blocks the issue: an empty title, or an empty required field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    Title,
    Field(usize),
}

#[derive(Debug, Clone)]
pub struct Model {
    template: Template,
    source: Source,
    answers: Answers,
    /// Per field: has content the user gave.
    filled: Vec<bool>,
    /// Since when answers changed without a draft save.
    dirty_since: Option<Instant>,
    /// The issue was exported, and nothing changed since.
    exported: bool,
    /// Answers of a draft that no longer fit the template, under their keys as written:
    /// saved with every draft until discarded.
    misfits: Map<String, Json>,
}

impl Model {
    /// The template's answers, from `draft` where it still fits the template.
    pub fn new(template: Template, source: Source, draft: Option<&AnswersFile>) -> Self {
        let form = &template.form;
        let mut answers = Answers::new(form);
        let misfits = draft
            .map(|d| d.apply_lenient(form, &mut answers))
            .unwrap_or_default();
        let filled = (0..form.fields.len())
            .map(|i| form.is_filled(i, &answers.values[i]))
            .collect();
        Self {
            template,
            source,
            answers,
            filled,
            dirty_since: None,
            exported: false,
            misfits,
        }
    }

    /// The same template again, from `draft`.
    #[must_use]
    pub fn restart(self, draft: Option<&AnswersFile>) -> Self {
        Self::new(self.template, self.source, draft)
    }

    pub fn form(&self) -> &Form {
        &self.template.form
    }

    pub fn template(&self) -> &Template {
        &self.template
    }

    pub fn source(&self) -> &Source {
        &self.source
    }

    pub fn answers(&self) -> &Answers {
        &self.answers
    }

    pub fn set_title(&mut self, title: String) {
        self.answers.title = title;
    }

    pub fn set_labels(&mut self, labels: Vec<String>) {
        self.answers.labels = labels;
    }

    pub fn set_assignees(&mut self, assignees: Vec<String>) {
        self.answers.assignees = assignees;
    }

    /// Sets a field's value; a value of the wrong kind is refused and says which field.
    pub fn set_value(&mut self, field: usize, value: Value) -> Result<(), crate::form::Mismatch> {
        let filled = self.template.form.is_filled(field, &value);
        self.answers.set(&self.template.form, field, value)?;
        self.filled[field] = filled;
        Ok(())
    }

    /// Something changed at `now`: a draft is due, and it is no longer exported.
    pub fn touch(&mut self, now: Instant) {
        self.dirty_since.get_or_insert(now);
        self.exported = false;
    }

    pub fn dirty_since(&self) -> Option<Instant> {
        self.dirty_since
    }

    /// Marks the answers as unsaved since `now` unless they already are.
    pub fn mark_dirty(&mut self, now: Instant) {
        self.dirty_since.get_or_insert(now);
    }

    /// Takes the "changed since" mark (a draft save is on its way).
    pub fn take_dirty(&mut self) -> Option<Instant> {
        self.dirty_since.take()
    }

    /// The issue went out: nothing to save until the next change.
    pub fn exported(&mut self) {
        self.dirty_since = None;
        self.exported = true;
    }

    /// Whether quitting would leave answers behind that were not exported.
    pub fn has_unsent(&self) -> bool {
        !self.exported && self.answers != Answers::new(self.form())
    }

    pub fn has_misfits(&self) -> bool {
        !self.misfits.is_empty()
    }

    pub fn drop_misfits(&mut self) {
        self.misfits.clear();
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
        if form.missing_required_in(&self.answers, fields) {
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

    /// What blocks every export: a title that is empty or only the template's prefix,
    /// and required fields still empty.
    pub fn problems(&self) -> Vec<Problem> {
        let title = self.answers.title.trim();
        let mut problems = Vec::new();
        if title.is_empty() || title == self.form().meta.title.trim() {
            problems.push(Problem::Title);
        }
        problems.extend(
            self.form()
                .missing_required(&self.answers)
                .into_iter()
                .map(Problem::Field),
        );
        problems
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
