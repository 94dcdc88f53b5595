//! The markup tokenizer of the Inline XBRL / HTML reader.
//!
//! Why not quick-xml's `Reader` directly: on a 10-K it is a third of the reader's time, and
//! the reader then scans every tag a second time for its attributes. This tokenizer finds
//! text, references and ordinary tags itself — a search for the next `<` or `&` (a word at a
//! time for the short runs markup is made of, memchr for long ones), and one scan of a start
//! tag that reads its attributes on the way to its `>` — and hands everything else
//! to quick-xml: comments, CDATA sections, doctypes (with their internal subsets), processing
//! instructions, and any tag it does not recognise as ordinary (a quote outside a value, a
//! name without a value, an unclosed tag...). So the events, their positions and every error
//! are quick-xml's, as configured by [`configure`]; [`first_difference`] checks that claim on
//! any input (tests run it on the corpus and on generated malformed markup; so does a fuzz
//! target).
//!
//! Attributes are read as the reader has always read them (`AttrScan`): `key="value"` or
//! `key='value'` separated by XML white space, values unescaped (borrowed unless they hold an
//! `&`), a malformed attribute reported by position and the ones after it still read.

use std::borrow::Cow;
use std::ops::Range;

use quick_xml::Reader;
use quick_xml::events::Event;

use crate::read::html;

/// An attribute: its name and unescaped value, borrowed from the text where possible.
pub type Attr<'a> = (&'a str, Cow<'a, str>);

/// One token. Positions are byte offsets into the text given to [`Tokenizer::new`].
#[derive(Debug)]
pub enum Token<'a> {
    /// A start tag (`empty` for `<x/>`); its attributes are [`Tokenizer::attrs`], the
    /// positions of malformed ones [`Tokenizer::bad`].
    Start {
        /// Where the element's name lies.
        name: Range<usize>,
        /// `<x/>` rather than `<x>`.
        empty: bool,
    },
    /// An end tag: the text between `</` and `>`, trailing white space trimmed (unless it is
    /// all white space, which quick-xml keeps whole).
    End(&'a str),
    /// Character data (never empty).
    Text(&'a str),
    /// A CDATA section's content.
    CData(&'a str),
    /// A reference `&name;`: the name.
    Ref(&'a str),
    /// A document type declaration.
    DocType,
    /// A comment, processing instruction or XML declaration.
    Other,
    /// A syntax error at `at`. quick-xml's error, so its message; reading stops after it
    /// unless the error is one quick-xml recovers from.
    Error {
        /// What quick-xml says.
        error: quick_xml::Error,
        /// Where (quick-xml's error position).
        at: usize,
    },
    /// The end of the text.
    Eof,
}

/// The reader's quick-xml configuration: tolerant of HTML (end names unchecked, unmatched
/// ends and lone `&` allowed), text untrimmed, empty elements not expanded.
///
/// With these settings quick-xml keeps no state from one event to the next (the names of open
/// elements matter only when end names are checked or empty elements expanded), which is what
/// lets the tokenizer hand it one construct at a time on a fresh `Reader`. Turning either on
/// would break that (and `first_difference` would say so).
pub fn configure<R>(reader: &mut Reader<R>) {
    let c = reader.config_mut();
    c.check_end_names = false;
    c.allow_unmatched_ends = true;
    c.allow_dangling_amp = true;
    c.trim_text(false);
    c.expand_empty_elements = false;
    c.check_comments = false;
}

/// XML white space (space, tab, CR, LF): what separates names and attributes, as quick-xml
/// has it (a form feed is part of a name, not a separator).
pub const fn is_xml_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// Byte classes for the start-tag scan: one table load per byte instead of a chain of
/// comparisons.
const SPACE: u8 = 1;
/// Ends an element name: white space, `>`, `/` or a quote.
const NAME_END: u8 = 2;
/// Ends an attribute name: white space, `=`, `>`, `/` or a quote.
const KEY_END: u8 = 4;
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        if is_xml_space(b) {
            t[i] = SPACE | NAME_END | KEY_END;
        } else if matches!(b, b'>' | b'/' | b'"' | b'\'') {
            t[i] = NAME_END | KEY_END;
        } else if b == b'=' {
            t[i] = KEY_END;
        }
        i += 1;
    }
    t
};

/// Streams [`Token`]s over a text.
pub struct Tokenizer<'a> {
    text: &'a str,
    pos: usize,
    done: bool,
    /// The attributes of the last [`Token::Start`], in order.
    pub attrs: Vec<Attr<'a>>,
    /// Where the malformed attributes of the last [`Token::Start`] begin.
    pub bad: Vec<usize>,
}

