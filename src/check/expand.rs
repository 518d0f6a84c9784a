//! The templates the arguments name: folders expanded, the repository's templates found
//! with no argument, and repository files that link out of it.

use std::path::Path;

use super::{Finding, Report};
use crate::discover;

/// The templates the arguments name: each folder's templates (`.md`, `.yml`, `.yaml`
/// files, by name), and with no argument the repository's, as `list` finds them.
pub(super) fn expand(args: &[String], report: &mut Report) -> Vec<String> {
    if args.is_empty() {
        let cwd = std::env::current_dir().unwrap_or_default();
        let Some(root) = discover::layout::repo_root(&cwd) else {
            report.error(
                ".",
                1,
                1,
                "no repository templates found from here: name the templates or folders to check"
                    .to_owned(),
            );
            return Vec::new();
        };
        for (folder, spelling) in discover::layout::misspelled_forge_folders(&root) {
            report.findings.push(Finding {
                file: folder.display().to_string(),
                line: 1,
                column: 1,
                severity: "warning",
                message: discover::layout::misspelled_message(spelling),
            });
        }
        let mut paths = discover::layout::templates_in(&root);
        paths.extend(discover::layout::chooser_config(&root));
        if paths.is_empty() {
            // Said, so that an empty report is not read as "all templates are fine".
            report.summaries.push(format!(
                "no templates in the repository at {}: nothing to check (a forge reads them from .github/ISSUE_TEMPLATE/, .gitlab/issue_templates/ and the like; name files or folders to check others)",
                root.display()
            ));
        }
        return paths.iter().map(|p| p.display().to_string()).collect();
    }
    let mut out = Vec::new();
    for arg in args {
        let path = Path::new(arg);
        // A bare word is a template's name first (`check performance`), as for TEMPLATE.
        let folder = path.is_dir() && (arg.contains('/') || discover::resolve(arg).is_err());
        if !folder {
            out.push(arg.clone());
            continue;
        }
        let mut files: Vec<String> = std::fs::read_dir(path)
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .filter(|e| {
                // A broken link, a FIFO or a device named as a template is reported,
                // not skipped (its type from metadata: a FIFO is never opened).
                let p = e.path();
                discover::layout::not_a_folder(&p)
                    && p.extension().is_some_and(|x| {
                        ["md", "yml", "yaml"]
                            .iter()
                            .any(|t| x.eq_ignore_ascii_case(t))
                    })
            })
            .map(|e| {
                format!(
                    "{}/{}",
                    arg.trim_end_matches('/'),
                    e.file_name().to_string_lossy()
                )
            })
            .collect();
        files.sort();
        if files.is_empty() {
            report.error(
                arg,
                1,
                1,
                "a folder with no templates (.md, .yml or .yaml files) in it".to_owned(),
            );
        }
        out.extend(files);
    }
    out
}

/// Why `path` is refused when it is a symbolic link from inside a repository to a file
/// outside it.
pub(super) fn links_out(path: &Path) -> Option<String> {
    if !path.symlink_metadata().ok()?.file_type().is_symlink() {
        return None;
    }
    let folder = std::path::absolute(path).ok()?.parent()?.to_path_buf();
    let root = discover::layout::repo_root(&folder)?;
    discover::layout::outside(&root, path)
}
