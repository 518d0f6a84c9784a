//! The real `gh` binary (Debian's 2.23 in CI) accepts every flag combination we generate.
//! It runs offline: a dummy token, and a proxy on a closed port so every request fails at
//! once. It must fail there, at the network, never on its flags.

use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use issue_composer::export::{Target, gh::gh_args};
use issue_composer::render::Issue;

const BODY: &str = "## Summary\n\nIt crashed\n";

fn real_gh() -> Option<PathBuf> {
    let found = issue_composer::paths::find_program("gh");
    if found.is_none() {
        eprintln!("skipping: gh is not installed (CI installs it with .ci/run)");
    }
    found
}

/// Runs the real gh offline: a dummy token, and a proxy on a closed port so every request
/// fails at once without touching the network.
fn offline_gh(gh: &Path, home: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(gh);
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("GH_CONFIG_DIR", home.join("gh"))
        .env("GH_TOKEN", "dummy")
        .env("GH_HOST", "github.com")
        .env("GH_NO_UPDATE_NOTIFIER", "1")
        .env("HTTPS_PROXY", "http://127.0.0.1:9")
        .env("HTTP_PROXY", "http://127.0.0.1:9")
        .current_dir(home);
    cmd
}

/// gh parsed its flags and went on to the network, where it failed.
fn assert_reached_the_network(args: &[OsString], stderr: &str) {
    for usage in [
        "unknown flag",
        "unknown shorthand",
        "Usage:",
        "invalid argument",
    ] {
        assert!(!stderr.contains(usage), "{args:?}: {stderr}");
    }
    assert!(stderr.contains("api.github.com"), "{args:?}: {stderr}");
}

#[test]
fn the_real_gh_accepts_every_flag_combination() {
    let Some(gh) = real_gh() else { return };
    let home = tempfile::tempdir().unwrap();
    let body = home.path().join("body.md");
    fs::write(&body, BODY).unwrap();
    // Without --repo gh finds the repository from the git remote.
    let git = std::process::Command::new("git")
        .args(["init", "-q"])
        .current_dir(home.path())
        .status()
        .is_ok_and(|s| s.success())
        && std::process::Command::new("git")
            .args(["remote", "add", "origin", "https://github.com/octo/hello"])
            .current_dir(home.path())
            .status()
            .is_ok_and(|s| s.success());
    let some = |on: bool, values: &[&str]| -> Vec<String> {
        if on {
            values.iter().map(|&v| v.to_owned()).collect()
        } else {
            Vec::new()
        }
    };
    for combo in 0..32u32 {
        let bit = |n: u32| combo & (1 << n) != 0;
        let issue = Issue {
            title: "-v: a title that starts with a dash".into(),
            body: BODY.into(),
            labels: some(bit(0), &["bug", "a,b", "say \"hi\""]),
            assignees: some(bit(1), &["octocat", "@me"]),
            projects: some(bit(2), &["Roadmap"]),
            ..Issue::default()
        };
        let target = Target {
            repo: bit(3).then(|| "octo/hello".to_owned()),
            milestone: bit(4).then(|| "v1.0".to_owned()),
        };
        if target.repo.is_none() && !git {
            continue;
        }
        let args = gh_args(&issue, &body, &target);
        let out = offline_gh(&gh, home.path()).args(&args).output().unwrap();
        assert!(!out.status.success(), "{args:?}");
        assert_reached_the_network(&args, &String::from_utf8_lossy(&out.stderr));
    }
}

#[test]
fn render_gh_runs_the_real_gh() {
    let Some(gh) = real_gh() else { return };
    let dir = tempfile::tempdir().unwrap();
    for sub in ["home", "data", "tmp"] {
        fs::create_dir(dir.path().join(sub)).unwrap();
    }
    let out = Command::cargo_bin("issue-composer")
        .unwrap()
        .args(["render", "bug-report", "--set", "summary=It crashed"])
        .args(["--set", "title=[BUG] It crashed"])
        .args(["--gh", "-R", "octo/hello", "--milestone", "v1"])
        .env("PATH", gh.parent().unwrap())
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .env("TMPDIR", dir.path().join("tmp"))
        .env("HOME", dir.path().join("home"))
        .env("GH_CONFIG_DIR", dir.path().join("home"))
        .env("GH_TOKEN", "dummy")
        .env("GH_HOST", "github.com")
        .env("GH_NO_UPDATE_NOTIFIER", "1")
        .env("HTTPS_PROXY", "http://127.0.0.1:9")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with("issue-composer: gh issue create failed"),
        "{stderr}"
    );
    assert_reached_the_network(&[], &stderr);
    assert!(
        dir.path()
            .join("data/issue-composer/last-issue.json")
            .exists()
    );
    assert_eq!(
        fs::read_dir(dir.path().join("tmp")).unwrap().count(),
        0,
        "no body file left"
    );
}

/// A title over GitHub's 256 characters is refused before the real gh runs: no request
/// is made (gh would fail at the network), and the message says what GitHub takes.
#[test]
fn a_title_too_long_for_github_never_reaches_the_real_gh() {
    let Some(gh) = real_gh() else { return };
    let dir = tempfile::tempdir().unwrap();
    for sub in ["home", "data", "tmp"] {
        fs::create_dir(dir.path().join(sub)).unwrap();
    }
    // Too long for an argument of our own: the title comes in an answers file.
    let answers = dir.path().join("answers.yaml");
    let title = format!("[BUG] {}", "x".repeat(245 * 1024));
    fs::write(&answers, format!("title: '{title}'\n")).unwrap();
    let out = Command::cargo_bin("issue-composer")
        .unwrap()
        .args(["render", "bug-report", "--set", "summary=It crashed"])
        .arg("--answers")
        .arg(&answers)
        .args(["--gh", "-R", "octo/hello"])
        .env("PATH", gh.parent().unwrap())
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .env("TMPDIR", dir.path().join("tmp"))
        .env("HOME", dir.path().join("home"))
        .env("GH_CONFIG_DIR", dir.path().join("home"))
        .env("GH_TOKEN", "dummy")
        .env("GH_HOST", "github.com")
        .env("GH_NO_UPDATE_NOTIFIER", "1")
        .env("HTTPS_PROXY", "http://127.0.0.1:9")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with(
            "issue-composer: the title is 250,886 characters long, and GitHub takes at most 256: shorten it"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("api.github.com"), "gh ran: {stderr}");
    assert!(!stderr.contains("argument list too long"), "{stderr}");
    assert!(
        !dir.path()
            .join("data/issue-composer/last-issue.json")
            .exists(),
        "not kept for a retry that would fail the same way"
    );
}
