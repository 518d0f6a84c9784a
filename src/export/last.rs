//! The issues that could not be sent, kept as private JSON under the user's data folder
//! for `issue-composer retry`: the newest in `<data dir>/issue-composer/last-issue.json`,
//! the [`KEPT`]` - 1` before it in `unsent/` next to it (named by the time they moved), each moved there when a newer
//! one comes (with its body as markdown, when that was saved).

use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::file::{self, WriteError};
use super::{Forge, Target};
use crate::render::Issue;

/// An issue on its way to a forge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub forge: Forge,
    pub issue: Issue,
    pub target: Target,
    /// The folder the send ran in: without `--repo`, gh and glab pick the repository
    /// from it, so a retry runs there too, wherever `retry` is typed.
    pub folder: Option<PathBuf>,
    /// Saved as the tool started and not yet told how it ended: issue-composer was
    /// killed (SIGKILL cannot be caught) while the tool ran, so it may have created the
    /// issue.
    pub started: bool,
    /// The draft the issue was written in, as it was when the send failed.
    pub draft: Option<DraftMark>,
}

/// A draft file and a fingerprint of its bytes ([`fingerprint`]): the draft is unchanged
/// while its bytes give the same fingerprint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftMark {
    pub path: PathBuf,
    pub fingerprint: String,
}

/// A stable fingerprint of `bytes` (64-bit FNV-1a and the length, in hex): the same on
/// every run and every build, unlike the standard library's hasher.
pub fn fingerprint(bytes: &[u8]) -> String {
    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("{hash:016x}-{:x}", bytes.len())
}

/// The file format; private so the domain types stay free of serde.
#[derive(Debug, Serialize, Deserialize)]
struct Wire {
    /// `gh` or `glab`.
    forge: String,
    title: String,
    body: String,
    #[serde(default)]
    labels: Vec<String>,
    #[serde(default)]
    assignees: Vec<String>,
    #[serde(default)]
    projects: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    repo: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    milestone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    folder: Option<PathBuf>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    started: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    draft: Option<PathBuf>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    draft_fingerprint: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("there is no data folder to keep the issue in (set HOME or XDG_DATA_HOME)")]
    NoDataDir,
    #[error("no unsent issue is saved (looked for {})", path.display())]
    Nothing { path: PathBuf },
    #[error("cannot create {}: {}", path.display(), crate::text::io_words(cause))]
    CreateDir { path: PathBuf, cause: io::Error },
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error("cannot read {}: {}", path.display(), crate::text::io_words(cause))]
    Read { path: PathBuf, cause: io::Error },
    #[error("cannot keep the earlier unsent issue {} in {}: {}", from.display(), to.display(), crate::text::io_words(cause))]
    Keep {
        from: PathBuf,
        to: PathBuf,
        cause: io::Error,
    },
    #[error(
        "there is no unsent issue {number}: {} (`issue-composer retry --list` shows {})",
        match kept { 0 => "none is kept".to_owned(), 1 => "1 is kept".to_owned(), n => format!("{n} are kept") },
        if *kept == 1 { "it" } else { "them" }
    )]
    NoSuch { number: usize, kept: usize },
    #[error(
        "{} is damaged: it is not a saved issue as issue-composer writes them (line {}, column {})",
        path.display(),
        cause.line(),
        cause.column()
    )]
    Parse {
        path: PathBuf,
        cause: serde_json::Error,
    },
    #[error("{}: unknown forge `{forge}` (expected gh or glab)", path.display())]
    UnknownForge { path: PathBuf, forge: String },
}

/// `<data dir>/issue-composer`, where `retry` looks.
pub fn folder() -> Result<PathBuf, StoreError> {
    crate::paths::data_folder().ok_or(StoreError::NoDataDir)
}

/// The saved issue.
pub fn json_path() -> Result<PathBuf, StoreError> {
    Ok(folder()?.join("last-issue.json"))
}

/// The saved body, for reading or sending by hand when the tool was missing.
pub fn body_path() -> Result<PathBuf, StoreError> {
    Ok(folder()?.join("last-issue.md"))
}

/// How many unsent issues are kept, the newest included.
pub const KEPT: usize = 10;

/// Where the earlier unsent issues are kept.
fn older_folder() -> Result<PathBuf, StoreError> {
    Ok(folder()?.join("unsent"))
}

/// The body saved beside a kept issue's JSON (`last-issue.md` for `last-issue.json`).
fn body_of(json: &Path) -> PathBuf {
    json.with_extension("md")
}