impl<'a> Tokenizer<'a> {
    /// A tokenizer at the start of `text`.
    pub fn new(text: &'a str) -> Self {
        // quick-xml drops a leading byte order mark (the source layer has already removed one;
        // this is a second). Skipped here too, but positions stay true to the text.
        let pos = if text.starts_with('\u{feff}') { 3 } else { 0 };
        Tokenizer {
            text,
            pos,
            done: false,
            attrs: Vec::new(),
            bad: Vec::new(),
        }
    }

    /// Where the next token starts (after a token: where it ended).
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Moves past text and references to the next `<`: what reading their [`Token::Text`]
    /// and [`Token::Ref`] tokens one by one and ignoring them would do (they report nothing,
    /// and end only at a `<` or the end), in one `memchr`.
    pub fn skip_text(&mut self) {
        let b = self.text.as_bytes();
        if let Some(rest) = b.get(self.pos..)
            && rest.first() != Some(&b'<')
        {
            self.pos = memchr::memchr(b'<', rest).map_or(b.len(), |i| self.pos + i);
        }
    }

    /// The next token.
    #[inline]
    pub fn next_token(&mut self) -> Token<'a> {
        let b = self.text.as_bytes();
        let pos = self.pos;
        if self.done || pos >= b.len() {
            self.done = true;
            return Token::Eof;
        }
        match b[pos] {
            b'<' => self.markup(pos),
            b'&' => self.reference(pos),
            _ => {
                let end = find([b'<', b'&'], &b[pos..]).map_or(b.len(), |i| pos + i);
                self.pos = end;
                Token::Text(&self.text[pos..end])
            }
        }
    }

    /// At `&`: a reference up to `;`, or (a lone `&`) text up to the next `&` or `<`.
    fn reference(&mut self, pos: usize) -> Token<'a> {
        let b = self.text.as_bytes();
        match memchr::memchr3(b';', b'&', b'<', &b[pos + 1..]) {
            Some(i) if b[pos + 1 + i] == b';' => {
                self.pos = pos + i + 2;
                Token::Ref(&self.text[pos + 1..pos + 1 + i])
            }
            Some(i) => {
                self.pos = pos + 1 + i;
                Token::Text(&self.text[pos..self.pos])
            }
            None => {
                self.pos = b.len();
                Token::Text(&self.text[pos..])
            }
        }
    }

    /// At `<`: an ordinary start or end tag here, anything else through quick-xml.
    fn markup(&mut self, pos: usize) -> Token<'a> {
        let tok = match self.text.as_bytes().get(pos + 1) {
            Some(b'/') => self.end_tag(pos),
            Some(b'!' | b'?') | None => None,
            Some(_) => self.start_tag(pos),
        };
        match tok {
            Some(t) => t,
            None => self.by_quick_xml(pos),
        }
    }

    /// `</name>` with no quote inside; `None` for anything else.
    fn end_tag(&mut self, pos: usize) -> Option<Token<'a>> {
        let b = self.text.as_bytes();
        let i = pos + 2 + find([b'>', b'"', b'\''], &b[pos + 2..])?;
        if b[i] != b'>' {
            return None;
        }
        let mut e = i;
        while e > pos + 2 && is_xml_space(b[e - 1]) {
            e -= 1;
        }
        if e == pos + 2 {
            // All white space: quick-xml keeps it as the name.
            e = i;
        }
        self.pos = i + 1;
        Some(Token::End(&self.text[pos + 2..e]))
    }

    /// A start tag whose attributes are all well formed, read on the way to its `>`; `None`
    /// for anything else (the attributes read so far are discarded).
    fn start_tag(&mut self, pos: usize) -> Option<Token<'a>> {
        let b = self.text.as_bytes();
        let n = b.len();
        let mut i = pos + 1;
        while i < n && CLASS[b[i] as usize] & NAME_END == 0 {
            i += 1;
        }
        if i == pos + 1 {
            return None;
        }
        let name = pos + 1..i;
        self.attrs.clear();
        self.bad.clear();
        loop {
            while i < n && CLASS[b[i] as usize] & SPACE != 0 {
                i += 1;
            }
            match b.get(i)? {
                b'>' => {
                    self.pos = i + 1;
                    return Some(Token::Start { name, empty: false });
                }
                b'/' if b.get(i + 1) == Some(&b'>') => {
                    self.pos = i + 2;
                    return Some(Token::Start { name, empty: true });
                }
                b'/' | b'"' | b'\'' => return None,
                _ => {}
            }
            let (key, at) = attribute_name(b, i)?;
            let key = &self.text[key];
            let (value, next) = quoted_value(self.text, at)?;
            self.attrs.push((key, value));
            i = next;
        }
    }

    /// One event read by quick-xml at `pos` (a `<`), as the reader's own `Reader` would have
    /// read it there.
    fn by_quick_xml(&mut self, pos: usize) -> Token<'a> {
        let text = self.text;
        let mut r = Reader::from_str(&text[pos..]);
        configure(&mut r);
        let ev = r.read_event();
        self.pos = pos + (r.buffer_position() as usize).min(text.len() - pos);
        let offset = |s: &str| (s.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
        match ev {
            Ok(Event::Start(ref e)) | Ok(Event::Empty(ref e)) => {
                let empty = matches!(ev, Ok(Event::Empty(_)));
                let qname = e.name();
                let at = offset(qname.as_ref());
                let name = at..at + qname.as_ref().len();
                let raw = e.attributes_raw();
                let raw_at = offset(raw);
                let raw = text.get(raw_at..raw_at + raw.len()).unwrap_or("");
                self.attrs.clear();
                self.bad.clear();
                for a in AttrScan::new(raw) {
                    match a {
                        Ok(kv) => self.attrs.push(kv),
                        Err(at) => self.bad.push(raw_at + at),
                    }
                }
                Token::Start { name, empty }
            }
            Ok(Event::End(e)) => {
                let qname = e.name();
                let s: &str = qname.as_ref();
                let at = offset(s);
                Token::End(text.get(at..at + s.len()).unwrap_or(""))
            }
            Ok(Event::CData(_)) => Token::CData(&text[pos + 9..self.pos - 3]),
            Ok(Event::DocType(_)) => Token::DocType,
            Ok(Event::Eof) => {
                self.done = true;
                Token::Eof
            }
            Ok(_) => Token::Other,
            Err(error) => {
                if !matches!(error, quick_xml::Error::IllFormed(_)) {
                    self.done = true;
                }
                let at = pos + r.error_position() as usize;
                Token::Error {
                    error,
                    at: at.min(text.len()),
                }
            }
        }
    }
}

