//! The engine: a pure function from (rule set, filing, options) to sorted findings.
//!
//! For each rule it first decides applicability (form, period end, 8-K items, transition and
//! amendment status, taxonomy year, input kind). A rule that cannot be decided — it needs the
//! document type and none is known, say, or its check needs the company schema and none was
//! read ([`crate::checks::Compiled::undecided`]) — is *skipped with a reason*, never passed silently.
//! Problems met while reading become findings too (rule `read:<code>`), so a malformed filing
//! is a finding, not a crash. No I/O, no printing.

use serde::Serialize;

use crate::checks::Hit;
use crate::checks::message::fill;
use crate::checks::run::RunCx;
use crate::diagnostic::{Finding, Severity};
use crate::filing::{Filing, InputKind, IssueLevel};
use crate::rules::{Rule, RuleSet, Status};

/// What the user told us about the filing, overriding what it says.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// `--form`.
    pub form: Option<String>,
    /// `--items` (8-K items).
    pub items: Vec<String>,
    /// `--period-end`.
    pub period_end: Option<String>,
    /// Rule ids or id prefixes to run (empty: all stable rules).
    pub select: Vec<String>,
    /// Rule ids or id prefixes not to run.
    pub ignore: Vec<String>,
    /// Run preview rules too.
    pub preview: bool,
}

/// A rule that did not run, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// The rule id.
    pub rule: String,
    /// Why it was not decided.
    pub reason: String,
}

/// The result of checking one filing.
#[derive(Clone, Debug, Default)]
pub struct Outcome {
    /// Findings, sorted by file, position, rule.
    pub findings: Vec<Finding>,
    /// Rules that could not be decided.
    pub skipped: Vec<Skipped>,
    /// Rules that ran.
    pub ran: usize,
}

fn selected(id: &str, list: &[String]) -> bool {
    list.iter().any(|p| id == p || id.starts_with(p.as_str()))
}

/// The 8-K items a document reports, from its "Item N.NN" headings.
pub fn document_items(filing: &Filing) -> Vec<String> {
    static ITEM: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?im)^[ \t]*item[ \t]*(\d+\.\d\d)\b").expect("static regex")
    });
    let mut items: Vec<String> = ITEM
        .captures_iter(filing.text.visible())
        .map(|c| c[1].to_string())
        .collect();
    items.sort();
    items.dedup();
    items
}

