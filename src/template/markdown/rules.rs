//! Recognition as pure rules: each markdown block, read with what came before it (the
//! open section, a label a bold line gave it), says what it is ([`Recognized`]): a
//! heading, a label or help for what follows, fields with the shape their answers are
//! written in, or text kept as written. Nothing here changes state; the assembler folds
//! the results into the form, and is the one place where order matters.

mod aside;
mod checks;
mod code;
mod lead_in;
mod lists;
mod options;
mod paragraph;
mod prose;
pub(crate) use prose::is_instruction;
mod requests;
mod table;

use std::ops::Range;

use super::label::blank_but_comments;
use super::source::Source;
use crate::form::{FieldKind, Value};
use crate::template::Severity;
use crate::template::blocks::Block;
use crate::template::layout::Shape;

/// What a rule may know besides its block. Read-only.
pub(super) struct Ctx<'a> {
    pub source: &'a Source<'a>,
    /// The section the block is in.
    pub section: SectionCtx<'a>,
    /// What a bold line right before the block calls it (see [`Recognized::Label`]).
    pub label: Option<&'a str>,
    /// The text of the block right before, when it was text, a comment or an
    /// instruction (`Select one of the platforms below:`).
    pub intro: Option<&'a str>,
    /// Vectors lent to a rule for one block, empty between blocks.
    pub scratch: &'a Scratch,
}

/// Vectors the rules reuse from block to block (a list's facts, a checkbox list's
/// tasks), so a list allocates them once per template, not once per list (a malloc
/// and a free of each for every list). Empty between blocks: a rule takes one,
/// fills it, clears it and gives it back; a rule that finds it taken (a list inside
/// a list) makes its own.
#[derive(Default)]
pub(super) struct Scratch {
    facts: std::cell::Cell<Vec<lists::Facts>>,
    tasks: std::cell::Cell<Vec<checks::Task>>,
    /// Vectors for a [`Recognized::Fields`]' fields (one, nearly always), which the
    /// assembler gives back once it took them (a vector a field-making block, made
    /// and freed again, was three allocations of every synthetic section, whose list
    /// makes two at once).
    fields: std::cell::Cell<Vec<Vec<NewField>>>,
    /// The vector of what a list is (see [`Found`]), given back the same way.
    found: std::cell::Cell<Vec<Recognized>>,
}

impl Scratch {
    /// An empty vector for the fields of one [`Recognized::Fields`].
    pub(super) fn fields(&self) -> Vec<NewField> {
        let mut spare = self.fields.take();
        let fields = spare.pop().unwrap_or_default();
        self.fields.set(spare);
        fields
    }

    /// An empty vector for what a block is, when it may be more than one thing.
    pub(super) fn found(&self) -> Vec<Recognized> {
        self.found.take()
    }

    /// Gives back a vector of what a block was, emptied (see [`Scratch::give_back`]).
    pub(super) fn give_back_found(&self, mut found: Vec<Recognized>) {
        found.clear();
        let kept = self.found.take();
        self.found.set(if kept.capacity() >= found.capacity() {
            kept
        } else {
            found
        });
    }

    /// Gives back a vector of fields, emptied (up to a few are kept).
    pub(super) fn give_back(&self, mut fields: Vec<NewField>) {
        const KEPT: usize = 4;
        let mut spare = self.fields.take();
        if spare.len() < KEPT && fields.capacity() > 0 {
            fields.clear();
            spare.push(fields);
        }
        self.fields.set(spare);
    }
}

/// The open section, as the rules see it.
#[derive(Debug, Clone, Copy)]
pub(super) struct SectionCtx<'a> {
    pub title: &'a str,
    /// 0 for the preamble.
    pub level: u8,
    /// Started by a bold line rather than a heading.
    pub pseudo: bool,
}

/// What a block (or a part of one) is. Lines are 0-based lines of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Recognized {
    /// `# Title`: a section whose body starts at `body_start`; a `notice` (`Before you
    /// submit`) is not a question.
    Heading {
        /// Made here, on the fold's thread (see `blocks::with_slug`).
        title: std::sync::Arc<str>,
        level: u8,
        line: usize,
        body_start: usize,
        notice: bool,
    },
    /// A bold line that starts a part, one level below the heading above it.
    PseudoHeading {
        title: String,
        line: usize,
        notice: bool,
    },
    /// A bold line under a heading that names the single field of the block after it.
    Label { text: String, line: usize },
    /// An HTML block of nothing but comments: help for the section or what follows.
    Comment { lines: Range<usize>, text: String },
    /// Prose that tells the writer what to write (`A clear and concise description of
    /// ...`): like a comment when it opens a section, else text kept as written.
    Instruction { lines: Range<usize>, text: String },
    /// Fields that take over `lines`; `shape` numbers them from 0, in this order.
    Fields {
        fields: Vec<NewField>,
        shape: Shape,
        lines: Range<usize>,
    },
    /// Text kept as written (comments removed, trimmed) that ends before line `end`.
    Static { text: String, end: usize },
    /// Text kept as written that is not content (a slash command, a `<details>`
    /// notice): an answer the section gets goes before it.
    Aside { end: usize },
    /// A thematic break: what follows it in the section is a footer unless it holds
    /// fields.
    Break { line: usize },
    /// Something worth a warning at byte `offset`.
    Problem {
        offset: usize,
        severity: Severity,
        message: &'static str,
    },
}

