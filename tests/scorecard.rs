//! The scorecard: the seed's and every corpus filing's card checked row by row (status and the
//! findings behind it, reviewed by hand against docs/corpus-review.md), every location checked
//! against the source bytes, the JSON and Markdown forms by snapshot, and the HTML opened in a
//! real headless browser whose screenshot must show the matrix's colours.

use std::io::Read;
use std::path::{Path, PathBuf};

use cydlint::ExitStatus;
use cydlint::engine::{self, Options};
use cydlint::scorecard::{self, ANNUAL, Scorecard, Status};
use regex::Regex;

use crate::common::{fixture, root, run, shared, visible_source};

/// The seed, then the corpus filings in name order.
fn inputs(shared: &Path) -> Vec<PathBuf> {
    let mut v = vec![shared.join("seed/000_99cef1e4d75e2783.txt")];
    let mut dirs: Vec<_> = std::fs::read_dir(shared.join("corpus/filings"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    v.extend(dirs);
    v
}

/// Per filing: the marks of the twelve Item 106 rows in order, and the findings behind them as
/// `row-key RULE`. Reasons, row by row:
/// - seed: three text blocks start mid-sentence (TXT-001: integration, material effect,
///   committee); the "process for informing the board" block says only "board of directors"
///   and the expertise block only "Mr. Dong" (FACT-010; X-015 too). Form not stated, so the
///   rows carry both 106 and 16K paragraphs.
/// - aapl, ma: the "not materially affected" flag hedges ("reasonably likely", X-011); the
///   info-level notes do not lower a row.
/// - abbv: only the processes block is tagged; every other row is answered in untagged text
///   (⚠), eight with the rule that asks for the tag.
/// - crm, crsr (XBRL instance), ko: every row tagged, nothing reported.
/// - v: fiscal 2024, before tagging: every row answered in the text is ✓.
/// - wfc: Item 1C points to the annual report (APP-008 says it was not checked); nothing
///   answers any row.
/// - abbv's "informing management" row: its text speaks of an incident response plan with
///   "escalation timelines", never of who in management is informed: no answer (✗).
/// - ma: the expertise block is a hiring policy that describes no one (X-015).
fn expected(name: &str) -> (&'static str, Vec<&'static str>) {
    match name {
        "000_99cef1e4d75e2783.txt" => (
            "✓⚠✓✓⚠✓⚠⚠✓⚠✓✓",
            vec![
                "integration CYD-TXT-001",
                "material-effect CYD-TXT-001",
                "committee CYD-TXT-001",
                "informing-board CYD-FACT-010",
                "expertise CYD-FACT-010",
                "expertise CYD-X-015",
                "committee CYD-X-026",
            ],
        ),
        "aapl_10k_fy2025" => (
            "✓✓✓✓⚠✓✓✓✓✓✓✓",
            vec!["material-effect CYD-X-011", "material-effect CYD-TXT-006"],
        ),
        // How management is informed: answered only in untagged text ("a security incident
        // management and reporting protocol, with escalation timelines and responsibilities").
        "abbv_10k" => (
            "✓⚠⚠⚠⚠⚠⚠⚠⚠⚠⚠⚠",
            vec![
                "integration CYD-106B1-002",
                "third-parties CYD-106B1-003",
                "vendor-oversight CYD-106B1-004",
                "material-effect CYD-106B2-001",
                "board CYD-106C1-001",
                "positions CYD-106C2-001",
                "positions CYD-106C2-002",
                "reporting-to-board CYD-106C2-003",
            ],
        ),
        "crm_10k" | "crsr_xbrl_instance" | "ko_10k" | "v_10k_fy2024_pre_tagging" => {
            ("✓✓✓✓✓✓✓✓✓✓✓✓", vec![])
        }
        "ma_10k" => (
            "✓✓✓✓⚠✓✓✓✓⚠✓✓",
            vec![
                "expertise CYD-X-015",
                "material-effect CYD-X-011",
                "material-effect CYD-TXT-005",
                "committee CYD-X-025",
                "informing-board CYD-X-025",
            ],
        ),
        "wfc_10k" => ("✗✗✗✗✗✗✗✗✗✗✗✗", vec![]),
        other => panic!("a corpus filing without a reviewed scorecard: {other}"),
    }
}

fn card_of(paths: &[PathBuf]) -> (cydlint::filing::Filing, engine::Outcome, Scorecard) {
    let rules = cydlint::rules::load::load(&[], false).unwrap();
    let filing = cydlint::read::read_set(paths);
    let out = engine::run(&rules, &filing, &Options::default());
    let card = scorecard::build(&filing, &out, &rules, None);
    (filing, out, card)
}

/// The scorecard read through the claim rules' analyses (`engine::run_keeping_said`, then
/// `scorecard::build_with`, as the `scorecard` command builds it) is the card `build` makes
/// analysing every sentence itself, on the seed and every corpus filing, and on the fixtures.
#[test]
fn a_card_read_through_the_claim_rules_memo_is_the_card_read_afresh() {
    let rules = cydlint::rules::load::load(&[], false).unwrap();
    let mut inputs: Vec<PathBuf> = shared().map(|s| inputs(&s)).unwrap_or_default();
    inputs.extend(
        std::fs::read_dir(fixture("ixbrl"))
            .unwrap()
            .map(|e| e.unwrap().path()),
    );
    assert!(!inputs.is_empty());
    for input in inputs {
        let filing = cydlint::read::read_set(std::slice::from_ref(&input));
        let (out, memo) = engine::run_keeping_said(&rules, &filing, &Options::default());
        for form in [None, Some("20-F")] {
            let afresh = scorecard::build(&filing, &out, &rules, form);
            let through = scorecard::build_with(&filing, &out, &rules, form, &memo);
            assert_eq!(
                format!("{through:?}"),
                format!("{afresh:?}"),
                "{} {form:?}",
                input.display()
            );
        }
    }
}

#[test]
fn scorecards_of_the_seed_and_corpus_are_right_row_by_row() {
    let Some(shared) = shared() else { return };
    let inputs = inputs(&shared);
    assert_eq!(inputs.len(), 9);
    for input in inputs {
        let name = input.file_name().unwrap().to_str().unwrap().to_string();
        let set = cydlint::discover::document_sets(std::slice::from_ref(&input), false).unwrap();
        let (filing, out, card) = card_of(&set[0]);
        let (marks, findings) = expected(&name);
        let got: String = card.rows.iter().map(|r| r.status.mark()).collect();
        assert_eq!(got, marks, "{name}: row marks");
        let mut got: Vec<String> = card
            .rows
            .iter()
            .flat_map(|r| {
                r.findings
                    .iter()
                    .map(move |f| format!("{} {}", r.key, f.rule))
            })
            .collect();
        let mut want: Vec<String> = findings.iter().map(|s| s.to_string()).collect();
        got.sort();
        want.sort();
        assert_eq!(got, want, "{name}: findings per row");
        // Nothing lost: every finding of `check` is in a row or among the others.
        let placed = card.rows.iter().map(|r| r.findings.len()).sum::<usize>() + card.other.len();
        assert_eq!(placed, out.findings.len(), "{name}: findings placed");
        assert_eq!(card.rows.len(), ANNUAL.len());
        let tagged_rows = card.rows.iter().filter(|r| !r.tagged.is_empty()).count();
        match name.as_str() {
            "v_10k_fy2024_pre_tagging" => {
                assert!(!card.tagging_expected);
                assert_eq!(tagged_rows, 0);
                assert!(card.rows.iter().all(|r| r.text.is_some()), "{name}");
            }
            "wfc_10k" => {
                assert_eq!(tagged_rows, 0);
                assert!(card.rows.iter().all(|r| r.text.is_none()), "{name}");
                assert_eq!(
                    card.other.len(),
                    1,
                    "{name}: CYD-APP-008 is outside the rows"
                );
            }
            "abbv_10k" => assert_eq!(tagged_rows, 1, "{name}"),
            _ => assert_eq!(tagged_rows, 12, "{name}"),
        }
        if name.ends_with(".txt") {
            assert_eq!(card.form, "form not stated");
            assert_eq!(card.rows[0].paragraph, "106(b)(1) / 16K(b)(1)");
            let ib = &card.rows[7];
            assert_eq!(ib.key, "informing-board");
            assert_eq!(ib.tagged[0].value, "board of directors");
            // Named as the 20-F it is, the rows carry the Item 16K paragraphs only.
            let rules = cydlint::rules::load::load(&[], false).unwrap();
            let as_20f = scorecard::build(&filing, &out, &rules, Some("20-F"));
            assert_eq!(as_20f.form, "20-F");
            assert_eq!(as_20f.rows[0].paragraph, "16K(b)(1)");
            assert_eq!(as_20f.rows[11].paragraph, "16K(c)(2)(iii)");
        } else {
            assert_eq!(card.form, "10-K", "{name}");
            assert_eq!(card.rows[0].paragraph, "106(b)(1)");
        }
        // Locations point at the words: a tagged text's excerpt is what the source shows
        // there, and a text answer's span matches the row's pattern.
        for (r, req) in card.rows.iter().zip(ANNUAL) {
            for t in &r.tagged {
                let file = filing
                    .files
                    .iter()
                    .find(|f| f.name() == t.location.file)
                    .unwrap();
                let fact = filing
                    .facts
                    .iter()
                    .find(|f| f.span.start == t.location.start && f.span.end == t.location.end)
                    .expect("a tagged location is a fact's element");
                let mut shown = String::new();
                for sp in std::iter::once(&fact.span).chain(fact.continuations()) {
                    let part = &filing.files[sp.file].bytes()[sp.start..sp.end];
                    shown.push_str(&visible_source(part));
                    shown.push(' ');
                }
                // Compared without white space: the independent decoder puts a space at every
                // tag, where the reader follows inline markup.
                let shown: String = shown.split_whitespace().collect();
                if !name.ends_with(".txt") {
                    let tag = &file.bytes()[t.location.start..];
                    let open = &tag[..tag.iter().position(|b| *b == b'>').unwrap()];
                    let local = t.concept.trim_start_matches("cyd:");
                    assert!(
                        String::from_utf8_lossy(open).contains(local),
                        "{name}: the location of {local} is not its element"
                    );
                }
                let head: String = t
                    .value
                    .trim_end_matches('…')
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .take(40)
                    .collect();
                if !matches!(t.value.as_str(), "true" | "false") {
                    assert!(
                        shown.contains(&head),
                        "{name} {}: {head:?} not in {shown:.200}",
                        r.key
                    );
                }
            }
            if let Some(a) = &r.text {
                let file = filing
                    .files
                    .iter()
                    .find(|f| f.name() == a.location.file)
                    .unwrap();
                let shown = visible_source(&file.bytes()[a.location.start..a.location.end]);
                if req.topics.is_empty() {
                    let re = Regex::new(req.text).unwrap();
                    let sentence_re = Regex::new(&format!("^(?:{})$", req.text)).unwrap();
                    assert!(
                        re.is_match(&shown) && sentence_re.is_match(&shown),
                        "{name} {}: {shown:?}",
                        r.key
                    );
                } else {
                    // The located words are the claim's evidence, inside the quoted sentence,
                    // and the sentence (when quoted whole) makes the claim.
                    let first = shown.split_whitespace().next().unwrap_or("");
                    assert!(
                        !first.is_empty() && a.excerpt.contains(first),
                        "{name} {}: {shown:?} / {}",
                        r.key,
                        a.excerpt
                    );
                    if !a.excerpt.ends_with('…') && !a.excerpt.starts_with('…') {
                        // Read as the scorecard reads it: in place, inside Item 1C / 16K,
                        // where the place says the sentence is about cybersecurity.
                        let lex = cydlint::claims::builtin();
                        let claims = lex.in_sentence_in_place(&a.excerpt);
                        assert!(
                            claims
                                .iter()
                                .any(|c| req.topics.iter().any(|t| lex.topic(t) == Some(c.topic))),
                            "{name} {}: {}",
                            r.key,
                            a.excerpt
                        );
                    }
                }
            }
        }
    }
}

/// The run's own facts out of a report: the shared folder, the time, the rule pack's
/// fingerprint (which changes with every rule edit).
fn normalize(out: &str, shared: &Path) -> String {
    let out = out.replace(shared.to_str().unwrap(), "<shared>");
    let date = regex::Regex::new(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ").unwrap();
    let pack = regex::Regex::new(r#"(pack |"fingerprint": ")[0-9a-f]{16}"#).unwrap();
    let out = date.replace_all(&out, "<DATE>");
    pack.replace_all(&out, "${1}<PACK>").into_owned()
}

fn snapshot(name: &str, got: &str) {
    let snap = root().join("tests/snapshots").join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&snap, got).unwrap();
    }
    let expected = std::fs::read_to_string(&snap).unwrap_or_default();
    assert!(
        got == expected,
        "{name} changed (UPDATE_SNAPSHOTS=1 cargo test rewrites it); first difference at line {}",
        got.lines()
            .zip(expected.lines())
            .position(|(a, b)| a != b)
            .map_or(got.lines().count().min(expected.lines().count()) + 1, |i| i
                + 1)
    );
}

fn args_for(shared: &Path, format: &str) -> Vec<String> {
    let mut v: Vec<String> = ["scorecard", "--no-config", "--format", format]
        .iter()
        .map(|s| s.to_string())
        .collect();
    v.extend(
        inputs(shared)
            .iter()
            .map(|p| p.to_str().unwrap().to_string()),
    );
    v
}

#[test]
fn json_and_markdown_scorecards_match_their_snapshots() {
    let Some(shared) = shared() else { return };
    for (format, snap) in [("json", "scorecard.json"), ("markdown", "scorecard.md")] {
        let args = args_for(&shared, format);
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        let (status, out, err) = run(&refs);
        assert_eq!(status, ExitStatus::Success, "{err}");
        snapshot(snap, &normalize(&out, &shared));
        if format == "json" {
            let v: serde_json::Value = serde_json::from_str(&out).unwrap();
            let cards = &v["filings"];
            assert_eq!(cards.as_array().unwrap().len(), 9);
            assert_eq!(cards[1]["rows"][4]["status"], "warn");
            assert_eq!(cards[8]["other"][0]["rule"], "CYD-APP-008");
        } else {
            assert!(out.contains("## Peer comparison"));
            assert!(out.contains("| WELLS FARGO & COMPANY/MN | ✗ | ✗ |"));
        }
    }
}

#[test]
fn incident_rows_follow_item_105_and_findings_go_to_their_element() {
    let fail = fixture("rules/CYD-8K-002/fail/nature-only.htm");
    let (_, _, card) = card_of(&[fail]);
    assert_eq!(card.form, "8-K");
    let keys: Vec<&str> = card.rows.iter().map(|r| r.key).collect();
    assert_eq!(keys, ["nature", "scope", "timing", "impact"]);
    let marks: String = card.rows.iter().map(|r| r.status.mark()).collect();
    // Nature is tagged; the other three are answered only in the text, each with the one
    // CYD-8K-002 finding about its own element.
    assert_eq!(marks, "✓⚠⚠⚠");
    assert!(card.rows[0].findings.is_empty());
    for r in &card.rows[1..] {
        assert_eq!(r.findings.len(), 1, "{}", r.key);
        assert_eq!(r.findings[0].rule, "CYD-8K-002");
    }
}

#[test]
fn drafts_are_answered_by_their_text() {
    let draft = fixture("rules/CYD-DRAFT-001/pass/board-described.md");
    let (_, out, card) = card_of(&[draft]);
    assert!(!card.tagging_expected);
    let board = card.rows.iter().find(|r| r.key == "board").unwrap();
    assert!(board.text.is_some());
    assert!(board.findings.is_empty(), "{:?}", out.findings);
    assert_eq!(board.status, Status::Pass);
}

/// A browser: `$CYDLINT_BROWSER`, else chromium, chromium-browser, google-chrome on PATH.
pub(crate) fn browser() -> Option<PathBuf> {
    if let Some(b) = std::env::var_os("CYDLINT_BROWSER") {
        return Some(PathBuf::from(b));
    }
    let path = std::env::var_os("PATH")?;
    [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ]
    .iter()
    .flat_map(|n| std::env::split_paths(&path).map(move |d| d.join(n)))
    .find(|p| p.is_file())
}

/// Decodes an 8-bit RGB or RGBA, non-interlaced PNG (what Chromium writes) into RGB pixels.
pub(crate) fn decode_png(bytes: &[u8]) -> (usize, usize, Vec<[u8; 3]>) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    let (mut w, mut h, mut channels) = (0usize, 0usize, 0usize);
    let mut idat = Vec::new();
    let mut i = 8;
    while i + 8 <= bytes.len() {
        let len = u32::from_be_bytes(bytes[i..i + 4].try_into().unwrap()) as usize;
        let kind = &bytes[i + 4..i + 8];
        let data = &bytes[i + 8..i + 8 + len];
        match kind {
            b"IHDR" => {
                w = u32::from_be_bytes(data[0..4].try_into().unwrap()) as usize;
                h = u32::from_be_bytes(data[4..8].try_into().unwrap()) as usize;
                assert_eq!(data[8], 8, "bit depth");
                channels = match data[9] {
                    2 => 3,
                    6 => 4,
                    t => panic!("colour type {t}"),
                };
                assert_eq!(data[12], 0, "interlaced");
            }
            b"IDAT" => idat.extend_from_slice(data),
            _ => {}
        }
        i += 12 + len;
    }
    let mut raw = Vec::new();
    flate2::read::ZlibDecoder::new(&idat[..])
        .read_to_end(&mut raw)
        .unwrap();
    let stride = w * channels;
    let mut prev = vec![0u8; stride];
    let mut px = Vec::with_capacity(w * h);
    for y in 0..h {
        let line = &raw[y * (stride + 1)..(y + 1) * (stride + 1)];
        let mut cur = line[1..].to_vec();
        for x in 0..stride {
            let a = if x >= channels {
                cur[x - channels] as i32
            } else {
                0
            };
            let b = prev[x] as i32;
            let c = if x >= channels {
                prev[x - channels] as i32
            } else {
                0
            };
            let add = match line[0] {
                0 => 0,
                1 => a,
                2 => b,
                3 => (a + b) / 2,
                4 => {
                    let p = a + b - c;
                    let (pa, pb, pc) = ((p - a).abs(), (p - b).abs(), (p - c).abs());
                    if pa <= pb && pa <= pc {
                        a
                    } else if pb <= pc {
                        b
                    } else {
                        c
                    }
                }
                f => panic!("filter {f}"),
            };
            cur[x] = (cur[x] as i32 + add) as u8;
        }
        for p in cur.chunks(channels) {
            px.push([p[0], p[1], p[2]]);
        }
        prev = cur;
    }
    (w, h, px)
}

/// `html` opened in the headless browser at `size` and its screenshot decoded (width, height,
/// pixels); None, after saying so on stderr, where no browser exists (`.ci/run` installs
/// chromium; `CYDLINT_BROWSER` names another).
pub(crate) fn screenshot(
    html: &str,
    name: &str,
    size: (u32, u32),
    what: &str,
) -> Option<(usize, usize, Vec<[u8; 3]>)> {
    let Some(browser) = browser() else {
        eprintln!(
            "note: no headless browser (chromium) found; skipping {what} check \
             (.ci/run installs chromium; CYDLINT_BROWSER names another)"
        );
        return None;
    };
    let dir = crate::common::tempdir(name);
    let page = dir.join(format!("{name}.html"));
    std::fs::write(&page, html).unwrap();
    let shot = dir.join("shot.png");
    let status = std::process::Command::new(&browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
        ])
        .arg(format!("--window-size={},{}", size.0, size.1))
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("file://{}", page.display()))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("the browser starts");
    assert!(status.success(), "{} failed: {status}", browser.display());
    let decoded = decode_png(&std::fs::read(&shot).unwrap());
    let _ = std::fs::remove_dir_all(&dir);
    Some(decoded)
}

