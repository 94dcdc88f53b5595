//! The one document model every reader produces.
//!
//! A [`Filing`] is what cydlint knows of a submission, whatever form it came in (Inline XBRL,
//! an XBRL instance, the SEC viewer's rendered report, an untagged draft): its files, the cover
//! facts, contexts, units, facts, and the [`text::TextLayer`]. Rules never know which reader
//! made it. Every fact carries spans into the original bytes; problems met while reading are
//! kept as [`ReadIssue`]s (they become findings, never panics).

pub mod heading;
pub mod sentence;
pub mod text;

pub use compact_str::CompactString;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use serde::Serialize;

use crate::source::{SourceFile, Span};
use crate::taxonomy;
use text::TextLayer;

/// What kind of input a filing was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum InputKind {
    /// Inline XBRL (X)HTML.
    InlineXbrl,
    /// An XBRL 2.1 instance document.
    Instance,
    /// The SEC viewer's rendered report (pipe-separated rows).
    Rendered,
    /// An untagged HTML, text or Markdown draft.
    Draft,
}

/// Hashes an address (a key the input does not choose): one multiplication.
#[derive(Default, Clone, Copy)]
struct AddrHash;

impl std::hash::BuildHasher for AddrHash {
    type Hasher = AddrHasher;
    fn build_hasher(&self) -> AddrHasher {
        AddrHasher(0)
    }
}

/// See [`AddrHash`].
struct AddrHasher(u64);

impl std::hash::Hasher for AddrHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }
    fn write_usize(&mut self, n: usize) {
        // Addresses are aligned: fold the product's high bits into the low ones the table
        // indexes by.
        let h = (n as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        self.0 = h ^ (h >> 29);
    }
}

/// Shares equal strings: a filing repeats a few namespaces, concepts and context ids hundreds
/// of thousands of times, and each fact would otherwise carry its own copies.
#[derive(Debug, Default)]
pub struct Interner {
    /// Each string once, looked up by its text (an `Arc<str>` hashes and compares as its
    /// `str`): one allocation a string, not a key beside it.
    strings: crate::FastSet<Arc<str>>,
    /// Each [`Sym`] once, looked up by its text (see [`Sym`]'s `Borrow<str>`).
    syms: crate::FastSet<Sym>,
    /// Concepts by the addresses of their shared namespace and local name.
    concepts: crate::FastMap<(usize, usize, usize), Concept>,
}

impl Interner {
    /// The shared copy of `s`.
    pub fn get(&mut self, s: &str) -> Arc<str> {
        if let Some(a) = self.strings.get(s) {
            return a.clone();
        }
        let a: Arc<str> = Arc::from(s);
        self.strings.insert(a.clone());
        a
    }

    /// The shared [`Sym`] for `s`.
    pub fn sym(&mut self, s: &str) -> Sym {
        if let Some(a) = self.syms.get(s) {
            return a.clone();
        }
        let a = Sym::from(s);
        self.syms.insert(a.clone());
        a
    }
}

/// A shared string one pointer wide (an `Arc<str>` is two): a fact's context and unit ids,
/// format and language, each repeated across hundreds of thousands of facts. Reads as `&str`
/// through `Deref`, so `fact.context.as_deref()` is an `Option<&str>`.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sym(Arc<Box<str>>);

impl std::ops::Deref for Sym {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

/// A `Sym` hashes and compares as its text (the derived `Hash` and `Eq` are its string's), so
/// a set of them is looked up by `&str`.
impl std::borrow::Borrow<str> for Sym {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Sym {
    fn from(s: &str) -> Self {
        Sym(Arc::new(Box::from(s)))
    }
}

impl std::fmt::Debug for Sym {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

impl std::fmt::Display for Sym {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self)
    }
}

/// A concept: namespace URI plus local name, printed with a canonical prefix. One pointer wide
/// (facts of the same concept share one [`ConceptName`]); its fields read through `Deref`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Concept(Arc<ConceptName>);

impl std::ops::Deref for Concept {
    type Target = ConceptName;
    fn deref(&self) -> &ConceptName {
        &self.0
    }
}

/// What a [`Concept`] names.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ConceptName {
    /// Namespace URI.
    pub namespace: Arc<str>,
    /// Local name.
    pub local_name: Arc<str>,
    /// The canonical prefix of the namespace family, or the file's own prefix when unknown.
    pub prefix: Arc<str>,
}

