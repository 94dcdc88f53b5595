//! The rows users feel: the release `cydlint` binary spawned and timed from outside (process
//! start-up, the rule pack, reading, checking and rendering a JSON report to /dev/null), each
//! row paired with the bare pass run as a separate small binary (`examples/bare.rs`) over the
//! same files. The two run in turn — bare, cydlint, bare, cydlint … — so a slow spell of the
//! shared host hits both, and each row reports the medians and the median of the pairs'
//! ratios (one slow or lucky run does not move a median). One-core rows run in a driver
//! process pinned with `taskset -c 0` (its children inherit the pinning, so nothing is added
//! to the timed commands); the two-core row pairs `taskset -c 0 cydlint` with `cydlint` on
//! both cores. Peak RSS comes from one more, untimed run under `/usr/bin/time -f %M` (where
//! it exists).

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// Pairs per row; the slow rows (100 MB and more) take fewer.
const PAIRS: usize = 15;
const SLOW_PAIRS: usize = 5;

/// The binaries the rows spawn, built (release) before they run: `cydlint` and `bare`.
struct Bins {
    cydlint: PathBuf,
    bare: PathBuf,
}

fn bins() -> Bins {
    // This example lives in target/release/examples/: `bare` beside it, `cydlint` one up.
    let exe = std::env::current_exe().unwrap();
    let examples = exe.parent().unwrap().to_path_buf();
    Bins {
        cydlint: examples.parent().unwrap().join("cydlint"),
        bare: examples.join("bare"),
    }
}

/// Builds the release `cydlint` binary and the `bare` example (cargo does nothing when they
/// are fresh), so the rows never time a stale binary.
fn build() -> bool {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let ok = Command::new(cargo)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "build",
            "--release",
            "--locked",
            "--bin",
            "cydlint",
            "--example",
            "bare",
        ])
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        eprintln!("whole-process rows: could not build the cydlint binary and the bare example");
    }
    ok
}

