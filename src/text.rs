//! Text helpers every layer uses; a leaf that imports nothing else of the crate.
//! [`sanitize`] makes untrusted text safe to keep (templates, answers); [`escape`] makes
//! outside text safe to show on a terminal; slugs and list splitting name and split.

pub mod cells;
mod escape;
pub mod output;
pub mod sanitize;

pub use escape::{
    escape, escape_line, escape_name, is_bidi_control, is_hazard, path_line, shorten,
    shorten_middle, shorten_quoted,
};

/// A size in bytes for a message: `2 MiB` when whole mebibytes, else bytes.
pub fn size_name(bytes: usize) -> String {
    const MIB: usize = 1024 * 1024;
    if bytes.is_multiple_of(MIB) && bytes > 0 {
        format!("{} MiB", bytes / MIB)
    } else {
        format!("{} {}", thousands(bytes), plural(bytes, "byte", "bytes"))
    }
}

/// The noun after a count: `one` after 1, `many` after any other count, 0 too
/// (`1 field`, `0 fields`, `2 fields`). Every count written before a noun for people
/// goes through it.
pub fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// `200000` as `200,000`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Appends `text` to `to` after `sep` (nothing when `text` is empty, no `sep` when `to`
/// is): paragraphs of help or text gathered one at a time.
pub fn push_para(to: &mut String, sep: &str, text: &str) {
    if text.is_empty() {
        return;
    }
    if !to.is_empty() {
        to.push_str(sep);
    }
    to.push_str(text);
}

/// `text` trimmed as `str::trim` trims it, ASCII spaces first: `trim` looks each
/// character up as Unicode, which only a text that starts or ends outside ASCII (or
/// with a vertical tab, the one space `trim_ascii` keeps) still needs. Table cells are
/// trimmed this way by the block reader and by render.
#[inline]
pub fn trim(text: &str) -> &str {
    let t = text.trim_ascii();
    let plain = |b: Option<&u8>| b.is_none_or(|&b| b.is_ascii() && b != 0x0b);
    if plain(t.as_bytes().first()) && plain(t.as_bytes().last()) {
        t
    } else {
        t.trim()
    }
}

/// Whether `text` is only whitespace (`str::trim` empties it). Text of ASCII is decided
/// by its bytes (a blank line is its newline; `trim` decodes characters from both
/// ends); a byte outside ASCII before any other decides nothing.
#[inline]
pub fn is_blank(text: &str) -> bool {
    for &b in text.as_bytes() {
        match b {
            // What `char::is_whitespace` says of ASCII.
            b'\t'..=b'\r' | b' ' => {}
            0x80.. => return text.trim().is_empty(),
            _ => return false,
        }
    }
    true
}

/// `text` trimmed at its end as `str::trim_end` trims it, ASCII spaces first (see
/// [`trim`]).
#[inline]
pub fn trim_end(text: &str) -> &str {
    let t = text.trim_ascii_end();
    if t.as_bytes()
        .last()
        .is_none_or(|&b| b.is_ascii() && b != 0x0b)
    {
        t
    } else {
        t.trim_end()
    }
}

#[cfg(test)]
mod trim_tests {
    #[test]
    fn blank_is_what_trim_empties() {
        for text in [
            "",
            "\n",
            " \t\r\n",
            "\u{b}\u{c}\n",
            "\u{1c}\n",
            "x\n",
            "  x",
            "\u{a0}\n",
            " \u{3000}",
            " \u{e9}",
            "\u{85}",
        ] {
            assert_eq!(super::is_blank(text), text.trim().is_empty(), "{text:?}");
        }
    }

    #[test]
    fn trimming_at_the_end_is_str_trim_end() {
        for text in [
            "",
            " ",
            " a ",
            "a\n\n",
            "\u{b}a\u{b}",
            "x\u{b} \n",
            "\t\u{a0}x\u{3000} ",
            "é",
            " é ",
            "é\u{a0}\n",
            "\u{85}",
            "a b\u{1c}",
        ] {
            assert_eq!(super::trim_end(text), text.trim_end(), "{text:?}");
        }
    }

