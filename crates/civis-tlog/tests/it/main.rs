//! Tests of civis-tlog: known vectors, properties, tiles, checkpoints and notes.

// Test code: failing loudly is the point.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod checkpoints;
mod fixtures;
mod notes;
mod properties;
mod tiles;
mod vectors;
