//! The pre-commit hooks of `.pre-commit-hooks.yaml`, run by the real `pre-commit` tool (`pip
//! install pre-commit`; `.ci/run` installs it where it can) in a scratch git repository: the
//! `cydlint` hook checks filings and `.docx` drafts and nothing else, the opt-in
//! `cydlint-drafts` hook the drafts the README's recipe names, and a batch of changed files is
//! one filing per document set. Without `pre-commit` on the PATH the test says it skipped, and
//! why, on standard error.

use std::io::Write;
use std::path::Path;
use std::process::Command;

use crate::common::{root, tempdir};

/// The manifest as a local configuration: the same hooks (ids, `files`, `exclude`, `types`,
/// `require_serial`), run as `system` hooks with the binary under test instead of building
/// the crate; `files` of a hook overridden as `overrides` say (hook id, pattern).
fn local_config(manifest: &str, bin: &Path, overrides: &[(&str, &str)]) -> String {
    assert!(manifest.contains("language: rust"), "{manifest}");
    assert!(manifest.contains("entry: cydlint check"), "{manifest}");
    let mut hooks = String::new();
    let mut current = "";
    for line in manifest.lines() {
        if line.trim_start().starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if let Some(id) = line.strip_prefix("- id: ") {
            current = id.trim();
        }
        let line = line
            .replace("language: rust", "language: system")
            .replace("entry: cydlint ", &format!("entry: {} ", bin.display()));
        if let Some((_, pattern)) = overrides.iter().find(|(id, _)| *id == current)
            && line.trim_start().starts_with("files:")
        {
            hooks.push_str(&format!("      files: '{pattern}'\n"));
            continue;
        }
        hooks.push_str(&format!("    {line}\n"));
    }
    format!("repos:\n  - repo: local\n    hooks:\n{hooks}")
}

/// The `files:` pattern the README's recipe gives `hook`.
fn readme_files_pattern(hook: &str) -> String {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let at = readme
        .find(&format!("- id: {hook} "))
        .unwrap_or_else(|| panic!("the README's pre-commit recipe has no `{hook}` hook"));
    let line = readme[at..]
        .lines()
        .nth(1)
        .filter(|l| l.trim_start().starts_with("files:"))
        .unwrap_or_else(|| panic!("the README gives `{hook}` no files: line"));
    line.trim_start()
        .trim_start_matches("files:")
        .trim()
        .to_string()
}

/// An Inline XBRL document naming `schema`, with a fact continued at `cont` (held in another
/// file) or holding continuation `holds`.
fn ix(schema: &str, body: &str) -> String {
    format!(
        r#"<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL" xmlns:link="http://www.xbrl.org/2003/linkbase" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xbrli="http://www.xbrl.org/2003/instance" xmlns:cyd="http://xbrl.sec.gov/cyd/2025"><body><div style="display:none"><ix:header><ix:references><link:schemaRef xlink:type="simple" xlink:href="{schema}"/></ix:references><ix:resources><xbrli:context id="c-1"><xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">0000000001</xbrli:identifier></xbrli:entity><xbrli:period><xbrli:startDate>2025-01-01</xbrli:startDate><xbrli:endDate>2025-12-31</xbrli:endDate></xbrli:period></xbrli:context></ix:resources></ix:header></div>{body}</body></html>"#
    )
}

fn docx(text: &str) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    z.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    z.write_all(format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>"#).as_bytes()).unwrap();
    z.finish().unwrap().into_inner()
}

fn git(repo: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(args)
        .current_dir(repo)
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {out:?}");
}

