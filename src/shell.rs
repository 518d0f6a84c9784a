//! Running a command line the user typed (Ctrl-R in the form) with their shell, in the
//! repository's root, without a terminal: standard input is empty, standard output and
//! error are read as they come and kept interleaved. The command leads a process group
//! of its own, so stopping it stops what it started too. Progress and the end are
//! reported to a callback from a thread; the caller never waits.
//!
//! Memory is bounded whatever the command prints (`yes` included): the reading thread
//! writes straight into a `Transcript` that keeps the first [`MAX_OUTPUT`] bytes and
//! the latest few KiB, and counts the rest; there is no queue of chunks between the
//! reader and the watcher to grow when output comes faster than it is looked at. The
//! pipe keeps being drained, so the command never blocks on a full pipe.

use std::io::{self, Read};
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use rustix::process::{Pid, Signal, kill_process_group};

use crate::text::output::resolve;

/// The most output kept; the rest is counted and dropped.
pub const MAX_OUTPUT: usize = 1 << 20;

/// How much of the latest output the progress lines are taken from.
const TAIL_BYTES: usize = 16 * 1024;

/// Lines of progress reported while the command runs.
pub const TAIL_LINES: usize = 5;

/// How often progress is reported (at most).
const PROGRESS: Duration = Duration::from_millis(100);

/// How long a stopped command gets to end after SIGTERM before its group gets SIGKILL.
const GRACE: Duration = Duration::from_millis(500);

/// How long output may keep coming after the command exits, from something it left
/// running that holds the pipes.
const DRAIN: Duration = Duration::from_secs(1);

/// How often the watcher looks at the command and its output.
const POLL: Duration = Duration::from_millis(20);

/// How much the reader takes from the pipe at once.
const READ_BYTES: usize = 64 * 1024;

/// What the runner reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// The last lines of output so far.
    Progress(Vec<String>),
    Finished(Finished),
}

/// How a command ended, and what it printed (as plain text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finished {
    pub end: End,
    pub output: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum End {
    /// The exit code.
    Exited(i32),
    /// Killed by a signal (its number) it did not ask for.
    Signalled(i32),
    /// Stopped on request.
    Stopped,
    /// It could not be started.
    NotStarted(String),
}

impl End {
    pub fn success(&self) -> bool {
        *self == End::Exited(0)
    }
}

impl std::fmt::Display for End {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            End::Exited(code) => write!(f, "exit status {code}"),
            End::Signalled(signal) => write!(f, "killed by signal {signal}"),
            End::Stopped => f.write_str("stopped"),
            End::NotStarted(why) => write!(f, "could not start: {why}"),
        }
    }
}

/// A running command. Dropping it kills the command's process group.
#[derive(Debug)]
pub struct Running {
    stop: Arc<AtomicBool>,
    group: Pid,
    finished: Arc<AtomicBool>,
    transcript: Shared,
}

/// What the runner holds of the output at a moment, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Held {
    /// Kept for the field: at most [`MAX_OUTPUT`].
    pub kept: usize,
    /// The latest output, for the progress lines: at most twice 16 KiB.
    pub tail: usize,
    /// Read from the pipe and not kept.
    pub dropped: usize,
}

impl Running {
    /// Asks the command to stop: SIGTERM to its group, then SIGKILL if it lingers. The
    /// end is reported as [`End::Stopped`].
    pub fn stop(&self) {
        self.stop.store(true, Ordering::SeqCst);
    }

    /// How much output is held so far (bounded, however much the command prints).
    pub fn held(&self) -> Held {
        let t = lock(&self.transcript);
        Held {
            kept: t.kept.len(),
            tail: t.tail.len(),
            dropped: t.dropped,
        }
    }
}

/// The transcript, shared by the reading thread (which adds to it) and the watcher.
type Shared = Arc<Mutex<Transcript>>;

/// The transcript even if a thread panicked holding it: it is plain bytes and counts.
fn lock(shared: &Shared) -> MutexGuard<'_, Transcript> {
    shared
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Drop for Running {
    fn drop(&mut self) {
        if !self.finished.load(Ordering::SeqCst) {
            let _ = kill_process_group(self.group, Signal::KILL);
        }
    }
}

