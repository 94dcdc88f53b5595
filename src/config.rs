//! `.cydlint.yaml`: project configuration, suppressions and baselines.
//!
//! The file is found upward from the working directory, or given by `--config`. It is parsed
//! with the rule loader's YAML tree, so its errors point into the file too.
//!
//! ```yaml
//! select: [CYD-]                     # ids or id prefixes (default: all stable rules)
//! ignore: [CYD-TXT-005]
//! preview: false
//! profile: pragmatic                 # pragmatic (default) | strict: every warning is an error
//! fail-on: error                     # error | warning | info | never
//! severity:                          # per-rule overrides
//!   CYD-X-011: error
//! rules: [house-rules/]              # rule packs, relative to this file
//! per-file-ignores:
//!   "drafts/**": [CYD-APP-001]
//! suppressions:                      # each needs a reason; unused ones are reported
//!   - rule: CYD-X-015
//!     file: "**/ko-10-k-*.html"
//!     concept: cyd:CybersecurityRiskManagementExpertiseOfManagementResponsibleTextBlock
//!     reason: the expertise is described in the proxy statement
//! ```
//!
//! In untagged drafts, `<!-- cydlint-disable RULE[, RULE]: reason -->` suppresses those rules
//! for the file. Filed documents are not read for such comments: a suppression of a filing
//! lives in the configuration, not in the filed document.

use std::path::{Path, PathBuf};

use globset::{Glob, GlobMatcher};
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Finding, Severity};
use crate::filing::{Filing, InputKind};
use crate::syntax::error::{RuleError, RuleErrors};
use crate::syntax::validate::Cx;
use crate::syntax::yaml::{self, Node};

/// The configuration file's name.
pub const FILE_NAME: &str = ".cydlint.yaml";

/// A validated configuration.
#[derive(Debug, Default)]
pub struct Config {
    /// Where it was read from.
    pub path: Option<PathBuf>,
    /// `select`.
    pub select: Vec<String>,
    /// `ignore`.
    pub ignore: Vec<String>,
    /// `preview`.
    pub preview: bool,
    /// `profile: strict`.
    pub strict: bool,
    /// `fail-on`.
    pub fail_on: Option<Option<Severity>>,
    /// Per-rule severities.
    pub severity: Vec<(String, Severity)>,
    /// Rule pack directories (resolved against the file's folder).
    pub rules: Vec<PathBuf>,
    /// Per-file ignores: a glob and the rules it ignores.
    pub per_file_ignores: Vec<(GlobMatcher, Vec<String>)>,
    /// Suppressions.
    pub suppressions: Vec<Suppression>,
}

/// One suppression of the configuration.
#[derive(Debug, Clone)]
pub struct Suppression {
    /// The rule id.
    pub rule: String,
    /// A glob on the file path (matched against the path as given and its file name).
    pub file: Option<GlobMatcher>,
    /// The concept (`cyd:Name`).
    pub concept: Option<String>,
    /// A fact id.
    pub fact: Option<String>,
    /// Why (required).
    pub reason: String,
    /// Where it is in the configuration file: 1-based line and column.
    pub line: usize,
    /// See `line`.
    pub column: usize,
}

const KEYS: &[&str] = &[
    "select",
    "ignore",
    "preview",
    "profile",
    "fail-on",
    "severity",
    "rules",
    "per-file-ignores",
    "suppressions",
];

fn glob(cx: &mut Cx, n: &Node, what: &str) -> Option<GlobMatcher> {
    let s = cx.scalar(n, what)?;
    match Glob::new(&s) {
        Ok(g) => Some(g.compile_matcher()),
        Err(e) => {
            cx.err(n.span.clone(), format!("{what} is not a valid glob: {e}"));
            None
        }
    }
}

