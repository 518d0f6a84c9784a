//! Builds a form from a markdown template body: headings (and bold pseudo-headings)
//! become sections, recognized blocks become fields, and every line of the body gets a
//! place in the render layout.

mod blocks_fields;
mod label;
mod lists;
mod source;
mod text;

use std::ops::Range;

use super::blocks::{self, Block, Doc};
use super::{Problem, Severity};
use crate::form::{Field, FieldKind, Section, Value};
use crate::template::layout::{Piece, Shape};
use source::Source;

/// What the builder found.
pub(crate) struct Built {
    pub sections: Vec<Section>,
    pub fields: Vec<Field>,
    pub labelled: Vec<bool>,
    pub pieces: Vec<Piece>,
    pub problems: Vec<Problem>,
}

/// Builds sections, fields and the layout from `body`, which starts at 1-based
/// `first_line` of its file. Blocks nested too deeply are refused with their place.
pub(crate) fn build(body: &str, first_line: usize) -> Result<Built, Problem> {
    let doc = blocks::parse(body).map_err(|deep| {
        let before = &body[..deep.offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Problem {
            line: first_line + before.matches('\n').count(),
            col: before[line_start..].chars().count() + 1,
            severity: Severity::Error,
            message: format!(
                "nesting deeper than {} lists or block quotes",
                blocks::MAX_NESTING
            ),
        }
    })?;
    let mut b = Builder::new(body, &doc, first_line);
    b.run(&doc.blocks);
    Ok(b.finish())
}

/// Section state while its blocks are read.
struct Open {
    section: Section,
    /// Line after the heading: where an answer goes when the body is empty.
    body_start: usize,
    /// Line after the last content block: where an added answer goes.
    content_end: Option<usize>,
    comment_lines: Option<Range<usize>>,
    comments: Vec<String>,
    has_content: bool,
    has_prose: bool,
    /// Started by a bold line rather than a heading.
    pseudo: bool,
}

impl Open {
    fn new(title: &str, level: u8, file_line: usize, body_start: usize) -> Self {
        Self {
            section: Section {
                id: String::new(),
                title: crate::text::sanitize::one_line(title.trim()),
                level,
                help: String::new(),
                text: String::new(),
                fields: Vec::new(),
                parent: None,
                line: file_line,
            },
            body_start,
            content_end: None,
            comment_lines: None,
            comments: Vec::new(),
            has_content: false,
            has_prose: false,
            pseudo: false,
        }
    }
}

pub(super) struct Builder<'s> {
    source: Source<'s>,
    first_line: usize,
    sections: Vec<Section>,
    open: Option<Open>,
    fields: Vec<Field>,
    labelled: Vec<bool>,
    /// Lines that fields took over, with the shape that renders them.
    claims: Vec<(Range<usize>, Shape)>,
    inserts: Vec<(usize, Shape)>,
    /// Lines of HTML blocks that hold nothing but comments.
    comment_blocks: Vec<Range<usize>>,
    pending_help: Option<String>,
    pending_label: Option<String>,
    heading_level: u8,
    /// Line after the preamble's last content (or where the preamble ends): where the
    /// preamble's answer goes when it gets one.
    preamble_end: Option<usize>,
    problems: Vec<Problem>,
}

impl<'s> Builder<'s> {
    fn new(src: &'s str, doc: &Doc, first_line: usize) -> Self {
        let mut b = Self {
            source: Source::new(src, doc.comments.clone()),
            first_line,
            sections: Vec::new(),
            open: None,
            fields: Vec::new(),
            labelled: Vec::new(),
            claims: Vec::new(),
            inserts: Vec::new(),
            comment_blocks: Vec::new(),
            pending_help: None,
            pending_label: None,
            heading_level: 0,
            preamble_end: None,
            problems: Vec::new(),
        };
        for &at in &doc.unclosed_comments {
            b.problem(
                at,
                Severity::Warning,
                "comment is never closed with `-->`: it hides the rest of the template",
            );
        }
        b.start_section("", 0, 0, 0);
        b
    }

    fn run(&mut self, blocks: &[Block]) {
        for (i, block) in blocks.iter().enumerate() {
            let next = blocks[i + 1..].iter().find(|b| !self.is_comment_block(b));
            self.block(block, next);
        }
    }

    fn block(&mut self, block: &Block, next: Option<&Block>) {
        match block {
            Block::Heading { range, level, text } => {
                let line = self.source.line_of(range.start);
                let end = self.source.end_line(range);
                self.heading_level = *level;
                self.start_section(text, *level, line, end);
            }
            Block::Html { range } => self.html(range),
            Block::Paragraph { range, inlines } => self.paragraph(range, inlines, next),
            Block::List {
                range,
                start,
                items,
            } => self.list(range, *start, items),
            Block::Code {
                range,
                info,
                fenced: true,
                closed,
            } => self.code(range, info, *closed),
            Block::Table { range, head, rows } => self.table(range, head, rows),
            // A thematic break separates; it is neither content nor a question.
            Block::Rule => {}
            Block::Code { range, .. } | Block::Other { range } => self.static_block(range, true),
        }
    }