/// An attribute's name and its `=`, from byte `i` of a start tag (where the name begins): the
/// name's range and where the value's opening quote should be; `None` when a quote comes
/// inside the name or no `=` follows it (a tag the tokenizer hands to quick-xml).
#[inline(always)]
fn attribute_name(b: &[u8], mut i: usize) -> Option<(Range<usize>, usize)> {
    let n = b.len();
    // The commonest names of a filing's tags, written with their `=` straight after: `style`
    // (on nearly every element) and `colspan` (on table cells), told by one load of eight
    // bytes; the same name and place the scan below finds for them.
    if let Some(w) = b.get(i..i + 8) {
        const STYLE: u64 = u64::from_le_bytes(*b"style=\0\0");
        const COLSPAN: u64 = u64::from_le_bytes(*b"colspan=");
        let w = u64::from_le_bytes(w.try_into().unwrap_or_default());
        let len = if w & 0xFFFF_FFFF_FFFF == STYLE {
            5
        } else if w == COLSPAN {
            7
        } else {
            0
        };
        if len > 0 {
            let mut j = i + len + 1;
            while j < n && is_xml_space(b[j]) {
                j += 1;
            }
            return Some((i..i + len, j));
        }
    }
    let start = i;
    while i < n && CLASS[b[i] as usize] & KEY_END == 0 {
        i += 1;
    }
    if matches!(b.get(i), Some(b'"' | b'\'')) {
        return None;
    }
    let name = start..i;
    while i < n && is_xml_space(b[i]) {
        i += 1;
    }
    if b.get(i) != Some(&b'=') {
        return None;
    }
    i += 1;
    while i < n && is_xml_space(b[i]) {
        i += 1;
    }
    Some((name, i))
}

