//! Hostile templates and arguments: deep nesting, escape sequences in names, odd file
//! types. Each test reproduces a finding of the adversarial sweep (issue 7) and fails on
//! the code before its fix.

// Test helpers unwrap: a failure there is a failing test.
#![allow(clippy::unwrap_used)]

mod support;
use support::{bin, write};

use std::fs;
use std::path::Path;

use proptest::prelude::*;

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
                    "issue-composer: {path}:2:{col}: nesting deeper than 64 lists or block quotes, the limit (raise it with ISSUE_COMPOSER_MAX_NESTING=N)\n"
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
            "{deep}:2:65: error: nesting deeper than 64 lists or block quotes, the limit (raise it with ISSUE_COMPOSER_MAX_NESTING=N)\n\
             {good}: 1 section, 1 field\n"
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
    #![proptest_config(ProptestConfig::with_cases(cases(64)))]
    #[test]
    fn any_nesting_reads_or_is_refused(text in nesting()) {
        match issue_composer::parse("t.md", text.as_bytes()) {
            Ok(template) => {
                let answers = issue_composer::Answers::new(&template.form);
                let _ = issue_composer::render(&template, &answers);
                let _ = issue_composer::form::schema::to_json(&template.form);
            }
            Err(err) => {
                prop_assert_eq!(err.line, 2);
                prop_assert_eq!(err.message, "nesting deeper than 64 lists or block quotes, the limit (raise it with ISSUE_COMPOSER_MAX_NESTING=N)");
            }
        }
    }
}

const OSC52: &str = "\u{1b}]52;c;aGVsbG8=\u{7}";
const OSC52_SHOWN: &str = "\\e]52;c;aGVsbG8=\\x07";

/// No escape (ESC, C1 CSI, BEL) reaches the terminal in what the process printed.
fn assert_no_raw_escapes(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    assert!(
        !text.contains(['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}']),
        "{what} holds a raw control: {text:?}"
    );
}

#[test]
fn check_shows_escape_sequences_in_file_names_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let name = format!("bug{OSC52}\u{1b}]0;owned\u{7}.md");
    let path = write(dir.path(), &name, "## What happened?\n\n");
    let out = bin().args(["check", &path]).output().unwrap();
    assert!(out.status.success());
    assert_no_raw_escapes("stdout", &out.stdout);
    let shown = format!(
        "{}/bug{OSC52_SHOWN}\\e]0;owned\\x07.md: 1 section, 1 field\n",
        dir.path().display()
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), shown);
}

#[test]
fn errors_show_outside_arguments_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let template = write(dir.path(), "t.md", "## What happened?\n\n");
    let missing = dir.path().join(format!("answers{OSC52}.yaml"));
    let cases: Vec<(Vec<String>, String)> = vec![
        (
            vec!["schema".into(), format!("nope{OSC52}")],
            format!("no template file or built-in template named `nope{OSC52_SHOWN}`"),
        ),
        (
            vec![
                "render".into(),
                template.clone(),
                "--answers".into(),
                missing.to_str().unwrap().into(),
            ],
            format!("answers{OSC52_SHOWN}.yaml"),
        ),
        (
            vec![
                "render".into(),
                template.clone(),
                "--set".into(),
                "field\u{1b}]0;t\u{7}=x".into(),
            ],
            "unknown field `field\\e]0;t\\x07`".into(),
        ),
    ];
    for (args, shown) in cases {
        let out = bin().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert_no_raw_escapes("stderr", &out.stderr);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(&shown), "{args:?}: {stderr}");
    }
}

