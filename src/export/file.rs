//! Writing a file atomically: a temporary file in the same folder, renamed into place, so a
//! reader never sees half a file and a failed write never destroys the old one.

use std::fs::Permissions;
use std::io::{self, Read as _, Write as _};
use std::path::{Path, PathBuf};

/// How [`write()`] treats the file it writes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteOptions {
    /// Replace an existing file (`--force`); otherwise an existing file is an error.
    pub overwrite: bool,
    /// Readable by the owner only (0600), for copies of the issue kept on the user's behalf.
    pub private: bool,
}

/// Why a file could not be written. Each variant names the path, so a caller can offer the
/// right way out: "overwrite?" for [`WriteError::Exists`], "choose another path" otherwise.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{} already exists", path.display())]
    Exists { path: PathBuf },
    #[error("cannot write {}: the folder {} does not exist", path.display(), folder.display())]
    MissingFolder { path: PathBuf, folder: PathBuf },
    #[error("cannot write {}: the folder {} is read-only", path.display(), folder.display())]
    ReadOnly { path: PathBuf, folder: PathBuf },
    #[error("cannot write {}: {} is not a folder", path.display(), folder.display())]
    NotAFolder { path: PathBuf, folder: PathBuf },
    #[error("cannot write {}: it is a folder", path.display())]
    IsAFolder { path: PathBuf },
    /// A FIFO, socket or device: replacing it with a file would break whatever uses it.
    #[error("{} is a {kind}, not a regular file", path.display())]
    NotAFile { path: PathBuf, kind: &'static str },
    /// A link not followed: another user's, or a loop.
    #[error("cannot write {}: {why}", path.display())]
    Link { path: PathBuf, why: String },
    #[error("cannot write {}: {}", path.display(), crate::text::io_words(cause))]
    Io { path: PathBuf, cause: io::Error },
}

impl WriteError {
    /// The path that could not be written.
    pub fn path(&self) -> &Path {
        match self {
            WriteError::Exists { path }
            | WriteError::MissingFolder { path, .. }
            | WriteError::ReadOnly { path, .. }
            | WriteError::NotAFolder { path, .. }
            | WriteError::IsAFolder { path }
            | WriteError::NotAFile { path, .. }
            | WriteError::Link { path, .. }
            | WriteError::Io { path, .. } => path,
        }
    }
}

/// The folder a file is written into: its parent, or `.` for a bare file name.
pub fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// The prefix of the temporary file for `path`: hidden, and named after the target so a
/// leftover (after a crash) says where it came from.
pub fn temp_prefix(path: &Path) -> String {
    let name = path
        .file_name()
        .map_or_else(|| "issue".into(), |n| n.to_string_lossy());
    format!(".{name}.")
}

/// Writes `contents` to `path` atomically. Only a regular file (or a symlink to one) is
/// ever replaced, even with `overwrite`.
pub fn write(path: &Path, contents: &[u8], options: WriteOptions) -> Result<(), WriteError> {
    // Through a symlink to the file it names: the link stays a link. Messages name the
    // path as given.
    let resolved = landing(path)?;
    let target = resolved.as_deref().unwrap_or(path);
    let folder = folder_of(target);
    // Metadata, never open: opening a FIFO blocks until a writer comes.
    let existing = std::fs::metadata(path).ok();
    if existing.as_ref().is_some_and(std::fs::Metadata::is_dir) {
        return Err(WriteError::IsAFolder { path: path.into() });
    }
    if let Some(kind) = existing.as_ref().and_then(special_kind) {
        return Err(WriteError::NotAFile {
            path: path.into(),
            kind,
        });
    }
    if existing.is_some() && !options.overwrite {
        return Err(WriteError::Exists { path: path.into() });
    }
    let prefix = temp_prefix(target);
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    set_permissions(&mut builder, options, existing.as_ref());
    let mut temp = builder
        .tempfile_in(folder)
        .map_err(|e| classify(e, path, folder))?;
    let io_error = |cause| WriteError::Io {
        path: path.into(),
        cause: without_temp_path(cause),
    };
    temp.write_all(contents).map_err(io_error)?;
    temp.as_file().sync_all().map_err(io_error)?;
    // The check above is only for a clear early message; the rename is what guarantees
    // that a file created meanwhile is not replaced.
    let persisted = if options.overwrite {
        temp.persist(target)
    } else {
        temp.persist_noclobber(target)
    };
    match persisted {
        Ok(_) => Ok(()),
        Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => {
            Err(WriteError::Exists { path: path.into() })
        }
        // Dropping the error drops the temporary file, which removes it.
        Err(e) => Err(classify(e.error, path, folder)),
    }
}

