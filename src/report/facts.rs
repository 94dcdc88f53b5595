//! Output of `cydlint facts`: the documented JSON contract (docs/output-formats.md) and a table.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use crate::filing::{Fact, Filing, IssueLevel, Period};
use crate::source::Span;

/// A location in the JSON contract: byte offsets 0-based, line and column 1-based, column in
/// characters.
#[derive(Debug, Serialize, PartialEq, Eq, Clone)]
pub struct Location {
    /// The file, as given on the command line.
    pub file: String,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// 1-based line of `start`.
    pub line: usize,
    /// 1-based column (characters) of `start`.
    pub column: usize,
    /// Word documents: the 1-based paragraph (the same as `line`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<usize>,
    /// Word documents: the character range within the paragraph, 0-based, end exclusive.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chars: Option<(usize, usize)>,
    /// Word documents: the nearest heading before the paragraph.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
}

impl Location {
    /// The location of a span of `filing`.
    pub fn of(filing: &Filing, span: Span) -> Location {
        let (file, line, column) = match filing.files.get(span.file) {
            Some(f) => {
                let (l, c) = f.line_col(span.start);
                // The file an editor opens: for a document of a submission .txt, the .txt
                // (its lines and columns are the .txt's).
                (f.path.display().to_string(), l, c)
            }
            None => (String::new(), 0, 0),
        };
        let mut loc = Location {
            file,
            start: span.start,
            end: span.end,
            line,
            column,
            paragraph: None,
            chars: None,
            heading: None,
        };
        if let Some(f) = filing.files.get(span.file)
            && f.docx.is_some()
        {
            let (el, ec) = f.line_col(span.end);
            let end_char = if el == line {
                ec - 1
            } else {
                f.text
                    .lines()
                    .nth(line - 1)
                    .map_or(0, |p| p.chars().count())
            };
            loc.paragraph = Some(line);
            loc.chars = Some((column - 1, end_char.max(column - 1)));
            loc.heading = f.heading_before(line).map(str::to_owned);
        }
        loc
    }
}

#[derive(Serialize)]
struct JsonFact<'a> {
    concept: String,
    namespace: &'a str,
    local_name: &'a str,
    context: Option<&'a str>,
    period: Option<&'a Period>,
    dimensions: BTreeMap<String, String>,
    unit: Option<&'a str>,
    format: Option<&'a str>,
    value: Option<&'a str>,
    boolean: Option<bool>,
    text: Option<&'a str>,
    html: Option<std::borrow::Cow<'a, str>>,
    escape: bool,
    hidden: bool,
    nil: bool,
    id: Option<&'a str>,
    location: Location,
    continuations: Vec<Location>,
}

#[derive(Serialize)]
struct JsonIssue<'a> {
    code: &'a str,
    level: IssueLevel,
    message: &'a str,
    location: Location,
}

#[derive(Serialize)]
struct JsonSection<'a> {
    kind: &'a str,
    heading: &'a str,
    location: Option<Location>,
}

#[derive(Serialize)]
struct JsonFiling<'a> {
    version: u32,
    files: Vec<String>,
    kind: Option<crate::filing::InputKind>,
    document_type: Option<&'a str>,
    period_end: Option<&'a str>,
    amendment: Option<bool>,
    transition_report: Option<bool>,
    registrant_name: Option<&'a str>,
    cik: Option<&'a str>,
    cyd_namespaces: &'a [String],
    facts: Vec<JsonFact<'a>>,
    sections: Vec<JsonSection<'a>>,
    issues: Vec<JsonIssue<'a>>,
}

