//! The template body as the rules read it: its lines by number, and its HTML comments
//! (found, removed from a range, or read). Read-only; built once per body.

use std::borrow::Cow;
use std::ops::Range;

/// The body's text, where its lines start, and where its comments are.
pub(super) struct Source<'s> {
    pub src: &'s str,
    /// Byte offsets as `u32`: half the memory of `usize` (the largest single vector of
    /// the parse after the form's own). Every offset fits: templates are refused past
    /// [`crate::template::SIZE_CEILING`] (`u32::MAX` bytes), checked in `line_starts`.
    line_starts: Vec<u32>,
    /// Every comment's byte range, sorted, never overlapping.
    comments: Vec<Range<usize>>,
    /// Where the last lookup of comments began: lookups mostly go forward, a block
    /// at a time, so the next one usually begins there or just after.
    hint: std::cell::Cell<usize>,
    /// The line of the last [`Source::line_of`]: the next is mostly on it or just after.
    line_hint: std::cell::Cell<usize>,
}

impl<'s> Source<'s> {
    pub fn new(src: &'s str, comments: Vec<Range<usize>>) -> Self {
        Self {
            src,
            line_starts: line_starts(src.as_bytes()),
            comments,
            hint: std::cell::Cell::new(0),
            line_hint: std::cell::Cell::new(0),
        }
    }

    /// Adds comments found further on (a reader going block by block): sorted, without
    /// repeats, as if they had all been known at the start.
    pub fn add_comments(&mut self, more: &[Range<usize>]) {
        let in_order = match (self.comments.last(), more.first()) {
            (Some(last), Some(first)) => last.start < first.start,
            _ => true,
        };
        self.comments.extend_from_slice(more);
        if !in_order {
            self.comments.sort_by_key(|r| r.start);
            self.comments.dedup();
        }
    }

    // ----- lines ------------------------------------------------------------------------

    /// How many line starts there are: the lines, plus one after a final newline.
    pub fn line_starts(&self) -> usize {
        self.line_starts.len()
    }