    #[test]
    fn trimming_is_str_trim() {
        for text in [
            "",
            " ",
            " a ",
            "\u{b}a\u{b}",
            "\t\u{a0}x\u{3000} ",
            "é",
            " é ",
            "\u{85}",
            "a b",
        ] {
            assert_eq!(super::trim(text), text.trim(), "{text:?}");
        }
    }
}

/// Lowercase; runs of anything but letters and digits become one `-`.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    slug_into(&mut out, text);
    out
}

/// [`slug`] of `text` in an `Arc` of its own, to be shared (a heading's section id and
/// its unlabelled field's id); the empty slug allocates nothing. A short ASCII text is
/// slugged on the stack, without a `String` on the way.
pub fn shared_slug(text: &str) -> std::sync::Arc<str> {
    let mut buf = [0u8; 64];
    let made;
    let slug = if text.len() <= buf.len() && text.is_ascii() {
        let len = slug_ascii_to(&mut buf, text.as_bytes());
        // ASCII by construction: the check never fails.
        std::str::from_utf8(&buf[..len]).unwrap_or_default()
    } else {
        made = slug(text);
        made.as_str()
    };
    if slug.is_empty() {
        std::sync::Arc::default()
    } else {
        std::sync::Arc::from(slug)
    }
}

/// Writes [`slug`] of the ASCII `text` into `buf`, which is at least as long (a slug
/// of ASCII text is never longer); returns its length.
fn slug_ascii_to(buf: &mut [u8], text: &[u8]) -> usize {
    let mut len = 0;
    let mut dash = false;
    for &b in text {
        let part = SLUG_BYTES[usize::from(b)];
        if part == 0 {
            dash = true;
        } else {
            if dash && len > 0 {
                buf[len] = b'-';
                len += 1;
            }
            dash = false;
            buf[len] = part;
            len += 1;
        }
    }
    len
}

/// Appends [`slug`] of `text` to `out` (a field's id is written after its section's
/// without a `String` of its own for the label's slug).
pub fn slug_into(out: &mut String, text: &str) {
    if text.is_ascii() {
        slug_ascii_into(out, text);
    } else {
        slug_chars_into(out, text);
    }
}

/// [`slug`] character by character.
#[cfg(test)]
fn slug_chars(text: &str) -> String {
    let mut out = String::new();
    slug_chars_into(&mut out, text);
    out
}

fn slug_chars_into(out: &mut String, text: &str) {
    let mark = out.len();
    let mut dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if dash && out.len() > mark {
                out.push('-');
            }
            dash = false;
            // ASCII first: `char::to_lowercase` builds an iterator per character.
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.extend(c.to_lowercase());
            }
        } else {
            dash = true;
        }
    }
}

/// [`slug`] of ASCII text.
#[cfg(test)]
fn slug_ascii(text: &str) -> String {
    let mut out = String::new();
    slug_ascii_into(&mut out, text);
    out
}

