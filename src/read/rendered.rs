//! Reader for the SEC viewer's rendered report in its text form (see `../shared/seed/`).
//!
//! The form is a list of rows, each starting with `|` at the beginning of a line and running
//! until the next such line:
//!
//! ```text
//! |                                  ← title row: the report title on the next line
//! Cybersecurity Risk Management and Strategy Disclosure
//! |12 Months Ended                   ← period header: duration, then the period end
//! Dec. 31, 2024
//! |… [Abstract]                      ← structural rows carry no value
//! |… [Text Block]                    ← a labelled row: its value is the next row
//! |We                                ← the value, wrapped over several lines
//! have integrated …
//! |X                                 ← the "X - References + Details" tail: not data
//! ```
//!
//! Labels map to concepts through the `cyd` (and a few `dei`) standard labels; an unknown label
//! is reported. The report names no taxonomy year, so facts are placed in the 2025 `cyd`
//! namespace (the element set is the same in 2024 and 2025).

use crate::filing::text::{TextBuilder, TextLayer};
use crate::filing::{
    Concept, Context, Fact, FactKind, Filing, IssueLevel, Period, ReadIssue, text_from_ranges,
};
use crate::read::transform;
use crate::source::Span;
use crate::taxonomy::{self, ItemType};

/// The namespace given to facts read from a rendered report.
pub const RENDERED_CYD_NS: &str = "http://xbrl.sec.gov/cyd/2025";
const DEI_NS: &str = "http://xbrl.sec.gov/dei/2025";

/// The id of the one context a rendered report implies.
pub const RENDERED_CONTEXT: &str = "rendered";

const DEI_LABELS: &[(&str, &str, bool)] = &[
    ("Document Type", "DocumentType", false),
    ("Document Period End Date", "DocumentPeriodEndDate", false),
    ("Amendment Flag", "AmendmentFlag", true),
    (
        "Document Transition Report",
        "DocumentTransitionReport",
        true,
    ),
    ("Entity Registrant Name", "EntityRegistrantName", false),
    ("Entity Central Index Key", "EntityCentralIndexKey", false),
    ("Document Annual Report", "DocumentAnnualReport", true),
];

struct Row {
    /// Offset of the `|`.
    start: usize,
    /// Offset of the content after the `|`.
    content: usize,
    /// End of the row (before the newline of its last line).
    end: usize,
}

/// True when `text` looks like a rendered report (a pipe row labelled `[Text Block]` or
/// `[Flag]`).
pub fn sniff(text: &str) -> bool {
    text.trim_start().starts_with('|')
        && (text.contains(" [Text Block]")
            || text.contains(" [Flag]")
            || text.contains(" [Abstract]"))
}

fn rows(text: &str) -> Vec<Row> {
    let mut out: Vec<Row> = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let body_end = pos + line.trim_end_matches(['\n', '\r']).len();
        if line.starts_with('|') {
            out.push(Row {
                start: pos,
                content: pos + 1,
                end: body_end,
            });
        } else if let Some(last) = out.last_mut() {
            last.end = body_end;
        }
        pos += line.len();
    }
    out
}

/// Converts "Dec. 31, 2024" to `2024-12-31`.
fn header_date(s: &str) -> Option<String> {
    transform::apply("date-monthname-day-year-en", s).ok()
}

/// The first day of a duration of `months` months ending on `end` (`YYYY-MM-DD`).
fn duration_start(end: &str, months: u32) -> Option<String> {
    let y: i32 = end.get(0..4)?.parse().ok()?;
    let m: u32 = end.get(5..7)?.parse().ok()?;
    let total = y * 12 + m as i32 - 1 - months as i32;
    let (sy, sm) = (total.div_euclid(12), total.rem_euclid(12) as u32 + 1);
    // The day after the same date `months` earlier: for month ends, the 1st of the next month.
    let (ny, nm) = if sm == 12 { (sy + 1, 1) } else { (sy, sm + 1) };
    Some(format!("{ny:04}-{nm:02}-01"))
}