    /// Byte offset where 0-based `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts[line] as usize
    }

    /// 0-based line of a byte offset: the last line looked up or one of the next few
    /// (blocks are read in order), else a binary search.
    pub fn line_of(&self, offset: usize) -> usize {
        let starts = &self.line_starts;
        // Offsets past `u32::MAX` lie past every line start (see `line_starts`).
        let offset = u32::try_from(offset).unwrap_or(u32::MAX);
        let hint = self.line_hint.get();
        let line = if starts.get(hint).is_some_and(|&s| s <= offset) {
            let near = starts[hint + 1..]
                .iter()
                .take(4)
                .take_while(|&&s| s <= offset)
                .count();
            if near < 4 {
                hint + near
            } else {
                hint + starts[hint..].partition_point(|&s| s <= offset) - 1
            }
        } else {
            starts.partition_point(|&s| s <= offset).saturating_sub(1)
        };
        self.line_hint.set(line);
        line
    }

    /// Line after the last line of `range` that has text (trailing blank lines excluded).
    pub fn end_line(&self, range: &Range<usize>) -> usize {
        self.end_line_from(self.line_of(range.start), range)
    }

    /// [`Source::end_line`], given the line `range` starts on.
    fn end_line_from(&self, first: usize, range: &Range<usize>) -> usize {
        let text = &self.src[range.clone()];
        let trimmed = crate::text::trim_end(text).len();
        if trimmed == 0 {
            return first + 1;
        }
        let last = u32::try_from(range.start + trimmed - 1).unwrap_or(u32::MAX);
        // Most blocks are a few lines: look at the next few before searching the rest.
        let after = &self.line_starts[first + 1..];
        let near = after.iter().take(8).take_while(|&&s| s <= last).count();
        let ahead = if near < 8 {
            near
        } else {
            near + after[near..].partition_point(|&s| s <= last)
        };
        first + ahead + 1
    }

    /// The lines a block covers, trailing blank lines excluded.
    pub fn lines(&self, range: &Range<usize>) -> Range<usize> {
        let first = self.line_of(range.start);
        first..self.end_line_from(first, range)
    }

    /// One line's text with its newline.
    pub fn line_text(&self, line: usize) -> &'s str {
        self.lines_text(line..line + 1)
    }

    /// Whole lines' text with their newlines.
    pub fn lines_text(&self, lines: Range<usize>) -> &'s str {
        &self.src[self.span(lines)]
    }

    /// Byte range of whole lines, newlines included.
    pub fn span(&self, lines: Range<usize>) -> Range<usize> {
        let at = |line: usize| {
            self.line_starts
                .get(line)
                .map_or(self.src.len(), |&s| s as usize)
        };
        at(lines.start)..at(lines.end)
    }

    /// 0-based line and 1-based column (in characters) of a byte offset.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let line = self.line_of(offset);
        let col = self.src[self.line_start(line)..offset].chars().count() + 1;
        (line, col)
    }

    // ----- comments ---------------------------------------------------------------------

    /// The comments that overlap `range`. Comments never overlap each other, so sorted by
    /// start they are sorted by end too, and two binary searches find them.
    pub fn comments_in(&self, range: &Range<usize>) -> &[Range<usize>] {
        let first = self.first_ending_after(range.start);
        // Few comments overlap one range: walk to the last rather than search again.
        let rest = &self.comments[first..];
        let n = rest
            .iter()
            .position(|c| c.start >= range.end)
            .unwrap_or(rest.len());
        &rest[..n]
    }

    /// The index of the first comment that ends after `at` (comments sorted by start
    /// are sorted by end too): at the hint or just after it, else a binary search.
    fn first_ending_after(&self, at: usize) -> usize {
        let comments = &self.comments;
        let is_first = |i: usize| {
            (i == 0 || comments[i - 1].end <= at) && comments.get(i).is_none_or(|c| c.end > at)
        };
        let hint = self.hint.get().min(comments.len());
        let first = if is_first(hint) {
            hint
        } else if hint < comments.len() && is_first(hint + 1) {
            hint + 1
        } else {
            comments.partition_point(|c| c.end <= at)
        };
        self.hint.set(first);
        first
    }

    /// Every comment's byte range, sorted, never overlapping.
    pub fn comments(&self) -> &[Range<usize>] {
        &self.comments
    }

    /// The comments wholly inside `range`, as written (markers included).
    pub fn comments_within<'a>(
        &'a self,
        range: &'a Range<usize>,
    ) -> impl Iterator<Item = &'s str> + 'a {
        let src = self.src;
        self.comments_in(range)
            .iter()
            .filter(move |c| c.start >= range.start && c.end <= range.end)
            .map(move |c| &src[c.clone()])
    }

    /// The text of `range` without its comments (a comment cut by the range's edge too):
    /// borrowed from the source when it holds none (most ranges).
    pub fn strip_comments(&self, range: Range<usize>) -> Cow<'s, str> {
        self.without(range.clone(), self.comments_in(&range))
    }

    /// The text of `range` without the comments wholly inside it (borrowed when none is).
    pub fn strip_comments_within(&self, range: Range<usize>) -> Cow<'s, str> {
        let inside = self
            .comments_in(&range)
            .iter()
            .filter(|c| c.start >= range.start && c.end <= range.end);
        self.without(range.clone(), inside)
    }

    fn without<'c>(
        &self,
        range: Range<usize>,
        comments: impl IntoIterator<Item = &'c Range<usize>>,
    ) -> Cow<'s, str> {
        let mut comments = comments.into_iter().peekable();
        if comments.peek().is_none() {
            return Cow::Borrowed(&self.src[range]);
        }
        let mut out = String::with_capacity(range.len());
        let mut at = range.start;
        for c in comments {
            if c.start > at {
                out.push_str(&self.src[at..c.start]);
            }
            at = at.max(c.end);
        }
        if at < range.end {
            out.push_str(&self.src[at..range.end]);
        }
        Cow::Owned(out)
    }

    /// The text inside the comments of a range, markers removed, whitespace tidied.
    pub fn comment_text(&self, range: &Range<usize>) -> String {
        let mut out = String::new();
        for comment in self.comments_within(range) {
            let inner = comment.strip_prefix("<!--").unwrap_or(comment);
            let inner = inner.strip_suffix("-->").unwrap_or(inner);
            if !inner.contains('\n') {
                // One line: dedenting and tidying it is trimming it (ASCII first).
                let text = crate::text::trim(inner);
                if !text.is_empty() {
                    if !out.is_empty() {
                        out.push('\n');
                    }
                    out.push_str(text);
                }
                continue;
            }
            let text = dedent(inner);
            if !text.is_empty() {
                if !out.is_empty() {
                    out.push('\n');
                }
                out.push_str(&text);
            }
        }
        out
    }
}

