//! What the chooser offers, as pure data: the templates found in order with what each
//! shadows, the contact links and the "Blank issue" entry of a chooser `config.yml`.

use serde_json::Value as Json;

use super::source::{BLANK, Origin, Source};

/// A template found in one place, loaded or not, before shadowing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub origin: Origin,
    pub source: Source,
    /// Its name and about line, or why it cannot be used.
    pub loaded: Result<(String, String), Unread>,
    /// It must not be read at all (`loaded` says why): a repository file that links
    /// outside the repository.
    pub refused: bool,
    /// What `list` warns of it, file named (an issue form saved as `.md`).
    pub warning: Option<String>,
}

/// Why a template cannot be opened, twice: whole (`list --json`, a notice) and as a
/// line that names the file already says it (`list`, the picker).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unread {
    pub error: String,
    /// What is wrong, then why without the file: `too large: 9:1: the template has
    /// more than 2 sections, …`, `cannot read: a FIFO, not a regular file`.
    pub said: String,
}

impl Unread {
    /// Said as `cannot read:` and the whole message.
    pub fn plain(error: String) -> Self {
        Self {
            said: format!("cannot read: {error}"),
            error,
        }
    }
}

/// A template the chooser offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The template's name (its file stem when it does not load).
    pub name: String,
    /// The about line (description of an issue form).
    pub about: String,
    /// The file stem, which names it on the command line.
    pub stem: String,
    pub origin: Origin,
    pub source: Source,
    /// Why it cannot be opened, when it cannot.
    pub error: Option<String>,
    /// What `list` and the picker say of it in place of its about line when it cannot
    /// be opened ([`Unread::said`]).
    pub said: Option<String>,
    /// It is never opened, only listed with its `error` (a link out of the repository).
    pub refused: bool,
    /// The user and built-in templates it hides.
    pub shadows: Vec<Shadowed>,
    /// What `list` warns of it, file named (an issue form saved as `.md`).
    pub warning: Option<String>,
}

/// A template hidden by another of the same name or stem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shadowed {
    pub origin: Origin,
    pub name: String,
    pub source: Source,
}

/// A contact link from the chooser's `config.yml`: somewhere else to go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub name: String,
    pub about: String,
    pub url: String,
    /// Why it is never opened nor shown as a link (it is not an http(s) link), when so.
    pub refused: Option<String>,
}

/// The chooser's settings from a repository's `config.yml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chooser {
    pub links: Vec<Link>,
    /// Whether a blank issue is offered (`blank_issues_enabled`, true unless `false`).
    pub blank_issues: bool,
    /// Where `blank_issues_enabled` turns blank issues off (line, column), and its value
    /// as the file spells it (`off`), when it does: opening the blank issue by name says
    /// so, pointing there, in the file's words.
    pub blank_off_at: Option<((usize, usize), String)>,
    /// What was wrong with the file, as `file:line:col: message` or `file: message`.
    pub problems: Vec<String>,
}

impl Default for Chooser {
    fn default() -> Self {
        Self {
            links: Vec::new(),
            blank_issues: true,
            blank_off_at: None,
            problems: Vec::new(),
        }
    }
}

/// One line of the chooser, in the order shown: templates, contact links, blank issue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    Template(Entry),
    Link(Link),
    /// A title and one text area: [`BLANK`].
    Blank,
}

impl Choice {
    /// The template to open, for templates and the blank issue.
    pub fn source(&self) -> Option<Source> {
        match self {
            Choice::Template(entry) => Some(entry.source.clone()),
            Choice::Blank => Some(Source::Builtin(BLANK)),
            Choice::Link(_) => None,
        }
    }
}

/// The file stem of a source.
pub fn stem(source: &Source) -> String {
    source.identity().stem
}

