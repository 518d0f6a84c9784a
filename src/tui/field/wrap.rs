//! How many rows a line takes when the text-area editor soft-wraps it: the rule of
//! ratatui-textarea's `WrapMode::WordOrGlyph` with tabs of four columns (break at word
//! boundaries; a word wider than the row breaks between graphemes). A text area's
//! height comes from here, so it gets exactly the rows its editor draws.

use ratatui::buffer::CellWidth as _;
use unicode_segmentation::UnicodeSegmentation as _;

/// Columns a tab advances to the next multiple of.
pub const TAB: usize = 4;

/// Rows `line` takes at `width` columns (at least one).
pub fn rows(line: &str, width: usize) -> usize {
    let width = width.max(1);
    let chunks: Vec<&str> = line.split_word_bounds().collect();
    let mut rows = 0;
    // The row being filled: its width, and whether anything is on it.
    let (mut used, mut started) = (0usize, false);
    let mut i = 0;
    while i < chunks.len() {
        let chunk = chunks[i];
        let w = width_to(chunk, used) - used;
        if used + w <= width {
            used += w;
            started = true;
            i += 1;
        } else if started {
            // The chunk goes on the next row, measured from its start.
            rows += 1;
            (used, started) = (0, false);
        } else {
            rows += glyph_rows(chunk, width);
            i += 1;
        }
    }
    if started {
        rows += 1;
    }
    rows.max(1)
}

/// Rows a word wider than the row takes, broken between graphemes.
fn glyph_rows(word: &str, width: usize) -> usize {
    let mut rows = 0;
    let (mut used, mut started) = (0usize, false);
    for grapheme in word.graphemes(true) {
        let mut next = width_to(grapheme, used);
        if started && next > width {
            rows += 1;
            next = width_to(grapheme, 0);
        }
        used = next;
        started = true;
        // A grapheme wider than the row has the row to itself.
        if used > width {
            rows += 1;
            (used, started) = (0, false);
        }
    }
    if started {
        rows += 1;
    }
    rows
}

/// The column after `text` drawn from column `from` (tabs go to the next stop).
fn width_to(text: &str, from: usize) -> usize {
    text.chars().fold(from, |col, c| match c {
        '\t' => col + TAB - col % TAB,
        c if c.is_control() => col,
        c => col + usize::from(c.encode_utf8(&mut [0; 4]).cell_width()),
    })
}

/// Where `text` stops fitting in `columns` terminal columns: the byte index of its first
/// character that does not fit (its length when all of it does).
pub fn cut_at(text: &str, columns: usize) -> usize {
    let mut used = 0;
    text.char_indices()
        .find(|&(_, c)| {
            used += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            used > columns
        })
        .map_or(text.len(), |(at, _)| at)
}

/// `text` in at most `columns` columns, ending in `…` when it had to be cut, so a cut
/// shows as one.
pub fn with_ellipsis(text: &str, columns: usize) -> std::borrow::Cow<'_, str> {
    if unicode_width::UnicodeWidthStr::width(text) <= columns {
        return std::borrow::Cow::Borrowed(text);
    }
    let kept = &text[..cut_at(text, columns.saturating_sub(1))];
    if columns == 0 {
        return std::borrow::Cow::Borrowed("");
    }
    std::borrow::Cow::Owned(format!("{}…", kept.trim_end()))
}

#[cfg(test)]
mod tests {
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::widgets::Widget as _;
    use ratatui_textarea::{TextArea, WrapMode};

    use super::*;

    /// The rows the editor really draws `line` in at `width`.
    fn drawn_rows(line: &str, width: u16) -> usize {
        let mut editor = TextArea::new(vec![line.to_owned()]);
        editor.set_wrap_mode(WrapMode::WordOrGlyph);
        editor.set_tab_length(TAB as u8);
        let area = Rect::new(0, 0, width, 40);
        let mut buf = Buffer::empty(area);
        (&editor).render(area, &mut buf);
        (0..area.height)
            .rev()
            .find(|&y| (0..width).any(|x| buf[(x, y)].symbol() != " "))
            .map_or(1, |y| usize::from(y) + 1)
    }

    #[test]
    fn rows_match_what_the_editor_draws() {
        let lines = [
            "aaaaaa bbbbbb cccccc",
            "short",
            "a line with several words that wraps over more than two rows of text",
            "averyveryverylongwordthatdoesnotfitononerowatall and more",
            "漢字かな漢字かな漢字かな 漢字",
            "tab\tseparated\tcolumns\tof\ttext x",
            "emoji 👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽 done.",
            "x",
        ];
        for line in lines {
            for width in [7u16, 10, 13, 20, 33] {
                assert_eq!(
                    rows(line, usize::from(width)),
                    drawn_rows(line, width),
                    "{line:?} at {width}"
                );
            }
        }
    }

    #[test]
    fn words_push_rows_that_counting_characters_misses() {
        // 20 characters fit two rows of 10, but the words need three.
        assert_eq!(rows("aaaaaa bbbbbb cccccc", 10), 3);
        assert_eq!(rows("", 10), 1);
    }
}
