//! The render layout of a body: every line placed, as the shape of the field that took
//! it over, an answer added before it, or the line as written without its comments.

use std::ops::Range;

use super::source::Source;
use crate::template::layout::{Lines, Piece, ShapeAt};

/// Lines a field took over, with the shape that renders them. Line numbers are `u32`
/// (12 bytes a claim, not 24; one claim a field, alive until the pieces are made, the
/// parse's peak of memory): a template has at most `u32::MAX` bytes
/// (`template::SIZE_CEILING`), so fewer lines than that.
pub(super) type Claim = (Range<u32>, ShapeAt);

/// An answer added before a line (`u32`, as [`Claim`]).
pub(super) type Insert = (u32, ShapeAt);

/// `line` as the `u32` of a [`Claim`] or an [`Insert`].
pub(super) fn line32(line: usize) -> u32 {
    u32::try_from(line).expect("fewer than 2^32 lines (template::SIZE_CEILING)")
}

/// Every line of the body as a layout piece, and the lines kept as text. `claims` are
/// lines fields took over, `inserts` answers added before a line, `comment_blocks` the
/// lines of comment blocks, `hidden` the lines of instructions that became help (they
/// go like comment blocks).
///
/// Never inlined: called once, and inlined into `assemble` (as a change elsewhere
/// made thin LTO do) it no longer inlines `Lines::push` and `Source::line_text`,
/// 100,000 calls each for 100,000 headings (+6.7 M instructions).
#[inline(never)]
pub(super) fn pieces(
    source: &Source<'_>,
    mut claims: Vec<Claim>,
    mut inserts: Vec<Insert>,
    comment_blocks: &[Range<usize>],
    hidden: &[Range<usize>],
) -> (Vec<Piece>, String) {
    claims.sort_by_key(|(r, _)| r.start);
    inserts.sort_by_key(|(at, _)| *at);
    // Walked by index: peekable iterators of them kept more of the loop's state on
    // the stack (+6 M instructions for the 1.9 MiB template).
    let (mut next_claim, mut next_insert) = (0, 0);
    let n = source.line_starts() - usize::from(source.src.ends_with('\n') || source.src.is_empty());
    // At most a piece a line, plus the inserts: room for all of them at once.
    let mut pieces = Vec::with_capacity(n + inserts.len());
    // The kept lines are at most the body (a line without its `\n` gets one): room
    // for that, of which only the pages written are memory, and `into_string` gives
    // back the rest.
    let mut lines = Lines::with_capacity(source.src.len() + 1);
    // Which lines belong to a comment block, looked up per line in O(1).
    let in_comment_block = LineSet::new(comment_blocks, n);
    // Lines of instructions that became help, the same way (a scan of them per line
    // was quadratic in a template of many instructions).
    let is_hidden = LineSet::new(hidden, n);
    // Lines only go forward: the first comment that may touch the line, kept as we go
    // (two binary searches per line were most of the cost of the layout).
    let comments = source.comments();
    let mut next_comment = 0;
    let mut line = 0;
    while line <= n {
        // An answer placed past the last line goes at the end, never nowhere.
        while let Some(&(at, shape)) = inserts.get(next_insert)
            && (at as usize <= line || line == n)
        {
            next_insert += 1;
            pieces.push(Piece::Field {
                shape,
                inserted: true,
            });
        }
        if line == n {
            break;
        }
        if let Some((range, claim)) = claims.get(next_claim)
            && range.start as usize <= line
        {
            next_claim += 1;
            let (end, claim) = (range.end as usize, *claim);
            if end <= line {
                continue;
            }
            let shape = claim;
            pieces.push(Piece::Field {
                shape,
                inserted: false,
            });
            line = end;
            continue;
        }
        if is_hidden.contains(line) {
            pieces.push(Piece::Removed);
        } else {
            let start = source.line_start(line);
            let text = source.line_text(line);
            let end = start + text.len();
            while comments.get(next_comment).is_some_and(|c| c.end <= start) {
                next_comment += 1;
            }
            let comment = comments.get(next_comment).filter(|c| c.start < end);
            pieces.push(static_line(
                source,
                in_comment_block.contains(line),
                (start, text, comment),
                &mut lines,
            ));
        }
        line += 1;
    }
    (pieces, lines.into_string())
}

/// Which of `n` lines lie in one of `ranges`, looked up per line in O(1): a bit a line
/// (a `bool` a line was 160 KB each for the 1.9 MiB template, at the parse's peak).
struct LineSet(Vec<u64>);

impl LineSet {
    fn new(ranges: &[Range<usize>], n: usize) -> Self {
        let mut bits = vec![0u64; n.div_ceil(64)];
        for range in ranges {
            for line in range.start..range.end.min(n) {
                bits[line / 64] |= 1 << (line % 64);
            }
        }
        Self(bits)
    }

    fn contains(&self, line: usize) -> bool {
        self.0
            .get(line / 64)
            .is_some_and(|word| word & (1 << (line % 64)) != 0)
    }
}

/// A line outside any field (`text` at `start`, `comment` the first comment that
/// touches it), with its comments removed.
fn static_line(
    source: &Source<'_>,
    in_comment_block: bool,
    (start, text, comment): (usize, &str, Option<&Range<usize>>),
    lines: &mut Lines,
) -> Piece {
    let end = start + text.len();
    let Some(comment) = comment else {
        let at = lines.push(&[text.strip_suffix('\n').unwrap_or(text)]);
        return if crate::text::is_blank(text) {
            Piece::Blank(at)
        } else {
            Piece::Text(at)
        };
    };
    // A comment block going is a block going; a comment line inside other HTML
    // just disappears.
    let gone = if in_comment_block {
        Piece::Removed
    } else {
        Piece::Dropped
    };
    // A line that is one comment (most commented lines) keeps nothing: no copy of it
    // without the comment is needed to see that.
    let content = text.trim_start();
    let content_start = start + text.len() - content.len();
    if crate::text::is_blank(text)
        || comment.start <= content_start && comment.end >= content_start + content.trim_end().len()
    {
        return gone;
    }
    let kept = source.strip_comments(start..end);
    let indent: String = text
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    let body = collapse_spaces(kept.trim());
    if body.is_empty() {
        gone
    } else {
        Piece::Text(lines.push(&[&indent, &body]))
    }
}

/// Two spaces left where a comment was removed become one.
fn collapse_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c == ' ' && out.ends_with(' ') {
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::LineSet;

    /// A line is in the set when a range covers it, across word edges, with ranges
    /// overlapping, empty, reversed or past the last line.
    #[test]
    fn line_sets_hold_the_lines_of_their_ranges() {
        let reversed = std::ops::Range { start: 9, end: 5 };
        let ranges = [0..1, 3..3, 62..66, 64..70, reversed, 120..200, 127..128];
        for n in [0, 1, 63, 64, 65, 128, 130] {
            let set = LineSet::new(&ranges, n);
            for line in 0..n + 70 {
                let covered = line < n && ranges.iter().any(|r| r.contains(&line));
                assert_eq!(set.contains(line), covered, "n {n}, line {line}");
            }
        }
    }
}
