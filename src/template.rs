//! Templates: a file's bytes become a [`Form`], with the problems found on the way.
//! Markdown templates (with optional front matter) and GitHub issue forms (YAML).

pub(crate) mod blocks;
mod front_matter;
pub mod hints;
mod issue_form;
pub mod layout;
pub mod lint;
mod markdown;
#[cfg(test)]
pub(crate) mod synth;

use crate::error::LocatedError;
use crate::form::{self, Form};
pub use issue_form::json_flag;
pub use layout::{Layout, Piece};

/// Templates larger than this are refused, unless the environment variable
/// [`MAX_SIZE_VAR`] raises the limit (see [`parse_within`]).
pub const MAX_SIZE: usize = 2 * 1024 * 1024;

/// The highest size limit [`MAX_SIZE_VAR`] can set: 4 GiB less a byte. Offsets, ids,
/// shapes and a table's labels are kept as `u32` (half the memory of `usize`), which
/// holds for any template under it; a larger number asks for this.
pub const SIZE_CEILING: usize = u32::MAX as usize;

/// The environment variable that sets the template size limit in bytes.
pub const MAX_SIZE_VAR: &str = "ISSUE_COMPOSER_MAX_TEMPLATE_SIZE";
/// The environment variable that sets [`Limits::nesting`].
pub const NESTING_VAR: &str = "ISSUE_COMPOSER_MAX_NESTING";
/// The environment variable that sets [`Limits::sections`].
pub const SECTIONS_VAR: &str = "ISSUE_COMPOSER_MAX_SECTIONS";
/// The environment variable that sets [`Limits::fields`].
pub const FIELDS_VAR: &str = "ISSUE_COMPOSER_MAX_FIELDS";

/// What a template and an answers file may hold before they are refused. The defaults
/// fit real templates many times over; each refusal names its limit and the
/// environment variable that raises it. The core takes them as a value; the edge
/// (`discover::limits`) reads the environment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Template bytes.
    pub size: usize,
    /// Lists and block quotes open at once; the block walk recurses this deep.
    pub nesting: usize,
    pub sections: usize,
    pub fields: usize,
    /// Answers file bytes.
    pub answers_size: usize,
    /// YAML in front matter, issue forms and answers files.
    pub yaml: crate::yaml::Budget,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            size: MAX_SIZE,
            nesting: blocks::MAX_NESTING,
            sections: 200_000,
            fields: 200_000,
            answers_size: form::answers::MAX_SIZE,
            yaml: crate::yaml::Budget::default(),
        }
    }
}

impl Limits {
    /// The defaults, each replaced by the number the variable of its name holds in
    /// `var` (a lookup such as the environment); unreadable numbers are ignored.
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Self {
        let number = |name: &str, default: usize| {
            var(name)
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(default)
        };
        let d = Self::default();
        Self {
            size: number(MAX_SIZE_VAR, d.size).min(SIZE_CEILING),
            nesting: number(NESTING_VAR, d.nesting),
            sections: number(SECTIONS_VAR, d.sections),
            fields: number(FIELDS_VAR, d.fields),
            answers_size: number(form::answers::MAX_SIZE_VAR, d.answers_size),
            yaml: crate::yaml::Budget {
                nodes: number(crate::yaml::NODES_VAR, d.yaml.nodes),
                aliases: number(crate::yaml::ALIASES_VAR, d.yaml.aliases),
                depth: number(crate::yaml::DEPTH_VAR, d.yaml.depth),
            },
        }
    }
}

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
    /// Warnings about opening it that come from outside its file, `FILE:LINE:COL:
    /// message` each (the blank issue named where the repository turns it off, from
    /// `discover::load`): [`Template::opening_warnings`] says them after the file's own.
    pub warnings: Vec<String>,
}

