//! Prose that speaks to the person filling the template rather than to the issue's
//! readers: an instruction (`A clear and concise description of ...`, `(Tell us what
//! happened.)`, `Please describe ...`) is the help of the answer that replaces it, and a
//! notice heading (`Before you submit`, `Important`) is not a question. Judged by general
//! signals of the text alone: imperative openings, stock phrases, a paragraph wholly in
//! parentheses, a short question; length keeps explanations out.

/// Verbs that open an instruction to the writer.
const VERBS: [&str; 50] = [
    "describe",
    "ensure",
    "verify",
    "check",
    "confirm",
    "remember",
    "search",
    "select",
    "choose",
    "pick",
    "tick",
    "please",
    "provide",
    "explain",
    "tell",
    "list",
    "include",
    "add",
    "paste",
    "write",
    "give",
    "specify",
    "enter",
    "attach",
    "insert",
    "replace",
    "put",
    "mention",
    "share",
    "summarize",
    "summarise",
    "outline",
    "fill",
    "copy",
    "upload",
    "link",
    "create",
    "drag",
    "type",
    "let",
    "feel",
    "use",
    "show",
    "state",
    "identify",
    "mark",
    "clearly",
    "briefly",
    "optionally",
    "detail",
];

/// Noun phrases that stand for what to write: `A clear and concise description of ...`.
const PHRASES: [&str; 25] = [
    "make sure",
    "a paragraph",
    "a few sentences",
    "a sentence",
    "one or two sentences",
    "a list of",
    "a link to",
    "a clear and concise",
    "a clear description",
    "a concise description",
    "a description of",
    "a short description",
    "a brief description",
    "a detailed description",
    "a summary of",
    "description of",
    "steps to reproduce",
    "any other context",
    "any additional",
    "anything else",
    "optional:",
    "output of",
    "the output of",
    "contents of",
    "the contents of",
];

/// At most this many characters: longer prose explains rather than asks.
const MAX_CHARS: usize = 320;

/// Whether `text` (a paragraph, comments removed) is an instruction to the writer.
pub(crate) fn is_instruction(text: &str) -> bool {
    let t = text.trim();
    if t.is_empty() || t.chars().count() > MAX_CHARS || t.lines().count() > 4 {
        return false;
    }
    // A paragraph wholly in parentheses is an aside to the writer.
    let bare = t.trim_end_matches(['.', ' ']);
    if bare.starts_with('(') && bare.ends_with(')') && balanced_once(bare) {
        return true;
    }
    let unmarked = t.trim_matches(|c: char| matches!(c, '*' | '_' | '>' | ' '));
    let lower = unmarked.to_lowercase();
    // `If applicable, add screenshots ...`: the instruction follows the condition.
    let main = conditional_rest(&lower).unwrap_or(&lower);
    let first = main
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    // `Please note ...`, `Please keep in mind ...` inform rather than ask.
    let informs = ["please note", "please keep in mind", "please be aware"]
        .iter()
        .any(|p| main.starts_with(p));
    // `Select: A/B` names a field; it does not tell the writer to select.
    let labels = main[first.len()..].starts_with(':');
    if VERBS.contains(&first) && main.split_whitespace().count() >= 2 && !informs && !labels {
        return true;
    }
    if PHRASES.iter().any(|p| main.starts_with(p)) {
        return true;
    }
    // `So as to help us, please provide ...`: a request after a lead-in.
    if asks_please(main) {
        return true;
    }
    // `Steps to reproduce, eg:` introduces an example of what to write.
    let examples = ["eg:", "e.g.:", "e.g:", "for example:", "such as:"];
    if examples.iter().any(|e| lower.ends_with(e)) {
        return true;
    }
    // A short question asks the writer: `What did you expect to happen?`, also when a
    // short statement follows it (`Did it work before? Tell us which version.`).
    let sentences = t.matches(['.', '?', '!']).count();
    let first_asks = t.find(['.', '?', '!']).is_some_and(|i| {
        let after = &t[i + 1..];
        t[i..].starts_with('?')
            && after.starts_with(char::is_whitespace)
            && after.trim_start().starts_with(char::is_alphabetic)
    });
    let chars = t.chars().count();
    unmarked.ends_with('?') && sentences <= 2 && chars <= 160
        || first_asks && sentences <= 3 && chars <= 200
}

