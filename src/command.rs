//! The subcommands: `schema`, `render`, `check` and `retry`, and dispatch to the TUI.

mod list;
mod settings;
mod shell;

pub use settings::{default_output, exports, today};

use std::io::{Read as _, Write as _};
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};

use crate::cli::{Cli, Command, ExportArgs, RenderArgs, RetryArgs};
use crate::discover;
use crate::export::{self, RetryError, WriteError, clipboard};
use crate::form::{Answers, AnswersFile, schema};
use crate::render::Issue;
use crate::template::Severity;
use crate::text::{escape, escape_line};

/// Runs what the command line asks for.
pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Some(Command::Schema { template }) => schema_cmd(&template),
        Some(Command::Render(args)) => render_cmd(&args),
        Some(Command::Check { templates }) => Ok(check_cmd(&templates)),
        Some(Command::Retry(args)) => retry_cmd(&args),
        Some(Command::List { json }) => list::list_cmd(json),
        Some(Command::ServeClipboard) => serve_clipboard_cmd(),
        Some(Command::Config(command)) => settings::config_cmd(&command),
        Some(Command::Completions { shell }) => shell::completions_cmd(shell),
        Some(Command::Man) => shell::man_cmd(),
        Some(Command::Drafts(command)) => shell::drafts_cmd(&command),
        None => {
            let config = settings::load();
            let args = settings::tui_args(cli.tui, &config);
            if crate::plain::wanted(&args) {
                crate::plain::run(&args, &config)
            } else {
                crate::tui::run(&args)
            }
        }
    }
}

