//! The company schema a filing names: found, read and attached to the [`Filing`].
//!
//! An EDGAR submission's documents name their company (extension) schema in a `schemaRef`
//! (`ix:references` in Inline XBRL, a `link:schemaRef` in an instance). That schema is where the
//! filer imports the standard taxonomies its facts use, so a rule can ask whether it imports the
//! cyd namespace of the facts (CYD-NS-004). This module
//!
//! * finds the `schemaRef`s of the set's documents (a byte search for the element name: a
//!   100 MB 10-K costs a few milliseconds, and the Inline XBRL reader is left alone);
//! * resolves a relative `href` against the document's path — a folder's file, or a member of
//!   the same `.zip` or submission `.txt` ([`super::submission`]) — and opens it read-only
//!   (cydlint never fetches a URL);
//! * reads the schema with quick-xml's namespace-aware reader, streaming, without a DOM (a
//!   company schema is megabytes of role types and elements): its root `xsd:schema`, its
//!   `targetNamespace` and its `xsd:import`s (`namespace`, `schemaLocation`, the element's
//!   span). Any malformation (not well-formed, not an XML Schema, cut short) is a
//!   `read:company-schema` error at its place, never a panic, never silent; a rule that needs
//!   the schema is then skipped with the reason.
//!
//! The schema becomes one of the filing's files (after its documents), so findings point into
//! it, but it is not a document of the set ([`Filing::documents`]): it is not counted, listed
//! or searched for text.

use std::ops::Range;
use std::path::{Component, Path, PathBuf};

use memchr::memmem;
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{NamespaceResolver, ResolveResult};

use crate::filing::{CompanySchema, Filing, IssueLevel, ReadIssue, SchemaImport, SchemaRef};
use crate::read::html;
use crate::read::xmltok::{AttrScan, local};
use crate::source::{SourceFile, Span};

/// The XML Schema namespace.
pub const XSD_NS: &str = "http://www.w3.org/2001/XMLSchema";

/// A `schemaRef` element of a document: its `href` (unescaped, trimmed) and where the element
/// lies in the document's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Named {
    /// The `xlink:href`.
    pub href: String,
    /// The element's start tag.
    pub range: Range<usize>,
}

/// The `schemaRef` elements of `text` (`<schemaRef …>` or `<prefix:schemaRef …>`), in order.
pub fn schema_refs(text: &str) -> Vec<Named> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    for at in schema_ref_names(b) {
        let name_end = at + "schemaRef".len();
        if !b
            .get(name_end)
            .is_some_and(|&c| c.is_ascii_whitespace() || c == b'/' || c == b'>')
        {
            continue;
        }
        // Back over an optional prefix to the `<`.
        let mut s = at;
        if s > 0 && b[s - 1] == b':' {
            s -= 1;
            while s > 0
                && at - s < 64
                && (b[s - 1].is_ascii_alphanumeric() || matches!(b[s - 1], b'_' | b'-' | b'.'))
            {
                s -= 1;
            }
        }
        if s == 0 || b[s - 1] != b'<' {
            continue;
        }
        let start = s - 1;
        // The tag ends at the first `>` outside a quoted value.
        let mut quote = None;
        let mut end = None;
        for (k, &c) in b[name_end..].iter().enumerate() {
            match (quote, c) {
                (None, b'"' | b'\'') => quote = Some(c),
                (Some(q), c) if c == q => quote = None,
                (None, b'>') => {
                    end = Some(name_end + k);
                    break;
                }
                _ => {}
            }
        }
        let Some(end) = end else {
            continue;
        };
        let attrs = text[name_end..end].trim_end_matches('/');
        let href = AttrScan::new(attrs)
            .flatten()
            .find_map(|(k, v)| (k == "href" || k.ends_with(":href")).then(|| v.trim().to_string()));
        if let Some(href) = href.filter(|h| !h.is_empty()) {
            out.push(Named {
                href,
                range: start..end + 1,
            });
        }
    }
    out
}

/// Where `schemaRef` is written in `b`, in order: `memmem::find_iter(b, b"schemaRef")`. The
/// name's one `R` is its seventh byte, and the name cannot overlap itself, so each occurrence
/// is an `R` with the bytes around it spelling the name: in a real filing (about one `R` in
/// 370 bytes, a fact's `contextRef` or `unitRef`) memchr's vector search for the `R`s and a
/// comparison at each costs less than `memmem`'s scan for a pair of bytes (about 0.1
/// instruction a byte and 80 an `R`, against 0.45 a byte). Past 4,096 `R`s (read 1,024 at a
/// time), once they have come more often than one in [`DENSE_R`] bytes (a fact-dense file,
/// as the benchmark's synthetic ones, one in 92), the rest of the text is
/// left to `memmem`: a name whose `R` lies after the last one read starts no more than five
/// bytes before that one, so `memmem` takes over from there without a gap or a repeat.
fn schema_ref_names(b: &[u8]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut rs = memchr::memchr_iter(b'R', b);
    let mut seen = 0usize;
    // A block of `R`s at a time, then the density of those read so far.
    loop {
        let mut last = None;
        for r in rs.by_ref().take(1024) {
            if let Some(at) = r.checked_sub(6)
                && b.get(at..r + 3) == Some(b"schemaRef".as_slice())
            {
                out.push(at);
            }
            last = Some(r);
        }
        let Some(r) = last else {
            return out;
        };
        seen += 1024;
        if seen >= 4096 && seen * DENSE_R > r {
            // Every name still to find has its `R` after `r`, so it starts after `r - 6`.
            let from = r.saturating_sub(5);
            out.extend(memmem::find_iter(&b[from..], b"schemaRef").map(|i| from + i));
            return out;
        }
    }
}

