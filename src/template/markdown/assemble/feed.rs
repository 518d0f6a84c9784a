//! The blocks the assembler folds, with the comments found while reading each: read on
//! the assembler's thread for a small body, or, for a large one, on a second thread
//! that reads ahead while the assembler folds. Both hand out the same blocks and
//! comments in the same order, so the result is the same either way.
//!
//! The reader thread sends batches of blocks through a bounded channel (at most
//! [`DEPTH`] batches wait, so memory stays bounded however far behind the fold is).
//! When the fold stops early (a limit), the receiver is dropped and the reader stops
//! at its next send. Folded blocks go back to the reader thread to be dropped there:
//! memory is freed by the thread that took it, as two threads freeing each other's
//! blocks wait on each other's allocator locks (most of a first try's extra time).
//! The lists that carry them go round too: a batch the fold has read goes back to be
//! filled again, and an emptied list of spent blocks comes back in a batch, so that
//! neither thread allocates (or frees the other's) per hand-over.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::mpsc::{Receiver, Sender, SyncSender, channel, sync_channel};

use crate::template::blocks::{Block, Reader, TooDeep};

/// Bodies at least this long are read on a second thread. Starting one costs tens of
/// microseconds, which a small template (the seeds take 3.6 ms to the first frame)
/// does not win back.
pub(super) const PIPE_FROM: usize = 256 * 1024;

/// Blocks in a batch: a batch is one hand-over between the threads.
const BATCH: usize = 256;

/// Batches that may wait in the channel.
const DEPTH: usize = 4;

/// The reader thread's stack at least: the main thread's usual 8 MiB, since reading
/// recurses once per nesting level and the nesting limit can be raised.
const STACK: usize = 8 * 1024 * 1024;

/// The reader thread's stack at most, for a main thread whose stack is unlimited.
const STACK_MAX: usize = 1024 * 1024 * 1024;

/// The reader thread's stack: as much as the main thread may grow to (`ulimit -s`), so
/// that a nesting limit raised together with `ulimit -s` reads on the second thread
/// what it reads on the first. Only touched pages take memory.
fn reader_stack() -> usize {
    let limit = rustix::process::getrlimit(rustix::process::Resource::Stack).current;
    limit
        .map_or(STACK_MAX, |bytes| {
            usize::try_from(bytes).unwrap_or(STACK_MAX)
        })
        .clamp(STACK, STACK_MAX)
}

/// Where the assembler's blocks come from.
pub(super) struct Feed<'s> {
    inner: Inner<'s>,
}

