//! A small YAML tree with byte spans, for rule files.
//!
//! Rule files are parsed with `saphyr-parser` (a maintained YAML 1.2 parser; `serde_yaml` is
//! deprecated) into this tree, then validated by hand so that every problem — unknown key, wrong
//! type, bad regex — can point at the exact bytes in the YAML. Rule files are third-party input,
//! so the loader refuses what a rule never needs and an attacker would use: aliases (no alias
//! bombs), nesting deeper than [`MAX_DEPTH`], files over [`MAX_RULE_FILE`] bytes.

use std::borrow::Cow;
use std::ops::Range;

use saphyr_parser::{Event, Parser, ScalarStyle};

/// The largest rule file accepted.
pub const MAX_RULE_FILE: usize = 1 << 20;
/// The deepest nesting accepted.
pub const MAX_DEPTH: usize = 64;

/// A YAML value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A scalar, as written (after YAML unquoting); `quoted` when it was quoted.
    Scalar {
        /// The text: owned when parsed at run time, borrowed from the binary when the file
        /// is built in ([`super::packed`]).
        text: Cow<'static, str>,
        /// Written with quotes or as a block scalar (so never null, bool or number).
        quoted: bool,
    },
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, keys in order (keys are scalars).
    Map(Vec<(Node, Node)>),
}

/// A value with its byte range in the file.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// The value.
    pub value: Value,
    /// Byte range in the YAML source.
    pub span: Range<usize>,
}

impl Node {
    /// The scalar text, if this is a scalar.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// The entries, if this is a mapping.
    pub fn as_map(&self) -> Option<&[(Node, Node)]> {
        match &self.value {
            Value::Map(m) => Some(m),
            _ => None,
        }
    }

    /// The items, if this is a sequence.
    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Seq(s) => Some(s),
            _ => None,
        }
    }

    /// The value of `key` in a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.as_map()?
            .iter()
            .find(|(k, _)| k.as_str() == Some(key))
            .map(|(_, v)| v)
    }

    /// A short name of the node's type, for messages.
    pub fn type_name(&self) -> &'static str {
        match &self.value {
            Value::Scalar { text, quoted } => {
                if *quoted {
                    "a string"
                } else if text == "~" || text == "null" || text.is_empty() {
                    "null"
                } else if text == "true" || text == "false" {
                    "a boolean"
                } else if text.parse::<f64>().is_ok() {
                    "a number"
                } else {
                    "a string"
                }
            }
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

/// A YAML syntax problem.
#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxError {
    /// What went wrong.
    pub message: String,
    /// Where (byte range).
    pub span: Range<usize>,
}

/// Converts the parser's character indices into byte offsets.
struct Offsets {
    /// Byte offset of each char (only built for non-ASCII sources).
    table: Option<Vec<usize>>,
    len: usize,
}

impl Offsets {
    fn new(src: &str) -> Self {
        let table = (!src.is_ascii()).then(|| src.char_indices().map(|(i, _)| i).collect());
        Offsets {
            table,
            len: src.len(),
        }
    }
    fn byte(&self, char_index: usize) -> usize {
        match &self.table {
            None => char_index.min(self.len),
            Some(t) => t.get(char_index).copied().unwrap_or(self.len),
        }
    }
}

enum Frame {
    Seq(usize, Vec<Node>),
    Map(usize, Vec<(Node, Node)>, Option<Node>),
}

