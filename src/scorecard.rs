//! The disclosure scorecard: one row per requirement of Item 106 / 16K (or Item 1.05 for an
//! 8-K), saying whether it is tagged, where the text answers it, and what the rules found.
//!
//! A row is ✓ when it is answered (tagged, or — in an untagged draft — found in the text) and
//! no warning or error is reported against it; ⚠ when it is answered but a warning is
//! reported, or when a tagged filing answers it only in untagged text; ✗ when an error is
//! reported against it or nothing answers it. Findings belong to a row through the rule (its
//! `scorecard` rows, given by the rule or its pack's `pack.yaml`: data in the pack, so a user
//! pack places its own rules) or the concept they name.

use regex::Regex;
use serde::Serialize;

use crate::diagnostic::{Finding, Severity};
use crate::engine::Outcome;
use crate::filing::{Filing, InputKind};
use crate::report::facts::Location;
use crate::rules::RuleSet;

pub use crate::requirements::{
    ANNUAL, FULL_BOARD, INCIDENT, NATURE_WORDS, Requirement, SCOPE_WORDS, TEXT_ALSO_ANSWERS,
    TIMING_WORDS, row_keys,
};

/// Every row's text pattern, each compiled once per process (a peer run scores thousands of
/// filings) and only when a row first needs it: most rows are answered by the claim layer
/// and never read their pattern, and compiling the sixteen (Unicode word classes, case
/// folded) cost about 124 M instructions, a sixth of a `scorecard` of the corpus.
static PATTERNS: std::sync::LazyLock<
    std::collections::HashMap<&'static str, std::sync::OnceLock<Regex>>,
> = std::sync::LazyLock::new(|| {
    ANNUAL
        .iter()
        .chain(INCIDENT)
        .map(|r| (r.text, std::sync::OnceLock::new()))
        .collect()
});

/// The compiled pattern of a row's `text` (compiled on first use), if it is a row's.
fn pattern(text: &str) -> Option<&'static Regex> {
    let cell = PATTERNS.get(text)?;
    Some(cell.get_or_init(|| Regex::new(text).expect("static regex")))
}

/// [`FULL_BOARD`] without its one alternative that repeats a word class, `board(?: of
/// directors)?,? (?:\w+ ){0,5}directly`: the others, in their order (all literal words,
/// cheap to compile).
const FULL_BOARD_PLAIN: &str = r"(?i)full board|entire board|board(?: of directors)?,? as a whole|board(?: of directors)?,? itself|directly by the board|no (?:board )?committee|without (?:a |any )?(?:board )?committee";

/// [`FULL_BOARD`]'s alternative with up to five words between "board" and "directly": its
/// Unicode word class, repeated five times and case folded, is what made the pattern cost 14 M
/// instructions to compile; compiled only for a text where it may match ([`may_be_direct`]).
const FULL_BOARD_WORDS: &str = r"(?i)board(?: of directors)?,? (?:\w+ ){0,5}directly";

static FULL_BOARD_SPLIT: [std::sync::OnceLock<Regex>; 2] =
    [std::sync::OnceLock::new(), std::sync::OnceLock::new()];

/// Whether [`FULL_BOARD_WORDS`] may match in `text`: a match is "board" (ASCII letters in any
/// case: no other character folds to one of them) and "directly" (the same) with only word
/// characters, spaces and one comma between them. So some "directly" has "board" before it in
/// the run of characters before it that holds no ASCII byte other than letters, digits, `_`,
/// the space and the comma (a non-ASCII character does not end the run: some are word
/// characters).
fn may_be_direct(text: &str) -> bool {
    // ASCII-lowercased, byte for byte: the same places.
    let b = text.as_bytes().to_ascii_lowercase();
    let mut from = 0;
    while let Some(k) = memchr::memmem::find(&b[from..], b"directly") {
        let at = from + k;
        from = at + 1;
        // Back over the run before "directly".
        let mut start = at;
        while start > 0 {
            let c = b[start - 1];
            if c.is_ascii() && !(c.is_ascii_alphanumeric() || matches!(c, b'_' | b' ' | b',')) {
                break;
            }
            start -= 1;
        }
        if memchr::memmem::find(&b[start..at], b"board").is_some() {
            return true;
        }
    }
    false
}

/// [`FULL_BOARD`]'s first match in `text`, as the whole pattern finds it: the leftmost of the
/// two parts' matches; where both start at one place, the plain part's (a match of the
/// words' alternative starts with "board", and the plain alternatives that may start there
/// — "… as a whole", "… itself" — come before it in the pattern).
fn find_full_board(text: &str) -> Option<std::ops::Range<usize>> {
    let compile = |i: usize, p: &str| {
        FULL_BOARD_SPLIT[i].get_or_init(|| Regex::new(p).expect("static regex"))
    };
    let plain = compile(0, FULL_BOARD_PLAIN).find(text).map(|m| m.range());
    if !may_be_direct(text) {
        return plain;
    }
    let words = compile(1, FULL_BOARD_WORDS).find(text).map(|m| m.range());
    match (plain, words) {
        (Some(p), Some(w)) if w.start < p.start => Some(w),
        (None, w) => w,
        (p, _) => p,
    }
}

