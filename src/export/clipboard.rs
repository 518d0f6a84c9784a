//! Copying the body to the clipboard so it is still pasteable after we exit.
//!
//! On X11 and Wayland the clipboard holds no data: the program that copied serves it on
//! request, so the text disappears when that program exits. Every provider here therefore
//! leaves a server behind: `wl-copy`, `xclip` and `xsel` fork one themselves; for arboard we
//! start a detached copy of our own binary ([`SERVE_COMMAND`], [`serve`]) that serves the text
//! until another program takes the clipboard. OSC 52 asks the terminal to hold the text.

use std::ffi::OsString;
use std::io;
use std::time::Duration;

mod server;

use crate::paths::find_program;
pub use server::serve;

/// The hidden subcommand that runs [`serve`]: the binary must dispatch it.
pub const SERVE_COMMAND: &str = "__serve-clipboard";

/// What OSC 52 cannot promise.
pub const OSC52_NOTE: &str =
    "the terminal must allow OSC 52, and some cap how much it copies (often around 100 kB)";

/// How long a provider may take before the text can be read back from the X clipboard.
pub(crate) const VERIFY_TIMEOUT: Duration = Duration::from_secs(5);

/// A way to reach the clipboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provider {
    WlCopy,
    Xclip,
    Xsel,
    Arboard,
    Osc52,
}

impl Provider {
    pub const ALL: [Provider; 5] = [
        Provider::WlCopy,
        Provider::Xclip,
        Provider::Xsel,
        Provider::Arboard,
        Provider::Osc52,
    ];

    /// The name used on the command line and in messages.
    pub fn name(self) -> &'static str {
        match self {
            Provider::WlCopy => "wl-copy",
            Provider::Xclip => "xclip",
            Provider::Xsel => "xsel",
            Provider::Arboard => "arboard",
            Provider::Osc52 => "osc52",
        }
    }

    /// The program and arguments that copy standard input to the clipboard, for the
    /// providers that are an external program. Each forks a server and exits.
    pub fn command(self) -> Option<(&'static str, &'static [&'static str])> {
        match self {
            Provider::WlCopy => Some(("wl-copy", &[])),
            Provider::Xclip => Some(("xclip", &["-selection", "clipboard", "-in"])),
            Provider::Xsel => Some(("xsel", &["--clipboard", "--input"])),
            Provider::Arboard | Provider::Osc52 => None,
        }
    }

    /// Whether the text can be read back from the X clipboard to check the copy.
    pub(crate) fn on_x11(self) -> bool {
        matches!(self, Provider::Xclip | Provider::Xsel | Provider::Arboard)
    }
}

impl std::fmt::Display for Provider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// What the environment says about the session we run in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Session {
    /// `WAYLAND_DISPLAY` is set.
    pub wayland: bool,
    /// `DISPLAY` is set.
    pub x11: bool,
    /// `SSH_CONNECTION` or `SSH_TTY` is set.
    pub ssh: bool,
}

impl Session {
    pub fn from_env() -> Self {
        Self::from_vars(|name| std::env::var_os(name))
    }

    /// The session described by environment variables, as `var` reads them.
    pub fn from_vars(var: impl Fn(&str) -> Option<OsString>) -> Self {
        let set = |name: &str| var(name).is_some_and(|v| !v.is_empty());
        Session {
            wayland: set("WAYLAND_DISPLAY"),
            x11: set("DISPLAY"),
            ssh: set("SSH_CONNECTION") || set("SSH_TTY"),
        }
    }
}

/// The provider for `--clipboard-with auto`. Over SSH the clipboard the user pastes from is
/// the local terminal's, so OSC 52 wins even when a (forwarded) display is set.
pub fn choose(session: Session, installed: impl Fn(&str) -> bool) -> Provider {
    if session.ssh {
        return Provider::Osc52;
    }
    if session.wayland && (installed("wl-copy") || !session.x11) {
        // Without wl-copy and without XWayland, failing with "wl-copy is not installed"
        // says what to install; OSC 52 would silently do nothing in many terminals.
        return Provider::WlCopy;
    }
    if session.x11 {
        return if installed("xclip") {
            Provider::Xclip
        } else if installed("xsel") {
            Provider::Xsel
        } else {
            Provider::Arboard
        };
    }
    Provider::Osc52
}

/// The OSC 52 escape sequence that asks the terminal to put `text` on its clipboard.
pub fn osc52_sequence(text: &str) -> String {
    use crossterm::Command as _;
    let mut out = String::new();
    // Formatting into a String cannot fail.
    let _ = crossterm::clipboard::CopyToClipboard::to_clipboard_from(text).write_ansi(&mut out);
    out
}

/// A successful copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Copied {
    pub provider: Provider,
}

impl Copied {
    /// A caveat to show with the message, if the copy could not be checked.
    pub fn note(&self) -> Option<&'static str> {
        (self.provider == Provider::Osc52).then_some(OSC52_NOTE)
    }
}