/// One `R` in this many bytes: where `memmem`'s scan costs less than the `R`s' comparisons
/// ([`schema_ref_names`]).
const DENSE_R: usize = 170;

/// Where a relative `href` written in the document at `base` points, or why cydlint does not
/// look there (a URL, an absolute path).
pub fn resolve(base: &Path, href: &str) -> Result<PathBuf, String> {
    let href = href.split('#').next().unwrap_or("");
    let lower = href.to_ascii_lowercase();
    let scheme = lower
        .split_once(':')
        .is_some_and(|(s, _)| !s.is_empty() && s.bytes().all(|c| c.is_ascii_alphanumeric()));
    if scheme || href.starts_with('/') || href.starts_with('\\') {
        return Err(format!(
            "is named by a URL or an absolute path ({href}), which cydlint does not fetch"
        ));
    }
    let mut out = base.parent().map(Path::to_path_buf).unwrap_or_default();
    for c in Path::new(href).components() {
        match c {
            Component::Normal(n) => out.push(n),
            Component::ParentDir => {
                out.pop();
            }
            _ => {}
        }
    }
    Ok(out)
}

/// Finds the schemas the documents of `filing` name, each once, and records them in
/// [`Filing::schemas`]. `documents[i]` says whether file `i` is a document that may name one
/// (Inline XBRL or an instance), `bases[i]` is its path as given (a virtual path for a member
/// of a `.zip` or `.txt`). A schema that is already a file of the set is used as it is; else
/// `open` opens the resolved path (`Ok(None)`: it is not there) and the file is appended to
/// [`Filing::files`]. Returns how many files were appended (the caller sniffs them).
pub fn find(
    filing: &mut Filing,
    documents: &[bool],
    bases: &[PathBuf],
    open: &mut dyn FnMut(&Path) -> Result<Option<SourceFile>, String>,
) -> usize {
    let before = filing.files.len();
    let mut seen: Vec<PathBuf> = Vec::new();
    for i in 0..before.min(documents.len()).min(bases.len()) {
        if !documents[i] {
            continue;
        }
        for named in schema_refs(&filing.files[i].text) {
            let span = Span::new(i, named.range.start, named.range.end);
            let target = match resolve(&bases[i], &named.href) {
                Ok(p) => p,
                Err(why) => {
                    if !filing.schemas.iter().any(|s| s.href == named.href) {
                        filing.schemas.push(SchemaRef {
                            href: named.href,
                            span,
                            file: None,
                            schema: Err(why),
                        });
                    }
                    continue;
                }
            };
            if seen.contains(&target) {
                continue;
            }
            seen.push(target.clone());
            let given = bases.iter().take(before).position(|b| *b == target);
            let (file, why) = match given {
                Some(k) if documents.get(k) == Some(&true) => (
                    None,
                    "is a document of the set, not a schema".to_string(),
                ),
                Some(k) => (Some(k), String::new()),
                None => match open(&target) {
                    Ok(Some(f)) => {
                        filing.files.push(f);
                        (Some(filing.files.len() - 1), String::new())
                    }
                    Ok(None) => (
                        None,
                        "is not beside the document (check the submission folder, its .zip or its .txt)"
                            .to_string(),
                    ),
                    Err(e) => (None, format!("could not be opened ({e})")),
                },
            };
            filing.schemas.push(SchemaRef {
                href: named.href,
                span,
                file,
                schema: Err(if why.is_empty() {
                    "was not read".to_string()
                } else {
                    why
                }),
            });
        }
    }
    filing.files.len() - before
}

/// Reads the company schema in file `i` of `filing` (see [`read`]) into the
/// [`Filing::schemas`] entries that name it; a problem becomes a `company-schema` issue.
pub fn attach(filing: &mut Filing, i: usize) {
    let name = filing.files[i].name();
    let result = read(&filing.files[i].text);
    let schema = match result {
        Ok(mut s) => {
            s.root.file = i;
            s.imports.iter_mut().for_each(|m| m.span.file = i);
            Ok(s)
        }
        Err((message, at)) => {
            let len = filing.files[i].text.len();
            let at = at.min(len);
            filing.issues.push(ReadIssue {
                code: "company-schema",
                level: IssueLevel::Error,
                message: format!("the company schema {name} {message}"),
                span: Span::new(i, at, (at + 1).min(len)),
            });
            Err("could not be read (read:company-schema)".to_string())
        }
    };
    for r in &mut filing.schemas {
        if r.file == Some(i) {
            r.schema = schema.clone();
        }
    }
}

/// Reads a schema's root, `targetNamespace` and `xsd:import`s from its text, streaming. Spans
/// are offsets into `text` in file 0 (the caller sets the file). A malformed schema is an
/// `Err` with what is wrong (the rest of a sentence about the schema) and where.
///
/// Read as quick-xml's namespace-aware `NsReader` reads it — its events, its namespace scopes
/// and their errors — with a plain `Reader` and the same `NamespaceResolver` driven as
/// `NsReader` drives it, but for one thing: a start tag whose attributes do not hold `xmlns`
/// declares nothing (an attribute name is its bytes as written), so its scope is opened
/// without its attributes being read (in a company schema, nearly every tag), and an
/// element's namespace is resolved only where it is read (the root and its children).
///
/// A schema that `scan` reads whole is taken from it (nearly every company schema: one
/// search per tag instead of quick-xml's events); any other text is read by quick-xml, so
/// every error is quick-xml's, at quick-xml's place.
pub fn read(text: &str) -> Result<CompanySchema, (String, usize)> {
    match scan(text) {
        Some(schema) => Ok(schema),
        None => read_by_events(text),
    }
}

