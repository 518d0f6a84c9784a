//! The fold on its own: how long a label and help last, numbering, added answers.

use super::*;
use crate::form::FieldKind;
use crate::template::blocks;
use crate::template::layout::Piece;

fn built(src: &str) -> Built {
    assemble(src, &blocks::parse(src).expect("shallow"), 1)
}

fn labels(built: &Built) -> Vec<&str> {
    built.fields.iter().map(|f| f.label.as_str()).collect()
}

/// The field numbers of the shapes in the layout, in line order.
fn shape_fields(built: &Built) -> Vec<usize> {
    let mut out = Vec::new();
    for piece in &built.pieces {
        match piece {
            Piece::Field {
                shape: Shape::Line { parts, .. },
                ..
            } => out.extend(parts.iter().map(|(_, f)| *f)),
            Piece::Field {
                shape: Shape::Block { field } | Shape::Table(TableShape { field, .. }),
                ..
            } => out.push(*field),
            _ => {}
        }
    }
    out
}

#[test]
fn a_label_names_the_next_block_only_and_comments_let_it_through() {
    let b = built("## S\n\n**Env**\n\n<!-- c -->\n\n- [ ] a\n- [ ] b\n\n```\nx\n```\n");
    assert_eq!(labels(&b), ["Env", "S"]);
    assert_eq!(b.labelled, [true, false]);
}

#[test]
fn help_waits_for_the_next_field_or_goes_to_the_section() {
    let b = built("## S\n\n<!-- first -->\n\nText.\n\n<!-- for code -->\n\n```\nx\n```\n");
    assert_eq!(b.sections[0].help, "first");
    assert_eq!(b.fields[0].help, "for code");
    // Text before any field takes the waiting help into the section's.
    let b = built("## S\n\nA.\n\n<!-- later -->\n\nB.\n\n[answer]\n");
    assert_eq!(
        (b.sections[0].help.as_str(), b.fields[0].help.as_str()),
        ("later", "")
    );
}

#[test]
fn shapes_are_numbered_in_document_order() {
    let b = built("## S\n\nOS: [x]\nArch: [y]\n\n| A | B |\n|---|---|\n| r | X |\n\n[more]\n");
    assert_eq!(shape_fields(&b), [0, 1, 2, 3]);
    assert_eq!(labels(&b), ["OS", "Arch", "S", "S"]);
    assert_eq!(b.fields[3].line, 10);
}

#[test]
fn a_question_with_nowhere_to_answer_gets_an_answer_after_it() {
    let b = built("## What happened?\n\nTell us.\n\n## Done\n\n- [ ] yes\n- [ ] tested\n");
    assert_eq!(labels(&b), ["What happened?", "Done"]);
    assert!(matches!(
        b.pieces[3],
        Piece::Field {
            shape: Shape::Block { field: 0 },
            inserted: true
        }
    ));
    // A section of comments only answers in their place, their text the placeholder.
    let b = built("## Logs\n\n<!-- paste them -->\n");
    assert_eq!(b.fields[0].placeholder, "paste them");
    assert!(matches!(
        b.pieces[2],
        Piece::Field {
            inserted: false,
            ..
        }
    ));
}

#[test]
fn pseudo_headings_sit_below_the_heading_above_and_the_preamble_may_answer() {
    let b = built("### Setup\n\n**Tools**\nGo: [version]\n");
    let levels: Vec<u8> = b.sections.iter().map(|s| s.level).collect();
    assert_eq!(levels, [3, 4]);
    assert_eq!(b.sections[1].parent, Some(0));
    let b = built("Just text <!-- say more -->\n");
    assert_eq!(labels(&b), ["Description"]);
    assert_eq!(b.fields[0].kind, FieldKind::TextArea);
}
