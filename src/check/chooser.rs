//! The template chooser: its `config.yml` checked, and markdown templates it would not
//! list.

use std::path::Path;

use super::{Finding, Report, severity};
use crate::discover;
use crate::template::lint;

impl Report {
    pub(super) fn chooser_config(&mut self, path: &Path, name: &str) {
        let text =
            match discover::read_limited(path).map(|b| String::from_utf8_lossy(&b).into_owned()) {
                Ok(text) => text,
                Err(err) => return self.error(name, 1, 1, discover::layout::why_unread(&err)),
            };
        if let Err(err) = crate::yaml::from_str_within::<serde_json::Value>(
            &text,
            name,
            1,
            &discover::limits().yaml,
        ) {
            return self.error(name, err.line, err.col, err.message);
        }
        if discover::layout::ignored_by_github(path) {
            self.findings.push(Finding {
                file: name.to_owned(),
                line: 1,
                column: 1,
                severity: "warning",
                message: "GitHub reads the template chooser's settings only from `config.yml` and ignores this file (Gitea and Forgejo read it); rename it to `config.yml`".to_owned(),
            });
        }
        for p in lint::chooser_config(&text) {
            self.findings.push(Finding {
                file: name.to_owned(),
                line: p.line,
                column: p.col,
                severity: severity(p.severity),
                message: p.message,
            });
        }
        self.summaries
            .push(format!("{name}: template chooser config"));
    }
}

/// A markdown file in `.github/ISSUE_TEMPLATE/` that does not start with front matter:
/// GitHub's chooser lists a markdown template only with `name` and `about`.
pub(super) fn chooser_markdown_without_front_matter(path: &Path) -> bool {
    let named = |p: Option<&Path>, name: &str| {
        p.and_then(Path::file_name)
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
    };
    let folder = path.parent();
    let markdown = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md"));
    markdown
        && named(folder, "ISSUE_TEMPLATE")
        && named(folder.and_then(Path::parent), ".github")
        && starts_without_front_matter(path)
}

/// The file's first bytes are no `---` (it was loaded as a template just before, so it
/// is a regular file: reading cannot block).
fn starts_without_front_matter(path: &Path) -> bool {
    use std::io::Read as _;
    let mut start = [0u8; 3];
    std::fs::File::open(path)
        .and_then(|f| f.take(3).read(&mut start))
        .is_ok_and(|n| start[..n] != *b"---")
}

/// `config.yml` (or `.yaml`) is the chooser's configuration, not a template.
pub fn is_chooser_config(path: &Path) -> bool {
    path.file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .is_some_and(|n| n == "config.yml" || n == "config.yaml")
}
