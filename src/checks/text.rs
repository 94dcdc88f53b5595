//! Text scopes, and pattern matching with guards.
//!
//! A *scope* names where a text rule looks: one concept's text, several concepts, the Item 1C /
//! 16K / 1.05 section, the whole visible document, the document outside those sections
//! (`elsewhere`), or the words a flag is tagged on. A scope
//! resolves to *regions* of text, each able to turn a match back into a source span.
//!
//! Patterns are case-insensitive and word-bounded. A *guard* drops a match preceded, within N
//! words or anywhere earlier in its sentence, by a negation or a modal ("not", "no", "could",
//! "may", "if", "in the event" …), unless the word is part of an exception ("not only",
//! "not limited to"). That is what tells "have not materially affected" and "could materially
//! affect" from "have materially affected".

use std::ops::Range;

use super::prefilter::{self, LineFilter};

use crate::checks::compile::Cx;
use crate::filing::text::{SectionKind, line_of, sentence_containing, sentences_of_line};
use crate::filing::{Fact, Filing};
use crate::source::Span;
use crate::syntax::pattern::SharedRegex;
use crate::syntax::validate::ConceptRef;
use crate::syntax::yaml::Node;

/// One place to look.
#[derive(Clone, Debug)]
pub enum Scope {
    /// The text of facts of these concepts.
    Concepts(Vec<ConceptRef>),
    /// A section of the document.
    Section(SectionKind),
    /// The whole visible text.
    Document,
    /// The visible text outside the Item 1C / 16K / 1.05 sections ("elsewhere in the filing").
    Elsewhere,
    /// The text of every Item 106 / 16K text block of the `cyd` taxonomy (not Item 1.05's):
    /// whatever is tagged as part of the annual disclosure is Item 1C / 16K, wherever the
    /// reader finds (or does not find) the item's heading — the SEC viewer's rendered report
    /// has none.
    Disclosure,
    /// The words a flag is tagged on.
    FlagDisplay(ConceptRef),
    /// The sentences the words a flag is tagged on lie in: what the flag's own tagging says.
    FlagSentence(ConceptRef),
}

impl Scope {
    /// Adds the facts whose text the scope may take.
    pub fn wants(&self, w: &mut super::select::Wants) {
        match self {
            Scope::Concepts(cs) => cs.iter().for_each(|c| w.concept(c)),
            Scope::FlagDisplay(c) | Scope::FlagSentence(c) => w.concept(c),
            Scope::Section(_) | Scope::Document | Scope::Elsewhere => {}
            Scope::Disclosure => {
                for e in crate::taxonomy::cyd_elements()
                    .iter()
                    .filter(|e| !e.is_abstract && annual_text_block(&e.name))
                {
                    w.concept(&ConceptRef {
                        prefix: "cyd".into(),
                        local: e.name.clone(),
                    });
                }
            }
        }
    }

    /// True when the scope needs tagged facts.
    pub fn needs_facts(&self) -> bool {
        matches!(
            self,
            Scope::Concepts(_) | Scope::FlagDisplay(_) | Scope::FlagSentence(_) | Scope::Disclosure
        )
    }
}

