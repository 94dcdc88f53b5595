//! What rules select: a fact selector ([`FactSel`]: concepts, namespace and local-name
//! patterns, compiled once) and the facts a rule set may look at ([`Wants`], which the reader
//! turns into a [`crate::read::Keep`]), and whether a selected fact answers
//! ([`has_content`]). Below the check kinds, which compile selectors, and the text scopes and
//! conditions, which say what they want, so that neither imports the other for it.

use crate::checks::compile::Cx;
use crate::filing::Fact;
use crate::syntax::pattern::SharedRegex;
use crate::syntax::validate::ConceptRef;
use crate::syntax::yaml::Node;

/// The facts a rule set may look at, gathered from its checks ([`crate::checks::Compiled::wants`]).
#[derive(Clone, Debug, Default)]
pub struct Wants {
    /// Some check may look at any fact.
    pub all: bool,
    /// Selectors.
    pub sels: Vec<FactSel>,
    /// Named concepts.
    pub concepts: Vec<ConceptRef>,
    /// Some check reads contexts' dimensions (none of today's kinds does: the reader leaves
    /// them out, [`crate::read::Keep::without_dimensions`]). A kind that reads
    /// [`crate::filing::Context::dimensions`] must say so in its `wants`.
    pub dimensions: bool,
}

impl Wants {
    /// Every fact, and contexts with their dimensions.
    pub fn everything(&mut self) {
        self.all = true;
        self.dimensions = true;
    }

    /// The facts a selector selects. Rules repeat selectors (28 of the built-in pack select
    /// the cyd namespace), and the reader asks once per distinct concept of a filing: each
    /// selector is kept once.
    pub fn sel(&mut self, s: &FactSel) {
        let key = |x: &FactSel| {
            (
                x.concepts.clone(),
                x.namespace.as_ref().map(|r| r.as_str().to_owned()),
                x.local_name.as_ref().map(|r| r.as_str().to_owned()),
            )
        };
        let k = key(s);
        if !self.sels.iter().any(|x| key(x) == k) {
            self.sels.push(s.clone());
        }
    }

    /// The facts of a concept.
    pub fn concept(&mut self, c: &ConceptRef) {
        if !self.concepts.contains(c) {
            self.concepts.push(c.clone());
        }
    }

    /// What the reader keeps for these wants: the facts they select (every fact when a check
    /// wants them all), and contexts' dimensions only when a check reads them.
    pub fn keep(self) -> crate::read::Keep {
        let dimensions = self.dimensions;
        let keep = if self.all {
            crate::read::Keep::default()
        } else {
            crate::read::Keep::only(move |c| self.matches(c))
        };
        if dimensions {
            keep
        } else {
            keep.without_dimensions()
        }
    }

    /// True when facts of `c` are wanted.
    pub fn matches(&self, c: &crate::filing::Concept) -> bool {
        if self.all || self.concepts.iter().any(|r| r.matches(c)) {
            return true;
        }
        // Selectors share namespace patterns (six of the built-in pack's nine name the cyd
        // namespace, one shared regex: `build_regex`): each is asked once. The answers are
        // kept on the stack (this runs for each distinct concept a filing names, thousands on
        // the corpus, and a list on the heap was an allocation each); past the first
        // `ANSWERS` patterns a pattern is asked each time.
        const ANSWERS: usize = 8;
        let mut answers = [(0usize, false); ANSWERS];
        let mut known = 0;
        self.sels.iter().any(|s| {
            s.matches_with(c, |ns| {
                let key = ns.as_str().as_ptr() as usize;
                match answers[..known].iter().find(|(k, _)| *k == key) {
                    Some(&(_, a)) => a,
                    None => {
                        let a = ns.is_match(&c.namespace);
                        if known < ANSWERS {
                            answers[known] = (key, a);
                            known += 1;
                        }
                        a
                    }
                }
            })
        })
    }
}

/// Which facts a check looks at: named concepts, or a namespace / local-name pattern.
#[derive(Clone, Debug, Default)]
pub struct FactSel {
    /// Named concepts.
    pub concepts: Vec<ConceptRef>,
    /// A namespace URI pattern.
    pub namespace: Option<SharedRegex>,
    /// A local-name pattern.
    pub local_name: Option<SharedRegex>,
}

/// The selector keys.
pub const SEL_KEYS: [&str; 4] = ["concept", "concepts", "namespace", "local-name"];

