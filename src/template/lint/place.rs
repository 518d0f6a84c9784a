//! Where things are written in the linted text, found in time linear in the text: the
//! line starts are indexed once, a column is reached walking forward from the last one
//! asked for (nodes are asked for in the order they are written), and the names of a
//! comma-separated scalar are found one comma-separated piece after another.

use std::cell::{Cell, OnceCell};

/// The linted text with its line starts, indexed on first use.
pub(super) struct Source<'s> {
    text: &'s str,
    starts: OnceCell<Vec<usize>>,
    /// The last place asked for: line, column and its byte offset in `text`.
    last: Cell<(usize, usize, usize)>,
}

impl<'s> Source<'s> {
    pub(super) fn new(text: &'s str) -> Self {
        Source {
            text,
            starts: OnceCell::new(),
            last: Cell::new((0, 0, 0)),
        }
    }

    fn starts(&self) -> &[usize] {
        self.starts.get_or_init(|| {
            std::iter::once(0)
                .chain(memchr::memchr_iter(b'\n', self.text.as_bytes()).map(|i| i + 1))
                .collect()
        })
    }

    /// Byte offsets of line `line`'s start and end (before `\n` or `\r\n`).
    fn bounds(&self, line: usize) -> Option<(usize, usize)> {
        let starts = self.starts();
        let start = *starts.get(line.checked_sub(1)?)?;
        if start >= self.text.len() && line > 1 {
            return None;
        }
        let mut end = starts.get(line).map_or(self.text.len(), |next| next - 1);
        if self.text[start..end].ends_with('\r') {
            end -= 1;
        }
        Some((start, end))
    }

    /// The text from column `col` (1-based, in characters) of line `line` to the line's
    /// end; empty past the end. Walks forward from the last place asked for when it is
    /// on the same line and not after this one, so a long line of items costs one walk.
    pub(super) fn rest_at(&self, line: usize, col: usize) -> Option<&'s str> {
        let (start, end) = self.bounds(line)?;
        let (last_line, last_col, last_byte) = self.last.get();
        let (mut c, mut byte) = if last_line == line && last_col <= col && last_byte >= start {
            (last_col, last_byte)
        } else {
            (1, start)
        };
        let text = &self.text[byte..end];
        let mut chars = text.char_indices();
        while c < col {
            match chars.next() {
                Some((_, ch)) => {
                    byte += ch.len_utf8();
                    c += 1;
                }
                None => break,
            }
        }
        self.last.set((line, c, byte));
        Some(&self.text[byte..end])
    }
}

/// Walking the comma-separated pieces of one scalar as written, in the order the reader
/// splits its value (`text::split_list`: trimmed, empty pieces dropped). Pieces passed
/// over are only counted; the text is read when a piece's place is asked for, and only
/// forward from the last piece placed. A scalar may go on over the lines up to
/// [`Pieces::until`] (a folded `>` one, a quoted one broken over lines), where a line
/// break joins its text as a space does.
#[derive(Debug, Default)]
pub(super) struct Pieces {
    /// The line and column where the walk goes on; `None` before the first place is
    /// asked for.
    at: Option<(usize, usize)>,
    /// The last line the scalar may be written on (before the next item or key); 0 for
    /// the scalar's own line.
    until: usize,
    /// Pieces of the value passed over since the walk last moved.
    skipped: usize,
    /// The written piece being walked has text (it went on over a line break).
    open: bool,
    /// The written piece being walked is the rest of one already placed.
    tail: bool,
    /// The written text no longer matches the value (it ended): every further piece
    /// is at the scalar's place.
    lost: bool,
}

impl Pieces {
    /// The pieces of a scalar that may go on up to line `until` (inclusive).
    pub(super) fn until(until: usize) -> Self {
        Pieces {
            until,
            ..Pieces::default()
        }
    }

    /// A piece that needs no place: counted, not looked for.
    pub(super) fn pass(&mut self) {
        self.skipped += 1;
    }

