//! Fuzz the rule loader: any text as a rule file must end in a rule or in errors with spans,
//! never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(src) = std::str::from_utf8(data) {
        let mut errors = Vec::new();
        let _ = cydlint::rules::load::load_one(std::path::Path::new("FUZZ.yaml"), "FUZZ.yaml", src, false, &cydlint::claims::builtin_arc(), &mut errors);
        for e in &errors {
            let _ = e.line_col();
        }
    }
});
