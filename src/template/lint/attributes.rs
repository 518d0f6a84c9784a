//! An element's `attributes`: which each type takes, their text, labels unique as
//! GitHub makes ids of them, and the options of dropdowns and checkboxes.

use std::collections::HashMap;

use super::Lint;
use super::node::{self, Node, Spanned, at};

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

impl Lint<'_> {
    pub(super) fn attributes(
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
