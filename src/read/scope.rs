//! What the Inline XBRL reader ([`super::ixbrl`]) and the XBRL instance reader
//! ([`super::xbrl`]) share beneath both: the namespace declarations in scope that resolve a
//! QName (`Scope`), and which concepts hold booleans. Here, below the two readers, so that
//! the instance reader need not import the Inline XBRL reader, which uses its contexts and
//! units.

use std::sync::Arc;

use crate::filing::Concept;
use crate::taxonomy::{self, XML_NS};

/// Namespace declarations in scope.
#[derive(Clone, Debug, Default)]
pub(crate) struct Scope {
    /// (prefix, URI), innermost last; shared strings, because a scope is copied for every
    /// context and unit.
    bindings: Vec<(Arc<str>, Arc<str>)>,
    /// Each binding's [`prefix_key`], beside the list so that a lookup reads no string but
    /// the one it finds.
    keys: Vec<u64>,
    /// Where each open scope starts in `bindings`, and the default binding outside it.
    marks: Vec<(usize, Option<usize>)>,
    /// Where the innermost default-namespace binding is: HTML elements, most of a filing,
    /// have no prefix, and the default is usually declared first, at the bottom of the list.
    default: Option<usize>,
    /// The last prefixes of up to seven bytes resolved: ([`prefix_key`], binding index + 1,
    /// 0 for undeclared), newest first; emptied whenever a declaration comes or goes. A
    /// filing declares its namespaces once, on its root, and names `ix:` and a few concept
    /// prefixes on every fact: a lookup was a scan of every binding.
    recent: std::cell::Cell<[(u64, u32); 4]>,
}

/// A prefix's length and first seven bytes in one word: equal keys mean equal prefixes up to
/// seven bytes long (nearly all), and tell longer ones apart before their text is compared.
fn prefix_key(prefix: &str) -> u64 {
    let b = prefix.as_bytes();
    let mut k = (b.len().min(255) as u64) << 56;
    for (i, &c) in b.iter().take(7).enumerate() {
        k |= u64::from(c) << (8 * i);
    }
    k
}

impl Scope {
    pub(crate) fn push(&mut self) {
        self.marks.push((self.bindings.len(), self.default));
    }
    pub(crate) fn pop(&mut self) {
        if let Some((m, default)) = self.marks.pop() {
            if m < self.bindings.len() {
                self.recent.take();
            }
            self.bindings.truncate(m);
            self.keys.truncate(m);
            self.default = default;
        }
    }
    pub(crate) fn declare(&mut self, prefix: &str, uri: &str) {
        self.recent.take();
        if prefix.is_empty() {
            self.default = Some(self.bindings.len());
        }
        self.bindings.push((Arc::from(prefix), Arc::from(uri)));
        self.keys.push(prefix_key(prefix));
    }
    /// The URI bound to `prefix` (`""` is the default namespace).
    #[inline]
    pub(crate) fn resolve(&self, prefix: &str) -> Option<&str> {
        if prefix.is_empty() {
            self.default.map(|d| &*self.bindings[d].1)
        } else {
            self.resolve_prefixed(prefix)
        }
    }

    fn resolve_prefixed(&self, prefix: &str) -> Option<&str> {
        if prefix == "xml" {
            return Some(XML_NS);
        }
        // This runs for every prefixed element and fact name.
        let key = prefix_key(prefix);
        let short = prefix.len() <= 7;
        if short && let Some(&(_, at)) = self.recent.get().iter().find(|(k, _)| *k == key) {
            return at.checked_sub(1).map(|i| &*self.bindings[i as usize].1);
        }
        let found = self.keys.iter().rposition(|&k| k == key).and_then(|i| {
            if short || *self.bindings[i].0 == *prefix {
                Some(i)
            } else {
                // A longer prefix sharing its first seven bytes: compare in full.
                self.bindings[..i].iter().rposition(|(p, _)| **p == *prefix)
            }
        });
        if short {
            let mut recent = self.recent.get();
            recent.rotate_right(1);
            recent[0] = (key, found.map_or(0, |i| i as u32 + 1));
            self.recent.set(recent);
        }
        found.map(|i| &*self.bindings[i].1)
    }
    /// A `prefix:local` QName's namespace URI, prefix and local name (the undeclared prefix
    /// when it has none).
    pub(crate) fn resolve_parts<'q>(
        &self,
        qname: &'q str,
    ) -> Result<(&str, &'q str, &'q str), &'q str> {
        let (prefix, local) = qname.trim().split_once(':').unwrap_or(("", qname.trim()));
        self.resolve(prefix)
            .map(|uri| (uri, prefix, local))
            .ok_or(prefix)
    }
}

