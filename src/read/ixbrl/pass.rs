//! The pass: one file's tokens, each handed to the element handling (a start or end tag), the
//! text layer (text, references, CDATA) or a context being read; and, once every file of the
//! set is read, the set finished — the hidden text appended, continuation chains resolved,
//! `-sec-ix-hidden` references checked, every fact's text and value made — into the filing.

use super::IxReader;
use super::element::{Memo, Tag, Walk, html_kind};
use super::layer::Counts;
use crate::filing::text::TextLayer;
use crate::filing::{Filing, IssueLevel};
use crate::read::html;
use crate::read::scope::Scope;
use crate::read::xmltok::{Token, Tokenizer, same};
use crate::source::Span;

/// At most this many syntax errors are reported per file before reading stops.
const MAX_ERRORS_PER_FILE: usize = 50;

impl IxReader {
    /// Reads one file of the set (`file` is its index in the filing).
    pub(crate) fn read_file(&mut self, file: usize, text: &str) {
        let mut tok = Tokenizer::new(text);
        let mut w = Walk {
            file,
            text,
            scope: Scope::default(),
            stack: Vec::new(),
            counts: Counts::default(),
            capture: None,
            styles: Memo::new(10),
            names: Memo::new(8),
            langs: Vec::new(),
        };
        let mut errors = 0usize;
        let mut last_pos = usize::MAX;
        let mut overflow = 0usize;
        loop {
            let start = tok.position();
            let t = tok.next_token();
            let end = tok.position();
            match t {
                Token::Eof => break,
                Token::Start { empty: false, .. } if w.stack.len() >= self.max_depth => {
                    if overflow == 0 {
                        self.issue(
                            "nesting-too-deep",
                            IssueLevel::Error,
                            format!("elements are nested deeper than {} levels (--max-depth); deeper markup is read as plain text", self.max_depth),
                            Span::new(file, start, end),
                        );
                    }
                    overflow += 1;
                }
                Token::End(_) if overflow > 0 => overflow -= 1,
                Token::Start { name, empty } => {
                    let kind = w.names.get(&text[name.clone()], html_kind);
                    let void = empty || kind.void;
                    let tag = Tag {
                        name,
                        kind,
                        closes_at_once: void,
                    };
                    self.open(&mut w, tag, &tok, start, end);
                    if void {
                        self.close_top(&mut w, if empty { end } else { start }, end);
                    }
                }
                Token::End(name) => {
                    let html_like = !self.saw_ix;
                    if let Some(idx) = w.stack.iter().rposition(|f| {
                        let open = text.get(f.name.clone()).unwrap_or("");
                        same(open, name) || (html_like && open.eq_ignore_ascii_case(name))
                    }) {
                        while w.stack.len() > idx + 1 {
                            // Implicitly closed (HTML) element.
                            self.close_top(&mut w, start, start);
                        }
                        self.close_top(&mut w, start, end);
                    }
                }
                Token::Text(t) => match &mut w.capture {
                    None => self.text(file, t, start, &w.counts),
                    Some(cap) => cap.text(t),
                },
                Token::CData(t) => {
                    if w.capture.is_none() {
                        let body = start + 9;
                        if let Some(sink) = self.sink(&w.counts) {
                            sink.push_source(t, file, body);
                        }
                    }
                }
                Token::Ref(name) => {
                    if let Some(cap) = &mut w.capture {
                        cap.entity(name);
                    } else {
                        let decoded = html::decode_entity_char(name);
                        if let Some(sink) = self.sink(&w.counts) {
                            match decoded {
                                Some(d) => {
                                    let mut buf = [0u8; 4];
                                    let d = d.map_or("", |c| &*c.encode_utf8(&mut buf));
                                    sink.push_atomic(d, file, start, end)
                                }
                                None => sink.push_source(&text[start..end], file, start),
                            }
                        }
                    }
                }
                Token::DocType => {
                    self.issue(
                        "doctype",
                        IssueLevel::Info,
                        "document type declaration ignored: entities it declares are not expanded"
                            .into(),
                        Span::new(file, start, end),
                    );
                }
                Token::Other => {}
                Token::Error { error, at } => {
                    errors += 1;
                    if let Some(cap) = &mut w.capture {
                        cap.fail(&error);
                    }
                    self.issue(
                        "xml-syntax",
                        IssueLevel::Error,
                        format!("malformed markup: {error}"),
                        Span::new(file, at, (at + 1).min(text.len())),
                    );
                    if errors >= MAX_ERRORS_PER_FILE || end == last_pos {
                        self.issue(
                            "read-stopped",
                            IssueLevel::Error,
                            "reading of this file stopped after repeated syntax errors; what follows was not read".into(),
                            Span::new(file, at, text.len()),
                        );
                        break;
                    }
                }
            }
            last_pos = end;
        }
        if let Some(top) = w.stack.last() {
            let open_at = top.start;
            let name = text.get(top.name.clone()).unwrap_or("").to_owned();
            if self.saw_ix {
                self.issue(
                    "unclosed-element",
                    IssueLevel::Error,
                    format!("<{name}> (and {} enclosing element(s)) never closed: the file may be truncated", w.stack.len() - 1),
                    Span::new(file, open_at, text.len()),
                );
            }
            while !w.stack.is_empty() {
                self.close_top(&mut w, text.len(), text.len());
            }
        }
        // A file boundary is a block boundary.
        self.main.push_break(file, text.len(), text.len());
    }

    /// Finishes the set: the hidden text appended after the visible, continuation chains
    /// resolved, `-sec-ix-hidden` references checked, every fact's text and value made; then
    /// fills `filing` (the facts in place, the contexts, units, namespaces, problems and the
    /// text layer).
    pub(crate) fn finish(mut self, filing: &mut Filing) {
        let (text, map, visible_len, excludes) = self.join_layers();
        let chains = self.resolve_chains(filing);
        self.check_hidden_refs();
        self.make_values(filing, &text, &chains, &excludes);

        // In place: the facts' buffer is kept (see `RawFact`).
        let mut closed = self.raw.iter().map(|r| r.closed);
        self.facts.retain(|_| closed.next().unwrap_or(false));
        drop(std::mem::take(&mut self.raw));
        filing.facts = std::mem::take(&mut self.facts);
        for c in self.contexts {
            filing.contexts.entry(c.id.clone()).or_insert(c);
        }
        for u in self.units {
            filing.units.entry(u.id.clone()).or_insert(u);
        }
        filing.set_namespaces(self.namespaces);
        filing.issues.extend(self.issues);
        filing.text = TextLayer::new(text, map, visible_len);
        filing.derive_cover();
    }
}
