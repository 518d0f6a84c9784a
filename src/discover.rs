//! Where templates come from: a path on disk or a template built into the binary.

use std::io::Read as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};

use crate::template::{self, Template};

/// A template compiled into the binary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Builtin {
    /// The file stem, which names it on the command line.
    pub stem: &'static str,
    pub file: &'static str,
    pub text: &'static str,
}

/// The built-in templates, from `templates/`.
pub const BUILTINS: &[Builtin] = &[
    Builtin {
        stem: "performance",
        file: "templates/performance.md",
        text: include_str!("../templates/performance.md"),
    },
    Builtin {
        stem: "go-performance",
        file: "templates/go-performance.md",
        text: include_str!("../templates/go-performance.md"),
    },
    Builtin {
        stem: "bug-report",
        file: "templates/bug-report.md",
        text: include_str!("../templates/bug-report.md"),
    },
    Builtin {
        stem: "feature-request",
        file: "templates/feature-request.md",
        text: include_str!("../templates/feature-request.md"),
    },
];

/// Where a template is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    File(PathBuf),
    Builtin(Builtin),
}

impl Source {
    /// The name used in messages: the path, or `builtin:<stem>`.
    pub fn display(&self) -> String {
        match self {
            Source::File(path) => path.display().to_string(),
            Source::Builtin(b) => format!("builtin:{}.md", b.stem),
        }
    }
}

/// Finds TEMPLATE: an existing path, else a built-in by file stem, else by unique name.
pub fn resolve(arg: &str) -> Result<Source> {
    let path = Path::new(arg);
    // `symlink_metadata`: a dangling or looping link is still a path the user named, and
    // reading it says what is wrong with it.
    if path.symlink_metadata().is_ok() {
        return Ok(Source::File(path.to_path_buf()));
    }
    if let Some(b) = BUILTINS.iter().find(|b| b.stem == arg) {
        return Ok(Source::Builtin(*b));
    }
    let by_name: Vec<&Builtin> = BUILTINS
        .iter()
        .filter(|b| {
            template::parse(b.file, b.text.as_bytes())
                .is_ok_and(|t| t.form.meta.name.eq_ignore_ascii_case(arg.trim()))
        })
        .collect();
    match by_name.as_slice() {
        [one] => Ok(Source::Builtin(**one)),
        [] => bail!(
            "no template file or built-in template named `{arg}` (built-ins: {})",
            stems()
        ),
        many => bail!(
            "`{arg}` names several built-in templates; use a file stem: {}",
            many.iter().map(|b| b.stem).collect::<Vec<_>>().join(", ")
        ),
    }
}

fn stems() -> String {
    BUILTINS
        .iter()
        .map(|b| b.stem)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads and parses a template.
pub fn load(source: &Source) -> Result<Template> {
    match source {
        Source::Builtin(b) => Ok(template::parse(&source.display(), b.text.as_bytes())?),
        Source::File(path) => {
            let bytes = read_limited(path)?;
            Ok(template::parse(&source.display(), &bytes)?)
        }
    }
}

/// Reads at most one byte more than the template size limit, so a huge file is refused
/// without reading it all.
pub fn read_limited(path: &Path) -> Result<Vec<u8>> {
    // Metadata first: opening a FIFO with no writer would block for ever.
    let meta =
        std::fs::metadata(path).with_context(|| format!("cannot open {}", path.display()))?;
    if meta.is_dir() {
        bail!("{} is a folder, not a template file", path.display());
    }
    if let Some(kind) = crate::export::file::special_kind(&meta) {
        bail!("{} is a {kind}, not a regular file", path.display());
    }
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut bytes = Vec::new();
    file.take(template::MAX_SIZE as u64 + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {}", path.display()))?;
    Ok(bytes)
}

/// Template files in a repository: `.github/ISSUE_TEMPLATE/` (not its `config.yml`),
/// `ISSUE_TEMPLATE.md` in the usual places, and `.gitlab/issue_templates/`. Searched from
/// `start` up to the repository root (the folder holding `.git`).
pub fn repo_templates(start: &Path) -> Vec<PathBuf> {
    let mut dir = Some(start);
    while let Some(d) = dir {
        let found = templates_in(d);
        if !found.is_empty() || d.join(".git").exists() {
            return found;
        }
        dir = d.parent();
    }
    Vec::new()
}

fn templates_in(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for folder in [".github/ISSUE_TEMPLATE", ".gitlab/issue_templates"] {
        let Ok(read) = std::fs::read_dir(root.join(folder)) else {
            continue;
        };
        let mut files: Vec<PathBuf> = read
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| is_template_file(p))
            .collect();
        files.sort();
        out.extend(files);
    }
    for single in [
        ".github/ISSUE_TEMPLATE.md",
        ".github/issue_template.md",
        "ISSUE_TEMPLATE.md",
        "issue_template.md",
        "docs/ISSUE_TEMPLATE.md",
    ] {
        let path = root.join(single);
        if path.is_file() && !out.contains(&path) {
            out.push(path);
        }
    }
    out
}

fn is_template_file(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let ext_ok = [".md", ".yml", ".yaml"].iter().any(|e| name.ends_with(e));
    ext_ok && !name.starts_with("config.") && path.is_file()
}