/// Parses `scope:` (one item or a list).
pub fn compile_scopes(node: &Node, cx: &mut Cx) -> Option<Vec<Scope>> {
    let items: Vec<&Node> = match node.as_map() {
        Some(_) => vec![node],
        None => cx.list(node, "`scope`")?,
    };
    let mut out = Vec::new();
    let before = cx.errors.len();
    for item in items {
        if item.as_str() == Some("document") {
            out.push(Scope::Document);
            continue;
        }
        if item.as_str() == Some("elsewhere") {
            out.push(Scope::Elsewhere);
            continue;
        }
        if item.as_str() == Some("disclosure") {
            out.push(Scope::Disclosure);
            continue;
        }
        let Some(map) = item.as_map() else {
            cx.err(
                item.span.clone(),
                "a scope is `document`, `elsewhere`, `disclosure`, or one of {concept: …}, {concepts: […]}, {section: item-1c|item-16k|item-1.05}, {flag-display: …}, {flag-sentence: …}",
            );
            continue;
        };
        if !cx.keys(
            item,
            "a scope",
            &[
                "concept",
                "concepts",
                "section",
                "flag-display",
                "flag-sentence",
            ],
        ) || map.len() != 1
        {
            if map.len() != 1 {
                cx.err(item.span.clone(), "a scope item has exactly one key");
            }
            continue;
        }
        let (k, v) = &map[0];
        match k.as_str() {
            Some("concept") => {
                if let Some(c) = cx.concept(v, "`scope.concept`") {
                    out.push(Scope::Concepts(vec![c]));
                }
            }
            Some("concepts") => {
                if let Some(c) = cx.concepts(v, "`scope.concepts`") {
                    out.push(Scope::Concepts(c));
                }
            }
            Some("flag-display") => {
                if let Some(c) = cx.concept(v, "`scope.flag-display`") {
                    out.push(Scope::FlagDisplay(c));
                }
            }
            Some("flag-sentence") => {
                if let Some(c) = cx.concept(v, "`scope.flag-sentence`") {
                    out.push(Scope::FlagSentence(c));
                }
            }
            Some("section") => match v.as_str() {
                Some("item-1c") => out.push(Scope::Section(SectionKind::Item1C)),
                Some("item-16k") => out.push(Scope::Section(SectionKind::Item16K)),
                Some("item-1.05") => out.push(Scope::Section(SectionKind::Item105)),
                _ => cx.err(
                    v.span.clone(),
                    "`scope.section` must be item-1c, item-16k or item-1.05",
                ),
            },
            _ => {}
        }
    }
    (cx.errors.len() == before).then_some(out)
}

/// A piece of text with a way back to the source.
pub struct Region<'a> {
    /// The text.
    pub text: &'a str,
    /// Where it comes from.
    pub origin: Origin<'a>,
    /// The lines (blocks) segmented into sentences so far, by where they start, with where
    /// they end and their sentences; in layer offsets (fact offsets for a fact). Only the
    /// lines a match falls in are segmented (UAX #29 segmentation costs about 240
    /// instructions a byte), and each once, whichever pattern matched there.
    sentences: std::cell::RefCell<std::collections::BTreeMap<usize, Segmented>>,
}

/// Where a line ends, and its sentences.
type Segmented = (usize, Vec<Range<usize>>);

/// Where a region's text lives.
pub enum Origin<'a> {
    /// A fact's plain text.
    Fact(&'a Fact),
    /// The text layer, from this offset.
    Layer(usize),
}

impl<'a> Region<'a> {
    /// A region of `text` from `origin`.
    pub fn new(text: &'a str, origin: Origin<'a>) -> Self {
        Region {
            text,
            origin,
            sentences: Default::default(),
        }
    }

    /// The sentence of line `line` (segmented by `segment` the first time it is asked
    /// about) that contains `at`, in the line's offsets.
    fn cached(
        &self,
        line: Range<usize>,
        at: usize,
        segment: impl FnOnce() -> Vec<Range<usize>>,
    ) -> Option<Range<usize>> {
        let mut cache = self.sentences.borrow_mut();
        let (end, sentences) = cache
            .entry(line.start)
            .or_insert_with(|| (line.end, segment()));
        debug_assert_eq!(*end, line.end);
        sentence_containing(sentences, at)
    }

    /// The source span of a range of the region's text.
    pub fn span(&self, filing: &Filing, r: Range<usize>) -> Option<Span> {
        match self.origin {
            Origin::Fact(f) => filing.fact_text_span(f, r),
            Origin::Layer(off) => filing.text.span(off + r.start..off + r.end),
        }
    }

