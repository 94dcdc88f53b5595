//! `text-match`: patterns in a text scope, with negation guards and fact conditions — the kind
//! that finds a flag contradicted by the words around it.

use super::{Check, Compiled, Hit};
use crate::checks::compile::Cx;
use crate::checks::cond::Cond;
use crate::checks::run::RunCx;
use crate::checks::text::{MATCHER_KEYS, Matcher, Scope, compile_scopes, regions};
use crate::diagnostic::Label;
use crate::syntax::validate::ConceptRef;
use crate::syntax::yaml::Node;

/// The kind.
pub struct TextMatch;

#[derive(Debug)]
struct C {
    scopes: Vec<Scope>,
    matcher: Matcher,
    when: Option<Cond>,
    absent: bool,
    fire_without_scope: bool,
    max_words: Option<usize>,
    label: Option<(ConceptRef, String)>,
}

impl Check for TextMatch {
    fn kind(&self) -> &'static str {
        "text-match"
    }
    fn doc(&self) -> &'static str {
        "Looks for `patterns` (regexes, case-insensitive, word-bounded) in the text of `scope`: \
`document`, `elsewhere` (the document outside the Item 1C / 16K / 1.05 sections), \
`disclosure` (every Item 106 / 16K text block), `{section: item-1c|item-16k|item-1.05}`, `{concept: …}`, `{concepts: […]}`, \
`{flag-display: …}` (the words a flag is tagged on), or a list of these.\n\n\
* `not-preceded-by: {words: […], within: N|sentence, except: […]}` drops a match preceded by a \
negation or modal. `words` and `except` list phrases or `\"@class\"`, every entry of a lexicon \
word class; without `words` the class `@guard-negation` (not, no, never, could, may, might, \
would, if, in the event, …), without `except` `@guard-exception` (not only, not limited to, no \
later than), both in rules/lexicon/guards.yaml and extensible by a pack; default window 4 \
words. A list too large to compile is a load error.\n\
* `in-sentence: […]`: one of these patterns must also occur in the match's sentence.\n\
* `when:` a condition on facts and text (`fact`, `text`, `all`, `any`, `not`); the rule runs only \
when it holds.\n\
* `expect: present` (default) fires on each surviving match, the span on the matched phrase; \
`expect: absent` fires once when nothing matches in the scope, pointing at the scope's fact or \
heading. With no scope text at all there is nothing to judge and no finding, unless \
`if-no-scope: fire` (then the finding points at the Item heading or the document type fact).\n\
* `region-max-words: N` looks only at regions of at most N words (a section that is no more \
than a short paragraph, say).\n\
* `label: concept` adds a secondary label on that concept's fact (`label-message` says what).\n\n\
`{matched}` in the message is the matched phrase."
    }
    fn keys(&self) -> &'static [&'static str] {
        &[
            "scope",
            "patterns",
            "in-sentence",
            "not-preceded-by",
            "when",
            "expect",
            "if-no-scope",
            "region-max-words",
            "label",
            "label-message",
        ]
    }
    fn compile(&self, params: &Node, cx: &mut Cx) -> Option<Box<dyn Compiled>> {
        let _ = MATCHER_KEYS;
        let scopes = cx
            .required(params, "scope", "`text-match`")
            .and_then(|n| compile_scopes(n, cx));
        let matcher = Matcher::compile(params, cx);
        let when = params.get("when").map(|n| Cond::compile(n, cx));
        let absent = match params.get("expect") {
            None => Some(false),
            Some(n) => match n.as_str() {
                Some("present") => Some(false),
                Some("absent") => Some(true),
                _ => {
                    cx.err(n.span.clone(), "`expect` must be present or absent");
                    None
                }
            },
        };
        let fire_without_scope = match params.get("if-no-scope") {
            None => Some(false),
            Some(n) => match n.as_str() {
                Some("fire") => Some(true),
                Some("skip") => Some(false),
                _ => {
                    cx.err(n.span.clone(), "`if-no-scope` must be fire or skip");
                    None
                }
            },
        };
        let max_words = match params.get("region-max-words") {
            Some(n) => Some(Some(cx.usize(n, "`region-max-words`")?)),
            None => Some(None),
        };
        let label = match params.get("label") {
            Some(n) => {
                let c = cx.concept(n, "`label`");
                let msg = params
                    .get("label-message")
                    .and_then(|m| cx.str(m, "`label-message`"))
                    .unwrap_or_else(|| "related fact".into());
                Some(c.map(|c| (c, msg)))
            }
            None => Some(None),
        };
        let when = match when {
            Some(Some(c)) => Some(c),
            Some(None) => return None,
            None => None,
        };
        Some(Box::new(C {
            scopes: scopes?,
            matcher: matcher?,
            when,
            absent: absent?,
            fire_without_scope: fire_without_scope?,
            max_words: max_words?,
            label: label?,
        }))
    }
}

impl Compiled for C {
    fn wants(&self, w: &mut super::Wants) {
        self.scopes.iter().for_each(|s| s.wants(w));
        if let Some(c) = &self.when {
            c.wants(w);
        }
        if let Some((c, _)) = &self.label {
            w.concept(c);
        }
    }

