//! Command lines run into fields (Ctrl-R), remembered per template: the last one for
//! each field, and the recent ones. Kept in `<data dir>/issue-composer/commands.json`,
//! readable by its owner only, written whole and atomically.

use std::collections::BTreeMap;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

/// Recent command lines kept per template.
pub const RECENT: usize = 20;

/// One template's command lines.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct History {
    /// The last line run, by field id.
    #[serde(default)]
    pub last: BTreeMap<String, String>,
    /// Most recent first, without repeats.
    #[serde(default)]
    pub recent: Vec<String>,
}

impl History {
    /// `line` was run into `field`.
    pub fn record(&mut self, field: &str, line: &str) {
        self.last.insert(field.to_owned(), line.to_owned());
        self.recent.retain(|l| l != line);
        self.recent.insert(0, line.to_owned());
        self.recent.truncate(RECENT);
    }

    /// The line to start from for `field`: its last one, else none.
    pub fn last_for(&self, field: &str) -> Option<&str> {
        self.last.get(field).map(String::as_str)
    }
}

/// `<data dir>/issue-composer/commands.json`.
pub fn path() -> Option<PathBuf> {
    crate::paths::data_folder().map(|d| d.join("commands.json"))
}

/// The largest `commands.json` read: twenty lines per template come nowhere near it.
pub const MAX_SIZE: usize = 1 << 20;

/// Every template's history, by template key ([`crate::draft::key`]), and a note for the
/// user when the file had to be moved aside. A file that cannot be read (a FIFO, a
/// device, over [`MAX_SIZE`]) or is not a history is moved to
/// `commands.json.corrupt-<UTC time>`, like a draft, so the next save does not replace
/// it; when it cannot be moved either, the error says so and nothing may be saved over
/// it. No file is an empty history.
fn load_all(path: &Path) -> Result<(BTreeMap<String, History>, Option<String>), String> {
    let reason = match crate::export::file::read_regular_within(path, MAX_SIZE) {
        Ok(bytes) => match serde_json::from_slice(&bytes) {
            Ok(all) => return Ok((all, None)),
            Err(err) => format!("not a command history: {err}"),
        },
        Err(err) if matches!(err.kind(), ErrorKind::NotFound | ErrorKind::NotADirectory) => {
            return Ok((BTreeMap::new(), None));
        }
        Err(err) => err.to_string(),
    };
    let shown = path.display();
    match crate::draft::move_aside(path, SystemTime::now()) {
        Ok(to) => Ok((
            BTreeMap::new(),
            Some(format!(
                "the command history {shown} could not be read ({reason}); it was moved to {}",
                to.display()
            )),
        )),
        Err(err) => Err(format!(
            "the command history {shown} cannot be read ({reason}) nor moved aside ({err}), and is not overwritten"
        )),
    }
}

/// The history of the template with this key, and a note when the file was moved aside
/// or cannot be read.
pub fn load(template: &str) -> (History, Option<String>) {
    path().map_or((History::default(), None), |p| load_from(&p, template))
}

/// [`load`] from a given file.
pub fn load_from(path: &Path, template: &str) -> (History, Option<String>) {
    match load_all(path) {
        Ok((mut all, note)) => (all.remove(template).unwrap_or_default(), note),
        Err(err) => (History::default(), Some(err)),
    }
}

/// Records that `line` was run into `field` of the template with key `template`; a note
/// when the old file was moved aside first.
pub fn record(template: &str, field: &str, line: &str) -> Result<Option<String>, String> {
    let path = path().ok_or("no data folder to keep the command history in")?;
    record_at(&path, template, field, line)
}

/// [`record`] in a given file.
pub fn record_at(
    path: &Path,
    template: &str,
    field: &str,
    line: &str,
) -> Result<Option<String>, String> {
    let (mut all, note) = load_all(path)?;
    all.entry(template.to_owned())
        .or_default()
        .record(field, line);
    let json = serde_json::to_vec_pretty(&all).map_err(|e| e.to_string())?;
    crate::export::file::write_private(path, &json).map_err(|e| e.to_string())?;
    Ok(note)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_line_per_field_and_recent_lines_without_repeats() {
        let mut h = History::default();
        h.record("baseline", "go test -bench .");
        h.record("env", "uname -a");
        h.record("baseline", "go test -bench . -count 5");
        h.record("env", "uname -a");
        assert_eq!(h.last_for("baseline"), Some("go test -bench . -count 5"));
        assert_eq!(h.last_for("other"), None);
        assert_eq!(
            h.recent,
            ["uname -a", "go test -bench . -count 5", "go test -bench ."]
        );
        for i in 0..30 {
            h.record("x", &i.to_string());
        }
        assert_eq!(h.recent.len(), RECENT);
        assert_eq!(h.recent[0], "29");
    }

    /// The one `commands.json.corrupt-*` file in `dir`.
    fn aside(dir: &Path) -> PathBuf {
        let found: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("commands.json.corrupt-")
            })
            .collect();
        assert_eq!(found.len(), 1, "{found:?}");
        found[0].clone()
    }

    /// Before, a corrupt file read as no history and the next Ctrl-R wrote over it: every
    /// other template's lines were lost, with no copy.
    #[test]
    fn a_corrupt_history_is_moved_aside_with_a_note_and_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("commands.json");
        let text = "{\"other\": {\"recent\": [\"make\"]}, oops";
        std::fs::write(&path, text).unwrap();
        let (history, note) = load_from(&path, "t");
        assert_eq!(history, History::default());
        let to = aside(dir.path());
        assert_eq!(std::fs::read_to_string(&to).unwrap(), text);
        assert_eq!(
            note.unwrap(),
            format!(
                "the command history {} could not be read (not a command history: key must be a string at line 1 column 33); it was moved to {}",
                path.display(),
                to.display()
            )
        );
        assert_eq!(record_at(&path, "t", "f", "ls"), Ok(None));
        assert_eq!(load_from(&path, "t").0.recent, ["ls"]);
        assert_eq!(std::fs::read_to_string(&to).unwrap(), text);
    }

    /// A FIFO froze the UI (Ctrl-C ignored) and /dev/zero read gigabytes.
    #[cfg(unix)]
    #[test]
    fn a_history_that_is_a_fifo_a_device_or_too_large_is_moved_aside_unread() {
        let make = |why: &str, p: &Path| match why {
            "it is a FIFO, not a regular file" => {
                let made = std::process::Command::new("mkfifo").arg(p).status();
                assert!(made.unwrap().success());
            }
            "it is a character device, not a regular file" => {
                std::os::unix::fs::symlink("/dev/zero", p).unwrap();
            }
            _ => std::fs::write(p, vec![b' '; MAX_SIZE + 1]).unwrap(),
        };
        let cases = [
            "it is a FIFO, not a regular file",
            "it is a character device, not a regular file",
            "it is larger than 1 MiB",
        ];
        for why in cases {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("commands.json");
            make(why, &path);
            let (_, note) = load_from(&path, "t");
            let to = aside(dir.path());
            assert_eq!(
                note.unwrap(),
                format!(
                    "the command history {} could not be read ({why}); it was moved to {}",
                    path.display(),
                    to.display()
                )
            );
            assert!(std::fs::symlink_metadata(&path).is_err());
        }
    }
}
