//! The form killed by a signal while a child runs: SIGTERM, SIGHUP and SIGINT (from
//! `kill`: in raw mode Ctrl-C is a key) stop the Ctrl-R command with everything it
//! started, keep the draft, give the terminal back and exit 1. SIGINT used to end the
//! process at once, the terminal left raw and the command (in a session of its own)
//! running on. SIGTERM and SIGHUP while the editor has the terminal stop the editor and
//! what it started, then leave the same way (the watchdog used to end the process two
//! seconds later without saving the draft, the editor left running on the terminal);
//! SIGINT then is the editor's (`tests/tui_editor_interrupt.rs`).
//!
//! The real binary in a pseudo-terminal, started by a shell that leads the session as in
//! a real terminal, so that issue-composer's exit hangs nothing up.

// Test helpers unwrap: a failure there is a failing test.
#![allow(clippy::unwrap_used)]

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};
use rustix::process::Signal;

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
    raw: Arc<Mutex<Vec<u8>>>,
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
        cmd.args([
            "-c",
            r#""$0" "$@"; echo $? > "$IC_STATUS"; exec sleep 1000"#,
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
        let raw = Arc::new(Mutex::new(Vec::new()));
        let mut reader = pty.master.try_clone_reader().unwrap();
        let (p, r) = (Arc::clone(&parser), Arc::clone(&raw));
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().unwrap().process(&buf[..n]);
                r.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        let writer = pty.master.take_writer().unwrap();
        Session {
            child,
            pid,
            status,
            writer,
            parser,
            raw,
            _master: pty.master,
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    fn raw(&self) -> String {
        String::from_utf8_lossy(&self.raw.lock().unwrap()).into_owned()
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

    /// Waits until the raw output (read to the end) holds `text`.
    fn wait_for_raw(&self, text: &str) {
        let start = Instant::now();
        while !self.raw().contains(text) {
            assert!(
                start.elapsed() < PATIENCE,
                "never wrote {text:?}; wrote:\n{}",
                self.raw()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn signal(&self, signal: Signal) {
        let pid = rustix::process::Pid::from_raw(self.pid).unwrap();
        rustix::process::kill_process(pid, signal).unwrap();
    }

    /// issue-composer's exit status (128 + the signal's number when one killed it).
    fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        loop {
            if let Some(status) = std::fs::read_to_string(&self.status)
                .ok()
                .and_then(|s| s.trim().parse().ok())
            {
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

/// The pid a command wrote to `path`, once it has.
fn recorded(path: &Path) -> i32 {
    let start = Instant::now();
    loop {
        if let Some(pid) = std::fs::read_to_string(path)
            .ok()
            .and_then(|s| s.trim().parse().ok())
        {
            return pid;
        }
        assert!(
            start.elapsed() < PATIENCE,
            "{} never written",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn alive(pid: i32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| !stat.contains(") Z "))
}

/// Processes a test started; killed when it ends, whatever it found.
struct Pids(Vec<i32>);

impl Pids {
    /// Whether all are gone (dead, or zombies waiting to be reaped), polled within
    /// [`PATIENCE`].
    fn gone(&self) -> bool {
        let start = Instant::now();
        while start.elapsed() < PATIENCE {
            if !self.0.iter().any(|&pid| alive(pid)) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }
}

impl Drop for Pids {
    fn drop(&mut self) {
        for &pid in self.0.iter().filter(|&&pid| alive(pid)) {
            if let Some(pid) = rustix::process::Pid::from_raw(pid) {
                let _ = rustix::process::kill_process(pid, rustix::process::Signal::KILL);
            }
        }
    }
}

/// Every mode the UI turned on is off again in what it wrote.
fn assert_restored(s: &Session) {
    for seq in ["\x1b[?1049l", "\x1b[?2004l", "\x1b[?1000l"] {
        s.wait_for_raw(seq);
    }
}

/// Records its pid and its child's in `dir` (`<what>-pid`, `<what>-grandchild`), then
/// waits for ever.
fn hanging(dir: &Path, what: &str) -> String {
    format!(
        "sleep 1000 & echo $! > '{0}/{what}-grandchild'; echo $$ > '{0}/{what}-pid'; wait",
        dir.display()
    )
}

fn pids(dir: &Path, what: &str) -> Pids {
    Pids(vec![
        recorded(&dir.join(format!("{what}-pid"))),
        recorded(&dir.join(format!("{what}-grandchild"))),
    ])
}

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

/// Sends `signal` while a child runs: issue-composer exits 1 saying `said`, the child and
/// what it started are gone, the terminal is restored and the draft holds the title.
fn stop_while(running: fn(&Path) -> (Session, Pids), template: &str, signal: Signal, said: &str) {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, pids) = running(dir.path());
    s.signal(signal);
    assert_eq!(s.wait_exit(), 1);
    assert!(
        pids.gone(),
        "the child outlived issue-composer ({signal:?})"
    );
    assert_restored(&s);
    let draft = dir
        .path()
        .join(format!("issue-composer/drafts/builtin-{template}.yaml"));
    let said = format!(
        "issue-composer: {said}\r\nissue-composer: your answers are saved as a draft in {}\r\n",
        draft.display()
    );
    s.wait_for_raw(&said);
    let text = std::fs::read_to_string(&draft).unwrap();
    assert!(text.starts_with("title: \"["), "{text}");
    assert!(text.contains("] stopped\"\n"), "{text}");
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
