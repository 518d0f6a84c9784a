//! The form killed by a signal while a child runs: SIGTERM, SIGHUP and SIGINT (from
//! `kill`: in raw mode Ctrl-C is a key) stop the Ctrl-R command with everything it
//! started, keep the draft, give the terminal back and exit 1. SIGINT used to end the
//! process at once, the terminal left raw and the command (in a session of its own)
//! running on. The real binary in a pseudo-terminal.

// Test helpers unwrap: a failure there is a failing test.
#![allow(clippy::unwrap_used)]

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

/// Generous bounds for a loaded machine; nothing waits this long when all is well.
const PATIENCE: Duration = Duration::from_secs(30);

struct Session {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    /// Kept open: the terminal stays there until the test ends.
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Session {
    fn start(args: &[&str], dir: &Path) -> Session {
        let size = PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        };
        let pty = native_pty_system().openpty(size).unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_issue-composer"));
        cmd.args(args);
        cmd.cwd(dir);
        cmd.env("XDG_DATA_HOME", dir);
        cmd.env("TERM", "xterm-256color");
        cmd.env("NO_COLOR", "1");
        cmd.env("SHELL", "/bin/sh");
        cmd.env_remove("DISPLAY");
        cmd.env_remove("WAYLAND_DISPLAY");
        let child = pty.slave.spawn_command(cmd).unwrap();
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

    fn signal(&self, signal: rustix::process::Signal) {
        let pid = i32::try_from(self.child.process_id().unwrap()).unwrap();
        let pid = rustix::process::Pid::from_raw(pid).unwrap();
        rustix::process::kill_process(pid, signal).unwrap();
    }

    fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.exit_code();
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

/// go-performance with a title typed and a command running into its baseline block that
/// records its pid (it leads its group) and its child's, then waits for ever.
fn running_command(dir: &Path) -> (Session, Pids) {
    let mut s = Session::start(&["go-performance"], dir);
    s.wait_for("fields filled");
    s.keys(&["stopped"]);
    s.wait_for("[PERF] stopped");
    s.keys(&["\x0e", "\x0e", "\x12"]);
    s.wait_for("recent commands");
    let line = format!(
        "sleep 1000 & echo $! > '{0}/grandchild'; echo $$ > '{0}/pid'; wait",
        dir.display()
    );
    s.keys(&[&line, "\r"]);
    s.wait_for("Esc stops it");
    let pids = Pids(vec![
        recorded(&dir.join("pid")),
        recorded(&dir.join("grandchild")),
    ]);
    (s, pids)
}

fn stop_while_a_command_runs(signal: rustix::process::Signal, said: &str) {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, pids) = running_command(dir.path());
    s.signal(signal);
    assert_eq!(s.wait_exit(), 1);
    assert!(
        pids.gone(),
        "the command outlived issue-composer ({signal:?})"
    );
    assert_restored(&s);
    let draft = dir
        .path()
        .join("issue-composer/drafts/builtin-go-performance.yaml");
    let said = format!(
        "issue-composer: {said}\r\nissue-composer: your answers are saved as a draft in {}\r\n",
        draft.display()
    );
    s.wait_for_raw(&said);
    let text = std::fs::read_to_string(&draft).unwrap();
    assert!(text.starts_with("title: \"[PERF] stopped\"\n"), "{text}");
}

#[test]
fn sigterm_stops_the_command_running_into_a_field() {
    stop_while_a_command_runs(rustix::process::Signal::TERM, "terminated by a signal");
}

#[test]
fn sighup_stops_the_command_running_into_a_field() {
    stop_while_a_command_runs(rustix::process::Signal::HUP, "the terminal was closed");
}

#[test]
fn sigint_stops_the_command_running_into_a_field() {
    stop_while_a_command_runs(rustix::process::Signal::INT, "terminated by a signal");
}
