//! `hidden`: facts placed in `ix:hidden` (EFM 5.2.5.14: only dei, vip and ffd may hide).

use super::{Check, Compiled, FactSel, Hit};
use crate::checks::compile::Cx;
use crate::checks::run::RunCx;
use crate::syntax::yaml::Node;

/// The kind.
pub struct Hidden;

#[derive(Debug)]
struct C {
    sel: FactSel,
}

impl Check for Hidden {
    fn kind(&self) -> &'static str {
        "hidden"
    }
    fn doc(&self) -> &'static str {
        "Fires on every selected fact inside `ix:hidden`. EDGAR lets only dei, vip and ffd facts \
hide; a cyd fact there (flag or text block, both transformable) draws \
`EFM.5.02.05.14.hidden-fact-eligible-for-transform`, and a reader of the document never sees \
the answer.\n\nParameters: a selector (`concept`, `concepts`, `namespace`, `local-name`)."
    }
    fn keys(&self) -> &'static [&'static str] {
        &super::SEL_KEYS
    }
    fn compile(&self, params: &Node, cx: &mut Cx) -> Option<Box<dyn Compiled>> {
        Some(Box::new(C {
            sel: FactSel::compile(params, cx)?,
        }))
    }
}

impl Compiled for C {
    fn wants(&self, w: &mut super::Wants) {
        w.sel(&self.sel);
    }

    fn run(&self, rc: &RunCx<'_>, emit: &mut dyn FnMut(Hit)) {
        for f in self.sel.facts(rc.filing).into_iter().filter(|f| f.hidden) {
            emit(Hit { ..Hit::on_fact(f) });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;

    #[test]
    fn only_hidden_facts() {
        let f = filing_with_hidden(
            r#"<ix:nonNumeric name="cyd:CybersecurityRiskManagementThirdPartyEngagedFlag" contextRef="c-1">true</ix:nonNumeric>"#,
            r#"<ix:nonNumeric name="cyd:CybersecurityRiskManagementProcessesIntegratedFlag" contextRef="c-1" format="ixt:fixed-true">x</ix:nonNumeric>"#,
        );
        let h = run(
            "kind: hidden\nnamespace: 'http://xbrl\\.sec\\.gov/cyd/.*'\n",
            &f,
        );
        assert_eq!(h.len(), 1);
        assert_eq!(
            h[0].concept.as_deref(),
            Some("cyd:CybersecurityRiskManagementThirdPartyEngagedFlag")
        );
    }
}
