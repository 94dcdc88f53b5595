//! HTML knowledge shared by the readers: entities, block elements, CSS bits, and decoding of
//! XML-escaped text with a map back to the source.

use std::borrow::Cow;

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

/// Decodes entity references in `s` (found at byte `base` of its file), returning the decoded
/// string and, for each decoded byte plus one past the end, its original offset. CDATA
/// sections are copied through.
pub fn decode_with_points(s: &str, base: usize) -> (String, Vec<u32>) {
    let mut out = String::with_capacity(s.len());
    let mut points = Vec::with_capacity(s.len() + 1);
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < s.len() {
        // Copy the run up to the next `&` or `<` in one go (escaped markup has one every few
        // bytes: a short search, see `xmltok::find`).
        let run_end =
            crate::read::xmltok::find([b'&', b'<'], &bytes[i..]).map_or(s.len(), |p| i + p);
        if run_end > i {
            out.push_str(&s[i..run_end]);
            points.extend((i..run_end).map(|p| (base + p) as u32));
            i = run_end;
            continue;
        }
        if s[i..].starts_with("<![CDATA[") {
            let body_start = i + 9;
            let body_end = s[body_start..]
                .find("]]>")
                .map_or(s.len(), |p| body_start + p);
            out.push_str(&s[body_start..body_end]);
            points.extend((body_start..body_end).map(|p| (base + p) as u32));
            i = (body_end + 3).min(s.len());
            continue;
        }
        // An entity name is at most 32 bytes: look for its `;` that far only.
        if bytes[i] == b'&'
            && let Some(semi) = memchr::memchr(b';', &bytes[i + 1..(i + 34).min(s.len())])
            && let Some(name) = s.get(i + 1..i + 1 + semi)
            && let Some(dec) = decode_entity_char(name)
        {
            let end = i + 2 + semi;
            let len = dec.map_or(0, char::len_utf8);
            out.extend(dec);
            points.extend(std::iter::repeat_n((base + i) as u32, len));
            i = end;
            continue;
        }
        let ch_len = s[i..].chars().next().map_or(1, char::len_utf8);
        out.push_str(&s[i..i + ch_len]);
        points.extend((i..i + ch_len).map(|p| (base + p) as u32));
        i += ch_len;
    }
    points.push((base + s.len()) as u32);
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
/// at.
pub fn style_flags(style: &str) -> (bool, Option<&str>) {
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
        let (s, p) = decode_with_points("x&lt;p&gt;y", 10);
        assert_eq!(s, "x<p>y");
        assert_eq!(p, vec![10, 11, 15, 16, 20, 21]);
        let (s, p) = decode_with_points("a<![CDATA[<b>]]>c", 0);
        assert_eq!(s, "a<b>c");
        assert_eq!(p, vec![0, 10, 11, 12, 16, 17]);
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
