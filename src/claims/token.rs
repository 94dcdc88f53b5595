//! Words of a sentence, with their byte ranges.
//!
//! The claim layer matches lexicon entries word by word, so it needs the words a drafter
//! wrote, however they were typed: case folded, curly apostrophes straightened, hyphenated
//! compounds split into their words ("third-party" is "third party", the second word marked
//! as glued to the first so "cyber-security" can also match "cybersecurity"), contractions
//! split where the negation is ("don't" → "do" "n't", "cannot" → "can" "not"), possessives
//! split off ("Company's" → "company" "'s"). Abbreviations with inner stops ("U.S.", "e.g.")
//! and numbers with separators ("1,000", "1.05") stay one token. Every token keeps the byte
//! range it came from, so a claim points at the exact words.

use std::ops::Range;

use compact_str::CompactString;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Letters (possibly with digits).
    Word,
    /// Digits, with inner `,` or `.`.
    Number,
    /// One punctuation character.
    Punct,
}

/// One token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Bytes of the sentence it covers.
    pub range: Range<usize>,
    /// Lower-cased, apostrophes straightened. Kept inline when short (nearly every word): a
    /// sentence's tokens are made without an allocation each.
    pub norm: CompactString,
    /// Word, number or punctuation.
    pub kind: Kind,
    /// Written with a capital first letter.
    pub cap: bool,
    /// Joined to the token before by a hyphen or slash (no space): "party" in "third-party".
    pub glued: bool,
    /// Has an upper-case letter somewhere ("lA", a mistyped "1A").
    pub upper: bool,
}

impl Token {
    /// True for a word.
    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '/')
}

/// Where the word starting at character `start` ends (one past its last character), the
/// characters read through `at` (none past the end): letters and digits, an inner stop or comma
/// between digits ("1.05", "1,000"), and the stops of an abbreviation of single letters ("U.S.",
/// "e.g."; the final stop kept). The walk of [`tokenize`] and of the analyser's
/// `refers_back_text`, which must find the same words without making tokens.
pub(super) fn word_end(start: usize, at: impl Fn(usize) -> Option<char>) -> usize {
    let mut j = start;
    loop {
        while at(j).is_some_and(char::is_alphanumeric) {
            j += 1;
        }
        match (at(j), at(j + 1)) {
            (Some('.' | ','), Some(n))
                if n.is_ascii_digit()
                    && j > start
                    && at(j - 1).is_some_and(|c| c.is_ascii_digit()) =>
            {
                j += 1;
            }
            (Some('.'), Some(n))
                if n.is_alphabetic() && j - start == 1 && at(j + 2) == Some('.') =>
            {
                j += 2;
                // "U.S." keeps its final stop.
                if at(j) == Some('.') {
                    j += 1;
                    break;
                }
            }
            _ => break,
        }
    }
    j
}

/// A sentence's characters by index, with their byte offsets ([`tokenize`] and the analyser's
/// `refers_back_text`).
pub(super) enum Chars<'a> {
    /// An ASCII sentence: character `i` is byte `i`.
    Ascii(&'a [u8]),
    /// Any other: its characters, decoded once.
    Decoded(Vec<(usize, char)>),
}

impl Chars<'_> {
    pub(super) fn of(s: &str) -> Chars<'_> {
        if s.is_ascii() {
            Chars::Ascii(s.as_bytes())
        } else {
            Chars::Decoded(s.char_indices().collect())
        }
    }

    pub(super) fn len(&self) -> usize {
        match self {
            Chars::Ascii(b) => b.len(),
            Chars::Decoded(c) => c.len(),
        }
    }

    pub(super) fn get(&self, i: usize) -> Option<char> {
        match self {
            Chars::Ascii(b) => b.get(i).map(|&b| char::from(b)),
            Chars::Decoded(c) => c.get(i).map(|c| c.1),
        }
    }

    /// Character `i` (callers stay below [`Self::len`]; past it, a NUL).
    pub(super) fn at(&self, i: usize) -> char {
        self.get(i).unwrap_or('\0')
    }

    pub(super) fn pos(&self, i: usize) -> Option<usize> {
        match self {
            Chars::Ascii(b) => (i < b.len()).then_some(i),
            Chars::Decoded(c) => c.get(i).map(|c| c.0),
        }
    }
}

