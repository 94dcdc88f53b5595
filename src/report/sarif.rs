//! `--format sarif`: SARIF 2.1.0, as GitHub code scanning reads it.
//!
//! `tool.driver.rules` carries every rule that ran (id, name, short and full description,
//! help in text and Markdown, helpUri, default level) from the rule set; results carry
//! `ruleId`/`ruleIndex`, level, message, a physical location with a URI relative to the working
//! directory (`%SRCROOT%`) and a region whose `startLine`/`startColumn` are at least 1, related
//! locations for labels, and `partialFingerprints` built from the rule, concept, context and
//! matched text — never from line numbers. Validated against the OASIS schema in the tests.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;

use serde_json::{Value, json};

use super::facts::Location;
use super::json::file_name;
use super::{Checked, Part, Report, Reporter, Style};
use crate::diagnostic::Severity;
use crate::filing::Filing;
use crate::source::Span;

/// The renderer.
pub struct Sarif;

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A path relative to the working directory, with forward slashes.
fn relative_uri(path: &Path) -> String {
    let cwd = std::env::current_dir().ok();
    let rel = match (&cwd, path.canonicalize()) {
        (Some(c), Ok(abs)) => abs.strip_prefix(c).map(Path::to_path_buf).unwrap_or(abs),
        _ => path.to_path_buf(),
    };
    let s = rel.to_string_lossy().replace('\\', "/");
    s.trim_start_matches("./").to_string()
}

fn region(filing: &Filing, span: Span) -> Value {
    let start = Location::of(filing, span);
    let end = Location::of(filing, Span::new(span.file, span.end, span.end));
    json!({
        "startLine": start.line.max(1),
        "startColumn": start.column.max(1),
        "endLine": end.line.max(start.line.max(1)),
        "endColumn": if end.line == start.line { end.column.max(start.column.max(1)) } else { end.column.max(1) },
        "byteOffset": span.start,
        "byteLength": span.len(),
    })
}

fn physical(filing: &Filing, span: Span) -> Value {
    let path = filing
        .files
        .get(span.file)
        .map(|f| relative_uri(&f.path))
        .unwrap_or_default();
    json!({
        "physicalLocation": {
            "artifactLocation": {"uri": path, "uriBaseId": "%SRCROOT%"},
            "region": region(filing, span),
        }
    })
}

impl Reporter for Sarif {
    fn part(&self, c: &Checked<'_>, _style: Style) -> Part {
        // Results name their rule by id; `write` numbers them against the rule table. Rules
        // met only while reading (`read:*`) get a table entry from their first finding.
        let mut results: Vec<Value> = Vec::new();
        let mut read_rules: Vec<Value> = Vec::new();
        for f in &c.outcome.findings {
            if !read_rules.iter().any(|r| r["id"] == json!(f.rule)) {
                // A `read:*` or `config:*` code: its entry from the code table.
                let code = crate::codes::find(&f.rule);
                let title = code.map_or(f.name.as_str(), |c| c.title);
                let what = code.map_or("a problem met while reading the filing", |c| c.what);
                let url = crate::rules::docs_url(&f.rule);
                read_rules.push(json!({
                    "id": f.rule,
                    "name": f.name,
                    "shortDescription": {"text": title},
                    "fullDescription": {"text": what},
                    "help": {
                        "text": format!("{} See {url}", code.map_or("", |c| c.fix)).trim().to_string(),
                        "markdown": format!("{}\n\n[Documentation]({url})", code.map_or("", |c| c.fix)).trim().to_string(),
                    },
                    "helpUri": url,
                    "defaultConfiguration": {"level": level(f.severity)},
                }));
            }
            let related: Vec<Value> = f
                .labels
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    let mut v = physical(c.filing, l.span);
                    v["id"] = json!(i + 1);
                    // The fact's concept, when the label points at one (code scanning shows
                    // only the message).
                    let text = match &l.concept {
                        Some(c) if !l.message.contains(c.as_str()) => {
                            format!("{} ({c})", l.message)
                        }
                        _ => l.message.clone(),
                    };
                    v["message"] = json!({"text": text});
                    if let Some(c) = &l.concept {
                        v["properties"] = json!({"concept": c});
                    }
                    v
                })
                .collect();
            let mut result = json!({
                "ruleId": f.rule,
                "ruleIndex": 0,
                "level": level(f.severity),
                "message": {"text": f.message},
                "locations": [physical(c.filing, f.span)],
                "partialFingerprints": {"cydlintFingerprint/v1": f.fingerprint(&file_name(c.filing, f))},
            });
            if !related.is_empty() {
                result["relatedLocations"] = json!(related);
            }
            results.push(result);
        }
        Part::Json(results, read_rules)
    }

    fn write(&self, report: &Report<'_>, parts: &[&Part], out: &mut dyn Write) -> io::Result<()> {
        let mut rules: Vec<Value> = Vec::new();
        let mut index: BTreeMap<String, usize> = BTreeMap::new();
        for r in report.rules.iter() {
            index.insert(r.id.clone(), rules.len());
            let page = crate::rules::docs::rule_page(r);
            rules.push(json!({
                "id": r.id,
                "name": r.name,
                "shortDescription": {"text": r.title},
                "fullDescription": {"text": r.docs.what.trim()},
                "help": {"text": if r.help.is_empty() { r.title.clone() } else { r.help.clone() }, "markdown": page},
                "helpUri": crate::rules::docs_url(&r.id),
                "defaultConfiguration": {"level": level(r.severity)},
                "properties": {"tags": r.citations, "precision": if r.severity == Severity::Error { "high" } else { "medium" }},
            }));
        }
        let mut results: Vec<Value> = Vec::new();
        for p in parts {
            let Part::Json(part_results, read_rules) = p else {
                continue;
            };
            for r in part_results {
                let id = r["ruleId"].as_str().unwrap_or_default();
                if !index.contains_key(id) {
                    index.insert(id.to_string(), rules.len());
                    let entry = read_rules.iter().find(|e| e["id"] == r["ruleId"]);
                    rules.push(entry.cloned().unwrap_or_else(|| json!({"id": id})));
                }
                let mut r = r.clone();
                r["ruleIndex"] = json!(index[id]);
                results.push(r);
            }
        }
        let doc = json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": "cydlint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://github.com/cydlint/cydlint",
                    "rules": rules,
                }},
                "originalUriBaseIds": {"%SRCROOT%": {"uri": format!("file://{}/", std::env::current_dir().map(|p| p.display().to_string()).unwrap_or_default())}},
                "results": results,
            }],
        });
        serde_json::to_writer_pretty(&mut *out, &doc).map_err(super::json_io_error)?;
        writeln!(out)
    }
}
