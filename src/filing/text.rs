//! The text layer: what a reader of the filing sees, with a map back to the source bytes.
//!
//! Every reader produces one [`TextLayer`] per filing: the visible text of all its files in order
//! (no script, style or `ix:header`; entities decoded; block elements become line breaks; runs of
//! white space collapsed to one space). Each byte of that text maps back to an original byte range
//! through [`OffsetMap`], so a regex match on the text becomes an exact span in the original file
//! — through entity decoding, white-space collapsing and transcoding alike.
//!
//! The text of hidden facts (`ix:hidden`) is appended after the visible text, past
//! [`TextLayer::visible_len`], so that fact text always lives in the layer but document-wide text
//! rules only see what a reader sees.
//!
//! Sentences follow UAX #29 (via `unicode-segmentation`), then are re-joined after common
//! abbreviations ("Mr.", "Inc.", "U.S.") that UAX #29 alone would split on. Sections (Item 1C,
//! Item 16K, Item 1.05) are located by their headings; see [`find_sections`].

use std::ops::Range;

use serde::Serialize;

use crate::source::{Points, Span};

/// One run of the map: the text bytes from `text` to the next run's `text` (or the end of the
/// text) come from `src_len` source bytes starting at `src` in file `file`. When `exact`, byte
/// `i` of the run is source byte `src + i` (and the run is `src_len` bytes long); otherwise the
/// run is atomic (an entity, collapsed white space, a synthetic break) and every byte of it maps
/// to the whole source range.
///
/// A map has about one run per 12 bytes of text, so a run is kept to 16 bytes: its length is
/// not stored (runs are contiguous) and `exact` is the top bit of the file index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Seg {
    text: u32,
    src: u32,
    src_len: u32,
    file_exact: u32,
}

const EXACT: u32 = 1 << 31;

impl Seg {
    fn new(text: u32, src: u32, src_len: u32, file: u32, exact: bool) -> Self {
        Seg {
            text,
            src,
            src_len,
            file_exact: file.min(EXACT - 1) | if exact { EXACT } else { 0 },
        }
    }
    fn file(&self) -> u32 {
        self.file_exact & !EXACT
    }
    fn exact(&self) -> bool {
        self.file_exact & EXACT != 0
    }
}

/// Map from text offsets to source spans.
#[derive(Clone, Debug, Default)]
pub struct OffsetMap {
    segs: Vec<Seg>,
    /// The length of the text (where the last run ends).
    end: u32,
}

impl OffsetMap {
    /// The run holding text offset `t`, and its length.
    fn seg_at(&self, t: usize) -> Option<(&Seg, u32)> {
        let i = self.segs.partition_point(|s| (s.text as usize) <= t);
        if i == 0 {
            None
        } else {
            Some((&self.segs[i - 1], self.len_of(i - 1)))
        }
    }

    /// The length in text bytes of run `i`.
    fn len_of(&self, i: usize) -> u32 {
        let next = self.segs.get(i + 1).map_or(self.end, |n| n.text);
        next.saturating_sub(self.segs[i].text)
    }

    /// The source span of text range `r` (empty range maps to an empty span at its position).
    pub fn span(&self, r: Range<usize>) -> Option<Span> {
        let (first, first_len) = self.seg_at(r.start)?;
        let start = if first.exact() {
            first.src as usize + (r.start - first.text as usize).min(first_len as usize)
        } else {
            first.src as usize
        };
        if r.end <= r.start {
            return Some(Span::new(first.file() as usize, start, start));
        }
        let (last, last_len) = self.seg_at(r.end - 1)?;
        let mut end = if last.exact() {
            last.src as usize + (r.end - last.text as usize).min(last_len as usize)
        } else {
            last.src as usize + last.src_len as usize
        };
        if last.file() != first.file() {
            // A range that crosses files is cut at the end of the first file's last segment.
            let cut = self
                .segs
                .iter()
                .filter(|s| s.file() == first.file() && s.text >= first.text)
                .map(|s| s.src as usize + s.src_len as usize)
                .max()
                .unwrap_or(start);
            end = cut;
        }
        Some(Span::new(first.file() as usize, start, end.max(start)))
    }
}

impl OffsetMap {
    /// Rewrites the source offsets of file `file` through `to_original` (decoded-text offset →
    /// original byte offset). Exact runs are split where the original bytes are not one per
    /// decoded byte (a transcoded character), which become atomic.
    pub fn remap_file(&mut self, file: usize, to_original: &dyn Fn(usize) -> usize) {
        let mut out = Vec::with_capacity(self.segs.len());
        for (n, seg) in self.segs.iter().enumerate() {
            let seg = *seg;
            if seg.file() as usize != file {
                out.push(seg);
                continue;
            }
            if !seg.exact() {
                let a = to_original(seg.src as usize);
                let b = to_original((seg.src + seg.src_len) as usize);
                out.push(Seg {
                    src: a as u32,
                    src_len: (b.max(a) - a) as u32,
                    ..seg
                });
                continue;
            }
            let len = self.len_of(n);
            // Split into maximal 1:1 runs; bytes that share an original position (one
            // transcoded character) become an atomic piece.
            let orig = |k: u32| to_original((seg.src + k) as usize);
            let mut i = 0u32;
            while i < len {
                if orig(i + 1) == orig(i) + 1 {
                    let mut j = i + 1;
                    while j < len && orig(j + 1) == orig(j) + 1 {
                        j += 1;
                    }
                    out.push(Seg::new(
                        seg.text + i,
                        orig(i) as u32,
                        j - i,
                        seg.file(),
                        true,
                    ));
                    i = j;
                } else {
                    let mut k = i + 1;
                    while k < len && orig(k) == orig(i) {
                        k += 1;
                    }
                    let (a, b) = (orig(i), orig(k));
                    out.push(Seg::new(
                        seg.text + i,
                        a as u32,
                        (b.max(a) - a) as u32,
                        seg.file(),
                        false,
                    ));
                    i = k;
                }
            }
        }
        self.segs = out;
    }
}

