//! From command-line paths to document sets.
//!
//! Files named together that are (X)HTML form one document set, in the order given (an
//! Inline XBRL filing may be split over several files, with continuations crossing them);
//! any other file is a set of its own. A directory is walked (walkdir, sorted by name, so
//! output is deterministic) and the recognised files directly inside each directory form one
//! set, the way EDGAR keeps a filing's documents together. `--separate` turns every file into a
//! set of its own.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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
}

fn recognised(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

fn is_markup(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "htm" | "html" | "xhtml"))
}

/// Groups `paths` into document sets.
pub fn document_sets(
    paths: &[PathBuf],
    separate: bool,
) -> Result<Vec<Vec<PathBuf>>, DiscoverError> {
    let mut sets: Vec<Vec<PathBuf>> = Vec::new();
    let mut named_markup: Vec<PathBuf> = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut by_dir: BTreeMap<PathBuf, Vec<PathBuf>> = BTreeMap::new();
            for entry in WalkDir::new(p).sort_by_file_name().follow_links(false) {
                let entry = entry.map_err(|e| DiscoverError::Walk {
                    path: p.clone(),
                    message: e.to_string(),
                })?;
                let path = entry.path();
                if entry.file_type().is_file() && recognised(path) {
                    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
                    by_dir.entry(dir).or_default().push(path.to_path_buf());
                }
            }
            for (_, files) in by_dir {
                let (markup, other): (Vec<_>, Vec<_>) =
                    files.into_iter().partition(|f| is_markup(f));
                if separate {
                    sets.extend(markup.into_iter().map(|f| vec![f]));
                } else if !markup.is_empty() {
                    sets.push(markup);
                }
                sets.extend(other.into_iter().map(|f| vec![f]));
            }
        } else if p.exists() {
            if is_markup(p) && !separate {
                named_markup.push(p.clone());
            } else {
                sets.push(vec![p.clone()]);
            }
        } else {
            return Err(DiscoverError::Missing(p.clone()));
        }
    }
    if !named_markup.is_empty() {
        sets.insert(0, named_markup);
    }
    Ok(sets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directories_group_by_folder_and_sort() {
        let dir = std::env::temp_dir().join(format!("cydlint-discover-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("a")).unwrap();
        std::fs::create_dir_all(dir.join("b")).unwrap();
        for f in ["a/2.htm", "a/1.htm", "a/notes.txt", "b/x.xml", "b/skip.pdf"] {
            std::fs::write(dir.join(f), "x").unwrap();
        }
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
                vec!["a/1.htm".to_string(), "a/2.htm".to_string()],
                vec!["a/notes.txt".to_string()],
                vec!["b/x.xml".to_string()]
            ]
        );
        assert!(matches!(
            document_sets(&[dir.join("nope")], false),
            Err(DiscoverError::Missing(_))
        ));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
