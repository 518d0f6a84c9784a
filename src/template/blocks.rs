//! The markdown block structure of a template body, read with pulldown-cmark: headings,
//! paragraphs, lists with items and task markers, code, tables and HTML, each with its
//! byte range; plus every HTML comment's range.

mod chunks;
mod pools;

use std::borrow::Cow;
use std::iter::Peekable;
use std::ops::Deref;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Tag, TagEnd};

use chunks::Chunks;
use pools::Pools;

/// One markdown block with its source range. Text is borrowed from the source where
/// markdown leaves it as written (nearly always); a top-level heading's comes with its
/// slug, which [`Reader::next_block`] makes.
#[derive(Debug, Clone)]
pub enum Block<'s> {
    Heading {
        range: Range<usize>,
        level: u8,
        text: Cow<'s, str>,
        /// For a top-level heading, the slug of its text: the base of its section's id
        /// (see [`Reader::next_block`]); `None` for a heading inside another block. In an
        /// `Arc`: the section's id, shared with its unlabelled field's.
        slug: Option<std::sync::Arc<str>>,
    },
    Paragraph {
        range: Range<usize>,
        inlines: Vec<Inline<'s>>,
    },
    List {
        range: Range<usize>,
        start: Option<u64>,
        items: Vec<Item<'s>>,
    },
    Code {
        range: Range<usize>,
        info: Cow<'s, str>,
        fenced: bool,
        closed: bool,
    },
    Table(Table<'s>),
    Html {
        range: Range<usize>,
    },
    Rule {
        range: Range<usize>,
    },
    /// Block quotes and anything else kept as written.
    Other {
        range: Range<usize>,
    },
}

/// A list item: its task marker, the inline content of its first paragraph, and the
/// blocks after that (nested lists, more paragraphs).
#[derive(Debug, Clone)]
pub struct Item<'s> {
    pub range: Range<usize>,
    pub task: Option<(bool, Range<usize>)>,
    pub inlines: ItemInlines<'s>,
    pub children: Vec<Block<'s>>,
}

/// An item's inline content, a slice to its readers: up to two elements (`**Label:**
/// text`, `[ ] Option`) are held in the item, as a list of its own for each item was a
/// third of the reader's allocations.
#[derive(Debug, Clone, Default)]
pub struct ItemInlines<'s>(Held<'s>);

