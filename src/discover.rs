//! From command-line paths to document sets.
//!
//! Files form one document set only when they *are* one Inline XBRL document set, judged from
//! what they say, not from how they were named: (X)HTML files in the same folder that name the
//! same `ix:references` schema (`link:schemaRef`), or whose `continuedAt` chains cross from one
//! to the other. Everything else is a set of its own, whether the files were named one by one,
//! by a shell glob, by a pre-commit hook's batch or found in a folder: two companies' 10-Ks in
//! one folder are two sets, and neither is read into the other's ids and contexts. The check
//! peeks into files only where the question arises (two or more markup files in one folder);
//! one named file costs nothing more.
//!
//! A folder holding one Inline XBRL document set and HTML files without Inline XBRL beside it
//! is an EDGAR submission: the primary document and its exhibits (EX-13, EX-21…) are one
//! filing. A `.zip` is such a folder, and so is a complete submission `.txt`
//! ([`crate::read::submission`]): their documents are listed under virtual paths
//! (`sub.zip/ex13.htm`).
//!
//! A directory is walked (walkdir, sorted by name, so output is deterministic). XBRL taxonomy
//! files met in a walk (a company schema `.xsd`, linkbases `_cal.xml`, `_lab.xml`…) are
//! recognised as such and not read as instances. A path that yields no document at all (an
//! empty folder, only unrecognised files) is an error ([`DiscoverError::NoDocument`]), so a
//! wrong path cannot pass a CI gate as "0 findings". `--separate` turns every file into a set of
//! its own.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use memchr::memmem;
use walkdir::WalkDir;

use crate::read::EXTENSIONS;

/// A path that could not be used.
#[derive(Debug, thiserror::Error)]
pub enum DiscoverError {
    /// The path does not exist.
    #[error("{0}: no such file or directory")]
    Missing(PathBuf),
    /// A directory could not be walked.
    #[error("cannot walk {path}: {message}")]
    Walk {
        /// The directory.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// A directory holds no document cydlint reads.
    #[error(
        "{path}: no document cydlint reads in this folder ({found}); cydlint reads Inline XBRL and HTML (.htm, .html, .xhtml), XBRL instances (.xml), the SEC's rendered reports and text drafts (.txt), Markdown drafts (.md) and Word drafts (.docx)"
    )]
    NoDocument {
        /// The directory.
        path: PathBuf,
        /// What was found instead ("it is empty", "only 2 XBRL schema or linkbase file(s)"…).
        found: String,
    },
}

fn extension(p: &Path) -> String {
    p.extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

fn recognised(p: &Path) -> bool {
    EXTENSIONS.contains(&extension(p).as_str())
}

fn is_markup(p: &Path) -> bool {
    matches!(extension(p).as_str(), "htm" | "html" | "xhtml")
}

/// True when `name` is an EDGAR linkbase's (`…_cal.xml`, `_def`, `_lab`, `_pre`, `_ref`).
fn is_linkbase_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    ["_cal.xml", "_def.xml", "_lab.xml", "_pre.xml", "_ref.xml"]
        .iter()
        .any(|s| lower.ends_with(s))
}

/// True when `p` is an XBRL taxonomy file: a schema (`.xsd`), or an `.xml` whose root element
/// is a `linkbase` or a `schema` (the first 4 KiB are read).
pub fn is_taxonomy_file(p: &Path) -> bool {
    match extension(p).as_str() {
        "xsd" => true,
        "xml" => {
            use std::io::Read;
            let mut head = Vec::with_capacity(4096);
            let ok = std::fs::File::open(p)
                .and_then(|f| f.take(4096).read_to_end(&mut head))
                .is_ok();
            ok && crate::read::taxonomy_root(&String::from_utf8_lossy(&head)).is_some()
        }
        _ => false,
    }
}

