//! Command-line interface: clap definitions, turned into ready-to-use options.

mod tools;

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::export::{
    Clipboard, DEFAULT_TIMEOUT, FileTarget, Forge, Plan, Provider, RetryOptions, Target,
};
pub use tools::{ConfigCommand, DraftsCommand, PeopleArgs};

const AFTER_HELP: &str = "\
TEMPLATE is a path to a template file, or the file stem or name of a template in the
repository (.github/ISSUE_TEMPLATE/ and the other forges' folders), in
<config dir>/issue-composer/templates/, or built in (performance, go-performance,
bug-report, feature-request, blank); `issue-composer list` shows them.

Settings: <config dir>/issue-composer/config.toml (`issue-composer config show`).

Exit codes: 0 ok, 1 error, 2 usage.";

/// Turn issue templates into terminal forms and write the finished issue.
#[derive(Debug, Parser)]
#[command(name = "issue-composer", version, about, after_help = AFTER_HELP)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub tui: TuiArgs,
}

/// Options for the interactive form (no subcommand).
#[derive(Debug, Args)]
pub struct TuiArgs {
    /// Template to open; without it a picker lists the available templates.
    pub template: Option<String>,
    /// Start from these answers (YAML or JSON).
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,
    /// Do not save or offer drafts.
    #[arg(long)]
    pub no_draft: bool,
    /// Ask the form as line prompts on standard error and read the answers from standard
    /// input (automatic when TERM is `dumb` or standard input is not a terminal).
    #[arg(long)]
    pub plain: bool,
    #[command(flatten)]
    pub people: PeopleArgs,
    #[command(flatten)]
    pub metrics: MetricsArgs,
    #[command(flatten)]
    pub export: ExportArgs,
}

/// Where the finished issue goes. Shared by `render` and the interactive form.
#[derive(Debug, Args, Clone, Default, PartialEq, Eq)]
#[allow(clippy::struct_excessive_bools)] // each is a command-line switch
pub struct ExportArgs {
    /// Write the body to FILE (atomically; refuses to replace a file without --force),
    /// then print the `gh issue create` command that sends it. An existing folder gets
    /// config.toml's file name inside it (by default {stem}-issue.md); `-` is standard
    /// output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Allow --output to replace an existing file.
    #[arg(long)]
    pub force: bool,
    /// Print the body on standard output (the default when no other export is given).
    #[arg(long)]
    pub print: bool,
    /// Copy the body to the clipboard, so it can be pasted after issue-composer exits.
    #[arg(long)]
    pub clipboard: bool,
    /// How to copy (implies --clipboard); auto picks wl-copy on Wayland, xclip, xsel or
    /// arboard on X11, and OSC 52 over SSH or without a display.
    #[arg(long, value_name = "PROVIDER", value_enum)]
    pub clipboard_with: Option<ClipboardWith>,
    /// Open the repository's "new issue" page prefilled with the answers (from -R or the
    /// `origin` remote), with $BROWSER or the system's opener, and print its link.
    #[arg(long)]
    pub web: bool,
    /// Create the issue with `gh issue create`.
    #[arg(long)]
    pub gh: bool,
    /// Create the issue with `glab issue create`.
    #[arg(long)]
    pub glab: bool,
    /// Milestone for --gh, --glab and the printed gh command.
    #[arg(long, value_name = "NAME")]
    pub milestone: Option<String>,
    /// Repository for --gh, --glab and the printed gh command ([HOST/]OWNER/REPO).
    #[arg(short = 'R', long, value_name = "REPO", value_parser = parse_repo)]
    pub repo: Option<String>,
    /// Stop gh or glab after SECS seconds (default 120); the issue is kept for `retry`.
    #[arg(long, value_name = "SECS", value_parser = parse_timeout)]
    pub gh_timeout: Option<u64>,
}

