//! Documentation generated from the rules: `docs/rules/<ID>.md`, `docs/rules/README.md`, the
//! check-kind reference and `docs/rule-schema.json`. The same text backs `cydlint explain`.
//! A test regenerates everything and fails when a committed file is stale
//! (`UPDATE_DOCS=1 cargo test` rewrites them).

use std::fmt::Write;

use super::{Rule, RuleSet, Status};
use crate::checks::CHECKS;

/// The Markdown page of a rule.
pub fn rule_page(r: &Rule) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# {} — {}\n", r.id, r.title);
    let status = match r.status {
        Status::Stable => "stable",
        Status::Preview => "preview",
        Status::Deprecated => "deprecated",
    };
    let _ = writeln!(
        s,
        "`{}` · severity **{}** · {status} · since {} · check `{}`\n",
        r.name,
        r.severity.as_str(),
        r.since,
        r.kind
    );
    if !r.citations.is_empty() {
        let _ = writeln!(s, "Citations: {}\n", r.citations.join("; "));
    }
    let a = &r.applies;
    let mut when = Vec::new();
    if !a.forms.is_empty() {
        when.push(format!("forms {}", a.forms.join(", ")));
    }
    if !a.not_forms.is_empty() {
        when.push(format!("not forms {}", a.not_forms.join(", ")));
    }
    if !a.not_items.is_empty() {
        when.push(format!("8-K items other than {}", a.not_items.join(", ")));
    }
    if let Some(d) = &a.period_end_on_or_after {
        when.push(format!("period end on or after {d}"));
    }
    if let Some(d) = &a.period_end_before {
        when.push(format!("period end before {d}"));
    }
    if !a.items.is_empty() {
        when.push(format!("8-K items {}", a.items.join(", ")));
    }
    if let Some(t) = a.transition_report {
        when.push(format!("transition report = {t}"));
    }
    if let Some(t) = a.amendment {
        when.push(format!("amendment = {t}"));
    }
    if !a.taxonomy_years.is_empty() {
        when.push(format!("cyd taxonomy {}", a.taxonomy_years.join(", ")));
    }
    if !when.is_empty() {
        let _ = writeln!(s, "Applies to: {}.\n", when.join("; "));
    }
    let sections = [
        ("What it checks", &r.docs.what),
        ("Why", &r.docs.why),
        ("Example", &r.docs.example),
        ("How to fix", &r.docs.fix),
    ];
    for (h, body) in sections {
        if !body.trim().is_empty() {
            let _ = writeln!(s, "## {h}\n\n{}\n", body.trim_end());
        }
    }
    let _ = writeln!(s, "## Message\n\n> {}\n", r.message);
    if !r.help.is_empty() {
        let _ = writeln!(s, "Help: {}\n", r.help);
    }
    if !r.conditions.is_empty() {
        let names: Vec<String> = r.conditions.iter().map(|c| format!("`{c}`")).collect();
        let _ = writeln!(
            s,
            "Named conditions it uses: {} — defined in its pack's `pack.yaml`{} (docs/rule-language.md, \"Docs links and the pack file\").\n",
            names.join(", "),
            if r.builtin {
                " ([rules/pack.yaml](../../rules/pack.yaml))"
            } else {
                ""
            }
        );
    }
    let _ = writeln!(
        s,
        "## Rule source\n\n```yaml\n{}```",
        r.source.trim_end().to_owned() + "\n"
    );
    s
}

/// The index of the built-in rules.
pub fn index(rules: &RuleSet) -> String {
    let mut s = String::from(
        "# Built-in rules\n\nGenerated from `rules/*.yaml`; do not edit.\n\n| id | name | severity | title |\n|---|---|---|---|\n",
    );
    for r in rules.iter() {
        let _ = writeln!(
            s,
            "| [{}]({}.md) | `{}` | {} | {} |",
            r.id,
            r.id,
            r.name,
            r.severity.as_str(),
            r.title
        );
    }
    s.push_str(
        "\n## Codes that are not rules\n\nProblems met while reading a filing (`read:*`) and problems of the configuration (`config:*`).\n\n| code | level | title |\n|---|---|---|\n",
    );
    for c in crate::codes::all() {
        let page = crate::codes::page_name(c.id);
        let _ = writeln!(s, "| [{}]({page}.md) | {} | {} |", c.id, c.level, c.title);
    }
    s
}

