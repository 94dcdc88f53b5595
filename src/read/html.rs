//! HTML knowledge shared by the readers: entities, block elements, CSS bits, and decoding of
//! XML-escaped text with a map back to the source.

use std::borrow::Cow;

use crate::source::Points;

/// Decodes one entity reference body (the text between `&` and `;`), HTML names included.
pub fn decode_entity(name: &str) -> Option<String> {
    decode_entity_char(name).map(|c| c.map(String::from).unwrap_or_default())
}

/// [`decode_entity`] without allocating: `Some(None)` for a reference that stands for nothing
/// (a zero-width space, a soft hyphen).
pub fn decode_entity_char(name: &str) -> Option<Option<char>> {
    if let Some(num) = name.strip_prefix('#') {
        let code = if let Some(hex) = num.strip_prefix(['x', 'X']) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            num.parse::<u32>().ok()?
        };
        // Windows-1252 code points written as numeric references (common in EDGAR HTML).
        let code = match code {
            0x92 => 0x2019,
            0x91 => 0x2018,
            0x93 => 0x201C,
            0x94 => 0x201D,
            0x96 => 0x2013,
            0x97 => 0x2014,
            0x85 => 0x2026,
            c => c,
        };
        return char::from_u32(code).map(Some);
    }
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "zwsp" | "zwnj" | "zwj" | "shy" => return Some(None),
        "rsquo" => '’',
        "lsquo" => '‘',
        "rdquo" => '”',
        "ldquo" => '“',
        "sbquo" => '‚',
        "bdquo" => '„',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "bull" => '•',
        "middot" => '·',
        "sect" => '§',
        "para" => '¶',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "deg" => '°',
        "plusmn" => '±',
        "times" => '×',
        "divide" => '÷',
        "frac12" => '½',
        "frac14" => '¼',
        "frac34" => '¾',
        "cent" => '¢',
        "pound" => '£',
        "euro" => '€',
        "yen" => '¥',
        "laquo" => '«',
        "raquo" => '»',
        "dagger" => '†',
        "Dagger" => '‡',
        "iexcl" => '¡',
        "iquest" => '¿',
        "eacute" => 'é',
        "Eacute" => 'É',
        "egrave" => 'è',
        "aacute" => 'á',
        "agrave" => 'à',
        "acirc" => 'â',
        "oacute" => 'ó',
        "ocirc" => 'ô',
        "uacute" => 'ú',
        "iacute" => 'í',
        "ntilde" => 'ñ',
        "ccedil" => 'ç',
        "uuml" => 'ü',
        "ouml" => 'ö',
        "auml" => 'ä',
        "Uuml" => 'Ü',
        "Ouml" => 'Ö',
        "Auml" => 'Ä',
        "szlig" => 'ß',
        "check" => '✓',
        "#x2610" => '☐',
        _ => return None,
    };
    Some(Some(c))
}

/// Decodes entity references in `s` (an attribute value, say). Unknown references stay as
/// written.
pub fn unescape(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    Cow::Owned(decode_with_points(s, 0).0)
}