/// Where a write to `path` lands when `path` is a symlink: the end of its chain of links,
/// which may not exist yet (a dangling link names the file to create). `None` when `path`
/// is no link. A link another user owns is not followed, as the kernel does not follow
/// one in a shared folder such as /tmp (`fs.protected_symlinks`): this write renames
/// into place and would otherwise bypass that guard.
///
/// A link in a repository that leads out of it is refused too, as a template linking out
/// is: a clone could plant `bug-issue.md -> ~/.bashrc` where the review offers to write.
fn landing(path: &Path) -> Result<Option<PathBuf>, WriteError> {
    const MAX_LINKS: usize = 40;
    let mut at = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        let Ok(meta) = std::fs::symlink_metadata(&at) else {
            return within_repository(path, at);
        };
        if !meta.file_type().is_symlink() {
            return within_repository(path, at);
        }
        if !owned_by_us_or_root(&meta) {
            return Err(WriteError::Link {
                path: path.into(),
                why: format!(
                    "{} is a link owned by another user; it is not followed",
                    at.display()
                ),
            });
        }
        let named = std::fs::read_link(&at).map_err(|cause| WriteError::Io {
            path: path.into(),
            cause,
        })?;
        at = folder_of(&at).join(named);
    }
    Err(WriteError::Link {
        path: path.into(),
        why: format!("more than {MAX_LINKS} links in a row (a loop?)"),
    })
}

/// `Some(end)` of the links from `path`, unless `path` lies in a repository and `end`
/// outside it.
fn within_repository(path: &Path, end: PathBuf) -> Result<Option<PathBuf>, WriteError> {
    let linked = end != path;
    let done = |end: PathBuf| Ok(linked.then_some(end));
    // Where `path` is, as written: the repository that folder lies in.
    let Some(root) = enclosing_repository(folder_of(path)) else {
        return done(end);
    };
    let root = std::fs::canonicalize(&root).unwrap_or(root);
    // The end may not exist yet: its folder, resolved, with its name.
    let folder = std::fs::canonicalize(folder_of(&end)).unwrap_or_else(|_| folder_of(&end).into());
    let real = end
        .file_name()
        .map_or(folder.clone(), |name| folder.join(name));
    if real.starts_with(&root) {
        return done(end);
    }
    // The file itself, or a folder on the way (`out -> ~/`), leads out.
    let what = if linked {
        "it is a link to"
    } else {
        "a linked folder on its way leads to"
    };
    Err(WriteError::Link {
        path: path.into(),
        why: format!(
            "{what} {}, outside the repository {} (a clone can plant such a link)",
            real.display(),
            root.display()
        ),
    })
}

/// The repository `start` lies in: the nearest folder from `start` upwards holding
/// `.git` (a folder, or the file of a worktree or submodule).
pub fn enclosing_repository(start: &Path) -> Option<PathBuf> {
    let start = std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf());
    start
        .ancestors()
        .find(|d| d.join(".git").exists())
        .map(Path::to_path_buf)
}

#[cfg(unix)]
fn owned_by_us_or_root(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    let uid = meta.uid();
    uid == 0 || uid == rustix::process::getuid().as_raw()
}

#[cfg(not(unix))]
fn owned_by_us_or_root(_: &std::fs::Metadata) -> bool {
    true
}

/// Reads a text file that must be a regular file (or a symlink to one): a FIFO would
/// block the read until a writer comes, a device would never end.
pub fn read_regular(path: &Path) -> io::Result<String> {
    String::from_utf8(read_regular_within(path, usize::MAX)?).map_err(|_| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            "stream did not contain valid UTF-8",
        )
    })
}

/// [`read_regular`] for a file of at most `limit` bytes, as bytes: one byte past the
/// limit is read, never more, so `/dev/zero` or a huge file costs nothing. The error
/// says what the path is, or the limit (`it is larger than 16 MiB`).
pub fn read_regular_within(path: &Path, limit: usize) -> io::Result<Vec<u8>> {
    let bytes = read_regular_upto(path, limit).map_err(|err| match err {
        ReadError::NotRegular(kind) => io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("it is a {kind}, not a regular file"),
        ),
        ReadError::Io(err) => err,
    })?;
    if bytes.len() > limit {
        return Err(io::Error::new(
            io::ErrorKind::FileTooLarge,
            format!("it is larger than {}", in_words(limit)),
        ));
    }
    Ok(bytes)
}

/// Why [`read_regular_upto`] read nothing.
#[derive(Debug)]
pub enum ReadError {
    /// What the path is instead of a regular file (`folder`, `FIFO`, ...).
    NotRegular(&'static str),
    Io(io::Error),
}

/// The first `limit + 1` bytes of a regular file (or a symlink to one), so a caller can
/// tell a file past its limit; a FIFO, device or folder is refused unopened, and again
/// if it replaced the file between the look and the open.
pub fn read_regular_upto(path: &Path, limit: usize) -> Result<Vec<u8>, ReadError> {
    // Metadata first: opening a FIFO with no writer would block for ever.
    let meta = std::fs::metadata(path).map_err(ReadError::Io)?;
    if let Some(kind) = not_regular(&meta) {
        return Err(ReadError::NotRegular(kind));
    }
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    if let Some(kind) = not_regular(&file.metadata().map_err(ReadError::Io)?) {
        return Err(ReadError::NotRegular(kind));
    }
    let cap = (limit as u64).saturating_add(1);
    // Room for the whole file (and the probe for its end) up front: no regrowth.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len().min(cap)).unwrap_or(0));
    file.take(cap)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    Ok(bytes)
}

/// A size as people write it: `16 MiB`, `64 KiB`, else in bytes.
pub fn in_words(bytes: usize) -> String {
    const KIB: usize = 1024;
    match bytes {
        0 => "0 bytes".to_owned(),
        b if b % (KIB * KIB) == 0 => format!("{} MiB", b / (KIB * KIB)),
        b if b % KIB == 0 => format!("{} KiB", b / KIB),
        b => format!(
            "{} {}",
            crate::text::thousands(b),
            crate::text::plural(b, "byte", "bytes")
        ),
    }
}

/// What a path is when it is not a regular file (a folder, a FIFO, a device), from its
/// metadata: checked before opening, since opening a FIFO blocks until a writer comes.
pub fn not_regular(meta: &std::fs::Metadata) -> Option<&'static str> {
    if meta.is_dir() {
        Some("folder")
    } else {
        special_kind(meta)
    }
}

