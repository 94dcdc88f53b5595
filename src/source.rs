//! Source files and byte spans.
//!
//! Every fact, text slice and finding in cydlint points back to the bytes of the file it came from.
//! A [`Span`] is a half-open byte range into one [`SourceFile`] of a [`crate::filing::Filing`]
//! (identified by its index, because an Inline XBRL document set spans several files).
//! Line and column are derived on demand: EDGAR documents are often one 1–4 MB line, so we never
//! store per-line tables for them, and the column is counted in characters, not bytes.
//!
//! Files are opened read-only and read whole — a regular file of a megabyte or more mapped into
//! memory rather than copied into a buffer ([`Text`]); a file that is not UTF-8 is decoded
//! (UTF-16 by BOM, otherwise Windows-1252) into a UTF-8 string together with a [`ByteMap`] back
//! to the original bytes, so spans stay exact through the transcoding.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

/// A half-open byte range `[start, end)` in file number `file` of a filing's file list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Span {
    /// Index into [`crate::filing::Filing::files`].
    pub file: usize,
    /// First byte (0-based) in the original file.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span in file `file`.
    pub fn new(file: usize, start: usize, end: usize) -> Self {
        Span {
            file,
            start,
            end: end.max(start),
        }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no byte.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// Maps byte offsets of a decoded (UTF-8) string back to byte offsets of the original file.
///
/// Only built when the file was not valid UTF-8. `points[i]` is the original offset of decoded
/// byte `i`; one extra entry holds the original length.
#[derive(Clone, Debug, Default)]
pub struct ByteMap {
    points: Vec<u32>,
}

impl ByteMap {
    /// Original offset of decoded byte `i` (clamped to the end).
    pub fn to_original(&self, i: usize) -> usize {
        let last = self.points.len().saturating_sub(1);
        self.points.get(i.min(last)).copied().unwrap_or(0) as usize
    }
}

/// How the original bytes were turned into text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Encoding {
    /// Valid UTF-8 (a BOM, if any, is skipped).
    Utf8,
    /// UTF-16 little endian, found by its BOM.
    Utf16Le,
    /// UTF-16 big endian, found by its BOM.
    Utf16Be,
    /// Not UTF-8: every byte decoded as Windows-1252.
    Windows1252,
}

/// One input file, held in memory, with its decoded text.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as given (or found by the directory walk).
    pub path: PathBuf,
    /// The original bytes when they differ from `text` (a BOM, a transcoded encoding, a Word
    /// zip); for plain UTF-8 the text *is* the bytes (read, or mapped) and is not held twice.
    raw: Option<Arc<[u8]>>,
    /// The decoded text that readers parse.
    pub text: Text,
    /// How `text` was decoded from `bytes`.
    pub encoding: Encoding,
    /// Map from `text` offsets to `bytes` offsets, when they differ (BOM or transcoding).
    map: Option<ByteMap>,
    /// Offset in `bytes` where `text` starts when no map is needed (a UTF-8 BOM is skipped).
    base: usize,
    /// Line starts and character-count checkpoints, built on first use.
    index: std::sync::OnceLock<LineIndex>,
    /// For a Word document: `text` is extracted, one paragraph per line, and these are its
    /// headings (1-based paragraph number, text). Spans then point into `text`, not `bytes`.
    pub docx: Option<DocxInfo>,
    /// For a document of a complete submission text file ([`SourceFile::member`]): its file
    /// name in the submission, and the lines and the columns (on its first line) of the `.txt`
    /// before it, so that lines and columns are the `.txt`'s.
    member: Option<(String, usize, usize)>,
}

thread_local! {
    /// The text buffer of the last file dropped on this thread, for the next one to be read
    /// into. Checking a directory reads file after file on each thread: reusing one buffer
    /// spares the system a fresh mapping, first-touch page faults and, with several threads,
    /// the cross-core TLB flushes of unmapping it — which, once the reading itself got fast,
    /// were what kept two threads from doing twice the work (docs/performance.md). At most one
    /// buffer per thread, the size of the largest file that thread has read.
    static SPARE: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

impl Drop for SourceFile {
    fn drop(&mut self) {
        // A mapped file has no heap buffer to spare: dropping it unmaps it.
        let Some(text) = std::mem::take(&mut self.text).into_string() else {
            return;
        };
        let text = text.into_bytes();
        // Spare buffers are for files worth reading into (a megabyte and more).
        if text.capacity() >= 1 << 20 {
            let _ = SPARE.try_with(|s| {
                if let Ok(mut s) = s.try_borrow_mut()
                    && s.capacity() < text.capacity()
                {
                    *s = text;
                }
            });
        }
    }
}

/// A file's decoded text: a string of its own, or the file's bytes mapped read-only when they
/// are UTF-8 as they stand (checked once, when the file is opened). Either way it is a `str`
/// ([`std::ops::Deref`]), the same bytes at the same offsets.
pub struct Text(Repr);

enum Repr {
    Owned(String),
    Mapped(mapped::Mapped),
}

impl Default for Text {
    fn default() -> Self {
        Text(Repr::Owned(String::new()))
    }
}

impl Text {
    /// The text as a `str`.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Owned(s) => s,
            Repr::Mapped(m) => m.as_str(),
        }
    }

    /// True when the text is the file's bytes mapped into memory, not a copy.
    pub fn is_mapped(&self) -> bool {
        matches!(self.0, Repr::Mapped(_))
    }

    /// The string, when the text is one of its own (not mapped).
    fn into_string(self) -> Option<String> {
        match self.0 {
            Repr::Owned(s) => Some(s),
            Repr::Mapped(_) => None,
        }
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        Text(Repr::Owned(s))
    }
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