/// What a markup file says about the document set it belongs to.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct SetClues {
    /// The file is Inline XBRL.
    pub inline_xbrl: bool,
    /// The `href`s of its `schemaRef` elements.
    pub schema_refs: Vec<String>,
    /// The ids of its `ix:continuation` elements.
    pub continuation_ids: Vec<String>,
    /// The `continuedAt` targets it names but does not hold.
    pub dangling: Vec<String>,
    /// It tags the cover (`dei:DocumentType`): the primary document of a submission.
    pub cover: bool,
}

/// The value of attribute `name` in the tag `tag` (the bytes from `<` to `>`), if any.
fn attr<'a>(tag: &'a [u8], name: &[u8]) -> Option<&'a [u8]> {
    let mut from = 0;
    while let Some(i) = memmem::find(&tag[from..], name) {
        let at = from + i;
        from = at + name.len();
        let before = at.checked_sub(1).map(|b| tag[b]);
        if !before.is_some_and(|b| b.is_ascii_whitespace() || b == b':') {
            continue;
        }
        let rest = &tag[from..];
        let trimmed = rest.trim_ascii_start();
        let Some(after_eq) = trimmed.strip_prefix(b"=") else {
            continue;
        };
        let v = after_eq.trim_ascii_start();
        let Some(&q) = v.first().filter(|q| **q == b'"' || **q == b'\'') else {
            continue;
        };
        let end = memchr::memchr(q, &v[1..])?;
        return Some(&v[1..1 + end]);
    }
    None
}

/// The tags (from `<` to `>`) of the elements whose local name is `local`, any prefix.
fn tags<'a>(bytes: &'a [u8], local: &'a [u8]) -> impl Iterator<Item = &'a [u8]> + 'a {
    memmem::find_iter(bytes, local).filter_map(move |at| {
        let after = bytes.get(at + local.len())?;
        if !(after.is_ascii_whitespace() || *after == b'>' || *after == b'/') {
            return None;
        }
        // Back over an optional prefix to the `<`.
        let mut s = at.checked_sub(1)?;
        if bytes[s] == b':' {
            let mut k = s;
            while k > 0 && at - k < 64 && bytes[k - 1] != b'<' {
                let c = bytes[k - 1];
                if !(c.is_ascii_alphanumeric() || c == b'_' || c == b'-' || c == b'.') {
                    return None;
                }
                k -= 1;
            }
            s = k.checked_sub(1)?;
        }
        if bytes[s] != b'<' {
            return None;
        }
        let end = memchr::memchr(b'>', &bytes[at..]).map_or(bytes.len(), |e| at + e + 1);
        Some(&bytes[s..end])
    })
}

/// Reads what `bytes` (a markup file) say about their document set.
pub fn set_clues(bytes: &[u8]) -> SetClues {
    let text = |b: &[u8]| String::from_utf8_lossy(b).trim().to_string();
    let mut c = SetClues {
        inline_xbrl: memmem::find(bytes, b"http://www.xbrl.org/2013/inlineXBRL").is_some(),
        ..Default::default()
    };
    if !c.inline_xbrl {
        return c;
    }
    c.cover = memmem::find(bytes, b"dei:DocumentType").is_some();
    c.schema_refs = tags(bytes, b"schemaRef")
        .filter_map(|t| attr(t, b"href").map(text))
        .collect();
    c.continuation_ids = tags(bytes, b"continuation")
        .filter_map(|t| attr(t, b"id").map(text))
        .collect();
    let held: std::collections::HashSet<&str> =
        c.continuation_ids.iter().map(String::as_str).collect();
    let mut dangling: Vec<String> = Vec::new();
    let mut from = 0;
    while let Some(i) = memmem::find(&bytes[from..], b"continuedAt") {
        let at = from + i;
        from = at + 11;
        let start = at.saturating_sub(1);
        let end = memchr::memchr(b'>', &bytes[at..]).map_or(bytes.len(), |e| at + e);
        if let Some(v) = attr(&bytes[start..end], b"continuedAt").map(text)
            && !held.contains(v.as_str())
        {
            dangling.push(v);
        }
    }
    dangling.sort();
    dangling.dedup();
    c.dangling = dangling;
    c
}

