//! `--format human`: findings as miette diagnostics, each with a short window of the document.
//!
//! EDGAR documents are often one line of 1–4 MB, so a snippet cannot be "the line". The window
//! is cut from the original source around the span — about [`VISIBLE`] visible characters on
//! each side, within the line — with markup removed (block tags become a space), entities
//! decoded and white space collapsed (a company schema's window keeps its markup: it has
//! nothing else), and "…" where it was cut. Labels are mapped into the window, and the
//! header still names the true file, line and column. A label far from the primary span (more
//! than a window away, or in another file of the set) becomes a related diagnostic with a window
//! of its own.
//!
//! In colour (`--color`, see [`super::color_enabled`]) miette's graphical handler draws the
//! window; otherwise [`plain`] writes sentences (screen-reader friendly, stable for logs and
//! snapshots): `severity[CODE]: message`, `at path:line:col` of the finding itself, the
//! excerpt, the finding's own words in it, each label with its own `path:line:col`, help,
//! citations and the docs link. Findings on the same span (a filing missing eight tags) share
//! one excerpt: the later ones say where they are and refer to it.

use std::fmt;
use std::io::{self, Write};

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

use super::facts::Location;
use super::{Checked, Part, Report, Reporter, Style, summary_line};
use crate::diagnostic::{Finding, Severity};
use crate::filing::Filing;
use crate::read::html;
use crate::source::Span;

/// Visible characters shown on each side of a span, at most.
pub const VISIBLE: usize = 70;
/// Raw bytes searched on each side for them, at most (markup can be long).
const RAW_LIMIT: usize = 16 * 1024;
/// How far (bytes) a label may be from the primary span and still share its window.
pub const WINDOW: usize = 600;
/// Visible characters of a long span that are underlined, at most.
const MAX_LABEL: usize = 80;

/// The renderer.
pub struct Human;

/// A window of the source, made readable, with the positions of labels inside it.
#[derive(Debug, Clone)]
pub struct Window {
    /// The display name (the path).
    pub name: String,
    /// The readable text.
    pub text: String,
    /// 0-based line of the window's first character in the file.
    pub line: usize,
    /// 0-based column of the window's first character.
    pub column: usize,
    /// The primary label's range in `text`, and its true 0-based line and column.
    primary: (std::ops::Range<usize>, usize, usize),
}

fn floor(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Where the underlined part of a span ends: the span, or — for a long one — after
/// [`MAX_LABEL`] visible characters (markup at its start, such as a fact's start tag, does
/// not count, unless the window is `raw`: a company schema's, which is all markup).
fn shown_end(src: &str, start: usize, end: usize, raw: bool) -> usize {
    let end = floor(src, end).max(start);
    let (mut i, mut seen) = (start, 0);
    while i < end && seen < MAX_LABEL {
        let rest = &src[i..end];
        if !raw && rest.starts_with('<') {
            i += rest.find('>').map_or(rest.len(), |p| p + 1);
            continue;
        }
        i += rest.chars().next().map_or(1, char::len_utf8);
        seen += 1;
    }
    floor(src, i.min(end))
}

fn is_block_tag(tag: &str) -> bool {
    let name: String = tag
        .trim_start_matches(['<', '/'])
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == ':')
        .collect();
    let local = name.rsplit(':').next().unwrap_or("").to_ascii_lowercase();
    html::is_block(&local) || html::is_cell(&local)
}