/// Parses a configuration file's text.
pub fn parse(path: &Path, src: &str) -> Result<Config, RuleErrors> {
    let display = path.display().to_string();
    let mut cx = Cx::new(&display, src);
    let mut cfg = Config {
        path: Some(path.to_path_buf()),
        ..Config::default()
    };
    let root = match yaml::parse(src) {
        Ok(r) => r,
        Err(e) => {
            cx.err(e.span, e.message);
            return Err(RuleErrors(cx.errors));
        }
    };
    if !cx.keys(&root, "the configuration", KEYS) {
        return Err(RuleErrors(cx.errors));
    }
    let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
    if let Some(n) = root.get("select") {
        cfg.select = cx.str_list(n, "`select`").unwrap_or_default();
    }
    if let Some(n) = root.get("ignore") {
        cfg.ignore = cx.str_list(n, "`ignore`").unwrap_or_default();
    }
    if let Some(n) = root.get("preview") {
        cfg.preview = cx.bool(n, "`preview`").unwrap_or(false);
    }
    if let Some(n) = root.get("profile") {
        match n.as_str() {
            Some("strict") => cfg.strict = true,
            Some("pragmatic") => cfg.strict = false,
            _ => cx.err(n.span.clone(), "`profile` must be pragmatic or strict"),
        }
    }
    if let Some(n) = root.get("fail-on") {
        match n.as_str() {
            Some("never") => cfg.fail_on = Some(None),
            Some(s) if Severity::parse(s).is_some() => cfg.fail_on = Some(Severity::parse(s)),
            _ => cx.err(
                n.span.clone(),
                "`fail-on` must be error, warning, info or never",
            ),
        }
    }
    if let Some(n) = root.get("severity") {
        if n.as_map().is_none() {
            cx.err(
                n.span.clone(),
                "`severity` must map rule ids to error, warning or info",
            );
        }
        for (k, v) in n.as_map().unwrap_or_default() {
            let id = k.as_str().unwrap_or("").to_string();
            match v.as_str().and_then(Severity::parse) {
                Some(s) => cfg.severity.push((id, s)),
                None => cx.err(
                    v.span.clone(),
                    format!("severity of `{id}` must be error, warning or info"),
                ),
            }
        }
    }
    if let Some(n) = root.get("rules") {
        cfg.rules = cx
            .str_list(n, "`rules`")
            .unwrap_or_default()
            .into_iter()
            .map(|p| base.join(p))
            .collect();
    }
    if let Some(n) = root.get("per-file-ignores") {
        match n.as_map() {
            Some(entries) => {
                for (k, v) in entries {
                    let g = glob(&mut cx, k, "a per-file-ignores pattern");
                    let rules = cx.str_list(v, "per-file-ignores rules").unwrap_or_default();
                    if let Some(g) = g {
                        cfg.per_file_ignores.push((g, rules));
                    }
                }
            }
            None => cx.err(
                n.span.clone(),
                "`per-file-ignores` must map globs to rule lists",
            ),
        }
    }
    if let Some(n) = root.get("suppressions") {
        for item in cx.list(n, "`suppressions`").unwrap_or_default() {
            if !cx.keys(
                item,
                "a suppression",
                &["rule", "file", "concept", "fact", "reason"],
            ) {
                continue;
            }
            let rule = cx
                .required(item, "rule", "a suppression")
                .and_then(|r| cx.scalar(r, "`rule`"));
            let reason = cx
                .required(item, "reason", "a suppression (every suppression says why)")
                .and_then(|r| cx.str(r, "`reason`"));
            if let (Some(r), true) = (
                item.get("reason"),
                reason.as_deref().is_some_and(|r| r.trim().is_empty()),
            ) {
                cx.err(r.span.clone(), "a suppression's `reason` cannot be empty");
            }
            let file = item.get("file").and_then(|f| glob(&mut cx, f, "`file`"));
            let concept = item.get("concept").and_then(|c| cx.scalar(c, "`concept`"));
            let fact = item.get("fact").and_then(|c| cx.scalar(c, "`fact`"));
            let (l, c) = yaml::line_col(src, item.span.start);
            if let (Some(rule), Some(reason)) = (rule, reason) {
                cfg.suppressions.push(Suppression {
                    line: l,
                    column: c,
                    rule,
                    file,
                    concept,
                    fact,
                    reason,
                });
            }
        }
    }
    if cx.errors.is_empty() {
        Ok(cfg)
    } else {
        Err(RuleErrors(cx.errors))
    }
}

