//! `--format concise`: one line per finding, for `grep` and editors' quickfix lists.

use std::io::{self, Write};

use super::facts::Location;
use super::{Report, Reporter, summary_line};

/// The renderer.
pub struct Concise;

impl Reporter for Concise {
    fn write(&self, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
        for c in &report.checked {
            for f in &c.outcome.findings {
                let l = Location::of(c.filing, f.span);
                writeln!(
                    out,
                    "{}:{}:{}: {}[{}]: {}",
                    l.file,
                    l.line,
                    l.column,
                    f.severity.as_str(),
                    f.rule,
                    f.message
                )?;
                for lab in &f.labels {
                    let ll = Location::of(c.filing, lab.span);
                    writeln!(
                        out,
                        "  --> {}:{}:{}: {}",
                        ll.file, ll.line, ll.column, lab.message
                    )?;
                }
                if let Some(h) = &f.help {
                    writeln!(out, "  = help: {h}")?;
                }
            }
            if report.verbose {
                for line in super::skipped_lines(c) {
                    writeln!(out, "{line}")?;
                }
            }
        }
        for u in &report.unused_suppressions {
            writeln!(out, "unused suppression: {u}")?;
        }
        writeln!(out, "{}", summary_line(report))
    }
}
