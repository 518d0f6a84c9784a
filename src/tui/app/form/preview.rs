//! The live preview (F2): the finished body, brought up to date field by field as
//! answers change (`render::Body` replaces only the bytes of the pieces that show the
//! field), and an index of its lines, brought up to date over the replaced bytes only,
//! so that a frame reads only the lines it shows and following a section does not scan
//! the text.

use crate::form::Answers;
use crate::render::{Body, Options, Splice};
use crate::template::Template;

#[derive(Debug, Clone)]
pub struct Preview {
    body: Body,
    lines: Lines,
}

impl Preview {
    pub fn new(template: &Template, answers: &Answers) -> Self {
        let body = Body::new(template, answers, Options::default());
        let lines = Lines::new(body.text());
        Self { body, lines }
    }

    /// `field`'s answer changed: only the pieces that show it are rendered again.
    pub fn changed(&mut self, template: &Template, answers: &Answers, field: usize) {
        for splice in self.body.update(template, answers, field) {
            self.lines.splice(self.body.text(), splice);
        }
    }

    /// The whole body.
    pub fn text(&self) -> &str {
        self.body.text()
    }

    pub fn line_count(&self) -> usize {
        self.lines.starts.len()
    }

    /// The lines from line `first` on: what `text().lines().skip(first)` gives, without
    /// reading the lines before.
    pub fn lines_from(&self, first: usize) -> impl Iterator<Item = &str> {
        let count = self.line_count();
        (first.min(count)..count).map(|i| self.lines.line(self.text(), i))
    }

    /// The line of the `nth` heading that reads `title` once markdown's marks are set
    /// aside (a heading with `config.toml` in backticks reads `config.toml settings`);
    /// else the first heading line that holds `title`; else 0. Asked every frame the
    /// preview follows the focus: it compares in place, without a copy per line.
    pub fn heading_line(&self, title: &str, nth: usize) -> usize {
        let text = self.text();
        let mut headings = self.lines.headings.iter();
        headings
            .clone()
            .filter(|&&i| same_heading(self.lines.line(text, i), title))
            .nth(nth)
            .or_else(|| headings.find(|&&i| self.lines.line(text, i).contains(title)))
            .copied()
            .unwrap_or(0)
    }
}

/// Whether two headings or titles read the same with markdown's marks (`#`, `*`,
/// `` ` ``, `_`), the spaces around them and a trailing colon set aside.
pub fn same_heading(a: &str, b: &str) -> bool {
    heading_words(a).eq(heading_words(b))
}

fn heading_words(s: &str) -> impl Iterator<Item = char> + '_ {
    let mark = |c: char| matches!(c, '#' | '*' | '`' | '_');
    s.trim_matches(|c: char| mark(c) || c.is_whitespace())
        .trim_end_matches(':')
        .trim_matches(|c: char| mark(c) || c.is_whitespace())
        .chars()
        .filter(move |&c| !mark(c))
}

/// Where the lines of a text start, the lines as [`str::lines`] splits them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Lines {
    starts: Vec<usize>,
    /// The lines that may be a section's heading: `#` or `**` first (after spaces).
    headings: Vec<usize>,
}

impl Lines {
    fn new(text: &str) -> Self {
        let mut lines = Self::default();
        lines.scan(text, 0, 0);
        lines
    }

    /// Indexes the lines of `text[from..]`, the first of them line number `line`;
    /// returns the starts and headings found, appended to `self`.
    fn scan(&mut self, text: &str, from: usize, line: usize) {
        let mut start = from;
        for (i, l) in text[from..].split_inclusive('\n').enumerate() {
            let head = l.trim_start().as_bytes();
            if head.first() == Some(&b'#') || head.starts_with(b"**") {
                self.headings.push(line + i);
            }
            self.starts.push(start);
            start += l.len();
        }
    }

