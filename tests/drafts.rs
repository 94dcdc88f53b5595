//! Drafts checked as thoroughly as filings (docs/drafts.md): a complete Item 1C draft and one
//! with each Item 106 paragraph missing in turn, written here in HTML, Markdown and Word (a
//! whole 10-K draft with headings by style and by bold formatting, a comment, tracked changes,
//! a numbered list, a table and a footnote). Each missing paragraph gives its warning and the
//! complete draft none; every ✗ row of the scorecard has a warning from `check`'s own run; the
//! implied flags and the tagging plan's element for every paragraph are right; the annotated
//! plan opens in a headless browser; and the corpus filings' own Item 1C, tags stripped, imply
//! the flags their filers tagged.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use cydlint::engine::{self, Options};
use cydlint::plan::{Implied, Plan};
use cydlint::scorecard::{Scorecard, Status};
use zip::write::SimpleFileOptions;

use crate::common::{fixture, run, shared};

/// One paragraph of the complete draft: its key (what it answers; `h2`/`h3` for headings),
/// its words, and the text blocks the plan should give it (short names) with those they nest
/// in.
struct Para {
    key: &'static str,
    text: &'static str,
    elements: &'static [&'static str],
    within: &'static [&'static str],
}

const PROC: &str =
    "CybersecurityRiskManagementProcessesForAssessingIdentifyingAndManagingThreatsTextBlock";

/// The complete draft's Item 1C, written for these tests in ordinary drafting language.
const DRAFT: &[Para] = &[
    Para {
        key: "h2",
        text: "Item 1C. Cybersecurity",
        elements: &[],
        within: &[],
    },
    Para {
        key: "h3",
        text: "Risk Management and Strategy",
        elements: &[],
        within: &[],
    },
    Para {
        key: "processes",
        text: "Northwind Freight maintains a documented program to assess, identify and manage material risks from cybersecurity threats to the systems that schedule our trucks and bill our customers.",
        elements: &[PROC],
        within: &[],
    },
    Para {
        key: "integration",
        text: "That program is embedded in our enterprise risk management process, so cyber risks are scored and escalated on the same scale as operational and financial risks.",
        elements: &["CybersecurityRiskManagementProcessesIntegratedTextBlock"],
        within: &[PROC],
    },
    Para {
        key: "third-parties",
        text: "Once a year we hire an outside security firm to run penetration tests, and an independent auditor reviews our controls against the NIST Cybersecurity Framework.",
        elements: &[PROC],
        within: &[],
    },
    Para {
        key: "vendor-oversight",
        text: "We assess the security practices of our software and hosting vendors before signing a contract and review the most critical of them each year.",
        elements: &[PROC],
        within: &[],
    },
    Para {
        key: "material-effect",
        text: "So far, risks from cybersecurity threats, including past incidents, have not materially affected us, including our business strategy, results of operations or financial condition.",
        elements: &[
            "CybersecurityRiskMateriallyAffectedOrReasonablyLikelyToMateriallyAffectRegistrantTextBlock",
        ],
        within: &[],
    },
    Para {
        key: "h3",
        text: "Governance",
        elements: &[],
        within: &[],
    },
    Para {
        key: "board",
        text: "Our Board of Directors is responsible for overseeing cybersecurity risk.",
        elements: &["CybersecurityRiskBoardOfDirectorsOversightTextBlock"],
        within: &[],
    },
    Para {
        key: "committee",
        text: "The Board has assigned that oversight to its Technology Committee.",
        elements: &[
            "CybersecurityRiskBoardCommitteeOrSubcommitteeResponsibleForOversightTextBlock",
        ],
        within: &["CybersecurityRiskBoardOfDirectorsOversightTextBlock"],
    },
    Para {
        key: "positions",
        text: "Our Chief Information Security Officer is responsible for assessing and managing cybersecurity risk day to day.",
        elements: &["CybersecurityRiskManagementPositionsOrCommitteesResponsibleTextBlock"],
        within: &["CybersecurityRiskRoleOfManagementTextBlock"],
    },
    Para {
        key: "expertise",
        text: "He joined us in 2019 after twelve years leading security operations at two regional banks, and he holds a master's degree in computer science.",
        elements: &["CybersecurityRiskManagementExpertiseOfManagementResponsibleTextBlock"],
        within: &["CybersecurityRiskRoleOfManagementTextBlock"],
    },
    Para {
        key: "informing-management",
        text: "Analysts in our security operations center watch alerts around the clock and escalate significant incidents to the Chief Information Security Officer and the Chief Financial Officer under our incident response plan.",
        elements: &[
            "CybersecurityRiskProcessForInformingManagementOrCommitteesResponsibleTextBlock",
        ],
        within: &["CybersecurityRiskRoleOfManagementTextBlock"],
    },
    Para {
        key: "reporting",
        text: "The Chief Information Security Officer briefs the Technology Committee every quarter on threats, incidents and the progress of the program.",
        elements: &[
            "CybersecurityRiskProcessForInformingBoardCommitteeOrSubcommitteeResponsibleForOversightTextBlock",
        ],
        within: &["CybersecurityRiskBoardOfDirectorsOversightTextBlock"],
    },
];

/// Risk factors before Item 1C: hedged words about cyber risk and vendors that must not answer
/// any Item 1C row.
const RISK_FACTOR: &str = "A cyberattack on us or on one of our vendors could materially harm our business, and we may not detect it in time.";

/// A variant of the draft: paragraphs dropped, one replaced, one added.
#[derive(Clone, Copy, Default)]
struct Variant {
    name: &'static str,
    drop: &'static [&'static str],
    replace: Option<(&'static str, &'static str)>,
    add: Option<(&'static str, &'static str)>,
}

