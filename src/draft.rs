//! Drafts: the answers to a template, autosaved as an answers file under
//! `<data dir>/issue-composer/drafts/`, so nothing typed is lost. A draft is also a
//! valid `--answers` file.

use std::path::PathBuf;

use crate::discover::Source;
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
            let stem = crate::template::stem_of(&path.display().to_string());
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
    crate::export::last::folder().ok().map(|d| d.join("drafts"))
}

pub fn path(source: &Source) -> Option<PathBuf> {
    dir().map(|d| d.join(format!("{}.yaml", key(source))))
}

/// The saved draft, if there is one that reads.
pub fn load(source: &Source) -> Option<AnswersFile> {
    let path = path(source)?;
    let text = std::fs::read_to_string(&path).ok()?;
    AnswersFile::parse(&text, &path.display().to_string()).ok()
}

/// Saves atomically (a temporary file, then a rename), readable by the owner only.
pub fn save(source: &Source, yaml: &str) -> std::io::Result<PathBuf> {
    let path = path(source).ok_or_else(|| std::io::Error::other("no data directory for drafts"))?;
    crate::export::file::write_private(&path, yaml.as_bytes()).map_err(std::io::Error::other)?;
    Ok(path)
}

pub fn clear(source: &Source) -> std::io::Result<()> {
    match path(source).map(std::fs::remove_file) {
        Some(Err(e)) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_separate_built_ins_and_files() {
        let b = Source::Builtin(crate::discover::BUILTINS[0]);
        assert_eq!(key(&b), "builtin-performance");
        let a = key(&Source::File(PathBuf::from("/repo/a/bug_report.md")));
        let c = key(&Source::File(PathBuf::from("/repo/c/bug_report.md")));
        assert!(a.starts_with("bug_report-"));
        assert_ne!(a, c);
    }
}