    /// The fact, for fact regions.
    pub fn fact(&self) -> Option<&'a Fact> {
        match self.origin {
            Origin::Fact(f) => Some(f),
            Origin::Layer(_) => None,
        }
    }

    /// The sentence around byte `at` of the region's text.
    pub fn sentence(&self, filing: &Filing, at: usize) -> Range<usize> {
        match self.origin {
            Origin::Layer(off) => match filing.text.line_around(off + at) {
                Some(line) => {
                    self.cached(line.clone(), off + at, || filing.text.line_sentences(line))
                }
                None => filing.text.sentence_at(off + at),
            }
            .map(|s| {
                s.start.saturating_sub(off).min(self.text.len())..(s.end - off).min(self.text.len())
            })
            .unwrap_or(0..self.text.len()),
            Origin::Fact(_) => {
                // The line around `at`, whose sentences are the whole text's there.
                let at = at.min(self.text.len());
                let line = line_of(self.text, at);
                self.cached(line.clone(), at, || sentences_of_line(self.text, line))
                    .unwrap_or(0..self.text.len())
            }
        }
    }
}

/// True for the local name of an Item 106 / 16K text block (`Cybersecurity…TextBlock`), not
/// an Item 1.05 one (`MaterialCybersecurityIncident…TextBlock`).
fn annual_text_block(local: &str) -> bool {
    local.starts_with("Cybersecurity") && local.ends_with("TextBlock")
}

/// True when a scope selects a fact that [`regions`] leaves out for its language: the words
/// are there, in a language the rules do not read, so "nothing says so" cannot be judged.
pub fn has_foreign_facts(filing: &Filing, scopes: &[Scope]) -> bool {
    scopes
        .iter()
        .any(|s| facts_of(filing, s).iter().any(|f| !f.is_english()))
}

/// The facts a scope of facts (`concept(s)`, `disclosure`) selects, in any language; none for
/// the other scopes.
fn facts_of<'a>(filing: &'a Filing, scope: &Scope) -> Vec<&'a Fact> {
    match scope {
        Scope::Concepts(cs) => filing.select(|x| cs.iter().any(|c| c.matches(x))),
        Scope::Disclosure => filing
            .cyd_facts()
            .filter(|f| annual_text_block(&f.concept.local_name))
            .collect(),
        _ => Vec::new(),
    }
}

/// The regions of a scope in a filing.
pub fn regions<'a>(filing: &'a Filing, scopes: &[Scope]) -> Vec<Region<'a>> {
    let mut out = Vec::new();
    for s in scopes {
        match s {
            // Facts in another language are left out: the patterns and the claim layer read
            // English, and a fact without an English counterpart is CYD-FACT-015's finding.
            Scope::Concepts(_) => {
                for f in facts_of(filing, s).into_iter().filter(|f| f.is_english()) {
                    if let Some(t) = &f.text() {
                        out.push(Region::new(t, Origin::Fact(f)));
                    } else if let Some(r) = f.text_ranges().first() {
                        // A non-text-block fact: its displayed words.
                        if let Some(t) = filing.text.text.get(r.clone()) {
                            out.push(Region::new(t, Origin::Layer(r.start)));
                        }
                    }
                }
            }
            Scope::Section(kind) => {
                for sec in filing.text.sections.iter().filter(|x| x.kind == *kind) {
                    if let Some(t) = filing.text.text.get(sec.range.clone()) {
                        out.push(Region::new(t, Origin::Layer(sec.range.start)));
                    }
                }
            }
            Scope::Document => out.push(Region::new(filing.text.visible(), Origin::Layer(0))),
            Scope::Disclosure => {
                for f in facts_of(filing, s).into_iter().filter(|f| f.is_english()) {
                    if let Some(t) = &f.text() {
                        out.push(Region::new(t, Origin::Fact(f)));
                    }
                }
            }
            Scope::Elsewhere => {
                let visible = filing.text.visible();
                let mut cuts: Vec<Range<usize>> = filing
                    .text
                    .sections
                    .iter()
                    .map(|s| s.range.clone())
                    .collect();
                cuts.sort_by_key(|r| r.start);
                let mut at = 0;
                for c in cuts
                    .iter()
                    .chain(std::iter::once(&(visible.len()..visible.len())))
                {
                    if c.start > at {
                        out.push(Region::new(&visible[at..c.start], Origin::Layer(at)));
                    }
                    at = at.max(c.end);
                }
            }
            Scope::FlagDisplay(c) => {
                for f in filing.select(|x| c.matches(x)) {
                    for r in f.text_ranges().iter() {
                        if let Some(t) = filing.text.text.get(r.clone()) {
                            out.push(Region::new(t, Origin::Layer(r.start)));
                        }
                    }
                }
            }
            Scope::FlagSentence(c) => {
                for f in filing.select(|x| c.matches(x)) {
                    for r in flag_sentences(filing, f) {
                        if let Some(t) = filing.text.text.get(r.clone()) {
                            out.push(Region::new(t, Origin::Layer(r.start)));
                        }
                    }
                }
            }
        }
    }
    out
}

