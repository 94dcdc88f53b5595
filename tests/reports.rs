//! Reports: SARIF against the OASIS schema, the human window on a real one-line filing,
//! several outputs in one run, configuration, suppressions (and stale ones), baselines.

use cydlint::ExitStatus;

use crate::common::{fixture, root, run, shared, tempdir};

#[test]
fn sarif_is_valid_and_has_what_code_scanning_needs() {
    let Some(shared) = shared() else { return };
    // The published schema's `language` pattern has a stray `]` that ECMAScript regexes accept
    // and Rust's do not; it concerns a property cydlint does not write, so it is relaxed here.
    let text = std::fs::read_to_string(shared.join("schemas/sarif-schema-2.1.0.json"))
        .unwrap()
        .replace(
            r#"^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$"#,
            r#"^[a-zA-Z]{2}(-[a-zA-Z]{2})?$"#,
        );
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the SARIF schema compiles");
    let bad = fixture("rules/CYD-X-008/fail/flag-false-text-says-affected.htm");
    let broken = fixture("ixbrl/broken-continuations.xhtml");
    // A second filing with the same reading problems: each filing's results are rendered on
    // their own (report::Reporter::part), and the rule table is built across them.
    // (Under the working directory, as code scanning's files are: the URIs are relative.)
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("sarif-two-broken");
    std::fs::create_dir_all(&dir).unwrap();
    let broken2 = dir.join("broken-again.xhtml");
    std::fs::copy(&broken, &broken2).unwrap();
    let (status, out, _) = run(&[
        "check",
        "--no-config",
        "--format",
        "sarif",
        bad.to_str().unwrap(),
        broken.to_str().unwrap(),
        broken2.to_str().unwrap(),
        "--separate",
    ]);
    assert_eq!(status, ExitStatus::Failure);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&v)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let run0 = &v["runs"][0];
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    let results = run0["results"].as_array().unwrap();
    for r in rules {
        // Every rule that ran: what it is and where its page is; those with results also
        // what they check and how to fix it.
        let mut keys = vec!["id", "shortDescription", "helpUri", "defaultConfiguration"];
        if results.iter().any(|x| x["ruleId"] == r["id"]) {
            keys.extend(["fullDescription", "help"]);
        }
        for k in keys {
            assert!(!r[k].is_null(), "rule {} lacks {k}", r["id"]);
        }
        assert!(r["defaultConfiguration"]["level"].is_string());
    }
    assert!(results.len() >= 3);
    for res in results {
        let rid = res["ruleId"].as_str().unwrap();
        let idx = res["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[idx]["id"], rid);
        let loc = &res["locations"][0]["physicalLocation"];
        let uri = loc["artifactLocation"]["uri"].as_str().unwrap();
        assert!(
            !uri.starts_with('/') && !uri.contains("file:"),
            "relative uri: {uri}"
        );
        assert!(loc["region"]["startLine"].as_u64().unwrap() >= 1);
        assert!(loc["region"]["startColumn"].as_u64().unwrap() >= 1);
        assert!(
            res["partialFingerprints"]["cydlintFingerprint/v1"]
                .as_str()
                .unwrap()
                .len()
                == 16
        );
    }
    // The read problem of the broken file has its own rule entry, once for both files.
    assert!(rules.iter().any(|r| r["id"] == "read:continuation-missing"));
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let distinct: std::collections::BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(
        ids.len(),
        distinct.len(),
        "one table entry per rule: {ids:?}"
    );
    let in_file = |name: &str| {
        results
            .iter()
            .filter(|r| {
                r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap()
                    .ends_with(name)
            })
            .count()
    };
    assert!(in_file("broken-continuations.xhtml") > 0);
    assert_eq!(
        in_file("broken-continuations.xhtml"),
        in_file("broken-again.xhtml")
    );
}

