//! Continuations: each `ix:continuation` noted where it opens and closes, and, once the whole
//! set is read (a continuation may come before its fact, or sit in another file), every
//! `continuedAt` chain walked from its fact — a fact not kept included, through its `Ghost` —
//! and checked: a target missing or not a continuation, a cycle, a continuation referenced
//! twice or never, a continuation inside `ix:hidden`, an id used twice.

use std::collections::BTreeSet;

use super::layer::Counts;
use super::{Attrs, Chained, IxReader, RawCont};
use crate::filing::{Filing, IssueLevel, ReadIssue};
use crate::source::Span;

impl IxReader {
    /// An `ix:continuation` opened at `start..end`: its id (reported when it has none), the
    /// continuation it names next, and where its text starts; its index.
    pub(super) fn open_continuation(
        &mut self,
        file: usize,
        attrs: &Attrs<'_, '_>,
        c: &Counts,
        start: usize,
        end: usize,
    ) -> usize {
        let (layer, pos) = self.layer_pos(c);
        let id = attrs.get("id").unwrap_or("").to_owned();
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
            continued_at: attrs.get("continuedAt").map(str::to_owned),
            hidden: c.hidden > 0,
            file,
            span: Span::new(file, start, end),
            inner: end..end,
            layer,
            range: pos..pos,
            trailing: false,
        });
        self.conts.len() - 1
    }

    /// Continuation `i` closes: its end tag at `start..end`.
    pub(super) fn close_continuation(&mut self, i: usize, start: usize, end: usize) {
        let b = self.builder(self.conts[i].layer);
        let (len, trailing) = (b.len(), b.has_pending());
        let k = &mut self.conts[i];
        k.range.end = len;
        k.trailing = trailing;
        k.inner = k.inner.start..start.max(k.inner.start);
        k.span.end = end;
    }

    /// Indexes the continuations, checks them, and walks every chain: for each kept fact with
    /// a `continuedAt`, its continuations in chain order (by fact index). `filing` holds the
    /// files' text, where the ids of facts not kept are.
    pub(super) fn resolve_chains(&mut self, filing: &Filing) -> Vec<(usize, Vec<usize>)> {
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
        chains
    }
}