/// The sentences of the text layer that the words of a fact lie in (a flag tagged on a
/// word, a clause or a whole sentence: the sentence is what the tagging says), merged when
/// they follow one another.
pub fn flag_sentences(filing: &Filing, f: &Fact) -> Vec<Range<usize>> {
    let text = &filing.text.text;
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in f.text_ranges().iter() {
        if r.start >= text.len() {
            continue;
        }
        let line = line_of(text, r.start);
        for s in sentences_of_line(text, line) {
            if s.end > r.start && s.start < r.end.max(r.start + 1) {
                match out.last_mut() {
                    Some(last) if last.end >= s.start => last.end = last.end.max(s.end),
                    _ => out.push(s),
                }
            }
        }
    }
    out
}

/// How far back a guard looks.
#[derive(Clone, Debug)]
pub enum Within {
    /// Anywhere earlier in the sentence.
    Sentence,
    /// The last N words before the match (in the same sentence).
    Words(usize),
}

/// A negation / modal guard.
#[derive(Clone, Debug)]
pub struct Guard {
    words: SharedRegex,
    except: Option<SharedRegex>,
    within: Within,
}

/// The lexicon class of the words a guard looks for when it lists none
/// (`rules/lexicon/guards.yaml`).
pub const DEFAULT_WORDS_CLASS: &str = "guard-negation";

/// The lexicon class of the phrases a guard does not count when it lists no `except`.
pub const DEFAULT_EXCEPT_CLASS: &str = "guard-exception";

/// The regex alternatives of a word list: each item a phrase (words escaped, joined by
/// `\s+`) or `@class`, every entry of that lexicon class. An unknown class is an error at
/// its item; `None` when the list has an error.
pub fn word_list(node: &Node, what: &str, cx: &mut Cx) -> Option<Vec<String>> {
    let items = cx.list(node, what)?;
    let mut out = Vec::new();
    let mut ok = true;
    for item in items {
        let Some(w) = cx.scalar(item, what) else {
            ok = false;
            continue;
        };
        match w.strip_prefix('@') {
            Some(class) => match class_alternatives(class, cx) {
                Ok(alts) => out.extend(alts),
                Err(msg) => {
                    cx.err(item.span.clone(), format!("{what}: {msg}"));
                    ok = false;
                }
            },
            None => out.push(phrase(&w)),
        }
    }
    ok.then_some(out)
}

/// A phrase as a regex alternative: its words escaped, joined by `\s+`.
fn phrase(w: &str) -> String {
    w.split_whitespace()
        .map(regex::escape)
        .collect::<Vec<_>>()
        .join(r"\s+")
}

/// The alternatives of lexicon class `class` in the rule's lexicon, or why there are none.
pub fn class_alternatives(class: &str, cx: &Cx) -> Result<Vec<String>, String> {
    let lex = &cx.lexicon;
    match lex.class(class) {
        Some(id) if lex.class_names().contains(&class) => Ok(lex.class_alternatives(id)),
        _ => {
            let names = lex.class_names();
            let hint = crate::syntax::validate::closest(class, &names)
                .map(|c| format!(" (did you mean `@{c}`?)"))
                .unwrap_or_default();
            Err(format!(
                "no word class `{class}` in the lexicon{hint} (`cydlint explain lexicon` lists them)"
            ))
        }
    }
}

