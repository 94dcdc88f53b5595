//! The table the analyser finds a lexicon's words in: every form of every entry by its first
//! word (the class and the words after it), the prefix entries (`certif*`) by the first byte
//! of their prefix, and which first words are forms of a verb.
//!
//! Why a module of its own, with nothing but `std`: `build.rs` includes it as it is and makes
//! the built-in lexicon's table at build time, so a run that analyses a sentence with the
//! built-in lexicon builds nothing — it borrows the table from the binary (building it took
//! 8 M instructions, about as much as the rest of start-up). A user's lexicon builds its own
//! with the same [`Builder`] at run time. The table is flat — numbers and ranges into one
//! text, no pointers (a table of `&str`s is a relocation per pointer at every start) — and
//! its first words are found by an open-addressed hash with a fixed function ([`hash`]), the
//! same at build time and at run time.

use std::borrow::Cow;

/// A range of [`Table::text`] (a word), or of another of the table's lists.
pub type Span = (u32, u32);

/// A form by its first word: (class, the words after the first, a range of
/// [`Table::words`]).
pub type Entry = (u32, u32, u32);

/// A prefix form: (the prefix, a range of [`Table::text`]; class; the words after it, a range
/// of [`Table::words`]).
pub type Prefixed = (u32, u32, u32, u32, u32);

/// A first word: its text (a range of [`Table::text`]), its entries (a range of
/// [`Table::entries`]), and whether it is a form of the first word of a `verbs:` entry.
pub type Head = (u32, u32, u32, u32, bool);

/// A lexicon's words (see the module's documentation). Every read is checked: a damaged
/// table finds fewer words, it never panics.
#[derive(Clone, Debug, Default)]
pub struct Table {
    /// The words, one after another.
    pub text: Cow<'static, str>,
    /// The words after the first of each entry's forms: ranges of `text`, each form's in a
    /// run.
    pub words: Cow<'static, [Span]>,
    /// The first words.
    pub heads: Cow<'static, [Head]>,
    /// The forms by first word, each first word's in a run, in the order they were added:
    /// (class, range of `words`).
    pub entries: Cow<'static, [Entry]>,
    /// For each first word of `heads` (same index), a range of `groups`: its forms by the key
    /// of their second word (`0` when a form has none, `1` when that word is a prefix,
    /// `word*`, else [`second_key`] of the word; [`keys_of`]). The first group of the range (key `0`) lists the forms that are
    /// always kept (no second word, or a prefix); each next one, in increasing order of key,
    /// the forms kept for a next word of that key — those always kept and those whose second
    /// word has the key, in their order under the first word. The analyser takes one group
    /// by its key ([`Table::first_before`]) and reads no form it would refuse.
    pub head_groups: Cow<'static, [Span]>,
    /// See `head_groups`: (key, a range of `lists`).
    pub groups: Cow<'static, [(u32, u32, u32)]>,
    /// See `head_groups`: indices of `entries`.
    pub lists: Cow<'static, [u32]>,
    /// The hash table of `heads`: 1 + an index of `heads`, 0 for an empty slot; its length a
    /// power of two, at most half full.
    pub slots: Cow<'static, [u32]>,
    /// The prefix forms, in the order they were added: (the prefix, a range of `text`; class;
    /// the words after it, a range of `words`).
    pub prefixed: Cow<'static, [Prefixed]>,
    /// For each first byte, a range of `by_byte_list`: the prefix forms (indices of
    /// `prefixed`, in order) whose prefix a word starting with that byte may start with; and
    /// last (257th), every prefix form, for an empty word.
    pub by_byte: Cow<'static, [Span]>,
    /// See `by_byte`.
    pub by_byte_list: Cow<'static, [u32]>,
    /// A filter of the first words two tokens may spell together ("cyber" "security"): for
    /// every first word and every place it may be cut in two, the bit [`join_bit`] of its two
    /// parts is set. The analyser looks a pair of words up as one ([`Table::may_join`]) only
    /// when their bit is set: a pair whose bit is clear spells no first word. Empty (as a
    /// damaged table's may be): every pair is looked up.
    pub joins: Cow<'static, [u64]>,
}