#[derive(Debug, Clone, Default)]
enum Held<'s> {
    #[default]
    Zero,
    One([Inline<'s>; 1]),
    Two([Inline<'s>; 2]),
    More(Vec<Inline<'s>>),
}

impl<'s> ItemInlines<'s> {
    /// All of `scratch`, taken.
    fn take(scratch: &mut Vec<Inline<'s>>) -> Self {
        if scratch.len() > 2 {
            return Self(Held::More(take_exact(scratch)));
        }
        let last = scratch.pop();
        let first = scratch.pop();
        Self(match (first, last) {
            (Some(first), Some(last)) => Held::Two([first, last]),
            (None, Some(only)) => Held::One([only]),
            _ => Held::Zero,
        })
    }
}

impl<'s> Deref for ItemInlines<'s> {
    type Target = [Inline<'s>];

    fn deref(&self) -> &[Inline<'s>] {
        match &self.0 {
            Held::Zero => &[],
            Held::One(one) => one,
            Held::Two(two) => two,
            Held::More(more) => more,
        }
    }
}

/// A table: its cells' text (trimmed, borrowed from the source), the header's first,
/// in one list (a `String` per cell and a list per row were most of a table's
/// allocations).
#[derive(Debug, Clone)]
pub struct Table<'s> {
    pub range: Range<usize>,
    cells: Vec<&'s str>,
    /// How many of `cells` are the header's.
    head: usize,
    pub rows: Vec<Row>,
}

impl<'s> Table<'s> {
    /// The header's cells.
    pub fn head(&self) -> &[&'s str] {
        &self.cells[..self.head]
    }

    /// A body row's cells.
    pub fn cells(&self, row: &Row) -> &[&'s str] {
        &self.cells[row.cells.clone()]
    }
}

/// A table body row: its range, and where its cells are in its table's.
#[derive(Debug, Clone)]
pub struct Row {
    pub range: Range<usize>,
    cells: Range<usize>,
}

/// A top-level inline element of a paragraph or item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline<'s> {
    Text(Range<usize>),
    Code(Range<usize>),
    Strong(Range<usize>, Cow<'s, str>),
    Emph(Range<usize>),
    Link(Range<usize>),
    /// Inline HTML; comments are also listed in [`Doc::comments`].
    Html(Range<usize>),
    Break(Range<usize>),
    Other(Range<usize>),
}

impl Inline<'_> {
    pub fn range(&self) -> Range<usize> {
        match self {
            Inline::Text(r)
            | Inline::Code(r)
            | Inline::Strong(r, _)
            | Inline::Emph(r)
            | Inline::Link(r)
            | Inline::Html(r)
            | Inline::Break(r)
            | Inline::Other(r) => r.clone(),
        }
    }
}

/// How deeply block containers (lists, block quotes) may nest. Real templates stay
/// under ten; the walk and everything built from it is recursive, so deeper input is
/// refused rather than risk the stack.
pub const MAX_NESTING: usize = 64;

/// Blocks nested deeper than [`MAX_NESTING`], starting at byte `offset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooDeep {
    pub offset: usize,
}

/// The parsed body, all at once (the tests' view; the builder reads with [`Reader`]).
#[cfg(test)]
#[derive(Debug, Clone)]
pub struct Doc<'s> {
    pub blocks: Vec<Block<'s>>,
    /// Byte ranges of every HTML comment outside code.
    pub comments: Vec<Range<usize>>,
    /// Offsets of comments opened with `<!--` and never closed.
    pub unclosed_comments: Vec<usize>,
}

type Events<'a> = Peekable<Chunks<'a>>;

/// Parses `src` into blocks, refusing containers nested deeper than [`MAX_NESTING`].
#[cfg(test)]
pub fn parse(src: &str) -> Result<Doc<'_>, TooDeep> {
    parse_nested(src, MAX_NESTING)
}

/// [`parse`], refusing containers nested deeper than `max_nesting`.
#[cfg(test)]
pub fn parse_nested(src: &str, max_nesting: usize) -> Result<Doc<'_>, TooDeep> {
    let mut reader = Reader::new(src, max_nesting);
    let mut blocks = Vec::new();
    while let Some(block) = reader.next_block() {
        blocks.push(block);
    }
    // Dropping a deep tree recurses too; the tree is at most max_nesting deep.
    let (comments, unclosed_comments) = reader.finish()?;
    Ok(Doc {
        blocks,
        comments,
        unclosed_comments,
    })
}

/// Reads the top-level blocks of a body one at a time, so that a reader can stop early
/// (at a limit) without the rest of the tree being built. Comments are collected as the
/// blocks that hold them are read: [`Reader::comments`] holds those of every block
/// returned so far.
pub struct Reader<'s> {
    it: Events<'s>,
    ctx: Ctx<'s>,
    /// Comments already reported by [`Reader::new_comments`].
    seen_comments: usize,
    seen_unclosed: usize,
}

impl<'s> Reader<'s> {
    pub fn new(src: &'s str, max_nesting: usize) -> Self {
        let mut options = Options::empty();
        options.insert(Options::ENABLE_TABLES);
        options.insert(Options::ENABLE_TASKLISTS);
        options.insert(Options::ENABLE_STRIKETHROUGH);
        Self {
            it: Chunks::new(src, options, chunks::MIN_CHUNK).peekable(),
            ctx: Ctx {
                src,
                comments: Vec::new(),
                unclosed: Vec::new(),
                depth: 0,
                max_depth: max_nesting,
                too_deep: None,
                items: Vec::new(),
                inlines: Vec::new(),
                pools: Pools::default(),
            },
            seen_comments: 0,
            seen_unclosed: 0,
        }
    }

