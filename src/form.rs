//! The form model: sections of typed fields built from a template, and the answers
//! that fill them. Markdown templates and GitHub issue forms both map onto it.

pub mod answers;
mod filled;
mod ids;
pub mod schema;
mod span;
mod table;
mod validate;
mod values;

use std::sync::Arc;

pub use answers::{AnswerError, AnswerErrors, AnswersFile, ToYamlError};
pub use filled::{Defaults, EXAMPLES_NAMED};
pub(crate) use ids::assign_ids;
#[cfg(test)]
use ids::{Unique, suffixed};
pub use span::{FieldSpan, index32};
pub use table::{Cells, LabelText, Labels, TableKind};
pub use validate::Invalid;
pub use values::Values;

/// What the template says about the issue itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    pub name: String,
    pub about: String,
    pub title: String,
    pub labels: Vec<String>,
    pub assignees: Vec<String>,
    pub projects: Vec<String>,
    pub issue_type: String,
}

/// A template turned into sections and fields.
#[derive(Debug, Clone)]
pub struct Form {
    pub meta: Meta,
    pub sections: Vec<Section>,
    /// Every field in document order; sections refer to them by index. Shared with
    /// the [`Answers`] of the form, which read the defaults from it instead of copying.
    pub fields: Arc<Vec<Field>>,
    /// Checks on typed values beyond "required" (issue forms on Gitea and Forgejo).
    pub rules: Vec<FieldRule>,
    /// Whether the fields' defaults are the template's examples (markdown) or answers
    /// given in advance (an issue form's `value:`).
    pub defaults: Defaults,
    /// Text written after the last section's fields (an issue form's markdown after its
    /// last field), shown below them: see [`Form::after`]. Kept here, not in every
    /// section, where it was 16 bytes of each of 100,000 headings' sections.
    pub after: Box<str>,
    /// The indices of the fields whose `required` is set, in order ([`required_of`]):
    /// the form at open counts its filled fields from them without reading every
    /// field (for 100,000 headings, a cache miss a field and 1.5 ms before the first
    /// frame). Fields' `required` does not change once the form is made.
    pub required: Vec<u32>,
}

/// The indices of `fields` that are required, for [`Form::required`].
pub fn required_of(fields: &[Field]) -> Vec<u32> {
    (0..fields.len())
        .filter(|&i| fields[i].required)
        .map(span::index32)
        .collect()
}

/// A check on one field's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldRule {
    pub field: usize,
    pub rule: Rule,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    /// The value, when given, is a number.
    Number,
    /// The value, when given, matches this regular expression.
    Regex(Pattern),
}

/// A regular expression compiled once, when the template is read: validation runs on
/// every frame that shows a field's problems.
#[derive(Debug, Clone)]
pub struct Pattern(regex::Regex);

impl Pattern {
    pub fn new(source: &str) -> Result<Self, regex::Error> {
        regex::Regex::new(source).map(Pattern)
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.0.is_match(text)
    }
}

impl PartialEq for Pattern {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Pattern {}

/// A heading (or the text before the first one) and the fields under it. Its texts
/// never grow once the section is read, so they are kept without spare room
/// (`Box<str>`, as a field's are); indices and lines are `u32` (the template is under
/// 4 GiB, see [`index32`]); the text after the last section's fields is the form's
/// ([`Form::after`]): 96 bytes a section, not 176 (100,000 headings' sections
/// were 23 MB, touched for the first time by the thread that folds them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Shared (`Arc`) with the id of a field that takes it as its own (an unlabelled
    /// field's), and made on the reader thread for a heading: no copy per field.
    pub id: Arc<str>,
    /// Shared (`Arc`) with the label of the answer a heading gets (a field not named
    /// otherwise is named after its section): no copy per field.
    pub title: Arc<str>,
    /// Heading level 1-6; 0 for the preamble. Bold pseudo-headings sit one below
    /// the heading they are under.
    pub level: u8,
    /// Comments that explain the section.
    pub help: Box<str>,
    /// The section's own text that stays in the issue, for showing as context.
    pub text: Box<str>,
    pub fields: FieldSpan,
    /// The index of the section this one is under.
    pub parent: Option<u32>,
    /// 1-based line in the template file.
    pub line: u32,
}

impl Section {
    /// The index of the section this one is under.
    pub fn parent(&self) -> Option<usize> {
        self.parent.map(|p| p as usize)
    }
}

