//! Storage errors, safe to show: messages never contain SQL or connection details.

use std::error::Error as StdError;

/// A boxed underlying cause (a database driver error), for logging only.
pub type Cause = Box<dyn StdError + Send + Sync + 'static>;

/// Result of a [`crate::Store`] operation.
pub type StoreResult<T> = Result<T, StoreError>;

/// Why a storage operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The record asked for does not exist.
    #[error("not found")]
    NotFound,
    /// A unique value is already taken; `field` names it (e.g. `username`).
    #[error("{field} is already taken")]
    Conflict {
        /// The field whose value must be unique.
        field: &'static str,
    },
    /// The database cannot be reached or is overloaded; retrying later may work.
    #[error("storage is unavailable")]
    Unavailable(#[source] Cause),
    /// Anything else (a bug, corrupt data, a failed migration).
    #[error("internal storage error")]
    Internal(#[source] Cause),
}

impl StoreError {
    /// An internal error described by a message (e.g. corrupt stored data).
    pub fn internal(message: impl Into<String>) -> Self {
        StoreError::Internal(message.into().into())
    }

    /// The underlying cause rendered for logs (may contain SQL; never show it to users).
    pub fn log_detail(&self) -> String {
        match self.source() {
            Some(cause) => format!("{self}: {cause}"),
            None => self.to_string(),
        }
    }
}
