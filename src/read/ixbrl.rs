//! Inline XBRL 1.1 reader (and the HTML walker that untagged drafts share).
//!
//! One streaming pass of tokens (`xmltok`) over each file of a document set, no DOM. As it goes
//! it writes the visible text into the text layer (block elements become breaks, entities are
//! decoded, white space collapses) and notes, for every `ix:nonNumeric`, `ix:nonFraction`,
//! `ix:continuation` and `ix:exclude`, the range of the layer it covers. Facts inside
//! `ix:hidden` (or any `display:none` region) write into a second builder that is appended after
//! the visible text once the whole set is read. Only then are `continuedAt` chains resolved —
//! across all files of the set — because a continuation may come before or after its fact, or
//! in another file.
//!
//! The pass does each thing once: a start tag's attributes are read by the tokenizer on its
//! way to the tag's `>` (quick-xml, which the tokenizer hands everything but text, references
//! and ordinary tags, would find the `>` and leave the attributes to be scanned again); a
//! `style`'s meaning and an element name's HTML kind are remembered per distinct string
//! (`Memo`); contexts are built from
//! the pass's own tokens (`xbrl::ContextParser`) rather than parsed again from their source
//! (units, a handful per filing, are). A fact's reading state is kept beside it in 32-bit
//! offsets and dropped when the set is finished (docs/performance.md).
//!
//! The semantics follow Arelle's (see `../shared/design/anchors.md`): a fact's text is its own
//! content (nested facts included), then its continuations in chain order, with `ix:exclude`
//! content left out; nested facts do not drag their own continuations into their parent;
//! transforms see white-space-collapsed text; namespaces are resolved by URI from the
//! declarations in scope, never by prefix text.
//!
//! The reader is error-tolerant: end tags are matched by name with implicit closing (so HTML
//! drafts with `<p>` soup still read), unknown entities stay literal, and every problem is a
//! [`ReadIssue`] with a span. Continuation problems follow the spec's codes: missing target,
//! target that is not an `ix:continuation`, cycle, a continuation referenced twice, an
//! unreferenced continuation, a continuation inside `ix:hidden`.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::ops::Range;

use crate::filing::text::{TextBuilder, TextLayer};
use crate::filing::{
    CompactString, Concept, Context, Fact, FactKind, Filing, IssueLevel, ReadIssue, Sym, Unit,
    offset32, text_from_ranges,
};
use crate::read::html;
use crate::read::transform::{self, TransformError};
use crate::read::xbrl;
use crate::read::xmltok::{Attr, Token, Tokenizer, same};
use crate::source::Span;
use crate::taxonomy::{self, IX_NS, XSI_NS};

/// Which builder a range lives in until the hidden text is appended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Layer {
    Main,
    Hidden,
}

/// Moved to [`super::scope`], which the XBRL instance reader shares; named here as before.
pub(crate) use super::scope::{Scope, is_boolean_concept};

/// An element's attributes (name, unescaped value), borrowed from the text where possible:
/// the tokenizer's list for the tag being opened.
struct Attrs<'s, 'a>(&'s [Attr<'a>]);

impl<'s, 'a> Attrs<'s, 'a> {
    /// The first value of attribute `key`.
    fn get(&self, key: &str) -> Option<&'s str> {
        self.get_raw(key).map(|v| &**v)
    }

    /// The first value of an attribute named `key` or `prefix:key` (as XBRL instance readers
    /// match `id`, `scheme` and `dimension`).
    fn by_local_name(&self, key: &str) -> Option<Cow<'s, str>> {
        self.0
            .iter()
            .find(|(n, _)| *n == key || split_name(n).1 == key)
            .map(|(_, v)| Cow::Borrowed(&**v))
    }

    /// The first value of attribute `key`, borrowed from the text or decoded.
    fn get_raw(&self, key: &str) -> Option<&'s Cow<'a, str>> {
        self.0.iter().find(|(n, _)| *n == key).map(|(_, v)| v)
    }
}

/// The shared copy of `s`, through a one-entry memo of the last value.
fn memo(slot: &mut Option<Sym>, interner: &mut crate::filing::Interner, s: &str) -> Sym {
    if let Some(a) = slot
        && **a == *s
    {
        return a.clone();
    }
    let a = interner.sym(s);
    *slot = Some(a.clone());
    a
}

/// Splits `prefix:local` (a byte loop: names are short, and `split_once` sets up a searcher
/// for every element).
fn split_name(name: &str) -> (&str, &str) {
    match name.bytes().position(|b| b == b':') {
        Some(i) => (&name[..i], &name[i + 1..]),
        None => ("", name),
    }
}

/// What only reading needs of a fact, kept beside it (`IxReader::raw[i]` belongs to
/// `IxReader::facts[i]`). The [`Fact`] itself is filled in as its element opens and completed
/// in [`IxReader::finish`], in place, so a document's facts are never held twice; these are
/// dropped once the facts are finished.
#[derive(Debug)]
struct RawFact {
    /// The element's content in its file (offsets fit in 32 bits: see `read::MAX_FILE_BYTES`).
    /// Its content in the text layer is kept in the fact's own `range` until finished.
    inner: Range<u32>,
    file: u32,
    layer: Layer,
    sign_negative: bool,
    /// The element ended in white space or a block boundary.
    trailing: bool,
    closed: bool,
}

#[derive(Debug)]
struct RawCont {
    id: String,
    continued_at: Option<String>,
    hidden: bool,
    file: usize,
    span: Span,
    inner: Range<usize>,
    layer: Layer,
    range: Range<usize>,
    trailing: bool,
}

#[derive(Debug)]
struct RawExclude {
    layer: Layer,
    range: Range<usize>,
    file: usize,
    src: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Plain,
    Block,
    Cell,
    Skip,
    Invisible,
    Header,
    Hidden,
    Fact(usize),
    /// A fact the reader does not keep ([`crate::read::Keep`]): its element still counts as
    /// a fact's for the text layer; with a `continuedAt`, its [`Ghost`].
    Dropped(Option<usize>),
    Cont(usize),
    Exclude(usize),
    Capture,
    /// An element inside a context being read (not an empty one).
    InContext,
}

#[derive(Debug)]
struct Frame {
    /// The element name, as written (a slice of the file's text, so no copy per element).
    name: Range<usize>,
    role: Role,
    start: usize,
    /// Whether the element sets `xml:lang` (its value is then on top of `Walk::langs`).
    sets_lang: bool,
    /// Whether the element declares namespaces (it then has a scope of its own).
    declares: bool,
}

struct Capture {
    /// A context is read from the events of this pass; a unit (a few per filing) from its
    /// source once it closes, with the namespaces in scope where it opened.
    kind: CaptureKind,
    start: usize,
    depth: usize,
}

enum CaptureKind {
    Context(Box<xbrl::ContextParser>),
    Unit(Scope),
}

/// State for reading one document set.
pub(crate) struct IxReader {
    main: TextBuilder,
    hidden: TextBuilder,
    facts: Vec<Fact>,
    /// Reading state of each fact (same index): 16 bytes, since a filing may have a million.
    raw: Vec<RawFact>,
    /// `continuedAt` of the facts that have one: (fact, target id).
    continued: Vec<(Chained, Box<str>)>,
    /// Facts not kept that have a `continuedAt`.
    ghosts: Vec<Ghost>,
    conts: Vec<RawCont>,
    excludes: Vec<RawExclude>,
    contexts: Vec<Context>,
    units: Vec<Unit>,
    issues: Vec<ReadIssue>,
    namespaces: std::collections::BTreeMap<String, Span>,
    hidden_refs: Vec<(String, Span)>,
    /// `continuedAt` of `ix:footnote` elements (they may start chains too).
    footnote_chains: Vec<String>,
    /// Shared strings for concepts and context ids.
    interner: crate::filing::Interner,
    /// Fact names already resolved: name → (namespace URI, concept).
    concept_cache: crate::FastMap<Box<str>, (Box<str>, Concept, bool)>,
    /// Which facts to keep (by concept; the bool of `concept_cache`).
    pub(crate) keep: crate::read::Keep,
    /// The context parser of the last context, for the next ([`xbrl::ContextParser::restart`]).
    spare_context: Option<Box<xbrl::ContextParser>>,
    /// The ids of facts not kept, as ranges of their files' text (`(file, range)`), or as
    /// strings when decoded from entities: "`continuedAt` names a fact, not a continuation"
    /// needs every fact's id.
    dropped_ids: Vec<(u32, Range<u32>)>,
    dropped_owned_ids: Vec<Box<str>>,
    /// The last format attribute (as written, its namespace) and its canonical form.
    last_format: Option<(Box<str>, Box<str>, Sym)>,
    /// The last context and unit ids (neighbouring facts mostly share them).
    last_context: Option<Sym>,
    last_unit: Option<Sym>,
    /// True once any element in the Inline XBRL namespace was seen.
    pub(crate) saw_ix: bool,
    /// Elements nested deeper than this are not tracked (their text still counts).
    pub(crate) max_depth: usize,
}

