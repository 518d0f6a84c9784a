//! Runs of a paragraph's lines between answer places, as the paragraphs they become
//! in a body rendered unanswered: what follows each run, and the lines that decide it.

use super::super::super::label::{self, Rest};
use super::super::super::source::Source;
use super::super::is_single_field_block;
use super::super::{Recognized, SectionCtx};
use super::{BOLD_ONLY, all_label_lines, instruction_lines, is_check_line, part_start, text_lines};
use crate::template::blocks::{Block, Inline};
use crate::template::hints;

/// What comes after a run of a paragraph's lines in a body rendered unanswered.
#[derive(Clone, Copy)]
pub(super) enum Following<'a, 'b> {
    /// More lines of the paragraph, a paragraph of their own then.
    Lines(&'b [&'a [Inline<'a>]]),
    /// The block after the paragraph.
    Block(Option<&'b Block<'a>>),
}

impl Following<'_, '_> {
    /// Whether it is one field, which a bold line before it may name.
    fn is_single_field(self, source: &Source<'_>) -> bool {
        match self {
            Following::Lines(lines) => lines.iter().all(|l| is_check_line(l, source)),
            Following::Block(next) => next.is_some_and(|n| is_single_field_block(n, source)),
        }
    }

    /// Whether it is an answer that a last line like `I tried this code:` introduces.
    fn is_answer(self, source: &Source<'_>) -> bool {
        match self {
            Following::Lines(lines) => !all_label_lines(lines, source),
            Following::Block(Some(Block::List { .. } | Block::Code { .. })) => true,
            Following::Block(Some(Block::Paragraph { inlines, .. })) => {
                !all_label_lines(&label::lines(inlines), source)
            }
            Following::Block(_) => false,
        }
    }
}

/// A run of lines read as a paragraph: the first may start a part; the rest are an
/// instruction or lines of text and fields.
pub(super) fn run(
    lines: &[&[Inline]],
    following: Following<'_, '_>,
    label: Option<&str>,
    section: SectionCtx<'_>,
    source: &Source<'_>,
    out: &mut Vec<Recognized>,
) {
    let first = lines[0];
    let next_is_field = lines.len() == 1 && following.is_single_field(source);
    let (rest, label) = if let Some(start) = part_start(first, next_is_field, section, source) {
        out.extend(start);
        (&lines[1..], None)
    } else {
        (lines, label)
    };
    // `**Label**: [A / B]` first: left unanswered it is a bold line alone, which starts a
    // part when read again, so the lines after it are read as after a part's start.
    if rest.len() == lines.len()
        && rest.len() > 1
        && is_bold_label_line(first, source)
        && let Some(found) = instruction_lines(&rest[1..], source)
    {
        text_lines(&rest[..1], false, label, source, out);
        out.push(found);
        return;
    }
    match instruction_lines(rest, source) {
        Some(found) => out.push(found),
        None => text_lines(rest, following.is_answer(source), label, source, out),
    }
}

/// A line that is nothing but `[an instruction]` (not a link): the place of an answer.
pub(super) fn is_answer_place(line: &[Inline], source: &Source<'_>) -> bool {
    let Some(first) = line.first() else {
        return false;
    };
    !line.iter().any(|i| matches!(i, Inline::Link(_)))
        && hints::bracket_only(source.line_text(source.line_of(first.range().start)).trim())
            .is_some()
}

/// `**Label**: rest` or `**Label:** rest` with something after the label.
fn is_bold_label_line(line: &[Inline], source: &Source<'_>) -> bool {
    label::split(source.src, line, BOLD_ONLY).is_some_and(|lab| {
        !lab.bold_only && !matches!(label::rest(source, lab.rest.clone()), Rest::Literal)
    })
}
