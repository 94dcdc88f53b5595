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

/// One checked filing with its outcome, while its sources are in memory.
pub struct Checked<'a> {
    /// The filing.
    pub filing: &'a Filing,
    /// What the engine found (after config, suppressions and baseline).
    pub outcome: &'a Outcome,
}

/// How a part is rendered.
#[derive(Clone, Copy, Debug, Default)]
pub struct Style {
    /// Use colour (human format on a terminal).
    pub color: bool,
    /// List skipped rules too.
    pub verbose: bool,
}

/// One filing's share of a report, rendered while the filing is in memory (see [`Reporter`]).
#[derive(Debug)]
pub enum Part {
    /// Text, written as it is (human, concise).
    Text(String),
    /// Lines with the severity of their finding (github orders them by severity across
    /// filings).
    BySeverity(Vec<(Severity, String)>),
    /// JSON values: findings and skipped rules (json); results and the table entries of
    /// rules met only while reading (sarif).
    Json(Vec<serde_json::Value>, Vec<serde_json::Value>),
}

/// What spans all filings of a report.
pub struct Report<'a> {
    /// Totals.
    pub summary: Summary,
    /// The rules (for SARIF's rule metadata).
    pub rules: &'a RuleSet,
    /// How long the run took.
    pub elapsed: Duration,
    /// Suppressions (config or inline) that matched nothing.
    pub unused_suppressions: Vec<Unused>,
    /// Baseline entries not all of whose findings were found (`file: RULE: message (found N
    /// of M)`).
    pub stale_baseline: Vec<String>,
    /// List skipped rules too.
    pub verbose: bool,
}

/// A renderer, in two steps: [`Reporter::part`] renders one filing's share while the filing
/// is in memory — on the thread that read and checked it — so that a directory run keeps
/// each filing's sources and facts only as long as that takes, and its output, not its
/// filings, until the end; [`Reporter::write`] writes the parts in the filings' order with
/// what spans them all (totals, SARIF's rule table).
pub trait Reporter: Sync {
    /// One filing's share.
    fn part(&self, c: &Checked<'_>, style: Style) -> Part;
    /// Writes the whole report: `parts` are this renderer's, one per filing, in order.
    fn write(&self, report: &Report<'_>, parts: &[&Part], out: &mut dyn Write) -> io::Result<()>;
}

/// `--color`: when the human format is drawn in colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    /// In colour when stdout is a terminal, unless the environment says otherwise
    /// (`NO_COLOR`, `CLICOLOR`, `CLICOLOR_FORCE`, `FORCE_COLOR`).
    #[default]
    Auto,
    /// Always in colour (the graphical view), whatever the environment says.
    Always,
    /// Never in colour: plain sentences.
    Never,
}

/// Whether to draw in colour: `--color always|never` decide; `auto` follows the conventions,
/// in this order — `NO_COLOR` set and not empty: no (no-color.org); `CLICOLOR_FORCE` set and
/// not `0`: yes (bixense.com/clicolors); `FORCE_COLOR` set and not empty: yes, except `0` and
/// `false`, which the Node tools that read it take as "off" (force-color.org); `CLICOLOR=0`:
/// no; else colour on a terminal. `env` reads a variable (the tests pass their own).
pub fn color_enabled(
    choice: ColorChoice,
    terminal: bool,
    env: impl Fn(&str) -> Option<String>,
) -> bool {
    match choice {
        ColorChoice::Always => return true,
        ColorChoice::Never => return false,
        ColorChoice::Auto => {}
    }
    let set = |k: &str| env(k).filter(|v| !v.is_empty());
    if set("NO_COLOR").is_some() {
        return false;
    }
    if set("CLICOLOR_FORCE").is_some_and(|v| v != "0") {
        return true;
    }
    if let Some(v) = set("FORCE_COLOR") {
        return !(v == "0" || v.eq_ignore_ascii_case("false"));
    }
    if set("CLICOLOR").as_deref() == Some("0") {
        return false;
    }
    terminal
}

/// The output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Diagnostics with a short window of the document (graphical in colour, plain sentences
    /// otherwise; see `--color`).
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

/// A suppression that matched nothing (`config:unused-suppression`): in the JSON report an
/// object, in the text formats a `path:line:col: unused suppression: …` line.
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct Unused {
    /// `config:unused-suppression`.
    pub code: &'static str,
    /// `configuration` (in the configuration file) or `inline` (a comment in a draft).
    pub kind: &'static str,
    /// The file it is in, relative like the findings' paths.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column (characters).
    pub column: usize,
    /// The rules it names.
    pub rules: Vec<String>,
    /// Its reason (an inline one may have none).
    pub reason: Option<String>,
    /// The code's page.
    pub docs_url: String,
}

impl Unused {
    /// A suppression at `file:line:column` of `kind` that matched nothing.
    pub fn new(
        kind: &'static str,
        file: String,
        (line, column): (usize, usize),
        rules: Vec<String>,
        reason: Option<String>,
    ) -> Unused {
        Unused {
            code: "config:unused-suppression",
            kind,
            file,
            line,
            column,
            rules,
            reason,
            docs_url: crate::rules::docs_url("config:unused-suppression"),
        }
    }

