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
//! The `conformance` feature exposes [`conformance`], the behaviour suite every
//! backend must pass.

pub mod account_audit;
#[cfg(feature = "conformance")]
pub mod conformance;
pub mod decode;
pub mod error;
pub mod query;
pub mod store;

pub use error::{StoreError, StoreResult};
pub use query::{AuditFilter, Change, NewSession, NewUser, Page, PoolStats, UserFilter};
pub use store::Store;
