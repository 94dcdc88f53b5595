//! The rule language and the built-in pack: registry invariants, fixtures, error reporting,
//! user packs end to end, generated docs.

use std::path::{Path, PathBuf};

use cydlint::rules::{self, RuleSet};

use crate::common::{root, tempdir};

fn builtin() -> RuleSet {
    rules::load::load(&[], false).unwrap_or_else(|e| panic!("built-in rules invalid:\n{e}"))
}

#[test]
fn registry_invariants() {
    let set = builtin();
    assert!(set.len() >= 5);
    let files: Vec<PathBuf> = std::fs::read_dir(root().join("rules"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    // Every YAML file but the pack's settings is a rule, embedded.
    assert!(files.iter().any(|p| p.ends_with("rules/pack.yaml")));
    assert_eq!(
        files
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "yaml") && !p.ends_with("pack.yaml"))
            .count(),
        set.len()
    );
    let mut names = std::collections::BTreeSet::new();
    for r in set.iter() {
        assert!(r.builtin);
        assert_eq!(r.path.file_stem().unwrap().to_str(), Some(r.id.as_str()));
        assert!(names.insert(r.name.clone()), "duplicate name {}", r.name);
        assert!(r.id.starts_with("CYD-"), "{}", r.id);
        for (s, body) in [
            ("what", &r.docs.what),
            ("why", &r.docs.why),
            ("example", &r.docs.example),
            ("fix", &r.docs.fix),
        ] {
            assert!(!body.trim().is_empty(), "{}: docs.{s} is empty", r.id);
        }
        assert!(!r.citations.is_empty(), "{}: no citation", r.id);
        assert!(!r.help.is_empty(), "{}: no help", r.id);
        assert!(
            !r.message.ends_with('.'),
            "{}: messages do not end with a period",
            r.id
        );
        assert!(
            cydlint::ruletest::has_fixtures(&root().join("fixtures/rules"), &r.id),
            "{}: needs fixtures/rules/{}/pass and /fail",
            r.id,
            r.id
        );
    }
    for c in cydlint::checks::CHECKS {
        assert!(c.doc().len() > 80, "{} is not documented", c.kind());
    }
}

/// What the built-in pack's checks want (`Compiled::wants`, gathered by `RuleSet::keep`): a
/// handful of distinct selectors, never every fact, and no context's dimensions.
#[test]
fn the_builtin_pack_wants_a_few_selectors_and_no_dimensions() {
    let rules = builtin();
    assert!(
        !rules.keep().dimensions(),
        "no built-in check reads dimensions"
    );
    // The built-in pack: 77 rules, a handful of distinct selectors.
    let mut w = cydlint::checks::Wants::default();
    for r in rules.iter() {
        r.check.wants(&mut w);
    }
    assert!(!w.all);
    assert!(w.sels.len() < 10, "{} selectors", w.sels.len());
}

#[test]
fn builtin_rules_pass_their_fixtures() {
    let set = builtin();
    let results = cydlint::ruletest::run(&set, &root().join("fixtures/rules"));
    let failed: Vec<_> = results.iter().filter(|r| !r.ok).collect();
    assert!(failed.is_empty(), "{failed:#?}");
    assert!(results.len() >= 2 * set.len());
}

#[test]
fn five_mistakes_are_all_reported_with_line_and_column() {
    let src = "\
id: CYD-TEST-001
name: Not_Kebab
title: A rule with five mistakes
severity: fatal
check:
  kind: text-match
  scope: {section: item-1c}
  patterns: ['(unclosed']
  colour: blue
  when: {fact: cyd:NoSuchElementFlag, boolean: true}
message: \"x\"
";
    let mut errors = Vec::new();
    let r = rules::load::load_one(
        Path::new("CYD-TEST-001.yaml"),
        "CYD-TEST-001.yaml",
        src,
        false,
        &cydlint::claims::builtin_arc(),
        &Default::default(),
        &mut errors,
    );
    assert!(r.is_none());
    let got: Vec<(usize, usize, String)> = errors
        .iter()
        .map(|e| {
            let (l, c) = e.line_col();
            (l, c, e.message.clone())
        })
        .collect();
    assert_eq!(got.len(), 5, "{got:#?}");
    let expect = [
        (2, 7, "kebab-case"),
        (4, 11, "severity"),
        (8, 14, "not a valid regex"),
        (9, 3, "unknown key `colour`"),
        (10, 16, "unknown concept `cyd:NoSuchElementFlag`"),
    ];
    for (l, c, text) in expect {
        assert!(
            got.iter()
                .any(|(gl, gc, m)| *gl == l && *gc == c && m.contains(text)),
            "no error {text:?} at {l}:{c} in {got:#?}"
        );
    }
}

