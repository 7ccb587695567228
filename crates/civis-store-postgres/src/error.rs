//! Mapping `sqlx` errors to [`StoreError`] (keeping the driver error as the source, for logs).

use civis_store::StoreError;
use sqlx::error::ErrorKind;

/// The default mapping: missing rows, unavailability, everything else internal.
pub(crate) fn db_err(err: sqlx::Error) -> StoreError {
    match &err {
        sqlx::Error::RowNotFound => StoreError::NotFound,
        sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::WorkerCrashed => StoreError::Unavailable(Box::new(err)),
        sqlx::Error::Database(db) if is_unavailable(db.code().as_deref()) => {
            StoreError::Unavailable(Box::new(err))
        }
        _ => StoreError::Internal(Box::new(err)),
    }
}

/// SQLSTATE classes meaning "not now" rather than "never": connection exceptions (08),
/// serialization failures and deadlocks (40001, 40P01), insufficient resources (53),
/// operator intervention such as shutdown (57P0x), and a missing database (3D000).
fn is_unavailable(code: Option<&str>) -> bool {
    code.is_some_and(|c| {
        c.starts_with("08")
            || c.starts_with("53")
            || c.starts_with("57P")
            || matches!(c, "40001" | "40P01" | "3D000")
    })
}

/// Whether the error is a UNIQUE or PRIMARY KEY violation.
pub(crate) fn is_unique_violation(err: &sqlx::Error) -> bool {
    matches!(err, sqlx::Error::Database(db) if db.kind() == ErrorKind::UniqueViolation)
}

/// Whether the error is a FOREIGN KEY violation.
pub(crate) fn is_foreign_key_violation(err: &sqlx::Error) -> bool {
    matches!(err, sqlx::Error::Database(db) if db.kind() == ErrorKind::ForeignKeyViolation)
}

/// Maps a write error: unique violations become `Conflict { field }`,
/// foreign key violations `NotFound`.
pub(crate) fn write_err(field: &'static str) -> impl FnOnce(sqlx::Error) -> StoreError {
    move |err| {
        if is_unique_violation(&err) {
            StoreError::Conflict { field }
        } else if is_foreign_key_violation(&err) {
            StoreError::NotFound
        } else {
            db_err(err)
        }
    }
}
