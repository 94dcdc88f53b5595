//! Embeds every `rules/*.yaml` file (the built-in rule pack), `rules/pack.yaml` and every
//! `rules/lexicon/*.yaml` file (the claim layer's built-in lexicon) in the binary, so that
//! adding a rule or a word list is adding a file: no list to keep in step by hand.
//!
//! Each file is also parsed here, by the crate's own YAML reader (`src/syntax/yaml.rs`,
//! included as it is), and its tree stored beside it in the compact form of
//! `src/syntax/packed.rs`: the binary decodes the trees instead of parsing 250 KB of YAML on
//! every run. A file that does not parse gets an empty tree, and the binary parses it (and
//! reports its error) at run time.
//!
//! The lexicon's entries are also inflected here, by the crate's own `claims::token` and
//! `claims::morph` (included as they are), into a table of forms by entry
//! (`builtin_forms.rs`): a user lexicon's words are made from it on the first analysis. The
//! built-in lexicon's words themselves — the table the analyser finds a sentence's words in —
//! are made here too, by `claims::words` (included as it is), from its entries in the order
//! the lexicon adds them (`builtin_words.rs`), and so are the entries each built-in file adds
//! to each class, checked, expanded and without repeats, and the built-in topics' frames, read
//! as the lexicon reads them (both in `builtin_classes.rs`): a start adds those lists as they
//! are rather than entry by entry, and finds a frame's slots rather than reading its words.
//!
//! The built-in patterns listed in `src/syntax/stored-patterns.txt` are compiled here into
//! dense DFAs, forward and reverse, serialized for the target's byte order
//! (`stored_dfas.rs` and the `dfa/` files beside it): the binary loads them, checked, instead of
//! compiling those patterns on first use (`src/syntax/stored.rs`). A pattern whose DFAs cannot
//! be built gets empty ones, and the binary compiles it at run time as any other.

use std::fmt::Write;
use std::path::Path;

#[allow(dead_code)]
#[path = "src/syntax/yaml.rs"]
mod yaml;

#[allow(dead_code)]
#[path = "src/syntax/packed.rs"]
mod packed;

#[allow(dead_code)]
#[path = "src/claims/token.rs"]
mod token;

#[allow(dead_code)]
#[path = "src/claims/morph.rs"]
mod morph;

#[allow(dead_code)]
#[path = "src/claims/words.rs"]
mod words;

/// Every scalar listed under a `words`, `verbs` or `nouns` key of `node` (a class's or a
/// trigger's entries, however deep), with how it inflects; an entry with alternatives stands
/// for each of its combinations (the crate's own `claims::morph::alternatives`; one it refuses
/// is reported when the lexicon loads).
fn entries(node: &yaml::Node, out: &mut Vec<(String, morph::Inflect)>) {
    let mut raw = Vec::new();
    raw_entries(node, &mut raw);
    out.extend(raw.into_iter().flat_map(|(t, how)| {
        morph::alternatives(&t)
            .unwrap_or_default()
            .into_iter()
            .map(move |e| (e, how))
    }));
}

/// The built-in lexicon's files, parsed, in the order of their names.
fn lexicon_roots() -> Vec<yaml::Node> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/lexicon");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    names.sort();
    names
        .into_iter()
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .filter_map(|p| yaml::parse(&std::fs::read_to_string(&p).ok()?).ok())
        .collect()
}