/// The first sentence of the section that answers a topic — affirms or denies it, as the claim
/// layer reads it (a hedge or a pointer is no answer): the quote and where its words are.
/// Failing that, the first that answers it read in place, as the "absent" rules read the
/// item before they say nothing answers (a section's sentence is about cybersecurity by its
/// place: `Lexicon::in_sentence_in_place`), so a row is ✗ exactly when they warn.
/// `placed`: the section's claims read in place, made on the first row that needs them
/// (each sentence once per card, through `memo`: a sentence the "absent" rules read in
/// place is not read again).
fn claim_answer(
    lex: &crate::claims::Lexicon,
    memo: &crate::checks::claimed::Said,
    filing: &Filing,
    said: &[(std::ops::Range<usize>, Vec<crate::claims::Claim>)],
    placed: &std::cell::OnceCell<crate::plan::Said>,
    topics: &[&str],
) -> Option<TextAnswer> {
    use crate::claims::Status;
    let ids: Vec<_> = topics.iter().filter_map(|t| lex.topic(t)).collect();
    let answers = |c: &crate::claims::Claim| {
        ids.contains(&c.topic) && matches!(c.status, Status::Affirmed | Status::Negated)
    };
    let text = &filing.text.text;
    let found = said
        .iter()
        .find_map(|(sent, claims)| Some((sent, claims.iter().find(|c| answers(c))?.clone())))
        .or_else(|| {
            let placed = placed.get_or_init(|| {
                said.iter()
                    .map(|(sent, _)| {
                        let at =
                            |r: &std::ops::Range<usize>| r.start + sent.start..r.end + sent.start;
                        let claims = text
                            .get(sent.clone())
                            .map(|w| memo.in_place(lex, w))
                            .unwrap_or_default();
                        (sent.clone(), claims.iter().map(|c| c.moved(at)).collect())
                    })
                    .collect()
            });
            placed.iter().find_map(|(sent, claims)| {
                Some((sent, claims.iter().find(|c| answers(c))?.clone()))
            })
        });
    found.and_then(|(sent, c)| {
        let span = filing.text.span(c.evidence.clone())?;
        // The quote shows the words of the answer: a long sentence is quoted from a little
        // before them.
        let mut start = sent.start;
        if c.evidence.end.saturating_sub(sent.start) > 150 {
            start = c.evidence.start.saturating_sub(40).max(sent.start);
            while !text.is_char_boundary(start) {
                start += 1;
            }
        }
        let quote = excerpt(text.get(start..sent.end)?, 160);
        Some(TextAnswer {
            excerpt: if start > sent.start {
                format!("…{quote}")
            } else {
                quote
            },
            location: Location::of(filing, span),
        })
    })
}

/// ✓, ⚠ or ✗.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Answered, nothing above info reported.
    Pass,
    /// Answered with warnings, or only in untagged text.
    Warn,
    /// Not answered, or an error reported.
    Fail,
}

impl Status {
    /// The CSS class and accessible name.
    pub fn class(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Warn => "warn",
            Status::Fail => "fail",
        }
    }

    /// The mark.
    pub fn mark(self) -> &'static str {
        match self {
            Status::Pass => "✓",
            Status::Warn => "⚠",
            Status::Fail => "✗",
        }
    }
}

/// A tagged fact of a row.
#[derive(Clone, Debug, Serialize)]
pub struct Tagged {
    /// `cyd:Name`.
    pub concept: String,
    /// The flag's value, or a short excerpt of the text.
    pub value: String,
    /// Where.
    pub location: Location,
}

/// Where the untagged text answers a row.
#[derive(Clone, Debug, Serialize)]
pub struct TextAnswer {
    /// The sentence that answers it (shortened).
    pub excerpt: String,
    /// Where the matched words are.
    pub location: Location,
}

/// A finding against a row.
#[derive(Clone, Debug, Serialize)]
pub struct RowFinding {
    /// The rule.
    pub rule: String,
    /// Its severity.
    pub severity: Severity,
    /// Its message.
    pub message: String,
}

impl RowFinding {
    fn of(f: &Finding) -> RowFinding {
        RowFinding {
            rule: f.rule.clone(),
            severity: f.severity,
            message: f.message.clone(),
        }
    }
}