    fn finish(mut self) -> Built {
        let lines = self.source.line_starts() - 1;
        self.close_section(false, lines);
        if self.fields.is_empty() {
            self.give_preamble_a_field();
        }
        self.sections.retain(|s| {
            s.level > 0 || !s.fields.is_empty() || !s.text.is_empty() || !s.help.is_empty()
        });
        self.renumber_sections();
        for field in &mut self.fields {
            let says_required = |t: &str| t.to_lowercase().contains("(required)");
            if says_required(&field.label)
                || says_required(&field.help)
                || says_required(&field.placeholder)
            {
                field.required = true;
            }
        }
        let pieces = self.pieces();
        Built {
            sections: self.sections,
            fields: self.fields,
            labelled: self.labelled,
            pieces,
            problems: self.problems,
        }
    }

    // ----- sections -------------------------------------------------------------------

    /// Starts a section at `line` whose heading ends before `body_start`.
    fn start_section(&mut self, title: &str, level: u8, line: usize, body_start: usize) {
        let has_children = level > self.open.as_ref().map_or(0, |o| o.section.level);
        self.close_section(has_children, line);
        self.open = Some(Open::new(title, level, self.first_line + line, body_start));
    }

    /// Ends the open section before line `end`, giving it an answer field when it asks a
    /// question but has nowhere to answer.
    fn close_section(&mut self, has_children: bool, end: usize) {
        let Some(mut open) = self.open.take() else {
            return;
        };
        if let Some(help) = self.pending_help.take() {
            push_para(&mut open.section.help, &help);
        }
        self.pending_label = None;
        let index = self.sections.len();
        let is_preamble = open.section.level == 0;
        let free_inputs = open
            .section
            .fields
            .iter()
            .filter(|&&f| {
                !matches!(
                    self.fields[f].kind,
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
        } else if no_fields && !open.has_content && open.comment_lines.is_some() {
            self.comment_answer(&mut open, index);
        } else if open.has_prose && free_inputs == 0 {
            let at = open.content_end.unwrap_or(open.body_start);
            self.answer_field(&mut open, index, at);
        } else if no_fields && !open.has_content && !has_children {
            let at = open.body_start;
            self.answer_field(&mut open, index, at);
        }
        self.sections.push(open.section);
    }

    /// A section whose body is only comments: the comments' place holds the answer and
    /// their text is its placeholder.
    fn comment_answer(&mut self, open: &mut Open, index: usize) {
        let Some(lines) = open.comment_lines.clone() else {
            return;
        };
        let placeholder = open.comments.join("\n");
        open.section.help.clear();
        let field = self.push_field(
            index,
            open,
            FieldKind::TextArea,
            None,
            &placeholder,
            Value::Text(String::new()),
        );
        self.claims.push((lines, (Shape::Block { field })));
    }

    /// Adds a free-text answer to a section at line `at`.
    fn answer_field(&mut self, open: &mut Open, index: usize, at: usize) {
        let field = self.push_field(
            index,
            open,
            FieldKind::TextArea,
            None,
            "",
            Value::Text(String::new()),
        );
        self.inserts.push((at, Shape::Block { field }));
    }

    /// With no fields anywhere, the preamble (or the whole template) is one answer; it
    /// goes after the preamble's last content.
    fn give_preamble_a_field(&mut self) {
        let Some(index) = self.sections.iter().position(|s| s.level == 0) else {
            return;
        };
        let mut section = self.sections[index].clone();
        let field = self.fields.len();
        self.fields.push(Field {
            id: String::new(),
            label: "Description".to_owned(),
            kind: FieldKind::TextArea,
            placeholder: std::mem::take(&mut section.help),
            help: String::new(),
            default: Value::Text(String::new()),
            required: false,
            section: index,
            line: section.line,
        });
        self.labelled.push(false);
        section.fields.push(field);
        let end = self.preamble_end.unwrap_or(self.source.line_starts());
        self.inserts.push((end, Shape::Block { field }));
        self.sections[index] = section;
    }

    /// Drops an empty preamble and fixes indices that pointed past it.
    fn renumber_sections(&mut self) {
        for (new, section) in self.sections.iter().enumerate() {
            for &f in &section.fields {
                self.fields[f].section = new;
            }
        }
        // The parent is the latest section at any level above this one.
        let mut latest: [Option<usize>; 8] = [None; 8];
        for (i, section) in self.sections.iter_mut().enumerate() {
            let level = usize::from(section.level.min(7));
            section.parent = latest[1..level.max(1)].iter().flatten().max().copied();
            if level > 0 {
                latest[level] = Some(i);
                latest[level + 1..].iter_mut().for_each(|l| *l = None);
            }
        }
    }

    /// The section being read (the preamble, before any heading).
    fn open(&mut self) -> &mut Open {
        let first_line = self.first_line;
        self.open
            .get_or_insert_with(|| Open::new("", 0, first_line, 0))
    }

    /// Gives `lines` to a field's shape; the section's content now reaches past them.
    fn claim(&mut self, lines: Range<usize>, shape: Shape) {
        let end = lines.end;
        self.claims.push((lines, shape));
        let open = self.open();
        open.content_end = Some(open.content_end.map_or(end, |e| e.max(end)));
    }

    /// Adds a field to the open section and returns its index.
    fn new_field(
        &mut self,
        kind: FieldKind,
        label: Option<String>,
        placeholder: &str,
        default: Value,
        line: usize,
    ) -> usize {
        let help = self.pending_help.take().unwrap_or_default();
        let index = self.sections.len();
        let first_line = self.first_line;
        let mut open = self
            .open
            .take()
            .unwrap_or_else(|| Open::new("", 0, first_line, 0));
        let field = self.push_field(index, &mut open, kind, label, placeholder, default);
        self.fields[field].help = help;
        self.fields[field].line = self.first_line + line;
        open.has_content = true;
        self.open = Some(open);
        field
    }

    fn push_field(
        &mut self,
        section: usize,
        open: &mut Open,
        kind: FieldKind,
        label: Option<String>,
        placeholder: &str,
        default: Value,
    ) -> usize {
        let index = self.fields.len();
        let labelled = label.is_some();
        let label = label.unwrap_or_else(|| {
            if open.section.title.is_empty() {
                "Description".to_owned()
            } else {
                open.section.title.clone()
            }
        });
        self.fields.push(Field {
            id: String::new(),
            label,
            kind,
            placeholder: placeholder.trim().to_owned(),
            help: String::new(),
            default,
            required: false,
            section,
            line: open.section.line,
        });
        self.labelled.push(labelled);
        open.section.fields.push(index);
        index
    }

    // ----- static content and comments ---------------------------------------------

    fn is_comment_block(&self, block: &Block) -> bool {
        matches!(block, Block::Html { range } if self.source.strip_comments(range.clone()).trim().is_empty())
    }

    fn html(&mut self, range: &Range<usize>) {
        if self.pre_block(range) {
            return;
        }
        let text = self.source.strip_comments(range.clone());
        if !text.trim().is_empty() {
            self.static_block(range, true);
            return;
        }
        let comment = self.source.comment_text(range);
        let lines = self.source.lines(range);
        self.comment_blocks.push(lines.clone());
        let open = self.open();
        open.comment_lines = Some(match open.comment_lines.take() {
            Some(prev) => prev.start..lines.end,
            None => lines,
        });
        open.comments.push(comment.clone());
        if open.section.fields.is_empty() && !open.has_content {
            push_para(&mut open.section.help, &comment);
        } else if let Some(prev) = &mut self.pending_help {
            push_para(prev, &comment);
        } else {
            self.pending_help = Some(comment);
        }
    }

    /// Text kept as written; `prose` says it asks or tells the reader something.
    fn static_block(&mut self, range: &Range<usize>, prose: bool) {
        let text = self.source.strip_comments(range.clone());
        let end = self.source.end_line(range);
        let help = self.pending_help.take();
        let open = self.open();
        if let Some(help) = help {
            push_para(&mut open.section.help, &help);
        }
        open.has_content = true;
        open.has_prose |= prose;
        open.content_end = Some(end);
        if prose {
            push_para(&mut open.section.text, text.trim());
        }
    }

    fn problem(&mut self, offset: usize, severity: Severity, message: &str) {
        let (line, col) = self.source.position(offset);
        self.problems.push(Problem {
            line: self.first_line + line,
            col,
            severity,
            message: message.to_owned(),
        });
    }
}

/// Appends `text` to `to` as a new paragraph.
fn push_para(to: &mut String, text: &str) {
    if text.is_empty() {
        return;
    }
    if !to.is_empty() {
        to.push('\n');
    }
    to.push_str(text);
}

/// Whether the section title makes a checkbox list a single choice.
fn is_single_choice_title(title: &str) -> bool {
    matches!(
        crate::text::slug(title).as_str(),
        "priority" | "severity" | "urgency"
    )
}