/// The entries in the order found (repository, user, built-in), without those shadowed:
/// a template hides the later ones of another origin with the same stem or name (in
/// any case). Templates of one origin never hide each other.
pub fn entries(found: Vec<Found>) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::new();
    for f in found {
        let stem = stem(&f.source);
        let (name, about, error, said) = match f.loaded {
            Ok((name, about)) => (name, about, None, None),
            Err(Unread { error, said }) => (stem.clone(), String::new(), Some(error), Some(said)),
        };
        // TEMPLATE on the command line finds a stem before a name, so a template of the
        // same stem is what hides this one, even after one of the same name.
        let earlier = |e: &Entry| e.origin < f.origin;
        let hider = out
            .iter()
            .position(|e| earlier(e) && super::same_word(&e.stem, &stem))
            .or_else(|| {
                out.iter()
                    .position(|e| earlier(e) && same_name(&e.name, &name))
            });
        match hider {
            Some(i) => out[i].shadows.push(Shadowed {
                origin: f.origin,
                name,
                source: f.source,
            }),
            None => out.push(Entry {
                name,
                about,
                stem,
                origin: f.origin,
                source: f.source,
                error,
                said,
                refused: f.refused,
                shadows: Vec::new(),
                warning: f.warning,
            }),
        }
    }
    out
}

/// Names as TEMPLATE matches them (an empty one matches nothing).
fn same_name(a: &str, b: &str) -> bool {
    !a.trim().is_empty() && super::same_word(a, b)
}

/// The name a template is shown by among `all` (the chooser's lines): its own, with
/// its stem after it when another template there has the same name, ignoring case
/// (`Performance Optimization (go-performance)`): the stem tells them apart, and names
/// the template on the command line.
pub fn shown_name(entry: &Entry, all: &[Choice]) -> String {
    let same = |other: &&Entry| other.name.trim().eq_ignore_ascii_case(entry.name.trim());
    let twins = all
        .iter()
        .filter_map(|c| match c {
            Choice::Template(other) => Some(other),
            _ => None,
        })
        .filter(same)
        .count();
    if twins > 1 {
        format!("{} ({})", entry.name, entry.stem)
    } else {
        entry.name.clone()
    }
}

/// The chooser's lines: the templates, then the contact links, then the blank issue
/// when the repository allows it.
pub fn choices(entries: Vec<Entry>, chooser: &Chooser) -> Vec<Choice> {
    let mut out: Vec<Choice> = entries.into_iter().map(Choice::Template).collect();
    out.extend(chooser.links.iter().cloned().map(Choice::Link));
    if chooser.blank_issues {
        out.push(Choice::Blank);
    }
    out
}

/// Reads a chooser `config.yml`. Problems are reported, never fatal: what can be read
/// is used, a link without a name or URL is skipped.
pub fn chooser(text: &str, file: &str) -> Chooser {
    let mut out = Chooser::default();
    if text.trim().is_empty() {
        return out;
    }
    let json: Json = match crate::yaml::from_str(text, file, 1) {
        Ok(json) => json,
        Err(err) => {
            out.problems.push(err.to_string());
            return out;
        }
    };
    let Json::Object(map) = json else {
        out.problems
            .push(format!("{file}: expected a mapping of settings"));
        return out;
    };
    // What is wrong is what `check` says, with its places: the two cannot disagree.
    out.problems.extend(
        crate::template::lint::chooser_config(text)
            .into_iter()
            .map(|p| format!("{file}:{}:{}: {}", p.line, p.col, p.message)),
    );
    // As GitHub reads it (YAML 1.1): `yes`, `on`, `no` and `off` are booleans too, as
    // `check` reads them.
    if let Some(on) = map
        .get("blank_issues_enabled")
        .and_then(crate::template::json_flag)
    {
        out.blank_issues = on;
        if !on {
            out.blank_off_at = crate::template::lint::blank_switch_place(text)
                .map(|(place, spelled)| (place, spelled.to_owned()));
        }
    }
    if let Some(Json::Array(links)) = map.get("contact_links") {
        // A link without a name or URL is skipped; the lint above said why.
        out.links.extend(links.iter().filter_map(contact_link));
    }
    out
}

