//! Every answer has a place in the issue: where a template gives none, the answer goes at
//! the end of its section, or of the body. Small templates, exact output.

// Test helpers unwrap: a failure there is a failing test.
#![allow(clippy::unwrap_used)]

use issue_composer::form::AnswersFile;
use issue_composer::{Answers, Template, parse, render};

fn form(md: &str) -> Template {
    parse("t.md", md.as_bytes()).expect("template parses")
}

fn ids(t: &Template) -> Vec<&str> {
    t.form.fields.iter().map(|f| &*f.id).collect()
}

fn rendered(t: &Template, yaml: &str) -> String {
    let mut answers = Answers::new(&t.form);
    AnswersFile::parse(yaml, "a.yaml")
        .unwrap()
        .apply(&t.form, &mut answers)
        .unwrap();
    render(t, &answers).body
}

#[test]
fn a_template_without_headings_takes_its_answer_after_its_text() {
    let t = form("Thanks for reporting!\n\n<!-- Tell us what happened. -->\n");
    assert_eq!(ids(&t), ["preamble"]);
    assert_eq!(&*t.form.fields[0].placeholder, "Tell us what happened.");
    assert_eq!(
        rendered(&t, "fields: {preamble: It crashed.}"),
        "Thanks for reporting!\n\nIt crashed.\n"
    );
    assert_eq!(rendered(&t, ""), "Thanks for reporting!\n");
}

#[test]
fn a_template_of_comments_alone_is_its_answer() {
    let t = form("<!--\nDescribe the bug.\n-->\n");
    assert_eq!(ids(&t), ["preamble"]);
    assert_eq!(
        rendered(&t, "fields: {preamble: \"It crashed.\\nTwice.\"}"),
        "It crashed.\nTwice.\n"
    );
    assert_eq!(rendered(&t, ""), "");
}

#[test]
fn an_empty_template_or_front_matter_alone_still_takes_an_answer() {
    for md in ["", "\n\n", "---\nname: Bug\n---\n", "---\nname: Bug\n---"] {
        let t = form(md);
        assert_eq!(ids(&t), ["preamble"], "{md:?}");
        assert_eq!(rendered(&t, "fields: {preamble: Hi}"), "Hi\n", "{md:?}");
    }
}

#[test]
fn a_template_without_a_final_newline_or_with_crlf_keeps_its_answer() {
    for md in [
        "Thanks for the report.",
        "Thanks for the report.\r\n",
        "Thanks for the report.\r\n\r\n<!-- here -->",
    ] {
        let t = form(md);
        assert_eq!(
            rendered(&t, "fields: {preamble: It crashed.}"),
            "Thanks for the report.\n\nIt crashed.\n",
            "{md:?}"
        );
    }
}

#[test]
fn the_answer_goes_after_the_last_content_like_a_sections_does() {
    // A rule is not content: the answer follows the question, as under a heading.
    let t = form("Thanks for reporting the problem.\n\n---\n");
    assert_eq!(
        rendered(&t, "fields: {preamble: It crashed.}"),
        "Thanks for reporting the problem.\n\nIt crashed.\n\n---\n"
    );
    let t = form("## Problem\n\nThe problem, in short.\n\n---\n");
    assert_eq!(
        rendered(&t, "fields: {problem: It crashed.}"),
        "## Problem\n\nThe problem, in short.\n\nIt crashed.\n\n---\n"
    );
    // An instruction is the answer's placeholder: the answer takes its place.
    let t = form("## Problem\n\nPlease describe the problem.\n\n---\n");
    assert_eq!(
        rendered(&t, "fields: {problem: It crashed.}"),
        "## Problem\n\nIt crashed.\n\n---\n"
    );
    assert_eq!(rendered(&t, ""), "## Problem\n\n---\n");
}

#[test]
fn sections_without_a_body_take_their_answer_under_the_heading() {
    let md = "## Summary\n\nSomething broke.\n\n## Logs\n\n## Version";
    let answers = "fields: {summary: S, logs: L, version: V}";
    // Logs are pasted output: fenced.
    let want = "## Summary\n\nSomething broke.\n\nS\n\n## Logs\n\n```\nL\n```\n\n## Version\n\nV\n";
    for md in [md.to_owned(), md.replace('\n', "\r\n")] {
        let t = form(&md);
        assert_eq!(ids(&t), ["summary", "logs", "version"]);
        assert_eq!(rendered(&t, answers), want, "{md:?}");
    }
}

#[test]
fn a_question_with_only_choices_takes_its_text_at_the_end_of_the_section() {
    let t = form("## Area\n\nWhich part, and why?\n\n- [ ] UI\n- [ ] CLI\n\n<!-- end -->\n");
    assert_eq!(ids(&t), ["area", "area-2"]);
    assert_eq!(
        rendered(&t, "fields: {area: [UI], area-2: Because.}"),
        "## Area\n\n- [x] UI\n- [ ] CLI\n\nBecause.\n"
    );
}

#[test]
fn describe_text_other_text_table_cells_and_list_items_all_land() {
    let t = form(
        "## Kind\n\n**Severity**: [Low / High / Describe the impact]\n\n\
         ## Areas\n\n- [ ] UI\n- [ ] Other: ___\n\n\
         ## Timings\n\n| Step | Time |\n|---|---|\n| Build | X ms |\n\n\
         ## Files\n\n- `src/...`\n",
    );
    let answers = "fields:\n  kind/severity: It corrupts data\n  areas: 'Other: the daemon'\n  \
                   timings: {Build: {Time: 5 ms}}\n  files: [a.rs, b.rs]\n";
    assert_eq!(
        rendered(&t, answers),
        "## Kind\n\n**Severity**: It corrupts data\n\n\
         ## Areas\n\n- [ ] UI\n- [x] Other: the daemon\n\n\
         ## Timings\n\n| Step | Time |\n|---|---|\n| Build | 5 ms |\n\n\
         ## Files\n\n- `a.rs`\n- `b.rs`\n"
    );
}

#[test]
fn answers_go_before_rules_footers_and_slash_commands() {
    let t = form(
        "## What happened?\n\nTell us.\n\n---\n\nAdd a :+1: reaction to issues you find important.\n",
    );
    assert_eq!(
        rendered(&t, "fields: {what-happened: It broke.}"),
        "## What happened?\n\nIt broke.\n\n---\n\nAdd a :+1: reaction to issues you find important.\n"
    );
    let t = form("## Checklist\n\n- [ ] Tested\n\n/label ~dependencies\n/cc @team\n");
    assert_eq!(ids(&t), ["checklist"], "slash commands are not a question");
    let t = form("## Fix\n\n/label ~bug\n");
    assert_eq!(
        rendered(&t, "fields: {fix: Patch it.}"),
        "## Fix\n\nPatch it.\n\n/label ~bug\n"
    );
    let t = form(
        "## Details\n\nSay more.\n\n<details><summary>Note</summary>\nRead this.\n</details>\n",
    );
    assert_eq!(
        rendered(&t, "fields: {details: More.}"),
        "## Details\n\nSay more.\n\nMore.\n\n<details><summary>Note</summary>\nRead this.\n</details>\n"
    );
}

#[test]
fn a_slash_command_with_an_empty_argument_is_filled_in_place() {
    let t = form("## Triage\n\n/kind bug\n/area \n/sig \n");
    assert_eq!(ids(&t), ["triage/area", "triage/sig"]);
    assert_eq!(
        rendered(&t, "fields: {triage/area: rendering}"),
        "## Triage\n\n/kind bug\n/area rendering\n/sig \n"
    );
}
