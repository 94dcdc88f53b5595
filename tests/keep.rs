//! Reading only the facts a rule set can select (`read::Keep`, what `check` does) changes
//! nothing but which facts are built (and, when the rules read no dimensions, contexts'
//! dimensions): the same issues, text layer, contexts, units, cover and namespaces, every
//! wanted fact exactly as a full read builds it, and the same findings.

use cydlint::filing::{Fact, Filing};
use cydlint::read::Keep;
use cydlint::source::SourceFile;

/// Compares a full read with a read that kept fewer facts (and contexts without their
/// dimensions, when `keep` says so); `Err` says how they differ.
fn same_but_facts(full: &Filing, kept: &Filing, keep: &Keep) -> Result<(), String> {
    let contexts = |f: &Filing| {
        let mut c = f.contexts.clone();
        if !keep.dimensions() {
            c.values_mut().for_each(|c| c.dimensions.clear());
        }
        format!("{c:?}")
    };
    let parts = |f: &Filing| {
        [
            format!("{:?}", f.issues),
            format!("{:?}", f.text),
            contexts(f),
            format!("{:?}", f.units),
            format!("{:?}", f.namespaces),
            format!("{:?}", f.cover),
            format!("{:?}", f.kind),
        ]
    };
    let names = [
        "issues",
        "text layer",
        "contexts",
        "units",
        "namespaces",
        "cover",
        "kind",
    ];
    for ((a, b), name) in parts(full).iter().zip(parts(kept)).zip(names) {
        if *a != b {
            return Err(format!("{name} differ:\n full: {a}\n kept: {b}"));
        }
    }
    // The kept facts are the full read's, in order, and no wanted fact is missing.
    let show = |f: &Fact| format!("{f:?}");
    let mut k = kept.facts.iter().map(show).peekable();
    for f in &full.facts {
        let s = show(f);
        if k.peek() == Some(&s) {
            k.next();
        } else if keep.wants(&f.concept) {
            return Err(format!("a wanted fact is missing or different: {s}"));
        }
    }
    match k.next() {
        Some(extra) => Err(format!("a kept fact the full read does not have: {extra}")),
        None => Ok(()),
    }
}

/// Every fixture and corpus filing, read in full and as `check` reads it with the built-in
/// pack: the same filing but for the facts no rule can select, and the same findings.
#[test]
fn check_reads_the_same_filing_and_finds_the_same() {
    let rules = cydlint::rules::load::load(&[], false).expect("built-in rules");
    let keep = rules.keep();
    let files = crate::common::fixture_and_corpus_files("corpus/filings");
    let (mut dropped, mut dropped_from_instances) = (0, 0);
    let (mut read, mut dimensions) = (0, 0);
    assert!(!keep.dimensions());
    for p in files.iter().filter(|p| {
        p.extension()
            .is_some_and(|x| ["htm", "html", "xhtml", "xml"].contains(&&*x.to_string_lossy()))
    }) {
        let set = std::slice::from_ref(p);
        let full = cydlint::read::read_set(set);
        let kept = cydlint::read::read_set_keeping(set, &Default::default(), &keep);
        if let Err(e) = same_but_facts(&full, &kept, &keep) {
            panic!("{}: {e}", p.display());
        }
        // No built-in check reads dimensions: `check` does not build them.
        assert!(kept.contexts.values().all(|c| c.dimensions.is_empty()));
        dimensions += full
            .contexts
            .values()
            .map(|c| c.dimensions.len())
            .sum::<usize>();
        let findings = |f: &Filing| {
            format!(
                "{:?}",
                cydlint::engine::run(&rules, f, &Default::default()).findings
            )
        };
        assert_eq!(findings(&full), findings(&kept), "{}", p.display());
        dropped += full.facts.len() - kept.facts.len();
        if p.extension().is_some_and(|x| x == "xml") {
            dropped_from_instances += full.facts.len() - kept.facts.len();
        }
        read += 1;
    }
    assert!(read > 40, "only {read} files read");
    if crate::common::shared().is_some() {
        // The corpus's 10-Ks are mostly us-gaap facts no built-in rule selects, and so is
        // its XBRL instance (whose text blocks still make its text layer).
        assert!(dropped > 5_000, "only {dropped} facts left out");
        assert!(dimensions > 5_000, "only {dimensions} dimensions left out");
        assert!(
            dropped_from_instances > 1_000,
            "only {dropped_from_instances} instance facts left out"
        );
    }
}

