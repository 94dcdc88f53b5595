//! Which frames a sentence may match, found from the classes it holds rather than by asking
//! every frame of every topic.
//!
//! A frame matches only where every one of its slots' classes has a word in the sentence, and
//! the analyser asks that of each frame before it tries one (`Sent::mentions`). Asked of
//! every frame (775 in the built-in lexicon, about four slots each) for every sentence, the
//! question alone cost more than the frames it let through. Here each frame is filed under
//! one of its slots' classes, its **key**: the class that the fewest frames share (a class
//! every topic names, the registrant, "cybersecurity", says little; one only this frame and
//! a few others name says much). A sentence's candidate frames are those whose key it holds;
//! the analyser still asks the whole question of each of them, so the frames it tries are
//! exactly those it tried before, in the same order.

/// A class's number (`claims::lexicon::ClassId`; the module reads no lexicon, which holds
/// its index).
type ClassId = usize;

/// Every frame of a lexicon filed under its key class (made once per lexicon, with the
/// analyser's other look-ups: `Known`).
#[derive(Clone, Debug, Default)]
pub(crate) struct FrameKeys {
    /// Each topic's frames' first number in the numbering of every frame (topic by topic,
    /// frame by frame), and one past the last frame.
    first: Vec<usize>,
    /// The key classes, each once, ascending, with the numbers of the frames filed under
    /// each (`frames[a..b]`, ascending).
    keys: Vec<(ClassId, u32, u32)>,
    /// The frames by key, as `keys` places them.
    frames: Vec<u32>,
    /// The frames with no slot (a frame of none matches whatever the sentence holds): always
    /// candidates.
    always: Vec<u32>,
}

impl FrameKeys {
    /// The frames of a lexicon of `n` classes filed under their keys: `topics` gives, topic by
    /// topic and frame by frame, each frame's slots' classes (read twice).
    pub(crate) fn of<T, F, S>(n: usize, topics: T) -> FrameKeys
    where
        T: IntoIterator<Item = F> + Clone,
        F: IntoIterator<Item = S>,
        S: IntoIterator<Item = ClassId>,
    {
        // How many frames name each class (once per frame, however many of its slots do: a
        // class is counted for frame `g` when its stamp is not `g + 1` yet).
        let mut shared = vec![0u32; n];
        let mut stamp = vec![0u32; n];
        let mut first = Vec::new();
        let mut g = 0u32;
        for topic in topics.clone() {
            first.push(g as usize);
            for frame in topic {
                g += 1;
                for c in frame {
                    if let Some(t) = stamp.get_mut(c)
                        && *t != g
                    {
                        *t = g;
                        shared[c] += 1;
                    }
                }
            }
        }
        first.push(g as usize);
        // Each frame's key: the class fewest frames name; of those, the first slot's.
        let mut key_of: Vec<Option<ClassId>> = Vec::with_capacity(g as usize);
        for topic in topics {
            for frame in topic {
                key_of.push(
                    frame
                        .into_iter()
                        .min_by_key(|&c| shared.get(c).copied().unwrap_or(0)),
                );
            }
        }
        // The frames by key, ascending within each (a counting sort by class). A frame
        // whose key is past the lexicon's classes (a damaged lexicon only) is filed under
        // none: a class the sentence cannot hold, so its frame cannot match.
        let mut count = vec![0u32; n];
        let mut always = Vec::new();
        for (g, key) in key_of.iter().enumerate() {
            match *key {
                Some(c) => {
                    if let Some(k) = count.get_mut(c) {
                        *k += 1;
                    }
                }
                None => always.push(g as u32),
            }
        }
        let mut keys: Vec<(ClassId, u32, u32)> = Vec::new();
        let mut next = vec![0u32; n];
        let mut at = 0u32;
        for (c, &k) in count.iter().enumerate() {
            next[c] = at;
            if k > 0 {
                keys.push((c, at, at + k));
            }
            at += k;
        }
        let mut frames = vec![0u32; at as usize];
        for (g, key) in key_of.iter().enumerate() {
            if let Some(slot) = key.and_then(|c| next.get_mut(c)) {
                frames[*slot as usize] = g as u32;
                *slot += 1;
            }
        }
        FrameKeys {
            first,
            keys,
            frames,
            always,
        }
    }

    /// The frames whose key class `present` holds (by class, as `Hits::present`), and those
    /// with no slot.
    pub(crate) fn candidates(&self, present: &[bool]) -> Candidates<'_> {
        let total = self.first.last().copied().unwrap_or(0);
        let mut bits = vec![0u64; total.div_ceil(64)];
        let mut set = |g: u32| {
            if let Some(w) = bits.get_mut(g as usize / 64) {
                *w |= 1 << (g % 64);
            }
        };
        for &(c, a, b) in &self.keys {
            if present.get(c).copied().unwrap_or(false) {
                for &g in self.frames.get(a as usize..b as usize).unwrap_or(&[]) {
                    set(g);
                }
            }
        }
        for &g in &self.always {
            set(g);
        }
        Candidates { keys: self, bits }
    }
}

/// A sentence's candidate frames ([`FrameKeys::candidates`]).
pub(crate) struct Candidates<'a> {
    keys: &'a FrameKeys,
    /// Bit `g` set: frame `g` (in the numbering of every frame) is a candidate.
    bits: Vec<u64>,
}

impl Candidates<'_> {
    /// Whether topic `topic` has a candidate frame.
    pub(crate) fn any_of(&self, topic: usize) -> bool {
        self.of(topic).next().is_some()
    }

    /// The indices, within topic `topic`, of its candidate frames, ascending.
    pub(crate) fn of(&self, topic: usize) -> impl Iterator<Item = usize> + '_ {
        let a = self.keys.first.get(topic).copied().unwrap_or(0);
        let b = self.keys.first.get(topic + 1).copied().unwrap_or(a);
        let mut g = a;
        std::iter::from_fn(move || {
            while g < b {
                let word = self.bits.get(g / 64).copied().unwrap_or(0) >> (g % 64);
                if word == 0 {
                    // Nothing more in this word: the next word's first bit.
                    g = (g / 64 + 1) * 64;
                    continue;
                }
                g += word.trailing_zeros() as usize;
                if g >= b {
                    break;
                }
                let found = g - a;
                g += 1;
                return Some(found);
            }
            None
        })
    }
}
