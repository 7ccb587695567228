//! The civis storage interface.
//!
//! All persistent platform state (accounts, password hashes, sessions, login
//! throttling, the audit log) sits behind one object-safe trait, [`Store`],
//! used as `Arc<dyn Store>`. Each database has its own crate implementing it
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
//! * changes to accounts record their audit event in the same transaction;
//! * the audit log is append-only, also at the database level (triggers
//!   reject `UPDATE` and `DELETE`);
//! * errors never carry SQL text in their message ([`StoreError`]); the
//!   underlying cause is available through `std::error::Error::source` for logs.
//!
//! Tables (same names and columns in both backends): `users`, `sessions`
//! (keyed by the token hash), `sign_in_failures` (one row per failed attempt
//! per throttle key), `audit_events` (append-only), and sqlx's own
//! `_sqlx_migrations`.
//!
//! The `conformance` feature exposes `conformance`, the behaviour suite every
//! backend must pass; both backend crates run it from `tests/it`.
//!
//! # Adding a method
//!
//! 1. Declare it on [`Store`] (`store.rs`) with a doc comment stating its errors.
//! 2. Implement it in both backends: the SQL goes in the backend module for
//!    its table (`users.rs`, `sessions.rs`, `throttle.rs`, `audit.rs`) as an
//!    `…_impl` method, and `store.rs` of the backend delegates to it. A schema
//!    change is a new file in each backend's `migrations/` (never edit an
//!    applied one).
//! 3. Add a case to the conformance suite (`conformance/<area>.rs`) and list
//!    it in `conformance_tests!` (`conformance/mod.rs`);
//!    run `cargo test -p civis-store-sqlite` and, with
//!    `CIVIS_TEST_DATABASE_URL` set, `cargo test -p civis-store-postgres`.

pub mod account_audit;
pub mod budget;
pub mod budget_audit;
pub mod budget_codec;
#[cfg(feature = "conformance")]
pub mod conformance;
pub mod decode;
pub mod error;
pub mod query;
pub mod store;

pub use budget::BudgetStore;
pub use error::{StoreError, StoreResult};
pub use query::{AuditFilter, Change, NewSession, NewUser, Page, PoolStats, UserFilter};
pub use store::Store;
