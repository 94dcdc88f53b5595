//! cydlint: a linter for SEC cybersecurity disclosures.
//!
//! The data takes one trip:
//!
//! ```text
//! paths → discover (document sets) → read (one reader per input kind) → Filing
//!       (facts + text layer with its offset map back to source bytes) → report
//! ```
//!
//! * [`discover`] turns command-line paths into document sets.
//! * [`source`] holds the original bytes and turns byte offsets into lines and columns.
//! * [`read`] turns bytes of any input kind into one span-carrying [`filing::Filing`]; it
//!   reports malformed input as [`filing::ReadIssue`]s, never panics.
//! * [`filing`] is the model and its text layer: the only vocabulary later stages speak.
//! * [`taxonomy`] knows the `cyd` elements and namespace families.
//! * [`report`] is the only module that writes output.
//! * [`cli`] is the clap definition; [`run`] wires the modules together.
//!
//! See `docs/architecture.md` for the longer story.

pub mod claims;
pub mod cli;
pub mod codes;
pub mod commands;

/// The hash map of the readers' and engine's hot paths: foldhash's hasher (the one hashbrown
/// defaults to; seeded per map) instead of SipHash, which was a twentieth of reading a 10-K,
/// spent on concept names, context ids and namespace URIs.
pub(crate) type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// The set of [`FastMap`].
pub(crate) type FastSet<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;
pub mod config;
pub mod diagnostic;
pub mod discover;
pub mod engine;
pub mod filing;
pub mod plan;
pub mod read;
pub mod report;
pub mod rules;
pub mod ruletest;
pub mod scorecard;
pub mod source;
pub mod taxonomy;

/// A seeded xorshift for the unit tests' generated inputs: `next(n)` is below `n`, and a
/// failure reproduces.
#[cfg(test)]
pub(crate) fn test_rng(mut seed: u64) -> impl FnMut(usize) -> usize {
    move |n| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    }
}

/// Fewer than `most` pieces drawn from `pieces` by `next` (a [`test_rng`]), joined: the
/// generated inputs of the unit tests that compare a fast path with the one it stands for.
#[cfg(test)]
pub(crate) fn test_string(
    next: &mut impl FnMut(usize) -> usize,
    pieces: &[&str],
    most: usize,
) -> String {
    let n = next(most);
    (0..n).map(|_| pieces[next(pieces.len())]).collect()
}

use std::io::Write;
use std::path::PathBuf;

use cli::{Args, Command, FactsFormat};

/// How a run ended; `main` maps it to the process exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// 0: the job was done and nothing reached the failure threshold.
    Success,
    /// 1: findings at or above the failure threshold.
    Failure,
    /// 2: the tool could not do its job (bad arguments, unreadable path, invalid rules).
    Error,
}

impl ExitStatus {
    /// The process exit code.
    pub fn code(self) -> u8 {
        match self {
            ExitStatus::Success => 0,
            ExitStatus::Failure => 1,
            ExitStatus::Error => 2,
        }
    }
}

/// Where the errors of a load are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ErrorsIn {
    /// Rule files (code `invalid-rule`).
    RuleFiles,
    /// The configuration file (code `config:invalid`).
    ConfigFile,
}

/// Writes rule errors to `err`, each once: miette's view (code, message, and the file's
/// `path:line:col` over the lines around it), or a `error[CODE]: path: message` line when
/// there is no source to show; then a count.
pub(crate) fn report_rule_errors(err: &mut dyn Write, errors: &rules::error::RuleErrors) {
    report_errors(err, errors, ErrorsIn::RuleFiles)
}