/// Cuts a readable window around `span` (and the extra `marks` to map) from a filing's file
/// (a company schema's with its markup: it is nothing but markup).
pub fn window(
    filing: &Filing,
    span: Span,
    marks: &[Span],
) -> (Window, Vec<std::ops::Range<usize>>) {
    let file = &filing.files[span.file];
    let src = file.text.as_str();
    // A company schema is all markup: its window shows the markup as it is.
    let raw = filing.is_schema_file(span.file);
    // Work in decoded-text offsets (spans are original bytes; for UTF-8 files they agree).
    let to_text = |o: usize| {
        if file.needs_remap() {
            // original_offset is monotonic: binary search for the first text offset at o.
            let (mut lo, mut hi) = (0usize, src.len());
            while lo < hi {
                let mid = (lo + hi) / 2;
                if file.original_offset(mid) < o {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            lo
        } else {
            o.min(src.len())
        }
    };
    let (s0, e0) = (to_text(span.start), to_text(span.end));
    let e_shown = shown_end(src, s0, e0, raw);
    let line_start = file.line_bounds(s0).start;
    let line_end = file.line_bounds(e_shown).end.max(e_shown);
    // Walk outwards over visible characters (markup does not count), within the line and
    // within a bound of raw bytes.
    let mut ws = s0;
    let mut seen = 0;
    while ws > line_start && seen < VISIBLE && s0 - ws < RAW_LIMIT {
        // Searches stay within RAW_LIMIT bytes: a line may be megabytes long.
        let from = ws.saturating_sub(RAW_LIMIT).max(line_start);
        let before = &src[from..ws];
        if !raw
            && before.ends_with('>')
            && let Some(lt) = before.rfind('<')
        {
            ws = from + lt;
            continue;
        }
        let c = before.chars().next_back().unwrap_or(' ');
        ws -= c.len_utf8();
        seen += 1;
    }
    let mut we = e_shown;
    seen = 0;
    while we < line_end && seen < VISIBLE && we - e_shown < RAW_LIMIT {
        let rest = &src[we..floor(src, line_end.min(we + RAW_LIMIT))];
        if !raw && rest.starts_with('<') {
            we += rest.find('>').map_or(rest.len(), |p| p + 1);
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        we += c.len_utf8();
        seen += 1;
    }
    let mut we = floor(src, we.min(line_end));
    // Do not end inside an entity reference ("&#8221" without its ';' would be shown raw):
    // take the whole reference (at most 32 bytes, never a line break).
    let back = we.saturating_sub(32).max(e_shown);
    if let Some(amp) = src[floor(src, back)..we].rfind('&') {
        let amp = floor(src, back) + amp;
        if !src[amp..we].contains(';')
            && let Some(semi) = src[amp + 1..].find(';').filter(|&p| p <= 32)
            && html::decode_entity(&src[amp + 1..amp + 1 + semi]).is_some()
        {
            we = amp + semi + 2;
        }
    }
    // Do not start inside an entity reference.
    if let Some(amp) = src[ws.saturating_sub(12).max(line_start)..ws].rfind('&') {
        let amp = ws.saturating_sub(12).max(line_start) + amp;
        if !src[amp..ws].contains(';') {
            ws = amp;
        }
    }
    let mut text = String::new();
    if ws > line_start {
        text.push('…');
    }
    let mut map: Vec<(usize, usize)> = Vec::new(); // (source offset, text offset)
    let mut i = ws;
    let mut pending_space = false;
    while i < we {
        map.push((i, text.len()));
        let rest = &src[i..we];
        if !raw && rest.starts_with('<') {
            let close = rest.find('>').map_or(rest.len(), |p| p + 1);
            if is_block_tag(&rest[..close]) {
                pending_space = true;
            }
            i += close;
            continue;
        }
        if rest.starts_with('&')
            && let Some(semi) = rest[1..].find(';').filter(|&p| p <= 32)
            && let Some(d) = html::decode_entity(&rest[1..1 + semi])
        {
            if d.chars().all(|c| c.is_whitespace() || c == '\u{a0}') {
                pending_space = true;
            } else {
                if pending_space && !text.is_empty() && !text.ends_with([' ', '\n']) {
                    text.push(' ');
                }
                pending_space = false;
                text.push_str(&d);
            }
            i += semi + 2;
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        if c == '\n' {
            text.push('\n');
            pending_space = false;
        } else if c.is_whitespace() {
            pending_space = true;
        } else {
            if pending_space && !text.is_empty() && !text.ends_with([' ', '\n']) {
                text.push(' ');
            }
            pending_space = false;
            text.push(c);
        }
        i += c.len_utf8();
    }
    map.push((we, text.len()));
    if we < line_end {
        text.push('…');
    }
    let at = |o: usize| -> usize {
        let o = o.clamp(ws, we);
        let k = map.partition_point(|(s, _)| *s <= o);
        map[k.saturating_sub(1)].1
    };
    let range = |a: usize, b: usize| {
        let (x, y) = (at(a), at(b));
        x..y.max(x)
    };
    let primary = range(s0, e_shown);
    let (pl, pc) = file.line_col(span.start);
    let ranges = marks
        .iter()
        .map(|m| {
            if m.file == span.file {
                let ms = to_text(m.start);
                range(ms, shown_end(src, ms, to_text(m.end), raw))
            } else {
                0..0
            }
        })
        .collect();
    let (wl, wc) = file.line_col(file.original_offset(ws));
    let name = match &file.docx {
        // A Word document has no lines: name the paragraph and its heading.
        Some(_) => match file.heading_before(pl) {
            Some(h) => format!("{}, paragraph {pl} (under \"{h}\")", file.name()),
            None => format!("{}, paragraph {pl}", file.name()),
        },
        None => file.name(),
    };
    (
        Window {
            name,
            text,
            line: wl - 1,
            column: wc - 1,
            primary: (primary, pl - 1, pc - 1),
        },
        ranges,
    )
}

impl SourceCode for Window {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let (p, line, col) = &self.primary;
        if context_lines_before == 0
            && context_lines_after == 0
            && span.offset() == p.start
            && span.len() == p.len()
        {
            // The header's "path:line:col" is the true place in the file.
            let start = floor(&self.text, p.start);
            let end = floor(&self.text, p.end).max(start);
            return Ok(Box::new(MietteSpanContents::new_named(
                self.name.clone(),
                &self.text.as_bytes()[start..end],
                (start, end - start).into(),
                *line,
                *col,
                1,
            )));
        }
        let lines = self.text.lines().count().max(1);
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            self.text.as_bytes(),
            (0, self.text.len()).into(),
            self.line,
            self.column,
            lines,
        )))
    }
}