/// One input. Its text never grows once read, so it is kept without spare room
/// (`Box<str>`, 8 bytes less each than a `String`: 1.3 MB of a 1.9 MiB template's).
/// Its section and line are `u32` (see [`index32`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// Its section's id itself (shared) when the field takes that as its id.
    pub id: Arc<str>,
    /// Its section's title itself (shared) when the field is named after it.
    pub label: Arc<str>,
    pub kind: FieldKind,
    /// A hint shown while the field is empty; never output by itself.
    pub placeholder: Box<str>,
    pub help: Box<str>,
    /// The value the field starts with (and renders when untouched).
    pub default: Value,
    pub required: bool,
    /// The index of its section.
    pub section: u32,
    /// 1-based line in the template file.
    pub line: u32,
}

impl Field {
    /// The index of its section in `Form::sections`.
    pub fn section(&self) -> usize {
        self.section as usize
    }
}

/// The kinds of input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKind {
    Text,
    TextArea,
    Code {
        language: String,
    },
    /// Pick one; `custom` (an instruction) allows describing instead of choosing.
    Choice {
        options: Vec<Opt>,
        /// Without spare room (`Box<str>`): the kind is 40 bytes, not 48, and with it
        /// every field (160 bytes, not 168; 40,200 fields for the 1.9 MiB template).
        custom: Option<Box<str>>,
    },
    MultiChoice {
        options: Vec<Opt>,
    },
    Checkboxes {
        options: Vec<Opt>,
    },
    /// Row labels and header are fixed; the other cells are editable. Boxed: the
    /// largest kind (72 bytes) and a rare one, so every other field's kind stays small.
    Table(Box<TableKind>),
    List,
}

impl FieldKind {
    /// A table of `columns` (the header), `rows` (the row labels) and each editable
    /// cell's placeholder. Hints that are all empty are kept as none: a vector per row
    /// for nothing was three allocations of every 2x2 table, for the form's lifetime.
    pub fn table<C, R>(columns: C, rows: R, hints: Vec<Vec<String>>) -> Self
    where
        C: IntoIterator,
        C::IntoIter: Clone,
        C::Item: AsRef<str>,
        R: IntoIterator,
        R::IntoIter: Clone,
        R::Item: AsRef<str>,
    {
        FieldKind::Table(Box::new(TableKind::new(columns, rows, hints)))
    }

    /// The name used in the schema.
    pub fn name(&self) -> &'static str {
        match self {
            FieldKind::Text => "text",
            FieldKind::TextArea => "textarea",
            FieldKind::Code { .. } => "code",
            FieldKind::Choice { .. } => "choice",
            FieldKind::MultiChoice { .. } => "multichoice",
            FieldKind::Checkboxes { .. } => "checkboxes",
            FieldKind::Table(_) => "table",
            FieldKind::List => "list",
        }
    }

    /// Options of a choice, multi choice or checkbox field.
    pub fn options(&self) -> &[Opt] {
        match self {
            FieldKind::Choice { options, .. }
            | FieldKind::MultiChoice { options }
            | FieldKind::Checkboxes { options } => options,
            _ => &[],
        }
    }
}

/// A choice or checkbox option.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opt {
    /// The option as shown, without its blank (`Other:` for `Other: ___`).
    pub label: String,
    /// Takes text when chosen (`Other: ___`).
    pub blank: bool,
    /// Nesting depth in a checkbox tree.
    pub depth: usize,
    /// Must be ticked (issue-form checkboxes).
    pub required: bool,
}

impl Opt {
    pub fn new(label: impl Into<String>) -> Self {
        Self {
            label: label.into(),
            blank: false,
            depth: 0,
            required: false,
        }
    }

    /// The label without a trailing colon, for matching answers.
    pub fn key(&self) -> &str {
        self.label.trim_end().trim_end_matches(':').trim_end()
    }

    /// The label as the schema and UI show it (`Other: ___`).
    pub fn display(&self) -> String {
        if self.blank {
            format!("{} ___", self.label)
        } else {
            self.label.clone()
        }
    }
}

/// A field's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// Text, text area and code.
    Text(String),
    /// Choice, multi choice and checkboxes. Boxed: three vectors (72 bytes) that only
    /// choices carry, where every field's default is a value.
    Select(Box<Selection>),
    List(Vec<String>),
    /// Editable cells: one row per table row, one cell per column after the first.
    Table(Cells),
}

/// Which options are chosen, the text typed into blank options, and free text for
/// "describe instead" choices.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    pub checked: Vec<bool>,
    pub blanks: Vec<String>,
    pub custom: String,
}