/// [`report_rule_errors`] for rule files or the configuration file.
pub(crate) fn report_errors(
    err: &mut dyn Write,
    errors: &rules::error::RuleErrors,
    origin: ErrorsIn,
) {
    let handler =
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
            .with_links(false);
    let (code, url) = match origin {
        ErrorsIn::RuleFiles => ("invalid-rule", None),
        ErrorsIn::ConfigFile => ("config:invalid", Some(rules::docs_url("config:invalid"))),
    };
    for e in &errors.0 {
        let mut e = e.clone();
        e.file = report::relative(std::path::Path::new(&e.file));
        let mut s = String::new();
        let drawn = !e.source.is_empty()
            && handler
                .render_report(
                    &mut s,
                    &rules::error::RuleErrorReport::new(e.clone()).with_code(code, url.clone()),
                )
                .is_ok();
        if drawn {
            let _ = writeln!(err, "{s}");
        } else {
            let _ = writeln!(err, "error[{code}]: {e}");
        }
    }
    let n = errors.0.len();
    match origin {
        ErrorsIn::RuleFiles => {
            let _ = writeln!(err, "{n} error(s) in rule files");
        }
        ErrorsIn::ConfigFile => {
            let file = errors
                .0
                .first()
                .map(|e| report::relative(std::path::Path::new(&e.file)))
                .unwrap_or_default();
            let _ = writeln!(
                err,
                "{n} error(s) in the configuration file {file} (nothing was checked; --no-config ignores it)"
            );
        }
    }
}

fn load_rules(pack: &cli::PackArgs, err: &mut dyn Write) -> Option<rules::RuleSet> {
    match rules::load::load(&pack.rules, pack.no_builtin) {
        Ok(r) => Some(r),
        Err(e) => {
            report_rule_errors(err, &e);
            None
        }
    }
}

pub(crate) fn io_status(res: std::io::Result<()>, err: &mut dyn Write) -> Option<ExitStatus> {
    match res {
        Ok(()) => None,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Some(ExitStatus::Success),
        Err(e) => {
            let _ = writeln!(err, "error: cannot write output: {e}");
            Some(ExitStatus::Error)
        }
    }
}

/// The document sets of the command line, or None after reporting why not.
pub(crate) fn document_sets(
    paths: &[PathBuf],
    separate: bool,
    err: &mut dyn Write,
) -> Option<Vec<Vec<PathBuf>>> {
    match discover::document_sets(paths, separate) {
        Ok(s) => Some(s),
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            None
        }
    }
}

