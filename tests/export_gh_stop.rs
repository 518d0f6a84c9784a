//! `--gh` when gh does not behave: it hangs (`--gh-timeout`), we get SIGTERM while it runs,
//! or it exits 0 without a URL. Each time the issue is kept for `retry`, the private body
//! file is removed and gh's whole process group is gone. Stand-in scripts first on PATH.

use std::fs;
use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};

use assert_cmd::Command;

/// Records its process group (itself: gh runs as a group leader), the body file and a
/// grandchild, then hangs.
const HANGS: &str = r#"#!/bin/sh
prev=
for arg in "$@"; do
  [ "$prev" = "--body-file" ] && printf '%s\n' "$arg" > "$RECORD_DIR/body-file"
  prev=$arg
done
sleep 1000 &
echo $! > "$RECORD_DIR/grandchild"
echo $$ > "$RECORD_DIR/pid"
wait
"#;

/// Succeeds without saying where the issue is.
const SILENT: &str = "#!/bin/sh\nexit 0\n";

const TEMPLATE: &str = "---\nname: Crash\ntitle: '[CRASH] '\n---\n## Summary\n";

/// Generous: the stand-in hangs for 1000 s, the timeout is 1 s.
const PATIENCE: Duration = Duration::from_secs(60);

struct World {
    dir: tempfile::TempDir,
}

impl World {
    fn new(gh: &str) -> World {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().expect("test setup");
        for sub in ["bin", "rec", "data", "home", "tmp"] {
            fs::create_dir(dir.path().join(sub)).expect("test setup");
        }
        let path = dir.path().join("bin").join("gh");
        fs::write(&path, gh).expect("test setup");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).expect("test setup");
        fs::write(dir.path().join("crash.md"), TEMPLATE).expect("test setup");
        World { dir }
    }

    fn path(&self, sub: &str) -> PathBuf {
        self.dir.path().join(sub)
    }

    fn command(&self, args: &[&str]) -> std::process::Command {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("issue-composer"));
        let mut path = self.path("bin").into_os_string();
        path.push(":");
        path.push(std::env::var_os("PATH").unwrap_or_default());
        cmd.env("PATH", path)
            .env("HOME", self.path("home"))
            .env("XDG_DATA_HOME", self.path("data"))
            .env("TMPDIR", self.path("tmp"))
            .env("RECORD_DIR", self.path("rec"))
            .args(args);
        cmd
    }

    fn render(&self, extra: &[&str]) -> Command {
        let mut cmd = Command::from_std(self.command(&["render"]));
        cmd.arg(self.path("crash.md"))
            .args(["--set", "title=[CRASH] on start", "--gh"])
            .args(extra)
            .timeout(PATIENCE);
        cmd
    }

    fn saved(&self) -> PathBuf {
        self.path("data")
            .join("issue-composer")
            .join("last-issue.json")
    }

    fn recorded(&self, name: &str) -> Option<String> {
        fs::read_to_string(self.path("rec").join(name))
            .ok()
            .map(|s| s.trim().to_owned())
    }

    /// The stand-in's process group and its grandchild, once it has recorded them.
    fn hanging(&self) -> Hanging {
        let start = Instant::now();
        while start.elapsed() < PATIENCE {
            if let (Some(group), Some(grandchild)) =
                (self.recorded("pid"), self.recorded("grandchild"))
            {
                let pid = |s: String| s.parse::<i32>().expect("a pid");
                return Hanging {
                    group: pid(group),
                    grandchild: pid(grandchild),
                };
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("the stand-in gh never ran");
    }

    fn tmp_is_empty(&self) -> bool {
        fs::read_dir(self.path("tmp"))
            .expect("tmp")
            .next()
            .is_none()
    }
}

/// The stand-in's processes; killed when the test ends, whatever it found.
struct Hanging {
    group: i32,
    grandchild: i32,
}

impl Hanging {
    /// Whether gh and its grandchild are gone (dead, or a zombie waiting to be reaped).
    fn gone(&self) -> bool {
        let start = Instant::now();
        while start.elapsed() < PATIENCE {
            if !alive(self.group) && !alive(self.grandchild) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }
}

impl Drop for Hanging {
    fn drop(&mut self) {
        use rustix::process::{Pid, Signal, kill_process, kill_process_group};
        for pid in [self.group, self.grandchild] {
            if let Some(pid) = Pid::from_raw(pid).filter(|_| alive(pid)) {
                let _ = kill_process_group(pid, Signal::KILL);
                let _ = kill_process(pid, Signal::KILL);
            }
        }
    }
}

fn alive(pid: i32) -> bool {
    fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| !stat.contains(") Z "))
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn kept_message(world: &World, first_line: &str) -> String {
    format!(
        "issue-composer: {first_line}; kept for retry\nThe issue is saved in {}: run `issue-composer retry` to send it again (check first that it was not created after all).\n",
        world.saved().display()
    )
}

#[test]
fn a_hanging_gh_is_stopped_at_the_timeout_and_the_issue_kept() {
    let world = World::new(HANGS);
    let started = Instant::now();
    let out = world.render(&["--gh-timeout", "1"]).output().unwrap();
    assert!(started.elapsed() < PATIENCE);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let hanging = world.hanging();
    assert_eq!(
        stderr(&out),
        kept_message(
            &world,
            "gh did not finish within 1 s (--gh-timeout) and was stopped"
        )
    );
    assert!(out.stdout.is_empty(), "the body is in the saved issue");
    let saved = fs::read_to_string(world.saved()).unwrap();
    assert!(saved.contains("\"title\": \"[CRASH] on start\""), "{saved}");
    let body_file = world.recorded("body-file").unwrap();
    assert!(body_file.starts_with(world.path("tmp").to_str().unwrap()));
    assert!(world.tmp_is_empty(), "the body file is removed");
    assert!(hanging.gone(), "gh's process group outlived the timeout");

    // `retry` has the same limit and keeps the saved issue.
    for name in ["pid", "grandchild", "body-file"] {
        fs::remove_file(world.path("rec").join(name)).unwrap();
    }
    let out = Command::from_std(world.command(&["retry", "--gh-timeout", "1"]))
        .timeout(PATIENCE)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).starts_with("issue-composer: gh did not finish within 1 s"));
    assert_eq!(fs::read_to_string(world.saved()).unwrap(), saved);
    assert!(world.tmp_is_empty());
    assert!(world.hanging().gone());
}

