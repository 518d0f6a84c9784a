//! Plain mode, for screen readers, `TERM=dumb` and pipes: the form asked as line
//! prompts. Prompts, labels, help and options go to standard error; answers come from
//! standard input in schema order after the title. The issue is the one `render` makes
//! from the same answers.

pub mod ask;

use std::io::{BufRead, IsTerminal as _, Write};
use std::process::ExitCode;

use anyhow::{Result, bail};

use self::ask::Lines;
use crate::cli::TuiArgs;
use crate::discover::{self, Choice, Source};
use crate::form::{Answers, Field, Form};
use crate::text::escape;

/// How many times a field is asked before it is left empty.
pub const TRIES: usize = 4;

/// Whether the form is asked in plain mode: asked for, or `TERM` is `dumb`, or standard
/// input is not a terminal.
pub fn wanted(args: &TuiArgs) -> bool {
    args.plain
        || std::env::var_os("TERM").is_some_and(|t| t == "dumb")
        || !std::io::stdin().is_terminal()
}

/// Standard input, line by line, remembering the end.
pub struct Input<R> {
    reader: R,
    /// Input ended: nothing more is asked.
    pub ended: bool,
}

impl<R: BufRead> Input<R> {
    pub fn new(reader: R) -> Self {
        Self {
            reader,
            ended: false,
        }
    }

    /// One line without its line ending; `None` at the end of input.
    pub fn line(&mut self) -> std::io::Result<Option<String>> {
        if self.ended {
            return Ok(None);
        }
        let mut line = String::new();
        if self.reader.read_line(&mut line)? == 0 {
            self.ended = true;
            return Ok(None);
        }
        let trimmed = line.strip_suffix('\n').unwrap_or(&line);
        Ok(Some(
            trimmed.strip_suffix('\r').unwrap_or(trimmed).to_owned(),
        ))
    }

    /// Lines up to one holding a single `.` (or the end of input).
    fn until_end(&mut self) -> std::io::Result<Vec<String>> {
        let mut lines = Vec::new();
        while let Some(line) = self.line()? {
            if line.trim() == ask::END {
                break;
            }
            lines.push(line);
        }
        Ok(lines)
    }
}

/// A field left empty after [`TRIES`] answers that did not pass, and the last reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GivenUp {
    pub field: usize,
    pub reason: String,
}

/// Asks the title and every field, in order, until the input ends. Returns the fields
/// given up on. With `title_needed` (the issue is sent), a blank title is asked again.
pub fn ask_all<R: BufRead>(
    form: &Form,
    answers: &mut Answers,
    input: &mut Input<R>,
    out: &mut impl Write,
    title_needed: bool,
) -> std::io::Result<Vec<GivenUp>> {
    let prefix = &form.meta.title;
    // The form's introduction (an issue form's first markdown): before the title.
    let first = form
        .fields
        .first()
        .map_or(form.sections.len(), Field::section);
    let mut shown = 0;
    while shown < first {
        section_heading(form, shown, out)?;
        shown += 1;
    }
    for _ in 0..TRIES {
        write!(out, "{}", escape(&format!("Title: {prefix}")))?;
        out.flush()?;
        match input.line()? {
            Some(line) => answers.title = ask::title(prefix, &answers.title, &line),
            None => return Ok(Vec::new()),
        }
        if !title_needed || !form.title_is_blank(&answers.title) {
            break;
        }
        writeln!(out, "  Not accepted: gh and glab need a title")?;
    }
    let mut given_up = Vec::new();
    for i in 0..form.fields.len() {
        let field = &form.fields[i];
        // Each section once, those without questions too (their text is context).
        while shown <= field.section() {
            section_heading(form, shown, out)?;
            shown += 1;
        }
        if let Some(gave_up) = ask_field(form, i, answers, input, out)? {
            given_up.push(gave_up);
        }
        if input.ended {
            break;
        }
        // Text written after the section's fields (a form's closing markdown) follows them.
        let section = &form.sections[field.section()];
        if section.fields.last() == Some(i) {
            for line in form.after(field.section()).trim().lines() {
                writeln!(out, "{}", escape(&format!("  {}", line.trim_end())))?;
            }
        }
    }
    Ok(given_up)
}

