//! Embeds every `rules/*.yaml` file (the built-in rule pack) and every `rules/lexicon/*.yaml`
//! file (the claim layer's built-in lexicon) in the binary, so that adding a rule or a word
//! list is adding a file: no list to keep in step by hand.

use std::fmt::Write;

fn embed(sub: &str, name: &str, doc: &str, out_file: &str) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(sub);
    println!("cargo:rerun-if-changed={sub}");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                .map(|e| e.file_name().to_string_lossy().into_owned())
                // `pack.yaml` is the pack's own settings, not a rule (src/rules/pack.rs).
                .filter(|n| n.ends_with(".yaml") && n != "pack.yaml")
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut out = format!(
        "/// {doc}: (path relative to the crate, contents).\npub static {name}: &[(&str, &str)] = &[\n"
    );
    for n in &names {
        println!("cargo:rerun-if-changed={sub}/{n}");
        writeln!(
            out,
            "    (\"{sub}/{n}\", include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/{sub}/{n}\"))),"
        )
        .unwrap();
    }
    out.push_str("];\n");
    let dest = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join(out_file);
    std::fs::write(dest, out).unwrap();
}

fn main() {
    embed(
        "rules",
        "BUILTIN_RULES",
        "Built-in rule files",
        "builtin_rules.rs",
    );
    embed(
        "rules/lexicon",
        "BUILTIN_LEXICON",
        "Built-in lexicon files",
        "builtin_lexicon.rs",
    );
}
