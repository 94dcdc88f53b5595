//! What a check kind's parameters are compiled with: [`Cx`], a rule file's validation context
//! and the lexicon its topics and word classes are names in. Beneath the kinds and what they
//! are made of (selectors, scopes, conditions), which all compile with it.

use std::sync::Arc;

use crate::claims::Lexicon;

/// The named conditions rules may use (`condition: NAME`), by name: their definitions as
/// written in a pack's `pack.yaml` (`conditions:`), validated when the pack is loaded and
/// compiled where a rule names one.
pub type Named = std::collections::BTreeMap<String, crate::syntax::yaml::Node>;

/// A rule file's validation context (the syntax floor's [`crate::syntax::validate::Cx`],
/// whose helpers it derefs to) with the claim layer's lexicon the rule's topics and word
/// classes are names in.
pub struct Cx {
    /// The file's validation context.
    pub base: crate::syntax::validate::Cx,
    /// The lexicon (the built-in one, or as a pack extends it).
    pub lexicon: Arc<Lexicon>,
    /// The named conditions a rule may use (`condition: NAME`): its pack's and the built-in
    /// pack's; none unless given ([`Cx::with_conditions`]).
    pub conditions: Arc<Named>,
    /// The named conditions compiled so far (each once, in order): what the rule uses.
    pub used_conditions: Vec<String>,
}

impl Cx {
    /// A context for the rule file `file` whose text is `source` and whose topics and classes
    /// are names in `lexicon`. The lexicon is an argument, never fetched here: a pack's
    /// lexicon extends the built-in one.
    pub fn new(file: &str, source: &str, lexicon: Arc<Lexicon>) -> Self {
        Self::shared(file, Arc::new(source.to_owned().into()), lexicon)
    }

    /// [`Cx::new`] with the text shared, not copied
    /// ([`crate::syntax::validate::Cx::shared`]).
    pub fn shared(file: &str, source: crate::syntax::error::Source, lexicon: Arc<Lexicon>) -> Self {
        Cx {
            base: crate::syntax::validate::Cx::shared(file, source),
            lexicon,
            conditions: Arc::default(),
            used_conditions: Vec::new(),
        }
    }

    /// The context with the named conditions `conditions` in reach.
    pub fn with_conditions(mut self, conditions: Arc<Named>) -> Self {
        self.conditions = conditions;
        self
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
