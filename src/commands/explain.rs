//! `cydlint explain`: the documentation page of one rule (by id, id prefix or name), one
//! finding code (`read:*`, `config:*`), a word class (`@class`), the lexicon or the scorecard.

use std::io::Write;

use super::{io_status, load_rules};
use crate::{ExitStatus, cli, codes, rules};

/// Runs `cydlint explain`.
pub fn run(a: cli::ExplainArgs, out: &mut dyn Write, err: &mut dyn Write) -> ExitStatus {
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
                    let hint = crate::syntax::validate::closest(class, &names)
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
