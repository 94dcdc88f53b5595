//! What a check kind's parameters are compiled with: [`Cx`], a rule file's validation context
//! and the lexicon its topics and word classes are names in. Beneath the kinds and what they
//! are made of (selectors, scopes, conditions), which all compile with it.

use std::sync::Arc;

use crate::claims::Lexicon;

/// A rule file's validation context (the syntax floor's [`crate::syntax::validate::Cx`],
/// whose helpers it derefs to) with the claim layer's lexicon the rule's topics and word
/// classes are names in.
pub struct Cx {
    /// The file's validation context.
    pub base: crate::syntax::validate::Cx,
    /// The lexicon (the built-in one, or as a pack extends it).
    pub lexicon: Arc<Lexicon>,
}

impl Cx {
    /// A context for the rule file `file` whose text is `source` and whose topics and classes
    /// are names in `lexicon`. The lexicon is an argument, never fetched here: a pack's
    /// lexicon extends the built-in one.
    pub fn new(file: &str, source: &str, lexicon: Arc<Lexicon>) -> Self {
        Cx {
            base: crate::syntax::validate::Cx::new(file, source),
            lexicon,
        }
    }
}

impl std::ops::Deref for Cx {
    type Target = crate::syntax::validate::Cx;

    fn deref(&self) -> &Self::Target {
        &self.base
    }
}

impl std::ops::DerefMut for Cx {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.base
    }
}