impl Concept {
    /// A concept, with its prefix chosen from the namespace (or `fallback_prefix`).
    pub fn new(namespace: &str, local_name: &str, fallback_prefix: &str) -> Self {
        let prefix = taxonomy::canonical_prefix(namespace).unwrap_or(fallback_prefix);
        Concept(Arc::new(ConceptName {
            namespace: Arc::from(namespace),
            local_name: Arc::from(local_name),
            prefix: Arc::from(prefix),
        }))
    }

    /// A concept whose strings are shared through `interner`.
    pub fn interned(
        namespace: &str,
        local_name: &str,
        fallback_prefix: &str,
        interner: &mut Interner,
    ) -> Self {
        let prefix = taxonomy::canonical_prefix(namespace).unwrap_or(fallback_prefix);
        let (namespace, local_name, prefix) = (
            interner.get(namespace),
            interner.get(local_name),
            interner.get(prefix),
        );
        let key = (
            Arc::as_ptr(&namespace) as *const u8 as usize,
            Arc::as_ptr(&local_name) as *const u8 as usize,
            Arc::as_ptr(&prefix) as *const u8 as usize,
        );
        interner
            .concepts
            .entry(key)
            .or_insert_with(|| {
                Concept(Arc::new(ConceptName {
                    namespace,
                    local_name,
                    prefix,
                }))
            })
            .clone()
    }

    /// `prefix:LocalName`.
    pub fn qname(&self) -> String {
        format!("{}:{}", self.prefix, self.local_name)
    }

    /// True when the concept is in a `cyd` namespace.
    pub fn is_cyd(&self) -> bool {
        self.namespace.starts_with(taxonomy::CYD_NS_PREFIX)
    }

    /// True when the concept is in a `dei` namespace and has this local name.
    pub fn is_dei(&self, local: &str) -> bool {
        &*self.prefix == "dei" && &*self.local_name == local
    }
}

/// A context period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Period {
    /// A duration.
    Duration {
        /// Start date (as written, normally `YYYY-MM-DD`).
        start: String,
        /// End date.
        end: String,
    },
    /// An instant.
    Instant {
        /// The date.
        instant: String,
    },
    /// `xbrli:forever`.
    Forever {
        /// Always true.
        forever: bool,
    },
}

/// An XBRL context.
#[derive(Clone, Debug, Serialize)]
pub struct Context {
    /// The context id.
    pub id: String,
    /// Entity identifier scheme.
    pub scheme: String,
    /// Entity identifier (the CIK for EDGAR).
    pub identifier: String,
    /// Period, when one was given.
    pub period: Option<Period>,
    /// Explicit and typed dimensions: dimension QName → member QName (or typed value).
    pub dimensions: BTreeMap<String, String>,
    /// True when the context has a segment or scenario.
    pub has_segment: bool,
    /// Where it was declared.
    #[serde(skip)]
    pub span: Span,
}

/// An XBRL unit.
#[derive(Clone, Debug, Serialize)]
pub struct Unit {
    /// The unit id.
    pub id: String,
    /// Measures, e.g. `iso4217:USD`, or `iso4217:USD/xbrli:shares` for a divide.
    pub measure: String,
}

/// How a fact was expressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FactKind {
    /// `ix:nonNumeric`.
    NonNumeric,
    /// `ix:nonFraction`.
    NonFraction,
    /// An item in an XBRL instance.
    Item,
    /// A row of a rendered report.
    Rendered,
}

/// One fact.
///
/// A filing holds hundreds of thousands of these (a bank's 10-K, or a fact-dense synthetic
/// filing at 2,850 facts per MB), so the struct is kept small: what only text blocks and
/// continued facts have lives out of line in [`FactText`], and a fact whose content lies in
/// one range of the text layer (nearly all) keeps that range inline.
#[derive(Clone, Debug)]
pub struct Fact {
    /// The concept, resolved by namespace URI.
    pub concept: Concept,
    /// How it was expressed.
    pub kind: FactKind,
    /// `contextRef` (shared: a filing has a few hundred contexts and units for
    /// hundreds of thousands of facts, see [`Interner`]).
    pub context: Option<Sym>,
    /// `unitRef`.
    pub unit: Option<Sym>,
    /// The `format` transform as `prefix:name` (canonical `ixt` / `ixt-sec` prefixes).
    pub format: Option<Sym>,
    /// The value after transforms (None for nil facts and for escaped text blocks, whose value
    /// is [`Fact::html_source`]).
    pub value: Option<CompactString>,
    /// The boolean value, for flags (concepts of boolean type) after transforms.
    pub boolean: Option<bool>,
    /// `escape` was true.
    pub escape: bool,
    /// Inside `ix:hidden`.
    pub hidden: bool,
    /// `xsi:nil="true"`.
    pub nil: bool,
    /// The fact's `id`.
    pub id: Option<CompactString>,
    /// `xml:lang` in scope.
    pub lang: Option<Sym>,
    /// The fact element (start tag to end tag).
    pub span: Span,
    /// Where its content lies in the text layer, when that is one range and there is no
    /// [`FactText`] (see [`Fact::text_ranges`]).
    pub(crate) range: Option<Range<u32>>,
    /// Text-block parts, continuations and split ranges (see [`FactText`]).
    pub(crate) block: Option<Box<FactText>>,
}

