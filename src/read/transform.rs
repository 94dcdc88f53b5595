//! Inline XBRL transformation rules (`format="ixt:…"`, `format="ixt-sec:…"`).
//!
//! A transform turns displayed text into an XBRL value: `ixt:fixed-true` makes "incorporate"
//! the boolean `true`; `ixt-sec:boolballotbox` makes ☒ `true`; `ixt:date-monthname-day-year-en`
//! makes "December 31, 2024" `2024-12-31`. Transforms are named by namespace URI; the registries
//! EDGAR accepts are ixt 2015-02-26, 2020-02-12, 2022-02-16 and ixt-sec 2015-08-31
//! (`../shared/design/anchors.md`). As in Arelle, white space is collapsed before a transform.

/// The transformation registries EDGAR accepts, with their canonical prefix.
pub const REGISTRIES: &[(&str, &str)] = &[
    (
        "http://www.xbrl.org/inlineXBRL/transformation/2015-02-26",
        "ixt",
    ),
    (
        "http://www.xbrl.org/inlineXBRL/transformation/2020-02-12",
        "ixt",
    ),
    (
        "http://www.xbrl.org/inlineXBRL/transformation/2022-02-16",
        "ixt",
    ),
    (
        "http://www.xbrl.org/inlineXBRL/transformation/2011-07-31",
        "ixt",
    ),
    (
        "http://www.xbrl.org/inlineXBRL/transformation/2010-04-20",
        "ixt",
    ),
    (
        "http://www.sec.gov/inlineXBRL/transformation/2015-08-31",
        "ixt-sec",
    ),
];

/// The canonical prefix of a transformation registry namespace.
pub fn registry_prefix(ns: &str) -> Option<&'static str> {
    REGISTRIES.iter().find(|(u, _)| *u == ns).map(|(_, p)| *p)
}

/// Why a transform failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransformError {
    /// The transform is not one cydlint implements (the value is kept as displayed).
    Unknown,
    /// The displayed text is not in the transform's input format.
    Invalid,
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(&w) || (w == "sept" && *m == "september"))
        .map(|i| i as u32 + 1)
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn ymd(y: i32, m: u32, d: u32) -> Result<String, TransformError> {
    if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return Err(TransformError::Invalid);
    }
    Ok(format!("{y:04}-{m:02}-{d:02}"))
}

fn year(s: &str) -> Option<i32> {
    let y: i32 = s.parse().ok()?;
    match s.len() {
        4 => Some(y),
        2 => Some(2000 + y),
        _ => None,
    }
}

/// Splits on anything that is not a letter or digit.
fn tokens(s: &str) -> Vec<&str> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .collect()
}

fn parse_u32(s: &str) -> Result<u32, TransformError> {
    s.trim_end_matches(|c: char| c.is_alphabetic()) // "31st"
        .parse()
        .map_err(|_| TransformError::Invalid)
}