#[test]
fn the_printed_gh_command_quotes_controls_visibly() {
    let dir = tempfile::tempdir().unwrap();
    let template = write(dir.path(), "t.md", "## What happened?\n\n");
    let output = dir.path().join("issue\u{1b}[2J.md");
    let out = bin()
        .args(["render", &template, "--set", "title=Crash", "-o"])
        .arg(&output)
        .args(["-R", "o/r"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_no_raw_escapes("stdout", &out.stdout);
    assert_no_raw_escapes("stderr", &out.stderr);
    let command = String::from_utf8(out.stdout).unwrap();
    assert!(command.contains("/issue\\e[2J.md' --repo o/r"), "{command}");
    // A repository with controls is no name: the command line refuses it (4f88858),
    // without letting them through.
    let out = bin()
        .args(["render", &template, "--set", "title=Crash", "-o"])
        .arg(&output)
        .args(["-R", &format!("o/r{OSC52}")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_no_raw_escapes("stderr", &out.stderr);
}

#[test]
fn a_failing_gh_is_relayed_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let bin_dir = dir.path().join("bin");
    fs::create_dir(&bin_dir).unwrap();
    let gh = bin_dir.join("gh");
    fs::write(
        &gh,
        "#!/bin/sh\nprintf 'denied \\033]52;c;aGVsbG8=\\007 \\342\\200\\256evil\\n' >&2\nexit 1\n",
    )
    .unwrap();
    std::process::Command::new("chmod")
        .args(["+x", gh.to_str().unwrap()])
        .status()
        .unwrap();
    let template = write(dir.path(), "t.md", "## What happened?\n\n");
    let out = bin()
        .env("PATH", format!("{}:/usr/bin:/bin", bin_dir.display()))
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .args(["render", &template, "--set", "title=Crash", "--gh"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_no_raw_escapes("stderr", &out.stderr);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("denied {OSC52_SHOWN} \\u{{202e}}evil")),
        "{stderr}"
    );
}

#[test]
fn bidi_marks_and_separators_are_removed_from_templates() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "t.md",
        "## What\u{200f} happened\u{2028}?\n\n**Version\u{061c}:** [e.g. 1.2]\n",
    );
    let out = bin().args(["check", &path]).output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!(
            "{path}:1:8: warning: bidirectional control character `\\u{{200f}}` removed\n\
             {path}:1:18: warning: line or paragraph separator `\\u{{2028}}` removed\n\
             {path}:3:10: warning: bidirectional control character `\\u{{061c}}` removed\n\
             {path}: 1 section, 1 field\n"
        )
    );
    let schema = bin().args(["schema", &path]).output().unwrap();
    let schema = String::from_utf8(schema.stdout).unwrap();
    assert!(schema.contains("\"What happened?\""), "{schema}");
    assert!(
        !schema.contains(['\u{200f}', '\u{2028}', '\u{061c}']),
        "{schema}"
    );
}

#[test]
fn a_fifo_or_device_as_template_is_refused_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("t.md");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let fifo = fifo.to_str().unwrap();
    for (path, kind) in [(fifo, "FIFO"), ("/dev/null", "character device")] {
        let out = bin()
            .args(["schema", path])
            .timeout(std::time::Duration::from_secs(20))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{path}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            format!("issue-composer: {path} is a {kind}, not a regular file\n")
        );
    }
}

#[test]
fn answers_with_a_key_given_twice_are_refused_with_key_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let template = write(dir.path(), "t.md", "## What happened?\n\n## Version\n\n");
    for (name, text, place) in [
        ("a.yaml", "fields:\n  version: '1'\n  version: '2'\n", "3:3"),
        (
            "a.json",
            "{\"fields\": {\"version\": \"1\",\n \"version\": \"2\"}}",
            "2:16",
        ),
    ] {
        let answers = write(dir.path(), name, text);
        let out = bin()
            .args(["render", &template, "--answers", &answers])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{name}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            format!("issue-composer: {answers}:{place}: `version` is given twice\n")
        );
    }
}

#[test]
fn errors_quote_long_numbers_shortly_and_causes_once() {
    let dir = tempfile::tempdir().unwrap();
    let digits = "9".repeat(5000);
    let template = write(
        dir.path(),
        "t.md",
        &format!("---\nname: {digits}\n---\n## What happened?\n"),
    );
    let out = bin().args(["schema", &template]).output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "issue-composer: {template}:2:7: the number `{}… (4960 more characters)` is too large\n",
            &digits[..40]
        )
    );
    let data = dir.path().join("data");
    fs::create_dir_all(data.join("issue-composer")).unwrap();
    fs::write(data.join("issue-composer/last-issue.json"), b"\xff\xfe").unwrap();
    let out = bin()
        .env("XDG_DATA_HOME", &data)
        .args(["retry"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr,
        format!(
            "issue-composer: cannot read {}: not UTF-8 text\n",
            data.join("issue-composer/last-issue.json").display()
        )
    );
}