impl ExportArgs {
    /// The flags as an export plan: the only form the rest of the program sees.
    pub fn plan(&self) -> Plan {
        let clipboard = match self.clipboard_with {
            Some(with) => Some(with.clipboard()),
            None => self.clipboard.then_some(Clipboard::Auto),
        };
        // `-o -` is standard output, as for most tools.
        let stdout = self.output.as_deref() == Some(std::path::Path::new("-"));
        Plan {
            print: self.print || stdout,
            file: self
                .output
                .clone()
                .filter(|_| !stdout)
                .map(|path| FileTarget {
                    path,
                    force: self.force,
                }),
            clipboard,
            forges: [(self.gh, Forge::Github), (self.glab, Forge::Gitlab)]
                .into_iter()
                .filter_map(|(on, forge)| on.then_some(forge))
                .collect(),
            target: Target {
                repo: self.repo.clone(),
                milestone: self.milestone.clone(),
            },
            timeout: timeout(self.gh_timeout),
            web: self.web,
            untitled: None,
            // Set from the template once it is known.
            template_forge: Forge::Github,
            draft: None,
        }
    }
}

/// `check --format`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    #[default]
    Text,
    Json,
}

/// `--forms-format`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum FormsFormatArg {
    #[default]
    Current,
    Legacy,
}

impl From<FormsFormatArg> for crate::render::FormsFormat {
    fn from(arg: FormsFormatArg) -> Self {
        match arg {
            FormsFormatArg::Current => Self::Current,
            FormsFormatArg::Legacy => Self::Legacy,
        }
    }
}

/// `--clipboard-with`: a provider, or `auto`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ClipboardWith {
    Auto,
    WlCopy,
    Xclip,
    Xsel,
    Arboard,
    Osc52,
}

impl ClipboardWith {
    pub fn clipboard(self) -> Clipboard {
        match self {
            ClipboardWith::Auto => Clipboard::Auto,
            ClipboardWith::WlCopy => Clipboard::With(Provider::WlCopy),
            ClipboardWith::Xclip => Clipboard::With(Provider::Xclip),
            ClipboardWith::Xsel => Clipboard::With(Provider::Xsel),
            ClipboardWith::Arboard => Clipboard::With(Provider::Arboard),
            ClipboardWith::Osc52 => Clipboard::With(Provider::Osc52),
        }
    }
}

#[derive(Debug, Subcommand)]
#[allow(clippy::large_enum_variant)] // parsed once; boxing would only add noise
pub enum Command {
    /// Print the form model of a template as JSON.
    Schema {
        /// Template path or built-in name.
        template: String,
    },
    /// Print, write, copy or send the finished issue from answers, without a terminal UI.
    Render(RenderArgs),
    /// Report template problems as `file:line:col: severity: message`, with GitHub's rules
    /// for issue forms and `config.yml`; exit 1 if any is an error.
    Check {
        /// Template paths, folders or built-in names (a `config.yml` is checked as the
        /// chooser's); none: the repository's templates, as `list` finds them.
        templates: Vec<String>,
        /// `text` lines, or a `json` array of {file, line, column, severity, message}.
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
    },
    /// Send the last issue that --gh or --glab could not create.
    Retry(RetryArgs),
    /// List the templates offered here: the repository's (as a forge shows them), the
    /// user's and the built-ins, with the chooser's contact links and blank issue.
    List {
        /// An array of JSON objects with the keys name, stem, about, source, path, url,
        /// shadows and error.
        #[arg(long)]
        json: bool,
    },
    /// Show where the settings file is, or the settings in force.
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Print a completion script for a shell (bash, zsh, fish, elvish, powershell).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) on standard output.
    Man,
    /// List, show or remove saved drafts.
    #[command(subcommand)]
    Drafts(DraftsCommand),
    /// Serve text from standard input on the clipboard until another program takes it
    /// (started by `--clipboard-with arboard`).
    #[command(name = crate::export::clipboard::SERVE_COMMAND, hide = true)]
    ServeClipboard,
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// Template path or built-in name.
    pub template: String,
    /// Answers file (YAML or JSON): `title`, `labels`, `assignees`, `fields`; `-` reads
    /// standard input.
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,
    /// Set one field (id or unique label); repeats, and wins over --answers.
    /// A VALUE starting with `[` or `{` is read as YAML (a list or a table).
    #[arg(long = "set", value_name = "KEY=VALUE", value_parser = parse_key_value)]
    pub set: Vec<(String, String)>,
    /// Render even when required fields are empty or answers break a field's rules.
    #[arg(long)]
    pub allow_incomplete: bool,
    /// Body format for issue forms: GitHub's current one, or the 2021-22 one (`- [X]`,
    /// an empty code area as `_No response_`) for automation written against it.
    /// Default: `export.forms_format` in config.toml, else current.
    #[arg(long, value_name = "FORMAT", value_enum)]
    pub forms_format: Option<FormsFormatArg>,
    /// Write the body to the folder and file name of config.toml's `[export]` (by default
    /// ./{stem}-issue.md), like --output.
    #[arg(long, conflicts_with = "output")]
    pub save: bool,
    #[command(flatten)]
    pub people: PeopleArgs,
    #[command(flatten)]
    pub metrics: MetricsArgs,
    #[command(flatten)]
    pub export: ExportArgs,
}

