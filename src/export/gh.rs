//! `gh issue create` and `glab issue create`: the exact arguments (pure), the shell-quoted
//! command line printed after writing a file, and a runner that passes argv directly
//! (never through a shell), within a time limit, and returns the new issue's URL.

use std::borrow::Cow;
use std::ffi::OsString;
use std::fmt::Write as _;
use std::io;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use super::child::{self, RunError};
use super::{Forge, Target};
use crate::paths::find_program;
use crate::render::Issue;
use crate::text::is_owner_number;

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
fn title_too_long(forge: Forge, chars: usize, body: Option<usize>) -> String {
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

/// The arguments after `gh`. Only flags that gh 2.23 (Debian 12) also has.
pub fn gh_args(issue: &Issue, body_file: &Path, target: &Target) -> Vec<OsString> {
    let mut args: Vec<OsString> = ["issue", "create", "--title", &issue.title, "--body-file"]
        .map(OsString::from)
        .into();
    args.push(body_file.into());
    push_each(&mut args, "--label", &issue.labels);
    push_each(&mut args, "--assignee", &issue.assignees);
    // gh's `--project` takes a title and finds no project by an issue form's
    // `OWNER/NUMBER`: those are left out (see `projects_left_out`); the web link carries
    // them as GitHub reads them.
    for project in issue.projects.iter().filter(|p| !is_owner_number(p)) {
        args.push("--project".into());
        args.push(slice_value(project).into_owned().into());
    }
    push_target(&mut args, target);
    args
}

/// The projects gh is not given, with why and what to do: `None` when there are none.
pub fn projects_left_out(issue: &Issue) -> Option<String> {
    let numbered: Vec<String> = issue
        .projects
        .iter()
        .filter(|p| is_owner_number(p))
        .cloned()
        .collect();
    (!numbered.is_empty()).then(|| {
        format!(
            "gh adds an issue to a project by the project's title, so {} (OWNER/NUMBER) {} left out: add the issue to {} on its page",
            crate::text::join_list(&numbered),
            if numbered.len() == 1 { "is" } else { "are" },
            if numbered.len() == 1 { "it" } else { "them" },
        )
    })
}

/// The template's issue type, which gh cannot set (it has no flag for it), with what to
/// do: `None` when the template has none.
pub fn type_left_out(issue: &Issue) -> Option<String> {
    (!issue.issue_type.is_empty()).then(|| {
        format!(
            "gh cannot set an issue's type, so the template's type `{}` is left out: set it on the issue's page",
            issue.issue_type
        )
    })
}

/// The arguments after `glab`. GitLab has no projects in GitHub's sense; they are left out.
/// `--yes` skips glab's confirmation prompt.
pub fn glab_args(issue: &Issue, target: &Target) -> Result<Vec<OsString>, SendError> {
    if let Some(bytes) = over_glab_limit(&issue.body) {
        return Err(SendError::TooLong { bytes });
    }
    let mut args: Vec<OsString> = [
        "issue",
        "create",
        "--title",
        &issue.title,
        "--description",
        &issue.body,
        "--yes",
    ]
    .map(OsString::from)
    .into();
    push_each(&mut args, "--label", &issue.labels);
    push_each(&mut args, "--assignee", &issue.assignees);
    push_target(&mut args, target);
    Ok(args)
}

fn push_each(args: &mut Vec<OsString>, flag: &str, values: &[String]) {
    for value in values {
        args.push(flag.into());
        args.push(slice_value(value).into_owned().into());
    }
}

fn push_target(args: &mut Vec<OsString>, target: &Target) {
    if let Some(milestone) = &target.milestone {
        args.extend(["--milestone".into(), milestone.into()]);
    }
    if let Some(repo) = &target.repo {
        args.extend(["--repo".into(), repo.into()]);
    }
}

/// gh and glab read list flags (`--label a,b`) as one CSV record, so a value with a comma
/// or a quote is quoted the CSV way to stay one value.
pub fn slice_value(value: &str) -> Cow<'_, str> {
    if value.contains([',', '"', '\n', '\r']) {
        Cow::Owned(format!("\"{}\"", value.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(value)
    }
}

/// `gh issue create ...` for a body already written to `body_file`, ready to paste into a
/// POSIX shell.
pub fn gh_command_line(issue: &Issue, body_file: &Path, target: &Target) -> String {
    gh_line(issue, body_file, target, None)
}

/// `gh issue create ...`, its `--title` value the shell word `title` when given (a
/// `"$(cat FILE)"`) instead of the issue's title quoted.
fn gh_line(issue: &Issue, body_file: &Path, target: &Target, title: Option<&str>) -> String {
    let mut line = String::from("gh");
    for (i, arg) in gh_args(issue, body_file, target).iter().enumerate() {
        line.push(' ');
        match title {
            // `issue create --title TITLE`: the title is the fourth argument.
            Some(word) if i == 3 => line.push_str(word),
            _ => line.push_str(&shell_quote(&arg.to_string_lossy())),
        }
    }
    line
}

/// The command that creates the issue from `body_file` with the tool of `forge` (the
/// template's), ready to paste into a POSIX shell; or, when the forge would refuse the
/// issue for its length, why no command is given. glab takes the description as an
/// argument, so its command reads the file with `$(cat ...)`.
pub fn create_command(
    issue: &Issue,
    body_file: &Path,
    target: &Target,
    forge: Forge,
) -> Result<String, String> {
    if let Some(problem) = length_problem(issue, forge) {
        return Err(format!(
            "no {} command is given: {problem}",
            forge.program()
        ));
    }
    match forge {
        Forge::Github => Ok(gh_command_line(issue, body_file, target)),
        Forge::Gitlab => Ok(glab_command_line(issue, body_file, target, None)),
    }
}

/// The command that creates `issue` from its title in `title_file` and its body in
/// `body_file` (once shortened), with its labels, assignees and repository as a send
/// gives them, for a POSIX shell.
pub fn unsent_command(
    issue: &Issue,
    target: &Target,
    forge: Forge,
    title_file: &Path,
    body_file: &Path,
) -> String {
    // Inside `"$(...)"` the shell reads the quoted path as a command of its own.
    let title = format!("\"$(cat {})\"", shell_quote(&title_file.to_string_lossy()));
    match forge {
        Forge::Github => gh_line(issue, body_file, target, Some(&title)),
        Forge::Gitlab => glab_command_line(issue, body_file, target, Some(&title)),
    }
}

/// `glab issue create ...` reading the description from `body_file`.
/// Its `--title` value is the shell word `title` when given, as in [`gh_line`].
fn glab_command_line(
    issue: &Issue,
    body_file: &Path,
    target: &Target,
    title: Option<&str>,
) -> String {
    let mut args: Vec<OsString> = ["issue", "create", "--title", &issue.title]
        .map(OsString::from)
        .into();
    push_each(&mut args, "--label", &issue.labels);
    push_each(&mut args, "--assignee", &issue.assignees);
    push_target(&mut args, target);
    let mut line = String::from("glab");
    for (i, arg) in args[..4].iter().enumerate() {
        line.push(' ');
        match title {
            Some(word) if i == 3 => line.push_str(word),
            _ => line.push_str(&shell_quote(&arg.to_string_lossy())),
        }
    }
    // Inside `"$(...)"` the shell reads the quoted path as a command of its own.
    let _ = write!(
        line,
        " --description \"$(cat {})\" --yes",
        shell_quote(&body_file.to_string_lossy())
    );
    for arg in &args[4..] {
        line.push(' ');
        line.push_str(&shell_quote(&arg.to_string_lossy()));
    }
    line
}

/// Quotes `word` for a shell: as is when it is plainly safe, else in single quotes. A
/// word holding control characters (which would act on the terminal it is printed to)
/// is written `$'...'` with escapes instead, as bash, zsh and ksh read it.
/// (A dozen lines do not justify a dependency.)
pub fn shell_quote(word: &str) -> Cow<'_, str> {
    let safe = |c: char| c.is_ascii_alphanumeric() || "@%+=:,./_-".contains(c);
    if !word.is_empty() && word.chars().all(safe) {
        Cow::Borrowed(word)
    } else if word.chars().any(crate::text::is_hazard) {
        let mut quoted = String::from("$'");
        for c in word.chars() {
            match c {
                '\\' | '\'' => {
                    quoted.push('\\');
                    quoted.push(c);
                }
                '\u{1b}' => quoted.push_str("\\e"),
                '\n' => quoted.push_str("\\n"),
                '\r' => quoted.push_str("\\r"),
                '\t' => quoted.push_str("\\t"),
                c if crate::text::is_hazard(c) && u32::from(c) < 0x100 => {
                    let _ = write!(quoted, "\\x{:02x}", u32::from(c));
                }
                c if crate::text::is_hazard(c) => {
                    let _ = write!(quoted, "\\u{:04x}", u32::from(c));
                }
                c => quoted.push(c),
            }
        }
        quoted.push('\'');
        Cow::Owned(quoted)
    } else {
        Cow::Owned(format!("'{}'", word.replace('\'', r"'\''")))
    }
}

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
    #[error("{program} did not finish within {seconds} s (--gh-timeout) and was stopped")]
    TimedOut { program: &'static str, seconds: u64 },
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
        RunError::TimedOut => SendError::TimedOut {
            program,
            seconds: timeout.as_secs(),
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

/// What a tool printed, for a message: standard output then error, sanitized, on one
/// line, at most [`PRINTED_CHARS`] characters; `nothing` when it printed nothing.
fn printed(stdout: &str, stderr: &str) -> String {
    let both = [stdout.trim(), stderr.trim()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let line = crate::text::sanitize::one_line(&both);
    let line = line.trim();
    if line.is_empty() {
        return "nothing".to_owned();
    }
    format!("`{}`", crate::text::shorten(line, PRINTED_CHARS))
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
mod tests;
