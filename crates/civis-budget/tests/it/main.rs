//! Integration tests of civis-budget (one test binary).

// Test helpers fail loudly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod explain;
mod outcome;
mod support;
