//! One sentence → its claims.
//!
//! 1. Tokens ([`super::token`]), and every lexicon entry that starts at each token (a class
//!    *hit*: the class and where the entry ends). Entries are matched word by word on the
//!    generated forms; a one-word entry also matches two adjacent words written apart
//!    ("cyber security" for "cybersecurity").
//! 2. Triggers (ConText's modifiers): the hits of every trigger class. A trigger hit inside a
//!    longer trigger or pseudo-trigger hit is dropped — "not only", "not limited to" and
//!    "there can be no assurance" are not the negations "not" and "no".
//! 3. Each trigger's *scope*: forward to the next terminator ("but", "however", ";"), to a
//!    conjunction that starts a new predicate ("… were not prevented and materially affected
//!    …"), to the comma that closes a subordinate clause it sits in ("Although we have not
//!    …, we …"), or to its window; backward likewise.
//! 4. Each topic's frames, matched as slot sequences with bounded gaps. A mention whose actor
//!    is not the registrant (a vendor engaging auditors, customers affected) is dropped.
//! 5. A mention's status is that of the outermost trigger whose scope covers its anchor
//!    (a backward trigger — "… is discussed in Item 1A" — counts as outermost), else
//!    affirmed. A sentence's claim on a topic is its strongest mention: affirmed over negated
//!    over hedged over pointer.

use std::ops::Range;

use super::lexicon::{Actor, ClassId, Direction, Lexicon, Topic};
use super::token::{Kind, Token, tokenize};
use super::{Claim, Status};

/// The classes the analyser itself relies on (looked up by name once per lexicon:
/// [`Known`]).
#[derive(Clone, Debug)]
struct Roles {
    registrant: Option<ClassId>,
    other_party: Option<ClassId>,
    preposition: Option<ClassId>,
    determiner: Option<ClassId>,
    auxiliary: Option<ClassId>,
    subordinator: Option<ClassId>,
    subject_start: Option<ClassId>,
    conjunction: Option<ClassId>,
    quantifier: Option<ClassId>,
    relative: Option<ClassId>,
    quoted: Option<ClassId>,
    /// Names of documents and sections ("the 2024 Annual Report to Shareholders", "Risk
    /// Factors"): words inside them name a place, they claim nothing.
    named_places: Vec<ClassId>,
}

impl Roles {
    fn of(lex: &Lexicon) -> Roles {
        Roles {
            registrant: lex.class("registrant"),
            other_party: lex.class("other-party"),
            preposition: lex.class("preposition"),
            determiner: lex.class("determiner"),
            auxiliary: lex.class("auxiliary"),
            subordinator: lex.class("subordinator"),
            subject_start: lex.class("subject-start"),
            conjunction: lex.class("clause-conjunction"),
            quantifier: lex.class("quantifier"),
            relative: lex.class("relative"),
            quoted: lex.class("quoted-title"),
            named_places: ["other-document", "section-title"]
                .iter()
                .filter_map(|n| lex.class(n))
                .collect(),
        }
    }
}

/// What the analyser looks up in a lexicon by name or by search for every sentence, looked
/// up once per lexicon ([`Lexicon::known`]): a sentence of a 10-K used to pay a dozen
/// searches of the class names, and one of the triggers per hit.
#[derive(Clone, Debug)]
pub(crate) struct Known {
    roles: Roles,
    item_ref: Option<ClassId>,
    quoted: Option<ClassId>,
    number: Option<ClassId>,
    participle: Option<ClassId>,
    /// Some class has a `not-after` or `not-before` context.
    contexts: bool,
    /// For each class, the first trigger made of it.
    trigger_of: Vec<Option<usize>>,
}

impl Known {
    pub(crate) fn of(lex: &Lexicon) -> Known {
        let mut trigger_of = vec![None; lex.classes.len()];
        for (t, trigger) in lex.triggers.iter().enumerate().rev() {
            if let Some(slot) = trigger_of.get_mut(trigger.class) {
                *slot = Some(t);
            }
        }
        Known {
            roles: Roles::of(lex),
            item_ref: lex.class("item-ref"),
            quoted: lex.class("quoted-title"),
            number: lex.class("number"),
            participle: lex.class("participle"),
            contexts: lex
                .classes
                .iter()
                .any(|c| !c.not_after.is_empty() || !c.not_before.is_empty()),
            trigger_of,
        }
    }
}

/// The class hits of a sentence: for each token, the classes whose entries start there and
/// the token after their end.
pub struct Hits {
    at: Vec<Vec<(ClassId, usize)>>,
    /// For each class, whether a word of it is anywhere in the sentence.
    present: Vec<bool>,
}

