//! The command line, run in-process through `cydlint::run`.

use cydlint::ExitStatus;

use crate::common::{fixture, run, shared};

#[test]
fn facts_json_on_the_seed_lists_15_facts() {
    let Some(shared) = shared() else { return };
    let seed = std::fs::read_dir(shared.join("seed"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let (status, out, _) = run(&["facts", "--format", "json", seed.to_str().unwrap()]);
    assert_eq!(status, ExitStatus::Success);
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    let facts = v["facts"].as_array().unwrap();
    assert_eq!(facts.len(), 15);
    assert_eq!(v["kind"], "rendered");
    assert_eq!(v["period_end"], "2024-12-31");
    let flags: Vec<(String, bool)> = facts
        .iter()
        .filter(|f| f["boolean"].is_boolean())
        .map(|f| {
            (
                f["local_name"].as_str().unwrap().to_string(),
                f["boolean"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(flags.len(), 6);
    assert!(
        flags.contains(&(
            "CybersecurityRiskMateriallyAffectedOrReasonablyLikelyToMateriallyAffectRegistrantFlag"
                .into(),
            false
        ))
    );
    for f in facts {
        assert!(f["concept"].as_str().unwrap().starts_with("cyd:"));
        let loc = &f["location"];
        assert!(loc["line"].as_u64().unwrap() >= 1 && loc["column"].as_u64().unwrap() >= 1);
    }
}

#[test]
fn facts_json_follows_the_contract() {
    let p = fixture("ixbrl/features.xhtml");
    let (status, out, _) = run(&[
        "facts",
        "--format",
        "json",
        "--cyd-only",
        p.to_str().unwrap(),
    ]);
    assert_eq!(status, ExitStatus::Success);
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["document_type"], "10-K");
    assert_eq!(v["period_end"], "2024-12-31");
    let flag = v["facts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "f-11")
        .unwrap();
    assert_eq!(
        flag["concept"],
        "cyd:CybersecurityRiskManagementProcessesIntegratedFlag"
    );
    assert_eq!(flag["namespace"], "http://xbrl.sec.gov/cyd/2024");
    assert_eq!(flag["context"], "c-1");
    assert_eq!(flag["period"]["start"], "2024-01-01");
    assert_eq!(flag["period"]["end"], "2024-12-31");
    assert_eq!(flag["value"], "true");
    assert_eq!(flag["boolean"], true);
    assert!(flag["text"].is_null());
    assert_eq!(flag["hidden"], false);
    let src = std::fs::read_to_string(&p).unwrap();
    let start = flag["location"]["start"].as_u64().unwrap() as usize;
    assert!(src[start..].starts_with(
        "<ix:nonNumeric name=\"c:CybersecurityRiskManagementProcessesIntegratedFlag\""
    ));
    let line = flag["location"]["line"].as_u64().unwrap() as usize;
    assert_eq!(src[..start].matches('\n').count() + 1, line);
}

#[test]
fn facts_table_and_missing_path() {
    let p = fixture("ixbrl/two-file-set");
    let (status, out, _) = run(&["facts", p.to_str().unwrap()]);
    assert_eq!(status, ExitStatus::Success);
    assert!(out.contains("part1.htm + "), "{out}");
    assert!(out.contains("cyd:CybersecurityRiskBoardOfDirectorsOversightTextBlock"));
    assert!(out.contains("document type: 20-F"));
    let (status, _, err) = run(&["facts", "/nonexistent/cydlint/input.htm"]);
    assert_eq!(status, ExitStatus::Error);
    assert!(err.contains("no such file or directory"), "{err}");
}

#[test]
fn markdown_and_text_drafts_find_their_sections() {
    let dir = crate::common::tempdir("cli-drafts");
    let md = dir.join("draft.md");
    std::fs::write(
        &md,
        "# Annual report\n\n## Item 1C. Cybersecurity\n\nWe assess and manage\nrisks from threats. Mr. Smith leads it.\n\n## Item 2. Properties\n\nLand.\n",
    )
    .unwrap();
    let f = cydlint::read::read_set(std::slice::from_ref(&md));
    assert_eq!(f.kind, Some(cydlint::filing::InputKind::Draft));
    let sec = f
        .text
        .section(cydlint::filing::text::SectionKind::Item1C)
        .unwrap();
    assert_eq!(sec.heading, "Item 1C. Cybersecurity");
    let body = &f.text.text[sec.range.clone()];
    assert!(
        body.contains("We assess and manage risks from threats."),
        "{body}"
    );
    assert!(!body.contains("Land"));
    let s = f.text.text.find("Mr. Smith leads it.").unwrap();
    assert!(
        f.text
            .sentences()
            .iter()
            .any(|r| r.start == s && &f.text.text[r.clone()] == "Mr. Smith leads it.")
    );
    // The wrapped line maps back to the two source lines.
    let i = f.text.text.find("manage risks").unwrap();
    let sp = f.text.span(i..i + "manage risks".len()).unwrap();
    let src = std::fs::read_to_string(&md).unwrap();
    assert_eq!(&src[sp.start..sp.end], "manage\nrisks");
    let txt = dir.join("draft.txt");
    std::fs::write(
        &txt,
        "ITEM 16K. CYBERSECURITY\nOur board oversees risk.\nITEM 16L. OTHER\n",
    )
    .unwrap();
    let f = cydlint::read::read_set(std::slice::from_ref(&txt));
    let sec = f
        .text
        .section(cydlint::filing::text::SectionKind::Item16K)
        .unwrap();
    assert!(f.text.text[sec.range.clone()].contains("Our board oversees risk."));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `claims --in-place` shows the reading the "never says" rules use before they warn: a
/// sentence inside Item 1C is about cybersecurity by its place; outside the item, and without
/// the flag, the strict reading is shown.
#[test]
fn claims_in_place_shows_the_reading_absent_rules_use() {
    let topics = |out: &str| {
        let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .flat_map(|g| g["sentences"].as_array().unwrap().clone())
            .map(|s| {
                let names: Vec<String> = s["claims"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|c| {
                        format!(
                            "{}={}",
                            c["topic"].as_str().unwrap(),
                            c["status"].as_str().unwrap()
                        )
                    })
                    .collect();
                (s["text"].as_str().unwrap().to_owned(), names)
            })
            .collect::<Vec<_>>()
    };
    let s = "We engage outside advisers.";
    let (_, strict, _) = run(&["claims", "--format", "json", "--text", s]);
    let (_, placed, _) = run(&["claims", "--format", "json", "--in-place", "--text", s]);
    assert!(topics(&strict)[0].1.is_empty(), "{strict}");
    assert!(
        topics(&placed)[0]
            .1
            .contains(&"third-party-engaged=affirmed".to_owned()),
        "{placed}"
    );
    let dir = crate::common::tempdir("cli-claims");
    let md = dir.join("draft.md");
    std::fs::write(
        &md,
        "# Annual report\n\n## Item 1C. Cybersecurity\n\nWe engage outside advisers.\n\n## Item 2. Properties\n\nWe engage outside advisers.\n",
    )
    .unwrap();
    let (status, out, err) = run(&[
        "claims",
        "--format",
        "json",
        "--all",
        "--in-place",
        md.to_str().unwrap(),
    ]);
    assert_eq!(status, ExitStatus::Success, "{err}");
    // Only the sentence inside the item is read in place (--all prints only sentences with
    // a claim).
    let got = topics(&out);
    assert_eq!(got.len(), 1, "{out}");
    assert!(
        got[0]
            .1
            .contains(&"third-party-engaged=affirmed".to_owned()),
        "{out}"
    );
}
