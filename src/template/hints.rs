//! Pure text recognizers for the conventions templates use: bracketed choices and
//! instructions, `e.g.` examples, `___` blanks and placeholder tokens like `X ms` or `TBD`.

/// A `[...]` group found in a line, with the separator written before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bracket<'a> {
    pub sep: &'a str,
    pub inner: &'a str,
}

/// Options read from `[A / B / C]`; `custom` is the instruction of an option like
/// `Describe any changes` that asks for free text instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoiceSpec {
    pub options: Vec<String>,
    pub custom: Option<String>,
}

/// True when `text` as a whole is a hint rather than content: empty, an example
/// (`e.g. ...`), dots, a `___` blank, a bracketed instruction, or a placeholder token.
pub fn is_placeholder(text: &str) -> bool {
    let t = crate::text::trim(text);
    // A byte search first: a substring searcher costs more to set up than most texts
    // here take to scan.
    if t.is_empty()
        || is_example(t)
        || t.contains('_') && t.contains("___")
        || t.contains('/') && t.contains("path/to")
    {
        return true;
    }
    if t.chars().all(|c| matches!(c, '.' | '…')) || bracket_only(t).is_some() {
        return true;
    }
    if let Some(inner) = t.strip_prefix('`').and_then(|s| s.strip_suffix('`')) {
        return !inner.contains('`') && (inner.contains("...") || inner.contains('…'));
    }
    is_token_placeholder(t)
}

/// `e.g. Windows`, `Ex: 14.0`, `example: ...`.
pub fn is_example(t: &str) -> bool {
    // Compared without lowercasing: no character but ASCII lowercases to one of these
    // prefixes (the Kelvin sign gives `k`, `İ` gives `i` and a combining dot).
    let t = t.as_bytes();
    let t = &t[t
        .iter()
        .position(|&b| b != b'(' && b != b' ')
        .unwrap_or(t.len())..];
    if !matches!(t.first(), Some(b'e' | b'E' | b'i' | b'I')) {
        return false;
    }
    ["e.g", "eg.", "eg:", "eg,", "ex:", "ex.", "example:", "i.e."]
        .iter()
        .any(|p| t.len() >= p.len() && t[..p.len()].eq_ignore_ascii_case(p.as_bytes()))
}

/// Tokens that stand for a value: `TBD`, `X`, `#X`, `#.#.#`, `x.y.z`, `X ms`, `X-Y hours`.
fn is_token_placeholder(t: &str) -> bool {
    const WHOLE: [&str; 14] = [
        "TBD", "TBA", "TBC", "TODO", "???", "#", "#X", "#Y", "#N", "#.#.#", "x.y.z", "X.Y.Z",
        "vX.Y.Z", "#.#",
    ];
    // Every token starts with one of these.
    if !matches!(
        t.as_bytes().first(),
        Some(b'T' | b'?' | b'#' | b'x' | b'X' | b'v' | b'Y' | b'Z' | b'N')
    ) {
        return false;
    }
    if WHOLE.contains(&t) {
        return true;
    }
    let mut words = t.split_whitespace();
    let first = words.next().unwrap_or("");
    let rest = words.count();
    let token = matches!(
        first,
        "X" | "Y" | "Z" | "N" | "XX" | "XXX" | "X-Y" | "N-M" | "X.Y" | "#X" | "#Y"
    );
    token && rest <= 2
}

/// The inside of a paragraph or item that is exactly one `[...]` (not a link).
pub fn bracket_only(t: &str) -> Option<&str> {
    let t = crate::text::trim(t);
    let (inner, rest) = take_bracket(t)?;
    crate::text::is_blank(rest).then_some(crate::text::trim(inner))
}

