//! Checks of a YAML file's top-level values, outside an issue form's `body`: a markdown
//! template's front matter (names, numbers, escapes, shapes), the top of an issue form
//! (booleans where text is meant, where its `name` is written), an answers file's numbers.

use super::node::{self, Node, Spanned, at};
use super::place::Pieces;
use super::value::{boolean_text, removal_warning};
use super::{Lint, Problem, Severity};

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
                && crate::template::issue_form::flag_word(&out.written(value)).is_some()
            {
                out.error(value, &boolean_text(key, b));
            }
        }
    })
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
        let split = crate::template::front_matter::split(&text, file).ok()?;
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

impl Lint<'_> {
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
}
