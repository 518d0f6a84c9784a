//! Builds a form from a markdown template body: headings (and bold pseudo-headings)
//! become sections, recognized blocks become fields, and every line of the body gets a
//! place in the render layout.
//!
//! Two steps: [`rules`] say what each block is, read-only; [`assemble`] folds what they
//! found into sections, fields and claimed lines, and is the only place with state.

mod assemble;
mod label;
mod pieces;
mod rules;
mod source;

use super::blocks;
use super::{Problem, Severity};
use crate::form::{Field, Section};
use crate::template::layout::Piece;

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
pub(crate) fn build(body: &str, first_line: usize, max_nesting: usize) -> Result<Built, Problem> {
    let doc = blocks::parse_nested(body, max_nesting).map_err(|deep| {
        let before = &body[..deep.offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Problem {
            line: first_line + before.matches('\n').count(),
            col: before[line_start..].chars().count() + 1,
            severity: Severity::Error,
            message: format!(
                "nesting deeper than {max_nesting} lists or block quotes, the limit (raise it with {}=N)",
                super::NESTING_VAR
            ),
        }
    })?;
    Ok(assemble::assemble(body, &doc, first_line))
}
