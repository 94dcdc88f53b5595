//! The closed vocabulary of check kinds a rule may name in `check.kind`, and what they are
//! made of.
//!
//! One file per kind, each with its docs (shown by `cydlint explain` and in docs/rules) and
//! unit tests. A kind validates its parameters once, at load time ([`Check::compile`], with
//! [`compile::Cx`]: a rule file's validation context and the lexicon), into a [`Compiled`]
//! check that the engine runs against filings ([`run::RunCx`]: what a check sees of a run).
//!
//! Beneath the kinds, and importing neither a kind nor this file, what they are made of:
//! `cond` (conditions) over `topic` (a rule's topic, status and word-class names) over
//! `claimed` (a region's claims, once per filing) over `text` (scopes, regions, matchers,
//! guards) over `prefilter` (which lines a pattern can match in) and `select` (fact selectors
//! and the facts a rule set wants); `run` over `claimed`; `compile` beneath them all. Beside
//! the kinds, `message`: the placeholders a kind fills, and filling them. The floor stands on
//! the claim layer and the syntax; the rule language, which names the kinds, and the engine,
//! which runs them, stand on it.

pub mod claim;
pub mod claimed;
pub mod compile;
pub mod cond;
pub mod context;
pub mod dependency;
pub mod duplicate_facts;
pub mod exclusive;
pub mod fact_value;
pub mod forbid_fact;
pub mod hidden;
pub mod message;
pub mod namespaces;
pub mod prefilter;
pub mod require_any;
pub mod require_fact;
pub mod run;
pub mod schema_imports;
pub mod select;
pub mod text;
pub mod text_match;
pub mod text_quality;
pub mod topic;

use crate::checks::run::RunCx;
use crate::diagnostic::Label;
use crate::filing::Fact;
use crate::source::Span;
use crate::syntax::yaml::Node;

/// One place a check found something.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Hit {
    /// The primary location.
    pub span: Span,
    /// Secondary locations.
    pub labels: Vec<Label>,
    /// The concept it is about.
    pub concept: Option<String>,
    /// Matched text.
    pub matched: Option<String>,
    /// The context of the fact it is about.
    pub context: Option<String>,
    /// The id of the fact it is about.
    pub fact_id: Option<String>,
    /// The sentence the finding rests on (claim checks), for `{sentence}`.
    pub sentence: Option<String>,
    /// The words that set a claim's status ("not", "could"), for `{cue}`.
    pub cue: Option<String>,
    /// What the company schema imports of the taxonomy concerned (`schema-imports`), for
    /// `{imported}`.
    pub imported: Option<String>,
    /// `{absence}`: how a required fact is missing (`require-fact`).
    pub absence: Option<String>,
}

impl Hit {
    /// A hit on a fact: its span, concept and context.
    pub fn on_fact(f: &Fact) -> Hit {
        Hit {
            span: f.span,
            concept: Some(f.concept.qname()),
            context: f.context.as_deref().map(str::to_owned),
            fact_id: f.id.as_deref().map(str::to_owned),
            ..Hit::default()
        }
    }
}

/// A check kind.
pub trait Check: Sync {
    /// The `check.kind` value.
    fn kind(&self) -> &'static str;
    /// Markdown docs of the kind and its parameters.
    fn doc(&self) -> &'static str;
    /// The parameter keys it accepts (besides `kind`).
    fn keys(&self) -> &'static [&'static str];
    /// Validates the parameters.
    fn compile(&self, params: &Node, cx: &mut Cx) -> Option<Box<dyn Compiled>>;
    /// The message placeholders this kind fills besides [`crate::checks::message::PLACEHOLDERS`]
    /// (name, what it is filled with): a rule's message may use them only with this kind.
    fn fills(&self) -> &'static [(&'static str, &'static str)] {
        &[]
    }
}