    /// The next top-level block; `None` at the end of the body or once nesting went too
    /// deep (see [`Reader::too_deep`]).
    pub fn next_block(&mut self) -> Option<Block<'s>> {
        if self.ctx.too_deep.is_some() {
            return None;
        }
        while let Some((event, range)) = self.it.next() {
            let block = match event {
                Event::End(_) => return None,
                Event::Start(tag) => self.ctx.block(tag, range, &mut self.it),
                Event::Rule => Block::Rule { range },
                Event::InlineHtml(_) | Event::Html(_) => {
                    self.ctx.note_comments(range);
                    continue;
                }
                _ => continue,
            };
            if self.ctx.too_deep.is_some() {
                return None;
            }
            return Some(with_slug(block));
        }
        None
    }

    /// Where nesting first went deeper than allowed, if it did.
    pub fn too_deep(&self) -> Option<TooDeep> {
        self.ctx.too_deep.map(|offset| TooDeep { offset })
    }

    /// Comments (sorted, without repeats) and unclosed comment offsets found since the
    /// last call, in the order of the text.
    pub fn new_comments(&mut self) -> (&[Range<usize>], &[usize]) {
        if self.ctx.comments.len() == self.seen_comments
            && self.ctx.unclosed.len() == self.seen_unclosed
        {
            // Most blocks hold none.
            return (&[], &[]);
        }
        tidy(&mut self.ctx.comments, self.seen_comments);
        let comments = &self.ctx.comments[self.seen_comments..];
        let unclosed = &self.ctx.unclosed[self.seen_unclosed..];
        self.seen_comments = self.ctx.comments.len();
        self.seen_unclosed = self.ctx.unclosed.len();
        (comments, unclosed)
    }

    /// Every comment and unclosed comment offset, or where nesting went too deep.
    #[cfg(test)]
    pub fn finish(mut self) -> Result<(Vec<Range<usize>>, Vec<usize>), TooDeep> {
        if let Some(deep) = self.too_deep() {
            return Err(deep);
        }
        tidy(&mut self.ctx.comments, 0);
        Ok((self.ctx.comments, self.ctx.unclosed))
    }
}

/// A top-level heading's slug, the base of its section's id, is made here, which for
/// a large body is the reader's thread (see `markdown::assemble::feed`), and taken from
/// the block in the fold. The slug of the text as written is the slug of the section's
/// title: the title only trims or flattens what a slug skips (whitespace and colons).
/// The title itself is made in the fold (`rules::classify`), on the thread that keeps
/// it and clones it as the label of the answer named after the section: the reader,
/// the longer thread on a template of many headings, makes one allocation fewer a
/// heading, and a block is 72 bytes instead of 80 (PERFORMANCE.md, "Session 25: titles
/// made in the fold").
fn with_slug(mut block: Block<'_>) -> Block<'_> {
    if let Block::Heading { text, slug, .. } = &mut block {
        *slug = Some(crate::text::shared_slug(text));
    }
    block
}

/// Sorts and dedups `comments[from..]`; they arrive in text order, nearly always sorted.
fn tidy(comments: &mut Vec<Range<usize>>, from: usize) {
    let sorted = comments[from..].windows(2).all(|w| w[0].start < w[1].start);
    if !sorted {
        let mut tail = comments.split_off(from);
        tail.sort_by_key(|r| r.start);
        tail.dedup();
        comments.extend(tail);
    }
}

struct Ctx<'s> {
    src: &'s str,
    comments: Vec<Range<usize>>,
    unclosed: Vec<usize>,
    /// Containers open around the block being read.
    depth: usize,
    max_depth: usize,
    /// Where nesting first went past `max_depth`.
    too_deep: Option<usize>,
    /// The items of the lists being read, the innermost list's last: each list takes
    /// its own at its end, in a list of their exact number (no growing, no room to
    /// spare while the block waits for the assembler).
    items: Vec<Item<'s>>,
    /// The inline elements being read, taken the same way.
    inlines: Vec<Inline<'s>>,
    pools: Pools<'s>,
}

