//! Carrying out a [`Plan`]: each export in a fixed order (print, file, clipboard, web,
//! gh, glab), each outcome reported, and the body kept somewhere when an export fails. The
//! only code in `export` that prints: the body, the gh command and issue URLs go to
//! `out` (standard output); what happened goes to standard error.

use std::io::{self, IsTerminal as _, Write};

use super::plan::{FileTarget, Plan};
use super::{Forge, SendError, WriteError, clipboard, gh, send, web, write_issue};
use crate::render::Issue;
use crate::text::{escape, escape_line};

/// Whether every export in the plan worked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Done,
    /// At least one failed (and said so); the body is kept somewhere.
    Failed,
}

/// Why the plan stopped early.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The file could not be written: nothing after it was tried, so running again
    /// cannot create a second issue.
    #[error("{}", file_message(error, *skipped))]
    File { error: WriteError, skipped: bool },
    /// Standard output could not be written.
    #[error(transparent)]
    Io(#[from] io::Error),
}

fn file_message(error: &WriteError, skipped: bool) -> String {
    let hint = match error {
        WriteError::Exists { .. } => " (pass --force to replace it)",
        _ => "",
    };
    let skipped = if skipped {
        "; nothing was copied or sent"
    } else {
        ""
    };
    format!("{error}{hint}{skipped}")
}

/// Carries out `plan` for `issue`, writing to standard output. A file that cannot be
/// written stops everything after it; other failures do not, and make the outcome
/// [`Outcome::Failed`] with the body printed if it is nowhere else.
pub fn run(issue: &Issue, plan: &Plan) -> Result<Outcome, RunError> {
    let stdout = io::stdout();
    // On a terminal, a body without a final newline would leave the prompt glued to its
    // last line; piped or redirected, it goes out byte for byte.
    if stdout.is_terminal() {
        let mut out = EndsLine {
            inner: stdout.lock(),
            last: b'\n',
        };
        let outcome = run_to(issue, plan, &mut out);
        out.end_line()?;
        outcome
    } else {
        run_to(issue, plan, &mut stdout.lock())
    }
}

/// A writer that remembers its last byte, to end the output with a newline.
struct EndsLine<W: Write> {
    inner: W,
    last: u8,
}

impl<W: Write> EndsLine<W> {
    fn end_line(&mut self) -> io::Result<()> {
        if self.last != b'\n' {
            self.write_all(b"\n")?;
        }
        self.flush()
    }
}