impl Variant {
    fn paras(&self) -> Vec<(&'static str, &'static str)> {
        let mut out = Vec::new();
        for p in DRAFT {
            if self.drop.contains(&p.key) {
                continue;
            }
            match self.replace {
                Some((k, t)) if k == p.key => out.push((p.key, t)),
                _ => out.push((p.key, p.text)),
            }
            if let Some((after, t)) = self.add
                && after == p.key
            {
                out.push(("added", t));
            }
        }
        out
    }
}

fn markdown(v: &Variant) -> String {
    let mut s = String::from(
        "# Northwind Freight Corp. — Annual Report on Form 10-K (draft 4, privileged)\n\n## Item 1A. Risk Factors\n\n",
    );
    s.push_str(RISK_FACTOR);
    s.push_str("\n\n");
    for (k, t) in v.paras() {
        match k {
            "h2" => s.push_str(&format!("## {t}\n\n")),
            "h3" => s.push_str(&format!("### {t}\n\n")),
            // A long paragraph soft-wrapped over two lines, as editors wrap Markdown.
            "third-parties" => {
                let (a, b) = t.split_at(t.find(", and").unwrap());
                s.push_str(&format!("{a}\n{}\n\n", b.trim_start()));
            }
            _ => s.push_str(&format!("{t}\n\n")),
        }
    }
    s.push_str("## Item 2. Properties\n\nWe own two terminals in Ohio.\n");
    s
}

