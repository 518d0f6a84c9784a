//! Properties of the core on generated input: reading never panics, rendering never
//! panics, and rendering a rendered body again changes nothing (for templates written
//! as blocks separated by blank lines, as real ones are).

// Test helpers unwrap: a failure there is a failing test.
#![allow(clippy::unwrap_used)]

mod common;

use issue_composer::form::{FieldKind, Selection, Value};
use issue_composer::{Answers, parse, render};
use proptest::prelude::*;

fn words() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Z][a-z]{0,6}( [a-z]{1,6}){0,3}",
        // Characters whose lowercase or width differs from their bytes.
        "[İKẞß漢😀é][a-zİß漢]{0,4}( [a-z]{1,6}){0,2}",
    ]
}

/// Paragraph lines: prose, bold labels, labelled lines with hints and choices.
fn paragraph() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        words(),
        words().prop_map(|w| format!("**{w}**")),
        words().prop_map(|w| format!("**{w}**:")),
        (words(), "[a-z]{1,5}", "[a-z]{1,5}").prop_map(|(w, a, b)| format!("**{w}**: [{a} / {b}]")),
        words().prop_map(|w| format!("**{w}**: [e.g. x] - [X-Y h]")),
        words().prop_map(|w| format!("{w}:")),
        words().prop_map(|w| format!("[{w}]")),
        words().prop_map(|w| format!("[ ] **{w}**")),
        words().prop_map(|w| format!("{w} <!-- hint -->")),
        // Any characters but control characters.
        "\\PC{1,12}".prop_map(|s| format!("x{s}")),
    ];
    prop::collection::vec(line, 1..4).prop_map(|l| l.join("\n"))
}

/// A list with one marker: plain, labelled, task, blank, placeholder and numbered items.
fn list() -> impl Strategy<Value = String> {
    let item = prop_oneof![
        words(),
        words().prop_map(|w| format!("**{w}:**")),
        words().prop_map(|w| format!("{w}: [e.g. 1.0]")),
        words().prop_map(|w| format!("[ ] {w}")),
        words().prop_map(|w| format!("[x] {w}")),
        words().prop_map(|w| format!("[ ] {w}: ___")),
        words().prop_map(|w| format!("[ ] {w}: ___ <!-- x -->漢")),
        Just("`src/...`".to_owned()),
        Just("[ ] New: `path/to/x.go`".to_owned()),
        Just("...".to_owned()),
        words().prop_map(|w| format!("{w}\n  - [ ] nested")),
    ];
    (prop::collection::vec(item, 1..5), prop::bool::ANY).prop_map(|(items, numbered)| {
        items
            .iter()
            .enumerate()
            .map(|(i, it)| {
                if numbered {
                    format!("{}. {it}", i + 1)
                } else {
                    format!("- {it}")
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    })
}

/// Blocks as templates write them, separated by blank lines.
fn template() -> impl Strategy<Value = String> {
    // A heading first, so a generated `---` never opens front matter.
    prop::collection::vec(block(), 0..12)
        .prop_map(|blocks| format!("# T\n\n{}", blocks.join("\n\n")))
}

/// Blocks with or without a heading first, with LF or CRLF line ends, with or without a
/// newline at the end.
fn any_template() -> impl Strategy<Value = String> {
    let blocks = prop::collection::vec(block(), 0..8);
    (blocks, any::<bool>(), any::<bool>(), any::<bool>()).prop_map(
        |(blocks, heading, crlf, newline)| {
            let mut md = blocks.join("\n\n");
            if heading {
                md = format!("# T\n\n{md}");
            }
            if newline {
                md.push('\n');
            }
            if crlf { md.replace('\n', "\r\n") } else { md }
        },
    )
}

fn block() -> impl Strategy<Value = String> {
    prop_oneof![
        (1..4usize, words()).prop_map(|(n, w)| format!("{} {w}", "#".repeat(n))),
        paragraph(),
        list(),
        words().prop_map(|w| format!("```go\n{w}\n```")),
        Just("```\n```".to_owned()),
        Just("| A | B |\n|---|---|\n| x | X ms |\n| y | TBD |".to_owned()),
        words().prop_map(|w| format!("<!-- {w} -->")),
        Just("<!--\nmulti\nline\n-->".to_owned()),
        Just("<pre>\n<!-- paste -->\n</pre>".to_owned()),
        Just("---".to_owned()),
        Just("> quoted".to_owned()),
    ]
}

/// Some value of the right shape for every field.
fn fill(answers: &mut Answers, form: &issue_composer::Form, text: &str) {
    for (i, field) in form.fields.iter().enumerate() {
        answers.values[i] = match (&field.kind, &field.default) {
            (FieldKind::Table(_), Value::Table(rows)) => Value::Table(
                rows.iter()
                    .map(|r| r.iter().map(|_| text.to_owned()).collect())
                    .collect(),
            ),
            (FieldKind::List, _) => Value::List(vec![text.to_owned(), "b".to_owned()]),
            (kind, _) if !kind.options().is_empty() => {
                let n = kind.options().len();
                let mut sel = Selection::empty(n);
                sel.checked[n - 1] = true;
                text.clone_into(&mut sel.blanks[n - 1]);
                Value::Select(Box::new(sel))
            }
            _ => Value::Text(text.to_owned()),
        };
    }
}

/// Cases per property: `PROPTEST_CASES` when set; 10,000 in CI (`CI=true`, as CI runs
/// `.ci/run`); `local` otherwise, so local runs stay fast.
fn cases(local: u32) -> u32 {
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if ci { 10_000 } else { local })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(500)))]

    #[test]
    fn any_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        for name in ["t.md", "t.yml"] {
            if let Ok(t) = parse(name, &bytes) {
                let _ = render(&t, &Answers::new(&t.form));
            }
        }
    }

    #[test]
    fn generated_templates_render_stably(md in template()) {
        let t = parse("t.md", md.as_bytes()).expect("markdown without front matter always loads");
        let body = render(&t, &Answers::new(&t.form)).body;
        prop_assert!(!body.starts_with('\n'));
        let again = parse("t.md", body.as_bytes()).expect("a rendered body loads");
        prop_assert_eq!(render(&again, &Answers::new(&again.form)).body, body);
    }

    #[test]
    fn any_answers_render_without_control_characters(md in template(), text in "\\PC{0,12}|\\x1b\\[31m|a\\nb|İKß漢") {
        let t = parse("t.md", md.as_bytes()).expect("loads");
        let mut answers = Answers::new(&t.form);
        fill(&mut answers, &t.form, &text);
        let body = render(&t, &answers).body;
        prop_assert!(!body.chars().any(|c| c.is_control() && c != '\n' && c != '\t'), "{:?}", body);
    }

    #[test]
    fn drafts_read_back_the_same_answers(md in template(), text in "[a-zİKß漢 ]{1,10}") {
        let t = parse("t.md", md.as_bytes()).expect("loads");
        // Answers name options by label: two options with one label cannot be told apart.
        prop_assume!(t.form.fields.iter().all(|f| {
            let labels: Vec<&str> = f.kind.options().iter().map(|o| o.label.as_str()).collect();
            labels.iter().enumerate().all(|(i, l)| !labels[..i].contains(l))
        }));
        let mut answers = Answers::new(&t.form);
        fill(&mut answers, &t.form, text.trim());
        // Lists, tables and blanks drop surrounding spaces; compare what survives a render.
        let yaml = issue_composer::form::AnswersFile::from_answers(&t.form, &answers).to_yaml().unwrap();
        let mut again = Answers::new(&t.form);
        issue_composer::form::AnswersFile::parse(&yaml, "draft.yaml")
            .expect("a draft reads")
            .apply(&t.form, &mut again)
            .expect("a draft fits its template");
        prop_assert_eq!(render(&t, &again).body, render(&t, &answers).body, "{}", yaml);
    }

    #[test]
    fn every_answer_reaches_the_issue(md in any_template()) {
        // A leading `---` may open front matter that does not parse; that is not a form.
        let Ok(t) = parse("t.md", md.as_bytes()) else {
            return Ok(());
        };
        let (answers, tokens) = common::fill_with_tokens(&t.form);
        let body = render(&t, &answers).body;
        for (token, id) in tokens {
            prop_assert!(body.contains(&token), "{} ({}) is missing:\n{}", id, token, body);
        }
    }
}

