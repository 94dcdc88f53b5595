//! The house's floors, kept by a test: every `crate::`, `super::` and `self::` path in
//! `src/**/*.rs` (use lines and paths in code; comments are not read) is an import of the
//! file that defines the module it names, and an import may only go down the floors listed
//! once, in [`FLOORS`], or stay on its floor without closing a circle. docs/architecture.md
//! draws the same list.
//!
//! The project's own reading of its code, with no external tool: a path resolves to the
//! longest module prefix that is a file (`src/a/b.rs`, `src/a/b/mod.rs`); items of the crate
//! root (`lib.rs`: `FastMap`, `ExitStatus`, the test helpers) are shared names, not a floor.
//!
//! Nothing breaks the floors: an import that goes up one, or files or top-level modules that
//! import each other round a circle, fail the test with their names (issue #23 emptied the
//! lists of known debts that it once allowed).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::common::root;

/// The floors, from the ground up: each a name and the top-level modules of `src/` on it. A
/// module imports only from its own floor or below.
const FLOORS: &[(&str, &[&str])] = &[
    (
        "bytes and names",
        &["source", "taxonomy", "requirements", "testing"],
    ),
    ("the model", &["filing", "diagnostic", "codes"]),
    ("readers", &["read", "discover"]),
    ("rule syntax", &["syntax"]),
    ("claims", &["claims"]),
    ("check kinds", &["checks"]),
    ("rule language", &["rules"]),
    ("engine", &["engine"]),
    ("output", &["report"]),
    ("views", &["config", "plan", "scorecard", "ruletest"]),
    ("commands", &["cli", "commands"]),
];

/// One source file: its path under `src/` and its module path.
struct File {
    path: String,
    module: Vec<String>,
    text: String,
}

fn files() -> Vec<File> {
    fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|e| e == "rs") {
                out.push(p);
            }
        }
    }
    let src = root().join("src");
    let mut paths = Vec::new();
    walk(&src, &mut paths);
    paths
        .into_iter()
        .filter_map(|p| {
            let rel = p
                .strip_prefix(&src)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            // main.rs is another crate (the binary): it names the library as `cydlint::`.
            if rel == "main.rs" {
                return None;
            }
            let mut module: Vec<String> = rel
                .trim_end_matches(".rs")
                .split('/')
                .map(str::to_owned)
                .collect();
            if module.last().is_some_and(|m| m == "mod" || m == "lib") {
                module.pop();
            }
            let text = std::fs::read_to_string(&p).unwrap();
            Some(File {
                path: format!("src/{rel}"),
                module,
                text,
            })
        })
        .collect()
}

