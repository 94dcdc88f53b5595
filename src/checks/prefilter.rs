//! Lines first: which lines of a text a rule pattern can match in, found by a literal search.
//!
//! Why: the regex engine's own prefilter looks for a pattern's *first* words, and the patterns
//! of a disclosure rule often start with the commonest words of English — "has", "had",
//! "caused" — and only later say what makes them rare ("materially affected"). Over a whole
//! 10-K (CYD-X-023 searches everything outside Item 1C) the regex's prefilter stopped every few
//! bytes and the search cost ten instructions a byte. A [`LineFilter`] holds instead the
//! literals one of which *every* match contains wherever it stands in the pattern (the longest
//! such choice), and searches for them in an ASCII-lowercased copy of the text with `memchr`'s
//! SIMD `memmem` (or Aho–Corasick for several), made a run of whole lines at a time so that it
//! stays small ([`candidate_lines`]). Only the lines that hold one are searched by the regex.
//!
//! The result is exactly the regex's own search over the whole text, because a filter is made
//! only for a pattern whose matches
//!
//! * cannot contain a line break (no class, literal or dot of the pattern admits `\n`), so
//!   every match lies inside one line;
//! * use no look-around but word boundaries, which see a line break and the edge of a
//!   haystack alike (both are non-word), so a line searched on its own matches as it does in
//!   place;
//! * all contain one of the literals, compared without ASCII case (the text is lowercased,
//!   and the pattern's case-insensitive letters are read as their lowercase): a class is
//!   read as a letter only when it is exactly the two ASCII cases of one letter — `(?i)k` also
//!   matches the Kelvin sign, so it is not, and a literal stops there.
//!
//! and so cannot match empty. A pattern that fails any of these is searched as before. The
//! `in-sentence` words of a rule filter lines the same way (a sentence never crosses a line
//! break).

use std::ops::Range;

use aho_corasick::AhoCorasick;
use memchr::memmem;
use regex_syntax::hir::{Class, Hir, HirKind, Look};

/// Literals no match can lack, and a search for them.
#[derive(Clone, Debug)]
pub struct LineFilter {
    search: Search,
    /// The literals, lowercase (for tests and debugging).
    literals: Vec<Vec<u8>>,
}

#[derive(Clone, Debug)]
enum Search {
    One(memmem::Finder<'static>),
    /// Teddy (SIMD), where the machine has it.
    Packed(aho_corasick::packed::Searcher),
    Many(AhoCorasick),
}

/// Literals shorter than this find too many lines to be worth searching for first.
const MIN_LEN: usize = 4;
/// More literals than this (a long alternation) are left to the regex's own prefilter.
const MAX_LITERALS: usize = 64;

impl LineFilter {
    /// The filter for a compiled pattern (`regex.as_str()`), when one can be exact.
    pub fn of(pattern: &str) -> Option<LineFilter> {
        Self::any_of(&[pattern])
    }

    /// A filter for any of several patterns: a line holds a match of one of them only if it
    /// holds one of their literals. `None` when one of them has no exact filter.
    pub fn any_of(patterns: &[&str]) -> Option<LineFilter> {
        let mut literals = Vec::new();
        for p in patterns {
            literals.extend(literals_of(p)?);
        }
        literals.sort();
        literals.dedup();
        if literals.len() > MAX_LITERALS || min_len(&literals) < MIN_LEN {
            return None;
        }
        let search = match literals.as_slice() {
            [one] => Search::One(memmem::Finder::new(one).into_owned()),
            many => match aho_corasick::packed::Searcher::new(many.iter()) {
                Some(p) => Search::Packed(p),
                None => Search::Many(AhoCorasick::new(many).ok()?),
            },
        };
        Some(LineFilter { search, literals })
    }

    /// A filter for lines holding one of `words` (ASCII, compared without case); `None`
    /// when a word is under four letters (it would find most lines) or there are too many.
    pub fn of_words(words: Vec<String>) -> Option<LineFilter> {
        let mut literals: Vec<Vec<u8>> = words
            .into_iter()
            .map(|w| w.to_ascii_lowercase().into_bytes())
            .collect();
        literals.sort();
        literals.dedup();
        if literals.is_empty() || literals.len() > 4 * MAX_LITERALS || min_len(&literals) < MIN_LEN
        {
            return None;
        }
        let search = match literals.as_slice() {
            [one] => Search::One(memmem::Finder::new(one).into_owned()),
            many => match aho_corasick::packed::Searcher::new(many.iter()) {
                Some(p) => Search::Packed(p),
                None => Search::Many(AhoCorasick::new(many).ok()?),
            },
        };
        Some(LineFilter { search, literals })
    }

