//! The one integration-test binary (see Cargo.toml `autotests = false`).

mod architecture;
mod check_cli;
mod cli;
mod common;
mod corpus;
mod corpus_findings;
mod docx;
mod drafts;
mod harness;
mod hook;
mod hostile;
mod inputs;
mod judgement;
mod keep;
mod mapped;
mod reader;
mod readme;
mod reports;
mod rules;
mod schema;
mod scorecard;
mod silent;
