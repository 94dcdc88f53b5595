//! The rule language: YAML files, one per rule, validated into an immutable [`RuleSet`].
//!
//! Loading is two steps (as cargo-deny and ast-grep do): [`yaml`] parses a file into a tree
//! with byte spans, then [`validate`] turns the tree into a [`Rule`], collecting *every*
//! problem as a [`error::RuleError`] that points into the YAML. A rule names one check kind
//! from the closed vocabulary in [`crate::checks`]; its parameters are validated by
//! that check kind at load time, so nothing is parsed while a filing is being checked.

pub mod docs;
pub mod load;
pub mod pack;
pub mod validate;

/// The syntax tree and file errors, named here as before they moved to [`crate::syntax`].
pub use crate::syntax::{error, yaml};

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::checks::Compiled;
use crate::diagnostic::Severity;
use crate::filing::InputKind;

/// Lifecycle of a rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// On by default.
    Stable,
    /// Runs only when selected explicitly or with `--preview`.
    Preview,
    /// Kept for compatibility; say what replaces it in the docs.
    Deprecated,
}

/// When a rule applies.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Applies {
    /// Document types (`10-K`, `20-F/A`, …); empty: any.
    pub forms: Vec<String>,
    /// Document types the rule does not apply to.
    pub not_forms: Vec<String>,
    /// Period end on or after this date (`YYYY-MM-DD`).
    pub period_end_on_or_after: Option<String>,
    /// Period end before this date.
    pub period_end_before: Option<String>,
    /// 8-K items, any of which must be reported.
    pub items: Vec<String>,
    /// 8-K items none of which may be reported.
    pub not_items: Vec<String>,
    /// Required value of `dei:DocumentTransitionReport` (absent counts as false).
    pub transition_report: Option<bool>,
    /// Required value of `dei:AmendmentFlag` (absent counts as false).
    pub amendment: Option<bool>,
    /// `cyd` taxonomy years; empty: any.
    pub taxonomy_years: Vec<String>,
    /// Input kinds; empty: any.
    pub inputs: Vec<InputKind>,
}

/// The docs of a rule (the sections of its generated page).
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Docs {
    /// What it checks.
    pub what: String,
    /// Why it matters.
    pub why: String,
    /// An example that fires.
    pub example: String,
    /// How to fix it.
    pub fix: String,
}

/// A validated rule.
#[derive(Debug)]
pub struct Rule {
    /// Stable id, the file stem (e.g. `CYD-X-008`).
    pub id: String,
    /// kebab-case name.
    pub name: String,
    /// One-line title.
    pub title: String,
    /// Default severity.
    pub severity: Severity,
    /// Citations.
    pub citations: Vec<String>,
    /// Lifecycle.
    pub status: Status,
    /// Version that introduced it.
    pub since: String,
    /// Message template.
    pub message: String,
    /// How to fix it.
    pub help: String,
    /// Docs sections.
    pub docs: Docs,
    /// Applicability.
    pub applies: Applies,
    /// The check kind's name.
    pub kind: String,
    /// The compiled check.
    pub check: Box<dyn Compiled>,
    /// The file it came from.
    pub path: PathBuf,
    /// The YAML source (for docs): a built-in rule's borrowed from the binary.
    pub source: std::borrow::Cow<'static, str>,
    /// True for rules embedded in the binary.
    pub builtin: bool,
    /// Where its documentation lives: the rule's `docs-url`, else its pack's (`pack.yaml`,
    /// `{id}` filled), else none — a user rule never links to cydlint's own pages.
    pub docs_url: Option<String>,
    /// The scorecard rows (requirement keys) its findings belong to, from the rule's
    /// `scorecard` key and its pack's `pack.yaml`.
    pub scorecard: Vec<String>,
    /// The named conditions (`condition: NAME`) its check uses, defined in a `pack.yaml`.
    pub conditions: Vec<String>,
}

/// An immutable set of rules, in id order.
#[derive(Debug, Default)]
pub struct RuleSet {
    rules: Vec<Rule>,
    index: BTreeMap<String, usize>,
    lexicon: Option<std::sync::Arc<crate::claims::Lexicon>>,
}

impl RuleSet {
    /// The facts this set's checks may look at, as the reader's [`crate::read::Keep`]:
    /// `check` builds only those (the others are still read and reported on). Every rule
    /// counts, selected or not: the set may keep more facts than a run needs, never fewer.
    pub fn keep(&self) -> crate::read::Keep {
        let mut w = crate::checks::select::Wants::default();
        for r in &self.rules {
            r.check.wants(&mut w);
        }
        w.keep()
    }