impl Template {
    /// The warning of an issue form saved with another extension (`.md`), naming the
    /// file: `list` and opening the template say it, as `check` does.
    pub fn saved_form_warning(&self) -> Option<String> {
        [SAVED_FORM, SAVED_FORM_GITLAB, SAVED_FORM_ELSEWHERE]
            .into_iter()
            .find(|words| {
                self.problems
                    .iter()
                    .any(|p| p.message.strip_prefix("the file ") == Some(words))
            })
            .map(|words| format!("{} {words}", self.file))
    }

    /// What opening the template says, as `check` does: the issue form saved with
    /// another extension, then each value of its front matter holding escape sequences
    /// or control characters (removed), raw or written as YAML escapes, and each one
    /// removed from the rest of the file (its body), at `FILE:LINE:COL`; then the
    /// [`Template::warnings`] from outside the file.
    pub fn opening_warnings(&self) -> Vec<String> {
        let escapes = self
            .problems
            .iter()
            .filter(|p| lint::is_removal(&p.message) || is_bare_removal(&p.message))
            .map(|p| {
                let message = crate::text::escape_name(&p.message);
                format!("{}:{}:{}: {message}", self.file, p.line, p.col)
            });
        self.saved_form_warning()
            .into_iter()
            .chain(escapes)
            .chain(self.warnings.iter().cloned())
            .collect()
    }
}

/// The warning for characters [`crate::text::sanitize::normalize`] removed from the
/// file: what they were, shown escaped (`escape sequence `\e[31m` removed`), a long one
/// shortened.
fn removal_message(removed: &crate::text::sanitize::Removed) -> String {
    let shown = crate::text::escape_name(&removed.text);
    let shown = crate::text::shorten(&shown, 40);
    format!("{} `{shown}`{}", removed.what, front_matter::RAW_REMOVED)
}

/// Whether `message` is a [`removal_message`]: characters removed where no value of
/// the front matter names them.
fn is_bare_removal(message: &str) -> bool {
    message.ends_with(front_matter::RAW_REMOVED) && !lint::is_removal(message)
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

/// Whether a template at `path` is GitLab's: a folder on its way is `.gitlab` (in any
/// case; `.gitlab/issue_templates/`), so glab creates its issues.
pub fn in_gitlab_folder(path: &std::path::Path) -> bool {
    path.components()
        .any(|c| c.as_os_str().eq_ignore_ascii_case(".gitlab"))
}

/// Whether markdown text may be an issue form in disguise: no front matter, a first line
/// (after blank lines and `#` lines, which may be YAML comments) that is one of a form's
/// top-level keys (`name:`, `"description":`, ...) and a top-level `body:` key (a comment
/// may follow it). Only a guess: such a file is read as a form only when it reads as one
/// (a markdown heading is a `#` line too).
pub fn saved_issue_form(text: &str) -> bool {
    // Any of a form's top-level keys may come first (`description:` as well as `name:`):
    // the linter's list of them.
    // `key:` with nothing after it or a space, the key bare or quoted.
    let is_key = |line: &str, key: &str| {
        let bare = line.strip_prefix(key);
        let quoted = ['"', '\''].into_iter().find_map(|q| {
            line.strip_prefix(q)
                .and_then(|l| l.strip_prefix(key))
                .and_then(|l| l.strip_prefix(q))
        });
        bare.or(quoted)
            .and_then(|rest| rest.strip_prefix(':'))
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
    };
    let mut lines = text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'));
    let first_is_key = lines
        .next()
        .is_some_and(|l| lint::TOP.iter().any(|key| is_key(l, key)));
    // `body:`, or `body: # the elements`: nothing after it but a comment.
    let body = |line: &str| {
        line.strip_prefix("body:").is_some_and(|after| {
            // A comment is a `#` after a space.
            let rest = after.trim_start();
            rest.is_empty() || (rest.starts_with('#') && rest.len() < after.len())
        })
    };
    first_is_key && text.lines().any(|l| body(l.trim_end()))
}

/// What `check` says of an issue form saved with another extension than `.yml` or
/// `.yaml` in a `.github` folder (it is read as the form it is, but GitHub shows the
/// file as text).
pub const SAVED_FORM: &str = "looks like an issue form, which GitHub reads only from a `.yml` or `.yaml` file: it shows this one as text; rename it to `.yml`";

/// [`SAVED_FORM`] for a file in a `.gitlab` folder: GitLab has no issue forms, and reads
/// only `*.md` templates there, so renaming it would hide it.
pub const SAVED_FORM_GITLAB: &str = "looks like an issue form: GitLab has no issue forms and shows this file as text; issue-composer reads it as a form";

/// [`SAVED_FORM`] for a file elsewhere (the user's templates, a path given): no forge
/// reads it, issue-composer reads it as a form.
pub const SAVED_FORM_ELSEWHERE: &str =
    "looks like an issue form: issue-composer reads it as one; a `.yml` name would say so";

/// The words for an issue form saved as markdown at `origin`: GitHub's in a `.github`
/// folder, GitLab's in a `.gitlab` one, issue-composer's elsewhere.
fn saved_form_words(origin: &Identity) -> &'static str {
    let in_github = std::path::Path::new(&origin.name)
        .components()
        .any(|c| c.as_os_str().eq_ignore_ascii_case(".github"));
    if origin.gitlab {
        SAVED_FORM_GITLAB
    } else if in_github {
        SAVED_FORM
    } else {
        SAVED_FORM_ELSEWHERE
    }
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
    /// It is GitLab's (in a `.gitlab` folder): its assignees are GitLab usernames.
    pub gitlab: bool,
}