/// One row of a scorecard.
#[derive(Clone, Debug, Serialize)]
pub struct Row {
    /// Stable key.
    pub key: &'static str,
    /// The paragraph (both Item 106 and Item 16K when the form is not known).
    pub paragraph: String,
    /// What it asks.
    pub requirement: &'static str,
    /// ✓ / ⚠ / ✗.
    pub status: Status,
    /// The facts that answer it.
    pub tagged: Vec<Tagged>,
    /// Where the text answers it (first match in the item's section), when it does.
    pub text: Option<TextAnswer>,
    /// Findings against it.
    pub findings: Vec<RowFinding>,
}

/// The scorecard of one filing.
#[derive(Clone, Debug, Serialize)]
pub struct Scorecard {
    /// The files.
    pub files: Vec<String>,
    /// Registrant, when known.
    pub registrant: Option<String>,
    /// The form the rows follow (`--form`, else dei:DocumentType, else "form not stated";
    /// an unknown form gets the annual-report rows with both paragraph numbers).
    pub form: String,
    /// Whether the cyd tags are expected (so untagged answers are only ⚠).
    pub tagging_expected: bool,
    /// Period end.
    pub period_end: Option<String>,
    /// The rows.
    pub rows: Vec<Row>,
    /// Findings that belong to no row (reading problems, cover facts, other items).
    pub other: Vec<RowFinding>,
    /// An untagged draft's annual report: the value each `cyd` flag would have by what its
    /// words say ([`crate::plan::implied_flags`]); empty otherwise.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub implied_flags: Vec<crate::plan::ImpliedFlag>,
}

