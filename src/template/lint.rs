//! GitHub's rules for issue forms and the chooser's `config.yml`, checked locally with
//! the place of each problem (GitHub reports them only after the file is pushed).
//!
//! The file is read a second time as a tree of located YAML nodes, with YAML 1.1
//! booleans as GitHub's reader has them, so `label: yes` is the boolean it is there.

mod config;
mod node;
mod place;

pub use config::{chooser_config, url_problem};

use std::collections::HashMap;

use self::node::{Node, Spanned, at};
use self::place::{Pieces, Source};
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
const ELEMENT: &[&str] = &["type", "id", "attributes", "validations", "visible"];
const TYPES: &[&str] = &[
    "markdown",
    "input",
    "textarea",
    "dropdown",
    "checkboxes",
    "upload",
];

/// The attributes each element type takes.
fn attributes_of(kind: &str) -> &'static [&'static str] {
    match kind {
        "markdown" => &["value"],
        "input" => &["label", "description", "placeholder", "value"],
        "textarea" => &["label", "description", "placeholder", "value", "render"],
        "dropdown" => &["label", "description", "multiple", "options", "default"],
        "checkboxes" => &["label", "description", "options"],
        "upload" => &["label", "description", "accept"],
        _ => &[],
    }
}

/// The validations each element type takes (`is_number` and `regex` are Gitea's).
fn validations_of(kind: &str) -> &'static [&'static str] {
    match kind {
        "markdown" => &[],
        "input" => &["required", "is_number", "regex"],
        _ => &["required"],
    }
}

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

/// What `check` says of one item of a template's `labels` or `assignees` (`key`): one
/// with nothing visible (zero-width characters) is dropped; an assignee that cannot be a
/// GitHub login (with `gitlab`, a GitLab username) is named, in the words `render` uses.
/// `None` when it is fine (or blank: that has its own error).
pub fn name_problem(key: &str, name: &str, gitlab: bool) -> Option<String> {
    let name = name.trim();
    if name.is_empty() {
        return None;
    }
    if crate::text::shows_nothing(name) {
        return Some(format!(
            "`{key}` has an item with nothing visible (only zero-width characters): it is dropped"
        ));
    }
    if key != "assignees" {
        return None;
    }
    crate::text::assignee_problem(name, crate::text::bare_login(name), gitlab)
}

/// The labels and assignees of front matter `yaml` that [`name_problem`] names, each at
/// its own place (lines counted in `yaml`): an item of a list at its line and column, a
/// name in a comma-separated string at its column in it. Items are split as the reader
/// splits them (`['x, y']` is x and y); the last `labels` or `assignees` counts. Nothing
/// when the YAML does not read.
pub fn front_matter_names(yaml: &str, gitlab: bool) -> Vec<Problem> {
    numbers_under(yaml, |out, top| {
        for key in ["labels", "assignees"] {
            let Some(index) = top.iter().rposition(|(k, _)| k.value == key) else {
                continue;
            };
            let value = &top[index].1;
            // A value may go on over the lines before the next key, an item over those
            // before the next item (a folded `>` scalar, a quoted one broken over lines).
            let last_line = top
                .get(index + 1)
                .map_or(usize::MAX, |(next, _)| at(next).0.saturating_sub(1));
            let items: Vec<&Spanned<Node>> = match &value.value {
                Node::Seq(items) => items.iter().collect(),
                _ => vec![value],
            };
            for (i, item) in items.iter().enumerate() {
                let until = items
                    .get(i + 1)
                    .map_or(last_line, |next| at(next).0.saturating_sub(1));
                // Only a name with a problem is looked for where it is written.
                let mut pieces = Pieces::until(until);
                for name in crate::text::split_list(&node::text(item)) {
                    match name_problem(key, &name, gitlab) {
                        Some(message) => {
                            let (line, col) = pieces.place(&out.source, at(item), &name);
                            out.push(line, col, Severity::Warning, message);
                        }
                        None => pieces.pass(),
                    }
                }
            }
        }
    })
}