/// A fact's ranges in the text layer ([`Fact::text_ranges`]): read as a slice.
#[derive(Clone, Debug)]
pub enum TextRanges<'a> {
    /// The one range most facts have (kept inline in the fact, in 32 bits).
    One([Range<usize>; 1]),
    /// Several, or none.
    Many(&'a [Range<usize>]),
}

impl std::ops::Deref for TextRanges<'_> {
    type Target = [Range<usize>];
    fn deref(&self) -> &[Range<usize>] {
        match self {
            TextRanges::One(r) => r,
            TextRanges::Many(r) => r,
        }
    }
}

/// A text-layer offset in 32 bits (the layer is shorter than its sources, which are at most
/// [`crate::read::MAX_FILE_BYTES`] each): saturating, never wrapping.
pub(crate) fn offset32(x: usize) -> u32 {
    u32::try_from(x).unwrap_or(u32::MAX)
}

/// What only some facts have, kept out of line: text blocks' plain text and escaped XHTML,
/// continuations, and text ranges when there are several (continued or `ix:exclude`d facts).
#[derive(Clone, Debug, Default)]
pub struct FactText {
    /// Plain text for text blocks: markup stripped, white space normalised, continuations
    /// followed, `ix:exclude` left out.
    pub text: Option<String>,
    /// The escaped XHTML, where `escape="true"` (or an instance text block): where it lies, not
    /// a copy (see [`Html`]; [`Filing::html`] gives the text).
    pub html: Option<Html>,
    /// Spans of its `ix:continuation` elements, in chain order.
    pub continuations: Vec<Span>,
    /// Where its content lies in the text layer (the element, then each continuation; excluded
    /// parts removed).
    pub text_ranges: Vec<Range<usize>>,
    /// Pieces of [`FactText::text`]: (offset in `text`, offset in the layer, length).
    pub text_pieces: Vec<(usize, usize, usize)>,
}

impl Fact {
    /// A fact with only its concept, kind and span; readers fill in the rest.
    pub fn new(concept: Concept, kind: FactKind, span: Span) -> Self {
        Fact {
            concept,
            kind,
            context: None,
            unit: None,
            format: None,
            value: None,
            boolean: None,
            escape: false,
            hidden: false,
            nil: false,
            id: None,
            lang: None,
            span,
            range: None,
            block: None,
        }
    }

    /// Plain text for text blocks: markup stripped, white space normalised, continuations
    /// followed, `ix:exclude` left out.
    pub fn text(&self) -> Option<&str> {
        self.block.as_ref()?.text.as_deref()
    }

    /// Where the escaped XHTML lies (`escape="true"`, or an instance text block);
    /// [`Filing::html`] gives the text.
    pub fn html_source(&self) -> Option<&Html> {
        self.block.as_ref()?.html.as_ref()
    }

    /// Spans of its `ix:continuation` elements, in chain order.
    pub fn continuations(&self) -> &[Span] {
        self.block.as_ref().map_or(&[], |b| &b.continuations)
    }

