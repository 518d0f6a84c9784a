//! The drafts folder as a list: each draft's id, template, repository, last change and
//! size, for `issue-composer drafts`. The template and repository come from the
//! comment lines [`header`] puts at the top of a draft of a template file.

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

const TEMPLATE: &str = "# template: ";
const REPOSITORY: &str = "# repository: ";

/// One saved draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// The file name without `.yaml`: what `drafts show` and `drafts rm` take.
    pub id: String,
    pub path: PathBuf,
    /// The template's path, or `builtin:<stem>.md`; the id's stem when unknown.
    pub template: String,
    /// The repository the template is in, when known.
    pub repository: Option<String>,
    pub modified: SystemTime,
    pub size: u64,
}

/// YAML comments naming the template file and its repository (a draft stays an
/// answers file: comments are not read as answers).
pub fn header(template: &Path, repository: Option<&Path>) -> String {
    let mut out = format!("{TEMPLATE}{}\n", crate::text::path_line(template));
    if let Some(repo) = repository {
        out = format!("{out}{REPOSITORY}{}\n", crate::text::path_line(repo));
    }
    out
}

/// The template and repository named by a draft's leading comments.
pub fn read_header(text: &str) -> (Option<String>, Option<String>) {
    let mut template = None;
    let mut repository = None;
    for line in text.lines().take_while(|l| l.starts_with('#')) {
        if let Some(t) = line.strip_prefix(TEMPLATE) {
            template = Some(t.to_owned());
        } else if let Some(r) = line.strip_prefix(REPOSITORY) {
            repository = Some(r.to_owned());
        }
    }
    (template, repository)
}

/// The drafts in `dir`, by id. Files that are not drafts (moved-aside ones) are left out.
pub fn list(dir: &Path) -> Vec<Summary> {
    let Ok(read) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<Summary> = read
        .filter_map(Result::ok)
        .filter_map(|entry| summary(&entry.path()))
        .collect();
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

fn summary(path: &Path) -> Option<Summary> {
    let id = path
        .file_name()?
        .to_str()?
        .strip_suffix(".yaml")?
        .to_owned();
    let meta = std::fs::metadata(path)
        .ok()
        .filter(std::fs::Metadata::is_file)?;
    // Only the first lines matter; a draft is small, but read at most 4 KiB of it.
    let mut head = vec![0; 4096];
    let n = std::io::Read::read(&mut std::fs::File::open(path).ok()?, &mut head).unwrap_or(0);
    let (template, repository) = read_header(&String::from_utf8_lossy(&head[..n]));
    let template = template.unwrap_or_else(|| template_of_id(&id));
    Some(Summary {
        id,
        path: path.to_path_buf(),
        template,
        repository,
        modified: meta.modified().unwrap_or(UNIX_EPOCH),
        size: meta.len(),
    })
}

/// `builtin-performance` is `builtin:performance.md`; `bug_report-<hash>` is `bug_report`.
fn template_of_id(id: &str) -> String {
    if let Some(stem) = id.strip_prefix("builtin-") {
        return format!("builtin:{stem}.md");
    }
    match id.rsplit_once('-') {
        Some((stem, hash)) if hash.len() == 16 && hash.chars().all(|c| c.is_ascii_hexdigit()) => {
            stem.to_owned()
        }
        _ => id.to_owned(),
    }
}

/// The draft file with this id, if the id is one (a plain file name, `.yaml` optional).
pub fn find(dir: &Path, id: &str) -> Option<PathBuf> {
    let id = id.strip_suffix(".yaml").unwrap_or(id);
    let plain = !id.is_empty() && !id.starts_with('.') && !id.contains(['/', '\\']);
    let path = dir.join(format!("{id}.yaml"));
    (plain && path.is_file()).then_some(path)
}

/// `YYYY-MM-DD HH:MM` in UTC.
pub fn when(time: SystemTime) -> String {
    let secs = time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (y, m, d) = super::civil_date(secs / 86_400);
    let minutes = secs % 86_400 / 60;
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}",
        minutes / 60,
        minutes % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_read_back_and_ids_name_templates_without_them() {
        let text = header(
            Path::new("/r/.github/ISSUE_TEMPLATE/bug.md"),
            Some(Path::new("/r")),
        );
        assert_eq!(
            text,
            "# template: /r/.github/ISSUE_TEMPLATE/bug.md\n# repository: /r\n"
        );
        // A name with an ESC or a newline stays one comment line, and inert.
        assert_eq!(
            header(
                Path::new("/r/evil\u{1b}[31mred\nnl.md"),
                Some(Path::new("/r\r"))
            ),
            "# template: /r/evil\\e[31mred\\nnl.md\n# repository: /r\\r\n"
        );
        let (t, r) = read_header(&format!("{text}title: x\n# template: later\n"));
        assert_eq!(t.as_deref(), Some("/r/.github/ISSUE_TEMPLATE/bug.md"));
        assert_eq!(r.as_deref(), Some("/r"));
        assert_eq!(
            template_of_id("builtin-performance"),
            "builtin:performance.md"
        );
        assert_eq!(template_of_id("bug_report-0123456789abcdef"), "bug_report");
        assert_eq!(template_of_id("odd-name"), "odd-name");
    }

    #[test]
    fn ids_are_plain_file_names() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.yaml"), "title: x\n").unwrap();
        assert_eq!(find(dir.path(), "a"), Some(dir.path().join("a.yaml")));
        assert_eq!(find(dir.path(), "a.yaml"), Some(dir.path().join("a.yaml")));
        for bad in ["", "../a", "b", ".yaml"] {
            assert_eq!(find(dir.path(), bad), None, "{bad}");
        }
        assert_eq!(
            when(UNIX_EPOCH + std::time::Duration::from_secs(1_709_210_096)),
            "2024-02-29 12:34"
        );
    }
}
