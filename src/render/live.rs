//! The body rendered piece by piece, and kept: when an answer changes, only the pieces
//! of the layout that show that field are rendered again, and only their bytes (and the
//! blank lines between them and their neighbours) are replaced in the kept text. The
//! text is the same, byte for byte, as [`render_with`](super::render_with)'s body for
//! the same answers (`tests/live_render.rs` checks it after random edits on every
//! built-in and corpus template).

use std::ops::RangeInclusive;

use super::Options;
use super::form::{FormsFormat, field_part};
use super::shape::render_shape;
use crate::form::Answers;
use crate::template::layout::{FormPiece, Markdown, Shape};
use crate::template::{Layout, Piece, Template};

/// The rendered body of one template, kept up to date field by field. Every method
/// takes the template the body was made from.
#[derive(Debug, Clone)]
pub struct Body {
    forms: FormsFormat,
    /// Per piece of the layout, what its field rendered to (`None`: nothing, or the
    /// piece is the template's own text).
    parts: Vec<Option<String>>,
    /// (field, piece) for every piece that shows a field, by field.
    shown_in: Vec<(usize, usize)>,
    text: String,
    /// Where each piece's bytes start in `text`, and where the last one ends. A piece of
    /// a markdown template writes the blank lines before it along with its text.
    at: Vec<usize>,
}

/// Bytes of the body replaced by an update: `removed` bytes at `at` gave way to
/// `inserted` bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Splice {
    pub at: usize,
    pub removed: usize,
    pub inserted: usize,
}

impl Body {
    /// Renders every piece of `template`'s layout with `answers`.
    pub fn new(template: &Template, answers: &Answers, options: Options) -> Self {
        let mut shown_in = Vec::new();
        let count = match &template.layout {
            Layout::Markdown(md) => {
                let pieces = md.pieces();
                for (p, piece) in pieces.iter().enumerate() {
                    if let Piece::Field { shape, .. } = piece {
                        fields_of(&md.shape(*shape), |f| shown_in.push((f, p)));
                    }
                }
                pieces.len()
            }
            Layout::Form(pieces) => {
                for (p, piece) in pieces.iter().enumerate() {
                    if let FormPiece::Field { field, .. } = piece {
                        shown_in.push((*field, p));
                    }
                }
                pieces.len()
            }
        };
        shown_in.sort_unstable();
        shown_in.dedup();
        let mut body = Self {
            forms: options.forms,
            parts: vec![None; count],
            shown_in,
            text: String::new(),
            at: Vec::with_capacity(count + 1),
        };
        for i in 0..body.shown_in.len() {
            let piece = body.shown_in[i].1;
            body.parts[piece] = body.render_piece(template, answers, piece);
        }
        if count > 0 {
            let mut text = String::new();
            let mut at = Vec::with_capacity(count + 1);
            body.write(template, 0..=count - 1, None, &mut text, &mut at);
            (body.text, body.at) = (text, at);
        } else {
            body.at.push(0);
        }
        if body.forms == FormsFormat::Legacy
            && matches!(template.layout, Layout::Form(_))
            && !body.text.is_empty()
        {
            // After the last piece, outside every piece's bytes.
            body.text.push('\n');
        }
        body
    }

    /// The body: the same text as [`render_with`](super::render_with) gives for the
    /// answers last rendered.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// `field`'s answer changed: renders again the pieces that show it and replaces
    /// their bytes. Returns what was replaced, in the order it was.
    pub fn update(&mut self, template: &Template, answers: &Answers, field: usize) -> Vec<Splice> {
        let from = self.shown_in.partition_point(|&(f, _)| f < field);
        let mut splices = Vec::new();
        for i in from..self.shown_in.len() {
            let (f, piece) = self.shown_in[i];
            if f != field {
                break;
            }
            self.parts[piece] = self.render_piece(template, answers, piece);
            splices.push(self.rewrite(template, piece));
        }
        splices
    }

    /// Writes again the bytes that depend on `piece`: in a markdown template, from the
    /// piece after the text before it to the next text after it (the blank lines
    /// between them depend on whether it writes anything); in a form, its own.
    fn rewrite(&mut self, template: &Template, piece: usize) -> Splice {
        let (range, last) = match &template.layout {
            Layout::Markdown(md) => {
                let pieces = md.pieces();
                let last = (0..piece).rev().find(|&q| self.content(md, q).is_some());
                let next = (piece + 1..pieces.len()).find(|&q| self.content(md, q).is_some());
                (
                    last.map_or(0, |l| l + 1)..=next.unwrap_or(pieces.len() - 1),
                    last,
                )
            }
            Layout::Form(_) => (piece..=piece, None),
        };
        let (start, end) = (self.at[*range.start()], self.at[*range.end() + 1]);
        let mut bytes = String::new();
        let mut starts = Vec::new();
        self.write(template, range.clone(), last, &mut bytes, &mut starts);
        let splice = Splice {
            at: start,
            removed: end - start,
            inserted: bytes.len(),
        };
        // Not `replace_range`: it inserts byte by byte, 30% of a keystroke in a long
        // answer; these are copies of whole slices.
        let tail = self.text.split_off(end);
        self.text.truncate(start);
        self.text.push_str(&bytes);
        self.text.push_str(&tail);
        for (q, s) in range.clone().zip(&starts) {
            self.at[q] = start + s;
        }
        for at in &mut self.at[*range.end() + 1..] {
            *at = *at - splice.removed + splice.inserted;
        }
        splice
    }

