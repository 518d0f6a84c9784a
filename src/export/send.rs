//! Creating the issue with gh or glab ([`send`]), and when that fails, what is kept so
//! nothing is lost (the issue for `retry`, the body as markdown, a title too long to
//! print) and what is said about it ([`SendFailure`]).

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::{Forge, Pending, SendError, Sent, StoreError, Target, gh, last};
use crate::render::Issue;

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

/// How many kept unsent issues there are besides `this` one.
pub(super) fn others_kept(this: Option<&Path>) -> usize {
    last::kept().map_or(0, |kept| {
        kept.iter().filter(|k| Some(k.as_path()) != this).count()
    })
}

/// Creates the issue with gh or glab, stopping the tool after `timeout`. When that fails
/// in any way, the issue is saved for [`retry`](super::retry) (and, when the tool is missing, the body as
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

/// For a title too long for the forge, saved with its body: the command that creates
/// the issue from the two files once shortened, with everything else the send had.
pub(super) fn by_hand(
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
