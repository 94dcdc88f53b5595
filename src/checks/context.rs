//! `context`: the contexts of selected facts (duration, no segment, ends on the period end,
//! fiscal-year length).

use super::{Check, Compiled, FactSel, Hit};
use crate::checks::compile::Cx;
use crate::checks::run::RunCx;
use crate::filing::Period;
use crate::syntax::yaml::Node;

/// The kind.
pub struct ContextCheck;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Req {
    Duration,
    NoSegment,
    EndsOnPeriodEnd,
    FiscalYear,
}

#[derive(Debug)]
struct C {
    sel: FactSel,
    require: Vec<Req>,
}

impl Check for ContextCheck {
    fn kind(&self) -> &'static str {
        "context"
    }
    fn doc(&self) -> &'static str {
        "Fires on every selected fact whose context breaks a requirement: `duration` (a \
start and end date, not an instant — every cyd element is `periodType=\"duration\"`), \
`no-segment` (no dimensions: the required context of EFM 6.5.19), `ends-on-period-end` (the \
period ends on `dei:DocumentPeriodEndDate`), `fiscal-year` (340–390 days, DQC.US.0006.14). A \
fact whose context is missing fires too. `{matched}` names the broken requirement.\n\n\
Parameters: a selector and `require` (a list)."
    }
    fn keys(&self) -> &'static [&'static str] {
        &["concept", "concepts", "namespace", "local-name", "require"]
    }
    fn compile(&self, params: &Node, cx: &mut Cx) -> Option<Box<dyn Compiled>> {
        let n = cx.required(params, "require", "`context`")?;
        let mut require = Vec::new();
        for item in cx.list(n, "`require`")? {
            match item.as_str() {
                Some("duration") => require.push(Req::Duration),
                Some("no-segment") => require.push(Req::NoSegment),
                Some("ends-on-period-end") => require.push(Req::EndsOnPeriodEnd),
                Some("fiscal-year") => require.push(Req::FiscalYear),
                _ => cx.err(
                    item.span.clone(),
                    "`require` items are duration, no-segment, ends-on-period-end, fiscal-year",
                ),
            }
        }
        Some(Box::new(C {
            sel: FactSel::compile(params, cx)?,
            require,
        }))
    }
}

/// Days since 0000-03-01 (proleptic Gregorian), for date differences.
fn days(d: &str) -> Option<i64> {
    let y: i64 = d.get(0..4)?.parse().ok()?;
    let m: i64 = d.get(5..7)?.parse().ok()?;
    let day: i64 = d.get(8..10)?.parse().ok()?;
    let (y, m) = if m <= 2 { (y - 1, m + 12) } else { (y, m) };
    Some(365 * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 + day)
}

impl Compiled for C {
    fn wants(&self, w: &mut super::Wants) {
        w.sel(&self.sel);
    }

    fn run(&self, rc: &RunCx<'_>, emit: &mut dyn FnMut(Hit)) {
        for f in self.sel.facts(rc.filing) {
            let ctx = rc.filing.context_of(f);
            let broken = self.require.iter().find_map(|r| {
                let Some(ctx) = ctx else {
                    return Some("the context is missing".to_string());
                };
                match (r, &ctx.period) {
                    (Req::Duration, Some(Period::Duration { .. })) => None,
                    (Req::Duration, _) => Some("the context is not a duration".into()),
                    (Req::NoSegment, _) if ctx.has_segment => {
                        Some("the context has a segment".into())
                    }
                    (Req::NoSegment, _) => None,
                    (Req::EndsOnPeriodEnd, Some(Period::Duration { end, .. })) => {
                        match &rc.period_end {
                            Some(pe) if pe != end => Some(format!(
                                "the context ends {end}, not on the period end {pe}"
                            )),
                            _ => None,
                        }
                    }
                    (Req::EndsOnPeriodEnd, _) => None,
                    (Req::FiscalYear, Some(Period::Duration { start, end })) => {
                        let len = days(end).zip(days(start)).map(|(e, s)| e - s + 1);
                        match len {
                            Some(n) if !(340..=390).contains(&n) => {
                                Some(format!("the context covers {n} days, not a fiscal year"))
                            }
                            _ => None,
                        }
                    }
                    (Req::FiscalYear, _) => None,
                }
            });
            if let Some(why) = broken {
                emit(Hit {
                    matched: Some(why),
                    ..Hit::on_fact(f)
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;

    #[test]
    fn instant_and_segment_contexts() {
        let f = filing(
            r#"<ix:nonNumeric name="cyd:CybersecurityRiskRoleOfManagementTextBlock" contextRef="c-1">ok</ix:nonNumeric><ix:nonNumeric name="cyd:MaterialCybersecurityIncidentNatureTextBlock" contextRef="c-2">seg</ix:nonNumeric><ix:nonNumeric name="cyd:MaterialCybersecurityIncidentScopeTextBlock" contextRef="nope">none</ix:nonNumeric>"#,
        );
        let h = run(
            "kind: context\nnamespace: 'http://xbrl\\.sec\\.gov/cyd/.*'\nrequire: [duration, no-segment, fiscal-year]\n",
            &f,
        );
        let why: Vec<_> = h.iter().map(|x| x.matched.clone().unwrap()).collect();
        assert_eq!(
            why,
            ["the context is not a duration", "the context is missing"]
        );
        assert_eq!(
            super::days("2024-12-31").unwrap() - super::days("2024-01-01").unwrap() + 1,
            366
        );
    }
}
