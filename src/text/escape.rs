//! [`escape`] is the one gate for outside text (file names, paths, arguments, template
//! names, what gh or glab printed) on its way to a terminal: control characters, bidi
//! controls and line/paragraph separators become visible escapes, so a name cannot set
//! the window title, write the clipboard (OSC 52) or reorder what the user reads.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `c` must not reach a terminal as itself. Tab and newline are allowed by
/// [`escape`]; [`escape_line`] shows them too.
pub fn is_hazard(c: char) -> bool {
    c.is_control() || is_bidi_control(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

/// Characters that change the display order of text around them.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    )
}

/// Outside text made safe for a terminal, keeping newlines and tabs: ESC shows as `\e`,
/// other C0 and C1 controls as `\xNN`, bidi controls and separators as `\u{NNNN}`.
pub fn escape(text: &str) -> Cow<'_, str> {
    escape_with(text, |c| c == '\n' || c == '\t')
}

/// Like [`escape`] for text that must stay on one line (a file name in `file:line:col`):
/// newlines, carriage returns and tabs show as `\n`, `\r` and `\t` too.
pub fn escape_line(text: &str) -> Cow<'_, str> {
    escape_with(text, |_| false)
}

/// Like [`escape_line`] for a name quoted in a message (a login, a label): characters
/// that show nothing but are no space (a zero-width space, a joiner, a soft hyphen)
/// show as `\u{NNNN}` too, so `esc\u{200b}zw` does not pass for the login `esczw`.
pub fn escape_name(text: &str) -> Cow<'_, str> {
    let hidden = |c: char| c != ' ' && super::is_invisible(c) && !is_hazard(c);
    let line = escape_line(text);
    if !line.chars().any(hidden) {
        return line;
    }
    let mut out = String::with_capacity(line.len() + 8);
    for c in line.chars() {
        if hidden(c) {
            let _ = write!(out, "\\u{{{:04x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A path as messages and the files we write name it: on one line, its controls escaped
/// ([`escape_line`]), so a file named with an ESC or a newline can neither act on a
/// terminal nor break a line.
pub fn path_line(path: &std::path::Path) -> String {
    escape_line(&path.display().to_string()).into_owned()
}

fn escape_with(text: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(|c| is_hazard(c) && !keep(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if !is_hazard(c) || keep(c) {
            out.push(c);
            continue;
        }
        match c {
            '\u{1b}' => out.push_str("\\e"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x100 => {
                let _ = write!(out, "\\x{:02x}", u32::from(c));
            }
            c => {
                let _ = write!(out, "\\u{{{:04x}}}", u32::from(c));
            }
        }
    }
    Cow::Owned(out)
}

/// `text` cut to at most `max` characters, with `…` and the count left out when cut
/// (a 5,000-digit number in an error message says what it is without filling the screen).
pub fn shorten(text: &str, max: usize) -> Cow<'_, str> {
    match text.char_indices().nth(max) {
        None => Cow::Borrowed(text),
        Some((cut, _)) => {
            let rest = text[cut..].chars().count();
            let characters = super::plural(rest, "character", "characters");
            Cow::Owned(format!("{}… ({rest} more {characters})", &text[..cut]))
        }
    }
}

/// `text` cut to at most `max` characters keeping both ends: its first `head`
/// characters, ` … `, and as many of its last as fit. For a program's output, whose
/// last line is most often the error that stopped it.
pub fn shorten_middle(text: &str, max: usize, head: usize) -> Cow<'_, str> {
    const GAP: &str = " … ";
    let count = text.chars().count();
    if count <= max {
        return Cow::Borrowed(text);
    }
    let head = head.min(max.saturating_sub(GAP.chars().count()));
    let tail = max.saturating_sub(head + GAP.chars().count());
    let at = |n: usize| text.char_indices().nth(n).map_or(text.len(), |(i, _)| i);
    let (start, end) = (&text[..at(head)], &text[at(count - tail)..]);
    Cow::Owned(format!("{}{GAP}{}", start.trim_end(), end.trim_start()))
}

/// Text quoted in backticks longer than 40 characters is cut, saying how much was left out.
pub fn shorten_quoted(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(400));
    let mut parts = message.split('`');
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    for (i, part) in parts.enumerate() {
        out.push('`');
        if i % 2 == 0 {
            out.push_str(&shorten(part, 40));
        } else {
            out.push_str(part);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_become_visible_escapes() {
        assert_eq!(
            escape("a\u{1b}]52;c;aGk=\u{7}b\u{9b}31m"),
            "a\\e]52;c;aGk=\\x07b\\x9b31m"
        );
        assert_eq!(escape("line\n\ttab"), "line\n\ttab");
        assert_eq!(escape_line("line\n\ttab\r"), "line\\n\\ttab\\r");
    }

    #[test]
    fn bidi_controls_and_separators_are_shown() {
        assert_eq!(
            escape("a\u{202e}b\u{200e}c\u{200f}d\u{061c}e\u{2028}f\u{2029}g\u{2066}"),
            "a\\u{202e}b\\u{200e}c\\u{200f}d\\u{061c}e\\u{2028}f\\u{2029}g\\u{2066}"
        );
    }

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(escape("plain ünïcödé 漢"), Cow::Borrowed(_)));
    }

    #[test]
    fn long_text_is_shortened_on_a_char_boundary() {
        assert_eq!(shorten("12345", 5), "12345");
        assert_eq!(shorten("1234567", 5), "12345… (2 more characters)");
        assert_eq!(shorten("ééééé é", 5), "ééééé… (2 more characters)");
        assert_eq!(shorten("123456", 5), "12345… (1 more character)");
    }

    #[test]
    fn shorten_middle_keeps_both_ends() {
        assert_eq!(shorten_middle("0123456789", 10, 3), "0123456789");
        assert_eq!(shorten_middle("0123456789ab", 10, 3), "012 … 89ab");
        assert_eq!(shorten_middle("éééé ééé üüü", 10, 3), "ééé … üüü");
        assert_eq!(shorten_middle("abcdefgh", 4, 9), "a … ");
    }
}
