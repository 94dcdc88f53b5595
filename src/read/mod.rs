//! Turning input files into one [`Filing`].
//!
//! The input kind is sniffed from the bytes, with the extension only as a tie-breaker: an
//! EDGAR `.htm` may be Inline XBRL or plain HTML, a `.txt` may be the SEC viewer's rendered
//! report or a draft. Several Inline XBRL files of one document set are read into one filing,
//! so that continuations can cross files and spans carry the file they point into.
//!
//! Readers never panic and never give up silently: a problem becomes a
//! [`crate::filing::ReadIssue`] on the filing, which the engine reports like a finding.

pub mod docx;
pub mod draft;
pub mod html;
pub mod ixbrl;
pub mod rendered;
pub mod scan;
pub mod schema;
pub mod scope;
pub mod submission;
pub mod transform;
pub mod xbrl;
pub mod xmltok;

use std::path::{Path, PathBuf};

use crate::filing::{Concept, Filing, InputKind, IssueLevel, ReadIssue};
use crate::source::{SourceFile, Span};

/// What a file looks like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sniffed {
    /// Inline XBRL (X)HTML.
    InlineXbrl,
    /// XBRL instance.
    Instance,
    /// SEC viewer rendered report.
    Rendered,
    /// HTML without Inline XBRL.
    Html,
    /// Markdown draft.
    Markdown,
    /// Plain-text draft.
    Text,
    /// Word document (`.docx`, or something that claims to be one).
    Docx,
    /// Not text.
    Binary,
    /// An XBRL taxonomy file: a schema (`.xsd`) or a linkbase. Part of a submission, not a
    /// document cydlint checks.
    Taxonomy,
}

/// The extensions a directory walk picks up (a `.zip` is opened as a submission folder).
pub const EXTENSIONS: &[&str] = &[
    "htm", "html", "xhtml", "xml", "txt", "md", "markdown", "docx", "zip",
];

/// Sniffs the kind of a decoded file.
pub fn sniff(path: &Path, f: &SourceFile) -> Sniffed {
    let head = &f.bytes()[..f.bytes().len().min(8192)];
    let is_docx_ext = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("docx"));
    if is_docx_ext || docx::is_zip(head) || docx::is_ole(head) {
        return Sniffed::Docx;
    }
    if binary_signature(head).is_some()
        || head.contains(&0)
            && !matches!(
                f.encoding,
                crate::source::Encoding::Utf16Le | crate::source::Encoding::Utf16Be
            )
    {
        return Sniffed::Binary;
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let text = f.text.as_str();
    let mut lead = text.trim_start_matches('\u{feff}').trim_start();
    // Leading comments do not make a file markup: a Markdown draft may open with an inline
    // suppression (`<!-- cydlint-disable … -->`).
    while let Some(rest) = lead.strip_prefix("<!--") {
        lead = rest.find("-->").map_or("", |e| rest[e + 3..].trim_start());
    }
    if lead.starts_with('<') {
        let window = &text[..floor_char(text, 65536)];
        if taxonomy_root(window).is_some() || ext == "xsd" {
            return Sniffed::Taxonomy;
        }
        if window.contains("http://www.xbrl.org/2013/inlineXBRL") {
            return Sniffed::InlineXbrl;
        }
        if root_is_xbrl(window) {
            return Sniffed::Instance;
        }
        if ext == "xml" && !window.to_ascii_lowercase().contains("<html") {
            return Sniffed::Instance;
        }
        return Sniffed::Html;
    }
    if rendered::sniff(text) {
        return Sniffed::Rendered;
    }
    match ext.as_str() {
        "md" | "markdown" => Sniffed::Markdown,
        "htm" | "html" | "xhtml" => Sniffed::Html,
        _ => Sniffed::Text,
    }
}

fn floor_char(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The local name of the first element, if any.
fn root_name(window: &str) -> Option<&str> {
    let mut rest = window;
    while let Some(p) = rest.find('<') {
        rest = &rest[p + 1..];
        if rest.starts_with('?') || rest.starts_with('!') {
            continue;
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .unwrap_or(rest.len());
        return rest[..end].rsplit(':').next();
    }
    None
}

/// True when the first element is `xbrl` (any prefix).
fn root_is_xbrl(window: &str) -> bool {
    root_name(window) == Some("xbrl")
}

/// `Some("schema")` or `Some("linkbase")` when the first element of `window` is an XBRL
/// taxonomy file's root (any prefix).
pub fn taxonomy_root(window: &str) -> Option<&'static str> {
    match root_name(window)? {
        "schema" => Some("schema"),
        "linkbase" => Some("linkbase"),
        _ => None,
    }
}

/// What kind of binary file `head` starts like (a PDF, an image), if one of the usual ones.
pub fn binary_signature(head: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"%PDF-", "a PDF"),
        (b"\x89PNG", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"GIF8", "a GIF image"),
    ];
    SIGNATURES
        .iter()
        .find(|(sig, _)| head.starts_with(sig))
        .map(|(_, what)| *what)
}

