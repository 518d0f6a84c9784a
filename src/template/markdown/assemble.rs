//! The fold over what the rules recognized: the only state of the markdown builder.
//! It owns the sections, the label and help that wait for the next field, the lines
//! fields take over, the answers it adds to questions with nowhere to answer, and field
//! numbering. Everything that depends on what came before is decided here.

use std::collections::VecDeque;
use std::ops::Range;

mod feed;
mod sections;
mod tail;

use super::Built;
use super::pieces;
use super::rules::{self, Ctx, NewField, Recognized};
use super::source::Source;
use crate::form::{Field, Section, index32};
use crate::template::blocks::Block;
use crate::template::layout::{PicksShape, Shape, ShapeAt, TableShape};
use crate::template::{Limits, Problem, Severity};
use crate::text::push_para;
use feed::Feed;
use sections::{Open, Shows, shows_unanswered};

/// Folds the blocks of `src` (which starts at 1-based `first_line` of its file) into
/// sections, fields (with their ids) and the layout. Past a limit on sections or fields
/// it stops there, refusing the template without reading the rest. A body of
/// [`feed::PIPE_FROM`] bytes or more is read on a second thread while the blocks are
/// folded (see [`feed`]), and its layout made on one while the ids are given (see
/// [`tail`]).
pub(super) fn assemble(src: &str, first_line: usize, limits: &Limits) -> Result<Built, Stop> {
    assemble_with(src, first_line, limits, src.len() >= feed::PIPE_FROM)
}

/// [`assemble`], reading on a second thread when `piped`, however long `src` is.
fn assemble_with(
    src: &str,
    first_line: usize,
    limits: &Limits,
    piped: bool,
) -> Result<Built, Stop> {
    let assembler = feed::with_feed(src, limits.nesting, piped, |feed| {
        let mut assembler = Assembler::new(src, first_line);
        assembler.run(feed, limits)?;
        Ok(assembler)
    })
    .map_err(|failed| Stop::Failed(failed.0))??;
    // After the reader thread is gone: a thread started now reuses its allocator arena
    // (memory it freed is memory already touched, no page faults to take it again).
    assembler.finish(piped)
}

/// Why the assembler stopped before the end.
#[derive(Debug)]
pub(super) enum Stop {
    TooDeep(crate::template::blocks::TooDeep),
    /// More sections or fields than the limits allow: the problem says which, where.
    Limit(Problem),
    /// The thread reading the blocks failed (a bug): its panic message.
    Failed(String),
}

struct Assembler<'s> {
    source: Source<'s>,
    /// 1-based file line of the body's first line.
    first_line: usize,
    sections: Vec<Section>,
    open: Open,
    fields: Vec<Field>,
    labelled: Vec<bool>,
    /// The indices of the required fields (see [`crate::form::Form::required`]).
    required: Vec<u32>,
    /// The shapes of fields, in the order they were made: claims and inserts name them.
    shapes: Vec<Shape>,
    /// Lines that fields took over, with the shape that renders them.
    claims: Vec<pieces::Claim>,
    /// Answers added where the template had none, before a line.
    inserts: Vec<pieces::Insert>,
    /// Lines of HTML blocks that hold nothing but comments.
    comment_blocks: Vec<Range<usize>>,
    /// Lines of instructions that became help: gone from the issue like comments.
    hidden: Vec<Range<usize>>,
    /// Comments after a section's content: help for the next field.
    pending_help: Option<String>,
    /// A bold line's text: the label of the next block's field.
    pending_label: Option<String>,
    /// Vectors the rules reuse from block to block.
    scratch: rules::Scratch,
    /// The text of the block just read, when it was text, a comment or an instruction
    /// (`has_intro`): what introduces the next block (`Select one:`). One buffer,
    /// written over: a copy of every comment's text was made and dropped a block later.
    intro: String,
    has_intro: bool,
    /// What the text just read became, while nothing else has been read since.
    last_text: Option<LastText>,
    heading_level: u8,
    /// Line after the preamble's last content (or where the preamble ends): where the
    /// preamble's answer goes when it gets one.
    preamble_end: Option<usize>,
    /// The preamble, closed with nothing in it: not in `sections` (see `close_section`).
    empty_preamble: Option<Section>,
    /// The latest section at each level, to link a closing section to its parent.
    parents: sections::Parents,
    problems: Vec<Problem>,
}