impl Hits {
    fn starts(&self, i: usize, class: ClassId) -> Option<usize> {
        self.at
            .get(i)?
            .iter()
            .filter(|(c, _)| *c == class)
            .map(|(_, e)| *e)
            .max()
    }

    fn has(&self, i: usize, class: Option<ClassId>) -> bool {
        class.is_some_and(|c| self.starts(i, c).is_some())
    }

    /// A hit of `class` that ends at token `end` (exclusive): its start.
    fn ending_at(&self, end: usize, class: ClassId) -> Option<usize> {
        (end.saturating_sub(6)..end)
            .find(|&s| self.at[s].iter().any(|&(c, e)| c == class && e == end))
    }

    /// True when a word of `class` is anywhere in the sentence.
    pub fn any(&self, class: ClassId) -> bool {
        self.present.get(class).copied().unwrap_or(false)
    }

    /// Which classes have a word in the sentence, by class.
    pub fn present(&self) -> &[bool] {
        &self.present
    }
}

fn word_matches(pattern: &str, t: &Token) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) if !prefix.is_empty() => t.is_word() && t.norm.starts_with(prefix),
        _ => pattern == t.norm,
    }
}

fn rest_matches(words: &[String], tokens: &[Token], from: usize) -> Option<usize> {
    let mut j = from;
    for w in words {
        let t = tokens.get(j)?;
        if !word_matches(w, t) {
            return None;
        }
        j += 1;
    }
    Some(j)
}

/// An item number however typed, at token `i`: "1A", "IA", "lA", "1C", "16K", "7", "1.05",
/// or "1" followed by ". A" or "A". Returns the token after it.
fn item_number(tokens: &[Token], i: usize) -> Option<usize> {
    let t = tokens.get(i)?;
    let n = t.norm.as_str();
    let digits = n
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .count();
    let letters = &n[digits..];
    let romanish = |s: &str| !s.is_empty() && s.len() <= 4 && s.chars().all(|c| "ivxl".contains(c));
    let ok = if digits > 0 {
        letters.len() <= 1
            && n[..digits]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit())
    } else {
        // "IA", "lA", "IC", "VII": a run of I, V, X, l with at most one letter of a–k after.
        let cut = n.char_indices().last().map_or(0, |(k, _)| k);
        let (head, tail) = n.split_at(cut);
        (romanish(n) && n.len() <= 4)
            || (romanish(head) && tail.chars().all(|c| ('a'..='k').contains(&c)))
    };
    if !ok || (digits == 0 && !t.cap && !t.upper) {
        return None;
    }
    // "1 A", "1.A", "1. A".
    if digits > 0 && letters.is_empty() {
        let mut j = i + 1;
        if tokens.get(j).is_some_and(|t| t.norm == ".") {
            j += 1;
        }
        if let Some(t) = tokens.get(j)
            && t.is_word()
            && t.norm.len() == 1
            && ('a'..='k').contains(&t.norm.chars().next().unwrap_or(' '))
            && t.cap
            && j > i + 1
        {
            return Some(j + 1);
        }
        if let Some(t) = tokens.get(i + 1)
            && t.is_word()
            && t.norm.len() == 1
            && t.cap
            && ('a'..='k').contains(&t.norm.chars().next().unwrap_or(' '))
        {
            return Some(i + 2);
        }
    }
    Some(i + 1)
}

fn is_open_quote(t: &Token) -> bool {
    matches!(t.norm.as_str(), "\u{201c}" | "\"" | "\u{2018}" | "'")
}

fn is_close_quote(t: &Token) -> bool {
    matches!(t.norm.as_str(), "\u{201d}" | "\"" | "'")
}

/// A quoted title at token `i`: returns the token after its closing quote.
fn quoted_title(tokens: &[Token], i: usize) -> Option<usize> {
    if !is_open_quote(tokens.get(i)?) {
        return None;
    }
    let mut caps = 0;
    let mut words = 0;
    for (j, t) in tokens.iter().enumerate().skip(i + 1).take(24) {
        if is_close_quote(t) || t.norm == "\u{2019}" {
            // A closing single quote is also an apostrophe: only a title of capitalised
            // words, at least one, counts.
            return (words > 0 && caps * 2 >= words && caps > 0).then_some(j + 1);
        }
        if t.is_word() {
            words += 1;
            if t.cap || t.norm.starts_with("item") {
                caps += 1;
            }
        }
    }
    None
}

/// Irregular past participles (the `participle` class; regular ones end in -ed).
const IRREGULAR_PARTICIPLES: &[&str] = &[
    "been",
    "had",
    "done",
    "made",
    "held",
    "led",
    "overseen",
    "brought",
    "taken",
    "undertaken",
    "given",
    "kept",
    "met",
    "found",
    "gotten",
    "got",
    "gone",
    "seen",
    "spent",
    "known",
    "become",
    "begun",
    "chosen",
    "sought",
    "built",
    "run",
    "set",
    "put",
    "paid",
    "lost",
    "drawn",
    "written",
    "taught",
    "thought",
    "bought",
    "told",
    "sold",
    "sent",
    "arisen",
    "grown",
    "understood",
    "won",
];