/// A copy is a string of its own, mapped or not.
impl Clone for Text {
    fn clone(&self) -> Self {
        Text(Repr::Owned(self.as_str().to_owned()))
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// Whether `b` is UTF-8: what `std::str::from_utf8(b).is_ok()` says, at about a third of its
/// cost on the ASCII that filings are nearly all made of (`from_utf8` reads two words at a
/// time, and a byte at a time wherever its reads are not aligned; here 256 bytes are tested at
/// once). Blocks of 256 bytes that are all ASCII are passed over; from a block that is not, the
/// bytes up to the next ASCII byte after it go to `from_utf8`. A string is UTF-8 exactly when
/// each of the pieces it is cut into is, provided every cut falls on a character boundary of
/// it were it UTF-8: each cut here is next to an ASCII byte (after a block of ASCII, or before
/// an ASCII byte), which is a character of its own. Mapped files' check, which the `unsafe`
/// block of [`mapped::Mapped::open`] relies on; tested against `from_utf8` below.
pub(crate) fn is_utf8(b: &[u8]) -> bool {
    const BLOCK: usize = 256;
    let n = b.len();
    let mut i = 0;
    while i < n {
        while let Some(block) = b
            .get(i..i + BLOCK)
            .and_then(|s| <&[u8; BLOCK]>::try_from(s).ok())
        {
            if !ascii_block(block) {
                break;
            }
            i += BLOCK;
        }
        let mut j = (i + BLOCK).min(n);
        while j < n && b[j] >= 0x80 {
            j += 1;
        }
        if std::str::from_utf8(&b[i..j]).is_err() {
            return false;
        }
        i = j;
    }
    true
}

/// Whether a block of bytes is all ASCII: one OR of its words (vectorised), in which a byte's
/// top bit is set if set in that byte of any word.
#[inline]
fn ascii_block(block: &[u8; 256]) -> bool {
    let any = block.chunks_exact(8).fold(0u64, |a, w| {
        a | u64::from_le_bytes(w.try_into().unwrap_or_default())
    });
    any & 0x8080_8080_8080_8080 == 0
}

/// The characters of `s`: `s.chars().count()`, a block of 256 ASCII bytes at a time (a
/// block's characters are its bytes), and in other blocks the bytes that are not continuation
/// bytes (`10xxxxxx`), one per character. A line and column of a finding count the characters
/// before it from the start of its file, most of a 4 MB document for a finding in its Item 1C;
/// `chars().count()` read about two thirds of an instruction a byte.
fn count_chars(s: &str) -> usize {
    let b = s.as_bytes();
    let starts = |bytes: &[u8]| bytes.iter().filter(|&&x| (x as i8) >= -0x40).count();
    let mut blocks = b.chunks_exact(256);
    let mut n = 0;
    for block in &mut blocks {
        n += match <&[u8; 256]>::try_from(block) {
            Ok(block) if ascii_block(block) => 256,
            _ => starts(block),
        };
    }
    n + starts(blocks.remainder())
}

mod mapped {
    //! Input files mapped into memory read-only instead of read into a buffer, as ripgrep
    //! reads them: the one place cydlint uses `unsafe` (the crate lint is `deny`, allowed on
    //! [`Mapped::open`] alone). Measured in docs/performance.md (the sixteenth round): the
    //! copy into a heap buffer, and the faults of first touching that buffer, were what a
    //! large file cost beyond the parse, twice over on two threads.

    /// Files smaller than this are read: for them a mapping's set-up and tear-down cost about
    /// what the copy does, and a small buffer is reused from file to file.
    pub(super) const THRESHOLD: u64 = 1 << 20;

    /// The bytes of a file mapped read-only, checked once to be UTF-8.
    pub(super) struct Mapped {
        /// The mapping's bytes. They live as long as `_map`, which is why the field is
        /// private and only ever lent out for `&self` ([`Mapped::as_str`]), never as
        /// `'static`.
        text: &'static str,
        _map: memmap2::Mmap,
    }

    /// What opening a file by mapping found.
    pub(super) enum Opened {
        /// A regular file of at least the threshold whose bytes are UTF-8 without a BOM.
        Text(Mapped),
        /// A regular file of at least the threshold otherwise (a BOM, another encoding, a
        /// binary file): its bytes, copied out of the mapping for the decoder.
        Bytes(Vec<u8>),
        /// Not mapped (smaller than the threshold, not a regular file, or the mapping
        /// failed): to be read as before.
        No,
    }

    impl Mapped {
        /// Maps `file` when it is a regular file of at least `threshold` bytes.
        #[allow(unsafe_code)]
        pub(super) fn open(file: &std::fs::File, threshold: u64) -> Opened {
            let Ok(meta) = file.metadata() else {
                return Opened::No;
            };
            if !meta.is_file() || meta.len() < threshold.max(1) || meta.len() > isize::MAX as u64 {
                return Opened::No;
            }
            // SAFETY: `Mmap::map` is unsafe because the mapped bytes can change under the
            // program if the file does: if another process truncates the file while it is
            // mapped, touching the pages past its new end kills this process with SIGBUS, and
            // if another process writes to it, the bytes checked as UTF-8 below may change
            // after the check. cydlint opens the file read-only and never writes it; the
            // inputs it lints are filings at rest, and a file rewritten during a run could
            // give a torn result with `read` too (ripgrep takes the same risk, on the same
            // terms). `from_raw_parts` makes the mapping's bytes a slice that outlives this
            // borrow: the slice goes into the `Mapped` beside the map that owns it (moving
            // the `Mmap` does not move the mapping), and is copied out (`to_vec`) before the
            // map is dropped when it is not text. `from_utf8_unchecked` is given the bytes
            // only when `is_utf8` says they are UTF-8, which it says exactly when
            // `std::str::from_utf8` would (every stretch that is not plain ASCII is handed to
            // `from_utf8` itself: see there; tested against it).
            let (map, bytes, text) = unsafe {
                let Ok(map) = memmap2::MmapOptions::new().populate().map(file) else {
                    return Opened::No;
                };
                let bytes: &'static [u8] = std::slice::from_raw_parts(map.as_ptr(), map.len());
                let text = super::is_utf8(bytes).then(|| std::str::from_utf8_unchecked(bytes));
                (map, bytes, text)
            };
            match text {
                Some(text) if !text.starts_with('\u{feff}') => {
                    Opened::Text(Mapped { text, _map: map })
                }
                _ => Opened::Bytes(bytes.to_vec()),
            }
        }

        /// The text, for as long as `self` lives.
        pub(super) fn as_str(&self) -> &str {
            self.text
        }
    }
}

/// What a Word document's extracted text needs for locations.
#[derive(Debug, Clone, Default)]
pub struct DocxInfo {
    /// Headings: (1-based paragraph number, heading text).
    pub headings: Vec<(usize, String)>,
}

/// Where lines start, and how many characters precede every 4 KiB checkpoint, so that line
/// and column cost O(log n + 4 KiB) even on a 4 MB single-line document. The checkpoints are
/// counted as far as an offset has been asked for, not over the whole text at once: a report
/// asks for a few findings' places, often in the first part of a document.
#[derive(Debug)]
struct LineIndex {
    line_starts: Vec<usize>,
    /// (byte offset, characters before it), every ~4 KiB on a character boundary, from the
    /// start of the text to the first past the offsets asked for so far (or the end).
    checkpoints: std::sync::Mutex<Vec<(usize, usize)>>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        // memchr's SIMD search: a byte-by-byte filter cost 3 instructions a byte, more than a
        // third of what reading a 10-K for `check` costs beyond the bare pass.
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex {
            line_starts,
            checkpoints: std::sync::Mutex::new(vec![(0, 0)]),
        }
    }

    fn chars_before(&self, text: &str, t: usize) -> usize {
        let mut checkpoints = self
            .checkpoints
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        // Counted on, 4 KiB at a time as before, until a checkpoint lies past `t`.
        while let Some(&(at, chars)) = checkpoints.last()
            && at <= t
            && at < text.len()
        {
            let mut next = (at + 4096).min(text.len());
            while !text.is_char_boundary(next) {
                next += 1;
            }
            checkpoints.push((next, chars + count_chars(&text[at..next])));
        }
        let i = checkpoints.partition_point(|c| c.0 <= t).saturating_sub(1);
        let (off, n) = checkpoints[i];
        n + count_chars(&text[off..t])
    }
}

impl SourceFile {
    /// Opens `path` read-only and decodes it. A regular file of a megabyte or more is mapped
    /// into memory, its text the mapped bytes when they are UTF-8 (checked once); a smaller
    /// one, or anything else (a pipe, a device), is read into the buffer of the last file
    /// this thread dropped, when it kept one, so that reading a directory does not map and
    /// fault in a fresh buffer per file.
    pub fn open(path: &Path) -> std::io::Result<Self> {
        Self::open_mapping_from(path, mapped::THRESHOLD)
    }

