//! `--clipboard`: under a real X server (Xvfb, started here) each X11 provider leaves the
//! body on the clipboard after issue-composer has exited; OSC 52 reaches a real
//! pseudo-terminal (util-linux `script`); without a terminal the body is printed instead.

use std::io::{BufRead as _, BufReader};
use std::process::{Child, ChildStdout, Command as StdCommand, Stdio};

use assert_cmd::Command;
use issue_composer::export::clipboard::osc52_sequence;
use issue_composer::paths::find_program;

const SUMMARY: &str = "summary=Copied: é — ünïcode, 'quotes' and $dollars";

/// A private X server on a display it picks itself (`-displayfd`), killed on drop.
struct Xvfb {
    child: Child,
    display: String,
    // Held open so Xvfb never writes into a closed pipe.
    _stdout: BufReader<ChildStdout>,
}

impl Xvfb {
    fn start() -> Option<Xvfb> {
        if find_program("Xvfb").is_none() {
            eprintln!("skipping: Xvfb is not installed (CI installs it with .ci/run)");
            return None;
        }
        let mut child = StdCommand::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-nolisten",
                "tcp",
                "-screen",
                "0",
                "640x480x24",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb starts");
        let mut stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
        // Xvfb writes the display number once it accepts connections.
        let mut line = String::new();
        stdout
            .read_line(&mut line)
            .expect("Xvfb reports its display");
        let number = line.trim();
        assert!(!number.is_empty(), "Xvfb did not start");
        Some(Xvfb {
            child,
            display: format!(":{number}"),
            _stdout: stdout,
        })
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        // The clipboard servers lose their connection and exit with it.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The binary in a session with only an X11 display.
fn bin_on(display: &str) -> Command {
    let mut cmd = Command::cargo_bin("issue-composer").expect("binary is built");
    cmd.env("DISPLAY", display)
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("SSH_CONNECTION")
        .env_remove("SSH_TTY");
    cmd
}

fn body() -> String {
    let out = Command::cargo_bin("issue-composer")
        .expect("binary is built")
        .args(["render", "bug-report", "--set", SUMMARY])
        .output()
        .expect("render runs");
    String::from_utf8(out.stdout).expect("utf-8 body")
}

fn clipboard_on(display: &str) -> String {
    let out = StdCommand::new("xclip")
        .args(["-o", "-selection", "clipboard"])
        .env("DISPLAY", display)
        .output()
        .expect("xclip is installed (CI installs it with .ci/run)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 clipboard")
}

#[test]
fn every_x11_provider_leaves_the_body_on_the_clipboard_after_exit() {
    let Some(x) = Xvfb::start() else { return };
    let body = body();
    assert!(body.contains("ünïcode"), "{body}");
    for provider in ["xclip", "xsel", "arboard"] {
        // Another owner first, so a stale clipboard cannot pass for a copy.
        let mut taker = StdCommand::new("xclip")
            .args(["-selection", "clipboard", "-in"])
            .env("DISPLAY", &x.display)
            .stdin(Stdio::piped())
            .spawn()
            .expect("xclip runs");
        drop(taker.stdin.take());
        assert!(taker.wait().expect("xclip exits").success());

        // `output()` reads our stdout and stderr to the end: it returns only because the
        // server left behind does not hold them.
        let out = bin_on(&x.display)
            .args(["render", "bug-report", "--set", SUMMARY, "--clipboard"])
            .args(["--clipboard-with", provider])
            .output()
            .expect("render runs");
        assert!(out.status.success(), "{provider}: {out:?}");
        assert!(out.stdout.is_empty(), "{provider}: the body is not printed");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            format!("issue-composer: copied the body to the clipboard with {provider}\n")
        );
        assert_eq!(clipboard_on(&x.display), body, "{provider}");
    }
}

#[test]
fn auto_falls_back_to_arboard_when_xclip_and_xsel_are_missing() {
    let Some(x) = Xvfb::start() else { return };
    let empty = tempfile::tempdir().expect("temp dir");
    let out = bin_on(&x.display)
        .env("PATH", empty.path())
        .args(["render", "bug-report", "--set", SUMMARY, "--clipboard"])
        .output()
        .expect("render runs");
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "issue-composer: copied the body to the clipboard with arboard\n"
    );
    assert_eq!(clipboard_on(&x.display), body());
}

/// Runs the binary on a fresh pseudo-terminal and returns everything the terminal got.
fn on_a_terminal(args: &[&str], envs: &[(&str, &str)]) -> Option<Vec<u8>> {
    if find_program("script").is_none() {
        eprintln!("skipping: util-linux `script` is not installed");
        return None;
    }
    let exe = assert_cmd::cargo::cargo_bin("issue-composer");
    let mut line = exe.to_string_lossy().into_owned();
    for arg in args {
        line.push_str(" '");
        line.push_str(&arg.replace('\'', r"'\''"));
        line.push('\'');
    }
    let out = StdCommand::new("script")
        .args(["-qec", &line, "/dev/null"])
        .envs(envs.iter().copied())
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .stdin(Stdio::null())
        .output()
        .expect("script runs");
    assert!(out.status.success(), "{out:?}");
    Some(out.stdout)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn osc52_goes_to_the_terminal_over_ssh() {
    let args = ["render", "bug-report", "--set", SUMMARY, "--clipboard"];
    let ssh = [("SSH_CONNECTION", "192.0.2.1 50000 192.0.2.2 22")];
    let Some(screen) = on_a_terminal(&args, &ssh) else {
        return;
    };
    let sequence = osc52_sequence(&body());
    assert!(sequence.starts_with("\x1b]52;c;") && sequence.ends_with("\x1b\\"));
    assert!(contains(&screen, sequence.as_bytes()), "{screen:?}");
    let text = String::from_utf8_lossy(&screen);
    assert!(
        text.contains("issue-composer: sent the body to the terminal's clipboard with OSC 52 (the terminal must allow OSC 52, and some cap how much it copies"),
        "{text}"
    );
}

#[test]
fn without_a_terminal_osc52_fails_and_the_body_is_printed() {
    // `setsid` runs the binary without a controlling terminal even when the tests have one.
    if find_program("setsid").is_none() {
        eprintln!("skipping: util-linux `setsid` is not installed");
        return;
    }
    let exe = assert_cmd::cargo::cargo_bin("issue-composer");
    let out = StdCommand::new("setsid")
        .arg("-w")
        .arg(exe)
        .args([
            "render",
            "bug-report",
            "--set",
            SUMMARY,
            "--clipboard-with",
            "osc52",
        ])
        .stdin(Stdio::null())
        .output()
        .expect("setsid runs");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stdout), body());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("issue-composer: could not copy the body to the clipboard: osc52: no terminal to send it to ("),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("); the body is printed on standard output instead\n"),
        "{stderr}"
    );
}
