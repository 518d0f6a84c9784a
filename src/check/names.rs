//! The rule that spans a folder: two templates in one folder with one name.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::{Finding, Report};

impl Report {
    /// Two templates in one folder with the same name: GitHub's chooser cannot tell
    /// them apart.
    pub(super) fn same_names(&mut self, names: &HashMap<PathBuf, Vec<(String, String, PathBuf)>>) {
        let mut folders: Vec<&PathBuf> = names.keys().collect();
        folders.sort();
        for folder in folders {
            let mut first: HashMap<&str, &str> = HashMap::new();
            for (file, name, path) in &names[folder] {
                match first.get(name.as_str()) {
                    Some(other) => {
                        let (line, column) = name_place(path).unwrap_or((1, 1));
                        self.findings.push(Finding {
                            file: file.clone(),
                            line,
                            column,
                            severity: "error",
                            message: format!(
                                "`{}` is also the name of {other}; templates in one folder need different names",
                                crate::text::shorten(name, 60)
                            ),
                        });
                    }
                    None => {
                        first.insert(name, file);
                    }
                }
            }
        }
    }
}

/// Where the template at `path` writes its `name` (it was read just before, so it is a
/// regular file within the size limit: reading it again cannot block).
fn name_place(path: &Path) -> Option<(usize, usize)> {
    let text = std::fs::read_to_string(path).ok()?;
    let file = path.to_string_lossy();
    crate::template::lint::name_place(&text, &file, crate::template::is_issue_form(&file))
}
