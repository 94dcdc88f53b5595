//! `cydlint check`: the linter's main flow, in its steps — configure (configuration, rules,
//! selection, output files and baseline, all checked before any reading), discover (the
//! document sets), then per set on rayon's pool (one set: on this thread) read → check →
//! configure its findings →
//! render its share of each report, and last report (totals, every format, the baseline,
//! the exit status). A filing is dropped on the thread that read it (docs/architecture.md).

use std::io::Write;
use std::path::PathBuf;

use super::configure::{Configured, apply_config, baseline_entries, config_and_rules, resolve_all};
use super::{document_sets, io_status};
use crate::{ExitStatus, cli, config, diagnostic, engine, read, report, rules};

/// Runs `cydlint check`.
pub fn run(a: cli::CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> ExitStatus {
    let started = std::time::Instant::now();
    let Some(setup) = Setup::new(&a, err) else {
        return ExitStatus::Error;
    };
    let Some(sets) = document_sets(&a.paths, a.separate, err) else {
        return ExitStatus::Error;
    };
    let reporters = reporters(&a, &setup.outputs);
    let results = check_sets(&a, &setup, &sets, &reporters, err);
    let mut setup = setup;
    let status = report(&a, &mut setup, &reporters, results, started, out, err);
    // The binary leaves the rule set to its exit (`crate::run_to_exit`).
    crate::leave_at_exit(setup.rules);
    status
}

/// What a run is set up with before any filing is read: the configuration and rules, the
/// engine's options, the output files (created, so a path that cannot be written fails
/// first) and the baseline read and the one to write.
struct Setup {
    cfg: config::Config,
    rules: rules::RuleSet,
    opts: engine::Options,
    outputs: Vec<(report::Format, PathBuf, std::fs::File)>,
    baseline: Option<config::Baseline>,
    baseline_file: Option<std::fs::File>,
}

impl Setup {
    /// The set-up of `a`, or None after reporting why there is none.
    fn new(a: &cli::CheckArgs, err: &mut dyn Write) -> Option<Setup> {
        let (cfg, rules) = config_and_rules(&a.pack, a.config.as_deref(), a.no_config, err)?;
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
            return None;
        }
        let (Some(cli_select), Some(cli_ignore)) = (
            resolve_all(&rules, &a.select, "--select", err),
            resolve_all(&rules, &a.ignore, "--ignore", err),
        ) else {
            return None;
        };
        let select = if cli_select.is_empty() {
            cfg.select.clone()
        } else {
            cli_select
        };
        let mut ignore = cfg.ignore.clone();
        ignore.extend(cli_ignore);
        let outputs = output_files(&a.output_file, err)?;
        let baseline = read_baseline(a.baseline.as_deref(), err)?;
        let baseline_file = match &a.write_baseline {
            None => None,
            Some(p) => match create_output(p) {
                Ok(f) => Some(f),
                Err(e) => {
                    let _ = writeln!(err, "error: --write-baseline: {e}");
                    return None;
                }
            },
        };
        let opts = engine::Options {
            form: a.form.clone(),
            items: a.items.clone(),
            period_end: a.period_end.clone(),
            select,
            ignore,
            preview: a.preview || cfg.preview,
        };
        Some(Setup {
            cfg,
            rules,
            opts,
            outputs,
            baseline,
            baseline_file,
        })
    }
}

/// The `--output-file FORMAT=PATH`s, each file created (with its folders) before any work: a
/// path that cannot be written fails now, not after the whole run. None after reporting.
fn output_files(
    specs: &[String],
    err: &mut dyn Write,
) -> Option<Vec<(report::Format, PathBuf, std::fs::File)>> {
    let mut outputs = Vec::new();
    for spec in specs {
        match spec
            .split_once('=')
            .and_then(|(f, p)| report::Format::parse(f).map(|f| (f, PathBuf::from(p))))
        {
            Some((f, p)) => match create_output(&p) {
                Ok(file) => outputs.push((f, p, file)),
                Err(e) => {
                    let _ = writeln!(err, "error: --output-file: {e}");
                    return None;
                }
            },
            None => {
                let _ = writeln!(
                    err,
                    "error: --output-file takes FORMAT=PATH with FORMAT one of human, concise, json, sarif, github; got `{spec}`"
                );
                return None;
            }
        }
    }
    Some(outputs)
}

/// The `--baseline` read (`Some(None)` without one), or None after reporting why it cannot be.
fn read_baseline(
    path: Option<&std::path::Path>,
    err: &mut dyn Write,
) -> Option<Option<config::Baseline>> {
    let Some(p) = path else {
        return Some(None);
    };
    match std::fs::read_to_string(p)
        .map_err(|e| e.to_string())
        .and_then(|s| config::Baseline::parse(&s))
    {
        Ok(b) => Some(Some(b)),
        Err(e) => {
            let _ = writeln!(
                err,
                "error: cannot read the baseline {}: {e}",
                report::relative(p)
            );
            None
        }
    }
}

/// The formats written: stdout's, then each `--output-file`'s (never in colour).
fn reporters(
    a: &cli::CheckArgs,
    outputs: &[(report::Format, PathBuf, std::fs::File)],
) -> Vec<(Box<dyn report::Reporter>, report::Style)> {
    let color = a.format == report::Format::Human
        && report::color_enabled(
            a.color,
            std::io::IsTerminal::is_terminal(&std::io::stdout()),
            |k| std::env::var_os(k).map(|v| v.to_string_lossy().into_owned()),
        );
    std::iter::once((a.format, color))
        .chain(outputs.iter().map(|(f, _, _)| (*f, false)))
        .map(|(f, color)| {
            let style = report::Style {
                color,
                verbose: a.verbose,
            };
            (f.reporter(), style)
        })
        .collect()
}

