//! `--gh`, `--glab` and `retry`: the exact argv each tool gets, recorded by a stand-in
//! script first on PATH; the private body file; saving a failed issue and resending it.
//! (The real gh is in `export_gh_real.rs`.)

use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// Records one argument per line, the body file's content and mode, then prints a URL, or
/// fails with `$STANDIN_FAIL` when it is set (after printing the URL with
/// `$STANDIN_FAIL_AFTER_URL`).
const STANDIN: &str = r#"#!/bin/sh
rec="$RECORD_DIR"
pwd > "$rec/cwd"
: > "$rec/argv"
prev=
for arg in "$@"; do
  printf '%s\n' "$arg" >> "$rec/argv"
  if [ "$prev" = "--body-file" ]; then
    cat "$arg" > "$rec/body"
    stat -c %a "$arg" > "$rec/mode"
  fi
  prev=$arg
done
if [ -n "$STANDIN_FAIL_AFTER_URL" ]; then
  echo "$STANDIN_URL"
  echo "$STANDIN_FAIL_AFTER_URL" >&2
  exit 1
fi
if [ -n "$STANDIN_FAIL" ]; then
  echo "$STANDIN_FAIL" >&2
  exit 1
fi
echo "$STANDIN_URL"
"#;

const TEMPLATE: &str = "---
name: Crash
title: '[CRASH] '
labels: 'bug, needs triage'
assignees: octocat
projects: Roadmap
---
## Summary

<!-- What happened? -->
";

const ANSWERS: &str = "title: '[CRASH] on start'\nfields:\n  summary: It crashed\n";

/// A temp world: stand-in tools, a template, a private data dir and temp dir.
struct World {
    dir: tempfile::TempDir,
}

impl World {
    fn new(tools: &[&str]) -> World {
        let dir = tempfile::tempdir().expect("test setup");
        for sub in ["bin", "rec", "data", "tmp"] {
            fs::create_dir(dir.path().join(sub)).expect("test setup");
        }
        for tool in tools {
            let path = dir.path().join("bin").join(tool);
            fs::write(&path, STANDIN).expect("test setup");
            make_executable(&path);
        }
        fs::write(dir.path().join("crash.md"), TEMPLATE).expect("test setup");
        // A file, because `--set` reads a value starting with `[` as YAML.
        fs::write(dir.path().join("answers.yaml"), ANSWERS).expect("test setup");
        World { dir }
    }

    fn path(&self, sub: &str) -> PathBuf {
        self.dir.path().join(sub)
    }

    /// The binary with the stand-ins first on PATH (or alone on it: `only_standins`).
    fn bin(&self, only_standins: bool) -> Command {
        let mut cmd = Command::cargo_bin("issue-composer").expect("test setup");
        let mut path = OsString::from(self.path("bin"));
        if !only_standins {
            path.push(":");
            path.push(std::env::var_os("PATH").unwrap_or_default());
        }
        cmd.env("PATH", path)
            .env("XDG_DATA_HOME", self.path("data"))
            .env("TMPDIR", self.path("tmp"))
            .env("RECORD_DIR", self.path("rec"))
            .env("STANDIN_URL", "https://example.test/octo/hello/issues/42")
            .env_remove("STANDIN_FAIL")
            .env_remove("STANDIN_FAIL_AFTER_URL");
        cmd
    }

    fn render(&self, only_standins: bool) -> Command {
        let mut cmd = self.bin(only_standins);
        cmd.arg("render")
            .arg(self.path("crash.md"))
            .arg("--answers")
            .arg(self.path("answers.yaml"));
        cmd
    }

    /// Whether a stand-in tool ran (it records its arguments first).
    fn tool_ran(&self) -> bool {
        self.path("rec").join("argv").exists()
    }

    fn recorded(&self, name: &str) -> String {
        fs::read_to_string(self.path("rec").join(name)).expect("test setup")
    }

    fn saved(&self) -> PathBuf {
        self.path("data")
            .join("issue-composer")
            .join("last-issue.json")
    }
}

fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt as _;
    fs::set_permissions(path, fs::Permissions::from_mode(0o755)).expect("test setup");
}

const BODY: &str = "## Summary\n\nIt crashed\n";