/// The bits of [`Table::joins`]: 2 to this power (16 KiB).
const JOIN_BITS: u32 = 17;

/// The bit of [`Table::joins`] for the first word `a` and `b` spell together, cut after `a`:
/// mixed from both parts' lengths and their first and last bytes (the same in `build.rs` and
/// at run time).
#[inline]
pub fn join_bit(a: &[u8], b: &[u8]) -> usize {
    let byte = |w: &[u8], i: usize| u64::from(w.get(i).copied().unwrap_or(0));
    let x = byte(a, 0)
        | byte(a, a.len().wrapping_sub(1)) << 8
        | byte(b, 0) << 16
        | byte(b, b.len().wrapping_sub(1)) << 24
        | (a.len() as u64 & 0xff) << 32
        | (b.len() as u64 & 0xff) << 40;
    (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - JOIN_BITS)) as usize
}

/// The hash of a first word: the same in `build.rs` and at run time (the table stores slots
/// by it). A short word (nearly all) in two overlapping loads, a longer one eight bytes at a
/// time, each mixed by a folded 128-bit product (as foldhash does), so every bit of the word
/// reaches the low bits that pick a slot.
pub fn hash(word: &[u8]) -> u64 {
    const K1: u64 = 0x9E37_79B9_7F4A_7C15;
    const K2: u64 = 0xC2B2_AE3D_27D4_EB4F;
    let fold = |a: u64, b: u64| {
        let p = u128::from(a) * u128::from(b);
        (p as u64) ^ ((p >> 64) as u64)
    };
    let n = word.len();
    let u32_at = |i: usize| {
        let mut b = [0u8; 4];
        b.copy_from_slice(&word[i..i + 4]);
        u64::from(u32::from_le_bytes(b))
    };
    let u64_at = |i: usize| {
        let mut b = [0u8; 8];
        b.copy_from_slice(&word[i..i + 8]);
        u64::from_le_bytes(b)
    };
    let (mut h, lo, hi) = match n {
        0 => (0, 0, 0),
        1..=3 => (
            0,
            u64::from(word[0]) | u64::from(word[n / 2]) << 8 | u64::from(word[n - 1]) << 16,
            0,
        ),
        4..=8 => (0, u32_at(0), u32_at(n - 4)),
        _ => {
            let mut h = 0;
            let mut i = 0;
            while i + 8 < n {
                h = fold(h ^ u64_at(i), K1);
                i += 8;
            }
            (h, u64_at(n - 8), 0)
        }
    };
    h = fold(h ^ lo ^ K1, hi ^ (n as u64) ^ K2);
    h
}

/// The key of a word a form's second word is compared with ([`Table::head_groups`]): its
/// [`hash`]'s low bits with bit 1 set, so never `0` or `1`. Two words with the same key may
/// differ (the words are then compared); two with different keys never are the same word.
#[inline]
pub fn second_key(word: &[u8]) -> u32 {
    (hash(word) as u32) | 2
}

/// The keys of every form's second word ([`Table::head_groups`]), in the forms' order.
fn keys_of(text: &str, words: &[Span], entries: &[Entry]) -> Vec<u32> {
    entries
        .iter()
        .map(|&(_, a, b)| key_of_rest(text, words.get(a as usize..b as usize).unwrap_or(&[])))
        .collect()
}

