//! The subcommands: `schema`, `render`, `check` and `retry`, and dispatch to the TUI.
//! Each turns its validated options into calls on the layers below and an exit code.

mod list;
pub mod plain;
mod settings;
mod shell;

pub use settings::{default_output, exports, today};

use std::io::{Read as _, Write as _};
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};

use crate::cli::{CheckFormat, Cli, Command, RenderArgs, RetryArgs, TuiArgs};
use crate::export::{self, Outcome, RetryError, clipboard};
use crate::form::{Answers, AnswersFile, schema};
use crate::text::{escape, escape_line};
use crate::{discover, tui};

/// Runs what the command line asks for.
pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Some(Command::Schema { template }) => schema_cmd(&template),
        Some(Command::Render(args)) => render_cmd(&args),
        Some(Command::Check { templates, format }) => check_cmd(&templates, format),
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
            if plain::wanted(&args) {
                plain::run(&args, &config)
            } else {
                tui::run(tui_start(args, config)).map(exit_code)
            }
        }
    }
}

fn schema_cmd(template: &str) -> Result<ExitCode> {
    let (template, bytes) = discover::load_with_bytes(&discover::resolve(template)?)?;
    // Streamed: the schema of a large template is never held whole in memory. Its text
    // is gathered in the file's bytes, already in memory.
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    schema::write_pretty_in(&template.form, &mut out, bytes)?;
    out.write_all(b"\n")?;
    out.flush()?;
    left_to_exit(template);
    Ok(ExitCode::SUCCESS)
}

/// Leaves `value` to the operating system instead of freeing it: the command is about
/// to return to `main` and exit, and freeing a large template block by block cost a
/// sixth of a `render` of 1.9 MiB (PERFORMANCE.md). Only for the one-shot commands whose
/// output is already written; never in the TUI or anything that runs on.
fn left_to_exit<T>(value: T) {
    std::mem::forget(value);
}

/// What `key` names when it takes a single value (`the title`, `a text field`), or
/// `None` when it takes several or names nothing (refused later, as unknown).
fn single_valued(form: &crate::form::Form, key: &str) -> Option<String> {
    use crate::form::FieldKind;
    match key {
        "title" => Some("the title".to_owned()),
        "labels" | "assignees" => None,
        _ => {
            let field = &form.fields[crate::form::answers::resolve_key(form, key).ok()?];
            match field.kind {
                FieldKind::MultiChoice { .. } | FieldKind::Checkboxes { .. } | FieldKind::List => {
                    None
                }
                FieldKind::Choice { .. } => Some("a single choice".to_owned()),
                FieldKind::Table(_) => Some("a table (give its cells in one value)".to_owned()),
                ref kind => Some(format!("a {} field", kind.name())),
            }
        }
    }
}

/// Loads the answers file and `--set` values into answers for `form`.
pub fn load_answers(
    form: &crate::form::Form,
    file: Option<&std::path::Path>,
    sets: &[(String, String)],
) -> Result<Answers> {
    let mut answers_file = match file {
        Some(path) => {
            // `-` is standard input, as `-o -` is standard output (a pipe or a file).
            let path = if path == std::path::Path::new("-") {
                std::path::Path::new("/dev/stdin")
            } else {
                path
            };
            let limits = discover::limits();
            let (file, warnings) = discover::read_answers(path, limits.answers_size, &limits.yaml)?;
            for warning in warnings {
                eprintln!("issue-composer: warning: {}", escape(&warning));
            }
            file
        }
        None => AnswersFile::default(),
    };
    let mut seen = std::collections::HashSet::new();
    for (key, value) in sets {
        let repeated = !seen.insert(key.clone());
        // One rule: a key given again adds to a field that takes several values
        // (labels, assignees, lists, checkboxes, multiple choices) and is refused
        // anywhere else, where the first would silently be lost or fail oddly.
        if repeated && let Some(kind) = single_valued(form, key) {
            bail!(
                "`--set {}` is given twice: {kind} takes one value (give it once; labels, assignees, lists, checkboxes and multiple choices take several)",
                escape_line(key)
            );
        }
        answers_file.set(key, value, repeated)?;
    }
    let mut answers = Answers::new(form);
    // Each problem names its place: `file:line:col`, or `--set`.
    answers_file.apply(form, &mut answers)?;
    Ok(answers)
}