/// Splits `rest` into brackets when it is nothing but brackets and short separators:
/// `[Small / Medium / Large] - [X-Y hours]`. Returns `None` otherwise.
pub fn brackets(rest: &str) -> Option<Vec<Bracket<'_>>> {
    let mut out = Vec::new();
    let mut s = rest;
    loop {
        let start = s.find('[')?;
        let sep = &s[..start];
        if !out.is_empty() && !is_separator(sep) || out.is_empty() && !sep.trim().is_empty() {
            return None;
        }
        let (inner, after) = take_bracket(&s[start..])?;
        out.push(Bracket { sep, inner });
        if after.trim().is_empty() {
            return Some(out);
        }
        if !after.contains('[') {
            return None;
        }
        s = after;
    }
}

fn is_separator(sep: &str) -> bool {
    let t = sep.trim();
    t.chars().count() <= 3 && !t.chars().any(char::is_alphanumeric) || t == "or" || t == "and"
}

/// Takes a balanced `[...]` at the start of `s` that is not a link; returns inner and rest.
fn take_bracket(s: &str) -> Option<(&str, &str)> {
    if !s.starts_with('[') {
        return None;
    }
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    let rest = &s[i + 1..];
                    if rest.starts_with('(') || rest.starts_with('[') {
                        return None;
                    }
                    return Some((&s[1..i], rest));
                }
            }
            _ => {}
        }
    }
    None
}

/// Reads `A / B / C` as choices. Requires two or more short options and no example text;
/// an option that is an instruction (`Describe any changes`) becomes `custom`.
pub fn choice_options(inner: &str) -> Option<ChoiceSpec> {
    let inner = inner.trim();
    if is_example(inner) || inner.contains("path/") || inner.contains('`') || inner.contains("...")
    {
        return None;
    }
    let spaced = inner.contains(" / ") || inner.contains(" | ");
    // `*Bug* / *Feature*`: emphasis marks the options, it is not part of them.
    let parts: Vec<&str> = inner
        .split(['/', '|'])
        .map(|p| p.trim().trim_matches('*').trim())
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() < 2 || !parts.iter().all(|p| p.chars().any(char::is_alphanumeric)) {
        return None;
    }
    if !spaced && parts.iter().any(|p| looks_like_file(p)) {
        return None;
    }
    let max_words = if spaced { 6 } else { 3 };
    let mut options = Vec::new();
    let mut custom = None;
    for part in parts {
        let words = part.split_whitespace().count();
        if is_instruction(part) && custom.is_none() {
            custom = Some(part.to_owned());
        } else if words > max_words {
            return None;
        } else {
            options.push(part.to_owned());
        }
    }
    // "Other" or "etc." invites an answer that is not listed.
    if custom.is_none()
        && options.iter().any(|o| {
            matches!(
                o.to_lowercase().trim_end_matches('.'),
                "other" | "others" | "etc" | "…"
            )
        })
    {
        custom = Some("Other (describe)".to_owned());
    }
    (!options.is_empty()).then_some(ChoiceSpec { options, custom })
}

/// `bar.rs`, `main.go`: a dot followed by letters, as in a file name (but not `etc.`).
fn looks_like_file(part: &str) -> bool {
    part.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.is_empty() && !ext.is_empty() && ext.chars().all(char::is_alphanumeric)
    })
}

/// An option that asks the user to write something instead of choosing.
pub fn is_instruction(option: &str) -> bool {
    const VERBS: [&str; 13] = [
        "describe", "explain", "list", "specify", "provide", "enter", "add", "include", "give",
        "write", "mention", "other:", "please",
    ];
    // ASCII case-insensitive: no other character lowercases to a letter of these verbs.
    let mut words = option.split_whitespace();
    let first = words.next().unwrap_or("");
    VERBS.iter().any(|v| first.eq_ignore_ascii_case(v)) && words.next().is_some()
}

/// Splits text around its first `___` blank: `Other: ____` gives `("Other:", "")`.
pub fn blank_split(text: &str) -> Option<(&str, &str)> {
    if !text.contains('_') {
        return None;
    }
    let start = text.find("___")?;
    let end = start
        + text[start..]
            .find(|c| c != '_')
            .unwrap_or(text.len() - start);
    Some((text[..start].trim_end(), &text[end..]))
}

