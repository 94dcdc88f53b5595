//! `forbid-fact`: facts that must not be there (abstract elements, unknown names, wrong forms).

use super::{Check, Compiled, FactSel, Hit};
use crate::checks::compile::Cx;
use crate::checks::run::RunCx;
use crate::syntax::yaml::Node;
use crate::taxonomy;

/// The kind.
pub struct ForbidFact;

#[derive(Debug)]
struct C {
    sel: FactSel,
    only_abstract: bool,
    only_unknown: bool,
}

impl Check for ForbidFact {
    fn kind(&self) -> &'static str {
        "forbid-fact"
    }
    fn doc(&self) -> &'static str {
        "Fires on every fact the selector matches. With `abstract: true` only facts of `cyd` \
elements the schema declares abstract (tables, axes, domains, line items — EFM 6.5.25) match; \
with `unknown: true` only facts whose `cyd` local name is not in the taxonomy, or whose `cyd` \
namespace year is unknown.\n\nParameters: `concept`, `concepts`, `namespace`, `local-name`, \
`abstract`, `unknown`."
    }
    fn keys(&self) -> &'static [&'static str] {
        &[
            "concept",
            "concepts",
            "namespace",
            "local-name",
            "abstract",
            "unknown",
        ]
    }
    fn compile(&self, params: &Node, cx: &mut Cx) -> Option<Box<dyn Compiled>> {
        let only_abstract = params
            .get("abstract")
            .and_then(|n| cx.bool(n, "`abstract`"))
            .unwrap_or(false);
        let only_unknown = params
            .get("unknown")
            .and_then(|n| cx.bool(n, "`unknown`"))
            .unwrap_or(false);
        Some(Box::new(C {
            sel: FactSel::compile(params, cx)?,
            only_abstract,
            only_unknown,
        }))
    }
}

impl Compiled for C {
    fn wants(&self, w: &mut super::Wants) {
        w.sel(&self.sel);
    }

    fn run(&self, rc: &RunCx<'_>, emit: &mut dyn FnMut(Hit)) {
        for f in self.sel.facts(rc.filing) {
            let el = taxonomy::cyd_element(&f.concept.local_name);
            if self.only_abstract && !el.is_some_and(|e| e.is_abstract) {
                continue;
            }
            if self.only_unknown && el.is_some() && taxonomy::is_known_cyd_ns(&f.concept.namespace)
            {
                continue;
            }
            emit(Hit {
                matched: Some(f.concept.namespace.to_string()),
                ..Hit::on_fact(f)
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;

    #[test]
    fn abstract_and_unknown_elements() {
        let f = filing(
            r#"<ix:nonNumeric name="cyd:MaterialCybersecurityIncidentDomain" contextRef="c-1">x</ix:nonNumeric><ix:nonNumeric name="cyd:CybersecurityRiskManagementTextBlock" contextRef="c-1">y</ix:nonNumeric><ix:nonNumeric name="cyd:CybersecurityRiskRoleOfManagementTextBlock" contextRef="c-1">z</ix:nonNumeric>"#,
        );
        let a = run(
            "kind: forbid-fact\nnamespace: 'http://xbrl\\.sec\\.gov/cyd/.*'\nabstract: true\n",
            &f,
        );
        assert_eq!(a.len(), 1);
        assert_eq!(
            a[0].concept.as_deref(),
            Some("cyd:MaterialCybersecurityIncidentDomain")
        );
        let u = run(
            "kind: forbid-fact\nnamespace: 'http://xbrl\\.sec\\.gov/cyd/.*'\nunknown: true\n",
            &f,
        );
        assert_eq!(u.len(), 1);
        assert_eq!(
            u[0].concept.as_deref(),
            Some("cyd:CybersecurityRiskManagementTextBlock")
        );
    }
}
