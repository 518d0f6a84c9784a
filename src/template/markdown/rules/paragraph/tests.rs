//! The paragraph rules on their own, each with the context the assembler would give.

use super::super::testing::{UNDER_HEADING, first, plain};
use super::*;
use crate::template::markdown::rules::SectionCtx;

const PREAMBLE: SectionCtx<'static> = SectionCtx {
    title: "",
    level: 0,
    pseudo: false,
};

fn text(label: &str, placeholder: &str, line: usize) -> NewField {
    NewField::new(
        FieldKind::Text,
        Some(label),
        placeholder,
        empty_text(),
        line,
    )
}

fn kept(text: &str, end: usize) -> Recognized {
    Recognized::Static {
        text: text.into(),
        end,
    }
}

/// A one-field labelled line as the rule sees it.
fn line(field: NewField, prefix: &str, bare: &str) -> Recognized {
    let line = field.line;
    Recognized::Fields {
        fields: vec![field],
        shape: Shape::Line {
            prefix: prefix.into(),
            parts: vec![(String::new(), 0)],
            bare: bare.into(),
        },
        lines: line..line + 1,
    }
}

#[test]
fn a_bracketed_instruction_is_a_text_area_named_by_the_label_before() {
    let field = NewField::new(
        FieldKind::TextArea,
        Some("Steps"),
        "Describe the bug",
        empty_text(),
        0,
    );
    assert_eq!(
        first("[ Describe the bug ]\n", UNDER_HEADING, Some("Steps")),
        [Recognized::field(field, 0..1, Shape::Block { field: 0 })]
    );
    // A link is text, not an instruction.
    assert_eq!(
        plain("[docs](https://x.y)\n"),
        [kept("[docs](https://x.y)", 1)]
    );
}

#[test]
fn a_bold_line_under_a_heading_labels_a_single_field_block_after_it() {
    let label = Recognized::Label {
        text: "Environment".into(),
        line: 0,
    };
    let src = "**Environment**\n\n<!-- between -->\n\n- [ ] Linux\n- [ ] Mac\n";
    assert_eq!(plain(src), [label]);
    // Anywhere else, and before anything else, it starts a part of its own.
    let pseudo = Recognized::PseudoHeading {
        title: "Environment".into(),
        line: 0,
        notice: false,
    };
    assert_eq!(first(src, PREAMBLE, None), std::slice::from_ref(&pseudo));
    let in_pseudo = SectionCtx {
        pseudo: true,
        ..UNDER_HEADING
    };
    assert_eq!(first(src, in_pseudo, None), std::slice::from_ref(&pseudo));
    assert_eq!(plain("**Environment**\n\nSome text.\n"), [pseudo]);
}

#[test]
fn a_bold_first_line_is_a_heading_for_the_lines_after_it() {
    assert_eq!(
        first(
            "**Versions**\nOS: [e.g. Linux]\n",
            UNDER_HEADING,
            Some("Ignored")
        ),
        [
            Recognized::PseudoHeading {
                title: "Versions".into(),
                line: 0,
                notice: false,
            },
            line(text("OS", "e.g. Linux", 1), "OS:", "OS:"),
        ]
    );
    assert_eq!(
        plain("**Describe the change** A clear description.\nMore.\n"),
        [
            Recognized::PseudoHeading {
                title: "Describe the change".into(),
                line: 0,
                notice: false,
            },
            kept("**Describe the change** A clear description.", 1),
            kept("More.", 2),
        ]
    );
}

#[test]
fn labelled_lines_are_fields_with_one_part_per_bracket() {
    let found = plain("**Effort**: [Small / Large] - [X-Y hours]\n");
    let [
        Recognized::Fields {
            fields,
            shape,
            lines,
        },
    ] = found.as_slice()
    else {
        panic!("{found:?}")
    };
    assert_eq!(lines, &(0..1));
    let choice = FieldKind::Choice {
        options: vec![Opt::new("Small"), Opt::new("Large")],
        custom: None,
    };
    assert_eq!(fields[0].kind, choice);
    assert_eq!(fields[1], text("Effort", "X-Y hours", 0));
    assert_eq!(
        shape,
        &Shape::Line {
            prefix: "**Effort**:".into(),
            parts: vec![(String::new(), 0), (" - ".into(), 1)],
            bare: "**Effort**:".into(),
        }
    );
    // With nothing after the label, the line stays as written while unanswered; a
    // comment after it is its hint.
    assert_eq!(
        plain("Effort: \nCost: <!-- in euros -->\n"),
        [
            line(text("Effort", "", 0), "Effort:", "Effort: "),
            line(text("Cost", "in euros", 1), "Cost:", "Cost:"),
        ]
    );
}

#[test]
fn plain_labels_count_only_when_every_line_has_one() {
    assert_eq!(
        plain("OS: [e.g. Linux]\nVersion: #.#.#\n"),
        [
            line(text("OS", "e.g. Linux", 0), "OS:", "OS:"),
            line(text("Version", "#.#.#", 1), "Version:", "Version:"),
        ]
    );
    assert_eq!(
        plain("Read this first.\nOS: [e.g. Linux]\n"),
        [kept("Read this first.", 1), kept("OS: [e.g. Linux]", 2)]
    );
}

#[test]
fn a_last_line_that_introduces_the_next_block_is_text() {
    assert_eq!(
        plain("I tried this code:\n\n```\nx\n```\n"),
        [kept("I tried this code:", 1)]
    );
    assert_eq!(
        plain("I tried this code:\n"),
        [line(
            text("I tried this code", "", 0),
            "I tried this code:",
            "I tried this code:"
        )]
    );
}

