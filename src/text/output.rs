//! What a program printed for a terminal, as the plain text the terminal ended up showing:
//! escape sequences (colors, cursor moves, titles) go, a carriage return goes back to the
//! line's start so the next text overwrites it (progress bars redrawn in place keep only
//! their last state), a backspace moves one character back, and erasing a line erases.

/// The plain text `bytes` leave on a terminal, trailing blanks trimmed from every line and
/// blank lines trimmed from the end. Invalid UTF-8 becomes U+FFFD.
pub fn resolve(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let mut screen = Screen::default();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => screen.escape(&mut chars),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' => screen.col = 0,
            '\n' => screen.newline(),
            '\u{8}' => screen.col = screen.col.saturating_sub(1),
            '\t' => screen.put('\t'),
            c if c.is_control() => {}
            c => screen.put(c),
        }
    }
    screen.finish()
}

/// The lines written so far and the one being written, with its cursor.
#[derive(Default)]
struct Screen {
    done: Vec<String>,
    line: Vec<char>,
    col: usize,
}

impl Screen {
    fn put(&mut self, c: char) {
        if self.col < self.line.len() {
            self.line[self.col] = c;
        } else {
            // A cursor moved past the end (only by escapes this ignores) writes at the end.
            self.line.push(c);
        }
        self.col = self.col.min(self.line.len() - 1) + 1;
    }

    fn newline(&mut self) {
        let line: String = self.line.drain(..).collect();
        self.done.push(line.trim_end().to_owned());
        self.col = 0;
    }

    /// Reads one escape sequence after ESC; only "erase in line" changes the text.
    fn escape(&mut self, chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
        match chars.next() {
            // CSI: parameters and intermediates up to a final byte in @..~.
            Some('[') => {
                let mut params = String::new();
                for c in chars.by_ref() {
                    if ('@'..='~').contains(&c) {
                        if c == 'K' {
                            self.erase(&params);
                        }
                        return;
                    }
                    params.push(c);
                }
            }
            // OSC (and the other string sequences): up to BEL or ST (ESC \).
            Some(']' | 'P' | 'X' | '^' | '_') => {
                while let Some(c) = chars.next() {
                    if c == '\u{7}' {
                        return;
                    }
                    if c == '\u{1b}' {
                        chars.next_if_eq(&'\\');
                        return;
                    }
                }
            }
            // Intermediates (` ` to `/`) then one final character: `ESC ( B`, `ESC 7`.
            Some(c) if (' '..='/').contains(&c) => {
                while chars.next_if(|c| (' '..='/').contains(c)).is_some() {}
                chars.next();
            }
            _ => {}
        }
    }

    /// `CSI K` erases to the end of the line, `1K` to the cursor, `2K` all of it.
    fn erase(&mut self, params: &str) {
        match params {
            "" | "0" => self.line.truncate(self.col),
            "1" => {
                let to = self.col.min(self.line.len().saturating_sub(1));
                for c in self.line.iter_mut().take(to + 1) {
                    *c = ' ';
                }
            }
            "2" => self.line.iter_mut().for_each(|c| *c = ' '),
            _ => {}
        }
    }

    fn finish(mut self) -> String {
        if !self.line.is_empty() {
            self.newline();
        }
        while self.done.last().is_some_and(String::is_empty) {
            self.done.pop();
        }
        self.done.join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::resolve;

    #[test]
    fn colors_and_titles_go() {
        let text = "\u{1b}[1;32mok\u{1b}[0m  \u{1b}]0;title\u{7}done\u{1b}]8;;http://x\u{1b}\\link\u{1b}(B";
        assert_eq!(resolve(text.as_bytes()), "ok  donelink");
    }

    #[test]
    fn a_carriage_return_redraws_the_line() {
        assert_eq!(resolve(b"10%\r50%\r100%\n"), "100%");
        // A shorter redraw leaves the end of the longer one, as on a terminal...
        assert_eq!(resolve(b"working...\rdone\n"), "doneing...");
        // ...unless the line is erased first.
        assert_eq!(resolve(b"working...\r\x1b[Kdone\n"), "done");
        assert_eq!(resolve(b"working...\r\x1b[2Kdone"), "done");
    }

    #[test]
    fn crlf_is_a_line_break_and_backspace_moves_back() {
        assert_eq!(resolve(b"a\r\nb\r\n"), "a\nb");
        assert_eq!(resolve(b"abc\x08\x08X\n"), "aXc");
    }

    #[test]
    fn trailing_blanks_are_trimmed_and_controls_dropped() {
        assert_eq!(resolve(b"one  \n\ntwo\x07\x00\n\n   \n"), "one\n\ntwo");
        assert_eq!(resolve(b""), "");
        assert_eq!(resolve(b"\xffx"), "\u{fffd}x");
    }

    #[test]
    fn a_cut_sequence_at_the_end_is_dropped() {
        assert_eq!(resolve(b"text\x1b[3"), "text");
        assert_eq!(resolve(b"text\x1b"), "text");
    }
}
