//! The claim layer on any text: never a panic, and every claim's evidence and cue are
//! ranges of the sentence on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let lex = cydlint::claims::builtin();
    for c in lex.analyse(&text, None) {
        assert!(text.get(c.evidence.clone()).is_some(), "evidence {:?}", c.evidence);
        if let Some(cue) = &c.cue {
            assert!(text.get(cue.clone()).is_some(), "cue {cue:?}");
        }
    }
});
