//! `fact-value`: a fact's value must pass a test (valid boolean, canonical, not nil, one of…).

use crate::syntax::pattern::SharedRegex;

use super::{Check, Compiled, FactSel, Hit};
use crate::checks::compile::Cx;
use crate::checks::run::RunCx;
use crate::syntax::yaml::Node;

/// The kind.
pub struct FactValue;

#[derive(Debug)]
enum Test {
    ValidBoolean,
    CanonicalBoolean,
    NotNil,
    OneOf(Vec<String>),
    Matches(SharedRegex),
    Equals(String),
    Escaped,
    EnglishCounterpart,
}

#[derive(Debug)]
struct C {
    sel: FactSel,
    test: Test,
}

const TESTS: [&str; 8] = [
    "english",
    "valid-boolean",
    "canonical-boolean",
    "not-nil",
    "one-of",
    "matches",
    "equals",
    "escaped",
];

impl Check for FactValue {
    fn kind(&self) -> &'static str {
        "fact-value"
    }
    fn doc(&self) -> &'static str {
        "Fires on every selected fact whose value fails the test. Exactly one test: \
`valid-boolean: true` (the value after the transform is in the xs:boolean lexical space \
true/false/1/0), `canonical-boolean: true` (true or false, not 1/0), `not-nil: true`, \
`one-of: [...]`, `matches: regex`, `equals: value`, `escaped: true` (an Inline XBRL \
`ix:nonNumeric` with `escape=\"true\"`), `english: true` (a fact whose `xml:lang` is not English \
has an English fact of the same concept and context, EFM 6.5.14). Nil facts fail only `not-nil`.\n\n\
Parameters: a selector (`concept`, `concepts`, `namespace`, `local-name`) and one test."
    }
    fn keys(&self) -> &'static [&'static str] {
        &[
            "concept",
            "concepts",
            "namespace",
            "local-name",
            "valid-boolean",
            "canonical-boolean",
            "not-nil",
            "one-of",
            "matches",
            "equals",
            "escaped",
            "english",
        ]
    }
    fn compile(&self, params: &Node, cx: &mut Cx) -> Option<Box<dyn Compiled>> {
        let given: Vec<&str> = TESTS
            .iter()
            .copied()
            .filter(|t| params.get(t).is_some())
            .collect();
        if given.len() != 1 {
            cx.err(
                params.span.clone(),
                format!(
                    "`fact-value` needs exactly one test of: {}",
                    TESTS.join(", ")
                ),
            );
            return None;
        }
        let n = params.get(given[0])?;
        let test = match given[0] {
            "valid-boolean" => cx.bool(n, "`valid-boolean`").map(|_| Test::ValidBoolean),
            "canonical-boolean" => cx
                .bool(n, "`canonical-boolean`")
                .map(|_| Test::CanonicalBoolean),
            "not-nil" => cx.bool(n, "`not-nil`").map(|_| Test::NotNil),
            "one-of" => cx.str_list(n, "`one-of`").map(Test::OneOf),
            "escaped" => cx.bool(n, "`escaped`").map(|_| Test::Escaped),
            "english" => cx.bool(n, "`english`").map(|_| Test::EnglishCounterpart),
            "matches" => cx.regex_whole(n, "`matches`").map(Test::Matches),
            _ => cx.scalar(n, "`equals`").map(Test::Equals),
        }?;
        Some(Box::new(C {
            sel: FactSel::compile(params, cx)?,
            test,
        }))
    }
}

impl Compiled for C {
    fn wants(&self, w: &mut super::Wants) {
        // (`english-counterpart` compares facts of the concepts selected.)
        w.sel(&self.sel);
    }

    fn run(&self, rc: &RunCx<'_>, emit: &mut dyn FnMut(Hit)) {
        for f in self.sel.facts(rc.filing) {
            let v = f.value.as_deref().unwrap_or("").trim();
            let bad = match &self.test {
                Test::NotNil => f.nil,
                _ if f.nil => false,
                Test::ValidBoolean => !matches!(v, "true" | "false" | "1" | "0"),
                Test::CanonicalBoolean => matches!(v, "1" | "0"),
                Test::OneOf(list) => !list.iter().any(|x| x == v),
                Test::Matches(r) => !r.is_match(v),
                Test::Equals(x) => v != x,
                Test::Escaped => f.kind == crate::filing::FactKind::NonNumeric && !f.escape,
                Test::EnglishCounterpart => {
                    !f.is_english()
                        && !rc
                            .filing
                            .select(|c| *c == f.concept)
                            .into_iter()
                            .any(|o| o.context == f.context && o.is_english())
                }
            };
            if bad {
                emit(Hit {
                    matched: Some(if f.nil { "nil".into() } else { v.to_owned() }),
                    ..Hit::on_fact(f)
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;

    #[test]
    fn boolean_validity_and_nil() {
        let f = filing(
            r#"<ix:nonNumeric name="cyd:CybersecurityRiskManagementProcessesIntegratedFlag" contextRef="c-1">Yes</ix:nonNumeric><ix:nonNumeric name="cyd:CybersecurityRiskManagementThirdPartyEngagedFlag" contextRef="c-1">1</ix:nonNumeric><ix:nonNumeric name="cyd:CybersecurityRiskThirdPartyOversightAndIdentificationProcessesFlag" contextRef="c-1" xsi:nil="true"/>"#,
        );
        let sel =
            "kind: fact-value\nnamespace: 'http://xbrl\\.sec\\.gov/cyd/.*'\nlocal-name: '.*Flag'\n";
        let v = run(&format!("{sel}valid-boolean: true\n"), &f);
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].matched.as_deref(), Some("Yes"));
        assert_eq!(run(&format!("{sel}canonical-boolean: true\n"), &f).len(), 1);
        assert_eq!(run(&format!("{sel}not-nil: true\n"), &f).len(), 1);
    }
}
