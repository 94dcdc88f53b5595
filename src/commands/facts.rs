//! `cydlint facts`: every fact of each document set, with its spans, as JSON or a table (see
//! [`crate::report::facts`]). Read and rendered in parallel, printed in order.

use std::io::Write;
use std::path::PathBuf;

use super::{document_sets, io_status};
use crate::cli::{FactsArgs, FactsFormat};
use crate::{ExitStatus, read, report};

/// Runs `cydlint facts`.
pub fn run(a: FactsArgs, out: &mut dyn Write, err: &mut dyn Write) -> ExitStatus {
    let Some(sets) = document_sets(&a.paths, a.separate, err) else {
        return ExitStatus::Error;
    };
    // Read and render in parallel, each filing dropped once rendered, and print in
    // order. A filing's facts as JSON are larger than the filing: they are written a
    // few filings at a time (one per thread), not gathered for the whole run; a lone
    // filing is written straight out.
    let limits = a.read.limits();
    let render = |s: &Vec<PathBuf>, to: &mut dyn Write| {
        let filing = read::read_set_with(s, &limits);
        match a.format {
            FactsFormat::Json => report::facts::write_json(to, &filing, a.cyd_only),
            FactsFormat::Table => report::facts::write_table(to, &filing, a.cyd_only),
        }
    };
    if let [one] = &sets[..] {
        return io_status(render(one, out), err).unwrap_or(ExitStatus::Success);
    }
    for chunk in sets.chunks(rayon::current_num_threads().max(1)) {
        use rayon::prelude::*;
        let rendered: Vec<std::io::Result<Vec<u8>>> = chunk
            .par_iter()
            .map(|s| {
                let mut buf = Vec::new();
                render(s, &mut buf).map(|_| buf)
            })
            .collect();
        for r in rendered {
            if let Some(s) = io_status(r.and_then(|b| out.write_all(&b)), err) {
                return s;
            }
        }
    }
    ExitStatus::Success
}
