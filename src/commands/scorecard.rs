//! `cydlint scorecard`: per requirement of Item 106 / 16K / 1.05, whether and how a filing
//! answers it (see [`crate::scorecard`]), from the findings `check` would report.

use std::io::Write;

use super::configure::{Verdict, config_and_rules, judge};
use super::{document_sets, io_status};
use crate::{ExitStatus, cli, config, engine, read, scorecard};

/// `cydlint scorecard`: the findings of `check` (with the configuration's packs, selection,
/// severities and suppressions; no baseline, which is about new findings, not the state of a
/// filing), arranged per requirement.
pub fn run(a: cli::ScorecardArgs, out: &mut dyn Write, err: &mut dyn Write) -> ExitStatus {
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
    let limits = a.read.limits();
    let keep = rules.keep();
    let drafts = read::DraftOptions {
        reject_changes: a.reject_changes,
    };
    let cards: Vec<scorecard::Scorecard> = {
        use rayon::prelude::*;
        sets.par_iter()
            .map(|s| {
                let f = read::reread_drafts(read::read_set_keeping(s, &limits, &keep), &drafts);
                // The claim rules' analyses are handed to the scorecard, which reads the
                // same sentences again.
                let (mut o, memo) = engine::run_keeping_said(&rules, &f, &opts);
                let inline = config::inline_suppressions(&f);
                o.findings
                    .retain_mut(|x| matches!(judge(&cfg, &inline, &f, x), Verdict::Stands));
                scorecard::build_with(&f, &o, &rules, a.form.as_deref(), &memo)
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
