//! Labelled lines: `**Label**: rest`, `**Label:** rest`, `Label: rest`, `Label [hint]`
//! and `Label #X`, and what the rest holds (nothing, a hint, brackets, or literal text).

use std::borrow::Cow;
use std::ops::Range;

use super::source::Source;
use crate::template::blocks::Inline;
use crate::template::hints;

/// A line that starts with a label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Labelled {
    pub label: String,
    /// Source range after the label (and its colon) to the end of the line's content.
    pub rest: Range<usize>,
    /// The line is nothing but a bold label (`**Describe the bug**`).
    pub bold_only: bool,
}

/// What follows a label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Rest {
    /// Nothing, or only a comment (its text is the hint).
    Empty(String),
    /// A placeholder: `e.g. Windows`, `#.#.#`, `TBD`.
    Hint(String),
    /// `[A / B]`, `[hint]`, or several: `[A / B] - [X-Y hours]`; pairs of separator and inside.
    Brackets(Vec<(String, String)>),
    /// Real text: the line is not a field.
    Literal,
}

/// How labels may be written on this line.
#[derive(Debug, Clone, Copy)]
pub(super) struct Allow {
    /// `Label: rest` without bold.
    pub plain: bool,
    /// `Label #X`: a trailing placeholder token after plain words.
    pub token: bool,
}

/// Splits the inline elements of one line into a label and the rest.
pub(super) fn split(src: &str, line: &[Inline], allow: Allow) -> Option<Labelled> {
    // A comment before the label is not part of it (and is gone once rendered).
    let skip = line
        .iter()
        .take_while(|i| match i {
            Inline::Html(r) => src[r.clone()].starts_with("<!--"),
            Inline::Text(r) => crate::text::is_blank(&src[r.clone()]),
            _ => false,
        })
        .count();
    let line = &line[skip..];
    let first = line.first()?;
    let end = line.last()?.range().end;
    // A label is on one line (bold text can span lines).
    if src[first.range().start..end].contains('\n') {
        return None;
    }
    match first {
        Inline::Strong(r, text) => bold(src, r, text, end),
        Inline::Text(r) if allow.plain || allow.token => {
            let lead_end = line
                .iter()
                .find(|i| !matches!(i, Inline::Text(_)))
                .map_or(end, |i| i.range().start);
            plain(src, r.start, lead_end, end, allow)
        }
        _ => None,
    }
}

fn bold(src: &str, r: &Range<usize>, text: &str, end: usize) -> Option<Labelled> {
    let tail = &src[r.end..end];
    let trimmed = tail.trim_start();
    let lead = tail.len() - trimmed.len();
    let (rest, bold_only) = if text.trim_end().ends_with(':') {
        (r.end..end, crate::text::is_blank(tail))
    } else if trimmed.starts_with(':') {
        let rest_start = r.end + lead + 1;
        (
            rest_start..end,
            crate::text::is_blank(&src[rest_start..end]),
        )
    } else if trimmed.is_empty() {
        (end..end, true)
    } else if trimmed.starts_with('[') {
        (r.end..end, false)
    } else {
        return None;
    };
    let label = hints::plain_label(text);
    (!label.is_empty()).then_some(Labelled {
        label,
        rest,
        bold_only,
    })
}

fn plain(src: &str, start: usize, lead_end: usize, end: usize, allow: Allow) -> Option<Labelled> {
    let lead = &src[start..lead_end];
    let make = |label: &str, rest_start: usize| {
        label_ok(label).then(|| Labelled {
            label: hints::plain_label(label),
            rest: rest_start..end,
            bold_only: false,
        })
    };
    if allow.plain {
        // A colon inside brackets is part of the hint: `Info [ af::info() output ]`.
        let bracket = lead.find('[').unwrap_or(lead.len());
        let whole = src[start..end].trim_end();
        // The colon that ends the line is not a separator.
        let colon = lead
            .find(':')
            .filter(|&c| c < bracket && c + 1 < whole.len());
        // A line ending in a colon is a label whatever it holds: `Version (run `x -V`):`.
        if colon.is_none()
            && let Some(label) = whole.strip_suffix(':')
            && !label.ends_with(':')
        {
            return make(label, end);
        }
        if let Some(colon) = colon {
            if lead[colon + 1..].starts_with('/') {
                return None;
            }
            // Before a value, a long label is a question; a long statement is prose.
            let label = lead[..colon].trim();
            if label.split_whitespace().count() > 8 && !label.ends_with('?') {
                return None;
            }
            return make(&lead[..colon], start + colon + 1);
        }
        if let Some(open) = lead.find('[') {
            let rest = &src[start + open..end];
            return hints::brackets(rest).and_then(|_| make(&lead[..open], start + open));
        }
    }
    if allow.token {
        let line = &src[start..end];
        let (label, token) = line.trim_end().rsplit_once(' ')?;
        if is_token(token) && !line.contains("___") {
            return make(label, start + label.len());
        }
    }
    None
}

/// Placeholder tokens that can end a labelled line: `#X`, `#.#.#`, `TBD`.
fn is_token(token: &str) -> bool {
    hints::is_placeholder(token) && !token.is_empty() && !token.chars().all(char::is_alphabetic)
        || matches!(token, "TBD" | "TODO" | "TBA")
}

/// A label is a phrase or a question, not a sentence or a URL.
fn label_ok(label: &str) -> bool {
    let t = label.trim();
    let words = t.split_whitespace().count();
    (1..=24).contains(&words) && t.chars().count() <= 200 && !t.ends_with(['.', '!', ',', ';'])
}

