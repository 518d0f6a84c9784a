//! Answers name options, table rows and fields by their text, and some texts are alike
//! apart from case (`ẞ` lowercases to `ß`): the one written as the answer is wins,
//! wherever it is, in answers files, `--set` and drafts read back; several alike with
//! none written as the answer is are refused as ambiguous, naming them.

// Test helpers unwrap: a failure there is a failing test.
#![allow(clippy::unwrap_used)]

use issue_composer::form::{AnswerErrors, AnswersFile};
use issue_composer::{Answers, Template, parse, render};

const MARKDOWN: &str = "# T\n\n## Kind\n\n- [ ] ẞ\n- [ ] ß\n- [ ] A\n\n## Results\n\n| Case | Time |\n|---|---|\n| ẞ | |\n| ß | |\n";

const FORM: &str = "name: Case
description: options alike apart from case
body:
  - type: dropdown
    id: pick
    attributes:
      label: Pick
      options: [Foo, FOO, ẞ, ß]
  - type: input
    id: upper
    attributes:
      label: OS
  - type: input
    id: lower
    attributes:
      label: Os
";

fn applied(t: &Template, yaml: &str) -> Result<String, AnswerErrors> {
    let mut answers = Answers::new(&t.form);
    AnswersFile::parse(yaml, "a.yaml")
        .unwrap()
        .apply(&t.form, &mut answers)?;
    Ok(render(t, &answers).body)
}

#[test]
fn a_box_and_a_row_as_written_win_over_those_alike_apart_from_case() {
    let t = parse("t.md", MARKDOWN.as_bytes()).unwrap();
    let body = applied(&t, "fields: {kind: [ß], results: {ß: {Time: 2 ms}}}").unwrap();
    assert!(body.contains("- [ ] ẞ\n- [x] ß\n"), "{body}");
    assert!(body.contains("| ẞ | |\n| ß | 2 ms |"), "{body}");
    let body = applied(&t, "fields: {kind: [ẞ, a], results: {ẞ: {Time: 1 ms}}}").unwrap();
    assert!(body.contains("- [x] ẞ\n- [ ] ß\n- [x] A\n"), "{body}");
    assert!(body.contains("| ẞ | 1 ms |\n| ß | |"), "{body}");
}

#[test]
fn an_option_and_a_label_as_written_win_in_set_too() {
    let t = parse("f.yml", FORM.as_bytes()).unwrap();
    let mut file = AnswersFile::default();
    file.set("Pick", "ß", false).unwrap();
    file.set("OS", "linux", false).unwrap();
    file.set("Os", "macOS", false).unwrap();
    let mut answers = Answers::new(&t.form);
    file.apply(&t.form, &mut answers).unwrap();
    assert_eq!(
        render(&t, &answers).body,
        "### Pick\n\nß\n\n### OS\n\nlinux\n\n### Os\n\nmacOS"
    );
}

#[test]
fn an_answer_alike_several_options_apart_from_case_is_refused() {
    let t = parse("f.yml", FORM.as_bytes()).unwrap();
    let refused = applied(&t, "fields: {pick: foo}").unwrap_err().to_string();
    assert!(
        refused.contains(
            "`pick`: `foo` is `Foo` or `FOO` apart from case: write the one meant as it is written"
        ),
        "{refused}"
    );
    assert!(applied(&t, "fields: {pick: FOO}").unwrap().contains("FOO"));
    // A key like two labels apart from case and neither as written: which field is meant?
    let refused = applied(&t, "fields: {os: x}").unwrap_err().to_string();
    assert!(
        refused.contains("matches several fields: upper, lower"),
        "{refused}"
    );
}

/// The draft of a form ticking `ß` below `ẞ` reads back ticking `ß`, not `ẞ`.
#[test]
fn a_draft_read_back_keeps_its_ticks_on_the_options_it_named() {
    let t = parse("t.md", MARKDOWN.as_bytes()).unwrap();
    let mut answers = Answers::new(&t.form);
    AnswersFile::parse("fields: {kind: [ß]}", "a.yaml")
        .unwrap()
        .apply(&t.form, &mut answers)
        .unwrap();
    let draft = AnswersFile::from_answers(&t.form, &answers)
        .to_yaml()
        .unwrap();
    let mut again = Answers::new(&t.form);
    let misfits = AnswersFile::parse(&draft, "draft.yaml")
        .unwrap()
        .apply_lenient(&t.form, &mut again);
    assert!(misfits.is_empty(), "{misfits:?}");
    assert_eq!(again.values, answers.values, "{draft}");
}