fn lines(args: &[&str]) -> String {
    let mut text = args.join("\n");
    text.push('\n');
    text
}

#[test]
fn gh_gets_the_exact_argv_and_a_private_body_file() {
    let world = World::new(&["gh"]);
    let out = world
        .render(false)
        .args(["--gh", "--milestone", "v1", "-R", "octo/hello"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "https://example.test/octo/hello/issues/42\n"
    );
    let argv = world.recorded("argv");
    let body_file = argv.lines().nth(5).unwrap().to_owned();
    assert_eq!(
        argv,
        lines(&[
            "issue",
            "create",
            "--title",
            "[CRASH] on start",
            "--body-file",
            &body_file,
            "--label",
            "bug",
            "--label",
            "needs triage",
            "--assignee",
            "octocat",
            "--project",
            "Roadmap",
            "--milestone",
            "v1",
            "--repo",
            "octo/hello",
        ])
    );
    assert!(body_file.starts_with(world.path("tmp").to_str().unwrap()));
    assert_eq!(world.recorded("body"), BODY);
    assert_eq!(world.recorded("mode"), "600\n");
    assert!(!Path::new(&body_file).exists(), "the body file is removed");
    assert!(!world.saved().exists(), "nothing is saved after success");
}

#[test]
fn glab_gets_the_body_as_description() {
    let world = World::new(&["glab"]);
    let out = world
        .render(false)
        .args(["--glab", "--milestone", "%12", "-R", "group/sub/hello"])
        .env(
            "STANDIN_URL",
            "https://gitlab.example/group/sub/hello/-/issues/3",
        )
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "https://gitlab.example/group/sub/hello/-/issues/3\n"
    );
    assert_eq!(
        world.recorded("argv"),
        lines(&[
            "issue",
            "create",
            "--title",
            "[CRASH] on start",
            "--description",
            BODY,
            "--yes",
            "--label",
            "bug",
            "--label",
            "needs triage",
            "--assignee",
            "octocat",
            "--milestone",
            "%12",
            "--repo",
            "group/sub/hello",
        ])
    );
}

/// gh printed the new issue's URL and then failed (a project it could not set, say): the
/// issue exists, so its URL is printed and nothing is kept for a retry that would create
/// it twice.
#[test]
fn a_url_then_an_error_is_a_created_issue_not_kept_for_retry() {
    let world = World::new(&["gh"]);
    let refusal = "could not add to project: Roadmap";
    let out = world
        .render(false)
        .args(["--gh", "-R", "octo/hello"])
        .env("STANDIN_FAIL_AFTER_URL", refusal)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "https://example.test/octo/hello/issues/42\n"
    );
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!(
            "issue-composer: gh created https://example.test/octo/hello/issues/42 but exited with an error (exit status: 1):\n{refusal}\nThe issue was created: it is not kept for retry, which would create it twice.\n"
        )
    );
    assert!(!world.saved().exists());
}

/// With -o and --gh, the file is written and the issue sent: no command to send it again.
#[test]
fn a_file_and_gh_print_the_url_not_a_command_to_create_it_again() {
    let world = World::new(&["gh"]);
    let file = world.path("issue.md");
    let out = world
        .render(false)
        .args(["--gh", "-R", "octo/hello", "-o"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "https://example.test/octo/hello/issues/42\n"
    );
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!("issue-composer: wrote {}\n", file.display())
    );
    assert_eq!(fs::read_to_string(&file).unwrap(), BODY);
}

/// A title that is only the template's prefix is refused before gh runs, as the form's
/// review refuses it; --allow-incomplete lets it through.
#[test]
fn a_title_that_is_only_the_prefix_is_not_sent() {
    let world = World::new(&["gh"]);
    let out = world
        .bin(false)
        .arg("render")
        .arg(world.path("crash.md"))
        .args(["--set", "summary=x", "--gh", "-R", "octo/hello"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "issue-composer: the title is only the template's prefix `[CRASH]`: give one with --set title=... before sending with gh or glab (or pass --allow-incomplete)\n"
    );
    assert!(out.stdout.is_empty());
    assert!(!world.tool_ran(), "gh did not run");
    let out = world
        .bin(false)
        .arg("render")
        .arg(world.path("crash.md"))
        .args(["--set", "summary=x", "--gh", "-R", "octo/hello"])
        .arg("--allow-incomplete")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        world
            .recorded("argv")
            .starts_with("issue\ncreate\n--title\n[CRASH]\n")
    );
}

