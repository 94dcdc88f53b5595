//! The pass: one file's tokens, each handed to the element handling (a start or end tag), the
//! text layer (text, references, CDATA) or a context being read; and, once every file of the
//! set is read, the set finished — the hidden text appended, continuation chains resolved,
//! `-sec-ix-hidden` references checked, every fact's text and value made — into the filing.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::ops::Range;

use super::context::{Capture, CaptureKind};
use super::element::{Memo, Tag, Walk, html_kind};
use super::fact::{excluded, html_parts, one_range_text, short, subtract};
use super::layer::Counts;
use super::{Chained, IxReader, Layer, split_name};
use crate::filing::text::TextLayer;
use crate::filing::{FactKind, Filing, IssueLevel, ReadIssue, offset32, text_from_ranges};
use crate::read::html;
use crate::read::scope::{Scope, is_boolean_concept};
use crate::read::transform::{self, TransformError};
use crate::read::xmltok::{Token, Tokenizer, same};
use crate::source::Span;

/// At most this many syntax errors are reported per file before reading stops.
const MAX_ERRORS_PER_FILE: usize = 50;

impl IxReader {
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
