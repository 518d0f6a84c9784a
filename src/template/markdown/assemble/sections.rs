//! Sections as the assembler keeps them: the open one, and what happens when it ends
//! (an answer for a question with nowhere to answer) or when the template has no field.

use std::ops::Range;
use std::sync::Arc;

use super::Assembler;
use crate::form::{Field, FieldKind, FieldSpan, Opt, Section, Selection, Value, index32};
use crate::template::hints::{self, TitleAsks};
use crate::template::layout::{PicksShape, Shape, ShapeAt};
use crate::template::markdown::rules::NewField;
use crate::template::markdown::rules::SectionCtx;
use crate::text::push_para;

/// Section state while its blocks are read.
pub(super) struct Open {
    pub section: Building,
    /// Line after the heading: where an answer goes when the body is empty.
    pub body_start: usize,
    /// Line after the last content block: where an added answer goes.
    pub content_end: Option<usize>,
    pub comment_lines: Option<Range<usize>>,
    /// The comments, joined by newlines, while the section is nothing but comments
    /// (see `comment_answer`).
    pub comments: Option<String>,
    pub has_content: bool,
    /// Something in the section so far stays in a body rendered with nothing answered
    /// (text, a label, a field that shows its lines): an instruction after it is not
    /// the section's opening.
    pub shown: bool,
    /// How many lines of prose the section has that ask something (the line that
    /// introduces a list of options asks nothing the options do not answer).
    pub prose: usize,
    /// The lines of the comments and instructions that opened the section, with their
    /// text, once an instruction is among them: the place of an answer it gets. An
    /// instruction asks for text the way prose does.
    pub opening: Option<(Range<usize>, String)>,
    /// The line of a thematic break in the section: text after it is a footer.
    pub break_line: Option<usize>,
    pub heading: HeadingKind,
}

/// The open section's own parts, as [`Section`] keeps them but with texts that still
/// grow (help and text gather paragraph by paragraph): they become a `Section` once,
/// when it closes.
pub(super) struct Building {
    /// A heading's slug, made by the reader (see `form::assign_ids`).
    pub id: Option<std::sync::Arc<str>>,
    pub title: Arc<str>,
    pub level: u8,
    pub help: String,
    pub text: String,
    pub fields: FieldSpan,
    /// 1-based line in the template file.
    pub line: usize,
}

impl Building {
    /// The section as the form keeps it; its parent is set once all are read.
    ///
    /// A text with spare room is shrunk to fit (in place, without a copy, for the
    /// allocator), so the form holds none.
    fn into_section(self) -> Section {
        Section {
            id: self.id.unwrap_or_default(),
            title: self.title,
            level: self.level,
            help: self.help.into_boxed_str(),
            text: self.text.into_boxed_str(),
            fields: self.fields,
            parent: None,
            line: index32(self.line),
        }
    }
}

/// How the section's heading is written and what it says.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct HeadingKind {
    /// Started by a bold line rather than a heading.
    pub pseudo: bool,
    /// A notice (`Before you submit`): prose under it asks nothing.
    pub notice: bool,
}

impl Open {
    pub fn new(title: Arc<str>, level: u8, file_line: usize, body_start: usize) -> Self {
        // `### Description:` names its answer `Description`; the body was sanitized
        // when read: only line breaks and tabs to flatten. A title with nothing to
        // trim or flatten is kept as it is, without a copy.
        // Most titles start and end with a character that is neither whitespace nor a
        // colon: nothing to trim, and no `trim` decoding characters from both ends.
        let plain_ends = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_graphic() && *b != b':');
        let bytes = title.as_bytes();
        let kept = if plain_ends(bytes.first()) && plain_ends(bytes.last()) {
            &*title
        } else {
            title.trim().trim_end_matches(':').trim_end()
        };
        let title = if kept.len() == title.len() && !kept.bytes().any(|b| b == b'\n' || b == b'\t')
        {
            title
        } else {
            crate::text::sanitize::flatten(kept).into()
        };
        Self {
            section: Building {
                id: None,
                title,
                level,
                help: String::new(),
                text: String::new(),
                fields: FieldSpan::EMPTY,
                line: file_line,
            },
            body_start,
            content_end: None,
            comment_lines: None,
            comments: None,
            has_content: false,
            shown: false,
            prose: 0,
            opening: None,
            break_line: None,
            heading: HeadingKind::default(),
        }
    }

    /// The label of a field the template does not name: its section's title itself.
    pub fn field_label(&self) -> Arc<str> {
        if self.section.title.is_empty() {
            "Description".into()
        } else {
            Arc::clone(&self.section.title)
        }
    }

    pub fn ctx(&self) -> SectionCtx<'_> {
        SectionCtx {
            title: &self.section.title,
            level: self.section.level,
            pseudo: self.heading.pseudo,
        }
    }
}

