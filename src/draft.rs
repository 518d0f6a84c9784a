//! Drafts: the answers to a template, autosaved as an answers file under
//! `<data dir>/issue-composer/drafts/`, so nothing typed is lost. A draft is also a
//! valid `--answers` file.

pub mod index;
pub mod lock;

use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::discover::Source;
use crate::export::last::{DraftMark, fingerprint};
use crate::form::AnswersFile;

/// The file name a template's draft has: built-ins by stem, files by stem and a hash
/// of their absolute path (two repos' `bug_report.md` do not share a draft).
pub fn key(source: &Source) -> String {
    match source {
        Source::Builtin(b) => format!("builtin-{}", b.stem),
        Source::File(path) => {
            // One file, one draft: `..` and symbolic links resolved where possible.
            let absolute = std::fs::canonicalize(path)
                .or_else(|_| std::path::absolute(path))
                .unwrap_or_else(|_| path.clone());
            let stem = source.identity().stem;
            let safe: String = stem
                .chars()
                .map(|c| {
                    if c.is_alphanumeric() || c == '-' || c == '_' {
                        c
                    } else {
                        '_'
                    }
                })
                .collect();
            format!(
                "{safe}-{:016x}",
                fnv1a(absolute.display().to_string().as_bytes())
            )
        }
    }
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// `<data dir>/issue-composer/drafts`.
pub fn dir() -> Option<PathBuf> {
    crate::paths::data_folder().map(|d| d.join("drafts"))
}

pub fn path(source: &Source) -> Option<PathBuf> {
    dir().map(|d| d.join(format!("{}.yaml", key(source))))
}

/// What is kept for a template.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded {
    Nothing,
    /// A draft, and where it is (`None` when it did not come from a file).
    Draft {
        file: Box<AnswersFile>,
        path: Option<PathBuf>,
    },
    /// The draft could not be read, or is not an answers file: it was moved to `to`, so
    /// the next save does not replace it.
    MovedAside {
        to: PathBuf,
        reason: String,
    },
    /// Such a draft that could not be moved either: no draft may be saved over it.
    Stuck(Failure),
    /// Another issue-composer has the template open and saves its draft: this window
    /// saves none (see [`lock`]).
    InUse(Failure),
}

impl From<Option<AnswersFile>> for Loaded {
    fn from(file: Option<AnswersFile>) -> Self {
        file.map_or(Self::Nothing, |file| Self::Draft {
            file: Box::new(file),
            path: None,
        })
    }
}

/// A draft that could not be saved: where it should have gone, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Failure {
    pub path: Option<PathBuf>,
    pub reason: String,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.path {
            Some(path) => write!(
                f,
                "could not save the draft to {}: {}",
                crate::text::path_line(path),
                self.reason
            ),
            None => write!(f, "could not save the draft: {}", self.reason),
        }
    }
}

/// The draft of a template being opened in the form: claimed for this window first
/// ([`lock::claim`]), then loaded; `InUse` when another window holds it.
pub fn open(source: &Source) -> Loaded {
    match lock::claim(source) {
        Ok(()) => load(source),
        Err(lock::InUse { pid }) => Loaded::InUse(Failure {
            path: path(source),
            reason: format!(
                "the draft is open in another issue-composer{}, which saves it; this window saves no draft, so neither overwrites the other's answers",
                pid.map(|pid| format!(" (process {pid})"))
                    .unwrap_or_default()
            ),
        }),
    }
}

/// The saved draft. One that cannot be read is moved aside (never deleted) and reported.
pub fn load(source: &Source) -> Loaded {
    path(source).map_or(Loaded::Nothing, load_at)
}

/// [`load`] from a given file.
pub fn load_at(path: PathBuf) -> Loaded {
    load_at_within(path, crate::discover::limits().answers_size)
}

/// [`load_at`] with a draft of at most `limit` bytes, the answers files' limit.
pub fn load_at_within(path: PathBuf, limit: usize) -> Loaded {
    match read(&path, limit) {
        Ok(None) => Loaded::Nothing,
        Ok(Some(file)) => Loaded::Draft {
            file: Box::new(file),
            path: Some(path),
        },
        Err(reason) => match move_aside(&path, SystemTime::now()) {
            Ok(to) => Loaded::MovedAside { to, reason },
            Err(err) => Loaded::Stuck(Failure {
                reason: format!(
                    "the draft there cannot be read ({reason}) nor moved aside ({err}), and is not overwritten"
                ),
                path: Some(path),
            }),
        },
    }
}

