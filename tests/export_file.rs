//! `render -o FILE`: atomic writes, no clobbering without --force, clear errors for bad
//! folders, and the printed `gh issue create` command. The real binary in temp folders.

mod support;
use support::bin;

use std::fs;
use std::path::Path;

/// The entries of a folder, sorted, to show no temporary file was left behind.
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("folder is readable")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

const RENDER: [&str; 4] = ["render", "bug-report", "--set", "summary=It breaks"];

#[test]
fn writes_the_body_and_prints_the_gh_command() {
    let dir = tempfile::tempdir().unwrap();
    let out = bin()
        .current_dir(dir.path())
        .args(RENDER)
        .args([
            "--set",
            "title=It's [broken]",
            "--set",
            "labels=[bug, help wanted]",
        ])
        .args(["--set", "assignees=[octocat]", "-o", "issue.md"])
        .args(["--milestone", "v1.0", "-R", "octo/hello"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        String::from_utf8(out.stdout.clone()).unwrap(),
        "gh issue create --title 'It'\\''s [broken]' --body-file issue.md --label bug --label 'help wanted' --assignee octocat --milestone v1.0 --repo octo/hello\n"
    );
    assert_eq!(
        stderr(&out),
        "issue-composer: wrote issue.md; to create the issue, run:\n"
    );
    let body = fs::read_to_string(dir.path().join("issue.md")).unwrap();
    assert!(body.starts_with("## Summary\n\nIt breaks\n\n"), "{body}");
    assert_eq!(entries(dir.path()), ["issue.md"]);
}

/// A title that is only the template's prefix is blank, as the form, `--gh` and plain
/// mode say: the file is written, and no command carrying `[BUG]` as the title is
/// printed (before: `gh issue create --title '[BUG]' ...`).
#[test]
fn a_blank_title_writes_the_file_and_says_so_instead_of_printing_the_command() {
    let dir = tempfile::tempdir().unwrap();
    for (title, said) in [
        (None, "only the template's prefix `[BUG]`"),
        (
            Some("title=  [bug]  "),
            "only the template's prefix `[BUG]`",
        ),
    ] {
        let mut cmd = bin();
        cmd.current_dir(dir.path()).args(RENDER);
        if let Some(title) = title {
            cmd.args(["--set", title]);
        }
        let out = cmd.args(["--force", "-o", "issue.md"]).output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(String::from_utf8(out.stdout.clone()).unwrap(), "");
        assert_eq!(
            stderr(&out),
            format!(
                "issue-composer: wrote issue.md; the title is {said}: give one with --set title=... to get the gh command that creates the issue\n"
            )
        );
        let body = fs::read_to_string(dir.path().join("issue.md")).unwrap();
        assert!(body.starts_with("## Summary\n\nIt breaks\n\n"), "{body}");
    }
}

#[test]
fn refuses_to_replace_a_file_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("issue.md");
    fs::write(&path, "keep me\n").unwrap();
    let out = bin()
        .args(RENDER)
        .args(["--set", "title=It breaks", "--gh", "-o"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert_eq!(
        stderr(&out),
        format!(
            "issue-composer: {} already exists (pass --force to replace it); nothing was copied or sent\n",
            path.display()
        )
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), "keep me\n");
    assert_eq!(entries(dir.path()), ["issue.md"]);

    bin()
        .args(RENDER)
        .args(["--force", "-o"])
        .arg(&path)
        .assert()
        .success();
    let body = fs::read_to_string(&path).unwrap();
    assert!(body.starts_with("## Summary\n\nIt breaks\n"), "{body}");
    assert_eq!(entries(dir.path()), ["issue.md"]);
}

#[test]
fn a_missing_folder_or_a_file_in_the_way_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-folder").join("issue.md");
    let out = bin().args(RENDER).arg("-o").arg(&missing).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        format!(
            "issue-composer: cannot write {}: the folder {} does not exist\n",
            missing.display(),
            dir.path().join("no-such-folder").display()
        )
    );

    let plain = dir.path().join("plain.txt");
    fs::write(&plain, "x").unwrap();
    let under_file = plain.join("issue.md");
    let out = bin()
        .args(RENDER)
        .arg("-o")
        .arg(&under_file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        format!(
            "issue-composer: cannot write {}: {} is not a folder\n",
            under_file.display(),
            plain.display()
        )
    );

    assert_eq!(entries(dir.path()), ["plain.txt"]);
}

/// `-o FOLDER` writes config.toml's file name (by default `{stem}-issue.md`) inside it,
/// and refuses to replace that file without `--force`, like any `-o FILE`.
#[test]
fn output_folder_gets_the_configured_file_name() {
    let dir = tempfile::tempdir().unwrap();
    let out = bin()
        .env("XDG_CONFIG_HOME", dir.path().join("no-config"))
        .args(RENDER)
        .arg("-o")
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let written = dir.path().join("bug-report-issue.md");
    assert!(
        stderr(&out).starts_with(&format!("issue-composer: wrote {};", written.display())),
        "{}",
        stderr(&out)
    );
    assert_eq!(entries(dir.path()), ["bug-report-issue.md"]);
    let again = bin()
        .env("XDG_CONFIG_HOME", dir.path().join("no-config"))
        .args(RENDER)
        .arg("-o")
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(
        stderr(&again),
        format!(
            "issue-composer: {} already exists (pass --force to replace it)\n",
            written.display()
        )
    );
}

