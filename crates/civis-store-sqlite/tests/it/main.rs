//! Integration tests of the SQLite store: the shared conformance suite plus
//! SQLite-specific checks, each on a fresh temporary database file.

// Test code: failing loudly is the point.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod harness;
mod sqlite_specific;

mod conformance {
    civis_store::conformance_tests!(crate::harness::SqliteHarness);
}