/// Whether `b` is XML whitespace (quick-xml's `is_whitespace`).
fn is_xml_space(b: u8) -> bool {
    matches!(b, b' ' | b'\r' | b'\n' | b'\t')
}

/// Where the tag starting at `from` (its `<`) ends: its `>` outside a quoted value, as
/// quick-xml's element parser finds it ([`tag_end_by_quotes`]). The first `>` is that end
/// when the bytes before it hold no `'` and an even number of `"` (the parser's state flips
/// at each `"` only, so it is outside a value there) — nearly every tag, told by memchr's
/// vector search and count; else the parser's walk decides.
fn tag_end(b: &[u8], from: usize) -> Option<usize> {
    let gt = from + memchr::memchr(b'>', &b[from..])?;
    let seg = &b[from..gt];
    if memchr::memchr(b'\'', seg).is_none()
        && memchr::memchr_iter(b'"', seg).count().is_multiple_of(2)
    {
        return Some(gt);
    }
    tag_end_by_quotes(b, from)
}

/// [`tag_end`] as quick-xml's element parser finds it: the quotes and `>` one by one.
fn tag_end_by_quotes(b: &[u8], from: usize) -> Option<usize> {
    let mut quote = 0u8;
    for i in memchr::memchr3_iter(b'>', b'\'', b'"', &b[from..]) {
        let c = b[from + i];
        if quote == 0 {
            if c == b'>' {
                return Some(from + i);
            }
            quote = c;
        } else if c == quote {
            quote = 0;
        }
    }
    None
}

/// The fast path of [`read`]: the schema a well-formed company schema holds, read by finding
/// each tag's end with one search, or `None` where [`read_by_events`] must read it — an error
/// of any kind, or anything the scan does not take (a byte-order mark, a CDATA section, a
/// document type, a reference outside the root, a tag whose name is empty). What it gives is
/// what [`read_by_events`] gives: the same tags at the same places (a start tag ends at the
/// first `>` outside quotes, an end tag too and must name the element open, a comment at the
/// first `-->` from its fourth byte, a processing instruction at the first `?>`, a reference
/// at its `;`), the same namespace scopes (quick-xml's resolver, pushed and popped where
/// `read_by_events` pushes and pops it) and the same [`on_event`] (a test compares the two on
/// thousands of generated and mangled schemas).
fn scan(text: &str) -> Option<CompanySchema> {
    let b = text.as_bytes();
    if b.starts_with(b"\xEF\xBB\xBF") {
        return None;
    }
    let mut ns = NamespaceResolver::default();
    let plain = BytesStart::new("");
    let xmlns = memmem::Finder::new(b"xmlns");
    // The elements open: the name and whether it opened a namespace scope.
    let mut open: Vec<(&str, bool)> = Vec::new();
    let mut depth = 0usize;
    let mut schema: Option<CompanySchema> = None;
    let mut pos = 0;
    loop {
        // Text up to the next markup: only whitespace outside the root, and each reference
        // closed by its `;` before another `&` or a `<`.
        let lt = loop {
            let Some(i) = memchr::memchr2(b'<', b'&', &b[pos..]) else {
                if !open.is_empty() || !b[pos..].iter().all(|&c| is_xml_space(c)) {
                    return None;
                }
                return finished(schema, depth, b.len()).ok();
            };
            let at = pos + i;
            if open.is_empty() && !b[pos..at].iter().all(|&c| is_xml_space(c)) {
                return None;
            }
            if b[at] == b'<' {
                break at;
            }
            if open.is_empty() {
                return None;
            }
            match memchr::memchr3(b';', b'&', b'<', &b[at + 1..]) {
                Some(j) if b[at + 1 + j] == b';' => pos = at + 2 + j,
                _ => return None,
            }
        };
        match b.get(lt + 1) {
            None => return None,
            Some(b'!') => {
                if !b[lt..].starts_with(b"<!--") {
                    return None;
                }
                pos = lt + 4 + memmem::find(&b[lt + 4..], b"-->")? + 3;
            }
            Some(b'?') => {
                let q = lt + 1 + memmem::find(&b[lt + 1..], b"?>")?;
                if q == lt + 1 {
                    return None;
                }
                pos = q + 2;
            }
            Some(b'/') => {
                let gt = tag_end(b, lt)?;
                let content = &text[lt + 2..gt];
                let name =
                    content.trim_end_matches(|c: char| c.is_ascii() && is_xml_space(c as u8));
                match open.pop() {
                    Some((open_name, scoped)) if open_name == name => {
                        if scoped {
                            ns.pop();
                        }
                    }
                    _ => return None,
                }
                on_event(
                    &Event::End(quick_xml::events::BytesEnd::new(name)),
                    &mut schema,
                    &mut depth,
                    |_, _| (false, None::<String>),
                    lt,
                    gt + 1,
                )
                .ok()?;
                pos = gt + 1;
            }
            Some(_) => {
                let gt = tag_end(b, lt)?;
                let empty = gt > lt + 1 && b[gt - 1] == b'/';
                let content = &text[lt + 1..if empty { gt - 1 } else { gt }];
                let name_len = content
                    .bytes()
                    .position(is_xml_space)
                    .unwrap_or(content.len());
                if name_len == 0 || depth > 1000 {
                    return None;
                }
                let declares = xmlns.find(&content.as_bytes()[name_len..]).is_some();
                if depth > 1 && !declares {
                    // Below the root's children a tag is read for nothing but its depth
                    // ([`on_element`] reads depths 0 and 1), and one that declares no
                    // namespace would open an empty scope and close it: both left out.
                    if !empty {
                        open.push((&content[..name_len], false));
                        depth += 1;
                    }
                    pos = gt + 1;
                    continue;
                }
                let e = BytesStart::from_content(content, name_len);
                ns.push(if declares { &e } else { &plain }).ok()?;
                let resolved = if depth > 1 {
                    (false, None)
                } else {
                    match ns.resolve_prefix(e.name().prefix(), true) {
                        ResolveResult::Bound(n) => (n.as_ref() == XSD_NS, None),
                        ResolveResult::Unknown(p) => (false, Some(p)),
                        ResolveResult::Unbound => (false, None),
                    }
                };
                let ev = if empty {
                    Event::Empty(e)
                } else {
                    Event::Start(e)
                };
                on_event(&ev, &mut schema, &mut depth, |_, _| resolved, lt, gt + 1).ok()?;
                if empty {
                    ns.pop();
                } else {
                    open.push((&content[..name_len], true));
                }
                pos = gt + 1;
            }
        }
    }
}

