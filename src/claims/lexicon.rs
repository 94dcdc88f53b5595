//! The lexicon: word classes, status triggers and topic frames, read from YAML.
//!
//! Everything the claim layer knows about English and about Item 106 is here, as data: the
//! built-in lexicon is `rules/lexicon/*.yaml` (embedded by `build.rs`), and a user pack may
//! add a `lexicon/` folder whose files add words to a class or trigger, frames to a topic, or
//! new classes, triggers and topics. A file is a mapping of up to five keys:
//!
//! ```yaml
//! classes:                     # named word classes
//!   engage:
//!     doc: verbs of engaging someone's services
//!     verbs: [engage, retain, work with]     # every verb form of the first word
//!     nouns: [engagement]                    # singular and plural of the last word
//!     words: [on board]                      # as written (case-folded)
//! triggers:                    # words that set the status of what is in their scope
//!   negation: {status: negated, direction: forward, words: [not, "n't", never]}
//! pseudo: {words: [not only, not limited to]}        # look like triggers, are not
//! terminators: {words: [but, however, ";"]}         # end a trigger's scope
//! topics:
//!   third-party-engaged:
//!     doc: …
//!     frames: ["!@engage ~6 @assessor"]
//! ```
//!
//! A frame is a sequence of slots: `@class` (a word of the class), a literal word, `~N` (up
//! to N other tokens before the next slot; adjacent otherwise). The slot marked `!` is the
//! frame's *anchor*, the word whose status the triggers decide (the first slot when none is
//! marked). Marks before the first slot qualify a frame: `[negative]` (it states the topic's
//! absence), `[presupposed]` (it names what the registrant has — "our incident response plan"
//! — so it is affirmed under any hedge or negation), `[if-affirmed]`, `[if-negated]`,
//! `[if-hedged]`, `[if-pointer]` (it counts only with that status).
//!
//! A topic may also say `part-of: [whole]` (an affirmed mention of it affirms the whole; a
//! denied or hedged one does not deny or hedge the whole it is for) and `entails: [other]`
//! with `entails-when: [class]` (its mention is also one of the other topic, with its status,
//! when a word of the class is in it or just before it) and `entails-status: [statuses]`
//! (only a mention with one of them: a board committee that *may* oversee is a board that
//! may oversee through it, while no committee says nothing of the board). Every problem is
//! reported with its span in the YAML, through the syntax floor's [`Cx`], and all of a
//! file's problems at once.

use std::borrow::Cow;

use super::claim::{Status, TopicId};
use super::morph::{Inflect, entry_forms, inflected};
use crate::syntax::validate::{Cx, closest};
use crate::syntax::yaml::{Node, Value};

/// A class index.
pub type ClassId = usize;

/// A word class.
#[derive(Clone, Debug)]
pub struct Class {
    /// Its name (`engage`), or `trigger:NAME`, `pseudo`, `terminator`, `literal:WORD` for the
    /// classes made from triggers and frames.
    pub name: String,
    /// What it is for.
    pub doc: String,
    /// The entries as written, with how each inflects (for `explain`).
    pub entries: Entries,
    /// Computed in code (`item-ref`, `quoted-title`): no entries.
    pub computed: bool,
    /// A word of the class right after a word of these is not one of it.
    pub not_after: Vec<ClassId>,
    /// A word of the class right before a word of these is not one of it.
    pub not_before: Vec<ClassId>,
}

/// A class's entries as written, with how each inflects, in the order added: a built-in
/// file's list is kept as its range of the table `build.rs` made (`CLASS_ENTRIES`), not
/// copied; any other entry as its text. Read as a list of `(entry, inflection)`, and shown
/// (`Debug`) as one.
#[derive(Clone, Default)]
pub struct Entries {
    items: Vec<Item>,
}

/// One entry, or a built-in list of them.
#[derive(Clone)]
enum Item {
    /// A range of `CLASS_ENTRIES` (never empty), all inflected alike.
    Group(u32, u32, Inflect),
    /// One entry.
    One(Cow<'static, str>, Inflect),
}

impl Item {
    /// Its entries, in order.
    fn iter(&self) -> impl Iterator<Item = (&str, &Inflect)> {
        let (range, one, how) = match self {
            Item::Group(a, b, how) => (*a as usize..*b as usize, None, how),
            Item::One(e, how) => (0..0, Some(&**e), how),
        };
        let group = CLASS_ENTRIES.get(range).unwrap_or(&[]);
        one.into_iter()
            .chain(group.iter().map(|&(a, b)| class_text(a, b)))
            .map(move |e| (e, how))
    }

    /// How many entries it holds.
    fn len(&self) -> usize {
        match self {
            Item::Group(a, b, _) => b.saturating_sub(*a) as usize,
            Item::One(..) => 1,
        }
    }
}

impl Entries {
    /// Every entry, in the order added.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Inflect)> {
        self.items.iter().flat_map(Item::iter)
    }

    /// How many entries there are.
    pub fn len(&self) -> usize {
        self.items.iter().map(Item::len).sum()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The entry at `i` (in the order added).
    pub fn get(&self, i: usize) -> Option<(&str, &Inflect)> {
        self.iter().nth(i)
    }

    /// Adds one entry; the index of its item.
    fn push(&mut self, entry: Cow<'static, str>, how: Inflect) -> usize {
        self.items.push(Item::One(entry, how));
        self.items.len() - 1
    }

    /// Room for `n` more entries added one by one.
    fn reserve(&mut self, n: usize) {
        self.items.reserve(n);
    }
}

impl std::fmt::Debug for Entries {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// Every entry added to a lexicon, in the order added, as runs: (class, index of the item in
/// its [`Entries`], how many entries). Read (and shown, `Debug`) as the list of (class, index
/// of the entry in its class's entries). A run's first entry is not kept: every item of a
/// class is added through a run, in order, so it is the count of the class's entries in the
/// runs before it, which [`Added::iter`] (the tests' and `Debug`'s) counts as it goes —
/// `add` no longer sums the class's items for it, once per entry.
#[derive(Clone, Default)]
pub(super) struct Added {
    runs: Vec<(u32, u32, u32)>,
}

impl Added {
    /// Every (class, index of the entry in its class's entries), in the order added.
    pub(super) fn iter(&self) -> impl Iterator<Item = (ClassId, usize)> + '_ {
        // Entries of each class in the runs so far.
        let mut counted: Vec<usize> = Vec::new();
        self.runs.iter().flat_map(move |&(c, _, n)| {
            let c = c as usize;
            if counted.len() <= c {
                counted.resize(c + 1, 0);
            }
            let first = counted[c];
            counted[c] += n as usize;
            (first..first + n as usize).map(move |i| (c, i))
        })
    }

    /// How many entries were added.
    pub(super) fn len(&self) -> usize {
        self.runs.iter().map(|r| r.2 as usize).sum()
    }

    /// Adds the item `item` of the class, `n` entries: the class's next ones.
    fn push(&mut self, class: ClassId, item: usize, n: usize) {
        self.runs.push((class as u32, item as u32, n as u32));
    }
}

impl std::fmt::Debug for Added {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// Which way a trigger's scope runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Over the words after it.
    Forward,
    /// Over the words before it.
    Backward,
}

/// A status trigger.
#[derive(Clone, Debug)]
pub struct Trigger {
    /// Its name (`negation`).
    pub name: String,
    /// What it is for.
    pub doc: String,
    /// The status it gives what it covers.
    pub status: Status,
    /// Which way its scope runs.
    pub direction: Direction,
    /// The most tokens its scope covers (else to a terminator or the sentence's end).
    pub window: Option<usize>,
    /// The topics it applies to (empty: all but `not_topics`).
    pub topics: Vec<TopicId>,
    /// The topics it never applies to.
    pub not_topics: Vec<TopicId>,
    /// A determiner-like negation ("no", "without", "neither"): it also negates a frame it sits
    /// inside ("we have *no* formal program", "we engage *neither* consultants …").
    pub inside: bool,
    /// Classes one of which must occur in the sentence for it to count (a pointer needs a
    /// place to point at).
    pub requires: Vec<ClassId>,
    /// Its words, as a class.
    pub class: ClassId,
}

/// One slot of a frame.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slot {
    /// The class whose word fills it.
    pub class: ClassId,
    /// Up to this many other tokens between the previous slot and this one.
    pub gap: usize,
}

/// A sequence of slots that, matched in a sentence, mentions a topic.
#[derive(Clone, Debug)]
pub struct Frame {
    /// The slots, in order.
    pub slots: Vec<Slot>,
    /// The slot whose status the triggers decide.
    pub anchor: usize,
    /// As written, for `explain`.
    pub source: String,
    /// `[negative]`: the frame states the topic's absence ("immaterial", "separately from
    /// ERM"): its mentions are negated, and a negation of it affirms.
    pub negative: bool,
    /// `[if-hedged]`, `[if-negated]`, `[if-affirmed]`, `[if-pointer]`: the frame only counts
    /// with that status.
    /// `[if-hedged]`: "continues to assess the impact" is undetermined; "assessed the impact"
    /// says nothing. `[if-affirmed]`: one practice among many — "we test our backups" shows a
    /// program, "we did not test our backups this year" denies none. `[if-negated]`: words that
    /// only make a claim when denied ("*no* cybersecurity program").
    pub only: Option<Status>,
    /// `[presupposed]`: the frame names something the registrant has ("*our incident response
    /// plan*", "the Company's information security program"): affirmed whatever hedge or
    /// negation covers it ("there can be no assurance that *our security measures* will
    /// prevent …" still says the measures exist).
    pub presupposed: bool,
}

