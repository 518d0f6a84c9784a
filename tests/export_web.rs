//! `--web`: the prefilled "new issue" link, printed and handed to `$BROWSER` (a recording
//! script here), from the `origin` remote or `-R`.

// Test helpers unwrap: a failure there is a failing test.
#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

const FORM: &str = "name: Bug
description: File a bug
labels: [bug]
body:
  - type: input
    id: version
    attributes: {label: Version}
  - type: dropdown
    id: os
    attributes: {label: OS, options: [Linux, macOS], multiple: true}
  - type: textarea
    attributes: {label: No id}
";

/// A clone with an `origin` remote and the form; `BROWSER` records its argument.
fn world(remote: &str) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    let templates = repo.join(".github/ISSUE_TEMPLATE");
    fs::create_dir_all(&templates).unwrap();
    let git = |args: &[&str]| {
        let ok = std::process::Command::new("git")
            .args(args)
            .current_dir(&repo)
            .output()
            .unwrap();
        assert!(ok.status.success(), "git {args:?}");
    };
    git(&["init", "-q"]);
    git(&["remote", "add", "origin", remote]);
    fs::write(templates.join("bug.yml"), FORM).unwrap();
    fs::write(
        templates.join("plain.md"),
        "---\nname: Plain\nabout: p\n---\n## What?\n\n",
    )
    .unwrap();
    let browser = dir.path().join("browser.sh");
    fs::write(
        &browser,
        format!(
            "#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n",
            dir.path().join("opened").display()
        ),
    )
    .unwrap();
    std::process::Command::new("chmod")
        .args(["+x", browser.to_str().unwrap()])
        .status()
        .unwrap();
    (dir, repo, browser)
}

fn bin(repo: &Path, browser: &Path) -> Command {
    let mut cmd = Command::cargo_bin("issue-composer").unwrap();
    cmd.current_dir(repo)
        .env("BROWSER", browser)
        .env("NO_COLOR", "1");
    cmd
}

