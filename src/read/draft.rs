//! Reader for untagged plain-text and Markdown drafts.
//!
//! Drafts have no tags: only the text layer is built, so text rules can run before anyone
//! tags the disclosure. A blank line ends a paragraph; a single newline inside a paragraph is a
//! space (soft wrap). Markdown headings (`#`), list items and lines that read like an item
//! heading ("Item 1C. Cybersecurity") are blocks of their own, so sections are found by the
//! same heading search as in HTML. HTML comments (`<!-- … -->`, where inline suppressions are
//! written) are neither text nor a block boundary. HTML drafts are read by the Inline XBRL reader, which finds
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

/// The pieces of `line` outside HTML comments (`<!-- … -->`), as (offset in the line, text);
/// `in_comment` carries an open comment from line to line. The second value is true when the
/// line held (part of) a comment.
fn outside_comments<'a>(line: &'a str, in_comment: &mut bool) -> (Vec<(usize, &'a str)>, bool) {
    let mut pieces = Vec::new();
    let mut at = 0;
    let mut saw = *in_comment;
    while at < line.len() {
        if *in_comment {
            match line[at..].find("-->") {
                Some(e) => {
                    at += e + 3;
                    *in_comment = false;
                }
                None => at = line.len(),
            }
        } else {
            match line[at..].find("<!--") {
                Some(s) => {
                    if s > 0 {
                        pieces.push((at, &line[at..at + s]));
                    }
                    at += s + 4;
                    *in_comment = true;
                    saw = true;
                }
                None => {
                    pieces.push((at, &line[at..]));
                    at = line.len();
                }
            }
        }
    }
    (pieces, saw)
}

/// Reads a `.txt` or `.md` draft from file `file`.
///
/// HTML comments (`<!-- … -->`, where inline suppressions are written) are neither text nor
/// a block boundary: a line that holds only a comment is read as if it were not there, and a
/// comment inside a line is left out of its text.
pub(crate) fn read(filing: &mut Filing, file: usize, markdown: bool) {
    let text = filing.files[file].text.clone();
    let item_line = &*ITEM_LINE;
    let list_item = &*LIST_ITEM;
    let mut b = TextBuilder::new();
    let mut pos = 0usize;
    let mut in_comment = false;
    for line in text.split_inclusive('\n') {
        let (pieces, commented) = outside_comments(line, &mut in_comment);
        if commented {
            let visible: String = pieces.iter().map(|p| p.1).collect();
            if visible.trim().is_empty() {
                // A comment line: nothing, not even a paragraph break.
                pos += line.len();
                continue;
            }
            read_pieces(&mut b, file, pos, &pieces, &visible, markdown);
            pos += line.len();
            continue;
        }
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

/// A line with a comment in it: its `pieces` outside the comment (offsets in the line at
/// `pos`), whose text is `visible`, read as the line would be read without the comment.
fn read_pieces(
    b: &mut TextBuilder,
    file: usize,
    pos: usize,
    pieces: &[(usize, &str)],
    visible: &str,
    markdown: bool,
) {
    let body = visible.trim_end_matches(['\n', '\r']);
    let trimmed = body.trim_start();
    let heading = markdown && trimmed.starts_with('#');
    let block = heading || (ITEM_LINE.is_match(body) && body.len() < 120);
    let ends_line = pieces.last().is_some_and(|(_, t)| t.ends_with('\n'));
    if block || LIST_ITEM.is_match(body) {
        b.push_break(file, pos, pos);
    }
    let mut skip_hashes = heading;
    for &(off, piece) in pieces {
        let mut piece = if block {
            piece.trim_end_matches(['\n', '\r'])
        } else {
            piece
        };
        let mut off = off;
        if skip_hashes && !piece.trim().is_empty() {
            let lead = piece.len() - piece.trim_start().len();
            let hashes = piece[lead..].len() - piece[lead..].trim_start_matches('#').len();
            off += lead + hashes;
            piece = &piece[lead + hashes..];
            skip_hashes = false;
        }
        b.push_source(piece, file, pos + off);
    }
    if block {
        let end = pieces.last().map_or(pos, |(o, t)| pos + o + t.len());
        b.push_break(file, end, end);
    } else if !ends_line {
        // The line ended inside a comment: its line break (in the comment) is a soft wrap.
        let end = pos + pieces.last().map_or(0, |(o, t)| o + t.len());
        b.push_atomic(" ", file, end, end + 1);
    }
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

#[cfg(test)]
mod tests {
    use crate::source::SourceFile;

    fn layer(name: &str, text: &str) -> crate::filing::Filing {
        crate::read::read_sources(vec![SourceFile::from_bytes(
            name.into(),
            text.as_bytes().to_vec(),
        )])
    }

    /// A comment is neither text nor a block boundary, in Markdown and in text drafts; a
    /// leading one does not make the draft HTML, nor hide the heading after it.
    #[test]
    fn comments_are_neither_text_nor_breaks() {
        for name in ["d.md", "d.txt"] {
            let f = layer(
                name,
                "<!-- cydlint-disable CYD-X-011: why -->\nItem 1C. Cybersecurity\n<!-- a\nmulti-line comment -->\nWe assess risks\n<!-- the board oversees it in the proxy -->\nand manage them.<!-- tail -->\nNext <!-- in the middle -->words.\n",
            );
            assert_eq!(f.kind, Some(crate::filing::InputKind::Draft), "{name}");
            let text = f.text.visible();
            assert_eq!(
                text, "Item 1C. Cybersecurity\nWe assess risks and manage them. Next words.",
                "{name}"
            );
            assert_eq!(f.text.sections.len(), 1, "{name}");
            // Spans still point at the words in the file.
            let at = text.find("manage").unwrap();
            let span = f.text.span(at..at + 6).unwrap();
            let src = &f.files[0].text[span.start..span.end];
            assert_eq!(src, "manage", "{name}");
        }
        // A Markdown heading after a comment on its own line.
        let f = layer(
            "h.md",
            "# Intro\n<!-- x -->\n## Item 1C. Cybersecurity<!-- y -->\nText.\n",
        );
        assert_eq!(f.text.visible(), "Intro\nItem 1C. Cybersecurity\nText.");
    }
}
