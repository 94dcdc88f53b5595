//! Fuzz the ixbrl reader: any bytes, read as a .htm file, must end in a filing (with issues),
//! never a panic. The whole engine and the scorecard run on the result too.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| cydlint_fuzz::read_check_and_score("fuzz.htm", data));