/// A label as people read it: markup and a trailing colon removed, spaces collapsed.
pub fn plain_label(text: &str) -> String {
    plain_label_in(text).into_owned()
}

/// [`plain_label`], borrowed from `text` when it is already plain (most labels).
pub fn plain_label_in(text: &str) -> std::borrow::Cow<'_, str> {
    // Spaces at the end go whatever else the text holds.
    let kept = text.trim_end_matches(' ');
    if is_clean(kept) {
        return std::borrow::Cow::Borrowed(kept.trim_end_matches(':').trim_end());
    }
    // Called for every candidate label of a template (120,000 times for 1.9 MiB): one
    // buffer, no substring searchers. The same result as `replace("**", "")`, then
    // `replace("__", "")`, then dropping backticks.
    let mut out = String::with_capacity(text.len());
    if text.contains(['*', '_', '`']) {
        let no_markup = without_pairs(&without_pairs(text, '*'), '_');
        push_words(&mut out, no_markup.chars().filter(|&c| c != '`'));
    } else {
        push_words(&mut out, text.chars());
    }
    let end = out.trim_end_matches(':').trim_end().len();
    out.truncate(end);
    std::borrow::Cow::Owned(out)
}

/// ASCII without markup, single spaces between words, none first: the text
/// [`plain_label`] reads, but for what it trims at the end.
fn is_clean(text: &str) -> bool {
    let mut space = true;
    for &b in text.as_bytes() {
        match b {
            b' ' if space => return false,
            b' ' => space = true,
            b'*' | b'_' | b'`' | b'\t'..=b'\r' | 0x80.. => return false,
            _ => space = false,
        }
    }
    true
}

/// `text` with each `cc` removed, matched left to right as `str::replace` does.
fn without_pairs(text: &str, c: char) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        if ch == c && chars.peek() == Some(&c) {
            chars.next();
        } else {
            out.push(ch);
        }
    }
    out
}

/// The words of `chars`, one space between them, appended to `out`.
fn push_words(out: &mut String, chars: impl Iterator<Item = char>) {
    let mut space = false;
    for ch in chars {
        if ch.is_whitespace() {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(ch);
        }
    }
}

/// What an answer a section's title asks for looks like, when the template gives it
/// nowhere to answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleAsks {
    /// Free text.
    Text,
    /// One line: a fact like `Version`, `OS`, `Browser` or `Commit`.
    Line,
    /// Pasted output: `Logs`, `Traceback`, `Stack trace`, `Error message`.
    Code,
    /// A yes/no question: `Did this work before?`.
    YesNo,
}

/// Words of titles that ask for pasted output (read by [`TitleWords::note`]).
#[cfg(test)]
const LOGS: [&str; 7] = [
    "log",
    "logs",
    "traceback",
    "backtrace",
    "output",
    "stacktrace",
    "stack",
];

/// How yes/no questions start.
const AUX: [&str; 15] = [
    "did", "do", "does", "is", "are", "was", "were", "have", "has", "can", "could", "will",
    "would", "should", "had",
];

/// Words of titles that ask for a one-line fact (read by [`TitleWords::note`]).
#[cfg(test)]
const FACTS: [&str; 6] = ["version", "os", "browser", "commit", "platform", "device"];

/// Reads a section title for the answer it asks for.
pub fn title_asks(title: &str) -> TitleAsks {
    if surely_text(title) {
        return TitleAsks::Text;
    }
    // Asked for every section (100,000 times for 100k headings): a plain title is read
    // in one pass over its bytes, compared without case, and nothing is allocated.
    let (w, question, amp) = TitleWords::read_plain(title).unwrap_or_else(|| {
        let plain = plain_label(title);
        // ASCII is compared without case; other text is lowercased first.
        let w = if plain.is_ascii() {
            TitleWords::read(&plain)
        } else {
            TitleWords::read(&plain.to_lowercase())
        };
        (w, plain.trim_end().ends_with('?'), plain.contains('&'))
    });
    if w.count <= 5 && !w.expected && (w.log && (!w.stack || w.stack_trace) || w.error_message) {
        return TitleAsks::Code;
    }
    if question && w.first_aux && !w.or && !w.which && w.count <= 20 {
        return TitleAsks::YesNo;
    }
    let fact = w.fact || w.operating_system;
    if !question && w.count <= 6 && fact && !w.and && !amp {
        return TitleAsks::Line;
    }
    TitleAsks::Text
}

