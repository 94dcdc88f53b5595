//! `require-any`: at least one fact in a namespace (and local-name) pattern — DQC_0202's test.

use super::{Check, Compiled, FactSel, Hit};
use crate::checks::compile::Cx;
use crate::checks::cond::Cond;
use crate::checks::run::RunCx;
use crate::syntax::yaml::Node;

/// The kind.
pub struct RequireAny;

#[derive(Debug)]
struct C {
    sel: FactSel,
    when: Option<Cond>,
}

impl Check for RequireAny {
    fn kind(&self) -> &'static str {
        "require-any"
    }
    fn doc(&self) -> &'static str {
        "Fires once when no fact matches the selector — for example no fact in any \
`http://xbrl.sec.gov/cyd/.*` namespace (DQC_0202, EFM 6.5.77). The finding points at the \
Item 1C/16K/1.05 heading, else the document type fact.\n\nParameters: `namespace` (a regex on \
the namespace URI, matched whole), `local-name`, `concept`, `concepts`; `when:` a condition \
that must hold (for example: Item 1C is not incorporated by reference from another \
document)."
    }
    fn keys(&self) -> &'static [&'static str] {
        &["namespace", "local-name", "concept", "concepts", "when"]
    }
    fn compile(&self, params: &Node, cx: &mut Cx) -> Option<Box<dyn Compiled>> {
        let when = match params.get("when") {
            Some(n) => Some(Cond::compile(n, cx)?),
            None => None,
        };
        Some(Box::new(C {
            sel: FactSel::compile(params, cx)?,
            when,
        }))
    }
}

impl Compiled for C {
    fn wants(&self, w: &mut super::Wants) {
        w.sel(&self.sel);
        if let Some(c) = &self.when {
            c.wants(w);
        }
    }

    fn run(&self, rc: &RunCx<'_>, emit: &mut dyn FnMut(Hit)) {
        if self.when.as_ref().is_some_and(|c| !c.eval(rc.filing)) {
            return;
        }
        if self.sel.facts(rc.filing).is_empty() {
            emit(Hit {
                span: rc.anchor(),
                ..Hit::default()
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;

    #[test]
    fn fires_only_without_a_fact_in_the_namespace() {
        let none = filing("<p>Item 1C. Cybersecurity</p><p>We manage risk.</p>");
        let y = "kind: require-any\nnamespace: 'http://xbrl\\.sec\\.gov/cyd/.*'\n";
        assert_eq!(run(y, &none).len(), 1);
        let some = filing(
            r#"<ix:nonNumeric name="cyd:CybersecurityRiskRoleOfManagementTextBlock" contextRef="c-1">Text.</ix:nonNumeric>"#,
        );
        assert!(run(y, &some).is_empty());
    }
}