/// Moves the newest unsent issue (and its body) into `unsent/` before a newer one takes
/// its place, and lets only the newest [`KEPT`] live.
fn keep_older() -> Result<(), StoreError> {
    let json = json_path()?;
    if std::fs::symlink_metadata(&json).is_err() {
        return Ok(());
    }
    let dir = older_folder()?;
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder
        .create(&dir)
        .map_err(|cause| StoreError::CreateDir {
            path: dir.clone(),
            cause,
        })?;
    // Nanoseconds, always past the newest kept: names sort by age, newest last, even
    // when the clock stands still or goes back.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let newest = older()
        .first()
        .and_then(|p| p.file_stem()?.to_str()?.parse::<u128>().ok());
    let stamp = newest.map_or(now, |n| now.max(n + 1));
    let to = dir.join(format!("{stamp:020}.json"));
    let moved = |from: &Path, to: &Path| {
        std::fs::rename(from, to).map_err(|cause| StoreError::Keep {
            from: from.to_owned(),
            to: to.to_owned(),
            cause,
        })
    };
    moved(&json, &to)?;
    let body = body_of(&json);
    if std::fs::symlink_metadata(&body).is_ok() {
        moved(&body, &body_of(&to))?;
    }
    // The oldest beyond the newest KEPT (this folder holds all but the newest).
    for old in older().into_iter().skip(KEPT - 1) {
        let _ = std::fs::remove_file(body_of(&old));
        let _ = std::fs::remove_file(&old);
    }
    Ok(())
}

/// The JSON files in `unsent/`, newest first.
fn older() -> Vec<PathBuf> {
    let Ok(dir) = older_folder() else {
        return Vec::new();
    };
    let Ok(read) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = read
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files.reverse();
    files
}

/// Every kept unsent issue's JSON file, newest first (what `retry N` numbers).
pub fn kept() -> Result<Vec<PathBuf>, StoreError> {
    let json = json_path()?;
    let newest = std::fs::symlink_metadata(&json).is_ok().then_some(json);
    Ok(newest.into_iter().chain(older()).collect())
}

/// The JSON text for `pending`.
pub fn to_json(pending: &Pending) -> String {
    let Pending {
        forge,
        issue,
        target,
        folder,
        started,
        draft,
    } = pending.clone();
    let (draft, draft_fingerprint) =
        draft.map_or((None, None), |d| (Some(d.path), Some(d.fingerprint)));
    let wire = Wire {
        forge: forge.program().to_owned(),
        title: issue.title,
        body: issue.body,
        labels: issue.labels,
        assignees: issue.assignees,
        projects: issue.projects,
        repo: target.repo,
        milestone: target.milestone,
        folder,
        started,
        draft,
        draft_fingerprint,
    };
    let mut json = serde_json::to_string_pretty(&wire).unwrap_or_default();
    json.push('\n');
    json
}

/// Saves `pending` as the newest unsent issue (the one before it moves to `unsent/`)
/// and returns where.
pub fn save(pending: &Pending) -> Result<PathBuf, StoreError> {
    let path = json_path()?;
    keep_older()?;
    write_private(&path, to_json(pending).as_bytes())?;
    Ok(path)
}

/// Replaces the kept issue in `path` (saved by [`save`]) with `pending`, in place.
pub fn update(path: &Path, pending: &Pending) -> Result<(), StoreError> {
    write_private(path, to_json(pending).as_bytes())
}

/// Puts `bytes` (a kept issue's file as it was read) back into `path`.
pub fn put_back(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    write_private(path, bytes)
}

/// Saves the body as markdown beside the newest kept issue and returns where.
pub fn save_body(body: &str) -> Result<PathBuf, StoreError> {
    let path = body_path()?;
    write_private(&path, body.as_bytes())?;
    Ok(path)
}

/// Where a too-long issue's body and title went: the title only when it was saved too.
pub type Unsent = (
    Result<PathBuf, StoreError>,
    Option<Result<PathBuf, StoreError>>,
);

/// Saves a body no tool can take (too long) as markdown of its own, in `unsent/`, under
/// a name no other save or retry touches (`<time>-too-long.md`), and, when it is given,
/// a title too long to send beside it under the same time (`<time>-too-long-title.txt`),
/// so the two are found together. Returns where each went.
pub fn save_unsendable(body: &str, title: Option<&str>) -> Unsent {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let dir = match older_folder() {
        Ok(dir) => dir,
        // The message says why the body was not saved; the title goes with it.
        Err(err) => return (Err(err), None),
    };
    let taken = |path: &PathBuf| std::fs::symlink_metadata(path).is_ok();
    let names = |stem: &str| {
        (
            dir.join(format!("{stem}.md")),
            dir.join(format!("{stem}-title.txt")),
        )
    };
    let mut stem = format!("{now:020}-too-long");
    // Two in one nanosecond (a coarse clock): the next stem free for both.
    let mut n = 2;
    while {
        let (md, txt) = names(&stem);
        taken(&md) || (title.is_some() && taken(&txt))
    } {
        stem = format!("{now:020}-too-long-{n}");
        n += 1;
    }
    let (md, txt) = names(&stem);
    let body_saved = write_private(&md, body.as_bytes()).map(|()| md);
    let title_saved = title.map(|title| write_private(&txt, title.as_bytes()).map(|()| txt));
    (body_saved, title_saved)
}

