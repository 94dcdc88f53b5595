//! `cydlint claims`: what each sentence claims, and the words each claim rests on.
//!
//! For a rule author and a reviewer: when a rule fires (or does not), this shows the topics
//! the claim layer read in every sentence, their status, the words of the frame that
//! mentions each topic and the trigger that set its status. By default the sentences of the
//! Item 1C / 16K / 1.05 sections and of every `cyd` fact's tagged text; `--all` every
//! sentence with a claim; `--text` one sentence given on the command line.

use std::io::Write;
use std::ops::Range;

use serde::Serialize;

use crate::ExitStatus;
use crate::claims::{Claim, Lexicon};
use crate::cli::{ClaimsArgs, FactsFormat};
use crate::filing::Filing;
use crate::report::facts::Location;

/// A claim as printed.
#[derive(Serialize)]
struct Shown {
    topic: String,
    status: &'static str,
    /// The words of the frame.
    evidence: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    evidence_location: Option<Location>,
    /// The words of the trigger that set the status.
    #[serde(skip_serializing_if = "Option::is_none")]
    cue: Option<String>,
    /// The trigger's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    trigger: Option<String>,
    /// The frame that matched, as written in the lexicon.
    frame: String,
}

/// A sentence with its claims.
#[derive(Serialize)]
struct Sentence {
    text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<Location>,
    claims: Vec<Shown>,
}

