//! Fuzz the ixbrl reader: any bytes, read as a .htm file, must end in a filing (with issues),
//! never a panic. The whole engine and the scorecard run on the result too.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let file = cydlint::source::SourceFile::from_bytes("fuzz.htm".into(), data.to_vec());
    let filing = cydlint::read::read_sources(vec![file]);
    let rules = cydlint_fuzz_rules();
    let outcome = cydlint::engine::run(rules, &filing, &Default::default());
    // The scorecard and its renderers run on whatever was read, too.
    let card = cydlint::scorecard::build(&filing, &outcome, None);
    let _ = cydlint::scorecard::html(std::slice::from_ref(&card));
    let _ = cydlint::scorecard::markdown(&[card]);
});

fn cydlint_fuzz_rules() -> &'static cydlint::rules::RuleSet {
    static RULES: std::sync::OnceLock<cydlint::rules::RuleSet> = std::sync::OnceLock::new();
    RULES.get_or_init(|| cydlint::rules::load::load(&[], false).expect("built-in rules"))
}
