//! The subcommands: `schema`, `render`, `check` and `retry`, and dispatch to the TUI.
//! Each turns its validated options into calls on the layers below and an exit code.

use std::io::{Read as _, Write as _};
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};

use crate::cli::{Cli, Command, RenderArgs, RetryArgs, TuiArgs};
use crate::export::{self, Outcome, RetryError, clipboard};
use crate::form::{Answers, AnswersFile, answers, schema};
use crate::template::Severity;
use crate::text::{escape, escape_line};
use crate::{discover, tui};

/// Runs what the command line asks for.
pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Some(Command::Schema { template }) => schema_cmd(&template),
        Some(Command::Render(args)) => render_cmd(&args),
        Some(Command::Check { templates }) => Ok(check_cmd(&templates)),
        Some(Command::Retry(args)) => retry_cmd(&args),
        Some(Command::ServeClipboard) => serve_clipboard_cmd(),
        None => tui::run(tui_start(cli.tui)).map(exit_code),
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

/// Loads the answers file and `--set` values into answers for `form`.
pub fn load_answers(
    form: &crate::form::Form,
    file: Option<&std::path::Path>,
    sets: &[(String, String)],
) -> Result<Answers> {
    let mut answers_file = match file {
        Some(path) => answers::read_file(path)?,
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
    let template = discover::load(&discover::resolve(&args.template)?)?;
    let form = &template.form;
    let answers = load_answers(form, args.answers.as_deref(), &args.set)?;
    let missing = form.missing_required(&answers);
    if !missing.is_empty() && !args.allow_incomplete {
        let ids: Vec<&str> = missing
            .iter()
            .map(|&i| form.fields[i].id.as_str())
            .collect();
        bail!(
            "required fields are empty: {} (answer them, or pass --allow-incomplete)",
            ids.join(", ")
        );
    }
    let issue = crate::render(form, &answers);
    Ok(exit_code(export::run(&issue, &args.export.plan())?))
}

fn exit_code(outcome: Outcome) -> ExitCode {
    match outcome {
        Outcome::Done => ExitCode::SUCCESS,
        Outcome::Failed => ExitCode::from(1),
    }
}

/// The form's options from the command line.
fn tui_start(args: TuiArgs) -> tui::Start {
    tui::Start {
        plan: args.export.plan(),
        template: args.template,
        answers: args.answers,
        drafts: !args.no_draft,
    }
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
