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
//!
//! The reader, by concern — each file adds what it does to `IxReader`, whose state is here,
//! with the records it keeps per fact, continuation and exclusion, and what every part reads of
//! an element (`Attrs`, `split_name`):
//!
//! * `pass`: the token pass over one file, and the steps that finish the set;
//! * `element`: an element opened and closed (namespaces in scope, language, what its name and
//!   style say as HTML, its role), handing each role to its part below;
//! * `fact`: a fact's start tag, the fact kept or not, and at the end its text and value;
//! * `continuation`: `ix:continuation`s, and their chains walked and checked across the set;
//! * `context`: contexts and units, read from the pass's own events;
//! * `hidden`: hidden facts' text appended after the visible text, `-sec-ix-hidden` checked;
//! * `layer`: the text layer's feeding — which builder the text of the element open goes to.

mod context;
mod continuation;
mod element;
mod fact;
mod hidden;
mod layer;
mod pass;

use std::borrow::Cow;
use std::ops::Range;

use crate::filing::text::TextBuilder;
use crate::filing::{CompactString, Concept, Context, Fact, IssueLevel, ReadIssue, Sym, Unit};
use crate::read::xbrl;
use crate::read::xmltok::Attr;
use crate::source::Span;

/// Which builder a range lives in until the hidden text is appended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Layer {
    Main,
    Hidden,
}

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

/// The `ix:exclude` ranges of the finished layer, sorted by start: (range, file, source range).
type Excludes = Vec<(Range<usize>, usize, Range<usize>)>;

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

impl IxReader {
    fn issue(&mut self, code: &'static str, level: IssueLevel, message: String, span: Span) {
        self.issues.push(ReadIssue {
            code,
            level,
            message,
            span,
        });
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_state_per_fact_is_16_bytes() {
        assert_eq!(std::mem::size_of::<RawFact>(), 16);
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
}
