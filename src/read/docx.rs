//! Word (`.docx`) drafts: the words issuers write long before anyone tags them.
//!
//! A `.docx` is a zip of XML parts. We read `word/document.xml` (and `word/footnotes.xml`,
//! `word/styles.xml` when present) with quick-xml and lay the document out as text, **one
//! paragraph per line**: body paragraphs in order (table cells' paragraphs included, one line
//! each), then the footnotes after a `Footnotes` line. A .docx has no lines of its own, so a
//! location in a Word draft is a paragraph number (the line) and a character offset (the
//! column), plus the nearest heading.
//!
//! What counts as text: runs (`w:t`), tabs and breaks as spaces; by default the text as it
//! will read once every tracked change is **accepted** — insertions and moves-to count
//! (`w:ins`, `w:moveTo`), deletions and moves-from do not (`w:del`, `w:delText`,
//! `w:moveFrom`); [`View::Rejected`] reads it the other way round (`cydlint plan
//! --reject-changes`, `check --reject-changes`). Comments are ignored (their text lives in
//! `comments.xml`, which is not read; the anchors in the body carry no text); field codes
//! (`w:instrText`) are not text. Numbered and bulleted list items are paragraphs like any
//! other (their numbers live in `numbering.xml` and are not text either). Headings are paragraphs whose style is a
//! heading (`Heading1`…, `Title`, or a style whose name says "heading" or that has an outline
//! level in `styles.xml`), that carry `w:outlineLvl` themselves, or — headings by formatting, as
//! many lawyers make them — short paragraphs (at most 12 words, no final full stop) whose text
//! is all in bold runs.
//!
//! Hostile input: a file that is not a zip, an encrypted document (an OLE container, not a
//! zip), a zip without `word/document.xml`, or a part that would inflate past
//! [`MAX_PART`] bytes (a zip bomb) ends in a clear error, never a panic; parts are read through
//! a bounded reader whatever size they declare.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::Event;

/// The largest inflated size of one part.
pub const MAX_PART: u64 = 64 << 20;

/// The text of a Word document, one paragraph per line.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct DocxText {
    /// The paragraphs, in order.
    pub paragraphs: Vec<String>,
    /// Indices (0-based) of heading paragraphs.
    pub headings: Vec<usize>,
}

impl DocxText {
    /// The text: paragraphs joined by newlines.
    pub fn text(&self) -> String {
        self.paragraphs.join("\n")
    }
}