impl Default for IxReader {
    fn default() -> Self {
        IxReader {
            main: TextBuilder::recycled(),
            hidden: TextBuilder::default(),
            facts: crate::filing::Spare::take_facts(),
            raw: Vec::new(),
            continued: Vec::new(),
            ghosts: Vec::new(),
            conts: Vec::new(),
            excludes: Vec::new(),
            contexts: Vec::new(),
            units: Vec::new(),
            issues: Vec::new(),
            namespaces: Default::default(),
            hidden_refs: Vec::new(),
            footnote_chains: Vec::new(),
            interner: Default::default(),
            concept_cache: Default::default(),
            keep: Default::default(),
            spare_context: None,
            dropped_ids: Vec::new(),
            dropped_owned_ids: Vec::new(),
            last_format: None,
            last_context: None,
            last_unit: None,
            saw_ix: false,
            max_depth: crate::read::Limits::default().max_depth,
        }
    }
}

/// At most this many syntax errors are reported per file before reading stops.
const MAX_ERRORS_PER_FILE: usize = 50;

impl IxReader {
    fn issue(&mut self, code: &'static str, level: IssueLevel, message: String, span: Span) {
        self.issues.push(ReadIssue {
            code,
            level,
            message,
            span,
        });
    }

    /// Reads one file of the set (`file` is its index in the filing).
    pub(crate) fn read_file(&mut self, file: usize, text: &str) {
        let mut tok = Tokenizer::new(text);
        let mut w = Walk {
            file,
            text,
            scope: Scope::default(),
            stack: Vec::new(),
            counts: Counts::default(),
            capture: None,
            styles: Memo::new(10),
            names: Memo::new(8),
            langs: Vec::new(),
        };
        let mut errors = 0usize;
        let mut last_pos = usize::MAX;
        let mut overflow = 0usize;
        loop {
            let start = tok.position();
            let t = tok.next_token();
            let end = tok.position();
            match t {
                Token::Eof => break,
                Token::Start { empty: false, .. } if w.stack.len() >= self.max_depth => {
                    if overflow == 0 {
                        self.issue(
                            "nesting-too-deep",
                            IssueLevel::Error,
                            format!("elements are nested deeper than {} levels (--max-depth); deeper markup is read as plain text", self.max_depth),
                            Span::new(file, start, end),
                        );
                    }
                    overflow += 1;
                }
                Token::End(_) if overflow > 0 => overflow -= 1,
                Token::Start { name, empty } => {
                    let kind = w.names.get(&text[name.clone()], html_kind);
                    let void = empty || kind.void;
                    let tag = Tag {
                        name,
                        kind,
                        closes_at_once: void,
                    };
                    self.open(&mut w, tag, &tok, start, end);
                    if void {
                        self.close_top(&mut w, if empty { end } else { start }, end);
                    }
                }
                Token::End(name) => {
                    let html_like = !self.saw_ix;
                    if let Some(idx) = w.stack.iter().rposition(|f| {
                        let open = text.get(f.name.clone()).unwrap_or("");
                        same(open, name) || (html_like && open.eq_ignore_ascii_case(name))
                    }) {
                        while w.stack.len() > idx + 1 {
                            // Implicitly closed (HTML) element.
                            self.close_top(&mut w, start, start);
                        }
                        self.close_top(&mut w, start, end);
                    }
                }
                Token::Text(t) => match &mut w.capture {
                    None => self.text(file, t, start, &w.counts),
                    Some(Capture {
                        kind: CaptureKind::Context(p),
                        ..
                    }) => p.text(t),
                    Some(_) => {}
                },
                Token::CData(t) => {
                    if w.capture.is_none() {
                        let body = start + 9;
                        if let Some(sink) = self.sink(&w.counts) {
                            sink.push_source(t, file, body);
                        }
                    }
                }
                Token::Ref(name) => {
                    if let Some(Capture {
                        kind: CaptureKind::Context(p),
                        ..
                    }) = &mut w.capture
                    {
                        p.text(&html::decode_entity(name).unwrap_or_default());
                    } else if w.capture.is_none() {
                        let decoded = html::decode_entity_char(name);
                        if let Some(sink) = self.sink(&w.counts) {
                            match decoded {
                                Some(d) => {
                                    let mut buf = [0u8; 4];
                                    let d = d.map_or("", |c| &*c.encode_utf8(&mut buf));
                                    sink.push_atomic(d, file, start, end)
                                }
                                None => sink.push_source(&text[start..end], file, start),
                            }
                        }
                    }
                }
                Token::DocType => {
                    self.issue(
                        "doctype",
                        IssueLevel::Info,
                        "document type declaration ignored: entities it declares are not expanded"
                            .into(),
                        Span::new(file, start, end),
                    );
                }
                Token::Other => {}
                Token::Error { error, at } => {
                    errors += 1;
                    if let Some(Capture {
                        kind: CaptureKind::Context(p),
                        ..
                    }) = &mut w.capture
                    {
                        p.fail(format!("malformed context: {error}"));
                    }
                    self.issue(
                        "xml-syntax",
                        IssueLevel::Error,
                        format!("malformed markup: {error}"),
                        Span::new(file, at, (at + 1).min(text.len())),
                    );
                    if errors >= MAX_ERRORS_PER_FILE || end == last_pos {
                        self.issue(
                            "read-stopped",
                            IssueLevel::Error,
                            "reading of this file stopped after repeated syntax errors; what follows was not read".into(),
                            Span::new(file, at, text.len()),
                        );
                        break;
                    }
                }
            }
            last_pos = end;
        }
        if let Some(top) = w.stack.last() {
            let open_at = top.start;
            let name = text.get(top.name.clone()).unwrap_or("").to_owned();
            if self.saw_ix {
                self.issue(
                    "unclosed-element",
                    IssueLevel::Error,
                    format!("<{name}> (and {} enclosing element(s)) never closed: the file may be truncated", w.stack.len() - 1),
                    Span::new(file, open_at, text.len()),
                );
            }
            while !w.stack.is_empty() {
                self.close_top(&mut w, text.len(), text.len());
            }
        }
        // A file boundary is a block boundary.
        self.main.push_break(file, text.len(), text.len());
    }

    fn sink(&mut self, c: &Counts) -> Option<&mut TextBuilder> {
        if c.skip > 0 {
            None
        } else if c.invisible == 0 {
            Some(&mut self.main)
        } else if c.open_ix > 0 {
            Some(&mut self.hidden)
        } else {
            None
        }
    }

    /// The builder an element opening now writes to, marked, and the position its range
    /// starts at.
    fn layer_pos(&mut self, c: &Counts) -> (Layer, usize) {
        if c.invisible == 0 {
            self.main.mark();
            (Layer::Main, self.main.len())
        } else {
            self.hidden.mark();
            (Layer::Hidden, self.hidden.len())
        }
    }

    fn builder(&self, layer: Layer) -> &TextBuilder {
        match layer {
            Layer::Main => &self.main,
            Layer::Hidden => &self.hidden,
        }
    }

    fn text(&mut self, file: usize, t: &str, start: usize, c: &Counts) {
        if let Some(sink) = self.sink(c) {
            sink.push_source(t, file, start);
        }
    }

