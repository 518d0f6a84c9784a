//! The live preview (F2): the finished body, brought up to date field by field as
//! answers change (`render::Body`), and an index of its lines, so that a frame reads
//! only the lines it shows and following a section does not scan the text.

use crate::form::Answers;
use crate::render::{Body, Options};
use crate::template::Template;

#[derive(Debug, Clone)]
pub struct Preview {
    body: Body,
    lines: Lines,
}

impl Preview {
    pub fn new(template: &Template, answers: &Answers) -> Self {
        let body = Body::new(template, answers, Options::default());
        let lines = Lines::new(body.text(template));
        Self { body, lines }
    }

    /// `field`'s answer changed: only the pieces that show it are rendered again.
    pub fn changed(&mut self, template: &Template, answers: &Answers, field: usize) {
        self.body.update(template, answers, field);
        self.lines = Lines::new(self.body.text(template));
    }

    /// The whole body.
    pub fn text(&self) -> &str {
        &self.lines.text
    }

    pub fn line_count(&self) -> usize {
        self.lines.starts.len()
    }

    /// The lines from line `first` on: what `text().lines().skip(first)` gives, without
    /// reading the lines before.
    pub fn lines_from(&self, first: usize) -> impl Iterator<Item = &str> {
        let count = self.line_count();
        (first.min(count)..count).map(|i| self.lines.line(i))
    }

    /// The first heading line that holds `title` (0 when none does).
    pub fn heading_line(&self, title: &str) -> usize {
        self.lines
            .headings
            .iter()
            .copied()
            .find(|&i| self.lines.line(i).contains(title))
            .unwrap_or(0)
    }
}

/// A text and where its lines start.
#[derive(Debug, Clone)]
struct Lines {
    text: String,
    /// Where each line starts, the lines as [`str::lines`] splits them.
    starts: Vec<usize>,
    /// The lines that may be a section's heading: `#` or `**` first (after spaces).
    headings: Vec<usize>,
}

impl Lines {
    fn new(text: String) -> Self {
        let (mut starts, mut headings) = (Vec::new(), Vec::new());
        let mut start = 0;
        for line in text.split_inclusive('\n') {
            let head = line.trim_start();
            if head.starts_with('#') || head.starts_with("**") {
                headings.push(starts.len());
            }
            starts.push(start);
            start += line.len();
        }
        Self {
            text,
            starts,
            headings,
        }
    }

    fn line(&self, i: usize) -> &str {
        let end = self.starts.get(i + 1).copied().unwrap_or(self.text.len());
        let line = &self.text[self.starts[i]..end];
        match line.strip_suffix('\n') {
            Some(line) => line.strip_suffix('\r').unwrap_or(line),
            None => line,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_those_of_str_lines() {
        for text in [
            "",
            "\n",
            "a",
            "a\n",
            "a\n\nb",
            "a\r\nb\r",
            "\n\n x \n",
            "## T\n**B**\n  # c\n",
        ] {
            let lines = Lines::new(text.to_owned());
            let indexed: Vec<&str> = (0..lines.starts.len()).map(|i| lines.line(i)).collect();
            assert_eq!(indexed, text.lines().collect::<Vec<_>>(), "{text:?}");
        }
        assert_eq!(
            Lines::new("## T\n**B**\nx\n  # c\n".into()).headings,
            [0, 1, 3]
        );
    }
}
