//! The claim layer: what each sentence says about the requirements of Item 106, Item 16K
//! and Item 1.05, and whether it says it, denies it, hedges it or points elsewhere.
//!
//! # Why a layer, not more regexes
//!
//! The first rules were regexes tuned on the phrasing of eight filings, and they failed as
//! such rules fail: a reviewer reading other 10-Ks found four in ten wording warnings false
//! and real contradictions missed, because drafters vary the verb ("retain", "work with",
//! "rely on"), the voice ("an independent firm assesses our program"), the part of speech
//! ("the engagement of outside assessors", "a material effect"), and where the negation sits
//! ("we are not aware of any incident that …", "no … has", "neither … nor"). So the rules now
//! ask a question of the *sentence* — "does it affirm that the registrant engages third
//! parties?" — and one analysis answers it for every rule, the scorecard and drafts alike.
//!
//! # How
//!
//! The method is NegEx / ConText (Chapman et al. 2001; Harkema et al. 2009), as clinical text
//! mining uses it to tell "no evidence of pneumonia" from "pneumonia": deterministic, and
//! every answer explainable by the words it rests on.
//!
//! * A **topic** ("third-party-engaged", "material-effect", …; see `rules/lexicon/`) is
//!   recognised by **frames**: short sequences of word classes with bounded gaps ("a verb
//!   of engaging … a kind of assessor", "an assessor … a verb of assessing … our program").
//! * Word **classes** are lexicons written as lemmas and matched in every inflection
//!   ([`morph`]): a verb once, its -s, -ed, -ing forms found; a noun once, its plural found.
//! * **Triggers** set a mention's **status**: negations (`not`, `no`, `never`, `neither`,
//!   `without`, "not aware of"), hedges (`could`, `may`, `if`, "in the event", "there can be
//!   no assurance", "intends to", generic requirements), pointers ("see", "refer to", "is
//!   discussed in" — only when the sentence names a place to point at). Each has a direction
//!   and a scope ending at a terminator, and pseudo-triggers ("not only", "not limited to")
//!   are not triggers at all ([`analyse`]).
//! * The **actor** of a mention is checked where it matters: a vendor that engages auditors,
//!   or customers that were materially affected, do not make a claim about the registrant.
//!
//! Everything the layer knows is data in the rule pack, so a user pack can see it
//! (`cydlint explain lexicon`) and extend it (a `lexicon/` folder beside its rules). It is
//! measured on a sentence set nobody tuned it to (`fixtures/judgement/`).

pub mod analyse;
pub mod claim;
pub mod eval;
mod framekeys;
pub mod lexicon;
pub mod morph;
pub mod token;
mod words;

use std::ops::Range;
use std::path::{Path, PathBuf};

pub use claim::{Claim, Status, TopicId};
pub use lexicon::Lexicon;

use crate::syntax::error::RuleError;
use crate::syntax::packed::File;
use crate::syntax::validate::Cx;

include!(concat!(env!("OUT_DIR"), "/builtin_lexicon.rs"));

/// The built-in lexicon, compiled once per process. It is tested to load without error
/// (`cargo test`); were a broken one ever built, every run would say so on standard error and
/// the layer would find no claims.
pub fn builtin() -> &'static Lexicon {
    builtin_shared()
}

/// The one built-in lexicon of the process, behind [`builtin`] and [`builtin_arc`].
fn builtin_shared() -> &'static std::sync::Arc<Lexicon> {
    static LEX: std::sync::LazyLock<std::sync::Arc<Lexicon>> = std::sync::LazyLock::new(|| {
        std::sync::Arc::new(load(&[], false).unwrap_or_else(|errors| {
            for e in errors {
                eprintln!("cydlint: built-in lexicon: {}: {}", e.file, e.message);
            }
            Lexicon::new()
        }))
    });
    &LEX
}

/// The built-in lexicon, shared: the same one as [`builtin`] (a copy cost a millisecond of
/// every run's start-up).
pub fn builtin_arc() -> std::sync::Arc<Lexicon> {
    builtin_shared().clone()
}