impl<'s> Ctx<'s> {
    /// Blocks until the end of the enclosing container (or the input).
    fn blocks(&mut self, it: &mut Events<'s>) -> Vec<Block<'s>> {
        let mut out = Vec::new();
        while let Some((event, range)) = it.next() {
            match event {
                Event::End(_) => break,
                Event::Start(tag) => out.push(self.block(tag, range, it)),
                Event::Rule => out.push(Block::Rule { range }),
                Event::InlineHtml(_) | Event::Html(_) => self.note_comments(range),
                _ => {}
            }
        }
        out
    }

    fn block(&mut self, tag: Tag<'s>, range: Range<usize>, it: &mut Events<'s>) -> Block<'s> {
        let container = matches!(
            tag,
            Tag::List(_) | Tag::BlockQuote(_) | Tag::FootnoteDefinition(_)
        );
        if !container {
            return self.leaf_or_container(tag, range, it);
        }
        if self.depth >= self.max_depth || self.too_deep.is_some() {
            // Everything inside is skipped without recursion; parse() then refuses.
            self.too_deep.get_or_insert(range.start);
            skip_to_end(it);
            return Block::Other { range };
        }
        self.depth += 1;
        let block = self.leaf_or_container(tag, range, it);
        self.depth -= 1;
        block
    }