/// Every class hit of every token.
pub fn hits(lex: &Lexicon, tokens: &[Token]) -> Hits {
    let mut at: Vec<Vec<(ClassId, usize)>> = vec![Vec::new(); tokens.len()];
    let known = lex.known();
    let (item_ref, quoted, number, participle) =
        (known.item_ref, known.quoted, known.number, known.participle);
    let mut joined = String::new();
    for i in 0..tokens.len() {
        let t = &tokens[i];
        if let Some(list) = lex.first.get(&t.norm) {
            for (class, words) in list {
                if let Some(end) = rest_matches(&words[1..], tokens, i + 1) {
                    at[i].push((*class, end));
                }
            }
        }
        // A one-word entry written as two words ("cyber security", "e-mail").
        if let Some(next) = tokens.get(i + 1)
            && t.is_word()
            && next.is_word()
            && t.norm.len() + next.norm.len() >= 8
        {
            joined.clear();
            joined.push_str(&t.norm);
            joined.push_str(&next.norm);
            if let Some(list) = lex.first.get(joined.as_str()) {
                for (class, words) in list {
                    if let Some(end) = rest_matches(&words[1..], tokens, i + 2) {
                        at[i].push((*class, end));
                    }
                }
            }
        }
        for (prefix, class, words) in &lex.prefixed {
            if t.is_word()
                && t.norm.starts_with(prefix.as_str())
                && let Some(end) = rest_matches(&words[1..], tokens, i + 1)
            {
                at[i].push((*class, end));
            }
        }
        if let Some(c) = item_ref
            && (t.norm == "item" || t.norm == "items")
            && let Some(end) = item_number(tokens, i + 1)
        {
            at[i].push((c, end));
        }
        if let Some(c) = quoted
            && let Some(end) = quoted_title(tokens, i)
        {
            at[i].push((c, end));
        }
        if let Some(c) = number
            && t.kind == Kind::Number
        {
            at[i].push((c, i + 1));
        }
        if let Some(c) = participle
            && t.is_word()
            && ((t.norm.len() > 4 && t.norm.ends_with("ed"))
                || IRREGULAR_PARTICIPLES.contains(&t.norm.as_str()))
        {
            at[i].push((c, i + 1));
        }
    }
    // A class's context: a hit right after a word of its `not-after` classes, or right before
    // one of its `not-before` classes, is not one ("*internal* auditors", "third-party
    // *service providers*").
    if known.contexts {
        let ends_at = |at: &Vec<Vec<(ClassId, usize)>>, i: usize, cls: &[ClassId]| {
            (i.saturating_sub(6)..i).any(|s| at[s].iter().any(|&(c, e)| e == i && cls.contains(&c)))
        };
        let starts_at = |at: &Vec<Vec<(ClassId, usize)>>, i: usize, cls: &[ClassId]| {
            at.get(i)
                .is_some_and(|v| v.iter().any(|(c, _)| cls.contains(c)))
        };
        let mut keep = at.clone();
        for (i, list) in at.iter().enumerate() {
            keep[i] = list
                .iter()
                .copied()
                .filter(|&(c, e)| {
                    let class = &lex.classes[c];
                    !(ends_at(&at, i, &class.not_after) || starts_at(&at, e, &class.not_before))
                })
                .collect();
        }
        at = keep;
    }
    let mut present = vec![false; lex.classes.len()];
    for &(c, _) in at.iter().flatten() {
        if let Some(p) = present.get_mut(c) {
            *p = true;
        }
    }
    Hits { at, present }
}

/// A trigger hit.
#[derive(Clone, Debug)]
struct Cue {
    trigger: usize,
    start: usize,
    end: usize,
    /// Its scope, in tokens.
    scope: Range<usize>,
}

/// A topic mentioned once.
#[derive(Clone, Debug)]
pub struct Mention {
    /// The topic.
    pub topic: usize,
    /// Its status.
    pub status: Status,
    /// The tokens of the frame match.
    pub tokens: Range<usize>,
    /// The anchor's tokens.
    pub anchor: Range<usize>,
    /// The frame that matched (its index in the topic).
    pub frame: usize,
    /// The trigger that set the status.
    pub cue: Option<(usize, Range<usize>)>,
    /// For a mention of a whole made from one of its parts (`part-of`): the part's topic,
    /// whose frame `frame` is.
    pub via: Option<usize>,
}

