//! The list rules on their own: what a list becomes, runs, editable and nested lists.

use super::super::testing::{UNDER_HEADING, first, plain};
use super::*;
use crate::template::blocks;

fn kind_of(src: &str) -> ListKind {
    let doc = blocks::parse(src).expect("shallow");
    let source = Source::new(src, doc.comments.clone());
    let Block::List { items, .. } = &doc.blocks[0] else {
        panic!("not a list: {src:?}")
    };
    kind(items, &source)
}

fn kept(text: &str, end: usize) -> Recognized {
    Recognized::Static {
        text: text.into(),
        end,
    }
}

#[test]
fn what_a_list_becomes() {
    assert_eq!(kind_of("- [ ] a\n- [x] b\n"), ListKind::Checks);
    assert_eq!(kind_of("- [ ] ...\n- [ ] `src/...`\n"), ListKind::Editable);
    assert_eq!(
        kind_of("- OS: [e.g. Linux]\n- See below\n"),
        ListKind::Labelled
    );
    assert_eq!(kind_of("1. Open it\n2. ...\n"), ListKind::Editable);
    assert_eq!(kind_of("- one\n- two\n"), ListKind::Static);
    // A stand-in with more under it is not an editable list.
    assert_eq!(kind_of("- ...\n  - one\n"), ListKind::Static);
}

#[test]
fn stand_in_items_make_an_editable_list_that_keeps_their_shape() {
    let found = first("3. [first step]\n4. ...\n", UNDER_HEADING, Some("Steps"));
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
    assert_eq!(
        fields[0],
        NewField::new(
            FieldKind::List,
            Some("Steps"),
            "first step\n...",
            Value::List(Vec::new()),
            0
        )
    );
    let Shape::List(list) = shape else {
        panic!("{shape:?}")
    };
    assert_eq!(
        list.marker,
        Marker::Ordered {
            start: 3,
            delim: '.',
            task: String::new(),
        }
    );
    let found = plain("- [ ] `src/...`\n- [ ] New: `path/to/x`\n");
    let [
        Recognized::Fields {
            fields,
            shape: Shape::List(list),
            ..
        },
    ] = found.as_slice()
    else {
        panic!("{found:?}")
    };
    assert_eq!(fields[0].placeholder, "src/...\npath/to/x");
    assert_eq!(list.marker, Marker::Bullet("- [ ] ".into()));
    let prefixes: Vec<(&str, &str)> = list
        .items
        .iter()
        .map(|i| (i.prefix.as_str(), i.open.as_str()))
        .collect();
    assert_eq!(prefixes, [("", "`"), ("New: ", "`")]);
}

#[test]
fn real_items_among_stand_ins_are_defaults_with_their_lines() {
    let found = plain("- Chrome\n- ...\n- ...\n- Firefox\n- Safari\n");
    let [Recognized::Fields { fields, shape, .. }] = found.as_slice() else {
        panic!("{found:?}")
    };
    assert_eq!(
        fields[0].default,
        Value::List(vec!["Chrome".into(), "Firefox".into(), "Safari".into()])
    );
    let Shape::List(list) = shape else {
        panic!("{shape:?}")
    };
    assert_eq!(
        list.default_lines,
        ["- Chrome\n", "- Firefox\n", "- Safari\n"]
    );
    assert_eq!(list.marker, Marker::Bullet("- ".into()));
}

#[test]
fn labelled_items_are_fields_and_the_others_stay() {
    let found = plain("- OS: [e.g. Linux]\n- See the log\n");
    let [Recognized::Fields { fields, lines, .. }, rest] = found.as_slice() else {
        panic!("{found:?}")
    };
    assert_eq!((fields[0].label.as_deref(), lines), (Some("OS"), &(0..1)));
    assert_eq!(rest, &kept("- See the log", 2));
}

#[test]
fn runs_of_items_are_read_apart_and_a_label_names_only_the_first() {
    let found = first(
        "- [ ] a\n- [ ] b\n- Version: X.Y\n",
        UNDER_HEADING,
        Some("Done"),
    );
    let labels: Vec<Option<&str>> = found
        .iter()
        .map(|r| match r {
            Recognized::Fields { fields, .. } => fields[0].label.as_deref(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(labels, [Some("Done"), Some("Version")]);
}

#[test]
fn lists_nested_in_kept_items_are_named_after_the_item() {
    let found = plain("- **Platforms:**\n  - [ ] Linux\n  - [ ] Mac\n- Other notes\n");
    let [whole, Recognized::Fields { fields, lines, .. }] = found.as_slice() else {
        panic!("{found:?}")
    };
    assert!(matches!(whole, Recognized::Static { end: 4, .. }));
    assert_eq!(fields[0].label.as_deref(), Some("Platforms"));
    assert_eq!(lines, &(1..3));
}

#[test]
fn only_one_run_of_tasks_or_stand_ins_is_a_single_field() {
    let single = |src: &str| {
        let doc = blocks::parse(src).expect("shallow");
        let source = Source::new(src, doc.comments.clone());
        let Block::List { items, .. } = &doc.blocks[0] else {
            panic!("not a list")
        };
        is_single_field(items, &source)
    };
    assert!(single("- [ ] a\n- [ ] b\n"));
    assert!(single("- ...\n"));
    assert!(!single("- [ ] a\n- OS: [x]\n"));
    assert!(!single("- one\n"));
}

#[test]
fn items_that_differ_only_by_their_number_are_examples() {
    assert_eq!(
        kind_of("1. step 1\n2. step 2\n3. step 3\n"),
        ListKind::Editable
    );
    let [Recognized::Fields { fields, .. }] = &plain("1. step 1\n2. step 2\n")[..] else {
        panic!("one field")
    };
    assert_eq!(fields[0].placeholder, "step 1\nstep 2");
    assert_eq!(fields[0].default, Value::List(Vec::new()));
    // Real items that happen to hold numbers stay as written.
    assert_eq!(kind_of("- Python 3\n- Python 2 or 3\n"), ListKind::Static);
    assert_eq!(kind_of("- step 1\n"), ListKind::Static);
}
