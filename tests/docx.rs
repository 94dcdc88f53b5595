//! Word drafts: .docx files built in the test with the same zip crate, read into the text
//! layer, checked by the text rules, and refused cleanly when hostile.

use std::io::Write;
use std::path::PathBuf;

use cydlint::engine::{self, Options};
use cydlint::filing::text::SectionKind;
use zip::write::SimpleFileOptions;

use crate::common::shared;

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

fn para(style: Option<&str>, runs: &str) -> String {
    let ppr = style
        .map(|s| format!(r#"<w:pPr><w:pStyle w:val="{s}"/></w:pPr>"#))
        .unwrap_or_default();
    format!("<w:p>{ppr}{runs}</w:p>")
}

fn run(text: &str) -> String {
    format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#)
}

fn document(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body}<w:sectPr/></w:body></w:document>"#
    )
}

fn docx(parts: &[(&str, String)]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, body) in parts {
        z.start_file(*name, SimpleFileOptions::default()).unwrap();
        z.write_all(body.as_bytes()).unwrap();
    }
    z.finish().unwrap().into_inner()
}

fn write(name: &str, bytes: &[u8]) -> PathBuf {
    let p = crate::common::scratch("docx").join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn rules() -> cydlint::rules::RuleSet {
    cydlint::rules::load::load(&[], false).unwrap()
}

#[test]
fn headings_tables_tracked_changes_and_footnotes() {
    let body = [
        para(Some("Title"), &run("Annual Report")),
        para(Some("Heading1"), &run("Item 1C. Cybersecurity")),
        para(None, &format!(
            "{}<w:ins w:id=\"1\" w:author=\"Counsel\"><w:r><w:t xml:space=\"preserve\">identifying and </w:t></w:r></w:ins><w:del w:id=\"2\" w:author=\"Counsel\"><w:r><w:delText>ignoring </w:delText></w:r></w:del>{}<w:r><w:footnoteReference w:id=\"2\"/></w:r>",
            run("We have processes for assessing, "),
            run("managing material risks from cybersecurity threats.")
        )),
        "<w:tbl><w:tr><w:tc>".to_string() + &para(None, &run("Audit Committee")) + "</w:tc><w:tc>" + &para(None, &run("Quarterly reports from the CISO")) + "</w:tc></w:tr></w:tbl>",
        format!("<w:p><w:pPr><w:outlineLvl w:val=\"1\"/></w:pPr>{}</w:p>", run("Governance")),
        para(None, &format!("{}<w:commentRangeStart w:id=\"0\"/>{}<w:commentRangeEnd w:id=\"0\"/>", run("The Audit Committee oversees cybersecurity risk."), run(""))),
        para(Some("Heading1"), &run("Item 2. Properties")),
        para(None, &run("We lease our offices.")),
    ]
    .concat();
    let footnotes = format!(
        r#"<w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="2">{}</w:footnote></w:footnotes>"#,
        para(None, &run("As defined in Item 106(a)."))
    );
    let bytes = docx(&[
        ("word/document.xml", document(&body)),
        ("word/footnotes.xml", footnotes),
    ]);
    let p = write("features.docx", &bytes);
    let f = cydlint::read::read_set(std::slice::from_ref(&p));
    assert_eq!(f.kind, Some(cydlint::filing::InputKind::Draft));
    assert!(f.issues.is_empty(), "{:?}", f.issues);
    let lines: Vec<&str> = f.files[0].text.lines().collect();
    assert_eq!(
        lines,
        vec![
            "Annual Report",
            "Item 1C. Cybersecurity",
            "We have processes for assessing, identifying and managing material risks from cybersecurity threats.",
            "Audit Committee",
            "Quarterly reports from the CISO",
            "Governance",
            "The Audit Committee oversees cybersecurity risk.",
            "Item 2. Properties",
            "We lease our offices.",
            "Footnotes",
            "As defined in Item 106(a).",
        ]
    );
    // Headings by style (Title, Heading1) and by outline level.
    let heads: Vec<(usize, String)> = f.files[0].docx.as_ref().unwrap().headings.clone();
    assert_eq!(
        heads.iter().map(|h| h.0).collect::<Vec<_>>(),
        vec![1, 2, 6, 8]
    );
    assert_eq!(f.files[0].heading_before(7), Some("Governance"));
    // The Item 1C section runs to Item 2.
    let sec = f.text.section(SectionKind::Item1C).unwrap();
    let body = &f.text.text[sec.range.clone()];
    assert!(
        body.contains("identifying and managing") && body.contains("oversees cybersecurity risk"),
        "{body}"
    );
    assert!(!body.contains("ignoring") && !body.contains("lease"));
    // A text span maps to paragraph and character.
    let i = f.text.text.find("oversees").unwrap();
    let sp = f.text.span(i..i + 8).unwrap();
    let loc = cydlint::report::facts::Location::of(&f, sp);
    assert_eq!(loc.paragraph, Some(7));
    assert_eq!(loc.chars, Some((20, 28)));
    assert_eq!(loc.heading.as_deref(), Some("Governance"));
    // The input is unchanged.
    assert_eq!(std::fs::read(&p).unwrap(), bytes);
}

#[test]
fn text_rules_run_on_a_draft_and_say_where() {
    let body = [
        para(Some("Heading1"), &run("Item 1C. Cybersecurity")),
        para(
            None,
            &run(
                "Our CISO is responsible for our cybersecurity program and leads a team that monitors threats. A breach could materially affect us.",
            ),
        ),
        para(Some("Heading1"), &run("Item 2. Properties")),
    ]
    .concat();
    let p = write(
        "no-b2.docx",
        &docx(&[("word/document.xml", document(&body))]),
    );
    let set = rules();
    let f = cydlint::read::read_set(std::slice::from_ref(&p));
    let out = engine::run(&set, &f, &Options::default());
    let x011: Vec<_> = out
        .findings
        .iter()
        .filter(|x| x.rule == "CYD-X-011")
        .collect();
    assert_eq!(x011.len(), 1, "{:?}", out.findings);
    let loc = cydlint::report::facts::Location::of(&f, x011[0].span);
    assert_eq!(loc.paragraph, Some(1));
    // The draft rules: no board, and a CISO without expertise.
    let rules_hit: std::collections::BTreeSet<&str> =
        out.findings.iter().map(|x| x.rule.as_str()).collect();
    assert!(
        rules_hit.contains("CYD-DRAFT-001") && rules_hit.contains("CYD-DRAFT-002"),
        "{rules_hit:?}"
    );
    // Rules that need tags are skipped, with one reason.
    let reasons: std::collections::BTreeSet<&str> =
        out.skipped.iter().map(|s| s.reason.as_str()).collect();
    assert!(reasons.contains("needs tagged facts; the input is an untagged draft"));
    // The human report names the paragraph and quotes it.
    let human = cydlint::report::human::render(&f, x011[0], false);
    assert!(
        human.contains("no-b2.docx:1:1 (paragraph 1, under \"Item 1C. Cybersecurity\")"),
        "{human}"
    );
    assert!(human.contains("Item 1C. Cybersecurity"));
}

/// The seed's text, laid into a .docx, gets the same text-only findings as the seed.
#[test]
fn the_seed_as_a_word_draft() {
    let Some(shared) = shared() else { return };
    let seed_path = std::fs::read_dir(shared.join("seed"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let seed = cydlint::read::read_set(std::slice::from_ref(&seed_path));
    let mut body = para(Some("Heading1"), &run("ITEM 16K. CYBERSECURITY"));
    for fact in seed.cyd_facts().filter(|x| x.is_text_block()) {
        body.push_str(&para(
            None,
            &run(&quick_xml::escape::escape(fact.text().unwrap())),
        ));
    }
    body.push_str(&para(Some("Heading1"), &run("ITEM 16L. RESERVED")));
    let p = write(
        "seed.docx",
        &docx(&[("word/document.xml", document(&body))]),
    );
    let draft = cydlint::read::read_set(std::slice::from_ref(&p));
    assert!(draft.text.section(SectionKind::Item16K).is_some());
    let set = rules();
    let text_only = |out: &engine::Outcome| -> Vec<String> {
        let mut v: Vec<String> = out
            .findings
            .iter()
            .filter(|f| set.get(&f.rule).is_some_and(|r| !r.check.needs_facts()))
            .map(|f| f.rule.clone())
            .collect();
        v.sort();
        v
    };
    let opts = Options {
        form: Some("20-F".into()),
        ..Options::default()
    };
    let from_seed = text_only(&engine::run(&set, &seed, &opts));
    let from_draft = text_only(&engine::run(&set, &draft, &opts));
    assert_eq!(from_seed, from_draft);
    // And the text rules really look: without its (b)(2) sentence, the draft is reported.
    let cut = body.replace("have not experienced any cybersecurity incidents or identified any risks from cybersecurity threats that have materially affected or are reasonably likely to materially affect us", "take security seriously");
    assert_ne!(cut, body);
    let p2 = write(
        "seed-cut.docx",
        &docx(&[("word/document.xml", document(&cut))]),
    );
    let draft2 = cydlint::read::read_set(std::slice::from_ref(&p2));
    assert!(text_only(&engine::run(&set, &draft2, &opts)).contains(&"CYD-X-011".to_string()));
}

#[test]
fn hostile_word_files_end_in_a_clear_error() {
    let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("text.docx", b"this is not a zip".to_vec(), "not a zip"),
        ("encrypted.docx", ole.to_vec(), "encrypted"),
        (
            "no-document.docx",
            docx(&[("word/styles.xml", "<w:styles/>".into())]),
            "no word/document.xml",
        ),
        (
            "truncated.docx",
            docx(&[("word/document.xml", document(&para(None, &run("x"))))])[..40].to_vec(),
            "zip",
        ),
        (
            "bad-xml.docx",
            docx(&[("word/document.xml", "<w:document><w:body><w:p>".into())]),
            "malformed XML",
        ),
    ];
    for (name, bytes, says) in cases {
        let p = write(name, &bytes);
        let f = cydlint::read::read_set(std::slice::from_ref(&p));
        let issue = f
            .issues
            .iter()
            .find(|i| i.code == "docx")
            .unwrap_or_else(|| panic!("{name}: {:?}", f.issues));
        assert!(issue.message.contains(says), "{name}: {}", issue.message);
        assert_eq!(std::fs::read(&p).unwrap(), bytes, "{name} unchanged");
    }
    // A zip bomb: a part that inflates past the limit is refused, whatever it declares.
    let bomb = docx(&[("word/document.xml", "0".repeat(3 << 20))]);
    assert!(bomb.len() < 100_000);
    let err = cydlint::read::docx::extract_with_limit(&bomb, 1 << 20).unwrap_err();
    assert!(err.contains("zip bomb"), "{err}");
}
