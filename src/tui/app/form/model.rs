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
    /// A field still holds the template's example, which the issue sends as written.
    Example,
}

/// Something that blocks the issue: an empty title, or a field's answer that breaks one
/// of its rules (required, required options, number, pattern), with what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Title,
    /// The title is longer than the forge takes (its length in characters): it blocks
    /// sending with gh or glab, not a file, the clipboard or the printed body.
    TitleTooLong(crate::export::Forge, usize),
    /// The body is longer than the tool that sends it to the forge takes: for GitHub
    /// its length in characters (GitHub's limit), for GitLab in bytes (glab takes it as
    /// one argument). It blocks sending as a title too long does.
    BodyTooLong(crate::export::Forge, usize),
    Field(usize, String),
}

/// Labels and assignees the command line adds to every template's (`--label`,
/// `--assignee`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct People {
    pub labels: Vec<String>,
    pub assignees: Vec<String>,
}

impl People {
    /// Adds the names not there yet, after the template's.
    pub fn add_to(&self, answers: &mut Answers) {
        for (given, list) in [
            (&self.labels, &mut answers.labels),
            (&self.assignees, &mut answers.assignees),
        ] {
            for name in given {
                if !list.contains(name) {
                    list.push(name.clone());
                }
            }
        }
    }
}

#[derive(Debug, Clone)]
pub struct Model {
    template: Template,
    source: Source,
    answers: Answers,
    /// What the form starts with, untouched: the template's answers and [`People`].
    blank: Answers,
    people: People,
    /// Per field: [`Form::is_filled`] of its answer, what the header counts and the
    /// sidebar marks `✓`.
    filled: Vec<bool>,
    /// Per field: the user has left it, so its problems are shown under it.
    left: Vec<bool>,
    /// Since when answers changed without a draft save.
    dirty_since: Option<Instant>,
    /// The issue was exported, and nothing changed since.
    exported: bool,
    /// Answers of a draft that no longer fit the template, under their keys as written:
    /// saved with every draft until discarded.
    misfits: Map<String, Json>,
}

impl Model {
    /// The template's answers, from `draft` where it still fits the template, with
    /// `people` added.
    pub fn new(
        template: Template,
        source: Source,
        draft: Option<&AnswersFile>,
        people: People,
    ) -> Self {
        let form = &template.form;
        let mut blank = Answers::new(form);
        people.add_to(&mut blank);
        let mut answers = Answers::new(form);
        let misfits = draft
            .map(|d| d.apply_lenient(form, &mut answers))
            .unwrap_or_default();
        people.add_to(&mut answers);
        // An untouched field holds its default, which counts as filled only when the
        // field is required or the defaults are answers (an issue form's `value:`).
        let filled = form.filled_at_open(&answers, draft.is_none());
        let left = vec![false; form.fields.len()];
        Self {
            template,
            source,
            answers,
            blank,
            people,
            filled,
            left,
            dirty_since: None,
            exported: false,
            misfits,
        }
    }

    /// The same template again, from `draft`.
    #[must_use]
    pub fn restart(self, draft: Option<&AnswersFile>) -> Self {
        Self::new(self.template, self.source, draft, self.people)
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
        !self.exported && self.answers != self.blank
    }

    pub fn has_misfits(&self) -> bool {
        !self.misfits.is_empty()
    }

    pub fn drop_misfits(&mut self) {
        self.misfits.clear();
    }

    /// The draft's answers that no longer fit the template and that no answer given
    /// since replaces: the issue leaves them out.
    pub fn unsent_misfits(&self) -> Map<String, Json> {
        let fields = &self.form().fields;
        self.misfits
            .iter()
            .filter(|(key, _)| {
                !fields
                    .iter()
                    .zip(&self.filled)
                    .any(|(field, filled)| *filled && *field.id == **key)
            })
            .map(|(key, json)| (key.clone(), json.clone()))
            .collect()
    }

    /// A draft holding only [`Self::unsent_misfits`], to keep once the issue is exported;
    /// `None` when there are none (or they cannot be written as YAML).
    pub fn leftover_draft(&self) -> Option<(Vec<String>, String)> {
        let fields = self.unsent_misfits();
        if fields.is_empty() {
            return None;
        }
        let keys = fields.keys().cloned().collect();
        let file = AnswersFile {
            fields,
            ..AnswersFile::default()
        };
        file.to_yaml().ok().map(|yaml| (keys, yaml))
    }

    pub fn issue(&self) -> Issue {
        crate::render(&self.template, &self.answers)
    }

    pub fn filled_count(&self) -> usize {
        self.filled.iter().filter(|f| **f).count()
    }

    /// The sidebar's mark: `!` once a field of the section with a problem was left (as
    /// its message under the field), `~` while a field holds the template's example,
    /// `✓` when a field is filled (as the header counts them, [`Form::is_filled`]: an
    /// issue form's prefilled `value:` too, which is sent), else untouched.
    pub fn mark(&self, section: usize) -> Mark {
        let form = self.form();
        let fields = &form.sections[section].fields;
        let left = |f: usize| self.left.get(f).copied().unwrap_or(false);
        if fields
            .iter()
            .any(|f| left(f) && !self.field_problems(f).is_empty())
        {
            Mark::Missing
        } else if fields
            .iter()
            .any(|f| form.holds_example(f, &self.answers.values[f]))
        {
            Mark::Example
        } else if fields.iter().any(|f| self.filled[f]) {
            Mark::Done
        } else {
            Mark::Untouched
        }
    }

    /// The user left `field`: from now on its problems show under it.
    pub fn leave(&mut self, field: usize) {
        if let Some(left) = self.left.get_mut(field) {
            *left = true;
        }
    }

    /// Every field counts as left (the review listed their problems).
    pub fn leave_all(&mut self) {
        self.left.fill(true);
    }

    /// What is wrong with `field`'s answer, once the user has left it.
    pub fn shown_error(&self, field: usize) -> Option<String> {
        if !self.left.get(field).copied().unwrap_or(false) {
            return None;
        }
        let messages: Vec<String> = self
            .field_problems(field)
            .iter()
            .map(|m| crate::text::sentence(m.strip_prefix("is ").unwrap_or(m)))
            .collect();
        (!messages.is_empty()).then(|| messages.join("; "))
    }

    fn field_problems(&self, field: usize) -> Vec<String> {
        self.form()
            .validate_field(field, &self.answers.values[field])
            .into_iter()
            .map(|invalid| invalid.message)
            .collect()
    }

    /// What blocks every export: a title that is empty or only the template's prefix,
    /// and every answer that breaks its field's rules.
    pub fn problems(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        if self.form().title_is_blank(&self.answers.title) {
            problems.push(Problem::Title);
        }
        problems.extend(
            self.form()
                .validate(&self.answers)
                .into_iter()
                .map(|invalid| Problem::Field(invalid.field, invalid.message)),
        );
        problems
    }

    /// The fields that still hold the template's example (sent as written): the
    /// review warns about them without blocking.
    pub fn examples(&self) -> Vec<usize> {
        self.form().examples(&self.answers)
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