/// Whether `title` can only ask for free text, read in one pass without a word table:
/// ASCII, no `?` (a yes/no question ends in one), and no word starts with a letter that
/// starts a word [`TitleWords::note`] looks for (`log`, `stack`, `version`, the
/// `message` of `error message`, ...). [`plain_label`] only removes characters and
/// spaces, so the words it leaves start where words of the title start (`Heading 12`
/// ends here; `Describe the bug` does not, for `d`, `t` and `b`).
fn surely_text(title: &str) -> bool {
    // A class per byte, looked up once: letters and digits, and what ends the pass.
    const WORD: u8 = 1;
    const STARTS: u8 = 2;
    const STOP: u8 = 4;
    const CLASS: [u8; 256] = {
        let mut class = [0u8; 256];
        let mut c: u8 = 0;
        loop {
            class[c as usize] = if c.is_ascii_alphanumeric() {
                match c.to_ascii_lowercase() {
                    b'b' | b'c' | b'd' | b'e' | b'l' | b'm' | b'o' | b'p' | b's' | b't' | b'v' => {
                        WORD | STARTS
                    }
                    _ => WORD,
                }
            } else if c == b'?' || c >= 0x80 {
                STOP
            } else {
                0
            };
            if c == u8::MAX {
                break class;
            }
            c += 1;
        }
    };
    // Without a branch a byte (titles are short; two tests a byte that mostly pass
    // cost more): `in_word` is all ones after a letter or digit, else zero.
    let (mut in_word, mut ends) = (0u8, 0u8);
    for &b in title.as_bytes() {
        let class = CLASS[usize::from(b)];
        ends |= class & (STOP | (STARTS & !in_word));
        in_word = 0u8.wrapping_sub(class & WORD);
    }
    ends == 0
}

/// What [`title_asks`] looks for in a title's words: runs of letters, digits and `?`
/// that hold a letter or digit, trailing `?` removed. A phrase (`stack trace`) is two
/// words in a row, the first ending in its first word, the next starting with its
/// second, as in the words joined by spaces.
#[derive(Default)]
#[allow(clippy::struct_excessive_bools)]
struct TitleWords {
    count: usize,
    expected: bool,
    /// A word of titles that ask for pasted output (`log`, `traceback`, ...).
    log: bool,
    stack: bool,
    or: bool,
    which: bool,
    and: bool,
    /// A word of titles that ask for a fact (`version`, `os`, ...).
    fact: bool,
    /// The first word is one of [`AUX`].
    first_aux: bool,
    stack_trace: bool,
    error_message: bool,
    operating_system: bool,
}

impl TitleWords {
    /// The words of a title [`plain_label`] leaves as it is (ASCII without markup, single
    /// spaces, nothing to trim), read in the pass that finds it is one; with whether it
    /// ends in `?` and whether it holds `&`. `None` for any other title.
    fn read_plain(title: &str) -> Option<(Self, bool, bool)> {
        let bytes = title.as_bytes();
        let mut out = Self::default();
        let mut prev: &[u8] = b"";
        let (mut space, mut amp, mut start) = (true, false, 0);
        for (at, &b) in bytes.iter().enumerate() {
            match b {
                b' ' if space => return None,
                b'*' | b'_' | b'`' | b'\t'..=b'\r' | 0x80.. => return None,
                _ => {}
            }
            space = b == b' ';
            amp |= b == b'&';
            if !b.is_ascii_alphanumeric() && b != b'?' {
                out.word(&mut prev, &bytes[start..at]);
                start = at + 1;
            }
        }
        out.word(&mut prev, &bytes[start..]);
        match bytes.last() {
            Some(b' ' | b':') => None,
            last => Some((out, last == Some(&b'?'), amp)),
        }
    }

