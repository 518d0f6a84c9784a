//! Where templates come from: a path on disk, the repository (every forge's layout), the
//! user's template folder, or a template built into the binary.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use crate::form::AnswersFile;
use crate::template::{self, Template};

mod catalog;
pub mod layout;
mod source;

pub use catalog::{
    Choice, Chooser, Entry, Found, Link, Shadowed, Unread, choices as choices_of, chooser, entries,
    shown_name, stem,
};
pub use source::{BLANK, BUILTINS, Builtin, Origin, Source};

/// Everything a start folder sees: the templates (shadowed ones folded into the
/// entries that hide them) and the repository's chooser settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalog {
    /// The repository root (or the folder the templates were found in), if any.
    pub root: Option<PathBuf>,
    pub entries: Vec<Entry>,
    pub chooser: Chooser,
    /// The chooser `config.yml`, when there is one.
    pub chooser_file: Option<PathBuf>,
}

impl Catalog {
    /// The chooser's lines: templates, contact links, then the blank issue if allowed.
    pub fn choices(&self) -> Vec<Choice> {
        catalog::choices(self.entries.clone(), &self.chooser)
    }
}

/// What is found from `start`: the repository's templates, the user's, the built-ins.
pub fn catalog(start: &Path) -> Catalog {
    let root = layout::repo_root(start);
    let mut found: Vec<Found> = Vec::new();
    let files = |origin, paths: Vec<PathBuf>| {
        paths
            .into_iter()
            .map(move |path| found_at(origin, Source::File(path)))
    };
    if let Some(root) = &root {
        found.extend(layout::templates_in(root).into_iter().map(|path| {
            match layout::outside(root, &path) {
                Some(why) => Found {
                    origin: Origin::Repo,
                    source: Source::File(path),
                    loaded: Err(Unread::plain(why)),
                    refused: true,
                    warning: None,
                },
                None => found_at(Origin::Repo, Source::File(path)),
            }
        }));
    }
    if let Some(dir) = layout::user_dir() {
        found.extend(files(Origin::User, layout::user_templates(&dir)));
    }
    found.extend(
        BUILTINS
            .iter()
            .map(|b| found_at(Origin::Builtin, Source::Builtin(*b))),
    );
    let (chooser_file, chooser) = chooser_in(root.as_deref());
    Catalog {
        root,
        entries: catalog::entries(found),
        chooser,
        chooser_file,
    }
}

/// The chooser `config.yml` of the repository at `root`, when there is one, and its
/// settings (the defaults without one).
fn chooser_in(root: Option<&Path>) -> (Option<PathBuf>, Chooser) {
    let chooser_file = root.and_then(layout::chooser_config);
    let chooser = chooser_file
        .as_deref()
        .map_or_else(Chooser::default, |path| {
            let name = path.display().to_string();
            let outside = root.and_then(|root| layout::outside(root, path));
            let text = match outside {
                Some(why) => Err(anyhow::anyhow!(why)),
                None => read_limited(path).map(|b| String::from_utf8_lossy(&b).into_owned()),
            };
            match text {
                Ok(text) => catalog::chooser(&text, &name),
                Err(err) => Chooser {
                    problems: vec![crate::text::error_chain(&err)],
                    ..Chooser::default()
                },
            }
        });
    (chooser_file, chooser)
}

/// What opening the blank issue from `start` says when the repository's `config.yml`
/// turns blank issues off: `list` and the chooser leave it out, but naming it opens it
/// (a maintainer may mean it), with this warning at `blank_issues_enabled`, the file
/// named as `list` names repository files (from the repository's root).
pub fn blank_warning(start: &Path) -> Option<String> {
    let root = layout::repo_root(start)?;
    let (file, chooser) = chooser_in(Some(&root));
    let (((line, col), spelled), file) = chooser.blank_off_at.zip(file)?;
    let shown = file.strip_prefix(&root).unwrap_or(&file);
    // The value as the file spells it (`off`, `False`): the file's text, escaped.
    let escaped = crate::text::escape_line(&spelled);
    let spelled = crate::text::shorten(&escaped, 40);
    Some(format!(
        "{}:{line}:{col}: this repository turns blank issues off \
         (blank_issues_enabled: {spelled}); GitHub's web form would not offer one",
        shown.display()
    ))
}

/// The chooser's lines as seen from `start`: repository templates in GitHub's order,
/// then the user's, then the built-ins (each unless shadowed), the contact links of the
/// repository's `config.yml`, and the blank issue unless it is turned off.
pub fn choices(start: &Path) -> Vec<Choice> {
    catalog(start).choices()
}

fn found_at(origin: Origin, source: Source) -> Found {
    let mut warning = None;
    // A link to nothing is named as `check` names it, not as a file that cannot be opened.
    let broken = match &source {
        Source::File(path) => layout::broken_link(path),
        Source::Builtin(_) => None,
    };
    if let Some(why) = broken {
        return Found {
            origin,
            source,
            loaded: Err(Unread::plain(why)),
            refused: false,
            warning,
        };
    }
    let loaded = load(&source)
        .map(|t| {
            warning = t.saved_form_warning();
            (t.form.meta.name, t.form.meta.about)
        })
        .map_err(|err| unread(&err));
    Found {
        origin,
        source,
        loaded,
        refused: false,
        warning,
    }
}