    /// Where the next piece of the scalar at `(line, col)`, `piece` (trimmed), is
    /// written: in the comma-separated written piece it comes from; the scalar's place
    /// when it is not written there as read (an escape, a name broken over lines).
    pub(super) fn place(
        &mut self,
        source: &Source<'_>,
        (line, col): (usize, usize),
        piece: &str,
    ) -> (usize, usize) {
        if self.lost {
            return (line, col);
        }
        let until = self.until.max(line);
        let (mut at_line, mut at_col) = *self.at.get_or_insert((line, col));
        // A piece holding commas (a whole item of a list) spans as many written ones.
        let commas = piece.matches(',').count();
        let mut found = None;
        loop {
            let Some(rest) = source.rest_at(at_line, at_col) else {
                self.lost = true;
                return found.unwrap_or((line, col));
            };
            let looking = self.skipped == 0 && !self.tail && found.is_none();
            let end = rest
                .match_indices(',')
                .nth(if looking { commas } else { 0 })
                .map(|(i, _)| i);
            let written = &rest[..end.unwrap_or(rest.len())];
            let filled = !written
                .trim_matches(|c: char| c.is_whitespace() || c == '"' || c == '\'')
                .is_empty();
            if looking
                && filled
                && let Some(i) = written.find(piece)
            {
                found = Some((at_line, at_col + written[..i].chars().count()));
            }
            self.open |= filled;
            if let Some(end) = end {
                at_col += rest[..end].chars().count() + 1;
                if std::mem::take(&mut self.open) {
                    // A written piece ends at the comma.
                    if self.tail {
                        self.tail = false;
                    } else if self.skipped > 0 {
                        self.skipped -= 1;
                    } else {
                        self.at = Some((at_line, at_col));
                        return found.unwrap_or((line, col));
                    }
                }
            } else if at_line < until {
                (at_line, at_col) = (at_line + 1, 1);
                if found.is_some() {
                    // The text up to the next comma is the rest of this piece.
                    self.tail = true;
                    self.at = Some((at_line, at_col));
                    return found.unwrap_or((line, col));
                }
            } else {
                self.lost = true;
                return found.unwrap_or((line, col));
            }
            self.at = Some((at_line, at_col));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_found_by_number_as_str_lines_has_them() {
        let text = "a\r\nbé\n\nlast";
        let source = Source::new(text);
        for (i, line) in text.lines().enumerate() {
            assert_eq!(source.rest_at(i + 1, 1), Some(line));
        }
        assert_eq!(source.rest_at(5, 1), None);
        assert_eq!(source.rest_at(0, 1), None);
        assert_eq!(Source::new("a\n").rest_at(2, 1), None);
    }

    #[test]
    fn a_column_is_reached_walking_forward_from_the_last_one() {
        let source = Source::new("x\nab é cd\n");
        assert_eq!(source.rest_at(2, 4), Some("é cd"));
        assert_eq!(source.last.get(), (2, 4, 5));
        // Further on the same line: from the last place, not the line's start.
        assert_eq!(source.rest_at(2, 6), Some("cd"));
        assert_eq!(source.last.get(), (2, 6, 8));
        // Back before it: from the line's start again.
        assert_eq!(source.rest_at(2, 2), Some("b é cd"));
        assert_eq!(source.rest_at(1, 1), Some("x"));
        assert_eq!(source.rest_at(2, 40), Some(""));
    }

    /// The pieces of `"octocat, @hubot, , octo cat"`: each read once, forward.
    #[test]
    fn pieces_are_placed_in_their_own_written_piece() {
        let text = "k: \"octocat, @hubot, , octo cat\"";
        let source = Source::new(text);
        let mut pieces = Pieces::default();
        pieces.pass();
        assert_eq!(pieces.place(&source, (1, 4), "@hubot"), (1, 14));
        // The walk stopped after `@hubot`: the empty piece is not counted.
        assert_eq!(pieces.at, Some((1, 21)));
        assert_eq!(pieces.place(&source, (1, 4), "octo cat"), (1, 24));
        assert!(pieces.lost);
        assert_eq!(pieces.place(&source, (1, 4), "more"), (1, 4));
    }

    /// A piece not written as read (an escape) is at the scalar's place, and the next
    /// one is still found in its own written piece.
    #[test]
    fn an_escaped_piece_is_at_the_scalar() {
        let source = Source::new("k: \"\\u200b, bad one\"");
        let mut pieces = Pieces::default();
        assert_eq!(pieces.place(&source, (1, 4), "\u{200b}"), (1, 4));
        assert_eq!(pieces.place(&source, (1, 4), "bad one"), (1, 13));
    }

    /// An item of a list, commas and all, is one piece.
    #[test]
    fn a_piece_with_commas_spans_its_written_pieces() {
        let source = Source::new("- \"a, b c\", d");
        let mut pieces = Pieces::default();
        assert_eq!(pieces.place(&source, (1, 3), "a, b c"), (1, 4));
        assert_eq!(pieces.at, Some((1, 12)));
    }

    /// A folded scalar's pieces on its later lines are found there; a name broken over
    /// lines is at the scalar's place, and the walk goes on after it.
    #[test]
    fn pieces_go_on_over_the_lines_up_to_the_bound() {
        let source = Source::new("k: >\n  a, bad one,\n  x.y, bro\n  ken, z z\nnext: 1\n");
        let mut pieces = Pieces::until(4);
        pieces.pass();
        assert_eq!(pieces.place(&source, (2, 3), "bad one"), (2, 6));
        assert_eq!(pieces.place(&source, (2, 3), "x.y"), (3, 3));
        assert_eq!(pieces.place(&source, (2, 3), "bro ken"), (2, 3));
        assert_eq!(pieces.place(&source, (2, 3), "z z"), (4, 8));
        // Not past the bound.
        assert_eq!(pieces.place(&source, (2, 3), "next"), (2, 3));
        assert!(pieces.lost);
        // A piece found at a line's end: the next line up to a comma is its rest.
        let source = Source::new("k: >\n  a b\n  c, d e\n");
        let mut pieces = Pieces::until(3);
        assert_eq!(pieces.place(&source, (2, 3), "a b"), (2, 3));
        assert!(pieces.tail);
        assert_eq!(pieces.place(&source, (2, 3), "d e"), (3, 6));
    }

    /// Nothing is read for a scalar whose pieces all pass.
    #[test]
    fn passed_pieces_read_nothing() {
        let source = Source::new("k: a, b");
        let mut pieces = Pieces::default();
        pieces.pass();
        pieces.pass();
        assert_eq!(pieces.at, None);
        assert!(source.starts.get().is_none());
    }
}
