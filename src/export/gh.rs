//! `gh issue create` and `glab issue create`: the exact arguments (pure, `args`), the
//! shell-quoted command line printed after writing a file (`line`), the limits on a
//! title's and a body's length checked before either (`limit`), and a runner that passes
//! argv directly (never through a shell), within a time limit, and returns the new
//! issue's URL (`send`). This file holds what they share: [`Sent`] and [`SendError`].

mod args;
mod limit;
mod line;
mod send;

use std::io;

use super::Forge;
use limit::title_too_long;

pub use args::{gh_args, glab_args, projects_left_out, slice_value, type_left_out};
pub use limit::{
    GITHUB_MAX_BODY_CHARS, GITHUB_MAX_TITLE_CHARS, GITLAB_MAX_TITLE_CHARS, GLAB_MAX_BODY_BYTES,
    MAX_ARG_BYTES, body_over_limit, body_over_words, length_problem, over_github_limit,
    over_glab_limit, title_over_limit,
};
pub use line::{create_command, gh_command_line, shell_quote, unsent_command};
pub use send::{create, create_in, create_noting_start, find_url};

/// A created issue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sent {
    pub forge: Forge,
    /// The URL the tool printed.
    pub url: String,
}

/// Why sending failed.
#[derive(Debug, thiserror::Error)]
pub enum SendError {
    #[error("{program} is not installed (not found on PATH)")]
    NotInstalled { program: &'static str },
    #[error("{program} issue create failed ({status}){}", on_next_line(message))]
    Failed {
        program: &'static str,
        status: String,
        message: String,
    },
    /// The tool died of a signal that did not come to us (someone killed it): it may have
    /// created the issue before it died.
    #[error(
        "{program} was killed by a signal before it finished ({status}), so it may have created the issue{}",
        on_next_line(message)
    )]
    Killed {
        program: &'static str,
        status: String,
        message: String,
    },
    #[error("the issue has no title")]
    NoTitle,
    #[error("the body is too long to pass to glab ({} bytes; at most {} fit in an argument)", crate::text::thousands(*bytes), crate::text::thousands(GLAB_MAX_BODY_BYTES))]
    TooLong { bytes: usize },
    #[error(
        "the body is {} characters long, and GitHub takes at most {}: shorten it (long logs can go in a gist or an attached file)",
        crate::text::thousands(*chars),
        crate::text::thousands(GITHUB_MAX_BODY_CHARS)
    )]
    TooLongForGithub { chars: usize },
    /// `body` is the body's length when it is over GitHub's limit too: both are named
    /// at once, so shortening one does not end in a refusal of the other.
    #[error("{}", title_too_long(*forge, *chars, *body))]
    TitleTooLong {
        forge: Forge,
        chars: usize,
        body: Option<usize>,
    },
    #[error("cannot run {program}: {}", crate::text::io_words(cause))]
    Io {
        program: &'static str,
        cause: io::Error,
    },
    /// `printed` is what the tool had printed by then (sanitized, on one line, shortened),
    /// if anything: a prompt it waited on, an error.
    #[error(
        "{program} did not finish within {seconds} s (--gh-timeout) and was stopped{}",
        printed.as_ref().map(|p| format!("; it printed: {p}")).unwrap_or_default()
    )]
    TimedOut {
        program: &'static str,
        seconds: u64,
        printed: Option<String>,
    },
    #[error("{program} was stopped: issue-composer got {signal}")]
    Interrupted {
        program: &'static str,
        signal: &'static str,
    },
    /// `printed` is what the tool printed (sanitized, on one line, shortened), or
    /// `nothing`.
    #[error("{program} exited 0 but printed no issue URL; it printed: {printed}")]
    NoUrl {
        program: &'static str,
        printed: String,
    },
    /// The tool printed the new issue's URL but exited with an error (a label or project
    /// it could not set, say): the issue exists, so it is not kept for a retry.
    #[error(
        "{program} created {url} but exited with an error ({status}):\n{message}\nThe issue was created: it is not kept for retry, which would create it twice."
    )]
    CreatedWithError {
        program: &'static str,
        url: String,
        status: String,
        message: String,
    },
}

impl SendError {
    /// Whether the issue may have been created all the same, so a retry may duplicate it.
    pub fn may_have_created(&self) -> bool {
        matches!(
            self,
            SendError::TimedOut { .. }
                | SendError::Interrupted { .. }
                | SendError::NoUrl { .. }
                | SendError::Killed { .. }
        )
    }
}

/// `:` and what the tool printed on the lines after, or nothing when it printed nothing.
fn on_next_line(message: &str) -> String {
    if message.is_empty() {
        String::new()
    } else {
        format!(":\n{message}")
    }
}

#[cfg(test)]
mod testing {
    //! What the tests of the submodules share.

    use crate::render::Issue;

    pub(super) fn issue() -> Issue {
        Issue {
            title: "[BUG] it's broken".into(),
            body: "## Summary\n".into(),
            labels: vec!["bug".into(), "help wanted".into(), "a,b".into()],
            assignees: vec!["octocat".into()],
            projects: vec!["Roadmap".into()],
            ..Issue::default()
        }
    }
}
