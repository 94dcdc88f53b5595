//! What a claim is: a topic (an index in its lexicon), what a sentence does with it (its
//! [`Status`]), and one sentence's [`Claim`] with the words it rests on. Beneath the lexicon,
//! which names topics and the statuses its triggers set, and the analysis that makes claims.

use std::ops::Range;

/// A topic's index in its lexicon.
pub type TopicId = usize;

/// What a sentence does with a topic.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// States it as a fact about the registrant.
    Affirmed,
    /// States that it does not hold.
    Negated,
    /// Only as a possibility, condition, plan or generic requirement, or undetermined.
    Hedged,
    /// Sends the reader elsewhere for it.
    Pointer,
}

impl Status {
    /// How much a sentence says, for choosing among a topic's mentions in one sentence.
    pub fn strength(self) -> u8 {
        match self {
            Status::Affirmed => 4,
            Status::Negated => 3,
            Status::Hedged => 2,
            Status::Pointer => 1,
        }
    }

    /// The lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Affirmed => "affirmed",
            Status::Negated => "negated",
            Status::Hedged => "hedged",
            Status::Pointer => "pointer",
        }
    }

    /// Parses a name.
    pub fn parse(s: &str) -> Option<Status> {
        match s {
            "affirmed" => Some(Status::Affirmed),
            "negated" => Some(Status::Negated),
            "hedged" => Some(Status::Hedged),
            "pointer" => Some(Status::Pointer),
            _ => None,
        }
    }

    /// Every status.
    pub const ALL: [Status; 4] = [
        Status::Affirmed,
        Status::Negated,
        Status::Hedged,
        Status::Pointer,
    ];
}

/// What one sentence says about one topic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claim {
    /// The topic.
    pub topic: TopicId,
    /// Its status.
    pub status: Status,
    /// The words of the frame that mentions it (bytes of the sentence).
    pub evidence: Range<usize>,
    /// The words of the trigger that set the status, if any.
    pub cue: Option<Range<usize>>,
    /// That trigger.
    pub trigger: Option<usize>,
    /// The frame that matched (its index in the topic's frames, or in `via`'s).
    pub frame: usize,
    /// When the claim is made by a mention of another topic — a part of this one (`part-of`),
    /// or one that entails it (`entails`) — that topic.
    pub via: Option<TopicId>,
}

impl Claim {
    /// The claim with its evidence and cue moved by `f` (into another text's offsets).
    pub fn moved(&self, f: impl Fn(&Range<usize>) -> Range<usize>) -> Claim {
        Claim {
            evidence: f(&self.evidence),
            cue: self.cue.as_ref().map(&f),
            ..self.clone()
        }
    }
}
