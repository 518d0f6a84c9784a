//! Shapes written back on their own: blanks, padded rows, list items, table rows.

use super::*;

#[test]
fn blanks_are_filled_in_order() {
    assert_eq!(
        fill_blanks("- changed between versions ______ and _______", "4.1, 4.2"),
        "- changed between versions 4.1 and 4.2"
    );
    assert_eq!(
        fill_blanks("- about ____ here", "the FAQ"),
        "- about the FAQ here"
    );
    assert_eq!(
        fill_blanks("- between ___ and ___", "just one"),
        "- between just one and ___"
    );
    assert_eq!(fill_blanks("- Other", "Android"), "- Other: Android");
    assert_eq!(
        fill_blanks("- else? Explain.", "Slow"),
        "- else? Explain. Slow"
    );
}

#[test]
fn filled_rows_of_aligned_tables_are_padded() {
    let row = |cells: &[&str]| cells.iter().map(|c| (*c).to_owned()).collect::<Vec<_>>();
    assert_eq!(
        table_row(&row(&["Time", "5 ms", ""]), &[8, 8, 6]),
        "| Time   | 5 ms   |      |\n"
    );
    assert_eq!(
        table_row(&row(&["Time", "a very long value"]), &[8, 8]),
        "| Time   | a very long value |\n"
    );
    assert_eq!(table_row(&row(&["Time", ""]), &[]), "| Time | |\n");
}

#[test]
fn items_take_their_shape() {
    let shapes = vec![
        ItemShape {
            prefix: String::new(),
            open: "`".into(),
            close: "`".into(),
        },
        ItemShape {
            prefix: "New: ".into(),
            open: "`".into(),
            close: "`".into(),
        },
    ];
    assert_eq!(shape_item(&shapes, "a.go"), "`a.go`");
    assert_eq!(shape_item(&shapes, "`a.go`"), "`a.go`");
    assert_eq!(shape_item(&shapes, "new: b.go"), "New: `b.go`");
    // A backtick inside takes a longer run around it (CommonMark code spans), with a
    // space inside each end when the text starts or ends with one.
    assert_eq!(shape_item(&shapes, "has ` tick"), "``has ` tick``");
    assert_eq!(shape_item(&shapes, "two `` ticks"), "```two `` ticks```");
    assert_eq!(shape_item(&shapes, "`start"), "`` `start ``");
    assert_eq!(shape_item(&shapes, "end`"), "`` end` ``");
    assert_eq!(shape_item(&shapes, "new: a`b"), "New: ``a`b``");
}

#[test]
fn rows_split_on_unescaped_pipes() {
    assert_eq!(split_row("| a | b \\| c |  |"), ["a", "b \\| c", ""]);
}

#[test]
fn cells_are_trimmed_as_str_trim_trims_them() {
    assert_eq!(
        split_row("| a \u{a0}| b \\| c |\u{3000}d\u{b} |"),
        ["a", "b \\| c", "d"]
    );
}
