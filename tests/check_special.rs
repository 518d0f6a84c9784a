//! A folder of templates holding a broken symbolic link and a FIFO named as templates:
//! `check` (with no argument and with the folder) reports each as naming it does, with a
//! non-zero exit, and `list` shows them with why they cannot be read. The FIFO has no
//! writer, so a scan that opened it would never end: these runs ending is the proof that
//! it is not opened (the timeout only keeps a regression from hanging the suite).

#![allow(clippy::unwrap_used)]

mod support;
use support::bin;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;

/// A repository whose `.github/ISSUE_TEMPLATE/` holds one good template; the folder.
fn with_bug_template(root: &Path) -> PathBuf {
    fs::create_dir(root.join(".git")).unwrap();
    let templates = root.join(".github/ISSUE_TEMPLATE");
    fs::create_dir_all(&templates).unwrap();
    fs::write(
        templates.join("bug.md"),
        "---\nname: Bug\nabout: A bug\n---\n## What\n",
    )
    .unwrap();
    templates
}

fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(made.success());
}

/// A repository whose `.github/ISSUE_TEMPLATE/` holds a good template, a link to nothing,
/// a FIFO and a socket.
fn repository(root: &Path) {
    let templates = with_bug_template(root);
    std::os::unix::fs::symlink("/nonexistent", templates.join("dangling.md")).unwrap();
    mkfifo(&templates.join("fifo.md"));
    // The socket file stays when the listener is gone.
    drop(std::os::unix::net::UnixListener::bind(templates.join("sock.yml")).unwrap());
}

fn run(root: &Path, args: &[&str]) -> Command {
    let mut cmd = bin();
    cmd.args(args)
        .current_dir(root)
        .env("HOME", root)
        .env("XDG_CONFIG_HOME", root.join("config"))
        .env("XDG_DATA_HOME", root.join("data"))
        .timeout(Duration::from_secs(60));
    cmd
}

#[test]
fn check_reports_a_broken_link_and_a_fifo_in_a_folder_without_opening_it() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    repository(root);
    // The files' paths start with `prefix`, named once on each line (before, a FIFO's
    // line named it twice: `fifo.md:1:1: error: /…/fifo.md is a FIFO, …`).
    let expected = |prefix: &str| {
        format!(
            "{prefix}dangling.md:1:1: error: a broken symbolic link: it points to /nonexistent, which does not exist\n\
             {prefix}fifo.md:1:1: error: a FIFO, not a regular file\n\
             {prefix}sock.yml:1:1: error: a socket, not a regular file\n\
             {prefix}bug.md: 1 section, 1 field\n"
        )
    };
    let templates = format!("{}/.github/ISSUE_TEMPLATE/", root.display());
    let out = run(root, &["check"]).output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        expected(&templates),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(1));
    for folder in [".github/ISSUE_TEMPLATE", ".github/ISSUE_TEMPLATE/"] {
        let out = run(root, &["check", folder]).output().unwrap();
        let prefix = ".github/ISSUE_TEMPLATE/";
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            expected(prefix),
            "{folder}"
        );
        assert_eq!(out.status.code(), Some(1), "{folder}");
    }
    // The same lines as naming each file alone.
    let lines = expected(".github/ISSUE_TEMPLATE/");
    for (file, line) in ["dangling.md", "fifo.md", "sock.yml"]
        .iter()
        .zip(lines.lines())
    {
        let path = format!(".github/ISSUE_TEMPLATE/{file}");
        let alone = run(root, &["check", &path]).output().unwrap();
        assert_eq!(String::from_utf8_lossy(&alone.stdout), format!("{line}\n"));
        assert_eq!(alone.status.code(), Some(1), "{file}");
    }
}

#[test]
fn list_shows_a_broken_link_and_a_fifo_with_why_they_cannot_be_read() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    repository(root);
    let out = run(root, &["list", "--json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let items: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let repo: Vec<(&str, &serde_json::Value)> = items
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["source"] == "repo")
        .map(|i| (i["stem"].as_str().unwrap(), &i["error"]))
        .collect();
    let templates = format!("{}/.github/ISSUE_TEMPLATE", root.display());
    assert_eq!(
        repo,
        [
            ("bug", &serde_json::Value::Null),
            (
                "dangling",
                &serde_json::Value::from(
                    "a broken symbolic link: it points to /nonexistent, which does not exist"
                )
            ),
            (
                "fifo",
                &serde_json::Value::from(format!(
                    "{templates}/fifo.md is a FIFO, not a regular file"
                ))
            ),
            (
                "sock",
                &serde_json::Value::from(format!(
                    "{templates}/sock.yml is a socket, not a regular file"
                ))
            ),
        ]
    );
}