/// The human report on a real one-line EDGAR document: a short window around the span, not
/// the 1.5 MB line. The snapshot lives in tests/snapshots (UPDATE_SNAPSHOTS=1 rewrites it).
#[test]
fn human_output_windows_a_one_line_filing() {
    let Some(shared) = shared() else { return };
    let doc = shared.join("corpus/filings/aapl_10k_fy2025/AAPL_10K_2025-10-31.html");
    let (status, out, _) = run(&["check", "--no-config", doc.to_str().unwrap()]);
    assert_eq!(status, ExitStatus::Success);
    let shared_s = shared.to_str().unwrap().to_string();
    let normalized: String = out
        .replace(&shared_s, "<shared>")
        .lines()
        .map(|l| {
            if let Some(i) = l.rfind(" [")
                && l.ends_with("s]")
                && l.contains("file(s)")
            {
                return format!("{} [TIME]", &l[..i]);
            }
            l.to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n";
    for l in normalized.lines() {
        assert!(
            l.chars().count() <= 400,
            "line too long ({}): {l}",
            l.chars().count()
        );
    }
    // The finding's own place, as concise and JSON give it, and the excerpt.
    assert!(
        normalized
            .contains("  at <shared>/corpus/filings/aapl_10k_fy2025/AAPL_10K_2025-10-31.html:8:")
    );
    assert!(normalized.contains("  excerpt: …"));
    let snap = root().join("tests/snapshots/human-aapl.txt");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&snap, &normalized).unwrap();
    }
    let expected = std::fs::read_to_string(&snap).unwrap_or_default();
    assert_eq!(
        normalized, expected,
        "human output changed (UPDATE_SNAPSHOTS=1 cargo test rewrites the snapshot)"
    );
}

