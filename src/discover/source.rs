//! The templates built into the binary, and where a template is (a file or a built-in).

use std::path::PathBuf;

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
        text: include_str!("../../templates/performance.md"),
    },
    Builtin {
        stem: "go-performance",
        file: "templates/go-performance.md",
        text: include_str!("../../templates/go-performance.md"),
    },
    Builtin {
        stem: "bug-report",
        file: "templates/bug-report.md",
        text: include_str!("../../templates/bug-report.md"),
    },
    Builtin {
        stem: "feature-request",
        file: "templates/feature-request.md",
        text: include_str!("../../templates/feature-request.md"),
    },
];

/// The "Blank issue" of the chooser: a title and one text area. Not in [`BUILTINS`]: it
/// is offered on its own, after the templates, unless the repository turns it off.
pub const BLANK: Builtin = Builtin {
    stem: "blank",
    file: "templates/blank.md",
    text: include_str!("../../templates/blank.md"),
};

/// Where a template is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    File(PathBuf),
    Builtin(Builtin),
}

impl Source {
    /// The forge whose tool creates issues from this template: GitLab for a template in
    /// a `.gitlab` folder (`.gitlab/issue_templates/`), else GitHub.
    pub fn forge(&self) -> crate::export::Forge {
        if self.in_gitlab() {
            crate::export::Forge::Gitlab
        } else {
            crate::export::Forge::Github
        }
    }

    fn in_gitlab(&self) -> bool {
        match self {
            Source::File(path) => crate::template::in_gitlab_folder(path),
            Source::Builtin(_) => false,
        }
    }

    /// The name used in messages: the path, or `builtin:<stem>`.
    pub fn display(&self) -> String {
        match self {
            Source::File(path) => path.display().to_string(),
            Source::Builtin(b) => format!("builtin:{}.md", b.stem),
        }
    }

    /// What the template reader needs to know of it, from the typed source: its name in
    /// messages, its stem (a built-in's, or the file's), and its format (by the file's
    /// extension; built-ins are markdown).
    pub fn identity(&self) -> crate::template::Identity {
        match self {
            Source::File(path) => crate::template::Identity {
                name: path.display().to_string(),
                stem: path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                issue_form: crate::template::is_issue_form(&path.to_string_lossy()),
                gitlab: self.in_gitlab(),
            },
            Source::Builtin(b) => crate::template::Identity {
                name: self.display(),
                stem: b.stem.to_owned(),
                issue_form: false,
                gitlab: false,
            },
        }
    }
}

/// Which kind of place a template came from; earlier ones shadow later ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Origin {
    /// The repository (any forge's layout).
    Repo,
    /// `<config dir>/issue-composer/templates/`.
    User,
    Builtin,
}

impl Origin {
    /// `repo`, `user` or `built-in`, as `list` shows it.
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Repo => "repo",
            Origin::User => "user",
            Origin::Builtin => "built-in",
        }
    }
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
