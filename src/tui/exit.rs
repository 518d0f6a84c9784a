//! The way out, after the terminal is restored: the commands for files written, print,
//! copy and send as asked, what to say on standard error, and the end after a closed
//! terminal or a signal.

use std::io::Write as _;

use anyhow::Result;

use super::app::{self, After, App};
use super::event;
use super::terminal;
use crate::draft;
use crate::export::{self, Outcome};

/// The way out when the terminal was closed or a signal came: one message for the
/// cause, not for whichever call failed first (see `TermEvents::terminal_gone`; the OS's
/// words would only puzzle), then where the answers are.
pub(super) fn ended(app: App, terminal: terminal::Tty, events: &event::TermEvents) -> Outcome {
    let notes = app.exit_notes();
    let why = if events.signalled() && !events.terminal_gone() {
        "terminated by a signal"
    } else {
        "the terminal was closed"
    };
    // ratatui shows the cursor when its terminal is dropped and says so on standard
    // error when it cannot ("Failed to show the cursor"): the terminal is gone or going,
    // and `terminal::restore` has done what can be done.
    std::mem::forget(terminal);
    // The terminal may be gone: nothing to do if the message cannot be written.
    let _ = writeln!(std::io::stderr(), "issue-composer: {why}");
    tell(&notes);
    // A signal (SIGHUP, SIGTERM) ends it too: the claim goes with it.
    draft::lock::release();
    left_to_exit(app);
    Outcome::Failed
}

/// Leaves the app to the operating system instead of freeing it: the form is closed,
/// its answers are saved or written, and `main` exits next. The app is plain data (a
/// running command lives in `RealIo`, already gone), and freeing a large form block by
/// block kept the shell waiting after the last key: about 110 M instructions, 25 ms,
/// for 100,000 headings.
pub(super) fn left_to_exit(app: App) {
    std::mem::forget(app);
}

/// Says on standard error where the answers are (or why they are not).
pub(super) fn tell(notes: &[String]) {
    for note in notes {
        let _ = writeln!(
            std::io::stderr(),
            "issue-composer: {}",
            crate::text::escape(note)
        );
    }
}

/// Whether the loop stopped because the terminal's output was closed (a broken pipe).
pub(super) fn is_closed(err: &anyhow::Error) -> bool {
    err.downcast_ref::<std::io::Error>()
        .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}

/// The files written in the review: their gh commands, and what to say about them.
pub(super) struct Written<'a> {
    pub(super) paths: &'a [std::path::PathBuf],
    pub(super) commands: &'a [Result<String, String>],
    pub(super) notes: &'a [String],
}

/// The line above the commands for `count` files written, in agreement with the count.
fn run_heading(count: usize) -> &'static str {
    if count == 1 {
        "to create the issue from the file written, run:"
    } else {
        "to create the issue from one of the files written, run one of:"
    }
}

/// After the terminal is restored: the commands for files written, then print, copy and
/// send as asked. The draft goes once all of that worked; otherwise `notes` say where the
/// answers are.
pub(super) fn finish(after: After, written: &Written, notes: &[String]) -> Result<Outcome> {
    // Sent below: a command to create it again would make a second issue.
    let sends = matches!(&after, After::Export { plan, .. } if plan.creates());
    if sends {
        // As `render -o FILE --gh` says it: the form that said so is gone.
        for path in written.paths {
            let shown = path.display().to_string();
            eprintln!("issue-composer: wrote {}", crate::text::escape_line(&shown));
        }
    }
    if !sends {
        // A file whose issue the forge would refuse: why, instead of a command that fails.
        let refused: Vec<String> = written
            .paths
            .iter()
            .zip(written.commands)
            .filter_map(|(path, c)| {
                let why = c.as_ref().err()?;
                Some(format!("wrote {}; {why}", path.display()))
            })
            .collect();
        tell(&refused);
    }
    let commands: Vec<&String> = written.commands.iter().flatten().collect();
    if !commands.is_empty() && !sends {
        tell(written.notes);
        eprintln!("issue-composer: {}", run_heading(commands.len()));
        for command in commands {
            println!("{command}");
        }
    }
    match after {
        After::Nothing => Ok(Outcome::Done),
        After::Unsaved => Ok(Outcome::Failed),
        After::Visit(url) => {
            // Only an http(s) link is printed as one or opened.
            if let Err(err) = export::web::web_link(&url) {
                tell(&[err.to_string()]);
                return Ok(Outcome::Failed);
            }
            println!("{}", crate::text::escape_line(&url));
            match export::web::open(&url) {
                Ok(()) => Ok(Outcome::Done),
                Err(err) => {
                    tell(&[err.to_string()]);
                    Ok(Outcome::Failed)
                }
            }
        }
        After::Export {
            issue,
            mut plan,
            source,
            leftover,
        } => {
            // A send that fails keeps the draft's fingerprint, so a `retry` that sends
            // the issue can remove the draft it came from (if it is still the same).
            if plan.creates() {
                plan.draft = draft::mark(&source).map(Box::new);
            }
            // The body alone (print, copy) leaves out the title typed in the form.
            if !plan.creates() && !plan.web && !issue.title.trim().is_empty() {
                eprintln!(
                    "issue-composer: title: {}",
                    crate::text::escape_line(&issue.title)
                );
            }
            let outcome = export::run(&issue, &plan);
            if matches!(outcome, Ok(Outcome::Done)) {
                // Sent, printed or copied: the draft has done its job, but for the
                // answers the issue left out, which stay in it alone.
                if let Some(leftover) = leftover {
                    let (keys, yaml) = *leftover;
                    let saved = draft::save(&source, &yaml);
                    tell(&[app::leftover_note(&keys, Some(&saved))]);
                } else if let Err(err) = draft::clear(&source) {
                    tell(&[err.to_string()]);
                }
            } else {
                tell(notes);
            }
            Ok(outcome?)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::run_heading;

    #[test]
    fn the_line_above_the_commands_agrees_with_their_count() {
        assert_eq!(
            run_heading(1),
            "to create the issue from the file written, run:"
        );
        assert_eq!(
            run_heading(2),
            "to create the issue from one of the files written, run one of:"
        );
    }
}
