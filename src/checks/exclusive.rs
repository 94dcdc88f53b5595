//! `exclusive`: at most one of several concepts may be reported.

use super::{Check, Compiled, Hit, has_content};
use crate::checks::compile::Cx;
use crate::checks::run::RunCx;
use crate::diagnostic::Label;
use crate::syntax::validate::ConceptRef;
use crate::syntax::yaml::Node;

/// The kind.
pub struct Exclusive;

#[derive(Debug)]
struct C {
    concepts: Vec<ConceptRef>,
}

impl Check for Exclusive {
    fn kind(&self) -> &'static str {
        "exclusive"
    }
    fn doc(&self) -> &'static str {
        "Fires when facts of more than one of the listed concepts answer. The finding points at \
the second such fact, with a label on the first.\n\nParameters: `concepts` (two or more)."
    }
    fn keys(&self) -> &'static [&'static str] {
        &["concepts"]
    }
    fn compile(&self, params: &Node, cx: &mut Cx) -> Option<Box<dyn Compiled>> {
        let n = cx.required(params, "concepts", "`exclusive`")?;
        let concepts = cx.concepts(n, "`concepts`")?;
        if concepts.len() < 2 {
            cx.err(n.span.clone(), "`exclusive` needs two or more concepts");
            return None;
        }
        Some(Box::new(C { concepts }))
    }
}

impl Compiled for C {
    fn wants(&self, w: &mut super::Wants) {
        self.concepts.iter().for_each(|c| w.concept(c));
    }

    fn run(&self, rc: &RunCx<'_>, emit: &mut dyn FnMut(Hit)) {
        let present: Vec<_> = self
            .concepts
            .iter()
            .filter_map(|c| {
                rc.filing
                    .select(|x| c.matches(x))
                    .into_iter()
                    .find(|f| has_content(f))
            })
            .collect();
        if present.len() > 1 {
            emit(Hit {
                span: present[1].span,
                labels: vec![Label::on_fact(
                    present[0],
                    format!("{} is reported here", present[0].concept.qname()),
                )],
                concept: Some(present[1].concept.qname()),
                ..Hit::default()
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;

    #[test]
    fn two_of_a_set() {
        let y = "kind: exclusive\nconcepts: [cyd:MaterialCybersecurityIncidentNatureTextBlock, cyd:CybersecurityRiskRoleOfManagementTextBlock]\n";
        let both = filing(
            r#"<ix:nonNumeric name="cyd:MaterialCybersecurityIncidentNatureTextBlock" contextRef="c-1">a</ix:nonNumeric><ix:nonNumeric name="cyd:CybersecurityRiskRoleOfManagementTextBlock" contextRef="c-1">b</ix:nonNumeric>"#,
        );
        let h = run(y, &both);
        assert_eq!(h.len(), 1);
        assert_eq!(h[0].labels.len(), 1);
        let one = filing(
            r#"<ix:nonNumeric name="cyd:CybersecurityRiskRoleOfManagementTextBlock" contextRef="c-1">b</ix:nonNumeric>"#,
        );
        assert!(run(y, &one).is_empty());
    }
}
