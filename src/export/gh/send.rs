//! The runner: creates the issue with gh or glab, argv passed directly (never through a
//! shell), within a time limit, and finds the new issue's URL in what the tool printed.

use std::io;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use super::args::{gh_args, glab_args};
use super::limit::length_problem;
use super::{SendError, Sent};
use crate::export::child::{self, RunError};
use crate::export::{Forge, Target};
use crate::paths::find_program;
use crate::render::Issue;

/// Creates the issue with gh or glab, stopping it after `timeout` or on a signal. The body
/// goes to gh through a private (0600) temporary file that is removed afterwards, on
/// every way out that can be caught (SIGKILL cannot). Only a printed URL counts as created.
pub fn create(
    issue: &Issue,
    forge: Forge,
    target: &Target,
    timeout: Duration,
) -> Result<Sent, SendError> {
    create_in(issue, forge, target, timeout, None)
}

/// [`create`], with the tool run in `folder` (it picks the repository from there when
/// `target` names none).
pub fn create_in(
    issue: &Issue,
    forge: Forge,
    target: &Target,
    timeout: Duration,
    folder: Option<&Path>,
) -> Result<Sent, SendError> {
    create_noting_start(issue, forge, target, timeout, folder, || {})
}

/// [`create_in`], calling `started` just before the tool starts (after every check that
/// can refuse without running it): from then on, the issue may be created.
pub fn create_noting_start(
    issue: &Issue,
    forge: Forge,
    target: &Target,
    timeout: Duration,
    folder: Option<&Path>,
    started: impl FnOnce(),
) -> Result<Sent, SendError> {
    let program = forge.program();
    if issue.title.trim().is_empty() {
        return Err(SendError::NoTitle);
    }
    if let Some(problem) = length_problem(issue, forge) {
        return Err(problem);
    }
    let io_err = |cause| SendError::Io { program, cause };
    let path = find_program(program).ok_or(SendError::NotInstalled { program })?;
    // Watched before the body file exists, so a signal cannot leave it behind.
    let watch = child::Watch::start().map_err(io_err)?;
    let mut command = Command::new(path);
    if let Some(folder) = folder {
        command.current_dir(folder);
    }
    // Kept alive until gh has run; dropping it removes the file.
    let mut body_file = None;
    match forge {
        Forge::Github => {
            let file = private_body_file(&issue.body).map_err(io_err)?;
            command.args(gh_args(issue, file.path(), target));
            command.env("GH_PROMPT_DISABLED", "1");
            body_file = Some(file);
        }
        Forge::Gitlab => {
            command.args(glab_args(issue, target)?);
        }
    }
    started();
    let output = child::run(command, timeout, &watch).map_err(|err| match err {
        RunError::Io(cause) => SendError::Io { program, cause },
        RunError::TimedOut { stdout, stderr } => SendError::TimedOut {
            program,
            seconds: timeout.as_secs(),
            printed: quoted(
                &String::from_utf8_lossy(&stdout),
                &String::from_utf8_lossy(&stderr),
            ),
        },
        RunError::Signal(signal) => SendError::Interrupted { program, signal },
    })?;
    drop(body_file);
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let status = output.status.to_string();
        if let Some(url) = find_url(&stdout) {
            return Err(SendError::CreatedWithError {
                program,
                url,
                status,
                message: stderr.trim().to_owned(),
            });
        }
        let message = [stderr.trim(), stdout.trim()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        if std::os::unix::process::ExitStatusExt::signal(&output.status).is_some() {
            return Err(SendError::Killed {
                program,
                status,
                message,
            });
        }
        return Err(SendError::Failed {
            program,
            status,
            message,
        });
    }
    let url = find_url(&stdout).ok_or_else(|| SendError::NoUrl {
        program,
        printed: printed(&stdout, &String::from_utf8_lossy(&output.stderr)),
    })?;
    Ok(Sent { forge, url })
}

/// The most characters of a tool's output a message quotes.
const PRINTED_CHARS: usize = 200;

/// What a tool printed, for a message: [`quoted`], or `nothing`.
fn printed(stdout: &str, stderr: &str) -> String {
    quoted(stdout, stderr).unwrap_or_else(|| "nothing".to_owned())
}

/// What a tool printed in backticks: standard output then error, sanitized, on one line,
/// at most [`PRINTED_CHARS`] characters, its start and its end when longer (the error it
/// printed last is what says why; the start alone lost it); `None` when it printed
/// nothing.
fn quoted(stdout: &str, stderr: &str) -> Option<String> {
    let both = [stdout.trim(), stderr.trim()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let line = crate::text::sanitize::one_line(&both);
    let line = line.trim();
    let kept = crate::text::shorten_middle(line, PRINTED_CHARS, 40);
    (!line.is_empty()).then(|| format!("`{kept}`"))
}

/// The body in a temporary file only we can read (tempfile creates it 0600).
fn private_body_file(body: &str) -> io::Result<tempfile::NamedTempFile> {
    let mut file = tempfile::Builder::new()
        .prefix("issue-composer-")
        .suffix(".md")
        .tempfile()?;
    io::Write::write_all(&mut file, body.as_bytes())?;
    file.as_file().sync_all()?;
    Ok(file)
}

/// The last new issue's URL in the tool's output (gh prints just the URL; glab a summary
/// line too): `http(s)://HOST/.../issues/NUMBER`, cut after the number. Other links (a
/// help page, `.../issues/new`) do not say an issue was created.
pub fn find_url(stdout: &str) -> Option<String> {
    stdout.split_whitespace().rev().find_map(issue_url)
}

/// `word` up to the end of an issue's number, when it starts with an issue's URL.
fn issue_url(word: &str) -> Option<String> {
    let rest = word
        .strip_prefix("https://")
        .or_else(|| word.strip_prefix("http://"))?;
    let (host, path) = rest.split_once('/')?;
    if host.is_empty() {
        return None;
    }
    let at = path.rfind("issues/")?;
    let (before, after) = path.split_at(at + "issues/".len());
    let digits = after.bytes().take_while(u8::is_ascii_digit).count();
    let whole = before.len() == "issues/".len() || before.ends_with("/issues/");
    (whole && digits > 0)
        .then(|| word[..word.len() - path.len() + before.len() + digits].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_url_is_the_last_one_printed() {
        assert_eq!(
            find_url("https://github.com/o/r/issues/7\n").as_deref(),
            Some("https://github.com/o/r/issues/7")
        );
        assert_eq!(
            find_url("#3 Title (now)\n https://gitlab.com/g/r/-/issues/3\n").as_deref(),
            Some("https://gitlab.com/g/r/-/issues/3")
        );
        assert_eq!(find_url("done\n"), None);
        // Only an issue's URL says one was created; junk after its number is cut.
        assert_eq!(
            find_url("see https://github.com/o/r/issues/new for help\n"),
            None
        );
        assert_eq!(find_url("https://evil.example/x\n"), None);
        assert_eq!(find_url("https:///issues/3 http://h/myissues/3\n"), None);
        assert_eq!(
            find_url("https://github.com/o/r/issues/7\u{1b}[2J\u{1b}]0;pwned\u{7}\n").as_deref(),
            Some("https://github.com/o/r/issues/7")
        );
        assert_eq!(
            find_url("https://ghe.example/o/r/issues/12 https://github.com/o/r/issues/new\n")
                .as_deref(),
            Some("https://ghe.example/o/r/issues/12")
        );
    }
}
