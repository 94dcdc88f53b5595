//! Fuzz the ixbrl reader: any bytes, read as a .htm file, must end in a filing (with issues),
//! never a panic. The whole engine runs on the result too.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let file = cydlint::source::SourceFile::from_bytes("fuzz.htm".into(), data.to_vec());
    let filing = cydlint::read::read_sources(vec![file]);
    let rules = cydlint_fuzz_rules();
    let _ = cydlint::engine::run(rules, &filing, &Default::default());
});

fn cydlint_fuzz_rules() -> &'static cydlint::rules::RuleSet {
    static RULES: std::sync::OnceLock<cydlint::rules::RuleSet> = std::sync::OnceLock::new();
    RULES.get_or_init(|| cydlint::rules::load::load(&[], false).expect("built-in rules"))
}