/// The prefix typed in another case or with a colon says nothing more: refused too.
#[test]
fn the_prefix_in_another_case_is_not_sent() {
    let world = World::new(&["gh"]);
    for title in ["[crash]", "[CRASH]:", "crash"] {
        let out = world
            .bin(false)
            .arg("render")
            .arg(world.path("crash.md"))
            .args(["--set", "summary=x", "--gh", "-R", "octo/hello"])
            .args(["--set", &format!("title={title}")])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{title}");
        assert_eq!(
            String::from_utf8(out.stderr).unwrap(),
            "issue-composer: the title is only the template's prefix `[CRASH]`: give one with --set title=... before sending with gh or glab (or pass --allow-incomplete)\n"
        );
        assert!(!world.tool_ran(), "gh did not run");
    }
}

/// Plain mode asks a blank title again when the issue is to be sent, and sends nothing
/// without one: the body is printed instead.
#[test]
fn plain_mode_does_not_send_without_a_title() {
    let world = World::new(&["gh"]);
    let out = world
        .bin(false)
        .arg(world.path("crash.md"))
        .args(["--plain", "--no-draft", "--gh", "-R", "octo/hello"])
        .write_stdin("\n\n\n\nIt crashed\n.\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        stderr
            .matches("Not accepted: gh and glab need a title")
            .count(),
        4,
        "{stderr}"
    );
    assert!(
        stderr.ends_with(
            "issue-composer: not sent: the title is only the template's prefix `[CRASH]`\n"
        ),
        "{stderr}"
    );
    assert_eq!(String::from_utf8(out.stdout).unwrap(), BODY);
    assert!(!world.tool_ran(), "gh did not run");
}

/// Plain mode sends nothing while the review lists missing answers, as `render` refuses
/// them: the body is printed instead, and the run fails.
#[test]
fn plain_mode_does_not_send_with_required_answers_missing() {
    let world = World::new(&["gh"]);
    let form = "name: Req\ndescription: d\nbody:\n  - type: input\n    id: req\n    attributes:\n      label: Req\n    validations:\n      required: true\n";
    fs::write(world.path("req.yml"), form).unwrap();
    let out = world
        .bin(false)
        .arg(world.path("req.yml"))
        .args(["--plain", "--no-draft", "--gh", "-R", "octo/hello"])
        .write_stdin("a title\n")
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("\nReview:\n  Req: is required\n"),
        "{stderr}"
    );
    assert!(
        stderr.ends_with(
            "issue-composer: not sent: 1 answer is not complete (see the review above)\n"
        ),
        "{stderr}"
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "### Req\n\n_No response_"
    );
    assert!(!world.tool_ran(), "gh did not run");
}

