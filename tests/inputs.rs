//! Inputs a CI gate can trust (issue 19): document sets formed from what the files say, not
//! from how they were named; nothing that passes silently; comments in drafts that are only
//! comments.

use std::path::{Path, PathBuf};

use cydlint::ExitStatus;
use cydlint::discover::document_sets;

use crate::common::{fixture, run, shared, tempdir};

/// The documents of the corpus, one per filing: what a walk of each filing's folder reads
/// (its `.xsd` left out).
fn corpus_documents(shared: &Path) -> Vec<PathBuf> {
    let root = shared.join("corpus/filings");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    let docs: Vec<PathBuf> = dirs
        .iter()
        .flat_map(|d| document_sets(std::slice::from_ref(d), false).unwrap())
        .flatten()
        .collect();
    assert_eq!(docs.len(), 8, "one document per corpus filing: {docs:#?}");
    docs
}

/// A finding of a JSON report, comparable across runs whatever folder the file was in: (file
/// name, rule, start, end, message).
type Row = (String, String, u64, u64, String);

fn rows(json: &str) -> Vec<Row> {
    let v: serde_json::Value = serde_json::from_str(json).expect("a JSON report");
    let mut out: Vec<Row> = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            let file = f["location"]["file"].as_str().unwrap_or("");
            let name = Path::new(file)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (
                name,
                f["rule"].as_str().unwrap().to_owned(),
                f["location"]["start"].as_u64().unwrap_or(0),
                f["location"]["end"].as_u64().unwrap_or(0),
                f["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    out.sort();
    out
}

fn check_json(paths: &[&Path]) -> Vec<Row> {
    let mut args = vec!["check", "--format", "json", "--no-config"];
    let owned: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    args.extend(owned.iter().map(String::as_str));
    let (_, out, err) = run(&args);
    assert!(!out.is_empty(), "{err}");
    rows(&out)
}

/// Issue 19, first bullet: unrelated filings named together (by names, a glob, a flat folder,
/// the hook's batch) are not one document set; the findings are exactly the union of each
/// alone. Every pair of corpus filings is grouped apart; all eight together, by names and as
/// one flat folder, give the union of the eight alone.
#[test]
fn unrelated_filings_together_give_the_union_of_their_findings_alone() {
    let Some(shared) = shared() else { return };
    let docs = corpus_documents(&shared);
    for (i, a) in docs.iter().enumerate() {
        for b in &docs[i + 1..] {
            let sets = document_sets(&[a.clone(), b.clone()], false).unwrap();
            assert_eq!(sets, vec![vec![a.clone()], vec![b.clone()]], "{a:?} {b:?}");
        }
    }
    let mut alone: Vec<Row> = docs.iter().flat_map(|d| check_json(&[d])).collect();
    alone.sort();
    assert!(
        alone.iter().any(|r| r.1 == "CYD-APP-008"),
        "the corpus has findings to compare: {alone:#?}"
    );
    let refs: Vec<&Path> = docs.iter().map(PathBuf::as_path).collect();
    assert_eq!(check_json(&refs), alone, "named together");
    // A flat folder of the filings (and the company schema that came with one of them).
    let flat = tempdir("inputs-flat");
    for d in &docs {
        std::fs::copy(d, flat.join(d.file_name().unwrap())).unwrap();
    }
    let xsd = shared.join("corpus/filings/crsr_xbrl_instance/crsr-20241231.xsd");
    std::fs::copy(&xsd, flat.join("crsr-20241231.xsd")).unwrap();
    let sets = document_sets(std::slice::from_ref(&flat), false).unwrap();
    assert_eq!(sets.len(), 8, "{sets:#?}");
    assert_eq!(check_json(&[&flat]), alone, "as one flat folder");
    std::fs::remove_dir_all(&flat).unwrap();
}

/// Issue 19, "Done when" 2: a real Inline XBRL document set whose continuations cross files
/// is still one set — named together, or found in its folder — and human output says so.
#[test]
fn a_document_set_with_crossing_continuations_is_one_set() {
    let dir = fixture("ixbrl/two-file-set");
    let (a, b) = (dir.join("part1.htm"), dir.join("part2.htm"));
    let want = vec![vec![a.clone(), b.clone()]];
    assert_eq!(document_sets(&[a.clone(), b.clone()], false).unwrap(), want);
    assert_eq!(
        document_sets(std::slice::from_ref(&dir), false).unwrap(),
        want
    );
    assert_eq!(
        document_sets(&[a.clone(), b.clone()], true).unwrap(),
        vec![vec![a.clone()], vec![b.clone()]],
        "--separate"
    );
    let (_, out, _) = run(&["check", "--no-config", dir.to_str().unwrap()]);
    assert!(
        out.contains(&format!(
            "2 files read as one document set: {}, {}",
            a.display(),
            b.display()
        )),
        "{out}"
    );
    // Alone, part 1's continuation is missing; together it is not.
    let (_, alone, _) = run(&["check", "--format", "concise", a.to_str().unwrap()]);
    assert!(alone.contains("read:continuation-missing"), "{alone}");
    assert!(!out.contains("continuation-missing"), "{out}");
}

/// Two files of one folder that name the same schema are one set even without a crossing
/// continuation; a file naming another schema is not in it.
#[test]
fn files_naming_the_same_schema_in_one_folder_are_one_set() {
    let dir = tempdir("inputs-schema");
    let doc = |schema: &str, body: &str| {
        format!(
            r#"<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL" xmlns:link="http://www.xbrl.org/2003/linkbase" xmlns:xlink="http://www.w3.org/1999/xlink"><body><div style="display:none"><ix:header><ix:references><link:schemaRef xlink:type="simple" xlink:href="{schema}"/></ix:references></ix:header></div><p>{body}</p></body></html>"#
        )
    };
    std::fs::write(dir.join("a-10k.htm"), doc("a-20251231.xsd", "main")).unwrap();
    std::fs::write(dir.join("a-ex13.htm"), doc("a-20251231.xsd", "exhibit")).unwrap();
    std::fs::write(dir.join("b-10k.htm"), doc("b-20251231.xsd", "other")).unwrap();
    let sets = document_sets(std::slice::from_ref(&dir), false).unwrap();
    assert_eq!(
        sets,
        vec![
            vec![dir.join("a-10k.htm"), dir.join("a-ex13.htm")],
            vec![dir.join("b-10k.htm")]
        ]
    );
    // The same schema name in another folder is another filing.
    let other = tempdir("inputs-schema-other");
    std::fs::write(other.join("a-ex13.htm"), doc("a-20251231.xsd", "x")).unwrap();
    let sets = document_sets(&[dir.join("a-10k.htm"), other.join("a-ex13.htm")], false).unwrap();
    assert_eq!(sets.len(), 2, "{sets:#?}");
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::remove_dir_all(&other).unwrap();
}

/// The concise lines of `check` on one path, and its status.
fn concise(path: &Path, extra: &[&str]) -> (ExitStatus, Vec<String>) {
    let mut args = vec!["check", "--format", "concise", "--no-config"];
    args.extend_from_slice(extra);
    let p = path.display().to_string();
    args.push(&p);
    let (status, out, err) = run(&args);
    let mut lines: Vec<String> = out.lines().map(str::to_owned).collect();
    lines.pop(); // the summary
    assert!(err.is_empty() || status == ExitStatus::Error, "{err}");
    (status, lines)
}

/// Issue 19, "Done when" 4: empty, binary, README, empty folder, empty draft each end with a
/// finding or an exit code, never a silent "0 findings".
#[test]
fn nothing_passes_silently() {
    let dir = tempdir("inputs-silent");
    let write = |name: &str, bytes: &[u8]| {
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    for name in ["empty.htm", "empty.xml", "empty.md", "empty.txt"] {
        let (status, lines) = concise(&write(name, b""), &[]);
        assert_eq!(status, ExitStatus::Success, "{name}");
        assert_eq!(lines.len(), 1, "{name}: {lines:#?}");
        assert!(
            lines[0].contains("warning[read:no-disclosure]") && lines[0].contains("no text"),
            "{name}: {lines:#?}"
        );
        let (status, _) = concise(&dir.join(name), &["--fail-on", "warning"]);
        assert_eq!(status, ExitStatus::Failure, "{name} with --fail-on warning");
    }
    let readme = write(
        "README.md",
        b"# cydlint\n\nA linter. Install it with cargo.\n\n## Usage\n\nRun it on a folder.\n",
    );
    let (_, lines) = concise(&readme, &[]);
    assert_eq!(lines.len(), 1, "{lines:#?}");
    assert!(
        lines[0].contains("read:no-disclosure") && lines[0].contains("no Item 1C / 16K / 1.05"),
        "{lines:#?}"
    );
    // A filing is named by its form; an incident described without the word "cyber" is a
    // disclosure; an amendment without the item is told at info.
    let filing = |form: &str, body: &str| {
        format!(
            "<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:ix=\"http://www.xbrl.org/2013/inlineXBRL\" xmlns:dei=\"http://xbrl.sec.gov/dei/2024\"><body><p>Form <ix:nonNumeric name=\"dei:DocumentType\" contextRef=\"c\">{form}</ix:nonNumeric></p><p>{body}</p></body></html>"
        )
    };
    let (_, lines) = concise(
        &write(
            "annual.htm",
            filing("10-K", "Item 2. Properties. We lease our offices.").as_bytes(),
        ),
        &[],
    );
    assert!(
        lines.len() == 1
            && lines[0].contains("warning[read:no-disclosure]")
            && lines[0].contains("no cybersecurity disclosure found in this 10-K"),
        "{lines:#?}"
    );
    let (_, lines) = concise(
        &write(
            "current.htm",
            filing(
                "8-K",
                "Item 8.01 Other Events. On March 3, 2026, the Company detected unauthorized activity in a portion of its information technology systems.",
            )
            .as_bytes(),
        ),
        &[],
    );
    assert!(lines.is_empty(), "{lines:#?}");
    let (status, lines) = concise(
        &write(
            "amendment.htm",
            filing("10-K/A", "Part III. Item 10. Directors.").as_bytes(),
        ),
        &["--fail-on", "warning"],
    );
    assert_eq!(status, ExitStatus::Success, "{lines:#?}");
    assert!(
        lines.len() == 1 && lines[0].contains("info[read:no-disclosure]"),
        "{lines:#?}"
    );
    // Binaries are said to be so once, with no encoding warning after it.
    let mut random = Vec::new();
    let mut next = crate::common::rng(19);
    for _ in 0..4096 {
        random.push(next(256) as u8);
    }
    random[10] = 0;
    for (name, bytes, what) in [
        ("random.htm", random.as_slice(), "is a binary file"),
        (
            "report.pdf",
            b"%PDF-1.7\n\xe2\xe3\xcf\xd3 binary".as_slice(),
            "is a PDF",
        ),
        (
            "logo.htm",
            b"\x89PNG\r\n\x1a\n....".as_slice(),
            "is a PNG image",
        ),
    ] {
        let (status, lines) = concise(&write(name, bytes), &[]);
        assert_eq!(status, ExitStatus::Failure, "{name}");
        assert_eq!(lines.len(), 1, "{name}: {lines:#?}");
        assert!(
            lines[0].contains("error[read:binary]")
                && lines[0].contains(what)
                && lines[0].contains("not a document cydlint reads"),
            "{name}: {lines:#?}"
        );
    }
    // A schema named on its own is recognised, not read as an instance.
    let xsd = write(
        "co-20251231.xsd",
        b"<?xml version=\"1.0\"?>\n<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"/>",
    );
    let lab = write(
        "co-20251231_lab.xml",
        b"<?xml version=\"1.0\"?>\n<link:linkbase xmlns:link=\"http://www.xbrl.org/2003/linkbase\"/>",
    );
    for (p, what) in [(&xsd, "XBRL schema"), (&lab, "XBRL linkbase")] {
        let (_, lines) = concise(p, &[]);
        assert_eq!(lines.len(), 1, "{lines:#?}");
        assert!(
            lines[0].contains("warning[read:taxonomy-file]") && lines[0].contains(what),
            "{lines:#?}"
        );
    }
    // A folder with no document: exit 2, saying what was found.
    for (sub, files, found) in [
        ("empty-folder", vec![], "it is empty"),
        (
            "taxonomy-only",
            vec!["co.xsd", "co_cal.xml"],
            "only 2 XBRL schema or linkbase file(s)",
        ),
        (
            "pdf-only",
            vec!["scan.pdf"],
            "only 1 file(s) of other kinds",
        ),
    ] {
        let d = dir.join(sub);
        std::fs::create_dir_all(&d).unwrap();
        for f in files {
            std::fs::write(d.join(f), "<link:linkbase/>").unwrap();
        }
        let (status, _, err) = run(&["check", "--no-config", d.to_str().unwrap()]);
        assert_eq!(status, ExitStatus::Error, "{sub}");
        assert!(
            err.contains("no document cydlint reads in this folder") && err.contains(found),
            "{sub}: {err}"
        );
    }
    // An empty draft of a 10-K for a period that requires Item 1C is an error.
    let (status, lines) = concise(
        &dir.join("empty.md"),
        &["--form", "10-K", "--period-end", "2025-12-31"],
    );
    assert_eq!(status, ExitStatus::Failure, "{lines:#?}");
    assert!(
        lines.iter().any(|l| l.contains("error[CYD-APP-009]")),
        "{lines:#?}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Item headings are found however the corpus filings write them: every corpus filing has its
/// Item 1C section (`facts` shows it).
#[test]
fn every_corpus_filing_has_its_item_1c_section() {
    let Some(shared) = shared() else { return };
    for d in corpus_documents(&shared) {
        let filing = cydlint::read::read_set(std::slice::from_ref(&d));
        assert!(
            filing
                .text
                .section(cydlint::filing::text::SectionKind::Item1C)
                .is_some(),
            "{}: sections {:?}",
            d.display(),
            filing.text.sections
        );
        assert!(
            !filing.issues.iter().any(|i| i.code == "no-disclosure"),
            "{}",
            d.display()
        );
    }
}

/// Issue 19, "Done when" 5 and point 4: a comment is neither text nor a heading breaker, and
/// an inline suppression works in every draft format the docs promise (HTML, text, Markdown).
#[test]
fn comments_in_drafts_are_comments_and_suppress_in_every_format() {
    let dir = tempdir("inputs-comments");
    let body = "We assess and manage material risks from cybersecurity threats under the NIST framework. Our CISO leads the program.";
    let suppress =
        "<!-- cydlint-disable CYD-DRAFT-001: board oversight is described in the proxy -->";
    let drafts = [
        (
            "draft.md",
            format!("{suppress}\n# Item 1C. Cybersecurity\n\n{body}\n"),
        ),
        (
            "draft.txt",
            format!("{suppress}\nItem 1C. Cybersecurity\n\n{body}\n"),
        ),
        (
            "draft.htm",
            format!(
                "<html><body>{suppress}\n<h2>Item 1C. Cybersecurity</h2>\n<p>{body}</p></body></html>"
            ),
        ),
    ];
    for (name, text) in &drafts {
        let p = dir.join(name);
        // Without the comment the rule fires; with it, it is suppressed and used.
        let plain = text.replace(suppress, "");
        std::fs::write(&p, &plain).unwrap();
        let (_, lines) = concise(&p, &[]);
        assert!(
            lines.iter().any(|l| l.contains("CYD-DRAFT-001")),
            "{name} without the comment: {lines:#?}"
        );
        std::fs::write(&p, text).unwrap();
        let (_, out, _) = run(&[
            "check",
            "--format",
            "json",
            "--no-config",
            p.to_str().unwrap(),
        ]);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let rules: Vec<&str> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["rule"].as_str().unwrap())
            .collect();
        assert!(!rules.contains(&"CYD-DRAFT-001"), "{name}: {rules:?}");
        assert!(
            rules.contains(&"CYD-X-011"),
            "{name}: the section is still read: {rules:?}"
        );
        assert_eq!(v["summary"]["suppressed"], 1, "{name}");
        assert_eq!(
            v["unused_suppressions"].as_array().unwrap().len(),
            0,
            "{name}: {}",
            v["unused_suppressions"]
        );
    }
    // A trailing comment is not draft text: it does not answer the board rule.
    for (name, text) in [
        (
            "trailing.md",
            format!(
                "# Item 1C. Cybersecurity\n\n{body}\n<!-- board oversight is in the proxy -->\n"
            ),
        ),
        (
            "trailing.htm",
            format!(
                "<html><body><h2>Item 1C. Cybersecurity</h2><p>{body}</p><!-- The board of directors oversees cybersecurity risk. --></body></html>"
            ),
        ),
    ] {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        let (_, lines) = concise(&p, &[]);
        assert!(
            lines.iter().any(|l| l.contains("CYD-DRAFT-001")),
            "{name}: {lines:#?}"
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Issue 19, point 5: identical findings beyond three per file fold into one with a count and
/// related locations, in every format; `--no-fold` lists each; the exit code is the same.
#[test]
fn repeated_findings_fold_in_every_format() {
    let dir = tempdir("inputs-fold");
    let head = std::fs::read_to_string(fixture("rules/CYD-APP-002/pass/fy2024-with-item-1c.htm"))
        .unwrap()
        .replace(
            "xmlns:dei=",
            "xmlns:cyd=\"http://xbrl.sec.gov/cyd/2024\" xmlns:dei=",
        );
    let at = head.find("<div style=\"margin-top:12pt\">").unwrap();
    let fact = "<div><ix:nonNumeric name=\"cyd:CybersecurityRiskMateriallyAffectedOrReasonablyLikelyToMateriallyAffectRegistrantFlag\" contextRef=\"c-1\" format=\"ixt:fixed-false\">No</ix:nonNumeric></div>\n";
    let doc = format!("{}{}{}", &head[..at], fact.repeat(40), &head[at..]);
    let p = dir.join("flood.htm");
    std::fs::write(&p, doc).unwrap();
    let path = p.to_str().unwrap();
    let json = |extra: &[&str]| {
        let mut args = vec!["check", "--format", "json", "--no-config"];
        args.extend_from_slice(extra);
        args.push(path);
        let (status, out, _) = run(&args);
        (
            status,
            serde_json::from_str::<serde_json::Value>(&out).unwrap(),
        )
    };
    let (s_all, all) = json(&["--no-fold"]);
    let (s_folded, folded) = json(&[]);
    assert_eq!(s_all, s_folded);
    let n_all = all["findings"].as_array().unwrap().len();
    let list = folded["findings"].as_array().unwrap();
    assert!(n_all >= 40, "{n_all}");
    assert_eq!(
        folded["summary"]["folded"].as_u64().unwrap() as usize + list.len(),
        n_all
    );
    assert_eq!(all["summary"]["folded"], 0);
    let marked: Vec<&serde_json::Value> = list
        .iter()
        .filter(|f| {
            f["message"]
                .as_str()
                .unwrap()
                .contains("more like it in this file")
        })
        .collect();
    assert!(!marked.is_empty(), "{folded:#}");
    for f in &marked {
        let rule = f["rule"].as_str().unwrap();
        let of_rule = all["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|g| g["rule"] == rule)
            .count();
        assert!(
            f["message"]
                .as_str()
                .unwrap()
                .contains(&format!("(and {} more like it", of_rule - 4)),
            "{f:#}"
        );
        let also: Vec<&serde_json::Value> = f["labels"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|l| l["message"] == "also here (folded)")
            .collect();
        assert_eq!(also.len(), 10, "{f:#}");
        assert_eq!(list.iter().filter(|g| g["rule"] == rule).count(), 4);
    }
    // The other formats carry the count, and SARIF the related locations.
    for format in ["human", "concise", "github"] {
        let (_, out, _) = run(&["check", "--format", format, "--no-config", path]);
        assert!(out.contains("more like it in this file"), "{format}: {out}");
    }
    let (_, sarif, _) = run(&["check", "--format", "sarif", "--no-config", path]);
    let sarif: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let r = results
        .iter()
        .find(|r| {
            r["message"]["text"]
                .as_str()
                .unwrap()
                .contains("more like it")
        })
        .expect("a folded SARIF result");
    assert!(
        r["relatedLocations"].as_array().unwrap().len() >= 10,
        "{r:#}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A realistic EDGAR submission built from a corpus filing: Wells Fargo's FY2024 10-K (whose
/// Item 1C is incorporated by reference from its Annual Report, Exhibit 13), an Inline XBRL
/// EX-13 of the same document set holding the Item 1C text (tagged), a plain HTML EX-21, the
/// company schema, a label linkbase and a logo — as a folder, its `.zip`, and the complete
/// submission `.txt` (SGML `<DOCUMENT>` blocks, XBRL wrappers, the logo uuencoded).
fn submission(shared: &Path, dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let primary_src = shared.join("corpus/filings/wfc_10k/wfc-10-k-2025-02-25.html");
    let primary = std::fs::read_to_string(&primary_src)
        .unwrap_or_else(|e| panic!("{}: {e}", primary_src.display()));
    let item = std::fs::read_to_string(fixture(
        "rules/CYD-X-008/fail/flag-false-text-says-affected.htm",
    ))
    .unwrap();
    let (a, b) = (
        item.find("<div style=\"margin-top:12pt\">").unwrap(),
        item.find("<div><span style=\"font-weight:bold\">Item 2.")
            .unwrap(),
    );
    let body = item[a..b]
        .replace("contextRef=\"c-1\"", "contextRef=\"ex13-c1\"")
        .replace(" id=\"", " id=\"ex13-")
        .replace("<!-- expect: CYD-X-008 -->", "");
    let ex13 = format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL" xmlns:ixt="http://www.xbrl.org/inlineXBRL/transformation/2020-02-12" xmlns:xbrli="http://www.xbrl.org/2003/instance" xmlns:link="http://www.xbrl.org/2003/linkbase" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:cyd="http://xbrl.sec.gov/cyd/2024" xml:lang="en-US">
<head><title>2024 Annual Report (Exhibit 13)</title></head>
<body>
<div style="display:none"><ix:header><ix:references><link:schemaRef xlink:type="simple" xlink:href="wfc-20241231.xsd"/></ix:references><ix:resources><xbrli:context id="ex13-c1"><xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">0000072971</xbrli:identifier></xbrli:entity><xbrli:period><xbrli:startDate>2024-01-01</xbrli:startDate><xbrli:endDate>2024-12-31</xbrli:endDate></xbrli:period></xbrli:context></ix:resources></ix:header></div>
<div><span>Wells Fargo &amp; Company 2024 Annual Report</span></div>
{body}<div><span style="font-weight:bold">Financial Review</span></div>
<div><span>Our results for the year.</span></div>
</body>
</html>
"#
    );
    let ex21 = "<html><body><p>EXHIBIT 21</p><p>Subsidiaries of Wells Fargo &amp; Company</p><table><tr><td>Wells Fargo Bank, National Association</td><td>United States</td></tr></table></body></html>\n";
    let xsd = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" targetNamespace=\"http://www.wellsfargo.com/20241231\"/>\n";
    let lab = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<link:linkbase xmlns:link=\"http://www.xbrl.org/2003/linkbase\"/>\n";
    let logo: Vec<u8> = (0..600u32).map(|i| (i * 7 % 256) as u8).collect();
    let docs: Vec<(&str, &str, Vec<u8>)> = vec![
        ("10-K", "wfc-20241231.htm", primary.into_bytes()),
        ("EX-13", "wfc-1231x2024xex13.htm", ex13.into_bytes()),
        ("EX-21", "wfc-1231x2024xex21.htm", ex21.as_bytes().to_vec()),
        ("EX-101.SCH", "wfc-20241231.xsd", xsd.as_bytes().to_vec()),
        (
            "EX-101.LAB",
            "wfc-20241231_lab.xml",
            lab.as_bytes().to_vec(),
        ),
        ("GRAPHIC", "wfclogo.jpg", logo),
    ];
    let folder = dir.join("0000072971-25-000012");
    std::fs::create_dir_all(&folder).unwrap();
    let zip_path = dir.join("0000072971-25-000012.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&zip_path).unwrap());
    let mut txt = String::from(
        "<SEC-DOCUMENT>0000072971-25-000012.txt : 20250225\n<SEC-HEADER>0000072971-25-000012.hdr.sgml : 20250225\nACCESSION NUMBER:\t\t0000072971-25-000012\nCONFORMED SUBMISSION TYPE:\t10-K\nPUBLIC DOCUMENT COUNT:\t\t6\n</SEC-HEADER>\n",
    );
    for (i, (ty, name, bytes)) in docs.iter().enumerate() {
        std::fs::write(folder.join(name), bytes).unwrap();
        zip.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut zip, bytes).unwrap();
        txt.push_str(&format!(
            "<DOCUMENT>\n<TYPE>{ty}\n<SEQUENCE>{}\n<FILENAME>{name}\n<DESCRIPTION>{ty}\n<TEXT>\n",
            i + 1
        ));
        if *ty == "GRAPHIC" {
            // uuencoded, as EDGAR carries binaries
            txt.push_str(&format!("begin 644 {name}\n"));
            for chunk in bytes.chunks(45) {
                txt.push((32 + chunk.len() as u8) as char);
                for tri in chunk.chunks(3) {
                    let mut t = [0u8; 3];
                    t[..tri.len()].copy_from_slice(tri);
                    for c in [
                        t[0] >> 2,
                        (t[0] & 3) << 4 | t[1] >> 4,
                        (t[1] & 15) << 2 | t[2] >> 6,
                        t[2] & 63,
                    ] {
                        txt.push(if c == 0 { '`' } else { (32 + c) as char });
                    }
                }
                txt.push('\n');
            }
            txt.push_str("`\nend\n");
        } else if name.ends_with(".htm") && *ty != "EX-21"
            || name.ends_with(".xsd")
            || name.ends_with(".xml")
        {
            txt.push_str("<XBRL>\n");
            txt.push_str(std::str::from_utf8(bytes).unwrap());
            txt.push_str("</XBRL>\n");
        } else {
            txt.push_str(std::str::from_utf8(bytes).unwrap());
        }
        txt.push_str("</TEXT>\n</DOCUMENT>\n");
    }
    txt.push_str("</SEC-DOCUMENT>\n");
    zip.finish().unwrap();
    let txt_path = dir.join("0000072971-25-000012.txt");
    std::fs::write(&txt_path, txt).unwrap();
    (folder, zip_path, txt_path)
}

/// Issue 19, point 2: a submission folder, its `.zip` and its complete submission `.txt` are
/// one filing each (primary document and exhibits; linkbase and logo recognised and left out,
/// the company schema read as one, not as a document) and give the same findings; the Item 1C
/// of the EX-13 is checked where it lies, and spans into the `.txt` point at the same words as
/// spans into the folder's files.
#[test]
fn a_submission_as_folder_zip_or_txt_gives_the_same_findings() {
    let Some(shared) = shared() else { return };
    let dir = tempdir("inputs-submission");
    let (folder, zip, txt) = submission(&shared, &dir);
    let names = |p: &Path| -> Vec<Vec<String>> {
        document_sets(&[p.to_path_buf()], false)
            .unwrap()
            .iter()
            .map(|s| {
                s.iter()
                    .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
                    .collect()
            })
            .collect()
    };
    // One filing, the primary document first (it tags the cover), then the Inline XBRL
    // exhibit, then the plain one.
    let want = vec![vec![
        "wfc-20241231.htm".to_string(),
        "wfc-1231x2024xex13.htm".to_string(),
        "wfc-1231x2024xex21.htm".to_string(),
    ]];
    for p in [&folder, &zip, &txt] {
        assert_eq!(names(p), want, "{}", p.display());
    }
    let report = |p: &Path| -> serde_json::Value {
        let (_, out, err) = run(&[
            "check",
            "--format",
            "json",
            "--no-config",
            p.to_str().unwrap(),
        ]);
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {err}"))
    };
    let key = |v: &serde_json::Value| -> Vec<(String, String, String, String)> {
        let mut k: Vec<_> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                let s = |k: &str| f[k].as_str().unwrap_or("").to_string();
                (s("rule"), s("severity"), s("concept"), s("matched"))
            })
            .collect();
        k.sort();
        k
    };
    let (from_folder, from_zip, from_txt) = (report(&folder), report(&zip), report(&txt));
    let rows = key(&from_folder);
    assert_eq!(key(&from_zip), rows, "zip");
    assert_eq!(key(&from_txt), rows, "txt");
    for (what, v) in [
        ("folder", &from_folder),
        ("zip", &from_zip),
        ("txt", &from_txt),
    ] {
        assert_eq!(v["summary"]["filings"], 1, "{what}");
        assert_eq!(v["summary"]["files"], 3, "{what}");
    }
    assert!(
        !rows.iter().any(|r| r.0.starts_with("read:")),
        "no taxonomy, binary or no-disclosure finding: {rows:#?}"
    );
    // The company schema is read from the folder, the zip or the .txt alike: it imports no cyd
    // schema, so CYD-NS-004 points at its root element, in each form of the submission.
    for (what, v) in [
        ("folder", &from_folder),
        ("zip", &from_zip),
        ("txt", &from_txt),
    ] {
        let ns4: Vec<&serde_json::Value> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == "CYD-NS-004")
            .collect();
        assert_eq!(ns4.len(), 1, "{what}: {:#}", v["findings"]);
        assert!(v["skipped"].as_array().unwrap().is_empty(), "{what}");
        let file = ns4[0]["location"]["file"].as_str().unwrap();
        let bytes = std::fs::read(if what == "zip" {
            folder.join("wfc-20241231.xsd")
        } else {
            PathBuf::from(file)
        })
        .unwrap();
        let (s, e) = (
            ns4[0]["location"]["start"].as_u64().unwrap() as usize,
            ns4[0]["location"]["end"].as_u64().unwrap() as usize,
        );
        assert!(
            bytes[s..e].starts_with(b"<xs:schema ") && bytes[e - 1] == b'>',
            "{what}: {}",
            String::from_utf8_lossy(&bytes[s..e])
        );
        match what {
            "txt" => assert_eq!(file, txt.to_str().unwrap()),
            "zip" => assert!(file.ends_with(".zip/wfc-20241231.xsd"), "{file}"),
            _ => assert!(file.ends_with("/wfc-20241231.xsd"), "{file}"),
        }
        assert!(
            ns4[0]["message"]
                .as_str()
                .unwrap()
                .contains("does not import http://xbrl.sec.gov/cyd/2024"),
            "{what}"
        );
    }
    // The exhibit's Item 1C is checked: CYD-X-008 finds the contradiction in the EX-13.
    let in_ex13: Vec<&serde_json::Value> = from_folder["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| {
            f["rule"] == "CYD-X-008"
                && f["location"]["file"]
                    .as_str()
                    .unwrap()
                    .ends_with("wfc-1231x2024xex13.htm")
        })
        .collect();
    assert_eq!(in_ex13.len(), 2, "{:#}", from_folder["findings"]);
    // Spans in the .txt point at the same words as in the folder's files.
    let txt_bytes = std::fs::read(&txt).unwrap();
    let txt_findings = from_txt["findings"].as_array().unwrap();
    for f in txt_findings {
        assert_eq!(
            f["location"]["file"].as_str().unwrap(),
            txt.to_str().unwrap()
        );
    }
    for f in &in_ex13 {
        let matched = f["matched"].as_str().unwrap();
        let t = txt_findings
            .iter()
            .find(|g| g["rule"] == "CYD-X-008" && g["matched"] == matched)
            .unwrap();
        let (s, e) = (
            t["location"]["start"].as_u64().unwrap() as usize,
            t["location"]["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(String::from_utf8_lossy(&txt_bytes[s..e]), matched);
        // Its line is the .txt's.
        let line = txt_bytes[..s].iter().filter(|&&b| b == b'\n').count() + 1;
        assert_eq!(t["location"]["line"].as_u64().unwrap() as usize, line);
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
