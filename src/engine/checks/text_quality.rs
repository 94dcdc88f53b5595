//! `text-quality`: a text block that is a fragment, a heading, a pointer, or the same span as
//! another concept.

use regex::Regex;

use super::{Check, Compiled, FactSel, Hit};
use crate::diagnostic::Label;
use crate::engine::RunCx;
use crate::engine::cond::Cond;
use crate::rules::validate::{ConceptRef, Cx};
use crate::rules::yaml::Node;

/// The kind.
pub struct TextQuality;

#[derive(Debug)]
enum Test {
    MinWords(usize),
    StartsMidSentence,
    EndsMidSentence,
    HeadingOnly,
    PointerOnly,
    SameTextAs(ConceptRef),
}

#[derive(Debug)]
struct C {
    sel: FactSel,
    test: Test,
    when: Option<Cond>,
    pointer: Regex,
}

impl Check for TextQuality {
    fn kind(&self) -> &'static str {
        "text-quality"
    }
    fn doc(&self) -> &'static str {
        "Tests the plain text of each selected fact (text blocks; for other facts, the words \
they are tagged on). One `test`:\n\n\
* `min-words` (with `min: N`): fewer than N words;\n\
* `starts-mid-sentence`: begins with a lower-case letter or a continuation word, as a cut \
sentence does (\"have integrated …\", \"oversees our …\");\n\
* `ends-mid-sentence`: does not end with sentence punctuation (. ! ? : ; or a closing quote \
or bracket after one);\n\
* `heading-only`: at most 8 words and no sentence — a title such as \"Cybersecurity\" or \
\"Item 1C. Cybersecurity\";\n\
* `pointer-only`: under 40 words and only a cross-reference (\"See Item 1A …\", \"Refer to …\", \
\"For a discussion …, see …\");\n\
* `same-text-as` (with `other: concept`): the same text as a fact of another concept.\n\n\
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
            Some("same-text-as") => {
                let n = cx.required(params, "other", "`text-quality` with `same-text-as`")?;
                Test::SameTextAs(cx.concept(n, "`other`")?)
            }
            _ => {
                cx.err(tn.span.clone(), "`test` must be min-words, starts-mid-sentence, ends-mid-sentence, heading-only, pointer-only or same-text-as");
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
            pointer: Regex::new(r"(?i)^\W*(?:(?:see|refer\s+to|reference\s+is\s+made\s+to)\b|for\s+(?:a\s+)?(?:further\s+|more\s+|additional\s+)?(?:discussion|information|details?)\b[^.]*?\b(?:see|refer\s+to)\b|(?:the\s+)?information\s+(?:required|called\s+for)\b[^.]*\bincorporated\b|[^.]*\bis\s+incorporated\s+(?:herein\s+)?by\s+reference\b)").expect("static regex"),
        }))
    }
}

const CONTINUATION_WORDS: &[&str] = &[
    "and",
    "or",
    "but",
    "which",
    "that",
    "including",
    "as",
    "such",
    "with",
    "of",
    "to",
];

fn words(t: &str) -> usize {
    t.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
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
    fn run(&self, rc: &RunCx<'_>, emit: &mut dyn FnMut(Hit)) {
        let filing = rc.filing;
        if let Some(w) = &self.when
            && !w.eval(filing)
        {
            return;
        }
        for f in filing
            .facts
            .iter()
            .filter(|f| self.sel.matches(f) && !f.nil)
        {
            let text = f.text.clone().unwrap_or_else(|| filing.displayed(f));
            let t = text.trim();
            if t.is_empty() {
                continue;
            }
            let mut labels = Vec::new();
            let bad = match &self.test {
                Test::MinWords(n) => words(t) < *n,
                Test::StartsMidSentence => {
                    let first = t.split_whitespace().next().unwrap_or("");
                    let c = first.chars().next().unwrap_or('A');
                    c.is_lowercase()
                        || CONTINUATION_WORDS.contains(&first.to_ascii_lowercase().as_str())
                            && c.is_lowercase()
                }
                Test::EndsMidSentence => {
                    let end = t.trim_end_matches(['"', '”', '’', '\'', ')', ']']);
                    !end.ends_with(['.', '!', '?', ':', ';'])
                }
                Test::HeadingOnly => {
                    words(t) <= 8
                        && !t
                            .trim_end_matches(['"', '”', ')'])
                            .ends_with(['.', '!', '?'])
                        || is_item_heading(t)
                }
                Test::PointerOnly => words(t) < 40 && self.pointer.is_match(t),
                Test::SameTextAs(other) => {
                    let same = filing.facts.iter().find(|o| {
                        other.matches(&o.concept)
                            && o.text.as_deref().is_some_and(|x| x.trim() == t)
                    });
                    if let Some(o) = same {
                        labels.push(Label {
                            span: o.span,
                            message: format!("{} has the same text", o.concept.qname()),
                        });
                    }
                    same.is_some()
                }
            };
            if bad {
                emit(Hit {
                    span: f.span,
                    labels,
                    concept: Some(f.concept.qname()),
                    matched: Some(short(t)),
                });
            }
        }
    }
}

fn is_item_heading(t: &str) -> bool {
    let lower = t.to_ascii_lowercase();
    words(t) <= 6 && lower.starts_with("item ")
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;

    fn tb(name: &str, text: &str) -> String {
        format!(
            r#"<ix:nonNumeric name="cyd:{name}" contextRef="c-1" escape="true">{text}</ix:nonNumeric>"#
        )
    }

    #[test]
    fn fragments_headings_and_pointers() {
        let f = filing(&[
            tb("CybersecurityRiskManagementExpertiseOfManagementResponsibleTextBlock", "Mr. Dong"),
            tb("CybersecurityRiskBoardCommitteeOrSubcommitteeResponsibleForOversightTextBlock", "oversees our overall risk management."),
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
        assert_eq!(
            names("test: min-words\nmin: 5\n"),
            [
                "ManagementExpertiseOfManagementResponsibleTextBlock",
                "BoardOfDirectorsOversightTextBlock"
            ]
        );
        assert_eq!(
            names("test: starts-mid-sentence\n"),
            ["BoardCommitteeOrSubcommitteeResponsibleForOversightTextBlock"]
        );
        assert_eq!(
            names("test: ends-mid-sentence\n"),
            [
                "ManagementExpertiseOfManagementResponsibleTextBlock",
                "BoardOfDirectorsOversightTextBlock"
            ]
        );
        assert_eq!(
            names("test: heading-only\n"),
            [
                "ManagementExpertiseOfManagementResponsibleTextBlock",
                "BoardOfDirectorsOversightTextBlock"
            ]
        );
        assert_eq!(
            names("test: pointer-only\n"),
            ["MateriallyAffectedOrReasonablyLikelyToMateriallyAffectRegistrantTextBlock"]
        );
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