/// Every built-in lexicon entry that holds alternatives, sorted by its text, with its
/// combinations (`claims::morph::alternatives`, the same code), as Rust source: the built-in
/// lexicon takes them from this table instead of expanding them on every start.
fn alternatives_table() -> String {
    let mut raw: Vec<(String, morph::Inflect)> = Vec::new();
    for root in lexicon_roots() {
        raw_entries(&root, &mut raw);
    }
    let mut texts: Vec<String> = raw
        .into_iter()
        .map(|(t, _)| t)
        .filter(|t| t.contains(['(', ')']))
        .collect();
    texts.sort();
    texts.dedup();
    // Offsets into one text, not `&str`s: a table of pointers is relocated (written) by the
    // loader at every start, a table of numbers is not.
    let mut text = String::new();
    let mut rows: Vec<(usize, usize, usize, usize)> = Vec::new();
    let mut combinations: Vec<(usize, usize)> = Vec::new();
    for t in texts {
        if let Some(list) = morph::alternatives(&t) {
            let (a, first) = (text.len(), combinations.len());
            text.push_str(&t);
            let b = text.len();
            for e in list {
                let at = text.len();
                text.push_str(&e);
                combinations.push((at, text.len()));
            }
            rows.push((a, b, first, combinations.len()));
        }
    }
    let mut out = String::new();
    emit_text(
        &mut out,
        "The texts of [`BUILTIN_ALTERNATIVES`] and of their combinations (build.rs).",
        "ALTERNATIVES_TEXT",
        &text,
    );
    out.push_str(
        "/// Built-in lexicon entries with alternatives, sorted by their text: (range of \
         [`ALTERNATIVES_TEXT`], range of [`ALTERNATIVE_COMBINATIONS`]) (build.rs).\n\
         static BUILTIN_ALTERNATIVES: &[(u32, u32, u32, u32)] = &[",
    );
    for (a, b, c, d) in rows {
        let _ = write!(out, "({a}, {b}, {c}, {d}),");
    }
    out.push_str("];\n");
    emit_ranges(
        &mut out,
        "The combinations of each entry of [`BUILTIN_ALTERNATIVES`], in order: ranges of \
         [`ALTERNATIVES_TEXT`] (build.rs).",
        "ALTERNATIVE_COMBINATIONS",
        combinations,
    );
    out
}

/// Every scalar listed under a `words`, `verbs` or `nouns` key of `node`, as written (with
/// its alternatives unexpanded).
fn raw_entries(node: &yaml::Node, out: &mut Vec<(String, morph::Inflect)>) {
    let Some(map) = node.as_map() else {
        if let Some(seq) = node.as_seq() {
            seq.iter().for_each(|n| raw_entries(n, out));
        }
        return;
    };
    for (k, v) in map {
        let how = match k.as_str() {
            Some("words") => Some(morph::Inflect::Exact),
            Some("verbs") => Some(morph::Inflect::Verb),
            Some("nouns") => Some(morph::Inflect::Noun),
            _ => None,
        };
        match (how, v.as_seq()) {
            (Some(how), Some(items)) => {
                out.extend(
                    items
                        .iter()
                        .filter_map(|i| Some((i.as_str()?.to_owned(), how))),
                );
            }
            (Some(how), None) => out.extend(v.as_str().map(|t| (t.to_owned(), how))),
            (None, _) => raw_entries(v, out),
        }
    }
}

/// The forms of every entry of the built-in lexicon (`claims::morph::entry_forms`, the same
/// code), sorted by inflection, length and text: the lexicon's words are made from this table
/// instead of inflecting 3,500 entries on a run's first analysis.
fn forms_table() -> String {
    let mut all: Vec<(String, morph::Inflect)> = Vec::new();
    for root in lexicon_roots() {
        entries(&root, &mut all);
    }
    let code = |how: morph::Inflect| match how {
        morph::Inflect::Exact => 0,
        morph::Inflect::Verb => 1,
        morph::Inflect::Noun => 2,
    };
    let mut rows: Vec<(String, u8, Vec<Vec<String>>)> = all
        .into_iter()
        .map(|(e, how)| {
            let forms = morph::entry_forms(&e, how);
            (e, code(how), forms)
        })
        .collect();
    // By inflection, length and text: a search compares two numbers before any text.
    rows.sort_by(|a, b| (a.1, a.0.len(), a.0.as_str()).cmp(&(b.1, b.0.len(), b.0.as_str())));
    rows.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
    // One text and tables of offsets into it (no pointer per word: a table of `&str`s is a
    // relocation per pointer for the loader at every start).
    let mut text = String::new();
    let (mut words, mut forms_tab, mut entries_tab) = (Vec::new(), Vec::new(), Vec::new());
    let put = |text: &mut String, s: &str| {
        let at = text.len();
        text.push_str(s);
        (at, text.len())
    };
    for (e, how, forms) in rows {
        let (a, b) = put(&mut text, &e);
        let first_form = forms_tab.len();
        for f in forms {
            let first_word = words.len();
            for w in f {
                words.push(put(&mut text, &w));
            }
            forms_tab.push((first_word, words.len()));
        }
        entries_tab.push((a, b, how, first_form, forms_tab.len()));
    }
    let mut out = String::new();
    emit_text(
        &mut out,
        "The texts of the built-in lexicon's entries and of their forms, one after another.",
        "FORMS_TEXT",
        &text,
    );
    emit_ranges(
        &mut out,
        "The words of the forms: byte ranges of [`FORMS_TEXT`].",
        "FORMS_WORDS",
        words,
    );
    emit_ranges(
        &mut out,
        "The forms: ranges of [`FORMS_WORDS`].",
        "FORMS",
        forms_tab,
    );
    writeln!(
        out,
        "/// The entries (text's range in [`FORMS_TEXT`], inflection: 0 words, 1 verbs, 2 nouns,\n\
         /// range of [`FORMS`]), sorted by inflection, length and text: made by `build.rs` with\n\
         /// `claims::morph::entry_forms`."
    )
    .unwrap();
    write!(
        out,
        "pub(super) static FORM_ENTRIES: &[(u32, u32, u8, u32, u32)] = &["
    )
    .unwrap();
    for (a, b, how, f, g) in entries_tab {
        write!(out, "({a}, {b}, {how}, {f}, {g}),").unwrap();
    }
    writeln!(out, "];").unwrap();
    out
}

