//! Unit tests of `line`.

use super::*;
use crossterm::event::KeyEventKind;

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new_with_kind(code, KeyModifiers::NONE, KeyEventKind::Press)
}

#[test]
fn edits_and_moves_by_character() {
    let mut e = LineEdit::new("héllo");
    assert_eq!(e.key(key(KeyCode::Left)), Edit::Moved);
    assert_eq!(e.key(key(KeyCode::Backspace)), Edit::Changed);
    assert_eq!(e.text(), "hélo");
    e.key(key(KeyCode::Home));
    e.key(key(KeyCode::Char('>')));
    assert_eq!(e.text(), ">hélo");
    assert_eq!(e.key(key(KeyCode::Home)), Edit::Moved);
    assert_eq!(e.key(key(KeyCode::Home)), Edit::Ignored);
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

fn alt(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::ALT)
}

#[test]
fn a_grapheme_is_one_step() {
    // "e" + combining acute, and a thumbs-up with a skin tone: two graphemes each.
    let mut e = LineEdit::new("ae\u{301}👍🏽");
    assert_eq!(e.key(key(KeyCode::Backspace)), Edit::Changed);
    assert_eq!(e.text(), "ae\u{301}");
    e.key(key(KeyCode::Left));
    e.key(key(KeyCode::Char('x')));
    assert_eq!(e.text(), "axe\u{301}");
    e.key(key(KeyCode::End));
    e.key(key(KeyCode::Left));
    assert_eq!(e.key(key(KeyCode::Delete)), Edit::Changed);
    assert_eq!(e.text(), "ax");
}

#[test]
fn ctrl_u_deletes_to_the_start_and_ctrl_y_puts_it_back() {
    let mut e = LineEdit::new("one two three");
    e.key(alt(KeyCode::Left));
    assert_eq!(e.key(ctrl('u')), Edit::Changed);
    assert_eq!(e.text(), "three");
    e.key(key(KeyCode::End));
    e.key(ctrl('y'));
    assert_eq!(e.text(), "threeone two ");
    e.key(ctrl('w'));
    assert_eq!(e.text(), "threeone ");
}

#[test]
fn ctrl_z_undoes_and_ctrl_y_redoes() {
    let mut e = LineEdit::new("ab");
    e.key(key(KeyCode::Char('c')));
    e.key(ctrl('k'));
    e.key(ctrl('u'));
    assert_eq!(e.text(), "");
    e.key(ctrl('z'));
    assert_eq!(e.text(), "abc");
    e.key(ctrl('z'));
    assert_eq!(e.text(), "ab");
    assert_eq!(e.key(ctrl('z')), Edit::Ignored);
    e.key(ctrl('y'));
    assert_eq!(e.text(), "abc");
    let ctrl_shift_z = KeyEvent::new(
        KeyCode::Char('Z'),
        KeyModifiers::CONTROL | KeyModifiers::SHIFT,
    );
    e.key(ctrl_shift_z);
    assert_eq!(e.text(), "");
    // Nothing left to redo: Ctrl-Y puts back what Ctrl-U deleted.
    e.key(ctrl('y'));
    assert_eq!(e.text(), "abc");
    assert_eq!(e.key(ctrl('r')), Edit::Ignored);
}

#[test]
fn word_keys_as_in_text_areas() {
    let mut e = LineEdit::new("alpha beta gamma");
    e.key(alt(KeyCode::Char('b')));
    e.key(alt(KeyCode::Char('b')));
    e.key(alt(KeyCode::Char('d')));
    assert_eq!(e.text(), "alpha  gamma");
    e.key(alt(KeyCode::Char('f')));
    assert_eq!(e.key(alt(KeyCode::Char('h'))), Edit::Changed);
    assert_eq!(e.text(), "alpha  ");
    e.key(ctrl('a'));
    e.key(ctrl('f'));
    e.key(ctrl('d'));
    assert_eq!(e.text(), "apha  ");
}

#[test]
fn paste_joins_lines() {
    let mut e = LineEdit::new("a ");
    e.paste("b\nc\r\n");
    assert_eq!(e.text(), "a b c");
}

#[test]
fn wide_characters_place_the_cursor_by_width() {
    let e = LineEdit::new("漢字x");
    let mut buf = Buffer::empty(Rect::new(0, 0, 10, 1));
    let pos = e.render(buf.area, &mut buf, true, "", Style::new(), Style::new());
    assert_eq!(pos, Some(Position::new(5, 0)));
}

/// Scrolled text starts with `…` (`hij` alone read as the whole text).
#[test]
fn long_text_scrolls_to_keep_the_cursor_visible() {
    let e = LineEdit::new("abcdefghij");
    let mut buf = Buffer::empty(Rect::new(0, 0, 5, 1));
    let pos = e.render(buf.area, &mut buf, true, "", Style::new(), Style::new());
    assert_eq!(pos, Some(Position::new(4, 0)));
    assert_eq!(
        buf.content
            .iter()
            .map(ratatui::buffer::Cell::symbol)
            .collect::<String>(),
        "…hij "
    );
}
