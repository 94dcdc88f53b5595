//! Rendering: the only module that writes output. One renderer per format, behind
//! [`Reporter`]; each is a file of its own.
//!
//! | format | for | file |
//! |---|---|---|
//! | `human` | people: miette diagnostics with a short window of the document | `human.rs` |
//! | `concise` | `grep` and editors: `path:line:col: severity[RULE]: message` | `concise.rs` |
//! | `json` | tools: the versioned report of docs/output-formats.md | `json.rs` |
//! | `sarif` | code scanning (GitHub): SARIF 2.1.0 | `sarif.rs` |
//! | `github` | GitHub Actions workflow commands (annotations) | `github.rs` |

pub mod concise;
pub mod facts;
pub mod github;
pub mod human;
pub mod json;
pub mod sarif;

use std::io::{self, Write};
use std::time::Duration;

use serde::Serialize;

use crate::diagnostic::Severity;
use crate::engine::Outcome;
use crate::filing::Filing;
use crate::rules::RuleSet;

/// One checked filing with its outcome.
pub struct Checked<'a> {
    /// The filing.
    pub filing: &'a Filing,
    /// What the engine found (after config, suppressions and baseline).
    pub outcome: &'a Outcome,
}

/// Everything a renderer may show.
pub struct Report<'a> {
    /// The filings and their findings.
    pub checked: Vec<Checked<'a>>,
    /// The rules (for SARIF's rule metadata).
    pub rules: &'a RuleSet,
    /// How long the run took.
    pub elapsed: Duration,
    /// Findings hidden by the baseline.
    pub baselined: usize,
    /// Findings hidden by suppressions.
    pub suppressed: usize,
    /// Suppressions (config or inline) that matched nothing.
    pub unused_suppressions: Vec<String>,
    /// List skipped rules too.
    pub verbose: bool,
    /// Use colour (human format on a terminal).
    pub color: bool,
}

/// A renderer.
pub trait Reporter {
    /// Writes the whole report.
    fn write(&self, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()>;
}

/// The output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// miette diagnostics with a short window of the document (graphical on a terminal,
    /// narratable otherwise or with NO_COLOR).
    Human,
    /// One line per finding: `path:line:col: severity[RULE]: message`.
    Concise,
    /// The versioned JSON report.
    Json,
    /// SARIF 2.1.0.
    Sarif,
    /// GitHub Actions workflow commands.
    Github,
}

impl Format {
    /// The renderer for this format.
    pub fn reporter(self) -> Box<dyn Reporter> {
        match self {
            Format::Human => Box::new(human::Human),
            Format::Concise => Box::new(concise::Concise),
            Format::Json => Box::new(json::Json),
            Format::Sarif => Box::new(sarif::Sarif),
            Format::Github => Box::new(github::Github),
        }
    }

    /// Parses a format name (for `--output-file FORMAT=PATH`).
    pub fn parse(s: &str) -> Option<Format> {
        <Format as clap::ValueEnum>::from_str(s, true).ok()
    }
}

/// Counts for the summary.
#[derive(Serialize, Default, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    /// Files read.
    pub files: usize,
    /// Document sets checked.
    pub filings: usize,
    /// Findings reported.
    pub findings: usize,
    /// Errors.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Infos.
    pub infos: usize,
    /// Rules skipped as undecidable (summed over filings).
    pub skipped: usize,
    /// Findings hidden by the baseline.
    pub baselined: usize,
    /// Findings hidden by suppressions.
    pub suppressed: usize,
}

/// Sums findings by severity.
pub fn summary(report: &Report<'_>) -> Summary {
    let mut s = Summary {
        baselined: report.baselined,
        suppressed: report.suppressed,
        ..Summary::default()
    };
    for c in &report.checked {
        s.files += c.filing.files.len();
        s.filings += 1;
        s.skipped += c.outcome.skipped.len();
        for f in &c.outcome.findings {
            s.findings += 1;
            match f.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
    }
    s
}

/// The skipped rules of a filing, grouped by reason: one line per reason.
pub fn skipped_lines(c: &Checked<'_>) -> Vec<String> {
    let file = c.filing.files.first().map(|f| f.name()).unwrap_or_default();
    let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
    for s in &c.outcome.skipped {
        match groups.iter_mut().find(|(r, _)| *r == s.reason) {
            Some((_, ids)) => ids.push(&s.rule),
            None => groups.push((&s.reason, vec![&s.rule])),
        }
    }
    groups
        .into_iter()
        .map(|(reason, ids)| {
            format!(
                "{file}: skipped {} rule(s), {reason}: {}",
                ids.len(),
                ids.join(", ")
            )
        })
        .collect()
}

/// The closing line of the text formats.
pub fn summary_line(report: &Report<'_>) -> String {
    let s = summary(report);
    let mut line = format!(
        "{} file(s), {} finding(s): {} error(s), {} warning(s), {} info; {} rule(s) skipped",
        s.files, s.findings, s.errors, s.warnings, s.infos, s.skipped
    );
    if s.skipped > 0 && !report.verbose {
        line.push_str(" (-v lists them)");
    }
    if s.baselined > 0 {
        line.push_str(&format!("; {} in the baseline", s.baselined));
    }
    if s.suppressed > 0 {
        line.push_str(&format!("; {} suppressed", s.suppressed));
    }
    line.push_str(&format!(" [{:.2}s]", report.elapsed.as_secs_f64()));
    line
}
