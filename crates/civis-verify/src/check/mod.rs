//! The checks, one module each.

pub mod ballots;
pub mod count;
pub mod credentials;
pub mod entries;
pub mod log;
pub mod outcome;
pub mod rules;
pub mod trustees;