/// The user's shell (`$SHELL`), or `sh`.
pub fn shell() -> String {
    std::env::var("SHELL")
        .ok()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "sh".to_owned())
}

/// The shell to run: a path as given, a name found in `PATH`; `None` when it is not an
/// executable file (told apart here, since `setsid` would start and then fail).
fn program(shell: &str) -> Option<PathBuf> {
    if shell.contains('/') {
        Some(PathBuf::from(shell)).filter(|p| crate::paths::is_executable(p))
    } else {
        crate::paths::find_program(shell)
    }
}

/// The repository `start` is in (the folder holding `.git`), else `start` itself.
pub fn repo_root(start: &Path) -> PathBuf {
    start
        .ancestors()
        .find(|d| d.join(".git").exists())
        .unwrap_or(start)
        .to_path_buf()
}

/// Starts `line` with `shell -c` in `cwd`; `report` gets progress and then the end
/// (also when it could not start, in which case this returns `None`).
pub fn start(
    shell: &str,
    line: &str,
    cwd: &Path,
    report: impl Fn(Event) + Send + 'static,
) -> Option<Running> {
    // One pipe for both streams: the output keeps the order it was written in (two
    // pipes read on two threads would interleave by chance).
    let pipe =
        std::io::pipe().and_then(|(reader, writer)| Ok((reader, writer.try_clone()?, writer)));
    let (reader, out, err) = match pipe {
        Ok(pipe) => pipe,
        Err(err) => {
            report(Event::Finished(Finished {
                end: End::NotStarted(err.to_string()),
                output: String::new(),
            }));
            return None;
        }
    };
    let Some(program) = program(shell) else {
        report(Event::Finished(Finished {
            end: End::NotStarted(format!("{shell} is not an executable program")),
            output: String::new(),
        }));
        return None;
    };
    // A session of its own (util-linux's `setsid`, which execs the shell in place): with
    // no controlling terminal, the command cannot draw over the form or read keys through
    // /dev/tty. It leads its session's process group, killed as a whole as before.
    // Without `setsid`, a process group of its own.
    let mut command = if let Some(setsid) = crate::paths::find_program("setsid") {
        let mut command = Command::new(setsid);
        command.arg(program);
        command
    } else {
        let mut command = Command::new(program);
        command.process_group(0);
        command
    };
    // The command (and with it our copies of the pipe's writing end) is dropped once it
    // has spawned, so the reader sees the end when the child closes it.
    let spawned = command
        .arg("-c")
        .arg(line)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err)
        .spawn();
    drop(command);
    let mut child = match spawned {
        Ok(child) => child,
        Err(err) => {
            report(Event::Finished(Finished {
                end: End::NotStarted(err.to_string()),
                output: String::new(),
            }));
            return None;
        }
    };
    let group = Pid::from_child(&child);
    let transcript = Shared::default();
    let writer = Arc::clone(&transcript);
    let reading = std::thread::Builder::new()
        .name("command-output".into())
        .spawn(move || read_pipe(Box::new(reader), &writer));
    if let Err(err) = reading {
        let _ = kill_process_group(group, Signal::KILL);
        let _ = child.wait();
        report(Event::Finished(Finished {
            end: End::NotStarted(err.to_string()),
            output: String::new(),
        }));
        return None;
    }
    let running = Running {
        stop: Arc::new(AtomicBool::new(false)),
        group,
        finished: Arc::new(AtomicBool::new(false)),
        transcript: Arc::clone(&transcript),
    };
    let stop = Arc::clone(&running.stop);
    let finished = Arc::clone(&running.finished);
    let watched = std::thread::Builder::new()
        .name("command".into())
        .spawn(move || {
            let end = watch(&mut child, &transcript, &stop, &report);
            finished.store(true, Ordering::SeqCst);
            report(Event::Finished(end));
        });
    // Without its watcher the command cannot be followed: it goes (when `running` drops).
    watched.ok().map(|_| running)
}

/// Adds what `pipe` gives to the transcript until it closes, or until the watcher has
/// finished with it (then the pipe is closed: a writer left behind gets SIGPIPE rather
/// than being read for ever).
fn read_pipe(mut pipe: Box<dyn Read + Send>, transcript: &Shared) {
    let mut buf = vec![0; READ_BYTES];
    loop {
        match pipe.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                let mut t = lock(transcript);
                if t.abandoned {
                    return;
                }
                t.add(&buf[..n]);
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => break,
        }
    }
    lock(transcript).closed = true;
}

