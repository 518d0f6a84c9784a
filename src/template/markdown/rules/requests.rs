//! Lists that ask rather than hold content: the facts an instruction requests (`Please
//! provide the following information:` then `- version used`), an example of what to
//! write (`Steps to reproduce, eg:` then `1. Run ...`), and lists whose every item is an
//! instruction (`- Describe ...`, `- Include ...`). Each is part of the instruction: help
//! where the instruction opens its section, else kept as written.

use std::ops::Range;

use super::lists::{Facts, ListKind, item_content, kind_with};
use super::options::asks_to_pick;
use super::prose::is_instruction;
use super::{Ctx, Recognized};
use crate::template::blocks::Item;

/// A list kept as written that is part of an instruction, as an instruction.
pub(super) fn instruction_list(
    range: &Range<usize>,
    items: &[Item],
    facts: &[Facts],
    ctx: &Ctx<'_>,
) -> Option<Recognized> {
    let source = ctx.source;
    // Task items and labelled fields are never kept as written: no need to ask more.
    let never_static = |(i, f): (&Item, &Facts)| i.task.is_some() || f.is_field();
    if items.is_empty()
        || items.iter().zip(facts).any(never_static)
        || kind_with(items, facts, source) != ListKind::Static
    {
        return None;
    }
    // An instruction that ends in a colon or points ahead (`the following`, `these
    // points`, `below`) introduces what it asks for; one that asks to pick introduces
    // options (see `options`), kept as written when they are not.
    let introduced = ctx.intro.is_some_and(|intro| {
        let lower = intro.to_lowercase();
        let ahead = ["the following", "these ", "below"]
            .iter()
            .any(|p| lower.contains(p));
        (intro.trim_end().ends_with(':') || ahead)
            && is_instruction(intro)
            && asks_to_pick(intro).is_none()
    });
    let all_instructions = items
        .iter()
        .all(|item| item.children.is_empty() && is_instruction(&item_content(item, source)));
    if !introduced && !all_instructions {
        return None;
    }
    let lines = source.lines(range);
    let text = source.strip_comments(source.span(lines.clone()));
    Some(Recognized::Instruction {
        lines,
        text: text.trim().to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::super::testing::{after, plain};
    use super::*;

    fn is_instruction_list(found: &[Recognized]) -> bool {
        matches!(found, [Recognized::Instruction { .. }])
    }

    #[test]
    fn facts_an_instruction_asks_for_are_part_of_it() {
        let found = after(
            "So as to help us please provide the following information:",
            "* version used (1.0, 2.0, main...)\n* the board you run it on\n",
        );
        assert_eq!(
            found,
            [Recognized::Instruction {
                lines: 0..2,
                text: "* version used (1.0, 2.0, main...)\n* the board you run it on".into(),
            }]
        );
        // Points an instruction refers to, and an example after `eg:`.
        let found = after(
            "Make sure to review these points first - thank you!",
            "- Search for the issue first.\n- **Reduce** the code, if you can.\n",
        );
        assert!(is_instruction_list(&found), "{found:?}");
        let found = after(
            "Steps to reproduce this issue, eg:",
            "1. Start it\n1. Click Run\n",
        );
        assert!(is_instruction_list(&found), "{found:?}");
    }

    #[test]
    fn a_list_of_instructions_is_one() {
        let found = plain("- Describe what you did.\n- Include the logs.\n");
        assert!(is_instruction_list(&found), "{found:?}");
    }

    #[test]
    fn content_lists_stay() {
        // Not after an instruction with a colon, not every item an instruction.
        for (intro, list) in [
            ("Tools you had installed:", "- Xcode\n- Git\n"),
            ("Please provide details.", "- Xcode\n- Git\n"),
            ("Please note the limits:", "- Xcode\n- Git\n"),
        ] {
            let found = after(intro, list);
            assert!(!is_instruction_list(&found), "{intro:?}: {found:?}");
        }
        let found = plain("- Describe what you did.\n- The app crashed.\n");
        assert!(!is_instruction_list(&found), "{found:?}");
        // Fields are not: labelled items, checkboxes.
        let found = after("Please provide:", "- OS: [e.g. Linux]\n- Version:\n");
        assert!(!is_instruction_list(&found), "{found:?}");
        let found = after("Please check:", "- [ ] a\n- [ ] b\n");
        assert!(!is_instruction_list(&found), "{found:?}");
    }
}
