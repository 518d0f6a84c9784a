//! `--answers` from a pipe: process substitution keeps working, a named FIFO without a
//! writer is waited for with a word on standard error (it used to block in silence), and
//! a device is refused by name.

// Test helpers unwrap: a failure there is a failing test.
#![allow(clippy::unwrap_used)]

mod support;
use support::{bin, write};

use std::io::{BufRead as _, BufReader, Write as _};
use std::process::Stdio;
use std::time::Duration;

const TEMPLATE: &str = "## What happened?\n\n## Version\n\n";

#[test]
fn a_named_fifo_without_a_writer_is_waited_for_out_loud() {
    let dir = tempfile::tempdir().unwrap();
    let template = write(dir.path(), "t.md", TEMPLATE);
    let fifo = dir.path().join("answers.yaml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_issue-composer"))
        .env("NO_COLOR", "1")
        .args(["render", &template, "--answers"])
        .arg(&fifo)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The first line on standard error says what the program waits for; the old code
    // said nothing and blocked (the guard below keeps a regression from hanging).
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        BufReader::new(stderr).read_line(&mut line).unwrap();
        tx.send(line).unwrap();
    });
    let line = rx.recv_timeout(Duration::from_secs(60));
    if line.is_err() {
        child.kill().unwrap();
    }
    assert_eq!(
        line.unwrap(),
        format!(
            "issue-composer: waiting for a writer on {} (Ctrl-C stops)\n",
            fifo.display()
        )
    );
    let mut writer = std::fs::OpenOptions::new().write(true).open(&fifo).unwrap();
    writer.write_all(b"fields:\n  version: '1.2'\n").unwrap();
    drop(writer);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "## What happened?\n\n## Version\n\n1.2\n"
    );
}

#[test]
fn process_substitution_still_reads_its_answers_even_empty_ones() {
    let dir = tempfile::tempdir().unwrap();
    let template = write(dir.path(), "t.md", TEMPLATE);
    let binary = env!("CARGO_BIN_EXE_issue-composer");
    for (command, version) in [
        ("printf 'fields:\\n  version: 3.1\\n'", "\n3.1\n"),
        (
            "sleep 0.2; printf 'fields:\\n  version: late\\n'",
            "\nlate\n",
        ),
        // Nothing written: no answers (this blocked before, waiting for a writer).
        ("true", ""),
    ] {
        let line = format!("'{binary}' render '{template}' --answers <({command})");
        let out = assert_cmd::Command::new("bash")
            .args(["-c", &line])
            .env("NO_COLOR", "1")
            .timeout(Duration::from_secs(60))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{command}: {out:?}");
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            format!("## What happened?\n\n## Version\n{version}"),
            "{command}"
        );
    }
}

#[test]
fn a_device_as_answers_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let template = write(dir.path(), "t.md", TEMPLATE);
    let out = bin()
        .args(["render", &template, "--answers", "/dev/null"])
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "issue-composer: cannot read answers file /dev/null: it is a character device, not a regular file or a pipe\n"
    );
}
