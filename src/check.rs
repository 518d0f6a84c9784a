//! `issue-composer check`: every problem of each template as `file:line:col: severity:
//! message` (or a JSON array), with GitHub's rules for issue forms and the chooser's
//! `config.yml`, and the rules that span a folder (two templates with one name).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::discover::{self, Source};
use crate::template::{Severity, lint};

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub severity: &'static str,
    pub message: String,
}

/// What `check` found: the problems, and a summary line per template that loaded.
#[derive(Debug, Default)]
pub struct Report {
    pub findings: Vec<Finding>,
    pub summaries: Vec<String>,
}

impl Report {
    pub fn failed(&self) -> bool {
        self.findings.iter().any(|f| f.severity == "error")
    }

    /// `file:line:col: severity: message` lines, then the summaries, each escaped with
    /// its invisible characters (`\u{200b}`, `\u{feff}`): a file name shows them as a
    /// message quoting it does, so `a\u{feff}.md` is one name in every line.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for f in &self.findings {
            let _ = writeln!(
                out,
                "{}:{}:{}: {}: {}",
                crate::text::escape_name(&f.file),
                f.line,
                f.column,
                f.severity,
                // A value quoted in a message shows its invisible characters too.
                crate::text::escape_name(&f.message)
            );
        }
        for s in &self.summaries {
            out.push_str(&crate::text::escape_name(s));
            out.push('\n');
        }
        out
    }

    /// The findings as a JSON array (JSON escapes control characters itself).
    pub fn json(&self) -> String {
        let mut out = serde_json::to_string_pretty(&self.findings).unwrap_or_default();
        out.push('\n');
        out
    }
}

/// `1 section`, `2 sections`, `0 sections`: the summary's counts.
fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", crate::text::plural(n, one, many))
}

/// Checks each TEMPLATE argument: a folder stands for the templates in it, and no
/// argument for the repository's templates and chooser config, as `list` finds them.
pub fn run(args: &[String]) -> Report {
    let mut report = Report::default();
    let args = expand(args, &mut report);
    // Template names per folder, for the folder rule.
    let mut names: HashMap<PathBuf, Vec<(String, String, PathBuf)>> = HashMap::new();
    for arg in &args {
        let source = match discover::resolve(arg) {
            Ok(source) => source,
            Err(err) => {
                report.error(arg, 1, 1, crate::text::error_chain(&err));
                continue;
            }
        };
        let name = source.display();
        if let Source::File(path) = &source
            && let Some(why) = discover::layout::broken_link(path)
        {
            report.error(&name, 1, 1, why);
            continue;
        }
        // A repository's file that links out of it: GitHub does not follow it, and the
        // chooser and TEMPLATE refuse it (it is checked through a path typed here).
        if let Source::File(path) = &source
            && let Some(why) = links_out(path)
        {
            report.error(&name, 1, 1, why);
            continue;
        }
        if let Source::File(path) = &source
            && is_chooser_config(path)
        {
            report.chooser_config(path, &name);
            continue;
        }
        match discover::load(&source) {
            Ok(template) => {
                for p in &template.problems {
                    report.findings.push(Finding {
                        file: name.clone(),
                        line: p.line,
                        column: p.col,
                        severity: severity(p.severity),
                        message: p.message.clone(),
                    });
                }
                // An issue form saved as `.md` has its own warning: front matter is not
                // what it lacks.
                if let Source::File(path) = &source
                    && template.saved_form_warning().is_none()
                    && chooser_markdown_without_front_matter(path)
                {
                    report.findings.push(Finding {
                        file: name.clone(),
                        line: 1,
                        column: 1,
                        severity: "warning",
                        message:
                            "no front matter (`name`, `about`): GitHub's chooser will not list it"
                                .to_owned(),
                    });
                }
                let form = &template.form;
                report.summaries.push(format!(
                    "{name}: {}, {}",
                    counted(form.sections.len(), "section", "sections"),
                    counted(form.fields.len(), "field", "fields")
                ));
                if let Source::File(path) = &source {
                    let folder = path.parent().unwrap_or(Path::new("")).to_path_buf();
                    names.entry(folder).or_default().push((
                        name.clone(),
                        form.meta.name.clone(),
                        path.clone(),
                    ));
                }
            }
            Err(err) => {
                report.refused(&err, &source, &name);
                report.sort_file(&name);
            }
        }
    }
    report.same_names(&names);
    report
}