impl Assembler<'_> {
    /// Starts a section at `line` whose heading ends before `body_start`.
    pub(super) fn start_section(
        &mut self,
        title: Arc<str>,
        level: u8,
        line: usize,
        body_start: usize,
    ) {
        let has_children = level > self.open.section.level;
        let open = Open::new(title, level, self.first_line + line, body_start);
        let closed = std::mem::replace(&mut self.open, open);
        self.close_section(closed, has_children, line);
    }

    /// Ends a section before line `end`, giving it an answer field when it asks a
    /// question but has nowhere to answer.
    pub(super) fn close_section(&mut self, mut open: Open, has_children: bool, end: usize) {
        if let Some(help) = self.pending_help.take() {
            push_para(&mut open.section.help, "\n", &help);
        }
        let index = self.sections.len();
        let is_preamble = open.section.level == 0;
        let free_inputs = open
            .section
            .fields
            .iter()
            .filter(|&f| {
                let kind = &self.fields[f].kind;
                // An option that takes text (`Other: ___`) is a place to write too.
                kind.options().iter().any(|o| o.blank)
                    || !matches!(
                        kind,
                        FieldKind::Choice { .. }
                            | FieldKind::Checkboxes { .. }
                            | FieldKind::MultiChoice { .. }
                    )
            })
            .count();
        let no_fields = open.section.fields.is_empty();
        if is_preamble {
            // The preamble gets an answer only when nothing else does (see `finish`).
            self.preamble_end = Some(open.content_end.unwrap_or(end));
        } else if open.heading.notice {
            // A notice tells; it asks nothing.
        } else if no_fields && !open.has_content && open.comment_lines.is_some() {
            self.comment_answer(&mut open, index);
        } else if no_fields && let Some((lines, text)) = open.opening.take() {
            // Prose after the instruction: the answer still takes the instruction's place.
            let help = &mut open.section.help;
            if help.starts_with(text.as_str()) {
                help.drain(..text.len());
                let lead = help.len() - help.trim_start().len();
                help.drain(..lead);
            }
            let field = self.answer(&mut open, index, text);
            let shape = self.answer_shape(field);
            self.push_claim(lines, shape);
        } else if (open.prose > 0 || open.opening.is_some()) && free_inputs == 0 {
            let at = open.content_end.unwrap_or(open.body_start);
            self.answer_field(&mut open, index, at);
        } else if no_fields && !open.has_content && !has_children {
            let at = open.body_start;
            self.answer_field(&mut open, index, at);
        }
        let mut section = open.section.into_section();
        if is_preamble && is_empty(&section) {
            // Dropped at the end unless the template has no field at all (see
            // `finish`): kept aside, not first in `sections`, whose removal moved
            // every other section (17.6 MB for 100,000 headings).
            self.empty_preamble = Some(section);
            return;
        }
        self.parents.link(&mut section, index);
        self.sections.push(section);
    }

    /// A section whose body is only comments: the comments' place holds the answer and
    /// their text is its placeholder.
    fn comment_answer(&mut self, open: &mut Open, index: usize) {
        let Some(lines) = open.comment_lines.clone() else {
            return;
        };
        let placeholder = open.comments.as_deref().unwrap_or("").trim().to_owned();
        open.section.help.clear();
        let field = self.answer(open, index, placeholder);
        let shape = self.answer_shape(field);
        self.push_claim(lines, shape);
    }

    /// Adds a free-text answer to a section at line `at`.
    fn answer_field(&mut self, open: &mut Open, index: usize, at: usize) {
        let field = self.answer(open, index, String::new());
        let shape = self.answer_shape(field);
        self.push_insert(at, shape);
    }

    /// An answer for `open`, which becomes section number `index`: free text, or what
    /// the title asks for when the section has no other field (a line for `Version`,
    /// code for `Logs`, yes or no for a yes/no question).
    fn answer(&mut self, open: &mut Open, index: usize, placeholder: String) -> usize {
        // Made with its kind and default (a free-text field made first had them
        // dropped and replaced: two calls of drop glue an answer).
        let (kind, default) = if open.section.fields.is_empty() {
            match hints::title_asks(&open.section.title) {
                TitleAsks::Text => (FieldKind::TextArea, empty_text()),
                TitleAsks::Line => (FieldKind::Text, empty_text()),
                TitleAsks::Code => (
                    FieldKind::Code {
                        language: String::new(),
                    },
                    empty_text(),
                ),
                TitleAsks::YesNo => (
                    FieldKind::Choice {
                        options: vec![Opt::new("Yes"), Opt::new("No")],
                        custom: None,
                    },
                    Selection::none(2),
                ),
            }
        } else {
            (FieldKind::TextArea, empty_text())
        };
        let label = open.field_label();
        let field = answer_as(kind, default, label, placeholder, index, open.section.line);
        let field = self.add_field(field, false);
        open.section.fields.push(field);
        field
    }

    /// How an added answer is written: code fenced, anything else on lines of its own.
    fn answer_shape(&mut self, field: usize) -> ShapeAt {
        match self.fields[field].kind {
            FieldKind::Code { .. } => self.keep_shape(Shape::Fence {
                field,
                open: "```".into(),
                fence: "```".into(),
                original: Box::default(),
            }),
            _ => self.block_shape(field),
        }
    }

    /// With no fields anywhere, the preamble (or the whole template) is one answer; it
    /// goes after the preamble's last content.
    pub(super) fn give_preamble_a_field(&mut self) {
        let Some(index) = self.sections.iter().position(|s| s.level == 0) else {
            return;
        };
        let section = &mut self.sections[index];
        let placeholder = std::mem::take(&mut section.help).into_string();
        let line = section.line as usize;
        let field = answer("Description".into(), placeholder, index, line);
        let field = self.add_field(field, false);
        self.sections[index].fields.push(field);
        let end = self.preamble_end.unwrap_or(self.source.line_starts());
        let shape = self.block_shape(field);
        self.push_insert(end, shape);
    }
}