/// The built-in lexicon's entries in the order `claims::compile` adds them to a lexicon,
/// each once per class: every file's classes (`words`, `verbs`, `nouns`), triggers (the
/// class `trigger:NAME`), pseudo-triggers and terminators, then every file's topics' frames'
/// literal words (the class `literal:WORD`). Only the shape of a valid lexicon is followed:
/// the built-in one is tested to load without error, and the table made from this is tested
/// to equal the one made at run time from the lexicon itself.
fn lexicon_in_order(files: &[yaml::Node]) -> Vec<(String, morph::Inflect, String)> {
    let mut out: Vec<(String, morph::Inflect, String)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut add = |out: &mut Vec<_>, class: &str, how: morph::Inflect, entry: &str| {
        let row = (class.to_owned(), how, entry.to_owned());
        if seen.insert(row.clone()) {
            out.push(row);
        }
    };
    let mut class = |out: &mut Vec<_>, name: &str, node: &yaml::Node| {
        for (key, how) in [
            ("words", morph::Inflect::Exact),
            ("verbs", morph::Inflect::Verb),
            ("nouns", morph::Inflect::Noun),
        ] {
            let Some(list) = node.get(key) else { continue };
            let items = match list.as_seq() {
                Some(s) => s.iter().collect(),
                None => vec![list],
            };
            for item in items {
                for e in item
                    .as_str()
                    .and_then(morph::alternatives)
                    .unwrap_or_default()
                {
                    if token::has_word(&e) {
                        add(out, name, how, &e);
                    }
                }
            }
        }
    };
    for root in files {
        for (k, v) in root.get("classes").and_then(|c| c.as_map()).unwrap_or(&[]) {
            if let Some(name) = k.as_str() {
                class(&mut out, name, v);
            }
        }
        for (k, v) in root.get("triggers").and_then(|c| c.as_map()).unwrap_or(&[]) {
            if let Some(name) = k.as_str() {
                class(&mut out, &format!("trigger:{name}"), v);
            }
        }
        for (key, name) in [("pseudo", "pseudo"), ("terminators", "terminator")] {
            if let Some(n) = root.get(key) {
                class(&mut out, name, n);
            }
        }
    }
    for root in files {
        for f in frame_sources(root) {
            for item in f.split_whitespace() {
                let item = item.strip_prefix('!').unwrap_or(item);
                if item.starts_with(['[', '~', '@']) {
                    continue;
                }
                if let [w] = token::words_of(item).as_slice() {
                    add(&mut out, &format!("literal:{w}"), morph::Inflect::Exact, w);
                }
            }
        }
    }
    out
}

/// Every frame of a lexicon file's topics, as written (a topic's `frames` is a list or one
/// frame).
fn frame_sources(root: &yaml::Node) -> Vec<&str> {
    let mut out = Vec::new();
    for (_, v) in root.get("topics").and_then(|c| c.as_map()).unwrap_or(&[]) {
        let Some(frames) = v.get("frames") else {
            continue;
        };
        match frames.as_seq() {
            Some(s) => out.extend(s.iter().filter_map(|f| f.as_str())),
            None => out.extend(frames.as_str()),
        }
    }
    out
}

