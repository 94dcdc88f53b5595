//! Differential fuzzing of the reader's tokenizer: on any text, its tokens — kinds, positions,
//! names, attributes, errors — must be quick-xml's (`xmltok::first_difference`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Some(d) = cydlint::read::xmltok::first_difference(&text) {
        panic!("tokenizer differs from quick-xml: {d}");
    }
});
