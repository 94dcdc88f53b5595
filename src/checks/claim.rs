//! `claim`: sentences that claim a topic with a status — the kind that reads what the words
//! *say* (the claim layer, [`crate::claims`]) rather than whether a pattern occurs.
//!
//! "A sentence of Item 1C affirms that the registrant engages third parties, while the
//! third-party flag is false" is
//!
//! ```yaml
//! kind: claim
//! topic: third-party-engaged
//! status: affirmed
//! scope: [{flag-sentence: cyd:…ThirdPartyEngagedFlag}, {section: item-1c}, {section: item-16k}]
//! judges: {concept: cyd:CybersecurityRiskManagementThirdPartyEngagedFlag, boolean: false}
//! judges-message: the flag says the registrant engages no third parties
//! ```
//!
//! The finding names the fact it judges (its `concept`, context and id, and a label on it
//! that carries the concept), quotes the words it rests on (`{matched}`, `{sentence}`, and the
//! trigger that set the status, `{cue}`), and points at those words in the source.

use std::ops::Range;

use super::topic::{compile_requires, compile_statuses, compile_topics};
use super::{Check, Compiled, Hit};
use crate::checks::claimed::Requires;
use crate::checks::compile::Cx;
use crate::checks::cond::Cond;
use crate::checks::run::RunCx;
use crate::checks::text::{Region, Scope, compile_scopes, has_foreign_facts, regions};
use crate::claims::{Status, TopicId};
use crate::diagnostic::Label;
use crate::filing::{Fact, Filing};
use crate::syntax::validate::ConceptRef;
use crate::syntax::yaml::Node;

/// The kind.
pub struct ClaimCheck;

/// A fact a finding is about.
#[derive(Debug, Clone)]
struct Judged {
    concept: ConceptRef,
    /// Only facts with this value; given, the rule runs only when such a fact exists.
    boolean: Option<bool>,
}

/// The sentences of a region with their claims.
type Said = Vec<(Range<usize>, Vec<crate::claims::Claim>)>;

#[derive(Debug)]
struct C {
    topics: Vec<TopicId>,
    statuses: Vec<Status>,
    scopes: Vec<Scope>,
    when: Option<Cond>,
    absent: bool,
    contradiction: bool,
    fire_without_scope: bool,
    requires: Option<Requires>,
    unless: Vec<Status>,
    judges: Vec<Judged>,
    judges_message: String,
}

fn compile_judges(node: &Node, cx: &mut Cx) -> Option<Vec<Judged>> {
    let items: Vec<&Node> = match node.as_seq() {
        Some(s) => s.iter().collect(),
        None => vec![node],
    };
    let mut out = Vec::new();
    for n in items {
        if !cx.keys(n, "`judges`", &["concept", "boolean"]) {
            return None;
        }
        let concept = cx
            .required(n, "concept", "`judges`")
            .and_then(|c| cx.concept(c, "`judges.concept`"))?;
        let boolean = match n.get("boolean") {
            Some(b) => Some(cx.bool(b, "`judges.boolean`")?),
            None => None,
        };
        out.push(Judged { concept, boolean });
    }
    Some(out)
}