/// An ordinary tag, as [`ordinary_tag`] reads it.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Ordinary {
    /// A start tag: where its name lies in the content, and whether it is `<x/>`.
    Start { name: Range<usize>, empty: bool },
    /// An end tag: where its name lies (what [`Token::End`] holds).
    End(Range<usize>),
}

/// What [`Tokenizer`] makes of `<` + `content` + `>` when that is a tag it reads itself (not
/// through quick-xml) and `content` holds no `&`: the same start or end tag, name and all;
/// `None` for anything else — a tag it would hand to quick-xml, a `>` outside a quoted value
/// (the tag would end there), a quoted value not closed inside `content`, or any `&`.
///
/// For escaped markup (an XBRL instance's text block: `&lt;p style="…"&gt;`), whose tags can
/// be read where they lie rather than decoded first. A test checks it against the tokenizer.
pub(crate) fn ordinary_tag(content: &[u8]) -> Option<Ordinary> {
    let b = content;
    let n = b.len();
    match b.first() {
        Some(b'/') => {
            // As `end_tag`: the first `>` or quote ends it (a quote: quick-xml's).
            if b[1..]
                .iter()
                .any(|&c| matches!(c, b'>' | b'"' | b'\'' | b'&'))
            {
                return None;
            }
            let mut e = n;
            while e > 1 && is_xml_space(b[e - 1]) {
                e -= 1;
            }
            if e == 1 {
                e = n;
            }
            return Some(Ordinary::End(1..e));
        }
        Some(b'!' | b'?') | None => return None,
        Some(_) => {}
    }
    // As `start_tag`, the end of `content` standing for its `>`.
    let mut i = 0;
    while i < n && CLASS[b[i] as usize] & NAME_END == 0 {
        i += 1;
    }
    if i == 0 || b[..i].contains(&b'&') {
        return None;
    }
    let name = 0..i;
    loop {
        while i < n && CLASS[b[i] as usize] & SPACE != 0 {
            i += 1;
        }
        match b.get(i) {
            None => return Some(Ordinary::Start { name, empty: false }),
            Some(b'/') if i + 1 == n => return Some(Ordinary::Start { name, empty: true }),
            Some(b'>' | b'/' | b'"' | b'\'') => return None,
            Some(_) => {}
        }
        let (key, at) = attribute_name(b, i)?;
        if b[key].contains(&b'&') {
            return None;
        }
        i = at;
        let quote = match b.get(i) {
            Some(&q @ (b'"' | b'\'')) => q,
            _ => return None,
        };
        let body = i + 1;
        // As in `quoted_value`: memchr from the start (a value is often a long `style`).
        let k = memchr::memchr2(quote, b'&', &b[body..])?;
        if b[body + k] == b'&' {
            return None;
        }
        i = body + k + 1;
    }
}

/// Moved to [`super::scan::find`], which entity decoding shares; named here as before.
pub(crate) use super::scan::find;

/// The local name of a qualified name (`cyd:Foo` → `Foo`), for the XBRL and schema readers.
#[inline]
pub fn local(name: &str) -> &str {
    // A byte search: this runs for every tag of every text block.
    match name.bytes().rposition(|b| b == b':') {
        Some(p) => &name[p + 1..],
        None => name,
    }
}

/// `a == b`, for the short strings markup is made of (element names, attribute names): two
/// overlapping word loads instead of a call to `memcmp`.
#[inline]
pub fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let word = |s: &[u8], at: usize| u64::from_le_bytes(s[at..at + 8].try_into().unwrap_or([0; 8]));
    let half = |s: &[u8], at: usize| u32::from_le_bytes(s[at..at + 4].try_into().unwrap_or([0; 4]));
    match n {
        0 => true,
        // First, middle and last byte: every byte of a string of one to three.
        1..=3 => a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1],
        4..=8 => half(a, 0) == half(b, 0) && half(a, n - 4) == half(b, n - 4),
        9..=16 => word(a, 0) == word(b, 0) && word(a, n - 8) == word(b, n - 8),
        _ => a == b,
    }
}