/// One sentence under analysis: its tokens, their class hits and clause boundaries.
struct Sent<'a> {
    lex: &'a Lexicon,
    roles: &'a Roles,
    tokens: &'a [Token],
    hits: Hits,
    /// `true` at a token that ends every scope before it (a terminator, or a conjunction
    /// starting a new predicate); `true` past the end.
    stop: Vec<bool>,
    /// `true` at a token no frame's gap crosses (a terminator or a semicolon): coordinated
    /// predicates share their subject, so a frame may span them.
    barrier: Vec<bool>,
}

impl<'a> Sent<'a> {
    fn new(lex: &'a Lexicon, tokens: &'a [Token], hits: Hits) -> Sent<'a> {
        let roles = &lex.known().roles;
        let mut s = Sent {
            lex,
            roles,
            tokens,
            hits,
            stop: Vec::new(),
            barrier: Vec::new(),
        };
        s.stop = s.boundaries();
        s.barrier = (0..=s.tokens.len())
            .map(|k| {
                k == s.tokens.len()
                    || s.norm(k) == ";"
                    || s.lex
                        .terminators
                        .is_some_and(|c| s.hits.starts(k, c).is_some())
                    // ", and our CISO meets …": a new main clause with a subject of its own;
                    // a claim's words stay in one clause.
                    || (k > 0
                        && s.norm(k - 1) == ","
                        && s.has(k, s.roles.conjunction)
                        && s.has(k + 1, s.roles.subject_start))
            })
            .collect();
        s
    }

    fn norm(&self, k: usize) -> &str {
        self.tokens.get(k).map_or("", |t| t.norm.as_str())
    }

    fn has(&self, k: usize, class: Option<ClassId>) -> bool {
        self.hits.has(k, class)
    }

    fn boundaries(&self) -> Vec<bool> {
        let n = self.tokens.len();
        let mut stop = vec![false; n + 1];
        stop[n] = true;
        for (i, stop_here) in stop.iter_mut().enumerate().take(n) {
            if let Some(c) = self.lex.terminators
                && self.hits.starts(i, c).is_some()
            {
                *stop_here = true;
            }
            // "… and [adverbs] verb …": a coordinated predicate with its own status.
            if self.has(i, self.roles.conjunction) {
                let mut j = i + 1;
                while self
                    .tokens
                    .get(j)
                    .is_some_and(|t| t.is_word() && t.norm.len() > 4 && t.norm.ends_with("ly"))
                {
                    j += 1;
                }
                // After a comma, any verb of the lexicon starts one too (", and engages …").
                let after_comma = i > 0 && self.tokens[i - 1].norm == ",";
                if let Some(t) = self.tokens.get(j)
                    && t.is_word()
                    && (self.has(j, self.roles.auxiliary)
                        || (t.norm.len() > 4 && t.norm.ends_with("ed") && !t.cap)
                        || (after_comma && self.lex.verb_forms.contains(&t.norm)))
                {
                    *stop_here = true;
                }
            }
        }
        stop
    }

    /// The scope of a trigger hit at `start..end`.
    fn scope(&self, trigger: usize, start: usize, end: usize) -> Range<usize> {
        let t = &self.lex.triggers[trigger];
        let n = self.tokens.len();
        let r = match t.direction {
            Direction::Forward => {
                let mut limit = n;
                if let Some(w) = t.window {
                    limit = limit.min(end + w);
                }
                let clause_start = (0..start).rev().find(|&k| self.stop[k]).unwrap_or(0);
                // Inside a subordinate clause ("Although we have not …, we …", "If realized,
                // these …") the scope ends at the comma that closes it; a subordinator opens
                // its clause (its first words, or just after a comma).
                let subordinate = (clause_start..start).any(|k| {
                    self.has(k, self.roles.subordinator)
                        && (k <= clause_start + 1 || (k > 0 && self.norm(k - 1) == ","))
                });
                // A relative clause after a comma (", which was not detected …,") ends at
                // the next comma.
                let relative = (clause_start..start)
                    .rev()
                    .take_while(|&k| self.norm(k) != ",")
                    .last()
                    .is_some_and(|k| {
                        k > 0 && self.norm(k - 1) == "," && self.has(k, self.roles.relative)
                    });
                if relative && let Some(k) = (end..limit).find(|&k| self.norm(k) == ",") {
                    limit = k;
                }
                for k in end..limit {
                    if self.stop[k] {
                        limit = k;
                        break;
                    }
                    // The comma that closes it: a main clause starts after it (a subject
                    // word, or a verb within the next few words: ", future incidents could").
                    if subordinate
                        && self.norm(k) == ","
                        && (self.has(k + 1, self.roles.subject_start)
                            || (k + 1..(k + 5).min(n)).any(|j| self.has(j, self.roles.auxiliary)))
                    {
                        limit = k;
                        break;
                    }
                }
                end..limit
            }
            Direction::Backward => {
                let mut from = 0;
                if let Some(w) = t.window {
                    from = start.saturating_sub(w);
                }
                for k in (from..start).rev() {
                    if self.stop[k] || self.norm(k) == ";" {
                        from = k + 1;
                        break;
                    }
                }
                from..start
            }
        };
        r.start..r.end.max(r.start)
    }

    /// Every trigger hit that counts, with its scope. A hit inside a longer trigger or
    /// pseudo-trigger hit is dropped; a trigger that needs a class absent from the sentence
    /// (a pointer with nowhere to point) is dropped.
    fn cues(&self) -> Vec<Cue> {
        let lex = self.lex;
        let mut raw: Vec<(Option<usize>, usize, usize)> = Vec::new();
        for (i, list) in self.hits.at.iter().enumerate() {
            for &(c, e) in list {
                if Some(c) == lex.pseudo {
                    raw.push((None, i, e));
                } else if let Some(t) = lex.known().trigger_of.get(c).copied().flatten() {
                    raw.push((Some(t), i, e));
                }
            }
        }
        raw.iter()
            .filter(|&&(_, s, e)| {
                !raw.iter()
                    .any(|&(_, s2, e2)| s2 <= s && e <= e2 && (e2 - s2) > (e - s))
            })
            .filter_map(|&(t, s, e)| t.map(|t| (t, s, e)))
            .filter(|&(t, _, _)| {
                let req = &lex.triggers[t].requires;
                req.is_empty() || req.iter().any(|&c| self.hits.any(c))
            })
            .map(|(t, s, e)| Cue {
                trigger: t,
                start: s,
                end: e,
                scope: self.scope(t, s, e),
            })
            .collect()
    }

    /// The end of a match of `frame`'s slots from `slot` on, starting within the slot's gap
    /// after `from` (depth first: the first way found is enough); records the anchor.
    fn match_from(
        &self,
        frame: &super::lexicon::Frame,
        slot: usize,
        from: usize,
        anchor: &mut Range<usize>,
    ) -> Option<usize> {
        let s = &frame.slots[slot];
        // A gap counts words, not punctuation, and never crosses a semicolon or a
        // terminator. The first slot starts where it is asked to.
        let last = if slot == 0 { from } else { self.tokens.len() };
        let mut words = 0;
        for k in from..=last {
            if k > from {
                let t = &self.tokens[k - 1];
                if self.barrier[k - 1] {
                    break;
                }
                if t.kind != Kind::Punct {
                    words += 1;
                }
                if words > s.gap {
                    break;
                }
            }
            let Some(end) = self.hits.starts(k, s.class) else {
                continue;
            };
            if slot == frame.anchor {
                *anchor = k..end;
            }
            if slot + 1 == frame.slots.len() {
                // The quote ends with the whole noun phrase: "our cybersecurity *program*"
                // rather than stopping at the first word the class knows.
                let mut end = end;
                while let Some(e) = self.hits.starts(end, s.class) {
                    end = e;
                }
                return Some(end);
            }
            if let Some(e) = self.match_from(frame, slot + 1, end, anchor) {
                return Some(e);
            }
        }
        None
    }

    /// Every way a frame matches, one per start: (token range, anchor tokens).
    fn frame_matches(&self, frame: &super::lexicon::Frame) -> Vec<(Range<usize>, Range<usize>)> {
        let mut out = Vec::new();
        for i in 0..self.tokens.len() {
            let mut anchor = i..i + 1;
            if let Some(end) = self.match_from(frame, 0, i, &mut anchor) {
                out.push((i..end, anchor));
            }
        }
        out
    }

    /// The nearest word before `at` in its clause that is of the registrant (`Some(false)`)
    /// or of one of `excluded` (`Some(true)`), skipping those governed by a preposition
    /// ("incidents *at our vendors* have …") unless a quantifier heads them ("*many of* our
    /// vendors").
    fn nearest_actor(&self, at: usize, excluded: &[ClassId], allowed: &[ClassId]) -> Option<bool> {
        let r = &self.roles;
        let mut k = at;
        'scan: while k > 0 {
            k -= 1;
            if self.stop[k] || matches!(self.norm(k), ";" | ":") {
                return None;
            }
            let classes = excluded
                .iter()
                .map(|&c| (Some(c), true))
                .chain(std::iter::once((r.registrant, false)))
                .chain(allowed.iter().map(|&c| (Some(c), false)));
            for (class, other) in classes {
                let Some(c) = class else { continue };
                if let Some(s) = self.hits.ending_at(k + 1, c) {
                    // A noun before another noun modifies it ("a *Supplier* Trust team"):
                    // not the subject.
                    if Some(c) == r.other_party && k + 1 < at && self.modifies(k + 1) {
                        continue;
                    }
                    let mut p = s;
                    while p > 0 && self.has(p - 1, r.determiner) {
                        p -= 1;
                    }
                    let quantified = p > 1
                        && self.norm(p - 1) == "of"
                        && (p.saturating_sub(3)..p - 1).any(|q| self.has(q, r.quantifier));
                    if p > 0 && self.has(p - 1, r.preposition) && !quantified {
                        k = p;
                        continue 'scan;
                    }
                    return Some(other);
                }
            }
        }
        None
    }

    /// True when the word at `k` continues a noun phrase (a noun or name after a noun),
    /// rather than starting a predicate: not a verb of the lexicon, an auxiliary, an adverb
    /// in -ly, a relative pronoun or punctuation.
    fn modifies(&self, k: usize) -> bool {
        let Some(t) = self.tokens.get(k) else {
            return false;
        };
        t.is_word()
            && !t.norm.starts_with('\'')
            && !self.lex.verb_forms.contains(&t.norm)
            && !self.has(k, self.roles.auxiliary)
            && !self.has(k, self.roles.relative)
            && !self.has(k, self.roles.preposition)
            && !self.has(k, self.roles.conjunction)
            && !(t.norm.len() > 4 && t.norm.ends_with("ly"))
            && !matches!(t.norm.as_str(), "that" | "or" | "nor")
    }

    fn subject_before(&self, at: usize) -> Option<bool> {
        let other: Vec<ClassId> = self.roles.other_party.into_iter().collect();
        self.nearest_actor(at, &other, &[])
    }

    /// Whether the object after `at` (skipping "on" and determiners) is another party:
    /// `Some(true)` another party, `Some(false)` the registrant or something else, `None` no
    /// object (a passive or intransitive use).
    fn object_after(&self, at: usize) -> Option<bool> {
        let r = &self.roles;
        let tokens = self.tokens;
        let mut k = at;
        let mut steps = 0;
        while k < tokens.len() && steps < 5 {
            let t = &tokens[k];
            if t.kind == Kind::Punct || matches!(t.norm.as_str(), "by" | "as" | "in") {
                return None;
            }
            // A verb first ("… after a data breach *exposed* customer records"): a new
            // predicate, no object of this one.
            if steps == 0
                && (self.lex.verb_forms.contains(&t.norm)
                    || (t.norm.len() > 4 && t.norm.ends_with("ed") && !t.cap))
            {
                return None;
            }
            // "affected *their* results": the registrant speaks of itself as we, our, its.
            if self.has(k, r.other_party) || t.norm == "their" {
                return Some(true);
            }
            if matches!(t.norm.as_str(), "on" | "upon") || self.has(k, r.determiner) {
                k += 1;
                steps += 1;
                continue;
            }
            // "the operations *of other companies*": the owner after "of" decides.
            for j in k + 1..(k + 4).min(tokens.len()) {
                if tokens[j].kind == Kind::Punct {
                    break;
                }
                if tokens[j].norm == "of" {
                    let owner = (j + 1..(j + 7).min(tokens.len()))
                        .take_while(|&o| tokens[o].kind != Kind::Punct)
                        .find_map(|o| {
                            if self.has(o, r.other_party) {
                                Some(true)
                            } else if self.has(o, r.registrant) && !self.has(o, r.determiner) {
                                Some(false)
                            } else {
                                None
                            }
                        });
                    return Some(owner.unwrap_or(false));
                }
            }
            return Some(false);
        }
        None
    }

    /// A passive agent or a source after `at` that is one of `excluded`: "… engaged *by our
    /// vendors*", "… receives a report *from the Chair of the Committee*".
    fn agent_after(&self, at: usize, excluded: &[ClassId]) -> bool {
        let mut k = at;
        for _ in 0..3 {
            match self.tokens.get(k) {
                Some(t) if t.norm == "by" || t.norm == "from" => {
                    let mut j = k + 1;
                    while self.has(j, self.roles.determiner) {
                        j += 1;
                    }
                    return excluded.iter().any(|&c| self.hits.starts(j, c).is_some());
                }
                Some(t) if t.is_word() => k += 1,
                _ => return false,
            }
        }
        false
    }

    fn actor_ok(&self, topic: &Topic, m: &Range<usize>) -> bool {
        match topic.actor {
            Actor::Any => true,
            Actor::Agent => {
                let excluded: Vec<ClassId> = if topic.not_actor.is_empty() {
                    self.roles.other_party.into_iter().collect()
                } else {
                    topic.not_actor.clone()
                };
                !self.agent_after(m.end, &excluded)
                    && self.nearest_actor(m.start, &excluded, &topic.actor_is) != Some(true)
            }
            Actor::Affected => {
                // The thing affected, when the match ends with it, owned by "their": another
                // party's ("attacks that disrupted *their operations*").
                if self.owned_by_them(m) {
                    return false;
                }
                match self.object_after(m.end) {
                    Some(other) => !other,
                    None => self.subject_before(m.start) != Some(true),
                }
            }
        }
    }

    /// True when "their" stands among the last few words of a match, before its last noun
    /// with no punctuation between ("disrupted *their* operations", "*their* key systems").
    fn owned_by_them(&self, m: &Range<usize>) -> bool {
        (m.start..m.end)
            .rev()
            .take(4)
            .take_while(|&k| self.tokens[k].kind != Kind::Punct)
            .any(|k| self.norm(k) == "their")
    }

    /// True when `anchor` lies inside a quoted title (which names a section and claims
    /// nothing).
    fn in_title(&self, anchor: &Range<usize>) -> bool {
        let places = self.roles.quoted.iter().chain(&self.roles.named_places);
        places.into_iter().any(|&q| {
            (0..=anchor.start).any(|s| {
                self.hits.at[s]
                    .iter()
                    .any(|&(c, e)| c == q && anchor.start < e)
            })
        })
    }

    /// The status of a mention of topic `ti` matched at `m` with anchor `anchor`: the
    /// outermost trigger covering the anchor, a backward one first. A determiner-like
    /// negation inside the match ("have *no* formal program") covers it when its scope
    /// reaches the match's end.
    fn status(
        &self,
        cues: &[Cue],
        ti: usize,
        m: &Range<usize>,
        anchor: &Range<usize>,
    ) -> (Status, Option<(usize, Range<usize>)>) {
        let last = m.end - 1;
        let covering = cues.iter().filter(|c| {
            let t = &self.lex.triggers[c.trigger];
            let applies = if t.topics.is_empty() {
                !t.not_topics.contains(&ti)
            } else {
                t.topics.contains(&ti)
            };
            let over_anchor = c.scope.start <= anchor.start
                && anchor.start < c.scope.end
                && !(c.start >= anchor.start && c.end <= anchor.end);
            let inside = t.inside
                && m.start < c.start
                && c.end <= last
                && c.scope.start <= last
                && last < c.scope.end;
            applies && (over_anchor || inside)
        });
        let chosen = covering.min_by_key(|c| {
            let t = &self.lex.triggers[c.trigger];
            (t.direction == Direction::Forward, c.start)
        });
        match chosen {
            Some(c) => (
                self.lex.triggers[c.trigger].status,
                Some((c.trigger, c.start..c.end)),
            ),
            None => (Status::Affirmed, None),
        }
    }

    /// The mentions of every topic (or `only` these, and the parts they are made of).
    fn mentions(&self, only: Option<&[usize]>) -> Vec<Mention> {
        let cues = self.cues();
        let topics = &self.lex.topics;
        let wanted = |ti: usize| {
            only.is_none_or(|o| o.contains(&ti) || topics[ti].part_of.iter().any(|w| o.contains(w)))
        };
        let mut out = Vec::new();
        for (ti, topic) in topics.iter().enumerate() {
            if !wanted(ti) {
                continue;
            }
            if !topic.requires.is_empty() && !topic.requires.iter().any(|&c| self.hits.any(c)) {
                continue;
            }
            for (fi, frame) in topic.frames.iter().enumerate() {
                // A frame whose slots are not all in the sentence cannot match.
                if !frame.slots.iter().all(|s| self.hits.any(s.class)) {
                    continue;
                }
                for (m, anchor) in self.frame_matches(frame) {
                    let vetoed = (m.start..m.end)
                        .any(|k| topic.veto.iter().any(|&c| self.hits.starts(k, c).is_some()));
                    // What the registrant's own possessive opens ("*our* cybersecurity
                    // program") is the registrant's, whoever else the sentence names.
                    let owned = frame.presupposed && self.has(m.start, self.roles.registrant);
                    if vetoed || self.in_title(&anchor) || !(owned || self.actor_ok(topic, &m)) {
                        continue;
                    }
                    let (mut status, mut cue) = self.status(&cues, ti, &m, &anchor);
                    if frame.negative {
                        status = match status {
                            Status::Affirmed => Status::Negated,
                            Status::Negated => Status::Affirmed,
                            s => s,
                        };
                    }
                    if frame.presupposed {
                        status = Status::Affirmed;
                        cue = None;
                    }
                    if frame.only.is_some_and(|o| o != status) {
                        continue;
                    }
                    out.push(Mention {
                        topic: ti,
                        status,
                        tokens: m,
                        anchor,
                        frame: fi,
                        cue,
                        via: None,
                    });
                }
            }
        }
        let out = wholes(topics, innermost(out));
        match only {
            Some(o) => out.into_iter().filter(|m| o.contains(&m.topic)).collect(),
            None => out,
        }
    }
}

