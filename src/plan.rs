//! Drafts: the flags a draft's words imply, and the tagging plan for the filing agent.
//!
//! A draft has no `cyd` facts, yet it must answer every question the six flags will encode,
//! and whoever tags it next must know which paragraph carries which element. Both answers
//! come from the claim layer ([`crate::claims`]) — the same reading of each sentence that
//! answers the scorecard's rows and the draft rules (CYD-DRAFT-*) — so a row, a rule, an
//! implied flag and a plan entry never disagree about what a sentence says.
//!
//! * **Implied flags** ([`implied_flags`]): for each flag, `true` when some sentence of the
//!   item affirms its topic and none denies it, `false` when one denies it and none affirms it,
//!   otherwise "unclear" with the reason (both said, only hedged, only a pointer, not said).
//! * **The plan** ([`plan`]): each paragraph of the item with the text blocks it would carry
//!   (the most specific ones; the blocks they nest in are `within`), each flag with the
//!   sentence to tag and its `ixt:fixed-true` / `ixt:fixed-false` format, and the nesting of
//!   the blocks over the paragraphs. A paragraph's blocks follow its topics; under a
//!   "Governance" heading only governance blocks are planned and under a "Risk management"
//!   heading only risk-management blocks, and where there is no such heading a governance topic
//!   outweighs the loose risk-management ones (a board paragraph that mentions "enterprise
//!   risk" is still a board paragraph).

use std::ops::Range;

use serde::Serialize;

use crate::claims::{Claim, Lexicon, Status};
use crate::filing::Filing;
use crate::filing::text::Section;
use crate::report::facts::Location;

/// One of the six `cyd` flags and the claim topic whose sentences answer it.
pub struct FlagSpec {
    /// The scorecard row it answers.
    pub row: &'static str,
    /// The element's local name.
    pub concept: &'static str,
    /// The claim-layer topic.
    pub topic: &'static str,
}

/// The six flags of Item 106 / 16K.
pub const FLAGS: &[FlagSpec] = &[
    FlagSpec {
        row: "integration",
        concept: "CybersecurityRiskManagementProcessesIntegratedFlag",
        topic: "integration",
    },
    FlagSpec {
        row: "third-parties",
        concept: "CybersecurityRiskManagementThirdPartyEngagedFlag",
        topic: "third-party-engaged",
    },
    FlagSpec {
        row: "vendor-oversight",
        concept: "CybersecurityRiskThirdPartyOversightAndIdentificationProcessesFlag",
        topic: "vendor-oversight",
    },
    FlagSpec {
        row: "material-effect",
        concept: "CybersecurityRiskMateriallyAffectedOrReasonablyLikelyToMateriallyAffectRegistrantFlag",
        topic: "material-effect",
    },
    FlagSpec {
        row: "positions",
        concept: "CybersecurityRiskManagementPositionsOrCommitteesResponsibleFlag",
        topic: "positions-responsible",
    },
    FlagSpec {
        row: "reporting-to-board",
        concept: "CybersecurityRiskManagementPositionsOrCommitteesResponsibleReportToBoardFlag",
        topic: "reports-to-board",
    },
];

/// The text blocks.
const PROCESSES: &str =
    "CybersecurityRiskManagementProcessesForAssessingIdentifyingAndManagingThreatsTextBlock";
const INTEGRATED: &str = "CybersecurityRiskManagementProcessesIntegratedTextBlock";
const MATERIAL: &str =
    "CybersecurityRiskMateriallyAffectedOrReasonablyLikelyToMateriallyAffectRegistrantTextBlock";
const BOARD: &str = "CybersecurityRiskBoardOfDirectorsOversightTextBlock";
const COMMITTEE: &str =
    "CybersecurityRiskBoardCommitteeOrSubcommitteeResponsibleForOversightTextBlock";
const INFORMING_BOARD: &str = "CybersecurityRiskProcessForInformingBoardCommitteeOrSubcommitteeResponsibleForOversightTextBlock";
const ROLE_OF_MANAGEMENT: &str = "CybersecurityRiskRoleOfManagementTextBlock";
const POSITIONS: &str = "CybersecurityRiskManagementPositionsOrCommitteesResponsibleTextBlock";
const EXPERTISE: &str = "CybersecurityRiskManagementExpertiseOfManagementResponsibleTextBlock";
const INFORMING_MANAGEMENT: &str =
    "CybersecurityRiskProcessForInformingManagementOrCommitteesResponsibleTextBlock";

