//! What a check kind's parameters are compiled with: [`Cx`], a rule file's validation context
//! and the lexicon its topics and word classes are names in. Beneath the kinds and what they
//! are made of (selectors, scopes, conditions), which all compile with it.

/// Named here for the check kinds; it joins the syntax floor's validation primitives once the
/// claim layer and the loader take them from there (issue #23).
pub use crate::rules::validate::Cx;
