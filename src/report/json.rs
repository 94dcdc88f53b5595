//! `--format json`: the versioned report documented in docs/output-formats.md.

use std::io::{self, Write};

use serde::Serialize;

use super::facts::Location;
use super::{Report, Reporter, summary};
use crate::diagnostic::{Finding, Severity};
use crate::filing::Filing;

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
    context: Option<&'a str>,
    matched: Option<&'a str>,
    location: Location,
    labels: Vec<JLabel>,
    help: Option<&'a str>,
    citations: &'a [String],
    docs_url: Option<&'a str>,
    fingerprint: String,
}

#[derive(Serialize)]
struct JSkipped<'a> {
    file: String,
    rule: &'a str,
    reason: &'a str,
}

/// The file name (no folder) of a finding's file, for fingerprints.
pub fn file_name(filing: &Filing, f: &Finding) -> String {
    filing
        .files
        .get(f.span.file)
        .and_then(|s| s.path.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
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
        context: f.context.as_deref(),
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
        fingerprint: f.fingerprint(&file_name(filing, f)),
    }
}

/// The renderer.
pub struct Json;

impl Reporter for Json {
    fn write(&self, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
        let findings: Vec<JFinding<'_>> = report
            .checked
            .iter()
            .flat_map(|c| c.outcome.findings.iter().map(|f| jfinding(c.filing, f)))
            .collect();
        let skipped: Vec<JSkipped<'_>> = report
            .checked
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
            "unused_suppressions": report.unused_suppressions,
            "summary": summary(report),
        });
        serde_json::to_writer_pretty(&mut *out, &doc).map_err(io::Error::other)?;
        writeln!(out)
    }
}
