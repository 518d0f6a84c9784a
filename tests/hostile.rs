//! Hostile templates and arguments: deep nesting, escape sequences in names, odd file
//! types. Each test reproduces a finding of the adversarial sweep (issue 7) and fails on
//! the code before its fix.

// Test helpers unwrap: a failure there is a failing test.
#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use proptest::prelude::*;

fn bin() -> Command {
    let mut cmd = Command::cargo_bin("issue-composer").expect("binary is built");
    cmd.env("NO_COLOR", "1");
    cmd
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

/// The reproductions from the sweep: each overflowed the stack (exit 134) before.
fn deep_templates() -> Vec<(&'static str, String, usize)> {
    vec![
        ("quotes.md", format!("## S\n{} x\n", ">".repeat(9000)), 65),
        (
            "ordered.md",
            format!("## S\n{}\n", "1. ".repeat(12000)),
            193,
        ),
        (
            "quoted-lists.md",
            format!("## S\n{}\n", "> - ".repeat(5000)),
            129,
        ),
    ]
}

#[test]
fn deep_nesting_is_refused_with_its_place_by_schema_and_render() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text, col) in deep_templates() {
        let path = write(dir.path(), name, &text);
        for command in ["schema", "render"] {
            let out = bin().args([command, &path]).output().unwrap();
            assert_eq!(out.status.code(), Some(1), "{command} {name}");
            assert_eq!(
                String::from_utf8_lossy(&out.stderr),
                format!(
                    "issue-composer: {path}:2:{col}: nesting deeper than 64 lists or block quotes\n"
                ),
                "{command} {name}"
            );
        }
    }
}

#[test]
fn check_reports_a_deep_file_and_goes_on_with_the_next() {
    let dir = tempfile::tempdir().unwrap();
    let deep = write(
        dir.path(),
        "deep.md",
        &format!("## S\n{} x\n", ">".repeat(9000)),
    );
    let good = write(dir.path(), "good.md", "## What happened?\n\n");
    let out = bin().args(["check", &deep, &good]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!(
            "{deep}:2:65: error: nesting deeper than 64 lists or block quotes\n\
             {good}: 1 sections, 1 fields\n"
        )
    );
}

#[test]
fn nesting_at_the_limit_still_reads() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "q.md", &format!("## S\n{} x\n", ">".repeat(64)));
    let out = bin().args(["render", &path]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Inline nesting (emphasis, brackets, links) is read without recursion; a template of
/// nothing else, at the size limit, reads.
#[test]
fn deep_inline_nesting_reads() {
    let dir = tempfile::tempdir().unwrap();
    let half = 1024 * 1024 - 16;
    for (name, text) in [
        (
            "emph.md",
            format!("## S\n{}a{}\n", "*".repeat(half), "*".repeat(half)),
        ),
        ("brackets.md", format!("## S\n{}\n", "[".repeat(2 * half))),
        ("links.md", format!("## S\n{}\n", "[a](".repeat(half / 2))),
    ] {
        let path = write(dir.path(), name, &text);
        let out = bin().args(["schema", &path]).output().unwrap();
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// Containers of every kind, nested in any order to any depth, either read or are refused
/// with a located error; parsing runs on a test thread's small stack, in debug builds.
fn nesting() -> impl Strategy<Value = String> {
    let opener = prop_oneof![Just("> "), Just("- "), Just("1. "), Just("* "), Just("+ ")];
    (prop::collection::vec(opener, 1..300), "[a-z ]{0,8}")
        .prop_map(|(open, tail)| format!("## S\n{}{tail}\n", open.concat()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn any_nesting_reads_or_is_refused(text in nesting()) {
        match issue_composer::parse("t.md", text.as_bytes()) {
            Ok(template) => {
                let answers = issue_composer::Answers::new(&template.form);
                let _ = issue_composer::render(&template.form, &answers);
                let _ = issue_composer::form::schema::to_json(&template.form);
            }
            Err(err) => {
                prop_assert_eq!(err.line, 2);
                prop_assert_eq!(err.message, "nesting deeper than 64 lists or block quotes");
            }
        }
    }
}
