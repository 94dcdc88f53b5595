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
//! * [`cli`] is the clap definition; [`commands`] holds one module per subcommand, its flow
//!   from arguments to output; [`run`] dispatches to them.
//!
//! See `docs/architecture.md` for the longer story and the floors (`tests/architecture.rs`
//! keeps every import going down them).

pub mod checks;
pub mod claims;
pub mod cli;
pub mod codes;
pub mod commands;

/// The hash map of the readers' and engine's hot paths: foldhash's hasher (the one hashbrown
/// defaults to; seeded per map) instead of SipHash, which was a twentieth of reading a 10-K,
/// spent on concept names, context ids and namespace URIs.
pub(crate) type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// The set of [`FastMap`].
pub(crate) type FastSet<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;
pub mod config;
pub mod diagnostic;
pub mod discover;
pub mod engine;
pub mod filing;
pub mod plan;
pub mod read;
pub mod report;
pub mod requirements;
pub mod rules;
pub mod ruletest;
pub mod scorecard;
pub mod source;
pub mod syntax;
pub mod taxonomy;

#[cfg(test)]
mod testing;
#[cfg(test)]
pub(crate) use testing::{test_rng, test_string};

use std::io::Write;

use cli::{Args, Command};

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

/// Set by [`run_to_exit`]: the process ends when the run does.
static LEAVE_AT_EXIT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// [`run`] for the binary, whose process ends with the run: what a run builds once for its
/// whole length (the rule set) and the pack file's YAML tree are left to the process's exit
/// instead of being dropped piece by piece. The output is flushed as by [`run`]; only memory
/// that the exit gives back anyway is not freed. (The rule files' and the lexicon's trees are
/// dropped as soon as they are read: the files read after them reuse their memory, which
/// costs fewer page faults than the frees cost instructions.)
pub fn run_to_exit(args: Args, out: &mut dyn Write, err: &mut dyn Write) -> ExitStatus {
    LEAVE_AT_EXIT.store(true, std::sync::atomic::Ordering::Relaxed);
    run(args, out, err)
}

/// Drops `value`, or — in a process started by [`run_to_exit`] — leaves it to the exit.
pub(crate) fn leave_at_exit<T>(value: T) {
    if LEAVE_AT_EXIT.load(std::sync::atomic::Ordering::Relaxed) {
        std::mem::forget(value);
    }
}

/// Runs a parsed command line, writing results to `out` and tool errors to `err`.
///
/// `out` is written through a buffer: a report is many small writes (pretty JSON writes a
/// line at a time), and stdout, line-buffered, would make each line a system call.
pub fn run(args: Args, out: &mut dyn Write, err: &mut dyn Write) -> ExitStatus {
    let mut buffered = std::io::BufWriter::with_capacity(1 << 16, out);
    let status = dispatch(args, &mut buffered, err);
    commands::io_status(buffered.flush(), err).unwrap_or(status)
}

fn dispatch(args: Args, out: &mut dyn Write, err: &mut dyn Write) -> ExitStatus {
    match args.command {
        Command::Check(a) => commands::check::run(*a, out, err),
        Command::Rules(a) => commands::rules::run(a, out, err),
        Command::Explain(a) => commands::explain::run(a, out, err),
        Command::TestRules(a) => commands::test_rules::run(a, out, err),
        Command::Scorecard(a) => commands::scorecard::run(a, out, err),
        Command::Claims(a) => commands::claims::run(a, out, err),
        Command::Plan(a) => commands::plan::run(a, out, err),
        Command::Facts(a) => commands::facts::run(a, out, err),
    }
}