impl Selection {
    /// Nothing chosen among `n` options, as a value.
    pub fn none(n: usize) -> Value {
        Value::Select(Box::new(Self::empty(n)))
    }

    pub fn empty(n: usize) -> Self {
        Self {
            checked: vec![false; n],
            blanks: vec![String::new(); n],
            custom: String::new(),
        }
    }
}

impl Value {
    /// Whether this value can be the answer of a field of `kind`: the right variant,
    /// one mark per option, one row of cells per table row and one cell per column.
    pub fn fits(&self, kind: &FieldKind) -> bool {
        match (kind, self) {
            (FieldKind::Text | FieldKind::TextArea | FieldKind::Code { .. }, Value::Text(_))
            | (FieldKind::List, Value::List(_)) => true,
            (
                FieldKind::Choice { options, .. }
                | FieldKind::MultiChoice { options }
                | FieldKind::Checkboxes { options },
                Value::Select(sel),
            ) => sel.checked.len() == options.len() && sel.blanks.len() == options.len(),
            (FieldKind::Table(table), Value::Table(cells)) => {
                cells.len() == table.rows().len()
                    && (cells.is_empty() || cells.width() == table.width())
            }
            _ => false,
        }
    }

    /// Whether nothing was entered or chosen.
    pub fn is_empty(&self) -> bool {
        match self {
            Value::Text(t) => crate::text::is_blank(t),
            Value::Select(s) => !s.checked.contains(&true) && crate::text::is_blank(&s.custom),
            Value::List(items) => items.iter().all(|i| crate::text::is_blank(i)),
            Value::Table(cells) => cells.cells().iter().all(|c| crate::text::is_blank(c)),
        }
    }

    pub fn as_text(&self) -> &str {
        match self {
            Value::Text(t) => t,
            _ => "",
        }
    }
}

/// Everything the user decides: title, labels, assignees and a value per field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answers {
    pub title: String,
    pub labels: Vec<String>,
    pub assignees: Vec<String>,
    /// One value per field of the form, in the same order.
    pub values: Values,
}

/// A value given to a field of another kind (a bug in whoever built it).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the value given to `{field}` does not fit a {kind} field")]
pub struct Mismatch {
    pub field: String,
    pub kind: &'static str,
}

impl Answers {
    /// Sets field `index` of `form` to `value`, refusing a value that does not fit the
    /// field's kind (which would otherwise render as nothing, without a word).
    pub fn set(&mut self, form: &Form, index: usize, value: Value) -> Result<(), Mismatch> {
        let field = &form.fields[index];
        if !value.fits(&field.kind) {
            return Err(Mismatch {
                field: field.id.to_string(),
                kind: field.kind.name(),
            });
        }
        self.values.set(index, value);
        Ok(())
    }

    /// The template's defaults (read from the form, not copied).
    pub fn new(form: &Form) -> Self {
        Self {
            title: form.meta.title.clone(),
            labels: form.meta.labels.clone(),
            assignees: form.meta.assignees.clone(),
            values: Values::new(Arc::clone(&form.fields)),
        }
    }
}

/// How a title says nothing (see [`Form::blank_title`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlankTitle {
    Empty,
    /// No letter or digit: `-`, `!!!`.
    NoWords,
    /// Only the template's prefix, maybe in another case or repeated.
    Prefix,
}

impl Form {
    /// Whether `title` says nothing: empty, without a letter or digit (`-`, `!!!`), or
    /// only the template's prefix (`[BUG]`), in any case and with any marks around it
    /// (`[bug]`, `BUG:`), also typed again after the prefilled one (`[BUG] [bug]`). gh
    /// and glab would create an issue with it, so the exports that send refuse it.
    pub fn title_is_blank(&self, title: &str) -> bool {
        self.blank_title(title).is_some()
    }

    /// How `title` says nothing, if it does (see [`Form::title_is_blank`]).
    pub fn blank_title(&self, title: &str) -> Option<BlankTitle> {
        fn words(s: &str) -> String {
            s.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect()
        }
        let (title, prefix) = (title.trim(), self.meta.title.trim());
        if title.is_empty() {
            return Some(BlankTitle::Empty);
        }
        if title == prefix {
            return Some(BlankTitle::Prefix);
        }
        let (said, prefix) = (words(title), words(prefix));
        if said.is_empty() {
            return Some(BlankTitle::NoWords);
        }
        let repeats = !prefix.is_empty()
            && said.len() % prefix.len() == 0
            && said == prefix.repeat(said.len() / prefix.len());
        repeats.then_some(BlankTitle::Prefix)
    }

