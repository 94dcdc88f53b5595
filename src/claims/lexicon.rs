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
//! when a word of the class is in it or just before it). Every problem is reported with its
//! span in the YAML, through the syntax floor's [`Cx`], and all of a file's problems at once.

use super::claim::{Status, TopicId};
use super::morph::{Inflect, entry_forms};
use crate::syntax::validate::{Cx, closest};
use crate::syntax::yaml::Node;

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
    pub entries: Vec<(String, Inflect)>,
    /// Computed in code (`item-ref`, `quoted-title`): no entries.
    pub computed: bool,
    /// A word of the class right after a word of these is not one of it.
    pub not_after: Vec<ClassId>,
    /// A word of the class right before a word of these is not one of it.
    pub not_before: Vec<ClassId>,
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
    /// Entries by their first word: (class, the entry's words).
    pub(super) first: crate::FastMap<String, Vec<(ClassId, Vec<String>)>>,
    /// Entries whose first word is a prefix (`certif*`).
    pub(super) prefixed: Vec<(String, ClassId, Vec<String>)>,
    /// Every form of the first word of every `verbs:` entry: the words that, after ", and",
    /// start a new predicate.
    pub(super) verb_forms: crate::FastSet<String>,
    /// What the analyser looks up by name on every sentence (its roles, the computed
    /// classes, each class's trigger), looked up once; emptied by every change.
    pub(super) known: std::sync::OnceLock<Known>,
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
    pub(crate) conjunction: Option<ClassId>,
    pub(crate) quantifier: Option<ClassId>,
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
            conjunction: lex.class("clause-conjunction"),
            quantifier: lex.class("quantifier"),
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
    /// For each class, the first trigger made of it.
    pub(crate) trigger_of: Vec<Option<usize>>,
    /// The classes some topic `requires`, each once.
    pub(crate) required: Vec<ClassId>,
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
        self.classes.iter().position(|c| c.name == name)
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
        for (entry, how) in &self.classes[class].entries {
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
        self.classes.push(Class {
            name: name.to_owned(),
            doc: doc.to_owned(),
            entries: Vec::new(),
            computed: false,
            not_after: Vec::new(),
            not_before: Vec::new(),
        });
        self.classes.len() - 1
    }

    fn add_entry(&mut self, class: ClassId, entry: &str, how: Inflect) {
        let c = &mut self.classes[class];
        if c.entries.iter().any(|(e, h)| e == entry && *h == how) {
            return;
        }
        c.entries.push((entry.to_owned(), how));
        for words in entry_forms(entry, how) {
            let Some(head) = words.first().cloned() else {
                continue;
            };
            if how == Inflect::Verb && !class_is_trigger(&self.classes[class].name) {
                self.verb_forms.insert(head.clone());
            }
            if let Some(prefix) = head.strip_suffix('*') {
                self.prefixed.push((prefix.to_owned(), class, words));
            } else {
                let list = self.first.entry(head).or_default();
                if !list.iter().any(|(c, w)| *c == class && *w == words) {
                    list.push((class, words));
                }
            }
        }
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
            for (k, v) in map_of(classes, "`classes`", cx) {
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
            for (k, v) in map_of(triggers, "`triggers`", cx) {
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
        if !cx.keys(
            node,
            &format!("the class `{name}`"),
            &["doc", "words", "verbs", "nouns", "not-after", "not-before"],
        ) {
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
        for (key, how) in [
            ("words", Inflect::Exact),
            ("verbs", Inflect::Verb),
            ("nouns", Inflect::Noun),
        ] {
            let Some(list) = node.get(key) else { continue };
            let Some(items) = cx.list(list, &format!("`{key}`")) else {
                continue;
            };
            for item in items {
                let Some(entry) = cx.scalar(item, "an entry") else {
                    continue;
                };
                if super::token::words_of(&entry).is_empty() {
                    cx.err(item.span.clone(), "an entry needs at least one word");
                    continue;
                }
                if entry
                    .split_whitespace()
                    .any(|w| w.strip_suffix('*').unwrap_or(w).contains('*'))
                {
                    cx.err(
                        item.span.clone(),
                        "`*` may only end a word (a prefix: `certif*`)",
                    );
                    continue;
                }
                self.add_entry(id, &entry, how);
                any = true;
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
                    "veto",
                    "part-of",
                    "entails",
                    "entails-when",
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
            if let Some(frames) = v.get("frames") {
                for f in cx.list(frames, "`frames`").unwrap_or_default() {
                    let Some(src) = cx.str(f, "a frame") else {
                        continue;
                    };
                    if let Some(frame) = self.frame(&src, f, cx) {
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
        for (k, _) in map_of(topics, "`topics`", cx) {
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
    fn frame(&mut self, src: &str, node: &Node, cx: &mut Cx) -> Option<Frame> {
        let mut slots: Vec<Slot> = Vec::new();
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
                let id = self.add_class(&format!("literal:{}", words[0]), "");
                self.add_entry(id, &words[0], Inflect::Exact);
                id
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
            source: src.to_owned(),
            negative,
            only,
            presupposed,
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

/// Classes made for triggers, pseudo-triggers and terminators (their verbs are not
/// predicates of their own).
fn class_is_trigger(name: &str) -> bool {
    name.starts_with("trigger:") || name == "pseudo" || name == "terminator"
}

fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
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
