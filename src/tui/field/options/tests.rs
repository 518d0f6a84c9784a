//! Unit tests of the option lists: marks, ellipses, choosing, describing, blanks and
//! type-ahead.

use super::*;

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn opts(labels: &[&str]) -> Vec<Opt> {
    labels
        .iter()
        .map(|l| Opt {
            blank: l.ends_with(':'),
            ..Opt::new(*l)
        })
        .collect()
}

/// A box that must be ticked carries the required mark from the start.
#[test]
fn a_required_box_is_marked() {
    let mut options = opts(&["I agree", "Maybe"]);
    options[0].required = true;
    let o = Options::new(&options, true, None, &Selection::empty(2));
    let mut buf = Buffer::empty(Rect::new(0, 0, 20, 2));
    o.render(buf.area, &mut buf, false, crate::tui::theme::Theme::plain());
    let row = |y: u16| -> String { (0..20).map(|x| buf[(x, y)].symbol()).collect() };
    assert_eq!(row(0), "  [ ] I agree *     ");
    assert_eq!(row(1), "  [ ] Maybe         ");
}

/// A label longer than the row ends in `…` and keeps the `*` of a box that must be
/// ticked in view (before: cut at the edge, the `*` pushed off the row).
#[test]
fn a_long_label_ends_in_an_ellipsis_and_keeps_its_mark() {
    let mut options = opts(&[
        "I have searched existing issues for this one",
        "A second long option that runs past",
    ]);
    options[0].required = true;
    let o = Options::new(&options, true, None, &Selection::empty(2));
    let mut buf = Buffer::empty(Rect::new(0, 0, 30, 2));
    o.render(buf.area, &mut buf, false, crate::tui::theme::Theme::plain());
    let row = |y: u16| -> String { (0..30).map(|x| buf[(x, y)].symbol()).collect() };
    assert_eq!(row(0), "  [ ] I have searched exist… *");
    assert_eq!(row(1), "  [ ] A second long option th…");
}

#[test]
fn single_choice_keeps_one_and_custom_text_clears_it() {
    let mut o = Options::new(
        &opts(&["None"]),
        false,
        Some("Describe"),
        &Selection::empty(1),
    );
    o.key(key(KeyCode::Enter));
    assert_eq!(o.selection().checked, [true]);
    o.key(key(KeyCode::Down));
    o.key(key(KeyCode::Char('x')));
    let sel = o.selection();
    assert_eq!((sel.checked, sel.custom.as_str()), (vec![false], "x"));
}

#[test]
fn typing_on_an_option_goes_to_the_describe_line() {
    let mut o = Options::new(
        &opts(&["None"]),
        false,
        Some("Describe"),
        &Selection::empty(1),
    );
    o.key(key(KeyCode::Char('N')));
    o.key(key(KeyCode::Char('o')));
    let sel = o.selection();
    assert_eq!((sel.checked, sel.custom.as_str()), (vec![false], "No"));
}

#[test]
fn a_ticked_blank_option_takes_typing() {
    let mut o = Options::new(&opts(&["A", "Other:"]), true, None, &Selection::empty(2));
    o.key(key(KeyCode::Down));
    assert_eq!(
        o.key(key(KeyCode::Char('z'))),
        Edit::Ignored,
        "not ticked yet"
    );
    o.key(key(KeyCode::Char(' ')));
    o.key(key(KeyCode::Char('a')));
    o.key(key(KeyCode::Char(' ')));
    o.key(key(KeyCode::Char('b')));
    let sel = o.selection();
    assert_eq!(sel.checked, [false, true]);
    assert_eq!(sel.blanks[1], "a b");
}

fn typed(o: &mut Options, text: &str) -> Vec<Edit> {
    text.chars().map(|c| o.key(key(KeyCode::Char(c)))).collect()
}

