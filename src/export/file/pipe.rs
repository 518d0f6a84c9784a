//! Reading a file that may also be a pipe: `--answers <(cmd)` hands over `/dev/fd/N`, and
//! a named FIFO works as well; a FIFO nobody writes to is waited for out loud, never in
//! silence, and a device, socket or folder is refused unopened.

use std::io::{self, Read as _};
use std::os::unix::fs::{FileTypeExt as _, OpenOptionsExt as _};
use std::path::Path;

use super::ReadError;

/// The first `limit + 1` bytes of a regular file or a pipe (so a caller can tell one past
/// its limit). A pipe is opened without blocking (opening a FIFO for reading blocks
/// until a writer comes); when nothing writes to a named FIFO, `waiting` is called once
/// (to say so) before waiting for a writer. An anonymous pipe (`<(cmd)`) whose command
/// wrote nothing reads as empty.
pub fn read_file_or_pipe(
    path: &Path,
    limit: usize,
    waiting: impl FnOnce(),
) -> Result<Vec<u8>, ReadError> {
    let meta = std::fs::metadata(path).map_err(ReadError::Io)?;
    if !meta.file_type().is_fifo() {
        return super::read_regular_upto(path, limit);
    }
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(rustix::fs::OFlags::NONBLOCK.bits().cast_signed())
        .open(path)
        .map_err(ReadError::Io)?;
    if !file
        .metadata()
        .map_err(ReadError::Io)?
        .file_type()
        .is_fifo()
    {
        // Replaced between the look and the open: read it as the file it now is.
        return super::read_regular_upto(path, limit);
    }
    let mut bytes = Vec::new();
    read_pipe(&file, &mut bytes, limit.saturating_add(1), || {
        // A named FIFO can get a writer later; an anonymous pipe's end is its end.
        let wait = !is_anonymous_pipe(path);
        if wait {
            waiting();
        }
        wait
    })?;
    Ok(bytes)
}

/// Reads a pipe opened without blocking into `bytes`, up to `cap`, waiting in `poll`
/// while a writer is there but quiet. When the first read finds no writer, `wait_for_one`
/// says whether to wait for one: `poll` wakes when a writer comes (and writes, or goes).
fn read_pipe(
    file: &std::fs::File,
    bytes: &mut Vec<u8>,
    cap: usize,
    wait_for_one: impl FnOnce() -> bool,
) -> Result<(), ReadError> {
    let mut wait_for_one = Some(wait_for_one);
    let mut chunk = [0u8; 8192];
    while bytes.len() < cap {
        let want = chunk.len().min(cap - bytes.len());
        match (&*file).read(&mut chunk[..want]) {
            // No writer: the end, unless none has come yet and one may.
            Ok(0) => {
                if !wait_for_one.take().is_some_and(|wait| wait()) {
                    return Ok(());
                }
                wait_readable(file)?;
            }
            Ok(n) => {
                wait_for_one = None;
                bytes.extend_from_slice(&chunk[..n]);
            }
            Err(err) if err.kind() == io::ErrorKind::WouldBlock => {
                wait_for_one = None;
                wait_readable(file)?;
            }
            Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
            Err(err) => return Err(ReadError::Io(err)),
        }
    }
    Ok(())
}

/// Waits until the pipe has data, or a writer came and went.
fn wait_readable(file: &std::fs::File) -> Result<(), ReadError> {
    let mut fds = [rustix::event::PollFd::new(
        file,
        rustix::event::PollFlags::IN,
    )];
    match rustix::event::poll(&mut fds, None) {
        Ok(_) | Err(rustix::io::Errno::INTR) => Ok(()),
        Err(err) => Err(ReadError::Io(err.into())),
    }
}

/// Whether `path` names an anonymous pipe (`/dev/fd/63` from `<(cmd)` links, through
/// `/proc`, to `pipe:[…]`), which no later writer can open: its end is its end.
fn is_anonymous_pipe(path: &Path) -> bool {
    let mut path = path.to_path_buf();
    for _ in 0..16 {
        let Ok(target) = std::fs::read_link(&path) else {
            return false;
        };
        if target.as_os_str().as_encoded_bytes().starts_with(b"pipe:") {
            return true;
        }
        path = match path.parent() {
            Some(parent) if target.is_relative() => parent.join(target),
            _ => target,
        };
    }
    false
}