/// Whose act or whose harm a topic is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Actor {
    /// Not checked.
    Any,
    /// The subject of the anchor (who engages, who reports): it must not be in `not-actor`.
    Agent,
    /// Who is affected: the object of the anchor, else its subject.
    Affected,
}

/// A topic.
#[derive(Clone, Debug)]
pub struct Topic {
    /// Its name (`material-effect`).
    pub name: String,
    /// What it is.
    pub doc: String,
    /// The requirement it answers ("106(b)(2)").
    pub paragraph: String,
    /// Its frames.
    pub frames: Vec<Frame>,
    /// Whose act it is.
    pub actor: Actor,
    /// Classes the actor must not belong to.
    pub not_actor: Vec<ClassId>,
    /// Classes besides the registrant's that make a valid actor (the scan for the actor
    /// stops at them).
    pub actor_is: Vec<ClassId>,
    /// Classes one of which must occur in the sentence.
    pub requires: Vec<ClassId>,
    /// `anchor-in-pointer: true`: a frame's anchor may be a word of a pointer ("*see* Item
    /// 1C", "costs … are *included in* “Other operating expenses”"). Otherwise such an anchor
    /// sends the reader elsewhere and claims nothing of the topic ("… is *addressed* under the
    /// heading “Cybersecurity Governance”"), unless the frame is `[if-pointer]`.
    pub anchor_in_pointer: bool,
    /// Classes that drop a mention when one of their words is inside it or just before it
    /// ("*internal* auditors" are not third parties).
    pub veto: Vec<ClassId>,
    /// Topics this one is a part of (`part-of`): an affirmed mention of it affirms them too
    /// ("we engage assessors to test our controls" says the registrant has processes); a
    /// negated or hedged one does not deny or hedge them, so their mention with that status
    /// over the same words is dropped ("we have not established procedures for escalating
    /// incidents to management" lacks one procedure, not a program).
    pub part_of: Vec<TopicId>,
    /// Topics every mention of this one is also a mention of, with its status, when a word of
    /// `entails_when` is inside it (`entails`): "the Company has determined that the incident
    /// is *material*" answers whether an incident has materially affected it, too.
    pub entails: Vec<TopicId>,
    /// The classes one of whose words must be inside a mention for `entails` (none: always).
    pub entails_when: Vec<ClassId>,
    /// The statuses a mention must have for `entails` (`entails-status`; none: every status):
    /// the built-in `board-committee` entails `board-oversight` only when hedged (a committee
    /// that *may* oversee is a board that may oversee through it; no committee says nothing
    /// of the board's own oversight).
    pub entails_status: Vec<Status>,
}

/// A compiled lexicon.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    /// Word classes (named, then those made for triggers and literals).
    pub classes: Vec<Class>,
    /// Triggers.
    pub triggers: Vec<Trigger>,
    /// Topics.
    pub topics: Vec<Topic>,
    /// The pseudo-trigger class.
    pub pseudo: Option<ClassId>,
    /// The terminator class.
    pub terminators: Option<ClassId>,
    /// Each class's id by its name (classes are only added by [`Lexicon::add_class`]).
    class_ids: crate::FastMap<String, ClassId>,
    /// The hash of every entry of every class (class, inflection, text), to add each once;
    /// but for the classes marked in `unhashed`.
    entry_keys: crate::FastSet<u64>,
    /// The classes (by id) with entries not in `entry_keys`: those added from the table of a
    /// built-in file's lists ([`CLASS_GROUPS`]), which were left out of repeats at build
    /// time. A class's entries are hashed when an entry is next added to it one by one (a
    /// user pack's, or a frame's literal), so that it is still added once.
    unhashed: Vec<bool>,
    /// The index in `BUILTIN_LEXICON` of the built-in file being read, whose classes' lists
    /// are taken from [`CLASS_GROUPS`]; `None` for any other file.
    pub(super) builtin_file: Option<u16>,
    /// Frames are looked up in the table `build.rs` made of the built-in ones ([`FRAMES`])
    /// before they are read word by word (cleared by the tests that compare the two).
    pub(super) frame_table: bool,
    /// The hasher of `entry_keys`.
    entry_hasher: foldhash::fast::RandomState,
    /// Every entry added, in the order added (class, index in its `entries`): what
    /// [`Words`] is built from.
    pub(super) added: Added,
    /// The words the analyser finds classes by, built from the entries on the first analysis
    /// ([`Lexicon::words`]); emptied by every change.
    words: std::sync::OnceLock<Words>,
    /// The lexicon is the built-in one, as read from its files: its words are the table
    /// `build.rs` made ([`Words::builtin`]). Cleared by every change.
    pub(super) builtin_words: bool,
    /// What the analyser looks up by name on every sentence (its roles, the computed
    /// classes, each class's trigger), looked up once; emptied by every change.
    pub(super) known: std::sync::OnceLock<Known>,
}

include!(concat!(env!("OUT_DIR"), "/builtin_forms.rs"));
include!(concat!(env!("OUT_DIR"), "/builtin_words.rs"));
include!(concat!(env!("OUT_DIR"), "/builtin_alternatives.rs"));
include!(concat!(env!("OUT_DIR"), "/builtin_classes.rs"));

/// A piece of [`CLASS_TEXT`] (empty past its end).
fn class_text(a: u32, b: u32) -> &'static str {
    CLASS_TEXT.get(a as usize..b as usize).unwrap_or("")
}

/// The entries the built-in file `file` adds to the class `name` under the key of `how`, as
/// `build.rs` found them (checked, alternatives expanded, the class's earlier entries left
/// out: [`CLASS_GROUPS`]); `None` when the table has no such list.
fn builtin_group(file: u16, name: &str, how: Inflect) -> Option<(u32, u32)> {
    let code = match how {
        Inflect::Exact => 0,
        Inflect::Verb => 1,
        Inflect::Noun => 2,
    };
    let i = CLASS_GROUPS
        .binary_search_by(|&(f, a, b, h, _, _)| (f, class_text(a, b), h).cmp(&(file, name, code)))
        .ok()?;
    let (_, _, _, _, first, last) = CLASS_GROUPS[i];
    CLASS_ENTRIES.get(first as usize..last as usize)?;
    Some((first, last))
}

/// Whether [`CLASS_GROUPS`] holds the list the built-in file `file` gives the class `name`
/// under the key `code` (0 `words`, 1 `verbs`, 2 `nouns`): the lists whose stored trees are
/// cut (`syntax::packed::cut_class_lists`, tested against it).
#[cfg(test)]
pub(crate) fn has_builtin_group(file: u16, name: &str, code: u8) -> bool {
    let how = match code {
        0 => Inflect::Exact,
        1 => Inflect::Verb,
        _ => Inflect::Noun,
    };
    builtin_group(file, name, how).is_some()
}

/// A piece of [`ALTERNATIVES_TEXT`] (empty past its end).
fn alternatives_text(a: u32, b: u32) -> &'static str {
    ALTERNATIVES_TEXT.get(a as usize..b as usize).unwrap_or("")
}

/// The combinations `build.rs` made of the built-in entry `entry`, which holds alternatives
/// ([`BUILTIN_ALTERNATIVES`]); `None` when the table does not hold it.
fn builtin_alternatives(entry: &str) -> Option<impl Iterator<Item = &'static str>> {
    let i = BUILTIN_ALTERNATIVES
        .binary_search_by(|&(a, b, _, _)| alternatives_text(a, b).cmp(entry))
        .ok()?;
    let (_, _, c, d) = BUILTIN_ALTERNATIVES[i];
    let list = ALTERNATIVE_COMBINATIONS.get(c as usize..d as usize)?;
    Some(list.iter().map(|&(a, b)| alternatives_text(a, b)))
}

/// A piece of [`FRAME_TEXT`] (empty past its end).
fn frame_text(a: u32, b: u32) -> &'static str {
    FRAME_TEXT.get(a as usize..b as usize).unwrap_or("")
}

/// A piece of [`FORMS_TEXT`] (empty past its end: the tables come from `build.rs`).
pub(super) fn forms_text(a: u32, b: u32) -> &'static str {
    FORMS_TEXT.get(a as usize..b as usize).unwrap_or("")
}

/// The forms of `entry` inflected as `how` — each its words — from the table `build.rs`
/// makes of the built-in lexicon's entries with [`entry_forms`] (tested to hold what it
/// gives); `None` for an entry not in it.
pub(super) fn builtin_forms(
    entry: &str,
    how: Inflect,
) -> Option<impl Iterator<Item = impl Iterator<Item = &'static str>>> {
    let code = match how {
        Inflect::Exact => 0,
        Inflect::Verb => 1,
        Inflect::Noun => 2,
    };
    let len = entry.len() as u64;
    let i = FORM_ENTRIES
        .binary_search_by(|&(a, b, h, _, _)| {
            (h, u64::from(b.saturating_sub(a)))
                .cmp(&(code, len))
                .then_with(|| forms_text(a, b).cmp(entry))
        })
        .ok()?;
    let (_, _, _, f, g) = FORM_ENTRIES[i];
    let forms = FORMS.get(f as usize..g as usize).unwrap_or(&[]);
    Some(forms.iter().map(|&(v, w)| {
        FORMS_WORDS
            .get(v as usize..w as usize)
            .unwrap_or(&[])
            .iter()
            .map(|&(a, b)| forms_text(a, b))
    }))
}