fn html(v: &Variant) -> String {
    let mut s = String::from(
        "<html><head><title>Northwind Freight 10-K draft</title></head><body>\n<h1>Northwind Freight Corp. — Form 10-K (draft)</h1>\n<h2>Item 1A. Risk Factors</h2>\n",
    );
    s.push_str(&format!("<p>{RISK_FACTOR}</p>\n"));
    for (k, t) in v.paras() {
        let t = t.replace('&', "&amp;").replace('\'', "&#8217;");
        match k {
            "h2" => s.push_str(&format!("<h2>{t}</h2>\n")),
            "h3" => s.push_str(&format!("<h3><b>{t}</b></h3>\n")),
            _ => s.push_str(&format!("<p>\n  {t}\n</p>\n")),
        }
    }
    s.push_str(
        "<h2>Item 2. Properties</h2>\n<p>We own two terminals in Ohio.</p>\n</body></html>\n",
    );
    s
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

fn wrun(text: &str) -> String {
    format!(
        r#"<w:r><w:t xml:space="preserve">{}</w:t></w:r>"#,
        text.replace('&', "&amp;")
    )
}

fn wpara(ppr: &str, runs: &str) -> String {
    format!("<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>")
}

/// The Word draft: a whole 10-K (Items 1, 1A, 1C, 2), item headings by style, the Item 1C
/// sub-headings by bold formatting only, a comment on the integration paragraph, the
/// third-party sentence a tracked insertion replacing a tracked deletion, the vendor
/// paragraph a numbered list item, the expertise in a table beside the officer's title, a
/// footnote on the materiality statement.
fn docx(v: &Variant) -> Vec<u8> {
    let mut body = String::new();
    body.push_str(&wpara(
        r#"<w:pStyle w:val="Title"/>"#,
        &wrun("Northwind Freight Corp. Form 10-K (draft)"),
    ));
    body.push_str(&wpara(
        r#"<w:pStyle w:val="Heading1"/>"#,
        &wrun("Item 1. Business"),
    ));
    body.push_str(&wpara(
        "",
        &wrun("We move freight for retailers across the Midwest."),
    ));
    body.push_str(&wpara(
        r#"<w:pStyle w:val="Heading1"/>"#,
        &wrun("Item 1A. Risk Factors"),
    ));
    body.push_str(&wpara("", &wrun(RISK_FACTOR)));
    for (k, t) in v.paras() {
        match k {
            "h2" => body.push_str(&wpara(r#"<w:pStyle w:val="Heading1"/>"#, &wrun(t))),
            "h3" => body.push_str(&wpara(
                "",
                &format!(
                    r#"<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{t}</w:t></w:r>"#
                ),
            )),
            "integration" => body.push_str(&wpara(
                "",
                &format!(
                    r#"<w:commentRangeStart w:id="0"/>{}<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>"#,
                    wrun(t)
                ),
            )),
            "third-parties" => body.push_str(&wpara(
                "",
                &format!(
                    r#"<w:del w:id="1" w:author="Outside Counsel"><w:r><w:delText xml:space="preserve">We do not engage outside firms for our cybersecurity work. </w:delText></w:r></w:del><w:ins w:id="2" w:author="Outside Counsel">{}</w:ins>"#,
                    wrun(t)
                ),
            )),
            "vendor-oversight" => body.push_str(&wpara(
                r#"<w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr>"#,
                &wrun(t),
            )),
            "material-effect" => body.push_str(&wpara(
                "",
                &format!(
                    r#"{}<w:r><w:footnoteReference w:id="1"/></w:r>"#,
                    wrun(t)
                ),
            )),
            "expertise" => body.push_str(&format!(
                "<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>",
                wpara("", &wrun("Chief Information Security Officer")),
                wpara("", &wrun(t))
            )),
            _ => body.push_str(&wpara("", &wrun(t))),
        }
    }
    body.push_str(&wpara(
        r#"<w:pStyle w:val="Heading1"/>"#,
        &wrun("Item 2. Properties"),
    ));
    body.push_str(&wpara("", &wrun("We own two terminals in Ohio.")));
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    let footnotes = format!(
        r#"<w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1">{}</w:footnote></w:footnotes>"#,
        wpara(
            "",
            &wrun("Measured against the thresholds our Disclosure Committee applies.")
        )
    );
    let comments = format!(
        r#"<w:comments {W}><w:comment w:id="0" w:author="Deputy GC"><w:p><w:r><w:t>Not sure we can say this; the ERM team has not signed off.</w:t></w:r></w:p></w:comment></w:comments>"#
    );
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, part) in [
        ("word/document.xml", document),
        ("word/footnotes.xml", footnotes),
        ("word/comments.xml", comments),
    ] {
        z.start_file(name, SimpleFileOptions::default()).unwrap();
        z.write_all(part.as_bytes()).unwrap();
    }
    z.finish().unwrap().into_inner()
}

/// The variant written in each format.
fn write_all(v: &Variant) -> Vec<PathBuf> {
    let dir = crate::common::scratch("drafts");
    let base = dir.join(v.name);
    let md = base.with_extension("md");
    let htm = base.with_extension("htm");
    let doc = base.with_extension("docx");
    std::fs::write(&md, markdown(v)).unwrap();
    std::fs::write(&htm, html(v)).unwrap();
    std::fs::write(&doc, docx(v)).unwrap();
    vec![md, htm, doc]
}

fn rules() -> &'static cydlint::rules::RuleSet {
    static R: std::sync::LazyLock<cydlint::rules::RuleSet> =
        std::sync::LazyLock::new(|| cydlint::rules::load::load(&[], false).unwrap());
    &R
}

/// `check`'s findings (rule ids) and the scorecard, from one run.
fn check_and_card(path: &Path) -> (Vec<String>, Scorecard, cydlint::filing::Filing) {
    let f = cydlint::read::read_set(&[path.to_path_buf()]);
    assert!(f.issues.is_empty(), "{}: {:?}", path.display(), f.issues);
    assert_eq!(f.kind, Some(cydlint::filing::InputKind::Draft));
    let o = engine::run(rules(), &f, &Options::default());
    let card = cydlint::scorecard::build(&f, &o, rules(), None);
    let ids = o.findings.iter().map(|x| x.rule.clone()).collect();
    (ids, card, f)
}

/// Every ✗ row of a card has a warning or an error against it: `check` reports at least what
/// the scorecard marks ✗.
fn assert_fail_rows_warned(card: &Scorecard, what: &str) {
    // An item incorporated by reference has its answers in a document not checked: its rows
    // are ✗ here, and CYD-APP-008 (info) says why, once, instead of a warning per row.
    let incorporated = card
        .other
        .iter()
        .chain(card.rows.iter().flat_map(|r| r.findings.iter()))
        .any(|f| f.rule == "CYD-APP-008");
    if incorporated {
        assert!(
            card.rows.iter().all(|r| r
                .findings
                .iter()
                .all(|f| !matches!(f.severity, cydlint::diagnostic::Severity::Warning))),
            "{what}: incorporated by reference, yet a row carries a warning"
        );
        return;
    }
    for r in card.rows.iter().filter(|r| r.status == Status::Fail) {
        assert!(
            r.findings.iter().any(|f| matches!(
                f.severity,
                cydlint::diagnostic::Severity::Warning | cydlint::diagnostic::Severity::Error
            )),
            "{what}: row `{}` is ✗ but `check` reports no warning on it",
            r.key
        );
    }
}

fn flag_values(card: &Scorecard) -> Vec<(&'static str, Implied)> {
    card.implied_flags
        .iter()
        .map(|f| (f.row, f.value))
        .collect()
}

const COMPLETE_FLAGS: [(&str, Implied); 6] = [
    ("integration", Implied::True),
    ("third-parties", Implied::True),
    ("vendor-oversight", Implied::True),
    ("material-effect", Implied::False),
    ("positions", Implied::True),
    ("reporting-to-board", Implied::True),
];

#[test]
fn the_complete_draft_has_no_finding_every_row_answered_and_its_flags_implied() {
    for path in write_all(&Variant {
        name: "complete",
        ..Variant::default()
    }) {
        let (ids, card, _) = check_and_card(&path);
        assert!(ids.is_empty(), "{}: {ids:?}", path.display());
        for r in &card.rows {
            assert_eq!(r.status, Status::Pass, "{}: row {}", path.display(), r.key);
        }
        assert_eq!(flag_values(&card), COMPLETE_FLAGS, "{}", path.display());
        // Each definite flag quotes the sentence that supports it, and its format.
        let expect_words = [
            "embedded in our enterprise risk management",
            "outside security firm",
            "software and hosting vendors",
            "have not materially affected",
            "is responsible for assessing",
            "briefs the Technology Committee",
        ];
        for (f, w) in card.implied_flags.iter().zip(expect_words) {
            let q = f.sentence.as_ref().expect("a supporting sentence");
            assert!(
                q.sentence.contains(w),
                "{}: {} ← {}",
                path.display(),
                f.row,
                q.sentence
            );
            assert_eq!(
                f.format,
                Some(if f.value == Implied::True {
                    "ixt:fixed-true"
                } else {
                    "ixt:fixed-false"
                })
            );
        }
    }
}

/// The variants: which paragraphs are missing, the rules that must warn (exactly), and the
/// rows the scorecard marks ✗ (exactly).
fn variants() -> Vec<(Variant, &'static [&'static str], &'static [&'static str])> {
    vec![
        (
            Variant {
                name: "no-integration",
                drop: &["integration"],
                ..Variant::default()
            },
            &["CYD-DRAFT-007"],
            &["integration"],
        ),
        (
            Variant {
                name: "no-third-parties",
                drop: &["third-parties"],
                ..Variant::default()
            },
            &["CYD-DRAFT-008"],
            &["third-parties"],
        ),
        (
            Variant {
                name: "no-vendor-oversight",
                drop: &["vendor-oversight"],
                ..Variant::default()
            },
            &["CYD-DRAFT-009"],
            &["vendor-oversight"],
        ),
        (
            Variant {
                name: "no-material-effect",
                drop: &["material-effect"],
                ..Variant::default()
            },
            &["CYD-X-011"],
            &["material-effect"],
        ),
        (
            // Oversight through a committee is the board's oversight: without the board
            // paragraph the committee paragraph still answers it, so both go.
            Variant {
                name: "no-board",
                drop: &["board", "committee"],
                ..Variant::default()
            },
            &["CYD-DRAFT-001", "CYD-DRAFT-003"],
            &["board", "committee"],
        ),
        (
            Variant {
                name: "no-committee",
                drop: &["committee"],
                ..Variant::default()
            },
            &["CYD-DRAFT-003"],
            &["committee"],
        ),
        (
            Variant {
                name: "no-positions",
                drop: &["positions"],
                ..Variant::default()
            },
            &["CYD-DRAFT-010"],
            &["positions"],
        ),
        (
            Variant {
                name: "no-expertise",
                drop: &["expertise"],
                ..Variant::default()
            },
            &["CYD-DRAFT-002"],
            &["expertise"],
        ),
        (
            Variant {
                name: "no-informing-management",
                drop: &["informing-management"],
                ..Variant::default()
            },
            &["CYD-DRAFT-011"],
            &["informing-management"],
        ),
        (
            Variant {
                name: "no-reporting",
                drop: &["reporting"],
                ..Variant::default()
            },
            &["CYD-DRAFT-012"],
            &["informing-board", "reporting-to-board"],
        ),
        (
            // The processes paragraph alone: the other risk-management paragraphs (and "our
            // incident response plan") still describe processes, so the whole part goes.
            Variant {
                name: "no-risk-management",
                drop: &[
                    "processes",
                    "integration",
                    "third-parties",
                    "vendor-oversight",
                    "material-effect",
                    "informing-management",
                ],
                ..Variant::default()
            },
            &[
                "CYD-DRAFT-006",
                "CYD-DRAFT-007",
                "CYD-DRAFT-008",
                "CYD-DRAFT-009",
                "CYD-DRAFT-011",
                "CYD-X-011",
            ],
            &[
                "processes",
                "integration",
                "third-parties",
                "vendor-oversight",
                "material-effect",
                "informing-management",
            ],
        ),
        (
            Variant {
                name: "vendor-pointer",
                replace: Some((
                    "vendor-oversight",
                    "Our oversight of supplier cybersecurity risk is discussed in our Sustainability Report.",
                )),
                ..Variant::default()
            },
            &["CYD-DRAFT-009"],
            &["vendor-oversight"],
        ),
        (
            Variant {
                name: "third-parties-contradicted",
                add: Some((
                    "vendor-oversight",
                    "We do not currently engage outside consultants or auditors for our cybersecurity program.",
                )),
                ..Variant::default()
            },
            &["CYD-DRAFT-014"],
            &[],
        ),
    ]
}

