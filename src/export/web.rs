//! `--web`: the repository's "new issue" page, prefilled, opened in the browser. The link
//! is built purely from the issue and the repository; opening it is the only IO.
//!
//! GitHub (github.com and Enterprise hosts): `template`, `title`, `labels`, `assignees`,
//! `projects`, `milestone`, and for issue forms one parameter per field id, or for
//! markdown templates the finished `body`. GitLab: `issuable_template`, `issue[title]`,
//! `issue[description]`.

use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::render::Issue;

/// GitHub answers 414 past about this many bytes of URL.
pub const MAX_URL_BYTES: usize = 8000;

/// A repository on a forge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repo {
    pub host: String,
    /// `owner/name` (GitLab: any group path).
    pub path: String,
    pub gitlab: bool,
}

/// Why no link could be made or opened.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum WebError {
    #[error(
        "no repository to open: pass -R OWNER/REPO (or HOST/OWNER/REPO), or run inside a clone with an `origin` remote"
    )]
    NoRepo,
    #[error("cannot tell the repository from `{0}`; pass -R OWNER/REPO")]
    BadRepo(String),
    #[error(
        "the prefilled link would be {} bytes and the forge refuses links over {}; write the issue with -o FILE, or send it with --gh (GitHub takes a body of up to 65,536 characters)",
        crate::text::thousands(*bytes),
        crate::text::thousands(MAX_URL_BYTES)
    )]
    TooLong { bytes: usize },
    #[error(
        "could not open the browser ({0}); the link is printed above (set $BROWSER to the command that opens your browser)"
    )]
    Open(String),
    /// Not an `http://` or `https://` link with a host: a browser could read it as an
    /// option (`--new-window=...`) or open a local file or a script.
    #[error("not opened: only http(s) links are (url: {0})")]
    NotWeb(String),
    /// GitHub reads `labels=` and `projects=` as lists split at commas, with no way to
    /// quote one: a name with a comma would arrive as two.
    #[error(
        "the {what} `{name}` holds a comma, and GitHub's link splits {what}s at commas (it would ask for {parts}); send the issue with --gh, which keeps the {what} whole, or use a {what} without a comma"
    )]
    Comma {
        what: &'static str,
        name: String,
        parts: String,
    },
}

/// `url` when it may be opened or shown as a link: it starts with `http://` or
/// `https://` (in any case) and names a host, and holds no spaces or control characters.
pub fn web_link(url: &str) -> Result<&str, WebError> {
    let refused = || WebError::NotWeb(url.to_owned());
    let rest = ["https://", "http://"]
        .iter()
        .find_map(|scheme| {
            url.get(..scheme.len())
                .filter(|s| s.eq_ignore_ascii_case(scheme))
                .map(|_| &url[scheme.len()..])
        })
        .ok_or_else(refused)?;
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(refused());
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => host.split(':').next().unwrap_or_default(),
    };
    if host.is_empty() {
        return Err(refused());
    }
    Ok(url)
}

impl Repo {
    /// `-R`: `OWNER/REPO` on github.com, or `HOST/OWNER/REPO` (a host has a dot).
    pub fn from_arg(arg: &str) -> Result<Repo, WebError> {
        let arg = arg.trim().trim_end_matches('/');
        if arg.contains("://") || arg.contains('@') {
            return Repo::from_remote(arg);
        }
        let parts: Vec<&str> = arg.split('/').filter(|p| !p.is_empty()).collect();
        // `..` and `.` name no owner, repository or group (`-R ../o/r` made
        // `https://../o/r`).
        if parts.iter().any(|p| matches!(*p, "." | "..")) {
            return Err(WebError::BadRepo(arg.to_owned()));
        }
        match parts.as_slice() {
            [owner, name] => Ok(Repo::on("github.com", &format!("{owner}/{name}"))),
            [host, rest @ ..] if is_host(host) && rest.len() >= 2 => {
                Ok(Repo::on(host, &rest.join("/")))
            }
            _ => Err(WebError::BadRepo(arg.to_owned())),
        }
    }

    /// A remote URL: `https://host/o/r(.git)`, `ssh://git@host[:port]/o/r.git` or
    /// `git@host:o/r.git`.
    pub fn from_remote(url: &str) -> Result<Repo, WebError> {
        let bad = || WebError::BadRepo(url.to_owned());
        let url = url.trim();
        let (host, path) = if let Some((_, rest)) = url.split_once("://") {
            let rest = rest.rsplit_once('@').map_or(rest, |(_, r)| r);
            let (host, path) = rest.split_once('/').ok_or_else(bad)?;
            (host.split(':').next().unwrap_or(host), path)
        } else {
            let rest = url.rsplit_once('@').map_or(url, |(_, r)| r);
            rest.split_once(':').ok_or_else(bad)?
        };
        let path = path.trim_matches('/').trim_end_matches(".git");
        if host.is_empty() || path.split('/').filter(|p| !p.is_empty()).count() < 2 {
            return Err(bad());
        }
        Ok(Repo::on(host, path))
    }

