//! `pack.yaml`: what a rule pack says of all its rules at once — where their documentation
//! lives, and which scorecard rows their findings belong to.
//!
//! ```yaml
//! docs-url: https://example.com/our-rules/{id}.html   # {id}: the rule's id
//! scorecard:                                           # row key: rule ids or id prefixes
//!   processes: [MY-001, MY-PROC-]
//! ```
//!
//! The file sits at the pack's root (the built-in pack's is `rules/pack.yaml`) and is not a
//! rule. A rule's own `docs-url` wins over the pack's; without either, a rule's findings carry
//! no link. Scorecard entries may name any loaded rule (a pack may place a built-in rule in
//! a row); an entry that names none is an error, as is an unknown row.

use std::ops::Range;
use std::sync::Arc;

use super::validate::scorecard_rows;
use crate::syntax::error::RuleError;
use crate::syntax::packed::File;
use crate::syntax::validate::{Cx, closest};
use crate::syntax::yaml::Node;

/// The pack-level file's name.
pub const FILE: &str = "pack.yaml";

/// The placeholders a pack's `docs-url` may use.
pub const URL_PLACEHOLDERS: &[&str] = &["id"];

/// A rule id or id prefix of a `scorecard` row, with where it is written.
pub type Entry = (String, Range<usize>);

/// A pack's `pack.yaml`.
#[derive(Clone, Debug, Default)]
pub struct Pack {
    /// `docs-url`, a template with `{id}`.
    pub docs_url: Option<String>,
    /// `scorecard`: (row key, rule ids or prefixes with their spans).
    pub scorecard: Vec<(String, Vec<Entry>)>,
    /// Where it came from, for errors found once every pack is loaded.
    pub file: String,
    /// Its text.
    pub source: Arc<String>,
}

impl Pack {
    /// The docs URL of rule `id` of this pack.
    pub fn url_of(&self, id: &str) -> Option<String> {
        self.docs_url.as_ref().map(|t| t.replace("{id}", id))
    }

    /// The rows the pack puts rule `id` in.
    pub fn rows_of(&self, id: &str) -> impl Iterator<Item = &str> {
        self.scorecard
            .iter()
            .filter(move |(_, ids)| ids.iter().any(|(p, _)| names(p, id)))
            .map(|(row, _)| row.as_str())
    }

    /// Entries of `scorecard` that name no rule of `ids`, as errors.
    pub fn unmatched(&self, ids: &[&str]) -> Vec<RuleError> {
        let mut out = Vec::new();
        for (row, entries) in &self.scorecard {
            for (p, span) in entries {
                if !ids.iter().any(|id| names(p, id)) {
                    let hint = closest(p, ids)
                        .map(|c| format!(" (did you mean `{c}`?)"))
                        .unwrap_or_default();
                    out.push(RuleError {
                        file: self.file.clone(),
                        source: self.source.clone(),
                        span: span.clone(),
                        message: format!(
                            "`scorecard.{row}` names `{p}`, which is no loaded rule's id or id prefix{hint}"
                        ),
                    });
                }
            }
        }
        out
    }
}

/// True when a scorecard entry (an id or an id prefix) names rule `id`.
fn names(entry: &str, id: &str) -> bool {
    id == entry || (entry.ends_with('-') && id.starts_with(entry))
}

/// Parses and validates a `pack.yaml`, collecting every problem: what could be read of it,
/// and the problems (the loader fails when there are any, after checking the rest).
pub fn parse(display: &str, src: &str) -> (Pack, Vec<RuleError>) {
    parse_file(display, File::User(src))
}

/// [`parse`] for a file that may be built in, with its tree parsed at build time
/// ([`crate::syntax::packed`]).
pub fn parse_file(display: &str, file: File<'_>) -> (Pack, Vec<RuleError>) {
    let src = file.text();
    let mut cx = Cx::new(display, src);
    let mut pack = Pack {
        file: display.to_owned(),
        source: Arc::new(src.to_owned()),
        ..Pack::default()
    };
    match file.tree() {
        Ok(root) => read(&mut cx, &root, &mut pack),
        Err(e) => cx.err(e.span, e.message),
    }
    (pack, cx.errors)
}

fn read(cx: &mut Cx, root: &Node, pack: &mut Pack) {
    if !cx.keys(root, "a pack file", &["docs-url", "scorecard"]) {
        return;
    }
    if let Some(n) = root.get("docs-url")
        && let Some(url) = cx.str(n, "`docs-url`")
    {
        for (name, _) in crate::checks::message::template_placeholders(&url) {
            if !URL_PLACEHOLDERS.contains(&name) {
                cx.err(
                    n.span.clone(),
                    format!(
                        "unknown placeholder `{{{name}}}` in `docs-url`; a pack's docs URL may use: {{id}}"
                    ),
                );
            }
        }
        if url.trim().is_empty() {
            cx.err(
                n.span.clone(),
                "`docs-url` is empty; leave it out to print no link",
            );
        }
        pack.docs_url = Some(url);
    }
    if let Some(n) = root.get("scorecard") {
        let Some(map) = n.as_map() else {
            cx.err(
                n.span.clone(),
                format!(
                    "`scorecard` must be a mapping of row keys to rule ids, found {}",
                    n.type_name()
                ),
            );
            return;
        };
        for (k, v) in map {
            let Some(row) = scorecard_rows(cx, k).and_then(|r| r.into_iter().next()) else {
                continue;
            };
            let Some(items) = cx.list(v, &format!("`scorecard.{row}`")) else {
                continue;
            };
            let mut ids = Vec::new();
            for item in items {
                if let Some(id) = cx.scalar(item, "a rule id") {
                    ids.push((id, item.span.clone()));
                }
            }
            pack.scorecard.push((row, ids));
        }
    }
}