fn schema_cmd(template: &str) -> Result<ExitCode> {
    let template = discover::load(&discover::resolve(template)?)?;
    let json = schema::to_json(&template.form);
    let mut out = serde_json::to_string_pretty(&json)?;
    out.push('\n');
    std::io::stdout().write_all(out.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// Reads an answers file (YAML, or JSON by extension).
pub fn read_answers(path: &std::path::Path) -> Result<AnswersFile> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read answers file {}", path.display()))?;
    Ok(AnswersFile::parse(&text, &path.display().to_string())?)
}

/// Loads the answers file and `--set` values into answers for `form`.
pub fn load_answers(
    form: &crate::form::Form,
    file: Option<&std::path::Path>,
    sets: &[(String, String)],
) -> Result<Answers> {
    let mut answers_file = match file {
        Some(path) => read_answers(path)?,
        None => AnswersFile::default(),
    };
    let mut seen = std::collections::HashSet::new();
    for (key, value) in sets {
        let repeated = !seen.insert(key.clone());
        answers_file.set(key, value, repeated)?;
    }
    let mut answers = Answers::new(form);
    let name = file.map_or_else(|| "--set".to_owned(), |p| p.display().to_string());
    answers_file
        .apply(form, &mut answers)
        .with_context(|| format!("in {name}"))?;
    Ok(answers)
}

fn render_cmd(args: &RenderArgs) -> Result<ExitCode> {
    let config = settings::load();
    let template = discover::load(&discover::resolve(&args.template)?)?;
    let form = &template.form;
    let mut answers = load_answers(form, args.answers.as_deref(), &args.set)?;
    args.people
        .add_to(&mut answers.labels, &mut answers.assignees);
    crate::metrics::files::apply(form, &mut answers, &args.metrics.paths())?;
    let problems = form.validate(&answers);
    if !problems.is_empty() && !args.allow_incomplete {
        // One line per problem, `field-id: message`, so a script can read them.
        for problem in &problems {
            eprintln!(
                "{}: {}",
                escape_line(&form.fields[problem.field].id),
                escape_line(&problem.message)
            );
        }
        bail!(
            "{} not complete (answer them, or pass --allow-incomplete)",
            if problems.len() == 1 {
                "1 answer is".to_owned()
            } else {
                format!("{} answers are", problems.len())
            }
        );
    }
    let options = crate::render::Options {
        forms: args
            .forms_format
            .map_or(config.export.forms_format, Into::into),
    };
    let issue = crate::render::render_with(&template, &answers, options);
    let exports = settings::exports(
        &args.export,
        &config,
        args.save,
        &template.stem,
        &issue.title,
    );
    export_issue(&issue, &exports)
}

/// Sends the issue everywhere `args` asks, in a fixed order: print, file, clipboard, gh,
/// glab. The body, the gh command and issue URLs go to standard output; what happened goes
/// to standard error. A file that cannot be written stops everything after it (so fixing
/// the path and running again does not create a second issue); other failures do not, and
/// exit 1 at the end with the body printed if it is nowhere else.
pub fn export_issue(issue: &Issue, args: &ExportArgs) -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    // Where the body is, for a failure message.
    let mut kept: Option<String> = None;
    if args.prints() {
        out.write_all(issue.body.as_bytes())?;
        out.flush()?;
        kept = Some("printed on standard output".into());
    }
    if let Some(path) = &args.output {
        write_output(issue, args, path, &mut out)?;
        kept = Some(format!("in {}", path.display()));
    }
    let mut failed = false;
    if let Some(with) = args.clipboard() {
        match clipboard::copy(&issue.body, with) {
            Ok(copied) => eprintln!("issue-composer: {}", escape(&copied.to_string())),
            Err(err) => {
                failed = true;
                let place = keep_body(issue, &mut kept, &mut out)?;
                eprintln!(
                    "issue-composer: {}",
                    escape(&format!(
                        "could not copy the body to the clipboard: {err}; the body is {place}"
                    ))
                );
            }
        }
    }
    for forge in args.forges() {
        match export::send(issue, forge, &args.target(), args.timeout()) {
            Ok(sent) => writeln!(out, "{}", escape_line(&sent.url))?,
            Err(failure) => {
                failed = true;
                eprintln!("issue-composer: {}", escape(&failure.to_string()));
                if !failure.body_is_kept() {
                    let place = keep_body(issue, &mut kept, &mut out)?;
                    eprintln!("issue-composer: the body is {}", escape(&place));
                }
                // Asked to stop: the next tool is not started.
                if matches!(failure.error, export::SendError::Interrupted { .. }) {
                    break;
                }
            }
        }
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Where the body is; prints it first if it is nowhere yet.
fn keep_body(
    issue: &Issue,
    kept: &mut Option<String>,
    out: &mut impl std::io::Write,
) -> Result<String> {
    if kept.is_none() {
        out.write_all(issue.body.as_bytes())?;
        out.flush()?;
        *kept = Some("printed on standard output instead".into());
    }
    Ok(kept.clone().unwrap_or_default())
}

fn write_output(
    issue: &Issue,
    args: &ExportArgs,
    path: &std::path::Path,
    out: &mut impl std::io::Write,
) -> Result<()> {
    let command = match export::write_issue(issue, path, args.force, &args.target()) {
        Ok(command) => command,
        Err(err) => {
            let hint = match err {
                WriteError::Exists { .. } => " (pass --force to replace it)",
                _ => "",
            };
            let skipped = if args.clipboard().is_some() || !args.forges().is_empty() {
                "; nothing was copied or sent"
            } else {
                ""
            };
            bail!("{err}{hint}{skipped}");
        }
    };
    eprintln!(
        "issue-composer: wrote {}; to create the issue, run:",
        escape_line(&path.display().to_string())
    );
    writeln!(out, "{command}")?;
    Ok(())
}

fn retry_cmd(args: &RetryArgs) -> Result<ExitCode> {
    match export::retry(&args.options()) {
        Ok(retried) => {
            println!("{}", escape_line(&retried.sent.url));
            if let Some(err) = retried.cleanup {
                eprintln!(
                    "issue-composer: the issue was sent, but its saved copy stays: {}",
                    escape(&err.to_string())
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(RetryError::Load(err)) => Err(err.into()),
        Err(RetryError::Send(failure)) => {
            eprintln!("issue-composer: {}", escape(&failure.to_string()));
            Ok(ExitCode::from(1))
        }
    }
}

/// The detached clipboard server: the text arrives on standard input.
fn serve_clipboard_cmd() -> Result<ExitCode> {
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .context("cannot read the text to serve")?;
    clipboard::serve(&text).context("cannot serve the clipboard")?;
    Ok(ExitCode::SUCCESS)
}

fn check_cmd(templates: &[String]) -> ExitCode {
    let mut failed = false;
    for arg in templates {
        let loaded = discover::resolve(arg).and_then(|source| {
            let name = escape_line(&source.display()).into_owned();
            discover::load(&source).map(|t| (name, t))
        });
        match loaded {
            Ok((name, template)) => {
                for p in &template.problems {
                    failed |= p.severity == Severity::Error;
                    let message = escape_line(&p.message);
                    println!("{name}:{}:{}: {}: {message}", p.line, p.col, p.severity);
                }
                let form = &template.form;
                println!(
                    "{name}: {} sections, {} fields",
                    form.sections.len(),
                    form.fields.len()
                );
            }
            Err(err) => {
                failed = true;
                match err.downcast_ref::<crate::LocatedError>() {
                    Some(located) => println!(
                        "{}:{}:{}: error: {}",
                        escape_line(&located.file),
                        located.line,
                        located.col,
                        escape_line(&located.message)
                    ),
                    None => println!(
                        "{}: error: {}",
                        escape_line(arg),
                        escape_line(&format!("{err:#}"))
                    ),
                }
            }
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
