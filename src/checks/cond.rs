//! Conditions (`when:`): facts and text combined with all / any / not.
//!
//! ```yaml
//! when:
//!   all:
//!     - {fact: cyd:CybersecurityRiskManagementThirdPartyEngagedFlag, boolean: false}
//!     - not: {fact: cyd:CybersecurityRiskManagementProcessesIntegratedFlag}
//!     - text: {scope: {section: item-1c}, patterns: ["penetration test"]}
//! ```
//!
//! A claim leaf, `claim: {scope: …, topic: …, status: …}`, holds when some sentence of the
//! scope makes the claim (status default `affirmed`), as the claim layer reads it.
//!
//! A named leaf, `condition: NAME`, is a condition a pack defines once in its `pack.yaml`
//! (`conditions:`) and its rules — and a user pack's, for the built-in pack's — name: what many
//! rules ask alike ("Item 1C is incorporated by reference") is written, and corrected, once.
//!
//! A fact leaf holds when a fact of the concept exists and answers (not nil, not empty) and,
//! if given, its boolean or value is as stated. `cyd-facts: true|false` holds when the filing
//! has (or has no) fact in a cyd namespace. A text leaf holds when any of its patterns matches
//! in its scope (guards apply).

use super::text::{MATCHER_KEYS, Matcher, Scope, compile_scopes, regions};
use crate::checks::compile::Cx;
use crate::filing::{Fact, Filing};
use crate::syntax::validate::ConceptRef;
use crate::syntax::yaml::Node;

/// The condition kinds, as a rule writes them.
const KINDS: &str = "all, any, not, fact, form, cyd-facts, text, claim or condition";

/// A condition.
#[derive(Clone, Debug)]
pub enum Cond {
    /// All hold.
    All(Vec<Cond>),
    /// Any holds.
    Any(Vec<Cond>),
    /// Does not hold.
    Not(Box<Cond>),
    /// A fact test.
    Fact {
        /// The concept.
        concept: ConceptRef,
        /// Required boolean value.
        boolean: Option<bool>,
        /// Required value.
        value: Option<String>,
        /// Whether the fact must be present (default true).
        present: bool,
    },
    /// Whether the filing has any fact in a cyd namespace.
    CydFacts(bool),
    /// The document type the filing states (`dei:DocumentType`) is one of these. A draft or
    /// a filing that states none: false — so `not: {form: [10-Q]}` holds on a draft, and a
    /// rule that leaves some forms out still reads drafts.
    Form(Vec<String>),
    /// A text test.
    Text {
        /// Where.
        scopes: Vec<Scope>,
        /// What.
        matcher: Matcher,
    },
    /// A claim test: some sentence of the scope claims one of the topics with one of the
    /// statuses, as the claim layer reads it.
    Claim {
        /// Where.
        scopes: Vec<Scope>,
        /// Topics.
        topics: Vec<crate::claims::TopicId>,
        /// Statuses (default affirmed).
        statuses: Vec<crate::claims::Status>,
        /// The lexicon the topics are names in.
        lexicon: std::sync::Arc<crate::claims::Lexicon>,
    },
}

