//! The task-list rule on its own: options, marks, blanks, and when it is one choice.

use super::super::SectionCtx;
use super::super::testing::{UNDER_HEADING, first, plain};
use super::*;

/// The field and check lines of a list that is one checkbox group.
fn group(found: &[Recognized]) -> (&NewField, &[CheckLine]) {
    let [
        Recognized::Fields {
            fields,
            shape: Shape::Checks { field: 0, lines },
            ..
        },
    ] = found
    else {
        panic!("{found:?}")
    };
    (&fields[0], lines)
}

#[test]
fn tasks_are_options_that_keep_their_marks_and_depth() {
    let found = plain("- [ ] Linux\n- [x] **Mac**\n  - [X] ARM\n");
    let (field, lines) = group(&found);
    let FieldKind::Checkboxes { options } = &field.kind else {
        panic!("{field:?}")
    };
    let labels: Vec<(&str, usize)> = options
        .iter()
        .map(|o| (o.label.as_str(), o.depth))
        .collect();
    assert_eq!(labels, [("Linux", 0), ("Mac", 0), ("ARM", 1)]);
    let Value::Select(selection) = &field.default else {
        panic!("{field:?}")
    };
    assert_eq!(selection.checked, [false, true, true]);
    assert_eq!(
        lines[2],
        CheckLine::Option(CheckOption::new(2, "  - [", 'X', "] ARM", None))
    );
}

#[test]
fn a_blank_option_takes_text_where_its_blank_is() {
    let found = plain("- [ ] Bug\n- [ ] Other: ____ (please say) <!-- c -->\n");
    let (field, lines) = group(&found);
    let blanks: Vec<bool> = field.kind.options().iter().map(|o| o.blank).collect();
    assert_eq!(blanks, [false, true]);
    assert_eq!(field.kind.options()[1].label, "Other:");
    assert_eq!(
        lines[1],
        CheckLine::Option(CheckOption::new(
            1,
            "- [",
            ' ',
            "] Other:",
            Some(" (please say) ")
        ))
    );
}

#[test]
fn stand_in_items_under_tasks_leave_no_line() {
    let found = plain("- [ ] a\n  - ...\n  - note <!-- c -->\n");
    let (_, lines) = group(&found);
    assert_eq!(lines[1], CheckLine::Static("".into()));
    assert_eq!(lines[2], CheckLine::Static("  - note \n".into()));
}

#[test]
fn yes_no_and_priority_sections_are_a_single_choice() {
    let is_choice = |found: &[Recognized]| matches!(group(found).0.kind, FieldKind::Choice { .. });
    assert!(is_choice(&plain("- [ ] Yes\n- [ ] No\n")));
    assert!(!is_choice(&plain("- [ ] High\n- [ ] Low\n")));
    let priority = SectionCtx {
        title: "Priority",
        ..UNDER_HEADING
    };
    assert!(is_choice(&first("- [ ] High\n- [ ] Low\n", priority, None)));
    assert!(is_choice(&first(
        "- [ ] High\n- [ ] Low\n",
        UNDER_HEADING,
        Some("Severity")
    )));
}

/// The title test is the slug compared, without building the slug.
#[test]
fn single_choice_titles_are_their_slugs() {
    for title in [
        "Priority",
        "  PRIORITY: ",
        "**Severity**",
        "Urgency?",
        "Priority level",
        "High priority",
        "Pri-ority",
        "",
        "--",
        "Priorit\u{e9}",
        "\u{130}",
        "Urgency \u{e9}",
        "Section 12",
        "Priority 2",
        "12",
        " severity ",
    ] {
        let slug = crate::text::slug(title);
        let expected = matches!(slug.as_str(), "priority" | "severity" | "urgency");
        assert_eq!(is_single_choice_title(title), expected, "{title:?}");
    }
}