/// Parses one YAML document into a tree.
pub fn parse(src: &str) -> Result<Node, SyntaxError> {
    if src.len() > MAX_RULE_FILE {
        return Err(SyntaxError {
            message: format!(
                "rule file is {} bytes; the limit is {MAX_RULE_FILE}",
                src.len()
            ),
            span: 0..0,
        });
    }
    let off = Offsets::new(src);
    let mut stack: Vec<Frame> = Vec::new();
    let mut root: Option<Node> = None;
    let mut docs = 0;
    for ev in Parser::new_from_str(src) {
        let (ev, span) = ev.map_err(|e| {
            let at = off.byte(e.marker().index());
            let message = if e.info().contains("recursion limit") {
                format!("YAML nested deeper than the parser allows ({})", e.info())
            } else {
                format!("YAML syntax error: {}", e.info())
            };
            SyntaxError {
                message,
                span: at..at,
            }
        })?;
        let (a, b) = (off.byte(span.start.index()), off.byte(span.end.index()));
        let done: Option<Node> = match ev {
            Event::DocumentStart(_) => {
                docs += 1;
                if docs > 1 {
                    return Err(SyntaxError {
                        message: "a rule file holds one YAML document".into(),
                        span: a..b,
                    });
                }
                None
            }
            Event::Alias(_) => {
                return Err(SyntaxError {
                    message: "YAML aliases are not allowed in rule files".into(),
                    span: a..b,
                });
            }
            Event::Scalar(text, style, _, _) => Some(Node {
                value: Value::Scalar {
                    text: Cow::Owned(text.into_owned()),
                    quoted: style != ScalarStyle::Plain,
                },
                span: a..b,
            }),
            Event::SequenceStart(..) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(depth_error(a));
                }
                stack.push(Frame::Seq(a, Vec::new()));
                None
            }
            Event::MappingStart(..) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(depth_error(a));
                }
                stack.push(Frame::Map(a, Vec::new(), None));
                None
            }
            Event::SequenceEnd => match stack.pop() {
                Some(Frame::Seq(start, items)) => {
                    let end = items.last().map_or(b, |n| n.span.end).max(start);
                    Some(Node {
                        value: Value::Seq(items),
                        span: start..end,
                    })
                }
                _ => None,
            },
            Event::MappingEnd => match stack.pop() {
                Some(Frame::Map(start, entries, _)) => {
                    let start = entries
                        .first()
                        .map_or(start, |(k, _)| k.span.start.min(start));
                    let end = entries.last().map_or(start, |(_, v)| v.span.end).max(start);
                    Some(Node {
                        value: Value::Map(entries),
                        span: start..end,
                    })
                }
                _ => None,
            },
            _ => None,
        };
        if let Some(node) = done {
            match stack.last_mut() {
                Some(Frame::Seq(_, items)) => items.push(node),
                Some(Frame::Map(_, entries, key)) => match key.take() {
                    Some(k) => entries.push((k, node)),
                    None => *key = Some(node),
                },
                None => root = Some(node),
            }
        }
    }
    root.ok_or(SyntaxError {
        message: "the rule file is empty".into(),
        span: 0..0,
    })
}

fn depth_error(at: usize) -> SyntaxError {
    SyntaxError {
        message: format!("YAML nested deeper than {MAX_DEPTH} levels"),
        span: at..at,
    }
}

/// 1-based line and column (characters) of a byte offset.
pub fn line_col(src: &str, at: usize) -> (usize, usize) {
    let mut at = at.min(src.len());
    while !src.is_char_boundary(at) {
        at -= 1;
    }
    let before = &src[..at];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |p| p + 1);
    (line, before[start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_bytes_even_after_multibyte_text() {
        let src = "title: \"é’\"\ncheck:\n  kind: require-fact\n  concepts: [a, b]\n";
        let n = parse(src).unwrap();
        let kind = n.get("check").unwrap().get("kind").unwrap();
        assert_eq!(&src[kind.span.clone()], "require-fact");
        let seq = n.get("check").unwrap().get("concepts").unwrap();
        assert_eq!(seq.as_seq().unwrap().len(), 2);
        assert_eq!(&src[seq.as_seq().unwrap()[1].span.clone()], "b");
        assert_eq!(line_col(src, kind.span.start), (3, 9));
        assert_eq!(n.get("title").unwrap().as_str(), Some("é’"));
    }

    #[test]
    fn aliases_deep_nesting_and_size_are_refused() {
        let bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n";
        assert!(parse(bomb).unwrap_err().message.contains("aliases"));
        let deep = format!("{}{}", "[".repeat(100), "]".repeat(100));
        assert!(parse(&deep).unwrap_err().message.contains("nested"));
        let huge = "a: b\n".repeat(MAX_RULE_FILE / 4);
        assert!(parse(&huge).unwrap_err().message.contains("limit"));
        assert!(parse("a: [b").is_err());
    }

    #[test]
    fn types_for_messages() {
        let n = parse("a: 3\nb: \"3\"\nc: true\nd: [1]\ne: {x: 1}\nf:\n").unwrap();
        let t: Vec<&str> = ["a", "b", "c", "d", "e", "f"]
            .iter()
            .map(|k| n.get(k).unwrap().type_name())
            .collect();
        assert_eq!(
            t,
            [
                "a number",
                "a string",
                "a boolean",
                "a list",
                "a mapping",
                "null"
            ]
        );
    }
}
