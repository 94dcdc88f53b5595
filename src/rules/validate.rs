//! Raw YAML tree → [`Rule`], collecting every problem with its span.
//!
//! A rule file is read with the check kinds' [`Cx`] (the syntax floor's validation context,
//! with the lexicon its topics and classes are names in); its `check:` mapping is compiled by
//! the check kind it names, with the same helpers.

use std::path::Path;

use super::{Applies, Docs, Rule, Status};
use crate::checks::{self, Cx};
use crate::diagnostic::Severity;
use crate::filing::InputKind;
use crate::syntax::validate::closest;
use crate::syntax::yaml::Node;
use crate::taxonomy;

const TOP_KEYS: &[&str] = &[
    "id",
    "name",
    "title",
    "severity",
    "citations",
    "status",
    "since",
    "applies",
    "check",
    "message",
    "help",
    "docs",
    "docs-url",
    "scorecard",
];
const APPLIES_KEYS: &[&str] = &[
    "forms",
    "not-forms",
    "period-end-on-or-after",
    "period-end-before",
    "items",
    "not-items",
    "transition-report",
    "amendment",
    "taxonomy-years",
    "inputs",
];
const DOCS_KEYS: &[&str] = &["what", "why", "example", "fix"];

fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Validates a parsed rule file. `stem` is the file stem (which must equal the id).
pub fn rule(cx: &mut Cx, root: &Node, stem: &str, path: &Path, builtin: bool) -> Option<Rule> {
    if !cx.keys(root, "a rule", TOP_KEYS) {
        return None;
    }
    let before = cx.errors.len();
    let id = cx.required(root, "id", "the rule").and_then(|n| {
        let id = cx.str(n, "`id`")?;
        if id != stem {
            cx.err(
                n.span.clone(),
                format!("rule id `{id}` must equal the file name stem `{stem}`"),
            );
        }
        Some(id)
    });
    let name = cx.required(root, "name", "the rule").and_then(|n| {
        let s = cx.str(n, "`name`")?;
        if !is_kebab(&s) {
            cx.err(
                n.span.clone(),
                format!("`name` must be kebab-case, found `{s}`"),
            );
        }
        Some(s)
    });
    let title = cx
        .required(root, "title", "the rule")
        .and_then(|n| cx.str(n, "`title`"));
    let severity = cx.required(root, "severity", "the rule").and_then(|n| {
        let s = cx.scalar(n, "`severity`")?;
        let sev = Severity::parse(&s);
        if sev.is_none() {
            cx.err(
                n.span.clone(),
                format!("`severity` must be error, warning or info, found `{s}`"),
            );
        }
        sev
    });
    let citations = match root.get("citations") {
        Some(n) => cx.str_list(n, "`citations`").unwrap_or_default(),
        None => Vec::new(),
    };
    let status = match root.get("status") {
        None => Some(Status::Stable),
        Some(n) => cx.scalar(n, "`status`").and_then(|s| {
            let st = match s.as_str() {
                "stable" => Some(Status::Stable),
                "preview" => Some(Status::Preview),
                "deprecated" => Some(Status::Deprecated),
                _ => None,
            };
            if st.is_none() {
                cx.err(
                    n.span.clone(),
                    format!("`status` must be stable, preview or deprecated, found `{s}`"),
                );
            }
            st
        }),
    };
    let since = match root.get("since") {
        Some(n) => cx.scalar(n, "`since`"),
        None => Some("0.1.0".into()),
    };
    let message = cx
        .required(root, "message", "the rule")
        .and_then(|n| cx.str(n, "`message`"));
    let help = match root.get("help") {
        Some(n) => cx.str(n, "`help`"),
        None => Some(String::new()),
    };
    let docs = match root.get("docs") {
        None => Some(Docs::default()),
        Some(n) => {
            if cx.keys(n, "`docs`", DOCS_KEYS) {
                let mut get = |k: &str| {
                    n.get(k)
                        .and_then(|v| cx.str(v, &format!("`docs.{k}`")))
                        .unwrap_or_default()
                };
                Some(Docs {
                    what: get("what"),
                    why: get("why"),
                    example: get("example"),
                    fix: get("fix"),
                })
            } else {
                None
            }
        }
    };
    let docs_url = match root.get("docs-url") {
        Some(n) => cx.str(n, "`docs-url`").and_then(|u| {
            if u.trim().is_empty() {
                cx.err(
                    n.span.clone(),
                    "`docs-url` is empty; leave it out to print no link",
                );
                None
            } else {
                Some(Some(u))
            }
        }),
        None => Some(None),
    };
    let scorecard = match root.get("scorecard") {
        Some(n) => scorecard_rows(cx, n),
        None => Some(Vec::new()),
    };
    let applies = match root.get("applies") {
        None => Some(Applies::default()),
        Some(n) => applies(cx, n),
    };
    let compiled = cx.required(root, "check", "the rule").and_then(|n| {
        if n.as_map().is_none() {
            cx.err(
                n.span.clone(),
                format!("`check` must be a mapping, found {}", n.type_name()),
            );
            return None;
        }
        let kind_node = cx.required(n, "kind", "`check`")?;
        let kind = cx.scalar(kind_node, "`check.kind`")?;
        match checks::find(&kind) {
            Some(c) => {
                let mut allowed: Vec<&str> = c.keys().to_vec();
                allowed.push("kind");
                cx.keys(n, &format!("`check` ({kind})"), &allowed);
                c.compile(n, cx).map(|b| (kind, b))
            }
            None => {
                let names: Vec<&str> = checks::CHECKS.iter().map(|c| c.kind()).collect();
                let hint = closest(&kind, &names)
                    .map(|c| format!(" (did you mean `{c}`?)"))
                    .unwrap_or_default();
                cx.err(
                    kind_node.span.clone(),
                    format!(
                        "unknown check kind `{kind}`{hint}; known kinds: {}",
                        names.join(", ")
                    ),
                );
                None
            }
        }
    });
    if let (Some(text), Some(node)) = (&message, root.get("message"))
        && let Some(kind) = root
            .get("check")
            .and_then(|c| c.get("kind"))
            .and_then(|k| k.as_str())
            .and_then(checks::find)
    {
        placeholders(cx, node, text, kind);
    }
    if cx.errors.len() > before {
        return None;
    }
    let Some((kind, check)) = compiled else {
        // A check kind that refuses its parameters says why; were one ever to return
        // nothing without a reason, the rule must not vanish silently.
        let at = root.get("check").map_or(0..0, |n| n.span.clone());
        cx.err(at, "this check could not be compiled");
        return None;
    };
    Some(Rule {
        id: id?,
        name: name?,
        title: title?,
        severity: severity?,
        citations,
        status: status?,
        since: since?,
        message: message?,
        help: help?,
        docs: docs?,
        applies: applies?,
        kind,
        check,
        path: path.to_path_buf(),
        source: (*cx.source).clone(),
        builtin,
        docs_url: docs_url?,
        scorecard: scorecard?,
        conditions: cx.used_conditions.clone(),
    })
}

