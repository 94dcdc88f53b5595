//! Errors in rule files: each points into the YAML, and renders through miette.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use miette::{Diagnostic, LabeledSpan, NamedSource, SourceCode};

/// A YAML file's text as the errors and rules read from it share it: a built-in file's
/// borrowed from the binary (nothing copied at start-up), a user's owned.
pub type Source = Arc<Cow<'static, str>>;

/// One problem in one rule file.
#[derive(Clone, Debug)]
pub struct RuleError {
    /// The file, as a display name.
    pub file: String,
    /// Its source (shared by all errors of the file; a built-in file's borrowed from the
    /// binary, not copied).
    pub source: Source,
    /// The offending bytes.
    pub span: Range<usize>,
    /// What is wrong, and what to do.
    pub message: String,
}

impl RuleError {
    /// 1-based line and column of the error.
    pub fn line_col(&self) -> (usize, usize) {
        super::yaml::line_col(&self.source, self.span.start)
    }
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (l, c) = self.line_col();
        write!(f, "{}:{l}:{c}: {}", self.file, self.message)
    }
}

impl std::error::Error for RuleError {}

/// A miette view of a [`RuleError`] (the source is named after the file).
pub struct RuleErrorReport {
    err: RuleError,
    named: NamedSource<String>,
    code: &'static str,
    url: Option<String>,
}

impl RuleErrorReport {
    /// Wraps an error of a rule file for rendering (code `invalid-rule`).
    pub fn new(err: RuleError) -> Self {
        let named = NamedSource::new(err.file.clone(), err.source.to_string());
        RuleErrorReport {
            err,
            named,
            code: "invalid-rule",
            url: None,
        }
    }

    /// The same with another code and a docs link (a configuration file's errors).
    pub fn with_code(mut self, code: &'static str, url: Option<String>) -> Self {
        self.code = code;
        self.url = url;
        self
    }
}

impl fmt::Debug for RuleErrorReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.err, f)
    }
}

impl fmt::Display for RuleErrorReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.err.message)
    }
}

impl std::error::Error for RuleErrorReport {}

impl Diagnostic for RuleErrorReport {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.code))
    }

    fn url<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.url
            .as_ref()
            .map(|u| Box::new(u) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.named)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let len = self.err.span.end.saturating_sub(self.err.span.start);
        Some(Box::new(std::iter::once(LabeledSpan::new(
            Some("here".into()),
            self.err.span.start,
            len,
        ))))
    }
}

/// Every error of a rule load.
#[derive(Debug, Default)]
pub struct RuleErrors(pub Vec<RuleError>);

impl fmt::Display for RuleErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for e in &self.0 {
            writeln!(f, "{e}")?;
        }
        Ok(())
    }
}