#[test]
fn the_hooks_check_filings_and_word_drafts_one_filing_per_set() {
    let version = Command::new("pre-commit").arg("--version").output();
    if !version.as_ref().is_ok_and(|o| o.status.success()) {
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED: `pre-commit` is not installed (pip install pre-commit); the hooks of .pre-commit-hooks.yaml were not run"
        );
        return;
    }
    let repo = tempdir("hook-repo");
    let write = |rel: &str, bytes: &[u8]| {
        let p = repo.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    };
    // One company's 10-K and its exhibit: one Inline XBRL document set, a continuation
    // crossing them. Another company's 10-K beside them, with the same continuation id.
    let fact = r#"<p><ix:nonNumeric name="cyd:CybersecurityRiskManagementProcessesForAssessingIdentifyingAndManagingThreatsTextBlock" contextRef="c-1" id="f-1" continuedAt="k-1">We assess cybersecurity risks</ix:nonNumeric></p>"#;
    write(
        "filings/acme/acme-10k.htm",
        ix("acme-20251231.xsd", fact).as_bytes(),
    );
    write(
        "filings/acme/acme-ex13.htm",
        ix(
            "acme-20251231.xsd",
            r#"<p><ix:continuation id="k-1">and manage them under our program.</ix:continuation></p>"#,
        )
        .as_bytes(),
    );
    write(
        "filings/acme/acme-20251231_lab.xml",
        b"<?xml version=\"1.0\"?>\n<link:linkbase xmlns:link=\"http://www.xbrl.org/2003/linkbase\"/>\n",
    );
    write(
        "filings/acme/other-10k.htm",
        ix(
            "other-20251231.xsd",
            r#"<p><ix:nonNumeric name="cyd:CybersecurityRiskManagementProcessesForAssessingIdentifyingAndManagingThreatsTextBlock" contextRef="c-1" id="f-1" continuedAt="k-1">Other cybersecurity text</ix:nonNumeric></p><p><ix:continuation id="k-1">continued.</ix:continuation></p>"#,
        )
        .as_bytes(),
    );
    write(
        "drafts/board.docx",
        &docx("Board minutes, no disclosure yet."),
    );
    write(
        "disclosures/item-1c.md",
        b"# Item 1C. Cybersecurity\n\nWe assess cybersecurity risks.\n",
    );
    write("README.md", b"# Our filings\n\nHow we file.\n");
    write("notes.txt", b"Some notes.\n");
    write("tool.py", b"print('hello')\n");
    write("settings.yaml", b"key: value\n");
    let manifest = std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap();
    let bin = Path::new(env!("CARGO_BIN_EXE_cydlint"));
    let pattern = readme_files_pattern("cydlint-drafts");
    write(
        ".pre-commit-config.yaml",
        local_config(&manifest, bin, &[("cydlint-drafts", &pattern)]).as_bytes(),
    );
    git(&repo, &["init", "-q"]);
    git(&repo, &["add", "-A"]);
    let home = tempdir("hook-home");
    let run = |hook: &str| {
        let out = Command::new("pre-commit")
            .args(["run", hook, "--all-files", "--verbose", "--color", "never"])
            .current_dir(&repo)
            .env("PRE_COMMIT_HOME", &home)
            .output()
            .expect("pre-commit runs");
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!text.contains("An unexpected error"), "{text}");
        text
    };
    let out = run("cydlint");
    let _ = writeln!(std::io::stderr(), "{out}");
    // Four files: the two of acme's set, the other 10-K, the Word draft.
    assert!(out.contains("4 file(s),"), "{out}");
    assert!(
        out.contains("drafts/board.docx"),
        "the .docx is checked: {out}"
    );
    for not in [
        "tool.py",
        "settings.yaml",
        "README.md",
        "notes.txt",
        "_lab.xml",
        "item-1c.md",
    ] {
        assert!(!out.contains(not), "{not} went to cydlint: {out}");
    }
    // One filing per set: acme's continuation is found in its exhibit, and the other 10-K's
    // ids do not collide with acme's.
    for not in [
        "continuation-missing",
        "duplicate-id",
        "continuation-reused",
        "CYD-FACT-008",
    ] {
        assert!(!out.contains(not), "{not}: {out}");
    }
    let drafts = run("cydlint-drafts");
    assert!(drafts.contains("1 file(s),"), "{drafts}");
    for not in ["README.md", "notes.txt"] {
        assert!(
            !drafts.contains(not),
            "{not} went to cydlint-drafts: {drafts}"
        );
    }
    std::fs::remove_dir_all(&repo).unwrap();
    std::fs::remove_dir_all(&home).unwrap();
}
