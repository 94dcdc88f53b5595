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

/// The sentences of `line` as `unicode-segmentation`'s `split_sentence_bound_indices`
/// gives them: (offset, piece), pieces covering the line.
pub fn bounds(line: &str) -> Vec<(usize, &str)> {
    let mut classes: Vec<(usize, Sb)> = Vec::with_capacity(line.len());
    for (i, c) in line.char_indices() {
        match class(c) {
            Some(k) => classes.push((i, k)),
            None => return line.split_sentence_bound_indices().collect(),
        }
    }
    let mut out = Vec::new();
    let mut start = 0;
    for k in 1..classes.len() {
        // A boundary follows a line break or ends `SATerm Close* Sp*`: after anything else
        // there is none (SB998), and most characters are letters.
        let after = classes[k - 1].1;
        if !(after.para_sep() || after.sa_term() || matches!(after, Sb::Sp | Sb::Close)) {
            continue;
        }
        if breaks_before(&classes, k) {
            let at = classes[k].0;
            out.push((start, &line[start..at]));
            start = at;
        }
    }
    if start < line.len() {
        out.push((start, &line[start..]));
    }
    out
}

/// Whether UAX #29 puts a sentence boundary before character `k` (0 < k < len).
fn breaks_before(cs: &[(usize, Sb)], k: usize) -> bool {
    let prev = cs[k - 1].1;
    let next = cs[k].1;
    // SB3, SB4.
    if prev == Sb::Cr && next == Sb::Lf {
        return false;
    }
    if prev.para_sep() {
        return true;
    }
    // Look back for SATerm Close* Sp* before the position.
    let mut j = k;
    let mut spaces = false;
    while j > 0 && cs[j - 1].1 == Sb::Sp {
        j -= 1;
        spaces = true;
    }
    while j > 0 && cs[j - 1].1 == Sb::Close {
        j -= 1;
    }
    if j == 0 || !cs[j - 1].1.sa_term() {
        return false; // SB998
    }
    let term = j - 1;
    let aterm = cs[term].1 == Sb::ATerm;
    if aterm && term == k - 1 {
        // SB6, SB7.
        if next == Sb::Numeric {
            return false;
        }
        if next == Sb::Upper && term > 0 && matches!(cs[term - 1].1, Sb::Upper | Sb::Lower) {
            return false;
        }
    }
    // SB8: ATerm Close* Sp* × (¬(OLetter | Upper | Lower | ParaSep | SATerm))* Lower.
    if aterm {
        let ahead = cs[k..]
            .iter()
            .map(|&(_, c)| c)
            .find(|&c| matches!(c, Sb::Upper | Sb::Lower) || c.para_sep() || c.sa_term());
        if ahead == Some(Sb::Lower) {
            return false;
        }
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