/// The lexicon's entries in every inflection, by their first word: what the analyser finds a
/// sentence's words in ([`super::words::Table`]).
///
/// The built-in lexicon's table is made by `build.rs` and borrowed from the binary (tested
/// to equal the one made at run time from the same files); a lexicon with a user's files
/// makes its own on the first analysis, not when it is read: a run that analyses no sentence
/// (a fact-only filing, a file with no text) never needs it. Rules are validated against the
/// lexicon's names and entries, which are read eagerly, so every load-time error stays one.
#[derive(Clone, Debug, Default)]
pub(super) struct Words {
    /// The table.
    table: super::words::Table,
    /// The class of each class number of `table` (the built-in table's are its own, found
    /// by name); empty when they are the lexicon's class ids.
    classes: Vec<ClassId>,
}

impl Words {
    /// The words of `lex`'s entries, added in the order they were added to it: each entry's
    /// forms ([`entry_forms`]), made one at a time (a form is its first word, the key, and
    /// the words after it).
    fn of(lex: &Lexicon) -> Words {
        // About one first word per entry, more for verbs (the built-in lexicon: 3,900 for
        // 3,500): room for them at once.
        let n = lex.added.len();
        let mut b = super::words::Builder::with_capacity(n + n / 2);
        let entries = lex.added.runs.iter().flat_map(|&(class, item, _)| {
            let class = class as usize;
            let items = &lex.classes[class].entries.items;
            items[item as usize].iter().map(move |e| (class, e))
        });
        for (class, (entry, how)) in entries {
            let c = &lex.classes[class];
            let verb = *how == Inflect::Verb && !class_is_trigger(&c.name);
            let class = class as u32;
            // The built-in lexicon's entries: their forms made at build time.
            if let Some(forms) = builtin_forms(entry, *how) {
                for mut f in forms {
                    if let Some(head) = f.next() {
                        let rest: Vec<&str> = f.collect();
                        b.add(class, verb, head, rest.into_iter());
                    }
                }
                continue;
            }
            let words = super::token::words_of(entry);
            let Some((head, rest)) = words.split_first() else {
                continue;
            };
            match inflected(&words, *how) {
                None => b.add(class, verb, head, rest.iter().map(String::as_str)),
                Some((0, forms)) => {
                    for f in forms {
                        b.add(class, verb, &f, rest.iter().map(String::as_str));
                    }
                }
                Some((at, forms)) => {
                    for f in forms {
                        let rest = words[1..at]
                            .iter()
                            .map(String::as_str)
                            .chain([f.as_str()])
                            .chain(words[at + 1..].iter().map(String::as_str));
                        b.add(class, verb, head, rest);
                    }
                }
            }
        }
        Words {
            table: b.finish(),
            classes: Vec::new(),
        }
    }

    /// The table `build.rs` made of the built-in lexicon, its classes found in `lex` by name;
    /// `None` when one is missing.
    fn builtin(lex: &Lexicon) -> Option<Words> {
        let classes = BUILTIN_WORD_CLASSES
            .split('\n')
            .map(|name| lex.class(name))
            .collect::<Option<Vec<ClassId>>>()?;
        let n = classes.len() as u32;
        let t = &BUILTIN_WORDS;
        // Every class number the table holds has a class.
        (t.entries.iter().all(|e| e.0 < n) && t.prefixed.iter().all(|p| p.2 < n)).then(|| Words {
            table: t.clone(),
            classes,
        })
    }

    /// The class of a class number of the table.
    #[inline]
    fn class(&self, c: u32) -> ClassId {
        match self.classes.get(c as usize) {
            Some(&id) => id,
            None => c as usize,
        }
    }

    /// The forms whose first word is `word`: (class, the words after it), in the order
    /// added (the analyser asks [`Words::first_before`]).
    #[cfg(test)]
    pub(super) fn first<'a>(
        &'a self,
        word: &str,
    ) -> impl Iterator<Item = (ClassId, super::words::Rest<'a>)> + 'a {
        self.table.first(word).map(|(c, r)| (self.class(c), r))
    }

    /// [`Words::first`] without the forms whose second word is certainly not the word of key
    /// `next()` ([`super::words::second_key`]; `0` for no word): see
    /// [`super::words::Table::first_before`].
    #[inline]
    pub(super) fn first_before<'a>(
        &'a self,
        word: &str,
        next: impl FnOnce() -> u32,
    ) -> impl Iterator<Item = (ClassId, super::words::Rest<'a>)> + 'a {
        self.table
            .first_before(word, next)
            .map(|(c, r)| (self.class(c), r))
    }

    /// The prefix forms (`certif*`) whose prefix `word` may start with (a superset of those
    /// it does), in their order: (the prefix, class, the words after it).
    #[inline]
    pub(super) fn prefixed_for<'a>(
        &'a self,
        word: &str,
    ) -> impl Iterator<Item = (&'a [u8], ClassId, super::words::Rest<'a>)> + 'a {
        self.table
            .prefixed_for(word)
            .map(|(p, c, r)| (p, self.class(c), r))
    }

    /// Whether `a` and `b` together may spell a first word ([`super::words::Table::may_join`]):
    /// `false` only when they certainly do not.
    #[inline]
    pub(super) fn may_join(&self, a: &str, b: &str) -> bool {
        self.table.may_join(a.as_bytes(), b.as_bytes())
    }

    /// Whether `word` is a form of the first word of a `verbs:` entry of a class that is no
    /// trigger's: the words that, after ", and", start a new predicate.
    #[inline]
    pub(super) fn is_verb_form(&self, word: &str) -> bool {
        self.table.is_verb_form(word)
    }
}

/// The classes computed in code rather than listed.
pub const COMPUTED: &[(&str, &str)] = &[
    (
        "item-ref",
        "a reference to an item of a form, however the number is typed: Item 1A, Item IA, Item lA, Item 1.A, Item 1 A, Items 7 and 7A, Item 1.05, Item 16K",
    ),
    (
        "quoted-title",
        "a title in quotes: an opening quote, up to fifteen words most of them capitalised, a closing quote",
    ),
    ("number", "a number in digits (20, 1,000, 2.5)"),
    (
        "participle",
        "a past participle: a word ending in -ed, or an irregular one (made, held, led, taken, been, …)",
    ),
];

/// The classes the analyser itself relies on (looked up by name once per lexicon:
/// [`Known`]).
#[derive(Clone, Debug)]
pub(crate) struct Roles {
    pub(crate) registrant: Option<ClassId>,
    pub(crate) other_party: Option<ClassId>,
    pub(crate) preposition: Option<ClassId>,
    pub(crate) determiner: Option<ClassId>,
    pub(crate) auxiliary: Option<ClassId>,
    pub(crate) subordinator: Option<ClassId>,
    pub(crate) subject_start: Option<ClassId>,
    /// Clauses that define a party by its access to the registrant's systems or data
    /// (`access-clause`: "… *that connect to* our systems", "… *with access to* our data"):
    /// the registrant oversees such a party, which acts on nothing in the frame.
    pub(crate) access_clause: Option<ClassId>,
    /// Words that put what follows in a person's earlier career (`past-role`: "previously",
    /// "before joining"), and those that bring it back to the present (`present-role`:
    /// "now", "currently"): a topic that vetoes `past-role` drops the mentions in its scope.
    pub(crate) past_role: Option<ClassId>,
    pub(crate) present_role: Option<ClassId>,
    /// Quantifiers that, opening a sentence, make its plural subject other companies
    /// (`party-quantifier`: "*Many* Class I railroads retain …").
    pub(crate) party_quantifier: Option<ClassId>,
    pub(crate) party_quantifier_one: Option<ClassId>,
    /// Modal verbs (`modal`), whose mood reaches the verbs coordinated with theirs.
    pub(crate) modal: Option<ClassId>,
    /// A cybersecurity incident by name (`attack`): one "on" another party harms that party.
    pub(crate) attack: Option<ClassId>,
    /// What an attack on the registrant strikes (`security-object`: systems, networks,
    /// platforms …): an attack "on a" thing of another kind, in a sentence that names the
    /// registrant nowhere, strikes another party ("an attack *on a major container line*").
    pub(crate) attacked_thing: Option<ClassId>,
    /// Nouns that look like verb forms and follow a body's name as a noun it modifies
    /// (`body-noun`: "each Audit Committee *meeting*"): the body then acts on nothing.
    pub(crate) body_noun: Option<ClassId>,
    /// Participles of a risk or an attack coming true (`risk-realized`: "if *realized*", "if
    /// *exploited*"): a condition of them hedges what follows, however short.
    pub(crate) risk_realized: Option<ClassId>,
    /// Adverbials that may open a main clause before its subject (`clause-adverbial`: ", *to
    /// date* no incident has …"): a subordinate clause's comma still closes it.
    pub(crate) clause_adverbial: Option<ClassId>,
    /// Who may act in a frame that opens on them — boards, committees, managers, persons
    /// (`board-ref`, `board-committee-word`, `mgmt-role`, `committee`, `person`): one named
    /// as another party's ("the board of directors *of our core processor*") is that party.
    pub(crate) actor_heads: Vec<ClassId>,
    /// What a party names as its own (`own-of-another`: "its own", "their own"): another
    /// party's, unless the registrant is the subject before it ("the Partnership has *its own*
    /// CISO").
    pub(crate) own_of_another: Option<ClassId>,
    pub(crate) conjunction: Option<ClassId>,
    /// Verbs that start a predicate of their own after "and" (`predicate-start`: "… has not
    /// delegated oversight to any committee *and retains* it").
    pub(crate) predicate_start: Option<ClassId>,
    pub(crate) quantifier: Option<ClassId>,
    /// The words of the `contrast-negation` trigger ("rather than", "instead of"): a frame's
    /// later slot right after one in its gap is set aside, not matched.
    pub(crate) contrast: Option<ClassId>,
    pub(crate) relative: Option<ClassId>,
    pub(crate) quoted: Option<ClassId>,
    /// Management positions and committees (`mgmt-role`).
    pub(crate) management: Option<ClassId>,
    /// Names of documents and sections ("the 2024 Annual Report to Shareholders", "Risk
    /// Factors"): words inside them name a place, they claim nothing.
    pub(crate) named_places: Vec<ClassId>,
}

