//! The render layout of a body: every line placed, as the shape of the field that took
//! it over, an answer added before it, or the line as written without its comments.

use std::ops::Range;

use super::source::Source;
use crate::template::layout::{Lines, Piece, ShapeAt};

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
    mut claims: Vec<(Range<usize>, ShapeAt)>,
    mut inserts: Vec<(usize, ShapeAt)>,
    comment_blocks: &[Range<usize>],
    hidden: &[Range<usize>],
) -> (Vec<Piece>, String) {
    claims.sort_by_key(|(r, _)| r.start);
    inserts.sort_by_key(|(at, _)| *at);
    let mut inserts = inserts.into_iter().peekable();
    let mut claims = claims.into_iter().peekable();
    let n = source.line_starts() - usize::from(source.src.ends_with('\n') || source.src.is_empty());
    // At most a piece a line, plus the inserts: room for all of them at once.
    let mut pieces = Vec::with_capacity(n + inserts.len());
    let mut lines = Lines::default();
    // Which lines belong to a comment block, looked up per line in O(1).
    let in_comment_block = line_set(comment_blocks, n);
    // Lines of instructions that became help, the same way (a scan of them per line
    // was quadratic in a template of many instructions).
    let is_hidden = line_set(hidden, n);
    // Lines only go forward: the first comment that may touch the line, kept as we go
    // (two binary searches per line were most of the cost of the layout).
    let comments = source.comments();
    let mut next_comment = 0;
    let mut line = 0;
    while line <= n {
        // An answer placed past the last line goes at the end, never nowhere.
        while let Some((_, shape)) = inserts.next_if(|(at, _)| *at <= line || line == n) {
            pieces.push(Piece::Field {
                shape,
                inserted: true,
            });
        }
        if line == n {
            break;
        }
        if let Some((range, claim)) = claims.next_if(|(r, _)| r.start <= line) {
            if range.end <= line {
                continue;
            }
            let shape = claim;
            pieces.push(Piece::Field {
                shape,
                inserted: false,
            });
            line = range.end;
            continue;
        }
        if is_hidden[line] {
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
                in_comment_block[line],
                (start, text, comment),
                &mut lines,
            ));
        }
        line += 1;
    }
    (pieces, lines.into_string())
}

/// Which of `n` lines lie in one of `ranges`, looked up per line in O(1).
fn line_set(ranges: &[Range<usize>], n: usize) -> Vec<bool> {
    let mut set = vec![false; n];
    for range in ranges {
        let end = range.end.min(n);
        set.get_mut(range.start.min(end)..end)
            .into_iter()
            .flatten()
            .for_each(|l| *l = true);
    }
    set
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