/// A word-bounded, case-insensitive alternation of `alts`.
fn alternation_pattern(alts: &[String]) -> String {
    format!(r"(?i)(?-u:\b)(?:{})(?-u:\b)", alts.join("|"))
}

impl Guard {
    /// Parses `not-preceded-by: {words: […], within: sentence|N, except: […]}`. `words`
    /// and `except` default to the lexicon classes [`DEFAULT_WORDS_CLASS`] and
    /// [`DEFAULT_EXCEPT_CLASS`]; a list that cannot be compiled (too large, say) is an error
    /// at the list, never a guard dropped.
    pub fn compile(node: &Node, cx: &mut Cx) -> Option<Guard> {
        if !cx.keys(node, "`not-preceded-by`", &["words", "within", "except"]) {
            return None;
        }
        let before = cx.errors.len();
        let list = |key: &str, default: &str, cx: &mut Cx| {
            let what = format!("`not-preceded-by.{key}`");
            match node.get(key) {
                Some(n) => word_list(n, &what, cx).map(|a| (a, n.span.clone())),
                None => match class_alternatives(default, cx) {
                    Ok(a) => Some((a, node.span.clone())),
                    Err(msg) => {
                        cx.err(node.span.clone(), format!("{what} (the default): {msg}"));
                        None
                    }
                },
            }
        };
        let words = list("words", DEFAULT_WORDS_CLASS, cx);
        let except = list("except", DEFAULT_EXCEPT_CLASS, cx);
        let within = match node.get("within") {
            None => Some(Within::Words(4)),
            Some(n) if n.as_str() == Some("sentence") => Some(Within::Sentence),
            Some(n) => cx
                .usize(n, "`not-preceded-by.within` (a number or `sentence`)")
                .map(Within::Words),
        };
        let words = words.and_then(|(alts, span)| {
            if alts.is_empty() {
                cx.err(span, "`not-preceded-by.words` lists no words");
                return None;
            }
            cx.compile_regex(span, "`not-preceded-by.words`", &alternation_pattern(&alts))
        });
        let except = except.and_then(|(alts, span)| {
            if alts.is_empty() {
                return Some(None);
            }
            cx.compile_regex(
                span,
                "`not-preceded-by.except`",
                &alternation_pattern(&alts),
            )
            .map(Some)
        });
        if cx.errors.len() != before {
            return None;
        }
        Some(Guard {
            words: words?,
            except: except?,
            within: within?,
        })
    }

    /// True when `before` (the sentence text before a match) negates or hedges it.
    pub fn blocks(&self, before: &str) -> bool {
        let cleaned = match &self.except {
            Some(e) => e.replace_all(before, " ").into_owned(),
            None => before.to_owned(),
        };
        let window: String = match self.within {
            Within::Sentence => cleaned,
            Within::Words(n) => {
                let words: Vec<&str> = cleaned.split_whitespace().collect();
                words[words.len().saturating_sub(n)..].join(" ")
            }
        };
        self.words.is_match(&window)
    }
}

/// Patterns with their guards.
#[derive(Clone, Debug)]
pub struct Matcher {
    /// Any of these (word-bounded, case-insensitive).
    patterns: Vec<SharedRegex>,
    /// One of these must also appear in the sentence of the match (when any are given).
    in_sentence: Vec<SharedRegex>,
    /// Drop negated or hedged matches.
    guard: Option<Guard>,
    /// How each pattern is searched: which lines can hold its matches (one per pattern),
    /// worked out on the first search ([`Matcher::lines`]).
    lines: std::sync::OnceLock<Vec<Lines>>,
}

/// Which lines of a region a pattern is searched in ([`prefilter`]).
#[derive(Clone, Debug)]
enum Lines {
    /// The whole region at once (a match may cross a line, or nothing narrows the lines).
    All,
    /// The lines holding one of the pattern's literals and, when the rule has `in-sentence`
    /// words, one of theirs.
    Holding(Box<Holding>),
}