/// Which part of the item a topic belongs to.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Part {
    RiskManagement,
    Governance,
}

/// What a paragraph claiming a topic carries: its text block, and the block it nests in.
struct TopicBlock {
    topic: &'static str,
    part: Part,
    block: &'static str,
    within: Option<&'static str>,
}

/// The topics and their blocks, most specific first.
const BLOCKS: &[TopicBlock] = &[
    TopicBlock {
        topic: "integration",
        part: Part::RiskManagement,
        block: INTEGRATED,
        within: Some(PROCESSES),
    },
    TopicBlock {
        topic: "third-party-engaged",
        part: Part::RiskManagement,
        block: PROCESSES,
        within: None,
    },
    TopicBlock {
        topic: "vendor-oversight",
        part: Part::RiskManagement,
        block: PROCESSES,
        within: None,
    },
    TopicBlock {
        topic: "material-effect",
        part: Part::RiskManagement,
        block: MATERIAL,
        within: None,
    },
    TopicBlock {
        topic: "board-committee",
        part: Part::Governance,
        block: COMMITTEE,
        within: Some(BOARD),
    },
    TopicBlock {
        topic: "reports-to-board",
        part: Part::Governance,
        block: INFORMING_BOARD,
        within: Some(BOARD),
    },
    TopicBlock {
        topic: "board-oversight",
        part: Part::Governance,
        block: BOARD,
        within: None,
    },
    TopicBlock {
        topic: "positions-responsible",
        part: Part::Governance,
        block: POSITIONS,
        within: Some(ROLE_OF_MANAGEMENT),
    },
    TopicBlock {
        topic: "expertise",
        part: Part::Governance,
        block: EXPERTISE,
        within: Some(ROLE_OF_MANAGEMENT),
    },
    TopicBlock {
        topic: "management-informed",
        part: Part::Governance,
        block: INFORMING_MANAGEMENT,
        within: Some(ROLE_OF_MANAGEMENT),
    },
    // Last: "processes" is claimed loosely ("our controls", "our incident response plan"),
    // so a paragraph carries the processes block for it only when nothing else is claimed.
    TopicBlock {
        topic: "processes",
        part: Part::RiskManagement,
        block: PROCESSES,
        within: None,
    },
];

/// Every text block a plan may name, in the order of the item (for the legend and colours).
pub const TEXT_BLOCKS: &[&str] = &[
    PROCESSES,
    INTEGRATED,
    MATERIAL,
    BOARD,
    COMMITTEE,
    INFORMING_BOARD,
    ROLE_OF_MANAGEMENT,
    POSITIONS,
    EXPERTISE,
    INFORMING_MANAGEMENT,
];

/// A flag's value as the words imply it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Implied {
    /// Some sentence affirms it, none denies it.
    True,
    /// Some sentence denies it, none affirms it.
    False,
    /// Both, or neither.
    Unclear,
}

impl Implied {
    /// `true`, `false` or `unclear`.
    pub fn as_str(self) -> &'static str {
        match self {
            Implied::True => "true",
            Implied::False => "false",
            Implied::Unclear => "unclear",
        }
    }

    /// The Inline XBRL format that tags it, for a definite value.
    pub fn format(self) -> Option<&'static str> {
        match self {
            Implied::True => Some("ixt:fixed-true"),
            Implied::False => Some("ixt:fixed-false"),
            Implied::Unclear => None,
        }
    }
}

/// A sentence of the draft, quoted, and where it is.
#[derive(Clone, Debug, Serialize)]
pub struct Quote {
    /// The sentence (shortened).
    pub sentence: String,
    /// Where the words of the claim are.
    pub location: Location,
}

