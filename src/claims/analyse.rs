//! One sentence → its claims.
//!
//! 1. Tokens ([`super::token`]), and every lexicon entry that starts at each token (a class
//!    *hit*: the class and where the entry ends). Entries are matched word by word on the
//!    generated forms; a one-word entry also matches two adjacent words written apart
//!    ("cyber security" for "cybersecurity").
//! 2. Triggers (ConText's modifiers): the hits of every trigger class. A trigger hit inside a
//!    longer trigger or pseudo-trigger hit is dropped — "not only", "not limited to" and
//!    "there can be no assurance" are not the negations "not" and "no".
//! 3. Each trigger's *scope*: forward to the next terminator ("but", "however", ";" — not the
//!    "but" of "not only … but also", one clause with its first half), to a
//!    conjunction that starts a new predicate ("… were not prevented and materially affected
//!    …") or a clause whose subject is a board, a committee, a manager or a person (", and
//!    the Audit Committee oversees …"), to the comma that closes a subordinate clause it sits in ("Although we have not
//!    …, we …" — a clause closed before the trigger, "Although the review is ongoing, the
//!    Company does *not* believe …", leaves the trigger in the main clause, whose asides do
//!    not end its scope), or to its window; backward likewise. A "not" that opens
//!    an aside of contrast (", *not* the Audit Committee, oversees …") reaches only the
//!    aside, and denies the mentions that start inside it; a condition reduced to a
//!    participle and set off by commas (", *if rated* critical, reported to the CIO")
//!    reaches only its closing comma, unless a risk comes true in it ("if realized"); so
//!    does "whether or not" that opens its clause. An adverbial that opens the main clause before its subject (", *to date*
//!    no incident has …") does not keep the subordinate clause's comma from closing it.
//! 4. Each topic's frames, matched as slot sequences with bounded gaps that do not cross a
//!    terminator or a semicolon — except an adverb of contrast between a subject and its verb
//!    ("the Audit Committee *nonetheless* oversees …"), which ends scopes only; a later slot's
//!    word that a contrast in the gap sets aside ("addressed by our IT staff *rather than
//!    through* any company-wide risk process") is not matched. A mention whose actor
//!    is not the registrant (a vendor engaging auditors, customers affected, revenue "at one
//!    of our competitors", "*another* IT services company", "*many of the* restaurants on our
//!    marketplace", "our *customers'* security policies", "downtime *for that tenant*") is
//!    dropped; a party named in a phrase of accompaniment ("our CISO, *working with an outside
//!    firm*, presented …") is not the subject, nor one that a verb in the past before it
//!    acts on ("the Company *notified customers*, engaged outside experts …"); a veto of
//!    several words that
//!    opens the sentence reaches into the match (its capital is the sentence's, not a name's);
//!    what the registrant's possessive opens is its own, and
//!    so is "its" program in a sentence that opens on the registrant as its subject. The
//!    agent of an earlier act ("scans *by an approved scanning vendor* and annual
//!    assessments …") is not who acts in a later match. What the registrant, named as the
//!    subject right before the anchor, does because of an attack ("*we issued* credits to
//!    affected customers") is its own loss, whoever receives it; and what a match ends on
//!    after its anchor, opened by "our", is the registrant's wherever the attack struck ("an
//!    attack on that vendor could delay *our* payroll processing"); the registrant as the
//!    object of the anchor's verb inside the match ("no regulator has imposed any penalty *on
//!    us*") is the one affected, whoever imposed it.
//! 5. A mention's status is that of the outermost trigger whose scope covers its anchor
//!    (a backward trigger — "… is discussed in Item 1A" — counts as outermost; a negation
//!    undone by "without" in one clause — "*no* vendor may connect *without* first passing a
//!    review" — affirms what follows "without"; one lifted by "unless" after the anchor — "alerts
//!    *are not* shared with management *unless* they involve a confirmed incident" — says the
//!    act on a condition; one whose focus is a restriction after the verb — "does *not*
//!    oversee cybersecurity *only* through the Audit Committee" — denies the restriction, not
//!    the act), else
//!    affirmed — except that a match wholly inside the set "none of the …" quantifies over is
//!    presupposed, not denied ("*none of the* outside firms *we engage* has found …"), and that
//!    an attack denied as the cause right before it denies the effect the match names ("…
//!    driven by higher wages, *not by* the cyberattack"), and that a contrast between the
//!    match's subject and its anchor ("the full Board *rather than a committee* oversees …")
//!    sets aside only the party it names, and that a negation does not reach a relative
//!    clause set off by a comma that states a fact of its own — closed by a comma, or running
//!    to the end after a negated predicate ("our Board *is not* responsible for …
//!    cybersecurity risk, *which is the responsibility of* our CFO"; not after a negation of
//!    the antecedent itself, "we have *no* manager, who …"). A sentence's claim on a topic is
//!    its strongest mention: affirmed over negated over hedged over pointer.

use std::ops::Range;

use super::claim::{Claim, Status};
use super::lexicon::{Actor, ClassId, Direction, Lexicon, Roles, Topic};
use super::token::{Chars, Kind, Token, tokenize};

/// The hits of a sentence by where they end ([`ends_of`]): offsets by end token, and (class,
/// start) pairs.
type EndIndex = (Vec<usize>, Vec<(ClassId, usize)>);

/// A sentence's hits in one list, token by token: those starting at token `i`, (class, the
/// token after their end), are `list[from[i]..from[i + 1]]`. Indexed by token as a list per
/// token was (`at[i]`, `at.get(i)`, `at.iter()`), with two allocations per sentence where a
/// list per token took one for each token with a hit (and a pool of spare lists to make
/// that cheap, which kept sentences drained).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Flat {
    list: Vec<(ClassId, usize)>,
    /// `from[i]`: where token `i`'s hits start in `list`; one more than the tokens, the last
    /// `list.len()`.
    from: Vec<u32>,
}

impl Flat {
    /// An empty list with room for `tokens` tokens' hits (about two each).
    fn with_capacity(tokens: usize) -> Flat {
        let mut from = Vec::with_capacity(tokens + 1);
        from.push(0);
        Flat {
            list: Vec::with_capacity(2 * tokens),
            from,
        }
    }

    /// A hit of the current token (the one after the last [`Flat::next_token`]).
    #[inline]
    fn push(&mut self, hit: (ClassId, usize)) {
        self.list.push(hit);
    }

    /// The current token's hits are complete: the next pushed are the next token's.
    #[inline]
    fn next_token(&mut self) {
        self.from
            .push(u32::try_from(self.list.len()).unwrap_or(u32::MAX));
    }

    /// The tokens.
    #[inline]
    fn len(&self) -> usize {
        self.from.len() - 1
    }

    /// Token `i`'s hits.
    #[inline]
    fn get(&self, i: usize) -> Option<&[(ClassId, usize)]> {
        let (&a, &b) = (self.from.get(i)?, self.from.get(i + 1)?);
        self.list.get(a as usize..b as usize)
    }

    /// Each token's hits, in order.
    fn iter(&self) -> impl Iterator<Item = &[(ClassId, usize)]> + '_ {
        self.from
            .windows(2)
            .map(|w| self.list.get(w[0] as usize..w[1] as usize).unwrap_or(&[]))
    }

    /// Drops the hits `dropped`, (token, index among the token's hits), in increasing order.
    fn drop_hits(&mut self, dropped: &[(usize, usize)]) {
        if dropped.is_empty() {
            return;
        }
        let mut gone = dropped
            .iter()
            .map(|&(i, k)| self.from[i] as usize + k)
            .peekable();
        let mut kept = 0;
        for j in 0..self.list.len() {
            if gone.next_if_eq(&j).is_some() {
                continue;
            }
            self.list[kept] = self.list[j];
            kept += 1;
        }
        self.list.truncate(kept);
        // Each token's start less the hits dropped before it.
        let mut removed_before = 0u32;
        let mut d = dropped.iter().peekable();
        for i in 0..self.from.len() {
            while d.next_if(|&&(t, _)| t < i).is_some() {
                removed_before += 1;
            }
            self.from[i] -= removed_before;
        }
    }

    /// One list per token, as the hits were held before.
    #[cfg(test)]
    fn lists(&self) -> Vec<Vec<(ClassId, usize)>> {
        self.iter().map(<[_]>::to_vec).collect()
    }

    /// The flat list of `lists`.
    #[cfg(test)]
    fn of_lists(lists: &[Vec<(ClassId, usize)>]) -> Flat {
        let mut f = Flat::with_capacity(lists.len());
        for l in lists {
            for &h in l {
                f.push(h);
            }
            f.next_token();
        }
        f
    }
}

impl std::ops::Index<usize> for Flat {
    type Output = [(ClassId, usize)];

    /// Token `i`'s hits (`i` below [`Flat::len`]).
    fn index(&self, i: usize) -> &[(ClassId, usize)] {
        &self.list[self.from[i] as usize..self.from[i + 1] as usize]
    }
}

/// The class hits of a sentence: for each token, the classes whose entries start there and
/// the token after their end.
pub struct Hits {
    at: Flat,
    /// For each class, whether a word of it is anywhere in the sentence.
    present: Vec<bool>,
    /// The hits by where they end, for [`Hits::ending_at`] ([`ends_of`]), made when first
    /// asked: those ending at token `e`, (class, start), are `.1[.0[e]...0[e + 1]]`.
    ends: std::cell::OnceCell<EndIndex>,
    /// For each class, the tokens from the first to the last where a hit of it starts, for
    /// [`Hits::within`] ([`spans_of`]), made when first asked.
    spans: std::cell::OnceCell<Vec<(u32, u32)>>,
    /// For each token, the classes of its hits as bits (class `c` sets bit `c % 64`): a
    /// class whose bit is clear has no hit there, found without reading the token's list
    /// (the analysis asks, token by token, for classes most tokens do not have).
    bits: Vec<u64>,
}

/// A class's bit in [`Hits::bits`].
fn class_bit(c: ClassId) -> u64 {
    1 << (c % 64)
}

impl Hits {
    /// The hits `at` (by token), with `present` (by class).
    fn new(at: Flat, present: Vec<bool>) -> Hits {
        let bits = at
            .iter()
            .map(|list| list.iter().fold(0, |b, &(c, _)| b | class_bit(c)))
            .collect();
        Hits {
            at,
            present,
            ends: std::cell::OnceCell::new(),
            spans: std::cell::OnceCell::new(),
            bits,
        }
    }

    /// Whether token `i` may have a hit of `class`: `false` when it certainly has none.
    #[inline]
    fn may_have(&self, i: usize, class: ClassId) -> bool {
        self.bits.get(i).is_some_and(|b| b & class_bit(class) != 0)
    }

    fn starts(&self, i: usize, class: ClassId) -> Option<usize> {
        if !self.may_have(i, class) {
            return None;
        }
        self.at
            .get(i)?
            .iter()
            .filter(|(c, _)| *c == class)
            .map(|(_, e)| *e)
            .max()
    }

    /// Whether a hit of `class` starts at token `i` (`starts(i, class).is_some()`, without
    /// reading the rest of the token's hits for the longest).
    fn has(&self, i: usize, class: Option<ClassId>) -> bool {
        class.is_some_and(|c| {
            self.may_have(i, c)
                && self
                    .at
                    .get(i)
                    .is_some_and(|l| l.iter().any(|&(h, _)| h == c))
        })
    }

    /// A hit of `class` that ends at token `end` (exclusive) and starts at most six tokens
    /// before it: its start (the first such).
    fn ending_at(&self, end: usize, class: ClassId) -> Option<usize> {
        let (from, ends) = self.ends.get_or_init(|| ends_of(&self.at));
        let (&a, &b) = (from.get(end)?, from.get(end + 1)?);
        ends[a..b]
            .iter()
            .find(|&&(c, _)| c == class)
            .map(|&(_, s)| s)
    }

    /// The tokens from the first to the last where a hit of `class` starts (every token `has`
    /// is true at lies in it; none when there is no such hit); with no class, `0..n`.
    fn within(&self, class: Option<ClassId>, n: usize) -> Range<usize> {
        let Some(c) = class else {
            return 0..n;
        };
        let spans = self.spans.get_or_init(|| spans_of(&self.at));
        spans.get(c).map_or(0..0, |&(a, b)| a as usize..b as usize)
    }

