//! Contexts and units, read while the pass goes: a context from the pass's own events, fed to
//! [`xbrl::ContextParser`] (not parsed again from its source); a unit, a handful per filing,
//! from its source once it closes, with the namespaces in scope where it opened.

use super::{Attrs, IxReader};
use crate::filing::IssueLevel;
use crate::read::html;
use crate::read::scope::Scope;
use crate::read::xbrl;
use crate::source::Span;

pub(super) struct Capture {
    /// A context is read from the events of this pass; a unit (a few per filing) from its
    /// source once it closes, with the namespaces in scope where it opened.
    pub(super) kind: CaptureKind,
    pub(super) start: usize,
    pub(super) depth: usize,
}

pub(super) enum CaptureKind {
    Context(Box<xbrl::ContextParser>),
    Unit(Scope),
}

impl Capture {
    /// An element opened inside the context or unit being read: a context's parser sees it
    /// (its first attribute named `k` or `prefix:k`, as the instance reader matches). True for
    /// an element of a context that is not empty: its text is the context's.
    pub(super) fn element_start(
        &mut self,
        local: &str,
        empty: bool,
        attrs: &Attrs<'_, '_>,
        scope: &Scope,
    ) -> bool {
        match &mut self.kind {
            CaptureKind::Context(p) => {
                p.start(local, empty, |k| attrs.by_local_name(k), scope);
                !empty
            }
            CaptureKind::Unit(_) => false,
        }
    }

    /// An element of a context ends, while its own namespace declarations are still in scope
    /// (a member's QName may use a prefix declared on it).
    pub(super) fn element_end(&mut self, scope: &Scope) {
        if let CaptureKind::Context(p) = &mut self.kind {
            p.end(scope);
        }
    }

    /// Text inside a context is the context's (a unit is read from its source).
    pub(super) fn text(&mut self, t: &str) {
        if let CaptureKind::Context(p) = &mut self.kind {
            p.text(t);
        }
    }

    /// An entity reference inside a context, decoded (an unknown one is no text).
    pub(super) fn entity(&mut self, name: &str) {
        if let CaptureKind::Context(p) = &mut self.kind {
            p.text(&html::decode_entity(name).unwrap_or_default());
        }
    }

    /// Malformed markup inside a context makes the context malformed.
    pub(super) fn fail(&mut self, error: impl std::fmt::Display) {
        if let CaptureKind::Context(p) = &mut self.kind {
            p.fail(format!("malformed context: {error}"));
        }
    }
}