/// Benchmark results that fill metric fields. Shared by `render` and the interactive form.
#[derive(Debug, Args, Clone, Default, PartialEq, Eq)]
pub struct MetricsArgs {
    /// Fill empty metric fields from benchmark results: `go test -bench` output, hyperfine
    /// --export-json, criterion's estimates.json (or the target/criterion folder), or
    /// benchstat output. Repeats.
    #[arg(long, value_name = "FILE")]
    pub metrics: Vec<PathBuf>,
    /// Whether --metrics holds the baseline (before the change) or the actual results.
    #[arg(long, value_name = "ROLE", value_enum, default_value_t = MetricsAs::Baseline)]
    pub metrics_as: MetricsAs,
    /// Results after the change: they fill Actual columns, and Change or Delta columns
    /// with --metrics as the baseline. Repeats.
    #[arg(long, value_name = "FILE")]
    pub metrics_actual: Vec<PathBuf>,
    /// The benchmark to use when the results hold several (its name, or a unique part
    /// of it); without it, the first.
    #[arg(long, value_name = "NAME")]
    pub metrics_bench: Option<String>,
}

impl MetricsArgs {
    /// The files by role.
    pub fn paths(&self) -> crate::metrics::files::Paths {
        let (mut baseline, mut actual) = (Vec::new(), Vec::new());
        match self.metrics_as {
            MetricsAs::Baseline => baseline.extend(self.metrics.iter().cloned()),
            MetricsAs::Actual => actual.extend(self.metrics.iter().cloned()),
        }
        actual.extend(self.metrics_actual.iter().cloned());
        // Notes name the flag typed.
        let actual_flag = match (self.metrics_as, self.metrics.is_empty()) {
            (MetricsAs::Actual, false) if self.metrics_actual.is_empty() => "--metrics",
            (MetricsAs::Actual, false) => "--metrics/--metrics-actual",
            _ => "--metrics-actual",
        };
        crate::metrics::files::Paths {
            baseline,
            actual,
            bench: self.metrics_bench.clone(),
            actual_flag,
        }
    }
}

/// `--metrics-as`: what the `--metrics` files measured.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum MetricsAs {
    #[default]
    Baseline,
    Actual,
}

