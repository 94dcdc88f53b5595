//! What every reader target does with its input: read the bytes as a file of the given name
//! (the extension picks the reader), run the built-in pack on the filing, build the scorecard
//! and render it. Any panic on the way is a finding for libFuzzer.

use std::sync::OnceLock;

use cydlint::rules::RuleSet;

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| cydlint::rules::load::load(&[], false).expect("built-in rules"))
}

/// Reads `data` as `name`, checks it and renders its scorecard. It is also read as `check`
/// reads it (only the facts the rules can select, `read::Keep`): the issues, the text layer
/// and the findings must be the same.
pub fn read_check_and_score(name: &str, data: &[u8]) {
    let source = || cydlint::source::SourceFile::from_bytes(name.into(), data.to_vec());
    let filing = cydlint::read::read_sources(vec![source()]);
    let outcome = cydlint::engine::run(rules(), &filing, &Default::default());
    let kept = cydlint::read::read_sources_keeping(vec![source()], &rules().keep());
    let kept_outcome = cydlint::engine::run(rules(), &kept, &Default::default());
    assert_eq!(format!("{:?}", filing.issues), format!("{:?}", kept.issues));
    assert_eq!(format!("{:?}", filing.text), format!("{:?}", kept.text));
    assert_eq!(
        format!("{:?}", outcome.findings),
        format!("{:?}", kept_outcome.findings)
    );
    let card = cydlint::scorecard::build(&filing, &outcome, None);
    let _ = cydlint::scorecard::html(std::slice::from_ref(&card));
    let _ = cydlint::scorecard::markdown(&[card]);
}