    /// Where its content lies in the text layer (the element, then each continuation; excluded
    /// parts removed).
    pub fn text_ranges(&self) -> TextRanges<'_> {
        match (&self.block, &self.range) {
            (Some(b), _) => TextRanges::Many(&b.text_ranges),
            (None, Some(r)) => TextRanges::One([Range {
                start: r.start as usize,
                end: r.end as usize,
            }]),
            (None, None) => TextRanges::Many(&[]),
        }
    }

    /// Pieces of [`Fact::text`]: (offset in the text, offset in the layer, length).
    pub fn text_pieces(&self) -> &[(usize, usize, usize)] {
        self.block.as_ref().map_or(&[], |b| &b.text_pieces)
    }

    /// Sets where its content lies in the text layer (one range stays inline).
    pub fn set_text_ranges(&mut self, mut ranges: Vec<Range<usize>>) {
        match &mut self.block {
            Some(b) => b.text_ranges = ranges,
            None if ranges.len() <= 1 => {
                self.range = ranges.pop().map(|r| offset32(r.start)..offset32(r.end))
            }
            None => self.block_mut().text_ranges = ranges,
        }
    }

    /// The out-of-line parts, created on first use (an inline range moves into it).
    pub fn block_mut(&mut self) -> &mut FactText {
        let range = self.range.take();
        self.block.get_or_insert_with(|| {
            Box::new(FactText {
                text_ranges: range
                    .into_iter()
                    .map(|r| r.start as usize..r.end as usize)
                    .collect(),
                ..FactText::default()
            })
        })
    }

    /// The `cyd` element this fact reports, if any.
    pub fn cyd_element(&self) -> Option<&'static taxonomy::Element> {
        if self.concept.is_cyd() {
            taxonomy::cyd_element(&self.concept.local_name)
        } else {
            None
        }
    }

    /// True when the fact is in English or states no language (`xml:lang` absent or
    /// `en…`): the words the rules and the claim layer can read.
    pub fn is_english(&self) -> bool {
        self.lang
            .as_deref()
            .is_none_or(|l| l.to_ascii_lowercase().starts_with("en"))
    }

    /// True for a text block (a `cyd` text block, any `…TextBlock`, or an escaped fact).
    pub fn is_text_block(&self) -> bool {
        match self.cyd_element() {
            Some(e) => e.item_type == taxonomy::ItemType::TextBlock,
            None => self.concept.local_name.ends_with("TextBlock") || self.escape,
        }
    }

    /// True for a flag (a `cyd` boolean, or any concept ending in `Flag`).
    pub fn is_flag(&self) -> bool {
        match self.cyd_element() {
            Some(e) => e.item_type == taxonomy::ItemType::Boolean,
            None => self.concept.local_name.ends_with("Flag"),
        }
    }

    /// Maps a byte range of [`Fact::text`] to a range of the text layer.
    pub fn text_to_layer(&self, r: Range<usize>) -> Option<Range<usize>> {
        let locate = |t: usize, end: bool| {
            self.text_pieces()
                .iter()
                .find(|(at, _, len)| {
                    if end {
                        t > *at && t <= at + len
                    } else {
                        t >= *at && t < at + len
                    }
                })
                .map(|(at, layer, _)| layer + (t - at))
        };
        let start = locate(r.start, false)?;
        let end = if r.end > r.start {
            locate(r.end, true)?
        } else {
            start
        };
        Some(start..end.max(start))
    }
}

/// Where a fact's escaped XHTML is. Inline XBRL text blocks nest (a note inside a policy inside
/// the financial statements), so copying each one's markup would hold large parts of a filing
/// several times over; the ranges are enough.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Html {
    /// Ranges of the files' text, in order — the element's content, then each continuation's,
    /// with `ix:exclude` elements cut out — and whether they hold only white space.
    Source {
        /// (file, byte range of its decoded text).
        parts: Box<[(usize, Range<usize>)]>,
        /// Every part is white space.
        blank: bool,
    },
    /// Text already decoded (an XBRL instance's text block, whose markup is escaped).
    Text(String),
}

impl Html {
    /// True when there is no markup or text, only white space.
    pub fn is_blank(&self) -> bool {
        match self {
            Html::Source { blank, .. } => *blank,
            Html::Text(t) => t.trim().is_empty(),
        }
    }
}

/// The dei cover facts cydlint uses, taken from the facts.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Cover {
    /// `dei:DocumentType`, e.g. `10-K`.
    pub document_type: Option<String>,
    /// `dei:DocumentPeriodEndDate` as `YYYY-MM-DD`.
    pub period_end: Option<String>,
    /// `dei:AmendmentFlag`.
    pub amendment: Option<bool>,
    /// `dei:DocumentTransitionReport`.
    pub transition_report: Option<bool>,
    /// `dei:EntityRegistrantName`.
    pub registrant_name: Option<String>,
    /// `dei:EntityCentralIndexKey`.
    pub cik: Option<String>,
}

/// Severity of a problem met while reading.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum IssueLevel {
    /// The reader could not read something that was there.
    Error,
    /// Readable, but not as the specification says.
    Warning,
    /// Worth knowing.
    Info,
}

/// A problem in the input, found while reading (malformed XML, a broken continuation, …).
#[derive(Clone, Debug, Serialize)]
pub struct ReadIssue {
    /// A stable code, e.g. `xml-syntax`, `continuation-cycle`.
    pub code: &'static str,
    /// How bad it is.
    pub level: IssueLevel,
    /// What happened, for a person.
    pub message: String,
    /// Where.
    pub span: Span,
}