fn shown(lex: &Lexicon, text: &str, c: &Claim, filing: Option<&Filing>) -> Shown {
    let words = |r: &Range<usize>| {
        text.get(r.clone())
            .unwrap_or("")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    Shown {
        topic: lex.topics[c.topic].name.clone(),
        status: c.status.as_str(),
        evidence: words(&c.evidence),
        evidence_location: filing
            .and_then(|f| f.text.span(c.evidence.clone()).map(|s| Location::of(f, s))),
        cue: c.cue.as_ref().map(words),
        trigger: c.trigger.map(|t| lex.triggers[t].name.clone()),
        frame: match c.via {
            Some(part) => format!(
                "via {}: {}",
                lex.topics[part].name,
                lex.topics[part]
                    .frames
                    .get(c.frame)
                    .map_or("", |f| f.source.as_str())
            ),
            None => lex.topics[c.topic]
                .frames
                .get(c.frame)
                .map(|f| f.source.clone())
                .unwrap_or_default(),
        },
    }
}

/// The layer ranges whose sentences are shown: the Item sections and every cyd fact's text,
/// merged; or the whole visible text with `all`.
fn ranges(filing: &Filing, all: bool) -> Vec<Range<usize>> {
    if all {
        return std::iter::once(0..filing.text.visible_len).collect();
    }
    let mut rs: Vec<Range<usize>> = filing
        .text
        .sections
        .iter()
        .map(|s| s.range.clone())
        .collect();
    for f in &filing.facts {
        if f.concept.is_cyd() {
            rs.extend(f.text_ranges().iter().cloned());
        }
    }
    rs.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in rs {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

fn write_text(out: &mut dyn Write, sentences: &[Sentence]) -> std::io::Result<()> {
    for s in sentences {
        match &s.location {
            Some(l) => writeln!(out, "{}:{}:{}", l.file, l.line, l.column)?,
            None => writeln!(out, "(text)")?,
        }
        writeln!(out, "  “{}”", s.text)?;
        if s.claims.is_empty() {
            writeln!(out, "    (no claim)")?;
        }
        for c in &s.claims {
            let cue = match (&c.cue, &c.trigger) {
                (Some(w), Some(t)) => format!("  ← “{w}” ({t})"),
                _ => String::new(),
            };
            writeln!(
                out,
                "    {:<22} {:<9} “{}”{cue}   [{}]",
                c.topic, c.status, c.evidence, c.frame
            )?;
        }
    }
    Ok(())
}

/// The claims of `claims` on the topics `only` (all when `None`).
fn keep_only(
    mut claims: Vec<crate::claims::Claim>,
    only: Option<&[usize]>,
) -> Vec<crate::claims::Claim> {
    if let Some(only) = only {
        claims.retain(|c| only.contains(&c.topic));
    }
    claims
}

/// Runs `cydlint claims`.
pub fn run(a: ClaimsArgs, out: &mut dyn Write, err: &mut dyn Write) -> ExitStatus {
    let lex = match crate::claims::load(&a.pack.rules, false) {
        Ok(l) => l,
        Err(e) => {
            super::report_rule_errors(err, &crate::syntax::error::RuleErrors(e));
            return ExitStatus::Error;
        }
    };
    let only: Option<Vec<usize>> = match &a.topic {
        None => None,
        Some(t) => match lex.topic(t) {
            Some(id) => Some(vec![id]),
            None => {
                let names = lex.topic_names();
                let hint = crate::syntax::validate::closest(t, &names)
                    .map(|c| format!("; did you mean `{c}`?"))
                    .unwrap_or_default();
                let _ = writeln!(
                    err,
                    "error: no topic `{t}`{hint} (topics: {})",
                    names.join(", ")
                );
                return ExitStatus::Error;
            }
        },
    };
    let mut groups: Vec<(String, Vec<Sentence>)> = Vec::new();
    for t in &a.text {
        let claims = if a.in_place {
            keep_only(lex.in_sentence_in_place(t), only.as_deref())
        } else {
            lex.analyse(t, only.as_deref())
        };
        groups.push((
            "(text)".into(),
            vec![Sentence {
                text: t.clone(),
                location: None,
                claims: claims.iter().map(|c| shown(&lex, t, c, None)).collect(),
            }],
        ));
    }
    if a.paths.is_empty() && a.text.is_empty() {
        let _ = writeln!(err, "error: give files or directories, or --text SENTENCE");
        return ExitStatus::Error;
    }
    if !a.paths.is_empty() {
        let Some(sets) = super::document_sets(&a.paths, a.separate, err) else {
            return ExitStatus::Error;
        };
        for set in sets {
            let filing = crate::read::read_set(&set);
            let text = filing.text.text.as_str();
            let mut sentences = Vec::new();
            for r in ranges(&filing, a.all) {
                for (s, claims) in lex.in_text(text, r, only.as_deref()) {
                    // As the "absent" rules read a sentence of the item before they warn.
                    let claims = if a.in_place
                        && filing
                            .text
                            .sections
                            .iter()
                            .any(|sec| sec.range.start <= s.start && s.start < sec.range.end)
                    {
                        let at = |r: &std::ops::Range<usize>| r.start + s.start..r.end + s.start;
                        keep_only(lex.in_sentence_in_place(&text[s.clone()]), only.as_deref())
                            .iter()
                            .map(|c| c.moved(at))
                            .collect()
                    } else {
                        claims
                    };
                    if claims.is_empty() && (a.all || only.is_some()) {
                        continue;
                    }
                    sentences.push(Sentence {
                        text: text[s.clone()].to_string(),
                        location: filing.text.span(s).map(|sp| Location::of(&filing, sp)),
                        claims: claims
                            .iter()
                            .map(|c| shown(&lex, text, c, Some(&filing)))
                            .collect(),
                    });
                }
            }
            let name = set
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(" ");
            groups.push((name, sentences));
        }
    }
    let res = match a.format {
        FactsFormat::Json => {
            #[derive(Serialize)]
            struct Group<'a> {
                input: &'a str,
                sentences: &'a [Sentence],
            }
            let v: Vec<Group<'_>> = groups
                .iter()
                .map(|(n, s)| Group {
                    input: n,
                    sentences: s,
                })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &v)
                .map_err(crate::report::json_io_error)
                .and_then(|_| writeln!(out))
        }
        FactsFormat::Table => groups.iter().try_for_each(|(_, s)| write_text(out, s)),
    };
    match super::io_status(res, err) {
        Some(s) => s,
        None => ExitStatus::Success,
    }
}