/// True when bytes look like a zip.
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// True when bytes look like an OLE compound file (legacy .doc, or an encrypted .docx).
pub fn is_ole(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

fn read_part(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    limit: u64,
) -> Result<Option<String>, String> {
    let mut f = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("cannot open {name} in the .docx: {e}")),
    };
    if f.encrypted() {
        return Err(format!(
            "{name} is encrypted; cydlint cannot read encrypted documents"
        ));
    }
    let declared = f.size();
    if declared > limit {
        return Err(format!(
            "{name} would inflate to {declared} bytes, over the limit of {limit}: refusing it (zip bomb?)"
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
    String::from_utf8(buf)
        .map(Some)
        .map_err(|_| format!("{name} is not UTF-8 XML"))
}

fn local(name: &[u8]) -> &[u8] {
    match name.iter().rposition(|&b| b == b':') {
        Some(p) => &name[p + 1..],
        None => name,
    }
}

fn attr(e: &quick_xml::events::BytesStart<'_>, key: &str) -> Option<String> {
    let mut it = e.attributes();
    it.with_checks(false);
    it.flatten()
        .find(|a| local(a.key.as_ref().as_bytes()) == key.as_bytes())
        .map(|a| crate::read::html::unescape(&a.value).into_owned())
}

/// Heading styles from `styles.xml`: style id → is a heading.
fn heading_styles(xml: &str) -> BTreeMap<String, bool> {
    let mut out = BTreeMap::new();
    let mut r = Reader::from_str(xml);
    let mut current: Option<String> = None;
    loop {
        match r.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                match local(e.name().as_ref().as_bytes()) {
                    b"style" => current = attr(&e, "styleId"),
                    b"name" => {
                        if let (Some(id), Some(n)) = (&current, attr(&e, "val")) {
                            let n = n.to_ascii_lowercase();
                            if n.starts_with("heading") || n == "title" {
                                out.insert(id.clone(), true);
                            }
                        }
                    }
                    b"outlineLvl" => {
                        if let Some(id) = &current {
                            out.insert(id.clone(), true);
                        }
                    }
                    _ => {}
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

/// Reads the paragraphs of `document.xml` or `footnotes.xml`.
fn paragraphs(
    xml: &str,
    styles: &BTreeMap<String, bool>,
    footnotes: bool,
    view: View,
) -> Result<DocxText, String> {
    let mut r = Reader::from_str(xml);
    r.config_mut().trim_text(false);
    let mut out = DocxText::default();
    let mut para: Option<String> = None;
    let mut heading = false;
    let mut in_text = false;
    let mut del_depth = 0usize;
    let mut skip_footnote = false;
    let mut depth = 0usize;
    // Headings by formatting: a short paragraph all of whose text is in bold runs.
    let mut run_bold = false;
    let (mut bold_chars, mut plain_chars) = (0usize, 0usize);
    loop {
        let ev = r.read_event().map_err(|e| {
            format!(
                "malformed XML in the .docx at byte {}: {e}",
                r.error_position()
            )
        })?;
        match &ev {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Eof if depth > 0 => {
                return Err(
                    "malformed XML in the .docx: a part ends inside an open element (truncated?)"
                        .into(),
                );
            }
            _ => {}
        }
        match ev {
            Event::Start(e) => match local(e.name().as_ref().as_bytes()) {
                b"p" => {
                    para = Some(String::new());
                    heading = false;
                    (bold_chars, plain_chars) = (0, 0);
                }
                b"r" => run_bold = false,
                b"t" | b"delText" => in_text = del_depth == 0,
                b"instrText" => del_depth += 1,
                b"del" | b"moveFrom" if view == View::Accepted => del_depth += 1,
                b"ins" | b"moveTo" if view == View::Rejected => del_depth += 1,
                b"footnote" if footnotes => {
                    skip_footnote = matches!(
                        attr(&e, "type").as_deref(),
                        Some("separator")
                            | Some("continuationSeparator")
                            | Some("continuationNotice")
                    );
                }
                _ => {}
            },
            Event::Empty(e) => match local(e.name().as_ref().as_bytes()) {
                b"tab" | b"br" | b"cr" => {
                    if let Some(p) = &mut para
                        && del_depth == 0
                    {
                        p.push(' ');
                    }
                }
                b"pStyle" => {
                    if let Some(v) = attr(&e, "val") {
                        let lower = v.to_ascii_lowercase();
                        if lower.starts_with("heading")
                            || lower == "title"
                            || styles.get(&v).copied().unwrap_or(false)
                        {
                            heading = true;
                        }
                    }
                }
                b"b" => {
                    run_bold = !matches!(
                        attr(&e, "val").as_deref(),
                        Some("0") | Some("false") | Some("off")
                    );
                }
                b"outlineLvl"
                    if attr(&e, "val")
                        .and_then(|v| v.parse::<u8>().ok())
                        .is_some_and(|l| l < 9) =>
                {
                    heading = true;
                }
                b"p" if !skip_footnote => out.paragraphs.push(String::new()),
                _ => {}
            },
            Event::End(e) => match local(e.name().as_ref().as_bytes()) {
                b"t" | b"delText" => in_text = false,
                b"instrText" => del_depth = del_depth.saturating_sub(1),
                b"del" | b"moveFrom" if view == View::Accepted => {
                    del_depth = del_depth.saturating_sub(1)
                }
                b"ins" | b"moveTo" if view == View::Rejected => {
                    del_depth = del_depth.saturating_sub(1)
                }
                b"p" => {
                    if let Some(p) = para.take()
                        && !skip_footnote
                    {
                        let line = p.split_whitespace().collect::<Vec<_>>().join(" ");
                        let bold_heading = bold_chars > 0
                            && plain_chars == 0
                            && line.split_whitespace().count() <= 12
                            && !line.ends_with(['.', ';', ',', ':']);
                        if (heading || bold_heading) && !line.is_empty() {
                            out.headings.push(out.paragraphs.len());
                        }
                        out.paragraphs.push(line);
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_text => {
                if let Some(p) = &mut para {
                    let before = p.len();
                    p.push_str(&t);
                    let n = p[before..].chars().filter(|c| !c.is_whitespace()).count();
                    if run_bold {
                        bold_chars += n;
                    } else {
                        plain_chars += n;
                    }
                }
            }
            Event::GeneralRef(g) if in_text => {
                if let (Some(p), Some(d)) = (&mut para, crate::read::html::decode_entity(&g)) {
                    p.push_str(&d);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// Which text of a document with tracked changes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum View {
    /// As if every change were accepted: insertions in, deletions out (the default).
    #[default]
    Accepted,
    /// As if every change were rejected: insertions out, deletions in.
    Rejected,
}

/// Extracts the text of a .docx, inflating no part past [`MAX_PART`] bytes.
pub fn extract(bytes: &[u8]) -> Result<DocxText, String> {
    extract_with_limit(bytes, MAX_PART)
}

/// Extracts the text of a .docx, inflating no part past `limit` bytes.
pub fn extract_with_limit(bytes: &[u8], limit: u64) -> Result<DocxText, String> {
    extract_view(bytes, limit, View::Accepted)
}

/// Extracts the text of a .docx as `view` reads its tracked changes.
pub fn extract_view(bytes: &[u8], limit: u64, view: View) -> Result<DocxText, String> {
    if is_ole(bytes) {
        return Err("this is an OLE compound file — an encrypted (password-protected) .docx or a legacy .doc — not a .docx zip; cydlint cannot read it".into());
    }
    if !is_zip(bytes) {
        return Err("not a .docx: the file is not a zip archive".into());
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("not a readable .docx zip: {e}"))?;
    let document = read_part(&mut zip, "word/document.xml", limit)?
        .ok_or("the .docx has no word/document.xml: it is not a Word document")?;
    let styles = read_part(&mut zip, "word/styles.xml", limit)?
        .map(|s| heading_styles(&s))
        .unwrap_or_default();
    let mut doc = paragraphs(&document, &styles, false, view)?;
    if let Some(foot) = read_part(&mut zip, "word/footnotes.xml", limit)? {
        let notes = paragraphs(&foot, &styles, true, view)?;
        let notes: Vec<String> = notes
            .paragraphs
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect();
        if !notes.is_empty() {
            doc.paragraphs.push("Footnotes".into());
            doc.paragraphs.extend(notes);
        }
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_a_zip_and_ole() {
        assert!(extract(b"hello").unwrap_err().contains("not a zip"));
        let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
        assert!(extract(&ole).unwrap_err().contains("encrypted"));
        assert!(extract(b"PK\x03\x04garbage").is_err());
    }
}
