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
mod run;
pub mod web;

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::render::Issue;
pub use child::DEFAULT_TIMEOUT;
pub use clipboard::{Copied, CopyError, Provider};
pub use file::{WriteError, WriteOptions};
pub use gh::{SendError, Sent};
pub use last::{Pending, StoreError};
pub use plan::{Clipboard, FileTarget, Plan};
pub use run::{Outcome, RunError, run, run_to};

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

/// A send that failed, and where the issue was kept so nothing is lost.
#[derive(Debug)]
pub struct SendFailure {
    pub error: SendError,
    /// Where the issue is saved for `retry`, or why it could not be saved.
    pub saved: Option<Result<PathBuf, StoreError>>,
    /// Where the body is saved as markdown (when the tool is missing).
    pub body_saved: Option<Result<PathBuf, StoreError>>,
    /// Where a title too long for the forge is saved (beside the body), or why it could
    /// not be.
    pub title_saved: Option<Result<PathBuf, StoreError>>,
    /// The issue had labels, which a repository may refuse from people without triage rights.
    pub had_labels: bool,
    /// The issue's title, said with a body saved alone.
    pub title: String,
    /// How many other unsent issues are kept for `retry` besides this one.
    pub others_kept: usize,
    /// The command that creates the issue from its saved title and body, once shortened.
    pub by_hand: Option<String>,
}

/// How many kept unsent issues there are besides `this` one.
fn others_kept(this: Option<&Path>) -> usize {
    last::kept().map_or(0, |kept| {
        kept.iter().filter(|k| Some(k.as_path()) != this).count()
    })
}

impl SendFailure {
    /// Whether the body is safely in a file.
    pub fn body_is_kept(&self) -> bool {
        matches!(self.saved, Some(Ok(_))) || matches!(self.body_saved, Some(Ok(_)))
    }
}

impl std::fmt::Display for SendFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.error)?;
        let kept = matches!(self.saved, Some(Ok(_)));
        if kept && self.error.may_have_created() {
            f.write_str("; kept for retry")?;
        }
        if let Some(Ok(md)) = &self.body_saved {
            write!(f, "\nThe body is saved in {}", md.display())?;
            // Nothing else keeps the title of an issue no tool can take.
            match &self.title_saved {
                // Too long to print: the title is in a file of its own.
                Some(Ok(txt)) => write!(
                    f,
                    " and its title ({} characters) in {}",
                    crate::text::thousands(self.title.chars().count()),
                    txt.display()
                )?,
                _ if self.saved.is_none() && !self.title.trim().is_empty() => {
                    write!(f, " (its title: {})", crate::text::escape_line(&self.title))?;
                }
                _ => {}
            }
            f.write_str(".")?;
            if let (Some(command), SendError::TitleTooLong { body, .. }) =
                (&self.by_hand, &self.error)
            {
                write!(
                    f,
                    "\nShorten {}, then create the issue from the two files: {command}",
                    if body.is_some() { "both" } else { "the title" },
                )?;
            }
        }
        match &self.saved {
            Some(Ok(json)) => {
                let how = match &self.error {
                    SendError::NotInstalled { program } => {
                        format!("install {program}, then run `issue-composer retry` to send it again")
                    }
                    // The same again would fail the same way.
                    SendError::TooLong { .. } => {
                        "run `issue-composer retry --gh` to send it with gh, which reads the body from a file".to_owned()
                    }
                    // `retry --glab` refused what the kept tool can still send.
                    SendError::TitleTooLong { .. } | SendError::TooLongForGithub { .. } => {
                        "`issue-composer retry` sends it with the tool it was kept for".to_owned()
                    }
                    _ => "run `issue-composer retry` to send it again".to_owned(),
                };
                write!(f, "\nThe issue is saved in {}: {how}", json.display())?;
                if self.had_labels && matches!(self.error, SendError::Failed { .. }) {
                    f.write_str(
                        " (add --no-labels if the repository does not let you set labels)",
                    )?;
                }
                if self.error.may_have_created() {
                    f.write_str(" (check first that it was not created after all)")?;
                }
                f.write_str(".")
            }
            Some(Err(err)) => write!(f, "\nThe issue could not be saved: {err}"),
            None => Ok(()),
        }?;
        match self.others_kept {
            0 => Ok(()),
            1 => {
                f.write_str("\nAn older unsent issue is kept too (`issue-composer retry --list`).")
            }
            n => write!(
                f,
                "\n{n} older unsent issues are kept too (`issue-composer retry --list`)."
            ),
        }
    }
}

