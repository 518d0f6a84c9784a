//! Labelled lines on their own: bold and plain labels, questions, what a rest holds.

use super::*;
use crate::template::blocks::{self, Block};

fn first_line(src: &str) -> Vec<Inline<'_>> {
    match &blocks::parse(src).expect("shallow").blocks[0] {
        Block::Paragraph { inlines, .. } => lines(inlines)[0].to_vec(),
        Block::List { items, .. } => items[0].inlines.to_vec(),
        other => panic!("unexpected {other:?}"),
    }
}

const ALL: Allow = Allow {
    plain: true,
    token: true,
};

fn check(src: &str) -> Option<(String, Rest, bool)> {
    let source = Source::new(src, blocks::parse(src).expect("shallow").comments);
    let line = first_line(src);
    let l = split(src, &line, ALL)?;
    Some((l.label, rest(&source, l.rest), l.bold_only))
}

fn asked(src: &str) -> Option<(String, Rest)> {
    let source = Source::new(src, blocks::parse(src).expect("shallow").comments);
    question(&source, &first_line(src)).map(|(l, rest)| (l.label, rest))
}

fn options(inner: &str) -> Rest {
    Rest::Brackets(vec![(String::new(), inner.into())])
}

#[test]
fn questions_with_options_after_them() {
    assert_eq!(
        asked("Did it work before? [Yes / No]\n"),
        Some(("Did it work before?".into(), options("Yes / No")))
    );
    assert_eq!(
        asked("- Is it a regression? Yes/No\n"),
        Some(("Is it a regression?".into(), options("Yes/No")))
    );
    assert_eq!(
        asked("Have you read the docs? (yes/no)\n"),
        Some(("Have you read the docs?".into(), options("yes/no")))
    );
    assert_eq!(asked("How many clients? Requests / second?\n"), None);
    assert_eq!(asked("Why? Because it broke.\n"), None);
    assert_eq!(asked("Which one? [describe it]\n"), None);
}

#[test]
fn unbracketed_options_after_labels() {
    assert_eq!(
        check("**Type**: *Bug* / *Feature*\n").map(|c| c.1),
        Some(options("*Bug* / *Feature*"))
    );
    assert_eq!(
        check("Kind: Bug | Feature | Needs docs\n").map(|c| c.1),
        Some(options("Bug | Feature | Needs docs"))
    );
    assert_eq!(
        check("Rate: Requests / second?\n").map(|c| c.1),
        Some(Rest::Literal)
    );
}

#[test]
fn bold_labels() {
    assert_eq!(
        check("**Priority**: [P1 / P2]\n"),
        Some((
            "Priority".into(),
            Rest::Brackets(vec![(String::new(), "P1 / P2".into())]),
            false
        ))
    );
    assert_eq!(
        check("- **Response time:**\n"),
        Some(("Response time".into(), Rest::Empty(String::new()), true))
    );
    assert_eq!(
        check("**Describe the bug**\n"),
        Some(("Describe the bug".into(), Rest::Empty(String::new()), true))
    );
    assert_eq!(
        check("- **vtk.js**: <!-- ex: 14.0.0 -->\n"),
        Some(("vtk.js".into(), Rest::Empty("ex: 14.0.0".into()), false))
    );
    assert_eq!(
        check("**Note:** Commenters are welcome\n").map(|c| c.1),
        Some(Rest::Literal)
    );
    assert_eq!(check("**Note** some words\n"), None);
}

#[test]
fn plain_labels() {
    assert_eq!(
        check("- Tools used:\n"),
        Some(("Tools used".into(), Rest::Empty(String::new()), false))
    );
    assert_eq!(
        check("- OS: [e.g. Windows]\n").map(|c| c.1),
        Some(Rest::Brackets(vec![(String::new(), "e.g. Windows".into())]))
    );
    assert_eq!(
        check("- Browser [e.g. chrome, safari]\n").map(|c| c.0),
        Some("Browser".into())
    );
    assert_eq!(
        check("- Laravel Version: #.#.#\n").map(|c| c.1),
        Some(Rest::Hint("#.#.#".into()))
    );
    assert_eq!(
        check("- Depends on #X\n").map(|c| (c.0, c.1)),
        Some(("Depends on".into(), Rest::Hint("#X".into())))
    );
    assert_eq!(check("see https://example.com/x\n"), None);
    assert_eq!(
        check("- This is a long sentence that explains what to do here: now\n"),
        None
    );
}

#[test]
fn a_line_ending_in_a_colon_is_a_label_whatever_it_holds() {
    for (src, label) in [
        (
            "- Version (run `tool --version`):\n",
            "Version (run tool --version)",
        ),
        (
            "- Operating system and architecture (e.g. Debian 12 on arm64):\n",
            "Operating system and architecture (e.g. Debian 12 on arm64)",
        ),
        (
            "- Does this issue occur when all extensions are disabled and the cache is empty:\n",
            "Does this issue occur when all extensions are disabled and the cache is empty",
        ),
    ] {
        assert_eq!(
            check(src).map(|c| (c.0, c.1)),
            Some((label.into(), Rest::Empty(String::new()))),
            "{src}"
        );
    }
    // A colon inside the brackets is the hint's.
    assert_eq!(
        check("- Info [ af::info() output ]\n").map(|c| (c.0, c.1)),
        Some((
            "Info".into(),
            Rest::Brackets(vec![(String::new(), "af::info() output".into())])
        ))
    );
}

#[test]
fn example_values_are_placeholders() {
    for (src, hint) in [
        (
            "I expected to see this happen: *explanation*\n",
            "explanation",
        ),
        ("- Driver version: [run `nvidia-smi`:\n", "run `nvidia-smi`"),
        ("Version: 1.2.3\n", "1.2.3"),
        (
            "Version: master/v3.6.0/v3.5.0 etc.\n",
            "master/v3.6.0/v3.5.0 etc.",
        ),
        (
            "Language: C++/Java/Python/C#/Ruby/PHP\n",
            "C++/Java/Python/C#/Ruby/PHP",
        ),
    ] {
        assert_eq!(
            check(src).map(|c| c.1),
            Some(Rest::Hint(hint.into())),
            "{src}"
        );
    }
    assert_eq!(
        check("**Note:** Commenters are welcome\n").map(|c| c.1),
        Some(Rest::Literal)
    );
}

/// The text without comments, borrowed or built, is the text with the comments' bytes
/// taken out (all those the range touches, or those wholly inside it), for ranges that
/// hold comments, cut them, sit inside one, or hold none.
#[test]
fn borrowed_text_is_the_stripped_text() {
    let src = "a <!-- one --> b\n<!-- two -->\n  \n<!-- x\ny --> c <!--z-->";
    let comments = vec![2..14, 17..29, 33..45, 48..56];
    let ranges = (0..src.len()).flat_map(|s| (s + 1..=src.len()).map(move |e| s..e));
    for range in ranges {
        let source = Source::new(src, comments.clone());
        let kept = |whole: bool| -> String {
            range
                .clone()
                .filter(|&at| {
                    !comments.iter().any(|c| {
                        c.contains(&at)
                            && (!whole || (c.start >= range.start && c.end <= range.end))
                    })
                })
                .map(|at| char::from(src.as_bytes()[at]))
                .collect()
        };
        let strip = source.strip_comments(range.clone());
        assert_eq!(strip, kept(false), "{range:?}");
        assert_eq!(
            source.strip_comments_within(range.clone()),
            kept(true),
            "{range:?}"
        );
        assert_eq!(
            blank_but_comments(&source, &range),
            strip.trim().is_empty(),
            "{range:?}"
        );
    }
}
