//! UAX #29 sentence boundaries, fast for the characters disclosures are written in.
//!
//! Why: `unicode-segmentation` looks every character's sentence-break class up in a table of
//! Unicode ranges and walks its rules character by character: about 250 instructions a byte,
//! and the rules' sentence lookups (each text match is reported once per sentence) segmented
//! some 100 KB of the corpus's Item 1C text, a quarter of the rules' time. A line made only of
//! characters whose class is known here (ASCII, the typographic quotes and dashes, the
//! no-break space, a few accented letters) is segmented by [`bounds`] itself: a class per
//! character from a small table, the rules tested only where a boundary can be; any other
//! line goes to `unicode-segmentation`. The result is the same either way: a test
//! compares the two on generated text made of every class and of the sequences the rules
//! look at (abbreviations, quotes after a full stop, numbers, spaces, line breaks).

use unicode_segmentation::UnicodeSegmentation;

/// A sentence-break class (UAX #29, table 4), of those the fast path's characters have (no
/// Sep, OLetter, Extend or Format: their lines go to `unicode-segmentation`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Sb {
    Cr,
    Lf,
    Sp,
    Lower,
    Upper,
    Numeric,
    ATerm,
    STerm,
    Close,
    SContinue,
    Other,
}

impl Sb {
    fn para_sep(self) -> bool {
        matches!(self, Sb::Cr | Sb::Lf)
    }
    fn sa_term(self) -> bool {
        matches!(self, Sb::ATerm | Sb::STerm)
    }
}

/// The class of an ASCII byte.
fn ascii_class(b: u8) -> Sb {
    match b {
        b'\r' => Sb::Cr,
        b'\n' => Sb::Lf,
        b'\t' | 0x0b | 0x0c | b' ' => Sb::Sp,
        b'a'..=b'z' => Sb::Lower,
        b'A'..=b'Z' => Sb::Upper,
        b'0'..=b'9' => Sb::Numeric,
        b'.' => Sb::ATerm,
        b'!' | b'?' => Sb::STerm,
        b'"' | b'\'' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => Sb::Close,
        b',' | b'-' | b':' | b';' => Sb::SContinue,
        _ => Sb::Other,
    }
}

/// The class of a character the fast path knows, `None` for the rest.
fn class(c: char) -> Option<Sb> {
    if c.is_ascii() {
        return Some(ascii_class(c as u8));
    }
    Some(match c {
        '\u{a0}' => Sb::Sp,
        '\u{2018}' | '\u{2019}' | '\u{201c}' | '\u{201d}' => Sb::Close,
        '\u{2013}' | '\u{2014}' => Sb::SContinue,
        '\u{2022}' | '\u{a7}' | '\u{a9}' | '\u{ae}' | '\u{2122}' | '\u{b0}' => Sb::Other,
        'é' | 'è' | 'ü' | 'ö' | 'ä' | 'ñ' | 'ç' => Sb::Lower,
        'É' => Sb::Upper,
        _ => return None,
    })
}

/// Whether every character of `line` has a class here ([`class`]): the ASCII runs passed
/// over eight bytes at a time (a line of running text with a curly quote or a non-breaking
/// space in it is mostly ASCII, and was read byte by byte after its first such character),
/// each non-ASCII character looked up.
fn all_known(line: &str) -> bool {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let b = line.as_bytes();
    let mut i = 0;
    loop {
        while let Some(w) = b.get(i..i + 8) {
            let mut word = [0u8; 8];
            word.copy_from_slice(w);
            if u64::from_le_bytes(word) & HIGH != 0 {
                break;
            }
            i += 8;
        }
        while i < b.len() && b[i] < 0x80 {
            i += 1;
        }
        if i >= b.len() {
            return true;
        }
        match line[i..].chars().next() {
            Some(c) if class(c).is_some() => i += c.len_utf8(),
            _ => return false,
        }
    }
}

/// The class of the character at byte `p` of `line` (a character the fast path knows) and
/// its length in bytes.
#[inline]
fn class_at(line: &str, p: usize) -> (Sb, usize) {
    let b = line.as_bytes()[p];
    if b < 0x80 {
        return (ascii_class(b), 1);
    }
    match line[p..].chars().next() {
        Some(c) => (class(c).unwrap_or(Sb::Other), c.len_utf8()),
        None => (Sb::Other, 1),
    }
}

/// Where the character before byte `p` (a character boundary, not 0) starts.
#[inline]
fn char_before(line: &str, p: usize) -> usize {
    let b = line.as_bytes();
    let mut q = p - 1;
    while q > 0 && (b[q] & 0xc0) == 0x80 {
        q -= 1;
    }
    q
}