fn excerpt(s: &str, n: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= n {
        s
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}

/// Builds the scorecard of a filing from its findings. `form` overrides the filing's.
pub fn build(filing: &Filing, outcome: &Outcome, rules: &RuleSet, form: Option<&str>) -> Scorecard {
    build_with(
        filing,
        outcome,
        rules,
        form,
        &crate::checks::claimed::Said::default(),
    )
}

/// [`build`], reading the section's sentences through `memo`: what the claim rules of the
/// run that made `outcome` analysed ([`crate::engine::run_keeping_said`], with the same
/// `rules`' lexicon), so that a sentence they read is not analysed again. The card is the
/// one [`build`] makes.
pub fn build_with(
    filing: &Filing,
    outcome: &Outcome,
    rules: &RuleSet,
    form: Option<&str>,
    memo: &crate::checks::claimed::Said,
) -> Scorecard {
    let form = form
        .map(str::to_owned)
        .or_else(|| filing.cover.document_type.clone());
    let incident = crate::plan::is_incident(filing, form.as_deref());
    let twenty_f = form.as_deref().is_some_and(|f| f.starts_with("20-F"));
    let reqs = if incident { INCIDENT } else { ANNUAL };
    let section = crate::plan::item_section(filing, form.as_deref());
    // The section's claims, read once for every row, the implied flags and the plan (one
    // analysis per sentence).
    let lex = rules.lexicon();
    // `plan::said`'s reading (`Lexicon::in_text` of the section), through the memo.
    let said: crate::plan::Said = section
        .map(|s| memo.in_range(&lex, &filing.text.text, s.range.clone()))
        .unwrap_or_default();
    let placed = std::cell::OnceCell::new();
    // Tagging is expected of an annual report for a fiscal year ending on or after 2024-12-15
    // (of an 8-K from the same date), and of any filing that tags some cyd facts. Where it is
    // not expected (a draft, an earlier filing), a text answer is a full answer.
    let has_cyd = filing.cyd_facts().next().is_some();
    let tagging_expected = filing.kind != Some(InputKind::Draft)
        && (has_cyd
            || filing
                .cover
                .period_end
                .as_deref()
                .is_some_and(|d| d >= "2024-12-15"));
    let rows = reqs
        .iter()
        .map(|r| {
            let tagged: Vec<Tagged> = filing
                .cyd_facts()
                .filter(|f| r.concepts.contains(&&*f.concept.local_name) && !f.nil)
                .map(|f| Tagged {
                    concept: f.concept.qname(),
                    value: match (f.boolean, &f.text()) {
                        (Some(b), _) => b.to_string(),
                        (None, Some(t)) => excerpt(t, 100),
                        _ => excerpt(f.value.as_deref().unwrap_or(""), 100),
                    },
                    location: Location::of(filing, f.span),
                })
                .collect();
            let text = section.and_then(|s| {
                if !r.topics.is_empty() {
                    let answer = claim_answer(&lex, memo, filing, &said, &placed, r.topics);
                    if answer.is_some() || !TEXT_ALSO_ANSWERS.contains(&r.key) {
                        return answer;
                    }
                }
                let body = filing.text.text.get(s.range.clone())?;
                let m = if r.text == FULL_BOARD {
                    find_full_board(body)?
                } else {
                    pattern(r.text)?.find(body)?.range()
                };
                let sent = filing
                    .text
                    .sentence_at(s.range.start + m.start)
                    .unwrap_or(s.range.start + m.start..s.range.start + m.end);
                let span = filing
                    .text
                    .span(s.range.start + m.start..s.range.start + m.end)?;
                Some(TextAnswer {
                    excerpt: excerpt(&filing.text.text[sent], 160),
                    location: Location::of(filing, span),
                })
            });
            let findings: Vec<RowFinding> = outcome
                .findings
                .iter()
                .filter(|f| belongs(f, r, rules))
                .map(RowFinding::of)
                .collect();
            let worst = findings.iter().map(|f| f.severity).min();
            let answered = !tagged.is_empty() || text.is_some();
            let status = if worst == Some(Severity::Error) || !answered {
                Status::Fail
            } else if worst == Some(Severity::Warning) || (tagged.is_empty() && tagging_expected) {
                Status::Warn
            } else {
                Status::Pass
            };
            Row {
                key: r.key,
                paragraph: match (&form, twenty_f) {
                    (_, true) if !r.paragraph_20f.is_empty() => r.paragraph_20f.to_string(),
                    (None, _) if !r.paragraph_20f.is_empty() => {
                        format!("{} / {}", r.paragraph, r.paragraph_20f)
                    }
                    _ => r.paragraph.to_string(),
                },
                requirement: r.title,
                status,
                tagged,
                text,
                findings,
            }
        })
        .collect();
    let other = outcome
        .findings
        .iter()
        .filter(|f| !reqs.iter().any(|r| belongs(f, r, rules)))
        .map(RowFinding::of)
        .collect();
    let implied_flags = if filing.kind == Some(InputKind::Draft) && !incident && !has_cyd {
        crate::plan::implied_flags(&lex, filing, &said)
    } else {
        Vec::new()
    };
    Scorecard {
        other,
        implied_flags,
        files: filing.documents().map(|f| f.name()).collect(),
        registrant: filing
            .cover
            .registrant_name
            .as_ref()
            .map(|n| n.replace('\u{a0}', " ")),
        form: form.unwrap_or_else(|| "form not stated".into()),
        tagging_expected,
        period_end: filing.cover.period_end.clone(),
        rows,
    }
}

fn belongs(f: &Finding, r: &Requirement, rules: &RuleSet) -> bool {
    let all = || ANNUAL.iter().chain(INCIDENT);
    // A finding that names a concept of some row belongs to that row (a rule such as
    // CYD-8K-002 reports each missing element of 1.05(a) on its own).
    if let Some(c) = f.concept.as_deref().and_then(|c| c.strip_prefix("cyd:"))
        && all().any(|o| o.concepts.contains(&c))
    {
        return r.concepts.contains(&c);
    }
    rules
        .get(&f.rule)
        .is_some_and(|rule| rule.scorecard.iter().any(|k| k == r.key))
}

/// How one output syntax writes a row's tagged facts, text answer and findings.
struct Syntax {
    tagged: fn(&Tagged) -> String,
    text: fn(&TextAnswer) -> String,
    finding: fn(&RowFinding) -> String,
    tagged_sep: &'static str,
    finding_sep: &'static str,
}

const MARKDOWN: Syntax = Syntax {
    tagged: |t| {
        format!(
            "`{}` = {}",
            t.concept.trim_start_matches("cyd:"),
            md_escape(&t.value)
        )
    },
    text: |t| {
        format!(
            "{} (line {}, col {})",
            md_escape(&t.excerpt),
            t.location.line,
            t.location.column
        )
    },
    finding: |f| format!("{} {}", f.severity.as_str(), f.rule),
    tagged_sep: "<br>",
    finding_sep: ", ",
};

const HTML: Syntax = Syntax {
    tagged: |t| {
        format!(
            "<code>{}</code> = {}<br>{}",
            esc(t.concept.trim_start_matches("cyd:")),
            esc(&t.value),
            html_loc(&t.location)
        )
    },
    text: |t| format!("{}<br>{}", esc(&t.excerpt), html_loc(&t.location)),
    finding: |f| {
        format!(
            "<b>{}</b> {}: {}",
            f.severity.as_str(),
            esc(&f.rule),
            esc(&f.message)
        )
    },
    tagged_sep: "<br>",
    finding_sep: "<br>",
};

fn html_loc(l: &Location) -> String {
    format!(
        "<span class=\"loc\">{}:{}:{}</span>",
        esc(&l.file),
        l.line,
        l.column
    )
}

/// A row's tagged, text and findings cells; "—" where there is nothing.
fn cells(r: &Row, x: &Syntax) -> [String; 3] {
    let list = |v: Vec<String>, sep: &str| {
        if v.is_empty() {
            "—".to_string()
        } else {
            v.join(sep)
        }
    };
    [
        list(r.tagged.iter().map(x.tagged).collect(), x.tagged_sep),
        r.text.as_ref().map_or_else(|| "—".to_string(), x.text),
        list(r.findings.iter().map(x.finding).collect(), x.finding_sep),
    ]
}

/// Markdown: one table per filing.
pub fn markdown(prov: &Provenance, cards: &[Scorecard]) -> String {
    let s = markdown_cards(cards);
    format!("{}\n\n_{}_\n", s.trim_end(), md_escape_all(&prov.line()))
}

/// Markdown's emphasis and table characters, escaped.
fn md_escape_all(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '_' | '*' | '|' | '`' | '[' | ']' | '<' | '>') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn markdown_cards(cards: &[Scorecard]) -> String {
    let mut s = String::new();
    for c in cards {
        s.push_str(&format!("## {}\n\n", title(c)));
        s.push_str("| | requirement | paragraph | tagged | text answers | findings |\n|---|---|---|---|---|---|\n");
        for r in &c.rows {
            let [tagged, text, findings] = cells(r, &MARKDOWN);
            s.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} |\n",
                r.status.mark(),
                r.requirement,
                r.paragraph,
                tagged,
                text,
                findings
            ));
        }
        if !c.implied_flags.is_empty() {
            s.push_str("\n| implied flag | value | the draft's words |\n|---|---|---|\n");
            for f in &c.implied_flags {
                let (value, words) = implied_cells(f);
                s.push_str(&format!(
                    "| `{}` | {} | {} |\n",
                    f.concept.trim_start_matches("cyd:"),
                    value,
                    md_escape(&words)
                ));
            }
        }
        end_card(&mut s, c, "\nOther findings");
    }
    with_matrix(s, cards)
}

