//! Output of `cydlint check`: a plain `path:line:col: severity[RULE]: message` form and the
//! versioned JSON documented in docs/output-formats.md. (Richer human output, SARIF and GitHub
//! annotations belong to the reporting issue.)

use std::io::{self, Write};

use serde::Serialize;

use super::facts::Location;
use crate::diagnostic::{Finding, Severity};
use crate::engine::Outcome;
use crate::filing::Filing;

/// One checked filing with its outcome.
pub struct Checked<'a> {
    /// The filing.
    pub filing: &'a Filing,
    /// What the engine found.
    pub outcome: &'a Outcome,
}

#[derive(Serialize)]
struct JLabel {
    message: String,
    location: Location,
}

#[derive(Serialize)]
struct JFinding<'a> {
    rule: &'a str,
    name: &'a str,
    severity: Severity,
    message: &'a str,
    file: String,
    concept: Option<&'a str>,
    matched: Option<&'a str>,
    location: Location,
    labels: Vec<JLabel>,
    help: Option<&'a str>,
    citations: &'a [String],
    docs_url: Option<&'a str>,
}

#[derive(Serialize)]
struct JSkipped<'a> {
    file: String,
    rule: &'a str,
    reason: &'a str,
}

/// Counts for the summary.
#[derive(Serialize, Default, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    /// Files read.
    pub files: usize,
    /// Document sets checked.
    pub filings: usize,
    /// Findings.
    pub findings: usize,
    /// Errors.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Infos.
    pub infos: usize,
    /// Rules skipped as undecidable (summed over filings).
    pub skipped: usize,
}

/// Sums findings by severity.
pub fn summary(checked: &[Checked<'_>]) -> Summary {
    let mut s = Summary::default();
    for c in checked {
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

fn jfinding<'a>(filing: &Filing, f: &'a Finding) -> JFinding<'a> {
    let location = Location::of(filing, f.span);
    JFinding {
        rule: &f.rule,
        name: &f.name,
        severity: f.severity,
        message: &f.message,
        file: location.file.clone(),
        concept: f.concept.as_deref(),
        matched: f.matched.as_deref(),
        location,
        labels: f
            .labels
            .iter()
            .map(|l| JLabel {
                message: l.message.clone(),
                location: Location::of(filing, l.span),
            })
            .collect(),
        help: f.help.as_deref(),
        citations: &f.citations,
        docs_url: f.docs_url.as_deref(),
    }
}

/// Writes the JSON report.
pub fn write_json(out: &mut dyn Write, checked: &[Checked<'_>]) -> io::Result<()> {
    let findings: Vec<JFinding<'_>> = checked
        .iter()
        .flat_map(|c| c.outcome.findings.iter().map(|f| jfinding(c.filing, f)))
        .collect();
    let skipped: Vec<JSkipped<'_>> = checked
        .iter()
        .flat_map(|c| {
            let file = c.filing.files.first().map(|f| f.name()).unwrap_or_default();
            c.outcome.skipped.iter().map(move |s| JSkipped {
                file: file.clone(),
                rule: &s.rule,
                reason: &s.reason,
            })
        })
        .collect();
    let doc = serde_json::json!({
        "version": 1,
        "findings": findings,
        "skipped": skipped,
        "summary": summary(checked),
    });
    serde_json::to_writer_pretty(&mut *out, &doc).map_err(io::Error::other)?;
    writeln!(out)
}

/// Writes the plain text report; `verbose` lists skipped rules too.
pub fn write_text(out: &mut dyn Write, checked: &[Checked<'_>], verbose: bool) -> io::Result<()> {
    for c in checked {
        for f in &c.outcome.findings {
            let l = Location::of(c.filing, f.span);
            writeln!(
                out,
                "{}:{}:{}: {}[{}]: {}",
                l.file,
                l.line,
                l.column,
                f.severity.as_str(),
                f.rule,
                f.message
            )?;
            for lab in &f.labels {
                let ll = Location::of(c.filing, lab.span);
                writeln!(
                    out,
                    "  --> {}:{}:{}: {}",
                    ll.file, ll.line, ll.column, lab.message
                )?;
            }
            if let Some(h) = &f.help {
                writeln!(out, "  = help: {h}")?;
            }
        }
        if verbose {
            let file = c.filing.files.first().map(|f| f.name()).unwrap_or_default();
            for s in &c.outcome.skipped {
                writeln!(out, "{file}: skipped[{}]: {}", s.rule, s.reason)?;
            }
        }
    }
    let s = summary(checked);
    writeln!(
        out,
        "{} file(s), {} finding(s): {} error(s), {} warning(s), {} info; {} rule(s) skipped{}",
        s.files,
        s.findings,
        s.errors,
        s.warnings,
        s.infos,
        s.skipped,
        if s.skipped > 0 && !verbose {
            " (-v lists them)"
        } else {
            ""
        }
    )
}
