//! The rule language's syntax and validation primitives, beneath everything written in YAML —
//! rules, packs, lexicons and the configuration file: `yaml` (saphyr-parser events → a tree of
//! nodes with byte spans; no aliases, depth and size limits), `packed` (the built-in files'
//! trees, parsed by `yaml` at build time and decoded at run time), `error` (a problem in such a
//! file, with its span, and miette's view of it), `validate` (`Cx`, a file's validation
//! context and its helpers; `ConceptRef`; `closest`), `pattern` (rule patterns compiled
//! with cydlint's limits, once per process, the built-in pack's on first use) and `stored`
//! (the dense DFAs build.rs makes for a few built-in patterns, loaded instead of compiling
//! them). The floor below the claim layer and the check kinds, which read their files and
//! parameters with them.

pub mod error;
pub mod packed;
pub mod pattern;
pub mod stored;
pub mod validate;
pub mod yaml;