/// A card's heading: who, which form, which period.
fn title(c: &Scorecard) -> String {
    format!(
        "{} — {} {}",
        label(c),
        c.form,
        c.period_end.as_deref().unwrap_or("")
    )
}

/// Ends a text card: the findings outside the rows, then a blank line.
fn end_card(s: &mut String, c: &Scorecard, other: &str) {
    if !c.other.is_empty() {
        s.push_str(&format!("{other}: {}\n", other_list(c)));
    }
    s.push('\n');
}

/// Appends the peer matrix when there are several filings.
fn with_matrix(mut s: String, cards: &[Scorecard]) -> String {
    if cards.len() > 1 {
        s.push_str(&matrix_markdown(cards));
    }
    s
}

/// How a filing is named in headings and the matrix: the registrant, else its files' names.
fn label(c: &Scorecard) -> String {
    c.registrant.clone().unwrap_or_else(|| {
        c.files
            .iter()
            .map(|f| f.rsplit(['/', '\\']).next().unwrap_or(f))
            .collect::<Vec<_>>()
            .join(", ")
    })
}

/// Findings outside the rows, as `severity RULE` counted.
fn other_list(c: &Scorecard) -> String {
    let mut seen: Vec<(String, usize)> = Vec::new();
    for f in &c.other {
        let k = format!("{} {}", f.severity.as_str(), f.rule);
        match seen.iter_mut().find(|(x, _)| *x == k) {
            Some((_, n)) => *n += 1,
            None => seen.push((k, 1)),
        }
    }
    seen.iter()
        .map(|(k, n)| {
            if *n > 1 {
                format!("{k} ×{n}")
            } else {
                k.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn md_escape(s: &str) -> String {
    s.replace('|', "\\|")
}

/// The cards grouped by their rows (annual reports, then 8-Ks), each with its index.
fn groups(cards: &[Scorecard]) -> Vec<Vec<(usize, &Scorecard)>> {
    let mut out: Vec<Vec<(usize, &Scorecard)>> = Vec::new();
    for (i, c) in cards.iter().enumerate() {
        let key = |c: &Scorecard| c.rows.first().map(|r| r.key);
        match out.iter_mut().find(|g| key(g[0].1) == key(c)) {
            Some(g) => g.push((i, c)),
            None => out.push(vec![(i, c)]),
        }
    }
    out.sort_by_key(|g| g[0].1.rows.len() != ANNUAL.len());
    out
}

fn matrix_markdown(cards: &[Scorecard]) -> String {
    let mut s = String::new();
    for group in groups(cards) {
        s.push_str(&matrix_group(&group));
    }
    s
}

fn matrix_group(group: &[(usize, &Scorecard)]) -> String {
    let first = group[0].1;
    let mut s = format!(
        "## Peer comparison{}\n\n| filing |",
        if first.rows.len() == ANNUAL.len() {
            ""
        } else {
            " (Item 1.05)"
        }
    );
    for r in &first.rows {
        s.push_str(&format!(" {} |", r.key));
    }
    s.push_str("\n|---|");
    for _ in &first.rows {
        s.push_str("---|");
    }
    s.push('\n');
    for (_, c) in group {
        s.push_str(&format!("| {} |", &label(c)));
        for r in &c.rows {
            s.push_str(&format!(" {} |", r.status.mark()));
        }
        s.push('\n');
    }
    s
}

/// What made a scorecard: every format states it, so a page read later says which cydlint,
/// when, with which rules and on which files.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Provenance {
    /// The cydlint version.
    pub cydlint: String,
    /// When (UTC, `YYYY-MM-DDTHH:MM:SSZ`; `SOURCE_DATE_EPOCH` fixes it, for reproducible
    /// output).
    pub generated: String,
    /// The rule pack: its fingerprint ([`crate::rules::RuleSet::fingerprint`]) and size.
    pub rules: PackId,
    /// The paths given on the command line.
    pub inputs: Vec<String>,
}

/// A rule pack's identity.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct PackId {
    /// The fingerprint.
    pub fingerprint: String,
    /// How many rules.
    pub count: usize,
}

impl Provenance {
    /// Now, with these rules and inputs.
    pub fn new(rules: &crate::rules::RuleSet, inputs: Vec<String>) -> Provenance {
        let secs = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse::<u64>().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs())
            });
        Provenance {
            cydlint: env!("CARGO_PKG_VERSION").to_string(),
            generated: utc(secs),
            rules: PackId {
                fingerprint: rules.fingerprint(),
                count: rules.len(),
            },
            inputs,
        }
    }

    /// One line: `cydlint 0.1.0, 2026-12-05T19:14:00Z, 77 rules (pack 1a2b…), inputs: a, b`.
    pub fn line(&self) -> String {
        format!(
            "cydlint {}, {}, {} rules (pack {}), inputs: {}",
            self.cydlint,
            self.generated,
            self.rules.count,
            self.rules.fingerprint,
            self.inputs.join(", ")
        )
    }
}

