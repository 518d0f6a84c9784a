//! `render --gh` stopped by SIGHUP or SIGINT while gh runs (SIGTERM is in
//! `export_gh_stop.rs`): gh and what it started are gone, issue-composer exits 1 saying
//! which signal stopped it, and `retry` sends the same title and body. A stand-in gh
//! first on PATH.

// Test helpers unwrap: a failure there is a failing test.
#![allow(clippy::unwrap_used)]

mod support;

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rustix::process::{Pid, Signal, kill_process};
use support::pty::{Pids, recorded};

/// Records itself and a grandchild, then hangs.
const HANGS: &str = "#!/bin/sh\nsleep 1000 &\necho $! > \"$RECORD_DIR/grandchild\"\necho $$ > \"$RECORD_DIR/pid\"\nwait\n";

/// Records its arguments and the body it was given, then says where the issue is.
const WORKS: &str = "#!/bin/sh\n: > \"$RECORD_DIR/argv\"\nprev=\nfor a in \"$@\"; do\n  printf '%s\\n' \"$a\" >> \"$RECORD_DIR/argv\"\n  [ \"$prev\" = --body-file ] && cat \"$a\" > \"$RECORD_DIR/body\"\n  prev=$a\ndone\necho https://github.com/o/r/issues/9\n";

const TEMPLATE: &str = "---\nname: Crash\ntitle: '[CRASH] '\n---\n## Summary\n";

const SET: [&str; 4] = [
    "--set",
    "title=[CRASH] on start",
    "--set",
    "summary=It fails at once.",
];

/// Generous bounds for a loaded machine; nothing waits this long when all is well.
const PATIENCE: Duration = Duration::from_secs(60);

fn gh(dir: &Path, script: &str) {
    use std::os::unix::fs::PermissionsExt as _;
    let path = dir.join("bin/gh");
    fs::write(&path, script).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
}

fn command(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_issue-composer"));
    let mut path = dir.join("bin").into_os_string();
    path.push(":");
    path.push(std::env::var_os("PATH").unwrap_or_default());
    cmd.env("PATH", path)
        .env("HOME", dir.join("home"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("TMPDIR", dir.join("tmp"))
        .env("RECORD_DIR", dir.join("rec"))
        .env("NO_COLOR", "1")
        .args(args);
    cmd
}

fn scratch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["bin", "rec", "data", "home", "tmp"] {
        fs::create_dir(dir.path().join(sub)).unwrap();
    }
    fs::write(dir.path().join("crash.md"), TEMPLATE).unwrap();
    dir
}

fn stopped_while_gh_runs(signal: Signal, name: &str) {
    let dir = scratch();
    let dir = dir.path();
    gh(dir, HANGS);
    let template = dir.join("crash.md");
    let mut child = command(dir, &["render", template.to_str().unwrap(), "--gh"])
        .args(SET)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pids = Pids(vec![
        recorded(&dir.join("rec/pid")),
        recorded(&dir.join("rec/grandchild")),
    ]);
    kill_process(Pid::from_child(&child), signal).unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() && start.elapsed() < PATIENCE {
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(pids.gone(), "gh outlived issue-composer ({name})");
    let saved = dir.join("data/issue-composer/last-issue.json");
    assert_eq!(
        stderr,
        format!(
            "issue-composer: gh was stopped: issue-composer got {name}; kept for retry\nThe issue is saved in {}: run `issue-composer retry` to send it again (check first that it was not created after all).\n",
            saved.display()
        )
    );
    assert!(out.stdout.is_empty());
    assert!(
        fs::read_dir(dir.join("tmp")).unwrap().next().is_none(),
        "the body file is removed"
    );

    // `retry` sends what `render` would have: the same title and body.
    gh(dir, WORKS);
    let out = command(dir, &["retry"]).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "https://github.com/o/r/issues/9\n"
    );
    let rendered = command(dir, &["render", template.to_str().unwrap()])
        .args(SET)
        .output()
        .unwrap();
    assert!(rendered.stdout.ends_with(b"It fails at once.\n"));
    assert_eq!(fs::read(dir.join("rec/body")).unwrap(), rendered.stdout);
    let argv = fs::read_to_string(dir.join("rec/argv")).unwrap();
    assert!(argv.contains("--title\n[CRASH] on start\n"), "{argv}");
    assert!(!saved.exists(), "sent, so no longer kept");
}

#[test]
fn sighup_while_gh_runs_stops_it_and_retry_sends_the_body() {
    stopped_while_gh_runs(Signal::HUP, "SIGHUP");
}

#[test]
fn sigint_while_gh_runs_stops_it_and_retry_sends_the_body() {
    stopped_while_gh_runs(Signal::INT, "SIGINT");
}
