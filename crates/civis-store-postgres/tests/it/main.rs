//! Integration tests of the PostgreSQL store: the shared conformance suite plus
//! PostgreSQL-specific checks, each on a fresh database created on the server
//! named by `CIVIS_TEST_DATABASE_URL` and dropped afterwards. Without that
//! variable every test prints a notice and passes.

// Test code: failing loudly is the point.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod harness;
mod postgres_specific;

mod conformance {
    civis_store::conformance_tests!(crate::harness::PgHarness);
}