/// Output kept so far: the first [`MAX_OUTPUT`] bytes, the latest bytes for progress, and
/// how many bytes did not fit. Its size is bounded whatever comes.
#[derive(Debug, Default)]
struct Transcript {
    kept: Vec<u8>,
    tail: Vec<u8>,
    dropped: usize,
    /// The pipe closed.
    closed: bool,
    /// The watcher is done with it: the reader stops.
    abandoned: bool,
    /// New output since the last progress report.
    fresh: bool,
}

impl Transcript {
    fn add(&mut self, bytes: &[u8]) {
        let room = MAX_OUTPUT - self.kept.len();
        let keep = bytes.len().min(room);
        self.kept.extend_from_slice(&bytes[..keep]);
        self.dropped = self.dropped.saturating_add(bytes.len() - keep);
        // Only the end of a large read can matter to the progress lines.
        let from = bytes.len().saturating_sub(TAIL_BYTES);
        self.tail.extend_from_slice(&bytes[from..]);
        if self.tail.len() > 2 * TAIL_BYTES {
            self.tail.drain(..self.tail.len() - TAIL_BYTES);
        }
        self.fresh = true;
    }

    fn progress(&mut self) -> Option<Vec<String>> {
        if !std::mem::take(&mut self.fresh) {
            return None;
        }
        let text = resolve(&self.tail);
        let lines: Vec<&str> = text.lines().collect();
        let from = lines.len().saturating_sub(TAIL_LINES);
        Some(lines[from..].iter().map(|l| (*l).to_owned()).collect())
    }

    fn text(&self) -> String {
        let mut text = resolve(&self.kept);
        if self.dropped > 0 {
            let dropped = self.dropped;
            text.push_str("\n[output cut at 1 MiB: ");
            text.push_str(&dropped.to_string());
            text.push_str(" more bytes not kept]");
        }
        text
    }
}

/// Follows the command to its end (or stops it when asked), reporting progress. It
/// looks every [`POLL`], however fast output comes: reading is another thread's work.
fn watch(
    child: &mut Child,
    transcript: &Shared,
    stop: &AtomicBool,
    report: &impl Fn(Event),
) -> Finished {
    let group = Pid::from_child(child);
    let mut reported = Instant::now();
    let mut stopping: Option<Instant> = None;
    let status = loop {
        std::thread::sleep(POLL);
        if reported.elapsed() >= PROGRESS {
            reported = Instant::now();
            // Taken under the lock, reported outside it.
            let lines = lock(transcript).progress();
            if let Some(lines) = lines {
                report(Event::Progress(lines));
            }
        }
        if stop.load(Ordering::SeqCst) && stopping.is_none() {
            stopping = Some(Instant::now());
            let _ = kill_process_group(group, Signal::TERM);
        }
        if stopping.is_some_and(|s| s.elapsed() >= GRACE) {
            let _ = kill_process_group(group, Signal::KILL);
        }
        match child.try_wait() {
            Ok(Some(status)) => break Ok(status),
            Ok(None) => {}
            Err(err) => {
                let _ = kill_process_group(group, Signal::KILL);
                let _ = child.wait();
                break Err(err);
            }
        }
    };
    if stopping.is_some() {
        // What the command started goes too, whether or not it heeded SIGTERM.
        let _ = kill_process_group(group, Signal::KILL);
    }
    let drained = Instant::now() + DRAIN;
    while !lock(transcript).closed && Instant::now() < drained {
        std::thread::sleep(POLL);
    }
    let end = match status {
        _ if stopping.is_some() => End::Stopped,
        Ok(status) => end_of(status),
        Err(err) => End::NotStarted(err.to_string()),
    };
    let output = {
        let mut t = lock(transcript);
        t.abandoned = true;
        t.text()
    };
    Finished { end, output }
}

fn end_of(status: ExitStatus) -> End {
    use std::os::unix::process::ExitStatusExt as _;
    match (status.code(), status.signal()) {
        (Some(code), _) => End::Exited(code),
        (None, Some(signal)) => End::Signalled(signal),
        (None, None) => End::Exited(-1),
    }
}

#[cfg(test)]
mod tests;