/// The binary, copied into `dir` and run as `nobody` (uid 65534) when we are root, so a test
/// of a folder's permissions means something and a regression cannot replace a system file.
/// `cp`, not `fs::copy`: a write handle open in this process could leak into a child that
/// another test forks meanwhile, and exec would then fail with "text file busy".
#[cfg(unix)]
fn unprivileged_bin(dir: &Path) -> std::process::Command {
    use std::os::unix::fs::PermissionsExt as _;
    use std::os::unix::process::CommandExt as _;

    fs::set_permissions(dir, fs::Permissions::from_mode(0o755)).expect("test setup");
    let exe = dir.join("issue-composer");
    let copied = std::process::Command::new("cp")
        .arg(assert_cmd::cargo::cargo_bin("issue-composer"))
        .arg(&exe)
        .status()
        .expect("test setup");
    assert!(copied.success());
    let mut cmd = std::process::Command::new(&exe);
    // Settings and data of this test only (the real ones may not be readable).
    cmd.env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_DATA_HOME", dir.join("data"));
    if rustix::process::geteuid().is_root() {
        cmd.uid(65534).gid(65534);
    }
    cmd
}

/// Root may write into a folder without write permission, hence [`unprivileged_bin`].
#[cfg(unix)]
#[test]
fn a_read_only_folder_is_named() {
    use std::os::unix::fs::PermissionsExt as _;

    let dir = tempfile::tempdir().unwrap();
    let locked = dir.path().join("locked");
    fs::create_dir(&locked).unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o555)).unwrap();
    let target = locked.join("issue.md");

    let out = unprivileged_bin(dir.path())
        .args(RENDER)
        .arg("-o")
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        format!(
            "issue-composer: cannot write {}: the folder {} is read-only\n",
            target.display(),
            locked.display()
        )
    );
    assert!(entries(&locked).is_empty());
}

/// A FIFO is refused even with --force, and checking it does not block on opening it.
#[cfg(unix)]
#[test]
fn force_never_replaces_a_fifo() {
    use std::os::unix::fs::FileTypeExt as _;

    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let out = bin()
        .args(RENDER)
        .args(["--force", "-o"])
        .arg(&fifo)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    assert_eq!(
        stderr(&out),
        format!(
            "issue-composer: {} is a FIFO, not a regular file\n",
            fifo.display()
        )
    );
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    assert_eq!(entries(dir.path()), ["pipe"]);
}

/// /dev/null (as root it used to become a regular file), directly and through a symlink.
#[cfg(unix)]
#[test]
fn force_never_replaces_a_device() {
    use std::os::unix::fs::FileTypeExt as _;

    let dir = tempfile::tempdir().unwrap();
    let out = unprivileged_bin(dir.path())
        .args(RENDER)
        .args(["--force", "-o", "/dev/null"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "issue-composer: /dev/null is a character device, not a regular file\n"
    );
    let null = fs::metadata("/dev/null").unwrap();
    assert!(null.file_type().is_char_device());

    let link = dir.path().join("null");
    std::os::unix::fs::symlink("/dev/null", &link).unwrap();
    let out = bin()
        .args(RENDER)
        .args(["--force", "-o"])
        .arg(&link)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        format!(
            "issue-composer: {} is a character device, not a regular file\n",
            link.display()
        )
    );
    assert!(fs::symlink_metadata(&link).unwrap().is_symlink());
}

/// `-o -` is standard output: the body is printed and no file named `-` appears.
#[test]
fn output_dash_is_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let out = bin()
        .current_dir(dir.path())
        .args(RENDER)
        .args(["-o", "-"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let printed = bin().args(RENDER).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("## Summary\n"));
    assert_eq!(out.stdout, printed.stdout);
    assert_eq!(stderr(&out), "");
    assert!(entries(dir.path()).is_empty());
}

/// `-o LINK --force` writes the file the symlink names, and the link stays a link.
#[test]
fn a_symlink_is_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.md");
    let link = dir.path().join("link.md");
    fs::write(&real, "old\n").unwrap();
    std::os::unix::fs::symlink("real.md", &link).unwrap();
    let out = bin()
        .args(RENDER)
        .arg("-o")
        .arg(&link)
        .arg("--force")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        fs::read_to_string(&real)
            .unwrap()
            .starts_with("## Summary\n")
    );
    assert_eq!(entries(dir.path()), ["link.md", "real.md"]);
}

/// A write the OS refuses says why, without the name of the temporary file it tried.
#[test]
fn a_refused_write_does_not_name_the_temporary_file() {
    let out = bin()
        .args(RENDER)
        .args(["-o", "/proc/version", "--force"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "issue-composer: cannot write /proc/version: not found\n"
    );
}
