//! The body rendered piece by piece, and kept: when an answer changes, only the pieces
//! of the layout that show that field are rendered again, and the body is put back
//! together from the pieces. The text is the same, byte for byte, as
//! [`render_with`](super::render_with)'s body for the same answers (`tests/live_render.rs`
//! checks it after random edits on every built-in and corpus template).

use std::borrow::Cow;

use super::form::{FormsFormat, field_part};
use super::shape::render_shape;
use super::{Options, Out, join};
use crate::form::Answers;
use crate::template::layout::{FormPiece, Shape};
use crate::template::{Layout, Piece, Template};

/// The rendered pieces of one template's body. Every method takes the template the body
/// was made from; the body keeps only what fields rendered to.
#[derive(Debug, Clone)]
pub struct Body {
    forms: FormsFormat,
    /// Per piece of the layout, what its field rendered to (`None`: nothing, or the
    /// piece is the template's own text, read from the template when joining).
    parts: Vec<Option<String>>,
    /// (field, piece) for every piece that shows a field, by field.
    shown_in: Vec<(usize, usize)>,
}

impl Body {
    /// Renders every piece of `template`'s layout with `answers`.
    pub fn new(template: &Template, answers: &Answers, options: Options) -> Self {
        let mut shown_in = Vec::new();
        match &template.layout {
            Layout::Markdown(pieces) => {
                for (p, piece) in pieces.iter().enumerate() {
                    if let Piece::Field { shape, .. } = piece {
                        fields_of(shape, |f| shown_in.push((f, p)));
                    }
                }
            }
            Layout::Form(pieces) => {
                for (p, piece) in pieces.iter().enumerate() {
                    if let FormPiece::Field { field, .. } = piece {
                        shown_in.push((*field, p));
                    }
                }
            }
        }
        shown_in.sort_unstable();
        shown_in.dedup();
        let count = match &template.layout {
            Layout::Markdown(pieces) => pieces.len(),
            Layout::Form(pieces) => pieces.len(),
        };
        let mut body = Self {
            forms: options.forms,
            parts: vec![None; count],
            shown_in,
        };
        for i in 0..body.shown_in.len() {
            let piece = body.shown_in[i].1;
            body.parts[piece] = body.render_piece(template, answers, piece);
        }
        body
    }

    /// `field`'s answer changed: renders again the pieces that show it.
    pub fn update(&mut self, template: &Template, answers: &Answers, field: usize) {
        let from = self.shown_in.partition_point(|&(f, _)| f < field);
        for i in from..self.shown_in.len() {
            let (f, piece) = self.shown_in[i];
            if f != field {
                break;
            }
            self.parts[piece] = self.render_piece(template, answers, piece);
        }
    }

    /// The body: the same text as [`render_with`](super::render_with) gives for the
    /// answers last rendered.
    pub fn text(&self, template: &Template) -> String {
        match &template.layout {
            Layout::Markdown(pieces) => {
                let outs = pieces.iter().zip(&self.parts).filter_map(|(piece, part)| {
                    match (piece, part) {
                        (Piece::Text(t), _) => Some(Out::Content(Cow::Borrowed(t), false)),
                        (Piece::Blank(b), _) => Some(Out::Blank(b)),
                        (Piece::Field { inserted, .. }, Some(text)) => {
                            Some(Out::Content(Cow::Borrowed(text), *inserted))
                        }
                        // An empty added field leaves no trace; an empty field from the
                        // template is a removal.
                        (
                            Piece::Removed
                            | Piece::Field {
                                inserted: false, ..
                            },
                            _,
                        ) => Some(Out::Removed),
                        (Piece::Dropped | Piece::Field { inserted: true, .. }, _) => None,
                    }
                });
                join(outs)
            }
            Layout::Form(pieces) => {
                let mut body = String::new();
                for (i, (piece, part)) in pieces.iter().zip(&self.parts).enumerate() {
                    if i > 0 {
                        body.push_str("\n\n");
                    }
                    match (piece, part) {
                        (FormPiece::Markdown(text), _) => body.push_str(text),
                        (FormPiece::Field { .. }, part) => {
                            body.push_str(part.as_deref().unwrap_or_default());
                        }
                    }
                }
                if self.forms == FormsFormat::Legacy && !body.is_empty() {
                    body.push('\n');
                }
                body
            }
        }
    }

    fn render_piece(&self, template: &Template, answers: &Answers, piece: usize) -> Option<String> {
        let form = &template.form;
        match &template.layout {
            Layout::Markdown(pieces) => match &pieces[piece] {
                Piece::Field { shape, .. } => render_shape(form, answers, shape),
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
