//! Unit tests of `answers::resolve`.

use super::*;

fn blank(label: &str) -> Opt {
    Opt {
        blank: true,
        ..Opt::new(label)
    }
}

#[test]
fn a_label_as_written_wins_over_a_blank_options_key() {
    let options = [blank("F:"), Opt::new("F")];
    assert_eq!(match_option(&options, "F"), Ok((1, None)));
    assert_eq!(match_option(&options, "F:"), Ok((0, None)));
    assert_eq!(
        match_option(&options, "F: x"),
        Ok((0, Some("x".to_owned())))
    );
}

#[test]
fn a_blank_option_whose_key_extends_another_wins() {
    let options = [blank("F:"), blank("F a:")];
    assert_eq!(
        match_option(&options, "F a: a"),
        Ok((1, Some("a".to_owned())))
    );
    assert_eq!(
        match_option(&options, "F: x"),
        Ok((0, Some("x".to_owned())))
    );
    let reversed = [blank("F a:"), blank("F:")];
    assert_eq!(
        match_option(&reversed, "F a: a"),
        Ok((0, Some("a".to_owned())))
    );
}

/// `ẞ` lowercases to `ß`: the option written as the answer is wins, wherever it is.
#[test]
fn an_option_as_written_wins_over_one_alike_apart_from_case() {
    let options = [Opt::new("ẞ"), Opt::new("ß"), Opt::new("A")];
    assert_eq!(match_option(&options, "ß"), Ok((1, None)));
    assert_eq!(match_option(&options, "ẞ"), Ok((0, None)));
    assert_eq!(match_option(&options, "a"), Ok((2, None)));
    let blanks = [blank("ẞ:"), blank("ß:")];
    assert_eq!(match_option(&blanks, "ß"), Ok((1, None)));
    assert_eq!(match_option(&blanks, "ß: x"), Ok((1, Some("x".to_owned()))));
    assert_eq!(match_option(&blanks, "ẞ: x"), Ok((0, Some("x".to_owned()))));
    // A prefix as written too: `Ab` starts `Abc` as written, `abd` apart from case.
    let options = [Opt::new("Abc"), Opt::new("abd")];
    assert_eq!(match_option(&options, "Ab"), Ok((0, None)));
    assert_eq!(match_option(&options, "ab"), Ok((1, None)));
}

/// Options only case tells apart, neither written as the answer is: refused, as a
/// prefix of several is, naming both. Options written alike stay the first's.
#[test]
fn an_answer_alike_several_options_apart_from_case_is_ambiguous() {
    let options = [Opt::new("Foo"), Opt::new("FOO")];
    assert_eq!(
        match_option(&options, "foo"),
        Err(
            "`foo` is `Foo` or `FOO` apart from case: write the one meant as it is written"
                .to_owned()
        )
    );
    let blanks = [blank("Other:"), blank("OTHER:")];
    assert_eq!(
        match_option(&blanks, "other: x"),
        Err(
            "`other: x` is `Other: ___` or `OTHER: ___` apart from case: write the one meant as it is written"
                .to_owned()
        )
    );
    let same = [Opt::new("Foo"), Opt::new("Foo")];
    assert_eq!(match_option(&same, "foo"), Ok((0, None)));
}

#[test]
fn a_table_row_as_written_wins_over_one_alike_apart_from_case() {
    let table = crate::form::TableKind::new(["Name", "Value"], ["ẞ", "ß", "Ab"], Vec::new());
    let rows = table.rows();
    assert_eq!(pick_name(rows, "ß"), Ok(1));
    assert_eq!(pick_name(rows, "ẞ"), Ok(0));
    assert_eq!(pick_name(rows, "ab"), Ok(2));
    let table = crate::form::TableKind::new(["Name", "Value"], ["Foo", "FOO"], Vec::new());
    assert_eq!(pick_name(table.rows(), "FOO"), Ok(1));
    assert_eq!(
        pick_name(table.rows(), "foo"),
        Err(
            "`foo` is `Foo` or `FOO` apart from case: write the one meant as it is written"
                .to_owned()
        )
    );
}
