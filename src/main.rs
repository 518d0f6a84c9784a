//! The `issue-composer` binary: parse arguments, run, map errors to exit codes.

use std::io::Write as _;
use std::process::ExitCode;

use clap::Parser as _;
use issue_composer::text::escape;
use issue_composer::{cli::Cli, command};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => return usage(&err),
    };
    match command::run(cli) {
        Ok(code) => code,
        // The reader of standard output went away (`| head`): as for any tool killed by
        // SIGPIPE, nothing to say, and the shell's 128 + 13.
        Err(err) if closed_pipe(&err) => ExitCode::from(141),
        Err(err) => {
            let message = issue_composer::text::error_chain(&err);
            eprintln!("issue-composer: {}", escape(&message));
            ExitCode::from(1)
        }
    }
}

fn closed_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        let io =
            cause
                .downcast_ref::<std::io::Error>()
                .or_else(
                    || match cause.downcast_ref::<issue_composer::export::RunError>() {
                        Some(issue_composer::export::RunError::Io(e)) => Some(e),
                        _ => None,
                    },
                );
        io.is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// clap's help, version or usage error. A usage error quotes the arguments given, which
/// are outside text: it is printed plain (no colours) and escaped.
fn usage(err: &clap::Error) -> ExitCode {
    let text = err.render().to_string();
    let written = if err.use_stderr() {
        std::io::stderr().write_all(escape(&text).as_bytes())
    } else {
        std::io::stdout().write_all(text.as_bytes())
    };
    // A closed stream leaves nothing to tell.
    drop(written);
    ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(2))
}
