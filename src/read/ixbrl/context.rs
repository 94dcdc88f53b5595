//! Contexts and units, read while the pass goes: a context from the pass's own events, fed to
//! [`xbrl::ContextParser`] (not parsed again from its source); a unit, a handful per filing,
//! from its source once it closes, with the namespaces in scope where it opened.

use crate::read::scope::Scope;
use crate::read::xbrl;

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