/// Builds text plus its [`OffsetMap`], collapsing white space as it goes.
#[derive(Debug, Default)]
pub struct TextBuilder {
    text: String,
    map: OffsetMap,
    /// Source of pending white space (file, start, end) not yet written.
    pending_space: Option<(u32, u32, u32)>,
    /// Source of a pending line break.
    pending_break: Option<(u32, u32, u32)>,
    /// The pending separator was requested before the last [`TextBuilder::mark`].
    external: bool,
    /// Offsets of separators written for white space requested before a mark.
    external_at: Vec<usize>,
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{A0}' || c == '\u{200B}' || c == '\u{FEFF}'
}

impl TextBuilder {
    /// A new, empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Bytes written so far (pending white space not counted).
    pub fn len(&self) -> usize {
        self.text.len()
    }

    /// The text written so far.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// True when nothing was written.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    fn push_seg(&mut self, s: &str, file: u32, src: u32, src_len: u32, exact: bool) {
        let text = self.text.len() as u32;
        let len = s.len() as u32;
        self.text.push_str(s);
        self.map.end = self.text.len() as u32;
        if exact
            && let Some(last) = self.map.segs.last_mut()
            && last.exact()
            && last.file() == file
            && last.src + last.src_len == src
        {
            // Runs are contiguous, so the last one ends at `text`: an exact run continues it.
            last.src_len += len;
            return;
        }
        self.map
            .segs
            .push(Seg::new(text, src, src_len, file, exact));
    }

    /// Marks the start of an element whose range is taken from here: white space already
    /// pending belongs to what came before, so its separator (if written) is recorded as
    /// external (see [`TextBuilder::is_external_separator`]).
    pub fn mark(&mut self) {
        self.external = self.pending_space.is_some() || self.pending_break.is_some();
    }

    /// True when white space or a break is pending (requested, not yet written).
    pub fn has_pending(&self) -> bool {
        self.pending_space.is_some() || self.pending_break.is_some()
    }

    /// True when the separator at `pos` was requested before a mark at `pos`.
    pub fn is_external_separator(&self, pos: usize) -> bool {
        self.external_at.binary_search(&pos).is_ok()
    }

    fn flush_pending(&mut self) {
        let external = std::mem::take(&mut self.external);
        let before = self.text.len();
        self.flush_pending_inner();
        if external && self.text.len() > before {
            self.external_at.push(before);
        }
    }

    fn flush_pending_inner(&mut self) {
        if let Some((f, s, e)) = self.pending_break.take() {
            self.pending_space = None;
            if !self.text.is_empty() && !self.text.ends_with('\n') {
                self.push_seg("\n", f, s, e - s, false);
            }
        } else if let Some((f, s, e)) = self.pending_space.take()
            && !self.text.is_empty()
            && !self.text.ends_with([' ', '\n'])
        {
            // One source byte of white space written as one space is a 1:1 run: it joins the
            // words around it in one exact segment (most of the map, in running text).
            self.push_seg(" ", f, s, e - s, e - s == 1);
        }
    }

    /// Pushes literal source text found at `src` in `file`: byte `i` of `s` is source byte
    /// `src + i`.
    pub fn push_source(&mut self, s: &str, file: usize, src: usize) {
        let (file, src) = (file as u32, src as u32);
        let mut run_start: Option<usize> = None;
        let bytes = s.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // The common case first: a run of word bytes, and single spaces between words
            // (which stay in the run), skipped without further tests.
            if run_start.is_some() {
                let end = run_end(bytes, i);
                if end > i {
                    i = end;
                    continue;
                }
            }
            // ASCII bytes are tested directly; only other characters are decoded.
            let b = bytes[i];
            let (space, width) = if b.is_ascii() {
                (
                    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c'),
                    1,
                )
            } else {
                let c = s[i..].chars().next().unwrap_or(' ');
                (is_space(c), c.len_utf8())
            };
            // One plain space between two words stays in the run: it maps 1:1 and needs no
            // collapsing (most of running text).
            let inner_space = b == b' '
                && run_start.is_some()
                && bytes
                    .get(i + 1)
                    .is_some_and(|n| n.is_ascii() && !n.is_ascii_whitespace());
            if space && !inner_space {
                if let Some(rs) = run_start.take() {
                    self.flush_pending();
                    self.push_seg(&s[rs..i], file, src + rs as u32, (i - rs) as u32, true);
                }
                let end = src + (i + width) as u32;
                self.external = false;
                match &mut self.pending_space {
                    Some(p) if p.0 == file && p.2 == src + i as u32 => p.2 = end,
                    _ => self.pending_space = Some((file, src + i as u32, end)),
                }
            } else if run_start.is_none() {
                run_start = Some(i);
            }
            i += width;
        }
        if let Some(rs) = run_start {
            self.flush_pending();
            self.push_seg(&s[rs..], file, src + rs as u32, (s.len() - rs) as u32, true);
        }
    }

    /// Pushes decoded text that stands for the source range `src..src_end` as a whole (an
    /// entity reference, say). Inlined into the readers, which call it for every table cell
    /// and reference (118,000 times on the corpus), most often with a space that only
    /// extends the pending one.
    #[inline]
    pub fn push_atomic(&mut self, s: &str, file: usize, src: usize, src_end: usize) {
        let (file, src, src_end) = (file as u32, src as u32, src_end as u32);
        if s.chars().all(is_space) {
            self.external = false;
            if self.pending_space.is_none() {
                self.pending_space = Some((file, src, src_end));
            } else if let Some(p) = &mut self.pending_space {
                p.2 = src_end.max(p.2);
            }
            return;
        }
        self.flush_pending();
        self.push_seg(s, file, src, src_end - src, false);
    }

    /// Requests a line break (a block boundary) at source `src..src_end`.
    pub fn push_break(&mut self, file: usize, src: usize, src_end: usize) {
        self.external = false;
        if self.pending_break.is_none() {
            self.pending_break = Some((file as u32, src as u32, src_end as u32));
        }
    }

    /// Finishes the text.
    pub fn finish(mut self) -> (String, OffsetMap) {
        self.pending_space = None;
        self.pending_break = None;
        // Capacity beyond the length is never written, so never resident; it is kept for the
        // next filing read on this thread (see `filing::Spare`).
        (self.text, self.map)
    }

    /// A builder that writes into the buffers of the last filing dropped on this thread.
    pub(crate) fn recycled() -> Self {
        let (text, segs) = SPARE
            .try_with(|s| {
                s.try_borrow_mut()
                    .map(|mut s| (std::mem::take(&mut s.0), std::mem::take(&mut s.1)))
            })
            .ok()
            .and_then(Result::ok)
            .unwrap_or_default();
        TextBuilder {
            text,
            map: OffsetMap { segs, end: 0 },
            ..TextBuilder::default()
        }
    }
}

