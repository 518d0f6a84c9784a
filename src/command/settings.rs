//! `config path` and `config show`, and config.toml applied under the command line:
//! flags win, the file fills what they leave out.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};

use crate::cli::{ConfigCommand, ExportArgs, TuiArgs};
use crate::config::{self, Config};
use crate::text::escape_line;

/// The settings, with a warning on standard error for each problem in the file.
pub fn load() -> Config {
    let (config, warnings) = config::load();
    for warning in &warnings {
        eprintln!(
            "issue-composer: warning: {}",
            escape_line(&warning.to_string())
        );
    }
    config
}

pub fn config_cmd(command: &ConfigCommand) -> Result<ExitCode> {
    match command {
        ConfigCommand::Path => {
            let Some(path) = config::path() else {
                bail!("there is no configuration folder (set HOME or XDG_CONFIG_HOME)");
            };
            println!("{}", escape_line(&path.display().to_string()));
        }
        ConfigCommand::Show => {
            let shown = load().to_toml();
            std::io::stdout().write_all(shown.as_bytes())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The exports with the file's defaults: `--clipboard` uses the configured provider, and
/// `save` (`render --save`) writes to the configured folder and file name.
pub fn exports(
    args: &ExportArgs,
    config: &Config,
    save: bool,
    stem: &str,
    title: &str,
) -> ExportArgs {
    let mut args = args.clone();
    if args.clipboard && args.clipboard_with.is_none() {
        args.clipboard_with = Some(config.export.clipboard.into());
    }
    if save && args.output.is_none() {
        args.output = Some(default_output(config, stem, title));
    }
    if let Some(path) = &args.output {
        args.output = Some(config.export.target(path, stem, title, &today()));
    }
    args
}

/// The interactive form's arguments with the file's defaults (drafts, clipboard).
pub fn tui_args(mut args: TuiArgs, config: &Config) -> TuiArgs {
    args.no_draft |= !config.drafts;
    if args.export.clipboard && args.export.clipboard_with.is_none() {
        args.export.clipboard_with = Some(config.export.clipboard.into());
    }
    args
}

/// Today's date (UTC) as `YYYY-MM-DD`.
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (y, m, d) = crate::draft::civil_date(secs / 86_400);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The default path for a written issue: the configured folder and file name.
pub fn default_output(config: &Config, stem: &str, title: &str) -> PathBuf {
    config.export.path_for(stem, title, &today())
}
