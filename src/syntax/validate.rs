//! The validation primitives every YAML file of the tool is read with: [`ConceptRef`], a
//! concept named in a file, and [`closest`], the did-you-mean of every message. Below the
//! claim layer, the check kinds and the rule language, which read their parameters with them.

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
