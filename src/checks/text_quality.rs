//! `text-quality`: a text block that is a fragment, a heading, a pointer, or the same span as
//! another concept.

use super::{Check, Compiled, FactSel, Hit};
use crate::checks::compile::Cx;
use crate::checks::cond::Cond;
use crate::checks::run::RunCx;
use crate::diagnostic::Label;
use crate::syntax::validate::ConceptRef;
use crate::syntax::yaml::Node;

/// The kind.
pub struct TextQuality;

#[derive(Debug)]
enum Test {
    MinWords(usize),
    StartsMidSentence,
    EndsMidSentence,
    HeadingOnly,
    PointerOnly,
    OnHeading,
    SameTextAs(ConceptRef),
    Inside(ConceptRef),
}

#[derive(Debug)]
struct C {
    sel: FactSel,
    test: Test,
    when: Option<Cond>,
}

impl Check for TextQuality {
    fn kind(&self) -> &'static str {
        "text-quality"
    }
    fn doc(&self) -> &'static str {
        "Tests the plain text of each selected fact (text blocks; for other facts, the words \
they are tagged on). One `test`:\n\n\
* `min-words` (with `min: N`): fewer than N words (a heading is left to `heading-only`);\n\
* `starts-mid-sentence`: begins with a lower-case letter, as a cut sentence does (\"have \
integrated …\", \"oversees our …\"); texts under six words are fragments, left to `min-words`;\n\
* `ends-mid-sentence`: does not end with sentence punctuation (. ! ? : ; or a closing quote \
or bracket after one) — a text that ends in a bulleted list item is not cut;\n\
* `heading-only`: at most 8 capitalised words and no sentence — a title such as \
\"Cybersecurity\" or \"Item 1C. Cybersecurity\" (a name such as \"Mr. Dong\" is not one);\n\
* `pointer-only`: under 80 words, a cross-reference, and no answer of its own, as the claim \
layer reads it (the lexicon's `pointer` topic: \"See Item 1A …\", \"… is discussed under \
“Risk Factors”\", \"For whether risks have materially affected us, refer to …\");\n\
* `on-heading`: the words the fact is tagged on lie in a heading line of the document (the \
whole line reads as a heading, as above) — a flag tagged on \"Cybersecurity\" in \"Item 1C. \
Cybersecurity\";\n\
* `same-text-as` (with `other: concept`): the same text as a fact of another concept;\n\
* `inside` (with `other: concept`): a fact of `other` exists, and this fact's text does not lie \
within the text that `other` tags (the taxonomy's hierarchy puts it there).\n\n\
`when:` limits the check to filings where a condition holds. `{matched}` is the text, \
shortened."
    }
    fn keys(&self) -> &'static [&'static str] {
        &[
            "concept",
            "concepts",
            "namespace",
            "local-name",
            "test",
            "min",
            "other",
            "when",
        ]
    }
    fn compile(&self, params: &Node, cx: &mut Cx) -> Option<Box<dyn Compiled>> {
        let tn = cx.required(params, "test", "`text-quality`")?;
        let test = match tn.as_str() {
            Some("min-words") => {
                let n = cx.required(params, "min", "`text-quality` with `min-words`")?;
                Test::MinWords(cx.usize(n, "`min`")?)
            }
            Some("starts-mid-sentence") => Test::StartsMidSentence,
            Some("ends-mid-sentence") => Test::EndsMidSentence,
            Some("heading-only") => Test::HeadingOnly,
            Some("pointer-only") => Test::PointerOnly,
            Some("on-heading") => Test::OnHeading,
            Some("inside") => {
                let n = cx.required(params, "other", "`text-quality` with `inside`")?;
                Test::Inside(cx.concept(n, "`other`")?)
            }
            Some("same-text-as") => {
                let n = cx.required(params, "other", "`text-quality` with `same-text-as`")?;
                Test::SameTextAs(cx.concept(n, "`other`")?)
            }
            _ => {
                cx.err(tn.span.clone(), "`test` must be min-words, starts-mid-sentence, ends-mid-sentence, heading-only, pointer-only, on-heading, same-text-as or inside");
                return None;
            }
        };
        let when = match params.get("when") {
            Some(n) => Some(Cond::compile(n, cx)?),
            None => None,
        };
        Some(Box::new(C {
            sel: FactSel::compile(params, cx)?,
            test,
            when,
        }))
    }
}

