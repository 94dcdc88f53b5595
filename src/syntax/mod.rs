//! The rule language's syntax, beneath everything written in it — rules, packs, lexicons and
//! the configuration file: `yaml` (saphyr-parser events → a tree of nodes with byte spans; no
//! aliases, depth and size limits) and `error` (a problem in such a file, with its span, and
//! miette's view of it). The floor below the claim layer and the check kinds, which read their
//! parameters from these trees.

pub mod error;
pub mod pattern;
pub mod validate;
pub mod yaml;
