//! Plain mode end to end: answers piped into the real binary, the issue compared byte
//! for byte with `render` given the same answers; early end of input; re-asking.

// Test helpers unwrap: a failure there is a failing test.
#![allow(clippy::unwrap_used)]

use std::fmt::Write as _;
use std::path::Path;

use assert_cmd::Command;
use issue_composer::form::{AnswersFile, FieldKind, Selection, Value};
use issue_composer::{Answers, Form};

fn bin(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("issue-composer").unwrap();
    cmd.current_dir(home)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("NO_COLOR", "1");
    cmd
}

/// Typed lines for every field of `form` (after the title), and the same answers.
fn typed(form: &Form) -> (String, Answers) {
    let mut answers = Answers::new(form);
    answers.title = format!("{}Plain title", form.meta.title);
    let mut input = String::from("Plain title\n");
    for (i, field) in form.fields.iter().enumerate() {
        let value = &mut answers.values[i];
        match &field.kind {
            FieldKind::Text => {
                writeln!(input, "t{i}").unwrap();
                *value = Value::Text(format!("t{i}"));
            }
            FieldKind::TextArea | FieldKind::Code { .. } => {
                write!(input, "a{i}\n  b{i}\n.\n").unwrap();
                *value = Value::Text(format!("a{i}\n  b{i}"));
            }
            FieldKind::List => {
                write!(input, "x{i}\ny{i}\n.\n").unwrap();
                *value = Value::List(vec![format!("x{i}"), format!("y{i}")]);
            }
            FieldKind::Choice { options, custom } => {
                let mut sel = Selection::empty(options.len());
                if custom.is_some() {
                    writeln!(input, "described {i}").unwrap();
                    sel.custom = format!("described {i}");
                } else {
                    input.push_str("1\n");
                    sel.checked[0] = true;
                }
                *value = Value::Select(Box::new(sel));
            }
            FieldKind::MultiChoice { options } | FieldKind::Checkboxes { options } => {
                let mut sel = Selection::empty(options.len());
                let mut numbers = Vec::new();
                let mut blanks = String::new();
                // Every option; one that takes text (`Other: ___`) is asked for it next.
                for (n, o) in options.iter().enumerate() {
                    sel.checked[n] = true;
                    numbers.push((n + 1).to_string());
                    if o.blank {
                        sel.blanks[n] = format!("other {i}-{n}");
                        writeln!(blanks, "{}", sel.blanks[n]).unwrap();
                    }
                }
                input.push_str(&numbers.join(", "));
                input.push('\n');
                input.push_str(&blanks);
                *value = Value::Select(Box::new(sel));
            }
            FieldKind::Table(table) => {
                let Value::Table(cells) = value else { panic!() };
                for (r, row) in cells.iter_mut().enumerate() {
                    for (c, cell) in row.iter_mut().enumerate() {
                        *cell = format!("c{i}-{r}-{c}");
                        writeln!(input, "{cell}").unwrap();
                    }
                }
                let _ = table.rows();
            }
        }
    }
    (input, answers)
}

