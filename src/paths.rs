//! Where issue-composer keeps its own files (one folder under the user's data folder,
//! shared by drafts and by the last issue kept for `retry`), and where the programs it
//! runs are (`PATH`).

use std::path::{Path, PathBuf};

/// `<data dir>/issue-composer`, or `None` when there is no data folder (no `HOME` nor
/// `XDG_DATA_HOME`).
pub fn data_folder() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("issue-composer"))
}

/// The first executable file called `name` in `PATH`.
pub fn find_program(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .filter(|dir| !dir.as_os_str().is_empty())
        .map(|dir| dir.join(name))
        .find(|candidate| is_executable(candidate))
}

/// Whether `path` is an executable regular file.
pub fn is_executable(path: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        meta.is_file() && meta.permissions().mode() & 0o111 != 0
    }
    #[cfg(not(unix))]
    meta.is_file()
}
