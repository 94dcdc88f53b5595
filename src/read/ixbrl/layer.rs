//! The text layer's feeding: which builder the text of the element open goes to — the visible
//! text's, hidden facts' (appended after it when the set is finished), or none (a skipped or
//! invisible element) — as counted by the enclosing elements ([`Counts`]).

use super::{IxReader, Layer};
use crate::filing::text::TextBuilder;

#[derive(Default, Debug)]
pub(super) struct Counts {
    pub(super) skip: usize,
    pub(super) invisible: usize,
    pub(super) hidden: usize,
    pub(super) open_ix: usize,
}

impl IxReader {
    pub(super) fn sink(&mut self, c: &Counts) -> Option<&mut TextBuilder> {
        if c.skip > 0 {
            None
        } else if c.invisible == 0 {
            Some(&mut self.main)
        } else if c.open_ix > 0 {
            Some(&mut self.hidden)
        } else {
            None
        }
    }

    /// The builder an element opening now writes to, marked, and the position its range
    /// starts at.
    pub(super) fn layer_pos(&mut self, c: &Counts) -> (Layer, usize) {
        if c.invisible == 0 {
            self.main.mark();
            (Layer::Main, self.main.len())
        } else {
            self.hidden.mark();
            (Layer::Hidden, self.hidden.len())
        }
    }

    pub(super) fn builder(&self, layer: Layer) -> &TextBuilder {
        match layer {
            Layer::Main => &self.main,
            Layer::Hidden => &self.hidden,
        }
    }

    pub(super) fn text(&mut self, file: usize, t: &str, start: usize, c: &Counts) {
        if let Some(sink) = self.sink(c) {
            sink.push_source(t, file, start);
        }
    }
}