/// Creates the issue with gh or glab, stopping the tool after `timeout`. When that fails
/// in any way, the issue is saved for [`retry`] (and, when the tool is missing, the body as
/// markdown too).
pub fn send(
    issue: &Issue,
    forge: Forge,
    target: &Target,
    timeout: Duration,
    draft: Option<&last::DraftMark>,
) -> Result<Sent, Box<SendFailure>> {
    let mut pending = Pending {
        forge,
        issue: issue.clone(),
        target: target.clone(),
        draft: draft.cloned(),
        // Without --repo the tool chose the repository from this folder.
        folder: target
            .repo
            .is_none()
            .then(|| std::env::current_dir().ok())
            .flatten(),
        started: true,
    };
    // Kept before the tool starts, marked as started: if issue-composer is killed while
    // it runs (SIGKILL cannot be caught), the issue can still be checked and retried.
    let mut early: Option<Result<PathBuf, StoreError>> = None;
    let result = gh::create_noting_start(issue, forge, target, timeout, None, || {
        early = Some(last::save(&pending));
    });
    let early = early.and_then(Result::ok);
    let error = match result {
        Ok(sent) => {
            if let Some(path) = &early {
                // Sent: nothing to retry. Should removing fail, the record says "started".
                let _ = last::remove(path);
            }
            return Ok(sent);
        }
        Err(error) => error,
    };
    pending.started = false;
    // Without a title a retry would fail the same way; a created issue would be
    // created twice.
    // Too long for GitHub: a retry would fail the same way, with either tool. The
    // body is saved as markdown to shorten and send by hand.
    // So is a title too long for the forge; it is saved beside the body, since it is
    // too long to print.
    let too_long_anywhere = match error {
        SendError::TooLongForGithub { .. } | SendError::TitleTooLong { .. } => true,
        SendError::TooLong { .. } => gh::over_github_limit(&issue.body).is_some(),
        _ => false,
    };
    let keep = !too_long_anywhere
        && !matches!(
            error,
            SendError::NoTitle | SendError::CreatedWithError { .. }
        );
    let saved = match (keep, &early) {
        (true, Some(path)) => Some(last::update(path, &pending).map(|()| path.clone())),
        (true, None) => Some(last::save(&pending)),
        (false, Some(path)) => {
            let _ = last::remove(path);
            None
        }
        (false, None) => None,
    };
    // A title too long to send goes beside the body, under the same time.
    let title_too_long = matches!(error, SendError::TitleTooLong { .. });
    let (body_saved, title_saved) = if too_long_anywhere {
        let (body, title) =
            last::save_unsendable(&issue.body, title_too_long.then_some(issue.title.as_str()));
        (Some(body), title)
    } else {
        let body =
            matches!(error, SendError::NotInstalled { .. }).then(|| last::save_body(&issue.body));
        (body, None)
    };
    let this = match &saved {
        Some(Ok(path)) => Some(path.as_path()),
        _ => None,
    };
    let others_kept = others_kept(this);
    let by_hand = by_hand(
        &error,
        issue,
        target,
        body_saved.as_ref(),
        title_saved.as_ref(),
    );
    Err(Box::new(SendFailure {
        error,
        by_hand,
        saved,
        body_saved,
        title_saved,
        had_labels: !issue.labels.is_empty(),
        title: issue.title.clone(),
        others_kept,
    }))
}

/// What `retry` may change about the saved issue, and how long the tool may take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryOptions {
    /// Send it without labels.
    pub no_labels: bool,
    /// Send it with this tool instead of the one it was meant for.
    pub forge: Option<Forge>,
    /// Send it to this repository instead.
    pub repo: Option<String>,
    pub timeout: Duration,
    /// Which kept issue: 1 (the default) is the newest, as `retry --list` numbers them.
    pub number: usize,
    /// Send it even when it was being sent when issue-composer was stopped.
    pub force: bool,
}

impl Default for RetryOptions {
    fn default() -> Self {
        RetryOptions {
            no_labels: false,
            forge: None,
            repo: None,
            timeout: DEFAULT_TIMEOUT,
            number: 1,
            force: false,
        }
    }
}

/// Why `retry` did not send.
#[derive(Debug, thiserror::Error)]
pub enum RetryError {
    #[error(transparent)]
    Load(#[from] StoreError),
    #[error("{0}")]
    Send(Box<SendFailure>),
    /// The kept issue was being sent when issue-composer was stopped (killed): the tool
    /// may have created it, so it is not sent again without `--force`.
    #[error(
        "`{title}` was being sent with {program} when issue-composer was stopped, so it may exist already: look at the repository's issues, then `issue-composer retry --force{number}` sends it anyway"
    )]
    Started {
        title: String,
        program: &'static str,
        /// ` N` when it is not the newest, as the command needs it.
        number: String,
    },
}

