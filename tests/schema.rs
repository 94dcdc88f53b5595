//! The company schema a filing names (issue 19, point 1: "the company schema is used where a
//! rule needs it"): read from beside the document, its `xsd:import`s attached to the filing,
//! and CYD-NS-004 judged on them — on Corsair's real instance and 2.2 MB schema, on copies of
//! them with the cyd import changed or removed, on a malformed schema, and on the document
//! alone (skipped with the reason, never a finding).

use std::path::{Path, PathBuf};

use cydlint::engine::{self, Options};

use crate::common::{run, shared, tempdir};

const CRSR: &str = "corpus/filings/crsr_xbrl_instance";
const INSTANCE: &str = "crsr-20241231_htm.xml";
const SCHEMA: &str = "crsr-20241231.xsd";

fn corsair(shared: &Path) -> (PathBuf, String) {
    let dir = shared.join(CRSR);
    let xsd = std::fs::read_to_string(dir.join(SCHEMA))
        .unwrap_or_else(|e| panic!("{}: {e}", dir.join(SCHEMA).display()));
    (dir, xsd)
}

/// A folder holding Corsair's instance and `schema` as its company schema (or none).
fn folder(shared: &Path, name: &str, schema: Option<&str>) -> PathBuf {
    let dir = tempdir(name);
    std::fs::copy(shared.join(CRSR).join(INSTANCE), dir.join(INSTANCE)).unwrap();
    if let Some(s) = schema {
        std::fs::write(dir.join(SCHEMA), s).unwrap();
    }
    dir
}

fn report(path: &Path) -> serde_json::Value {
    let (_, out, err) = run(&[
        "check",
        "--format",
        "json",
        "--no-config",
        path.to_str().unwrap(),
    ]);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {err}"))
}

fn of_rule<'a>(v: &'a serde_json::Value, rule: &str) -> Vec<&'a serde_json::Value> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == rule)
        .collect()
}

/// The bytes a JSON finding's location covers.
fn located(f: &serde_json::Value) -> String {
    let path = f["location"]["file"].as_str().unwrap();
    let bytes = std::fs::read(path).unwrap();
    let (s, e) = (
        f["location"]["start"].as_u64().unwrap() as usize,
        f["location"]["end"].as_u64().unwrap() as usize,
    );
    String::from_utf8_lossy(&bytes[s..e]).into_owned()
}

/// Corsair's instance is read with its real schema: thirteen imports, `cyd-2024.xsd` among
/// them, matching its cyd/2024 facts — so CYD-NS-004 is decided, and silent.
#[test]
fn corsair_is_read_with_its_schema_and_passes() {
    let Some(shared) = shared() else { return };
    let (dir, xsd) = corsair(&shared);
    let sets = cydlint::discover::document_sets(std::slice::from_ref(&dir), false).unwrap();
    assert_eq!(sets.len(), 1);
    let filing = cydlint::read::read_set(&sets[0]);
    assert_eq!(
        filing.documents().count(),
        1,
        "the schema is not a document"
    );
    assert_eq!(filing.schemas.len(), 1);
    let r = &filing.schemas[0];
    assert_eq!(r.href, SCHEMA);
    let schema = r
        .schema
        .as_ref()
        .unwrap_or_else(|e| panic!("not read: {e}"));
    let file = r.file.unwrap();
    assert!(filing.files[file].path.ends_with(SCHEMA));
    assert_eq!(
        schema.target_namespace.as_deref(),
        Some("http://corsair.com/20241231")
    );
    assert_eq!(schema.imports.len(), 13);
    let cyd = schema
        .imports
        .iter()
        .find(|i| i.namespace.as_deref() == Some("http://xbrl.sec.gov/cyd/2024"))
        .expect("Corsair's schema imports cyd/2024");
    assert_eq!(
        cyd.location.as_deref(),
        Some("https://xbrl.sec.gov/cyd/2024/cyd-2024.xsd")
    );
    assert_eq!(cyd.span.file, file);
    assert_eq!(
        &xsd[cyd.span.start..cyd.span.end],
        r#"<xsd:import schemaLocation="https://xbrl.sec.gov/cyd/2024/cyd-2024.xsd" namespace="http://xbrl.sec.gov/cyd/2024"/>"#
    );
    // Its facts are cyd/2024 ones.
    let namespaces: std::collections::BTreeSet<&str> =
        filing.cyd_facts().map(|f| &*f.concept.namespace).collect();
    assert_eq!(
        namespaces.into_iter().collect::<Vec<_>>(),
        ["http://xbrl.sec.gov/cyd/2024"]
    );
    let rules = cydlint::rules::load::load(&[], false).unwrap();
    let out = engine::run(&rules, &filing, &Options::default());
    assert!(out.findings.iter().all(|f| f.rule != "CYD-NS-004"));
    assert!(out.skipped.is_empty(), "{:?}", out.skipped);
    assert!(out.findings.is_empty(), "{:#?}", out.findings);
}

