//! The command runner behind Ctrl-R: a real shell, real output, a real process group.

// Test helpers unwrap: a failure there is a failing test.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use issue_composer::shell::{self, End, Event, Finished, Running};

fn start(line: &str, cwd: &Path) -> (Option<Running>, Receiver<Event>) {
    let (sender, events) = mpsc::channel();
    let running = shell::start("sh", line, cwd, move |e| {
        let _ = sender.send(e);
    });
    (running, events)
}

/// Progress reports until the end.
fn follow(events: &Receiver<Event>) -> (Vec<Vec<String>>, Finished) {
    let mut progress = Vec::new();
    loop {
        match events.recv_timeout(Duration::from_secs(30)).unwrap() {
            Event::Progress(lines) => progress.push(lines),
            Event::Finished(finished) => return (progress, finished),
        }
    }
}

#[test]
fn output_streams_and_a_failure_keeps_it_with_its_status() {
    let dir = tempfile::tempdir().unwrap();
    let script = "echo one; printf '\\033[32mtwo\\033[0m\\n' >&2; sleep 0.3; \
                  printf 'step 1\\rstep 2\\n'; echo; echo; exit 3";
    let (running, events) = start(script, dir.path());
    assert!(running.is_some());
    let (progress, finished) = follow(&events);
    assert_eq!(finished.end, End::Exited(3));
    assert!(!finished.end.success());
    assert_eq!(finished.output, "one\ntwo\nstep 2");
    // Reported while it slept: the lines so far.
    assert!(
        progress.iter().any(|p| p == &["one", "two"]),
        "{progress:?}"
    );
}

#[test]
fn it_runs_in_the_folder_given_with_no_terminal_input() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("marker.txt"), "here\n").unwrap();
    let (_running, events) = start("cat marker.txt; cat; test -t 0 || echo no-tty", dir.path());
    let (_, finished) = follow(&events);
    assert_eq!(finished.end, End::Exited(0));
    assert_eq!(finished.output, "here\nno-tty");
}

/// The command runs in a session of its own: it has no controlling terminal, so it
/// cannot write over the form or read keys through /dev/tty.
#[test]
fn it_runs_in_a_session_of_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let (_running, events) = start("cut -d' ' -f6 /proc/self/stat", dir.path());
    let (_, finished) = follow(&events);
    assert_eq!(finished.end, End::Exited(0));
    let theirs: i32 = finished.output.trim().parse().unwrap();
    // Read from /proc rather than getsid(2): in a container whose session leader sits
    // outside our PID namespace our session reads as 0, which rustix's getsid cannot hold.
    assert_ne!(theirs, session_of_self(), "the command shares our session");
    assert!(
        theirs > 0,
        "the command's session is its own, inside our namespace"
    );
}

/// This process's session id, field 6 of /proc/self/stat (counted after the command
/// name's closing parenthesis, since the name may hold spaces).
fn session_of_self() -> i32 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap();
    let after_name = &stat[stat.rfind(')').unwrap() + 1..];
    after_name
        .split_whitespace()
        .nth(3)
        .unwrap()
        .parse()
        .unwrap()
}

#[test]
fn a_missing_shell_reports_that_it_did_not_start() {
    let dir = tempfile::tempdir().unwrap();
    let (sender, events) = mpsc::channel();
    let running = shell::start("/nonexistent/shell", "true", dir.path(), move |e| {
        let _ = sender.send(e);
    });
    assert!(running.is_none());
    let (_, finished) = follow(&events);
    assert!(matches!(finished.end, End::NotStarted(_)), "{finished:?}");
}

fn gone(pid: &str) -> bool {
    // Killed; orphaned, it may stay a zombie until init reaps it.
    (0..100).any(|_| {
        std::thread::sleep(Duration::from_millis(50));
        std::fs::read_to_string(format!("/proc/{}/stat", pid.trim()))
            .map_or(true, |stat| stat.contains(") Z "))
    })
}

