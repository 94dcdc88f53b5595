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
}
