//! Where forges keep issue templates in a repository (GitHub, Gitea, Forgejo, GitLab),
//! and the user's own template folder: the file-system side of discovery.

use std::path::{Path, PathBuf};

/// Template extensions, lower case.
const EXTENSIONS: [&str; 3] = ["md", "yml", "yaml"];

/// Folders (under the repository root) that may hold one `ISSUE_TEMPLATE.*` file.
const SINGLE_FILE_FOLDERS: [&str; 5] = ["", "docs", ".github", ".gitea", ".forgejo"];

/// The folder whose templates count: the nearest one from `start` upwards that holds
/// `.git` (a folder, or the file of a worktree or submodule); outside a repository, the
/// nearest one that holds templates.
pub fn repo_root(start: &Path) -> Option<PathBuf> {
    if let Some(root) = crate::export::file::enclosing_repository(start) {
        return Some(root);
    }
    let start = std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf());
    start
        .ancestors()
        .find(|d| !templates_in(d).is_empty())
        .map(Path::to_path_buf)
}

/// The templates a forge would find in `root`, in this order: `.github/ISSUE_TEMPLATE/`;
/// the single `ISSUE_TEMPLATE.*` files in the root, `docs/`, `.github/`, `.gitea/` and
/// `.forgejo/`; `.gitea/ISSUE_TEMPLATE/`; `.forgejo/ISSUE_TEMPLATE/`; and
/// `.gitlab/issue_templates/*.md`. Folder and file names match in any case; files in
/// a folder are sorted by name, as GitHub lists them.
pub fn templates_in(root: &Path) -> Vec<PathBuf> {
    let mut out = folder_templates(root, ".github", "issue_template", &EXTENSIONS);
    for folder in SINGLE_FILE_FOLDERS {
        let dir = if folder.is_empty() {
            root.to_path_buf()
        } else {
            root.join(folder)
        };
        out.extend(entries(&dir).into_iter().filter(|p| {
            not_a_folder(p)
                && split_name(p)
                    .is_some_and(|(s, e)| s == "issue_template" && EXTENSIONS.contains(&e.as_str()))
        }));
    }
    for forge in [".gitea", ".forgejo"] {
        out.extend(folder_templates(root, forge, "issue_template", &EXTENSIONS));
    }
    out.extend(folder_templates(
        root,
        ".gitlab",
        "issue_templates",
        &["md"],
    ));
    out
}

/// The forge folders at `root` written in another case than the forge reads them
/// (`.GitHub`), each with the spelling it reads (`.github`). Git and the forges match
/// names exactly, so templates there are never found; nor are they here, on any file
/// system. Sorted.
pub fn misspelled_forge_folders(root: &Path) -> Vec<(PathBuf, &'static str)> {
    const FORGE_FOLDERS: [&str; 4] = [".github", ".gitea", ".forgejo", ".gitlab"];
    let mut out: Vec<(PathBuf, &'static str)> = entries(root)
        .into_iter()
        .filter(|p| p.is_dir())
        .filter_map(|p| {
            let name = p.file_name()?.to_string_lossy().into_owned();
            let spelling = FORGE_FOLDERS
                .iter()
                .find(|f| f.eq_ignore_ascii_case(&name) && **f != name)?;
            Some((p, *spelling))
        })
        .collect();
    out.sort();
    out
}

/// What is wrong with a forge folder written in another case than `spelling`.
pub fn misspelled_message(spelling: &str) -> String {
    format!(
        "templates here are not read: the folder must be named `{spelling}` (in this case), as the forge reads it"
    )
}

/// The chooser's `config.yml` in the first template folder that has one. GitHub reads
/// only `config.yml` and ignores a `config.yaml`; Gitea and Forgejo read both names in
/// their own folders.
pub fn chooser_config(root: &Path) -> Option<PathBuf> {
    [".github", ".gitea", ".forgejo"]
        .iter()
        .flat_map(|forge| named(&root.join(forge), "issue_template"))
        .flat_map(|dir| entries(&dir))
        .find(|p| not_a_folder(p) && is_config(p) && !ignored_by_github(p))
}

/// A `config.yaml` in `.github/ISSUE_TEMPLATE/`: GitHub takes the chooser's settings
/// only from `config.yml` and ignores it (it is no template either).
pub fn ignored_by_github(path: &Path) -> bool {
    let in_github = path
        .parent()
        .and_then(Path::parent)
        .and_then(Path::file_name)
        .is_some_and(|n| n == ".github");
    in_github && split_name(path).is_some_and(|(s, e)| s == "config" && e == "yaml")
}

/// Why a file found in the repository at `root` must not be read, when it must not: it
/// is a symbolic link (or lies in a linked folder) that resolves outside the repository.
/// GitHub follows no links in a repository, and a clone could otherwise make the
/// template (and what is sent) any file of the user's. A link that stays inside is
/// fine; one that leads nowhere is left to the reading, which says so.
pub fn outside(root: &Path, path: &Path) -> Option<String> {
    let real = std::fs::canonicalize(path).ok()?;
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    if real.starts_with(&root) {
        return None;
    }
    let is_link = |p: &Path| {
        p.symlink_metadata()
            .is_ok_and(|m| m.file_type().is_symlink())
    };
    if is_link(path) {
        return Some(format!(
            "{} is a symbolic link to a file outside the repository",
            path.display()
        ));
    }
    // Not the file: a folder on its way is the link (the nearest to the file says most).
    let folder = path.ancestors().skip(1).find(|p| is_link(p));
    Some(match folder {
        Some(folder) => format!(
            "{} lies in {}, a symbolic link to a folder outside the repository",
            path.display(),
            folder.display()
        ),
        None => format!(
            "{} resolves to a file outside the repository",
            path.display()
        ),
    })
}

/// Why a typed path must not be read: it lies in a repository and resolves outside it.
/// Where it lies is where it names (`..` taken off the folder before it, not followed:
/// `../one.md` typed in a repository names a file beside it, which is the user's to
/// read, not a link out of it).
pub fn typed_path_outside(path: &Path) -> Option<String> {
    let folder = lexical(&std::path::absolute(path).ok()?)
        .parent()?
        .to_path_buf();
    let root = repo_root(&folder)?;
    outside(&root, path)
}

/// `path` with `.` and `..` taken off as written (`/a/b/../c` is `/a/c`), without
/// reading the file system.
fn lexical(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            // Above the root is the root.
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// `<config dir>/issue-composer/templates`.
pub fn user_dir() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("issue-composer").join("templates"))
}

