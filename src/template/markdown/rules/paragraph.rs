//! Paragraphs: a bracketed instruction (`[Describe the bug]`), bold lines (a label for the
//! block after, or a pseudo-heading), labelled lines (`**Priority**: [P1 / P2]`), `[ ]`
//! lines, and text kept as written.

use std::borrow::Cow;
use std::ops::Range;

use super::super::label::{self, Allow, Labelled, Rest};
use super::super::source::Source;
use super::{Ctx, NewField, Recognized, SectionCtx, empty_text};
use crate::form::{FieldKind, Opt, Selection, Value};
use crate::template::blocks::{Block, Inline};
use crate::template::hints;
use crate::template::layout::{CheckLine, CheckOption, Shape};
use runs::{Following, is_answer_place, run};

const BOLD_ONLY: Allow = Allow {
    plain: false,
    token: false,
};

/// A paragraph: an instruction, or lines, the first of which may start a part.
///
/// A line that is only an answer's place (`[Describe it]`) is gone from a body rendered
/// unanswered, and the lines around it become paragraphs of their own; so each run of
/// lines between such places is read as the paragraph it will be, and the rendered body
/// reads the same when read again.
pub(super) fn paragraph(
    range: &Range<usize>,
    inlines: &[Inline],
    next: Option<&Block>,
    ctx: &Ctx<'_>,
) -> Vec<Recognized> {
    let source = ctx.source;
    if let Some(field) = instruction(range, inlines, ctx) {
        return vec![field];
    }
    let lines = label::lines(inlines);
    if lines.is_empty() {
        return vec![Recognized::kept(source, range)];
    }
    let places: Vec<bool> = lines.iter().map(|l| is_answer_place(l, source)).collect();
    let mut out = Vec::new();
    let mut label = ctx.label;
    let mut section = ctx.section;
    let mut i = 0;
    while i < lines.len() {
        if places[i] {
            let line_no = source.line_of(lines[i][0].range().start);
            out.extend(instruction_line(lines[i], line_no, label, source));
            i += 1;
            continue;
        }
        let end = (i..lines.len()).find(|&j| places[j]).unwrap_or(lines.len());
        // What follows the run once the places after it are gone.
        let following = match (end..lines.len()).find(|&j| !places[j]) {
            Some(j) => {
                let run_end = (j..lines.len()).find(|&k| places[k]).unwrap_or(lines.len());
                Following::Lines(&lines[j..run_end])
            }
            None => Following::Block(next),
        };
        let start = out.len();
        run(&lines[i..end], following, label, section, source, &mut out);
        if out[start..]
            .iter()
            .any(|r| matches!(r, Recognized::PseudoHeading { .. }))
        {
            // A new part ends the reach of a label given before.
            label = None;
            section.pseudo = true;
        }
        i = end;
    }
    out
}

/// Lines that together tell the writer what to write (see [`prose`]), unless a line
/// after the first is a labelled field or a `[ ]` option.
///
/// [`prose`]: super::prose
fn instruction_lines(lines: &[&[Inline]], source: &Source<'_>) -> Option<Recognized> {
    let (first, last) = (lines.first()?, lines.last()?);
    let plain = Allow {
        plain: true,
        token: false,
    };
    let structured = lines.iter().any(|l| label::question(source, l).is_some())
        || lines[1..].iter().any(|l| {
            is_check_line(l, source)
                || label::split(source.src, l, plain).is_some_and(|lab| {
                    !matches!(label::rest(source, lab.rest.clone()), Rest::Literal)
                })
        })
        || is_check_line(first, source);
    if structured || matches!(first.first(), Some(Inline::Strong(..))) {
        return None;
    }
    let lines = source.line_of(first[0].range().start)..source.line_of(last[0].range().start) + 1;
    let text = source.strip_comments(source.span(lines.clone()));
    super::prose::is_instruction(&text).then(|| Recognized::Instruction {
        lines,
        text: text.trim().to_owned(),
    })
}

/// `[Describe the bug]` alone (not a link): a text area with the instruction as hint.
fn instruction(range: &Range<usize>, inlines: &[Inline], ctx: &Ctx<'_>) -> Option<Recognized> {
    let source = ctx.source;
    if inlines.iter().any(|i| matches!(i, Inline::Link(_))) {
        return None;
    }
    let text = source.strip_comments(range.clone());
    let inner = hints::bracket_only(&text)?;
    let lines = source.lines(range);
    let field = NewField::new(
        FieldKind::TextArea,
        ctx.label,
        inner,
        empty_text(),
        lines.start,
    );
    Some(Recognized::field(field, lines, Shape::Block { field: 0 }))
}

