//! Unit tests of `form`.

use super::*;

#[test]
fn clashes_take_the_smallest_free_suffix() {
    let mut ids = Unique::default();
    let got: Vec<String> = ["a", "a-3", "a", "a", "a", "a-2"]
        .into_iter()
        .map(|b| ids.claim(b.to_owned()))
        .collect();
    assert_eq!(got, ["a", "a-3", "a-2", "a-4", "a-5", "a-2-2"]);
}

fn form(kind: FieldKind, default: Value) -> Form {
    Form {
        meta: Meta::default(),
        sections: Vec::new(),
        fields: vec![Field {
            id: "f".into(),
            label: "F".into(),
            kind,
            placeholder: String::new().into(),
            help: String::new().into(),
            default,
            required: false,
            section: 0,
            line: 1,
        }]
        .into(),
        rules: Vec::new(),
        defaults: Defaults::Examples,
        after: Box::default(),
        required: Vec::new(),
    }
}

#[test]
fn a_value_that_does_not_fit_its_field_is_refused_naming_the_field() {
    let f = form(
        FieldKind::Checkboxes {
            options: vec![Opt::new("a"), Opt::new("b")],
        },
        Selection::none(2),
    );
    let mut answers = Answers::new(&f);
    let err = answers.set(&f, 0, Value::Text("x".into())).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the value given to `f` does not fit a checkboxes field"
    );
    assert!(answers.set(&f, 0, Selection::none(3)).is_err());
    assert!(answers.set(&f, 0, Selection::none(2)).is_ok());
    let t = form(
        FieldKind::table(["Metric", "Now"], ["Latency"], vec![vec![String::new()]]),
        Value::Table(Cells::empty(1, 1)),
    );
    let mut answers = Answers::new(&t);
    assert!(
        answers
            .set(&t, 0, Value::Table(Cells::empty(1, 2)))
            .is_err()
    );
    assert!(
        answers
            .set(&t, 0, Value::Table(Cells::empty(2, 1)))
            .is_err()
    );
    assert!(
        answers
            .set(&t, 0, Value::Table(Cells::from(vec![vec!["5 ms".into()]])))
            .is_ok()
    );
}

#[test]
fn a_title_is_blank_when_it_is_only_the_prefix_in_any_case_or_marks() {
    let mut f = form(FieldKind::Text, Value::Text(String::new()));
    f.meta.title = "[BUG] ".into();
    for blank in [
        "",
        "  ",
        "[BUG]",
        "[bug]",
        "[BUG]:",
        "BUG",
        " (bug) - ",
        "[BUG] [bug]",
        "[BUG] BUG:",
    ] {
        assert!(f.title_is_blank(blank), "{blank:?}");
    }
    for said in [
        "[BUG] x",
        "bugs",
        "[BUG] 2",
        "Bug in the parser",
        "[BUG] bu",
    ] {
        assert!(!f.title_is_blank(said), "{said:?}");
    }
    f.meta.title = "[]".into();
    assert!(f.title_is_blank("[]"));
    assert!(
        !f.title_is_blank("x"),
        "a prefix without words matches no words"
    );
    // Without a letter or digit a title says nothing, whatever the prefix (the blank
    // template has none).
    for prefix in ["[]", "", "[BUG] "] {
        f.meta.title = prefix.into();
        for nothing in ["?", "-", "!!!", "..", "— –"] {
            assert!(f.title_is_blank(nothing), "{prefix:?} {nothing:?}");
        }
    }
    // How, for the messages that say so.

    f.meta.title = "[BUG] ".into();
    assert_eq!(f.blank_title("  "), Some(crate::form::BlankTitle::Empty));
    assert_eq!(f.blank_title("!!!"), Some(crate::form::BlankTitle::NoWords));
    assert_eq!(
        f.blank_title("[bug] BUG"),
        Some(crate::form::BlankTitle::Prefix)
    );
    assert_eq!(f.blank_title("[BUG] x"), None);
}

#[test]
fn suffixes_are_written_out_in_full() {
    let mut out = "left over".to_owned();
    for (base, n, id) in [
        ("a", 2, "a-2"),
        ("a-b", 10, "a-b-10"),
        ("", 1_234_567, "-1234567"),
    ] {
        suffixed(&mut out, base, n);
        assert_eq!(out, id);
    }
}

#[test]
fn fields_and_values_stay_small() {
    // A form of a 1.9 MiB template holds 40,200 fields: a table's kind and a choice's
    // selection are boxed so the common text field does not pay for them.
    assert_eq!(std::mem::size_of::<Value>(), 32);
    // A choice's `custom` as `Box<str>`: 48 and 168 bytes with a `String`.
    assert_eq!(std::mem::size_of::<FieldKind>(), 40);
    // Its section and line as `u32`: 160 bytes with `usize`.
    assert_eq!(std::mem::size_of::<Field>(), 152);
}

#[test]
fn a_table_without_placeholders_keeps_no_hints() {
    let table = |hints: Vec<Vec<String>>| {
        let kind = FieldKind::table(["M", "V"], ["a"], hints);
        let FieldKind::Table(table) = kind else {
            panic!("{kind:?}")
        };
        table.hints
    };
    assert_eq!(table(vec![vec![String::new()]]), Vec::<Vec<String>>::new());
    assert_eq!(table(vec![vec!["X ms".into()]]), [["X ms"]]);
}

/// 100,000 headings are 100,000 sections, whose pages the folding thread touches
/// first (about 2.5 us a 4 KiB page): texts as `Box<str>`, the fields as a span,
/// indices as `u32` and the closing text kept by the form make a section 96 bytes
/// (176 before). A `String`, a list or a text put back grows it past that.
#[test]
fn sections_stay_small() {
    assert_eq!(std::mem::size_of::<FieldSpan>(), 8);
    // Its id an `Arc<str>` (shared with an unlabelled field's): 96 with a `String`.
    assert_eq!(std::mem::size_of::<Section>(), 88);
}

/// A markdown template's own text in an optional field is its example, sent as written
/// and not counted as filled; an issue form's `value:` is an answer given in advance
/// (GitHub submits it), filled and no example, optional or required. Empty is neither.
#[test]
fn an_issue_forms_defaults_are_answers_a_markdown_templates_examples() {
    let mut f = form(FieldKind::TextArea, Value::Text("OS: Linux".into()));
    let default = Value::Text("OS: Linux".into());
    let empty = Value::Text(String::new());
    let filled = |f: &Form| {
        let untouched = Answers::new(f);
        (
            f.is_filled(0, &default),
            f.holds_example(0, &default),
            f.examples(&untouched),
            f.is_filled(0, &empty),
        )
    };
    assert_eq!(filled(&f), (false, true, vec![0], false));
    f.defaults = Defaults::Answers;
    assert_eq!(filled(&f), (true, false, vec![], false));
    let fields = std::sync::Arc::make_mut(&mut f.fields);
    fields[0].required = true;
    assert_eq!(filled(&f), (true, false, vec![], false));
    f.defaults = Defaults::Examples;
    assert_eq!(filled(&f), (true, false, vec![], false));
}
