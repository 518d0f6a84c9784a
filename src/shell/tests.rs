//! Unit tests of `shell`.

use super::*;

#[test]
fn the_transcript_keeps_the_first_mebibyte_and_says_so() {
    let mut t = Transcript::default();
    t.add(&vec![b'a'; MAX_OUTPUT - 2]);
    t.add(b"bcdef\n");
    assert_eq!(t.kept.len(), MAX_OUTPUT);
    assert!(
        t.text()
            .ends_with("abc\n[output cut at 1 MiB: 4 more bytes not kept]")
    );
    assert!(t.tail.len() <= 2 * TAIL_BYTES);
    assert!(t.progress().unwrap().last().unwrap().ends_with("abcdef"));
    assert_eq!(t.progress(), None);
}

#[test]
fn the_tail_stays_bounded_whatever_the_size_of_a_read() {
    let mut t = Transcript::default();
    for size in [1, READ_BYTES, 3 * TAIL_BYTES, 7, MAX_OUTPUT] {
        t.add(&vec![b'x'; size]);
        assert!(t.tail.len() <= 2 * TAIL_BYTES, "{size}: {}", t.tail.len());
    }
    assert_eq!(t.kept.len(), MAX_OUTPUT);
}

#[test]
fn the_repository_root_holds_git() {
    let dir = tempfile::tempdir().unwrap();
    let deep = dir.path().join("a/b");
    std::fs::create_dir_all(&deep).unwrap();
    assert_eq!(repo_root(&deep), deep);
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    assert_eq!(repo_root(&deep), dir.path());
}
