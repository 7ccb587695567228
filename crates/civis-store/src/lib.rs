//! The civis storage interface.
//!
//! All persistent platform state (accounts, password hashes, sessions, login
//! throttling, the audit log, participatory budgeting) sits behind one
//! object-safe trait, [`Store`] (with its supertraits per area: [`BudgetStore`],
//! [`RegisterStore`], [`CredentialStore`], [`OidcStore`], [`TlogStore`]), used as
//! `Arc<dyn Store>`. Each database has its own crate implementing it
//! with its own embedded, versioned migrations:
//!
//! * `civis-store-sqlite` — the default, a single file (WAL mode);
//! * `civis-store-postgres` — for several servers sharing one database.
//!
//! `civis-store-open` picks the backend from a URL (`sqlite://…`, `postgres://…`).
//!
//! Design rules every backend follows:
//!
//! * time is a parameter (`now`, [`Change::at`]); stores never read the clock;
//! * timestamps are stored as BIGINT milliseconds since the Unix epoch;
//! * changes to accounts and PB changes taking a [`Change`] record their audit
//!   event in the same transaction (built once for all backends in
//!   [`account_audit`] and [`budget_audit`]);
//! * PB documents (settings, drafts, reviews, ballot contents, results,
//!   implementation reports) are stored as serde JSON ([`budget_codec`]), so a new
//!   field with a serde default needs no migration;
//! * a ballot is cast with one atomic upsert on `(process_id, voter_id)`, so a
//!   voter has one counted ballot per process even when several servers receive
//!   their casts at once;
//! * the audit log is append-only, also at the database level (triggers
//!   reject `UPDATE` and `DELETE`);
//! * every audit event is also appended to the public `audit` transparency log
//!   ([`audit_log`], [`TlogStore`]) in the same transaction: the append locks
//!   the log's row until commit, so write the audit event last in a transaction;
//! * errors never carry SQL text in their message ([`StoreError`]); the
//!   underlying cause is available through `std::error::Error::source` for logs.
//!
//! Tables (same names and columns in both backends): `users`, `sessions`
//! (keyed by the token hash), `sign_in_failures` (one row per failed attempt
//! per throttle key), `audit_events` (append-only), and sqlx's own
//! `_sqlx_migrations`; for participatory budgeting `pb_processes` (settings
//! JSON, results publication time), `pb_proposals` (draft and review JSON,
//! hiding reason), `pb_supports` (one row per resident per proposal; counted on
//! read), `pb_ballots` (one row per voter per process: content JSON, channel,
//! official, revision), `pb_results` (one per published process),
//! `pb_implementation_updates`, and `resident_profiles` (district, birth date);
//! for transparency logs ([`TlogStore`]) `tlog_heads` (one row per log: its
//! size, locked by every append), `tlog_entries` and `tlog_hashes`
//! (append-only) and `tlog_keys` (each log's signing key);
//! for credentials `totp_credentials` (sealed secret, last time step used),
//! `passkeys` (WebAuthn record, signature counter), `webauthn_ceremonies`
//! (state between a ceremony's start and finish, taken once) and
//! `session_devices` (each session's user agent); for the resident
//! register `register_records` (one per personal code), `register_versions`
//! (dated versions, kept), `register_imports`, `register_grants` (officials'
//! permissions), `register_links` (account ↔ record, with its proofing) and
//! `enrolment_codes` (digests only).
//!
//! The `conformance` feature exposes `conformance`, the behaviour suite every
//! backend must pass; both backend crates run it from `tests/it`.
//!
//! # Adding a method
//!
//! 1. Declare it on [`Store`] (`store.rs`) or the supertrait for its area
//!    ([`BudgetStore`] in `budget.rs`, [`RegisterStore`] in `register.rs`,
//!    [`CredentialStore`] in `credentials.rs`, [`OidcStore`] in `oidc.rs`) with
//!    a doc comment stating its errors; a `BudgetStore` method also goes in
//!    `delegate_budget_store!` at the end of `budget.rs`.
//! 2. Implement it in both backends: the SQL goes in the backend module for
//!    its table (`users.rs`, `sessions.rs`, `throttle.rs`, `audit.rs`,
//!    `budget/*.rs`) as an `…_impl` method, which the backend's `store.rs` (or
//!    `delegate_budget_store!`) calls. Decoding rows and building audit events
//!    belong here (`decode`, `budget_codec`, `account_audit`, `budget_audit`),
//!    not in the backends. A schema change is a new file in each backend's
//!    `migrations/` (never edit an applied one).
//! 3. Add a case to the conformance suite (`conformance/<area>.rs`) and list
//!    it in `conformance_tests!` (`conformance/mod.rs`);
//!    run `cargo test -p civis-store-sqlite` and, with
//!    `CIVIS_TEST_DATABASE_URL` set, `cargo test -p civis-store-postgres`.

pub mod account_audit;
pub mod audit_log;
pub mod ballot;
pub mod budget;
pub mod budget_audit;
pub mod budget_codec;
#[cfg(feature = "conformance")]
pub mod conformance;
pub mod credentials;
pub mod decode;
pub mod error;
pub mod oidc;
pub mod query;
pub mod recovery;
pub mod register;
pub mod sign_in;
pub mod store;
pub mod tlog;
pub mod trustee;

pub use ballot::{process_log, AppendedBallots, BallotStore, NewBallotEntry};
pub use budget::BudgetStore;
pub use credentials::CredentialStore;
pub use error::{StoreError, StoreResult};
pub use oidc::OidcStore;
pub use query::{
    AuditFilter, Change, NewSession, NewUser, Page, PoolStats, SessionContext, UserFilter,
};
pub use recovery::RecoveryStore;
pub use register::{RecordLookup, RegisterStore};
pub use sign_in::{PasswordAccount, PasswordSignInFacts, PasswordSignInQuery};
pub use store::Store;
pub use tlog::{TlogStore, AUDIT_LOG};
pub use trustee::{TrusteeBoard, TrusteeRow, TrusteeStore};
