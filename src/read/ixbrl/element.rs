//! An element opened and closed: the namespaces and language in scope, what its name and
//! `style` say as HTML (remembered per distinct string, [`Memo`]), and its role — a fact, a
//! continuation, an exclusion, a context or unit being read, a block, a cell, something
//! skipped or hidden — which says what its text and its end do.

use std::borrow::Cow;
use std::ops::Range;

use super::context::Capture;
use super::fact::Started;
use super::layer::Counts;
use super::{Attrs, IxReader, RawExclude, split_name};
use crate::filing::{FactKind, IssueLevel, Sym};
use crate::read::html;
use crate::read::scope::Scope;
use crate::read::xmltok::{Tokenizer, same};
use crate::source::Span;
use crate::taxonomy::{self, IX_NS};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    Plain,
    Block,
    Cell,
    Skip,
    Invisible,
    Header,
    Hidden,
    Fact(usize),
    /// A fact the reader does not keep ([`crate::read::Keep`]): its element still counts as
    /// a fact's for the text layer; with a `continuedAt`, its [`Ghost`](super::Ghost).
    Dropped(Option<usize>),
    Cont(usize),
    Exclude(usize),
    Capture,
    /// An element inside a context being read (not an empty one).
    InContext,
}

#[derive(Debug)]
pub(super) struct Frame {
    /// The element name, as written (a slice of the file's text, so no copy per element).
    pub(super) name: Range<usize>,
    pub(super) role: Role,
    pub(super) start: usize,
    /// Whether the element sets `xml:lang` (its value is then on top of `Walk::langs`).
    pub(super) sets_lang: bool,
    /// Whether the element declares namespaces (it then has a scope of its own).
    pub(super) declares: bool,
}

impl IxReader {
    pub(super) fn open<'t>(
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
            let role = if cap.element_start(local, empty, &attrs, scope) {
                Role::InContext
            } else {
                Role::Plain
            };
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
                "continuation" => Role::Cont(self.open_continuation(file, &attrs, c, start, end)),
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
            let depth = stack.len();
            *capture = Some(self.start_capture(file, local, empty, &attrs, scope, start, depth));
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

    pub(super) fn close_top(&mut self, w: &mut Walk<'_>, start: usize, end: usize) {
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
            && let Some(cap) = capture
        {
            cap.element_end(scope);
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
                self.close_fact(i, start, end);
            }
            Role::Dropped(ghost) => {
                c.open_ix = c.open_ix.saturating_sub(1);
                if let Some(g) = ghost.and_then(|g| self.ghosts.get_mut(g)) {
                    g.span.end = end;
                }
            }
            Role::Cont(i) => {
                c.open_ix = c.open_ix.saturating_sub(1);
                self.close_continuation(i, start, end);
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
                    self.end_capture(cap, file, text, end);
                }
            }
            Role::InContext | Role::Plain => {}
        }
    }
}

/// The state of one file's walk.
pub(super) struct Walk<'t> {
    pub(super) file: usize,
    pub(super) text: &'t str,
    pub(super) scope: Scope,
    pub(super) stack: Vec<Frame>,
    pub(super) counts: Counts,
    pub(super) capture: Option<Capture>,
    pub(super) styles: Memo<'t, StyleFlags<'t>>,
    pub(super) names: Memo<'t, HtmlKind>,
    /// `xml:lang` values in scope, innermost last.
    pub(super) langs: Vec<Sym>,
}

/// What a function said about recent strings of the text: a filing repeats a few hundred
/// distinct `style` attributes ([`html::style_flags`]) and a few dozen element names
/// ([`html_kind`]) on tens of thousands of elements. Direct-mapped (one slot per hash), so a
/// lookup costs one short hash and one comparison whatever the input: colliding strings only
/// evict each other (a miss costs what no memo would), and hostile input cannot make it slow
/// or grow it.
pub(super) struct Memo<'t, V> {
    slots: Vec<Option<(&'t str, V)>>,
    bits: u32,
}

/// Whether a style hides its element, and its `-sec-ix-hidden` id.
pub(super) type StyleFlags<'t> = (bool, Option<&'t str>);

impl<'t, V: Copy> Memo<'t, V> {
    pub(super) fn new(bits: u32) -> Self {
        Memo {
            slots: vec![None; 1 << bits],
            bits,
        }
    }

    /// FxHash-style multiply-rotate over 8-byte words, the last of them the key's last eight
    /// bytes (overlapping the one before), so no byte is mixed in alone; a key shorter than
    /// eight bytes in one word (two overlapping halves, or its first, middle and last byte).
    #[inline]
    fn slot(&self, key: &str) -> usize {
        let b = key.as_bytes();
        let n = b.len();
        let mix = |h: u64, w: u64| (h.rotate_left(5) ^ w).wrapping_mul(0x517c_c1b7_2722_0a95);
        let word = |i: usize| u64::from_le_bytes(b[i..i + 8].try_into().unwrap_or_default());
        let half = |i: usize| {
            u64::from(u32::from_le_bytes(
                b[i..i + 4].try_into().unwrap_or_default(),
            ))
        };
        let mut h = n as u64;
        if n >= 8 {
            let mut i = 0;
            while i + 8 < n {
                h = mix(h, word(i));
                i += 8;
            }
            h = mix(h, word(n - 8));
        } else if n >= 4 {
            h = mix(h, half(0) | half(n - 4) << 32);
        } else if n > 0 {
            h = mix(
                h,
                u64::from(b[0]) | u64::from(b[n / 2]) << 8 | u64::from(b[n - 1]) << 16,
            );
        }
        (h >> (64 - self.bits)) as usize
    }

    /// `f(key)`, remembered. Inlined into the pass, which asks it for every element (it
    /// lives in another file, so in another codegen unit).
    #[inline]
    pub(super) fn get(&mut self, key: &'t str, f: impl FnOnce(&'t str) -> V) -> V {
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
pub(super) struct Tag {
    pub(super) name: Range<usize>,
    pub(super) kind: HtmlKind,
    pub(super) closes_at_once: bool,
}

/// What an element's name says about it as HTML (an unprefixed name is compared without
/// regard to case; a prefixed one is never void).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct HtmlKind {
    pub(super) void: bool,
    pub(super) skipped: bool,
    pub(super) block: bool,
    pub(super) cell: bool,
}

pub(super) fn html_kind(name: &str) -> HtmlKind {
    let lower = html::ascii_lower(split_name(name).1);
    HtmlKind {
        void: !name.contains(':') && html::is_void(&lower),
        skipped: html::is_skipped(&lower),
        block: html::is_block(&lower),
        cell: html::is_cell(&lower),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