/// Applies transform `name` (local name, any registry) to displayed `text`.
pub fn apply(name: &str, text: &str) -> Result<String, TransformError> {
    // Most displayed values are one word ("1,234.5"): collapse white space only when there is
    // something to collapse, and split into tokens only for the date transforms.
    let single_spaced = if text.is_ascii() {
        // One pass over the bytes (the usual case): no white space at either end, none but
        // single spaces inside.
        let b = text.as_bytes();
        // `char::is_whitespace` on ASCII: the four of `u8::is_ascii_whitespace`, space and
        // the vertical tab.
        let ws = |c: u8| c.is_ascii_whitespace() || c == 0x0b;
        let edge = |c: Option<&u8>| c.is_some_and(|&c| ws(c));
        !edge(b.first())
            && !edge(b.last())
            && b.windows(2).all(|w| w != b"  ")
            && !b.iter().any(|&c| ws(c) && c != b' ')
    } else {
        !text.starts_with(char::is_whitespace)
            && !text.ends_with(char::is_whitespace)
            && !text.contains("  ")
            && !text.contains(|c: char| c.is_whitespace() && c != ' ')
    };
    let collapsed;
    let t = if single_spaced {
        text
    } else {
        collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
        collapsed.as_str()
    };
    let tok = || tokens(t);
    // Numbers first: nearly every fact of a filing is one, and a `match` on strings tries its
    // arms in order.
    if let "num-dot-decimal" | "numdotdecimal" | "num-comma-decimal" | "numcommadecimal" = name {
        let dec = if name.starts_with("num-comma") || name == "numcommadecimal" {
            b','
        } else {
            b'.'
        };
        let mut kept = String::with_capacity(t.len());
        for c in t.bytes() {
            if c.is_ascii_digit() {
                kept.push(char::from(c));
            } else if c == dec {
                kept.push('.');
            }
        }
        return if kept.bytes().any(|c| c.is_ascii_digit()) {
            Ok(kept)
        } else {
            Err(TransformError::Invalid)
        };
    }
    match name {
        "fixed-true" | "booleantrue" => Ok("true".into()),
        "fixed-false" | "booleanfalse" => Ok("false".into()),
        "fixed-zero" | "zerodash" | "fixed-empty" => Ok(if name == "fixed-empty" {
            String::new()
        } else {
            "0".into()
        }),
        "boolballotbox" => match t.chars().find(|c| !c.is_whitespace()) {
            Some('☐') => Ok("false".into()),
            Some('☑') | Some('☒') => Ok("true".into()),
            _ => Err(TransformError::Invalid),
        },
        "yesnoballotbox" => match t.chars().find(|c| !c.is_whitespace()) {
            Some('☐') => Ok("No".into()),
            Some('☑') | Some('☒') => Ok("Yes".into()),
            _ => Err(TransformError::Invalid),
        },
        "date-monthname-day-year-en" | "datemonthdayyearen" | "date-month-day-year-en" => {
            match tok().as_slice() {
                [m, d, y] => ymd(
                    year(y).ok_or(TransformError::Invalid)?,
                    month_number(m).ok_or(TransformError::Invalid)?,
                    parse_u32(d)?,
                ),
                _ => Err(TransformError::Invalid),
            }
        }
        "date-day-monthname-year-en" | "datedaymonthyearen" => match tok().as_slice() {
            [d, m, y] => ymd(
                year(y).ok_or(TransformError::Invalid)?,
                month_number(m).ok_or(TransformError::Invalid)?,
                parse_u32(d)?,
            ),
            _ => Err(TransformError::Invalid),
        },
        "date-year-month-day" | "dateyearmonthday" | "datedoteu" => match tok().as_slice() {
            [y, m, d] => ymd(
                year(y).ok_or(TransformError::Invalid)?,
                parse_u32(m)?,
                parse_u32(d)?,
            ),
            _ => Err(TransformError::Invalid),
        },
        "date-month-day-year" | "datemonthdayyear" | "dateslashus" | "datedotus" => {
            match tok().as_slice() {
                [m, d, y] => ymd(
                    year(y).ok_or(TransformError::Invalid)?,
                    parse_u32(m)?,
                    parse_u32(d)?,
                ),
                _ => Err(TransformError::Invalid),
            }
        }
        "date-day-month-year" | "datedaymonthyear" | "dateslasheu" => match tok().as_slice() {
            [d, m, y] => ymd(
                year(y).ok_or(TransformError::Invalid)?,
                parse_u32(m)?,
                parse_u32(d)?,
            ),
            _ => Err(TransformError::Invalid),
        },
        "date-monthname-day-en" | "datemonthdayen" => match tok().as_slice() {
            [m, d] => {
                let (m, d) = (
                    month_number(m).ok_or(TransformError::Invalid)?,
                    parse_u32(d)?,
                );
                ymd(2000, m, d).map(|_| format!("--{m:02}-{d:02}"))
            }
            _ => Err(TransformError::Invalid),
        },
        "numwordsen" | "num-word-en" => number_words(t).ok_or(TransformError::Invalid),
        _ => Err(TransformError::Unknown),
    }
}

