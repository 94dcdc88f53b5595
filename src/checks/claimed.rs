//! What the sentences of a rule's scope claim, analysed once per filing.
//!
//! Two dozen rules ask the claim layer about the same Item 1C section (each for its own
//! topic), so a line is analysed once, for every topic, the first time a rule asks, and kept
//! for the rest of the filing's run. A rule whose scope is the whole document (`elsewhere`)
//! names the word classes its sentences need (`requires`), and only the lines that hold one
//! of their words are analysed at all ([`Requires`]) — the result is the same, since a
//! sentence without them could not give the rule a finding. Within those lines a sentence is
//! analysed only when it holds a literal that any word of those classes must leave in the
//! text ([`Requires`]'s sentence filter, proved sound below): in a 10-K most sentences of the
//! lines that mention an incident name none of the classes, and their analysis was most of a
//! run's time.

use std::cell::{OnceCell, RefCell};
use std::ops::Range;
use std::rc::Rc;

use super::prefilter::{LineFilter, candidate_lines};
use super::text::{Origin, Region};
use crate::claims::analyse::{Prepared, analyse_prepared, analyse_prepared_in_place};
use crate::claims::lexicon::ClassId;
use crate::claims::{Claim, Lexicon};
use crate::filing::Filing;
use crate::filing::text::{line_of, lines_in, sentences_of_line};

/// A line's sentences (ranges in the text the line is in), each with its claims and which word
/// classes it holds (by class: what `requires` asks, answered by the same analysis), analysed
/// the first time a rule needs them.
type Analysed = Rc<Vec<(Range<usize>, OnceCell<(Vec<Claim>, Vec<bool>)>)>>;

/// A sentence's claims (in its own offsets) and the word classes it holds, by its words and
/// what it carries from the sentence before.
type Memo = crate::FastMap<(Box<str>, Vec<ClassId>), Rc<(Vec<Claim>, Vec<bool>)>>;

/// The analysed lines of one filing, by (text, line start): the text is the layer (0) or a
/// fact's own text (the fact's address).
#[derive(Default)]
pub struct Said {
    lines: RefCell<crate::FastMap<(usize, usize), Analysed>>,
    /// Sentences already analysed, by their words and what they carry from the sentence
    /// before: a filing that repeats a sentence (a flag's "No" three hundred thousand times)
    /// has it analysed once. Claims are kept in the sentence's own offsets.
    memo: RefCell<Memo>,
    /// The spans of the cyd flags tagged as check boxes, found once per filing
    /// ([`Said::check_boxes`]): every claim rule skips their captions.
    boxes: OnceCell<Vec<crate::source::Span>>,
    /// Sentences already read in place ([`Said::in_place`]), by their words: every "absent"
    /// rule about to fire asks of the same item's sentences.
    placed: RefCell<crate::FastMap<Box<str>, Rc<Vec<Claim>>>>,
    /// The sentences [`Said::of`] left unanalysed because they hold none of a rule's
    /// required classes, by (text, sentence start), with the classes they hold: a rule that
    /// requires others still finds them to analyse.
    lacking: RefCell<crate::FastMap<(usize, usize), Vec<bool>>>,
    /// The tokens and hits of each sentence read so far, by its words ([`Said::prepared`]):
    /// a sentence analysed again — after other sentences, read in place, or left unanalysed
    /// by one rule and analysed for another — is not read again.
    prepared: RefCell<crate::FastMap<Box<str>, Rc<Prepared>>>,
}

/// Word classes one of which a sentence must hold, and a search for the lines that may.
#[derive(Clone, Debug)]
pub struct Requires {
    /// The classes.
    pub classes: Vec<ClassId>,
    /// The searches, made from the classes' entries on first use ([`Requires::filters`]): a
    /// run whose filings reach no rule that requires them never makes them. Boxed: the
    /// searches are large and aligned for their vector code, and every claim rule holds a
    /// `Requires`, most never searching.
    filters: std::sync::OnceLock<Box<Filters>>,
}

/// The searches of [`Requires`].
#[derive(Clone, Debug)]
struct Filters {
    /// The lines holding the first word (or, for a one-word entry that two words may spell,
    /// its first four letters or its fourth to seventh) of one of their entries.
    filter: Option<LineFilter>,
    /// The sentences that may hold a word of the classes: see [`sentence_literals`].
    sentence: Option<LineFilter>,
    /// The same test as `sentence` run without the squeezed copy ([`Skipping`]), when its
    /// automaton is small enough.
    skipping: Option<Skipping>,
}

/// [`may_hold`]'s test without the squeezed copy of the text: an Aho–Corasick automaton of
/// the literals run over the text as written, in which the bytes squeezing drops (white
/// space, hyphens, slashes) leave the state as it is and an ASCII capital moves it as its
/// lower case does — so it reaches a literal's end exactly where the search of the squeezed
/// copy finds one. A character outside ASCII is decoded: a dropped one is skipped, the two
/// whose lower case is ASCII answer yes (as [`squeeze_into`]'s `None` does), any other sends
/// the automaton back to its start (no literal holds a byte of it). It reads each byte once
/// with one table lookup, where squeezing wrote the text again and the search read it.
#[derive(Clone, Debug)]
struct Skipping {
    /// The next state by state and ASCII byte, [`Skipping::FOUND`] where a literal ends (a
    /// state that stays: a byte table, read without bounds tests, and tested once for eight
    /// bytes).
    next: Box<[[u8; 128]; 256]>,
}

impl Skipping {
    /// The state reached where a literal ends.
    const FOUND: u8 = u8::MAX;

    /// The automaton of `literals` (lowercase ASCII letters and digits), or None when it
    /// would have too many states for its table.
    fn of(literals: &[Vec<u8>]) -> Option<Skipping> {
        const NONE: u32 = u32::MAX;
        if literals.is_empty()
            || literals.iter().any(|l| {
                l.is_empty()
                    || !l
                        .iter()
                        .all(|b| b.is_ascii_alphanumeric() && !b.is_ascii_uppercase())
            })
        {
            return None;
        }
        // The trie of the literals, and which of its states end one.
        let mut trie: Vec<[u32; 128]> = vec![[NONE; 128]];
        let mut ends: Vec<bool> = vec![false];
        for lit in literals {
            let mut at = 0;
            for &b in lit {
                if trie[at][usize::from(b)] == NONE {
                    trie.push([NONE; 128]);
                    ends.push(false);
                    trie[at][usize::from(b)] = (trie.len() - 1) as u32;
                }
                at = trie[at][usize::from(b)] as usize;
            }
            ends[at] = true;
        }
        let n = trie.len();
        if n >= usize::from(Self::FOUND) {
            return None;
        }
        // The full transitions, breadth first (each state's fallback is shallower, so done
        // already); a state ends a literal when its fallback does.
        let mut goto = vec![[0u32; 128]; n];
        let mut fallback = vec![0usize; n];
        let mut queue = std::collections::VecDeque::new();
        for b in 0..128 {
            if trie[0][b] != NONE {
                goto[0][b] = trie[0][b];
                queue.push_back(trie[0][b] as usize);
            }
        }
        while let Some(st) = queue.pop_front() {
            ends[st] |= ends[fallback[st]];
            for b in 0..128 {
                let via = goto[fallback[st]][b];
                match trie[st][b] {
                    NONE => goto[st][b] = via,
                    c => {
                        fallback[c as usize] = via as usize;
                        goto[st][b] = c;
                        queue.push_back(c as usize);
                    }
                }
            }
        }
        let mut next = Box::new([[0u8; 128]; 256]);
        for (st, row) in next.iter_mut().enumerate().take(n) {
            for (b, cell) in row.iter_mut().enumerate() {
                *cell = if !SQUEEZE_KEEPS[b] {
                    st as u8
                } else {
                    let t = goto[st][usize::from((b as u8).to_ascii_lowercase())] as usize;
                    if ends[t] { Self::FOUND } else { t as u8 }
                };
            }
        }
        next[usize::from(Self::FOUND)] = [Self::FOUND; 128];
        Some(Skipping { next })
    }