#[test]
fn stopping_ends_the_whole_process_group() {
    let dir = tempfile::tempdir().unwrap();
    let pid_file = dir.path().join("pid");
    // The grandchild ignores SIGTERM and holds the pipes; it must go with the group.
    let script = format!(
        "echo started; (trap '' TERM; sleep 1000) & echo $! > '{}'; wait",
        pid_file.display()
    );
    let (running, events) = start(&script, dir.path());
    let running = running.unwrap();
    // Started: its first line arrived.
    loop {
        match events.recv_timeout(Duration::from_secs(30)).unwrap() {
            Event::Progress(lines) if lines.iter().any(|l| l == "started") => break,
            Event::Progress(_) => {}
            Event::Finished(f) => panic!("ended early: {f:?}"),
        }
    }
    while !pid_file.exists() {
        std::thread::sleep(Duration::from_millis(20));
    }
    running.stop();
    let (_, finished) = follow(&events);
    assert_eq!(finished.end, End::Stopped);
    assert_eq!(finished.output, "started");
    let pid = std::fs::read_to_string(&pid_file).unwrap();
    assert!(gone(&pid), "the grandchild outlived the stop");
}

#[test]
fn dropping_a_running_command_kills_it() {
    let dir = tempfile::tempdir().unwrap();
    let pid_file = dir.path().join("pid");
    let script = format!("sleep 1000 & echo $! > '{}'; wait", pid_file.display());
    let (running, _events) = start(&script, dir.path());
    while !pid_file.exists() {
        std::thread::sleep(Duration::from_millis(20));
    }
    let pid = std::fs::read_to_string(&pid_file).unwrap();
    drop(running);
    assert!(gone(&pid), "the command outlived its handle");
}

/// The resident memory of this process, in KiB.
fn resident_kib() -> usize {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// A command that never stops printing: progress keeps coming (before, the watcher
/// looped on the chunks for ever, so no progress was reported and Esc did nothing, while
/// an unbounded channel of chunks grew to gigabytes), what is held stays within its
/// bounds while far more goes through the pipe, and stopping it works.
#[test]
fn endless_output_is_capped_and_the_command_can_be_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let (running, events) = start("yes abcdefghij", dir.path());
    let running = running.unwrap();
    let before = resident_kib();
    let mut reports = 0;
    // 64 times what is kept goes through the pipe while progress is reported.
    while running.held().dropped < 64 * shell::MAX_OUTPUT {
        match events.recv_timeout(Duration::from_secs(30)).unwrap() {
            Event::Progress(lines) => {
                reports += 1;
                assert!(lines.len() <= shell::TAIL_LINES, "{lines:?}");
                // The latest read may end in the middle of a line.
                let last = lines.last().unwrap();
                assert!(
                    !last.is_empty() && "abcdefghij".starts_with(last.as_str()),
                    "{lines:?}"
                );
            }
            Event::Finished(f) => panic!("ended early: {f:?}"),
        }
        let held = running.held();
        assert!(held.kept <= shell::MAX_OUTPUT, "{held:?}");
        assert!(held.tail <= 32 * 1024, "{held:?}");
    }
    assert!(reports > 0);
    let grown = resident_kib().saturating_sub(before);
    assert!(grown < 32 * 1024, "resident memory grew by {grown} KiB");
    assert_eq!(running.held().kept, shell::MAX_OUTPUT);
    running.stop();
    let (_, finished) = follow(&events);
    assert_eq!(finished.end, End::Stopped);
    let (text, note) = finished
        .output
        .split_once("\n[output cut at 1 MiB: ")
        .unwrap();
    assert!(
        text.starts_with("abcdefghij\nabcdefghij\n"),
        "{}",
        &text[..40]
    );
    assert!(text.len() <= shell::MAX_OUTPUT);
    let dropped: usize = note
        .strip_suffix(" more bytes not kept]")
        .unwrap()
        .parse()
        .unwrap();
    assert!(dropped >= 64 * shell::MAX_OUTPUT, "{note}");
}
