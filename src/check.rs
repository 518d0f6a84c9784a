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

    /// `file:line:col: severity: message` lines, then the summaries, each escaped.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for f in &self.findings {
            let _ = writeln!(
                out,
                "{}:{}:{}: {}: {}",
                crate::text::escape_line(&f.file),
                f.line,
                f.column,
                f.severity,
                crate::text::escape_line(&f.message)
            );
        }
        for s in &self.summaries {
            out.push_str(&crate::text::escape_line(s));
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

/// Checks each TEMPLATE argument.
pub fn run(args: &[String]) -> Report {
    let mut report = Report::default();
    // Template names per folder, for the folder rule.
    let mut names: HashMap<PathBuf, Vec<(String, String)>> = HashMap::new();
    for arg in args {
        let source = match discover::resolve(arg) {
            Ok(source) => source,
            Err(err) => {
                report.error(arg, 1, 1, format!("{err:#}"));
                continue;
            }
        };
        let name = source.display();
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
                let form = &template.form;
                report.summaries.push(format!(
                    "{name}: {} sections, {} fields",
                    form.sections.len(),
                    form.fields.len()
                ));
                if let Source::File(path) = &source {
                    let folder = path.parent().unwrap_or(Path::new("")).to_path_buf();
                    names
                        .entry(folder)
                        .or_default()
                        .push((name.clone(), form.meta.name.clone()));
                }
            }
            Err(err) => match err.downcast_ref::<crate::LocatedError>() {
                Some(located) => {
                    report.error(
                        &located.file,
                        located.line,
                        located.col,
                        located.message.clone(),
                    );
                }
                None => report.error(&name, 1, 1, format!("{err:#}")),
            },
        }
    }
    report.same_names(&names);
    report
}

impl Report {
    fn error(&mut self, file: &str, line: usize, column: usize, message: String) {
        self.findings.push(Finding {
            file: file.to_owned(),
            line,
            column,
            severity: "error",
            message,
        });
    }

    fn chooser_config(&mut self, path: &Path, name: &str) {
        let text =
            match discover::read_limited(path).map(|b| String::from_utf8_lossy(&b).into_owned()) {
                Ok(text) => text,
                Err(err) => return self.error(name, 1, 1, format!("{err:#}")),
            };
        if let Err(err) = crate::yaml::from_str_within::<serde_json::Value>(
            &text,
            name,
            1,
            &discover::limits().yaml,
        ) {
            return self.error(name, err.line, err.col, err.message);
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
    fn same_names(&mut self, names: &HashMap<PathBuf, Vec<(String, String)>>) {
        let mut folders: Vec<&PathBuf> = names.keys().collect();
        folders.sort();
        for folder in folders {
            let mut first: HashMap<&str, &str> = HashMap::new();
            for (file, name) in &names[folder] {
                match first.get(name.as_str()) {
                    Some(other) => self.findings.push(Finding {
                        file: file.clone(),
                        line: 1,
                        column: 1,
                        severity: "error",
                        message: format!(
                            "`{}` is also the name of {other}; templates in one folder need different names",
                            crate::text::shorten(name, 60)
                        ),
                    }),
                    None => {
                        first.insert(name, file);
                    }
                }
            }
        }
    }
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// `config.yml` (or `.yaml`) is the chooser's configuration, not a template.
pub fn is_chooser_config(path: &Path) -> bool {
    path.file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .is_some_and(|n| n == "config.yml" || n == "config.yaml")
}
