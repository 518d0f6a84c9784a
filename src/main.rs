//! The `issue-composer` binary: parse arguments, run, map errors to exit codes.

use std::process::ExitCode;

use clap::Parser as _;
use issue_composer::{cli::Cli, command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match command::run(cli) {
        Ok(code) => code,
        Err(err) => {
            let message = format!("{err:#}");
            eprintln!("issue-composer: {}", issue_composer::text::escape(&message));
            ExitCode::from(1)
        }
    }
}
