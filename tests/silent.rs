//! Nothing fails silently: rule packs that cannot do what they say are load errors with a
//! span, baselines count, user rules link only to their own docs.

use std::path::{Path, PathBuf};

use cydlint::ExitStatus;
use cydlint::rules;

use crate::common::{run, tempdir};

/// A pack folder `name` with these rule files (id, the rule's lines after `id`).
fn pack(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = tempdir(name);
    for (id, body) in files {
        std::fs::write(dir.join(format!("{id}.yaml")), format!("id: {id}\n{body}")).unwrap();
    }
    dir
}

/// A plain-text draft with these sentences, in `dir`.
fn draft(dir: &Path, text: &str) -> PathBuf {
    let p = dir.join("draft.txt");
    std::fs::write(&p, format!("Item 1C. Cybersecurity\n\n{text}\n")).unwrap();
    p
}

const WIDGET: &str = "name: widget\ntitle: t\nseverity: warning\ncheck: {kind: text-match, scope: document, patterns: ['acquired a widget']}\n";

/// The load errors of a pack, as `file:line:col: message` lines.
fn load_errors(dir: &Path) -> Vec<String> {
    match rules::load::load(&[dir.to_path_buf()], true) {
        Ok(_) => Vec::new(),
        Err(e) => e.0.iter().map(|e| e.to_string()).collect(),
    }
}