const BULLETS: [char; 8] = ['•', '·', '◦', '▪', '■', '●', '‣', '⁃'];

/// The number of words (runs with a letter or digit) in `t`, counted up to `limit`: the tests
/// ask "fewer than n?" of text blocks that run to thousands of words.
fn words(t: &str, limit: usize) -> usize {
    t.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .take(limit)
        .count()
}

fn short(s: &str) -> String {
    let mut t: String = s.chars().take(80).collect();
    if t.len() < s.len() {
        t.push('…');
    }
    t
}

impl Compiled for C {
    fn wants(&self, w: &mut super::Wants) {
        w.sel(&self.sel);
        if let Test::SameTextAs(c) | Test::Inside(c) = &self.test {
            w.concept(c);
        }
        if let Some(c) = &self.when {
            c.wants(w);
        }
    }

    fn run(&self, rc: &RunCx<'_>, emit: &mut dyn FnMut(Hit)) {
        let filing = rc.filing;
        if let Some(w) = &self.when
            && !w.eval(filing)
        {
            return;
        }
        for f in self.sel.facts(filing).into_iter().filter(|f| !f.nil) {
            let text = match f.text() {
                Some(t) => std::borrow::Cow::Borrowed(t),
                None => std::borrow::Cow::Owned(filing.displayed(f)),
            };
            let t = text.trim();
            if t.is_empty() {
                continue;
            }
            let mut labels = Vec::new();
            let mut end_span = None;
            let bad = match &self.test {
                Test::MinWords(n) => words(t, *n) < *n && !heading_like(t),
                Test::StartsMidSentence if words(t, FRAGMENT) < FRAGMENT => false,
                Test::EndsMidSentence if words(t, FRAGMENT) < FRAGMENT => false,
                Test::StartsMidSentence => t
                    .chars()
                    .find(|c| c.is_alphanumeric())
                    .is_some_and(char::is_lowercase),
                Test::EndsMidSentence => {
                    let end = t.trim_end_matches(CLOSERS);
                    let last_stop = end.rfind(['.', '!', '?']);
                    let last_bullet = end.rfind(BULLETS);
                    let in_list = matches!((last_bullet, last_stop), (Some(b), Some(s)) if b > s)
                        || (last_bullet.is_some() && last_stop.is_none());
                    let cut = !end.ends_with(['.', '!', '?', ':', ';']) && !in_list;
                    if cut {
                        // The finding points at the real end: the last words of the last
                        // piece (a continuation's, when the text is continued).
                        end_span = last_words(filing, f);
                    }
                    cut && !completed_outside(filing, f)
                }
                Test::OnHeading => f.text_ranges().iter().any(|r| {
                    let layer = &filing.text.text;
                    let start = layer[..r.start.min(layer.len())]
                        .rfind('\n')
                        .map_or(0, |p| p + 1);
                    let end = layer[r.end.min(layer.len())..]
                        .find('\n')
                        .map_or(layer.len(), |p| r.end + p);
                    heading_like(layer[start..end].trim())
                }),
                Test::HeadingOnly => heading_like(t),
                // A flag is judged by the sentence it is tagged in: the words of the answer
                // may be only part of it ("For whether …, <flag>refer to Item 1A</flag>.").
                Test::PointerOnly if f.text().is_none() => {
                    let layer = &filing.text.text;
                    crate::checks::text::flag_sentences(filing, f)
                        .iter()
                        .any(|s| {
                            layer
                                .get(s.clone())
                                .is_some_and(|x| pointer_only(&rc.lexicon, &rc.said, x))
                        })
                }
                Test::PointerOnly => pointer_only(&rc.lexicon, &rc.said, t),
                Test::Inside(other) => {
                    let parents = filing.select(|c| other.matches(c));
                    let within = |r: &std::ops::Range<usize>| {
                        parents.iter().any(|p| {
                            p.text_ranges()
                                .iter()
                                .any(|q| q.start <= r.start && r.end <= q.end)
                        })
                    };
                    if let Some(p) = parents.first() {
                        labels.push(Label::on_fact(
                            p,
                            format!("{} is tagged here", p.concept.qname()),
                        ));
                    }
                    !parents.is_empty() && !f.text_ranges().iter().all(within)
                }
                Test::SameTextAs(other) => {
                    let same = filing
                        .select(|c| other.matches(c))
                        .into_iter()
                        .find(|o| o.text().is_some_and(|x| x.trim() == t));
                    if let Some(o) = same {
                        labels.push(Label::on_fact(
                            o,
                            format!("{} has the same text", o.concept.qname()),
                        ));
                    }
                    same.is_some()
                }
            };
            if bad {
                let mut hit = Hit {
                    labels,
                    matched: Some(short(t)),
                    ..Hit::on_fact(f)
                };
                if let Some(span) = end_span {
                    hit.span = span;
                }
                emit(hit);
            }
        }
    }
}

