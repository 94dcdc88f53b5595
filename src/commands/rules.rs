//! `cydlint rules`: the rules of the built-in pack and `--rules` packs, one line each (id,
//! severity, name, title) or as JSON.

use std::io::Write;

use super::{io_status, load_rules};
use crate::{ExitStatus, cli, report};

/// Runs `cydlint rules`.
pub fn run(a: cli::RulesArgs, out: &mut dyn Write, err: &mut dyn Write) -> ExitStatus {
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
