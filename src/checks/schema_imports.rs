//! `schema-imports`: the company schema imports the namespaces the facts use.
//!
//! A fact's element is defined only if the taxonomy that declares it is part of the filing's
//! DTS, and the company schema (the filing's `schemaRef`) is where a filer imports the
//! standard taxonomies. This kind reads what the reader found of that schema
//! ([`crate::filing::SchemaRef`]); when the schema was not given or could not be read, the rule
//! is skipped with the reason ([`Compiled::undecided`]), never passed and never a finding.

use super::{Check, Compiled, FactSel, Hit};
use crate::checks::Cx;
use crate::checks::run::RunCx;
use crate::diagnostic::Label;
use crate::filing::{CompanySchema, Fact, SchemaImport};
use crate::syntax::yaml::Node;

/// The kind.
pub struct SchemaImports;

#[derive(Debug)]
struct C {
    sel: FactSel,
}

impl Check for SchemaImports {
    fn kind(&self) -> &'static str {
        "schema-imports"
    }
    fn doc(&self) -> &'static str {
        "Fires once per namespace of the selected facts that the company schema (the one the \
documents name in their `schemaRef`) neither imports nor defines. A namespace counts as \
imported when an `xsd:import` names it as its `namespace`, or when an import's \
`schemaLocation` lies under the namespace's own path on the web (for \
`http://xbrl.sec.gov/cyd/2025`, any schema under `https://xbrl.sec.gov/cyd/2025/`, such as \
the `cyd-af-2025.xsd` entry point, which imports `cyd-2025.xsd`); it counts as defined when it \
is the schema's `targetNamespace`. The finding points at the schema's first import of the same \
taxonomy (the namespace without its year: `cyd`, `cyd-af`…), or at its root element when there \
is none, with a label on the first fact of the namespace (and on the taxonomy's other imports). `{matched}` is \
the namespace; `{imported}` lists what the schema imports of that taxonomy (`namespace \
(schemaLocation)`, or \"nothing\").\n\nThe company schema is read only when it is given with \
the documents: beside them in a folder, or in the same `.zip` or submission `.txt`. When the \
selected facts exist and no schema was read (a document named alone, a schema named by URL, \
a malformed schema), the rule is skipped with that reason (`check -v`, `skipped` in JSON).\n\n\
Parameters: `concept`, `concepts`, `namespace`, `local-name` (the facts whose namespaces the \
schema must import)."
    }
    fn keys(&self) -> &'static [&'static str] {
        &["concept", "concepts", "namespace", "local-name"]
    }
    fn compile(&self, params: &Node, cx: &mut Cx) -> Option<Box<dyn Compiled>> {
        Some(Box::new(C {
            sel: FactSel::compile(params, cx)?,
        }))
    }
    fn fills(&self) -> &'static [(&'static str, &'static str)] {
        &[(
            "imported",
            "what the company schema imports of the namespace's taxonomy (`namespace (schemaLocation)`, or \"nothing\")",
        )]
    }
}

/// The namespace without its version: `http://xbrl.sec.gov/cyd/2025` → `http://xbrl.sec.gov/cyd`
/// (a last segment of a year or a date), else the namespace itself.
fn family(ns: &str) -> &str {
    let ns = ns.trim_end_matches('/');
    match ns.rsplit_once('/') {
        Some((head, last))
            if last.len() >= 4
                && last.bytes().all(|b| b.is_ascii_digit() || b == b'-')
                && last.bytes().take(4).all(|b| b.is_ascii_digit()) =>
        {
            head
        }
        _ => ns,
    }
}

/// True when `location` lies under `path` on the web, by `http` or `https`: `path` is a
/// namespace or a namespace family without its scheme.
fn under(location: &str, path: &str) -> bool {
    let path = path
        .strip_prefix("http://")
        .or_else(|| path.strip_prefix("https://"))
        .unwrap_or(path)
        .trim_end_matches('/');
    let loc = location
        .strip_prefix("https://")
        .or_else(|| location.strip_prefix("http://"));
    loc.is_some_and(|l| {
        l.strip_prefix(path)
            .is_some_and(|rest| rest.starts_with('/'))
    })
}

/// True when the schema imports or defines `ns`.
fn satisfies(s: &CompanySchema, ns: &str) -> bool {
    s.target_namespace.as_deref() == Some(ns)
        || s.imports.iter().any(|i| {
            i.namespace.as_deref() == Some(ns)
                || i.location.as_deref().is_some_and(|l| under(l, ns))
        })
}

/// True when the import is of the taxonomy of `ns` (another year, or an entry point).
fn of_family(i: &SchemaImport, ns: &str) -> bool {
    let fam = family(ns);
    let by_ns = i.namespace.as_deref().is_some_and(|n| {
        n.strip_prefix(fam)
            .is_some_and(|rest| rest.starts_with('/') || rest.starts_with('-'))
    });
    by_ns || i.location.as_deref().is_some_and(|l| under(l, fam))
}

