//! Rule tests in the style of Semgrep's: every rule has fixtures that must not fire
//! (`<ID>/pass/*`) and fixtures that must (`<ID>/fail/*`).
//!
//! A fail fixture says what it expects next to the offending place: an HTML comment
//! `<!-- expect: RULE-ID -->` before the element that should be reported (the finding must
//! start after the comment and before the next one), or, for fixtures that cannot hold
//! comments (rendered reports, plain text), a sidecar `<fixture>.expect` with one
//! `expect: RULE-ID` line per finding. A sidecar may also give `form:`, `items:` and
//! `period-end:` lines, as `--form`, `--items` and `--period-end` would. A rule that is
//! *skipped* on a fixture fails the test: a pass that was never decided proves nothing.
//!
//! A fixture's company schema (the `.xsd` its `schemaRef` names) sits beside it and is read
//! with it, as a submission's is; it is not a fixture itself. An `expect` comment may be in the
//! schema, for a finding that points into it.

use std::path::{Path, PathBuf};

use crate::engine::{self, Options};
use crate::rules::RuleSet;

/// The result of one fixture.
#[derive(Debug, Clone)]
pub struct FixtureResult {
    /// The rule.
    pub rule: String,
    /// The fixture.
    pub path: PathBuf,
    /// True when it behaved as expected.
    pub ok: bool,
    /// What went wrong (empty when ok).
    pub message: String,
}

/// What a fixture expects, and the options it asks for.
#[derive(Debug, Default)]
struct Expect {
    /// (file of the filing, position in the file, rule id) of each expectation.
    marks: Vec<(usize, usize, String)>,
    opts: Options,
}

/// The `<!-- expect: ID -->` comments of `text` (file `file` of the filing).
fn comment_marks(file: usize, text: &str) -> Vec<(usize, usize, String)> {
    let mut marks = Vec::new();
    let mut from = 0;
    while let Some(p) = text[from..].find("<!--") {
        let at = from + p;
        let end = text[at..].find("-->").map_or(text.len(), |q| at + q);
        let body = text[at + 4..end].trim();
        if let Some(id) = body.strip_prefix("expect:") {
            marks.push((file, at, id.trim().to_owned()));
        }
        from = end;
    }
    marks
}

fn read_expect(path: &Path, text: &str) -> Expect {
    let mut e = Expect {
        marks: comment_marks(0, text),
        ..Expect::default()
    };
    let mut side = path.as_os_str().to_owned();
    side.push(".expect");
    if let Ok(s) = std::fs::read_to_string(PathBuf::from(side)) {
        for line in s.lines() {
            let Some((k, v)) = line.split_once(':') else {
                continue;
            };
            let v = v.trim().to_owned();
            match k.trim() {
                "expect" => e.marks.push((0, 0, v)),
                "form" => e.opts.form = Some(v),
                "period-end" => e.opts.period_end = Some(v),
                "items" => e.opts.items = v.split(',').map(|x| x.trim().to_owned()).collect(),
                _ => {}
            }
        }
    }
    e
}

/// True when only white space and `<!-- … -->` comments lie between two comment starts.
fn adjacent(text: &str, a: usize, b: usize) -> bool {
    if a == b {
        return true;
    }
    let Some(between) = text.get(a..b) else {
        return false;
    };
    let mut rest = between;
    while let Some(start) = rest.find("<!--") {
        if !rest[..start].trim().is_empty() {
            return false;
        }
        match rest[start..].find("-->") {
            Some(e) => rest = &rest[start + e + 3..],
            None => return false,
        }
    }
    rest.trim().is_empty()
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    // Sidecars and company schemas are read with the fixture they belong to.
    v.retain(|p| p.is_file() && p.extension().is_none_or(|x| x != "expect" && x != "xsd"));
    v.sort();
    v
}

/// True when the rule has at least one pass and one fail fixture.
pub fn has_fixtures(fixtures: &Path, id: &str) -> bool {
    !files_in(&fixtures.join(id).join("pass")).is_empty()
        && !files_in(&fixtures.join(id).join("fail")).is_empty()
}

