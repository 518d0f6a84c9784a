//! The end of the fold: the last section closed, the preamble answered or dropped,
//! then the layout and the ids. Those two depend on nothing of each other's, so for a
//! large body they are made at once on two threads: the second core otherwise idles
//! through them once the reader thread is done. Parents and `(required)` were given
//! as sections closed and fields came (see `close_section`, `add_field`).

use super::sections::{is_empty, link_parents};
use super::{Assembler, Built, Stop, pieces};

impl Assembler<'_> {
    /// The sections, fields (with their ids) and layout. With `split`, the ids are
    /// given on a second thread while this one makes the layout ([`beside`]).
    pub(super) fn finish(mut self, split: bool) -> Result<Built, Stop> {
        let lines = self.source.line_starts() - 1;
        let last = std::mem::replace(
            &mut self.open,
            super::Open::new(std::sync::Arc::default(), 0, 0, 0),
        );
        self.close_section(last, false, lines);
        let mut came_back = false;
        if self.fields.is_empty() {
            // The empty preamble is the one answer: back in its place, first.
            if let Some(preamble) = self.empty_preamble.take() {
                self.sections.insert(0, preamble);
                came_back = true;
            }
            self.give_preamble_a_field();
        }
        // Only the preamble is at level 0, and it is in `sections` only when it holds
        // something: every section is kept, and the fields' section indices stand.
        debug_assert!(self.sections.iter().all(|s| s.level > 0 || !is_empty(s)));
        let Self {
            source,
            claims,
            inserts,
            comment_blocks,
            hidden,
            mut sections,
            mut fields,
            labelled,
            required,
            shapes,
            problems,
            ..
        } = self;
        // The ids on the second thread: allocator arenas go to threads that start, and
        // it starts once the reader thread has ended, so it takes over that one's arena
        // and most of its 50,000 small ids reuse memory the reader freed; the layout's
        // few large vectors reuse the memory this thread freed, as they did before.
        let ids = || {
            if came_back {
                // Every section moved one place: parents linked again.
                link_parents(&mut sections, &fields);
            }
            crate::form::assign_ids(&mut sections, &mut fields, &labelled);
        };
        let layout = || pieces::pieces(&source, claims, inserts, &comment_blocks, &hidden);
        let ((), (pieces, lines)) = beside(split, ids, layout)?;
        Ok(Built {
            sections,
            fields,
            labelled,
            required,
            pieces,
            shapes,
            lines,
            problems,
        })
    }
}

/// Runs `there` on a second thread while `here` runs on this one when `split`, else
/// both on this one, `here` first ([`crate::threads::beside`]); both results. A panic of
/// the second thread is [`Stop::Failed`] with its message, as one of the reader thread
/// is: a refusal of the template, not a crash.
fn beside<T: Send, U>(
    split: bool,
    there: impl FnOnce() -> T + Send,
    here: impl FnOnce() -> U,
) -> Result<(T, U), Stop> {
    if !split {
        let mine = here();
        return Ok((there(), mine));
    }
    crate::threads::beside("markdown-ids", there, here).map_err(Stop::Failed)
}

#[cfg(test)]
mod tests {
    use super::{Stop, beside};

    /// Both run, on one thread or two, and the second's result comes back.
    #[test]
    fn both_run_either_way() {
        for split in [false, true] {
            let mut ran = false;
            let made = beside(
                split,
                || 6 * 7,
                || {
                    ran = true;
                    "here"
                },
            );
            assert!(matches!(made, Ok((42, "here"))), "split {split}");
            assert!(ran, "split {split}");
        }
    }

    /// The second thread's panic is a refusal with its message; this thread's work
    /// is still done.
    #[test]
    fn a_panic_on_the_second_thread_is_a_refusal() {
        let mut ran = false;
        let made = beside(true, || -> u8 { panic!("ids {}", 1) }, || ran = true);
        assert!(
            matches!(&made, Err(Stop::Failed(why)) if why == "ids 1"),
            "{made:?}"
        );
        assert!(ran);
    }
}
