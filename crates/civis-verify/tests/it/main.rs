//! Integration tests of civis-verify (one test binary).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod cli;
mod deps;
mod log;
mod mutations;
mod support;
