//! The `cydlint` binary: parse arguments, call [`cydlint::run_to_exit`], map the status to an
//! exit code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cydlint::cli::Args::parse();
    let status = cydlint::run_to_exit(
        args,
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    );
    ExitCode::from(status.code())
}
