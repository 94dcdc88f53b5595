//! The command line: clap derive types only. `lib::run` does the work.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// cydlint — a linter for SEC cybersecurity disclosures (Reg S-K Item 106 / 10-K Item 1C,
/// Form 20-F Item 16K, Form 8-K Item 1.05) in Inline XBRL, XBRL, the SEC viewer's rendered
/// report, and untagged drafts.
#[derive(Debug, Parser)]
#[command(name = "cydlint", version, about, long_about = None)]
pub struct Args {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List every fact of a filing (with spans), as JSON or a table.
    Facts(FactsArgs),
}

/// Arguments of `cydlint facts`.
#[derive(Debug, clap::Args)]
pub struct FactsArgs {
    /// Files or directories. HTML files named together form one document set; a directory
    /// gives one set per folder.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FactsFormat::Table)]
    pub format: FactsFormat,
    /// Only facts of the `cyd` taxonomy.
    #[arg(long)]
    pub cyd_only: bool,
    /// Read every file as a document set of its own.
    #[arg(long)]
    pub separate: bool,
}

/// Output formats of `cydlint facts`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FactsFormat {
    /// One JSON object per document set (JSON Lines when there are several).
    Json,
    /// An aligned table for people.
    Table,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_valid() {
        Args::command().debug_assert();
    }
}
