//! The built-in YAML files' trees, parsed at build time and stored in the binary.
//!
//! The built-in rule pack and lexicon are ~250 KB of YAML embedded in the binary; parsing them
//! on every run was 40 % of its start-up. `build.rs` includes this module and [`super::yaml`]
//! themselves (the same parser, the same code), parses each embedded file and writes its
//! tree in the compact form below; the binary decodes it, which allocates the same nodes
//! without scanning any YAML. The tree is exactly what [`super::yaml::parse`] makes of the
//! file — every span into the file's text included, so errors and `explain` point where they
//! always did — and a test compares the two for every embedded file. User packs are parsed at
//! run time as before.
//!
//! The form, numbers as LEB128 varints: a node is a tag byte (its kind in the low bits; bit
//! `SAME` set when a scalar's text is the file's text at its span, so only the span is
//! stored), its span (start, length), then a scalar's text (length, bytes), or a sequence's
//! items (count, nodes), or a mapping's entries (count, key and value nodes). A file whose
//! build-time parse failed has an empty tree: the binary parses it, and reports the error
//! as for any file. Decoding checks everything it reads and gives `None` on anything else,
//! never panicking, whatever the bytes.

use std::borrow::Cow;

use super::yaml::{MAX_DEPTH, Node, SyntaxError, Value};

const PLAIN: u8 = 0;
const QUOTED: u8 = 1;
const SEQ: u8 = 2;
const MAP: u8 = 3;
/// The tag bit of a scalar whose text is the file's text at its span.
const SAME: u8 = 0x10;
const PLAIN_SAME: u8 = PLAIN | SAME;
const QUOTED_SAME: u8 = QUOTED | SAME;

/// A YAML file to read: built in (its text and the tree stored for it) or a user's.
#[derive(Clone, Copy, Debug)]
pub enum File<'a> {
    /// A file built into the binary, with its tree (empty when none was stored).
    BuiltIn(&'static str, &'static [u8]),
    /// A file read at run time.
    User(&'a str),
}

impl File<'_> {
    /// Its text.
    pub fn text(&self) -> &str {
        match *self {
            File::BuiltIn(src, _) => src,
            File::User(src) => src,
        }
    }

    /// Its text as errors and rules share it: a built-in file's borrowed from the binary, a
    /// user's copied.
    pub fn source(&self) -> std::sync::Arc<Cow<'static, str>> {
        std::sync::Arc::new(match *self {
            File::BuiltIn(src, _) => Cow::Borrowed(src),
            File::User(src) => Cow::Owned(src.to_owned()),
        })
    }

    /// Its tree: a built-in file's decoded, or — for a user's file, or a built-in one whose
    /// build-time parse failed (no tree stored) — parsed.
    pub fn tree(&self) -> Result<Node, SyntaxError> {
        match *self {
            File::BuiltIn(src, packed) => match decode(packed, src) {
                Some(node) => Ok(node),
                None => super::yaml::parse(src),
            },
            File::User(src) => super::yaml::parse(src),
        }
    }
}

/// Cuts to their first item the class lists of a lexicon file's tree that a table made at
/// build time gives instead (`has_group(class, key)`: the class as the lexicon names it —
/// `NAME`, `trigger:NAME`, `pseudo`, `terminator` —, the key 0 `words`, 1 `verbs`, 2 `nouns`).
/// The lexicon reads such a list only for whether it is empty (`claims::lexicon`, where a
/// built-in file is read in its place), so the built-in lexicon's stored trees need not
/// hold, nor the binary decode, their items. Lists are found as the lexicon finds them (the
/// first entry of each key); nothing else changes, spans included.
pub fn cut_class_lists(root: &mut Node, has_group: impl Fn(&str, u8) -> bool) {
    let cut = |name: &str, class: &mut Node| {
        let Value::Map(keys) = &mut class.value else {
            return;
        };
        for (code, key) in [(0u8, "words"), (1, "verbs"), (2, "nouns")] {
            let Some((_, list)) = keys.iter_mut().find(|(k, _)| k.as_str() == Some(key)) else {
                continue;
            };
            if let Value::Seq(items) = &mut list.value
                && items.len() > 1
                && has_group(name, code)
            {
                items.truncate(1);
            }
        }
    };
    let Value::Map(top) = &mut root.value else {
        return;
    };
    let mut done: Vec<&str> = Vec::new();
    for (k, v) in top.iter_mut() {
        let k: &Node = k;
        let Some(key) = k.as_str() else { continue };
        // The lexicon reads the first entry of each key only.
        if done.contains(&key) {
            continue;
        }
        done.push(key);
        match key {
            "classes" | "triggers" => {
                let Value::Map(classes) = &mut v.value else {
                    continue;
                };
                for (ck, cv) in classes.iter_mut() {
                    let Some(n) = ck.as_str() else { continue };
                    if key == "triggers" {
                        cut(&format!("trigger:{n}"), cv);
                    } else {
                        cut(n, cv);
                    }
                }
            }
            "pseudo" => cut("pseudo", v),
            "terminators" => cut("terminator", v),
            _ => {}
        }
    }
}

/// The compact form of `node`, a tree parsed from `src`.
pub fn encode(node: &Node, src: &str) -> Vec<u8> {
    let mut out = Vec::new();
    put_node(&mut out, node, src);
    out
}

