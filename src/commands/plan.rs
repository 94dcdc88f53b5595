//! `cydlint plan`: the tagging plan of drafts (see [`crate::plan`]) as a table, JSON or an
//! annotated HTML page. Every path is a draft of its own; a path that cannot be read is an
//! error on standard error and exit 2, as in `check`.

use std::io::Write;

use crate::ExitStatus;
use crate::cli::{PlanArgs, PlanFormat};

/// Runs `cydlint plan`.
pub fn run(a: PlanArgs, out: &mut dyn Write, err: &mut dyn Write) -> ExitStatus {
    let Some(sets) = super::document_sets(&a.paths, true, err) else {
        return ExitStatus::Error;
    };
    // The lexicon `check` reads with: the built-in one, extended by the packs' `lexicon/`
    // folders (a pack's rules are not needed for a plan).
    let lex = match crate::claims::load(&a.pack.rules, false) {
        Ok(l) => l,
        Err(e) => {
            super::report_rule_errors(err, &crate::syntax::error::RuleErrors(e));
            return ExitStatus::Error;
        }
    };
    let opts = crate::read::DraftOptions {
        reject_changes: a.reject_changes,
    };
    let mut plans = Vec::new();
    let mut failed = false;
    for set in &sets {
        let f = crate::read::read_draft_set(set, &opts);
        for i in f
            .issues
            .iter()
            .filter(|i| i.level == crate::filing::IssueLevel::Error)
        {
            let _ = writeln!(err, "error: {}", i.message);
            failed = true;
        }
        plans.push(crate::plan::plan(&lex, &f, a.form.as_deref()));
    }
    let text = match a.format {
        PlanFormat::Table => crate::plan::table(&plans),
        PlanFormat::Json => crate::plan::json(&plans),
        PlanFormat::Html => crate::plan::html(&plans),
    };
    if out.write_all(text.as_bytes()).is_err() {
        return ExitStatus::Error;
    }
    if failed {
        ExitStatus::Error
    } else {
        ExitStatus::Success
    }
}
