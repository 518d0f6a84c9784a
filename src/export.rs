//! Where a finished issue goes: a file, the clipboard, `gh` or `glab`, or a retry of the
//! last issue that could not be sent. Pure builders (argv, command lines, OSC 52 bytes, file
//! names) sit beside thin runners that return typed results. Only [`run`] prints: it
//! carries out a whole [`Plan`] for the command line and for the form once it has left.
//!
//! The actions, one call each:
//! - write a file: [`file::write`], then [`gh::gh_command_line`] for the command to run;
//! - copy: [`clipboard::copy`] (and [`clipboard::serve`] for the hidden helper command);
//! - gh / glab: [`send`], which keeps the issue for [`retry`] when it fails, times out,
//!   is interrupted or prints no URL;
//! - print: the caller writes [`Issue::body`](crate::render::Issue) itself.
//!
//! A [`Plan`] says which of these to do; [`run`] does them in order and reports each.

mod child;
pub mod clipboard;
pub mod file;
pub mod gh;
pub mod last;
mod plan;
mod retry;
mod run;
mod send;
pub mod web;

use std::path::Path;

use crate::render::Issue;
pub use child::DEFAULT_TIMEOUT;
pub use clipboard::{Copied, CopyError, Provider};
pub use file::{WriteError, WriteOptions};
pub use gh::{SendError, Sent};
pub use last::{Pending, StoreError};
pub use plan::{Clipboard, FileTarget, Plan};
pub use retry::{Retried, RetryError, RetryOptions, retry};
pub use run::{Outcome, RunError, run, run_to};
pub use send::{SendFailure, send};

/// Where `gh` or `glab` creates issues.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Forge {
    Github,
    Gitlab,
}

impl Forge {
    /// The command-line tool that talks to it.
    pub fn program(self) -> &'static str {
        match self {
            Forge::Github => "gh",
            Forge::Gitlab => "glab",
        }
    }

    /// What is wrong with `login` (bare, as an [`Issue`]'s assignees are) as an assignee
    /// for this forge's tool, said for it: `None` when it can be an account there.
    pub fn assignee_problem(self, login: &str) -> Option<String> {
        // `@me` is the tools' own word for whoever runs them.
        crate::text::assignee_problem(login, login, self == Forge::Gitlab)
    }

    /// The forge's name, as a message says it.
    pub fn name(self) -> &'static str {
        match self {
            Forge::Github => "GitHub",
            Forge::Gitlab => "GitLab",
        }
    }

    /// The longest title the forge takes, in characters.
    pub fn max_title_chars(self) -> usize {
        match self {
            Forge::Github => gh::GITHUB_MAX_TITLE_CHARS,
            Forge::Gitlab => gh::GITLAB_MAX_TITLE_CHARS,
        }
    }

    pub fn from_program(name: &str) -> Option<Forge> {
        match name {
            "gh" => Some(Forge::Github),
            "glab" => Some(Forge::Gitlab),
            _ => None,
        }
    }
}

/// Our own flags for the forge: which repository, which milestone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Target {
    pub repo: Option<String>,
    pub milestone: Option<String>,
}

/// Writes the issue's body to `path` (atomically; an existing file is replaced only with
/// `overwrite`) and returns the command that sends it with `forge`'s tool (the
/// template's), or why none is given ([`gh::create_command`]).
pub fn write_issue(
    issue: &Issue,
    path: &Path,
    overwrite: bool,
    target: &Target,
    forge: Forge,
) -> Result<Result<String, String>, file::WriteError> {
    let options = file::WriteOptions {
        overwrite,
        private: false,
    };
    file::write(path, issue.body.as_bytes(), options)?;
    Ok(gh::create_command(issue, path, target, forge))
}