/// The built-in lexicon's words (`claims::words::Table`), made by the crate's own
/// `claims::words::Builder` from every form of every entry in the order the lexicon adds
/// them, as Rust source: the table, and the names of the classes its class numbers index.
fn words_table() -> String {
    let roots = lexicon_roots();
    let mut classes: Vec<String> = Vec::new();
    let mut b = words::Builder::with_capacity(4096);
    for (class, how, entry) in lexicon_in_order(&roots) {
        let verb = how == morph::Inflect::Verb
            && !(class.starts_with("trigger:") || class == "pseudo" || class == "terminator");
        let c = match classes.iter().position(|c| *c == class) {
            Some(c) => c,
            None => {
                classes.push(class);
                classes.len() - 1
            }
        };
        for form in morph::entry_forms(&entry, how) {
            if let Some((head, rest)) = form.split_first() {
                b.add(c as u32, verb, head, rest.iter().map(String::as_str));
            }
        }
    }
    let t = b.finish();
    let mut out = String::new();
    let list = |out: &mut String, name: &str, items: Vec<String>| {
        write!(out, "    {name}: std::borrow::Cow::Borrowed(&[").unwrap();
        for i in items {
            write!(out, "{i},").unwrap();
        }
        writeln!(out, "]),").unwrap();
    };
    writeln!(
        out,
        "/// The classes [`BUILTIN_WORDS`]' class numbers index, by name, one a line."
    )
    .unwrap();
    writeln!(
        out,
        "static BUILTIN_WORD_CLASSES: &str = {:?};",
        classes.join("\n")
    )
    .unwrap();
    writeln!(
        out,
        "/// The built-in lexicon's words, made by `build.rs` with `claims::words::Builder`."
    )
    .unwrap();
    writeln!(
        out,
        "static BUILTIN_WORDS: super::words::Table = super::words::Table {{"
    )
    .unwrap();
    writeln!(out, "    text: std::borrow::Cow::Borrowed({:?}),", t.text).unwrap();
    let pair = |&(a, b): &(u32, u32)| format!("({a},{b})");
    list(&mut out, "words", t.words.iter().map(pair).collect());
    list(
        &mut out,
        "heads",
        t.heads
            .iter()
            .map(|&(a, b, c, d, v)| format!("({a},{b},{c},{d},{v})"))
            .collect(),
    );
    list(
        &mut out,
        "entries",
        t.entries
            .iter()
            .map(|&(a, b, c)| format!("({a},{b},{c})"))
            .collect(),
    );
    list(
        &mut out,
        "head_groups",
        t.head_groups.iter().map(pair).collect(),
    );
    list(
        &mut out,
        "groups",
        t.groups
            .iter()
            .map(|&(a, b, c)| format!("({a},{b},{c})"))
            .collect(),
    );
    list(
        &mut out,
        "lists",
        t.lists.iter().map(u32::to_string).collect(),
    );
    list(
        &mut out,
        "slots",
        t.slots.iter().map(u32::to_string).collect(),
    );
    list(
        &mut out,
        "prefixed",
        t.prefixed
            .iter()
            .map(|&(a, b, c, d, e)| format!("({a},{b},{c},{d},{e})"))
            .collect(),
    );
    list(&mut out, "by_byte", t.by_byte.iter().map(pair).collect());
    list(
        &mut out,
        "by_byte_list",
        t.by_byte_list.iter().map(u32::to_string).collect(),
    );
    list(
        &mut out,
        "joins",
        t.joins.iter().map(u64::to_string).collect(),
    );
    writeln!(out, "}};").unwrap();
    out
}

/// The built-in lexicon's files as `embed` lists them (every `.yaml` file of `rules/lexicon`,
/// sorted by name), each parsed (`None` when it does not parse): their indexes are those of
/// `BUILTIN_LEXICON`.
fn lexicon_files() -> Vec<Option<yaml::Node>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/lexicon");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".yaml"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
        .into_iter()
        .map(|n| yaml::parse(&std::fs::read_to_string(dir.join(n)).ok()?).ok())
        .collect()
}

/// The (file, class, key) of a list of [`class_entries_table`], in its order (sorted), as
/// [`tree`] looks the lexicon's lists up.
type GroupKey = (usize, String, u8);

