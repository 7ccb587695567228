//! The PostgreSQL backend of the civis [`Store`](civis_store::Store): for
//! deployments where several civis servers share one database (sessions and
//! sign-in throttling live in the database, so the servers behave as one).
//!
//! * Migrations in `migrations/` are embedded in the binary and applied by
//!   [`PostgresStore::open`] (and by `civis migrate`).
//! * Account changes lock the account row (`SELECT … FOR UPDATE`) and record
//!   their audit event in the same transaction.
//! * PB changes lock the row they read first (`FOR NO KEY UPDATE`); a ballot is one
//!   `INSERT … ON CONFLICT DO UPDATE` statement, atomic across servers.
//! * Timestamps are `BIGINT` milliseconds; audit `before`/`after` and PB
//!   documents are `JSONB`;
//!   statement-level triggers reject `UPDATE`, `DELETE` and `TRUNCATE` on the
//!   audit table.
//! * Every audit event is appended to the public audit log (`tlog.rs`) in the
//!   same transaction; the append locks the log's `tlog_heads` row until
//!   commit, so servers append one at a time and agree on one order.
//! * No TLS is built in: connect over a private network or a local socket.

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

pub use connect::{PostgresStore, MIGRATOR};