/// Why a template could not be loaded, whole and as `list`'s line says it: the file
/// named once (the line names it), and a limit's refusal said as what it is (`too
/// large:`, not `cannot read:`: the file was read).
fn unread(err: &anyhow::Error) -> Unread {
    if let Some(located) = err.downcast_ref::<crate::LocatedError>() {
        // One line in the chooser: the first problem, and how many more.
        let lead = template::limit_words(&located.message).unwrap_or("cannot read");
        return Unread {
            error: located.summary(),
            said: format!("{lead}: {}", located.summary_in_file()),
        };
    }
    Unread {
        error: crate::text::error_chain(err),
        said: format!("cannot read: {}", layout::why_unread(err)),
    }
}

/// Finds TEMPLATE from the current folder; see [`resolve_from`].
pub fn resolve(arg: &str) -> Result<Source> {
    let cwd = std::env::current_dir().unwrap_or_default();
    resolve_from(arg, &cwd)
}

/// Finds TEMPLATE: an existing path; else a template seen from `start` (repository,
/// user, built-in, shadowed ones left out) by exact file stem, else by file stem in any
/// case and separators, else by unique name; else
/// `blank`, the blank issue.
pub fn resolve_from(arg: &str, start: &Path) -> Result<Source> {
    let path = Path::new(arg);
    // `symlink_metadata`: a dangling or looping link is still a path the user named, and
    // reading it says what is wrong with it. A folder named like a template (`mkdir
    // performance`) is not meant unless the argument is a path (`performance/`).
    if path.symlink_metadata().is_ok() && (arg.contains('/') || !path.is_dir()) {
        // A repository's file linking out of it is refused, as by the chooser, `check`
        // and writes: GitHub follows no links, and reading it would read any file.
        if let Some(why) = layout::typed_path_outside(path) {
            bail!("{why}");
        }
        return Ok(Source::File(path.to_path_buf()));
    }
    // A path as `list` prints it, from the repository's root, typed in a subfolder.
    let looks_like_a_path = arg.contains('/')
        || path.extension().is_some_and(|e| {
            ["md", "yml", "yaml"]
                .iter()
                .any(|x| e.eq_ignore_ascii_case(x))
        });
    if looks_like_a_path
        && path.is_relative()
        && let Some(root) = layout::repo_root(start)
        && root.join(path).symlink_metadata().is_ok()
    {
        // Found in the repository, not at the path typed: a link out of it is refused,
        // as in the chooser.
        if let Some(why) = layout::outside(&root, &root.join(path)) {
            bail!("{why}");
        }
        return Ok(Source::File(root.join(path)));
    }
    let entries = catalog(start).entries;
    let wanted = arg.trim();
    // `bug.yml` typed where there is no such file: the template of that file name.
    let file_name = |e: &&Entry| match &e.source {
        Source::File(p) => p
            .file_name()
            .is_some_and(|n| same_word(&n.to_string_lossy(), wanted)),
        Source::Builtin(_) => same_word(&format!("{}.md", e.stem), wanted),
    };
    let by_file = || entries.iter().find(|e| !arg.contains('/') && file_name(e));
    // A stem written exactly wins over one that differs in case or separators
    // (`bug_report` is bug_report.yml, not an earlier Bug-Report.md).
    if let Some(e) = entries
        .iter()
        .find(|e| e.stem == wanted)
        .or_else(|| entries.iter().find(|e| same_word(&e.stem, wanted)))
        .or_else(by_file)
    {
        if let (true, Some(why)) = (e.refused, &e.error) {
            bail!("{why}");
        }
        return Ok(e.source.clone());
    }
    let by_name: Vec<&Entry> = entries
        .iter()
        .filter(|e| e.error.is_none() && same_word(&e.name, wanted))
        .collect();

    match by_name.as_slice() {
        [one] => Ok(one.source.clone()),
        [] if wanted.eq_ignore_ascii_case(BLANK.stem) => Ok(Source::Builtin(BLANK)),
        [] if entries.iter().all(|e| e.origin == Origin::Builtin) => bail!(
            "no template file or built-in template named `{}` (built-ins: {})",
            crate::text::escape_line(arg),
            stems(&entries)
        ),
        [] => bail!(
            "no template file or template named `{}` (templates: {})",
            crate::text::escape_line(arg),
            stems(&entries)
        ),
        many => {
            let kind = if many.iter().all(|e| e.origin == Origin::Builtin) {
                "built-in templates"
            } else {
                "templates"
            };
            bail!(
                "`{arg}` names several {kind}; use a file stem: {}",
                many.iter()
                    .map(|e| crate::text::escape_line(&e.stem))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
    }
}

/// The same name, whatever the case, and `-`, `_` and spaces alike: `bug-report`,
/// `Bug_report`, `Bug report`.
fn same_word(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.trim()
            .chars()
            .map(|c| match c {
                '_' | ' ' => '-',
                c => c.to_ascii_lowercase(),
            })
            .collect::<String>()
    };
    norm(a) == norm(b)
}

/// The stems to choose from, `blank` (the blank issue) last.
fn stems(entries: &[Entry]) -> String {
    entries
        .iter()
        .map(|e| crate::text::escape_line(&e.stem))
        .chain([BLANK.stem.into()])
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads and parses a template, seen from the current folder; see [`load_from`].
pub fn load(source: &Source) -> Result<Template> {
    load_with_bytes(source).map(|(template, _)| template)
}

/// [`load`], and the file's bytes (empty for a built-in): done with, for a caller
/// that writes something about as large next (`render` writes the body into their
/// memory, already in place where new memory would be faulted in page by page).
pub fn load_with_bytes(source: &Source) -> Result<(Template, Vec<u8>)> {
    let cwd = std::env::current_dir().unwrap_or_default();
    load_from(source, &cwd)
}

/// Reads and parses a template, and gives back the file's bytes (see
/// [`load_with_bytes`]). The blank issue, where the repository of `start` turns blank
/// issues off, comes with [`blank_warning`] among its opening warnings.
pub fn load_from(source: &Source, start: &Path) -> Result<(Template, Vec<u8>)> {
    let identity = source.identity();
    match source {
        Source::Builtin(b) => {
            let mut template =
                template::parse_from(&identity, b.text.as_bytes(), &template::Limits::default())?;
            if *b == BLANK {
                template.warnings.extend(blank_warning(start));
            }
            Ok((template, Vec::new()))
        }
        Source::File(path) => {
            let bytes = read_limited(path)?;
            let template = template::parse_from(&identity, &bytes, &limits())?;
            Ok((template, bytes))
        }
    }
}

/// The limits on templates and answers files: the defaults, raised or lowered by the
/// environment variables the refusals name.
pub fn limits() -> template::Limits {
    template::Limits::from_vars(|name| std::env::var(name).ok())
}

/// The template size limit: [`template::MAX_SIZE`], or the bytes the environment
/// variable [`template::MAX_SIZE_VAR`] gives.
pub fn max_template_size() -> usize {
    limits().size
}

/// Reads at most one byte more than the template size limit, so a huge file is refused
/// without reading it all.
pub fn read_limited(path: &Path) -> Result<Vec<u8>> {
    use crate::export::file::{ReadError, read_regular_upto};
    read_regular_upto(path, max_template_size()).map_err(|err| match err {
        ReadError::NotRegular(kind) => anyhow::Error::new(layout::NotRegular {
            path: path.to_owned(),
            kind,
        }),
        // A link to nothing is named as `check`, `list` and the chooser name it.
        ReadError::Io(err) => layout::broken_link(path)
            .map_or_else(|| anyhow::Error::new(err), |why| anyhow::anyhow!(why))
            .context(format!("cannot open {}", path.display())),
    })
}

/// Template files in a repository, in the order a forge lists them (see
/// [`layout::templates_in`]), from `start`'s repository root.
pub fn repo_templates(start: &Path) -> Vec<PathBuf> {
    layout::repo_root(start)
        .map(|root| layout::templates_in(&root))
        .unwrap_or_default()
}

/// Reads an answers file (YAML, or JSON by extension) from `path` (a pipe too, as in
/// `--answers <(cmd)`), refusing one larger
/// than `max_size` bytes (without reading more than one byte past it) or YAML beyond
/// `budget`. With it come warnings, `FILE:LINE:COL: message` each, for numbers that read
/// otherwise than written (`1.10` is 1.1), as `check` gives them in templates.
pub fn read_answers(
    path: &std::path::Path,
    max_size: usize,
    budget: &crate::yaml::Budget,
) -> Result<(AnswersFile, Vec<String>), crate::form::answers::ReadError> {
    use crate::export::file::{ReadError, read_file_or_pipe};
    let io = |cause| crate::form::answers::ReadError::Io {
        path: path.to_owned(),
        cause,
    };
    let waiting = || {
        eprintln!(
            "issue-composer: waiting for a writer on {} (Ctrl-C stops)",
            crate::text::escape_line(&path.display().to_string())
        );
    };
    let bytes = read_file_or_pipe(path, max_size, waiting).map_err(|err| match err {
        ReadError::NotRegular(kind) => io(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("it is a {kind}, not a regular file or a pipe"),
        )),
        ReadError::Io(err) => io(err),
    })?;
    if bytes.len() > max_size {
        return Err(crate::form::answers::ReadError::TooLarge {
            path: path.to_owned(),
            limit: max_size,
        });
    }
    let text = String::from_utf8(bytes)
        .map_err(|_| io(std::io::Error::from(std::io::ErrorKind::InvalidData)))?;
    // `--answers -` reads /dev/stdin: its problems are placed in "standard input".
    let name = if path == Path::new("/dev/stdin") {
        "standard input".to_owned()
    } else {
        path.display().to_string()
    };
    let file = AnswersFile::parse_within(&text, &name, budget)?;
    let warnings = crate::template::lint::answers_numbers(&text)
        .into_iter()
        .map(|p| format!("{name}:{}:{}: {}", p.line, p.col, p.message))
        .collect();
    Ok((file, warnings))
}
