//! The `cydlint` binary: parse arguments, call [`cydlint::run`], map the status to an exit code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cydlint::cli::Args::parse();
    let status = cydlint::run(
        args,
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    );
    ExitCode::from(status.code())
}
