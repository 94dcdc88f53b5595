//! The configuration as the commands apply it: `.cydlint.yaml` and the rule packs it adds,
//! its selectors resolved against the rules, and what it says of each finding (severity,
//! per-file ignores, suppressions configured and inline, the baseline). `check` and
//! `scorecard` judge findings alike through `judge`.

use std::io::Write;

use super::{ErrorsIn, load_rules, report_errors};
use crate::{cli, config, diagnostic, engine, filing, report, rules};

/// The configuration (`--config`, else `.cydlint.yaml` found upward, none with `--no-config`)
/// and the rules of the built-in pack, `--rules` packs and the configuration's packs; None after
/// reporting an error.
pub(crate) fn config_and_rules(
    pack: &cli::PackArgs,
    path: Option<&std::path::Path>,
    no_config: bool,
    err: &mut dyn Write,
) -> Option<(config::Config, rules::RuleSet)> {
    let cwd = std::env::current_dir().unwrap_or_default();
    let cfg = if no_config {
        config::Config::default()
    } else {
        match config::load(path, &cwd) {
            Ok(c) => c,
            Err(e) => {
                report_errors(err, &e, ErrorsIn::ConfigFile);
                return None;
            }
        }
    };
    let mut pack = pack.clone();
    pack.rules.extend(cfg.rules.iter().cloned());
    let rules = load_rules(&pack, err)?;
    let mut cfg = cfg;
    resolve_config(&mut cfg, &rules, err)?;
    Some((cfg, rules))
}

/// Selectors as the engine matches them (see [`rules::RuleSet::resolve`]), or None after
/// reporting each that matches nothing, with a suggestion.
pub(crate) fn resolve_all(
    rules: &rules::RuleSet,
    selectors: &[String],
    what: &str,
    err: &mut dyn Write,
) -> Option<Vec<String>> {
    let mut out = Vec::new();
    let mut ok = true;
    for s in selectors {
        match rules.resolve(s) {
            Ok(r) => out.push(r),
            Err(m) => {
                let _ = writeln!(err, "error: {what}: {m}");
                ok = false;
            }
        }
    }
    ok.then_some(out)
}

/// The configuration's selectors (select, ignore, severities, per-file ignores, suppressions)
/// resolved like the command line's; None after reporting those that match nothing.
fn resolve_config(
    cfg: &mut config::Config,
    rules: &rules::RuleSet,
    err: &mut dyn Write,
) -> Option<()> {
    let file = cfg
        .path
        .as_deref()
        .map(report::relative)
        .unwrap_or_default();
    let what = |key: &str| format!("`{key}` in the configuration file {file}");
    let select = resolve_all(rules, &cfg.select, &what("select"), err);
    let ignore = resolve_all(rules, &cfg.ignore, &what("ignore"), err);
    let keys: Vec<String> = cfg.severity.iter().map(|(k, _)| k.clone()).collect();
    let severity = resolve_all(rules, &keys, &what("severity"), err);
    let mut ok = true;
    for (_, list) in &mut cfg.per_file_ignores {
        match resolve_all(rules, list, &what("per-file-ignores"), err) {
            Some(l) => *list = l,
            None => ok = false,
        }
    }
    for s in &mut cfg.suppressions {
        match rules.resolve(&s.rule) {
            Ok(r) => s.rule = r,
            Err(m) => {
                let _ = writeln!(err, "error: {}: {m}", what("suppressions"));
                ok = false;
            }
        }
    }
    let (select, ignore, severity) = (select?, ignore?, severity?);
    cfg.select = select;
    cfg.ignore = ignore;
    for ((k, _), r) in cfg.severity.iter_mut().zip(severity) {
        *k = r;
    }
    ok.then_some(())
}

/// What applying the configuration to one filing's findings did.
pub(crate) struct Configured {
    /// Indices of the configured suppressions that matched.
    pub(crate) used: Vec<usize>,
    pub(crate) suppressed: usize,
    pub(crate) baselined: usize,
    /// How many findings of each baseline fingerprint were found (and hidden, up to the
    /// baseline's count).
    pub(crate) baseline_found: std::collections::HashMap<String, usize>,
    /// Inline suppressions that matched nothing.
    pub(crate) unused_inline: Vec<report::Unused>,
    /// Findings folded into a repeat of theirs (see [`crate::diagnostic::fold`]).
    pub(crate) folded: usize,
}

/// What the configuration says of a finding.
pub(crate) enum Verdict {
    /// Ignored for its file.
    Ignored,
    /// Suppressed by the configured suppression of this index.
    Suppressed(usize),
    /// Suppressed by the inline suppression of this index.
    SuppressedInline(usize),
    /// Reported.
    Stands,
}