fn write_private(path: &std::path::Path, contents: &[u8]) -> Result<(), StoreError> {
    file::write_private(path, contents).map_err(|err| match err {
        file::PrivateWriteError::Folder { path, cause } => StoreError::CreateDir { path, cause },
        file::PrivateWriteError::Write(err) => err.into(),
    })
}

/// The `number`th kept unsent issue (1 is the newest), and its file.
pub fn load_nth(number: usize) -> Result<(PathBuf, Pending), StoreError> {
    let kept = kept()?;
    match kept.get(number.wrapping_sub(1)) {
        Some(path) => Ok((path.clone(), load_from(path.clone())?)),
        None if kept.is_empty() => Err(StoreError::Nothing { path: json_path()? }),
        None => Err(StoreError::NoSuch {
            number,
            kept: kept.len(),
        }),
    }
}

/// Loads the newest saved issue.
pub fn load() -> Result<Pending, StoreError> {
    load_nth(1).map(|(_, pending)| pending)
}

/// Loads the issue saved in `path`.
pub fn load_from(path: PathBuf) -> Result<Pending, StoreError> {
    let text = match super::file::read_regular(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(StoreError::Nothing { path });
        }
        Err(cause) => return Err(StoreError::Read { path, cause }),
    };
    from_json(&text).map_err(|e| match e {
        FromJsonError::Parse(cause) => StoreError::Parse { path, cause },
        FromJsonError::Forge(forge) => StoreError::UnknownForge { path, forge },
    })
}

enum FromJsonError {
    Parse(serde_json::Error),
    Forge(String),
}

fn from_json(text: &str) -> Result<Pending, FromJsonError> {
    let wire: Wire = serde_json::from_str(text).map_err(FromJsonError::Parse)?;
    let forge = Forge::from_program(&wire.forge).ok_or(FromJsonError::Forge(wire.forge))?;
    Ok(Pending {
        forge,
        issue: Issue {
            title: wire.title,
            body: wire.body,
            labels: wire.labels,
            assignees: wire.assignees,
            projects: wire.projects,
            // gh cannot set it: a send said so already.
            issue_type: String::new(),
            // A retry sends with gh or glab; the web link's parts are not kept.
            prefill: crate::render::Prefill::default(),
        },
        target: Target {
            repo: wire.repo,
            milestone: wire.milestone,
        },
        folder: wire.folder,
        started: wire.started,
        draft: wire
            .draft
            .zip(wire.draft_fingerprint)
            .map(|(path, fingerprint)| DraftMark { path, fingerprint }),
    })
}

/// Removes the newest saved issue and body (once sent); missing files are fine.
pub fn clear() -> Result<(), StoreError> {
    remove(&json_path()?)
}

/// Removes the kept issue in `json` and its body (once sent); missing files are fine.
pub fn remove(json: &Path) -> Result<(), StoreError> {
    for path in [json.to_owned(), body_of(json)] {
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => {
                return Err(StoreError::Write(WriteError::Io { path, cause: e }));
            }
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fingerprint_is_fixed_and_tells_bytes_apart() {
        // FNV-1a's published value for the empty input, then one byte.
        assert_eq!(fingerprint(b""), "cbf29ce484222325-0");
        assert_eq!(fingerprint(b"a"), "af63dc4c8601ec8c-1");
        assert_ne!(fingerprint(b"ab"), fingerprint(b"ba"));
    }

    #[test]
    fn json_round_trips_and_names_the_forge_by_program() {
        let pending = Pending {
            forge: Forge::Gitlab,
            issue: Issue {
                title: "T".into(),
                body: "B\n".into(),
                labels: vec!["bug".into()],
                assignees: vec![],
                projects: vec![],
                ..Issue::default()
            },
            target: Target {
                repo: Some("g/r".into()),
                milestone: None,
            },
            folder: None,
            started: false,
            draft: None,
        };
        let json = to_json(&pending);
        assert!(json.contains("\"forge\": \"glab\""), "{json}");
        assert!(
            !json.contains("milestone") && !json.contains("folder"),
            "{json}"
        );
        assert!(from_json(&json).is_ok_and(|p| p == pending));
        let mut here = pending.clone();
        here.folder = Some("/work/clone".into());
        let json = to_json(&here);
        assert!(json.contains("\"folder\": \"/work/clone\""), "{json}");
        assert!(from_json(&json).is_ok_and(|p| p == here));
        here.started = true;
        let json = to_json(&here);
        assert!(json.contains("\"started\": true"), "{json}");
        here.draft = Some(DraftMark {
            path: "/data/drafts/t.yaml".into(),
            fingerprint: fingerprint(b"fields: {}\n"),
        });
        let json = to_json(&here);
        assert!(
            json.contains("\"draft\": \"/data/drafts/t.yaml\""),
            "{json}"
        );
        assert!(from_json(&json).is_ok_and(|p| p == here));
        assert!(matches!(
            from_json(r#"{"forge":"svn","title":"t","body":"b"}"#),
            Err(FromJsonError::Forge(f)) if f == "svn"
        ));
    }
}