/// What cydlint reads, for messages that say a file is not one of them.
pub const ACCEPTED: &str = "cydlint reads Inline XBRL and HTML (.htm, .html, .xhtml), XBRL instances (.xml), the SEC's rendered reports and text drafts (.txt), Markdown drafts (.md) and Word drafts (.docx)";

/// Reads one document set (files that belong together) into a filing.
///
/// `paths` are read in the order given. An unreadable file becomes an issue on the filing;
/// the caller decides whether that is fatal.
pub fn read_set(paths: &[PathBuf]) -> Filing {
    read_set_with(paths, &Limits::default())
}

/// Limits that keep a hostile input from exhausting time or memory (docs/security.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Files larger than this are not read (bytes).
    pub max_file_bytes: u64,
    /// Elements nested deeper than this are read as text of their parent, not as structure.
    pub max_depth: usize,
    /// Large regular files may be mapped into memory rather than read into a buffer
    /// ([`SourceFile::open`]); `false` (`--no-mmap`) reads every file, for inputs another
    /// process may truncate while cydlint runs (a mapped file cut short kills the process).
    pub map_files: bool,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 1 << 30,
            max_depth: 4096,
            map_files: true,
        }
    }
}

/// Opens the file at `p` read-only, mapped or read as `limits` says.
fn open_file(p: &Path, limits: &Limits) -> std::io::Result<SourceFile> {
    if limits.map_files {
        SourceFile::open(p)
    } else {
        SourceFile::open_read(p)
    }
}

/// The largest file cydlint reads, whatever `--max-file-size` says: offsets into files and
/// the text layer are kept in 32 bits (a quarter of the memory for the offset map and facts'
/// reading state), and EDGAR itself accepts nothing near 4 GiB.
pub const MAX_FILE_BYTES: u64 = u32::MAX as u64;

/// The most decoded text a document set may hold: offsets into it are kept in 32 bits, and the
/// text layer adds a few bytes per file (breaks) to what the files hold.
pub const SET_TEXT_BUDGET: u64 = u32::MAX as u64 - (1 << 20);

/// Which facts a reader (Inline XBRL or XBRL instance) keeps in the [`Filing`].
///
/// Facts are most of what a fact-dense filing costs to read — hundreds of thousands of
/// numeric facts, each built, stored and freed — and `check` looks only at those its rules
/// can select: it reads with [`crate::rules::RuleSet::keep`]. A fact not kept is still read
/// and reported on as one (its name, prefix and transform registry; its element counts for
/// the text layer; its id for continuation messages; its `continuedAt` chain, checked as a
/// built fact's; an instance's text block still writes its words into the text layer, but
/// its decoded HTML and plain text are not kept); it is just not built. Facts of a `cyd` namespace and of `dei` (the cover)
/// are always kept, and so are hidden facts (`-sec-ix-hidden` must name one). The default
/// keeps every fact.
///
/// Contexts are all built (a fact's context is looked up by id, and a malformed one is
/// reported whatever refers to it), but their dimensions — a QName resolved and made canonical
/// for each axis and each member, tens of thousands in a 10-K, and read by no check kind — are
/// left out by [`Keep::without_dimensions`]: the context keeps only that it has a segment.
#[derive(Clone)]
pub struct Keep {
    facts: Option<std::sync::Arc<Wanted>>,
    dimensions: bool,
}

impl Default for Keep {
    fn default() -> Self {
        Keep {
            facts: None,
            dimensions: true,
        }
    }
}

/// A predicate on concepts.
type Wanted = dyn Fn(&Concept) -> bool + Send + Sync;

impl Keep {
    /// Keeps the facts of the concepts `wanted` accepts (and those always kept).
    pub fn only(wanted: impl Fn(&Concept) -> bool + Send + Sync + 'static) -> Keep {
        Keep {
            facts: Some(std::sync::Arc::new(wanted)),
            dimensions: true,
        }
    }

