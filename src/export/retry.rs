//! `retry`: sending again a kept issue that could not be sent, in the folder the first
//! send ran in, marked as started while the tool runs so it is never sent twice.

use std::time::Duration;

use super::send::{SendFailure, by_hand, others_kept};
use super::{DEFAULT_TIMEOUT, Forge, Pending, SendError, Sent, StoreError, gh, last};

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

/// Whether the forge refused the issue for its length, before its tool ran.
fn too_long(error: &SendError) -> bool {
    matches!(
        error,
        SendError::TitleTooLong { .. } | SendError::TooLongForGithub { .. }
    )
}
