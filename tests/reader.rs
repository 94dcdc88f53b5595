//! The Inline XBRL reader on hand-written fixtures: every feature, exact text, exact spans.

use cydlint::filing::{IssueLevel, Period};
use cydlint::source::Span;

use crate::common::{by_id, fixture, read};

fn src(path: &std::path::Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// Offset of the `n`th occurrence of `needle`.
fn at(hay: &str, needle: &str) -> usize {
    hay.find(needle)
        .unwrap_or_else(|| panic!("{needle} not in fixture"))
}

#[test]
fn cover_facts_dates_ballot_boxes_and_entities() {
    let p = fixture("ixbrl/features.xhtml");
    let f = read(&[&p]);
    assert_eq!(f.cover.document_type.as_deref(), Some("10-K"));
    // "DECEMBER&#160;31, 2024" through ixt:date-monthname-day-year-en.
    assert_eq!(f.cover.period_end.as_deref(), Some("2024-12-31"));
    assert_eq!(f.cover.amendment, Some(false));
    // ☐ through ixt-sec:boolballotbox.
    assert_eq!(f.cover.transition_report, Some(false));
    assert_eq!(f.cover.registrant_name.as_deref(), Some("Example & Co."));
    assert_eq!(f.cover.cik.as_deref(), Some("0000000001"));
    let errors: Vec<_> = f
        .issues
        .iter()
        .filter(|i| i.level == IssueLevel::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn every_fact_is_read_with_namespace_resolved_by_uri() {
    let p = fixture("ixbrl/features.xhtml");
    let f = read(&[&p]);
    assert_eq!(f.facts.len(), 13);
    let flag = by_id(&f, "f-11");
    // The file binds the cyd namespace to prefix `c`; the concept is printed as `cyd:`.
    assert_eq!(
        flag.concept.qname(),
        "cyd:CybersecurityRiskManagementProcessesIntegratedFlag"
    );
    assert_eq!(&*flag.concept.namespace, "http://xbrl.sec.gov/cyd/2024");
    assert_eq!(
        f.cyd_namespaces,
        vec!["http://xbrl.sec.gov/cyd/2024".to_string()]
    );
}

#[test]
fn transforms_give_flag_values() {
    let p = fixture("ixbrl/features.xhtml");
    let f = read(&[&p]);
    let cases = [
        ("f-11", Some(true), "integrate"), // ixt:fixed-true
        ("f-12", Some(false), "have not"), // ixt:fixed-false
        ("f-13", Some(true), "☒"),         // ballot box with X
        ("f-14", Some(false), "☐"),        // empty ballot box
    ];
    for (id, value, shown) in cases {
        let fact = by_id(&f, id);
        assert_eq!(fact.boolean, value, "{id}");
        assert_eq!(f.displayed(fact), shown, "{id}");
        assert!(fact.text().is_none(), "a flag has no text");
    }
    assert_eq!(by_id(&f, "f-11").format.as_deref(), Some("ixt:fixed-true"));
}

#[test]
fn continuation_exclude_nesting_and_escape() {
    let p = fixture("ixbrl/features.xhtml");
    let s = src(&p);
    let f = read(&[&p]);
    let tb = by_id(&f, "f-10");
    // The nested flag's word is part of the text; "Page 7" (ix:exclude) is not; "asse" + "ss"
    // joins into one word across the continuation; the block inside the last continuation
    // starts a new sentence.
    assert_eq!(
        tb.text(),
        Some(
            "We integrate cyber risk into our ERM program. Our processes assess threats every quarter. We engage outside assessors."
        )
    );
    assert!(tb.escape);
    assert!(
        tb.value.is_none(),
        "escaped text blocks carry html, not value"
    );
    let html = f.html(tb).unwrap();
    assert!(html.starts_with("We <ix:nonNumeric"), "{html}");
    assert!(!html.contains("Page 7"));
    assert!(
        html.ends_with("ss threats every quarter.<p>We engage outside assessors.</p>"),
        "{html}"
    );
    // Spans: the fact element, then its continuations in chain order.
    let start = at(
        &s,
        "<ix:nonNumeric name=\"c:CybersecurityRiskManagementProcessesFor",
    );
    let end = at(&s, "asse</ix:nonNumeric>") + "asse</ix:nonNumeric>".len();
    assert_eq!(tb.span, Span::new(0, start, end));
    let c1 = at(&s, "<ix:continuation id=\"f-10-1\"");
    let c2 = at(&s, "<ix:continuation id=\"f-10-2\"");
    assert_eq!(tb.continuations().len(), 2);
    assert_eq!(tb.continuations()[0].start, c1);
    assert_eq!(tb.continuations()[1].start, c2);
    assert_eq!(
        &s[tb.continuations()[1].start..tb.continuations()[1].end],
        "<ix:continuation id=\"f-10-2\"><p>We engage outside assessors.</p></ix:continuation>"
    );
    // Text spans map back to source bytes exactly, within and across pieces.
    let text = tb.text().unwrap();
    let erm = text.find("ERM program").unwrap();
    let sp = f.fact_text_span(tb, erm..erm + 11).unwrap();
    assert_eq!(&s[sp.start..sp.end], "ERM program");
    let across = text.find("assess threats").unwrap();
    let sp = f
        .fact_text_span(tb, across..across + "assess threats".len())
        .unwrap();
    assert_eq!(sp.start, at(&s, "asse</ix:nonNumeric>"));
    assert_eq!(sp.end, at(&s, "ss threats") + "ss threats".len());
    // The nested fact is a fact of its own.
    let nested = by_id(&f, "f-11");
    assert_eq!(
        &s[nested.span.start..nested.span.end],
        "<ix:nonNumeric name=\"c:CybersecurityRiskManagementProcessesIntegratedFlag\" contextRef=\"c-1\" format=\"ixt:fixed-true\" id=\"f-11\">integrate</ix:nonNumeric>"
    );
}

#[test]
fn entity_decoding_keeps_spans_exact() {
    let p = fixture("ixbrl/features.xhtml");
    let s = src(&p);
    let f = read(&[&p]);
    let layer = &f.text.text;
    let i = layer.find("Example & Co.").unwrap();
    let sp = f.text.span(i..i + "Example & Co.".len()).unwrap();
    assert_eq!(&s[sp.start..sp.end], "Example &amp; Co.");
    let amp = layer.find('&').unwrap();
    let sp = f.text.span(amp..amp + 1).unwrap();
    assert_eq!(&s[sp.start..sp.end], "&amp;");
    // The non-breaking space entity collapses to one space and maps to the entity.
    let d = layer.find("DECEMBER 31").unwrap();
    let sp = f.text.span(d + 8..d + 9).unwrap();
    assert_eq!(&s[sp.start..sp.end], "&#160;");
}

#[test]
fn hidden_facts_and_sec_ix_hidden() {
    let p = fixture("ixbrl/features.xhtml");
    let f = read(&[&p]);
    let h = by_id(&f, "h-3");
    assert!(h.hidden);
    assert_eq!(h.boolean, Some(true));
    assert!(!by_id(&f, "f-11").hidden);
    // Hidden text lives after the visible text; the visible text has no ix:header content,
    // no script and no style.
    let r = h.text_ranges()[0].clone();
    assert!(r.start >= f.text.visible_len);
    let visible = f.text.visible();
    assert!(!visible.contains("0000000001"));
    assert!(!visible.contains("notText"));
    assert!(!visible.contains("margin"));
    assert_eq!(visible.matches("Item 1C. Cybersecurity").count(), 1);
    assert!(visible.contains("CIK shown here"));
    // The -sec-ix-hidden reference names an existing hidden fact: no issue.
    assert!(!f.issues.iter().any(|i| i.code == "hidden-fact-not-found"));
}

#[test]
fn nil_facts_contexts_and_sections() {
    let p = fixture("ixbrl/features.xhtml");
    let f = read(&[&p]);
    let nil = by_id(&f, "f-15");
    assert!(nil.nil);
    assert!(nil.value.is_none() && nil.text().is_none());
    let c1 = &f.contexts["c-1"];
    assert_eq!(
        c1.period,
        Some(Period::Duration {
            start: "2024-01-01".into(),
            end: "2024-12-31".into()
        })
    );
    assert!(!c1.has_segment);
    assert_eq!(c1.identifier, "0000000001");
    let c2 = &f.contexts["c-2"];
    assert!(c2.has_segment);
    assert_eq!(
        c2.dimensions
            .get("cyd:MaterialCybersecurityIncidentAxis")
            .map(String::as_str),
        Some("dei:SomeMember")
    );
    assert_eq!(
        c2.period,
        Some(Period::Instant {
            instant: "2024-12-31".into()
        })
    );
    let sec = f
        .text
        .section(cydlint::filing::text::SectionKind::Item1C)
        .unwrap();
    assert_eq!(sec.heading, "Item 1C. Cybersecurity");
    let body = &f.text.text[sec.range.clone()];
    assert!(body.contains("We integrate cyber risk"), "{body}");
}

#[test]
fn a_two_file_document_set_shares_continuations() {
    let a = fixture("ixbrl/two-file-set/part1.htm");
    let b = fixture("ixbrl/two-file-set/part2.htm");
    let f = read(&[&a, &b]);
    assert_eq!(f.files.len(), 2);
    assert_eq!(f.cover.document_type.as_deref(), Some("20-F"));
    let board = by_id(&f, "b-1");
    assert_eq!(
        board.text(),
        Some("Our Supervisory Board oversees cybersecurity risk through its Audit Committee.")
    );
    assert_eq!(board.span.file, 0);
    assert_eq!(board.continuations().len(), 1);
    assert_eq!(board.continuations()[0].file, 1);
    let s2 = src(&b);
    assert_eq!(board.continuations()[0].start, at(&s2, "<ix:continuation"));
    // A phrase inside the continuation maps into the second file.
    let t = board.text().unwrap();
    let i = t.find("Audit Committee").unwrap();
    let sp = f.fact_text_span(board, i..i + 15).unwrap();
    assert_eq!(sp.file, 1);
    assert_eq!(&s2[sp.start..sp.end], "Audit Committee");
    assert!(
        f.text
            .section(cydlint::filing::text::SectionKind::Item16K)
            .is_some()
    );
    assert!(
        f.issues.iter().all(|i| i.level != IssueLevel::Error),
        "{:?}",
        f.issues
    );
}

#[test]
fn broken_input_becomes_issues_and_reading_goes_on() {
    let p = fixture("ixbrl/broken-continuations.xhtml");
    let s = src(&p);
    let f = read(&[&p]);
    let codes: Vec<&str> = f.issues.iter().map(|i| i.code).collect();
    for code in [
        "continuation-missing",
        "continuation-cycle",
        "continuation-unreferenced",
        "undeclared-prefix",
        "transform-invalid",
        "hidden-fact-not-found",
        "unclosed-element",
    ] {
        assert!(codes.contains(&code), "{code} missing from {codes:?}");
    }
    let missing = f
        .issues
        .iter()
        .find(|i| i.code == "continuation-missing")
        .unwrap();
    assert_eq!(
        missing.span.start,
        at(
            &s,
            "<ix:nonNumeric name=\"cyd:CybersecurityRiskRoleOfManagementTextBlock\""
        )
    );
    // The text up to the broken link is kept.
    assert_eq!(by_id(&f, "m-1").text(), Some("Management text."));
    // The cycle is cut: each continuation once. The pieces are concatenated as Inline XBRL
    // says (no white space inside the elements, so none between them).
    assert_eq!(by_id(&f, "m-2").text(), Some("Board text.A.B."));
    // The invalid ballot box gives no boolean.
    assert_eq!(by_id(&f, "m-4").boolean, None);
    // The fact left open by the truncation is still read.
    assert_eq!(by_id(&f, "m-5").boolean, Some(true));
    assert_eq!(
        f.cyd_namespaces,
        vec!["http://xbrl.sec.gov/cyd/2026".to_string()]
    );
}

#[test]
fn malformed_and_binary_input_never_panics() {
    let dir = crate::common::tempdir("reader");
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("garbage.htm", b"<html xmlns:ix=\"http://www.xbrl.org/2013/inlineXBRL\"><<<>>><ix:nonNumeric name=\"a:b\" <p>".to_vec()),
        ("binary.htm", vec![0u8, 159, 146, 150, 0, 1, 2, 255]),
        ("latin1.htm", b"<html><body><p>Item 1C. Cybersecurity</p><p>caf\xe9 risk</p></body></html>".to_vec()),
        ("empty.xml", Vec::new()),
        ("bom.htm", b"\xEF\xBB\xBF<p>Item 1C. Cybersecurity</p><p>risk</p>".to_vec()),
        ("attr.htm", b"<p a=\"x\" a=\"y\" b=>x</p></q></p>&bogus;&#xFFFFFFFF;".to_vec()),
    ];
    for (name, bytes) in cases {
        let p = dir.join(name);
        std::fs::write(&p, &bytes).unwrap();
        let f = read(&[&p]);
        // Nothing is written back.
        assert_eq!(std::fs::read(&p).unwrap(), bytes, "{name}");
        if name == "binary.htm" {
            assert!(f.issues.iter().any(|i| i.code == "binary"), "{name}");
        }
        if name == "latin1.htm" {
            assert!(f.issues.iter().any(|i| i.code == "encoding"));
            let i = f.text.text.find("café").unwrap();
            let sp = f.text.span(i..i + "café".len()).unwrap();
            assert_eq!(&bytes[sp.start..sp.end], b"caf\xe9");
            assert!(
                f.text
                    .section(cydlint::filing::text::SectionKind::Item1C)
                    .is_some()
            );
        }
        if name == "bom.htm" {
            let i = f.text.text.find("risk").unwrap();
            let sp = f.text.span(i..i + 4).unwrap();
            assert_eq!(&bytes[sp.start..sp.end], b"risk");
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The reader's tokenizer reads what quick-xml reads — events, positions, attributes, errors —
/// on every real filing and fixture, and on generated markup full of the edge cases (quotes in
/// odd places, lone `&`, unclosed constructs, doctypes, CDATA, comments, white space in tags).
#[test]
fn the_tokenizer_agrees_with_quick_xml() {
    use cydlint::read::xmltok::first_difference;
    let files = crate::common::fixture_and_corpus_files("corpus");
    let mut read = 0;
    for f in &files {
        let Ok(text) = std::fs::read_to_string(f) else {
            continue;
        };
        read += 1;
        assert_eq!(first_difference(&text), None, "{}", f.display());
    }
    assert!(read > 50, "only {read} files read");

    // Generated markup: random sequences of fragments, seeded so a failure reproduces.
    const PIECES: &[&str] = &[
        "<a",
        "<ix:nonFraction",
        "</a>",
        "</a >",
        "</",
        ">",
        "/>",
        "/",
        " ",
        "\n\t",
        "b=\"1\"",
        "c='2'",
        "d=3",
        "e",
        "=",
        "\"",
        "'",
        "&amp;",
        "&",
        ";",
        "&#x41;",
        "text",
        "é",
        "<!--",
        "-->",
        "--",
        "<![CDATA[",
        "]]>",
        "<?pi",
        "?>",
        "<?xml",
        "<!DOCTYPE",
        "<!doctype x [",
        "]",
        "<!ENTITY",
        "<!",
        "<>",
        "< ",
        "\u{feff}",
        "x=\"a>b\"",
        "y='\"'",
        "f\"=",
        "g'='",
    ];
    let mut next = crate::common::rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..20_000 {
        let len = next(24);
        let doc: String = (0..len).map(|_| PIECES[next(PIECES.len())]).collect();
        assert_eq!(first_difference(&doc), None, "input {doc:?}");
    }
    // Well-formed constructs with one character put in a random place: the near misses a
    // tokenizer's fast path must hand on, not misread.
    const SPECIAL: &[u8] = b"\"'<>&;/= \n!?-[]";
    for _ in 0..20_000 {
        let mut doc = String::new();
        for _ in 0..next(6) {
            let mut item = match next(7) {
                0 => "<p class=\"a\" style='b:c'>".to_owned(),
                1 => "<ix:nonNumeric name=\"d:x\" contextRef=\"c\"/>".to_owned(),
                2 => "</ix:nonNumeric >".to_owned(),
                3 => "text &amp; &#160;more".to_owned(),
                4 => "<!-- note -->".to_owned(),
                5 => "<![CDATA[a<b]]>".to_owned(),
                _ => "<?pi data?>".to_owned(),
            };
            if next(2) == 0 {
                let at = next(item.len() + 1);
                let c = SPECIAL[next(SPECIAL.len())];
                item.insert(at, c as char);
            }
            doc.push_str(&item);
        }
        assert_eq!(first_difference(&doc), None, "input {doc:?}");
    }
}

/// A file that starts with two byte order marks (the source layer removes one, the reader
/// skips the other): spans still point at the right bytes.
#[test]
fn a_second_byte_order_mark_keeps_spans_exact() {
    let doc = r#"<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL" xmlns:dei="http://xbrl.sec.gov/dei/2025"><body><p><ix:nonNumeric name="dei:DocumentType" contextRef="c">10-K</ix:nonNumeric></p></body></html>"#;
    let mut bytes = "\u{feff}\u{feff}".as_bytes().to_vec();
    bytes.extend_from_slice(doc.as_bytes());
    let f = cydlint::read::read_sources(vec![cydlint::source::SourceFile::from_bytes(
        "bom.htm".into(),
        bytes.clone(),
    )]);
    assert_eq!(f.facts.len(), 1);
    let sp = f.facts[0].span;
    assert!(
        bytes[sp.start..sp.end].starts_with(b"<ix:nonNumeric name=\"dei:DocumentType\""),
        "{:?}",
        String::from_utf8_lossy(&bytes[sp.start..sp.end])
    );
    assert!(bytes[sp.start..sp.end].ends_with(b"</ix:nonNumeric>"));
}

/// A filing read after another on the same thread (into its buffers) reads exactly as one
/// read on a fresh thread.
#[test]
fn a_filing_read_into_recycled_buffers_reads_the_same() {
    let big = fixture("examples/example-10k.htm");
    let small = fixture("ixbrl/features.xhtml");
    let describe = |f: &cydlint::filing::Filing| {
        (
            format!("{:?}", f.facts),
            f.text.text.clone(),
            (0..f.text.text.len())
                .step_by(7)
                .map(|i| f.text.span(i..i + 1))
                .collect::<Vec<_>>(),
        )
    };
    let fresh = {
        let small = small.clone();
        std::thread::spawn(move || describe(&read(&[&small])))
            .join()
            .unwrap()
    };
    drop(read(&[&big]));
    let recycled = read(&[&small]);
    assert!(
        recycled.facts.capacity() > recycled.facts.len(),
        "buffers reused"
    );
    assert_eq!(describe(&recycled), fresh);
}

/// An XBRL instance read without ../shared: items with contexts and units, a flag, a text
/// block of escaped XHTML whose text maps back into the escapes, attribute values with
/// entities (namespace declarations included: XML decodes them), and an item whose attributes
/// go on after a malformed one (read as the Inline XBRL reader reads them).
#[test]
fn an_instance_reads_items_text_blocks_and_attributes() {
    let xml = r#"<?xml version="1.0" encoding="utf-8"?>
<xbrli:xbrl xmlns:xbrli="http://www.xbrl.org/2003/instance" xmlns:iso4217="http://www.xbrl.org/2003/iso4217" xmlns:cyd="http://xbrl.sec.gov/cyd/2025" xmlns:us-gaap="http://fasb.org/us-gaap/2025" xmlns:odd="http://example.com/a&amp;b">
<xbrli:context id="c-1"><xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">1</xbrli:identifier></xbrli:entity><xbrli:period><xbrli:instant>2025-12-31</xbrli:instant></xbrli:period></xbrli:context>
<xbrli:unit id="usd"><xbrli:measure>iso4217:USD</xbrli:measure></xbrli:unit>
<cyd:CybersecurityRiskManagementProcessesIntegratedFlag contextRef="c-1" id="f&amp;1">true</cyd:CybersecurityRiskManagementProcessesIntegratedFlag>
<us-gaap:Revenues contextRef="c-1" bogus unitRef="usd" decimals="-6">1000</us-gaap:Revenues>
<odd:Thing contextRef="c-1">x</odd:Thing>
<cyd:CybersecurityRiskRoleOfManagementTextBlock contextRef="c-1">&lt;p&gt;Our CISO &amp;amp; team report&lt;/p&gt;&lt;p&gt;quarterly.&lt;/p&gt;</cyd:CybersecurityRiskRoleOfManagementTextBlock>
</xbrli:xbrl>"#;
    let f = cydlint::read::read_sources(vec![cydlint::source::SourceFile::from_bytes(
        "i.xml".into(),
        xml.as_bytes().to_vec(),
    )]);
    assert_eq!(f.kind, Some(cydlint::filing::InputKind::Instance));
    let flag = by_id(&f, "f&1");
    assert_eq!(flag.boolean, Some(true));
    let rev = f
        .facts
        .iter()
        .find(|x| &*x.concept.local_name == "Revenues")
        .unwrap();
    assert_eq!(rev.context.as_deref(), Some("c-1"));
    assert_eq!(
        rev.unit.as_deref(),
        Some("usd"),
        "read after the malformed attribute"
    );
    assert_eq!(rev.value.as_deref(), Some("1000"));
    let odd = f
        .facts
        .iter()
        .find(|x| &*x.concept.local_name == "Thing")
        .unwrap();
    assert_eq!(&*odd.concept.namespace, "http://example.com/a&b");
    let role = f
        .facts
        .iter()
        .find(|x| &*x.concept.local_name == "CybersecurityRiskRoleOfManagementTextBlock")
        .unwrap();
    let text = role.text().unwrap();
    assert_eq!(
        text.split_whitespace().collect::<Vec<_>>().join(" "),
        "Our CISO & team report quarterly."
    );
    let at = text.find("CISO").unwrap();
    let sp = f.fact_text_span(role, at..at + 4).unwrap();
    assert_eq!(&xml[sp.start..sp.end], "CISO");
    let amp = text.find('&').unwrap();
    let sp = f.fact_text_span(role, amp..amp + 1).unwrap();
    assert_eq!(
        &xml[sp.start..sp.end],
        "&amp;amp;",
        "the escaped entity, whole"
    );
    assert!(f.contexts.contains_key("c-1") && f.units.contains_key("usd"));
}

/// The sentence segmentation's fast path gives `unicode-segmentation`'s boundaries on every
/// line of real text: the text layer and every text block of each fixture and corpus filing.
#[test]
fn sentence_bounds_agree_with_unicode_segmentation_on_real_text() {
    use unicode_segmentation::UnicodeSegmentation;
    let mut lines = 0;
    for p in crate::common::fixture_and_corpus_files("corpus/filings") {
        let f = cydlint::read::read_set(std::slice::from_ref(&p));
        let texts = std::iter::once(f.text.text.clone()).chain(
            f.facts
                .iter()
                .filter_map(|x| x.text().map(|t| t.to_string())),
        );
        for t in texts {
            for line in t.split_inclusive('\n') {
                let expected: Vec<(usize, &str)> = line.split_sentence_bound_indices().collect();
                assert_eq!(
                    cydlint::filing::sentence::bounds(line),
                    expected,
                    "{}: {line:?}",
                    p.display()
                );
                lines += 1;
            }
        }
    }
    assert!(lines > 1_000, "only {lines} lines");
}