/// The groups of the forms under each first word by their second word's key
/// ([`Table::head_groups`], [`Table::groups`], [`Table::lists`]), made from `heads`' ranges
/// of the forms and their keys (`seconds`).
#[allow(clippy::type_complexity)]
fn groups_of(heads: &[Head], seconds: &[u32]) -> (Vec<Span>, Vec<(u32, u32, u32)>, Vec<u32>) {
    let (mut head_groups, mut groups, mut lists) = (Vec::new(), Vec::new(), Vec::new());
    for &(_, _, e, f, _) in heads {
        let g = groups.len() as u32;
        let range = e as usize..f as usize;
        let key = |k: usize| seconds.get(k).copied().unwrap_or(0);
        let a = lists.len() as u32;
        lists.extend(range.clone().filter(|&k| key(k) < 2).map(|k| k as u32));
        groups.push((0, a, lists.len() as u32));
        let mut keys: Vec<u32> = range.clone().map(key).filter(|&k| k >= 2).collect();
        keys.sort_unstable();
        keys.dedup();
        for next in keys {
            let a = lists.len() as u32;
            lists.extend(
                range
                    .clone()
                    .filter(|&k| key(k) < 2 || key(k) == next)
                    .map(|k| k as u32),
            );
            groups.push((next, a, lists.len() as u32));
        }
        head_groups.push((g, groups.len() as u32));
    }
    (head_groups, groups, lists)
}

/// The key of a form's words after its first (see [`Table::head_groups`]).
fn key_of_rest(text: &str, words: &[Span]) -> u32 {
    let Some(&(a, b)) = words.first() else {
        return 0;
    };
    let w = text.as_bytes().get(a as usize..b as usize).unwrap_or(&[]);
    match w.split_last() {
        Some((b'*', prefix)) if !prefix.is_empty() => 1,
        _ => second_key(w),
    }
}

/// The words of one form after its first: borrowed from a [`Table`].
#[derive(Clone, Copy, Debug)]
pub struct Rest<'a> {
    text: &'a str,
    words: &'a [Span],
}

impl<'a> Rest<'a> {
    /// Whether there are no words.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The words' bytes, in order.
    #[inline]
    pub fn bytes(&self) -> impl Iterator<Item = &'a [u8]> + 'a {
        let text = self.text.as_bytes();
        self.words
            .iter()
            .map(move |&(a, b)| text.get(a as usize..b as usize).unwrap_or(&[]))
    }

    /// The first word's bytes and the words after it; `None` when there are no words.
    #[inline]
    pub fn split_first(&self) -> Option<(&'a [u8], Rest<'a>)> {
        let (&(a, b), words) = self.words.split_first()?;
        let first = self
            .text
            .as_bytes()
            .get(a as usize..b as usize)
            .unwrap_or(&[]);
        Some((
            first,
            Rest {
                text: self.text,
                words,
            },
        ))
    }

    /// The words, in order.
    #[cfg(test)]
    pub fn iter(&self) -> impl Iterator<Item = &'a str> + 'a {
        let text = self.text;
        self.words
            .iter()
            .map(move |&(a, b)| text.get(a as usize..b as usize).unwrap_or(""))
    }
}