impl Report {
    /// A template that could not be read: the reader's problems, with the issue-form
    /// rules that still apply.
    fn refused(&mut self, err: &anyhow::Error, source: &Source, name: &str) {
        let located = err.downcast_ref::<crate::LocatedError>();
        let (file, line, col, message) = match located {
            Some(l) => (l.file.clone(), l.line, l.col, l.message.clone()),
            None => (name.to_owned(), 1, 1, discover::layout::why_unread(err)),
        };
        // The reader stops at the first problem; the rules go on, so every
        // problem of the file is listed at once.
        let rules = if crate::yaml::is_budget_message(&message) {
            Rules::default()
        } else {
            Report::issue_form_rules(source, name, (line, col))
        };
        if !rules.covers_first {
            self.error(&file, line, col, message);
        }
        // The reader's further problems (front matter lists them all), unless a
        // rule says the same at the same place.
        for m in located.map_or(&[][..], |l| &l.more) {
            let said = rules
                .findings
                .iter()
                .any(|f| f.severity == "error" && (f.line, f.column) == (m.line, m.col));
            if !said {
                self.error(&m.file, m.line, m.col, m.message.clone());
            }
        }
        self.findings.extend(rules.findings);
    }

    fn error(&mut self, file: &str, line: usize, column: usize, message: String) {
        self.findings.push(Finding {
            file: file.to_owned(),
            line,
            column,
            severity: "error",
            message,
        });
    }

    /// The issue-form rules of a form that could not be read. `first` is where the
    /// reader stopped: when a rule reports an error in the element there, that says the
    /// same more exactly, and `covers_first` is set.
    fn issue_form_rules(source: &Source, name: &str, first: (usize, usize)) -> Rules {
        let mut rules = Rules::default();
        let Source::File(path) = source else {
            return rules;
        };
        let yaml = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("yml") || e.eq_ignore_ascii_case("yaml"));
        if !yaml {
            return rules;
        }
        let Ok(bytes) = discover::read_limited(path) else {
            return rules;
        };
        let text = String::from_utf8_lossy(&bytes);
        let end = block_end(&text, first);
        for p in lint::issue_form(&text, &path.to_string_lossy()) {
            // At the same place, or in the element the reader stopped in (an error of
            // the whole file, at 1:1, is not an element's).
            let same_place = (p.line, p.col) == first;
            let in_element = first.1 > 1 && (first.0..end).contains(&p.line);
            if p.severity == Severity::Error && (same_place || in_element) {
                rules.covers_first = true;
            }
            rules.findings.push(Finding {
                file: name.to_owned(),
                line: p.line,
                column: p.col,
                severity: severity(p.severity),
                message: p.message,
            });
        }
        rules
    }

    /// This file's findings (the last ones) in the file's order.
    fn sort_file(&mut self, name: &str) {
        let start = self
            .findings
            .iter()
            .position(|f| f.file == name)
            .unwrap_or(self.findings.len());
        self.findings[start..].sort_by_key(|f| (f.line, f.column));
    }

    fn chooser_config(&mut self, path: &Path, name: &str) {
        let text =
            match discover::read_limited(path).map(|b| String::from_utf8_lossy(&b).into_owned()) {
                Ok(text) => text,
                Err(err) => return self.error(name, 1, 1, discover::layout::why_unread(&err)),
            };
        if let Err(err) = crate::yaml::from_str_within::<serde_json::Value>(
            &text,
            name,
            1,
            &discover::limits().yaml,
        ) {
            return self.error(name, err.line, err.col, err.message);
        }
        if discover::layout::ignored_by_github(path) {
            self.findings.push(Finding {
                file: name.to_owned(),
                line: 1,
                column: 1,
                severity: "warning",
                message: "GitHub reads the template chooser's settings only from `config.yml` and ignores this file (Gitea and Forgejo read it); rename it to `config.yml`".to_owned(),
            });
        }
        for p in lint::chooser_config(&text) {
            self.findings.push(Finding {
                file: name.to_owned(),
                line: p.line,
                column: p.col,
                severity: severity(p.severity),
                message: p.message,
            });
        }
        self.summaries
            .push(format!("{name}: template chooser config"));
    }

    /// Two templates in one folder with the same name: GitHub's chooser cannot tell
    /// them apart.
    fn same_names(&mut self, names: &HashMap<PathBuf, Vec<(String, String, PathBuf)>>) {
        let mut folders: Vec<&PathBuf> = names.keys().collect();
        folders.sort();
        for folder in folders {
            let mut first: HashMap<&str, &str> = HashMap::new();
            for (file, name, path) in &names[folder] {
                match first.get(name.as_str()) {
                    Some(other) => {
                        let (line, column) = name_place(path).unwrap_or((1, 1));
                        self.findings.push(Finding {
                            file: file.clone(),
                            line,
                            column,
                            severity: "error",
                            message: format!(
                                "`{}` is also the name of {other}; templates in one folder need different names",
                                crate::text::shorten(name, 60)
                            ),
                        });
                    }
                    None => {
                        first.insert(name, file);
                    }
                }
            }
        }
    }
}

/// Where the template at `path` writes its `name` (it was read just before, so it is a
/// regular file within the size limit: reading it again cannot block).
fn name_place(path: &Path) -> Option<(usize, usize)> {
    let text = std::fs::read_to_string(path).ok()?;
    let file = path.to_string_lossy();
    crate::template::lint::name_place(&text, &file, crate::template::is_issue_form(&file))
}

