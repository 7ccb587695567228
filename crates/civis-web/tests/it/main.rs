//! Integration tests of the civis web server: the real app on a real port, a fresh
//! database per test (SQLite always; PostgreSQL too when `CIVIS_TEST_DATABASE_URL` is set).

// Test code: failing loudly is the point.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod harness;

mod audit_log;
mod auth_devices;
mod auth_passkeys;
mod auth_passwords;
mod auth_support;
mod auth_totp;
mod authz;
mod bad_input;
mod budget_api;
mod budget_api_authz;
mod budget_api_fixture;
mod budget_api_input;
mod budget_exports_stored;
mod budget_messages;
mod budget_pages;
mod budget_pages_l10n;
mod credential_policy;
mod csrf;
mod enrolment_pages;
mod locales;
mod log_capture;
mod oidc_admin;
mod oidc_attacks;
mod oidc_conformance;
mod oidc_prompt;
mod oidc_rp;
mod oidc_support;
mod oidc_tokens;
mod openapi;
mod ops;
mod pages;
mod recovery;
mod register_api;
mod register_pages;
mod register_support;
mod resident_profile_pages;
mod secret_ballot_client;
mod secret_ballot_server_seal;
mod secret_ballots;
mod secret_ballots_concurrent;
mod secret_ballots_unlinkable;
mod sessions;
mod trustee_ceremony;
mod trustees;