    /// True when the squeezed copy of `text` holds a literal, or `text` holds one of the two
    /// characters whose lower case is ASCII: what [`may_hold`] answers.
    fn may_hold(&self, text: &str) -> bool {
        let next = &*self.next;
        let bytes = text.as_bytes();
        let mut state = 0u8;
        let mut i = 0;
        loop {
            // Eight ASCII bytes at a time.
            while let Some(x) = ascii_word_at(bytes, i) {
                for k in 0..8 {
                    state = next[usize::from(state)][((x >> (8 * k)) & 0x7f) as usize];
                }
                if state == Self::FOUND {
                    return true;
                }
                i += 8;
            }
            let Some(&b) = bytes.get(i) else {
                return false;
            };
            if b < 0x80 {
                state = next[usize::from(state)][usize::from(b)];
                if state == Self::FOUND {
                    return true;
                }
                i += 1;
                continue;
            }
            let Some(c) = text.get(i..).and_then(|r| r.chars().next()) else {
                return true;
            };
            if matches!(c, '\u{212a}' | '\u{130}') {
                return true;
            }
            if !(c.is_whitespace() || matches!(c, '\u{2010}' | '\u{2011}')) {
                state = 0;
            }
            i += c.len_utf8();
        }
    }
}

impl Filters {
    /// True when `text` (a line or a sentence) may hold a word of the classes: the sentence
    /// filter's test ([`may_hold`]), by the automaton when there is one.
    fn sentence_may_hold(&self, text: &str) -> bool {
        match (&self.skipping, &self.sentence) {
            (Some(s), _) => s.may_hold(text),
            (None, Some(f)) => may_hold(f, text),
            (None, None) => true,
        }
    }
}

/// Literals one of which every sentence holding a word of `classes` holds, once
/// ASCII-lowercased and squeezed ([`squeezed`]), or None when no such set is proved.
///
/// A class's hit is one of its entries (every form of it) matched word by word on tokens: the
/// first word `f` equal to a token's form (or starting it, for `f*`) or to two adjacent
/// tokens' forms joined (eight letters or more together), each later word equal to (or
/// starting) the next token's form. A token's form is its text lower-cased, with curly
/// apostrophes straightened and three contractions rewritten ("won't" → "will" "n't",
/// "can't", "cannot" → "can" "not"). So a word `w` of four or more ASCII letters and digits,
/// of which "will" does not start (the one rewritten form not in its text), is in the
/// ASCII-lowercased text of the sentence when a token's form equals or starts with it —
/// unless that form was lower-cased from one of the two characters whose lower case is
/// ASCII (the Kelvin sign and `İ`: sentences holding one are always analysed, [`may_hold`]).
/// Two adjacent word tokens are written apart by white space or by one hyphen or slash (any
/// other character is a token of its own), so with those removed, `f` written as two words
/// is in the text too. Each entry form offers its words; the one another form already gave
/// is taken, else the longest (the fewer sentences pass, the fewer are analysed). Computed
/// classes (no entries) have no literals: None.
fn sentence_literals(lex: &Lexicon, classes: &[ClassId]) -> Option<Vec<String>> {
    let usable = |w: &str| {
        w.len() >= 4 && w.bytes().all(|b| b.is_ascii_alphanumeric()) && !"will".starts_with(w)
    };
    let mut choices: Vec<Vec<String>> = Vec::new();
    for &c in classes {
        let class = lex.classes.get(c)?;
        if class.computed || class.entries.is_empty() {
            return None;
        }
        for (entry, how) in class.entries.iter() {
            for words in crate::claims::morph::entry_forms(entry, *how) {
                let options: Vec<String> = words
                    .iter()
                    .map(|w| w.trim_end_matches('*'))
                    .filter(|w| usable(w))
                    .map(str::to_string)
                    .collect();
                if options.is_empty() {
                    return None;
                }
                choices.push(options);
            }
        }
    }
    // Forms of one usable word first; then each form takes a word already offered, else its
    // longest.
    choices.sort_by_key(Vec::len);
    let mut literals: Vec<String> = Vec::new();
    for options in choices {
        if options.iter().any(|o| literals.contains(o)) {
            continue;
        }
        literals.extend(options.into_iter().max_by_key(String::len));
    }
    Some(literals)
}

/// The eight bytes of `bytes` at `i` as one little-endian word, when there are eight and all
/// are ASCII: the unit both [`squeeze_into`] and [`Skipping`]'s test read the text in.
fn ascii_word_at(bytes: &[u8], i: usize) -> Option<u64> {
    let x = u64::from_le_bytes(bytes.get(i..i + 8)?.try_into().ok()?);
    (x & 0x8080_8080_8080_8080 == 0).then_some(x)
}

/// `sentence` ASCII-lowercased, without white space, hyphens and slashes (the characters
/// that may separate two words the tokenizer joins: see [`sentence_literals`]), into
/// `out[..n]`, `Some(n)`; `None` when the sentence holds one of the two characters whose
/// lower case is ASCII, the Kelvin sign and `İ`, which the literals cannot account for. What
/// `out` holds past `n` is left over (the buffer only grows, and is not cleared for each
/// sentence).
///
/// Byte by byte: the ASCII bytes (nearly all of a filing) are read eight at a time — lowercased
/// together, their separators found together, and the runs between separators written a word
/// at a time —, and only a non-ASCII byte has its character decoded (tested against the
/// character-by-character definition, `squeezed_by_chars`).
fn squeeze_into(sentence: &str, out: &mut Vec<u8>) -> Option<usize> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const ONES: u64 = 0x0101_0101_0101_0101;
    // The zero bytes of `t` (each below 0x80): its high bit, exactly, no borrow between bytes.
    let zeros = |t: u64| !(((t & LOW7) + LOW7) | t) & HIGH;
    let bytes = sentence.as_bytes();
    // Eight bytes of room past the end: a run is written as a whole word wherever it ends.
    if out.len() < bytes.len() + 8 {
        out.resize(bytes.len() + 8, 0);
    }
    let mut n = 0;
    let mut i = 0;
    loop {
        while let Some(x) = ascii_word_at(bytes, i) {
            // A byte from `A` to `Z` is the one whose high bit `+ 0x3f` sets and `+ 0x25`
            // does not (no carry crosses a byte below 0x80); `| 0x20` lower-cases it.
            let upper = x.wrapping_add(0x3f3f_3f3f_3f3f_3f3f)
                & !x.wrapping_add(0x2525_2525_2525_2525)
                & HIGH;
            let lower = x | (upper >> 2);
            // The separators [`SQUEEZE_KEEPS`] drops: `\t` to `\r` (at least 9 and below 14),
            // the space, `-` and `/`.
            let mut sep = (x.wrapping_add(0x7777_7777_7777_7777)
                & !x.wrapping_add(0x7272_7272_7272_7272)
                & HIGH)
                | zeros(x ^ (ONES * 0x20))
                | zeros(x ^ (ONES * 0x2d))
                | zeros(x ^ (ONES * 0x2f));
            // `n` never passes `i`, so a word written at `n` stays inside `i + 8`; each later
            // run overwrites what lies past the last.
            let mut from = 0;
            while sep != 0 {
                let at = (sep.trailing_zeros() / 8) as usize;
                out[n..n + 8].copy_from_slice(&(lower >> (8 * from)).to_le_bytes());
                n += at - from;
                from = at + 1;
                sep &= sep - 1;
            }
            if from < 8 {
                out[n..n + 8].copy_from_slice(&(lower >> (8 * from)).to_le_bytes());
                n += 8 - from;
            }
            i += 8;
        }
        let Some(&b) = bytes.get(i) else {
            break;
        };
        if b < 0x80 {
            out[n] = b.to_ascii_lowercase();
            n += usize::from(SQUEEZE_KEEPS[usize::from(b)]);
            i += 1;
            continue;
        }
        let c = sentence[i..].chars().next()?;
        let len = c.len_utf8();
        if matches!(c, '\u{212a}' | '\u{130}') {
            return None;
        }
        if !(c.is_whitespace() || matches!(c, '\u{2010}' | '\u{2011}')) {
            out[n..n + len].copy_from_slice(&bytes[i..i + len]);
            n += len;
        }
        i += len;
    }
    Some(n)
}