/// Runs plain mode on `template` with `input`, which must end with `status`; returns
/// stdout and stderr.
fn plain_ending(
    home: &Path,
    template: &str,
    input: &str,
    extra: &[&str],
    status: i32,
) -> (String, String) {
    let out = bin(home)
        .arg(template)
        .args(extra)
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(status),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// [`plain_ending`] with success.
fn plain(home: &Path, template: &str, input: &str, extra: &[&str]) -> (String, String) {
    plain_ending(home, template, input, extra, 0)
}

fn render(home: &Path, template: &str, form: &Form, answers: &Answers, extra: &[&str]) -> String {
    let yaml = AnswersFile::from_answers(form, answers).to_yaml().unwrap();
    let file = home.join("answers.yaml");
    std::fs::write(&file, yaml).unwrap();
    let out = bin(home)
        .args(["render", template, "--answers", file.to_str().unwrap()])
        .args(extra)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn load(name: &str) -> Form {
    let source = issue_composer::discover::resolve(name).unwrap();
    issue_composer::discover::load(&source).unwrap().form
}

const ISSUE_FORM: &str = r#"name: Crash report
description: Something crashed
title: "[crash]: "
labels: [crash]
body:
  - type: markdown
    attributes:
      value: Thanks for reporting.
  - type: input
    id: version
    attributes:
      label: Version
    validations:
      required: true
  - type: textarea
    id: log
    attributes:
      label: Log
      render: shell
  - type: dropdown
    id: os
    attributes:
      label: OS
      options: [Linux, macOS, Windows]
  - type: dropdown
    id: browsers
    attributes:
      label: Browsers
      multiple: true
      options: [Firefox, Chrome, Safari]
  - type: checkboxes
    id: terms
    attributes:
      label: Terms
      options:
        - label: I searched the issues
          required: true
        - label: I can help
"#;

#[test]
fn piped_answers_give_what_render_gives_for_the_seed_templates() {
    let home = tempfile::tempdir().unwrap();
    for name in [
        "performance",
        "go-performance",
        "feature-request",
        "bug-report",
    ] {
        let form = load(name);
        let (input, answers) = typed(&form);
        let (body, stderr) = plain(home.path(), name, &input, &[]);
        assert_eq!(
            body,
            render(home.path(), name, &form, &answers, &[]),
            "{name}"
        );
        // The review, then the title the printed body leaves out.
        let (review, title) = stderr
            .trim_end()
            .rsplit_once('\n')
            .unwrap_or_else(|| panic!("{stderr}"));
        assert!(
            review.ends_with("\nReview: every answer is complete."),
            "{stderr}"
        );
        assert_eq!(
            title,
            format!("issue-composer: title: {}", answers.title),
            "{name}"
        );
        // A placeholder that says "e.g." itself is not prefixed again.
        assert!(!stderr.to_lowercase().contains("e.g. e.g"), "{stderr}");
        if name.contains("performance") {
            assert!(stderr.starts_with("Title: [PERF] "), "{stderr}");
            assert!(body.contains(" t2\n"), "{body}");
        }
        if name == "performance" {
            // Guidance is not offered as an example answer.
            assert!(
                stderr.contains("\n  Describe the performance problem\n"),
                "{stderr}"
            );
            assert!(!stderr.contains("e.g. Describe"), "{stderr}");
        }
    }
}

/// A ticked `Other: ___` asks for its text on the next line, and the text is written
/// where the blank was.
#[test]
fn a_ticked_other_asks_for_its_text() {
    let home = tempfile::tempdir().unwrap();
    let input = "T\n.\n.\n.\n\n\n.\n1 3\nthe docs site\n1\n";
    let (body, stderr) = plain(home.path(), "feature-request", input, &[]);
    assert!(
        stderr.contains("  3) Other: ___\n  Other: \n== Priority =="),
        "{stderr}"
    );
    assert!(
        body.contains(
            "- [x] Documented in the README\n- [ ] Covered by tests\n- [x] Other: the docs site\n"
        ),
        "{body}"
    );
}

#[test]
fn piped_answers_give_what_render_gives_for_an_issue_form_with_labels_added() {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join("crash.yml");
    std::fs::write(&path, ISSUE_FORM).unwrap();
    let template = path.to_str().unwrap();
    let form = issue_composer::parse(template, ISSUE_FORM.as_bytes())
        .unwrap()
        .form;
    let (input, answers) = typed(&form);
    let extra = [
        "--label",
        "triage",
        "--assignee",
        "me",
        "--forms-format",
        "legacy",
    ];
    let (body, stderr) = plain(
        home.path(),
        template,
        &input,
        &["--label", "triage", "--assignee", "me", "-o", "out.md"],
    );
    // The body is in the file; the gh command with the labels on standard output.
    assert!(
        body.contains("--label crash --label triage --assignee me"),
        "{body}"
    );
    let written = std::fs::read_to_string(home.path().join("out.md")).unwrap();
    let rendered = render(home.path(), template, &form, &answers, &extra[..4]);
    assert_eq!(written, rendered);
    assert!(
        stderr.contains("  1) Linux\n  2) macOS\n  3) Windows\n"),
        "{stderr}"
    );
    assert!(rendered.contains("### OS\n\nLinux"), "{rendered}");
    let legacy = render(home.path(), template, &form, &answers, &extra);
    assert_ne!(legacy, rendered);
}

#[test]
fn the_end_of_input_leaves_the_rest_empty() {
    let home = tempfile::tempdir().unwrap();
    let form = load("performance");
    let (body, stderr) = plain(home.path(), "performance", "Cut short\nFirst line\n", &[]);
    let mut answers = Answers::new(&form);
    answers.title = "[PERF] Cut short".to_owned();
    answers.values[0] = Value::Text("First line".to_owned());
    let expected = render(
        home.path(),
        "performance",
        &form,
        &answers,
        &["--allow-incomplete"],
    );
    assert_eq!(body, expected);
    assert!(stderr.contains("Review:"), "{stderr}");
    // Nothing at all: the template as it is.
    let (body, _) = plain(home.path(), "performance", "", &[]);
    let empty = render(
        home.path(),
        "performance",
        &form,
        &Answers::new(&form),
        &["--allow-incomplete"],
    );
    assert_eq!(body, empty);
}

#[test]
fn answers_that_fail_are_asked_again_then_left_empty_and_reviewed() {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join("crash.yml");
    std::fs::write(&path, ISSUE_FORM).unwrap();
    let template = path.to_str().unwrap();
    // Version: empty four times; log: nothing; OS: 9 then 2; browsers: none; terms: 2, then 1 2.
    let input = "T\n\n\n\n\n.\n9\n2\n\n2\n1 2\n";
    // The body is printed, and the status says the review listed problems.
    let (body, stderr) = plain_ending(home.path(), template, input, &["--plain"], 1);
    assert!(body.contains("### OS\n\nmacOS"), "{body}");
    assert!(
        body.contains("- [x] I searched the issues\n- [x] I can help"),
        "{body}"
    );
    assert_eq!(
        stderr.matches("  Not accepted: is required\n").count(),
        4,
        "{stderr}"
    );
    assert!(
        stderr.contains("  Not accepted: `9` is not a number from 1 to 3\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("  Not accepted: `I searched the issues` must be ticked\n"),
        "{stderr}"
    );
    assert!(
        stderr.ends_with(
            "\nReview:\n  Version: left empty after 4 tries (is required)\nissue-composer: title: [crash]: T\n"
        ),
        "{stderr}"
    );
}

#[test]
fn without_a_template_the_chooser_is_numbered_and_the_blank_issue_can_be_picked() {
    let home = tempfile::tempdir().unwrap();
    let out = bin(home.path())
        .write_stdin("9\n5\nMy title\nFirst\n\nSecond\n.\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "First\n\nSecond\n");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with("Templates:\n  1) Performance Optimization (performance) (built-in): "),
        "{stderr}"
    );
    assert!(
        stderr.contains("\n  5) Blank issue\nTemplate number:   Not a number from 1 to 5.\n"),
        "{stderr}"
    );
    // Nothing chosen: an error, not a hang.
    let out = bin(home.path()).write_stdin("").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .ends_with("issue-composer: no template chosen\n")
    );
}

/// Plain mode's chooser: a contact link that is not an http(s) link and a template that
/// links out of the repository are listed as refused, never numbered or printed as a
/// link.
#[cfg(unix)]
#[test]
fn the_plain_chooser_lists_refused_links_and_templates_unnumbered() {
    let home = tempfile::tempdir().unwrap();
    let secret = home.path().join("secret.md");
    std::fs::write(&secret, "---\nname: Secret\nabout: x\n---\n\n## Token\n").unwrap();
    let folder = home.path().join("repo/.github/ISSUE_TEMPLATE");
    std::fs::create_dir_all(home.path().join("repo/.git")).unwrap();
    std::fs::create_dir_all(&folder).unwrap();
    std::os::unix::fs::symlink(&secret, folder.join("bug.md")).unwrap();
    std::fs::write(
        folder.join("config.yml"),
        "contact_links:\n  - name: Evil\n    url: --new-window=file:///etc/passwd\n    about: Click\n",
    )
    .unwrap();
    let out = bin(home.path())
        .current_dir(home.path().join("repo"))
        .write_stdin("")
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines[1],
        format!(
            "  refused: bug (repo): {} is a symbolic link to a file outside the repository",
            folder.join("bug.md").display()
        )
    );
    assert_eq!(
        lines[2],
        "  1) Performance Optimization (performance) (built-in): Request performance analysis and optimization"
    );
    assert!(
        stderr.contains(
            "\n  link: Evil (refused: not opened: only http(s) links are (url: --new-window=file:///etc/passwd))\n  5) Blank issue\n"
        ),
        "{stderr}"
    );
}