/// Ends each section at the end of the file its heading is in: in a document set of several
/// files (a 10-K and its EX-13), the next file is not the body of the last section of the one
/// before. Only the runs of the section are looked at, and only when the set has several files.
fn clip_to_file(sections: &mut [Section], map: &OffsetMap) {
    let segs = &map.segs;
    if segs.is_empty() || segs.iter().all(|s| s.file() == segs[0].file()) {
        return;
    }
    for sec in sections.iter_mut() {
        let first = segs.partition_point(|s| (s.text as usize) <= sec.range.start);
        let Some(file) = first.checked_sub(1).map(|i| segs[i].file()) else {
            continue;
        };
        if let Some(other) = segs[first..]
            .iter()
            .take_while(|s| (s.text as usize) < sec.range.end)
            .find(|s| s.file() != file)
        {
            sec.range.end = (other.text as usize).max(sec.heading_range.end);
        }
    }
}

/// A section of the document located by its heading.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Section {
    /// `item-1c`, `item-16k` or `item-1.05`.
    pub kind: SectionKind,
    /// The heading as written.
    pub heading: String,
    /// Byte range of the heading in the text layer.
    pub heading_range: Range<usize>,
    /// Byte range of the section (heading included) in the text layer.
    pub range: Range<usize>,
}

/// The sections cydlint knows how to find.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum SectionKind {
    /// Form 10-K Item 1C, Cybersecurity (Regulation S-K Item 106).
    #[serde(rename = "item-1c")]
    Item1C,
    /// Form 20-F Item 16K, Cybersecurity.
    #[serde(rename = "item-16k")]
    Item16K,
    /// Form 8-K Item 1.05, Material Cybersecurity Incidents.
    #[serde(rename = "item-1.05")]
    Item105,
}

impl SectionKind {
    /// The name used in rules and output.
    pub fn as_str(self) -> &'static str {
        match self {
            SectionKind::Item1C => "item-1c",
            SectionKind::Item16K => "item-16k",
            SectionKind::Item105 => "item-1.05",
        }
    }
}

/// The text a reader sees, with sentences, sections and the map back to the source.
#[derive(Clone, Debug, Default)]
pub struct TextLayer {
    /// Visible text, then the text of hidden facts.
    pub text: String,
    /// End of the visible part of `text`.
    pub visible_len: usize,
    /// Sentence byte ranges, in order, over the whole text: computed on first use (reading a
    /// filing for its facts does not pay for sentence segmentation).
    sentences: std::sync::OnceLock<Vec<Range<usize>>>,
    /// Sections found by heading.
    pub sections: Vec<Section>,
    map: OffsetMap,
}

thread_local! {
    /// The text and map buffers of the last layer dropped on a thread, the largest seen (see
    /// `filing::Spare`, which keeps the facts' buffer beside them).
    static SPARE: std::cell::RefCell<(String, Vec<Seg>)> = std::cell::RefCell::new(Default::default());
}

impl TextLayer {
    /// Gives the layer's text and map buffers, emptied, to the next filing read on this thread
    /// ([`TextBuilder::recycled`]), when they are larger than those kept already.
    pub(crate) fn recycle(self) {
        let (mut text, mut segs) = (self.text, self.map.segs);
        text.clear();
        segs.clear();
        let _ = SPARE.try_with(|s| {
            if let Ok(mut s) = s.try_borrow_mut() {
                if s.0.capacity() < text.capacity() {
                    s.0 = text;
                }
                if s.1.capacity() < segs.capacity() {
                    s.1 = segs;
                }
            }
        });
    }

