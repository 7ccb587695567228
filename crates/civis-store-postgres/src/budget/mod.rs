//! [`BudgetStore`](civis_store::BudgetStore) for PostgreSQL: the trait delegates
//! (`civis_store::delegate_budget_store!`) to `…_impl` methods, one module per
//! group of tables.
//!
//! Documents are `JSONB` columns written from and read back as serde JSON text (see
//! `civis_store::budget_codec`); audit events come from `civis_store::budget_audit`
//! and are written in the same transaction as the change, which locks the row it
//! reads first with `FOR NO KEY UPDATE` (so ballots and supports referencing that
//! row are not held up).

mod ballots;
mod exports;
mod processes;
mod proposals;
mod residents;
mod results;

use crate::PostgresStore;

civis_store::delegate_budget_store!(PostgresStore);