/// Decides whether `rule` applies. `Ok(true)`: run it; `Ok(false)`: not applicable;
/// `Err(reason)`: cannot be decided.
fn applies(rule: &Rule, rc: &RunCx<'_>) -> Result<bool, String> {
    let a = &rule.applies;
    let f = rc.filing;
    if !a.inputs.is_empty() && !f.kind.is_some_and(|k| a.inputs.contains(&k)) {
        return Ok(false);
    }
    if f.kind == Some(InputKind::Draft) && rule.check.needs_facts() {
        return Err("needs tagged facts; the input is an untagged draft".into());
    }
    if !a.forms.is_empty() {
        match &rc.form {
            None => return Err("the document type is unknown (give --form)".into()),
            Some(form) => {
                if !a.forms.iter().any(|x| x.eq_ignore_ascii_case(form)) {
                    return Ok(false);
                }
            }
        }
    }
    if !a.not_forms.is_empty() {
        match &rc.form {
            None => return Err("the document type is unknown (give --form)".into()),
            Some(form) => {
                if a.not_forms.iter().any(|x| x.eq_ignore_ascii_case(form)) {
                    return Ok(false);
                }
            }
        }
    }
    if a.period_end_on_or_after.is_some() || a.period_end_before.is_some() {
        let Some(pe) = &rc.period_end else {
            return Err("the period end date is unknown (give --period-end)".into());
        };
        if let Some(min) = &a.period_end_on_or_after
            && pe < min
        {
            return Ok(false);
        }
        if let Some(max) = &a.period_end_before
            && pe >= max
        {
            return Ok(false);
        }
    }
    if !a.items.is_empty() {
        if rc.items.is_empty() {
            return Err("the 8-K items are unknown (give --items)".into());
        }
        if !a.items.iter().any(|i| rc.items.contains(i)) {
            return Ok(false);
        }
    }
    if !a.not_items.is_empty() && a.not_items.iter().any(|i| rc.items.contains(i)) {
        return Ok(false);
    }
    if let Some(t) = a.transition_report
        && f.cover.transition_report.unwrap_or(false) != t
    {
        return Ok(false);
    }
    if let Some(am) = a.amendment
        && f.cover.amendment.unwrap_or(false) != am
    {
        return Ok(false);
    }
    if !a.taxonomy_years.is_empty() {
        let years: Vec<&str> = f
            .cyd_namespaces
            .iter()
            .filter_map(|n| crate::taxonomy::cyd_year(n))
            .collect();
        if years.is_empty() {
            return Err("no cyd namespace is declared, so the taxonomy year is unknown".into());
        }
        if !years
            .iter()
            .any(|y| a.taxonomy_years.iter().any(|t| t == y))
        {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Checks one filing.
pub fn run(rules: &RuleSet, filing: &Filing, opts: &Options) -> Outcome {
    run_keeping_said(rules, filing, opts).0
}

/// Checks one filing, and gives back what its claim rules analysed
/// ([`crate::checks::claimed::Said`], each sentence's claims by its words), so that a later
/// reading of the same filing with the same lexicon (the scorecard's) analyses no sentence
/// twice.
pub fn run_keeping_said(
    rules: &RuleSet,
    filing: &Filing,
    opts: &Options,
) -> (Outcome, crate::checks::claimed::Said) {
    let form = opts
        .form
        .clone()
        .or_else(|| filing.cover.document_type.clone());
    let items = if opts.items.is_empty() {
        if form.as_deref().is_some_and(|f| f.starts_with("8-K")) {
            document_items(filing)
        } else {
            Vec::new()
        }
    } else {
        opts.items.clone()
    };
    let rc = RunCx::new(
        filing,
        form.clone(),
        items,
        opts.period_end
            .clone()
            .or_else(|| filing.cover.period_end.clone()),
        rules.lexicon(),
    );
    let mut out = Outcome::default();
    for issue in &filing.issues {
        let id = format!("read:{}", issue.code);
        if selected(&id, &opts.ignore) || (!opts.select.is_empty() && !selected(&id, &opts.select))
        {
            continue;
        }
        let help = crate::codes::find(&id).map(|c| c.fix.to_string());
        let docs_url = Some(crate::rules::docs_url(&id));
        out.findings.push(Finding {
            rule: id,
            name: issue.code.to_string(),
            severity: match issue.level {
                IssueLevel::Error => Severity::Error,
                IssueLevel::Warning => Severity::Warning,
                IssueLevel::Info => Severity::Info,
            },
            message: issue.message.clone(),
            span: issue.span,
            labels: Vec::new(),
            help,
            citations: Vec::new(),
            docs_url,
            concept: None,
            matched: None,
            context: None,
            fact_id: None,
        });
    }
    for rule in rules.iter() {
        let explicitly = selected(&rule.id, &opts.select);
        if !opts.select.is_empty() && !explicitly {
            continue;
        }
        if selected(&rule.id, &opts.ignore) {
            continue;
        }
        if rule.status == Status::Preview && !opts.preview && !explicitly {
            continue;
        }
        match applies(rule, &rc).and_then(|a| match rule.check.undecided(&rc) {
            Some(reason) if a => Err(reason),
            _ => Ok(a),
        }) {
            Ok(false) => continue,
            Err(reason) => {
                out.skipped.push(Skipped {
                    rule: rule.id.clone(),
                    reason,
                });
                continue;
            }
            Ok(true) => {}
        }
        out.ran += 1;
        let mut hits: Vec<Hit> = Vec::new();
        rule.check.run(&rc, &mut |h| hits.push(h));
        // The same place found through two overlapping scopes (a fact's text and the section
        // around it) is one finding; the one that knows its concept is kept.
        hits.sort_by(|a, b| {
            let key = |h: &Hit| {
                (
                    h.span.file,
                    h.span.start,
                    h.span.end,
                    h.concept.is_none(),
                    h.concept.clone(),
                )
            };
            key(a).cmp(&key(b))
        });
        hits.dedup_by(|later, kept| {
            later.span == kept.span
                && (later.concept == kept.concept
                    || later.concept.is_none()
                    || (later.matched.is_some() && later.matched == kept.matched))
        });
        for h in hits {
            out.findings.push(Finding {
                rule: rule.id.clone(),
                name: rule.name.clone(),
                severity: rule.severity,
                message: fill(&rule.message, rule.severity, &h, form.as_deref()),
                span: h.span,
                labels: h.labels,
                help: (!rule.help.is_empty()).then(|| rule.help.clone()),
                citations: rule.citations.clone(),
                docs_url: rule.docs_url.clone(),
                concept: h.concept,
                matched: h.matched,
                context: h.context,
                fact_id: h.fact_id,
            });
        }
    }
    out.findings.sort_by(|a, b| {
        (a.span.file, a.span.start, &a.rule).cmp(&(b.span.file, b.span.start, &b.rule))
    });
    (out, rc.said)
}
