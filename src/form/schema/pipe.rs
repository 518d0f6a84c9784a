//! The sections of a large form's schema made on two threads while they are written:
//! in blocks of sections taken alternately, the even ones made here, the odd ones on
//! a second thread that hands each over through a bounded channel, so the text is
//! written in order as it is made and at most a few blocks are held at once.

use std::io::{self, Write};
use std::sync::mpsc::{Receiver, Sender, channel, sync_channel};

use super::super::Form;

/// Sections and fields in a block (about 64 to 256 KiB of JSON): large enough that
/// handing a block over costs little beside making it, small enough that the blocks
/// held at once stay small (each buffer's pages are faulted in once) and the threads
/// finish close together. Measured after the parse on 1.9 MiB and 100k headings: 512
/// to 2,048 alike; 128 took 1-3 ms longer (a hand-over a block), 4,096 1.2 ms longer
/// on 1.9 MiB (13 blocks of 1 MB: their pages).
const BLOCK_ITEMS: usize = 1024;

/// Blocks from which a second thread makes every other one: below, what it saves is
/// not worth its start (about 50 us).
const PIPE_FROM_BLOCKS: usize = 8;

/// Blocks made on the second thread and not yet written (0, the threads in step, took
/// 0.7-2 ms longer; 1, 2 and 4 alike).
const DEPTH: usize = 2;

/// The sections in a block for `form`, when it is large enough for two threads: about
/// [`BLOCK_ITEMS`] sections and fields, by their average.
pub(super) fn block_for(form: &Form) -> Option<usize> {
    let items = form.sections.len() + form.fields.len();
    (items >= BLOCK_ITEMS * PIPE_FROM_BLOCKS)
        .then(|| (BLOCK_ITEMS * form.sections.len() / items).max(1))
}

/// Writes blocks `0..blocks` to `out` in order, each made by `make(block, buffer)`
/// (appending to an empty buffer): the even ones here into `here` and the odd ones on
/// a second thread, or all here when no thread can be started. A write that fails
/// stops the second thread; a panic of it is an error with its message.
pub(super) fn alternate<W: Write>(
    blocks: usize,
    make: impl Fn(usize, &mut Vec<u8>) + Sync,
    out: &mut W,
    here: &mut Vec<u8>,
) -> io::Result<()> {
    let make = &make;
    let (done, ready) = sync_channel::<Vec<u8>>(DEPTH);
    // Written blocks' buffers go back to be made again: their memory is already in
    // place (at most DEPTH + 2 exist, so the channel needs no bound).
    let (returned, spent) = channel::<Vec<u8>>();
    std::thread::scope(|scope| {
        let there = move || {
            for block in (1..blocks).step_by(2) {
                let mut buf = spent.try_recv().unwrap_or_default();
                buf.clear();
                make(block, &mut buf);
                if done.send(buf).is_err() {
                    // The writer stopped.
                    return;
                }
            }
        };
        let started = std::thread::Builder::new()
            .name("schema-blocks".to_owned())
            .spawn_scoped(scope, there);
        let Ok(thread) = started else {
            return write_blocks(0..blocks, make, out, here);
        };
        let wrote = write_alternating(blocks, make, out, here, &ready, &returned);
        // Before the join: a second thread waiting to hand a block over stops.
        drop(ready);
        match thread.join() {
            Ok(()) => wrote,
            Err(panic) => Err(io::Error::other(format!(
                "the second thread making the schema stopped: {}",
                crate::threads::panic_message(panic.as_ref())
            ))),
        }
    })
}

/// Blocks `range` made here and written, one at a time.
fn write_blocks<W: Write>(
    range: std::ops::Range<usize>,
    make: &impl Fn(usize, &mut Vec<u8>),
    out: &mut W,
    here: &mut Vec<u8>,
) -> io::Result<()> {
    for block in range {
        here.clear();
        make(block, here);
        out.write_all(here)?;
    }
    Ok(())
}

/// The even blocks made here, the odd ones received from the second thread, all
/// written in order, up to the first error.
fn write_alternating<W: Write>(
    blocks: usize,
    make: &impl Fn(usize, &mut Vec<u8>),
    out: &mut W,
    here: &mut Vec<u8>,
    ready: &Receiver<Vec<u8>>,
    returned: &Sender<Vec<u8>>,
) -> io::Result<()> {
    for block in 0..blocks {
        if block % 2 == 0 {
            write_blocks(block..block + 1, make, out, here)?;
        } else {
            let buf = ready
                .recv()
                .map_err(|_| io::Error::other("the second thread making the schema stopped"))?;
            out.write_all(&buf)?;
            // Nothing to do when it has ended.
            let _ = returned.send(buf);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
