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
                .chain(memchr_newlines(self.text).map(|i| i + 1))
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

/// Offsets of the `\n` bytes of `text`.
fn memchr_newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.bytes()
        .enumerate()
        .filter(|(_, b)| *b == b'\n')
        .map(|(i, _)| i)
}

/// Walking the comma-separated pieces of one scalar as written, in the order the reader
/// splits its value (`text::split_list`: trimmed, empty pieces dropped). Pieces passed
/// over are only counted; the text is read when a piece's place is asked for, and only
/// forward from the last piece placed.
#[derive(Debug, Default)]
pub(super) struct Pieces {
    /// The line and column where the next written piece starts; `None` before the first
    /// place is asked for.
    at: Option<(usize, usize)>,
    /// Pieces of the value passed over since the walk last moved.
    skipped: usize,
    /// The written text no longer matches the value (the line ended): every further
    /// piece is at the scalar's place.
    lost: bool,
}

impl Pieces {
    /// A piece that needs no place: counted, not looked for.
    pub(super) fn pass(&mut self) {
        self.skipped += 1;
    }

    /// Where the next piece of the scalar at `(line, col)`, `piece` (trimmed), is
    /// written: on the scalar's line, in the comma-separated written piece it comes from;
    /// the scalar's place when it is not written there as read (an escape, a block
    /// scalar).
    pub(super) fn place(
        &mut self,
        source: &Source<'_>,
        (line, col): (usize, usize),
        piece: &str,
    ) -> (usize, usize) {
        if self.lost {
            return (line, col);
        }
        let (at_line, mut at_col) = *self.at.get_or_insert((line, col));
        let Some(mut rest) = source.rest_at(at_line, at_col) else {
            self.lost = true;
            return (line, col);
        };
        // A piece holding commas (a whole item of a list) spans as many written ones.
        let commas = piece.matches(',').count();
        // Written pieces before this one: each non-empty one is a piece of the value.
        loop {
            let end = rest
                .match_indices(',')
                .nth(if self.skipped == 0 { commas } else { 0 })
                .map(|(i, _)| i);
            let written = &rest[..end.unwrap_or(rest.len())];
            let width = written.chars().count();
            let empty = written
                .trim_matches(|c: char| c.is_whitespace() || c == '"' || c == '\'')
                .is_empty();
            let here = !empty && self.skipped == 0;
            let place = here.then(|| match written.find(piece) {
                Some(i) => (at_line, at_col + written[..i].chars().count()),
                None => (line, col),
            });
            if !empty && !here {
                self.skipped -= 1;
            }
            if let Some(end) = end {
                rest = &rest[end + 1..];
                at_col += width + 1;
            } else {
                at_col += width;
                self.lost = true;
            }
            self.at = Some((at_line, at_col));
            if let Some(place) = place {
                return place;
            }
            if self.lost {
                return (line, col);
            }
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
