//! Ctrl-C while the editor (Ctrl-E) runs is the editor's: the terminal is in cooked mode
//! then and SIGINT goes to the whole foreground process group, issue-composer with it.
//! issue-composer lets it pass (it used to end the form, stopping the editor; `ed` and
//! `read` take it as their own interrupt and go on), and so does the shell it starts
//! the editor with (dash died of it, leaving the editor on the terminal). SIGTERM and
//! SIGHUP still stop the editor, and SIGINT outside it still ends the form
//! (`tests/tui_signals.rs`).
//!
//! The real binary in a pseudo-terminal, started by a shell with job control, as in a
//! real terminal: issue-composer leads a process group of its own, the terminal's
//! foreground group, and the shell is outside it.

// Test helpers unwrap: a failure there is a failing test.
#![allow(clippy::unwrap_used)]

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};
use rustix::process::{Pid, Signal};

/// Generous bounds for a loaded machine; nothing waits this long when all is well.
const PATIENCE: Duration = Duration::from_secs(30);

struct Session {
    /// The shell that started issue-composer (then sleeps).
    child: Box<dyn Child + Send + Sync>,
    /// issue-composer.
    pid: i32,
    /// Where the shell writes issue-composer's exit status.
    status: std::path::PathBuf,
    writer: Box<dyn Write + Send>,
    parser: Arc<Mutex<vt100::Parser>>,
    /// Kept open: the terminal stays there until the test ends.
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Session {
    fn start(args: &[&str], dir: &Path, env: &[(&str, &str)]) -> Session {
        let size = PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        };
        let pty = native_pty_system().openpty(size).unwrap();
        let status = dir.join("exit-status");
        let mut cmd = CommandBuilder::new("sh");
        // `set -m`: the job gets a process group of its own, in the foreground.
        cmd.args([
            "-c",
            r#"set -m; "$0" "$@"; echo $? > "$IC_STATUS"; exec sleep 1000"#,
            env!("CARGO_BIN_EXE_issue-composer"),
        ]);
        cmd.args(args);
        cmd.env("IC_STATUS", &status);
        cmd.cwd(dir);
        cmd.env("XDG_DATA_HOME", dir);
        cmd.env("TERM", "xterm-256color");
        cmd.env("NO_COLOR", "1");
        cmd.env("SHELL", "/bin/sh");
        cmd.env_remove("DISPLAY");
        cmd.env_remove("WAYLAND_DISPLAY");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pty.slave.spawn_command(cmd).unwrap();
        let shell = child.process_id().unwrap();
        let pid = first_child(shell);
        drop(pty.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            std::num::NonZero::new(40).unwrap(),
            std::num::NonZero::new(120).unwrap(),
            0,
        )));
        let mut reader = pty.master.try_clone_reader().unwrap();
        let p = Arc::clone(&parser);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().unwrap().process(&buf[..n]);
            }
        });
        let writer = pty.master.take_writer().unwrap();
        Session {
            child,
            pid,
            status,
            writer,
            parser,
            _master: pty.master,
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Sends keys one at a time, so escape sequences are not merged.
    fn keys(&mut self, keys: &[&str]) {
        for k in keys {
            self.writer.write_all(k.as_bytes()).unwrap();
            self.writer.flush().unwrap();
            std::thread::sleep(Duration::from_millis(15));
        }
    }

    fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while !self.screen().contains(text) {
            assert!(
                start.elapsed() < PATIENCE,
                "timed out waiting for {text:?}; screen:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// issue-composer's process group, checked to be its own and the terminal's
    /// foreground group, as under an interactive shell.
    fn group(&self) -> Pid {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid)).unwrap();
        let fields: Vec<&str> = stat[stat.rfind(')').unwrap() + 2..]
            .split_whitespace()
            .collect();
        // After the state: ppid, pgrp, session, tty, tpgid.
        let (group, foreground) = (fields[2], fields[5]);
        assert_eq!(group, self.pid.to_string(), "{stat}");
        assert_eq!(foreground, group, "{stat}");
        Pid::from_raw(self.pid).unwrap()
    }

    /// issue-composer's exit status, once it has exited.
    fn exit_status(&self) -> Option<u32> {
        std::fs::read_to_string(&self.status)
            .ok()
            .and_then(|s| s.trim().parse().ok())
    }

    fn wait_exit(&self) -> u32 {
        let start = Instant::now();
        loop {
            if let Some(status) = self.exit_status() {
                return status;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "did not exit; screen:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// The first child `parent` starts.
fn first_child(parent: u32) -> i32 {
    let start = Instant::now();
    loop {
        let children = std::fs::read_to_string(format!("/proc/{parent}/task/{parent}/children"));
        if let Some(pid) = children
            .ok()
            .and_then(|c| c.split_whitespace().next()?.parse().ok())
        {
            return pid;
        }
        assert!(start.elapsed() < PATIENCE, "the shell started nothing");
        std::thread::sleep(Duration::from_millis(5));
    }
}

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
    let mut s = Session::start(&["bug-report"], d, &[("VISUAL", &editor)]);
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