    /// The first literal found in `lower[from..]`, as its start offset.
    fn find(&self, lower: &[u8], from: usize) -> Option<usize> {
        let hay = lower.get(from..)?;
        match &self.search {
            Search::One(f) => f.find(hay),
            Search::Packed(p) => p.find(hay).map(|m| m.start()),
            Search::Many(ac) => ac.find(hay).map(|m| m.start()),
        }
        .map(|p| from + p)
    }

    /// True when `lower` holds one of the literals.
    pub fn is_in(&self, lower: &[u8]) -> bool {
        self.find(lower, 0).is_some()
    }

    /// The lines of `lower` (an ASCII-lowercased text; line break excluded) that hold one of
    /// the literals, in order.
    pub fn lines<'a>(&'a self, lower: &'a [u8]) -> impl Iterator<Item = Range<usize>> + 'a {
        let mut from = 0;
        std::iter::from_fn(move || {
            let at = self.find(lower, from)?;
            let start = memchr::memrchr(b'\n', &lower[..at]).map_or(0, |p| p + 1);
            let end = memchr::memchr(b'\n', &lower[at..]).map_or(lower.len(), |p| at + p);
            from = end + 1;
            Some(start..end)
        })
    }

    /// The literals, lowercase.
    pub fn literals(&self) -> &[Vec<u8>] {
        &self.literals
    }
}

/// `bytes` with their ASCII letters lowercased, into `out` (same length, same offsets; a loop
/// the compiler vectorises, unlike a per-char one).
fn ascii_lower_into(bytes: &[u8], out: &mut Vec<u8>) {
    out.clear();
    out.extend(
        bytes
            .iter()
            .map(|&b| b | ((b.wrapping_sub(b'A') < 26) as u8) << 5),
    );
}

/// How much text is lowercased at a time by [`candidate_lines`].
const CHUNK: usize = 1 << 16;

/// The lines of `text` (line breaks excluded), in order, that hold one of `first`'s literals
/// and, when `also` is given, one of its literals too. The text is lowercased a run of whole
/// lines at a time — at most 64 KiB, or one line when a line is longer — so the copy
/// stays small however long the text (a whole 10-K outside Item 1C, say).
pub fn candidate_lines(
    text: &str,
    first: &LineFilter,
    also: Option<&LineFilter>,
) -> Vec<Range<usize>> {
    candidate_lines_in(text.as_bytes(), first, also, CHUNK)
}

fn candidate_lines_in(
    text: &[u8],
    first: &LineFilter,
    also: Option<&LineFilter>,
    chunk: usize,
) -> Vec<Range<usize>> {
    let (mut out, mut lower) = (Vec::new(), Vec::new());
    let mut at = 0;
    while at < text.len() {
        // Whole lines: to the first line break at or after `chunk` bytes, included.
        let end = match text.get(at + chunk..) {
            Some(rest) => memchr::memchr(b'\n', rest).map_or(text.len(), |i| at + chunk + i + 1),
            None => text.len(),
        };
        ascii_lower_into(&text[at..end], &mut lower);
        out.extend(
            first
                .lines(&lower)
                .filter(|l| also.is_none_or(|a| a.is_in(&lower[l.clone()])))
                .map(|l| at + l.start..at + l.end),
        );
        at = end;
    }
    out
}

/// The literals (lowercase) one of which every match of `pattern` contains, when it is line
/// bound: [`literals_parsed`], found in [`KNOWN`] for the patterns listed there.
fn literals_of(pattern: &str) -> Option<Vec<Vec<u8>>> {
    match KNOWN.iter().find(|(p, _)| *p == pattern) {
        Some((_, literals)) => Some(literals.iter().map(|l| l.as_bytes().to_vec()).collect()),
        None => literals_parsed(pattern),
    }
}

/// [`literals_of`] from the pattern's syntax: `None` when it does not parse, is not line
/// bound or guarantees no literal.
fn literals_parsed(pattern: &str) -> Option<Vec<Vec<u8>>> {
    let hir = regex_syntax::Parser::new().parse(pattern).ok()?;
    if !line_bound(&hir) {
        return None;
    }
    required(&hir)
}

/// The literals of the built-in patterns whose line filters a check of a draft or of the
/// shared corpus makes (`Matcher`'s, on its first search), as [`literals_parsed`] finds
/// them: parsing a pattern (its case-insensitive letters folded through Unicode's tables)
/// cost about 120,000 instructions, 1.1 M of a one-line draft's 16.8 M for its nine.
/// Each entry is the pattern exactly as the pack compiles it; a pattern not listed (a user's,
/// or a built-in one since changed) is parsed as before. Tests check every entry against
/// [`literals_parsed`] and that each is a pattern the built-in pack makes.
const KNOWN: &[(&str, &[&str])] = &[
    (
        r"(?i)(?-u:\b)(?:incorporated (?:herein |into this item )?by reference)(?-u:\b)",
        &["incorporated "],
    ),
    (r"(?i)(?-u:\b)(?:full board)(?-u:\b)", &["full board"]),
    (r"(?i)(?-u:\b)(?:entire board)(?-u:\b)", &["entire board"]),
    (
        r"(?i)(?-u:\b)(?:board(?: of directors)?,? as a whole)(?-u:\b)",
        &[" a whole"],
    ),
    (
        r"(?i)(?-u:\b)(?:board(?: of directors)?,? itself)(?-u:\b)",
        &["board"],
    ),
    (
        r"(?i)(?-u:\b)(?:board(?: of directors)?,? (?:\w+ ){0,5}directly)(?-u:\b)",
        &["directly"],
    ),
    (
        r"(?i)(?-u:\b)(?:directly by the board)(?-u:\b)",
        &["directly by the board"],
    ),
    (
        r"(?i)(?-u:\b)(?:no (?:board )?committee)(?-u:\b)",
        &["committee"],
    ),
    (
        r"(?i)(?-u:\b)(?:without (?:a |any )?(?:board )?committee)(?-u:\b)",
        &["committee"],
    ),
    (
        r"(?i)(?-u:\b)(?:information security)(?-u:\b)",
        &["information "],
    ),
    (
        r"(?i)(?-u:\b)(?:information security (?:risks? management|program(?:me)?|processes|governance|oversight))(?-u:\b)",
        &["information "],
    ),
    (r"(?i)(?-u:\b)(?:cyber(?:security)?)(?-u:\b)", &["cyber"]),
    (
        r"(?i)(?-u:\b)(?:cyber(?:security)?(?:[- ]related)? (?:risks? management|risk assessment|program(?:me)?|processes|governance|oversight|strategy))(?-u:\b)",
        &["cyber"],
    ),
    (
        r"(?i)(?-u:\b)(?:(?:manag(?:e|es|ing|ement of)|assess(?:es|ing|ment of)?|identify(?:ing)?|oversee(?:s|ing)?|oversight of) (?:(?:material|the) )?(?:risks? from )?cyber(?:security)?)(?-u:\b)",
        &["cyber"],
    ),
];

/// The patterns listed in [`KNOWN`].
#[cfg(test)]
pub(crate) fn known_patterns() -> Vec<&'static str> {
    KNOWN.iter().map(|(p, _)| *p).collect()
}