/// An import as messages show it.
fn describe(i: &SchemaImport) -> String {
    match (&i.namespace, &i.location) {
        (Some(n), Some(l)) => format!("{n} ({l})"),
        (Some(n), None) => n.clone(),
        (None, Some(l)) => format!("({l})"),
        (None, None) => "an import with neither namespace nor location".into(),
    }
}

impl C {
    /// The distinct namespaces of the selected facts, each with its first fact, in order.
    fn namespaces<'a>(&self, rc: &RunCx<'a>) -> Vec<(&'a str, &'a Fact)> {
        let mut out: Vec<(&str, &Fact)> = Vec::new();
        for f in self.sel.facts(rc.filing) {
            if !out.iter().any(|(n, _)| *n == &*f.concept.namespace) {
                out.push((&f.concept.namespace, f));
            }
        }
        out
    }
}

impl Compiled for C {
    fn wants(&self, w: &mut super::Wants) {
        w.sel(&self.sel);
    }

    fn undecided(&self, rc: &RunCx<'_>) -> Option<String> {
        if self.namespaces(rc).is_empty() {
            return None;
        }
        let refs = &rc.filing.schemas;
        if refs.is_empty() {
            return Some("the filing names no company schema (no schemaRef)".into());
        }
        refs.iter().find_map(|r| {
            r.schema
                .as_ref()
                .err()
                .map(|why| format!("the company schema {} {why}", r.href))
        })
    }