/// Generated Inline XBRL — facts kept and not kept nested in each other, continuations (also
/// across files, in cycles, to facts, to nowhere), exclusions, hidden facts and
/// `-sec-ix-hidden`, ids with entities, undeclared prefixes and transform registries,
/// namespaces redeclared on inner elements — read in full and keeping only the facts of
/// concepts whose local name has an even length (every other round without dimensions).
#[test]
fn keeping_some_facts_changes_nothing_else() {
    let only = || Keep::only(|c| c.local_name.len() % 2 == 0);
    assert!(only().dimensions() && !only().without_dimensions().dimensions());
    let mut next = crate::common::rng(0x1234_5678_9abc_def1);
    let mut dropped = 0;
    for round in 0..3_000 {
        let files = 1 + usize::from(next(4) == 0);
        let texts: Vec<String> = (0..files)
            .map(|_| {
                let mut body = String::new();
                for _ in 0..1 + next(8) {
                    node(&mut next, 0, &mut body);
                }
                document(&body)
            })
            .collect();
        let sources = || -> Vec<SourceFile> {
            texts
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    SourceFile::from_bytes(
                        format!("gen-{round}-{i}.htm").into(),
                        t.clone().into_bytes(),
                    )
                })
                .collect()
        };
        let full = cydlint::read::read_sources(sources());
        // Every document's header has a context with an explicit and a typed dimension.
        assert_eq!(
            full.contexts.get("c-2").map(|c| c.dimensions.len()),
            Some(2)
        );
        let keep = match round % 2 {
            0 => only(),
            _ => only().without_dimensions(),
        };
        let kept = cydlint::read::read_sources_keeping(sources(), &keep);
        if keep.dimensions() {
            assert_eq!(
                format!("{:?}", full.contexts),
                format!("{:?}", kept.contexts)
            );
        }
        if let Err(e) = same_but_facts(&full, &kept, &keep) {
            panic!("{e}\ninput: {texts:#?}");
        }
        dropped += full.facts.len() - kept.facts.len();
    }
    assert!(dropped > 1_000, "only {dropped} facts left out");
}

fn document(body: &str) -> String {
    format!(
        r#"<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL" xmlns:ixt="http://www.xbrl.org/inlineXBRL/transformation/2020-02-12" xmlns:xbrli="http://www.xbrl.org/2003/instance" xmlns:dei="http://xbrl.sec.gov/dei/2025" xmlns:us-gaap="http://fasb.org/us-gaap/2025" xmlns:cyd="http://xbrl.sec.gov/cyd/2025" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xbrldi="http://xbrl.org/2006/xbrldi" xmlns:nope="http://example.com/nope"><body><div style="display:none"><ix:header><ix:hidden><ix:nonNumeric name="us-gaap:NetIncomeLoss" contextRef="c-1" id="h1">x</ix:nonNumeric><ix:nonNumeric name="dei:DocumentType" contextRef="c-1" id="h2">10-K</ix:nonNumeric></ix:hidden><ix:resources><xbrli:context id="c-1"><xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">1</xbrli:identifier></xbrli:entity><xbrli:period><xbrli:instant>2025-12-31</xbrli:instant></xbrli:period></xbrli:context><xbrli:context id="c-2"><xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">1</xbrli:identifier><xbrli:segment><xbrldi:explicitMember dimension="us-gaap:StatementBusinessSegmentsAxis"> us-gaap:SegmentAMember </xbrldi:explicitMember><xbrldi:typedMember dimension="nope:TypedAxis"><nope:v>7</nope:v></xbrldi:typedMember></xbrli:segment></xbrli:entity><xbrli:period><xbrli:instant>2025-12-31</xbrli:instant></xbrli:period></xbrli:context><xbrli:unit id="usd"><xbrli:measure>iso4217:USD</xbrli:measure></xbrli:unit></ix:resources></ix:header></div>{body}</body></html>"#
    )
}