/// `s` in ASCII lower case, borrowed when it already is (element names, nearly always).
pub fn ascii_lower(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(s.to_ascii_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

/// The reference that starts at byte `i` of `s` (a `&`), when it is one [`decode_with_points`]
/// decodes: what it stands for (nothing, for a zero-width space) and its length, `&` to `;`.
pub(crate) fn reference_at(s: &str, i: usize) -> Option<(Option<char>, usize)> {
    let bytes = s.as_bytes();
    if bytes.get(i) != Some(&b'&') {
        return None;
    }
    // An entity name is at most 32 bytes: look for its `;` that far only.
    let semi = memchr::memchr(b';', &bytes[i + 1..(i + 34).min(s.len())])?;
    let dec = decode_entity_char(s.get(i + 1..i + 1 + semi)?)?;
    Some((dec, 2 + semi))
}

/// Decodes entity references in `s` (found at byte `base` of its file), returning the decoded
/// string and where each of its bytes came from. CDATA sections are copied through.
pub fn decode_with_points(s: &str, base: usize) -> (String, Points) {
    let mut out = String::with_capacity(s.len());
    let mut points = Points::default();
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < s.len() {
        // Copy the run up to the next `&` or `<` in one go (escaped markup has one every few
        // bytes: a short search, see `scan::find`).
        let run_end = crate::read::scan::find([b'&', b'<'], &bytes[i..]).map_or(s.len(), |p| i + p);
        if run_end > i {
            points.push(out.len(), base + i, true);
            out.push_str(&s[i..run_end]);
            i = run_end;
            continue;
        }
        if s[i..].starts_with("<![CDATA[") {
            let body_start = i + 9;
            let body_end = s[body_start..]
                .find("]]>")
                .map_or(s.len(), |p| body_start + p);
            if body_end > body_start {
                points.push(out.len(), base + body_start, true);
            }
            out.push_str(&s[body_start..body_end]);
            i = (body_end + 3).min(s.len());
            continue;
        }
        if let Some((dec, len)) = reference_at(s, i) {
            if let Some(c) = dec {
                points.push(out.len(), base + i, false);
                out.push(c);
            }
            i += len;
            continue;
        }
        let ch_len = s[i..].chars().next().map_or(1, char::len_utf8);
        points.push(out.len(), base + i, true);
        out.push_str(&s[i..i + ch_len]);
        i += ch_len;
    }
    points.finish(out.len(), base + s.len());
    (out, points)
}

/// Elements whose boundaries are line breaks in the text layer.
pub fn is_block(local: &str) -> bool {
    matches!(
        local,
        "p" | "div"
            | "br"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "table"
            | "tr"
            | "thead"
            | "tbody"
            | "tfoot"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "blockquote"
            | "pre"
            | "hr"
            | "dl"
            | "dt"
            | "dd"
            | "caption"
            | "center"
            | "address"
            | "figure"
            | "figcaption"
            | "main"
            | "nav"
            | "aside"
            | "form"
            | "body"
            | "html"
    )
}

/// Elements whose boundaries separate words (table cells).
pub fn is_cell(local: &str) -> bool {
    matches!(local, "td" | "th")
}

/// Elements whose content is never text a reader sees.
pub fn is_skipped(local: &str) -> bool {
    matches!(
        local,
        "script" | "style" | "head" | "title" | "noscript" | "template" | "object" | "svg"
    )
}

/// HTML void elements (no end tag in HTML).
pub fn is_void(local: &str) -> bool {
    matches!(
        local,
        "br" | "hr"
            | "img"
            | "meta"
            | "link"
            | "input"
            | "col"
            | "area"
            | "base"
            | "embed"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

/// The value of a CSS property in a `style` attribute (lower-cased property match).
pub fn css_property<'a>(style: &'a str, prop: &str) -> Option<&'a str> {
    style.split(';').find_map(|decl| {
        let (k, v) = decl.split_once(':')?;
        k.trim().eq_ignore_ascii_case(prop).then(|| v.trim())
    })
}

/// What cydlint reads from a `style` attribute, in one pass: whether it hides the element
/// (`display:none`) and its `-sec-ix-hidden` fact id. Same result as [`css_property`] for each
/// (the first declaration of a property counts), but a filing has a `style` on nearly every
/// element and few of them name either property, so only the names before each `:` are looked
/// at, and only in a style that holds one of the two names at all (`may_name`).
pub fn style_flags(style: &str) -> (bool, Option<&str>) {
    if !may_name(style.as_bytes()) {
        return (false, None);
    }
    style_declarations(style)
}

/// Whether a style may name `display` or `-sec-ix-hidden` (ASCII case aside), as the first
/// test of [`style_flags`]: a declaration named either holds a `y` after `displa` or an `x`
/// after `-sec-i`, so a style holding neither names neither, and `style_declarations` would
/// find nothing in it. Most styles of a filing (`font-family`, `margin`, `padding`, sizes in
/// `px`) hold a few `x`s and `y`s, each tested by six bytes before it, where reading the style
/// declaration by declaration cost two searches a declaration.
fn may_name(b: &[u8]) -> bool {
    let after = |last: u8, before: &[u8]| {
        memchr::memchr2_iter(last, last.to_ascii_uppercase(), b).any(|i| {
            i.checked_sub(before.len())
                .is_some_and(|s| b[s..i].eq_ignore_ascii_case(before))
        })
    };
    after(b'y', b"displa") || after(b'x', b"-sec-i")
}

/// [`style_flags`] read declaration by declaration.
fn style_declarations(style: &str) -> (bool, Option<&str>) {
    let b = style.as_bytes();
    let (mut display, mut sec) = (None, None);
    // Declaration by declaration (linear in the style, however many `:` or `;` it holds); the
    // name is what precedes a declaration's first `:`.
    let mut start = 0;
    while start <= b.len() {
        let end = memchr::memchr(b';', &b[start..]).map_or(b.len(), |k| start + k);
        if let Some(c) = memchr::memchr(b':', &b[start..end]).map(|k| start + k) {
            let name = style[start..c].trim();
            let wanted = match name.len() {
                7 if display.is_none() && name.eq_ignore_ascii_case("display") => {
                    Some(&mut display)
                }
                14 if sec.is_none() && name.eq_ignore_ascii_case("-sec-ix-hidden") => {
                    Some(&mut sec)
                }
                _ => None,
            };
            if let Some(w) = wanted {
                *w = Some(style[c + 1..end].trim());
            }
        }
        start = end + 1;
    }
    (display.is_some_and(|v| v.eq_ignore_ascii_case("none")), sec)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `style_flags` (its first test, `may_name`) answers as reading every declaration does,
    /// on styles made of pieces of both names (either case, broken, with spaces), their values
    /// and ordinary declarations full of `x`s and `y`s; more than a tenth of them name one.
    #[test]
    fn style_flags_answers_as_every_declaration_read() {
        let mut next = crate::testing::test_rng(0x0057_171e);
        let pieces = [
            "display",
            "DISPLAY",
            "Display",
            "displa",
            "isplay",
            "disp lay",
            " display ",
            "-sec-ix-hidden",
            "-SEC-IX-HIDDEN",
            "-sec-i",
            "x-hidden",
            "-sec-ix",
            ":",
            ";",
            " : ",
            "none",
            "NONE",
            "block",
            "h1",
            "font-family:Times",
            "height:2px",
            "padding:0px",
            "y",
            "x",
            "X",
            "Y",
            " ",
            "é",
            "-",
            "s",
            "display:none;",
            " Display: None ",
            "display:block;",
            "-sec-ix-hidden:f1;",
            ";-SEC-IX-HIDDEN : x",
        ];
        let (mut named, mut total) = (0, 0);
        for _ in 0..50_000 {
            let style = crate::testing::test_string(&mut next, &pieces, 12);
            let want = style_declarations(&style);
            assert_eq!(style_flags(&style), want, "{style:?}");
            named += usize::from(want != (false, None));
            total += 1;
        }
        assert!(named * 10 > total, "{named} of {total}");
    }

    #[test]
    fn entities() {
        assert_eq!(decode_entity("#8217").as_deref(), Some("’"));
        assert_eq!(decode_entity("#x2019").as_deref(), Some("’"));
        assert_eq!(decode_entity("#146").as_deref(), Some("’"));
        assert_eq!(decode_entity("nbsp").as_deref(), Some("\u{a0}"));
        assert_eq!(decode_entity("bogus"), None);
        assert_eq!(unescape("a &amp; b &bogus; c"), "a & b &bogus; c");
    }

    #[test]
    fn points_map_back() {
        let offsets = |s: &str, p: &Points| (0..=s.len() + 1).map(|i| p.at(i)).collect::<Vec<_>>();
        let (s, p) = decode_with_points("x&lt;p&gt;y", 10);
        assert_eq!(s, "x<p>y");
        assert_eq!(offsets(&s, &p), vec![10, 11, 15, 16, 20, 21, 0]);
        let (s, p) = decode_with_points("a<![CDATA[<b>]]>c", 0);
        assert_eq!(s, "a<b>c");
        assert_eq!(offsets(&s, &p), vec![0, 10, 11, 12, 16, 17, 0]);
        // Stretches copied one to one end at each jump.
        let (s, p) = decode_with_points("ab&amp;c&rsquo;d", 0);
        assert_eq!(s, "ab&c’d");
        let ends: Vec<_> = (0..s.len()).map(|i| p.copied_end(i)).collect();
        assert_eq!(ends, vec![2, 2, 2, 4, 4, 5, 6, 8]);
    }

    /// The runs map every byte where the first version's list of offsets (one per decoded
    /// byte) did, on text full of references, CDATA, stray `&` and `<`, and multi-byte
    /// characters.
    #[test]
    fn points_agree_with_an_offset_per_byte() {
        fn first_version(s: &str, base: usize) -> (String, Vec<u32>) {
            let (mut out, mut points) = (String::new(), Vec::new());
            let mut i = 0;
            while i < s.len() {
                if s[i..].starts_with("<![CDATA[") {
                    let body = i + 9;
                    let end = s[body..].find("]]>").map_or(s.len(), |p| body + p);
                    out.push_str(&s[body..end]);
                    points.extend((body..end).map(|p| (base + p) as u32));
                    i = (end + 3).min(s.len());
                    continue;
                }
                if s[i..].starts_with('&')
                    && let Some(semi) = s.as_bytes()[i + 1..(i + 34).min(s.len())]
                        .iter()
                        .position(|&b| b == b';')
                    && let Some(name) = s.get(i + 1..i + 1 + semi)
                    && let Some(dec) = decode_entity_char(name)
                {
                    let n = dec.map_or(0, char::len_utf8);
                    out.extend(dec);
                    points.extend(std::iter::repeat_n((base + i) as u32, n));
                    i += 2 + semi;
                    continue;
                }
                let c = s[i..].chars().next().unwrap();
                out.push(c);
                points.extend((i..i + c.len_utf8()).map(|p| (base + p) as u32));
                i += c.len_utf8();
            }
            points.push((base + s.len()) as u32);
            (out, points)
        }
        let mut next = crate::test_rng(0x5eed_0f90);
        const PIECES: &[&str] = &[
            "a",
            "bc",
            " ",
            "&lt;",
            "&gt;",
            "&amp;",
            "&#8217;",
            "&#x200B;",
            "&shy;",
            "&bogus;",
            "&",
            "<",
            "<![CDATA[",
            "]]>",
            "é",
            "’",
            ";",
            "&nbsp;",
        ];
        for _ in 0..20_000 {
            let s = crate::test_string(&mut next, PIECES, 14);
            let base = next(50);
            let (a, p) = decode_with_points(&s, base);
            let (b, offsets) = first_version(&s, base);
            assert_eq!(a, b, "{s:?}");
            let got: Vec<u32> = (0..=a.len()).map(|i| p.at(i) as u32).collect();
            assert_eq!(got, offsets, "{s:?}");
            for i in 0..a.len() {
                // A copied stretch steps one source byte per byte up to its end.
                let end = p.copied_end(i);
                assert!(end >= i && end <= a.len(), "{s:?} {i}");
                for j in i..end {
                    assert_eq!(offsets[j], offsets[i] + (j - i) as u32, "{s:?} {i} {j}");
                }
            }
        }
    }

    #[test]
    fn css() {
        assert!(style_flags("color:red; DISPLAY : none").0);
        assert!(style_flags("display:NONE").0);
        assert!(!style_flags("display:block; border: none").0);
        assert_eq!(
            css_property("-sec-ix-hidden:f-1;x:y", "-sec-ix-hidden"),
            Some("f-1")
        );
        assert_eq!(
            style_flags("font-size:9pt;-SEC-IX-HIDDEN: f-1 ;display:none"),
            (true, Some("f-1"))
        );
    }

    /// A style of a million colons (or semicolons, or blanks) reads in linear time: each
    /// declaration is looked at once. A scan back from every colon to the previous `;` (an
    /// earlier version) would not finish here.
    #[test]
    fn style_flags_is_linear_on_hostile_styles() {
        for unit in [":", ";", " :", "a:", ": ;", "display:none;"] {
            let s = unit.repeat(1_000_000 / unit.len());
            let want = (
                css_property(&s, "display").is_some_and(|v| v.eq_ignore_ascii_case("none")),
                css_property(&s, "-sec-ix-hidden"),
            );
            assert_eq!(style_flags(&s), want, "{unit:?}");
        }
    }

    /// The one-pass style reader agrees with `css_property` (first declaration wins; names
    /// in any case; values with colons; stray semicolons and empty declarations).
    #[test]
    fn style_flags_agree_with_css_property() {
        let styles = [
            "",
            ";;",
            "display",
            "display:",
            ":none",
            "display:none;display:block",
            "display:block;display:none",
            " Display :None ; color:red",
            "background:url(a:b);display:none",
            "x-display:none",
            "displays:none",
            "font-family:'Times New Roman';-sec-ix-hidden:hid-1",
            "-sec-ix-hidden:a;-sec-ix-hidden:b",
            "a:b:c;display:none:x",
            "color:red;display:none;",
        ];
        for s in styles {
            let want = (
                css_property(s, "display").is_some_and(|v| v.eq_ignore_ascii_case("none")),
                css_property(s, "-sec-ix-hidden"),
            );
            assert_eq!(style_flags(s), want, "{s:?}");
        }
    }
}
