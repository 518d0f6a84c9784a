//! Lists of blocks the fold is done with, emptied, for the next blocks to fill. On the
//! reader thread, where blocks come back to be dropped (`markdown::assemble::feed`), a
//! list kept is a `malloc` and a `free` fewer: three a section of the 1.9 MiB template
//! (a list's items, a table's cells and rows).

use super::{Block, Item, Reader, Row};

/// Lists kept in each pool at most: the blocks in flight between the threads are
/// about this many.
const POOLED: usize = 1024;

/// The room of a list kept at most: a large one is freed, not lent to a small block.
const POOLED_ROOM: usize = 64;

/// Emptied lists, by what they hold.
#[derive(Default)]
pub(super) struct Pools<'s> {
    pub(super) items: Vec<Vec<Item<'s>>>,
    pub(super) cells: Vec<Vec<&'s str>>,
    pub(super) rows: Vec<Vec<Row>>,
}

impl<'s> Pools<'s> {
    /// A list for `n` items: a kept one when it has the room and not more than twice
    /// of it (a list waits for the fold with no room to spare), else a new one.
    pub(super) fn items(&mut self, n: usize) -> Vec<Item<'s>> {
        match self.items.last() {
            Some(kept) if (n..=2 * n).contains(&kept.capacity()) => {
                self.items.pop().unwrap_or_default()
            }
            _ => Vec::with_capacity(n),
        }
    }

    /// A list for a table's cells: room for a small table's when new (growing costs
    /// more than the room).
    pub(super) fn cells(&mut self) -> Vec<&'s str> {
        self.cells.pop().unwrap_or_else(|| Vec::with_capacity(8))
    }

    /// A list for a table's rows, as [`Pools::cells`].
    pub(super) fn rows(&mut self) -> Vec<Row> {
        self.rows.pop().unwrap_or_else(|| Vec::with_capacity(4))
    }
}

impl<'s> Reader<'s> {
    /// Takes back blocks the fold is done with, leaving `blocks` empty: their lists
    /// are kept, emptied, for the next blocks to fill; the rest is dropped. (Taken in
    /// place: a call or a move per block cost more than the drop.)
    pub fn recycle(&mut self, blocks: &mut Vec<Block<'s>>) {
        let pools = &mut self.ctx.pools;
        for block in blocks.iter_mut() {
            match block {
                Block::List { items, .. } => keep(&mut pools.items, items),
                Block::Table(table) => {
                    keep(&mut pools.cells, &mut table.cells);
                    keep(&mut pools.rows, &mut table.rows);
                }
                _ => {}
            }
        }
        blocks.clear();
    }
}

/// Takes `list` into `pool`, emptied, unless the pool is full or the list too large.
fn keep<T>(pool: &mut Vec<Vec<T>>, list: &mut Vec<T>) {
    if list.capacity() <= POOLED_ROOM && pool.len() < POOLED {
        let mut list = std::mem::take(list);
        list.clear();
        pool.push(list);
    }
}
