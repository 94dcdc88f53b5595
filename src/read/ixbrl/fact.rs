//! A fact: its start tag read once (attributes by slot, the concept resolved through the names
//! met before, the fact built in place or, when not kept, what the checks need of it), and what
//! its text and value are made of when the set is finished (its layer ranges less `ix:exclude`,
//! its escaped XHTML).

use std::borrow::Cow;
use std::ops::Range;

use super::layer::Counts;
use super::{Attrs, Chained, Ghost, IxReader, RawFact, split_name};
use crate::filing::{
    CompactString, Concept, Fact, FactKind, Filing, IssueLevel, ReadIssue, Sym, offset32,
    text_from_ranges,
};
use crate::read::scope::{Scope, is_boolean_concept};
use crate::read::transform::{self, TransformError};
use crate::source::Span;
use crate::taxonomy::XSI_NS;

/// What reading a fact's start tag gave.
pub(super) enum Started {
    /// A fact built (its index).
    Kept(usize),
    /// A fact not kept (its [`Ghost`], when it has a `continuedAt`).
    Dropped(Option<usize>),
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

impl IxReader {
    /// Reads a fact's start tag: reports what is wrong with it, and builds the fact when it
    /// is kept, or records what the checks need of it when not ([`IxReader::not_kept`]).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn start_fact(
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
        #[inline]
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

    /// Fact `i` closes: its end tag at `start..end`; where its content and its text in the
    /// layer end, and whether a separator was pending there.
    pub(super) fn close_fact(&mut self, i: usize, start: usize, end: usize) {
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

    /// Makes every closed fact's text and value, once the set is finished: its own range of
    /// the layer `text` and its continuations' (`chains`, by fact index) less `ix:exclude`
    /// (`excludes`), its escaped XHTML, its value through its transform (reporting the
    /// transforms of the facts cydlint reads), its sign and boolean.
    pub(super) fn make_values(
        &mut self,
        filing: &Filing,
        text: &str,
        chains: &[(usize, Vec<usize>)],
        excludes: &[(Range<usize>, usize, Range<usize>)],
    ) {
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
                && (excludes.is_empty() || (own.start < own.end && !excluded(&own, excludes)))
            {
                // Nearly every fact: one range of the layer, nothing cut out of it, its text a
                // slice of the layer (what `text_from_ranges` would copy) and its range already
                // in place.
                (one_range_text(text, &own), Vec::new())
            } else {
                let mut ranges = Vec::with_capacity(1 + chain.len());
                ranges.push((own, f.trailing));
                let mut cont_spans = Vec::new();
                for &k in chain {
                    ranges.push((self.conts[k].range.clone(), self.conts[k].trailing));
                    cont_spans.push(self.conts[k].span);
                }
                let ranges = subtract(ranges, excludes);
                let (plain, pieces) = text_from_ranges(text, &ranges);
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
                fact.block_mut().html = Some(html_parts(&filing.files, &inner_src, excludes));
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
    use crate::filing::text_from_ranges;

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
