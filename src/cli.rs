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
    /// Check filings against the rules (exit 0: clean, 1: findings, 2: could not check).
    ///
    /// Reads each document set (Inline XBRL, XBRL instance, rendered report or draft), runs the
    /// built-in rules and any --rules packs, applies the configuration (.cydlint.yaml),
    /// suppressions and baseline, and reports every finding with its path:line:col in the
    /// chosen format (docs/output-formats.md).
    Check(Box<CheckArgs>),
    /// List every fact of a filing (with spans), as JSON or a table.
    ///
    /// One block (table) or JSON object per document set: the cover facts, every fact with its
    /// concept, context, value or text and location, the Item sections found, and the problems
    /// met while reading.
    Facts(FactsArgs),
    /// List the rules: id, severity, name and title of each (built-in and --rules packs).
    ///
    /// `--format json` gives each rule's status, version, citations, check kind, what it
    /// applies to and its docs link. `cydlint explain ID` shows one rule's page.
    Rules(RulesArgs),
    /// Show the documentation page of one rule or finding code.
    ///
    /// Takes a rule id (any case), a rule name, or a code that is not a rule (read:binary,
    /// config:invalid); suggests the closest when nothing matches.
    Explain(ExplainArgs),
    /// Run a rule pack's rules against its pass/fail fixtures.
    ///
    /// Each rule needs fixtures that must not fire (RULE-ID/pass/*) and fixtures that must
    /// (RULE-ID/fail/*, with `<!-- expect: RULE-ID -->` before the place). They are found in
    /// DIR/fixtures, else beside the pack as the built-in pack keeps them (rules/ →
    /// fixtures/rules/), else give --fixtures. Exit 1 when a fixture fails.
    TestRules(TestRulesArgs),
    /// Show, per requirement of Item 106 / 16K / 1.05, whether and how a filing answers it.
    Scorecard(ScorecardArgs),
    /// Show what each sentence claims (topic and status) and the words each claim rests on.
    Claims(ClaimsArgs),
    /// A tagging plan for a draft: the cyd element each paragraph of Item 1C / 16K would
    /// carry, and each flag's sentence and ixt:fixed-true / ixt:fixed-false (docs/drafts.md).
    Plan(PlanArgs),
}

/// Arguments of `cydlint plan`.
#[derive(Debug, clap::Args)]
pub struct PlanArgs {
    /// Draft files (HTML, Markdown, text or Word); each is a draft of its own.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = PlanFormat::Table)]
    pub format: PlanFormat,
    /// The form (10-K, 20-F), when the draft does not say.
    #[arg(long)]
    pub form: Option<String>,
    /// Word drafts: read the text as if every tracked change were rejected (default: accepted).
    #[arg(long)]
    pub reject_changes: bool,
    /// Rule packs (their `lexicon/` folders extend the built-in lexicon the plan reads the
    /// draft's sentences with, as `check` does).
    #[command(flatten)]
    pub pack: PackArgs,
}

/// Output formats of `cydlint plan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PlanFormat {
    /// A table for the terminal.
    Table,
    /// JSON.
    Json,
    /// The draft's item as a self-contained HTML page, each paragraph coloured by its element.
    Html,
}

/// Arguments of `cydlint claims`.
#[derive(Debug, clap::Args)]
pub struct ClaimsArgs {
    /// Files or directories (the sentences of their Item 1C / 16K / 1.05 sections and cyd facts).
    pub paths: Vec<PathBuf>,
    /// A sentence to analyse instead of (or besides) files; repeatable.
    #[arg(long, value_name = "SENTENCE")]
    pub text: Vec<String>,
    /// Every sentence of the document that makes a claim, not only the Item sections.
    #[arg(long)]
    pub all: bool,
    /// Only this topic.
    #[arg(long)]
    pub topic: Option<String>,
    /// Read each sentence inside Item 1C / 16K / 1.05 (and each --text) as the rules that say
    /// "never says" read it before they warn: about cybersecurity by its place, so a topic's
    /// required context holds without its words.
    #[arg(long)]
    pub in_place: bool,
    /// Rule packs (their `lexicon/` folders extend the built-in lexicon).
    #[command(flatten)]
    pub pack: PackArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FactsFormat::Table)]
    pub format: FactsFormat,
    /// Read every file as a document set of its own.
    #[arg(long)]
    pub separate: bool,
}

/// Arguments of `cydlint scorecard`.
#[derive(Debug, clap::Args)]
pub struct ScorecardArgs {
    /// Files or directories (several filings give a peer-comparison matrix).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Rule packs.
    #[command(flatten)]
    pub pack: PackArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ScorecardFormat::Terminal)]
    pub format: ScorecardFormat,
    /// The form, overriding dei:DocumentType (the rows follow it).
    #[arg(long)]
    pub form: Option<String>,
    /// Read every file as a document set of its own.
    #[arg(long)]
    pub separate: bool,
    /// The configuration file (default: .cydlint.yaml in this folder or a parent); its rule
    /// packs, select/ignore, severities and suppressions apply as in `check`.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Ignore any configuration file.
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,
    /// How files are read.
    #[command(flatten)]
    pub read: ReadArgs,
    /// Word drafts: read the text as if every tracked change were rejected (default: accepted).
    #[arg(long)]
    pub reject_changes: bool,
}

/// Output formats of `cydlint scorecard`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScorecardFormat {
    /// A table for the terminal.
    Terminal,
    /// A self-contained HTML page (matrix, excerpts, locations).
    Html,
    /// JSON (one object per filing).
    Json,
    /// Markdown tables.
    Markdown,
}