/// [`read`] by quick-xml's events: any text, its errors as quick-xml words and places them.
fn read_by_events(text: &str) -> Result<CompanySchema, (String, usize)> {
    let mut r = Reader::from_str(text);
    r.config_mut().trim_text(false);
    let mut ns = NamespaceResolver::default();
    // `NsReader` closes the scope of an empty element or an end tag before the next event.
    let mut pending_pop = false;
    let plain = BytesStart::new("");
    let mut depth = 0usize;
    let mut schema: Option<CompanySchema> = None;
    // Built once: a company schema has thousands of elements, and building the searcher for
    // each cost twice the search (2.8 M instructions for the corpus's 2.2 MB schema).
    let xmlns = memmem::Finder::new(b"xmlns");
    loop {
        let start = usize::try_from(r.buffer_position()).unwrap_or(usize::MAX);
        if std::mem::take(&mut pending_pop) {
            ns.pop();
        }
        let ev = r.read_event().and_then(|ev| {
            match &ev {
                Event::Start(e) | Event::Empty(e) => {
                    let declares = xmlns.find(e.attributes_raw().as_bytes()).is_some();
                    ns.push(if declares { e } else { &plain })?;
                    pending_pop = matches!(ev, Event::Empty(_));
                }
                Event::End(_) => pending_pop = true,
                _ => {}
            }
            Ok(ev)
        });
        let end = usize::try_from(r.buffer_position()).unwrap_or(usize::MAX);
        let ev = ev.map_err(|e| not_well_formed(&e, r.error_position(), start))?;
        let resolve = |e: &BytesStart<'_>, depth: usize| {
            // What the element's namespace is, where it is read.
            if depth > 1 {
                return (false, None);
            }
            match ns.resolve_prefix(e.name().prefix(), true) {
                ResolveResult::Bound(n) => (n.as_ref() == XSD_NS, None),
                ResolveResult::Unknown(p) => (false, Some(p)),
                ResolveResult::Unbound => (false, None),
            }
        };
        if on_event(&ev, &mut schema, &mut depth, resolve, start, end)? {
            break;
        }
    }
    finished(schema, depth, text.len())
}

/// The error of a text quick-xml cannot read, placed where it stopped (or where the event began).
fn not_well_formed(e: &quick_xml::Error, at: u64, start: usize) -> (String, usize) {
    let at = usize::try_from(at).unwrap_or(start);
    (format!("is not well-formed XML: {e}"), at)
}