    /// Contexts without their dimensions (see [`Keep`]).
    pub fn without_dimensions(self) -> Keep {
        Keep {
            dimensions: false,
            ..self
        }
    }

    /// True when contexts' dimensions are built.
    pub fn dimensions(&self) -> bool {
        self.dimensions
    }

    /// True when facts of `c` are kept.
    pub fn wants(&self, c: &Concept) -> bool {
        match &self.facts {
            None => true,
            Some(wanted) => c.is_cyd() || &*c.prefix == "dei" || wanted(c),
        }
    }
}

impl std::fmt::Debug for Keep {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match (self.facts.is_some(), self.dimensions) {
            (true, true) => "Keep(some)",
            (true, false) => "Keep(some, no dimensions)",
            (false, true) => "Keep(all)",
            (false, false) => "Keep(all, no dimensions)",
        })
    }
}

/// Reads one document set under explicit limits.
pub fn read_set_with(paths: &[PathBuf], limits: &Limits) -> Filing {
    read_set_keeping(paths, limits, &Keep::default())
}

/// Reads one document set under explicit limits, keeping the facts `keep` wants.
pub fn read_set_keeping(paths: &[PathBuf], limits: &Limits, keep: &Keep) -> Filing {
    let mut filing = Filing::default();
    let mut kinds = Vec::new();
    let max = limits.max_file_bytes.min(MAX_FILE_BYTES);
    let mut containers = submission::Opened::default();
    for p in paths {
        let size = std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
        if size > max {
            filing
                .files
                .push(SourceFile::from_bytes(p.clone(), Vec::new()));
            kinds.push(Sniffed::Binary);
            let idx = filing.files.len() - 1;
            filing.issues.push(ReadIssue {
                code: "file-too-large",
                level: IssueLevel::Error,
                message: format!(
                    "{} is {size} bytes, over the limit of {} (--max-file-size); it was not read",
                    p.display(),
                    max
                ),
                span: Span::new(idx, 0, 0),
            });
            continue;
        }
        // A document inside a .zip or a submission .txt has a virtual path under it.
        let opened_file = if p.is_file() {
            open_file(p, limits)
        } else {
            submission::open(p, &mut containers)
        };
        match opened_file {
            Ok(f) => {
                let k = sniff(p, &f);
                filing.files.push(f);
                kinds.push(k);
            }
            Err(e) => {
                filing
                    .files
                    .push(SourceFile::from_bytes(p.clone(), Vec::new()));
                kinds.push(Sniffed::Binary);
                let idx = filing.files.len() - 1;
                filing.issues.push(ReadIssue {
                    code: "io",
                    level: IssueLevel::Error,
                    message: format!("cannot read {}: {e}", p.display()),
                    span: Span::new(idx, 0, 0),
                });
            }
        }
    }
    // The company schema the documents name, from beside them (or the same .zip or .txt).
    let documents = tagged_documents(&kinds);
    let added = schema::find(&mut filing, &documents, paths, &mut |p: &Path| {
        open_schema(p, &mut containers, max, limits)
    });
    for i in filing.files.len() - added..filing.files.len() {
        kinds.push(sniff(&filing.files[i].path.clone(), &filing.files[i]));
    }
    read_files(filing, &kinds, limits, keep)
}

/// Which files are tagged documents (Inline XBRL or an instance): those whose schemaRef names
/// a company schema.
fn tagged_documents(kinds: &[Sniffed]) -> Vec<bool> {
    kinds
        .iter()
        .map(|k| matches!(k, Sniffed::InlineXbrl | Sniffed::Instance))
        .collect()
}

/// Opens the company schema at `p` (a file, or a member of a `.zip` or `.txt`) read-only:
/// `Ok(None)` when it is not there, `Err` when it is and cannot be read.
fn open_schema(
    p: &Path,
    containers: &mut submission::Opened,
    max: u64,
    limits: &Limits,
) -> Result<Option<SourceFile>, String> {
    if p.is_file() {
        let size = std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
        if size > max {
            return Err(format!("{size} bytes, over the limit of {max}"));
        }
        return open_file(p, limits).map(Some).map_err(|e| e.to_string());
    }
    if submission::container_of(p).is_none() {
        return Ok(None);
    }
    match submission::open(p, containers) {
        Ok(f) => Ok(Some(f)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e.to_string()),
    }
}

/// Reads files already in memory (tests, other front ends) as one document set.
pub fn read_sources(files: Vec<SourceFile>) -> Filing {
    read_sources_keeping(files, &Keep::default())
}

