//! Code and HTML blocks: a fenced block or a `<pre>` block is a code field prefilled with
//! its content; an HTML block of comments is help; other HTML is kept as written.

use std::ops::Range;

use super::super::label::blank_but_comments;
use super::{Ctx, NewField, Recognized, prose};
use crate::form::{FieldKind, Value};
use crate::template::layout::Shape;
use crate::template::{Severity, hints};

/// A fenced code block: a code field in the block's language, its content the default.
pub(super) fn fence(
    range: &Range<usize>,
    info: &str,
    closed: bool,
    ctx: &Ctx<'_>,
) -> Vec<Recognized> {
    let source = ctx.source;
    let mut out = Vec::new();
    if !closed {
        out.push(Recognized::Problem {
            offset: range.start,
            severity: Severity::Warning,
            message: "code block is never closed: it runs to the end of the template",
        });
    }
    let lines = source.lines(range);
    let original = source.lines_text(lines.clone()).to_owned();
    let open = original.lines().next().unwrap_or("```").to_owned();
    let fence: String = {
        let t = open.trim_start();
        let c = t.chars().next().unwrap_or('`');
        t.chars().take_while(|&x| x == c).collect()
    };
    let inner_end = if closed { lines.end - 1 } else { lines.end };
    let content = source.lines_text(lines.start + 1..inner_end.max(lines.start + 1));
    let content = content.strip_suffix('\n').unwrap_or(content).to_owned();
    let language = info.split_whitespace().next().unwrap_or("").to_owned();
    // A block that only says what to paste is the placeholder, not the answer.
    let (placeholder, default) = if is_placeholder_code(&content) {
        (content, String::new())
    } else {
        (String::new(), content)
    };
    let field = NewField::new(
        FieldKind::Code { language },
        ctx.label,
        &placeholder,
        Value::Text(default),
        lines.start,
    );
    let shape = Shape::Fence {
        field: 0,
        open: open.into_boxed_str(),
        fence: fence.into_boxed_str(),
        original: original.into_boxed_str(),
    };
    out.push(Recognized::field(field, lines, shape));
    out
}

/// Code that stands for code to paste: comments only (`# Paste your config here`,
/// `// code snippet`), an instruction (`(Insert traceback here)`, `Output of tool
/// --debug`), or a stand-in token (`<version>`, `...`). Real code keeps its place.
fn is_placeholder_code(content: &str) -> bool {
    let lines: Vec<&str> = content
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if lines.is_empty() || lines.len() > 6 {
        return false;
    }
    if lines.iter().all(|l| is_comment_line(l)) {
        return true;
    }
    let text = lines.join(" ");
    let token = text.starts_with('<')
        && text.ends_with('>')
        && text[1..text.len() - 1]
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'));
    lines.len() <= 3 && (token || hints::is_placeholder(&text) || prose::is_instruction(&text))
}

/// A line comment in a common language, or a whole `/* */` or `<!-- -->` comment.
fn is_comment_line(line: &str) -> bool {
    let wrapped = |open: &str, close: &str| line.starts_with(open) && line.ends_with(close);
    line.starts_with("//")
        || line == "#"
        || line.starts_with("# ")
        || line.starts_with("-- ")
        || wrapped("/*", "*/")
        || wrapped("<!--", "-->")
}

/// An HTML block: a `<pre>` code field, help when it is only comments, else kept text.
pub(super) fn html(range: &Range<usize>, ctx: &Ctx<'_>) -> Recognized {
    let source = ctx.source;
    if let Some(pre) = pre(range, ctx) {
        return pre;
    }
    // Most HTML blocks are comments: nothing to strip them from.
    if blank_but_comments(source, range) {
        return Recognized::Comment {
            lines: source.lines(range),
            text: source.comment_text(range),
        };
    }
    let text = source.strip_comments(range.clone());
    if super::aside::is_details(&text) {
        return Recognized::Aside {
            end: source.end_line(range),
        };
    }
    if !text.trim().is_empty() {
        return Recognized::kept(source, range);
    }
    Recognized::Comment {
        lines: source.lines(range),
        text: source.comment_text(range),
    }
}

