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
