//! The `cydlint` binary: parse arguments, call [`cydlint::run_to_exit`], map the status to an
//! exit code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cydlint::cli::Args::parse();
    // Standard error is not locked for the whole run: `check`'s progress line is written from
    // the worker threads, which would wait for that lock for ever (each write locks it for
    // itself).
    let status = cydlint::run_to_exit(args, &mut std::io::stdout().lock(), &mut std::io::stderr());
    ExitCode::from(status.code())
}
