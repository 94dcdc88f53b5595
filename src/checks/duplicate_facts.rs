//! `duplicate-facts`: the same concept twice in one context (EFM 6.5.12).

use super::{Check, Compiled, FactSel, Hit};
use crate::checks::compile::Cx;
use crate::checks::run::RunCx;
use crate::diagnostic::Label;
use crate::filing::Fact;
use crate::syntax::yaml::Node;

/// The kind.
pub struct DuplicateFacts;

#[derive(Debug)]
struct C {
    sel: FactSel,
    inconsistent: bool,
}

impl Check for DuplicateFacts {
    fn kind(&self) -> &'static str {
        "duplicate-facts"
    }
    fn doc(&self) -> &'static str {
        "Groups selected facts by concept, context and `xml:lang`. With `mode: inconsistent` it \
fires on each fact whose value differs from the first of its group (EFM 6.5.12, an error — for \
example a flag both true and false); with `mode: consistent` on each repeat of an equal value \
(allowed, worth knowing). Values compare after transforms, text blocks by their plain text. The \
finding points at the repeat, with a label on the first.\n\nParameters: a selector and `mode`."
    }
    fn keys(&self) -> &'static [&'static str] {
        &["concept", "concepts", "namespace", "local-name", "mode"]
    }
    fn compile(&self, params: &Node, cx: &mut Cx) -> Option<Box<dyn Compiled>> {
        let mode = cx
            .required(params, "mode", "`duplicate-facts`")
            .and_then(|n| match n.as_str() {
                Some("inconsistent") => Some(true),
                Some("consistent") => Some(false),
                _ => {
                    cx.err(n.span.clone(), "`mode` must be inconsistent or consistent");
                    None
                }
            });
        let sel = FactSel::compile(params, cx);
        Some(Box::new(C {
            sel: sel?,
            inconsistent: mode?,
        }))
    }
}

fn value_key(f: &Fact) -> String {
    words(f).collect::<Vec<_>>().join(" ")
}

/// The words of a fact's value (its flag, or its text with white space collapsed): two facts
/// report the same value when their words are equal, compared without building either.
fn words(f: &Fact) -> impl Iterator<Item = &str> {
    let v = match f.boolean {
        Some(true) => "true",
        Some(false) => "false",
        None => f.text().or(f.value.as_deref()).unwrap_or(""),
    };
    v.split_whitespace()
}

impl Compiled for C {
    fn wants(&self, w: &mut super::Wants) {
        w.sel(&self.sel);
    }

    fn run(&self, rc: &RunCx<'_>, emit: &mut dyn FnMut(Hit)) {
        // Grouped by the concept's printed name (canonical prefix and local name: the same
        // element in two versions of its taxonomy is one), context and language, without
        // copying them; the engine sorts what is found, so the groups' order does not matter
        // (within a group, facts stay in document order).
        type Key<'a> = (&'a str, &'a str, &'a str, &'a str);
        let mut groups: crate::FastMap<Key<'_>, Vec<&Fact>> = Default::default();
        for f in self.sel.facts(rc.filing).into_iter().filter(|f| !f.nil) {
            groups
                .entry((
                    &f.concept.prefix,
                    &f.concept.local_name,
                    f.context.as_deref().unwrap_or_default(),
                    f.lang.as_deref().unwrap_or_default(),
                ))
                .or_default()
                .push(f);
        }
        for facts in groups.values().filter(|g| g.len() > 1) {
            let first = facts[0];
            for f in &facts[1..] {
                let differs = !words(f).eq(words(first));
                if differs == self.inconsistent {
                    emit(Hit {
                        span: f.span,
                        labels: vec![Label::on_fact(
                            first,
                            format!("first reported here as `{}`", short(&value_key(first))),
                        )],
                        matched: Some(short(&value_key(f))),
                        ..Hit::on_fact(f)
                    });
                }
            }
        }
    }
}

fn short(s: &str) -> String {
    let mut t: String = s.chars().take(60).collect();
    if t.len() < s.len() {
        t.push('…');
    }
    t
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;

    #[test]
    fn a_flag_both_true_and_false() {
        let f = filing(
            r#"<ix:nonNumeric name="cyd:CybersecurityRiskManagementProcessesIntegratedFlag" contextRef="c-1" format="ixt:fixed-true">a</ix:nonNumeric><ix:nonNumeric name="cyd:CybersecurityRiskManagementProcessesIntegratedFlag" contextRef="c-1" format="ixt:fixed-false">b</ix:nonNumeric><ix:nonNumeric name="cyd:CybersecurityRiskRoleOfManagementTextBlock" contextRef="c-1">Same  text.</ix:nonNumeric><ix:nonNumeric name="cyd:CybersecurityRiskRoleOfManagementTextBlock" contextRef="c-1">Same text.</ix:nonNumeric>"#,
        );
        let sel = "namespace: 'http://xbrl\\.sec\\.gov/cyd/.*'\n";
        let inc = run(
            &format!("kind: duplicate-facts\nmode: inconsistent\n{sel}"),
            &f,
        );
        assert_eq!(inc.len(), 1);
        assert_eq!(inc[0].matched.as_deref(), Some("false"));
        let con = run(
            &format!("kind: duplicate-facts\nmode: consistent\n{sel}"),
            &f,
        );
        assert_eq!(con.len(), 1);
        assert_eq!(
            con[0].concept.as_deref(),
            Some("cyd:CybersecurityRiskRoleOfManagementTextBlock")
        );
    }

    /// The same element in two versions of its taxonomy reports one value twice.
    #[test]
    fn duplicates_across_taxonomy_versions() {
        let f = filing(
            r#"<p><ix:nonNumeric name="cyd:CybersecurityRiskManagementProcessesIntegratedFlag" contextRef="c-1" format="ixt:fixed-true">yes</ix:nonNumeric></p><p xmlns:cyd="http://xbrl.sec.gov/cyd/2024"><ix:nonNumeric name="cyd:CybersecurityRiskManagementProcessesIntegratedFlag" contextRef="c-1" format="ixt:fixed-false">no</ix:nonNumeric></p>"#,
        );
        let inc = run(
            "kind: duplicate-facts\nmode: inconsistent\nnamespace: 'http://xbrl\\.sec\\.gov/cyd/.*'\n",
            &f,
        );
        assert_eq!(inc.len(), 1);
        assert_eq!(inc[0].matched.as_deref(), Some("false"));
    }
}