/// A markdown file in `.github/ISSUE_TEMPLATE/` that does not start with front matter:
/// GitHub's chooser lists a markdown template only with `name` and `about`.
fn chooser_markdown_without_front_matter(path: &Path) -> bool {
    let named = |p: Option<&Path>, name: &str| {
        p.and_then(Path::file_name)
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
    };
    let folder = path.parent();
    let markdown = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md"));
    markdown
        && named(folder, "ISSUE_TEMPLATE")
        && named(folder.and_then(Path::parent), ".github")
        && starts_without_front_matter(path)
}

/// The file's first bytes are no `---` (it was loaded as a template just before, so it
/// is a regular file: reading cannot block).
fn starts_without_front_matter(path: &Path) -> bool {
    use std::io::Read as _;
    let mut start = [0u8; 3];
    std::fs::File::open(path)
        .and_then(|f| f.take(3).read(&mut start))
        .is_ok_and(|n| start[..n] != *b"---")
}

/// The templates the arguments name: each folder's templates (`.md`, `.yml`, `.yaml`
/// files, by name), and with no argument the repository's, as `list` finds them.
fn expand(args: &[String], report: &mut Report) -> Vec<String> {
    if args.is_empty() {
        let cwd = std::env::current_dir().unwrap_or_default();
        let Some(root) = discover::layout::repo_root(&cwd) else {
            report.error(
                ".",
                1,
                1,
                "no repository templates found from here: name the templates or folders to check"
                    .to_owned(),
            );
            return Vec::new();
        };
        for (folder, spelling) in discover::layout::misspelled_forge_folders(&root) {
            report.findings.push(Finding {
                file: folder.display().to_string(),
                line: 1,
                column: 1,
                severity: "warning",
                message: discover::layout::misspelled_message(spelling),
            });
        }
        let mut paths = discover::layout::templates_in(&root);
        paths.extend(discover::layout::chooser_config(&root));
        if paths.is_empty() {
            // Said, so that an empty report is not read as "all templates are fine".
            report.summaries.push(format!(
                "no templates in the repository at {}: nothing to check (a forge reads them from .github/ISSUE_TEMPLATE/, .gitlab/issue_templates/ and the like; name files or folders to check others)",
                root.display()
            ));
        }
        return paths.iter().map(|p| p.display().to_string()).collect();
    }
    let mut out = Vec::new();
    for arg in args {
        let path = Path::new(arg);
        // A bare word is a template's name first (`check performance`), as for TEMPLATE.
        let folder = path.is_dir() && (arg.contains('/') || discover::resolve(arg).is_err());
        if !folder {
            out.push(arg.clone());
            continue;
        }
        let mut files: Vec<String> = std::fs::read_dir(path)
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .filter(|e| {
                // A broken link, a FIFO or a device named as a template is reported,
                // not skipped (its type from metadata: a FIFO is never opened).
                let p = e.path();
                discover::layout::not_a_folder(&p)
                    && p.extension().is_some_and(|x| {
                        ["md", "yml", "yaml"]
                            .iter()
                            .any(|t| x.eq_ignore_ascii_case(t))
                    })
            })
            .map(|e| {
                format!(
                    "{}/{}",
                    arg.trim_end_matches('/'),
                    e.file_name().to_string_lossy()
                )
            })
            .collect();
        files.sort();
        if files.is_empty() {
            report.error(
                arg,
                1,
                1,
                "a folder with no templates (.md, .yml or .yaml files) in it".to_owned(),
            );
        }
        out.extend(files);
    }
    out
}

/// Why `path` is refused when it is a symbolic link from inside a repository to a file
/// outside it.
fn links_out(path: &Path) -> Option<String> {
    if !path.symlink_metadata().ok()?.file_type().is_symlink() {
        return None;
    }
    let folder = std::path::absolute(path).ok()?.parent()?.to_path_buf();
    let root = discover::layout::repo_root(&folder)?;
    discover::layout::outside(&root, path)
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// What the issue-form rules found in a form the reader refused.
#[derive(Default)]
struct Rules {
    findings: Vec<Finding>,
    covers_first: bool,
}

/// The line after the YAML block that starts at `(line, col)`: the first later line
/// that is not blank and starts left of `col`.
fn block_end(text: &str, (line, col): (usize, usize)) -> usize {
    text.lines()
        .enumerate()
        .skip(line)
        .find(|(_, l)| {
            let indent = l.len() - l.trim_start().len();
            !l.trim().is_empty() && indent + 1 < col
        })
        .map_or(usize::MAX, |(i, _)| i + 1)
}

/// `config.yml` (or `.yaml`) is the chooser's configuration, not a template.
pub fn is_chooser_config(path: &Path) -> bool {
    path.file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .is_some_and(|n| n == "config.yml" || n == "config.yaml")
}
