//! One module per subcommand: each owns its command's flow, from its arguments to its output,
//! so a change to one command edits one file. `lib::run` dispatches here; what several
//! commands share lives here (reporting rule and configuration errors, the document sets of
//! the command line, write errors) and in [`configure`] (the configuration and its verdicts).

pub mod check;
pub mod claims;
pub mod configure;
pub mod explain;
pub mod facts;
pub mod plan;
pub mod rules;
pub mod scorecard;
pub mod test_rules;

use std::io::Write;
use std::path::PathBuf;

use crate::{ExitStatus, cli, discover, report};

/// Where the errors of a load are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ErrorsIn {
    /// Rule files (code `invalid-rule`).
    RuleFiles,
    /// The configuration file (code `config:invalid`).
    ConfigFile,
}

/// Writes rule errors to `err`, each once: miette's view (code, message, and the file's
/// `path:line:col` over the lines around it), or a `error[CODE]: path: message` line when
/// there is no source to show; then a count.
pub(crate) fn report_rule_errors(err: &mut dyn Write, errors: &crate::syntax::error::RuleErrors) {
    report_errors(err, errors, ErrorsIn::RuleFiles)
}

/// [`report_rule_errors`] for rule files or the configuration file.
pub(crate) fn report_errors(
    err: &mut dyn Write,
    errors: &crate::syntax::error::RuleErrors,
    origin: ErrorsIn,
) {
    let handler =
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
            .with_links(false);
    let (code, url) = match origin {
        ErrorsIn::RuleFiles => ("invalid-rule", None),
        ErrorsIn::ConfigFile => (
            "config:invalid",
            Some(crate::rules::docs_url("config:invalid")),
        ),
    };
    for e in &errors.0 {
        let mut e = e.clone();
        e.file = report::relative(std::path::Path::new(&e.file));
        let mut s = String::new();
        let drawn = !e.source.is_empty()
            && handler
                .render_report(
                    &mut s,
                    &crate::syntax::error::RuleErrorReport::new(e.clone())
                        .with_code(code, url.clone()),
                )
                .is_ok();
        if drawn {
            let _ = writeln!(err, "{s}");
        } else {
            let _ = writeln!(err, "error[{code}]: {e}");
        }
    }
    let n = errors.0.len();
    match origin {
        ErrorsIn::RuleFiles => {
            let _ = writeln!(err, "{n} error(s) in rule files");
        }
        ErrorsIn::ConfigFile => {
            let file = errors
                .0
                .first()
                .map(|e| report::relative(std::path::Path::new(&e.file)))
                .unwrap_or_default();
            let _ = writeln!(
                err,
                "{n} error(s) in the configuration file {file} (nothing was checked; --no-config ignores it)"
            );
        }
    }
}

pub(crate) fn load_rules(
    pack: &cli::PackArgs,
    err: &mut dyn Write,
) -> Option<crate::rules::RuleSet> {
    match crate::rules::load::load(&pack.rules, pack.no_builtin) {
        Ok(r) => Some(r),
        Err(e) => {
            report_rule_errors(err, &e);
            None
        }
    }
}

pub(crate) fn io_status(res: std::io::Result<()>, err: &mut dyn Write) -> Option<ExitStatus> {
    match res {
        Ok(()) => None,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Some(ExitStatus::Success),
        Err(e) => {
            let _ = writeln!(err, "error: cannot write output: {e}");
            Some(ExitStatus::Error)
        }
    }
}

/// The document sets of the command line, or None after reporting why not.
pub(crate) fn document_sets(
    paths: &[PathBuf],
    separate: bool,
    err: &mut dyn Write,
) -> Option<Vec<Vec<PathBuf>>> {
    match discover::document_sets(paths, separate) {
        Ok(s) => Some(s),
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            None
        }
    }
}
