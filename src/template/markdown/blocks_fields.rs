//! Paragraphs (labelled lines, bracketed instructions, bold pseudo-headings, `[ ]` lines),
//! fenced code, `<pre>` blocks and tables.

use std::ops::Range;

use super::Builder;
use super::label::{self, Allow, Rest};
use super::lists::ListKind;
use crate::form::{FieldKind, Opt, Selection, Value};
use crate::template::Severity;
use crate::template::blocks::{Block, Cell, Inline, Row};
use crate::template::hints;
use crate::template::layout::{CheckLine, RowShape, Shape, TableShape};

impl Builder<'_> {
    pub(super) fn paragraph(
        &mut self,
        range: &Range<usize>,
        inlines: &[Inline],
        next: Option<&Block>,
    ) {
        let text = self.source.strip_comments(range.clone());
        let is_link = inlines.iter().any(|i| matches!(i, Inline::Link(_)));
        if let Some(inner) = hints::bracket_only(&text).filter(|_| !is_link) {
            let lines = self.source.lines(range);
            let label = self.pending_label.take();
            let field = self.new_field(
                FieldKind::TextArea,
                label,
                inner,
                Value::Text(String::new()),
                lines.start,
            );
            self.claim(lines, Shape::Block { field });
            return;
        }
        let lines = label::lines(inlines);
        let Some(first) = lines.first() else {
            return self.static_block(range, true);
        };
        let bold = label::split(
            self.source.src,
            first,
            Allow {
                plain: false,
                token: false,
            },
        )
        .filter(|l| l.bold_only);
        if let Some(bold) = bold {
            let line = self.source.line_of(first[0].range().start);
            // Under a real heading, a bold line labels the list or table after it; in a
            // template structured by bold lines, it starts the next part.
            let in_heading = self
                .open
                .as_ref()
                .is_some_and(|o| o.section.level > 0 && !o.pseudo);
            if in_heading && lines.len() == 1 && next.is_some_and(|n| self.is_single_field_block(n))
            {
                self.pending_label = Some(bold.label);
                let open = self.open();
                open.has_content = true;
                open.content_end = Some(line + 1);
                return;
            }
            self.start_pseudo_section(&bold.label, line);
            return self.paragraph_lines(&lines[1..], next);
        }
        // `**Describe the change** A clear description...`: a heading with its help.
        if let Some(Inline::Strong(r, text)) = first.first()
            && !text.trim_end().ends_with(':')
            && !self.source.src[r.end..]
                .trim_start()
                .starts_with([':', '['])
            && first.len() > 1
        {
            let line = self.source.line_of(r.start);
            self.start_pseudo_section(&hints::plain_label(text), line);
            let start = self.source.line_start(line);
            let end = start + self.source.line_text(line).len();
            self.static_block(&(start..end), true);
            return self.paragraph_lines(&lines[1..], next);
        }
        self.paragraph_lines(&lines, next);
    }

    /// A section started by a bold line, one level below the heading it is under.
    fn start_pseudo_section(&mut self, title: &str, line: usize) {
        let level = (self.heading_level + 1).min(6);
        self.start_section(title, level, line, line + 1);
        self.open().pseudo = true;
    }

    /// Lines of a paragraph: labelled lines become fields, `[ ]` lines a checkbox group,
    /// the rest stays as written.
    fn paragraph_lines(&mut self, lines: &[&[Inline]], next: Option<&Block>) {
        if lines.is_empty() {
            return;
        }
        if lines.iter().all(|l| self.is_check_line(l)) {
            return self.check_paragraph(lines);
        }
        let all_labels = self.all_label_lines(lines);
        // A last line like `I tried this code:` introduces the block after it.
        let before_answer = match next {
            Some(Block::List { .. } | Block::Code { .. }) => true,
            Some(Block::Paragraph { inlines, .. }) => !self.all_label_lines(&label::lines(inlines)),
            _ => false,
        };
        for (i, line) in lines.iter().enumerate() {
            let intro = before_answer && i + 1 == lines.len();
            let allow = Allow {
                plain: all_labels,
                token: false,
            };
            // An intro (`Then:`) has nothing after its colon; `Gate: [hint]` is still a field.
            let field = label::split(self.source.src, line, allow).and_then(|lab| {
                let rest = label::rest(&self.source, lab.rest.clone());
                let is_intro =
                    intro && (lab.bold_only || matches!(rest, Rest::Empty(ref h) if h.is_empty()));
                (!matches!(rest, Rest::Literal) && !is_intro).then_some((lab, rest))
            });
            let line_no = self.source.line_of(line[0].range().start);
            if let Some((lab, rest)) = field {
                self.line_field(line_no, &lab, rest);
            } else {
                let start = self.source.line_start(line_no);
                let end = start + self.source.line_text(line_no).len();
                self.static_block(&(start..end), true);
            }
        }
    }

    /// Whether every line is `Label: rest` with a rest that is not literal text.
    fn all_label_lines(&self, lines: &[&[Inline]]) -> bool {
        let plain = Allow {
            plain: true,
            token: false,
        };
        !lines.is_empty()
            && lines.iter().all(|l| {
                label::split(self.source.src, l, plain).is_some_and(|lab| {
                    !matches!(label::rest(&self.source, lab.rest.clone()), Rest::Literal)
                })
            })
    }

    /// Makes the fields of a labelled line and claims the line.
    pub(super) fn line_field(&mut self, line: usize, lab: &label::Labelled, rest: Rest) {
        let prefix = self.source.src[self.source.line_start(line)..lab.rest.start].to_owned();
        if prefix.contains('\n') {
            return;
        }
        let blank_rest = matches!(&rest, Rest::Empty(hint) if hint.is_empty());
        let mut parts = Vec::new();
        let text = |placeholder: String| (FieldKind::Text, placeholder, Value::Text(String::new()));
        let specs = match rest {
            Rest::Empty(hint) | Rest::Hint(hint) => vec![(String::new(), text(hint))],
            Rest::Brackets(brackets) => brackets
                .into_iter()
                .map(|(sep, inner)| {
                    let spec = match hints::choice_options(&inner) {
                        Some(choice) => {
                            let n = choice.options.len();
                            let kind = FieldKind::Choice {
                                options: choice.options.into_iter().map(Opt::new).collect(),
                                custom: choice.custom,
                            };
                            (kind, String::new(), Value::Select(Selection::empty(n)))
                        }
                        None => text(inner),
                    };
                    (sep, spec)
                })
                .collect(),
            Rest::Literal => return,
        };
        for (sep, (kind, placeholder, default)) in specs {
            let field = self.new_field(kind, Some(lab.label.clone()), &placeholder, default, line);
            parts.push((sep, field));
        }
        // A line with nothing after its label stays as written while unanswered.
        let written = self.source.line_text(line).trim_end_matches('\n');
        let bare = if blank_rest {
            written.to_owned()
        } else {
            prefix.trim_end().to_owned()
        };
        let shape = Shape::Line {
            prefix,
            parts,
            bare,
        };
        self.claim(line..line + 1, shape);
    }

    fn is_check_line(&self, line: &[Inline]) -> bool {
        let Some(first) = line.first() else {
            return false;
        };
        let text = &self.source.src[first.range().start..];
        ["[ ] ", "[x] ", "[X] "].iter().any(|m| text.starts_with(m))
    }

    /// `[ ] **4.x**` lines outside a list: a checkbox group that keeps its lines.
    fn check_paragraph(&mut self, lines: &[&[Inline]]) {
        let mut options = Vec::new();
        let mut checked = Vec::new();
        let mut check_lines = Vec::new();
        let first_line = self.source.line_of(lines[0][0].range().start);
        for (index, line) in lines.iter().enumerate() {
            let at = line[0].range().start;
            let line_no = self.source.line_of(at);
            let start = self.source.line_start(line_no);
            let text = self.source.line_text(line_no).trim_end_matches('\n');
            let mark = self.source.src[at + 1..].chars().next().unwrap_or(' ');
            options.push(Opt::new(hints::plain_label(&text[at - start + 3..])));
            checked.push(mark != ' ');
            check_lines.push(CheckLine::Option {
                index,
                head: self.source.src[start..=at].to_owned(),
                mark,
                tail: text[at - start + 2..].to_owned(),
                after_blank: None,
            });
        }
        let last = first_line + lines.len();
        let label = self.pending_label.take();
        let n = options.len();
        let default = Value::Select(Selection {
            checked,
            ..Selection::empty(n)
        });
        let field = self.new_field(
            FieldKind::Checkboxes { options },
            label,
            "",
            default,
            first_line,
        );
        self.claim(
            first_line..last,
            Shape::Checks {
                field,
                lines: check_lines,
            },
        );
    }

    /// Whether a block is one field that a bold line before it labels.
    pub(super) fn is_single_field_block(&self, block: &Block) -> bool {
        match block {
            Block::List { items, .. } => {
                self.runs(items).len() == 1
                    && matches!(self.list_kind(items), ListKind::Checks | ListKind::Editable)
            }
            Block::Table { .. } => true,
            Block::Paragraph { inlines, .. } => {
                let lines = label::lines(inlines);
                !lines.is_empty() && lines.iter().all(|l| self.is_check_line(l))
            }
            _ => false,
        }
    }

    pub(super) fn code(&mut self, range: &Range<usize>, info: &str, closed: bool) {
        if !closed {
            self.problem(
                range.start,
                Severity::Warning,
                "code block is never closed: it runs to the end of the template",
            );
        }
        let lines = self.source.lines(range);
        let original = self.source.lines_text(lines.clone()).to_owned();
        let open = original.lines().next().unwrap_or("```").to_owned();
        let fence: String = {
            let t = open.trim_start();
            let c = t.chars().next().unwrap_or('`');
            t.chars().take_while(|&x| x == c).collect()
        };
        let inner_end = if closed { lines.end - 1 } else { lines.end };
        let content = self
            .source
            .lines_text(lines.start + 1..inner_end.max(lines.start + 1));
        let content = content.strip_suffix('\n').unwrap_or(content).to_owned();
        let language = info.split_whitespace().next().unwrap_or("").to_owned();
        let label = self.pending_label.take();
        let field = self.new_field(
            FieldKind::Code { language },
            label,
            "",
            Value::Text(content),
            lines.start,
        );
        self.claim(
            lines,
            Shape::Fence {
                field,
                open,
                fence,
                original,
            },
        );
    }

    /// A `<pre>` block (optionally with `<code>`) is a code field; its comments are help.
    pub(super) fn pre_block(&mut self, range: &Range<usize>) -> bool {
        let text = &self.source.src[range.clone()];
        let trimmed = text.trim();
        if !trimmed.starts_with("<pre") || !trimmed.ends_with("</pre>") {
            return false;
        }
        let Some(open_end) = trimmed.find('>').map(|i| i + 1) else {
            return false;
        };
        let mut open_end = open_end;
        if trimmed[open_end..].starts_with("<code")
            && let Some(i) = trimmed[open_end..].find('>')
        {
            open_end += i + 1;
        }
        let mut close_start = trimmed.len() - "</pre>".len();
        if trimmed[..close_start].ends_with("</code>") {
            close_start -= "</code>".len();
        }
        if close_start < open_end {
            return false;
        }
        let lead = text.len() - text.trim_start().len();
        let inner_range = range.start + lead + open_end..range.start + lead + close_start;
        // A comment left open inside swallows `</pre>`: then it is not a code block.
        if self
            .source
            .comments_in(&inner_range)
            .iter()
            .any(|c| c.end > inner_range.end)
        {
            return false;
        }
        let content = unescape_html(&crate::text::sanitize::trim_lines(
            &self.source.strip_comments(inner_range.clone()),
        ));
        self.pending_help = match (
            self.pending_help.take(),
            self.source.comment_text(&inner_range),
        ) {
            (Some(a), b) if !b.is_empty() => Some(format!("{a}\n{b}")),
            (a, b) => a.or((!b.is_empty()).then_some(b)),
        };
        let lines = self.source.lines(range);
        let label = self.pending_label.take();
        let field = self.new_field(
            FieldKind::Code {
                language: String::new(),
            },
            label,
            "",
            Value::Text(content),
            lines.start,
        );
        let original = self.source.strip_comments(self.source.span(lines.clone()));
        self.claim(
            lines,
            Shape::Pre {
                field,
                open: trimmed[..open_end].to_owned(),
                close: trimmed[close_start..].to_owned(),
                original: remove_blank_runs(&original),
            },
        );
        true
    }

    pub(super) fn table(&mut self, range: &Range<usize>, head: &[Cell], rows: &[Row]) {
        let lines = self.source.lines(range);
        let columns: Vec<String> = head.iter().map(|c| hints::plain_label(&c.text)).collect();
        let width = columns.len().saturating_sub(1);
        let mut row_labels = Vec::new();
        let mut defaults = Vec::new();
        let mut cell_hints = Vec::new();
        let mut shapes = Vec::new();
        for row in rows {
            let label = row
                .cells
                .first()
                .map(|c| c.text.clone())
                .unwrap_or_default();
            let mut values = Vec::new();
            let mut row_hints = Vec::new();
            for c in 1..=width {
                let text = row.cells.get(c).map_or("", |c| c.text.as_str());
                let hint = !text.is_empty() && hints::is_placeholder(text);
                values.push(if hint { String::new() } else { text.to_owned() });
                row_hints.push(if hint { text.to_owned() } else { String::new() });
            }
            let line = self.source.line_of(row.range.start);
            shapes.push(RowShape {
                original: self.source.lines_text(line..line + 1).to_owned(),
                label: label.clone(),
                verbatim_ok: row_hints.iter().all(String::is_empty) && row.cells.len() == width + 1,
            });
            row_labels.push(hints::plain_label(&label));
            defaults.push(values);
            cell_hints.push(row_hints);
        }
        let first_row = rows
            .first()
            .map_or(lines.end, |r| self.source.line_of(r.range.start));
        let head_text = self.source.lines_text(lines.start..first_row).to_owned();
        let label = self.pending_label.take();
        let kind = FieldKind::Table {
            columns,
            rows: row_labels,
            hints: cell_hints,
        };
        let field = self.new_field(kind, label, "", Value::Table(defaults), lines.start);
        let shape = TableShape {
            field,
            head: head_text,
            rows: shapes,
        };
        self.claim(lines, Shape::Table(shape));
    }
}

fn unescape_html(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// Lines that only held comments leave no blank runs behind in a kept `<pre>` block.
fn remove_blank_runs(text: &str) -> String {
    let mut out = String::new();
    let mut blank = false;
    for line in text.split_inclusive('\n') {
        let is_blank = line.trim().is_empty();
        if is_blank && blank {
            continue;
        }
        blank = is_blank;
        out.push_str(line);
    }
    out
}