impl Check for ClaimCheck {
    fn kind(&self) -> &'static str {
        "claim"
    }
    fn fills(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("sentence", "the sentence the finding rests on, shortened"),
            (
                "cue",
                "the words that set the claim's status (\"not\", \"could\"), empty when none",
            ),
        ]
    }
    fn doc(&self) -> &'static str {
        "Fires on sentences whose claim on a `topic` has one of the given `status`es (default \
`affirmed`), as the claim layer reads them (see the rule-language docs, \"Claims\", and \
`cydlint claims`). Topics: processes, integration, third-party-engaged, vendor-oversight, \
material-effect, incident-impact, positions-responsible, expertise, management-informed, \
reports-to-board, board-oversight, board-committee, incident-materiality, pointer (and any a \
pack's lexicon adds). Statuses: affirmed, negated, hedged, pointer.\n\n\
* `scope:` as `text-match`, plus `{flag-sentence: concept}`: the sentences a flag's tagged \
words lie in.\n\
* `judges: {concept: …, boolean: true|false}` (or a list): the fact the finding is about — \
its `concept`, context and id, and a label on it with `judges-message`. With `boolean`, only \
facts with that value are judged and the rule runs only when one exists; one finding per \
judged fact.\n\
* `expect: present` (default) fires on each sentence that makes the claim, the span on the \
words of the claim; `expect: absent` fires once (per judged fact) when no sentence of the \
scope does, pointing at the scope's fact or heading — or, when a sentence only points \
elsewhere for the topic (status `pointer`), at that pointer. With no scope text at all nothing \
is judged, unless `if-no-scope: fire`.\n\
* `expect: contradiction` (statuses default to `affirmed, negated`): for each topic, when one \
sentence of the scope claims it with one of the statuses and another with a different one, \
a finding on every such sentence, labelled at the first that says otherwise (\"we engage \
consultants\" … \"we do not engage third parties\": a finding at both places).\n\
* `unless: [statuses]`: no finding when some sentence of the scope claims the topic with one \
of these (\"negated, unless another sentence affirms\").\n\
* `requires: [classes]`: only sentences holding a word of one of these lexicon classes \
(`cyber-attack`, say); over a whole document only the lines that may hold one are \
analysed.\n\
* `when:` a condition, as in `text-match`.\n\n\
Placeholders: `{matched}` (the words of the claim), `{sentence}` (its sentence, shortened), \
`{cue}` (the words that set its status), `{concept}` (the judged fact)."
    }
    fn keys(&self) -> &'static [&'static str] {
        &[
            "topic",
            "status",
            "scope",
            "when",
            "expect",
            "if-no-scope",
            "requires",
            "unless",
            "judges",
            "judges-message",
        ]
    }
    fn compile(&self, params: &Node, cx: &mut Cx) -> Option<Box<dyn Compiled>> {
        let before = cx.errors.len();
        let topics = cx
            .required(params, "topic", "`claim`")
            .and_then(|n| compile_topics(n, cx));
        let contradiction_expected =
            params.get("expect").and_then(|n| n.as_str()) == Some("contradiction");
        let statuses = match params.get("status") {
            Some(n) => compile_statuses(n, cx),
            None if contradiction_expected => Some(vec![Status::Affirmed, Status::Negated]),
            None => Some(vec![Status::Affirmed]),
        };
        let unless = match params.get("unless") {
            Some(n) => compile_statuses(n, cx),
            None => Some(Vec::new()),
        };
        let scopes = cx
            .required(params, "scope", "`claim`")
            .and_then(|n| compile_scopes(n, cx));
        let when = match params.get("when") {
            Some(n) => Some(Cond::compile(n, cx)?),
            None => None,
        };
        let (absent, contradiction) = match params.get("expect").map(|n| (n.as_str(), n)) {
            None | Some((Some("present"), _)) => (false, false),
            Some((Some("absent"), _)) => (true, false),
            Some((Some("contradiction"), _)) => (false, true),
            Some((_, n)) => {
                cx.err(
                    n.span.clone(),
                    "`expect` must be present, absent or contradiction",
                );
                return None;
            }
        };
        let fire_without_scope = match params.get("if-no-scope").map(|n| (n.as_str(), n)) {
            None | Some((Some("skip"), _)) => false,
            Some((Some("fire"), _)) => true,
            Some((_, n)) => {
                cx.err(n.span.clone(), "`if-no-scope` must be fire or skip");
                return None;
            }
        };
        let requires = match params.get("requires") {
            Some(n) => Some(compile_requires(n, cx)?),
            None => None,
        };
        let judges = match params.get("judges") {
            Some(n) => compile_judges(n, cx),
            None => Some(Vec::new()),
        };
        let judges_message = params
            .get("judges-message")
            .and_then(|m| cx.str(m, "`judges-message`"))
            .unwrap_or_else(|| "the fact this finding is about".into());
        if cx.errors.len() != before {
            return None;
        }
        Some(Box::new(C {
            topics: topics?,
            statuses: statuses?,
            scopes: scopes?,
            when,
            absent,
            contradiction,
            fire_without_scope,
            requires,
            unless: unless?,
            judges: judges?,
            judges_message,
        }))
    }
}

/// Words as one line.
fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A sentence shortened for a message: the first 200 characters.
fn shortened(s: &str) -> String {
    let w = words(s);
    if w.chars().count() <= 200 {
        w
    } else {
        w.chars().take(197).collect::<String>() + "…"
    }
}