/// A list of [`class_entries_table`]: (file, the class name's range in the text, inflection
/// code, range of the entries).
type Group = (usize, (usize, usize), u8, usize, usize);

/// The entries the built-in lexicon's files add to each class, as `claims::Lexicon` adds
/// them when it reads those files first: for every file, class (`NAME`, `trigger:NAME`,
/// `pseudo`, `terminator`) and key (`words`, `verbs`, `nouns`), the entries of the list in
/// order, alternatives expanded (`claims::morph::alternatives`), those the class already had
/// left out. A list with an entry the lexicon would refuse (no word, a misplaced `*`,
/// malformed alternatives, not a scalar) gets no group: the run-time reader takes it, and
/// reports it; so do the lists of a class named twice in one file (an error the reader
/// reports at the second name). As Rust source: a start adds these lists as they are instead
/// of checking, expanding and hashing each entry (tested equal to the lexicon read without
/// them).
fn class_entries_table() -> (String, Vec<GroupKey>) {
    let mut text = String::new();
    let mut entries: Vec<(usize, usize)> = Vec::new();
    let mut groups: Vec<Group> = Vec::new();
    let mut seen: std::collections::HashSet<(String, u8, String)> = Default::default();
    let put = |text: &mut String, s: &str| {
        let at = text.len();
        text.push_str(s);
        (at, text.len())
    };
    for (file, root) in lexicon_files().iter().enumerate() {
        let Some(root) = root else { continue };
        let mut lists: Vec<(String, &yaml::Node)> = Vec::new();
        for (k, v) in root.get("classes").and_then(|c| c.as_map()).unwrap_or(&[]) {
            if let Some(name) = k.as_str() {
                lists.push((name.to_owned(), v));
            }
        }
        for (k, v) in root.get("triggers").and_then(|c| c.as_map()).unwrap_or(&[]) {
            if let Some(name) = k.as_str() {
                lists.push((format!("trigger:{name}"), v));
            }
        }
        for (key, name) in [("pseudo", "pseudo"), ("terminators", "terminator")] {
            if let Some(n) = root.get(key) {
                lists.push((name.to_owned(), n));
            }
        }
        for (name, node) in lists {
            for (key, how) in [("words", 0u8), ("verbs", 1), ("nouns", 2)] {
                let Some(list) = node.get(key) else { continue };
                let items: Vec<&yaml::Node> = match (list.as_seq(), list.as_map()) {
                    (Some(s), _) => s.iter().collect(),
                    (None, Some(_)) => continue,
                    (None, None) => vec![list],
                };
                let mut kept: Vec<String> = Vec::new();
                let mut ok = true;
                for item in items {
                    let Some(t) = item.as_str() else {
                        ok = false;
                        continue;
                    };
                    let list = if t.contains(['(', ')']) {
                        morph::alternatives(t)
                    } else {
                        Some(vec![t.to_owned()])
                    };
                    for e in list.unwrap_or_else(|| {
                        ok = false;
                        Vec::new()
                    }) {
                        let star = e.contains('*')
                            && e.split_whitespace()
                                .any(|w| w.strip_suffix('*').unwrap_or(w).contains('*'));
                        if !token::has_word(&e) || star {
                            ok = false;
                        } else if seen.insert((name.clone(), how, e.clone())) {
                            // What the run-time reader accepts is in the class's history
                            // whether or not its list gets a group.
                            kept.push(e);
                        }
                    }
                }
                if !ok {
                    continue;
                }
                let n = put(&mut text, &name);
                let first = entries.len();
                for e in kept {
                    entries.push(put(&mut text, &e));
                }
                groups.push((file, n, how, first, entries.len()));
            }
        }
    }
    let key =
        |g: &(usize, (usize, usize), u8, usize, usize)| (g.0, text[g.1.0..g.1.1].to_owned(), g.2);
    groups.sort_by_key(key);
    // A class named twice in one file's mapping has two lists under one key: neither gets a
    // group, so that the run-time reader reads both and reports the second name.
    let twice: std::collections::HashSet<_> = groups
        .windows(2)
        .filter(|w| key(&w[0]) == key(&w[1]))
        .map(|w| key(&w[0]))
        .collect();
    groups.retain(|g| !twice.contains(&key(g)));
    // The lists the binary takes from the table: their trees need not hold their items
    // (`tree`, `syntax::packed::cut_class_lists`).
    let group_keys: Vec<GroupKey> = groups.iter().map(key).collect();
    let mut out = String::new();
    emit_text(
        &mut out,
        "The class names and entries of [`CLASS_GROUPS`], one after another (build.rs).",
        "CLASS_TEXT",
        &text,
    );
    emit_ranges(
        &mut out,
        "The entries of the groups: byte ranges of [`CLASS_TEXT`].",
        "CLASS_ENTRIES",
        entries,
    );
    writeln!(
        out,
        "/// What each built-in file adds to a class under one key: (file, the class name's range\n\
         /// in [`CLASS_TEXT`], inflection: 0 words, 1 verbs, 2 nouns, range of [`CLASS_ENTRIES`]),\n\
         /// sorted by file, name and inflection (build.rs)."
    )
    .unwrap();
    write!(
        out,
        "static CLASS_GROUPS: &[(u16, u32, u32, u8, u32, u32)] = &["
    )
    .unwrap();
    for (f, (a, b), how, first, last) in groups {
        write!(out, "({f},{a},{b},{how},{first},{last}),").unwrap();
    }
    writeln!(out, "];").unwrap();
    (out, group_keys)
}