/// Each byte's part in a slug: a letter lowercased, a digit as it is, `0` for the
/// bytes that separate words.
static SLUG_BYTES: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        #[allow(clippy::cast_possible_truncation)] // b < 256
        let byte = b as u8;
        if byte.is_ascii_alphanumeric() {
            table[b] = byte.to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

/// [`slug_into`] of ASCII text, byte by byte through [`SLUG_BYTES`] (every section and
/// field id is a slug: one table load a byte instead of range tests and a lowercasing,
/// 270 instructions instead of 390 for `Heading 12345` in a callgrind count of 100,000).
fn slug_ascii_into(out: &mut String, text: &str) {
    let mark = out.len();
    let mut dash = false;
    out.reserve(text.len());
    for &b in text.as_bytes() {
        let part = SLUG_BYTES[usize::from(b)];
        if part == 0 {
            dash = true;
        } else {
            if dash && out.len() > mark {
                out.push('-');
            }
            dash = false;
            out.push(char::from(part));
        }
    }
}

/// Slugs each `/`-separated part: `Current Metrics/Response time` gives
/// `current-metrics/response-time`.
pub fn slug_path(text: &str) -> String {
    text.split('/').map(slug).collect::<Vec<_>>().join("/")
}

/// `"a, b,,c "` becomes `["a", "b", "c"]`.
pub fn split_list(s: &str) -> Vec<String> {
    sanitize::one_line(s)
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// `a` or `an` before `word` in English, by its first letter (`an input`, `a dropdown`).
pub fn article(word: &str) -> &'static str {
    match word.chars().next().map(|c| c.to_ascii_lowercase()) {
        Some('a' | 'e' | 'i' | 'o' | 'u') => "an",
        _ => "a",
    }
}

/// `text` with a capital first letter, to start a sentence with a message written to
/// follow a name (`the draft is open ...`, `is required`).
pub fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// Items as one line, as GitHub writes a list (`bug, say "hi"`): joined with `, `, a
/// quote kept as written. Only an item holding a comma is quoted (`"a,b"`, a quote in
/// it doubled), so [`split_quoted_list`] gives the items back.
pub fn join_list(items: &[String]) -> String {
    items
        .iter()
        .map(|item| {
            if item.contains(',') {
                format!("\"{}\"", item.replace('"', "\"\""))
            } else {
                item.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The items of a line as [`join_list`] writes it: split at commas, trimmed, empty ones
/// dropped. An item that starts with a double quote and ends at its closing quote (a
/// quote doubled inside) is one item when it holds a comma (`"a,b"`); any other quote is
/// text (`"b"` is the label `"b"`, as GitHub reads a comma-separated list).
pub fn split_quoted_list(s: &str) -> Vec<String> {
    let line = sanitize::one_line(s);
    let mut items = Vec::new();
    let mut rest: &str = &line;
    loop {
        let start = rest.trim_start();
        let after = if let Some((item, after)) = quoted_item(start) {
            items.push(item);
            after
        } else {
            let end = start.find(',').unwrap_or(start.len());
            items.push(start[..end].to_owned());
            &start[end..]
        };
        match after.strip_prefix(',') {
            Some(next) => rest = next,
            None => break,
        }
    }
    items
        .into_iter()
        .map(|i| i.trim().to_owned())
        .filter(|i| !i.is_empty())
        .collect()
}

/// A quoted item holding a comma at the start of `s` (`"a ""b"", c"`), followed by
/// spaces and a comma or the end: the item, and the rest from that comma.
fn quoted_item(s: &str) -> Option<(String, &str)> {
    let inner = s.strip_prefix('"')?;
    let mut item = String::new();
    let mut chars = inner.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c != '"' {
            item.push(c);
        } else if chars.peek().is_some_and(|&(_, next)| next == '"') {
            chars.next();
            item.push('"');
        } else {
            let after = inner[at + 1..].trim_start();
            let ends = after.is_empty() || after.starts_with(',');
            return (ends && item.contains(',')).then_some((item, after));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_of_one_takes_the_singular_and_any_other_the_plural() {
        let said = |n| format!("{n} {}", plural(n, "field", "fields"));
        assert_eq!(said(0), "0 fields");
        assert_eq!(said(1), "1 field");
        assert_eq!(said(2), "2 fields");
        assert_eq!(size_name(1), "1 byte");
        assert_eq!(size_name(2), "2 bytes");
        assert_eq!(size_name(2 * 1024 * 1024), "2 MiB");
    }

    #[test]
    fn ascii_slugs_are_the_character_slugs() {
        let all: String = (0u8..128).map(char::from).collect();
        for text in [
            all.as_str(),
            "",
            "--",
            "A-b_c d",
            " Lead",
            "Trail!",
            "x/Y/z",
            "Heading 0",
            "**Metric:**",
            "v1.2.3",
        ] {
            assert_eq!(slug_ascii(text), slug_chars(text), "{text:?}");
        }
    }

    #[test]
    fn ascii_slugs_append_after_what_is_there() {
        let mut id = "Section/".to_owned();
        slug_into(&mut id, "  Heading 12--x ");
        assert_eq!(id, "Section/heading-12-x");
        let mut id = "a/".to_owned();
        slug_into(&mut id, "--");
        assert_eq!(id, "a/");
    }

    #[test]
    fn shared_slugs_are_the_slugs() {
        let long = "Heading ".repeat(10);
        for text in [
            "  --Heading 12--  ",
            "A__B..c",
            "--",
            "",
            "x",
            "¿Es una regresión?",
            &long,
        ] {
            assert_eq!(&*super::shared_slug(text), super::slug(text), "{text:?}");
        }
    }

    #[test]
    fn ascii_slugs_join_runs_of_letters_and_digits() {
        assert_eq!(slug("  --Heading 12--  "), "heading-12");
        assert_eq!(slug("A__B..c"), "a-b-c");
        assert_eq!(slug("--"), "");
        assert_eq!(slug(""), "");
        assert_eq!(slug("x"), "x");
    }

    #[test]
    fn slugs_and_lists() {
        assert_eq!(slug("Current Metrics (p95)!"), "current-metrics-p95");
        assert_eq!(slug("Current Metrics"), "current-metrics");
        assert_eq!(slug("📦 Dependency Update!"), "dependency-update");
        assert_eq!(slug("¿Es una regresión?"), "es-una-regresión");
        assert_eq!(slug("Response time:"), "response-time");
        assert_eq!(
            slug_path("Current Metrics/Response time"),
            "current-metrics/response-time"
        );
        assert_eq!(split_list("a, b,,c "), ["a", "b", "c"]);
        assert_eq!(article("input"), "an");
        assert_eq!(article("dropdown"), "a");
        let items = ["bug".to_owned(), "a,b".to_owned(), "say \"hi\"".to_owned()];
        // A quote is shown as written; only a comma needs quoting (before: `"say
        // ""hi"""`, gh's CSV quoting, in the form's header).
        assert_eq!(join_list(&items), "bug, \"a,b\", say \"hi\"");
        assert_eq!(split_quoted_list(&join_list(&items)), items);
        assert_eq!(
            split_quoted_list(&(join_list(&items) + ", extra")),
            ["bug", "a,b", "say \"hi\"", "extra"]
        );
        assert_eq!(split_quoted_list("a, b,,c "), ["a", "b", "c"]);
        let odd = [
            "\"b\"".to_owned(),
            "x, \"y\"".to_owned(),
            "\"".to_owned(),
            "p\"q".to_owned(),
        ];
        assert_eq!(join_list(&odd), "\"b\", \"x, \"\"y\"\"\", \", p\"q");
        assert_eq!(split_quoted_list(&join_list(&odd)), odd);
        // A quote that never closes, or closes before more text, is text.
        assert_eq!(split_quoted_list("\"a, b"), ["\"a", "b"]);
        assert_eq!(split_quoted_list("\"a,b\"c, d"), ["\"a", "b\"c", "d"]);
    }
}

/// Whether `c` shows nothing on its own: white space, or a format character (zero-width
/// space and joiners, word joiner, byte order mark, soft hyphen, direction marks).
pub fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{ad}'
                | '\u{034f}'
                | '\u{061c}'
                | '\u{115f}'
                | '\u{1160}'
                | '\u{17b4}'
                | '\u{17b5}'
                | '\u{180b}'..='\u{180f}'
                | '\u{200b}'..='\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2060}'..='\u{206f}'
                | '\u{3164}'
                | '\u{fe00}'..='\u{fe0f}'
                | '\u{feff}'
                | '\u{ffa0}'
                | '\u{fff0}'..='\u{fff8}'
        )
}

/// Whether `text` has nothing visible (empty, spaces, zero-width characters).
pub fn shows_nothing(text: &str) -> bool {
    text.chars().all(is_invisible)
}

/// Whether `project` names a GitHub project as issue forms write it, `OWNER/NUMBER`
/// (`octo-org/44`).
pub fn is_owner_number(project: &str) -> bool {
    project.split_once('/').is_some_and(|(owner, number)| {
        !owner.is_empty()
            && !owner.contains(char::is_whitespace)
            && !number.is_empty()
            && number.bytes().all(|b| b.is_ascii_digit())
    })
}

/// An assignee as gh and the web link take it: gh's `@me` as is, one leading `@` taken
/// off any other login (`@hubot` is `hubot`).
pub fn bare_login(name: &str) -> &str {
    if name == "@me" {
        name
    } else {
        name.strip_prefix('@').unwrap_or(name)
    }
}

/// Why `login` (bare, see [`bare_login`]) cannot be a GitHub login: `None` when it can,
/// or is gh's `@me`. Logins are letters, digits and single hyphens, with no hyphen first
/// or last, at most 39 characters.
pub fn login_problem(login: &str) -> Option<&'static str> {
    if login == "@me" {
        return None;
    }
    if login.is_empty() {
        Some("it is empty")
    } else if login.chars().count() > 39 {
        Some("it is longer than 39 characters")
    } else if !login
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        Some("a login has only letters, digits and hyphens")
    } else if login.starts_with('-') || login.ends_with('-') {
        Some("a login does not start or end with a hyphen")
    } else if login.contains("--") {
        Some("a login has no two hyphens in a row")
    } else {
        None
    }
}

/// What is wrong with an assignee: `login` (bare, see [`bare_login`]) cannot be a GitHub
/// login, or with `gitlab` a GitLab username, said for the tool that would refuse it (gh,
/// glab) and naming it as `shown` (as written). `None` when it can be one, or is the
/// tools' own `@me`. `render --glab`, `check` and the review say it in these words.
pub fn assignee_problem(shown: &str, login: &str, gitlab: bool) -> Option<String> {
    if login == "@me" {
        return None;
    }
    let (account, why, program) = if gitlab {
        ("a GitLab username", gitlab_username_problem(login)?, "glab")
    } else {
        ("a GitHub login", login_problem(login)?, "gh")
    };
    Some(format!(
        "assignee `{}` cannot be {account} ({why}): {program} will refuse it",
        escape_name(shown)
    ))
}

/// Why `name` (bare, see [`bare_login`]) cannot be a GitLab username: `None` when it
/// can. As GitLab's documentation states them (`user/reserved_names`): letters, digits,
/// `_`, `.` and `-`, starting and ending with a letter or digit, no two of `_.-` in a
/// row, not ending in `.git` or `.atom`, at most 255 characters.
pub fn gitlab_username_problem(name: &str) -> Option<&'static str> {
    let special = |b: u8| matches!(b, b'_' | b'.' | b'-');
    let bytes = name.as_bytes();
    if name.is_empty() {
        Some("it is empty")
    } else if name.chars().count() > 255 {
        Some("it is longer than 255 characters")
    } else if !bytes
        .iter()
        .all(|&b| b.is_ascii_alphanumeric() || special(b))
    {
        Some("a username has only letters, digits, `_`, `.` and `-`")
    } else if !bytes[0].is_ascii_alphanumeric() || !bytes[bytes.len() - 1].is_ascii_alphanumeric() {
        Some("a username starts and ends with a letter or digit")
    } else if bytes.windows(2).any(|w| special(w[0]) && special(w[1])) {
        Some("a username has no two of `_`, `.`, `-` in a row")
    } else if [".git", ".atom"].iter().any(|end| {
        name.len() >= end.len()
            && name.as_bytes()[name.len() - end.len()..].eq_ignore_ascii_case(end.as_bytes())
    }) {
        Some("a username does not end in .git or .atom")
    } else {
        None
    }
}

#[cfg(test)]
mod login_tests {
    use super::*;

    #[test]
    fn gitlab_usernames_have_their_own_rules() {
        for good in [
            "A_Garcia",
            "a_garcia_1",
            "sidney.jones",
            "zhang.wei-2024",
            "x",
            &"a".repeat(255),
        ] {
            assert_eq!(gitlab_username_problem(good), None, "{good}");
        }
        for (bad, why) in [
            ("", "it is empty"),
            (&*"a".repeat(256), "it is longer than 255 characters"),
            (
                "a b",
                "a username has only letters, digits, `_`, `.` and `-`",
            ),
            (
                "-bad--",
                "a username starts and ends with a letter or digit",
            ),
            ("_a", "a username starts and ends with a letter or digit"),
            ("a__b", "a username has no two of `_`, `.`, `-` in a row"),
            ("a.-b", "a username has no two of `_`, `.`, `-` in a row"),
            ("repo.git", "a username does not end in .git or .atom"),
        ] {
            assert_eq!(gitlab_username_problem(bad), Some(why), "{bad:?}");
        }
        // GitHub's rule is not GitLab's: underscores and dots are fine there.
        assert!(login_problem("a_b.c").is_some());
    }

    #[test]
    fn logins_are_bare_and_checked_as_github_reads_them() {
        assert_eq!(bare_login("@hubot"), "hubot");
        assert_eq!(bare_login("@me"), "@me");
        assert_eq!(bare_login("@@x"), "@x");
        assert_eq!(bare_login("octocat"), "octocat");
        for good in ["octocat", "a", "mona-lisa", "@me", &"a".repeat(39)] {
            assert_eq!(login_problem(good), None, "{good}");
        }
        assert_eq!(
            login_problem("octo cat"),
            Some("a login has only letters, digits and hyphens")
        );
        assert_eq!(
            login_problem("@x"),
            Some("a login has only letters, digits and hyphens")
        );
        assert_eq!(
            login_problem("-x"),
            Some("a login does not start or end with a hyphen")
        );
        assert_eq!(
            login_problem("x-"),
            Some("a login does not start or end with a hyphen")
        );
        assert_eq!(
            login_problem("a--b"),
            Some("a login has no two hyphens in a row")
        );
        assert_eq!(
            login_problem(&"a".repeat(40)),
            Some("it is longer than 39 characters")
        );
    }

    #[test]
    fn zero_width_characters_show_nothing() {
        assert!(shows_nothing("\u{200b}"));
        assert!(shows_nothing(" \u{feff}\u{200d} "));
        assert!(shows_nothing(""));
        assert!(!shows_nothing("bug\u{200b}"));
    }
}

/// An I/O error in the product's words (`not found`, `permission denied`, `no space left
/// on the device`, `is a folder`), without the system's `(os error N)`: the one place
/// every message about a file or folder words it.
pub fn io_words(err: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let words = match err.kind() {
        K::NotFound => "not found",
        K::PermissionDenied => "permission denied",
        K::AlreadyExists => "already exists",
        K::StorageFull => "no space left on the device",
        K::IsADirectory => "is a folder",
        K::NotADirectory => "a part of the path is not a folder",
        K::ReadOnlyFilesystem => "the file system is read-only",
        K::InvalidData => "not UTF-8 text",
        _ if err.raw_os_error() == Some(40) => "too many levels of symbolic links (a link loop)",
        _ => {
            let text = err.to_string();
            let text = match text.rfind(" (os error ") {
                Some(at) if text.ends_with(')') => text[..at].to_owned(),
                _ => text,
            };
            let mut chars = text.chars();
            return match chars.next() {
                Some(first) => first.to_lowercase().chain(chars).collect(),
                None => text,
            };
        }
    };
    words.to_owned()
}

/// An error and its causes, joined by `: ` as `{:#}` does, with each I/O error in the
/// product's words ([`io_words`]).
pub fn error_chain(err: &anyhow::Error) -> String {
    err.chain()
        .map(|cause| match cause.downcast_ref::<std::io::Error>() {
            Some(io) => io_words(io),
            None => cause.to_string(),
        })
        .collect::<Vec<_>>()
        .join(": ")
}

#[cfg(test)]
mod io_words_tests {
    use super::*;
    use std::io::Error;

    #[test]
    fn io_errors_are_worded_without_os_error_numbers() {
        assert_eq!(io_words(&Error::from_raw_os_error(2)), "not found");
        assert_eq!(io_words(&Error::from_raw_os_error(13)), "permission denied");
        assert_eq!(
            io_words(&Error::from_raw_os_error(28)),
            "no space left on the device"
        );
        assert_eq!(io_words(&Error::from_raw_os_error(21)), "is a folder");
        assert_eq!(
            io_words(&Error::from_raw_os_error(40)),
            "too many levels of symbolic links (a link loop)"
        );
        assert_eq!(io_words(&Error::from_raw_os_error(5)), "input/output error");
        assert_eq!(io_words(&Error::other("Custom words")), "custom words");
        let chained =
            anyhow::Error::from(Error::from_raw_os_error(28)).context("cannot write a.md");
        assert_eq!(
            error_chain(&chained),
            "cannot write a.md: no space left on the device"
        );
    }
}
