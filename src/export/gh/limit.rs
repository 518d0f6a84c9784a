//! How long a title and a body may be for each forge's tool, checked before the tool
//! runs, and how a refusal for length is said.

use super::SendError;
use crate::export::Forge;
use crate::render::Issue;

/// Linux refuses a single argument this long (`MAX_ARG_STRLEN`), so a longer body cannot
/// reach glab, which takes the description as an argument.
pub const MAX_ARG_BYTES: usize = 128 * 1024;

/// GitHub refuses a longer issue body ("body is too long (maximum is 65536 characters)").
pub const GITHUB_MAX_BODY_CHARS: usize = 65_536;

/// The longest body glab can be given, in bytes: one argument, with room for the
/// terminating NUL that [`MAX_ARG_BYTES`] counts.
pub const GLAB_MAX_BODY_BYTES: usize = MAX_ARG_BYTES - 1;

/// The body's length in bytes, when it is too long to pass to glab as an argument.
pub fn over_glab_limit(body: &str) -> Option<usize> {
    (body.len() > GLAB_MAX_BODY_BYTES).then_some(body.len())
}

/// The body's length as the tool that sends it to `forge` counts it, when it is over
/// what that takes: characters for GitHub (its API's limit, gh reads the body from a
/// file), bytes for GitLab (glab takes the body as one argument).
pub fn body_over_limit(body: &str, forge: Forge) -> Option<usize> {
    match forge {
        Forge::Github => over_github_limit(body),
        Forge::Gitlab => over_glab_limit(body),
    }
}

/// Says how much longer the body (`size`, from [`body_over_limit`]) is than `forge`'s
/// tool takes, without advice: `70,013 characters long, and GitHub takes at most 65,536`,
/// `143,373 bytes long, and GitLab's glab takes at most 131,071 bytes`. The review and
/// plain mode's review say it the same way.
pub fn body_over_words(forge: Forge, size: usize) -> String {
    let size = crate::text::thousands(size);
    match forge {
        Forge::Github => format!(
            "{size} characters long, and GitHub takes at most {}",
            crate::text::thousands(GITHUB_MAX_BODY_CHARS)
        ),
        Forge::Gitlab => format!(
            "{size} bytes long, and GitLab's glab takes at most {} bytes",
            crate::text::thousands(GLAB_MAX_BODY_BYTES)
        ),
    }
}

/// The body's length as GitHub counts it, when it is over GitHub's limit.
pub fn over_github_limit(body: &str) -> Option<usize> {
    // Counting stops early: a body of 100 MiB is not walked to the end.
    (body.len() > GITHUB_MAX_BODY_CHARS)
        .then(|| body.chars().count())
        .filter(|&chars| chars > GITHUB_MAX_BODY_CHARS)
}

/// GitHub refuses a longer issue title ("title is too long (maximum is 256 characters)");
/// gh goes through GitHub's API, so this holds for it although the web page takes more.
pub const GITHUB_MAX_TITLE_CHARS: usize = 256;

/// GitLab refuses a longer issue title ("is too long (maximum is 255 characters)").
pub const GITLAB_MAX_TITLE_CHARS: usize = 255;

/// The title's length in characters (as GitHub and GitLab count them: Unicode scalar
/// values), when it is over `forge`'s limit.
pub fn title_over_limit(title: &str, forge: Forge) -> Option<usize> {
    let max = forge.max_title_chars();
    // As for the body: a title of megabytes is not walked to the end when its bytes fit.
    (title.len() > max)
        .then(|| title.chars().count())
        .filter(|&chars| chars > max)
}

/// What the forge refuses for its length, before its tool runs: a title over `forge`'s
/// limit (with the body's length when, for GitHub, that is over too), or a body over
/// GitHub's, or too long for glab to take as an argument (the review's rule too,
/// [`body_over_limit`]). Checked before the tool is looked for, so a missing glab does
/// not hide that it could not take the body either.
pub fn length_problem(issue: &Issue, forge: Forge) -> Option<SendError> {
    let title = title_over_limit(&issue.title, forge);
    match (forge, title) {
        (Forge::Github, title) => match (title, over_github_limit(&issue.body)) {
            (Some(chars), body) => Some(SendError::TitleTooLong { forge, chars, body }),
            (None, Some(chars)) => Some(SendError::TooLongForGithub { chars }),
            (None, None) => None,
        },
        // The title first, as for GitHub: its refusal saves the body and title to
        // shorten; a body glab cannot take alone is kept for `retry --gh`.
        (Forge::Gitlab, Some(chars)) => Some(SendError::TitleTooLong {
            forge,
            chars,
            body: None,
        }),
        (Forge::Gitlab, None) => {
            over_glab_limit(&issue.body).map(|bytes| SendError::TooLong { bytes })
        }
    }
}

/// Says a title is too long, and the body too when it is; the advice fits the case (long
/// text goes in the body only when the body has room for it).
pub(super) fn title_too_long(forge: Forge, chars: usize, body: Option<usize>) -> String {
    let title = crate::text::thousands(chars);
    let max = crate::text::thousands(forge.max_title_chars());
    match body {
        None => format!(
            "the title is {title} characters long, and {} takes at most {max}: shorten it (long text can go in the body)",
            forge.name()
        ),
        Some(body) => format!(
            "the title is {title} characters long and the body {}, and {} takes at most {max} for a title and {} for a body: shorten both (long logs can go in a gist or an attached file)",
            crate::text::thousands(body),
            forge.name(),
            crate::text::thousands(GITHUB_MAX_BODY_CHARS)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// GitHub takes 256 characters, GitLab 255, counted as characters, not bytes.
    #[test]
    fn a_title_is_over_the_limit_by_characters() {
        for (forge, max) in [(Forge::Github, 256), (Forge::Gitlab, 255)] {
            assert_eq!(title_over_limit(&"é".repeat(max), forge), None, "{forge:?}");
            assert_eq!(
                title_over_limit(&"é".repeat(max + 1), forge),
                Some(max + 1),
                "{forge:?}"
            );
            assert_eq!(title_over_limit(&"x".repeat(max + 1), forge), Some(max + 1));
        }
    }
}
