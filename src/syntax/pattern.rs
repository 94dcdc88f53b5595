//! Rule patterns, compiled with cydlint's size limits and shared: one compiled regex per
//! pattern in the process ([`SharedRegex`]), the built-in pack's compiled on first use
//! ([`LazyRegex`]). On the syntax floor, beneath every file that names a pattern, so that the
//! check kinds and the rule language share one cache.

use regex::Regex;

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
/// bad one is reported there, as always. It derefs to the [`Regex`]; `as_str` is the pattern
/// without compiling it.
pub struct LazyRegex {
    pattern: String,
    regex: std::sync::OnceLock<Regex>,
}

impl LazyRegex {
    /// The pattern, as `Regex::as_str` gives it (nothing is compiled).
    pub fn as_str(&self) -> &str {
        &self.pattern
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