    /// Opens `path` read-only and reads it into memory, never mapping it: what
    /// [`SourceFile::open`] does with a small file or one that is not a regular file. For a
    /// caller that would rather not take the mapping's hazard (a file truncated by another
    /// process while it is mapped), and for comparing the two ways.
    pub fn open_read(path: &Path) -> std::io::Result<Self> {
        Self::open_mapping_from(path, u64::MAX)
    }

    /// [`SourceFile::open`], mapping a regular file of `threshold` bytes or more instead of
    /// reading it (tests compare the two ways with `0` and `u64::MAX`).
    fn open_mapping_from(path: &Path, threshold: u64) -> std::io::Result<Self> {
        use std::io::Read;
        let mut file = std::fs::File::open(path)?;
        match mapped::Mapped::open(&file, threshold) {
            mapped::Opened::Text(text) => {
                return Ok(Self::plain(path.to_path_buf(), Text(Repr::Mapped(text))));
            }
            mapped::Opened::Bytes(bytes) => return Ok(Self::from_bytes(path.to_path_buf(), bytes)),
            mapped::Opened::No => {}
        }
        let mut bytes = SPARE.with(|s| std::mem::take(&mut *s.borrow_mut()));
        bytes.clear();
        file.read_to_end(&mut bytes)?;
        Ok(Self::from_bytes(path.to_path_buf(), bytes))
    }

    /// The original bytes, never modified.
    pub fn bytes(&self) -> &[u8] {
        match &self.raw {
            Some(r) => r,
            None => self.text.as_bytes(),
        }
    }

    /// The original bytes, shared.
    pub fn shared_bytes(&self) -> Arc<[u8]> {
        match &self.raw {
            Some(r) => r.clone(),
            None => Arc::from(self.text.as_bytes()),
        }
    }

    /// A file whose text is its bytes as they stand (UTF-8 without a BOM), read or mapped.
    fn plain(path: PathBuf, text: Text) -> Self {
        SourceFile {
            path,
            raw: None,
            text,
            encoding: Encoding::Utf8,
            map: None,
            base: 0,
            index: std::sync::OnceLock::new(),
            docx: None,
            member: None,
        }
    }

    /// Wraps bytes already in memory (tests, zip members).
    pub fn from_bytes(path: PathBuf, bytes: Vec<u8>) -> Self {
        // Valid UTF-8 without a BOM: the text takes the buffer over, no copy.
        let bytes = match String::from_utf8(bytes) {
            Ok(text) if !text.starts_with('\u{feff}') => return Self::plain(path, text.into()),
            Ok(text) => text.into_bytes(),
            Err(e) => e.into_bytes(),
        };
        let bytes: Arc<[u8]> = bytes.into();
        let (text, encoding, map, base) = decode(&bytes);
        SourceFile {
            path,
            raw: Some(bytes),
            text: text.into(),
            encoding,
            map,
            base,
            index: std::sync::OnceLock::new(),
            docx: None,
            member: None,
        }
    }

