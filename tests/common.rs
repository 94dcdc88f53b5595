//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};

use clap::Parser;
use cydlint::filing::{Fact, Filing};
use cydlint::{ExitStatus, cli::Args};

/// Runs `cydlint ARGS…` in-process: the status, standard output and standard error.
pub fn run(args: &[&str]) -> (ExitStatus, String, String) {
    let mut argv = vec!["cydlint"];
    argv.extend_from_slice(args);
    let parsed = Args::try_parse_from(argv).expect("arguments parse");
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let status = cydlint::run(parsed, &mut out, &mut err);
    (
        status,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

/// A fresh, empty temporary folder for one test (`cydlint-NAME-PID`).
pub fn tempdir(name: &str) -> PathBuf {
    let d = scratch(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// A temporary folder shared by the tests of one module (`cydlint-NAME-PID`): created if
/// missing, never emptied, since tests run in parallel.
pub fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("cydlint-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture path.
pub fn fixture(rel: &str) -> PathBuf {
    root().join("fixtures").join(rel)
}

/// One field of every finding of a JSON report (`rule`, `concept`…), in report order.
pub fn finding_field(report: &serde_json::Value, field: &str) -> Vec<String> {
    report["findings"]
        .as_array()
        .expect("a JSON report has findings")
        .iter()
        .map(|f| match f[field].as_str() {
            Some(s) => s.to_owned(),
            None => panic!("a finding without `{field}`: {f}"),
        })
        .collect()
}

/// A seeded xorshift for generated inputs: `next(n)` is below `n`, and a failure reproduces.
pub fn rng(mut seed: u64) -> impl FnMut(usize) -> usize {
    move |n| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    }
}

/// Every file under fixtures/, and under `corpus` in ../shared when it is there.
pub fn fixture_and_corpus_files(corpus: &str) -> Vec<PathBuf> {
    let walk = |dir: PathBuf| {
        walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .map(|e| e.into_path())
            .filter(|p| p.is_file())
            .collect::<Vec<_>>()
    };
    let mut files = walk(fixture(""));
    if let Some(shared) = shared() {
        files.extend(walk(shared.join(corpus)));
    }
    files
}

/// `../shared` (or `$CYDLINT_SHARED`), or None with a note on stderr: tests that need it skip.
pub fn shared() -> Option<PathBuf> {
    let p = std::env::var_os("CYDLINT_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("..").join("shared"));
    if p.join("corpus").is_dir() {
        Some(p)
    } else {
        eprintln!(
            "note: {} not found (set CYDLINT_SHARED); skipping a test that needs ../shared",
            p.display()
        );
        None
    }
}

/// Reads one document set.
pub fn read(paths: &[&Path]) -> Filing {
    let v: Vec<PathBuf> = paths.iter().map(|p| p.to_path_buf()).collect();
    cydlint::read::read_set(&v)
}

/// The fact with this id.
pub fn by_id<'a>(f: &'a Filing, id: &str) -> &'a Fact {
    f.facts
        .iter()
        .find(|x| x.id.as_deref() == Some(id))
        .unwrap_or_else(|| panic!("no fact {id}"))
}

/// What a reader sees in a slice of source: markup removed, entities decoded (twice, for
/// escaped HTML inside XML), white space collapsed. Independent of the reader under test.
pub fn visible_source(bytes: &[u8]) -> String {
    let mut s = String::from_utf8_lossy(bytes).into_owned();
    for _ in 0..2 {
        let mut out = String::new();
        let mut in_tag = false;
        for c in s.chars() {
            match c {
                '<' => in_tag = true,
                '>' if in_tag => {
                    in_tag = false;
                    out.push(' ');
                }
                _ if !in_tag => out.push(c),
                _ => {}
            }
        }
        s = cydlint::read::html::unescape(&out).into_owned();
    }
    s.split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
