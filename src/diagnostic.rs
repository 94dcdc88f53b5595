//! The one finding type: plain data, produced by the engine, rendered by `report`.

use serde::Serialize;

use crate::source::Span;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A requirement is not met, or the filing contradicts itself.
    Error,
    /// Probably wrong, or a "should".
    Warning,
    /// Worth a look.
    Info,
}

impl Severity {
    /// Parses `error`, `warning` or `info`.
    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            _ => None,
        }
    }

    /// The lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    /// "must" for errors, "should" otherwise (the `{severityVerb}` of messages, as in EFM).
    pub fn verb(self) -> &'static str {
        match self {
            Severity::Error => "must",
            _ => "should",
        }
    }
}

/// A secondary location with its own message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Label {
    /// Where.
    pub span: Span,
    /// What it shows.
    pub message: String,
    /// The concept of the fact it points at, when it points at a fact.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub concept: Option<String>,
}

impl Label {
    /// A label on a fact: its span, with its concept.
    pub fn on_fact(f: &crate::filing::Fact, message: impl Into<String>) -> Label {
        Label {
            span: f.span,
            message: message.into(),
            concept: Some(f.concept.qname()),
        }
    }
}

/// One finding about a filing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The rule id, e.g. `CYD-X-008`, or `read:<code>` for a problem met while reading.
    pub rule: String,
    /// The rule's kebab-case name.
    pub name: String,
    /// Severity.
    pub severity: Severity,
    /// The message, templates filled in.
    pub message: String,
    /// The primary location.
    pub span: Span,
    /// Secondary locations (possibly in other files of the set).
    pub labels: Vec<Label>,
    /// How to fix it.
    pub help: Option<String>,
    /// Citations of the rule.
    pub citations: Vec<String>,
    /// Where the rule is documented.
    pub docs_url: Option<String>,
    /// The concept, when the finding is about one fact (canonical `prefix:Name`).
    pub concept: Option<String>,
    /// The matched text, for text rules.
    pub matched: Option<String>,
    /// The context of the fact the finding is about.
    pub context: Option<String>,
    /// The id of the fact the finding is about.
    pub fact_id: Option<String>,
}

impl Finding {
    /// A stable fingerprint for baselines and SARIF `partialFingerprints`: the rule, the file
    /// name (not its folder), the concept, the context and the matched text (white space
    /// normalised, lower-cased), or the message when nothing was matched. Never line numbers
    /// or offsets, so editing elsewhere in the document does not change it.
    pub fn fingerprint(&self, file_name: &str) -> String {
        let text = self.matched.as_deref().unwrap_or(&self.message);
        let norm: String = text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        let parts = [
            self.rule.as_str(),
            file_name,
            self.concept.as_deref().unwrap_or(""),
            self.context.as_deref().unwrap_or(""),
            norm.as_str(),
        ];
        // FNV-1a, 64 bits: stable across platforms and releases.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for p in parts {
            for b in p.bytes().chain(std::iter::once(0xff)) {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        }
        format!("{h:016x}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(matched: &str, start: usize) -> Finding {
        Finding {
            rule: "CYD-X-008".into(),
            name: "n".into(),
            severity: Severity::Error,
            message: "m".into(),
            span: Span::new(0, start, start + 5),
            labels: Vec::new(),
            help: None,
            citations: Vec::new(),
            docs_url: None,
            concept: None,
            matched: Some(matched.into()),
            context: None,
            fact_id: None,
        }
    }

    #[test]
    fn fingerprints_ignore_positions_and_spacing() {
        let a = finding("had a material  effect", 10).fingerprint("x.htm");
        let b = finding("Had a material\neffect", 9000).fingerprint("x.htm");
        assert_eq!(a, b);
        assert_ne!(a, finding("had a material effect", 10).fingerprint("y.htm"));
        assert_ne!(
            a,
            finding("have materially affected", 10).fingerprint("x.htm")
        );
        assert_eq!(a.len(), 16);
    }
}

/// How many findings of one kind a file shows one by one before the rest fold into one.
pub const FOLD_AFTER: usize = 3;

/// How many of the folded findings' locations the folded finding lists as related locations.
pub const FOLD_LOCATIONS: usize = 10;

/// The fold key of a finding: its rule, file and concept and its message's shape (digits
/// made alike, so `f-12` and `f-13` are one shape), hashed.
fn fold_key(f: &Finding) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |b: u8| {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    };
    for b in f.rule.bytes() {
        eat(b);
    }
    eat(0xff);
    for b in (f.span.file as u64).to_le_bytes() {
        eat(b);
    }
    for b in f.concept.as_deref().unwrap_or("").bytes() {
        eat(b);
    }
    eat(0xff);
    let mut digits = false;
    for b in f.message.bytes() {
        if b.is_ascii_digit() {
            if !digits {
                eat(b'#');
            }
            digits = true;
        } else {
            digits = false;
            eat(b);
        }
    }
    h
}

