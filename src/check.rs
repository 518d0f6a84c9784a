//! `issue-composer check`: every problem of each template as `file:line:col: severity:
//! message` (or a JSON array), with GitHub's rules for issue forms and the chooser's
//! `config.yml`, and the rules that span a folder (two templates with one name).

mod chooser;
mod expand;
mod names;
mod refused;

pub use chooser::is_chooser_config;

use chooser::chooser_markdown_without_front_matter;
use expand::{expand, links_out};

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::discover::{self, Source};
use crate::template::Severity;

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

    fn error(&mut self, file: &str, line: usize, column: usize, message: String) {
        self.findings.push(Finding {
            file: file.to_owned(),
            line,
            column,
            severity: "error",
            message,
        });
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

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}
