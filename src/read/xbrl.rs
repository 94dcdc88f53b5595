//! XBRL 2.1 pieces shared by the Inline and instance readers (contexts, units), and the reader
//! for XBRL instance documents (`.xml` with an `xbrli:xbrl` root).
//!
//! In an instance, a text block's value is escaped HTML (`&lt;p&gt;…`). We decode the XML
//! escaping with a map back to the file (`source::Points`), then walk the HTML to get its
//! plain text, so the text of an instance fact maps to exact bytes of the `.xml` file like any
//! other. A text block `check` does not build (most of an instance: the notes) is walked where
//! it lies instead, tags and references read in the escaped text (`escaped_html_text`),
//! which writes the same text with the same spans without the decoded copy.

use std::collections::BTreeMap;

use quick_xml::Reader;
use quick_xml::events::Event;

use crate::filing::text::{TextBuilder, TextLayer};
use crate::filing::{
    CompactString, Context, Fact, FactKind, Filing, IssueLevel, Period, ReadIssue, Unit,
};
use crate::read::html;
use crate::read::scope::{Scope, is_boolean_concept};
use crate::read::transform;
use crate::read::xmltok::{self, Token, Tokenizer, local};
use crate::source::Span;
use crate::taxonomy::{XBRLI_NS, XSI_NS};

fn new_reader(xml: &str) -> Reader<&[u8]> {
    let mut r = Reader::from_str(xml);
    let c = r.config_mut();
    c.check_end_names = false;
    c.allow_unmatched_ends = true;
    c.allow_dangling_amp = true;
    c.trim_text(false);
    r
}

fn attr_value(e: &quick_xml::events::BytesStart<'_>, key: &str) -> Option<String> {
    let mut it = e.attributes();
    it.with_checks(false);
    it.flatten()
        .find(|a| a.key.as_ref() == key || local(a.key.as_ref()) == key)
        .map(|a| html::unescape(&a.value).into_owned())
}

/// The part of a context an element's text fills in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CtxElem {
    Identifier,
    StartDate,
    EndDate,
    Instant,
    ExplicitMember,
    TypedMember,
    Other,
}

/// Builds a [`Context`] from the events of one `xbrli:context` element. The Inline XBRL reader
/// feeds it the events of its own pass (a filing has hundreds of contexts: reading them twice
/// was a tenth of the reading time); [`parse_context`] feeds it from a reader of its own.
pub(crate) struct ContextParser {
    ctx: Context,
    start: Option<String>,
    end: Option<String>,
    instant: Option<String>,
    forever: bool,
    /// Open elements inside the context (not the context itself).
    path: Vec<CtxElem>,
    text: String,
    dim: Option<String>,
    error: Option<String>,
    /// Build the dimensions ([`crate::read::Keep::dimensions`]).
    dimensions: bool,
}

impl ContextParser {
    /// A context whose element starts at `base` in file `file`, with its dimensions or without
    /// them (only `has_segment` then).
    pub(crate) fn new(file: usize, base: usize, dimensions: bool) -> Self {
        ContextParser {
            ctx: empty_context(Span::new(file, base, base)),
            start: None,
            end: None,
            instant: None,
            forever: false,
            path: Vec::new(),
            text: String::new(),
            dim: None,
            error: None,
            dimensions,
        }
    }