/// The value a draft's words imply for one flag.
#[derive(Clone, Debug, Serialize)]
pub struct ImpliedFlag {
    /// `cyd:Name`.
    pub concept: String,
    /// The scorecard row.
    pub row: &'static str,
    /// `true`, `false` or `unclear`.
    pub value: Implied,
    /// The Inline XBRL format to tag it with, when the value is definite.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<&'static str>,
    /// The sentence that supports the value (the first that says it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentence: Option<Quote>,
    /// Why the value is unclear.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// The sentences of a section with their claims.
pub type Said = Vec<(Range<usize>, Vec<Claim>)>;

/// The section a card or plan reads: Item 1C (Item 16K first for a 20-F), or Item 1.05 for an
/// 8-K or 6-K, as `check` finds it.
pub fn item_section<'f>(filing: &'f Filing, form: Option<&str>) -> Option<&'f Section> {
    use crate::filing::text::SectionKind;
    let stated = form.or(filing.cover.document_type.as_deref());
    let kinds: &[SectionKind] = match stated {
        _ if is_incident(filing, form) => &[SectionKind::Item105],
        Some(f) if f.starts_with("20-F") => &[SectionKind::Item16K, SectionKind::Item1C],
        _ => &[SectionKind::Item1C, SectionKind::Item16K],
    };
    kinds.iter().find_map(|k| filing.text.section(*k))
}

/// Whether the Item 1.05 rows apply: the form (`form`, else `dei:DocumentType`) is an 8-K or
/// 6-K, or — no form stated, as in a draft — the document has an Item 1.05 section and no
/// Item 1C / 16K.
pub fn is_incident(filing: &Filing, form: Option<&str>) -> bool {
    use crate::filing::text::SectionKind;
    match form.or(filing.cover.document_type.as_deref()) {
        Some(f) => f.starts_with("8-K") || f.starts_with("6-K"),
        None => {
            filing.text.section(SectionKind::Item105).is_some()
                && filing.text.section(SectionKind::Item1C).is_none()
                && filing.text.section(SectionKind::Item16K).is_none()
        }
    }
}

/// The claims of every sentence of a section (one analysis for rows, flags and plan), as
/// `lex` reads them: the run's lexicon (the built-in one, extended by the packs' `lexicon/`
/// folders), so that a pack's words count in the plan and the scorecard as in `check`.
pub fn said(lex: &Lexicon, filing: &Filing, section: Option<&Section>) -> Said {
    section
        .map(|s| lex.in_text(&filing.text.text, s.range.clone(), None))
        .unwrap_or_default()
}

fn words(s: &str, n: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= n {
        s
    } else {
        s.chars().take(n - 1).collect::<String>() + "…"
    }
}

fn quote(filing: &Filing, sent: &Range<usize>, c: &Claim) -> Option<Quote> {
    let span = filing.text.span(c.evidence.clone())?;
    Some(Quote {
        sentence: words(filing.text.text.get(sent.clone())?, 200),
        location: Location::of(filing, span),
    })
}

/// The value each of the six flags would have, by what the item's sentences say (`said`, read
/// with `lex`).
pub fn implied_flags(lex: &Lexicon, filing: &Filing, said: &Said) -> Vec<ImpliedFlag> {
    FLAGS
        .iter()
        .map(|spec| {
            let topic = lex.topic(spec.topic);
            let first = |st: Status| {
                said.iter().find_map(|(s, cs)| {
                    cs.iter()
                        .find(|c| Some(c.topic) == topic && c.status == st)
                        .map(|c| (s, c))
                })
            };
            let (aff, neg) = (first(Status::Affirmed), first(Status::Negated));
            let q = |x: Option<(&Range<usize>, &Claim)>| x.and_then(|(s, c)| quote(filing, s, c));
            let (value, sentence, reason) = match (aff, neg) {
                (Some(_), None) => (Implied::True, q(aff), None),
                (None, Some(_)) => (Implied::False, q(neg), None),
                (Some(_), Some(_)) => {
                    let n = q(neg);
                    (
                        Implied::Unclear,
                        q(aff),
                        Some(format!(
                            "the draft says both: this sentence affirms it and \"{}\" denies it",
                            n.map(|n| n.sentence).unwrap_or_default()
                        )),
                    )
                }
                (None, None) => {
                    let (h, p) = (first(Status::Hedged), first(Status::Pointer));
                    let reason = if h.is_some() {
                        "only hedged: the draft says what may or could be, not what is"
                    } else if p.is_some() {
                        "only a pointer: the draft sends the reader elsewhere for it"
                    } else {
                        "no sentence of the item says it either way"
                    };
                    (Implied::Unclear, q(h.or(p)), Some(reason.to_string()))
                }
            };
            ImpliedFlag {
                concept: format!("cyd:{}", spec.concept),
                row: spec.row,
                value,
                format: value.format(),
                sentence,
                reason,
            }
        })
        .collect()
}