fn section_heading(form: &Form, section: usize, out: &mut impl Write) -> std::io::Result<()> {
    let Some(s) = form.sections.get(section) else {
        return Ok(());
    };
    if !s.title.trim().is_empty() {
        // The title is the label of a field named by it (its only or first field), and
        // carries its `*` (in place of the `(required)` that made it so, as the form's
        // title row).
        let required = matches!(s.fields.first(),
            Some(f) if form.names_section(f) && form.fields[f].required);
        let title = crate::form::unmarked(s.title.trim(), required);
        let mark = if required { " *" } else { "" };
        writeln!(
            out,
            "\n{}",
            escape(&format!("== {}{mark} ==", title.trim()))
        )?;
    }
    // The section's own text (an issue form's markdown), as the form shows it.
    for line in s.text.trim().lines() {
        writeln!(out, "{}", escape(&format!("  {}", line.trim_end())))?;
    }
    Ok(())
}

/// Asks one field until its answer passes, at most [`TRIES`] times.
fn ask_field<R: BufRead>(
    form: &Form,
    i: usize,
    answers: &mut Answers,
    input: &mut Input<R>,
    out: &mut impl Write,
) -> std::io::Result<Option<GivenUp>> {
    let field = &form.fields[i];
    let mut reason = String::new();
    for _ in 0..TRIES {
        write!(out, "{}", escape(&ask::prompt(form, i)))?;
        if let Some(now) = ask::current(field, &answers.values[i]) {
            write!(out, "{}", escape(&now))?;
        }
        let lines = match ask::lines_for(field) {
            Lines::One => {
                out.flush()?;
                input.line()?.into_iter().collect()
            }
            Lines::UntilDot => {
                out.flush()?;
                input.until_end()?
            }
            Lines::Cells(n) => {
                let mut cells = Vec::new();
                for cell in 0..n {
                    write!(out, "{}", escape(&ask::cell_prompt(field, cell)))?;
                    out.flush()?;
                    match input.line()? {
                        Some(line) => cells.push(line),
                        None => break,
                    }
                }
                cells
            }
        };
        let problems = match ask::value(field, &answers.values[i], &lines) {
            Ok(mut value) => {
                ask_blanks(field, &answers.values[i], &mut value, input, out)?;
                let problems = form.validate_field(i, &value);
                if problems.is_empty() || input.ended {
                    answers.values[i] = value;
                }
                problems.into_iter().map(|p| p.message).collect()
            }
            Err(message) => vec![message],
        };
        if problems.is_empty() || input.ended {
            return Ok(None);
        }
        reason = problems.join("; ");
        writeln!(out, "{}", escape(&format!("  Not accepted: {reason}")))?;
    }
    answers.values[i] = ask::empty(field, &answers.values[i]);
    writeln!(
        out,
        "{}",
        escape(&format!("  Left empty after {TRIES} tries."))
    )?;
    Ok(Some(GivenUp { field: i, reason }))
}

/// The text of each chosen option that takes some (`Other: ___`), a line each; an
/// empty line keeps what it had.
fn ask_blanks<R: BufRead>(
    field: &crate::form::Field,
    current: &crate::form::Value,
    value: &mut crate::form::Value,
    input: &mut Input<R>,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let crate::form::Value::Select(sel) = value else {
        return Ok(());
    };
    let before = match current {
        crate::form::Value::Select(s) => s.blanks.as_slice(),
        _ => &[],
    };
    for (n, option) in field.kind.options().iter().enumerate() {
        if !option.blank || !sel.checked.get(n).copied().unwrap_or(false) {
            continue;
        }
        write!(out, "{}", escape(&ask::blank_prompt(option)))?;
        out.flush()?;
        let typed = input.line()?.unwrap_or_default();
        sel.blanks[n] = if typed.trim().is_empty() {
            before.get(n).cloned().unwrap_or_default()
        } else {
            typed.trim().to_owned()
        };
    }
    Ok(())
}

