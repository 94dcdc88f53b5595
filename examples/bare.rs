//! The floor of the benchmark's whole-process rows (`examples/bench.rs`): a separate, small
//! binary that reads each file named on its command line and pulls every quick-xml event out
//! of it — no allocation per event, nothing kept — exactly as the bench's in-process `bare`
//! mode does. Timed from outside beside `cydlint`, it is what any program that reads these
//! files as XML must pay: process start-up, reading the bytes, UTF-8 validation, tokenizing.
//!
//! ```sh
//! cargo run --release --example bare -- FILE...
//! ```

fn main() {
    let mut events = 0u64;
    for p in std::env::args_os().skip(1) {
        let Ok(bytes) = std::fs::read(&p) else {
            eprintln!("bare: cannot read {}", p.to_string_lossy());
            std::process::exit(2);
        };
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        let mut r = quick_xml::Reader::from_str(text);
        loop {
            match r.read_event() {
                Ok(quick_xml::events::Event::Eof) | Err(_) => break,
                Ok(_) => events += 1,
            }
        }
    }
    std::hint::black_box(events);
}