/// A field as a rule sees it; the assembler gives it its section, number and help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct NewField {
    pub kind: FieldKind,
    /// `None`: named after its section. In an `Arc`, as the form keeps it.
    pub label: Option<std::sync::Arc<str>>,
    pub placeholder: String,
    pub default: Value,
    /// Help of its own; help from comments before it comes first.
    pub help: String,
    pub line: usize,
}

impl NewField {
    pub fn new(
        kind: FieldKind,
        label: Option<&str>,
        placeholder: &str,
        default: Value,
        line: usize,
    ) -> Self {
        Self {
            kind,
            label: label.map(std::sync::Arc::from),
            placeholder: crate::text::trim(placeholder).to_owned(),
            default,
            help: String::new(),
            line,
        }
    }
}

impl Recognized {
    /// One field that takes over `lines`.
    fn field(field: NewField, lines: Range<usize>, shape: Shape) -> Self {
        Self::Fields {
            fields: vec![field],
            shape,
            lines,
        }
    }

    /// [`Recognized::field`], in the vector `scratch` lends.
    fn field_in(scratch: &Scratch, field: NewField, lines: Range<usize>, shape: Shape) -> Self {
        let mut fields = scratch.fields();
        fields.push(field);
        Self::Fields {
            fields,
            shape,
            lines,
        }
    }

    /// The text of `range`, kept as written.
    fn kept(source: &Source<'_>, range: &Range<usize>) -> Self {
        Self::Static {
            text: source.strip_comments(range.clone()).trim().to_owned(),
            end: source.end_line(range),
        }
    }
}

/// What a block is: most blocks are one thing, which is kept without a list (a list
/// per block was an allocation per block).
#[derive(Debug)]
pub(super) struct Found {
    first: Option<Recognized>,
    rest: Vec<Recognized>,
}

impl From<Recognized> for Found {
    fn from(one: Recognized) -> Self {
        Self {
            first: Some(one),
            rest: Vec::new(),
        }
    }
}

impl From<Vec<Recognized>> for Found {
    fn from(all: Vec<Recognized>) -> Self {
        Self {
            first: None,
            rest: all,
        }
    }
}

impl Found {
    /// The first thing the block is, and the rest, in a vector to give back to the
    /// scratch ([`Scratch::give_back_found`]) once drained.
    pub(super) fn into_parts(self) -> (Option<Recognized>, Vec<Recognized>) {
        (self.first, self.rest)
    }
}

impl IntoIterator for Found {
    type Item = Recognized;
    type IntoIter =
        std::iter::Chain<std::option::IntoIter<Recognized>, std::vec::IntoIter<Recognized>>;

    fn into_iter(self) -> Self::IntoIter {
        self.first.into_iter().chain(self.rest)
    }
}

/// What `block` is. `next` is the block after it that is not a comment block.
pub(super) fn classify(block: &mut Block, next: Option<&Block>, ctx: &Ctx<'_>) -> Found {
    let source = ctx.source;
    match block {
        Block::Heading {
            range, level, text, ..
        } => Found::from(Recognized::Heading {
            notice: prose::is_notice(text),
            title: std::sync::Arc::from(&**text),
            level: *level,
            line: source.line_of(range.start),
            body_start: source.end_line(range),
        }),
        Block::Html { range } => Found::from(code::html(range, ctx)),
        Block::Paragraph { range, inlines } => Found::from(
            aside::slash_commands(range, ctx)
                .unwrap_or_else(|| paragraph::paragraph(range, inlines, next, ctx)),
        ),
        Block::List {
            range,
            start,
            items,
        } => Found::from(lists::list(range, *start, items, ctx)),
        Block::Code {
            range,
            info,
            fenced: true,
            closed,
        } => Found::from(code::fence(range, info, *closed, ctx)),
        Block::Table(table) => Found::from(table::table(table, ctx)),
        // A thematic break separates; it is neither content nor a question.
        Block::Rule { range } => Found::from(Recognized::Break {
            line: source.line_of(range.start),
        }),
        Block::Code { range, .. } | Block::Other { range } => {
            Found::from(Recognized::kept(source, range))
        }
    }
}