    /// An element opens (`empty` when it has no end tag); `attr` gives an attribute's
    /// unescaped value by name (or by local name, whatever its prefix).
    pub(crate) fn start<'v>(
        &mut self,
        local: &str,
        empty: bool,
        attr: impl Fn(&str) -> Option<std::borrow::Cow<'v, str>>,
        scope: &Scope,
    ) {
        let elem = match local {
            "context" => {
                self.ctx.id = attr("id").map(|v| v.into_owned()).unwrap_or_default();
                None
            }
            "identifier" => {
                self.ctx.scheme = attr("scheme").map(|v| v.into_owned()).unwrap_or_default();
                Some(CtxElem::Identifier)
            }
            "segment" | "scenario" => {
                self.ctx.has_segment = true;
                Some(CtxElem::Other)
            }
            "explicitMember" | "typedMember" => {
                if self.dimensions {
                    self.dim = attr("dimension").map(|d| qname_canonical(&d, scope));
                }
                Some(if local == "explicitMember" {
                    CtxElem::ExplicitMember
                } else {
                    CtxElem::TypedMember
                })
            }
            "forever" => {
                self.forever = true;
                Some(CtxElem::Other)
            }
            "startDate" => Some(CtxElem::StartDate),
            "endDate" => Some(CtxElem::EndDate),
            "instant" => Some(CtxElem::Instant),
            _ => Some(CtxElem::Other),
        };
        self.text.clear();
        if let Some(e) = elem
            && !empty
        {
            self.path.push(e);
        }
    }

    /// Text inside the context (entities already decoded).
    pub(crate) fn text(&mut self, t: &str) {
        self.text.push_str(t);
    }

    /// An element (other than an empty one) closes.
    pub(crate) fn end(&mut self, scope: &Scope) {
        let Some(elem) = self.path.pop() else { return };
        // An element that takes the text consumes it, so each byte of text is copied once
        // however deeply such elements nest; other elements leave it (a typed member's value
        // is the text of its child element; a date may be split by inline markup).
        let mut v = || {
            let t = std::mem::take(&mut self.text);
            match t.trim() {
                trimmed if trimmed.len() == t.len() => t,
                trimmed => trimmed.to_owned(),
            }
        };
        match elem {
            // Dimensions not kept: the member's text is dropped where it lies.
            CtxElem::ExplicitMember | CtxElem::TypedMember if !self.dimensions => self.text.clear(),
            CtxElem::Identifier => self.ctx.identifier = v(),
            CtxElem::StartDate => self.start = Some(v()),
            CtxElem::EndDate => self.end = Some(v()),
            CtxElem::Instant => self.instant = Some(v()),
            CtxElem::ExplicitMember => {
                let t = v();
                if let Some(d) = self.dim.take() {
                    let m = qname_canonical(&t, scope);
                    self.ctx.dimensions.insert(d, m);
                }
            }
            CtxElem::TypedMember => {
                let t = v();
                if let Some(d) = self.dim.take() {
                    self.ctx.dimensions.insert(d, t);
                }
            }
            CtxElem::Other => {}
        }
    }

    /// The markup inside the context is malformed.
    pub(crate) fn fail(&mut self, message: String) {
        self.error.get_or_insert(message);
    }

    /// The context, its element ending at `end`; the parser is left ready for
    /// [`ContextParser::restart`].
    pub(crate) fn finish(&mut self, end: usize) -> Result<Context, String> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        let span = self.ctx.span;
        let mut ctx = std::mem::replace(&mut self.ctx, empty_context(span));
        if ctx.id.is_empty() {
            return Err("context has no id".into());
        }
        ctx.span.end = end.max(ctx.span.start);
        ctx.period = match (self.start.take(), self.end.take(), self.instant.take()) {
            (Some(start), Some(end), _) => Some(Period::Duration { start, end }),
            (_, _, Some(instant)) => Some(Period::Instant { instant }),
            _ if self.forever => Some(Period::Forever { forever: true }),
            _ => None,
        };
        Ok(ctx)
    }

    /// The parser, finished, made ready for a context at `base` in `file`: a document's
    /// thousands of contexts are read by one parser (one allocation, not three, each).
    pub(crate) fn restart(&mut self, file: usize, base: usize) {
        let mut path = std::mem::take(&mut self.path);
        path.clear();
        *self = ContextParser {
            path,
            ..ContextParser::new(file, base, self.dimensions)
        };
    }
}

/// A context with nothing read yet, declared at `span`.
fn empty_context(span: Span) -> Context {
    Context {
        id: String::new(),
        scheme: String::new(),
        identifier: String::new(),
        period: None,
        dimensions: BTreeMap::new(),
        has_segment: false,
        span,
    }
}