/// How the reason of a draft moved aside for its size begins, so the form can title its
/// notice as a size, not as a draft it could not read.
pub const TOO_LARGE: &str = "it is larger than";

/// The draft at `path`: `None` when there is none, an error when it does not read as an
/// answers file.
fn read(path: &Path, limit: usize) -> Result<Option<AnswersFile>, String> {
    let bytes = match crate::export::file::read_regular_within(path, limit) {
        Ok(bytes) => bytes,
        Err(e) if matches!(e.kind(), ErrorKind::NotFound | ErrorKind::NotADirectory) => {
            return Ok(None);
        }
        Err(e) if e.kind() == ErrorKind::FileTooLarge => {
            return Err(format!(
                "{TOO_LARGE} {}, the limit for answers files (raise it with {}=BYTES)",
                crate::text::size_name(limit),
                crate::form::answers::MAX_SIZE_VAR
            ));
        }
        Err(e) => return Err(e.to_string()),
    };
    let text =
        String::from_utf8(bytes).map_err(|_| "stream did not contain valid UTF-8".to_owned())?;
    // The same budget `--answers` reads with, so both read the same drafts.
    let budget = crate::discover::limits().yaml;
    let file = AnswersFile::parse_within(&text, &path.display().to_string(), &budget)
        .map_err(|e| format!("line {}, column {}: {}", e.line, e.col, e.message))?;
    file.check().map_err(|e| e.to_string())?;
    // An empty file holds no answers: nothing to offer.
    Ok((!file.is_empty()).then_some(file))
}

/// Renames `path` to `<name>.corrupt-<UTC time>` in its folder (with `-2`, `-3`, ... if
/// that is taken): a file that cannot be read is kept, never overwritten (drafts, the
/// command history).
pub fn move_aside(path: &Path, now: SystemTime) -> std::io::Result<PathBuf> {
    let name = path
        .file_name()
        .map_or_else(|| "draft".into(), |n| n.to_string_lossy());
    let base = aside_name(&name, now);
    let taken = |p: &Path| std::fs::symlink_metadata(p).is_ok();
    let to = (1..1000)
        .map(|n| {
            let file = if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            };
            path.with_file_name(file)
        })
        .find(|p| !taken(p))
        .ok_or_else(|| std::io::Error::other("no free name"))?;
    std::fs::rename(path, &to)?;
    Ok(to)
}

/// `<name>.corrupt-YYYYMMDDTHHMMSSZ`.
pub fn aside_name(name: &str, now: SystemTime) -> String {
    let secs = now.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (year, month, day) = civil_date(secs / 86_400);
    let time = secs % 86_400;
    format!(
        "{name}.corrupt-{year:04}{month:02}{day:02}T{:02}{:02}{:02}Z",
        time / 3600,
        time % 3600 / 60,
        time % 60
    )
}