/// The bytes whose class may start a boundary's search: a term (SATerm) or a line break. No
/// character the fast path knows outside ASCII has one of these classes.
static STOPS: [bool; 256] = {
    let mut t = [false; 256];
    t[b'.' as usize] = true;
    t[b'!' as usize] = true;
    t[b'?' as usize] = true;
    t[b'\r' as usize] = true;
    t[b'\n' as usize] = true;
    t
};

/// The sentences of `line` as `unicode-segmentation`'s `split_sentence_bound_indices`
/// gives them: (offset, piece), pieces covering the line.
///
/// Walked by byte offsets, with no table of classes: after any character that is neither a
/// term nor a line break, and not inside an `SATerm Close* Sp*` sequence, there is no
/// boundary (SB998), so the walk jumps from there to the next term or line break (a byte
/// search, `STOPS`) and looks at characters one by one only around them.
pub fn bounds(line: &str) -> Vec<(usize, &str)> {
    if !all_known(line) {
        return line.split_sentence_bound_indices().collect();
    }
    let b = line.as_bytes();
    let n = b.len();
    let mut out = Vec::new();
    let mut start = 0;
    // The `SATerm Close* Sp*` sequence that ends before the position, if any: where its term
    // is (a byte offset), and whether a space has come since. Carried along, not looked for
    // backwards at each position, so a long run of spaces or brackets after a full stop costs
    // its length once.
    let mut seq: Option<(usize, bool)> = None;
    // SB8's look-ahead, kept while it holds: (from where, the first letter, line break or
    // term at or after it, if any), in byte offsets.
    let mut ahead: Option<(usize, Option<usize>)> = None;
    // `q` is the character before the position `p` a boundary may be at.
    let mut q = 0;
    while q < n {
        let (after, len) = class_at(line, q);
        let p = q + len;
        if p >= n {
            break;
        }
        seq = match (after, seq) {
            (c, _) if c.sa_term() => Some((q, false)),
            (Sb::Close, Some((t, false))) => Some((t, false)),
            (Sb::Sp, Some((t, _))) => Some((t, true)),
            _ => None,
        };
        // A boundary follows a line break or ends `SATerm Close* Sp*`: after anything else
        // there is none (SB998), nor after the characters up to the next term or line break
        // (each leaves no sequence behind it).
        if !after.para_sep() && seq.is_none() {
            match b[p..].iter().position(|&c| STOPS[usize::from(c)]) {
                Some(i) => {
                    q = p + i;
                    continue;
                }
                None => break,
            }
        }
        let mut next_stop = || {
            if let Some((from, found)) = ahead
                && from <= p
                && found.is_none_or(|f| f >= p)
            {
                return found;
            }
            let mut r = p;
            let mut found = None;
            while r < n {
                let (c, l) = class_at(line, r);
                if matches!(c, Sb::Upper | Sb::Lower) || c.para_sep() || c.sa_term() {
                    found = Some(r);
                    break;
                }
                r += l;
            }
            ahead = Some((p, found));
            found
        };
        if breaks_before(line, q, p, seq, &mut next_stop) {
            out.push((start, &line[start..p]));
            start = p;
        }
        q = p;
    }
    if start < n {
        out.push((start, &line[start..]));
    }
    out
}

