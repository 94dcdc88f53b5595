//! The built-in patterns stored as automata: build.rs compiles the patterns listed in
//! `src/syntax/stored-patterns.txt` into dense DFAs, forward and reverse (regex-automata's
//! `dfa::regex`), and the binary loads them from its own bytes instead of compiling those
//! patterns when first searched ([`LazyRegex`](super::pattern::LazyRegex)).
//!
//! Why: a check of the shared corpus compiled twelve built-in patterns (a 10-K's fact
//! selectors, the Item 1C rules' text patterns), 11.3 M instructions of the regex crate's
//! engine choice, literal extraction and prefilters; loading their DFAs is a check of their
//! tables (`DFA::from_bytes`, 1.6 M for the twelve), and a full DFA searches without building
//! states as the lazy one does. The corpus row fell by 12.5 M instructions, the 10-K row by
//! 2.6 M; start-up is unchanged (an empty file or a one-line draft searches with no pattern
//! at all, and these are loaded on first use). docs/performance.md, the twenty-first round.
//!
//! Only these patterns are stored: their DFAs take 631 KB of the binary, and a pattern a check
//! of real filings does not compile would be space for nothing (the other rules' patterns are
//! compiled on first use, as before, by the runs that need them). A stored pattern must match
//! as the regex does: a dense DFA has no Unicode `\b` and no captures, and the listed patterns
//! use neither (ASCII `\b` only; they are searched with `is_match`, `find_iter` and
//! `replace_all`, never for captures); `cargo test` compares every stored automaton with the
//! regex on the corpus and on generated text. An automaton missing (build.rs could not build
//! it) or damaged (it fails `from_bytes`'s checks) is not used: the pattern is compiled at run
//! time as any other. Loading is safe code: `from_bytes` checks everything it reads, and the
//! bytes are kept 4-aligned by [`Aligned`], as it needs.

use regex_automata::dfa::{dense, regex::Regex};

/// A stored pattern's automata, over their bytes in the binary.
pub type StoredRegex = Regex<dense::DFA<&'static [u32]>>;

/// Bytes aligned as a `u32` (what `DFA::from_bytes` needs), without `unsafe`: a zero-length
/// array of `u32` gives the struct its alignment, and `bytes` is its first field's end.
#[repr(C)]
pub struct Aligned<B: ?Sized> {
    _align: [u32; 0],
    bytes: B,
}

/// A stored pattern, with its forward and its reverse DFA serialized.
type Entry = (&'static str, &'static Aligned<[u8]>, &'static Aligned<[u8]>);

include!(concat!(env!("OUT_DIR"), "/stored_dfas.rs"));

/// The automata of `pattern` when it is stored and they load; `None` otherwise (the caller
/// compiles the pattern).
pub fn stored(pattern: &str) -> Option<StoredRegex> {
    let (_, fwd, rev) = STORED.iter().find(|(p, _, _)| *p == pattern)?;
    load(&fwd.bytes, &rev.bytes)
}

/// The stored patterns, in their order (tests).
#[cfg(test)]
pub(crate) fn patterns() -> Vec<&'static str> {
    STORED.iter().map(|(p, _, _)| *p).collect()
}

/// The forward and reverse DFAs serialized in `fwd` and `rev`, as one regex; `None` when
/// either is empty or fails `from_bytes`'s checks (damaged, misaligned, another byte order or
/// version).
fn load<'a>(fwd: &'a [u8], rev: &'a [u8]) -> Option<Regex<dense::DFA<&'a [u32]>>> {
    let fwd = dense::DFA::from_bytes(fwd).ok()?.0;
    let rev = dense::DFA::from_bytes(rev).ok()?.0;
    Some(Regex::builder().build_from_dfas(fwd, rev))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The list build.rs reads, without its comments.
    fn listed() -> Vec<&'static str> {
        include_str!("stored-patterns.txt")
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    }

    /// The stored set is exactly the listed patterns, in order, each with automata that load
    /// (that each is a pattern the built-in pack makes is `rules::load`'s test,
    /// `every_stored_pattern_is_a_builtin_one`).
    #[test]
    fn the_stored_set_is_the_listed_patterns() {
        assert_eq!(patterns(), listed());
        for p in patterns() {
            assert!(super::stored(p).is_some(), "{p:?} does not load");
        }
        assert!(super::stored("(?i)cyber").is_none());
    }

    /// A stored automaton that is missing or damaged does not load (and its pattern is
    /// compiled instead: `pattern`'s test `a_pattern_whose_automata_do_not_load_is_compiled`).
    #[test]
    fn a_missing_or_damaged_automaton_does_not_load() {
        let (_, fwd, rev) = STORED[STORED.len() - 1];
        let (fwd, rev) = (&fwd.bytes, &rev.bytes);
        assert!(load(fwd, rev).is_some());
        assert!(load(&[], rev).is_none(), "missing");
        assert!(load(&fwd[..fwd.len() / 2], rev).is_none(), "truncated");
        assert!(load(fwd, &rev[4..]).is_none(), "cut at the start");
        assert!(load(&fwd[1..], rev).is_none(), "misaligned");
        let mut bad: Vec<u32> = fwd
            .chunks(4)
            .map(|c| u32::from_ne_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        // The second half of its words (transitions, and what follows them) far out of range.
        let n = bad.len();
        for w in &mut bad[n / 2..] {
            *w = u32::MAX - 7;
        }
        let bytes: Vec<u8> = bad.iter().flat_map(|w| w.to_ne_bytes()).collect();
        let aligned = aligned_copy(&bytes);
        assert!(
            load(&aligned.bytes[..bytes.len()], rev).is_none(),
            "damaged"
        );
    }

    /// `bytes` in a 4-aligned box.
    fn aligned_copy(bytes: &[u8]) -> Box<Aligned<[u8]>> {
        // A boxed array unsizes to the slice form; 256 KiB is more than any stored DFA.
        let mut b: Box<Aligned<[u8; 1 << 18]>> = Box::new(Aligned {
            _align: [],
            bytes: [0; 1 << 18],
        });
        b.bytes[..bytes.len()].copy_from_slice(bytes);
        b
    }
}