/// True when every match of `pattern` lies inside one line and matches there as in place
/// (see the module docs): such a pattern may be searched line by line.
pub fn is_line_bound(pattern: &str) -> bool {
    regex_syntax::Parser::new()
        .parse(pattern)
        .is_ok_and(|h| line_bound(&h))
}

/// True when no match of `h` can hold a line break, and its only look-arounds are word
/// boundaries.
fn line_bound(h: &Hir) -> bool {
    match h.kind() {
        HirKind::Empty => true,
        HirKind::Literal(l) => !l.0.contains(&b'\n'),
        HirKind::Class(Class::Unicode(c)) => !c
            .ranges()
            .iter()
            .any(|r| r.start() <= '\n' && '\n' <= r.end()),
        HirKind::Class(Class::Bytes(c)) => !c
            .ranges()
            .iter()
            .any(|r| r.start() <= b'\n' && b'\n' <= r.end()),
        HirKind::Look(l) => matches!(
            l,
            Look::WordAscii
                | Look::WordAsciiNegate
                | Look::WordUnicode
                | Look::WordUnicodeNegate
                | Look::WordStartAscii
                | Look::WordEndAscii
                | Look::WordStartUnicode
                | Look::WordEndUnicode
                | Look::WordStartHalfAscii
                | Look::WordEndHalfAscii
                | Look::WordStartHalfUnicode
                | Look::WordEndHalfUnicode
        ),
        HirKind::Repetition(r) => line_bound(&r.sub),
        HirKind::Capture(c) => line_bound(&c.sub),
        HirKind::Concat(hs) | HirKind::Alternation(hs) => hs.iter().all(line_bound),
    }
}

