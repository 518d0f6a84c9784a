//! Unit tests of `file`.

use super::*;

#[test]
fn temp_files_sit_beside_the_target_and_are_named_after_it() {
    assert_eq!(folder_of(Path::new("issue.md")), Path::new("."));
    assert_eq!(folder_of(Path::new("out/issue.md")), Path::new("out"));
    assert_eq!(folder_of(Path::new("/issue.md")), Path::new("/"));
    assert_eq!(temp_prefix(Path::new("out/issue.md")), ".issue.md.");
}

#[test]
fn errors_name_the_path_and_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plain");
    std::fs::write(&file, "x").unwrap();
    let target = file.join("sub").join("issue.md");
    let err = write(&target, b"body", WriteOptions::default()).unwrap_err();
    assert!(
        matches!(&err, WriteError::NotAFolder { folder, .. } if *folder == file),
        "{err:?}"
    );
    assert_eq!(err.path(), target);
    assert_eq!(
        err.to_string(),
        format!(
            "cannot write {}: {} is not a folder",
            target.display(),
            file.display()
        )
    );
    let err = write(dir.path(), b"body", WriteOptions::default()).unwrap_err();
    assert!(matches!(err, WriteError::IsAFolder { .. }), "{err:?}");
}

/// The TUI writes through here too, so this covers its `w` and `-o` paths.
#[cfg(unix)]
#[test]
fn only_regular_files_are_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let socket = dir.path().join("sock");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let link = dir.path().join("null");
    std::os::unix::fs::symlink("/dev/null", &link).unwrap();
    let options = WriteOptions {
        overwrite: true,
        private: false,
    };
    for (path, kind) in [(&socket, "socket"), (&link, "character device")] {
        let err = write(path, b"body", options).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("{} is a {kind}, not a regular file", path.display())
        );
    }
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());

    let file = dir.path().join("issue.md");
    std::fs::write(&file, "old").unwrap();
    let via = dir.path().join("via");
    std::os::unix::fs::symlink(&file, &via).unwrap();
    write(&via, b"new", options).unwrap();
    assert_eq!(std::fs::read_to_string(&via).unwrap(), "new");
}

/// A link to a file not yet there creates that file; the link stays a link. A link into
/// a missing folder names the folder.
#[cfg(unix)]
#[test]
fn a_dangling_link_names_the_file_to_create() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("issue.md");
    std::os::unix::fs::symlink("drafts/issue.md", &link).unwrap();
    let err = write(&link, b"body", WriteOptions::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "cannot write {}: the folder {} does not exist",
            link.display(),
            dir.path().join("drafts").display()
        )
    );
    std::fs::create_dir(dir.path().join("drafts")).unwrap();
    write(&link, b"body", WriteOptions::default()).unwrap();
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    let made = dir.path().join("drafts").join("issue.md");
    assert_eq!(std::fs::read_to_string(&made).unwrap(), "body");
    let err = write(&link, b"again", WriteOptions::default()).unwrap_err();
    assert!(matches!(err, WriteError::Exists { .. }), "{err:?}");
}

/// In a repository, a link that leads out of it is refused (a clone could plant
/// `bug-issue.md -> ~/.bashrc` where the review offers to write), even with overwrite;
/// one that stays inside is followed. Outside a repository links are followed.
#[cfg(unix)]
#[test]
fn a_link_out_of_the_repository_is_refused() {
    use std::os::unix::fs::symlink;
    let home = tempfile::tempdir().unwrap();
    let precious = home.path().join(".bashrc");
    std::fs::write(&precious, "mine").unwrap();
    let repo = home.path().join("clone");
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    let planted = repo.join("bug-issue.md");
    symlink(&precious, &planted).unwrap();
    let options = WriteOptions {
        overwrite: true,
        ..WriteOptions::default()
    };
    let err = write(&planted, b"body", options).unwrap_err();
    let root = std::fs::canonicalize(&repo).unwrap();
    let real = std::fs::canonicalize(&precious).unwrap();
    assert_eq!(
        err.to_string(),
        format!(
            "cannot write {}: it is a link to {}, outside the repository {} (a clone can plant such a link)",
            planted.display(),
            real.display(),
            root.display()
        )
    );
    assert_eq!(std::fs::read_to_string(&precious).unwrap(), "mine");
    // Dangling, to a file that does not exist yet: refused the same way.
    let dangling = repo.join("new-issue.md");
    symlink(home.path().join("made.md"), &dangling).unwrap();
    assert!(matches!(
        write(&dangling, b"body", options),
        Err(WriteError::Link { .. })
    ));
    assert!(!home.path().join("made.md").exists());
    // Inside the repository: followed.
    std::fs::create_dir(repo.join("issues")).unwrap();
    let inside = repo.join("inside.md");
    symlink("issues/one.md", &inside).unwrap();
    write(&inside, b"body", options).unwrap();
    assert_eq!(
        std::fs::read_to_string(repo.join("issues/one.md")).unwrap(),
        "body"
    );
    // A linked folder in the repository that leads out: refused too.
    std::fs::create_dir(home.path().join("elsewhere")).unwrap();
    symlink(home.path().join("elsewhere"), repo.join("out")).unwrap();
    let through = repo.join("out").join("x.md");
    let err = write(&through, b"body", options).unwrap_err();
    assert!(
        err.to_string()
            .contains(": a linked folder on its way leads to "),
        "{err}"
    );
    assert!(!home.path().join("elsewhere/x.md").exists());
    // Outside any repository: followed.
    let outside = home.path().join("via.md");
    symlink(&precious, &outside).unwrap();
    write(&outside, b"new", options).unwrap();
    assert_eq!(std::fs::read_to_string(&precious).unwrap(), "new");
}