/// English number words ("no", "none", "one" … "ninety-nine", "one hundred") as digits.
fn number_words(t: &str) -> Option<String> {
    const UNITS: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    let lower = t.trim().to_ascii_lowercase();
    if matches!(lower.as_str(), "no" | "none") {
        return Some("0".into());
    }
    let mut total = 0u64;
    let mut current = 0u64;
    let mut any = false;
    for w in lower.split(|c: char| c.is_whitespace() || c == '-') {
        match w {
            "" | "and" => continue,
            "hundred" => current = current.max(1) * 100,
            "thousand" => {
                total += current.max(1) * 1000;
                current = 0;
            }
            _ => {
                if let Some(i) = UNITS.iter().position(|u| *u == w) {
                    current += i as u64;
                } else if let Some(i) = TENS.iter().position(|u| *u == w) {
                    current += 20 + 10 * i as u64;
                } else {
                    return None;
                }
            }
        }
        any = true;
    }
    any.then(|| (total + current).to_string())
}

/// Parses an `xs:boolean` lexical value.
pub fn parse_boolean(v: &str) -> Option<bool> {
    match v.trim() {
        "true" | "1" => Some(true),
        "false" | "0" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_booleans_ignore_the_displayed_text() {
        assert_eq!(apply("fixed-true", "incorporate").unwrap(), "true");
        assert_eq!(apply("fixed-false", "have not").unwrap(), "false");
    }

    #[test]
    fn ballot_boxes() {
        assert_eq!(apply("boolballotbox", "☐").unwrap(), "false");
        assert_eq!(apply("boolballotbox", " ☑ ").unwrap(), "true");
        assert_eq!(apply("boolballotbox", "☒").unwrap(), "true");
        assert_eq!(apply("boolballotbox", "X"), Err(TransformError::Invalid));
    }

    #[test]
    fn cover_page_dates() {
        for s in [
            "December 31, 2024",
            "DECEMBER 31, 2024",
            "December\u{a0}31,  2024",
            "Dec. 31, 2024",
        ] {
            assert_eq!(
                apply("date-monthname-day-year-en", s).unwrap(),
                "2024-12-31",
                "{s}"
            );
        }
        assert_eq!(
            apply("date-year-month-day", "2024-12-31").unwrap(),
            "2024-12-31"
        );
        assert_eq!(
            apply("date-monthname-day-year-en", "February 30, 2024"),
            Err(TransformError::Invalid)
        );
        assert_eq!(
            apply("date-monthname-day-year-en", "September 27, 2025").unwrap(),
            "2025-09-27"
        );
        assert_eq!(apply("nope", "x"), Err(TransformError::Unknown));
    }

    #[test]
    fn numbers() {
        assert_eq!(apply("num-dot-decimal", "1,234.5").unwrap(), "1234.5");
        assert_eq!(apply("num-comma-decimal", "1.234,5").unwrap(), "1234.5");
        assert_eq!(apply("numcommadecimal", " 12 345,67 ").unwrap(), "12345.67");
        assert_eq!(apply("num-dot-decimal", "1\u{a0}234"), Ok("1234".into()));
        assert_eq!(apply("num-dot-decimal", "—"), Err(TransformError::Invalid));
        // White space is collapsed the same way whatever the characters (a vertical tab and a
        // no-break space are white space to a date transform as to any other).
        assert_eq!(
            apply("date-monthname-day-year-en", "December\u{b}31,  2025").unwrap(),
            apply("date-monthname-day-year-en", "December 31, 2025").unwrap()
        );
        assert_eq!(apply("fixed-zero", "—").unwrap(), "0");
        assert_eq!(apply("numwordsen", "two").unwrap(), "2");
        assert_eq!(apply("numwordsen", "twenty-one").unwrap(), "21");
        assert_eq!(apply("numwordsen", "none").unwrap(), "0");
        assert_eq!(
            apply("date-monthname-day-en", "September 27").unwrap(),
            "--09-27"
        );
    }
}
