//! The claim layer's scores on the labelled sentence set (`fixtures/judgement/`): per topic,
//! support, precision, recall and the status confusion, for the development half and the
//! test half.
//!
//! ```sh
//! cargo run --example judgement                 # both halves, tables only
//! cargo run --example judgement -- --errors     # and every miss of the development half
//! cargo run --example judgement -- FILE.tsv     # another set (misses listed with --errors)
//! ```
//!
//! The misses of `test.tsv` are never printed: the test half is read only for its scores, so
//! that nobody tunes the lexicons to it (fixtures/judgement/README.md).

use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let errors = args.iter().any(|a| a == "--errors");
    let mut files: Vec<PathBuf> = args
        .iter()
        .filter(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .collect();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/judgement");
    if files.is_empty() {
        files = vec![root.join("dev.tsv"), root.join("test.tsv")];
    }
    let lex = cydlint::claims::builtin();
    for f in files {
        let src = match std::fs::read_to_string(&f) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("{}: {e}", f.display());
                std::process::exit(2);
            }
        };
        let items = match cydlint::claims::eval::parse(&src) {
            Ok(i) => i,
            Err(e) => {
                eprintln!("{}: {e}", f.display());
                std::process::exit(2);
            }
        };
        let (counts, misses) = cydlint::claims::eval::score(lex, &items);
        println!("{} ({} sentences)", f.display(), items.len());
        print!("{}", cydlint::claims::eval::table(&counts));
        let is_test = f.file_name().is_some_and(|n| n == "test.tsv");
        if errors && !is_test {
            for m in &misses {
                let s = |x: Option<cydlint::claims::Status>| x.map_or("none", |s| s.as_str());
                println!(
                    "  {} {}: gold {} got {} — {}",
                    m.id,
                    m.topic,
                    s(m.gold),
                    s(m.got),
                    m.text
                );
            }
        }
        println!();
    }
}
