//! Integration tests of civis-budget (one test binary).

// Test helpers fail loudly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod chart;
mod csv_json;
mod explain;
mod gen;
mod outcome;
mod pabulib_export;
mod participation;
mod support;