/// A check with its parameters validated.
pub trait Compiled: Send + Sync + std::fmt::Debug {
    /// Runs against a filing, emitting hits.
    fn run(&self, rc: &RunCx<'_>, emit: &mut dyn FnMut(Hit));
    /// True when the check needs tagged facts (it cannot judge an untagged draft).
    fn needs_facts(&self) -> bool {
        true
    }
    /// Why the check cannot judge this filing, when it cannot: it needs something the input
    /// does not hold (the company schema, say). The rule is then skipped with this reason,
    /// never passed silently.
    fn undecided(&self, _rc: &RunCx<'_>) -> Option<String> {
        None
    }
    /// Adds the facts the check may look at (its selectors, conditions and scopes) to `w`,
    /// so that `check` reads only those ([`crate::read::Keep`]). A kind that does not say
    /// wants every fact, and contexts' dimensions.
    fn wants(&self, w: &mut Wants) {
        w.everything();
    }
}

pub use self::compile::Cx;
pub use self::select::{FactSel, SEL_KEYS, Wants, has_content};

/// Every check kind.
pub const CHECKS: &[&dyn Check] = &[
    &require_fact::RequireFact,
    &require_any::RequireAny,
    &forbid_fact::ForbidFact,
    &fact_value::FactValue,
    &dependency::Dependency,
    &exclusive::Exclusive,
    &duplicate_facts::DuplicateFacts,
    &context::ContextCheck,
    &hidden::Hidden,
    &namespaces::Namespaces,
    &schema_imports::SchemaImports,
    &text_match::TextMatch,
    &text_quality::TextQuality,
    &claim::ClaimCheck,
];

/// The check kind with this name.
pub fn find(kind: &str) -> Option<&'static dyn Check> {
    CHECKS.iter().copied().find(|c| c.kind() == kind)
}

#[cfg(test)]
pub(crate) mod test_support {
    //! Small Inline XBRL filings for check tests.

    use super::Hit;
    use crate::checks::Cx;
    use crate::checks::run::RunCx;
    use crate::filing::Filing;
    use crate::source::{SourceFile, Span};

    const HEAD: &str = r#"<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL" xmlns:xbrli="http://www.xbrl.org/2003/instance" xmlns:xbrldi="http://xbrl.org/2006/xbrldi" xmlns:ixt="http://www.xbrl.org/inlineXBRL/transformation/2020-02-12" xmlns:cyd="http://xbrl.sec.gov/cyd/2025" xmlns:dei="http://xbrl.sec.gov/dei/2025" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><body><div style="display:none"><ix:header><ix:hidden>"#;
    const RES: &str = r#"</ix:hidden><ix:resources><xbrli:context id="c-1"><xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">1</xbrli:identifier></xbrli:entity><xbrli:period><xbrli:startDate>2025-01-01</xbrli:startDate><xbrli:endDate>2025-12-31</xbrli:endDate></xbrli:period></xbrli:context><xbrli:context id="c-2"><xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">1</xbrli:identifier><xbrli:segment><xbrldi:explicitMember dimension="cyd:MaterialCybersecurityIncidentAxis">cyd:X</xbrldi:explicitMember></xbrli:segment></xbrli:entity><xbrli:period><xbrli:instant>2025-12-31</xbrli:instant></xbrli:period></xbrli:context></ix:resources></ix:header></div><p><ix:nonNumeric name="dei:DocumentType" contextRef="c-1">10-K</ix:nonNumeric></p>"#;

    /// A filing whose body is `body`.
    pub fn filing(body: &str) -> Filing {
        filing_with_hidden("", body)
    }

    /// A filing with hidden facts and a body.
    pub fn filing_with_hidden(hidden: &str, body: &str) -> Filing {
        let src = format!("{HEAD}{hidden}{RES}{body}</body></html>");
        crate::read::read_sources(vec![SourceFile::from_bytes(
            "t.htm".into(),
            src.into_bytes(),
        )])
    }

    /// Compiles a `check:` mapping and runs it.
    pub fn run(yaml: &str, f: &Filing) -> Vec<Hit> {
        let node = crate::syntax::yaml::parse(yaml).unwrap();
        let mut cx = Cx::new("t.yaml", yaml, crate::claims::builtin_arc());
        let kind = node.get("kind").and_then(|k| k.as_str()).unwrap();
        let c = super::find(kind).unwrap().compile(&node, &mut cx);
        assert!(cx.errors.is_empty(), "{:?}", cx.errors);
        let rc = RunCx::new(
            f,
            f.cover.document_type.clone(),
            Vec::new(),
            f.cover.period_end.clone(),
            crate::claims::builtin_arc(),
        );
        let mut hits = Vec::new();
        c.unwrap().run(&rc, &mut |h| hits.push(h));
        hits
    }