/// [`read_sources`], keeping the facts `keep` wants.
pub fn read_sources_keeping(files: Vec<SourceFile>, keep: &Keep) -> Filing {
    let kinds: Vec<Sniffed> = files.iter().map(|f| sniff(&f.path.clone(), f)).collect();
    let mut filing = Filing::default();
    filing.files = files;
    // A company schema is used when it is one of the files given; nothing is opened.
    let documents = tagged_documents(&kinds);
    let bases: Vec<PathBuf> = filing.files.iter().map(|f| f.path.clone()).collect();
    schema::find(&mut filing, &documents, &bases, &mut |_: &Path| Ok(None));
    read_files(filing, &kinds, &Limits::default(), keep)
}

/// How drafts are read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DraftOptions {
    /// Word drafts: the text as if every tracked change were rejected (insertions dropped,
    /// deletions kept), instead of accepted.
    pub reject_changes: bool,
}

/// Reads one document set as drafts are read: as [`read_set`], then, for Word drafts with
/// `reject_changes`, their text as if every tracked change were rejected.
pub fn read_draft_set(paths: &[PathBuf], opts: &DraftOptions) -> Filing {
    reread_drafts(read_set(paths), opts)
}

/// Re-reads the Word files of a filing read with the default options under `opts`.
pub fn reread_drafts(mut filing: Filing, opts: &DraftOptions) -> Filing {
    if opts.reject_changes
        && filing.files.len() == 1
        && filing.kind == Some(InputKind::Draft)
        && filing.files[0].docx.is_some()
    {
        filing.text = Default::default();
        read_docx_view(&mut filing, 0, docx::View::Rejected);
    }
    filing
}

/// Reads a Word document: replaces the file's text by the extracted paragraphs (one per line)
/// and builds the text layer from them, or reports why it could not.
fn read_docx(filing: &mut Filing, i: usize) {
    read_docx_view(filing, i, docx::View::Accepted);
}

fn read_docx_view(filing: &mut Filing, i: usize, view: docx::View) {
    let (path, bytes) = (filing.files[i].path.clone(), filing.files[i].shared_bytes());
    match docx::extract_view(&bytes, docx::MAX_PART, view) {
        Ok(doc) => {
            let headings = doc
                .headings
                .iter()
                .map(|&p| (p + 1, doc.paragraphs[p].clone()))
                .collect();
            let text = doc.text();
            filing.files[i] =
                SourceFile::extracted(path, bytes, text, crate::source::DocxInfo { headings });
            draft::read_paragraphs(filing, i);
        }
        Err(message) => {
            filing.files[i] = SourceFile::extracted(path, bytes, String::new(), Default::default());
            filing.issues.push(ReadIssue {
                code: "docx",
                level: IssueLevel::Error,
                message: format!("{}: {message}", filing.files[i].name()),
                span: Span::new(i, 0, 0),
            });
        }
    }
}

/// Replaces the files that would take the set's decoded text past `budget` bytes by empty
/// ones, with a `file-too-large` issue each (see [`SET_TEXT_BUDGET`]).
fn enforce_text_budget(filing: &mut Filing, kinds: &mut [Sniffed], budget: u64) {
    let mut total = 0u64;
    for (i, kind) in kinds.iter_mut().enumerate() {
        let len = filing.files[i].text.len() as u64;
        if total + len <= budget {
            total += len;
            continue;
        }
        let path = filing.files[i].path.clone();
        filing.issues.push(ReadIssue {
            code: "file-too-large",
            level: IssueLevel::Error,
            message: format!(
                "{} decodes to {len} bytes; with the files before it the document set's text would pass {budget} bytes, the most cydlint reads; it was not read",
                path.display()
            ),
            span: Span::new(i, 0, 0),
        });
        filing.files[i] = SourceFile::from_bytes(path, Vec::new());
        *kind = Sniffed::Binary;
    }
}

/// Words any text about cybersecurity holds one of (ASCII-lowercased): the field's name, and
/// what an incident described without it is called (an 8-K's Item 8.01 "detected unauthorized
/// activity in its information technology systems"). A sanity check of the reader's, beneath
/// the claim layer, so a short list here rather than a lexicon class.
const SECURITY_WORDS: &[&str] = &[
    "cyber",
    "information security",
    "unauthorized access",
    "unauthorised access",
    "unauthorized activity",
    "unauthorised activity",
    "unauthorized party",
    "unauthorised party",
    "ransomware",
    "malware",
    "data breach",
    "security incident",
    "threat actor",
];

