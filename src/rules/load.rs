//! Loading rule packs: the built-in pack (embedded by `build.rs` from `rules/*.yaml`) and user
//! packs (`--rules DIR`, every `*.yaml`/`*.yml` below DIR except under a `fixtures` folder or
//! the pack's `lexicon` folder, which holds word lists: [`crate::claims`]).
//! Every problem of every file is collected before giving up.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::validate;
use super::{Rule, RuleSet};
use std::sync::Arc;

use crate::checks::Cx;
use crate::checks::compile::Named;
use crate::syntax::error::{RuleError, RuleErrors};
use crate::syntax::packed::File;

include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// The built-in pack's `pack.yaml` (its docs URL and scorecard rows).
pub static BUILTIN_PACK: (&str, &str) = (
    "rules/pack.yaml",
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/rules/pack.yaml")),
);

/// A pack's `pack.yaml`, if it has one (what could be read of it), adding its problems to
/// `errors`.
fn pack_file(
    dir: &Path,
    lexicon: &Arc<crate::claims::Lexicon>,
    inherited: &Arc<Named>,
    errors: &mut Vec<RuleError>,
) -> Option<super::pack::Pack> {
    let p = dir.join(super::pack::FILE);
    if !p.is_file() {
        return None;
    }
    let display = p.display().to_string();
    match read_rule_file(&p, &display) {
        Ok(src) => {
            let (pack, errs) = super::pack::parse(&display, &src, lexicon, inherited);
            errors.extend(errs);
            Some(pack)
        }
        Err(e) => {
            errors.push(e);
            None
        }
    }
}

/// Parses and validates one rule file's text.
pub fn load_one(
    path: &Path,
    display: &str,
    src: &str,
    builtin: bool,
    lexicon: &std::sync::Arc<crate::claims::Lexicon>,
    conditions: &Arc<Named>,
    errors: &mut Vec<RuleError>,
) -> Option<Rule> {
    load_file(
        path,
        display,
        File::User(src),
        builtin,
        lexicon,
        conditions,
        errors,
    )
}

/// [`load_one`] for a file that may be built in, with its tree parsed at build time
/// ([`crate::syntax::packed`]).
fn load_file(
    path: &Path,
    display: &str,
    file: File<'_>,
    builtin: bool,
    lexicon: &std::sync::Arc<crate::claims::Lexicon>,
    conditions: &Arc<Named>,
    errors: &mut Vec<RuleError>,
) -> Option<Rule> {
    let mut cx =
        Cx::shared(display, file.source(), lexicon.clone()).with_conditions(conditions.clone());
    // The built-in pack's patterns are tested to compile with the built-in lexicon: compiled
    // on first use. With a pack's lexicon the word lists of its guards may have grown past the
    // size limit, which must be reported now, as always.
    cx.lazy = builtin && std::sync::Arc::ptr_eq(lexicon, &crate::claims::builtin_arc());
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let rule = match file.tree() {
        Ok(root) => {
            let rule = validate::rule(&mut cx, &root, stem, path, builtin);
            // Nothing borrows the tree: dropped now, so that the next file's tree is made in
            // its memory (left to the exit, the 101 built-in files' trees grew the heap by
            // about 400 KB, each page of it faulted in once).
            drop(root);
            rule
        }
        Err(e) => {
            cx.err(e.span, e.message);
            None
        }
    };
    errors.extend(cx.base.errors);
    rule
}

/// Reads a rule file as UTF-8 text.
fn read_rule_file(p: &Path, display: &str) -> Result<String, RuleError> {
    let err = |message: String| RuleError {
        file: display.to_owned(),
        source: Default::default(),
        span: 0..0,
        message,
    };
    let bytes = std::fs::read(p).map_err(|e| err(format!("cannot read: {e}")))?;
    String::from_utf8(bytes).map_err(|_| err("rule file is not UTF-8".into()))
}

