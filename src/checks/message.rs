//! Message templates: the `{name}` placeholders a rule's message may use — those every rule
//! may ([`PLACEHOLDERS`]) and those its check kind fills ([`super::Check::fills`]) — and how
//! a hit fills them. Beside the check kinds, whose hits fill them, and below the rule language,
//! which refuses a template with a placeholder its kind does not fill.

use super::{Check, Hit};
use crate::diagnostic::Severity;

/// The placeholders every rule's message may use, whatever its check kind, with what each
/// is filled with. A check kind adds its own ([`Check::fills`]).
pub const PLACEHOLDERS: &[(&str, &str)] = &[
    (
        "severityVerb",
        "\"must\" for an error, \"should\" otherwise, as EFM messages say it",
    ),
    (
        "concept",
        "the concept the finding is about (\"the concept\" when none)",
    ),
    (
        "form",
        "the form (document type) checked (\"the filing\" when unknown)",
    ),
    ("matched", "the matched phrase or the offending value"),
];

/// The placeholders a message of a rule of check kind `kind` may use: [`PLACEHOLDERS`] and
/// those the kind fills.
pub fn placeholders(kind: &dyn Check) -> Vec<(&'static str, &'static str)> {
    PLACEHOLDERS.iter().chain(kind.fills()).copied().collect()
}

/// The `{name}` placeholders of a template: each name with its byte range (braces included).
pub fn template_placeholders(template: &str) -> Vec<(&str, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(open) = template[at..].find('{').map(|i| at + i) {
        let rest = &template[open + 1..];
        match rest.find(['{', '}']) {
            Some(close) if rest.as_bytes()[close] == b'}' => {
                let name = &rest[..close];
                if !name.is_empty() && !name.chars().any(char::is_whitespace) {
                    out.push((name, open..open + close + 2));
                }
                at = open + close + 2;
            }
            Some(close) => at = open + 1 + close,
            None => break,
        }
    }
    out
}

/// What placeholder `name` is filled with for `hit`, when cydlint knows the name.
fn placeholder_value<'h>(
    name: &str,
    sev: Severity,
    hit: &'h Hit,
    form: Option<&'h str>,
) -> Option<&'h str> {
    Some(match name {
        "severityVerb" => sev.verb(),
        "concept" => hit.concept.as_deref().unwrap_or("the concept"),
        "form" => form.unwrap_or("the filing"),
        "matched" => hit.matched.as_deref().unwrap_or(""),
        "sentence" => hit.sentence.as_deref().unwrap_or(""),
        "cue" => hit.cue.as_deref().unwrap_or(""),
        "imported" => hit.imported.as_deref().unwrap_or(""),
        "absence" => hit.absence.as_deref().unwrap_or("is not tagged"),
        _ => return None,
    })
}

/// Fills a message template. Rule loading refuses a template with a placeholder its check
/// kind does not fill, so every `{name}` here is known; one that were not would be left as
/// written.
pub fn fill(template: &str, sev: Severity, hit: &Hit, form: Option<&str>) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut at = 0;
    for (name, r) in template_placeholders(template) {
        if let Some(v) = placeholder_value(name, sev, hit, form) {
            out.push_str(&template[at..r.start]);
            out.push_str(v);
            at = r.end;
        }
    }
    out.push_str(&template[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every placeholder a rule may use — the common ones and each kind's — is filled, and
    /// nothing else is touched: the valid set and `fill` cannot drift apart.
    #[test]
    fn every_declared_placeholder_is_filled() {
        let hit = Hit {
            concept: Some("cyd:X".into()),
            matched: Some("M".into()),
            sentence: Some("S".into()),
            cue: Some("C".into()),
            imported: Some("I".into()),
            absence: Some("A".into()),
            ..Hit::default()
        };
        let mut names: Vec<&str> = PLACEHOLDERS.iter().map(|(n, _)| *n).collect();
        for c in super::super::CHECKS {
            names.extend(c.fills().iter().map(|(n, _)| *n));
            for (n, _) in placeholders(*c) {
                assert!(names.contains(&n));
            }
        }
        assert!(names.contains(&"cue") && names.contains(&"sentence"));
        for n in names {
            let t = format!("<{{{n}}}>");
            let got = fill(&t, Severity::Error, &hit, Some("10-K"));
            assert!(
                !got.contains('{') && got != t,
                "{{{n}}} is not filled: {got}"
            );
        }
        assert_eq!(
            fill(
                "{severityVerb} {concept} {form} {matched} {sentence} {cue} {imported} {absence} {x} {a b} {",
                Severity::Warning,
                &hit,
                None
            ),
            "should cyd:X the filing M S C I A {x} {a b} {"
        );
        assert_eq!(
            template_placeholders("a {b} {c d} {{e}} {f"),
            [("b", 2..5), ("e", 13..16)]
        );
    }
}