/// Whether UAX #29 puts a sentence boundary at byte `p` of `line` (a character boundary
/// inside it, `q` the start of the character before), `seq` being the `SATerm Close* Sp*`
/// sequence that ends before it (its term's offset, and whether it has spaces) and
/// `next_stop` the first letter, line break or term at or after `p` (SB8's look-ahead).
fn breaks_before(
    line: &str,
    q: usize,
    p: usize,
    seq: Option<(usize, bool)>,
    next_stop: &mut impl FnMut() -> Option<usize>,
) -> bool {
    let prev = class_at(line, q).0;
    let next = class_at(line, p).0;
    // SB3, SB4.
    if prev == Sb::Cr && next == Sb::Lf {
        return false;
    }
    if prev.para_sep() {
        return true;
    }
    let Some((term, spaces)) = seq else {
        return false; // SB998
    };
    let aterm = class_at(line, term).0 == Sb::ATerm;
    if aterm && term == q {
        // SB6, SB7.
        if next == Sb::Numeric {
            return false;
        }
        if next == Sb::Upper
            && term > 0
            && matches!(
                class_at(line, char_before(line, term)).0,
                Sb::Upper | Sb::Lower
            )
        {
            return false;
        }
    }
    // SB8: ATerm Close* Sp* × (¬(OLetter | Upper | Lower | ParaSep | SATerm))* Lower.
    if aterm && next_stop().is_some_and(|f| class_at(line, f).0 == Sb::Lower) {
        return false;
    }
    // SB8a.
    if matches!(next, Sb::SContinue) || next.sa_term() {
        return false;
    }
    // SB9, SB10.
    if !spaces && (next == Sb::Close || next == Sb::Sp || next.para_sep()) {
        return false;
    }
    if next == Sb::Sp || next.para_sep() {
        return false;
    }
    // SB11.
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `all_known` (ASCII runs a word at a time) says what its definition says — every
    /// character has a class — on generated lines of ASCII with known and unknown non-ASCII
    /// characters at every place, of every length around a word's eight bytes.
    #[test]
    fn all_known_is_every_character_classed() {
        let pieces = [
            "a", "B", " ", ".", "\u{a0}", "\u{2019}", "é", "\u{2014}", "ж", "\u{3000}", "中",
        ];
        let mut next = crate::testing::test_rng(0x9e37_79b9_7f4a_7c15u64);
        for len in 0..40 {
            for _ in 0..200 {
                let line: String = (0..len)
                    .map(|_| {
                        if next(6) == 0 {
                            pieces[next(pieces.len())]
                        } else {
                            pieces[next(4)]
                        }
                    })
                    .collect();
                let expected = line.chars().all(|c| class(c).is_some());
                assert_eq!(all_known(&line), expected, "{line:?}");
            }
        }
    }

    /// The fast path gives what `unicode-segmentation` gives, on generated lines built from
    /// every class it knows and the sequences the rules look at.
    #[test]
    fn agrees_with_unicode_segmentation() {
        const PIECES: &[&str] = &[
            "a", "b", "The", "U", "S", "x", "1", "42", ".", ".", "!", "?", "\"", "'", "(", ")",
            "[", "]", "{", "}", ",", "-", ":", ";", " ", " ", "  ", "\t", "\u{b}", "\u{c}", "\n",
            "\r", "\r\n", "#", "$", "%", "&", "*", "/", "@", "_", "~", "\u{a0}", "\u{2018}",
            "\u{2019}", "\u{201c}", "\u{201d}", "\u{2013}", "\u{2014}", "\u{2022}", "§", "©", "®",
            "™", "°", "é", "É", "ñ", "Inc.", "U.S.", "e.g.", " the", " We", "\u{7f}", "\u{1}",
        ];
        let mut next = crate::test_rng(0x5e_47_ce_b0);
        for round in 0..200_000 {
            let most = if round % 10 == 0 { 60 } else { 12 };
            let line = crate::test_string(&mut next, PIECES, most);
            let expected: Vec<(usize, &str)> = line.split_sentence_bound_indices().collect();
            assert_eq!(bounds(&line), expected, "{line:?}");
        }
    }

    /// A long run of brackets or spaces after a full stop is walked once, not once per
    /// position (each position used to look back over the run, and ahead for SB8): the
    /// answers for a run of ten agree with `unicode-segmentation`, and a run of 300,000 gives
    /// the same shape at once.
    #[test]
    fn long_runs_after_a_full_stop_are_linear() {
        for run in [")", " ", "\u{a0}", "\u{201d}"] {
            for (tail, split) in [("x", false), ("X", true), ("1", true)] {
                let shape = |n: usize| {
                    let line = format!("a.{}{tail}", run.repeat(n));
                    let pieces: Vec<usize> = bounds(&line).iter().map(|(i, _)| *i).collect();
                    (line, pieces)
                };
                let (small, pieces) = shape(10);
                let expected: Vec<usize> = small
                    .split_sentence_bound_indices()
                    .map(|(i, _)| i)
                    .collect();
                assert_eq!(pieces, expected, "{small:?}");
                assert_eq!(pieces.len(), 1 + usize::from(split), "{small:?}");
                let (big, pieces) = shape(300_000);
                let last = big.len() - tail.len();
                assert_eq!(
                    pieces,
                    if split { vec![0, last] } else { vec![0] },
                    "{run:?}{tail}"
                );
            }
        }
    }

    #[test]
    fn every_ascii_and_listed_class_is_unicode_segmentations() {
        // Each known character between contexts that tell classes apart.
        let mut chars: Vec<char> = (0u8..128).map(char::from).collect();
        chars.extend(
            "\u{a0}\u{2018}\u{2019}\u{201c}\u{201d}\u{2013}\u{2014}\u{2022}§©®™°éèüöäñçÉ".chars(),
        );
        let contexts = [
            "a.{}b", "a. {}b", "A.{}B", "a.{} b", "a!{}B", "x. {} x", "a.{}1", "Ab.{}", "a?{} a",
        ];
        for c in chars {
            for ctx in contexts {
                let line = ctx.replace("{}", &c.to_string());
                let expected: Vec<(usize, &str)> = line.split_sentence_bound_indices().collect();
                assert_eq!(bounds(&line), expected, "{line:?}");
            }
        }
    }
}