/// The template files in `dir`, sorted by name (not `config.yml`).
pub fn user_templates(dir: &Path) -> Vec<PathBuf> {
    templates_of(dir, &EXTENSIONS)
}

/// Templates in the folders named `name` (any case) under `root/parent`.
fn folder_templates(root: &Path, parent: &str, name: &str, extensions: &[&str]) -> Vec<PathBuf> {
    named(&root.join(parent), name)
        .into_iter()
        .flat_map(|dir| templates_of(&dir, extensions))
        .collect()
}

fn templates_of(dir: &Path, extensions: &[&str]) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = entries(dir)
        .into_iter()
        .filter(|p| {
            not_a_folder(p)
                && !is_config(p)
                && split_name(p).is_some_and(|(_, e)| extensions.contains(&e.as_str()))
        })
        .collect();
    files.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
    files
}

/// The folders in `dir` whose name is `name` in any case, sorted.
fn named(dir: &Path, name: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = entries(dir)
        .into_iter()
        .filter(|p| {
            p.is_dir()
                && p.file_name()
                    .is_some_and(|n| n.to_string_lossy().eq_ignore_ascii_case(name))
        })
        .collect();
    found.sort();
    found
}

fn entries(dir: &Path) -> Vec<PathBuf> {
    let Ok(read) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = read.filter_map(|e| e.ok().map(|e| e.path())).collect();
    found.sort();
    found
}

/// An entry of a folder that is not itself a folder (nor a link to one): a file named as
/// a template is one whatever it is, so that a broken link, a FIFO or a device among the
/// templates is listed and checked with what is wrong with it, never skipped. Metadata
/// only: a FIFO is never opened (opening one blocks until a writer comes).
pub fn not_a_folder(path: &Path) -> bool {
    !path.is_dir()
}

/// Why `path` cannot be read when it is a symbolic link to nothing.
pub fn broken_link(path: &Path) -> Option<String> {
    let target = std::fs::read_link(path).ok()?;
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Some(format!(
            "a broken symbolic link: it points to {}, which does not exist",
            target.display()
        )),
        _ => None,
    }
}

/// A template path that is not a regular file (a FIFO, a device, a folder), refused
/// unopened: said with its path wherever a template is read.
#[derive(Debug, thiserror::Error)]
#[error("{} is {}", path.display(), self.why())]
pub struct NotRegular {
    pub path: PathBuf,
    pub kind: &'static str,
}

impl NotRegular {
    /// What it is, without its path: `a FIFO, not a regular file`.
    pub fn why(&self) -> String {
        format!("a {}, not a regular file", self.kind)
    }
}

/// Why a template file could not be read, for a line that names the file already
/// (`check`'s `FILE:1:1: error: …`): [`NotRegular`] without its path, else the whole chain.
pub fn why_unread(err: &anyhow::Error) -> String {
    match err.downcast_ref::<NotRegular>() {
        Some(not) => not.why(),
        None => crate::text::error_chain(err),
    }
}

/// The lower-case stem and extension of a file name.
fn split_name(path: &Path) -> Option<(String, String)> {
    let name = path.file_name()?.to_string_lossy().to_lowercase();
    let (stem, ext) = name.rsplit_once('.')?;
    Some((stem.to_owned(), ext.to_owned()))
}

/// GitHub's chooser settings, not a template.
fn is_config(path: &Path) -> bool {
    split_name(path).is_some_and(|(s, e)| s == "config" && (e == "yml" || e == "yaml"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every reader says the path; `check`, whose line names the file, says it once.
    #[test]
    fn not_regular_is_said_with_its_path_and_without_it() {
        let err = anyhow::Error::new(NotRegular {
            path: PathBuf::from("t/pipe.md"),
            kind: "FIFO",
        });
        assert_eq!(err.to_string(), "t/pipe.md is a FIFO, not a regular file");
        assert_eq!(why_unread(&err), "a FIFO, not a regular file");
        let other = anyhow::anyhow!("not found").context("cannot open t/bug.md");
        assert_eq!(why_unread(&other), "cannot open t/bug.md: not found");
    }
}
