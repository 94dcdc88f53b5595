//! The claim layer's scores on the labelled sentence set (`fixtures/judgement/`): per topic,
//! support, precision, recall and the status confusion, for the development and test halves
//! and every blind batch.
//!
//! ```sh
//! cargo run --example judgement                 # every set, tables only
//! cargo run --example judgement -- --errors     # and every miss of the development half
//! cargo run --example judgement -- FILE.tsv     # another set (misses listed with --errors)
//! cargo run --example judgement -- --lexicon rules FILE.tsv  # DIR/lexicon/*.yaml read at run
//!                                                # time instead of the built-in lexicon
//! ```
//!
//! The misses of the held-out sets (`test.tsv` and the blind batches in
//! `cydlint::claims::eval::HELD_OUT`) are never printed: the test half is read only for its scores, so
//! that nobody tunes the lexicons to it (fixtures/judgement/README.md).

use std::io::Write;
use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let errors = args.iter().any(|a| a == "--errors");
    // `--lexicon DIR`: the lexicon files of DIR/lexicon, read now, so that an edit to them is
    // measured without rebuilding the crate (which embeds the built-in lexicon).
    let lexicon_dir = args
        .iter()
        .position(|a| a == "--lexicon")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from);
    let mut files: Vec<PathBuf> = args
        .iter()
        .enumerate()
        .filter(|(i, a)| !(a.starts_with("--") || (*i > 0 && args[*i - 1] == "--lexicon")))
        .map(|(_, a)| PathBuf::from(a))
        .collect();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/judgement");
    if files.is_empty() {
        // Every set in the folder: the two halves first, then the blind batches in the order
        // they were written (a … z, ab … cb: shorter names first), then the authors' own.
        files = std::fs::read_dir(&root)
            .map(|d| {
                d.filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
                    .collect()
            })
            .unwrap_or_default();
        let rank = |p: &PathBuf| {
            let stem = p
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let group = match stem.as_str() {
                "dev" => 0,
                "test" => 1,
                s if s.starts_with("blind-") => 2,
                _ => 3,
            };
            (group, stem.len(), stem)
        };
        files.sort_by_key(rank);
    }
    // A folder with no `lexicon/` in it would load an empty lexicon and score every topic at
    // zero: say so and stop, rather than print tables that look like a broken layer.
    if let Some(dir) = &lexicon_dir
        && !dir.join("lexicon").is_dir()
    {
        eprintln!(
            "--lexicon {}: no folder `lexicon` in it (name the pack folder, e.g. `rules`)",
            dir.display()
        );
        std::process::exit(2);
    }
    let loaded;
    let lex = match &lexicon_dir {
        None => cydlint::claims::builtin(),
        Some(dir) => match cydlint::claims::load(std::slice::from_ref(dir), true) {
            Ok(l) => {
                loaded = l;
                &loaded
            }
            Err(errors) => {
                for e in errors {
                    eprintln!("{}: {}", e.file, e.message);
                }
                std::process::exit(2);
            }
        },
    };
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
        let mut text = format!("{} ({} sentences)\n", f.display(), items.len());
        text.push_str(&cydlint::claims::eval::table(&counts));
        // Held-out sets: read for their scores only (fixtures/judgement/README.md).
        let is_test = f.extension().is_some_and(|e| e == "tsv")
            && f.file_stem()
                .is_some_and(|n| cydlint::claims::eval::HELD_OUT.iter().any(|h| n == *h));
        if errors && !is_test {
            for m in &misses {
                let s = |x: Option<cydlint::claims::Status>| x.map_or("none", |s| s.as_str());
                text.push_str(&format!(
                    "  {} {}: gold {} got {} — {}\n",
                    m.id,
                    m.topic,
                    s(m.gold),
                    s(m.got),
                    m.text
                ));
            }
        }
        text.push('\n');
        // A reader that stops early (`… | head`) ends the run quietly, as the binary does.
        if std::io::stdout().lock().write_all(text.as_bytes()).is_err() {
            return;
        }
    }
}