/// Runs every rule of `rules` against its fixtures under `fixtures/<ID>/`.
pub fn run(rules: &RuleSet, fixtures: &Path) -> Vec<FixtureResult> {
    let mut out = Vec::new();
    for rule in rules.iter() {
        let dir = fixtures.join(&rule.id);
        if !has_fixtures(fixtures, &rule.id) {
            out.push(FixtureResult {
                rule: rule.id.clone(),
                path: dir.clone(),
                ok: false,
                message: "the rule needs at least one pass and one fail fixture".into(),
            });
            continue;
        }
        for (fail, sub) in [(false, "pass"), (true, "fail")] {
            for path in files_in(&dir.join(sub)) {
                let text =
                    String::from_utf8_lossy(&std::fs::read(&path).unwrap_or_default()).into_owned();
                let mut exp = read_expect(&path, &text);
                exp.opts.select = vec![rule.id.clone()];
                exp.opts.preview = true;
                let filing = crate::read::read_set(std::slice::from_ref(&path));
                let texts: Vec<String> = filing
                    .files
                    .iter()
                    .map(|f| String::from_utf8_lossy(f.bytes()).into_owned())
                    .collect();
                for (k, t) in texts.iter().enumerate().skip(1) {
                    if filing.is_schema_file(k) {
                        exp.marks.extend(comment_marks(k, t));
                    }
                }
                let outcome = engine::run(rules, &filing, &exp.opts);
                let mine: Vec<_> = outcome
                    .findings
                    .iter()
                    .filter(|f| f.rule == rule.id)
                    .collect();
                let message = if let Some(s) = outcome.skipped.iter().find(|s| s.rule == rule.id) {
                    format!("the rule was skipped: {}", s.reason)
                } else if !fail {
                    if mine.is_empty() {
                        String::new()
                    } else {
                        let (l, c) = filing.files[mine[0].span.file].line_col(mine[0].span.start);
                        format!(
                            "expected no finding, got {} (first at {l}:{c}: {})",
                            mine.len(),
                            mine[0].message
                        )
                    }
                } else {
                    let mut marks: Vec<_> = exp.marks.iter().filter(|m| m.2 == rule.id).collect();
                    marks.sort();
                    // Marks sort by file, then position, as findings do. Expect comments side by
                    // side (nothing but white space and comments between them) announce findings
                    // at the same place: each may be matched by a finding anywhere after the last
                    // of them, up to the next mark of its file.
                    let bounds: Vec<(usize, usize, usize)> = marks
                        .iter()
                        .enumerate()
                        .map(|(i, m)| {
                            let text = texts.get(m.0).map_or("", String::as_str);
                            let mut j = i + 1;
                            while j < marks.len()
                                && marks[j].0 == m.0
                                && adjacent(text, marks[j - 1].1, marks[j].1)
                            {
                                j += 1;
                            }
                            let hi = marks
                                .get(j)
                                .filter(|n| n.0 == m.0)
                                .map_or(usize::MAX, |n| n.1);
                            (m.0, m.1, hi)
                        })
                        .collect();
                    if marks.is_empty() {
                        "a fail fixture must say what it expects (<!-- expect: ID --> or a .expect file)".to_string()
                    } else if marks.len() != mine.len() {
                        format!("expected {} finding(s), got {}", marks.len(), mine.len())
                    } else {
                        let mut msg = String::new();
                        for (i, f) in mine.iter().enumerate() {
                            let (file, lo, hi) = bounds[i];
                            if f.span.file != file || f.span.start < lo || f.span.start >= hi {
                                let (l, c) = filing.files[f.span.file].line_col(f.span.start);
                                msg = format!(
                                    "finding {} at {l}:{c} is not after its expect comment",
                                    i + 1
                                );
                                break;
                            }
                        }
                        msg
                    }
                };
                out.push(FixtureResult {
                    rule: rule.id.clone(),
                    path,
                    ok: message.is_empty(),
                    message,
                });
            }
        }
    }
    out
}
