//! The byte search that markup reading is made of, beneath both the tokenizer
//! ([`super::xmltok`]) and entity decoding ([`super::html`]): the next of one to three bytes,
//! a word at a time for short runs and memchr for long ones. It sits below both so that
//! neither imports the other for it.

/// The first byte of `hay` that is one of `set`. Markup is made of short runs (a name, a
/// value, a number between tags), where setting up a vector search costs more than the
/// search: the first 32 bytes are read eight at a time in a plain register, the rest by
/// memchr.
#[inline]
pub(crate) fn find<const N: usize>(set: [u8; N], hay: &[u8]) -> Option<usize> {
    const { assert!(N >= 1 && N <= 3, "one to three bytes") };
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let short = hay.len().min(32);
    let mut i = 0;
    while i + 8 <= short {
        let w = u64::from_le_bytes([
            hay[i],
            hay[i + 1],
            hay[i + 2],
            hay[i + 3],
            hay[i + 4],
            hay[i + 5],
            hay[i + 6],
            hay[i + 7],
        ]);
        let mut hit = 0u64;
        for c in set {
            // A zero byte of `x` is a byte equal to `c`; the lowest flagged byte is exact
            // (a borrow only flags bytes above a true zero).
            let x = w ^ (LO * u64::from(c));
            hit |= x.wrapping_sub(LO) & !x & HI;
        }
        if hit != 0 {
            return Some(i + (hit.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    while i < short {
        if set.contains(&hay[i]) {
            return Some(i);
        }
        i += 1;
    }
    let rest = &hay[i..];
    let found = match N {
        1 => memchr::memchr(set[0], rest),
        2 => memchr::memchr2(set[0], set[1], rest),
        _ => memchr::memchr3(set[0], set[1 % N], set[2 % N], rest),
    };
    found.map(|k| i + k)
}
