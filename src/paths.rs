//! Where issue-composer keeps its own files: one folder under the user's data folder,
//! shared by drafts and by the last issue kept for `retry`.

use std::path::PathBuf;

/// `<data dir>/issue-composer`, or `None` when there is no data folder (no `HOME` nor
/// `XDG_DATA_HOME`).
pub fn data_folder() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("issue-composer"))
}