#[test]
fn html_scorecard_renders_in_a_headless_browser() {
    let Some(shared) = shared() else { return };
    let args = args_for(&shared, "html");
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let (status, html, _) = run(&refs);
    assert_eq!(status, ExitStatus::Success);
    // Self-contained: nothing fetched.
    for banned in ["http://", "https://", "<link", "<script", "@import", "src="] {
        assert!(!html.contains(banned), "the page refers to {banned}");
    }
    assert!(html.contains("<table class=\"matrix\">"));
    assert!(html.contains("@media print"));
    let Some((w, h, px)) = screenshot(&html, "scorecard", (1400, 900), "the HTML rendering") else {
        return;
    };
    assert_eq!((w, h), (1400, 900));
    // The matrix is at the top of the page: count its cells' colours in the screenshot.
    let near = |p: [u8; 3], c: [u8; 3]| {
        p.iter()
            .zip(c)
            .all(|(a, b)| (*a as i32 - b as i32).abs() <= 6)
    };
    let count = |c: [u8; 3]| px.iter().filter(|p| near(**p, c)).count();
    let (pass, warn, fail) = (
        count([0xd7, 0xf0, 0xdd]),
        count([0xff, 0xf1, 0xc2]),
        count([0xf9, 0xd6, 0xd5]),
    );
    // 9 filings × 12 requirements: most cells ✓, about as many ⚠ as ✗ (Wells Fargo's twelve
    // ✗; the seed's and AbbVie's ⚠), plus the legend; each
    // cell is thousands of pixels, so the proportions show the matrix as it is.
    assert!(pass > 100_000, "pass-coloured pixels: {pass}");
    assert!(warn > 20_000, "warn-coloured pixels: {warn}");
    assert!(fail > 10_000, "fail-coloured pixels: {fail}");
    assert!(pass > warn && pass > fail, "{pass} {warn} {fail}");
}

