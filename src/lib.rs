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

pub mod cli;
pub mod diagnostic;
pub mod discover;
pub mod engine;
pub mod filing;
pub mod read;
pub mod report;
pub mod rules;
pub mod ruletest;
pub mod source;
pub mod taxonomy;

use std::io::Write;

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

/// Writes rule errors to `err`: a `path:line:col: message` line each, then miette's view.
fn report_rule_errors(err: &mut dyn Write, errors: &rules::error::RuleErrors) {
    let handler =
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor());
    for e in &errors.0 {
        let _ = writeln!(err, "error: {e}");
        let mut s = String::new();
        if !e.source.is_empty()
            && handler
                .render_report(&mut s, &rules::error::RuleErrorReport::new(e.clone()))
                .is_ok()
        {
            let _ = writeln!(err, "{s}");
        }
    }
    let _ = writeln!(err, "{} error(s) in rule files", errors.0.len());
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

fn io_status(res: std::io::Result<()>, err: &mut dyn Write) -> Option<ExitStatus> {
    match res {
        Ok(()) => None,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Some(ExitStatus::Success),
        Err(e) => {
            let _ = writeln!(err, "error: cannot write output: {e}");
            Some(ExitStatus::Error)
        }
    }
}

fn check(a: cli::CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> ExitStatus {
    let Some(rules) = load_rules(&a.pack, err) else {
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
    for id in a.select.iter().chain(&a.ignore) {
        if !id.starts_with("read") && !rules.iter().any(|r| r.id.starts_with(id.as_str())) {
            let _ = writeln!(err, "error: no rule matches `{id}` (see `cydlint rules`)");
            return ExitStatus::Error;
        }
    }
    let sets = match discover::document_sets(&a.paths, a.separate) {
        Ok(s) => s,
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            return ExitStatus::Error;
        }
    };
    let opts = engine::Options {
        form: a.form.clone(),
        items: a.items.clone(),
        period_end: a.period_end.clone(),
        select: a.select.clone(),
        ignore: a.ignore.clone(),
        preview: a.preview,
    };
    let filings: Vec<filing::Filing> = sets.iter().map(|s| read::read_set(s)).collect();
    let outcomes: Vec<engine::Outcome> = filings
        .iter()
        .map(|f| engine::run(&rules, f, &opts))
        .collect();
    let checked: Vec<report::check::Checked<'_>> = filings
        .iter()
        .zip(&outcomes)
        .map(|(filing, outcome)| report::check::Checked { filing, outcome })
        .collect();
    let res = match a.format {
        cli::CheckFormat::Json => report::check::write_json(out, &checked),
        cli::CheckFormat::Text => report::check::write_text(out, &checked, a.verbose),
    };
    if let Some(s) = io_status(res, err) {
        return s;
    }
    let threshold = match a.fail_on {
        cli::FailOn::Error => Some(diagnostic::Severity::Error),
        cli::FailOn::Warning => Some(diagnostic::Severity::Warning),
        cli::FailOn::Info => Some(diagnostic::Severity::Info),
        cli::FailOn::Never => None,
    };
    let failed = threshold.is_some_and(|t| {
        outcomes
            .iter()
            .flat_map(|o| &o.findings)
            .any(|f| f.severity <= t)
    });
    if failed {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    }
}

fn list_rules(a: cli::RulesArgs, out: &mut dyn Write, err: &mut dyn Write) -> ExitStatus {
    let Some(rules) = load_rules(&a.pack, err) else {
        return ExitStatus::Error;
    };
    let res = match a.format {
        FactsFormat::Json => {
            let v: Vec<serde_json::Value> = rules
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "id": r.id, "name": r.name, "title": r.title, "severity": r.severity,
                        "status": r.status, "since": r.since, "citations": r.citations,
                        "check": r.kind, "applies": r.applies, "builtin": r.builtin,
                        "docs_url": rules::docs_url(&r.id),
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &v)
                .map_err(std::io::Error::other)
                .and_then(|_| writeln!(out))
        }
        FactsFormat::Table => rules.iter().try_for_each(|r| {
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
    match rules.get(&a.rule) {
        Some(r) => io_status(write!(out, "{}", rules::docs::rule_page(r)), err)
            .unwrap_or(ExitStatus::Success),
        None => {
            let ids: Vec<&str> = rules.iter().map(|r| r.id.as_str()).collect();
            let hint = rules::validate::closest(&a.rule, &ids)
                .map(|c| format!(" (did you mean {c}?)"))
                .unwrap_or_default();
            let _ = writeln!(err, "error: no rule `{}`{hint}", a.rule);
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
    let fixtures = a.fixtures.unwrap_or_else(|| a.dir.join("fixtures"));
    let results = ruletest::run(&rules, &fixtures);
    let mut failed = 0;
    for r in &results {
        let res = if r.ok {
            writeln!(out, "ok    {} {}", r.rule, r.path.display())
        } else {
            failed += 1;
            writeln!(out, "FAIL  {} {}: {}", r.rule, r.path.display(), r.message)
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

/// Runs a parsed command line, writing results to `out` and tool errors to `err`.
pub fn run(args: Args, out: &mut dyn Write, err: &mut dyn Write) -> ExitStatus {
    match args.command {
        Command::Check(a) => check(a, out, err),
        Command::Rules(a) => list_rules(a, out, err),
        Command::Explain(a) => explain(a, out, err),
        Command::TestRules(a) => test_rules(a, out, err),
        Command::Facts(a) => {
            let sets = match discover::document_sets(&a.paths, a.separate) {
                Ok(s) => s,
                Err(e) => {
                    let _ = writeln!(err, "error: {e}");
                    return ExitStatus::Error;
                }
            };
            for set in &sets {
                let filing = read::read_set(set);
                let res = match a.format {
                    FactsFormat::Json => report::facts::write_json(out, &filing, a.cyd_only),
                    FactsFormat::Table => report::facts::write_table(out, &filing, a.cyd_only),
                };
                if let Some(s) = io_status(res, err) {
                    return s;
                }
            }
            ExitStatus::Success
        }
    }
}
