//! An issue form's `body`: each element's keys, type, id and validations, and the keys
//! only Gitea and Forgejo read.

use std::collections::HashMap;

use super::node::{self, Node, Spanned, at};
use super::{Dialect, Lint, Severity};

const ELEMENT: &[&str] = &["type", "id", "attributes", "validations", "visible"];
const TYPES: &[&str] = &[
    "markdown",
    "input",
    "textarea",
    "dropdown",
    "checkboxes",
    "upload",
];

/// The validations each element type takes (`is_number` and `regex` are Gitea's).
fn validations_of(kind: &str) -> &'static [&'static str] {
    match kind {
        "markdown" => &[],
        "input" => &["required", "is_number", "regex"],
        _ => &["required"],
    }
}

/// The column where an issue form's `body` element begins on `line` (the first, when
/// several do): where a refusal of that element points. `None` when no element begins
/// there or the text does not read.
pub fn element_col(text: &str, line: usize) -> Option<usize> {
    let root = node::parse(text)?;
    let Node::Map(top) = &root.value else {
        return None;
    };
    let Node::Seq(body) = &node::get(top, "body")?.value else {
        return None;
    };
    body.iter()
        .map(at)
        .find(|&(l, _)| l == line)
        .map(|(_, col)| col)
}

impl Lint<'_> {
    /// A key only Gitea and Forgejo read: GitHub refuses the form over it (an error in
    /// `.github/`, a warning where the forge is not known).
    pub(super) fn gitea_only<T>(&mut self, dialect: Dialect, key: &Spanned<T>, what: &str) {
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

    pub(super) fn body(&mut self, body: &Spanned<Node>, dialect: Dialect) {
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
            if key.value == "regex" {
                self.pattern(value);
            }
        }
    }

    /// A `validations.regex` that does not compile, at its place (the form is read
    /// without that rule, so it never blocks the user).
    fn pattern(&mut self, value: &Spanned<Node>) {
        let Node::Str(pattern) = &value.value else {
            return;
        };
        if pattern.is_empty() {
            return;
        }
        if let Err(error) = crate::form::Pattern::new(pattern) {
            let message = format!(
                "`validations.regex` is not a valid pattern: {}",
                pattern_words(&error)
            );
            self.error(value, &message);
        }
    }
}

/// The regex crate's own short description of what is wrong: its message draws the
/// pattern with a caret under the place over several lines, then says `error: ...`.
fn pattern_words(error: &regex::Error) -> String {
    let message = error.to_string();
    let words = message
        .rsplit_once("\nerror: ")
        .map_or(message.as_str(), |(_, words)| words);
    crate::text::sanitize::one_line(words).trim().to_owned()
}
