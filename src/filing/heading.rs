//! The "Item N" heading lines that mark sections, recognised by hand.
//!
//! Why not a regex: the two patterns this stands for (kept in the tests, which compare the two
//! on generated lines) cost about 5 million instructions to compile — their case-insensitive
//! Unicode classes, `\d` and `\b` — once per process, more than finding the sections of a
//! 10-K takes. They are small, so they are written out here with the regex's exact meaning:
//! case-insensitive letters (`k` also matches the Kelvin sign and `s` the long s, as
//! Unicode's simple case folding says), Unicode decimal digits for `\d`, Unicode word
//! characters for `\b`, and the regex's preference order wherever a part is optional.
//!
//! * [`any_item`]: `(?i)^[ \t]*(?:part[ \t]+[iv]+[ \t]*[,.\-–—]?[ \t]*)?item[ \t]*(\d+[a-z]?(?:\.\d+)?)\b`
//! * [`cyber_heading`]: `(?i)^[ \t]*(?:part[ \t]+i[ \t]*[,.\-–—]?[ \t]*)?item[ \t]*(1c|16k|1\.05)[ \t]*[.:\-–—]?[ \t]*(material[ \t]+)?cyber[ \t-]*security([ \t]+incidents?)?\b[^\n]{0,40}$`
//!
//! Both apply to one line (no line break in it) and match from its start.

use std::ops::Range;

/// After a run of spaces and tabs from `at`.
fn spaces(line: &str, mut at: usize) -> usize {
    let b = line.as_bytes();
    while matches!(b.get(at), Some(b' ' | b'\t')) {
        at += 1;
    }
    at
}

/// After `word` (ASCII lowercase) at `at`, compared as `(?i)` compares: ASCII case, and the
/// Kelvin sign for `k`, the long s for `s`.
fn word(line: &str, at: usize, word: &str) -> Option<usize> {
    let mut chars = line.get(at..)?.char_indices();
    for w in word.chars() {
        let (_, c) = chars.next()?;
        let same = c.to_ascii_lowercase() == w
            || (w == 'k' && c == '\u{212A}')
            || (w == 's' && c == '\u{17F}');
        if !same {
            return None;
        }
    }
    Some(chars.next().map_or(line.len(), |(i, _)| at + i))
}

/// After `[ \t]*`, one optional character of `punct`, `[ \t]*`.
fn separator(line: &str, at: usize, punct: &[char]) -> usize {
    let at = spaces(line, at);
    match line[at..].chars().next() {
        Some(c) if punct.contains(&c) => spaces(line, at + c.len_utf8()),
        _ => at,
    }
}

const PART_PUNCT: &[char] = &[',', '.', '-', '–', '—'];
const HEAD_PUNCT: &[char] = &['.', ':', '-', '–', '—'];

/// After the `part …` prefix at `at`, each way the part number can end (the regex's order:
/// longest first); `roman` allows `[iv]+`, otherwise a single `i`.
fn part_ends(line: &str, at: usize, roman: bool) -> Vec<usize> {
    let Some(p) = word(line, at, "part") else {
        return Vec::new();
    };
    let n = spaces(line, p);
    if n == p {
        return Vec::new();
    }
    let b = line.as_bytes();
    let mut end = n;
    if roman {
        while matches!(b.get(end), Some(b'i' | b'I' | b'v' | b'V')) {
            end += 1;
        }
    } else if matches!(b.get(n), Some(b'i' | b'I')) {
        end += 1;
    }
    (n + 1..=end)
        .rev()
        .map(|e| separator(line, e, PART_PUNCT))
        .collect()
}

/// Unicode decimal digits (`\d`), from the regex engine's own tables.
fn is_digit(c: char) -> bool {
    static ND: std::sync::LazyLock<Vec<(char, char)>> = std::sync::LazyLock::new(|| {
        match regex_syntax::Parser::new()
            .parse(r"\d")
            .map(|h| h.into_kind())
        {
            Ok(regex_syntax::hir::HirKind::Class(regex_syntax::hir::Class::Unicode(c))) => {
                c.ranges().iter().map(|r| (r.start(), r.end())).collect()
            }
            _ => vec![('0', '9')],
        }
    });
    c.is_ascii_digit() || (!c.is_ascii() && ND.iter().any(|&(a, b)| a <= c && c <= b))
}