/// Numbers that read otherwise than written under `keys` of front matter `yaml` (lines
/// counted in `yaml`); nothing when it does not read.
pub fn front_matter_numbers(yaml: &str, keys: &[&str]) -> Vec<Problem> {
    under_keys(yaml, keys, |out, value, key| {
        out.numbers_in(value, key);
    })
}

/// Escape sequences and control characters that front matter `yaml` writes as YAML
/// escapes under `keys` (`title: "a\u0007b"`, `labels: ["x\u001b[31m"]`): removed when
/// read, as the file's own are, and a warning at each value (lines counted in `yaml`)
/// saying what goes.
pub fn front_matter_escapes(yaml: &str, keys: &[&str]) -> Vec<Problem> {
    under_keys(yaml, keys, |out, value, key| {
        out.escapes_in(value, key, false);
    })
}

/// As [`front_matter_escapes`], for front matter as the file wrote it, its escape
/// sequences and control characters raw (the bytes, not YAML escapes). A YAML reader
/// refuses those, so each is read as a stand-in from the private use area (one
/// character for one, so places hold) and named as itself.
pub fn front_matter_raw_escapes(yaml: &str, keys: &[&str]) -> Vec<Problem> {
    let masked: String = yaml
        .chars()
        .map(|c| match c {
            '\n' | '\t' | '\r' => c,
            c if c.is_control() => char::from_u32(MASK + u32::from(c)).unwrap_or(c),
            c => c,
        })
        .collect();
    under_keys(&masked, keys, |out, value, key| {
        out.escapes_in(value, key, true);
    })
}

