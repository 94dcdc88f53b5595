//! Every document of `../shared/corpus/filings` and the seed, read and checked against what a
//! person reads in them (the expected table below was read by hand from the documents; see
//! docs/corpus-review.md for the notes).

use std::path::PathBuf;

use cydlint::filing::{Filing, InputKind};

use crate::common::{shared, visible_source};

const FLAGS: [&str; 6] = [
    "CybersecurityRiskManagementProcessesIntegratedFlag",
    "CybersecurityRiskManagementThirdPartyEngagedFlag",
    "CybersecurityRiskThirdPartyOversightAndIdentificationProcessesFlag",
    "CybersecurityRiskMateriallyAffectedOrReasonablyLikelyToMateriallyAffectRegistrantFlag",
    "CybersecurityRiskManagementPositionsOrCommitteesResponsibleFlag",
    "CybersecurityRiskManagementPositionsOrCommitteesResponsibleReportToBoardFlag",
];

struct Expect {
    dir: &'static str,
    kind: InputKind,
    document_type: &'static str,
    period_end: &'static str,
    registrant: &'static str,
    cyd_ns: Option<&'static str>,
    cyd_facts: usize,
    /// Integrated, third party engaged, third-party oversight, materially affected, positions
    /// responsible, report to board.
    flags: [Option<bool>; 6],
}

const T: Option<bool> = Some(true);
const F: Option<bool> = Some(false);
const ABSENT: [Option<bool>; 6] = [None; 6];

const EXPECTED: &[Expect] = &[
    Expect {
        dir: "aapl_10k_fy2025",
        kind: InputKind::InlineXbrl,
        document_type: "10-K",
        period_end: "2025-09-27",
        registrant: "Apple Inc.",
        cyd_ns: Some("http://xbrl.sec.gov/cyd/2025"),
        cyd_facts: 15,
        flags: [T, T, T, F, T, T],
    },
    Expect {
        dir: "abbv_10k",
        kind: InputKind::InlineXbrl,
        document_type: "10-K",
        period_end: "2024-12-31",
        registrant: "AbbVie Inc.",
        cyd_ns: Some("http://xbrl.sec.gov/cyd/2024"),
        cyd_facts: 1,
        flags: ABSENT,
    },
    Expect {
        dir: "crm_10k",
        kind: InputKind::InlineXbrl,
        document_type: "10-K",
        period_end: "2025-01-31",
        registrant: "Salesforce, Inc.",
        cyd_ns: Some("http://xbrl.sec.gov/cyd/2024"),
        cyd_facts: 15,
        flags: [T, T, T, F, T, T],
    },
    Expect {
        dir: "crsr_xbrl_instance",
        kind: InputKind::Instance,
        document_type: "10-K",
        period_end: "2024-12-31",
        registrant: "Corsair Gaming, Inc.",
        cyd_ns: Some("http://xbrl.sec.gov/cyd/2024"),
        cyd_facts: 16,
        flags: [T, T, T, F, T, T],
    },
    Expect {
        dir: "ko_10k",
        kind: InputKind::InlineXbrl,
        document_type: "10-K",
        period_end: "2024-12-31",
        registrant: "COCA COLA CO",
        cyd_ns: Some("http://xbrl.sec.gov/cyd/2024"),
        cyd_facts: 16,
        flags: [T, T, T, F, T, T],
    },
    Expect {
        dir: "ma_10k",
        kind: InputKind::InlineXbrl,
        document_type: "10-K",
        period_end: "2024-12-31",
        registrant: "Mastercard Incorporated",
        cyd_ns: Some("http://xbrl.sec.gov/cyd/2024"),
        cyd_facts: 15,
        flags: [T, T, T, F, T, T],
    },
    Expect {
        dir: "v_10k_fy2024_pre_tagging",
        kind: InputKind::InlineXbrl,
        document_type: "10-K",
        period_end: "2024-09-30",
        registrant: "VISA INC.",
        cyd_ns: None,
        cyd_facts: 0,
        flags: ABSENT,
    },
    Expect {
        dir: "wfc_10k",
        kind: InputKind::InlineXbrl,
        document_type: "10-K",
        period_end: "2024-12-31",
        registrant: "WELLS FARGO & COMPANY/MN",
        cyd_ns: Some("http://xbrl.sec.gov/cyd/2024"),
        cyd_facts: 0,
        flags: ABSENT,
    },
];

fn flag(f: &Filing, name: &str) -> Option<bool> {
    f.cyd_facts()
        .find(|x| *x.concept.local_name == *name)
        .and_then(|x| x.boolean)
}

fn read_dir(dir: &PathBuf) -> Filing {
    let sets = cydlint::discover::document_sets(std::slice::from_ref(dir), false).unwrap();
    // Each corpus folder holds one filing (the Corsair .xsd is not a document cydlint reads).
    assert_eq!(sets.len(), 1, "{}", dir.display());
    cydlint::read::read_set(&sets[0])
}