/// Appends one random piece of markup (with children, up to a depth) to `out`.
fn node(next: &mut dyn FnMut(usize) -> usize, depth: usize, out: &mut String) {
    const NAMES: &[&str] = &[
        "us-gaap:Revenues",
        "us-gaap:NetIncomeLoss",
        "us-gaap:Liabilities",
        "us-gaap:Ab",
        "us-gaap:Abc",
        " us-gaap:Assets ",
        "dei:EntityRegistrantName",
        "cyd:CybersecurityRiskRoleOfManagementTextBlock",
        "cyd:CybersecurityRiskManagementProcessesIntegratedFlag",
        "nope:Thing",
        "Bare",
        "",
    ];
    const FORMATS: &[&str] = &[
        "",
        " format=\"ixt:num-dot-decimal\"",
        " format=\"ixt:fixed-true\"",
        " format=\"ixt:date-monthname-day-year-en\"",
        " format=\"bad:x\"",
        " format=\"us-gaap:x\"",
    ];
    const TEXT: &[&str] = &[
        "1,234.5",
        "words and more words",
        " &amp; ",
        "&#160;",
        "  \n ",
        "December 31, 2025",
        "é",
        "",
    ];
    let leaf = depth >= 4;
    let children = |next: &mut dyn FnMut(usize) -> usize, out: &mut String| {
        if !leaf {
            for _ in 0..next(4) {
                node(next, depth + 1, out);
            }
        }
    };
    let (k, id_of) = (next(12), |n: usize| format!("f{n}"));
    match k {
        0 | 1 => out.push_str(TEXT[next(TEXT.len())]),
        2 | 3 => {
            let tag = ["p", "div", "td", "span"][next(4)];
            out.push_str(&format!("<{tag}>"));
            out.push_str(TEXT[next(TEXT.len())]);
            children(next, out);
            out.push_str(&format!("</{tag}>"));
        }
        4..=6 => {
            let el = ["ix:nonNumeric", "ix:nonFraction"][next(2)];
            let mut attrs = format!(
                " name=\"{}\" contextRef=\"c-1\"{}",
                NAMES[next(NAMES.len())],
                FORMATS[next(FORMATS.len())]
            );
            match next(4) {
                0 => {}
                1 => attrs.push_str(&format!(" id=\"f&amp;{}\"", next(6))),
                _ => attrs.push_str(&format!(" id=\"{}\"", id_of(next(8)))),
            }
            match next(5) {
                0 => attrs.push_str(&format!(" continuedAt=\"c{}\"", next(6))),
                1 => attrs.push_str(&format!(" continuedAt=\"{}\"", id_of(next(8)))),
                _ => {}
            }
            if next(8) == 0 {
                attrs.push_str(" xsi:nil=\"true\"");
            }
            if next(6) == 0 {
                attrs.push_str(" escape=\"true\"");
            }
            if next(8) == 0 {
                attrs.push_str(" xml:lang=\"fr\"");
            }
            if next(5) == 0 {
                attrs.push_str(" sign=\"-\" unitRef=\"usd\"");
            }
            out.push_str(&format!("<{el}{attrs}>"));
            out.push_str(TEXT[next(TEXT.len())]);
            children(next, out);
            out.push_str(&format!("</{el}>"));
        }
        7 => {
            let mut attrs = format!(" id=\"c{}\"", next(6));
            if next(2) == 0 {
                attrs.push_str(&format!(" continuedAt=\"c{}\"", next(6)));
            }
            out.push_str(&format!("<ix:continuation{attrs}>"));
            out.push_str(TEXT[next(TEXT.len())]);
            children(next, out);
            out.push_str("</ix:continuation>");
        }
        8 => {
            out.push_str("<ix:exclude>");
            out.push_str(TEXT[next(TEXT.len())]);
            children(next, out);
            out.push_str("</ix:exclude>");
        }
        9 => {
            let style = [
                "display:none".to_string(),
                format!("-sec-ix-hidden:{}", id_of(next(8))),
                "-sec-ix-hidden:h1".to_string(),
            ][next(3)]
            .clone();
            out.push_str(&format!("<span style=\"{style}\">"));
            children(next, out);
            out.push_str("</span>");
        }
        10 => {
            // Prefixes rebound below: a name's namespace is not the same everywhere.
            let ns = [
                " xmlns:us-gaap=\"http://fasb.org/us-gaap/2024\"",
                " xmlns:nope=\"http://example.com/nope\"",
                " xmlns:us-gaap=\"http://xbrl.sec.gov/cyd/2025\"",
            ][next(3)];
            out.push_str(&format!("<div{ns}>"));
            children(next, out);
            out.push_str("</div>");
        }
        _ => {
            out.push_str(["<br/>", "<hr>", "<ix:hidden>", "</ix:hidden>"][next(4)]);
        }
    }
}

/// `check` keeps what any loaded rule can select: the built-in pack selects no us-gaap fact,
/// a user rule that does sees every one of them.
#[test]
fn user_rules_see_the_facts_they_select() {
    use cydlint::filing::Concept;
    let revenues = Concept::new("http://fasb.org/us-gaap/2025", "Revenues", "us-gaap");
    let builtin = cydlint::rules::load::load(&[], false).expect("built-in rules");
    assert!(!builtin.keep().wants(&revenues));
    let role = Concept::new(
        "http://xbrl.sec.gov/cyd/2025",
        "CybersecurityRiskRoleOfManagementTextBlock",
        "cyd",
    );
    assert!(builtin.keep().wants(&role));

    let dir = crate::common::tempdir("keep-user-rule");
    std::fs::write(
        dir.join("HOUSE-002.yaml"),
        r#"id: HOUSE-002
name: no-revenue-in-this-document
title: Revenues reported
severity: warning
check:
  kind: forbid-fact
  namespace: 'http://fasb\.org/us-gaap/.*'
  local-name: Revenues
message: "{concept} is reported"
"#,
    )
    .unwrap();
    let fact = |name: &str, id: usize| {
        format!(
            r#"<p><ix:nonFraction name="us-gaap:{name}" contextRef="c-1" unitRef="usd" id="r{id}">{id}</ix:nonFraction></p>"#
        )
    };
    let body: String = (0..5)
        .map(|i| {
            fact(
                if i % 2 == 0 {
                    "Revenues"
                } else {
                    "NetIncomeLoss"
                },
                i,
            )
        })
        .collect();
    let filing = dir.join("filing.htm");
    std::fs::write(&filing, document(&body)).unwrap();
    let (_, out, err) = crate::common::run(&[
        "check",
        "--no-config",
        "--rules",
        dir.to_str().unwrap(),
        "--select",
        "HOUSE-002",
        "--format",
        "json",
        filing.to_str().unwrap(),
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {err}"));
    let concepts = crate::common::finding_field(&v, "concept");
    assert_eq!(concepts, ["us-gaap:Revenues"; 3], "{out}");
    std::fs::remove_dir_all(&dir).unwrap();
}
