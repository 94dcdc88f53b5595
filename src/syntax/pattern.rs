//! Rule patterns, compiled with cydlint's size limits and shared: one compiled regex per
//! pattern in the process ([`SharedRegex`]), the built-in pack's compiled on first use
//! ([`LazyRegex`]), or loaded from the automata build.rs stored for a few of them
//! ([`super::stored`]). On the syntax floor, beneath every file that names a pattern, so that
//! the check kinds and the rule language share one cache.

use regex::Regex;

use super::stored::StoredRegex;

/// A compiled pattern, shared: every user of one pattern holds the same regex. A `Regex`
/// clone would share the compiled program but not its caches — each clone builds its own lazy
/// DFA, state by state, as it searches — and packs repeat patterns (the cyd namespace of most
/// fact selectors, the default negation words of every guarded rule).
pub type SharedRegex = std::sync::Arc<LazyRegex>;

/// A rule pattern compiled on first use. Compiling the built-in pack's ~150 patterns was a
/// third of every run's start-up, though a filing needs only those of the rules that apply to
/// it (a draft none of the fact rules', a 10-K none of the 8-K rules'). Built-in patterns are
/// compiled when first searched — each is tested to compile (`cargo test`), so the first use
/// cannot fail — and a user pack's patterns are compiled when the pack is loaded, so that a
/// bad one is reported there, as always. A pattern whose automata build.rs stored
/// ([`super::stored`]) is searched with them and never compiled (unless `compile` or `Deref`
/// asks for the [`Regex`] itself). `is_match`, `find_iter` and `replace_all` search with
/// whichever it has; it derefs to the [`Regex`]; `as_str` is the pattern without compiling it.
pub struct LazyRegex {
    pattern: String,
    regex: std::sync::OnceLock<Regex>,
    /// The stored automata, looked up on first search (`None`: not stored, or they do not
    /// load, and the regex is compiled instead).
    stored: std::sync::OnceLock<Option<StoredRegex>>,
}

/// The matches of [`LazyRegex::find_iter`], from either engine.
pub enum Matches<'r, 'h> {
    /// The stored automata's.
    Stored(regex_automata::dfa::regex::FindMatches<'r, 'h, StoredDfa>),
    /// The compiled regex's.
    Compiled(regex::Matches<'r, 'h>),
}

type StoredDfa = regex_automata::dfa::dense::DFA<&'static [u32]>;

impl Iterator for Matches<'_, '_> {
    type Item = regex_automata::Match;

    fn next(&mut self) -> Option<regex_automata::Match> {
        match self {
            Matches::Stored(m) => m.next(),
            Matches::Compiled(m) => m.next().map(|m| regex_automata::Match::must(0, m.range())),
        }
    }
}

impl LazyRegex {
    /// The pattern, as `Regex::as_str` gives it (nothing is compiled).
    pub fn as_str(&self) -> &str {
        &self.pattern
    }

    /// The stored automata of the pattern, when it has some that load.
    fn stored(&self) -> Option<&StoredRegex> {
        self.stored
            .get_or_init(|| super::stored::stored(&self.pattern))
            .as_ref()
    }

    /// `Regex::is_match`.
    pub fn is_match(&self, haystack: &str) -> bool {
        match self.stored() {
            Some(d) => d.is_match(haystack.as_bytes()),
            None => std::ops::Deref::deref(self).is_match(haystack),
        }
    }

    /// `Regex::find_iter`: the leftmost-first matches, one after another.
    pub fn find_iter<'r, 'h>(&'r self, haystack: &'h str) -> Matches<'r, 'h> {
        match self.stored() {
            Some(d) => Matches::Stored(d.find_iter(haystack.as_bytes())),
            None => Matches::Compiled(std::ops::Deref::deref(self).find_iter(haystack)),
        }
    }

