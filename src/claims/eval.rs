//! Scoring the claim layer on a labelled sentence set (`fixtures/judgement/`).
//!
//! A set is a TSV file: `id<TAB>sentence<TAB>labels`, labels `topic=status` separated by
//! spaces or `-` for none, `#` lines are comments. For each topic, a sentence counts once:
//! a true positive when the gold label and the prediction name the same status, a false
//! positive when the prediction names the topic with another status or the gold has none, a
//! false negative when the gold names it and the prediction does not (or with another status).
//! A wrong status is therefore both a false positive and a false negative: a finding that
//! reads "negated" as "affirmed" is wrong twice.

use std::collections::BTreeMap;

use super::{Lexicon, Status};

/// The sets of `fixtures/judgement/` (file stems) that are held out: read for their scores
/// only, their misses never printed, so that nobody tunes the lexicons to them (the test half
/// and the blind batches held out like it; fixtures/judgement/README.md). The judgement
/// example and the ratchet test both read this list.
pub const HELD_OUT: [&str; 43] = [
    "test", "blind-b", "blind-c", "blind-e", "blind-g", "blind-i", "blind-n", "blind-z",
    "blind-ad", "blind-ai", "blind-al", "blind-ao", "blind-av", "blind-aw", "blind-bb", "blind-bc",
    "blind-bg", "blind-bj", "blind-bn", "blind-bq", "blind-bu", "blind-bw", "blind-cb", "blind-cd",
    "blind-ci", "blind-ck", "blind-co", "blind-cs", "blind-cw", "blind-cy", "blind-db", "blind-dg",
    "blind-dk", "blind-dn", "blind-dq", "blind-dx", "blind-dy", "blind-ed", "blind-ef", "blind-eh",
    "blind-em", "blind-en", "blind-ep",
];

/// One labelled sentence.
#[derive(Clone, Debug)]
pub struct Item {
    /// Its id.
    pub id: String,
    /// The sentence.
    pub text: String,
    /// Topic → status.
    pub gold: BTreeMap<String, Status>,
}

/// Parses a set; `Err` names the first bad line.
pub fn parse(src: &str) -> Result<Vec<Item>, String> {
    let mut out = Vec::new();
    for (n, line) in src.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.split('\t');
        let (Some(id), Some(text), Some(labels), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(format!("line {}: not three tab-separated fields", n + 1));
        };
        let mut gold = BTreeMap::new();
        for l in labels.split_whitespace().filter(|l| *l != "-") {
            let Some((t, s)) = l.split_once('=') else {
                return Err(format!("line {}: `{l}` is not topic=status", n + 1));
            };
            let Some(s) = Status::parse(s) else {
                return Err(format!("line {}: unknown status `{s}`", n + 1));
            };
            if gold.insert(t.to_string(), s).is_some() {
                return Err(format!("line {}: topic `{t}` twice", n + 1));
            }
        }
        out.push(Item {
            id: id.to_string(),
            text: text.to_string(),
            gold,
        });
    }
    Ok(out)
}

/// The counts of one topic.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Same topic, same status.
    pub tp: usize,
    /// Predicted, but not so in the gold.
    pub fp: usize,
    /// In the gold, but not so predicted.
    pub fn_: usize,
    /// Gold status (or none) × predicted status (or none).
    pub confusion: BTreeMap<(Option<Status>, Option<Status>), usize>,
}

impl Counts {
    /// tp / (tp + fp); 1 when nothing was predicted.
    pub fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }

    /// tp / (tp + fn); 1 when nothing was to be found.
    pub fn recall(&self) -> f64 {
        if self.tp + self.fn_ == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }

    /// Gold mentions of the topic.
    pub fn support(&self) -> usize {
        self.tp + self.fn_
    }
}

/// One sentence the layer got wrong on some topic.
#[derive(Clone, Debug)]
pub struct Miss {
    /// The sentence's id.
    pub id: String,
    /// The sentence.
    pub text: String,
    /// The topic.
    pub topic: String,
    /// The gold status.
    pub gold: Option<Status>,
    /// The predicted status.
    pub got: Option<Status>,
}

/// Scores a set: counts per topic (every topic of the lexicon, and any the gold names), and
/// the misses.
pub fn score(lex: &Lexicon, items: &[Item]) -> (BTreeMap<String, Counts>, Vec<Miss>) {
    let mut counts: BTreeMap<String, Counts> = lex
        .topics
        .iter()
        .map(|t| (t.name.clone(), Counts::default()))
        .collect();
    let mut misses = Vec::new();
    for it in items {
        let got: BTreeMap<String, Status> = lex
            .analyse(&it.text, None)
            .into_iter()
            .map(|c| (lex.topics[c.topic].name.clone(), c.status))
            .collect();
        let topics: std::collections::BTreeSet<&String> =
            it.gold.keys().chain(got.keys()).collect();
        for t in topics {
            let g = it.gold.get(t).copied();
            let p = got.get(t).copied();
            let c = counts.entry(t.clone()).or_default();
            *c.confusion.entry((g, p)).or_default() += 1;
            match (g, p) {
                (Some(a), Some(b)) if a == b => c.tp += 1,
                _ => {
                    if p.is_some() {
                        c.fp += 1;
                    }
                    if g.is_some() {
                        c.fn_ += 1;
                    }
                    misses.push(Miss {
                        id: it.id.clone(),
                        text: it.text.clone(),
                        topic: t.clone(),
                        gold: g,
                        got: p,
                    });
                }
            }
        }
    }
    (counts, misses)
}

/// The per-topic table: support, precision, recall, and the status confusion.
pub fn table(counts: &BTreeMap<String, Counts>) -> String {
    let name = |s: Option<Status>| s.map_or("none", |s| s.as_str());
    let mut out = format!(
        "{:<22} {:>7} {:>4} {:>4} {:>4} {:>9} {:>7}  confusion (gold→predicted)\n",
        "topic", "support", "tp", "fp", "fn", "precision", "recall"
    );
    for (t, c) in counts {
        let conf: Vec<String> = c
            .confusion
            .iter()
            .filter(|((g, p), _)| g != p)
            .map(|((g, p), n)| format!("{}→{} {n}", name(*g), name(*p)))
            .collect();
        out.push_str(&format!(
            "{:<22} {:>7} {:>4} {:>4} {:>4} {:>9.3} {:>7.3}  {}\n",
            t,
            c.support(),
            c.tp,
            c.fp,
            c.fn_,
            c.precision(),
            c.recall(),
            conf.join(", ")
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrong_status_is_a_false_positive_and_a_false_negative() {
        let items = parse(
            "# id\ttext\tlabels\n\
             a\tWe have not engaged any cybersecurity consultants.\tthird-party-engaged=negated\n\
             b\tWe engage independent auditors to test our security controls.\tprocesses=affirmed third-party-engaged=negated\n\
             c\tThe weather was fine.\t-\n",
        )
        .unwrap();
        let (counts, misses) = score(super::super::builtin(), &items);
        let c = &counts["third-party-engaged"];
        assert_eq!((c.tp, c.fp, c.fn_), (1, 1, 1));
        let tp: Vec<_> = misses
            .iter()
            .filter(|m| m.topic == "third-party-engaged")
            .collect();
        assert_eq!(tp.len(), 1);
        assert_eq!(tp[0].id, "b");
        assert!(parse("x\ty").is_err());
        assert!(parse("x\ty\tt=maybe").is_err());
    }
}