/// [`numbers_under`] giving `check` the value of each top-level key of `yaml` that is
/// one of `keys`, with its key.
fn under_keys(
    yaml: &str,
    keys: &[&str],
    mut check: impl FnMut(&mut Lint<'_>, &Spanned<Node>, &str),
) -> Vec<Problem> {
    numbers_under(yaml, |out, top| {
        for (key, value) in top {
            if keys.contains(&key.value.as_str()) {
                check(out, value, &key.value);
            }
        }
    })
}

/// Where [`front_matter_raw_escapes`] puts its stand-ins (U+F0000 + the character; control
/// characters are all below U+00A0).
const MASK: u32 = 0xF_0000;

/// The text [`front_matter_raw_escapes`] read, its stand-ins back to what they stand for.
fn unmask(text: &str) -> String {
    text.chars()
        .map(|c| match u32::from(c).checked_sub(MASK) {
            Some(n) if n < 0xA0 => char::from_u32(n).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// The warning for text `what` that holds escape sequences or control characters once
/// read (`None` when it holds none): the text as read, escaped, and what is removed.
fn removal_warning(what: &str, text: &str) -> Option<String> {
    let (_, removed) = crate::text::sanitize::normalize(text);
    let mut kinds: Vec<&str> = Vec::new();
    for r in &removed {
        if !kinds.contains(&r.what) {
            kinds.push(r.what);
        }
    }
    if kinds.is_empty() {
        return None;
    }
    let kinds: Vec<String> = kinds
        .iter()
        .map(|k| format!("{} {k}", crate::text::article(k)))
        .collect();
    // Invisible characters (a zero-width space) shown too: they are kept, and the value
    // should read as what it holds.
    let shown = crate::text::escape_name(text);
    let shown = crate::text::shorten(&shown, 60);
    let them = if removed.len() == 1 {
        "it is"
    } else {
        "they are"
    };
    Some(format!(
        "`{what}` `{shown}` holds {}; {them} removed",
        kinds.join(" and ")
    ))
}

/// Whether `message` is a [`removal_warning`]: a value named, and what is removed from
/// it (opening a template says these, as `check` does).
pub fn is_removal(message: &str) -> bool {
    message.starts_with('`')
        && (message.ends_with("; it is removed") || message.ends_with("; they are removed"))
}

/// Values of front matter (a markdown template's, or the top of an issue form) that
/// have the wrong shape: a list or a mapping under one of `text_keys` (`title: [x]`), a
/// mapping under one of `list_keys`, a list or mapping as an item of such a list.
/// GitHub refuses such a template ("key must be a string"), so each is an error, at the
/// value (lines counted in `yaml`). A key given twice is judged by its last value, the
/// one that is read; nothing when the YAML does not read.
pub fn meta_shapes(yaml: &str, text_keys: &[&str], list_keys: &[&str]) -> Vec<Problem> {
    numbers_under(yaml, |out, top| {
        let last = |key: &str| top.iter().rev().find(|(k, _)| k.value == key);
        let kind = |node: &Node| match node {
            Node::Seq(_) => Some("a list"),
            Node::Map(_) => Some("a mapping"),
            _ => None,
        };
        for key in text_keys {
            if let Some((_, value)) = last(key)
                && let Some(kind) = kind(&value.value)
            {
                out.error(value, &format!("`{key}` must be text, not {kind}"));
            }
        }
        for key in list_keys {
            match last(key).map(|(_, value)| (value, &value.value)) {
                Some((value, Node::Map(_))) => out.error(
                    value,
                    &format!("`{key}` must be a comma-separated string or a list, not a mapping"),
                ),
                Some((_, Node::Seq(items))) => {
                    for item in items {
                        let kind = match &item.value {
                            Node::Null => Some("nothing (null)"),
                            other => kind(other),
                        };
                        if let Some(kind) = kind {
                            out.error(
                                item,
                                &format!("each item of `{key}` must be text, not {kind}"),
                            );
                        }
                    }
                }
                _ => {}
            }
        }
    })
}

/// Booleans, as GitHub reads them (YAML 1.1: `yes`, `on`, `true`), under `text_keys` at
/// the top of an issue form (`description: true`): GitHub refuses the form ("key must be a
/// string"), so each is an error at its value, in the words `check` uses for it.
pub fn text_booleans(yaml: &str, text_keys: &[&str]) -> Vec<Problem> {
    numbers_under(yaml, |out, top| {
        for key in text_keys {
            if let Some((_, value)) = top.iter().rev().find(|(k, _)| k.value == *key)
                && let Node::Bool(b) = value.value
                && super::issue_form::flag_word(&out.written(value)).is_some()
            {
                out.error(value, &boolean_text(key, b));
            }
        }
    })
}

/// `check`'s word for a boolean where text is meant.
fn boolean_text(what: &str, b: bool) -> String {
    format!("`{what}` is the boolean {b} here; quote it to make it text")
}

/// Numbers in an answers file (YAML or JSON) that read otherwise than written: under
/// `title`, `labels`, `assignees` and every value of `fields`, each named by its key;
/// nothing when it does not read (the reader says why).
pub fn answers_numbers(text: &str) -> Vec<Problem> {
    numbers_under(text, |out, top| {
        for (key, value) in top {
            match key.value.as_str() {
                "title" | "labels" | "assignees" => out.numbers_in(value, &key.value),
                "fields" => {
                    if let Node::Map(fields) = &value.value {
                        for (field, answer) in fields {
                            out.numbers_in(answer, &field.value);
                        }
                    }
                }
                _ => {}
            }
        }
    })
}

/// What `check` finds in the top-level mapping of `text`: nothing when `text` is no
/// mapping (its reader says why).
fn numbers_under(
    text: &str,
    check: impl FnOnce(&mut Lint<'_>, &[(Spanned<String>, Spanned<Node>)]),
) -> Vec<Problem> {
    let Some(Spanned {
        value: Node::Map(top),
        ..
    }) = node::parse(text)
    else {
        return Vec::new();
    };
    let mut out = Lint::new(text);
    check(&mut out, &top);
    out.sorted()
}

/// Where the `name` value of a template is written (line, column): in the front matter
/// of a markdown template, at the top of an issue form (`issue_form`); the last one when
/// given twice (the one read). `None` when there is none (the name is the file's stem).
pub fn name_place(text: &str, file: &str, issue_form: bool) -> Option<(usize, usize)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = text.replace("\r\n", "\n");
    let (yaml, first_line) = if issue_form {
        (text.as_str(), 1)
    } else {
        let split = super::front_matter::split(&text, file).ok()?;
        (split.yaml?, split.yaml_line)
    };
    crate::yaml::key_places(yaml, first_line, 1)
        .into_iter()
        .rev()
        .find(|place| place.path == ["name"])
        .map(|place| place.value)
}

/// The message for a markdown template's front matter without `name` or `about`.
pub fn markdown_meta(has_name: bool, has_about: bool) -> Option<&'static str> {
    match (has_name, has_about) {
        (true, true) => None,
        (false, true) => Some("front matter has no `name`: GitHub's chooser will not list it"),
        (true, false) => Some("front matter has no `about`: GitHub's chooser will not list it"),
        (false, false) => {
            Some("front matter has no `name` or `about`: GitHub's chooser will not list it")
        }
    }
}

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

    /// Every text in `node` (a list's items too), named `what`, that holds escape
    /// sequences or control characters once read.
    fn escapes_in(&mut self, node: &Spanned<Node>, what: &str, masked: bool) {
        match &node.value {
            Node::Str(text) => {
                let text = if masked { unmask(text) } else { text.clone() };
                if let Some(message) = removal_warning(what, &text) {
                    let (line, col) = at(node);
                    self.push(line, col, Severity::Warning, message);
                }
            }
            Node::Seq(items) => items.iter().for_each(|i| self.escapes_in(i, what, masked)),
            _ => {}
        }
    }

    /// Every number in `node`, lists and maps (a table's rows) included, named `what`.
    fn numbers_in(&mut self, node: &Spanned<Node>, what: &str) {
        match &node.value {
            Node::Num(n) => self.number(node, n, what),
            Node::Seq(items) => items.iter().for_each(|i| self.numbers_in(i, what)),
            Node::Map(entries) => entries.iter().for_each(|(_, v)| self.numbers_in(v, what)),
            Node::Null | Node::Bool(_) | Node::Str(_) => {}
        }
    }

    /// A value meant as text: a YAML boolean or a list there is a mistake.
    pub(super) fn string(&mut self, node: &Spanned<Node>, what: &str) {
        match &node.value {
            Node::Bool(b) => {
                // GitHub's reader (YAML 1.1 as Ruby reads it) takes these words as
                // booleans; `y` and `n` stay text there.
                if super::issue_form::flag_word(&self.written(node)).is_some() {
                    self.error(node, &boolean_text(what, *b));
                }
            }
            Node::Seq(_) | Node::Map(_) => self.error(node, &format!("`{what}` must be text")),
            // `1.10` reads as the number 1.1: the form would show what was not written.
            Node::Num(n) => self.number(node, n, what),
            // `"\e[2J"` in a double-quoted YAML string is an escape sequence once read:
            // removed wherever the text is shown or sent, and worth a word.
            // Named as front matter's are: the value, escaped, and what goes.
            Node::Str(text) => {
                if let Some(message) = removal_warning(what, text) {
                    let (line, col) = at(node);
                    self.push(line, col, Severity::Warning, message);
                }
            }
            Node::Null => {}
        }
    }

    /// A number where text is meant: a warning when it reads otherwise than written
    /// (`1.10` is 1.1), an error for YAML's infinity and not-a-number (`.inf`, `.nan`,
    /// `1e400`).
    fn number(&mut self, node: &Spanned<Node>, n: &str, what: &str) {
        let written = self.written(node);
        let shown = crate::text::shorten(&written, 40);
        let number = match n {
            "inf" => "infinity",
            "-inf" => "minus infinity",
            "NaN" => "not-a-number",
            _ if !written.is_empty() && written != n => {
                let (line, col) = at(node);
                return self.push(
                    line,
                    col,
                    Severity::Warning,
                    format!(
                        "`{what}` `{shown}` is read as the number {n}; quote it to keep it as written"
                    ),
                );
            }
            _ => return,
        };
        // The form reader refuses it (no field holds it), so it is an error here too; a
        // YAML reader like GitHub's makes it a float, not the text written.
        self.error(
            node,
            &format!(
                "`{what}` `{shown}` is YAML's number {number}, not text; quote it to make it text"
            ),
        );
    }

    /// A number where GitHub takes only text (`name: 12`): a warning, since the number
    /// reads as written (one that does not is warned about already).
    fn text_only(&mut self, node: &Spanned<Node>, what: &str) {
        if let Node::Num(n) = &node.value
            && self.written(node) == *n
        {
            let (line, col) = at(node);
            self.push(
                line,
                col,
                Severity::Warning,
                format!("`{what}` is the number {n} here; GitHub takes text: quote it (\"{n}\")"),
            );
        }
    }

    /// GitHub refuses text that is empty or only spaces for `name`, `description` and
    /// `label`.
    fn not_blank(&mut self, node: &Spanned<Node>, what: &str) {
        let blank = match &node.value {
            Node::Null => true,
            Node::Str(text) => text.trim().is_empty(),
            _ => false,
        };
        if blank {
            self.error(node, &format!("`{what}` must not be empty"));
        }
    }

    /// Text, or a list of text.
    fn strings(&mut self, node: &Spanned<Node>, what: &str) {
        match &node.value {
            Node::Seq(items) => {
                for item in items {
                    if matches!(item.value, Node::Seq(_) | Node::Map(_)) {
                        self.error(
                            item,
                            &format!("each item of `{what}` must be text, not a list or mapping"),
                        );
                    } else {
                        self.string(item, what);
                    }
                }
            }
            _ => self.string(node, what),
        }
    }

    /// GitHub refuses text that is empty or only spaces, in a list or alone: a key with
    /// nothing to say is left out.
    fn no_blank_items(&mut self, node: &Spanned<Node>, what: &str) {
        let items = match &node.value {
            Node::Seq(items) => items.iter().collect(),
            _ => vec![node],
        };
        for item in items {
            if let Node::Str(text) = &item.value
                && text.trim().is_empty()
            {
                self.error(
                    item,
                    &format!(
                        "`{what}` must not be empty or only spaces; leave the key out instead"
                    ),
                );
            }
        }
    }

    /// Labels or assignees with nothing visible, and impossible logins ([`name_problem`]).
    fn names(&mut self, node: &Spanned<Node>, key: &str) {
        let items = match &node.value {
            Node::Seq(items) => items.iter().collect(),
            _ => vec![node],
        };
        for item in items {
            let Node::Str(text) = &item.value else {
                continue;
            };
            let names = match &node.value {
                Node::Seq(_) => vec![text.clone()],
                _ => text.split(',').map(str::to_owned).collect(),
            };
            // Each at its own column, as in front matter; only a name with a problem is
            // looked for.
            let mut pieces = Pieces::default();
            for name in names {
                // Judged as sent: the escape sequences and control characters that
                // `string` warns of are removed first (`x\e` goes out as `x`).
                match name_problem(key, &crate::text::sanitize::clean(&name), false) {
                    Some(message) => {
                        let (line, col) = pieces.place(&self.source, at(item), name.trim());
                        self.push(line, col, Severity::Warning, message);
                    }
                    None if name.trim().is_empty() => {}
                    None => pieces.pass(),
                }
            }
        }
    }

    /// GitHub's `projects` are `OWNER/NUMBER` (`octo-org/44`).
    fn projects(&mut self, node: &Spanned<Node>) {
        let items = match &node.value {
            Node::Seq(items) => items.iter().collect(),
            _ => vec![node],
        };
        for item in items {
            let text = match &item.value {
                Node::Str(text) => text.clone(),
                Node::Num(_) | Node::Bool(_) => self.written(item),
                Node::Null | Node::Seq(_) | Node::Map(_) => continue,
            };
            for project in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                if !crate::text::is_owner_number(project) {
                    self.error(
                        item,
                        &format!(
                            "project `{}` is not OWNER/NUMBER (like `octo-org/44`)",
                            crate::text::shorten(&crate::text::escape_line(project), 40)
                        ),
                    );
                }
            }
        }
    }

    /// A key only Gitea and Forgejo read: GitHub refuses the form over it (an error in
    /// `.github/`, a warning where the forge is not known).
    fn gitea_only<T>(&mut self, dialect: Dialect, key: &Spanned<T>, what: &str) {
        let (line, col) = at(key);
        let severity = match dialect {
            Dialect::Gitea => return,
            Dialect::Github => Severity::Error,
            Dialect::Unknown => Severity::Warning,
        };
        self.push(
            line,
            col,
            severity,
            format!("{what} is read only by Gitea and Forgejo: GitHub refuses a form with it"),
        );
    }

    fn body(&mut self, body: &Spanned<Node>, dialect: Dialect) {
        let Node::Seq(elements) = &body.value else {
            self.error(body, "`body` must be a list of elements");
            return;
        };
        if elements.is_empty() {
            self.error(body, "`body` is empty");
            return;
        }
        let mut ids: HashMap<String, usize> = HashMap::new();
        let mut labels: HashMap<String, usize> = HashMap::new();
        let mut asks = false;
        for element in elements {
            asks |= self.element(element, dialect, &mut ids, &mut labels);
        }
        if !asks {
            self.error(
                body,
                "`body` holds only markdown: there is nothing to fill in",
            );
        }
    }

    /// Checks one element; `false` only for a markdown element (an element that does not
    /// read counts as asking, so "only markdown" is not said of a broken body).
    fn element(
        &mut self,
        element: &Spanned<Node>,
        dialect: Dialect,
        ids: &mut HashMap<String, usize>,
        labels: &mut HashMap<String, usize>,
    ) -> bool {
        let Node::Map(map) = &element.value else {
            self.error(
                element,
                "an element must be a mapping with `type` and `attributes`",
            );
            return true;
        };
        self.unknown_keys(map, ELEMENT, "in an element");
        if let Some((key, _)) = map.iter().find(|(k, _)| k.value == "visible") {
            self.gitea_only(dialect, key, "`visible`");
        }
        let kind = match node::get(map, "type").map(|t| &t.value) {
            Some(Node::Str(kind)) if TYPES.contains(&kind.as_str()) => kind.as_str(),
            Some(_) => {
                let shown = node::get(map, "type").map(node::text).unwrap_or_default();
                self.error(
                    element,
                    &format!(
                        "unknown element type `{}` (expected {})",
                        crate::text::shorten(&shown, 40),
                        TYPES.join(", ")
                    ),
                );
                return true;
            }
            None => {
                self.error(element, "an element needs a `type`");
                return true;
            }
        };
        let id = node::get(map, "id");
        if let Some(id) = id {
            self.id(id, ids);
        }
        if let Some(v) = node::get(map, "validations") {
            self.validations(v, kind, dialect);
        }
        let Some(attributes) = node::get(map, "attributes") else {
            self.error(element, "an element needs `attributes`");
            return kind != "markdown";
        };
        let Node::Map(attrs) = &attributes.value else {
            self.error(attributes, "`attributes` must be a mapping");
            return kind != "markdown";
        };
        self.attributes(attributes, attrs, kind, id.is_none(), labels);
        if let Node::Seq(options) = node::get(attrs, "options").map_or(&Node::Null, |o| &o.value) {
            for option in options {
                if let Node::Map(option) = &option.value
                    && let Some((key, _)) = option.iter().find(|(k, _)| k.value == "visible")
                {
                    self.gitea_only(dialect, key, "`visible`");
                }
            }
        }
        kind != "markdown"
    }

    fn id(&mut self, id: &Spanned<Node>, ids: &mut HashMap<String, usize>) {
        let text = node::text(id);
        let (line, _) = at(id);
        if let Node::Bool(_) = id.value {
            self.string(id, "id");
        } else if text.is_empty() {
            self.error(id, "`id` must not be empty");
        } else if !text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            self.error(
                id,
                &format!(
                    "id `{}` may only hold letters A-Z, digits, `-` and `_`",
                    crate::text::shorten(&text, 40)
                ),
            );
        } else if let Some(first) = ids.get(&text) {
            self.error(
                id,
                &format!(
                    "id `{text}` is already used by the element on line {first}; ids must be unique"
                ),
            );
        } else {
            ids.insert(text, line);
        }
    }

    fn validations(&mut self, node: &Spanned<Node>, kind: &str, dialect: Dialect) {
        let Node::Map(map) = &node.value else {
            self.error(node, "`validations` must be a mapping");
            return;
        };
        self.repeated_keys(map);
        let known = validations_of(kind);
        for (key, value) in map {
            if !known.contains(&key.value.as_str()) {
                let (line, col) = at(key);
                self.error_at(
                    line,
                    col,
                    format!(
                        "`{kind}` elements take no `validations.{}`",
                        crate::text::shorten(&key.value, 40)
                    ),
                );
            } else if matches!(key.value.as_str(), "is_number" | "regex") {
                let what = format!("`validations.{}`", key.value);
                self.gitea_only(dialect, key, &what);
            }
            if known.contains(&key.value.as_str())
                && key.value != "regex"
                && !matches!(value.value, Node::Bool(_))
            {
                self.error(
                    value,
                    &format!("`validations.{}` must be true or false", key.value),
                );
            }
        }
    }

    fn attributes(
        &mut self,
        node: &Spanned<Node>,
        attrs: &[(Spanned<String>, Spanned<Node>)],
        kind: &str,
        without_id: bool,
        labels: &mut HashMap<String, usize>,
    ) {
        self.repeated_keys(attrs);
        let known = attributes_of(kind);
        for (key, _) in attrs {
            if !known.contains(&key.value.as_str()) {
                let (line, col) = at(key);
                let message = if key.value == "render" {
                    "`render` is only for `textarea` elements".to_owned()
                } else {
                    format!(
                        "unknown attribute `{}` for {} `{kind}` element",
                        crate::text::shorten(&key.value, 40),
                        crate::text::article(kind)
                    )
                };
                self.error_at(line, col, message);
            }
        }
        for key in ["label", "description", "placeholder", "value", "render"] {
            if let Some(value) = node::get(attrs, key) {
                self.string(value, key);
            }
        }
        // The code fence's language: a line break or a backtick in it would end the
        // fence's first line early and put the rest in the issue as text.
        if let Some(render) = node::get(attrs, "render")
            && let Node::Str(text) = &render.value
            && text.contains(['\n', '\r', '`'])
        {
            self.error(
                render,
                "`render` names a language on one line (`shell`, `rust`), without backticks",
            );
        }
        if kind == "markdown" {
            if node::get(attrs, "value").is_none() {
                self.error(node, "a `markdown` element needs `attributes.value`");
            }
            return;
        }
        if let Some(label) = node::get(attrs, "label") {
            self.text_only(label, "label");
            self.not_blank(label, "label");
        }
        match node::get(attrs, "label") {
            None => self.error(
                node,
                &format!(
                    "{} `{kind}` element needs `attributes.label`",
                    crate::text::article(kind)
                ),
            ),
            Some(label) if without_id => {
                let text = self.text(label);
                let (line, _) = at(label);
                // GitHub makes the id from the label, lower case with each run of other
                // characters as one `-`: `Name?` and `name???` collide.
                let key = parameterized(&text);
                if let Some(first) = labels.get(&key) {
                    self.error(
                        label,
                        &format!(
                            "label `{}` reads as the label of the element on line {first} (both `{}` as an id); elements without an `id` need unique labels",
                            crate::text::shorten(&text, 40),
                            crate::text::shorten(&key, 40)
                        ),
                    );
                } else {
                    labels.insert(key, line);
                }
            }
            Some(_) => {}
        }
        if matches!(kind, "dropdown" | "checkboxes") {
            self.options(node, attrs, kind);
        }
    }

    fn options(
        &mut self,
        node: &Spanned<Node>,
        attrs: &[(Spanned<String>, Spanned<Node>)],
        kind: &str,
    ) {
        let items = match node::get(attrs, "options").map(|o| (o, &o.value)) {
            Some((_, Node::Seq(items))) if !items.is_empty() => items,
            Some((o, _)) => {
                return self.error(o, "`options` must be a list of at least one option");
            }
            None => {
                return self.error(
                    node,
                    &format!(
                        "{} `{kind}` element needs `attributes.options`",
                        crate::text::article(kind)
                    ),
                );
            }
        };
        let mut seen: HashMap<String, usize> = HashMap::new();
        for item in items {
            let Some(label) = self.option_label(item, kind) else {
                continue;
            };
            let (line, _) = at(item);
            if label.trim().is_empty() {
                self.error(item, "an option must not be empty");
            } else if kind == "dropdown" && label.trim().eq_ignore_ascii_case("none") {
                // GitHub's error names the word in lower case ("`options` must not
                // include the reserved word, none") and its example writes `None`: the
                // word is reserved whatever its case.
                self.error(
                    item,
                    &format!(
                        "`{}` is reserved in dropdowns, in any case (GitHub adds `None` for no answer)",
                        label.trim()
                    ),
                );
            } else if let Some(first) = seen.get(&label) {
                self.error(
                    item,
                    &format!(
                        "option `{}` is already on line {first}",
                        crate::text::shorten(&label, 40)
                    ),
                );
            } else {
                seen.insert(label, line);
            }
        }
        if kind == "dropdown"
            && let Some(default) = node::get(attrs, "default")
        {
            let ok = matches!(&default.value, Node::Num(n) if n.parse::<usize>().is_ok_and(|i| i < items.len()));
            if let Node::Str(_) = default.value {
                self.error(
                    default,
                    &format!(
                        "`default` must be a number, an option's index (0 to {}), not text",
                        items.len() - 1
                    ),
                );
            } else if !ok {
                self.error(
                    default,
                    &format!(
                        "`default` must be an option's index, 0 to {}",
                        items.len() - 1
                    ),
                );
            }
        }
    }

    /// An option's label: the text of a dropdown option, the `label` of a checkbox one.
    fn option_label(&mut self, item: &Spanned<Node>, kind: &str) -> Option<String> {
        if kind != "checkboxes" {
            self.string(item, "option");
            return Some(self.text(item));
        }
        let Node::Map(option) = &item.value else {
            self.error(item, "a checkbox option is a mapping with a `label`");
            return None;
        };
        let known = ["label", "required", "visible"];
        self.unknown_keys(option, &known, "in a checkbox option");
        if let Some(required) = node::get(option, "required")
            && !matches!(required.value, Node::Bool(_))
        {
            self.error(required, "`required` must be true or false");
        }
        let Some(label) = node::get(option, "label") else {
            self.error(item, "a checkbox option needs a `label`");
            return None;
        };
        self.string(label, "label");
        Some(self.text(label))
    }
}

/// A label as GitHub turns it into an id: lower case, each run of characters other than
/// letters and digits one `-`, none at either end.
fn parameterized(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    let mut gap = false;
    for c in label.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push('-');
            }
            gap = false;
            out.push(c);
        } else {
            gap = true;
        }
    }
    out
}

#[cfg(test)]
mod tests;
