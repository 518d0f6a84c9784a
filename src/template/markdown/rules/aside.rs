//! What surrounds the questions without being one: slash commands (`/label ~bug`,
//! `/cc @team`) and `<details>` notices stay as written and are not content, so an
//! answer goes before them; a slash command with an empty argument (`/area `) is a
//! one-line field filled in place (`/area rendering`).

use std::ops::Range;

use super::{Ctx, NewField, Recognized, empty_text};
use crate::form::FieldKind;
use crate::template::layout::Shape;

/// A paragraph of nothing but slash commands: asides, and fields for empty arguments.
pub(super) fn slash_commands(range: &Range<usize>, ctx: &Ctx<'_>) -> Option<Vec<Recognized>> {
    let source = ctx.source;
    let lines = source.lines(range);
    let texts: Vec<&str> = lines
        .clone()
        .map(|l| source.line_text(l).trim_end_matches(['\n', '\r']))
        .collect();
    if texts.is_empty() || !texts.iter().all(|t| command(t).is_some()) {
        return None;
    }
    let mut out = Vec::new();
    for (line, text) in lines.zip(texts) {
        let Some((name, argument)) = command(text) else {
            continue;
        };
        if argument.is_empty() && text.ends_with([' ', '\t']) {
            let prefix = text.to_owned();
            let field = NewField::new(FieldKind::Text, Some(name), "", empty_text(), line);
            let shape = Shape::Line {
                prefix: prefix.into_boxed_str(),
                parts: vec![(String::new(), 0)],
                bare: text.into(),
            };
            out.push(Recognized::field(field, line..line + 1, shape));
        } else {
            out.push(Recognized::Aside { end: line + 1 });
        }
    }
    Some(out)
}

/// `/name argument` at the start of a line: the command's name and its argument.
pub(super) fn command(line: &str) -> Option<(&str, &str)> {
    let rest = line.strip_prefix('/')?;
    let end = rest.find([' ', '\t']).unwrap_or(rest.len());
    let name = &rest[..end];
    let word = name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    (!name.is_empty() && word && name.starts_with(|c: char| c.is_ascii_alphabetic()))
        .then(|| (name, rest[end..].trim()))
}

/// Whether an HTML block is a `<details>` notice (folded text, not a question).
pub(super) fn is_details(text: &str) -> bool {
    text.trim_start()
        .to_ascii_lowercase()
        .starts_with("<details")
}

#[cfg(test)]
mod tests {
    use super::super::testing::plain;
    use super::*;

    #[test]
    fn slash_commands_are_asides_and_an_empty_argument_is_a_field() {
        assert_eq!(
            plain("/label ~bug\n/cc @team\n"),
            [Recognized::Aside { end: 1 }, Recognized::Aside { end: 2 }]
        );
        let field = NewField::new(FieldKind::Text, Some("area"), "", empty_text(), 1);
        let shape = Shape::Line {
            prefix: "/area ".into(),
            parts: vec![(String::new(), 0)],
            bare: "/area ".into(),
        };
        assert_eq!(
            plain("/kind bug\n/area \n"),
            [
                Recognized::Aside { end: 1 },
                Recognized::field(field, 1..2, shape)
            ]
        );
    }

    #[test]
    fn a_path_or_prose_is_not_a_command() {
        assert_eq!(command("/usr/bin/env"), None);
        assert_eq!(command("/ not"), None);
        assert_eq!(command("/cc @a"), Some(("cc", "@a")));
        assert!(matches!(
            plain("/label ~bug\nand some prose\n")[..],
            [Recognized::Static { .. }, ..]
        ));
    }
}
