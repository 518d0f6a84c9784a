//! A list's lead-in: `Steps to Reproduce:` alone on the line before a list, in the part
//! of a template no heading names, is what a reader calls the list (without it the list
//! takes the untitled part's name, `Description`).

use std::ops::Range;

use super::Ctx;
use crate::template::hints;

/// At most this many words: a longer line explains rather than names.
const MAX_WORDS: usize = 6;

/// The label the text right before the list at `range` gives it: one line of text
/// (not a comment, not an instruction such as `Select all that apply:`) ending in a
/// colon, in a section without a title, when no bold line labels the list already.
pub(super) fn lead_in(range: &Range<usize>, ctx: &Ctx<'_>) -> Option<String> {
    // Under a heading the list keeps the heading's name (and the id answers use).
    if ctx.label.is_some() || !ctx.section.title.is_empty() {
        return None;
    }
    let intro = ctx.intro?.trim();
    if !intro.ends_with(':') || intro.contains('\n') || super::prose::asks(intro) {
        return None;
    }
    // The intro is the last line with text before the list, as written: a comment's
    // text or a line with a comment in it is not what the reader sees.
    let before = crate::text::trim_end(&ctx.source.src[..range.start]);
    let line = before.rsplit('\n').next().unwrap_or(before);
    if crate::text::trim(line) != intro {
        return None;
    }
    let label = hints::plain_label(intro);
    let words = label.split_whitespace().count();
    (words > 0 && words <= MAX_WORDS && !label.contains(':')).then_some(label)
}

#[cfg(test)]
mod tests {
    use super::super::testing::first_in;
    use super::super::{Recognized, SectionCtx};

    const UNTITLED: SectionCtx<'static> = SectionCtx {
        title: "",
        level: 0,
        pseudo: false,
    };

    /// The label of the first field `src` makes after `intro`, in `section`.
    fn label_after(intro: &str, src: &str, section: SectionCtx<'_>) -> Option<String> {
        let found = first_in(src, section, intro);
        found.into_iter().find_map(|r| match r {
            Recognized::Fields { mut fields, .. } => fields.remove(0).label.map(|l| l.to_string()),
            _ => None,
        })
    }

    #[test]
    fn a_line_ending_in_a_colon_names_the_list_after_it() {
        let src = "Steps to Reproduce:\n\n1.\n2.\n";
        assert_eq!(
            label_after("Steps to Reproduce:", src, UNTITLED).as_deref(),
            Some("Steps to Reproduce")
        );
        let src = "Checklist:\n\n- [ ] a\n- [ ] b\n";
        assert_eq!(
            label_after("Checklist:", src, UNTITLED).as_deref(),
            Some("Checklist")
        );
    }

    #[test]
    fn other_text_before_a_list_names_nothing() {
        let cases = [
            // A request, not a name.
            (
                "Select all that apply:",
                "Select all that apply:\n\n- [ ] a\n- [ ] b\n",
            ),
            ("Please include:", "Please include:\n\n- a\n- ...\n"),
            ("What did you try?:", "What did you try?:\n\n1.\n2.\n"),
            // No colon; a sentence too long to be a name.
            ("Steps", "Steps\n\n1.\n2.\n"),
            (
                "So that we can help, tell us about the steps you took:",
                "So that we can help, tell us about the steps you took:\n\n1.\n2.\n",
            ),
            // A comment's text is not what the reader sees.
            ("Steps:", "<!-- Steps: -->\n\n1.\n2.\n"),
        ];
        for (intro, src) in cases {
            assert_eq!(label_after(intro, src, UNTITLED), None, "{intro:?}");
        }
        // Under a heading the heading names it.
        let under = SectionCtx {
            title: "Bug",
            level: 2,
            pseudo: false,
        };
        assert_eq!(label_after("Steps:", "Steps:\n\n1.\n2.\n", under), None);
    }
}