/// A list of scorecard row keys (`processes`, `board`, …; see [`crate::scorecard`]).
pub fn scorecard_rows(cx: &mut crate::syntax::validate::Cx, n: &Node) -> Option<Vec<String>> {
    let items = cx.list(n, "`scorecard`")?;
    let keys = crate::requirements::row_keys();
    let mut out = Vec::new();
    let mut ok = true;
    for item in items {
        let Some(k) = cx.scalar(item, "a scorecard row") else {
            ok = false;
            continue;
        };
        if keys.contains(&k.as_str()) {
            out.push(k);
        } else {
            let hint = closest(&k, &keys)
                .map(|c| format!(" (did you mean `{c}`?)"))
                .unwrap_or_default();
            cx.err(
                item.span.clone(),
                format!(
                    "unknown scorecard row `{k}`{hint}; rows: {}",
                    keys.join(", ")
                ),
            );
            ok = false;
        }
    }
    ok.then_some(out)
}

/// Reports every placeholder of a message template that a rule of check kind `kind` does not
/// fill, with the valid ones and the nearest name.
fn placeholders(cx: &mut Cx, node: &Node, text: &str, kind: &dyn checks::Check) {
    let valid = crate::checks::message::placeholders(kind);
    let names: Vec<&str> = valid.iter().map(|(n, _)| *n).collect();
    for (name, _) in crate::checks::message::template_placeholders(text) {
        if names.contains(&name) {
            continue;
        }
        // The exact `{name}` in the YAML when it is written there as is (not escaped).
        let written = format!("{{{name}}}");
        let span = cx
            .source
            .get(node.span.clone())
            .and_then(|s| s.find(&written))
            .map(|i| node.span.start + i..node.span.start + i + written.len())
            .unwrap_or_else(|| node.span.clone());
        let others: Vec<&str> = checks::CHECKS
            .iter()
            .filter(|c| c.fills().iter().any(|(n, _)| *n == name))
            .map(|c| c.kind())
            .collect();
        let why = if others.is_empty() {
            let hint = closest(name, &names)
                .map(|c| format!(" (did you mean `{{{c}}}`?)"))
                .unwrap_or_default();
            format!("unknown placeholder `{{{name}}}` in `message`{hint}")
        } else {
            format!(
                "placeholder `{{{name}}}` in `message` is filled only by `{}` checks, not `{}`",
                others.join("`, `"),
                kind.kind()
            )
        };
        let list: Vec<String> = names.iter().map(|n| format!("{{{n}}}")).collect();
        cx.err(
            span,
            format!(
                "{why}; a `{}` rule's message may use: {}",
                kind.kind(),
                list.join(", ")
            ),
        );
    }
}

