//! The body's markdown events read piece by piece, so that pulldown-cmark, which builds
//! the tree of a whole text before its first event, only ever holds one piece's tree (a
//! 1.9 MiB template's tree was 12 times its size).
//!
//! A piece ends before an ATX heading in the first column that markdown, reading the
//! text up to and including that heading's line, takes for a top-level heading. Whether
//! a line is such a heading depends only on the lines before it, so the text before it
//! reads the same alone as in the whole; and at a top-level heading nothing is open, so
//! the text from there reads the same alone too. Link reference definitions reach across
//! the whole text: a text that may hold one (`]:`) is read whole. A cut that fails the
//! check (a `# comment` in fenced code) is tried further on, at twice the distance.

use std::collections::VecDeque;
use std::ops::Range;

use pulldown_cmark::{Event, OffsetIter, Options, Parser, Tag};

/// Pieces are at least this long (the last one may be shorter). 8 KiB, not 64: a
/// piece's tree and events are the reader's largest working set, and their high-water
/// mark stays mapped to the end (about 0.6-1 MB of peak RSS less for the 1.9 MiB
/// template, with no more instructions on either thread; PERFORMANCE.md, `mem3`).
pub const MIN_CHUNK: usize = 8 * 1024;

type Item<'s> = (Event<'s>, Range<usize>);

/// The events of the whole body, piece after piece, with offsets into the whole body.
///
/// A piece is read up to and including the line of the heading where it may end. Its
/// events are handed out one top-level block behind: a block is final once the next one
/// starts (the text up to there reads the same as in the whole). At the heading, the
/// piece ends there. A block that ends before the heading line is final as it starts
/// (its start event's range is the whole block's), so only the block that reaches that
/// line is held. When the piece's text ends without that heading (the line was
/// inside code), the block still held may be cut short: it is dropped and read again,
/// from its first line, in a longer piece.
pub struct Chunks<'s> {
    src: &'s str,
    options: Options,
    min_chunk: usize,
    /// Whether the text may be cut at all (it has no link reference definitions).
    cut: bool,
    /// The piece being read: where it starts, where it may end (`None`: the rest of
    /// the text), and its events.
    piece: Option<Piece<'s>>,
    /// Events of the piece not yet handed out: the first `ready` are final.
    held: VecDeque<Item<'s>>,
    ready: usize,
    depth: usize,
    /// The top-level block being read ends before the piece's heading line: it reads
    /// the same as in the whole already, so its events go out without being held.
    through: bool,
    /// Events go straight out, with nothing to check but nesting: nothing is held and
    /// either this is the last piece or a block read `through` is open.
    fast: bool,
    /// How many pieces were started (tests).
    pub(super) started: usize,
}

struct Piece<'s> {
    base: usize,
    end_at: Option<usize>,
    /// How far ahead this piece looked for its end.
    span: usize,
    events: OffsetIter<'s>,
}

impl<'s> Chunks<'s> {
    /// Events of `src`, read in pieces of at least `min_chunk` bytes.
    pub fn new(src: &'s str, options: Options, min_chunk: usize) -> Self {
        let mut chunks = Self {
            src,
            options,
            min_chunk: min_chunk.max(1),
            cut: src.len() > min_chunk && !src.contains("]:"),
            piece: None,
            held: VecDeque::new(),
            ready: 0,
            depth: 0,
            through: false,
            fast: false,
            started: 0,
        };
        chunks.start(0, chunks.min_chunk);
        chunks
    }

    /// Starts the piece at `base`, ending at the first heading line `span` or more on.
    fn start(&mut self, base: usize, span: usize) {
        let end_at = self
            .cut
            .then(|| heading_line(self.src, base + span))
            .flatten();
        let end = end_at.map_or(self.src.len(), |at| {
            self.src[at..]
                .find('\n')
                .map_or(self.src.len(), |i| at + i + 1)
        });
        self.started += 1;
        self.depth = 0;
        self.through = false;
        self.piece = Some(Piece {
            base,
            end_at,
            span,
            events: Parser::new_ext(&self.src[base..end], self.options).into_offset_iter(),
        });
    }

