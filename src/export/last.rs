//! The last issue that could not be sent, kept as private JSON under the user's data folder
//! (`<data dir>/issue-composer/last-issue.json`) for `issue-composer retry`.

use std::io;
use std::path::PathBuf;

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
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("there is no data folder to keep the issue in (set HOME or XDG_DATA_HOME)")]
    NoDataDir,
    #[error("no unsent issue is saved (looked for {})", path.display())]
    Nothing { path: PathBuf },
    #[error("cannot create {}: {cause}", path.display())]
    CreateDir { path: PathBuf, cause: io::Error },
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error("cannot read {}: {cause}", path.display())]
    Read { path: PathBuf, cause: io::Error },
    #[error("{} is not a saved issue: {cause}", path.display())]
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

/// The JSON text for `pending`.
pub fn to_json(pending: &Pending) -> String {
    let Pending {
        forge,
        issue,
        target,
    } = pending.clone();
    let wire = Wire {
        forge: forge.program().to_owned(),
        title: issue.title,
        body: issue.body,
        labels: issue.labels,
        assignees: issue.assignees,
        projects: issue.projects,
        repo: target.repo,
        milestone: target.milestone,
    };
    let mut json = serde_json::to_string_pretty(&wire).unwrap_or_default();
    json.push('\n');
    json
}

/// Saves `pending` (replacing an older one) and returns where.
pub fn save(pending: &Pending) -> Result<PathBuf, StoreError> {
    let path = json_path()?;
    write_private(&path, to_json(pending).as_bytes())?;
    Ok(path)
}

/// Saves the body as markdown and returns where.
pub fn save_body(body: &str) -> Result<PathBuf, StoreError> {
    let path = body_path()?;
    write_private(&path, body.as_bytes())?;
    Ok(path)
}

fn write_private(path: &std::path::Path, contents: &[u8]) -> Result<(), StoreError> {
    file::write_private(path, contents).map_err(|err| match err {
        file::PrivateWriteError::Folder { path, cause } => StoreError::CreateDir { path, cause },
        file::PrivateWriteError::Write(err) => err.into(),
    })
}

/// Loads the saved issue.
pub fn load() -> Result<Pending, StoreError> {
    let path = json_path()?;
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
            // A retry sends with gh or glab; the web link's parts are not kept.
            prefill: crate::render::Prefill::default(),
        },
        target: Target {
            repo: wire.repo,
            milestone: wire.milestone,
        },
    })
}

/// Removes the saved issue and body (once sent); missing files are fine.
pub fn clear() -> Result<(), StoreError> {
    for path in [json_path()?, body_path()?] {
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
        };
        let json = to_json(&pending);
        assert!(json.contains("\"forge\": \"glab\""), "{json}");
        assert!(!json.contains("milestone"), "{json}");
        assert!(from_json(&json).is_ok_and(|p| p == pending));
        assert!(matches!(
            from_json(r#"{"forge":"svn","title":"t","body":"b"}"#),
            Err(FromJsonError::Forge(f)) if f == "svn"
        ));
    }
}
