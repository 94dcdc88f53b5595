//! The `cydlint` binary: parse arguments, call [`cydlint::run`], map the status to an exit code.

use std::process::ExitCode;

use clap::Parser;

/// mimalloc: a reader allocates many small strings per fact; glibc malloc spends a third of
/// the read in malloc/free and serialises threads (docs/performance.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = cydlint::cli::Args::parse();
    let status = cydlint::run(
        args,
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    );
    ExitCode::from(status.code())
}