    /// Builds the layer from a finished builder; `visible_len` is where hidden text starts.
    pub fn new(text: String, map: OffsetMap, visible_len: usize) -> Self {
        let mut sections = find_sections(&text[..visible_len.min(text.len())]);
        clip_to_file(&mut sections, &map);
        TextLayer {
            text,
            visible_len,
            sentences: std::sync::OnceLock::new(),
            sections,
            map,
        }
    }

    /// Rewrites the source offsets of one file (see [`OffsetMap::remap_file`]).
    pub fn remap_file(&mut self, file: usize, to_original: &dyn Fn(usize) -> usize) {
        self.map.remap_file(file, to_original);
    }

    /// The source span of a text range.
    pub fn span(&self, r: Range<usize>) -> Option<Span> {
        self.map.span(r)
    }

    /// How many runs the map back to the source holds (a measure of its memory).
    pub fn map_runs(&self) -> usize {
        self.map.segs.len()
    }

    /// The visible text.
    pub fn visible(&self) -> &str {
        &self.text[..self.visible_len]
    }

    /// The sentences (byte ranges, in order).
    pub fn sentences(&self) -> &[Range<usize>] {
        self.sentences.get_or_init(|| split_sentences(&self.text))
    }

    /// The sentence that contains byte `at`.
    ///
    /// Sentences never cross a line break (a block boundary), so only the line around `at` is
    /// segmented: rules ask for the sentences around their matches, and segmenting the whole
    /// document was a sixth of a check. A line longer than 64 KiB (text with no block
    /// structure) uses the whole-document segmentation, computed once.
    pub fn sentence_at(&self, at: usize) -> Option<Range<usize>> {
        match self.line_around(at) {
            Some(line) => sentence_containing(&self.line_sentences(line), at),
            None => sentence_containing(self.sentences(), at),
        }
    }

    /// The line (block) around byte `at`, line break included, when it is at most 64 KiB
    /// (longer lines are segmented once, for the whole text: see [`TextLayer::sentence_at`]).
    pub fn line_around(&self, at: usize) -> Option<Range<usize>> {
        const LOCAL: usize = 64 * 1024;
        if at >= self.text.len() || !self.text.is_char_boundary(at) {
            return None;
        }
        let line = line_of(&self.text, at);
        (line.len() <= LOCAL).then_some(line)
    }

    /// The sentences of a line from [`TextLayer::line_around`], in layer offsets.
    pub fn line_sentences(&self, line: Range<usize>) -> Vec<Range<usize>> {
        sentences_of_line(&self.text, line)
    }

    /// The first section of a kind.
    pub fn section(&self, kind: SectionKind) -> Option<&Section> {
        self.sections.iter().find(|s| s.kind == kind)
    }
}

/// The line of `text` around byte `at` (at most its length): from after the line break
/// before it to its own line break, included (or the end).
pub fn line_of(text: &str, at: usize) -> Range<usize> {
    let bytes = text.as_bytes();
    let start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |p| p + 1);
    let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |p| at + p + 1);
    start..end
}

/// The lines of `text` that `range` covers, in order, each cut at the range's ends (the
/// range's end at most the text's length).
pub fn lines_in(text: &str, range: Range<usize>) -> impl Iterator<Item = Range<usize>> + '_ {
    let end = range.end.min(text.len());
    let mut at = range.start.min(end);
    std::iter::from_fn(move || {
        (at < end).then(|| {
            let line = line_of(text, at);
            let line = line.start.max(range.start)..line.end.min(end);
            at = line.end.max(at + 1);
            line
        })
    })
}

/// The sentences of line `line` of `text` (from [`line_of`]), in `text`'s offsets: lines are
/// segmented independently ([`split_sentences`]), so these are the whole text's there.
pub fn sentences_of_line(text: &str, line: Range<usize>) -> Vec<Range<usize>> {
    let start = line.start;
    split_sentences(&text[line])
        .into_iter()
        .map(|r| (r.start + start)..(r.end + start))
        .collect()
}

/// The sentence of `sentences` (in order, not overlapping) that contains byte `at`.
pub fn sentence_containing(sentences: &[Range<usize>], at: usize) -> Option<Range<usize>> {
    let i = sentences.partition_point(|s| s.end <= at);
    sentences.get(i).filter(|s| s.start <= at).cloned()
}

/// Abbreviations after which a UAX #29 sentence break is not a sentence end.
const ABBREVIATIONS: &[&str] = &[
    "mr.", "mrs.", "ms.", "dr.", "prof.", "inc.", "corp.", "co.", "ltd.", "llc.", "no.", "nos.",
    "u.s.", "u.k.", "e.g.", "i.e.", "etc.", "st.", "jr.", "sr.", "vs.", "v.", "jan.", "feb.",
    "mar.", "apr.", "aug.", "sept.", "sep.", "oct.", "nov.", "dec.", "approx.", "dept.", "fig.",
    "sec.", "s.a.", "n.a.", "p.l.c.", "plc.",
];

/// Splits text into sentences: UAX #29, no break inside a known abbreviation, and always a
/// break at a line break (a block boundary). Ranges exclude surrounding white space.
pub fn split_sentences(text: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let mut glue = false;
        for (i, s) in super::sentence::bounds(line) {
            let trimmed = s.trim_end();
            let lead = s.len() - s.trim_start().len();
            if trimmed.trim_start().is_empty() {
                continue;
            }
            let r = (line_start + i + lead)..(line_start + i + trimmed.len());
            if glue && let Some(last) = out.last_mut() {
                last.end = r.end;
            } else {
                out.push(r);
            }
            let last = out.last().cloned().unwrap_or(0..0);
            let word = text[last.clone()]
                .rsplit(char::is_whitespace)
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            let word = word.trim_start_matches(['(', '"', '“']);
            glue = ABBREVIATIONS.contains(&word)
                || (word.len() == 2
                    && word.ends_with('.')
                    && word.as_bytes()[0].is_ascii_alphabetic());
        }
        line_start += line.len();
    }
    out
}