/// The bytes `h` stands for in the lowercased text, when it matches exactly them there: a
/// literal, or a class of exactly one letter's two ASCII cases (or of one character).
fn as_literal(h: &Hir) -> Option<Vec<u8>> {
    let chars: Vec<u32> = match h.kind() {
        HirKind::Literal(l) => return Some(l.0.to_ascii_lowercase()),
        HirKind::Class(Class::Unicode(c)) => {
            let mut v = Vec::new();
            for r in c.ranges() {
                if (r.end() as u32 - r.start() as u32) > 1 {
                    return None;
                }
                v.extend(r.start() as u32..=r.end() as u32);
            }
            v
        }
        HirKind::Class(Class::Bytes(c)) => {
            let mut v = Vec::new();
            for r in c.ranges() {
                if r.end() - r.start() > 1 {
                    return None;
                }
                v.extend(u32::from(r.start())..=u32::from(r.end()));
            }
            v
        }
        _ => return None,
    };
    let c = char::from_u32(*chars.first()?)?;
    match chars.as_slice() {
        [_] => {
            let mut buf = [0; 4];
            Some(c.encode_utf8(&mut buf).as_bytes().to_ascii_lowercase())
        }
        [up, low] if c.is_ascii_uppercase() && *low == *up + 32 => {
            Some(vec![c.to_ascii_lowercase() as u8])
        }
        _ => None,
    }
}

/// Literals (lowercase) one of which every match of `h` contains, the best choice the
/// pattern's structure offers; `None` when it guarantees none.
fn required(h: &Hir) -> Option<Vec<Vec<u8>>> {
    match h.kind() {
        HirKind::Literal(_) | HirKind::Class(_) => as_literal(h).map(|c| vec![c]),
        HirKind::Repetition(r) if r.min >= 1 => required(&r.sub),
        HirKind::Capture(c) => required(&c.sub),
        HirKind::Alternation(hs) => {
            let mut all = Vec::new();
            for h in hs {
                all.extend(required(h)?);
            }
            all.sort();
            all.dedup();
            Some(all)
        }
        HirKind::Concat(hs) => {
            // Runs of single characters are literals; anything else offers its own choice.
            let mut best: Option<Vec<Vec<u8>>> = None;
            let mut run: Vec<u8> = Vec::new();
            let offer = |c: Option<Vec<Vec<u8>>>, best: &mut Option<Vec<Vec<u8>>>| {
                if let Some(c) = c
                    && !c.is_empty()
                    && best.as_ref().is_none_or(|b| better(&c, b))
                {
                    *best = Some(c);
                }
            };
            for h in hs {
                match as_literal(h) {
                    Some(c) => run.extend(c),
                    None => {
                        if !run.is_empty() {
                            offer(Some(vec![std::mem::take(&mut run)]), &mut best);
                        }
                        if !matches!(h.kind(), HirKind::Look(_)) {
                            offer(required(h), &mut best);
                        }
                    }
                }
            }
            if !run.is_empty() {
                offer(Some(vec![run]), &mut best);
            }
            best
        }
        HirKind::Empty | HirKind::Look(_) | HirKind::Repetition(_) => None,
    }
}

fn min_len(set: &[Vec<u8>]) -> usize {
    set.iter().map(Vec::len).min().unwrap_or(0)
}

