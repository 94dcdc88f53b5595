//! Every finding of the built-in pack on every document of `../shared/corpus/filings` and on
//! the seed, reviewed by hand: the table below is the whole expected output, one row per
//! finding, and docs/corpus-review.md gives the reason for each. A new finding, or a lost one,
//! fails this test; a false positive is fixed in the rule, never here.

use cydlint::engine::{self, Options};

use crate::common::shared;

type Row = (&'static str, &'static str, Option<&'static str>);

const MA_FLAG: &str =
    "CybersecurityRiskMateriallyAffectedOrReasonablyLikelyToMateriallyAffectRegistrantFlag";

fn expected(dir: &str) -> Vec<Row> {
    match dir {
        "aapl_10k_fy2025" => vec![
            ("CYD-X-011", "warning", Some(MA_FLAG)),
            ("CYD-TXT-006", "warning", Some(MA_FLAG)),
        ],
        "abbv_10k" => vec![
            (
                "CYD-106B1-002",
                "warning",
                Some("CybersecurityRiskManagementProcessesIntegratedFlag"),
            ),
            (
                "CYD-106B1-003",
                "warning",
                Some("CybersecurityRiskManagementThirdPartyEngagedFlag"),
            ),
            (
                "CYD-106B1-004",
                "warning",
                Some("CybersecurityRiskThirdPartyOversightAndIdentificationProcessesFlag"),
            ),
            ("CYD-106B2-001", "warning", Some(MA_FLAG)),
            (
                "CYD-106C1-001",
                "warning",
                Some("CybersecurityRiskBoardOfDirectorsOversightTextBlock"),
            ),
            (
                "CYD-106C2-001",
                "warning",
                Some("CybersecurityRiskRoleOfManagementTextBlock"),
            ),
            (
                "CYD-106C2-002",
                "warning",
                Some("CybersecurityRiskManagementPositionsOrCommitteesResponsibleFlag"),
            ),
            (
                "CYD-106C2-003",
                "warning",
                Some(
                    "CybersecurityRiskManagementPositionsOrCommitteesResponsibleReportToBoardFlag",
                ),
            ),
        ],
        "crm_10k" | "crsr_xbrl_instance" | "ko_10k" | "v_10k_fy2024_pre_tagging" => vec![],
        "ma_10k" => vec![
            ("CYD-X-011", "warning", Some(MA_FLAG)),
            (
                "CYD-X-015",
                "warning",
                Some("CybersecurityRiskManagementExpertiseOfManagementResponsibleTextBlock"),
            ),
            ("CYD-TXT-005", "info", Some(MA_FLAG)),
            (
                "CYD-X-025",
                "info",
                Some(
                    "CybersecurityRiskBoardCommitteeOrSubcommitteeResponsibleForOversightTextBlock",
                ),
            ),
            (
                "CYD-X-025",
                "info",
                Some(
                    "CybersecurityRiskProcessForInformingBoardCommitteeOrSubcommitteeResponsibleForOversightTextBlock",
                ),
            ),
        ],
        "wfc_10k" => vec![("CYD-APP-008", "info", None)],
        other => panic!("no expectation for {other}"),
    }
}

fn rows(out: &engine::Outcome) -> Vec<(String, String, Option<String>)> {
    let mut v: Vec<_> = out
        .findings
        .iter()
        .map(|f| {
            (
                f.rule.clone(),
                f.severity.as_str().to_string(),
                f.concept
                    .as_ref()
                    .map(|c| c.trim_start_matches("cyd:").to_string()),
            )
        })
        .collect();
    v.sort();
    v
}

fn want(rows: &[Row]) -> Vec<(String, String, Option<String>)> {
    let mut v: Vec<_> = rows
        .iter()
        .map(|(r, s, c)| (r.to_string(), s.to_string(), c.map(str::to_string)))
        .collect();
    v.sort();
    v
}

fn check(paths: &[std::path::PathBuf], opts: &Options) -> engine::Outcome {
    let rules = cydlint::rules::load::load(&[], false).unwrap();
    let filing = cydlint::read::read_set(paths);
    engine::run(&rules, &filing, opts)
}

#[test]
fn corpus_findings_are_the_reviewed_ones() {
    let Some(shared) = shared() else { return };
    let root = shared.join("corpus/filings");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    assert_eq!(dirs.len(), 8);
    for dir in dirs {
        let name = dir.file_name().unwrap().to_str().unwrap().to_string();
        let sets = cydlint::discover::document_sets(std::slice::from_ref(&dir), false).unwrap();
        let out = check(&sets[0], &Options::default());
        assert_eq!(rows(&out), want(&expected(&name)), "{name}");
        // Every rule is decided, but CYD-NS-004 where the company schema is not there: the
        // corpus keeps the primary documents (Corsair's schema only, beside its instance).
        let undecided: Vec<_> = out
            .skipped
            .iter()
            .filter(|s| {
                !(s.rule == "CYD-NS-004" && s.reason.contains("is not beside the document"))
            })
            .collect();
        assert!(undecided.is_empty(), "{name}: {undecided:?}");
        if name == "crsr_xbrl_instance" {
            assert!(out.skipped.is_empty(), "{name}: {:?}", out.skipped);
        }
    }
}

#[test]
fn seed_findings_name_the_fragments() {
    let Some(shared) = shared() else { return };
    let seed = std::fs::read_dir(shared.join("seed"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let text_only = vec![
        (
            "CYD-TXT-001",
            "warning",
            Some("CybersecurityRiskManagementProcessesIntegratedTextBlock"),
        ),
        (
            "CYD-TXT-001",
            "warning",
            Some(
                "CybersecurityRiskMateriallyAffectedOrReasonablyLikelyToMateriallyAffectRegistrantTextBlock",
            ),
        ),
        (
            "CYD-TXT-001",
            "warning",
            Some("CybersecurityRiskBoardCommitteeOrSubcommitteeResponsibleForOversightTextBlock"),
        ),
        (
            "CYD-FACT-010",
            "warning",
            Some(
                "CybersecurityRiskProcessForInformingBoardCommitteeOrSubcommitteeResponsibleForOversightTextBlock",
            ),
        ),
        (
            "CYD-FACT-010",
            "warning",
            Some("CybersecurityRiskManagementExpertiseOfManagementResponsibleTextBlock"),
        ),
        (
            "CYD-X-015",
            "warning",
            Some("CybersecurityRiskManagementExpertiseOfManagementResponsibleTextBlock"),
        ),
        (
            "CYD-X-026",
            "warning",
            Some("CybersecurityRiskBoardCommitteeOrSubcommitteeResponsibleForOversightTextBlock"),
        ),
    ];
    let out = check(std::slice::from_ref(&seed), &Options::default());
    assert_eq!(rows(&out), want(&text_only));
    // The rendered report names no form: the form-bound rules say so.
    assert!(out.skipped.iter().all(|s| s.reason.contains("--form")));
    assert!(out.skipped.len() >= 10);
    // With the form, the missing role-of-management text block is found too.
    let mut with_form = text_only.clone();
    with_form.push((
        "CYD-106C2-001",
        "warning",
        Some("CybersecurityRiskRoleOfManagementTextBlock"),
    ));
    let opts = Options {
        form: Some("20-F".into()),
        ..Options::default()
    };
    let out = check(std::slice::from_ref(&seed), &opts);
    assert_eq!(rows(&out), want(&with_form));
    // The fragments point at their lines in the seed.
    let f = cydlint::read::read_set(std::slice::from_ref(&seed));
    let dong = out
        .findings
        .iter()
        .find(|x| x.rule == "CYD-FACT-010" && x.message.contains("Mr. Dong"))
        .unwrap();
    assert_eq!(
        &f.files[0].text[dong.span.start..dong.span.end],
        "|Mr. Dong"
    );
}