    /// One document of a complete submission text file: `whole` is the `.txt` (at `path`),
    /// `range` the document's text in it, `name` its `<FILENAME>`. The `.txt`'s bytes are the
    /// original bytes: spans, lines and columns point into the `.txt` itself.
    pub fn member(
        path: PathBuf,
        whole: Arc<[u8]>,
        range: std::ops::Range<usize>,
        name: String,
    ) -> Self {
        let range = range.start.min(whole.len())
            ..range.end.min(whole.len()).max(range.start.min(whole.len()));
        let before = &whole[..range.start];
        let lines = memchr::memchr_iter(b'\n', before).count();
        let line_start = memchr::memrchr(b'\n', before).map_or(0, |p| p + 1);
        let cols = String::from_utf8_lossy(&before[line_start..])
            .chars()
            .count();
        let (text, encoding, map, base) = match std::str::from_utf8(&whole[range.clone()]) {
            Ok(t) => (t.to_owned(), Encoding::Utf8, None, range.start),
            Err(_) => {
                let (t, e, m, b) = decode(&whole[range.clone()]);
                let m = m.map(|m| ByteMap {
                    points: m
                        .points
                        .iter()
                        .map(|p| p.saturating_add(range.start as u32))
                        .collect(),
                });
                (t, e, m, b + range.start)
            }
        };
        SourceFile {
            path,
            raw: Some(whole),
            text: text.into(),
            encoding,
            map,
            base,
            index: std::sync::OnceLock::new(),
            docx: None,
            member: Some((name, lines, cols)),
        }
    }

    /// The document's file name inside a complete submission text file, for a member.
    pub fn member_name(&self) -> Option<&str> {
        self.member.as_ref().map(|m| m.0.as_str())
    }

    /// A Word document: the original (zip) bytes, and the text extracted from them, one
    /// paragraph per line. Offsets of spans are offsets into that text.
    pub fn extracted(path: PathBuf, bytes: Arc<[u8]>, text: String, docx: DocxInfo) -> Self {
        SourceFile {
            path,
            raw: Some(bytes),
            text: text.into(),
            encoding: Encoding::Utf8,
            map: None,
            base: 0,
            index: std::sync::OnceLock::new(),
            docx: Some(docx),
            member: None,
        }
    }

    /// The heading a paragraph falls under (Word documents).
    pub fn heading_before(&self, paragraph: usize) -> Option<&str> {
        self.docx
            .as_ref()?
            .headings
            .iter()
            .rev()
            .find(|(p, _)| *p <= paragraph)
            .map(|(_, h)| h.as_str())
    }

    /// Converts an offset in [`SourceFile::text`] into an offset in the original bytes (for a
    /// Word document, offsets stay in the extracted text).
    pub fn original_offset(&self, text_offset: usize) -> usize {
        match &self.map {
            Some(m) => m.to_original(text_offset),
            None if self.docx.is_some() => text_offset.min(self.text.len()),
            None => (text_offset + self.base).min(self.bytes().len()),
        }
    }

    /// True when offsets into [`SourceFile::text`] differ from offsets into the original bytes.
    pub fn needs_remap(&self) -> bool {
        self.map.is_some() || self.base != 0
    }

    /// Converts a text range into an original byte range.
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        (self.original_offset(start), self.original_offset(end))
    }

    /// The offset in [`SourceFile::text`] of an original byte offset (for line/column).
    fn text_offset(&self, original: usize) -> usize {
        match &self.map {
            Some(m) => m.points.partition_point(|&p| (p as usize) < original),
            None => original.saturating_sub(self.base).min(self.text.len()),
        }
    }

    /// 1-based line and 1-based column (in characters) of an original byte offset.
    pub fn line_col(&self, original: usize) -> (usize, usize) {
        let mut t = self.text_offset(original).min(self.text.len());
        while !self.text.is_char_boundary(t) {
            t -= 1;
        }
        let index = self.index.get_or_init(|| LineIndex::new(&self.text));
        let line = index.line_starts.partition_point(|&s| s <= t);
        let line_start = index.line_starts[line - 1];
        let col =
            1 + index.chars_before(&self.text, t) - index.chars_before(&self.text, line_start);
        match &self.member {
            Some((_, lines, cols)) => (line + lines, if line == 1 { col + cols } else { col }),
            None => (line, col),
        }
    }

    /// The line of the decoded text around text offset `t`: from its first byte to its `\n`
    /// (or the end of the text). Found in the line index, not by a search of the text: an
    /// EDGAR document is often one line of megabytes, and a report asks this per finding.
    pub fn line_bounds(&self, t: usize) -> std::ops::Range<usize> {
        let t = t.min(self.text.len());
        let starts = &self
            .index
            .get_or_init(|| LineIndex::new(&self.text))
            .line_starts;
        let k = starts.partition_point(|&s| s <= t);
        let start = starts[k.saturating_sub(1)];
        let end = starts.get(k).map_or(self.text.len(), |&s| s - 1);
        start..end
    }

    /// The display name: the path as given (for a document of a submission text file, the
    /// `.txt` and the document's name: `sub.txt (ex13.htm)`).
    pub fn name(&self) -> String {
        match &self.member {
            Some((name, _, _)) => format!("{} ({name})", self.path.display()),
            None => self.path.display().to_string(),
        }
    }
}

type Decodedtuple = (String, Encoding, Option<ByteMap>, usize);

