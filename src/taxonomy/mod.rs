//! What cydlint knows of the taxonomies, embedded in the binary so it runs offline.
//!
//! The `cyd` element table ([`CYD_TABLE`]) is data, kept in `src/taxonomy/cyd-2025.tsv`, built
//! from the SEC's `cyd-2025.xsd` (a test compares the two when `../shared` is present). Standard
//! labels let the rendered-report reader map "Cybersecurity Risk … \[Flag\]" rows back to concepts.
//!
//! Namespaces are recognised by URI, never by the prefix a file happens to use: a concept is
//! printed with the canonical prefix of its namespace family (`cyd`, `dei`, `us-gaap`, …).

use std::sync::OnceLock;

/// The embedded element table (tab-separated; see the file's header).
pub const CYD_TABLE: &str = include_str!("cyd-2025.tsv");

/// The XBRL data type of a `cyd` element.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemType {
    /// `xbrli:booleanItemType` (the six flags).
    Boolean,
    /// `dtr-types:textBlockItemType` (the fifteen text blocks).
    TextBlock,
    /// `xbrli:stringItemType` (abstracts, tables, axes, line items).
    String,
    /// `dtr-types:domainItemType`.
    Domain,
}

/// One `cyd` element.
#[derive(Clone, Debug)]
pub struct Element {
    /// Local name, e.g. `CybersecurityRiskManagementProcessesIntegratedFlag`.
    pub name: String,
    /// Data type.
    pub item_type: ItemType,
    /// `abstract="true"` in the schema.
    pub is_abstract: bool,
    /// `item`, `hypercubeItem` or `dimensionItem`.
    pub substitution_group: String,
    /// The standard label, e.g. "Cybersecurity Risk Management Third Party Engaged \[Flag\]".
    pub label: String,
    /// The rule paragraphs the schema references, e.g. "S-K 106(b)(1)(i); 20-F 16K(b)(1)(i)".
    pub reference: String,
}

/// The `cyd` elements, parsed once from [`CYD_TABLE`].
pub fn cyd_elements() -> &'static [Element] {
    static CELL: OnceLock<Vec<Element>> = OnceLock::new();
    CELL.get_or_init(|| {
        CYD_TABLE
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let c: Vec<&str> = l.split('\t').collect();
                let item_type = match *c.get(1)? {
                    "booleanItemType" => ItemType::Boolean,
                    "textBlockItemType" => ItemType::TextBlock,
                    "domainItemType" => ItemType::Domain,
                    _ => ItemType::String,
                };
                Some(Element {
                    name: c.first()?.to_string(),
                    item_type,
                    is_abstract: *c.get(2)? == "true",
                    substitution_group: c.get(3)?.to_string(),
                    label: c.get(4)?.to_string(),
                    reference: c.get(5)?.to_string(),
                })
            })
            .collect()
    })
}

/// The `cyd` element with this local name.
pub fn cyd_element(local_name: &str) -> Option<&'static Element> {
    cyd_elements().iter().find(|e| e.name == local_name)
}

/// The `cyd` element whose standard label is `label` (compared ignoring case and spacing).
pub fn cyd_element_by_label(label: &str) -> Option<&'static Element> {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_ascii_lowercase()
    };
    let want = norm(label);
    cyd_elements().iter().find(|e| norm(&e.label) == want)
}

/// The `cyd` taxonomy years cydlint recognises.
pub const CYD_YEARS: &[&str] = &["2024", "2025", "2026"];

/// Namespace prefix of the `cyd` taxonomy.
pub const CYD_NS_PREFIX: &str = "http://xbrl.sec.gov/cyd/";