impl<'s> Assembler<'s> {
    fn new(src: &'s str, first_line: usize) -> Self {
        Self {
            source: Source::new(src, Vec::new()),
            first_line,
            sections: Vec::new(),
            open: Open::new(std::sync::Arc::default(), 0, first_line, 0),
            fields: Vec::new(),
            labelled: Vec::new(),
            required: Vec::new(),
            shapes: Vec::new(),
            claims: Vec::new(),
            inserts: Vec::new(),
            comment_blocks: Vec::new(),
            hidden: Vec::new(),
            pending_help: None,
            pending_label: None,
            scratch: rules::Scratch::default(),
            intro: String::new(),
            has_intro: false,
            last_text: None,
            heading_level: 0,
            preamble_end: None,
            empty_preamble: None,
            parents: sections::Parents::default(),
            problems: Vec::new(),
        }
    }

    /// The next top-level block with the comments in it known to the source.
    fn read<'r>(&mut self, feed: &mut Feed<'r>) -> Option<Block<'r>> {
        let (block, comments, unclosed) = feed.read();
        self.source.add_comments(comments);
        for &offset in unclosed {
            self.problem(
                offset,
                Severity::Warning,
                "comment is never closed with `-->`: it hides the rest of the template",
            );
        }
        block
    }

    /// Folds the blocks in order. A label lasts for the one block after it (comment
    /// blocks let it through); help lasts until a field, text or the section's end.
    fn run(&mut self, feed: &mut Feed<'_>, limits: &Limits) -> Result<(), Stop> {
        // The blocks read ahead, each with whether it is a comment block: the front is
        // the block to fold; a rule sees the next non-comment block, which (when there
        // is one) is the last of them, since reading ahead stops at the first.
        let mut ahead: VecDeque<(Block<'_>, bool)> = VecDeque::new();
        let mut at_end = false;
        loop {
            while !at_end && ahead.iter().skip(1).next_back().is_none_or(|(_, c)| *c) {
                match self.read(feed) {
                    Some(block) => {
                        let comment = rules::is_comment_block(&block, &self.source);
                        ahead.push_back((block, comment));
                    }
                    None => at_end = true,
                }
            }
            let Some((mut block, comment)) = ahead.pop_front() else {
                break;
            };
            let next = ahead.back().filter(|(_, c)| !c).map(|(b, _)| b);
            self.fold(&mut block, next, comment);
            feed.spent(block);
            self.check_limits(limits).map_err(Stop::Limit)?;
        }
        if let Some(deep) = feed.too_deep() {
            return Err(Stop::TooDeep(deep));
        }
        Ok(())
    }

    /// Folds one block, `next` the non-comment block after it (a heading's text is
    /// taken from it: see [`rules::classify`]).
    ///
    /// Inlined into `run`, its one caller: merged with main at 7989267, thin LTO made
    /// it a call of its own (+3.7 M instructions for 100k headings), `#[inline]` or not.
    #[allow(clippy::inline_always)]
    #[inline(always)]
    fn fold(&mut self, block: &mut Block, next: Option<&Block>, comment: bool) {
        let source = &self.source;
        let ctx = Ctx {
            source,
            section: self.open.ctx(),
            label: self.pending_label.as_deref(),
            intro: self.has_intro.then_some(self.intro.as_str()),
            scratch: &self.scratch,
        };
        let found = rules::classify(block, next, &ctx);
        if !comment {
            self.pending_label = None;
        }
        // The heading's slug, made by the reader: the base of its section's id.
        let slug = match block {
            Block::Heading { slug, .. } => slug.take(),
            _ => None,
        };
        // The rest taken from the back of the vector, kept for the next block (a
        // `drain` cost more to drop than the vector's allocation saved).
        let (first, mut rest) = found.into_parts();
        rest.reverse();
        for recognized in first.into_iter().chain(std::iter::from_fn(|| rest.pop())) {
            if let Recognized::Fields {
                shape: shape @ (Shape::Picks(_) | Shape::Checks { .. }),
                ..
            } = &recognized
            {
                self.intro_answered(matches!(shape, Shape::Picks(_)));
            }
            self.last_text = None;
            self.has_intro = match &recognized {
                Recognized::Static { text, .. }
                | Recognized::Instruction { text, .. }
                | Recognized::Comment { text, .. } => {
                    text.clone_into(&mut self.intro);
                    true
                }
                _ => false,
            };
            self.apply(recognized);
        }
        // Lent by the rules for the next list.
        if rest.capacity() > 0 {
            self.scratch.give_back_found(rest);
        }
        if let Some(slug) = slug {
            // A heading is one section, the one open now (see `form::assign_ids`).
            self.open.section.id = Some(slug);
        }
    }

    /// Refuses the template once it certainly has more sections or fields than
    /// `limits` allow: every section but the preamble is kept, and fields only grow.
    fn check_limits(&self, limits: &Limits) -> Result<(), Problem> {
        let refuse = |line: usize, what: &str, limit: usize, var: &str| Problem {
            line,
            col: 1,
            severity: Severity::Error,
            message: crate::template::over_limit(what, limit, var),
        };
        if self.fields.len() > limits.fields {
            let line = self.fields[limits.fields].line as usize;
            return Err(refuse(
                line,
                "fields",
                limits.fields,
                crate::template::FIELDS_VAR,
            ));
        }
        let preamble = self.sections.first().is_some_and(|s| s.level == 0);
        let kept =
            self.sections.len() - usize::from(preamble) + usize::from(self.open.section.level > 0);
        if kept > limits.sections {
            let line = self.open.section.line;
            return Err(refuse(
                line,
                "sections",
                limits.sections,
                crate::template::SECTIONS_VAR,
            ));
        }
        Ok(())
    }

    /// Options follow the text that introduced them (`Select one:`): that text asks for
    /// nothing more than a choice, so it no longer calls for free text of its own
    /// (`picks`: options to pick from, which only a pick instruction introduces). An
    /// instruction that introduces options or checkboxes is their help, not output.
    fn intro_answered(&mut self, picks: bool) {
        let open = &mut self.open;
        match self.last_text.take() {
            Some(LastText::Prose) if picks => open.prose = open.prose.saturating_sub(1),
            Some(LastText::Opening) if picks => open.opening = None,
            Some(LastText::Instruction(lines, text)) => {
                open.prose = open.prose.saturating_sub(1);
                if let Some(kept) = open.section.text.strip_suffix(text.as_str()) {
                    open.section.text = kept.trim_end().to_owned();
                }
                self.hidden.push(lines);
                match &mut self.pending_help {
                    Some(waiting) => push_para(waiting, "\n", &text),
                    None => self.pending_help = Some(text),
                }
            }
            _ => {}
        }
    }

    fn apply(&mut self, recognized: Recognized) {
        match recognized {
            Recognized::Heading {
                title,
                level,
                line,
                body_start,
                notice,
            } => {
                self.heading_level = level;
                self.start_section(title, level, line, body_start);
                self.open.heading.notice = notice;
            }
            Recognized::PseudoHeading {
                title,
                line,
                notice,
            } => {
                let level = (self.heading_level + 1).min(6);
                self.start_section(title.into(), level, line, line + 1);
                self.open.heading.pseudo = true;
                self.open.heading.notice = notice;
            }
            Recognized::Label { text, line } => {
                self.pending_label = Some(text);
                self.open.has_content = true;
                self.open.shown = true;
                self.open.content_end = Some(line + 1);
            }
            Recognized::Comment { lines, text } => {
                self.comment_blocks.push(lines.clone());
                self.comment(lines, text);
            }
            Recognized::Instruction { lines, text } => self.instruction(lines, text),
            Recognized::Fields {
                fields,
                shape,
                lines,
            } => {
                let first = self.fields.len();
                let shown = shows_unanswered(&shape, &fields);
                let mut fields = fields;
                fields.reverse();
                while let Some(field) = fields.pop() {
                    self.new_field(field);
                }
                // Lent by the rules for the next block's fields.
                self.scratch.give_back(fields);
                match shown {
                    Shows::Nothing => {}
                    Shows::Text => self.open.shown = true,
                    // Read again, a bold label alone starts a part: what comes next
                    // opens that part, and a thematic break before it is behind.
                    Shows::BoldLabel => {
                        self.open.shown = false;
                        self.open.break_line = None;
                    }
                }
                self.claim(lines, numbered(shape, first));
            }
            Recognized::Static { text, end } if self.open.break_line.is_some() => {
                self.footer_text(&text, end);
            }
            Recognized::Static { text, end } => self.static_text(&text, end),
            Recognized::Aside { .. } => {}
            Recognized::Break { line } => self.open.break_line = Some(line),
            Recognized::Problem {
                offset,
                severity,
                message,
            } => self.problem(offset, severity, message),
        }
    }

    // ----- fields, text and comments --------------------------------------------------

    /// Adds a field to the open section; the help waiting for a field is its help.
    fn new_field(&mut self, new: NewField) {
        let help = match (self.pending_help.take(), new.help) {
            (Some(waiting), own) if !own.is_empty() => format!("{waiting}\n{own}"),
            (waiting, own) => waiting.unwrap_or(own),
        };
        let labelled = new.label.is_some();
        let field = Field {
            id: std::sync::Arc::default(),
            label: new.label.unwrap_or_else(|| self.open.field_label()),
            kind: new.kind,
            placeholder: new.placeholder.into(),
            help: help.into(),
            default: new.default,
            required: false,
            section: index32(self.sections.len()),
            line: index32(self.first_line + new.line),
        };
        let index = self.add_field(field, labelled);
        self.open.section.fields.push(index);
        self.open.has_content = true;
    }

    /// Numbers a field; `labelled` says the template named it. Its section lists it.
    /// One that says `(required)` in its label, help or placeholder is required (read
    /// here, while the texts are in the cache).
    fn add_field(&mut self, mut field: Field, labelled: bool) -> usize {
        if says_required(&field.label)
            || says_required(&field.help)
            || says_required(&field.placeholder)
        {
            field.required = true;
            self.required.push(index32(self.fields.len()));
        }
        self.fields.push(field);
        self.labelled.push(labelled);
        self.fields.len() - 1
    }

    /// Gives `lines` to a field's shape; the section's content now reaches past them.
    fn claim(&mut self, lines: Range<usize>, shape: Shape) {
        let end = lines.end;
        let shape = self.add_shape(shape);
        self.push_claim(lines, shape);
        let open = &mut self.open;
        open.content_end = Some(open.content_end.map_or(end, |e| e.max(end)));
    }

    /// `lines` go to the field `shape` renders.
    fn push_claim(&mut self, lines: Range<usize>, shape: ShapeAt) {
        let lines = pieces::line32(lines.start)..pieces::line32(lines.end);
        self.claims.push((lines, shape));
    }

    /// An answer `shape` renders goes before line `at`.
    fn push_insert(&mut self, at: usize, shape: ShapeAt) {
        self.inserts.push((pieces::line32(at), shape));
    }

    /// Keeps a field's shape with the others; the layout's pieces name it by its place
    /// (a block of text by its field: nothing to keep).
    fn add_shape(&mut self, shape: Shape) -> ShapeAt {
        match shape {
            Shape::Block { field } => self.block_shape(field),
            shape => self.keep_shape(shape),
        }
    }

    /// A block of text for `field`, named by the field.
    fn block_shape(&mut self, field: usize) -> ShapeAt {
        match ShapeAt::block(field) {
            Some(at) => at,
            None => self.keep_shape(Shape::Block { field }),
        }
    }

    fn keep_shape(&mut self, shape: Shape) -> ShapeAt {
        let at = ShapeAt::kept(self.shapes.len()).expect("fewer than 2^31 shapes");
        self.shapes.push(shape);
        at
    }

    /// A comment block: the section's help before its content, else help for what follows.
    fn comment(&mut self, lines: Range<usize>, text: String) {
        let open = &mut self.open;
        open.comment_lines = Some(match open.comment_lines.take() {
            Some(prev) => prev.start..lines.end,
            None => lines,
        });
        if open.section.fields.is_empty() && !open.has_content {
            push_para(&mut open.section.help, "\n", &text);
            // Only a section that is still nothing but comments may become a comment
            // answer (fields and content only come, never go): kept, joined, for it.
            match &mut open.comments {
                Some(joined) => {
                    joined.push('\n');
                    joined.push_str(&text);
                }
                None => open.comments = Some(text),
            }
        } else if let Some(waiting) = &mut self.pending_help {
            push_para(waiting, "\n", &text);
        } else {
            self.pending_help = Some(text);
        }
    }

    /// An instruction that opens a section (after comments and answer places that show
    /// nothing until answered, at most) is help, gone from the issue like a comment;
    /// anywhere else, and under a notice, it is kept. Only what a body rendered
    /// unanswered keeps counts, so that body reads the same when read again.
    fn instruction(&mut self, lines: Range<usize>, text: String) {
        let open = &self.open;
        if open.shown || open.heading.notice || open.break_line.is_some() {
            let end = lines.end;
            self.apply(Recognized::Static {
                text: text.clone(),
                end,
            });
            // One that asks to choose is answered by the options or checkboxes right
            // after it (not under a notice or after a break).
            if !open_notice_or_footer(&self.open) && rules::asks_to_choose(&text) {
                self.last_text = Some(LastText::Instruction(lines, text));
            }
            return;
        }
        self.hidden.push(lines.clone());
        self.comment(lines, text);
        self.last_text = Some(LastText::Opening);
        let open = &mut self.open;
        open.opening = open
            .comment_lines
            .clone()
            .map(|lines| (lines, open.section.help.clone()));
    }

    /// Text kept as written, which asks or tells the reader something.
    fn static_text(&mut self, text: &str, end: usize) {
        let help = self.pending_help.take();
        let open = &mut self.open;
        if let Some(help) = help {
            push_para(&mut open.section.help, "\n", &help);
        }
        open.has_content = true;
        open.shown = true;
        open.prose += 1;
        self.last_text = Some(LastText::Prose);
        open.content_end = Some(end);
        push_para(&mut open.section.text, "\n", text);
    }

    /// Text after a thematic break (`Add a :+1: reaction ...`): shown with the section,
    /// but an answer the section gets goes before the break.
    fn footer_text(&mut self, text: &str, _end: usize) {
        push_para(&mut self.open.section.text, "\n", text);
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

/// What text the assembler just read became.
#[derive(Debug, Clone)]
enum LastText {
    /// Prose kept as written.
    Prose,
    /// An instruction that opened the section (now help).
    Opening,
    /// An instruction kept as written after the section's content: its lines and text.
    Instruction(Range<usize>, String),
}

fn open_notice_or_footer(open: &Open) -> bool {
    open.heading.notice || open.break_line.is_some()
}

/// Whether `text` says `(required)`, in any case. ASCII case-insensitive is the same as
/// lowercasing first: no other character lowercases to a letter of `required`, and this
/// skips a lowercased copy of every label, help and placeholder.
#[inline]
fn says_required(text: &str) -> bool {
    const WORD: &[u8] = b"(required)";
    /// Shorter texts are searched byte by byte: setting up `memchr` costs more.
    const SHORT: usize = 64;
    let bytes = text.as_bytes();
    let at = |at: usize| {
        bytes
            .get(at..at + WORD.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(WORD))
    };
    // Most labels, helps and placeholders are empty or short (a heading's title).
    if bytes.len() < WORD.len() {
        false
    } else if bytes.len() < SHORT {
        (0..=bytes.len() - WORD.len()).any(|i| bytes[i] == b'(' && at(i))
    } else {
        memchr::memchr_iter(b'(', bytes).any(at)
    }
}

/// `shape` with its fields numbered from `first` instead of 0.
fn numbered(mut shape: Shape, first: usize) -> Shape {
    match &mut shape {
        Shape::Line { parts, .. } => parts.iter_mut().for_each(|(_, field)| *field += first),
        Shape::Block { field }
        | Shape::Fence { field, .. }
        | Shape::Pre { field, .. }
        | Shape::Checks { field, .. }
        | Shape::Picks(PicksShape { field, .. })
        | Shape::Table(TableShape { field, .. }) => *field += first,
        Shape::List(list) => list.field += first,
    }
    shape
}

#[cfg(test)]
mod tests;
