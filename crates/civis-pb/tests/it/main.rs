//! Integration tests of the PB engine.

// Test helpers fail loudly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod gen;
mod oracle;
mod props;
