//! The one integration-test binary (see Cargo.toml `autotests = false`).

mod cli;
mod common;
mod corpus;
mod reader;