/// Splits `s` into tokens (an ASCII sentence, most, read by its bytes: `Chars`).
pub fn tokenize(s: &str) -> Vec<Token> {
    let chars = Chars::of(s);
    let end_of = |i: usize| chars.pos(i).unwrap_or(s.len());
    // Room for a token every five bytes, up to 256 tokens (12 KiB) so that a "sentence" of
    // megabytes (a table with no full stop) reserves no more than a short one.
    let mut out: Vec<Token> = Vec::with_capacity((s.len() / 5 + 1).min(256));
    let mut i = 0;
    let mut glued = false;
    while i < chars.len() {
        let (at, c) = (end_of(i), chars.at(i));
        if c.is_whitespace() {
            glued = false;
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            // (An ASCII sentence's bytes read as `Chars::get` reads them, without asking at
            // every character which kind of sentence it is.)
            let j = match &chars {
                Chars::Ascii(b) => word_end(i, |k| b.get(k).map(|&b| char::from(b))),
                Chars::Decoded(_) => word_end(i, |k| chars.get(k)),
            };
            let text = &s[at..end_of(j)];
            push_word(&mut out, text, at, glued, matches!(chars, Chars::Ascii(_)));
            glued = false;
            i = j;
            // An apostrophe inside a word: a contraction or a possessive.
            if i + 1 < chars.len() && is_apostrophe(chars.at(i)) && chars.at(i + 1).is_alphabetic()
            {
                let mut k = i + 1;
                while k < chars.len() && chars.at(k).is_alphabetic() {
                    k += 1;
                }
                let tail: String = (i + 1..k).map(|k| chars.at(k)).collect();
                let tail = tail.to_lowercase();
                let range = end_of(i)..end_of(k);
                if tail == "t" && out.last().is_some_and(|t| t.norm.ends_with('n')) {
                    // "don't": "do" + "n't"; "can't" → "can"; "won't" → "will".
                    let last = out.last_mut().expect("a word was pushed");
                    last.norm.pop();
                    last.range.end -= 1;
                    if last.norm == "ca" {
                        last.norm = "can".into();
                    } else if last.norm == "wo" {
                        last.norm = "will".into();
                    }
                    out.push(Token {
                        range: range.start - 1..range.end,
                        norm: "n't".into(),
                        kind: Kind::Word,
                        cap: false,
                        glued: false,
                        upper: false,
                    });
                } else {
                    out.push(Token {
                        range,
                        norm: compact_str::format_compact!("'{tail}"),
                        kind: Kind::Word,
                        cap: false,
                        glued: false,
                        upper: false,
                    });
                }
                i = k;
            }
            // A hyphen or slash between words glues the next word to this one.
            if i + 1 < chars.len() && is_hyphen(chars.at(i)) && chars.at(i + 1).is_alphanumeric() {
                glued = true;
                i += 1;
            }
            continue;
        }
        let norm = if is_apostrophe(c) {
            CompactString::const_new("'")
        } else if c.is_ascii() {
            // One ASCII character lower-cases to one (`char::to_lowercase`).
            let mut b = [0u8; 4];
            CompactString::from(&*c.to_ascii_lowercase().encode_utf8(&mut b))
        } else {
            c.to_lowercase().collect()
        };
        out.push(Token {
            range: at..end_of(i + 1),
            norm,
            kind: Kind::Punct,
            cap: false,
            glued: false,
            upper: false,
        });
        glued = false;
        i += 1;
    }
    out
}

/// `ascii`: the word is known to be ASCII (a word of an ASCII sentence), so it is not
/// checked again.
fn push_word(out: &mut Vec<Token>, text: &str, at: usize, glued: bool, ascii: bool) {
    let (norm, number, cap, upper) = if ascii || text.is_ascii() {
        // An ASCII word (nearly every one), by its bytes: lower-cased as `str::to_lowercase`
        // does, and its number and capital tests in one pass (`char::is_uppercase` is
        // `A`–`Z` there).
        let b = text.as_bytes();
        // A word with no capital (most) is its own lower case; and only one that starts with
        // a digit (or a stop or comma) can be all digits, stops and commas.
        let upper = b.iter().any(u8::is_ascii_uppercase);
        let digitish = |c: &u8| c.is_ascii_digit() || *c == b',' || *c == b'.';
        let number = b.first().is_none_or(digitish) && b.iter().all(digitish);
        let mut n = CompactString::from(text);
        if upper {
            n.make_ascii_lowercase();
        }
        let cap = b.first().is_some_and(u8::is_ascii_uppercase);
        (n, number, cap, upper)
    } else {
        word_traits(text)
    };
    let kind = if number { Kind::Number } else { Kind::Word };
    if norm == "cannot" {
        out.push(Token {
            range: at..at + 3,
            norm: "can".into(),
            kind,
            cap,
            glued,
            upper,
        });
        out.push(Token {
            range: at + 3..at + 6,
            norm: "not".into(),
            kind,
            cap: false,
            glued: false,
            upper: false,
        });
        return;
    }
    out.push(Token {
        range: at..at + text.len(),
        norm,
        kind,
        cap,
        glued,
        upper,
    });
}