/// A frame as `claims::Lexicon::frame` reads it, its classes by name: (negative,
/// presupposed, `only` as 0 none, 1 affirmed, 2 negated, 3 hedged, 4 pointer, the anchor,
/// the slots: (a class name or a literal's word, whether a literal, the gap before it)).
type ParsedFrame = (bool, bool, u8, usize, Vec<(String, bool, usize)>);

/// A frame's source read as `claims::Lexicon::frame` reads it (the same marks, gaps, anchor
/// and slots; a literal's word by the crate's own `claims::token::words_of`); `None` for one
/// it would report a problem in (the run-time reader takes those, and reports them). Tested:
/// the lexicon read with the table these make equals the one read without.
fn parse_frame(src: &str) -> Option<ParsedFrame> {
    let mut slots: Vec<(String, bool, usize)> = Vec::new();
    let (mut anchor, mut gap, mut negative, mut presupposed, mut only) =
        (None, 0, false, false, 0u8);
    for item in src.split_whitespace() {
        if slots.is_empty() {
            let mark = match item {
                "[negative]" => Some(&mut negative),
                "[presupposed]" => Some(&mut presupposed),
                _ => None,
            };
            if let Some(m) = mark {
                *m = true;
                continue;
            }
            let status = match item {
                "[if-affirmed]" => 1,
                "[if-negated]" => 2,
                "[if-hedged]" => 3,
                "[if-pointer]" => 4,
                _ => 0,
            };
            if status != 0 {
                only = status;
                continue;
            }
        }
        if item.starts_with('[') {
            return None;
        }
        if let Some(n) = item.strip_prefix('~') {
            match n.parse::<usize>() {
                Ok(g) if g <= 40 && !slots.is_empty() => gap = g,
                _ => return None,
            }
            continue;
        }
        let (is_anchor, rest) = match item.strip_prefix('!') {
            Some(r) => (true, r),
            None => (false, item),
        };
        let slot = match rest.strip_prefix('@') {
            Some(name) => (name.to_owned(), false, gap),
            None => match token::words_of(rest).as_slice() {
                [w] => (w.clone(), true, gap),
                _ => return None,
            },
        };
        if is_anchor {
            if anchor.is_some() {
                return None;
            }
            anchor = Some(slots.len());
        }
        slots.push(slot);
        gap = 0;
    }
    if slots.is_empty() || slots.len() > 255 {
        return None;
    }
    Some((negative, presupposed, only, anchor.unwrap_or(0), slots))
}