    /// Its line in the text formats.
    pub fn text(&self) -> String {
        let mut s = format!(
            "{}:{}:{}: unused suppression: {}",
            self.file,
            self.line,
            self.column,
            self.rules.join(", ")
        );
        if let Some(r) = &self.reason {
            s.push_str(&format!(" ({r})"));
        }
        s
    }
}

/// Counts for the summary.
#[derive(Serialize, Default, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    /// Documents read (a company schema read with them is not one: [`Filing::documents`]).
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
    /// Baseline entries not all of whose findings were found.
    pub stale_baseline: usize,
    /// Findings folded into a repeat of theirs (`--no-fold` lists them).
    pub folded: usize,
}

impl Summary {
    /// The counts of one filing.
    pub fn of(c: &Checked<'_>) -> Summary {
        let mut s = Summary {
            files: c.filing.documents().count(),
            filings: 1,
            skipped: c.outcome.skipped.len(),
            ..Summary::default()
        };
        for f in &c.outcome.findings {
            s.findings += 1;
            match f.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
        s
    }

    /// Adds another's counts to these.
    pub fn add(&mut self, o: &Summary) {
        self.files += o.files;
        self.filings += o.filings;
        self.findings += o.findings;
        self.errors += o.errors;
        self.warnings += o.warnings;
        self.infos += o.infos;
        self.skipped += o.skipped;
        self.baselined += o.baselined;
        self.suppressed += o.suppressed;
        self.stale_baseline += o.stale_baseline;
        self.folded += o.folded;
    }
}

/// A path as messages show it: an absolute path relative to the working directory (as the
/// paths of findings are) — `out/x.json`, or `../.cydlint.yaml` for a file found in a parent
/// folder — when they share more than the file system's root; else as it is.
pub fn relative(path: &std::path::Path) -> String {
    use std::path::{Component, PathBuf};
    let Ok(cwd) = std::env::current_dir() else {
        return path.display().to_string();
    };
    if !path.is_absolute() {
        return path.display().to_string();
    }
    let (a, b): (Vec<Component>, Vec<Component>) =
        (path.components().collect(), cwd.components().collect());
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    // Only the root (and a Windows prefix) in common: the absolute path says more.
    let roots = a
        .iter()
        .take_while(|c| matches!(c, Component::Prefix(_) | Component::RootDir))
        .count();
    if common <= roots {
        return path.display().to_string();
    }
    let mut rel = PathBuf::new();
    for _ in common..b.len() {
        rel.push("..");
    }
    for c in &a[common..] {
        rel.push(c);
    }
    if rel.as_os_str().is_empty() {
        return ".".into();
    }
    rel.display().to_string()
}

/// A JSON writer's error as an I/O error of the same kind (so that a closed pipe is still a
/// closed pipe to the caller, see `cydlint::run`).
pub fn json_io_error(e: serde_json::Error) -> io::Error {
    match e.io_error_kind() {
        Some(kind) => io::Error::new(kind, e),
        None => io::Error::other(e),
    }
}

/// Text parts, in order (the human and concise formats).
pub fn write_text(parts: &[&Part], out: &mut dyn Write) -> io::Result<()> {
    for p in parts {
        if let Part::Text(t) = p {
            out.write_all(t.as_bytes())?;
        }
    }
    Ok(())
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
    let s = report.summary;
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
    if s.stale_baseline > 0 {
        line.push_str(&format!(
            "; {} stale baseline entr{}",
            s.stale_baseline,
            if s.stale_baseline == 1 { "y" } else { "ies" }
        ));
    }
    if s.suppressed > 0 {
        line.push_str(&format!("; {} suppressed", s.suppressed));
    }
    if s.folded > 0 {
        line.push_str(&format!("; {} folded (--no-fold lists them)", s.folded));
    }
    line.push_str(&format!(" [{:.2}s]", report.elapsed.as_secs_f64()));
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| {
            vars.iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn colour_follows_the_flag_then_the_conventions() {
        use ColorChoice::*;
        assert!(color_enabled(Always, false, env(&[("NO_COLOR", "1")])));
        assert!(!color_enabled(Never, true, env(&[("FORCE_COLOR", "1")])));
        assert!(color_enabled(Auto, true, env(&[])));
        assert!(!color_enabled(Auto, false, env(&[])));
        assert!(!color_enabled(Auto, true, env(&[("NO_COLOR", "1")])));
        // An empty NO_COLOR is not set.
        assert!(color_enabled(Auto, true, env(&[("NO_COLOR", "")])));
        assert!(!color_enabled(
            Auto,
            true,
            env(&[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")])
        ));
        assert!(color_enabled(Auto, false, env(&[("CLICOLOR_FORCE", "1")])));
        assert!(!color_enabled(Auto, false, env(&[("CLICOLOR_FORCE", "0")])));
        assert!(color_enabled(Auto, false, env(&[("FORCE_COLOR", "1")])));
        assert!(color_enabled(Auto, false, env(&[("FORCE_COLOR", "true")])));
        assert!(!color_enabled(Auto, true, env(&[("FORCE_COLOR", "0")])));
        assert!(!color_enabled(Auto, true, env(&[("CLICOLOR", "0")])));
    }
}
