//! Unit tests of `form`.

use super::*;

/// Labels and assignees share their row by what they hold: half each while both fit
/// there; the one needing more takes the other's spare columns; both too long share it
/// evenly (then each is cut).
#[test]
fn labels_and_assignees_share_their_row_by_what_they_need() {
    assert_eq!(people_split(100, 30, 30), 50);
    assert_eq!(people_split(100, 50, 50), 50);
    assert_eq!(people_split(100, 51, 28), 51);
    assert_eq!(people_split(100, 80, 28), 72);
    assert_eq!(people_split(100, 60, 40), 60);
    assert_eq!(people_split(100, 28, 80), 28);
    assert_eq!(people_split(100, 20, 70), 30);
    assert_eq!(people_split(100, 70, 70), 50);
    assert_eq!(people_split(101, 50, 51), 50);
    assert_eq!(people_split(0, 10, 10), 0);
}

/// The header's count reads right for one field and for more: `1 of 1 field filled`,
/// not `1 of 1 fields filled`.
#[test]
fn the_header_count_agrees_with_the_number_of_fields() {
    assert_eq!(filled_counter(0, 1), "0 of 1 field filled");
    assert_eq!(filled_counter(1, 1), "1 of 1 field filled");
    assert_eq!(filled_counter(1, 2), "1 of 2 fields filled");
    assert_eq!(filled_counter(0, 0), "0 of 0 fields filled");
}
