//! The export plan: what to do with the finished issue (print, write a file, copy, send
//! with gh or glab), decided once from the command line and handed to whoever exports.

use std::path::PathBuf;
use std::time::Duration;

use super::child::DEFAULT_TIMEOUT;
use super::{Forge, Provider, Target};

/// Where the finished issue goes, in the order [`super::run`] does it: print, file,
/// clipboard, then each forge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// Print the body on standard output (also done when nothing else is asked).
    pub print: bool,
    pub file: Option<FileTarget>,
    pub clipboard: Option<Clipboard>,
    /// gh and/or glab, in the order they are used.
    pub forges: Vec<Forge>,
    /// Repository and milestone for the forges and the printed gh command.
    pub target: Target,
    /// How long gh or glab may run.
    pub timeout: Duration,
    /// Open the prefilled "new issue" page in the browser (and print its link).
    pub web: bool,
    /// Why the title cannot be sent, when it cannot (empty, or only the template's
    /// prefix) and what to do: said instead of printing the `gh` command for `file`.
    pub untitled: Option<String>,
    /// The template's forge: whose tool the command printed for `file` runs (gh for a
    /// GitHub template, glab for a GitLab one).
    pub template_forge: Forge,
    /// The draft the answers came from, as it was on disk: kept with an issue that
    /// could not be sent, so a `retry` that sends it can remove that draft.
    pub draft: Option<Box<super::last::DraftMark>>,
}

/// A file to write the body to; `force` replaces an existing one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileTarget {
    pub path: PathBuf,
    pub force: bool,
}

/// Copy with the provider the session suggests, or with this one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clipboard {
    Auto,
    With(Provider),
}

impl Clipboard {
    /// The provider asked for (`None`: choose one).
    pub fn provider(self) -> Option<Provider> {
        match self {
            Clipboard::Auto => None,
            Clipboard::With(provider) => Some(provider),
        }
    }
}

impl Default for Plan {
    fn default() -> Self {
        Plan {
            print: false,
            file: None,
            clipboard: None,
            forges: Vec::new(),
            target: Target::default(),
            timeout: DEFAULT_TIMEOUT,
            web: false,
            untitled: None,
            template_forge: Forge::Github,
            draft: None,
        }
    }
}

impl Plan {
    /// Only print.
    pub fn print_only() -> Self {
        Plan {
            print: true,
            ..Plan::default()
        }
    }

    /// Only send with gh, keeping this plan's repository, milestone and timeout.
    #[must_use]
    pub fn gh_only(&self) -> Self {
        self.forge_only(Forge::Github)
    }

    /// Only send with `forge`'s tool, keeping this plan's repository, milestone and
    /// timeout.
    #[must_use]
    pub fn forge_only(&self, forge: Forge) -> Self {
        Plan {
            forges: vec![forge],
            target: self.target.clone(),
            timeout: self.timeout,
            ..Plan::default()
        }
    }

    /// Only open the prefilled web page, keeping this plan's repository and milestone.
    #[must_use]
    pub fn web_only(&self) -> Self {
        Plan {
            web: true,
            target: self.target.clone(),
            ..Plan::default()
        }
    }

    /// The rest of the plan once the file is written.
    #[must_use]
    pub fn without_file(&self) -> Self {
        Plan {
            file: None,
            ..self.clone()
        }
    }

    /// Whether nothing at all is asked for.
    pub fn is_empty(&self) -> bool {
        self.file.is_none() && !self.print && !self.sends()
    }

    /// Whether the body goes to standard output: asked for, or nothing else was.
    pub fn prints(&self) -> bool {
        self.print || (self.file.is_none() && !self.sends())
    }

    /// gh or glab: the issue is created.
    pub fn creates(&self) -> bool {
        !self.forges.is_empty()
    }

    /// Copy, the web page, gh or glab.
    pub fn sends(&self) -> bool {
        self.clipboard.is_some() || self.web || !self.forges.is_empty()
    }

    /// The provider named on the command line, for a copy asked for in the UI.
    pub fn provider(&self) -> Option<Provider> {
        self.clipboard.and_then(Clipboard::provider)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_plan_prints_and_a_file_alone_does_not() {
        let plan = Plan::default();
        assert!(plan.is_empty() && plan.prints());
        let file = Plan {
            file: Some(FileTarget {
                path: "a.md".into(),
                force: false,
            }),
            ..Plan::default()
        };
        assert!(!file.is_empty() && !file.prints());
        assert!(file.without_file().is_empty());
    }

    #[test]
    fn gh_only_keeps_where_and_how_long_but_nothing_else() {
        let plan = Plan {
            print: true,
            clipboard: Some(Clipboard::Auto),
            target: Target {
                repo: Some("o/r".into()),
                milestone: Some("v1".into()),
            },
            timeout: Duration::from_secs(5),
            ..Plan::default()
        };
        let gh = plan.gh_only();
        assert_eq!(gh.forges, [Forge::Github]);
        assert!(!gh.print && gh.clipboard.is_none() && !gh.prints());
        assert_eq!((gh.target, gh.timeout), (plan.target, plan.timeout));
    }
}
