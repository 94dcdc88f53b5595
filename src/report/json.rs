//! `--format json`: the versioned report documented in docs/output-formats.md.

use std::io::{self, Write};

use serde::Serialize;

use super::facts::Location;
use super::{Checked, Part, Report, Reporter, Style};
use crate::diagnostic::{Finding, Severity};
use crate::filing::Filing;

#[derive(Serialize)]
struct JLabel {
    message: String,
    /// The concept of the fact the label points at, when it points at a fact.
    #[serde(skip_serializing_if = "Option::is_none")]
    concept: Option<String>,
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
                concept: l.concept.clone(),
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
    fn part(&self, c: &Checked<'_>, _style: Style) -> Part {
        let findings = c
            .outcome
            .findings
            .iter()
            .map(|f| serde_json::to_value(jfinding(c.filing, f)).unwrap_or_default())
            .collect();
        let file = c.filing.files.first().map(|f| f.name()).unwrap_or_default();
        let skipped = c
            .outcome
            .skipped
            .iter()
            .map(|s| {
                serde_json::to_value(JSkipped {
                    file: file.clone(),
                    rule: &s.rule,
                    reason: &s.reason,
                })
                .unwrap_or_default()
            })
            .collect();
        Part::Json(findings, skipped)
    }

    fn write(&self, report: &Report<'_>, parts: &[&Part], out: &mut dyn Write) -> io::Result<()> {
        let (mut findings, mut skipped) = (Vec::new(), Vec::new());
        for p in parts {
            if let Part::Json(f, s) = p {
                findings.extend(f.iter());
                skipped.extend(s.iter());
            }
        }
        let doc = serde_json::json!({
            "version": 1,
            "findings": findings,
            "skipped": skipped,
            "unused_suppressions": report.unused_suppressions,
            "stale_baseline": report.stale_baseline,
            "summary": report.summary,
        });
        serde_json::to_writer_pretty(&mut *out, &doc).map_err(super::json_io_error)?;
        writeln!(out)
    }
}