    fn on(host: &str, path: &str) -> Repo {
        Repo {
            host: host.to_owned(),
            path: path.to_owned(),
            gitlab: host.to_lowercase().contains("gitlab"),
        }
    }
}

/// The prefilled "new issue" link for `issue` in `repo`.
pub fn url(issue: &Issue, repo: &Repo, milestone: Option<&str>) -> Result<String, WebError> {
    let mut params: Vec<(&str, String)> = Vec::new();
    let link = if repo.gitlab {
        if let Some(template) = &issue.prefill.template {
            let stem = template
                .rsplit_once('.')
                .map_or(template.as_str(), |(s, _)| s);
            params.push(("issuable_template", stem.to_owned()));
        }
        params.push(("issue[title]", issue.title.clone()));
        params.push(("issue[description]", issue.body.clone()));
        format!("https://{}/{}/-/issues/new", repo.host, repo.path)
    } else {
        if let Some(template) = &issue.prefill.template {
            params.push(("template", template.clone()));
        }
        params.push(("title", issue.title.clone()));
        for (key, list) in [
            ("labels", &issue.labels),
            ("assignees", &issue.assignees),
            ("projects", &issue.projects),
        ] {
            if let Some(name) = list.iter().find(|name| name.contains(',')) {
                let parts: Vec<String> = name
                    .split(',')
                    .map(|part| format!("`{}`", part.trim()))
                    .collect();
                return Err(WebError::Comma {
                    what: key.trim_end_matches('s'),
                    name: name.clone(),
                    parts: parts.join(" and "),
                });
            }
            if !list.is_empty() {
                params.push((key, list.join(",")));
            }
        }
        if let Some(milestone) = milestone {
            params.push(("milestone", milestone.to_owned()));
        }
        if issue.prefill.form {
            for (id, value) in &issue.prefill.fields {
                params.push((id, value.clone()));
            }
        } else {
            params.push(("body", issue.body.clone()));
        }
        format!("https://{}/{}/issues/new", repo.host, repo.path)
    };
    let mut out = link;
    for (i, (key, value)) in params.iter().enumerate() {
        out.push(if i == 0 { '?' } else { '&' });
        let _ = write!(out, "{}={}", encode(key), encode(value));
    }
    if out.len() > MAX_URL_BYTES {
        return Err(WebError::TooLong { bytes: out.len() });
    }
    Ok(out)
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

/// The repository of the clone at `dir`: its `origin` remote.
pub fn origin(dir: &Path) -> Result<Repo, WebError> {
    let output = Command::new("git")
        .args(["config", "--get", "remote.origin.url"])
        .current_dir(dir)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .map_err(|_| WebError::NoRepo)?;
    let url = String::from_utf8_lossy(&output.stdout).trim().to_owned();
    if !output.status.success() || url.is_empty() {
        return Err(WebError::NoRepo);
    }
    Repo::from_remote(&url)
}

/// Opens `url` with `$BROWSER` (its first entry, as a command line), else the platform's
/// opener. The URL is one argument, never part of a shell line, and only an http(s)
/// link ([`web_link`]) is ever passed: nothing starting with `-`, no `file:` or
/// `javascript:`.
pub fn open(url: &str) -> Result<(), WebError> {
    let url = web_link(url)?;
    let browsers: Vec<String> = std::env::var("BROWSER")
        .unwrap_or_default()
        .split(':')
        .filter(|b| !b.trim().is_empty())
        .map(str::to_owned)
        .collect();
    if browsers.is_empty() {
        let opener = if cfg!(target_os = "macos") {
            "open"
        } else {
            "xdg-open"
        };
        return run_opener(Command::new(opener).arg(url));
    }
    // `$BROWSER` is a `:`-separated list of command lines, tried in turn; `%s` in one
    // stands for the link, which otherwise goes last. The link is always one argument,
    // never shell text.
    let mut failure = WebError::Open(String::new());
    for browser in browsers {
        let line = if browser.contains("%s") {
            browser.replace("%s", "\"$1\"")
        } else {
            format!("{browser} \"$1\"")
        };
        let mut command = Command::new("sh");
        command.arg("-c").arg(line).arg("sh").arg(url);
        match run_opener(&mut command) {
            Ok(()) => return Ok(()),
            Err(err) => failure = err,
        }
    }
    Err(failure)
}

fn run_opener(command: &mut Command) -> Result<(), WebError> {
    let status = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .status()
        .map_err(|e| WebError::Open(e.to_string()))?;
    if status.success() {
        Ok(())
    } else {
        Err(WebError::Open(status.to_string()))
    }
}

/// A host name with a dot (`ghe.corp.example`), optionally with a port: labels of
/// letters, digits and hyphens.
fn is_host(host: &str) -> bool {
    let (name, port) = host.split_once(':').unwrap_or((host, "0"));
    name.contains('.')
        && name.split('.').all(|label| {
            !label.is_empty()
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
        && !port.is_empty()
        && port.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Prefill;

    #[test]
    fn repositories_from_arguments_and_remotes() {
        let gh = |p: &str| Repo {
            host: "github.com".into(),
            path: p.into(),
            gitlab: false,
        };
        assert_eq!(Repo::from_arg("o/r"), Ok(gh("o/r")));
        assert_eq!(
            Repo::from_arg("ghe.corp.example/o/r").map(|r| r.host),
            Ok("ghe.corp.example".to_owned())
        );
        assert_eq!(Repo::from_remote("git@github.com:o/r.git"), Ok(gh("o/r")));
        assert_eq!(Repo::from_remote("https://github.com/o/r"), Ok(gh("o/r")));
        assert_eq!(
            Repo::from_remote("ssh://git@gitlab.example.com:2222/g/sub/r.git"),
            Ok(Repo {
                host: "gitlab.example.com".into(),
                path: "g/sub/r".into(),
                gitlab: true
            })
        );
        assert!(Repo::from_arg("nope").is_err());
        for bad in [
            "../o/r",
            "./o/r",
            "o/..",
            "a..b/o/r",
            ".x/o/r",
            "h.x:port/o/r",
        ] {
            assert!(Repo::from_arg(bad).is_err(), "{bad}");
        }
        assert_eq!(
            Repo::from_arg("git.example:8443/g/r").map(|r| r.host),
            Ok("git.example:8443".to_owned())
        );
    }

    #[test]
    fn github_form_links_name_fields_by_id() {
        let issue = Issue {
            title: "[BUG] crash".into(),
            body: "ignored for forms".into(),
            labels: vec!["bug".into(), "needs triage".into()],
            prefill: Prefill {
                template: Some("bug.yml".into()),
                form: true,
                fields: vec![("version".into(), "1.2 & up".into())],
                left_out: Vec::new(),
            },
            ..Issue::default()
        };
        let repo = Repo::from_arg("o/r").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            url(&issue, &repo, Some("v2")),
            Ok("https://github.com/o/r/issues/new?template=bug.yml&title=%5BBUG%5D%20crash&labels=bug%2Cneeds%20triage&milestone=v2&version=1.2%20%26%20up".to_owned())
        );
    }

    #[test]
    fn markdown_links_carry_the_body_and_gitlab_its_own_names() {
        let issue = Issue {
            title: "T".into(),
            body: "## A\n\nx\n".into(),
            prefill: Prefill {
                template: Some("bug.md".into()),
                form: false,
                fields: Vec::new(),
                left_out: Vec::new(),
            },
            ..Issue::default()
        };
        let gh = Repo::from_arg("o/r").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            url(&issue, &gh, None),
            Ok("https://github.com/o/r/issues/new?template=bug.md&title=T&body=%23%23%20A%0A%0Ax%0A".to_owned())
        );
        let gl = Repo::from_remote("git@gitlab.com:g/r.git").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            url(&issue, &gl, None),
            Ok("https://gitlab.com/g/r/-/issues/new?issuable_template=bug&issue%5Btitle%5D=T&issue%5Bdescription%5D=%23%23%20A%0A%0Ax%0A".to_owned())
        );
    }

    #[test]
    fn only_http_links_with_a_host_are_links() {
        for ok in [
            "https://example.org/forum",
            "HTTP://Example.org",
            "https://user@[::1]:8080/x?y#z",
        ] {
            assert_eq!(web_link(ok), Ok(ok));
        }
        for bad in [
            "--new-window=file:///etc/passwd",
            "javascript:alert(1)",
            "file:///",
            "https://",
            "http:///etc/passwd",
            "https://user@/x",
            "https://example.org/a b",
            "https://example.org/\nx",
            "ftp://example.org",
            " https://example.org",
        ] {
            assert_eq!(
                web_link(bad).map_err(|e| e.to_string()),
                Err(format!("not opened: only http(s) links are (url: {bad})"))
            );
        }
    }

    /// Refused before any browser is looked for, so nothing runs whatever `$BROWSER` is.
    #[test]
    fn the_opener_refuses_what_is_not_an_http_link() {
        assert_eq!(
            open("--new-window=file:///etc/passwd").map_err(|e| e.to_string()),
            Err(
                "not opened: only http(s) links are (url: --new-window=file:///etc/passwd)"
                    .to_owned()
            )
        );
        assert_eq!(
            open("javascript:alert(1)"),
            Err(WebError::NotWeb("javascript:alert(1)".to_owned()))
        );
    }

    #[test]
    fn links_over_the_limit_are_refused() {
        let issue = Issue {
            body: "x".repeat(MAX_URL_BYTES),
            ..Issue::default()
        };
        let repo = Repo::from_arg("o/r").unwrap_or_else(|e| panic!("{e}"));
        assert!(matches!(
            url(&issue, &repo, None),
            Err(WebError::TooLong { .. })
        ));
    }
}