/// A title longer than GitHub takes (256 characters) with `--gh`: the review names it,
/// gh is not run, and the body is printed instead (the title said on standard error),
/// so nothing typed is lost.
#[test]
fn a_title_too_long_for_github_is_named_in_the_review_and_not_sent() {
    let home = tempfile::tempdir().unwrap();
    let input = format!("{}\n", "x".repeat(300));
    let (stdout, stderr) = plain_ending(
        home.path(),
        "performance",
        &input,
        &["--gh", "-R", "o/r"],
        1,
    );
    let why = "307 characters long, and GitHub takes at most 256";
    assert!(
        stderr.contains(&format!("\nReview:\n  Title: {why}\n")),
        "{stderr}"
    );
    assert!(
        stderr.ends_with(&format!("issue-composer: not sent: the title is {why}\n")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "issue-composer: title: [PERF] {}\n",
            "x".repeat(300)
        )),
        "{stderr}"
    );
    assert!(stdout.starts_with("## Performance Issue"), "{stdout}");
}

/// A title and a body both too long for GitHub with `--gh`: the review names both, and
/// so does the reason it is not sent, so shortening one is not followed by a refusal of
/// the other.
#[test]
fn a_title_and_a_body_too_long_for_github_are_both_named() {
    let home = tempfile::tempdir().unwrap();
    let input = format!("{}\n{}\n", "x".repeat(300), "y".repeat(70_000));
    let (_, stderr) = plain_ending(
        home.path(),
        "performance",
        &input,
        &["--gh", "-R", "o/r"],
        1,
    );
    let title = "307 characters long, and GitHub takes at most 256";
    let Some(at) = stderr.find(&format!("\nReview:\n  Title: {title}\n  Body: ")) else {
        panic!("{stderr}")
    };
    let body = stderr[at..]
        .lines()
        .nth(3)
        .and_then(|l| l.strip_prefix("  Body: "))
        .unwrap_or_else(|| panic!("{stderr}"));
    assert!(
        body.ends_with(" characters long, and GitHub takes at most 65,536"),
        "{body}"
    );
    assert!(
        stderr.ends_with(&format!(
            "issue-composer: not sent: the title is {title}, and the body {body}\n"
        )),
        "{stderr}"
    );
}