/// Says it cannot go on without logging in (with a title-setting escape), then hangs.
const WAITS_FOR_LOGIN: &str = "#!/bin/sh\necho 'Creating issue in o/r'\nprintf 'To get started with GitHub CLI, please run:  gh auth login\\033]0;pwned\\007\\n' >&2\nexec sleep 1000\n";

/// What gh printed before the timeout stopped it is said (sanitized, on one line), and
/// the issue is kept for `retry` all the same.
#[test]
fn a_timeout_says_what_gh_printed_before_it() {
    let world = World::new(WAITS_FOR_LOGIN);
    // The same words from `render --gh` and from `retry`.
    let said = kept_message(
        &world,
        "gh did not finish within 1 s (--gh-timeout) and was stopped; it printed: `Creating issue in o/r To get started with GitHub CLI, please run:  gh auth login`",
    );
    let out = world.render(&["--gh-timeout", "1"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(stderr(&out), said);
    assert!(world.saved().exists());
    assert!(world.tmp_is_empty(), "the body file is removed");
    let out = Command::from_std(world.command(&["retry", "--gh-timeout", "1"]))
        .timeout(PATIENCE)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(stderr(&out), said);
}

/// Prints 300 characters, then the error that says why it waits, then hangs.
const LONG_THEN_ERROR: &str = "#!/bin/sh\nprintf 'Creating issue in o/r '; printf '%0279d\\n' 0\nprintf 'error: could not reach api.github.com\\033[31m\\n' >&2\nexec sleep 1000\n";

/// Long output is cut in its middle, not after its start: the error gh printed last is
/// what says why (it was cut away after 200 characters), sanitized all the same.
#[test]
fn a_timeout_keeps_the_end_of_long_output() {
    let world = World::new(LONG_THEN_ERROR);
    let out = world.render(&["--gh-timeout", "1"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    // The first 40 characters and the last 157: 200 with ` … `.
    let (head, tail) = ("0".repeat(18), "0".repeat(119));
    assert_eq!(
        stderr(&out),
        kept_message(
            &world,
            &format!(
                "gh did not finish within 1 s (--gh-timeout) and was stopped; it printed: \
                 `Creating issue in o/r {head} … {tail} error: could not reach \
                 api.github.com`"
            )
        )
    );
    assert!(world.saved().exists());
}

#[test]
fn sigterm_while_gh_runs_stops_it_and_keeps_the_issue() {
    let world = World::new(HANGS);
    let mut child = world
        .command(&["render"])
        .arg(world.path("crash.md"))
        .args(["--set", "title=[CRASH] on start", "--gh"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let hanging = world.hanging();
    let pid = rustix::process::Pid::from_child(&child);
    rustix::process::kill_process(pid, rustix::process::Signal::TERM).unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() && started.elapsed() < PATIENCE {
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        kept_message(&world, "gh was stopped: issue-composer got SIGTERM")
    );
    assert!(world.saved().exists());
    assert!(world.tmp_is_empty(), "the body file is removed");
    assert!(hanging.gone(), "gh outlived issue-composer");
}

#[test]
fn a_gh_that_prints_no_url_has_not_created_anything() {
    let world = World::new(SILENT);
    let out = world.render(&[]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        kept_message(
            &world,
            "gh exited 0 but printed no issue URL; it printed: nothing"
        )
    );
    assert!(out.stdout.is_empty());
    assert!(world.saved().exists());
    assert!(world.tmp_is_empty());
}

/// SIGKILL cannot be caught: the issue is kept before gh starts, marked as started, so a
/// killed run can be checked and retried. (The body file and gh outlive it: nothing runs.)
#[test]
fn sigkill_while_gh_runs_leaves_the_issue_kept_and_marked_started() {
    let world = World::new(HANGS);
    let mut child = world
        .command(&["render"])
        .arg(world.path("crash.md"))
        .args(["--set", "title=[CRASH] k9", "--gh"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let _hanging = world.hanging();
    child.kill().unwrap();
    child.wait().unwrap();
    let saved = fs::read_to_string(world.saved()).expect("kept before gh started");
    assert!(saved.contains("\"title\": \"[CRASH] k9\""), "{saved}");
    assert!(saved.contains("\"started\": true"), "{saved}");
    let out = world.command(&["retry", "--list"]).output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "1\tgh\t-\t[CRASH] k9 (gh was started and may have created it: check before retrying)\n"
    );
    // `retry` does not send it again on its own: the killed gh may have created it.
    let works = "#!/bin/sh\necho https://github.com/o/r/issues/9\n";
    fs::write(world.path("bin").join("gh"), works).unwrap();
    let out = world.command(&["retry"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "issue-composer: `[CRASH] k9` was being sent with gh when issue-composer was stopped, so it may exist already: look at the repository's issues, then `issue-composer retry --force` sends it anyway\n"
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), "");
    let out = world.command(&["retry", "--force"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "https://github.com/o/r/issues/9\n"
    );
    assert!(!world.saved().exists(), "sent, so no longer kept");
}

/// A send that worked leaves no record behind, and the issue kept before it stays kept.
#[test]
fn a_send_that_works_leaves_nothing_new_to_retry() {
    let world = World::new(SILENT);
    let out = world.render(&[]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let works = "#!/bin/sh\necho https://github.com/o/r/issues/7\n";
    fs::write(world.path("bin").join("gh"), works).unwrap();
    let out = world.render(&[]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "https://github.com/o/r/issues/7\n"
    );
    let out = world.command(&["retry", "--list"]).output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "1\tgh\t-\t[CRASH] on start\n",
        "the earlier unsent issue, and nothing for the sent one"
    );
}

/// A damaged record is named as such, with its place, not in the JSON library's words.
#[test]
fn retry_list_names_a_damaged_record() {
    let world = World::new(SILENT);
    let folder = world.path("data").join("issue-composer");
    fs::create_dir_all(&folder).unwrap();
    fs::write(
        world.saved(),
        "{\n  \"forge\": \"gh\",\n  \"title\": 5,\n  \"body\": \"b\"\n}\n",
    )
    .unwrap();
    let out = world.command(&["retry", "--list"]).output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!(
            "1\t-\t-\tcannot be read: {} is damaged: it is not a saved issue as issue-composer writes them (line 3, column 12)\n",
            world.saved().display()
        )
    );
}

/// Fails at once, as gh does when the repository refuses the issue.
const REFUSES: &str = "#!/bin/sh\necho 'HTTP 422: refused' >&2\nexit 1\n";

/// A retry marks the issue as started before gh runs, as `render --gh` does: a retry
/// killed with SIGKILL while gh runs leaves it marked, so a plain `retry` does not send
/// it a second time.
#[test]
fn sigkill_during_retry_leaves_the_issue_marked_started() {
    let world = World::new(REFUSES);
    let out = world.render(&[]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let before = fs::read_to_string(world.saved()).unwrap();
    assert!(!before.contains("\"started\""), "{before}");
    fs::write(world.path("bin").join("gh"), HANGS).unwrap();
    let mut child = world
        .command(&["retry"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let _hanging = world.hanging();
    child.kill().unwrap();
    child.wait().unwrap();
    let saved = fs::read_to_string(world.saved()).unwrap();
    assert!(saved.contains("\"started\": true"), "{saved}");
    let out = world.command(&["retry", "--list"]).output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "1\tgh\t-\t[CRASH] on start (gh was started and may have created it: check before retrying)\n"
    );
    let works = "#!/bin/sh\necho https://github.com/o/r/issues/9\n";
    fs::write(world.path("bin").join("gh"), works).unwrap();
    let out = world.command(&["retry"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("may exist already"),
        "{}",
        stderr(&out)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), "");
}

/// A retry that fails the ordinary way leaves the kept issue as it was (not marked).
#[test]
fn a_failed_retry_leaves_the_issue_unmarked() {
    let world = World::new(REFUSES);
    let out = world.render(&[]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let before = fs::read_to_string(world.saved()).unwrap();
    let out = world.command(&["retry"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(world.saved()).unwrap(), before);
}

/// gh killed by a signal (not by us) may have created the issue already: said so, with
/// no advice about labels, which a signal has nothing to do with.
#[test]
fn a_gh_killed_by_a_signal_may_have_created_the_issue() {
    let world = World::new(REFUSES);
    let out = world.render(&["--label", "bug"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    fs::write(world.path("bin").join("gh"), "#!/bin/sh\nkill -9 $$\n").unwrap();
    let out = world.command(&["retry"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        format!(
            "issue-composer: gh was killed by a signal before it finished (signal: 9 (SIGKILL)), so it may have created the issue; kept for retry\nThe issue is saved in {}: run `issue-composer retry` to send it again (check first that it was not created after all).\n",
            world.saved().display()
        )
    );
}
