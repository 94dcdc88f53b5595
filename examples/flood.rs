//! The flood benchmark (issue 19): one Inline XBRL 10-K holding 300,000 copies of one cyd
//! fact, checked through the command line's own path (`cydlint::run`, JSON report) on one
//! thread. `cargo run --release --example flood` prints the report's size, the findings it
//! lists, how many were folded and the time; docs/performance.md keeps the last figures.
//! `--no-fold` measures the unfolded report too (about a gigabyte; slow).
//!
//! Targets: a JSON report under 1 MB, in under 5 s on one core.

use std::time::Instant;

use clap::Parser;

const HEAD: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL" xmlns:ixt="http://www.xbrl.org/inlineXBRL/transformation/2020-02-12" xmlns:xbrli="http://www.xbrl.org/2003/instance" xmlns:dei="http://xbrl.sec.gov/dei/2025" xmlns:cyd="http://xbrl.sec.gov/cyd/2025">
<head><title>Flood</title></head><body>
<div style="display:none"><ix:header><ix:resources><xbrli:context id="c-1"><xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">0000000001</xbrli:identifier></xbrli:entity><xbrli:period><xbrli:startDate>2025-01-01</xbrli:startDate><xbrli:endDate>2025-12-31</xbrli:endDate></xbrli:period></xbrli:context></ix:resources></ix:header></div>
<div><span>FORM <ix:nonNumeric name="dei:DocumentType" contextRef="c-1" id="f-1">10-K</ix:nonNumeric> for the fiscal year ended <ix:nonNumeric name="dei:DocumentPeriodEndDate" contextRef="c-1" format="ixt:date-monthname-day-year-en" id="f-2">December 31, 2025</ix:nonNumeric></span></div>
<div><span style="font-weight:bold">Item 1C. Cybersecurity</span></div>
<div><span>We assess and manage cybersecurity risks through our information security program.</span></div>
"#;

const FACT: &str = r#"<div><ix:nonNumeric name="cyd:CybersecurityRiskMateriallyAffectedOrReasonablyLikelyToMateriallyAffectRegistrantFlag" contextRef="c-1" format="ixt:fixed-false">No</ix:nonNumeric></div>
"#;

/// A writer that counts bytes.
struct Count(usize);

impl std::io::Write for Count {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0 += b.len();
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn main() {
    let unfolded = std::env::args().any(|a| a == "--no-fold");
    rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build_global()
        .expect("one thread");
    let dir = std::env::temp_dir().join(format!("cydlint-flood-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("flood.htm");
    let mut doc = String::with_capacity(HEAD.len() + FACT.len() * 300_000 + 64);
    doc.push_str(HEAD);
    for _ in 0..300_000 {
        doc.push_str(FACT);
    }
    doc.push_str("<div><span>Item 2. Properties</span></div></body></html>\n");
    std::fs::write(&path, &doc).expect("write the flood file");
    let mut runs = vec![false];
    if unfolded {
        runs.push(true);
    }
    for no_fold in runs {
        let mut argv = vec!["cydlint", "check", "--format", "json", "--no-config"];
        if no_fold {
            argv.push("--no-fold");
        }
        let p = path.display().to_string();
        argv.push(&p);
        let args = cydlint::cli::Args::try_parse_from(argv).expect("arguments");
        let mut out = Count(0);
        let mut err = Vec::new();
        let t = Instant::now();
        let status = cydlint::run(args, &mut out, &mut err);
        let secs = t.elapsed().as_secs_f64();
        println!(
            "flood (300,000 copies of one cyd fact, {:.1} MB){}: JSON report {:.1} KB, {:.2} s on one thread, exit {}",
            doc.len() as f64 / 1e6,
            if no_fold { ", --no-fold" } else { "" },
            out.0 as f64 / 1e3,
            secs,
            status.code()
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
