//! What the sentences of a rule's scope claim, analysed once per filing.
//!
//! Two dozen rules ask the claim layer about the same Item 1C section (each for its own
//! topic), so a line is analysed once, for every topic, the first time a rule asks, and kept
//! for the rest of the filing's run. A rule whose scope is the whole document (`elsewhere`)
//! names the word classes its sentences need (`requires`), and only the lines that hold one
//! of their words are analysed at all ([`Requires`]) — the result is the same, since a
//! sentence without them could not give the rule a finding.

use std::cell::RefCell;
use std::ops::Range;
use std::rc::Rc;

use super::prefilter::{LineFilter, candidate_lines};
use super::text::{Origin, Region};
use crate::claims::lexicon::ClassId;
use crate::claims::{Claim, Lexicon};
use crate::filing::Filing;
use crate::filing::text::{line_of, sentences_of_line};

/// A line's sentences (ranges in the text the line is in) with their claims, and which word
/// classes each holds (by class: what `requires` asks, answered by the same analysis).
type Analysed = Rc<Vec<(Range<usize>, Vec<Claim>, Vec<bool>)>>;

/// The analysed lines of one filing, by (text, line start): the text is the layer (0) or a
/// fact's own text (the fact's address).
#[derive(Default)]
pub struct Said {
    lines: RefCell<crate::FastMap<(usize, usize), Analysed>>,
}

/// Word classes one of which a sentence must hold, and a search for the lines that may.
#[derive(Clone, Debug)]
pub struct Requires {
    /// The classes.
    pub classes: Vec<ClassId>,
    /// The lines holding the first word (or, for a one-word entry that two words may spell,
    /// its first four letters) of one of their entries.
    filter: Option<LineFilter>,
}

impl Requires {
    /// The requirement of `classes` in `lex`.
    pub fn new(lex: &Lexicon, classes: Vec<ClassId>) -> Requires {
        let mut literals: Vec<String> = Vec::new();
        for &c in &classes {
            for (entry, how) in &lex.classes[c].entries {
                for words in crate::claims::morph::entry_forms(entry, *how) {
                    let Some(first) = words.first() else { continue };
                    let first = first.trim_end_matches('*');
                    let lit = if words.len() == 1 && first.len() >= 8 {
                        // "cyberattack" is also written "cyber attack".
                        first.chars().take(4).collect()
                    } else {
                        first.to_string()
                    };
                    literals.push(lit);
                }
            }
        }
        // Literals under four letters would find most lines: no filter then.
        let filter = if literals.iter().all(|l| l.len() >= 4 && l.is_ascii()) {
            LineFilter::of_words(literals)
        } else {
            None
        };
        Requires { classes, filter }
    }
}

impl Said {
    /// The sentences of `region` (in its offsets) with their claims; with `requires`, only
    /// sentences that hold a word of one of its classes (the others are not analysed when
    /// the lines can be told apart by a literal search).
    pub fn of(
        &self,
        lex: &Lexicon,
        filing: &Filing,
        region: &Region<'_>,
        requires: Option<&Requires>,
    ) -> Vec<(Range<usize>, Vec<Claim>)> {
        let (text, off, key) = match region.origin {
            Origin::Layer(off) => (filing.text.text.as_str(), off, 0),
            Origin::Fact(f) => (region.text, 0, f as *const _ as usize),
        };
        let end = off + region.text.len();
        // The lines to analyse, in `text`'s offsets.
        let starts: Vec<usize> = match requires.and_then(|r| r.filter.as_ref()) {
            Some(f) => candidate_lines(region.text, f, None)
                .into_iter()
                .map(|l| off + l.start)
                .collect(),
            None => {
                let mut v = Vec::new();
                let mut at = off;
                while at < end {
                    v.push(at);
                    at = line_of(text, at).end.max(at + 1);
                }
                v
            }
        };
        let mut out = Vec::new();
        for s in starts {
            let line = line_of(text, s);
            let analysed = self
                .lines
                .borrow_mut()
                .entry((key, line.start))
                .or_insert_with(|| {
                    Rc::new(
                        sentences_of_line(text, line.clone())
                            .into_iter()
                            .map(|s| {
                                let (claims, present) =
                                    lex.in_sentence_with_classes(text, s.clone());
                                (s, claims, present)
                            })
                            .collect(),
                    )
                })
                .clone();
            for (s, claims, present) in analysed.iter() {
                if s.end <= off || s.start >= end {
                    continue;
                }
                // As `lex.sentence_has(&text[s], &r.classes)`, from the analysis's pass.
                if let Some(r) = requires
                    && !r
                        .classes
                        .iter()
                        .any(|&c| present.get(c).copied().unwrap_or(false))
                {
                    continue;
                }
                let local =
                    |r: &Range<usize>| r.start.saturating_sub(off)..r.end.saturating_sub(off);
                out.push((
                    local(s),
                    claims
                        .iter()
                        .map(|c| Claim {
                            evidence: local(&c.evidence),
                            cue: c.cue.as_ref().map(local),
                            ..c.clone()
                        })
                        .collect(),
                ));
            }
        }
        out
    }
}
