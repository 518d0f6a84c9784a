//! Command lines run into fields (Ctrl-R), remembered per template: the last one for
//! each field, and the recent ones. Kept in `<data dir>/issue-composer/commands.json`,
//! readable by its owner only, written whole and atomically.

use std::collections::BTreeMap;
use std::path::PathBuf;

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

/// Every template's history, by template key ([`crate::draft::key`]); empty when the file
/// is missing or unreadable (a history is a convenience, never a reason to fail).
fn load_all() -> BTreeMap<String, History> {
    path()
        .and_then(|p| std::fs::read_to_string(p).ok())
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

/// The history of the template with this key.
pub fn load(template: &str) -> History {
    load_all().remove(template).unwrap_or_default()
}

/// Records that `line` was run into `field` of the template with key `template`.
pub fn record(template: &str, field: &str, line: &str) -> Result<(), String> {
    let path = path().ok_or("no data folder to keep the command history in")?;
    let mut all = load_all();
    all.entry(template.to_owned())
        .or_default()
        .record(field, line);
    let json = serde_json::to_vec_pretty(&all).map_err(|e| e.to_string())?;
    crate::export::file::write_private(&path, &json).map_err(|e| e.to_string())
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
}