    fn leaf_or_container(
        &mut self,
        tag: Tag<'s>,
        range: Range<usize>,
        it: &mut Events<'s>,
    ) -> Block<'s> {
        match tag {
            Tag::Heading { level, .. } => {
                let text = self.plain_until_end(it, range.len());
                Block::Heading {
                    range,
                    level: level as u8,
                    text,
                    slug: None,
                }
            }
            Tag::Paragraph => {
                self.inlines(it, false);
                Block::Paragraph {
                    inlines: take_exact(&mut self.inlines),
                    range,
                }
            }
            Tag::List(start) => {
                let items = self.items(it);
                Block::List {
                    range,
                    start,
                    items,
                }
            }
            Tag::CodeBlock(kind) => {
                skip_to_end(it);
                let (info, fenced) = match kind {
                    CodeBlockKind::Fenced(info) => (cow(info), true),
                    CodeBlockKind::Indented => (Cow::Borrowed(""), false),
                };
                let closed = !fenced || fence_is_closed(&self.src[range.clone()]);
                Block::Code {
                    range,
                    info,
                    fenced,
                    closed,
                }
            }
            Tag::Table(_) => self.table(range, it),
            Tag::HtmlBlock => {
                skip_to_end(it);
                self.note_comments(range.clone());
                Block::Html { range }
            }
            _ => {
                // Block quotes, footnotes and the like: kept as written, but their
                // comments still count.
                self.blocks(it);
                Block::Other { range }
            }
        }
    }

    fn items(&mut self, it: &mut Events<'s>) -> Vec<Item<'s>> {
        let from = self.items.len();
        // The common arms take their event (see `walk_inline`).
        while let Some((event, range)) = it.next() {
            match event {
                start @ Event::Start(Tag::Item) => {
                    std::mem::forget(start);
                    let item = self.item(range, it);
                    self.items.push(item);
                }
                end @ Event::End(_) => {
                    std::mem::forget(end);
                    break;
                }
                _ => {}
            }
        }
        let n = self.items.len() - from;
        let mut items = self.pools.items(n);
        items.extend(self.items.drain(from..));
        items
    }

    fn item(&mut self, range: Range<usize>, it: &mut Events<'s>) -> Item<'s> {
        let mut item = Item {
            range,
            task: None,
            inlines: ItemInlines::default(),
            children: Vec::new(),
        };
        item.task = task_marker(it);
        // Tight items hold inline content directly; loose ones wrap it in a paragraph.
        self.inlines(it, true);
        item.inlines = ItemInlines::take(&mut self.inlines);
        while let Some((event, range)) = it.next() {
            match event {
                end @ Event::End(TagEnd::Item) => {
                    std::mem::forget(end);
                    break;
                }
                Event::Start(Tag::Paragraph)
                    if item.inlines.is_empty() && item.children.is_empty() =>
                {
                    if let Some(task) = task_marker(it) {
                        item.task = Some(task);
                    }
                    self.inlines(it, false);
                    item.inlines = ItemInlines::take(&mut self.inlines);
                }
                Event::Start(tag) => item.children.push(self.block(tag, range, it)),
                Event::Rule => item.children.push(Block::Rule { range }),
                _ => {}
            }
        }
        item
    }

    fn table(&mut self, range: Range<usize>, it: &mut Events<'s>) -> Block<'s> {
        // Lists kept from spent tables when there are some (see `pools`).
        let mut table = Table {
            range,
            cells: self.pools.cells(),
            head: 0,
            rows: self.pools.rows(),
        };
        // The common arms take their event (see `walk_inline`).
        while let Some((event, r)) = it.next() {
            match event {
                head @ Event::Start(Tag::TableHead) => {
                    std::mem::forget(head);
                    self.cells(it, &mut table.cells);
                    table.head = table.cells.len();
                }
                row @ Event::Start(Tag::TableRow) => {
                    std::mem::forget(row);
                    let from = table.cells.len();
                    self.cells(it, &mut table.cells);
                    table.rows.push(Row {
                        range: r,
                        cells: from..table.cells.len(),
                    });
                }
                end @ Event::End(TagEnd::Table) => {
                    std::mem::forget(end);
                    break;
                }
                _ => {}
            }
        }
        Block::Table(table)
    }

    /// The cells of a row, trimmed, onto `cells`.
    fn cells(&mut self, it: &mut Events<'s>, cells: &mut Vec<&'s str>) {
        while let Some((event, range)) = it.next() {
            match event {
                Event::Start(Tag::TableCell) => {
                    // The cell's content, read here for its comments only: as
                    // `skip_inline` does, without a call per cell (80,400 in the 1.9 MiB
                    // template: the loop in place is about 1.3 M instructions fewer).
                    let mut depth = 0usize;
                    for (event, range) in it.by_ref() {
                        // Each arm takes its event (see `walk_inline`).
                        match event {
                            Event::Start(tag) => {
                                depth += 1;
                                drop(tag);
                            }
                            end @ Event::End(_) => {
                                std::mem::forget(end);
                                if depth == 0 {
                                    break;
                                }
                                depth -= 1;
                            }
                            Event::Text(text) => drop(text),
                            Event::InlineHtml(_) | Event::Html(_) => self.note_comments(range),
                            _ => {}
                        }
                    }
                    cells.push(crate::text::trim(&self.src[range]));
                }
                end @ Event::End(_) => {
                    std::mem::forget(end);
                    break;
                }
                _ => {}
            }
        }
    }

    /// Top-level inline elements until the enclosing block ends, onto `self.inlines`
    /// (empty before). In a tight item (`in_item`), a nested block start also ends the
    /// run and is left unread.
    fn inlines(&mut self, it: &mut Events<'s>, in_item: bool) {
        while let Some((event, _)) = it.peek() {
            let at_block = matches!(event, Event::Start(tag) if is_block_tag(tag))
                || matches!(event, Event::Rule | Event::End(TagEnd::Item));
            if in_item && at_block {
                break;
            }
            let Some((event, range)) = it.next() else {
                break;
            };
            // The common arms take their event (see `walk_inline`).
            let inline = match event {
                end @ Event::End(_) => {
                    std::mem::forget(end);
                    break;
                }
                Event::Text(text) => {
                    drop(text);
                    Inline::Text(range)
                }
                Event::Code(_) => Inline::Code(range),
                Event::SoftBreak | Event::HardBreak => Inline::Break(range),
                Event::InlineHtml(_) | Event::Html(_) => {
                    self.note_comments(range.clone());
                    Inline::Html(range)
                }
                strong @ Event::Start(Tag::Strong) => {
                    std::mem::forget(strong);
                    let text = self.plain_until_end(it, range.len());
                    Inline::Strong(range, text)
                }
                Event::Start(Tag::Emphasis) => {
                    self.skip_inline(it);
                    Inline::Emph(range)
                }
                Event::Start(Tag::Link { .. } | Tag::Image { .. }) => {
                    self.skip_inline(it);
                    Inline::Link(range)
                }
                Event::Start(_) => {
                    self.skip_inline(it);
                    Inline::Other(range)
                }
                _ => Inline::Other(range),
            };
            self.inlines.push(inline);
        }
    }

    /// The plain text of nested inline content until its end tag (comments skipped):
    /// borrowed when it is one piece of text as written, else built with room for
    /// `room` bytes (the element's length: the text is rarely longer).
    fn plain_until_end(&mut self, it: &mut Events<'s>, room: usize) -> Cow<'s, str> {
        let mut text = Plain {
            text: Cow::Borrowed(""),
            room,
        };
        self.walk_inline(it, Some(&mut text));
        text.text
    }

    /// Nested inline content until its end tag, read for its comments only.
    fn skip_inline(&mut self, it: &mut Events<'s>) {
        self.walk_inline(it, None);
    }

    /// Reads nested inline content to its end tag, noting comments, and collects its
    /// plain text into `text` when asked to.
    ///
    /// The arms of the common events take their event: an event left in place is
    /// dropped through a call of its drop glue, an end's drop has nothing to do (a
    /// `TagEnd` is `Copy`: `forget` leaks nothing), nor has a start of a tag that
    /// holds nothing (an item, a table row, strong text), and another start's is its
    /// tag's. About 12
    /// instructions an event fewer (render s1900k: reader -3 M; PERFORMANCE.md,
    /// session 23).
    fn walk_inline(&mut self, it: &mut Events<'s>, mut text: Option<&mut Plain<'s>>) {
        let mut depth = 0usize;
        for (event, range) in it.by_ref() {
            match event {
                Event::Start(tag) => {
                    depth += 1;
                    drop(tag);
                }
                end @ Event::End(_) => {
                    std::mem::forget(end);
                    if depth == 0 {
                        break;
                    }
                    depth -= 1;
                }
                Event::Text(t) | Event::Code(t) => {
                    if let Some(text) = text.as_deref_mut() {
                        text.push(&t);
                    }
                }
                Event::SoftBreak | Event::HardBreak => {
                    if let Some(text) = text.as_deref_mut() {
                        text.push(&CowStr::Borrowed(" "));
                    }
                }
                Event::InlineHtml(_) | Event::Html(_) => self.note_comments(range),
                _ => {}
            }
        }
    }

    /// Records the `<!-- ... -->` comments inside `range`.
    fn note_comments(&mut self, range: Range<usize>) {
        let text = &self.src[range.clone()];
        let mut from = 0;
        while let Some(open) = find(&text[from..], b"<!--") {
            let start = from + open;
            if let Some(close) = find(&text[start + 4..], b"-->") {
                let end = start + 4 + close + 3;
                self.comments.push(range.start + start..range.start + end);
                from = end;
            } else {
                // A comment block left open runs to the end of the document. Opened
                // inside another HTML block (`<pre>`, `<details>`), it is not a comment
                // to markdown, so it stays text rather than swallow the closing tag.
                self.unclosed.push(range.start + start);
                if text[..start].trim().is_empty() {
                    self.comments.push(range.start + start..range.end);
                }
                break;
            }
        }
    }
}

/// Plain text collected from inline events: borrowed while it is one borrowed piece.
struct Plain<'s> {
    text: Cow<'s, str>,
    /// Room to make when it must be owned.
    room: usize,
}

impl<'s> Plain<'s> {
    fn push(&mut self, piece: &CowStr<'s>) {
        if piece.is_empty() {
            return;
        }
        if self.text.is_empty()
            && let CowStr::Borrowed(piece) = *piece
        {
            self.text = Cow::Borrowed(piece);
            return;
        }
        let text = self.text.to_mut();
        text.reserve(self.room.saturating_sub(text.len()).max(piece.len()));
        text.push_str(piece);
    }
}

/// All of `scratch`, taken into a list of their exact number.
fn take_exact<T>(scratch: &mut Vec<T>) -> Vec<T> {
    let mut out = Vec::with_capacity(scratch.len());
    out.append(scratch);
    out
}

/// Markdown's text as a `Cow`: borrowed when it is as written.
fn cow(text: CowStr<'_>) -> Cow<'_, str> {
    match text {
        CowStr::Borrowed(s) => Cow::Borrowed(s),
        owned => Cow::Owned(owned.to_string()),
    }
}

/// Where `needle` first occurs in `text`: memchr for its first byte, then a compare
/// (`str::find` sets up a two-way searcher on every call, for a needle of three bytes).
fn find(text: &str, needle: &[u8]) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(i) = memchr::memchr(needle[0], &bytes[from..]) {
        let at = from + i;
        if bytes[at..].starts_with(needle) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

fn is_block_tag(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::List(_)
            | Tag::Item
            | Tag::Table(_)
            | Tag::FootnoteDefinition(_)
    )
}

/// The task marker (`[ ]`, `[x]`) the next event is, taken; else nothing is read. (The
/// peeked event is looked at in place: a clone of every item's first event cost more.)
fn task_marker(it: &mut Events<'_>) -> Option<(bool, Range<usize>)> {
    let task = match it.peek() {
        Some((Event::TaskListMarker(done), range)) => Some((*done, range.clone())),
        _ => None,
    };
    if task.is_some() {
        it.next();
    }
    task
}

fn skip_to_end(it: &mut Events<'_>) {
    let mut depth = 0usize;
    // Each arm takes its event (see `Ctx::walk_inline`).
    for (event, _) in it.by_ref() {
        match event {
            Event::Start(tag) => {
                depth += 1;
                drop(tag);
            }
            end @ Event::End(_) => {
                std::mem::forget(end);
                if depth == 0 {
                    break;
                }
                depth -= 1;
            }
            _ => {}
        }
    }
}

/// Whether a fenced block's text ends with a closing fence as long as its opening one.
fn fence_is_closed(block: &str) -> bool {
    let mut lines = block.trim_end_matches('\n').lines();
    let Some(open) = lines.next() else {
        return false;
    };
    let open = open.trim_start();
    let Some(fence_char) = open.chars().next() else {
        return false;
    };
    let open_len = open.chars().take_while(|&c| c == fence_char).count();
    lines.next_back().is_some_and(|last| {
        let last = last.trim();
        last.chars().all(|c| c == fence_char) && last.chars().count() >= open_len
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(src: &str) -> Doc<'_> {
        parse(src).expect("nesting within the limit")
    }

    #[test]
    fn items_keep_task_markers_and_nesting() {
        let src = "- [ ] a\n- [x] b\n  - [ ] c\n\n- d\n\n  more\n";
        let doc = parse_ok(src);
        let Block::List { items, .. } = &doc.blocks[0] else {
            panic!("expected a list, got {:?}", doc.blocks)
        };
        assert_eq!(items.len(), 3);
        assert_eq!(items[0].task.as_ref().map(|t| t.0), Some(false));
        assert_eq!(items[1].task.as_ref().map(|t| t.0), Some(true));
        assert!(matches!(items[1].children[0], Block::List { .. }));
        assert_eq!(items[2].task, None);
        assert_eq!(&src[items[2].inlines[0].range()], "d");
        assert!(matches!(items[2].children[0], Block::Paragraph { .. }));
    }

    #[test]
    fn comments_inline_and_block() {
        let src = "a <!-- x\ny --> b\n\n<!-- c -->\n\n```\n<!-- not -->\n```\n";
        let doc = parse_ok(src);
        let found: Vec<&str> = doc.comments.iter().map(|r| &src[r.clone()]).collect();
        assert_eq!(found, ["<!-- x\ny -->", "<!-- c -->"]);
    }

    #[test]
    fn unclosed_comment_runs_to_the_end() {
        let src = "# T\n\n<!-- open\n\n## Next\n";
        let doc = parse_ok(src);
        assert_eq!(doc.unclosed_comments, [5]);
        assert_eq!(doc.comments, vec![5..src.len()]);
    }

    #[test]
    fn code_fences_and_setext_headings() {
        let doc = parse_ok("Title\n=====\n\n```go\nx\n```\n\n~~~\nopen\n");
        assert!(matches!(&doc.blocks[0], Block::Heading { level: 1, text, .. } if text == "Title"));
        assert!(matches!(&doc.blocks[1], Block::Code { info, closed: true, .. } if info == "go"));
        assert!(matches!(&doc.blocks[2], Block::Code { closed: false, .. }));
    }

    #[test]
    fn item_inlines_hold_any_number() {
        let src = "- a\n- **b:** c\n- `d` e *f*\n- [ ]\n";
        let doc = parse_ok(src);
        let Block::List { items, .. } = &doc.blocks[0] else {
            panic!("expected a list, got {:?}", doc.blocks)
        };
        let texts: Vec<Vec<&str>> = items
            .iter()
            .map(|i| i.inlines.iter().map(|x| &src[x.range()]).collect())
            .collect();
        assert_eq!(
            texts,
            [
                vec!["a"],
                vec!["**b:**", " c"],
                vec!["`d`", " e ", "*f*"],
                vec![]
            ]
        );
        assert!(matches!(&items[1].inlines[0], Inline::Strong(_, t) if t == "b:"));
        // Taken whole: what a list held is not seen by the next one.
        let mut scratch = vec![Inline::Text(0..1), Inline::Code(1..2), Inline::Emph(2..3)];
        assert_eq!(ItemInlines::take(&mut scratch).len(), 3);
        assert!(scratch.is_empty());
    }

    #[test]
    fn lists_taken_back_are_filled_again_and_read_the_same() {
        let src = "- a\n- b\n\n| A | B |\n|---|---|\n| x | y |\n\n- c\n- d\n\n\
                   | C | D |\n|---|---|\n| z | w |\n| u | v |\n\n- e\n- f\n- g\n";
        let fresh: Vec<String> = parse_ok(src)
            .blocks
            .iter()
            .map(|b| format!("{b:?}"))
            .collect();
        let mut reader = Reader::new(src, MAX_NESTING);
        let mut read = Vec::new();
        while let Some(block) = reader.next_block() {
            read.push(format!("{block:?}"));
            let mut spent = vec![block];
            reader.recycle(&mut spent);
            assert!(spent.is_empty());
        }
        assert_eq!(read, fresh);
        // One list of each kind kept, lent and kept again; the list of three items
        // did not fit the kept list of two, so that one stays too.
        let pools = &reader.ctx.pools;
        assert_eq!(
            (pools.items.len(), pools.cells.len(), pools.rows.len()),
            (2, 1, 1)
        );
    }

    #[test]
    fn tables_have_cells() {
        let doc = parse_ok("| A | B |\n|---|---|\n| x | X ms |\n");
        let Block::Table(table) = &doc.blocks[0] else {
            panic!("expected a table")
        };
        assert_eq!(table.head(), ["A", "B"]);
        assert_eq!(table.cells(&table.rows[0]), ["x", "X ms"]);
    }
}