/// A chain of links is followed to its end, a loop is refused, and so is a link another
/// user owns (one planted in /tmp would otherwise send the issue wherever it points).
#[cfg(unix)]
#[test]
fn chains_loops_and_links_of_other_users() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    symlink("b", &a).unwrap();
    symlink("final.md", &b).unwrap();
    write(&a, b"body", WriteOptions::default()).unwrap();
    assert_eq!(
        std::fs::read_to_string(dir.path().join("final.md")).unwrap(),
        "body"
    );
    assert!(std::fs::symlink_metadata(&b).unwrap().is_symlink());

    let looped = dir.path().join("loop");
    symlink("loop", &looped).unwrap();
    let forced = WriteOptions {
        overwrite: true,
        private: false,
    };
    let err = write(&looped, b"body", forced).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "cannot write {}: more than 40 links in a row (a loop?)",
            looped.display()
        )
    );
    assert!(std::fs::symlink_metadata(&looped).unwrap().is_symlink());

    // Only root can give a link away; elsewhere this part cannot be set up.
    let planted = dir.path().join("planted");
    symlink("victim.md", &planted).unwrap();
    if std::os::unix::fs::lchown(&planted, Some(54_321), None).is_ok() {
        let err = write(&planted, b"body", forced).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "cannot write {0}: {0} is a link owned by another user; it is not followed",
                planted.display()
            )
        );
        assert!(!dir.path().join("victim.md").exists());
    }
}

#[cfg(unix)]
#[test]
fn reading_within_a_limit_refuses_devices_fifos_and_big_files() {
    let dir = tempfile::tempdir().unwrap();
    let zero = dir.path().join("zero");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let fifo = dir.path().join("fifo");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let big = dir.path().join("big");
    std::fs::write(&big, vec![b'x'; 2049]).unwrap();
    let err = |path: &Path| read_regular_within(path, 2048).unwrap_err().to_string();
    assert_eq!(err(&zero), "it is a character device, not a regular file");
    assert_eq!(err(&fifo), "it is a FIFO, not a regular file");
    assert_eq!(err(&big), "it is larger than 2 KiB");
    assert_eq!(err(dir.path()), "it is a folder, not a regular file");
    std::fs::write(&big, vec![b'x'; 2048]).unwrap();
    assert_eq!(read_regular_within(&big, 2048).unwrap().len(), 2048);
    assert_eq!(in_words(16 << 20), "16 MiB");
    assert_eq!(in_words(1000), "1,000 bytes");
    assert_eq!(in_words(1), "1 byte");
    assert_eq!(in_words(2), "2 bytes");
}

#[cfg(unix)]
#[test]
fn private_files_are_0600_and_replacements_keep_the_old_mode() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let private = dir.path().join("private.json");
    let options = WriteOptions {
        overwrite: false,
        private: true,
    };
    write(&private, b"{}", options).unwrap();
    let mode = std::fs::metadata(&private).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);

    let shared = dir.path().join("shared.md");
    std::fs::write(&shared, "old").unwrap();
    std::fs::set_permissions(&shared, Permissions::from_mode(0o640)).unwrap();
    let options = WriteOptions {
        overwrite: true,
        private: false,
    };
    write(&shared, b"new", options).unwrap();
    let mode = std::fs::metadata(&shared).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o640);
    assert_eq!(std::fs::read_to_string(&shared).unwrap(), "new");
}