#[test]
fn a_form_opens_prefilled_by_field_ids_from_the_origin_remote() {
    let (dir, repo, browser) = world("git@github.com:octo/app.git");
    let out = bin(&repo, &browser)
        .args(["render", ".github/ISSUE_TEMPLATE/bug.yml", "--web"])
        .args(["--set", "title=[BUG] it crashes", "--set", "version=1.2.3"])
        .args(["--set", "os=[Linux, macOS]"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let link = "https://github.com/octo/app/issues/new?template=bug.yml&title=%5BBUG%5D%20it%20crashes&labels=bug&version=1.2.3&os=Linux%2CmacOS";
    assert_eq!(String::from_utf8_lossy(&out.stdout), format!("{link}\n"));
    assert_eq!(fs::read_to_string(dir.path().join("opened")).unwrap(), link);
}

/// An answer to a field without an id cannot go in the link: the page opens, and the
/// answer is not lost: the body is printed, the run fails (a draft would be kept), and
/// the message says both (before, "printed ... instead", as if no page had opened).
#[test]
fn answers_a_link_cannot_carry_are_named_and_the_body_kept() {
    let (dir, repo, browser) = world("git@github.com:octo/app.git");
    let out = bin(&repo, &browser)
        .args(["render", ".github/ISSUE_TEMPLATE/bug.yml", "--web"])
        .args(["--set", "title=T", "--set", "version=1"])
        .args(["--set", "no-id=not in the link"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let link =
        "https://github.com/octo/app/issues/new?template=bug.yml&title=T&labels=bug&version=1";
    assert_eq!(fs::read_to_string(dir.path().join("opened")).unwrap(), link);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        stdout,
        format!(
            "{link}\n### Version\n\n1\n\n### OS\n\n_No response_\n\n### No id\n\nnot in the link"
        )
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "issue-composer: the link cannot carry the answers to No id (GitHub prefills only fields with an id, and no checkboxes): fill them in on the page\nissue-composer: the page opened without them, so this ends with status 1; the whole body is printed on standard output to copy them from\n"
    );
}

#[test]
fn a_markdown_template_carries_its_body_and_gitlab_uses_its_names() {
    let (dir, repo, browser) = world("https://example.com/x/y.git");
    let out = bin(&repo, &browser)
        .args(["render", ".github/ISSUE_TEMPLATE/plain.md", "--web"])
        .args(["--set", "title=T", "--set", "what=It broke"])
        .args(["-R", "gitlab.example.com/group/project"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let link = "https://gitlab.example.com/group/project/-/issues/new?issuable_template=plain&issue%5Btitle%5D=T&issue%5Bdescription%5D=%23%23%20What%3F%0A%0AIt%20broke%0A";
    assert_eq!(String::from_utf8_lossy(&out.stdout), format!("{link}\n"));
    assert_eq!(fs::read_to_string(dir.path().join("opened")).unwrap(), link);
}

#[test]
fn a_link_too_long_is_refused_with_advice() {
    let (dir, repo, browser) = world("git@github.com:octo/app.git");
    let out = bin(&repo, &browser)
        .args(["render", ".github/ISSUE_TEMPLATE/plain.md", "--web"])
        .args([
            "--set",
            "title=T",
            "--set",
            &format!("what={}", "x".repeat(9000)),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("the forge refuses links over 8,000; write the issue with -o FILE, or send it with --gh (GitHub takes a body of up to 65,536 characters)"),
        "{stderr}"
    );
    assert!(!dir.path().join("opened").exists());
}

/// A remote whose host makes no link (a space, an escape): refused before it is printed
/// or handed to the browser.
#[test]
fn a_link_that_is_not_a_clean_http_link_is_neither_printed_nor_opened() {
    let (dir, repo, browser) = world("https://ex ample.com/o/r.git");
    let out = bin(&repo, &browser)
        .args(["render", ".github/ISSUE_TEMPLATE/plain.md", "--web"])
        .args(["--set", "title=T"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with(
            "issue-composer: not opened: only http(s) links are (url: https://ex ample.com/o/r/issues/new?template=plain.md&title=T&body="
        ),
        "{stderr}"
    );
    assert!(!String::from_utf8_lossy(&out.stdout).contains("https://"));
    assert!(!dir.path().join("opened").exists());
}

/// `$BROWSER` as a `:`-separated list is tried in turn, and `%s` in an entry stands for
/// the link (still one argument, never shell text).
#[test]
fn browser_lists_are_tried_in_turn_and_percent_s_is_the_link() {
    let (dir, repo, _) = world("git@github.com:octo/app.git");
    let record = dir.path().join("record.sh");
    let args = dir.path().join("args");
    fs::write(
        &record,
        format!("#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\n", args.display()),
    )
    .unwrap();
    std::process::Command::new("chmod")
        .args(["+x", record.to_str().unwrap()])
        .status()
        .unwrap();
    let list = format!("false:{} --new-tab %s --last", record.display());
    let out = bin(&repo, &record)
        .env("BROWSER", &list)
        .args(["render", ".github/ISSUE_TEMPLATE/plain.md", "--web"])
        .args(["--set", "title=T;$(touch pwned)", "--set", "what=x"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let link = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        fs::read_to_string(&args).unwrap(),
        format!("--new-tab\n{link}--last\n")
    );
    assert!(!repo.join("pwned").exists());
}

/// GitHub's link splits `labels=` at commas: a label holding one would arrive as two
/// labels, so the link is refused, naming the label (it used to be split in silence).
#[test]
fn a_label_with_a_comma_is_refused_by_name_not_split() {
    let (dir, repo, browser) = world("git@github.com:octo/app.git");
    fs::write(
        repo.join(".github/ISSUE_TEMPLATE/comma.yml"),
        "name: Comma\ndescription: d\nlabels: [bug, 'needs, triage']\nbody:\n  - type: input\n    id: version\n    attributes: {label: Version}\n",
    )
    .unwrap();
    let out = bin(&repo, &browser)
        .args(["render", ".github/ISSUE_TEMPLATE/comma.yml", "--web"])
        .args(["--set", "title=T", "--set", "version=1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!dir.path().join("opened").exists(), "no page opened");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("issue-composer: the label `needs, triage` holds a comma, and GitHub's link splits labels at commas (it would ask for `needs` and `triage`); send the issue with --gh, which keeps the label whole, or use a label without a comma\n"),
        "{stderr}"
    );
}
