//! Read on a second thread or on this one, a body gives the same form, layout,
//! problems and refusals.

use super::super::{Built, Stop, assemble_with};
use super::{BATCH, DEPTH, PIPE_FROM};
use crate::template::Limits;
use crate::template::front_matter;
use crate::template::synth::synthetic;

/// Everything the fold gives, as text to compare.
fn outcome(result: &Result<Built, Stop>) -> String {
    match result {
        Ok(b) => format!(
            "sections {:?}\nfields {:?}\nlabelled {:?}\npieces {:?}\nlines {:?}\nproblems {:?}",
            b.sections, b.fields, b.labelled, b.pieces, b.lines, b.problems
        ),
        Err(stop) => format!("stopped: {stop:?}"),
    }
}

/// Assembles `body` both ways and asserts they agree; the serial outcome.
fn same_both_ways(body: &str, limits: &Limits, what: &str) -> String {
    let here = outcome(&assemble_with(body, 3, limits, false));
    let piped = outcome(&assemble_with(body, 3, limits, true));
    assert!(here == piped, "{what}: piped differs from serial");
    here
}

/// More blocks than fit in the channel at once, so that the reader must wait.
fn many_blocks() -> usize {
    (DEPTH + 2) * BATCH
}

#[test]
fn every_builtin_and_corpus_template_reads_the_same_piped() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in [root.join("templates"), root.join("../shared/corpus")] {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "md")
                && let Ok(text) = std::fs::read_to_string(&path)
            {
                files.push((path, text));
            }
        }
    }
    assert!(files.len() > 50, "templates found: {}", files.len());
    for (path, text) in &files {
        let what = path.display().to_string();
        let body = front_matter::split(text, &what).map_or(text.as_str(), |s| s.body);
        same_both_ways(body, &Limits::default(), &what);
        // And a body long enough to be read ahead on its own.
        let long = body.repeat(many_blocks() / 10 + 1);
        let limits = Limits {
            sections: usize::MAX,
            fields: usize::MAX,
            ..Limits::default()
        };
        same_both_ways(&long, &limits, &what);
    }
}

#[test]
fn a_synthetic_template_reads_the_same_piped_and_is_piped_by_size() {
    let body = synthetic(many_blocks());
    let limits = Limits {
        sections: usize::MAX,
        fields: usize::MAX,
        ..Limits::default()
    };
    let here = same_both_ways(&body, &limits, "synthetic");
    assert!(here.contains("Section 1535"), "{}", &here[..200]);
    assert!(body.len() < PIPE_FROM);
    let large = synthetic(PIPE_FROM / 100);
    assert!(large.len() >= PIPE_FROM);
    let built = super::super::assemble(&large, 3, &limits).expect("within the limits");
    assert_eq!(
        outcome(&Ok(built)),
        outcome(&assemble_with(&large, 3, &limits, false))
    );
}

#[test]
fn unclosed_comments_warn_in_the_same_place_and_order() {
    let mut body = synthetic(BATCH);
    body.push_str("Text <!-- open inline\n\n**Label**\n\n- [ ] x\n\n<pre><!-- in html\n</pre>\n\n");
    body.push_str(&synthetic(BATCH));
    body.push_str("## Last\n\n<!-- never closed\n\n## Hidden\n");
    let limits = Limits {
        sections: usize::MAX,
        fields: usize::MAX,
        ..Limits::default()
    };
    let here = same_both_ways(&body, &limits, "unclosed");
    let problems = here.rsplit("\nproblems ").next().unwrap_or_default();
    // The inline one and the one that hides the end; inside `<pre>` it is HTML's.
    assert_eq!(
        problems.matches("comment is never closed").count(),
        2,
        "{problems}"
    );
}

#[test]
fn nesting_too_deep_stops_at_the_same_place() {
    let deep = |levels: usize| {
        let mut out = String::new();
        for level in 0..levels {
            out.push_str(&"  ".repeat(level));
            out.push_str("- item\n");
        }
        out
    };
    for at in [0, 3, BATCH - 1, BATCH, many_blocks()] {
        let body = format!("{}{}\n## After\n\ntext\n", synthetic(at / 4), deep(70));
        let here = same_both_ways(&body, &Limits::default(), "too deep");
        assert!(here.starts_with("stopped: TooDeep"), "{here}");
        let shallow = Limits {
            nesting: 3,
            ..Limits::default()
        };
        let here = same_both_ways(&body, &shallow, "too deep for 3");
        assert!(here.starts_with("stopped: TooDeep"), "{here}");
    }
}

/// A fold stopped at a limit ends the reader: with more blocks than the channel holds,
/// a reader left waiting to send would never finish, and neither would this test.
#[test]
fn limits_stop_at_the_same_section_or_field() {
    let body = synthetic(many_blocks() * 4);
    for (sections, fields) in [(10, usize::MAX), (usize::MAX, 7), (BATCH * 2, usize::MAX)] {
        let limits = Limits {
            sections,
            fields,
            ..Limits::default()
        };
        let here = same_both_ways(&body, &limits, "limits");
        assert!(here.starts_with("stopped: Limit"), "{here}");
    }
    // Past the limits after nesting went too deep: nesting is what stops it.
    let body = format!("{}{}", "- a\n", "> ".repeat(70) + "x\n");
    let limits = Limits {
        sections: 0,
        fields: 0,
        ..Limits::default()
    };
    let here = same_both_ways(&body, &limits, "deep and over");
    assert!(here.starts_with("stopped: TooDeep"), "{here}");
}

/// Pieces of markdown that meet at batch edges in any order: comments open and
/// closed, labels, fields, fences, nesting, breaks.
fn piece() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    prop_oneof![
        "[A-Za-z ]{1,12}".prop_map(|w| format!("## {w}\n\n")),
        "[A-Za-z ]{1,12}".prop_map(|w| format!("**{w}**\n\n")),
        "[A-Za-z ]{1,12}".prop_map(|w| format!("<!-- {w} -->\n\n")),
        "[A-Za-z ]{1,12}".prop_map(|w| format!("{w} <!-- {w}\n\n")),
        "[A-Za-z ]{1,12}".prop_map(|w| format!("- [ ] {w}\n- [x] {w}\n\n")),
        "[A-Za-z ]{1,12}".prop_map(|w| format!("- **{w}:** \n- {w}: [e.g. 1]\n\n")),
        "[A-Za-z ]{1,12}".prop_map(|w| format!("| {w} | B |\n|---|---|\n| x |  |\n\n")),
        "[A-Za-z ]{1,12}".prop_map(|w| format!("```\n{w}\n```\n\n")),
        "[A-Za-z ]{1,12}".prop_map(|w| format!("Describe {w}.\n\n")),
        Just("---\n\n".to_owned()),
        Just("-->\n\n".to_owned()),
        (1usize..80).prop_map(|n| format!("{}x\n\n", "> ".repeat(n))),
    ]
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

    /// Any mix of pieces, long enough to take several batches, folds the same piped.
    #[test]
    fn any_body_reads_the_same_piped(
        pieces in proptest::collection::vec(piece(), 1..40),
        times in 1usize..40,
        sections in proptest::prop_oneof![proptest::strategy::Just(usize::MAX), 1usize..400],
    ) {
        let body = pieces.concat().repeat(times);
        let limits = Limits { sections, fields: usize::MAX, ..Limits::default() };
        let here = outcome(&assemble_with(&body, 3, &limits, false));
        let piped = outcome(&assemble_with(&body, 3, &limits, true));
        proptest::prop_assert!(here == piped, "piped differs from serial");
    }
}
