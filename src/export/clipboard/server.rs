//! The programs that stay behind to serve the clipboard after we exit: `wl-copy`, `xclip`
//! and `xsel` fork their own; for arboard it is a detached copy of our binary running
//! [`serve`]. Whatever they are, they hold none of our pipes.

use std::fs::File;
use std::io::{self, Read as _, Seek as _, Write as _};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::{CopyError, Provider, SERVE_COMMAND, VERIFY_TIMEOUT};
use crate::paths::find_program;

pub(super) fn copy_external(provider: Provider, text: &str) -> Result<(), CopyError> {
    let Some((program, args)) = provider.command() else {
        return Err(CopyError::NotInstalled {
            program: provider.name(),
        });
    };
    let path = find_program(program).ok_or(CopyError::NotInstalled { program })?;
    let io_err = |cause| CopyError::Io { provider, cause };
    let mut command = Command::new(path);
    command.args(args);
    // Its own process group: a Ctrl-C meant for us does not reach the server it forks.
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let (mut child, errors) = spawn_detached(&mut command).map_err(io_err)?;
    feed(&mut child, text).map_err(io_err)?;
    // The program exits once its forked server owns the clipboard.
    let status = child.wait().map_err(io_err)?;
    if !status.success() {
        return Err(CopyError::Failed {
            provider,
            message: failure_message(errors, status),
        });
    }
    if provider.on_x11() {
        verify(provider, text, None)?;
    }
    Ok(())
}

/// Starts our own binary as a detached clipboard server ([`serve`]).
pub(super) fn copy_arboard(text: &str) -> Result<(), CopyError> {
    let provider = Provider::Arboard;
    let io_err = |cause| CopyError::Io { provider, cause };
    let exe = std::env::current_exe().map_err(io_err)?;
    let mut command = Command::new(exe);
    command.arg(SERVE_COMMAND).current_dir("/");
    let (mut child, errors) = spawn_detached(&mut command).map_err(io_err)?;
    feed(&mut child, text).map_err(io_err)?;
    match verify(provider, text, Some((&mut child, errors))) {
        Ok(()) => {
            // Reap the server when it exits (it outlives us unless we run for long).
            std::thread::spawn(move || child.wait());
            Ok(())
        }
        Err(err) => {
            let _ = child.kill();
            let _ = child.wait();
            Err(err)
        }
    }
}

/// Spawns with standard input piped and no pipe back to us: a server the child forks keeps
/// its output open, and a pipe would make us (or whoever reads our output) wait for it.
/// Its errors go to an unnamed temporary file instead.
fn spawn_detached(command: &mut Command) -> io::Result<(Child, File)> {
    let errors = tempfile::tempfile()?;
    let child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(errors.try_clone()?)
        .spawn()?;
    Ok((child, errors))
}

/// Writes `text` to the child's standard input and closes it.
fn feed(child: &mut Child, text: &str) -> io::Result<()> {
    let Some(mut stdin) = child.stdin.take() else {
        return Ok(());
    };
    match stdin.write_all(text.as_bytes()) {
        // The child exited early; its status and messages tell why.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

fn failure_message(mut errors: File, status: std::process::ExitStatus) -> String {
    let mut text = String::new();
    let _ = errors.rewind();
    let _ = errors.read_to_string(&mut text);
    let text = text.trim();
    if text.is_empty() {
        format!("it exited with {status}")
    } else {
        text.to_owned()
    }
}

/// Reads the X clipboard until it holds `text`, so "copied" is never a guess. A `helper`
/// that exits first has failed.
fn verify(
    provider: Provider,
    text: &str,
    mut helper: Option<(&mut Child, File)>,
) -> Result<(), CopyError> {
    let mut clipboard = arboard::Clipboard::new().map_err(|e| CopyError::Failed {
        provider,
        message: format!("cannot read the clipboard back: {e}"),
    })?;
    let deadline = Instant::now() + VERIFY_TIMEOUT;
    loop {
        if clipboard.get_text().is_ok_and(|held| held == text) {
            return Ok(());
        }
        if let Some((child, errors)) = helper.as_mut()
            && let Ok(Some(status)) = child.try_wait()
        {
            let errors = errors
                .try_clone()
                .map_err(|cause| CopyError::Io { provider, cause })?;
            return Err(CopyError::Failed {
                provider,
                message: failure_message(errors, status),
            });
        }
        if Instant::now() >= deadline {
            return Err(CopyError::NotVerified { provider });
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The clipboard server started by the arboard provider: leaves the terminal's session,
/// takes the clipboard and serves `text` until another program takes it, or the X server
/// goes away.
pub fn serve(text: &str) -> Result<(), arboard::Error> {
    // A new session has no controlling terminal: closing the terminal does not hang us up.
    #[cfg(unix)]
    let _ = rustix::process::setsid();
    let mut clipboard = arboard::Clipboard::new()?;
    clipboard.set_text(text)?;
    #[cfg(target_os = "linux")]
    serve_until_replaced(clipboard, text)?;
    Ok(())
}

/// arboard's `wait()` returns when another program takes the clipboard, but not when the
/// X server dies (it would then wait forever), so a watcher checks once a second that the
/// clipboard still holds our text.
#[cfg(target_os = "linux")]
fn serve_until_replaced(mut owner: arboard::Clipboard, text: &str) -> Result<(), arboard::Error> {
    use arboard::SetExtLinux as _;
    use std::sync::mpsc::{RecvTimeoutError, channel};
    let mut watcher = arboard::Clipboard::new()?;
    let (done, finished) = channel();
    let served = text.to_owned();
    std::thread::spawn(move || {
        let _ = done.send(owner.set().wait().text(served));
    });
    loop {
        match finished.recv_timeout(Duration::from_secs(1)) {
            Ok(result) => return result,
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
            Err(RecvTimeoutError::Timeout) => {}
        }
        if !watcher.get_text().is_ok_and(|held| held == text) {
            return Ok(());
        }
    }
}