/// A first line in bold: a label for the block after it, or the heading of a part.
/// `labels_next`: it is the paragraph's only line, and one field follows.
fn part_start(
    first: &[Inline],
    labels_next: bool,
    section: SectionCtx<'_>,
    source: &Source<'_>,
) -> Option<Vec<Recognized>> {
    if let Some(bold) = label::split(source.src, first, BOLD_ONLY).filter(|l| l.bold_only) {
        let line = source.line_of(first[0].range().start);
        // Under a real heading, a bold line labels the list or table after it; in a
        // template structured by bold lines, it starts the next part.
        let under_heading = section.level > 0 && !section.pseudo;
        if under_heading && labels_next {
            return Some(vec![Recognized::Label {
                text: bold.label,
                line,
            }]);
        }
        return Some(vec![Recognized::PseudoHeading {
            notice: super::prose::is_notice(&bold.label),
            title: bold.label,
            line,
        }]);
    }
    // `**Describe the change** A clear description...`: a heading with its help.
    let Some(Inline::Strong(r, text)) = first.first() else {
        return None;
    };
    let labelled =
        text.trim_end().ends_with(':') || source.src[r.end..].trim_start().starts_with([':', '[']);
    if labelled || first.len() == 1 {
        return None;
    }
    let line = source.line_of(r.start);
    Some(vec![
        Recognized::PseudoHeading {
            title: hints::plain_label(text),
            line,
            notice: false,
        },
        Recognized::kept(source, &source.span(line..line + 1)),
    ])
}

/// Lines of a paragraph: labelled lines become fields, `[ ]` lines a checkbox group
/// (named `label`), the rest stays as written. `before_answer`: an answer follows, which
/// a last line like `I tried this code:` introduces.
fn text_lines(
    lines: &[&[Inline]],
    before_answer: bool,
    label: Option<&str>,
    source: &Source<'_>,
    out: &mut Vec<Recognized>,
) {
    if lines.is_empty() {
        return;
    }
    if lines.iter().all(|l| is_check_line(l, source)) {
        out.push(check_lines(lines, label, source));
        return;
    }
    let all_labels = all_label_lines(lines, source);
    let allow = Allow {
        plain: all_labels,
        token: false,
    };
    for (i, line) in lines.iter().enumerate() {
        let intro = before_answer && i + 1 == lines.len();
        // An intro (`Then:`) has nothing after its colon; `Gate: [hint]` is still a field.
        let field = label::split(source.src, line, allow)
            .and_then(|lab| {
                let rest = label::rest(source, lab.rest.clone());
                let is_intro =
                    intro && (lab.bold_only || matches!(rest, Rest::Empty(ref h) if h.is_empty()));
                (!matches!(rest, Rest::Literal) && !is_intro).then_some((lab, rest))
            })
            .or_else(|| label::question(source, line));
        let line_no = source.line_of(line[0].range().start);
        match field {
            Some((lab, rest)) => out.extend(line_fields(line_no, lab, rest, source, Vec::new())),
            None => out.push(Recognized::kept(source, &source.span(line_no..line_no + 1))),
        }
    }
}

/// A line that is one `[instruction]` (not a link) under a bold line: the answer's
/// place, with the instruction as placeholder.
fn instruction_line(
    line: &[Inline],
    line_no: usize,
    label: Option<&str>,
    source: &Source<'_>,
) -> Option<Recognized> {
    if line.iter().any(|i| matches!(i, Inline::Link(_))) {
        return None;
    }
    let text = source.line_text(line_no);
    let inner = hints::bracket_only(text.trim())?;
    let field = NewField::new(FieldKind::TextArea, label, inner, empty_text(), line_no);
    Some(Recognized::field(
        field,
        line_no..line_no + 1,
        Shape::Block { field: 0 },
    ))
}

/// Whether every line is `Label: rest` with a rest that is not literal text.
fn all_label_lines(lines: &[&[Inline]], source: &Source<'_>) -> bool {
    let plain = Allow {
        plain: true,
        token: false,
    };
    !lines.is_empty()
        && lines.iter().all(|l| {
            label::split(source.src, l, plain)
                .is_some_and(|lab| !matches!(label::rest(source, lab.rest.clone()), Rest::Literal))
        })
}