/// Applies `part-of`: an affirmed mention of a part is also an affirmed mention of its whole;
/// a negated or hedged mention of a part drops a mention of the whole with the same status
/// whose words overlap it (what is denied is the part, not the whole).
fn wholes(topics: &[Topic], ms: Vec<Mention>) -> Vec<Mention> {
    if ms.iter().all(|m| topics[m.topic].part_of.is_empty()) {
        return ms;
    }
    let moot = |w: &Mention| {
        w.status != Status::Affirmed
            && ms.iter().any(|p| {
                topics[p.topic].part_of.contains(&w.topic)
                    && p.status == w.status
                    && p.tokens.start < w.tokens.end
                    && w.tokens.start < p.tokens.end
            })
    };
    let keep: Vec<bool> = ms.iter().map(|w| !moot(w)).collect();
    let mut derived = Vec::new();
    for m in &ms {
        if m.status != Status::Affirmed {
            continue;
        }
        for &w in &topics[m.topic].part_of {
            derived.push(Mention {
                topic: w,
                via: Some(m.topic),
                ..m.clone()
            });
        }
    }
    ms.into_iter()
        .zip(keep)
        .filter_map(|(m, k)| k.then_some(m))
        .chain(derived)
        .collect()
}

/// Drops a mention whose tokens contain another mention of its topic with another anchor:
/// "have not adopted any formal program" is the mention anchored on "adopted" (negated),
/// not the one anchored on the auxiliary "have" around it.
fn innermost(ms: Vec<Mention>) -> Vec<Mention> {
    let dominated = |a: &Mention| {
        ms.iter().any(|b| {
            a.topic == b.topic
                && a.tokens.start <= b.tokens.start
                && b.tokens.end <= a.tokens.end
                && a.tokens != b.tokens
                // Another anchor inside: the inner claim is the one meant. The same anchor
                // with the same status: the tighter quote is the better evidence.
                && (a.anchor != b.anchor || a.status == b.status)
        })
    };
    let keep: Vec<bool> = ms.iter().map(|a| !dominated(a)).collect();
    ms.into_iter()
        .zip(keep)
        .filter_map(|(m, k)| k.then_some(m))
        .collect()
}

