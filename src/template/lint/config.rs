//! The template chooser's `config.yml`: `blank_issues_enabled` and `contact_links`.

use super::node::{self, Node, Spanned};
use super::{Lint, Problem};

/// Problems with a template chooser's `config.yml`.
pub fn chooser_config(text: &str) -> Vec<Problem> {
    let Some(root) = node::parse(text) else {
        return Vec::new();
    };
    let mut out = Lint::new(text);
    let Node::Map(top) = &root.value else {
        out.error(
            &root,
            "`config.yml` is a mapping of `blank_issues_enabled` and `contact_links`",
        );
        return out.problems;
    };
    out.unknown_keys(
        top,
        &["blank_issues_enabled", "contact_links"],
        "in `config.yml`",
    );
    if let Some(value) = node::get(top, "blank_issues_enabled")
        && !matches!(value.value, Node::Bool(_))
    {
        out.error(value, "`blank_issues_enabled` must be true or false");
    }
    let Some(links) = node::get(top, "contact_links") else {
        return out.problems;
    };
    let Node::Seq(links) = &links.value else {
        out.error(links, "`contact_links` must be a list");
        return out.problems;
    };
    for link in links {
        out.contact_link(link);
    }
    out.sorted()
}

/// Where `blank_issues_enabled` is written in a chooser `config.yml`: its key's 1-based
/// line and column (the last one when it is given twice: the last one counts), and its
/// value as the file spells it (`off`, `False`), for saying so in the file's own words.
/// The spelling is the file's text, untrusted: escape it before showing it.
pub fn blank_switch_place(text: &str) -> Option<((usize, usize), &str)> {
    let root = node::parse(text)?;
    let Node::Map(top) = &root.value else {
        return None;
    };
    top.iter()
        .rev()
        .find(|(key, _)| key.value == "blank_issues_enabled")
        .map(|(key, value)| (node::at(key), spelled(text, value)))
}

/// A scalar's text as written in `text` (quotes included), from its span; empty when the
/// span is unknown.
fn spelled<'t>(text: &'t str, value: &Spanned<Node>) -> &'t str {
    let span = value.referenced.span();
    let at = |n: Option<u64>| n.and_then(|n| usize::try_from(n).ok());
    at(span.byte_offset())
        .zip(at(span.byte_len()))
        .and_then(|(start, len)| text.get(start..start.checked_add(len)?))
        .unwrap_or_default()
}

impl Lint<'_> {
    fn contact_link(&mut self, link: &Spanned<Node>) {
        let Node::Map(map) = &link.value else {
            self.error(
                link,
                "a contact link is a mapping of `name`, `url` and `about`",
            );
            return;
        };
        self.unknown_keys(map, &["name", "url", "about"], "in a contact link");
        for key in ["name", "url", "about"] {
            match node::get(map, key) {
                None => self.error(link, &format!("a contact link needs `{key}`")),
                Some(value) => {
                    self.string(value, key);
                    // The chooser skips a link with an empty name.
                    if key == "name" {
                        self.not_blank(value, key);
                    }
                }
            }
        }
        if let Some(url) = node::get(map, "url")
            && let Some(why) = url_problem(&node::text(url))
        {
            self.error(url, why);
        }
    }
}

/// What is wrong with a contact link's `url` as written (`check`'s words; the chooser
/// refuses such a link with them): no http(s) scheme (in any case, as browsers read it),
/// no host, a space or control character anywhere (a leading space too: `" https://x"`).
pub fn url_problem(text: &str) -> Option<&'static str> {
    let rest = ["https://", "http://"].iter().find_map(|scheme| {
        text.get(..scheme.len())
            .filter(|s| s.eq_ignore_ascii_case(scheme))
            .map(|_| &text[scheme.len()..])
    });
    match rest {
        None => Some("a contact link's `url` must start with https:// or http://"),
        // As the chooser has it: such a link is listed as refused, never opened.
        Some(rest) if rest.is_empty() || rest.starts_with('/') => {
            Some("a contact link's `url` must name a host")
        }
        Some(_) if text.chars().any(|c| c.is_whitespace() || c.is_control()) => {
            Some("a contact link's `url` must not hold spaces or control characters")
        }
        Some(_) => None,
    }
}
