//! `dependency`: if a condition holds, another must hold too (EFM `item-facts-dependency`).

use super::{Check, Compiled, Hit};
use crate::checks::compile::Cx;
use crate::checks::cond::Cond;
use crate::checks::run::RunCx;
use crate::syntax::yaml::Node;

/// The kind.
pub struct Dependency;

#[derive(Debug)]
struct C {
    when: Cond,
    then: Cond,
}

impl Check for Dependency {
    fn kind(&self) -> &'static str {
        "dependency"
    }
    fn doc(&self) -> &'static str {
        "Fires once when `if` holds and `then` does not. Both are conditions (see \
`when` in the rule-language docs: `fact`, `text`, `all`, `any`, `not`). The finding points at \
the first fact named by `if` (else the Item 1C/16K/1.05 heading), with labels on the facts \
`then` names, when present.\n\nParameters: `if`, `then`."
    }
    fn keys(&self) -> &'static [&'static str] {
        &["if", "then"]
    }
    fn compile(&self, params: &Node, cx: &mut Cx) -> Option<Box<dyn Compiled>> {
        let when = cx
            .required(params, "if", "`dependency`")
            .and_then(|n| Cond::compile(n, cx));
        let then = cx
            .required(params, "then", "`dependency`")
            .and_then(|n| Cond::compile(n, cx));
        Some(Box::new(C {
            when: when?,
            then: then?,
        }))
    }
}

impl Compiled for C {
    fn wants(&self, w: &mut super::Wants) {
        self.when.wants(w);
        self.then.wants(w);
    }

    fn run(&self, rc: &RunCx<'_>, emit: &mut dyn FnMut(Hit)) {
        if self.when.eval(rc.filing) && !self.then.eval(rc.filing) {
            let first = self.when.facts(rc.filing).into_iter().next();
            let labels = self
                .then
                .facts(rc.filing)
                .into_iter()
                .map(|f| {
                    let value = f.value.as_deref().unwrap_or("");
                    crate::diagnostic::Label::on_fact(
                        f,
                        format!("{} is tagged here ({value})", f.concept.qname()),
                    )
                })
                .collect();
            emit(Hit {
                span: first.map_or_else(|| rc.anchor(), |f| f.span),
                concept: first.map(|f| f.concept.qname()),
                context: first.and_then(|f| f.context.as_deref().map(str::to_owned)),
                fact_id: first.and_then(|f| f.id.as_deref().map(str::to_owned)),
                labels,
                ..Hit::default()
            });
        }
    }
    fn needs_facts(&self) -> bool {
        self.when.needs_facts() || self.then.needs_facts()
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;

    #[test]
    fn report_flag_presupposes_positions_flag() {
        let y = "kind: dependency\nif: {fact: cyd:CybersecurityRiskManagementPositionsOrCommitteesResponsibleReportToBoardFlag, boolean: true}\nthen: {fact: cyd:CybersecurityRiskManagementPositionsOrCommitteesResponsibleFlag, boolean: true}\n";
        let bad = filing(
            r#"<ix:nonNumeric name="cyd:CybersecurityRiskManagementPositionsOrCommitteesResponsibleReportToBoardFlag" contextRef="c-1" format="ixt:fixed-true">x</ix:nonNumeric><ix:nonNumeric name="cyd:CybersecurityRiskManagementPositionsOrCommitteesResponsibleFlag" contextRef="c-1" format="ixt:fixed-false">y</ix:nonNumeric>"#,
        );
        let h = run(y, &bad);
        assert_eq!(h.len(), 1);
        assert_eq!(
            h[0].concept.as_deref(),
            Some(
                "cyd:CybersecurityRiskManagementPositionsOrCommitteesResponsibleReportToBoardFlag"
            )
        );
        let good = filing(
            r#"<ix:nonNumeric name="cyd:CybersecurityRiskManagementPositionsOrCommitteesResponsibleReportToBoardFlag" contextRef="c-1" format="ixt:fixed-true">x</ix:nonNumeric><ix:nonNumeric name="cyd:CybersecurityRiskManagementPositionsOrCommitteesResponsibleFlag" contextRef="c-1" format="ixt:fixed-true">y</ix:nonNumeric>"#,
        );
        assert!(run(y, &good).is_empty());
    }
}