    /// `title` where it names something (a file name's `{title}`): empty when it is only
    /// the prefix, so the name says `untitled` rather than `bug`.
    pub fn named_title<'a>(&self, title: &'a str) -> &'a str {
        if self.title_is_blank(title) {
            ""
        } else {
            title
        }
    }

    /// Required fields that are empty (or required boxes not ticked), in order.
    pub fn missing_required(&self, answers: &Answers) -> Vec<usize> {
        (0..self.fields.len())
            .filter(|&i| self.is_missing(i, &answers.values[i]))
            .collect()
    }

    /// Whether any of `fields` is a required field left empty.
    pub fn missing_required_in(&self, answers: &Answers, fields: &[usize]) -> bool {
        fields
            .iter()
            .any(|&i| self.is_missing(i, &answers.values[i]))
    }

    fn is_missing(&self, field: usize, value: &Value) -> bool {
        let f = &self.fields[field];
        let boxes = match value {
            Value::Select(sel) => f
                .kind
                .options()
                .iter()
                .zip(&sel.checked)
                .any(|(o, &c)| o.required && !c),
            _ => false,
        };
        f.required && value.is_empty() || boxes
    }

    /// Whether field `f` is its section's only field and its label says what the
    /// section's title says (a heading followed by a comment or nothing: the answer is
    /// named by its heading; an issue form's field). A form shows those words once: the
    /// title is the field's label.
    pub fn label_is_title(&self, f: usize) -> bool {
        let field = &self.fields[f];
        let Some(section) = self.sections.get(field.section()) else {
            return false;
        };
        let words = |s: &str| s.split_whitespace().eq(field.label.split_whitespace());
        section.fields.len() == 1 && !section.title.trim().is_empty() && words(&section.title)
    }

    /// Whether field `f`'s label is shown as its section's name (the form's title row,
    /// plain mode's `== heading ==`): the section's only field named by its heading
    /// ([`Form::label_is_title`]), or its first field when the label says only what the
    /// heading says (`Steps to reproduce` under `## Steps to reproduce`; letter case, a
    /// colon after either and `(required)` aside, [`same_name`]). Showing only: the issue
    /// keeps both.
    pub fn names_section(&self, f: usize) -> bool {
        if self.label_is_title(f) {
            return true;
        }
        let field = &self.fields[f];
        self.sections
            .get(field.section())
            .is_some_and(|s| s.fields.first() == Some(f) && same_name(&s.title, &field.label))
    }
}

/// `label` without the `(required)` that made its field required (in any case), when
/// the `*` after it says so: `Summary (required) *` read it twice. For showing (the
/// form, plain mode): the label the issue and the schema use keeps its words.
pub fn unmarked(label: &str, required: bool) -> std::borrow::Cow<'_, str> {
    const WORD: &str = "(required)";
    let at = required
        .then(|| label.to_ascii_lowercase().find(WORD))
        .flatten();
    let Some(at) = at else {
        return label.into();
    };
    let (before, after) = (
        label[..at].trim_end(),
        label[at + WORD.len()..].trim_start(),
    );
    let space = if !before.is_empty() && after.starts_with(char::is_alphanumeric) {
        " "
    } else {
        ""
    };
    let kept = format!("{before}{space}{after}");
    if kept.trim().is_empty() {
        label.into()
    } else {
        kept.into()
    }
}

/// Whether a heading `title` and a field's `label` say the same name, as a reader
/// sees it: letter case (Unicode lowercase), a `(required)` in any case, a trailing
/// colon and runs of spaces aside (`## Version (Required)` and `Version (required):`,
/// `## Environment:` and `environment`). An empty name is no one's.
pub fn same_name(title: &str, label: &str) -> bool {
    fn words(s: &str) -> String {
        let lower = s.to_lowercase().replace("(required)", " ");
        let bare = lower.trim_end().trim_end_matches(':');
        bare.split_whitespace().collect::<Vec<_>>().join(" ")
    }
    let title = words(title);
    !title.is_empty() && title == words(label)
}

impl Form {
    /// Text written after section `section`'s fields: the form's closing text after
    /// the last section, nothing after the others.
    pub fn after(&self, section: usize) -> &str {
        if section + 1 == self.sections.len() {
            &self.after
        } else {
            ""
        }
    }

    /// The index of the field with this id.
    pub fn field_index(&self, id: &str) -> Option<usize> {
        self.fields.iter().position(|f| *f.id == *id)
    }
}

#[cfg(test)]
mod tests;