/// The review: what is still missing or wrong, on standard error. Returns how many
/// answers are not complete (a field given up on counts among them).
pub fn review(
    form: &Form,
    answers: &Answers,
    (given_up, too_long): (&[GivenUp], &[String]),
    out: &mut impl Write,
) -> std::io::Result<usize> {
    let problems = form.validate(answers);
    let blank = form.title_is_blank(&answers.title);
    let examples = form.examples_note(&form.examples(answers), crate::form::EXAMPLES_NAMED);
    if problems.is_empty() && given_up.is_empty() && !blank && too_long.is_empty() {
        writeln!(out, "\nReview: every answer is complete.")?;
        if let Some(note) = examples {
            writeln!(out, "  {} (sent as written)", escape(&note))?;
        }
        return Ok(0);
    }
    writeln!(out, "\nReview:")?;
    if blank {
        let text = format!("  Title: {}", super::blank_title(form, &answers.title));
        writeln!(out, "{}", escape(&text))?;
    }
    // What the forge refuses for its length (`Title: …`, `Body: …`).
    for line in too_long {
        writeln!(out, "  {}", escape(line))?;
    }
    for g in given_up {
        let label = &form.fields[g.field].label;
        let text = format!("  {label}: left empty after {TRIES} tries ({})", g.reason);
        writeln!(out, "{}", escape(&text))?;
    }
    for p in problems
        .iter()
        .filter(|p| !given_up.iter().any(|g| g.field == p.field))
    {
        let text = format!("  {}: {}", form.fields[p.field].label, p.message);
        writeln!(out, "{}", escape(&text))?;
    }
    if let Some(note) = examples {
        writeln!(out, "  {} (sent as written)", escape(&note))?;
    }
    Ok(problems.len().max(given_up.len()))
}

/// How much longer than the forges of `forges` take the issue's title is (the first
/// limit it is over) and its body (GitHub's characters, glab's argument bytes; each
/// forge's limit it is over, as the TUI's review lists them): `300 characters long, and
/// GitHub takes at most 256`.
fn too_long(
    forges: &[crate::export::Forge],
    issue: &crate::render::Issue,
) -> (Option<String>, Option<String>) {
    use crate::export::gh;
    let title = forges.iter().find_map(|&forge| {
        gh::title_over_limit(&issue.title, forge).map(|chars| {
            format!(
                "{} characters long, and {} takes at most {}",
                crate::text::thousands(chars),
                forge.name(),
                forge.max_title_chars()
            )
        })
    });
    let body: Vec<String> = forges
        .iter()
        .filter_map(|&forge| {
            gh::body_over_limit(&issue.body, forge).map(|size| gh::body_over_words(forge, size))
        })
        .collect();
    (title, (!body.is_empty()).then(|| body.join("; ")))
}

/// Plain mode from the command line: choose or load the template, ask, review, export.
pub fn run(args: &TuiArgs, config: &crate::config::Config) -> Result<ExitCode> {
    let mut input = Input::new(std::io::stdin().lock());
    let mut err = std::io::stderr().lock();
    let source = match &args.template {
        Some(name) => discover::resolve(name)?,
        None => choose(&mut input, &mut err)?,
    };
    let template = discover::load(&source)?;
    for warning in template.opening_warnings() {
        writeln!(err, "issue-composer: warning: {}", escape(&warning))?;
    }
    let form = &template.form;
    let mut answers = super::load_answers(form, args.answers.as_deref(), &[])?;
    crate::metrics::files::apply(form, &mut answers, &args.metrics.paths())?;
    args.people
        .add_to(&mut answers.labels, &mut answers.assignees);
    let sends = args.export.plan().creates();
    let given_up = ask_all(form, &mut answers, &mut input, &mut err, sends)?;
    let options = crate::render::Options {
        forms: config.export.forms_format,
    };
    let issue = crate::render::render_with(&template, &answers, options);
    // A title or body longer than gh or glab's forge takes: named in the review, and
    // (the title) not sent.
    let (too_long, body_too_long) = too_long(&args.export.plan().forges, &issue);
    let lines: Vec<String> = [("Title", &too_long), ("Body", &body_too_long)]
        .into_iter()
        .filter_map(|(what, why)| Some(format!("{what}: {}", why.as_ref()?)))
        .collect();
    let incomplete = review(form, &answers, (&given_up, &lines), &mut err)?;
    drop(err);
    let exports = super::exports(&args.export, config, false, &template.stem, &issue.title);
    let mut plan = exports.plan();
    let untitled = form.title_is_blank(&issue.title);
    // Not sent without a title or with answers the review listed, as `render` and the
    // TUI refuse them; the body still goes to the file, or is printed.
    let unsent = if !plan.creates() {
        None
    } else if untitled {
        Some(format!(
            "the title is {}",
            super::blank_title(form, &issue.title)
        ))
    } else if let Some(why) = &too_long {
        Some(match &body_too_long {
            Some(body) => format!("the title is {why}, and the body {body}"),
            None => format!("the title is {why}"),
        })
    } else {
        match incomplete {
            0 => None,
            1 => Some("1 answer is not complete (see the review above)".to_owned()),
            n => Some(format!(
                "{n} answers are not complete (see the review above)"
            )),
        }
    };
    if unsent.is_some() {
        plan.forges.clear();
    }
    plan.template_forge = source.forge();
    if untitled {
        plan.untitled = Some(format!(
            "the title is {}: answer it to get the {} command that creates the issue",
            super::blank_title(form, &issue.title),
            source.forge().program()
        ));
    }
    // The body alone (printed, written, copied) leaves out the title typed first.
    if !plan.creates() && !plan.web && !untitled {
        eprintln!(
            "issue-composer: title: {}",
            crate::text::escape_line(&issue.title)
        );
    }
    let outcome = crate::export::run(&issue, &plan)?;
    if let Some(why) = unsent {
        eprintln!("issue-composer: not sent: {why}");
        return Ok(ExitCode::from(1));
    }
    // The body went out, but the review listed answers missing or wrong: as `render`
    // refuses such answers, a script sees it in the status.
    if incomplete > 0 {
        return Ok(ExitCode::from(1));
    }
    Ok(super::exit_code(outcome))
}

