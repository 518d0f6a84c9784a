//! The fold on its own: how long a label and help last, numbering, added answers.

use super::*;
use crate::form::FieldKind;
use crate::template::layout::Piece;

fn built(src: &str) -> Built {
    assemble(src, 1, &Limits::default()).expect("within the limits")
}

fn labels(built: &Built) -> Vec<&str> {
    built.fields.iter().map(|f| &*f.label).collect()
}

/// The field numbers of the shapes in the layout, in line order.
fn shape_fields(built: &Built) -> Vec<usize> {
    let mut out = Vec::new();
    for piece in &built.pieces {
        let Piece::Field { shape, .. } = piece else {
            continue;
        };
        match &*shape.resolve(&built.shapes) {
            Shape::Line { parts, .. } => out.extend(parts.iter().map(|(_, f)| *f)),
            Shape::Block { field } | Shape::Table(TableShape { field, .. }) => out.push(*field),
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
    assert_eq!(&*b.sections[0].help, "first");
    assert_eq!(&*b.fields[0].help, "for code");
    // Text before any field takes the waiting help into the section's.
    let b = built("## S\n\nA.\n\n<!-- later -->\n\nB.\n\n[answer]\n");
    assert_eq!((&*b.sections[0].help, &*b.fields[0].help), ("later", ""));
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
    let b = built(
        "## What happened?\n\nThe app runs on start.\n\n## Done\n\n- [ ] yes\n- [ ] tested\n",
    );
    assert_eq!(labels(&b), ["What happened?", "Done"]);
    assert!(matches!(
        &b.pieces[3],
        Piece::Field {
            shape,
            inserted: true
        } if *shape.resolve(&b.shapes) == Shape::Block { field: 0 }
    ));
    // A section of comments only answers in their place, their text the placeholder.
    let b = built("## Logs\n\n<!-- paste them -->\n");
    assert_eq!(&*b.fields[0].placeholder, "paste them");
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

#[test]
fn an_instruction_opening_a_section_is_the_placeholder_of_the_answer_in_its_place() {
    let b = built("## Expected\n\n<!-- c -->\nA clear and concise description.\n\n## Next\n");
    assert_eq!(labels(&b), ["Expected", "Next"]);
    assert_eq!(
        &*b.fields[0].placeholder,
        "c\nA clear and concise description."
    );
    assert!(matches!(
        &b.pieces[2],
        Piece::Field {
            shape,
            inserted: false
        } if *shape.resolve(&b.shapes) == Shape::Block { field: 0 }
    ));
    // Before a field it is the section's help and leaves the issue.
    let b = built("## Steps\n\nSteps to reproduce the behavior:\n\n1. ...\n2. ...\n");
    assert_eq!(&*b.sections[0].help, "Steps to reproduce the behavior:");
    assert!(matches!(b.pieces[2], Piece::Removed));
    // After content it stays as written.
    let b = built("## S\n\nThe app runs.\n\nPlease describe it.\n");
    assert_eq!(&*b.sections[0].text, "The app runs.\nPlease describe it.");
}

#[test]
fn a_notice_heading_with_prose_asks_nothing() {
    let b = built("## Before you submit\n\nPlease search existing issues.\n\n## Bug\n\nText.\n");
    assert_eq!(labels(&b), ["Bug"]);
    assert_eq!(&*b.sections[0].text, "Please search existing issues.");
}

/// The lines of the layout that are hidden like comments.
fn removed(built: &Built) -> usize {
    built
        .pieces
        .iter()
        .filter(|p| matches!(p, Piece::Removed))
        .count()
}

#[test]
fn an_instruction_after_answer_places_that_show_nothing_opens_its_section() {
    // `[Answer]` shows nothing until answered: `Why?` after it is still the opening,
    // help rather than text, as it is when the place is not there.
    let b = built("## S\n\n[Answer]\n\nWhy?\n");
    assert_eq!(&*b.sections[0].text, "");
    assert_eq!(removed(&b), 1);
    assert_eq!(&*b.sections[0].help, "Why?");
    // After text, or a checkbox list that shows its lines, it is kept.
    for src in [
        "## S\n\nText.\n\n[Answer]\n\nWhy?\n",
        "## S\n\n- [ ] a\n\nWhy?\n",
    ] {
        let b = built(src);
        assert!(b.sections[0].text.ends_with("Why?"), "{src:?}");
        assert_eq!(removed(&b), 0, "{src:?}");
    }
}

#[test]
fn a_field_left_as_a_bold_label_starts_over_like_a_part() {
    // `**Pick**:` reads as a part's heading when read again: `Why?` after it opens.
    let b = built("## S\n\nText.\n\n**Pick**: [A / B]\n\nWhy?\n");
    assert_eq!(&*b.sections[0].text, "Text.");
    let b = built("## S\n\n---\n\n**Pick**: [A / B]\n\nWhy?\n");
    assert_eq!(&*b.sections[0].text, "");
}

#[test]
fn an_instruction_that_introduces_options_is_their_help() {
    // Kept as text after the section's content, it goes once the options follow.
    let b = built("## S\n\nWe need this.\n\nSelect one of these:\n\n- Alpha\n- Beta\n");
    assert_eq!(&*b.sections[0].text, "We need this.");
    assert_eq!(&*b.fields[0].help, "Select one of these:");
    assert_eq!(removed(&b), 1);
    // Checkboxes keep their lines; the instruction above them goes the same way.
    let b = built("## S\n\nWe need this.\n\nPlease tick what applies:\n\n- [ ] a\n- [ ] b\n");
    assert_eq!(&*b.sections[0].text, "We need this.");
    assert_eq!(&*b.fields[0].help, "Please tick what applies:");
    // Text that informs stays, and so does an instruction before anything else.
    let b = built("## S\n\nWe need this.\n\nThe platforms:\n\n- [ ] a\n- [ ] b\n");
    assert_eq!(&*b.sections[0].text, "We need this.\nThe platforms:");
    assert_eq!(removed(&b), 0);
    let b = built("## S\n\nWe need this.\n\nSelect one of these:\n\nSome more.\n");
    assert!(b.sections[0].text.contains("Select one of these:"));
}

#[test]
fn a_question_before_checkboxes_stays_text() {
    // It does not ask to choose; with an answer place between, the place may vanish
    // unanswered, and the question must read the same either way.
    for src in [
        "## S\n\n- [ ] a\n\nWhy?\n\n- [ ] b\n",
        "## S\n\n- [ ] a\n\nWhy?\n[Answer]\n\n- [ ] b\n",
    ] {
        let b = built(src);
        assert!(b.sections[0].text.contains("Why?"), "{src:?}");
    }
}

#[test]
fn required_is_said_in_any_case_and_only_in_parentheses() {
    assert!(says_required("Version (Required)"));
    assert!(says_required("é (REQUIRED) é"));
    assert!(says_required("((required)"));
    assert!(!says_required("required"));
    assert!(!says_required("(requi\u{0130}red)"));
    assert!(!says_required("(required"));
    assert!(says_required("(required)"));
    // Short texts are searched byte by byte, long ones with memchr: both ends of both.
    for len in [53, 54, 63, 64, 65, 200] {
        let pad = "x".repeat(len - 10);
        assert!(says_required(&format!("{pad}(Required)")), "{len}");
        assert!(says_required(&format!("(Required){pad}")), "{len}");
        assert!(!says_required(&format!("{pad}(Require)")), "{len}");
    }
}

/// A heading's section's id is made from the slug of its title the reader makes (on
/// one thread or on two): the ids are those `assign_ids` gives from the titles, and a
/// second heading of the same title takes `-2`. Fields' ids are given from them.
#[test]
fn a_headings_section_id_is_the_slug_of_its_title() {
    let src = "# Title:\n\n## \tTabs\there ::\n\n### Ünïcode Straße\n\n## ***\n\n\
               ## Setup\n-----\n\n**Bold part**\n\ntext\n\n## Title\n\n**Env**\n\n- [ ] a\n";
    for piped in [false, true] {
        let b = assemble_with(src, 1, &Limits::default(), piped).expect("within the limits");
        let titles: Vec<&str> = b.sections.iter().map(|s| &*s.title).collect();
        assert_eq!(
            titles,
            [
                "Title",
                "Tabs here",
                "Ünïcode Straße",
                "***",
                "Setup",
                "Bold part",
                "Title"
            ]
        );
        let mut from_titles = b.sections.clone();
        for s in &mut from_titles {
            s.id = std::sync::Arc::default();
        }
        let mut fields_from_titles = b.fields.clone();
        crate::form::assign_ids(&mut from_titles, &mut fields_from_titles, &b.labelled);
        let ids = |sections: &[Section]| {
            sections
                .iter()
                .map(|s| s.id.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&b.sections), ids(&from_titles));
        assert_eq!(
            ids(&b.sections),
            [
                "title",
                "tabs-here",
                "ünïcode-straße",
                "section",
                "setup",
                "bold-part",
                "title-2"
            ]
        );
        let field_ids =
            |fields: &[Field]| fields.iter().map(|f| f.id.to_string()).collect::<Vec<_>>();
        assert_eq!(field_ids(&b.fields), field_ids(&fields_from_titles));
        assert_eq!(
            field_ids(&b.fields),
            ["ünïcode-straße", "section", "bold-part", "title-2/env"]
        );
    }
}

/// An empty preamble is dropped, and the sections' indices count from the first
/// heading; with no field anywhere it comes back first, as the one answer.
#[test]
fn an_empty_preamble_is_dropped_unless_the_template_has_no_field() {
    let b = built("\n## A\n\n### B\n\n[x]\n");
    let levels: Vec<u8> = b.sections.iter().map(|s| s.level).collect();
    assert_eq!(levels, [2, 3]);
    assert_eq!(b.sections[1].parent, Some(0));
    let sections: Vec<u32> = b.fields.iter().map(|f| f.section).collect();
    assert_eq!(sections, [1]);
    let b = built("\n## Before you submit\n\nPlease search existing issues.\n");
    let levels: Vec<u8> = b.sections.iter().map(|s| s.level).collect();
    assert_eq!(levels, [0, 2]);
    assert_eq!(labels(&b), ["Description"]);
    assert_eq!(b.fields[0].section, 0);
    assert_eq!(b.sections[0].fields, crate::form::FieldSpan::one(0));
    assert_eq!(&*b.sections[0].id, "preamble");
}

/// Parents, `(required)` and ids given as each section closes are those given all at
/// once after the fold (as they were): clashing titles, labels and suffixes, bold
/// pseudo-headings, nesting, a preamble, and every markdown template of the corpus.
#[test]
fn ids_given_as_sections_close_are_those_given_at_once() {
    let mut sources = vec![
        "Intro text (required)\n\n# A\n\n## A\n\nWhat?\n\n## A 2\n\n**Env**\n\n**Env**\n\n\
         - [ ] x\n\n### A\n\n- **Name:** \n- **Name:** \n\n# B\n\n## Notes (required)\n"
            .to_owned(),
        "## S\n\n```\ncode\n```\n\n<!-- two -->\n\n```\nmore\n```\n\n## S-2\n\nWhy?\n".to_owned(),
        "\n## Before you submit\n\nPlease search existing issues.\n".to_owned(),
    ];
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let mut read = 0;
    for entry in std::fs::read_dir(corpus).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "md")
            && let Ok(text) = std::fs::read_to_string(&path)
            && let Ok(split) = crate::template::front_matter::split(&text, "t.md")
        {
            let mut body = split.body.to_owned();
            if !body.ends_with('\n') {
                body.push('\n');
            }
            sources.push(body);
            read += 1;
        }
    }
    eprintln!("{read} corpus templates");
    for src in &sources {
        for piped in [false, true] {
            let Ok(b) = assemble_with(src, 1, &Limits::default(), piped) else {
                continue;
            };
            let (mut sections, mut fields) = (b.sections.clone(), b.fields.clone());
            for section in &mut sections {
                section.id = std::sync::Arc::default();
                section.parent = None;
            }
            for field in &mut fields {
                field.id = std::sync::Arc::default();
                field.required = says_required(&field.label)
                    || says_required(&field.help)
                    || says_required(&field.placeholder);
            }
            sections::link_parents(&mut sections, &fields);
            crate::form::assign_ids(&mut sections, &mut fields, &b.labelled);
            assert_eq!(b.sections, sections, "{src}");
            assert_eq!(b.fields, fields, "{src}");
        }
    }
}