/// Folds repeated findings, so that a report grows with the number of distinct problems, not
/// with repetitions: of the findings with one rule, file, concept and message shape, the first
/// [`FOLD_AFTER`] stay as they are; the next becomes one finding that says how many it stands
/// for, with the locations of the first [`FOLD_LOCATIONS`] of the others as related locations
/// (labels); the rest are dropped. Order is kept. Returns the findings and how many were
/// folded away. A group of at most `FOLD_AFTER + 1` is left alone.
pub fn fold(findings: Vec<Finding>) -> (Vec<Finding>, usize) {
    let keys: Vec<u64> = findings.iter().map(fold_key).collect();
    let mut totals: crate::FastMap<u64, usize> = Default::default();
    for k in &keys {
        *totals.entry(*k).or_default() += 1;
    }
    if totals.values().all(|&n| n <= FOLD_AFTER + 1) {
        return (findings, 0);
    }
    // Per key: how many seen, and the index in `out` of the folded finding.
    let mut seen: crate::FastMap<u64, (usize, usize)> = Default::default();
    let mut out: Vec<Finding> = Vec::new();
    let mut folded = 0;
    for (f, k) in findings.into_iter().zip(keys) {
        let total = totals[&k];
        let entry = seen.entry(k).or_insert((0, usize::MAX));
        entry.0 += 1;
        let n = entry.0;
        if total <= FOLD_AFTER + 1 || n <= FOLD_AFTER {
            out.push(f);
        } else if n == FOLD_AFTER + 1 {
            let more = total - n;
            let mut f = f;
            f.message = format!(
                "{} (and {more} more like it in this file, folded here: --no-fold lists each)",
                f.message
            );
            entry.1 = out.len();
            out.push(f);
        } else {
            folded += 1;
            let target = &mut out[entry.1];
            if n - FOLD_AFTER - 1 <= FOLD_LOCATIONS {
                target.labels.push(Label {
                    span: f.span,
                    message: "also here (folded)".into(),
                    concept: f.concept,
                });
            }
        }
    }
    (out, folded)
}

#[cfg(test)]
mod fold_tests {
    use super::*;

    fn finding(rule: &str, file: usize, at: usize, message: &str) -> Finding {
        Finding {
            rule: rule.into(),
            name: "n".into(),
            severity: Severity::Warning,
            message: message.into(),
            span: Span::new(file, at, at + 1),
            labels: Vec::new(),
            help: None,
            citations: Vec::new(),
            docs_url: None,
            concept: Some("cyd:X".into()),
            matched: None,
            context: None,
            fact_id: None,
        }
    }

    #[test]
    fn repeats_beyond_three_fold_into_one_with_a_count_and_locations() {
        let mut v: Vec<Finding> = (0..100)
            .map(|i| finding("R-1", 0, i, &format!("id `f-{i}` repeats")))
            .collect();
        v.insert(50, finding("R-2", 0, 50, "other"));
        v.push(finding("R-1", 1, 0, "id `f-0` repeats")); // another file
        v.push(finding("R-1", 0, 200, "another shape"));
        let (out, folded) = fold(v);
        assert_eq!(folded, 100 - 4);
        let r1: Vec<&Finding> = out
            .iter()
            .filter(|f| f.rule == "R-1" && f.span.file == 0 && f.message.contains("repeats"))
            .collect();
        assert_eq!(r1.len(), 4);
        assert!(r1[..3].iter().all(|f| f.labels.is_empty()));
        assert!(
            r1[3]
                .message
                .ends_with("(and 96 more like it in this file, folded here: --no-fold lists each)"),
            "{}",
            r1[3].message
        );
        assert_eq!(r1[3].span.start, 3);
        let at: Vec<usize> = r1[3].labels.iter().map(|l| l.span.start).collect();
        assert_eq!(at, (4..14).collect::<Vec<_>>());
        assert_eq!(out.len(), 4 + 3);
        // Four of a kind are left alone.
        let four: Vec<Finding> = (0..4).map(|i| finding("R", 0, i, "m")).collect();
        assert_eq!(fold(four.clone()), (four, 0));
    }
}