/// Seconds since the Unix epoch as a UTC date and time (the civil-from-days algorithm of
/// Howard Hinnant's date library).
pub fn utc(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

/// The JSON form: the provenance, then one object per filing.
pub fn json(prov: &Provenance, cards: &[Scorecard]) -> String {
    #[derive(Serialize)]
    struct Doc<'a> {
        version: u32,
        provenance: &'a Provenance,
        filings: &'a [Scorecard],
    }
    let doc = Doc {
        version: 1,
        provenance: prov,
        filings: cards,
    };
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}

/// A terminal table.
pub fn terminal(prov: &Provenance, cards: &[Scorecard]) -> String {
    let s = terminal_cards(cards);
    format!("{}\n\n{}\n", s.trim_end(), prov.line())
}

fn terminal_cards(cards: &[Scorecard]) -> String {
    let mut s = String::new();
    for c in cards {
        s.push_str(&format!("{}\n", title(c)));
        let width = c.rows.iter().map(|r| r.paragraph.len()).max().unwrap_or(0);
        for r in &c.rows {
            let tag = if r.tagged.is_empty() {
                "untagged".to_string()
            } else {
                format!("{} tagged", r.tagged.len())
            };
            let f = if r.findings.is_empty() {
                String::new()
            } else {
                format!(
                    "  [{}]",
                    r.findings
                        .iter()
                        .map(|f| f.rule.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            s.push_str(&format!(
                "  {} {:<w$} {:<64} {:<10}{}\n",
                r.status.mark(),
                r.paragraph,
                r.requirement,
                tag,
                f,
                w = width
            ));
        }
        if !c.implied_flags.is_empty() {
            s.push_str("  implied flags (what the draft's words say):\n");
            for f in &c.implied_flags {
                s.push_str(&format!("    {}\n", implied_line(f)));
            }
        }
        end_card(&mut s, c, "  other findings");
    }
    with_matrix(s, cards)
}

/// An implied flag's value (with its Inline XBRL format) and the words behind it (the
/// sentence and where it is, or why the value is unclear).
fn implied_cells(f: &crate::plan::ImpliedFlag) -> (String, String) {
    let value = match f.format {
        Some(fmt) => format!("{} ({fmt})", f.value.as_str()),
        None => f.value.as_str().to_string(),
    };
    let at = f.sentence.as_ref().map(|q| {
        let loc = match q.location.paragraph {
            Some(p) => format!("¶{p}"),
            None => format!("line {}", q.location.line),
        };
        format!("{loc}: \"{}\"", q.sentence)
    });
    let words = match (&f.reason, at) {
        (Some(r), Some(a)) => format!("{r}: {a}"),
        (Some(r), None) => r.clone(),
        (None, Some(a)) => a,
        (None, None) => String::new(),
    };
    (value, words)
}

fn implied_line(f: &crate::plan::ImpliedFlag) -> String {
    let (value, words) = implied_cells(f);
    format!(
        "{:<70} {:<24} {}",
        f.concept.trim_start_matches("cyd:"),
        value,
        excerpt(&words, 140)
    )
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A self-contained HTML page: no external assets, accessible colours, printable.
pub fn html(prov: &Provenance, cards: &[Scorecard]) -> String {
    let mut s = String::from(
        r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>cydlint scorecard</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:1.5rem;color:#1b1b1b;background:#fff}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
th,td{border:1px solid #8a8a8a;padding:.35rem .5rem;vertical-align:top;text-align:left;font-size:.9rem}
th{background:#e8e8e8}
td,code{overflow-wrap:anywhere}
table.card{table-layout:fixed}
table.card th:nth-child(1){width:2rem}table.card th:nth-child(2){width:14%}table.card th:nth-child(3){width:9%}
table.card th:nth-child(4){width:26%}table.card th:nth-child(5){width:22%}
a{color:#0b3d91}
.pass{background:#d7f0dd;color:#0b4f1e}.warn{background:#fff1c2;color:#5c4300}.fail{background:#f9d6d5;color:#7a1410}
.mark{font-weight:700;text-align:center;white-space:nowrap}
.loc{color:#4a4a4a;font-size:.8rem}
.legend span{display:inline-block;padding:.1rem .5rem;margin-right:.5rem;border:1px solid #8a8a8a}
@media print{body{margin:0}h2{page-break-before:auto}tr{page-break-inside:avoid}.pass,.warn,.fail{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
</style></head><body>
<h1>Cybersecurity disclosure scorecard</h1>
<p class="legend"><span class="pass">✓ answered</span><span class="warn">⚠ answered, with warnings or only in untagged text</span><span class="fail">✗ not answered, or an error</span></p>
"#,
    );
    for group in groups(cards).iter().filter(|_| cards.len() > 1) {
        s.push_str(&format!(
            "<h2>Peer comparison{}</h2>\n<table class=\"matrix\"><thead><tr><th scope=\"col\">filing</th>",
            if group[0].1.rows.len() == ANNUAL.len() { "" } else { " (Item 1.05)" }
        ));
        for r in &group[0].1.rows {
            s.push_str(&format!(
                "<th scope=\"col\" title=\"{}\">{}<br><span class=\"loc\">{}</span></th>",
                esc(r.requirement),
                esc(r.key),
                esc(&r.paragraph)
            ));
        }
        s.push_str("</tr></thead><tbody>\n");
        for (i, c) in group {
            s.push_str(&format!(
                "<tr><th scope=\"row\"><a href=\"#filing-{i}\">{}</a></th>",
                esc(&label(c))
            ));
            for r in &c.rows {
                let cls = r.status.class();
                s.push_str(&format!(
                    "<td class=\"mark {cls}\" aria-label=\"{cls}\">{}</td>",
                    r.status.mark()
                ));
            }
            s.push_str("</tr>\n");
        }
        s.push_str("</tbody></table>\n");
    }
    for (i, c) in cards.iter().enumerate() {
        s.push_str(&format!(
            "<h2 id=\"filing-{i}\">{}</h2>\n<table class=\"card\"><thead><tr><th scope=\"col\"></th><th scope=\"col\">requirement</th><th scope=\"col\">paragraph</th><th scope=\"col\">tagged</th><th scope=\"col\">text answers</th><th scope=\"col\">findings</th></tr></thead><tbody>\n",
            esc(&title(c))
        ));
        for r in &c.rows {
            let cls = r.status.class();
            let [tagged, text, findings] = cells(r, &HTML);
            s.push_str(&format!("<tr><td class=\"mark {cls}\" aria-label=\"{cls}\">{}</td><td>{}</td><td>{}</td><td>{tagged}</td><td>{text}</td><td>{findings}</td></tr>\n", r.status.mark(), esc(r.requirement), esc(&r.paragraph)));
        }
        s.push_str("</tbody></table>\n");
        if !c.implied_flags.is_empty() {
            s.push_str("<table class=\"flags\"><thead><tr><th scope=\"col\">implied flag</th><th scope=\"col\">value</th><th scope=\"col\">the draft's words</th></tr></thead><tbody>\n");
            for f in &c.implied_flags {
                let (value, words) = implied_cells(f);
                s.push_str(&format!(
                    "<tr><td><code>{}</code></td><td>{}</td><td>{}</td></tr>\n",
                    esc(f.concept.trim_start_matches("cyd:")),
                    esc(&value),
                    esc(&words)
                ));
            }
            s.push_str("</tbody></table>\n");
        }
        if !c.other.is_empty() {
            s.push_str(&format!("<p>Other findings: {}</p>\n", esc(&other_list(c))));
        }
    }
    // Who made the page, when, with which rules and from what: at its foot (the matrix stays
    // at the top of the first screen).
    s.push_str(&format!(
        "<footer><p class=\"provenance\">Made by cydlint {} on <time datetime=\"{g}\">{g}</time> with {} rules (pack fingerprint <code>{}</code>) from {}.</p></footer>\n",
        esc(&prov.cydlint),
        prov.rules.count,
        esc(&prov.rules.fingerprint),
        prov.inputs
            .iter()
            .map(|i| format!("<code>{}</code>", esc(i)))
            .collect::<Vec<_>>()
            .join(", "),
        g = esc(&prov.generated),
    ));
    s.push_str("</body></html>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_dates() {
        assert_eq!(utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(utc(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(utc(1_796_500_800 + 3_723), "2026-12-05T21:02:03Z");
    }

    #[test]
    fn every_row_pattern_compiles_once() {
        for r in ANNUAL.iter().chain(INCIDENT) {
            assert!(
                pattern(r.text).is_some(),
                "row `{}` has a pattern that does not compile",
                r.key
            );
            // Compiled once: asked again, the same one.
            assert!(std::ptr::eq(
                pattern(r.text).unwrap(),
                pattern(r.text).unwrap()
            ));
        }
        assert!(pattern("not a row's pattern").is_none());
    }

    /// `FULL_BOARD` is its two parts: the plain alternatives and the one with words between,
    /// in their order.
    #[test]
    fn full_board_is_its_two_parts() {
        let plain = FULL_BOARD_PLAIN.strip_prefix("(?i)").unwrap();
        let words = FULL_BOARD_WORDS.strip_prefix("(?i)").unwrap();
        let (before, after) = plain.split_at(plain.find("|directly by the board").unwrap());
        assert_eq!(FULL_BOARD, format!("(?i){before}|{words}{after}"));
    }

    /// The two parts find what `FULL_BOARD` finds, at the same place: on generated texts
    /// of the pattern's words and others, in any case, with Unicode words (word characters
    /// and not), commas, punctuation and line breaks between; and `may_be_direct` never says
    /// no where the words' alternative matches.
    #[test]
    fn the_full_board_parts_find_what_the_pattern_finds() {
        let whole = Regex::new(FULL_BOARD).unwrap();
        let words = Regex::new(FULL_BOARD_WORDS).unwrap();
        let pieces = [
            "board",
            "Board",
            "BOARD",
            "bOaRd",
            " of directors",
            " Of Directors",
            ",",
            ", ",
            " ",
            " ",
            "directly",
            "Directly",
            "DIRECTLY",
            "direct",
            "ly",
            "full",
            "entire",
            " as a whole",
            " itself",
            " by the board",
            "no ",
            "committee",
            "without ",
            "a ",
            "any ",
            "the ",
            "oversees ",
            "risk ",
            "Über ",
            "año ",
            "é",
            "x_y ",
            "12 ",
            ".",
            ";",
            "\n",
            "(",
            "—",
            "\u{a0}",
            "ſ",
            "\u{212a}",
            "boar",
            "d",
            "irectly",
            "and ",
            "reports ",
            "to ",
            "management ",
            "\t",
        ];
        let mut next = crate::test_rng(0x5eed_f00d_b0a2_d15c);
        let mut direct = 0;
        for _ in 0..60_000 {
            let t = crate::testing::test_string(&mut next, &pieces, 14);
            assert_eq!(
                find_full_board(&t),
                whole.find(&t).map(|m| m.range()),
                "{t:?}"
            );
            if words.is_match(&t) {
                direct += 1;
                assert!(may_be_direct(&t), "{t:?}");
            }
        }
        // The words' alternative was reached, and not only rarely.
        assert!(direct > 200, "{direct}");
        for t in [
            "The Board directly oversees it.",
            "The full board, as a whole, and the Board of Directors, which itself directly reviews it",
            "board of directors, and its members directly",
            "board a b c d e directly",
            "board a b c d e f directly",
            "BOARD ÜBER Año directly; board itself",
            "no committee; the board directly",
        ] {
            assert_eq!(
                find_full_board(t),
                whole.find(t).map(|m| m.range()),
                "{t:?}"
            );
        }
    }

    /// A pattern compiled on first use finds what the pattern compiled up front (as they
    /// all were before) finds, at the same place, on texts that hold and lack each row's
    /// words, Unicode and case folded included.
    #[test]
    fn patterns_compiled_on_first_use_find_what_they_found_compiled_up_front() {
        let texts = [
            "",
            "The Board of Directors oversees our cybersecurity program through its Audit Committee.",
            "Our CISO reports quarterly to the audit committee on the framework and processes.",
            "We engage third-party assessors and rely in part on external consultants.",
            "The ENTIRE BOARD, as a whole, oversees it; no committee does. Vendors and suppliers.",
            "Incidents have not materially affected us; monitoring and escalation by incident response.",
            "Über-Prozesse: la dirección informó al consejo. Años de experiencia, CISSP certificación.",
            "nature, scope and timing of the incident; its material impact on operations.",
        ];
        for r in ANNUAL.iter().chain(INCIDENT) {
            let up_front = Regex::new(r.text).unwrap();
            let lazy = pattern(r.text).unwrap();
            for t in texts {
                assert_eq!(
                    lazy.find(t).map(|m| m.range()),
                    up_front.find(t).map(|m| m.range()),
                    "row `{}` on {t:?}",
                    r.key
                );
            }
        }
    }
}