/// `list` names each file once, in its path column: a FIFO's line says what it is
/// without the path again, and a template over a limit is said to be too large at its
/// place, in the limit's words (it said `cannot read: /…/big.md:5:1: …`: the file was
/// read, and named twice).
#[test]
fn list_names_a_fifo_once_and_a_template_over_a_limit_as_too_large() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let templates = with_bug_template(root);
    mkfifo(&templates.join("fifo.md"));
    fs::write(templates.join("big.md"), "## A\n\n## B\n\n## C\n").unwrap();
    let out = run(root, &["list"])
        .env("ISSUE_COMPOSER_MAX_SECTIONS", "2")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    // Each repository line's columns (padded with two spaces or more).
    let repo: Vec<Vec<&str>> = stdout
        .lines()
        .filter(|l| l.starts_with("repo "))
        .map(|l| {
            l.split("  ")
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect()
        })
        .collect();
    let big = "too large: 5:1: the template has more than 2 sections, the limit (raise it \
               with ISSUE_COMPOSER_MAX_SECTIONS=N)";
    assert_eq!(
        repo,
        [
            ["repo", "big", ".github/ISSUE_TEMPLATE/big.md", big],
            ["repo", "Bug", ".github/ISSUE_TEMPLATE/bug.md", "A bug"],
            [
                "repo",
                "fifo",
                ".github/ISSUE_TEMPLATE/fifo.md",
                "cannot read: a FIFO, not a regular file"
            ],
        ],
        "{stdout}"
    );
}

/// The picker lists them as it lists any template it cannot read: `cannot read:` and
/// the reason, in the order GitHub lists the folder.
#[test]
fn the_picker_lists_a_broken_link_and_a_fifo_with_why_they_cannot_be_read() {
    use issue_composer::tui::app::Entry;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    repository(root);
    let catalog = issue_composer::discover::catalog(root);
    let lines: Vec<(String, String)> = catalog
        .choices()
        .iter()
        .map(|c| Entry::from_choice(c, catalog.root.as_deref()))
        .filter(|e| e.origin.starts_with("repo: "))
        .map(|e| (e.origin, e.about))
        .collect();
    let line = |file: &str, about: String| (format!("repo: .github/ISSUE_TEMPLATE/{file}"), about);
    // Named once: the line's origin names the file (it said `cannot read: /…/fifo.md
    // is a FIFO, …`).
    let not_regular = |_: &str, kind: &str| format!("cannot read: a {kind}, not a regular file");
    assert_eq!(
        lines,
        [
            line("bug.md", "A bug".to_owned()),
            line(
                "dangling.md",
                "cannot read: a broken symbolic link: it points to /nonexistent, which does not exist"
                    .to_owned()
            ),
            line("fifo.md", not_regular("fifo.md", "FIFO")),
            line("sock.yml", not_regular("sock.yml", "socket")),
        ]
    );
}

/// The chooser's `config.yml` as a FIFO: `check` with no argument says so and fails, and
/// `list` warns of it (before, both passed over it without a word).
#[test]
fn a_fifo_as_the_chooser_config_is_reported_not_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let templates = with_bug_template(root);
    mkfifo(&templates.join("config.yml"));
    let config = templates.join("config.yml");
    let out = run(root, &["check"]).output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!(
            "{0}:1:1: error: a FIFO, not a regular file\n{1}: 1 section, 1 field\n",
            config.display(),
            templates.join("bug.md").display()
        )
    );
    assert_eq!(out.status.code(), Some(1));
    let out = run(root, &["list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "issue-composer: warning: {} is a FIFO, not a regular file\n",
            config.display()
        )
    );
}

/// A broken link named by its stem (`schema bug`, `render bug`, Enter in the picker) or by
/// its path is named as `check` and `list` name it, not as a file not found.
#[test]
fn a_broken_link_opened_by_its_stem_is_named_a_broken_link() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir(root.join(".git")).unwrap();
    let templates = root.join(".github/ISSUE_TEMPLATE");
    fs::create_dir_all(&templates).unwrap();
    let link = templates.join("bug.md");
    std::os::unix::fs::symlink("/nonexistent", &link).unwrap();
    let why = "a broken symbolic link: it points to /nonexistent, which does not exist";
    for args in [&["schema", "bug"][..], &["render", "bug"]] {
        let out = run(root, args).output().unwrap();
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            format!("issue-composer: cannot open {}: {why}\n", link.display()),
            "{args:?}"
        );
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    let out = run(root, &["schema", ".github/ISSUE_TEMPLATE/bug.md"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!("issue-composer: cannot open .github/ISSUE_TEMPLATE/bug.md: {why}\n")
    );
    assert_eq!(out.status.code(), Some(1));
    // The picker opens what it lists through `discover::load`, and says this error chain.
    let source = issue_composer::discover::Source::File(link.clone());
    let err = issue_composer::discover::load(&source).unwrap_err();
    assert_eq!(
        issue_composer::text::error_chain(&err),
        format!("cannot open {}: {why}", link.display())
    );
}