    /// Builds a set; ids must be unique (the loader checks).
    pub fn new(mut rules: Vec<Rule>) -> Self {
        rules.sort_by(|a, b| a.id.cmp(&b.id));
        let index = rules
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.clone(), i))
            .collect();
        RuleSet {
            rules,
            index,
            lexicon: None,
        }
    }

    /// The set with the lexicon its rules were compiled against.
    pub fn with_lexicon(mut self, lexicon: std::sync::Arc<crate::claims::Lexicon>) -> Self {
        self.lexicon = Some(lexicon);
        self
    }

    /// The claim layer's lexicon of this set (the built-in one unless packs extended it).
    pub fn lexicon(&self) -> std::sync::Arc<crate::claims::Lexicon> {
        self.lexicon
            .clone()
            .unwrap_or_else(crate::claims::builtin_arc)
    }

    /// The rules in id order.
    pub fn iter(&self) -> impl Iterator<Item = &Rule> {
        self.rules.iter()
    }

    /// The rule with this id.
    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.index.get(id).map(|&i| &self.rules[i])
    }

    /// What a selector (`--select`, `--ignore`, the configuration's lists and severities, and
    /// `explain`) names, as the engine matches it: a rule id or id prefix (case-insensitive,
    /// like ruff's selectors: `cyd-x-011`, `CYD-X`), a rule name (`material-effect-contradicts-flag`
    /// → its id), or a `read:*` / `config:*` code or family (`read`). `Err` says that nothing
    /// matches, with the closest id, name, prefix or code as a suggestion.
    pub fn resolve(&self, selector: &str) -> Result<String, String> {
        let sel = selector.trim();
        let lower = sel.to_ascii_lowercase();
        if let Some(r) = self.rules.iter().find(|r| r.name.eq_ignore_ascii_case(sel)) {
            return Ok(r.id.clone());
        }
        if !sel.is_empty() {
            if let Some(r) = self.rules.iter().find(|r| {
                r.id.get(..sel.len())
                    .is_some_and(|p| p.eq_ignore_ascii_case(sel))
            }) {
                return Ok(r.id[..sel.len()].to_string());
            }
            if crate::codes::all().any(|c| c.id.starts_with(&lower))
                || lower == "read"
                || lower == "config"
            {
                return Ok(lower);
            }
        }
        Err(format!(
            "no rule or code matches `{sel}`{} (see `cydlint rules`)",
            self.suggest(sel)
                .map(|c| format!("; did you mean `{c}`?"))
                .unwrap_or_default()
        ))
    }

    /// The id, name, id prefix or code closest to a selector that matches nothing.
    pub fn suggest(&self, selector: &str) -> Option<String> {
        let upper = selector.to_ascii_uppercase();
        let lower = selector.to_ascii_lowercase();
        let mut prefixes: Vec<&str> = self
            .rules
            .iter()
            .filter_map(|r| r.id.rsplit_once('-').map(|(p, _)| p))
            .collect();
        prefixes.dedup();
        let ids: Vec<&str> = self
            .rules
            .iter()
            .map(|r| r.id.as_str())
            .chain(prefixes)
            .collect();
        let names: Vec<&str> = self
            .rules
            .iter()
            .map(|r| r.name.as_str())
            .chain(crate::codes::all().map(|c| c.id))
            .collect();
        let by_id = crate::syntax::validate::closest(&upper, &ids);
        let by_name = crate::syntax::validate::closest(&lower, &names);
        // An over-long id (CYD-X-0111): the longest id it starts with.
        let cut = self
            .rules
            .iter()
            .map(|r| r.id.as_str())
            .filter(|id| upper.starts_with(&id.to_ascii_uppercase()))
            .max_by_key(|id| id.len());
        cut.or(by_id).or(by_name).map(str::to_string)
    }

    /// A fingerprint of the pack: FNV-1a (64 bits) over every rule's id and YAML source, in
    /// id order — the same rules give the same fingerprint on every platform and run.
    pub fn fingerprint(&self) -> String {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for r in &self.rules {
            for b in
                r.id.bytes()
                    .chain([0xff])
                    .chain(r.source.bytes())
                    .chain([0xff])
            {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        }
        format!("{h:016x}")
    }

    /// Number of rules.
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }
}

/// Where problems met while reading a filing (`read:*` findings) are documented:
/// docs/reading.md (there is no rule page for them).
pub const READ_DOCS_URL: &str = "https://github.com/cydlint/cydlint/blob/main/docs/reading.md";

/// The documentation URL of a built-in rule's page (`docs/rules/<ID>.md`), as the built-in
/// pack's `pack.yaml` gives it.
pub fn docs_url(id: &str) -> String {
    // `read:binary` → read-binary.md (a colon is no file name on every system).
    let page = crate::codes::page_name(id);
    format!("https://github.com/cydlint/cydlint/blob/main/docs/rules/{page}.md")
}
