//! cydlint: a linter for SEC cybersecurity disclosures.
//!
//! The data takes one trip:
//!
//! ```text
//! paths → discover (document sets) → read (one reader per input kind) → Filing
//!       (facts + text layer with its offset map back to source bytes) → report
//! ```
//!
//! * [`discover`] turns command-line paths into document sets.
//! * [`source`] holds the original bytes and turns byte offsets into lines and columns.
//! * [`read`] turns bytes of any input kind into one span-carrying [`filing::Filing`]; it
//!   reports malformed input as [`filing::ReadIssue`]s, never panics.
//! * [`filing`] is the model and its text layer: the only vocabulary later stages speak.
//! * [`taxonomy`] knows the `cyd` elements and namespace families.
//! * [`report`] is the only module that writes output.
//! * [`cli`] is the clap definition; [`run`] wires the modules together.
//!
//! See `docs/architecture.md` for the longer story.

pub mod cli;
pub mod diagnostic;
pub mod discover;
pub mod engine;
pub mod filing;
pub mod read;
pub mod report;
pub mod rules;
pub mod source;
pub mod taxonomy;

use std::io::Write;

use cli::{Args, Command, FactsFormat};

/// How a run ended; `main` maps it to the process exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// 0: the job was done and nothing reached the failure threshold.
    Success,
    /// 1: findings at or above the failure threshold.
    Failure,
    /// 2: the tool could not do its job (bad arguments, unreadable path, invalid rules).
    Error,
}

impl ExitStatus {
    /// The process exit code.
    pub fn code(self) -> u8 {
        match self {
            ExitStatus::Success => 0,
            ExitStatus::Failure => 1,
            ExitStatus::Error => 2,
        }
    }
}

/// Runs a parsed command line, writing results to `out` and tool errors to `err`.
pub fn run(args: Args, out: &mut dyn Write, err: &mut dyn Write) -> ExitStatus {
    match args.command {
        Command::Facts(a) => {
            let sets = match discover::document_sets(&a.paths, a.separate) {
                Ok(s) => s,
                Err(e) => {
                    let _ = writeln!(err, "error: {e}");
                    return ExitStatus::Error;
                }
            };
            for set in &sets {
                let filing = read::read_set(set);
                let res = match a.format {
                    FactsFormat::Json => report::facts::write_json(out, &filing, a.cyd_only),
                    FactsFormat::Table => report::facts::write_table(out, &filing, a.cyd_only),
                };
                if let Err(e) = res {
                    if e.kind() == std::io::ErrorKind::BrokenPipe {
                        return ExitStatus::Success;
                    }
                    let _ = writeln!(err, "error: cannot write output: {e}");
                    return ExitStatus::Error;
                }
            }
            ExitStatus::Success
        }
    }
}