    fn open<'t>(
        &mut self,
        w: &mut Walk<'t>,
        tag: Tag,
        tok: &Tokenizer<'t>,
        start: usize,
        end: usize,
    ) {
        let Tag {
            name: name_range,
            kind,
            closes_at_once: empty,
        } = tag;
        let file = w.file;
        let Walk {
            scope,
            stack,
            counts: c,
            capture,
            langs,
            ..
        } = w;
        let name = w.text.get(name_range.clone()).unwrap_or("");
        let attrs = Attrs(&tok.attrs);
        for &at in &tok.bad {
            self.issue(
                "xml-attribute",
                IssueLevel::Warning,
                format!("malformed attribute in <{name}>"),
                Span::new(file, at, end.max(at)),
            );
        }
        let mut new_lang = None;
        // A scope of its own only for an element that declares a namespace (few do).
        let mut declares = false;
        for (key, value) in attrs.0 {
            // Most attributes (`style`, `class`, `id`, a fact's `name`…) are none of these.
            if !matches!(key.as_bytes().first(), Some(b'x' | b'l')) {
                continue;
            }
            if *key == "xmlns" {
                if !std::mem::replace(&mut declares, true) {
                    scope.push();
                }
                scope.declare("", value);
            } else if let Some(p) = key.strip_prefix("xmlns:") {
                if !self.namespaces.contains_key(&**value) {
                    self.namespaces
                        .insert(value.to_string(), Span::new(file, start, end));
                }
                if !std::mem::replace(&mut declares, true) {
                    scope.push();
                }
                scope.declare(p, value);
            } else if *key == "xml:lang" || *key == "lang" {
                new_lang = Some(self.interner.sym(value));
            }
        }
        // The language in scope: the innermost element's that set one (kept on a stack of
        // its own, so that the elements between share it without a copy each).
        let sets_lang = new_lang.is_some();
        langs.extend(new_lang);
        let lang = langs.last();
        let attr = |k: &str| attrs.get(k);
        let (prefix, local) = split_name(name);
        let resolved = scope.resolve(prefix);
        let ns = resolved.unwrap_or("");
        if !prefix.is_empty() && resolved.is_none() && prefix != "xmlns" {
            self.issue(
                "undeclared-prefix",
                IssueLevel::Error,
                format!("element prefix `{prefix}` is not declared"),
                Span::new(file, start, end),
            );
        }

        if let Some(cap) = capture {
            let mut role = Role::Plain;
            if let CaptureKind::Context(p) = &mut cap.kind {
                // First attribute named `k` or `prefix:k`, as the instance reader matches.
                p.start(local, empty, |k| attrs.by_local_name(k), scope);
                if !empty {
                    role = Role::InContext;
                }
            }
            stack.push(Frame {
                name: name_range.clone(),
                role,
                start,
                sets_lang,
                declares,
            });
            return;
        }

        let role = if ns == IX_NS {
            self.saw_ix = true;
            match local {
                "header" => Role::Header,
                "hidden" => Role::Hidden,
                "nonNumeric" | "nonFraction" => {
                    let kind = if local == "nonNumeric" {
                        FactKind::NonNumeric
                    } else {
                        FactKind::NonFraction
                    };
                    let at = (start, end);
                    match self.start_fact(file, w.text, kind, &attrs, scope, at, lang, c) {
                        Started::Kept(idx) => Role::Fact(idx),
                        Started::Dropped(ghost) => Role::Dropped(ghost),
                    }
                }
                "continuation" => {
                    let (layer, pos) = self.layer_pos(c);
                    let id = attr("id").unwrap_or("").to_owned();
                    if id.is_empty() {
                        self.issue(
                            "continuation-without-id",
                            IssueLevel::Error,
                            "ix:continuation has no id".into(),
                            Span::new(file, start, end),
                        );
                    }
                    self.conts.push(RawCont {
                        id,
                        continued_at: attr("continuedAt").map(str::to_owned),
                        hidden: c.hidden > 0,
                        file,
                        span: Span::new(file, start, end),
                        inner: end..end,
                        layer,
                        range: pos..pos,
                        trailing: false,
                    });
                    Role::Cont(self.conts.len() - 1)
                }
                "footnote" => {
                    if let Some(next) = attr("continuedAt") {
                        self.footnote_chains.push(next.to_owned());
                    }
                    Role::Plain
                }
                "exclude" => {
                    let (layer, pos) = self.layer_pos(c);
                    self.excludes.push(RawExclude {
                        layer,
                        range: pos..pos,
                        file,
                        src: start..end,
                    });
                    Role::Exclude(self.excludes.len() - 1)
                }
                _ => Role::Plain,
            }
        } else if (ns == taxonomy::XBRLI_NS) && (local == "context" || local == "unit") {
            let kind = if local == "context" {
                let mut p = match self.spare_context.take() {
                    Some(mut p) => {
                        p.restart(file, start);
                        p
                    }
                    None => Box::new(xbrl::ContextParser::new(
                        file,
                        start,
                        self.keep.dimensions(),
                    )),
                };
                p.start(local, empty, |k| attrs.by_local_name(k), scope);
                CaptureKind::Context(p)
            } else {
                CaptureKind::Unit(scope.clone())
            };
            *capture = Some(Capture {
                kind,
                start,
                depth: stack.len(),
            });
            Role::Capture
        } else {
            let (hides, sec_hidden) = match attrs.get_raw("style") {
                Some(Cow::Borrowed(style)) => w.styles.get(style, html::style_flags),
                Some(Cow::Owned(style)) => html::style_flags(style),
                None => (false, None),
            };
            if let Some(id) = sec_hidden {
                self.hidden_refs
                    .push((id.to_owned(), Span::new(file, start, end)));
            }
            if kind.skipped {
                Role::Skip
            } else if hides {
                Role::Invisible
            } else if kind.block {
                Role::Block
            } else if kind.cell {
                Role::Cell
            } else {
                Role::Plain
            }
        };
        match role {
            Role::Skip => c.skip += 1,
            Role::Invisible | Role::Header => c.invisible += 1,
            Role::Hidden => c.hidden += 1,
            Role::Fact(_) | Role::Dropped(_) | Role::Cont(_) => c.open_ix += 1,
            Role::Block => {
                if let Some(s) = self.sink(c) {
                    s.push_break(file, start, end);
                }
            }
            Role::Cell => {
                if let Some(s) = self.sink(c) {
                    s.push_atomic(" ", file, start, end);
                }
            }
            _ => {}
        }
        stack.push(Frame {
            name: name_range,
            role,
            start,
            sets_lang,
            declares,
        });
    }

    /// Reads a fact's start tag: reports what is wrong with it, and builds the fact when it
    /// is kept, or records what the checks need of it when not ([`IxReader::not_kept`]).
    #[allow(clippy::too_many_arguments)]
    fn start_fact(
        &mut self,
        file: usize,
        text: &str,
        kind: FactKind,
        attrs: &Attrs<'_, '_>,
        scope: &Scope,
        (start, end): (usize, usize),
        lang: Option<&Sym>,
        c: &Counts,
    ) -> Started {
        // One pass over the attributes (the first of a repeated name wins, as `Attrs::get`).
        let mut found: [Option<&str>; 8] = [None; 8];
        // The attributes a fact is read from, by slot (a `match` by length and bytes, not a
        // scan of the list, since a fact has about eight attributes).
        fn slot(key: &str) -> Option<usize> {
            Some(match key {
                "name" => 0,
                "format" => 1,
                "contextRef" => 2,
                "unitRef" => 3,
                "escape" => 4,
                "id" => 5,
                "continuedAt" => 6,
                "sign" => 7,
                _ => return None,
            })
        }
        for (k, v) in attrs.0.iter() {
            if let Some(i) = slot(k)
                && found[i].is_none()
            {
                found[i] = Some(&**v);
            }
        }
        let attr = |k: &str| slot(k).and_then(|i| found[i]);
        let span = Span::new(file, start, end);
        let raw_name = attr("name").unwrap_or("");
        let (qp, ql) = split_name(raw_name.trim());
        let (concept, wanted) = match scope.resolve(qp) {
            // A filing names a few hundred concepts hundreds of thousands of times: remember
            // each name with the namespace it resolved to (and whether its facts are kept).
            Some(uri) => match self.concept_cache.get(raw_name) {
                Some((u, c, k)) if **u == *uri => (c.clone(), *k),
                _ => {
                    let c = Concept::interned(uri, ql, qp, &mut self.interner);
                    let k = self.keep.wants(&c);
                    self.concept_cache
                        .insert(Box::from(raw_name), (Box::from(uri), c.clone(), k));
                    (c, k)
                }
            },
            None => {
                let p = qp;
                self.issue(
                    "undeclared-prefix",
                    IssueLevel::Error,
                    format!("fact name `{raw_name}` uses prefix `{p}`, which is not declared"),
                    span,
                );
                let (p, l) = split_name(raw_name);
                (Concept::new("", l, p), true)
            }
        };
        if raw_name.is_empty() {
            self.issue(
                "fact-without-name",
                IssueLevel::Error,
                "fact has no name attribute".into(),
                span,
            );
        }
        let format = attr("format").map(|f| {
            let (p, l) = split_name(f.trim());
            match scope.resolve(p) {
                Some(uri) => match transform::registry_prefix(uri) {
                    Some(cp) => match &self.last_format {
                        Some((raw, u, q)) if **raw == *f && **u == *uri => q.clone(),
                        _ => {
                            let q = self.interner.sym(&[cp, ":", l].concat());
                            self.last_format = Some((Box::from(f), Box::from(uri), q.clone()));
                            q
                        }
                    },
                    None => {
                        self.issue(
                            "unsupported-transform-registry",
                            IssueLevel::Error,
                            format!("transform `{f}` is in `{uri}`, not a registry EDGAR accepts"),
                            span,
                        );
                        self.interner.sym(f)
                    }
                },
                None => {
                    self.issue(
                        "undeclared-prefix",
                        IssueLevel::Error,
                        format!("format `{f}` uses prefix `{p}`, which is not declared"),
                        span,
                    );
                    self.interner.sym(f)
                }
            }
        });
        // Marked whether kept or not: a mark moves where an enclosing fact's text starts.
        let (layer, pos) = self.layer_pos(c);
        // Hidden facts answer `-sec-ix-hidden`: those are kept whatever their concept.
        if !(wanted || c.hidden > 0) {
            let (id, next) = (attr("id"), attr("continuedAt"));
            return self.not_kept(text, concept, id, next, span);
        }
        let nil = attrs.0.iter().any(|(k, v)| {
            let (p, l) = split_name(k);
            l == "nil" && scope.resolve(p) == Some(XSI_NS) && (v == "true" || v == "1")
        });
        let lang = lang.cloned();
        let context =
            attr("contextRef").map(|s| memo(&mut self.last_context, &mut self.interner, s));
        let unit = attr("unitRef").map(|s| memo(&mut self.last_unit, &mut self.interner, s));
        self.facts.push(Fact {
            context,
            unit,
            format,
            escape: matches!(attr("escape"), Some("true") | Some("1")),
            hidden: c.hidden > 0,
            nil,
            id: attr("id").map(CompactString::from),
            lang,
            range: Some(offset32(pos)..offset32(pos)),
            ..Fact::new(concept, kind, span)
        });
        if let Some(next) = attr("continuedAt") {
            self.continued
                .push((Chained::Kept(self.facts.len() - 1), Box::from(next)));
        }
        self.raw.push(RawFact {
            sign_negative: attr("sign") == Some("-"),
            file: offset32(file),
            inner: offset32(end)..offset32(end),
            layer,
            trailing: false,
            closed: false,
        });
        Started::Kept(self.facts.len() - 1)
    }

    /// A fact not kept: its id is recorded (`text` is its file's), for "`continuedAt` names
    /// a fact, not a continuation"; with a `continuedAt`, a [`Ghost`] keeps what the chain's
    /// checks name, and the chain is checked (and counts for its continuations) as a kept
    /// fact's.
    fn not_kept(
        &mut self,
        text: &str,
        concept: Concept,
        id: Option<&str>,
        continued_at: Option<&str>,
        span: Span,
    ) -> Started {
        if let Some(id) = id {
            match offset_in(text, id) {
                Some(r) => self
                    .dropped_ids
                    .push((offset32(span.file), offset32(r.start)..offset32(r.end))),
                None => self.dropped_owned_ids.push(Box::from(id)),
            }
        }
        let Some(next) = continued_at else {
            return Started::Dropped(None);
        };
        self.ghosts.push(Ghost {
            concept,
            id: id.map(CompactString::from),
            span,
        });
        let g = self.ghosts.len() - 1;
        self.continued.push((Chained::Ghost(g), Box::from(next)));
        Started::Dropped(Some(g))
    }

    fn close_top(&mut self, w: &mut Walk<'_>, start: usize, end: usize) {
        let (file, text) = (w.file, w.text);
        let Walk {
            scope,
            stack,
            counts: c,
            capture,
            ..
        } = w;
        let Some(frame) = stack.pop() else { return };
        if frame.sets_lang {
            w.langs.pop();
        }
        // An element inside a context ends while its own namespace declarations are still in
        // scope (a member's QName may use a prefix declared on it).
        if frame.role == Role::InContext
            && let Some(Capture {
                kind: CaptureKind::Context(p),
                ..
            }) = capture
        {
            p.end(scope);
        }
        if frame.declares {
            scope.pop();
        }
        match frame.role {
            Role::Skip => c.skip = c.skip.saturating_sub(1),
            Role::Invisible | Role::Header => c.invisible = c.invisible.saturating_sub(1),
            Role::Hidden => c.hidden = c.hidden.saturating_sub(1),
            Role::Block => {
                if let Some(s) = self.sink(c) {
                    s.push_break(file, start, end);
                }
            }
            Role::Cell => {
                if let Some(s) = self.sink(c) {
                    s.push_atomic(" ", file, start, end);
                }
            }
            Role::Fact(i) => {
                c.open_ix = c.open_ix.saturating_sub(1);
                let b = self.builder(self.raw[i].layer);
                let (len, trailing) = (b.len(), b.has_pending());
                let f = &mut self.raw[i];
                f.trailing = trailing;
                f.inner.end = offset32(start).max(f.inner.start);
                f.closed = true;
                let fact = &mut self.facts[i];
                fact.span.end = end;
                if let Some(r) = &mut fact.range {
                    r.end = offset32(len);
                }
            }
            Role::Dropped(ghost) => {
                c.open_ix = c.open_ix.saturating_sub(1);
                if let Some(g) = ghost.and_then(|g| self.ghosts.get_mut(g)) {
                    g.span.end = end;
                }
            }
            Role::Cont(i) => {
                c.open_ix = c.open_ix.saturating_sub(1);
                let b = self.builder(self.conts[i].layer);
                let (len, trailing) = (b.len(), b.has_pending());
                let k = &mut self.conts[i];
                k.range.end = len;
                k.trailing = trailing;
                k.inner = k.inner.start..start.max(k.inner.start);
                k.span.end = end;
            }
            Role::Exclude(i) => {
                let len = self.builder(self.excludes[i].layer).len();
                let x = &mut self.excludes[i];
                x.range.end = len;
                x.src.end = end;
            }
            Role::Capture => {
                if let Some(cap) = capture.take()
                    && cap.depth == stack.len()
                {
                    match cap.kind {
                        CaptureKind::Context(mut p) => {
                            let read = p.finish(end);
                            self.spare_context = Some(p);
                            match read {
                                Ok(ctx) => self.contexts.push(ctx),
                                Err(msg) => self.issue(
                                    "bad-context",
                                    IssueLevel::Error,
                                    msg,
                                    Span::new(file, cap.start, end),
                                ),
                            }
                        }
                        CaptureKind::Unit(scope) => {
                            let slice = &text[cap.start..end.max(cap.start)];
                            if let Some(u) = xbrl::parse_unit(slice, &scope) {
                                self.units.push(u);
                            }
                        }
                    }
                }
            }
            Role::InContext | Role::Plain => {}
        }
    }

    /// Resolves continuations, builds fact values and the text layer, and fills `filing`.
    pub(crate) fn finish(mut self, filing: &mut Filing) {
        let hidden = std::mem::take(&mut self.hidden);
        let shift = self.main.append(hidden);
        let main = std::mem::take(&mut self.main);
        // A range that starts with a separator requested before the element opened (the end of
        // the previous block, say) starts after it.
        let fix = |layer: Layer, r: &Range<usize>| {
            let mut r = match layer {
                Layer::Main => r.clone(),
                Layer::Hidden => (r.start + shift)..(r.end + shift),
            };
            if r.start < r.end && main.is_external_separator(r.start) {
                r.start += 1;
            }
            r
        };

        for (fact, f) in self.facts.iter_mut().zip(&self.raw) {
            if let Some(r) = &mut fact.range {
                let fixed = fix(f.layer, &(r.start as usize..r.end as usize));
                *r = offset32(fixed.start)..offset32(fixed.end);
            }
        }
        for k in &mut self.conts {
            k.range = fix(k.layer, &k.range);
        }
        let mut excludes: Vec<(Range<usize>, usize, Range<usize>)> = self
            .excludes
            .iter()
            .map(|x| (fix(x.layer, &x.range), x.file, x.src.clone()))
            .collect();
        excludes.sort_by_key(|x| x.0.start);
        let (text, map) = main.finish();
        let visible_len = shift.min(text.len());

        // Continuations: index, check, and walk chains.
        let mut by_id: crate::FastMap<&str, usize> = Default::default();
        for (i, k) in self.conts.iter().enumerate() {
            if k.id.is_empty() {
                continue;
            }
            if by_id.insert(k.id.as_str(), i).is_some() {
                self.issues.push(ReadIssue {
                    code: "duplicate-id",
                    level: IssueLevel::Error,
                    message: format!("id `{}` is used by more than one ix:continuation", k.id),
                    span: k.span,
                });
            }
            if k.hidden {
                self.issues.push(ReadIssue {
                    code: "continuation-in-hidden",
                    level: IssueLevel::Error,
                    message: format!("ix:continuation `{}` is inside ix:hidden", k.id),
                    span: k.span,
                });
            }
        }
        let fact_ids: std::sync::OnceLock<BTreeSet<&str>> = std::sync::OnceLock::new();
        let mut referenced: Vec<u32> = vec![0; self.conts.len()];
        // Chains of the facts that have one: (fact index, continuation indices), by fact index.
        let mut chains: Vec<(usize, Vec<usize>)> = Vec::new();
        let mut new_issues = Vec::new();
        for (who, first) in &self.continued {
            let (kept, span, id, concept) = match *who {
                Chained::Kept(i) => {
                    let f = &self.facts[i];
                    (Some(i), f.span, f.id.as_deref(), &f.concept)
                }
                Chained::Ghost(g) => {
                    let g = &self.ghosts[g];
                    (None, g.span, g.id.as_deref(), &g.concept)
                }
            };
            let mut chain = Vec::new();
            let mut seen: BTreeSet<usize> = BTreeSet::new();
            let mut next = Some(&**first);
            let mut from_span = span;
            while let Some(target) = next {
                match by_id.get(target) {
                    Some(&k) => {
                        if !seen.insert(k) {
                            new_issues.push(ReadIssue {
                                code: "continuation-cycle",
                                level: IssueLevel::Error,
                                message: format!(
                                    "continuedAt chain of fact `{}` loops back to `{target}`",
                                    id.unwrap_or("?")
                                ),
                                span: from_span,
                            });
                            break;
                        }
                        referenced[k] += 1;
                        chain.push(k);
                        from_span = self.conts[k].span;
                        next = self.conts[k].continued_at.as_deref();
                    }
                    None => {
                        let ids = fact_ids.get_or_init(|| {
                            let dropped = self.dropped_ids.iter().filter_map(|(file, r)| {
                                let text = &filing.files.get(*file as usize)?.text;
                                text.get(r.start as usize..r.end as usize)
                            });
                            self.facts
                                .iter()
                                .filter_map(|f| f.id.as_deref())
                                .chain(dropped)
                                .chain(self.dropped_owned_ids.iter().map(|s| &**s))
                                .collect()
                        });
                        let why = if ids.contains(target) {
                            "is a fact, not an ix:continuation"
                        } else {
                            "does not exist in the document set"
                        };
                        new_issues.push(ReadIssue {
                            code: "continuation-missing",
                            level: IssueLevel::Error,
                            message: format!("continuedAt target `{target}` {why}: the text of `{}` is cut short", concept.qname()),
                            span: from_span,
                        });
                        break;
                    }
                }
            }
            if let Some(i) = kept {
                chains.push((i, chain));
            }
        }
        for start in &self.footnote_chains {
            let mut seen = BTreeSet::new();
            let mut next = Some(start.as_str());
            while let Some(id) = next {
                let Some(&k) = by_id.get(id) else { break };
                if !seen.insert(k) {
                    break;
                }
                referenced[k] += 1;
                next = self.conts[k].continued_at.as_deref();
            }
        }
        for (k, n) in referenced.iter().enumerate() {
            let cont = &self.conts[k];
            if *n > 1 {
                new_issues.push(ReadIssue {
                    code: "continuation-reused",
                    level: IssueLevel::Error,
                    message: format!(
                        "ix:continuation `{}` is the target of more than one continuedAt",
                        cont.id
                    ),
                    span: cont.span,
                });
            } else if *n == 0 && !cont.id.is_empty() {
                new_issues.push(ReadIssue {
                    code: "continuation-unreferenced",
                    level: IssueLevel::Warning,
                    message: format!(
                        "ix:continuation `{}` is not the target of any continuedAt",
                        cont.id
                    ),
                    span: cont.span,
                });
            }
        }
        self.issues.extend(new_issues);

        // -sec-ix-hidden references must name a hidden fact.
        let hidden_ids: crate::FastSet<&str> = self
            .facts
            .iter()
            .filter(|f| f.hidden)
            .filter_map(|f| f.id.as_deref())
            .collect();
        for (id, span) in &self.hidden_refs {
            if !hidden_ids.contains(id.as_str()) {
                self.issues.push(ReadIssue {
                    code: "hidden-fact-not-found",
                    level: IssueLevel::Error,
                    message: format!(
                        "-sec-ix-hidden refers to `{id}`, which is not a fact in ix:hidden"
                    ),
                    span: *span,
                });
            }
        }

        let mut chains = chains.iter().peekable();
        for (i, (fact, f)) in self.facts.iter_mut().zip(&self.raw).enumerate() {
            let chain: &[usize] = match chains.next_if(|(at, _)| *at == i) {
                Some((_, c)) => c,
                None => &[],
            };
            if !f.closed {
                continue;
            }
            let chain: &[usize] = if fact.kind == FactKind::NonNumeric {
                chain
            } else {
                &[]
            };
            let own = fact.range.clone().unwrap_or_default();
            let own = own.start as usize..own.end as usize;
            let text_block = fact.is_text_block();
            let (mut plain, pieces) = if chain.is_empty()
                && !text_block
                && !fact.escape
                && fact.block.is_none()
                && fact.range.is_some()
                && (excludes.is_empty() || (own.start < own.end && !excluded(&own, &excludes)))
            {
                // Nearly every fact: one range of the layer, nothing cut out of it, its text a
                // slice of the layer (what `text_from_ranges` would copy) and its range already
                // in place.
                (one_range_text(&text, &own), Vec::new())
            } else {
                let mut ranges = Vec::with_capacity(1 + chain.len());
                ranges.push((own, f.trailing));
                let mut cont_spans = Vec::new();
                for &k in chain {
                    ranges.push((self.conts[k].range.clone(), self.conts[k].trailing));
                    cont_spans.push(self.conts[k].span);
                }
                let ranges = subtract(ranges, &excludes);
                let (plain, pieces) = text_from_ranges(&text, &ranges);
                if !cont_spans.is_empty() {
                    fact.block_mut().continuations = cont_spans;
                }
                fact.set_text_ranges(ranges.iter().map(|(r, _)| r.clone()).collect());
                (Cow::Owned(plain), pieces)
            };
            if fact.escape {
                let inner_src: Vec<(usize, Range<usize>)> = std::iter::once((
                    f.file as usize,
                    f.inner.start as usize..f.inner.end as usize,
                ))
                .chain(
                    chain
                        .iter()
                        .map(|&k| (self.conts[k].file, self.conts[k].inner.clone())),
                )
                .collect();
                fact.block_mut().html = Some(html_parts(&filing.files, &inner_src, &excludes));
            }
            // Transform problems are reported for the facts cydlint reads (cyd, dei); other
            // taxonomies' transforms are EDGAR's business, not ours.
            let reports = fact.concept.is_cyd()
                || (&*fact.concept.prefix == "dei"
                    && matches!(
                        &*fact.concept.local_name,
                        "DocumentType"
                            | "DocumentPeriodEndDate"
                            | "AmendmentFlag"
                            | "DocumentTransitionReport"
                            | "EntityRegistrantName"
                            | "EntityCentralIndexKey"
                    ));
            if !fact.nil {
                let mut value = match &fact.format {
                    Some(q) => match transform::apply(split_name(q.trim()).1, &plain) {
                        Ok(v) => v,
                        Err(TransformError::Unknown) => {
                            if reports {
                                self.issues.push(ReadIssue {
                                code: "unknown-transform",
                                level: IssueLevel::Info,
                                message: format!("transform `{q}` is not implemented by cydlint; the displayed text is used as the value"),
                                span: fact.span,
                            });
                            }
                            plain.to_string()
                        }
                        Err(TransformError::Invalid) => {
                            if reports {
                                self.issues.push(ReadIssue {
                                    code: "transform-invalid",
                                    level: IssueLevel::Error,
                                    message: format!(
                                        "`{}` is not valid input for transform `{q}`",
                                        short(&plain)
                                    ),
                                    span: fact.span,
                                });
                            }
                            plain.to_string()
                        }
                    },
                    // The text is kept only for text blocks: otherwise it becomes the value.
                    None if text_block => plain.to_string(),
                    None => std::mem::take(&mut plain).into_owned(),
                };
                if f.sign_negative && fact.kind == FactKind::NonFraction {
                    value.insert(0, '-');
                }
                if is_boolean_concept(&fact.concept) {
                    fact.boolean = transform::parse_boolean(&value);
                }
                if text_block {
                    let b = fact.block_mut();
                    b.text = Some(plain.into_owned());
                    b.text_pieces = pieces;
                }
                if !(text_block && fact.escape) {
                    fact.value = Some(value.into());
                }
            }
        }

        // In place: the facts' buffer is kept (see `RawFact`).
        let mut closed = self.raw.iter().map(|r| r.closed);
        self.facts.retain(|_| closed.next().unwrap_or(false));
        drop(std::mem::take(&mut self.raw));
        filing.facts = std::mem::take(&mut self.facts);
        for c in self.contexts {
            filing.contexts.entry(c.id.clone()).or_insert(c);
        }
        for u in self.units {
            filing.units.entry(u.id.clone()).or_insert(u);
        }
        filing.set_namespaces(self.namespaces);
        filing.issues.extend(self.issues);
        filing.text = TextLayer::new(text, map, visible_len);
        filing.derive_cover();
    }
}

