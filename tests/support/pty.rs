//! The real binary in a pseudo-terminal, started by a shell that leads the session as in
//! a real terminal, so that issue-composer's exit hangs nothing up; the processes a test
//! starts there, and a signal sent while one runs.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};
use rustix::process::Signal;

/// Generous bounds for a loaded machine; nothing waits this long when all is well.
const PATIENCE: Duration = Duration::from_secs(30);

pub struct Session {
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
    pub fn start(args: &[&str], dir: &Path, env: &[(&str, &str)]) -> Session {
        Self::spawn(
            r#""$0" "$@"; echo $? > "$IC_STATUS"; exec sleep 1000"#,
            args,
            dir,
            env,
        )
    }

    /// As [`Session::start`], by a shell with job control as in a real terminal:
    /// issue-composer leads a process group of its own, the terminal's foreground group,
    /// and the shell is outside it.
    pub fn start_in_job(args: &[&str], dir: &Path, env: &[(&str, &str)]) -> Session {
        // `set -m`: the job gets a process group of its own, in the foreground.
        Self::spawn(
            r#"set -m; "$0" "$@"; echo $? > "$IC_STATUS"; exec sleep 1000"#,
            args,
            dir,
            env,
        )
    }

    fn spawn(script: &str, args: &[&str], dir: &Path, env: &[(&str, &str)]) -> Session {
        let size = PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        };
        let pty = native_pty_system().openpty(size).unwrap();
        let status = dir.join("exit-status");
        let mut cmd = CommandBuilder::new("sh");
        cmd.args(["-c", script, env!("CARGO_BIN_EXE_issue-composer")]);
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

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    pub fn raw(&self) -> String {
        String::from_utf8_lossy(&self.raw.lock().unwrap()).into_owned()
    }

    /// Sends keys one at a time, so escape sequences are not merged.
    pub fn keys(&mut self, keys: &[&str]) {
        for k in keys {
            self.writer.write_all(k.as_bytes()).unwrap();
            self.writer.flush().unwrap();
            std::thread::sleep(Duration::from_millis(15));
        }
    }

    pub fn wait_for(&self, text: &str) {
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
    pub fn wait_for_raw(&self, text: &str) {
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

    pub fn signal(&self, signal: Signal) {
        let pid = rustix::process::Pid::from_raw(self.pid).unwrap();
        rustix::process::kill_process(pid, signal).unwrap();
    }

    /// issue-composer's process group, checked to be its own and the terminal's
    /// foreground group (see [`Session::start_in_job`]).
    pub fn group(&self) -> rustix::process::Pid {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid)).unwrap();
        let fields: Vec<&str> = stat[stat.rfind(')').unwrap() + 2..]
            .split_whitespace()
            .collect();
        // After the state: ppid, pgrp, session, tty, tpgid.
        let (group, foreground) = (fields[2], fields[5]);
        assert_eq!(group, self.pid.to_string(), "{stat}");
        assert_eq!(foreground, group, "{stat}");
        rustix::process::Pid::from_raw(self.pid).unwrap()
    }

    /// issue-composer's exit status once it has exited (128 + the signal's number when
    /// one killed it).
    pub fn exit_status(&self) -> Option<u32> {
        std::fs::read_to_string(&self.status)
            .ok()
            .and_then(|s| s.trim().parse().ok())
    }

    /// Waits for [`Session::exit_status`].
    pub fn wait_exit(&mut self) -> u32 {
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

/// The pid a command wrote to `path`, once it has.
pub fn recorded(path: &Path) -> i32 {
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
pub struct Pids(pub Vec<i32>);

impl Pids {
    /// Whether all are gone (dead, or zombies waiting to be reaped), polled within
    /// [`PATIENCE`].
    pub fn gone(&self) -> bool {
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
pub fn assert_restored(s: &Session) {
    for seq in ["\x1b[?1049l", "\x1b[?2004l", "\x1b[?1000l"] {
        s.wait_for_raw(seq);
    }
}

/// Records its pid and its child's in `dir` (`<what>-pid`, `<what>-grandchild`), then
/// waits for ever.
pub fn hanging(dir: &Path, what: &str) -> String {
    format!(
        "sleep 1000 & echo $! > '{0}/{what}-grandchild'; echo $$ > '{0}/{what}-pid'; wait",
        dir.display()
    )
}

pub fn pids(dir: &Path, what: &str) -> Pids {
    Pids(vec![
        recorded(&dir.join(format!("{what}-pid"))),
        recorded(&dir.join(format!("{what}-grandchild"))),
    ])
}

/// Sends `signal` while a child runs: issue-composer exits 1 saying `said`, the child and
/// what it started are gone, the terminal is restored and the draft holds the title.
pub fn stop_while(
    running: fn(&Path) -> (Session, Pids),
    template: &str,
    signal: Signal,
    said: &str,
) {
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