/// Whether an instruction asks to choose (`Select one:`, `Check all that apply`,
/// `Please tick what applies:`): the options or checkboxes after it answer it.
pub(super) fn asks_to_choose(instruction: &str) -> bool {
    prose::asks_to_choose(instruction) || options::asks_to_pick(instruction).is_some()
}

/// An HTML block of nothing but comments: it lets a label reach past it.
pub(super) fn is_comment_block(block: &Block, source: &Source<'_>) -> bool {
    matches!(block, Block::Html { range } if blank_but_comments(source, range))
}

/// Whether a block is one field, which a bold line before it may name.
fn is_single_field_block(block: &Block, source: &Source<'_>) -> bool {
    match block {
        Block::List { items, .. } => lists::is_single_field(items, source),
        Block::Table { .. } => true,
        Block::Paragraph { inlines, .. } => paragraph::is_check_paragraph(inlines, source),
        _ => false,
    }
}

/// Answers with nothing typed yet.
fn empty_text() -> Value {
    Value::Text(String::new())
}

#[cfg(test)]
pub(super) mod testing {
    //! Runs one rule family on a small source, the way the assembler would.

    use super::{Ctx, Recognized, SectionCtx, classify};
    use crate::template::blocks;
    use crate::template::markdown::source::Source;

    /// Under `## Title`, with no label from before.
    pub const UNDER_HEADING: SectionCtx<'static> = SectionCtx {
        title: "Title",
        level: 2,
        pseudo: false,
    };

    /// Classifies the first block of `src` (the next non-comment block is the second).
    pub fn first(src: &str, section: SectionCtx<'_>, label: Option<&str>) -> Vec<Recognized> {
        introduced(src, section, label, None)
    }

    /// The first block, after text that introduces it.
    pub fn after(intro: &str, src: &str) -> Vec<Recognized> {
        introduced(src, UNDER_HEADING, None, Some(intro))
    }

    /// The last block of `src`, in `section`, after text that introduces it (`src`
    /// holds the intro's line too, as a template would).
    pub fn first_in(src: &str, section: SectionCtx<'_>, intro: &str) -> Vec<Recognized> {
        let mut doc = blocks::parse(src).expect("shallow");
        let source = Source::new(src, doc.comments.clone());
        let ctx = Ctx {
            source: &source,
            section,
            label: None,
            intro: Some(intro),
            scratch: &super::Scratch::default(),
        };
        let last = doc.blocks.last_mut().expect("a block");
        classify(last, None, &ctx).into_iter().collect()
    }

    fn introduced(
        src: &str,
        section: SectionCtx<'_>,
        label: Option<&str>,
        intro: Option<&str>,
    ) -> Vec<Recognized> {
        let mut doc = blocks::parse(src).expect("shallow");
        let source = Source::new(src, doc.comments.clone());
        let ctx = Ctx {
            source: &source,
            section,
            label,
            intro,
            scratch: &super::Scratch::default(),
        };
        let (first, rest) = doc.blocks.split_first_mut().expect("a block");
        let next = rest.iter().find(|b| !super::is_comment_block(b, &source));
        classify(first, next, &ctx).into_iter().collect()
    }

    /// The first block, under a heading, with no label.
    pub fn plain(src: &str) -> Vec<Recognized> {
        first(src, UNDER_HEADING, None)
    }
}

#[cfg(test)]
mod tests {
    use super::testing::plain;
    use super::*;

    #[test]
    fn headings_say_where_their_body_starts() {
        assert_eq!(
            plain("Setup\n-----\n\ntext\n"),
            [Recognized::Heading {
                title: "Setup".into(),
                level: 2,
                line: 0,
                body_start: 2,
                notice: false,
            }]
        );
    }

    #[test]
    fn rules_are_breaks_and_quotes_are_kept() {
        assert_eq!(plain("---\n"), [Recognized::Break { line: 0 }]);
        assert_eq!(
            plain("> quoted <!-- c -->\n> more\n\nafter\n"),
            [Recognized::Static {
                text: "> quoted \n> more".into(),
                end: 2,
            }]
        );
    }

    #[test]
    fn indented_code_is_kept() {
        assert_eq!(
            plain("    code\n"),
            [Recognized::Static {
                text: "code".into(),
                end: 1,
            }]
        );
    }
}
