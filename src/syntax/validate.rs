//! The validation primitives every YAML file of the tool is read with: [`Cx`], a file's
//! validation context, whose helpers (`str`, `list`, `regex`, `concept`, `keys`, …) report a
//! problem with its span and return `None` rather than stopping, so one pass finds all the
//! mistakes of a file; [`ConceptRef`], a concept named in a file; [`closest`], the
//! did-you-mean of every message. Below the claim layer, the check kinds and the rule
//! language, which read their files and parameters with them.

use std::ops::Range;
use std::sync::Arc;

use super::error::RuleError;
use super::pattern::{SharedRegex, build_regex, regex_problem, shared_regex};
use super::yaml::{Node, Value};
use crate::taxonomy;

/// Validation context for one YAML file (a rule, a pack's `pack.yaml`, a lexicon file, the
/// configuration).
pub struct Cx {
    /// The file's display name.
    pub file: String,
    /// Its source.
    pub source: super::error::Source,
    /// Problems found so far.
    pub errors: Vec<RuleError>,
    /// Patterns are compiled on first use (the built-in pack's, tested to compile), not now:
    /// see [`LazyRegex`](super::pattern::LazyRegex).
    pub lazy: bool,
}

const KNOWN_PREFIXES: &[&str] = &[
    "cyd",
    "dei",
    "us-gaap",
    "srt",
    "ifrs-full",
    "ecd",
    "country",
    "currency",
    "exch",
    "naics",
    "sic",
    "stpr",
    "ffd",
    "vip",
];

impl Cx {
    /// A context for the file `file` whose text is `source`.
    pub fn new(file: &str, source: &str) -> Self {
        Self::shared(file, Arc::new(source.to_owned().into()))
    }

    /// A context for the file `file` whose text is `source`, shared, not copied (a built-in
    /// file's text borrowed from the binary: [`super::packed::File::source`]).
    pub fn shared(file: &str, source: super::error::Source) -> Self {
        Cx {
            file: file.to_owned(),
            source,
            errors: Vec::new(),
            lazy: false,
        }
    }

    /// Records a problem.
    pub fn err(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.errors.push(RuleError {
            file: self.file.clone(),
            source: self.source.clone(),
            span,
            message: message.into(),
        });
    }

    /// Reports keys of `map` not in `allowed`; returns false when `node` is not a mapping.
    pub fn keys(&mut self, node: &Node, what: &str, allowed: &[&str]) -> bool {
        // Nearly every mapping fits: every key a scalar, allowed and written once. Such a
        // mapping has nothing to report, and is told without the list of keys seen.
        if node.as_map().is_some_and(|map| keys_fit(map, allowed)) {
            return true;
        }
        let Some(map) = node.as_map() else {
            self.err(
                node.span.clone(),
                format!("{what} must be a mapping, found {}", node.type_name()),
            );
            return false;
        };
        for (k, _) in map {
            let key = k.as_str().unwrap_or("");
            if !allowed.contains(&key) {
                let hint = closest(key, allowed)
                    .map(|c| format!(" (did you mean `{c}`?)"))
                    .unwrap_or_default();
                self.err(
                    k.span.clone(),
                    format!(
                        "unknown key `{key}` in {what}{hint}; expected one of: {}",
                        allowed.join(", ")
                    ),
                );
            }
        }
        let mut seen: Vec<&str> = Vec::new();
        for (k, _) in map {
            let key = k.as_str().unwrap_or("");
            if seen.contains(&key) {
                self.err(
                    k.span.clone(),
                    format!("key `{key}` appears twice in {what}"),
                );
            }
            seen.push(key);
        }
        true
    }