fn applies(cx: &mut Cx, n: &Node) -> Option<Applies> {
    if !cx.keys(n, "`applies`", APPLIES_KEYS) {
        return None;
    }
    let mut a = Applies::default();
    let before = cx.errors.len();
    if let Some(v) = n.get("forms") {
        a.forms = cx.str_list(v, "`applies.forms`").unwrap_or_default();
    }
    if let Some(v) = n.get("not-forms") {
        a.not_forms = cx.str_list(v, "`applies.not-forms`").unwrap_or_default();
    }
    if let Some(v) = n.get("not-items") {
        a.not_items = cx.str_list(v, "`applies.not-items`").unwrap_or_default();
    }
    if let Some(v) = n.get("period-end-on-or-after") {
        a.period_end_on_or_after = cx.date(v, "`applies.period-end-on-or-after`");
    }
    if let Some(v) = n.get("period-end-before") {
        a.period_end_before = cx.date(v, "`applies.period-end-before`");
    }
    if let Some(v) = n.get("items") {
        a.items = cx.str_list(v, "`applies.items`").unwrap_or_default();
    }
    if let Some(v) = n.get("transition-report") {
        a.transition_report = cx.bool(v, "`applies.transition-report`");
    }
    if let Some(v) = n.get("amendment") {
        a.amendment = cx.bool(v, "`applies.amendment`");
    }
    if let Some(v) = n.get("taxonomy-years") {
        a.taxonomy_years = cx
            .str_list(v, "`applies.taxonomy-years`")
            .unwrap_or_default();
        for y in &a.taxonomy_years {
            if !taxonomy::CYD_YEARS.contains(&y.as_str()) {
                cx.err(
                    v.span.clone(),
                    format!(
                        "unknown cyd taxonomy year `{y}`; known: {}",
                        taxonomy::CYD_YEARS.join(", ")
                    ),
                );
            }
        }
    }
    if let Some(v) = n.get("inputs") {
        for item in cx.list(v, "`applies.inputs`").unwrap_or_default() {
            let k = match item.as_str() {
                Some("inline-xbrl") => Some(InputKind::InlineXbrl),
                Some("instance") => Some(InputKind::Instance),
                Some("rendered") => Some(InputKind::Rendered),
                Some("draft") => Some(InputKind::Draft),
                _ => None,
            };
            match k {
                Some(k) => a.inputs.push(k),
                None => cx.err(
                    item.span.clone(),
                    "`applies.inputs` items must be inline-xbrl, instance, rendered or draft",
                ),
            }
        }
    }
    (cx.errors.len() == before).then_some(a)
}