fn render_cmd(args: &RenderArgs) -> Result<ExitCode> {
    let config = settings::load();
    let source = discover::resolve(&args.template)?;
    let (template, bytes) = discover::load_with_bytes(&source)?;
    for warning in template.opening_warnings() {
        eprintln!("issue-composer: warning: {}", escape_line(&warning));
    }
    let form = &template.form;
    let mut answers = load_answers(form, args.answers.as_deref(), &args.set)?;
    args.people
        .add_to(&mut answers.labels, &mut answers.assignees);
    crate::metrics::files::apply(form, &mut answers, &args.metrics.paths())?;
    // Checked only where a problem stops the render (with --allow-incomplete none
    // does, and none is shown).
    let problems = if args.allow_incomplete {
        Vec::new()
    } else {
        form.validate(&answers)
    };
    if !problems.is_empty() {
        // One line per problem, `field-id: message`, so a script can read them.
        for problem in &problems {
            eprintln!(
                "{}: {}",
                escape_line(&form.fields[problem.field].id),
                escape_line(&problem.message)
            );
        }
        let (answers, them) = if problems.len() == 1 {
            ("1 answer is".to_owned(), "it")
        } else {
            (format!("{} answers are", problems.len()), "them")
        };
        bail!("{answers} not complete (answer {them}, or pass --allow-incomplete)");
    }
    let options = crate::render::Options {
        forms: args
            .forms_format
            .map_or(config.export.forms_format, Into::into),
    };
    // The fields still holding an example are found beside the body's second part: a
    // look at every field's default (each table's cells), a cache miss a table.
    let examples = || form.examples(&answers);
    let (issue, examples) =
        crate::render::render_once(&template, &answers, options, bytes, examples)?;
    if let Some(note) = form.examples_note(&examples, crate::form::EXAMPLES_NAMED) {
        eprintln!(
            "issue-composer: note: {} (sent as written; {})",
            escape_line(&note),
            examples_hint(examples.len())
        );
    }
    let exports = settings::exports(
        &args.export,
        &config,
        args.save,
        &template.stem,
        form.named_title(&issue.title),
    );
    // Checked for the tools that will send it, else for the template's forge.
    let forges = match exports.plan().forges.as_slice() {
        [] => vec![source.forge()],
        forges => forges.to_vec(),
    };
    for forge in forges {
        for login in &issue.assignees {
            if let Some(problem) = forge.assignee_problem(login) {
                eprintln!("issue-composer: {problem}");
            }
        }
    }
    if exports.plan().creates() && form.title_is_blank(&issue.title) && !args.allow_incomplete {
        bail!(
            "the title is {}: give one with --set title=... before sending with gh or glab (or pass --allow-incomplete)",
            blank_title(form, &issue.title)
        );
    }
    let mut plan = exports.plan();
    plan.template_forge = source.forge();
    if form.title_is_blank(&issue.title) {
        plan.untitled = Some(format!(
            "the title is {}: give one with --set title=... to get the {} command that creates the issue",
            blank_title(form, &issue.title),
            source.forge().program()
        ));
    }
    let outcome = export::run(&issue, &plan).map_err(|err| match err {
        // Standard output's own error, in the words of the others (`no space left on
        // the device`, not the system's text with its number).
        export::RunError::Io(io) => anyhow::Error::from(io),
        other @ export::RunError::File { .. } => anyhow::Error::from(other),
    })?;
    left_to_exit((template, answers, problems, issue));
    Ok(exit_code(outcome))
}

/// What to do about fields still holding the template's example, for `count` of them.
fn examples_hint(count: usize) -> &'static str {
    if count == 1 {
        "--set it to replace the example"
    } else {
        "--set them to replace the examples"
    }
}

/// How a blank title is described: empty, without a letter or digit, or only the prefix.
fn blank_title(form: &crate::form::Form, title: &str) -> String {
    use crate::form::BlankTitle;
    match form.blank_title(title) {
        Some(BlankTitle::NoWords) => "without a letter or digit".to_owned(),
        Some(BlankTitle::Prefix) if !form.meta.title.trim().is_empty() => format!(
            "only the template's prefix `{}`",
            escape_line(form.meta.title.trim())
        ),
        _ => "empty".to_owned(),
    }
}

