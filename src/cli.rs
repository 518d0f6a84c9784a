//! Command-line interface: clap definitions, turned into ready-to-use options.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

const AFTER_HELP: &str = "\
TEMPLATE is a path to a template file, or the file stem or name of a built-in template
(performance, go-performance, bug-report, feature-request).

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
    #[command(flatten)]
    pub export: ExportArgs,
}

/// Where the finished issue goes.
#[derive(Debug, Args, Clone, Default)]
pub struct ExportArgs {
    /// Write the body to FILE (atomically; refuses to replace a file without --force).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Allow --output to replace an existing file.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the form model of a template as JSON.
    Schema {
        /// Template path or built-in name.
        template: String,
    },
    /// Print (or write) the finished issue body from answers, without a terminal UI.
    Render(RenderArgs),
    /// Report template problems as `file:line:col: message`; exit 1 if any is an error.
    Check {
        /// Template paths or built-in names.
        #[arg(required = true)]
        templates: Vec<String>,
    },
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// Template path or built-in name.
    pub template: String,
    /// Answers file (YAML or JSON): `title`, `labels`, `assignees`, `fields`.
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,
    /// Set one field (id or unique label); repeats, and wins over --answers.
    /// A VALUE starting with `[` or `{` is read as YAML (a list or a table).
    #[arg(long = "set", value_name = "KEY=VALUE", value_parser = parse_key_value)]
    pub set: Vec<(String, String)>,
    /// Render even when required fields are empty.
    #[arg(long)]
    pub allow_incomplete: bool,
    #[command(flatten)]
    pub export: ExportArgs,
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