/// One paragraph of the item in the plan.
#[derive(Clone, Debug, Serialize)]
pub struct PlanParagraph {
    /// 1-based, counting the item's paragraphs (its heading is 1).
    pub number: usize,
    /// Where it starts (Word: paragraph number and heading; HTML/Markdown: line).
    pub location: Location,
    /// The heading it falls under.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    /// True for a heading.
    pub is_heading: bool,
    /// Its text, shortened.
    pub text: String,
    /// The text blocks to tag on it (local names, most specific).
    pub elements: Vec<&'static str>,
    /// The blocks those nest in.
    pub within: Vec<&'static str>,
    /// The topics it affirms or denies.
    pub topics: Vec<String>,
}

/// A flag in the plan.
#[derive(Clone, Debug, Serialize)]
pub struct PlanFlag {
    /// The implied value, sentence and format.
    #[serde(flatten)]
    pub flag: ImpliedFlag,
    /// The paragraph number of its sentence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<usize>,
}

/// A block that encloses others, and the paragraphs it spans.
#[derive(Clone, Debug, Serialize)]
pub struct Nesting {
    /// The enclosing block.
    pub block: &'static str,
    /// Its first and last paragraph.
    pub paragraphs: (usize, usize),
    /// The blocks inside it, with their paragraphs.
    pub nested: Vec<(&'static str, Vec<usize>)>,
}

/// The tagging plan of one draft.
#[derive(Clone, Debug, Serialize)]
pub struct Plan {
    /// The files.
    pub files: Vec<String>,
    /// The item's heading, when found.
    pub section: Option<String>,
    /// The paragraphs.
    pub paragraphs: Vec<PlanParagraph>,
    /// The six flags.
    pub flags: Vec<PlanFlag>,
    /// Which blocks nest in which.
    pub nesting: Vec<Nesting>,
}

/// A block that reads like a heading: short and without a sentence's final punctuation.
fn heading_like(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty()
        && t.split_whitespace().count() <= 12
        && !t.ends_with(['.', ';', ':', '?', '!', ',', '"', '”', ')'])
}

/// The part of the item a heading introduces.
fn part_of_heading(h: &str) -> Option<Part> {
    let h = h.to_ascii_lowercase();
    if h.contains("governance") || h.contains("oversight") {
        Some(Part::Governance)
    } else if h.contains("risk management") || h.contains("strategy") {
        Some(Part::RiskManagement)
    } else {
        None
    }
}

/// The blocks of a paragraph from the topics it affirms or denies.
fn blocks_of(topics: &[&str], part: Option<Part>) -> (Vec<&'static str>, Vec<&'static str>) {
    let has_governance = BLOCKS
        .iter()
        .any(|b| b.part == Part::Governance && topics.contains(&b.topic));
    let part = part.or(has_governance.then_some(Part::Governance));
    let mut elements: Vec<&'static str> = Vec::new();
    let mut within: Vec<&'static str> = Vec::new();
    for b in BLOCKS {
        if !topics.contains(&b.topic) || part.is_some_and(|p| p != b.part) {
            continue;
        }
        if b.topic == "processes" && !elements.is_empty() {
            continue;
        }
        if !elements.contains(&b.block) {
            elements.push(b.block);
        }
        if let Some(w) = b.within
            && !within.contains(&w)
        {
            within.push(w);
        }
    }
    // A block the paragraph nests others in is `within`, not an element of its own.
    elements.retain(|e| !within.contains(e));
    (elements, within)
}

/// The tagging plan of a draft, its sentences read with `lex` (the run's lexicon).
pub fn plan(lex: &Lexicon, filing: &Filing, form: Option<&str>) -> Plan {
    let section = item_section(filing, form);
    let said = said(lex, filing, section);
    let text = &filing.text.text;
    let mut paragraphs: Vec<PlanParagraph> = Vec::new();
    if let Some(sec) = section {
        let end = sec.range.end.min(text.len());
        let mut at = sec.range.start.min(end);
        let mut heading: Option<String> = None;
        let mut part: Option<Part> = None;
        while at < end {
            let line = crate::filing::text::line_of(text, at);
            let next = line.end.max(at + 1);
            let body = text.get(line.start..line.end.min(end)).unwrap_or("");
            let lead = body.len() - body.trim_start().len();
            let trimmed = body.trim();
            if trimmed.is_empty() {
                at = next;
                continue;
            }
            let start = line.start + lead;
            let Some(span) = filing.text.span(start..start + trimmed.len()) else {
                at = next;
                continue;
            };
            let claims: Vec<&Claim> = said
                .iter()
                .filter(|(s, _)| s.start >= line.start && s.start < line.end)
                .flat_map(|(_, cs)| cs)
                .filter(|c| matches!(c.status, Status::Affirmed | Status::Negated))
                .collect();
            let mut topics: Vec<&str> = Vec::new();
            for c in &claims {
                let name = lex.topics[c.topic].name.as_str();
                if !topics.contains(&name) && name != "pointer" {
                    topics.push(name);
                }
            }
            let is_heading = (paragraphs.is_empty() || topics.is_empty()) && heading_like(trimmed);
            let (elements, within) = if is_heading {
                (Vec::new(), Vec::new())
            } else {
                blocks_of(&topics, part)
            };
            let location = Location::of(filing, span);
            paragraphs.push(PlanParagraph {
                number: paragraphs.len() + 1,
                heading: location.heading.clone().or_else(|| heading.clone()),
                location,
                is_heading,
                text: words(trimmed, 120),
                elements,
                within,
                topics: topics.iter().map(|t| t.to_string()).collect(),
            });
            if is_heading {
                heading = Some(words(trimmed, 80));
                if let Some(p) = part_of_heading(trimmed) {
                    part = Some(p);
                }
            }
            at = next;
        }
    }
    let flags = implied_flags(lex, filing, &said)
        .into_iter()
        .map(|flag| {
            let paragraph = flag.sentence.as_ref().and_then(|q| {
                paragraphs
                    .iter()
                    .rev()
                    .find(|p| {
                        p.location.file == q.location.file && p.location.start <= q.location.start
                    })
                    .map(|p| p.number)
            });
            PlanFlag { flag, paragraph }
        })
        .collect();
    let nesting = nesting(&paragraphs);
    Plan {
        files: filing.documents().map(|f| f.name()).collect(),
        section: section.map(|s| words(&s.heading, 80)),
        paragraphs,
        flags,
        nesting,
    }
}

/// The enclosing blocks over the paragraphs: each spans from its first to its last paragraph
/// (as an element or as `within`), with the blocks nested in it.
fn nesting(paragraphs: &[PlanParagraph]) -> Vec<Nesting> {
    let mut out: Vec<Nesting> = Vec::new();
    for outer in [PROCESSES, BOARD, ROLE_OF_MANAGEMENT] {
        let inside: Vec<&PlanParagraph> = paragraphs
            .iter()
            .filter(|p| p.elements.contains(&outer) || p.within.contains(&outer))
            .collect();
        let (Some(first), Some(last)) = (inside.first(), inside.last()) else {
            continue;
        };
        let mut nested: Vec<(&'static str, Vec<usize>)> = Vec::new();
        for p in inside.iter().filter(|p| p.within.contains(&outer)) {
            for e in &p.elements {
                if BLOCKS
                    .iter()
                    .any(|b| b.block == *e && b.within == Some(outer))
                {
                    match nested.iter_mut().find(|(n, _)| n == e) {
                        Some((_, ps)) => ps.push(p.number),
                        None => nested.push((e, vec![p.number])),
                    }
                }
            }
        }
        if nested.is_empty() {
            continue;
        }
        out.push(Nesting {
            block: outer,
            paragraphs: (first.number, last.number),
            nested,
        });
    }
    out
}

fn short(concept: &str) -> String {
    concept
        .trim_start_matches("cyd:")
        .trim_start_matches("CybersecurityRisk")
        .trim_start_matches("Management")
        .to_string()
}

fn where_(l: &Location) -> String {
    match (l.paragraph, &l.heading) {
        (Some(p), Some(h)) => format!("¶{p} (under \"{h}\")"),
        (Some(p), None) => format!("¶{p}"),
        _ => format!("line {}", l.line),
    }
}

/// The plan as a table for the terminal: each paragraph (its number in the item, `#n`, its
/// location and words), then the elements to tag on it; the flags; the nesting.
pub fn table(plans: &[Plan]) -> String {
    let mut s = String::new();
    for p in plans {
        s.push_str(&format!(
            "Tagging plan — {} — {}\n\n",
            p.files.join(", "),
            p.section
                .as_deref()
                .unwrap_or("no Item 1C / 16K section found")
        ));
        for para in &p.paragraphs {
            s.push_str(&format!(
                "  #{:<3} {:<34} {}\n",
                para.number,
                where_(&para.location),
                words(&para.text, 90)
            ));
            if para.is_heading {
                continue;
            }
            if para.elements.is_empty() {
                s.push_str("        → no element\n");
            }
            for e in &para.elements {
                s.push_str(&format!("        → cyd:{e}\n"));
            }
            if !para.within.is_empty() {
                s.push_str(&format!(
                    "          nested in {}\n",
                    para.within
                        .iter()
                        .map(|w| format!("cyd:{w}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
        }
        s.push_str("\n  Flags:\n");
        for f in &p.flags {
            let val = match f.flag.format {
                Some(fmt) => format!("{} ({fmt})", f.flag.value.as_str()),
                None => "unclear".to_string(),
            };
            s.push_str(&format!("  {}  {val}\n", f.flag.concept));
            if let Some(q) = &f.flag.sentence {
                s.push_str(&format!(
                    "        {}{}: \"{}\"\n",
                    f.paragraph.map(|n| format!("#{n}, ")).unwrap_or_default(),
                    where_(&q.location),
                    words(&q.sentence, 90)
                ));
            }
            if let Some(r) = &f.flag.reason {
                s.push_str(&format!("        {r}\n"));
            }
        }
        if !p.nesting.is_empty() {
            s.push_str("\n  Nesting:\n");
            for n in &p.nesting {
                s.push_str(&format!(
                    "  cyd:{} (#{}–#{}) holds {}\n",
                    n.block,
                    n.paragraphs.0,
                    n.paragraphs.1,
                    n.nested
                        .iter()
                        .map(|(b, ps)| format!(
                            "{} ({})",
                            short(b),
                            ps.iter()
                                .map(|p| format!("#{p}"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
        }
        s.push('\n');
    }
    s
}

/// The plan as JSON.
pub fn json(plans: &[Plan]) -> String {
    #[derive(Serialize)]
    struct Doc<'a> {
        version: u32,
        plans: &'a [Plan],
    }
    serde_json::to_string_pretty(&Doc { version: 1, plans }).unwrap_or_default() + "\n"
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Background colours of the blocks, light enough for dark text (contrast above 7:1).
const COLOURS: &[&str] = &[
    "#dbeafe", "#e0f2fe", "#fde2e2", "#dcfce7", "#ecfccb", "#d1fae5", "#f3e8ff", "#ede9fe",
    "#fae8ff", "#fce7f3",
];

/// The background colour of a block in the annotated page (`#rrggbb`; grey for none).
pub fn colour_of(block: &str) -> &'static str {
    TEXT_BLOCKS
        .iter()
        .position(|b| *b == block)
        .and_then(|i| COLOURS.get(i))
        .copied()
        .unwrap_or("#eeeeee")
}

/// The CSS class of a block.
pub fn class_of(block: &str) -> String {
    format!(
        "b{}",
        TEXT_BLOCKS.iter().position(|b| *b == block).unwrap_or(99)
    )
}

/// The annotated draft as one self-contained HTML page: each paragraph of the item coloured
/// by the element it would carry, with the element's name beside it; flag sentences marked
/// with their format.
pub fn html(plans: &[Plan]) -> String {
    let mut s = String::from(
        r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>cydlint tagging plan</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:1.5rem;color:#1b1b1b;background:#fff;max-width:60rem}
h1{font-size:1.4rem}h2{font-size:1.15rem}
.para{border-left:.6rem solid #c8c8c8;padding:.4rem .6rem;margin:.5rem 0}
.heading{font-weight:700;border-left-color:#fff}
.el{display:block;font-size:.8rem;color:#333;font-family:ui-monospace,monospace}
.loc{color:#4a4a4a;font-size:.8rem}
.flag{border:1px solid #555;padding:.1rem .3rem;font-size:.8rem;background:#fff}
.legend span{display:inline-block;padding:.1rem .4rem;margin:.1rem;border:1px solid #8a8a8a;font-size:.8rem}
"#,
    );
    for (i, c) in COLOURS.iter().enumerate() {
        s.push_str(&format!(
            ".b{i}{{background:{c};border-left-color:#1b1b1b}}\n"
        ));
    }
    s.push_str(
        "@media print{.para{-webkit-print-color-adjust:exact;print-color-adjust:exact;page-break-inside:avoid}}\n</style></head><body>\n<h1>Tagging plan</h1>\n<p class=\"legend\">",
    );
    for b in TEXT_BLOCKS {
        s.push_str(&format!(
            "<span class=\"{}\">{}</span>",
            class_of(b),
            esc(&short(b))
        ));
    }
    s.push_str("</p>\n");
    for p in plans {
        s.push_str(&format!(
            "<h2>{} — {}</h2>\n",
            esc(&p.files.join(", ")),
            esc(p
                .section
                .as_deref()
                .unwrap_or("no Item 1C / 16K section found"))
        ));
        for para in &p.paragraphs {
            let cls = if para.is_heading {
                "para heading".to_string()
            } else {
                match para.elements.first() {
                    Some(e) => format!("para {}", class_of(e)),
                    None => "para".to_string(),
                }
            };
            let flags: Vec<String> = p
                .flags
                .iter()
                .filter(|f| f.paragraph == Some(para.number) && f.flag.format.is_some())
                .map(|f| {
                    format!(
                        " <span class=\"flag\">{} {}</span>",
                        esc(&short(&f.flag.concept)),
                        f.flag.format.unwrap_or("")
                    )
                })
                .collect();
            let el = if para.elements.is_empty() {
                String::new()
            } else {
                format!(
                    "<span class=\"el\">{}{}</span>",
                    esc(&para.elements.join(" + ")),
                    if para.within.is_empty() {
                        String::new()
                    } else {
                        format!(" — within {}", esc(&para.within.join(", ")))
                    }
                )
            };
            s.push_str(&format!(
                "<div class=\"{cls}\" data-elements=\"{}\"><span class=\"loc\">#{} · {}</span> {}{}{}</div>\n",
                esc(&para.elements.join(" ")),
                para.number,
                esc(&where_(&para.location)),
                esc(&para.text),
                flags.concat(),
                el
            ));
        }
    }
    s.push_str("</body></html>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_governance_topics_outweigh_loose_risk_management_ones() {
        let (e, w) = blocks_of(&["board-oversight", "processes", "integration"], None);
        assert_eq!(e, vec![BOARD]);
        assert!(w.is_empty());
        let (e, w) = blocks_of(&["board-committee", "board-oversight"], None);
        assert_eq!(e, vec![COMMITTEE]);
        assert_eq!(w, vec![BOARD]);
        let (e, w) = blocks_of(&["processes", "integration"], None);
        assert_eq!(e, vec![INTEGRATED]);
        assert_eq!(w, vec![PROCESSES]);
        let (e, _) = blocks_of(
            &["processes", "material-effect"],
            Some(Part::RiskManagement),
        );
        assert_eq!(e, vec![MATERIAL]);
    }

    #[test]
    fn every_flag_topic_and_block_topic_is_in_the_lexicon() {
        let lex = crate::claims::builtin();
        for f in FLAGS {
            assert!(lex.topic(f.topic).is_some(), "{}", f.topic);
        }
        for b in BLOCKS {
            assert!(lex.topic(b.topic).is_some(), "{}", b.topic);
        }
    }
}