/// A word's form, whether it is a number, written with a capital first letter, and with an
/// upper-case letter anywhere: [`push_word`]'s definitions, by characters (what it reads an
/// ASCII word by bytes for, tested against this).
fn word_traits(text: &str) -> (CompactString, bool, bool, bool) {
    (
        CompactString::from(text.to_lowercase()),
        text.chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.'),
        text.chars().next().is_some_and(char::is_uppercase),
        text.chars().any(char::is_uppercase),
    )
}

/// The words of a lexicon entry, as the tokenizer would read them: "third-party" is two
/// words, "Company's" is "company" "'s". A word ending in `*` (a prefix) is kept whole.
pub fn words_of(entry: &str) -> Vec<String> {
    let mut out = Vec::new();
    for piece in entry.split_whitespace() {
        // "'s", "n't": the tokenizer's own tokens for a possessive and a negation.
        if piece.len() > 1 && piece.starts_with(['\'', '\u{2019}']) {
            out.push(format!(
                "'{}",
                piece[piece.chars().next().map_or(1, char::len_utf8)..].to_lowercase()
            ));
            continue;
        }
        if let Some(stem) = piece.strip_suffix('*')
            && !stem.is_empty()
            && stem.chars().all(char::is_alphanumeric)
        {
            out.push(piece.to_lowercase());
            continue;
        }
        // A plain word (nearly every piece of a lexicon, compiled on every run): what
        // `tokenize` makes of it, without its allocations ("cannot" is two words there).
        if piece.bytes().all(|b| b.is_ascii_alphabetic()) && !piece.eq_ignore_ascii_case("cannot") {
            out.push(piece.to_ascii_lowercase());
            continue;
        }
        out.extend(tokenize(piece).into_iter().map(|t| t.norm.into_string()));
    }
    out
}

