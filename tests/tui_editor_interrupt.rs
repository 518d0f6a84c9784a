//! Ctrl-C while the editor (Ctrl-E) runs is the editor's: the terminal is in cooked mode
//! then and SIGINT goes to the whole foreground process group, issue-composer with it.
//! issue-composer lets it pass (it used to end the form, stopping the editor; `ed` and
//! `read` take it as their own interrupt and go on), and so does the shell it starts
//! the editor with (dash died of it, leaving the editor on the terminal). SIGTERM and
//! SIGHUP still stop the editor, and SIGINT outside it still ends the form
//! (`tests/tui_signals.rs`).
//!
//! The real binary in a pseudo-terminal, started by a shell with job control
//! (`support::pty`, `Session::start_in_job`).

// Test helpers unwrap: a failure there is a failing test.
#![allow(clippy::unwrap_used)]

mod support;

use std::path::Path;
use std::time::{Duration, Instant};

use rustix::process::Signal;
use support::pty::Session;

/// Generous bounds for a loaded machine; nothing waits this long when all is well.
const PATIENCE: Duration = Duration::from_secs(30);

/// Waits until `path` holds `text`; its text.
fn wait_for_file(path: &Path, text: &str) -> String {
    let start = Instant::now();
    loop {
        let read = std::fs::read_to_string(path).unwrap_or_default();
        if read.contains(text) {
            return read;
        }
        assert!(
            start.elapsed() < PATIENCE,
            "{} never held {text:?}: {read:?}",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// An editor that says it started, waits for SIGINT (its `sleep` dies of it, the
/// script goes on), records it, then saves the file and exits 0.
fn interruptible_editor(dir: &Path) -> String {
    use std::os::unix::fs::PermissionsExt as _;
    let editor = dir.join("editor");
    let script = format!(
        "#!/bin/sh\n\
         got=\ntrap 'got=INT' INT\n\
         echo started > '{0}/editor-started'\n\
         while [ -z \"$got\" ]; do sleep 0.05; done\n\
         echo \"$got\" > '{0}/editor-got'\n\
         printf 'Edited after Ctrl-C' > \"$1\"\n\
         exit 0\n",
        dir.display()
    );
    std::fs::write(&editor, script).unwrap();
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    editor.to_str().unwrap().to_owned()
}

/// bug-report with a title typed and the summary open in the editor, then `interrupt`
/// while it runs: the editor gets SIGINT and saves; the form is still open with the
/// edited text, the draft holds it with the title, and Ctrl-C (a key again) quits.
fn interrupt_the_editor(interrupt: fn(&mut Session)) {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let editor = interruptible_editor(d);
    let mut s = Session::start_in_job(&["bug-report"], d, &[("VISUAL", &editor)]);
    s.wait_for("fields filled");
    s.keys(&["stopped"]);
    s.wait_for("[BUG] stopped");
    s.keys(&["\t", "\x05"]);
    wait_for_file(&d.join("editor-started"), "started");
    interrupt(&mut s);
    assert_eq!(wait_for_file(&d.join("editor-got"), "INT"), "INT\n");
    s.wait_for("Edited after Ctrl-C");
    assert_eq!(s.exit_status(), None, "the form ended:\n{}", s.screen());
    let draft = d.join("issue-composer/drafts/builtin-bug-report.yaml");
    let text = wait_for_file(&draft, "Edited after Ctrl-C");
    assert!(text.starts_with("title: \"[BUG] stopped\"\n"), "{text}");
    // The form still takes keys.
    s.keys(&[" and kept"]);
    s.wait_for("Edited after Ctrl-C and kept");
    s.keys(&["\x03"]);
    assert_eq!(s.wait_exit(), 0, "{}", s.screen());
    let text = std::fs::read_to_string(&draft).unwrap();
    assert!(text.contains("Edited after Ctrl-C and kept"), "{text}");
    assert!(text.starts_with("title: \"[BUG] stopped\"\n"), "{text}");
}

#[test]
fn sigint_to_the_process_group_while_the_editor_runs_is_the_editors() {
    interrupt_the_editor(|s| {
        let group = s.group();
        rustix::process::kill_process_group(group, Signal::INT).unwrap();
    });
}

#[test]
fn ctrl_c_typed_while_the_editor_runs_is_the_editors() {
    interrupt_the_editor(|s| {
        s.group();
        s.keys(&["\x03"]);
    });
}
