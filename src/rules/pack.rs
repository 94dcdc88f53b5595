//! `pack.yaml`: what a rule pack says of all its rules at once — where their documentation
//! lives, which scorecard rows their findings belong to, and the conditions several of its
//! rules ask alike.
//!
//! ```yaml
//! docs-url: https://example.com/our-rules/{id}.html   # {id}: the rule's id
//! scorecard:                                           # row key: rule ids or id prefixes
//!   processes: [MY-001, MY-PROC-]
//! conditions:                                          # name: a condition (`when:` syntax)
//!   item-1c-says-ransomware:
//!     text: {scope: {section: item-1c}, patterns: ['ransomware']}
//! ```
//!
//! A rule names one as `condition: NAME` wherever a condition may stand (`when: {not:
//! {condition: NAME}}`). A pack's rules may name its own conditions and the built-in pack's;
//! a condition may name those defined before it (so none can name itself), and a name the
//! built-in pack defines cannot be defined again. Each is validated here, once, with its
//! errors pointing into pack.yaml, and compiled where a rule names it.
//!
//! The file sits at the pack's root (the built-in pack's is `rules/pack.yaml`) and is not a
//! rule. A rule's own `docs-url` wins over the pack's; without either, a rule's findings carry
//! no link. Scorecard entries may name any loaded rule (a pack may place a built-in rule in
//! a row); an entry that names none is an error, as is an unknown row.

use std::ops::Range;
use std::sync::Arc;

use super::validate::scorecard_rows;
use crate::checks::compile::{Cx, Named};
use crate::syntax::error::RuleError;
use crate::syntax::packed::File;
use crate::syntax::validate::closest;
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
    /// `conditions`, with those it builds on: what its rules may name (`condition: NAME`).
    pub conditions: Arc<Named>,
    /// Where it came from, for errors found once every pack is loaded.
    pub file: String,
    /// Its text.
    pub source: crate::syntax::error::Source,
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
/// Its conditions are validated against `lexicon` (the run's) with `inherited` (the built-in
/// pack's) in reach.
pub fn parse(
    display: &str,
    src: &str,
    lexicon: &Arc<crate::claims::Lexicon>,
    inherited: &Arc<Named>,
) -> (Pack, Vec<RuleError>) {
    parse_file(display, File::User(src), lexicon, inherited)
}

/// [`parse`] for a file that may be built in, with its tree parsed at build time
/// ([`crate::syntax::packed`]).
pub fn parse_file(
    display: &str,
    file: File<'_>,
    lexicon: &Arc<crate::claims::Lexicon>,
    inherited: &Arc<Named>,
) -> (Pack, Vec<RuleError>) {
    let source = file.source();
    let mut cx =
        Cx::shared(display, source.clone(), lexicon.clone()).with_conditions(inherited.clone());
    // The built-in pack's condition patterns, as its rules', are compiled on first use (each
    // is tested to compile: `builtin_rules_validate_eagerly`).
    cx.lazy =
        matches!(file, File::BuiltIn(..)) && Arc::ptr_eq(lexicon, &crate::claims::builtin_arc());
    let mut pack = Pack {
        file: display.to_owned(),
        source,
        conditions: inherited.clone(),
        ..Pack::default()
    };
    match file.tree() {
        Ok(root) => {
            read(&mut cx, &root, &mut pack);
            // Nothing borrows the tree: the binary leaves it to its exit (`run_to_exit`).
            crate::leave_at_exit(root);
        }
        Err(e) => cx.err(e.span, e.message),
    }
    (pack, cx.base.errors)
}

/// Reads `conditions:`: each validated with those before it in reach, then added.
fn read_conditions(cx: &mut Cx, n: &Node, pack: &mut Pack) {
    let Some(map) = n.as_map() else {
        cx.err(
            n.span.clone(),
            format!(
                "`conditions` must be a mapping of names to conditions, found {}",
                n.type_name()
            ),
        );
        return;
    };
    let builtin = cx.conditions.clone();
    for (k, v) in map {
        let Some(name) = cx.str(k, "a condition's name") else {
            continue;
        };
        if name.is_empty()
            || !name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            cx.err(
                k.span.clone(),
                format!("condition name `{name}` must be kebab-case: a-z, 0-9 and -"),
            );
            continue;
        }
        if builtin.contains_key(&name) {
            cx.err(
                k.span.clone(),
                format!("condition `{name}` is defined by the built-in pack already; choose another name"),
            );
            continue;
        }
        if cx.conditions.contains_key(&name) {
            cx.err(
                k.span.clone(),
                format!("condition `{name}` is defined twice"),
            );
            continue;
        }
        let before = cx.errors.len();
        let _ = crate::checks::cond::Cond::compile(v, cx);
        if cx.errors.len() == before {
            Arc::make_mut(&mut cx.conditions).insert(name, v.clone());
        }
    }
    pack.conditions = cx.conditions.clone();
}

fn read(cx: &mut Cx, root: &Node, pack: &mut Pack) {
    if !cx.keys(
        root,
        "a pack file",
        &["docs-url", "scorecard", "conditions"],
    ) {
        return;
    }
    if let Some(n) = root.get("conditions") {
        read_conditions(cx, n, pack);
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
