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

use std::ops::Range;

use pulldown_cmark::{Event, OffsetIter, Options, Parser, Tag};

/// Pieces are at least this long (the last one may be shorter).
pub const MIN_CHUNK: usize = 64 * 1024;

type Item<'s> = (Event<'s>, Range<usize>);

/// The events of the whole body, piece after piece, with offsets into the whole body.
pub struct Chunks<'s> {
    src: &'s str,
    options: Options,
    min_chunk: usize,
    /// Whether the text may be cut at all (it has no link reference definitions).
    cut: bool,
    /// The checked events of the current piece.
    piece: std::vec::IntoIter<Item<'s>>,
    /// The last piece, streamed, with where it starts.
    rest: Option<(usize, OffsetIter<'s>)>,
    /// Where the next piece starts; `None` once the last one is under way.
    next: Option<usize>,
}

impl<'s> Chunks<'s> {
    /// Events of `src`, read in pieces of at least `min_chunk` bytes.
    pub fn new(src: &'s str, options: Options, min_chunk: usize) -> Self {
        Self {
            src,
            options,
            min_chunk: min_chunk.max(1),
            cut: src.len() > min_chunk && !src.contains("]:"),
            piece: Vec::new().into_iter(),
            rest: None,
            next: Some(0),
        }
    }

    /// Reads the piece that starts at `start`.
    fn load(&mut self, start: usize) {
        let mut span = self.min_chunk;
        loop {
            let found = self
                .cut
                .then(|| heading_line(self.src, start + span))
                .flatten();
            let Some(cut) = found else {
                let events = Parser::new_ext(&self.src[start..], self.options).into_offset_iter();
                self.rest = Some((start, events));
                self.next = None;
                return;
            };
            if let Some(events) = self.checked_piece(start, cut) {
                self.piece = events.into_iter();
                self.next = Some(cut);
                return;
            }
            span = (cut - start) * 2;
        }
    }

    /// The events of `start..cut` when markdown reads a top-level heading at `cut`.
    fn checked_piece(&self, start: usize, cut: usize) -> Option<Vec<Item<'s>>> {
        let line_end = self.src[cut..]
            .find('\n')
            .map_or(self.src.len(), |i| cut + i + 1);
        let text = &self.src[start..line_end];
        // Room for the events up front (about one per 8 bytes in real templates and in
        // the synthetic ones): no copying as the vector grows.
        let mut events = Vec::with_capacity(text.len() / 8);
        let mut depth = 0usize;
        for (event, range) in Parser::new_ext(text, self.options).into_offset_iter() {
            let range = range.start + start..range.end + start;
            if depth == 0 && range.start == cut {
                return matches!(event, Event::Start(Tag::Heading { .. })).then_some(events);
            }
            match event {
                Event::Start(_) => depth += 1,
                Event::End(_) => depth = depth.saturating_sub(1),
                _ => {}
            }
            events.push((event, range));
        }
        None
    }
}

impl<'s> Iterator for Chunks<'s> {
    type Item = Item<'s>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.piece.next() {
                return Some(item);
            }
            if let Some((base, events)) = &mut self.rest {
                let base = *base;
                return events
                    .next()
                    .map(|(event, range)| (event, range.start + base..range.end + base));
            }
            let start = self.next?;
            self.load(start);
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
