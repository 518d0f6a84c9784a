//! A large markdown body rendered on two threads: the pieces are cut in two after a
//! piece of text kept as written, where the join carries nothing over (no blank lines
//! pending, no removal, no added field before), so the second part renders alone as it
//! would have after the first and the body is the two parts end to end.

use super::{Join, body_part};
use crate::form::{Answers, Form};
use crate::template::Piece;
use crate::template::layout::Markdown;

/// Pieces from which a body is rendered on two threads: a thread costs about 50 us to
/// start, about what a thousand pieces take to render; below this the second part
/// would save less than the thread costs.
pub(super) const SPLIT_FROM: usize = 16_384;

/// The second thread's share of the pieces, in sixteenths: less than half, as it then
/// runs the work the caller gave it (`render` finds the fields holding examples: about
/// 0.75 ms of cache misses on 1.9 MiB). Timed on 1.9 MiB, this thread's part and the
/// second's with the examples: 4/16 1.50 and 1.28 ms, 5/16 about 1.4 each.
const SECOND_SHARE: usize = 5;

/// Pieces the second thread renders into one string (about 40 KiB of text on 1.9 MiB,
/// under the allocator's 128 KiB threshold for memory of its own): one string for its
/// whole part was new memory, a page fault every 4 KiB, 0.74 ms where runs took 0.53.
const RUN: usize = 4096;

/// The second thread panicked: its message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Panicked(pub String);

impl std::fmt::Display for Panicked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the second thread rendering the body stopped: {}",
            self.0
        )
    }
}

impl std::error::Error for Panicked {}

/// The markdown body of `layout` written into `spare`'s memory, and what `beside`
/// made: on this thread alone below [`SPLIT_FROM`] pieces, else cut where [`cut`] says
/// and the second part rendered on a second thread, which then runs `beside`.
pub(super) fn markdown_body<T: Send>(
    form: &Form,
    answers: &Answers,
    layout: &Markdown,
    spare: Vec<u8>,
    beside: impl FnOnce() -> T + Send,
) -> Result<(String, T), Panicked> {
    let pieces = layout.pieces();
    let at = if pieces.len() >= SPLIT_FROM {
        cut(pieces, pieces.len() - pieces.len() * SECOND_SHARE / 16)
    } else {
        None
    };
    body_cut_at(form, answers, layout, emptied(spare), (at, RUN), beside)
}

/// `spare` emptied, as a string (its memory kept).
fn emptied(mut spare: Vec<u8>) -> String {
    spare.clear();
    String::from_utf8(spare).unwrap_or_default()
}

/// Where to cut `pieces` near `near`: the first place at or before it (else after it)
/// that follows a [`Piece::Text`] and leaves pieces on both sides; `None` when there
/// is none.
pub(super) fn cut(pieces: &[Piece], near: usize) -> Option<usize> {
    let after_text =
        |at: &usize| *at > 0 && *at < pieces.len() && matches!(pieces[*at - 1], Piece::Text(_));
    let near = near.min(pieces.len());
    (1..=near)
        .rev()
        .find(after_text)
        .or_else(|| (near..pieces.len()).find(after_text))
}

/// The body with the pieces from `at` (which must follow a [`Piece::Text`]) rendered
/// on a second thread in runs of `run` pieces, which then runs `then`, or all on this
/// one for `None` (and when no thread can be started), written into `out`.
pub(super) fn body_cut_at<T: Send>(
    form: &Form,
    answers: &Answers,
    layout: &Markdown,
    out: String,
    (at, run): (Option<usize>, usize),
    then: impl FnOnce() -> T + Send,
) -> Result<(String, T), Panicked> {
    let pieces = layout.pieces();
    let Some(at) = at else {
        let mut join = Join::into(out, false);
        body_part(form, answers, layout, pieces, &mut join);
        return Ok((join.out, then()));
    };
    debug_assert!(matches!(
        pieces.get(at.wrapping_sub(1)),
        Some(Piece::Text(_))
    ));
    let (first, second) = pieces.split_at(at);
    let there = || {
        // In runs, each into a string of its own: small enough for the allocator to
        // take from memory freed before (one string would be new memory).
        let mut join = Join::into(String::new(), true);
        let mut parts = Vec::new();
        for run in second.chunks(run.max(1)) {
            body_part(form, answers, layout, run, &mut join);
            parts.push(std::mem::take(&mut join.out));
        }
        (parts, then())
    };
    let mut join = Join::into(out, false);
    let ((parts, made), ()) = crate::threads::beside("render-body", there, || {
        body_part(form, answers, layout, first, &mut join);
    })
    .map_err(Panicked)?;
    for part in &parts {
        join.out.push_str(part);
    }
    Ok((join.out, made))
}

#[cfg(test)]
mod tests;