/// A `<pre>` block (optionally with `<code>`) is a code field; its comments are help.
fn pre(range: &Range<usize>, ctx: &Ctx<'_>) -> Option<Recognized> {
    let source = ctx.source;
    let text = &source.src[range.clone()];
    // Most HTML blocks are comments: the start says so before the end is trimmed.
    let trimmed = text.trim_start();
    if !trimmed.starts_with("<pre") {
        return None;
    }
    let trimmed = trimmed.trim_end();
    if !trimmed.ends_with("</pre>") {
        return None;
    }
    let mut open_end = trimmed.find('>')? + 1;
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
        return None;
    }
    let lead = text.len() - text.trim_start().len();
    let inner = range.start + lead + open_end..range.start + lead + close_start;
    // A comment left open inside swallows `</pre>`: then it is not a code block.
    if source.comments_in(&inner).iter().any(|c| c.end > inner.end) {
        return None;
    }
    let content = unescape_html(&crate::text::sanitize::trim_lines(
        &source.strip_comments(inner.clone()),
    ));
    let lines = source.lines(range);
    let mut field = NewField::new(
        FieldKind::Code {
            language: String::new(),
        },
        ctx.label,
        "",
        Value::Text(content),
        lines.start,
    );
    field.help = source.comment_text(&inner);
    let original = source.strip_comments(source.span(lines.clone()));
    let shape = Shape::Pre {
        field: 0,
        open: trimmed[..open_end].into(),
        close: trimmed[close_start..].into(),
        original: remove_blank_runs(&original).into_boxed_str(),
    };
    Some(Recognized::field(field, lines, shape))
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

#[cfg(test)]
mod tests {
    use super::super::testing::{UNDER_HEADING, first, plain};
    use super::*;

    fn code(language: &str, label: Option<&str>, content: &str) -> NewField {
        NewField::new(
            FieldKind::Code {
                language: language.into(),
            },
            label,
            "",
            Value::Text(content.into()),
            0,
        )
    }

    #[test]
    fn a_fence_is_a_code_field_with_its_content() {
        let src = "```go\nfunc main() {}\n```\n";
        assert_eq!(
            first(src, UNDER_HEADING, Some("Code")),
            [Recognized::field(
                code("go", Some("Code"), "func main() {}"),
                0..3,
                Shape::Fence {
                    field: 0,
                    open: "```go".into(),
                    fence: "```".into(),
                    original: src.into(),
                },
            )]
        );
    }

    #[test]
    fn a_fence_that_says_what_to_paste_is_a_placeholder() {
        for content in [
            "# Paste your config here",
            "// code snippet",
            "(Insert traceback here)",
            "Output of tool --debug",
            "<version>",
            "...",
        ] {
            assert!(is_placeholder_code(content), "{content:?}");
        }
        for content in [
            "# Add any new configuration options\nperformance:\n  workers: 10",
            "// Current implementation\nfunc current() {\n    // ...\n}",
            "#include <stdio.h>",
            "BenchmarkX-8    1000    1234 ns/op",
            "",
        ] {
            assert!(!is_placeholder_code(content), "{content:?}");
        }
        let found = plain("```sh\n# Paste the log here\n```\n");
        let Recognized::Fields { fields, .. } = &found[0] else {
            panic!("{found:?}")
        };
        assert_eq!(
            (fields[0].placeholder.as_str(), &fields[0].default),
            ("# Paste the log here", &Value::Text(String::new()))
        );
    }

    #[test]
    fn an_open_fence_warns_and_runs_to_the_end() {
        let found = plain("~~~~\na\nb\n");
        assert!(matches!(
            &found[0],
            Recognized::Problem {
                offset: 0,
                severity: Severity::Warning,
                ..
            }
        ));
        let Recognized::Fields { fields, lines, .. } = &found[1] else {
            panic!("{found:?}")
        };
        assert_eq!(
            (&fields[0].default, lines),
            (&Value::Text("a\nb".into()), &(0..3))
        );
    }

    #[test]
    fn pre_blocks_are_code_and_their_comments_help() {
        let src = "<pre><code>\n<!-- paste here -->\na &lt; b\n</code></pre>\n";
        let mut field = code("", None, "a < b");
        field.help = "paste here".into();
        assert_eq!(
            plain(src),
            [Recognized::field(
                field,
                0..4,
                Shape::Pre {
                    field: 0,
                    open: "<pre><code>".into(),
                    close: "</code></pre>".into(),
                    original: "<pre><code>\n\na &lt; b\n</code></pre>\n".into(),
                },
            )]
        );
    }

    #[test]
    fn comment_blocks_are_help_and_other_html_is_kept() {
        assert_eq!(
            plain("<!--\n  Say what\n  happened.\n-->\n"),
            [Recognized::Comment {
                lines: 0..4,
                text: "Say what\nhappened.".into(),
            }]
        );
        assert_eq!(
            plain("<div>\n<!-- x -->\n</div>\n"),
            [Recognized::Static {
                text: "<div>\n\n</div>".into(),
                end: 3,
            }]
        );
        // A `<details>` notice is an aside: an answer goes before it.
        assert_eq!(
            plain("<details>\n<!-- x -->\n</details>\n"),
            [Recognized::Aside { end: 3 }]
        );
    }
}