    /// `text` is the text indexed before with `splice` made: only the lines that
    /// overlap the replaced bytes are indexed again; the lines after move.
    fn splice(&mut self, text: &str, splice: Splice) {
        let Splice {
            at,
            removed,
            inserted,
        } = splice;
        // The lines that start at or before the change are the same up to the one
        // that holds it; the lines that start after the replaced bytes are unchanged
        // but for where they are.
        let first = self.starts.partition_point(|&s| s <= at).saturating_sub(1);
        let after = self.starts.partition_point(|&s| s <= at + removed);
        let from = self.starts.get(first).copied().unwrap_or(0);
        let until = self
            .starts
            .get(after)
            .map_or(text.len(), |&s| s - removed + inserted);
        let mut fresh = Self::default();
        fresh.scan(&text[..until], from, first);
        let shift = |s: usize| s - removed + inserted;
        let (old_count, new_count) = (after - first, fresh.starts.len());
        let tail: Vec<usize> = self.starts[after..].iter().map(|&s| shift(s)).collect();
        self.starts.truncate(first);
        self.starts.extend(fresh.starts);
        self.starts.extend(tail);
        let h_first = self.headings.partition_point(|&h| h < first);
        let h_after = self.headings.partition_point(|&h| h < after);
        let tail: Vec<usize> = self.headings[h_after..]
            .iter()
            .map(|&h| h - old_count + new_count)
            .collect();
        self.headings.truncate(h_first);
        self.headings.extend(fresh.headings);
        self.headings.extend(tail);
    }

    fn line<'a>(&self, text: &'a str, i: usize) -> &'a str {
        let end = self.starts.get(i + 1).copied().unwrap_or(text.len());
        let line = &text[self.starts[i]..end];
        match line.strip_suffix('\n') {
            Some(line) => line.strip_suffix('\r').unwrap_or(line),
            None => line,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The section's own heading, not an earlier one that contains its title nor a
    /// typed bold line; markdown in a heading is read past; same titles by their place.
    #[test]
    fn a_section_is_found_by_its_own_heading() {
        let text = "## Steps to reproduce the Crash\n\n**User Impact** is big\n\n## Crash\n\n\
                    ## User Impact\n\n## `config.toml` settings\n\n## Notes *(optional)*\n\n## Crash\n";
        let template = crate::template::parse("t.md", text.as_bytes()).expect("parses");
        let answers = Answers::new(&template.form);
        let preview = Preview::new(&template, &answers);
        let line = |title, nth| preview.heading_line(title, nth);
        assert_eq!(line("Crash", 0), 4);
        assert_eq!(line("Crash", 1), 12);
        assert_eq!(line("User Impact", 0), 6);
        assert_eq!(line("config.toml settings", 0), 8);
        assert_eq!(line("Notes (optional)", 0), 10);
        assert_eq!(line("Nowhere", 0), 0);
    }

    const TEXTS: [&str; 9] = [
        "",
        "\n",
        "a",
        "a\n",
        "a\n\nb",
        "a\r\nb\r",
        "\n\n x \n",
        "## T\n**B**\n  # c\n",
        "# A\n\nx\n## B\n\ny\nz\n",
    ];

    fn lines_of<'a>(lines: &Lines, text: &'a str) -> Vec<&'a str> {
        (0..lines.starts.len())
            .map(|i| lines.line(text, i))
            .collect()
    }

    #[test]
    fn lines_are_those_of_str_lines() {
        for text in TEXTS {
            let lines = Lines::new(text);
            assert_eq!(
                lines_of(&lines, text),
                text.lines().collect::<Vec<_>>(),
                "{text:?}"
            );
        }
        assert_eq!(Lines::new("## T\n**B**\nx\n  # c\n").headings, [0, 1, 3]);
    }

    #[test]
    fn a_splice_indexes_as_the_whole_text_would() {
        let inserts = ["", "x", "\n", "# h\n", "a\nb", "\n\n**c**\n", "\r\n"];
        for text in TEXTS {
            for at in 0..=text.len() {
                for removed in 0..=(text.len() - at) {
                    for insert in inserts {
                        let mut after = text.to_owned();
                        after.replace_range(at..at + removed, insert);
                        let mut lines = Lines::new(text);
                        let splice = Splice {
                            at,
                            removed,
                            inserted: insert.len(),
                        };
                        lines.splice(&after, splice);
                        assert_eq!(
                            lines,
                            Lines::new(&after),
                            "{text:?} with {removed} bytes at {at} replaced by {insert:?}"
                        );
                    }
                }
            }
        }
    }
}