/// After a run of `\d+` at `at`.
fn digits(line: &str, at: usize) -> Option<usize> {
    let rest = line.get(at..)?;
    let end = rest
        .char_indices()
        .find(|&(_, c)| !is_digit(c))
        .map_or(rest.len(), |(i, _)| i);
    (end > 0).then_some(at + end)
}

/// True when `\b` holds at `at`: a word character on one side only.
fn boundary(line: &str, at: usize) -> bool {
    let word = |c: Option<char>| c.is_some_and(regex_syntax::is_word_character);
    word(line[..at].chars().next_back()) != word(line[at..].chars().next())
}

/// The item number of an "Item N" heading line (`Item 1C.`, `PART II, ITEM 7A`, `Item 1.05`).
pub fn any_item(line: &str) -> Option<Range<usize>> {
    let start = spaces(line, 0);
    let mut ats = part_ends(line, start, true);
    ats.push(start);
    ats.into_iter().find_map(|at| {
        let n = spaces(line, word(line, at, "item")?);
        let d = digits(line, n)?;
        let letter = match line[d..].chars().next() {
            Some(c) if c.is_ascii_alphabetic() || c == '\u{212A}' || c == '\u{17F}' => {
                Some(d + c.len_utf8())
            }
            _ => None,
        };
        let dot = |e: usize| {
            line[e..]
                .starts_with('.')
                .then(|| digits(line, e + 1))
                .flatten()
        };
        [letter, Some(d)]
            .into_iter()
            .flatten()
            .flat_map(|e| [dot(e), Some(e)])
            .flatten()
            .find(|&e| boundary(line, e))
            .map(|e| n..e)
    })
}