#[test]
fn check_refuses_duplicate_ids_in_an_issue_form() {
    let dir = tempfile::tempdir().unwrap();
    let form = write(
        dir.path(),
        "bug.yml",
        "name: Bug\ndescription: A bug\nbody:\n  - type: input\n    id: version\n    attributes:\n      label: Version\n  - type: textarea\n    id: version\n    attributes:\n      label: Logs\n",
    );
    let out = bin().args(["check", &form]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!(
            "{form}:9:9: error: id `version` is already used by the element on line 5; ids must be unique\n\
             {form}: 2 sections, 2 fields\n"
        )
    );
}

fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(made.success());
}

#[test]
fn a_fifo_as_the_saved_issue_is_refused_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("issue-composer");
    fs::create_dir_all(&folder).unwrap();
    mkfifo(&folder.join("last-issue.json"));
    let out = bin()
        .env("XDG_DATA_HOME", dir.path())
        .args(["retry"])
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "issue-composer: cannot read {}/last-issue.json: it is a FIFO, not a regular file\n",
            folder.display()
        )
    );
}

#[test]
fn a_symlink_loop_as_template_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("loop.md");
    std::os::unix::fs::symlink(&link, &link).unwrap();
    let link = link.to_str().unwrap();
    let out = bin().args(["schema", link]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "issue-composer: cannot open {link}: too many levels of symbolic links (a link loop)\n"
        )
    );
}

#[test]
fn usage_errors_show_arguments_escaped() {
    let out = bin()
        .args([
            "render",
            "bug-report",
            "--gh-timeout",
            "1\u{1b}]0;PWNED\u{7}\u{202e}",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_no_raw_escapes("stderr", &out.stderr);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("error: invalid value '1\\u{202e}' for '--gh-timeout <SECS>'"),
        "{stderr}"
    );
}

#[test]
fn one_field_answered_twice_by_id_and_label_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let template = write(dir.path(), "t.md", "## Summary\n\n");
    let answers = write(
        dir.path(),
        "a.yaml",
        "fields:\n  summary: x\n  Summary: y\n",
    );
    let out = bin()
        .args(["render", &template, "--answers", &answers])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "issue-composer: {answers}:3:3: `summary` and `Summary` both answer the field `summary`; give one\n"
        )
    );
}

#[test]
fn a_huge_value_is_quoted_shortly_in_errors() {
    let digits = "9".repeat(5000);
    let out = bin()
        .args([
            "render",
            "bug-report",
            "--set",
            &format!("severity={digits}"),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.len() < 400, "{stderr}");
    assert!(stderr.contains("… (4960 more characters)"), "{stderr}");
}

/// A template without a name is named after its file: all of the file name (a backslash
/// is part of a Unix name), escaped like any outside text.
#[test]
fn a_name_taken_from_the_file_name_is_whole_and_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "back\\slash\u{202e}\u{1b}]0;T\u{7}.md",
        "## What?\n",
    );
    let out = bin().args(["schema", &path]).output().unwrap();
    assert!(out.status.success());
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(schema["name"], "back\\slash\\u{202e}\\e]0;T\\x07");
}

/// Found by the markdown fuzzer (this session's faster checkbox rule): a lazy line after
/// an `Other: __` option whose blank was on that next line sliced a range backwards
/// and panicked. The blank is looked for on the option's own line; the template's text
/// renders as written (it used to repeat `[X] nme:`).
#[test]
fn a_blank_on_the_line_after_an_option_is_not_the_options_blank() {
    let dir = tempfile::tempdir().unwrap();
    let text = "- [ ] A\n- [ ] Other: __m-: Bug&#-er\n[X] nme:_________\n";
    let path = write(dir.path(), "fuzz.md", text);
    let out = bin()
        .args(["render", &path, "--allow-incomplete"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8(out.stdout).unwrap(), text);
}
