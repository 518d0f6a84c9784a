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
pub(crate) use rules::is_instruction;
mod source;

use super::{Limits, Problem, Severity};
use crate::form::{Field, Section};
use crate::template::layout::{Piece, Shape};

/// What the builder found.
pub(crate) struct Built {
    /// Sections and fields with their ids ([`crate::form::assign_ids`]).
    pub sections: Vec<Section>,
    pub fields: Vec<Field>,
    /// Which fields the template named (their ids are `section/label`): what the ids
    /// were given from, kept for the tests that give them again.
    #[cfg_attr(
        not(test),
        expect(dead_code, reason = "the ids are given in the fold's tail")
    )]
    pub labelled: Vec<bool>,
    /// The indices of the required fields (see [`crate::form::Form::required`]).
    pub required: Vec<u32>,
    pub pieces: Vec<Piece>,
    /// The shapes of the field pieces (see [`crate::template::layout::ShapeAt`]).
    pub shapes: Vec<Shape>,
    /// The lines the pieces keep as text (see [`crate::template::layout::Markdown`]).
    pub lines: String,
    pub problems: Vec<Problem>,
}

/// Builds sections, fields and the layout from `body`, which starts at 1-based
/// `first_line` of its file. Blocks nested too deeply, and more sections or fields than
/// `limits` allow, are refused with their place, without reading the rest.
pub(crate) fn build(body: &str, first_line: usize, limits: &Limits) -> Result<Built, Problem> {
    assemble::assemble(body, first_line, limits).map_err(|stop| match stop {
        assemble::Stop::Limit(problem) => problem,
        assemble::Stop::Failed(why) => Problem {
            line: first_line,
            col: 1,
            severity: Severity::Error,
            message: format!("reading the markdown failed (a bug in issue-composer): {why}"),
        },
        assemble::Stop::TooDeep(deep) => {
            let before = &body[..deep.offset];
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            Problem {
                line: first_line + before.matches('\n').count(),
                col: before[line_start..].chars().count() + 1,
                severity: Severity::Error,
                message: format!(
                    "nesting deeper than {} {}, the limit (raise it with {}=N)",
                    limits.nesting,
                    crate::text::plural(
                        limits.nesting,
                        "list or block quote",
                        "lists or block quotes"
                    ),
                    super::NESTING_VAR
                ),
            }
        }
    })
}
