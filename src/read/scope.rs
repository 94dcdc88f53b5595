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
