//! (Template, Answers) -> Issue: the template body with every field replaced by its answer.
//! Text nobody touched is copied byte for byte; comments and unused hints disappear
//! without leaving runs of blank lines.

mod form;
mod live;
mod shape;
mod web;

pub use form::FormsFormat;
pub use live::{Body, Splice};
pub use shape::inline_value;
pub use web::{Prefill, prefill};

use crate::form::{Answers, Form};
use crate::template::layout::Markdown;
use crate::template::{Layout, Piece, Template};
use crate::text::sanitize;

/// The finished issue.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Issue {
    pub title: String,
    pub body: String,
    pub labels: Vec<String>,
    pub assignees: Vec<String>,
    pub projects: Vec<String>,
    /// What a prefilled web link needs besides the above.
    pub prefill: Prefill,
}

/// How to render.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    pub forms: FormsFormat,
}

/// Renders the finished issue: the template's layout with `answers` put in.
pub fn render(template: &Template, answers: &Answers) -> Issue {
    render_with(template, answers, Options::default())
}

/// [`render`] with options (the issue-form body format).
pub fn render_with(template: &Template, answers: &Answers, options: Options) -> Issue {
    let form = &template.form;
    let body = match &template.layout {
        Layout::Markdown(layout) => markdown_body(form, answers, layout),
        Layout::Form(pieces) => form::form_body(form, answers, pieces, options.forms),
    };
    let clean = |names: &[String]| -> Vec<String> {
        names
            .iter()
            .map(|n| sanitize::one_line(n).trim().to_owned())
            .filter(|n| !n.is_empty())
            .collect()
    };
    Issue {
        title: sanitize::one_line(&answers.title).trim().to_owned(),
        body,
        labels: clean(&answers.labels),
        assignees: clean(&answers.assignees),
        projects: clean(&form.meta.projects),
        prefill: web::prefill(template, answers),
    }
}

enum Out<'a> {
    Content(std::borrow::Cow<'a, str>, bool),
    Blank(&'a str),
    Removed,
}

fn markdown_body(form: &Form, answers: &Answers, layout: &Markdown) -> String {
    // An empty added field leaves no trace; an empty field from the template is a removal.
    let outs = layout.pieces().iter().filter_map(|piece| match piece {
        Piece::Text(at) => Some(Out::Content(layout.line(*at).into(), false)),
        Piece::Blank(at) => Some(Out::Blank(layout.line(*at))),
        Piece::Removed => Some(Out::Removed),
        Piece::Dropped => None,
        Piece::Field { shape, inserted } => {
            match shape::render_shape(form, answers, &layout.shape(*shape)) {
                Some(text) => Some(Out::Content(text.into(), *inserted)),
                None if *inserted => None,
                None => Some(Out::Removed),
            }
        }
    });
    join(outs)
}

/// Joins lines, keeping blank lines as written between untouched text, and exactly one
/// blank line where a block was removed (so the blocks around it stay apart). No leading
/// or trailing blank lines.
fn join<'a>(outs: impl Iterator<Item = Out<'a>>) -> String {
    let mut out = String::new();
    let mut gap: Vec<&str> = Vec::new();
    let (mut removal, mut prev_inserted) = (false, false);
    for o in outs {
        match o {
            Out::Blank(b) => gap.push(b),
            Out::Removed => removal = true,
            Out::Content(text, inserted) => {
                if !out.is_empty() {
                    let blanks = if removal {
                        out.push('\n');
                        1
                    } else {
                        for g in &gap {
                            out.push_str(g);
                        }
                        gap.len()
                    };
                    if blanks == 0 && (inserted || prev_inserted) {
                        out.push('\n');
                    }
                }
                out.push_str(&text);
                if !out.ends_with('\n') {
                    out.push('\n');
                }
                gap.clear();
                (removal, prev_inserted) = (false, inserted);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_keeps_gaps_between_untouched_text_and_merges_around_removals() {
        let outs = vec![
            Out::Blank("\n"),
            Out::Content("a\n".into(), false),
            Out::Blank("\n"),
            Out::Blank("  \n"),
            Out::Content("b\n".into(), false),
            Out::Blank("\n"),
            Out::Removed,
            Out::Blank("\n"),
            Out::Content("c\n".into(), false),
            Out::Removed,
            Out::Content("d\n".into(), false),
            Out::Content("e\n".into(), true),
            Out::Blank("\n"),
        ];
        assert_eq!(join(outs.into_iter()), "a\n\n  \nb\n\nc\n\nd\n\ne\n");
    }
}