fn put_num(out: &mut Vec<u8>, mut n: usize) {
    loop {
        let b = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

fn put_node(out: &mut Vec<u8>, node: &Node, src: &str) {
    let span = node.span.clone();
    let head = |out: &mut Vec<u8>, tag: u8| {
        out.push(tag);
        put_num(out, span.start);
        put_num(out, span.end.saturating_sub(span.start));
    };
    match &node.value {
        Value::Scalar { text, quoted } => {
            let tag = if *quoted { QUOTED } else { PLAIN };
            if src.get(span.clone()) == Some(&**text) {
                head(out, tag | SAME);
            } else {
                head(out, tag);
                put_num(out, text.len());
                out.extend_from_slice(text.as_bytes());
            }
        }
        Value::Seq(items) => {
            head(out, SEQ);
            put_num(out, items.len());
            for n in items {
                put_node(out, n, src);
            }
        }
        Value::Map(entries) => {
            head(out, MAP);
            put_num(out, entries.len());
            for (k, v) in entries {
                put_node(out, k, src);
                put_node(out, v, src);
            }
        }
    }
}

/// The tree stored as `bytes` for the file `src`; `None` when the bytes are not a whole
/// tree of that file (none was stored, or they are damaged). Both are in the binary, so the
/// tree's texts borrow from them: nothing is copied.
pub fn decode(bytes: &'static [u8], src: &'static str) -> Option<Node> {
    let mut r = Reader { bytes, at: 0, src };
    let node = r.node(0)?;
    (r.at == bytes.len()).then_some(node)
}

struct Reader {
    bytes: &'static [u8],
    at: usize,
    src: &'static str,
}

impl Reader {
    fn byte(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(b)
    }

    fn num(&mut self) -> Option<usize> {
        let mut n: usize = 0;
        for shift in (0..usize::BITS).step_by(7) {
            let b = self.byte()?;
            n |= usize::from(b & 0x7f).checked_shl(shift)?;
            if b & 0x80 == 0 {
                return Some(n);
            }
        }
        None
    }

    fn node(&mut self, depth: usize) -> Option<Node> {
        if depth > MAX_DEPTH {
            return None;
        }
        let tag = self.byte()?;
        let start = self.num()?;
        let span = start..start.checked_add(self.num()?)?;
        let value = match tag {
            PLAIN | QUOTED => {
                let len = self.num()?;
                let end = self.at.checked_add(len)?;
                let text = std::str::from_utf8(self.bytes.get(self.at..end)?).ok()?;
                self.at = end;
                Value::Scalar {
                    text: Cow::Borrowed(text),
                    quoted: tag == QUOTED,
                }
            }
            PLAIN_SAME | QUOTED_SAME => Value::Scalar {
                text: Cow::Borrowed(self.src.get(span.clone())?),
                quoted: tag == QUOTED_SAME,
            },
            SEQ => {
                let n = self.num()?;
                // Every node takes three bytes at least: no capacity past what is left.
                let mut items = Vec::with_capacity(n.min(self.bytes.len() - self.at));
                for _ in 0..n {
                    items.push(self.node(depth + 1)?);
                }
                Value::Seq(items)
            }
            MAP => {
                let n = self.num()?;
                let mut entries = Vec::with_capacity(n.min(self.bytes.len() - self.at));
                for _ in 0..n {
                    let k = self.node(depth + 1)?;
                    let v = self.node(depth + 1)?;
                    entries.push((k, v));
                }
                Value::Map(entries)
            }
            _ => return None,
        };
        Some(Node { value, span })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::yaml::parse;

    #[test]
    fn a_tree_decodes_as_it_was_parsed() {
        let src = "a: 1\nb: \"x\\ty\"\nc: [d, 'e''f', {g: h}]\nlong: |\n  one\n  two\né: ’x’\nn:\n";
        let tree = parse(src).unwrap();
        let bytes = encode(&tree, src).leak();
        assert_eq!(decode(bytes, src), Some(tree));
    }

    #[test]
    fn a_built_in_file_shares_its_text_and_a_users_copies_it() {
        let src: &'static str = "a: [b, c]\n";
        let built_in = File::BuiltIn(src, &[]).source();
        assert!(matches!(&*built_in, Cow::Borrowed(s) if std::ptr::eq(*s, src)));
        let owned = String::from(src);
        let user = File::User(&owned).source();
        assert!(matches!(&*user, Cow::Owned(_)));
        assert_eq!(&**user, src);
        assert_eq!(&**built_in, File::BuiltIn(src, &[]).text());
    }

    #[test]
    fn damaged_or_foreign_bytes_decode_to_nothing() {
        let src = "a: [b, c]\nd: {e: f}\n";
        let bytes: &'static [u8] = encode(&parse(src).unwrap(), src).leak();
        // Every truncation, and every single byte changed, of a real tree.
        for cut in 0..bytes.len() {
            assert_eq!(decode(&bytes[..cut], src), None, "cut at {cut}");
        }
        for i in 0..bytes.len() {
            for b in [0u8, 0x7f, 0x80, 0xff, 0x13] {
                let mut v = bytes.to_vec();
                v[i] = b;
                let _ = decode(v.leak(), src);
            }
        }
        // Against another text, a span past its end is refused.
        assert_eq!(decode(bytes, "a"), None);
        // Trailing bytes, a huge count, nesting past the limit.
        let mut v = bytes.to_vec();
        v.push(0);
        assert_eq!(decode(v.leak(), src), None);
        assert_eq!(
            decode(&[SEQ, 0, 0, 0xff, 0xff, 0xff, 0xff, 0x0f], src),
            None
        );
        let deep: Vec<u8> = std::iter::repeat_n([SEQ, 0, 0, 1], MAX_DEPTH + 2)
            .flatten()
            .chain([PLAIN, 0, 0, 0])
            .collect();
        assert_eq!(decode(deep.leak(), src), None);
    }
}