/// The check-kind reference.
pub fn check_kinds() -> String {
    let mut s = String::from(
        "# Check kinds\n\nThe closed vocabulary of `check.kind`. Generated from the code; do not edit.\n",
    );
    let common: Vec<String> = crate::checks::message::PLACEHOLDERS
        .iter()
        .map(|(n, _)| format!("`{{{n}}}`"))
        .collect();
    let _ = writeln!(
        s,
        "\nEvery rule's `message` may use {}; a kind lists the placeholders it adds.",
        common.join(", ")
    );
    for c in CHECKS {
        let _ = write!(
            s,
            "\n## `{}`\n\n{}\n\nKeys: `kind`, {}.\n",
            c.kind(),
            c.doc(),
            c.keys()
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        if !c.fills().is_empty() {
            let fills: Vec<String> = c
                .fills()
                .iter()
                .map(|(n, what)| format!("`{{{n}}}` ({what})"))
                .collect();
            let _ = writeln!(s, "\nMessage placeholders it adds: {}.", fills.join(", "));
        }
    }
    s
}

/// A JSON Schema (draft 2020-12) for rule files, for editors
/// (`# yaml-language-server: $schema=…`).
pub fn schema() -> String {
    let kinds: Vec<serde_json::Value> = CHECKS.iter().map(|c| c.kind().into()).collect();
    let check_props: serde_json::Map<String, serde_json::Value> = {
        let mut keys: Vec<&str> = CHECKS
            .iter()
            .flat_map(|c| c.keys().iter().copied())
            .collect();
        keys.sort();
        keys.dedup();
        let mut m = serde_json::Map::new();
        m.insert("kind".into(), serde_json::json!({"enum": kinds}));
        for k in keys {
            m.insert(k.into(), serde_json::json!({}));
        }
        m
    };
    let message_doc = {
        let mut names: Vec<String> = crate::checks::message::PLACEHOLDERS
            .iter()
            .map(|(n, _)| format!("{{{n}}}"))
            .collect();
        for c in CHECKS {
            for (n, _) in c.fills() {
                names.push(format!("{{{n}}} ({} only)", c.kind()));
            }
        }
        format!("Template: {}.", names.join(", "))
    };
    let v = serde_json::json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "cydlint rule",
        "type": "object",
        "additionalProperties": false,
        "required": ["id", "name", "title", "severity", "check", "message"],
        "properties": {
            "id": {"type": "string", "description": "Stable id; equals the file name stem."},
            "name": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "description": "kebab-case name."},
            "title": {"type": "string"},
            "severity": {"enum": ["error", "warning", "info"]},
            "citations": {"type": "array", "items": {"type": "string"}},
            "status": {"enum": ["stable", "preview", "deprecated"]},
            "since": {"type": "string"},
            "message": {"type": "string", "description": message_doc},
            "docs-url": {"type": "string", "description": "Where the rule's documentation lives (else its pack's `docs-url`; else no link)."},
            "scorecard": {"type": "array", "items": {"enum": crate::requirements::row_keys()}, "description": "Scorecard rows the rule's findings belong to."},
            "help": {"type": "string"},
            "docs": {"type": "object", "additionalProperties": false, "properties": {
                "what": {"type": "string"}, "why": {"type": "string"}, "example": {"type": "string"}, "fix": {"type": "string"}}},
            "applies": {"type": "object", "additionalProperties": false, "properties": {
                "forms": {"type": "array", "items": {"type": "string"}},
                "not-forms": {"type": "array", "items": {"type": "string"}},
                "not-items": {"type": "array", "items": {"type": "string"}},
                "period-end-on-or-after": {"type": "string", "format": "date"},
                "period-end-before": {"type": "string", "format": "date"},
                "items": {"type": "array", "items": {"type": "string"}},
                "transition-report": {"type": "boolean"},
                "amendment": {"type": "boolean"},
                "taxonomy-years": {"type": "array", "items": {"type": ["string", "integer"]}},
                "inputs": {"type": "array", "items": {"enum": ["inline-xbrl", "instance", "rendered", "draft"]}}}},
            "check": {"type": "object", "required": ["kind"], "additionalProperties": false, "properties": check_props}
        }
    });
    serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
}