/// Only a pointer, as the claim layer reads it: under 80 words, some sentence sends the reader
/// elsewhere (the `pointer` topic, or a topic whose answer is a pointer: "for whether risks have
/// materially affected us, see …"), and no sentence says anything of a topic itself
/// (affirmed, negated or hedged). Any verb of referring and any way of typing an item or a section title counts,
/// as the lexicon's `pointer` topic says.
fn pointer_only(
    lex: &crate::claims::Lexicon,
    said: &crate::checks::claimed::Said,
    t: &str,
) -> bool {
    use crate::claims::Status;
    if words(t, 80) >= 80 {
        return false;
    }
    let pointer = lex.topic("pointer");
    let mut points = false;
    for (_, claims) in said.in_text(lex, t) {
        for c in claims {
            if Some(c.topic) == pointer || c.status == Status::Pointer {
                points = true;
            } else if matches!(c.status, Status::Affirmed | Status::Negated)
                || (c.status == Status::Hedged && !names_a_question(lex, &c))
            {
                // A hedge says something of its own ("an incident could materially affect our
                // business; see Item 1A"): weak, but no pointer alone. An open question is what
                // a pointer names ("for *whether* risks have materially affected us, see …").
                return false;
            }
        }
    }
    points
}

/// True when a hedged claim is hedged by an open question ("whether", "if any"): the words a
/// pointer uses to name what it sends the reader to.
fn names_a_question(lex: &crate::claims::Lexicon, c: &crate::claims::Claim) -> bool {
    c.trigger
        .and_then(|t| lex.triggers.get(t))
        .is_some_and(|t| t.name == "undetermined")
}

/// Closing quotes and brackets, which may follow a sentence's full stop or precede it.
const CLOSERS: [char; 6] = ['"', '”', '’', '\'', ')', ']'];

/// The sentence a text ends in is completed just outside the tag: the words after the fact's
/// last piece in the document are closing quotes or brackets and then sentence punctuation
/// ("… to our Audit Committee</ix:nonNumeric>.").
fn completed_outside(filing: &crate::filing::Filing, f: &crate::filing::Fact) -> bool {
    let layer = &filing.text.text;
    f.text_ranges().iter().last().is_some_and(|r| {
        let after = layer.get(r.end.min(layer.len())..).unwrap_or("");
        let after: String = after.chars().take(8).collect();
        after
            .trim_start_matches(|c: char| CLOSERS.contains(&c) || c == ' ')
            .starts_with(['.', '!', '?', ':', ';'])
    })
}

/// The source span of the last few words of a fact's last piece: where a cut text ends.
fn last_words(
    filing: &crate::filing::Filing,
    f: &crate::filing::Fact,
) -> Option<crate::source::Span> {
    let layer = &filing.text.text;
    let r = f.text_ranges().iter().last()?.clone();
    let piece = layer.get(r.clone())?.trim_end();
    let mut start = piece.len();
    let mut seen = 0;
    for (i, c) in piece.char_indices().rev() {
        if c.is_whitespace() {
            seen += 1;
            if seen == 4 {
                break;
            }
        }
        start = i;
    }
    filing.text.span(r.start + start..r.start + piece.len())
}