impl Cond {
    /// Parses a condition.
    pub fn compile(node: &Node, cx: &mut Cx) -> Option<Cond> {
        let Some(map) = node.as_map() else {
            cx.err(
                node.span.clone(),
                format!("a condition is a mapping: {KINDS}"),
            );
            return None;
        };
        let first = map.first().and_then(|(k, _)| k.as_str()).unwrap_or("");
        match first {
            "all" | "any" => {
                cx.keys(node, "a condition", &["all", "any"]);
                let items = cx.list(&map[0].1, &format!("`{first}`"))?;
                let conds: Vec<Cond> = items
                    .into_iter()
                    .filter_map(|n| Cond::compile(n, cx))
                    .collect();
                Some(if first == "all" {
                    Cond::All(conds)
                } else {
                    Cond::Any(conds)
                })
            }
            "not" => {
                cx.keys(node, "a condition", &["not"]);
                Cond::compile(&map[0].1, cx).map(|c| Cond::Not(Box::new(c)))
            }
            "fact" => {
                cx.keys(
                    node,
                    "a fact condition",
                    &["fact", "boolean", "value", "present"],
                );
                let concept = cx.concept(&map[0].1, "`fact`")?;
                let boolean = node.get("boolean").and_then(|n| cx.bool(n, "`boolean`"));
                let value = node.get("value").and_then(|n| cx.scalar(n, "`value`"));
                let present = match node.get("present") {
                    Some(n) => cx.bool(n, "`present`")?,
                    None => true,
                };
                Some(Cond::Fact {
                    concept,
                    boolean,
                    value,
                    present,
                })
            }
            "form" => {
                cx.keys(node, "a form condition", &["form"]);
                let v = &map[0].1;
                let items: Vec<&Node> = match v.as_seq() {
                    Some(s) => s.iter().collect(),
                    None => vec![v],
                };
                let mut forms = Vec::new();
                for it in items {
                    match it.as_str() {
                        Some(f) if !f.trim().is_empty() => forms.push(f.trim().to_owned()),
                        _ => cx.err(it.span.clone(), "`form` lists document types (10-K, 8-K …)"),
                    }
                }
                (!forms.is_empty()).then_some(Cond::Form(forms))
            }
            "cyd-facts" => {
                cx.keys(node, "a cyd-facts condition", &["cyd-facts"]);
                cx.bool(&map[0].1, "`cyd-facts`").map(Cond::CydFacts)
            }
            "text" => {
                cx.keys(node, "a text condition", &["text"]);
                let t = &map[0].1;
                let mut allowed = MATCHER_KEYS.to_vec();
                allowed.push("scope");
                cx.keys(t, "`text`", &allowed);
                let scopes = cx
                    .required(t, "scope", "`text`")
                    .and_then(|n| compile_scopes(n, cx))?;
                let matcher = Matcher::compile(t, cx)?;
                Some(Cond::Text { scopes, matcher })
            }
            "claim" => {
                cx.keys(node, "a claim condition", &["claim"]);
                let t = &map[0].1;
                cx.keys(t, "`claim`", &["scope", "topic", "status"]);
                let scopes = cx
                    .required(t, "scope", "`claim`")
                    .and_then(|n| compile_scopes(n, cx));
                let topics = cx
                    .required(t, "topic", "`claim`")
                    .and_then(|n| super::topic::compile_topics(n, cx));
                let statuses = match t.get("status") {
                    Some(n) => super::topic::compile_statuses(n, cx),
                    None => Some(vec![crate::claims::Status::Affirmed]),
                };
                Some(Cond::Claim {
                    scopes: scopes?,
                    topics: topics?,
                    statuses: statuses?,
                    lexicon: cx.lexicon.clone(),
                })
            }
            "condition" => {
                cx.keys(node, "a named condition", &["condition"]);
                let name = cx.str(&map[0].1, "`condition`")?;
                // Compiled where it is used, as if written there: it was validated when its
                // pack was loaded (against the same lexicon, naming only conditions defined
                // before it, so none can name itself).
                match cx.conditions.get(&name).cloned() {
                    Some(def) => {
                        if !cx.used_conditions.contains(&name) {
                            cx.used_conditions.push(name);
                        }
                        Cond::compile(&def, cx)
                    }
                    None => {
                        let known: Vec<&str> = cx.conditions.keys().map(String::as_str).collect();
                        let hint = crate::syntax::validate::closest(&name, &known)
                            .map(|c| format!("; did you mean `{c}`?"))
                            .unwrap_or_default();
                        let list = if known.is_empty() {
                            "no pack loaded defines any".to_owned()
                        } else {
                            format!("defined: {}", known.join(", "))
                        };
                        cx.err(
                            map[0].1.span.clone(),
                            format!("unknown named condition `{name}`{hint} ({list}; a pack defines them under `conditions:` in its pack.yaml)"),
                        );
                        None
                    }
                }
            }
            other => {
                cx.err(
                    map[0].0.span.clone(),
                    format!("unknown condition `{other}`; expected {KINDS}"),
                );
                None
            }
        }
    }

