//! EDGAR submissions as users download them: a `.zip` of the submission folder, and the
//! complete submission text file (`.txt`, the SGML `<SEC-DOCUMENT>` with one `<DOCUMENT>`
//! block per document).
//!
//! Their documents become *members*, named by a virtual path under the container
//! (`sub.zip/ex13.htm`, `sub.txt/ex13.htm`): [`crate::discover`] lists and groups them as it
//! does a folder's files (a zip is a folder), and [`open`] reads one back when a document set
//! is read. A zip is read through bounded readers, as the Word reader reads its parts: at
//! most [`MAX_MEMBERS`] entries, none inflating past [`MAX_MEMBER`] bytes whatever it
//! declares. In a `.txt`, a document's text is the bytes between `<TEXT>` and `</TEXT>` (an
//! `<XBRL>`/`<XML>` wrapper left out); uuencoded parts (graphics, PDFs, zips: a `begin`
//! line) and `<PDF>` blocks are skipped; the member's spans point into the `.txt` itself
//! ([`SourceFile::member`]), lines and columns too, so an editor opens the right place.

use std::io::{Cursor, Read};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use memchr::memmem;

use crate::source::SourceFile;

/// The most entries a zip may list.
pub const MAX_MEMBERS: usize = 10_000;

/// The most bytes one zip entry may inflate to (as a Word document's part).
pub const MAX_MEMBER: u64 = super::docx::MAX_PART;

/// One document of a complete submission text file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TxtDocument {
    /// `<TYPE>` (10-K, EX-13, EX-101.SCH, GRAPHIC…).
    pub doc_type: String,
    /// `<FILENAME>`.
    pub filename: String,
    /// The document's text in the `.txt`.
    pub range: Range<usize>,
}

/// True when `head` (the first kilobytes of a `.txt`) is a complete submission text file.
pub fn is_submission_txt(head: &[u8]) -> bool {
    let head = &head[..head.len().min(64 << 10)];
    memmem::find(head, b"<SEC-DOCUMENT>").is_some()
        || (memmem::find(head, b"<DOCUMENT>").is_some() && memmem::find(head, b"<TYPE>").is_some())
}

/// The value of an SGML tag line (`<TYPE>10-K`) inside `block`.
fn tag_value(block: &[u8], tag: &[u8]) -> Option<String> {
    let at = memmem::find(block, tag)? + tag.len();
    let end = block[at..]
        .iter()
        .position(|&b| b == b'\n' || b == b'\r' || b == b'<')
        .map_or(block.len(), |e| at + e);
    Some(String::from_utf8_lossy(&block[at..end]).trim().to_string())
}

/// The documents of a complete submission text file, in order; uuencoded and PDF documents
/// left out.
pub fn txt_documents(bytes: &[u8]) -> Vec<TxtDocument> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = memmem::find(&bytes[from..], b"<DOCUMENT>") {
        let start = from + i;
        let end = memmem::find(&bytes[start..], b"</DOCUMENT>").map_or(bytes.len(), |e| start + e);
        from = end.max(start + 10);
        let block = &bytes[start..end];
        let Some(text_at) = memmem::find(block, b"<TEXT>") else {
            continue;
        };
        let mut a = start + text_at + b"<TEXT>".len();
        let mut b = memmem::find(&bytes[a..end], b"</TEXT>").map_or(end, |e| a + e);
        let header = &bytes[start..a];
        let doc_type = tag_value(header, b"<TYPE>").unwrap_or_default();
        let filename = tag_value(header, b"<FILENAME>").unwrap_or_default();
        // Skip the line break after <TEXT>, and a wrapper around an XBRL or XML document.
        let skip_space = |a: &mut usize, b: usize| {
            while *a < b && bytes[*a].is_ascii_whitespace() {
                *a += 1;
            }
        };
        skip_space(&mut a, b);
        if bytes[a..b].starts_with(b"<PDF>") || bytes[a..b].starts_with(b"begin ") {
            continue;
        }
        for (open, close) in [(&b"<XBRL>"[..], &b"</XBRL>"[..]), (b"<XML>", b"</XML>")] {
            if bytes[a..b].starts_with(open) {
                a += open.len();
                skip_space(&mut a, b);
                if let Some(c) = memmem::rfind(&bytes[a..b], close) {
                    b = a + c;
                }
            }
        }
        if filename.is_empty() {
            continue;
        }
        out.push(TxtDocument {
            doc_type,
            filename,
            range: a..b,
        });
    }
    out
}

