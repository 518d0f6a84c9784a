//! The subcommands: `schema`, `render` and `check`, and dispatch to the TUI.

use std::io::Write as _;
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};

use crate::cli::{Cli, Command, RenderArgs};
use crate::discover;
use crate::form::{Answers, AnswersFile, schema};
use crate::template::Severity;

/// Runs what the command line asks for.
pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Some(Command::Schema { template }) => schema_cmd(&template),
        Some(Command::Render(args)) => render_cmd(&args),
        Some(Command::Check { templates }) => Ok(check_cmd(&templates)),
        None => crate::tui::run(&cli.tui),
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
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read answers file {}", path.display()))?;
            AnswersFile::parse(&text, &path.display().to_string())?
        }
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
    match &args.export.output {
        Some(path) => std::fs::write(path, &issue.body)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => std::io::stdout().write_all(issue.body.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}

fn check_cmd(templates: &[String]) -> ExitCode {
    let mut failed = false;
    for arg in templates {
        let loaded = discover::resolve(arg).and_then(|source| {
            let name = source.display();
            discover::load(&source).map(|t| (name, t))
        });
        match loaded {
            Ok((name, template)) => {
                for p in &template.problems {
                    failed |= p.severity == Severity::Error;
                    println!("{name}:{}:{}: {}: {}", p.line, p.col, p.severity, p.message);
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
                        located.file, located.line, located.col, located.message
                    ),
                    None => println!("{arg}: error: {err:#}"),
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
