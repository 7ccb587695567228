//! The checks, one module each.

pub mod count;
pub mod entries;
pub mod log;
pub mod outcome;
pub mod rules;
