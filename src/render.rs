//! (Template, Answers) -> Issue: the template body with every field replaced by its answer.
//! Text nobody touched is copied byte for byte; comments and unused hints disappear
//! without leaving runs of blank lines.

mod form;
mod live;
mod shape;
mod split;
mod web;

pub use form::FormsFormat;
pub use live::{Body, Splice};
pub use shape::inline_value;
pub use split::Panicked;
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
    /// The template's issue type (`type:`), empty when it has none. gh cannot set it;
    /// the web link's `template=` lets GitHub apply it.
    pub issue_type: String,
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
    let body = match &template.layout {
        Layout::Markdown(layout) => markdown_body(&template.form, answers, layout),
        Layout::Form(pieces) => form::form_body(&template.form, answers, pieces, options.forms),
    };
    issue(template, answers, body)
}

/// [`render_with`] for a command that renders once and exits (`render`): the body is
/// written into `spare`'s memory (the template file's bytes, done with: its pages are
/// already in memory, where a new buffer's would each be a page fault), and a large
/// markdown body is rendered on two threads ([`split`]), the second of which then runs
/// `beside` (what the caller needs next and can have made at the same time; else it
/// runs on this thread after the body). The same issue, byte for byte; a panic of the
/// second thread is an error.
pub fn render_once<T: Send>(
    template: &Template,
    answers: &Answers,
    options: Options,
    spare: Vec<u8>,
    beside: impl FnOnce() -> T + Send,
) -> Result<(Issue, T), split::Panicked> {
    let (body, made) = match &template.layout {
        Layout::Markdown(layout) => {
            split::markdown_body(&template.form, answers, layout, spare, beside)?
        }
        Layout::Form(pieces) => (
            form::form_body(&template.form, answers, pieces, options.forms),
            beside(),
        ),
    };
    Ok((issue(template, answers, body), made))
}

/// The issue around `body`: its title, labels, assignees and the rest.
fn issue(template: &Template, answers: &Answers, body: String) -> Issue {
    let form = &template.form;
    // A name with nothing visible (a zero-width space) would be sent as a blank.
    let clean = |names: &[String]| -> Vec<String> {
        names
            .iter()
            .map(|n| sanitize::one_line(n).trim().to_owned())
            .filter(|n| !crate::text::shows_nothing(n))
            .collect()
    };
    // gh and the web link want logins bare: `@hubot` is `hubot`.
    let assignees = clean(&answers.assignees)
        .into_iter()
        .map(|login| crate::text::bare_login(&login).to_owned())
        .collect();
    Issue {
        title: issue_title(&answers.title),
        body,
        labels: clean(&answers.labels),
        assignees,
        projects: clean(&form.meta.projects),
        issue_type: sanitize::one_line(&form.meta.issue_type).trim().to_owned(),
        prefill: web::prefill(template, answers),
    }
}

/// The issue's title for the answer `title`: on one line, trimmed.
pub fn issue_title(title: &str) -> String {
    sanitize::one_line(title).trim().to_owned()
}

#[cfg(test)]
enum Out<'a> {
    Content(std::borrow::Cow<'a, str>, bool),
    Blank(&'a str),
    Removed,
}

fn markdown_body(form: &Form, answers: &Answers, layout: &Markdown) -> String {
    let mut join = Join::default();
    body_part(form, answers, layout, layout.pieces(), &mut join);
    join.out
}

/// Renders `pieces` (all of `layout`'s, or a run of them) onto `join`.
fn body_part<'a>(
    form: &Form,
    answers: &Answers,
    layout: &'a Markdown,
    pieces: &[Piece],
    join: &mut Join<'a>,
) {
    // Each field's text is written into one buffer, reused, and copied on from there: a
    // `String` per field was an allocation and a free for every field of the template.
    let mut field = String::new();
    for piece in pieces {
        match piece {
            Piece::Text(at) => join.content(layout.line(*at), false),
            Piece::Blank(at) => join.blank(layout.line(*at)),
            Piece::Removed => join.removed(),
            Piece::Dropped => {}
            Piece::Field { shape, inserted } => {
                field.clear();
                if shape::render_shape_into(form, answers, &layout.shape(*shape), &mut field) {
                    join.content(&field, *inserted);
                } else if !*inserted {
                    // An empty added field leaves no trace; an empty field from the
                    // template is a removal.
                    join.removed();
                }
            }
        }
    }
}

/// Joins lines, keeping blank lines as written between untouched text, and exactly one
/// blank line where a block was removed (so the blocks around it stay apart). No leading
/// or trailing blank lines.
#[cfg(test)]
fn join<'a>(outs: impl Iterator<Item = Out<'a>>) -> String {
    let mut join = Join::default();
    for o in outs {
        match o {
            Out::Blank(b) => join.blank(b),
            Out::Removed => join.removed(),
            Out::Content(text, inserted) => join.content(&text, inserted),
        }
    }
    join.out
}

/// The body being joined (see [`markdown_body`]): the text so far, whether any text
/// came before (here or, for the second part of a split body, in the part before), the
/// blank lines seen since the last text, whether a block was removed since, and whether
/// the last text was an added field.
#[derive(Default)]
struct Join<'a> {
    out: String,
    started: bool,
    gap: Vec<&'a str>,
    removal: bool,
    prev_inserted: bool,
}

impl<'a> Join<'a> {
    /// A join that writes into `out` (emptied first, its memory kept). `after_text`:
    /// it continues a body whose last piece was text kept as written (`render::split`),
    /// so nothing is pending and the body has begun.
    fn into(mut out: String, after_text: bool) -> Self {
        out.clear();
        Self {
            out,
            started: after_text,
            ..Self::default()
        }
    }

    fn blank(&mut self, line: &'a str) {
        self.gap.push(line);
    }

    fn removed(&mut self) {
        self.removal = true;
    }

    fn content(&mut self, text: &str, inserted: bool) {
        let out = &mut self.out;
        if self.started {
            let blanks = if self.removal {
                out.push('\n');
                1
            } else {
                for g in &self.gap {
                    out.push_str(g);
                }
                self.gap.len()
            };
            if blanks == 0 && (inserted || self.prev_inserted) {
                out.push('\n');
            }
        }
        out.push_str(text);
        // Text before ends in a new line, so empty text needs one only at the start.
        let ends_line = if text.is_empty() {
            self.started
        } else {
            text.ends_with('\n')
        };
        if !ends_line {
            out.push('\n');
        }
        self.gap.clear();
        (self.started, self.removal, self.prev_inserted) = (true, false, inserted);
    }
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