    fn run(&self, rc: &RunCx<'_>, emit: &mut dyn FnMut(Hit)) {
        let refs = &rc.filing.schemas;
        let read: Vec<&CompanySchema> =
            refs.iter().filter_map(|r| r.schema.as_ref().ok()).collect();
        let Some(first) = read.first() else {
            return;
        };
        for (ns, fact) in self.namespaces(rc) {
            if read.iter().any(|s| satisfies(s, ns)) {
                continue;
            }
            let kin: Vec<&SchemaImport> = read
                .iter()
                .flat_map(|s| s.imports.iter())
                .filter(|i| of_family(i, ns))
                .collect();
            let span = kin.first().map_or(first.root, |i| i.span);
            let mut labels = vec![Label::on_fact(
                fact,
                format!("a fact of {ns}, the namespace to import"),
            )];
            labels.extend(kin.iter().skip(1).map(|i| Label {
                span: i.span,
                message: format!("imports {}", describe(i)),
                concept: None,
            }));
            let imported = if kin.is_empty() {
                "nothing".to_string()
            } else {
                kin.iter()
                    .map(|i| describe(i))
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            emit(Hit {
                span,
                labels,
                matched: Some(ns.to_string()),
                imported: Some(imported),
                ..Hit::default()
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;
    use crate::source::SourceFile;

    const DOC: &str = r#"<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL" xmlns:xbrli="http://www.xbrl.org/2003/instance" xmlns:link="http://www.xbrl.org/2003/linkbase" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:cyd="http://xbrl.sec.gov/cyd/2025" xmlns:dei="http://xbrl.sec.gov/dei/2025"><body><div style="display:none"><ix:header><ix:references><link:schemaRef xlink:type="simple" xlink:href="t.xsd"/></ix:references><ix:resources><xbrli:context id="c-1"><xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">1</xbrli:identifier></xbrli:entity><xbrli:period><xbrli:startDate>2025-01-01</xbrli:startDate><xbrli:endDate>2025-12-31</xbrli:endDate></xbrli:period></xbrli:context></ix:resources></ix:header></div><p><ix:nonNumeric name="dei:DocumentType" contextRef="c-1">10-K</ix:nonNumeric></p><p><ix:nonNumeric name="cyd:CybersecurityRiskRoleOfManagementTextBlock" contextRef="c-1">The CISO.</ix:nonNumeric></p></body></html>"#;

    fn schema(imports: &str) -> String {
        format!(
            "<xsd:schema xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" targetNamespace=\"http://t.example/2025\">\n{imports}\n<xsd:element name=\"X\"/>\n</xsd:schema>\n"
        )
    }

    fn with_schema(imports: Option<&str>) -> crate::filing::Filing {
        let mut files = vec![SourceFile::from_bytes(
            "t.htm".into(),
            DOC.as_bytes().to_vec(),
        )];
        if let Some(i) = imports {
            files.push(SourceFile::from_bytes(
                "t.xsd".into(),
                schema(i).into_bytes(),
            ));
        }
        crate::read::read_sources(files)
    }

    const CHECK: &str = "kind: schema-imports\nnamespace: 'http://xbrl\\.sec\\.gov/cyd/.*'\n";

    fn compiled() -> Box<dyn Compiled> {
        let node = crate::syntax::yaml::parse(CHECK).unwrap();
        let mut cx = Cx::new("t.yaml", CHECK, crate::claims::builtin_arc());
        SchemaImports.compile(&node, &mut cx).unwrap()
    }

    fn undecided(f: &crate::filing::Filing) -> Option<String> {
        let rc = RunCx::new(f, None, Vec::new(), None, crate::claims::builtin_arc());
        compiled().undecided(&rc)
    }

    #[test]
    fn the_namespace_or_a_schema_under_its_path_is_enough() {
        for ok in [
            r#"<xsd:import namespace="http://xbrl.sec.gov/cyd/2025" schemaLocation="https://xbrl.sec.gov/cyd/2025/cyd-2025.xsd"/>"#,
            r#"<xsd:import namespace="http://xbrl.sec.gov/cyd-af/2025" schemaLocation="https://xbrl.sec.gov/cyd/2025/cyd-af-2025.xsd"/>"#,
            r#"<xsd:import namespace="http://xbrl.sec.gov/cyd/2025" schemaLocation="cyd-2025.xsd"/>"#,
        ] {
            let f = with_schema(Some(ok));
            assert_eq!(undecided(&f), None);
            assert!(run(CHECK, &f).is_empty(), "{ok}");
        }
    }

    #[test]
    fn another_year_or_no_import_fires_in_the_schema() {
        let f = with_schema(Some(
            r#"<xsd:import namespace="http://xbrl.sec.gov/dei/2025" schemaLocation="https://xbrl.sec.gov/dei/2025/dei-2025.xsd"/>
<xsd:import namespace="http://xbrl.sec.gov/cyd/2024" schemaLocation="https://xbrl.sec.gov/cyd/2024/cyd-2024.xsd"/>"#,
        ));
        let h = run(CHECK, &f);
        assert_eq!(h.len(), 1);
        assert_eq!(h[0].span.file, 1, "in the schema");
        assert!(text_at(&f, h[0].span).contains("cyd/2024/cyd-2024.xsd"));
        assert_eq!(
            h[0].matched.as_deref(),
            Some("http://xbrl.sec.gov/cyd/2025")
        );
        assert_eq!(
            h[0].imported.as_deref(),
            Some("http://xbrl.sec.gov/cyd/2024 (https://xbrl.sec.gov/cyd/2024/cyd-2024.xsd)")
        );
        assert_eq!(
            h[0].labels[0].concept.as_deref(),
            Some("cyd:CybersecurityRiskRoleOfManagementTextBlock")
        );
        assert_eq!(h[0].labels.len(), 1);

        let f = with_schema(Some(
            r#"<xsd:import namespace="http://xbrl.sec.gov/dei/2025" schemaLocation="https://xbrl.sec.gov/dei/2025/dei-2025.xsd"/>"#,
        ));
        let h = run(CHECK, &f);
        assert_eq!(h.len(), 1);
        assert!(
            text_at(&f, h[0].span).starts_with("<xsd:schema "),
            "the root"
        );
        assert_eq!(h[0].imported.as_deref(), Some("nothing"));
    }

    #[test]
    fn without_the_schema_the_rule_is_undecided() {
        let alone = with_schema(None);
        let why = undecided(&alone).unwrap();
        assert!(why.contains("t.xsd is not beside the document"), "{why}");
        assert!(run(CHECK, &alone).is_empty());
        let broken = crate::read::read_sources(vec![
            SourceFile::from_bytes("t.htm".into(), DOC.as_bytes().to_vec()),
            SourceFile::from_bytes(
                "t.xsd".into(),
                b"<xsd:schema xmlns:xsd='http://www.w3.org/2001/XMLSchema'><xsd:import".to_vec(),
            ),
        ]);
        assert!(undecided(&broken).unwrap().contains("read:company-schema"));
        assert!(
            broken
                .issues
                .iter()
                .any(|i| i.code == "company-schema" && i.span.file == 1)
        );
        // No cyd fact: nothing to judge, nothing undecided.
        let none = filing("<p>no facts</p>");
        assert_eq!(undecided(&none), None);
    }

    #[test]
    fn families_and_locations() {
        assert_eq!(
            family("http://xbrl.sec.gov/cyd/2025"),
            "http://xbrl.sec.gov/cyd"
        );
        assert_eq!(
            family("http://www.xbrl.org/dtr/type/2022-03-31"),
            "http://www.xbrl.org/dtr/type"
        );
        assert_eq!(family("http://example.com/x"), "http://example.com/x");
        assert!(under(
            "https://xbrl.sec.gov/cyd/2025/cyd-af-2025.xsd",
            "http://xbrl.sec.gov/cyd/2025"
        ));
        assert!(!under(
            "https://xbrl.sec.gov/cyd/20250/x.xsd",
            "http://xbrl.sec.gov/cyd/2025"
        ));
        assert!(!under("cyd-2025.xsd", "http://xbrl.sec.gov/cyd/2025"));
    }
}
