//! `namespaces`: the taxonomy versions a filing declares (EFM 6.22.03).

use super::{Check, Compiled, Hit};
use crate::checks::compile::Cx;
use crate::checks::run::RunCx;
use crate::syntax::yaml::Node;
use crate::taxonomy;

/// The kind.
pub struct Namespaces;

#[derive(Debug)]
struct C {
    single_cyd: bool,
    matching_years: bool,
}

impl Check for Namespaces {
    fn kind(&self) -> &'static str {
        "namespaces"
    }
    fn doc(&self) -> &'static str {
        "Checks the namespaces declared in the document set. `single-cyd-version: true` fires \
when more than one `cyd` year is declared; `matching-years: true` fires when a `cyd` year of \
2025 or later is declared beside a `dei`, `us-gaap`, `srt` or `ifrs-full` namespace of another \
year (EFM 6.22.03: `cyd/2025` is only compatible with the 2025 standard taxonomies; `cyd/2024` is \
not in EDGAR's compatibility table and is not checked). The finding points at the element that \
declares the cyd namespace; `{matched}` names the clash.\n\nParameters: `single-cyd-version`, \
`matching-years` (at least one)."
    }
    fn keys(&self) -> &'static [&'static str] {
        &["single-cyd-version", "matching-years"]
    }
    fn compile(&self, params: &Node, cx: &mut Cx) -> Option<Box<dyn Compiled>> {
        let single_cyd = match params.get("single-cyd-version") {
            Some(n) => cx.bool(n, "`single-cyd-version`")?,
            None => false,
        };
        let matching_years = match params.get("matching-years") {
            Some(n) => cx.bool(n, "`matching-years`")?,
            None => false,
        };
        if !single_cyd && !matching_years {
            cx.err(
                params.span.clone(),
                "`namespaces` needs `single-cyd-version: true` or `matching-years: true`",
            );
            return None;
        }
        Some(Box::new(C {
            single_cyd,
            matching_years,
        }))
    }
}

/// The year of a standard taxonomy namespace (`http://fasb.org/us-gaap/2024` → 2024).
fn year_of(ns: &str) -> Option<&str> {
    let last = ns.trim_end_matches('/').rsplit('/').next()?;
    let year = last.get(0..4)?;
    year.bytes().all(|b| b.is_ascii_digit()).then_some(year)
}

impl Compiled for C {
    fn wants(&self, _: &mut super::Wants) {
        // Declared namespaces only: no facts.
    }

    fn run(&self, rc: &RunCx<'_>, emit: &mut dyn FnMut(Hit)) {
        let f = rc.filing;
        let cyd: Vec<(&String, &crate::source::Span)> = f
            .namespaces
            .iter()
            .filter(|(n, _)| n.starts_with(taxonomy::CYD_NS_PREFIX))
            .collect();
        let Some((first_ns, first_span)) = cyd.first().copied() else {
            return;
        };
        if self.single_cyd && cyd.len() > 1 {
            let list: Vec<&str> = cyd.iter().map(|(n, _)| n.as_str()).collect();
            emit(Hit {
                span: *first_span,
                matched: Some(format!("cyd versions {}", list.join(" and "))),
                ..Hit::default()
            });
        }
        if self.matching_years {
            let Some(year) = taxonomy::cyd_year(first_ns) else {
                return;
            };
            if year < "2025" {
                return;
            }
            for ns in f.namespaces.keys() {
                let family = taxonomy::canonical_prefix(ns);
                if !matches!(family, Some("dei" | "us-gaap" | "srt" | "ifrs-full")) {
                    continue;
                }
                if let Some(y) = year_of(ns)
                    && y != year
                {
                    emit(Hit {
                        span: *first_span,
                        matched: Some(format!("{first_ns} with {ns}")),
                        ..Hit::default()
                    });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;

    #[test]
    fn cyd_2025_needs_2025_companions() {
        // The test filing declares cyd/2025 with dei/2025: consistent.
        let ok = filing("<p>x</p>");
        assert!(
            run(
                "kind: namespaces\nmatching-years: true\nsingle-cyd-version: true\n",
                &ok
            )
            .is_empty()
        );
        let mut bad = filing("<p>x</p>");
        bad.namespaces.insert(
            "http://fasb.org/us-gaap/2024".into(),
            crate::source::Span::new(0, 0, 5),
        );
        bad.namespaces.insert(
            "http://xbrl.sec.gov/cyd/2024".into(),
            crate::source::Span::new(0, 0, 5),
        );
        let h = run("kind: namespaces\nmatching-years: true\n", &bad);
        // cyd/2024 sorts first and is not checked; add only the 2025 clash:
        assert!(h.is_empty());
        let h = run("kind: namespaces\nsingle-cyd-version: true\n", &bad);
        assert_eq!(h.len(), 1);
        assert!(
            h[0].matched
                .as_deref()
                .unwrap()
                .contains("cyd/2024 and http://xbrl.sec.gov/cyd/2025")
        );
        bad.namespaces.remove("http://xbrl.sec.gov/cyd/2024");
        let h = run("kind: namespaces\nmatching-years: true\n", &bad);
        assert_eq!(h.len(), 1);
        assert_eq!(
            h[0].matched.as_deref(),
            Some("http://xbrl.sec.gov/cyd/2025 with http://fasb.org/us-gaap/2024")
        );
    }
}