#[test]
fn several_outputs_in_one_run() {
    let dir = tempdir("outputs");
    let bad = fixture("rules/CYD-X-008/fail/flag-false-text-says-affected.htm");
    let sarif = dir.join("out.sarif");
    let json = dir.join("out.json");
    let (status, out, _) = run(&[
        "check",
        "--no-config",
        "--format",
        "concise",
        "--output-file",
        &format!("sarif={}", sarif.display()),
        "--output-file",
        &format!("json={}", json.display()),
        bad.to_str().unwrap(),
    ]);
    assert_eq!(status, ExitStatus::Failure);
    assert!(out.contains("error[CYD-X-008]"));
    let s: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&sarif).unwrap()).unwrap();
    assert_eq!(s["version"], "2.1.0");
    let j: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(j["summary"]["errors"], 2);
    let (status, _, err) = run(&[
        "check",
        "--no-config",
        "--output-file",
        "xml=x",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(status, ExitStatus::Error);
    assert!(err.contains("FORMAT=PATH"));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `cydlint check FILE --format FORMAT`, with `--config CONFIG` or else `--no-config`.
fn check_as(
    config: Option<&str>,
    format: &str,
    file: &std::path::Path,
) -> (ExitStatus, String, String) {
    let file = file.to_str().unwrap();
    match config {
        Some(c) => run(&["check", "--config", c, "--format", format, file]),
        None => run(&["check", "--no-config", "--format", format, file]),
    }
}

#[test]
fn configuration_severities_ignores_and_suppressions() {
    let dir = tempdir("config");
    let filing = dir.join("example-10k.htm");
    std::fs::copy(
        fixture("rules/CYD-X-008/fail/flag-false-text-says-affected.htm"),
        &filing,
    )
    .unwrap();
    let draft = dir.join("draft-10k.htm");
    std::fs::copy(fixture("examples/example-10k.htm"), &draft).unwrap();
    let cfg = dir.join(".cydlint.yaml");
    let c = cfg.to_str().unwrap();
    // A per-rule severity.
    std::fs::write(&cfg, "severity:\n  CYD-X-008: warning\n").unwrap();
    let (status, out, _) = check_as(Some(c), "json", &filing);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["summary"]["warnings"], 2, "{out}");
    assert_eq!(status, ExitStatus::Success);
    // Suppressions with reasons; the one that matches nothing is reported.
    std::fs::write(
        &cfg,
        r#"suppressions:
  - rule: CYD-X-008
    file: "example-*.htm"
    reason: the effect is described in the MD&A, counsel reviewed it
  - rule: CYD-X-011
    reason: nothing matches this one
"#,
    )
    .unwrap();
    let (status, out, _) = check_as(Some(c), "json", &filing);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v["findings"].as_array().unwrap().is_empty(), "{out}");
    assert_eq!(v["summary"]["suppressed"], 2);
    let unused = v["unused_suppressions"].as_array().unwrap();
    assert_eq!(unused.len(), 1);
    // An object, like a finding's location.
    let u = &unused[0];
    assert_eq!(u["code"], "config:unused-suppression", "{u}");
    assert_eq!(u["kind"], "configuration");
    assert!(
        u["file"].as_str().unwrap().ends_with(".cydlint.yaml"),
        "{u}"
    );
    assert_eq!(
        (u["line"].as_u64(), u["column"].as_u64()),
        (Some(5), Some(5))
    );
    assert_eq!(u["rules"], serde_json::json!(["CYD-X-011"]));
    assert_eq!(u["reason"], "nothing matches this one");
    assert!(
        u["docs_url"]
            .as_str()
            .unwrap()
            .ends_with("config-unused-suppression.md")
    );
    let (_, out, _) = check_as(Some(c), "concise", &filing);
    assert!(
        out.contains(".cydlint.yaml:5:5: unused suppression: CYD-X-011 (nothing matches this one)"),
        "{out}"
    );
    assert_eq!(status, ExitStatus::Success);
    // profile: strict turns warnings into errors; per-file-ignores removes a rule for a file.
    std::fs::write(&cfg, "profile: strict\n").unwrap();
    let (status, out, _) = check_as(Some(c), "concise", &draft);
    assert_eq!(status, ExitStatus::Failure, "{out}");
    assert!(out.contains("error[CYD-106B2-001]"), "{out}");
    std::fs::write(
        &cfg,
        "profile: strict\nper-file-ignores:\n  \"draft-*.htm\": [CYD-106B2]\n",
    )
    .unwrap();
    let (status, out, _) = check_as(Some(c), "concise", &draft);
    assert_eq!(status, ExitStatus::Success, "{out}");
    // Mistakes in the configuration: exit 2, each with line:column.
    std::fs::write(
        &cfg,
        "suppressions:\n  - rule: CYD-X-008\n    file: x.htm\nprofile: lenient\n",
    )
    .unwrap();
    let (status, _, err) = run(&["check", "--config", c, filing.to_str().unwrap()]);
    assert_eq!(status, ExitStatus::Error);
    assert!(
        err.contains(".cydlint.yaml:2:5") && err.contains("reason"),
        "{err}"
    );
    assert!(
        err.contains(".cydlint.yaml:4:10") && err.contains("pragmatic or strict"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn inline_suppressions_in_drafts_need_a_reason() {
    let dir = tempdir("inline");
    let draft = dir.join("draft.md");
    std::fs::write(
        &draft,
        "## Item 1C. Cybersecurity\n\n<!-- cydlint-disable CYD-X-011: the (b)(2) answer is in the risk factors draft -->\nWe assess and manage cybersecurity risks.\n",
    )
    .unwrap();
    let (_, out, _) = check_as(None, "json", &draft);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["rule"] != "CYD-X-011"),
        "{out}"
    );
    assert_eq!(v["summary"]["suppressed"], 1);
    std::fs::write(&draft, "## Item 1C. Cybersecurity\n\n<!-- cydlint-disable CYD-X-011 -->\nWe assess and manage cybersecurity risks.\n").unwrap();
    let (_, out, _) = check_as(None, "json", &draft);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rules = crate::common::finding_field(&v, "rule");
    assert!(
        rules.iter().any(|r| r == "CYD-X-011")
            && rules
                .iter()
                .any(|r| r == "config:suppression-without-reason"),
        "{rules:?}"
    );
    // A suppression that matches nothing is reported.
    std::fs::write(&draft, "## Item 1C. Cybersecurity\n\n<!-- cydlint-disable CYD-X-002: flags are not in drafts -->\nRisks have not materially affected us.\n").unwrap();
    let (_, out, _) = check_as(None, "json", &draft);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let unused = v["unused_suppressions"].as_array().unwrap();
    assert_eq!(unused.len(), 1);
    assert_eq!(unused[0]["kind"], "inline", "{out}");
    assert_eq!(unused[0]["rules"], serde_json::json!(["CYD-X-002"]));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn baselines_hide_old_findings_but_not_new_ones() {
    let dir = tempdir("baseline");
    let filing = dir.join("10k.htm");
    let original = std::fs::read_to_string(fixture(
        "rules/CYD-X-008/fail/flag-false-text-says-affected.htm",
    ))
    .unwrap();
    std::fs::write(&filing, &original).unwrap();
    let base = dir.join("baseline.json");
    let f = filing.to_str().unwrap();
    let (status, _, err) = run(&[
        "check",
        "--no-config",
        "--write-baseline",
        base.to_str().unwrap(),
        f,
    ]);
    assert_eq!(status, ExitStatus::Success);
    assert!(err.contains("wrote 2 finding(s)"), "{err}");
    let b: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&base).unwrap()).unwrap();
    assert_eq!(b["findings"].as_array().unwrap().len(), 2);
    let check_against_baseline = || {
        run(&[
            "check",
            "--no-config",
            "--format",
            "concise",
            "--baseline",
            base.to_str().unwrap(),
            f,
        ])
    };
    let (status, out, _) = check_against_baseline();
    assert_eq!(status, ExitStatus::Success);
    assert!(
        out.contains("0 finding(s)") && out.contains("2 in the baseline"),
        "{out}"
    );
    // Text added before the findings moves every line and offset: still the same findings.
    let moved = original.replace(
        "<body>",
        "<body>\n<p>A new introduction.</p>\n<p>And another paragraph.</p>\n",
    );
    std::fs::write(&filing, &moved).unwrap();
    let (status, out, _) = check_against_baseline();
    assert_eq!(status, ExitStatus::Success, "{out}");
    // A new contradiction is reported.
    let worse = moved.replace(
        "Our headquarters are leased.",
        "Cybersecurity incidents have materially affected our supply chain strategy.",
    );
    std::fs::write(&filing, &worse).unwrap();
    let (status, out, _) = check_against_baseline();
    assert_eq!(
        status,
        ExitStatus::Success,
        "a warning does not fail: {out}"
    );
    assert!(
        out.contains("warning[CYD-X-023]")
            && out.contains("1 finding(s)")
            && out.contains("2 in the baseline"),
        "{out}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Every format names the finding's own `path:line:col` (column in characters), the same in
/// each; the human format says it in plain sentences when not in colour, and findings on one
/// span (a filing missing eight tags) share one excerpt.
#[test]
fn every_format_names_the_findings_place_and_human_shares_excerpts() {
    let doc = fixture("ixbrl/item-1c-untagged.htm");
    let doc = doc.to_str().unwrap();
    let (_, json, _) = run(&["check", "--no-config", "--format", "json", doc]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let places: Vec<String> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let l = &f["location"];
            format!(
                "{}:{}:{}",
                l["file"].as_str().unwrap(),
                l["line"],
                l["column"]
            )
        })
        .collect();
    // The missing tags are all reported at the Item 1C heading.
    let at_heading = places.iter().filter(|p| *p == &places[0]).count();
    assert!(at_heading >= 5, "{places:?}");
    let mut distinct = places.clone();
    distinct.dedup();
    let (_, human, _) = run(&["check", "--no-config", "--color", "never", doc]);
    let (_, concise, _) = run(&["check", "--no-config", "--format", "concise", doc]);
    let (_, github, _) = run(&["check", "--no-config", "--format", "github", doc]);
    let (_, sarif, _) = run(&["check", "--no-config", "--format", "sarif", doc]);
    let sarif: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    for (i, p) in places.iter().enumerate() {
        assert!(human.contains(&format!("  at {p}")), "{p} in\n{human}");
        assert!(
            concise
                .lines()
                .nth(i)
                .unwrap()
                .starts_with(&format!("{p}: "))
        );
        let (line, col) = p
            .rsplit_once(':')
            .map(|(a, c)| (a.rsplit_once(':').unwrap().1, c))
            .unwrap();
        assert!(
            github.contains(&format!(",line={line},col={col},")),
            "{github}"
        );
        let region = &sarif["runs"][0]["results"][i]["locations"][0]["physicalLocation"]["region"];
        assert_eq!(region["startLine"].to_string(), line);
        assert_eq!(region["startColumn"].to_string(), col);
    }
    // One excerpt per place (findings are sorted by place), not one per finding.
    assert_eq!(
        human.matches("  excerpt: ").count(),
        distinct.len(),
        "{human}"
    );
    assert_eq!(
        human.matches("(the excerpt above)").count(),
        places.len() - distinct.len(),
        "{human}"
    );
    assert!(!human.contains('\u{1b}'), "no colour with --color never");
    // In colour: miette's graphical view, whose header is the finding's place too.
    let (_, colour, _) = run(&["check", "--no-config", "--color", "always", doc]);
    assert!(colour.contains('\u{1b}'));
    assert!(colour.contains(&places[0]), "{colour}");
    assert_eq!(
        colour.matches("╭─[").count(),
        distinct.len(),
        "one excerpt drawn per place: {colour}"
    );
}

/// `read:*` and `config:*` findings link to a page that exists, in every format, and
/// `explain` shows it.
#[test]
fn every_finding_code_has_a_page() {
    let page_of = |url: &str| {
        let name = url
            .strip_prefix("https://github.com/cydlint/cydlint/blob/main/")
            .unwrap_or_else(|| panic!("a docs link: {url}"));
        root().join(name)
    };
    let dir = tempdir("code-pages");
    let draft = dir.join("draft.md");
    std::fs::write(&draft, "## Item 1C. Cybersecurity\n\n<!-- cydlint-disable CYD-X-011 -->\nWe assess and manage cybersecurity risks.\n").unwrap();
    let broken = fixture("ixbrl/broken-continuations.xhtml");
    let mut codes = std::collections::BTreeSet::new();
    for file in [&broken, &draft] {
        let (_, out, _) = check_as(None, "json", file);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        for f in v["findings"].as_array().unwrap() {
            let url = f["docs_url"]
                .as_str()
                .unwrap_or_else(|| panic!("no link: {f}"));
            assert!(page_of(url).is_file(), "{url} does not exist");
            codes.insert(f["rule"].as_str().unwrap().to_string());
        }
        let (_, out, _) = check_as(None, "sarif", file);
        let s: serde_json::Value = serde_json::from_str(&out).unwrap();
        for r in s["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap() {
            let url = r["helpUri"].as_str().unwrap();
            assert!(page_of(url).is_file(), "{url} does not exist");
        }
        let (_, out, _) = check_as(None, "human", file);
        assert!(!out.contains("docs/rules/read.md"), "{out}");
    }
    assert!(codes.iter().any(|c| c.starts_with("read:")), "{codes:?}");
    assert!(
        codes.contains("config:suppression-without-reason"),
        "{codes:?}"
    );
    for code in ["read:binary", "READ:continuation-missing", "config:invalid"] {
        let (status, out, err) = run(&["explain", code]);
        assert_eq!(status, ExitStatus::Success, "{err}");
        assert!(
            out.starts_with(&format!("# {}", code.to_lowercase())),
            "{out}"
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// What GitHub code scanning documents as the minimum of an uploaded SARIF file
/// (docs.github.com, "SARIF support for code scanning"): `tool.driver.name`, each rule's
/// `id`, each result's `ruleId`, `message.text` and a location with
/// `physicalLocation.artifactLocation.uri` and `region.startLine`. Also: help is text, not
/// the rule's YAML; no stray escapes; URIs relative to the repository root, which
/// `originalUriBaseIds` names; a clean filing's report is small.
#[test]
fn sarif_meets_githubs_minimum_and_stays_small() {
    let bad = "fixtures/rules/CYD-X-008/fail/flag-false-text-says-affected.htm";
    let broken = "fixtures/ixbrl/broken-continuations.xhtml";
    let (_, out, _) = run(&["check", "--no-config", "--format", "sarif", bad, broken]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let run0 = &v["runs"][0];
    assert_eq!(run0["tool"]["driver"]["name"], "cydlint");
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(!rules.is_empty());
    for r in rules {
        assert!(r["id"].as_str().is_some_and(|s| !s.is_empty()), "{r}");
        let text = r.to_string();
        assert!(
            !text.contains("```yaml") && !text.contains("Rule source"),
            "{text}"
        );
        for field in ["text", "markdown"] {
            if let Some(h) = r["help"][field].as_str() {
                assert!(!h.contains("\\\""), "a stray escape in {}: {h}", r["id"]);
            }
        }
    }
    let results = run0["results"].as_array().unwrap();
    assert!(results.len() >= 3);
    for res in results {
        assert!(res["ruleId"].as_str().is_some_and(|s| !s.is_empty()));
        assert!(
            res["message"]["text"]
                .as_str()
                .is_some_and(|s| !s.is_empty())
        );
        let loc = &res["locations"][0]["physicalLocation"];
        let uri = loc["artifactLocation"]["uri"].as_str().unwrap();
        assert!(
            uri == bad || uri == broken,
            "relative to the repository root: {uri}"
        );
        assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        assert!(loc["region"]["startLine"].as_u64().unwrap() >= 1);
    }
    // The tests run in the crate's folder: the repository's top level, or (in a copy outside
    // git) the working directory — either way the crate root.
    let base = run0["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .unwrap();
    let top = root().canonicalize().unwrap();
    let expected = format!("file://{}/", top.display());
    let in_git = top.ancestors().any(|d| d.join(".git").exists());
    if !in_git || top.join(".git").exists() {
        assert_eq!(base, expected);
    }
    assert!(
        base.starts_with("file:///") && base.ends_with('/'),
        "{base}"
    );
    assert_eq!(run0["columnKind"], "unicodeCodePoints");
    // A filing without findings: well under 60 KB (the rule table is the report).
    let clean = "fixtures/rules/CYD-X-008/pass/negated-and-hedged.htm";
    let (status, out, _) = run(&["check", "--no-config", "--format", "sarif", clean]);
    assert_eq!(status, ExitStatus::Success);
    assert!(out.len() < 60_000, "{} bytes", out.len());
    if let Some(shared) = shared() {
        let crm = shared.join("corpus/filings/crm_10k");
        let (_, out, _) = run(&[
            "check",
            "--no-config",
            "--format",
            "sarif",
            crm.to_str().unwrap(),
        ]);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["runs"][0]["results"].as_array().unwrap().len(), 0);
        assert!(
            out.len() < 60_000,
            "a clean corpus filing: {} bytes",
            out.len()
        );
    }
}

/// `--output-file` creates the folders it needs before any work, and a path that cannot be
/// written stops the run before anything is read; messages name paths relative to the
/// working directory, like findings.
#[test]
fn output_files_are_prepared_before_the_run() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("output-files");
    let _ = std::fs::remove_dir_all(&dir);
    let bad = "fixtures/rules/CYD-X-008/fail/flag-false-text-says-affected.htm";
    let deep = dir.join("new/deeper/x.json");
    let (status, _, err) = run(&[
        "check",
        "--no-config",
        "--format",
        "concise",
        "--output-file",
        &format!("json={}", deep.display()),
        bad,
    ]);
    assert_eq!(status, ExitStatus::Failure, "{err}");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&deep).unwrap()).unwrap();
    assert_eq!(v["summary"]["errors"], 2);
    // A file where a folder should be: the run stops at once (no report on stdout).
    let blocker = dir.join("blocker");
    std::fs::write(&blocker, "").unwrap();
    let target = blocker.join("x.sarif");
    let (status, out, err) = run(&[
        "check",
        "--no-config",
        "--output-file",
        &format!("sarif={}", target.display()),
        bad,
    ]);
    assert_eq!(status, ExitStatus::Error);
    assert!(out.is_empty(), "nothing was checked: {out}");
    let rel = target
        .strip_prefix(root().canonicalize().unwrap())
        .unwrap_or(&target)
        .display()
        .to_string();
    assert!(
        err.starts_with("error: --output-file: cannot create the folder") && err.contains(&rel),
        "{err}"
    );
    assert!(
        !err.contains(&root().display().to_string()),
        "relative: {err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A human excerpt never ends inside an entity reference (`&#8221` shown raw, its `;` cut
/// off): the window takes the whole reference. Seen in the README's example; checked on it and
/// on every failing rule fixture.
#[test]
fn human_excerpts_never_cut_an_entity() {
    let example = fixture("examples/incident-10k.htm");
    let (_, out, _) = check_as(None, "human", &example);
    assert!(
        out.contains("See Item 1A, \u{201c}Risk Factors,\u{201d}\u{2026}"),
        "{out}"
    );
    let mut excerpts = 0;
    for entry in walkdir::WalkDir::new(root().join("fixtures/rules")).sort_by_file_name() {
        let entry = entry.unwrap();
        let path = entry.path();
        if !path.components().any(|c| c.as_os_str() == "fail")
            || path.extension().is_none_or(|e| e != "htm")
        {
            continue;
        }
        let (_, out, _) = check_as(None, "human", path);
        for line in out
            .lines()
            .filter(|l| l.trim_start().starts_with("excerpt:"))
        {
            excerpts += 1;
            for (at, _) in line.match_indices("&#") {
                let rest = &line[at + 2..];
                let digits = rest
                    .find(|c: char| !c.is_ascii_alphanumeric())
                    .unwrap_or(rest.len());
                assert!(
                    rest[digits..].starts_with(';'),
                    "{}: a cut entity in {line}",
                    path.display()
                );
            }
        }
    }
    assert!(excerpts > 100, "only {excerpts} excerpts");
}