/// Without TEMPLATE: the chooser's lines, numbered, and the number read.
fn choose<R: BufRead>(input: &mut Input<R>, out: &mut impl Write) -> Result<Source> {
    let cwd = std::env::current_dir().unwrap_or_default();
    let choices = discover::choices(&cwd);
    let mut openable = Vec::new();
    writeln!(out, "Templates:")?;
    for choice in &choices {
        let line = match choice {
            Choice::Template(e) if e.refused => format!(
                "  refused: {} ({}): {}",
                e.name,
                e.origin,
                e.error.as_deref().unwrap_or_default()
            ),
            Choice::Template(e) => {
                openable.push(e.source.clone());
                format!(
                    "  {}) {} ({}): {}",
                    openable.len(),
                    discover::shown_name(e, &choices),
                    e.origin,
                    e.about
                )
            }
            Choice::Blank => {
                openable.push(Source::Builtin(discover::BLANK));
                format!("  {}) Blank issue", openable.len())
            }
            Choice::Link(link) => match &link.refused {
                Some(why) => format!("  link: {} (refused: {why})", link.name),
                None => format!("  link: {} <{}> {}", link.name, link.url, link.about),
            },
        };
        writeln!(out, "{}", escape(line.trim_end()))?;
    }
    for _ in 0..TRIES {
        write!(out, "Template number: ")?;
        out.flush()?;
        let Some(line) = input.line()? else { break };
        match line.trim().parse::<usize>() {
            Ok(n) if (1..=openable.len()).contains(&n) => return Ok(openable[n - 1].clone()),
            _ => writeln!(out, "  Not a number from 1 to {}.", openable.len())?,
        }
    }
    bail!("no template chosen")
}

#[cfg(test)]
mod tests {
    /// A required field named by its section's heading has its `*` on the heading, the
    /// label it is asked by; a section of several fields keeps a plain heading.
    #[test]
    fn the_heading_of_a_required_field_named_by_it_carries_its_star() {
        let text = "name: F\ndescription: d\nbody:\n  - type: input\n    id: v\n    attributes: {label: Version}\n    validations: {required: true}\n  - type: input\n    id: o\n    attributes: {label: OS}\n";
        let form = crate::template::parse("f.yml", text.as_bytes())
            .unwrap()
            .form;
        let mut out = Vec::new();
        for s in 0..form.sections.len() {
            super::section_heading(&form, s, &mut out).unwrap();
        }
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\n== Version * ==\n\n== OS ==\n"
        );
    }
}