/// A finding (or a far label of one) as a miette diagnostic.
struct Diag {
    message: String,
    code: Option<String>,
    severity: miette::Severity,
    help: Option<String>,
    url: Option<String>,
    source: Window,
    labels: Vec<LabeledSpan>,
    related: Vec<Diag>,
}

impl fmt::Debug for Diag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Diag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Diag {}

impl Diagnostic for Diag {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.code
            .as_ref()
            .map(|c| Box::new(c) as Box<dyn fmt::Display>)
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn url<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.url
            .as_ref()
            .map(|u| Box::new(u) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        if self.related.is_empty() {
            None
        } else {
            Some(Box::new(self.related.iter().map(|d| d as &dyn Diagnostic)))
        }
    }
}

fn miette_severity(s: Severity) -> miette::Severity {
    match s {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    }
}

fn label(r: std::ops::Range<usize>, text: Option<String>) -> LabeledSpan {
    LabeledSpan::new(text, r.start, r.len())
}

/// The spans of the labels drawn in the finding's own window.
fn near_labels(f: &Finding) -> Vec<Span> {
    f.labels
        .iter()
        .filter(|l| {
            l.span.file == f.span.file
                && l.span.start + WINDOW >= f.span.start
                && l.span.start <= f.span.end + WINDOW
        })
        .map(|l| l.span)
        .collect()
}

fn diag(filing: &Filing, f: &Finding) -> Diag {
    let near = near_labels(f);
    let (win, ranges) = window(filing, f.span, &near);
    let mut labels = vec![label(
        win.primary.0.clone(),
        f.matched
            .as_ref()
            .map(|m| format!("\"{m}\""))
            .or_else(|| Some("here".into())),
    )];
    let mut near_iter = ranges.into_iter();
    let mut related = Vec::new();
    for l in &f.labels {
        if near.contains(&l.span) {
            let r = near_iter.next().unwrap_or(0..0);
            labels.push(label(r, Some(l.message.clone())));
        } else {
            let (w, _) = window(filing, l.span, &[]);
            related.push(Diag {
                message: l.message.clone(),
                code: None,
                severity: miette::Severity::Advice,
                help: None,
                url: None,
                labels: vec![label(w.primary.0.clone(), None)],
                source: w,
                related: Vec::new(),
            });
        }
    }
    let mut help = f.help.clone().unwrap_or_default();
    if !f.citations.is_empty() {
        if !help.is_empty() {
            help.push('\n');
        }
        help.push_str(&format!("see {}", f.citations.join("; ")));
    }
    Diag {
        message: f.message.clone(),
        code: Some(f.rule.clone()),
        severity: miette_severity(f.severity),
        help: (!help.is_empty()).then_some(help),
        url: f.docs_url.clone(),
        source: win,
        labels,
        related,
    }
}

/// Where a span is, as every format says it: `path:line:col` (column in characters), and for
/// a Word document also the paragraph and its heading.
pub fn place(filing: &Filing, span: Span) -> String {
    let l = Location::of(filing, span);
    let mut s = format!("{}:{}:{}", l.file, l.line, l.column);
    if let Some(p) = l.paragraph {
        match &l.heading {
            Some(h) => s.push_str(&format!(" (paragraph {p}, under \"{h}\")")),
            None => s.push_str(&format!(" (paragraph {p})")),
        }
    }
    s
}