    /// Evaluates against a filing.
    pub fn eval(&self, filing: &Filing) -> bool {
        match self {
            Cond::All(cs) => cs.iter().all(|c| c.eval(filing)),
            Cond::Any(cs) => cs.iter().any(|c| c.eval(filing)),
            Cond::Not(c) => !c.eval(filing),
            Cond::Fact {
                concept,
                boolean,
                value,
                present,
            } => {
                let found = filing.select(|c| concept.matches(c)).into_iter().any(|f| {
                    super::select::has_content(f)
                        && boolean.is_none_or(|b| f.boolean == Some(b))
                        && value
                            .as_ref()
                            .is_none_or(|v| f.value.as_deref() == Some(v.as_str()))
                });
                found == *present
            }
            Cond::CydFacts(want) => filing.cyd_facts().next().is_some() == *want,
            Cond::Form(forms) => filing
                .cover
                .document_type
                .as_deref()
                .is_some_and(|t| forms.iter().any(|f| f.eq_ignore_ascii_case(t.trim()))),
            Cond::Text { scopes, matcher } => regions(filing, scopes)
                .iter()
                .any(|r| !matcher.find(filing, r).is_empty()),
            Cond::Claim {
                scopes,
                topics,
                statuses,
                lexicon,
            } => regions(filing, scopes).iter().any(|r| {
                lexicon
                    .in_text(r.text, 0..r.text.len(), Some(topics))
                    .iter()
                    .flat_map(|(_, cs)| cs)
                    .any(|c| topics.contains(&c.topic) && statuses.contains(&c.status))
            }),
        }
    }

    /// True when evaluating needs tagged facts.
    pub fn needs_facts(&self) -> bool {
        match self {
            Cond::All(cs) | Cond::Any(cs) => cs.iter().any(Cond::needs_facts),
            Cond::Not(c) => c.needs_facts(),
            Cond::Fact { .. } => true,
            // Decided on a draft too: an untagged draft has no cyd fact (CYD-APP-009 asks
            // for none on a draft as on a filing).
            Cond::CydFacts(_) => false,
            Cond::Form(_) => false,
            Cond::Text { scopes, .. } | Cond::Claim { scopes, .. } => {
                scopes.iter().all(Scope::needs_facts)
            }
        }
    }

    /// Adds the facts evaluating it may look at.
    pub fn wants(&self, w: &mut super::select::Wants) {
        match self {
            Cond::All(cs) | Cond::Any(cs) => cs.iter().for_each(|c| c.wants(w)),
            Cond::Not(c) => c.wants(w),
            Cond::Fact { concept, .. } => w.concept(concept),
            // Always kept (crate::read::Keep).
            Cond::CydFacts(_) => {}
            Cond::Form(_) => w.concept(&crate::syntax::validate::ConceptRef {
                prefix: "dei".into(),
                local: "DocumentType".into(),
            }),
            Cond::Text { scopes, .. } | Cond::Claim { scopes, .. } => {
                scopes.iter().for_each(|s| s.wants(w))
            }
        }
    }

    /// The facts a positive fact leaf refers to (for labels).
    pub fn facts<'a>(&self, filing: &'a Filing) -> Vec<&'a Fact> {
        match self {
            Cond::All(cs) | Cond::Any(cs) => cs.iter().flat_map(|c| c.facts(filing)).collect(),
            Cond::Fact {
                concept,
                present: true,
                ..
            } => filing.select(|c| concept.matches(c)),
            _ => Vec::new(),
        }
    }
}