/// A set is better when its shortest literal is longer, then when it has fewer.
fn better(a: &[Vec<u8>], b: &[Vec<u8>]) -> bool {
    (min_len(a), std::cmp::Reverse(a.len())) > (min_len(b), std::cmp::Reverse(b.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every listed pattern's literals are those its syntax gives, and its filter is the one
    /// made by parsing it (alone and beside another pattern).
    #[test]
    fn every_known_pattern_has_the_literals_its_syntax_gives() {
        assert!(KNOWN.len() >= 14, "{}", KNOWN.len());
        for (p, listed) in KNOWN {
            let listed: Vec<Vec<u8>> = listed.iter().map(|l| l.as_bytes().to_vec()).collect();
            assert_eq!(Some(listed), literals_parsed(p), "{p}");
            let other = r"(?i)(?-u:\b)(?:rare words)(?-u:\b)";
            for set in [&[*p][..], &[*p, other]] {
                let mut parsed: Vec<Vec<u8>> = Vec::new();
                for q in set {
                    parsed.extend(literals_parsed(q).expect("line bound"));
                }
                parsed.sort();
                parsed.dedup();
                let made = LineFilter::any_of(set).map(|f| f.literals);
                let want =
                    (parsed.len() <= MAX_LITERALS && min_len(&parsed) >= MIN_LEN).then_some(parsed);
                assert_eq!(made, want, "{set:?}");
            }
        }
    }

    fn words(p: &str) -> String {
        format!(r"(?i)(?-u:\b)(?:{p})(?-u:\b)")
    }

    fn lits(p: &str) -> Option<Vec<String>> {
        LineFilter::of(&words(p)).map(|f| {
            f.literals()
                .iter()
                .map(|l| String::from_utf8_lossy(l).into_owned())
                .collect()
        })
    }

    #[test]
    fn the_longest_required_literal_is_chosen() {
        assert_eq!(
            lits(
                r"(?:had|has had|caused) (?:(?-u:\w)+ ){0,4}material (?:adverse )?(?:effects?|costs?)"
            ),
            Some(vec!["material ".to_owned()])
        );
        assert_eq!(
            lits(r"(?:has|have) (?:been )?materially (?:affected|harmed)"),
            Some(vec!["materially ".to_owned()])
        );
        assert_eq!(
            lits("ransomware|(?:data|security) breach(?:es)?"),
            Some(vec![" breach".to_owned(), "omware".to_owned()])
        );
    }

    #[test]
    fn no_filter_where_it_could_not_be_exact() {
        // Matches could cross a line break.
        assert_eq!(lits(r"material\s+effect"), None);
        assert_eq!(lits(r"material[^.]*effect"), None);
        assert_eq!(lits(r"(?s)material.effect"), None);
        // Anchors see a line's edges differently from the text's.
        assert_eq!(lits(r"^material effect"), None);
        assert_eq!(lits(r"(?m)material effect$"), None);
        // A branch without a literal, an optional one, a short one.
        assert_eq!(lits(r"material|(?-u:\w)+"), None);
        assert_eq!(lits(r"(?:material)?"), None);
        assert_eq!(lits(r"had"), None);
        // `k` and `s` have non-ASCII case twins under (?i): a literal stops at them.
        assert_eq!(lits("risks"), None);
        assert_eq!(lits("cybersecurity"), Some(vec!["ecurity".to_owned()]));
    }

    #[test]
    fn case_sensitive_and_non_ascii_literals_are_compared_lowercase() {
        assert_eq!(
            LineFilter::of(r"(?-i)Item 1C Cyber").map(|f| f.literals().to_vec()),
            Some(vec![b"item 1c cyber".to_vec()])
        );
        assert_eq!(
            LineFilter::of("Café Au Lait").map(|f| f.literals().to_vec()),
            Some(vec!["café au lait".as_bytes().to_vec()])
        );
        // Under (?i) a non-ASCII letter has a non-ASCII twin: the literal stops there.
        assert_eq!(
            LineFilter::of("(?i)naïve approach").map(|f| f.literals().to_vec()),
            Some(vec![b"ve approach".to_vec()])
        );
    }

    #[test]
    fn lines_are_those_holding_a_literal() {
        let f = LineFilter::of(&words("materially affected")).unwrap();
        let text = "One.\nIt has MATERIALLY affected us.\nNone here.\nmaterially affected";
        let lines: Vec<&str> = candidate_lines(text, &f, None)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(
            lines,
            ["It has MATERIALLY affected us.", "materially affected"]
        );
        // With a second filter, only the lines that hold both.
        let cyber = LineFilter::of(&words("cyber incidents?")).unwrap();
        let text = "Cyber incidents have materially affected us.\nIt has materially affected us.";
        let lines: Vec<&str> = candidate_lines(text, &f, Some(&cyber))
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(lines, ["Cyber incidents have materially affected us."]);
    }

    /// Lowercasing a chunk of lines at a time finds the lines the whole text would: chunks
    /// of every size, lines longer than a chunk, two filters.
    #[test]
    fn chunks_find_the_lines_of_the_whole_text() {
        let f = LineFilter::of(&words("material (?:adverse )?effects?")).unwrap();
        let also = LineFilter::of(&words("cyber(?:security)? incidents?")).unwrap();
        const PIECES: &[&str] = &[
            "material ",
            "MATERIAL ",
            "effect",
            "cyber",
            " incident",
            "\n",
            "\n\n",
            "x",
            " ",
            "Material Effects",
            "é",
        ];
        let mut next = crate::test_rng(0xc4_0a4e);
        let mut found = 0;
        for _ in 0..3000 {
            let text = crate::test_string(&mut next, PIECES, 30);
            for a in [None, Some(&also)] {
                let whole = candidate_lines_in(text.as_bytes(), &f, a, usize::MAX / 2);
                for chunk in [1, 3, 8, 40] {
                    let chunked = candidate_lines_in(text.as_bytes(), &f, a, chunk);
                    assert_eq!(chunked, whole, "chunks of {chunk} over {text:?}");
                }
                found += whole.len();
            }
        }
        assert!(found > 2000, "only {found} lines found");
    }

    /// The filtered search finds exactly what the regex finds over the whole text.
    #[test]
    fn filtered_search_equals_the_whole_text_search() {
        let patterns = [
            r"(?:had|has had|caused) (?:(?-u:\w)+ ){0,4}material (?:adverse )?(?:effects?|costs?)",
            r"(?:has|have) (?:been )?materially (?:affected|harmed)",
            r"cyber(?:security)? incidents?",
            r"third[- ]part(?:y|ies)",
            r"ransomware attacks?",
        ];
        // Generated texts from a small vocabulary, with line breaks, odd cases and the
        // characters (Kelvin sign, long s) whose case twins are not ASCII.
        const VOCAB: &[&str] = &[
            "had ",
            "has ",
            "have",
            "caused ",
            "material ",
            "MATERIAL ",
            "Materially ",
            "affected",
            "adverse ",
            "effects",
            "costs ",
            "harmed",
            "been ",
            "cyber",
            "cybersecurity ",
            "incident",
            "incidents ",
            "third-party ",
            "third party",
            "parties",
            "\n",
            ".",
            ", ",
            " ",
            "\u{212A}",
            "\u{17F}",
            "é",
            "xmaterial ",
            "materialx",
            "ransomware ",
            "ran\u{17F}omware ",
            "RANSOMWARE ",
            "attack",
            "attacks ",
        ];
        let mut next = crate::test_rng(0x2545_f491);
        let mut found = 0;
        for p in patterns {
            let re = regex::Regex::new(&words(p)).unwrap();
            let f = LineFilter::of(re.as_str()).expect("a filter");
            for _ in 0..3000 {
                let text = crate::test_string(&mut next, VOCAB, 40);
                let whole: Vec<Range<usize>> = re.find_iter(&text).map(|m| m.range()).collect();
                let filtered: Vec<Range<usize>> = candidate_lines(&text, &f, None)
                    .into_iter()
                    .flat_map(|l| {
                        re.find_iter(&text[l.clone()])
                            .map(move |m| l.start + m.start()..l.start + m.end())
                            .collect::<Vec<_>>()
                    })
                    .collect();
                assert_eq!(whole, filtered, "{p:?} over {text:?}");
                found += whole.len();
            }
        }
        assert!(
            found > 1000,
            "only {found} matches: the comparison is too weak"
        );
    }
}