/// A quoted attribute value at `i` (its opening quote): the value, unescaped, and the position
/// after its closing quote. `None` if there is no quote at `i` or no closing quote.
#[inline(always)]
fn quoted_value(text: &str, i: usize) -> Option<(Cow<'_, str>, usize)> {
    let b = text.as_bytes();
    let quote = match b.get(i) {
        Some(&q @ (b'"' | b'\'')) => q,
        _ => return None,
    };
    let body = i + 1;
    // One search finds the closing quote and tells whether there is an entity to decode. By
    // memchr from the first byte, not `find`'s word-at-a-time start: a filing's values are
    // either short (an id, a number) or a `style` of 60 to 130 bytes, the commonest and most
    // of the bytes, which the word loop read 32 bytes of before handing the rest to memchr
    // anyway (on the corpus: 10.5 M instructions fewer, callgrind).
    let k = memchr::memchr2(quote, b'&', &b[body..])?;
    if b[body + k] == quote {
        return Some((Cow::Borrowed(&text[body..body + k]), body + k + 1));
    }
    let close = body + k + memchr::memchr(quote, &b[body + k..])?;
    Some((html::unescape(&text[body..close]), close + 1))
}

/// The attributes of a start tag, read from the text after its name (quick-xml's
/// `attributes_raw`). A malformed attribute (no `=`, no quote, no closing quote) is an `Err`
/// naming where it starts; the scan resumes at the next name (after an unquoted value, past
/// the next white space), so the attributes after it are still read.
pub(crate) struct AttrScan<'a> {
    raw: &'a str,
    at: usize,
}

impl<'a> AttrScan<'a> {
    pub(crate) fn new(raw: &'a str) -> Self {
        AttrScan { raw, at: 0 }
    }

    /// Skips to after the next white space (after a malformed attribute).
    fn resync(&mut self, from: usize) {
        let b = self.raw.as_bytes();
        let mut i = from;
        while i < b.len() && !is_xml_space(b[i]) {
            i += 1;
        }
        self.at = i;
    }
}

impl<'a> Iterator for AttrScan<'a> {
    type Item = Result<Attr<'a>, usize>;

    fn next(&mut self) -> Option<Self::Item> {
        let b = self.raw.as_bytes();
        let mut i = self.at;
        while i < b.len() && is_xml_space(b[i]) {
            i += 1;
        }
        if i >= b.len() {
            self.at = i;
            return None;
        }
        let key_start = i;
        while i < b.len() && b[i] != b'=' && !is_xml_space(b[i]) {
            i += 1;
        }
        let key = &self.raw[key_start..i];
        while i < b.len() && is_xml_space(b[i]) {
            i += 1;
        }
        if b.get(i) != Some(&b'=') {
            // A name without a value: the next attribute starts here (the key was not empty,
            // so the scan moves on).
            self.at = i;
            return Some(Err(key_start));
        }
        i += 1;
        while i < b.len() && is_xml_space(b[i]) {
            i += 1;
        }
        if !matches!(b.get(i), Some(b'"' | b'\'')) {
            self.resync(i);
            return Some(Err(key_start));
        }
        match quoted_value(self.raw, i) {
            Some((value, next)) => {
                self.at = next;
                Some(Ok((key, value)))
            }
            None => {
                self.at = b.len();
                Some(Err(key_start))
            }
        }
    }
}