/// Reads what follows a label; comments in it are removed, and their text is the hint.
pub(super) fn rest(source: &Source<'_>, range: Range<usize>) -> Rest {
    let within = |c: &&Range<usize>| c.start >= range.start && c.end <= range.end;
    let comments = source.comments_in(&range);
    let hint: Vec<&str> = comments
        .iter()
        .filter(within)
        .map(|c| {
            let c = &source.src[c.clone()];
            c.trim_start_matches("<!--").trim_end_matches("-->").trim()
        })
        .collect();
    let kept = if hint.is_empty() {
        Cow::Borrowed(&source.src[range])
    } else {
        source.strip_comments_within(range)
    };
    let t = crate::text::trim(&kept);
    if t.is_empty() {
        return Rest::Empty(hint.join(" "));
    }
    if let Some(brackets) = hints::brackets(t) {
        return Rest::Brackets(
            brackets
                .into_iter()
                .map(|b| (b.sep.to_owned(), b.inner.trim().to_owned()))
                .collect(),
        );
    }
    if hints::is_placeholder(t) {
        return Rest::Hint(t.to_owned());
    }
    if let Some(example) = example_value(t) {
        return Rest::Hint(example.to_owned());
    }
    // `Yes/No`, `(yes/no)`, `*Bug* / *Feature*` or `A | B | C` without brackets is a
    // choice too, when its options are short.
    let inner = t
        .strip_prefix('(')
        .and_then(|x| x.strip_suffix(')'))
        .unwrap_or(t);
    let spaced = inner.contains(" | ") || inner.contains(" / ");
    let max_words = if spaced { 3 } else { 1 };
    let short = inner
        .split(['/', '|'])
        .all(|o| o.split_whitespace().count() <= max_words);
    // `Requests / second?` asks on; options do not.
    let asks = inner.contains('?');
    if short && !asks && hints::choice_options(inner).is_some_and(|c| c.options.len() <= 5) {
        return Rest::Brackets(vec![(String::new(), inner.to_owned())]);
    }
    Rest::Literal
}

/// `Did it work before? [Yes / No]`, `Is it a regression? Yes/No`: a question with the
/// options to answer it after its question mark.
pub(super) fn question(source: &Source<'_>, line: &[Inline]) -> Option<(Labelled, Rest)> {
    let (first, last) = (line.first()?, line.last()?);
    if !matches!(first, Inline::Text(_)) {
        return None;
    }
    let (start, end) = (first.range().start, last.range().end);
    let text = &source.src[start..end];
    let mark = text.find('?')?;
    let label = &text[..=mark];
    if text.contains('\n') || !label_ok(label) {
        return None;
    }
    let rest_range = start + mark + 1..end;
    let found = rest(source, rest_range.clone());
    let Rest::Brackets(brackets) = &found else {
        return None;
    };
    let choice = brackets
        .iter()
        .any(|(_, inner)| hints::choice_options(inner).is_some());
    choice.then(|| {
        let labelled = Labelled {
            label: hints::plain_label(label),
            rest: rest_range,
            bold_only: false,
        };
        (labelled, found)
    })
}

/// A value that is an example rather than an answer: `*explanation*`, an unclosed
/// `[run this:`, a version (`1.2.3`, `v2.0`), or values ending in `etc.`
/// (`master/v3.6.0 etc.`). Returns the placeholder to show.
fn example_value(t: &str) -> Option<&str> {
    for mark in ["*", "_"] {
        if let Some(inner) = t.strip_prefix(mark).and_then(|x| x.strip_suffix(mark))
            && !inner.is_empty()
            && !inner.contains(['*', '_'])
        {
            return Some(inner.trim());
        }
    }
    if let Some(inner) = t.strip_prefix('[')
        && !inner.contains(']')
    {
        return Some(inner.trim_end_matches(':').trim());
    }
    let version = t.trim_start_matches(['v', 'V']);
    if version.contains('.')
        && version
            .split('.')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    {
        return Some(t);
    }
    // `C++/Java/Python/C#/Ruby`: too many options to pick from, so examples.
    let parts = t.split('/').filter(|p| !p.is_empty()).count();
    if parts >= 5 && !t.contains(char::is_whitespace) && !t.starts_with(['/', '.']) {
        return Some(t);
    }
    let lower = t.to_lowercase();
    (lower.ends_with(" etc.") || lower.ends_with(" etc") || lower.ends_with(", ...")).then_some(t)
}

/// Splits a paragraph's inline elements into lines at soft and hard breaks.
pub(super) fn lines<'a, 's>(inlines: &'a [Inline<'s>]) -> Vec<&'a [Inline<'s>]> {
    inlines
        .split(|i| matches!(i, Inline::Break(_)))
        .filter(|l| !l.is_empty())
        .collect()
}

// ----- text without comments, borrowed when nothing is removed -------------------

/// Whether `range` holds nothing but comments and whitespace (a comment cut by its
/// edge counts as a comment): [`Source::strip_comments`] of it would be blank.
pub(super) fn blank_but_comments(source: &Source<'_>, range: &Range<usize>) -> bool {
    let blank = |r: Range<usize>| crate::text::is_blank(&source.src[r]);
    let mut at = range.start;
    for c in source.comments_in(range) {
        if c.start > at && !blank(at..c.start) {
            return false;
        }
        at = at.max(c.end);
    }
    at >= range.end || blank(at..range.end)
}

#[cfg(test)]
mod tests;
