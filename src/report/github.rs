//! `--format github`: GitHub Actions workflow commands, one annotation per finding.
//!
//! Errors first, then warnings, then notices (info), since GitHub shows a limited number of
//! annotations per step; a closing notice gives the totals. Data and properties are escaped as
//! the runner requires (`%` `\r` `\n`, and in properties also `:` and `,`).

use std::io::{self, Write};

use super::facts::Location;
use super::{Checked, Part, Report, Reporter, Style};
use crate::diagnostic::Severity;

/// The renderer.
pub struct Github;

/// Escapes a message (the data after `::`).
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

impl Reporter for Github {
    fn part(&self, c: &Checked<'_>, _style: Style) -> Part {
        let mut lines = Vec::new();
        for f in &c.outcome.findings {
            let sev = f.severity;
            let l = Location::of(c.filing, f.span);
            let end = Location::of(
                c.filing,
                crate::source::Span::new(f.span.file, f.span.end, f.span.end),
            );
            let cmd = match sev {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let mut props = format!(
                "file={},line={},col={}",
                escape_property(&l.file),
                l.line,
                l.column
            );
            if end.line == l.line {
                props.push_str(&format!(
                    ",endLine={},endColumn={}",
                    end.line,
                    end.column.max(l.column)
                ));
            }
            props.push_str(&format!(
                ",title={}",
                escape_property(&format!("{} ({})", f.rule, f.name))
            ));
            let mut msg = f.message.clone();
            if let Some(h) = &f.help {
                msg.push_str(&format!("\nhelp: {h}"));
            }
            if let Some(u) = &f.docs_url {
                msg.push_str(&format!("\ndocs: {u}"));
            }
            lines.push((sev, format!("::{cmd} {props}::{}", escape_data(&msg))));
        }
        Part::BySeverity(lines)
    }

    fn write(&self, report: &Report<'_>, parts: &[&Part], out: &mut dyn Write) -> io::Result<()> {
        for sev in [Severity::Error, Severity::Warning, Severity::Info] {
            for p in parts {
                if let Part::BySeverity(lines) = p {
                    for (_, line) in lines.iter().filter(|(s, _)| *s == sev) {
                        writeln!(out, "{line}")?;
                    }
                }
            }
        }
        let s = report.summary;
        writeln!(
            out,
            "::notice title=cydlint::{}",
            escape_data(&format!(
                "{} finding(s) in {} file(s): {} error(s), {} warning(s), {} info",
                s.findings, s.files, s.errors, s.warnings, s.infos
            ))
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(escape_data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
