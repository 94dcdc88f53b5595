//! The unit tests' generated inputs: a seeded random number generator and strings drawn from
//! pieces, so that a fast path can be compared with the one it stands for on many inputs and a
//! failure reproduces. Compiled for tests only.

/// A seeded xorshift for the unit tests' generated inputs: `next(n)` is below `n`, and a
/// failure reproduces.
pub(crate) fn test_rng(mut seed: u64) -> impl FnMut(usize) -> usize {
    move |n| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    }
}

/// Fewer than `most` pieces drawn from `pieces` by `next` (a [`test_rng`]), joined: the
/// generated inputs of the unit tests that compare a fast path with the one it stands for.
pub(crate) fn test_string(
    next: &mut impl FnMut(usize) -> usize,
    pieces: &[&str],
    most: usize,
) -> String {
    let n = next(most);
    (0..n).map(|_| pieces[next(pieces.len())]).collect()
}