/// Reads a rendered report from file `file` of `filing`.
pub(crate) fn read(filing: &mut Filing, file: usize) {
    let text = filing.files[file].text.clone();
    let rows = rows(&text);
    let mut b = TextBuilder::new();
    let mut facts = Vec::new();
    let mut issues = Vec::new();
    let mut period_end: Option<String> = None;
    let mut months: Option<u32> = None;
    let mut i = 0;
    while i < rows.len() {
        let r = &rows[i];
        let content = &text[r.content..r.end];
        let first = content.lines().next().unwrap_or("").trim();
        if first == "X" && content.contains("- References") {
            break;
        }
        if i == 0 && first.is_empty() {
            filing.title = content.lines().nth(1).map(|l| l.trim().to_owned());
            i += 1;
            continue;
        }
        if first.contains("Months Ended") || first.contains("Month Ended") {
            months = first.split_whitespace().next().and_then(|n| n.parse().ok());
            period_end = content.lines().nth(1).and_then(|d| header_date(d.trim()));
            i += 1;
            continue;
        }
        let label = content.trim();
        let structural = [
            "[Abstract]",
            "[Table]",
            "[Line Items]",
            "[Axis]",
            "[Domain]",
            "[Member]",
        ]
        .iter()
        .any(|s| label.ends_with(s));
        let label_span = Span::new(file, r.content, r.end);
        let concept = if let Some(e) = taxonomy::cyd_element_by_label(label) {
            Some((
                Concept::new(RENDERED_CYD_NS, &e.name, "cyd"),
                e.item_type == ItemType::Boolean,
            ))
        } else {
            DEI_LABELS
                .iter()
                .find(|(l, _, _)| l.eq_ignore_ascii_case(label))
                .map(|(_, n, b)| (Concept::new(DEI_NS, n, "dei"), *b))
        };
        if structural {
            if concept.is_none() {
                issues.push(unknown(label, label_span));
            }
            i += 1;
            continue;
        }
        let Some((concept, is_bool)) = concept else {
            issues.push(unknown(label, label_span));
            // Skip this label's value row too.
            i += 2;
            continue;
        };
        let Some(v) = rows.get(i + 1) else {
            issues.push(ReadIssue {
                code: "rendered-missing-value",
                level: IssueLevel::Error,
                message: format!("row `{label}` has no value row after it"),
                span: label_span,
            });
            break;
        };
        let raw = &text[v.content..v.end];
        b.push_break(file, v.start, v.content);
        b.mark();
        let from = b.len();
        b.push_source(raw, file, v.content);
        let to = b.len();
        b.push_break(file, v.end, v.end);
        let (plain, pieces) = text_from_ranges(b.as_str(), &[(from..to, false)]);
        let is_text_block = concept.is_cyd() && !is_bool;
        let mut f = Fact {
            context: Some(RENDERED_CONTEXT.into()),
            ..Fact::new(concept, FactKind::Rendered, Span::new(file, v.start, v.end))
        };
        f.set_text_ranges(std::iter::once(from..to).collect());
        if is_bool {
            f.boolean = transform::parse_boolean(&plain);
            f.value = Some(plain.into());
        } else if is_text_block {
            let b = f.block_mut();
            b.text = Some(plain);
            b.text_pieces = pieces;
        } else {
            f.value = Some(plain.into());
        }
        facts.push(f);
        i += 2;
    }
    let (t, map) = b.finish();
    let len = t.len();
    filing.text = TextLayer::new(t, map, len);
    filing.facts = facts;
    if let Some(end) = &period_end {
        let start = duration_start(end, months.unwrap_or(12)).unwrap_or_else(|| end.clone());
        filing.contexts.insert(
            RENDERED_CONTEXT.into(),
            Context {
                id: RENDERED_CONTEXT.into(),
                scheme: String::new(),
                identifier: String::new(),
                period: Some(Period::Duration {
                    start,
                    end: end.clone(),
                }),
                dimensions: Default::default(),
                has_segment: false,
                span: Span::new(file, 0, 0),
            },
        );
    }
    filing.issues.extend(issues);
    filing.derive_cover();
    if filing.cover.period_end.is_none() {
        filing.cover.period_end = period_end;
    }
}

fn unknown(label: &str, span: Span) -> ReadIssue {
    ReadIssue {
        code: "unknown-label",
        level: IssueLevel::Warning,
        message: format!(
            "row label `{label}` is not a standard label cydlint knows; the row was not read"
        ),
        span,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duration_start_of_a_fiscal_year() {
        assert_eq!(
            duration_start("2024-12-31", 12).as_deref(),
            Some("2024-01-01")
        );
        assert_eq!(
            duration_start("2025-01-31", 12).as_deref(),
            Some("2024-02-01")
        );
        assert_eq!(
            duration_start("2024-06-30", 3).as_deref(),
            Some("2024-04-01")
        );
    }
}