/// A body glab cannot take as one argument (143,373 bytes) in a GitLab template with
/// `--glab`: plain mode's review names it as the TUI's does (in bytes, with GitLab, glab
/// and the limit), glab is not run, and the body is saved to shorten. The same
/// body in four-byte characters is 40,013 characters, which GitHub takes: with `--gh`
/// the review has nothing to say of it and gh sends it.
#[test]
fn a_body_too_long_for_glab_is_named_in_the_review() {
    let home = tempfile::tempdir().unwrap();
    let folder = home.path().join(".gitlab/issue_templates");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("Bug.md"),
        "## Summary\n\n<!-- What happened? -->\n",
    )
    .unwrap();
    // Stand-ins that leave a mark when they run.
    let tools = home.path().join("bin");
    std::fs::create_dir(&tools).unwrap();
    for tool in ["gh", "glab"] {
        let path = tools.join(tool);
        let script = format!(
            "#!/bin/sh\ntouch \"$HOME/{tool}-ran\"\necho https://example.test/o/r/issues/7\n"
        );
        std::fs::write(&path, script).unwrap();
        let mode = std::os::unix::fs::PermissionsExt::from_mode(0o755);
        std::fs::set_permissions(&path, mode).unwrap();
    }
    let run = |answer: &str, flag: &str| {
        let out = bin(home.path())
            .env("PATH", format!("{}:/usr/bin:/bin", tools.display()))
            .args([".gitlab/issue_templates/Bug.md", flag, "-R", "o/r"])
            .write_stdin(format!("A title\n{answer}\n.\n"))
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    let (code, _, stderr) = run(&"x".repeat(140 * 1024), "--glab");
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains(
            "\nReview:\n  Body: 143,373 bytes long, and GitLab's glab takes at most 131,071 bytes\n"
        ),
        "{stderr}"
    );
    assert!(!home.path().join("glab-ran").exists(), "glab is not run");
    // Over GitHub's 65,536 characters too, so not kept for a retry with gh that would
    // fail: saved to shorten.
    let saved = stderr
        .split_once("issue-composer: the body is too long to pass to glab (143,373 bytes; at most 131,071 fit in an argument)\nThe body is saved in ")
        .and_then(|(_, rest)| rest.strip_suffix(" (its title: A title).\n"))
        .unwrap_or_else(|| panic!("{stderr}"));
    assert_eq!(std::fs::read(saved).unwrap().len(), 143_373);
    let (code, stdout, stderr) = run(&"😀".repeat(40_000), "--gh");
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("\nReview: every answer is complete.\n"),
        "{stderr}"
    );
    assert!(home.path().join("gh-ran").exists(), "gh is run");
    assert_eq!(stdout, "https://example.test/o/r/issues/7\n");
}