/// Compares the tokenizer with quick-xml's `Reader` (configured by [`configure`]) over
/// `text`: token kinds, positions, names, contents, attributes and errors. `None` when they
/// agree on every event; otherwise a description of the first difference. For tests and
/// fuzzing.
#[doc(hidden)]
pub fn first_difference(text: &str) -> Option<String> {
    let mut r = Reader::from_str(text);
    configure(&mut r);
    let mut t = Tokenizer::new(text);
    // quick-xml skips a leading byte order mark without counting it.
    let shift = t.position();
    let at = |s: &str| (s.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
    loop {
        let q_start = r.buffer_position() as usize + shift;
        let ev = r.read_event();
        let q_end = (r.buffer_position() as usize + shift).min(text.len());
        let t_start = t.position();
        let tok = t.next_token();
        let t_end = t.position();
        let same_span = (q_start, q_end) == (t_start, t_end);
        let agree = match (&ev, &tok) {
            (Ok(Event::Eof), Token::Eof) => return None,
            (Ok(Event::Start(e)), Token::Start { name, empty: false })
            | (Ok(Event::Empty(e)), Token::Start { name, empty: true }) => {
                let raw = e.attributes_raw();
                let expect: Vec<_> = AttrScan::new(raw)
                    .map(|a| a.map_err(|p| p + at(raw)))
                    .collect();
                let got: Vec<_> = t
                    .attrs
                    .iter()
                    .cloned()
                    .map(Ok)
                    .chain(t.bad.iter().map(|&p| Err(p)))
                    .collect();
                // The tokenizer keeps malformed attributes apart: compare in that order.
                let mut expect = expect;
                expect.sort_by_key(|a| a.is_err());
                let same_attrs = expect == got;
                at(e.name().as_ref()) == name.start
                    && e.name().as_ref().len() == name.len()
                    && same_attrs
            }
            (Ok(Event::End(e)), Token::End(n)) => {
                at(e.name().as_ref()) == at(n) && e.name().as_ref() == *n
            }
            (Ok(Event::Text(e)), Token::Text(s)) => &**e == *s,
            (Ok(Event::CData(e)), Token::CData(s)) => &**e == *s,
            (Ok(Event::GeneralRef(e)), Token::Ref(s)) => &**e == *s,
            (Ok(Event::DocType(_)), Token::DocType) => true,
            (Ok(Event::Comment(_) | Event::PI(_) | Event::Decl(_)), Token::Other) => true,
            (Err(a), Token::Error { error, at }) => {
                a.to_string() == error.to_string() && r.error_position() as usize + shift == *at
            }
            _ => false,
        };
        if !(agree && same_span) {
            return Some(format!(
                "at {t_start}: quick-xml {ev:?} ({q_start}..{q_end}), tokenizer {tok:?} ({t_start}..{t_end})"
            ));
        }
        if let Token::Error { .. } = tok {
            // Both stop, or both go on, after an error.
            if !matches!(ev, Err(quick_xml::Error::IllFormed(_))) {
                return match (r.read_event(), t.next_token()) {
                    (Ok(Event::Eof), Token::Eof) => None,
                    (q, t) => Some(format!("after an error: quick-xml {q:?}, tokenizer {t:?}")),
                };
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `ordinary_tag` answers what the tokenizer reads from `<content>`: the same start or
    /// end tag whenever it gives one, on generated tag contents of every shape.
    #[test]
    fn ordinary_tags_are_what_the_tokenizer_reads() {
        const PIECES: &[&str] = &[
            "p",
            "div",
            "x:y",
            "/",
            " ",
            "  ",
            "\t",
            "\n",
            "=",
            "\"",
            "'",
            "a",
            "style",
            ">",
            "&",
            "&gt;",
            "!",
            "?",
            "\u{c}",
            "é",
            "-",
            ":",
            "\"v\"",
            "'w'",
            " a=\"1\"",
            "=\"",
            " style=\"",
            " colspan=",
            "colspan",
        ];
        let mut next = crate::test_rng(0x07d1_7a96);
        let mut accepted = 0;
        for _ in 0..100_000 {
            let content = crate::test_string(&mut next, PIECES, 9);
            let Some(tag) = ordinary_tag(content.as_bytes()) else {
                continue;
            };
            accepted += 1;
            let d = format!("<{content}>");
            let mut t = Tokenizer::new(&d);
            let read = t.next_token();
            let whole = t.position() == d.len();
            let shift = |r: &Range<usize>| r.start + 1..r.end + 1;
            let same = match (&tag, read) {
                (Ordinary::Start { name, empty }, Token::Start { name: n, empty: e }) => {
                    shift(name) == n && *empty == e
                }
                (Ordinary::End(name), Token::End(s)) => d[shift(name)] == *s,
                _ => false,
            };
            assert!(same && whole, "{content:?}: {tag:?}");
        }
        assert!(accepted > 10_000, "only {accepted} tags accepted");
    }

    /// Skipping text before each token leaves every other token where it was: the same
    /// markup, errors and end, at the same positions, on generated documents of every shape.
    #[test]
    fn skipping_text_leaves_the_other_tokens_alone() {
        const PIECES: &[&str] = &[
            "<a>",
            "</a>",
            "<b x='1'>",
            "<c/>",
            "text",
            " ",
            "\n",
            "&amp;",
            "&lt;",
            "&",
            ";",
            "&#160;",
            "&x",
            "<",
            ">",
            "<!-- c -->",
            "<![CDATA[ <x> & ]]>",
            "<?pi?>",
            "é",
            "<!DOCTYPE d>",
            "<a b='1",
            "</ a>",
            "\u{feff}",
            "<d e=\"&quot;\">",
        ];
        // Every token but text and references, with where it starts and its attributes.
        let markup_of = |doc: &str, skip: bool| {
            let mut t = Tokenizer::new(doc);
            let mut out = Vec::new();
            loop {
                if skip {
                    t.skip_text();
                }
                let at = t.position();
                let token = t.next_token();
                if !matches!(token, Token::Text(_) | Token::Ref(_)) {
                    out.push(format!("{at}: {token:?} {:?}", t.attrs));
                }
                if matches!(token, Token::Eof) {
                    return out;
                }
            }
        };
        let mut next = crate::test_rng(0x5c1b_7e47);
        let mut markup = 0;
        for _ in 0..20_000 {
            let doc = crate::test_string(&mut next, PIECES, 16);
            let want = markup_of(&doc, false);
            assert_eq!(markup_of(&doc, true), want, "{doc:?}");
            markup += want.len();
        }
        assert!(markup > 50_000, "only {markup} tokens compared");
    }

    #[test]
    fn agrees_with_quick_xml_on_ordinary_and_odd_markup() {
        let cases = [
            r#"<html xmlns="x"><body><p class="a" style='b'>Text &amp; more</p><br/><br /></body></html>"#,
            r#"<a b="1 > 2" c='"q"'>x</a>"#,
            "<a b=\"&lt;&#x41;&unknown;\">&</a>&amp &x< y &z;",
            "<a b c='1'>t</a><d/ e><f g=1 h='2'></f>",
            "<a b\"c>d\">e</a><x y='z\"'/>",
            "<!-- c -- d --><![CDATA[ <x> & ]]><?pi x?><?xml version='1.0'?>",
            "<!DOCTYPE html [ <!ENTITY a 'b'> ]><p>&a;</p>",
            "<!DOCTYPE><p>after</p>",
            "<a\tb\n=\r'1'\n/>",
            "</ a ></a\t>< a>",
            "<>x</>",
            "<a b='1",
            "<a",
            "<",
            "<!-- open",
            "<![CDATA[ open",
            "<?pi open",
            "<!X>",
            "text at the end &",
            "\u{feff}<a>bom</a>",
            "<a b='1'c='2'>",
            "<a b='1'/c>",
            "<p>é ünïcode ✓ &#8212;</p>",
            // The names read by one load (`style=`, `colspan=`), and their near misses.
            "<p style=\"a\" class='b'><td colspan=\"2\"/><td colspan='3'>x</td></p>",
            "<p style =\"a\"><p style= \"a\"><p style=\n'a'><p styles=\"a\"><p Style=\"a\">",
            "<p style=a><td colspan=2><p style=\"\"><td colspans='1'><td colspan =\"1\">",
            "<p style=\"a",
            "<p style=",
            "<p colspan=",
            "<p style=\"a&amp;b\" colspan=\"&lt;\">",
        ];
        for c in cases {
            assert_eq!(first_difference(c), None, "input {c:?}");
        }
    }

    #[test]
    fn attributes_are_scanned_with_quotes_entities_and_white_space() {
        let got: Vec<_> =
            AttrScan::new(" a=\"1\" b = 'x&amp;y'\n\tc=\"it's\" d=\"q&quot;\"e='2'").collect();
        let want: Vec<Result<(&str, Cow<'_, str>), usize>> = vec![
            Ok(("a", "1".into())),
            Ok(("b", "x&y".into())),
            Ok(("c", "it's".into())),
            Ok(("d", "q\"".into())),
            Ok(("e", "2".into())),
        ];
        assert_eq!(got, want);
        assert!(matches!(&got[0], Ok((_, Cow::Borrowed(_)))));
        assert!(matches!(&got[1], Ok((_, Cow::Owned(_)))));
    }

    #[test]
    fn a_malformed_attribute_is_an_error_and_the_rest_still_read() {
        // No value, an unquoted value, then a good one; an unclosed quote ends the scan.
        let got: Vec<_> = AttrScan::new(r#" checked style=bold id="x" t="open"#).collect();
        assert_eq!(
            got,
            vec![Err(1), Err(9), Ok(("id", Cow::Borrowed("x"))), Err(27)]
        );
    }

    #[test]
    fn find_agrees_with_a_plain_search() {
        let mut next = crate::test_rng(0x2545_f491_4f6c_dd1d);
        // Bytes from a small alphabet (so matches are common) including high bytes, at every
        // length around the word and 32-byte boundaries.
        let alphabet = [b'a', b'<', b'&', b'"', 0x80, 0xff, 0x3b, 0x3c ^ 0x80, 0x00];
        for len in 0..80 {
            for _ in 0..200 {
                let hay: Vec<u8> = (0..len).map(|_| alphabet[next(alphabet.len())]).collect();
                let plain = |set: &[u8]| hay.iter().position(|b| set.contains(b));
                assert_eq!(find([b'<'], &hay), plain(b"<"), "{hay:?}");
                assert_eq!(find([b'<', b'&'], &hay), plain(b"<&"), "{hay:?}");
                assert_eq!(find([b'>', b'"', 0x80], &hay), plain(b">\"\x80"), "{hay:?}");
            }
        }
    }

    #[test]
    fn same_is_string_equality() {
        let words = [
            "",
            "a",
            "ab",
            "abc",
            "abcd",
            "abce",
            "xbcd",
            "abcdefgh",
            "abcdefgi",
            "bbcdefgh",
            "abcdefghi",
            "abcdefghij",
            "abcdefghijklmnop",
            "abcdefghijklmnoq",
            "Abcdefghijklmnop",
            "abcdefghijklmnopq",
            "abcdefghijklmnopr",
            "é",
            "éa",
            "ix:nonFraction",
            "ix:nonNumeric",
        ];
        for a in words {
            for b in words {
                assert_eq!(same(a, b), a == b, "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn a_start_tag_reads_its_attributes_once() {
        let text = r#"<ix:nonFraction name="us-gaap:Revenues" contextRef='c-1' format="ixt:num-dot-decimal" note="a &amp; b">1</ix:nonFraction>"#;
        let mut t = Tokenizer::new(text);
        let Token::Start { name, empty } = t.next_token() else {
            panic!("not a start tag");
        };
        assert_eq!((&text[name], empty), ("ix:nonFraction", false));
        let attrs: Vec<(&str, &str)> = t.attrs.iter().map(|(k, v)| (*k, &**v)).collect();
        assert_eq!(
            attrs,
            [
                ("name", "us-gaap:Revenues"),
                ("contextRef", "c-1"),
                ("format", "ixt:num-dot-decimal"),
                ("note", "a & b"),
            ]
        );
        assert!(matches!(t.attrs[0].1, Cow::Borrowed(_)));
        assert!(matches!(t.attrs[3].1, Cow::Owned(_)));
        assert!(matches!(t.next_token(), Token::Text("1")));
        assert!(matches!(t.next_token(), Token::End("ix:nonFraction")));
        assert!(matches!(t.next_token(), Token::Eof));
    }

    #[test]
    fn malformed_attributes_are_reported_where_they_start() {
        let text = r#"<a x="1" bare y=2 z="3">"#;
        let mut t = Tokenizer::new(text);
        assert!(matches!(t.next_token(), Token::Start { empty: false, .. }));
        let good: Vec<&str> = t.attrs.iter().map(|(k, _)| *k).collect();
        assert_eq!(good, ["x", "z"]);
        assert_eq!(
            t.bad,
            [text.find("bare").unwrap(), text.find("y=").unwrap()]
        );
    }

    #[test]
    fn syntax_errors_stop_and_recoverable_ones_do_not() {
        let mut t = Tokenizer::new("<p>a</p><!-- never closed <p>b</p>");
        let mut toks = Vec::new();
        loop {
            match t.next_token() {
                Token::Eof => break,
                Token::Error { at, .. } => toks.push(format!("error at {at}")),
                other => toks.push(format!("{other:?}")),
            }
        }
        assert_eq!(toks.last().map(String::as_str), Some("error at 8"));
        let mut t = Tokenizer::new("<!DOCTYPE><p>x</p>");
        assert!(matches!(t.next_token(), Token::Error { at: 9, .. }));
        assert!(matches!(t.next_token(), Token::Start { .. }));
    }
}