/// Year, month and day of a day count since 1970-01-01 (Howard Hinnant's algorithm).
pub fn civil_date(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

/// Saves atomically (a temporary file, then a rename), readable by the owner only.
/// Blank text is refused: a draft always has at least a title.
pub fn save(source: &Source, yaml: &str) -> Result<PathBuf, Failure> {
    let path = path(source).ok_or_else(|| Failure {
        path: None,
        reason: "there is no data folder (set HOME or XDG_DATA_HOME)".to_owned(),
    })?;
    match source {
        // Comments that let `drafts list` say which template and repository it is for.
        Source::File(file) if !yaml.trim().is_empty() => {
            let file = std::fs::canonicalize(file).unwrap_or_else(|_| file.clone());
            let repo = file.parent().and_then(crate::discover::layout::repo_root);
            save_at(path, &(index::header(&file, repo.as_deref()) + yaml))
        }
        _ => save_at(path, yaml),
    }
}

/// [`save`] to a given file.
pub fn save_at(path: PathBuf, yaml: &str) -> Result<PathBuf, Failure> {
    save_at_within(path, yaml, crate::discover::limits().answers_size)
}

/// [`save_at`] for a draft of at most `limit` bytes: a draft is an answers file, and one
/// larger than their limit could not be read back (by the form or `--answers`).
pub fn save_at_within(path: PathBuf, yaml: &str, limit: usize) -> Result<PathBuf, Failure> {
    // Said by the facts: after a discard (or before a first save) there is none.
    let earlier = if std::fs::symlink_metadata(&path).is_ok() {
        "the earlier one was kept"
    } else {
        "no draft is saved"
    };
    if yaml.len() > limit {
        return Err(Failure {
            path: Some(path),
            reason: format!(
                "the draft would be {} bytes, over {}, the limit for answers files, which a draft must stay within to be read back (raise it with {}=BYTES); {earlier}",
                crate::text::thousands(yaml.len()),
                crate::text::size_name(limit),
                crate::form::answers::MAX_SIZE_VAR
            ),
        });
    }
    if yaml.trim().is_empty() {
        return Err(Failure {
            path: Some(path),
            reason: format!("the draft came out empty, so {earlier}"),
        });
    }
    match crate::export::file::write_private(&path, yaml.as_bytes()) {
        Ok(()) => Ok(path),
        Err(err) => {
            // The message names the draft once: `could not save the draft to X: why`.
            let full = err.to_string();
            let named = format!("cannot write {}: ", path.display());
            let reason = full.strip_prefix(&named).unwrap_or(&full).to_owned();
            Err(Failure {
                reason,
                path: Some(path),
            })
        }
    }
}

/// A draft that could not be removed (after the issue went out).
#[derive(Debug, thiserror::Error)]
#[error("could not remove the draft {}: {}", path.display(), crate::text::io_words(cause))]
pub struct ClearError {
    pub path: PathBuf,
    pub cause: std::io::Error,
}

/// Removes the template's draft; one that is not there is fine, and one another window
/// holds ([`lock`]) is that window's to remove.
pub fn clear(source: &Source) -> Result<(), ClearError> {
    let Some(path) = path(source) else {
        return Ok(());
    };
    if lock::held_by_another(&lock::lock_path(&path)) {
        return Ok(());
    }
    match std::fs::remove_file(&path) {
        Err(cause) if cause.kind() != ErrorKind::NotFound => Err(ClearError { path, cause }),
        _ => Ok(()),
    }
}

/// The template's draft as it is on disk now, kept with an issue that could not be sent:
/// a `retry` that sends it removes the draft if it is still the same
/// ([`forget_if_unchanged`]). None without a draft, or when another window holds it.
pub fn mark(source: &Source) -> Option<DraftMark> {
    let path = path(source)?;
    if lock::held_by_another(&lock::lock_path(&path)) {
        return None;
    }
    let bytes = crate::export::file::read_regular_within(&path, usize::MAX).ok()?;
    Some(DraftMark {
        fingerprint: fingerprint(&bytes),
        path,
    })
}

/// What became of the draft a sent issue was written in.
#[derive(Debug)]
pub enum Forgotten {
    /// Removed: it was as it was when the send failed.
    Removed(PathBuf),
    /// Kept: it changed since, so it holds more than the issue sent.
    Changed(PathBuf),
    /// Kept: a window has it open.
    InUse(PathBuf),
    /// Not there any more (removed, or sent from the form since).
    Gone,
    Failed(ClearError),
}

/// Removes the draft `mark` names when its bytes are still those marked, so the issue
/// it holds, now sent, is not offered for a second send; a changed draft stays.
pub fn forget_if_unchanged(mark: &DraftMark) -> Forgotten {
    let path = mark.path.clone();
    let bytes = match crate::export::file::read_regular_within(&path, usize::MAX) {
        Ok(bytes) => bytes,
        Err(cause) if cause.kind() == ErrorKind::NotFound => return Forgotten::Gone,
        Err(cause) => return Forgotten::Failed(ClearError { path, cause }),
    };
    if fingerprint(&bytes) != mark.fingerprint {
        return Forgotten::Changed(path);
    }
    if lock::held_by_another(&lock::lock_path(&path)) {
        return Forgotten::InUse(path);
    }
    match std::fs::remove_file(&path) {
        Ok(()) => Forgotten::Removed(path),
        Err(cause) if cause.kind() == ErrorKind::NotFound => Forgotten::Gone,
        Err(cause) => Forgotten::Failed(ClearError { path, cause }),
    }
}

#[cfg(test)]
mod tests;