/// A retry that sent the issue; the saved copy is removed so a second retry cannot
/// create a duplicate.
#[derive(Debug)]
pub struct Retried {
    pub sent: Sent,
    /// The draft the failed send came from (as it was then), for the caller to remove
    /// when it is still the same.
    pub draft: Option<last::DraftMark>,
    /// Set when the saved copy could not be removed.
    pub cleanup: Option<StoreError>,
}

/// Sends a kept issue that could not be sent (the newest, or `options.number`). On
/// failure it stays saved, unchanged.
pub fn retry(options: &RetryOptions) -> Result<Retried, RetryError> {
    let (path, mut pending) = last::load_nth(options.number)?;
    // As saved, to put back byte for byte when this send fails too.
    let kept = pending.clone();
    let saved_bytes = std::fs::read(&path).ok();
    if pending.started && !options.force {
        return Err(RetryError::Started {
            title: crate::text::escape_line(&pending.issue.title).into_owned(),
            program: pending.forge.program(),
            number: if options.number == 1 {
                String::new()
            } else {
                format!(" {}", options.number)
            },
        });
    }
    if options.no_labels {
        pending.issue.labels.clear();
    }
    if let Some(forge) = options.forge {
        pending.forge = forge;
    }
    if let Some(repo) = &options.repo {
        pending.target.repo = Some(repo.clone());
    }
    // Without a repository named, in the folder the first send ran in (if it is still
    // there): the repository it meant, not the one `retry` is typed in.
    let folder = pending
        .target
        .repo
        .is_none()
        .then_some(pending.folder.as_deref())
        .flatten()
        .filter(|f| f.is_dir());
    // Marked as started just before the tool starts, as `send` keeps it: if
    // issue-composer is killed while the tool runs, a plain `retry` does not send it twice.
    let mut marked = None;
    let result = gh::create_noting_start(
        &pending.issue,
        pending.forge,
        &pending.target,
        options.timeout,
        folder,
        || {
            let started = Pending {
                started: true,
                ..kept.clone()
            };
            marked = Some(last::update(&path, &started));
        },
    );
    match result {
        Ok(sent) => Ok(Retried {
            sent,
            draft: pending.draft.take(),
            cleanup: last::remove(&path).err(),
        }),
        Err(error) => {
            // It stays as it was. Should that fail, the record says "started", which
            // errs on the side of no duplicate.
            if let (Some(Ok(())), Some(bytes)) = (&marked, &saved_bytes) {
                let _ = last::put_back(&path, bytes);
            }
            // Too long for the forge (kept before that was checked): another retry would
            // fail the same way. Saved to shorten, as a fresh send saves it; the kept copy
            // goes once that worked, unless its own tool can still send it (`retry
            // --glab` of an issue kept for gh).
            let (saved, body_saved, title_saved) = if too_long(&error) {
                let title = matches!(error, SendError::TitleTooLong { .. })
                    .then_some(pending.issue.title.as_str());
                let (body, title) = last::save_unsendable(&pending.issue.body, title);
                let all_saved = body.is_ok() && title.as_ref().is_none_or(Result::is_ok);
                let stays = gh::length_problem(&kept.issue, kept.forge).is_none();
                let saved = if stays || !all_saved {
                    Some(Ok(path.clone()))
                } else {
                    let _ = last::remove(&path);
                    None
                };
                (saved, Some(body), title)
            } else {
                (Some(Ok(path.clone())), None, None)
            };
            let by_hand = by_hand(
                &error,
                &pending.issue,
                &pending.target,
                body_saved.as_ref(),
                title_saved.as_ref(),
            );
            Err(RetryError::Send(Box::new(SendFailure {
                error,
                by_hand,
                others_kept: others_kept(Some(&path)),
                saved,
                body_saved,
                title_saved,
                had_labels: !pending.issue.labels.is_empty(),
                title: pending.issue.title.clone(),
            })))
        }
    }
}

/// For a title too long for the forge, saved with its body: the command that creates
/// the issue from the two files once shortened, with everything else the send had.
fn by_hand(
    error: &SendError,
    issue: &Issue,
    target: &Target,
    body_saved: Option<&Result<PathBuf, StoreError>>,
    title_saved: Option<&Result<PathBuf, StoreError>>,
) -> Option<String> {
    match (error, body_saved, title_saved) {
        (SendError::TitleTooLong { forge, .. }, Some(Ok(md)), Some(Ok(txt))) => {
            Some(gh::unsent_command(issue, target, *forge, txt, md))
        }
        _ => None,
    }
}

/// Whether the forge refused the issue for its length, before its tool ran.
fn too_long(error: &SendError) -> bool {
    matches!(
        error,
        SendError::TitleTooLong { .. } | SendError::TooLongForGithub { .. }
    )
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