impl Roles {
    pub(crate) fn of(lex: &Lexicon) -> Roles {
        Roles {
            registrant: lex.class("registrant"),
            other_party: lex.class("other-party"),
            preposition: lex.class("preposition"),
            determiner: lex.class("determiner"),
            auxiliary: lex.class("auxiliary"),
            subordinator: lex.class("subordinator"),
            subject_start: lex.class("subject-start"),
            access_clause: lex.class("access-clause"),
            past_role: lex.class("past-role"),
            present_role: lex.class("present-role"),
            party_quantifier: lex.class("party-quantifier"),
            party_quantifier_one: lex.class("party-quantifier-one"),
            modal: lex.class("modal"),
            attack: lex.class("attack"),
            attacked_thing: lex.class("security-object"),
            body_noun: lex.class("body-noun"),
            risk_realized: lex.class("risk-realized"),
            clause_adverbial: lex.class("clause-adverbial"),
            own_of_another: lex.class("own-of-another"),
            actor_heads: [
                "board-ref",
                "board-committee-word",
                "mgmt-role",
                "committee",
                "person",
            ]
            .iter()
            .filter_map(|n| lex.class(n))
            .collect(),
            conjunction: lex.class("clause-conjunction"),
            predicate_start: lex.class("predicate-start"),
            quantifier: lex.class("quantifier"),
            contrast: lex.class("trigger:contrast-negation"),
            relative: lex.class("relative"),
            quoted: lex.class("quoted-title"),
            management: lex.class("mgmt-role"),
            named_places: ["other-document", "section-title"]
                .iter()
                .filter_map(|n| lex.class(n))
                .collect(),
        }
    }
}

/// What the analyser looks up in a lexicon by name or by search for every sentence, looked
/// up once per lexicon ([`Lexicon::known`]): a sentence of a 10-K used to pay a dozen
/// searches of the class names, and one of the triggers per hit.
#[derive(Clone, Debug)]
pub(crate) struct Known {
    pub(crate) roles: Roles,
    pub(crate) item_ref: Option<ClassId>,
    pub(crate) quoted: Option<ClassId>,
    pub(crate) number: Option<ClassId>,
    pub(crate) participle: Option<ClassId>,
    /// Some class has a `not-after` or `not-before` context.
    pub(crate) contexts: bool,
    /// Whether each class has a `not-after` or `not-before` context, by class: what the
    /// analyser's context pass asks of every hit, without reading the class.
    pub(crate) with_context: Vec<bool>,
    /// For each class, the first trigger made of it.
    pub(crate) trigger_of: Vec<Option<usize>>,
    /// The classes some topic `requires`, each once.
    pub(crate) required: Vec<ClassId>,
    /// Every frame filed under a key class, to find the frames a sentence may match.
    pub(crate) frame_keys: super::framekeys::FrameKeys,
}

impl Known {
    pub(crate) fn of(lex: &Lexicon) -> Known {
        let mut trigger_of = vec![None; lex.classes.len()];
        for (t, trigger) in lex.triggers.iter().enumerate().rev() {
            if let Some(slot) = trigger_of.get_mut(trigger.class) {
                *slot = Some(t);
            }
        }
        Known {
            roles: Roles::of(lex),
            item_ref: lex.class("item-ref"),
            quoted: lex.class("quoted-title"),
            number: lex.class("number"),
            participle: lex.class("participle"),
            contexts: lex
                .classes
                .iter()
                .any(|c| !c.not_after.is_empty() || !c.not_before.is_empty()),
            with_context: lex
                .classes
                .iter()
                .map(|c| !c.not_after.is_empty() || !c.not_before.is_empty())
                .collect(),
            trigger_of,
            required: {
                let mut r: Vec<ClassId> = lex
                    .topics
                    .iter()
                    .flat_map(|t| t.requires.iter().copied())
                    .collect();
                r.sort_unstable();
                r.dedup();
                r
            },
            frame_keys: super::framekeys::FrameKeys::of(
                lex.classes.len(),
                lex.topics
                    .iter()
                    .map(|t| t.frames.iter().map(|f| f.slots.iter().map(|s| s.class))),
            ),
        }
    }
}

impl Lexicon {
    /// The classes some topic `requires`, each once (found once per lexicon).
    pub fn requirement_classes(&self) -> &[ClassId] {
        &self.known().required
    }

    /// What the analyser looks up by name, looked up once.
    pub(super) fn known(&self) -> &Known {
        self.known.get_or_init(|| Known::of(self))
    }

    /// The class with this name.
    pub fn class(&self, name: &str) -> Option<ClassId> {
        self.class_ids.get(name).copied()
    }

    /// The topic with this name.
    pub fn topic(&self, name: &str) -> Option<TopicId> {
        self.topics.iter().position(|t| t.name == name)
    }

    /// The names of the classes a rule may name (`@name`): listed in a lexicon file, not
    /// computed, and not made for a trigger or a frame's literal.
    pub fn class_names(&self) -> Vec<&str> {
        self.classes
            .iter()
            .filter(|c| !c.computed && valid_name(&c.name))
            .map(|c| c.name.as_str())
            .collect()
    }