    /// `Regex::replace_all` with a replacement taken as it is (no `$` groups).
    pub fn replace_all<'h>(&self, haystack: &'h str, with: &str) -> std::borrow::Cow<'h, str> {
        if self.stored().is_none() {
            return std::ops::Deref::deref(self).replace_all(haystack, regex::NoExpand(with));
        }
        let mut out = String::new();
        let mut last = 0;
        for m in self.find_iter(haystack) {
            out.push_str(&haystack[last..m.start()]);
            out.push_str(with);
            last = m.end();
        }
        if last == 0 && out.is_empty() {
            return std::borrow::Cow::Borrowed(haystack);
        }
        out.push_str(&haystack[last..]);
        std::borrow::Cow::Owned(out)
    }

    /// Whether the pattern is searched with stored automata (tests).
    #[cfg(test)]
    pub(crate) fn uses_stored(&self) -> bool {
        self.stored().is_some()
    }

    /// The pattern, never searched with stored automata (tests: what they are compared with).
    #[cfg(test)]
    pub(crate) fn without_stored(pattern: &str) -> LazyRegex {
        LazyRegex {
            pattern: pattern.to_owned(),
            regex: std::sync::OnceLock::new(),
            stored: std::sync::OnceLock::from(None),
        }
    }

    /// Compiles the pattern now (a no-op once compiled).
    pub fn compile(&self) -> Result<&Regex, regex::Error> {
        if let Some(r) = self.regex.get() {
            return Ok(r);
        }
        let r = regex::RegexBuilder::new(&self.pattern)
            .size_limit(REGEX_SIZE_LIMIT)
            .dfa_size_limit(REGEX_DFA_LIMIT)
            .build()?;
        Ok(self.regex.get_or_init(|| r))
    }
}

impl std::ops::Deref for LazyRegex {
    type Target = Regex;

    fn deref(&self) -> &Regex {
        // Only built-in patterns reach here uncompiled, and each is tested to compile
        // (`every_builtin_pattern_compiles`).
        self.compile()
            .unwrap_or_else(|e| panic!("built-in pattern {:?}: {e}", self.pattern))
    }
}

impl std::fmt::Debug for LazyRegex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Regex").field(&self.pattern).finish()
    }
}

/// The largest compiled program a rule pattern may have (bytes of the regex crate's
/// `size_limit`): 4 MiB. A pattern, guard word list or exception list over it is a load
/// error that names the limit.
pub const REGEX_SIZE_LIMIT: usize = 4 << 20;

/// The largest cache the lazy DFA of a rule pattern may use (the regex crate's
/// `dfa_size_limit`): 4 MiB. Over it, searches fall back to a slower engine — same matches.
pub const REGEX_DFA_LIMIT: usize = 1 << 22;

/// Why a pattern could not be compiled, in one line: `what` is not a valid regex (the
/// parser's reason), or exceeds the size limit.
pub fn regex_problem(what: &str, e: &regex::Error) -> String {
    match e {
        regex::Error::CompiledTooBig(limit) => format!(
            "{what} is too large: compiled, it exceeds the regex size limit of {} MiB ({limit} bytes); split it or shorten its word lists",
            limit >> 20
        ),
        _ => {
            let msg = e.to_string();
            let last = msg.lines().last().unwrap_or("invalid").trim().to_owned();
            format!("{what} is not a valid regex: {last}")
        }
    }
}

type Cache = std::sync::Mutex<std::collections::HashMap<String, SharedRegex>>;

/// Every pattern of the process, one [`LazyRegex`] each.
static CACHE: std::sync::LazyLock<Cache> = std::sync::LazyLock::new(Default::default);

/// Compiles a rule pattern (with cydlint's size limits), once per process: packs repeat
/// patterns, and compiling is most of the start-up time; see [`SharedRegex`].
pub fn build_regex(pattern: &str) -> Result<SharedRegex, regex::Error> {
    // Only patterns that compile are shared (a bad user pattern is not kept).
    let r = cached(pattern).unwrap_or_else(|| uncompiled(pattern));
    r.compile()?;
    Ok(share(r))
}

