//! `cydlint check`, `rules`, `explain` and `test-rules` through `cydlint::run`, including a user
//! rule pack end to end.

use cydlint::ExitStatus;

use crate::common::{fixture, shared};

/// Runs cydlint in-process. `check` gets `--format concise` unless a format is given, and
/// ignores any configuration file around the test's working directory unless one is named.
fn run(args: &[&str]) -> (ExitStatus, String, String) {
    let mut argv = vec!["cydlint"];
    argv.extend_from_slice(args);
    if args.first() == Some(&"check") {
        if !args.contains(&"--format") {
            argv.splice(2..2, ["--format", "concise"]);
        }
        if !args.contains(&"--config") {
            argv.splice(2..2, ["--no-config"]);
        }
    }
    crate::common::run(&argv[1..])
}

#[test]
fn exit_codes_follow_the_findings() {
    let good = fixture("rules/CYD-X-008/pass/negated-and-hedged.htm");
    let (s, out, _) = run(&["check", good.to_str().unwrap()]);
    assert_eq!(s, ExitStatus::Success, "{out}");
    assert!(out.contains("0 finding(s)"), "{out}");
    let bad = fixture("rules/CYD-X-008/fail/flag-false-text-says-affected.htm");
    let (s, out, _) = run(&["check", bad.to_str().unwrap()]);
    assert_eq!(s, ExitStatus::Failure);
    assert_eq!(out.matches("error[CYD-X-008]").count(), 2, "{out}");
    assert!(
        out.contains("(\"material adverse effect\"), but cyd:CybersecurityRiskMateriallyAffectedOrReasonablyLikelyToMateriallyAffectRegistrantFlag is false"),
        "{out}"
    );
    assert_eq!(
        out.lines().count(),
        3,
        "one line per finding, then the summary: {out}"
    );
    // --fail-on never, --ignore and --select.
    let (s, _, _) = run(&["check", "--fail-on", "never", bad.to_str().unwrap()]);
    assert_eq!(s, ExitStatus::Success);
    let (s, _, _) = run(&["check", "--ignore", "CYD-X", bad.to_str().unwrap()]);
    assert_eq!(s, ExitStatus::Success);
    let (s, out, _) = run(&["check", "--select", "CYD-APP-001", bad.to_str().unwrap()]);
    assert_eq!(s, ExitStatus::Success, "{out}");
    // Tool errors: exit 2.
    let (s, _, err) = run(&["check", "--select", "NOPE-1", bad.to_str().unwrap()]);
    assert_eq!(s, ExitStatus::Error);
    assert!(err.contains("no rule or code matches `NOPE-1`"), "{err}");
    let (s, _, _) = run(&["check", "/no/such/file.htm"]);
    assert_eq!(s, ExitStatus::Error);
    let (s, _, err) = run(&["check", "--period-end", "31/12/2024", bad.to_str().unwrap()]);
    assert_eq!(s, ExitStatus::Error);
    assert!(err.contains("YYYY-MM-DD"));
}

#[test]
fn json_report_contract() {
    let bad = fixture("rules/CYD-X-008/fail/flag-false-text-says-affected.htm");
    let (s, out, _) = run(&["check", "--format", "json", bad.to_str().unwrap()]);
    assert_eq!(s, ExitStatus::Failure);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["version"], 1);
    let f = &v["findings"][0];
    assert_eq!(f["rule"], "CYD-X-008");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["matched"], "material adverse effect");
    // The finding is about the flag, and its label on the flag names it.
    let flag =
        "cyd:CybersecurityRiskMateriallyAffectedOrReasonablyLikelyToMateriallyAffectRegistrantFlag";
    assert_eq!(f["concept"], flag);
    assert_eq!(f["labels"][0]["concept"], flag);
    let src = std::fs::read_to_string(&bad).unwrap();
    let (a, b) = (
        f["location"]["start"].as_u64().unwrap() as usize,
        f["location"]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&src[a..b], "material adverse effect");
    assert_eq!(f["labels"][0]["message"], "the flag is tagged false here");
    assert!(
        f["citations"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c == "17 CFR 229.106(b)(2)")
    );
    assert!(f["help"].as_str().unwrap().contains("fixed-true"));
    assert_eq!(v["summary"]["errors"], 2);
}