/// A letter moves the cursor to the next option whose label starts with it, ignoring
/// case and round from the last to the first, among options with the same initial;
/// it moves as ↑↓ do and picks nothing (Space does). Before, it was dropped.
#[test]
fn a_letter_jumps_to_the_next_option_with_that_initial_round_the_list() {
    let labels = ["P1-High", "medium", "P2-Medium", "Low", "p3-low"];
    let mut o = Options::new(&opts(&labels), false, None, &Selection::empty(5));
    assert_eq!(typed(&mut o, "p"), [Edit::Moved]);
    assert_eq!(o.cursor, 2);
    assert_eq!(typed(&mut o, "P"), [Edit::Moved]);
    assert_eq!(o.cursor, 4);
    assert_eq!(typed(&mut o, "p"), [Edit::Moved]);
    assert_eq!(o.cursor, 0, "round to the first");
    assert_eq!(typed(&mut o, "M"), [Edit::Moved]);
    assert_eq!(o.cursor, 1);
    assert_eq!(typed(&mut o, "l"), [Edit::Moved]);
    assert_eq!(o.cursor, 3);
    assert_eq!(typed(&mut o, "l"), [Edit::Ignored], "the only L: stays");
    assert_eq!(o.selection().checked, [false; 5], "nothing picked");
    o.key(key(KeyCode::Char(' ')));
    assert_eq!(o.selection().checked, [false, false, false, true, false]);
}

/// Marks before a label's first letter or digit do not count (`` `go test` ``,
/// `**Bug**`); checkboxes jump as choices do, a digit as a letter does.
#[test]
fn the_initial_is_the_first_letter_or_digit_of_the_label() {
    let labels = ["**Bug**", "`go test`", "2. Two", "Other:"];
    let mut o = Options::new(&opts(&labels), true, None, &Selection::empty(4));
    assert_eq!(typed(&mut o, "g"), [Edit::Moved]);
    assert_eq!(o.cursor, 1);
    assert_eq!(typed(&mut o, "b"), [Edit::Moved]);
    assert_eq!(o.cursor, 0);
    assert_eq!(typed(&mut o, "2"), [Edit::Moved]);
    assert_eq!(o.cursor, 2);
    // An unticked `Other: ___` is an option like the others; ticked, it takes typing.
    assert_eq!(typed(&mut o, "o "), [Edit::Moved, Edit::Changed]);
    assert_eq!(typed(&mut o, "bg"), [Edit::Changed, Edit::Changed]);
    assert_eq!((o.cursor, o.selection().blanks[3].as_str()), (3, "bg"));
}

/// A character no option starts with is said, with the keys that work; a key the list
/// takes, or typing where it describes, says nothing.
#[test]
fn a_letter_no_option_starts_with_is_said() {
    let plain = |c: char| key(KeyCode::Char(c));
    let o = Options::new(
        &opts(&["P1-High", "P2-Low"]),
        false,
        None,
        &Selection::empty(2),
    );
    assert_eq!(
        o.unmatched(&plain('m')).as_deref(),
        Some("no option starts with \"m\"; ↑↓ move, Space picks")
    );
    assert_eq!(o.unmatched(&plain('p')), None);
    assert_eq!(o.unmatched(&plain(' ')), None);
    assert_eq!(o.unmatched(&key(KeyCode::Down)), None);
    let ctrl = KeyEvent::new(KeyCode::Char('m'), KeyModifiers::CONTROL);
    assert_eq!(o.unmatched(&ctrl), None);
    let boxes = Options::new(&opts(&["A"]), true, None, &Selection::empty(1));
    assert_eq!(
        boxes.unmatched(&plain('?')).as_deref(),
        Some("no option starts with \"?\"; ↑↓ move, Space ticks")
    );
    let describe = Options::new(&opts(&["A"]), false, Some("Say"), &Selection::empty(1));
    assert_eq!(describe.unmatched(&plain('m')), None);
}

/// Space picks a choice and keeps it picked (a space typed on the list cleared it
/// without a word); Enter on the picked option clears it. A box ticks and unticks.
#[test]
fn space_keeps_a_picked_choice_and_enter_clears_it() {
    let mut o = Options::new(&opts(&["Low", "High"]), false, None, &Selection::empty(2));
    assert_eq!(typed(&mut o, " "), [Edit::Changed]);
    assert_eq!(typed(&mut o, " "), [Edit::Ignored]);
    assert_eq!(o.selection().checked, [true, false]);
    assert_eq!(o.key(key(KeyCode::Enter)), Edit::Changed);
    assert_eq!(o.selection().checked, [false, false]);
    let mut boxes = Options::new(&opts(&["A"]), true, None, &Selection::empty(1));
    assert_eq!(typed(&mut boxes, "  "), [Edit::Changed, Edit::Changed]);
    assert_eq!(boxes.selection().checked, [false]);
}