/// Sets a finding's configured severity and says whether the configuration ignores or
/// suppresses it (`inline`: the filing's inline suppressions).
pub(crate) fn judge(
    cfg: &config::Config,
    inline: &[config::Inline],
    filing: &filing::Filing,
    f: &mut diagnostic::Finding,
) -> Verdict {
    let path = filing
        .files
        .get(f.span.file)
        .map(|s| s.path.clone())
        .unwrap_or_default();
    f.severity = cfg.severity_of(&f.rule, f.severity);
    if cfg.ignored_for_file(&f.rule, &path) {
        return Verdict::Ignored;
    }
    if let Some(i) = cfg.suppressions.iter().position(|s| s.matches(f, &path)) {
        return Verdict::Suppressed(i);
    }
    match inline.iter().position(|s| {
        s.file == f.span.file && s.reason.is_some() && s.rules.iter().any(|r| r == &f.rule)
    }) {
        Some(i) => Verdict::SuppressedInline(i),
        None => Verdict::Stands,
    }
}

/// Applies severities, per-file ignores, suppressions (configured and inline) and the
/// baseline to a filing's findings, and sorts them.
pub(crate) fn apply_config(
    cfg: &config::Config,
    base_counts: &std::collections::HashMap<String, usize>,
    filing: &filing::Filing,
    outcome: &mut engine::Outcome,
) -> Configured {
    let mut done = Configured {
        used: Vec::new(),
        suppressed: 0,
        baselined: 0,
        baseline_found: Default::default(),
        unused_inline: Vec::new(),
        folded: 0,
    };
    let inline = config::inline_suppressions(filing);
    let mut inline_used = vec![false; inline.len()];
    let mut kept = Vec::new();
    for mut f in std::mem::take(&mut outcome.findings) {
        match judge(cfg, &inline, filing, &mut f) {
            Verdict::Ignored => continue,
            Verdict::Suppressed(i) => {
                done.used.push(i);
                done.suppressed += 1;
                continue;
            }
            Verdict::SuppressedInline(i) => {
                inline_used[i] = true;
                done.suppressed += 1;
                continue;
            }
            Verdict::Stands => {}
        }
        // The baseline hides as many findings of a fingerprint as it counts; the ones
        // beyond are new.
        if !base_counts.is_empty() {
            let fp = f.fingerprint(&report::json::file_name(filing, &f));
            if let Some(&count) = base_counts.get(&fp) {
                let found = done.baseline_found.entry(fp).or_default();
                *found += 1;
                if *found <= count {
                    done.baselined += 1;
                    continue;
                }
            }
        }
        kept.push(f);
    }
    inline_findings(
        &inline,
        &inline_used,
        filing,
        &mut kept,
        &mut done.unused_inline,
    );
    kept.sort_by(|a, b| {
        (a.span.file, a.span.start, &a.rule).cmp(&(b.span.file, b.span.start, &b.rule))
    });
    outcome.findings = kept;
    done
}

/// The inline suppressions' own findings: one without a reason is reported (it suppresses
/// nothing), one that matched nothing is unused.
fn inline_findings(
    inline: &[config::Inline],
    inline_used: &[bool],
    filing: &filing::Filing,
    kept: &mut Vec<diagnostic::Finding>,
    unused_inline: &mut Vec<report::Unused>,
) {
    for (i, s) in inline.iter().enumerate() {
        let loc = report::facts::Location::of(filing, s.span);
        if s.reason.is_none() {
            kept.push(diagnostic::Finding {
                rule: "config:suppression-without-reason".into(),
                name: "suppression-without-reason".into(),
                severity: diagnostic::Severity::Warning,
                message: format!(
                    "`cydlint-disable {}` has no reason; it suppresses nothing",
                    s.rules.join(", ")
                ),
                span: s.span,
                labels: Vec::new(),
                help: Some(
                    "write the reason after a colon: <!-- cydlint-disable RULE: why -->".into(),
                ),
                citations: Vec::new(),
                docs_url: Some(rules::docs_url("config:suppression-without-reason")),
                concept: None,
                matched: None,
                context: None,
                fact_id: None,
            });
        } else if !inline_used[i] {
            unused_inline.push(report::Unused::new(
                "inline",
                loc.file.clone(),
                (loc.line, loc.column),
                s.rules.clone(),
                s.reason.clone(),
            ));
        }
    }
}

/// A filing's findings as baseline entries.
pub(crate) fn baseline_entries(c: &report::Checked<'_>) -> Vec<config::BaselineEntry> {
    c.outcome
        .findings
        .iter()
        .map(|f| {
            let file = report::json::file_name(c.filing, f);
            config::BaselineEntry {
                fingerprint: f.fingerprint(&file),
                rule: f.rule.clone(),
                file,
                message: f.message.clone(),
                count: 1,
            }
        })
        .collect()
}