#[test]
fn bracket_lines_are_a_checkbox_group_that_keeps_its_lines() {
    let found = first("[ ] a\n[x] **b**\n", UNDER_HEADING, Some("Pick"));
    let [
        Recognized::Fields {
            fields,
            shape,
            lines,
        },
    ] = found.as_slice()
    else {
        panic!("{found:?}")
    };
    assert_eq!(lines, &(0..2));
    assert_eq!(fields[0].label.as_deref(), Some("Pick"));
    let options = vec![Opt::new("a"), Opt::new("b")];
    assert_eq!(fields[0].kind, FieldKind::Checkboxes { options });
    let Value::Select(selection) = &fields[0].default else {
        panic!("{fields:?}")
    };
    assert_eq!(selection.checked, [false, true]);
    let Shape::Checks { lines, .. } = shape else {
        panic!("{shape:?}")
    };
    assert_eq!(
        lines[1],
        CheckLine::Option(CheckOption::new(1, "[", 'x', "] **b**", None))
    );
}

#[test]
fn a_bracketed_instruction_line_under_a_bold_line_is_the_answer() {
    let found = plain("**Syntax:**\n[Name of the language here]\n");
    let field = NewField::new(
        FieldKind::TextArea,
        None,
        "Name of the language here",
        empty_text(),
        1,
    );
    assert_eq!(
        found,
        [
            Recognized::PseudoHeading {
                title: "Syntax".into(),
                line: 0,
                notice: false,
            },
            Recognized::field(field, 1..2, Shape::Block { field: 0 }),
        ]
    );
}

#[test]
fn instruction_paragraphs_say_so_unless_lines_after_the_first_are_fields() {
    assert_eq!(
        plain("A clear and concise description\nof what happened. <!-- c -->\n"),
        [Recognized::Instruction {
            lines: 0..2,
            text: "A clear and concise description\nof what happened.".into(),
        }]
    );
    assert_eq!(
        first("**Bug**\n(Tell us what happened.)\n", PREAMBLE, None),
        [
            Recognized::PseudoHeading {
                title: "Bug".into(),
                line: 0,
                notice: false,
            },
            Recognized::Instruction {
                lines: 1..2,
                text: "(Tell us what happened.)".into(),
            },
        ]
    );
    let found = plain("Please fill in:\nOS: [e.g. Linux]\n");
    assert!(
        !found
            .iter()
            .any(|r| matches!(r, Recognized::Instruction { .. })),
        "{found:?}"
    );
    assert_eq!(plain("The app runs.\n"), [kept("The app runs.", 1)]);
}

fn place(placeholder: &str, line: usize) -> Recognized {
    let field = NewField::new(FieldKind::TextArea, None, placeholder, empty_text(), line);
    Recognized::field(field, line..line + 1, Shape::Block { field: 0 })
}

#[test]
fn lines_around_an_answer_place_are_read_as_the_paragraphs_they_become() {
    // Unanswered, `[Answer here]` goes and the question is a paragraph alone: an
    // instruction, whether or not the place is there.
    assert_eq!(
        plain("Why?\n[Answer here]\n"),
        [
            Recognized::Instruction {
                lines: 0..1,
                text: "Why?".into(),
            },
            place("Answer here", 1),
        ]
    );
    // Two runs, two paragraphs: the question after the place is judged alone.
    assert_eq!(
        plain("Why?\n[Answer here]\nIt broke\n"),
        [
            Recognized::Instruction {
                lines: 0..1,
                text: "Why?".into(),
            },
            place("Answer here", 1),
            kept("It broke", 3),
        ]
    );
}

#[test]
fn plain_labels_beside_an_answer_place_are_judged_without_it() {
    // `OS: X` alone is a labelled line with an example, with or without `[more]` after it.
    let os = line(text("OS", "X", 0), "OS:", "OS:");
    assert_eq!(plain("OS: X\n"), std::slice::from_ref(&os));
    assert_eq!(plain("OS: X\n[more]\n"), [os, place("more", 1)]);
    // Before: `Pick: A/B` is a choice the same way.
    let found = plain("[more]\nPick: A/B\n");
    assert_eq!(found[0], place("more", 0));
    let [_, Recognized::Fields { fields, .. }] = found.as_slice() else {
        panic!("{found:?}")
    };
    assert!(
        matches!(fields[0].kind, FieldKind::Choice { .. }),
        "{fields:?}"
    );
}

#[test]
fn an_unanswered_question_keeps_its_options() {
    // `Works?` alone would read as an instruction; the line stays as written.
    let found = plain("Works? Yes/No <!-- pick -->\n");
    let [
        Recognized::Fields {
            shape: Shape::Line { bare, .. },
            ..
        },
    ] = found.as_slice()
    else {
        panic!("{found:?}")
    };
    assert_eq!(&**bare, "Works? Yes/No");
    // A label that is not a question is left bare.
    let found = plain("**Pick**: [A / B]\n");
    let [
        Recognized::Fields {
            shape: Shape::Line { bare, .. },
            ..
        },
    ] = found.as_slice()
    else {
        panic!("{found:?}")
    };
    assert_eq!(&**bare, "**Pick**:");
}

#[test]
fn lines_after_a_bold_labelled_field_are_read_as_after_a_part_start() {
    // `**Pick**:` left bare heads a part when read again, so `Why?` opens it.
    let found = plain("**Pick**: [A / B]\nWhy?\n");
    assert_eq!(
        found[1],
        Recognized::Instruction {
            lines: 1..2,
            text: "Why?".into(),
        }
    );
    // After a plain first line it is a line of text.
    assert_eq!(
        plain("It runs. It stops.\nWhy?\n"),
        [kept("It runs. It stops.", 1), kept("Why?", 2)]
    );
}
