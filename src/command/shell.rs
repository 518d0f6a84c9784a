//! Shell integration and drafts: `completions`, `man` and `drafts list|show|rm`.

use std::io::Write as _;
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};
use clap::CommandFactory as _;

use crate::cli::{Cli, DraftsCommand};
use crate::draft::{self, index};
use crate::text::{escape, escape_line, plural};

pub fn completions_cmd(shell: clap_complete::Shell) -> Result<ExitCode> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "issue-composer", &mut out);
    std::io::stdout().write_all(&out)?;
    Ok(ExitCode::SUCCESS)
}

pub fn man_cmd() -> Result<ExitCode> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    std::io::stdout().write_all(&out)?;
    Ok(ExitCode::SUCCESS)
}

pub fn drafts_cmd(command: &DraftsCommand) -> Result<ExitCode> {
    let Some(dir) = draft::dir() else {
        bail!("there is no data folder (set HOME or XDG_DATA_HOME)");
    };
    match command {
        DraftsCommand::List => {
            let mut out = String::new();
            for d in index::list(&dir) {
                let repo = d.repository.as_deref().unwrap_or("-");
                let bytes = usize::try_from(d.size).map_or("bytes", |n| plural(n, "byte", "bytes"));
                let row = [
                    d.id.as_str(),
                    &d.template,
                    repo,
                    &index::when(d.modified),
                    &format!("{} {bytes}", d.size),
                ]
                .map(|cell| escape_line(cell).into_owned());
                out.push_str(&row.join("\t"));
                out.push('\n');
            }
            std::io::stdout().write_all(out.as_bytes())?;
        }
        DraftsCommand::Show { id } => {
            let path = find(&dir, id)?;
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            std::io::stdout().write_all(escape(&text).as_bytes())?;
        }
        DraftsCommand::Rm { id } => {
            let path = find(&dir, id)?;
            // An open form would only save it again: the user would see it come back.
            if crate::draft::lock::held_by_another(&crate::draft::lock::lock_path(&path)) {
                anyhow::bail!(
                    "the draft {} is open in another issue-composer; quit that one first (or discard it there)",
                    escape_line(&path.display().to_string())
                );
            }
            std::fs::remove_file(&path)
                .with_context(|| format!("cannot remove {}", path.display()))?;
            eprintln!(
                "issue-composer: removed {}",
                escape_line(&path.display().to_string())
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn find(dir: &std::path::Path, id: &str) -> Result<std::path::PathBuf> {
    index::find(dir, id).with_context(|| {
        format!(
            "no draft `{}` (`issue-composer drafts list` shows them)",
            escape_line(id)
        )
    })
}