/// The rule files of a user pack directory, sorted.
pub fn pack_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    if !dir.is_dir() {
        return Err(format!("{}: not a directory", dir.display()));
    }
    let mut out = Vec::new();
    for e in WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0
                || (e.file_name() != "fixtures"
                    && e.file_name() != "lexicon"
                    && !(e.depth() == 1 && e.file_name() == super::pack::FILE))
        })
    {
        let e = e.map_err(|e| format!("{}: {e}", dir.display()))?;
        let p = e.path();
        if e.file_type().is_file()
            && matches!(
                p.extension().and_then(|x| x.to_str()),
                Some("yaml") | Some("yml")
            )
        {
            out.push(p.to_path_buf());
        }
    }
    Ok(out)
}

/// Validates rule files — a user pack's on rayon's pool (compiling their patterns is most of
/// its load, and rules are independent), the built-in pack's on this thread — then adds their
/// rules and errors in file order.
fn load_parallel<T: Sync>(
    files: &[T],
    builtin: bool,
    lexicon: &std::sync::Arc<crate::claims::Lexicon>,
    conditions: &Arc<Named>,
    source: impl Fn(&T) -> Result<(&Path, &str, File<'_>), RuleError> + Sync,
    rules: &mut Vec<Rule>,
    errors: &mut Vec<RuleError>,
) {
    use rayon::prelude::*;
    let one = |f: &T| match source(f) {
        Ok((path, display, file)) => {
            let mut errs = Vec::new();
            let r = load_file(path, display, file, builtin, lexicon, conditions, &mut errs);
            (r, errs)
        }
        Err(e) => (None, vec![e]),
    };
    // The built-in pack is validated on this thread: its patterns are compiled on first use,
    // so it is a few million instructions, less than starting rayon's pool costs (threads, a
    // malloc arena per thread faulted in page by page). A user pack compiles its patterns now.
    // On this thread each rule goes straight into `rules`, whose room is made once: no list of
    // all the rules beside it, and no copies of it as it grows.
    if builtin {
        rules.reserve(files.len());
        for f in files {
            let (r, errs) = one(f);
            errors.extend(errs);
            rules.extend(r);
        }
        return;
    }
    let loaded: Vec<(Option<Rule>, Vec<RuleError>)> = files.par_iter().map(one).collect();
    rules.reserve(loaded.len());
    for (r, errs) in loaded {
        errors.extend(errs);
        rules.extend(r);
    }
}

/// Loads the built-in pack (unless `no_builtin`) and the user packs, with the claim layer's
/// lexicon: the built-in one, extended by the packs' `lexicon/` folders (the built-in
/// lexicon is knowledge, not rules: `--no-builtin` keeps it).
pub fn load(user_dirs: &[PathBuf], no_builtin: bool) -> Result<RuleSet, RuleErrors> {
    let mut errors = Vec::new();
    let mut rules: Vec<Rule> = Vec::new();
    let lexicon = if user_dirs
        .iter()
        .any(|d| !crate::claims::pack_files(d).is_empty())
    {
        match crate::claims::load(user_dirs, false) {
            Ok(l) => std::sync::Arc::new(l),
            Err(e) => return Err(RuleErrors(e)),
        }
    } else {
        crate::claims::builtin_arc()
    };
    // Each pack's settings, and how many of `rules` came from the packs before it.
    let mut packs: Vec<(Option<super::pack::Pack>, usize)> = Vec::new();
    // The built-in pack's named conditions, in reach of every pack's rules.
    let mut builtin_conditions: Arc<Named> = Arc::default();
    if !no_builtin {
        let (pack, errs) = super::pack::parse_file(
            BUILTIN_PACK.0,
            File::BuiltIn(BUILTIN_PACK.1, BUILTIN_PACK_TREE),
            &lexicon,
            &builtin_conditions,
        );
        errors.extend(errs);
        builtin_conditions = pack.conditions.clone();
        let files: Vec<(&str, File<'_>)> = BUILTIN_RULES
            .iter()
            .zip(BUILTIN_RULES_TREES)
            .map(|((path, src), tree)| (*path, File::BuiltIn(src, tree)))
            .collect();
        load_parallel(
            &files,
            true,
            &lexicon,
            &builtin_conditions,
            |(path, file)| Ok((Path::new(*path), *path, *file)),
            &mut rules,
            &mut errors,
        );
        packs.push((Some(pack), rules.len()));
    }
    for dir in user_dirs {
        let pack = pack_file(dir, &lexicon, &builtin_conditions, &mut errors);
        let conditions = pack
            .as_ref()
            .map_or_else(|| builtin_conditions.clone(), |p| p.conditions.clone());
        let files = match pack_files(dir) {
            Ok(f) => f,
            Err(msg) => {
                errors.push(RuleError {
                    file: dir.display().to_string(),
                    source: Default::default(),
                    span: 0..0,
                    message: msg,
                });
                continue;
            }
        };
        // Read in order, then validate in parallel as the built-in pack.
        let read: Vec<Result<(PathBuf, String, String), RuleError>> = files
            .into_iter()
            .map(|p| {
                let display = p.display().to_string();
                read_rule_file(&p, &display).map(|src| (p, display, src))
            })
            .collect();
        load_parallel(
            &read,
            false,
            &lexicon,
            &conditions,
            |item| match item {
                Ok((p, display, src)) => Ok((p.as_path(), display.as_str(), File::User(src))),
                Err(e) => Err(e.clone()),
            },
            &mut rules,
            &mut errors,
        );
        packs.push((pack, rules.len()));
    }
    // A rule's docs link: its own, else its pack's; its scorecard rows: its own and those
    // any pack gives it.
    let mut from = 0;
    for (pack, to) in &packs {
        for r in &mut rules[from..*to] {
            if r.docs_url.is_none() {
                r.docs_url = pack.as_ref().and_then(|p| p.url_of(&r.id));
            }
        }
        from = *to;
    }
    let ids: Vec<String> = rules.iter().map(|r| r.id.clone()).collect();
    let id_refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    for (pack, _) in &packs {
        let Some(pack) = pack else { continue };
        errors.extend(pack.unmatched(&id_refs));
        for r in &mut rules {
            for row in pack.rows_of(&r.id) {
                if !r.scorecard.iter().any(|x| x == row) {
                    r.scorecard.push(row.to_owned());
                }
            }
        }
    }
    // Ids are unique across packs.
    let mut seen: std::collections::BTreeMap<String, String> = Default::default();
    for r in &rules {
        if let Some(first) = seen.get(&r.id) {
            let at = r.source.find("id:").unwrap_or(0);
            errors.push(RuleError {
                file: r.path.display().to_string(),
                source: std::sync::Arc::new(r.source.clone()),
                span: at..at + 3,
                message: format!("duplicate rule id `{}` (also defined in {first})", r.id),
            });
        } else {
            seen.insert(r.id.clone(), r.path.display().to_string());
        }
    }
    if errors.is_empty() {
        Ok(RuleSet::new(rules).with_lexicon(lexicon))
    } else {
        Err(RuleErrors(errors))
    }
}

#[cfg(test)]
mod builtin_trees {
    use crate::syntax::{packed, yaml};

    /// The trees `build.rs` stored for the built-in files are what the parser makes of them
    /// at run time: every node, text and span.
    #[test]
    fn every_stored_tree_is_the_parse_of_its_file() {
        let lexicon = crate::claims::BUILTIN_LEXICON
            .iter()
            .zip(crate::claims::BUILTIN_LEXICON_TREES);
        let rules = super::BUILTIN_RULES.iter().zip(super::BUILTIN_RULES_TREES);
        let pack = [(&super::BUILTIN_PACK, &super::BUILTIN_PACK_TREE)];
        assert_eq!(super::BUILTIN_RULES.len(), super::BUILTIN_RULES_TREES.len());
        assert_eq!(
            crate::claims::BUILTIN_LEXICON.len(),
            crate::claims::BUILTIN_LEXICON_TREES.len()
        );
        let mut n = 0;
        for ((path, src), tree) in rules.chain(lexicon).chain(pack) {
            let mut parsed = yaml::parse(src).unwrap_or_else(|e| panic!("{path}: {e:?}"));
            // A lexicon file's class lists that the table gives are stored cut to one item.
            if let Some(file) = crate::claims::BUILTIN_LEXICON
                .iter()
                .position(|(_, s)| std::ptr::eq(*s, *src))
            {
                let file = u16::try_from(file).unwrap();
                packed::cut_class_lists(&mut parsed, |class, how| {
                    crate::claims::lexicon::has_builtin_group(file, class, how)
                });
            }
            assert!(!tree.is_empty(), "{path}: no tree stored");
            assert_eq!(packed::decode(tree, src).as_ref(), Some(&parsed), "{path}");
            assert_eq!(
                packed::File::BuiltIn(src, tree).tree(),
                Ok(parsed),
                "{path}"
            );
            n += 1;
        }
        assert!(n > 100, "only {n} files");
    }
}

#[cfg(test)]
mod builtin_patterns {
    /// The built-in pack's patterns are compiled on first use (`syntax::pattern::LazyRegex`),
    /// so a search must never meet one that does not compile: every one does, with cydlint's
    /// limits. (A pattern only a user pack has is compiled when the pack is loaded.)
    #[test]
    fn every_builtin_pattern_compiles() {
        let rules = super::load(&[], false).expect("the built-in pack loads");
        assert!(rules.len() > 50);
        let (n, bad) = crate::syntax::pattern::compile_all();
        assert!(n > 20, "only {n} patterns");
        assert!(bad.is_empty(), "{bad:?}");
    }

    /// Every pattern whose automata build.rs stores (`syntax::stored`) is one the built-in
    /// pack makes: a rule whose pattern changed is a line of `src/syntax/stored-patterns.txt`
    /// to change.
    #[test]
    fn every_stored_pattern_is_a_builtin_one() {
        super::load(&[], false).expect("the built-in pack loads");
        let made = crate::syntax::pattern::patterns_made();
        let stored = crate::syntax::stored::patterns();
        assert!(stored.len() >= 12, "{} stored", stored.len());
        for p in stored {
            assert!(made.iter().any(|m| m == p), "{p:?} is no built-in pattern");
        }
    }

    /// Every pattern whose line-filter literals are listed (`checks::prefilter`'s `KNOWN`)
    /// is one the built-in pack makes: a rule whose pattern changed is an entry to change.
    #[test]
    fn every_known_filter_pattern_is_a_builtin_one() {
        super::load(&[], false).expect("the built-in pack loads");
        let made = crate::syntax::pattern::patterns_made();
        let known = crate::checks::prefilter::known_patterns();
        assert!(known.len() >= 14, "{} listed", known.len());
        for p in known {
            assert!(made.iter().any(|m| m == p), "{p:?} is no built-in pattern");
        }
    }

    /// What the built-in pack skips at load time (its patterns compiled, a whole-string
    /// pattern parsed alone) it passes: every built-in rule file, validated as a user's is,
    /// has no error.
    #[test]
    fn builtin_rules_validate_eagerly() {
        let lexicon = crate::claims::builtin_arc();
        let (pack, mut errors) = crate::rules::pack::parse(
            super::BUILTIN_PACK.0,
            super::BUILTIN_PACK.1,
            &lexicon,
            &Default::default(),
        );
        assert!(!pack.conditions.is_empty());
        for (path, src) in super::BUILTIN_RULES {
            let rule = super::load_one(
                std::path::Path::new(path),
                path,
                src,
                false,
                &lexicon,
                &pack.conditions,
                &mut errors,
            );
            assert!(rule.is_some(), "{path}");
        }
        let msgs: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        assert!(msgs.is_empty(), "{msgs:#?}");
    }
}