/// The mentions of every topic in a tokenized sentence.
pub fn mentions(lex: &Lexicon, tokens: &[Token], only: Option<&[usize]>) -> Vec<Mention> {
    Sent::new(lex, tokens, hits(lex, tokens)).mentions(only)
}

/// The claims of a sentence: one per topic, the strongest of its mentions.
pub fn analyse(lex: &Lexicon, sentence: &str, only: Option<&[usize]>) -> Vec<Claim> {
    analyse_with_classes(lex, sentence, only).0
}

/// [`analyse`], and which classes have a word in the sentence as written (by class: what
/// [`Lexicon::sentence_has`] asks, answered from the same pass).
pub fn analyse_with_classes(
    lex: &Lexicon,
    sentence: &str,
    only: Option<&[usize]>,
) -> (Vec<Claim>, Vec<bool>) {
    let mut tokens = tokenize(sentence);
    let raw = hits(lex, &tokens);
    // "May 2024" is a month, not a modal.
    let mut month = false;
    for i in 0..tokens.len() {
        if tokens[i].norm == "may"
            && tokens[i].cap
            && tokens.get(i + 1).is_some_and(|t| t.kind == Kind::Number)
        {
            tokens[i].norm = "may\u{b7}month".into();
            month = true;
        }
    }
    // The analysis reads the tokens with their months marked: the same hits as the words
    // as written unless a month was marked.
    let (hits_of_words, present) = if month {
        let present = raw.present;
        (hits(lex, &tokens), present)
    } else {
        let present = raw.present.clone();
        (raw, present)
    };
    let mut best: Vec<Option<Mention>> = vec![None; lex.topics.len()];
    for m in Sent::new(lex, &tokens, hits_of_words).mentions(only) {
        let slot = &mut best[m.topic];
        if slot
            .as_ref()
            .is_none_or(|b| m.status.strength() > b.status.strength())
        {
            *slot = Some(m);
        }
    }
    let bytes = |r: &Range<usize>| tokens[r.start].range.start..tokens[r.end - 1].range.end;
    let claims = best
        .into_iter()
        .flatten()
        .map(|m| Claim {
            topic: m.topic,
            status: m.status,
            evidence: bytes(&m.tokens),
            cue: m.cue.as_ref().map(|(_, r)| bytes(r)),
            trigger: m.cue.map(|(t, _)| t),
            frame: m.frame,
            via: m.via,
        })
        .collect();
    (claims, present)
}