/// The filters of [`Lines::Holding`].
#[derive(Clone, Debug)]
struct Holding {
    /// Finds the lines.
    first: LineFilter,
    /// Then checks each of them.
    also: Option<LineFilter>,
}

impl Lines {
    /// How to search `pattern`, with `in_sentence`'s filter (the sentence of a match is in
    /// the match's line).
    fn of(pattern: &str, in_sentence: Option<&LineFilter>) -> Lines {
        match (line_filter_of(pattern), in_sentence) {
            (Some(first), also) => Lines::Holding(Box::new(Holding {
                first,
                also: also.cloned(),
            })),
            (None, Some(s)) if prefilter::is_line_bound(pattern) => {
                Lines::Holding(Box::new(Holding {
                    first: s.clone(),
                    also: None,
                }))
            }
            _ => Lines::All,
        }
    }
}

/// `LineFilter::of(pattern)`, worked out once per process: it parses the pattern, and the
/// built-in pack repeats patterns across rules (the `when` of a dozen rules looks for
/// "incorporated by reference" in Item 1C), each rule's matcher asking on its first search.
fn line_filter_of(pattern: &str) -> Option<LineFilter> {
    type Seen = std::sync::Mutex<crate::FastMap<String, Option<LineFilter>>>;
    static SEEN: std::sync::LazyLock<Seen> = std::sync::LazyLock::new(Default::default);
    if let Some(f) = SEEN.lock().ok().and_then(|m| m.get(pattern).cloned()) {
        return f;
    }
    let f = LineFilter::of(pattern);
    if let Ok(mut m) = SEEN.lock() {
        m.insert(pattern.to_owned(), f.clone());
    }
    f
}

/// The matcher keys.
pub const MATCHER_KEYS: [&str; 3] = ["patterns", "in-sentence", "not-preceded-by"];

impl Matcher {
    /// Reads `patterns`, `in-sentence` and `not-preceded-by`.
    pub fn compile(node: &Node, cx: &mut Cx) -> Option<Matcher> {
        let before = cx.errors.len();
        let patterns = cx
            .required(node, "patterns", "this check")
            .and_then(|n| cx.list(n, "`patterns`"))
            .map(|ns| {
                ns.into_iter()
                    .filter_map(|n| cx.regex(n, "a pattern", true))
                    .collect::<Vec<_>>()
            });
        let in_sentence = match node.get("in-sentence") {
            Some(n) => cx
                .list(n, "`in-sentence`")
                .map(|ns| {
                    ns.into_iter()
                        .filter_map(|n| cx.regex(n, "an `in-sentence` pattern", true))
                        .collect()
                })
                .unwrap_or_default(),
            None => Vec::new(),
        };
        let guard = node
            .get("not-preceded-by")
            .and_then(|n| Guard::compile(n, cx));
        let patterns = patterns?;
        if cx.errors.len() != before {
            return None;
        }
        Some(Matcher::new(patterns, in_sentence, guard))
    }

    /// A matcher of `patterns`.
    pub fn new(
        patterns: Vec<SharedRegex>,
        in_sentence: Vec<SharedRegex>,
        guard: Option<Guard>,
    ) -> Matcher {
        Matcher {
            patterns,
            in_sentence,
            guard,
            lines: std::sync::OnceLock::new(),
        }
    }

    /// The line filters the patterns allow, one per pattern: found on the first search, not
    /// when the rule is loaded (they parse each pattern, and a run searches with the patterns
    /// of the rules that apply to its filings only; finding none is no error).
    fn lines(&self) -> &[Lines] {
        self.lines.get_or_init(|| {
            let sources: Vec<&str> = self.in_sentence.iter().map(|r| r.as_str()).collect();
            let sentence = (!sources.is_empty())
                .then(|| LineFilter::any_of(&sources))
                .flatten();
            self.patterns
                .iter()
                .map(|p| Lines::of(p.as_str(), sentence.as_ref()))
                .collect()
        })
    }