/// The names of a zip's file entries, or why they cannot be listed.
pub fn zip_names(bytes: &[u8]) -> Result<Vec<String>, String> {
    let zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| format!("not a zip: {e}"))?;
    if zip.len() > MAX_MEMBERS {
        return Err(format!(
            "the zip lists {} entries, over the limit of {MAX_MEMBERS}",
            zip.len()
        ));
    }
    let mut names = Vec::new();
    for n in zip.file_names() {
        let n = n.map_err(|e| format!("an entry name cannot be read: {e}"))?;
        if !n.ends_with('/') {
            names.push(n.into_owned());
        }
    }
    Ok(names)
}

/// One zip entry's bytes, read through a bounded reader (at most [`MAX_MEMBER`] bytes).
pub fn zip_member(bytes: &[u8], name: &str) -> Result<Vec<u8>, String> {
    zip_member_with_limit(bytes, name, MAX_MEMBER)
}

/// [`zip_member`] under another limit.
pub fn zip_member_with_limit(bytes: &[u8], name: &str, limit: u64) -> Result<Vec<u8>, String> {
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| format!("not a zip: {e}"))?;
    let mut f = zip
        .by_name(name)
        .map_err(|e| format!("cannot open {name} in the zip: {e}"))?;
    if f.encrypted() {
        return Err(format!("{name} is encrypted in the zip"));
    }
    if f.size() > limit {
        return Err(format!(
            "{name} would inflate to {} bytes, over the limit of {limit}: refusing it (zip bomb?)",
            f.size()
        ));
    }
    let mut buf = Vec::new();
    let read = (&mut f)
        .take(limit + 1)
        .read_to_end(&mut buf)
        .map_err(|e| format!("cannot inflate {name}: {e}"))?;
    if read as u64 > limit {
        return Err(format!(
            "{name} inflates past the limit of {limit} bytes: refusing it (zip bomb?)"
        ));
    }
    Ok(buf)
}

/// The container (an existing `.zip` or `.txt` file) of a virtual member path, and the
/// member's name inside it.
pub fn container_of(path: &Path) -> Option<(PathBuf, String)> {
    let mut parts = Vec::new();
    let mut cur = path;
    while let Some(parent) = cur.parent() {
        parts.push(cur.file_name()?.to_string_lossy().into_owned());
        if parent.is_file() {
            let ext = parent
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or("")
                .to_ascii_lowercase();
            if ext == "zip" || ext == "txt" {
                parts.reverse();
                return Some((parent.to_path_buf(), parts.join("/")));
            }
            return None;
        }
        cur = parent;
    }
    None
}

/// The bytes of a file or of a member (for the discovery's peek).
pub fn read_bytes(path: &Path) -> std::io::Result<Vec<u8>> {
    if path.is_file() {
        return std::fs::read(path);
    }
    open(path, &mut Default::default()).map(|f| f.bytes().to_vec())
}

/// Containers already read, by path, while one document set is read.
pub type Opened = std::collections::HashMap<PathBuf, Arc<[u8]>>;

/// A container's bytes and its documents (for a `.txt`).
type Contents = (Arc<[u8]>, Arc<Vec<TxtDocument>>);

/// A container and its documents (for a `.txt`), as last read.
type Cached = (PathBuf, Arc<[u8]>, Arc<Vec<TxtDocument>>);

/// The last container read in this process: the document sets of one submission are read one
/// after the other (or side by side), each member from the same container, which is read and
/// split once, not once per set.
static LAST: std::sync::Mutex<Option<Cached>> = std::sync::Mutex::new(None);

/// The bytes of a container, and its documents when it is a `.txt`.
fn container(path: &Path, is_zip: bool) -> std::io::Result<Contents> {
    if let Ok(last) = LAST.lock()
        && let Some((p, b, d)) = last.as_ref()
        && p == path
    {
        return Ok((b.clone(), d.clone()));
    }
    let bytes: Arc<[u8]> = std::fs::read(path)?.into();
    let docs = Arc::new(if is_zip {
        Vec::new()
    } else {
        txt_documents(&bytes)
    });
    if let Ok(mut last) = LAST.lock() {
        *last = Some((path.to_path_buf(), bytes.clone(), docs.clone()));
    }
    Ok((bytes, docs))
}