/// How files are read (`check`, `facts`, `scorecard`): the limits that keep a hostile input
/// from exhausting time or memory, and whether large files may be mapped (docs/security.md).
#[derive(Debug, clap::Args, Clone)]
pub struct ReadArgs {
    /// Files larger than this many bytes are not read (a finding says so); at most 4 GiB − 1.
    #[arg(long, value_name = "BYTES", default_value_t = 1 << 30)]
    pub max_file_size: u64,
    /// Elements nested deeper than this are read as text only (a finding says so).
    #[arg(long, value_name = "N", default_value_t = 4096)]
    pub max_depth: usize,
    /// Read every file into memory, never map it: for inputs another process may truncate
    /// while cydlint runs (a mapped file cut short kills the process).
    #[arg(long)]
    pub no_mmap: bool,
}

impl ReadArgs {
    /// The reader's limits these arguments set.
    pub fn limits(&self) -> crate::read::Limits {
        crate::read::Limits {
            max_file_bytes: self.max_file_size,
            max_depth: self.max_depth,
            map_files: !self.no_mmap,
        }
    }
}

/// Where rules come from.
#[derive(Debug, clap::Args, Clone, Default)]
pub struct PackArgs {
    /// A directory of user rules (`*.yaml`, one rule per file); repeatable.
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,
    /// Do not load the built-in rule pack.
    #[arg(long)]
    pub no_builtin: bool,
}

/// Arguments of `cydlint check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files or directories.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Rule packs.
    #[command(flatten)]
    pub pack: PackArgs,
    /// Only these rules, comma-separated: ids in any case (cyd-x-011), id prefixes (CYD-X),
    /// rule names (material-effect-contradicts-flag), codes or families (read:binary, read).
    #[arg(long, value_delimiter = ',', value_name = "SELECTORS")]
    pub select: Vec<String>,
    /// Not these rules (selectors as for --select).
    #[arg(long, value_delimiter = ',', value_name = "SELECTORS")]
    pub ignore: Vec<String>,
    /// Run preview rules too.
    #[arg(long)]
    pub preview: bool,
    /// The form, overriding dei:DocumentType (10-K, 20-F, 8-K, …).
    #[arg(long)]
    pub form: Option<String>,
    /// 8-K items reported, comma-separated (1.05,8.01).
    #[arg(long, value_delimiter = ',')]
    pub items: Vec<String>,
    /// The period end date (YYYY-MM-DD), overriding dei:DocumentPeriodEndDate.
    #[arg(long)]
    pub period_end: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = crate::report::Format::Human)]
    pub format: crate::report::Format,
    /// Colour (the human format): auto = on a terminal, unless NO_COLOR is set, or
    /// CLICOLOR_FORCE / FORCE_COLOR force it; never in --output-file.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = crate::report::ColorChoice::Auto)]
    pub color: crate::report::ColorChoice,
    /// Also write FORMAT to PATH (repeatable), e.g. `--output-file sarif=cydlint.sarif`.
    #[arg(long, value_name = "FORMAT=PATH")]
    pub output_file: Vec<String>,
    /// The lowest severity that makes the exit code 1 (default: the configuration's, else error).
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// The configuration file (default: .cydlint.yaml in this folder or a parent).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Ignore any configuration file.
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,
    /// Report only findings not in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Write the current findings to a baseline file (and exit 0).
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Read every file as a document set of its own.
    #[arg(long)]
    pub separate: bool,
    /// List every finding: do not fold repeats of one finding (beyond the first three in a
    /// file) into one with a count.
    #[arg(long)]
    pub no_fold: bool,
    /// Also list rules that could not be decided.
    #[arg(short, long)]
    pub verbose: bool,
    /// How files are read.
    #[command(flatten)]
    pub read: ReadArgs,
    /// Word drafts: read the text as if every tracked change were rejected (default: accepted).
    #[arg(long)]
    pub reject_changes: bool,
}

/// Failure threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Errors only.
    Error,
    /// Errors and warnings.
    Warning,
    /// Any finding.
    Info,
    /// Never (exit 0 unless the tool fails).
    Never,
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
    /// How files are read.
    #[command(flatten)]
    pub read: ReadArgs,
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

/// Arguments of `cydlint rules`.
#[derive(Debug, clap::Args)]
pub struct RulesArgs {
    /// Rule packs.
    #[command(flatten)]
    pub pack: PackArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = RulesFormat::Table)]
    pub format: RulesFormat,
}

/// Output formats of `cydlint rules`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    /// One JSON array of the rules: id, name, title, severity, status, since, citations,
    /// check kind, what it applies to, built-in or not, docs link.
    Json,
    /// One line per rule: id, severity, name, title.
    Table,
}

/// Arguments of `cydlint explain`.
#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// A rule id (any case), a rule name, a code (read:binary, config:invalid); `lexicon`
    /// (the word classes rules and the claim layer use), `@CLASS` (one class), or `scorecard`
    /// (which rules' findings belong to which scorecard row).
    pub rule: String,
    /// Rule packs.
    #[command(flatten)]
    pub pack: PackArgs,
}

/// Arguments of `cydlint test-rules`.
#[derive(Debug, clap::Args)]
pub struct TestRulesArgs {
    /// The rule pack directory (`rules` for the built-in pack).
    pub dir: PathBuf,
    /// The fixtures directory (default: DIR/fixtures, else fixtures/NAME beside DIR, as
    /// the built-in pack keeps them: rules/ → fixtures/rules/).
    #[arg(long)]
    pub fixtures: Option<PathBuf>,
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