/// The word classes of a lexicon (all, or `only` one), with their entries as written and how
/// each inflects, and the triggers: what `cydlint explain lexicon` prints. Rules name a class
/// as `@name` (`not-preceded-by`); the claim layer's frames and triggers use them too.
pub fn lexicon_page(lex: &crate::claims::Lexicon, only: Option<&str>) -> String {
    use crate::claims::morph::Inflect;
    let mut s = String::new();
    if only.is_none() {
        let _ = writeln!(
            s,
            "# The lexicon\n\nWord classes (a rule names one as \"@name\"; a pack extends one from its \
             `lexicon/` folder), then the claim layer's triggers. `verbs:` entries match every verb \
             form of their first word, `nouns:` the plural of their last.\n"
        );
    }
    for c in &lex.classes {
        let named = lex.class_names().contains(&c.name.as_str());
        if !named || only.is_some_and(|o| o != c.name) {
            continue;
        }
        let _ = writeln!(s, "## @{}\n\n{}\n", c.name, c.doc);
        let mut by: Vec<(&str, Vec<&str>)> =
            vec![("words", vec![]), ("verbs", vec![]), ("nouns", vec![])];
        for (e, how) in c.entries.iter() {
            let k = match how {
                Inflect::Exact => 0,
                Inflect::Verb => 1,
                Inflect::Noun => 2,
            };
            by[k].1.push(e);
        }
        for (k, es) in by {
            if !es.is_empty() {
                let _ = writeln!(s, "{k}: {}\n", es.join(", "));
            }
        }
    }
    if only.is_none() {
        let _ = writeln!(s, "# Computed classes\n");
        for (name, doc) in crate::claims::lexicon::COMPUTED {
            let _ = writeln!(s, "* `@{name}`: {doc}");
        }
        let _ = writeln!(s, "\n# Triggers (the claim layer)\n");
        for t in &lex.triggers {
            let words: Vec<&str> = lex.classes[t.class]
                .entries
                .iter()
                .map(|(e, _)| e)
                .collect();
            let _ = writeln!(
                s,
                "* `{}` ({}): {} — {}",
                t.name,
                t.status.as_str(),
                t.doc,
                words.join(", ")
            );
        }
    }
    s
}

/// Which rules' findings belong to which scorecard row (the rules' and packs' `scorecard`):
/// what `cydlint explain scorecard` prints.
pub fn scorecard_page(rules: &super::RuleSet) -> String {
    let mut s = String::from(
        "# Scorecard rows and their rules\n\nFrom each rule's `scorecard` key and its pack's `pack.yaml` (docs/scorecard.md).\n\n",
    );
    for r in crate::requirements::ANNUAL
        .iter()
        .chain(crate::requirements::INCIDENT)
    {
        let ids: Vec<&str> = rules
            .iter()
            .filter(|x| x.scorecard.iter().any(|k| k == r.key))
            .map(|x| x.id.as_str())
            .collect();
        let _ = writeln!(
            s,
            "* `{}` ({}, {}): {}",
            r.key,
            r.paragraph,
            r.title,
            if ids.is_empty() {
                "no rules".to_owned()
            } else {
                ids.join(", ")
            }
        );
    }
    s
}