/// Every frame of the built-in lexicon's topics that reads without a problem, read at build
/// time ([`parse_frame`]), sorted by its source, as Rust source: a start finds its slots'
/// classes by name instead of reading the frame's words.
fn frames_table() -> String {
    let mut rows: Vec<(String, ParsedFrame)> = Vec::new();
    for root in lexicon_files().into_iter().flatten() {
        for f in frame_sources(&root) {
            if let Some(p) = parse_frame(f) {
                rows.push((f.to_owned(), p));
            }
        }
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    rows.dedup_by(|a, b| a.0 == b.0);
    let mut text = String::new();
    let put = |text: &mut String, s: &str| {
        let at = text.len();
        text.push_str(s);
        (at, text.len())
    };
    let (mut frames, mut slots) = (String::new(), String::new());
    let mut n_slots = 0;
    for (src, (negative, presupposed, only, anchor, list)) in rows {
        let (a, b) = put(&mut text, &src);
        let first = n_slots;
        for (name, literal, gap) in list {
            let (c, d) = put(&mut text, &name);
            write!(slots, "({c},{d},{},{gap}),", u8::from(literal)).unwrap();
            n_slots += 1;
        }
        let flags = u8::from(negative) | u8::from(presupposed) << 1;
        write!(
            frames,
            "({a},{b},{flags},{only},{anchor},{first},{n_slots}),"
        )
        .unwrap();
    }
    let mut out = String::new();
    emit_text(
        &mut out,
        "The sources of [`FRAMES`] and their slots' class names and words (build.rs).",
        "FRAME_TEXT",
        &text,
    );
    writeln!(
        out,
        "/// The slots of [`FRAMES`]: (a class name's or a literal word's range in [`FRAME_TEXT`],\n\
         /// 1 for a literal, the gap before it)."
    )
    .unwrap();
    writeln!(
        out,
        "static FRAME_SLOTS: &[(u32, u32, u8, u8)] = &[{slots}];"
    )
    .unwrap();
    writeln!(
        out,
        "/// The built-in frames that read without a problem, sorted by source: (the source's\n\
         /// range in [`FRAME_TEXT`], 1 negative | 2 presupposed, `only`: 0 none, 1 affirmed,\n\
         /// 2 negated, 3 hedged, 4 pointer, the anchor, range of [`FRAME_SLOTS`]) (build.rs)."
    )
    .unwrap();
    writeln!(
        out,
        "static FRAMES: &[(u32, u32, u8, u8, u8, u32, u32)] = &[{frames}];"
    )
    .unwrap();
    out
}

/// Writes the tree of `sub/name` (relative to the crate) into OUT_DIR and returns the
/// expression that includes it.
/// A lexicon file's (`lexicon`: its index in `BUILTIN_LEXICON`, and the keys of the lists the
/// table gives, [`class_entries_table`]) is stored with those class lists cut to their first
/// item (`packed::cut_class_lists`).
fn tree(sub: &str, name: &str, lexicon: Option<(usize, &[GroupKey])>) -> String {
    let src_path = Path::new(env!("CARGO_MANIFEST_DIR")).join(sub).join(name);
    let tree = match std::fs::read_to_string(&src_path) {
        Ok(src) => match yaml::parse(&src) {
            Ok(mut node) => {
                if let Some((file, keys)) = lexicon {
                    packed::cut_class_lists(&mut node, |class, how| {
                        keys.binary_search_by(|(f, c, h)| {
                            (*f, c.as_str(), *h).cmp(&(file, class, how))
                        })
                        .is_ok()
                    });
                }
                packed::encode(&node, &src)
            }
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

/// `group_keys`: for the lexicon, the lists its table gives ([`tree`]); empty otherwise.
fn embed(sub: &str, name: &str, doc: &str, out_file: &str, group_keys: &[GroupKey]) {
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
    for (i, n) in names.iter().enumerate() {
        let lexicon = (sub == "rules/lexicon").then_some((i, group_keys));
        writeln!(out, "    {},", tree(sub, n, lexicon)).unwrap();
    }
    out.push_str("];\n");
    if sub == "rules" {
        println!("cargo:rerun-if-changed=rules/pack.yaml");
        writeln!(
            out,
            "/// The tree of `rules/pack.yaml`, parsed at build time (`syntax::packed`).\npub static BUILTIN_PACK_TREE: &[u8] = {};",
            tree(sub, "pack.yaml", None)
        )
        .unwrap();
    }
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join(out_file);
    std::fs::write(dest, out).unwrap();
}

/// The dense DFAs of the patterns in `src/syntax/stored-patterns.txt` (see the file's doc),
/// written into OUT_DIR, and `stored_dfas.rs`, the table that includes them.
fn stored_dfas() -> String {
    use regex_automata::dfa::{dense, regex::Regex};
    let list = "src/syntax/stored-patterns.txt";
    println!("cargo:rerun-if-changed={list}");
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(list))
        .unwrap_or_default();
    let big = std::env::var("CARGO_CFG_TARGET_ENDIAN").is_ok_and(|e| e == "big");
    let dir = Path::new(&std::env::var("OUT_DIR").unwrap()).join("dfa");
    std::fs::create_dir_all(&dir).unwrap();
    let mut out = String::from(
        "/// The stored patterns, each with its forward and reverse DFA serialized (empty when\n\
         /// build.rs could not build them): `src/syntax/stored-patterns.txt`, in its order.\n\
         static STORED: &[Entry] = &[\n",
    );
    let patterns = text
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'));
    for (i, pattern) in patterns.enumerate() {
        // The regex crate's defaults (Unicode, UTF-8, leftmost-first), as `LazyRegex` compiles.
        let built = Regex::builder()
            .dense(dense::Config::new().minimize(true))
            .build(pattern);
        // Each serialization starts with `pad` bytes of padding (its `to_bytes_*` doc).
        let bytes = |dfa: &dense::DFA<Vec<u32>>| {
            let (v, pad) = if big {
                dfa.to_bytes_big_endian()
            } else {
                dfa.to_bytes_little_endian()
            };
            v[pad..].to_vec()
        };
        let (fwd, rev) = match built {
            Ok(re) => (bytes(re.forward()), bytes(re.reverse())),
            Err(_) => (Vec::new(), Vec::new()),
        };
        std::fs::write(dir.join(format!("{i}.fwd")), fwd).unwrap();
        std::fs::write(dir.join(format!("{i}.rev")), rev).unwrap();
        let include = |end: &str| {
            format!(
                "&Aligned {{ _align: [], bytes: *include_bytes!(concat!(env!(\"OUT_DIR\"), \"/dfa/{i}.{end}\")) }}"
            )
        };
        writeln!(
            out,
            "    ({pattern:?}, {}, {}),",
            include("fwd"),
            include("rev")
        )
        .unwrap();
    }
    out.push_str("];\n");
    out
}

fn main() {
    // The trees are the parser's: a change to it or to their form rebuilds them.
    println!("cargo:rerun-if-changed=src/syntax/yaml.rs");
    println!("cargo:rerun-if-changed=src/syntax/packed.rs");
    println!("cargo:rerun-if-changed=src/claims/token.rs");
    println!("cargo:rerun-if-changed=src/claims/morph.rs");
    println!("cargo:rerun-if-changed=src/claims/words.rs");
    let out_dir = std::env::var("OUT_DIR").unwrap();
    std::fs::write(Path::new(&out_dir).join("stored_dfas.rs"), stored_dfas()).unwrap();
    std::fs::write(Path::new(&out_dir).join("builtin_forms.rs"), forms_table()).unwrap();
    std::fs::write(Path::new(&out_dir).join("builtin_words.rs"), words_table()).unwrap();
    std::fs::write(
        Path::new(&out_dir).join("builtin_alternatives.rs"),
        alternatives_table(),
    )
    .unwrap();
    let (classes, group_keys) = class_entries_table();
    std::fs::write(
        Path::new(&out_dir).join("builtin_classes.rs"),
        classes + &frames_table(),
    )
    .unwrap();
    embed(
        "rules",
        "BUILTIN_RULES",
        "Built-in rule files",
        "builtin_rules.rs",
        &[],
    );
    embed(
        "rules/lexicon",
        "BUILTIN_LEXICON",
        "Built-in lexicon files",
        "builtin_lexicon.rs",
        &group_keys,
    );
}

/// Writes a generated `static NAME: &str` holding `text`, with its doc line.
fn emit_text(out: &mut String, doc: &str, name: &str, text: &str) {
    writeln!(out, "/// {doc}\nstatic {name}: &str = {text:?};").unwrap();
}

/// Writes a generated `static NAME: &[(u32, u32)]` of ranges, with its doc line.
fn emit_ranges<T: std::fmt::Display>(
    out: &mut String,
    doc: &str,
    name: &str,
    ranges: impl IntoIterator<Item = (T, T)>,
) {
    write!(out, "/// {doc}\nstatic {name}: &[(u32, u32)] = &[").unwrap();
    for (a, b) in ranges {
        write!(out, "({a}, {b}),").unwrap();
    }
    writeln!(out, "];").unwrap();
}