#[derive(Debug, Args)]
#[allow(clippy::struct_excessive_bools)] // each is a command-line switch
pub struct RetryArgs {
    /// Send it without labels (repositories refuse labels from people without triage rights).
    #[arg(long)]
    pub no_labels: bool,
    /// Send it with gh, whatever it was meant for.
    #[arg(long, conflicts_with = "glab")]
    pub gh: bool,
    /// Send it with glab, whatever it was meant for.
    #[arg(long)]
    pub glab: bool,
    /// Send it to this repository instead.
    #[arg(short = 'R', long, value_name = "REPO", value_parser = parse_repo)]
    pub repo: Option<String>,
    /// Stop gh or glab after SECS seconds (default 120); the issue stays saved.
    #[arg(long, value_name = "SECS", value_parser = parse_timeout)]
    pub gh_timeout: Option<u64>,
    /// Send it even if gh or glab was still running when issue-composer was stopped (it
    /// may have created the issue).
    #[arg(long)]
    pub force: bool,
    /// List the kept unsent issues, newest first: number, tool, repository, title.
    #[arg(long, conflicts_with_all = ["number", "no_labels", "gh", "glab", "repo", "gh_timeout", "force"])]
    pub list: bool,
    /// Which kept issue to send: 1 (the default) is the newest, as `--list` numbers them.
    #[arg(value_name = "N", value_parser = parse_kept_number)]
    pub number: Option<u16>,
}

impl RetryArgs {
    pub fn options(&self) -> RetryOptions {
        let forge = if self.gh {
            Some(Forge::Github)
        } else if self.glab {
            Some(Forge::Gitlab)
        } else {
            None
        };
        RetryOptions {
            no_labels: self.no_labels,
            forge,
            repo: self.repo.clone(),
            timeout: timeout(self.gh_timeout),
            number: self.number.map_or(1, usize::from),
            force: self.force,
        }
    }
}

/// `--gh-timeout`: whole seconds, at least one, said in words when it is not.
fn parse_timeout(arg: &str) -> Result<u64, String> {
    let default = DEFAULT_TIMEOUT.as_secs();
    match arg.trim().parse::<u64>() {
        Ok(0) => Err(format!(
            "0 seconds would stop gh or glab before it starts; give whole seconds, 1 or more (the default is {default})"
        )),
        Ok(secs) => Ok(secs),
        Err(_) => Err(format!(
            "`{}` is not a number of seconds; give whole seconds, 1 or more (the default is {default})",
            crate::text::escape_line(arg)
        )),
    }
}

/// `retry N`: 1 or more, as `retry --list` numbers the kept issues.
fn parse_kept_number(arg: &str) -> Result<u16, String> {
    match arg.trim().parse::<u16>() {
        Ok(0) | Err(_) => Err(format!(
            "`{}` is not one of the numbers `retry --list` shows (1 is the newest kept issue)",
            crate::text::escape_line(arg)
        )),
        Ok(n) => Ok(n),
    }
}

fn timeout(secs: Option<u64>) -> Duration {
    secs.map_or(DEFAULT_TIMEOUT, Duration::from_secs)
}

/// `-R`: `[HOST/]OWNER/REPO` (GitLab: a group path, `group/sub/repo`), or a remote URL.
/// Each part is a name (letters, digits, `.`, `-`, `_`; a host may have a `:port`), and
/// `.` and `..` are no names: `-R ../../x` is refused before gh, glab or the browser sees it.
fn parse_repo(arg: &str) -> Result<String, String> {
    if arg.contains("://") || arg.contains('@') {
        return crate::export::web::Repo::from_remote(arg)
            .map(|_| arg.to_owned())
            .map_err(|_| "expected [HOST/]OWNER/REPO (or a remote URL)".to_owned());
    }
    let parts: Vec<&str> = arg.trim_end_matches('/').split('/').collect();
    let name = |p: &str| {
        !p.is_empty()
            && p != "."
            && p != ".."
            && p.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b':'))
    };
    if parts.len() >= 2 && parts.iter().all(|p| name(p)) {
        Ok(arg.to_owned())
    } else {
        Err("expected [HOST/]OWNER/REPO (or a remote URL), each part a name".to_owned())
    }
}

fn parse_key_value(s: &str) -> Result<(String, String), String> {
    let (key, value) = s
        .split_once('=')
        .ok_or_else(|| format!("`{s}` is not KEY=VALUE"))?;
    if key.trim().is_empty() {
        return Err(format!("`{s}` has an empty KEY"));
    }
    Ok((key.trim().to_owned(), value.to_owned()))
}