/// For each ASCII byte, whether [`squeeze_into`] keeps it: all but the characters
/// `char::is_whitespace` holds, the hyphen and the slash.
const SQUEEZE_KEEPS: [bool; 128] = {
    let mut keep = [true; 128];
    let mut b = 0;
    while b < 128 {
        keep[b] = !matches!(b as u8, b'\t'..=b'\r' | b' ' | b'-' | b'/');
        b += 1;
    }
    keep
};

/// True when `sentence` may hold a word of the classes of `filter` (see
/// [`sentence_literals`]).
fn may_hold(filter: &LineFilter, sentence: &str) -> bool {
    thread_local! {
        static SQUEEZED: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    SQUEEZED.with_borrow_mut(|out| match squeeze_into(sentence, out) {
        Some(n) => filter.is_in(&out[..n]),
        None => true,
    })
}

impl Requires {
    /// The requirement of `classes` (ids in the lexicon its rule is compiled against).
    pub fn new(classes: Vec<ClassId>) -> Requires {
        Requires {
            classes,
            filters: std::sync::OnceLock::new(),
        }
    }

    /// True when a sentence whose classes are `present` (as an analysis gives them, by class
    /// id) holds a word of one of the classes.
    fn held_by(&self, present: &[bool]) -> bool {
        self.classes
            .iter()
            .any(|&c| present.get(c).copied().unwrap_or(false))
    }

    /// The searches for the classes, made on first use from their entries in `lex` (the
    /// lexicon the classes are ids in).
    fn filters(&self, lex: &Lexicon) -> &Filters {
        self.filters
            .get_or_init(|| Box::new(Filters::of(lex, &self.classes)))
    }
}

impl Filters {
    fn of(lex: &Lexicon, classes: &[ClassId]) -> Filters {
        let mut literals: Vec<String> = Vec::new();
        for &c in classes {
            for (entry, how) in lex.classes[c].entries.iter() {
                for words in crate::claims::morph::entry_forms(entry, *how) {
                    let Some(first) = words.first() else { continue };
                    // A word after the first, when the form has one to search for: every
                    // match holds it as written — it is matched against one token, never two
                    // joined, and only the rewritten "will" and the Kelvin sign's `k`
                    // lower-case to letters not in the text (see `sentence_literals`). One
                    // offered already, else the longest: the fewer lines hold one, the fewer
                    // are analysed ("data breach" → "breach", "supply chain attack" →
                    // "attack"; the first words are among the commonest of a 10-K).
                    let later: Vec<&str> = words[1..]
                        .iter()
                        .map(|w| w.trim_end_matches('*'))
                        .filter(|w| {
                            w.len() >= 4
                                && w.bytes().all(|b| b.is_ascii_alphanumeric() && b != b'k')
                                && !"will".starts_with(w)
                        })
                        .collect();
                    let first = first.trim_end_matches('*');
                    let lit = if let Some(w) = later
                        .iter()
                        .find(|w| literals.iter().any(|l| l == *w))
                        .or_else(|| later.iter().max_by_key(|w| w.len()))
                    {
                        w.to_string()
                    } else if words.len() == 1 && first.len() >= 8 && first.is_ascii() {
                        // "cyberattack" is also written "cyber attack", and the tokenizer
                        // joins any two adjacent words that spell an entry of eight letters
                        // or more ("cyb ersecurity"): a line holds the first four letters
                        // unless the break falls within them, after the first, second or
                        // third letter — and then the second word holds the fourth to the
                        // seventh ("erse").
                        literals.push(first[3..7].to_string());
                        first[..4].to_string()
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
        let sentence = sentence_literals(lex, classes).and_then(LineFilter::of_words);
        let skipping = sentence.as_ref().and_then(|f| Skipping::of(f.literals()));
        Filters {
            filter,
            sentence,
            skipping,
        }
    }
}

impl Said {
    /// The tokens and hits of `sentence` ([`Prepared::of`]), read once per filing.
    fn prepared(&self, lex: &Lexicon, sentence: &str) -> Rc<Prepared> {
        if let Some(p) = self.prepared.borrow().get(sentence) {
            return p.clone();
        }
        let p = Rc::new(Prepared::of(lex, sentence));
        self.prepared
            .borrow_mut()
            .insert(sentence.into(), p.clone());
        p
    }

    /// What sentence `ss[i]` of the line starting at `line_start` takes from the sentence
    /// before it (`Lexicon::carried_before_by`, from the kept sentences) — or nothing when
    /// its reading is the same whatever it carries (`Prepared::read_alike_in_place`), so
    /// that the sentence before is not read for it: its claims and classes are the same
    /// under either key of the memo.
    fn carried_before(
        &self,
        lex: &Lexicon,
        text: &str,
        ss: &[Range<usize>],
        i: usize,
        line_start: usize,
    ) -> Vec<ClassId> {
        let Some(s) = ss.get(i) else {
            return Vec::new();
        };
        let sentence = self.prepared(lex, &text[s.clone()]);
        if !sentence.refers_back() || sentence.read_alike_in_place(lex) {
            return Vec::new();
        }
        lex.carried_before_by(text, ss, i, line_start, |b| self.prepared(lex, b))
    }

    /// The claims of `sentence` read in place ([`Lexicon::in_sentence_in_place`]: inside the
    /// item, a sentence is about cybersecurity by its place), in its own offsets: each
    /// sentence once per filing.
    pub fn in_place(&self, lex: &Lexicon, sentence: &str) -> Rc<Vec<Claim>> {
        if let Some(c) = self.placed.borrow().get(sentence) {
            return c.clone();
        }
        // As `lex.in_sentence_in_place(sentence)`, from the sentence's tokens and hits; or,
        // when that reading is the sentence's reading after any other
        // (`Prepared::read_alike_in_place`), the claims the memo has of it already.
        let prepared = self.prepared(lex, sentence);
        let analysed = if prepared.read_alike_in_place(lex) {
            let key = (Box::<str>::from(sentence), Vec::new());
            self.memo.borrow().get(&key).map(|m| m.0.clone())
        } else {
            None
        };
        let c = Rc::new(analysed.unwrap_or_else(|| analyse_prepared_in_place(lex, &prepared)));
        self.placed.borrow_mut().insert(sentence.into(), c.clone());
        c
    }

    /// The spans of the cyd flags of `filing` tagged as check boxes (`ixt-sec:boolballotbox`:
    /// ☐ / ☒), found on the first call: the sentence holding one is its caption, which a claim
    /// rule does not read (`checks::claim`).
    pub fn check_boxes(&self, filing: &Filing) -> &[crate::source::Span] {
        self.boxes.get_or_init(|| {
            filing
                .facts
                .iter()
                .filter(|f| {
                    f.concept.is_cyd()
                        && f.format
                            .as_deref()
                            .is_some_and(|x| x.ends_with(":boolballotbox"))
                })
                .map(|f| f.span)
                .collect()
        })
    }

    /// The claims of `sentence` (in its offsets) and the classes it holds, after a sentence
    /// holding the requirement classes `carried`: analysed once per filing. The analysis
    /// reads `carried` only when the sentence refers back (`analyse::Sent::refers_back`), so
    /// the sentences that do not are kept under no carried classes, whatever came before.
    fn analysed(
        &self,
        lex: &Lexicon,
        sentence: &str,
        carried: Vec<ClassId>,
    ) -> Rc<(Vec<Claim>, Vec<bool>)> {
        let carried = if carried.is_empty() || self.prepared(lex, sentence).refers_back() {
            carried
        } else {
            Vec::new()
        };
        self.analysed_carrying(lex, sentence, carried)
    }

    /// [`Self::analysed`] when `carried` is empty or `sentence` is known to refer back: what
    /// `Lexicon::carried_before` and `Lexicon::carried_from` give (nothing unless the
    /// sentence refers back), which need not be asked of the sentence again.
    fn analysed_carrying(
        &self,
        lex: &Lexicon,
        sentence: &str,
        carried: Vec<ClassId>,
    ) -> Rc<(Vec<Claim>, Vec<bool>)> {
        let key = (Box::<str>::from(sentence), carried);
        let found = self.memo.borrow().get(&key).cloned();
        found.unwrap_or_else(|| {
            // As `lex.in_sentence_after(sentence, 0..sentence.len(), &key.1)`, from the
            // sentence's tokens and hits.
            let prepared = self.prepared(lex, sentence);
            let m = Rc::new(analyse_prepared(lex, &prepared, &key.1));
            self.memo.borrow_mut().insert(key, m.clone());
            m
        })
    }

    /// The claims of every sentence of `text`, each with its sentence, in `text`'s offsets:
    /// `lex.in_text(text, 0..text.len(), None)`, with each sentence analysed once per filing
    /// (a flag's answer or a short text block is most often analysed by the claim rules
    /// already).
    pub fn in_text(&self, lex: &Lexicon, text: &str) -> Vec<(Range<usize>, Vec<Claim>)> {
        self.in_range(lex, text, 0..text.len())
    }

    /// The claims of every sentence of `text[range]`, each with its sentence, in `text`'s
    /// offsets: `lex.in_text(text, range, None)` (its lines cut at the range's ends, as it
    /// cuts them), with each sentence analysed once per filing — the scorecard reads its
    /// section's sentences through the memo the claim rules filled.
    pub fn in_range(
        &self,
        lex: &Lexicon,
        text: &str,
        range: Range<usize>,
    ) -> Vec<(Range<usize>, Vec<Claim>)> {
        let mut out = Vec::new();
        for line in lines_in(text, range) {
            let ss = sentences_of_line(text, line.clone());
            // As `Lexicon::in_paragraph`: the first sentence may take from the line before,
            // each later one from the sentence before it.
            let mut carried = self.carried_before(lex, text, &ss, 0, line.start);
            for s in ss {
                let memo = self.analysed(lex, &text[s.clone()], carried);
                carried = lex
                    .requirement_classes()
                    .iter()
                    .copied()
                    .filter(|&c| memo.1.get(c).copied().unwrap_or(false))
                    .collect();
                let at = |r: &Range<usize>| r.start + s.start..r.end + s.start;
                out.push((s.clone(), memo.0.iter().map(|c| c.moved(at)).collect()));
            }
        }
        out
    }

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
        let filters = requires.map(|r| r.filters(lex));
        let starts: Vec<usize> = match filters.and_then(|f| f.filter.as_ref()) {
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
        let sentence_filter = filters.filter(|f| f.sentence.is_some());
        for s in starts {
            let line = line_of(text, s);
            // A sentence's squeezed text is part of its line's: a line that cannot hold a
            // word of the classes has no sentence that can, and is not even segmented.
            if let Some(f) = sentence_filter
                && !self.lines.borrow().contains_key(&(key, line.start))
                && !f.sentence_may_hold(&text[line.clone()])
            {
                continue;
            }
            let analysed = self
                .lines
                .borrow_mut()
                .entry((key, line.start))
                .or_insert_with(|| {
                    Rc::new(
                        sentences_of_line(text, line.clone())
                            .into_iter()
                            .map(|s| (s, OnceCell::new()))
                            .collect(),
                    )
                })
                .clone();
            // The line's sentences as ranges, for `carried_before`: made only when it is
            // asked (a line's first sentence that refers back), not for every line, and
            // once for the line however many of its sentences ask.
            let ranges_made: std::cell::OnceCell<Vec<Range<usize>>> = std::cell::OnceCell::new();
            let ranges =
                || ranges_made.get_or_init(|| analysed.iter().map(|(s, _)| s.clone()).collect());
            for (i, (s, cell)) in analysed.iter().enumerate() {
                if s.end <= off || s.start >= end {
                    continue;
                }
                // A sentence that cannot hold a word of the classes fails the test below
                // without an analysis.
                if let Some(f) = sentence_filter
                    && !f.sentence_may_hold(&text[s.clone()])
                {
                    continue;
                }
                let words = &text[s.clone()];
                // A sentence that refers back may take a topic's required context from the
                // sentence before it (claims::Lexicon::carried_before).
                let carried = || {
                    // The classes of the sentence before, when it was analysed already.
                    match i.checked_sub(1).and_then(|p| analysed[p].1.get()) {
                        Some((_, before)) => {
                            lex.carried_from_prepared(&self.prepared(lex, words), before)
                        }
                        // The first sentence's is the last of the line before, when that
                        // line is segmented here and its last sentence analysed already.
                        None if i == 0 && line.start > 0 => {
                            let before = line_of(text, line.start - 1).start;
                            let lines = self.lines.borrow();
                            match lines
                                .get(&(key, before))
                                .and_then(|l| l.last())
                                .and_then(|(_, c)| c.get())
                            {
                                Some((_, before)) => {
                                    lex.carried_from_prepared(&self.prepared(lex, words), before)
                                }
                                None => self.carried_before(lex, text, ranges(), i, line.start),
                            }
                        }
                        None => self.carried_before(lex, text, ranges(), i, line.start),
                    }
                };
                let moved = |memo: &(Vec<Claim>, Vec<bool>)| {
                    let at = |r: &Range<usize>| r.start + s.start..r.end + s.start;
                    (memo.0.iter().map(|c| c.moved(at)).collect(), memo.1.clone())
                };
                // With a requirement, a sentence not analysed yet has its tokens and hits
                // read first, and is analysed only when it holds one of the classes: the
                // test below, from the classes the analysis would give.
                if cell.get().is_none()
                    && let Some(r) = requires
                {
                    if self
                        .lacking
                        .borrow()
                        .get(&(key, s.start))
                        .is_some_and(|present| !r.held_by(present))
                    {
                        continue;
                    }
                    let memo_key = (Box::<str>::from(words), carried());
                    let found = self.memo.borrow().get(&memo_key).cloned();
                    let memo = match found {
                        Some(m) => m,
                        None => {
                            let prepared = self.prepared(lex, words);
                            if !r.held_by(prepared.present()) {
                                self.lacking
                                    .borrow_mut()
                                    .insert((key, s.start), prepared.present().to_vec());
                                continue;
                            }
                            let m = Rc::new(analyse_prepared(lex, &prepared, &memo_key.1));
                            self.memo.borrow_mut().insert(memo_key, m.clone());
                            m
                        }
                    };
                    let _ = cell.set(moved(&memo));
                }
                let (claims, present) = cell.get_or_init(|| {
                    // Both give nothing unless the sentence refers back.
                    moved(&self.analysed_carrying(lex, words, carried()))
                });
                // As `lex.sentence_has(&text[s], &r.classes)`, from the analysis's pass.
                if let Some(r) = requires
                    && !r.held_by(present)
                {
                    continue;
                }
                let local =
                    |r: &Range<usize>| r.start.saturating_sub(off)..r.end.saturating_sub(off);
                out.push((local(s), claims.iter().map(|c| c.moved(local)).collect()));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::analyse::refers_back_text;

    /// The sentences the generated paragraphs of the memo's tests open with: a board, a
    /// committee taken up again, "it", and effects denied and hedged — each test adds its own.
    const PARAGRAPH_PIECES: [&str; 5] = [
        "Our Board of Directors oversees cybersecurity risk. ",
        "That committee receives reports from our CISO. ",
        "It reviews incidents quarterly. ",
        "These risks have not materially affected us. ",
        "Such incidents could materially affect our business. ",
    ];

    /// [`PARAGRAPH_PIECES`] and a test's own.
    fn paragraph_pieces(own: &[&'static str]) -> Vec<&'static str> {
        PARAGRAPH_PIECES.iter().chain(own).copied().collect()
    }

    /// A filing whose text layer is `text` alone (no facts, no offset map).
    fn filing_of(text: &str) -> Filing {
        let mut filing = Filing::default();
        filing.text = crate::filing::text::TextLayer::new(
            text.to_string(),
            crate::filing::text::OffsetMap::default(),
            text.len(),
        );
        filing
    }

    /// The whole of `filing`'s text layer, as a region.
    fn whole_text(filing: &Filing) -> crate::checks::text::Region<'_> {
        crate::checks::text::Region::new(&filing.text.text, crate::checks::text::Origin::Layer(0))
    }

    /// An entry form written as a drafter might: any case, one word of eight letters or more
    /// split in two (by spaces or a hyphen), curly apostrophes, the Kelvin sign for a `k`.
    fn written(words: &[String], next: &mut impl FnMut(usize) -> usize) -> String {
        let mut out = Vec::new();
        for w in words {
            let w = w.trim_end_matches('*');
            let mut w = match next(4) {
                0 => w.to_uppercase(),
                1 => {
                    let mut c = w.chars();
                    c.next()
                        .map(|f| f.to_uppercase().chain(c).collect())
                        .unwrap_or_default()
                }
                _ => w.to_string(),
            };
            if w.len() >= 8 && w.is_ascii() && next(3) == 0 {
                let k = 1 + next(w.len() - 1);
                let sep = ["  ", " ", "-", "/", "\u{2011}", "\u{a0}"][next(6)];
                w = format!("{}{sep}{}", &w[..k], &w[k..]);
            }
            if next(20) == 0 {
                w = w.replace('k', "\u{212a}");
            }
            out.push(w.replace('\'', ["'", "\u{2019}"][next(2)]));
        }
        out.join(" ")
    }

    /// A line's first sentence that refers back takes the classes of the line before's last
    /// sentence from its analysis when that line is analysed already (`Said::of`, lines in
    /// order), as `Said::in_text` takes them by reading that sentence again: the same
    /// sentences with the same claims, on generated paragraphs.
    #[test]
    fn a_line_takes_from_the_line_before_as_read_again() {
        let lex = crate::claims::builtin();
        let pieces = paragraph_pieces(&[
            "We maintain a program to assess and manage them. ",
            "The Audit Committee oversees this. ",
            "They report to the Board. ",
            "Management is responsible. ",
            "\n",
            "\n",
            "\n\n",
            "Item 1C. Cybersecurity\n",
        ]);
        let mut next = crate::test_rng(0x5eed_11e5);
        for _ in 0..60 {
            let text = crate::testing::test_string(&mut next, &pieces, 12);
            let filing = filing_of(&text);
            let region = whole_text(&filing);
            let by_lines = Said::default().of(lex, &filing, &region, None);
            let read_again = Said::default().in_text(lex, &text);
            assert_eq!(by_lines, read_again, "{text:?}");
        }
    }

    /// A range of a text read through the memo (`Said::in_range`, the scorecard's section)
    /// is read as `Lexicon::in_text` reads it, lines cut at the range's ends: on generated
    /// paragraphs and ranges (whole, inside a line, across lines, empty, past the end), with
    /// a fresh memo and with one the whole text's reading and other ranges filled first.
    #[test]
    fn a_range_read_through_the_memo_is_read_as_in_text_reads_it() {
        let lex = crate::claims::builtin();
        let pieces = [
            "Our Board of Directors oversees cybersecurity risk. ",
            "That committee receives reports from our CISO. ",
            "It reviews incidents quarterly. ",
            "These risks have not materially affected us. ",
            "We engage third-party assessors. ",
            "They report to the Board. ",
            "\n",
            "\n\n",
            "Item 1C. Cybersecurity\n",
        ];
        let mut next = crate::test_rng(0x5eed_2a9e);
        let warm = Said::default();
        for _ in 0..60 {
            let text = crate::testing::test_string(&mut next, &pieces, 10);
            // The pieces are ASCII: every offset is a character boundary.
            let len = text.len();
            let (a, b) = (next(len + 1), next(len + 1));
            let (a, b) = (a.min(b), a.max(b));
            let fresh = Said::default();
            for range in [0..len, a..b, a..len, 0..b, a..a, b..len + 5] {
                let want = lex.in_text(&text, range.clone(), None);
                assert_eq!(
                    fresh.in_range(lex, &text, range.clone()),
                    want,
                    "{text:?} {range:?}"
                );
                let _ = warm.in_text(lex, &text);
                assert_eq!(
                    warm.in_range(lex, &text, range.clone()),
                    want,
                    "{text:?} {range:?}"
                );
            }
        }
    }

    /// With a requirement, `Said::of` reads a new sentence's tokens and hits first and
    /// analyses only one holding a required class (`analyse::Prepared`): the sentences and
    /// claims are those of every sentence analysed (no requirement) that holds one, and
    /// `analyse_prepared` gives what `analyse_after` gives. On generated paragraphs, each
    /// read by a fresh memo and by one that other requirements (and none) read first.
    #[test]
    fn a_sentence_lacking_the_required_classes_is_dropped_as_after_its_analysis() {
        let lex = crate::claims::builtin();
        let pieces = paragraph_pieces(&[
            "We experienced a ransomware attack in May 2024. ",
            "A breach of our systems could harm us. ",
            "In the event of a cyber attack, we notify the Board. ",
            "The event was not material. ",
            "We have not experienced any material cybersecurity incidents. ",
            "We engage third-party assessors. ",
            "Our compensation committee meets quarterly. ",
            "A default is an event under the credit agreement. ",
            "We face the threat of new competitors. ",
            "The occurrence of a pandemic could disrupt our supply. ",
            "Unauthorized resale of our products harms the brand. ",
            "\n",
            "\n\n",
            "Item 1C. Cybersecurity\n",
        ]);
        let sets: Vec<Vec<ClassId>> = [
            &["cyber-attack", "incident"][..],
            &["incident"],
            &["cyber-term"],
            &["cyber-attack", "incident", "cyber-term"],
        ]
        .iter()
        .map(|names| names.iter().filter_map(|n| lex.class(n)).collect())
        .collect();
        assert!(sets.iter().all(|s| !s.is_empty()));
        let mut next = crate::test_rng(0x5eed_1ac4);
        let mut lacking = 0;
        for _ in 0..40 {
            let text = crate::testing::test_string(&mut next, &pieces, 12);
            let filing = filing_of(&text);
            let region = whole_text(&filing);
            let every = Said::default().of(lex, &filing, &region, None);
            let warm = Said::default();
            for (k, classes) in sets.iter().enumerate() {
                let req = Requires::new(classes.clone());
                let want: Vec<_> = every
                    .iter()
                    .filter(|(s, _)| lex.sentence_has(&text[s.clone()], classes))
                    .cloned()
                    .collect();
                let fresh = Said::default().of(lex, &filing, &region, Some(&req));
                assert_eq!(fresh, want, "{text:?} {k}");
                assert_eq!(
                    warm.of(lex, &filing, &region, Some(&req)),
                    want,
                    "{text:?} {k}"
                );
            }
            lacking += warm.lacking.borrow().len();
            assert_eq!(warm.of(lex, &filing, &region, None), every, "{text:?}");
            for s in crate::filing::text::sentences_of_line(&text, 0..text.len()) {
                let words = &text[s];
                for carried in [Vec::new(), sets[0].clone()] {
                    let prepared = crate::claims::analyse::Prepared::of(lex, words);
                    let want = crate::claims::analyse::analyse_after(lex, words, None, &carried);
                    assert_eq!(prepared.present(), &want.1[..], "{words:?}");
                    assert_eq!(
                        crate::claims::analyse::analyse_prepared(lex, &prepared, &carried),
                        want,
                        "{words:?}"
                    );
                }
            }
        }
        // The test means something: sentences that pass the literal filter but hold no
        // required class were left unanalysed.
        assert!(lacking > 10, "{lacking}");
    }

    /// A sentence's tokens and hits read once per filing (`Said::prepared`) give every later
    /// reading what reading them again gives: on generated paragraphs (months among them,
    /// whose tokens the analysis marks on a copy), a memo that read the text with
    /// requirements, with none, in place and through `in_text`, in turn and twice over,
    /// answers as the lexicon's own readings of each sentence do, and reads fewer sentences
    /// than it answers.
    #[test]
    fn a_sentence_read_once_is_analysed_as_read_again() {
        let lex = crate::claims::builtin();
        let pieces = paragraph_pieces(&[
            "We experienced a ransomware attack in May 2024. ",
            "May 2024 saw an incident; it may recur. ",
            "A breach of our systems could harm us. ",
            "We have not experienced any material cybersecurity incidents. ",
            "We engage third-party assessors. ",
            "This oversight is shared with the Audit Committee. ",
            "A default is an event under the credit agreement. ",
            "\n",
            "\n\n",
            "Item 1C. Cybersecurity\n",
        ]);
        let sets: Vec<Vec<ClassId>> = [&["cyber-attack", "incident"][..], &["cyber-term"]]
            .iter()
            .map(|names| names.iter().filter_map(|n| lex.class(n)).collect())
            .collect();
        assert!(sets.iter().all(|s| !s.is_empty()));
        let mut next = crate::test_rng(0x5eed_c0de);
        let (mut asked, mut read) = (0, 0);
        for _ in 0..40 {
            let text = crate::testing::test_string(&mut next, &pieces, 12);
            let filing = filing_of(&text);
            let region = whole_text(&filing);
            let said = Said::default();
            for round in 0..2 {
                for classes in &sets {
                    let req = Requires::new(classes.clone());
                    let want: Vec<_> = Said::default()
                        .of(lex, &filing, &region, None)
                        .into_iter()
                        .filter(|(s, _)| lex.sentence_has(&text[s.clone()], classes))
                        .collect();
                    assert_eq!(said.of(lex, &filing, &region, Some(&req)), want, "{text:?}");
                }
                let none = said.of(lex, &filing, &region, None);
                assert_eq!(none, Said::default().of(lex, &filing, &region, None));
                for (s, claims) in &none {
                    let words = &text[s.clone()];
                    let (want, _) = lex.in_sentence_after(words, 0..words.len(), &[]);
                    let moved: Vec<Claim> = want
                        .iter()
                        .map(|c| c.moved(|r| r.start + s.start..r.end + s.start))
                        .collect();
                    // (A sentence that refers back may carry classes from the one before.)
                    if refers_back_text(words) {
                        continue;
                    }
                    assert_eq!(claims, &moved, "{words:?} {round}");
                }
                assert_eq!(
                    said.in_text(lex, &text),
                    lex.in_text(&text, 0..text.len(), None)
                );
                for s in crate::filing::text::sentences_of_line(&text, 0..text.len()) {
                    let words = &text[s];
                    asked += 1;
                    assert_eq!(
                        *said.in_place(lex, words),
                        lex.in_sentence_in_place(words),
                        "{words:?}"
                    );
                }
            }
            read += said.prepared.borrow().len();
        }
        // The test means something: sentences were answered from tokens read before.
        assert!(read > 0 && read < asked, "{read} {asked}");
    }

    /// The classes a sentence that refers back takes from the sentence before, read from the
    /// tokens and hits a memo keeps (`Lexicon::carried_before_by` with `Said::prepared`, and
    /// `Lexicon::carried_from_prepared`, each finding whether the sentence refers back from
    /// its kept tokens), are those `Lexicon::carried_before` and `Lexicon::carried_from` read
    /// by reading the sentences' text again: for every
    /// sentence of generated paragraphs (a line's first taking from the line before's last),
    /// with a fresh memo and with one that has read the text with a requirement and without.
    #[test]
    fn the_classes_carried_from_a_kept_sentence_are_those_read_again() {
        let lex = crate::claims::builtin();
        let pieces = paragraph_pieces(&[
            "We maintain a program to assess and manage them. ",
            "The Audit Committee oversees this. ",
            "A breach of our systems could harm us. ",
            "\n",
            "\n\n",
            "Item 1C. Cybersecurity\n",
        ]);
        let classes: Vec<ClassId> = ["cyber-attack", "incident"]
            .iter()
            .filter_map(|n| lex.class(n))
            .collect();
        let mut next = crate::test_rng(0x5eed_ca77);
        let mut carrying = 0;
        for round in 0..60 {
            let text = crate::testing::test_string(&mut next, &pieces, 12);
            let said = Said::default();
            if round % 2 == 1 {
                let filing = filing_of(&text);
                let region = whole_text(&filing);
                said.of(lex, &filing, &region, Some(&Requires::new(classes.clone())));
                said.of(lex, &filing, &region, None);
            }
            for line in lines_in(&text, 0..text.len()) {
                let ss = sentences_of_line(&text, line.clone());
                for i in 0..ss.len() + 1 {
                    let want = lex.carried_before(&text, &ss, i, line.start);
                    let got =
                        lex.carried_before_by(&text, &ss, i, line.start, |b| said.prepared(lex, b));
                    assert_eq!(got, want, "{text:?} {i}");
                    carrying += usize::from(!want.is_empty());
                    if let Some(sentence) = ss.get(i) {
                        let words = &text[sentence.clone()];
                        let prepared = said.prepared(lex, words);
                        assert_eq!(prepared.refers_back(), refers_back_text(words), "{words:?}");
                        let before = Prepared::of(lex, &text[ss[i.saturating_sub(1)].clone()]);
                        assert_eq!(
                            lex.carried_from_prepared(&prepared, before.present()),
                            lex.carried_from(words, before.present()),
                            "{words:?}"
                        );
                    }
                }
            }
        }
        assert!(carrying > 50, "{carrying}");
    }

    /// What the memo's reading of a sentence takes from the one before (`Said::carried_before`)
    /// is what the lexicon's takes (`Lexicon::carried_before`), or nothing for a sentence
    /// read alike whatever it carries — and then its claims and classes are those read with
    /// what the lexicon's takes: for every sentence of generated paragraphs, some of them
    /// sentences that refer back, are read alike and follow one holding requirement classes.
    #[test]
    fn a_sentence_read_alike_takes_nothing_from_the_one_before() {
        let lex = crate::claims::builtin();
        let pieces = paragraph_pieces(&[
            "We maintain a program to assess and manage them. ",
            "The Audit Committee oversees this. ",
            "Such incidents could disrupt our operations. ",
            "They report to the Board on cybersecurity risk. ",
            "A breach of our systems could harm us. ",
            "\n",
            "\n\n",
        ]);
        let mut next = crate::test_rng(0x5eed_a11e);
        let mut spared = 0;
        for _ in 0..60 {
            let text = crate::testing::test_string(&mut next, &pieces, 12);
            let said = Said::default();
            for line in lines_in(&text, 0..text.len()) {
                let ss = sentences_of_line(&text, line.clone());
                for i in 0..ss.len() {
                    let want = lex.carried_before(&text, &ss, i, line.start);
                    let got = said.carried_before(lex, &text, &ss, i, line.start);
                    if got == want {
                        continue;
                    }
                    assert!(got.is_empty(), "{text:?} {i}");
                    let prepared = said.prepared(lex, &text[ss[i].clone()]);
                    assert!(prepared.read_alike_in_place(lex), "{text:?} {i}");
                    assert_eq!(
                        analyse_prepared(lex, &prepared, &got),
                        analyse_prepared(lex, &prepared, &want),
                        "{text:?} {i}"
                    );
                    spared += 1;
                }
            }
        }
        assert!(spared > 20, "{spared}");
    }

    /// A sentence read alike in place (`Prepared::read_alike_in_place`) has, read in place,
    /// the claims it has read after no sentence and after one carrying every requirement
    /// class, and the memo's reading in place (`Said::in_place`, which takes them from the
    /// memo) is the lexicon's: on generated sentences, with and without the words topics
    /// require, months among them; some of them read otherwise in place, none of those
    /// read alike.
    #[test]
    fn a_sentence_read_alike_in_place_has_the_claims_read_after_any() {
        let lex = crate::claims::builtin();
        let pieces = [
            "We engage outside assessors",
            "to review our program",
            "Our CISO reports to the Audit Committee",
            "on cybersecurity risk",
            "We have not experienced a material incident",
            "in May 2024",
            "and a ransomware attack",
            "could affect our operations",
            "The Board oversees this",
            "We maintain an incident response plan",
            ", ",
            " ",
        ];
        let mut next = crate::test_rng(0x5eed_91ac);
        let (mut alike, mut differ) = (0, 0);
        for _ in 0..400 {
            let mut sentence = crate::testing::test_string(&mut next, &pieces, 5);
            sentence.push('.');
            let prepared = Prepared::of(lex, &sentence);
            let in_place = crate::claims::analyse::analyse_prepared_in_place(lex, &prepared);
            let after = analyse_prepared(lex, &prepared, &[]).0;
            if prepared.read_alike_in_place(lex) {
                alike += 1;
                assert_eq!(in_place, after, "{sentence:?}");
                let carrying = analyse_prepared(lex, &prepared, lex.requirement_classes()).0;
                assert_eq!(in_place, carrying, "{sentence:?}");
            } else {
                differ += usize::from(in_place != after);
            }
            let said = Said::default();
            if next(2) == 0 {
                said.analysed(lex, &sentence, Vec::new());
            }
            assert_eq!(
                *said.in_place(lex, &sentence),
                lex.in_sentence_in_place(&sentence),
                "{sentence:?}"
            );
        }
        assert!(alike > 20 && differ > 20, "{alike} {differ}");
    }

    /// Every sentence that holds a word of the required classes passes the sentence filter
    /// (which only spares sentences the analysis would drop): every named class of the
    /// built-in lexicon alone, and the built-in rules' own sets, on generated sentences of
    /// their entries' forms written every way the tokenizer reads alike, among fillers that
    /// contain the literals' letters without the words.
    #[test]
    fn the_sentence_filter_never_drops_a_sentence_with_a_required_word() {
        let lex = crate::claims::builtin();
        let mut sets: Vec<Vec<ClassId>> = lex
            .class_names()
            .iter()
            .filter_map(|n| lex.class(n))
            .map(|c| vec![c])
            .collect();
        for names in [
            &["cyber-attack", "incident"][..],
            &["cyber-attack", "incident", "cyber-term"],
        ] {
            sets.push(names.iter().filter_map(|n| lex.class(n)).collect());
        }
        let fillers = [
            "the",
            "prevent",
            "won't",
            "can't",
            "cannot",
            "Company’s",
            "in the event of",
            ",",
            ".",
            ";",
            "(",
            "\"",
            "İ",
            "in-",
            "-",
            "/",
            "  ",
            "dent",
            "inci",
            "will",
            "n't",
            "1A",
        ];
        let mut next = crate::test_rng(0x5eed_c1a5);
        let mut filtered = 0;
        let mut checked = 0;
        for classes in &sets {
            let req = Requires::new(classes.clone());
            let Some(f) = &req.filters(lex).sentence else {
                continue;
            };
            filtered += 1;
            let forms: Vec<Vec<String>> = classes
                .iter()
                .flat_map(|&c| lex.classes[c].entries.iter())
                .flat_map(|(e, how)| crate::claims::morph::entry_forms(e, *how))
                .collect();
            let all: Vec<Vec<String>> = lex
                .classes
                .iter()
                .flat_map(|c| c.entries.iter())
                .flat_map(|(e, how)| crate::claims::morph::entry_forms(e, *how))
                .collect();
            for _ in 0..400 {
                let mut parts = Vec::new();
                for _ in 0..1 + next(6) {
                    parts.push(match next(3) {
                        0 => written(&forms[next(forms.len())], &mut next),
                        1 => written(&all[next(all.len())], &mut next),
                        _ => fillers[next(fillers.len())].to_string(),
                    });
                }
                let sentence = parts.join([" ", "", "-"][next(3)]);
                let has = lex.sentence_has(&sentence, classes);
                checked += usize::from(has);
                assert!(
                    !has || may_hold(f, &sentence),
                    "the filter drops {sentence:?}, which holds a word of {:?}",
                    classes
                        .iter()
                        .map(|&c| &lex.classes[c].name)
                        .collect::<Vec<_>>()
                );
            }
        }
        // The test means something: most class sets get a filter, and many sentences hold a
        // required word.
        assert!(filtered > sets.len() / 2, "{filtered} of {}", sets.len());
        assert!(checked > 1000, "{checked}");
    }

    /// The automaton answers what squeezing and searching answer (`Skipping::may_hold`
    /// against `may_hold`): on random literal sets over a small alphabet (literals that
    /// overlap, nest and share prefixes, so every fallback of the automaton is taken) and
    /// random texts of their letters in both cases, the separators squeezing drops (ASCII and
    /// not), other punctuation, characters outside ASCII, the Kelvin sign and `İ`; and on the
    /// built-in classes' own literals with sentences written from their entries.
    #[test]
    fn the_automaton_answers_as_squeezing_and_searching() {
        let mut next = crate::test_rng(0x5eed_a70a);
        let pieces = [
            "a", "b", "c", "A", "B", "C", "1", " ", "  ", "-", "/", "\t", "\n", ".", ",", "é",
            "\u{a0}", "\u{2010}", "\u{2011}", "\u{3000}", "’", "\u{212a}", "\u{130}", "ab", "abc",
            "ba", "cab",
        ];
        let mut held = 0;
        let mut checked = 0;
        for _ in 0..3_000 {
            let words: Vec<String> = (0..1 + next(6))
                .map(|_| {
                    (0..4 + next(4))
                        .map(|_| ["a", "b", "c", "1"][next(4)])
                        .collect::<String>()
                })
                .collect();
            let Some(f) = LineFilter::of_words(words) else {
                continue;
            };
            let skipping = Skipping::of(f.literals()).expect("a small automaton");
            for _ in 0..20 {
                let mut text = crate::testing::test_string(&mut next, &pieces, 60);
                if next(4) == 0 {
                    // A literal written in, split by separators.
                    let lit = &f.literals()[next(f.literals().len())];
                    let at = next(lit.len());
                    text.push_str(std::str::from_utf8(&lit[..at]).unwrap_or(""));
                    text.push_str(["-", " ", "\u{a0}", ""][next(4)]);
                    text.push_str(std::str::from_utf8(&lit[at..]).unwrap_or(""));
                }
                let want = may_hold(&f, &text);
                held += usize::from(want);
                checked += 1;
                assert_eq!(
                    skipping.may_hold(&text),
                    want,
                    "{text:?} {:?}",
                    f.literals()
                );
            }
        }
        assert!(
            held > checked / 10 && held < checked * 9 / 10,
            "{held} of {checked}"
        );
        // The built-in classes' literals, on sentences of their entries among fillers.
        let lex = crate::claims::builtin();
        let mut sets: Vec<Vec<ClassId>> = lex
            .class_names()
            .iter()
            .filter_map(|n| lex.class(n))
            .map(|c| vec![c])
            .collect();
        sets.push(
            ["cyber-attack", "incident"]
                .iter()
                .filter_map(|n| lex.class(n))
                .collect(),
        );
        let all: Vec<Vec<String>> = lex
            .classes
            .iter()
            .flat_map(|c| c.entries.iter())
            .flat_map(|(e, how)| crate::claims::morph::entry_forms(e, *how))
            .collect();
        let fillers = [
            "the",
            "won't",
            "Company’s",
            ",",
            "İ",
            "in-",
            "-",
            "/",
            "  ",
            "dent",
        ];
        let mut automata = 0;
        for classes in &sets {
            let req = Requires::new(classes.clone());
            let filters = req.filters(lex);
            let Some(f) = &filters.sentence else {
                continue;
            };
            // (A class whose literals need more states than the table holds keeps
            // squeezing.)
            let Some(skipping) = filters.skipping.as_ref() else {
                continue;
            };
            automata += 1;
            for _ in 0..100 {
                let parts: Vec<String> = (0..1 + next(8))
                    .map(|_| match next(2) {
                        0 => written(&all[next(all.len())], &mut next),
                        _ => fillers[next(fillers.len())].to_string(),
                    })
                    .collect();
                let sentence = parts.join([" ", "", "-"][next(3)]);
                assert_eq!(
                    skipping.may_hold(&sentence),
                    may_hold(f, &sentence),
                    "{sentence:?}"
                );
            }
        }
        assert!(automata > sets.len() / 2, "{automata} of {}", sets.len());
        // The built-in rules' set has one.
        let rules = Requires::new(sets[sets.len() - 1].clone());
        assert!(rules.filters(lex).skipping.is_some());
    }

    /// A line holding a form of an entry of the required classes, written as a drafter might
    /// (any case, curly apostrophes, among other words), holds one of the line filter's
    /// literals once ASCII-lowercased — for the class sets whose filter takes a later word
    /// of an entry whose first word is too short to search for ("it security").
    #[test]
    fn the_line_filter_never_drops_a_line_with_a_required_word() {
        let lex = crate::claims::builtin();
        let names = ["cyber-attack", "incident", "cyber-term"];
        let classes: Vec<ClassId> = names.iter().filter_map(|n| lex.class(n)).collect();
        assert_eq!(classes.len(), 3);
        let req = Requires::new(classes.clone());
        let f = req
            .filters(lex)
            .filter
            .as_ref()
            .expect("the classes have a line filter");
        let forms: Vec<Vec<String>> = classes
            .iter()
            .flat_map(|&c| lex.classes[c].entries.iter())
            .flat_map(|(e, how)| crate::claims::morph::entry_forms(e, *how))
            .collect();
        assert!(forms.iter().any(|w| w[0] == "it"));
        let fillers = [
            "the",
            "Company’s",
            "won't",
            "it",
            "IT",
            ",",
            ".",
            "(",
            "in-",
            "1A",
        ];
        let mut next = crate::test_rng(0x11e_f11e);
        let mut checked = 0;
        let mut split = 0;
        for _ in 0..3000 {
            let mut parts = Vec::new();
            for _ in 0..1 + next(5) {
                let form = &forms[next(forms.len())];
                // A one-word entry of eight letters or more broken in two anywhere ("cyb
                // ersecurity"), which the tokenizer joins again.
                if form.len() == 1 && form[0].len() >= 8 && form[0].is_ascii() && next(3) == 0 {
                    let w = form[0].trim_end_matches('*');
                    let at = 1 + next(w.len() - 1);
                    parts.push(format!("{} {}", &w[..at], &w[at..]));
                    split += 1;
                    continue;
                }
                parts.push(match next(2) {
                    0 => form
                        .iter()
                        .map(|w| {
                            let w = w.trim_end_matches('*');
                            match next(3) {
                                0 => w.to_uppercase(),
                                1 => w.replace('\'', "\u{2019}"),
                                _ => w.to_string(),
                            }
                        })
                        .collect::<Vec<_>>()
                        .join([" ", "  ", "-"][next(3)]),
                    _ => fillers[next(fillers.len())].to_string(),
                });
            }
            let line = parts.join(" ");
            if lex.sentence_has(&line, &classes) {
                checked += 1;
                assert!(
                    f.is_in(line.to_ascii_lowercase().as_bytes()),
                    "the line filter drops {line:?}"
                );
            }
        }
        assert!(checked > 1000, "{checked}");
        assert!(split > 100, "{split}");
    }

    /// `sentence` ASCII-lowercased, without white space, hyphens and slashes, character by
    /// character: what [`squeeze_into`] computes byte by byte.
    fn squeezed_by_chars(sentence: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(sentence.len());
        for (i, c) in sentence.char_indices() {
            if c.is_whitespace() || matches!(c, '-' | '\u{2010}' | '\u{2011}' | '/') {
                continue;
            }
            out.extend(
                sentence.as_bytes()[i..i + c.len_utf8()]
                    .iter()
                    .map(u8::to_ascii_lowercase),
            );
        }
        out
    }

    fn squeezed(sentence: &str) -> Vec<u8> {
        let mut out = Vec::new();
        match squeeze_into(sentence, &mut out) {
            Some(n) => out[..n].to_vec(),
            None => sentence.as_bytes().to_vec(),
        }
    }

    /// The byte loop squeezes as the definition does, and gives up on exactly the sentences
    /// holding a Kelvin sign or an `İ`: every ASCII character, and characters of every
    /// width, white space and hyphens among them.
    #[test]
    fn squeezing_byte_by_byte_is_squeezing_by_characters() {
        let mut pieces: Vec<String> = (0u8..128).map(|b| char::from(b).to_string()).collect();
        pieces.extend(
            [
                "\u{85}", "\u{a0}", "é", "ß", "\u{1680}", "\u{2000}", "\u{200a}", "\u{2010}",
                "\u{2011}", "\u{2012}", "\u{2028}", "\u{202f}", "\u{3000}", "’", "ﬁ", "😀",
                "Cyber", "attack", "\u{212a}", "\u{130}", "\u{212b}",
            ]
            .map(String::from),
        );
        let mut next = crate::test_rng(0x5eed_59ee);
        let mut out = Vec::new();
        for _ in 0..20_000 {
            // Up to 24 pieces: runs of eight ASCII bytes and more, cut by wider characters.
            let s: String = (0..next(24))
                .map(|_| pieces[next(pieces.len())].as_str())
                .collect();
            let special = s.contains(['\u{212a}', '\u{130}']);
            match squeeze_into(&s, &mut out) {
                Some(n) => {
                    assert!(!special, "{s:?}");
                    assert_eq!(out[..n], squeezed_by_chars(&s), "{s:?}");
                }
                None => assert!(special, "{s:?}"),
            }
        }
    }

    /// The squeezed text drops exactly the separators of two joined words.
    #[test]
    fn squeezing_drops_separators_only() {
        assert_eq!(squeezed("Cyber Attack"), b"cyberattack");
        assert_eq!(squeezed("cyber-\u{a0}at/tack\u{2011}s"), b"cyberattacks");
        assert_eq!(squeezed("a,b.c;K"), b"a,b.c;k");
        assert_eq!(squeezed("\u{212a}"), "\u{212a}".as_bytes());
    }
}
