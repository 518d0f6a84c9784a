//! The form killed by a signal while a child runs: SIGTERM, SIGHUP and SIGINT (from
//! `kill`: in raw mode Ctrl-C is a key) stop the Ctrl-R command with everything it
//! started, keep the draft, give the terminal back and exit 1. SIGINT used to end the
//! process at once, the terminal left raw and the command (in a session of its own)
//! running on. SIGINT while gh runs after the form stops it the same way. (The editor:
//! `tui_signals_editor.rs`.)
//!
//! The real binary in a pseudo-terminal (`support::pty`).

// Test helpers unwrap: a failure there is a failing test.
#![allow(clippy::unwrap_used)]

mod support;

use std::path::Path;

use rustix::process::Signal;
use support::pty::{Pids, Session, assert_restored, hanging, pids, stop_while};

/// go-performance with a title typed and a command running into its baseline block (it
/// leads its group) that has started another, then waits for ever.
fn running_command(dir: &Path) -> (Session, Pids) {
    let mut s = Session::start(&["go-performance"], dir, &[]);
    s.wait_for("fields filled");
    s.keys(&["stopped"]);
    s.wait_for("[PERF] stopped");
    s.keys(&["\x0e", "\x0e", "\x12"]);
    s.wait_for("recent commands");
    s.keys(&[&hanging(dir, "command"), "\r"]);
    s.wait_for("Esc stops it");
    (s, pids(dir, "command"))
}

#[test]
fn sigterm_stops_the_command_running_into_a_field() {
    stop_while(
        running_command,
        "go-performance",
        Signal::TERM,
        "terminated by a signal",
    );
}

#[test]
fn sighup_stops_the_command_running_into_a_field() {
    stop_while(
        running_command,
        "go-performance",
        Signal::HUP,
        "the terminal was closed",
    );
}

#[test]
fn sigint_stops_the_command_running_into_a_field() {
    stop_while(
        running_command,
        "go-performance",
        Signal::INT,
        "terminated by a signal",
    );
}

/// `g` in the review: gh runs after the form has closed (the terminal given back), and
/// SIGINT (Ctrl-C there) stops it with what it started; the issue is kept for `retry`.
#[test]
fn sigint_while_gh_runs_after_the_form_stops_it_and_keeps_the_issue() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("bin")).unwrap();
    let gh = d.join("bin/gh");
    std::fs::write(&gh, format!("#!/bin/sh\n{}\n", hanging(d, "gh"))).unwrap();
    std::fs::set_permissions(&gh, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        d.join("bin").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut s = Session::start(&["bug-report", "--no-draft"], d, &[("PATH", &path)]);
    s.wait_for("fields filled");
    s.keys(&["It breaks"]);
    s.wait_for("[BUG] It breaks");
    s.keys(&["\t"]);
    s.keys(&["Saving fails."]);
    s.keys(&["\x13"]);
    s.wait_for("Ready");
    s.keys(&["g"]);
    let pids = pids(d, "gh");
    s.signal(Signal::INT);
    assert_eq!(s.wait_exit(), 1);
    assert!(pids.gone(), "gh outlived issue-composer");
    assert_restored(&s);
    let saved = d.join("issue-composer/last-issue.json");
    s.wait_for_raw(&format!(
        "issue-composer: gh was stopped: issue-composer got SIGINT; kept for retry\r\nThe issue is saved in {}: run `issue-composer retry` to send it again (check first that it was not created after all).\r\n",
        saved.display()
    ));
    let kept = std::fs::read_to_string(&saved).unwrap();
    assert!(kept.contains("\"title\": \"[BUG] It breaks\""), "{kept}");
    assert!(kept.contains("Saving fails."), "{kept}");
}