    /// The source text under a span.
    pub fn text_at(f: &Filing, s: Span) -> String {
        String::from_utf8_lossy(&f.files[s.file].bytes()[s.start..s.end]).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::FactSel;
    use crate::filing::Fact;

    /// A selector repeated by many rules is kept once; different ones are all kept, and a
    /// concept is wanted when any of them (or a named concept) selects it.
    /// Dimensions are kept only when a check says it reads them, whatever facts are wanted.
    #[test]
    fn dimensions_are_kept_only_when_wanted() {
        let keep = |all: bool, dimensions: bool| {
            super::Wants {
                all,
                dimensions,
                ..Default::default()
            }
            .keep()
        };
        for all in [false, true] {
            assert!(keep(all, true).dimensions());
            assert!(!keep(all, false).dimensions());
        }
        let revenues =
            crate::filing::Concept::new("http://fasb.org/us-gaap/2025", "Revenues", "us-gaap");
        assert!(keep(true, false).wants(&revenues));
        assert!(!keep(false, false).wants(&revenues));
    }

    #[test]
    fn wants_keeps_each_selector_once() {
        let re = |s: &str| Some(crate::syntax::pattern::build_regex(s).unwrap());
        let cyd = FactSel {
            namespace: re("http://xbrl\\.sec\\.gov/cyd/.*"),
            ..FactSel::default()
        };
        let gaap = FactSel {
            namespace: re("http://fasb\\.org/us-gaap/.*"),
            local_name: re("Revenues"),
            ..FactSel::default()
        };
        let mut w = super::Wants::default();
        for s in [&cyd, &gaap, &cyd, &cyd, &gaap] {
            w.sel(s);
        }
        assert_eq!(w.sels.len(), 2);
        use crate::filing::Concept;
        assert!(w.matches(&Concept::new(
            "http://fasb.org/us-gaap/2025",
            "Revenues",
            "us-gaap"
        )));
        assert!(!w.matches(&Concept::new(
            "http://fasb.org/us-gaap/2025",
            "Assets",
            "us-gaap"
        )));
        assert!(w.matches(&Concept::new("http://xbrl.sec.gov/cyd/2025", "X", "cyd")));
    }

    /// Selecting through the concept index (namespace answers remembered per namespace
    /// string) picks exactly the facts the selector matches one by one.
    #[test]
    fn selected_facts_are_the_matching_facts() {
        let f = super::test_support::filing(
            r#"<ix:nonNumeric name="cyd:CybersecurityRiskManagementProcessesIntegratedFlag" contextRef="c-1" format="ixt:fixed-true">yes</ix:nonNumeric>
<ix:nonNumeric name="dei:EntityRegistrantName" contextRef="c-1">Co</ix:nonNumeric>
<ix:nonNumeric name="cyd:CybersecurityRiskRoleOfManagementTextBlock" contextRef="c-1">m</ix:nonNumeric>"#,
        );
        let re = |s: &str| Some(crate::syntax::pattern::build_regex(s).unwrap());
        let mut sizes = Vec::new();
        for (ns, local) in [
            (re("cyd"), None),
            (re("dei"), None),
            (re("sec\\.gov"), re("Flag$")),
            (None, re("Name$")),
            (re("nowhere"), None),
        ] {
            let sel = FactSel {
                concepts: Vec::new(),
                namespace: ns,
                local_name: local,
            };
            let one_by_one: Vec<&Fact> = f.facts.iter().filter(|x| sel.matches(x)).collect();
            let ids = |v: &[&Fact]| v.iter().map(|x| x.span).collect::<Vec<_>>();
            assert_eq!(ids(&sel.facts(&f)), ids(&one_by_one));
            sizes.push(one_by_one.len());
        }
        assert_eq!(sizes, [2, 2, 1, 1, 0]);
    }
}