impl std::fmt::Display for Copied {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.provider {
            Provider::Osc52 => write!(
                f,
                "sent the body to the terminal's clipboard with OSC 52 ({OSC52_NOTE})"
            ),
            provider => write!(f, "copied the body to the clipboard with {provider}"),
        }
    }
}

/// Why copying failed; the message names the provider.
#[derive(Debug, thiserror::Error)]
pub enum CopyError {
    #[error("there is nothing to copy: the body is empty")]
    Empty,
    #[error("{program} is not installed (not found on PATH)")]
    NotInstalled { program: &'static str },
    #[error("{provider} failed: {message}")]
    Failed { provider: Provider, message: String },
    #[error("{provider} ran, but the clipboard did not hold the text within {} s", VERIFY_TIMEOUT.as_secs())]
    NotVerified { provider: Provider },
    #[error("osc52: no terminal to send it to ({0})")]
    NoTerminal(io::Error),
    #[error("{provider}: {}", crate::text::io_words(cause))]
    Io {
        provider: Provider,
        cause: io::Error,
    },
}

/// Copies `text` with `with`, or with the provider [`choose`] picks for this session.
pub fn copy(text: &str, with: Option<Provider>) -> Result<Copied, CopyError> {
    // An empty selection cannot be told apart from no selection when reading it back.
    if text.is_empty() {
        return Err(CopyError::Empty);
    }
    let provider =
        with.unwrap_or_else(|| choose(Session::from_env(), |name| find_program(name).is_some()));
    match provider {
        Provider::Osc52 => copy_osc52(text),
        Provider::Arboard => server::copy_arboard(text),
        external => server::copy_external(external, text),
    }?;
    Ok(Copied { provider })
}

/// Writes the OSC 52 sequence to `out`, for a caller that owns the terminal.
pub fn write_osc52(text: &str, out: &mut impl io::Write) -> io::Result<()> {
    out.write_all(osc52_sequence(text).as_bytes())?;
    out.flush()
}

/// Sends OSC 52 to the controlling terminal, so it works with standard output redirected.
fn copy_osc52(text: &str) -> Result<(), CopyError> {
    let mut tty = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/tty")
        .map_err(CopyError::NoTerminal)?;
    write_osc52(text, &mut tty).map_err(CopyError::NoTerminal)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(vars: &[(&str, &str)]) -> Session {
        Session::from_vars(|name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| OsString::from(v))
        })
    }

    #[test]
    fn the_session_comes_from_the_environment() {
        assert_eq!(session(&[]), Session::default());
        let s = session(&[
            ("DISPLAY", ":0"),
            ("WAYLAND_DISPLAY", ""),
            ("SSH_TTY", "/dev/pts/1"),
        ]);
        assert_eq!(
            s,
            Session {
                wayland: false,
                x11: true,
                ssh: true
            }
        );
    }

    #[test]
    fn auto_picks_by_session_and_installed_programs() {
        let all = |_: &str| true;
        let none = |_: &str| false;
        let only = |p: &'static str| move |name: &str| name == p;
        let wayland = session(&[("WAYLAND_DISPLAY", "wayland-0"), ("DISPLAY", ":0")]);
        let x11 = session(&[("DISPLAY", ":0")]);
        let ssh_x11 = session(&[("DISPLAY", "localhost:10"), ("SSH_CONNECTION", "a 1 b 22")]);
        let pure_wayland = session(&[("WAYLAND_DISPLAY", "wayland-0")]);
        assert_eq!(choose(wayland, all), Provider::WlCopy);
        assert_eq!(choose(wayland, only("xsel")), Provider::Xsel);
        assert_eq!(choose(pure_wayland, none), Provider::WlCopy);
        assert_eq!(choose(x11, all), Provider::Xclip);
        assert_eq!(choose(x11, only("xsel")), Provider::Xsel);
        assert_eq!(choose(x11, none), Provider::Arboard);
        assert_eq!(choose(ssh_x11, all), Provider::Osc52);
        assert_eq!(choose(Session::default(), all), Provider::Osc52);
    }

    #[test]
    fn osc52_is_base64_between_osc_and_st() {
        assert_eq!(
            osc52_sequence("## Summary\n\nIt breaks\n"),
            "\x1b]52;c;IyMgU3VtbWFyeQoKSXQgYnJlYWtzCg==\x1b\\"
        );
        let mut out = Vec::new();
        write_osc52("é", &mut out).unwrap();
        assert_eq!(out, b"\x1b]52;c;w6k=\x1b\\");
    }

    #[test]
    fn messages_name_the_provider() {
        let copied = Copied {
            provider: Provider::Xsel,
        };
        assert_eq!(
            copied.to_string(),
            "copied the body to the clipboard with xsel"
        );
        assert_eq!(copied.note(), None);
        let osc = Copied {
            provider: Provider::Osc52,
        };
        assert_eq!(osc.note(), Some(OSC52_NOTE));
        let err = CopyError::NotInstalled { program: "xclip" };
        assert_eq!(
            err.to_string(),
            "xclip is not installed (not found on PATH)"
        );
    }
}