/// Adds a `no-disclosure` warning (on file `first`, the set's first read file) when the set
/// holds no cyd fact, no Item 1C / 16K / 1.05 section and no word about cybersecurity: an
/// empty or truncated file, a README, a filing of another kind. Without it such a file would
/// pass a CI gate as "0 findings".
fn say_when_nothing_was_found(filing: &mut Filing, first: usize) {
    if !filing.text.sections.is_empty() || filing.facts.iter().any(|f| f.concept.is_cyd()) {
        return;
    }
    let text = filing.text.visible();
    let lower = text.to_ascii_lowercase();
    if SECURITY_WORDS.iter().any(|w| lower.contains(w)) {
        return;
    }
    let name = filing.files[first].name();
    let what = if text.trim().is_empty() {
        "it has no text"
    } else {
        "it has no Item 1C / 16K / 1.05 section, no cyd fact and no word about cybersecurity"
    };
    // A filing that states its form is a filing: what it lacks is the disclosure. An
    // amendment (10-K/A, 20-F/A, 8-K/A) need not repeat the item (CYD-APP-003): said, at info.
    let form = filing
        .cover
        .document_type
        .as_deref()
        .map(str::trim)
        .filter(|f| !f.is_empty());
    let found = match form {
        Some(form) => format!("no cybersecurity disclosure found in this {form}"),
        None => "no filing and no cybersecurity disclosure found".to_owned(),
    };
    let level = if form.is_some_and(|f| f.ends_with("/A")) {
        IssueLevel::Info
    } else {
        IssueLevel::Warning
    };
    filing.issues.push(ReadIssue {
        code: "no-disclosure",
        level,
        message: format!(
            "{name}: {found} ({what}); cydlint looks for a 10-K, 20-F, 8-K or 6-K cybersecurity disclosure or a draft of one, and {}",
            ACCEPTED.trim_start_matches("cydlint ")
        ),
        span: Span::new(first, 0, 0),
    });
}