    /// The entries of a class as regex alternatives, in the order they were listed: a
    /// `words:` entry as written, a `verbs:` or `nouns:` entry in every form; words
    /// escaped and joined by `\s+`, a `*` prefix as word characters.
    pub fn class_alternatives(&self, class: ClassId) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for (entry, how) in self.classes[class].entries.iter() {
            let forms: Vec<Vec<String>> = match how {
                Inflect::Exact => vec![entry.split_whitespace().map(str::to_owned).collect()],
                _ => entry_forms(entry, *how),
            };
            for words in forms {
                let alt = words
                    .iter()
                    .map(|w| match w.strip_suffix('*') {
                        Some(p) => format!(r"{}(?-u:\w)*", regex::escape(p)),
                        None => regex::escape(w),
                    })
                    .collect::<Vec<_>>()
                    .join(r"\s+");
                if !alt.is_empty() && !out.contains(&alt) {
                    out.push(alt);
                }
            }
        }
        out
    }

    /// The topic names.
    pub fn topic_names(&self) -> Vec<&str> {
        self.topics.iter().map(|t| t.name.as_str()).collect()
    }

    fn add_class(&mut self, name: &str, doc: &str) -> ClassId {
        self.known = Default::default();
        if let Some(i) = self.class(name) {
            return i;
        }
        self.class_ids.insert(name.to_owned(), self.classes.len());
        self.classes.push(Class {
            name: name.to_owned(),
            doc: doc.to_owned(),
            entries: Entries::default(),
            computed: false,
            not_after: Vec::new(),
            not_before: Vec::new(),
        });
        self.classes.len() - 1
    }

    fn add_entry(&mut self, class: ClassId, entry: Cow<'static, str>, how: Inflect) {
        use std::hash::BuildHasher;
        if self.unhashed.get(class).copied().unwrap_or(false) {
            // Entries from the built-in table: hashed now, before one is looked for.
            self.unhashed[class] = false;
            for (e, h) in self.classes[class].entries.iter() {
                self.entry_keys
                    .insert(self.entry_hasher.hash_one((class, *h, e)));
            }
        }
        let c = &mut self.classes[class];
        // An entry seen before has its hash seen before: only then are the class's entries
        // searched for it.
        let hash = self.entry_hasher.hash_one((class, how, &*entry));
        if !self.entry_keys.insert(hash) && c.entries.iter().any(|(e, h)| *e == entry && *h == how)
        {
            return;
        }
        let item = c.entries.push(entry, how);
        self.added.push(class, item, 1);
        // Words made before are forgotten (none while files are read: nothing to drop).
        if self.words.get().is_some() {
            self.words = Default::default();
        }
        self.builtin_words = false;
    }

    /// Adds entries of a built-in file's list from the table `build.rs` made of them
    /// ([`builtin_group`]): none is in the class yet, and each is well formed. They are not
    /// hashed (`unhashed`).
    fn add_group(&mut self, class: ClassId, (a, b): (u32, u32), how: Inflect) {
        if b <= a {
            return;
        }
        let c = &mut self.classes[class];
        c.entries.items.push(Item::Group(a, b, how));
        self.added
            .push(class, c.entries.items.len() - 1, (b - a) as usize);
        if self.unhashed.len() <= class {
            self.unhashed.resize(class + 1, false);
        }
        self.unhashed[class] = true;
        if self.words.get().is_some() {
            self.words = Default::default();
        }
        self.builtin_words = false;
    }

    /// Room for about `hashed` more entries added one by one (a hint: files are read faster
    /// without growing the table of entries step by step). A built-in file's lists take one
    /// run of `added` each, and no room of their own.
    pub(super) fn reserve_entries(&mut self, hashed: usize) {
        self.entry_keys.reserve(hashed);
        self.added.runs.reserve(hashed);
    }

    /// The entries in every inflection, by first word: built on first use ([`Words`]).
    pub(super) fn words(&self) -> &Words {
        self.words.get_or_init(|| {
            self.builtin_words
                .then(|| Words::builtin(self))
                .flatten()
                .unwrap_or_else(|| Words::of(self))
        })
    }

    /// A lexicon with only the computed classes, to which files are added.
    pub fn new() -> Lexicon {
        let mut lex = Lexicon::default();
        for (name, doc) in COMPUTED {
            let id = lex.add_class(name, doc);
            lex.classes[id].computed = true;
        }
        lex
    }

    /// Adds one lexicon file. Classes and triggers first (files may refer to each other's
    /// classes: call [`Lexicon::add_frames`] for every file once all are added).
    pub fn add_words(&mut self, root: &Node, cx: &mut Cx) {
        self.known = Default::default();
        if !cx.keys(
            root,
            "a lexicon file",
            &["classes", "triggers", "pseudo", "terminators", "topics"],
        ) {
            return;
        }
        if let Some(classes) = root.get("classes") {
            let classes = map_of(classes, "`classes`", cx);
            named_once(&classes, "class", cx);
            for (k, v) in classes {
                let Some(name) = k.as_str() else { continue };
                if !valid_name(name) {
                    cx.err(
                        k.span.clone(),
                        "a class name is lower-case words joined by hyphens",
                    );
                    continue;
                }
                if COMPUTED.iter().any(|(n, _)| *n == name) {
                    cx.err(
                        k.span.clone(),
                        format!("`{name}` is computed by cydlint and cannot be listed"),
                    );
                    continue;
                }
                self.class_words(name, v, cx);
            }
        }
        if let Some(triggers) = root.get("triggers") {
            let triggers = map_of(triggers, "`triggers`", cx);
            named_once(&triggers, "trigger", cx);
            for (k, v) in triggers {
                let Some(name) = k.as_str() else { continue };
                self.trigger(name, v, cx);
            }
        }
        for (key, what) in [("pseudo", "pseudo"), ("terminators", "terminator")] {
            if let Some(n) = root.get(key) {
                let id = self.class_words(what, n, cx);
                match key {
                    "pseudo" => self.pseudo = id.or(self.pseudo),
                    _ => self.terminators = id.or(self.terminators),
                }
            }
        }
    }

    /// Reads a class's `doc`, `words`, `verbs` and `nouns` into the class `name` (made if
    /// new, extended if not).
    fn class_words(&mut self, name: &str, node: &Node, cx: &mut Cx) -> Option<ClassId> {
        const KEYS: &[&str] = &["doc", "words", "verbs", "nouns", "not-after", "not-before"];
        if !keys_fit(node, KEYS) && !cx.keys(node, &format!("the class `{name}`"), KEYS) {
            return None;
        }
        let doc = node
            .get("doc")
            .and_then(|d| cx.str(d, "`doc`"))
            .unwrap_or_default();
        let id = self.add_class(name, &doc);
        if self.classes[id].doc.is_empty() {
            self.classes[id].doc = doc;
        }
        let mut any = false;
        for (key, what, how) in [
            ("words", "`words`", Inflect::Exact),
            ("verbs", "`verbs`", Inflect::Verb),
            ("nouns", "`nouns`", Inflect::Noun),
        ] {
            let Some(list) = node.get(key) else { continue };
            let Some(items) = cx.list(list, what) else {
                continue;
            };
            // A built-in file's list: its entries as `build.rs` checked, expanded and left
            // out of repeats, added as they are.
            if let Some(group) = self.builtin_file.and_then(|f| builtin_group(f, name, how)) {
                any |= !items.is_empty();
                self.add_group(id, group, how);
                continue;
            }
            // Room for the list at once, not grown entry by entry.
            self.classes[id].entries.reserve(items.len());
            for item in items {
                // The tree's own text: a built-in file's borrows from the binary.
                let entry = match &item.value {
                    Value::Scalar { text, .. } => text.clone(),
                    _ => {
                        cx.scalar(item, "an entry");
                        continue;
                    }
                };
                // Alternatives in parentheses: one entry for each combination, in order (most
                // entries have none, and are added as they are, with no list made for them).
                // A built-in entry's combinations were made at build time.
                let built = match &entry {
                    Cow::Borrowed(b) if b.contains('(') => builtin_alternatives(b),
                    _ => None,
                };
                if let Some(list) = built {
                    for e in list {
                        any |= self.add_checked(id, Cow::Borrowed(e), how, item, cx);
                    }
                } else if entry.contains(['(', ')']) {
                    match super::morph::alternatives(&entry) {
                        Some(list) => {
                            for e in list {
                                any |= self.add_checked(id, Cow::Owned(e), how, item, cx);
                            }
                        }
                        None => cx.err(
                            item.span.clone(),
                            format!(
                                "alternatives are written `(a|b)`: not nested, none empty, \
                                 at most {} combinations",
                                super::morph::MAX_ALTERNATIVES
                            ),
                        ),
                    }
                } else {
                    any |= self.add_checked(id, entry, how, item, cx);
                }
            }
        }
        if !any && self.classes[id].entries.is_empty() {
            cx.err(
                node.span.clone(),
                format!("the class `{name}` has no words, verbs or nouns"),
            );
        }
        Some(id)
    }

    /// Adds one entry of a class after checking its form (a word in it, `*` only at a word's
    /// end); `false` when refused, with the error pointing at the list item.
    fn add_checked(
        &mut self,
        id: ClassId,
        entry: Cow<'static, str>,
        how: Inflect,
        item: &Node,
        cx: &mut Cx,
    ) -> bool {
        if !super::token::has_word(&entry) {
            cx.err(item.span.clone(), "an entry needs at least one word");
            return false;
        }
        if entry.contains('*')
            && entry
                .split_whitespace()
                .any(|w| w.strip_suffix('*').unwrap_or(w).contains('*'))
        {
            cx.err(
                item.span.clone(),
                "`*` may only end a word (a prefix: `certif*`)",
            );
            return false;
        }
        self.add_entry(id, entry, how);
        true
    }

    fn trigger(&mut self, name: &str, node: &Node, cx: &mut Cx) {
        self.known = Default::default();
        if !cx.keys(
            node,
            &format!("the trigger `{name}`"),
            &[
                "doc",
                "status",
                "direction",
                "window",
                "topics",
                "not-topics",
                "requires",
                "inside",
                "words",
                "verbs",
                "nouns",
                "not-after",
                "not-before",
            ],
        ) {
            return;
        }
        let existing = self.triggers.iter().position(|t| t.name == name);
        let status = match node.get("status") {
            Some(s) => match s.as_str() {
                Some("negated") => Some(Status::Negated),
                Some("hedged") => Some(Status::Hedged),
                Some("pointer") => Some(Status::Pointer),
                _ => {
                    cx.err(
                        s.span.clone(),
                        "`status` of a trigger is negated, hedged or pointer",
                    );
                    return;
                }
            },
            None => None,
        };
        let direction = match node.get("direction") {
            Some(s) => match s.as_str() {
                Some("forward") => Some(Direction::Forward),
                Some("backward") => Some(Direction::Backward),
                _ => {
                    cx.err(s.span.clone(), "`direction` is forward or backward");
                    return;
                }
            },
            None => None,
        };
        let window = node.get("window").map(|w| cx.usize(w, "`window`"));
        // The words, as a class of their own (keys other than doc/words/verbs/nouns are the
        // trigger's: read them here, hand the rest to the class reader).
        let inside = match node.get("inside") {
            Some(n) => cx.bool(n, "`inside`"),
            None => None,
        };
        let words = strip_keys(
            node,
            &[
                "status",
                "direction",
                "window",
                "topics",
                "not-topics",
                "requires",
                "inside",
            ],
        );
        let Some(class) = self.class_words(&format!("trigger:{name}"), &words, cx) else {
            return;
        };
        let doc = node
            .get("doc")
            .and_then(|d| d.as_str())
            .unwrap_or("")
            .to_owned();
        match existing {
            Some(i) => {
                // A user pack extends a trigger: words only. Restating the same status,
                // direction and scope is allowed (a copy of the built-in pack loads).
                let t = &self.triggers[i];
                if status.is_some_and(|s| s != t.status)
                    || direction.is_some_and(|d| d != t.direction)
                    || inside.is_some_and(|x| x != t.inside)
                {
                    cx.err(
                        node.span.clone(),
                        format!(
                            "the trigger `{name}` exists; a pack may add words to it, not change its status or direction"
                        ),
                    );
                }
                let _ = &self.triggers[i];
            }
            None => {
                let (Some(status), Some(direction)) = (status, direction) else {
                    cx.err(
                        node.span.clone(),
                        format!("the trigger `{name}` needs `status` and `direction`"),
                    );
                    return;
                };
                self.triggers.push(Trigger {
                    name: name.to_owned(),
                    doc,
                    status,
                    direction,
                    window: window.flatten(),
                    topics: Vec::new(),
                    not_topics: Vec::new(),
                    inside: inside.unwrap_or(false),
                    requires: Vec::new(),
                    class,
                });
            }
        }
    }

    /// Reads the topics of one file, and the triggers' `topics` and `requires` (which name
    /// topics and classes, so come after every file's words).
    pub fn add_frames(&mut self, root: &Node, cx: &mut Cx) {
        self.known = Default::default();
        if let Some(classes) = root.get("classes").and_then(|c| c.as_map()) {
            for (k, v) in classes {
                let Some(id) = k.as_str().and_then(|n| self.class(n)) else {
                    continue;
                };
                for key in ["not-after", "not-before"] {
                    let Some(n) = v.get(key) else { continue };
                    let ids = self.class_refs(n, cx);
                    match key {
                        "not-after" => self.classes[id].not_after.extend(ids),
                        _ => self.classes[id].not_before.extend(ids),
                    }
                }
            }
        }
        if let Some(triggers) = root.get("triggers") {
            for (k, v) in map_of(triggers, "`triggers`", cx) {
                let Some(name) = k.as_str() else { continue };
                let Some(i) = self.triggers.iter().position(|t| t.name == name) else {
                    continue;
                };
                // A trigger's context, as a class's: "*May*" after "in" is a month, not a
                // modal.
                for key in ["not-after", "not-before"] {
                    let Some(n) = v.get(key) else { continue };
                    let ids = self.class_refs(n, cx);
                    let class = self.triggers[i].class;
                    match key {
                        "not-after" => self.classes[class].not_after.extend(ids),
                        _ => self.classes[class].not_before.extend(ids),
                    }
                }
                for key in ["topics", "not-topics"] {
                    let Some(t) = v.get(key) else { continue };
                    let mut ids = Vec::new();
                    for (n, span) in names(t, &format!("`{key}`"), cx) {
                        match self.topic(&n) {
                            Some(id) => ids.push(id),
                            None => self.unknown(cx, span, "topic", &n),
                        }
                    }
                    match key {
                        "topics" => self.triggers[i].topics.extend(ids),
                        _ => self.triggers[i].not_topics.extend(ids),
                    }
                }
                if let Some(r) = v.get("requires") {
                    let ids = self.class_refs(r, cx);
                    self.triggers[i].requires.extend(ids);
                }
            }
        }
    }

    /// Reads the topics of one file (their names first, for every file, so that triggers
    /// may name them: [`Lexicon::add_topic_names`]).
    pub fn add_topics(&mut self, root: &Node, cx: &mut Cx) {
        self.known = Default::default();
        let Some(topics) = root.get("topics") else {
            return;
        };
        for (k, v) in map_of(topics, "`topics`", cx) {
            let Some(name) = k.as_str() else { continue };
            if !cx.keys(
                v,
                &format!("the topic `{name}`"),
                &[
                    "doc",
                    "paragraph",
                    "frames",
                    "actor",
                    "not-actor",
                    "actor-is",
                    "requires",
                    "anchor-in-pointer",
                    "veto",
                    "part-of",
                    "entails",
                    "entails-when",
                    "entails-status",
                ],
            ) {
                continue;
            }
            let Some(id) = self.topic(name) else { continue };
            if let Some(d) = v.get("doc").and_then(|d| cx.str(d, "`doc`")) {
                self.topics[id].doc = d;
            }
            if let Some(p) = v.get("paragraph").and_then(|d| cx.str(d, "`paragraph`")) {
                self.topics[id].paragraph = p;
            }
            if let Some(a) = v.get("actor") {
                match a.as_str() {
                    Some("any") => self.topics[id].actor = Actor::Any,
                    Some("agent") => self.topics[id].actor = Actor::Agent,
                    Some("affected") => self.topics[id].actor = Actor::Affected,
                    _ => cx.err(a.span.clone(), "`actor` is any, agent or affected"),
                }
            }
            if let Some(n) = v.get("not-actor") {
                let ids = self.class_refs(n, cx);
                self.topics[id].not_actor.extend(ids);
            }
            if let Some(n) = v.get("actor-is") {
                let ids = self.class_refs(n, cx);
                self.topics[id].actor_is.extend(ids);
            }
            if let Some(n) = v.get("requires") {
                let ids = self.class_refs(n, cx);
                self.topics[id].requires.extend(ids);
            }
            if let Some(b) = v
                .get("anchor-in-pointer")
                .and_then(|b| cx.bool(b, "`anchor-in-pointer`"))
            {
                self.topics[id].anchor_in_pointer = b;
            }
            if let Some(n) = v.get("veto") {
                let ids = self.class_refs(n, cx);
                self.topics[id].veto.extend(ids);
            }
            if let Some(n) = v.get("part-of") {
                for (whole, span) in names(n, "`part-of`", cx) {
                    match self.topic(&whole) {
                        Some(w) if w == id => {
                            cx.err(span, "a topic cannot be a part of itself");
                        }
                        Some(w) => self.topics[id].part_of.push(w),
                        None => self.unknown(cx, span, "topic", &whole),
                    }
                }
            }
            if let Some(n) = v.get("entails") {
                for (other, span) in names(n, "`entails`", cx) {
                    match self.topic(&other) {
                        Some(w) if w == id => cx.err(span, "a topic cannot entail itself"),
                        Some(w) => self.topics[id].entails.push(w),
                        None => self.unknown(cx, span, "topic", &other),
                    }
                }
            }
            if let Some(n) = v.get("entails-when") {
                let ids = self.class_refs(n, cx);
                self.topics[id].entails_when.extend(ids);
            }
            if let Some(n) = v.get("entails-status") {
                for (name, span) in names(n, "`entails-status`", cx) {
                    match Status::parse(&name) {
                        Some(st) => self.topics[id].entails_status.push(st),
                        None => cx.err(
                            span,
                            "`entails-status` lists statuses: affirmed, negated, hedged, pointer",
                        ),
                    }
                }
            }
            if let Some(frames) = v.get("frames") {
                let list = cx.list(frames, "`frames`").unwrap_or_default();
                self.topics[id].frames.reserve(list.len());
                for f in list {
                    let Some(src) = cx.str(f, "a frame") else {
                        continue;
                    };
                    if let Some(frame) = self.frame(src, f, cx) {
                        self.topics[id].frames.push(frame);
                    }
                }
            }
        }
    }

    /// Declares the topics of one file (so that triggers and rules may name them).
    pub fn add_topic_names(&mut self, root: &Node, cx: &mut Cx) {
        self.known = Default::default();
        let Some(topics) = root.get("topics") else {
            return;
        };
        let topics = map_of(topics, "`topics`", cx);
        named_once(&topics, "topic", cx);
        for (k, _) in topics {
            let Some(name) = k.as_str() else { continue };
            if !valid_name(name) {
                cx.err(
                    k.span.clone(),
                    "a topic name is lower-case words joined by hyphens",
                );
                continue;
            }
            if self.topic(name).is_none() {
                self.topics.push(Topic {
                    name: name.to_owned(),
                    doc: String::new(),
                    paragraph: String::new(),
                    frames: Vec::new(),
                    actor: Actor::Any,
                    not_actor: Vec::new(),
                    actor_is: Vec::new(),
                    requires: Vec::new(),
                    veto: Vec::new(),
                    part_of: Vec::new(),
                    entails: Vec::new(),
                    entails_when: Vec::new(),
                    entails_status: Vec::new(),
                    anchor_in_pointer: false,
                });
            }
        }
    }

    fn unknown(&self, cx: &mut Cx, span: std::ops::Range<usize>, what: &str, name: &str) {
        let known: Vec<&str> = if what == "topic" {
            self.topic_names()
        } else {
            self.classes
                .iter()
                .filter(|c| !c.name.contains(':') && c.name != "pseudo" && c.name != "terminator")
                .map(|c| c.name.as_str())
                .collect()
        };
        let hint = closest(name, &known)
            .map(|c| format!("; did you mean `{c}`?"))
            .unwrap_or_default();
        cx.err(span, format!("unknown {what} `{name}`{hint}"));
    }

    fn class_refs(&mut self, node: &Node, cx: &mut Cx) -> Vec<ClassId> {
        let mut out = Vec::new();
        for (n, span) in names(node, "a list of classes", cx) {
            match self.class(n.trim_start_matches('@')) {
                Some(id) if !self.classes[id].name.contains(':') => out.push(id),
                _ => self.unknown(cx, span, "class", n.trim_start_matches('@')),
            }
        }
        out
    }

    /// Parses a frame: `@class`, `!@class`, literal words, `~N`, after optional `[negative]`,
    /// `[presupposed]`, `[if-affirmed]`, `[if-negated]`, `[if-hedged]` and `[if-pointer]` marks.
    fn frame(&mut self, src: String, node: &Node, cx: &mut Cx) -> Option<Frame> {
        if self.frame_table
            && let Some(frame) = self.frame_of_table(&src)
        {
            return Some(Frame {
                source: src,
                ..frame
            });
        }
        // Most frames have up to four slots: room for them at once.
        let mut slots: Vec<Slot> = Vec::with_capacity(4);
        // The name of a literal's class (`literal:WORD`), made in one buffer.
        let mut literal = String::new();
        let mut anchor = None;
        let mut gap = 0;
        let mut ok = true;
        let (mut negative, mut presupposed) = (false, false);
        let mut only = None;
        for item in src.split_whitespace() {
            match item {
                "[negative]" if slots.is_empty() => {
                    negative = true;
                    continue;
                }
                "[if-hedged]" if slots.is_empty() => {
                    only = Some(Status::Hedged);
                    continue;
                }
                "[if-negated]" if slots.is_empty() => {
                    only = Some(Status::Negated);
                    continue;
                }
                "[if-affirmed]" if slots.is_empty() => {
                    only = Some(Status::Affirmed);
                    continue;
                }
                "[if-pointer]" if slots.is_empty() => {
                    only = Some(Status::Pointer);
                    continue;
                }
                "[presupposed]" if slots.is_empty() => {
                    presupposed = true;
                    continue;
                }
                _ if item.starts_with('[') => {
                    cx.err(
                        node.span.clone(),
                        format!(
                            "`{item}`: a frame's marks are [negative], [presupposed], [if-affirmed], [if-negated], [if-hedged] and [if-pointer], before its first slot"
                        ),
                    );
                    ok = false;
                    continue;
                }
                _ => {}
            }
            if let Some(n) = item.strip_prefix('~') {
                match n.parse::<usize>() {
                    Ok(g) if g <= 40 && !slots.is_empty() => gap = g,
                    _ => {
                        cx.err(
                            node.span.clone(),
                            format!("`{item}`: a gap is ~N with N at most 40, between two slots"),
                        );
                        ok = false;
                    }
                }
                continue;
            }
            let (is_anchor, rest) = match item.strip_prefix('!') {
                Some(r) => (true, r),
                None => (false, item),
            };
            let class = if let Some(name) = rest.strip_prefix('@') {
                match self.class(name) {
                    Some(id) if !self.classes[id].name.contains(':') => id,
                    _ => {
                        self.unknown(cx, node.span.clone(), "class", name);
                        ok = false;
                        continue;
                    }
                }
            } else {
                let words = super::token::words_of(rest);
                if words.len() != 1 {
                    cx.err(
                        node.span.clone(),
                        format!("`{rest}`: a literal slot is one word"),
                    );
                    ok = false;
                    continue;
                }
                let word = words.into_iter().next().unwrap_or_default();
                self.literal_class(&word, &mut literal)
            };
            if is_anchor {
                if anchor.is_some() {
                    cx.err(node.span.clone(), "a frame has one anchor (`!`)");
                    ok = false;
                }
                anchor = Some(slots.len());
            }
            slots.push(Slot { class, gap });
            gap = 0;
        }
        if slots.is_empty() {
            cx.err(node.span.clone(), "a frame needs at least one slot");
            return None;
        }
        ok.then(|| Frame {
            slots,
            anchor: anchor.unwrap_or(0),
            source: src,
            negative,
            only,
            presupposed,
        })
    }

    /// The class of a frame's literal word (`literal:WORD`, its name made in `buf`), made
    /// with its word if new.
    fn literal_class(&mut self, word: &str, buf: &mut String) -> ClassId {
        buf.clear();
        buf.push_str("literal:");
        buf.push_str(word);
        match self.class(buf) {
            // A literal's class is made here only, with its word: one already made has it
            // (adding it again would find it there and add nothing).
            Some(id)
                if self.classes[id]
                    .entries
                    .iter()
                    .any(|(e, h)| e == word && *h == Inflect::Exact) =>
            {
                id
            }
            _ => {
                let id = self.add_class(buf, "");
                self.add_entry(id, Cow::Owned(word.to_owned()), Inflect::Exact);
                id
            }
        }
    }

    /// The frame `src` as the table `build.rs` read it ([`FRAMES`]: the same marks, gaps,
    /// anchor and slots [`Lexicon::frame`] reads), its classes found by name and its
    /// literals' classes made as [`Lexicon::frame`] makes them, in the order of its slots;
    /// without its source. `None` — and nothing made — when it is not in the table or names
    /// a class the lexicon lacks (or one made for a trigger or a literal): [`Lexicon::frame`]
    /// reads it, and reports that.
    fn frame_of_table(&mut self, src: &str) -> Option<Frame> {
        let i = FRAMES
            .binary_search_by(|&(a, b, ..)| frame_text(a, b).cmp(src))
            .ok()?;
        let (_, _, flags, only, anchor, first, last) = FRAMES[i];
        let table = FRAME_SLOTS.get(first as usize..last as usize)?;
        // The classes first (nothing made yet if one is missing), then the literals, in
        // order.
        let mut slots = Vec::with_capacity(table.len());
        for &(a, b, literal, gap) in table {
            let class = if literal == 0 {
                match self.class(frame_text(a, b)) {
                    Some(id) if !self.classes[id].name.contains(':') => id,
                    _ => return None,
                }
            } else {
                usize::MAX
            };
            slots.push(Slot {
                class,
                gap: usize::from(gap),
            });
        }
        let mut buf = String::new();
        for (slot, &(a, b, literal, _)) in slots.iter_mut().zip(table) {
            if literal != 0 {
                slot.class = self.literal_class(frame_text(a, b), &mut buf);
            }
        }
        Some(Frame {
            slots,
            anchor: usize::from(anchor),
            source: String::new(),
            negative: flags & 1 != 0,
            only: match only {
                1 => Some(Status::Affirmed),
                2 => Some(Status::Negated),
                3 => Some(Status::Hedged),
                4 => Some(Status::Pointer),
                _ => None,
            },
            presupposed: flags & 2 != 0,
        })
    }

    /// Checks what a whole lexicon needs: every topic has frames.
    pub fn finish(&self, cx: &mut Cx) {
        for t in &self.topics {
            if t.frames.is_empty() {
                cx.err(0..0, format!("the topic `{}` has no frames", t.name));
            }
        }
    }
}

