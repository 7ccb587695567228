//! Integration tests of the `civis` binary: each test runs the built executable.

// Test code: failing loudly is the point.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod ballots_durability;
mod ballots_two_servers;
mod cli;
mod demo_clinic;
mod loadtest;
mod loadtest_identity;
mod oidc_authlib;
mod pb;
mod process;
mod shared_sessions;
mod simulate;