fn read_files(mut filing: Filing, kinds: &[Sniffed], limits: &Limits, keep: &Keep) -> Filing {
    // Offsets into a file's decoded text and into the set's text layer are 32-bit: a file
    // that decodes past the budget (a transcoded file grows), or that would take the set's
    // text past it, is not read, and says so, rather than read with wrong spans.
    let mut kinds = kinds.to_vec();
    enforce_text_budget(&mut filing, &mut kinds, SET_TEXT_BUDGET);
    // A company schema is read as one, whatever it looks like (it says so if it is not).
    for (i, k) in kinds.iter_mut().enumerate() {
        if filing.is_schema_file(i) && *k != Sniffed::Binary {
            *k = Sniffed::Taxonomy;
        }
    }
    let kinds = &kinds[..];
    for (i, f) in filing.files.iter().enumerate() {
        match kinds[i] {
            Sniffed::Docx => continue,
            // Said once: no encoding warning after it.
            Sniffed::Binary => {
                if !f.bytes().is_empty() {
                    let what = binary_signature(f.bytes()).unwrap_or("a binary file");
                    filing.issues.push(ReadIssue {
                        code: "binary",
                        level: IssueLevel::Error,
                        message: format!(
                            "{} is {what}, not a document cydlint reads; it was not read ({ACCEPTED})",
                            f.name()
                        ),
                        span: Span::new(i, 0, 0),
                    });
                }
                continue;
            }
            _ if filing.is_schema_file(i) => continue,
            Sniffed::Taxonomy => {
                let what = taxonomy_root(&f.text[..floor_char(&f.text, 65536)]).unwrap_or("schema");
                filing.issues.push(ReadIssue {
                    code: "taxonomy-file",
                    level: IssueLevel::Warning,
                    message: format!(
                        "{} is an XBRL {what}: part of a submission's taxonomy, not a document cydlint checks; name the Inline XBRL document or the instance that refers to it",
                        f.name()
                    ),
                    span: Span::new(i, 0, 0),
                });
                continue;
            }
            _ => {}
        }
        if f.encoding != crate::source::Encoding::Utf8 {
            filing.issues.push(ReadIssue {
                code: "encoding",
                level: IssueLevel::Warning,
                message: format!(
                    "{} is not UTF-8; decoded as {:?} (spans still point at the original bytes)",
                    f.name(),
                    f.encoding
                ),
                span: Span::new(i, 0, 0),
            });
        }
    }
    for (i, &kind) in kinds.iter().enumerate() {
        if !filing.is_schema_file(i) {
            continue;
        }
        if kind == Sniffed::Taxonomy {
            schema::attach(&mut filing, i);
        } else {
            for r in filing.schemas.iter_mut().filter(|r| r.file == Some(i)) {
                r.schema = Err("was not read (see the read: finding on it)".into());
            }
        }
    }
    let markup: Vec<usize> = (0..kinds.len())
        .filter(|&i| matches!(kinds[i], Sniffed::InlineXbrl | Sniffed::Html))
        .collect();
    let first = kinds
        .iter()
        .position(|k| !matches!(k, Sniffed::Binary | Sniffed::Taxonomy));
    match first.map(|i| kinds[i]) {
        Some(Sniffed::InlineXbrl) | Some(Sniffed::Html) => {
            let mut r = ixbrl::IxReader::default();
            r.max_depth = limits.max_depth;
            r.keep = keep.clone();
            for &i in &markup {
                let text = std::mem::take(&mut filing.files[i].text);
                r.read_file(i, &text);
                filing.files[i].text = text;
            }
            filing.kind = Some(if r.saw_ix {
                InputKind::InlineXbrl
            } else {
                InputKind::Draft
            });
            r.finish(&mut filing);
        }
        Some(Sniffed::Instance) => {
            filing.kind = Some(InputKind::Instance);
            let i = first.unwrap_or(0);
            xbrl::read_instance(&mut filing, i, keep);
        }
        Some(Sniffed::Rendered) => {
            filing.kind = Some(InputKind::Rendered);
            rendered::read(&mut filing, first.unwrap_or(0));
        }
        Some(Sniffed::Docx) => {
            filing.kind = Some(InputKind::Draft);
            let i = first.unwrap_or(0);
            read_docx(&mut filing, i);
        }
        Some(Sniffed::Markdown) | Some(Sniffed::Text) => {
            filing.kind = Some(InputKind::Draft);
            let i = first.unwrap_or(0);
            draft::read(&mut filing, i, kinds[i] == Sniffed::Markdown);
        }
        Some(Sniffed::Binary) | Some(Sniffed::Taxonomy) | None => {}
    }
    if let Some(i) = first {
        say_when_nothing_was_found(&mut filing, i);
    }
    // Files of another kind than the set's first cannot join it.
    let set_kind = first.map(|i| kinds[i]);
    for (i, k) in kinds.iter().enumerate() {
        let joins = match set_kind {
            Some(Sniffed::InlineXbrl) | Some(Sniffed::Html) => {
                matches!(k, Sniffed::InlineXbrl | Sniffed::Html)
            }
            _ => Some(i) == first,
        };
        if !joins && !matches!(k, Sniffed::Binary | Sniffed::Taxonomy) {
            filing.issues.push(ReadIssue {
                code: "mixed-set",
                level: IssueLevel::Warning,
                message: format!(
                    "{} is a {k:?} file and cannot be read as part of this document set; check it on its own",
                    filing.files[i].name()
                ),
                span: Span::new(i, 0, 0),
            });
        }
    }
    filing.remap_to_original();
    filing
        .issues
        .sort_by_key(|i| (i.span.file, i.span.start, i.code));
    filing
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Files past the set's text budget are not read, and say so; the ones before are kept.
    #[test]
    fn files_past_the_text_budget_are_refused_with_an_issue() {
        let file = |name: &str, text: &str| {
            SourceFile::from_bytes(PathBuf::from(name), text.as_bytes().to_vec())
        };
        let mut filing = Filing::default();
        filing.files = vec![
            file("a.htm", "12345"),
            file("b.htm", "678"),
            file("c.htm", "90"),
        ];
        let mut kinds = vec![Sniffed::Html; 3];
        enforce_text_budget(&mut filing, &mut kinds, 8);
        assert_eq!(filing.files[0].text, "12345");
        assert_eq!(filing.files[1].text, "678");
        assert_eq!(filing.files[2].text, "", "the third would pass 8 bytes");
        assert_eq!(kinds, [Sniffed::Html, Sniffed::Html, Sniffed::Binary]);
        assert_eq!(filing.issues.len(), 1);
        assert_eq!(filing.issues[0].code, "file-too-large");
        assert_eq!(filing.issues[0].span.file, 2);
        assert!(filing.issues[0].message.contains("c.htm"));
    }
}
