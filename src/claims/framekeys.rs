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

use super::lexicon::{ClassId, Lexicon};

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
    /// The lexicon's frames filed under their keys.
    pub(crate) fn of(lex: &Lexicon) -> FrameKeys {
        let n = lex.classes.len();
        // How many frames name each class (once per frame, however many of its slots do: a
        // class is counted for frame `g` when its stamp is not `g + 1` yet).
        let mut shared = vec![0u32; n];
        let mut stamp = vec![0u32; n];
        let mut first = Vec::with_capacity(lex.topics.len() + 1);
        let mut g = 0u32;
        for topic in &lex.topics {
            first.push(g as usize);
            for frame in &topic.frames {
                g += 1;
                for s in &frame.slots {
                    if let Some(t) = stamp.get_mut(s.class)
                        && *t != g
                    {
                        *t = g;
                        shared[s.class] += 1;
                    }
                }
            }
        }
        first.push(g as usize);
        // Each frame's key: the class fewest frames name; of those, the first slot's.
        let mut key_of: Vec<Option<ClassId>> = Vec::with_capacity(g as usize);
        for topic in &lex.topics {
            for frame in &topic.frames {
                key_of.push(
                    frame
                        .slots
                        .iter()
                        .map(|s| s.class)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The context flags the analyser's context pass reads (`Known::with_context`) are, class
    /// by class, whether the class has a `not-after` or `not-before` list: in the built-in
    /// lexicon (which has classes of both kinds) and in one a user's file extends with
    /// contexts of its own.
    #[test]
    fn the_context_flags_are_the_classes_contexts() {
        let user = "classes:\n  guard: {words: [guard]}\n  \
                    watch: {words: [watch], not-after: [guard]}\n  \
                    keep: {words: [keep], not-before: [guard, watch]}\n";
        let mut files: Vec<(String, String)> = crate::claims::BUILTIN_LEXICON
            .iter()
            .map(|(p, s)| (p.to_string(), s.to_string()))
            .collect();
        files.push(("user.yaml".into(), user.into()));
        let extended = crate::claims::compile(&files).expect("the extended lexicon");
        for lex in [crate::claims::builtin(), &extended] {
            let flags = &lex.known().with_context;
            assert_eq!(flags.len(), lex.classes.len());
            for (c, class) in lex.classes.iter().enumerate() {
                assert_eq!(
                    flags[c],
                    !class.not_after.is_empty() || !class.not_before.is_empty(),
                    "{}",
                    class.name
                );
            }
            assert!(flags.iter().any(|&f| f) && flags.iter().any(|&f| !f));
        }
        for name in ["watch", "keep"] {
            assert!(extended.known().with_context[extended.class(name).unwrap()]);
        }
        assert!(!extended.known().with_context[extended.class("guard").unwrap()]);
    }

    /// The candidates of a topic are, in order, a superset of the frames whose slots' classes
    /// are all present — the frames the analyser tries — on random sets of classes present,
    /// with the built-in lexicon and with small generated ones (frames with no slot, one
    /// slot, a class repeated in a frame, topics with no frame).
    #[test]
    fn the_candidates_hold_every_frame_whose_classes_are_present() {
        let mut next = crate::testing::test_rng(0x5eed_f7a3);
        let check = |lex: &Lexicon, present: &[bool]| {
            let fk = FrameKeys::of(lex);
            let cands = fk.candidates(present);
            for (ti, topic) in lex.topics.iter().enumerate() {
                let got: Vec<usize> = cands.of(ti).collect();
                assert!(got.windows(2).all(|w| w[0] < w[1]), "ascending");
                assert!(got.iter().all(|&fi| fi < topic.frames.len()));
                let want: Vec<usize> = topic
                    .frames
                    .iter()
                    .enumerate()
                    .filter(|(_, f)| {
                        f.slots
                            .iter()
                            .all(|s| present.get(s.class).copied().unwrap_or(false))
                    })
                    .map(|(fi, _)| fi)
                    .collect();
                for fi in &want {
                    assert!(got.contains(fi), "topic {ti} frame {fi} left out");
                }
                // A candidate's key is present: exactly those frames whose key is.
                assert_eq!(cands.any_of(ti), !got.is_empty());
            }
        };
        let lex = crate::claims::builtin();
        let n = lex.classes.len();
        for round in 0..400 {
            // From nearly none present to nearly all.
            let p = (round % 20) * 5 + 1;
            let present: Vec<bool> = (0..n).map(|_| next(100) < p).collect();
            check(lex, &present);
        }
        // Every class present: every frame a candidate.
        let all = vec![true; n];
        let fk = FrameKeys::of(lex);
        let cands = fk.candidates(&all);
        for (ti, topic) in lex.topics.iter().enumerate() {
            assert_eq!(
                cands.of(ti).collect::<Vec<_>>(),
                (0..topic.frames.len()).collect::<Vec<_>>()
            );
        }
        // A present shorter than the classes (a class past it is absent), and empty.
        check(lex, &[]);
        check(lex, &all[..n / 2]);
        // Generated topics over a few classes (and a class past the lexicon's): frames with
        // no slot, one slot, a class repeated in a frame, topics with no frame.
        use super::super::lexicon::{Frame, Slot};
        let mut gen_lex = lex.clone();
        for _ in 0..300 {
            let classes = next(10) + 1;
            gen_lex.topics.clear();
            for _ in 0..next(6) {
                let mut topic = lex.topics[0].clone();
                topic.frames.clear();
                for _ in 0..next(80) {
                    let slots = (0..next(5))
                        .map(|_| Slot {
                            class: match next(classes + 1) {
                                c if c == classes => n + 7,
                                c => c,
                            },
                            gap: 0,
                        })
                        .collect();
                    topic.frames.push(Frame {
                        slots,
                        anchor: 0,
                        source: String::new(),
                        negative: false,
                        only: None,
                        presupposed: false,
                    });
                }
                gen_lex.topics.push(topic);
            }
            for _ in 0..10 {
                let present: Vec<bool> = (0..n).map(|c| c < classes && next(2) == 0).collect();
                check(&gen_lex, &present);
            }
        }
    }
}