#[test]
fn corpus_facts_and_flags_match_the_documents() {
    let Some(shared) = shared() else { return };
    for e in EXPECTED {
        let f = read_dir(&shared.join("corpus/filings").join(e.dir));
        let who = e.dir;
        assert_eq!(f.kind, Some(e.kind), "{who}");
        assert_eq!(
            f.cover.document_type.as_deref(),
            Some(e.document_type),
            "{who}"
        );
        assert_eq!(f.cover.period_end.as_deref(), Some(e.period_end), "{who}");
        // Registrant names may hold non-breaking spaces (AbbVie): compare collapsed.
        let name = f.cover.registrant_name.clone().unwrap_or_default();
        assert_eq!(name.replace('\u{a0}', " "), e.registrant, "{who}");
        assert_eq!(
            f.cyd_namespaces.first().map(String::as_str),
            e.cyd_ns,
            "{who}"
        );
        assert_eq!(f.cyd_facts().count(), e.cyd_facts, "{who}");
        for (i, name) in FLAGS.iter().enumerate() {
            assert_eq!(flag(&f, name), e.flags[i], "{who} {name}");
        }
        assert_eq!(f.cover.transition_report, Some(false), "{who}");
        assert_eq!(f.cover.amendment, Some(false), "{who}");
        // Every cyd fact has a twelve-month duration context without a segment.
        for fact in f.cyd_facts() {
            let ctx = f
                .context_of(fact)
                .unwrap_or_else(|| panic!("{who}: no context"));
            assert!(!ctx.has_segment, "{who}");
            assert!(
                matches!(&ctx.period, Some(cydlint::filing::Period::Duration { end, .. }) if end == e.period_end),
                "{who}"
            );
        }
        // No reader error on any real filing.
        let errors: Vec<_> = f
            .issues
            .iter()
            .filter(|i| i.level == cydlint::filing::IssueLevel::Error)
            .collect();
        assert!(errors.is_empty(), "{who}: {errors:?}");
    }
}

#[test]
fn text_block_spans_map_back_to_the_source_bytes() {
    let Some(shared) = shared() else { return };
    let squash = |s: &str| {
        s.chars()
            .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
            .collect::<String>()
    };
    let mut checked = 0;
    for e in EXPECTED {
        let f = read_dir(&shared.join("corpus/filings").join(e.dir));
        for fact in f.cyd_facts().filter(|x| x.text().is_some()) {
            let text = fact.text().unwrap();
            // The first and the last sentence-sized piece of every text block.
            let n = text.char_indices().nth(60).map_or(text.len(), |(i, _)| i);
            let tail = text.char_indices().rev().nth(59).map_or(0, |(i, _)| i);
            for r in [0..n, tail..text.len()] {
                let sp = f.fact_text_span(fact, r.clone()).unwrap();
                let bytes = &f.files[sp.file].bytes()[sp.start..sp.end];
                assert_eq!(
                    squash(&visible_source(bytes)),
                    squash(&text[r.clone()]),
                    "{}: {} at {:?}",
                    e.dir,
                    fact.concept.local_name,
                    sp
                );
                checked += 1;
            }
        }
    }
    // 9+1+9+10+10+9 text blocks, two pieces each.
    assert_eq!(checked, 2 * (9 + 1 + 9 + 10 + 10 + 9));
}

#[test]
fn abbvie_single_text_block_follows_its_chain() {
    let Some(shared) = shared() else { return };
    let f = read_dir(&shared.join("corpus/filings/abbv_10k"));
    let tb = f.cyd_facts().next().unwrap();
    assert_eq!(tb.id.as_deref(), Some("f-54"));
    assert_eq!(tb.continuations().len(), 2);
    let text = tb.text().unwrap();
    assert!(
        text.starts_with("CYBERSECURITY We rely on complex information technology systems"),
        "{}",
        &text[..80]
    );
    assert!(text.ends_with(
        "provides similar topical updates to the full board of directors at least annually."
    ));
    assert!(
        f.text
            .section(cydlint::filing::text::SectionKind::Item1C)
            .is_some()
    );
}

