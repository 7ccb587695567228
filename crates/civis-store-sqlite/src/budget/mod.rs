//! [`BudgetStore`](civis_store::BudgetStore) for SQLite: the trait delegates
//! (`civis_store::delegate_budget_store!`) to `…_impl` methods, one module per
//! group of tables.
//!
//! Documents are JSON text (see `civis_store::budget_codec`); audit events come from
//! `civis_store::budget_audit` and are written in the same `BEGIN IMMEDIATE`
//! transaction as the change.

mod ballots;
mod exports;
mod processes;
mod proposals;
mod residents;
mod results;

use crate::SqliteStore;

civis_store::delegate_budget_store!(SqliteStore);