impl FactSel {
    /// Reads `concept` / `concepts` / `namespace` / `local-name` from `params`; at least one is
    /// required.
    pub fn compile(params: &Node, cx: &mut Cx) -> Option<FactSel> {
        let mut sel = FactSel::default();
        let before = cx.errors.len();
        if let Some(n) = params.get("concept") {
            sel.concepts.extend(cx.concept(n, "`concept`"));
        }
        if let Some(n) = params.get("concepts") {
            sel.concepts
                .extend(cx.concepts(n, "`concepts`").unwrap_or_default());
        }
        if let Some(n) = params.get("namespace") {
            sel.namespace = cx.regex_whole(n, "`namespace`");
        }
        if let Some(n) = params.get("local-name") {
            sel.local_name = cx.regex_whole(n, "`local-name`");
        }
        if cx.errors.len() > before {
            return None;
        }
        if sel.concepts.is_empty() && sel.namespace.is_none() && sel.local_name.is_none() {
            cx.err(
                params.span.clone(),
                "this check needs `concept`, `concepts`, `namespace` or `local-name`",
            );
            return None;
        }
        Some(sel)
    }

    /// True when facts of this concept are selected.
    pub fn matches_concept(&self, c: &crate::filing::Concept) -> bool {
        self.matches_with(c, |ns| ns.is_match(&c.namespace))
    }

    /// [`Self::matches_concept`], with the namespace pattern's answer from `ns_match`.
    fn matches_with(
        &self,
        c: &crate::filing::Concept,
        ns_match: impl FnOnce(&crate::syntax::pattern::LazyRegex) -> bool,
    ) -> bool {
        if !self.concepts.is_empty() && !self.concepts.iter().any(|r| r.matches(c)) {
            return false;
        }
        if let Some(ns) = &self.namespace
            && !ns_match(ns)
        {
            return false;
        }
        if let Some(l) = &self.local_name
            && !l.is_match(&c.local_name)
        {
            return false;
        }
        true
    }

    /// True when the fact is selected.
    pub fn matches(&self, f: &Fact) -> bool {
        self.matches_concept(&f.concept)
    }

    /// The selected facts of a filing, in document order (through the filing's concept index,
    /// so the patterns run once per distinct concept).
    pub fn facts<'a>(&self, filing: &'a crate::filing::Filing) -> Vec<&'a Fact> {
        // A filing's hundreds of concepts share a handful of namespaces, one string each: the
        // namespace pattern runs once per string, not once per concept.
        let mut seen: Vec<(*const u8, bool)> = Vec::new();
        filing.select(|c| {
            self.matches_with(c, |ns| {
                let key = c.namespace.as_ptr();
                if let Some(&(_, m)) = seen.iter().find(|(k, _)| *k == key) {
                    return m;
                }
                let m = ns.is_match(&c.namespace);
                if seen.len() < 64 {
                    seen.push((key, m));
                }
                m
            })
        })
    }
}

/// True when a fact answers: present, not nil, and not empty.
pub fn has_content(f: &Fact) -> bool {
    !f.nil
        && (f.boolean.is_some()
            || f.text().is_some_and(|t| !t.trim().is_empty())
            || f.value.as_deref().is_some_and(|v| !v.trim().is_empty())
            || f.html_source().is_some_and(|h| !h.is_blank()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filing::Concept;
    use crate::syntax::pattern::build_regex;

    /// `Wants::matches` keeps the answers of the first few namespace patterns on the stack and
    /// asks the others each time: with more distinct patterns than it keeps, and selectors
    /// sharing them, it answers as the selectors do one by one.
    #[test]
    fn wants_answer_as_their_selectors_past_the_answers_kept() {
        let mut wants = Wants::default();
        for i in 0..12 {
            let ns = build_regex(&format!("^http://example.com/ns{i}$")).unwrap();
            // A selector by namespace alone, and one sharing its pattern with a local name.
            wants.sels.push(FactSel {
                namespace: Some(ns.clone()),
                ..FactSel::default()
            });
            wants.sels.push(FactSel {
                namespace: Some(ns),
                local_name: Some(build_regex("^Kept").unwrap()),
                ..FactSel::default()
            });
        }
        for i in 0..14 {
            for local in ["Kept", "Other"] {
                let c = Concept::new(&format!("http://example.com/ns{i}"), local, "ex");
                let one_by_one = wants.sels.iter().any(|s| s.matches_concept(&c));
                assert_eq!(wants.matches(&c), one_by_one, "ns{i} {local}");
                assert_eq!(one_by_one, i < 12, "ns{i} {local}");
            }
        }
    }
}