/// A schema the filing names in a `schemaRef` (`ix:references` in Inline XBRL, a
/// `link:schemaRef` in an instance): the submission's company (extension) schema, and what was
/// read of it. Rules that need it (CYD-NS-004: does it import the cyd namespace the facts use?)
/// are checked only when it was read, and say why not otherwise.
#[derive(Clone, Debug)]
pub struct SchemaRef {
    /// The `xlink:href`, as written.
    pub href: String,
    /// The `schemaRef` element (in the first document that names it).
    pub span: Span,
    /// The schema's file in [`Filing::files`], when it was found: beside the document, or in
    /// the same `.zip` or submission `.txt`.
    pub file: Option<usize>,
    /// What was read of it, or why nothing was: the rest of a sentence that starts with "the
    /// company schema HREF" ("is not beside the document …", "could not be read …").
    pub schema: Result<CompanySchema, String>,
}

/// What cydlint reads of a company schema: its root, target namespace and `xsd:import`s.
#[derive(Clone, Debug, Default)]
pub struct CompanySchema {
    /// The root `xsd:schema` start tag.
    pub root: Span,
    /// Its `targetNamespace`.
    pub target_namespace: Option<String>,
    /// Its `xsd:import` elements (children of the root), in order.
    pub imports: Vec<SchemaImport>,
}

/// One `xsd:import` of a company schema.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SchemaImport {
    /// Its `namespace`.
    pub namespace: Option<String>,
    /// Its `schemaLocation`.
    pub location: Option<String>,
    /// The element.
    pub span: Span,
}

/// A whole filing (one document set), as every reader produces it.
#[derive(Debug, Default)]
pub struct Filing {
    /// The files, in the order given.
    pub files: Vec<SourceFile>,
    /// The kind of input.
    pub kind: Option<InputKind>,
    /// Cover facts.
    pub cover: Cover,
    /// Contexts by id.
    pub contexts: BTreeMap<String, Context>,
    /// Units by id.
    pub units: BTreeMap<String, Unit>,
    /// Facts in document order.
    pub facts: Vec<Fact>,
    /// The text layer.
    pub text: TextLayer,
    /// `cyd` namespaces declared anywhere in the set.
    pub cyd_namespaces: Vec<String>,
    /// Every namespace declared with a prefix, with the element that first declared it.
    pub namespaces: BTreeMap<String, Span>,
    /// The title of a rendered report, when known.
    pub title: Option<String>,
    /// Problems met while reading.
    pub issues: Vec<ReadIssue>,
    /// The schemas the documents name (`schemaRef`), each once, with what was read of them.
    /// A schema that was found is one of [`Filing::files`] (after the documents), but not a
    /// document of the set: [`Filing::documents`] leaves it out.
    pub schemas: Vec<SchemaRef>,
    /// Fact positions by concept, built on first use (see [`Filing::select`]): rules ask for a
    /// handful of concepts among hundreds of thousands of facts. The facts must not change
    /// after the first query.
    pub(crate) index: std::sync::OnceLock<Vec<(Concept, Vec<u32>)>>,
}

/// The large buffers of the last filing dropped on a thread — its facts here, its text layer
/// and the layer's map beside the layer (`TextLayer::recycle`) — kept for the next filing read
/// there. Checking a directory reads filing after filing on each thread; reusing the buffers
/// spares the system fresh mappings, first-touch page faults and, with several threads, the
/// cross-core TLB flushes of unmapping them, which once the reader got fast were a large part
/// of a directory run (docs/performance.md). One set per thread, the largest seen: nothing
/// resident is added (those pages were resident while that filing was).
#[derive(Default)]
pub(crate) struct Spare {
    facts: Vec<Fact>,
}

thread_local! {
    static SPARE: std::cell::RefCell<Spare> = std::cell::RefCell::new(Spare::default());
}

impl Spare {
    /// The spare facts buffer (empty), or a new one.
    pub(crate) fn take_facts() -> Vec<Fact> {
        SPARE
            .try_with(|s| s.try_borrow_mut().map(|mut s| std::mem::take(&mut s.facts)))
            .ok()
            .and_then(Result::ok)
            .unwrap_or_default()
    }
}

impl Drop for Filing {
    fn drop(&mut self) {
        let mut facts = std::mem::take(&mut self.facts);
        facts.clear();
        std::mem::take(&mut self.text).recycle();
        let _ = SPARE.try_with(|s| {
            if let Ok(mut s) = s.try_borrow_mut()
                && s.facts.capacity() < facts.capacity()
            {
                s.facts = facts;
            }
        });
    }
}