/// The same schema importing cyd/2025, or no cyd schema: a warning pointing into the `.xsd`
/// (the import of the other year, or the root element), naming both namespaces.
#[test]
fn a_schema_without_the_facts_cyd_year_is_a_finding_in_the_schema() {
    let Some(shared) = shared() else { return };
    let (_, xsd) = corsair(&shared);
    let cyd24 = r#"<xsd:import schemaLocation="https://xbrl.sec.gov/cyd/2024/cyd-2024.xsd" namespace="http://xbrl.sec.gov/cyd/2024"/>"#;
    assert!(xsd.contains(cyd24));
    let cyd25 = cyd24.replace("2024", "2025");
    let other_year = xsd.replace(cyd24, &cyd25);
    let dir = folder(&shared, "schema-other-year", Some(&other_year));
    let v = report(&dir);
    let ns4 = of_rule(&v, "CYD-NS-004");
    assert_eq!(ns4.len(), 1, "{:#}", v["findings"]);
    let f = ns4[0];
    assert_eq!(f["severity"], "warning");
    assert!(f["location"]["file"].as_str().unwrap().ends_with(SCHEMA));
    assert_eq!(located(f), cyd25);
    let line = other_year[..other_year.find(&cyd25).unwrap()]
        .matches('\n')
        .count()
        + 1;
    assert_eq!(f["location"]["line"].as_u64().unwrap() as usize, line);
    let msg = f["message"].as_str().unwrap();
    assert!(
        msg.contains("does not import http://xbrl.sec.gov/cyd/2024")
            && msg.contains(
                "it imports http://xbrl.sec.gov/cyd/2025 (https://xbrl.sec.gov/cyd/2025/cyd-2025.xsd)"
            ),
        "{msg}"
    );
    // A label on the first cyd fact, in the instance.
    let label = &f["labels"][0];
    assert!(
        label["location"]["file"]
            .as_str()
            .unwrap()
            .ends_with(INSTANCE)
    );
    assert!(label["concept"].as_str().unwrap().starts_with("cyd:"));
    // Only NS-004 changed: the rest of the report is Corsair's (nothing).
    assert_eq!(v["findings"].as_array().unwrap().len(), 1);
    assert_eq!(v["summary"]["files"], 1);

    let without = xsd.replace(cyd24, "");
    let dir2 = folder(&shared, "schema-no-cyd", Some(&without));
    let v = report(&dir2);
    let ns4 = of_rule(&v, "CYD-NS-004");
    assert_eq!(ns4.len(), 1);
    assert!(
        located(ns4[0]).starts_with("<xsd:schema targetNamespace=\"http://corsair.com/20241231\"")
    );
    assert!(
        ns4[0]["message"]
            .as_str()
            .unwrap()
            .ends_with("it imports nothing")
    );
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::remove_dir_all(&dir2).unwrap();
}

/// The instance alone: CYD-NS-004 is skipped with the reason (in `-v` and the JSON report),
/// never a finding; a malformed schema is a `read:company-schema` error at its place, and the
/// rule is skipped saying so.
#[test]
fn without_a_readable_schema_the_rule_is_skipped_with_the_reason() {
    let Some(shared) = shared() else { return };
    let (_, xsd) = corsair(&shared);
    let alone = folder(&shared, "schema-alone", None);
    let v = report(&alone);
    assert!(of_rule(&v, "CYD-NS-004").is_empty());
    let skipped = v["skipped"].as_array().unwrap();
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert_eq!(skipped[0]["rule"], "CYD-NS-004");
    assert!(
        skipped[0]["reason"]
            .as_str()
            .unwrap()
            .contains("crsr-20241231.xsd is not beside the document"),
        "{skipped:?}"
    );
    let (_, human, _) = run(&[
        "check",
        "-v",
        "--no-config",
        "--color",
        "never",
        alone.to_str().unwrap(),
    ]);
    assert!(
        human.contains("skipped 1 rule(s), the company schema crsr-20241231.xsd is not beside the document (check the submission folder, its .zip or its .txt): CYD-NS-004"),
        "{human}"
    );

    // Cut after a line in the middle (a truncated download), a malformed attribute, and not a
    // schema at all.
    for (name, text, says) in [
        (
            "schema-truncated",
            xsd[..=xsd[..xsd.len() / 2].rfind('\n').unwrap()].to_string(),
            "ends before its root element is closed",
        ),
        (
            "schema-not-xml",
            "<xsd:schema xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\"><xsd:import namespace=\"a\" namespace=\"b\"/></xsd:schema>".to_string(),
            "malformed attribute",
        ),
        (
            "schema-linkbase",
            "<link:linkbase xmlns:link=\"http://www.xbrl.org/2003/linkbase\"/>".to_string(),
            "is not an XML Schema",
        ),
    ] {
        let dir = folder(&shared, name, Some(&text));
        let v = report(&dir);
        let errors = of_rule(&v, "read:company-schema");
        assert_eq!(errors.len(), 1, "{name}: {:#}", v["findings"]);
        assert_eq!(errors[0]["severity"], "error");
        assert!(errors[0]["location"]["file"].as_str().unwrap().ends_with(SCHEMA));
        assert!(errors[0]["message"].as_str().unwrap().contains(says), "{name}: {}", errors[0]["message"]);
        assert!(of_rule(&v, "CYD-NS-004").is_empty());
        let skipped = v["skipped"].as_array().unwrap();
        assert!(
            skipped.len() == 1
                && skipped[0]["reason"]
                    .as_str()
                    .unwrap()
                    .contains("could not be read (read:company-schema)"),
            "{name}: {skipped:?}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
    std::fs::remove_dir_all(&alone).unwrap();
}