/// Locates the Item 1C / 16K / 1.05 sections by their headings.
///
/// A heading must start a line (a block). A section runs to the next heading line of another
/// item ("Item 2"); running page headers that repeat its own heading do not end it. A table of
/// contents lists the same headings, so when a kind appears more than once the occurrence with
/// the longest body wins.
pub fn find_sections(text: &str) -> Vec<Section> {
    // Only lines that start with "item" or "part" can be headings: test those alone (a 4 MB
    // filing has tens of thousands of lines and a few hundred candidates).
    let mut candidates: Vec<(usize, &str)> = Vec::new();
    let bytes = text.as_bytes();
    let mut pos = 0;
    while pos < text.len() {
        let end = memchr::memchr(b'\n', &bytes[pos..]).map_or(text.len(), |k| pos + k);
        let body = &text[pos..end];
        // Leading white space is ASCII in the text layer (readers collapse the rest); other
        // leading characters are trimmed the Unicode way.
        let b = body.as_bytes();
        let mut lead = 0;
        while lead < b.len() && b[lead].is_ascii_whitespace() {
            lead += 1;
        }
        if b.get(lead).is_some_and(|c| !c.is_ascii()) {
            lead = body.len() - body.trim_start().len();
        }
        if let Some(head) = b.get(lead..lead + 4)
            && (head.eq_ignore_ascii_case(b"item") || head.eq_ignore_ascii_case(b"part"))
        {
            candidates.push((pos, body));
        }
        pos = end + 1;
    }
    // Every "Item N" heading line: where it starts and which item it names.
    let item_starts: Vec<(usize, String)> = candidates
        .iter()
        .filter_map(|(at, line)| {
            let item = super::heading::any_item(line)?;
            Some((*at, line[item].to_ascii_lowercase()))
        })
        .collect();
    let mut best: Vec<Section> = Vec::new();
    for &(at, first) in &candidates {
        // A heading may be laid out on two lines: "ITEM 1C." in one paragraph, its title
        // "CYBERSECURITY" in the next. Then the heading is both lines.
        let (line, joined);
        match super::heading::cyber_heading(first) {
            Some(_) => line = first,
            None => match two_line_heading(text, at, first) {
                Some(j) => {
                    joined = j;
                    line = joined.as_str();
                }
                None => continue,
            },
        }
        let Some(num) = super::heading::cyber_heading(line) else {
            continue;
        };
        let num = &line[num];
        let kind = match num.to_ascii_lowercase().as_str() {
            "1c" => SectionKind::Item1C,
            "16k" => SectionKind::Item16K,
            _ => SectionKind::Item105,
        };
        // The heading is the whole line (or both), less its leading blanks.
        let lead = line.len() - line.trim_start().len();
        let start = at + lead;
        let m_end = at + line.len();
        // The section ends at the next heading of *another* item: a running page header that
        // repeats "Item 1C. Cybersecurity" inside the section does not end it.
        let this = num.to_ascii_lowercase();
        let end = item_starts
            .iter()
            .find(|(s, n)| *s > m_end && *n != this)
            .map_or(text.len(), |(s, _)| *s);
        let heading = text[start..m_end].trim_end().replace('\n', " ");
        let sec = Section {
            kind,
            heading_range: start..start + heading.len(),
            heading,
            range: start..end,
        };
        match best.iter_mut().find(|s| s.kind == kind) {
            Some(prev) if prev.range.len() < sec.range.len() => *prev = sec,
            Some(_) => {}
            None => best.push(sec),
        }
    }
    best.sort_by_key(|s| s.range.start);
    best
}

/// The line at `at` (`first`: "ITEM 1C." and nothing else) and the next one, joined as they
/// stand in `text` (a line break between them), when the next line holds the item's title.
fn two_line_heading(text: &str, at: usize, first: &str) -> Option<String> {
    let item = super::heading::any_item(first)?;
    let num = first[item.clone()].to_ascii_lowercase();
    if !matches!(num.as_str(), "1c" | "16k" | "1.05") {
        return None;
    }
    // Nothing but punctuation after the number.
    if first[item.end..].chars().any(|c| c.is_alphanumeric()) {
        return None;
    }
    let next_start = at + first.len() + 1;
    let rest = text.get(next_start..)?;
    let next_end = rest.find('\n').unwrap_or(rest.len());
    let next = &rest[..next_end];
    if next.trim().is_empty() || next.len() > 80 {
        return None;
    }
    // The same bytes as the text, the break made a space (offsets stay the text's).
    Some(text[at..next_start + next_end].replacen('\n', " ", 1))
}

/// Printable ASCII other than space: part of a run of text, nothing to decide.
fn plain(b: u8) -> bool {
    b > b' ' && b < 0x7f
}