impl C {
    /// The judged facts of a filing (`None`: a judged value is required and no fact has it).
    fn judged<'f>(&self, filing: &'f Filing) -> Option<Vec<&'f Fact>> {
        if self.judges.is_empty() {
            return Some(Vec::new());
        }
        let mut out = Vec::new();
        for j in &self.judges {
            out.extend(
                filing
                    .select(|c| j.concept.matches(c))
                    .into_iter()
                    .filter(|f| j.boolean.is_none_or(|b| f.boolean == Some(b))),
            );
        }
        let required = self.judges.iter().any(|j| j.boolean.is_some());
        (!(required && out.is_empty())).then_some(out)
    }

    fn hit_for(&self, base: &Hit, judged: Option<&Fact>) -> Hit {
        let mut h = base.clone();
        if let Some(f) = judged {
            h.concept = Some(f.concept.qname());
            h.context = f.context.as_deref().map(str::to_owned);
            h.fact_id = f.id.as_deref().map(str::to_owned);
            // "The flag says yes, but no sentence does": the finding is on the flag itself,
            // and a label marks where the words were looked for.
            if self.absent {
                let searched = h.span;
                h.span = f.span;
                if searched != f.span {
                    h.labels.insert(
                        0,
                        Label {
                            span: searched,
                            message: "searched from here: no sentence says so".into(),
                            concept: base.concept.clone(),
                        },
                    );
                }
            } else {
                h.labels
                    .insert(0, Label::on_fact(f, self.judges_message.clone()));
            }
        }
        h
    }

    /// A hit on a claim of a region's sentence: its words, sentence and cue.
    fn claim_hit(
        &self,
        filing: &Filing,
        r: &Region<'_>,
        s: &Range<usize>,
        c: &crate::claims::Claim,
    ) -> Option<Hit> {
        let span = r.span(filing, c.evidence.clone())?;
        let text = |x: &Range<usize>| r.text.get(x.clone()).map(words);
        Some(Hit {
            span,
            concept: r.fact().map(|f| f.concept.qname()),
            context: r
                .fact()
                .and_then(|f| f.context.as_deref().map(str::to_owned)),
            fact_id: r.fact().and_then(|f| f.id.as_deref().map(str::to_owned)),
            matched: text(&c.evidence),
            sentence: r.text.get(s.clone()).map(shortened),
            cue: c.cue.as_ref().and_then(text),
            ..Hit::default()
        })
    }

    /// Whether a sentence of the item answers the topic once its place is taken as its
    /// context: a short sentence inside Item 1C / 16K / 1.05 or a cyd text block ("We engage
    /// outside assessors.") need not name cybersecurity to be about it. Asked only before an
    /// "absent" finding — the lenient reading spares a false warning, and a contradiction is
    /// never read this way.
    fn answered_in_place(
        &self,
        rc: &RunCx<'_>,
        regions: &[Region<'_>],
        said: &[Vec<(Range<usize>, Vec<crate::claims::Claim>)>],
    ) -> bool {
        regions.iter().zip(said).any(|(r, sentences)| {
            in_place(rc.filing, r)
                && sentences.iter().any(|(s, _)| {
                    r.text.get(s.clone()).is_some_and(|words| {
                        rc.said
                            .in_place(&rc.lexicon, words)
                            .iter()
                            .any(|c| self.matches(c))
                    })
                })
        })
    }

    /// The first sentence that only points elsewhere for one of the topics, as a hit with a
    /// label saying so.
    fn pointer_hit(&self, filing: &Filing, regions: &[Region<'_>], said: &[Said]) -> Option<Hit> {
        regions.iter().zip(said).find_map(|(r, sentences)| {
            sentences.iter().find_map(|(s, claims)| {
                let c = claims
                    .iter()
                    .find(|c| self.topics.contains(&c.topic) && c.status == Status::Pointer)?;
                let mut h = self.claim_hit(filing, r, s, c)?;
                if let Some(cue) = c.cue.clone().and_then(|x| r.span(filing, x)) {
                    h.labels.push(Label {
                        span: cue,
                        message: "this only points elsewhere: the answer belongs here".into(),
                        concept: None,
                    });
                }
                Some(h)
            })
        })
    }

    /// `expect: contradiction`: for each topic, when one sentence of the scope claims it with
    /// the first status and another with a different one of the statuses (affirmed and
    /// negated, by default), a hit on every such sentence, labelled at the first sentence
    /// that says the opposite.
    fn contradictions(
        &self,
        filing: &Filing,
        regions: &[Region<'_>],
        said: &[Said],
        emit: &mut dyn FnMut(Hit),
    ) {
        for &topic in &self.topics {
            let mut by_status: Vec<(Status, Hit)> = Vec::new();
            for (r, sentences) in regions.iter().zip(said) {
                for (s, claims) in sentences {
                    let Some(c) = claims
                        .iter()
                        .find(|c| c.topic == topic && self.statuses.contains(&c.status))
                    else {
                        continue;
                    };
                    if let Some(h) = self.claim_hit(filing, r, s, c) {
                        by_status.push((c.status, h));
                    }
                }
            }
            for (st, h) in &by_status {
                let Some((other_st, other)) = by_status.iter().find(|(o, _)| o != st) else {
                    continue;
                };
                let mut h = h.clone();
                h.labels.push(Label {
                    span: other.span,
                    message: format!(
                        "{} here: \"{}\"",
                        match other_st {
                            Status::Affirmed => "but affirmed",
                            Status::Negated => "but denied",
                            Status::Hedged => "but hedged",
                            Status::Pointer => "but pointed elsewhere",
                        },
                        other.matched.as_deref().unwrap_or("")
                    ),
                    concept: None,
                });
                emit(h);
            }
        }
    }

    fn matches(&self, c: &crate::claims::Claim) -> bool {
        self.topics.contains(&c.topic) && self.statuses.contains(&c.status)
    }
}

impl Compiled for C {
    fn wants(&self, w: &mut super::Wants) {
        self.scopes.iter().for_each(|s| s.wants(w));
        if let Some(c) = &self.when {
            c.wants(w);
        }
        for j in &self.judges {
            w.concept(&j.concept);
        }
    }

    fn run(&self, rc: &RunCx<'_>, emit: &mut dyn FnMut(Hit)) {
        let filing = rc.filing;
        let Some(judged) = self.judged(filing) else {
            return;
        };
        if let Some(w) = &self.when
            && !w.eval(filing)
        {
            return;
        }
        let regions: Vec<Region<'_>> = regions(filing, &self.scopes);
        let boxes = rc.said.check_boxes(filing);
        let said: Vec<Vec<(Range<usize>, Vec<crate::claims::Claim>)>> = regions
            .iter()
            .map(|r| {
                let mut s = rc.said.of(&rc.lexicon, filing, r, self.requires.as_ref());
                if !boxes.is_empty() {
                    s.retain(|(sentence, _)| !is_caption(filing, r, sentence, boxes));
                }
                s
            })
            .collect();
        let emit_all = |base: Hit, emit: &mut dyn FnMut(Hit)| {
            if judged.is_empty() {
                emit(self.hit_for(&base, None));
            }
            for f in &judged {
                emit(self.hit_for(&base, Some(f)));
            }
        };
        let unless_holds = !self.unless.is_empty()
            && said.iter().flatten().any(|(_, cs)| {
                cs.iter()
                    .any(|c| self.topics.contains(&c.topic) && self.unless.contains(&c.status))
            });
        if unless_holds {
            return;
        }
        if self.absent {
            if regions.is_empty() {
                // Text in another language only: CYD-FACT-015's finding, not this rule's.
                if self.fire_without_scope && !has_foreign_facts(filing, &self.scopes) {
                    emit_all(
                        Hit {
                            span: rc.anchor(),
                            ..Hit::default()
                        },
                        emit,
                    );
                }
                return;
            }
            let found = said
                .iter()
                .flatten()
                .any(|(_, cs)| cs.iter().any(|c| self.matches(c)))
                || self.answered_in_place(rc, &regions, &said);
            if !found {
                // Only a pointer answers the topic ("see our proxy statement"): the finding
                // is on the pointer's words, which are no answer.
                if let Some(h) = self.pointer_hit(filing, &regions, &said) {
                    emit_all(h, emit);
                    return;
                }
                let r = &regions[0];
                let span = match r.fact() {
                    Some(f) => Some(f.span),
                    None => r.span(filing, 0..r.text.find('\n').unwrap_or(r.text.len())),
                };
                emit_all(
                    Hit {
                        span: span.unwrap_or_else(|| rc.anchor()),
                        concept: r.fact().map(|f| f.concept.qname()),
                        context: r
                            .fact()
                            .and_then(|f| f.context.as_deref().map(str::to_owned)),
                        fact_id: r.fact().and_then(|f| f.id.as_deref().map(str::to_owned)),
                        ..Hit::default()
                    },
                    emit,
                );
            }
            return;
        }
        if self.contradiction {
            self.contradictions(filing, &regions, &said, &mut |h| emit_all(h, emit));
            return;
        }
        for (r, sentences) in regions.iter().zip(&said) {
            for (s, claims) in sentences {
                let Some(c) = claims.iter().find(|c| self.matches(c)) else {
                    continue;
                };
                let Some(span) = r.span(filing, c.evidence.clone()) else {
                    continue;
                };
                let text = |x: &Range<usize>| r.text.get(x.clone()).map(words);
                emit_all(
                    Hit {
                        span,
                        concept: r.fact().map(|f| f.concept.qname()),
                        context: r
                            .fact()
                            .and_then(|f| f.context.as_deref().map(str::to_owned)),
                        fact_id: r.fact().and_then(|f| f.id.as_deref().map(str::to_owned)),
                        matched: text(&c.evidence),
                        sentence: r.text.get(s.clone()).map(shortened),
                        cue: c.cue.as_ref().and_then(text),
                        ..Hit::default()
                    },
                    emit,
                );
            }
        }
    }

    fn needs_facts(&self) -> bool {
        self.judges.iter().any(|j| j.boolean.is_some())
            || self.scopes.iter().all(Scope::needs_facts)
            || self.when.as_ref().is_some_and(Cond::needs_facts)
    }
}

/// Whether region `r` stands where its place says it is about cybersecurity: a cyd fact's
/// text, or text inside Item 1C / 16K / 1.05.
fn in_place(filing: &Filing, r: &Region<'_>) -> bool {
    match r.origin {
        crate::checks::text::Origin::Fact(f) => f.concept.is_cyd(),
        crate::checks::text::Origin::Layer(off) => filing
            .text
            .sections
            .iter()
            .any(|s| s.range.start <= off && off < s.range.end),
    }
}

/// Whether `sentence` (in region `r`'s offsets, as [`crate::checks::claimed::Said::of`]
/// gives it) holds a check box: its words are then the box's caption ("☐ Report to board"), which
/// names what the box answers and states nothing — neither an answer nor a contradiction.
fn is_caption(
    filing: &Filing,
    r: &Region<'_>,
    sentence: &Range<usize>,
    boxes: &[crate::source::Span],
) -> bool {
    // The box's element may begin before the sentence's first visible character: they
    // overlap.
    r.span(filing, sentence.clone()).is_some_and(|s| {
        boxes
            .iter()
            .any(|b| b.file == s.file && b.start < s.end && s.start < b.end)
    })
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;

    const X003: &str = r#"kind: claim
topic: third-party-engaged
scope: [{section: item-1c}]
judges: {concept: cyd:CybersecurityRiskManagementThirdPartyEngagedFlag, boolean: false}
judges-message: the flag says no third parties are engaged
"#;

    fn doc(flag: &str, sentence: &str) -> String {
        format!(
            r#"<p>Item 1C. Cybersecurity</p><p><ix:nonNumeric name="cyd:CybersecurityRiskManagementThirdPartyEngagedFlag" contextRef="c-1" format="ixt:fixed-{flag}">Third parties</ix:nonNumeric></p><p>{sentence}</p><p>Item 2. Properties</p>"#
        )
    }

    #[test]
    fn a_claim_against_a_flag_names_the_flag_and_quotes_the_words() {
        for (s, words) in [
            (
                "An independent firm assesses our cybersecurity program every year.",
                "firm assesses our cybersecurity program",
            ),
            (
                "We retain outside consultants to test our cybersecurity defenses.",
                "retain outside consultants",
            ),
            (
                "Our security controls are reviewed annually by external auditors.",
                "controls are reviewed annually by external auditors",
            ),
        ] {
            let f = filing(&doc("false", s));
            let h = run(X003, &f);
            assert_eq!(h.len(), 1, "{s}");
            assert_eq!(text_at(&f, h[0].span), words, "{s}");
            assert_eq!(
                h[0].concept.as_deref(),
                Some("cyd:CybersecurityRiskManagementThirdPartyEngagedFlag")
            );
            assert_eq!(
                h[0].labels[0].concept.as_deref(),
                Some("cyd:CybersecurityRiskManagementThirdPartyEngagedFlag")
            );
            assert!(text_at(&f, h[0].labels[0].span).contains("fixed-false"));
            assert!(
                h[0].sentence
                    .as_deref()
                    .is_some_and(|x| x.contains(words.split(' ').next().unwrap()))
            );
        }
        // Denied, hedged, or another party's: no finding; a true flag: the rule does not run.
        for s in [
            "We do not engage third-party assessors or consultants.",
            "We may retain consultants in the future.",
            "Our vendors engage their own auditors.",
        ] {
            assert!(run(X003, &filing(&doc("false", s))).is_empty(), "{s}");
        }
        let t = doc(
            "true",
            "We retain outside consultants to test our defenses.",
        );
        assert!(run(X003, &filing(&t)).is_empty());
    }

    #[test]
    fn absent_claims_fire_once_per_judged_fact() {
        let y = r#"kind: claim
topic: third-party-engaged
expect: absent
scope: [{section: item-1c}]
judges: {concept: cyd:CybersecurityRiskManagementThirdPartyEngagedFlag, boolean: true}
"#;
        let f = filing(&doc("true", "We maintain a cybersecurity program."));
        let h = run(y, &f);
        assert_eq!(h.len(), 1);
        assert_eq!(
            h[0].concept.as_deref(),
            Some("cyd:CybersecurityRiskManagementThirdPartyEngagedFlag")
        );
        assert!(
            run(
                y,
                &filing(&doc(
                    "true",
                    "We engage consultants to test our security controls."
                ))
            )
            .is_empty()
        );
    }

    fn item(paras: &[&str]) -> String {
        let body: String = paras.iter().map(|p| format!("<p>{p}</p>")).collect();
        format!("<p>Item 1C. Cybersecurity</p>{body}<p>Item 2. Properties</p>")
    }

    #[test]
    fn a_contradiction_fires_at_both_places_each_labelled_at_the_other() {
        let y = "kind: claim\ntopic: third-party-engaged\nexpect: contradiction\nscope: [{section: item-1c}]\n";
        let f = filing(&item(&[
            "We retain outside consultants to test our cybersecurity defenses.",
            "Our program is reviewed by our internal audit team.",
            "We do not engage third parties in connection with our cybersecurity processes.",
        ]));
        let h = run(y, &f);
        assert_eq!(h.len(), 2);
        assert_eq!(text_at(&f, h[0].span), "retain outside consultants");
        assert_eq!(text_at(&f, h[1].span), "engage third parties");
        assert_eq!(h[0].labels[0].span, h[1].span);
        assert_eq!(h[1].labels[0].span, h[0].span);
        assert!(h[0].labels[0].message.starts_with("but denied here"));
        // One answer, said twice: no contradiction.
        let f = filing(&item(&[
            "We retain outside consultants to test our cybersecurity defenses.",
            "An independent firm assesses our cybersecurity program every year.",
        ]));
        assert!(run(y, &f).is_empty());
    }

    #[test]
    fn an_absent_answer_with_only_a_pointer_is_reported_on_the_pointer() {
        let y = "kind: claim\ntopic: board-oversight\nstatus: [affirmed, negated]\nexpect: absent\nscope: [{section: item-1c}]\n";
        let f = filing(&item(&[
            "We maintain procedures to identify and manage cybersecurity risks.",
            "For information on the Board's oversight of cybersecurity risk, see our proxy statement.",
        ]));
        let h = run(y, &f);
        assert_eq!(h.len(), 1);
        assert_eq!(text_at(&f, h[0].span), "Board's oversight");
        assert!(h[0].labels[0].message.contains("only points elsewhere"));
        // No pointer: the finding is on the item's heading.
        let f = filing(&item(&[
            "We maintain procedures to identify and manage cybersecurity risks.",
        ]));
        let h = run(y, &f);
        assert_eq!(h.len(), 1);
        assert!(text_at(&f, h[0].span).starts_with("Item 1C"));
    }

    #[test]
    fn unknown_topics_and_statuses_are_load_errors_with_a_suggestion() {
        use super::super::Check;
        let y = "kind: claim\ntopic: third-party-engage\nstatus: afirmed\nscope: document\n";
        let node = crate::syntax::yaml::parse(y).unwrap();
        let mut cx = crate::checks::compile::Cx::new("t.yaml", y, crate::claims::builtin_arc());
        assert!(super::ClaimCheck.compile(&node, &mut cx).is_none());
        let msgs: Vec<&str> = cx.errors.iter().map(|e| e.message.as_str()).collect();
        assert!(
            msgs.iter()
                .any(|m| m.contains("did you mean `third-party-engaged`")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter().any(|m| m.contains("unknown status `afirmed`")),
            "{msgs:?}"
        );
    }
}