/// The fields of a labelled line, which they take over: one per bracket, or one text;
/// made in `fields` (empty: lent by the rules' scratch, or new).
pub(super) fn line_fields(
    line: usize,
    lab: Labelled,
    rest: Rest,
    source: &Source<'_>,
    mut fields: Vec<NewField>,
) -> Option<Recognized> {
    // Without a comment that led the line (none removed: the text as written), the
    // label starts it.
    let prefix = match source.strip_comments_within(source.line_start(line)..lab.rest.start) {
        Cow::Borrowed(written) => written.to_owned(),
        Cow::Owned(kept) => kept.trim_start().to_owned(),
    };
    if prefix.contains('\n') {
        return None;
    }
    let blank_rest = matches!(&rest, Rest::Empty(hint) if hint.is_empty());
    let label = Some(lab.label.as_str());
    let text =
        |placeholder: &str| NewField::new(FieldKind::Text, label, placeholder, empty_text(), line);
    // Each field with the separator written before it.
    let parts: Vec<(String, usize)> = match rest {
        Rest::Empty(hint) | Rest::Hint(hint) => {
            // The one field takes the label itself.
            let mut field = NewField::new(FieldKind::Text, None, &hint, empty_text(), line);
            field.label = Some(lab.label.into());
            fields.push(field);
            vec![(String::new(), 0)]
        }
        Rest::Brackets(brackets) => brackets
            .into_iter()
            .enumerate()
            .map(|(i, (sep, inner))| {
                fields.push(match hints::choice_options(&inner) {
                    Some(choice) => {
                        let n = choice.options.len();
                        let kind = FieldKind::Choice {
                            options: choice.options.into_iter().map(Opt::new).collect(),
                            custom: choice.custom.map(String::into_boxed_str),
                        };
                        NewField::new(kind, label, "", Selection::none(n), line)
                    }
                    None => text(&inner),
                });
                (sep, i)
            })
            .collect(),
        Rest::Literal => return None,
    };
    // A line with nothing after its label stays as written while unanswered; so does a
    // question (comments removed): left bare, it would read as an instruction.
    let bare = if blank_rest {
        source.line_text(line).trim_end_matches('\n').to_owned()
    } else if prefix.trim_end().ends_with('?') {
        let end = source.line_start(line) + source.line_text(line).trim_end().len();
        source
            .strip_comments_within(source.line_start(line)..end)
            .trim_end()
            .to_owned()
    } else {
        prefix.trim_end().to_owned()
    };
    let shape = Shape::Line {
        prefix: prefix.into_boxed_str(),
        parts,
        bare: bare.into_boxed_str(),
    };
    Some(Recognized::Fields {
        fields,
        shape,
        lines: line..line + 1,
    })
}

/// Whether a paragraph is nothing but `[ ]` lines.
pub(super) fn is_check_paragraph(inlines: &[Inline], source: &Source<'_>) -> bool {
    let lines = label::lines(inlines);
    !lines.is_empty() && lines.iter().all(|l| is_check_line(l, source))
}

fn is_check_line(line: &[Inline], source: &Source<'_>) -> bool {
    let Some(first) = line.first() else {
        return false;
    };
    let text = &source.src[first.range().start..];
    ["[ ] ", "[x] ", "[X] "].iter().any(|m| text.starts_with(m))
}

/// `[ ] **4.x**` lines outside a list: a checkbox group that keeps its lines.
fn check_lines(lines: &[&[Inline]], label: Option<&str>, source: &Source<'_>) -> Recognized {
    let mut options = Vec::new();
    let mut checked = Vec::new();
    let mut check_lines = Vec::new();
    let first_line = source.line_of(lines[0][0].range().start);
    for (index, line) in lines.iter().enumerate() {
        let at = line[0].range().start;
        let line_no = source.line_of(at);
        let start = source.line_start(line_no);
        let text = source.line_text(line_no).trim_end_matches('\n');
        let mark = source.src[at + 1..].chars().next().unwrap_or(' ');
        options.push(Opt::new(hints::plain_label(&text[at - start + 3..])));
        checked.push(mark != ' ');
        check_lines.push(CheckLine::Option(CheckOption::new(
            index,
            &source.src[start..=at],
            mark,
            &text[at - start + 2..],
            None,
        )));
    }
    let n = options.len();
    let default = Value::Select(Box::new(Selection {
        checked,
        ..Selection::empty(n)
    }));
    let field = NewField::new(
        FieldKind::Checkboxes { options },
        label,
        "",
        default,
        first_line,
    );
    let shape = Shape::Checks {
        field: 0,
        lines: check_lines,
    };
    Recognized::field(field, first_line..first_line + lines.len(), shape)
}

mod runs;

#[cfg(test)]
mod tests;
