//! A Gitea `validations.regex` that does not compile: `check` lists it with the file's
//! other problems, at the value's line and column, in the regex crate's short words
//! (before: at the element's start, its multi-line message flattened, and not at all
//! when another problem stopped the reader). Opening such a form still works (the rule
//! is dropped), and a form refused for another reason still names file, line, column.

// Test helpers unwrap: a failure there is a failing test.
#![allow(clippy::unwrap_used)]

mod support;
use support::{bin, write};

const FORM: &str = "name: G\nabout: x\nbody:\n- type: input\n  id: v\n  attributes:\n    label: Version\n  validations:\n    regex: \"[a-\"\n";
const PATH: &str = ".gitea/ISSUE_TEMPLATE/g.yml";

/// Runs `issue-composer ARGS` in a folder holding `text` at [`PATH`]: exit code,
/// standard output, standard error.
fn run(text: &str, args: &[&str]) -> (Option<i32>, String, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join(".gitea/ISSUE_TEMPLATE")).unwrap();
    write(dir.path(), PATH, text);
    let out = bin()
        .current_dir(dir.path())
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn an_invalid_regex_alone_is_placed_at_its_value() {
    let (code, out, err) = run(FORM, &["check", PATH]);
    assert_eq!(
        out,
        ".gitea/ISSUE_TEMPLATE/g.yml:9:12: error: `validations.regex` is not a valid pattern: unclosed character class\n\
         .gitea/ISSUE_TEMPLATE/g.yml: 1 section, 1 field\n",
        "{err}"
    );
    assert_eq!(code, Some(1));
}

#[test]
fn an_invalid_regex_is_listed_with_a_repeated_id() {
    let text = format!("{FORM}- type: input\n  id: v\n  attributes:\n    label: Other\n");
    let (code, out, err) = run(&text, &["check", PATH]);
    assert_eq!(
        out,
        ".gitea/ISSUE_TEMPLATE/g.yml:9:12: error: `validations.regex` is not a valid pattern: unclosed character class\n\
         .gitea/ISSUE_TEMPLATE/g.yml:11:7: error: id `v` is already used by the element on line 5; ids must be unique\n\
         .gitea/ISSUE_TEMPLATE/g.yml: 2 sections, 2 fields\n",
        "{err}"
    );
    assert_eq!(code, Some(1));
}

/// The reader stops at the element without a label; the rules go on and find the
/// pattern (before, it was not reported).
#[test]
fn an_invalid_regex_is_listed_in_a_form_the_reader_refuses() {
    let text = format!("{FORM}- type: input\n  id: w\n  attributes:\n    description: d\n");
    let (code, out, err) = run(&text, &["check", PATH]);
    assert_eq!(
        out,
        ".gitea/ISSUE_TEMPLATE/g.yml:9:12: error: `validations.regex` is not a valid pattern: unclosed character class\n\
         .gitea/ISSUE_TEMPLATE/g.yml:13:5: error: an `input` element needs `attributes.label`\n",
        "{err}"
    );
    assert_eq!(code, Some(1));
    // Opening it is refused with file, line and column, as before.
    let (code, out, err) = run(&text, &["render", PATH, "--allow-incomplete"]);
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (
            Some(1),
            "",
            "issue-composer: .gitea/ISSUE_TEMPLATE/g.yml:10:3: an `input` element needs `attributes.label`\n"
        )
    );
}

/// The form still opens: the pattern that does not compile is no rule, so it never
/// blocks an answer.
#[test]
fn a_form_with_an_invalid_regex_still_renders() {
    let (code, out, err) = run(FORM, &["render", PATH, "--allow-incomplete"]);
    assert_eq!(
        (code, out.as_str()),
        (Some(0), "### Version\n\n_No response_"),
        "{err}"
    );
}

/// A pattern over several lines: the regex crate draws it between rulers; the short
/// description is still one line.
#[test]
fn a_multi_line_pattern_gets_the_short_description() {
    let text = "name: G\nabout: x\nbody:\n- type: input\n  attributes:\n    label: V\n  validations:\n    regex: \"a\\n(b\"\n";
    let (code, out, err) = run(text, &["check", PATH]);
    assert_eq!(
        out,
        ".gitea/ISSUE_TEMPLATE/g.yml:8:12: error: `validations.regex` is not a valid pattern: unclosed group\n\
         .gitea/ISSUE_TEMPLATE/g.yml: 1 section, 1 field\n",
        "{err}"
    );
    assert_eq!(code, Some(1));
}
