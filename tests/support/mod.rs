//! The binary and scratch files, for the integration tests that run the command line;
//! `pty`, the binary in a pseudo-terminal and signals sent to it.

// Each test crate uses a part of this: the rest is unused there, not dead.
#![allow(dead_code)]
// Test helpers unwrap: a failure there is a failing test.
#![allow(clippy::unwrap_used)]

pub mod pty;

use std::path::Path;

use assert_cmd::Command;

/// The built binary, without colours.
pub fn bin() -> Command {
    let mut cmd = Command::cargo_bin("issue-composer").expect("binary is built");
    cmd.env("NO_COLOR", "1");
    cmd
}

/// Writes `text` to `name` in `dir`; returns the path as text, for arguments.
pub fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}
