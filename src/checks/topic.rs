//! The claim layer's names as a rule writes them — `topic:`, `status:`, `requires:` (word
//! classes) — read against the rule's lexicon. Shared by the `claim` check kind and the
//! `claim` condition, beneath both.

use std::ops::Range;

use super::claimed::Requires;
use crate::checks::compile::Cx;
use crate::claims::{Status, TopicId};
use crate::syntax::validate::closest;
use crate::syntax::yaml::Node;

/// Parses a topic name, a status name, or a list of them.
fn names(node: &Node, what: &str, cx: &mut Cx) -> Option<Vec<(String, Range<usize>)>> {
    let items: Vec<&Node> = match node.as_seq() {
        Some(s) => s.iter().collect(),
        None => vec![node],
    };
    let mut out = Vec::new();
    for n in items {
        out.push((cx.str(n, what)?, n.span.clone()));
    }
    Some(out)
}

/// Reads `topic:` (one or a list) against the rule's lexicon.
pub fn compile_topics(node: &Node, cx: &mut Cx) -> Option<Vec<TopicId>> {
    let lex = cx.lexicon.clone();
    let mut out = Vec::new();
    let mut ok = true;
    for (t, span) in names(node, "`topic`", cx)? {
        match lex.topic(&t) {
            Some(id) => out.push(id),
            None => {
                let known = lex.topic_names();
                let hint = closest(&t, &known)
                    .map(|c| format!("; did you mean `{c}`?"))
                    .unwrap_or_default();
                cx.err(
                    span,
                    format!("unknown topic `{t}`{hint} (topics: {})", known.join(", ")),
                );
                ok = false;
            }
        }
    }
    ok.then_some(out)
}

/// Reads `status:` (one or a list).
pub fn compile_statuses(node: &Node, cx: &mut Cx) -> Option<Vec<Status>> {
    let mut out = Vec::new();
    let mut ok = true;
    for (s, span) in names(node, "`status`", cx)? {
        match Status::parse(&s) {
            Some(st) => out.push(st),
            None => {
                cx.err(
                    span,
                    format!("unknown status `{s}`: affirmed, negated, hedged or pointer"),
                );
                ok = false;
            }
        }
    }
    ok.then_some(out)
}

/// Reads `requires:` (class names of the lexicon).
pub fn compile_requires(node: &Node, cx: &mut Cx) -> Option<Requires> {
    let lex = cx.lexicon.clone();
    let mut classes = Vec::new();
    let mut ok = true;
    for (c, span) in names(node, "`requires`", cx)? {
        match lex.class(&c) {
            Some(id) if !c.contains(':') => classes.push(id),
            _ => {
                let known: Vec<&str> = lex
                    .classes
                    .iter()
                    .map(|c| c.name.as_str())
                    .filter(|n| !n.contains(':') && *n != "pseudo" && *n != "terminator")
                    .collect();
                let hint = closest(&c, &known)
                    .map(|k| format!("; did you mean `{k}`?"))
                    .unwrap_or_default();
                cx.err(span, format!("unknown word class `{c}`{hint}"));
                ok = false;
            }
        }
    }
    ok.then(|| Requires::new(classes))
}