    /// The matches in a region that survive the guards, at most one per sentence (the first):
    /// one sentence that contradicts a flag is one finding, however many phrases say so.
    pub fn find(&self, filing: &Filing, region: &Region<'_>) -> Vec<Range<usize>> {
        let mut out: Vec<(Range<usize>, usize)> = Vec::new();
        for (p, lines) in self.patterns.iter().zip(self.lines()) {
            let matches: Box<dyn Iterator<Item = Range<usize>>> = match lines {
                Lines::All => Box::new(p.find_iter(region.text).map(|m| m.range())),
                Lines::Holding(h) => Box::new(
                    prefilter::candidate_lines(region.text, &h.first, h.also.as_ref())
                        .into_iter()
                        .flat_map(|l| {
                            p.find_iter(&region.text[l.clone()])
                                .map(move |m| l.start + m.start()..l.start + m.end())
                        }),
                ),
            };
            for m in matches {
                let sent = region.sentence(filing, m.start);
                let s_start = sent.start.min(m.start);
                let sentence = &region.text[s_start..sent.end.max(m.end).min(region.text.len())];
                if !self.in_sentence.is_empty()
                    && !self.in_sentence.iter().any(|r| r.is_match(sentence))
                {
                    continue;
                }
                if let Some(g) = &self.guard
                    && g.blocks(&region.text[s_start..m.start])
                {
                    continue;
                }
                out.push((m, s_start));
            }
        }
        out.sort_by_key(|(r, s)| (*s, r.start, r.end));
        out.dedup_by_key(|(_, s)| *s);
        out.into_iter().map(|(r, _)| r).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::yaml::parse;

    fn guard(y: &str) -> Guard {
        let n = parse(y).unwrap();
        let mut cx = Cx::new("t", y, crate::claims::builtin_arc());
        let g = Guard::compile(&n, &mut cx).unwrap();
        assert!(cx.errors.is_empty());
        g
    }

    #[test]
    fn guards_see_negations_and_modals() {
        let g = guard("within: 4\n");
        assert!(g.blocks("risks from cybersecurity threats have not"));
        assert!(g.blocks("we could"));
        assert!(g.blocks("in the event it"));
        assert!(!g.blocks("our business strategy"));
        // Exceptions are not negations.
        assert!(!g.blocks("the incident has not only"));
        // Outside the window.
        assert!(!g.blocks("we do not think that the one big incident"));
        let s = guard("within: sentence\n");
        assert!(s.blocks("we do not think that the one big incident"));
    }

    /// A fact's sentence around a match, found by segmenting only the line the match is
    /// in, is the one the whole text's segmentation has there, asked about in any order.
    /// A fact to stand as the origin of a region of generated text.
    fn some_fact() -> Fact {
        use crate::filing::{Concept, FactKind};
        Fact::new(
            Concept::new("http://xbrl.sec.gov/cyd/2025", "X", "cyd"),
            FactKind::Item,
            crate::source::Span::new(0, 0, 0),
        )
    }

    #[test]
    fn a_facts_sentence_is_found_in_its_line_alone() {
        let fact = some_fact();
        let filing = Filing::default();
        let mut next = crate::test_rng(0x5e47_e0ce);
        const PIECES: &[&str] = &[
            "We",
            " ",
            "assess",
            " risks.",
            " The",
            " Board",
            " (Inc.",
            " U.S.",
            " e.g.",
            "\n",
            "\n\n",
            "  ",
            "?",
            "! ",
            "’",
            "“Yes.”",
            " 3.5",
            " a.",
            "\u{a0}",
            "No. 2",
            ".",
        ];
        for _ in 0..3_000 {
            let text = crate::test_string(&mut next, PIECES, 40);
            let whole = crate::filing::text::split_sentences(&text);
            let region = Region::new(&text, Origin::Fact(&fact));
            for _ in 0..6 {
                let at = next(text.len() + 1);
                if !text.is_char_boundary(at) {
                    continue;
                }
                let expected = whole
                    .iter()
                    .find(|s| s.start <= at && at < s.end.max(s.start + 1))
                    .cloned()
                    .unwrap_or(0..text.len());
                assert_eq!(region.sentence(&filing, at), expected, "{text:?} at {at}");
            }
        }
    }

    /// The built-in pack's files (`BUILTIN_RULES`), as build.rs embeds them for the loader
    /// (which also reads their trees; here only the texts are used).
    mod embedded {
        #![allow(dead_code)]
        include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));
    }
    use embedded::BUILTIN_RULES;

    /// Every matcher of the built-in pack, as written (`patterns` with their `in-sentence`
    /// and guard), by rule.
    fn builtin_matchers() -> Vec<(String, Matcher)> {
        fn walk(n: &Node, cx: &mut Cx, out: &mut Vec<Matcher>) {
            if n.get("patterns").is_some() {
                out.extend(Matcher::compile(n, cx));
            }
            for (_, v) in n.as_map().unwrap_or_default() {
                walk(v, cx, out);
            }
            for v in n.as_seq().unwrap_or_default() {
                walk(v, cx, out);
            }
        }
        let mut all = Vec::new();
        for (path, src) in BUILTIN_RULES {
            let mut cx = Cx::new(path, src, crate::claims::builtin_arc());
            let mut found = Vec::new();
            walk(&parse(src).unwrap(), &mut cx, &mut found);
            all.extend(found.into_iter().map(|m| (path.to_string(), m)));
        }
        all
    }

    /// Line filters change what is searched, never what is found: every built-in matcher
    /// finds the same through its filters as over the whole text, in the text layer of every
    /// rule fixture and in texts made of their lines shuffled, with letters' case changed.
    #[test]
    fn filtered_matchers_find_what_the_whole_text_search_finds() {
        let matchers = builtin_matchers();
        let whole = |m: &Matcher| Matcher {
            lines: vec![Lines::All; m.patterns.len()].into(),
            ..m.clone()
        };
        let filtered = matchers
            .iter()
            .filter(|(_, m)| m.lines().iter().any(|l| matches!(l, Lines::Holding(_))))
            .count();
        // Most word-judging rules are claims now; the regex matchers left still use filters.
        assert!(filtered >= 5, "only {filtered} matchers have a line filter");
        let (mut found, mut lines) = (0, Vec::new());
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules");
        for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
            let e = e.unwrap();
            if !e.file_type().is_file() || e.path().extension().is_some_and(|x| x == "expect") {
                continue;
            }
            let filing = crate::read::read_set(&[e.path().to_path_buf()]);
            let text = filing.text.visible();
            let region = Region::new(text, Origin::Layer(0));
            for (rule, m) in &matchers {
                let got = m.find(&filing, &region);
                assert_eq!(got, whole(m).find(&filing, &region), "{rule} in {e:?}");
                found += got.len();
            }
            lines.extend(text.lines().map(str::to_owned));
        }
        let fact = some_fact();
        let filing = Filing::default();
        let mut next = crate::test_rng(0x11e5_f17e);
        for _ in 0..60 {
            let mut text = String::new();
            for _ in 0..next(8) + 1 {
                text.push_str(&lines[next(lines.len())]);
                text.push_str(["\n", " ", "\n\n"][next(3)]);
            }
            let mut bytes = text.into_bytes();
            for _ in 0..next(20) {
                let at = next(bytes.len());
                bytes[at] = match bytes[at] {
                    b @ b'a'..=b'z' => b.to_ascii_uppercase(),
                    b @ b'A'..=b'Z' => b.to_ascii_lowercase(),
                    b'.' => b'\n',
                    b => b,
                };
            }
            let text = String::from_utf8(bytes).unwrap();
            let region = Region::new(&text, Origin::Fact(&fact));
            for (rule, m) in &matchers {
                let got = m.find(&filing, &region);
                assert_eq!(got, whole(m).find(&filing, &region), "{rule} in {text:?}");
                found += got.len();
            }
        }
        assert!(
            found >= 100,
            "only {found} matches: the comparison is too weak"
        );
    }
}
