//! The SQLite backend of the civis [`Store`](civis_store::Store): the default,
//! a single database file.
//!
//! * The file is created if missing; it runs in WAL mode with foreign keys on,
//!   a busy timeout, and `synchronous = NORMAL`.
//! * Migrations in `migrations/` are embedded in the binary and applied by
//!   [`SqliteStore::open`] (and by `civis migrate`).
//! * Every write transaction starts with `BEGIN IMMEDIATE`, so concurrent
//!   writers queue on the busy timeout instead of failing on lock upgrades.
//! * Timestamps are `INTEGER` milliseconds; the audit table rejects `UPDATE` and
//!   `DELETE` with triggers.
//! * Every audit event is appended to the public audit log (`tlog.rs`) in its
//!   own write transaction, which SQLite's single writer serialises.
//! * An online ballot is one autocommit upsert, stepped to completion before it
//!   returns: with WAL and `synchronous = NORMAL` an acknowledged ballot survives
//!   the process being killed (a power loss may lose the last commits).

mod audit;
mod ballot;
mod budget;
mod connect;
mod credentials;
mod error;
mod oidc;
mod register;
mod sessions;
mod store;
mod throttle;
mod tlog;
mod trustee;
mod users;

pub use connect::{SqliteStore, MIGRATOR};
