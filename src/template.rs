//! Templates: a file's bytes become a [`Form`], with the problems found on the way.
//! Markdown templates (with optional front matter) and GitHub issue forms (YAML).

pub(crate) mod blocks;
mod front_matter;
pub mod hints;
mod issue_form;
pub mod layout;
pub mod lint;
mod markdown;

use crate::error::LocatedError;
use crate::form::{self, Form};
pub use layout::{Layout, Piece};

/// Templates larger than this are refused, unless the environment variable
/// [`MAX_SIZE_VAR`] raises the limit (see [`parse_limited`]).
pub const MAX_SIZE: usize = 2 * 1024 * 1024;

/// The environment variable that sets the template size limit in bytes.
pub const MAX_SIZE_VAR: &str = "ISSUE_COMPOSER_MAX_TEMPLATE_SIZE";

/// A template read from a file.
#[derive(Debug, Clone)]
pub struct Template {
    /// The file as the user named it (a path, or `builtin:<stem>`).
    pub file: String,
    /// The file name without extension.
    pub stem: String,
    pub form: Form,
    /// How answers go back into the template's text.
    pub layout: Layout,
    /// Things worth knowing that did not stop the template from loading.
    pub problems: Vec<Problem>,
}

/// A problem in a template at a 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub col: usize,
    pub severity: Severity,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// Whether a file name is an issue form (`.yml`/`.yaml`) rather than markdown.
pub fn is_issue_form(file: &str) -> bool {
    std::path::Path::new(file)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("yml") || e.eq_ignore_ascii_case("yaml"))
}

/// Whether markdown text is an issue form in disguise: no front matter, a first line
/// `name:` and a top-level `body:` key.
pub fn saved_issue_form(text: &str) -> bool {
    let mut lines = text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'));
    lines.next().is_some_and(|l| l.starts_with("name:"))
        && text.lines().any(|l| l.trim_end() == "body:")
}

/// What a template's bytes are known by, from where they came: the name used in
/// messages, the stem that names the template when it has no name of its own, and
/// whether it is written as an issue form. Built from a typed source (a built-in, a
/// path), not parsed back out of a display string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub name: String,
    pub stem: String,
    pub issue_form: bool,
}

impl Identity {
    /// From a file name alone: the stem and the format from its last part.
    pub fn of_file(file: &str) -> Self {
        Self {
            name: file.to_owned(),
            stem: stem_of(file),
            issue_form: is_issue_form(file),
        }
    }
}

/// Reads a template. `file` names it in messages and decides the format by extension.
pub fn parse(file: &str, bytes: &[u8]) -> Result<Template, LocatedError> {
    parse_from(&Identity::of_file(file), bytes, MAX_SIZE)
}

/// [`parse`], refusing files larger than `max_size` bytes.
pub fn parse_limited(file: &str, bytes: &[u8], max_size: usize) -> Result<Template, LocatedError> {
    parse_from(&Identity::of_file(file), bytes, max_size)
}

/// Reads a template whose origin is known, refusing more than `max_size` bytes.
pub fn parse_from(
    origin: &Identity,
    bytes: &[u8],
    max_size: usize,
) -> Result<Template, LocatedError> {
    let file = origin.name.as_str();
    if bytes.len() > max_size {
        return Err(LocatedError::new(
            file,
            1,
            1,
            format!(
                "the file is larger than {}, the limit for templates (raise it with {MAX_SIZE_VAR}=BYTES)",
                size_name(max_size)
            ),
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|err| {
        let valid = &bytes[..err.valid_up_to()];
        let valid = std::str::from_utf8(valid).unwrap_or_default();
        let line = valid.matches('\n').count() + 1;
        let col = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        LocatedError::new(file, line, col, "the file is not UTF-8 text")
    })?;
    let (text, removed) = crate::text::sanitize::normalize(text);
    let mut problems: Vec<Problem> = removed
        .into_iter()
        .map(|r| Problem {
            line: r.line,
            col: r.col,
            severity: Severity::Warning,
            message: format!("{} removed", r.what),
        })
        .collect();
    // A file name is outside text; as a template's name it shows as written, escaped.
    let stem = crate::text::escape_line(&origin.stem).into_owned();
    let (form, layout) = if origin.issue_form {
        let read = issue_form::parse(&text, file, &stem, &mut problems)?;
        problems.extend(lint::issue_form(&text));
        read
    } else if saved_issue_form(&text) {
        let read = issue_form::parse(&text, file, &stem, &mut problems).map_err(|e| {
            let message = format!(
                "an issue form saved as markdown (name it .yml): {}",
                e.message
            );
            LocatedError::new(file, e.line, e.col, message)
        })?;
        problems.extend(lint::issue_form(&text));
        problems.push(Problem {
            line: 1,
            col: 1,
            severity: Severity::Warning,
            message: "an issue form saved as markdown: GitHub shows it as text; name it .yml"
                .to_owned(),
        });
        read
    } else {
        markdown_form(&text, file, &stem, &mut problems)?
    };
    if form.fields.is_empty() {
        problems.push(Problem {
            line: 1,
            col: 1,
            severity: Severity::Warning,
            message: "no fields found: the template has nothing to fill in".to_owned(),
        });
    }
    problems.sort_by_key(|p| (p.line, p.col));
    Ok(Template {
        file: file.to_owned(),
        stem,
        form,
        layout,
        problems,
    })
}

fn markdown_form(
    text: &str,
    file: &str,
    stem: &str,
    problems: &mut Vec<Problem>,
) -> Result<(Form, Layout), LocatedError> {
    let split = front_matter::split(text, file)?;
    let meta = match split.yaml {
        Some(yaml) => front_matter::parse(yaml, split.yaml_line, file, stem, problems)?,
        None => form::Meta {
            name: stem.to_owned(),
            ..form::Meta::default()
        },
    };
    let mut body = split.body.to_owned();
    if !body.is_empty() && !body.ends_with('\n') {
        body.push('\n');
    }
    let built = markdown::build(&body, split.body_line)
        .map_err(|p| LocatedError::new(file, p.line, p.col, p.message))?;
    problems.extend(built.problems);
    let mut sections = built.sections;
    let mut fields = built.fields;
    form::assign_ids(&mut sections, &mut fields, &built.labelled);
    let form = Form {
        meta,
        sections,
        fields,
        rules: Vec::new(),
    };
    Ok((form, Layout::Markdown(built.pieces)))
}

/// `dir/bug_report.md` gives `bug_report`. (A backslash is part of a Unix file name.)
pub fn stem_of(file: &str) -> String {
    let name = file
        .rsplit(['/', std::path::MAIN_SEPARATOR])
        .next()
        .unwrap_or(file);
    let name = name.strip_prefix("builtin:").unwrap_or(name);
    match name.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem.to_owned(),
        _ => name.to_owned(),
    }
}

/// `2 MiB` for whole mebibytes, else bytes.
fn size_name(bytes: usize) -> String {
    const MIB: usize = 1024 * 1024;
    if bytes.is_multiple_of(MIB) && bytes > 0 {
        format!("{} MiB", bytes / MIB)
    } else {
        format!("{bytes} bytes")
    }
}