/// Reads, checks, configures and renders every document set.
///
/// Document sets are independent: each is read, checked, configured (severities, ignores,
/// suppressions, baseline) and rendered into its share of every report on one of rayon's
/// threads (a lone set on the calling thread, without starting the pool), and its sources
/// and facts are dropped there — a directory run keeps the output,
/// not the filings, until the end. `collect` keeps the order of `discover`. Only the facts
/// the rules can select are built (read::Keep).
fn check_sets(
    a: &cli::CheckArgs,
    setup: &Setup,
    sets: &[Vec<PathBuf>],
    reporters: &[(Box<dyn report::Reporter>, report::Style)],
    err: &mut dyn Write,
) -> Vec<Done> {
    let limits = a.read.limits();
    let progress = sets.len() > 3 && std::io::IsTerminal::is_terminal(&std::io::stderr());
    let done = std::sync::atomic::AtomicUsize::new(0);
    let base_counts: std::collections::HashMap<String, usize> = setup
        .baseline
        .as_ref()
        .map(config::Baseline::counts)
        .unwrap_or_default();
    let keep = setup.rules.keep();
    let drafts = read::DraftOptions {
        reject_changes: a.reject_changes,
    };
    let results: Vec<Done> = {
        use rayon::prelude::*;
        let one = |set: &Vec<PathBuf>| {
            let f = read::reread_drafts(read::read_set_keeping(set, &limits, &keep), &drafts);
            let mut o = engine::run(&setup.rules, &f, &setup.opts);
            let mut config = apply_config(&setup.cfg, &base_counts, &f, &mut o);
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
        };
        // One set is checked on this thread: rayon's pool would start threads (and a malloc
        // arena each) to run it on one of them. So are several when the pool would have one
        // thread (one processor to run on, as rayon counts them): the sets are then checked
        // one after the other either way, and in the same order.
        if sets.len() == 1 || one_thread() {
            sets.iter().map(one).collect()
        } else {
            sets.par_iter().map(one).collect()
        }
    };
    if progress {
        let _ = write!(err, "\r{}\r", " ".repeat(40));
    }
    results
}

/// Whether rayon's pool would have one thread, asked without starting it: its own reckoning
/// (`RAYON_NUM_THREADS`, else the deprecated `RAYON_RS_NUM_CPUS`, else the processors this
/// process may run on, as `std::thread::available_parallelism` reads its affinity).
fn one_thread() -> bool {
    let default = || std::thread::available_parallelism().map_or(1, |n| n.get());
    let var = |k: &str| std::env::var(k).ok().and_then(|s| s.parse::<usize>().ok());
    let n = match var("RAYON_NUM_THREADS") {
        Some(x @ 1..) => x,
        Some(0) => default(),
        _ => match var("RAYON_RS_NUM_CPUS") {
            Some(x @ 1..) => x,
            _ => default(),
        },
    };
    n == 1
}

/// The last step: the totals, every report, the baseline written (`--write-baseline`), and
/// the exit status by `--fail-on` (else the configuration's, else errors).
fn report(
    a: &cli::CheckArgs,
    setup: &mut Setup,
    reporters: &[(Box<dyn report::Reporter>, report::Style)],
    results: Vec<Done>,
    started: std::time::Instant,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitStatus {
    let Setup {
        cfg,
        rules,
        outputs,
        baseline,
        baseline_file,
        ..
    } = setup;
    let (mut summary, unused) = totals(&results, cfg);
    let stale_baseline = stale_baseline(baseline.as_ref(), &results);
    summary.stale_baseline = stale_baseline.len();
    let rep = report::Report {
        summary,
        rules,
        elapsed: started.elapsed(),
        unused_suppressions: unused,
        stale_baseline,
        verbose: a.verbose,
    };
    if let Some(s) = write_reports(&rep, reporters, &results, outputs, out, err) {
        return s;
    }
    if let Some(p) = &a.write_baseline {
        return write_baseline(p, baseline_file.take(), results, err);
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

/// Baseline entries whose findings were not all found: stale, reported as unused
/// suppressions are, so a baseline can be tightened (`--write-baseline`).
fn stale_baseline(baseline: Option<&config::Baseline>, results: &[Done]) -> Vec<String> {
    match baseline {
        Some(b) => {
            let mut found: std::collections::HashMap<String, usize> = Default::default();
            for d in results {
                for (fp, n) in &d.config.baseline_found {
                    *found.entry(fp.clone()).or_default() += n;
                }
            }
            b.stale(&found)
        }
        None => Vec::new(),
    }
}

/// Writes the run's findings as the baseline `p` (into `file`, created at the start).
fn write_baseline(
    p: &std::path::Path,
    file: Option<std::fs::File>,
    results: Vec<Done>,
    err: &mut dyn Write,
) -> ExitStatus {
    let b = config::Baseline::from_entries(results.into_iter().flat_map(|d| d.baseline));
    let text = serde_json::to_string_pretty(&b).unwrap_or_default() + "\n";
    let res = match file {
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
    ExitStatus::Success
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