    /// The piece ended without its heading: drop the block still held and read again
    /// from its first line, looking twice as far for an end.
    fn retry(&mut self, base: usize, end_at: usize, span: usize) {
        let from = self.held.front().map_or(base, |(_, range)| {
            self.src[..range.start].rfind('\n').map_or(0, |i| i + 1)
        });
        self.held.clear();
        self.ready = 0;
        self.start(from, span.max(end_at.saturating_sub(from)) * 2);
    }
}

impl<'s> Iterator for Chunks<'s> {
    type Item = Item<'s>;

    /// Nearly every event is one inside a block read `through` (or one of the last
    /// piece): those take the short way, inlined where the events are read, instead of
    /// a call through every check of [`Chunks::checked`] (a tenth of the reader).
    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        if self.fast
            && let Some(piece) = self.piece.as_mut()
        {
            if let Some((event, mut range)) = piece.events.next() {
                range.start += piece.base;
                range.end += piece.base;
                if piece.end_at.is_some() {
                    match event {
                        Event::Start(_) => self.depth += 1,
                        Event::End(_) => {
                            self.depth = self.depth.saturating_sub(1);
                            // Back at the top level: the next event is checked.
                            self.fast = self.depth > 0;
                        }
                        _ => {}
                    }
                }
                return Some((event, range));
            }
            self.fast = false;
            // The last piece ended: so did the text.
            piece.end_at?;
        }
        self.checked()
    }
}

impl<'s> Chunks<'s> {
    /// The next event, every check made; then whether the ones after it may take the
    /// short way.
    #[inline(never)]
    fn checked(&mut self) -> Option<Item<'s>> {
        let next = self.next_checked();
        self.fast = self.ready == 0
            && self.held.is_empty()
            && next.is_some()
            && self
                .piece
                .as_ref()
                .is_some_and(|p| p.end_at.is_none() || (self.through && self.depth > 0));
        next
    }

    fn next_checked(&mut self) -> Option<Item<'s>> {
        loop {
            if self.ready > 0 {
                self.ready -= 1;
                return self.held.pop_front();
            }
            let piece = self.piece.as_mut()?;
            let base = piece.base;
            // The event is handed out as it came, its offsets moved in place: each move
            // of an event (over 100 bytes) cost more than the rest of this step.
            let mut next = piece.events.next();
            let Some((event, range)) = next.as_mut() else {
                match piece.end_at {
                    // The last piece ended: so did the text.
                    None => return None,
                    Some(end_at) => {
                        let span = piece.span;
                        self.retry(base, end_at, span);
                        continue;
                    }
                }
            };
            range.start += base;
            range.end += base;
            let Some(end_at) = piece.end_at else {
                // The last piece: nothing to check.
                return next;
            };
            if self.depth == 0 {
                // What came before is final.
                self.ready = self.held.len();
                if range.start == end_at && matches!(event, Event::Start(Tag::Heading { .. })) {
                    let span = self.min_chunk;
                    self.start(end_at, span);
                    continue;
                }
                // A block that ends before the heading line was ended by a line of
                // this piece, read line by line as in the whole: it is final as it
                // starts (a start event's range is the whole block's).
                self.through = range.end <= end_at;
            }
            match event {
                Event::Start(_) => self.depth += 1,
                Event::End(_) => self.depth = self.depth.saturating_sub(1),
                _ => {}
            }
            if self.through && self.held.is_empty() {
                return next;
            }
            self.held.extend(next);
            if self.through {
                self.ready = self.held.len();
            }
        }
    }
}

/// The first line at or after byte `from` that reads `# Title` in the first column (one
/// to six `#`, then a space, a tab or the line's end).
fn heading_line(src: &str, from: usize) -> Option<usize> {
    let mut at = from.min(src.len());
    if at > 0 {
        // From the start of the next line (or of this one, when `from` starts a line).
        // (Bytes: `from` may fall inside a character.)
        at = at - 1 + src.as_bytes()[at - 1..].iter().position(|&b| b == b'\n')? + 1;
    }
    loop {
        let line = &src.as_bytes()[at..];
        let hashes = line.iter().take_while(|&&b| b == b'#').count();
        if (1..=6).contains(&hashes)
            && matches!(line.get(hashes), None | Some(b' ' | b'\t' | b'\n' | b'\r'))
        {
            return Some(at);
        }
        at += src.get(at..)?.find("\n#")? + 1;
    }
}

#[cfg(test)]
mod tests;