#[test]
fn undecidable_rules_are_reported_as_skipped() {
    let Some(shared) = shared() else { return };
    let seed = std::fs::read_dir(shared.join("seed"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let (_, out, _) = run(&["check", "--format", "json", seed.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let skipped = v["skipped"].as_array().unwrap();
    assert!(
        skipped
            .iter()
            .any(|s| s["rule"] == "CYD-106B2-001"
                && s["reason"].as_str().unwrap().contains("--form")),
        "{skipped:?}"
    );
    // Given the form, the rule is decided.
    let (_, out, _) = run(&[
        "check",
        "--format",
        "json",
        "--form",
        "20-F",
        seed.to_str().unwrap(),
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(
        !v["skipped"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["rule"] == "CYD-106B2-001")
    );
}

#[test]
fn rules_and_explain() {
    let (s, out, _) = run(&["rules", "--format", "json"]);
    assert_eq!(s, ExitStatus::Success);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(
        v.as_array()
            .unwrap()
            .iter()
            .any(|r| r["id"] == "CYD-X-008" && r["check"] == "claim")
    );
    let (s, out, _) = run(&["explain", "CYD-X-008"]);
    assert_eq!(s, ExitStatus::Success);
    assert!(out.starts_with("# CYD-X-008"));
    assert!(out.contains("## Why"));
    let (s, _, err) = run(&["explain", "CYD-X-00"]);
    assert_eq!(s, ExitStatus::Error);
    assert!(err.contains("explain takes one"), "{err}");
    let (s, _, err) = run(&["explain", "CYD-X-0088"]);
    assert_eq!(s, ExitStatus::Error);
    assert!(err.contains("did you mean `CYD-X-008`"), "{err}");
}

/// `test-rules` finds the built-in pack's fixtures where it keeps them (rules/ →
/// fixtures/rules/), and says where it looked when it finds none.
#[test]
fn test_rules_finds_fixtures_or_says_where_it_looked() {
    let root = crate::common::root();
    let (s, out, err) = run(&["test-rules", root.join("rules").to_str().unwrap()]);
    assert_eq!(s, ExitStatus::Success, "{out}{err}");
    assert!(out.contains(" passed, 0 failed"), "{out}");
    let dir = crate::common::tempdir("pack-without-fixtures");
    let pack = dir.join("house");
    std::fs::create_dir_all(&pack).unwrap();
    std::fs::write(
        pack.join("HOUSE-002.yaml"),
        "id: HOUSE-002\nname: say-nist\ntitle: t\nseverity: warning\ncheck: {kind: text-match, scope: {section: item-1c}, expect: absent, patterns: [NIST]}\nmessage: m\n",
    )
    .unwrap();
    let (s, _, err) = run(&["test-rules", pack.to_str().unwrap()]);
    assert_eq!(s, ExitStatus::Error);
    assert!(
        err.contains("looked in")
            && err.contains(&format!("house{}fixtures", std::path::MAIN_SEPARATOR))
            && err.contains("--fixtures"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_user_pack_works_end_to_end() {
    let dir = crate::common::tempdir("user-pack");
    std::fs::create_dir_all(dir.join("fixtures/HOUSE-001/pass")).unwrap();
    std::fs::create_dir_all(dir.join("fixtures/HOUSE-001/fail")).unwrap();
    std::fs::write(
        dir.join("HOUSE-001.yaml"),
        r#"id: HOUSE-001
name: name-the-framework
title: Item 1C names no security framework
severity: warning
citations: ["House style 4.2"]
check:
  kind: text-match
  scope: {section: item-1c}
  expect: absent
  patterns: ['NIST', 'ISO(?:/IEC)? 27001', 'CIS Controls']
message: "Item 1C {severityVerb} name the framework the program follows"
help: "name the framework (NIST CSF, ISO 27001, CIS Controls)"
"#,
    )
    .unwrap();
    std::fs::write(
        dir.join("fixtures/HOUSE-001/pass/names-nist.md"),
        "## Item 1C. Cybersecurity\n\nOur program follows the NIST Cybersecurity Framework.\n",
    )
    .unwrap();
    let fail = dir.join("fixtures/HOUSE-001/fail/no-framework.md");
    std::fs::write(
        &fail,
        "## Item 1C. Cybersecurity\n\nWe take security seriously.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("fixtures/HOUSE-001/fail/no-framework.md.expect"),
        "expect: HOUSE-001\n",
    )
    .unwrap();
    let d = dir.to_str().unwrap();
    let (s, out, _) = run(&["test-rules", d]);
    assert_eq!(s, ExitStatus::Success, "{out}");
    assert!(out.contains("2 passed, 0 failed"), "{out}");
    let (s, out, _) = run(&[
        "check",
        "--rules",
        d,
        "--select",
        "HOUSE",
        fail.to_str().unwrap(),
    ]);
    assert_eq!(
        s,
        ExitStatus::Success,
        "warnings do not fail by default: {out}"
    );
    assert!(
        out.contains("warning[HOUSE-001]: Item 1C should name the framework"),
        "{out}"
    );
    assert!(out.contains("no-framework.md:1:4:"), "the heading: {out}");
    let (s, _, _) = run(&[
        "check",
        "--rules",
        d,
        "--fail-on",
        "warning",
        fail.to_str().unwrap(),
    ]);
    assert_eq!(s, ExitStatus::Failure);
    // A fixture that no longer holds fails test-rules.
    std::fs::write(
        dir.join("fixtures/HOUSE-001/pass/names-nist.md"),
        "## Item 1C. Cybersecurity\n\nNothing named.\n",
    )
    .unwrap();
    let (s, out, _) = run(&["test-rules", d]);
    assert_eq!(s, ExitStatus::Failure);
    assert!(
        out.contains("FAIL  HOUSE-001") && out.contains("expected no finding"),
        "{out}"
    );
    // An invalid user rule: exit 2, with the place in the YAML.
    std::fs::write(dir.join("HOUSE-001.yaml"), "id: HOUSE-001\nname: x\ntitle: t\nseverity: warning\ncheck: {kind: text-match, scope: {section: item-9z}, patterns: [x]}\nmessage: m\n").unwrap();
    let (s, _, err) = run(&["check", "--rules", d, fail.to_str().unwrap()]);
    assert_eq!(s, ExitStatus::Error);
    assert!(
        err.contains("HOUSE-001.yaml:5:") && err.contains("item-1c, item-16k or item-1.05"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The CLI cases of tests/cmd/*.toml: each format and each exit code, run on the real binary.
#[test]
fn cli_cases_as_data() {
    trycmd::TestCases::new().case("tests/cmd/*.toml");
}

/// A writer that takes `room` bytes, then fails with `kind`.
struct Failing {
    room: usize,
    kind: std::io::ErrorKind,
}

impl std::io::Write for Failing {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.room == 0 {
            return Err(self.kind.into());
        }
        let n = buf.len().min(self.room);
        self.room -= n;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Output goes through a buffer (`cydlint::run`): an error met when it is written out — on
/// a full buffer or at the final flush — is still reported (exit 2), and a closed pipe
/// (`cydlint check | head`) still ends the run quietly with success.
#[test]
fn output_errors_surface_through_the_buffer() {
    use clap::Parser;
    let bad = fixture("rules/CYD-X-008/fail/flag-false-text-says-affected.htm");
    let run_into = |room: usize, kind: std::io::ErrorKind, format: &str| {
        let args = cydlint::cli::Args::try_parse_from([
            "cydlint",
            "check",
            "--no-config",
            "--format",
            format,
            bad.to_str().unwrap(),
        ])
        .unwrap();
        let mut out = Failing { room, kind };
        let mut err = Vec::new();
        let status = cydlint::run(args, &mut out, &mut err);
        (status, String::from_utf8(err).unwrap())
    };
    // Small reports fail at the flush, large ones (SARIF carries every rule's docs) while
    // the buffer is written out.
    for format in ["concise", "sarif"] {
        let (s, err) = run_into(10, std::io::ErrorKind::Other, format);
        assert_eq!(s, ExitStatus::Error, "{format}");
        assert!(err.contains("cannot write output"), "{format}: {err}");
        let (s, err) = run_into(10, std::io::ErrorKind::BrokenPipe, format);
        assert_eq!(s, ExitStatus::Success, "{format}");
        assert!(err.is_empty(), "{format}: {err}");
    }
    // With room for everything, the findings decide.
    let (s, _) = run_into(usize::MAX, std::io::ErrorKind::Other, "concise");
    assert_eq!(s, ExitStatus::Failure);
}

/// With standard error on a terminal, `check` over more than three document sets writes a
/// progress line from rayon's worker threads. The binary once held standard error's lock for
/// the whole run, and such a run never ended. The terminal is util-linux `script`'s; two
/// threads are asked for so that the sets are checked on the pool even on one processor.
#[cfg(target_os = "linux")]
#[test]
fn check_with_a_progress_line_on_a_terminal_finishes() {
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};
    // Five different files, five sets (the same file twice is one set).
    let files: Vec<String> = [
        "rules/CYD-X-008/pass/flag-true-with-effect.htm",
        "rules/CYD-X-008/pass/negated-and-hedged.htm",
        "rules/CYD-X-008/fail/flag-false-text-says-affected.htm",
        "rules/CYD-X-003/pass/negated-engagement.htm",
        "rules/CYD-X-007/pass/spac-no-program-flags-false.htm",
    ]
    .iter()
    .map(|f| fixture(f).display().to_string())
    .collect();
    let cmd = format!(
        "RAYON_NUM_THREADS=2 '{}' check --no-config --separate --format json {} > /dev/null",
        env!("CARGO_BIN_EXE_cydlint"),
        files
            .iter()
            .map(|f| format!("'{f}'"))
            .collect::<Vec<_>>()
            .join(" ")
    );
    let mut child = Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("this test needs util-linux `script` (a terminal for standard error)");
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().expect("waiting for `script`") {
            break s;
        }
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("`cydlint check --separate` over five sets with a terminal did not end in 60 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    // One set has findings: exit 1, as without a terminal.
    assert_eq!(status.code(), Some(1), "{status:?}");
}