fn decode(bytes: &[u8]) -> Decodedtuple {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        if let Ok(s) = std::str::from_utf8(rest) {
            return (s.to_owned(), Encoding::Utf8, None, 3);
        }
    } else if let Ok(s) = std::str::from_utf8(bytes) {
        return (s.to_owned(), Encoding::Utf8, None, 0);
    }
    if bytes.len() >= 2 && (bytes[..2] == [0xFF, 0xFE] || bytes[..2] == [0xFE, 0xFF]) {
        let le = bytes[0] == 0xFF;
        return decode_utf16(bytes, le);
    }
    decode_1252(bytes)
}

fn decode_utf16(bytes: &[u8], le: bool) -> Decodedtuple {
    let units = bytes[2..].chunks(2).map(|c| {
        let pair = [c[0], *c.get(1).unwrap_or(&0)];
        if le {
            u16::from_le_bytes(pair)
        } else {
            u16::from_be_bytes(pair)
        }
    });
    let mut text = String::with_capacity(bytes.len() / 2);
    let mut points = Vec::with_capacity(bytes.len() / 2);
    let mut pos = 2usize;
    for r in char::decode_utf16(units) {
        let (ch, width) = match r {
            Ok(c) => (c, c.len_utf16() * 2),
            Err(_) => ('\u{FFFD}', 2),
        };
        let mut buf = [0u8; 4];
        for _ in 0..ch.encode_utf8(&mut buf).len() {
            points.push(pos as u32);
        }
        text.push(ch);
        pos += width;
    }
    points.push(bytes.len() as u32);
    let enc = if le {
        Encoding::Utf16Le
    } else {
        Encoding::Utf16Be
    };
    (text, enc, Some(ByteMap { points }), 0)
}

/// Where each byte of a decoded string came from ([`crate::read::html::decode_with_points`]): runs of bytes copied
/// one to one from the source, and entity references' expansions, each byte of which maps to
/// the reference's `&`.
///
/// A run per stretch rather than an offset per byte: the escaped HTML of an XBRL instance's
/// text blocks has a reference every few bytes, and filling a `u32` per decoded byte was a
/// quarter of that reader's time (and four bytes of memory per byte of text).
#[derive(Debug, Clone, Default)]
pub struct Points {
    /// (decoded start, original start, copied one to one?), by decoded start; the first run
    /// starts at 0 when there is any.
    runs: Vec<(u32, u32, bool)>,
    /// The decoded length, and the original offset one past the end.
    len: usize,
    end: usize,
    /// The run [`Points::run`] found last.
    hint: std::cell::Cell<usize>,
}

impl Points {
    /// Adds a run starting at decoded byte `decoded`, original byte `original`.
    pub(crate) fn push(&mut self, decoded: usize, original: usize, copied: bool) {
        if let Some(&(d, o, true)) = self.runs.last()
            && copied
            && original.checked_sub(o as usize) == decoded.checked_sub(d as usize)
        {
            return; // continues the copied run before it
        }
        self.runs.push((decoded as u32, original as u32, copied));
    }

    /// Ends the map: the decoded length and the original offset one past the end.
    pub(crate) fn finish(&mut self, len: usize, end: usize) {
        self.len = len;
        self.end = end;
    }

    /// The index of the run holding decoded byte `i` (`i` < `len`). Readers ask in order, a
    /// byte or a token at a time: the run last found, or the one after it, nearly always
    /// holds the next byte asked about.
    fn run(&self, i: usize) -> usize {
        let holds = |r: usize| {
            self.runs[r].0 as usize <= i && self.runs.get(r + 1).is_none_or(|n| n.0 as usize > i)
        };
        let h = self.hint.get().min(self.runs.len() - 1);
        if holds(h) {
            return h;
        }
        // Forward (a token spans a few runs): the next eight first, then the rest.
        let from = if self.runs[h].0 as usize <= i { h } else { 0 };
        let near = &self.runs[from..(from + 8).min(self.runs.len())];
        // (A map whose first run starts after `i` cannot be built; were it, run 0 answers.)
        let r = if near.last().is_some_and(|r| r.0 as usize > i) {
            (from + near.partition_point(|r| r.0 as usize <= i)).saturating_sub(1)
        } else {
            (from + self.runs[from..].partition_point(|r| r.0 as usize <= i)).saturating_sub(1)
        };
        self.hint.set(r);
        r
    }

    /// The original offset of decoded byte `i`; `len` maps to the end, beyond it to 0.
    pub fn at(&self, i: usize) -> usize {
        if i >= self.len || self.runs.is_empty() {
            return if i == self.len { self.end } else { 0 };
        }
        let (d, o, copied) = self.runs[self.run(i)];
        if copied {
            o as usize + i.saturating_sub(d as usize)
        } else {
            o as usize
        }
    }

    /// Where the run of bytes copied one to one that holds decoded byte `i` ends (`i` itself
    /// when byte `i` was not copied so).
    pub fn copied_end(&self, i: usize) -> usize {
        if i >= self.len || self.runs.is_empty() {
            return i;
        }
        let r = self.run(i);
        match self.runs[r] {
            (_, _, true) => self.runs.get(r + 1).map_or(self.len, |n| n.0 as usize),
            _ => i,
        }
    }

    /// The map a list of offsets (one per decoded byte, plus one past the end) describes;
    /// stretches that step one byte at a time become copied runs.
    #[cfg(test)]
    pub fn from_offsets(offsets: &[u32]) -> Points {
        let len = offsets.len().saturating_sub(1);
        let mut p = Points {
            len,
            end: offsets.last().map_or(0, |&e| e as usize),
            ..Points::default()
        };
        for (i, &o) in offsets[..len].iter().enumerate() {
            p.push(i, o as usize, true);
        }
        p
    }
}

