//! The shell-quoted command lines printed for a person to run: `gh issue create ...` for
//! a body written to a file, `glab` reading it with `$(cat ...)`, or why none is given.

use std::borrow::Cow;
use std::ffi::OsString;
use std::fmt::Write as _;
use std::path::Path;

use super::args::{gh_args, push_each, push_target};
use super::limit::length_problem;
use crate::export::{Forge, Target};
use crate::render::Issue;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::gh::testing::issue;

    #[test]
    fn the_command_line_is_shell_quoted() {
        let line = gh_command_line(
            &issue(),
            Path::new("out/issue.md"),
            &Target {
                repo: Some("o/r".into()),
                milestone: None,
            },
        );
        assert_eq!(
            line,
            r#"gh issue create --title '[BUG] it'\''s broken' --body-file out/issue.md --label bug --label 'help wanted' --label '"a,b"' --assignee octocat --project Roadmap --repo o/r"#
        );
        assert_eq!(shell_quote(""), "''");
        assert_eq!(shell_quote("$HOME"), "'$HOME'");
        assert_eq!(
            shell_quote("a\u{1b}]0;x\u{7}'\\\u{202e}\n"),
            r"$'a\e]0;x\x07\'\\\u202e\n'"
        );
    }
}
