//! `cydlint test-rules`: a rule pack's rules run against its pass/fail fixtures (see
//! [`crate::ruletest`]), a line per fixture and a count.

use std::io::Write;

use super::{io_status, load_rules};
use crate::{ExitStatus, cli, report, ruletest};

/// Runs `cydlint test-rules`.
pub fn run(a: cli::TestRulesArgs, out: &mut dyn Write, err: &mut dyn Write) -> ExitStatus {
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