/// No title given in plain mode with `-o`: the file is written, and instead of a gh
/// command titled `[PERF]` the title is said to be blank, as `--gh` says it.
#[test]
fn a_blank_title_with_a_file_prints_no_gh_command() {
    let home = tempfile::tempdir().unwrap();
    let (stdout, stderr) = plain(home.path(), "performance", "\n", &["-o", "out.md"]);
    assert_eq!(stdout, "");
    assert!(
        stderr.ends_with(
            "issue-composer: wrote out.md; the title is only the template's prefix `[PERF]`: answer it to get the gh command that creates the issue\n"
        ),
        "{stderr}"
    );
    assert!(home.path().join("out.md").is_file());
}

/// A field made required by its `(required)` is named as the form names it, the word
/// once, as `*`: the heading of a section named by its field (`== Summary * ==`, it
/// said `== Summary (required) * ==`) and a field's prompt (`Version *`). The issue keeps
/// the template's words.
#[test]
fn plain_mode_says_required_once() {
    let home = tempfile::tempdir().unwrap();
    let template = home.path().join("bug.md");
    std::fs::write(
        &template,
        "---\nname: Bug\nabout: b\n---\n\n## Summary (required)\n\n<!-- what -->\n\n## Details\n\n- Version (Required): \n- OS: \n",
    )
    .unwrap();
    let (body, stderr) = plain(
        home.path(),
        template.to_str().unwrap(),
        "T\nsum\n.\n1.0\n\n",
        &["--plain", "--print"],
    );
    let asked = stderr.split("\nReview:").next().unwrap();
    assert!(asked.contains("== Summary * ==\n"), "{stderr}");
    assert!(asked.contains("\nVersion * (one line;"), "{stderr}");
    assert!(!asked.to_lowercase().contains("(required)"), "{stderr}");
    assert!(body.contains("## Summary (required)\n\nsum\n"), "{body}");
    assert!(body.contains("- Version (Required): 1.0\n"), "{body}");
}

/// What the form shows, plain mode shows before the first answer: the form's markdown
/// introduction, a box that must be ticked marked `*`, what a prefilled field holds (so
/// `.` keeping it keeps something seen), and a placeholder's own `ex.` not prefixed again.
/// Each field is named by its section's heading (`== Contact Details ==`), so its
/// prompt gives the hint alone (it said `Contact Details (one line; ...)` again).
#[test]
fn plain_mode_shows_the_intro_required_boxes_prefills_and_placeholders_once() {
    let home = tempfile::tempdir().unwrap();
    let template = home.path().join("bug.yml");
    std::fs::write(
        &template,
        r"name: Bug
description: d
body:
  - type: markdown
    attributes:
      value: Thanks for taking the time to fill out this bug report!
  - type: input
    id: contact
    attributes:
      label: Contact Details
      placeholder: ex. email@example.com
  - type: textarea
    id: what
    attributes:
      label: What happened?
      value: A bug happened!
  - type: checkboxes
    id: terms
    attributes:
      label: Code of Conduct
      options:
        - label: I agree to follow this project's Code of Conduct
          required: true
  - type: markdown
    attributes:
      value: We read every report.
",
    )
    .unwrap();
    let (body, stderr) = plain(
        home.path(),
        template.to_str().unwrap(),
        "T\n\n.\n1\n",
        &["--plain", "--print"],
    );
    assert_eq!(
        stderr.split("\nReview:").next().unwrap(),
        "  Thanks for taking the time to fill out this bug report!\n\
         Title: \n\
         == Contact Details ==\n\
         (one line; empty keeps it as it is)\n  ex. email@example.com\n\
         \n== What happened? ==\n\
         (lines, then a line holding a single `.`; `.` alone keeps it as it is)\n\
         \x20 now:\n  | A bug happened!\n\
         \n== Code of Conduct ==\n\
         (numbers separated by commas or spaces; empty keeps it as it is)\n\
         \x20 1) I agree to follow this project's Code of Conduct *\n\
         \x20 We read every report.\n"
    );
    assert!(body.contains("A bug happened!"), "{body}");
}