/// Reproduction 1: a placeholder typo is a load error naming the valid placeholders and the
/// nearest one, and `rules` and `check` exit 2.
#[test]
fn a_placeholder_typo_is_a_load_error() {
    let dir = pack(
        "placeholder-typo",
        &[(
            "MY-001",
            &format!("{WIDGET}message: \"{{conept}} says {{matchd}}\"\n"),
        )],
    );
    let errors = load_errors(&dir);
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(
        errors[0].contains("MY-001.yaml:6:11:")
            && errors[0].contains("unknown placeholder `{conept}`")
            && errors[0].contains("did you mean `{concept}`?")
            && errors[0].contains("{severityVerb}, {concept}, {form}, {matched}"),
        "{errors:#?}"
    );
    assert!(
        errors[1].contains("MY-001.yaml:6:25:") && errors[1].contains("did you mean `{matched}`?"),
        "{errors:#?}"
    );
    let d = dir.to_str().unwrap();
    let (status, out, err) = run(&["rules", "--rules", d]);
    assert_eq!(status, ExitStatus::Error, "{out}{err}");
    assert!(err.contains("{conept}"), "{err}");
    let filing = draft(&dir, "We acquired a widget.");
    let (status, out, err) = run(&[
        "check",
        "--no-config",
        "--rules",
        d,
        filing.to_str().unwrap(),
    ]);
    assert_eq!(status, ExitStatus::Error, "{out}{err}");
    assert!(!out.contains("{conept}"), "{out}");
    // A placeholder that only another kind fills says so.
    std::fs::write(
        dir.join("MY-001.yaml"),
        format!("id: MY-001\n{WIDGET}message: \"cue {{cue}}\"\n"),
    )
    .unwrap();
    let errors = load_errors(&dir);
    assert!(
        errors.len() == 1
            && errors[0].contains(
                "`{cue}` in `message` is filled only by `claim` checks, not `text-match`"
            ),
        "{errors:#?}"
    );
    // Spelled right, the rule loads and fills its message.
    std::fs::write(
        dir.join("MY-001.yaml"),
        format!("id: MY-001\n{WIDGET}message: \"{{concept}} says {{matched}}; {{form}} {{severityVerb}}\"\n"),
    )
    .unwrap();
    let (status, out, err) = run(&[
        "check",
        "--no-config",
        "--format",
        "concise",
        "--rules",
        d,
        filing.to_str().unwrap(),
    ]);
    assert_eq!(status, ExitStatus::Success, "{out}{err}");
    assert!(
        out.contains("warning[MY-001]: the concept says acquired a widget; the filing should"),
        "{out}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// 2,400 words of twenty letters: a guard list too large to compile under the size limit.
fn long_words(n: usize) -> String {
    let mut next = crate::common::rng(0x9a4d);
    (0..n)
        .map(|_| {
            (0..20)
                .map(|_| char::from(b'a' + next(26) as u8))
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reproduction 2: a guard that cannot be built is a load error at the guard, never a rule
/// that runs unguarded; so is an exception list.
#[test]
fn a_guard_that_cannot_be_built_is_a_load_error() {
    let words = long_words(2_400);
    for key in ["words", "except"] {
        let body = format!(
            "name: widget\ntitle: t\nseverity: warning\ncheck:\n  kind: text-match\n  scope: document\n  patterns: ['acquired a widget']\n  not-preceded-by:\n    {key}: [not, {words}]\nmessage: m\n"
        );
        let dir = pack("guard-too-large", &[("MY-002", &body)]);
        let errors = load_errors(&dir);
        assert!(
            errors.len() == 1
                && errors[0].contains("MY-002.yaml:10:")
                && errors[0].contains(&format!("`not-preceded-by.{key}` is too large"))
                && errors[0].contains("regex size limit of 4 MiB"),
            "{key}: {errors:#?}"
        );
        let filing = draft(&dir, "We have not acquired a widget.");
        let d = dir.to_str().unwrap();
        let (status, out, _) = run(&[
            "check",
            "--no-config",
            "--rules",
            d,
            filing.to_str().unwrap(),
        ]);
        assert_eq!(status, ExitStatus::Error, "{out}");
        assert!(!out.contains("MY-002"), "the rule ran: {out}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

/// Every key that takes a pattern, given an invalid and an oversized value: a load error with
/// a span at the value, never a silently weaker rule.
#[test]
fn every_pattern_key_refuses_invalid_and_oversized_values() {
    let huge = "(?:a{1000}){1000}";
    let list = long_words(2_400);
    // (what, the check with VALUE where the value goes, an invalid value, an oversized value,
    // what the error names)
    let cases: &[(&str, &str, &str, &str, &str)] = &[
        (
            "patterns",
            "{kind: text-match, scope: document, patterns: [VALUE]}",
            "'('",
            huge,
            "a pattern",
        ),
        (
            "in-sentence",
            "{kind: text-match, scope: document, patterns: [widget], in-sentence: [VALUE]}",
            "'('",
            huge,
            "an `in-sentence` pattern",
        ),
        (
            "not-preceded-by.words",
            "{kind: text-match, scope: document, patterns: [widget], not-preceded-by: {words: [VALUE]}}",
            "'@no-such-class'",
            &list,
            "`not-preceded-by.words`",
        ),
        (
            "not-preceded-by.except",
            "{kind: text-match, scope: document, patterns: [widget], not-preceded-by: {except: [VALUE]}}",
            "'@guard-exceptoin'",
            &list,
            "`not-preceded-by.except`",
        ),
        (
            "when.text.patterns",
            "{kind: text-match, scope: document, patterns: [widget], when: {text: {scope: document, patterns: [VALUE]}}}",
            "'('",
            huge,
            "a pattern",
        ),
        (
            "namespace",
            "{kind: require-any, namespace: VALUE}",
            "'a)|(b'",
            huge,
            "`namespace`",
        ),
        (
            "local-name",
            "{kind: forbid-fact, local-name: VALUE}",
            "'a)|(b'",
            huge,
            "`local-name`",
        ),
        (
            "fact-value matches",
            "{kind: fact-value, local-name: Flag, matches: VALUE}",
            "'a)|(b'",
            huge,
            "`matches`",
        ),
    ];
    for (key, check, invalid, oversized, what) in cases {
        for (value, problem) in [
            (*invalid, "not a valid regex|no word class"),
            (*oversized, "exceeds the regex size limit of 4 MiB"),
        ] {
            let value = if value.starts_with('\'') || value.contains(", ") {
                value.to_string()
            } else {
                format!("'{value}'")
            };
            let check = check.replace("VALUE", &value);
            let body = format!("name: n\ntitle: t\nseverity: info\ncheck: {check}\nmessage: m\n");
            let dir = pack("pattern-table", &[("MY-T", &body)]);
            let src = format!("id: MY-T\n{body}");
            let errs = match rules::load::load(std::slice::from_ref(&dir), true) {
                Ok(_) => panic!("{key} = {value}: the rule loaded"),
                Err(e) => e.0,
            };
            std::fs::remove_dir_all(&dir).unwrap();
            assert_eq!(errs.len(), 1, "{key} = {value}: {errs:#?}");
            let e = &errs[0];
            assert!(
                e.message.contains(what) && problem.split('|').any(|p| e.message.contains(p)),
                "{key} = {value}: {}",
                e.message
            );
            // The span is the value (or, for a word list, an item of it or the list).
            let at = &src[e.span.clone()];
            assert!(
                !at.is_empty() && (value.contains(at) || at.contains(value.trim_matches('\''))),
                "{key}: the error points at {at:?}, not the value"
            );
        }
    }
}

/// Checks `filing` with the pack `dir` (no built-in rules), in `format`, with extra args.
fn check(dir: &Path, filing: &Path, format: &str, extra: &[&str]) -> (ExitStatus, String, String) {
    let mut args = vec![
        "check",
        "--no-config",
        "--no-builtin",
        "--format",
        format,
        "--rules",
        dir.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    args.push(filing.to_str().unwrap());
    run(&args)
}

/// Reproduction 3: a baseline counts per fingerprint. One finding recorded, a second
/// identical sentence is one new finding; a recorded finding no longer found is a stale
/// entry; a version-1 file (an entry per finding, no counts) is still read as counts.
#[test]
fn baselines_count_findings_per_fingerprint() {
    let dir = pack(
        "baseline-counts",
        &[("MY-003", &format!("{WIDGET}message: \"{{matched}}\"\n"))],
    );
    let base = dir.join("baseline.json");
    let b = base.to_str().unwrap();
    let one = draft(&dir, "We acquired a widget.");
    let (status, _, err) = check(&dir, &one, "concise", &["--write-baseline", b]);
    assert_eq!(status, ExitStatus::Success, "{err}");
    assert!(
        err.contains("wrote 1 finding(s) (1 fingerprint(s))"),
        "{err}"
    );
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&base).unwrap()).unwrap();
    assert_eq!(written["version"], 2);
    assert_eq!(written["findings"][0]["count"], 1);
    let fingerprint = written["findings"][0]["fingerprint"].clone();

    let two = draft(&dir, "We acquired a widget. Later, we acquired a widget.");
    let (_, out, _) = check(&dir, &two, "concise", &["--baseline", b]);
    assert!(
        out.contains("1 finding(s)") && out.contains("1 in the baseline"),
        "{out}"
    );
    assert_eq!(out.matches("warning[MY-003]").count(), 1, "{out}");

    // Recorded with both, the baseline counts two under one fingerprint; back to one
    // sentence, the entry is stale (found 1 of 2), in the text and JSON reports.
    let two = draft(&dir, "We acquired a widget. Later, we acquired a widget.");
    let (_, _, err) = check(&dir, &two, "concise", &["--write-baseline", b]);
    assert!(
        err.contains("wrote 2 finding(s) (1 fingerprint(s))"),
        "{err}"
    );
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&base).unwrap()).unwrap();
    assert_eq!(written["findings"].as_array().unwrap().len(), 1);
    assert_eq!(written["findings"][0]["count"], 2);
    let one = draft(&dir, "We acquired a widget.");
    let (status, out, _) = check(&dir, &one, "concise", &["--baseline", b]);
    assert_eq!(status, ExitStatus::Success);
    assert!(
        out.contains("stale baseline entry: draft.txt: MY-003: acquired a widget (found 1 of 2)")
            && out.contains("0 finding(s)")
            && out.contains("1 in the baseline; 1 stale baseline entry"),
        "{out}"
    );
    let (_, out, _) = check(&dir, &one, "json", &["--baseline", b]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["stale_baseline"].as_array().unwrap().len(), 1, "{v}");
    assert_eq!(v["summary"]["stale_baseline"], 1);

    // The version-1 format: one entry per finding, repeated, no counts.
    let entry = serde_json::json!({"fingerprint": fingerprint, "rule": "MY-003", "file": "draft.txt", "message": "acquired a widget"});
    let v1 = serde_json::json!({"version": 1, "findings": [entry, entry]});
    std::fs::write(&base, v1.to_string()).unwrap();
    let two = draft(&dir, "We acquired a widget. Later, we acquired a widget.");
    let (_, out, _) = check(&dir, &two, "concise", &["--baseline", b]);
    assert!(
        out.contains("0 finding(s)") && out.contains("2 in the baseline") && !out.contains("stale"),
        "{out}"
    );
    let three = draft(
        &dir,
        "We acquired a widget. Then we acquired a widget. Again we acquired a widget.",
    );
    let (_, out, _) = check(&dir, &three, "concise", &["--baseline", b]);
    assert!(
        out.contains("1 finding(s)") && out.contains("2 in the baseline"),
        "{out}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Reproduction 4: a user rule links to no page of cydlint's; it links to its own docs
/// when it (or its pack, in `pack.yaml`) gives them, in every format. Built-in rules keep
/// theirs.
#[test]
fn user_rules_own_their_docs_links() {
    let dir = pack(
        "docs-links",
        &[
            ("MY-005", &format!("{WIDGET}message: \"{{matched}}\"\n")),
            (
                "MY-006",
                "name: gadget\ntitle: t\nseverity: warning\ncheck: {kind: text-match, scope: document, patterns: ['bought a gadget']}\nmessage: m\ndocs-url: https://example.com/own/MY-006\n",
            ),
        ],
    );
    let filing = draft(&dir, "We acquired a widget. We bought a gadget.");
    let urls = |dir: &Path| {
        let (_, out, _) = check(dir, &filing, "json", &[]);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let json: Vec<serde_json::Value> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["docs_url"].clone())
            .collect();
        let (_, out, _) = check(dir, &filing, "sarif", &[]);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let sarif: Vec<serde_json::Value> = v["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.get("helpUri").cloned().unwrap_or(serde_json::Value::Null))
            .collect();
        let (_, human, _) = check(dir, &filing, "human", &[]);
        (json, sarif, human)
    };
    let (json, sarif, human) = urls(&dir);
    let own = serde_json::json!("https://example.com/own/MY-006");
    assert_eq!(json, [serde_json::Value::Null, own.clone()]);
    assert_eq!(sarif, [serde_json::Value::Null, own.clone()]);
    assert!(!human.contains("cydlint/cydlint"), "{human}");
    let (_, out, _) = run(&[
        "rules",
        "--no-builtin",
        "--format",
        "json",
        "--rules",
        dir.to_str().unwrap(),
    ]);
    let listed: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(listed[0]["docs_url"], serde_json::Value::Null);

    // A pack-level link, `{id}` filled; the rule's own still wins.
    std::fs::write(
        dir.join("pack.yaml"),
        "docs-url: https://example.com/pack/{id}.html\nscorecard:\n  processes: [MY-005]\n",
    )
    .unwrap();
    let (json, sarif, _) = urls(&dir);
    let packed = serde_json::json!("https://example.com/pack/MY-005.html");
    assert_eq!(json, [packed.clone(), own.clone()]);
    assert_eq!(sarif, [packed, own]);
    let set = rules::load::load(std::slice::from_ref(&dir), true).unwrap();
    assert_eq!(set.get("MY-005").unwrap().scorecard, ["processes"]);
    assert!(set.get("MY-006").unwrap().scorecard.is_empty());

    // A pack file's mistakes are load errors with spans.
    std::fs::write(
        dir.join("pack.yaml"),
        "docs-url: https://example.com/{rule}\nscorecard:\n  proceses: [MY-005]\n  board: [MY-999]\n",
    )
    .unwrap();
    let errors = load_errors(&dir);
    let want = [
        ("pack.yaml:1:11:", "unknown placeholder `{rule}`"),
        ("pack.yaml:3:3:", "did you mean `processes`?"),
        ("pack.yaml:4:11:", "names `MY-999`, which is no loaded rule"),
    ];
    for (at, what) in want {
        assert!(
            errors.iter().any(|e| e.contains(at) && e.contains(what)),
            "no {what:?} at {at}: {errors:#?}"
        );
    }

    // Built-in rules keep their pages.
    for r in rules::load::load(&[], false).unwrap().iter() {
        assert_eq!(r.docs_url.as_deref(), Some(rules::docs_url(&r.id).as_str()));
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The guard's words and the pointer phrases are the lexicon's word classes: a rule names
/// them (`@guard-negation`), a pack extends them from its `lexicon/` folder, and
/// `cydlint explain` shows them.
#[test]
fn guard_words_are_lexicon_classes_a_pack_can_use_and_extend() {
    let guarded = |words: &str| {
        format!(
            "name: widget\ntitle: t\nseverity: warning\ncheck:\n  kind: text-match\n  scope: document\n  patterns: ['acquired a widget']\n  not-preceded-by: {{within: sentence{words}}}\nmessage: m\n"
        )
    };
    let dir = pack(
        "lexicon-guards",
        &[
            ("MY-007", &guarded("")),
            ("MY-008", &guarded(", words: ['@guard-negation', hardly]")),
        ],
    );
    let filing = draft(
        &dir,
        "We never acquired a widget. We hardly acquired a widget. We scarcely acquired a widget.",
    );
    let fired = |dir: &Path| {
        let (_, out, _) = check(dir, &filing, "json", &[]);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                format!(
                    "{} {}",
                    f["rule"].as_str().unwrap(),
                    f["location"]["column"]
                )
            })
            .collect::<Vec<_>>()
    };
    // "never" is in the default class; "hardly" only in MY-008's list; "scarcely" in neither.
    let before = fired(&dir);
    assert_eq!(
        before.iter().filter(|f| f.starts_with("MY-007")).count(),
        2,
        "{before:?}"
    );
    assert_eq!(
        before.iter().filter(|f| f.starts_with("MY-008")).count(),
        1,
        "{before:?}"
    );
    // The pack adds "scarcely" to the class: both rules' guards now see it.
    std::fs::create_dir_all(dir.join("lexicon")).unwrap();
    std::fs::write(
        dir.join("lexicon/more.yaml"),
        "classes:\n  guard-negation:\n    words: [scarcely]\n",
    )
    .unwrap();
    let after = fired(&dir);
    assert_eq!(
        after.iter().filter(|f| f.starts_with("MY-007")).count(),
        1,
        "{after:?}"
    );
    assert_eq!(
        after.iter().filter(|f| f.starts_with("MY-008")).count(),
        0,
        "{after:?}"
    );
    let (status, out, _) = run(&[
        "explain",
        "--rules",
        dir.to_str().unwrap(),
        "@guard-negation",
    ]);
    assert_eq!(status, ExitStatus::Success);
    assert!(
        out.contains("scarcely") && out.contains("in the event"),
        "{out}"
    );
    let (_, out, _) = run(&["explain", "lexicon"]);
    for class in [
        "@guard-negation",
        "@guard-exception",
        "@see",
        "@presented-in",
    ] {
        assert!(out.contains(class), "{class} not in explain lexicon");
    }
    let (_, out, _) = run(&["explain", "scorecard"]);
    assert!(
        out.contains("`material-effect` (106(b)(2)") && out.contains("CYD-X-008"),
        "{out}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Every docs link cydlint prints for its own rules and for read problems names a page that
/// exists in this repository.
#[test]
fn cydlint_links_only_to_pages_it_has() {
    let prefix = "https://github.com/cydlint/cydlint/blob/main/";
    let root = crate::common::root();
    let mut urls: Vec<String> = rules::load::load(&[], false)
        .unwrap()
        .iter()
        .map(|r| r.docs_url.clone().unwrap())
        .collect();
    urls.push(rules::READ_DOCS_URL.to_owned());
    let (_, out, _) = run(&[
        "check",
        "--no-config",
        "--format",
        "json",
        crate::common::fixture("ixbrl/broken-continuations.xhtml")
            .to_str()
            .unwrap(),
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let read: Vec<&serde_json::Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"].as_str().unwrap().starts_with("read:"))
        .collect();
    assert!(!read.is_empty(), "{out}");
    for f in read {
        urls.push(f["docs_url"].as_str().unwrap().to_owned());
    }
    for u in urls {
        let rel = u.strip_prefix(prefix).unwrap_or_else(|| panic!("{u}"));
        assert!(root.join(rel).is_file(), "{u} names no page");
    }
}
