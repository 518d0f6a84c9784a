//! Link options for the `issue-composer` binary; nothing is generated.
//!
//! On Linux with glibc 2.36 or later, relative relocations are packed (`DT_RELR`, the
//! linker's `-z pack-relative-relocs`, binutils 2.38 and later): the loader reads about
//! 6 KB of them at start instead of about 496 KB, pages the process keeps mapped (0.8
//! to 1.2 MB of peak RSS less for any template; PERFORMANCE.md, `mem3`). Such a binary
//! needs glibc 2.36 or later to run: `ISSUE_COMPOSER_NO_RELR=1` builds one without,
//! for older systems. Cross builds are left as they are.

use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=ISSUE_COMPOSER_NO_RELR");
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    let native = var("TARGET") == var("HOST");
    if native
        && var("TARGET").ends_with("-linux-gnu")
        && std::env::var_os("ISSUE_COMPOSER_NO_RELR").is_none()
        && glibc_at_least((2, 36))
    {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}

/// Whether this system's glibc (`getconf GNU_LIBC_VERSION`: `glibc 2.36`) is `version`
/// or later; `false` when that cannot be told.
fn glibc_at_least(version: (u32, u32)) -> bool {
    let Ok(out) = Command::new("getconf").arg("GNU_LIBC_VERSION").output() else {
        return false;
    };
    let text = String::from_utf8_lossy(&out.stdout);
    let Some(number) = text.trim().strip_prefix("glibc ") else {
        return false;
    };
    let mut parts = number.split('.').map(|p| p.parse::<u32>().ok());
    match (parts.next().flatten(), parts.next().flatten()) {
        (Some(major), Some(minor)) => (major, minor) >= version,
        _ => false,
    }
}