/// What a file that is neither a regular file nor a folder is, in words.
fn special_kind(meta: &std::fs::Metadata) -> Option<&'static str> {
    if meta.is_file() || meta.is_dir() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        let kind = meta.file_type();
        Some(if kind.is_fifo() {
            "FIFO"
        } else if kind.is_socket() {
            "socket"
        } else if kind.is_char_device() {
            "character device"
        } else if kind.is_block_device() {
            "block device"
        } else {
            "special file"
        })
    }
    #[cfg(not(unix))]
    Some("special file")
}

/// 0600 for private files; the mode of the file being replaced; else what the umask allows.
#[cfg(unix)]
fn set_permissions(
    builder: &mut tempfile::Builder<'_, '_>,
    options: WriteOptions,
    existing: Option<&std::fs::Metadata>,
) {
    use std::os::unix::fs::PermissionsExt as _;
    let mode = if options.private {
        0o600
    } else {
        existing.map_or(0o666, |m| m.permissions().mode() & 0o777)
    };
    builder.permissions(Permissions::from_mode(mode));
}

#[cfg(not(unix))]
fn set_permissions(
    _: &mut tempfile::Builder<'_, '_>,
    _: WriteOptions,
    _: Option<&std::fs::Metadata>,
) {
}

/// Turns an IO error from creating or renaming into the file's folder into a typed error.
fn classify(error: io::Error, path: &Path, folder: &Path) -> WriteError {
    let (path, folder_buf) = (path.to_path_buf(), folder.to_path_buf());
    match error.kind() {
        io::ErrorKind::NotFound if !folder.exists() => WriteError::MissingFolder {
            path,
            folder: folder_buf,
        },
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
            WriteError::ReadOnly {
                path,
                folder: folder_buf,
            }
        }
        io::ErrorKind::NotADirectory => WriteError::NotAFolder {
            path,
            folder: first_non_folder(folder).unwrap_or(folder_buf),
        },
        _ => WriteError::Io {
            path,
            cause: without_temp_path(error),
        },
    }
}

/// The OS's error alone: tempfile's errors end with ` at path "…"`, naming its
/// temporary file, which the user never asked for and which is gone.
fn without_temp_path(error: io::Error) -> io::Error {
    if error.raw_os_error().is_some() {
        return error;
    }
    let text = error.to_string();
    match text.rfind(" at path \"") {
        Some(at) => io::Error::new(error.kind(), &text[..at]),
        None => error,
    }
}

/// The first ancestor of `folder` (or itself) that exists but is not a folder.
fn first_non_folder(folder: &Path) -> Option<PathBuf> {
    let mut ancestors: Vec<&Path> = folder.ancestors().collect();
    ancestors.reverse();
    ancestors
        .into_iter()
        .find(|a| a.exists() && !a.is_dir())
        .map(Path::to_path_buf)
}

/// Why a private file could not be written: its folder, or the file itself.
#[derive(Debug, thiserror::Error)]
pub enum PrivateWriteError {
    #[error("cannot create the folder {}: {}", path.display(), crate::text::io_words(cause))]
    Folder { path: PathBuf, cause: io::Error },
    #[error(transparent)]
    Write(#[from] WriteError),
}

/// Writes a file only its owner can read, replacing any earlier one, in a folder only its
/// owner can enter (created when missing): drafts and saved issues.
pub fn write_private(path: &Path, contents: &[u8]) -> Result<(), PrivateWriteError> {
    let folder = folder_of(path);
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder
        .create(folder)
        .map_err(|cause| PrivateWriteError::Folder {
            path: folder.into(),
            cause,
        })?;
    let options = WriteOptions {
        overwrite: true,
        private: true,
    };
    Ok(write(path, contents, options)?)
}

#[cfg(unix)]
mod pipe;
#[cfg(unix)]
pub use pipe::read_file_or_pipe;

/// Without Unix pipes to wait for, only regular files are read.
#[cfg(not(unix))]
pub fn read_file_or_pipe(
    path: &Path,
    limit: usize,
    _waiting: impl FnOnce(),
) -> Result<Vec<u8>, ReadError> {
    read_regular_upto(path, limit)
}

#[cfg(test)]
mod tests;