/// Reads a member back (see the module documentation); `opened` keeps the containers read.
pub fn open(path: &Path, opened: &mut Opened) -> std::io::Result<SourceFile> {
    let missing = || std::io::Error::new(std::io::ErrorKind::NotFound, "no such file or member");
    let (container_path, name) = container_of(path).ok_or_else(missing)?;
    let is_zip = container_path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("zip"));
    let (bytes, docs) = match opened.get(&container_path) {
        Some(b) if is_zip => (b.clone(), Arc::new(Vec::new())),
        _ => {
            let (b, d) = container(&container_path, is_zip)?;
            opened.insert(container_path.clone(), b.clone());
            (b, d)
        }
    };
    if is_zip {
        let member = zip_member(&bytes, &name).map_err(std::io::Error::other)?;
        return Ok(SourceFile::from_bytes(path.to_path_buf(), member));
    }
    let doc = docs
        .iter()
        .find(|d| d.filename == name)
        .ok_or_else(missing)?;
    Ok(SourceFile::member(
        container_path,
        bytes,
        doc.range.clone(),
        name,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A zip bomb: an entry that inflates past the limit is refused, as a Word part is.
    #[test]
    fn zip_entries_are_read_through_a_bounded_reader() {
        use std::io::Write;
        let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default();
        z.start_file("bomb.htm", opts).unwrap();
        z.write_all(&b"0".repeat(3 << 20)).unwrap();
        z.start_file("ok.htm", opts).unwrap();
        z.write_all(b"<html/>").unwrap();
        let bytes = z.finish().unwrap().into_inner();
        assert!(bytes.len() < 100_000);
        assert_eq!(zip_names(&bytes).unwrap(), ["bomb.htm", "ok.htm"]);
        let err = zip_member_with_limit(&bytes, "bomb.htm", 1 << 20).unwrap_err();
        assert!(err.contains("zip bomb"), "{err}");
        assert_eq!(
            zip_member_with_limit(&bytes, "ok.htm", 1 << 20).unwrap(),
            b"<html/>"
        );
        assert!(zip_names(b"PK\x03\x04 not really").is_err());
    }

    /// Truncated and malformed submission text never panics, and gives what it can.
    #[test]
    fn truncated_submission_text_is_read_as_far_as_it_goes() {
        let whole = b"<SEC-DOCUMENT>\n<DOCUMENT>\n<TYPE>10-K\n<FILENAME>a.htm\n<TEXT>\n<XBRL>\n<html>x</html>\n</XBRL>\n</TEXT>\n</DOCUMENT>\n";
        for cut in 0..whole.len() {
            let docs = txt_documents(&whole[..cut]);
            for d in &docs {
                assert!(d.range.start <= d.range.end && d.range.end <= cut, "{cut}");
            }
        }
        for odd in [
            &b"<DOCUMENT><TEXT>"[..],
            b"<DOCUMENT>\n<FILENAME>x.htm\n<TEXT><XBRL></TEXT>",
            b"<DOCUMENT><FILENAME>x.htm<TEXT>begin 644 x\n</TEXT></DOCUMENT><DOCUMENT>",
            b"</DOCUMENT><DOCUMENT><TEXT></DOCUMENT>",
        ] {
            let docs = txt_documents(odd);
            assert!(docs.iter().all(|d| d.range.end <= odd.len()));
        }
    }

    #[test]
    fn documents_of_a_submission_text_file() {
        let txt = b"<SEC-DOCUMENT>0000-25-1.txt : 20250225\n<SEC-HEADER>x</SEC-HEADER>\n<DOCUMENT>\n<TYPE>10-K\n<SEQUENCE>1\n<FILENAME>a-10k.htm\n<DESCRIPTION>10-K\n<TEXT>\n<XBRL>\n<html>main</html>\n</XBRL>\n</TEXT>\n</DOCUMENT>\n<DOCUMENT>\n<TYPE>GRAPHIC\n<SEQUENCE>2\n<FILENAME>logo.jpg\n<TEXT>\nbegin 644 logo.jpg\nM_]C_X``02D9)1@`!`0$`8`!@``#_VP!#``@&!@<&!0@'!P<)\"0@*#!0-#`L+\n`\nend\n</TEXT>\n</DOCUMENT>\n<DOCUMENT>\n<TYPE>EX-21\n<SEQUENCE>3\n<FILENAME>ex21.htm\n<TEXT>\n<html>subs</html>\n</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n";
        assert!(is_submission_txt(txt));
        assert!(!is_submission_txt(b"Item 1C. Cybersecurity\n"));
        let docs = txt_documents(txt);
        let names: Vec<(&str, &str)> = docs
            .iter()
            .map(|d| (d.doc_type.as_str(), d.filename.as_str()))
            .collect();
        assert_eq!(names, [("10-K", "a-10k.htm"), ("EX-21", "ex21.htm")]);
        assert_eq!(&txt[docs[0].range.clone()], b"<html>main</html>\n");
        assert_eq!(&txt[docs[1].range.clone()], b"<html>subs</html>\n");
    }
}