/// The part of a window's text a range covers, quoted.
fn quoted(text: &str, r: &std::ops::Range<usize>) -> Option<String> {
    let (a, b) = (floor(text, r.start), floor(text, r.end));
    let t = text.get(a..b.max(a))?.trim();
    (!t.is_empty()).then(|| format!("\"{}\"", t.replace('\n', " ")))
}

/// A finding as plain sentences (no colour, no box drawing: stable for logs and readable by a
/// screen reader). `shared`: the previous finding has the same span, so its excerpt is not
/// repeated.
pub fn plain(filing: &Filing, f: &Finding, shared: bool) -> String {
    use std::fmt::Write as _;
    let mut s = format!("{}[{}]: {}\n", f.severity.as_str(), f.rule, f.message);
    let near = near_labels(f);
    let (win, ranges) = window(filing, f.span, &near);
    if shared {
        let _ = writeln!(s, "  at {} (the excerpt above)", place(filing, f.span));
    } else {
        let _ = writeln!(s, "  at {}", place(filing, f.span));
        let _ = writeln!(s, "  excerpt: {}", win.text.replace('\n', " / "));
        if let Some(q) = quoted(&win.text, &win.primary.0) {
            let _ = writeln!(s, "  the finding: {q}");
        }
    }
    let mut near_iter = ranges.into_iter();
    for l in &f.labels {
        let _ = write!(s, "  {}: {}", place(filing, l.span), l.message);
        if near.contains(&l.span) {
            let r = near_iter.next().unwrap_or(0..0);
            match quoted(&win.text, &r) {
                Some(q) if !shared => {
                    let _ = writeln!(s, ": {q}");
                }
                _ => s.push('\n'),
            }
        } else {
            let (w, _) = window(filing, l.span, &[]);
            let _ = writeln!(s, "\n    excerpt: {}", w.text.replace('\n', " / "));
        }
    }
    if let Some(h) = &f.help {
        let _ = writeln!(s, "  help: {h}");
    }
    if !f.citations.is_empty() {
        let _ = writeln!(s, "  see: {}", f.citations.join("; "));
    }
    if let Some(u) = &f.docs_url {
        let _ = writeln!(s, "  docs: {u}");
    }
    s
}

/// Renders one finding as text: graphical (miette, in colour) or plain sentences.
pub fn render(filing: &Filing, f: &Finding, color: bool) -> String {
    render_shared(filing, f, color, false)
}

/// [`render`], for a finding whose span is the previous finding's (`shared`): its excerpt is
/// not drawn again.
fn render_shared(filing: &Filing, f: &Finding, color: bool, shared: bool) -> String {
    if !color {
        return plain(filing, f, shared);
    }
    let mut d = diag(filing, f);
    if shared {
        // The window is drawn above: say where, and draw no snippet.
        d.message = format!(
            "{}\nat {} (the excerpt above)",
            d.message,
            place(filing, f.span)
        );
        d.labels.clear();
    }
    // The renderer is a dependency: whatever it does with an odd window, a finding is printed.
    let rendered = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut s = String::new();
        let res = GraphicalReportHandler::new_themed(GraphicalTheme::unicode())
            .with_context_lines(1)
            .with_width(100)
            .with_links(false)
            .render_report(&mut s, &d);
        res.ok().map(|_| s)
    }));
    match rendered {
        Ok(Some(s)) => s,
        _ => plain(filing, f, shared),
    }
}

impl Reporter for Human {
    fn part(&self, c: &Checked<'_>, style: Style) -> Part {
        let mut text = String::new();
        let names: Vec<String> = c.filing.documents().map(|f| f.name()).collect();
        if names.len() > 1 {
            text.push_str(&format!(
                "{} files read as one document set: {}\n",
                names.len(),
                names.join(", ")
            ));
        }
        let mut prev: Option<Span> = None;
        for f in &c.outcome.findings {
            let shared = prev == Some(f.span);
            text.push_str(&render_shared(c.filing, f, style.color, shared));
            text.push('\n');
            prev = Some(f.span);
        }
        if style.verbose {
            for line in super::skipped_lines(c) {
                text.push_str(&line);
                text.push('\n');
            }
        }
        Part::Text(text)
    }

    fn write(&self, report: &Report<'_>, parts: &[&Part], out: &mut dyn Write) -> io::Result<()> {
        super::write_text(parts, out)?;
        for u in &report.unused_suppressions {
            writeln!(out, "{}", u.text())?;
        }
        for u in &report.stale_baseline {
            writeln!(out, "stale baseline entry: {u}")?;
        }
        writeln!(out, "{}", summary_line(report))
    }
}