/// True when [`words_of`] finds a word in `entry`, without building the words (every entry
/// of a lexicon is checked for one when it is read): [`tokenize`] makes a token of every
/// character that is not white space, so any piece of the entry is a word — there is one
/// when a character is not white space (`split_whitespace` and `trim_start` both go by
/// `char::is_whitespace`), found by the first such character rather than the end of its word.
pub fn has_word(entry: &str) -> bool {
    !entry.trim_start().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A punctuation token of an ASCII character is lower-cased by its byte as
    /// `char::to_lowercase` would: every ASCII character that is neither a letter, a digit
    /// nor white space, alone and between words.
    #[test]
    fn an_ascii_punctuation_token_is_its_character_lower_cased() {
        for b in 0u8..128 {
            let c = char::from(b);
            if c.is_alphanumeric() || c.is_whitespace() {
                continue;
            }
            for s in [c.to_string(), format!("a {c} b")] {
                let punct: Vec<Token> = tokenize(&s)
                    .into_iter()
                    .filter(|t| t.kind == Kind::Punct)
                    .collect();
                let want: String = if is_apostrophe(c) {
                    "'".into()
                } else {
                    c.to_lowercase().collect()
                };
                assert_eq!(punct.len(), 1, "{s:?}");
                assert_eq!(punct[0].norm, want, "{s:?}");
            }
        }
    }

    #[test]
    fn has_word_answers_as_words_of() {
        let pieces = [
            "a",
            "Cyber",
            "'s",
            "\u{2019}s",
            "'",
            "\u{2019}",
            "*",
            "certif*",
            "x*y",
            "-",
            "—",
            "3",
            "1.5",
            "e-mail",
            "n't",
            "can't",
            "cannot",
            ".",
            ",",
            "(",
            ")",
            "é",
            "ﬁ",
            "\"",
            "&",
            "/",
            "İ",
            "\u{212a}",
            "__",
            "a_b",
            "\u{0}",
            "é*",
            "-*",
            "\u{a0}",
            "\u{2003}",
            "\u{3000}",
            "\n",
            "\u{85}",
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        for _ in 0..20_000 {
            let mut s = String::new();
            for _ in 0..(seed % 4) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                s.push_str(pieces[(seed % pieces.len() as u64) as usize]);
                if seed & 0x300 != 0 {
                    s.push(if seed & 0x400 != 0 { ' ' } else { '\t' });
                }
            }
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            assert_eq!(has_word(&s), !words_of(&s).is_empty(), "{s:?}");
            assert_eq!(has_word(&s), s.split_whitespace().next().is_some(), "{s:?}");
        }
    }

    fn norms(s: &str) -> Vec<String> {
        tokenize(s)
            .into_iter()
            .map(|t| t.norm.into_string())
            .collect()
    }

    #[test]
    fn words_are_case_folded_and_split_where_drafters_vary() {
        assert_eq!(
            norms("The Company's third-party assessors don't report."),
            [
                "the",
                "company",
                "'s",
                "third",
                "party",
                "assessors",
                "do",
                "n't",
                "report",
                "."
            ]
        );
        assert_eq!(norms("We cannot"), ["we", "can", "not"]);
        assert_eq!(norms("It won’t"), ["it", "will", "n't"]);
        assert_eq!(
            norms("Item 1.05 of the U.S. rule, e.g. $1,000"),
            [
                "item", "1.05", "of", "the", "u.s.", "rule", ",", "e.g.", "$", "1,000"
            ]
        );
        assert_eq!(norms("Item 1A."), ["item", "1a", "."]);
    }

    #[test]
    fn ranges_point_at_the_written_words() {
        let s = "Our CISO’s team isn't “new”.";
        for t in tokenize(s) {
            let written = &s[t.range.clone()];
            let folded = written.to_lowercase().replace('\u{2019}', "'");
            assert!(
                folded == t.norm || t.norm == "n't" || t.norm == "'s",
                "{written:?} vs {:?}",
                t.norm
            );
        }
        let glued: Vec<bool> = tokenize("cyber-security and/or x")
            .iter()
            .map(|t| t.glued)
            .collect();
        assert_eq!(glued, [false, true, false, true, false]);
    }

    /// The plain-word path of `words_of` reads a piece as `tokenize` does.
    #[test]
    fn plain_words_read_as_the_tokenizer_reads_them() {
        let mut next = crate::test_rng(0x70c3);
        let pieces = [
            "a", "B", "can", "not", "Can", "NOT", "no", "t", "cannot", "CANNOT", "x", "Q", "-",
            "'", "\u{2019}", "1", "é", "s", ".",
        ];
        for _ in 0..20_000 {
            let piece = crate::test_string(&mut next, &pieces, 6);
            let by_tokens: Vec<String> = piece
                .split_whitespace()
                .flat_map(|p| {
                    if p.len() > 1 && p.starts_with(['\'', '\u{2019}']) {
                        return words_of(p);
                    }
                    tokenize(p)
                        .into_iter()
                        .map(|t| t.norm.into_string())
                        .collect()
                })
                .collect();
            if !piece.ends_with('*') {
                assert_eq!(words_of(&piece), by_tokens, "{piece:?}");
            }
        }
    }

    #[test]
    fn an_ascii_word_is_read_by_bytes_as_by_characters() {
        let mut next = crate::test_rng(0x5eed_0007);
        let pieces = [
            "a", "Z", "q", "AB", "cd", "0", "9", "1", ",", ".", "'", "-", "K", "I", "i", "k", "@",
            "[", "`", "{",
        ];
        for _ in 0..20_000 {
            let word = crate::test_string(&mut next, &pieces, 6);
            if word.is_empty() {
                continue;
            }
            let mut out = Vec::new();
            push_word(&mut out, &word, 0, false, false);
            // An ASCII word read as one known to be ASCII (a word of an ASCII sentence).
            if word.is_ascii() {
                let mut known = Vec::new();
                push_word(&mut known, &word, 0, false, true);
                assert_eq!(known, out, "{word:?}");
            }
            let (norm, number, cap, upper) = word_traits(&word);
            let kind = if number { Kind::Number } else { Kind::Word };
            if norm == "cannot" {
                assert_eq!(out.len(), 2, "{word:?}");
                continue;
            }
            let t = &out[0];
            assert_eq!(
                (&t.norm, t.kind, t.cap, t.upper),
                (&norm, kind, cap, upper),
                "{word:?}"
            );
        }
    }

    /// An ASCII sentence's words end where `word_end` ends them reading its characters
    /// through `Chars` (what `tokenize` read them by before it read the bytes themselves),
    /// from every character of generated sentences of letters, digits, stops, commas and
    /// abbreviations.
    #[test]
    fn an_ascii_word_ends_where_its_characters_end_it() {
        let mut next = crate::test_rng(0x5eed_0017);
        let pieces = [
            "a", "Z", "U", ".", ",", "1", "05", "S.", "e.g.", " ", "-", "'", "x", "9,000", "..",
        ];
        for _ in 0..20_000 {
            let s = crate::test_string(&mut next, &pieces, 8);
            let chars = Chars::of(&s);
            let Chars::Ascii(b) = &chars else {
                panic!("an ASCII sentence")
            };
            for i in 0..=s.len() {
                assert_eq!(
                    word_end(i, |k| b.get(k).map(|&b| char::from(b))),
                    word_end(i, |k| chars.get(k)),
                    "{s:?} at {i}"
                );
            }
        }
    }

    #[test]
    fn entries_keep_prefixes() {
        assert_eq!(words_of("certif*"), ["certif*"]);
        assert_eq!(
            words_of("third-party service provider"),
            ["third", "party", "service", "provider"]
        );
    }
}