/// Inline XBRL 1.1 namespace.
pub const IX_NS: &str = "http://www.xbrl.org/2013/inlineXBRL";
/// XBRL 2.1 instance namespace.
pub const XBRLI_NS: &str = "http://www.xbrl.org/2003/instance";
/// XBRL dimensions instance namespace.
pub const XBRLDI_NS: &str = "http://xbrl.org/2006/xbrldi";
/// XHTML namespace.
pub const XHTML_NS: &str = "http://www.w3.org/1999/xhtml";
/// XML Schema instance namespace (for `xsi:nil`).
pub const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";
/// The XML namespace (`xml:lang`).
pub const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// The year of a `cyd` namespace URI (`http://xbrl.sec.gov/cyd/2025` → `2025`).
pub fn cyd_year(ns: &str) -> Option<&str> {
    ns.strip_prefix(CYD_NS_PREFIX)
        .filter(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
}

/// True for a `cyd` namespace of a known year.
pub fn is_known_cyd_ns(ns: &str) -> bool {
    cyd_year(ns).is_some_and(|y| CYD_YEARS.contains(&y))
}

/// The known namespace families: a URI that starts with the first string takes the prefix.
const FAMILIES: &[(&str, &str)] = &[
    ("http://xbrl.sec.gov/cyd/", "cyd"),
    ("http://xbrl.sec.gov/dei/", "dei"),
    ("http://xbrl.sec.gov/ecd/", "ecd"),
    ("http://xbrl.sec.gov/country/", "country"),
    ("http://xbrl.sec.gov/currency/", "currency"),
    ("http://xbrl.sec.gov/exch/", "exch"),
    ("http://xbrl.sec.gov/naics/", "naics"),
    ("http://xbrl.sec.gov/sic/", "sic"),
    ("http://xbrl.sec.gov/stpr/", "stpr"),
    ("http://xbrl.sec.gov/ffd/", "ffd"),
    ("http://xbrl.sec.gov/vip/", "vip"),
    ("http://fasb.org/us-gaap/", "us-gaap"),
    ("http://fasb.org/srt/", "srt"),
    ("https://xbrl.ifrs.org/taxonomy/", "ifrs-full"),
    ("http://xbrl.ifrs.org/taxonomy/", "ifrs-full"),
    ("http://www.xbrl.org/2003/iso4217", "iso4217"),
    ("http://www.xbrl.org/2003/instance", "xbrli"),
];

/// The canonical prefix for a namespace URI, when it belongs to a known family
/// (the table above).
///
/// Every concept and every dimension or member QName of a filing asks, so the URI's host is
/// looked at first and only its families compared (the whole table, a string comparison per
/// family, was a tenth of reading a context).
pub fn canonical_prefix(ns: &str) -> Option<&'static str> {
    let families = if let Some(rest) = ns.strip_prefix("http://xbrl.sec.gov/") {
        // One path segment names the family: `cyd/` of `…/cyd/2025`.
        let (family, _) = rest.split_once('/')?;
        return FAMILIES[..11]
            .iter()
            .find(|(p, _)| p[20..p.len() - 1] == *family)
            .map(|(_, prefix)| *prefix);
    } else if ns.starts_with("http://fasb.org/") {
        &FAMILIES[11..13]
    } else if ns.starts_with("http://www.xbrl.org/") {
        &FAMILIES[15..]
    } else if ns.contains("xbrl.ifrs.org/") {
        &FAMILIES[13..15]
    } else {
        return None;
    };
    families
        .iter()
        .find(|(p, _)| ns.starts_with(p))
        .map(|(_, prefix)| *prefix)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_has_29_elements_6_flags_15_text_blocks() {
        let all = cyd_elements();
        assert_eq!(all.len(), 29);
        let flags = all
            .iter()
            .filter(|e| e.item_type == ItemType::Boolean)
            .count();
        let blocks = all
            .iter()
            .filter(|e| e.item_type == ItemType::TextBlock)
            .count();
        assert_eq!((flags, blocks), (6, 15));
        assert_eq!(all.iter().filter(|e| e.is_abstract).count(), 8);
        for e in all {
            let suffix = match e.item_type {
                ItemType::Boolean => "[Flag]",
                ItemType::TextBlock => "[Text Block]",
                _ => "]",
            };
            assert!(e.label.ends_with(suffix), "{}", e.label);
        }
    }

    #[test]
    fn labels_resolve() {
        let e = cyd_element_by_label("Cybersecurity Risk Management Third  Party Engaged [Flag]")
            .unwrap();
        assert_eq!(e.name, "CybersecurityRiskManagementThirdPartyEngagedFlag");
        assert!(cyd_element_by_label("Cybersecurity Risk Something [Flag]").is_none());
    }

    #[test]
    fn namespaces() {
        assert_eq!(cyd_year("http://xbrl.sec.gov/cyd/2026"), Some("2026"));
        assert!(is_known_cyd_ns("http://xbrl.sec.gov/cyd/2024"));
        assert!(!is_known_cyd_ns("http://xbrl.sec.gov/cyd/2019"));
        assert_eq!(
            canonical_prefix("http://fasb.org/us-gaap/2024"),
            Some("us-gaap")
        );
    }

    /// The host-first lookup answers as a scan of the whole table does, on URIs built from
    /// the families' pieces, near misses and strangers.
    #[test]
    fn canonical_prefix_agrees_with_a_scan_of_the_table() {
        let scan = |ns: &str| {
            FAMILIES
                .iter()
                .find(|(p, _)| ns.starts_with(p))
                .map(|(_, prefix)| *prefix)
        };
        // The table's slices in `canonical_prefix` name the families they mean.
        assert_eq!(FAMILIES[10].1, "vip");
        assert_eq!(FAMILIES[12].1, "srt");
        assert_eq!(FAMILIES[14].1, "ifrs-full");
        assert!(
            FAMILIES[..11]
                .iter()
                .all(|(p, _)| p.starts_with("http://xbrl.sec.gov/"))
        );
        let mut pieces: Vec<&str> = vec![
            "http://",
            "https://",
            "xbrl.sec.gov/",
            "fasb.org/",
            "www.xbrl.org/",
            "2003/",
            "xbrl.ifrs.org/",
            "taxonomy/",
            "/",
            "2024",
            "x",
            "",
            "cyd",
            "cydx",
            "us-gaap/",
        ];
        pieces.extend(FAMILIES.iter().map(|(p, _)| *p));
        pieces.extend(FAMILIES.iter().map(|(p, _)| &p[..p.len() - 1]));
        let mut next = crate::test_rng(0xca70_0f1a);
        for _ in 0..50_000 {
            let ns = crate::test_string(&mut next, &pieces, 5);
            assert_eq!(canonical_prefix(&ns), scan(&ns), "{ns}");
        }
        for (p, prefix) in FAMILIES {
            assert_eq!(canonical_prefix(&format!("{p}2025")), Some(*prefix));
        }
    }
}
