//! Running gh or glab so that it can neither stall us nor outlive us: the child gets a
//! process group of its own, killed as a whole on a timeout or when we get SIGINT, SIGTERM
//! or SIGHUP, and both of its output pipes are read as they fill, so a chatty child cannot
//! deadlock against a full pipe.

use std::io::{self, Read};
use std::os::unix::process::CommandExt as _;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use signal_hook::SigId;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

/// How long gh or glab may run when `--gh-timeout` does not say.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(120);

/// How often the wait looks at the child, the clock and the signals.
const POLL: Duration = Duration::from_millis(50);

/// How long output may keep coming after the child exits, from something it started that
/// still holds the pipes; after that we go on with what came.
const DRAIN: Duration = Duration::from_secs(2);

/// How long output may keep coming after a timeout killed the child's group: its pipes
/// close with it, unless something that left the group holds them.
const KILLED_DRAIN: Duration = Duration::from_millis(250);

/// The signals that stop the child, watched from before anything needs cleaning up (the
/// child, its temporary body file) until it is gone.
///
/// signal-hook cannot restore a signal's default action, so after a watch these signals
/// are ignored: sending is the last thing the process does, and the exit follows.
pub struct Watch {
    got: Arc<AtomicUsize>,
    ids: Vec<SigId>,
}

impl Watch {
    pub fn start() -> io::Result<Watch> {
        let got = Arc::new(AtomicUsize::new(0));
        let mut watch = Watch {
            got,
            ids: Vec::new(),
        };
        for signal in [SIGINT, SIGTERM, SIGHUP] {
            let value = usize::try_from(signal).unwrap_or(usize::MAX);
            let id = signal_hook::flag::register_usize(signal, Arc::clone(&watch.got), value)?;
            watch.ids.push(id);
        }
        Ok(watch)
    }

    /// The name of the signal that came, if one did.
    pub fn received(&self) -> Option<&'static str> {
        let got = self.got.load(Ordering::SeqCst);
        [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM"), (SIGHUP, "SIGHUP")]
            .into_iter()
            .find(|&(signal, _)| usize::try_from(signal).is_ok_and(|s| s == got))
            .map(|(_, name)| name)
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        for id in self.ids.drain(..) {
            signal_hook::low_level::unregister(id);
        }
    }
}

/// What the child printed, and how it ended.
#[derive(Debug)]
pub struct Output {
    pub status: ExitStatus,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

/// Why the child did not run to its end. In every case it is gone when this is returned.
#[derive(Debug)]
pub enum RunError {
    Io(io::Error),
    /// What it had printed by then (a prompt it waited on, an error) is kept to be shown.
    TimedOut {
        stdout: Vec<u8>,
        stderr: Vec<u8>,
    },
    /// The signal we got (named).
    Signal(&'static str),
}

/// Runs `command` with standard input empty until it exits, `timeout` passes or `watch`
/// sees a signal; in the last two cases its whole process group is killed.
pub fn run(mut command: Command, timeout: Duration, watch: &Watch) -> Result<Output, RunError> {
    if let Some(signal) = watch.received() {
        return Err(RunError::Signal(signal));
    }
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .spawn()
        .map_err(RunError::Io)?;
    let (sender, chunks) = mpsc::channel();
    let readers = read_on_thread(child.stdout.take(), Stream::Out, sender.clone())
        .and_then(|()| read_on_thread(child.stderr.take(), Stream::Err, sender));
    if let Err(err) = readers {
        kill(&mut child);
        return Err(RunError::Io(err));
    }
    // A timeout too far off to represent is no timeout.
    let deadline = Instant::now().checked_add(timeout);
    let mut output = Captured::default();
    let status = loop {
        output.take(&chunks, POLL);
        if let Some(signal) = watch.received() {
            kill(&mut child);
            return Err(RunError::Signal(signal));
        }
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if deadline.is_none_or(|d| Instant::now() < d) => {}
            Ok(None) => {
                kill(&mut child);
                output.drain(&chunks, KILLED_DRAIN);
                return Err(RunError::TimedOut {
                    stdout: output.stdout,
                    stderr: output.stderr,
                });
            }
            Err(err) => {
                kill(&mut child);
                return Err(RunError::Io(err));
            }
        }
    };
    output.drain(&chunks, DRAIN);
    Ok(Output {
        status,
        stdout: output.stdout,
        stderr: output.stderr,
    })
}

/// Kills the child's process group (it leads it), so what it started goes too, and reaps it.
fn kill(child: &mut Child) {
    let group = rustix::process::Pid::from_child(child);
    let _ = rustix::process::kill_process_group(group, rustix::process::Signal::KILL);
    let _ = child.wait();
}

#[derive(Debug, Clone, Copy)]
enum Stream {
    Out,
    Err,
}

/// Sends what `pipe` gives, chunk by chunk, until it closes. The thread is never joined:
/// a grandchild that escaped the group may hold the pipe open forever.
fn read_on_thread(
    pipe: Option<impl Read + Send + 'static>,
    stream: Stream,
    sender: Sender<(Stream, Vec<u8>)>,
) -> io::Result<()> {
    let Some(mut pipe) = pipe else {
        return Ok(());
    };
    std::thread::Builder::new()
        .name("child-output".into())
        .spawn(move || {
            let mut buf = [0; 8192];
            loop {
                match pipe.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => {
                        if sender.send((stream, buf[..n].to_vec())).is_err() {
                            break;
                        }
                    }
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(_) => break,
                }
            }
        })?;
    Ok(())
}

