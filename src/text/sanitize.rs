//! Makes untrusted text safe: LF line endings, no BOM, and no control characters or
//! escape sequences that could reach a terminal or the finished issue.

use std::borrow::Cow;

/// A character or sequence removed from the text, with its 1-based position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    pub line: usize,
    pub col: usize,
    pub what: &'static str,
    /// The characters removed, as they were (a whole escape sequence).
    pub text: String,
}

/// Normalizes a whole template: strips a leading BOM, turns CRLF and lone CR into LF,
/// and removes escape sequences and control characters (tabs and newlines stay).
/// Positions in the report refer to the input.
pub fn normalize(input: &str) -> (Cow<'_, str>, Vec<Removed>) {
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    // Most templates are printable ASCII, tabs and LF: nothing to remove, and a byte scan
    // finds that out at a fraction of the cost of the walk below.
    if printable_ascii(input) {
        return (Cow::Borrowed(input), Vec::new());
    }
    let mut out = String::with_capacity(input.len());
    let mut removed = Vec::new();
    let mut chars = input.chars().peekable();
    let (mut line, mut col) = (1usize, 1usize);
    while let Some(c) = chars.next() {
        match c {
            '\n' => {
                out.push('\n');
                line += 1;
                col = 1;
                continue;
            }
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                    line += 1;
                    col = 1;
                }
                continue;
            }
            '\u{1b}' => {
                let mut text = String::from(c);
                let skipped = skip_escape(&mut chars, &mut text);
                removed.push(Removed {
                    line,
                    col,
                    what: "escape sequence",
                    text,
                });
                col += 1 + skipped;
                continue;
            }
            c if is_unsafe(c) => removed.push(Removed {
                line,
                col,
                what: describe(c),
                text: c.into(),
            }),
            c => out.push(c),
        }
        col += 1;
    }
    (Cow::Owned(out), removed)
}

/// Cleans one piece of user or template text: like [`normalize`] but without a report.
pub fn clean(input: &str) -> String {
    // Typed text is mostly printable ASCII, tabs and LF, all safe: a byte scan says so
    // at a fraction of the cost of the check per character (a 10,000-line answer is
    // cleaned on every keystroke while the preview is on).
    if printable_ascii(input)
        || input
            .chars()
            .all(|c| c == '\n' || !(is_unsafe(c) || c == '\r' || c == '\u{1b}'))
    {
        return input.to_owned();
    }
    normalize(input).0.into_owned()
}

/// Removes every character that is unsafe in a single line (including newlines and tabs,
/// which become spaces).
pub fn one_line(input: &str) -> String {
    flatten(&clean(input))
}

/// Already sanitized text (template text is, once, when read) on one line: what
/// [`one_line`] gives for it, without scanning it for hazards again.
pub fn flatten(sanitized: &str) -> String {
    // Bytes, not chars: titles and labels are short, and most have neither.
    if !sanitized.bytes().any(|b| b == b'\n' || b == b'\t') {
        return sanitized.to_owned();
    }
    // A run of line breaks is one space (`a\r\rb` from a paste is `a b`); tabs are spaces.
    let mut out = String::with_capacity(sanitized.len());
    let mut breaks = false;
    for c in sanitized.chars() {
        match c {
            '\n' if breaks => {}
            '\n' => {
                breaks = true;
                out.push(' ');
            }
            '\t' => {
                breaks = false;
                out.push(' ');
            }
            c => {
                breaks = false;
                out.push(c);
            }
        }
    }
    out
}

/// The lines of `text` with trailing spaces removed and without blank lines at either
/// end, joined with LF.
pub fn trim_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Blank lines are written only once a line with text follows them.
    let (mut started, mut blanks) = (false, 0);
    for line in text.lines().map(str::trim_end) {
        if line.is_empty() {
            blanks += usize::from(started);
            continue;
        }
        if started {
            out.extend(std::iter::repeat_n('\n', blanks + 1));
        }
        out.push_str(line);
        (started, blanks) = (true, 0);
    }
    out
}

/// Only printable ASCII, tabs and LF: nothing in it is a hazard.
// Bitwise on purpose: without an early exit per byte the compiler tests many at once.
#[allow(clippy::needless_bitwise_bool)]
fn printable_ascii(text: &str) -> bool {
    text.as_bytes().chunks(64).all(|block| {
        block.iter().fold(true, |ok, &b| {
            ok & (matches!(b, b' '..=b'~') | (b == b'\n') | (b == b'\t'))
        })
    })
}

fn is_unsafe(c: char) -> bool {
    crate::text::is_hazard(c) && c != '\n' && c != '\t'
}

fn describe(c: char) -> &'static str {
    if crate::text::is_bidi_control(c) {
        "bidirectional control character"
    } else if c.is_control() {
        "control character"
    } else {
        "line or paragraph separator"
    }
}

/// Skips the rest of an escape sequence after ESC, written to `taken`; returns how many
/// chars it consumed.
fn skip_escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>, taken: &mut String) -> usize {
    let copy = chars.clone();
    let n = skip_escape_only(chars);
    taken.extend(copy.take(n));
    n
}