/// Windows-1252 code points for bytes 0x80..=0x9F (undefined ones become U+FFFD).
const CP1252_HIGH: [char; 32] = [
    '€', '\u{FFFD}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{FFFD}', 'Ž',
    '\u{FFFD}', '\u{FFFD}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{FFFD}',
    'ž', 'Ÿ',
];

fn decode_1252(bytes: &[u8]) -> Decodedtuple {
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 8);
    let mut points = Vec::with_capacity(bytes.len() + 1);
    for (i, &b) in bytes.iter().enumerate() {
        let ch = match b {
            0x80..=0x9F => CP1252_HIGH[(b - 0x80) as usize],
            _ => b as char,
        };
        for _ in 0..ch.len_utf8() {
            points.push(i as u32);
        }
        text.push(ch);
    }
    points.push(bytes.len() as u32);
    (text, Encoding::Windows1252, Some(ByteMap { points }), 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `count_chars` counts what `chars().count()` counts, on strings of ASCII runs of every
    /// length around the 256-byte blocks and characters of one to four bytes, and on every
    /// slice of one of them at character boundaries.
    #[test]
    fn count_chars_counts_as_chars_count() {
        let mut next = crate::testing::test_rng(0x00c4_a125);
        let others = ["é", "’", "\u{a0}", "😀", "\u{10ffff}", "中文"];
        for round in 0..5_000 {
            let mut s = String::new();
            for _ in 0..next(10) {
                let run = match next(3) {
                    0 => next(8),
                    1 => 250 + next(12),
                    _ => next(700),
                };
                s.extend((0..run).map(|k| ['a', ' ', '<', '\n'][(k + round) % 4]));
                for _ in 0..next(4) {
                    s.push_str(others[next(others.len())]);
                }
            }
            assert_eq!(count_chars(&s), s.chars().count(), "{s:?}");
            if round % 500 == 0 {
                for (i, _) in s.char_indices().step_by(7) {
                    assert_eq!(count_chars(&s[i..]), s[i..].chars().count());
                }
            }
        }
    }

    /// `is_utf8` answers as `from_utf8` does, on strings of ASCII runs of every length (so
    /// that other bytes fall on and across the 256-byte blocks' edges), whole characters of two
    /// to four bytes, and broken ones: lone continuation bytes, truncated and overlong
    /// sequences, surrogates, code points past U+10FFFF, bytes never in UTF-8; with a third to
    /// two thirds of the answers yes.
    #[test]
    fn the_utf8_check_answers_as_from_utf8() {
        let mut next = crate::testing::test_rng(0x7574_6638);
        let good: [&[u8]; 6] = [
            "é".as_bytes(),
            "’".as_bytes(),
            "\u{a0}".as_bytes(),
            "😀".as_bytes(),
            "\u{10ffff}".as_bytes(),
            "\u{feff}".as_bytes(),
        ];
        let bad: [&[u8]; 10] = [
            b"\x80",
            b"\xbf",
            b"\xc3",
            b"\xe2\x80",
            b"\xf0\x9f\x98",
            b"\xc0\x80",
            b"\xe0\x80\x80",
            b"\xed\xa0\x80",
            b"\xf4\x90\x80\x80",
            b"\xff",
        ];
        let (mut yes, mut total) = (0, 0);
        for round in 0..20_000 {
            let mut b = Vec::new();
            for _ in 0..next(12) {
                let run = match next(4) {
                    0 => next(8),
                    1 => 248 + next(16),
                    _ => next(600),
                };
                b.extend((0..run).map(|k| b"ab <p>\n\t"[(k + round) % 8]));
                if next(8) == 0 {
                    b.extend_from_slice(bad[next(bad.len())]);
                } else {
                    for _ in 0..1 + next(3) {
                        b.extend_from_slice(good[next(good.len())]);
                    }
                }
            }
            let want = std::str::from_utf8(&b).is_ok();
            assert_eq!(is_utf8(&b), want, "{b:?}");
            yes += usize::from(want);
            total += 1;
        }
        assert!(yes * 3 > total && yes * 3 < total * 2, "{yes} of {total}");
    }

    /// A file read after a larger one goes into the larger one's buffer, and holds its own
    /// bytes only.
    #[test]
    fn files_read_one_after_another_reuse_a_buffer() {
        let dir = std::env::temp_dir().join(format!("cydlint-spare-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (big, small) = (dir.join("big.htm"), dir.join("small.htm"));
        std::fs::write(&big, "x".repeat(3 << 20)).unwrap();
        std::fs::write(&small, "<p>small</p>").unwrap();
        // Read, not mapped (a file of the mapping's size is mapped by `open`).
        let f = SourceFile::open_mapping_from(&big, u64::MAX).unwrap();
        assert_eq!(f.text.len(), 3 << 20);
        assert!(!f.text.is_mapped());
        drop(f);
        let g = SourceFile::open(&small).unwrap();
        assert_eq!(g.text, "<p>small</p>");
        assert_eq!(g.bytes(), b"<p>small</p>");
        assert!(
            matches!(&g.text.0, Repr::Owned(s) if s.capacity() >= 3 << 20),
            "the big file's buffer was reused"
        );
        drop(g);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// The shared corpus's filing folders (`$CYDLINT_SHARED` or `../shared`, as the
    /// integration tests find it): a test that needs it fails without it, unless
    /// `CYDLINT_SKIP_SHARED=1`.
    fn corpus_folders() -> Vec<PathBuf> {
        let shared = std::env::var_os("CYDLINT_SHARED").map_or_else(
            || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"),
            PathBuf::from,
        );
        let filings = shared.join("corpus/filings");
        if !filings.is_dir() {
            assert!(
                std::env::var_os("CYDLINT_SKIP_SHARED").is_some_and(|v| v == "1"),
                "this test needs the shared corpus: {} is not a directory",
                filings.display()
            );
            eprintln!(
                "SKIPPED (CYDLINT_SKIP_SHARED=1, no shared corpus): {}",
                std::thread::current().name().unwrap_or("a test")
            );
            return Vec::new();
        }
        entries(&filings, Path::is_dir)
    }

    fn files_in(dir: &Path) -> Vec<PathBuf> {
        entries(dir, Path::is_file)
    }

    /// The entries of `dir` that `keep` accepts, sorted.
    fn entries(dir: &Path, keep: fn(&Path) -> bool) -> Vec<PathBuf> {
        let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| keep(p))
            .collect();
        found.sort();
        found
    }

    /// A file opened by mapping and by reading: the same text, bytes, encoding, and the same
    /// places for the same offsets.
    fn assert_alike(mapped: &SourceFile, read: &SourceFile) {
        let what = mapped.path.display();
        assert!(!read.text.is_mapped(), "{what}");
        assert_eq!(mapped.text.as_str(), read.text.as_str(), "{what}");
        assert_eq!(mapped.bytes(), read.bytes(), "{what}");
        assert_eq!(mapped.encoding, read.encoding, "{what}");
        assert_eq!(mapped.needs_remap(), read.needs_remap(), "{what}");
        assert_eq!(mapped.name(), read.name(), "{what}");
        let n = mapped.bytes().len();
        for at in (0..=n)
            .step_by((n / 97).max(1))
            .chain([n.saturating_sub(1), n, n + 5])
        {
            assert_eq!(mapped.line_col(at), read.line_col(at), "{what} at {at}");
            assert_eq!(
                mapped.original_offset(at),
                read.original_offset(at),
                "{what} at {at}"
            );
            assert_eq!(
                mapped.line_bounds(at),
                read.line_bounds(at),
                "{what} at {at}"
            );
        }
    }

    /// Every corpus file, mapped and read, is the same file, and `open` maps the large UTF-8
    /// ones (the filings read from them, and their findings: tests/mapped.rs).
    #[test]
    fn mapped_corpus_files_are_the_read_ones() {
        let mut mapped_some = false;
        for dir in corpus_folders() {
            for p in &files_in(&dir) {
                let m = SourceFile::open_mapping_from(p, 0).unwrap();
                let r = SourceFile::open_read(p).unwrap();
                assert_alike(&m, &r);
                let opened = SourceFile::open(p).unwrap();
                let large = r.bytes().len() as u64 >= mapped::THRESHOLD;
                let plain = r.encoding == Encoding::Utf8 && !r.needs_remap();
                assert_eq!(opened.text.is_mapped(), large && plain, "{}", p.display());
                assert_eq!(m.text.is_mapped(), plain && !r.bytes().is_empty());
                mapped_some |= opened.text.is_mapped();
            }
        }
        assert!(
            mapped_some || std::env::var_os("CYDLINT_SKIP_SHARED").is_some(),
            "no corpus file was mapped"
        );
    }

    /// Files of every kind open alike mapped and read, and none panics: empty, one byte, a
    /// BOM, Windows-1252, UTF-16, binary bytes, UTF-8 cut inside a character, the fixtures;
    /// a directory, a device and a missing path fail (or, the device, read empty) alike.
    #[test]
    fn edge_cases_open_alike_mapped_or_read() {
        let dir = std::env::temp_dir().join(format!("cydlint-mapped-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "<p>hé\nyo</p>".encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        let binary: Vec<u8> = (0..70_000u32).map(|i| (i * 7919 % 251) as u8).collect();
        let cases: Vec<(&str, Vec<u8>, bool)> = vec![
            ("empty.htm", Vec::new(), false),
            ("one.htm", b"<".to_vec(), true),
            ("bom.htm", b"\xEF\xBB\xBF<p>a\nb</p>".to_vec(), false),
            ("cp1252.htm", b"<p>caf\xe9 \x92x\x92</p>\n".to_vec(), false),
            ("utf16.htm", utf16, false),
            ("binary.bin", binary, false),
            ("cut.htm", b"<p>\xC3\xA9\xE2\x80".to_vec(), false),
            ("nul.htm", b"<p>\0\0</p>".to_vec(), true),
            (
                "lines.txt",
                "é\n’\r\n\n𝄞x\n".repeat(3000).into_bytes(),
                true,
            ),
        ];
        for (name, bytes, maps) in &cases {
            let p = dir.join(name);
            std::fs::write(&p, bytes).unwrap();
            let m = SourceFile::open_mapping_from(&p, 0).unwrap();
            let r = SourceFile::open_mapping_from(&p, u64::MAX).unwrap();
            assert_eq!(m.text.is_mapped(), *maps, "{name}");
            assert_eq!(m.bytes(), &bytes[..], "{name}");
            assert_alike(&m, &r);
        }
        for p in files_in(&Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/ixbrl")) {
            let m = SourceFile::open_mapping_from(&p, 0).unwrap();
            assert_alike(&m, &SourceFile::open_mapping_from(&p, u64::MAX).unwrap());
        }
        // Not regular files: never mapped; the same error, or the same empty text.
        for p in [dir.clone(), dir.join("missing.htm")] {
            let m = SourceFile::open_mapping_from(&p, 0)
                .map(|_| ())
                .unwrap_err();
            let r = SourceFile::open_mapping_from(&p, u64::MAX)
                .map(|_| ())
                .unwrap_err();
            assert_eq!(m.kind(), r.kind(), "{}", p.display());
        }
        let null = Path::new("/dev/null");
        if null.exists() {
            let m = SourceFile::open_mapping_from(null, 0).unwrap();
            assert!(!m.text.is_mapped() && m.text.is_empty());
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// A mapped file that grows after it was opened keeps the text it had (the mapping's
    /// length is the file's when it was mapped); opened again, it has the new text. One
    /// rewritten shorter after its `SourceFile` is gone opens as the shorter text.
    #[test]
    fn a_mapped_file_that_changes_size_keeps_its_text() {
        let dir = std::env::temp_dir().join(format!("cydlint-grows-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("grows.htm");
        let first = "<p>first</p>\n".repeat(1000);
        std::fs::write(&p, &first).unwrap();
        let f = SourceFile::open_mapping_from(&p, 0).unwrap();
        assert!(f.text.is_mapped());
        {
            use std::io::Write;
            let mut w = std::fs::OpenOptions::new().append(true).open(&p).unwrap();
            w.write_all("<p>more</p>\n".repeat(5000).as_bytes())
                .unwrap();
        }
        assert_eq!(f.text.as_str(), first);
        assert_eq!(f.line_col(first.len()), (1001, 1));
        let g = SourceFile::open_mapping_from(&p, 0).unwrap();
        assert_eq!(g.text.len(), first.len() + 12 * 5000);
        drop((f, g));
        std::fs::write(&p, "<p>short</p>").unwrap();
        let h = SourceFile::open_mapping_from(&p, 0).unwrap();
        assert_eq!(h.text.as_str(), "<p>short</p>");
        drop(h);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// A text, mapped or not, compares, clones and prints as its `str`.
    #[test]
    fn a_text_is_its_str() {
        let t = Text::from("<p>x</p>".to_owned());
        assert_eq!(t, "<p>x</p>");
        assert_eq!(t.clone().as_str(), "<p>x</p>");
        assert_eq!(format!("{t:?}"), "\"<p>x</p>\"");
        assert_eq!(Text::default().as_str(), "");
    }

    /// `line_bounds` agrees with searching the text for the `\n`s around every offset.
    #[test]
    fn line_bounds_are_the_searched_lines() {
        for text in ["", "\n", "one line", "a\nbc\n\ndé f\n", "\n\nx", "ab\n"] {
            let f = SourceFile::from_bytes("t".into(), text.as_bytes().to_vec());
            for t in (0..=text.len()).filter(|&t| text.is_char_boundary(t)) {
                let start = text[..t].rfind('\n').map_or(0, |p| p + 1);
                let end = text[t..].find('\n').map_or(text.len(), |p| t + p);
                assert_eq!(f.line_bounds(t), start..end, "{text:?} at {t}");
            }
        }
    }

    #[test]
    fn utf8_bom_is_skipped_and_offsets_shift() {
        let f = SourceFile::from_bytes("a".into(), b"\xEF\xBB\xBFab\ncd".to_vec());
        assert_eq!(f.text, "ab\ncd");
        assert_eq!(f.original_offset(3), 6);
        assert_eq!(f.line_col(6), (2, 1));
        assert_eq!(f.line_col(7), (2, 2));
    }

    #[test]
    fn latin1_maps_back_to_original_bytes() {
        let f = SourceFile::from_bytes("a".into(), b"caf\xe9 x \x92".to_vec());
        assert_eq!(f.encoding, Encoding::Windows1252);
        assert_eq!(f.text, "café x ’");
        let x = f.text.find('x').unwrap();
        assert_eq!(f.original_offset(x), 5);
        assert_eq!(f.line_col(5), (1, 6));
    }

    #[test]
    fn utf16_le_decodes() {
        let mut b = vec![0xFF, 0xFE];
        for u in "hi\nyo".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        let f = SourceFile::from_bytes("a".into(), b);
        assert_eq!(f.text, "hi\nyo");
        assert_eq!(f.original_offset(3), 8);
        assert_eq!(f.line_col(8), (2, 1));
    }

    #[test]
    fn columns_on_a_long_single_line_with_multibyte_text() {
        let line = "é".repeat(5000) + "x" + &"a".repeat(9000) + "\nz";
        let f = SourceFile::from_bytes("a".into(), line.clone().into_bytes());
        let x = line.find('x').unwrap();
        assert_eq!(f.line_col(x), (1, 5001));
        assert_eq!(f.line_col(x + 9001), (1, 14002));
        assert_eq!(f.line_col(line.find('z').unwrap()), (2, 1));
    }

    /// Lines and columns asked for in any order — forward, backward, far past the checkpoints
    /// counted so far — are the counted ones (lines by line breaks before the offset, the
    /// column by characters since the line's start), on generated texts of long lines and
    /// multi-byte characters.
    #[test]
    fn places_asked_in_any_order_are_the_counted_ones() {
        const PIECES: &[&str] = &["a", "bc", "\n", "é", "’", "✓", "𝄞", " ", "xyz"];
        let mut next = crate::testing::test_rng(0x11e_1dc5);
        for _ in 0..40 {
            let mut text = String::new();
            let len = 1 + next(40_000);
            while text.len() < len {
                let p = PIECES[next(PIECES.len())];
                // Long runs: lines of many kilobytes, as EDGAR serves them.
                text.push_str(&p.repeat(1 + next(if p == "\n" { 2 } else { 300 })));
            }
            let f = SourceFile::from_bytes("a".into(), text.clone().into_bytes());
            for _ in 0..30 {
                let mut t = next(text.len() + 1);
                while !text.is_char_boundary(t) {
                    t -= 1;
                }
                let before = &text[..t];
                let line = 1 + before.matches('\n').count();
                let start = before.rfind('\n').map_or(0, |p| p + 1);
                let col = 1 + text[start..t].chars().count();
                assert_eq!(f.line_col(t), (line, col), "at {t} of {}", text.len());
            }
        }
    }

    #[test]
    fn column_counts_characters() {
        let f = SourceFile::from_bytes("a".into(), "é’x".as_bytes().to_vec());
        assert_eq!(f.line_col(5), (1, 3));
    }
}