/// The state of one file's walk.
struct Walk<'t> {
    file: usize,
    text: &'t str,
    scope: Scope,
    stack: Vec<Frame>,
    counts: Counts,
    capture: Option<Capture>,
    styles: Memo<'t, StyleFlags<'t>>,
    names: Memo<'t, HtmlKind>,
    /// `xml:lang` values in scope, innermost last.
    langs: Vec<Sym>,
}

/// What a function said about recent strings of the text: a filing repeats a few hundred
/// distinct `style` attributes ([`html::style_flags`]) and a few dozen element names
/// ([`html_kind`]) on tens of thousands of elements. Direct-mapped (one slot per hash), so a
/// lookup costs one short hash and one comparison whatever the input: colliding strings only
/// evict each other (a miss costs what no memo would), and hostile input cannot make it slow
/// or grow it.
struct Memo<'t, V> {
    slots: Vec<Option<(&'t str, V)>>,
    bits: u32,
}

/// Whether a style hides its element, and its `-sec-ix-hidden` id.
type StyleFlags<'t> = (bool, Option<&'t str>);

impl<'t, V: Copy> Memo<'t, V> {
    fn new(bits: u32) -> Self {
        Memo {
            slots: vec![None; 1 << bits],
            bits,
        }
    }

    /// FxHash-style multiply-rotate over 8-byte words.
    fn slot(&self, key: &str) -> usize {
        let b = key.as_bytes();
        let mut h = b.len() as u64;
        let mut words = b.chunks_exact(8);
        for w in &mut words {
            let w = u64::from_le_bytes(w.try_into().unwrap_or_default());
            h = (h.rotate_left(5) ^ w).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
        for &x in words.remainder() {
            h = (h.rotate_left(5) ^ u64::from(x)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
        (h >> (64 - self.bits)) as usize
    }

    /// `f(key)`, remembered.
    fn get(&mut self, key: &'t str, f: impl FnOnce(&'t str) -> V) -> V {
        let i = self.slot(key);
        let slot = &mut self.slots[i];
        match slot {
            Some((k, v)) if same(k, key) => *v,
            _ => {
                let v = f(key);
                *slot = Some((key, v));
                v
            }
        }
    }
}

/// A start tag being opened: where its name is, what the name says, and whether the element
/// closes at once (written `<x/>`, or an HTML void element such as `<br>`).
struct Tag {
    name: Range<usize>,
    kind: HtmlKind,
    closes_at_once: bool,
}

/// What an element's name says about it as HTML (an unprefixed name is compared without
/// regard to case; a prefixed one is never void).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct HtmlKind {
    void: bool,
    skipped: bool,
    block: bool,
    cell: bool,
}

fn html_kind(name: &str) -> HtmlKind {
    let lower = html::ascii_lower(split_name(name).1);
    HtmlKind {
        void: !name.contains(':') && html::is_void(&lower),
        skipped: html::is_skipped(&lower),
        block: html::is_block(&lower),
        cell: html::is_cell(&lower),
    }
}

#[derive(Default, Debug)]
struct Counts {
    skip: usize,
    invisible: usize,
    hidden: usize,
    open_ix: usize,
}

/// What reading a fact's start tag gave.
enum Started {
    /// A fact built (its index).
    Kept(usize),
    /// A fact not kept (its [`Ghost`], when it has a `continuedAt`).
    Dropped(Option<usize>),
}

/// A fact with a `continuedAt`.
enum Chained {
    /// Kept: its index.
    Kept(usize),
    /// Not kept: its index in `IxReader::ghosts`.
    Ghost(usize),
}

/// What the continuation checks need of a fact not kept: what their messages name.
struct Ghost {
    concept: Concept,
    id: Option<CompactString>,
    span: Span,
}

/// Where `part` lies in `whole`, when it is a slice of it (an attribute value not decoded).
fn offset_in(whole: &str, part: &str) -> Option<Range<usize>> {
    let start = (part.as_ptr() as usize).checked_sub(whole.as_ptr() as usize)?;
    let end = start.checked_add(part.len())?;
    (end <= whole.len()).then_some(start..end)
}

fn short(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

/// Whether an `ix:exclude` (sorted by start) cuts into `r`, as [`subtract`] finds them.
fn excluded(r: &Range<usize>, excludes: &[(Range<usize>, usize, Range<usize>)]) -> bool {
    let first = excludes.partition_point(|x| x.0.end <= r.start);
    excludes.get(first).is_some_and(|x| x.0.start < r.end)
}

/// The text of one range of the layer, as [`text_from_ranges`] makes it: trimmed, line breaks
/// as spaces; borrowed from the layer when it has none.
fn one_range_text<'l>(layer: &'l str, r: &Range<usize>) -> Cow<'l, str> {
    crate::filing::one_line(layer.get(r.clone()).unwrap_or("").trim())
}