/// [`skip_escape`] without keeping what it skips.
fn skip_escape_only(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> usize {
    let mut n = 0;
    match chars.peek().copied() {
        // CSI: parameters and intermediates, then one final byte in @..~
        Some('[') => {
            chars.next();
            n += 1;
            while let Some(&c) = chars.peek() {
                if c == '\n' {
                    break;
                }
                chars.next();
                n += 1;
                if ('@'..='~').contains(&c) {
                    break;
                }
            }
        }
        // OSC, DCS, APC, PM, SOS: until BEL or ESC \
        Some(']' | 'P' | '_' | '^' | 'X') => {
            chars.next();
            n += 1;
            // Unterminated, it ends at the line's end rather than swallow the rest.
            while let Some(&c) = chars.peek() {
                if c == '\n' || c == '\r' {
                    break;
                }
                chars.next();
                n += 1;
                if c == '\u{7}' {
                    break;
                }
                if c == '\u{1b}' {
                    if chars.peek() == Some(&'\\') {
                        chars.next();
                        n += 1;
                    }
                    break;
                }
            }
        }
        Some(c) if c != '\n' && c != '\r' => {
            chars.next();
            n += 1;
        }
        _ => {}
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trim_lines_drops_trailing_spaces_and_blank_lines_at_the_ends() {
        // The definition it replaced, which collected the lines and joined them.
        let joined = |text: &str| {
            let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
            let start = lines.iter().position(|l| !l.is_empty());
            let start = start.unwrap_or(lines.len());
            let end = lines.iter().rposition(|l| !l.is_empty());
            lines[start..end.map_or(start, |e| e + 1)].join("\n")
        };
        for text in [
            "",
            "\n",
            "a",
            "a\n",
            "\n\n a \n\n\nb  \n \n",
            "a\r\nb\r\n\r\n",
            "x\u{3000}\n\ty\t",
        ] {
            assert_eq!(trim_lines(text), joined(text), "{text:?}");
        }
        assert_eq!(trim_lines("\n\n a \n\n\nb  \n \n"), " a\n\n\nb");
    }

    #[test]
    fn clean_keeps_printable_ascii_whole_and_cleans_the_rest() {
        let ascii = "line 1\twith tab ~!\n\n  x";
        assert!(printable_ascii(ascii));
        assert_eq!(clean(ascii), ascii);
        for text in [
            "a\rb",
            "a\u{1b}[1mb",
            "a\u{7f}b",
            "é\u{202e}x\n",
            "a\r\nb",
            "\u{0}",
        ] {
            assert!(!printable_ascii(text), "{text:?}");
            assert_eq!(clean(text), normalize(text).0, "{text:?}");
        }
        assert_eq!(clean("é ok\n"), "é ok\n");
        let long = "x".repeat(200);
        assert!(printable_ascii(&long));
        assert!(
            !printable_ascii(&(long + "\u{7}")),
            "a hazard past the first block"
        );
    }

    #[test]
    fn flatten_is_one_line_for_sanitized_text() {
        for text in ["", "a\tb\nc", "Ünï\n\n x ", "plain", "a\r\nb\u{1b}[31mc"] {
            let sanitized = normalize(text).0;
            assert_eq!(flatten(&sanitized), one_line(&sanitized), "{text:?}");
        }
    }

    #[test]
    fn strips_bom_and_crlf() {
        let (text, removed) = normalize("\u{feff}a\r\nb\rc\n");
        assert_eq!(text, "a\nb\nc\n");
        assert!(removed.is_empty());
    }

    #[test]
    fn removes_escape_sequences_with_position() {
        let (text, removed) = normalize("ok\nx\u{1b}[31mred\u{1b}]0;title\u{7}!\u{7}");
        assert_eq!(text, "ok\nxred!");
        assert_eq!(
            removed,
            vec![
                Removed {
                    line: 2,
                    col: 2,
                    what: "escape sequence",
                    text: "\u{1b}[31m".into(),
                },
                Removed {
                    line: 2,
                    col: 10,
                    what: "escape sequence",
                    text: "\u{1b}]0;title\u{7}".into(),
                },
                Removed {
                    line: 2,
                    col: 21,
                    what: "control character",
                    text: "\u{7}".into(),
                },
            ]
        );
    }

    #[test]
    fn an_unterminated_osc_ends_at_the_line_end() {
        let (text, removed) = normalize("a\u{1b}]0;title\nb\n");
        assert_eq!(text, "a\nb\n");
        assert_eq!(removed.len(), 1);
    }

    #[test]
    fn keeps_tabs_and_unicode_drops_c1_and_bidi() {
        assert_eq!(clean("a\tb é 漢 😀\u{9b}2J\u{202e}x"), "a\tb é 漢 😀2Jx");
        assert_eq!(one_line("a\nb\tc"), "a b c");
        // Pasted line ends, whatever their kind, are one space.
        assert_eq!(one_line("a\r\nb"), "a b");
        assert_eq!(one_line("a\r\rb"), "a b");
        assert_eq!(one_line("a\n\n\nb\t\tc"), "a b  c");
    }

    #[test]
    fn drops_bidi_marks_and_unicode_separators() {
        let (text, removed) = normalize("a\u{200e}b\u{200f}c\u{061c}d\u{2028}e\u{2029}f");
        assert_eq!(text, "abcdef");
        let what: Vec<&str> = removed.iter().map(|r| r.what).collect();
        assert_eq!(
            what,
            [
                "bidirectional control character",
                "bidirectional control character",
                "bidirectional control character",
                "line or paragraph separator",
                "line or paragraph separator",
            ]
        );
    }
}
