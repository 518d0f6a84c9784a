//! Editing a field's text in an external editor, through a private temporary file; the
//! editor stopped, with what it started, when a signal ends the form while it runs.
//! SIGINT is not one of those: the terminal is in cooked mode then, a Ctrl-C typed
//! there goes to the whole foreground group, and the editor decides what it means (`ed`
//! and `read` take it as their own interrupt); we let it pass, as git does.
//!
//! The editor stays in our process group: it reads keys from the terminal, which only
//! its foreground process group may do (from a group of its own it would get SIGTTIN,
//! and handing the terminal back to us would need SIGTTOU ignored, which takes `unsafe`
//! here). So it cannot be signalled as a group: [`Lent`] names its shell, and stopping
//! it signals that shell's descendants, found in `/proc`, and the shell.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicU64, Ordering};

use rustix::process::{Pid, Signal, kill_process};

/// The editor's shell while the terminal is lent to it (for the watchdog, which stops
/// it when a signal or a hang-up ends the form: the event loop waits on it meanwhile),
/// and the SIGINTs that came, which end the form only when no editor runs.
#[derive(Debug, Clone, Default)]
pub struct Lent {
    shell: Arc<AtomicI32>,
    /// When the shell started, read as it was lent: once it has been waited for, its
    /// pid may be another process's before `take_back` clears it, which is then not
    /// signalled.
    shell_start: Arc<AtomicU64>,
    /// Set from just before the editor starts until its SIGINTs are let pass.
    editing: Arc<AtomicBool>,
    /// Set by SIGINT (`event` registers it).
    interrupted: Arc<AtomicBool>,
}

/// A process signalled: its pid and its start time, so that a pid used again by another
/// process is never signalled in its place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stopped {
    pid: Pid,
    start: u64,
}

impl Lent {
    /// The flag SIGINT sets.
    pub fn interrupted(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.interrupted)
    }

    /// Whether a SIGINT came while no editor runs: it ends the form. (Read in this
    /// order, against [`Lent::take_back`]'s: a SIGINT let pass is cleared before the
    /// editor is said to be gone, so it is never taken for one that came after.)
    pub fn interrupted_outside(&self) -> bool {
        !self.editing.load(Ordering::SeqCst) && self.interrupted.load(Ordering::SeqCst)
    }

    /// Marks the editor about to start, unless a SIGINT came before: that one ends
    /// the form, and the editor is not started.
    fn begin(&self) -> bool {
        self.editing.store(true, Ordering::SeqCst);
        if self.interrupted.load(Ordering::SeqCst) {
            self.editing.store(false, Ordering::SeqCst);
            return false;
        }
        true
    }

    fn lend(&self, pid: u32) {
        let raw = i32::try_from(pid).unwrap_or(0);
        let start = Pid::from_raw(raw).and_then(started).unwrap_or(0);
        self.shell_start.store(start, Ordering::SeqCst);
        self.shell.store(raw, Ordering::SeqCst);
    }

    /// The editor has ended: the SIGINTs it got were its own.
    fn take_back(&self) {
        self.shell.store(0, Ordering::SeqCst);
        self.interrupted.store(false, Ordering::SeqCst);
        self.editing.store(false, Ordering::SeqCst);
    }

    /// Stops the editor and what it started, if it runs: SIGTERM to each process not
    /// signalled yet (recorded in `stopped`), or SIGKILL to all of them when `hard`.
    pub fn stop(&self, stopped: &mut Vec<Stopped>, hard: bool) {
        let mut fresh = Vec::new();
        let lent = Pid::from_raw(self.shell.load(Ordering::SeqCst));
        // The shell lent, not a process that took its pid since.
        let shell_start = self.shell_start.load(Ordering::SeqCst);
        if let Some(shell) = lent.filter(|&shell| started(shell) == Some(shell_start)) {
            // Descendants first: once the shell has gone, they can no longer be found.
            descendants(shell, &mut fresh);
            fresh.push(Stopped {
                pid: shell,
                start: shell_start,
            });
        }
        fresh.retain(|p| !stopped.contains(p));
        if !hard {
            for p in &fresh {
                let _ = kill_process(p.pid, Signal::TERM);
            }
        }
        stopped.extend(fresh);
        if hard {
            for p in stopped.iter().filter(|p| started(p.pid) == Some(p.start)) {
                let _ = kill_process(p.pid, Signal::KILL);
            }
        }
    }
}

