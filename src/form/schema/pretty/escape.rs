//! Strings escaped for JSON as `serde_json` escapes them, eight bytes tested at a time.

/// What a byte becomes in a JSON string, as `serde_json` writes it: 0 for itself, `u`
/// for `\u00XX`, else the letter after the backslash.
const ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b'u';
        b += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0a] = b'n';
    table[0x0c] = b'f';
    table[0x0d] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

/// Appends `text` escaped for a JSON string: text that needs nothing (nearly all) is
/// copied in one piece once a scan finds no byte to escape; else clean runs are copied
/// whole between escapes.
///
/// Always inlined into [`Pretty::string`], its one caller: called, its prologue and
/// epilogue were about 19 instructions of the 86 a string costs (400,002 strings for
/// 100k headings; thin LTO did not inline it).
#[allow(clippy::inline_always)]
#[inline(always)]
pub(super) fn escape(buf: &mut Vec<u8>, text: &[u8]) {
    let clean = clean_prefix(text);
    // Fewer than eight bytes left after clean words: the last eight bytes, overlapping
    // the words already read, are one more word to test instead of a byte loop.
    let tail = text.len().checked_sub(8).and_then(|at| text.get(at..));
    if clean == text.len() || (clean + 8 > text.len() && tail.is_some_and(clean_word)) {
        buf.extend_from_slice(text);
        return;
    }
    match text[clean..]
        .iter()
        .position(|&byte| ESCAPE[usize::from(byte)] != 0)
    {
        None => buf.extend_from_slice(text),
        Some(at) => escape_from(buf, text, clean + at),
    }
}

/// [`escape`] from `first`, the first byte that needs escaping.
#[inline(never)]
fn escape_from(buf: &mut Vec<u8>, text: &[u8], first: usize) {
    buf.extend_from_slice(&text[..first]);
    let mut start = first;
    for (i, &byte) in text.iter().enumerate().skip(first) {
        let code = ESCAPE[usize::from(byte)];
        if code == 0 {
            continue;
        }
        buf.extend_from_slice(&text[start..i]);
        if code == b'u' {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            buf.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(byte >> 4)],
                HEX[usize::from(byte & 0xf)],
            ]);
        } else {
            buf.extend_from_slice(&[b'\\', code]);
        }
        start = i + 1;
    }
    buf.extend_from_slice(&text[start..]);
}

/// How many bytes at the start of `text` need no escaping, to within the eight-byte
/// word holding the first that does: a word at a time, looking for a control
/// character, `"` or `\` in all eight bytes at once.
#[inline]
fn clean_prefix(text: &[u8]) -> usize {
    let mut clean = 0;
    while let Some(word) = text.get(clean..clean + 8) {
        if !clean_word(word) {
            break;
        }
        clean += 8;
    }
    clean
}

/// Whether none of the eight bytes of `word` needs escaping: a control character, `"`
/// or `\` looked for in all eight at once. (False for a slice of another length.)
#[inline]
fn clean_word(word: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A high bit for a byte below `n` (n <= 0x80) or equal to zero; exact in "any".
    let below = |x: u64, n: u64| x.wrapping_sub(ONES * n) & !x & HIGH;
    let Ok(word) = <[u8; 8]>::try_from(word) else {
        return false;
    };
    let x = u64::from_le_bytes(word);
    below(x, 0x20) | below(x ^ (ONES * 0x22), 1) | below(x ^ (ONES * 0x5c), 1) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(text: &str) -> String {
        let mut buf = Vec::new();
        escape(&mut buf, text.as_bytes());
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let all: String = (0u8..0x80)
            .map(char::from)
            .chain("é\u{2028}✓".chars())
            .collect();
        let serde = serde_json::to_string(&all).unwrap();
        assert_eq!(format!("\"{}\"", escaped(&all)), serde);
        assert_eq!(escaped("a\"b\\c\nd\u{1f}"), r#"a\"b\\c\nd\u001f"#);
        assert_eq!(escaped("plain"), "plain");
    }

    #[test]
    fn every_byte_that_needs_escaping_is_found_at_every_place_in_a_word() {
        let specials = (0u8..0x20).chain([b'"', b'\\']).map(char::from);
        for special in specials.chain(['\u{7f}', 'é', '✓']) {
            for at in 0..20 {
                let text: String = "abcdefghij0123456789".chars().take(at).collect();
                let text = format!("{text}{special}xyz");
                let serde = serde_json::to_string(&text).unwrap();
                assert_eq!(
                    format!("\"{}\"", escaped(&text)),
                    serde,
                    "{special:?} at {at}"
                );
            }
        }
        assert_eq!(clean_prefix(b"0123456789abcdefX"), 16);
        assert_eq!(clean_prefix(b"01234567\"89abcdef"), 8);
        assert_eq!(clean_prefix(b"\n1234567"), 0);
        assert!(clean_word(b"abcdefgh"));
        assert!(!clean_word(b"abcdefg\\"));
        assert!(!clean_word(b"\x7fbcdefg\t"));
        assert!(!clean_word(b"abc"));
    }
}
