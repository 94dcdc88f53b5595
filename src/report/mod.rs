//! Rendering: the only module that writes output. Each format is a file of its own.

pub mod check;
pub mod facts;