    fn run(&self, rc: &RunCx<'_>, emit: &mut dyn FnMut(Hit)) {
        let filing = rc.filing;
        if let Some(w) = &self.when
            && !w.eval(filing)
        {
            return;
        }
        let labels: Vec<Label> = match &self.label {
            Some((c, msg)) => filing
                .select(|x| c.matches(x))
                .into_iter()
                .map(|f| Label::on_fact(f, msg.clone()))
                .collect(),
            None => Vec::new(),
        };
        let mut regions = regions(filing, &self.scopes);
        if let Some(max) = self.max_words {
            regions.retain(|r| r.text.split_whitespace().count() <= max);
        }
        if self.absent {
            if regions.is_empty() {
                if self.fire_without_scope {
                    emit(Hit {
                        span: rc.anchor(),
                        labels,
                        ..Hit::default()
                    });
                }
                return;
            }
            if regions
                .iter()
                .all(|r| self.matcher.find(filing, r).is_empty())
            {
                let r = &regions[0];
                let span = match r.fact() {
                    Some(f) => Some(f.span),
                    None => r.span(filing, 0..r.text.find('\n').unwrap_or(r.text.len())),
                };
                emit(Hit {
                    span: span.unwrap_or_else(|| rc.anchor()),
                    labels,
                    concept: r.fact().map(|f| f.concept.qname()),
                    matched: None,
                    context: r
                        .fact()
                        .and_then(|f| f.context.as_deref().map(str::to_owned)),
                    fact_id: r.fact().and_then(|f| f.id.as_deref().map(str::to_owned)),
                    ..Hit::default()
                });
            }
            return;
        }
        for r in &regions {
            for m in self.matcher.find(filing, r) {
                let Some(span) = r.span(filing, m.clone()) else {
                    continue;
                };
                emit(Hit {
                    span,
                    labels: labels.clone(),
                    concept: r.fact().map(|f| f.concept.qname()),
                    matched: Some(r.text[m].split_whitespace().collect::<Vec<_>>().join(" ")),
                    context: r
                        .fact()
                        .and_then(|f| f.context.as_deref().map(str::to_owned)),
                    fact_id: r.fact().and_then(|f| f.id.as_deref().map(str::to_owned)),
                    ..Hit::default()
                });
            }
        }
    }
    fn needs_facts(&self) -> bool {
        // A scope that needs facts simply finds nothing in a draft; the rule can still run when
        // one of its scopes is text (a section, the document).
        self.scopes.iter().all(Scope::needs_facts)
            || self.when.as_ref().is_some_and(Cond::needs_facts)
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;

    const X008: &str = r#"kind: text-match
when: {fact: cyd:CybersecurityRiskMateriallyAffectedOrReasonablyLikelyToMateriallyAffectRegistrantFlag, boolean: false}
scope: [{section: item-1c}]
patterns: ['have (?:been )?materially affected', 'had a material (?:adverse )?(?:effect|impact)', 'materially affect(?:ed)?']
not-preceded-by: {within: sentence}
label: cyd:CybersecurityRiskMateriallyAffectedOrReasonablyLikelyToMateriallyAffectRegistrantFlag
label-message: the flag says false
"#;

    fn doc(sentence: &str) -> String {
        format!(
            r#"<p>Item 1C. Cybersecurity</p><p><ix:nonNumeric name="cyd:CybersecurityRiskMateriallyAffectedOrReasonablyLikelyToMateriallyAffectRegistrantFlag" contextRef="c-1" format="ixt:fixed-false">Material effects</ix:nonNumeric></p><p>{sentence}</p><p>Item 2. Properties</p>"#
        )
    }

    #[test]
    fn negated_and_hedged_effects_do_not_fire() {
        for s in [
            "Risks from cybersecurity threats have not materially affected us.",
            "Such an incident could materially affect our business.",
            "We have not experienced any incidents that have materially affected or are reasonably likely to materially affect us.",
            "In the event of a breach, our results may be materially affected.",
        ] {
            let f = filing(&doc(s));
            assert!(run(X008, &f).is_empty(), "{s}");
        }
    }

    #[test]
    fn asserted_effects_fire_on_the_phrase() {
        for (s, phrase) in [
            (
                "The 2023 ransomware attack and related incidents have materially affected our results.",
                "have materially affected",
            ),
            (
                "The breach had a material adverse effect on our operations.",
                "had a material adverse effect",
            ),
            (
                "The incident not only disrupted our systems but also had a material impact on revenue.",
                "had a material impact",
            ),
        ] {
            let f = filing(&doc(s));
            let h = run(X008, &f);
            assert_eq!(h.len(), 1, "{s}");
            assert_eq!(text_at(&f, h[0].span), phrase);
            assert_eq!(h[0].labels.len(), 1);
            assert!(text_at(&f, h[0].labels[0].span).contains("fixed-false"));
        }
        // A flag that says true: the condition does not hold.
        let t = doc("The breach had a material adverse effect on us.")
            .replace("fixed-false", "fixed-true");
        assert!(run(X008, &filing(&t)).is_empty());
    }

    #[test]
    fn absent_fires_once_at_the_heading() {
        let y = "kind: text-match\nscope: {section: item-1c}\nexpect: absent\npatterns: ['materially affect(?:ed)?']\n";
        let f = filing("<p>Item 1C. Cybersecurity</p><p>We have a program.</p>");
        let h = run(y, &f);
        assert_eq!(h.len(), 1);
        assert_eq!(text_at(&f, h[0].span), "Item 1C. Cybersecurity");
        let ok =
            filing("<p>Item 1C. Cybersecurity</p><p>No risks have materially affected us.</p>");
        assert!(run(y, &ok).is_empty());
        // No section at all: nothing to judge.
        assert!(run(y, &filing("<p>Other text.</p>")).is_empty());
    }
}
