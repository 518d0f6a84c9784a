//! Option lists: plain items under an instruction to pick (`Select one of the platforms
//! below:`, `Please keep the line that best applies:`) are one choice; under `Select all
//! that apply:` they are checkboxes. The chosen items stay as written, the others go.

use std::ops::Range;

use super::lists::item_content;
use super::{Ctx, NewField, Recognized};
use crate::form::{FieldKind, Opt, Selection};
use crate::template::blocks::Item;
use crate::template::hints;
use crate::template::layout::{PicksShape, Shape};

/// How many of the options an instruction asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Pick {
    One,
    Any,
}

/// Phrases that ask for one of the options that follow.
const ONE: [&str; 10] = [
    "choose one",
    "select one",
    "pick one",
    "keep one",
    "keep the one",
    "delete as appropriate",
    "delete as applicable",
    "delete where appropriate",
    "best applies",
    "best describes",
];

/// Phrases that ask for any number of them.
const ANY: [&str; 3] = ["all that appl", "any that appl", "all which appl"];

/// What the last line of an introduction asks for, if it asks to pick.
pub(super) fn asks_to_pick(intro: &str) -> Option<Pick> {
    let last = intro.lines().rev().find(|l| !l.trim().is_empty())?;
    let last = last.to_lowercase();
    if ANY.iter().any(|p| last.contains(p)) {
        Some(Pick::Any)
    } else if ONE.iter().any(|p| last.contains(p)) {
        Some(Pick::One)
    } else {
        None
    }
}

/// An option that takes text when chosen: one with a `___` blank, `Other`, or one that
/// asks to explain (`another situation? Please explain.`).
fn takes_text(option: &str) -> bool {
    let lower = option.to_lowercase();
    let lower = lower.trim().trim_end_matches([':', '.']);
    option.contains("___")
        || matches!(lower, "other" | "others" | "something else")
        || ["please explain", "please specify", "please describe"]
            .iter()
            .any(|p| lower.contains(p))
}

/// `___` blanks as `…`, so that removing markup cannot take them apart.
fn blanks_shown(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some((before, after)) = hints::blank_split(rest) {
        out.push_str(before);
        out.push_str(" …");
        rest = after;
    }
    out.push_str(rest);
    out
}

/// A list of plain one-line items after an instruction to pick: a choice or checkboxes.
pub(super) fn options(range: &Range<usize>, items: &[Item], ctx: &Ctx<'_>) -> Option<Recognized> {
    let pick = asks_to_pick(ctx.intro?)?;
    let source = ctx.source;
    if items.len() < 2 {
        return None;
    }
    let mut options = Vec::new();
    let mut lines = Vec::new();
    for item in items {
        let text = item_content(item, source);
        let label = hints::plain_label(&blanks_shown(&text));
        if label.is_empty() {
            return None;
        }
        let mut opt = Opt::new(label);
        opt.blank = takes_text(&text);
        options.push(opt);
        let item_lines = source.lines(&item.range);
        let mut written = source.strip_comments(source.span(item_lines)).into_owned();
        if !written.ends_with('\n') {
            written.push('\n');
        }
        lines.push(written);
    }
    let n = options.len();
    let kind = match pick {
        Pick::One => FieldKind::Choice {
            options,
            custom: None,
        },
        Pick::Any => FieldKind::Checkboxes { options },
    };
    let lines_range = source.lines(range);
    let field = NewField::new(kind, ctx.label, "", Selection::none(n), lines_range.start);
    let shape = Shape::Picks(PicksShape {
        field: 0,
        items: lines,
    });
    Some(Recognized::field(field, lines_range, shape))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{after, plain};
    use super::*;

    fn field_of(found: &[Recognized]) -> (&NewField, &PicksShape) {
        let [
            Recognized::Fields {
                fields,
                shape: Shape::Picks(shape),
                ..
            },
        ] = found
        else {
            panic!("not options: {found:?}")
        };
        (&fields[0], shape)
    }

    #[test]
    fn a_list_under_select_one_is_a_choice() {
        let found = after(
            "Select one of the platforms below:",
            "- All\n- Web (K/JS) - HTML library\n- Other\n",
        );
        let (field, shape) = field_of(&found);
        let FieldKind::Choice { options, custom } = &field.kind else {
            panic!("{:?}", field.kind)
        };
        let labels: Vec<&str> = options.iter().map(|o| o.label.as_str()).collect();
        assert_eq!(labels, ["All", "Web (K/JS) - HTML library", "Other"]);
        assert_eq!(
            options.iter().map(|o| o.blank).collect::<Vec<_>>(),
            [false, false, true]
        );
        assert_eq!(custom, &None);
        assert_eq!(shape.items[1], "- Web (K/JS) - HTML library\n");
    }

    #[test]
    fn a_list_under_select_all_that_apply_is_checkboxes() {
        let found = after(
            "Select all that apply:",
            "- is it slow?\n- another situation? Please explain.\n",
        );
        let (field, _) = field_of(&found);
        let FieldKind::Checkboxes { options } = &field.kind else {
            panic!("{:?}", field.kind)
        };
        assert!(options[1].blank && !options[0].blank);
    }

    #[test]
    fn keep_the_line_that_best_applies_and_blanks_take_text() {
        let found = after(
            "Some help.\n\nPlease keep and fill in the line that best applies:",
            "- This is a crash\n- This changed between versions ______ and _______\n",
        );
        let (field, _) = field_of(&found);
        let option = &field.kind.options()[1];
        assert!(option.blank);
        assert_eq!(option.label, "This changed between versions … and …");
    }

    #[test]
    fn without_an_instruction_to_pick_a_list_is_not_options() {
        let found = after("Tools you had installed:", "- Xcode\n- Git\n");
        assert!(!matches!(
            found.as_slice(),
            [Recognized::Fields {
                shape: Shape::Picks(_),
                ..
            }]
        ));
        let found = plain("- Xcode\n- Git\n");
        assert!(matches!(found.as_slice(), [Recognized::Static { .. }]));
        // One item is no choice; items with more under them are not options.
        assert!(asks_to_pick("Select one:").is_some());
        let found = after("Select one:", "- Only\n");
        assert!(matches!(found.as_slice(), [Recognized::Static { .. }]));
    }
}