/// The configuration (`--config`, else `.cydlint.yaml` found upward, none with `--no-config`)
/// and the rules of the built-in pack, `--rules` packs and the configuration's packs; None after
/// reporting an error.
fn config_and_rules(
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
fn resolve_all(
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

fn check(a: cli::CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> ExitStatus {
    let started = std::time::Instant::now();
    let Some((cfg, rules)) = config_and_rules(&a.pack, a.config.as_deref(), a.no_config, err)
    else {
        return ExitStatus::Error;
    };
    if let Some(pe) = &a.period_end
        && read::transform::apply("date-year-month-day", pe)
            .ok()
            .as_deref()
            != Some(pe.as_str())
    {
        let _ = writeln!(
            err,
            "error: --period-end must be a date written YYYY-MM-DD, not `{pe}`"
        );
        return ExitStatus::Error;
    }
    let (Some(cli_select), Some(cli_ignore)) = (
        resolve_all(&rules, &a.select, "--select", err),
        resolve_all(&rules, &a.ignore, "--ignore", err),
    ) else {
        return ExitStatus::Error;
    };
    let select = if cli_select.is_empty() {
        cfg.select.clone()
    } else {
        cli_select
    };
    let mut ignore = cfg.ignore.clone();
    ignore.extend(cli_ignore);
    // Output files are created (with their folders) before any work: a path that cannot be
    // written fails now, not after the whole run.
    let mut outputs: Vec<(report::Format, PathBuf, std::fs::File)> = Vec::new();
    for spec in &a.output_file {
        match spec
            .split_once('=')
            .and_then(|(f, p)| report::Format::parse(f).map(|f| (f, PathBuf::from(p))))
        {
            Some((f, p)) => match create_output(&p) {
                Ok(file) => outputs.push((f, p, file)),
                Err(e) => {
                    let _ = writeln!(err, "error: --output-file: {e}");
                    return ExitStatus::Error;
                }
            },
            None => {
                let _ = writeln!(
                    err,
                    "error: --output-file takes FORMAT=PATH with FORMAT one of human, concise, json, sarif, github; got `{spec}`"
                );
                return ExitStatus::Error;
            }
        }
    }
    let baseline: Option<config::Baseline> = match &a.baseline {
        None => None,
        Some(p) => match std::fs::read_to_string(p)
            .map_err(|e| e.to_string())
            .and_then(|s| config::Baseline::parse(&s))
        {
            Ok(b) => Some(b),
            Err(e) => {
                let _ = writeln!(
                    err,
                    "error: cannot read the baseline {}: {e}",
                    report::relative(p)
                );
                return ExitStatus::Error;
            }
        },
    };
    let baseline_file = match &a.write_baseline {
        None => None,
        Some(p) => match create_output(p) {
            Ok(f) => Some(f),
            Err(e) => {
                let _ = writeln!(err, "error: --write-baseline: {e}");
                return ExitStatus::Error;
            }
        },
    };
    let Some(sets) = document_sets(&a.paths, a.separate, err) else {
        return ExitStatus::Error;
    };
    let opts = engine::Options {
        form: a.form.clone(),
        items: a.items.clone(),
        period_end: a.period_end.clone(),
        select,
        ignore,
        preview: a.preview || cfg.preview,
    };
    // Document sets are independent: read and check them in parallel (rayon), keeping the
    // order of `discover` in the output.
    let limits = read::Limits {
        max_file_bytes: a.max_file_size,
        max_depth: a.max_depth,
    };
    let progress = sets.len() > 3 && std::io::IsTerminal::is_terminal(&std::io::stderr());
    let done = std::sync::atomic::AtomicUsize::new(0);
    let base_counts: std::collections::HashMap<String, usize> = baseline
        .as_ref()
        .map(config::Baseline::counts)
        .unwrap_or_default();
    let color = a.format == report::Format::Human
        && report::color_enabled(
            a.color,
            std::io::IsTerminal::is_terminal(&std::io::stdout()),
            |k| std::env::var_os(k).map(|v| v.to_string_lossy().into_owned()),
        );
    // The formats written: stdout's, then each `--output-file`'s (never in colour).
    let reporters: Vec<(Box<dyn report::Reporter>, report::Style)> =
        std::iter::once((a.format, color))
            .chain(outputs.iter().map(|(f, _, _)| (*f, false)))
            .map(|(f, color)| {
                let style = report::Style {
                    color,
                    verbose: a.verbose,
                };
                (f.reporter(), style)
            })
            .collect();
    // Document sets are independent: each is read, checked, configured (severities,
    // ignores, suppressions, baseline) and rendered into its share of every report on one of
    // rayon's threads, and its sources and facts are dropped there — a directory run keeps
    // the output, not the filings, until the end. `collect` keeps the order of `discover`.
    // Only the facts the rules can select are built (read::Keep).
    let keep = rules.keep();
    let drafts = read::DraftOptions {
        reject_changes: a.reject_changes,
    };
    let results: Vec<Done> = {
        use rayon::prelude::*;
        sets.par_iter()
            .map(|set| {
                let f = read::reread_drafts(read::read_set_keeping(set, &limits, &keep), &drafts);
                let mut o = engine::run(&rules, &f, &opts);
                let mut config = apply_config(&cfg, &base_counts, &f, &mut o);
                // A baseline records every finding: it is written unfolded.
                if !a.no_fold && a.write_baseline.is_none() {
                    let (kept, folded) = diagnostic::fold(std::mem::take(&mut o.findings));
                    o.findings = kept;
                    config.folded = folded;
                }
                let c = report::Checked {
                    filing: &f,
                    outcome: &o,
                };
                let baseline = match a.write_baseline {
                    Some(_) => baseline_entries(&c),
                    None => Vec::new(),
                };
                let d = Done {
                    summary: report::Summary::of(&c),
                    worst: o.findings.iter().map(|f| f.severity).min(),
                    parts: reporters.iter().map(|(r, s)| r.part(&c, *s)).collect(),
                    config,
                    baseline,
                };
                if progress {
                    let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                    let _ = write!(std::io::stderr(), "\rchecked {n}/{} …", sets.len());
                }
                d
            })
            .collect()
    };
    if progress {
        let _ = write!(err, "\r{}\r", " ".repeat(40));
    }
    let (mut summary, unused) = totals(&results, &cfg);
    // Baseline entries whose findings were not all found: stale, reported as unused
    // suppressions are, so a baseline can be tightened (`--write-baseline`).
    let stale_baseline = match &baseline {
        Some(b) => {
            let mut found: std::collections::HashMap<String, usize> = Default::default();
            for d in &results {
                for (fp, n) in &d.config.baseline_found {
                    *found.entry(fp.clone()).or_default() += n;
                }
            }
            b.stale(&found)
        }
        None => Vec::new(),
    };
    summary.stale_baseline = stale_baseline.len();
    let rep = report::Report {
        summary,
        rules: &rules,
        elapsed: started.elapsed(),
        unused_suppressions: unused,
        stale_baseline,
        verbose: a.verbose,
    };
    if let Some(s) = write_reports(&rep, &reporters, &results, &outputs, out, err) {
        return s;
    }
    if let Some(p) = &a.write_baseline {
        let b = config::Baseline::from_entries(results.into_iter().flat_map(|d| d.baseline));
        let text = serde_json::to_string_pretty(&b).unwrap_or_default() + "\n";
        let res = match baseline_file {
            Some(mut f) => f.write_all(text.as_bytes()),
            None => std::fs::write(p, text),
        };
        if let Err(e) = res {
            let _ = writeln!(
                err,
                "error: cannot write the baseline {}: {e}",
                report::relative(p)
            );
            return ExitStatus::Error;
        }
        let _ = writeln!(
            err,
            "wrote {} finding(s) ({} fingerprint(s)) to the baseline {}",
            b.findings.iter().map(|e| e.count).sum::<usize>(),
            b.findings.len(),
            report::relative(p)
        );
        return ExitStatus::Success;
    }
    let fail_on = match a.fail_on {
        Some(cli::FailOn::Error) => Some(diagnostic::Severity::Error),
        Some(cli::FailOn::Warning) => Some(diagnostic::Severity::Warning),
        Some(cli::FailOn::Info) => Some(diagnostic::Severity::Info),
        Some(cli::FailOn::Never) => None,
        None => cfg.fail_on.unwrap_or(Some(diagnostic::Severity::Error)),
    };
    let failed = fail_on.is_some_and(|t| results.iter().any(|d| d.worst.is_some_and(|w| w <= t)));
    if failed {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    }
}

/// The run's totals, and the suppressions (inline, then configured) that matched nothing.
fn totals(results: &[Done], cfg: &config::Config) -> (report::Summary, Vec<report::Unused>) {
    let mut used = vec![false; cfg.suppressions.len()];
    let mut summary = report::Summary::default();
    let mut unused: Vec<report::Unused> = Vec::new();
    for d in results {
        summary.add(&d.summary);
        summary.suppressed += d.config.suppressed;
        summary.baselined += d.config.baselined;
        summary.folded += d.config.folded;
        for &i in &d.config.used {
            used[i] = true;
        }
        unused.extend(d.config.unused_inline.iter().cloned());
    }
    for (i, s) in cfg.suppressions.iter().enumerate() {
        if !used[i] {
            unused.push(report::Unused::new(
                "configuration",
                cfg.path
                    .as_deref()
                    .map(report::relative)
                    .unwrap_or_default(),
                (s.line, s.column),
                vec![s.rule.clone()],
                Some(s.reason.clone()),
            ));
        }
    }
    (summary, unused)
}

/// Creates an output file and the folders it needs, or says why it cannot.
fn create_output(path: &std::path::Path) -> Result<std::fs::File, String> {
    let shown = report::relative(path);
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| {
            format!(
                "cannot create the folder {} for {shown}: {e}",
                report::relative(parent)
            )
        })?;
    }
    std::fs::File::create(path).map_err(|e| format!("cannot write {shown}: {e}"))
}

/// Writes each report from its parts: the first reporter's to `out`, the others' to their
/// `--output-file`s. `Some` status when one cannot be written.
fn write_reports(
    rep: &report::Report<'_>,
    reporters: &[(Box<dyn report::Reporter>, report::Style)],
    results: &[Done],
    outputs: &[(report::Format, PathBuf, std::fs::File)],
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Option<ExitStatus> {
    for (k, (r, _)) in reporters.iter().enumerate() {
        let parts: Vec<&report::Part> = results.iter().map(|d| &d.parts[k]).collect();
        if k == 0 {
            if let Some(s) = io_status(r.write(rep, &parts, out), err) {
                return Some(s);
            }
            continue;
        }
        let (_, path, file) = &outputs[k - 1];
        let mut w = std::io::BufWriter::new(file);
        let res = r.write(rep, &parts, &mut w).and_then(|_| w.flush());
        if let Err(e) = res {
            let _ = writeln!(err, "error: cannot write {}: {e}", report::relative(path));
            return Some(ExitStatus::Error);
        }
    }
    None
}

/// A checked document set, once its filing is dropped: what the report still needs of it.
struct Done {
    summary: report::Summary,
    /// The most severe finding.
    worst: Option<diagnostic::Severity>,
    /// Its share of each report, in the order of the reporters.
    parts: Vec<report::Part>,
    config: Configured,
    /// Its findings as baseline entries (with `--write-baseline`).
    baseline: Vec<config::BaselineEntry>,
}

/// What applying the configuration to one filing's findings did.
struct Configured {
    /// Indices of the configured suppressions that matched.
    used: Vec<usize>,
    suppressed: usize,
    baselined: usize,
    /// How many findings of each baseline fingerprint were found (and hidden, up to the
    /// baseline's count).
    baseline_found: std::collections::HashMap<String, usize>,
    /// Inline suppressions that matched nothing.
    unused_inline: Vec<report::Unused>,
    /// Findings folded into a repeat of theirs (see [`diagnostic::fold`]).
    folded: usize,
}

/// What the configuration says of a finding.
enum Verdict {
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
fn judge(
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
fn apply_config(
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
            done.unused_inline.push(report::Unused::new(
                "inline",
                loc.file.clone(),
                (loc.line, loc.column),
                s.rules.clone(),
                s.reason.clone(),
            ));
        }
    }
    kept.sort_by(|a, b| {
        (a.span.file, a.span.start, &a.rule).cmp(&(b.span.file, b.span.start, &b.rule))
    });
    outcome.findings = kept;
    done
}

/// A filing's findings as baseline entries.
fn baseline_entries(c: &report::Checked<'_>) -> Vec<config::BaselineEntry> {
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

fn list_rules(a: cli::RulesArgs, out: &mut dyn Write, err: &mut dyn Write) -> ExitStatus {
    let Some(rules) = load_rules(&a.pack, err) else {
        return ExitStatus::Error;
    };
    let res = match a.format {
        cli::RulesFormat::Json => {
            let v: Vec<serde_json::Value> = rules
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "id": r.id, "name": r.name, "title": r.title, "severity": r.severity,
                        "status": r.status, "since": r.since, "citations": r.citations,
                        "check": r.kind, "applies": r.applies, "builtin": r.builtin,
                        "docs_url": r.docs_url, "scorecard": r.scorecard,
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &v)
                .map_err(report::json_io_error)
                .and_then(|_| writeln!(out))
        }
        cli::RulesFormat::Table => rules.iter().try_for_each(|r| {
            writeln!(
                out,
                "{:<16} {:<8} {:<44} {}",
                r.id,
                r.severity.as_str(),
                r.name,
                r.title
            )
        }),
    };
    io_status(res, err).unwrap_or(ExitStatus::Success)
}

fn explain(a: cli::ExplainArgs, out: &mut dyn Write, err: &mut dyn Write) -> ExitStatus {
    let Some(rules) = load_rules(&a.pack, err) else {
        return ExitStatus::Error;
    };
    let page = match a.rule.as_str() {
        "lexicon" => Some(rules::docs::lexicon_page(&rules.lexicon(), None)),
        "scorecard" => Some(rules::docs::scorecard_page(&rules)),
        name => match name.strip_prefix('@') {
            Some(class) => {
                let lex = rules.lexicon();
                if lex.class(class).is_none() || !lex.class_names().contains(&class) {
                    let names = lex.class_names();
                    let hint = rules::validate::closest(class, &names)
                        .map(|c| format!(" (did you mean @{c}?)"))
                        .unwrap_or_default();
                    let _ = writeln!(
                        err,
                        "error: no word class `{class}`{hint} (`cydlint explain lexicon` lists them)"
                    );
                    return ExitStatus::Error;
                }
                Some(rules::docs::lexicon_page(&lex, Some(class)))
            }
            None => None,
        },
    };
    if let Some(page) = page {
        return io_status(write!(out, "{page}"), err).unwrap_or(ExitStatus::Success);
    }
    if let Some(c) = codes::find(&a.rule) {
        return io_status(write!(out, "{}", codes::page(c)), err).unwrap_or(ExitStatus::Success);
    }
    // An id in any case, or a name; a prefix of several rules names none of them.
    let found = rules.resolve(&a.rule).ok().and_then(|id| rules.get(&id));
    match found {
        Some(r) => io_status(write!(out, "{}", rules::docs::rule_page(r)), err)
            .unwrap_or(ExitStatus::Success),
        None => {
            let many: Vec<&str> = match rules.resolve(&a.rule) {
                Ok(p) => rules
                    .iter()
                    .filter(|r| r.id.starts_with(&p))
                    .map(|r| r.id.as_str())
                    .collect(),
                Err(_) => Vec::new(),
            };
            let hint = if many.is_empty() {
                rules
                    .suggest(&a.rule)
                    .map(|c| format!("; did you mean `{c}`?"))
                    .unwrap_or_default()
            } else {
                format!(
                    "; it begins {} rule ids: {} (explain takes one)",
                    many.len(),
                    many.join(", ")
                )
            };
            let _ = writeln!(err, "error: no rule or code `{}`{hint}", a.rule);
            ExitStatus::Error
        }
    }
}

fn test_rules(a: cli::TestRulesArgs, out: &mut dyn Write, err: &mut dyn Write) -> ExitStatus {
    let pack = cli::PackArgs {
        rules: vec![a.dir.clone()],
        no_builtin: true,
    };
    let Some(rules) = load_rules(&pack, err) else {
        return ExitStatus::Error;
    };
    // DIR/fixtures, else where the built-in pack keeps them (rules/ beside fixtures/rules/).
    let abs = a.dir.canonicalize().unwrap_or_else(|_| a.dir.clone());
    let beside = match (abs.parent(), abs.file_name()) {
        (Some(p), Some(n)) => p.join("fixtures").join(n),
        _ => a.dir.join("..").join("fixtures").join("rules"),
    };
    let looked = [a.dir.join("fixtures"), beside];
    let fixtures = match a.fixtures {
        Some(f) if f.is_dir() => f,
        Some(f) => {
            let _ = writeln!(
                err,
                "error: the fixtures folder {} does not exist",
                report::relative(&f)
            );
            return ExitStatus::Error;
        }
        None => match looked.iter().find(|d| d.is_dir()) {
            Some(d) => d.clone(),
            None => {
                let _ = writeln!(
                    err,
                    "error: no fixtures for the rule pack {}: looked in {} and {}; give the folder with --fixtures DIR (it holds RULE-ID/pass/* and RULE-ID/fail/*)",
                    report::relative(&a.dir),
                    report::relative(&looked[0]),
                    report::relative(&looked[1]),
                );
                return ExitStatus::Error;
            }
        },
    };
    let results = ruletest::run(&rules, &fixtures);
    let mut failed = 0;
    for r in &results {
        let res = if r.ok {
            writeln!(out, "ok    {} {}", r.rule, report::relative(&r.path))
        } else {
            failed += 1;
            writeln!(
                out,
                "FAIL  {} {}: {}",
                r.rule,
                report::relative(&r.path),
                r.message
            )
        };
        if let Some(s) = io_status(res, err) {
            return s;
        }
    }
    let _ = writeln!(out, "{} passed, {} failed", results.len() - failed, failed);
    if failed > 0 {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    }
}

/// `cydlint scorecard`: the findings of `check` (with the configuration's packs, selection,
/// severities and suppressions; no baseline, which is about new findings, not the state of a
/// filing), arranged per requirement.
fn scorecard_cmd(a: cli::ScorecardArgs, out: &mut dyn Write, err: &mut dyn Write) -> ExitStatus {
    let Some((cfg, rules)) = config_and_rules(&a.pack, a.config.as_deref(), a.no_config, err)
    else {
        return ExitStatus::Error;
    };
    let Some(sets) = document_sets(&a.paths, a.separate, err) else {
        return ExitStatus::Error;
    };
    let opts = engine::Options {
        form: a.form.clone(),
        select: cfg.select.clone(),
        ignore: cfg.ignore.clone(),
        preview: cfg.preview,
        ..Default::default()
    };
    let limits = read::Limits {
        max_file_bytes: a.max_file_size,
        max_depth: a.max_depth,
    };
    let keep = rules.keep();
    let drafts = read::DraftOptions {
        reject_changes: a.reject_changes,
    };
    let cards: Vec<scorecard::Scorecard> = {
        use rayon::prelude::*;
        sets.par_iter()
            .map(|s| {
                let f = read::reread_drafts(read::read_set_keeping(s, &limits, &keep), &drafts);
                let mut o = engine::run(&rules, &f, &opts);
                let inline = config::inline_suppressions(&f);
                o.findings
                    .retain_mut(|x| matches!(judge(&cfg, &inline, &f, x), Verdict::Stands));
                scorecard::build(&f, &o, &rules, a.form.as_deref())
            })
            .collect()
    };
    let prov = scorecard::Provenance::new(
        &rules,
        a.paths.iter().map(|p| p.display().to_string()).collect(),
    );
    let text = match a.format {
        cli::ScorecardFormat::Terminal => scorecard::terminal(&prov, &cards),
        cli::ScorecardFormat::Markdown => scorecard::markdown(&prov, &cards),
        cli::ScorecardFormat::Html => scorecard::html(&prov, &cards),
        cli::ScorecardFormat::Json => scorecard::json(&prov, &cards),
    };
    io_status(out.write_all(text.as_bytes()), err).unwrap_or(ExitStatus::Success)
}

/// Runs a parsed command line, writing results to `out` and tool errors to `err`.
///
/// `out` is written through a buffer: a report is many small writes (pretty JSON writes a
/// line at a time), and stdout, line-buffered, would make each line a system call.
pub fn run(args: Args, out: &mut dyn Write, err: &mut dyn Write) -> ExitStatus {
    let mut buffered = std::io::BufWriter::with_capacity(1 << 16, out);
    let status = dispatch(args, &mut buffered, err);
    io_status(buffered.flush(), err).unwrap_or(status)
}

fn dispatch(args: Args, out: &mut dyn Write, err: &mut dyn Write) -> ExitStatus {
    match args.command {
        Command::Check(a) => check(*a, out, err),
        Command::Rules(a) => list_rules(a, out, err),
        Command::Explain(a) => explain(a, out, err),
        Command::TestRules(a) => test_rules(a, out, err),
        Command::Scorecard(a) => scorecard_cmd(a, out, err),
        Command::Claims(a) => commands::claims::run(a, out, err),
        Command::Plan(a) => commands::plan::run(a, out, err),
        Command::Facts(a) => {
            let Some(sets) = document_sets(&a.paths, a.separate, err) else {
                return ExitStatus::Error;
            };
            // Read and render in parallel, each filing dropped once rendered, and print in
            // order. A filing's facts as JSON are larger than the filing: they are written a
            // few filings at a time (one per thread), not gathered for the whole run; a lone
            // filing is written straight out.
            let limits = read::Limits {
                max_file_bytes: a.max_file_size,
                max_depth: a.max_depth,
            };
            let render = |s: &Vec<PathBuf>, to: &mut dyn Write| {
                let filing = read::read_set_with(s, &limits);
                match a.format {
                    FactsFormat::Json => report::facts::write_json(to, &filing, a.cyd_only),
                    FactsFormat::Table => report::facts::write_table(to, &filing, a.cyd_only),
                }
            };
            if let [one] = &sets[..] {
                return io_status(render(one, out), err).unwrap_or(ExitStatus::Success);
            }
            for chunk in sets.chunks(rayon::current_num_threads().max(1)) {
                use rayon::prelude::*;
                let rendered: Vec<std::io::Result<Vec<u8>>> = chunk
                    .par_iter()
                    .map(|s| {
                        let mut buf = Vec::new();
                        render(s, &mut buf).map(|_| buf)
                    })
                    .collect();
                for r in rendered {
                    if let Some(s) = io_status(r.and_then(|b| out.write_all(&b)), err) {
                        return s;
                    }
                }
            }
            ExitStatus::Success
        }
    }
}