impl Table {
    fn rest(&self, a: u32, b: u32) -> Rest<'_> {
        Rest {
            text: &self.text,
            words: self.words.get(a as usize..b as usize).unwrap_or(&[]),
        }
    }

    /// The first word `word`.
    #[inline]
    fn head(&self, word: &str) -> Option<&Head> {
        self.heads.get(self.head_at(word)?)
    }

    /// The index in `heads` of the first word `word`.
    #[inline]
    fn head_at(&self, word: &str) -> Option<usize> {
        let mask = self.slots.len().checked_sub(1)?;
        let mut at = hash(word.as_bytes()) as usize & mask;
        // At most half full: an empty slot ends every search (and a damaged table's search
        // ends after one round).
        for _ in 0..self.slots.len() {
            let slot = *self.slots.get(at)?;
            let i = slot.checked_sub(1)? as usize;
            let head = self.heads.get(i)?;
            if (head.1.wrapping_sub(head.0)) as usize == word.len()
                && self.text.as_bytes().get(head.0 as usize..head.1 as usize)
                    == Some(word.as_bytes())
            {
                return Some(i);
            }
            at = (at + 1) & mask;
        }
        None
    }

    /// The forms whose first word is `word`: (class, the words after it), in the order
    /// added (the analyser asks [`Table::first_before`]).
    #[cfg(test)]
    pub fn first(&self, word: &str) -> impl Iterator<Item = (u32, Rest<'_>)> + '_ {
        let list = match self.head(word) {
            Some(&(_, _, e, f, _)) => self.entries.get(e as usize..f as usize).unwrap_or(&[]),
            None => &[],
        };
        list.iter().map(|&(c, a, b)| (c, self.rest(a, b)))
    }

    /// The forms whose first word is `word` and whose second word may be the word of key
    /// `next()` ([`second_key`]; `0` for no word; asked only when `word` has forms):
    /// [`Table::first`] without the forms whose second word is certainly another (those with
    /// no second word, or a prefix, are kept). Read from the first word's group for the key
    /// ([`Table::head_groups`]): a damaged table finds fewer forms.
    #[inline]
    pub fn first_before(
        &self,
        word: &str,
        next: impl FnOnce() -> u32,
    ) -> impl Iterator<Item = (u32, Rest<'_>)> + '_ {
        let list = match self.head_at(word) {
            Some(h) => self.group(h, next()),
            None => &[],
        };
        list.iter()
            .filter_map(|&k| self.entries.get(k as usize))
            .map(|&(c, a, b)| (c, self.rest(a, b)))
    }

    /// The forms (indices of `entries`) of first word `h` kept for a next word of key `next`:
    /// the group of that key, or the forms always kept when no form has it as its second
    /// word's.
    #[inline]
    fn group(&self, h: usize, next: u32) -> &[u32] {
        let Some(&(g, z)) = self.head_groups.get(h) else {
            return &[];
        };
        let Some(groups) = self.groups.get(g as usize..z as usize) else {
            return &[];
        };
        let Some((always, keyed)) = groups.split_first() else {
            return &[];
        };
        let (_, a, b) = match keyed.binary_search_by_key(&next, |g| g.0) {
            Ok(k) => keyed[k],
            Err(_) => *always,
        };
        self.lists.get(a as usize..b as usize).unwrap_or(&[])
    }

    /// [`Table::first_before`] as it was defined before the groups: every form under the
    /// first word, less those whose second word's key is another than `next`.
    #[cfg(test)]
    pub fn first_before_by_keys(&self, word: &str, next: u32) -> Vec<(u32, Rest<'_>)> {
        let Some(&(_, _, e, f, _)) = self.head(word) else {
            return Vec::new();
        };
        let list = self.entries.get(e as usize..f as usize).unwrap_or(&[]);
        let keys = keys_of(&self.text, &self.words, list);
        list.iter()
            .zip(keys)
            .filter(|&(_, k)| k < 2 || k == next)
            .map(|(&(c, a, b), _)| (c, self.rest(a, b)))
            .collect()
    }

    /// The groups ([`Table::head_groups`], [`Table::groups`], [`Table::lists`]) made again
    /// from the forms' words.
    #[cfg(test)]
    #[allow(clippy::type_complexity)]
    pub fn groups_made_again(&self) -> (Vec<Span>, Vec<(u32, u32, u32)>, Vec<u32>) {
        groups_of(
            &self.heads,
            &keys_of(&self.text, &self.words, &self.entries),
        )
    }

    /// Whether `a` and `b` together may spell a first word: `false` only when they
    /// certainly do not ([`Table::joins`]), so that the pair need not be looked up.
    #[inline]
    pub fn may_join(&self, a: &[u8], b: &[u8]) -> bool {
        let bit = join_bit(a, b);
        self.joins
            .get(bit / 64)
            .is_none_or(|w| (w >> (bit % 64)) & 1 == 1)
    }

    /// Whether `word` is a form of the first word of a `verbs:` entry.
    pub fn is_verb_form(&self, word: &str) -> bool {
        self.head(word).is_some_and(|h| h.4)
    }

    /// The prefix forms whose prefix `word` may start with (a superset of those it does), in
    /// the order added: (the prefix, class, the words after it).
    #[inline]
    pub fn prefixed_for(&self, word: &str) -> impl Iterator<Item = (&[u8], u32, Rest<'_>)> + '_ {
        // An empty word: the last list, every prefix form.
        let b = word.as_bytes().first().map_or(256, |&b| usize::from(b));
        let (a, z) = self.by_byte.get(b).copied().unwrap_or((0, 0));
        let text = self.text.as_bytes();
        self.by_byte_list
            .get(a as usize..z as usize)
            .unwrap_or(&[])
            .iter()
            .filter_map(|&k| self.prefixed.get(k as usize))
            .map(move |&(a, b, c, v, w)| {
                let prefix = text.get(a as usize..b as usize).unwrap_or(&[]);
                (prefix, c, self.rest(v, w))
            })
    }

    /// Every first word, in the order first added.
    #[cfg(test)]
    pub fn heads(&self) -> impl Iterator<Item = &str> + '_ {
        self.heads
            .iter()
            .map(|&(a, b, ..)| self.text.get(a as usize..b as usize).unwrap_or(""))
    }

    /// The number of prefix forms.
    #[cfg(test)]
    pub fn prefixed_len(&self) -> usize {
        self.prefixed.len()
    }
}

/// Makes a [`Table`] one form at a time.
#[derive(Default)]
pub struct Builder {
    text: String,
    words: Vec<Span>,
    /// (text of the first word, its forms so far: (class, range of `words`), verb).
    heads: Vec<(Span, Vec<Entry>, bool)>,
    slots: Vec<u32>,
    prefixed: Vec<Prefixed>,
}

impl Builder {
    /// A builder with room for about `n` first words.
    pub fn with_capacity(n: usize) -> Builder {
        Builder {
            heads: Vec::with_capacity(n),
            slots: vec![0; (2 * n).next_power_of_two().max(16)],
            ..Builder::default()
        }
    }

    fn put(&mut self, w: &str) -> Span {
        let a = self.text.len() as u32;
        self.text.push_str(w);
        (a, self.text.len() as u32)
    }

    fn put_words<'w>(&mut self, rest: impl Iterator<Item = &'w str>) -> Span {
        let a = self.words.len() as u32;
        for w in rest {
            let s = self.put(w);
            self.words.push(s);
        }
        (a, self.words.len() as u32)
    }

    fn text_of(&self, (a, b): Span) -> &str {
        self.text.get(a as usize..b as usize).unwrap_or("")
    }

    /// The slot of `word`: where it is, or the empty slot where it goes.
    fn slot(&self, word: &str) -> usize {
        let mask = self.slots.len() - 1;
        let mut at = hash(word.as_bytes()) as usize & mask;
        while let Some(i) = self.slots[at].checked_sub(1) {
            if self.text_of(self.heads[i as usize].0) == word {
                break;
            }
            at = (at + 1) & mask;
        }
        at
    }

    fn grow(&mut self) {
        let n = self.slots.len() * 2;
        self.slots = vec![0; n];
        for i in 0..self.heads.len() {
            let w = self.text_of(self.heads[i].0).to_owned();
            let at = self.slot(&w);
            self.slots[at] = i as u32 + 1;
        }
    }

    /// Adds one form of an entry of `class`: its first word and the words after it (`verb`:
    /// the entry is a `verbs:` entry of a class that is no trigger's). A first word ending in
    /// `*` is a prefix; a form already listed under its first word for the class is not
    /// listed again.
    pub fn add<'w>(
        &mut self,
        class: u32,
        verb: bool,
        head: &str,
        rest: impl Iterator<Item = &'w str> + Clone,
    ) {
        if let Some(prefix) = head.strip_suffix('*') {
            if verb {
                self.head_of(head).2 = true;
            }
            let p = self.put(prefix);
            let (v, w) = self.put_words(rest);
            self.prefixed.push((p.0, p.1, class, v, w));
            return;
        }
        let i = self.head_index(head);
        if verb {
            self.heads[i].2 = true;
        }
        let seen = self.heads[i].1.iter().any(|&(c, a, b)| {
            c == class
                && rest.clone().eq(self.words[a as usize..b as usize]
                    .iter()
                    .map(|&s| self.text_of(s)))
        });
        if !seen {
            let (a, b) = self.put_words(rest);
            self.heads[i].1.push((class, a, b));
        }
    }

    fn head_of(&mut self, head: &str) -> &mut (Span, Vec<Entry>, bool) {
        let i = self.head_index(head);
        &mut self.heads[i]
    }

    /// The index of `head` in `heads`, added if new.
    fn head_index(&mut self, head: &str) -> usize {
        let at = self.slot(head);
        if let Some(i) = self.slots[at].checked_sub(1) {
            return i as usize;
        }
        let s = self.put(head);
        self.heads.push((s, Vec::new(), false));
        self.slots[at] = self.heads.len() as u32;
        if self.heads.len() * 2 > self.slots.len() {
            self.grow();
        }
        self.heads.len() - 1
    }

    /// The table.
    pub fn finish(self) -> Table {
        let mut heads = Vec::with_capacity(self.heads.len());
        let mut entries = Vec::new();
        for (s, list, verb) in self.heads {
            let e = entries.len() as u32;
            entries.extend(list);
            heads.push((s.0, s.1, e, entries.len() as u32, verb));
        }
        let mut by_byte = Vec::with_capacity(257);
        let mut by_byte_list = Vec::new();
        for b in 0..=256u16 {
            let a = by_byte_list.len() as u32;
            for (k, &(p, q, ..)) in self.prefixed.iter().enumerate() {
                let prefix = self.text.get(p as usize..q as usize).unwrap_or("");
                if b == 256 || prefix.as_bytes().first().is_none_or(|&f| u16::from(f) == b) {
                    by_byte_list.push(k as u32);
                }
            }
            by_byte.push((a, by_byte_list.len() as u32));
        }
        let seconds = keys_of(&self.text, &self.words, &entries);
        let (head_groups, groups, lists) = groups_of(&heads, &seconds);
        let mut joins = vec![0u64; 1 << (JOIN_BITS - 6)];
        for &(a, b, ..) in &heads {
            let w = self
                .text
                .as_bytes()
                .get(a as usize..b as usize)
                .unwrap_or(&[]);
            for k in 1..w.len() {
                let bit = join_bit(&w[..k], &w[k..]);
                joins[bit / 64] |= 1 << (bit % 64);
            }
        }
        Table {
            text: Cow::Owned(self.text),
            words: Cow::Owned(self.words),
            heads: Cow::Owned(heads),
            entries: Cow::Owned(entries),
            head_groups: Cow::Owned(head_groups),
            groups: Cow::Owned(groups),
            lists: Cow::Owned(lists),
            slots: Cow::Owned(self.slots),
            prefixed: Cow::Owned(self.prefixed),
            by_byte: Cow::Owned(by_byte),
            by_byte_list: Cow::Owned(by_byte_list),
            joins: Cow::Owned(joins),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The filter of the first words two tokens may spell never refuses a pair that spells
    /// one: every first word of generated tables, cut at every byte, and pairs of words drawn
    /// from their pieces and others, each answered as the look-up of the two words as one
    /// (`head_at`) answers it whenever that finds a first word; an empty filter (a damaged
    /// table's) refuses nothing.
    #[test]
    fn the_join_filter_keeps_every_pair_that_spells_a_first_word() {
        let mut next = crate::testing::test_rng(0x10_1e_5a_77);
        let letters = b"abcesyrt-";
        for _ in 0..40 {
            let mut b = Builder::with_capacity(1);
            let mut heads: Vec<String> = Vec::new();
            for _ in 0..next(300) + 1 {
                let w: String = (0..next(14) + 1)
                    .map(|_| char::from(letters[next(letters.len())]))
                    .collect();
                b.add(next(5) as u32, false, &w, [].into_iter());
                heads.push(w);
            }
            heads.push("cybersecurity".into());
            b.add(0, false, "cybersecurity", [].into_iter());
            let t = b.finish();
            let (mut refused, mut pairs) = (0, 0);
            for w in &heads {
                for k in 1..w.len() {
                    assert!(
                        t.may_join(&w.as_bytes()[..k], &w.as_bytes()[k..]),
                        "{w} at {k}"
                    );
                }
            }
            for _ in 0..5000 {
                let piece = |next: &mut dyn FnMut(usize) -> usize| -> String {
                    let w = &heads[next(heads.len())];
                    let a = next(w.len());
                    let z = a + 1 + next(w.len() - a);
                    w[a..z].to_string()
                };
                let (a, b) = (piece(&mut next), piece(&mut next));
                let joined = format!("{a}{b}");
                pairs += 1;
                if t.head_at(&joined).is_some() {
                    assert!(t.may_join(a.as_bytes(), b.as_bytes()), "{a} {b}");
                } else if !t.may_join(a.as_bytes(), b.as_bytes()) {
                    refused += 1;
                }
            }
            assert!(refused > pairs / 4, "{refused} of {pairs}");
            let damaged = Table {
                joins: Cow::Owned(Vec::new()),
                ..t.clone()
            };
            assert!(damaged.may_join(b"x", b"y"));
        }
    }

    /// The forms kept for a next word are the forms under the first word, in order, less
    /// those whose second word is certainly not it: a form with no second word or a prefix
    /// for one is always kept; a damaged table (no groups) finds none.
    #[test]
    fn forms_are_kept_for_a_next_word_that_may_be_their_second() {
        let mut b = Builder::with_capacity(4);
        b.add(1, false, "data", ["breach"].into_iter());
        b.add(2, false, "data", [].into_iter());
        b.add(3, false, "data", ["protect*", "officer"].into_iter());
        b.add(4, false, "data", ["center"].into_iter());
        b.add(5, false, "data", ["breach", "notification"].into_iter());
        b.add(6, false, "data", ["*"].into_iter());
        let t = b.finish();
        let kept = |t: &Table, next: &[u8]| -> Vec<u32> {
            t.first_before("data", || second_key(next))
                .map(|(c, _)| c)
                .collect()
        };
        assert_eq!(kept(&t, b"breach"), [1, 2, 3, 5]);
        assert_eq!(kept(&t, b"center"), [2, 3, 4]);
        assert_eq!(kept(&t, b"*"), [2, 3, 6]);
        assert_eq!(kept(&t, b"other"), [2, 3]);
        // No next word (key 0).
        let none: Vec<u32> = t.first_before("data", || 0).map(|(c, _)| c).collect();
        assert_eq!(none, [2, 3]);
        assert_eq!(t.first_before("none", || unreachable!()).count(), 0);
        let damaged = Table {
            head_groups: Cow::Owned(Vec::new()),
            ..t.clone()
        };
        assert_eq!(kept(&damaged, b"other"), [0u32; 0]);
        let damaged = Table {
            lists: Cow::Owned(vec![0, 99]),
            ..t.clone()
        };
        assert!(kept(&damaged, b"breach").len() <= 1);
        // Every form kept is one `first` gives, in its order.
        let all: Vec<u32> = t.first("data").map(|(c, _)| c).collect();
        assert_eq!(all, [1, 2, 3, 4, 5, 6]);
    }

    /// The groups by key answer as the filter of every form under the first word by its
    /// second word's key did: on generated tables (first words with forms of no second word,
    /// a prefix, and second words drawn from a few, so that keys repeat and groups share
    /// forms), for every key of a second word, none, and keys no form has.
    #[test]
    fn groups_by_key_keep_the_forms_the_key_filter_kept() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut rand = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        let seconds = ["a", "b", "cc", "data", "pre*", "*", "zz"];
        for round in 0..50 {
            let mut b = Builder::with_capacity(1);
            let heads: Vec<String> = (0..1 + rand(12)).map(|i| format!("h{i}")).collect();
            for _ in 0..rand(80) {
                let head = &heads[rand(heads.len() as u64) as usize];
                let class = rand(9) as u32;
                let mut rest: Vec<&str> = Vec::new();
                for _ in 0..rand(4) {
                    rest.push(seconds[rand(seconds.len() as u64) as usize]);
                }
                b.add(class, false, head, rest.into_iter());
            }
            let t = b.finish();
            assert_eq!(
                t.groups_made_again(),
                (t.head_groups.to_vec(), t.groups.to_vec(), t.lists.to_vec())
            );
            let mut nexts: Vec<u32> = vec![0, 1, 2, 3, u32::MAX, second_key(b"other")];
            nexts.extend(seconds.iter().map(|w| second_key(w.as_bytes())));
            for h in heads.iter().map(String::as_str).chain(["none"]) {
                for &next in &nexts {
                    let dump = |v: Vec<(u32, Rest<'_>)>| -> Vec<(u32, Vec<String>)> {
                        v.into_iter()
                            .map(|(c, r)| (c, r.iter().map(str::to_owned).collect()))
                            .collect()
                    };
                    assert_eq!(
                        dump(t.first_before(h, || next).collect()),
                        dump(t.first_before_by_keys(h, next)),
                        "round {round} {h} {next}"
                    );
                }
            }
        }
    }

    /// A table grown from room for one first word finds each of a thousand, with its forms
    /// in order and once each; a word not added is not found; a damaged table (every slot
    /// full, pointing at the wrong word) finds nothing and stops.
    #[test]
    fn a_table_finds_what_was_added_and_nothing_else() {
        let mut b = Builder::with_capacity(1);
        let words: Vec<String> = (0..1000).map(|i| format!("w{i}")).collect();
        for (i, w) in words.iter().enumerate() {
            b.add(i as u32, i % 2 == 0, w, ["x", "y"].into_iter());
            b.add(i as u32, false, w, ["x", "y"].into_iter());
            b.add(7, false, w, [].into_iter());
        }
        b.add(3, true, "pre*", ["z"].into_iter());
        let t = b.finish();
        assert!(t.slots.len().is_power_of_two() && t.slots.len() >= 2 * t.heads.len());
        for (i, w) in words.iter().enumerate() {
            let got: Vec<(u32, Vec<&str>)> =
                t.first(w).map(|(c, r)| (c, r.iter().collect())).collect();
            assert_eq!(got, vec![(i as u32, vec!["x", "y"]), (7, vec![])], "{w}");
            assert_eq!(t.is_verb_form(w), i % 2 == 0);
        }
        assert_eq!(t.first("w1000").count(), 0);
        assert!(t.is_verb_form("pre*"));
        let pre: Vec<(&[u8], u32)> = t.prefixed_for("prefix").map(|(p, c, _)| (p, c)).collect();
        assert_eq!(pre, vec![(&b"pre"[..], 3)]);
        assert_eq!(t.prefixed_for("").count(), 1);
        assert_eq!(t.prefixed_for("other").count(), 0);
        let damaged = Table {
            slots: Cow::Owned(vec![1; 8]),
            ..t.clone()
        };
        assert_eq!(damaged.first("w5").count(), 0);
        assert_eq!(Table::default().first("w5").count(), 0);
    }
}
