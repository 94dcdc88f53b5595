//! Embeds every `rules/*.yaml` file (the built-in rule pack), `rules/pack.yaml` and every
//! `rules/lexicon/*.yaml` file (the claim layer's built-in lexicon) in the binary, so that
//! adding a rule or a word list is adding a file: no list to keep in step by hand.
//!
//! Each file is also parsed here, by the crate's own YAML reader (`src/syntax/yaml.rs`,
//! included as it is), and its tree stored beside it in the compact form of
//! `src/syntax/packed.rs`: the binary decodes the trees instead of parsing 250 KB of YAML on
//! every run. A file that does not parse gets an empty tree, and the binary parses it (and
//! reports its error) at run time.

use std::fmt::Write;
use std::path::Path;

#[allow(dead_code)]
#[path = "src/syntax/yaml.rs"]
mod yaml;

#[allow(dead_code)]
#[path = "src/syntax/packed.rs"]
mod packed;

/// Writes the tree of `sub/name` (relative to the crate) into OUT_DIR and returns the
/// expression that includes it.
fn tree(sub: &str, name: &str) -> String {
    let src_path = Path::new(env!("CARGO_MANIFEST_DIR")).join(sub).join(name);
    let tree = match std::fs::read_to_string(&src_path) {
        Ok(src) => match yaml::parse(&src) {
            Ok(node) => packed::encode(&node, &src),
            Err(_) => Vec::new(),
        },
        Err(_) => Vec::new(),
    };
    let out = format!("trees/{sub}/{name}.tree");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join(&out);
    std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
    std::fs::write(dest, tree).unwrap();
    format!("include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{out}\"))")
}

fn embed(sub: &str, name: &str, doc: &str, out_file: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(sub);
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
    writeln!(
        out,
        "/// The trees of [`{name}`], in its order, parsed at build time (`syntax::packed`)."
    )
    .unwrap();
    writeln!(out, "pub static {name}_TREES: &[&[u8]] = &[").unwrap();
    for n in &names {
        writeln!(out, "    {},", tree(sub, n)).unwrap();
    }
    out.push_str("];\n");
    if sub == "rules" {
        println!("cargo:rerun-if-changed=rules/pack.yaml");
        writeln!(
            out,
            "/// The tree of `rules/pack.yaml`, parsed at build time (`syntax::packed`).\npub static BUILTIN_PACK_TREE: &[u8] = {};",
            tree(sub, "pack.yaml")
        )
        .unwrap();
    }
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join(out_file);
    std::fs::write(dest, out).unwrap();
}

fn main() {
    // The trees are the parser's: a change to it or to their form rebuilds them.
    println!("cargo:rerun-if-changed=src/syntax/yaml.rs");
    println!("cargo:rerun-if-changed=src/syntax/packed.rs");
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