/// The folder a file is in, made absolute where it can be, so that `a/x.htm` and
/// `./a/y.htm` are seen in the same folder.
fn folder_of(p: &Path) -> PathBuf {
    let parent = p.parent().map(Path::to_path_buf).unwrap_or_default();
    let parent = if parent.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        parent
    };
    parent.canonicalize().unwrap_or(parent)
}

/// Splits markup files of one folder into document sets by what they say ([`SetClues`]);
/// each set keeps the files' order.
fn split_markup(files: &[PathBuf]) -> Vec<Vec<usize>> {
    if files.len() < 2 {
        return (0..files.len()).map(|i| vec![i]).collect();
    }
    let clues: Vec<SetClues> = files
        .iter()
        .map(|p| match std::fs::metadata(p) {
            Ok(m) if m.len() > crate::read::MAX_FILE_BYTES => SetClues::default(),
            _ => crate::read::submission::read_bytes(p)
                .map(|b| set_clues(&b))
                .unwrap_or_default(),
        })
        .collect();
    let mut parent: Vec<usize> = (0..files.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut union = |a: usize, b: usize| {
        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    };
    let mut by_schema: BTreeMap<&str, usize> = BTreeMap::new();
    let mut by_continuation: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, c) in clues.iter().enumerate() {
        for s in &c.schema_refs {
            match by_schema.get(s.as_str()) {
                Some(&j) => union(i, j),
                None => {
                    by_schema.insert(s, i);
                }
            }
        }
        for id in &c.continuation_ids {
            by_continuation.entry(id).or_insert(i);
        }
    }
    for (i, c) in clues.iter().enumerate() {
        for d in &c.dangling {
            if let Some(&j) = by_continuation.get(d.as_str())
                && j != i
            {
                union(i, j);
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..files.len() {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    // A submission: one Inline XBRL document set in the folder, and HTML exhibits (EX-13,
    // EX-21…) without Inline XBRL beside it. They are the same filing.
    let tagged: Vec<usize> = groups
        .iter()
        .filter(|(_, g)| g.iter().any(|&i| clues[i].inline_xbrl))
        .map(|(&r, _)| r)
        .collect();
    if let [filing] = tagged[..] {
        let plain: Vec<usize> = groups.keys().copied().filter(|&r| r != filing).collect();
        for r in plain {
            if let Some(g) = groups.remove(&r) {
                groups.entry(filing).or_default().extend(g);
            }
        }
        if let Some(g) = groups.get_mut(&filing) {
            g.sort_unstable();
        }
    }
    // The primary document (it tags the cover) first, then the other Inline XBRL documents,
    // then the exhibits without it, each in name order: findings come out in the order a
    // reader of the filing meets them, and the same whether the submission is a folder, a
    // zip or a .txt.
    for g in groups.values_mut() {
        g.sort_by_key(|&i| (!clues[i].cover, !clues[i].inline_xbrl, i));
    }
    groups.into_values().collect()
}

/// The documents of `p`: itself, or for a `.zip` or a complete submission `.txt` its
/// documents as virtual paths under it (schemas and linkbases left out, counted in
/// `taxonomy`).
fn expand(p: &Path, taxonomy: &mut usize) -> Vec<PathBuf> {
    use crate::read::submission as sub;
    let size = std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    if size > crate::read::MAX_FILE_BYTES {
        return vec![p.to_path_buf()];
    }
    match extension(p).as_str() {
        "zip" => {
            let Ok(bytes) = std::fs::read(p) else {
                return vec![p.to_path_buf()];
            };
            let Ok(names) = sub::zip_names(&bytes) else {
                return vec![p.to_path_buf()];
            };
            let mut names: Vec<String> = names;
            names.sort();
            let mut out = Vec::new();
            for n in names {
                let member = p.join(&n);
                let ext = extension(&member);
                if ext == "xsd" {
                    *taxonomy += 1;
                    continue;
                }
                if !recognised(&member) || ext == "zip" {
                    continue;
                }
                // Linkbases by their EDGAR names: entries are not inflated to be sorted (one
                // that slips through says what it is when read: `read:taxonomy-file`).
                if ext == "xml" && is_linkbase_name(&n) {
                    *taxonomy += 1;
                    continue;
                }
                out.push(member);
            }
            if out.is_empty() && *taxonomy == 0 {
                vec![p.to_path_buf()]
            } else {
                out
            }
        }
        "txt" => {
            use std::io::Read;
            let mut head = Vec::new();
            let ok = std::fs::File::open(p)
                .and_then(|f| f.take(64 << 10).read_to_end(&mut head))
                .is_ok();
            if !ok || !sub::is_submission_txt(&head) {
                return vec![p.to_path_buf()];
            }
            let Ok(bytes) = std::fs::read(p) else {
                return vec![p.to_path_buf()];
            };
            let mut out = Vec::new();
            for d in sub::txt_documents(&bytes) {
                let member = p.join(&d.filename);
                let ext = extension(&member);
                let head = &bytes[d.range.start..d.range.end.min(d.range.start + 4096)];
                if ext == "xsd"
                    || d.doc_type.starts_with("EX-101")
                    || crate::read::taxonomy_root(&String::from_utf8_lossy(head)).is_some()
                {
                    *taxonomy += 1;
                    continue;
                }
                if recognised(&member) && ext != "zip" {
                    out.push(member);
                }
            }
            if out.is_empty() {
                vec![p.to_path_buf()]
            } else {
                out
            }
        }
        _ => vec![p.to_path_buf()],
    }
}

/// Groups `paths` into document sets (see the module documentation).
pub fn document_sets(
    paths: &[PathBuf],
    separate: bool,
) -> Result<Vec<Vec<PathBuf>>, DiscoverError> {
    // Every file, in the order given (a folder's in name order), each once.
    let mut files: Vec<PathBuf> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for p in paths {
        if p.is_dir() {
            let (mut found, mut taxonomy, mut other) = (0usize, 0usize, 0usize);
            for entry in WalkDir::new(p).sort_by_file_name().follow_links(false) {
                let entry = entry.map_err(|e| DiscoverError::Walk {
                    path: p.clone(),
                    message: e.to_string(),
                })?;
                let path = entry.path();
                if !entry.file_type().is_file() {
                    continue;
                }
                if !recognised(path) {
                    if extension(path) == "xsd" {
                        taxonomy += 1;
                    } else {
                        other += 1;
                    }
                    continue;
                }
                if extension(path) == "xml" && is_taxonomy_file(path) {
                    taxonomy += 1;
                    continue;
                }
                for f in expand(path, &mut taxonomy) {
                    found += 1;
                    if seen.insert(f.clone()) {
                        files.push(f);
                    }
                }
            }
            if found == 0 {
                let found = match (taxonomy, other) {
                    (0, 0) => "it is empty".to_string(),
                    (t, 0) => format!("only {t} XBRL schema or linkbase file(s)"),
                    (0, o) => format!("only {o} file(s) of other kinds"),
                    (t, o) => format!(
                        "only {t} XBRL schema or linkbase file(s) and {o} file(s) of other kinds"
                    ),
                };
                return Err(DiscoverError::NoDocument {
                    path: p.clone(),
                    found,
                });
            }
        } else if p.exists() {
            for f in expand(p, &mut 0) {
                if seen.insert(f.clone()) {
                    files.push(f);
                }
            }
        } else {
            return Err(DiscoverError::Missing(p.clone()));
        }
    }
    if separate {
        return Ok(files.into_iter().map(|f| vec![f]).collect());
    }
    // Markup files by folder, each folder's split by what the files say.
    let mut by_folder: BTreeMap<PathBuf, Vec<usize>> = BTreeMap::new();
    for (i, f) in files.iter().enumerate() {
        if is_markup(f) {
            by_folder.entry(folder_of(f)).or_default().push(i);
        }
    }
    // Sets keyed by the index of their first file, so they come out in the order given.
    let mut sets: BTreeMap<usize, Vec<PathBuf>> = BTreeMap::new();
    for (i, f) in files.iter().enumerate() {
        if !is_markup(f) {
            sets.insert(i, vec![f.clone()]);
        }
    }
    for members in by_folder.into_values() {
        let paths: Vec<PathBuf> = members.iter().map(|&i| files[i].clone()).collect();
        for group in split_markup(&paths) {
            let first = members[group[0]];
            sets.insert(first, group.iter().map(|&k| paths[k].clone()).collect());
        }
    }
    Ok(sets.into_values().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directories_keep_unrelated_files_apart_and_sort() {
        let dir = std::env::temp_dir().join(format!("cydlint-discover-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("a")).unwrap();
        std::fs::create_dir_all(dir.join("b")).unwrap();
        for f in ["a/2.htm", "a/1.htm", "a/notes.txt", "b/x.xml", "b/skip.pdf"] {
            std::fs::write(dir.join(f), "x").unwrap();
        }
        std::fs::write(dir.join("b/x.xsd"), "<xs:schema/>").unwrap();
        std::fs::write(
            dir.join("b/x_lab.xml"),
            "<?xml version='1.0'?>\n<link:linkbase/>",
        )
        .unwrap();
        let sets = document_sets(std::slice::from_ref(&dir), false).unwrap();
        let names: Vec<Vec<String>> = sets
            .iter()
            .map(|s| {
                s.iter()
                    .map(|p| p.strip_prefix(&dir).unwrap().display().to_string())
                    .collect()
            })
            .collect();
        assert_eq!(
            names,
            vec![
                vec!["a/1.htm".to_string()],
                vec!["a/2.htm".to_string()],
                vec!["a/notes.txt".to_string()],
                vec!["b/x.xml".to_string()]
            ]
        );
        assert!(matches!(
            document_sets(&[dir.join("nope")], false),
            Err(DiscoverError::Missing(_))
        ));
        std::fs::create_dir_all(dir.join("empty")).unwrap();
        std::fs::create_dir_all(dir.join("taxonomy")).unwrap();
        std::fs::write(dir.join("taxonomy/x.xsd"), "<xs:schema/>").unwrap();
        std::fs::write(dir.join("taxonomy/a.pdf"), "%PDF").unwrap();
        for (sub, found) in [
            ("empty", "it is empty"),
            (
                "taxonomy",
                "only 1 XBRL schema or linkbase file(s) and 1 file(s) of other kinds",
            ),
        ] {
            match document_sets(&[dir.join(sub)], false) {
                Err(e @ DiscoverError::NoDocument { .. }) => {
                    assert!(e.to_string().contains(found), "{e}")
                }
                other => panic!("{sub}: {other:?}"),
            }
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn clues_read_schema_refs_and_crossing_continuations() {
        let a = br#"<html xmlns:ix="http://www.xbrl.org/2013/inlineXBRL"><ix:header><ix:references><link:schemaRef xlink:type="simple" xlink:href=" a-2024.xsd"/></ix:references></ix:header>
<ix:nonNumeric name="x" continuedAt='c1'>t</ix:nonNumeric><ix:nonNumeric continuedAt="c2">u</ix:nonNumeric><ix:continuation id="c2">v</ix:continuation><p>continuedAt is a word</p><ix:continuationX id="no"/>"#;
        let c = set_clues(a);
        assert!(c.inline_xbrl);
        assert_eq!(c.schema_refs, ["a-2024.xsd"]);
        assert_eq!(c.continuation_ids, ["c2"]);
        assert_eq!(c.dangling, ["c1"]);
        let plain = set_clues(b"<html><p continuedAt='x'>schemaRef</p></html>");
        assert_eq!(plain, SetClues::default());
    }
}
