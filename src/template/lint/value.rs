//! Checks of one value where GitHub wants text, a list of text, names or projects,
//! and the words they share with front matter's (a boolean or a removal named).

use super::node::{Node, Spanned, at};
use super::place::Pieces;
use super::{Lint, Severity, name_problem};

impl Lint<'_> {
    /// A value meant as text: a YAML boolean or a list there is a mistake.
    pub(super) fn string(&mut self, node: &Spanned<Node>, what: &str) {
        match &node.value {
            Node::Bool(b) => {
                // GitHub's reader (YAML 1.1 as Ruby reads it) takes these words as
                // booleans; `y` and `n` stay text there.
                if crate::template::issue_form::flag_word(&self.written(node)).is_some() {
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
    pub(super) fn number(&mut self, node: &Spanned<Node>, n: &str, what: &str) {
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
    pub(super) fn text_only(&mut self, node: &Spanned<Node>, what: &str) {
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
    pub(super) fn not_blank(&mut self, node: &Spanned<Node>, what: &str) {
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
    pub(super) fn strings(&mut self, node: &Spanned<Node>, what: &str) {
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
    pub(super) fn no_blank_items(&mut self, node: &Spanned<Node>, what: &str) {
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
    pub(super) fn names(&mut self, node: &Spanned<Node>, key: &str) {
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
    pub(super) fn projects(&mut self, node: &Spanned<Node>) {
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
}

/// The warning for text `what` that holds escape sequences or control characters once
/// read (`None` when it holds none): the text as read, escaped, and what is removed.
pub(super) fn removal_warning(what: &str, text: &str) -> Option<String> {
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

/// Whether `message` is a `removal_warning`: a value named, and what is removed from
/// it (opening a template says these, as `check` does).
pub fn is_removal(message: &str) -> bool {
    message.starts_with('`')
        && (message.ends_with("; it is removed") || message.ends_with("; they are removed"))
}

/// `check`'s word for a boolean where text is meant.
pub(super) fn boolean_text(what: &str, b: bool) -> String {
    format!("`{what}` is the boolean {b} here; quote it to make it text")
}
