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

/// Every file under fixtures/, and under `corpus` in ../shared (which must be there: see
/// [`shared`]).
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

/// The environment variable that lets tests needing `../shared` skip when it is missing.
pub const SKIP_SHARED: &str = "CYDLINT_SKIP_SHARED";

/// How many tests skipped for want of `../shared` in this run (with [`SKIP_SHARED`]).
static SKIPPED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Where `../shared` is, from `$CYDLINT_SHARED` (`shared_env`) falling back to `../shared`
/// beside the repository, and what to do when its corpus is not there: `Ok(Some(dir))`, or
/// `Ok(None)` when the skip variable (`skip_env`) is `1`, or an error naming what is missing.
pub fn locate_shared(
    shared_env: Option<std::ffi::OsString>,
    skip_env: Option<std::ffi::OsString>,
) -> Result<Option<PathBuf>, String> {
    let p = shared_env
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("..").join("shared"));
    if p.join("corpus").is_dir() {
        return Ok(Some(p));
    }
    if skip_env.is_some_and(|v| v == "1") {
        return Ok(None);
    }
    Err(format!(
        "this test needs the shared corpus: {} is not a directory (set CYDLINT_SHARED to the \
         shared folder, or {SKIP_SHARED}=1 to skip the tests that need it, visibly)",
        p.join("corpus").display()
    ))
}

/// `../shared` (or `$CYDLINT_SHARED`). A test that needs it FAILS when its corpus is missing,
/// naming the path — a test that returned early would pass without its data. With
/// `CYDLINT_SKIP_SHARED=1` it returns None instead (the test returns early) and says so on
/// the process's standard error itself, which the test harness does not capture (it captures
/// only `print!`/`eprint!`), so every skip shows in `cargo test`'s output with a running count.
pub fn shared() -> Option<PathBuf> {
    match locate_shared(
        std::env::var_os("CYDLINT_SHARED"),
        std::env::var_os(SKIP_SHARED),
    ) {
        Ok(Some(p)) => Some(p),
        Ok(None) => {
            let n = SKIPPED.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            let test = std::thread::current().name().unwrap_or("a test").to_owned();
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr(),
                "SKIPPED ({SKIP_SHARED}=1, no shared corpus; {n} so far): {test}"
            );
            None
        }
        Err(msg) => panic!("{msg}"),
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