enum Inner<'s> {
    /// Boxed: a reader is large, and only one is made per body.
    Here(Box<Reader<'s>>),
    /// Boxed: its lists and the channel's ends are large too.
    Piped(Box<Piped<'s>>),
}

/// How reading on the second thread went wrong: it panicked (a bug), with its message.
#[derive(Debug)]
pub(super) struct Failed(pub String);

impl<'s> Feed<'s> {
    /// Blocks read on this thread, as they are asked for.
    pub(super) fn here(src: &'s str, max_nesting: usize) -> Self {
        Self {
            inner: Inner::Here(Box::new(Reader::new(src, max_nesting))),
        }
    }

    /// The next top-level block (`None` at the end of the body or once nesting went
    /// too deep, see [`Feed::too_deep`]) with the comments and unclosed comment offsets
    /// found since the last read: [`Reader::next_block`], then [`Reader::new_comments`].
    pub(super) fn read(&mut self) -> (Option<Block<'s>>, &[Range<usize>], &[usize]) {
        match &mut self.inner {
            Inner::Here(reader) => {
                let block = reader.next_block();
                let (comments, unclosed) = reader.new_comments();
                (block, comments, unclosed)
            }
            Inner::Piped(piped) => piped.read(),
        }
    }

    /// Done with `block`: read on another thread, it is dropped there (unless it owns
    /// nothing to free: a bare heading, a comment, a rule).
    pub(super) fn spent(&mut self, block: Block<'s>) {
        if owns_nothing(&block) {
            return;
        }
        if let Inner::Piped(piped) = &mut self.inner {
            piped.spent.push(block);
            if piped.spent.len() == BATCH {
                piped.give_back();
            }
        }
    }

    /// Where nesting first went deeper than allowed, once the blocks have run out.
    pub(super) fn too_deep(&self) -> Option<TooDeep> {
        match &self.inner {
            Inner::Here(reader) => reader.too_deep(),
            Inner::Piped(piped) => piped.too_deep,
        }
    }
}

/// Whether dropping `block` frees nothing: then it need not go back to the thread that
/// read it (100,000 bare headings were 100,000 blocks handed back for nothing).
fn owns_nothing(block: &Block<'_>) -> bool {
    match block {
        // Its slug taken by the fold.
        Block::Heading { text, slug, .. } => matches!(text, Cow::Borrowed(_)) && slug.is_none(),
        Block::Code { info, .. } => matches!(info, Cow::Borrowed(_)),
        Block::Html { .. } | Block::Rule { .. } | Block::Other { .. } => true,
        Block::Paragraph { .. } | Block::List { .. } | Block::Table(_) => false,
    }
}

/// Runs `fold` over the blocks of `src`, read on a second thread when `piped` (else,
/// or when no thread can be started, on this one). `Err` only when the reader thread
/// panicked before the fold was done with its blocks.
pub(super) fn with_feed<'s, T>(
    src: &'s str,
    max_nesting: usize,
    piped: bool,
    fold: impl FnOnce(&mut Feed<'s>) -> T,
) -> Result<T, Failed> {
    if !piped {
        return Ok(fold(&mut Feed::here(src, max_nesting)));
    }
    let (tx, rx) = sync_channel(DEPTH);
    // Unbounded, but the reader empties it before each batch it sends: what waits in
    // it is at most about what the fold was handed since.
    let (back_tx, back_rx) = channel();
    let fold = std::thread::scope(|scope| {
        let started = std::thread::Builder::new()
            .name("markdown-reader".to_owned())
            .stack_size(reader_stack())
            .spawn_scoped(scope, move || {
                read_ahead(Reader::new(src, max_nesting), &tx, &back_rx);
            });
        let Ok(reader) = started else {
            return Err(fold);
        };
        let mut feed = Feed {
            inner: Inner::Piped(Box::new(Piped::new(rx, back_tx))),
        };
        let out = fold(&mut feed);
        let mut broken = false;
        if let Inner::Piped(piped) = &mut feed.inner {
            broken = piped.broken;
            piped.give_back();
        }
        // A reader still going (the fold stopped early) stops at its next send; one
        // done reading stops once nothing more can come back.
        drop(feed);
        let joined = reader.join();
        Ok(match joined {
            // Blocks went missing only when the channel broke before the end; a fold
            // that stopped earlier (a limit) saw everything it would have seen here.
            Err(panic) if broken => Err(Failed(crate::threads::panic_message(panic.as_ref()))),
            _ => Ok(out),
        })
    });
    match fold {
        Ok(out) => out,
        Err(fold) => Ok(fold(&mut Feed::here(src, max_nesting))),
    }
}

/// Blocks in reading order, each with the comments found up to it.
struct Batch<'s> {
    reads: Vec<Read<'s>>,
    comments: Vec<Range<usize>>,
    unclosed: Vec<usize>,
    /// In the last batch: where nesting went too deep, if it did.
    too_deep: Option<TooDeep>,
    /// An emptied list of spent blocks going back to the fold, to be filled again.
    spare: Option<Vec<Block<'s>>>,
}

impl<'s> Batch<'s> {
    fn new() -> Self {
        Self {
            reads: Vec::with_capacity(BATCH),
            comments: Vec::new(),
            unclosed: Vec::new(),
            too_deep: None,
            spare: None,
        }
    }

    /// A batch from `spares` (emptied), or a new one.
    fn reused(spares: &mut Vec<Batch<'s>>) -> Self {
        spares.pop().map_or_else(Self::new, |mut batch| {
            batch.reads.clear();
            batch.comments.clear();
            batch.unclosed.clear();
            batch
        })
    }
}

/// What goes back from the fold to the reader thread.
enum Back<'s> {
    /// Blocks the fold is done with, to be dropped.
    Spent(Vec<Block<'s>>),
    /// A batch read to its end (its blocks taken), to be filled again.
    Read(Batch<'s>),
}

/// The reader thread's lists that came back, for the next batches.
#[derive(Default)]
struct Spares<'s> {
    batches: Vec<Batch<'s>>,
    spent: Vec<Vec<Block<'s>>>,
}

impl<'s> Spares<'s> {
    /// Hands spent blocks to `reader` to keep their lists or drop them, keeping the
    /// list they came in; or keeps a batch.
    fn take(&mut self, back: Back<'s>, reader: &mut Reader<'s>) {
        match back {
            Back::Spent(mut blocks) => {
                reader.recycle(&mut blocks);
                self.spent.push(blocks);
            }
            Back::Read(batch) => self.batches.push(batch),
        }
    }
}

/// One [`Reader::next_block`] (`None`: the end) and where the comments that
/// [`Reader::new_comments`] gave after it end in its batch's lists.
struct Read<'s> {
    block: Option<Block<'s>>,
    comments: usize,
    unclosed: usize,
}

impl<'s> Read<'s> {
    /// This read, its block taken out of the batch.
    fn take(&mut self) -> Read<'s> {
        Read {
            block: self.block.take(),
            comments: self.comments,
            unclosed: self.unclosed,
        }
    }
}