impl Identity {
    /// From a file name alone: the stem and the format from its last part.
    pub fn of_file(file: &str) -> Self {
        Self {
            name: file.to_owned(),
            stem: stem_of(file),
            issue_form: is_issue_form(file),
            gitlab: in_gitlab_folder(std::path::Path::new(file)),
        }
    }
}

/// Whether `text` reads as an instruction to the writer ("Describe the problem"), as
/// the markdown rules judge a paragraph: such a text is guidance, not an example answer.
pub fn is_instruction(text: &str) -> bool {
    markdown::is_instruction(text)
}

/// Reads a template. `file` names it in messages and decides the format by extension.
pub fn parse(file: &str, bytes: &[u8]) -> Result<Template, LocatedError> {
    parse_from(&Identity::of_file(file), bytes, &Limits::default())
}

/// [`parse`], refusing templates beyond `limits`.
pub fn parse_within(file: &str, bytes: &[u8], limits: &Limits) -> Result<Template, LocatedError> {
    parse_from(&Identity::of_file(file), bytes, limits)
}

/// Reads a template whose origin is known, refusing templates beyond `limits`.
pub fn parse_from(
    origin: &Identity,
    bytes: &[u8],
    limits: &Limits,
) -> Result<Template, LocatedError> {
    let file = origin.name.as_str();
    let max_size = limits.size;
    if bytes.len() > max_size {
        return Err(LocatedError::new(
            file,
            1,
            1,
            format!(
                "the file is larger than {}, the limit for templates (raise it with {MAX_SIZE_VAR}=BYTES)",
                crate::text::size_name(max_size)
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
    let original = text;
    let (text, removed) = crate::text::sanitize::normalize(text);
    let removed_none = removed.is_empty();
    let mut problems: Vec<Problem> = removed
        .into_iter()
        .map(|r| Problem {
            line: r.line,
            col: r.col,
            severity: Severity::Warning,
            message: removal_message(&r),
        })
        .collect();
    // A file name is outside text; as a template's name it shows as written, escaped.
    let stem = crate::text::escape_line(&origin.stem).into_owned();
    // With whether it was read as an issue form (YAML, whose elements have columns).
    let ((form, layout), yaml) = if origin.issue_form {
        let read = issue_form::parse(&text, file, &stem, &limits.yaml)?;
        problems.extend(lint::issue_form(&text, file));
        (read, true)
    } else if let Some(read) = saved_form(&text, origin, &stem, &mut problems, limits) {
        (read, true)
    } else {
        let read = markdown_form(&text, (file, &stem, origin.gitlab), &mut problems, limits)?;
        if !removed_none {
            front_matter::note_raw_escapes(original, &mut problems);
        }
        (read, false)
    };
    check_counts(&form, file, limits, yaml.then_some(&*text))?;
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
        warnings: Vec::new(),
    })
}

/// Refuses a form with more sections or fields than `limits` allow, at the first one
/// too many: its line, and for an issue form (`yaml`, its text) its element's column. (A
/// markdown template is refused while it is read, at the section or field past the
/// limit; what its end makes, the last section's answer or the preamble's, is refused
/// here.) It said `1:1` whatever was too many.
fn check_counts(
    form: &Form,
    file: &str,
    limits: &Limits,
    yaml: Option<&str>,
) -> Result<(), LocatedError> {
    let over = |line: u32, what: &str, limit: usize, var: &str| {
        let line = (line as usize).max(1);
        let col = yaml.and_then(|text| lint::element_col(text, line));
        LocatedError::new(file, line, col.unwrap_or(1), over_limit(what, limit, var))
    };
    if let Some(s) = form.sections.get(limits.sections) {
        return Err(over(s.line, "sections", limits.sections, SECTIONS_VAR));
    }
    if let Some(f) = form.fields.get(limits.fields) {
        return Err(over(f.line, "fields", limits.fields, FIELDS_VAR));
    }
    Ok(())
}

/// What a refusal's `message` says is wrong in a word or two when it is a limit's
/// (`too large`, `too deeply nested`): every limit's refusal names the variable that
/// raises it (`(raise it with ISSUE_COMPOSER_MAX_…`), no other message does. `None`
/// for any other problem.
pub fn limit_words(message: &str) -> Option<&'static str> {
    let (_, var) = message.rsplit_once("(raise it with ")?;
    let var = var.split('=').next()?;
    if var == NESTING_VAR || var == crate::yaml::DEPTH_VAR {
        Some("too deeply nested")
    } else if var.starts_with("ISSUE_COMPOSER_MAX_") {
        Some("too large")
    } else {
        None
    }
}

/// The refusal of a template with more `what` (`sections`, `fields`: the plural, whose
/// singular drops the `s`) than `limit`, naming the variable that raises it.
pub(crate) fn over_limit(what: &str, limit: usize, var: &str) -> String {
    let one = what.strip_suffix('s').unwrap_or(what);
    format!(
        "the template has more than {} {}, the limit (raise it with {var}=N)",
        crate::text::thousands(limit),
        crate::text::plural(limit, one, what)
    )
}

/// A file named as markdown that reads as an issue form ([`saved_issue_form`]), read
/// as the form with a warning in words for where it is. `None` when it is markdown:
/// one that only looks like a form (a markdown heading, then `title: ...` and `body:`
/// lines) is read as the markdown GitHub shows, with a warning only when its first line
/// is a form's key (a `#` line first is most likely a heading).
fn saved_form(
    text: &str,
    origin: &Identity,
    stem: &str,
    problems: &mut Vec<Problem>,
    limits: &Limits,
) -> Option<(Form, Layout)> {
    if !saved_issue_form(text) {
        return None;
    }
    let file = origin.name.as_str();
    match issue_form::parse(text, file, stem, &limits.yaml) {
        Ok(read) => {
            problems.extend(lint::issue_form(text, file));
            let words = saved_form_words(origin);
            problems.push(Problem {
                line: 1,
                col: 1,
                severity: Severity::Warning,
                message: format!("the file {words}"),
            });
            Some(read)
        }
        Err(e) => {
            let heading_first = text
                .lines()
                .find(|l| !l.trim().is_empty())
                .is_some_and(|l| l.starts_with('#'));
            if !heading_first {
                problems.push(Problem {
                    line: 1,
                    col: 1,
                    severity: Severity::Warning,
                    message: format!(
                        "the file looks like an issue form but does not read as one ({}:{}: {}): it is read as markdown, as GitHub shows it",
                        e.line, e.col, e.message
                    ),
                });
            }
            None
        }
    }
}

fn markdown_form(
    text: &str,
    (file, stem, gitlab): (&str, &str, bool),
    problems: &mut Vec<Problem>,
    limits: &Limits,
) -> Result<(Form, Layout), LocatedError> {
    let split = front_matter::split(text, file)?;
    let meta = match split.yaml {
        Some(yaml) => {
            let meta =
                front_matter::parse(yaml, split.yaml_line, file, stem, problems, &limits.yaml)?;
            front_matter::note_names(yaml, split.yaml_line, &meta, gitlab, problems);
            meta
        }
        None => form::Meta {
            name: stem.to_owned(),
            ..form::Meta::default()
        },
    };
    // The blocks end at line ends: a last line without one gets it (a copy only then).
    let body: std::borrow::Cow<'_, str> = if split.body.is_empty() || split.body.ends_with('\n') {
        split.body.into()
    } else {
        format!("{}\n", split.body).into()
    };
    let built = markdown::build(&body, split.body_line, limits)
        .map_err(|p| LocatedError::new(file, p.line, p.col, p.message))?;
    problems.extend(built.problems);
    let form = Form {
        meta,
        sections: built.sections,
        fields: built.fields.into(),
        rules: Vec::new(),
        defaults: crate::form::Defaults::Examples,
        after: Box::default(),
        required: built.required,
    };
    Ok((
        form,
        Layout::Markdown(layout::Markdown::new(
            built.lines,
            built.pieces,
            built.shapes,
        )),
    ))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_come_from_the_named_variables_and_bad_numbers_keep_the_default() {
        let vars = [
            (MAX_SIZE_VAR, "10"),
            (NESTING_VAR, " 3 "),
            (FIELDS_VAR, "many"),
            (form::answers::MAX_SIZE_VAR, "7"),
            (crate::yaml::NODES_VAR, "5"),
        ];
        let limits = Limits::from_vars(|name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v).to_owned())
        });
        let d = Limits::default();
        assert_eq!(limits.size, 10);
        // More than the form's u32 offsets hold is the most they hold.
        let huge = Limits::from_vars(|name| (name == MAX_SIZE_VAR).then(|| "99999999999".into()));
        assert_eq!(huge.size, u32::MAX as usize);
        assert_eq!(limits.nesting, 3);
        assert_eq!(limits.fields, d.fields);
        assert_eq!(limits.sections, d.sections);
        assert_eq!(limits.answers_size, 7);
        assert_eq!(limits.yaml.nodes, 5);
        assert_eq!(limits.yaml.aliases, d.yaml.aliases);
        let err =
            parse_within("t.md", b"## A\n\n## B\n", &Limits { sections: 1, ..d }).unwrap_err();
        assert_eq!(
            err.to_string(),
            "t.md:3:1: the template has more than 1 section, the limit \
             (raise it with ISSUE_COMPOSER_MAX_SECTIONS=N)"
        );
        let err = parse_within(
            "t.md",
            b"## A\n\n## B\n\n## C\n",
            &Limits { sections: 2, ..d },
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "t.md:5:1: the template has more than 2 sections, the limit \
             (raise it with ISSUE_COMPOSER_MAX_SECTIONS=N)"
        );
        // Four sections of a field each: the fold refuses at the field past the limit.
        let four = b"## A\n\n## B\n\n## C\n\n## D\n";
        let fields = |n| parse_within("t.md", four, &Limits { fields: n, ..d });
        for (n, said) in [(1, "1 field"), (2, "2 fields")] {
            assert_eq!(
                fields(n).unwrap_err().to_string(),
                format!(
                    "t.md:{}:1: the template has more than {said}, the limit \
                     (raise it with ISSUE_COMPOSER_MAX_FIELDS=N)",
                    2 * n + 1
                )
            );
        }
    }
}
