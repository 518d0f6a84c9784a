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