/// The reader thread: reads every block, in batches, until the end or until the
/// receiver is gone; then drops the blocks that come back until the fold is done.
fn read_ahead<'s>(mut reader: Reader<'s>, tx: &SyncSender<Batch<'s>>, back: &Receiver<Back<'s>>) {
    let mut spares = Spares::default();
    let mut batch = Batch::new();
    loop {
        let block = reader.next_block();
        let end = block.is_none();
        let (comments, unclosed) = reader.new_comments();
        // Most blocks hold no comment: no call to copy nothing.
        if !comments.is_empty() {
            batch.comments.extend_from_slice(comments);
        }
        if !unclosed.is_empty() {
            batch.unclosed.extend_from_slice(unclosed);
        }
        batch.reads.push(Read {
            block,
            comments: batch.comments.len(),
            unclosed: batch.unclosed.len(),
        });
        if end {
            batch.too_deep = reader.too_deep();
            drop(reader);
            // The receiver may be gone; then nothing comes back either.
            let _ = tx.send(batch);
            // Ends when the fold is done and its sender dropped.
            for came in back {
                drop(came);
            }
            return;
        }
        if batch.reads.len() == BATCH {
            while let Ok(came) = back.try_recv() {
                spares.take(came, &mut reader);
            }
            batch.spare = spares.spent.pop();
            let next = Batch::reused(&mut spares.batches);
            if tx.send(std::mem::replace(&mut batch, next)).is_err() {
                return;
            }
        }
    }
}

/// The assembler's side of the channel: the batch being handed out.
struct Piped<'s> {
    rx: Receiver<Batch<'s>>,
    /// The batch being handed out, and its next read.
    batch: Batch<'s>,
    next: usize,
    /// Where the comments of the reads handed out so far end in the batch's lists.
    seen: (usize, usize),
    too_deep: Option<TooDeep>,
    /// Blocks the fold is done with, and the way back to the reader thread; emptied
    /// lists for them that came back.
    spent: Vec<Block<'s>>,
    spare: Vec<Vec<Block<'s>>>,
    back: Sender<Back<'s>>,
    /// The end was read (or the channel broke).
    done: bool,
    /// The channel broke before the end: the reader thread panicked.
    broken: bool,
}

impl<'s> Piped<'s> {
    fn new(rx: Receiver<Batch<'s>>, back: Sender<Back<'s>>) -> Self {
        Self {
            rx,
            spent: Vec::with_capacity(BATCH),
            spare: Vec::new(),
            back,
            batch: Batch {
                reads: Vec::new(),
                comments: Vec::new(),
                unclosed: Vec::new(),
                too_deep: None,
                spare: None,
            },
            next: 0,
            seen: (0, 0),
            too_deep: None,
            done: false,
            broken: false,
        }
    }

    fn read(&mut self) -> (Option<Block<'s>>, &[Range<usize>], &[usize]) {
        let Some(read) = self.next_read() else {
            return (None, &[], &[]);
        };
        let (from, from_unclosed) = self.seen;
        self.seen = (read.comments, read.unclosed);
        self.done = read.block.is_none();
        (
            read.block,
            &self.batch.comments[from..read.comments],
            &self.batch.unclosed[from_unclosed..read.unclosed],
        )
    }

    /// Sends the spent blocks back (or, with the reader thread gone, drops them).
    fn give_back(&mut self) {
        if !self.spent.is_empty() {
            let empty = self
                .spare
                .pop()
                .unwrap_or_else(|| Vec::with_capacity(BATCH));
            let spent = std::mem::replace(&mut self.spent, empty);
            let _ = self.back.send(Back::Spent(spent));
        }
    }

    /// The next read, from the batch at hand or the next one to arrive.
    fn next_read(&mut self) -> Option<Read<'s>> {
        if self.done {
            return None;
        }
        if let Some(read) = self.batch.reads.get_mut(self.next) {
            self.next += 1;
            return Some(read.take());
        }
        // A batch is sent only with a read in it, and the last ends with the end.
        let next = self.rx.recv().ok().and_then(|mut batch| {
            if let Some(spare) = batch.spare.take() {
                self.spare.push(spare);
            }
            self.too_deep = batch.too_deep;
            let read = std::mem::replace(&mut self.batch, batch);
            // Its blocks all taken: back to be filled again.
            if read.reads.capacity() > 0 {
                let _ = self.back.send(Back::Read(read));
            }
            self.seen = (0, 0);
            self.next = 1;
            self.batch.reads.first_mut().map(Read::take)
        });
        if next.is_none() {
            self.done = true;
            self.broken = true;
        }
        next
    }
}

#[cfg(test)]
mod tests;