impl IxReader {
    /// A context (`local` is `context`) or a unit opened at `start`, `depth` elements deep:
    /// what reads it until it closes. A context's parser is the last one's, restarted.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn start_capture(
        &mut self,
        file: usize,
        local: &str,
        empty: bool,
        attrs: &Attrs<'_, '_>,
        scope: &Scope,
        start: usize,
        depth: usize,
    ) -> Capture {
        let kind = if local == "context" {
            let mut p = match self.spare_context.take() {
                Some(mut p) => {
                    p.restart(file, start);
                    p
                }
                None => Box::new(xbrl::ContextParser::new(
                    file,
                    start,
                    self.keep.dimensions(),
                )),
            };
            p.start(local, empty, |k| attrs.by_local_name(k), scope);
            CaptureKind::Context(p)
        } else {
            CaptureKind::Unit(scope.clone())
        };
        Capture { kind, start, depth }
    }

    /// The context or unit read ends at `end` (`text` is its file's): the context is kept, or
    /// reported as `bad-context`; the unit is parsed from its source.
    pub(super) fn end_capture(&mut self, cap: Capture, file: usize, text: &str, end: usize) {
        match cap.kind {
            CaptureKind::Context(mut p) => {
                let read = p.finish(end);
                self.spare_context = Some(p);
                match read {
                    Ok(ctx) => self.contexts.push(ctx),
                    Err(msg) => self.issue(
                        "bad-context",
                        IssueLevel::Error,
                        msg,
                        Span::new(file, cap.start, end),
                    ),
                }
            }
            CaptureKind::Unit(scope) => {
                let slice = &text[cap.start..end.max(cap.start)];
                if let Some(u) = xbrl::parse_unit(slice, &scope) {
                    self.units.push(u);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::IxReader;
    use crate::read::scope::Scope;
    use crate::read::xbrl;

    /// Contexts are read from the events of the main pass; the result equals reading each
    /// context's source on its own (as the instance reader does), typed members included.
    #[test]
    fn contexts_read_in_the_pass_equal_contexts_read_alone() {
        let contexts = [
            r#"<xbrli:context id="d"><xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">0000000001</xbrli:identifier></xbrli:entity><xbrli:period><xbrli:startDate>2025-01-01</xbrli:startDate><xbrli:endDate>2025-12-31</xbrli:endDate></xbrli:period></xbrli:context>"#,
            r#"<xbrli:context id="t"><xbrli:entity><xbrli:identifier scheme="s">1</xbrli:identifier><xbrli:segment><xbrldi:typedMember dimension="us-gaap:StartDateAxis"><us-gaap:StartDateAxis.domain>2025-09-28</us-gaap:StartDateAxis.domain></xbrldi:typedMember><xbrldi:explicitMember dimension="srt:RangeAxis">srt:MaximumMember</xbrldi:explicitMember></xbrli:segment></xbrli:entity><xbrli:period><xbrli:instant>2025-09-27</xbrli:instant></xbrli:period></xbrli:context>"#,
            r#"<xbrli:context id="f">
  <xbrli:entity><xbrli:identifier scheme="s">A &amp; B</xbrli:identifier><xbrli:scenario/></xbrli:entity>
  <xbrli:period><xbrli:forever/></xbrli:period>
</xbrli:context>"#,
            r#"<xbrli:context><xbrli:period><xbrli:instant>2025-01-01</xbrli:instant></xbrli:period></xbrli:context>"#,
            r#"<xbrli:context xbrli:id="p"><xbrli:entity><xbrli:identifier scheme="s">2</xbrli:identifier><xbrli:segment><xbrldi:explicitMember xmlns:m="http://fasb.org/us-gaap/2025" dimension="m:XAxis">m:YMember</xbrldi:explicitMember></xbrli:segment></xbrli:entity><xbrli:period><xbrli:instant><b>2025</b>-01-01</xbrli:instant></xbrli:period></xbrli:context>"#,
        ];
        let head = r#"<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL" xmlns:xbrli="http://www.xbrl.org/2003/instance" xmlns:xbrldi="http://xbrl.org/2006/xbrldi" xmlns:us-gaap="http://fasb.org/us-gaap/2025" xmlns:srt="http://fasb.org/srt/2025"><body><ix:header><ix:resources>"#;
        let doc = format!(
            "{head}{}</ix:resources></ix:header></body></html>",
            contexts.concat()
        );
        let mut r = IxReader::default();
        r.read_file(0, &doc);
        let scope = {
            let mut s = Scope::default();
            s.push();
            for (p, u) in [
                ("xbrli", "http://www.xbrl.org/2003/instance"),
                ("xbrldi", "http://xbrl.org/2006/xbrldi"),
                ("us-gaap", "http://fasb.org/us-gaap/2025"),
                ("srt", "http://fasb.org/srt/2025"),
            ] {
                s.declare(p, u);
            }
            s
        };
        let mut alone = Vec::new();
        let mut errors = Vec::new();
        for c in contexts {
            let at = doc.find(c).unwrap();
            match xbrl::parse_context(c, 0, at, &scope, true) {
                Ok(ctx) => alone.push(format!("{ctx:?}")),
                Err(e) => errors.push(e),
            }
        }
        let inline: Vec<String> = r.contexts.iter().map(|c| format!("{c:?}")).collect();
        assert_eq!(inline, alone);
        assert_eq!(errors, ["context has no id"]);
        assert!(r.issues.iter().any(|i| i.code == "bad-context"));
        let typed = &r.contexts[1];
        assert_eq!(
            typed
                .dimensions
                .get("us-gaap:StartDateAxis")
                .map(String::as_str),
            Some("2025-09-28")
        );
        assert_eq!(r.contexts[2].identifier, "A & B");
        // A prefixed id is an id; a prefix declared on a member resolves for its value too;
        // a date split by markup is read whole.
        let p = r
            .contexts
            .iter()
            .find(|c| c.id == "p")
            .expect("prefixed id");
        assert_eq!(
            p.dimensions.get("us-gaap:XAxis").map(String::as_str),
            Some("us-gaap:YMember")
        );
        assert_eq!(
            format!("{:?}", p.period),
            r#"Some(Instant { instant: "2025-01-01" })"#
        );
    }

    /// Context elements that take text consume it: nested dates with text between them read
    /// in linear time (copying the accumulated text at each end tag made this quadratic).
    #[test]
    fn deeply_nested_context_text_reads_in_linear_time() {
        let n = 3000;
        let chunk = "x".repeat(2000);
        let mut c = String::from(r#"<xbrli:context id="deep"><xbrli:period>"#);
        c.push_str(&"<xbrli:instant>".repeat(n));
        for _ in 0..n {
            c.push_str("</xbrli:instant>");
            c.push_str(&chunk);
        }
        c.push_str("</xbrli:period></xbrli:context>");
        let doc = format!(
            r#"<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL" xmlns:xbrli="http://www.xbrl.org/2003/instance"><body><ix:header><ix:resources>{c}</ix:resources></ix:header></body></html>"#
        );
        let mut r = IxReader::default();
        r.read_file(0, &doc);
        assert_eq!(r.contexts.len(), 1);
        let mut scope = Scope::default();
        scope.push();
        scope.declare("xbrli", "http://www.xbrl.org/2003/instance");
        let alone = xbrl::parse_context(&c, 0, 0, &scope, true).unwrap();
        assert_eq!(
            format!("{:?}", alone.period),
            format!("{:?}", r.contexts[0].period)
        );
    }
}
