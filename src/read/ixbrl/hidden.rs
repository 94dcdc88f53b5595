//! Hidden facts: the text of facts in `ix:hidden` is written to a second builder (see
//! `layer`) and appended after the visible text once the set is read, past `visible_len`, so
//! that a fact's text always lives in the layer while document-wide text checks see only what
//! a reader sees; every range read in the hidden builder moves with it. An element styled
//! `-sec-ix-hidden` must name a hidden fact.

use std::ops::Range;

use super::{Excludes, IxReader, Layer};
use crate::filing::offset32;
use crate::filing::text::OffsetMap;
use crate::filing::{IssueLevel, ReadIssue};

impl IxReader {
    /// Appends the hidden text after the visible and moves every range read into the layer
    /// (facts', continuations', exclusions') to the joined text: the text, its map, where the
    /// hidden text starts, and the exclusions.
    pub(super) fn join_layers(&mut self) -> (String, OffsetMap, usize, Excludes) {
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
        let mut excludes: Excludes = self
            .excludes
            .iter()
            .map(|x| (fix(x.layer, &x.range), x.file, x.src.clone()))
            .collect();
        excludes.sort_by_key(|x| x.0.start);
        let (text, map) = main.finish();
        let visible_len = shift.min(text.len());
        (text, map, visible_len, excludes)
    }

    /// Reports each `-sec-ix-hidden` reference that names no fact in `ix:hidden`.
    pub(super) fn check_hidden_refs(&mut self) {
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
    }
}