pub fn exit_code(outcome: Outcome) -> ExitCode {
    match outcome {
        Outcome::Done => ExitCode::SUCCESS,
        Outcome::Failed => ExitCode::from(1),
    }
}

/// The form's options: the command line's, with config.toml's settings under them.
fn tui_start(args: TuiArgs, settings: crate::config::Config) -> tui::Start {
    let mut people = tui::app::People::default();
    args.people
        .add_to(&mut people.labels, &mut people.assignees);
    tui::Start {
        people,
        settings,
        today: today(),
        plan: args.export.plan(),
        template: args.template,
        answers: args.answers,
        drafts: !args.no_draft,
        metrics: args.metrics.paths(),
    }
}

fn retry_cmd(args: &RetryArgs) -> Result<ExitCode> {
    if args.list {
        return retry_list();
    }
    match export::retry(&args.options()) {
        Ok(retried) => {
            println!("{}", escape_line(&retried.sent.url));
            let forgotten = retried
                .draft
                .as_ref()
                .map(crate::draft::forget_if_unchanged);
            if let Some(note) = forgotten.and_then(draft_note) {
                eprintln!("issue-composer: {}", escape(&note));
            }
            if let Some(err) = retried.cleanup {
                eprintln!(
                    "issue-composer: the issue was sent, but its saved copy stays: {}",
                    escape(&err.to_string())
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(RetryError::Load(err)) => Err(err.into()),
        Err(started @ RetryError::Started { .. }) => {
            eprintln!("issue-composer: {started}");
            Ok(ExitCode::from(1))
        }
        Err(RetryError::Send(failure)) => {
            eprintln!("issue-composer: {}", escape(&failure.to_string()));
            Ok(ExitCode::from(1))
        }
    }
}

/// What `retry` says about the draft the sent issue was written in.
fn draft_note(forgotten: crate::draft::Forgotten) -> Option<String> {
    use crate::draft::Forgotten;
    match forgotten {
        Forgotten::Removed(path) => Some(format!(
            "removed the draft {}: it held this issue, unchanged since the send failed",
            crate::text::path_line(&path)
        )),
        Forgotten::Changed(path) => Some(format!(
            "kept the draft {}: it changed after the send failed (`issue-composer drafts rm` removes it)",
            crate::text::path_line(&path)
        )),
        Forgotten::InUse(path) => Some(format!(
            "kept the draft {}: it is open in another issue-composer",
            crate::text::path_line(&path)
        )),
        Forgotten::Gone => None,
        Forgotten::Failed(err) => Some(format!("the issue was sent, but {err}")),
    }
}

/// `retry --list`: one line per kept unsent issue, newest first, tab-separated: its
/// number, the tool, the repository (`-` for the clone's) and the title.
fn retry_list() -> Result<ExitCode> {
    let kept = export::last::kept()?;
    if kept.is_empty() {
        eprintln!("issue-composer: no unsent issue is saved");
    }
    let mut out = String::new();
    for (n, path) in kept.into_iter().enumerate() {
        let line = match export::last::load_from(path) {
            Ok(p) => format!(
                "{}\t{}\t{}\t{}{}",
                n + 1,
                p.forge.program(),
                escape_line(p.target.repo.as_deref().unwrap_or("-")),
                escape_line(&p.issue.title),
                if p.started {
                    format!(
                        " ({} was started and may have created it: check before retrying)",
                        p.forge.program()
                    )
                } else {
                    String::new()
                }
            ),
            Err(err) => format!(
                "{}\t-\t-\tcannot be read: {}",
                n + 1,
                escape_line(&err.to_string())
            ),
        };
        out.push_str(&line);
        out.push('\n');
    }
    // Nothing to do when standard output is closed.
    let _ = std::io::stdout().write_all(out.as_bytes());
    Ok(ExitCode::SUCCESS)
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

fn check_cmd(templates: &[String], format: CheckFormat) -> Result<ExitCode> {
    let report = crate::check::run(templates);
    let out = match format {
        CheckFormat::Text => report.text(),
        CheckFormat::Json => report.json(),
    };
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
    {
        // Nothing to do when standard output is closed (`| head`): the verdict stands.
        Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => {
            // A report that was not written (a full disk) is not a pass.
            return Err(err.into());
        }
        _ => {}
    }
    Ok(if report.failed() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