/// Whether `text` asks the writer to do something: it opens with an imperative verb
/// (`Select all that apply:`), asks with a `please` or is a question. A stock phrase
/// alone (`Steps to reproduce:`) names what follows rather than asks for it.
pub(super) fn asks(text: &str) -> bool {
    let lower = text
        .trim()
        .trim_matches(|c: char| matches!(c, '*' | '_' | '>' | ' '))
        .to_lowercase();
    let main = conditional_rest(&lower).unwrap_or(&lower);
    let first = main
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    VERBS.contains(&first) || asks_please(main) || main.contains('?')
}

/// Whether a `please` that asks for something (not `please note`) is in the text.
fn asks_please(lower: &str) -> bool {
    const INFORMS: [&str; 3] = ["note", "keep in mind", "be aware"];
    let mut rest = lower;
    while let Some(i) = rest.find("please ") {
        let word_start = i == 0 || !rest[..i].ends_with(char::is_alphanumeric);
        let after = &rest[i + "please ".len()..];
        if word_start && !INFORMS.iter().any(|w| after.starts_with(w)) {
            return true;
        }
        rest = after;
    }
    false
}

/// Whether `text` opens by asking to choose: `Select ...`, `Please tick ...`.
pub(super) fn asks_to_choose(text: &str) -> bool {
    const CHOOSE: [&str; 9] = [
        "select", "choose", "pick", "tick", "check", "mark", "keep", "delete", "remove",
    ];
    let lower = text.trim().to_lowercase();
    let lower = lower.strip_prefix("please ").unwrap_or(&lower);
    let first = lower
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    CHOOSE.contains(&first)
}

/// The text after a leading `If ..., ` clause.
fn conditional_rest(lower: &str) -> Option<&str> {
    let rest = lower.strip_prefix("if ")?;
    let comma = rest.find(", ")?;
    (comma <= 80).then(|| rest[comma + 2..].trim_start())
}

/// `(a (b) c)` is one group; `(a) b (c)` is two.
fn balanced_once(t: &str) -> bool {
    let mut depth = 0i32;
    for (i, c) in t.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 && i + 1 < t.len() {
                    return false;
                }
            }
            _ => {}
        }
    }
    depth == 0
}

/// Whether a heading's text is a notice to the writer rather than a question:
/// `Please do not ...`, `Before you submit`, `Note`, `Important`, `Thanks for ...`,
/// `About this template`.
pub(super) fn is_notice(title: &str) -> bool {
    const WHOLE: [&str; 10] = [
        "note",
        "important",
        "warning",
        "attention",
        "disclaimer",
        "reminder",
        "notice",
        "caution",
        "tip",
        "read me",
    ];
    const STARTS: [&str; 12] = [
        "please do not",
        "please don't",
        "do not",
        "don't",
        "before ",
        "thanks",
        "thank you",
        "about ",
        "please read",
        "read this",
        "important:",
        "note:",
    ];
    // Every signal starts the text: one whose first letter starts none is not a notice.
    let starts = |b: &u8| b"abcdinprtw".contains(&b.to_ascii_lowercase());
    // The first letter as written decides most headings, before any trimming: the
    // trimmed text starts with it, and an ASCII letter lowercases to ASCII.
    match title.chars().find(|c| c.is_alphanumeric()) {
        None => return false,
        Some(c) if c.is_ascii() && !starts(&(c as u8)) => return false,
        Some(_) => {}
    }
    let trimmed = title.trim().trim_matches(|c: char| !c.is_alphanumeric());
    // Every heading is asked (100,000 times for 100k headings): ASCII text is compared
    // without case and without a lowercased copy. Other text is lowercased first, as
    // `to_lowercase` may give ASCII from other characters (the Kelvin sign gives `k`).
    let lower;
    let (text, fold) = if trimmed.is_ascii() {
        (trimmed, true)
    } else {
        lower = trimmed.to_lowercase();
        (lower.as_str(), false)
    };
    if !text.as_bytes().first().is_some_and(starts) {
        return false;
    }
    let same = |a: &str, b: &str| {
        if fold {
            a.eq_ignore_ascii_case(b)
        } else {
            a == b
        }
    };
    let first = text
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .next()
        .unwrap_or("");
    WHOLE.iter().any(|w| same(text, w))
        || WHOLE.iter().any(|w| same(first, w)) && text.contains(':')
        || STARTS
            .iter()
            .any(|s| text.get(..s.len()).is_some_and(|head| same(head, s)))
}

#[cfg(test)]
mod tests;