/// The shared regex of a built-in pattern, compiled on first use ([`LazyRegex`]).
pub(crate) fn shared_regex(pattern: &str) -> SharedRegex {
    cached(pattern).unwrap_or_else(|| share(uncompiled(pattern)))
}

fn cached(pattern: &str) -> Option<SharedRegex> {
    CACHE.lock().ok().and_then(|c| c.get(pattern).cloned())
}

fn uncompiled(pattern: &str) -> SharedRegex {
    SharedRegex::new(LazyRegex {
        pattern: pattern.to_owned(),
        regex: std::sync::OnceLock::new(),
        stored: std::sync::OnceLock::new(),
    })
}

/// `r`, or the regex of its pattern shared already.
fn share(r: SharedRegex) -> SharedRegex {
    match CACHE.lock() {
        Ok(mut c) => c.entry(r.pattern.clone()).or_insert(r).clone(),
        Err(_) => r,
    }
}

/// Compiles every pattern made so far, and how many there are, with those that do not
/// compile (tests: the built-in pack's patterns all compile).
#[cfg(test)]
pub(crate) fn compile_all() -> (usize, Vec<(String, regex::Error)>) {
    let all: Vec<SharedRegex> = CACHE
        .lock()
        .map(|c| c.values().cloned().collect())
        .unwrap_or_default();
    let bad = all
        .iter()
        .filter_map(|r| r.compile().err().map(|e| (r.as_str().to_owned(), e)))
        .collect();
    (all.len(), bad)
}