fn json_fact<'a>(filing: &'a Filing, f: &'a Fact) -> JsonFact<'a> {
    let ctx = filing.context_of(f);
    JsonFact {
        concept: f.concept.qname(),
        namespace: &f.concept.namespace,
        local_name: &f.concept.local_name,
        context: f.context.as_deref(),
        period: ctx.and_then(|c| c.period.as_ref()),
        dimensions: ctx.map(|c| c.dimensions.clone()).unwrap_or_default(),
        unit: f.unit.as_deref(),
        format: f.format.as_deref(),
        value: f.value.as_deref(),
        boolean: f.boolean,
        text: f.text(),
        html: filing.html(f),
        escape: f.escape,
        hidden: f.hidden,
        nil: f.nil,
        id: f.id.as_deref(),
        location: Location::of(filing, f.span),
        continuations: f
            .continuations()
            .iter()
            .map(|s| Location::of(filing, *s))
            .collect(),
    }
}

/// Writes one JSON object (one line) for a filing.
pub fn write_json(out: &mut dyn Write, filing: &Filing, cyd_only: bool) -> io::Result<()> {
    let doc = JsonFiling {
        version: 1,
        files: filing.documents().map(|f| f.name()).collect(),
        kind: filing.kind,
        document_type: filing.cover.document_type.as_deref(),
        period_end: filing.cover.period_end.as_deref(),
        amendment: filing.cover.amendment,
        transition_report: filing.cover.transition_report,
        registrant_name: filing.cover.registrant_name.as_deref(),
        cik: filing.cover.cik.as_deref(),
        cyd_namespaces: &filing.cyd_namespaces,
        facts: filing
            .facts
            .iter()
            .filter(|f| !cyd_only || f.concept.is_cyd())
            .map(|f| json_fact(filing, f))
            .collect(),
        sections: filing
            .text
            .sections
            .iter()
            .map(|s| JsonSection {
                kind: s.kind.as_str(),
                heading: &s.heading,
                location: filing
                    .text
                    .span(s.heading_range.clone())
                    .map(|sp| Location::of(filing, sp)),
            })
            .collect(),
        issues: filing
            .issues
            .iter()
            .map(|i| JsonIssue {
                code: i.code,
                level: i.level,
                message: &i.message,
                location: Location::of(filing, i.span),
            })
            .collect(),
    };
    serde_json::to_writer(&mut *out, &doc).map_err(super::json_io_error)?;
    writeln!(out)
}

fn excerpt(s: &str, n: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= n {
        s
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// Writes a table of a filing's facts.
pub fn write_table(out: &mut dyn Write, filing: &Filing, cyd_only: bool) -> io::Result<()> {
    let names: Vec<String> = filing.documents().map(|f| f.name()).collect();
    writeln!(out, "{}", names.join(" + "))?;
    writeln!(
        out,
        "  document type: {}   period end: {}   registrant: {}",
        filing.cover.document_type.as_deref().unwrap_or("-"),
        filing.cover.period_end.as_deref().unwrap_or("-"),
        filing.cover.registrant_name.as_deref().unwrap_or("-"),
    )?;
    let facts: Vec<&Fact> = filing
        .facts
        .iter()
        .filter(|f| !cyd_only || f.concept.is_cyd())
        .collect();
    let width = facts
        .iter()
        .map(|f| f.concept.qname().len())
        .max()
        .unwrap_or(0)
        .min(100);
    for f in &facts {
        let loc = Location::of(filing, f.span);
        let value = if f.nil {
            "(nil)".to_string()
        } else if let Some(b) = f.boolean {
            b.to_string()
        } else if let Some(t) = &f.text() {
            format!("\"{}\"", excerpt(t, 60))
        } else {
            excerpt(f.value.as_deref().unwrap_or(""), 60)
        };
        let hidden = if f.hidden { " (hidden)" } else { "" };
        writeln!(
            out,
            "  {:width$}  {}{}  [{}:{}]",
            f.concept.qname(),
            value,
            hidden,
            loc.line,
            loc.column,
        )?;
    }
    writeln!(out, "  {} fact(s)", facts.len())?;
    for i in &filing.issues {
        let loc = Location::of(filing, i.span);
        writeln!(
            out,
            "  {}:{}:{}: {:?}[{}]: {}",
            loc.file, loc.line, loc.column, i.level, i.code, i.message
        )?;
    }
    Ok(())
}