/// Finds `.cydlint.yaml` in `start` or a parent folder.
pub fn discover(start: &Path) -> Option<PathBuf> {
    let mut dir = Some(start);
    while let Some(d) = dir {
        let p = d.join(FILE_NAME);
        if p.is_file() {
            return Some(p);
        }
        dir = d.parent();
    }
    None
}

/// Loads the configuration: `explicit` if given, else the one found upward from `cwd`, else the
/// default.
pub fn load(explicit: Option<&Path>, cwd: &Path) -> Result<Config, RuleErrors> {
    let path = match explicit {
        Some(p) => Some(p.to_path_buf()),
        None => discover(cwd),
    };
    let Some(path) = path else {
        return Ok(Config::default());
    };
    let src = std::fs::read_to_string(&path).map_err(|e| {
        RuleErrors(vec![RuleError {
            file: path.display().to_string(),
            source: Default::default(),
            span: 0..0,
            message: format!("cannot read the configuration file: {e}"),
        }])
    })?;
    parse(&path, &src)
}

fn concept_eq(a: &str, b: &str) -> bool {
    a == b || a.trim_start_matches("cyd:") == b.trim_start_matches("cyd:")
}

impl Suppression {
    /// True when the suppression covers the finding.
    pub fn matches(&self, f: &Finding, path: &Path) -> bool {
        if self.rule != f.rule {
            return false;
        }
        if let Some(g) = &self.file
            && !g.is_match(path)
            && !path.file_name().is_some_and(|n| g.is_match(n))
        {
            return false;
        }
        if let Some(c) = &self.concept
            && !f.concept.as_deref().is_some_and(|fc| concept_eq(fc, c))
        {
            return false;
        }
        if let Some(id) = &self.fact
            && f.fact_id.as_deref() != Some(id.as_str())
        {
            return false;
        }
        true
    }
}

impl Config {
    /// True when a per-file ignore removes `rule` for `path`.
    pub fn ignored_for_file(&self, rule: &str, path: &Path) -> bool {
        self.per_file_ignores.iter().any(|(g, rules)| {
            (g.is_match(path) || path.file_name().is_some_and(|n| g.is_match(n)))
                && rules
                    .iter()
                    .any(|r| rule == r || rule.starts_with(r.as_str()))
        })
    }

    /// The severity a finding of `rule` gets, from its default.
    pub fn severity_of(&self, rule: &str, default: Severity) -> Severity {
        // The rule's own entry, else the longest prefix (`CYD-X: error`).
        if let Some((_, s)) = self
            .severity
            .iter()
            .filter(|(id, _)| rule.starts_with(id.as_str()))
            .max_by_key(|(id, _)| id.len())
        {
            return *s;
        }
        if self.strict && default == Severity::Warning {
            return Severity::Error;
        }
        default
    }
}

/// An inline suppression in a draft.
#[derive(Debug, Clone)]
pub struct Inline {
    /// The rules it names.
    pub rules: Vec<String>,
    /// The file (index in the filing).
    pub file: usize,
    /// Where the comment is.
    pub span: crate::source::Span,
    /// The reason, when given.
    pub reason: Option<String>,
}

/// `<!-- cydlint-disable RULE, RULE: reason -->`, compiled once per process.
static INLINE_DISABLE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"<!--\s*cydlint-disable\s+([A-Za-z0-9_-]+(?:\s*,\s*[A-Za-z0-9_-]+)*)\s*(?::\s*([^>]*?))?\s*-->")
        .expect("static regex")
});

