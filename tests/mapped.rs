//! Input files mapped and read (docs/performance.md, the sixteenth round): `SourceFile::open`
//! maps a regular file of a megabyte or more, `SourceFile::open_read` never maps; the filings
//! read from either, and the built-in rules' findings on them, are the same — on every corpus
//! filing and on large files of every kind the reader meets.

use std::path::{Path, PathBuf};

use cydlint::engine;
use cydlint::source::SourceFile;

use crate::common::{shared, tempdir};

/// The filing read from `paths` opened both ways must be the same, field for field, and so
/// must the built-in rules' findings on it; returns how many files `open` mapped and the
/// findings' count.
fn alike(paths: &[PathBuf], rules: &cydlint::rules::RuleSet) -> (usize, usize) {
    let mapped: Vec<SourceFile> = paths.iter().map(|p| SourceFile::open(p).unwrap()).collect();
    let read: Vec<SourceFile> = paths
        .iter()
        .map(|p| SourceFile::open_read(p).unwrap())
        .collect();
    let n = mapped.iter().filter(|f| f.text.is_mapped()).count();
    assert!(read.iter().all(|f| !f.text.is_mapped()));
    for (m, r) in mapped.iter().zip(&read) {
        assert_eq!(m.bytes(), r.bytes(), "{}", m.path.display());
        assert_eq!(m.text.as_str(), r.text.as_str(), "{}", m.path.display());
    }
    let (a, b) = (
        cydlint::read::read_sources(mapped),
        cydlint::read::read_sources(read),
    );
    assert_eq!(format!("{a:?}"), format!("{b:?}"), "{paths:?}");
    let opts = engine::Options::default();
    let (fa, fb) = (
        engine::run(rules, &a, &opts).findings,
        engine::run(rules, &b, &opts).findings,
    );
    assert_eq!(format!("{fa:?}"), format!("{fb:?}"), "{paths:?}");
    (n, fa.len())
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

#[test]
fn every_corpus_filing_reads_alike_mapped_or_read() {
    let Some(shared) = shared() else { return };
    let rules = cydlint::rules::load::load(&[], false).unwrap();
    let root = shared.join("corpus/filings");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert_eq!(dirs.len(), 8, "{dirs:?}");
    let (mut mapped, mut findings, mut files) = (0, 0, 0);
    for d in &dirs {
        let paths = files_in(d);
        files += paths.len();
        let (n, f) = alike(&paths, &rules);
        mapped += n;
        findings += f;
    }
    // Every corpus file is a megabyte or more, UTF-8 without a BOM: all mapped.
    assert_eq!(mapped, files);
    assert!(findings > 0);
}

/// Large files (past the mapping's megabyte) of every kind: UTF-8 with and without a BOM,
/// Windows-1252, UTF-16, binary bytes, UTF-8 cut inside its last character, NUL bytes, a
/// filing's markup repeated; each read alike both ways, none panics.
#[test]
fn large_files_of_every_kind_read_alike_mapped_or_read() {
    let dir = tempdir("mapped");
    let rules = cydlint::rules::load::load(&[], false).unwrap();
    let body = "<html><body><p>Item 1C. Cybersecurity. We have a program, overseen by the board’s audit committee.</p>\n"
        .repeat(12_000)
        + "</body></html>\n";
    assert!(body.len() > 1 << 20);
    let mut utf16 = vec![0xFF, 0xFE];
    for u in body.encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(body.as_bytes());
    let cp1252 = body
        .replace('’', "'")
        .into_bytes()
        .into_iter()
        .chain(*b"caf\xe9 \x92")
        .collect();
    let binary: Vec<u8> = (0..1_200_000u64).map(|i| (i * 7919 % 251) as u8).collect();
    let mut cut = body.clone().into_bytes();
    cut.extend_from_slice(b"\xE2\x80");
    let nul = body.replace("We have", "We\0have").into_bytes();
    let cases: [(&str, Vec<u8>, bool); 7] = [
        ("plain.htm", body.clone().into_bytes(), true),
        ("bom.htm", bom, false),
        ("cp1252.htm", cp1252, false),
        ("utf16.htm", utf16, false),
        ("binary.htm", binary, false),
        ("cut.htm", cut, false),
        ("nul.htm", nul, true),
    ];
    for (name, bytes, maps) in cases {
        let p = dir.join(name);
        std::fs::write(&p, &bytes).unwrap();
        let (n, _) = alike(std::slice::from_ref(&p), &rules);
        assert_eq!(n == 1, maps, "{name}");
    }
    let (n, findings) = alike(&[dir.join("plain.htm"), dir.join("cp1252.htm")], &rules);
    assert_eq!(n, 1);
    assert!(findings > 0);
}

/// `--no-mmap` reads every file (for inputs another process may truncate during a run): the
/// limits it sets keep `read_set_with` from mapping a large file, and `check`, `facts` and
/// `scorecard` print with it what they print without it.
#[test]
fn no_mmap_reads_every_file_and_changes_no_output() {
    let dir = tempdir("no-mmap");
    let p = dir.join("large.htm");
    let body = "<html><body><p>Item 1C. Cybersecurity. We have a program, overseen by the board’s audit committee.</p>\n"
        .repeat(12_000)
        + "</body></html>\n";
    assert!(body.len() > 1 << 20);
    std::fs::write(&p, &body).unwrap();
    let with = |map_files: bool| {
        cydlint::read::read_set_with(
            std::slice::from_ref(&p),
            &cydlint::read::Limits {
                map_files,
                ..Default::default()
            },
        )
    };
    let (mapped, read) = (with(true), with(false));
    assert!(mapped.files[0].text.is_mapped());
    assert!(!read.files[0].text.is_mapped());
    assert_eq!(format!("{mapped:?}"), format!("{read:?}"));
    let path = p.to_str().unwrap();
    for args in [
        vec!["check", "--no-config", "--format", "json", path],
        vec!["facts", path],
        vec!["scorecard", "--no-config", "--format", "json", path],
    ] {
        let default = crate::common::run(&args);
        let mut no_mmap = args.clone();
        no_mmap.insert(1, "--no-mmap");
        let no_mmap = crate::common::run(&no_mmap);
        assert_eq!(default.0, no_mmap.0, "{args:?}");
        // The scorecard states when it was made, to the second.
        let undated = |out: &str| {
            out.split_once("\"generated\": \"")
                .and_then(|(head, rest)| Some(format!("{head}{}", rest.split_once('"')?.1)))
                .unwrap_or_else(|| out.to_owned())
        };
        assert_eq!(undated(&default.1), undated(&no_mmap.1), "{args:?}");
        assert!(!default.1.is_empty(), "{args:?}");
    }
}