fn contact_link(json: &Json) -> Option<Link> {
    let text = |key: &str| match json.get(key) {
        Some(Json::String(s)) => s.trim().to_owned(),
        Some(Json::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    let (name, url, about) = (text("name"), text("url"), text("about"));
    if name.is_empty() || url.is_empty() {
        return None;
    }
    // The URL as written, untrimmed: `" https://x"` is what `check` refuses, so the
    // chooser refuses it too, in the same words.
    let written = match json.get("url") {
        Some(Json::String(s)) => s.as_str(),
        _ => url.as_str(),
    };
    let refused = crate::export::web::web_link(&url)
        .err()
        .map(|e| e.to_string())
        .or_else(|| {
            crate::template::lint::url_problem(written).map(|why| format!("not opened: {why}"))
        });
    Some(Link {
        name,
        about,
        url,
        refused,
    })
}

#[cfg(test)]
mod tests {
    use super::super::source::BUILTINS;
    use super::*;
    use std::path::PathBuf;

    fn found(origin: Origin, path: &str, name: &str) -> Found {
        Found {
            origin,
            source: Source::File(PathBuf::from(path)),
            loaded: Ok((name.to_owned(), format!("about {name}"))),
            refused: false,
            warning: None,
        }
    }

    #[test]
    fn earlier_origins_hide_later_ones_by_stem_or_name() {
        let builtin = Found {
            origin: Origin::Builtin,
            source: Source::Builtin(BUILTINS[2]),
            loaded: Ok(("Bug Report".to_owned(), String::new())),
            refused: false,
            warning: None,
        };
        let list = entries(vec![
            found(
                Origin::Repo,
                "/r/.github/ISSUE_TEMPLATE/bug.md",
                "bug report",
            ),
            found(
                Origin::Repo,
                "/r/.gitea/ISSUE_TEMPLATE/bug.md",
                "Bug report",
            ),
            found(Origin::User, "/u/feature.yml", "Feature"),
            found(Origin::User, "/u/bug.md", "Mine"),
            builtin,
        ]);
        let names: Vec<(&str, usize)> = list
            .iter()
            .map(|e| (e.source_name(), e.shadows.len()))
            .collect();
        assert_eq!(
            names,
            [
                ("/r/.github/ISSUE_TEMPLATE/bug.md", 2),
                ("/r/.gitea/ISSUE_TEMPLATE/bug.md", 0),
                ("/u/feature.yml", 0),
            ]
        );
        assert_eq!(list[0].shadows[0].origin, Origin::User);
        assert_eq!(list[0].shadows[1].source, Source::Builtin(BUILTINS[2]));
    }

    /// `list` names the template the command line would open instead: one of the same
    /// stem, even when one of the same name comes first (before, `a-bug.md` named "Bug
    /// Report" was said to shadow the built-in `bug-report`, which `bug-report.md` did).
    #[test]
    fn a_template_of_the_same_stem_shadows_before_one_of_the_same_name() {
        let builtin = |i: usize, name: &str| Found {
            origin: Origin::Builtin,
            source: Source::Builtin(BUILTINS[i]),
            loaded: Ok((name.to_owned(), String::new())),
            refused: false,
            warning: None,
        };
        assert_eq!(BUILTINS[2].stem, "bug-report");
        assert_eq!(BUILTINS[3].stem, "feature-request");
        let list = entries(vec![
            found(Origin::Repo, "/r/a-bug.md", "Bug Report"),
            found(Origin::Repo, "/r/bug-report.md", "Crash"),
            found(Origin::Repo, "/r/feature_request.md", "Ideas"),
            builtin(2, "Bug Report"),
            builtin(3, "Feature Request"),
        ]);
        let shadows: Vec<(&str, Vec<&str>)> = list
            .iter()
            .map(|e| {
                let hidden = e.shadows.iter().map(|s| s.name.as_str()).collect();
                (e.source_name(), hidden)
            })
            .collect();
        assert_eq!(
            shadows,
            [
                ("/r/a-bug.md", vec![]),
                ("/r/bug-report.md", vec!["Bug Report"]),
                ("/r/feature_request.md", vec!["Feature Request"]),
            ]
        );
    }

    impl Entry {
        fn source_name(&self) -> &str {
            match &self.source {
                Source::File(p) => p.to_str().unwrap(),
                Source::Builtin(b) => b.stem,
            }
        }
    }

    #[test]
    fn a_broken_template_is_listed_under_its_stem_with_the_reason() {
        let list = entries(vec![Found {
            origin: Origin::Repo,
            source: Source::File(PathBuf::from("/r/x/deep.md")),
            loaded: Err(Unread::plain("too deep".to_owned())),
            refused: false,
            warning: None,
        }]);
        assert_eq!(list[0].name, "deep");
        assert_eq!(list[0].error.as_deref(), Some("too deep"));
    }

    #[test]
    fn the_chooser_config_gives_links_and_the_blank_switch() {
        let text = "blank_issues_enabled: false\ncontact_links:\n  - name: Forum\n    url: https://example.org/forum\n    about: Ask here\n  - url: https://x\n";
        let c = chooser(text, "config.yml");
        assert!(!c.blank_issues);
        assert_eq!(c.blank_off_at, Some(((1, 1), "false".to_owned())));
        assert_eq!(
            c.links,
            [Link {
                name: "Forum".to_owned(),
                about: "Ask here".to_owned(),
                url: "https://example.org/forum".to_owned(),
                refused: None,
            }]
        );
        assert_eq!(
            c.problems,
            [
                "config.yml:6:5: a contact link needs `name`",
                "config.yml:6:5: a contact link needs `about`"
            ]
        );
        let all = choices(Vec::new(), &c);
        assert_eq!(all.len(), 1);
        // Given twice, the last one counts, and is where blank issues are turned off.
        let twice = chooser(
            "blank_issues_enabled: true\n  # x\nblank_issues_enabled: no\n",
            "c.yml",
        );
        assert_eq!(
            (twice.blank_issues, twice.blank_off_at),
            (false, Some(((3, 1), "no".to_owned())))
        );
        let on = chooser(
            "blank_issues_enabled: false\nblank_issues_enabled: true\n",
            "c.yml",
        );
        assert_eq!((on.blank_issues, on.blank_off_at), (true, None));
        let open = choices(Vec::new(), &chooser("contact_links: []\n", "c.yml"));
        assert_eq!(open, [Choice::Blank]);
        assert_eq!(open[0].source(), Some(Source::Builtin(BLANK)));
    }

    #[test]
    fn contact_links_that_are_not_http_links_are_refused_with_the_reason() {
        let text = "contact_links:\n  - name: Evil\n    url: --new-window=file:///etc/passwd\n    about: x\n  - name: Script\n    url: javascript:alert(1)\n    about: y\n  - name: Ok\n    url: HTTPS://example.org\n    about: z\n";
        let refused: Vec<Option<String>> = chooser(text, "c.yml")
            .links
            .into_iter()
            .map(|l| l.refused)
            .collect();
        assert_eq!(
            refused,
            [
                Some(
                    "not opened: only http(s) links are (url: --new-window=file:///etc/passwd)"
                        .to_owned()
                ),
                Some("not opened: only http(s) links are (url: javascript:alert(1))".to_owned()),
                None,
            ]
        );
    }

    #[test]
    fn a_broken_chooser_config_is_a_problem_and_keeps_the_blank_issue() {
        let c = chooser("blank_issues_enabled: [\n", "c.yml");
        assert!(c.blank_issues);
        assert_eq!(c.problems.len(), 1);
        assert!(c.problems[0].starts_with("c.yml:"), "{:?}", c.problems);
        let c = chooser("blank_issues_enabled: nope\n", "c.yml");
        assert_eq!(
            c.problems,
            ["c.yml:1:23: `blank_issues_enabled` must be true or false"]
        );
    }

    /// `list` says what `check` says, where it says it: an empty name, a URL with no host.
    #[test]
    fn the_chooser_problems_are_check_s_with_their_places() {
        let text = "contact_links:\n  - {name: '', url: 'https://x', about: A}\n  - {name: B, url: 'https://', about: A}\n";
        let c = chooser(text, "config.yml");
        assert_eq!(
            c.problems,
            [
                "config.yml:2:12: `name` must not be empty",
                "config.yml:3:20: a contact link's `url` must name a host",
            ]
        );
    }
}
