//! One window per draft: a form open on a template claims its draft with a lock file
//! (`<draft>.lock`, holding the process id) beside it. A second issue-composer on the
//! same template finds the claim and saves no draft, so neither window overwrites the
//! other's answers. A claim whose process is gone (killed, crashed) is taken over.

use std::io::{ErrorKind, Write as _};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::discover::Source;

/// The claim this process holds, released when another template is opened or on
/// [`release`].
static HELD: Mutex<Option<PathBuf>> = Mutex::new(None);

/// Another live issue-composer holds the draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InUse {
    pub pid: u32,
}

/// Claims the draft of `source` for this process, releasing any earlier claim. `Ok`
/// too when there is no data folder or the lock cannot be written: a claim only guards
/// against another window, and drafts report their own failures.
pub fn claim(source: &Source) -> Result<(), InUse> {
    release();
    let Some(draft) = super::path(source) else {
        return Ok(());
    };
    let lock = lock_path(&draft);
    match claim_at(&lock) {
        Ok(true) => {
            if let Ok(mut held) = HELD.lock() {
                *held = Some(lock);
            }
            Ok(())
        }
        Ok(false) => Ok(()),
        Err(in_use) => Err(in_use),
    }
}

/// Gives the claim up (the lock file goes if it is still ours).
pub fn release() {
    let Ok(mut held) = HELD.lock() else {
        return;
    };
    if let Some(lock) = held.take()
        && holder(&lock) == Some(std::process::id())
    {
        let _ = std::fs::remove_file(lock);
    }
}

/// `<draft>.lock`, beside the draft.
pub fn lock_path(draft: &Path) -> PathBuf {
    let mut name = draft.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    draft.with_file_name(name)
}

/// Writes our claim at `lock`: `Ok(true)` when claimed, `Ok(false)` when it could not be
/// written (no folder, read-only), `Err` when a live issue-composer holds it.
pub fn claim_at(lock: &Path) -> Result<bool, InUse> {
    // The drafts folder, private as drafts make it, may not be there before a first save.
    if let Some(folder) = lock.parent().filter(|f| !f.exists()) {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        let _ = builder.create(folder);
    }
    for _ in 0..2 {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        // Private, as drafts are.
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let created = options.open(lock);
        match created {
            Ok(mut file) => {
                let _ = write!(file, "{}", std::process::id());
                return Ok(true);
            }
            Err(err) if err.kind() == ErrorKind::AlreadyExists => match holder(lock) {
                Some(pid) if pid != std::process::id() && alive(pid) => {
                    return Err(InUse { pid });
                }
                // Ours already, or left by a process that is gone: taken over.
                _ => {
                    let _ = std::fs::remove_file(lock);
                }
            },
            Err(_) => return Ok(false),
        }
    }
    Ok(false)
}

/// Whether a live issue-composer other than this one holds `lock`.
pub fn held_by_another(lock: &Path) -> bool {
    holder(lock).is_some_and(|pid| pid != std::process::id() && alive(pid))
}

/// The process id a lock file holds.
fn holder(lock: &Path) -> Option<u32> {
    let text = crate::export::file::read_regular_within(lock, 32).ok()?;
    std::str::from_utf8(&text).ok()?.trim().parse().ok()
}

/// Whether `pid` is a running issue-composer (not a zombie, not another program that
/// was given the id since).
fn alive(pid: u32) -> bool {
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return false;
    };
    let name = stat
        .split_once('(')
        .and_then(|(_, rest)| rest.rsplit_once(')'))
        .map(|(name, state)| (name, state.trim_start()));
    matches!(name, Some((name, state)) if name.starts_with("issue-compo") && !state.starts_with('Z'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_live_holder_is_reported_and_a_gone_one_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let lock = dir.path().join("d.yaml.lock");
        assert_eq!(claim_at(&lock), Ok(true));
        assert_eq!(holder(&lock), Some(std::process::id()));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&lock).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        // Our own claim again: fine.
        assert_eq!(claim_at(&lock), Ok(true));
        // A process id that is no issue-composer (init), or none at all: taken over.
        for stale in ["1", "4194303", "garbage"] {
            std::fs::write(&lock, stale).unwrap();
            assert_eq!(claim_at(&lock), Ok(true), "{stale}");
            assert_eq!(holder(&lock), Some(std::process::id()));
        }
        // No folder yet: made (private, as drafts make it), then claimed.
        assert_eq!(claim_at(&dir.path().join("new/d.lock")), Ok(true));
        // A folder that cannot be made: nothing claimed, nothing refused.
        std::fs::write(dir.path().join("file"), "").unwrap();
        assert_eq!(claim_at(&dir.path().join("file/d.lock")), Ok(false));
        assert_eq!(
            lock_path(Path::new("/d/builtin-bug.yaml")),
            Path::new("/d/builtin-bug.yaml.lock")
        );
    }
}