/// True when `node` is a mapping whose keys are all in `allowed`, each once: what
/// [`Cx::keys`] accepts without a word, tested first so that its message (a `format!`) is
/// only written for a mapping it has something to say about.
fn keys_fit(node: &Node, allowed: &[&str]) -> bool {
    let Some(map) = node.as_map() else {
        return false;
    };
    map.iter().enumerate().all(|(i, (k, _))| {
        k.as_str().is_some_and(|k| {
            allowed.contains(&k) && !map[..i].iter().any(|(p, _)| p.as_str() == Some(k))
        })
    })
}

/// Classes made for triggers, pseudo-triggers and terminators (their verbs are not
/// predicates of their own).
pub(super) fn class_is_trigger(name: &str) -> bool {
    name.starts_with("trigger:") || name == "pseudo" || name == "terminator"
}

fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// A file names each class, trigger or topic once: a second entry under the same name (which
/// the YAML reader keeps) would be read as an extension of the first, silently — across files
/// that is how a pack adds words, within one file it is a slip.
fn named_once(entries: &[(&Node, &Node)], what: &str, cx: &mut Cx) {
    let mut seen: Vec<&str> = Vec::new();
    for (k, _) in entries {
        let Some(name) = k.as_str() else { continue };
        if seen.contains(&name) {
            cx.err(
                k.span.clone(),
                format!("the {what} `{name}` is defined twice in this file; merge the two entries"),
            );
        }
        seen.push(name);
    }
}