#[test]
fn each_missing_paragraph_gives_its_warning_and_the_scorecard_agrees() {
    for (v, rules_expected, fail_rows) in variants() {
        for path in write_all(&v) {
            let what = format!("{} ({})", v.name, path.display());
            let (ids, card, _) = check_and_card(&path);
            let got: BTreeSet<&str> = ids.iter().map(String::as_str).collect();
            let want: BTreeSet<&str> = rules_expected.iter().copied().collect();
            assert_eq!(got, want, "{what}: {ids:?}");
            let fails: Vec<&str> = card
                .rows
                .iter()
                .filter(|r| r.status == Status::Fail)
                .map(|r| r.key)
                .collect();
            assert_eq!(fails, fail_rows, "{what}");
            assert_fail_rows_warned(&card, &what);
            // The implied flags: a missing answer is unclear, a contradiction too, the rest as
            // in the complete draft.
            for (row, value) in flag_values(&card) {
                let gone = fail_rows.contains(&row)
                    || (v.name == "third-parties-contradicted" && row == "third-parties");
                let complete = COMPLETE_FLAGS.iter().find(|(r, _)| *r == row).unwrap().1;
                let expected = if gone { Implied::Unclear } else { complete };
                assert_eq!(value, expected, "{what}: flag of row {row}");
            }
        }
    }
}