/// Every pattern made so far (tests: the built-in pack's, once it is loaded).
#[cfg(test)]
pub(crate) fn patterns_made() -> Vec<String> {
    CACHE
        .lock()
        .map(|c| c.keys().cloned().collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    /// One pattern, one regex: users of a pattern share its lazy DFA's states.
    #[test]
    fn a_pattern_is_compiled_once_and_shared() {
        let a = build_regex(r"(?i)^(?:http://xbrl\.sec\.gov/cyd/.*)$").unwrap();
        let b = build_regex(r"(?i)^(?:http://xbrl\.sec\.gov/cyd/.*)$").unwrap();
        assert!(std::sync::Arc::ptr_eq(&a, &b));
        let c = build_regex(r"(?i)^(?:http://xbrl\.sec\.gov/dei/.*)$").unwrap();
        assert!(!std::sync::Arc::ptr_eq(&a, &c));
        assert!(build_regex("(").is_err());
    }

    /// A pattern whose automata do not load (`stored`'s test
    /// `a_missing_or_damaged_automaton_does_not_load`) is compiled, and finds the same matches
    /// the automata find.
    #[test]
    fn a_pattern_whose_automata_do_not_load_is_compiled() {
        let p = *crate::syntax::stored::patterns().last().unwrap();
        let fallback = LazyRegex::without_stored(p);
        let text = "This item is incorporated herein by reference; Incorporated by  reference.";
        let with: Vec<_> = shared_regex(p).find_iter(text).map(|m| m.range()).collect();
        let without: Vec<_> = fallback.find_iter(text).map(|m| m.range()).collect();
        assert_eq!(with, without);
        assert_eq!(with.len(), 1);
        assert!(!fallback.uses_stored() && shared_regex(p).uses_stored());
        assert!(fallback.regex.get().is_some(), "compiled");
        assert!(!shared_regex("(?i)not stored").uses_stored());
    }

    /// The shared corpus's files (`$CYDLINT_SHARED` or `../shared`, as the integration tests
    /// find it): the test fails without them, unless `CYDLINT_SKIP_SHARED=1`, when it says so
    /// and runs on the generated texts alone.
    fn corpus_texts() -> Vec<String> {
        let shared = std::env::var_os("CYDLINT_SHARED").map_or_else(
            || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"),
            PathBuf::from,
        );
        if !shared.join("corpus/filings").is_dir() {
            assert!(
                std::env::var_os("CYDLINT_SKIP_SHARED").is_some_and(|v| v == "1"),
                "this test needs the shared corpus: {} is not a directory",
                shared.join("corpus/filings").display()
            );
            eprintln!(
                "SKIPPED the corpus texts (CYDLINT_SKIP_SHARED=1, no shared corpus): {}",
                std::thread::current().name().unwrap_or("a test")
            );
            return Vec::new();
        }
        let mut files = Vec::new();
        for dir in std::fs::read_dir(shared.join("corpus/filings"))
            .into_iter()
            .flatten()
        {
            let Ok(dir) = dir else { continue };
            for f in std::fs::read_dir(dir.path()).into_iter().flatten() {
                let Ok(f) = f else { continue };
                files.push(f.path());
            }
        }
        files.sort();
        files
            .iter()
            .filter_map(|f| std::fs::read_to_string(f).ok())
            .collect()
    }

    /// Texts made of the stored patterns' words and their near misses (other cases, the
    /// letters whose case folds reach past ASCII — `K`, `ſ` —, word characters on either
    /// side, line ends), 40,000 of them.
    fn generated_texts() -> Vec<String> {
        let pieces = [
            "cyber",
            "Cyber",
            "CYBERSECURITY",
            "security",
            "Security",
            " ",
            "  ",
            "\n",
            "-",
            "_",
            "9",
            "é",
            "\u{212a}",
            "\u{17f}",
            "s",
            "K",
            "information",
            "risk",
            "risks",
            "management",
            "assessment",
            "program",
            "programme",
            "processes",
            "governance",
            "oversight",
            "oversight of",
            "strategy",
            "related",
            "-related",
            " related",
            "incorporated",
            "incorporated ",
            "herein ",
            "into this item ",
            "by reference",
            "by",
            "reference",
            "manage",
            "manages",
            "managing",
            "management of",
            "assesses",
            "assessing",
            "assessment of",
            "identify",
            "identifying",
            "oversee",
            "oversees",
            "overseeing",
            "material ",
            "the ",
            "risks from ",
            "risk from ",
            "Flag",
            "flag",
            "TextBlock",
            "Textblock",
            "http://xbrl.sec.gov/cyd/",
            "http://xbrl.sec.gov/cyd",
            "HTTP://XBRL.SEC.GOV/CYD/2024",
            "MaterialCybersecurityIncident",
            "Cybersecurity",
            "Cybersecurity ",
            "x",
            "é ",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        (0..40_000)
            .map(|_| {
                let n = next() % 10;
                (0..n)
                    .map(|_| pieces[(next() % pieces.len() as u64) as usize])
                    .collect()
            })
            .collect()
    }

    /// Every stored automaton matches what the regex compiled at run time matches —
    /// leftmost-first, the same spans, through `find_iter`, `is_match` and `replace_all` —
    /// on every corpus file (whole, and line by line) and on generated text.
    #[test]
    fn every_stored_automaton_matches_as_the_regex_does() {
        let corpus = corpus_texts();
        let generated = generated_texts();
        let mut texts: Vec<&str> = generated.iter().map(String::as_str).collect();
        for t in &corpus {
            texts.push(t);
            texts.extend(t.lines());
        }
        let mut matches = 0;
        for p in crate::syntax::stored::patterns() {
            let stored = shared_regex(p);
            assert!(stored.uses_stored(), "{p:?}");
            let regex = LazyRegex::without_stored(p);
            for t in &texts {
                let a: Vec<_> = stored.find_iter(t).map(|m| m.range()).collect();
                let b: Vec<_> = regex.find_iter(t).map(|m| m.range()).collect();
                assert_eq!(a, b, "{p:?} in {t:?}");
                assert_eq!(stored.is_match(t), !b.is_empty(), "{p:?} in {t:?}");
                matches += b.len();
            }
            for t in texts.iter().take(2_000) {
                assert_eq!(stored.replace_all(t, " "), regex.replace_all(t, " "));
            }
        }
        assert!(matches > 1_000, "{matches} matches");
    }
}