impl Filing {
    /// True when file `i` is a company schema ([`Filing::schemas`]), not a document.
    pub fn is_schema_file(&self, i: usize) -> bool {
        self.schemas.iter().any(|s| s.file == Some(i))
    }

    /// The documents of the set: its files without the company schemas read with them.
    pub fn documents(&self) -> impl Iterator<Item = &SourceFile> {
        self.files
            .iter()
            .enumerate()
            .filter(|(i, _)| !self.is_schema_file(*i))
            .map(|(_, f)| f)
    }

    /// The distinct concepts with the positions of their facts, in first-seen order.
    fn index(&self) -> &[(Concept, Vec<u32>)] {
        self.index.get_or_init(|| {
            // Facts of a concept usually share one `ConceptName` (readers intern them): look
            // the shared name up by address first, and hash the strings once per address.
            let mut by_addr: std::collections::HashMap<usize, usize, AddrHash> = Default::default();
            let mut at: crate::FastMap<&Concept, usize> = Default::default();
            let mut out: Vec<(Concept, Vec<u32>)> = Vec::new();
            for (i, f) in self.facts.iter().enumerate() {
                let addr = Arc::as_ptr(&f.concept.0) as usize;
                let k = *by_addr.entry(addr).or_insert_with(|| {
                    *at.entry(&f.concept).or_insert_with(|| {
                        out.push((f.concept.clone(), Vec::new()));
                        out.len() - 1
                    })
                });
                out[k].1.push(i as u32);
            }
            out
        })
    }

    /// The facts whose concept satisfies `pred`, in document order. `pred` runs once per
    /// distinct concept, not once per fact.
    pub fn select(&self, mut pred: impl FnMut(&Concept) -> bool) -> Vec<&Fact> {
        let index = self.index();
        let mut hits: Vec<&[u32]> = index
            .iter()
            .filter(|(c, _)| pred(c))
            .map(|(_, v)| v.as_slice())
            .collect();
        let positions: Vec<u32> = match hits.len() {
            0 => return Vec::new(),
            1 => hits.pop().unwrap_or_default().to_vec(),
            _ => {
                let mut all: Vec<u32> = hits.concat();
                all.sort_unstable();
                all
            }
        };
        positions
            .into_iter()
            .filter_map(|i| self.facts.get(i as usize))
            .collect()
    }

    /// The facts of a `cyd` namespace.
    pub fn cyd_facts(&self) -> impl Iterator<Item = &Fact> {
        self.select(Concept::is_cyd).into_iter()
    }

    /// The first fact of a concept, by local name and canonical prefix (e.g. `cyd`, `Foo`).
    pub fn fact(&self, prefix: &str, local: &str) -> Option<&Fact> {
        self.index()
            .iter()
            .filter(|(c, _)| &*c.prefix == prefix && &*c.local_name == local)
            .filter_map(|(_, v)| v.first())
            .min()
            .and_then(|&i| self.facts.get(i as usize))
    }

    /// The context of a fact.
    pub fn context_of(&self, f: &Fact) -> Option<&Context> {
        f.context.as_deref().and_then(|c| self.contexts.get(c))
    }

