//! `require-fact`: each named concept has a fact that answers (present, not nil, not empty).
//! A concept tagged only as nil or empty is not "not tagged": the finding says which, on the
//! fact (`{absence}`), so it never contradicts the tagging a reviewer sees.

use super::{Check, Compiled, Hit, has_content};
use crate::checks::compile::Cx;
use crate::checks::run::RunCx;
use crate::syntax::validate::ConceptRef;
use crate::syntax::yaml::Node;

/// The kind.
pub struct RequireFact;

#[derive(Debug)]
struct Compiledx {
    concepts: Vec<ConceptRef>,
    only_if_tagged: bool,
}

impl Check for RequireFact {
    fn kind(&self) -> &'static str {
        "require-fact"
    }
    fn doc(&self) -> &'static str {
        "Fires once per listed concept that has no fact which answers: a fact that is present, \
not `xsi:nil`, and not empty. The finding points at the Item 1C/16K/1.05 heading (else the \
document type fact). Absence is not `false`: a flag that is not tagged is reported here, never \
read as false. A concept whose facts are all nil or empty is reported on its first fact, and `{absence}` says so (\"is tagged, but as nil (xsi:nil), so it answers nothing\"); otherwise `{absence}` is \"is not tagged\". With `only-if-tagged: true` it stays silent on a filing with no cyd fact at all \
(the rule that asks for cyd facts already reports that; one root cause, one finding).\n\n\
Parameters: `concept` or `concepts`, `only-if-tagged`."
    }
    fn keys(&self) -> &'static [&'static str] {
        &["concept", "concepts", "only-if-tagged"]
    }
    fn fills(&self) -> &'static [(&'static str, &'static str)] {
        &[(
            "absence",
            "how the concept is missing: \"is not tagged\", or \"is tagged, but as nil (xsi:nil), so it answers nothing\" / \"… but empty …\"",
        )]
    }
    fn compile(&self, params: &Node, cx: &mut Cx) -> Option<Box<dyn Compiled>> {
        let mut concepts = Vec::new();
        if let Some(n) = params.get("concept") {
            concepts.extend(cx.concept(n, "`concept`"));
        }
        if let Some(n) = params.get("concepts") {
            concepts.extend(cx.concepts(n, "`concepts`").unwrap_or_default());
        }
        if concepts.is_empty() {
            cx.err(
                params.span.clone(),
                "`require-fact` needs `concept` or `concepts`",
            );
            return None;
        }
        let only_if_tagged = match params.get("only-if-tagged") {
            Some(n) => cx.bool(n, "`only-if-tagged`")?,
            None => false,
        };
        Some(Box::new(Compiledx {
            concepts,
            only_if_tagged,
        }))
    }
}

impl Compiled for Compiledx {
    fn wants(&self, w: &mut super::Wants) {
        self.concepts.iter().for_each(|c| w.concept(c));
    }

    fn run(&self, rc: &RunCx<'_>, emit: &mut dyn FnMut(Hit)) {
        if self.only_if_tagged && rc.filing.cyd_facts().next().is_none() {
            return;
        }
        for c in &self.concepts {
            let facts = rc.filing.select(|x| c.matches(x));
            if facts.iter().copied().any(has_content) {
                continue;
            }
            let hit = match facts.first() {
                // Tagged, but answering nothing: said so, on the fact.
                Some(f) => Hit {
                    absence: Some(
                        if f.nil {
                            "is tagged, but as nil (xsi:nil), so it answers nothing"
                        } else {
                            "is tagged, but empty, so it answers nothing"
                        }
                        .to_owned(),
                    ),
                    ..Hit::on_fact(f)
                },
                None => Hit {
                    span: rc.anchor(),
                    concept: Some(c.qname()),
                    ..Hit::default()
                },
            };
            emit(hit);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;

    #[test]
    fn missing_and_nil_facts_fire_present_ones_do_not() {
        let f = filing(
            r#"<p>Item 1C. Cybersecurity</p><p><ix:nonNumeric name="cyd:CybersecurityRiskManagementProcessesIntegratedFlag" contextRef="c-1" format="ixt:fixed-true">yes</ix:nonNumeric></p><ix:nonNumeric name="cyd:CybersecurityRiskRoleOfManagementTextBlock" contextRef="c-1" xsi:nil="true"/>"#,
        );
        let hits = run(
            "kind: require-fact\nconcepts: [cyd:CybersecurityRiskManagementProcessesIntegratedFlag, cyd:CybersecurityRiskRoleOfManagementTextBlock, cyd:CybersecurityRiskManagementThirdPartyEngagedFlag]\n",
            &f,
        );
        let concepts: Vec<_> = hits.iter().map(|h| h.concept.clone().unwrap()).collect();
        assert_eq!(
            concepts,
            [
                "cyd:CybersecurityRiskRoleOfManagementTextBlock",
                "cyd:CybersecurityRiskManagementThirdPartyEngagedFlag"
            ]
        );
        // The nil text block is tagged: said so, on the fact; the flag is not: on the heading.
        assert!(
            hits[0]
                .absence
                .as_deref()
                .is_some_and(|a| a.contains("nil")),
            "{:?}",
            hits[0].absence
        );
        let nil = f
            .facts
            .iter()
            .find(|x| x.nil)
            .expect("the nil text block is read");
        assert_eq!(hits[0].span, nil.span);
        assert_eq!(hits[1].absence, None);
        assert_eq!(text_at(&f, hits[1].span), "Item 1C. Cybersecurity");
    }
}