    /// A run of letters, digits and `?`: a word when it holds a letter or digit.
    fn word<'a>(&mut self, prev: &mut &'a [u8], run: &'a [u8]) {
        if run.iter().any(u8::is_ascii_alphanumeric) {
            let w = trim_questions(run);
            self.note(prev, w);
            *prev = w;
        }
    }

    /// `text` is ASCII, or lowercased.
    fn read(text: &str) -> Self {
        if text.is_ascii() {
            let bytes = text.as_bytes();
            let word = |b: u8| b.is_ascii_alphanumeric() || b == b'?';
            let mut out = Self::default();
            let mut prev: &[u8] = b"";
            let mut at = 0;
            while at < bytes.len() {
                let start = at;
                while at < bytes.len() && word(bytes[at]) {
                    at += 1;
                }
                let w = &bytes[start..at];
                if w.iter().any(u8::is_ascii_alphanumeric) {
                    let w = trim_questions(w);
                    out.note(prev, w);
                    prev = w;
                }
                at += 1;
            }
            out
        } else {
            Self::of(
                text.split(|c: char| !c.is_alphanumeric() && c != '?')
                    .filter(|w| w.chars().any(char::is_alphanumeric))
                    .map(|w| w.trim_end_matches('?').as_bytes()),
            )
        }
    }

    fn of<'a>(words: impl Iterator<Item = &'a [u8]>) -> Self {
        let mut out = Self::default();
        let mut prev: &[u8] = b"";
        for w in words {
            out.note(prev, w);
            prev = w;
        }
        out
    }

    /// One more word, after `prev`; both ASCII compared without case, or lowercased.
    fn note(&mut self, prev: &[u8], w: &[u8]) {
        // The words looked for are at most 10 letters long.
        let mut buf = [0u8; 10];
        let lower = if w.len() <= buf.len() {
            let lower = &mut buf[..w.len()];
            lower.copy_from_slice(w);
            lower.make_ascii_lowercase();
            &*lower
        } else {
            b"-"
        };
        let is = |words: &[&str]| words.iter().any(|x| x.as_bytes() == lower);
        if self.count == 0 {
            self.first_aux = is(&AUX);
        } else {
            let ends = |p: &str| {
                prev.len() >= p.len()
                    && prev[prev.len() - p.len()..].eq_ignore_ascii_case(p.as_bytes())
            };
            let starts =
                |p: &str| w.len() >= p.len() && w[..p.len()].eq_ignore_ascii_case(p.as_bytes());
            self.stack_trace |= ends("stack") && starts("trace");
            self.error_message |= ends("error") && starts("message");
            self.operating_system |= ends("operating") && starts("system");
        }
        self.count += 1;
        // One match: the words by length, then by bytes. `LOGS` and `FACTS` list them.
        match lower {
            b"log" | b"logs" | b"traceback" | b"backtrace" | b"output" | b"stacktrace" => {
                self.log = true;
            }
            b"stack" => {
                self.log = true;
                self.stack = true;
            }
            b"expected" => self.expected = true,
            b"or" => self.or = true,
            b"which" => self.which = true,
            b"and" => self.and = true,
            b"version" | b"os" | b"browser" | b"commit" | b"platform" | b"device" => {
                self.fact = true;
            }
            _ => {}
        }
    }
}

/// `w` without trailing `?`.
fn trim_questions(w: &[u8]) -> &[u8] {
    let end = w.iter().rposition(|&b| b != b'?').map_or(0, |i| i + 1);
    &w[..end]
}

#[cfg(test)]
mod tests;