/// Where each line of `src` starts: 0, then the byte after each `\n`. Counted first,
/// so the list is made once at its size (it lives as long as the parse). Both passes
/// read eight bytes at a time: a `memchr` call per newline cost about 30 instructions
/// on lines of 9 to 13 bytes (10.2 M for the 1.9 MiB template, now about 8 M; 12.4 M
/// for 100k headings, now about 8 M). As `u32`, half the memory of `usize` (the
/// largest single vector of the parse after the form's own): the size limit stops at
/// `u32::MAX` (`template::SIZE_CEILING`), so no line start is past it; checked once
/// here, so the casts below never truncate.
fn line_starts(src: &[u8]) -> Vec<u32> {
    const WORD: usize = 8;
    assert!(
        u32::try_from(src.len()).is_ok(),
        "a template body under 4 GiB (template::SIZE_CEILING)"
    );
    let words = src.chunks_exact(WORD);
    let tail = words.remainder();
    let word = |w: &[u8]| newlines(u64::from_le_bytes(w.try_into().unwrap_or([0; WORD])));
    // Counted a byte at a time in each lane of a word: a lane holds at most 255 (the
    // words of one block) before the lanes are added up.
    let mut count: usize = tail.iter().map(|&b| usize::from(b == b'\n')).sum();
    for block in src[..src.len() - tail.len()].chunks(WORD * 255) {
        let lanes: u64 = block.chunks_exact(WORD).map(|w| word(w) >> 7).sum();
        count += usize::try_from(lanes.wrapping_mul(LANES) >> 56).unwrap_or(0);
    }
    let mut starts = Vec::with_capacity(count + 1);
    starts.push(0);
    let mut base = 1;
    for w in src.chunks_exact(WORD) {
        let mut mask = word(w);
        while mask != 0 {
            starts.push((base + mask.trailing_zeros() as usize / WORD) as u32);
            mask &= mask - 1;
        }
        base += WORD;
    }
    starts.extend(
        tail.iter()
            .enumerate()
            .filter(|&(_, &b)| b == b'\n')
            .map(|(i, _)| (base + i) as u32),
    );
    starts
}

/// A byte of 1 in each lane of a word.
const LANES: u64 = u64::from_ne_bytes([1; 8]);

/// The high bit of each byte of `word` that is a newline, and no other bit: exact,
/// since no lane carries into the next (the classic `(x - 1) & !x` may).
fn newlines(word: u64) -> u64 {
    const LOW7: u64 = u64::from_ne_bytes([0x7f; 8]);
    const NL: u64 = u64::from_ne_bytes([b'\n'; 8]);
    let x = word ^ NL;
    !(((x & LOW7) + LOW7) | x) & !LOW7
}

