//! The civis participatory budgeting engine.
//!
//! IO-free: it parses and writes the Pabulib format from and to strings,
//! computes outcome rules in exact arithmetic and explains them. It knows
//! nothing of files, HTTP, SQL or the clock.

mod ballot_groups;
pub mod ballots;
pub mod decimal;
pub mod election;
pub mod explain;
mod fields;
pub mod json;
pub mod official;
pub mod pabulib;
pub mod rules;
pub mod stats;

pub use ballots::Ballots;
pub use decimal::Decimal;
pub use election::{Election, Project, VoteType, Voter};
pub use fields::{Fields, FieldsIter};
