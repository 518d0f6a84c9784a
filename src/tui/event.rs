//! Input from the real terminal: crossterm events, SIGTERM, SIGHUP and SIGINT (but
//! while the editor runs), and a closed terminal. crossterm reads a hung-up terminal in a loop (each read returns
//! nothing and it tries again until its timeout), so the terminal is checked for a
//! hang-up around each read, and a watchdog ends the process if the loop still gets
//! stuck (stopping the editor first, if the loop waits on it).
//!
//! crossterm is built with `use-dev-tty`: its reader polls the terminal level-triggered
//! and hands out what it has parsed before it polls, so a burst of any size is read to
//! its end. That reader never looks when asked to wait zero time, so the shortest wait
//! here is [`MIN_WAIT`].
//!
//! An idle loop waits without a timeout, and crossterm retries its wait when a signal
//! interrupts it; so the watchdog, which sleeps until a signal or a hang-up, wakes the
//! loop with a SIGWINCH (read as a resize) for it to see what happened.

use std::io::{ErrorKind, stdin};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crossterm::event::{self, Event};
use rustix::event::{PollFd, PollFlags, Timespec, poll};

use super::Events;
use super::app::Msg;
use super::editor::Lent;

/// How long the watchdog waits for the loop to notice a signal or a hang-up.
const GRACE: Duration = Duration::from_secs(2);

/// How long the editor gets to end after SIGTERM before SIGKILL: well within [`GRACE`],
/// so the loop it held up still leaves the usual way (the draft saved).
const EDITOR_GRACE: Duration = Duration::from_secs(1);

/// The shortest wait crossterm's terminal reader honours (zero means "do not look").
const MIN_WAIT: Duration = Duration::from_millis(1);

/// The signals that end the form as its quit does, keeping the draft and giving the
/// terminal back.
const STOPS: [i32; 2] = [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP];

/// SIGINT ends the form too, but not while the editor runs. In raw mode Ctrl-C is a
/// key, not SIGINT: a SIGINT comes from `kill` (left to its default, it ended the
/// process on the spot, the terminal left raw and a Ctrl-R command, in a session of its
/// own, running on), or from Ctrl-C typed while the terminal is lent to the editor in
/// cooked mode, which the whole foreground group gets: that one is the editor's (`ed`
/// and `read` take it as an interrupt and go on), so it is let pass ([`Lent`]).
const INTERRUPT: i32 = signal_hook::consts::SIGINT;

pub struct TermEvents {
    signalled: Arc<AtomicBool>,
    /// SIGHUP came: the terminal was closed (a window, a tmux session, an ssh link).
    hung_up: Arc<AtomicBool>,
    /// The editor, while the terminal is lent to it.
    lent: Lent,
}

impl TermEvents {
    /// Registers the signals that stop the form and starts the watchdog.
    pub fn new() -> std::io::Result<Self> {
        let signalled = Arc::new(AtomicBool::new(false));
        for signal in STOPS {
            signal_hook::flag::register(signal, Arc::clone(&signalled))?;
        }
        let lent = Lent::default();
        signal_hook::flag::register(INTERRUPT, lent.interrupted())?;
        let hung_up = Arc::new(AtomicBool::new(false));
        signal_hook::flag::register(signal_hook::consts::SIGHUP, Arc::clone(&hung_up))?;
        // The signals also write to a socket the watchdog sleeps on (and empties: a
        // SIGINT let pass leaves it asleep).
        let (alarm, wake) = std::os::unix::net::UnixStream::pair()?;
        wake.set_nonblocking(true)?;
        for signal in STOPS.into_iter().chain([INTERRUPT]) {
            signal_hook::low_level::pipe::register(signal, alarm.try_clone()?)?;
        }
        let watched = Arc::clone(&signalled);
        let editor = lent.clone();
        std::thread::spawn(move || watchdog(&watched, &wake, &editor));
        Ok(Self {
            signalled,
            hung_up,
            lent,
        })
    }

    /// Where the editor says it runs, for the watchdog to stop it.
    pub fn lent(&self) -> Lent {
        self.lent.clone()
    }

    /// Whether a signal ends the form: SIGTERM, SIGHUP, or SIGINT while no editor runs.
    pub fn signalled(&self) -> bool {
        self.signalled.load(Ordering::Relaxed) || self.lent.interrupted_outside()
    }

    /// Whether the terminal is gone: SIGHUP came, or standard input hangs up. What
    /// failed first when it went varies with the timing (a read, a write, crossterm's
    /// size query, whose fallback reports whatever `errno` it last saw: `os error 2`,
    /// `os error 11`), so the way out asks this rather than read the error.
    pub fn terminal_gone(&self) -> bool {
        self.hung_up.load(Ordering::Relaxed) || matches!(wait(Duration::ZERO), Ok(Tty::HungUp))
    }
}

