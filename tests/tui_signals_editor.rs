//! The form killed by a signal while the editor has the terminal: SIGTERM and SIGHUP
//! stop the editor and what it started, keep the draft, give the terminal back and exit
//! 1 (the watchdog used to end the process two seconds later without saving the draft,
//! the editor left running on the terminal). SIGINT then is the editor's
//! (`tui_editor_interrupt.rs`). (The Ctrl-R command: `tui_signals.rs`.)
//!
//! The real binary in a pseudo-terminal (`support::pty`).

// Test helpers unwrap: a failure there is a failing test.
#![allow(clippy::unwrap_used)]

mod support;

use std::path::Path;

use rustix::process::Signal;
use support::pty::{Pids, Session, hanging, pids, stop_while};

/// bug-report with a title typed and the summary open in an editor that has started
/// another process, then waits for ever.
fn running_editor(dir: &Path) -> (Session, Pids) {
    use std::os::unix::fs::PermissionsExt as _;
    let editor = dir.join("editor");
    std::fs::write(&editor, format!("#!/bin/sh\n{}\n", hanging(dir, "editor"))).unwrap();
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    let editor = editor.to_str().unwrap();
    let mut s = Session::start(&["bug-report"], dir, &[("VISUAL", editor)]);
    s.wait_for("fields filled");
    s.keys(&["stopped"]);
    s.wait_for("[BUG] stopped");
    s.keys(&["\t", "\x05"]);
    (s, pids(dir, "editor"))
}

#[test]
fn sigterm_stops_the_editor() {
    stop_while(
        running_editor,
        "bug-report",
        Signal::TERM,
        "terminated by a signal",
    );
}

#[test]
fn sighup_stops_the_editor() {
    stop_while(
        running_editor,
        "bug-report",
        Signal::HUP,
        "the terminal was closed",
    );
}