#[test]
fn unknown_check_kind_duplicate_id_and_bad_date() {
    let dir = tempdir("bad-pack");
    std::fs::write(
        dir.join("CYD-APP-001.yaml"),
        "id: CYD-APP-001\nname: again\ntitle: t\nseverity: info\napplies: {period-end-on-or-after: 2024-13-45}\ncheck: {kind: require-everything}\nmessage: m\n",
    )
    .unwrap();
    let err = rules::load::load(std::slice::from_ref(&dir), false).unwrap_err();
    let msgs: Vec<String> = err.0.iter().map(|e| e.to_string()).collect();
    assert!(
        msgs.iter()
            .any(|m| m.contains("CYD-APP-001.yaml:5:") && m.contains("YYYY-MM-DD")),
        "{msgs:#?}"
    );
    assert!(
        msgs.iter().any(|m| m.contains("CYD-APP-001.yaml:6:")
            && m.contains("unknown check kind `require-everything`")),
        "{msgs:#?}"
    );
    // With the date and kind fixed, the id collides with the built-in rule.
    std::fs::write(
        dir.join("CYD-APP-001.yaml"),
        "id: CYD-APP-001\nname: again\ntitle: t\nseverity: info\ncheck: {kind: require-any, namespace: x}\nmessage: m\n",
    )
    .unwrap();
    let err = rules::load::load(std::slice::from_ref(&dir), false).unwrap_err();
    assert!(
        err.0
            .iter()
            .any(|e| e.message.contains("duplicate rule id `CYD-APP-001`")),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn hostile_rule_files_end_in_a_clear_error() {
    let dir = tempdir("hostile-pack");
    std::fs::write(
        dir.join("BOMB.yaml"),
        "a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("DEEP.yaml"),
        format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)),
    )
    .unwrap();
    std::fs::write(dir.join("REGEX.yaml"), "id: REGEX\nname: r\ntitle: t\nseverity: info\ncheck: {kind: text-match, scope: document, patterns: ['(a{1000}){1000}']}\nmessage: m\n").unwrap();
    std::fs::write(
        dir.join("HUGE.yaml"),
        format!("id: HUGE\n# {}\n", "x".repeat(2 << 20)),
    )
    .unwrap();
    let err = rules::load::load(std::slice::from_ref(&dir), true).unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("HUGE.yaml") && text.contains("the limit is"),
        "{text}"
    );
    assert!(
        text.contains("BOMB.yaml:2:") && text.contains("aliases are not allowed"),
        "{text}"
    );
    assert!(
        text.contains("DEEP.yaml") && text.contains("nested deeper"),
        "{text}"
    );
    assert!(
        text.contains("REGEX.yaml:5:") && text.contains("exceeds the regex size limit of 4 MiB"),
        "{text}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Generated docs are committed; this fails when they are stale (UPDATE_DOCS=1 rewrites them).
#[test]
fn generated_docs_are_fresh() {
    let set = builtin();
    let mut expected: Vec<(PathBuf, String)> = set
        .iter()
        .map(|r| {
            (
                root().join("docs/rules").join(format!("{}.md", r.id)),
                rules::docs::rule_page(r),
            )
        })
        .collect();
    expected.push((
        root().join("docs/rules/README.md"),
        rules::docs::index(&set),
    ));
    expected.push((
        root().join("docs/check-kinds.md"),
        rules::docs::check_kinds(),
    ));
    expected.push((root().join("docs/rule-schema.json"), rules::docs::schema()));
    // The codes that are not rules: read:* and config:*.
    for c in cydlint::codes::all() {
        expected.push((
            root()
                .join("docs/rules")
                .join(format!("{}.md", cydlint::codes::page_name(c.id))),
            cydlint::codes::page(c),
        ));
    }
    let update = std::env::var_os("UPDATE_DOCS").is_some();
    let mut stale = Vec::new();
    for (path, text) in &expected {
        let current = std::fs::read_to_string(path).unwrap_or_default();
        if &current != text {
            if update {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(path, text).unwrap();
            } else {
                stale.push(path.display().to_string());
            }
        }
    }
    // No page for a rule that no longer exists.
    for e in std::fs::read_dir(root().join("docs/rules")).unwrap() {
        let p = e.unwrap().path();
        if !expected.iter().any(|(x, _)| x == &p) {
            stale.push(format!("{} (no such rule)", p.display()));
        }
    }
    assert!(
        stale.is_empty(),
        "stale generated docs (run UPDATE_DOCS=1 cargo test): {stale:#?}"
    );
}

/// The built-in CYD-X-008 on the four sentences of the rule-language issue.
#[test]
fn x008_tells_negation_and_modals_from_assertions() {
    let set = builtin();
    let template = std::fs::read_to_string(
        root().join("fixtures/rules/CYD-X-008/pass/negated-and-hedged.htm"),
    )
    .unwrap();
    let marker = "A future cybersecurity incident could materially affect our business";
    assert!(template.contains(marker));
    let cases = [
        (
            "Risks from cybersecurity threats have not materially affected the Company.",
            None,
        ),
        (
            "A successful attack could materially affect our operations.",
            None,
        ),
        (
            "Risks from prior incidents have materially affected our operations.",
            Some("materially affected"),
        ),
        (
            "The 2024 breach had a material adverse effect on our results.",
            Some("material adverse effect"),
        ),
    ];
    for (sentence, phrase) in cases {
        let text = template.replace(marker, &format!("{sentence} Also, a later incident could"));
        let f = cydlint::read::read_sources(vec![cydlint::source::SourceFile::from_bytes(
            "x.htm".into(),
            text.clone().into_bytes(),
        )]);
        let opts = cydlint::engine::Options {
            select: vec!["CYD-X-008".into()],
            ..Default::default()
        };
        let out = cydlint::engine::run(&set, &f, &opts);
        match phrase {
            None => assert!(out.findings.is_empty(), "{sentence}: {:?}", out.findings),
            Some(p) => {
                assert_eq!(out.findings.len(), 1, "{sentence}");
                let s = out.findings[0].span;
                assert_eq!(&text[s.start..s.end], p);
            }
        }
    }
}

/// Findings name the facts they judge: on every failing fixture of the built-in pack, a
/// finding of a rule that `judges` a concept carries that concept, and every label that lies
/// on a fact carries that fact's concept — in the JSON report, as a reviewer or a UI reads it.
#[test]
fn findings_name_the_facts_they_judge() {
    let set = builtin();
    let mut checked = 0;
    for r in set.iter() {
        let src =
            std::fs::read_to_string(root().join("rules").join(format!("{}.yaml", r.id))).unwrap();
        let judged: Vec<&str> = src
            .lines()
            .filter_map(|l| l.split("concept: ").nth(1))
            .filter(|_| src.contains("judges"))
            .map(|c| {
                c.trim_end_matches(['}', ',', ' '])
                    .split(',')
                    .next()
                    .unwrap()
                    .trim()
            })
            .filter(|c| c.ends_with("Flag"))
            .collect();
        let dir = root().join("fixtures/rules").join(&r.id).join("fail");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries {
            let p = e.unwrap().path();
            if p.extension().is_none_or(|x| x != "htm") {
                continue;
            }
            let filing = cydlint::read::read_set(std::slice::from_ref(&p));
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_cydlint"))
                .args(["check", "--format", "json", "--select", &r.id])
                .arg(&p)
                .output()
                .unwrap();
            let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            for f in json["findings"].as_array().unwrap() {
                checked += 1;
                // Judged facts that are tagged in the fixture (X-011 names the flag when
                // there is one).
                let tagged = judged
                    .iter()
                    .any(|j| filing.facts.iter().any(|x| x.concept.qname() == *j));
                if tagged {
                    let c = f["concept"].as_str().unwrap_or("");
                    assert!(
                        judged.contains(&c),
                        "{}: {} names {c:?}, not one of the judged {judged:?}",
                        r.id,
                        p.display()
                    );
                }
                for l in f["labels"].as_array().into_iter().flatten() {
                    let (a, b) = (
                        l["location"]["start"].as_u64().unwrap() as usize,
                        l["location"]["end"].as_u64().unwrap() as usize,
                    );
                    if let Some(fact) = filing
                        .facts
                        .iter()
                        .find(|x| x.span.start == a && x.span.end == b)
                    {
                        assert_eq!(
                            l["concept"].as_str(),
                            Some(fact.concept.qname().as_str()),
                            "{}: a label on a fact names it ({})",
                            r.id,
                            p.display()
                        );
                    }
                }
            }
        }
    }
    assert!(checked > 40, "only {checked} findings checked");
}

/// Selectors: ids case-insensitive, names, prefixes, codes; a suggestion for the unknown.
#[test]
fn selectors_resolve_like_ruffs() {
    let set = builtin();
    assert_eq!(set.resolve("cyd-x-011").unwrap(), "CYD-X-011");
    assert_eq!(set.resolve("CYD-X").unwrap(), "CYD-X");
    assert_eq!(set.resolve("cyd-x").unwrap(), "CYD-X");
    assert_eq!(
        set.resolve("material-effect-contradicts-flag").unwrap(),
        "CYD-X-008"
    );
    assert_eq!(set.resolve("READ").unwrap(), "read");
    assert_eq!(set.resolve("read:binary").unwrap(), "read:binary");
    assert_eq!(set.resolve("config").unwrap(), "config");
    for (bad, hint) in [
        ("CYD-X-0111", "CYD-X-011"),
        ("cyd-x-0111", "CYD-X-011"),
        (
            "material-efect-contradicts-flag",
            "material-effect-contradicts-flag",
        ),
        ("read:binray", "read:binary"),
    ] {
        let e = set.resolve(bad).unwrap_err();
        assert!(e.contains(&format!("did you mean `{hint}`")), "{bad}: {e}");
    }
}

/// No rule's text shows a backslash before a quote: in a YAML block scalar `\"` is two
/// characters, and it reached the docs pages, SARIF and the help lines as they are.
#[test]
fn rule_texts_have_no_stray_escapes() {
    for r in builtin().iter() {
        for (field, text) in [
            ("title", &r.title),
            ("message", &r.message),
            ("help", &r.help),
            ("docs.what", &r.docs.what),
            ("docs.why", &r.docs.why),
            ("docs.example", &r.docs.example),
            ("docs.fix", &r.docs.fix),
        ] {
            assert!(!text.contains("\\\""), "{} {field}: {text}", r.id);
        }
    }
}

/// Named conditions: a pack defines a condition once in its pack.yaml (`conditions:`) and its
/// rules name it (`condition: NAME`), as they may name the built-in pack's; every misuse is a
/// load error pointing into the file that has it.
#[test]
fn named_conditions_are_defined_once_and_named_by_rules() {
    let dir = tempdir("named-conditions");
    let rule = |id: &str, when: &str| {
        format!(
            "id: {id}\nname: {}\ntitle: t\nseverity: warning\ncheck:\n  kind: text-match\n  scope: document\n  patterns: ['acquired a widget']\n  when: {when}\nmessage: m\n",
            id.to_lowercase()
        )
    };
    std::fs::write(
        dir.join("pack.yaml"),
        "conditions:\n  says-gadget:\n    text: {scope: document, patterns: ['gadget']}\n  \
         no-gadget:\n    not: {condition: says-gadget}\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("MY-001.yaml"),
        rule("MY-001", "{condition: no-gadget}"),
    )
    .unwrap();
    // The built-in pack's condition is in reach of a user pack's rule.
    std::fs::write(
        dir.join("MY-002.yaml"),
        rule(
            "MY-002",
            "{not: {condition: item-incorporated-by-reference}}",
        ),
    )
    .unwrap();
    let set = rules::load::load(std::slice::from_ref(&dir), false)
        .unwrap_or_else(|e| panic!("the pack should load:\n{e}"));
    // Each rule knows the conditions it uses (its docs page and `explain` name them).
    let used = |id: &str| set.iter().find(|r| r.id == id).unwrap().conditions.clone();
    assert_eq!(used("MY-001"), ["no-gadget", "says-gadget"]);
    assert_eq!(used("MY-002"), ["item-incorporated-by-reference"]);
    assert!(
        cydlint::rules::docs::rule_page(set.iter().find(|r| r.id == "MY-001").unwrap())
            .contains("Named conditions it uses: `no-gadget`, `says-gadget`")
    );
    let fired = |text: &str| {
        let p = dir.join("draft.txt");
        std::fs::write(&p, format!("Item 1C. Cybersecurity\n\n{text}\n")).unwrap();
        let filing = cydlint::read::read_set(std::slice::from_ref(&p));
        let out = cydlint::engine::run(&set, &filing, &cydlint::engine::Options::default());
        let mut ids: Vec<String> = out
            .findings
            .iter()
            .map(|f| f.rule.clone())
            .filter(|r| r.starts_with("MY-"))
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(fired("We acquired a widget."), ["MY-001", "MY-002"]);
    assert_eq!(fired("We acquired a widget and a gadget."), ["MY-002"]);
    assert_eq!(
        fired("We acquired a widget. This Item 1C is incorporated herein by reference."),
        ["MY-001"]
    );

    // Misuses, each an error at its place.
    let errors = |pack: &str, when: &str| {
        let d = tempdir("named-conditions-bad");
        std::fs::write(d.join("pack.yaml"), pack).unwrap();
        std::fs::write(d.join("MY-001.yaml"), rule("MY-001", when)).unwrap();
        match rules::load::load(std::slice::from_ref(&d), false) {
            Ok(_) => Vec::new(),
            Err(e) => e.0.iter().map(|e| e.to_string()).collect::<Vec<_>>(),
        }
    };
    let ok_pack =
        "conditions:\n  says-gadget:\n    text: {scope: document, patterns: ['gadget']}\n";
    let e = errors(ok_pack, "{condition: says-gadgets}");
    assert!(
        e.len() == 1
            && e[0].contains("MY-001.yaml:9:")
            && e[0].contains("unknown named condition `says-gadgets`; did you mean `says-gadget`?"),
        "{e:?}"
    );
    // A name the built-in pack defines cannot be taken; a condition names only those before
    // it (so none names itself); a bad definition is reported in pack.yaml.
    let e = errors(
        "conditions:\n  item-incorporated-by-reference:\n    cyd-facts: true\n  \
         a:\n    condition: b\n  b:\n    cyd-facts: true\n  c:\n    text: {scope: document, patterns: ['(']}\n",
        "{cyd-facts: true}",
    );
    let pack_err = |line: usize, what: &str| {
        e.iter()
            .any(|m| m.contains(&format!("pack.yaml:{line}:")) && m.contains(what))
    };
    assert!(pack_err(2, "defined by the built-in pack already"), "{e:?}");
    assert!(pack_err(5, "unknown named condition `b`"), "{e:?}");
    assert!(pack_err(9, "pattern"), "{e:?}");
    assert_eq!(e.len(), 3, "{e:?}");
}
