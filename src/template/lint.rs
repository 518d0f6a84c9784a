//! GitHub's rules for issue forms and the chooser's `config.yml`, checked locally with
//! the place of each problem (GitHub reports them only after the file is pushed).
//!
//! The file is read a second time as a tree of located YAML nodes, with YAML 1.1
//! booleans as GitHub's reader has them, so `label: yes` is the boolean it is there.
//! Here: an issue form's top and the `Lint` its checks write into; `element` and
//! `attributes` check its `body`, `value` one value where text is meant, `top` the
//! top-level values of front matter and answers files, `config` the chooser's
//! `config.yml`.

mod attributes;
mod config;
mod element;
mod node;
mod place;
mod top;
mod value;

pub use config::{blank_switch_place, chooser_config, url_problem};
pub use element::element_col;
pub use top::{
    answers_numbers, front_matter_escapes, front_matter_names, front_matter_numbers,
    front_matter_raw_escapes, markdown_meta, meta_shapes, name_place, name_problem, text_booleans,
};
pub use value::is_removal;

use std::collections::HashMap;

use self::node::{Node, Spanned, at};
use self::place::Source;
use super::{Problem, Severity};

/// Keys an issue form may have at the top (`about` and `ref` are Gitea's and Forgejo's).
pub(super) const TOP: &[&str] = &[
    "name",
    "description",
    "about",
    "title",
    "labels",
    "assignees",
    "projects",
    "type",
    "body",
    "ref",
];

/// Whose rules an issue form at a path follows: Gitea's and Forgejo's readers take keys
/// GitHub refuses (`about`, `ref`, `visible`, `validations.is_number` and `regex`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dialect {
    /// In `.github/`: GitHub refuses the form over a key it does not know.
    Github,
    /// In `.gitea/` or `.forgejo/`.
    Gitea,
    /// Anywhere else: those keys are worth a warning.
    Unknown,
}

impl Dialect {
    fn of(path: &str) -> Self {
        let mut dialect = Dialect::Unknown;
        for part in path.split(['/', '\\']) {
            if part.eq_ignore_ascii_case(".gitea") || part.eq_ignore_ascii_case(".forgejo") {
                dialect = Dialect::Gitea;
            } else if part.eq_ignore_ascii_case(".github") {
                dialect = Dialect::Github;
            }
        }
        dialect
    }
}

/// Problems with the issue form at `path` (which says whose rules it follows). A file
/// that is not YAML at all is reported by the parser, not here.
pub fn issue_form(text: &str, path: &str) -> Vec<Problem> {
    let Some(root) = node::parse(text) else {
        return Vec::new();
    };
    let dialect = Dialect::of(path);
    let mut out = Lint::new(text);
    let Node::Map(top) = &root.value else {
        out.error(
            &root,
            "an issue form is a mapping of `name`, `description` and `body`",
        );
        return out.problems;
    };
    out.unknown_keys(top, TOP, "at the top of an issue form");
    if dialect != Dialect::Gitea {
        for key in ["about", "ref"] {
            if let Some((name, _)) = top.iter().find(|(k, _)| k.value == key) {
                let what = if key == "about" {
                    "`about` (GitHub's word is `description`)".to_owned()
                } else {
                    format!("`{key}`")
                };
                out.gitea_only(dialect, name, &what);
            }
        }
    }
    for key in ["name", "description"] {
        let gitea_about =
            key == "description" && dialect != Dialect::Github && node::get(top, "about").is_some();
        match node::get(top, key) {
            None if !gitea_about => out.error_at(1, 1, format!("`{key}` is missing")),
            Some(value) => {
                out.string(value, key);
                out.text_only(value, key);
                out.not_blank(value, key);
            }
            None => {}
        }
    }
    for key in ["title", "type"] {
        if let Some(value) = node::get(top, key) {
            out.string(value, key);
            out.text_only(value, key);
        }
    }
    for key in ["labels", "assignees", "projects"] {
        if let Some(value) = node::get(top, key) {
            out.strings(value, key);
            out.no_blank_items(value, key);
            if key != "projects" {
                out.names(value, key);
            }
        }
    }
    if let Some(projects) = node::get(top, "projects") {
        out.projects(projects);
    }
    match node::get(top, "body") {
        None => out.error_at(1, 1, "`body` is missing".to_owned()),
        Some(body) => out.body(body, dialect),
    }
    out.sorted()
}

/// The problems found in one file, and its text to find where values are written.
pub(super) struct Lint<'s> {
    source: Source<'s>,
    pub(super) problems: Vec<Problem>,
}

impl<'s> Lint<'s> {
    pub(super) fn new(text: &'s str) -> Self {
        Lint {
            source: Source::new(text),
            problems: Vec::new(),
        }
    }

    pub(super) fn sorted(mut self) -> Vec<Problem> {
        self.problems.sort_by_key(|p| (p.line, p.col));
        self.problems
    }

    /// The plain scalar written at a node's place.
    fn written(&self, node: &Spanned<Node>) -> String {
        let (line, col) = at(node);
        let Some(text) = self.source.rest_at(line, col) else {
            return String::new();
        };
        text.chars()
            .take_while(|c| !matches!(c, ',' | ']' | '}' | '#'))
            .collect::<String>()
            .trim()
            .to_owned()
    }

    /// A scalar as text; a boolean as it was written (`y` stays `y`).
    fn text(&self, node: &Spanned<Node>) -> String {
        match node.value {
            Node::Bool(_) => self.written(node),
            _ => node::text(node),
        }
    }

    fn push(&mut self, line: usize, col: usize, severity: Severity, message: String) {
        self.problems.push(Problem {
            line,
            col,
            severity,
            message,
        });
    }

    fn error_at(&mut self, line: usize, col: usize, message: String) {
        self.push(line, col, Severity::Error, message);
    }

    pub(super) fn error(&mut self, node: &Spanned<Node>, message: &str) {
        let (line, col) = at(node);
        self.error_at(line, col, message.to_owned());
    }

    /// A key given twice in one mapping: GitHub keeps the last, silently.
    pub(super) fn repeated_keys(&mut self, map: &[(Spanned<String>, Spanned<Node>)]) {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (key, _) in map {
            let (line, col) = at(key);
            if let Some(first) = seen.insert(&key.value, line) {
                let shown = crate::text::shorten(&key.value, 40);
                self.push(
                    line,
                    col,
                    Severity::Warning,
                    format!("`{shown}` is given twice (also on line {first}); the last one counts"),
                );
            }
        }
    }

    pub(super) fn unknown_keys(
        &mut self,
        map: &[(Spanned<String>, Spanned<Node>)],
        known: &[&str],
        where_: &str,
    ) {
        self.repeated_keys(map);
        for (key, _) in map {
            if !known.contains(&key.value.as_str()) {
                let (line, col) = at(key);
                let key = crate::text::shorten(&key.value, 40);
                self.error_at(line, col, format!("unknown key `{key}` {where_}"));
            }
        }
    }
}

#[cfg(test)]
mod tests;