/// Links each section to its parent, all at once: for a template whose empty preamble
/// comes back first (see `finish`); the fold links each section as it closes. A
/// field's section index, given as the field was made (`sections.len()` then), is
/// already its place: sections are only ever pushed, and an empty preamble is never
/// among them (see `close_section`) unless it comes back.
pub(super) fn link_parents(sections: &mut [Section], fields: &[Field]) {
    debug_assert!(sections.iter().enumerate().all(|(at, section)| {
        section
            .fields
            .into_iter()
            .all(|f| fields[f].section == index32(at))
    }));
    let mut parents = Parents::default();
    for (i, section) in sections.iter_mut().enumerate() {
        parents.link(section, i);
    }
}

/// The latest section at each level so far, sections taken in order: a section's
/// parent is the latest at any level above its own.
#[derive(Debug, Default)]
pub(super) struct Parents([Option<u32>; 8]);

impl Parents {
    /// Links `section`, number `index`, to its parent, and takes it as the latest at
    /// its level.
    pub(super) fn link(&mut self, section: &mut Section, index: usize) {
        let latest = &mut self.0;
        let level = usize::from(section.level.min(7));
        section.parent = latest[1..level.max(1)].iter().flatten().max().copied();
        if level > 0 {
            latest[level] = Some(index32(index));
            latest[level + 1..].iter_mut().for_each(|l| *l = None);
        }
    }
}

/// Whether a section holds nothing the form keeps: no fields, text or help (only
/// the preamble, at level 0, can be dropped for it).
pub(super) fn is_empty(section: &Section) -> bool {
    section.fields.is_empty() && section.text.is_empty() && section.help.is_empty()
}

/// An empty free-text field.
fn answer(label: Arc<str>, placeholder: String, section: usize, line: usize) -> Field {
    answer_as(
        FieldKind::TextArea,
        empty_text(),
        label,
        placeholder,
        section,
        line,
    )
}

/// An answer of `kind`, holding `default`.
fn answer_as(
    kind: FieldKind,
    default: Value,
    label: Arc<str>,
    placeholder: String,
    section: usize,
    line: usize,
) -> Field {
    Field {
        id: std::sync::Arc::default(),
        label,
        kind,
        placeholder: placeholder.into(),
        help: String::new().into(),
        default,
        required: false,
        section: index32(section),
        line: index32(line),
    }
}

fn empty_text() -> Value {
    Value::Text(String::new())
}

/// Whether a shape writes anything while its fields keep their defaults: a bare
/// labelled line does, unless it is only a bold label (read again, it names a part); an
/// empty answer place, code block or list, or options nobody picked, do not.
pub(super) fn shows_unanswered(shape: &Shape, fields: &[NewField]) -> Shows {
    let default_empty = |field: usize| {
        fields.get(field).is_none_or(|f| match &f.default {
            Value::Text(t) => crate::text::is_blank(t),
            Value::List(items) => items.iter().all(|i| crate::text::is_blank(i)),
            Value::Select(sel) => !sel.checked.iter().any(|&c| c),
            Value::Table(_) => false,
        })
    };
    let shows = match shape {
        Shape::Line { bare, .. } if is_bold_label(crate::text::trim(bare)) => {
            return Shows::BoldLabel;
        }
        Shape::Line { bare, .. } => !crate::text::is_blank(bare),
        Shape::Block { field }
        | Shape::Fence { field, .. }
        | Shape::Picks(PicksShape { field, .. }) => !default_empty(*field),
        Shape::List(list) => !default_empty(list.field),
        Shape::Pre { original, .. } => !original.trim().is_empty(),
        Shape::Checks { .. } | Shape::Table(_) => true,
    };
    if shows { Shows::Text } else { Shows::Nothing }
}

/// What a shape writes while its fields keep their defaults.
pub(super) enum Shows {
    Nothing,
    Text,
    /// Only a bold label (`**Priority**:`).
    BoldLabel,
}

/// `**Label**`, `**Label:**` or `**Label**:` alone.
fn is_bold_label(text: &str) -> bool {
    let text = text.strip_suffix(':').unwrap_or(text);
    ["**", "__"].iter().any(|m| {
        text.len() > 2 * m.len()
            && text.starts_with(m)
            && text.ends_with(m)
            && !text[m.len()..text.len() - m.len()].contains(m)
    })
}