/// Bodies the stability property once found unstable, each written small: a question
/// or a `Label: value` line beside an answer place left unanswered, a question with its
/// options, lines after a bold labelled field. Rendered unanswered and read again, each
/// renders the same.
#[test]
fn rendered_bodies_read_the_same_again() {
    for md in [
        "# T\n\nWhy?\n[Answer]\n",
        "# T\n\n[Answer]\n\nWhy?\n",
        "# T\n\nWhy?\n[Answer]\nIt broke\n",
        "# T\n\nOS: X\n[More]\n",
        "# T\n\n[More]\nPick: A/B\n",
        "# T\n\nWorks? Yes/No\n",
        "# T\n\nIt broke\nWorks? [Yes / No]\n",
        "# T\n\n**Pick**: [A / B]\nWhy?\n",
        "# T\n\n---\n\n**Pick**: [A / B]\nWhy?\n",
        "# T\n\n[ ] **Done**\n\nWhy?\n[Answer]\n\n- [ ] More\n",
    ] {
        let t = parse("t.md", md.as_bytes()).unwrap();
        let body = render(&t, &Answers::new(&t.form)).body;
        let again = parse("t.md", body.as_bytes()).unwrap();
        assert_eq!(
            render(&again, &Answers::new(&again.form)).body,
            body,
            "{md:?}"
        );
    }
}

/// A draft written and read back ticks the option it saved, not one whose label is the
/// same apart from case before it: `ẞ` lowercases to `ß` (the property found this).
#[test]
fn a_draft_keeps_the_tick_on_the_option_it_names_exactly() {
    let md = "# T\n\n- [ ] ẞ\n- [x] ß\n- A";
    let t = parse("t.md", md.as_bytes()).unwrap();
    let mut answers = Answers::new(&t.form);
    fill(&mut answers, &t.form, "ß");
    let yaml = issue_composer::form::AnswersFile::from_answers(&t.form, &answers)
        .to_yaml()
        .unwrap();
    let mut again = Answers::new(&t.form);
    issue_composer::form::AnswersFile::parse(&yaml, "draft.yaml")
        .unwrap()
        .apply(&t.form, &mut again)
        .unwrap();
    let ticks = |a: &Answers| match &a.values[0] {
        Value::Select(sel) => sel.checked.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(ticks(&again), [false, true], "{yaml}");
    assert_eq!(render(&t, &again).body, render(&t, &answers).body, "{yaml}");
}