/// Output gathered so far; `complete` once both pipes have closed.
#[derive(Debug, Default)]
struct Captured {
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    complete: bool,
}

impl Captured {
    /// Takes what arrives until both pipes close or `within` passes.
    fn drain(&mut self, chunks: &Receiver<(Stream, Vec<u8>)>, within: Duration) {
        let until = Instant::now() + within;
        while !self.complete && Instant::now() < until {
            self.take(chunks, POLL);
        }
    }

    /// Takes what has arrived, waiting up to `wait` for the first chunk.
    fn take(&mut self, chunks: &Receiver<(Stream, Vec<u8>)>, wait: Duration) {
        if self.complete {
            std::thread::sleep(wait);
            return;
        }
        let mut next = chunks.recv_timeout(wait);
        loop {
            match next {
                Ok((Stream::Out, bytes)) => self.stdout.extend(bytes),
                Ok((Stream::Err, bytes)) => self.stderr.extend(bytes),
                Err(RecvTimeoutError::Disconnected) => {
                    self.complete = true;
                    return;
                }
                Err(RecvTimeoutError::Timeout) => return,
            }
            next = chunks.try_recv().map_err(|e| match e {
                mpsc::TryRecvError::Empty => RecvTimeoutError::Timeout,
                mpsc::TryRecvError::Disconnected => RecvTimeoutError::Disconnected,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sh(script: &str) -> Command {
        let mut command = Command::new("sh");
        command.args(["-c", script]);
        command
    }

    #[test]
    fn both_pipes_are_read_while_waiting() {
        let watch = Watch::start().unwrap();
        // More than a pipe holds (64 KiB) on each stream: reading one after the other
        // would deadlock.
        let script = "head -c 200000 /dev/zero; head -c 200000 /dev/zero >&2; echo done";
        let output = run(sh(script), Duration::from_secs(60), &watch).unwrap();
        assert!(output.status.success());
        assert_eq!(output.stdout.len(), 200_005);
        assert_eq!(output.stderr.len(), 200_000);
    }

    #[test]
    fn a_child_past_its_time_is_killed_with_its_group() {
        let watch = Watch::start().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let pid_file = dir.path().join("pid");
        // The grandchild `sleep` holds the pipes; it must die with the group.
        let script = format!("sleep 1000 & echo $! > '{}'; wait", pid_file.display());
        let err = run(sh(&script), Duration::from_millis(500), &watch).unwrap_err();
        assert!(matches!(err, RunError::TimedOut { .. }), "{err:?}");
        let pid = std::fs::read_to_string(&pid_file).unwrap();
        // Killed; orphaned, it may stay a zombie until init reaps it.
        let gone = (0..100).any(|_| {
            std::thread::sleep(POLL);
            std::fs::read_to_string(format!("/proc/{}/stat", pid.trim()))
                .map_or(true, |stat| stat.contains(") Z "))
        });
        assert!(gone, "the grandchild outlived the timeout");
    }

    #[test]
    fn what_a_child_printed_before_its_timeout_is_kept() {
        let watch = Watch::start().unwrap();
        let script = "echo out; echo 'gh auth login' >&2; exec sleep 1000";
        let err = run(sh(script), Duration::from_millis(500), &watch).unwrap_err();
        let RunError::TimedOut { stdout, stderr } = err else {
            panic!("{err:?}");
        };
        assert_eq!(
            (&stdout[..], &stderr[..]),
            (&b"out\n"[..], &b"gh auth login\n"[..])
        );
    }
}