/// Every form of the scorecard says which cydlint made it, when, with which rules and from
/// which inputs.
#[test]
fn every_scorecard_format_states_its_provenance() {
    let doc = "fixtures/examples/example-10k.htm";
    let (_, rules_json, _) = run(&["rules", "--format", "json"]);
    let count = serde_json::from_str::<serde_json::Value>(&rules_json)
        .unwrap()
        .as_array()
        .unwrap()
        .len();
    let version = env!("CARGO_PKG_VERSION");
    let date = regex::Regex::new(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ").unwrap();
    let fp = regex::Regex::new(r"[0-9a-f]{16}").unwrap();
    let mut fingerprints = Vec::new();
    for format in ["terminal", "markdown", "html", "json"] {
        let (status, out, err) = run(&["scorecard", "--no-config", "--format", format, doc]);
        assert_eq!(status, ExitStatus::Success, "{err}");
        assert!(
            out.contains(&format!("cydlint {version}"))
                || out.contains(&format!("\"cydlint\": \"{version}\"")),
            "{format}: {out}"
        );
        assert!(date.is_match(&out), "{format}: a date");
        assert!(out.contains(doc), "{format}: the input");
        assert!(
            out.contains(&format!("{count} rules")) || out.contains(&format!("\"count\": {count}")),
            "{format}"
        );
        fingerprints.push(
            fp.find(&out)
                .map(|m| m.as_str().to_string())
                .unwrap_or_default(),
        );
    }
    assert!(
        fingerprints
            .iter()
            .all(|f| f.len() == 16 && f == &fingerprints[0]),
        "{fingerprints:?}"
    );
    // Another pack, another fingerprint.
    let (_, out, _) = run(&[
        "scorecard",
        "--no-config",
        "--format",
        "json",
        "--no-builtin",
        doc,
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["provenance"]["rules"]["count"], 0);
    assert_ne!(
        v["provenance"]["rules"]["fingerprint"],
        fingerprints[0].as_str()
    );
    assert_eq!(v["provenance"]["inputs"], serde_json::json!([doc]));
}
