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
mod hostile;
mod judgement;
mod keep;
mod reader;
mod reports;
mod rules;
mod scorecard;
mod silent;