/// Texts this short are fragments: `min-words` reports them, the sentence tests leave them.
const FRAGMENT: usize = 6;

const SMALL_WORDS: &[&str] = &[
    "of", "and", "the", "for", "to", "in", "on", "a", "an", "or", "&", "with",
];
const HONORIFICS: &[&str] = &["mr.", "mrs.", "ms.", "dr.", "prof."];

/// A heading: at most 8 words, not a sentence, each word capitalised (small words aside) or an
/// "Item …" title; a name with an honorific ("Mr. Dong") is not a heading.
fn heading_like(t: &str) -> bool {
    // Only its start is compared, with ASCII words: lower-case the first few characters, not
    // a whole text block.
    let lower = t.chars().take(8).collect::<String>().to_lowercase();
    let n = words(t, 9);
    if lower.starts_with("item ") && n <= 6 {
        return true;
    }
    if n > 8
        || t.trim_end_matches(['"', '”', ')'])
            .ends_with(['.', '!', '?'])
    {
        return false;
    }
    if HONORIFICS.iter().any(|h| lower.starts_with(h)) {
        return false;
    }
    t.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .all(|w| {
            SMALL_WORDS.contains(&w.to_lowercase().as_str())
                || w.chars()
                    .find(|c| c.is_alphabetic())
                    .is_some_and(char::is_uppercase)
        })
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;

    /// `heading_like` as first written (whole text lower-cased, words counted in full).
    fn heading_like_reference(t: &str) -> bool {
        let words = |t: &str| {
            t.split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count()
        };
        let lower = t.to_lowercase();
        if lower.starts_with("item ") && words(t) <= 6 {
            return true;
        }
        if words(t) > 8
            || t.trim_end_matches(['"', '”', ')'])
                .ends_with(['.', '!', '?'])
        {
            return false;
        }
        if super::HONORIFICS.iter().any(|h| lower.starts_with(h)) {
            return false;
        }
        t.split_whitespace()
            .filter(|w| w.chars().any(char::is_alphabetic))
            .all(|w| {
                super::SMALL_WORDS.contains(&w.to_lowercase().as_str())
                    || w.chars()
                        .find(|c| c.is_alphabetic())
                        .is_some_and(char::is_uppercase)
            })
    }

    #[test]
    fn heading_like_reads_only_what_it_needs() {
        let long = "Word ".repeat(5000);
        for t in [
            "Item 1C. Cybersecurity",
            "ITEM 1C CYBERSECURITY RISK MANAGEMENT AND STRATEGY",
            "İtem 1C",
            "İTEM 1C Cybersecurity",
            "Mr. Dong",
            "MR. DONG",
            "Prof. Ada Lovelace",
            "ΣΑΣ Item",
            "Risk Management and Strategy",
            "Risk management and strategy",
            "Our CISO leads the program.",
            "One Two Three Four Five Six Seven Eight",
            "One Two Three Four Five Six Seven Eight Nine",
            "Item 1 2 3 4 5",
            "Item 1 2 3 4 5 6",
            "",
            long.as_str(),
        ] {
            assert_eq!(super::heading_like(t), heading_like_reference(t), "{t:?}");
        }
        assert_eq!(super::words(&long, 9), 9);
        assert_eq!(super::words("a b -- c", 9), 3);
    }

    fn tb(name: &str, text: &str) -> String {
        format!(
            r#"<ix:nonNumeric name="cyd:{name}" contextRef="c-1" escape="true">{text}</ix:nonNumeric>"#
        )
    }

    #[test]
    fn fragments_headings_and_pointers() {
        let f = filing(&[
            tb("CybersecurityRiskManagementExpertiseOfManagementResponsibleTextBlock", "Mr. Dong"),
            tb("CybersecurityRiskBoardCommitteeOrSubcommitteeResponsibleForOversightTextBlock", "oversees our overall risk management, including cybersecurity risk."),
            tb("CybersecurityRiskRoleOfManagementTextBlock", "Our CISO leads the program. She has 20 years of experience."),
            tb("CybersecurityRiskBoardOfDirectorsOversightTextBlock", "Item 1C. Cybersecurity"),
            tb("CybersecurityRiskMateriallyAffectedOrReasonablyLikelyToMateriallyAffectRegistrantTextBlock", "See Item 1A, “Risk Factors.”"),
        ].concat());
        let sel = "namespace: 'http://xbrl\\.sec\\.gov/cyd/.*'\n";
        let names = |y: &str| -> Vec<String> {
            run(&format!("kind: text-quality\n{sel}{y}"), &f)
                .into_iter()
                .map(|h| h.concept.unwrap().replace("cyd:CybersecurityRisk", ""))
                .collect()
        };
        // "Item 1C. Cybersecurity" is a heading, not a fragment; "Mr. Dong" is a fragment (a name),
        // not a heading; fragments are not judged as cut sentences.
        assert_eq!(
            names("test: min-words\nmin: 5\n"),
            ["ManagementExpertiseOfManagementResponsibleTextBlock"]
        );
        assert_eq!(
            names("test: starts-mid-sentence\n"),
            ["BoardCommitteeOrSubcommitteeResponsibleForOversightTextBlock"]
        );
        assert!(names("test: ends-mid-sentence\n").is_empty());
        assert_eq!(
            names("test: heading-only\n"),
            ["BoardOfDirectorsOversightTextBlock"]
        );
        assert_eq!(
            names("test: pointer-only\n"),
            ["MateriallyAffectedOrReasonablyLikelyToMateriallyAffectRegistrantTextBlock"]
        );
    }

    #[test]
    fn cut_sentences_lists_and_headings_on_their_own_line() {
        let f = filing(&[
            tb("CybersecurityRiskRoleOfManagementTextBlock", "Our CISO leads the program and the Board is informed"),
            tb("CybersecurityRiskBoardOfDirectorsOversightTextBlock", "The Board oversees these risks: <ul><li>&#8226;Board: understanding the risks central to our success</li></ul>"),
            r#"<div>Item 1C. <ix:nonNumeric name="cyd:CybersecurityRiskManagementThirdPartyEngagedFlag" contextRef="c-1" format="ixt:fixed-true">Cybersecurity</ix:nonNumeric></div>"#.to_string(),
            r#"<p>We <ix:nonNumeric name="cyd:CybersecurityRiskManagementProcessesIntegratedFlag" contextRef="c-1" format="ixt:fixed-true">integrate</ix:nonNumeric> it.</p>"#.to_string(),
        ].concat());
        let sel = "namespace: 'http://xbrl\\.sec\\.gov/cyd/.*'\n";
        let ends = run(
            &format!("kind: text-quality\n{sel}test: ends-mid-sentence\n"),
            &f,
        );
        assert_eq!(ends.len(), 1);
        assert_eq!(
            ends[0].concept.as_deref(),
            Some("cyd:CybersecurityRiskRoleOfManagementTextBlock")
        );
        let own = run(
            &format!("kind: text-quality\n{sel}local-name: '.*Flag'\ntest: on-heading\n"),
            &f,
        );
        assert_eq!(own.len(), 1);
        assert_eq!(own[0].matched.as_deref(), Some("Cybersecurity"));
    }

    #[test]
    fn same_text_as_another_concept() {
        let f = filing(
            &[
                tb(
                    "CybersecurityRiskBoardOfDirectorsOversightTextBlock",
                    "The Audit Committee oversees cyber risk.",
                ),
                tb(
                    "CybersecurityRiskBoardCommitteeOrSubcommitteeResponsibleForOversightTextBlock",
                    "The Audit Committee oversees cyber risk.",
                ),
            ]
            .concat(),
        );
        let h = run(
            "kind: text-quality\nconcept: cyd:CybersecurityRiskBoardCommitteeOrSubcommitteeResponsibleForOversightTextBlock\ntest: same-text-as\nother: cyd:CybersecurityRiskBoardOfDirectorsOversightTextBlock\n",
            &f,
        );
        assert_eq!(h.len(), 1);
        assert_eq!(h[0].labels.len(), 1);
    }
}
