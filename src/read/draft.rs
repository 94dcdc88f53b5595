//! Reader for untagged plain-text and Markdown drafts.
//!
//! Drafts have no tags: only the text layer is built, so text rules can run before anyone
//! tags the disclosure. A blank line ends a paragraph; a single newline inside a paragraph is a
//! space (soft wrap). Markdown headings (`#`), list items and lines that read like an item
//! heading ("Item 1C. Cybersecurity") are blocks of their own, so sections are found by the
//! same heading search as in HTML. HTML drafts are read by the Inline XBRL reader, which finds
//! no facts in them.

use regex::Regex;

use crate::filing::Filing;
use crate::filing::text::{TextBuilder, TextLayer};

/// A line that reads like an item heading ("Item 1C. Cybersecurity", "Part II, Item 7"),
/// compiled once per process.
static ITEM_LINE: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:part\s+[iv]+\s*[,.\-–—]?\s*)?item\s*\d+[a-z]?(?:\.\d+)?\b")
        .expect("static regex")
});

/// A Markdown list item ("- ", "* ", "1. ", "2) "), compiled once per process.
static LIST_ITEM: std::sync::LazyLock<Regex> =
    std::sync::LazyLock::new(|| Regex::new(r"^\s*(?:[-*+]|\d+[.)])\s+").expect("static regex"));

/// Reads a `.txt` or `.md` draft from file `file`.
pub(crate) fn read(filing: &mut Filing, file: usize, markdown: bool) {
    let text = filing.files[file].text.clone();
    let item_line = &*ITEM_LINE;
    let list_item = &*LIST_ITEM;
    let mut b = TextBuilder::new();
    let mut pos = 0usize;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let trimmed = body.trim_start();
        let indent = body.len() - trimmed.len();
        if trimmed.is_empty() {
            b.push_break(file, pos, pos + line.len());
        } else if markdown && trimmed.starts_with('#') {
            let hashes = trimmed.len() - trimmed.trim_start_matches('#').len();
            let rest = &trimmed[hashes..];
            b.push_break(file, pos, pos + indent + hashes);
            b.push_source(rest, file, pos + indent + hashes);
            b.push_break(file, pos + body.len(), pos + line.len());
        } else if item_line.is_match(body) && body.len() < 120 {
            b.push_break(file, pos, pos);
            b.push_source(body, file, pos);
            b.push_break(file, pos + body.len(), pos + line.len());
        } else {
            if list_item.is_match(body) {
                b.push_break(file, pos, pos);
            }
            b.push_source(line, file, pos);
        }
        pos += line.len();
    }
    let (t, map) = b.finish();
    let len = t.len();
    filing.text = TextLayer::new(t, map, len);
}

/// Builds the text layer of an extracted Word document: every line is a paragraph, a block of
/// its own.
pub(crate) fn read_paragraphs(filing: &mut Filing, file: usize) {
    let text = filing.files[file].text.clone();
    let mut b = TextBuilder::new();
    let mut pos = 0usize;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches('\n');
        b.push_break(file, pos, pos);
        b.push_source(body, file, pos);
        b.push_break(file, pos + body.len(), pos + line.len());
        pos += line.len();
    }
    let (t, map) = b.finish();
    let len = t.len();
    filing.text = TextLayer::new(t, map, len);
}