/// Removes excluded ranges (sorted by start) from `ranges`; the last piece of each range
/// keeps its trailing-separator flag.
fn subtract(
    ranges: Vec<(Range<usize>, bool)>,
    excludes: &[(Range<usize>, usize, Range<usize>)],
) -> Vec<(Range<usize>, bool)> {
    if excludes.is_empty() {
        return ranges;
    }
    let mut out = Vec::new();
    for (r, trailing) in &ranges {
        let first_piece = out.len();
        let mut cur = r.start;
        let first = excludes.partition_point(|x| x.0.end <= r.start);
        for x in &excludes[first..] {
            if x.0.start >= r.end {
                break;
            }
            if x.0.start > cur {
                out.push((cur..x.0.start, false));
            }
            cur = cur.max(x.0.end);
        }
        if cur < r.end {
            out.push((cur..r.end, false));
        }
        if out.len() > first_piece
            && let Some(last) = out.last_mut()
        {
            last.1 = *trailing;
        }
    }
    out
}

/// Where the escaped XHTML of a fact lies: its inner markup and that of its continuations, with
/// `ix:exclude` elements cut out.
fn html_parts(
    files: &[crate::source::SourceFile],
    inner: &[(usize, Range<usize>)],
    excludes: &[(Range<usize>, usize, Range<usize>)],
) -> crate::filing::Html {
    let mut parts: Vec<(usize, Range<usize>)> = Vec::with_capacity(inner.len());
    for (file, r) in inner {
        if files
            .get(*file)
            .and_then(|f| f.text.get(r.clone()))
            .is_none()
        {
            continue;
        }
        let mut cur = r.start;
        let mut xs: Vec<&Range<usize>> = excludes
            .iter()
            .filter(|x| x.1 == *file && x.2.start >= r.start && x.2.end <= r.end)
            .map(|x| &x.2)
            .collect();
        xs.sort_by_key(|x| x.start);
        for x in xs {
            if x.start >= cur {
                parts.push((*file, cur..x.start));
                cur = x.end;
            }
        }
        if cur < r.end {
            parts.push((*file, cur..r.end));
        }
    }
    parts.retain(|(_, r)| !r.is_empty());
    let blank = parts.iter().all(|(file, r)| {
        files
            .get(*file)
            .and_then(|f| f.text.get(r.clone()))
            .is_none_or(|t| t.trim().is_empty())
    });
    crate::filing::Html::Source {
        parts: parts.into_boxed_slice(),
        blank,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::taxonomy::XML_NS;

    #[test]
    fn a_malformed_attribute_is_reported_and_the_rest_still_read() {
        let doc = r#"<html xmlns="http://www.w3.org/1999/xhtml"><body><p style=bad id="p">Hello</p></body></html>"#;
        let mut r = IxReader::default();
        r.read_file(0, doc);
        let issue = r
            .issues
            .iter()
            .find(|i| i.code == "xml-attribute")
            .expect("reported");
        assert_eq!(&doc[issue.span.start..issue.span.start + 5], "style");
        assert_eq!(r.main.as_str().trim(), "Hello");
    }

    /// The memo answers what `style_flags` answers, for more distinct styles than it has
    /// slots (so colliding styles evict each other) and in any order.
    #[test]
    fn the_style_cache_agrees_with_style_flags() {
        let styles: Vec<String> = (0..5000)
            .map(|i| match i % 4 {
                0 => format!("margin:{i}pt;display:none"),
                1 => format!("-sec-ix-hidden:h{i};color:red"),
                2 => format!("padding:{i}px"),
                _ => format!("DISPLAY: None ; width:{i}%"),
            })
            .collect();
        let mut cache = Memo::new(10);
        for round in 0..2 {
            for i in 0..styles.len() {
                let i = if round == 0 { i } else { styles.len() - 1 - i };
                let s = &styles[i];
                assert_eq!(
                    cache.get(s, html::style_flags),
                    html::style_flags(s),
                    "{s} (round {round})"
                );
            }
        }
        assert!(cache.slots.iter().filter(|s| s.is_some()).count() > 500);
    }

    #[test]
    fn element_kinds_ignore_case_and_prefixes_are_never_void() {
        let mut memo = Memo::new(2);
        for _ in 0..2 {
            for (name, void, block, cell, skipped) in [
                ("BR", true, true, false, false),
                ("br", true, true, false, false),
                ("x:br", false, true, false, false),
                ("TD", false, false, true, false),
                ("Script", false, false, false, true),
                ("span", false, false, false, false),
                ("ix:nonNumeric", false, false, false, false),
            ] {
                let want = HtmlKind {
                    void,
                    skipped,
                    block,
                    cell,
                };
                assert_eq!(memo.get(name, html_kind), want, "{name}");
            }
        }
    }

    /// Contexts are read from the events of the main pass; the result equals reading each
    /// context's source on its own (as the instance reader does), typed members included.
    #[test]
    fn contexts_read_in_the_pass_equal_contexts_read_alone() {
        let contexts = [
            r#"<xbrli:context id="d"><xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">0000000001</xbrli:identifier></xbrli:entity><xbrli:period><xbrli:startDate>2025-01-01</xbrli:startDate><xbrli:endDate>2025-12-31</xbrli:endDate></xbrli:period></xbrli:context>"#,
            r#"<xbrli:context id="t"><xbrli:entity><xbrli:identifier scheme="s">1</xbrli:identifier><xbrli:segment><xbrldi:typedMember dimension="us-gaap:StartDateAxis"><us-gaap:StartDateAxis.domain>2025-09-28</us-gaap:StartDateAxis.domain></xbrldi:typedMember><xbrldi:explicitMember dimension="srt:RangeAxis">srt:MaximumMember</xbrldi:explicitMember></xbrli:segment></xbrli:entity><xbrli:period><xbrli:instant>2025-09-27</xbrli:instant></xbrli:period></xbrli:context>"#,
            r#"<xbrli:context id="f">
  <xbrli:entity><xbrli:identifier scheme="s">A &amp; B</xbrli:identifier><xbrli:scenario/></xbrli:entity>
  <xbrli:period><xbrli:forever/></xbrli:period>
</xbrli:context>"#,
            r#"<xbrli:context><xbrli:period><xbrli:instant>2025-01-01</xbrli:instant></xbrli:period></xbrli:context>"#,
            r#"<xbrli:context xbrli:id="p"><xbrli:entity><xbrli:identifier scheme="s">2</xbrli:identifier><xbrli:segment><xbrldi:explicitMember xmlns:m="http://fasb.org/us-gaap/2025" dimension="m:XAxis">m:YMember</xbrldi:explicitMember></xbrli:segment></xbrli:entity><xbrli:period><xbrli:instant><b>2025</b>-01-01</xbrli:instant></xbrli:period></xbrli:context>"#,
        ];
        let head = r#"<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL" xmlns:xbrli="http://www.xbrl.org/2003/instance" xmlns:xbrldi="http://xbrl.org/2006/xbrldi" xmlns:us-gaap="http://fasb.org/us-gaap/2025" xmlns:srt="http://fasb.org/srt/2025"><body><ix:header><ix:resources>"#;
        let doc = format!(
            "{head}{}</ix:resources></ix:header></body></html>",
            contexts.concat()
        );
        let mut r = IxReader::default();
        r.read_file(0, &doc);
        let scope = {
            let mut s = Scope::default();
            s.push();
            for (p, u) in [
                ("xbrli", "http://www.xbrl.org/2003/instance"),
                ("xbrldi", "http://xbrl.org/2006/xbrldi"),
                ("us-gaap", "http://fasb.org/us-gaap/2025"),
                ("srt", "http://fasb.org/srt/2025"),
            ] {
                s.declare(p, u);
            }
            s
        };
        let mut alone = Vec::new();
        let mut errors = Vec::new();
        for c in contexts {
            let at = doc.find(c).unwrap();
            match xbrl::parse_context(c, 0, at, &scope, true) {
                Ok(ctx) => alone.push(format!("{ctx:?}")),
                Err(e) => errors.push(e),
            }
        }
        let inline: Vec<String> = r.contexts.iter().map(|c| format!("{c:?}")).collect();
        assert_eq!(inline, alone);
        assert_eq!(errors, ["context has no id"]);
        assert!(r.issues.iter().any(|i| i.code == "bad-context"));
        let typed = &r.contexts[1];
        assert_eq!(
            typed
                .dimensions
                .get("us-gaap:StartDateAxis")
                .map(String::as_str),
            Some("2025-09-28")
        );
        assert_eq!(r.contexts[2].identifier, "A & B");
        // A prefixed id is an id; a prefix declared on a member resolves for its value too;
        // a date split by markup is read whole.
        let p = r
            .contexts
            .iter()
            .find(|c| c.id == "p")
            .expect("prefixed id");
        assert_eq!(
            p.dimensions.get("us-gaap:XAxis").map(String::as_str),
            Some("us-gaap:YMember")
        );
        assert_eq!(
            format!("{:?}", p.period),
            r#"Some(Instant { instant: "2025-01-01" })"#
        );
    }

    /// Context elements that take text consume it: nested dates with text between them read
    /// in linear time (copying the accumulated text at each end tag made this quadratic).
    #[test]
    fn deeply_nested_context_text_reads_in_linear_time() {
        let n = 3000;
        let chunk = "x".repeat(2000);
        let mut c = String::from(r#"<xbrli:context id="deep"><xbrli:period>"#);
        c.push_str(&"<xbrli:instant>".repeat(n));
        for _ in 0..n {
            c.push_str("</xbrli:instant>");
            c.push_str(&chunk);
        }
        c.push_str("</xbrli:period></xbrli:context>");
        let doc = format!(
            r#"<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL" xmlns:xbrli="http://www.xbrl.org/2003/instance"><body><ix:header><ix:resources>{c}</ix:resources></ix:header></body></html>"#
        );
        let mut r = IxReader::default();
        r.read_file(0, &doc);
        assert_eq!(r.contexts.len(), 1);
        let mut scope = Scope::default();
        scope.push();
        scope.declare("xbrli", "http://www.xbrl.org/2003/instance");
        let alone = xbrl::parse_context(&c, 0, 0, &scope, true).unwrap();
        assert_eq!(
            format!("{:?}", alone.period),
            format!("{:?}", r.contexts[0].period)
        );
    }

    /// Closing a scope restores the default namespace it hid without searching the bindings
    /// (which made many `xmlns` children under many prefixes quadratic; found in review).
    #[test]
    fn many_default_namespace_scopes_read_in_linear_time() {
        let k = 20_000;
        let decl: String = (0..k).map(|i| format!(" xmlns:p{i}=\"u{i}\"")).collect();
        let doc = format!(
            r#"<html xmlns="http://www.w3.org/1999/xhtml" xmlns:dei="http://xbrl.sec.gov/dei/2025"><body><div xmlns="http://www.xbrl.org/2013/inlineXBRL"{decl}>{}<nonNumeric name="dei:A" contextRef="c">a</nonNumeric></div></body></html>"#,
            "<e xmlns=\"y\"/>".repeat(k)
        );
        let mut r = IxReader::default();
        r.read_file(0, &doc);
        // After each child's scope closes, the default is the inline XBRL namespace again.
        assert_eq!(r.facts.len(), 1);
        assert!(r.facts[0].concept.is_dei("A"));
    }

    #[test]
    fn reading_state_per_fact_is_16_bytes() {
        assert_eq!(std::mem::size_of::<RawFact>(), 16);
    }

    #[test]
    fn the_default_namespace_follows_scopes() {
        let mut s = Scope::default();
        assert_eq!(s.resolve(""), None);
        s.push();
        s.declare("", "outer");
        s.declare("ix", "ixns");
        s.push();
        s.declare("x", "xns");
        assert_eq!(s.resolve(""), Some("outer"));
        s.push();
        s.declare("", "inner");
        assert_eq!(
            (s.resolve(""), s.resolve("ix")),
            (Some("inner"), Some("ixns"))
        );
        s.pop();
        assert_eq!(s.resolve(""), Some("outer"));
        s.pop();
        s.push();
        s.declare("", "");
        assert_eq!(s.resolve(""), Some(""));
        s.pop();
        s.pop();
        assert_eq!((s.resolve(""), s.resolve("ix")), (None, None));
    }

    #[test]
    fn prefixes_resolve_innermost_first_whatever_their_length() {
        let mut s = Scope::default();
        s.push();
        s.declare("us-gaap", "g1");
        s.declare("us-gaap-x", "long1");
        s.declare("us-gaap-y", "long2");
        s.declare("a", "a1");
        s.push();
        s.declare("a", "a2");
        s.declare("us-gaap-x", "long3");
        assert_eq!(s.resolve("a"), Some("a2"));
        assert_eq!(s.resolve("us-gaap"), Some("g1"));
        assert_eq!(s.resolve("us-gaap-x"), Some("long3"));
        assert_eq!(s.resolve("us-gaap-y"), Some("long2"));
        assert_eq!(s.resolve("us-gaap-z"), None);
        assert_eq!(s.resolve("us-gaa"), None);
        s.pop();
        assert_eq!(
            (s.resolve("a"), s.resolve("us-gaap-x")),
            (Some("a1"), Some("long1"))
        );
        assert_eq!(s.resolve("xml"), Some(XML_NS));
    }

    /// Resolution (remembered lookups included) answers as a scan of the declarations in
    /// scope does, through random declarations, scopes opened and closed, and lookups.
    #[test]
    fn prefixes_resolve_as_a_scan_of_the_bindings_does() {
        const PREFIXES: &[&str] = &[
            "",
            "a",
            "b",
            "ix",
            "us-gaap",
            "us-gaap-x",
            "us-gaap-y",
            "xml",
        ];
        let mut next = crate::test_rng(0x5c09e);
        for _ in 0..2_000 {
            let mut s = Scope::default();
            // The reference: (prefix, uri) in scope, and where each open scope starts.
            let mut bindings: Vec<(&str, String)> = Vec::new();
            let mut marks: Vec<usize> = Vec::new();
            for step in 0..60 {
                match next(6) {
                    0 => {
                        s.push();
                        marks.push(bindings.len());
                    }
                    1 => {
                        s.pop();
                        if let Some(m) = marks.pop() {
                            bindings.truncate(m);
                        }
                    }
                    2 if !marks.is_empty() => {
                        let p = PREFIXES[next(PREFIXES.len() - 1)];
                        let uri = format!("u{step}");
                        s.declare(p, &uri);
                        bindings.push((p, uri));
                    }
                    _ => {
                        let p = PREFIXES[next(PREFIXES.len())];
                        let expected = if p == "xml" {
                            Some(XML_NS)
                        } else {
                            bindings
                                .iter()
                                .rev()
                                .find(|(b, _)| *b == p)
                                .map(|(_, u)| u.as_str())
                        };
                        assert_eq!(s.resolve(p), expected, "{p:?} in {bindings:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn one_range_text_is_what_text_from_ranges_makes_of_one_range() {
        let layer = " a\nb  \n c é\t\n\n x ";
        for start in 0..=layer.len() + 1 {
            for end in start..=layer.len() + 1 {
                let r = start..end;
                for trailing in [false, true] {
                    let (general, _) = text_from_ranges(layer, &[(r.clone(), trailing)]);
                    assert_eq!(one_range_text(layer, &r), general, "{r:?}");
                }
            }
        }
        let excludes = [(2..4, 0, 0..0), (8..9, 0, 0..0)];
        for r in [0..2, 0..3, 3..5, 4..8, 4..9, 9..12, 8..8] {
            let cut = subtract(vec![(r.clone(), false)], &excludes) != vec![(r.clone(), false)];
            assert_eq!(excluded(&r, &excludes), cut && !r.is_empty(), "{r:?}");
        }
    }

    #[test]
    fn a_fact_has_the_language_of_its_innermost_ancestor_that_sets_one() {
        let doc = r#"<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL" xmlns:dei="http://xbrl.sec.gov/dei/2025" xml:lang="en-US"><body><div xml:lang="fr"><p><ix:nonNumeric name="dei:A" contextRef="c">a</ix:nonNumeric></p><span lang="de"><ix:nonNumeric name="dei:B" contextRef="c">b</ix:nonNumeric></span><ix:nonNumeric name="dei:C" contextRef="c" xml:lang="it">c</ix:nonNumeric></div><p><ix:nonNumeric name="dei:D" contextRef="c">d</ix:nonNumeric></p></body></html>"#;
        let mut r = IxReader::default();
        r.read_file(0, doc);
        let langs: Vec<Option<&str>> = r.facts.iter().map(|f| f.lang.as_deref()).collect();
        assert_eq!(langs, [Some("fr"), Some("de"), Some("it"), Some("en-US")]);
        let mut r = IxReader::default();
        r.read_file(0, &doc.replace(r#" xml:lang="en-US""#, ""));
        assert_eq!(r.facts[3].lang.as_deref(), None);
    }

    #[test]
    fn the_first_of_a_repeated_attribute_wins() {
        let list: Vec<Attr<'_>> = vec![
            ("a0", Cow::Borrowed("0")),
            ("x:id", Cow::Borrowed("p")),
            ("a0", Cow::Borrowed("later")),
            ("id", Cow::Owned("i".into())),
        ];
        let attrs = Attrs(&list);
        assert_eq!(attrs.get("a0"), Some("0"));
        assert_eq!(attrs.get("missing"), None);
        assert_eq!(attrs.by_local_name("id").as_deref(), Some("p"));
    }

    #[test]
    fn a_fact_with_many_attributes_reads_its_name_and_context() {
        let many: String = (0..20).map(|i| format!(" data-x{i}=\"{i}\"")).collect();
        let doc = format!(
            r#"<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL" xmlns:dei="http://xbrl.sec.gov/dei/2025"><body><ix:nonNumeric{many} name="dei:DocumentType" contextRef="c1" id="d1">10-K</ix:nonNumeric></body></html>"#
        );
        let mut r = IxReader::default();
        r.read_file(0, &doc);
        let f = &r.facts[0];
        assert!(f.concept.is_dei("DocumentType"));
        assert_eq!(f.context.as_deref(), Some("c1"));
        assert_eq!(f.id.as_deref(), Some("d1"));
    }
}