/// The driver: builds the binaries, then runs the one-core rows pinned to processor 0 (a
/// child of this benchmark under `taskset -c 0`) and the two-core row unpinned.
pub fn main(quick: bool) {
    if !build() {
        return;
    }
    let exe = std::env::current_exe().unwrap();
    let quick_arg: &[&str] = if quick { &["--quick"] } else { &[] };
    println!(
        "\n## Whole process (spawned and timed from outside; medians of interleaved pairs with the bare-pass binary)\n"
    );
    println!(
        "| work | cores | bare ms | cydlint ms | cydlint / bare | target | result | peak RSS MB (limit: 2 × largest file + 30) |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    let pinned = Command::new("taskset")
        .args(["-c", "0"])
        .arg(&exe)
        .args(["whole", "one"])
        .args(quick_arg)
        .status()
        .is_ok_and(|s| s.success());
    if !pinned {
        println!("(taskset -c 0 failed: the one-core rows ran unpinned)");
        let _ = Command::new(&exe)
            .args(["whole", "one"])
            .args(quick_arg)
            .status();
    }
    let _ = Command::new(&exe)
        .args(["whole", "two"])
        .args(quick_arg)
        .status();
}

/// One command line.
#[derive(Clone)]
struct Cmd(Vec<OsString>);

impl Cmd {
    fn new(bin: &Path) -> Cmd {
        Cmd(vec![bin.as_os_str().to_owned()])
    }

    fn arg(mut self, a: impl Into<OsString>) -> Cmd {
        self.0.push(a.into());
        self
    }

    fn args<I: IntoIterator<Item = A>, A: Into<OsString>>(mut self, it: I) -> Cmd {
        self.0.extend(it.into_iter().map(Into::into));
        self
    }

    /// Seconds from spawn to exit, output thrown away.
    fn time(&self) -> f64 {
        let t = Instant::now();
        let status = Command::new(&self.0[0])
            .args(&self.0[1..])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        let secs = t.elapsed().as_secs_f64();
        match status {
            // check exits 1 when it finds something: that is a finished run.
            Ok(s) if matches!(s.code(), Some(0 | 1)) => secs,
            _ => f64::NAN,
        }
    }

    /// Peak RSS in MB, from one run under `/usr/bin/time` (None where it is missing).
    fn peak_mb(&self) -> Option<f64> {
        let out = Command::new("/usr/bin/time")
            .args(["-f", "%M"])
            .args(&self.0)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .output()
            .ok()?;
        let err = String::from_utf8_lossy(&out.stderr);
        let kb: f64 = err.lines().last()?.trim().parse().ok()?;
        Some(kb / 1024.0)
    }
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n == 0 {
        f64::NAN
    } else if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// `pairs` interleaved runs of `a` and `b` (one of each not counted first, to warm the page
/// cache): the median of each and of the ratios a/b pair by pair.
fn paired(a: &Cmd, b: &Cmd, pairs: usize) -> (f64, f64, f64) {
    a.time();
    b.time();
    let (mut ta, mut tb, mut r) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..pairs {
        // Alternate who goes first, so neither always runs right after the other.
        let (x, y) = if i % 2 == 0 {
            let x = a.time();
            (x, b.time())
        } else {
            let y = b.time();
            (a.time(), y)
        };
        ta.push(x);
        tb.push(y);
        r.push(x / y);
    }
    (median(&mut ta), median(&mut tb), median(&mut r))
}

/// What a row is measured against.
enum Target {
    /// cydlint at most this many ms.
    Ms(f64),
    /// cydlint at most k × bare + c ms.
    Affine(f64, f64),
    /// cydlint / bare at most this.
    Ratio(f64),
    /// bare / cydlint (a speed-up: the "bare" side is the same command on one core) at least.
    SpeedUp(f64),
}

struct Row<'a> {
    work: &'a str,
    cores: u32,
    cydlint: Cmd,
    bare: Cmd,
    pairs: usize,
    target: Target,
    /// The largest file's size in MB, for the RSS limit.
    largest_mb: f64,
}

fn mb_of(p: &Path) -> f64 {
    std::fs::metadata(p).map(|m| m.len() as f64).unwrap_or(0.0) / (1 << 20) as f64
}

fn print_row(row: Row<'_>) {
    let (c, b, ratio) = paired(&row.cydlint, &row.bare, row.pairs);
    let (cms, bms) = (c * 1e3, b * 1e3);
    let (target, met) = match row.target {
        Target::Ms(ms) => (format!("≤ {ms:.0} ms"), cms <= ms),
        Target::Affine(k, ms) => (
            format!("≤ {k} × bare + {ms:.0} ms = {:.1} ms", k * bms + ms),
            cms <= k * bms + ms,
        ),
        Target::Ratio(k) => (format!("≤ {k} × bare"), ratio <= k),
        Target::SpeedUp(k) => (format!("speed-up ≥ {k} ×"), 1.0 / ratio >= k),
    };
    let shown_ratio = match row.target {
        Target::SpeedUp(_) => format!("speed-up {:.2} ×", 1.0 / ratio),
        _ => format!("{ratio:.2}"),
    };
    let limit = 2.0 * row.largest_mb + 30.0;
    let rss = match row.cydlint.peak_mb() {
        Some(m) => format!(
            "{m:.0} ({limit:.0}: {})",
            if m <= limit { "met" } else { "NOT met" }
        ),
        None => "—".into(),
    };
    println!(
        "| {} | {} | {bms:.1} | {cms:.1} | {shown_ratio} | {target} | {} | {rss} |",
        row.work,
        row.cores,
        if met { "met" } else { "NOT met" }
    );
}

/// The rows of one driver: `one` (pinned by the caller to one processor) or `two`.
pub fn rows(which: &str, quick: bool) {
    let Bins { cydlint, bare } = bins();
    let dir = super::bench_dir();
    let corpus = super::corpus_dir();
    let check = |paths: &[PathBuf], separate: bool| {
        let mut c = Cmd::new(&cydlint).args(["check", "--no-config", "--format", "json"]);
        if separate {
            c = c.arg("--separate");
        }
        c.args(paths.iter().map(|p| p.as_os_str().to_owned()))
    };
    let bare_of =
        |paths: &[PathBuf]| Cmd::new(&bare).args(paths.iter().map(|p| p.as_os_str().to_owned()));
    let parallel: Vec<PathBuf> = (0..8)
        .map(|i| dir.join(format!("parallel-{i}.htm")))
        .collect();
    let ten_mb = mb_of(&parallel[0]);
    if which == "two" {
        let one_core =
            Cmd(["taskset", "-c", "0"].map(OsString::from).to_vec()).args(check(&parallel, true).0);
        print_row(Row {
            work: "8 × 10 MB, `check --separate --format json`: two cores against one",
            cores: 2,
            cydlint: check(&parallel, true),
            bare: one_core,
            pairs: SLOW_PAIRS * 2,
            target: Target::SpeedUp(1.7),
            largest_mb: ten_mb,
        });
        return;
    }
    let empty = vec![dir.join("empty.htm")];
    print_row(Row {
        work: "start-up: `<html></html>` (no sentence)",
        cores: 1,
        cydlint: check(&empty, false),
        bare: bare_of(&empty),
        pairs: PAIRS * 2,
        target: Target::Ms(5.0),
        largest_mb: mb_of(&empty[0]),
    });
    let one_line = vec![dir.join("one-line.htm")];
    print_row(Row {
        work: "start-up: a 1-line file (an Item 1C sentence)",
        cores: 1,
        cydlint: check(&one_line, false),
        bare: bare_of(&one_line),
        pairs: PAIRS * 2,
        target: Target::Ms(5.0),
        largest_mb: mb_of(&one_line[0]),
    });
    let files = super::corpus_files(&corpus);
    if let Some(tenk) = super::largest_10k(&corpus) {
        let name = format!(
            "one real 10-K ({}, {:.1} MB)",
            tenk.file_name().unwrap_or_default().to_string_lossy(),
            mb_of(&tenk)
        );
        let tenk = vec![tenk];
        print_row(Row {
            work: &name,
            cores: 1,
            cydlint: check(&tenk, false),
            bare: bare_of(&tenk),
            pairs: PAIRS,
            target: Target::Affine(2.0, 5.0),
            largest_mb: mb_of(&tenk[0]),
        });
    }
    if !files.is_empty() {
        let total: f64 = files.iter().map(|p| mb_of(p)).sum();
        let largest = files.iter().map(|p| mb_of(p)).fold(0.0, f64::max);
        let name = format!(
            "the corpus ({} files, {total:.0} MB), `check --separate`",
            files.len()
        );
        print_row(Row {
            work: &name,
            cores: 1,
            cydlint: check(&files, true),
            bare: bare_of(&files),
            pairs: PAIRS,
            target: Target::Ratio(1.5),
            largest_mb: largest,
        });
        let name = format!(
            "`scorecard --format json` of the corpus ({} files)",
            files.len()
        );
        print_row(Row {
            work: &name,
            cores: 1,
            cydlint: Cmd::new(&cydlint)
                .args(["scorecard", "--format", "json"])
                .args(files.iter().map(|p| p.as_os_str().to_owned())),
            bare: bare_of(&files),
            pairs: PAIRS,
            target: Target::Ratio(1.5),
            largest_mb: largest,
        });
    }
    print_row(Row {
        work: "8 × 10 MB, `check --separate`",
        cores: 1,
        cydlint: check(&parallel, true),
        bare: bare_of(&parallel),
        pairs: SLOW_PAIRS,
        target: Target::Ratio(1.5),
        largest_mb: ten_mb,
    });
    let mut sizes = vec![10, 100];
    if !quick {
        sizes.push(300);
    }
    let mut names: Vec<String> = Vec::new();
    for layout in ["one-line", "pretty"] {
        for size in &sizes {
            names.push(format!("synthetic-{size}mb-{layout}.htm"));
        }
    }
    names.push("real-shaped-100mb.htm".into());
    for name in names {
        let path = vec![dir.join(&name)];
        if !path[0].exists() {
            continue;
        }
        let mb = mb_of(&path[0]);
        print_row(Row {
            work: &name,
            cores: 1,
            cydlint: check(&path, false),
            bare: bare_of(&path),
            pairs: if mb > 50.0 { SLOW_PAIRS } else { PAIRS },
            target: Target::Ratio(1.5),
            largest_mb: mb,
        });
    }
}