    /// Whether a hit of `class` starts at or before token `k` and ends after it (one that
    /// covers `k`): searched only where a hit of the class may start.
    fn covers(&self, class: ClassId, k: usize) -> bool {
        let r = self.within(Some(class), self.at.len());
        (r.start..r.end.min(k + 1)).any(|s| {
            self.may_have(s, class) && self.at[s].iter().any(|&(c, e)| c == class && k < e)
        })
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

/// The hits of `at` by where they end, for [`Hits::ending_at`]: `(from, list)` with the hits
/// ending at token `e` that start at most six tokens before it, (class, start), in
/// `list[from[e]..from[e + 1]]` by start, first to last. (The actor tests ask, for every word
/// back from a mention, which of a topic's classes ends there: they searched the six tokens'
/// lists before each word for each class, 40 M instructions on the corpus.)
fn ends_of(at: &Flat) -> EndIndex {
    let last = at.list.iter().map(|&(_, e)| e).max().unwrap_or(0);
    let near = |s: usize, e: usize| s < e && e - s <= 6;
    let mut from = vec![0usize; last.max(at.len()) + 2];
    for (s, list) in at.iter().enumerate() {
        for &(_, e) in list {
            if near(s, e) {
                from[e + 1] += 1;
            }
        }
    }
    for e in 1..from.len() {
        from[e] += from[e - 1];
    }
    let mut list = vec![(0, 0); from[from.len() - 1]];
    let mut next = from.clone();
    for (s, hits) in at.iter().enumerate() {
        for &(c, e) in hits {
            if near(s, e) {
                list[next[e]] = (c, s);
                next[e] += 1;
            }
        }
    }
    (from, list)
}

/// For each class (by id, up to the largest with a hit), the tokens from the first to one past
/// the last where a hit of it starts; `(0, 0)` for a class with none. (A frame was tried at
/// every token of the sentence, each token's hits searched for its first slot's class.)
fn spans_of(at: &Flat) -> Vec<(u32, u32)> {
    let classes = at.list.iter().map(|&(c, _)| c + 1).max().unwrap_or(0);
    let mut spans = vec![(u32::MAX, 0u32); classes];
    for (i, list) in at.iter().enumerate() {
        let i = u32::try_from(i).unwrap_or(u32::MAX - 1);
        for &(c, _) in list {
            let s = &mut spans[c];
            s.0 = s.0.min(i);
            s.1 = i + 1;
        }
    }
    for s in &mut spans {
        if s.0 == u32::MAX {
            *s = (0, 0);
        }
    }
    spans
}

#[cfg(test)]
mod index_tests {
    use super::*;

    /// A lexicon's frames filed under their keys, as `Known::of` files them.
    fn frame_keys_of(lex: &Lexicon) -> super::super::framekeys::FrameKeys {
        super::super::framekeys::FrameKeys::of(
            lex.classes.len(),
            lex.topics
                .iter()
                .map(|t| t.frames.iter().map(|f| f.slots.iter().map(|s| s.class))),
        )
    }

    /// The context flags the analyser's context pass reads (`Known::with_context`) are, class
    /// by class, whether the class has a `not-after` or `not-before` list: in the built-in
    /// lexicon (which has classes of both kinds) and in one a user's file extends with
    /// contexts of its own.
    #[test]
    fn the_context_flags_are_the_classes_contexts() {
        let user = "classes:\n  guard: {words: [guard]}\n  \
                    watch: {words: [watch], not-after: [guard]}\n  \
                    keep: {words: [keep], not-before: [guard, watch]}\n";
        let mut files: Vec<(String, String)> = crate::claims::BUILTIN_LEXICON
            .iter()
            .map(|(p, s)| (p.to_string(), s.to_string()))
            .collect();
        files.push(("user.yaml".into(), user.into()));
        let extended = crate::claims::compile(&files).expect("the extended lexicon");
        for lex in [crate::claims::builtin(), &extended] {
            let flags = &lex.known().with_context;
            assert_eq!(flags.len(), lex.classes.len());
            for (c, class) in lex.classes.iter().enumerate() {
                assert_eq!(
                    flags[c],
                    !class.not_after.is_empty() || !class.not_before.is_empty(),
                    "{}",
                    class.name
                );
            }
            assert!(flags.iter().any(|&f| f) && flags.iter().any(|&f| !f));
        }
        for name in ["watch", "keep"] {
            assert!(extended.known().with_context[extended.class(name).unwrap()]);
        }
        assert!(!extended.known().with_context[extended.class("guard").unwrap()]);
    }

    /// The candidates of a topic are, in order, a superset of the frames whose slots' classes
    /// are all present — the frames the analyser tries — on random sets of classes present,
    /// with the built-in lexicon and with small generated ones (frames with no slot, one
    /// slot, a class repeated in a frame, topics with no frame).
    #[test]
    fn the_candidates_hold_every_frame_whose_classes_are_present() {
        let mut next = crate::testing::test_rng(0x5eed_f7a3);
        let check = |lex: &Lexicon, present: &[bool]| {
            let fk = frame_keys_of(lex);
            let cands = fk.candidates(present);
            for (ti, topic) in lex.topics.iter().enumerate() {
                let got: Vec<usize> = cands.of(ti).collect();
                assert!(got.windows(2).all(|w| w[0] < w[1]), "ascending");
                assert!(got.iter().all(|&fi| fi < topic.frames.len()));
                let want: Vec<usize> = topic
                    .frames
                    .iter()
                    .enumerate()
                    .filter(|(_, f)| {
                        f.slots
                            .iter()
                            .all(|s| present.get(s.class).copied().unwrap_or(false))
                    })
                    .map(|(fi, _)| fi)
                    .collect();
                for fi in &want {
                    assert!(got.contains(fi), "topic {ti} frame {fi} left out");
                }
                // A candidate's key is present: exactly those frames whose key is.
                assert_eq!(cands.any_of(ti), !got.is_empty());
            }
        };
        let lex = crate::claims::builtin();
        let n = lex.classes.len();
        for round in 0..400 {
            // From nearly none present to nearly all.
            let p = (round % 20) * 5 + 1;
            let present: Vec<bool> = (0..n).map(|_| next(100) < p).collect();
            check(lex, &present);
        }
        // Every class present: every frame a candidate.
        let all = vec![true; n];
        let fk = frame_keys_of(lex);
        let cands = fk.candidates(&all);
        for (ti, topic) in lex.topics.iter().enumerate() {
            assert_eq!(
                cands.of(ti).collect::<Vec<_>>(),
                (0..topic.frames.len()).collect::<Vec<_>>()
            );
        }
        // A present shorter than the classes (a class past it is absent), and empty.
        check(lex, &[]);
        check(lex, &all[..n / 2]);
        // Generated topics over a few classes (and a class past the lexicon's): frames with
        // no slot, one slot, a class repeated in a frame, topics with no frame.
        use super::super::lexicon::{Frame, Slot};
        let mut gen_lex = lex.clone();
        for _ in 0..300 {
            let classes = next(10) + 1;
            gen_lex.topics.clear();
            for _ in 0..next(6) {
                let mut topic = lex.topics[0].clone();
                topic.frames.clear();
                for _ in 0..next(80) {
                    let slots = (0..next(5))
                        .map(|_| Slot {
                            class: match next(classes + 1) {
                                c if c == classes => n + 7,
                                c => c,
                            },
                            gap: 0,
                        })
                        .collect();
                    topic.frames.push(Frame {
                        slots,
                        anchor: 0,
                        source: String::new(),
                        negative: false,
                        only: None,
                        presupposed: false,
                    });
                }
                gen_lex.topics.push(topic);
            }
            for _ in 0..10 {
                let present: Vec<bool> = (0..n).map(|c| c < classes && next(2) == 0).collect();
                check(&gen_lex, &present);
            }
        }
    }

    /// The context pass with its fast paths (a class's context flag read before the class,
    /// a context whose classes have no hit in the sentence refused at once, the classes
    /// present kept from before the pass when it drops nothing) drops the hits, and finds the
    /// classes present, that the pass without them did: on the hits of real sentences, and
    /// on generated hits of the classes with a context and of the classes their contexts
    /// name, at random tokens of capitalised and other words.
    #[test]
    fn the_context_pass_drops_what_it_dropped_before() {
        let lex = crate::claims::builtin();
        let ctx: Vec<ClassId> = (0..lex.classes.len())
            .filter(|&c| {
                !lex.classes[c].not_after.is_empty() || !lex.classes[c].not_before.is_empty()
            })
            .collect();
        let mut named: Vec<ClassId> = ctx
            .iter()
            .flat_map(|&c| {
                lex.classes[c]
                    .not_after
                    .iter()
                    .chain(&lex.classes[c].not_before)
            })
            .copied()
            .collect();
        named.extend(&ctx);
        named.extend([0, 1, 2, lex.classes.len() - 1]);
        let compare = |tokens: &[Token], at: Vec<Vec<(ClassId, usize)>>| {
            let (mut a, mut b) = (Flat::of_lists(&at), at);
            let pa = drop_by_context(lex, tokens, &mut a);
            let pb = drop_by_context_by_search(lex, tokens, &mut b);
            assert_eq!(a.lists(), b);
            assert_eq!(a, Flat::of_lists(&b));
            assert_eq!(pa, pb);
        };
        let mut next = crate::testing::test_rng(0xc0_47_e8_71);
        let words = [
            "Data",
            "Protection",
            "Committee",
            "the",
            "internal",
            "audit",
            "a",
            ",",
            "our",
        ];
        let mut dropped = 0;
        for _ in 0..3000 {
            let n = next(30) + 1;
            let text: Vec<&str> = (0..n).map(|_| words[next(words.len())]).collect();
            let tokens = tokenize(&text.join(" "));
            let mut at: Vec<Vec<(ClassId, usize)>> = vec![Vec::new(); tokens.len()];
            for _ in 0..next(4 * tokens.len() + 1) {
                let i = next(tokens.len());
                let e = (i + 1 + next(4)).min(tokens.len() + 1);
                at[i].push((named[next(named.len())], e));
            }
            let mut check = at.clone();
            drop_by_context_by_search(lex, &tokens, &mut check);
            dropped += usize::from(check != at);
            compare(&tokens, at);
        }
        assert!(dropped > 100, "{dropped}");
        for s in [
            "Our internal auditors and third-party service providers report to the Audit Committee.",
            "A management Data Protection Committee oversees the program.",
            "We have not experienced a material cybersecurity incident.",
        ] {
            let tokens = tokenize(s);
            let mut at: Vec<Vec<(ClassId, usize)>> = vec![Vec::new(); tokens.len()];
            // The hits before the pass: those of the whole sentence, and every class with a
            // context at every token.
            for (i, list) in hits(lex, &tokens).at.iter().enumerate() {
                at[i].extend(list);
            }
            for (i, list) in at.iter_mut().enumerate() {
                list.extend(ctx.iter().map(|&c| (c, i + 1)));
            }
            compare(&tokens, at);
        }
    }

    /// A form with no words after its first matches at the token after the first word, as
    /// [`rest_matches_at`] answers (`hits` pushes it without asking), and a defined term's
    /// test answers as before it was split in two.
    #[test]
    fn a_one_word_form_ends_after_its_word() {
        let mut b = crate::claims::words::Builder::with_capacity(2);
        b.add(1, false, "data", [].into_iter());
        let t = b.finish();
        let tokens = tokenize("our data (the \u{201c}DATA\u{201d}) is ( kept ) here");
        let (_, rest) = t.first("data").next().expect("a form");
        assert!(rest.is_empty());
        for i in 0..=tokens.len() + 1 {
            let second = past_defined_term(&tokens, i + 1);
            assert_eq!(rest_matches_at(rest, &tokens, i + 1, second), Some(i + 1));
            let by_split = if tokens.get(i).is_some_and(|t| t.norm == "(") {
                past_defined_term_at(&tokens, i)
            } else {
                i
            };
            assert_eq!(past_defined_term(&tokens, i), by_split);
        }
        assert_eq!(past_defined_term(&tokens, 2), 8);
    }

    /// The flat list of hits reads, token by token, as the list per token it was made from
    /// (`len`, `get`, indexing, `iter`), and dropping hits from it (`Flat::drop_hits`, the
    /// context pass's) leaves what removing them from each token's list leaves: on generated
    /// lists (no tokens, tokens with no hits, many hits on one token) and every kind of drop
    /// (none, some, the whole of a token's, all).
    #[test]
    fn a_flat_list_reads_and_drops_as_a_list_per_token() {
        let mut next = crate::testing::test_rng(0xf1a7_0fee);
        for round in 0..2000 {
            let n = round % 17;
            let lists: Vec<Vec<(ClassId, usize)>> = (0..n)
                .map(|s| {
                    (0..[0, 1, 2, 7][next(4)])
                        .map(|_| (next(300), s + 1 + next(5)))
                        .collect()
                })
                .collect();
            let flat = Flat::of_lists(&lists);
            assert_eq!(flat.len(), n);
            assert_eq!(flat.lists(), lists);
            for i in 0..n + 2 {
                assert_eq!(flat.get(i), lists.get(i).map(Vec::as_slice));
                if i < n {
                    assert_eq!(&flat[i], &lists[i][..]);
                }
            }
            // Drop each hit with a chance of none, a third, all.
            let p = [0, 1, 3][next(3)];
            let mut dropped = Vec::new();
            for (i, l) in lists.iter().enumerate() {
                for k in 0..l.len() {
                    if p == 3 || (p == 1 && next(3) == 0) {
                        dropped.push((i, k));
                    }
                }
            }
            let mut want = lists.clone();
            for &(i, k) in dropped.iter().rev() {
                want[i].remove(k);
            }
            let mut got = flat.clone();
            got.drop_hits(&dropped);
            assert_eq!(got.lists(), want, "{lists:?} {dropped:?}");
            assert_eq!(got, Flat::of_lists(&want));
        }
    }

    /// Classes of the generated hits: some share a bit of [`Hits::bits`] (`c % 64`).
    const CLASSES: [ClassId; 7] = [0, 1, 2, 64, 65, 128, 130];
    /// The classes asked: those, and some with no hit that share their bits.
    const ASKED: [ClassId; 10] = [0, 1, 2, 64, 65, 128, 130, 3, 66, 192];

    /// Generated lists of hits (starts and ends near and far, classes repeated, empty
    /// lists), each end asked for each class: [`Hits::ending_at`] answers as the search of
    /// the six tokens before the end did; [`Hits::has`] as `starts` (the longest hit) does;
    /// [`Hits::within`] runs from the first token `has` is true at to the last;
    /// [`Hits::starts`], which skips a token by its class bits, finds the longest hit there;
    /// and [`Hits::covers`] finds a hit over a token as the search of every token up to it.
    #[test]
    fn a_hit_ending_at_a_token_is_the_one_the_search_before_it_finds() {
        let by_search = |at: &[Vec<(ClassId, usize)>], end: usize, class: ClassId| {
            (end.saturating_sub(6)..end)
                .find(|&s| at[s].iter().any(|&(c, e)| c == class && e == end))
        };
        let mut next = crate::testing::test_rng(0x2545_f491_4f6c_dd1du64);
        for round in 0..400 {
            let n = round % 23;
            let at: Vec<Vec<(ClassId, usize)>> = (0..n)
                .map(|s| {
                    (0..next(5))
                        .map(|_| (CLASSES[next(CLASSES.len())], (s + 1 + next(9)).min(n)))
                        .collect()
                })
                .collect();
            let hits = Hits::new(Flat::of_lists(&at), Vec::new());
            assert_eq!(hits.within(None, n), 0..n);
            for class in ASKED {
                let within = hits.within(Some(class), n);
                let has: Vec<usize> = (0..n).filter(|&i| hits.has(i, Some(class))).collect();
                assert!(has.iter().all(|i| within.contains(i)), "{at:?} {class}");
                assert_eq!(
                    has.first().copied(),
                    within.clone().next(),
                    "{at:?} {class}"
                );
                assert_eq!(has.last().copied(), within.clone().last(), "{at:?} {class}");
            }
            for end in 0..=n {
                assert!(!hits.has(end, None));
                for class in ASKED {
                    let by_list = || {
                        at.get(end)?
                            .iter()
                            .filter(|h| h.0 == class)
                            .map(|h| h.1)
                            .max()
                    };
                    assert_eq!(hits.starts(end, class), by_list());
                    let covers = (0..=end.min(n.saturating_sub(1)))
                        .filter(|_| end < n)
                        .any(|s| at[s].iter().any(|&(c, e)| c == class && end < e));
                    assert_eq!(hits.covers(class, end), covers, "{at:?} {end} {class}");
                    assert_eq!(
                        hits.has(end, Some(class)),
                        hits.starts(end, class).is_some()
                    );
                    assert_eq!(
                        hits.ending_at(end, class),
                        by_search(&at, end, class),
                        "{at:?} {end} {class}"
                    );
                }
            }
        }
    }
}

/// Whether the token is the word `pattern` (bytes of a word of the lexicon), or starts with
/// its prefix (`certif*`).
fn word_matches(pattern: &[u8], t: &Token) -> bool {
    match pattern.split_last() {
        Some((b'*', prefix)) if !prefix.is_empty() => {
            t.is_word() && t.norm.as_bytes().starts_with(prefix)
        }
        _ => pattern == t.norm.as_bytes(),
    }
}

#[inline]
fn rest_matches(words: super::words::Rest<'_>, tokens: &[Token], from: usize) -> Option<usize> {
    if words.is_empty() {
        return Some(from);
    }
    rest_matches_from(words, tokens, from)
}

/// [`rest_matches`] from `from`, the token its first word is compared with (`at`, past a
/// defined term: `past_defined_term(tokens, from)`) found by the caller once for all the
/// forms under one first word: a form whose second word is not that token's is refused by one
/// comparison, with no walk set up (most forms under a common first word are).
#[inline]
fn rest_matches_at(
    words: super::words::Rest<'_>,
    tokens: &[Token],
    from: usize,
    at: usize,
) -> Option<usize> {
    let Some((w, tail)) = words.split_first() else {
        return Some(from);
    };
    if !word_matches(w, tokens.get(at)?) {
        return None;
    }
    rest_matches(tail, tokens, at + 1)
}

fn rest_matches_from(
    words: super::words::Rest<'_>,
    tokens: &[Token],
    from: usize,
) -> Option<usize> {
    let mut j = from;
    for w in words.bytes() {
        j = past_defined_term(tokens, j);
        let t = tokens.get(j)?;
        if !word_matches(w, t) {
            return None;
        }
        j += 1;
    }
    Some(j)
}

/// Past a defined term in parentheses at `j` — "(“MDR”)", "(the “CIRT”)": up to five tokens
/// of quotes, "the" and capitalised words — which drafters put inside a name ("managed
/// detection and response (“MDR”) provider") and which is no word of it; else `j`.
#[inline]
fn past_defined_term(tokens: &[Token], j: usize) -> usize {
    if tokens.get(j).is_none_or(|t| t.norm.as_bytes() != b"(") {
        return j;
    }
    past_defined_term_at(tokens, j)
}

/// [`past_defined_term`] at a "(" (`tokens[j]`).
fn past_defined_term_at(tokens: &[Token], j: usize) -> usize {
    let close = (j + 1..(j + 7).min(tokens.len())).find(|&k| tokens[k].norm == ")");
    match close {
        Some(k)
            if k > j + 1
                && tokens[j + 1..k].iter().any(|t| t.is_word() && t.upper)
                && tokens[j + 1..k].iter().all(|t| {
                    (t.is_word() && (t.upper || t.norm == "the"))
                        || is_open_quote(t)
                        || is_close_quote(t)
                }) =>
        {
            k + 1
        }
        _ => j,
    }
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

/// An item number written right after "Item" ("1c", "7a", "1.05", "16k").
/// Short words that never end a compound typed as two words.
const FUNCTION_WORDS: &[&str] = &[
    "and", "the", "for", "nor", "not", "are", "was", "its", "our", "any", "but", "has", "had",
    "who", "may", "can", "all", "one",
];

fn glued_item_number(n: &str) -> bool {
    let body = n
        .strip_suffix(|c: char| ('a'..='k').contains(&c))
        .unwrap_or(n);
    !body.is_empty()
        && body.starts_with(|c: char| c.is_ascii_digit())
        && body.chars().all(|c| c.is_ascii_digit() || c == '.')
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
    // A risk factor's heading is quoted whole, in sentence case ("see “Our systems, or those
    // of our vendors, may fail or suffer security breaches” in Item 1A"): between double
    // quotes, a first word with a capital is a title however long (up to 40 tokens); else
    // only a title of capitalised words counts.
    let sentence_case = tokens.get(i + 1).is_some_and(|t| t.is_word() && t.cap);
    for (j, t) in tokens.iter().enumerate().skip(i + 1).take(40) {
        let double = matches!(t.norm.as_str(), "\u{201d}" | "\"");
        if is_close_quote(t) || t.norm == "\u{2019}" {
            // A closing single quote is also an apostrophe: only a title of capitalised
            // words, at least one, counts.
            let titled = words > 0 && caps * 2 >= words && caps > 0;
            return (titled && j <= i + 24 || double && sentence_case && words > 0)
                .then_some(j + 1);
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

/// Whether `word` is in [`IRREGULAR_PARTICIPLES`]: a set made once (the list was searched
/// word by word for every word of every sentence, 10 M instructions over the corpus).
fn is_irregular_participle(word: &str) -> bool {
    static SET: std::sync::LazyLock<crate::FastSet<&'static str>> =
        std::sync::LazyLock::new(|| IRREGULAR_PARTICIPLES.iter().copied().collect());
    SET.contains(word)
}

/// The key of token `k`'s word that a form's second word is compared with
/// ([`super::words::second_key`]; `0` past the last token).
fn key_at(tokens: &[Token], k: usize) -> u32 {
    tokens
        .get(k)
        .map_or(0, |n| super::words::second_key(n.norm.as_bytes()))
}

/// Every class hit of every token.
pub fn hits(lex: &Lexicon, tokens: &[Token]) -> Hits {
    let mut at = Flat::with_capacity(tokens.len());
    let known = lex.known();
    let words = lex.words();
    let (item_ref, quoted, number, participle) =
        (known.item_ref, known.quoted, known.number, known.participle);
    let mut joined = String::new();
    for i in 0..tokens.len() {
        let t = &tokens[i];
        let second = past_defined_term(tokens, i + 1);
        for (class, words) in words.first_before(&t.norm, || key_at(tokens, second)) {
            // A one-word form (most) ends after the token: no words to compare.
            if words.is_empty() {
                at.push((class, i + 1));
            } else if let Some(end) = rest_matches_at(words, tokens, i + 1, second) {
                at.push((class, end));
            }
        }
        // A one-word entry written as two words ("cyber security", "e-mail") — but not two
        // words that happen to spell one ("assess or" is no "assessor"): across a space both
        // halves are words of three letters or more, the second no function word.
        if let Some(next) = tokens.get(i + 1)
            && t.is_word()
            && next.is_word()
            && t.norm.len() + next.norm.len() >= 8
            // (A pair that spells no first word is not looked up: `Words::may_join`.)
            && words.may_join(&t.norm, &next.norm)
            && (next.glued
                || (t.norm.len() >= 3
                    && next.norm.len() >= 3
                    && !FUNCTION_WORDS.contains(&next.norm.as_str())))
        {
            joined.clear();
            joined.push_str(&t.norm);
            joined.push_str(&next.norm);
            let third = past_defined_term(tokens, i + 2);
            for (class, words) in words.first_before(&joined, || key_at(tokens, third)) {
                if let Some(end) = rest_matches_at(words, tokens, i + 2, third) {
                    at.push((class, end));
                }
            }
        }
        for (prefix, class, words) in words.prefixed_for(&t.norm) {
            if t.is_word()
                && t.norm.as_bytes().starts_with(prefix)
                && let Some(end) = rest_matches(words, tokens, i + 1)
            {
                at.push((class, end));
            }
        }
        if let Some(c) = item_ref
            && (t.norm == "item" || t.norm == "items")
            && let Some(end) = item_number(tokens, i + 1)
        {
            at.push((c, end));
        }
        // A note to the financial statements by its number ("Note 11", "Notes 4 and 9"): a
        // place a pointer names as much as an item is.
        if let Some(c) = item_ref
            && t.cap
            && (t.norm == "note" || t.norm == "notes")
            && tokens.get(i + 1).is_some_and(|n| n.kind == Kind::Number)
        {
            at.push((c, i + 2));
        }
        // "Item1C", "Item7A": the number typed without a space.
        if let Some(c) = item_ref
            && t.cap
            && t.norm.strip_prefix("item").is_some_and(glued_item_number)
        {
            at.push((c, i + 1));
        }
        if let Some(c) = quoted
            && let Some(end) = quoted_title(tokens, i)
        {
            at.push((c, end));
        }
        if let Some(c) = number
            && t.kind == Kind::Number
        {
            at.push((c, i + 1));
        }
        if let Some(c) = participle
            && t.is_word()
            && ((t.norm.len() > 4 && t.norm.ends_with("ed")) || is_irregular_participle(&t.norm))
        {
            at.push((c, i + 1));
        }
        at.next_token();
    }
    let present = drop_by_context(lex, tokens, &mut at);
    Hits::new(at, present)
}

/// The context pass of [`hits`]: drops each hit that a class's context vetoes (below), and
/// returns which classes have a hit left, by class.
fn drop_by_context(lex: &Lexicon, tokens: &[Token], at: &mut Flat) -> Vec<bool> {
    let known = lex.known();
    // Which classes have a hit, by class: before the context pass, a context class none of
    // whose hits is found cannot veto (the tests below go straight to `false` for it), and
    // after it the classes present, unless the pass dropped a hit.
    let mut found = vec![false; lex.classes.len()];
    mark_present(at, &mut found);
    let mut dropped_any = false;
    // A class's context: a hit right after a word of its `not-after` classes, or right before
    // one of its `not-before` classes, is not one ("*internal* auditors", "third-party
    // *service providers*").
    if known.contexts {
        // Right after a word of a class — or after the capitalised name that follows one ("a
        // *management* Data Protection Committee").
        let ends_at = |at: &Flat, i: usize, cls: &[ClassId]| {
            if !cls.iter().any(|&c| found.get(c).copied().unwrap_or(false)) {
                return false;
            }
            let ends_here = |i: usize| {
                (i.saturating_sub(6)..i)
                    .any(|s| at[s].iter().any(|&(c, e)| e == i && cls.contains(&c)))
            };
            // (The name's start is often the token itself: searched once.)
            let name = name_start(tokens, i);
            ends_here(i) || (name != i && ends_here(name))
        };
        let starts_at = |at: &Flat, i: usize, cls: &[ClassId]| {
            cls.iter().any(|&c| found.get(c).copied().unwrap_or(false))
                && at
                    .get(i)
                    .is_some_and(|v| v.iter().any(|(c, _)| cls.contains(c)))
        };
        // Every hit is judged against the hits as found (none dropped yet); a class with no
        // context keeps its hits.
        let mut dropped: Vec<(usize, usize)> = Vec::new();
        for (i, list) in at.iter().enumerate() {
            for (k, &(c, e)) in list.iter().enumerate() {
                // (Whether the class has a context at all, from a list of flags: most hits'
                // classes have none.)
                if !known.with_context.get(c).copied().unwrap_or(false) {
                    continue;
                }
                let class = &lex.classes[c];
                if ends_at(at, i, &class.not_after) || starts_at(at, e, &class.not_before) {
                    dropped.push((i, k));
                }
            }
        }
        dropped_any = !dropped.is_empty();
        at.drop_hits(&dropped);
    }
    if dropped_any {
        found.fill(false);
        mark_present(at, &mut found);
    }
    found
}

/// Marks, by class, the classes that have a hit in `at`.
fn mark_present(at: &Flat, present: &mut [bool]) {
    for &(c, _) in &at.list {
        if let Some(p) = present.get_mut(c) {
            *p = true;
        }
    }
}

/// [`drop_by_context`] as it was written before its fast paths (every hit's class read for a
/// context; the classes present found again after the pass): what the tests compare it with.
#[cfg(test)]
fn drop_by_context_by_search(
    lex: &Lexicon,
    tokens: &[Token],
    at: &mut [Vec<(ClassId, usize)>],
) -> Vec<bool> {
    if lex.known().contexts {
        let ends_at = |at: &[Vec<(ClassId, usize)>], i: usize, cls: &[ClassId]| {
            if cls.is_empty() {
                return false;
            }
            let ends_here = |i: usize| {
                (i.saturating_sub(6)..i)
                    .any(|s| at[s].iter().any(|&(c, e)| e == i && cls.contains(&c)))
            };
            let name = name_start(tokens, i);
            ends_here(i) || (name != i && ends_here(name))
        };
        let starts_at = |at: &[Vec<(ClassId, usize)>], i: usize, cls: &[ClassId]| {
            !cls.is_empty()
                && at
                    .get(i)
                    .is_some_and(|v| v.iter().any(|(c, _)| cls.contains(c)))
        };
        let mut dropped: Vec<(usize, usize)> = Vec::new();
        for (i, list) in at.iter().enumerate() {
            for (k, &(c, e)) in list.iter().enumerate() {
                let class = &lex.classes[c];
                if (!class.not_after.is_empty() || !class.not_before.is_empty())
                    && (ends_at(at, i, &class.not_after) || starts_at(at, e, &class.not_before))
                {
                    dropped.push((i, k));
                }
            }
        }
        for (i, k) in dropped.into_iter().rev() {
            at[i].remove(k);
        }
    }
    let mut present = vec![false; lex.classes.len()];
    for &(c, _) in at.iter().flatten() {
        if let Some(p) = present.get_mut(c) {
            *p = true;
        }
    }
    present
}

/// Where the capitalised name that token `i` is part of starts: back over capitalised words
/// ("Data Protection Committee" from "Committee"), at most five; `i` itself when the word
/// before is not capitalised.
fn name_start(tokens: &[Token], i: usize) -> usize {
    let mut p = i;
    while p > 0
        && i - p < 5
        && tokens[p - 1].is_word()
        && tokens[p - 1].cap
        && tokens.get(p).is_some_and(|t| t.cap)
    {
        p -= 1;
    }
    p
}

/// A trigger hit.
#[derive(Clone, Debug)]
struct Cue {
    trigger: usize,
    start: usize,
    end: usize,
    /// Its scope, in tokens.
    scope: Range<usize>,
    /// A negation that opens an aside of contrast (", *not* the Audit Committee, oversees
    /// …"): it denies the party the aside names, which a match that starts inside it has
    /// for its subject.
    aside: bool,
    /// "None of" before a definite noun phrase: where the phrase ends and the predicate the
    /// negation denies starts ([`Sent::presupposed_set_end`]).
    set_end: Option<usize>,
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
    /// For a mention made from a mention of another topic (a part, `part-of`, or a topic that
    /// `entails` this one): that topic, whose frame `frame` is.
    pub via: Option<usize>,
}

/// One sentence under analysis: its tokens, their class hits and clause boundaries.
struct Sent<'a> {
    lex: &'a Lexicon,
    roles: &'a Roles,
    tokens: &'a [Token],
    hits: &'a Hits,
    /// `true` at a token that ends every scope before it (a terminator, or a conjunction
    /// starting a new predicate); `true` past the end.
    stop: Vec<bool>,
    /// `true` at a token no frame's gap crosses (a terminator or a semicolon): coordinated
    /// predicates share their subject, so a frame may span them.
    barrier: Vec<bool>,
    /// `true` at a token of a relative clause or an appositive set off by commas (", *which
    /// regards cybersecurity as … a retailer*, is responsible for", ", *a management body
    /// comprising …*, meets …"), closing comma included: a frame's
    /// gap does not count its words, so a long aside between a subject and its verb costs no
    /// more than a short one.
    aside: Vec<bool>,
    /// `true` at the words of a correlative pair ("*not only* financial-reporting controls
    /// *but also* the Company's cybersecurity program"): a frame's gap does not count them.
    correlative: Vec<bool>,
    /// The classes of topics' `requires` that the sentence before this one in the same
    /// paragraph holds: a sentence that refers back ("The Board has assigned *that* oversight
    /// to its Technology Committee") may take them from there.
    carried: &'a [ClassId],
    /// The sentence stands where its place says what it is about (inside Item 1C / 16K /
    /// 1.05, or a cyd text block): every topic's required context is given
    /// ([`analyse_in_place`]).
    in_place: bool,
}

impl<'a> Sent<'a> {
    fn new(lex: &'a Lexicon, tokens: &'a [Token], hits: &'a Hits) -> Sent<'a> {
        let roles = &lex.known().roles;
        let mut s = Sent {
            lex,
            roles,
            tokens,
            hits,
            stop: Vec::new(),
            barrier: Vec::new(),
            aside: Vec::new(),
            correlative: Vec::new(),
            carried: &[],
            in_place: false,
        };
        s.stop = s.boundaries();
        // A "but" right before a verb coordinates a second predicate of the same subject ("our
        // CISO does not hold certifications, *but has* 14 years of experience"): it ends
        // scopes, not frames.
        s.barrier = (0..=s.tokens.len())
            .map(|k| {
                // So does "instead" ("… has not established a committee *and instead
                // oversees* such risk as a whole").
                let shared_subject = matches!(s.norm(k), "but" | "instead")
                    && s.tokens.get(k + 1).is_some_and(|t| {
                        s.has(k + 1, s.roles.auxiliary) || s.lex.words().is_verb_form(&t.norm)
                    });
                // "*not only* by our IT team *but also* within the ERM process": the second
                // half of a correlative pair, one clause with the first.
                // So does an adverb of contrast inside its clause ("the Audit Committee
                // *nonetheless* oversees …").
                let shared_subject = shared_subject || s.medial_adverb(k);
                let correlative = s.correlative_but(k);
                k == s.tokens.len()
                    || s.norm(k) == ";"
                    || (!shared_subject && !correlative && s.terminator_at(k))
                    // ", and our CISO meets …": a new main clause with a subject of its own;
                    // a claim's words stay in one clause.
                    || (k > 0
                        && s.norm(k - 1) == ","
                        && s.has(k, s.roles.conjunction)
                        && s.has(k + 1, s.roles.subject_start))
                    // "… to any committee *and retains* that oversight": a predicate of the
                    // subject's own, which frames reach only through the "and" they name.
                    || (s.has(k, s.roles.conjunction)
                        && s.has(k + 1, s.roles.predicate_start)
                        && (k == 0 || s.norm(k - 1) != ","))
            })
            .collect();
        s.aside = s.asides();
        s.correlative = s.correlatives();
        s
    }

    /// The words of "not only / just / merely … but (also)": "not" and its adverb, and the
    /// "but" (with its "also") that answers one within 14 words.
    fn correlatives(&self) -> Vec<bool> {
        let n = self.tokens.len();
        let mut out = vec![false; n];
        for k in 0..n {
            if self.norm(k) == "not" && matches!(self.norm(k + 1), "only" | "just" | "merely") {
                let Some(b) = (k + 2..n.min(k + 16)).find(|&j| self.norm(j) == "but") else {
                    continue;
                };
                out[k] = true;
                out[k + 1] = true;
                out[b] = true;
                if self.norm(b + 1) == "also" {
                    out[b + 1] = true;
                }
            }
        }
        out
    }

    /// Whether a phrase of accompaniment opens at `k`: "together with", "along with", "as
    /// well as", "in addition to".
    fn opens_accompaniment(&self, k: usize) -> bool {
        (matches!(self.norm(k), "together" | "along") && self.norm(k + 1) == "with")
            || (self.norm(k) == "as" && self.norm(k + 1) == "well" && self.norm(k + 2) == "as")
            || (self.norm(k) == "in" && self.norm(k + 1) == "addition" && self.norm(k + 2) == "to")
    }

    /// The relative clauses and appositives set off by commas: from the relative word after a
    /// comma ([`Self::opens_relative`]), an "a"/"an" after a name, a preposition (or "as")
    /// after an auxiliary or a verb (", *as of the date of this report*, been assigned"), or
    /// a phrase of accompaniment (", *together with* …,"), to the closing comma,
    /// when that comma comes within 40 tokens and no barrier comes first (an aside that never
    /// closes is no aside; an appositive closes only at a comma before a verb).
    fn asides(&self) -> Vec<bool> {
        let n = self.tokens.len();
        let mut aside = vec![false; n];
        let mut k = 1;
        while k < n {
            // An appositive opened by "a" or "an" after a name (", *a management body
            // comprising* the CFO, the CTO and …, meets …") is an aside too, when a comma
            // before a verb closes it.
            let appositive = matches!(self.norm(k), "a" | "an")
                && k >= 2
                && self.tokens[k - 2].is_word()
                && self.tokens[k - 2].kind != Kind::Number;
            let after_comma = self.norm(k - 1) == ",";
            let relative = after_comma && self.opens_relative(k);
            // A phrase of time or place set off by commas between a subject and its verb
            // ("neither the Board nor any of its committees had*, as of the date of this
            // report,* been assigned …"): closed, as an appositive is, by a comma before a verb.
            let adverbial = after_comma
                && k >= 2
                && (self.has(k, self.roles.preposition) || self.norm(k) == "as")
                && (self.has(k - 2, self.roles.auxiliary)
                    || self.lex.words().is_verb_form(self.norm(k - 2)));
            // A phrase of accompaniment set off by commas after a subject ("our cybersecurity
            // risks*, together with climate and credit risks,* are reported …", "*, as well
            // as* …", "*, in addition to* …"): closed, as an appositive is, by a comma before
            // a verb.
            let accompaniment = after_comma && self.opens_accompaniment(k);
            let appositive = appositive || adverbial || accompaniment;
            if after_comma && (relative || appositive) {
                // The comma that closes it is the first one before a verb ("…, *oversees* …"):
                // the commas of a list inside the aside ("which reviews the financial
                // statements, internal controls and …") come before nouns. Failing that, the
                // first comma.
                let mut commas = (k + 1..n.min(k + 40))
                    .take_while(|&j| !self.barrier[j])
                    .filter(|&j| self.norm(j) == ",");
                let first = commas.next();
                let before_verb = first.into_iter().chain(commas).find(|&j| {
                    self.tokens.get(j + 1).is_some_and(|t| {
                        self.has(j + 1, self.roles.auxiliary)
                            || self.lex.words().is_verb_form(&t.norm)
                    })
                });
                let close = if appositive && !relative {
                    before_verb
                } else {
                    before_verb.or(first)
                };
                if let Some(c) = close {
                    aside[k..=c].iter_mut().for_each(|a| *a = true);
                    k = c + 1;
                    continue;
                }
            }
            k += 1;
        }
        aside
    }

    /// Where the aside ends that a negating "not" opens after a comma or a dash (", *not* the
    /// Audit Committee, oversees …", "— *and not* any committee —"): the comma or dash that
    /// closes it within twelve words, when a verb (or a cleft's relative word) comes right
    /// after it. `None` when the
    /// "not" opens no such aside ("…, not merely a compliance exercise.").
    fn contrast_aside_end(&self, trigger: usize, start: usize, end: usize) -> Option<usize> {
        let opener = |k: usize| matches!(self.norm(k), "," | "—" | "–");
        let opened = start > 0
            && (opener(start - 1)
                || (start > 1 && self.norm(start - 1) == "and" && opener(start - 2)));
        if self.lex.triggers[trigger].status != Status::Negated
            || end != start + 1
            || self.norm(start) != "not"
            || !opened
        {
            return None;
        }
        let n = self.tokens.len();
        let close = (end..(end + 12).min(n)).find(|&k| opener(k) || self.norm(k) == ";")?;
        // … or the relative word of a cleft ("it is the Safety Committee, *not* the Audit
        // Committee, *that* oversees …").
        let verb_after = self.tokens.get(close + 1).is_some_and(|t| {
            self.has(close + 1, self.roles.auxiliary)
                || self.lex.words().is_verb_form(&t.norm)
                || self.has(close + 1, self.roles.relative)
                || t.norm == "that"
        });
        (opener(close) && verb_after).then_some(close)
    }

    /// True when a relative clause opens at `k`: a relative word (", *which* …"), or one
    /// after a quantity and "of" (", *a majority of whose* members …", ", *each of which* …",
    /// ", *none of whom* …").
    fn opens_relative(&self, k: usize) -> bool {
        self.has(k, self.roles.relative)
            || (k + 1..(k + 4).min(self.tokens.len())).any(|j| {
                self.norm(j) == "of"
                    && matches!(self.norm(j + 1), "which" | "whom" | "whose")
                    && (k..j).all(|i| self.tokens[i].is_word())
            })
    }

    fn norm(&self, k: usize) -> &str {
        self.tokens.get(k).map_or("", |t| t.norm.as_str())
    }

    fn has(&self, k: usize, class: Option<ClassId>) -> bool {
        self.hits.has(k, class)
    }

    /// `true` at a terminator's word, unless a longer pseudo-trigger starts there ("*but not
    /// limited to*" lists what comes before; it ends no clause).
    fn terminator_at(&self, k: usize) -> bool {
        let Some(c) = self.lex.terminators else {
            return false;
        };
        let Some(end) = self.hits.starts(k, c) else {
            return false;
        };
        self.lex
            .pseudo
            .and_then(|p| self.hits.starts(k, p))
            .is_none_or(|e| e <= end)
            && !self.parenthetical_however(k)
    }

    /// True when "nonetheless" (or "nevertheless", "however", "instead") at `k` stands inside
    /// a clause without commas, between its subject and its verb ("the Audit Committee
    /// *nonetheless* oversees cybersecurity risk", "the Board *instead* considers such risk
    /// directly"): an adverb of the clause, which a frame crosses. It still ends the scope of
    /// a negation before it, whose contrast it marks ("… has not created a committee, and the
    /// full Board *nevertheless* reviews …"). After a conjunction ("… and *instead* relies on
    /// …") or a sign it opens the contrast itself.
    fn medial_adverb(&self, k: usize) -> bool {
        matches!(
            self.norm(k),
            "however" | "nevertheless" | "nonetheless" | "instead"
        ) && k >= 1
            && self.tokens[k - 1].is_word()
            && !self.has(k - 1, self.roles.conjunction)
            && !matches!(
                self.norm(k - 1),
                "and" | "or" | "but" | "yet" | "so" | "nor"
            )
            && self.tokens.get(k + 1).is_some_and(|t| t.is_word())
            && !self.has(k + 1, self.roles.conjunction)
    }

    /// True when "however" (or "though", "nevertheless", "nonetheless") at `k` stands between
    /// commas inside one clause — after an
    /// auxiliary or a negation ("we have *not, however,* engaged …", "we do *not, however,*
    /// engage …"), or before an inverted auxiliary ("at no time, *however, did* we …"): an
    /// aside, which ends no scope.
    fn parenthetical_however(&self, k: usize) -> bool {
        if !matches!(
            self.norm(k),
            "however" | "though" | "nevertheless" | "nonetheless"
        ) || k < 2
            || self.norm(k - 1) != ","
            || self.norm(k + 1) != ","
        {
            return false;
        }
        let before = k - 2;
        let after = k + 2;
        self.has(before, self.roles.auxiliary)
            || matches!(self.norm(before), "not" | "never" | "n't")
            || self.has(after, self.roles.auxiliary)
    }

    /// True when "but" at `k` is the second half of a correlative pair ("*not only* … *but*
    /// also"): one clause with the first half.
    fn correlative_but(&self, k: usize) -> bool {
        self.norm(k) == "but"
            && (k.saturating_sub(14)..k).any(|j| {
                self.norm(j) == "not" && matches!(self.norm(j + 1), "only" | "just" | "merely")
            })
    }

    /// True when ", and" at `k` opens a main clause whose subject is a board, a committee, a
    /// manager or a person (`actor_heads`), its verb right after ("we have not created a
    /// separate cybersecurity committee*, and the Audit Committee oversees* cybersecurity
    /// risks"): that clause asserts on its own, and a negation before it does not reach it.
    fn body_clause_at(&self, k: usize) -> bool {
        if k == 0 || self.norm(k - 1) != "," || self.norm(k) != "and" {
            return false;
        }
        // The subject's words (up to nine, no punctuation), a head among them, then the verb:
        // "*, and the Risk Committee of the Board oversees* …".
        let limit = (k + 10).min(self.tokens.len());
        let mut j = k + 1;
        let mut head = false;
        while j < limit {
            let t = &self.tokens[j];
            if !t.is_word() {
                return false;
            }
            if let Some(e) = self
                .roles
                .actor_heads
                .iter()
                .find_map(|&c| self.hits.starts(j, c))
            {
                head = true;
                j = e.max(j + 1);
                continue;
            }
            if head
                && !t.norm.ends_with("ing")
                && (self.has(j, self.roles.auxiliary) || self.lex.words().is_verb_form(&t.norm))
            {
                return true;
            }
            j += 1;
        }
        false
    }

    fn boundaries(&self) -> Vec<bool> {
        let n = self.tokens.len();
        let mut stop = vec![false; n + 1];
        stop[n] = true;
        for (i, stop_here) in stop.iter_mut().enumerate().take(n) {
            // The "but" of "not only … but also" ends no scope: "an attack *would* not only
            // expose us to penalties *but* also materially harm our results" is hedged whole.
            if (self.terminator_at(i) && !self.correlative_but(i)) || self.body_clause_at(i) {
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
                // A word in -ed is taken for a verb, but not one in un-…-ed, which is an
                // adjective before its noun ("… are breached, *and unauthorized* access is
                // obtained": the condition goes on).
                if let Some(t) = self.tokens.get(j)
                    && t.is_word()
                    && (self.has(j, self.roles.auxiliary)
                        || self.has(j, self.roles.predicate_start)
                        || (t.norm.len() > 4
                            && t.norm.ends_with("ed")
                            && !t.norm.starts_with("un")
                            && !t.cap)
                        || (after_comma && self.lex.words().is_verb_form(&t.norm)))
                {
                    *stop_here = true;
                }
            }
        }
        stop
    }

    /// The scope of a trigger hit at `start..end`, given where the aside of contrast it opens
    /// ends, if it opens one (`aside_end`, [`Sent::contrast_aside_end`]).
    fn scope(
        &self,
        trigger: usize,
        start: usize,
        end: usize,
        aside_end: Option<usize>,
    ) -> Range<usize> {
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
                // A subordinate clause closed before the trigger ("Although the investigation
                // is ongoing, the Company does *not* believe …") leaves the trigger in the main
                // clause, whose commas do not end its scope.
                let subordinate = (clause_start..start)
                    .rev()
                    .find(|&k| {
                        self.has(k, self.roles.subordinator)
                            && (k <= clause_start + 1 || (k > 0 && self.norm(k - 1) == ","))
                    })
                    .is_some_and(|k| !self.subordinate_closed(k, start));
                // A relative clause after a comma (", which was not detected …,") ends at
                // the next comma.
                let relative = (clause_start..start)
                    .rev()
                    .take_while(|&k| self.norm(k) != ",")
                    .last()
                    .is_some_and(|k| k > 0 && self.norm(k - 1) == "," && self.opens_relative(k));
                if relative && let Some(k) = (end..limit).find(|&k| self.norm(k) == ",") {
                    limit = k;
                }
                // A modal in a restrictive relative clause ("events *that may* affect
                // cardholders are reported …"): it speaks of the kind of thing the clause
                // defines, up to the main clause's verb after it — its own verb group skipped
                // ("incidents that *could be* material *will be* escalated").
                if t.status == Status::Hedged
                    && start > 0
                    && matches!(self.norm(start - 1), "that" | "which" | "who")
                    && self.has(start, self.roles.modal)
                {
                    let mut k = end;
                    while k < limit && self.has(k, self.roles.auxiliary) {
                        k += 1;
                    }
                    if let Some(a) = (k + 1..limit).find(|&j| self.has(j, self.roles.auxiliary)) {
                        limit = a;
                    }
                }
                // A contrast set off as an aside (", *not* the Audit Committee, oversees …",
                // "the board — *and not* any committee of it — oversees …"): the negation
                // denies the party it names, up to the comma or dash that closes the aside
                // before a verb; the clause around it keeps its own status.
                if let Some(c) = aside_end {
                    limit = limit.min(c);
                }
                // Inside an introductory phrase ("As a clinical-stage company *with no*
                // commercial products, we rely on …", "*With no* security staff of its own,
                // the Partnership relies on …") a trigger speaks of the phrase only — unless
                // the clause after it is inverted, which the negation governs ("*At no* time,
                // however, *did we* engage …").
                let first = self.first_word().unwrap_or(0);
                // A trigger that opens the phrase itself ("*In the event of* an incident, we
                // would …", "*To the extent* …") reaches the clause; "*with no*" does not.
                let inside = start > first + 1
                    || (start == first + 1 && matches!(self.norm(first), "with" | "having"));
                if inside && let Some(e) = self.intro_end().filter(|&e| start < e)
                    // A phrase, not a clause: no auxiliary before the trigger ("During 2024
                    // the Bank *was* not the subject of any incident that, …").
                    && !(first..start).any(|k| self.has(k, self.roles.auxiliary))
                {
                    let inverted = (e + 1..n)
                        .find(|&k| {
                            self.tokens[k].is_word()
                                && !matches!(self.norm(k), "however" | "though" | "therefore")
                                && !(self.norm(k).len() > 4 && self.norm(k).ends_with("ly"))
                                && !(k > 0 && self.norm(k - 1) == "," && self.next_comma_closes(k))
                        })
                        .is_some_and(|k| self.has(k, self.roles.auxiliary));
                    if !inverted {
                        limit = limit.min(e);
                    }
                }
                // "Whether or not" opening its clause ("*Whether or not* they are judged
                // material, all incidents are logged …", "…, *whether or not* it appears
                // significant at first, and no event …") leaves open only what that clause
                // says; the clause ends at its comma.
                if end == start + 3
                    && (self.norm(start), self.norm(start + 1), self.norm(start + 2))
                        == ("whether", "or", "not")
                    && (start <= clause_start + 1 || (start > 0 && self.norm(start - 1) == ","))
                    && let Some(c) = (end..limit).find(|&k| self.norm(k) == ",")
                {
                    limit = c;
                }
                // A condition reduced to a participle and set off by commas ("… triaged
                // within fifteen minutes and, *if rated* high or critical, escalated to our
                // CTO", "incidents, *if confirmed*, are reported to …") restricts the act; it
                // does not hedge the clause around it, and reaches only its closing comma —
                // unless it is a risk coming true ("risks that, *if realized*, are reasonably
                // likely to materially affect us").
                if t.status == Status::Hedged
                    && end == start + 1
                    && self.norm(start) == "if"
                    && start > 0
                    && self.norm(start - 1) == ","
                    && self.has(end, self.lex.known().participle)
                    && !self.has(end, self.roles.risk_realized)
                    && let Some(c) = (end..(end + 8).min(limit)).find(|&k| self.norm(k) == ",")
                {
                    limit = c;
                }
                // A modal reaches the verbs coordinated with its own in their base form ("we
                // *may* engage consultants *and retain* forensic firms", "candidates *must*
                // hold a degree *and have* ten years of experience"): one predicate, one mood.
                let modal = t.status == Status::Hedged
                    && end == start + 1
                    && self.has(start, self.roles.modal);
                for k in end..limit {
                    if self.stop[k] && !(modal && self.base_verb_after_and(k)) {
                        limit = k;
                        break;
                    }
                    // The comma that closes it: a main clause starts after it (a subject
                    // word, or a verb within the next few words: ", future incidents could").
                    // An adverbial may open the main clause before its subject (", *to date*
                    // no incident has …", ", *so far*, we have not …").
                    if subordinate && self.norm(k) == "," && {
                        let main = self.past_clause_adverbial(k + 1);
                        self.has(main, self.roles.subject_start)
                            || self.gerund_subject(main)
                            || (main..(main + 4).min(n)).any(|j| self.has(j, self.roles.auxiliary))
                    } {
                        limit = k;
                        break;
                    }
                }
                end..limit
            }
            // A participle right after a noun ("a charge … in connection with the incident
            // *described in* Note 15") is a reduced relative clause on that noun: it says where
            // the noun is described, and defers nothing of the clause it sits in. Not after a
            // verb or an adverb ("… *is* described in", "… is *further* described in").
            Direction::Backward if t.status == Status::Pointer && self.reduced_relative(start) => {
                start..start
            }
            Direction::Backward => {
                let mut from = 0;
                if let Some(w) = t.window {
                    from = start.saturating_sub(w);
                }
                let mut comma = false;
                for k in (from..start).rev() {
                    if self.stop[k] || self.norm(k) == ";" {
                        from = k + 1;
                        break;
                    }
                    // A relative clause after a comma that holds the trigger (", which is
                    // described in Note 16"): it says where its antecedent is described, and
                    // the clause it hangs on keeps its own status ("we experienced a material
                    // incident, which …"). One closed before the trigger (", who …, is set
                    // forth in") is part of what is deferred.
                    if !comma
                        && k > 0
                        && self.norm(k - 1) == ","
                        && self.has(k, self.roles.relative)
                    {
                        from = k + 1;
                        break;
                    }
                    comma |= self.norm(k) == ",";
                }
                from..start
            }
        };
        r.start..r.end.max(r.start)
    }

    /// For a negation hit at `start..end`, where the noun phrase it quantifies ends. "None of"
    /// before a definite noun phrase ("*none of the* outside firms *we engage*", "*none of
    /// our* cybersecurity processes") quantifies over a set the sentence takes as existing:
    /// what the phrase alone says of its members is presupposed, not denied; the negation
    /// denies the predicate, which starts at the first auxiliary outside a relative clause
    /// on the set ("… *has* identified a material weakness"). A match that runs into the predicate ("none of our assessments
    /// *has been performed by* an independent third party") stays denied. Without an
    /// auxiliary the phrase's end is not known ("none of the incidents we experienced
    /// materially affected us"): `None`, and the negation reaches all of it, as before.
    fn presupposed_set_end(&self, start: usize, end: usize) -> Option<usize> {
        let n = self.tokens.len();
        let none_of = end >= start + 2
            && end < n
            && self.norm(start) == "none"
            && self.norm(end - 1) == "of"
            && matches!(
                self.norm(end),
                "the" | "our" | "its" | "their" | "these" | "those"
            );
        if !none_of {
            return None;
        }
        (end + 1..n)
            .take_while(|&k| {
                !self.stop[k] && !matches!(self.norm(k), "," | "\u{2014}" | "\u{2013}" | "-" | "(")
            })
            // Not the auxiliary of a relative clause on the set ("the consultants *the Trust
            // has* retained", "the firms *that have* tested our systems").
            .find(|&k| {
                self.has(k, self.roles.auxiliary)
                    && !self.registrant_subject(k)
                    && !matches!(self.norm(k - 1), "they" | "it" | "that" | "which" | "who")
            })
    }

    /// True when the subordinate clause opened at `sub` closes before `start`: a comma in
    /// between is followed (past a clause adverbial) by a main clause's subject ("*Although*
    /// the investigation is ongoing*, the Company* does not believe …", "*While* the review
    /// continues*, we* do not …"). A comma right after the subordinator opens an aside inside
    /// the clause ("*If, as a result of* an attack*, we* could not …"), so such a clause is
    /// taken to run on; so is one whose commas separate a list ("*Although* our tenants*,
    /// vendors* and customers have not …": no subject word after the comma). A trigger right
    /// after a comma opens the main clause ("Although …*, none of* them …").
    fn subordinate_closed(&self, sub: usize, start: usize) -> bool {
        if sub + 1 < self.tokens.len() && self.norm(sub + 1) == "," {
            return false;
        }
        (sub + 1..start).filter(|&k| self.norm(k) == ",").any(|k| {
            let main = self.past_clause_adverbial(k + 1);
            // (… or by the trigger itself, opening the main clause as its subject: "Although
            // we have experienced incidents*, none* of them, individually or in the aggregate,
            // has had …")
            main == start
                || (main < start
                    && (self.has(main, self.roles.subject_start) || self.gerund_subject(main)))
        })
    }

    /// True when `k` is a gerund opening a subject ("Although we did not pay the ransom,
    /// *restoring* our systems cost $3.2 million"): a word in -ing (six letters or more, no
    /// `preposition` such as "including" or "regarding") whose
    /// phrase reaches a finite verb in -ed or one the lexicon knows within eight words, before
    /// any comma.
    fn gerund_subject(&self, k: usize) -> bool {
        let Some(t) = self.tokens.get(k) else {
            return false;
        };
        t.is_word()
            && t.norm.len() >= 6
            && t.norm.ends_with("ing")
            && !self.has(k, self.roles.preposition)
            && (k + 1..(k + 9).min(self.tokens.len()))
                .take_while(|&j| !matches!(self.norm(j), "," | ";" | ":"))
                .any(|j| {
                    let w = self.norm(j);
                    !w.ends_with("ing")
                        && (w.ends_with("ed") || self.lex.words().is_verb_form(w))
                        && self.tokens[j].is_word()
                        && !self.tokens[j].cap
                })
    }

    /// True when a comma comes within three words after `k`: `k` opens a short aside
    /// (", *in each case*, did …").
    fn next_comma_closes(&self, k: usize) -> bool {
        (k + 1..(k + 4).min(self.tokens.len())).any(|j| self.norm(j) == ",")
    }

    /// True when token `k` is "and" or "or" (no comma before it) followed by a verb in its
    /// base form — a word the lexicon knows as a verb, or "have" / "be" — not in -s, -ed or
    /// -ing: the second verb of a predicate whose auxiliary came before ("may engage … and
    /// retain …").
    fn base_verb_after_and(&self, k: usize) -> bool {
        if !matches!(self.norm(k), "and" | "or") || (k > 0 && self.norm(k - 1) == ",") {
            return false;
        }
        let Some(t) = self.tokens.get(k + 1) else {
            return false;
        };
        let w = t.norm.as_str();
        t.is_word()
            && !w.ends_with('s')
            && !w.ends_with("ed")
            && !w.ends_with("ing")
            && (matches!(w, "have" | "be") || self.lex.words().is_verb_form(w))
    }

    /// True when the trigger at `start` is a past participle ("described", "set forth")
    /// right after a word that is neither a verb, an auxiliary nor an adverb: a reduced
    /// relative clause on the noun before it.
    fn reduced_relative(&self, start: usize) -> bool {
        let first = self.norm(start);
        let participle = first.ends_with("ed") || first == "set" || first == "found";
        let Some(prev) = start.checked_sub(1).map(|k| &self.tokens[k]) else {
            return false;
        };
        participle
            && prev.is_word()
            && !self.has(start - 1, self.roles.auxiliary)
            && !prev.norm.ends_with("ly")
            && !matches!(
                prev.norm.as_str(),
                "further" | "also" | "more" | "as" | "not" | "then"
            )
            && !self.lex.words().is_verb_form(&prev.norm)
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
            .map(|(t, s, e)| {
                let aside_end = self.contrast_aside_end(t, s, e);
                Cue {
                    trigger: t,
                    start: s,
                    end: e,
                    scope: self.scope(t, s, e, aside_end),
                    aside: aside_end.is_some(),
                    set_end: self.presupposed_set_end(s, e),
                }
            })
            // "Not … until" puts an act later, it does not deny it ("management *did not*
            // brief the board on the incident *until* after the systems had been restored",
            // "the controls *were not* implemented *until* 2024"): a negation with "until"
            // close after it, in its scope, negates nothing.
            .filter(|c| {
                lex.triggers[c.trigger].status != Status::Negated
                    || !(c.end..c.scope.end.min(c.end + 12)).any(|k| self.norm(k) == "until")
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
        // The words of an aside the gap has entered from outside it: they count only for a
        // hit inside the aside, so a slot is found across an aside but not in it past its gap.
        let mut aside_words = 0;
        let mut in_aside = false;
        // Of two words of the anchor's class within reach, the later — the one nearer the
        // slots after it — is the one that governs them: in "our risk management process,
        // which *covers* safety …, does not *include* … cybersecurity risks" the process's
        // cybersecurity is what "include" (denied) says, not what "covers" says.
        let mut found: Option<(usize, Range<usize>)> = None;
        // Past the last token a hit of the slot's class starts at, nothing more is found.
        let beyond = self.hits.within(Some(s.class), self.tokens.len()).end;
        for k in from..=last {
            if k >= beyond {
                break;
            }
            if k > from {
                let t = &self.tokens[k - 1];
                if self.barrier[k - 1] {
                    break;
                }
                let i = k - 1;
                if self.aside[i] && i > from && (in_aside || !self.aside[i - 1]) {
                    in_aside = true;
                    if t.kind != Kind::Punct {
                        aside_words += 1;
                    }
                } else {
                    in_aside = false;
                    aside_words = 0;
                    if t.kind != Kind::Punct && !self.correlative[i] {
                        words += 1;
                    }
                }
                if words > s.gap {
                    break;
                }
            }
            if in_aside && self.aside.get(k) == Some(&true) && words + aside_words > s.gap {
                continue;
            }
            let Some(end) = self.hits.starts(k, s.class) else {
                continue;
            };
            // A later slot's word set aside by a contrast in the gap right before it ("cyber
            // risks are addressed by our IT staff *rather than through* any company-wide risk
            // process"): the frame does not say what the contrast denies. (A contrast the
            // frame names as a slot of its own is the frame's, as in "[negative] … rather than
            // any committee".)
            if slot > 0 && self.contrast_before(k, from) {
                continue;
            }
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
                if slot == frame.anchor && slot > 0 {
                    found = Some((e, anchor.clone()));
                    continue;
                }
                return Some(e);
            }
        }
        found.map(|(e, a)| {
            *anchor = a;
            e
        })
    }

    /// True when a contrast (a word of the `contrast-negation` trigger: "rather than", "instead
    /// of", "as opposed to") ends right before token `k` — a determiner, quantifier or
    /// preposition ("through any", "by the") may stand between — and starts at or after
    /// `from`, inside a frame's gap.
    fn contrast_before(&self, k: usize, from: usize) -> bool {
        let Some(contrast) = self.roles.contrast else {
            return false;
        };
        let mut e = k;
        loop {
            if self.hits.ending_at(e, contrast).is_some_and(|s| s >= from) {
                return true;
            }
            if e > from
                && (self.has(e - 1, self.roles.determiner)
                    || self.has(e - 1, self.roles.quantifier)
                    || self.has(e - 1, self.roles.preposition))
            {
                e -= 1;
            } else {
                return false;
            }
        }
    }

    /// True when the party whose name starts at `i` (of class `class`) is named after "with"
    /// or "from", determiners between ("meets *with the* CFO", "hears *from our* CISO"), and
    /// no relative clause makes it a subject after its name ("… *with the CISO, who
    /// monitors* …").
    fn met_with(&self, i: usize, class: ClassId) -> bool {
        let mut p = i;
        while p > 0 && self.has(p - 1, self.roles.determiner) {
            p -= 1;
        }
        if p == 0 || !matches!(self.norm(p - 1), "with" | "from") {
            return false;
        }
        let mut end = self.hits.starts(i, class).unwrap_or(i + 1);
        while let Some(e) = self.hits.starts(end, class) {
            end = e;
        }
        let next = if self.norm(end) == "," { end + 1 } else { end };
        !(next < self.tokens.len() && self.opens_relative(next))
    }

    /// Every way a frame matches, one per start: (token range, anchor tokens).
    fn frame_matches(&self, frame: &super::lexicon::Frame) -> Vec<(Range<usize>, Range<usize>)> {
        let mut out = Vec::new();
        let first = frame.slots.first().map(|s| s.class);
        for i in self.hits.within(first, self.tokens.len()) {
            // The first slot starts at the token asked: where no hit of its class starts, no
            // match does (what `match_from` finds there, without the call).
            if first.is_some() && !self.hits.has(i, first) {
                continue;
            }
            // A party that opens the frame before its anchor is the anchor's subject — not one
            // named as whom another meets or hears from ("our Audit Committee meets *with the
            // Chief Financial Officer* … and oversees …").
            if frame.anchor > 0
                && first.is_some_and(|c| self.roles.actor_heads.contains(&c) && self.met_with(i, c))
            {
                continue;
            }
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
        self.nearest_actor_after(0, at, excluded, allowed)
    }

    /// [`Self::nearest_actor`], looking no further back than `floor` (the word after a
    /// relative pronoun, for the subject of its clause).
    fn nearest_actor_after(
        &self,
        floor: usize,
        at: usize,
        excluded: &[ClassId],
        allowed: &[ClassId],
    ) -> Option<bool> {
        let r = &self.roles;
        let intro = self.intro_end();
        let mut k = at;
        'scan: while k > floor {
            k -= 1;
            // A new main clause with a subject of its own (", and the Audit Committee
            // receives …") ends the search, as a scope's end does.
            if self.stop[k] || self.barrier[k] || matches!(self.norm(k), ";" | ":") {
                return None;
            }
            // An introductory phrase before the clause's subject ("*As a company in the
            // payments industry*, cybersecurity risk management is …"): who is named in it is
            // not who acts in the clause.
            if intro.is_some_and(|e| k < e && e < at) {
                return None;
            }
            // A party named inside a phrase of accompaniment set off by commas ("our
            // cybersecurity risks*, together with climate, tenant-credit and development
            // risks,* are reported …") is not the clause's subject — unlike an appositive or a
            // relative clause, which says who the subject is (", *an affiliate of our
            // adviser*,").
            if self.aside[k] && self.aside.get(at).is_some_and(|a| !a) {
                let mut j = k;
                while j > 0 && self.aside[j - 1] {
                    j -= 1;
                }
                if self.opens_accompaniment(j) {
                    continue;
                }
            }
            // Other companies named by a quantifier, whatever their trade ("*Many* Class I
            // *railroads* retain outside firms …", "*Several* large mortgage *servicers* have
            // appointed …"): no lexicon lists every industry's name for its members.
            if excluded.contains(&r.other_party.unwrap_or(usize::MAX)) && self.quantified_subject(k)
            {
                return Some(true);
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
                    if k + 1 < at && self.modifies(k + 1) {
                        continue;
                    }
                    let mut p = s;
                    while p > 0 && self.has(p - 1, r.determiner) {
                        p -= 1;
                    }
                    // "we" as the subject of a relative clause on an excluded party, with or
                    // without its pronoun ("the penetration-testing firm *we engage* each year
                    // presents …", "the firm *that we* retain …"): the party is the subject.
                    if !other && self.norm(s) == "we" && s > 0 {
                        let head = if matches!(self.norm(s - 1), "that" | "which" | "whom") {
                            s - 1
                        } else {
                            s
                        };
                        if excluded
                            .iter()
                            .any(|&c| self.hits.ending_at(head, c).is_some())
                        {
                            k = head;
                            continue 'scan;
                        }
                    }
                    let quantified = p > 1
                        && self.norm(p - 1) == "of"
                        && (p.saturating_sub(3)..p - 1).any(|q| self.has(q, r.quantifier));
                    if p > 0 && self.has(p - 1, r.preposition) && !quantified {
                        k = p;
                        continue 'scan;
                    }
                    // The agent of something done before the match, with its modifiers
                    // ("quarterly scans *by an approved scanning vendor* and annual
                    // assessments by …"): who did that, not who acts in the match — unless a
                    // relative clause hangs on it (", *whose* program …").
                    if let Some(by) = (p.saturating_sub(4)..p)
                        .rev()
                        .take_while(|&q| self.tokens[q].is_word() && !self.has(q, r.auxiliary))
                        .find(|&q| self.norm(q) == "by")
                        && !(k + 1..at)
                            .find(|&q| self.tokens[q].is_word())
                            .is_some_and(|q| self.opens_relative(q))
                    {
                        k = by;
                        continue 'scan;
                    }
                    // A party named in a phrase of accompaniment ("our CISO, *working with an
                    // outside consulting firm*, presented …", "*together with* our outside
                    // advisers"): who acts with the subject, not the subject.
                    if let Some(with) = (p.saturating_sub(4)..p)
                        .rev()
                        .take_while(|&q| self.tokens[q].is_word() && !self.has(q, r.auxiliary))
                        .find(|&q| self.norm(q) == "with")
                        && with > 1
                        && (self.norm(with - 1).ends_with("ing")
                            // "working *closely* with"
                            || (self.norm(with - 1).ends_with("ly")
                                && self.norm(with - 2).ends_with("ing"))
                            || matches!(self.norm(with - 1), "together" | "along"))
                    {
                        k = with - 1;
                        continue 'scan;
                    }
                    // Another party as the object of a verb in the past before it ("the
                    // Company *notified customers*, engaged outside experts …"): what the
                    // subject acted on, not the subject, so look on — not a participle that
                    // opens the sentence or follows a determiner or a verb ("*Affected*
                    // customers engaged …", "some *affected* customers …"), which is the
                    // party's own.
                    if other
                        && p > 1
                        && self.norm(p - 1).ends_with("ed")
                        && self.lex.words().is_verb_form(self.norm(p - 1))
                        && self.tokens[p - 2].is_word()
                        && !self.has(p - 2, r.determiner)
                        && !self.has(p - 2, r.quantifier)
                        && !self.has(p - 2, r.auxiliary)
                        // (nor an adjective after a verb: "requires *covered* institutions")
                        && !self.lex.words().is_verb_form(self.norm(p - 2))
                    {
                        k = p - 1;
                        continue 'scan;
                    }
                    // Another party coordinated with an earlier one ("neither the Fund nor
                    // *its adviser*", "we and our vendors"): the earlier one may be the
                    // registrant, so look on.
                    if other && p > 0 && matches!(self.norm(p - 1), "and" | "or" | "nor") {
                        k = p - 1;
                        continue 'scan;
                    }
                    return Some(other);
                }
            }
        }
        None
    }

    /// True when the registrant, named as a subject ("we", "the Company" — not "our", which
    /// opens a noun phrase, nor "us"), stands inside the match right before the anchor, with
    /// at most auxiliaries and adverbs in -ly between ("following the incident, *we
    /// offered* …", "*the Company has since reimbursed* …"; not "a vendor with which *we do
    /// business* disrupted …"): the registrant does what the anchor says.
    fn registrant_acts(&self, m: &Range<usize>, anchor: &Range<usize>) -> bool {
        let r = &self.roles;
        let Some(c) = r.registrant else {
            return false;
        };
        (m.start.max(anchor.start.saturating_sub(6))..anchor.start).any(|s| {
            self.hits.starts(s, c).is_some_and(|e| {
                !(e == s + 1 && matches!(self.norm(s), "our" | "us" | "ours" | "ourselves"))
                    && e <= anchor.start
                    && anchor.start - e <= 3
                    && (e..anchor.start).all(|k| {
                        let t = &self.tokens[k];
                        t.is_word() && (self.has(k, r.auxiliary) || t.norm.ends_with("ly"))
                    })
            })
        })
    }

    /// True when token `k` ends a plural subject that a quantifier (`party-quantifier`) opens
    /// at the start of the sentence — "*Many* defense *contractors* have established …", "*Several* large mortgage
    /// *servicers* have appointed …" — or a singular one that `party-quantifier-one` opens
    /// ("*Another* IT services *company* disclosed …") — other companies, not the registrant: up to four words
    /// between, no "of" ("many *of our* vendors" is the registrant's own) but the partitive
    /// "of the" ("*many of the* restaurants on our marketplace"), no registrant's
    /// word, and an active verb after (not "are"/"were": "*most* incidents *are detected* by
    /// our team" names what is acted on, not who acts).
    fn quantified_subject(&self, k: usize) -> bool {
        let Some(first) = self.first_word() else {
            return false;
        };
        let noun = &self.tokens[k];
        let plural = noun.is_word()
            && noun.norm.len() > 3
            && noun.norm.ends_with('s')
            && !noun.norm.ends_with("ss")
            && !noun.norm.ends_with("us");
        // "*Another* Indian IT services *company* disclosed …", "*A competing* pharmacy *chain*
        // …": one other company, singular — not another attack ("*another* ransomware
        // *attack* on our network was …").
        let one = self.has(first, self.roles.party_quantifier_one)
            && !(first..=k).any(|j| self.has(j, self.roles.attack));
        let many = plural && self.has(first, self.roles.party_quantifier);
        if !(one || many) || k <= first || k - first > 5 {
            return false;
        }
        // "*Many of the* restaurants on our marketplace …": the partitive "of the" (not "of
        // our", whose members may be the registrant's own) quantifies as "many" alone does.
        let partitive = |j: usize| {
            j == first + 1 && many && matches!(self.norm(j + 1), "the" | "these" | "those")
        };
        let between_ok = (first + 1..=k).all(|j| {
            let t = &self.tokens[j];
            t.is_word() && (t.norm != "of" || partitive(j)) && !self.has(j, self.roles.registrant)
        });
        let active_after = self.tokens.get(k + 1).is_some_and(|t| {
            t.is_word()
                && !matches!(
                    t.norm.as_str(),
                    "are" | "were" | "is" | "was" | "be" | "been" | "of" | "that" | "which" | "who"
                )
        });
        between_ok && active_after
    }

    /// True when the sentence refers back to the one before it ([`refers_back`]).
    fn refers_back(&self) -> bool {
        refers_back(self.tokens)
    }

    /// The sentence's first word (past an opening quotation mark or bullet).
    fn first_word(&self) -> Option<usize> {
        self.tokens.iter().position(|t| t.is_word())
    }

    /// The comma that closes a sentence's introductory phrase, when the sentence opens with
    /// one: "As …,", "Like …,", "Unlike …,", "Given …," or a prepositional phrase ("In 2023,").
    fn intro_end(&self) -> Option<usize> {
        let first = self.first_word()?;
        let opens = matches!(
            self.norm(first),
            "as" | "like" | "unlike" | "given" | "being"
        ) || self.has(first, self.roles.preposition);
        if !opens {
            return None;
        }
        (first + 1..self.tokens.len())
            .take_while(|&k| !matches!(self.norm(k), ";" | ":" | "."))
            .find(|&k| self.norm(k) == ",")
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
            // "each Audit Committee *meeting*": a verb's form that is a noun after a name.
            && (!self.lex.words().is_verb_form(&t.norm) || self.has(k, self.roles.body_noun))
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

    /// True when the subject before `at`, in the same clause, is a thing the registrant deals
    /// with, told by a relative clause that opens on a preposition with the registrant as its
    /// subject ("one of the platforms *with which we* integrate was breached and later paid a
    /// settlement", "a carrier *on which we* rely"): another party's, whatever its noun, so an
    /// effect on it is not the registrant's.
    fn partner_subject_before(&self, at: usize) -> bool {
        let r = &self.roles;
        let mut k = at;
        while k > 2 {
            k -= 1;
            if self.stop[k] || self.barrier[k] || matches!(self.norm(k), ";" | ":") {
                return false;
            }
            if self.has(k, r.registrant)
                && matches!(self.norm(k - 1), "which" | "whom")
                && self.has(k - 2, r.preposition)
            {
                return true;
            }
        }
        false
    }

    /// Whether the object after `at` (skipping "on" and determiners) is another party:
    /// `Some(true)` another party, `Some(false)` the registrant or something else, `None` no
    /// object (a passive or intransitive use).
    fn object_after(&self, at: usize) -> Option<bool> {
        let r = &self.roles;
        let tokens = self.tokens;
        let mut k = at;
        let mut steps = 0;
        // "our" (or another word of the registrant) among the determiners skipped.
        let mut ours = false;
        while k < tokens.len() && steps < 5 {
            let t = &tokens[k];
            if t.kind == Kind::Punct || matches!(t.norm.as_str(), "by" | "as" | "in") {
                return None;
            }
            // A verb first ("… after a data breach *exposed* customer records"): a new
            // predicate, no object of this one.
            if steps == 0
                && (self.lex.words().is_verb_form(&t.norm)
                    || (t.norm.len() > 4 && t.norm.ends_with("ed") && !t.cap))
            {
                return None;
            }
            // "affected *their* results": the registrant speaks of itself as we, our, its.
            if self.has(k, r.other_party) || t.norm == "their" {
                // … but a party's name that modifies a noun after "our" names the registrant's
                // own thing ("disrupted *our customer portal*", "our *borrower payment*
                // portal").
                let adjunct = ours
                    && r.other_party
                        .and_then(|c| self.hits.starts(k, c))
                        .is_some_and(|e| self.modifies(e));
                return Some(!adjunct);
            }
            if matches!(t.norm.as_str(), "on" | "upon") || self.has(k, r.determiner) {
                ours |= self.has(k, r.registrant);
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
                            } else if self.has(o, r.registrant)
                                && (!self.has(o, r.determiner)
                                    // "the Group's customers": a name of the registrant
                                    // that starts with "the" is the registrant, not "our".
                                    || r.registrant
                                        .and_then(|c| self.hits.starts(o, c))
                                        .is_some_and(|e| e > o + 1))
                            {
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
                    // The party's noun may come after a few modifiers ("from our outside
                    // *cybersecurity* consultant"), within the noun phrase: words, no
                    // preposition or conjunction between.
                    return (j..(j + 3).min(self.tokens.len()))
                        .take_while(|&q| {
                            q == j
                                || (self.tokens[q - 1].is_word()
                                    && !self.has(q - 1, self.roles.preposition)
                                    && !matches!(self.norm(q - 1), "and" | "or"))
                        })
                        .any(|q| excluded.iter().any(|&c| self.hits.starts(q, c).is_some()));
                }
                // Another preposition first ("… *through* reports from its external auditors"):
                // the "by" or "from" after it belongs to that phrase, not to the match's verb.
                Some(_) if self.has(k, self.roles.preposition) => return false,
                Some(t) if t.is_word() => k += 1,
                _ => return false,
            }
        }
        false
    }

    fn actor_ok(&self, topic: &Topic, m: &Range<usize>, anchor: &Range<usize>) -> bool {
        match topic.actor {
            Actor::Any => true,
            Actor::Agent => {
                // A frame that opens on a party defined by its access to the registrant's
                // systems ("contractors *who connect to our control networks* must complete
                // …"): that party is what the registrant oversees, whoever it is, so only an
                // agent named after the match ("… are audited by their own auditors") can rule
                // it out.
                if self.has(m.start, self.roles.access_clause) {
                    let excluded: Vec<ClassId> = self.roles.other_party.into_iter().collect();
                    return !self.agent_after(m.end, &excluded);
                }
                let excluded = self.excluded_actors(topic);
                // A relative clause inside the match with a subject of its own ("its Audit
                // Committee, *to which our CISO reports*"): who acts is that subject, before
                // the verb — not the antecedent the clause hangs on. Where the relative word
                // is the subject ("the consultants, *who assess* …"), the antecedent acts.
                let relative = (m.start..anchor.start)
                    .rev()
                    .find(|&k| self.has(k, self.roles.relative));
                let own_subject = relative.is_some_and(|r| {
                    // … and the anchor is in that clause (no comma closes it before).
                    (r + 1..anchor.start).all(|k| self.norm(k) != ",")
                        && (r + 1..anchor.start).any(|k| {
                            let t = &self.tokens[k];
                            t.is_word()
                                && !(t.norm.len() > 4 && t.norm.ends_with("ly"))
                                && !self.has(k, self.roles.auxiliary)
                        })
                });
                let (floor, at) = match relative {
                    Some(r) if own_subject => (r + 1, anchor.start),
                    _ => (0, m.start),
                };
                // The relative word the subject, its antecedent the object of a preposition
                // ("… has delegated oversight *to the Audit Committee, which receives* a
                // report …"): the antecedent acts in the clause; who acts before it acts on
                // something else.
                let antecedent_governed = relative.is_some() && !own_subject && {
                    let mut p = m.start;
                    while p > 0
                        && (self.has(p - 1, self.roles.determiner) || self.tokens[p - 1].cap)
                    {
                        p -= 1;
                    }
                    p > 0 && self.has(p - 1, self.roles.preposition)
                };
                // The actor named as another party's ("the board of directors *of our core
                // processor* oversees …", "the CISO *of our hosting provider* …"): that party
                // acts, whatever words of the registrant's come with it.
                // The "of" right after the match's first words, the other party the head of
                // its noun phrase (the word after it starts no more of the phrase): not "tests
                // *of our vendors' systems*".
                let of_another = self.actor_head_at(m.start)
                    && (m.start + 1..(m.start + 4).min(anchor.start)).any(|k| {
                        self.norm(k) == "of"
                            && self.other_party_head(
                                k + 1..(k + 6).min(anchor.start),
                                usize::MAX,
                                &excluded,
                            )
                    });
                // "*Our* hosting *provider* reviews …": the registrant's word only owns the
                // party that acts.
                let ours_another = self.norm(m.start) == "our"
                    && self.other_party_head(
                        m.start + 1..(m.start + 4).min(anchor.start),
                        anchor.start,
                        &excluded,
                    );
                // "… chief information security officers who report directly *to their
                // boards*": the body named as theirs is another party's.
                let their_body =
                    (m.start..m.end).any(|k| self.norm(k) == "their" && self.actor_head_at(k + 1));
                !of_another
                    && !ours_another
                    && !their_body
                    && !self.agent_after(m.end, &excluded)
                    && (antecedent_governed
                        || self.nearest_actor_after(floor, at, &excluded, &topic.actor_is)
                            != Some(true))
            }
            Actor::Affected => {
                let excluded = self.excluded_actors(topic);
                // The thing affected, when the match ends with it, owned by "their": another
                // party's ("attacks that disrupted *their operations*").
                if self.owned_by_them(m) {
                    return false;
                }
                // The registrant named as the subject right before the anchor's verb ("*we
                // issued* credits to affected customers", "*the Company reimbursed* …"): what
                // it does because of an attack is its own loss, whoever receives it.
                if self.registrant_acts(m, anchor) {
                    return !self.attack_on_another(m, anchor);
                }
                // The thing affected, when the match ends with it after the anchor, named as
                // the registrant's ("a cyberattack on that vendor could reduce *our* advance
                // ticket sales"): the registrant is the one affected, wherever the attack was.
                if self.owned_by_us(m, anchor) {
                    return true;
                }
                // The registrant named inside the match as the object of the anchor's verb
                // ("… has *fined the Company*", "… *imposed* any penalty *on us*"): it is the
                // one affected, whoever imposed it.
                if self.registrant_object_of(anchor, m) {
                    return !self.attack_on_another(m, anchor);
                }
                // The thing affected, when the match opens on it, named as another party's
                // ("revenue *at one of our competitors* was reduced by …", "sales *of a major
                // customer* declined …"): that party is the one affected.
                // The party heads the phrase after "of" or "at", past its determiners and a
                // quantity ("at *one of our* competitors"), not a phrase further on ("sales of
                // our products *to distributors*").
                // (Not an attack the match opens on: "an incident *at one of our vendors* could
                // disrupt our ability …" names where the attack struck.)
                if !self.attack_at(m.start)
                    && (m.start + 1..(m.start + 3).min(anchor.start)).any(|k| {
                        if !matches!(self.norm(k), "of" | "at") {
                            return false;
                        }
                        let mut j = k + 1;
                        while j < anchor.start
                            && (self.has(j, self.roles.determiner)
                                || self.has(j, self.roles.registrant)
                                || matches!(self.norm(j), "one" | "of"))
                        {
                            j += 1;
                        }
                        self.other_party_head(j..j + 1, anchor.start, &excluded)
                    })
                {
                    return false;
                }
                // The effect named "for" or "at" another party right after the match, marked
                // as not the registrant's ("caused significant downtime *for that tenant*",
                // "delayed test results *at several competing health systems*"): that party is
                // the one affected ([`Sent::effect_for_another`]).
                if self.effect_for_another(m.end, &excluded) {
                    return false;
                }
                // Another party's object rules it out; the registrant's object rules it in;
                // else the subject decides ("several hospitals … paid ransoms after …").
                match self.object_after(m.end) {
                    Some(true) => false,
                    Some(false) if self.registrant_object(m.end) => true,
                    _ => {
                        self.subject_before(m.start) != Some(true)
                            && !self.partner_subject_before(m.start)
                            && !self.attack_on_another(m, anchor)
                    }
                }
            }
        }
    }

    /// The parties that may not act (or be affected) in a topic's frames: its `not-actor`
    /// classes, else `other-party`.
    fn excluded_actors(&self, topic: &Topic) -> Vec<ClassId> {
        if topic.not_actor.is_empty() {
            self.roles.other_party.into_iter().collect()
        } else {
            topic.not_actor.clone()
        }
    }

    /// Adds, for every mention of a topic that `entails` others (and holds a word of its
    /// `entails-when` classes, or has one just before it), the same mention of each of them.
    fn entailed(&self, ms: Vec<Mention>) -> Vec<Mention> {
        let topics = &self.lex.topics;
        let mut extra = Vec::new();
        for m in &ms {
            let t = &topics[m.topic];
            if t.entails.is_empty()
                || m.via.is_some()
                || !(t.entails_status.is_empty() || t.entails_status.contains(&m.status))
            {
                continue;
            }
            // Inside the mention or just before it ("*material* costs as a result of …").
            let holds = t.entails_when.is_empty()
                || (m.tokens.start.saturating_sub(2)..m.tokens.end).any(|k| {
                    t.entails_when
                        .iter()
                        .any(|&c| self.hits.starts(k, c).is_some())
                });
            if holds {
                for &w in &t.entails {
                    extra.push(Mention {
                        topic: w,
                        via: Some(m.topic),
                        ..m.clone()
                    });
                }
            }
        }
        ms.into_iter().chain(extra).collect()
    }

    /// True when a word of one of the topic's `veto` classes is inside the match, or — when
    /// the match starts with a capitalised name — ends right before that name ("a
    /// *management* Data Protection Committee that is responsible for …").
    fn vetoed(&self, topic: &Topic, m: &Range<usize>, anchor: &Range<usize>) -> bool {
        let anchor_start = anchor.start;
        if topic.veto.is_empty() {
            return false;
        }
        // A veto word that ends a management position's or committee's name is part of
        // that name ("the Information Security *Committee*" is management's, whatever
        // "committee" alone is taken to be).
        let in_mgmt_name = |k: usize| {
            self.roles.management.is_some_and(|c| {
                (k.saturating_sub(6)..k).any(|j| self.hits.starts(j, c) == Some(k + 1))
            })
        };
        // A veto word that heads an "of" phrase is a noun of its own ("the Group's
        // *management of* cybersecurity risks"), not a word of a body's name (another
        // party is another party whatever follows it).
        let heads_of =
            |c: ClassId, e: usize| Some(c) != self.roles.other_party && self.norm(e) == "of";
        let inside = (m.start..m.end).any(|k| {
            topic.veto.iter().any(|&c| {
                // An earlier career told in an aside ("our Director of Security, *who
                // previously* worked in the energy sector, manages …") is the aside's
                // own: `in_past_role` judges its reach.
                // An earlier career's words inside the match veto it unless told in an aside,
                // said of the registrant, or ended by a predicate of today before the anchor
                // ("… experience in information security *and leads* our program").
                let aside_past = || {
                    Some(c) == self.roles.past_role
                        && (self.aside[k]
                            || self.registrant_subject(k)
                            || (k..anchor_start).any(|j| self.present_predicate_after_and(j)))
                };
                // "*The Partnership* has its own CISO": the registrant's own.
                let ours = || {
                    Some(c) == self.roles.own_of_another && self.subject_before(k) == Some(false)
                };
                // (Asked only where a word of the class starts.)
                self.hits.starts(k, c).is_some_and(|e| !heads_of(c, e)) && !aside_past() && !ours()
            }) && !in_mgmt_name(k)
        }) || (m.start + 1..=m.end).any(|e| {
            // A veto word of several that begins before the match and ends inside it ("a
            // managed service *provider for network monitoring*") is inside it too — unless it
            // is a capitalised name, whose last words may name something else (a sentence's
            // first word is capitalised as every sentence's is: "*Management's cybersecurity
            // committee*, chaired by our CFO, receives …").
            topic.veto.iter().any(|&c| {
                Some(c) != self.roles.past_role
                    && Some(c) != self.roles.own_of_another
                    && self.hits.ending_at(e, c).is_some_and(|s| {
                        s < m.start && (!self.tokens[s].cap || Some(s) == self.first_word())
                    })
            })
        });
        // What another party calls its own just before the match owns the match's first noun
        // ("customers often engage *their own* cybersecurity *auditors to review* …"): up to
        // two words between, none a punctuation mark.
        let owned_before = self.roles.own_of_another.is_some_and(|c| {
            topic.veto.contains(&c)
                && (m.start.saturating_sub(4)..m.start).any(|s| {
                    self.hits.starts(s, c).is_some_and(|e| {
                        e <= m.start
                            && m.start - e <= 2
                            && (e..m.start).all(|j| self.tokens[j].is_word())
                    }) && self.subject_before(s) != Some(false)
                })
        });
        // … and what another party owns by its possessive just before the match ("we comply
        // with *our customers'* information *security policies*"): up to two words between,
        // none a punctuation mark.
        let possessed_before = self.roles.other_party.is_some_and(|c| {
            topic.veto.contains(&c)
                && (m.start.saturating_sub(3)..m.start).any(|p| {
                    matches!(self.norm(p), "'s" | "'")
                        && p > 0
                        && self.hits.ending_at(p, c).is_some()
                        && (p + 1..m.start).all(|j| self.tokens[j].is_word())
                })
        });
        let named = self.tokens[m.start].cap;
        let name = name_start(self.tokens, m.start);
        inside
            || owned_before
            || possessed_before
            || named
                && [m.start, name].iter().any(|&p| {
                    topic.veto.iter().any(|&c| {
                        p > 0
                            && self.hits.ending_at(p, c).is_some_and(|s| {
                                Some(c) != self.roles.own_of_another
                                    || self.subject_before(s) != Some(false)
                            })
                    })
                })
    }

    /// True when the topic vetoes `past-role` and the anchor lies in the scope of one of its
    /// words: a person's earlier career is no position the registrant gives them ("*before
    /// joining* the Company, our CISO *was responsible for* the security program of a national
    /// pharmacy chain", "our Director of IT Security … *previously led* security operations for
    /// a restaurant chain"). The scope runs forward to a semicolon or a colon, or to a
    /// `present-role` word ("… *and now leads* our program"); unless the word opens the
    /// sentence, it ends at the next comma too (a relative clause, an appositive or an
    /// introductory phrase holds the earlier career).
    fn in_past_role(&self, topic: &Topic, anchor: &Range<usize>) -> bool {
        let Some(past) = self.roles.past_role else {
            return false;
        };
        if !topic.veto.contains(&past) || !self.hits.any(past) {
            return false;
        }
        (0..anchor.start).any(|s| {
            let Some(e) = self.hits.starts(s, past) else {
                return false;
            };
            // The registrant's own past ("the Company *previously* adopted a policy") is no
            // one's earlier career.
            if self.registrant_subject(s) {
                return false;
            }
            // Opening the sentence ("*Before joining* the Company, she was responsible for
            // …") it reaches past the comma into the main clause; anywhere else — a relative
            // clause, an appositive, an introductory phrase ("our CISO, *previously* our
            // Director of IT, is responsible …", "*Having previously* served as …, she
            // leads …") — the earlier career ends with the next comma.
            let ends_at_comma = self.tokens[..s].iter().any(|t| t.is_word());
            e <= anchor.start
                && (e..anchor.start).all(|k| {
                    let n = self.norm(k);
                    !(n == ";"
                        || n == ":"
                        || (ends_at_comma && n == ",")
                        || self.has(k, self.roles.present_role)
                        || self.present_predicate_after_and(k))
                })
        })
    }

    /// True when `k` is "and" (or "but") before a verb in the present ("… 20 years of
    /// experience in information security *and leads* our program"): a predicate of today,
    /// where an earlier career told before it ends.
    fn present_predicate_after_and(&self, k: usize) -> bool {
        matches!(self.norm(k), "and" | "but")
            && self.tokens.get(k + 1).is_some_and(|t| {
                let w = t.norm.as_str();
                (self.lex.words().is_verb_form(w) && !w.ends_with("ed"))
                    || matches!(w, "is" | "are" | "has" | "have" | "now" | "currently")
            })
    }

    /// True when the word before `k` ends the registrant's name as a subject ("*the
    /// Company* previously adopted …", "*we* previously engaged …").
    fn registrant_subject(&self, k: usize) -> bool {
        k > 0
            && self.roles.registrant.is_some_and(|c| {
                self.hits.ending_at(k, c).is_some() && !matches!(self.norm(k - 1), "our" | "ours")
            })
    }

    /// True when a word of an attack (`attack`: "incident", "compromise", "breach" …) starts
    /// at `k`, or the word after a modifier there does ("a *cybersecurity* incident").
    fn attack_at(&self, k: usize) -> bool {
        let attack = self.roles.attack;
        (k..(k + 3).min(self.tokens.len())).any(|j| self.has(j, attack))
    }

    /// True when the sentence opens on the registrant's name as its subject ("*The Trust* does
    /// not …", "*We* have not …"), with no end of a clause before `at`.
    fn opens_on_registrant(&self, at: usize) -> bool {
        let Some(first) = self.first_word() else {
            return false;
        };
        // ("*Our* cloud provider … its controls": a possessive opens another party.)
        !matches!(self.norm(first), "our" | "ours")
            && self
                .hits
                .starts(first, self.roles.registrant.unwrap_or(usize::MAX))
                .is_some_and(|e| {
                    e < at
                        && !self.has(e, self.roles.preposition)
                        && self.norm(e) != "'s"
                        && (first..at).all(|k| !self.stop[k] && self.norm(k) != ";")
                })
    }

    /// True when the registrant, by a word that names it rather than a possessive ("us", "the
    /// Company" — not "our"), is the object of the anchor's verb inside the match: right after
    /// it ("fined *the Company*") or after "on", "against" or "upon" ("imposed any penalty
    /// *on us*").
    fn registrant_object_of(&self, anchor: &Range<usize>, m: &Range<usize>) -> bool {
        let r = &self.roles;
        (anchor.end..m.end).any(|k| {
            r.registrant
                .is_some_and(|c| self.hits.starts(k, c).is_some())
                && self.norm(k) != "our"
                && (k == anchor.end || matches!(self.norm(k - 1), "on" | "against" | "upon"))
        })
    }

    /// True when the registrant is named in the few words after `at`, before any punctuation
    /// ("… affect *our* operations", "… affected *us*").
    fn registrant_object(&self, at: usize) -> bool {
        (at..(at + 4).min(self.tokens.len()))
            .take_while(|&k| self.tokens[k].kind != Kind::Punct)
            .any(|k| self.has(k, self.roles.registrant))
    }

    /// True when "their" stands among the last few words of a match, before its last noun
    /// with no punctuation between ("disrupted *their* operations", "*their* key systems").
    /// True when a board, committee, manager or person (`Roles::actor_heads`) is named at `k`.
    fn actor_head_at(&self, k: usize) -> bool {
        self.roles
            .actor_heads
            .iter()
            .any(|&c| self.hits.starts(k, c).is_some())
    }

    /// True when a word of another party (`other-party`, when `excluded` holds it) starts in
    /// `starts` and heads its noun phrase — the word after it starts no more of the phrase —
    /// ending no later than `end_by`.
    fn other_party_head(&self, starts: Range<usize>, end_by: usize, excluded: &[ClassId]) -> bool {
        let Some(c) = self.roles.other_party.filter(|c| excluded.contains(c)) else {
            return false;
        };
        starts.into_iter().any(|j| {
            self.hits
                .starts(j, c)
                .is_some_and(|e| e <= end_by && !self.modifies(e))
        })
    }

    /// True when the match names the attack as one "on" (or "at", "against") another party,
    /// right after the attack's name, and the sentence names the registrant nowhere: the party
    /// attacked is the one harmed ("a ransomware attack *on another operator's* network led
    /// that operator to halt deliveries", "an attack *on a national clearinghouse* disrupted
    /// payments to many hospitals"). An attack on "our" vendor, or a sentence that names the
    /// registrant anywhere ("… caused the cancellation of 300 *of our* flights"), is left to
    /// the other tests.
    fn attack_on_another(&self, m: &Range<usize>, anchor: &Range<usize>) -> bool {
        let r = &self.roles;
        let (Some(other), Some(attack)) = (r.other_party, r.attack) else {
            return false;
        };
        // The registrant named in an aside ("…, which we do not use, …") is not named as
        // harmed.
        let ours = |k: usize| self.has(k, r.registrant) && !self.aside[k];
        let n = self.tokens.len();
        let named_anywhere = (0..n).any(ours);
        // The attack may stand before the match, which then names it again ("…, and *it*
        // disrupted …"). Where the sentence names the registrant ("an attack on *one of our*
        // largest customers"), what follows the party attacked must name it again ("… forced
        // *it* to halt production", "… encrypted *its* warehouse systems", "… *that customer*
        // halted …") and the registrant nowhere.
        (0..anchor.start.max(m.start)).any(|a| {
            let Some(e) = self.hits.starts(a, attack) else {
                return false;
            };
            if !matches!(self.norm(e), "on" | "at" | "against") {
                return false;
            }
            // An attack "on a" something that is no system, platform or network of anyone's
            // ("a ransomware attack *on a major container line* in 2017 disrupted port
            // operations worldwide"), in a sentence that names the registrant nowhere:
            // another party's.
            let reach = (e + 7).min(anchor.start.max(m.start));
            // (The party may stand further off, past what of it was attacked: "an attack *on
            // the servers that run the dispatch software of one of our competitors* halted
            // its deliveries".)
            let reach_party = (e + 13).min(anchor.start.max(m.start));
            if !named_anywhere && matches!(self.norm(e + 1), "a" | "an") {
                let phrase = (e + 2..reach)
                    .take_while(|&j| self.tokens[j].is_word() && !self.has(j, r.preposition));
                let mut phrase = phrase.peekable();
                if phrase.peek().is_some() && !phrase.any(|j| self.has(j, r.attacked_thing)) {
                    return true;
                }
            }
            let Some((after, after_end)) =
                (e + 1..reach_party).find_map(|j| self.hits.starts(j, other).map(|end| (j, end)))
            else {
                return false;
            };
            // (… or a demonstrative that takes the same party up again: "an attack on one of our
            // suppliers … *that supplier* ran at reduced capacity" — not another party so
            // named, "… caused delays for *those customers* who pay by invoice".)
            let head = |end: usize| self.norm(end - 1).trim_end_matches('s');
            let taken_up = |k: usize| {
                matches!(self.norm(k), "it" | "its" | "their")
                    || (matches!(self.norm(k), "that" | "this" | "those" | "these")
                        && self
                            .hits
                            .starts(k + 1, other)
                            .is_some_and(|end| head(end) == head(after_end)))
            };
            let victim_again = (after..n).any(taken_up) && !(after..n).any(ours);
            !named_anywhere || victim_again
        })
    }

    /// True when the word at `at` is "for" or "at" and the phrase after it names another party
    /// marked as not the registrant's: by a demonstrative that takes up a party named before
    /// ("for *that* tenant", "for *those* airlines' passengers"), or by a word that sets it
    /// apart ("at several *competing* health systems", "for many *other* pharmacies", "at
    /// *a rival* chain"). A quantifier alone does not mark it ("delayed shipments *for several
    /// key customers*" are the registrant's own shipments and customers), nor does "our"
    /// ("for those *of our* customers") or a restrictive clause after the party ("for those
    /// customers *who* pay by invoice").
    fn effect_for_another(&self, at: usize, excluded: &[ClassId]) -> bool {
        let r = &self.roles;
        if !matches!(self.norm(at), "for" | "at") {
            return false;
        }
        let first = at + 1;
        let mut marked = matches!(self.norm(first), "that" | "those" | "these");
        let end = (first + 5).min(self.tokens.len());
        for j in first..end {
            if !self.tokens[j].is_word() || self.has(j, r.registrant) {
                return false;
            }
            marked |= matches!(self.norm(j), "other" | "competing" | "rival")
                || self.has(j, r.party_quantifier_one);
            let head = self.other_party_head(j..j + 1, end, excluded);
            // … or a party that owns what follows: "for those airlines' passengers".
            let owner = self.has(j, r.other_party) && matches!(self.norm(j + 1), "'s" | "'");
            if head || owner {
                let restricted = r
                    .other_party
                    .and_then(|c| self.hits.starts(j, c))
                    .is_some_and(|e| matches!(self.norm(e), "who" | "that" | "which" | "whose"));
                return marked && !restricted;
            }
        }
        false
    }

    /// True when the thing affected, at the end of the match, is another party's: owned by
    /// "their" ("disrupted *their operations*") or by a party named with a possessive.
    fn owned_by_them(&self, m: &Range<usize>) -> bool {
        let back = |n: usize| {
            (m.start..m.end)
                .rev()
                .take(n)
                .take_while(|&k| self.tokens[k].kind != Kind::Punct)
        };
        back(4).any(|k| self.norm(k) == "their")
            // … or another party's by name: "materially increased *that vendor's own*
            // legal costs".
            || back(6).any(|k| self.norm(k + 1) == "'s" && self.has(k, self.roles.other_party))
    }

    /// True when the match ends on a noun phrase the registrant's "our" opens after the
    /// anchor (up to four words back, no punctuation between): what is affected is its own.
    fn owned_by_us(&self, m: &Range<usize>, anchor: &Range<usize>) -> bool {
        (anchor.end.max(m.end.saturating_sub(4))..m.end)
            .rev()
            .take_while(|&k| self.tokens[k].is_word())
            .any(|k| self.norm(k) == "our")
    }

    /// True when `anchor` lies inside a quoted title (which names a section and claims
    /// nothing).
    fn in_title(&self, anchor: &Range<usize>) -> bool {
        let places = self.roles.quoted.iter().chain(&self.roles.named_places);
        places
            .into_iter()
            .any(|&q| self.hits.covers(q, anchor.start))
    }

    /// True when `anchor` lies inside a relative clause opened by a comma after `from`
    /// (", who …", ", which …") and closed by a comma after the anchor: a parenthetical that
    /// says something of its own.
    fn in_parenthetical(&self, trigger: &Range<usize>, anchor: &Range<usize>) -> bool {
        let from = trigger.end;
        let Some(r) = (from..anchor.start).rev().find(|&k| self.norm(k) == ",") else {
            return false;
        };
        let opens = self.opens_relative(r + 1);
        let closes = (anchor.end..self.tokens.len())
            .take_while(|&k| !matches!(self.norm(k), ";" | ":"))
            .any(|k| self.norm(k) == ",");
        // Open to the end of the sentence, after a negated predicate ("no officer *is
        // informed of* alerts, which are handled by our outsourced IT provider"): a clause of
        // its own too. Not after a negation that determines the antecedent itself ("we have
        // *no manager*, who is responsible …": the clause describes what is denied).
        let runs_to_end =
            (anchor.end..self.tokens.len()).all(|k| !matches!(self.norm(k), ";" | ":"));
        // The predicate may stand before the negation: "our Board *is not* responsible for
        // the day-to-day management of cybersecurity risk, which is the responsibility of
        // our CFO".
        let negated_predicate = (from..r).any(|k| {
            self.has(k, self.roles.auxiliary) || self.lex.words().is_verb_form(self.norm(k))
        }) || (trigger.start > 0
            && matches!(self.norm(trigger.start), "not" | "never")
            && self.has(trigger.start - 1, self.roles.auxiliary))
            // … or a denied noun's object is the antecedent, not the noun: "the CFO has *no
            // responsibility for* cybersecurity, which rests with our Head of Information
            // Security", "the Audit Committee has *no role in* information security oversight,
            // which the full Board retains" (unlike "we have *no manager*, who …").
            || (self.norm(trigger.start) == "no"
                && (from..r).any(|k| matches!(self.norm(k), "for" | "of" | "over" | "in")));
        opens && (closes || (runs_to_end && negated_predicate))
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
        let covers = |c: &&Cue| {
            let t = &self.lex.triggers[c.trigger];
            let applies = if t.topics.is_empty() {
                !t.not_topics.contains(&ti)
            } else {
                t.topics.contains(&ti)
            };
            // A contrast between the match's first words and its anchor ("the full Board
            // *rather than a committee* oversees …") sets aside the party it names, not what
            // the match's subject does.
            let contrast_between =
                m.start < c.start && c.end <= anchor.start && self.contrast_at(c.start);
            let over_anchor = c.scope.start <= anchor.start
                && anchor.start < c.scope.end
                && !(c.start >= anchor.start && c.end <= anchor.end)
                && !contrast_between;
            // A trigger that runs into the anchor from before it ("we *are developing*
            // policies": the anchor is "developing").
            let into_anchor = c.start < anchor.start && anchor.start < c.end;
            let inside = t.inside
                && m.start < c.start
                && c.end <= last
                && c.scope.start <= last
                && last < c.scope.end;
            // A negation before a parenthetical relative clause that holds the anchor
            // ("*Neither* our CEO, *who is responsible for* cybersecurity, nor …") does not
            // reach into it: the clause states a fact of its own about its antecedent.
            let shielded = t.status == Status::Negated
                && t.direction == Direction::Forward
                && self.in_parenthetical(&(c.start..c.end), anchor);
            // The party a contrast aside denies, the match's subject ("our internal audit
            // department — *not an outside firm* — performs the review").
            let aside_subject = c.aside && c.scope.start <= m.start && m.start < c.scope.end;
            // A match wholly inside the set "none of" quantifies over is presupposed.
            let presupposed = c.set_end.is_some_and(|e| c.end <= m.start && m.end <= e);
            applies
                && !shielded
                && !presupposed
                && (over_anchor || into_anchor || inside || aside_subject)
        };
        let chosen = cues
            .iter()
            .filter(covers)
            .min_by_key(|c| {
                let t = &self.lex.triggers[c.trigger];
                (t.direction == Direction::Forward, c.start)
            })
            .or_else(|| self.denied_cause(cues, m));
        // A negation undone by "without" inside its scope and its clause (no punctuation
        // between the negation, "without" and the anchor): "*no* vendor may connect to our network *without*
        // first passing a security review" requires the review; "we have *never* operated
        // *without* a CISO" has had one.
        if let Some(c) = chosen
            && self.lex.triggers[c.trigger].status == Status::Negated
            && self.norm(c.start) != "without"
            && cues.iter().filter(covers).any(|w| {
                self.norm(w.start) == "without"
                    && w.end == w.start + 1
                    && c.start < w.start
                    && w.end <= anchor.start
                    && w.scope.end > anchor.start
                    && c.scope.end > w.start
                    && (c.end..w.start).all(|k| self.tokens[k].is_word())
                    && (w.end..anchor.start).all(|k| self.tokens[k].is_word())
            })
        {
            return (Status::Affirmed, None);
        }
        // A negation lifted by "unless" after the anchor, in its clause ("alerts *are not*
        // shared with senior management *unless* they involve a confirmed incident", "*no*
        // vendor is granted access *unless* it passes our review"): the act is said, on a
        // condition — as "without" lifts one before it.
        if let Some(c) = chosen
            && self.lex.triggers[c.trigger].status == Status::Negated
            && c.end <= anchor.start
            && (anchor.end..(anchor.end + 12).min(self.tokens.len()))
                .take_while(|&k| !matches!(self.norm(k), ";" | ":" | "."))
                .any(|k| self.norm(k) == "unless")
        {
            return (Status::Affirmed, None);
        }
        // A negation whose focus is a restriction after the verb it stands before, in one
        // clause ("the Board does *not* oversee cybersecurity *only* through the Audit
        // Committee; it also hears …", "… does not rely *solely* on …"): the restriction is
        // denied, and the act is said.
        if let Some(c) = chosen
            && self.lex.triggers[c.trigger].status == Status::Negated
            && (c.start..c.end).any(|k| matches!(self.norm(k), "not" | "n't"))
            && c.end <= anchor.start
            && (c.end..anchor.start).all(|k| self.tokens[k].is_word())
            && (anchor.end..(anchor.end + 4).min(self.tokens.len()))
                .take_while(|&k| self.tokens[k].is_word())
                .any(|k| matches!(self.norm(k), "only" | "solely" | "exclusively" | "merely"))
        {
            return (Status::Affirmed, None);
        }
        match chosen {
            Some(c) => (
                self.lex.triggers[c.trigger].status,
                Some((c.trigger, c.start..c.end)),
            ),
            None => (Status::Affirmed, None),
        }
    }

    /// The negation of the attack a match ends on as its cause, right before the attack
    /// ("sales fell, *owing to* weaker demand *rather than to the* ransomware attack", "the
    /// decline was *caused by* lower prices, *not by the* intrusion"): the effect is said, its
    /// cause denied, and the match — an effect of the attack — is denied. Up to four words
    /// that are no verb may stand between the denial and the attack ("*rather than to the*
    /// July cyber event"): a verb there is what the denial denies ("we could *not restore*
    /// our systems after the attack"). The denial must be inside the match.
    fn denied_cause<'c>(&self, cues: &'c [Cue], m: &Range<usize>) -> Option<&'c Cue> {
        // A denial inside the match first: most mentions have none, and the attack's start is
        // then not looked up.
        let denial = |c: &&Cue| {
            c.start > m.start
                && c.end < m.end
                && self.lex.triggers[c.trigger].status == Status::Negated
                && (self.norm(c.start) == "not" || self.contrast_at(c.start))
        };
        if !cues.iter().any(|c| denial(&c)) {
            return None;
        }
        let at = self.hits.ending_at(m.end, self.roles.attack?)?;
        let words = self.lex.words();
        cues.iter().filter(denial).find(|c| {
            c.end <= at
                && at <= c.end + 4
                && (c.end..at).all(|k| {
                    let t = &self.tokens[k];
                    t.kind != Kind::Punct
                        && !self.has(k, self.roles.auxiliary)
                        && (self.has(k, self.roles.determiner)
                            || self.has(k, self.roles.preposition)
                            || !words.is_verb_form(&t.norm))
                })
        })
    }

    /// The token at which a main clause's subject may start, `k` being the first token after
    /// a comma: past an adverbial of class `clause-adverbial` there (", *to date* no incident
    /// …") and a comma after it.
    fn past_clause_adverbial(&self, k: usize) -> usize {
        match self
            .roles
            .clause_adverbial
            .and_then(|c| self.hits.starts(k, c))
        {
            Some(e) if self.norm(e) == "," => e + 1,
            Some(e) => e,
            None => k,
        }
    }

    /// True when a contrast that sets one party or thing aside for another starts at `k`
    /// ("*rather than*", "*instead of*", "*as opposed to*").
    fn contrast_at(&self, k: usize) -> bool {
        matches!(
            (self.norm(k), self.norm(k + 1)),
            ("rather" | "instead", _) | ("as", "opposed")
        )
    }

    /// The mentions of every topic (or `only` these, and the parts they are made of).
    fn mentions(&self, only: Option<&[usize]>) -> Vec<Mention> {
        let cues = self.cues();
        let topics = &self.lex.topics;
        let wanted = |ti: usize| {
            only.is_none_or(|o| {
                o.contains(&ti)
                    || topics[ti].part_of.iter().any(|w| o.contains(w))
                    || topics[ti].entails.iter().any(|w| o.contains(w))
            })
        };
        let mut out = Vec::new();
        // The frames whose key class the sentence holds: every frame the test of its slots
        // below can pass, in order (`framekeys`). A topic with none is passed over before its
        // tests, which only read.
        let candidates = self.lex.known().frame_keys.candidates(self.hits.present());
        for (ti, topic) in topics.iter().enumerate() {
            if !candidates.any_of(ti) || !wanted(ti) {
                continue;
            }
            if !topic.requires.is_empty()
                && !topic.requires.iter().any(|&c| {
                    self.in_place
                        || self.hits.any(c)
                        || (self.carried.contains(&c) && self.refers_back())
                })
            {
                continue;
            }
            for (fi, frame) in candidates.of(ti).map(|fi| (fi, &topic.frames[fi])) {
                // A frame whose slots are not all in the sentence cannot match.
                if !frame.slots.iter().all(|s| self.hits.any(s.class)) {
                    continue;
                }
                for (m, anchor) in self.frame_matches(frame) {
                    let vetoed =
                        self.vetoed(topic, &m, &anchor) || self.in_past_role(topic, &anchor);
                    // What the registrant's own possessive opens ("*our* cybersecurity
                    // program") is the registrant's, whoever else the sentence names.
                    // "*its* cybersecurity program" is the registrant's too in a sentence that
                    // opens on the registrant as its subject ("*The Trust* does not engage
                    // outside assessors in connection with *its* cybersecurity program").
                    let owned = frame.presupposed
                        && (self.has(m.start, self.roles.registrant)
                            || (self.norm(m.start) == "its" && self.opens_on_registrant(m.start)));
                    if vetoed
                        || self.in_title(&anchor)
                        || !(owned || self.actor_ok(topic, &m, &anchor))
                    {
                        continue;
                    }
                    // An anchor that is a word of a pointer ("… is *addressed* under the
                    // heading …", "… *covered* in Item 1C") sends the reader elsewhere; it is
                    // no act of the topic's.
                    if !topic.anchor_in_pointer
                        && frame.only != Some(Status::Pointer)
                        && cues.iter().any(|c| {
                            self.lex.triggers[c.trigger].status == Status::Pointer
                                && c.start <= anchor.start
                                && anchor.end <= c.end
                        })
                    {
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
                    // What is presupposed is affirmed — unless the sentence sends the reader
                    // elsewhere for it ("for a description of our program, see Item 1C").
                    if frame.presupposed && status != Status::Pointer {
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
        presupposed_beside_a_pointer(topics, &mut out);
        let out = self.entailed(wholes(topics, innermost(out)));
        match only {
            Some(o) => out.into_iter().filter(|m| o.contains(&m.topic)).collect(),
            None => out,
        }
    }
}

/// What a sentence presupposes while it defers *another* topic stays affirmed: in "whether we
/// use third-party assessors in *our cybersecurity program* is described under …" the deferred
/// question is about assessors, and the program is taken for granted. Only when nothing else is
/// deferred ("for a description of our program, see Item 1C") is the presupposed topic itself
/// what the reader is sent elsewhere for.
fn presupposed_beside_a_pointer(topics: &[Topic], out: &mut [Mention]) {
    let presupposed = |m: &Mention| topics[m.topic].frames[m.frame].presupposed;
    let deferred: Vec<usize> = out
        .iter()
        .filter(|m| m.status == Status::Pointer && !presupposed(m))
        .map(|m| m.topic)
        .collect();
    if deferred.is_empty() {
        return;
    }
    for m in out.iter_mut() {
        if m.status == Status::Pointer && presupposed(m) && deferred.iter().any(|&t| t != m.topic) {
            m.status = Status::Affirmed;
            m.cue = None;
        }
    }
}

/// Applies `part-of`: an affirmed mention of a part is also an affirmed mention of its whole;
/// a negated or hedged mention of a part drops a mention of the whole with the same status
/// whose words overlap it and whose anchor comes first — the whole is what the part is for
/// ("we have not established procedures *for escalating* incidents to management": what is
/// denied is the part, not the whole; "we may retain consultants to help us *design* a
/// program" hedges the program itself).
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
                    && w.anchor.start < p.anchor.start
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

/// Drops a mention whose tokens contain another mention of its topic with another anchor,
/// its own anchor not past the other's end: "have not adopted any formal program" is the
/// mention anchored on "adopted" (negated), not the one anchored on the auxiliary "have"
/// around it. An anchor past the inner mention is a claim of its own ("our CISO does not
/// hold certifications, but has *14 years* of experience").
fn innermost(ms: Vec<Mention>) -> Vec<Mention> {
    let dominated = |a: &Mention| {
        ms.iter().any(|b| {
            a.topic == b.topic
                && a.tokens.start <= b.tokens.start
                && b.tokens.end <= a.tokens.end
                && a.tokens != b.tokens
                // Another anchor inside: the inner claim is the one meant, unless its anchor
                // lies past the inner mention. The same anchor with the same status: the
                // tighter quote is the better evidence.
                && ((a.anchor != b.anchor && a.anchor.start < b.tokens.end)
                    || (a.anchor == b.anchor && a.status == b.status))
        })
    };
    let keep: Vec<bool> = ms.iter().map(|a| !dominated(a)).collect();
    ms.into_iter()
        .zip(keep)
        .filter_map(|(m, k)| k.then_some(m))
        .collect()
}

/// True when a sentence refers back to the one before it: a demonstrative or a pronoun
/// ("*that* oversight", "*these* risks", "*such* incidents", "*it*").
pub fn refers_back(tokens: &[Token]) -> bool {
    tokens.iter().any(|t| {
        matches!(
            t.norm.as_str(),
            "this" | "that" | "these" | "those" | "such" | "it" | "they" | "them"
        )
    })
}

/// [`refers_back`] of a sentence's tokens, found without making them: the tokenizer's own
/// walk over the characters ([`tokenize`]'s, step for step), with each word's text compared
/// with the words looked for instead of lower-cased into a token. The words are ASCII
/// letters, and a text lower-cases to one of them exactly when it equals it but for ASCII
/// case (the characters whose lower case is ASCII, the Kelvin sign and `İ`, give a `k` and
/// an `i` with a dot above). Tested against `refers_back(&tokenize(…))` on generated text.
pub fn refers_back_text(s: &str) -> bool {
    if s.is_ascii() {
        refers_back_ascii(s.as_bytes())
    } else {
        refers_back_chars(s)
    }
}

/// One of the words [`refers_back`] looks for, but for ASCII case.
fn is_referring_word(w: &[u8]) -> bool {
    [
        "this", "that", "these", "those", "such", "it", "they", "them",
    ]
    .iter()
    .any(|x| w.eq_ignore_ascii_case(x.as_bytes()))
}

/// [`refers_back_chars`] of an ASCII sentence (most), read by its bytes: the same walk, step
/// for step, where a character is its byte (so `char::is_alphanumeric` is
/// `u8::is_ascii_alphanumeric`, and the curly apostrophe and the Unicode hyphens cannot
/// occur), `token::word_end`'s included. Tested against it.
fn refers_back_ascii(b: &[u8]) -> bool {
    let n = b.len();
    let at = |k: usize| b.get(k).copied().unwrap_or(0);
    let mut i = 0;
    while i < n {
        if !b[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        // `token::word_end`.
        let start = i;
        let mut j = i;
        loop {
            while j < n && b[j].is_ascii_alphanumeric() {
                j += 1;
            }
            match (at(j), at(j + 1)) {
                (b'.' | b',', d)
                    if d.is_ascii_digit() && j > start && b[j - 1].is_ascii_digit() =>
                {
                    j += 1;
                }
                (b'.', l) if l.is_ascii_alphabetic() && j - start == 1 && at(j + 2) == b'.' => {
                    j += 2;
                    if at(j) == b'.' {
                        j += 1;
                        break;
                    }
                }
                _ => break,
            }
        }
        let text = &b[start..j];
        i = j;
        if i + 1 < n && b[i] == b'\'' && b[i + 1].is_ascii_alphabetic() {
            let mut k = i + 1;
            while k < n && b[k].is_ascii_alphabetic() {
                k += 1;
            }
            let tail_is_t = k == i + 2 && matches!(b[i + 1], b't' | b'T');
            let word = match text.split_last() {
                Some((b'n' | b'N', stem)) if tail_is_t => stem,
                _ => text,
            };
            if is_referring_word(word) {
                return true;
            }
            i = k;
        } else if is_referring_word(text) {
            return true;
        }
        if i + 1 < n && matches!(b[i], b'-' | b'/') && b[i + 1].is_ascii_alphanumeric() {
            i += 1;
        }
    }
    false
}

/// [`refers_back_text`] by characters: any sentence.
fn refers_back_chars(s: &str) -> bool {
    let is_word = |w: &str| {
        [
            "this", "that", "these", "those", "such", "it", "they", "them",
        ]
        .iter()
        .any(|x| w.eq_ignore_ascii_case(x))
    };
    // The characters with their offsets; an ASCII sentence (most) is its bytes.
    let chars = Chars::of(s);
    let end_of = |i: usize| chars.pos(i).unwrap_or(s.len());
    let inner = |k: usize| chars.get(k);
    let is_apostrophe = |c: char| c == '\'' || c == '\u{2019}';
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = (chars.pos(i).unwrap_or(s.len()), chars.at(i));
        if !c.is_alphanumeric() {
            i += 1;
            continue;
        }
        let j = super::token::word_end(i, inner);
        let text = &s[at..end_of(j)];
        i = j;
        // An apostrophe inside a word: "n't" takes the word's last `n`; any other tail is a
        // token of its own ("'s"), never one of the words.
        if i + 1 < chars.len() && is_apostrophe(chars.at(i)) && chars.at(i + 1).is_alphabetic() {
            let mut k = i + 1;
            while k < chars.len() && chars.at(k).is_alphabetic() {
                k += 1;
            }
            let tail_is_t = k == i + 2 && matches!(chars.at(i + 1), 't' | 'T');
            let word = match text.strip_suffix(['n', 'N']) {
                Some(stem) if tail_is_t => stem,
                _ => text,
            };
            if is_word(word) {
                return true;
            }
            i = k;
        } else if is_word(text) {
            return true;
        }
        if i + 1 < chars.len()
            && matches!(chars.at(i), '-' | '\u{2010}' | '\u{2011}' | '/')
            && chars.at(i + 1).is_alphanumeric()
        {
            i += 1;
        }
    }
    false
}

/// The mentions of every topic in a tokenized sentence.
pub fn mentions(lex: &Lexicon, tokens: &[Token], only: Option<&[usize]>) -> Vec<Mention> {
    let hits = hits(lex, tokens);
    Sent::new(lex, tokens, &hits).mentions(only)
}

/// The claims of a sentence: one per topic, the strongest of its mentions.
pub fn analyse(lex: &Lexicon, sentence: &str, only: Option<&[usize]>) -> Vec<Claim> {
    analyse_after(lex, sentence, only, &[]).0
}

/// [`analyse`], and which classes have a word in the sentence as written (by class: what
/// [`Lexicon::sentence_has`] asks, answered from the same pass).
pub fn analyse_with_classes(
    lex: &Lexicon,
    sentence: &str,
    only: Option<&[usize]>,
) -> (Vec<Claim>, Vec<bool>) {
    analyse_after(lex, sentence, only, &[])
}

/// The claims of a sentence that follows, in its paragraph, a sentence holding the
/// requirement classes `carried` (see `Sent::refers_back`); and which classes have a word in
/// this sentence (for the sentence after it, and for [`Lexicon::sentence_has`]).
pub fn analyse_after(
    lex: &Lexicon,
    sentence: &str,
    only: Option<&[usize]>,
    carried: &[ClassId],
) -> (Vec<Claim>, Vec<bool>) {
    analyse_placed(lex, sentence, only, carried, false)
}

/// [`analyse_after`] for a sentence whose place gives its context: one inside Item 1C / 16K
/// / 1.05 or a cyd text block is about cybersecurity whatever its words, so a topic's
/// `requires` ("… only in a sentence about cybersecurity") holds without them ("We engage
/// outside assessors."). Read so only where a lenient reading is the safe one: to decide
/// that nothing in the item answers a topic.
pub fn analyse_in_place(lex: &Lexicon, sentence: &str) -> Vec<Claim> {
    analyse_placed(lex, sentence, None, &[], true).0
}

/// A sentence's tokens and their class hits, read before its analysis: which classes it
/// holds ([`Prepared::present`], the `present` its analysis returns) is known without the
/// rest, and [`analyse_prepared`] goes on from them where [`analyse_after`] would read them
/// again. A caller that drops a sentence holding none of some classes
/// (`checks::claimed::Said::of`) skips the analysis of those it drops.
pub struct Prepared {
    tokens: Vec<Token>,
    raw: Hits,
}

impl Prepared {
    /// The tokens of `sentence` and their hits, as [`analyse_after`] reads them first.
    pub fn of(lex: &Lexicon, sentence: &str) -> Prepared {
        let tokens = tokenize(sentence);
        let raw = hits(lex, &tokens);
        Prepared { tokens, raw }
    }

    /// For each class, whether a word of it is in the sentence: the `present` of
    /// [`analyse_after`].
    pub fn present(&self) -> &[bool] {
        &self.raw.present
    }

    /// Whether the sentence refers back to the one before: [`refers_back`] of its tokens,
    /// which is [`refers_back_text`] of the sentence (without walking its characters again).
    pub fn refers_back(&self) -> bool {
        refers_back(&self.tokens)
    }

    /// Whether the sentence read in place ([`analyse_prepared_in_place`]) has the claims it
    /// has read after any sentence ([`analyse_prepared`], whatever it carries): when no month
    /// is marked in it, and every topic whose `requires` it lacks has no frame all of whose
    /// slots' classes it holds. Reading in place and what is carried only decide whether such
    /// a topic's frames are tried (`Sent::mentions`), and none of them can match.
    pub fn read_alike_in_place(&self, lex: &Lexicon) -> bool {
        if (0..self.tokens.len()).any(|i| is_month(&self.tokens, i)) {
            return false;
        }
        let hits = &self.raw;
        let candidates = lex.known().frame_keys.candidates(hits.present());
        lex.topics.iter().enumerate().all(|(ti, topic)| {
            topic.requires.is_empty()
                || topic.requires.iter().any(|&c| hits.any(c))
                || !candidates
                    .of(ti)
                    .any(|fi| topic.frames[fi].slots.iter().all(|s| hits.any(s.class)))
        })
    }
}

/// [`analyse_after`] of the sentence `prepared` was read from (no topics left out): the same
/// claims and classes, without reading its tokens and hits again (`prepared` is only read,
/// so a caller may keep it for the sentence's next analysis: `checks::claimed::Said`).
pub fn analyse_prepared(
    lex: &Lexicon,
    prepared: &Prepared,
    carried: &[ClassId],
) -> (Vec<Claim>, Vec<bool>) {
    analyse_tokens(lex, &prepared.tokens, &prepared.raw, None, carried, false)
}

/// [`analyse_in_place`] of the sentence `prepared` was read from, without reading its tokens
/// and hits again.
pub fn analyse_prepared_in_place(lex: &Lexicon, prepared: &Prepared) -> Vec<Claim> {
    analyse_tokens(lex, &prepared.tokens, &prepared.raw, None, &[], true).0
}

fn analyse_placed(
    lex: &Lexicon,
    sentence: &str,
    only: Option<&[usize]>,
    carried: &[ClassId],
    in_place: bool,
) -> (Vec<Claim>, Vec<bool>) {
    let tokens = tokenize(sentence);
    let raw = hits(lex, &tokens);
    analyse_tokens(lex, &tokens, &raw, only, carried, in_place)
}

/// Whether token `i` is "May" before a number: a month ("May 2024"), not a modal.
fn is_month(tokens: &[Token], i: usize) -> bool {
    tokens[i].norm == "may"
        && tokens[i].cap
        && tokens.get(i + 1).is_some_and(|t| t.kind == Kind::Number)
}

/// [`analyse_placed`] from the sentence's tokens and their hits: a sentence with a month
/// reads a copy of its tokens with the month marked, and their hits.
fn analyse_tokens(
    lex: &Lexicon,
    tokens: &[Token],
    raw: &Hits,
    only: Option<&[usize]>,
    carried: &[ClassId],
    in_place: bool,
) -> (Vec<Claim>, Vec<bool>) {
    // "May 2024" is a month, not a modal.
    if (0..tokens.len()).any(|i| is_month(tokens, i)) {
        let mut marked = tokens.to_vec();
        for i in 0..marked.len() {
            if is_month(&marked, i) {
                marked[i].norm = "may\u{b7}month".into();
            }
        }
        // The analysis reads the tokens with their months marked, and their hits; the
        // classes present are the words' as written.
        let hits_of_marked = hits(lex, &marked);
        return analyse_marked(
            lex,
            &marked,
            &hits_of_marked,
            &raw.present,
            only,
            carried,
            in_place,
        );
    }
    analyse_marked(lex, tokens, raw, &raw.present, only, carried, in_place)
}

/// [`analyse_tokens`] once the months are marked: `present` is the classes of the words as
/// written.
fn analyse_marked(
    lex: &Lexicon,
    tokens: &[Token],
    hits_of_words: &Hits,
    present: &[bool],
    only: Option<&[usize]>,
    carried: &[ClassId],
    in_place: bool,
) -> (Vec<Claim>, Vec<bool>) {
    let present = present.to_vec();
    let mut best: Vec<Option<Mention>> = vec![None; lex.topics.len()];
    let mut sent = Sent::new(lex, tokens, hits_of_words);
    sent.carried = carried;
    sent.in_place = in_place;
    for m in sent.mentions(only) {
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

#[cfg(test)]
mod tests {
    use super::super::{Status, compile};
    use super::*;

    #[test]
    fn refers_back_reads_the_text_as_the_tokens() {
        let pieces = [
            "this", "This", "THAT", "these", "those", "such", "it", "It", "they", "them", "iT",
            "thisn", "itn", "ItN", "n", "'t", "’t", "'T", "'s", "'", "’", "t", "tx", "s", "a", "1",
            "2", ".", ",", " ", " ", " ", "-", "/", "é", "\u{212a}", "\u{130}", "İt", "cannot",
            "the", "U.S.", "a.b.", "x'", "'it", "n't", "N'T", "won't", "9", "t.", "\u{2011}",
            "'ts", "thesis", "item", "U.S.", "i.t.", "e.g.", "1,000", "3,4it", "x", "\u{a0}",
            "\u{2019}",
        ];
        let mut next = crate::test_rng(0x7e_f3_5b_ac);
        for _ in 0..40_000 {
            let s = crate::testing::test_string(&mut next, &pieces, 9);
            assert_eq!(refers_back_text(&s), refers_back(&tokenize(&s)), "{s:?}");
        }
    }

    #[test]
    fn an_ascii_sentence_refers_back_by_bytes_as_by_characters() {
        let pieces = [
            "this", "This", "THAT", "these", "those", "such", "it", "It", "they", "them", "iT",
            "thisn", "itn", "ItN", "n", "'t", "'T", "'s", "'", "t", "tx", "s", "a", "1", "2", ".",
            ",", " ", " ", " ", "-", "/", "cannot", "the", "U.S.", "a.b.", "x'", "'it", "n't",
            "N'T", "won't", "9", "t.", "'ts", "thesis", "item", "i.t.", "e.g.", "1,000", "3,4it",
            "x", "\t", "\n", "_", "it-", "/it", "thatn't", "s.u.", "9.", ".9",
        ];
        let mut next = crate::test_rng(0x5eed_bac7);
        for _ in 0..40_000 {
            let s = crate::testing::test_string(&mut next, &pieces, 9);
            let by_bytes = refers_back_ascii(s.as_bytes());
            assert_eq!(by_bytes, refers_back_chars(&s), "{s:?}");
            assert_eq!(by_bytes, refers_back(&tokenize(&s)), "{s:?}");
        }
    }

    /// A small lexicon of its own, so that each test exercises the analyser, not the
    /// built-in word lists.
    fn lex(topics: &str) -> Lexicon {
        let grammar = r#"
classes:
  registrant: {doc: the registrant, words: [we, us, our, the company, the fund]}
  other-party: {doc: others, nouns: [vendor, customer, hospital, adviser]}
  preposition: {doc: prepositions, words: [of, by, from, at, with, for, to, on, in]}
  determiner: {doc: determiners, words: [the, a, an, any, its, their, our]}
  owner: {doc: possessives, words: [our]}
  program: {doc: programs, nouns: [program, plan, procedure, policy]}
  cyber: {doc: the subject, words: [cybersecurity, security]}
  adopt: {doc: adopting, verbs: [adopt, maintain, establish, design, develop]}
  engage: {doc: engaging, verbs: [engage, retain]}
  assessor: {doc: assessors, nouns: [consultant, assessor]}
  escalate: {doc: escalating, verbs: [escalate]}
  manager: {doc: managers, nouns: [manager, ciso]}
  committee: {doc: committees, nouns: [committee]}
  oversee: {doc: overseeing, verbs: [oversee]}
  mgmt: {doc: management words, words: [management]}
  material: {doc: materiality, words: [material, materially]}
  cost: {doc: costs, nouns: [cost, ransom]}
  incur: {doc: paying, verbs: [incur, pay]}
  attack: {doc: attacks, nouns: [attack, breach]}
  affect: {doc: affecting, verbs: [affect, disrupt]}
  operations: {doc: what is affected, nouns: [operation, record]}
  determine: {doc: determining, verbs: [determine]}
  the-incident: {doc: the incident, words: [incident]}
triggers:
  negation: {doc: negations, status: negated, direction: forward, words: [not, "n't"]}
  negation-determiner: {doc: no, status: negated, direction: forward, inside: true, words: [no, neither, nor]}
  hedge: {doc: hedges, status: hedged, direction: forward, words: [may, could, if]}
  plan: {doc: plans, status: hedged, direction: forward, words: [are developing]}
"#;
        compile(&[
            ("grammar.yaml".into(), grammar.into()),
            ("topics.yaml".into(), topics.into()),
        ])
        .unwrap_or_else(|e| {
            panic!(
                "{}",
                e.iter()
                    .map(|e| e.message.clone())
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        })
    }

    fn status(lex: &Lexicon, topic: &str, sentence: &str) -> Option<Status> {
        let t = lex.topic(topic).unwrap();
        analyse(lex, sentence, None)
            .into_iter()
            .find(|c| c.topic == t)
            .map(|c| c.status)
    }

    /// Asserts that each sentence is read as making a claim of `topic` with status `want`
    /// (`None`: no claim of it), naming the sentence that is not.
    fn assert_reads(topic: &str, want: Option<Status>, sentences: &[&str]) {
        let l = super::super::builtin();
        for s in sentences {
            assert_eq!(status(l, topic, s), want, "{topic}: {s}");
        }
    }

    const PROGRAMS: &str = r#"
topics:
  processes:
    doc: programs
    actor: agent
    frames:
      - "[presupposed] @owner ~2 @cyber ~2 !@program"
      - "[if-negated] @cyber ~2 !@program"
      - "[if-affirmed] !@escalate ~4 to"
      - "!@adopt ~4 @cyber ~2 @program"
  third-party-engaged:
    doc: engaging assessors
    part-of: [processes]
    actor: agent
    not-actor: [other-party]
    frames: ["!@engage ~4 @assessor"]
  management-informed:
    doc: escalation to managers
    part-of: [processes]
    veto: [mgmt]
    frames: ["@program ~3 for ~1 !@escalate ~6 to ~2 @manager"]
"#;

    #[test]
    fn a_presupposed_frame_is_affirmed_under_a_hedge_or_a_negation() {
        let l = lex(PROGRAMS);
        assert_eq!(
            status(&l, "processes", "Attacks could defeat our security plan."),
            Some(Status::Affirmed)
        );
        assert_eq!(
            status(&l, "processes", "We did not test our security plan."),
            Some(Status::Affirmed)
        );
    }

    #[test]
    fn status_marks_keep_a_frame_only_with_their_status() {
        let l = lex(PROGRAMS);
        // [if-negated]: "no security program" counts; a bare "security program" does not.
        assert_eq!(
            status(&l, "processes", "The fund has no security program."),
            Some(Status::Negated)
        );
        assert_eq!(status(&l, "processes", "A security program helps."), None);
        // [if-affirmed]: an escalation done counts, one only possible does not.
        assert_eq!(
            status(&l, "processes", "Analysts escalate alerts to the CISO."),
            Some(Status::Affirmed)
        );
        assert_eq!(
            status(&l, "processes", "Analysts may escalate alerts to the CISO."),
            None
        );
    }

    #[test]
    fn an_affirmed_part_affirms_its_whole_and_a_denied_part_denies_nothing() {
        let l = lex(PROGRAMS);
        let claims = analyse(&l, "We retain a consultant.", None);
        let p = l.topic("processes").unwrap();
        let whole = claims.iter().find(|c| c.topic == p).unwrap();
        assert_eq!(whole.status, Status::Affirmed);
        assert_eq!(whole.via, l.topic("third-party-engaged"));
        // The procedure denied is one for escalating: no claim that processes are lacking.
        let s =
            "We have not established a security procedure for escalating incidents to the CISO.";
        assert_eq!(status(&l, "management-informed", s), Some(Status::Negated));
        assert_eq!(status(&l, "processes", s), None);
        // The program hedged for itself stays hedged, whoever helps with it.
        assert_eq!(
            status(
                &l,
                "processes",
                "We may retain a consultant and adopt a security program."
            ),
            Some(Status::Hedged)
        );
        // Asking for the whole alone still derives it from its parts.
        let only = analyse(&l, "We retain a consultant.", Some(&[p]));
        assert_eq!(only.len(), 1);
        assert_eq!(only[0].topic, p);
    }

    #[test]
    fn a_trigger_that_runs_into_the_anchor_covers_it() {
        let l = lex(PROGRAMS);

        // "are developing" holds the anchor "developing".
        assert_eq!(
            status(&l, "processes", "We are developing a security policy."),
            Some(Status::Hedged)
        );
        assert_eq!(
            status(&l, "processes", "We develop a security policy."),
            Some(Status::Affirmed)
        );
    }

    #[test]
    fn two_words_spell_an_entry_only_as_a_compound() {
        let l = lex(r#"
classes:
  word: {doc: one-word entries, words: [assessor, cybersecurity]}
topics:
  probe:
    doc: a word of the class
    frames: ["!@word"]
"#);
        assert_eq!(
            status(&l, "probe", "We assess or review it."),
            None,
            "two words that spell an entry"
        );
        for s in ["Our cyber security team.", "Our cyber-security team."] {
            assert_eq!(status(&l, "probe", s), Some(Status::Affirmed), "{s}");
        }
    }

    #[test]
    fn entries_in_any_script_compile_and_match() {
        // A currency sign is one character of several bytes: an entry of it (or ending in
        // it) is no prefix and no error.
        let l = lex(r#"
classes:
  money: {doc: amounts, words: ["€", "£", "$", million]}
topics:
  incident-impact:
    doc: costs
    frames: ["!@incur ~4 @money ~6 @attack"]
"#);
        for s in [
            "We paid €2 million after the attack.",
            "We paid £40,000 after the breach.",
        ] {
            assert_eq!(
                status(&l, "incident-impact", s),
                Some(Status::Affirmed),
                "{s}"
            );
        }
        assert_eq!(
            status(
                &l,
                "incident-impact",
                "We paid the invoice after the attack."
            ),
            None
        );
    }

    #[test]
    fn a_veto_reaches_back_over_a_capitalised_name() {
        let l = lex(r#"
topics:
  board-committee:
    doc: committees
    veto: [mgmt]
    frames: ["@committee ~4 !@oversee"]
"#);
        assert_eq!(
            status(
                &l,
                "board-committee",
                "A management Data Protection Committee oversees security."
            ),
            None
        );
        assert_eq!(
            status(
                &l,
                "board-committee",
                "The Data Protection Committee oversees security."
            ),
            Some(Status::Affirmed)
        );
    }

    #[test]
    fn a_coordinated_subject_may_include_the_registrant() {
        let l = lex(r#"
topics:
  processes:
    doc: programs
    actor: agent
    not-actor: [other-party]
    frames: ["!@adopt ~4 @cyber ~2 @program"]
"#);
        assert_eq!(
            status(
                &l,
                "processes",
                "Neither the Fund nor its adviser maintains a security policy."
            ),
            Some(Status::Negated)
        );
        assert_eq!(
            status(&l, "processes", "Its adviser maintains a security policy."),
            None
        );
    }

    #[test]
    fn an_item_number_may_be_glued_to_item() {
        assert!(glued_item_number("1c"));
        assert!(glued_item_number("1.05"));
        assert!(glued_item_number("16k"));
        assert!(!glued_item_number("s"));
        assert!(!glued_item_number("ized"));
        let l = super::super::builtin();
        let toks = tokenize("See Item1C and the itemized list.");
        let h = hits(l, &toks);
        let item = l.class("item-ref").unwrap();
        assert!(h.starts(1, item).is_some());
        assert!(h.starts(5, item).is_none());
    }

    #[test]
    fn what_is_presupposed_may_still_be_pointed_to() {
        let l = lex(&format!(
            "{PROGRAMS}\n{}",
            r#"
triggers:
  defer: {doc: see, status: pointer, direction: forward, words: [see]}
"#
        ));
        assert_eq!(
            status(&l, "processes", "See the proxy for our security plan."),
            Some(Status::Pointer)
        );
        // Another topic deferred: the plan is taken for granted, not what is deferred.
        let s = "See the proxy for whether we engage assessors in our security plan.";
        assert_eq!(status(&l, "third-party-engaged", s), Some(Status::Pointer));
        assert_eq!(status(&l, "processes", s), Some(Status::Affirmed));
    }

    #[test]
    fn a_but_before_a_verb_shares_the_subject_and_an_outer_anchor_past_the_inner_counts() {
        let l = lex(r#"
classes:
  person: {doc: persons, nouns: [ciso]}
  marker: {doc: expertise, words: [certifications, years]}
  has: {doc: have, verbs: [have, hold]}
terminators: {doc: ends, words: [but, instead]}
topics:
  expertise:
    doc: expertise
    frames: ["@person ~16 !@marker", "@person ~16 many !years"]
"#);
        let s = "Our CISO does not hold certifications, but has many years in the field.";
        assert_eq!(status(&l, "expertise", s), Some(Status::Affirmed));
        let s = "Our CISO does not hold certifications and instead has many years in the field.";
        assert_eq!(status(&l, "expertise", s), Some(Status::Affirmed));
        // A "but" before a new subject still ends the frame's reach.
        let s = "Our CISO does not hold certifications, but the CIO has many years.";
        assert_eq!(status(&l, "expertise", s), Some(Status::Negated));
    }

    #[test]
    fn a_but_that_opens_a_longer_pseudo_trigger_ends_no_clause() {
        let l = lex(r#"
classes:
  erm: {doc: the whole, nouns: [risk program]}
  covers: {doc: containing, verbs: [cover]}
pseudo: {doc: not triggers, words: [not limited to, but not limited to]}
terminators: {doc: ends, words: [but]}
topics:
  integration:
    doc: part of the whole
    frames: ["@erm ~16 !@covers ~16 @cyber"]
"#);
        // "including but not limited to" lists what the program covers …
        let s = "Our risk program covers many risks, including but not limited to security.";
        assert_eq!(status(&l, "integration", s), Some(Status::Affirmed));
        // … while a "but" on its own still ends the clause.
        let s = "Our risk program covers many risks, but security is handled apart.";
        assert_eq!(status(&l, "integration", s), None);
    }

    #[test]
    fn a_modal_in_a_restrictive_relative_clause_hedges_only_that_clause() {
        let l = super::super::builtin();
        for s in [
            "Security events that may affect customers are reported at once to our Chief Information Officer.",
            "Incidents that could be material will be escalated to our Chief Information Officer within an hour.",
        ] {
            assert_eq!(
                status(l, "management-informed", s),
                Some(Status::Affirmed),
                "{s}"
            );
        }
        // The modal of the main clause still hedges it.
        let s = "Security events may be reported to our Chief Information Officer.";
        assert_eq!(status(l, "management-informed", s), Some(Status::Hedged));
    }

    #[test]
    fn a_party_met_with_or_heard_from_is_not_the_subject_of_a_later_verb() {
        let l = lex(r#"
classes:
  mgmt-role: {doc: managers, nouns: [chief financial officer, ciso]}
  determiner: {doc: determiners, words: [the, our]}
  relative: {doc: relative pronouns, words: [who]}
  responsible: {doc: duties, verbs: [oversee]}
  cyber-term: {doc: cyber, words: [cybersecurity]}
topics:
  positions-responsible:
    doc: a manager responsible
    frames: ["@mgmt-role ~20 !@responsible ~4 @cyber-term"]
"#);
        let s = "Our Chief Financial Officer meets the auditors every quarter and oversees cybersecurity.";
        assert_eq!(
            status(&l, "positions-responsible", s),
            Some(Status::Affirmed)
        );
        for s in [
            "Our Audit Committee meets with the Chief Financial Officer every quarter and oversees cybersecurity.",
            "The Audit Committee hears from our CISO every quarter and oversees cybersecurity.",
        ] {
            assert_eq!(status(&l, "positions-responsible", s), None, "{s}");
        }
        // A relative clause makes the party the subject after its name.
        let s = "Reports are shared with the CISO, who oversees cybersecurity.";
        assert_eq!(
            status(&l, "positions-responsible", s),
            Some(Status::Affirmed)
        );
    }

    #[test]
    fn a_later_slot_set_aside_by_a_contrast_in_the_gap_is_not_matched() {
        let l = lex(r#"
classes:
  manage: {doc: handling, verbs: [address]}
  within: {doc: inside, words: [through]}
  erm: {doc: the enterprise program, nouns: [company-wide risk process]}
triggers:
  contrast-negation:
    doc: a party set aside for another
    status: negated
    direction: forward
    window: 3
    words: [rather than, instead of, as opposed to]
topics:
  integration:
    doc: part of the enterprise program
    frames: ["!@manage ~12 @within ~5 @erm"]
"#);
        let s = "Cyber risks are addressed through our company-wide risk process.";
        assert_eq!(status(&l, "integration", s), Some(Status::Affirmed));
        // The program named only as what the contrast sets aside.
        for s in [
            "Cyber risks are addressed by our IT staff rather than through any company-wide risk process.",
            "Cyber risks are addressed by our IT staff instead of through the company-wide risk process.",
            "Cyber risks are addressed by our IT staff, as opposed to through a company-wide risk process.",
        ] {
            assert_eq!(status(&l, "integration", s), None, "{s}");
        }
        // A contrast before the anchor's own words, outside the gap, sets nothing aside.
        let s =
            "Rather than ad hoc, cyber risks are addressed through our company-wide risk process.";
        assert_eq!(status(&l, "integration", s), Some(Status::Affirmed));
    }

    #[test]
    fn an_un_word_in_ed_after_and_is_an_adjective_and_the_condition_goes_on() {
        let l = lex(r#"
classes:
  clause-conjunction: {doc: conjunctions, words: [and]}
topics:
  incident-impact:
    doc: what an attack did
    frames: ["!@affect ~2 @operations"]
"#);
        let s = "If we are attacked and unnamed parties disrupt our operations, we will act.";
        assert_eq!(status(&l, "incident-impact", s), Some(Status::Hedged));
        // A verb in -ed after "and" still starts a predicate of its own.
        let s = "If attackers strike we act and observed that they disrupt our operations.";
        assert_eq!(status(&l, "incident-impact", s), Some(Status::Affirmed));
    }

    #[test]
    fn a_verb_that_starts_its_own_predicate_after_and_ends_a_negation_and_a_frame_but_its_own() {
        let l = lex(r#"
classes:
  board: {doc: the board, words: [board]}
  committee: {doc: committees, nouns: [committee]}
  retain: {doc: keeping, verbs: [retain]}
  oversight: {doc: oversight, nouns: [oversight]}
  clause-conjunction: {doc: conjunctions, words: [and]}
  predicate-start: {doc: new predicates, verbs: [retain]}
topics:
  board-oversight:
    doc: the board oversees
    frames: ["@board ~20 and ~2 !@retain ~3 @oversight"]
  board-committee:
    doc: a committee oversees
    frames: ["@committee ~8 !@retain ~3 @oversight"]
"#);
        let s = "The board has not delegated it to any committee and retains oversight.";
        // The negation stops before "and retains"; the board's frame names the "and" …
        assert_eq!(status(&l, "board-oversight", s), Some(Status::Affirmed));
        // … while the committee's cannot reach across it.
        assert_eq!(status(&l, "board-committee", s), None);
        assert_eq!(
            status(&l, "board-committee", "The committee retains oversight."),
            Some(Status::Affirmed)
        );
    }

    const EFFECTS: &str = r#"
topics:
  material-effect:
    doc: material effects
    actor: affected
    not-actor: [other-party]
    frames: ["!@material ~1 @affect"]
  incident-impact:
    doc: what an attack did
    actor: affected
    not-actor: [other-party]
    entails: [material-effect]
    entails-when: [material]
    frames:
      - "!@incur ~4 @cost"
      - "@attack ~4 !@affect ~2 @operations"
  incident-materiality:
    doc: the determination
    entails: [material-effect]
    entails-when: [material]
    frames: ["@determine ~4 @the-incident ~4 !@material"]
"#;

    #[test]
    fn a_veto_word_inside_a_management_name_vetoes_and_one_that_ends_it_does_not() {
        let topics = r#"
classes:
  mgmt-role: {doc: management names, nouns: [cybersecurity steering committee, information security committee]}
  body-word: {doc: words of a body of management, words: [steering]}
  committee-word: {doc: a committee taken to be the board's, words: [committee]}
topics:
  board-committee:
    doc: a committee oversees
    veto: [body-word]
    frames: ["@committee ~2 !@oversee ~3 @cyber"]
  management-informed:
    doc: a manager told
    veto: [committee-word]
    frames: ["@committee ~2 !@oversee ~3 @cyber"]
"#;
        let l = lex(topics);
        // "Steering" does not end the name "Cybersecurity Steering Committee": the
        // management body's word vetoes the board's topic.
        assert_eq!(
            status(
                &l,
                "board-committee",
                "The Cybersecurity Steering Committee oversees security."
            ),
            None
        );
        assert_eq!(
            status(
                &l,
                "board-committee",
                "The Audit Committee oversees security."
            ),
            Some(Status::Affirmed)
        );
        // "Committee" ends the name "Information Security Committee": part of a management
        // name, it vetoes nothing.
        assert_eq!(
            status(
                &l,
                "management-informed",
                "The Information Security Committee oversees security."
            ),
            Some(Status::Affirmed)
        );
        assert_eq!(
            status(
                &l,
                "management-informed",
                "The Audit Committee oversees security."
            ),
            None
        );
    }

    #[test]
    fn the_second_half_of_not_only_but_also_is_the_same_clause() {
        let topics = r#"
classes:
  consider: {doc: handling, verbs: [consider]}
  erm: {doc: the ERM program, words: [erm]}
terminators: {doc: scope ends, words: [but]}
topics:
  integration:
    doc: integrated
    frames: ["!@consider ~12 within ~3 @erm"]
"#;
        let l = lex(topics);
        let held = |s: &str| status(&l, "integration", s);
        assert_eq!(
            held("Cyber risk is considered not only by the team but also within the erm."),
            Some(Status::Affirmed)
        );
        // A plain "but" still ends the frame's reach.
        assert_eq!(
            held("Cyber risk is considered by the team but also within the erm."),
            None
        );
    }

    #[test]
    fn a_risk_factor_heading_quoted_in_sentence_case_is_one_title() {
        let topics = r#"
classes:
  see: {doc: sending the reader, words: [see, read]}
topics:
  pointer:
    doc: a pointer
    frames: ["!@see ~3 @quoted-title"]
"#;
        let l = lex(topics);
        let held = |s: &str| status(&l, "pointer", s);
        // A heading of 20 words, in sentence case, with commas inside: one title, so the
        // verb reaches it and the item after it.
        assert_eq!(
            held(
                "For more, read \u{201c}Our internal computer systems, or those of our contract \
                 research organizations, may fail or suffer security breaches, which could harm \
                 our business\u{201d} in Item 1A."
            ),
            Some(Status::Affirmed)
        );
        // Title case still counts however the quotes are typed …
        assert!(held("See \"Risk Factors\" in Part I.").is_some());
        // … but a quoted word that starts in lower case is a term, not a title.
        assert_eq!(
            held("Read \u{201c}material\u{201d} as the rules define it."),
            None
        );
        let tokens = crate::claims::token::tokenize(
            "see \u{201c}Our systems may fail\u{201d} and \u{201c}our systems may fail\u{201d}",
        );
        assert_eq!(quoted_title(&tokens, 1), Some(7));
        assert_eq!(quoted_title(&tokens, 8), None);
    }

    #[test]
    fn a_negation_does_not_reach_into_a_parenthetical_relative_clause() {
        let topics = r#"
classes:
  relative: {doc: relatives, words: [which, who, whom, whose]}
  responsible: {doc: responsibility, words: [responsible for]}
topics:
  positions-responsible:
    doc: a manager responsible
    frames: ["@manager ~6 !@responsible ~3 @cyber"]
"#;
        let l = lex(topics);
        let held = |s: &str| status(&l, "positions-responsible", s);
        // The clause between commas states its own fact about the manager …
        assert_eq!(
            held("Neither our manager, who is responsible for security, nor any adviser holds it."),
            Some(Status::Affirmed)
        );
        // … a restrictive clause (no commas) or an open one is still in the negation's scope.
        assert_eq!(
            held("We have no manager who is responsible for security."),
            Some(Status::Negated)
        );
        assert_eq!(
            held("We have no manager, who is responsible for security."),
            Some(Status::Negated)
        );
        assert_eq!(
            held("Our manager is not responsible for security."),
            Some(Status::Negated)
        );
        // An open clause after a negated predicate says something of its own about its
        // antecedent (one after a denied noun, above, describes what is denied).
        assert_eq!(
            held(
                "The vendor did not adopt the plan, which leaves our manager responsible for security."
            ),
            Some(Status::Affirmed)
        );
    }

    #[test]
    fn a_relative_clause_with_its_own_subject_names_the_actor_and_a_new_clause_ends_the_search() {
        let topics = r#"
classes:
  board: {doc: the board, words: [board]}
  relative: {doc: relatives, words: [which, who, whom, whose]}
  report-verb: {doc: reporting, verbs: [report]}
  receive: {doc: receiving, verbs: [receive]}
  report: {doc: reports, nouns: [report, update]}
  conj: {doc: conjunctions, words: [and]}
  subject-start: {doc: clause starts, words: [the, our]}
topics:
  reports-to-board:
    doc: the board told
    actor: agent
    not-actor: [committee, board]
    actor-is: [manager]
    frames:
      - "@committee ~2 to which ~6 !@report-verb"
      - "@committee ~8 !@receive ~6 @report"
"#;
        let l = lex(topics);
        let told = |s: &str| status(&l, "reports-to-board", s);
        // The relative clause's own subject acts, not the committee it hangs on …
        assert_eq!(
            told("The board oversees it through its committee, to which our manager reports."),
            Some(Status::Affirmed)
        );
        assert_eq!(
            told("The board oversees it through its committee, to which the board reports."),
            None
        );
        // … where the relative word is the subject, the antecedent acts (and the one
        // excluded is not then found behind the relative word).
        assert_eq!(
            told("The committee, which receives a report, meets."),
            Some(Status::Affirmed)
        );
        // … and where the antecedent is the object of a preposition, whoever acts before it
        // acts on something else.
        assert_eq!(
            told("The board hands oversight to the committee, which receives a report."),
            Some(Status::Affirmed)
        );
        // A new main clause after ", and" ends the search for the actor.
        assert_eq!(
            told("The board acts through its committee, and the committee receives a report."),
            Some(Status::Affirmed)
        );
    }

    #[test]
    fn a_note_by_its_number_is_a_place_and_a_relative_deferral_keeps_to_its_clause() {
        let l = super::super::builtin();
        let toks = tokenize("As described in Note 11, the notes 4 were repaid.");
        let h = hits(l, &toks);
        let item = l.class("item-ref").unwrap();
        assert_eq!(h.starts(3, item), Some(5));
        assert!(
            h.starts(7, item).is_none(),
            "a lower-case 'notes' is no place"
        );
        let effect = |s: &str| status(l, "material-effect", s);
        // The clause the relative hangs on keeps its status …
        assert_eq!(
            effect(
                "We experienced a material cybersecurity incident, which is described in Note 16."
            ),
            Some(Status::Affirmed)
        );
        // … while a deferral in the clause itself still points.
        assert_eq!(
            effect(
                "Whether cybersecurity risks have materially affected us is discussed in Note 16."
            ),
            Some(Status::Pointer)
        );
        // A reduced relative right after its noun says where the noun is described: the
        // clause keeps its status; after a verb or an adverb, it defers.
        assert_eq!(
            effect("We experienced a material cybersecurity incident described in Note 16."),
            Some(Status::Affirmed)
        );
        assert_eq!(
            effect(
                "Whether cybersecurity risks have materially affected us is more fully discussed in Note 16."
            ),
            Some(Status::Pointer)
        );
    }

    #[test]
    fn a_defined_term_in_parentheses_is_no_word_of_a_name_and_an_agent_may_follow_modifiers() {
        let topics = r#"
classes:
  provider: {doc: providers, nouns: [managed detection and response provider]}
  monitor: {doc: watching, verbs: [monitor]}
  board: {doc: the board, words: [board]}
  receive: {doc: receiving, verbs: [receive]}
  report: {doc: reports, nouns: [report, presentation]}
topics:
  third-party-engaged:
    doc: a provider at work
    frames: ["@provider ~2 !@monitor ~3 @cyber"]
  reports-to-board:
    doc: the board told
    actor: agent
    frames: ["@board ~4 !@receive ~4 @report"]
"#;
        let l = lex(topics);
        for s in [
            "Our managed detection and response provider monitors our security events.",
            "Our managed detection and response (\u{201c}MDR\u{201d}) provider monitors our security events.",
            "Our managed detection and response (the MDR) provider monitors our security events.",
        ] {
            assert_eq!(
                status(&l, "third-party-engaged", s),
                Some(Status::Affirmed),
                "{s}"
            );
        }
        // A parenthesis that is no defined term breaks the name.
        assert_eq!(
            status(
                &l,
                "third-party-engaged",
                "Our managed detection and response (see below) provider monitors our security events."
            ),
            None
        );
        // The source after "from" is another party's even after its modifiers.
        assert_eq!(
            status(
                &l,
                "reports-to-board",
                "The board receives a report from the CISO."
            ),
            Some(Status::Affirmed)
        );
        for s in [
            "The board receives a presentation from our vendor.",
            "The board receives a presentation from our outside security vendor.",
        ] {
            assert_eq!(status(&l, "reports-to-board", s), None, "{s}");
        }
    }

    #[test]
    fn the_affected_party_is_the_registrant_object_else_the_subject() {
        let l = lex(EFFECTS);
        assert_eq!(
            status(&l, "incident-impact", "We paid a ransom after the breach."),
            Some(Status::Affirmed)
        );
        assert_eq!(
            status(
                &l,
                "incident-impact",
                "A hospital paid a ransom after the breach."
            ),
            None
        );
        // "their records": another party's.
        assert_eq!(
            status(&l, "incident-impact", "The attack disrupted their records."),
            None
        );
        assert_eq!(
            status(
                &l,
                "incident-impact",
                "The attack disrupted our operations."
            ),
            Some(Status::Affirmed)
        );
        // The owner after "of" named as "the Company": the registrant, though "the" is a
        // determiner; a customer of another party is another party's.
        assert_eq!(
            status(
                &l,
                "incident-impact",
                "The attack disrupted operations for some of the company's customers."
            ),
            Some(Status::Affirmed)
        );
        assert_eq!(
            status(
                &l,
                "incident-impact",
                "The attack disrupted operations for some of the vendor's customers."
            ),
            None
        );
    }

    #[test]
    fn a_mention_entails_another_topic_when_its_class_is_there() {
        let l = lex(EFFECTS);
        let s = "We determined that the incident is not material.";
        assert_eq!(status(&l, "incident-materiality", s), Some(Status::Negated));
        assert_eq!(status(&l, "material-effect", s), Some(Status::Negated));
        // The word of materiality just before the mention counts too.
        assert_eq!(
            status(&l, "material-effect", "We did not incur material costs."),
            Some(Status::Negated)
        );
        assert_eq!(
            status(&l, "material-effect", "We did not incur costs."),
            None
        );
    }

    #[test]
    fn a_mention_entails_another_topic_only_with_its_listed_statuses() {
        let l = lex(r#"
classes:
  board: {doc: the board, nouns: [board]}
topics:
  board-oversight:
    doc: the board oversees
    frames: ["@board ~1 !@oversee ~3 @cyber"]
  board-committee:
    doc: a committee oversees
    entails: [board-oversight]
    entails-status: [hedged]
    frames: ["@committee ~2 !@oversee ~3 @cyber"]
"#);
        // A committee that may oversee: the board may oversee through it.
        let s = "The board may form a committee to oversee security.";
        assert_eq!(status(&l, "board-committee", s), Some(Status::Hedged));
        assert_eq!(status(&l, "board-oversight", s), Some(Status::Hedged));
        // No committee that oversees says nothing of the board's own oversight.
        let s = "The board has no committee to oversee security.";
        assert_eq!(status(&l, "board-committee", s), Some(Status::Negated));
        assert_eq!(status(&l, "board-oversight", s), None);
        // A status that is no status is an error that names the key.
        let bad = compile(&[(
            "t.yaml".into(),
            "topics:\n  a:\n    doc: a\n    entails-status: [sometimes]\n    frames: []\n".into(),
        )])
        .err()
        .map(|e| {
            e.iter()
                .map(|e| e.message.clone())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default();
        assert!(bad.contains("`entails-status`"), "{bad}");
    }

    #[test]
    fn companies_a_quantifier_opens_are_other_parties_whatever_their_trade() {
        let l = super::super::builtin();
        let engaged = |s: &str| status(l, "third-party-engaged", s);
        // Another industry's members, by a name no lexicon lists, act for themselves …
        assert_eq!(
            engaged(
                "Many Class I railroads retain outside firms to test the security of their signalling systems."
            ),
            None
        );
        assert_eq!(
            engaged(
                "Several large mortgage lenders engage outside firms to test their cybersecurity controls."
            ),
            None
        );
        // … nor after the partitive "of the" …
        assert_reads(
            "board-oversight",
            None,
            &[
                "Many of the restaurants on our marketplace are small businesses without any board-level oversight of technology risk.",
            ],
        );
        // … the registrant's own, after "of", do not …
        assert_eq!(
            engaged(
                "Many of our subsidiaries engage outside firms to test their cybersecurity controls."
            ),
            Some(Status::Affirmed)
        );
        // … nor do things acted on, with "are" after them.
        assert_eq!(
            engaged("Most cybersecurity assessments are performed by an outside firm."),
            Some(Status::Affirmed)
        );
        // Without the quantifier the registrant speaks.
        assert_eq!(
            engaged("We retain outside firms to test the security of our signalling systems."),
            Some(Status::Affirmed)
        );
    }

    #[test]
    fn one_other_company_a_singular_quantifier_opens_is_another_party() {
        // Another company's determination is not the registrant's …
        assert_reads(
            "incident-materiality",
            None,
            &[
                "Another Indian IT services company disclosed in January that a ransomware attack on its network was material.",
                "A competing pharmacy chain disclosed last month that it had determined a ransomware attack on its specialty-pharmacy unit to be material.",
            ],
        );
        // … but "another" before an attack names the registrant's second incident.
        assert_reads(
            "incident-materiality",
            Some(Status::Affirmed),
            &["Another ransomware attack on our network was determined to be material."],
        );
    }

    #[test]
    fn of_two_anchors_within_reach_the_later_governs_the_slots_after_it() {
        let l = super::super::builtin();
        let integrated = |s: &str| status(l, "integration", s);
        // "covers" reaches the cybersecurity risks too, but "include" (denied) is the verb
        // that governs them …
        assert_eq!(
            integrated(
                "Our enterprise risk management process, which covers safety and credit risks, does not include cybersecurity risks."
            ),
            Some(Status::Negated)
        );
        // … and a denied verb before the one that governs them denies nothing.
        assert_eq!(
            integrated(
                "Our enterprise risk management framework, which does not extend to our joint ventures, incorporates cybersecurity risk."
            ),
            Some(Status::Affirmed)
        );
    }

    #[test]
    fn a_subordinate_clause_closes_at_a_comma_before_a_gerund_subject() {
        let l = super::super::builtin();
        let impact = |s: &str| status(l, "incident-impact", s);
        // The main clause's subject is a gerund: the concession's negation stays behind.
        assert_eq!(
            impact(
                "Although we did not pay the ransom, restoring our billing systems after the attack took nine days and cost about $2 million."
            ),
            Some(Status::Affirmed)
        );
        // "including" after the comma is a preposition: the clause goes on, and so does
        // its negation.
        let informed = |s: &str| status(l, "management-informed", s);
        assert_eq!(
            informed(
                "Although the Trust has not adopted security procedures, including any procedure by which its officers are notified of cybersecurity incidents, it relies on its adviser."
            ),
            Some(Status::Negated)
        );
    }

    #[test]
    fn a_negation_after_a_closed_subordinate_clause_keeps_its_scope_past_an_aside() {
        let l = super::super::builtin();
        let effect = |s: &str| status(l, "material-effect", s);
        // The concession closes at its comma; the negation is the main clause's, and the
        // parenthetical ", or is reasonably likely to have," does not end its scope.
        for s in [
            "Although the investigation is ongoing, the Company does not believe that the incident has had, or is reasonably likely to have, a material impact on the Company.",
            "While our review continues, we do not believe that the intrusion has had, or is reasonably likely to have, a material effect on our financial condition.",
            // (the negation itself opening the main clause, an aside after its subject)
            "Although we have experienced cybersecurity incidents in the past, none of these incidents, individually or in the aggregate, has had a material effect on our operations.",
        ] {
            assert_eq!(effect(s), Some(Status::Negated), "{s}");
        }
        // A negation inside the subordinate clause still ends at the comma that closes it.
        assert_eq!(
            effect(
                "Although we have not determined the full scope of the incident, it has had a material effect on our operations."
            ),
            Some(Status::Affirmed)
        );
    }

    #[test]
    fn a_negation_undone_by_without_in_its_clause_affirms_what_follows() {
        // "Never … without" and "no … without" require what follows "without" …
        assert_reads(
            "processes",
            Some(Status::Affirmed),
            &[
                "We have never deployed a new customer-facing application without a prior penetration test.",
            ],
        );
        // … but not across a comma, where the second clause's own negation stands; and what
        // stands before "without" stays denied.
        assert_reads(
            "third-party-engaged",
            Some(Status::Negated),
            &[
                "We do not deploy new software without testing it, and no vendor has ever been engaged to test our systems.",
                "We do not engage outside cybersecurity consultants without the approval of our Board.",
            ],
        );
    }

    #[test]
    fn a_hedge_reaches_past_the_but_of_not_only_but_also() {
        // The pair is one clause: the modal before it hedges its second half too …
        assert_reads(
            "material-effect",
            Some(Status::Hedged),
            &[
                "A breach of our platform would not only expose us to regulatory penalties but also materially harm our reputation and results of operations.",
            ],
        );
        // … while a plain "but" still ends the hedge's scope.
        assert_reads(
            "material-effect",
            Some(Status::Affirmed),
            &[
                "A breach could expose us to regulatory penalties, but the 2024 incident materially harmed our results of operations.",
            ],
        );
    }

    #[test]
    fn a_negation_does_not_reach_a_main_clause_whose_subject_is_a_body() {
        // ", and the Audit Committee oversees …": a clause of its own …
        assert_reads(
            "board-oversight",
            Some(Status::Affirmed),
            &[
                "As a timberland REIT with a small corporate staff, we have not created a separate cybersecurity committee, and the Audit Committee oversees cybersecurity risks as part of its broader risk oversight responsibilities.",
            ],
        );
        // … whose own negation still holds.
        assert_reads(
            "board-oversight",
            Some(Status::Negated),
            &[
                "We have not created a separate cybersecurity committee, and the Audit Committee does not oversee cybersecurity risks.",
            ],
        );
    }

    #[test]
    fn an_adverb_of_contrast_inside_a_clause_is_crossed_by_frames_but_ends_a_negation() {
        // Between the subject and its verb, the adverb is the clause's own: the frame holds;
        // and a negation before it stops there, whether it follows a conjunction or a subject.
        assert_reads(
            "board-oversight",
            Some(Status::Affirmed),
            &[
                "We do not have a board committee devoted solely to cybersecurity; the Audit Committee nonetheless oversees cybersecurity risk.",
                "Our Board of Directors has not formed a separate committee; the full Board nevertheless oversees cybersecurity risk.",
                "The Board nonetheless oversees cybersecurity risk.",
                "We do not have a dedicated cybersecurity committee and instead the Audit Committee oversees cybersecurity risk.",
                "Our Board of Trustees has not created a separate cybersecurity committee, and the full Board nevertheless reviews cybersecurity risk at each quarterly meeting.",
            ],
        );
    }

    #[test]
    fn a_negated_predicate_before_its_verb_does_not_reach_a_closing_relative_clause() {
        let l = super::super::builtin();
        let responsible = |s: &str| status(l, "positions-responsible", s);
        // The relative clause after the comma asserts on its own.
        assert_eq!(
            responsible(
                "Our Board is not responsible for the day-to-day management of cybersecurity risk, which is the responsibility of our Chief Financial Officer."
            ),
            Some(Status::Affirmed)
        );
        // … nor one on the object of a denied noun.
        assert_eq!(
            responsible(
                "Our Chief Financial Officer has no responsibility for cybersecurity, which rests with our Head of Information Security."
            ),
            Some(Status::Affirmed)
        );
        // A hedge still reaches it: the person who "will" be responsible is planned.
        assert_eq!(
            responsible(
                "We intend to hire a chief information security officer, who will be responsible for our cybersecurity program."
            ),
            Some(Status::Hedged)
        );
        // A role denied "in" something: the relative clause on that something asserts too.
        assert_reads(
            "board-oversight",
            Some(Status::Affirmed),
            &[
                "The Audit Committee has no role in information security oversight, which the full Board retains.",
            ],
        );
    }

    #[test]
    fn what_is_affected_named_as_another_partys_is_that_partys() {
        let l = super::super::builtin();
        let impact = |s: &str| status(l, "incident-impact", s);
        assert_eq!(
            impact(
                "Revenue at one of our competitors was reduced by a ransomware attack last spring."
            ),
            None
        );
        // The registrant's own, and an attack named where it struck, as before.
        assert_eq!(
            impact("Sales at our stores declined after the ransomware attack."),
            Some(Status::Affirmed)
        );
        assert_eq!(
            impact(
                "A cybersecurity incident at one of our vendors could disrupt our ability to ship orders."
            ),
            Some(Status::Hedged)
        );
    }

    #[test]
    fn its_program_is_the_registrants_in_a_sentence_that_opens_on_the_registrant() {
        let l = super::super::builtin();
        let processes = |s: &str| status(l, "processes", s);
        assert_eq!(
            processes(
                "The Trust does not currently engage outside consultants, assessors or auditors in connection with its cybersecurity program."
            ),
            Some(Status::Affirmed)
        );
        // Not after a possessive that opens another party, nor the registrant's possessive.
        assert_eq!(
            processes("Our cloud provider engages independent auditors to examine its controls."),
            None
        );
        assert_eq!(
            processes(
                "The Company's vendors engage outside auditors to review its cybersecurity program."
            ),
            None
        );
    }

    #[test]
    fn whether_or_not_opening_its_clause_leaves_open_only_that_clause() {
        let l = super::super::builtin();
        let effect = |s: &str| status(l, "material-effect", s);
        assert_eq!(
            effect(
                "Whether or not they are ultimately judged material, all security incidents are logged, and no incident logged in 2024 materially affected the Company."
            ),
            Some(Status::Negated)
        );
        // Not opening its clause, it leaves the question open as before.
        assert_eq!(
            effect(
                "It remains to be seen whether or not the incident will materially affect our results of operations."
            ),
            Some(Status::Hedged)
        );
    }

    #[test]
    fn a_condition_reduced_to_a_participle_restricts_the_act_and_hedges_nothing_else() {
        let l = super::super::builtin();
        assert_eq!(
            status(
                l,
                "management-informed",
                "Suspected incidents are logged in our ticketing system and, if rated critical, reported to the Chief Information Officer."
            ),
            Some(Status::Affirmed)
        );
        // A risk coming true stays a hedge.
        assert_eq!(
            status(
                l,
                "material-effect",
                "We face risks from cybersecurity threats that, if realized, are reasonably likely to materially affect our results of operations."
            ),
            Some(Status::Hedged)
        );
        // A condition with a subject is a clause: it hedges as before.
        assert_eq!(
            status(
                l,
                "management-informed",
                "Suspected incidents are logged in our ticketing system and, if we rate them critical, reported to the Chief Information Officer."
            ),
            Some(Status::Hedged)
        );
    }

    #[test]
    fn an_attack_denied_as_the_cause_right_before_it_denies_the_effect() {
        let l = super::super::builtin();
        let impact = |s: &str| status(l, "incident-impact", s);
        assert_eq!(
            impact(
                "The increase in operating expenses was driven by higher wages, not by the cyberattack."
            ),
            Some(Status::Negated)
        );
        assert_eq!(
            impact(
                "Comparable sales decreased 3%, primarily because of store closures and not because of the September security incident."
            ),
            Some(Status::Negated)
        );
        // The attack as the cause, with a negation elsewhere, or one that denies a verb
        // between it and the attack, is not denied.
        assert_eq!(
            impact("Revenue declined 2% as a result of the cyberattack, not weaker demand."),
            Some(Status::Affirmed)
        );
        assert_eq!(
            impact(
                "Net sales declined because we could not ship orders after the ransomware attack."
            ),
            Some(Status::Affirmed)
        );
    }

    #[test]
    fn none_of_a_definite_set_presupposes_the_set_and_denies_the_predicate() {
        let l = super::super::builtin();
        // What the phrase after "none of the" says of its members is taken as so …
        assert_eq!(
            status(
                l,
                "third-party-engaged",
                "None of the outside consultants we retain has found a significant deficiency in our controls."
            ),
            Some(Status::Affirmed)
        );
        // (the auxiliary of a relative clause on the set does not end it)
        assert_eq!(
            status(
                l,
                "third-party-engaged",
                "None of the consultants the Company has retained since 2022 has identified a critical vulnerability in our systems."
            ),
            Some(Status::Affirmed)
        );
        // … a match that runs into the predicate is denied …
        assert_eq!(
            status(
                l,
                "third-party-engaged",
                "None of our security assessments has been performed by an independent third party."
            ),
            Some(Status::Negated)
        );
        // … and without an auxiliary to end the phrase, or for a match in the predicate, the negation
        // reaches everything, as before.
        assert_eq!(
            status(
                l,
                "material-effect",
                "None of the cybersecurity incidents we detected materially affected our results of operations."
            ),
            Some(Status::Negated)
        );
        assert_eq!(
            status(
                l,
                "third-party-engaged",
                "None of our subsidiaries has engaged outside consultants to assess its cybersecurity program."
            ),
            Some(Status::Negated)
        );
    }

    #[test]
    fn an_adverbial_opening_the_main_clause_leaves_the_subordinate_comma_closing() {
        let l = super::super::builtin();
        // The hedge of the "although" clause ends at its comma, "to date" before the subject
        // of the main clause notwithstanding: the main clause's denial stands.
        assert_eq!(
            status(
                l,
                "material-effect",
                "Although future incidents could materially affect us, to date no cybersecurity incident has materially affected our business strategy, results of operations or financial condition."
            ),
            Some(Status::Negated)
        );
        // Without a main clause after the comma the hedge runs on, as before.
        assert_eq!(
            status(
                l,
                "material-effect",
                "Although future incidents could, to date, materially affect us."
            ),
            Some(Status::Hedged)
        );
    }

    #[test]
    fn a_contrast_between_the_subject_and_its_verb_sets_aside_only_the_party_it_names() {
        let l = super::super::builtin();
        let s = "We believe a structure in which the full Board rather than a committee oversees cybersecurity risk suits a company of our size.";
        // The subject before the contrast does what the verb says …
        assert_eq!(status(l, "board-oversight", s), Some(Status::Affirmed));
        // … and the party the contrast names is denied.
        assert_eq!(status(l, "board-committee", s), Some(Status::Negated));
        // A contrast before the verb it denies still denies it.
        assert_eq!(
            status(
                l,
                "third-party-engaged",
                "We test our security controls with our own staff rather than engaging an outside firm."
            ),
            Some(Status::Negated)
        );
    }

    #[test]
    fn what_the_registrant_does_because_of_an_attack_is_its_own_whoever_receives_it() {
        let l = super::super::builtin();
        // The registrant as the subject of the anchor: relief it gives is its own loss,
        // though the words after it name the customers ("on *their* next order").
        assert_eq!(
            status(
                l,
                "incident-impact",
                "Following the credential-stuffing incident, we offered affected customers a 20% discount on their next order."
            ),
            Some(Status::Affirmed)
        );
        // … and so when it acts after an auxiliary and an adverb, with the attack before it.
        assert_eq!(
            status(
                l,
                "incident-impact",
                "After the breach, the Company has since reimbursed the affected cardholders for all fraudulent charges."
            ),
            Some(Status::Affirmed)
        );
        // Another party's loss, with no act of the registrant's, stays theirs …
        assert_eq!(
            status(
                l,
                "incident-impact",
                "The ransomware attack on the distributor disrupted their operations for a week."
            ),
            None
        );
        // … and the registrant in a relative clause on that party is not who acts.
        assert_eq!(
            status(
                l,
                "incident-impact",
                "In 2024, a ransomware attack on a payment processor with which we do business disrupted that processor\u{2019}s settlement systems for nine days."
            ),
            None
        );
    }

    #[test]
    fn what_an_attack_elsewhere_does_to_what_is_ours_is_our_loss() {
        let l = super::super::builtin();
        // The thing affected named as "our" at the match's end: the registrant's, wherever
        // the attack struck.
        assert_eq!(
            status(
                l,
                "incident-impact",
                "Because we depend on one outside provider for payroll, a ransomware attack on that provider could delay our payroll processing."
            ),
            Some(Status::Hedged)
        );
        // Named as theirs, it stays theirs.
        assert_eq!(
            status(
                l,
                "incident-impact",
                "A ransomware attack on a distributor we use could disrupt their deliveries."
            ),
            None
        );
    }

    #[test]
    fn the_agent_of_an_earlier_act_is_not_who_acts_in_the_match() {
        let l = super::super::builtin();
        // "by an approved scanning vendor" names who scans, not who assesses.
        assert_eq!(
            status(
                l,
                "third-party-engaged",
                "Our cybersecurity program includes quarterly scans by an approved scanning vendor and annual assessments by a qualified security assessor."
            ),
            Some(Status::Affirmed)
        );
        // A relative clause that hangs on the agent speaks of it ("…, whose program …").
        assert_eq!(
            status(
                l,
                "processes",
                "The mine is operated by our joint venture partner, whose cybersecurity programme is outside the Company\u{2019}s control."
            ),
            None
        );
    }

    #[test]
    fn a_contrast_aside_denies_the_party_it_names_and_not_the_clause() {
        let l = super::super::builtin();
        // The clause around the aside keeps its status …
        assert_eq!(
            status(
                l,
                "board-oversight",
                "The Technology Committee, not the Audit Committee, oversees cybersecurity risk."
            ),
            Some(Status::Affirmed)
        );
        assert_eq!(
            status(
                l,
                "board-oversight",
                "The board of directors \u{2014} and not any committee of it \u{2014} oversees cybersecurity risk."
            ),
            Some(Status::Affirmed)
        );
        // … in a cleft too, the relative word after the aside.
        assert_eq!(
            status(
                l,
                "board-committee",
                "It is the Safety and Security Committee, not the Audit Committee, that oversees cybersecurity risk."
            ),
            Some(Status::Affirmed)
        );
        // … and the party the aside names, the subject of the match, is denied.
        assert_eq!(
            status(
                l,
                "third-party-engaged",
                "Our internal audit group, not an outside firm, performs the annual assessment of our security controls."
            ),
            Some(Status::Negated)
        );
        // A "not" after a comma that closes no aside before a verb negates as before.
        assert_eq!(
            status(
                l,
                "board-oversight",
                "Cybersecurity is a matter for management, not the Board of Directors or any committee that oversees risk."
            ),
            Some(Status::Negated)
        );
    }

    #[test]
    fn what_another_party_owns_by_name_is_not_the_registrants_to_lose() {
        let l = super::super::builtin();
        let impact = |s: &str| status(l, "incident-impact", s);
        assert_eq!(
            impact(
                "A breach at our former payroll vendor increased that vendor's own legal costs."
            ),
            None
        );
        // The registrant's own costs are its impact.
        assert_eq!(
            impact("A breach at our former payroll vendor increased our legal costs."),
            Some(Status::Affirmed)
        );
    }

    #[test]
    fn an_attack_on_a_party_of_another_kind_harms_that_party() {
        let l = super::super::builtin();
        let impact = |s: &str| status(l, "incident-impact", s);
        // The registrant named nowhere, the attack "on a" business: another party's.
        assert_eq!(
            impact(
                "A ransomware attack on a major container line in 2017 disrupted port operations worldwide."
            ),
            None
        );
        // "On a" system is anyone's, the registrant's too.
        assert_eq!(
            impact(
                "A ransomware attack on a network in 2017 disrupted port operations for a week."
            ),
            Some(Status::Affirmed)
        );
        // The registrant named: the attack's effects are read as before.
        assert_eq!(
            impact(
                "A ransomware attack on a server at our Dayton plant halted production for two days."
            ),
            Some(Status::Affirmed)
        );
    }

    #[test]
    fn a_body_named_before_its_meeting_acts_on_nothing() {
        let l = super::super::builtin();
        let reports = |s: &str| status(l, "reports-to-board", s);
        // "Audit Committee" modifies "meeting": the CISO is who updates the committee.
        assert_eq!(
            reports(
                "Our CISO attends each Audit Committee meeting to update the committee on cybersecurity."
            ),
            Some(Status::Affirmed)
        );
        // The committee as the subject still acts: it does not report to itself.
        assert_eq!(
            reports(
                "The Audit Committee meets quarterly to update the committee on cybersecurity."
            ),
            None
        );
    }

    #[test]
    fn a_relative_clause_may_open_with_a_quantity_and_of() {
        let l = super::super::builtin();
        // The aside's negation stays in the aside …
        assert_eq!(
            status(
                l,
                "board-oversight",
                "The Board of Trustees, a majority of whose members are not affiliated with the Adviser, oversees the Fund's cybersecurity risk."
            ),
            Some(Status::Affirmed)
        );
        // … and a negation that opens the clause still speaks for it.
        assert_eq!(
            status(
                l,
                "material-effect",
                "We have detected several phishing campaigns, none of which, individually or in the aggregate, has materially affected us."
            ),
            Some(Status::Negated)
        );
    }

    #[test]
    fn an_appositive_opened_by_a_costs_a_frame_nothing() {
        let l = super::super::builtin();
        assert_eq!(
            status(
                l,
                "management-informed",
                "Our Cybersecurity Steering Committee, a group drawn from the engineering, operations, legal and finance functions, meets monthly to review open incidents."
            ),
            Some(Status::Affirmed)
        );
    }

    #[test]
    fn a_veto_word_of_several_ending_inside_a_match_vetoes_it() {
        let l = super::super::builtin();
        let overseen = |s: &str| status(l, "vendor-oversight", s);
        // "managed service provider" begins before the match "provider for … monitoring":
        // the provider does the monitoring, it is not overseen.
        assert_eq!(
            overseen(
                "We rely on a managed service provider for network monitoring, endpoint protection and data backup."
            ),
            None
        );
        assert_eq!(
            overseen(
                "Our vendor management program subjects each cloud provider to an annual security review."
            ),
            Some(Status::Affirmed)
        );
        // The sentence's first word is capitalised as a sentence's, not as a name's: the veto
        // that opens the sentence reaches into the match as it does anywhere else.
        assert_reads(
            "reports-to-board",
            None,
            &[
                "Management's cybersecurity committee, chaired by our Chief Financial Officer, receives monthly reports on detected threats.",
                "“Management's cybersecurity committee, chaired by our Chief Financial Officer, receives monthly reports on detected threats.”",
                "Each month management's cybersecurity committee, chaired by our Chief Financial Officer, receives reports on detected threats.",
            ],
        );
        assert_reads(
            "reports-to-board",
            Some(Status::Affirmed),
            &[
                "Our cybersecurity committee of the Board receives monthly reports from the CISO on detected threats.",
            ],
        );
    }

    #[test]
    fn what_another_party_owns_by_its_possessive_is_not_the_registrants() {
        assert_reads(
            "processes",
            None,
            &[
                "We comply with our customers' information security policies when our technicians work on their networks.",
                "We comply with our vendor's information security policies when our technicians work on its network.",
            ],
        );
        assert_reads(
            "processes",
            Some(Status::Affirmed),
            &[
                "We comply with our information security policies when our technicians work on customer networks.",
            ],
        );
    }

    #[test]
    fn an_anchor_that_is_a_pointer_word_claims_nothing() {
        let l = super::super::builtin();
        let overseen = |s: &str| status(l, "board-oversight", s);
        // "addressed" is the pointer's word, and "Cybersecurity" the section's title …
        assert_eq!(
            overseen(
                "The Risk Committee's role is addressed under the heading “Cybersecurity Governance” in Item 1C."
            ),
            None
        );
        // … while the same verb as the committee's act is oversight.
        assert_eq!(
            overseen("The Risk Committee addresses cybersecurity risk at each meeting."),
            Some(Status::Affirmed)
        );
        // A topic whose anchors may be a pointer's words keeps them ("included in").
        assert!(
            status(
                l,
                "incident-impact",
                "Costs of $1.2 million related to the ransomware attack are included in “Other operating expenses”."
            )
            .is_some()
        );
    }

    #[test]
    fn a_by_or_from_after_another_preposition_names_no_agent_of_the_match() {
        let l = super::super::builtin();
        // "from its external auditors" belongs to "through reports", not to "monitors".
        assert_eq!(
            status(
                l,
                "board-oversight",
                "The Board monitors cybersecurity risk through reports from its external auditors."
            ),
            Some(Status::Affirmed)
        );
    }

    #[test]
    fn a_party_defined_by_its_access_to_our_systems_is_overseen_whatever_its_trade() {
        let l = super::super::builtin();
        let overseen = |s: &str| status(l, "vendor-oversight", s);
        assert_eq!(
            overseen(
                "Warehouse operators and hauliers that connect to our transport management system are subject to a security assessment."
            ),
            Some(Status::Affirmed)
        );
        assert_eq!(
            overseen(
                "Foundry partners with access to our design data undergo a security review before engagement."
            ),
            Some(Status::Affirmed)
        );
        assert_eq!(
            overseen(
                "Subcontractors with access to our data are not subject to any security assessment."
            ),
            Some(Status::Negated)
        );
        // A party with access to something of its own is no party of the registrant's.
        assert_eq!(
            overseen(
                "Warehouse operators that connect to their own systems are subject to a security assessment."
            ),
            None
        );
    }

    #[test]
    fn a_role_in_a_persons_earlier_career_is_no_position_of_the_registrants() {
        let l = super::super::builtin();
        let held = |s: &str| status(l, "positions-responsible", s);
        // Opening the sentence, the earlier career reaches into the main clause …
        assert_eq!(
            held(
                "Before joining the Company, our CISO was responsible for information security at a regional airline."
            ),
            None
        );
        // … and "previously" holds what follows it in its clause.
        assert_eq!(
            held(
                "Our Director of IT Security holds a degree in information assurance and previously led security operations for a restaurant chain."
            ),
            None
        );
        // An appositive or a relative clause ends with its comma …
        assert_eq!(
            held(
                "Our Director of Cybersecurity, previously the head of IT audit, is responsible for our information security program."
            ),
            Some(Status::Affirmed)
        );
        assert_eq!(
            held(
                "Prior to joining us, our Chief Technology Officer, who is responsible for our cybersecurity program, led infrastructure teams at startups."
            ),
            Some(Status::Affirmed)
        );
        // … and "previously disclosed" is an earlier filing, not an earlier career.
        assert_eq!(
            held(
                "As previously disclosed, our Chief Information Officer is responsible for managing cybersecurity risk."
            ),
            Some(Status::Affirmed)
        );
    }

    #[test]
    fn not_until_puts_an_act_later_and_denies_nothing() {
        let l = super::super::builtin();
        assert_eq!(
            status(
                l,
                "reports-to-board",
                "Management did not brief the Board on the ransomware incident until after our systems had been restored."
            ),
            Some(Status::Affirmed)
        );
        assert_eq!(
            status(
                l,
                "reports-to-board",
                "Management did not brief the Board on the ransomware incident."
            ),
            Some(Status::Negated)
        );
    }

    #[test]
    fn a_modal_reaches_the_verbs_coordinated_with_its_own() {
        let l = super::super::builtin();
        let engaged = |s: &str| status(l, "third-party-engaged", s);
        assert_eq!(
            engaged("We may engage outside consultants and retain forensic firms to assist us."),
            Some(Status::Hedged)
        );
        // After a comma and a subject of its own, the second clause keeps its own mood.
        assert_eq!(
            engaged(
                "We may engage outside consultants, and we retain a forensic firm on a standing retainer."
            ),
            Some(Status::Affirmed)
        );
    }

    #[test]
    fn a_relative_clause_set_off_by_commas_costs_a_gap_nothing_and_holds_its_own_words() {
        let l = super::super::builtin();
        let responsible = |s: &str| status(l, "positions-responsible", s);
        let board = |s: &str| status(l, "board-oversight", s);
        // A long aside between the subject and its verb.
        assert_eq!(
            board(
                "Our Board of Directors, which regards cybersecurity as among the most significant operational risks facing a distributor that ships thousands of orders each day, is responsible for overseeing cybersecurity risk."
            ),
            Some(Status::Affirmed)
        );
        // An earlier career told in the aside is no veto on the main clause.
        assert_eq!(
            responsible(
                "Our Director of Security, who previously worked in the energy sector, manages the Company's cybersecurity program."
            ),
            Some(Status::Affirmed)
        );
        // A slot is not found inside the aside past its gap: the aside's "cybersecurity" is
        // not the program's.
        assert_eq!(
            status(
                l,
                "processes",
                "Our IT Director, who oversees cybersecurity for the Company, has no formal training or certification in information security."
            ),
            None
        );
        // An aside that never closes is no aside.
        assert_eq!(
            board(
                "Our Board of Directors, which regards cybersecurity as among the most significant operational risks facing a distributor that ships thousands of orders each day is responsible for overseeing cybersecurity risk."
            ),
            None
        );
    }

    #[test]
    fn an_attack_on_another_party_harms_that_party_unless_the_registrant_is_named() {
        let l = super::super::builtin();
        let impact = |s: &str| status(l, "incident-impact", s);
        assert_eq!(
            impact(
                "A ransomware attack on another operator's network led that operator to halt deliveries for several days."
            ),
            None
        );
        assert_eq!(
            impact(
                "An intrusion at a large payroll processor delayed paychecks for employees of hundreds of employers."
            ),
            None
        );
        // The registrant named as harmed, or the attack on its own vendor.
        assert_eq!(
            impact(
                "A ransomware attack on one of our distributors delayed shipments of our products to retailers for four days."
            ),
            Some(Status::Affirmed)
        );
        assert_eq!(
            impact("A ransomware attack on a processor delayed our shipments for four days."),
            Some(Status::Affirmed)
        );
        // The registrant named, but the party attacked named again as the one harmed.
        assert_eq!(
            impact(
                "A ransomware attack on one of our largest customers forced it to halt production for several weeks."
            ),
            None
        );
        // … the party further off, past what of it was attacked; the registrant's own
        // deliveries named so are still the registrant's.
        assert_eq!(
            impact(
                "A ransomware attack on the servers that run the dispatch software of one of our competitors halted its deliveries for two days."
            ),
            None
        );
        assert_eq!(
            impact(
                "A ransomware attack on the servers that run the dispatch software of one of our carriers halted our deliveries for two days."
            ),
            Some(Status::Affirmed)
        );
        // A subject told by a relative clause that opens on a preposition, with the
        // registrant as its subject, is a party the registrant deals with.
        assert_eq!(
            impact(
                "One of the supply-side platforms with which we integrate was compromised in 2022 and later paid a settlement to resolve a resulting class action."
            ),
            None
        );
        assert_eq!(
            impact(
                "Our platform was compromised in 2022 and we later paid a settlement to resolve a resulting class action."
            ),
            Some(Status::Affirmed)
        );
        // A party's name modifying a noun after "our" names the registrant's own thing.
        assert_eq!(
            impact("The ransomware attack disrupted our borrower payment portal for eleven days."),
            Some(Status::Affirmed)
        );
        assert_eq!(
            impact("The ransomware attack disrupted their customer portal for eleven days."),
            None
        );
        // … the party taken up again by a demonstrative.
        assert_eq!(
            impact(
                "Following the attack on one of our suppliers, that supplier reverted to paper records for a month."
            ),
            None
        );
        assert_eq!(
            impact(
                "Following the attack on one of our suppliers, our warehouses reverted to paper records for a month."
            ),
            Some(Status::Affirmed)
        );
    }

    #[test]
    fn a_phrase_of_accompaniment_set_off_by_commas_is_an_aside() {
        let l = super::super::builtin();
        let integration = |s: &str| status(l, "integration", s);
        assert_eq!(
            integration(
                "Our cybersecurity risks, together with climate, tenant-credit and development risks, are reported through our enterprise risk management program."
            ),
            Some(Status::Affirmed)
        );
        // An appositive still says who the subject is.
        let processes = |s: &str| status(l, "processes", s);
        assert_eq!(
            processes(
                "Our timberland manager, an affiliate of the Trust's external adviser, maintains its own information security program."
            ),
            None
        );
    }

    #[test]
    fn a_trigger_keeps_its_context_may_after_a_preposition_is_the_month() {
        let l = super::super::builtin();
        let impact = |s: &str| status(l, "incident-impact", s);
        assert_eq!(
            impact(
                "Owing to the ransomware incident in May, net sales in our European segment were roughly $12 million lower than in the prior year."
            ),
            Some(Status::Affirmed)
        );
        assert_eq!(
            impact("A ransomware attack may reduce our net sales."),
            Some(Status::Hedged)
        );
        // A user's trigger may name a context too.
        let lex = lex(r#"
classes:
  month-before: {doc: before a month, words: [in]}
triggers:
  maybe: {doc: a hedge, status: hedged, direction: forward, words: [march], not-after: [month-before]}
topics:
  engaged:
    doc: engaging
    frames: ["!@engage ~4 @assessor"]
"#);
        assert_eq!(
            status(&lex, "engaged", "We march engage consultants."),
            Some(Status::Hedged)
        );
        assert_eq!(
            status(&lex, "engaged", "In march we engage consultants."),
            Some(Status::Affirmed)
        );
    }

    #[test]
    fn a_negation_inside_an_introductory_phrase_speaks_of_the_phrase_only() {
        let l = super::super::builtin();
        let engaged = |s: &str| status(l, "third-party-engaged", s);
        assert_eq!(
            engaged(
                "As a company with no products on the market, we retain an outside firm to test our network each year."
            ),
            Some(Status::Affirmed)
        );
        assert_eq!(
            engaged(
                "With no dedicated security staff of its own, the Partnership relies on a managed detection and response service to watch its endpoints."
            ),
            Some(Status::Affirmed)
        );
        // A clause, not a phrase: the negation reaches on.
        assert_eq!(
            engaged(
                "During 2024 the Company did not engage any outside firm that, in our view, could assess our cybersecurity program."
            ),
            Some(Status::Negated)
        );
        // A hedge that opens the sentence governs the clause after the comma.
        assert_eq!(
            engaged(
                "In the event of a significant incident, we would retain a forensic firm to assist our security team."
            ),
            Some(Status::Hedged)
        );
    }

    #[test]
    fn a_body_named_as_another_partys_is_that_party() {
        let l = super::super::builtin();
        assert_eq!(
            status(
                l,
                "board-oversight",
                "The board of directors of our vendor monitors its cybersecurity risk each quarter."
            ),
            None
        );
        assert_eq!(
            status(
                l,
                "board-oversight",
                "The audit committee of our Board oversees cybersecurity risk."
            ),
            Some(Status::Affirmed)
        );
        // "of" past the actor's own words is another matter: tests of a vendor's systems are
        // still the registrant's.
        assert_eq!(
            status(
                l,
                "third-party-engaged",
                "Security assessments of our building automation vendors are performed by an outside firm retained by our IT group."
            ),
            Some(Status::Affirmed)
        );
    }

    #[test]
    fn the_registrants_own_past_is_no_earlier_career() {
        let l = super::super::builtin();
        let processes = |s: &str| status(l, "processes", s);
        assert_eq!(
            processes(
                "The Company previously adopted a written information security policy, which it updates each year."
            ),
            Some(Status::Affirmed)
        );
        // A person's earlier work for another company is not the registrant's program.
        assert_eq!(
            processes(
                "She previously led cyber defence for a container line and holds a master's degree in information security."
            ),
            None
        );
    }

    #[test]
    fn the_words_of_a_correlative_pair_cost_a_gap_nothing() {
        let l = super::super::builtin();
        assert_eq!(
            status(
                l,
                "third-party-engaged",
                "We rely not only on our own engineers but also on outside penetration testers to probe our network."
            ),
            Some(Status::Affirmed)
        );
        assert_eq!(
            status(
                l,
                "incident-impact",
                "Not only our vendors but also our customers have suffered ransomware attacks in recent years."
            ),
            None
        );
    }

    #[test]
    fn however_between_commas_inside_a_clause_ends_no_scope() {
        let l = super::super::builtin();
        let engaged = |s: &str| status(l, "third-party-engaged", s);
        assert_eq!(
            engaged(
                "We have not, however, engaged an outside firm to assess our cybersecurity program."
            ),
            Some(Status::Negated)
        );
        assert_eq!(
            engaged(
                "At no time, however, did we engage an outside assessor to review our cybersecurity program."
            ),
            Some(Status::Negated)
        );
        // Between two clauses it still ends the first one's scope.
        assert_eq!(
            engaged(
                "We have not completed a formal assessment; however, we engage an outside firm to test our network each year."
            ),
            Some(Status::Affirmed)
        );
    }

    #[test]
    fn a_body_named_as_theirs_is_another_partys() {
        let l = super::super::builtin();
        let reports = |s: &str| status(l, "reports-to-board", s);
        assert_eq!(
            reports(
                "Security leaders at most regional utilities brief their boards on cybersecurity at least twice a year."
            ),
            None
        );
        assert_eq!(
            reports(
                "Our CISO briefs the Board of Directors on cybersecurity at least twice a year."
            ),
            Some(Status::Affirmed)
        );
    }

    #[test]
    fn what_another_party_calls_its_own_is_theirs_and_the_registrants_own_is_its() {
        let l = super::super::builtin();
        // … also just before a match that starts on its noun.
        assert_eq!(
            status(
                l,
                "third-party-engaged",
                "Our customers often engage their own cybersecurity auditors to review the systems we host for them."
            ),
            None
        );
        assert_eq!(
            status(
                l,
                "third-party-engaged",
                "Each of our franchisees retains its own payment-security assessor to validate its card-data controls."
            ),
            None
        );
        assert_eq!(
            status(
                l,
                "positions-responsible",
                "The Partnership has its own Chief Information Security Officer, who manages our cybersecurity program."
            ),
            Some(Status::Affirmed)
        );
    }

    #[test]
    fn an_earlier_career_ends_at_a_predicate_of_today() {
        let l = super::super::builtin();
        let responsible = |s: &str| status(l, "positions-responsible", s);
        assert_eq!(
            responsible(
                "Our CISO has 20 years of experience in information security and leads our cybersecurity program."
            ),
            Some(Status::Affirmed)
        );
        assert_eq!(
            status(
                l,
                "processes",
                "Our CISO has more than 20 years of experience in information security, including as head of cyber defence at a multinational bank."
            ),
            None
        );
    }

    #[test]
    fn an_effect_for_another_party_marked_as_not_ours_is_that_partys() {
        assert_reads(
            "incident-impact",
            None,
            &[
                "A ransomware attack on one of our tenants in 2024 caused significant downtime for that tenant.",
                "A ransomware attack on a laboratory services company delayed test results at several competing health systems for weeks.",
                "A ransomware attack on a claims clearinghouse delayed payments for many other pharmacies in 2024.",
            ],
        );
        // A quantifier alone, a restrictive clause, or "our" leaves the effect the registrant's.
        assert_reads(
            "incident-impact",
            Some(Status::Affirmed),
            &[
                "The 2024 cyberattack delayed shipments for several key customers by up to a week.",
                "The attack on our billing vendor caused delays for those customers who pay by invoice.",
                "The 2024 cyberattack caused outages at several of our distribution centers.",
            ],
        );
    }

    #[test]
    fn a_negation_whose_focus_is_a_restriction_after_the_verb_says_the_act() {
        assert_reads(
            "board-oversight",
            Some(Status::Affirmed),
            &[
                "Our Board does not oversee cybersecurity only through the Audit Committee; it also hears directly from the CISO.",
                "The Board does not oversee cybersecurity solely through its Risk Committee.",
            ],
        );
        // The restriction past a comma, or none: the act is denied.
        assert_reads(
            "board-oversight",
            Some(Status::Negated),
            &[
                "The Board does not oversee cybersecurity.",
                "The Board does not oversee cybersecurity, which is managed only by our CIO.",
            ],
        );
    }

    #[test]
    fn a_party_in_a_phrase_of_accompaniment_is_not_the_subject() {
        assert_reads(
            "reports-to-board",
            Some(Status::Affirmed),
            &[
                "Our CISO, working with an outside consulting firm, presented the results of a tabletop exercise to the Audit Committee.",
                "Our CISO, together with our outside advisers, presented the results of a tabletop exercise to the Audit Committee.",
                "Our Director of IT, working closely with our managed security provider, briefs the Audit Committee on cybersecurity each quarter.",
            ],
        );
        assert_reads(
            "reports-to-board",
            None,
            &[
                "Our outsourced security provider, working with our CISO, presents a quarterly threat report to the Audit Committee.",
            ],
        );
    }

    #[test]
    fn we_as_the_subject_of_a_relative_clause_on_a_party_is_not_the_subject() {
        assert_reads(
            "third-party-engaged",
            None,
            &[
                "The trailer telematics vendors we use engage their own independent security assessors.",
                "The telematics vendors that we use engage their own independent security assessors.",
            ],
        );
        assert_reads(
            "third-party-engaged",
            Some(Status::Affirmed),
            &["We engage independent security assessors to test our telematics systems."],
        );
    }

    #[test]
    fn a_party_as_the_object_of_an_earlier_verb_is_not_the_subject() {
        assert_reads(
            "third-party-engaged",
            Some(Status::Affirmed),
            &[
                "The Company notified customers, engaged outside cybersecurity experts and restored its systems.",
                "After the attack we alerted our vendors, retained a forensic firm and reset every password.",
            ],
        );
        // The party's own participle, first in the sentence or after a determiner or a verb,
        // leaves the party the subject.
        assert_reads(
            "third-party-engaged",
            None,
            &[
                "Affected customers engaged their own forensic firms.",
                "Several affected customers, engaged outside auditors to review their own systems.",
            ],
        );
    }

    #[test]
    fn a_phrase_of_time_between_commas_after_an_auxiliary_is_an_aside() {
        assert_reads(
            "board-oversight",
            Some(Status::Negated),
            &[
                "Neither the Board nor any of its committees had, as of the date of this report, been assigned specific responsibility for overseeing cybersecurity risk.",
            ],
        );
    }

    #[test]
    fn the_registrant_as_the_object_of_the_anchor_is_the_one_affected() {
        assert_reads(
            "incident-impact",
            Some(Status::Negated),
            &[
                "No payor, regulator or patient has imposed any penalty on us in connection with the incident.",
            ],
        );
        assert_reads(
            "incident-impact",
            Some(Status::Affirmed),
            &["State regulators imposed a fine on the Company in connection with the breach."],
        );
        // Another party the object: not the registrant's loss.
        assert_reads(
            "incident-impact",
            None,
            &[
                "State regulators imposed a fine on our former vendor in connection with the breach.",
            ],
        );
    }

    #[test]
    fn a_negation_lifted_by_unless_says_the_act_on_a_condition() {
        assert_reads(
            "management-informed",
            Some(Status::Affirmed),
            &[
                "Alerts from our SIEM are not shared with senior management unless they involve a confirmed incident.",
            ],
        );
        // "unless" past the clause's end lifts nothing.
        assert_reads(
            "management-informed",
            Some(Status::Negated),
            &[
                "Alerts from our SIEM are not shared with senior management; unless they involve a confirmed incident, analysts close them.",
            ],
        );
    }
}