/// `text` without its comments (line comments, doc comments, block comments); string
/// literals are kept (a path inside one is rare and would be seen as an import).
fn code(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut in_str = false;
    while i < b.len() {
        let c = b[i];
        if in_str {
            if c == b'\\' {
                i += 2;
                continue;
            }
            if c == b'"' {
                in_str = false;
            }
            i += 1;
            continue;
        }
        if c == b'"' && !(i > 0 && b[i - 1] == b'\'' && b.get(i + 1) == Some(&b'\'')) {
            in_str = true;
            out.push(' ');
            i += 1;
            continue;
        }
        if c == b'/' && b.get(i + 1) == Some(&b'/') {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        if c == b'/' && b.get(i + 1) == Some(&b'*') {
            i += 2;
            while i + 1 < b.len() && !(b[i] == b'*' && b[i + 1] == b'/') {
                i += 1;
            }
            i += 2;
            continue;
        }
        let ch = text[i..].chars().next().unwrap();
        out.push(ch);
        i += ch.len_utf8();
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The paths of a use tree or path starting at `s` (after its first `::`), each a list of
/// segments: `a::{b, c::{d, e}}` → `a::b`, `a::c::d`, `a::c::e`.
fn tree(s: &str, base: &[String], out: &mut Vec<Vec<String>>) -> usize {
    let mut path = base.to_vec();
    let mut i = 0;
    let bytes = s.as_bytes();
    loop {
        while i < s.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if s[i..].starts_with('{') {
            i += 1;
            loop {
                while i < s.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b',') {
                    i += 1;
                }
                if i >= s.len() || bytes[i] == b'}' {
                    return i + 1;
                }
                i += tree(&s[i..], &path, out);
            }
        }
        let start = i;
        while i < s.len() && is_ident(s[i..].chars().next().unwrap()) {
            i += 1;
        }
        if i > start {
            path.push(s[start..i].to_owned());
        }
        if s[i..].starts_with("::") {
            i += 2;
            continue;
        }
        // ` as x`, `*`, `;`, `,`, `}`, `(`, …: the path ends here.
        out.push(path);
        while i < s.len() && !matches!(bytes[i], b',' | b'}' | b';') {
            if bytes[i] == b'{' {
                // A path used in code followed by a block (`crate::x::Y { … }`).
                break;
            }
            i += 1;
        }
        return i;
    }
}

/// The absolute module paths `f` names.
fn paths(f: &File, modules: &BTreeSet<Vec<String>>) -> Vec<Vec<String>> {
    let code = code(&f.text);
    let is_mod_rs = f.path.ends_with("/mod.rs") || f.path == "src/lib.rs";
    let inline = inline_modules(&code);
    // The module a position of the file is in: the file's, then the inline `mod x { … }`
    // blocks around it (`mod tests`, `mod test_support`).
    let module_at = |i: usize| {
        let mut m = f.module.clone();
        m.extend(
            inline
                .iter()
                .filter(|(_, r)| r.contains(&i))
                .map(|(n, _)| n.clone()),
        );
        m
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < code.len() {
        let rest = &code[i..];
        let prev = code[..i].chars().next_back();
        if prev.is_some_and(|c| is_ident(c) || c == ':') {
            i += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        }
        let mut base: Option<Vec<String>> = None;
        let mut skip = 0;
        if rest.starts_with("crate::") {
            base = Some(Vec::new());
            skip = "crate::".len();
        } else if rest.starts_with("self::") {
            base = Some(module_at(i));
            skip = "self::".len();
        } else if rest.starts_with("super::") {
            let mut m = module_at(i);
            let mut r = rest;
            m.pop();
            skip = "super::".len();
            r = &r[skip..];
            while r.starts_with("super::") {
                m.pop();
                r = &r["super::".len()..];
                skip += "super::".len();
            }
            base = Some(m);
        } else if rest.starts_with("use ") || rest.starts_with("pub use ") {
            // A child module named without `self::` (`pub use lexicon::Lexicon;`).
            let after = rest.trim_start_matches("pub ").trim_start_matches("use ");
            let name: String = after.chars().take_while(|&c| is_ident(c)).collect();
            let mut child = if is_mod_rs {
                f.module.clone()
            } else {
                f.module[..f.module.len().saturating_sub(1)].to_vec()
            };
            if is_mod_rs {
                child.push(name.clone());
            }
            if !name.is_empty() && is_mod_rs && modules.contains(&child) {
                base = Some(f.module.clone());
                skip = rest.len() - after.len();
            }
        }
        match base {
            Some(b) => {
                let n = tree(&rest[skip..], &b, &mut out);
                i += skip + n.max(1);
            }
            None => i += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    out
}

/// The inline modules of a file's code (`mod x { … }`), each with its byte range, outermost
/// first.
fn inline_modules(code: &str) -> Vec<(String, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(k) = code[from..].find("mod ") {
        let at = from + k;
        from = at + 4;
        if code[..at].chars().next_back().is_some_and(is_ident) {
            continue;
        }
        let name: String = code[at + 4..]
            .chars()
            .take_while(|&c| is_ident(c))
            .collect();
        let after = code[at + 4 + name.len()..].trim_start();
        if name.is_empty() || !after.starts_with('{') {
            continue;
        }
        let open = code.len() - after.len();
        let mut depth = 0usize;
        let mut end = code.len();
        for (j, c) in code[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = open + j;
                        break;
                    }
                }
                _ => {}
            }
        }
        out.push((name, open..end));
    }
    out
}

/// The file of the longest module prefix of `p`.
fn resolve<'a>(p: &[String], by_module: &'a BTreeMap<Vec<String>, String>) -> Option<&'a String> {
    (0..=p.len()).rev().find_map(|k| by_module.get(&p[..k]))
}

/// The floor of a file: its top-level module's; the crate root is above every floor.
fn floor(path: &str) -> usize {
    let top = path
        .trim_start_matches("src/")
        .split('/')
        .next()
        .unwrap()
        .trim_end_matches(".rs");
    if top == "lib" {
        return FLOORS.len();
    }
    FLOORS
        .iter()
        .position(|(_, ms)| ms.contains(&top))
        .unwrap_or_else(|| panic!("{path}: its module `{top}` is on no floor; add it to FLOORS (and docs/architecture.md)"))
}

/// The top-level module (folder or file) of a file.
fn top(path: &str) -> String {
    let rest = path.trim_start_matches("src/");
    match rest.split_once('/') {
        Some((d, _)) => format!("src/{d}/"),
        None => path.to_owned(),
    }
}

/// The import graph: file → files it imports.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let files = files();
    let by_module: BTreeMap<Vec<String>, String> = files
        .iter()
        .map(|f| (f.module.clone(), f.path.clone()))
        .collect();
    let modules: BTreeSet<Vec<String>> = by_module.keys().cloned().collect();
    let mut g = BTreeMap::new();
    for f in &files {
        let mut to = BTreeSet::new();
        for p in paths(f, &modules) {
            if let Some(t) = resolve(&p, &by_module)
                && *t != f.path
                && t != "src/lib.rs"
            {
                to.insert(t.clone());
            }
        }
        g.insert(f.path.clone(), to);
    }
    g
}