/// The `<!-- cydlint-disable RULE: reason -->` comments of a draft's files.
pub fn inline_suppressions(filing: &Filing) -> Vec<Inline> {
    if filing.kind != Some(InputKind::Draft) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, f) in filing.files.iter().enumerate() {
        // Every comment holds these words: a draft without them is not searched (and the
        // regex not compiled, which cost more than the rest of a small draft's run).
        if memchr::memmem::find(f.text.as_bytes(), b"cydlint-disable").is_none() {
            continue;
        }
        for c in INLINE_DISABLE.captures_iter(&f.text) {
            let m = c.get(0).expect("whole match");
            let (a, b) = f.original_range(m.start(), m.end());
            out.push(Inline {
                rules: c[1].split(',').map(|s| s.trim().to_string()).collect(),
                file: i,
                span: crate::source::Span::new(i, a, b),
                reason: c
                    .get(2)
                    .map(|r| r.as_str().trim().to_string())
                    .filter(|r| !r.is_empty()),
            });
        }
    }
    out
}

/// A baseline: the findings that were there before, as a count per fingerprint (as
/// PHPStan's baseline counts per message): two identical sentences are two findings, and a
/// third is new. Version 1 files (one entry per finding, no counts) are read as counts too:
/// an entry without `count` counts once, and entries of one fingerprint add up.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Baseline {
    /// Format version: 2 (counts); 1 is still read.
    pub version: u32,
    /// The findings, one entry per fingerprint.
    pub findings: Vec<BaselineEntry>,
}

/// One fingerprint of a baseline.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct BaselineEntry {
    /// The fingerprint (see [`Finding::fingerprint`]).
    pub fingerprint: String,
    /// The rule, for people reading the file.
    pub rule: String,
    /// The file name.
    pub file: String,
    /// The message (of the first finding with the fingerprint).
    pub message: String,
    /// How many findings have this fingerprint (absent in version 1 files: one).
    #[serde(default = "one")]
    pub count: usize,
}

fn one() -> usize {
    1
}

/// The baseline format written.
pub const BASELINE_VERSION: u32 = 2;

impl Baseline {
    /// A baseline of these entries (one per finding, or already counted), one entry per
    /// fingerprint with the counts added up, in order of first appearance.
    pub fn from_entries(entries: impl IntoIterator<Item = BaselineEntry>) -> Baseline {
        let mut findings: Vec<BaselineEntry> = Vec::new();
        let mut at: std::collections::HashMap<String, usize> = Default::default();
        for e in entries {
            match at.get(&e.fingerprint) {
                Some(&i) => findings[i].count += e.count,
                None => {
                    at.insert(e.fingerprint.clone(), findings.len());
                    findings.push(e);
                }
            }
        }
        Baseline {
            version: BASELINE_VERSION,
            findings,
        }
    }

    /// Reads a baseline file's text (version 1 or 2).
    pub fn parse(text: &str) -> Result<Baseline, String> {
        let b: Baseline = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if b.version == 0 || b.version > BASELINE_VERSION {
            return Err(format!(
                "baseline format version {} is not one this cydlint reads (1 to {BASELINE_VERSION})",
                b.version
            ));
        }
        Ok(Baseline::from_entries(b.findings))
    }

    /// The count of each fingerprint.
    pub fn counts(&self) -> std::collections::HashMap<String, usize> {
        self.findings
            .iter()
            .map(|e| (e.fingerprint.clone(), e.count))
            .collect()
    }

    /// The entries not all of whose findings were found, given how many were (`found`, per
    /// fingerprint), as `file: RULE: message (found N of M)` lines: stale entries, which a
    /// new `--write-baseline` drops.
    pub fn stale(&self, found: &std::collections::HashMap<String, usize>) -> Vec<String> {
        self.findings
            .iter()
            .filter_map(|e| {
                let n = found.get(&e.fingerprint).copied().unwrap_or(0);
                (n < e.count).then(|| {
                    format!(
                        "{}: {}: {} (found {n} of {})",
                        e.file, e.rule, e.message, e.count
                    )
                })
            })
            .collect()
    }
}