/// When `pid` started (in clock ticks since boot), if it runs and is not a zombie.
fn started(pid: Pid) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{}/stat", pid.as_raw_nonzero())).ok()?;
    // After the name (which may hold anything), the state is field 3, the start time 22.
    let mut fields = stat.get(stat.rfind(')')? + 1..)?.split_whitespace();
    if fields.next()? == "Z" {
        return None;
    }
    fields.nth(18)?.parse().ok()
}

/// Every living descendant of `pid`, the deepest first.
fn descendants(pid: Pid, found: &mut Vec<Stopped>) {
    let raw = pid.as_raw_nonzero();
    let Ok(children) = std::fs::read_to_string(format!("/proc/{raw}/task/{raw}/children")) else {
        return;
    };
    for child in children.split_whitespace().filter_map(|c| c.parse().ok()) {
        let Some(child) = Pid::from_raw(child) else {
            continue;
        };
        descendants(child, found);
        if let Some(start) = started(child) {
            found.push(Stopped { pid: child, start });
        }
    }
}

/// Edits `text` in the editor (config.toml's, `$VISUAL`, `$EDITOR`, else vi) through a
/// private temporary file: what it saved, or why there is nothing.
pub fn edit_externally(
    editor: Option<&str>,
    text: &str,
    extension: &str,
) -> Result<String, String> {
    edit_lending(editor, text, extension, &Lent::default())
}

/// [`edit_externally`], the editor named in `lent` while it runs.
pub fn edit_lending(
    editor: Option<&str>,
    text: &str,
    extension: &str,
    lent: &Lent,
) -> Result<String, String> {
    let editor = editor
        .filter(|e| !e.trim().is_empty())
        .map(str::to_owned)
        .or_else(|| {
            ["VISUAL", "EDITOR"]
                .iter()
                .find_map(|v| std::env::var(v).ok().filter(|e| !e.trim().is_empty()))
        })
        .unwrap_or_else(|| "vi".to_owned());
    // Created exclusively, readable by the owner only; the extension (from the template)
    // is only used when it is a plain word.
    let plain = !extension.is_empty()
        && extension.len() <= 16
        && extension
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_+-".contains(c));
    let suffix = format!(".{}", if plain { extension } else { "md" });
    let mut file = tempfile::Builder::new()
        .prefix("issue-composer-")
        .suffix(&suffix)
        .tempfile()
        .map_err(|e| format!("could not make a file for the editor: {e}"))?;
    std::io::Write::write_all(&mut file, text.as_bytes())
        .map_err(|e| format!("could not make a file for the editor: {e}"))?;
    if !lent.begin() {
        return Err(format!(
            "the editor `{editor}` was not started: SIGINT came"
        ));
    }
    // The editor may carry arguments (`code --wait`): the shell splits them; the file
    // is passed as a separate argument, never interpolated. The shell catches SIGINT
    // (a Ctrl-C typed in the editor reaches it too) and waits on: dash would die of it
    // and leave the editor running on the terminal with the form drawn over it. Caught,
    // not ignored, so the editor starts with SIGINT at its default.
    let spawned = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("trap : INT; {editor} \"$1\""))
        .arg("sh")
        .arg(file.path())
        .spawn();
    let status = spawned.map(|mut child| {
        lent.lend(child.id());
        child.wait()
    });
    lent.take_back();
    let status = status.map_err(|e| format!("could not start the editor `{editor}`: {e}"))?;
    let status = status.map_err(|e| format!("could not wait for the editor `{editor}`: {e}"))?;
    if !status.success() {
        return Err(format!("the editor `{editor}` failed ({status})"));
    }
    match std::fs::read(file.path()) {
        Ok(bytes) => Ok(String::from_utf8_lossy(&bytes).into_owned()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Err("the editor removed the file it was given".to_owned())
        }
        Err(e) => Err(format!("could not read what the editor saved: {e}")),
    }
}