#[test]
fn a_pointer_or_a_contradiction_is_reported_where_it_is() {
    let v = &variants();
    let (pointer, contradiction) = (&v[11].0, &v[12].0);
    let md = &write_all(pointer)[0];
    let (_, out, _) = run(&["check", "--format", "json", md.to_str().unwrap()]);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let f = &report["findings"][0];
    assert_eq!(f["rule"], "CYD-DRAFT-009");
    let line = markdown(pointer)
        .lines()
        .position(|l| l.contains("Sustainability Report"))
        .unwrap()
        + 1;
    assert_eq!(f["location"]["line"], line, "{f}");
    // A contradiction: a finding at each sentence, each labelled at the other.
    let md = &write_all(contradiction)[0];
    let (_, out, _) = run(&["check", "--format", "json", md.to_str().unwrap()]);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let lines: Vec<u64> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["location"]["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert_ne!(lines[0], lines[1]);
}

/// `check` reports at least what the scorecard marks ✗ on every draft fixture of the rules.
#[test]
fn every_fail_row_of_every_draft_fixture_has_a_warning() {
    let mut n = 0;
    for e in std::fs::read_dir(fixture("rules")).unwrap() {
        let dir = e.unwrap().path();
        if !dir
            .file_name()
            .is_some_and(|d| d.to_string_lossy().starts_with("CYD-DRAFT-"))
        {
            continue;
        }
        for kind in ["pass", "fail"] {
            for f in std::fs::read_dir(dir.join(kind)).unwrap() {
                let p = f.unwrap().path();
                if p.extension().is_some_and(|x| x == "expect") {
                    continue;
                }
                let (_, card, _) = check_and_card(&p);
                assert_fail_rows_warned(&card, &p.display().to_string());
                n += 1;
            }
        }
    }
    assert!(n >= 30, "only {n} draft fixtures");
}

/// The element of every paragraph of the complete draft's plan, in each format.
#[test]
fn the_plan_gives_every_paragraph_its_element() {
    for path in write_all(&Variant {
        name: "complete-plan",
        ..Variant::default()
    }) {
        let f = cydlint::read::read_set(std::slice::from_ref(&path));
        let plan: Plan = cydlint::plan::plan(cydlint::claims::builtin(), &f, None);
        let what = path.display().to_string();
        assert_eq!(
            plan.section.as_deref(),
            Some("Item 1C. Cybersecurity"),
            "{what}"
        );
        let mut seen = 0;
        for p in &plan.paragraphs {
            let Some(d) = DRAFT
                .iter()
                .find(|d| p.text.starts_with(&d.text[..d.text.len().min(40)]))
            else {
                // Only the table's label cell is not a paragraph of the draft.
                assert_eq!(p.text, "Chief Information Security Officer", "{what}");
                assert!(p.elements.is_empty(), "{what}");
                continue;
            };
            seen += 1;
            assert_eq!(p.is_heading, d.key.starts_with('h'), "{what}: {}", p.text);
            assert_eq!(p.elements, d.elements, "{what}: {}", p.text);
            assert_eq!(p.within, d.within, "{what}: {}", p.text);
        }
        assert_eq!(seen, DRAFT.len(), "{what}");
        // Word: paragraph number and heading; HTML and Markdown: the line.
        let exp = plan
            .paragraphs
            .iter()
            .find(|p| p.text.starts_with("He joined us"))
            .unwrap();
        if path.extension().is_some_and(|x| x == "docx") {
            assert!(exp.location.paragraph.is_some(), "{what}");
            assert_eq!(
                exp.location.heading.as_deref(),
                Some("Governance"),
                "{what}"
            );
        } else {
            let src = std::fs::read_to_string(&path).unwrap();
            let line = src
                .lines()
                .position(|l| l.contains("He joined us"))
                .unwrap()
                + 1;
            assert_eq!(exp.location.line, line, "{what}");
            assert_eq!(exp.heading.as_deref(), Some("Governance"), "{what}");
        }
        // The flags: the sentence's paragraph and the format to tag it with.
        let by_row = |row: &str| plan.flags.iter().find(|f| f.flag.row == row).unwrap();
        let third = by_row("third-parties");
        assert_eq!(third.flag.format, Some("ixt:fixed-true"));
        let para = plan
            .paragraphs
            .iter()
            .find(|p| p.number == third.paragraph.unwrap())
            .unwrap();
        assert!(para.text.starts_with("Once a year"), "{what}");
        assert_eq!(
            by_row("material-effect").flag.format,
            Some("ixt:fixed-false")
        );
        // Nesting: the committee and the informing-board blocks inside the board block.
        let board = plan
            .nesting
            .iter()
            .find(|n| n.block == "CybersecurityRiskBoardOfDirectorsOversightTextBlock")
            .expect("the board block nests others");
        let nested: Vec<&str> = board.nested.iter().map(|(b, _)| *b).collect();
        assert_eq!(
            nested,
            [
                "CybersecurityRiskBoardCommitteeOrSubcommitteeResponsibleForOversightTextBlock",
                "CybersecurityRiskProcessForInformingBoardCommitteeOrSubcommitteeResponsibleForOversightTextBlock"
            ],
            "{what}"
        );
    }
}

/// Word drafts as lawyers send them: the comment's text is not read, the tracked changes are
/// read accepted (or rejected, on request), the footnote and the table are read, the Item 1C
/// section is found inside the whole 10-K, and its sub-headings by bold formatting are
/// headings.
#[test]
fn word_drafts_comments_tracked_changes_and_the_rejected_view() {
    let path = write_all(&Variant {
        name: "word",
        ..Variant::default()
    })
    .pop()
    .unwrap();
    let f = cydlint::read::read_set(std::slice::from_ref(&path));
    let text = &f.text.text;
    assert!(
        !text.contains("ERM team has not signed off"),
        "comment text read"
    );
    assert!(
        !text.contains("We do not engage outside firms"),
        "a deletion read"
    );
    assert!(
        text.contains("Measured against the thresholds"),
        "footnote not read"
    );
    let heads: Vec<String> = f.files[0]
        .docx
        .as_ref()
        .unwrap()
        .headings
        .iter()
        .map(|h| h.1.clone())
        .collect();
    assert!(heads.contains(&"Governance".to_string()), "{heads:?}");
    assert!(heads.contains(&"Risk Management and Strategy".to_string()));
    let sec = f
        .text
        .section(cydlint::filing::text::SectionKind::Item1C)
        .unwrap();
    let body = &text[sec.range.clone()];
    assert!(!body.contains("could materially harm") && !body.contains("two terminals"));
    // Rejected: the deleted sentence is back, the inserted one gone, and the third-party flag
    // the words imply is now false.
    let p = path.to_str().unwrap();
    let (_, out, _) = run(&["plan", "--format", "json", p]);
    let flag = |out: &str| {
        let v: serde_json::Value = serde_json::from_str(out).unwrap();
        v["plans"][0]["flags"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["row"] == "third-parties")
            .unwrap()["value"]
            .clone()
    };
    assert_eq!(flag(&out), "true");
    let (_, out, _) = run(&["plan", "--format", "json", "--reject-changes", p]);
    assert_eq!(flag(&out), "false", "{out}");
    let rejected = cydlint::read::read_draft_set(
        std::slice::from_ref(&path),
        &cydlint::read::DraftOptions {
            reject_changes: true,
        },
    );
    assert!(
        rejected
            .text
            .text
            .contains("We do not engage outside firms")
    );
    assert!(!rejected.text.text.contains("outside security firm"));
    // `scorecard` and `check` read the rejected view too: the inserted sentence that made the
    // added denial a contradiction is gone, and the deleted denial agrees with it.
    let (_, out, _) = run(&["scorecard", "--format", "json", "--reject-changes", p]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let third = v["filings"][0]["implied_flags"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["row"] == "third-parties")
        .unwrap()
        .clone();
    assert_eq!(third["value"], "false", "{third}");
    let contradicted = write_all(&variants()[12].0).pop().unwrap();
    let c = contradicted.to_str().unwrap();
    let rules_of = |args: &[&str]| {
        let (_, out, _) = run(args);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        crate::common::finding_field(&v, "rule")
    };
    assert_eq!(
        rules_of(&["check", "--format", "json", c]),
        ["CYD-DRAFT-014", "CYD-DRAFT-014"]
    );
    assert!(rules_of(&["check", "--format", "json", "--reject-changes", c]).is_empty());
}

#[test]
fn the_plan_as_a_table_and_json_and_an_html_page_in_a_browser() {
    let md = write_all(&Variant {
        name: "plan-formats",
        ..Variant::default()
    })
    .remove(0);
    let p = md.to_str().unwrap();
    let (status, table, _) = run(&["plan", p]);
    assert_eq!(status, cydlint::ExitStatus::Success);
    assert!(table.contains("ThirdPartyEngagedFlag") && table.contains("ixt:fixed-true"));
    assert!(table.contains("BoardCommitteeOrSubcommitteeResponsibleForOversightTextBlock"));
    let (_, json, _) = run(&["plan", "--format", "json", p]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["plans"][0]["flags"].as_array().unwrap().len(), 6);
    let (_, html, _) = run(&["plan", "--format", "html", p]);
    for banned in ["http://", "https://", "<link", "<script", "@import", "src="] {
        assert!(!html.contains(banned), "the page refers to {banned}");
    }
    // Each paragraph with an element carries its class and names it.
    for d in DRAFT.iter().filter(|d| !d.elements.is_empty()) {
        let class = cydlint::plan::class_of(d.elements[0]);
        assert!(
            html.contains(&format!(
                "class=\"para {class}\" data-elements=\"{}",
                d.elements[0]
            )),
            "{}",
            d.key
        );
    }
    let Some((_, _, px)) =
        crate::scorecard::screenshot(&html, "plan-html", (1200, 1400), "the plan's rendering")
    else {
        return;
    };
    // Every block of the complete draft is painted in its colour (legend and paragraphs).
    for d in DRAFT.iter().filter(|d| !d.elements.is_empty()) {
        let hex = cydlint::plan::colour_of(d.elements[0]);
        let c = [
            u8::from_str_radix(&hex[1..3], 16).unwrap(),
            u8::from_str_radix(&hex[3..5], 16).unwrap(),
            u8::from_str_radix(&hex[5..7], 16).unwrap(),
        ];
        let n = px
            .iter()
            .filter(|p| {
                p.iter()
                    .zip(c)
                    .all(|(a, b)| (*a as i32 - b as i32).abs() <= 4)
            })
            .count();
        assert!(n > 5_000, "{}: {n} pixels of {hex}", d.key);
    }
}

/// The corpus filings' own Item 1C, tags stripped and read as an untagged draft: the flags its
/// words imply against the flags its filer tagged (docs/drafts.md lists the mismatches).
#[test]
fn corpus_item_1c_read_as_drafts_implies_the_tagged_flags() {
    let Some(shared) = shared() else { return };
    let (mut agree, mut total) = (0, 0);
    let mut table = String::from("filing | flag | tagged | implied\n");
    let mut filings = 0;
    for (p, draft) in corpus_as_drafts(&shared, "drafts-corpus") {
        let tagged = cydlint::read::read_set(std::slice::from_ref(&p));
        let flags: Vec<(String, bool)> = tagged
            .cyd_facts()
            .filter(|f| f.concept.local_name.ends_with("Flag"))
            .filter_map(|f| Some((f.concept.local_name.to_string(), f.boolean?)))
            .collect();
        if flags.is_empty() {
            continue;
        }
        filings += 1;
        assert_eq!(draft.kind, Some(cydlint::filing::InputKind::Draft));
        assert_eq!(draft.cyd_facts().count(), 0);
        let section = cydlint::plan::item_section(&draft, None);
        let said = cydlint::plan::said(cydlint::claims::builtin(), &draft, section);
        let implied = cydlint::plan::implied_flags(cydlint::claims::builtin(), &draft, &said);
        for (concept, value) in flags {
            let Some(i) = implied
                .iter()
                .find(|i| i.concept == format!("cyd:{concept}"))
            else {
                continue;
            };
            total += 1;
            let ok = i.value == if value { Implied::True } else { Implied::False };
            agree += usize::from(ok);
            table.push_str(&format!(
                "{} | {} | {value} | {}{}\n",
                p.file_name().unwrap().to_string_lossy(),
                concept,
                i.value.as_str(),
                if ok { "" } else { "  ← mismatch" }
            ));
        }
    }
    println!("{table}{agree} of {total} flags agree");
    assert!(filings >= 4, "only {filings} corpus filings tag cyd flags");
    assert!(total >= 24, "only {total} tagged flags compared");
    assert!(
        agree * 10 >= total * 9,
        "{agree} of {total} implied flags match the filers' tags (< 90 %)\n{table}"
    );
}

/// The corpus filings' own Item 1C, tags stripped and checked as drafts: real, complete
/// disclosures, so every warning the draft rules give on them must be one a reviewer judged
/// true of the tagged filing (docs/corpus-review.md: Apple's and Mastercard's (b)(2) answer,
/// Mastercard's expertise policy that describes no one); Wells Fargo's Item 1C, incorporated
/// by reference, is CYD-APP-008's info and nothing else.
#[test]
fn corpus_item_1c_read_as_drafts_gives_only_the_reviewed_warnings() {
    let Some(shared) = shared() else { return };
    let opts = Options {
        form: Some("10-K".into()),
        period_end: Some("2025-01-31".into()),
        ..Options::default()
    };
    let mut got: Vec<(String, String)> = Vec::new();
    for (p, draft) in corpus_as_drafts(&shared, "drafts-corpus-check") {
        let out = engine::run(rules(), &draft, &opts);
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        got.extend(
            out.findings
                .iter()
                .filter(|x| x.rule.starts_with("CYD-"))
                .filter(|x| x.severity != cydlint::diagnostic::Severity::Info)
                .map(|x| (name.clone(), x.rule.clone())),
        );
    }
    got.sort();
    let expected: Vec<(String, String)> = [
        ("AAPL_10K_2025-10-31.html", "CYD-X-011"),
        ("ma-10-k-2025-02-12.html", "CYD-DRAFT-002"),
        ("ma-10-k-2025-02-12.html", "CYD-X-011"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(got, expected);
}

/// Every Inline XBRL document of the corpus (`.htm`, `.html`) with the draft its tags leave
/// when stripped ([`strip_tags`], written to a temporary folder and read back).
fn corpus_as_drafts(
    shared: &std::path::Path,
    name: &str,
) -> Vec<(std::path::PathBuf, cydlint::filing::Filing)> {
    let dir = crate::common::tempdir(name);
    let mut out = Vec::new();
    for e in std::fs::read_dir(shared.join("corpus/filings")).unwrap() {
        for f in std::fs::read_dir(e.unwrap().path()).unwrap() {
            let p = f.unwrap().path();
            if !p.extension().is_some_and(|x| x == "htm" || x == "html") {
                continue;
            }
            let src = std::fs::read_to_string(&p).unwrap();
            let stripped = dir.join(p.file_name().unwrap());
            std::fs::write(&stripped, strip_tags(&src)).unwrap();
            let draft = cydlint::read::read_set(std::slice::from_ref(&stripped));
            out.push((p, draft));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    out
}

/// The filing without its Inline XBRL: the hidden header dropped, every `ix:` element
/// unwrapped (its content kept).
fn strip_tags(src: &str) -> String {
    let mut out = String::with_capacity(src.len());
    let lower = src.to_ascii_lowercase();
    let mut i = 0;
    while i < src.len() {
        if lower[i..].starts_with("<ix:header") {
            match lower[i..].find("</ix:header>") {
                Some(e) => {
                    i += e + "</ix:header>".len();
                    continue;
                }
                None => break,
            }
        }
        if lower[i..].starts_with("<ix:") || lower[i..].starts_with("</ix:") {
            match src[i..].find('>') {
                Some(e) => {
                    i += e + 1;
                    continue;
                }
                None => break,
            }
        }
        let c = src[i..].chars().next().unwrap();
        out.push(c);
        i += c.len_utf8();
    }
    out
}

/// A draft 8-K's Item 1.05(a) paragraphs: (row, words).
const INCIDENT: &[(&str, &str)] = &[
    (
        "nature",
        "Early on a Sunday our monitoring tools detected ransomware at our Reno distribution center.",
    ),
    (
        "timing",
        "It began on January 10, 2026, and we contained it two days later.",
    ),
    (
        "scope",
        "The attackers encrypted shipping records and took our warehouse management system offline for three days.",
    ),
    (
        "impact",
        "We have concluded that the incident is material, and it is reasonably likely to materially affect our revenue for the quarter.",
    ),
];

/// The 8-K draft without the paragraphs of `drop`, in Markdown, HTML and Word.
fn write_incident(name: &str, drop: &[&str]) -> Vec<PathBuf> {
    let keep: Vec<&str> = INCIDENT
        .iter()
        .filter(|(k, _)| !drop.contains(k))
        .map(|(_, t)| *t)
        .collect();
    let title = "Larchmont Home Goods, Inc. — Current Report on Form 8-K (draft)";
    let heading = "Item 1.05 Material Cybersecurity Incidents";
    let mut md = format!("# {title}\n\n## {heading}\n\n");
    let mut htm = format!("<html><body><h1>{title}</h1>\n<h2>{heading}</h2>\n");
    let mut body = wpara(r#"<w:pStyle w:val="Title"/>"#, &wrun(title))
        + &wpara(r#"<w:pStyle w:val="Heading1"/>"#, &wrun(heading));
    for t in &keep {
        md.push_str(&format!("{t}\n\n"));
        htm.push_str(&format!("<p>{t}</p>\n"));
        body.push_str(&wpara("", &wrun(t)));
    }
    let tail = "Item 9.01 Financial Statements and Exhibits";
    md.push_str(&format!("## {tail}\n\nNone.\n"));
    htm.push_str(&format!("<h2>{tail}</h2><p>None.</p></body></html>\n"));
    body.push_str(&wpara(r#"<w:pStyle w:val="Heading1"/>"#, &wrun(tail)));
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    z.start_file("word/document.xml", SimpleFileOptions::default())
        .unwrap();
    z.write_all(document.as_bytes()).unwrap();
    let docx = z.finish().unwrap().into_inner();
    let base = crate::common::scratch("drafts").join(name);
    let paths = vec![
        base.with_extension("md"),
        base.with_extension("htm"),
        base.with_extension("docx"),
    ];
    std::fs::write(&paths[0], md).unwrap();
    std::fs::write(&paths[1], htm).unwrap();
    std::fs::write(&paths[2], docx).unwrap();
    paths
}

/// Item 1.05(a) on a draft 8-K (no form stated: the Item 1.05 section says which rows apply):
/// the complete draft gives nothing; each missing element its warning and its ✗ row.
#[test]
fn a_draft_8k_is_checked_element_by_element() {
    for path in write_incident("8k-complete", &[]) {
        let (ids, card, _) = check_and_card(&path);
        assert!(ids.is_empty(), "{}: {ids:?}", path.display());
        let keys: Vec<&str> = card.rows.iter().map(|r| r.key).collect();
        assert_eq!(keys, ["nature", "scope", "timing", "impact"]);
        assert!(card.rows.iter().all(|r| r.status == Status::Pass));
        assert!(card.implied_flags.is_empty());
    }
    for (row, rule) in [
        ("nature", "CYD-DRAFT-018"),
        ("scope", "CYD-DRAFT-019"),
        ("timing", "CYD-DRAFT-020"),
        ("impact", "CYD-DRAFT-021"),
    ] {
        for path in write_incident(&format!("8k-no-{row}"), &[row]) {
            let what = format!("{row}: {}", path.display());
            let (ids, card, _) = check_and_card(&path);
            assert_eq!(ids, [rule], "{what}");
            let fails: Vec<&str> = card
                .rows
                .iter()
                .filter(|r| r.status == Status::Fail)
                .map(|r| r.key)
                .collect();
            assert_eq!(fails, [row], "{what}");
            assert_fail_rows_warned(&card, &what);
        }
    }
}

/// One source of truth: the draft rules that look for words use the scorecard rows' own
/// patterns (CYD-DRAFT-003 the full-board words, CYD-DRAFT-018…020 the 8-K rows').
#[test]
fn the_draft_rules_and_the_scorecard_rows_use_the_same_words() {
    let patterns = |id: &str| -> String {
        let y = std::fs::read_to_string(crate::common::root().join(format!("rules/{id}.yaml")))
            .unwrap();
        let line = y
            .lines()
            .find(|l| l.trim_start().starts_with("patterns:"))
            .unwrap();
        let inner = line.split_once('[').unwrap().1.rsplit_once(']').unwrap().0;
        inner
            .split("', '")
            .map(|p| p.trim_matches('\''))
            .collect::<Vec<_>>()
            .join("|")
    };
    assert_eq!(
        format!("(?i){}", patterns("CYD-DRAFT-003")),
        cydlint::scorecard::FULL_BOARD
    );
    for (id, words) in [
        ("CYD-DRAFT-018", cydlint::scorecard::NATURE_WORDS),
        ("CYD-DRAFT-019", cydlint::scorecard::SCOPE_WORDS),
        ("CYD-DRAFT-020", cydlint::scorecard::TIMING_WORDS),
    ] {
        assert_eq!(format!(r"(?i)\b(?:{})\b", patterns(id)), words, "{id}");
    }
}

/// A pack's lexicon counts in `plan` and `scorecard` as it does in `check`: a word the pack
/// adds to a class (an assessor nobody else calls so) makes the sentence answer its topic in
/// the plan's paragraph topics and the scorecard's row, and without the pack it does not.
#[test]
fn plan_and_scorecard_read_with_the_packs_lexicon() {
    let dir = std::env::temp_dir().join(format!("cydlint-plan-lexicon-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("pack/lexicon")).unwrap();
    std::fs::write(
        dir.join("pack/lexicon/assessors.yaml"),
        "classes:\n  assessor:\n    nouns: [zorblaxer]\n",
    )
    .unwrap();
    let draft = dir.join("draft.md");
    std::fs::write(
        &draft,
        "# Annual report\n\n## Item 1C. Cybersecurity\n\nWe rely on a zorblaxer for penetration \
         testing of our cybersecurity program.\n\n## Item 2. Properties\n\nNone.\n",
    )
    .unwrap();
    let pack = dir.join("pack");
    let (d, p) = (draft.to_str().unwrap(), pack.to_str().unwrap());
    let topics = |extra: &[&str]| {
        let mut args = vec!["plan", "--format", "json"];
        args.extend_from_slice(extra);
        args.push(d);
        let (status, out, err) = run(&args);
        assert_eq!(status, cydlint::ExitStatus::Success, "{err}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        v["plans"][0]["paragraphs"][1]["topics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    assert!(!topics(&[]).contains(&"third-party-engaged".to_owned()));
    assert!(topics(&["--rules", p]).contains(&"third-party-engaged".to_owned()));
    let row = |extra: &[&str]| {
        let mut args = vec!["scorecard", "--no-config", "--format", "json"];
        args.extend_from_slice(extra);
        args.push(d);
        let (_, out, err) = run(&args);
        let v: serde_json::Value =
            serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {err}"));
        v["filings"][0]["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["key"] == "third-parties")
            .cloned()
            .unwrap()
    };
    assert_eq!(row(&[])["status"], "fail");
    let with = row(&["--rules", p]);
    assert_eq!(with["status"], "pass", "{with}");
    assert!(
        with["text"]["excerpt"]
            .as_str()
            .unwrap()
            .contains("zorblaxer"),
        "{with}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