    /// A required key.
    pub fn required<'n>(&mut self, node: &'n Node, key: &str, what: &str) -> Option<&'n Node> {
        let v = node.get(key);
        if v.is_none() {
            let at = node.span.start..node.span.start;
            self.err(at, format!("{what} is missing the required key `{key}`"));
        }
        v
    }

    /// A string scalar.
    pub fn str(&mut self, node: &Node, what: &str) -> Option<String> {
        match &node.value {
            Value::Scalar { text, quoted }
                if *quoted || plain_is_string(text) || node.type_name() == "a string" =>
            {
                Some(text.to_string())
            }
            _ => {
                self.err(
                    node.span.clone(),
                    format!("{what} must be a string, found {}", node.type_name()),
                );
                None
            }
        }
    }

    /// Any scalar's text (numbers and dates included).
    pub fn scalar(&mut self, node: &Node, what: &str) -> Option<String> {
        match &node.value {
            Value::Scalar { text, .. } => Some(text.to_string()),
            _ => {
                self.err(
                    node.span.clone(),
                    format!("{what} must be a single value, found {}", node.type_name()),
                );
                None
            }
        }
    }

    /// A boolean.
    pub fn bool(&mut self, node: &Node, what: &str) -> Option<bool> {
        match node.as_str() {
            Some("true") if node.type_name() == "a boolean" => Some(true),
            Some("false") if node.type_name() == "a boolean" => Some(false),
            _ => {
                self.err(
                    node.span.clone(),
                    format!("{what} must be true or false, found {}", node.type_name()),
                );
                None
            }
        }
    }

    /// A non-negative integer.
    pub fn usize(&mut self, node: &Node, what: &str) -> Option<usize> {
        match node.as_str().and_then(|s| s.parse::<usize>().ok()) {
            Some(n) if node.type_name() == "a number" => Some(n),
            _ => {
                self.err(
                    node.span.clone(),
                    format!("{what} must be a whole number, found {}", node.type_name()),
                );
                None
            }
        }
    }

    /// A list of items (a single scalar counts as a list of one).
    pub fn list<'n>(&mut self, node: &'n Node, what: &str) -> Option<Vec<&'n Node>> {
        match &node.value {
            Value::Seq(items) => Some(items.iter().collect()),
            Value::Scalar { .. } => Some(vec![node]),
            Value::Map(_) => {
                self.err(
                    node.span.clone(),
                    format!("{what} must be a list, found a mapping"),
                );
                None
            }
        }
    }

    /// A list of strings.
    pub fn str_list(&mut self, node: &Node, what: &str) -> Option<Vec<String>> {
        let items = self.list(node, what)?;
        let mut out = Vec::new();
        let mut ok = true;
        for n in items {
            match self.scalar(n, what) {
                Some(s) => out.push(s),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    /// A date `YYYY-MM-DD`.
    pub fn date(&mut self, node: &Node, what: &str) -> Option<String> {
        let s = self.scalar(node, what)?;
        let valid = s.len() == 10
            && crate::read::transform::apply("date-year-month-day", &s)
                .ok()
                .as_deref()
                == Some(s.as_str());
        if valid {
            Some(s)
        } else {
            self.err(
                node.span.clone(),
                format!("{what} must be a date written YYYY-MM-DD, found `{s}`"),
            );
            None
        }
    }

    /// A regular expression, compiled case-insensitive (and word-bounded when `words`).
    pub fn regex(&mut self, node: &Node, what: &str, words: bool) -> Option<SharedRegex> {
        let s = self.scalar(node, what)?;
        let pattern = if words {
            // ASCII word boundaries: the words of a disclosure are ASCII, and an ASCII `\b` keeps
            // the regex on the fast DFA engines (a Unicode `\b` forces the slow PikeVM).
            format!(r"(?i)(?-u:\b)(?:{s})(?-u:\b)")
        } else {
            format!("(?i){s}")
        };
        self.compile_regex(node.span.clone(), what, &pattern)
    }

    /// A regular expression that must match a whole string (case-insensitive): the pattern
    /// is compiled anchored, `^(?:…)$`, and an anchored form that cannot be built is an error
    /// at `node` — never the unanchored pattern instead.
    pub fn regex_whole(&mut self, node: &Node, what: &str) -> Option<SharedRegex> {
        let s = self.scalar(node, what)?;
        // The pattern must stand on its own (`a)|(b` is not one pattern, though its anchored
        // form would parse): parsed alone first, then compiled anchored. (The built-in pack's,
        // compiled on first use, are tested to do both: `builtin_rules_validate_eagerly`.)
        if !self.lazy
            && let Err(e) = regex_syntax::Parser::new().parse(&format!("(?i){s}"))
        {
            let msg = e.to_string();
            let last = msg.lines().last().unwrap_or("invalid").trim().to_owned();
            self.err(
                node.span.clone(),
                format!("{what} is not a valid regex: {last}"),
            );
            return None;
        }
        self.compile_regex(node.span.clone(), what, &format!("^(?:(?i){s})$"))
    }

    /// Compiles a pattern made from the rule at `span` (`what` names it), reporting why it
    /// cannot be: invalid syntax, or a compiled program over the size limit
    /// ([`REGEX_SIZE_LIMIT`](super::pattern::REGEX_SIZE_LIMIT)), named with the limit.
    pub fn compile_regex(
        &mut self,
        span: Range<usize>,
        what: &str,
        pattern: &str,
    ) -> Option<SharedRegex> {
        if self.lazy {
            return Some(shared_regex(pattern));
        }
        match build_regex(pattern) {
            Ok(r) => Some(r),
            Err(e) => {
                self.err(span, regex_problem(what, &e));
                None
            }
        }
    }
    /// A concept `prefix:LocalName` with a known prefix; `cyd` names must exist.
    pub fn concept(&mut self, node: &Node, what: &str) -> Option<ConceptRef> {
        let s = self.scalar(node, what)?;
        let Some((prefix, local)) = s.split_once(':') else {
            self.err(
                node.span.clone(),
                format!("{what} must be written prefix:LocalName, found `{s}`"),
            );
            return None;
        };
        if !KNOWN_PREFIXES.contains(&prefix) {
            self.err(
                node.span.clone(),
                format!(
                    "unknown concept prefix `{prefix}` in `{s}`; known: {}",
                    KNOWN_PREFIXES.join(", ")
                ),
            );
            return None;
        }
        if prefix == "cyd" && taxonomy::cyd_element(local).is_none() {
            let names: Vec<&str> = taxonomy::cyd_elements()
                .iter()
                .map(|e| e.name.as_str())
                .collect();
            let hint = closest(local, &names)
                .map(|c| format!(" (did you mean `cyd:{c}`?)"))
                .unwrap_or_default();
            self.err(
                node.span.clone(),
                format!("unknown concept `{s}`: no such element in the cyd taxonomy{hint}"),
            );
            return None;
        }
        Some(ConceptRef {
            prefix: prefix.to_owned(),
            local: local.to_owned(),
        })
    }

    /// A list of concepts.
    pub fn concepts(&mut self, node: &Node, what: &str) -> Option<Vec<ConceptRef>> {
        let items = self.list(node, what)?;
        let mut out = Vec::new();
        let mut ok = true;
        for n in items {
            match self.concept(n, what) {
                Some(c) => out.push(c),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }
}

/// A concept named in a rule: canonical prefix and local name.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ConceptRef {
    /// Canonical prefix (`cyd`, `dei`, …).
    pub prefix: String,
    /// Local name.
    pub local: String,
}

impl ConceptRef {
    /// `prefix:Local`.
    pub fn qname(&self) -> String {
        format!("{}:{}", self.prefix, self.local)
    }

    /// True when a fact reports this concept.
    pub fn matches(&self, c: &crate::filing::Concept) -> bool {
        *c.local_name == *self.local && *c.prefix == *self.prefix
    }
}

/// The closest candidate within an edit distance of 3.
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (edit_distance(word, c), *c))
        .filter(|(d, _)| *d <= 3.max(word.len() / 6))
        .min()
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Whether every key of `map` is a scalar in `allowed`, written once: what [`Cx::keys`]
/// reports nothing about.
fn keys_fit(map: &[(Node, Node)], allowed: &[&str]) -> bool {
    map.iter().enumerate().all(|(i, (k, _))| {
        k.as_str().is_some_and(|k| {
            allowed.contains(&k) && !map[..i].iter().any(|(p, _)| p.as_str() == Some(k))
        })
    })
}

/// Whether an unquoted scalar's text is a string as [`Node::type_name`] names it, told by
/// its first byte where that settles it: a text starting with a letter that starts no
/// number (`inf`, `infinity` and `nan`, in any case, are numbers to `f64`'s parser), no
/// null and no boolean word is a string. `false` means "ask `type_name`", not "not a string".
fn plain_is_string(text: &str) -> bool {
    match text.as_bytes().first() {
        Some(b) if b.is_ascii_alphabetic() => !matches!(b, b'i' | b'I' | b'n' | b'N' | b't' | b'f'),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::yaml::parse;

    #[test]
    fn the_fast_string_test_agrees_with_type_name() {
        let plain = |t: &str| Node {
            value: Value::Scalar {
                text: t.to_owned().into(),
                quoted: false,
            },
            span: 0..0,
        };
        let mut texts: Vec<String> = [
            "",
            "~",
            "null",
            "true",
            "false",
            "inf",
            "Inf",
            "infinity",
            "-inf",
            "+inf",
            "nan",
            "NaN",
            "NAN",
            "1",
            "1.5",
            ".5",
            "1e3",
            "e3",
            "E",
            "x",
            "abc",
            "No",
            "yes",
            "tRue",
            "falsey",
            "nullish",
            "ineffective",
            "name",
            "-x",
            "+",
            "é",
            "Ünicode",
            "_a",
            "1a",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Every printable ASCII character alone, and before a few tails.
        for c in 0x20u8..0x7f {
            for tail in ["", "1", "nf", "an", "x", "rue", "alse", "ull", ".0", "e5"] {
                texts.push(format!("{}{tail}", c as char));
            }
        }
        for t in &texts {
            if plain_is_string(t) {
                assert_eq!(plain(t).type_name(), "a string", "{t:?}");
            }
        }
        // And it settles the common case: a word.
        assert!(plain_is_string("words") && plain_is_string("Board"));
    }

    #[test]
    fn the_fast_key_test_agrees_with_the_report() {
        let allowed = ["a", "b", "c"];
        for src in [
            "{a: 1}",
            "{a: 1, b: 2, c: 3}",
            "{a: 1, a: 2}",
            "{d: 1}",
            "{a: 1, d: 2}",
            "{[a]: 1}",
            "{}",
            "[a]",
            "a",
            "{c: 1, b: 2, c: 3}",
        ] {
            let Ok(node) = parse(src) else { continue };
            let mut cx = Cx::new("t", src);
            let ok = cx.keys(&node, "t", &allowed);
            let fits = node.as_map().is_some_and(|m| keys_fit(m, &allowed));
            assert_eq!(fits, ok && cx.errors.is_empty(), "{src}");
        }
    }
}