/// The lexicon files of a user pack: `DIR/lexicon/*.yaml`, sorted.
pub fn pack_files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir.join("lexicon"))
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| {
                    p.is_file()
                        && matches!(
                            p.extension().and_then(|x| x.to_str()),
                            Some("yaml") | Some("yml")
                        )
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// Compiles lexicon files (display name, text) into one lexicon: every file's classes and
/// triggers, then every file's topic names, then topics and the triggers' topic lists — so
/// files may refer to each other — collecting every problem of every file.
pub fn compile(files: &[(String, String)]) -> Result<Lexicon, Vec<RuleError>> {
    let files: Vec<(&str, File<'_>)> = files
        .iter()
        .map(|(name, src)| (name.as_str(), File::User(src)))
        .collect();
    compile_files(&files, true)
}

/// [`compile`] for files (display name, file) that may be built in, with their trees parsed
/// at build time ([`crate::syntax::packed`]). With `tables`, the built-in files read first,
/// in their order, add their classes' lists from the table `build.rs` made of them
/// (`lexicon::CLASS_GROUPS`) instead of entry by entry, and a frame found in the table of the
/// built-in frames (`lexicon::FRAMES`) is not read word by word; without, as any file (the
/// tests compare the two).
fn compile_files(files: &[(&str, File<'_>)], tables: bool) -> Result<Lexicon, Vec<RuleError>> {
    let mut lex = Lexicon::new();
    // The index of each file in `BUILTIN_LEXICON` when it is that built-in file, read in
    // its place: every built-in file before it read before it, and no other.
    let builtin_index = |i: usize, file: &File<'_>| match *file {
        File::BuiltIn(s, _) if tables => BUILTIN_LEXICON
            .get(i)
            .filter(|(_, b)| std::ptr::eq(*b, s))
            .and(u16::try_from(i).ok()),
        _ => None,
    };
    // Room for the entries added one by one (the built-in lexicon: one per 28 bytes of YAML)
    // and their hashes: those of the files not read from the tables.
    let size = files
        .iter()
        .enumerate()
        .filter(|(i, (_, f))| builtin_index(*i, f).is_none())
        .map(|(_, (_, f))| f.text().len())
        .sum::<usize>()
        / 24;
    lex.reserve_entries(size);
    let mut errors = Vec::new();
    let mut parsed: Vec<(crate::syntax::yaml::Node, Cx, Option<u16>)> = Vec::new();
    for (i, &(name, file)) in files.iter().enumerate() {
        let mut cx = Cx::shared(name, file.source());
        // A built-in file's stored tree has the class lists the table gives cut to their
        // first item (`syntax::packed::cut_class_lists`): it is read so only in its place,
        // with the table; otherwise its text is parsed, every list whole.
        let builtin = builtin_index(i, &file);
        let tree = match (file, builtin) {
            (File::BuiltIn(..), None) => File::User(file.text()).tree(),
            _ => file.tree(),
        };
        match tree {
            Ok(root) => parsed.push((root, cx, builtin)),
            Err(e) => {
                cx.err(e.span, e.message);
                errors.extend(cx.errors);
            }
        }
    }
    for (root, cx, builtin) in &mut parsed {
        lex.builtin_file = *builtin;
        lex.add_words(root, cx);
    }
    lex.builtin_file = None;
    lex.frame_table = tables;
    for (root, cx, _) in &mut parsed {
        lex.add_topic_names(root, cx);
    }
    for (root, cx, _) in &mut parsed {
        lex.add_topics(root, cx);
        lex.add_frames(root, cx);
    }
    if let Some((_, cx, _)) = parsed.first_mut() {
        lex.finish(cx);
    }
    for (root, cx, _) in parsed {
        errors.extend(cx.errors);
        // Nothing borrows the tree: dropped now, so that what is made next (the rule files'
        // trees) is made in its memory rather than in more of the heap.
        drop(root);
    }
    if errors.is_empty() {
        Ok(lex)
    } else {
        Err(errors)
    }
}

/// The built-in lexicon (unless `no_builtin`) and the lexicon files of user packs.
pub fn load(user_dirs: &[PathBuf], no_builtin: bool) -> Result<Lexicon, Vec<RuleError>> {
    let mut user: Vec<(String, String)> = Vec::new();
    let mut errors = Vec::new();
    for dir in user_dirs {
        for p in pack_files(dir) {
            let display = p.display().to_string();
            match std::fs::read(&p).map(String::from_utf8) {
                // The built-in pack's own folder named as a pack (`cydlint test-rules rules`):
                // its lexicon is in already.
                Ok(Ok(s)) if !no_builtin && BUILTIN_LEXICON.iter().any(|(_, b)| *b == s) => {}
                Ok(Ok(s)) => user.push((display, s)),
                _ => errors.push(RuleError {
                    file: display,
                    source: Default::default(),
                    span: 0..0,
                    message: "cannot read this lexicon file as UTF-8 text".into(),
                }),
            }
        }
    }
    let mut files: Vec<(&str, File<'_>)> = Vec::new();
    if !no_builtin {
        files.extend(
            BUILTIN_LEXICON
                .iter()
                .zip(BUILTIN_LEXICON_TREES)
                .map(|((p, s), t)| (*p, File::BuiltIn(s, t))),
        );
    }
    files.extend(user.iter().map(|(p, s)| (p.as_str(), File::User(s))));
    match compile_files(&files, true) {
        Ok(mut l) if errors.is_empty() => {
            // The built-in files alone: the words are the table `build.rs` made of them.
            l.builtin_words = !no_builtin && user.is_empty();
            Ok(l)
        }
        Ok(_) => Err(errors),
        Err(mut e) => {
            errors.append(&mut e);
            Err(errors)
        }
    }
}

impl Lexicon {
    /// The claims of one sentence (all topics, or `only` these).
    pub fn analyse(&self, sentence: &str, only: Option<&[TopicId]>) -> Vec<Claim> {
        analyse::analyse(self, sentence, only)
    }

    /// The claims of the sentence `text[s]`, in `text`'s offsets.
    pub fn in_sentence(&self, text: &str, s: Range<usize>) -> Vec<Claim> {
        self.in_sentence_with_classes(text, s).0
    }

    /// [`Self::in_sentence`], and which classes have a word in the sentence (by class, as
    /// [`Self::sentence_has`] answers: one pass over the sentence for both).
    pub fn in_sentence_with_classes(&self, text: &str, s: Range<usize>) -> (Vec<Claim>, Vec<bool>) {
        self.in_sentence_after(text, s, &[])
    }

    /// [`Self::in_sentence_with_classes`] for a sentence after one holding the requirement
    /// classes `carried` ([`Self::carried_before`]).
    pub fn in_sentence_after(
        &self,
        text: &str,
        s: Range<usize>,
        carried: &[lexicon::ClassId],
    ) -> (Vec<Claim>, Vec<bool>) {
        let (claims, present) = analyse::analyse_after(self, &text[s.clone()], None, carried);
        let at = |r: &Range<usize>| r.start + s.start..r.end + s.start;
        (claims.iter().map(|c| c.moved(at)).collect(), present)
    }

    /// The claims of `text` read as a sentence whose place gives its context (inside Item
    /// 1C / 16K / 1.05 or a cyd text block): every topic's `requires` holds
    /// ([`analyse::analyse_in_place`]). In `text`'s offsets.
    pub fn in_sentence_in_place(&self, text: &str) -> Vec<Claim> {
        analyse::analyse_in_place(self, text)
    }

    /// The requirement classes (topics' `requires`) held by the last sentence of the line
    /// before the one starting at `line_start`: what a first sentence that refers back may
    /// take ("… overseeing cybersecurity risk." ¶ "The Board has assigned *that* oversight
    /// …").
    pub fn carried_into(&self, text: &str, line_start: usize) -> Vec<lexicon::ClassId> {
        if line_start == 0 || line_start > text.len() || !text.is_char_boundary(line_start) {
            return Vec::new();
        }
        let prev = crate::filing::text::line_of(text, line_start - 1);
        let Some(last) = crate::filing::text::sentences_of_line(text, prev).pop() else {
            return Vec::new();
        };
        self.requirement_classes_of(&text[last])
    }

    /// The requirement classes with a word in `sentence`.
    fn requirement_classes_of(&self, sentence: &str) -> Vec<lexicon::ClassId> {
        let tokens = token::tokenize(sentence);
        let hits = analyse::hits(self, &tokens);
        self.requirement_classes()
            .iter()
            .copied()
            .filter(|&c| hits.any(c))
            .collect()
    }

    /// What sentence `ss[i]` of the line starting at `line_start` may take from the one
    /// before it: nothing unless it refers back ("that", "these", "such" …); else the
    /// requirement classes of the sentence before (in the line, or the last of the line
    /// before).
    pub fn carried_before(
        &self,
        text: &str,
        ss: &[Range<usize>],
        i: usize,
        line_start: usize,
    ) -> Vec<lexicon::ClassId> {
        let Some(s) = ss.get(i) else {
            return Vec::new();
        };
        if !analyse::refers_back_text(&text[s.clone()]) {
            return Vec::new();
        }
        match i.checked_sub(1).and_then(|p| ss.get(p)) {
            Some(prev) => self.requirement_classes_of(&text[prev.clone()]),
            None => self.carried_into(text, line_start),
        }
    }

    /// [`Self::carried_before`], with the tokens and hits of the sentence and of the one
    /// before taken from `prepared` (which gives [`analyse::Prepared::of`] of a sentence: a
    /// caller that keeps them, `checks::claimed::Said`, does not read a sentence again).
    pub fn carried_before_by(
        &self,
        text: &str,
        ss: &[Range<usize>],
        i: usize,
        line_start: usize,
        prepared: impl Fn(&str) -> std::rc::Rc<analyse::Prepared>,
    ) -> Vec<lexicon::ClassId> {
        let Some(s) = ss.get(i) else {
            return Vec::new();
        };
        if !prepared(&text[s.clone()]).refers_back() {
            return Vec::new();
        }
        let before = match i.checked_sub(1).and_then(|p| ss.get(p)) {
            Some(prev) => prev.clone(),
            // As `carried_into`: the last sentence of the line before.
            None => {
                if line_start == 0 || line_start > text.len() || !text.is_char_boundary(line_start)
                {
                    return Vec::new();
                }
                let prev = crate::filing::text::line_of(text, line_start - 1);
                let Some(last) = crate::filing::text::sentences_of_line(text, prev).pop() else {
                    return Vec::new();
                };
                last
            }
        };
        let prepared = prepared(&text[before]);
        self.requirement_classes_among(prepared.present())
    }

    /// The classes of any topic's `requires` that `present` (by class) holds: what a sentence
    /// that refers back takes from the sentence before.
    fn requirement_classes_among(&self, present: &[bool]) -> Vec<lexicon::ClassId> {
        self.requirement_classes()
            .iter()
            .copied()
            .filter(|&c| present.get(c).copied().unwrap_or(false))
            .collect()
    }

    /// What `sentence` may take from the sentence before it in its line, which holds the
    /// classes `before` (by class, as an analysis gives them: [`Self::in_sentence_after`]):
    /// [`Self::carried_before`] when the sentence before has been analysed already.
    pub fn carried_from(&self, sentence: &str, before: &[bool]) -> Vec<lexicon::ClassId> {
        if !analyse::refers_back_text(sentence) {
            return Vec::new();
        }
        self.requirement_classes_among(before)
    }

    /// [`Self::carried_from`] of the sentence `prepared` was read from, whether it refers
    /// back found from its tokens ([`analyse::Prepared::refers_back`]).
    pub fn carried_from_prepared(
        &self,
        prepared: &analyse::Prepared,
        before: &[bool],
    ) -> Vec<lexicon::ClassId> {
        if !prepared.refers_back() {
            return Vec::new();
        }
        self.requirement_classes_among(before)
    }

    /// The claims of the sentences `ss` of the line starting at `line_start`, in order, each
    /// in `text`'s offsets: a sentence that refers back may take a topic's required context
    /// (`requires`) from the sentence before it (for the first, the last of the line before:
    /// [`Lexicon::carried_before`]).
    pub fn in_paragraph(
        &self,
        text: &str,
        ss: &[Range<usize>],
        only: Option<&[TopicId]>,
        line_start: usize,
    ) -> Vec<(Range<usize>, Vec<Claim>)> {
        let mut carried = self.carried_before(text, ss, 0, line_start);
        ss.iter()
            .map(|s| {
                let (claims, present) =
                    analyse::analyse_after(self, &text[s.clone()], only, &carried);
                carried = self.requirement_classes_among(&present);
                let at = |r: &Range<usize>| r.start + s.start..r.end + s.start;
                (s.clone(), claims.iter().map(|c| c.moved(at)).collect())
            })
            .collect()
    }

    /// True when `sentence` holds a word of one of `classes`.
    pub fn sentence_has(&self, sentence: &str, classes: &[lexicon::ClassId]) -> bool {
        let tokens = token::tokenize(sentence);
        let hits = analyse::hits(self, &tokens);
        classes.iter().any(|&c| hits.any(c))
    }

    /// The claims of every sentence of `text[range]`, each with its sentence, in `text`'s
    /// offsets (evidence and cue too). Sentences never cross a line (a block of the text
    /// layer), so the text is segmented line by line.
    pub fn in_text(
        &self,
        text: &str,
        range: Range<usize>,
        only: Option<&[TopicId]>,
    ) -> Vec<(Range<usize>, Vec<Claim>)> {
        let mut out = Vec::new();
        for line in crate::filing::text::lines_in(text, range) {
            out.extend(self.in_paragraph(
                text,
                &crate::filing::text::sentences_of_line(text, line.clone()),
                only,
                line.start,
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A sentence read in place (inside Item 1C or a cyd text block) needs no word of
    /// cybersecurity for a topic that requires one; its other readings are the same: a
    /// vendor as a source of risk is still no engagement, a denial still a denial.
    #[test]
    fn a_sentence_in_place_takes_its_context_from_the_place() {
        let lex = builtin();
        let third = lex.topic("third-party-engaged").unwrap();
        let said = |s: &str, place: bool| -> Option<Status> {
            let claims = if place {
                lex.in_sentence_in_place(s)
            } else {
                lex.in_sentence_with_classes(s, 0..s.len()).0
            };
            claims.iter().find(|c| c.topic == third).map(|c| c.status)
        };
        // ("assessors" would do without the place: Item 106's own word for them.)
        for s in [
            "We engage outside advisers.",
            "The Company also retains outside consultants.",
        ] {
            assert_eq!(said(s, false), None, "{s}");
            assert_eq!(said(s, true), Some(Status::Affirmed), "{s}");
        }
        assert_eq!(
            said("We do not engage outside assessors.", true),
            Some(Status::Negated)
        );
        assert_eq!(
            said(
                "Vendors and other third parties can be a source of risk.",
                true
            ),
            None
        );
    }

    /// An entry with alternatives is one entry for each combination, matched like the
    /// others; one that breaks the syntax is an error that points at it in the file.
    #[test]
    fn alternatives_in_an_entry_stand_for_each_combination() {
        let file = "classes:\n  erm: {nouns: [\"(enterprise|group-wide) risk (framework|process)\"]}\n\
                    topics:\n  integration:\n    doc: part of the whole\n    \
                    frames: [\"!@erm ~3 @erm\"]\n";
        let lex = compile(&[("t.yaml".into(), file.into())]).expect("a lexicon with alternatives");
        let erm = lex.class("erm").unwrap();
        let has = |s: &str| analyse::hits(&lex, &token::tokenize(s)).any(erm);
        for s in [
            "our group-wide risk processes",
            "the enterprise risk framework",
            "its enterprise risk process",
        ] {
            assert!(has(s), "{s}");
        }
        for s in [
            "our enterprise risk",
            "the risk framework",
            "group-wide risk",
        ] {
            assert!(!has(s), "{s}");
        }
        let bad = "classes:\n  erm: {nouns: [ok, \"(enterprise|) risk\"]}\n";
        let Err(errors) = compile(&[("t.yaml".into(), bad.into())]) else {
            panic!("a malformed alternative compiled");
        };
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].message.contains("`(a|b)`"),
            "{}",
            errors[0].message
        );
        assert_eq!(&bad[errors[0].span.clone()], "\"(enterprise|) risk\"");
    }

    /// A class, trigger or topic named twice in one file is an error at the second name (two
    /// files naming one class extend it, as a pack adds words).
    #[test]
    fn a_name_given_twice_in_one_file_is_an_error_at_the_second() {
        let bad = "classes:\n  keep: {verbs: [keep]}\n  hold: {verbs: [hold]}\n  keep: {verbs: [retain]}\n";
        let Err(errors) = compile(&[("t.yaml".into(), bad.into())]) else {
            panic!("a class named twice compiled");
        };
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].message.contains("defined twice"),
            "{}",
            errors[0].message
        );
        assert_eq!(errors[0].span.start, bad.rfind("keep:").unwrap());
        let two_files = [
            (
                "a.yaml".to_string(),
                "classes:\n  keep: {verbs: [keep]}\n".to_string(),
            ),
            (
                "b.yaml".to_string(),
                "classes:\n  keep: {verbs: [retain]}\n".to_string(),
            ),
        ];
        assert!(
            compile(&two_files).is_ok(),
            "two files may extend one class"
        );
    }

    /// A file that extends the built-in lexicon, repeating and reordering some of its
    /// entries, and adding a prefix entry.
    const EXTRA_FILE: &str = "classes:\n  engage: {verbs: [retain, hire], nouns: [consultant]}\n  \
                              assessor: {words: [certif*, a b c], nouns: [third party assessor]}\n";

    #[test]
    fn words_are_the_forms_of_the_entries_in_order() {
        let mut files: Vec<(String, String)> = BUILTIN_LEXICON
            .iter()
            .map(|(p, s)| (p.to_string(), s.to_string()))
            .collect();
        files.push(("extra.yaml".into(), EXTRA_FILE.into()));
        let extended = compile(&files).expect("the extended lexicon");
        lexicon::tests::words_are_the_forms_of_the_entries_in_order(builtin(), &extended);
    }

    /// Every class, trigger and topic of a lexicon as `explain` and the analyser see them,
    /// and the order its entries were added in.
    fn snapshot(lex: &Lexicon) -> String {
        format!(
            "{:?}\n{:?}\n{:?}\n{:?} {:?}\n{:?}",
            lex.classes, lex.triggers, lex.topics, lex.pseudo, lex.terminators, lex.added
        )
    }

    /// The built-in files read with their classes' lists and their frames from the tables
    /// `build.rs` made (`lexicon::CLASS_GROUPS`, `lexicon::FRAMES`) give the lexicon read
    /// entry by entry and word by word: alone, and followed by a user's file that repeats, reorders and adds entries (to classes, a trigger, the
    /// terminators, and with alternatives), which are then added once, as before.
    #[test]
    fn the_builtin_class_lists_are_the_ones_read_entry_by_entry() {
        let extra = format!(
            "{EXTRA_FILE}  erm: {{nouns: [\"(enterprise|group-wide) risk (framework|process)\", \
             new entry]}}\ntriggers:\n  negation: {{words: [not, never, nary]}}\n\
             terminators: {{words: [but, notwithstanding]}}\n"
        );
        let builtin_files = || {
            BUILTIN_LEXICON
                .iter()
                .zip(BUILTIN_LEXICON_TREES)
                .map(|((p, s), t)| (*p, File::BuiltIn(s, t)))
                .collect::<Vec<_>>()
        };
        let mut extended = builtin_files();
        extended.push(("extra.yaml", File::User(&extra)));
        for files in [builtin_files(), extended] {
            let tabled = compile_files(&files, true).expect("the lexicon, from the tables");
            let read = compile_files(&files, false).expect("the lexicon, entry by entry");
            assert_eq!(snapshot(&tabled), snapshot(&read));
            assert!(read.added.len() > 3000);
        }
        // A user's file in the built-in place is read as any other.
        let mut files = builtin_files();
        files[0] = (BUILTIN_LEXICON[0].0, File::User(BUILTIN_LEXICON[0].1));
        let tabled = compile_files(&files, true).expect("the lexicon");
        assert_eq!(snapshot(&tabled), snapshot(builtin()));
        // The table is sorted, and each of its lists found by its key.
        assert!(!lexicon::tests::class_groups_are_sorted().is_empty());
        // Every built-in frame was read from the frames' table in the first comparison.
        lexicon::tests::the_frames_table_holds_every_builtin_frame(builtin());
    }

    /// A frame's literal word is a class of its own (`literal:WORD`) with that word once,
    /// however many frames name it and however it is written.
    #[test]
    fn a_literal_shared_by_frames_is_one_class_with_its_word_once() {
        let file = "classes:\n  risk: {nouns: [risk]}\ntopics:\n  t:\n    doc: d\n    \
                    frames: [\"!@risk of loss\", \"@risk ~2 Of !loss\", \"!@risk OF\"]\n";
        let lex = compile(&[("t.yaml".into(), file.into())]).expect("a lexicon with literals");
        let of = lex.class("literal:of").expect("the literal's class");
        let loss = lex.class("literal:loss").expect("the literal's class");
        assert_eq!(
            lex.classes[of].entries.iter().collect::<Vec<_>>(),
            vec![("of", &morph::Inflect::Exact)]
        );
        assert_eq!(lex.classes[loss].entries.len(), 1);
        let slots = |f: usize| -> Vec<usize> {
            lex.topics[0].frames[f]
                .slots
                .iter()
                .map(|s| s.class)
                .collect()
        };
        let risk = lex.class("risk").unwrap();
        assert_eq!(slots(0), vec![risk, of, loss]);
        assert_eq!(slots(1), vec![risk, of, loss]);
        assert_eq!(slots(2), vec![risk, of]);
        assert_eq!(lex.topics[0].frames[1].source, "@risk ~2 Of !loss");
        assert_eq!(lex.added.iter().filter(|&(c, _)| c == of).count(), 1);
    }

    #[test]
    fn the_builtin_words_table_is_the_one_made_at_run_time() {
        let lex = load(&[], false).expect("the built-in lexicon");
        lexicon::tests::the_builtin_words_table_is_the_one_made_at_run_time(&lex);
    }

    #[test]
    fn the_builtin_forms_are_the_forms_of_the_entries() {
        lexicon::tests::the_builtin_forms_are_the_forms_of_the_entries(builtin());
    }

    #[test]
    fn a_sentence_that_refers_back_takes_its_context_from_the_one_before() {
        let lex = builtin();
        let committee = lex.topic("board-committee").unwrap();
        let second = |text: &str| {
            let ss = crate::filing::text::sentences_of_line(text, 0..text.len());
            assert_eq!(ss.len(), 2, "{text}");
            lex.in_paragraph(text, &ss, None, 0)[1]
                .1
                .iter()
                .any(|c| c.topic == committee && c.status == Status::Affirmed)
        };
        assert!(second(
            "Our Board of Directors is responsible for overseeing cybersecurity risk. \
             The Board has assigned that oversight to its Technology Committee."
        ));
        // No word that refers back: the sentence is about something else.
        assert!(!second(
            "Our Board of Directors is responsible for overseeing cybersecurity risk. \
             The Board has assigned oversight of financial reporting to its Audit Committee."
        ));
        // Nothing before it to refer to.
        assert!(!second(
            "Our Board of Directors meets quarterly. \
             The Board has assigned that oversight to its Technology Committee."
        ));
    }

    #[test]
    fn odd_text_never_panics() {
        // Multi-byte punctuation where item numbers, quotes and cues are looked for, and a
        // deterministic stream of mixed characters.
        let lex = builtin();
        let pieces = [
            "Item", "”", "I”", "1”", "IA", "1.", "A", "“", "see", "not", "—", "é", "’s", "ﬁ",
            "\u{0}", ".", ",", "no", "Board", "CISO", "(", ")", ";", "Item1C", "1 A", "x",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..3000 {
            let mut s = String::new();
            for _ in 0..12 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                s.push_str(pieces[(seed % pieces.len() as u64) as usize]);
                if seed & 0x100 != 0 {
                    s.push(' ');
                }
            }
            let _ = lex.analyse(&s, None);
        }
    }

    #[test]
    fn the_builtin_lexicon_loads_without_error() {
        if let Err(e) = load(&[], false) {
            panic!(
                "{}",
                e.iter()
                    .map(|e| format!("{}: {}", e.file, e.message))
                    .collect::<Vec<_>>()
                    .join("\n")
            );
        }
        assert!(builtin().topics.len() >= 13);
    }
}