/// The item (`1C`, `16K`, `1.05`) of a whole-line Item 1C / 16K / 1.05 cybersecurity heading
/// (at most 40 characters after its title).
pub fn cyber_heading(line: &str) -> Option<Range<usize>> {
    let start = spaces(line, 0);
    let mut ats = part_ends(line, start, false);
    ats.push(start);
    ats.into_iter().find_map(|at| {
        let n = spaces(line, word(line, at, "item")?);
        let num = word(line, n, "1c")
            .or_else(|| word(line, n, "16k"))
            .or_else(|| line[n..].starts_with("1.05").then_some(n + 4))?;
        let title = separator(line, num, HEAD_PUNCT);
        let material = word(line, title, "material").and_then(|m| {
            let s = spaces(line, m);
            (s > m).then_some(s)
        });
        let ok = [material, Some(title)].into_iter().flatten().any(|t| {
            let Some(c) = word(line, t, "cyber") else {
                return false;
            };
            let b = line.as_bytes();
            let mut c = c;
            while matches!(b.get(c), Some(b' ' | b'\t' | b'-')) {
                c += 1;
            }
            let Some(sec) = word(line, c, "security") else {
                return false;
            };
            let mut ends = Vec::with_capacity(3);
            let i = spaces(line, sec);
            if i > sec
                && let Some(inc) = word(line, i, "incident")
            {
                ends.extend(word(line, inc, "s"));
                ends.push(inc);
            }
            ends.push(sec);
            ends.into_iter()
                .any(|e| boundary(line, e) && line[e..].chars().count() <= 40)
        });
        ok.then_some(n..num)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ANY_ITEM: &str =
        r"(?im)^[ \t]*(?:part[ \t]+[iv]+[ \t]*[,.\-–—]?[ \t]*)?item[ \t]*(\d+[a-z]?(?:\.\d+)?)\b";
    const HEADING: &str = r"(?im)^[ \t]*(?:part[ \t]+i[ \t]*[,.\-–—]?[ \t]*)?item[ \t]*(1c|16k|1\.05)[ \t]*[.:\-–—]?[ \t]*(material[ \t]+)?cyber[ \t-]*security([ \t]+incidents?)?\b[^\n]{0,40}$";

    fn by_regex(re: &regex::Regex, line: &str) -> Option<Range<usize>> {
        let c = re.captures(line)?;
        assert_eq!(c.get(0).unwrap().start(), 0, "{line:?}");
        Some(c.get(1)?.range())
    }

    #[test]
    fn headings_are_recognised() {
        assert_eq!(any_item("Item 1C. Cybersecurity"), Some(5..7));
        assert_eq!(any_item("  PART II, ITEM 7A. Quantitative"), Some(16..18));
        assert_eq!(any_item("Item 1.05 Material"), Some(5..9));
        assert_eq!(any_item("Items 1 and 2"), None);
        assert_eq!(any_item("Item 1Cx"), None);
        assert_eq!(cyber_heading("ITEM 1C. CYBERSECURITY"), Some(5..7));
        assert_eq!(cyber_heading("Item 16K — Cyber-security"), Some(5..8));
        assert_eq!(
            cyber_heading("Item 1.05 Material Cybersecurity Incidents"),
            Some(5..9)
        );
        assert_eq!(
            cyber_heading("Item 1C. Cybersecurity risk management is described in the notes"),
            None
        );
        assert_eq!(cyber_heading("Item 1C. Cybersecurityx"), None);
    }

    /// The hand-written recognisers agree with the regexes they stand for, on generated
    /// lines made of the pieces where they could differ.
    #[test]
    fn recognisers_equal_the_regexes() {
        let any = regex::Regex::new(ANY_ITEM).unwrap();
        let head = regex::Regex::new(HEADING).unwrap();
        const PIECES: &[&str] = &[
            "Item",
            "ITEM",
            "item",
            "Items",
            "Part",
            "PART",
            " I",
            " II",
            "I",
            "IV",
            "v",
            "x",
            " ",
            "  ",
            "\t",
            "\r",
            "\u{a0}",
            "1",
            "1C",
            "1c",
            "16K",
            "16k",
            "16\u{212A}",
            "1.05",
            "1.",
            ".05",
            "7A",
            "7",
            "٣",
            "a",
            "é",
            "\u{301}",
            "_",
            "\u{212A}",
            "\u{17F}",
            ".",
            ",",
            ":",
            "-",
            "–",
            "—",
            ";",
            "Material",
            "MATERIAL ",
            " material ",
            "Cybersecurity",
            "Cyber",
            "cyber",
            " security",
            "-security",
            "SECURITY",
            "\u{17F}ecurity",
            "Security",
            " Incidents",
            " incident",
            " incidents",
            "s",
            "\u{17F}",
            "Risk",
            " and more words after the heading that run long",
            "!",
        ];
        // Slots of a heading, each with variants and junk.
        const SLOTS: &[&[&str]] = &[
            &["", " ", "\t ", "\r", "\u{a0}"],
            &[
                "",
                "",
                "Part I ",
                "PART II, ",
                "part iv.",
                "Part IItem",
                "Part Item ",
                "Part I—",
            ],
            &["Item", "ITEM", "item", "Items", "Ite"],
            &["", " ", "  ", "\t"],
            &[
                "1C",
                "1c",
                "16K",
                "16\u{212A}",
                "1.05",
                "7A",
                "1",
                "٣",
                "1.0",
                "1C\u{17F}",
                "2x",
                "10.1",
            ],
            &["", ".", ". ", " — ", ":", "-", ";", " "],
            &["", "", "Material ", "MATERIAL\t", "material"],
            &["Cyber", "CYBER", "cyber", "Cy"],
            &[
                "security",
                " security",
                "-Security",
                "\u{17F}ecurity",
                "SECURITY",
                "securityx",
            ],
            &[
                "",
                " Incidents",
                " incident",
                " INCIDENT\u{17F}",
                " incidentsé",
                "\u{301}",
            ],
            &[
                "",
                "",
                " (continued)",
                " and more words after the heading that run long",
                "_",
                "!",
            ],
        ];
        let mut next = crate::test_rng(0x4ead_1495);
        let (mut items, mut heads) = (0, 0);
        for round in 0..40_000 {
            let line = if round % 2 == 0 {
                crate::test_string(&mut next, PIECES, 12)
            } else {
                SLOTS.iter().map(|s| s[next(s.len())]).collect()
            };
            let want = by_regex(&any, &line);
            assert_eq!(any_item(&line), want, "any_item({line:?})");
            items += usize::from(want.is_some());
            let want = by_regex(&head, &line);
            assert_eq!(cyber_heading(&line), want, "cyber_heading({line:?})");
            heads += usize::from(want.is_some());
        }
        assert!(
            items > 3_000 && heads > 300,
            "{items} items, {heads} headings"
        );
    }
}