/// One event of a schema being read: a start tag through [`on_element`] (its namespace told by
/// `resolve`, given the depth), an end tag, text outside the root (an error). True at the end
/// of the text.
fn on_event<P: std::fmt::Display>(
    ev: &Event<'_>,
    schema: &mut Option<CompanySchema>,
    depth: &mut usize,
    resolve: impl FnOnce(&BytesStart<'_>, usize) -> (bool, Option<P>),
    start: usize,
    end: usize,
) -> Result<bool, (String, usize)> {
    match ev {
        Event::Start(e) | Event::Empty(e) => {
            let (is_xsd, unknown_prefix) = resolve(e, *depth);
            on_element(schema, e, *depth, is_xsd, unknown_prefix, start, end)?;
            if matches!(ev, Event::Start(_)) {
                *depth += 1;
            }
        }
        Event::End(_) => *depth = depth.saturating_sub(1),
        Event::Text(t) if *depth == 0 && !t.as_ref().trim().is_empty() => {
            return Err(("has text outside its root element".into(), start));
        }
        Event::Eof => return Ok(true),
        _ => {}
    }
    Ok(false)
}

/// The schema read, or why the text held none: no root, or a root never closed.
fn finished(
    schema: Option<CompanySchema>,
    depth: usize,
    len: usize,
) -> Result<CompanySchema, (String, usize)> {
    match schema {
        None => Err(("has no root element (is it empty?)".into(), 0)),
        Some(_) if depth > 0 => Err((
            "ends before its root element is closed: it may be truncated".into(),
            len,
        )),
        Some(s) => Ok(s),
    }
}

/// What one start tag adds to the schema being read: the root (`xsd:schema`, its target
/// namespace) or, just under it, an `xsd:import` — or why the document is no schema. Shared by
/// [`read`] and the reference reading its tests compare it with, which differ only in how they
/// resolve the element's namespace (`is_xsd`, `unknown_prefix`).
fn on_element(
    schema: &mut Option<CompanySchema>,
    e: &BytesStart<'_>,
    depth: usize,
    is_xsd: bool,
    unknown_prefix: Option<impl std::fmt::Display>,
    start: usize,
    end: usize,
) -> Result<(), (String, usize)> {
    let name = e.name();
    let loc = local(name.as_ref());
    let attr = |key: &str| -> Result<Option<String>, (String, usize)> {
        for a in e.attributes().with_checks(true) {
            let a = a.map_err(|err| (format!("has a malformed attribute: {err}"), start))?;
            if a.key.as_ref() == key {
                return Ok(Some(html::unescape(&a.value).trim().to_string()));
            }
        }
        Ok(None)
    };
    if depth == 0 {
        if schema.is_some() {
            return Err(("has more than one root element".into(), start));
        }
        if let Some(p) = unknown_prefix {
            return Err((
                format!("uses the prefix `{p}` on its root element without declaring it"),
                start,
            ));
        }
        if !(is_xsd && loc == "schema") {
            return Err((
                format!(
                    "is not an XML Schema: its root element is `{}`, not `xsd:schema`",
                    name.as_ref()
                ),
                start,
            ));
        }
        *schema = Some(CompanySchema {
            root: Span::new(0, start, end),
            target_namespace: attr("targetNamespace")?,
            imports: Vec::new(),
        });
    } else if depth == 1
        && is_xsd
        && loc == "import"
        && let Some(s) = schema.as_mut()
    {
        s.imports.push(SchemaImport {
            namespace: attr("namespace")?,
            location: attr("schemaLocation")?,
            span: Span::new(0, start, end),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCHEMA: &str = r#"<?xml version="1.0" encoding="US-ASCII"?>
<!-- a comment -->
<xsd:schema targetNamespace="http://example.com/20241231" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:link="http://www.xbrl.org/2003/linkbase">
  <xsd:import schemaLocation="https://xbrl.sec.gov/dei/2024/dei-2024.xsd" namespace="http://xbrl.sec.gov/dei/2024"/>
  <xsd:annotation><xsd:appinfo><link:roleType roleURI="x" id="r"><xsd:import namespace="not/a/child"/></link:roleType></xsd:appinfo></xsd:annotation>
  <xsd:import schemaLocation="https://xbrl.sec.gov/cyd/2024/cyd-2024.xsd" namespace="http://xbrl.sec.gov/cyd/2024"></xsd:import>
  <xsd:element name="X" id="x"/>
</xsd:schema>
"#;

    #[test]
    fn imports_are_the_root_elements_children_with_spans() {
        let s = read(SCHEMA).unwrap();
        assert_eq!(
            s.target_namespace.as_deref(),
            Some("http://example.com/20241231")
        );
        assert!(SCHEMA[s.root.start..s.root.end].starts_with("<xsd:schema "));
        assert!(SCHEMA[s.root.start..s.root.end].ends_with('>'));
        let got: Vec<(Option<&str>, &str)> = s
            .imports
            .iter()
            .map(|i| (i.namespace.as_deref(), &SCHEMA[i.span.start..i.span.end]))
            .collect();
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].0, Some("http://xbrl.sec.gov/dei/2024"));
        assert!(got[0].1.starts_with("<xsd:import ") && got[0].1.ends_with("/>"));
        assert_eq!(got[1].0, Some("http://xbrl.sec.gov/cyd/2024"));
        assert_eq!(
            s.imports[1].location.as_deref(),
            Some("https://xbrl.sec.gov/cyd/2024/cyd-2024.xsd")
        );
        // Any prefix, or the default namespace.
        let other = SCHEMA
            .replace("xsd:", "xs:")
            .replace("xmlns:xsd", "xmlns:xs");
        assert_eq!(read(&other).unwrap().imports.len(), 2);
        let default_ns = "<schema xmlns='http://www.w3.org/2001/XMLSchema'><import namespace='n' schemaLocation='a&amp;b.xsd'/></schema>";
        let d = read(default_ns).unwrap();
        assert_eq!(d.imports[0].location.as_deref(), Some("a&b.xsd"));
    }

    /// Malformed schemas are an error with a place, never a panic; every prefix of a real-looking
    /// schema (a truncated download) is one too, or reads.
    #[test]
    fn malformed_schemas_say_what_is_wrong() {
        for (text, says) in [
            ("", "no root element"),
            ("<?xml version='1.0'?>\n", "no root element"),
            (
                "<link:linkbase xmlns:link='http://www.xbrl.org/2003/linkbase'/>",
                "root element is `link:linkbase`",
            ),
            ("<xsd:schema>", "without declaring it"),
            (
                "<xs:schema xmlns:xs='http://www.w3.org/2001/XMLSchema'><xs:import></xs:schema>",
                "not well-formed",
            ),
            (
                "<xs:schema xmlns:xs='http://www.w3.org/2001/XMLSchema'><xs:import namespace='a' namespace='b'/></xs:schema>",
                "malformed attribute",
            ),
            (
                "<xs:schema xmlns:xs='http://www.w3.org/2001/XMLSchema'>",
                "truncated",
            ),
            (
                "<x:schema xmlns:x='http://example.com/'/>",
                "not an XML Schema",
            ),
        ] {
            let (msg, at) = read(text).unwrap_err();
            assert!(msg.contains(says), "{text:?}: {msg}");
            assert!(at <= text.len());
        }
        for cut in 0..SCHEMA.len() {
            if !SCHEMA.is_char_boundary(cut) {
                continue;
            }
            match read(&SCHEMA[..cut]) {
                Ok(_) => assert!(SCHEMA[cut..].trim().is_empty(), "{cut}"),
                Err((_, at)) => assert!(at <= cut),
            }
        }
    }

    /// Thousands of mangled schemas (bytes dropped, doubled, swapped for markup characters):
    /// each reads or says where it went wrong, inside the text; never a panic.
    #[test]
    fn mangled_schemas_never_panic() {
        let mut next = crate::testing::test_rng(0x5c4e_3a11);
        let pieces = [
            "<", ">", "/", "\"", "'", "&", "&amp;", ":", "xsd:", "=", " ", "\n", "]]>", "<!--",
            "<?", "\u{e9}",
        ];
        for _ in 0..4000 {
            let mut t = SCHEMA.to_string();
            damage(&mut t, &mut next, &pieces, 3);
            match read(&t) {
                Ok(s) => {
                    for sp in std::iter::once(s.root).chain(s.imports.iter().map(|i| i.span)) {
                        assert!(sp.start <= sp.end && sp.end <= t.len(), "{t}");
                    }
                }
                Err((msg, at)) => assert!(!msg.is_empty() && at <= t.len(), "{t}"),
            }
        }
    }

    /// Damages `t` one to four times, at random places: a stretch cut out, one of `pieces`
    /// inserted (`kinds` − 2 times out of `kinds`), or a stretch repeated.
    fn damage(
        t: &mut String,
        next: &mut impl FnMut(usize) -> usize,
        pieces: &[&str],
        kinds: usize,
    ) {
        for _ in 0..1 + next(4) {
            let mut at = next(t.len());
            while !t.is_char_boundary(at) {
                at -= 1;
            }
            let kind = next(kinds);
            if kind == 0 {
                let mut end = (at + 1 + next(40)).min(t.len());
                while !t.is_char_boundary(end) {
                    end -= 1;
                }
                t.replace_range(at..end, "");
            } else if kind < kinds - 1 {
                t.insert_str(at, pieces[next(pieces.len())]);
            } else {
                let dup = t[at..].chars().take(next(30)).collect::<String>();
                t.insert_str(at, &dup);
            }
        }
    }

    /// The reading as it was, by quick-xml's `NsReader`: what [`read`] must give.
    fn read_by_ns_reader(text: &str) -> Result<CompanySchema, (String, usize)> {
        let mut r = quick_xml::NsReader::from_str(text);
        r.config_mut().trim_text(false);
        let mut depth = 0usize;
        let mut schema: Option<CompanySchema> = None;
        loop {
            let start = usize::try_from(r.buffer_position()).unwrap_or(usize::MAX);
            // What the element's namespace is (the resolution borrows the reader).
            let (is_xsd, unknown_prefix, ev) = match r.read_resolved_event() {
                Ok((ns, ev)) => (
                    matches!(&ns, ResolveResult::Bound(n) if n.as_ref() == XSD_NS),
                    match ns {
                        ResolveResult::Unknown(p) => Some(p),
                        _ => None,
                    },
                    Ok(ev),
                ),
                Err(e) => (false, None, Err(e)),
            };
            let end = usize::try_from(r.buffer_position()).unwrap_or(usize::MAX);
            let ev = ev.map_err(|e| not_well_formed(&e, r.error_position(), start))?;
            if on_event(
                &ev,
                &mut schema,
                &mut depth,
                |_, _| (is_xsd, unknown_prefix),
                start,
                end,
            )? {
                break;
            }
        }
        finished(schema, depth, text.len())
    }

    /// The test schema as a mangling round starts from: one round in three with the prefix
    /// `xs:` for `xsd:`.
    fn schema_of_round(round: usize) -> String {
        if round.is_multiple_of(3) {
            SCHEMA
                .replace("xsd:", "xs:")
                .replace("xmlns:xsd", "xmlns:xs")
        } else {
            SCHEMA.to_string()
        }
    }

    /// [`read`] gives what `NsReader` gives — root, target namespace, imports, or the same
    /// error at the same place — on generated schemas with namespace declarations of every
    /// kind (the default namespace, prefixes declared on a child, on an empty element, again
    /// and out of scope, the reserved `xml` and `xmlns` bound wrongly, `xmlns` inside a
    /// value or a name), mangled as `mangled_schemas_never_panic` mangles them.
    #[test]
    fn reads_as_the_namespace_aware_reader() {
        let mut next = crate::testing::test_rng(0x6e5_7ead);
        let pieces = [
            "<",
            ">",
            "/",
            "\"",
            "'",
            "&",
            "&amp;",
            ":",
            "xsd:",
            "xs:",
            "=",
            " ",
            "\n",
            "<!--",
            " xmlns='http://www.w3.org/2001/XMLSchema'",
            " xmlns:xs='http://www.w3.org/2001/XMLSchema'",
            " xmlns:xsd='http://example.com/other'",
            " xmlns:xsd=''",
            " xmlns=''",
            " xmlns:xml='http://example.com/x'",
            " xmlns:xml='http://www.w3.org/XML/1998/namespace'",
            " xmlns:xmlns='http://example.com/x'",
            " xmlns:p='http://www.w3.org/2000/xmlns/'",
            " note='xmlns:xsd'",
            " xmlnsx='1'",
            "<xs:import namespace='n'/>",
            "<xsd:import namespace='m' xmlns:xsd='http://www.w3.org/2001/XMLSchema'/>",
            "<q:x xmlns:q='http://example.com/q'><xsd:import namespace='k'/></q:x>",
            "</xsd:annotation>",
            "\u{e9}",
        ];
        let (mut differ, mut bound_wrongly, mut undeclared, mut imports) = (0, 0, 0, 0);
        for round in 0..6000 {
            let mut t = schema_of_round(round);
            damage(&mut t, &mut next, &pieces, 4);
            let (got, want) = (read(&t), read_by_ns_reader(&t));
            differ += usize::from(want.is_err());
            if let Err((msg, _)) = &want {
                bound_wrongly += usize::from(msg.contains("cannot be bound"));
                undeclared += usize::from(msg.contains("without declaring it"));
            }
            imports += want.as_ref().map_or(0, |s| s.imports.len());
            assert_eq!(format!("{got:?}"), format!("{want:?}"), "{t}");
        }
        // Every outcome is exercised: schemas read with imports, namespace errors, undeclared
        // prefixes on the root and the other errors.
        assert!(differ > 500 && differ < 5500, "{differ} errors of 6000");
        assert!(bound_wrongly > 50, "{bound_wrongly} namespace errors");
        assert!(undeclared > 20, "{undeclared} undeclared root prefixes");
        assert!(imports > 1500, "{imports} imports");
    }

    /// A tag's end found by the quotes' count ([`tag_end`]) is the one quick-xml's parser's
    /// walk finds ([`tag_end_by_quotes`]), from every `<` of generated texts of quotes,
    /// `>` and letters.
    #[test]
    fn tag_ends_by_count_are_the_walks() {
        let mut next = crate::testing::test_rng(0x07a6_e0d5);
        let alphabet = b"<>'\"ab =/";
        let mut by_count = 0;
        for _ in 0..20_000 {
            let len = 1 + next(60);
            let b: Vec<u8> = (0..len).map(|_| alphabet[next(alphabet.len())]).collect();
            for from in (0..b.len()).filter(|&i| b[i] == b'<') {
                let seg_end = memchr::memchr(b'>', &b[from..]).map(|i| from + i);
                by_count += usize::from(seg_end.is_some_and(|g| {
                    !b[from..g].contains(&b'\'')
                        && b[from..g]
                            .iter()
                            .filter(|&&c| c == b'"')
                            .count()
                            .is_multiple_of(2)
                }));
                assert_eq!(
                    tag_end(&b, from),
                    tag_end_by_quotes(&b, from),
                    "{:?}",
                    String::from_utf8_lossy(&b)
                );
            }
        }
        assert!(by_count > 5000, "{by_count} ends told by the count");
    }

    /// What [`scan`] reads is what quick-xml's events give ([`read_by_events`]): on the
    /// schemas the two mangling tests make (damaged, with namespace declarations of every kind)
    /// and on generated well-formed schemas with comments, processing instructions,
    /// references, quoted `>` and `/`, end tags with spaces and namespaces declared deep down,
    /// either the scan declines (`None`) or it gives the same schema as `read_by_events`; and
    /// it declines none of the generated well-formed ones.
    #[test]
    fn the_scan_reads_what_the_events_give() {
        let mut next = crate::testing::test_rng(0x05ca_11ed);
        let pieces = [
            "<",
            ">",
            "/",
            "\"",
            "'",
            "&",
            "&amp;",
            "&#60;",
            ":",
            "xsd:",
            "xs:",
            "=",
            " ",
            "\n",
            "]]>",
            "<!--",
            "-->",
            "<?",
            "?>",
            "<![CDATA[x]]>",
            "<!DOCTYPE x>",
            "\u{feff}",
            " xmlns='http://www.w3.org/2001/XMLSchema'",
            " xmlns:xsd='http://example.com/other'",
            " xmlns:xml='http://example.com/x'",
            " xmlns:xs='http://www.w3.org/2001/XMLSchema'",
            "<xs:import namespace='n'/>",
            "<xsd:import namespace='m' xmlns:xsd='http://www.w3.org/2001/XMLSchema'/>",
            "<q:x xmlns:q='http://example.com/q'><xsd:import namespace='k'/></q:x>",
            "<a b='>' c=\"'\"/>",
            "</xsd:annotation >",
            "\u{e9}",
        ];
        let (mut taken, mut declined_ok) = (0, 0);
        for round in 0..8000 {
            let mut t = schema_of_round(round);
            damage(&mut t, &mut next, &pieces, 4);
            let want = read_by_events(&t);
            match scan(&t) {
                Some(got) => {
                    taken += 1;
                    assert_eq!(
                        format!("{:?}", Ok::<_, (String, usize)>(got)),
                        format!("{want:?}"),
                        "{t}"
                    );
                }
                None => declined_ok += usize::from(want.is_ok()),
            }
            assert_eq!(format!("{:?}", read(&t)), format!("{want:?}"), "{t}");
        }
        assert!(taken > 1000, "{taken} of 8000 taken by the scan");
        // Generated well-formed schemas: the scan takes each, and reads it as the events do.
        let parts = [
            "<!-- a -- comment > -->",
            "<?pi x > y?>",
            "<xsd:annotation><xsd:documentation>a &amp; b &#62; c</xsd:documentation></xsd:annotation>",
            "<xsd:import namespace='a>b' schemaLocation=\"c'd\"/>",
            "<xsd:import namespace=\"n\" ></xsd:import >",
            "<xsd:element name='e' a=\"/\"/>",
            "<p:x xmlns:p='http://example.com/p'><p:y xmlns:xsd='http://example.com/o'><xsd:import namespace='deep'/></p:y></p:x>",
            "<xsd:import\n namespace='n2'\t/>",
            "text",
        ];
        for _ in 0..2000 {
            let mut t = String::from(
                "<?xml version='1.0'?>\n<!-- c -->\n<xsd:schema xmlns:xsd='http://www.w3.org/2001/XMLSchema' targetNamespace='t'>",
            );
            for _ in 0..next(12) {
                t.push_str(parts[next(parts.len())]);
                t.push_str(["", " ", "\n"][next(3)]);
            }
            t.push_str("</xsd:schema>\n");
            let got = scan(&t);
            assert!(got.is_some(), "{t}");
            assert_eq!(
                format!("{:?}", got.ok_or(("".to_string(), 0))),
                format!("{:?}", read_by_events(&t)),
                "{t}"
            );
        }
        assert!(
            declined_ok < taken,
            "{declined_ok} declined that the events read"
        );
    }

    /// The names found by their `R` are memmem's, on generated texts of the name's pieces:
    /// short ones, and long ones with `R`s sparse and dense (where the search hands the rest
    /// of the text to memmem, at every place relative to a name).
    #[test]
    fn schema_ref_names_are_memmems() {
        let mut next = crate::testing::test_rng(0x0a11_4e5f);
        let pieces = [
            "schemaRef",
            "schema",
            "Ref",
            "R",
            "s",
            "chemaRef",
            "schemaR",
            "ef",
            "<",
            "x",
            "contextRef",
            "schemaRefschemaRef",
            "\u{e9}",
        ];
        let filler = "<p>a plain paragraph of text with no capital letter in it at all</p>";
        let (mut found, mut dense) = (0, 0);
        for round in 0..20_000 {
            let t: String = if round % 40 == 0 {
                // Long: 12,000 to 20,000 pieces, one in `gap` of them filler.
                let gap = 1 + next(4);
                (0..12_000 + next(8000))
                    .map(|_| {
                        if next(gap) == 0 {
                            filler
                        } else {
                            pieces[next(pieces.len())]
                        }
                    })
                    .collect()
            } else {
                (0..next(12)).map(|_| pieces[next(pieces.len())]).collect()
            };
            let want: Vec<usize> = memmem::find_iter(t.as_bytes(), b"schemaRef").collect();
            found += want.len();
            let rs = t.bytes().filter(|&c| c == b'R').count();
            dense += usize::from(rs > 5120 && rs * DENSE_R > t.len());
            assert_eq!(schema_ref_names(t.as_bytes()), want, "{t}");
        }
        assert!(found > 10_000, "{found} names");
        assert!(dense > 100, "{dense} texts dense in R");
    }

    #[test]
    fn schema_refs_are_tags_with_an_href() {
        let doc = r#"<p>schemaRef is a word</p><ix:references><link:schemaRef xlink:type="simple" xlink:href=" exmp-20241231.xsd "/></ix:references><schemaRef href='b.xsd'></schemaRef><link:schemaRefs xlink:href="no.xsd"/><link:schemaRef xlink:type="simple"/><link:schemaRef xlink:title="a>b" xlink:href="c.xsd"/><link:schemaRef"#;
        let got = schema_refs(doc);
        let hrefs: Vec<&str> = got.iter().map(|n| n.href.as_str()).collect();
        assert_eq!(hrefs, ["exmp-20241231.xsd", "b.xsd", "c.xsd"]);
        assert!(doc[got[0].range.clone()].starts_with("<link:schemaRef "));
        assert!(doc[got[0].range.clone()].ends_with("/>"));
        assert!(doc[got[2].range.clone()].ends_with("\"c.xsd\"/>"));
    }

    /// A schema given with the documents is found by name; a `schemaRef` naming a document of
    /// the set leaves that document a document.
    #[test]
    fn schemas_among_the_files_given() {
        let doc = |href: &str| {
            format!(
                "<html xmlns:ix='http://www.xbrl.org/2013/inlineXBRL' xmlns:link='http://www.xbrl.org/2003/linkbase' xmlns:xlink='http://www.w3.org/1999/xlink'><body><ix:header><ix:references><link:schemaRef xlink:href='{href}'/></ix:references></ix:header><p>Item 1C. Cybersecurity</p></body></html>"
            )
        };
        let read_with = |href: &str| {
            crate::read::read_sources(vec![
                SourceFile::from_bytes("d.htm".into(), doc(href).into_bytes()),
                SourceFile::from_bytes("s.xsd".into(), SCHEMA.as_bytes().to_vec()),
            ])
        };
        let f = read_with("s.xsd");
        assert_eq!(f.schemas.len(), 1);
        assert_eq!(f.schemas[0].file, Some(1));
        assert_eq!(f.schemas[0].schema.as_ref().unwrap().imports.len(), 2);
        assert_eq!(f.documents().count(), 1);
        assert!(
            f.issues.iter().all(|i| i.code != "taxonomy-file"),
            "{:?}",
            f.issues
        );
        let f = read_with("d.htm");
        assert!(
            f.schemas[0]
                .schema
                .as_ref()
                .unwrap_err()
                .contains("is a document")
        );
        assert_eq!(f.documents().count(), 2);
        assert!(!f.text.sections.is_empty(), "the document is still read");
        // The schema not named: a taxonomy file of the set, as before.
        let f = read_with("other.xsd");
        assert!(f.issues.iter().any(|i| i.code == "taxonomy-file"));
    }

    #[test]
    fn hrefs_resolve_beside_the_document_and_urls_are_not_fetched() {
        let base = Path::new("sub/0001.zip/doc.htm");
        assert_eq!(
            resolve(base, "exmp.xsd").unwrap(),
            Path::new("sub/0001.zip/exmp.xsd")
        );
        assert_eq!(
            resolve(base, "./x/../exmp.xsd#frag").unwrap(),
            Path::new("sub/0001.zip/exmp.xsd")
        );
        assert_eq!(
            resolve(Path::new("doc.htm"), "e.xsd").unwrap(),
            Path::new("e.xsd")
        );
        for url in [
            "https://example.com/e.xsd",
            "http://x/e.xsd",
            "file:///e.xsd",
            "/abs/e.xsd",
        ] {
            assert!(
                resolve(base, url).unwrap_err().contains("does not fetch"),
                "{url}"
            );
        }
    }
}