/// Installs crossterm's resize (SIGWINCH) handler now. crossterm installs it lazily, at
/// its first poll, which the loop makes only after the first frame is drawn; SIGWINCH is
/// ignored until then, so a resize in that window was lost and the form stayed drawn at
/// the size it started with (under load the window grew to seconds). Called before the
/// terminal's size is first read: any later resize arrives as an event.
pub fn watch_resizes() {
    // Polling without waiting creates crossterm's reader (and its handler); it reads
    // nothing, so no input is taken before the loop asks for it.
    let _ = event::poll(Duration::ZERO);
}

#[derive(Debug, PartialEq, Eq)]
enum Tty {
    Ready,
    Quiet,
    HungUp,
}

/// Waits up to `timeout` for input on the terminal (standard input).
fn wait(timeout: Duration) -> std::io::Result<Tty> {
    let input = stdin();
    let mut fds = [PollFd::new(&input, PollFlags::IN)];
    let spec = Timespec {
        tv_sec: i64::try_from(timeout.as_secs()).unwrap_or(i64::MAX),
        tv_nsec: i64::from(timeout.subsec_nanos()),
    };
    match poll(&mut fds, Some(&spec)) {
        Ok(_) => {}
        Err(e) if e.kind() == ErrorKind::Interrupted => return Ok(Tty::Quiet),
        Err(e) => return Err(e.into()),
    }
    let got = fds[0].revents();
    Ok(
        if got.intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL) {
            Tty::HungUp
        } else if got.contains(PollFlags::IN) {
            Tty::Ready
        } else {
            Tty::Quiet
        },
    )
}

fn closed() -> std::io::Error {
    std::io::Error::new(ErrorKind::BrokenPipe, "the terminal was closed")
}

impl Events for TermEvents {
    fn next(&mut self, timeout: Option<Duration>) -> std::io::Result<Option<Msg>> {
        if self.signalled() {
            return Err(std::io::Error::other("terminated by a signal"));
        }
        if wait(Duration::ZERO)? == Tty::HungUp {
            return Err(closed());
        }
        // Events crossterm has already parsed come first; then it waits on the terminal
        // and the resize signal.
        let ready = match timeout {
            Some(timeout) => event::poll(timeout.max(MIN_WAIT))?,
            // `read` below waits as long as it takes.
            None => true,
        };
        if !ready {
            if wait(Duration::ZERO)? == Tty::HungUp {
                return Err(closed());
            }
            return Ok(None);
        }
        Ok(match event::read()? {
            Event::Key(key) => Some(Msg::Key(key)),
            Event::Paste(text) => Some(Msg::Paste(text)),
            Event::Mouse(mouse) => Some(Msg::Mouse(mouse)),
            Event::Resize(w, h) => Some(Msg::Resize(w, h)),
            _ => None,
        })
    }
}

/// Ends the process when a signal or a hang-up has gone unanswered for [`GRACE`]: the
/// event loop is stuck. The last autosaved draft is at most a second old. Until then it
/// sleeps: it wakes for a signal (on `wake`) or the terminal hanging up, never on a timer.
/// An editor the loop waits on is stopped meanwhile, so the loop can answer (it would
/// have run on, on a terminal given back to the shell).
fn watchdog(signalled: &AtomicBool, wake: &std::os::unix::net::UnixStream, editor: &Lent) {
    let input = stdin();
    loop {
        // No events asked for on the terminal: poll reports only a hang-up or an error.
        let mut fds = [
            PollFd::new(&input, PollFlags::empty()),
            PollFd::new(wake, PollFlags::IN),
        ];
        let polled = poll(&mut fds, None);
        // Emptied, so that a SIGINT let pass does not wake it again at once.
        let mut bytes = [0u8; 64];
        while matches!(std::io::Read::read(&mut &*wake, &mut bytes), Ok(n) if n > 0) {}
        if signalled.load(Ordering::Relaxed)
            || editor.interrupted_outside()
            || polled.is_err_and(|e| e.kind() != ErrorKind::Interrupted)
            || matches!(wait(Duration::ZERO), Ok(Tty::HungUp) | Err(_))
        {
            break;
        }
    }
    let since = Instant::now();
    let mut stopped = Vec::new();
    while since.elapsed() < GRACE {
        editor.stop(&mut stopped, since.elapsed() >= EDITOR_GRACE);
        // The loop may be waiting without a timeout: a resize wakes it to look.
        let _ = rustix::process::kill_process(
            rustix::process::getpid(),
            rustix::process::Signal::WINCH,
        );
        std::thread::sleep(Duration::from_millis(250));
    }
    super::terminal::restore();
    std::process::exit(1);
}