    /// The text a fact displays (for a flag, the words it tags).
    pub fn displayed(&self, f: &Fact) -> String {
        let mut out = String::new();
        for r in f.text_ranges().iter() {
            if let Some(s) = self.text.text.get(r.clone()) {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(s.trim());
            }
        }
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// A fact's escaped XHTML (borrowed when it lies in one piece).
    pub fn html<'a>(&'a self, f: &'a Fact) -> Option<std::borrow::Cow<'a, str>> {
        use std::borrow::Cow;
        match f.html_source()? {
            Html::Text(t) => Some(Cow::Borrowed(t)),
            Html::Source { parts, .. } => {
                let slice = |(file, r): &(usize, Range<usize>)| {
                    self.files.get(*file).and_then(|s| s.text.get(r.clone()))
                };
                match &parts[..] {
                    [one] => Some(Cow::Borrowed(slice(one).unwrap_or(""))),
                    many => Some(Cow::Owned(many.iter().filter_map(slice).collect())),
                }
            }
        }
    }

    /// The source span of a range of a fact's text.
    pub fn fact_text_span(&self, f: &Fact, r: Range<usize>) -> Option<Span> {
        f.text_to_layer(r).and_then(|l| self.text.span(l))
    }

    /// Readers work on decoded text; this turns every span of files whose decoded text is not
    /// byte-for-byte the original (a BOM, a transcoded encoding) into original byte offsets.
    pub fn remap_to_original(&mut self) {
        for i in 0..self.files.len() {
            if !self.files[i].needs_remap() {
                continue;
            }
            let file = &self.files[i];
            let conv = |s: &mut Span| {
                if s.file == i {
                    let (a, b) = file.original_range(s.start, s.end);
                    s.start = a;
                    s.end = b.max(a);
                }
            };
            for f in &mut self.facts {
                conv(&mut f.span);
                if let Some(b) = &mut f.block {
                    b.continuations.iter_mut().for_each(conv);
                }
            }
            for c in self.contexts.values_mut() {
                conv(&mut c.span);
            }
            for issue in &mut self.issues {
                conv(&mut issue.span);
            }
            for s in self.namespaces.values_mut() {
                conv(s);
            }
            for r in &mut self.schemas {
                conv(&mut r.span);
                if let Ok(s) = &mut r.schema {
                    conv(&mut s.root);
                    s.imports.iter_mut().for_each(|i| conv(&mut i.span));
                }
            }
            self.text.remap_file(i, &|o| file.original_offset(o));
        }
    }

    /// Records the declared namespaces (and derives [`Filing::cyd_namespaces`]).
    pub fn set_namespaces(&mut self, namespaces: BTreeMap<String, Span>) {
        self.cyd_namespaces = namespaces
            .keys()
            .filter(|n| n.starts_with(taxonomy::CYD_NS_PREFIX))
            .cloned()
            .collect();
        self.namespaces = namespaces;
    }

    /// Fills [`Filing::cover`] from the dei facts.
    pub fn derive_cover(&mut self) {
        let mut c = Cover::default();
        for f in &self.facts {
            if &*f.concept.prefix != "dei" {
                continue;
            }
            let v = f
                .value
                .as_deref()
                .filter(|v| !v.is_empty())
                .map(str::to_owned);
            match &*f.concept.local_name {
                "DocumentType" if c.document_type.is_none() => c.document_type = v,
                "DocumentPeriodEndDate" if c.period_end.is_none() => c.period_end = v,
                "AmendmentFlag" if c.amendment.is_none() => c.amendment = f.boolean,
                "DocumentTransitionReport" if c.transition_report.is_none() => {
                    c.transition_report = f.boolean
                }
                "EntityRegistrantName" if c.registrant_name.is_none() => c.registrant_name = v,
                "EntityCentralIndexKey" if c.cik.is_none() => c.cik = v,
                _ => {}
            }
        }
        self.cover = c;
    }
}

/// Builds a fact's plain text from layer ranges. Each range comes with a flag: true when the
/// element it came from ended in white space or a block boundary. Pieces are joined with a
/// space where white space or a block boundary separates them in the document, and directly
/// otherwise (a word split across a continuation stays one word); breaks become spaces and
/// the result is trimmed. Returns the text and its pieces.
pub fn text_from_ranges(
    layer: &str,
    ranges: &[(Range<usize>, bool)],
) -> (String, Vec<(usize, usize, usize)>) {
    let mut text = String::new();
    let mut pieces = Vec::new();
    let mut sep_after_prev = false;
    for (r, sep_after) in ranges {
        let Some(slice) = layer.get(r.clone()) else {
            continue;
        };
        let lead = slice.len() - slice.trim_start().len();
        let body = slice.trim();
        let trails = body.len() + lead < slice.len();
        if body.is_empty() {
            sep_after_prev |= *sep_after || !slice.is_empty();
            continue;
        }
        if !text.is_empty() && (sep_after_prev || lead > 0) {
            text.push(' ');
        }
        sep_after_prev = *sep_after || trails;
        let at = text.len();
        text.push_str(&one_line(body));
        pieces.push((at, r.start + lead, body.len()));
    }
    (text, pieces)
}

/// `body` with its line breaks as spaces (the layer's lines are blocks; a fact's text is one
/// line), borrowed when it has none.
pub(crate) fn one_line(body: &str) -> std::borrow::Cow<'_, str> {
    if body.contains('\n') {
        std::borrow::Cow::Owned(body.replace('\n', " "))
    } else {
        std::borrow::Cow::Borrowed(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_interned_string_is_shared_by_its_text() {
        let mut i = Interner::default();
        let a = i.get("us-gaap");
        let b = i.get(&String::from("us-gaap"));
        let c = i.get("dei");
        assert!(Arc::ptr_eq(&a, &b));
        assert!(!Arc::ptr_eq(&a, &c));
        assert_eq!((&*a, &*c), ("us-gaap", "dei"));
        assert_eq!(i.strings.len(), 2);
        let (x, y, z) = (i.sym("c-1"), i.sym(&String::from("c-1")), i.sym("c-2"));
        assert!(Arc::ptr_eq(&x.0, &y.0));
        assert!(!Arc::ptr_eq(&x.0, &z.0));
        assert_eq!((&*x, &*z), ("c-1", "c-2"));
        assert_eq!(i.syms.len(), 2);
    }

    fn fact(concept: &Concept, at: usize) -> Fact {
        Fact {
            id: Some(format!("f{at}").into()),
            ..Fact::new(
                concept.clone(),
                FactKind::NonNumeric,
                Span::new(0, at, at + 1),
            )
        }
    }

    #[test]
    fn one_text_range_stays_inline_and_moves_out_with_the_block() {
        let c = Concept::new("http://fasb.org/us-gaap/2025", "Revenues", "us-gaap");
        let mut f = fact(&c, 10);
        assert!(f.text_ranges().is_empty());
        f.set_text_ranges(std::iter::once(5..9).collect());
        assert_eq!(
            (f.text_ranges().len(), f.text_ranges()[0].clone()),
            (1, 5..9)
        );
        assert!(f.block.is_none(), "one range needs no block");
        // Giving the fact text-block parts keeps its range.
        f.block_mut().text = Some("text".into());
        assert_eq!(
            (f.text_ranges().len(), f.text_ranges()[0].clone()),
            (1, 5..9)
        );
        assert_eq!(f.text(), Some("text"));
        // Several ranges live in the block.
        let mut g = fact(&c, 20);
        g.set_text_ranges(vec![1..2, 4..8]);
        assert_eq!(&*g.text_ranges(), &[1..2, 4..8]);
        assert!(g.continuations().is_empty() && g.html_source().is_none());
    }

    /// Facts are the bulk of a filing's memory (docs/performance.md): a field that grows them
    /// should be a decision, not an accident.
    #[test]
    fn a_fact_stays_small() {
        assert!(
            std::mem::size_of::<Fact>() <= 144,
            "Fact is {} bytes",
            std::mem::size_of::<Fact>()
        );
        assert_eq!(std::mem::size_of::<Option<Sym>>(), 8);
        assert_eq!(std::mem::size_of::<Option<CompactString>>(), 24);
    }

    #[test]
    fn select_equals_a_scan_in_document_order() {
        let mut interner = Interner::default();
        let names = [
            (
                "http://xbrl.sec.gov/cyd/2025",
                "CybersecurityRiskManagementProcessesIntegratedFlag",
            ),
            ("http://fasb.org/us-gaap/2025", "Revenues"),
            ("http://xbrl.sec.gov/dei/2025", "DocumentType"),
            (
                "http://xbrl.sec.gov/cyd/2025",
                "CybersecurityRiskBoardOfDirectorsOversightTextBlock",
            ),
        ];
        let concepts: Vec<Concept> = names
            .iter()
            .map(|(ns, l)| Concept::interned(ns, l, "x", &mut interner))
            .collect();
        // The same name interned twice is one pointer.
        let again = Concept::interned(names[1].0, names[1].1, "x", &mut interner);
        assert!(Arc::ptr_eq(&again.0, &concepts[1].0));
        let mut filing = Filing::default();
        for i in 0..40 {
            let k = (i * 7 + i / 3) % 4;
            // Some equal concepts not shared (a reader that does not intern): still one entry.
            let c = if i % 5 == 0 {
                Concept::new(names[k].0, names[k].1, "x")
            } else {
                concepts[k].clone()
            };
            filing.facts.push(fact(&c, i));
        }
        let ids = |v: Vec<&Fact>| v.iter().map(|f| f.span.start).collect::<Vec<_>>();
        let scan = |pred: &dyn Fn(&Concept) -> bool| {
            ids(filing.facts.iter().filter(|f| pred(&f.concept)).collect())
        };
        let cyd = ids(filing.select(Concept::is_cyd));
        assert_eq!(cyd, scan(&Concept::is_cyd));
        assert!(cyd.len() > 5 && cyd.windows(2).all(|w| w[0] < w[1]));
        let rev = |c: &Concept| &*c.local_name == "Revenues";
        assert_eq!(ids(filing.select(rev)), scan(&rev));
        assert_eq!(ids(filing.cyd_facts().collect()), cyd);
        assert!(filing.select(|_| false).is_empty());
        assert_eq!(
            filing.fact("dei", "DocumentType").map(|f| f.span.start),
            scan(&|c: &Concept| c.is_dei("DocumentType"))
                .first()
                .copied()
        );
        assert!(filing.fact("dei", "Nothing").is_none());
        assert_eq!(filing.index().len(), 4);
    }
}
