//! One module per subcommand: each owns its command's flow, from its arguments to its output,
//! so a change to one command edits one file. `lib::run` dispatches here.

pub mod claims;
pub mod plan;