#[test]
fn plain_mode_and_render_name_the_fields_still_holding_the_templates_example() {
    let home = tempfile::tempdir().unwrap();
    let note = "5 fields still hold the template's example: Benchmark Results (Baseline), Code Example, Configuration Changes, Benchmarks, References";
    let (_, stderr) = plain(home.path(), "go-performance", "Cut short\n", &[]);
    assert!(
        stderr.contains(&format!("\n  {note} (sent as written)\n")),
        "{stderr}"
    );
    let out = bin(home.path())
        .args(["render", "go-performance", "--set", "title=Faster"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!(
            "issue-composer: note: {note} (sent as written; --set them to replace the examples)\n"
        )
    );
}

/// One field still holding the template's example: `render`'s note speaks of it, not
/// of them.
#[test]
fn the_note_on_one_field_still_holding_the_example_says_it() {
    let home = tempfile::tempdir().unwrap();
    let template = "---\nname: One\n---\n## Part 1\n\n```\nexample 1\n```\n";
    std::fs::write(home.path().join("one.md"), template).unwrap();
    let out = bin(home.path())
        .args(["render", "one.md", "--set", "title=One"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "issue-composer: note: 1 field still holds the template's example: Part 1 (sent as written; --set it to replace the example)\n"
    );
}

/// Many fields still holding the template's example: `render` and plain mode name the
/// first five, then how many more (a large template had 2,741 names on one line).
#[test]
fn the_note_on_fields_still_holding_the_example_names_five_then_counts_the_rest() {
    let home = tempfile::tempdir().unwrap();
    let mut template = String::from("---\nname: Many\n---\n");
    for i in 1..=8 {
        write!(template, "## Part {i}\n\n```\nexample {i}\n```\n\n").unwrap();
    }
    std::fs::write(home.path().join("many.md"), template).unwrap();
    let note = "8 fields still hold the template's example: Part 1, Part 2, Part 3, Part 4, Part 5 … and 3 more";
    let out = bin(home.path())
        .args(["render", "many.md", "--set", "title=Many"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!(
            "issue-composer: note: {note} (sent as written; --set them to replace the examples)\n"
        )
    );
    let (_, stderr) = plain(home.path(), "many.md", "Many\n", &[]);
    assert!(
        stderr.contains(&format!("\n  {note} (sent as written)\n")),
        "{stderr}"
    );
}

/// The same on a template large enough that `render` renders its body on two threads
/// and finds the fields holding examples on the second: the note counts them all, and
/// the body is the one the library renders on one thread.
#[test]
fn a_large_template_renders_on_two_threads_with_the_same_body_and_note() {
    let home = tempfile::tempdir().unwrap();
    let mut template = String::from("---\nname: Many\n---\n");
    for i in 1..=6_000 {
        write!(
            template,
            "## Part {i}\n\nText {i}\n\n```\nexample {i}\n```\n\n"
        )
        .unwrap();
    }
    std::fs::write(home.path().join("many.md"), &template).unwrap();
    let out = bin(home.path())
        .args(["render", "many.md", "--set", "title=Many"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let note = "6000 fields still hold the template's example: Part 1, Part 2, Part 3, Part 4, Part 5 … and 5995 more";
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!(
            "issue-composer: note: {note} (sent as written; --set them to replace the examples)\n"
        )
    );
    let parsed = issue_composer::parse("many.md", template.as_bytes()).unwrap();
    let mut answers = Answers::new(&parsed.form);
    answers.title = "Many".to_owned();
    let body = issue_composer::render(&parsed, &answers).body;
    assert!(body.contains("example 6000"));
    assert!(
        String::from_utf8(out.stdout).unwrap() == body,
        "the body differs"
    );
}

/// A heading and its first field's label that differ only in letter case, a colon or
/// `(required)` name the section once in plain mode, as in the form: the heading
/// carries the field's `*` and the prompt gives the hint alone. The next field keeps its
/// label, and the issue keeps both names as written.
#[test]
fn plain_mode_names_a_section_once_when_its_first_label_repeats_it() {
    let home = tempfile::tempdir().unwrap();
    let template = home.path().join("env.md");
    std::fs::write(
        &template,
        "---\nname: Env\nabout: e\n---\n\n## Version (Required)\n\n- version (required):\n- OS:\n",
    )
    .unwrap();
    let (body, stderr) = plain(
        home.path(),
        template.to_str().unwrap(),
        "T\n1.0\nlinux\n",
        &["--plain", "--print"],
    );
    let asked = stderr.split("\nReview:").next().unwrap();
    assert!(asked.contains("\n== Version * ==\n(one line;"), "{stderr}");
    assert!(asked.contains("\nOS (one line;"), "{stderr}");
    assert!(
        !asked.to_lowercase().contains("version (required)"),
        "{stderr}"
    );
    assert!(
        body.contains("## Version (Required)\n\n- version (required): 1.0\n- OS: linux\n"),
        "{body}"
    );
}