/// The strongly connected components of more than one node (Tarjan).
fn circles(g: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct T<'g> {
        g: &'g BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        on: BTreeSet<&'g str>,
        out: Vec<Vec<String>>,
    }
    fn visit<'g>(t: &mut T<'g>, v: &'g str) {
        let n = t.index.len();
        t.index.insert(v, n);
        t.low.insert(v, n);
        t.stack.push(v);
        t.on.insert(v);
        let g = t.g;
        for w in g.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !t.index.contains_key(w) {
                visit(t, w);
                let lw = t.low[w];
                let lv = t.low.get_mut(v).unwrap();
                *lv = (*lv).min(lw);
            } else if t.on.contains(w) {
                let iw = t.index[w];
                let lv = t.low.get_mut(v).unwrap();
                *lv = (*lv).min(iw);
            }
        }
        if t.low[v] == t.index[v] {
            let mut c = Vec::new();
            while let Some(w) = t.stack.pop() {
                t.on.remove(w);
                c.push(w.to_owned());
                if w == v {
                    break;
                }
            }
            if c.len() > 1 {
                c.sort();
                t.out.push(c);
            }
        }
    }
    let mut t = T {
        g,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in g.keys() {
        if !t.index.contains_key(v.as_str()) {
            visit(&mut t, v);
        }
    }
    t.out.sort();
    t.out
}

/// Every import goes down a floor or stays on its own.
#[test]
fn imports_go_down_the_floors() {
    let g = graph();
    let mut upward = BTreeSet::new();
    for (from, tos) in &g {
        for to in tos {
            if floor(to) > floor(from) {
                upward.insert(format!(
                    "{from} -> {to} (floor {} to {})",
                    FLOORS[floor(from)].0,
                    FLOORS[floor(to)].0
                ));
            }
        }
    }
    assert_none(&upward, "imports that go up a floor (`from -> to`)");
}

/// No circle between files, nor between top-level modules.
#[test]
fn no_circles_between_files_or_folders() {
    let g = graph();
    let mut folders: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (from, tos) in &g {
        let e = folders.entry(top(from)).or_default();
        e.extend(tos.iter().map(|t| top(t)).filter(|t| *t != top(from)));
    }
    let found: BTreeSet<String> = circles(&g)
        .into_iter()
        .chain(circles(&folders))
        .map(|c| c.join(", "))
        .collect();
    assert_none(&found, "import circles (each its members)");
}

/// Fails, naming each, when anything breaks the floors.
fn assert_none(found: &BTreeSet<String>, what: &str) {
    let lines: Vec<String> = found.iter().map(|s| format!("    {s}")).collect();
    assert!(found.is_empty(), "{what}:\n{}", lines.join("\n"));
}

/// The circle finder finds a circle, and only the files on it: a test that can fail.
#[test]
fn the_circle_finder_finds_circles() {
    let edges = [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d"), ("d", "e")];
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (from, to) in edges {
        g.entry(from.to_owned()).or_default().insert(to.to_owned());
        g.entry(to.to_owned()).or_default();
    }
    assert_eq!(circles(&g), [["a", "b", "c"]]);
    g.get_mut("c").unwrap().remove("a");
    assert!(circles(&g).is_empty());
}

/// The reading itself: a known import of each form is seen, and a path in a comment is not.
#[test]
fn the_reader_sees_every_form_of_import() {
    let g = graph();
    let has = |from: &str, to: &str| g.get(from).is_some_and(|t| t.contains(to));
    // `use crate::x::{…}` with a group.
    assert!(has("src/diagnostic.rs", "src/source.rs"));
    // `use super::…` from a file beside its mod.rs.
    assert!(has("src/rules/pack.rs", "src/rules/validate.rs"));
    // A path in code (`crate::read::read_set(…)`).
    assert!(has("src/commands/claims.rs", "src/read/mod.rs"));
    // A doc comment's link is no import: source.rs names `crate::filing::Filing` only there.
    assert!(!has("src/source.rs", "src/filing/mod.rs"));
    // Every file of the tree is read.
    assert!(g.len() > 60, "only {} files read", g.len());
}

/// docs/architecture.md draws the floors of [`FLOORS`]: each floor's line lists its modules.
#[test]
fn the_documented_floors_are_the_tested_ones() {
    let doc = std::fs::read_to_string(root().join("docs/architecture.md")).unwrap();
    for (name, modules) in FLOORS {
        let line = doc
            .lines()
            .find(|l| l.contains(&format!("[{name}]")))
            .unwrap_or_else(|| panic!("docs/architecture.md draws no floor `[{name}]`"));
        for m in *modules {
            assert!(
                line.contains(m),
                "docs/architecture.md's floor `[{name}]` does not name `{m}`: {line}"
            );
        }
    }
}

/// Every module says what it is for in its first lines (a `//!` note).
#[test]
fn every_module_says_what_it_is_for() {
    let missing: Vec<String> = files()
        .into_iter()
        .filter(|f| !f.text.trim_start().starts_with("//!"))
        .map(|f| f.path)
        .collect();
    assert!(
        missing.is_empty(),
        "modules without a `//!` note: {missing:?}"
    );
}
