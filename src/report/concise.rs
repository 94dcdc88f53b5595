//! `--format concise`: exactly one line per finding, for `grep` and editors' quickfix lists
//! (labels and help are in the human, JSON and SARIF formats); then, with `-v`, a line per
//! reason rules were skipped, a line per unused suppression, and the summary line.

use std::io::{self, Write};

use super::facts::Location;
use super::{Checked, Part, Report, Reporter, Style, summary_line};

/// The renderer.
pub struct Concise;

/// A finding's line: `path:line:col: severity[RULE]: message`.
pub fn line(filing: &crate::filing::Filing, f: &crate::diagnostic::Finding) -> String {
    let l = Location::of(filing, f.span);
    format!(
        "{}:{}:{}: {}[{}]: {}",
        l.file,
        l.line,
        l.column,
        f.severity.as_str(),
        f.rule,
        f.message
    )
}

impl Reporter for Concise {
    fn part(&self, c: &Checked<'_>, style: Style) -> Part {
        use std::fmt::Write as _;
        let mut out = String::new();
        for f in &c.outcome.findings {
            // One line each: related locations and help are in the human, JSON and SARIF
            // formats.
            let _ = writeln!(out, "{}", line(c.filing, f));
        }
        if style.verbose {
            for line in super::skipped_lines(c) {
                let _ = writeln!(out, "{line}");
            }
        }
        Part::Text(out)
    }

    fn write(&self, report: &Report<'_>, parts: &[&Part], out: &mut dyn Write) -> io::Result<()> {
        super::write_text(parts, out)?;
        for u in &report.unused_suppressions {
            writeln!(out, "{}", u.text())?;
        }
        for u in &report.stale_baseline {
            writeln!(out, "stale baseline entry: {u}")?;
        }
        writeln!(out, "{}", summary_line(report))
    }
}
