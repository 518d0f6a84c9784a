//! Unit tests of `draft`.

use super::*;

#[test]
fn a_fifo_or_an_empty_file_is_no_draft_to_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("d.yaml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()));
    // Reading would block for ever; it is moved aside instead.
    let Loaded::MovedAside { reason, .. } = load_at(fifo) else {
        panic!("a FIFO must be moved aside")
    };
    assert_eq!(reason, "it is a FIFO, not a regular file");
    let empty = dir.path().join("e.yaml");
    std::fs::write(&empty, "").expect("write");
    assert!(matches!(load_at(empty), Loaded::Nothing));
}

#[test]
fn keys_separate_built_ins_and_files() {
    let b = Source::Builtin(crate::discover::BUILTINS[0]);
    assert_eq!(key(&b), "builtin-performance");
    let a = key(&Source::File(PathBuf::from("/repo/a/bug_report.md")));
    let c = key(&Source::File(PathBuf::from("/repo/c/bug_report.md")));
    assert!(a.starts_with("bug_report-"));
    assert_ne!(a, c);
}

#[test]
fn aside_names_carry_the_utc_time() {
    let t = UNIX_EPOCH + std::time::Duration::from_secs(1_709_210_096);
    assert_eq!(
        aside_name("builtin-performance.yaml", t),
        "builtin-performance.yaml.corrupt-20240229T123456Z"
    );
    assert_eq!(aside_name("d", UNIX_EPOCH), "d.corrupt-19700101T000000Z");
}

/// The one file in `dir` besides `keep`.
fn the_other(dir: &Path, keep: &str) -> String {
    let names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != keep)
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    names[0].clone()
}

fn is_aside_name(name: &str, of: &str) -> bool {
    let Some(stamp) = name.strip_prefix(&format!("{of}.corrupt-")) else {
        return false;
    };
    let b = stamp.as_bytes();
    b.len() == 16
        && b[8] == b'T'
        && b[15] == b'Z'
        && b[..8].iter().chain(&b[9..15]).all(u8::is_ascii_digit)
}

#[test]
fn a_draft_that_does_not_read_is_moved_aside_untouched() {
    for (text, reason) in [
        (
            "title: [not, text]\n",
            "line 1, column 8: expected text here, not a list or a mapping",
        ),
        (
            "fields: [a, b]\n",
            "line 1, column 9: expected a mapping here",
        ),
        (
            "labels: {a: b}\n",
            "`labels`: expects a comma-separated string or a list",
        ),
        (
            "nonsense: 1\n",
            "line 1, column 1: unknown field `nonsense`, expected one of title, labels, assignees, fields",
        ),
        ("title: 'unterminated\n", "line 1, column 8: unclosed quote"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.yaml");
        std::fs::write(&path, text).unwrap();
        let Loaded::MovedAside { to, reason: why } = load_at(path.clone()) else {
            panic!("{text:?} was not moved aside")
        };
        assert_eq!(why, reason);
        assert!(!path.exists());
        let name = the_other(dir.path(), "");
        assert!(is_aside_name(&name, "d.yaml"), "{name}");
        assert_eq!(to, dir.path().join(&name));
        assert_eq!(std::fs::read_to_string(&to).unwrap(), text);
    }
}

#[test]
fn an_unreadable_draft_is_moved_aside_and_a_second_one_does_not_replace_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.yaml");
    std::fs::write(&path, [0xff, 0xfe, b'\n']).unwrap();
    let Loaded::MovedAside { to: first, reason } = load_at(path.clone()) else {
        panic!()
    };
    assert_eq!(reason, "stream did not contain valid UTF-8");
    std::fs::write(&path, "title: [x]\n").unwrap();
    let Loaded::MovedAside { to: second, .. } = load_at(path.clone()) else {
        panic!()
    };
    assert_ne!(first, second);
    assert_eq!(std::fs::read(&first).unwrap(), [0xff, 0xfe, b'\n']);
    assert_eq!(std::fs::read_to_string(&second).unwrap(), "title: [x]\n");
}

#[test]
fn a_missing_draft_or_data_folder_is_nothing_and_a_good_one_loads() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(load_at(dir.path().join("d.yaml")), Loaded::Nothing);
    let file = dir.path().join("plain");
    std::fs::write(&file, "x").unwrap();
    assert_eq!(load_at(file.join("drafts/d.yaml")), Loaded::Nothing);
    let path = dir.path().join("d.yaml");
    std::fs::write(&path, "title: T\nfields: {gone: [1, 2]}\n").unwrap();
    let Loaded::Draft { file, path: at } = load_at(path.clone()) else {
        panic!()
    };
    assert_eq!(file.title.as_deref(), Some("T"));
    assert_eq!(at, Some(path));
}

#[test]
fn saving_blank_text_keeps_the_earlier_draft() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.yaml");
    std::fs::write(&path, "title: kept\n").unwrap();
    let err = save_at(path.clone(), "").unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "could not save the draft to {}: the draft came out empty, so the earlier one was kept",
            path.display()
        )
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "title: kept\n");
}

#[test]
fn a_save_under_a_file_fails_with_the_path_and_reason() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plain");
    std::fs::write(&file, "x").unwrap();
    let path = file.join("drafts/d.yaml");
    let err = save_at(path.clone(), "title: x\n").unwrap_err();
    assert_eq!(err.path, Some(path));
    assert!(err.reason.starts_with("cannot create the folder "), "{err}");
}

/// A draft is an answers file, so it stays within the answers files' size limit:
/// before, a draft over it was written, resumed by the form, and refused by `render
/// --answers`. Now a save over the limit keeps the earlier draft and says why, and
/// one over it found on disk is moved aside with the limit named.
#[test]
fn a_draft_stays_within_the_answers_size_limit_both_ways() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.yaml");
    std::fs::write(&path, "title: kept\n").unwrap();
    let big = format!("title: {}\n", "x".repeat(200));
    let err = save_at_within(path.clone(), &big, 100).unwrap_err();
    assert_eq!(
        err.reason,
        "the draft would be 208 bytes, over 100 bytes, the limit for answers files, which a \
         draft must stay within to be read back (raise it with \
         ISSUE_COMPOSER_MAX_ANSWERS_SIZE=BYTES); the earlier one was kept"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "title: kept\n");
    // With no draft there (discarded), none is said to be kept.
    let none = dir.path().join("none.yaml");
    let err = save_at_within(none.clone(), &big, 100).unwrap_err();
    assert!(
        err.reason
            .ends_with("ISSUE_COMPOSER_MAX_ANSWERS_SIZE=BYTES); no draft is saved"),
        "{err}"
    );
    assert!(!none.exists());
    assert!(save_at_within(path.clone(), &big, 208).is_ok());
    let Loaded::MovedAside { reason, to } = load_at_within(path.clone(), 100) else {
        panic!("a draft over the limit is moved aside");
    };
    assert_eq!(
        reason,
        "it is larger than 100 bytes, the limit for answers files (raise it with \
         ISSUE_COMPOSER_MAX_ANSWERS_SIZE=BYTES)"
    );
    assert_eq!(std::fs::read_to_string(to).unwrap(), big);
}

/// A write that fails names the draft once: `could not save the draft to X: why`.
#[test]
fn a_failed_write_names_the_draft_once() {
    let dir = tempfile::tempdir().unwrap();
    // A folder where the draft should be: the write fails at the very file.
    let path = dir.path().join("d.yaml");
    std::fs::create_dir(&path).unwrap();
    let err = save_at(path.clone(), "title: x\n").unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "could not save the draft to {}: it is a folder",
            path.display()
        )
    );
}
