//! Work the executor starts on other threads: a command line running into a field, and
//! environment probes. Their messages come back through a channel the loop polls.

use std::sync::mpsc::{self, Receiver, Sender};

use super::app::Msg;
use crate::environment;
use crate::shell;

/// Background work and the channel its messages come back through.
pub(super) struct Background {
    /// Where background work sends its messages, and where the loop takes them.
    outbox: Sender<Msg>,
    inbox: Receiver<Msg>,
    /// The command running into a field (dropping it kills it).
    command: Option<shell::Running>,
}

impl Background {
    pub(super) fn new() -> Self {
        let (outbox, inbox) = mpsc::channel();
        Self {
            outbox,
            inbox,
            command: None,
        }
    }

    /// Starts `line` in the repository's root; its progress comes back as messages.
    pub(super) fn run_command(&mut self, line: &str) {
        let cwd = shell::repo_root(&std::env::current_dir().unwrap_or_default());
        let outbox = self.outbox.clone();
        self.command = shell::start(&shell::shell(), line, &cwd, move |event| {
            let _ = outbox.send(match event {
                shell::Event::Progress(lines) => Msg::CommandProgress(lines),
                shell::Event::Finished(finished) => Msg::CommandFinished(finished),
            });
        });
    }

    /// Detects the environment on a thread: each probe may take up to two seconds.
    pub(super) fn detect(&self, field: usize, want: environment::Want) {
        let outbox = self.outbox.clone();
        std::thread::spawn(move || {
            let root = shell::repo_root(&std::env::current_dir().unwrap_or_default());
            let text = environment::format(&environment::detect(&root), want);
            let _ = outbox.send(Msg::Detected { field, text });
        });
    }

    /// Stops the command running into a field, if one runs.
    pub(super) fn stop(&self) {
        if let Some(command) = &self.command {
            command.stop();
        }
    }

    /// A message from background work, if one came (never waits).
    pub(super) fn poll(&mut self) -> Option<Msg> {
        let msg = self.inbox.try_recv().ok()?;
        if matches!(msg, Msg::CommandFinished(_)) {
            self.command = None;
        }
        Some(msg)
    }
}