impl<W: Write> Write for EndsLine<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        if let Some(&last) = buf[..n].last() {
            self.last = last;
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// [`run`], with `out` for standard output.
pub fn run_to(issue: &Issue, plan: &Plan, out: &mut impl Write) -> Result<Outcome, RunError> {
    // Where the body is, for a failure message.
    let mut kept: Option<String> = None;
    if plan.prints() {
        out.write_all(issue.body.as_bytes())?;
        out.flush()?;
        kept = Some("printed on standard output".into());
    }
    if let Some(file) = &plan.file {
        write_file(issue, plan, file, out)?;
        kept = Some(format!("in {}", file.path.display()));
    }
    let mut failed = false;
    if let Some(with) = plan.clipboard {
        match clipboard::copy(&issue.body, with.provider()) {
            Ok(copied) => eprintln!("issue-composer: {}", escape(&copied.to_string())),
            Err(err) => {
                failed = true;
                let place = keep_body(issue, &mut kept, out)?;
                eprintln!(
                    "issue-composer: {}",
                    escape(&format!(
                        "could not copy the body to the clipboard: {err}; the body is {place}"
                    ))
                );
            }
        }
    }
    match plan.web.then(|| open_web(issue, plan, out)).transpose()? {
        None | Some(Opened::Whole) => {}
        Some(Opened::Not) => {
            failed = true;
            let place = keep_body(issue, &mut kept, out)?;
            eprintln!("issue-composer: the body is {}", escape(&place));
        }
        // The page is open, but without some answers: not done (status 1, so the form
        // keeps its draft), and the whole body is where they can be copied from.
        Some(Opened::Partly) => {
            failed = true;
            if kept.is_none() {
                out.write_all(issue.body.as_bytes())?;
                out.flush()?;
                kept = Some("printed on standard output".into());
            }
            eprintln!(
                "issue-composer: {}",
                escape(&format!(
                    "the page opened without them, so this ends with status 1; the whole body is {} to copy them from",
                    kept.as_deref().unwrap_or_default()
                ))
            );
        }
    }
    for &forge in &plan.forges {
        if forge == Forge::Github {
            for note in [gh::projects_left_out(issue), gh::type_left_out(issue)]
                .into_iter()
                .flatten()
            {
                eprintln!("issue-composer: {}", escape(&note));
            }
        }
        // gh can take seconds (up to the timeout): say what is going on, to a person.
        if io::stderr().is_terminal() {
            eprintln!(
                "issue-composer: creating the issue with {} (Ctrl-C stops it)…",
                forge.program()
            );
        }
        match send(
            issue,
            forge,
            &plan.target,
            plan.timeout,
            plan.draft.as_deref(),
        ) {
            Ok(sent) => writeln!(out, "{}", escape_line(&sent.url))?,
            Err(failure) => {
                failed = true;
                // Created, though the tool reported an error: its URL is the result, and
                // the body is in the issue.
                let created = match &failure.error {
                    SendError::CreatedWithError { url, .. } => Some(url),
                    _ => None,
                };
                if let Some(url) = created {
                    writeln!(out, "{}", escape_line(url))?;
                }
                eprintln!("issue-composer: {}", escape(&failure.to_string()));
                if created.is_none() && !failure.body_is_kept() {
                    let place = keep_body(issue, &mut kept, out)?;
                    eprintln!("issue-composer: the body is {}", escape(&place));
                }
                // Asked to stop: the next tool is not started.
                if matches!(failure.error, SendError::Interrupted { .. }) {
                    break;
                }
            }
        }
    }
    Ok(if failed {
        Outcome::Failed
    } else {
        Outcome::Done
    })
}

/// What became of the prefilled page.
enum Opened {
    /// Open, with every answer.
    Whole,
    /// Open, but the link could not carry some answers (said).
    Partly,
    /// Not open: the link could not be made or opened (said).
    Not,
}

/// Prints the prefilled link and opens it, saying what went wrong.
fn open_web(issue: &Issue, plan: &Plan, out: &mut impl Write) -> io::Result<Opened> {
    let repo = match &plan.target.repo {
        Some(arg) => web::Repo::from_arg(arg),
        None => web::origin(&std::env::current_dir().unwrap_or_default()),
    };
    // Checked before it is printed: only an http(s) link is shown or opened as one.
    let link = repo.and_then(|repo| {
        let link = web::url(issue, &repo, plan.target.milestone.as_deref())?;
        web::web_link(&link)?;
        Ok((link, repo.gitlab))
    });
    let (link, gitlab) = match link {
        Ok(link) => link,
        Err(err) => {
            eprintln!("issue-composer: {}", escape(&err.to_string()));
            return Ok(Opened::Not);
        }
    };
    writeln!(out, "{link}")?;
    out.flush()?;
    if let Err(err) = web::open(&link) {
        eprintln!("issue-composer: {}", escape(&err.to_string()));
        return Ok(Opened::Not);
    }
    // GitHub's form page gets answers by id only: what the link leaves out is not lost.
    let left_out = &issue.prefill.left_out;
    if issue.prefill.form && !gitlab && !left_out.is_empty() {
        eprintln!(
            "issue-composer: {}",
            escape(&format!(
                "the link cannot carry the answers to {} (GitHub prefills only fields with an id, and no checkboxes): fill them in on the page",
                crate::text::join_list(left_out)
            ))
        );
        return Ok(Opened::Partly);
    }
    Ok(Opened::Whole)
}

/// Where the body is; prints it first if it is nowhere yet.
fn keep_body(issue: &Issue, kept: &mut Option<String>, out: &mut impl Write) -> io::Result<String> {
    if kept.is_none() {
        out.write_all(issue.body.as_bytes())?;
        out.flush()?;
        *kept = Some("printed on standard output instead".into());
    }
    Ok(kept.clone().unwrap_or_default())
}

fn write_file(
    issue: &Issue,
    plan: &Plan,
    file: &FileTarget,
    out: &mut impl Write,
) -> Result<(), RunError> {
    let command = write_issue(
        issue,
        &file.path,
        file.force,
        &plan.target,
        plan.template_forge,
    )
    .map_err(|error| RunError::File {
        error,
        skipped: plan.sends(),
    })?;
    let shown = file.path.display().to_string();
    let path = escape_line(&shown);
    // Sent right after: the command would create it a second time.
    if plan.creates() {
        eprintln!("issue-composer: wrote {path}");
        return Ok(());
    }
    // A command with a blank title would create an issue nobody can tell apart.
    if let Some(why) = &plan.untitled {
        eprintln!("issue-composer: wrote {path}; {}", escape_line(why));
        return Ok(());
    }
    // The forge would refuse it (a title or body too long): no command that fails.
    let command = match command {
        Ok(command) => command,
        Err(why) => {
            eprintln!("issue-composer: wrote {path}; {}", escape_line(&why));
            return Ok(());
        }
    };
    // What gh leaves out; glab has no such flags either, and GitLab no such things.
    let github = plan.template_forge == Forge::Github;
    for note in [gh::projects_left_out(issue), gh::type_left_out(issue)]
        .into_iter()
        .flatten()
        .filter(|_| github)
    {
        eprintln!("issue-composer: {}", escape(&note));
    }
    eprintln!("issue-composer: wrote {path}; to create the issue, run:");
    writeln!(out, "{command}")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn issue() -> Issue {
        Issue {
            title: "T".into(),
            body: "Body\n".into(),
            labels: vec![],
            assignees: vec![],
            projects: vec![],
            ..Issue::default()
        }
    }

    #[test]
    fn on_a_terminal_the_output_ends_its_line() {
        let mut out = EndsLine {
            inner: Vec::new(),
            last: b'\n',
        };
        out.end_line().unwrap();
        assert_eq!(out.inner, b"", "nothing written: nothing added");
        out.write_all(b"### A\n\nx").unwrap();
        out.end_line().unwrap();
        assert_eq!(out.inner, b"### A\n\nx\n");
        out.end_line().unwrap();
        assert_eq!(out.inner, b"### A\n\nx\n", "once");
    }

    #[test]
    fn an_empty_plan_prints_the_body() {
        let mut out = Vec::new();
        let outcome = run_to(&issue(), &Plan::default(), &mut out);
        assert!(matches!(outcome, Ok(Outcome::Done)));
        assert_eq!(out, b"Body\n");
    }

    #[test]
    fn a_file_that_exists_stops_the_plan_and_says_what_was_skipped() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("issue.md");
        std::fs::write(&path, "old").expect("writes");
        let plan = Plan {
            file: Some(FileTarget {
                path: path.clone(),
                force: false,
            }),
            forges: vec![super::super::Forge::Github],
            ..Plan::default()
        };
        let mut out = Vec::new();
        let Err(err) = run_to(&issue(), &plan, &mut out) else {
            panic!("the file exists")
        };
        let message = err.to_string();
        assert!(
            message.ends_with(" (pass --force to replace it); nothing was copied or sent"),
            "{message}"
        );
        assert!(out.is_empty());
        assert_eq!(std::fs::read_to_string(&path).expect("reads"), "old");
    }
}