/// True for concepts whose values are booleans.
pub(crate) fn is_boolean_concept(c: &Concept) -> bool {
    if let Some(e) = c
        .is_cyd()
        .then(|| taxonomy::cyd_element(&c.local_name))
        .flatten()
    {
        return e.item_type == taxonomy::ItemType::Boolean;
    }
    let l = &*c.local_name;
    l.ends_with("Flag")
        || (&*c.prefix == "dei"
            && (matches!(
                l,
                "DocumentTransitionReport"
                    | "DocumentAnnualReport"
                    | "DocumentQuarterlyReport"
                    | "DocumentShellCompanyReport"
                    | "DocumentRegistrationStatement"
                    | "EntityShellCompany"
                    | "EntityEmergingGrowthCompany"
                    | "EntitySmallBusiness"
                    | "EntityExTransitionPeriod"
            )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_namespace_follows_scopes() {
        let mut s = Scope::default();
        assert_eq!(s.resolve(""), None);
        s.push();
        s.declare("", "outer");
        s.declare("ix", "ixns");
        s.push();
        s.declare("x", "xns");
        assert_eq!(s.resolve(""), Some("outer"));
        s.push();
        s.declare("", "inner");
        assert_eq!(
            (s.resolve(""), s.resolve("ix")),
            (Some("inner"), Some("ixns"))
        );
        s.pop();
        assert_eq!(s.resolve(""), Some("outer"));
        s.pop();
        s.push();
        s.declare("", "");
        assert_eq!(s.resolve(""), Some(""));
        s.pop();
        s.pop();
        assert_eq!((s.resolve(""), s.resolve("ix")), (None, None));
    }

    #[test]
    fn prefixes_resolve_innermost_first_whatever_their_length() {
        let mut s = Scope::default();
        s.push();
        s.declare("us-gaap", "g1");
        s.declare("us-gaap-x", "long1");
        s.declare("us-gaap-y", "long2");
        s.declare("a", "a1");
        s.push();
        s.declare("a", "a2");
        s.declare("us-gaap-x", "long3");
        assert_eq!(s.resolve("a"), Some("a2"));
        assert_eq!(s.resolve("us-gaap"), Some("g1"));
        assert_eq!(s.resolve("us-gaap-x"), Some("long3"));
        assert_eq!(s.resolve("us-gaap-y"), Some("long2"));
        assert_eq!(s.resolve("us-gaap-z"), None);
        assert_eq!(s.resolve("us-gaa"), None);
        s.pop();
        assert_eq!(
            (s.resolve("a"), s.resolve("us-gaap-x")),
            (Some("a1"), Some("long1"))
        );
        assert_eq!(s.resolve("xml"), Some(XML_NS));
    }

    /// Resolution (remembered lookups included) answers as a scan of the declarations in
    /// scope does, through random declarations, scopes opened and closed, and lookups.
    #[test]
    fn prefixes_resolve_as_a_scan_of_the_bindings_does() {
        const PREFIXES: &[&str] = &[
            "",
            "a",
            "b",
            "ix",
            "us-gaap",
            "us-gaap-x",
            "us-gaap-y",
            "xml",
        ];
        let mut next = crate::test_rng(0x5c09e);
        for _ in 0..2_000 {
            let mut s = Scope::default();
            // The reference: (prefix, uri) in scope, and where each open scope starts.
            let mut bindings: Vec<(&str, String)> = Vec::new();
            let mut marks: Vec<usize> = Vec::new();
            for step in 0..60 {
                match next(6) {
                    0 => {
                        s.push();
                        marks.push(bindings.len());
                    }
                    1 => {
                        s.pop();
                        if let Some(m) = marks.pop() {
                            bindings.truncate(m);
                        }
                    }
                    2 if !marks.is_empty() => {
                        let p = PREFIXES[next(PREFIXES.len() - 1)];
                        let uri = format!("u{step}");
                        s.declare(p, &uri);
                        bindings.push((p, uri));
                    }
                    _ => {
                        let p = PREFIXES[next(PREFIXES.len())];
                        let expected = if p == "xml" {
                            Some(XML_NS)
                        } else {
                            bindings
                                .iter()
                                .rev()
                                .find(|(b, _)| *b == p)
                                .map(|(_, u)| u.as_str())
                        };
                        assert_eq!(s.resolve(p), expected, "{p:?} in {bindings:?}");
                    }
                }
            }
        }
    }
}