/// Where the run of plain bytes and single spaces between them that goes on at `i` ends (a
/// space stays in the run only when a plain byte follows it): eight bytes at a time while a
/// word of them is all plain bytes and single spaces, then byte by byte.
fn run_end(bytes: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    loop {
        while let Some(w) = bytes.get(i..i + 8) {
            let w = u64::from_le_bytes(w.try_into().unwrap_or([0; 8]));
            // Any byte below 0x20, or above 0x7e (either test may also flag a byte next to
            // one that is: they only send the word to the byte loop).
            let below = w.wrapping_sub(0x20 * ONES) & !w & HIGH;
            let above = (w.wrapping_add(ONES) | w) & HIGH;
            // The spaces, exactly: the high bit of each byte equal to 0x20.
            let t = w ^ (0x20 * ONES);
            let spaces = !(((t & !HIGH) + !HIGH) | t) & HIGH;
            // Two spaces in a row, or a space last (what follows it is not in the word).
            let bad_space = spaces & (spaces >> 8) | spaces & (0x80 << 56);
            if below | above | bad_space != 0 {
                break;
            }
            i += 8;
        }
        let stop = (i + 8).min(bytes.len());
        while i < stop {
            let b = bytes[i];
            if plain(b) {
                i += 1;
            } else if b == b' ' && bytes.get(i + 1).is_some_and(|&n| plain(n)) {
                i += 2;
            } else {
                return i;
            }
        }
        if i >= bytes.len() {
            return i;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `push_mapped` builds what its first version (a test of every character, and of each
    /// run staying in line with the source) built, on text with entities, multi-byte
    /// characters, jumps and points that go backwards.
    #[test]
    fn push_mapped_agrees_with_its_first_version() {
        fn first_version(t: &mut TextBuilder, s: &str, file: usize, local: usize, points: &[u32]) {
            let at = |i: usize| points.get(i).copied().unwrap_or(0) as usize;
            let mut run_start = 0usize;
            let mut iter = s.char_indices().peekable();
            while let Some((i, c)) = iter.next() {
                let next = iter.peek().map_or(s.len(), |(j, _)| *j);
                let (a, b) = (at(local + i), at(local + next));
                let contiguous = b >= a && b - a == c.len_utf8();
                if !contiguous {
                    if run_start < i {
                        t.push_source(&s[run_start..i], file, at(local + run_start));
                    }
                    t.push_atomic(&s[i..next], file, a, b.max(a));
                    run_start = next;
                } else if i > run_start && at(local + i) != at(local + run_start) + (i - run_start)
                {
                    t.push_source(&s[run_start..i], file, at(local + run_start));
                    run_start = i;
                }
            }
            if run_start < s.len() {
                t.push_source(&s[run_start..], file, at(local + run_start));
            }
        }
        let mut next = crate::test_rng(0x9e37_79b9_7f4a_7c15);
        const PIECES: &[&str] = &["ab", " ", "  ", "\n", "é", "’", "x", "\u{a0}", "\t"];
        for _ in 0..20_000 {
            let s = crate::test_string(&mut next, PIECES, 12);
            // Points: mostly one source byte per byte, with jumps (entities), repeats (an
            // entity's several bytes) and the odd step back.
            let mut points = Vec::new();
            let mut p = 100u32;
            for _ in 0..=s.len() + 2 {
                points.push(p);
                p = match next(10) {
                    0 => p + 5,
                    1 => p,
                    2 => p.saturating_sub(3),
                    _ => p + 1,
                };
            }
            let local = next(3);
            let (mut a, mut b) = (TextBuilder::default(), TextBuilder::default());
            a.push_mapped(&s, 0, local, &Points::from_offsets(&points));
            first_version(&mut b, &s, 0, local, &points);
            let (ta, ma) = a.finish();
            let (tb, mb) = b.finish();
            assert_eq!(
                (ta, format!("{ma:?}")),
                (tb, format!("{mb:?}")),
                "{s:?} {points:?}"
            );
        }
    }

    /// `run_end`'s eight-byte steps end where the byte-by-byte loop does.
    #[test]
    fn run_end_agrees_with_the_byte_loop() {
        // The rule itself, a byte at a time: plain bytes, and spaces followed by one.
        fn by_bytes(bytes: &[u8], mut i: usize) -> usize {
            loop {
                match (bytes.get(i), bytes.get(i + 1)) {
                    (Some(&b), _) if plain(b) => i += 1,
                    (Some(b' '), Some(&n)) if plain(n) => i += 2,
                    _ => return i,
                }
            }
        }
        const ALPHABET: &[u8] = b"abcXYZ09.,;  \n\t\x7f\x1f\x20\x21\x7e\xc3\xa9\xff";
        let mut next = crate::test_rng(0x2545_f491_4f6c_dd1d);
        for _ in 0..50_000 {
            let len = next(40);
            // Mostly words and single spaces, with the odd other byte.
            let bytes: Vec<u8> = (0..len)
                .map(|_| match next(10) {
                    0..=6 => b"abcdefgh"[next(8)],
                    7 | 8 => b' ',
                    _ => ALPHABET[next(ALPHABET.len())],
                })
                .collect();
            for i in 0..=len {
                assert_eq!(run_end(&bytes, i), by_bytes(&bytes, i), "{bytes:?} at {i}");
            }
        }
    }

    #[test]
    fn collapses_space_and_maps_exactly() {
        let src = "  Hello   <b>wide</b>\n world ";
        let mut b = TextBuilder::new();
        b.push_source(&src[..10], 0, 0);
        b.push_source("wide", 0, 13);
        b.push_source(&src[21..], 0, 21);
        let (text, map) = b.finish();
        assert_eq!(text, "Hello wide world");
        assert_eq!(map.span(0..5), Some(Span::new(0, 2, 7)));
        assert_eq!(map.span(6..10), Some(Span::new(0, 13, 17)));
        // The collapsed space maps to the whole white-space run.
        assert_eq!(map.span(5..6), Some(Span::new(0, 7, 10)));
        assert_eq!(map.span(11..16), Some(Span::new(0, 23, 28)));
    }

    #[test]
    fn entities_map_to_their_reference() {
        let mut b = TextBuilder::new();
        b.push_source("AT", 0, 0);
        b.push_atomic("&", 0, 2, 7);
        b.push_source("T", 0, 7);
        b.push_atomic("\u{a0}", 0, 8, 14);
        b.push_source("x", 0, 14);
        let (text, map) = b.finish();
        assert_eq!(text, "AT&T x");
        assert_eq!(map.span(0..4), Some(Span::new(0, 0, 8)));
        assert_eq!(map.span(2..3), Some(Span::new(0, 2, 7)));
        assert_eq!(map.span(5..6), Some(Span::new(0, 14, 15)));
    }

    #[test]
    fn separators_before_a_mark_are_external() {
        let mut b = TextBuilder::new();
        b.push_source("asse", 0, 0);
        b.push_break(0, 4, 10);
        b.mark();
        let start = b.len();
        b.push_source("ss", 0, 10);
        assert!(b.is_external_separator(start));
        b.push_break(0, 12, 14);
        b.mark();
        b.push_source(" x", 0, 14);
        let at = b.text.rfind('x').unwrap() - 1;
        assert!(!b.is_external_separator(at));
    }

    #[test]
    fn breaks_become_single_newlines() {
        let mut b = TextBuilder::new();
        b.push_break(0, 0, 3);
        b.push_source("One", 0, 3);
        b.push_break(0, 6, 10);
        b.push_break(0, 10, 13);
        b.push_source(" Two", 0, 13);
        let (text, _) = b.finish();
        assert_eq!(text, "One\nTwo");
    }

    #[test]
    fn sentences_respect_abbreviations_and_lines() {
        let t = "Mr. Dong brings experience. He reports to the U.S. board.\nHeading\nLast one";
        let s: Vec<&str> = split_sentences(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(
            s,
            vec![
                "Mr. Dong brings experience.",
                "He reports to the U.S. board.",
                "Heading",
                "Last one"
            ]
        );
    }

    #[test]
    fn local_sentences_equal_the_whole_document_segmentation() {
        let t = "Mr. Dong brings experience. He reports to the U.S. board.\n\nHeading\nWe use e.g. vendors. See No. 5 below!  Last one\n  x. Y  ";
        let layer = TextLayer::new(t.to_string(), OffsetMap::default(), t.len());
        let whole = split_sentences(t);
        let mut seen = 0;
        for at in 0..t.len() {
            let global = whole
                .get(whole.partition_point(|s| s.end <= at))
                .filter(|s| s.start <= at)
                .cloned();
            assert_eq!(layer.sentence_at(at), global, "at {at}");
            seen += usize::from(global.is_some());
        }
        assert!(seen > t.len() / 2);
    }

    #[test]
    fn a_map_run_is_16_bytes_and_lengths_follow_from_the_next_run() {
        assert_eq!(std::mem::size_of::<Seg>(), 16);
        let mut b = TextBuilder::new();
        b.push_source("ab", 0, 10);
        b.push_atomic("&", 0, 12, 17);
        b.push_source("cd", 1, 3);
        let (text, map) = b.finish();
        assert_eq!(text, "ab&cd");
        assert_eq!(map.segs.len(), 3);
        assert_eq!(map.len_of(0), 2);
        assert_eq!(map.len_of(1), 1);
        assert_eq!(map.len_of(2), 2, "the last run ends where the text does");
        assert_eq!(map.span(0..2), Some(Span::new(0, 10, 12)));
        assert_eq!(map.span(2..3), Some(Span::new(0, 12, 17)));
        assert_eq!(map.span(3..5), Some(Span::new(1, 3, 5)));
        // A range past an exact run's end is clamped to the run.
        assert_eq!(map.span(4..9), Some(Span::new(1, 4, 5)));
    }

    #[test]
    fn single_spaces_join_words_in_one_exact_run() {
        let mut b = TextBuilder::new();
        b.push_source("one two  three", 0, 5);
        let (text, map) = b.finish();
        assert_eq!(text, "one two three");
        // "one two" is one run; the two spaces before "three" are one atomic run.
        assert_eq!(map.segs.len(), 3);
        assert_eq!(map.span(2..5), Some(Span::new(0, 7, 10)));
        assert_eq!(map.span(7..8), Some(Span::new(0, 12, 14)));
    }

    #[test]
    fn a_heading_may_be_laid_out_on_two_lines() {
        let text =
            "Item 1B. None\nITEM 1C.\nCYBERSECURITY\nWe assess risks.\nItem 2. Properties\nx";
        let s = find_sections(text);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].heading, "ITEM 1C. CYBERSECURITY");
        assert_eq!(&text[s[0].heading_range.clone()], "ITEM 1C.\nCYBERSECURITY");
        assert!(text[s[0].range.clone()].ends_with("We assess risks.\n"));
        // An item number alone, followed by body text, is no heading; nor is "Item 1C." with
        // other words after it on its line.
        for t in [
            "ITEM 1C.\nWe assess cybersecurity risks in a long sentence that goes on and on and on beyond a title.\nItem 2.",
            "ITEM 1C. See below\nCybersecurity\nItem 2.",
            "ITEM 1C.\n\nItem 2.",
        ] {
            assert!(find_sections(t).is_empty(), "{t:?}");
        }
    }

    #[test]
    fn sections_prefer_the_body_over_the_table_of_contents() {
        let t = "Contents\nItem 1C. Cybersecurity 25\nItem 2. Properties 26\nPart I\nItem 1C. Cybersecurity\nWe have processes. Many of them.\nItem 2. Properties\nWe own land.";
        let secs = find_sections(t);
        assert_eq!(secs.len(), 1);
        let s = &secs[0];
        assert_eq!(s.kind, SectionKind::Item1C);
        assert_eq!(s.heading, "Item 1C. Cybersecurity");
        assert!(t[s.range.clone()].ends_with("Many of them.\n"));
        assert!(t[s.range.clone()].starts_with("Item 1C. Cybersecurity\nWe have"));
    }

    #[test]
    fn running_headers_do_not_cut_the_section() {
        let t = "Item 1C. Cybersecurity\nFirst page text.\nPART I ITEM 1C. CYBERSECURITY\nSecond page: risks have not materially affected us.\nItem 2. Properties\nLand.";
        let secs = find_sections(t);
        assert_eq!(secs.len(), 1);
        let body = &t[secs[0].range.clone()];
        assert!(
            body.starts_with("Item 1C. Cybersecurity") && body.contains("Second page"),
            "{body}"
        );
        assert!(!body.contains("Land"));
    }

    #[test]
    fn finds_16k_and_105_variants() {
        let t = "ITEM 16K. CYBERSECURITY\nText here.\nITEM 16L. OTHER\nItem 1.05 Material Cybersecurity Incidents\nAn incident.";
        let kinds: Vec<_> = find_sections(t).into_iter().map(|s| s.kind).collect();
        assert_eq!(kinds, vec![SectionKind::Item16K, SectionKind::Item105]);
    }
}

impl TextBuilder {
    /// Pushes decoded text whose bytes map to original offsets through `points` (the map of
    /// the decoded string the text was cut from); `local` is the offset of `s` in that decoded
    /// string. Contiguous runs keep exact spans; characters that came from an entity map to
    /// the whole entity.
    pub fn push_mapped(&mut self, s: &str, file: usize, local: usize, points: &Points) {
        let at = |i: usize| points.at(i);
        let bytes = s.as_bytes();
        let mut run_start = 0usize;
        let mut i = 0;
        while i < bytes.len() {
            // Inside a stretch copied one to one, every character but the stretch's last stays
            // in line with the source: skip to that last one, the only one to test.
            let copied_end = points.copied_end(local + i) - local;
            if copied_end > i + 1 {
                if copied_end > bytes.len() {
                    break;
                }
                let mut last = copied_end - 1;
                while !s.is_char_boundary(last) {
                    last -= 1;
                }
                i = last.max(i);
            }
            // A character whose bytes map one to one onto the source stays in the run (each
            // such step keeps the run in line with the source); any other (an entity's
            // expansion, say) is pushed whole.
            let width = if bytes[i] < 0x80 {
                1
            } else {
                s[i..].chars().next().map_or(1, char::len_utf8)
            };
            let next = i + width;
            let (a, b) = (at(local + i), at(local + next));
            if b >= a && b - a == width {
                i = next;
                continue;
            }
            if run_start < i {
                self.push_source(&s[run_start..i], file, at(local + run_start));
            }
            self.push_atomic(&s[i..next], file, a, b.max(a));
            run_start = next;
            i = next;
        }
        if run_start < s.len() {
            self.push_source(&s[run_start..], file, at(local + run_start));
        }
    }

    /// Appends another builder's text after a line break; returns the offset its text now
    /// starts at.
    pub fn append(&mut self, other: TextBuilder) -> usize {
        let other_external = other.external_at.clone();
        let (text, map) = other.finish();
        self.pending_space = None;
        self.pending_break = None;
        if !self.text.is_empty() && !text.is_empty() && !self.text.ends_with('\n') {
            let (file, src) = self
                .map
                .segs
                .last()
                .map_or((0, 0), |s| (s.file(), s.src + s.src_len));
            self.push_seg("\n", file, src, 0, false);
        }
        let shift = self.text.len() as u32;
        self.text.push_str(&text);
        self.map.end = self.text.len() as u32;
        self.map.segs.extend(map.segs.into_iter().map(|mut s| {
            s.text += shift;
            s
        }));
        self.external_at
            .extend(other_external.into_iter().map(|p| p + shift as usize));
        shift as usize
    }
}

#[cfg(test)]
mod mapped_tests {
    use super::*;

    #[test]
    fn mapped_text_keeps_exact_runs_and_atomic_entities() {
        // Decoded "a<b" came from "a&lt;b" at file offset 100.
        let points = Points::from_offsets(&[100, 101, 105, 106]);
        let mut b = TextBuilder::new();
        b.push_mapped("a<b", 0, 0, &points);
        let (text, map) = b.finish();
        assert_eq!(text, "a<b");
        assert_eq!(map.span(0..1), Some(Span::new(0, 100, 101)));
        assert_eq!(map.span(1..2), Some(Span::new(0, 101, 105)));
        assert_eq!(map.span(0..3), Some(Span::new(0, 100, 106)));
    }

    #[test]
    fn append_shifts_offsets() {
        let mut a = TextBuilder::new();
        a.push_source("one", 0, 0);
        let mut b = TextBuilder::new();
        b.push_source("two", 0, 50);
        let at = a.append(b);
        let (text, map) = a.finish();
        assert_eq!(text, "one\ntwo");
        assert_eq!(at, 4);
        assert_eq!(map.span(4..7), Some(Span::new(0, 50, 53)));
    }
}
