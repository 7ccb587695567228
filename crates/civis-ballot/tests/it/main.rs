//! Tests of civis-ballot: RFC test vectors, round trips and refusals.

// Test code: failing loudly is the point.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod blind_rsa;
mod hpke;
mod robustness;
mod support;
mod threshold;