/// Parses the source of one `xbrli:context` element (found at `base` in file `file`).
pub(crate) fn parse_context(
    xml: &str,
    file: usize,
    base: usize,
    scope: &Scope,
    dimensions: bool,
) -> Result<Context, String> {
    let mut r = new_reader(xml);
    let mut p = ContextParser::new(file, base, dimensions);
    // Namespaces declared inside the context count, as they do in the Inline XBRL reader.
    let mut scope = scope.clone();
    loop {
        match r.read_event() {
            Ok(ref ev @ (Event::Start(ref e) | Event::Empty(ref e))) => {
                let empty = matches!(ev, Event::Empty(_));
                scope_push(&mut scope, attrs_of(e), None);
                p.start(
                    local(e.name().as_ref()),
                    empty,
                    |k| attr_value(e, k).map(std::borrow::Cow::Owned),
                    &scope,
                );
                if empty {
                    scope.pop();
                }
            }
            Ok(Event::Text(t)) => p.text(&t),
            Ok(Event::GeneralRef(g)) => p.text(&html::decode_entity(&g).unwrap_or_default()),
            Ok(Event::End(_)) => {
                p.end(&scope);
                scope.pop();
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => {
                p.fail(format!("malformed context: {e}"));
                break;
            }
        }
    }
    p.finish(base + xml.len())
}

fn qname_canonical(q: &str, scope: &Scope) -> String {
    match scope.resolve_parts(q) {
        Ok((uri, prefix, local)) => {
            let p = crate::taxonomy::canonical_prefix(uri).unwrap_or(prefix);
            let mut q = String::with_capacity(p.len() + 1 + local.len());
            q.push_str(p);
            q.push(':');
            q.push_str(local);
            q
        }
        Err(_) => q.trim().to_owned(),
    }
}

/// Parses the source of one `xbrli:unit` element.
pub(crate) fn parse_unit(xml: &str, scope: &Scope) -> Option<Unit> {
    let mut r = new_reader(xml);
    let mut id = None;
    let mut measures: Vec<(bool, String)> = Vec::new();
    let mut denominator = false;
    let mut in_measure = false;
    let mut text = String::new();
    loop {
        match r.read_event() {
            Ok(Event::Start(e)) => match local(e.name().as_ref()) {
                "unit" => id = attr_value(&e, "id"),
                "unitDenominator" => denominator = true,
                "measure" => {
                    in_measure = true;
                    text.clear();
                }
                _ => {}
            },
            Ok(Event::Text(t)) if in_measure => text.push_str(&t),
            Ok(Event::End(e)) => match local(e.name().as_ref()) {
                "measure" => {
                    in_measure = false;
                    measures.push((denominator, qname_canonical(&text, scope)));
                }
                "unitDenominator" => denominator = false,
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    let num: Vec<&str> = measures
        .iter()
        .filter(|m| !m.0)
        .map(|m| m.1.as_str())
        .collect();
    let den: Vec<&str> = measures
        .iter()
        .filter(|m| m.0)
        .map(|m| m.1.as_str())
        .collect();
    let mut measure = num.join("*");
    if !den.is_empty() {
        measure = format!("{measure}/{}", den.join("*"));
    }
    Some(Unit { id: id?, measure })
}

/// Writes the plain text of an HTML fragment into `b`. `points` maps each byte of `html` (plus
/// one past the end) to its offset in file `file`.
///
/// Read with the reader's own tokenizer ([`Tokenizer`]: quick-xml's events, as configured for
/// markup, without checking each one's UTF-8 again), element names lower-cased only when
/// they have capitals.
pub(crate) fn html_fragment_text(
    html_src: &str,
    file: usize,
    points: &crate::source::Points,
    b: &mut TextBuilder,
) {
    let mut tok = Tokenizer::new(html_src);
    let mut skip = 0usize;
    let at = |i: usize| points.at(i);
    loop {
        let start = tok.position();
        let t = tok.next_token();
        let end = tok.position().min(html_src.len());
        let tag = match t {
            Token::Start { ref name, empty } => {
                Some((html_src.get(name.clone()).unwrap_or(""), true, empty))
            }
            Token::End(name) => Some((name, false, false)),
            _ => None,
        };
        if let Some((name, opens, empty)) = tag {
            let n = html::ascii_lower(local(name));
            match tag_effect(&n, opens, empty, &mut skip) {
                Some(Separator::Break) => b.push_break(file, at(start), at(end)),
                Some(Separator::Space) => b.push_atomic(" ", file, at(start), at(end)),
                None => {}
            }
            continue;
        }
        match t {
            Token::Text(t) if skip == 0 => b.push_mapped(t, file, start, points),
            Token::CData(t) if skip == 0 => b.push_mapped(t, file, start + 9, points),
            Token::Ref(g) if skip == 0 => match html::decode_entity(g) {
                Some(d) => b.push_atomic(&d, file, at(start), at(end)),
                None => b.push_mapped(&html_src[start..end], file, start, points),
            },
            Token::Eof => break,
            Token::Error { at: at_err, .. } => {
                // Not well-formed HTML inside a text block: keep the rest as literal text.
                let at_err = at_err.min(html_src.len());
                let rest = &html_src[at_err..];
                b.push_mapped(rest, file, at_err, points);
                break;
            }
            _ => {}
        }
    }
}

/// What a tag writes into an HTML fragment's text.
enum Separator {
    /// A line break (a block element's tag).
    Break,
    /// A space (a table cell's tag).
    Space,
}

/// What a tag of an HTML fragment does to its text, as both readers of text blocks
/// ([`html_fragment_text`], [`escaped_html_text`]) have it: a skipped element (`script`,
/// `style`…) that opens (not empty or void) or closes counts in `skipped`, whose text is
/// not written; a block element's tag is a line break, a cell's a space. `local` is the
/// name's local part, lower-cased.
#[inline]
fn tag_effect(local: &str, opens: bool, empty: bool, skipped: &mut usize) -> Option<Separator> {
    let skipped_element = html::is_skipped(local);
    if opens && skipped_element && !(empty || html::is_void(local)) {
        *skipped += 1;
        None
    } else if !opens && skipped_element {
        *skipped = skipped.saturating_sub(1);
        None
    } else if html::is_block(local) {
        Some(Separator::Break)
    } else if html::is_cell(local) {
        Some(Separator::Space)
    } else {
        None
    }
}

/// One write of [`escaped_html_text`] into the text layer.
enum Step<'s> {
    /// A line break standing for the element between two offsets.
    Break(usize, usize),
    /// A character standing for the source between two offsets (a reference, or the space
    /// of a table cell); none for a reference to nothing (a zero-width space).
    Char(Option<char>, usize, usize),
    /// Text copied from the source at an offset.
    Source(&'s str, usize),
}

/// Writes the words of a text block whose content (`inner`, at byte `at` of file `file`) is
/// escaped XHTML — `&lt;p style="…"&gt;Text&#160;more&lt;/p&gt;`, most of an XBRL instance —
/// straight from the escaped text: what decoding it ([`html::decode_with_points`]) and
/// writing the decoded HTML ([`html_fragment_text`]) write, without building the decoded
/// string and its map. Returns `false`, having written nothing, when the content is not of
/// the shapes read here: CDATA or raw markup (a `<`), a reference other than one standing for
/// a character or an escaped reference (`&amp;amp;`) to one, a tag the tokenizer would
/// hand to quick-xml or with a reference inside ([`xmltok::ordinary_tag`]), a `>` inside a
/// tag, a byte order mark. The caller then takes that general path; a test checks the two
/// agree on everything read here.
fn escaped_html_text(inner: &str, at: usize, file: usize, builder: &mut TextBuilder) -> bool {
    let s = inner.as_bytes();
    let n = s.len();
    if memchr::memchr(b'<', s).is_some() || inner.starts_with('\u{feff}') {
        return false;
    }
    // Decoded, the content is HTML (read tag by tag, a `&` there starting a reference) when
    // it holds a `<`; else it is text, written as it decodes. (A reference to `<` other than
    // `&lt;` is refused below, so this is the decoded text's `<`.)
    let html = memchr::memmem::find(s, b"&lt;").is_some();
    let mut steps: Vec<Step<'_>> = Vec::new();
    // Skipped elements (`script`, `style`…) open; their text is not written.
    let mut skip = 0usize;
    let mut i = 0;
    while i < n {
        let next = memchr::memchr(b'&', &s[i..]).map_or(n, |p| i + p);
        if next > i {
            if skip == 0 {
                steps.push(Step::Source(&inner[i..next], at + i));
            }
            i = next;
            continue;
        }
        if s[i..].starts_with(b"&lt;") {
            // A tag: its content runs to the `&gt;` outside quoted values (what is inside
            // them, and anything else amiss, `ordinary_tag` judges).
            let body = i + 4;
            let mut j = body;
            let end = loop {
                let Some(k) = xmltok::find([b'&', b'"', b'\''], &s[j..]) else {
                    return false;
                };
                j += k;
                if s[j] == b'&' {
                    if !s[j..].starts_with(b"&gt;") {
                        return false;
                    }
                    break j;
                }
                let Some(close) = memchr::memchr(s[j], &s[j + 1..]) else {
                    return false;
                };
                j += close + 2;
            };
            let Some(tag) = xmltok::ordinary_tag(&s[body..end]) else {
                return false;
            };
            let (from, to) = (at + i, at + end + 4);
            let (name, start) = match &tag {
                xmltok::Ordinary::Start { name, .. } => (name, true),
                xmltok::Ordinary::End(name) => (name, false),
            };
            let name = &inner[body + name.start..body + name.end];
            let local = html::ascii_lower(local(name));
            let empty = matches!(tag, xmltok::Ordinary::Start { empty: true, .. });
            match tag_effect(&local, start, empty, &mut skip) {
                Some(Separator::Break) => steps.push(Step::Break(from, to)),
                Some(Separator::Space) => steps.push(Step::Char(Some(' '), from, to)),
                None => {}
            }
            i = end + 4;
            continue;
        }
        if html && s[i..].starts_with(b"&amp;") {
            // A `&` in the decoded HTML: a reference there when a `;` comes before its next
            // `&` or `<` (escaped here as `&amp;` and `&lt;`), else a lone `&` in the text.
            let rest = &s[i + 5..];
            match memchr::memchr2(b';', b'&', rest) {
                Some(k) if rest[k] == b';' => {
                    let Some(c) = html::decode_entity_char(&inner[i + 5..i + 5 + k]) else {
                        return false;
                    };
                    if skip == 0 {
                        steps.push(Step::Char(c, at + i, at + i + 6 + k));
                    }
                    i += 6 + k;
                    continue;
                }
                Some(k) if !(rest[k..].starts_with(b"&lt;") || rest[k..].starts_with(b"&amp;")) => {
                    return false;
                }
                _ => {
                    if skip == 0 {
                        steps.push(Step::Char(Some('&'), at + i, at + i + 5));
                    }
                    i += 5;
                    continue;
                }
            }
        }
        // A reference in text, decoded as `decode_with_points` decodes it: one character (not
        // one that would start markup again).
        let Some((Some(c), len)) = html::reference_at(inner, i) else {
            return false;
        };
        if matches!(c, '<' | '\u{feff}') || (c == '&' && html) {
            return false;
        }
        if skip == 0 {
            steps.push(Step::Char(Some(c), at + i, at + i + len));
        }
        i += len;
    }
    let mut buf = [0u8; 4];
    for step in steps {
        match step {
            Step::Break(a, b) => builder.push_break(file, a, b),
            Step::Char(c, a, b) => {
                let c = c.map_or("", |c| &*c.encode_utf8(&mut buf));
                builder.push_atomic(c, file, a, b)
            }
            Step::Source(t, a) => builder.push_source(t, file, a),
        }
    }
    true
}

/// Writes a text block's words into the text layer, between breaks at its element's start and
/// end (`element`); `inner` is its content, found at byte `at`. Returns where its text lies
/// in the layer and, with `decoded` (a kept fact needs it) or when the content is not escaped
/// XHTML of the shapes [`escaped_html_text`] reads, the content with its references decoded
/// and whether that is HTML.
fn push_block_text(
    builder: &mut TextBuilder,
    file: usize,
    element: (usize, usize),
    inner: &str,
    at: usize,
    decoded: bool,
) -> (usize, usize, Option<(String, bool)>) {
    builder.push_break(file, element.0, element.0);
    builder.mark();
    let from = builder.len();
    let content = if !decoded && escaped_html_text(inner, at, file, builder) {
        None
    } else {
        let (decoded, points) = html::decode_with_points(inner, at);
        let is_html = decoded.contains('<');
        if is_html {
            html_fragment_text(&decoded, file, &points, builder);
        } else {
            builder.push_mapped(&decoded, file, 0, &points);
        }
        Some((decoded, is_html))
    };
    let to = builder.len();
    builder.push_break(file, element.1, element.1);
    (from, to, content)
}

/// An item being read: element name, start offset, inner start, attributes, depth.
type OpenItem = (String, usize, usize, Vec<(String, String)>, usize);

/// The state of an instance read.
struct Instance<'t> {
    file: usize,
    text: &'t str,
    scope: Scope,
    depth: usize,
    open_item: Option<OpenItem>,
    /// (is a context, start offset, depth) of a context or unit being captured.
    open_capture: Option<(bool, usize, usize)>,
    builder: TextBuilder,
    facts: Vec<Fact>,
    issues: Vec<ReadIssue>,
    /// Shared strings for concepts, context and unit ids.
    interner: crate::filing::Interner,
    /// Item names already resolved: name → (namespace URI, concept, whether its facts are
    /// kept).
    concepts: crate::FastMap<Box<str>, (Box<str>, crate::filing::Concept, bool)>,
    /// Which facts to build (see [`crate::read::Keep`]).
    keep: &'t crate::read::Keep,
}

/// Reads an XBRL instance document.
pub(crate) fn read_instance(filing: &mut Filing, file: usize, keep: &crate::read::Keep) {
    // The reader borrows the text while facts, contexts and units go into `filing`: take it
    // out for the pass (a copy would double the file in memory) and put it back after.
    let text = std::mem::take(&mut filing.files[file].text);
    read_instance_text(filing, file, &text, keep);
    filing.files[file].text = text;
}

fn read_instance_text(filing: &mut Filing, file: usize, text: &str, keep: &crate::read::Keep) {
    // The reader's own tokenizer: quick-xml's events, as configured for markup, without a
    // UTF-8 check of each (a text block's escaped XHTML is most of an instance).
    let mut tok = Tokenizer::new(text);
    let mut st = Instance {
        file,
        text,
        scope: Scope::default(),
        depth: 0,
        open_item: None,
        open_capture: None,
        // The buffers of the last filing dropped on this thread, as the Inline XBRL reader's
        // (a text layer grown from nothing was copied a dozen times over as it doubled).
        builder: TextBuilder::recycled(),
        facts: crate::filing::Spare::take_facts(),
        issues: Vec::new(),
        interner: Default::default(),
        concepts: Default::default(),
        keep,
    };
    let mut namespaces = std::collections::BTreeMap::new();
    loop {
        // Text and references are read from their elements' source ranges, not as tokens:
        // the escaped XHTML of text blocks, most of an instance, is passed over in one search.
        tok.skip_text();
        let start = tok.position();
        let t = tok.next_token();
        let end = tok.position().min(text.len());
        match t {
            Token::Start { name, empty } => {
                let attrs = || tok.attrs.iter().map(|(k, v)| (*k, v));
                scope_push(
                    &mut st.scope,
                    attrs(),
                    Some((&mut namespaces, Span::new(file, start, end))),
                );
                st.open(text.get(name).unwrap_or(""), attrs(), start, end);
                if empty {
                    // An empty element closes at once.
                    st.close(filing, end, end);
                    st.scope.pop();
                } else {
                    st.depth += 1;
                }
            }
            Token::End(_) => {
                st.depth = st.depth.saturating_sub(1);
                st.close(filing, start, end);
                st.scope.pop();
            }
            Token::Eof => break,
            Token::Error { error: err, at } => {
                let at = at.min(text.len());
                st.issues.push(ReadIssue {
                    code: "xml-syntax",
                    level: IssueLevel::Error,
                    message: format!("malformed XML: {err}"),
                    span: Span::new(file, at, (at + 1).min(text.len())),
                });
                break;
            }
            _ => {}
        }
    }
    let (t, map) = st.builder.finish();
    let len = t.len();
    filing.text = TextLayer::new(t, map, len);
    filing.facts = st.facts;
    // An instance's text layer is its text blocks one after another, in no document order:
    // an Item section ends with the text block its heading is in, not at the next Item
    // heading, which may be another block's (or none, and the section would run to the end).
    for sec in &mut filing.text.sections {
        let at = sec.heading_range.start;
        let block_end = filing
            .facts
            .iter()
            .flat_map(|f| f.text_ranges().iter().cloned().collect::<Vec<_>>())
            .filter(|r| r.start <= at && at < r.end)
            .map(|r| r.end)
            .max();
        if let Some(end) = block_end {
            sec.range.end = sec.range.end.min(end).max(sec.range.start);
        }
    }
    filing.set_namespaces(namespaces);
    filing.issues.extend(st.issues);
    filing.derive_cover();
}

/// A start tag's attributes as quick-xml reads them (unchecked, the malformed ones left out):
/// names and values as written.
fn attrs_of<'e>(
    e: &'e quick_xml::events::BytesStart<'_>,
) -> impl Iterator<Item = (quick_xml::name::QName<'e>, std::borrow::Cow<'e, str>)> {
    let mut it = e.attributes();
    it.with_checks(false);
    it.flatten().map(|a| (a.key, a.value))
}

/// Opens an element's namespace scope with the declarations among `attrs` (name, value);
/// each declared URI is also recorded, with where it was first declared, when `namespaces`
/// is given.
fn scope_push<K: AsRef<str>, V: AsRef<str>>(
    scope: &mut Scope,
    attrs: impl Iterator<Item = (K, V)>,
    mut namespaces: Option<(&mut std::collections::BTreeMap<String, Span>, Span)>,
) {
    scope.push();
    for (k, v) in attrs {
        let (k, v) = (k.as_ref(), v.as_ref());
        if k == "xmlns" {
            scope.declare("", v);
        } else if let Some(p) = k.strip_prefix("xmlns:") {
            if let Some((ns, at)) = &mut namespaces {
                ns.entry(v.to_string()).or_insert(*at);
            }
            scope.declare(p, v);
        }
    }
}

impl Instance<'_> {
    /// Notes a context, unit or item that starts at depth 1 (`attrs`: its attributes, values
    /// unescaped).
    fn open<'v>(
        &mut self,
        name: &str,
        attrs: impl Iterator<Item = (&'v str, &'v std::borrow::Cow<'v, str>)>,
        start: usize,
        end: usize,
    ) {
        if self.open_item.is_some() || self.open_capture.is_some() || self.depth != 1 {
            return;
        }
        let name = name.to_owned();
        let (prefix, loc) = name.split_once(':').unwrap_or(("", &name));
        let ns = self.scope.resolve(prefix).unwrap_or("").to_owned();
        if ns == XBRLI_NS && (loc == "context" || loc == "unit") {
            self.open_capture = Some((loc == "context", start, self.depth));
        } else if ns != XBRLI_NS && !ns.contains("/linkbase") {
            let attrs = attrs.map(|(k, v)| (k.to_owned(), v.to_string())).collect();
            self.open_item = Some((name.clone(), start, end, attrs, self.depth));
        }
    }

    /// An element ends at `inner_end` (its end tag ends at `end`): finish what it opened.
    fn close(&mut self, filing: &mut Filing, inner_end: usize, end: usize) {
        let (text, file, depth, scope) = (self.text, self.file, self.depth, &self.scope);
        let (open_item, open_capture) = (&mut self.open_item, &mut self.open_capture);
        let (builder, facts, issues) = (&mut self.builder, &mut self.facts, &mut self.issues);
        let (interner, concepts, keep) = (&mut self.interner, &mut self.concepts, self.keep);
        if let Some((is_ctx, s, d)) = *open_capture
            && d == depth
        {
            *open_capture = None;
            let xml = &text[s..end];
            if is_ctx {
                match parse_context(xml, file, s, scope, keep.dimensions()) {
                    Ok(c) => {
                        filing.contexts.entry(c.id.clone()).or_insert(c);
                    }
                    Err(m) => issues.push(ReadIssue {
                        code: "bad-context",
                        level: IssueLevel::Error,
                        message: m,
                        span: Span::new(file, s, end),
                    }),
                }
            } else if let Some(u) = parse_unit(xml, scope) {
                filing.units.entry(u.id.clone()).or_insert(u);
            }
            return;
        }
        let Some((name, s, inner_start, attrs, d)) = open_item.take() else {
            return;
        };
        if d != depth {
            *open_item = Some((name, s, inner_start, attrs, d));
            return;
        }
        let attr = |k: &str| attrs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
        let (concept, wanted) = match scope.resolve_parts(&name) {
            // An instance names a few hundred concepts thousands of times: remember each name
            // with the namespace it resolved to (and whether its facts are kept).
            Ok((uri, prefix, local)) => match concepts.get(name.as_str()) {
                Some((u, c, k)) if **u == *uri => (c.clone(), *k),
                _ => {
                    let c = crate::filing::Concept::interned(uri, local, prefix, interner);
                    let k = keep.wants(&c);
                    concepts.insert(Box::from(name.as_str()), (Box::from(uri), c.clone(), k));
                    (c, k)
                }
            },
            Err(p) => {
                issues.push(ReadIssue {
                    code: "undeclared-prefix",
                    level: IssueLevel::Error,
                    message: format!("element prefix `{p}` is not declared"),
                    span: Span::new(file, s, end),
                });
                let (p, l) = name.split_once(':').unwrap_or(("", &name));
                (crate::filing::Concept::new("", l, p), true)
            }
        };
        let nil = attrs.iter().any(|(k, v)| {
            let (p, l) = k.split_once(':').unwrap_or(("", k));
            l == "nil" && scope.resolve(p) == Some(XSI_NS) && (v == "true" || v == "1")
        });
        let inner_at = inner_start.min(inner_end);
        let inner = &text[inner_at..inner_end];
        if !wanted {
            // Not built (no rule of the check can select it), but a text block's words are
            // still the text layer's.
            if !nil && Fact::new(concept, FactKind::Item, Span::new(file, s, end)).is_text_block() {
                push_block_text(builder, file, (s, end), inner, inner_at, false);
            }
            return;
        }
        let mut fact = Fact {
            context: attr("contextRef").map(|s| interner.sym(&s)),
            unit: attr("unitRef").map(|s| interner.sym(&s)),
            nil,
            id: attr("id").map(CompactString::from),
            lang: attr("xml:lang").map(|s| interner.sym(&s)),
            ..Fact::new(concept, FactKind::Item, Span::new(file, s, end))
        };
        if !nil {
            if fact.is_text_block() {
                // Text blocks' text maps back to the file byte by byte; other values need
                // only their decoded text.
                let (from, to, content) =
                    push_block_text(builder, file, (s, end), inner, inner_at, true);
                let (decoded, is_html) = content.unwrap_or_default();
                if is_html {
                    fact.block_mut().html = Some(crate::filing::Html::Text(decoded));
                } else {
                    fact.value = Some(
                        decoded
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" ")
                            .into(),
                    );
                }
                let (plain, pieces) =
                    crate::filing::text_from_ranges(builder.as_str(), &[(from..to, false)]);
                let b = fact.block_mut();
                b.text = Some(plain);
                b.text_pieces = pieces;
                b.text_ranges = std::iter::once(from..to).collect();
            } else {
                // Entities and CDATA are decoded as for text blocks; plain values are copied.
                let v = if memchr::memchr2(b'&', b'<', inner.as_bytes()).is_some() {
                    html::decode_with_points(inner, 0).0.trim().to_owned()
                } else {
                    inner.trim().to_owned()
                };
                if is_boolean_concept(&fact.concept) {
                    fact.boolean = transform::parse_boolean(&v);
                }
                fact.value = Some(v.into());
            }
        }
        facts.push(fact);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An instance read into the buffers a larger filing left on the thread (the text layer's
    /// and the facts', [`TextBuilder::recycled`]) is the instance read on a fresh thread: its
    /// text, facts and contexts.
    #[test]
    fn an_instance_read_into_recycled_buffers_is_read_as_afresh() {
        let dir = std::env::temp_dir().join(format!("cydlint-instance-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (big, inst) = (dir.join("big.htm"), dir.join("inst.xml"));
        let para =
            "<p>We assess, identify and manage material risks from cybersecurity threats.</p>";
        std::fs::write(
            &big,
            format!("<html><body>{}</body></html>", para.repeat(4000)),
        )
        .unwrap();
        let block = "<cyd:CybersecurityRiskManagementProcessesIntegratedTextBlock contextRef=\"c\">&lt;p&gt;We assess risks &amp;amp; threats.&lt;/p&gt;</cyd:CybersecurityRiskManagementProcessesIntegratedTextBlock>";
        std::fs::write(
            &inst,
            format!(
                r#"<?xml version="1.0" encoding="utf-8"?><xbrli:xbrl xmlns:xbrli="http://www.xbrl.org/2003/instance" xmlns:cyd="http://xbrl.sec.gov/cyd/2024" xmlns:dei="http://xbrl.sec.gov/dei/2024"><xbrli:context id="c"><xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">0000000001</xbrli:identifier></xbrli:entity><xbrli:period><xbrli:instant>2024-12-31</xbrli:instant></xbrli:period></xbrli:context><dei:DocumentType contextRef="c">10-K</dei:DocumentType>{}</xbrli:xbrl>"#,
                block.repeat(50)
            ),
        )
        .unwrap();
        let read = |first: Option<&std::path::Path>| {
            let (first, inst) = (first.map(|p| p.to_path_buf()), inst.clone());
            std::thread::spawn(move || {
                if let Some(first) = first {
                    drop(crate::read::read_set(&[first]));
                }
                let f = crate::read::read_set(&[inst]);
                (
                    f.text.visible().to_owned(),
                    format!("{:?} {:?}", f.facts, f.contexts),
                )
            })
            .join()
            .unwrap()
        };
        let fresh = read(None);
        assert!(fresh.0.len() > 1000 && fresh.1.contains("DocumentType"));
        assert_eq!(read(Some(&big)), fresh);
        std::fs::remove_dir_all(&dir).ok();
    }

    /// The slow way: decode, then write the decoded text (what a kept text block takes).
    fn decoded_way(inner: &str, at: usize) -> (String, String) {
        let mut b = TextBuilder::new();
        let (_, _, content) = push_block_text(&mut b, 0, (0, at + inner.len()), inner, at, true);
        assert!(content.is_some());
        let (text, map) = b.finish();
        (text, format!("{map:?}"))
    }

    /// A text block's words written straight from its escaped XHTML are what decoding it
    /// first writes, spans and all, whenever the direct way takes the content; generated
    /// content of every shape it reads and of many it must refuse.
    #[test]
    fn escaped_html_is_written_as_decoding_it_writes_it() {
        const PIECES: &[&str] = &[
            "&lt;p&gt;",
            "&lt;/p&gt;",
            "&lt;div style=\"a:b\"&gt;",
            "&lt;/div &gt;",
            "&lt;br/&gt;",
            "&lt;br&gt;",
            "&lt;td&gt;",
            "&lt;/td&gt;",
            "&lt;span class='x'&gt;",
            "&lt;/span&gt;",
            "&lt;script&gt;",
            "&lt;/script&gt;",
            "&lt;style/&gt;",
            "&lt;P&gt;",
            "&lt;x:td&gt;",
            "&lt;img src=\"a>b\"/&gt;",
            "&lt;a b=\"&amp;\"&gt;",
            "&lt;!-- c --&gt;",
            "&lt;?pi?&gt;",
            "&lt;a b&gt;",
            "&lt;a \"b\"&gt;",
            "&lt;/&gt;",
            "&lt;&gt;",
            "&lt;a b='1' c=\"2\" /&gt;",
            "text",
            " ",
            "  ",
            "\n",
            "\t",
            "é",
            "’",
            "&#160;",
            "&#x2014;",
            "&gt;",
            "&quot;",
            "&apos;",
            "&amp;",
            "&amp;amp;",
            "&#60;",
            "&#x200B;",
            "&bogus;",
            "&",
            ";",
            ">",
            "\"",
            "'",
            "&lt;",
            "a&lt;b",
            "<![CDATA[x]]>",
            "&lt;table&gt;&lt;tr&gt;",
            "&lt;/tr&gt;",
            "&amp;#160;",
            "&amp;bogus;",
            "&amp;lt;",
            "&amp;;",
            "&amp;x&#160;y;",
            "&amp;a&lt;b;",
            "&amp;#x200B;",
            "&amp; x",
            "&amp;nbsp;",
            "&amp;&amp;amp;",
        ];
        let mut next = crate::test_rng(0xe5ca_9ed0);
        let mut direct = 0;
        for _ in 0..20_000 {
            let inner = crate::test_string(&mut next, PIECES, 12);
            let at = next(40);
            let mut b = TextBuilder::new();
            b.push_break(0, 0, 0);
            b.mark();
            if !escaped_html_text(&inner, at, 0, &mut b) {
                let (text, map) = b.finish();
                assert!(text.is_empty(), "{inner:?} wrote {text:?} before refusing");
                drop(map);
                continue;
            }
            direct += 1;
            b.push_break(0, at + inner.len(), at + inner.len());
            let (text, map) = b.finish();
            assert_eq!(
                (text, format!("{map:?}")),
                decoded_way(&inner, at),
                "{inner:?}"
            );
        }
        assert!(direct > 2_000, "only {direct} written directly");
    }
}