/// An issue form's `projects: [OWNER/NUMBER]` is no project title gh can find: gh runs
/// without it, and standard error says where to add it.
#[test]
fn numbered_projects_are_not_given_to_gh() {
    let world = World::new(&["gh"]);
    let form = "name: P\ndescription: d\nprojects: [octo-org/1]\nbody:\n  - type: input\n    id: a\n    attributes:\n      label: A\n";
    fs::write(world.path("p.yml"), form).unwrap();
    let out = world
        .bin(false)
        .arg("render")
        .arg(world.path("p.yml"))
        .args([
            "--set",
            "title=t",
            "--set",
            "a=1",
            "--gh",
            "-R",
            "octo/hello",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let argv = world.recorded("argv");
    let argv: Vec<&str> = argv.lines().collect();
    assert_eq!(
        argv[..5],
        ["issue", "create", "--title", "t", "--body-file"]
    );
    assert_eq!(argv[6..], ["--repo", "octo/hello"]);
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "issue-composer: gh adds an issue to a project by the project's title, so octo-org/1 (OWNER/NUMBER) is left out: add the issue to it on its page\n"
    );
    // The command printed after -o leaves it out too, and says so.
    let out = world
        .bin(false)
        .current_dir(world.path(""))
        .arg("render")
        .arg(world.path("p.yml"))
        .args(["--set", "title=t", "--set", "a=1", "-o", "p.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "issue-composer: gh adds an issue to a project by the project's title, so octo-org/1 (OWNER/NUMBER) is left out: add the issue to it on its page\nissue-composer: wrote p.md; to create the issue, run:\n"
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "gh issue create --title t --body-file p.md\n"
    );
}

/// A body too long for glab's argument is kept, and the advice is the retry that can
/// work: with gh, which reads the body from a file.
#[test]
fn a_body_too_long_for_glab_is_kept_for_a_retry_with_gh() {
    let world = World::new(&["glab", "gh"]);
    // 138,240 bytes, over glab's argument; 46,080 characters, within GitHub's limit.
    let long = "€".repeat(46 * 1024);
    let answers = world.path("long.yaml");
    fs::write(
        &answers,
        format!("title: '[CRASH] long'\nfields:\n  summary: {long}\n"),
    )
    .unwrap();
    let out = world
        .bin(false)
        .arg("render")
        .arg(world.path("crash.md"))
        .arg("--answers")
        .arg(&answers)
        .args(["--glab", "-R", "octo/hello"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let saved = world.saved();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.ends_with(&format!(
            "\nThe issue is saved in {}: run `issue-composer retry --gh` to send it with gh, which reads the body from a file.\n",
            saved.display()
        )),
        "{stderr}"
    );
    let out = world.bin(false).args(["retry", "--gh"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "https://example.test/octo/hello/issues/42\n"
    );
    assert_eq!(world.recorded("body"), format!("## Summary\n\n{long}\n"));
}

/// GitHub refuses a body over 65,536 characters: gh is not run, nothing is kept for a
/// retry that would fail the same way, and the body is saved as markdown to shorten. A
/// body over glab's argument and GitHub's limit gets no advice to retry with gh either.
#[test]
fn a_body_too_long_for_github_is_not_sent_and_is_saved_to_shorten() {
    let world = World::new(&["glab", "gh"]);
    let unsent = world.path("data").join("issue-composer").join("unsent");
    let mut saved_bodies = Vec::new();
    for (flag, length, why) in [
        (
            "--gh",
            70_000,
            "the body is 70,013 characters long, and GitHub takes at most 65,536: shorten it (long logs can go in a gist or an attached file)",
        ),
        (
            "--glab",
            140 * 1024,
            "the body is too long to pass to glab (143,373 bytes; at most 131,071 fit in an argument)",
        ),
    ] {
        let long = "x".repeat(length);
        let answers = world.path("long.yaml");
        let yaml = format!("title: '[CRASH] long'\nfields:\n  summary: {long}\n");
        fs::write(&answers, yaml).unwrap();
        let out = world
            .bin(false)
            .arg("render")
            .arg(world.path("crash.md"))
            .arg("--answers")
            .arg(&answers)
            .args([flag, "-R", "octo/hello"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{flag}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        let rest = stderr
            .strip_prefix(&format!("issue-composer: {why}\nThe body is saved in "))
            .unwrap_or_else(|| panic!("{flag}: {stderr}"));
        let md = rest
            .strip_suffix(" (its title: [CRASH] long).\n")
            .unwrap_or_else(|| panic!("{flag}: {stderr}"));
        let md = PathBuf::from(md);
        assert_eq!(md.parent(), Some(unsent.as_path()), "{flag}");
        let body = format!("## Summary\n\n{long}\n");
        assert_eq!(fs::read_to_string(&md).unwrap(), body, "{flag}");
        assert!(!world.saved().exists(), "{flag}: not kept for retry");
        assert!(!world.tool_ran(), "{flag}: no tool ran");
        saved_bodies.push(md);
    }
    // Each in a file of its own; a failed send and its retry leave both alone.
    assert_ne!(saved_bodies[0], saved_bodies[1]);
    let out = world
        .render(false)
        .args(["--gh", "-R", "octo/hello"])
        .env("STANDIN_FAIL", "boom")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let out = world.bin(false).arg("retry").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    for md in &saved_bodies {
        assert!(md.exists(), "{} survives the retry", md.display());
    }
}

/// A title longer than the forge takes (GitHub 256 characters, GitLab 255) is refused
/// before gh or glab runs, instead of failing there (a 245 KB title: "argument list too
/// long"). Nothing is kept for a retry that would fail the same way; the body is saved
/// as markdown and the title, too long to print, in a file beside it. `-o` takes it.
#[test]
fn a_title_too_long_for_the_forge_is_not_sent_and_is_saved() {
    let world = World::new(&["glab", "gh"]);
    let unsent = world.path("data").join("issue-composer").join("unsent");
    for (flag, title, why) in [
        (
            "--gh",
            "x".repeat(245 * 1024),
            "the title is 250,880 characters long, and GitHub takes at most 256: shorten it (long text can go in the body)",
        ),
        (
            "--glab",
            "é".repeat(256),
            "the title is 256 characters long, and GitLab takes at most 255: shorten it (long text can go in the body)",
        ),
    ] {
        let answers = world.path("long.yaml");
        let yaml = format!("title: '{title}'\nfields:\n  summary: It crashed\n");
        fs::write(&answers, yaml).unwrap();
        let out = world
            .bin(false)
            .arg("render")
            .arg(world.path("crash.md"))
            .arg("--answers")
            .arg(&answers)
            .args([flag, "-R", "octo/hello"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{flag}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        let rest = stderr
            .strip_prefix(&format!("issue-composer: {why}\nThe body is saved in "))
            .unwrap_or_else(|| panic!("{flag}: {stderr}"));
        let (saved, how) = rest
            .split_once(".\nShorten the title, then create the issue from the two files: ")
            .unwrap_or_else(|| panic!("{flag}: {stderr}"));
        let (md, txt) = saved
            .split_once(&format!(
                " and its title ({} characters) in ",
                issue_composer::text::thousands(title.chars().count())
            ))
            .unwrap_or_else(|| panic!("{flag}: {stderr}"));
        let command = match flag {
            "--gh" => format!(
                "gh issue create --title \"$(cat {txt})\" --body-file {md} --label bug --label 'needs triage' --assignee octocat --project Roadmap --repo octo/hello\n"
            ),
            _ => format!(
                "glab issue create --title \"$(cat {txt})\" --description \"$(cat {md})\" --yes --label bug --label 'needs triage' --assignee octocat --repo octo/hello\n"
            ),
        };
        assert_eq!(how, command, "{flag}: how to send them");
        let (md, txt) = (PathBuf::from(md), PathBuf::from(txt));
        assert_eq!(md.parent(), Some(unsent.as_path()), "{flag}");
        assert_eq!(txt.parent(), Some(unsent.as_path()), "{flag}");
        assert_eq!(
            fs::read_to_string(&md).unwrap(),
            "## Summary\n\nIt crashed\n"
        );
        assert_eq!(fs::read_to_string(&txt).unwrap(), title, "{flag}");
        assert!(!world.saved().exists(), "{flag}: not kept for retry");
        assert!(!world.tool_ran(), "{flag}: no tool ran");
        // A file takes the same title.
        let out = world
            .bin(false)
            .arg("render")
            .arg(world.path("crash.md"))
            .arg("--answers")
            .arg(&answers)
            .arg("-o")
            .arg(format!("issue{flag}.md"))
            .current_dir(world.path("tmp"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{flag} -o");
    }
    // 256 characters are GitHub's limit itself: gh runs.
    let answers = world.path("fits.yaml");
    let title = "é".repeat(256);
    fs::write(
        &answers,
        format!("title: '{title}'\nfields:\n  summary: It crashed\n"),
    )
    .unwrap();
    let out = world
        .bin(false)
        .arg("render")
        .arg(world.path("crash.md"))
        .arg("--answers")
        .arg(&answers)
        .args(["--gh", "-R", "octo/hello"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        world
            .recorded("argv")
            .contains(&format!("--title\n{title}\n"))
    );
}

/// Without `-R`, gh picks the repository from the folder it runs in: a retry typed in
/// another clone runs gh where the first send ran, not where `retry` is typed.
#[test]
fn a_retry_without_a_repository_runs_where_the_send_ran() {
    let world = World::new(&["gh"]);
    let (first, other) = (world.path("first"), world.path("other"));
    fs::create_dir(&first).unwrap();
    fs::create_dir(&other).unwrap();
    let out = world
        .render(false)
        .arg("--gh")
        .current_dir(&first)
        .env("STANDIN_FAIL", "boom")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(world.recorded("cwd").trim(), first.to_str().unwrap());
    let out = world
        .bin(false)
        .arg("retry")
        .current_dir(&other)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(world.recorded("cwd").trim(), first.to_str().unwrap());
    assert!(!world.recorded("argv").contains("--repo"));
}

#[test]
fn a_failed_send_is_saved_and_retry_resends_it_without_labels() {
    let world = World::new(&["gh"]);
    let refusal = "GraphQL: could not add label: 'needs triage' not found";
    let out = world
        .render(false)
        .args(["--gh", "-R", "octo/hello"])
        .env("STANDIN_FAIL", refusal)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "the body is kept in the saved issue");
    let saved = world.saved();
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!(
            "issue-composer: gh issue create failed (exit status: 1):\n{refusal}\nThe issue is saved in {}: run `issue-composer retry` to send it again (add --no-labels if the repository does not let you set labels).\n",
            saved.display()
        )
    );
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&saved).unwrap()).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "forge": "gh", "title": "[CRASH] on start", "body": BODY,
            "labels": ["bug", "needs triage"], "assignees": ["octocat"],
            "projects": ["Roadmap"], "repo": "octo/hello",
        })
    );

    // A retry that fails again leaves the saved issue as it was.
    let before = fs::read_to_string(&saved).unwrap();
    let out = world
        .bin(false)
        .arg("retry")
        .env("STANDIN_FAIL", refusal)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stderr).unwrap().contains(&format!(
        "{refusal}\nThe issue is saved in {}",
        saved.display()
    )));
    assert_eq!(fs::read_to_string(&saved).unwrap(), before);

    let out = world
        .bin(false)
        .args(["retry", "--no-labels"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "https://example.test/octo/hello/issues/42\n"
    );
    let argv = world.recorded("argv");
    let body_file = argv.lines().nth(5).unwrap().to_owned();
    assert_eq!(
        argv,
        lines(&[
            "issue",
            "create",
            "--title",
            "[CRASH] on start",
            "--body-file",
            &body_file,
            "--assignee",
            "octocat",
            "--project",
            "Roadmap",
            "--repo",
            "octo/hello",
        ])
    );
    assert_eq!(world.recorded("body"), BODY);
    assert!(!saved.exists(), "a sent issue is no longer saved");

    let out = world.bin(false).arg("retry").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!(
            "issue-composer: no unsent issue is saved (looked for {})\n",
            saved.display()
        )
    );
}

#[test]
fn a_missing_gh_saves_the_body_and_says_where() {
    let world = World::new(&[]);
    let out = world.render(true).arg("--gh").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let folder = world.path("data").join("issue-composer");
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!(
            "issue-composer: gh is not installed (not found on PATH)\nThe body is saved in {}.\nThe issue is saved in {}: install gh, then run `issue-composer retry` to send it again.\n",
            folder.join("last-issue.md").display(),
            folder.join("last-issue.json").display()
        )
    );
    assert_eq!(
        fs::read_to_string(folder.join("last-issue.md")).unwrap(),
        BODY
    );
    assert!(out.stdout.is_empty());
}

/// Each failed send is kept, up to the last 10 (before, a second failure replaced the
/// first, which was lost): `retry --list` shows them newest first, `retry N` sends the
/// Nth, and plain `retry` the newest.
#[test]
fn every_failed_send_is_kept_up_to_ten_and_retry_lists_and_picks_them() {
    let world = World::new(&["gh"]);
    let fail = |title: &str| {
        let out = world
            .render(false)
            .args([
                "--gh",
                "-R",
                "octo/hello",
                "--set",
                &format!("title={title}"),
            ])
            .env("STANDIN_FAIL", "HTTP 502")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
    };
    let list = || {
        let out = world.bin(false).args(["retry", "--list"]).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    fail("First crash");
    fail("Second crash");
    assert_eq!(
        list(),
        "1\tgh\tocto/hello\tSecond crash\n2\tgh\tocto/hello\tFirst crash\n"
    );
    // The older one, by its number.
    let out = world.bin(false).args(["retry", "2"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(world.recorded("argv").lines().nth(3), Some("First crash"));
    assert_eq!(list(), "1\tgh\tocto/hello\tSecond crash\n");
    let out = world.bin(false).args(["retry", "2"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "issue-composer: there is no unsent issue 2: 1 is kept (`issue-composer retry --list` shows it)\n"
    );
    // Twelve more failures: the last ten are kept.
    for n in 1..=12 {
        fail(&format!("Crash {n}"));
    }
    let kept = list();
    assert_eq!(kept.lines().count(), 10, "{kept}");
    assert!(kept.starts_with("1\tgh\tocto/hello\tCrash 12\n"), "{kept}");
    assert!(kept.ends_with("10\tgh\tocto/hello\tCrash 3\n"), "{kept}");
    // Plain `retry` sends the newest.
    let out = world.bin(false).arg("retry").output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(world.recorded("argv").lines().nth(3), Some("Crash 12"));
    assert!(list().starts_with("1\tgh\tocto/hello\tCrash 11\n"));
}

#[test]
fn a_failed_send_says_when_older_unsent_issues_are_kept_too() {
    let world = World::new(&["gh"]);
    let fail = |world: &World| {
        let out = world
            .render(false)
            .args(["--gh", "-R", "octo/hello"])
            .env("STANDIN_FAIL", "boom")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        String::from_utf8(out.stderr).unwrap()
    };
    let first = fail(&world);
    assert!(!first.contains("older unsent"), "{first}");
    let second = fail(&world);
    assert!(
        second.ends_with(".\nAn older unsent issue is kept too (`issue-composer retry --list`).\n"),
        "{second}"
    );
    let third = fail(&world);
    assert!(
        third.ends_with(".\n2 older unsent issues are kept too (`issue-composer retry --list`).\n"),
        "{third}"
    );
}

/// Assignees go to gh bare (`@hubot` is `hubot`, `@me` stays), an impossible login is
/// named, and a label or assignee with nothing visible (a zero-width space) is dropped.
#[test]
fn logins_go_bare_impossible_ones_are_named_and_invisible_names_dropped() {
    let world = World::new(&["gh"]);
    let template = "---\nname: Crash\ntitle: '[CRASH] '\nlabels: \"bug, \u{200b}\"\nassignees: \"octocat, @hubot, @me, octo cat, \u{200b}\"\n---\n## Summary\n";
    fs::write(world.path("crash.md"), template).unwrap();
    let out = world.render(false).arg("--gh").output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(
        stderr,
        "issue-composer: assignee `octo cat` cannot be a GitHub login (a login has only letters, digits and hyphens): gh will refuse it\n"
    );
    let argv = world.recorded("argv");
    let body_file = argv.lines().nth(5).unwrap().to_owned();
    assert_eq!(
        argv,
        lines(&[
            "issue",
            "create",
            "--title",
            "[CRASH] on start",
            "--body-file",
            &body_file,
            "--label",
            "bug",
            "--assignee",
            "octocat",
            "--assignee",
            "hubot",
            "--assignee",
            "@me",
            "--assignee",
            "octo cat",
        ])
    );
}

/// gh exiting 0 without an issue URL: the message shows what it printed, sanitized, on
/// one line and shortened to its start and its end, so the user can tell what happened.
#[test]
fn gh_without_a_url_shows_what_it_printed() {
    let world = World::new(&["gh"]);
    let long = "x".repeat(300);
    let out = world
        .render(false)
        .args(["--gh", "-R", "octo/hello"])
        .env(
            "STANDIN_URL",
            format!("Opening in your browser.\x1b[31m\n{long}"),
        )
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let first = stderr.lines().next().unwrap();
    // Its first 40 characters and its last 157, as a timeout's message keeps them.
    let want = format!(
        "issue-composer: gh exited 0 but printed no issue URL; it printed: `Opening in your browser. {} … {}`;",
        "x".repeat(15),
        "x".repeat(157)
    );
    assert!(first.starts_with(&want), "{first}");
}

/// gh cannot set an issue's type: the template's `type` is named as left out, as
/// OWNER/NUMBER projects are, and the issue is still sent.
#[test]
fn a_template_type_is_named_as_left_out_for_gh() {
    let world = World::new(&["gh"]);
    let form = "name: Crash\ndescription: D\ntitle: '[CRASH] '\ntype: Bug\nbody:\n- type: input\n  id: what\n  attributes: {label: What}\n";
    fs::write(world.path("crash.yml"), form).unwrap();
    let out = world
        .bin(false)
        .arg("render")
        .arg(world.path("crash.yml"))
        .args(["--set", "title=[CRASH] typed", "--gh"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(
        stderr,
        "issue-composer: gh cannot set an issue's type, so the template's type `Bug` is left out: set it on the issue's page\n"
    );
    assert!(!world.recorded("argv").contains("Bug"));
}

/// Labels with a quote or a comma in a markdown template's front matter: GitHub carries
/// them to the new issue joined with commas and splits them there, a quote being part of
/// the name. `schema`, gh's argv (CSV-quoted, as gh reads `--label`) and the `--web` link
/// agree on that set (before: `['x, y']` stayed one label, which the link could not send).
#[test]
fn labels_with_quotes_and_commas_are_one_set_in_schema_gh_and_the_link() {
    let world = World::new(&["gh"]);
    fs::write(
        world.path("crash.md"),
        "---\nname: Crash\nlabels: ['x, y', 'p\"q']\nassignees: \"a, \\\"b\\\"\"\n---\n## Summary\n",
    )
    .unwrap();
    let out = world
        .bin(false)
        .arg("schema")
        .arg(world.path("crash.md"))
        .output()
        .unwrap();
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(schema["labels"], serde_json::json!(["x", "y", "p\"q"]));
    assert_eq!(schema["assignees"], serde_json::json!(["a", "\"b\""]));
    let out = world
        .render(false)
        .args(["--gh", "-R", "octo/hello"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let body_file = world
        .recorded("argv")
        .lines()
        .skip_while(|l| *l != "--body-file")
        .nth(1)
        .unwrap()
        .to_owned();
    assert_eq!(
        world.recorded("argv"),
        lines(&[
            "issue",
            "create",
            "--title",
            "[CRASH] on start",
            "--body-file",
            &body_file,
            "--label",
            "x",
            "--label",
            "y",
            "--label",
            "\"p\"\"q\"",
            "--assignee",
            "a",
            "--assignee",
            "\"\"\"b\"\"\"",
            "--repo",
            "octo/hello",
        ])
    );
    let out = world
        .render(false)
        .args(["--web", "-R", "octo/hello"])
        .env("BROWSER", "true")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(
        printed.contains("&labels=x%2Cy%2Cp%22q&assignees=a%2C%22b%22&"),
        "{printed}"
    );
}

/// `--glab` checks assignees by GitLab's rules, and says so for glab: `-bad--` cannot be
/// a GitLab username either, but `a_b.c` can (GitHub's rule would refuse it).
#[test]
fn glab_assignees_are_checked_by_gitlab_rules() {
    let world = World::new(&["glab"]);
    let out = world
        .render(false)
        .args(["--glab", "--assignee=-bad--", "--assignee=a_b.c"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(
        stderr,
        "issue-composer: assignee `-bad--` cannot be a GitLab username (a username starts and ends with a letter or digit): glab will refuse it\n"
    );
    // Without a tool, a GitLab template's forge is the one checked for.
    let gitlab = world.path(".gitlab/issue_templates");
    fs::create_dir_all(&gitlab).unwrap();
    fs::copy(world.path("crash.md"), gitlab.join("Crash.md")).unwrap();
    let out = world
        .bin(false)
        .arg("render")
        .arg(gitlab.join("Crash.md"))
        .args(["--set", "title=x", "--assignee=a__b"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(
        stderr,
        "issue-composer: assignee `a__b` cannot be a GitLab username (a username has no two of `_`, `.`, `-` in a row): glab will refuse it\n"
    );
}