#[test]
fn seed_rendered_report_lists_its_15_facts() {
    let Some(shared) = shared() else { return };
    let seed = std::fs::read_dir(shared.join("seed"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let f = cydlint::read::read_set(&[seed]);
    assert_eq!(f.kind, Some(InputKind::Rendered));
    assert_eq!(f.facts.len(), 15);
    assert!(f.facts.iter().all(|x| x.concept.is_cyd()));
    assert_eq!(f.cover.period_end.as_deref(), Some("2024-12-31"));
    assert_eq!(
        f.title.as_deref(),
        Some("Cybersecurity Risk Management and Strategy Disclosure")
    );
    for (i, name) in FLAGS.iter().enumerate() {
        assert_eq!(flag(&f, name), [T, T, T, F, T, T][i], "{name}");
    }
    let by = |n: &str| f.cyd_facts().find(|x| *x.concept.local_name == *n).unwrap();
    assert_eq!(
        by("CybersecurityRiskManagementExpertiseOfManagementResponsibleTextBlock").text(),
        Some("Mr. Dong")
    );
    assert_eq!(by("CybersecurityRiskProcessForInformingBoardCommitteeOrSubcommitteeResponsibleForOversightTextBlock").text(), Some("board of directors"));
    // A wrapped value is one text; its span covers the original lines.
    let p = by(
        "CybersecurityRiskManagementProcessesForAssessingIdentifyingAndManagingThreatsTextBlock",
    );
    let t = p.text().unwrap();
    assert!(t.starts_with("We have integrated cybersecurity risk management"));
    let sp = f
        .fact_text_span(p, 0..t.find(" integrated").unwrap())
        .unwrap();
    assert_eq!(&f.files[0].text[sp.start..sp.end], "We\nhave");
    let ctx = f.context_of(p).unwrap();
    assert_eq!(
        ctx.period,
        Some(cydlint::filing::Period::Duration {
            start: "2024-01-01".into(),
            end: "2024-12-31".into()
        })
    );
    assert!(f.issues.is_empty(), "{:?}", f.issues);
}

#[test]
fn corsair_instance_text_maps_into_escaped_html() {
    let Some(shared) = shared() else { return };
    let f = read_dir(&shared.join("corpus/filings/crsr_xbrl_instance"));
    let exp = f
        .cyd_facts()
        .find(|x| {
            &*x.concept.local_name
                == "CybersecurityRiskManagementExpertiseOfManagementResponsibleTextBlock"
        })
        .unwrap();
    let t = exp.text().unwrap();
    assert!(
        t.starts_with("The CIO has over 20 years’ experience"),
        "{t}"
    );
    let i = t.find("years’ experience").unwrap();
    let sp = f
        .fact_text_span(exp, i..i + "years’ experience".len())
        .unwrap();
    assert_eq!(
        &f.files[0].text[sp.start..sp.end],
        "years&#x2019; experience"
    );
}

#[test]
fn embedded_cyd_table_matches_the_sec_schema() {
    let Some(shared) = shared() else { return };
    let xsd = std::fs::read_to_string(shared.join("taxonomy/cyd-2025/cyd-2025.xsd")).unwrap();
    let el = regex::Regex::new(r"<xs:element ([^>]*)/?>").unwrap();
    let attr = |a: &str, k: &str| {
        regex::Regex::new(&format!(r#"\b{k}="([^"]*)""#))
            .unwrap()
            .captures(a)
            .map(|c| c[1].to_string())
    };
    let mut seen = 0;
    for c in el.captures_iter(&xsd) {
        let a = &c[1];
        let name = attr(a, "name").unwrap();
        let e =
            cydlint::taxonomy::cyd_element(&name).unwrap_or_else(|| panic!("{name} not embedded"));
        let ty = attr(a, "type").unwrap();
        let want = match e.item_type {
            cydlint::taxonomy::ItemType::Boolean => "i:booleanItemType",
            cydlint::taxonomy::ItemType::TextBlock => "dtr-types:textBlockItemType",
            cydlint::taxonomy::ItemType::Domain => "dtr-types:domainItemType",
            cydlint::taxonomy::ItemType::String => "i:stringItemType",
        };
        assert_eq!(ty, want, "{name}");
        assert_eq!(
            attr(a, "abstract").as_deref() == Some("true"),
            e.is_abstract,
            "{name}"
        );
        assert!(
            attr(a, "substitutionGroup")
                .unwrap()
                .ends_with(&e.substitution_group),
            "{name}"
        );
        assert_eq!(
            attr(a, "i:periodType").as_deref(),
            Some("duration"),
            "{name}"
        );
        seen += 1;
    }
    assert_eq!(seen, cydlint::taxonomy::cyd_elements().len());
}

/// Typed dimension members carry their value (Apple's and Corsair's remaining-performance-
/// obligation contexts: the start date of the period, as the filings write it).
#[test]
fn typed_members_carry_their_values() {
    let Some(shared) = shared() else { return };
    let aapl = read_dir(&shared.join("corpus/filings/aapl_10k_fy2025"));
    let axis =
        "us-gaap:RevenueRemainingPerformanceObligationExpectedTimingOfSatisfactionStartDateAxis";
    let c57 = &aapl.contexts["c-57"];
    assert_eq!(
        c57.dimensions.get(axis).map(String::as_str),
        Some("2025-09-28")
    );
    let crsr = read_dir(&shared.join("corpus/filings/crsr_xbrl_instance"));
    let typed: Vec<&str> = crsr
        .contexts
        .values()
        .filter_map(|c| c.dimensions.get(axis).map(String::as_str))
        .collect();
    assert!(!typed.is_empty());
    assert!(
        typed.iter().all(|v| v.len() == 10 && v.starts_with("20")),
        "{typed:?}"
    );
}
