//! `--format sarif`: SARIF 2.1.0, as GitHub code scanning reads it.
//!
//! `tool.driver.rules` carries every rule that ran (id, name, title, helpUri, default level),
//! and for the rules with results also the full description and help (how to fix it and a
//! link; never the rule's YAML source, which made a clean report 280 KB); results carry
//! `ruleId`/`ruleIndex`, level, message, a physical location with a URI relative to the
//! repository root ([`source_root`]: the git top level, else the working directory;
//! `%SRCROOT%`, which `originalUriBaseIds` names) and a region whose `startLine`/`startColumn`
//! are at least 1 (columns in code points), related locations for labels, and
//! `partialFingerprints` built from the rule, concept, context and matched text — never from
//! line numbers. Validated against the OASIS schema and GitHub's documented minimum in the
//! tests.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

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

/// The root URIs are relative to: the git top level of the working directory (the nearest
/// folder up that holds `.git`), else the working directory; and whether it is a repository.
pub fn source_root() -> (PathBuf, bool) {
    let cwd = std::env::current_dir().unwrap_or_default();
    let cwd = cwd.canonicalize().unwrap_or(cwd);
    match cwd.ancestors().find(|d| d.join(".git").exists()) {
        Some(top) => (top.to_path_buf(), true),
        None => (cwd, false),
    }
}

/// Percent-encodes what a URI path may not hold as it is (bytes outside the unreserved
/// characters, `/` and a few sub-delimiters).
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A file's URI: relative to `root` (with `uriBaseId` `%SRCROOT%`) when it lies under it,
/// else an absolute `file://` URI.
fn artifact(path: &Path, root: &Path) -> Value {
    let abs = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    match abs.strip_prefix(root) {
        Ok(rel) => {
            let rel = rel.to_string_lossy().replace('\\', "/");
            json!({"uri": encode(&rel), "uriBaseId": "%SRCROOT%"})
        }
        Err(_) => json!({"uri": file_uri(&abs, false)}),
    }
}

/// `file:///abs/path` (with a trailing slash for a folder).
fn file_uri(abs: &Path, folder: bool) -> String {
    let mut s = abs.to_string_lossy().replace('\\', "/");
    if !s.starts_with('/') {
        s.insert(0, '/');
    }
    if folder && !s.ends_with('/') {
        s.push('/');
    }
    format!("file://{}", encode(&s))
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

fn physical(filing: &Filing, span: Span, root: &Path) -> Value {
    let artifact = filing
        .files
        .get(span.file)
        .map(|f| artifact(&f.path, root))
        .unwrap_or_else(|| json!({"uri": ""}));
    json!({
        "physicalLocation": {
            "artifactLocation": artifact,
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
        let (root, _) = source_root();
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
                    let mut v = physical(c.filing, l.span, &root);
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
                "locations": [physical(c.filing, f.span, &root)],
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
        let reported: std::collections::BTreeSet<&str> = parts
            .iter()
            .filter_map(|p| match p {
                Part::Json(results, _) => Some(results),
                _ => None,
            })
            .flatten()
            .filter_map(|r| r["ruleId"].as_str())
            .collect();
        for r in report.rules.iter() {
            index.insert(r.id.clone(), rules.len());
            let url = r.docs_url.clone().unwrap_or_default();
            if !reported.contains(r.id.as_str()) {
                // A rule that found nothing: what it is and where its page is (the table lists
                // every rule that ran; full metadata is for the rules with results).
                let mut rule = json!({
                    "id": r.id,
                    "name": r.name,
                    "shortDescription": {"text": r.title},
                    "defaultConfiguration": {"level": level(r.severity)},
                });
                if r.docs_url.is_some() {
                    rule["helpUri"] = json!(url);
                }
                rules.push(rule);
                continue;
            }
            // Help is how to fix it and a link to the page — not the page, whose YAML source
            // made a report of a clean filing 280 KB.
            let fix = if r.docs.fix.trim().is_empty() {
                if r.help.is_empty() {
                    r.title.as_str()
                } else {
                    r.help.as_str()
                }
            } else {
                r.docs.fix.trim()
            };
            let mut rule = json!({
                "id": r.id,
                "name": r.name,
                "shortDescription": {"text": r.title},
                "fullDescription": {"text": r.docs.what.trim()},
                "help": {
                    "text": fix,
                    "markdown": if url.is_empty() { fix.to_string() } else { format!("{fix}\n\n[Documentation of {}]({url})", r.id) },
                },
                "defaultConfiguration": {"level": level(r.severity)},
                "properties": {"tags": r.citations, "precision": if r.severity == Severity::Error { "high" } else { "medium" }},
            });
            // A rule without a docs link (a user rule whose pack gives none) has no helpUri:
            // never a link to a page that does not exist.
            if let Some(u) = &r.docs_url {
                rule["helpUri"] = json!(u);
            }
            rules.push(rule);
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
        let (root, in_git) = source_root();
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
                "originalUriBaseIds": {"%SRCROOT%": {
                    "uri": file_uri(&root, true),
                    "description": {"text": if in_git {
                        "the root of the git repository the run was in (its top level)"
                    } else {
                        "the working directory of the run (not inside a git repository)"
                    }},
                }},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }],
        });
        serde_json::to_writer_pretty(&mut *out, &doc).map_err(super::json_io_error)?;
        writeln!(out)
    }
}
