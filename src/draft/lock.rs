//! One window per draft: a form open on a template claims its draft with a lock file
//! (`<draft>.lock`) beside it, holding an advisory lock on it (`flock`) for as long as
//! the form is open. A second issue-composer on the same template cannot take that lock
//! and saves no draft, so neither window overwrites the other's answers. The kernel
//! drops the lock when its process ends in any way (killed, crashed), so a claim is live
//! exactly while its holder runs, whatever the program is called, and taking it is one
//! atomic step: an empty lock file (a full disk) or one a process has just created
//! counts for nothing by itself. The file holds the holder's process id, for messages.

use std::fs::{File, TryLockError};
use std::io::{Seek as _, Write as _};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::discover::Source;

/// The claim this process holds (the lock file and the open file holding its lock),
/// released when another template is opened or on [`release`].
static HELD: Mutex<Option<(PathBuf, File)>> = Mutex::new(None);

/// Another live issue-composer holds the draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InUse {
    /// Its process id, when the lock file names it.
    pub pid: Option<u32>,
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
    if let Some(file) = claim_at(&lock)?
        && let Ok(mut held) = HELD.lock()
    {
        *held = Some((lock, file));
    }
    Ok(())
}

/// Gives the claim up: the lock file is removed while still locked (so no one takes a
/// file on its way out), then the lock goes with the file.
pub fn release() {
    let Ok(mut held) = HELD.lock() else {
        return;
    };
    if let Some((lock, file)) = held.take() {
        let _ = std::fs::remove_file(lock);
        drop(file);
    }
}

/// `<draft>.lock`, beside the draft.
pub fn lock_path(draft: &Path) -> PathBuf {
    let mut name = draft.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    draft.with_file_name(name)
}

/// Takes the lock at `lock`: `Ok(Some(file))` when claimed (the claim lasts while `file`
/// is open), `Ok(None)` when it could not be taken (no folder, read-only, a file system
/// without locks), `Err` when another process holds it.
pub fn claim_at(lock: &Path) -> Result<Option<File>, InUse> {
    // The drafts folder, private as drafts make it, may not be there before a first save.
    if let Some(folder) = lock.parent().filter(|f| !f.exists()) {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        let _ = builder.create(folder);
    }
    // A holder that released (and removed the file) between our open and our lock leaves
    // us locking a file no longer at `lock`: open it again.
    for _ in 0..3 {
        let mut options = std::fs::OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        // Private, as drafts are.
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let Ok(mut file) = options.open(lock) else {
            return Ok(None);
        };
        match try_lock_patiently(&file) {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => return Err(InUse { pid: holder(lock) }),
            Err(TryLockError::Error(_)) => return Ok(None),
        }
        if !same_file(&file, lock) {
            continue;
        }
        // For messages only: the lock is the claim, not these bytes.
        let _ = file.set_len(0);
        let _ = file.rewind();
        let _ = write!(file, "{}", std::process::id());
        return Ok(Some(file));
    }
    Ok(None)
}

/// Takes the lock, asking again twice, 10 ms apart: [`held_by_another`] holds a shared
/// lock for a moment to ask, which must not pass for a window holding the draft.
fn try_lock_patiently(file: &File) -> Result<(), TryLockError> {
    for _ in 0..2 {
        match file.try_lock() {
            Err(TryLockError::WouldBlock) => {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            other => return other,
        }
    }
    file.try_lock()
}

/// Whether the open `file` is the one at `path` now.
fn same_file(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        match (file.metadata(), std::fs::metadata(path)) {
            (Ok(open), Ok(there)) => open.dev() == there.dev() && open.ino() == there.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (file, path);
        true
    }
}

/// Whether another process (or another window of this one) holds `lock`.
pub fn held_by_another(lock: &Path) -> bool {
    if let Ok(held) = HELD.lock()
        && held.as_ref().is_some_and(|(ours, _)| ours == lock)
    {
        return false;
    }
    // Asking is trying: a shared lock is refused only while someone holds the claim.
    let Ok(file) = File::open(lock) else {
        return false;
    };
    matches!(file.try_lock_shared(), Err(TryLockError::WouldBlock))
}

/// The process id a lock file names.
fn holder(lock: &Path) -> Option<u32> {
    let text = crate::export::file::read_regular_within(lock, 32).ok()?;
    std::str::from_utf8(&text).ok()?.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_claim_lasts_while_its_file_is_open() {
        let dir = tempfile::tempdir().unwrap();
        let lock = dir.path().join("d.yaml.lock");
        let first = claim_at(&lock).unwrap().expect("claimed");
        assert_eq!(holder(&lock), Some(std::process::id()));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&lock).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        // A second claim (another window) is refused while the first is held, and
        // names the holder.
        assert_eq!(
            claim_at(&lock).err(),
            Some(InUse {
                pid: Some(std::process::id())
            })
        );
        assert!(held_by_another(&lock));
        drop(first);
        assert!(!held_by_another(&lock));
        // Whatever the file says, a lock no process holds is taken: a process id of
        // init, one that cannot exist, garbage, nothing (a full disk).
        for stale in ["1", "4194303", "garbage", ""] {
            std::fs::write(&lock, stale).unwrap();
            let file = claim_at(&lock).unwrap();
            assert!(file.is_some(), "{stale:?}");
            assert_eq!(holder(&lock), Some(std::process::id()));
        }
        // No folder yet: made (private, as drafts make it), then claimed.
        assert!(claim_at(&dir.path().join("new/d.lock")).unwrap().is_some());
        // A folder that cannot be made: nothing claimed, nothing refused.
        std::fs::write(dir.path().join("file"), "").unwrap();
        assert!(claim_at(&dir.path().join("file/d.lock")).unwrap().is_none());
        assert_eq!(
            lock_path(Path::new("/d/builtin-bug.yaml")),
            Path::new("/d/builtin-bug.yaml.lock")
        );
    }

    /// A holder that has locked the file but not written its process id yet (or could
    /// not: a full disk) still holds it.
    #[test]
    fn an_empty_lock_file_that_is_held_is_held() {
        let dir = tempfile::tempdir().unwrap();
        let lock = dir.path().join("d.yaml.lock");
        let other = File::create(&lock).unwrap();
        other.try_lock().unwrap();
        assert_eq!(claim_at(&lock).err(), Some(InUse { pid: None }));
        assert!(held_by_another(&lock));
        assert_eq!(std::fs::read(&lock).unwrap(), b"");
        drop(other);
        assert!(claim_at(&lock).unwrap().is_some());
    }

    /// Claims racing for one lock: exactly one wins each time.
    #[test]
    fn racing_claims_have_one_winner() {
        let dir = tempfile::tempdir().unwrap();
        let lock = dir.path().join("d.yaml.lock");
        for _ in 0..50 {
            let barrier = std::sync::Barrier::new(4);
            let results: Vec<Result<Option<File>, InUse>> = std::thread::scope(|scope| {
                let racers: Vec<_> = (0..4)
                    .map(|_| {
                        scope.spawn(|| {
                            barrier.wait();
                            claim_at(&lock)
                        })
                    })
                    .collect();
                racers.into_iter().map(|r| r.join().unwrap()).collect()
            });
            let winners = results.iter().filter(|r| matches!(r, Ok(Some(_)))).count();
            assert_eq!(winners, 1, "{results:?}");
            assert_eq!(results.iter().filter(|r| r.is_err()).count(), 3);
            // Released as `release` does: removed while still locked.
            std::fs::remove_file(&lock).unwrap();
        }
    }
}