    /// Writes the pieces in `range` as `render` joins them, given the last piece before
    /// them that wrote text (`None`: nothing was written before them); pushes where
    /// each piece starts in `out`, and where the last one ends.
    fn write(
        &self,
        template: &Template,
        range: RangeInclusive<usize>,
        last: Option<usize>,
        out: &mut String,
        starts: &mut Vec<usize>,
    ) {
        match &template.layout {
            Layout::Markdown(md) => write_markdown(self, md, range, last, out, starts),
            Layout::Form(pieces) => {
                for p in range {
                    starts.push(out.len());
                    if p > 0 {
                        out.push_str("\n\n");
                    }
                    match &pieces[p] {
                        FormPiece::Markdown(text) => out.push_str(text),
                        FormPiece::Field { .. } => {
                            out.push_str(self.parts[p].as_deref().unwrap_or_default());
                        }
                    }
                }
            }
        }
        starts.push(out.len());
    }

    /// What piece `p` of a markdown template writes, and whether it was added to the
    /// template (`None`: it writes nothing itself).
    fn content<'a>(&'a self, md: &'a Markdown, p: usize) -> Option<(&'a str, bool)> {
        match (&md.pieces()[p], &self.parts[p]) {
            (Piece::Text(t), _) => Some((md.line(*t), false)),
            (Piece::Field { inserted, .. }, Some(text)) => Some((text, *inserted)),
            _ => None,
        }
    }

    fn render_piece(&self, template: &Template, answers: &Answers, piece: usize) -> Option<String> {
        let form = &template.form;
        match &template.layout {
            Layout::Markdown(md) => match &md.pieces()[piece] {
                Piece::Field { shape, .. } => render_shape(form, answers, &md.shape(*shape)),
                _ => None,
            },
            Layout::Form(pieces) => match &pieces[piece] {
                FormPiece::Field { field, .. } => {
                    Some(field_part(form, answers, *field, self.forms))
                }
                FormPiece::Markdown(_) => None,
            },
        }
    }
}

/// `render`'s join, piece by piece: blank lines as written between texts, exactly one
/// where a block was removed, one around an added field, none before the first text.
fn write_markdown(
    body: &Body,
    md: &Markdown,
    range: RangeInclusive<usize>,
    mut last: Option<usize>,
    out: &mut String,
    starts: &mut Vec<usize>,
) {
    let pieces = md.pieces();
    let mut removal = false;
    for q in range {
        starts.push(out.len());
        let Some((text, inserted)) = body.content(md, q) else {
            // An empty added field leaves no trace; an empty field from the template is
            // a removal.
            removal |= matches!(
                pieces[q],
                Piece::Removed
                    | Piece::Field {
                        inserted: false,
                        ..
                    }
            );
            continue;
        };
        let begin = out.len();
        if let Some(l) = last {
            let blanks = if removal {
                out.push('\n');
                1
            } else {
                let mut blanks = 0;
                for piece in &pieces[l + 1..q] {
                    if let Piece::Blank(b) = piece {
                        out.push_str(md.line(*b));
                        blanks += 1;
                    }
                }
                blanks
            };
            let prev_inserted = body.content(md, l).is_some_and(|(_, i)| i);
            if blanks == 0 && (inserted || prev_inserted) {
                out.push('\n');
            }
        }
        out.push_str(text);
        // Whatever was written before ends in a line break.
        let ends_line = if out.len() > begin {
            out.ends_with('\n')
        } else {
            last.is_some()
        };
        if !ends_line {
            out.push('\n');
        }
        (last, removal) = (Some(q), false);
    }
}

/// Calls `each` with every field whose answer `shape` writes.
fn fields_of(shape: &Shape, mut each: impl FnMut(usize)) {
    match shape {
        Shape::Line { parts, .. } => parts.iter().for_each(|(_, f)| each(*f)),
        Shape::Block { field }
        | Shape::Fence { field, .. }
        | Shape::Pre { field, .. }
        | Shape::Checks { field, .. } => each(*field),
        Shape::List(list) => each(list.field),
        Shape::Table(table) => each(table.field),
        Shape::Picks(picks) => each(picks.field),
    }
}