fn map_of<'n>(node: &'n Node, what: &str, cx: &mut Cx) -> Vec<(&'n Node, &'n Node)> {
    match node.as_map() {
        Some(m) => m.iter().map(|(k, v)| (k, v)).collect(),
        None => {
            cx.err(
                node.span.clone(),
                format!("{what} must be a mapping, found {}", node.type_name()),
            );
            Vec::new()
        }
    }
}

fn names(node: &Node, what: &str, cx: &mut Cx) -> Vec<(String, std::ops::Range<usize>)> {
    let items: Vec<&Node> = match node.as_seq() {
        Some(s) => s.iter().collect(),
        None => vec![node],
    };
    items
        .into_iter()
        .filter_map(|n| cx.str(n, what).map(|s| (s, n.span.clone())))
        .collect()
}

/// A copy of a mapping without some keys.
fn strip_keys(node: &Node, keys: &[&str]) -> Node {
    match node.as_map() {
        Some(m) => Node {
            value: crate::syntax::yaml::Value::Map(
                m.iter()
                    .filter(|(k, _)| !k.as_str().is_some_and(|k| keys.contains(&k)))
                    .cloned()
                    .collect(),
            ),
            span: node.span.clone(),
        },
        None => node.clone(),
    }
}

/// The lexicon's tests, run by `claims`' own (`mod.rs`), which compiles the lexicons they
/// read: this file may not import the module above it.
#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// A class's entries kept as built-in ranges and single entries, and the runs of
    /// `added`, read as the lists they stand in for: on generated mixes of ranges of the
    /// table and entries of their own, added to a few classes in turn, every class's
    /// entries in order, each by its index, the count and the `Debug` text are those of the
    /// list of entries copied one by one (as they were kept before), and the runs, which
    /// keep no first index, give every (class, index in the class) pair in the order added,
    /// as the pairs kept one by one did.
    #[test]
    fn entries_kept_as_ranges_read_as_the_list_copied_entry_by_entry() {
        let mut seed = 0x9e37_79b9_u64;
        let mut next = |n: usize| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            ((seed >> 33) as usize) % n.max(1)
        };
        let hows = [Inflect::Exact, Inflect::Verb, Inflect::Noun];
        let total = CLASS_ENTRIES.len();
        assert!(total > 1000);
        for _ in 0..200 {
            // Up to four classes with ids spread out (not all from 0), entries added to
            // them in turn.
            let ids: Vec<ClassId> = (0..1 + next(4)).map(|k| k * 7 + next(7)).collect();
            let mut entries = vec![Entries::default(); ids.len()];
            let mut want: Vec<Vec<(Cow<'static, str>, Inflect)>> = vec![Vec::new(); ids.len()];
            let mut added = Added::default();
            let mut want_added: Vec<(ClassId, usize)> = Vec::new();
            for _ in 0..next(16) {
                let k = next(ids.len());
                let (class, entries, want) = (ids[k], &mut entries[k], &mut want[k]);
                let how = hows[next(3)];
                let first = want.len();
                if next(2) == 0 {
                    let a = next(total);
                    let b = (a + 1 + next(40)).min(total);
                    entries.items.push(Item::Group(a as u32, b as u32, how));
                    for &(x, y) in &CLASS_ENTRIES[a..b] {
                        want.push((Cow::Borrowed(class_text(x, y)), how));
                    }
                    added.push(class, entries.items.len() - 1, b - a);
                    want_added.extend((first..b - a + first).map(|i| (class, i)));
                } else {
                    let e = format!("entry {}", next(1000));
                    let item = entries.push(Cow::Owned(e.clone()), how);
                    want.push((Cow::Owned(e), how));
                    added.push(class, item, 1);
                    want_added.push((class, first));
                }
            }
            for (entries, want) in entries.iter().zip(&want) {
                let got: Vec<(&str, &Inflect)> = entries.iter().collect();
                let expect: Vec<(&str, &Inflect)> = want.iter().map(|(e, h)| (&**e, h)).collect();
                assert_eq!(got, expect);
                assert_eq!(entries.len(), want.len());
                assert_eq!(entries.is_empty(), want.is_empty());
                for i in 0..=want.len() {
                    assert_eq!(entries.get(i), want.get(i).map(|(e, h)| (&**e, h)));
                }
                assert_eq!(format!("{entries:?}"), format!("{want:?}"));
            }
            assert_eq!(added.iter().collect::<Vec<_>>(), want_added);
            assert_eq!(added.len(), want_added.len());
            assert_eq!(format!("{added:?}"), format!("{want_added:?}"));
        }
    }

    /// The combinations `build.rs` made for the built-in entries are those the crate makes.
    #[test]
    fn built_in_alternatives_are_the_crates_own_expansion() {
        assert!(BUILTIN_ALTERNATIVES.len() > 50);
        let entries: Vec<&str> = BUILTIN_ALTERNATIVES
            .iter()
            .map(|&(a, b, _, _)| alternatives_text(a, b))
            .collect();
        assert!(entries.windows(2).all(|w| w[0] < w[1]));
        // Every combination belongs to one entry, in order.
        assert_eq!(BUILTIN_ALTERNATIVES[0].2, 0);
        assert!(BUILTIN_ALTERNATIVES.windows(2).all(|w| w[0].3 == w[1].2));
        assert_eq!(
            BUILTIN_ALTERNATIVES.last().map(|r| r.3 as usize),
            Some(ALTERNATIVE_COMBINATIONS.len())
        );
        for e in entries {
            let made = super::super::morph::alternatives(e).expect("a well-formed entry");
            let stored: Vec<String> = builtin_alternatives(e)
                .expect("found by its text")
                .map(str::to_string)
                .collect();
            assert_eq!(made, stored, "{e}");
            // A text the table lacks is not found.
            assert!(builtin_alternatives(&format!("{e} (x|y)")).is_none());
        }
    }

    /// The table of the built-in files' class lists is sorted (it is searched by halves)
    /// and every list is found by its key; returns its keys.
    pub fn class_groups_are_sorted() -> Vec<(u16, &'static str, u8)> {
        let keys: Vec<(u16, &str, u8)> = CLASS_GROUPS
            .iter()
            .map(|&(f, a, b, h, _, _)| (f, class_text(a, b), h))
            .collect();
        assert!(keys.windows(2).all(|w| w[0] < w[1]));
        for &(f, name, h) in &keys {
            let how = [Inflect::Exact, Inflect::Verb, Inflect::Noun][usize::from(h)];
            assert!(builtin_group(f, name, how).is_some(), "{name}");
        }
        keys
    }

    /// The table of the built-in frames is sorted (it is searched by halves) and holds
    /// every frame of the built-in lexicon (`lex`), so that the lexicon read with it is the
    /// one the tests compare with the lexicon read without.
    pub fn the_frames_table_holds_every_builtin_frame(lex: &Lexicon) {
        let sources: Vec<&str> = FRAMES.iter().map(|&(a, b, ..)| frame_text(a, b)).collect();
        assert!(sources.windows(2).all(|w| w[0] < w[1]));
        let mut n = 0;
        for t in &lex.topics {
            for f in &t.frames {
                assert!(
                    sources.binary_search(&f.source.as_str()).is_ok(),
                    "{}",
                    f.source
                );
                n += 1;
            }
        }
        assert!(n > 300, "{n}");
    }

    /// What a [`Words`] finds: every first word's forms (class, the words after it), the
    /// prefix forms in their order, the verb forms.
    type Dump = (
        std::collections::BTreeMap<String, Vec<(ClassId, Vec<String>)>>,
        Vec<(String, ClassId, Vec<String>)>,
        std::collections::BTreeSet<String>,
    );

    /// What `words` finds, every first word looked up through its hash table.
    fn dump(words: &Words) -> Dump {
        let strings =
            |r: super::super::words::Rest<'_>| r.iter().map(str::to_owned).collect::<Vec<String>>();
        let mut first = std::collections::BTreeMap::new();
        let mut verbs = std::collections::BTreeSet::new();
        for head in words.table.heads() {
            let list: Vec<(ClassId, Vec<String>)> =
                words.first(head).map(|(c, r)| (c, strings(r))).collect();
            if !list.is_empty() {
                first.insert(head.to_owned(), list);
            }
            if words.is_verb_form(head) {
                verbs.insert(head.to_owned());
            }
        }
        // An empty word may start with any prefix: every prefix form, in order.
        let prefixed: Vec<(String, ClassId, Vec<String>)> = words
            .prefixed_for("")
            .map(|(p, c, r)| (String::from_utf8_lossy(p).into_owned(), c, strings(r)))
            .collect();
        assert_eq!(prefixed.len(), words.table.prefixed_len());
        (first, prefixed, verbs)
    }

    /// The words the analyser finds classes by, as the forms of each entry in the order the
    /// entries were added: every first word's list, the prefixes and the verb forms are
    /// those of [`entry_forms`] (the built-in lexicon, and one extended by a second file
    /// that repeats and reorders some of its entries), whether made at run time or (the
    /// built-in lexicon's) by `build.rs`.
    /// `extended`: the built-in files and `EXTRA_FILE`.
    pub fn words_are_the_forms_of_the_entries_in_order(builtin: &Lexicon, extended: &Lexicon) {
        for lex in [builtin, extended] {
            let mut first: std::collections::BTreeMap<String, Vec<(ClassId, Vec<String>)>> =
                Default::default();
            let mut prefixed: Vec<(String, ClassId, Vec<String>)> = Vec::new();
            let mut verbs: std::collections::BTreeSet<String> = Default::default();
            for (class, i) in lex.added.iter() {
                let c = &lex.classes[class];
                let (entry, how) = c.entries.get(i).expect("an entry added");
                for words in entry_forms(entry, *how) {
                    let head = words[0].clone();
                    if *how == Inflect::Verb && !class_is_trigger(&c.name) {
                        verbs.insert(head.clone());
                    }
                    match head.strip_suffix('*') {
                        Some(p) => prefixed.push((p.to_owned(), class, words[1..].to_vec())),
                        None => {
                            let list = first.entry(head).or_default();
                            if !list.iter().any(|(k, w)| *k == class && *w == words[1..]) {
                                list.push((class, words[1..].to_vec()));
                            }
                        }
                    }
                }
            }
            let want = (first, prefixed, verbs);
            assert_eq!(dump(&Words::of(lex)), want);
            assert_eq!(dump(lex.words()), want);
            assert!(want.0.len() > 1000 && !want.2.is_empty());
            // The extra file's `certif*`: a prefix form.
            assert_eq!(want.1.is_empty(), std::ptr::eq(lex, builtin));
        }
        // The extended lexicon's words are made at run time, the built-in one's by `build.rs`.
        assert!(!extended.builtin_words);
        assert!(matches!(extended.words().table.text, Cow::Owned(_)));
        assert!(builtin.builtin_words);
        assert!(matches!(builtin.words().table.text, Cow::Borrowed(_)));
    }

    /// The table `build.rs` makes of the built-in lexicon is the one made at run time from
    /// the lexicon read from the same files: the same forms, in the same order, under the
    /// same classes (found by name), the same prefix forms and verb forms.
    /// `lex`: the built-in lexicon, read from its files.
    pub fn the_builtin_words_table_is_the_one_made_at_run_time(lex: &Lexicon) {
        assert!(lex.builtin_words);
        let made = Words::builtin(lex).expect("every class of the table is in the lexicon");
        let run_time = Words::of(lex);
        assert_eq!(dump(&made), dump(&run_time));
        // And the same filter of the first words two tokens may spell.
        assert_eq!(made.table.joins, run_time.table.joins);
        // The keys of the forms' second words are those of their words, in both.
        for w in [&made, &run_time] {
            let groups = (
                w.table.head_groups.to_vec(),
                w.table.groups.to_vec(),
                w.table.lists.to_vec(),
            );
            assert_eq!(groups, w.table.groups_made_again());
        }
        // A class the lexicon lacks: no table borrowed.
        let mut other = Lexicon::new();
        other.builtin_words = true;
        assert!(Words::builtin(&other).is_none());
        assert!(matches!(other.words().table.text, Cow::Owned(_)));
    }

    /// The table of forms `build.rs` makes is sorted (it is searched by halves), holds every
    /// entry of the built-in lexicon, and each row is what [`entry_forms`] gives now.
    /// `lex`: the built-in lexicon.
    pub fn the_builtin_forms_are_the_forms_of_the_entries(lex: &Lexicon) {
        let key = |&(a, b, h, _, _): &(u32, u32, u8, u32, u32)| {
            (h, forms_text(a, b).len(), forms_text(a, b))
        };
        assert!(FORM_ENTRIES.windows(2).all(|w| key(&w[0]) < key(&w[1])));
        for row in FORM_ENTRIES {
            let (code, _, entry) = key(row);
            let how = [Inflect::Exact, Inflect::Verb, Inflect::Noun][usize::from(code)];
            let got: Vec<Vec<&str>> = builtin_forms(entry, how)
                .expect("a row is found")
                .map(|f| f.collect())
                .collect();
            assert_eq!(entry_forms(entry, how), got, "{entry:?} {how:?}");
        }
        let mut found = 0;
        for (class, i) in lex.added.iter() {
            let (entry, how) = lex.classes[class].entries.get(i).expect("an entry added");
            if builtin_forms(entry, *how).is_some() {
                found += 1;
            } else {
                // Only the literal words of frames are made at run time.
                assert!(lex.classes[class].name.starts_with("literal:"), "{entry:?}");
            }
        }
        assert!(found > 3000, "{found}");
    }
}