/// Removes common indentation and blank edges from comment text.
fn dedent(text: &str) -> String {
    let indent = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let lines: Vec<&str> = text
        .lines()
        .map(|l| l.get(indent..).unwrap_or(l.trim_start()))
        .collect();
    crate::text::sanitize::trim_lines(&lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::blocks;

    fn source(src: &str) -> Source<'_> {
        Source::new(src, blocks::parse(src).expect("shallow").comments)
    }

    #[test]
    fn lines_and_positions() {
        let s = source("a\n\nbé c\n\n");
        assert_eq!(s.line_of(3), 2);
        assert_eq!(s.position(6), (2, 3));
        assert_eq!(s.lines(&(3..9)), 2..3);
        assert_eq!(s.line_text(2), "bé c\n");
        assert_eq!(s.lines_text(1..9), "\nbé c\n\n");
        assert_eq!(s.span(2..3), 3..9);
    }

    #[test]
    fn comments_cut_by_a_range_go_too() {
        let src = "a <!-- x -->b\n\n<!--\n  one\n    two\n-->\n";
        let s = source(src);
        assert_eq!(s.strip_comments(0..src.len()), "a b\n\n\n");
        assert_eq!(s.strip_comments(4..14), "b\n");
        assert_eq!(s.strip_comments_within(4..14), "-- x -->b\n");
        assert_eq!(s.comment_text(&(0..src.len())), "x\none\n  two");
        assert_eq!(
            s.comments_within(&(2..12)).collect::<Vec<_>>(),
            ["<!-- x -->"]
        );
    }

    /// Lines looked up forward, backward, near and far give what a search of the line
    /// starts gives.
    #[test]
    fn lines_of_offsets_in_any_order() {
        let src = "a\n\nbb\nccc\n\n\n\n\n\nd\ne\nlast";
        let s = source(src);
        let starts: Vec<usize> = (0..s.line_starts()).map(|l| s.line_start(l)).collect();
        let search = |at: usize| starts.iter().filter(|&&st| st <= at).count() - 1;
        let mut order: Vec<usize> = (0..=src.len()).collect();
        order.extend((0..=src.len()).rev());
        order.extend((0..=src.len()).step_by(7));
        order.extend([src.len(), 0, 9, 3, src.len() - 1, 1]);
        for at in order {
            assert_eq!(s.line_of(at), search(at), "{at}");
        }
    }

    /// Line starts read a word at a time are those of a byte at a time: newlines at
    /// every place in a word, in the tail after the last whole word, next to bytes one
    /// bit away from a newline (`\x0b`, `\x08`, `\x8a`) and to bytes that carry in a sum.
    #[test]
    fn line_starts_by_words_are_line_starts_by_bytes() {
        let by_bytes = |src: &[u8]| -> Vec<u32> {
            std::iter::once(0)
                .chain(
                    src.iter()
                        .enumerate()
                        .filter(|&(_, &b)| b == b'\n')
                        .map(|(i, _)| u32::try_from(i + 1).unwrap()),
                )
                .collect()
        };
        let mut cases: Vec<Vec<u8>> = vec![Vec::new(), b"\n".to_vec(), b"abc".to_vec()];
        for len in 0..40 {
            for at in 0..len {
                for other in [b'a', 0x0b, 0x08, 0x8a, 0xff, 0x00, 0x7f, 0x80] {
                    let mut bytes = vec![other; len];
                    bytes[at] = b'\n';
                    cases.push(bytes);
                }
            }
        }
        // More than 255 words, so the lanes are added up more than once.
        cases.push(b"\n\n\n\n\n\n\n\n".repeat(600));
        cases.push(b"line\n\xc3\xa9\n\n\x0b\n".repeat(700));
        for case in cases {
            assert_eq!(line_starts(&case), by_bytes(&case), "{case:?}");
        }
    }

    #[test]
    fn end_lines_of_short_and_long_blocks() {
        let mut src = String::new();
        for i in 0..20 {
            src.push_str("line ");
            src.push_str(&i.to_string());
            src.push('\n');
        }
        src.push_str("\n\n");
        let s = source(&src);
        let at = |line: usize| s.line_start(line);
        // Within the lines looked at one by one, and past them (a binary search).
        assert_eq!(s.lines(&(at(2)..at(5))), 2..5);
        assert_eq!(s.lines(&(at(2)..at(10) + 3)), 2..11);
        assert_eq!(s.lines(&(at(1)..src.len())), 1..20);
        assert_eq!(s.end_line(&(at(20)..src.len())), 21);
    }
}
