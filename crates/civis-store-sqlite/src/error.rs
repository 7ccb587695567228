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
        | sqlx::Error::WorkerCrashed => StoreError::Unavailable(Box::new(err)),
        sqlx::Error::Database(db) if is_unavailable(db.code().as_deref()) => {
            StoreError::Unavailable(Box::new(err))
        }
        _ => StoreError::Internal(Box::new(err)),
    }
}

/// SQLITE_BUSY (5), SQLITE_LOCKED (6), SQLITE_IOERR (10), SQLITE_FULL (13) and
/// SQLITE_CANTOPEN (14), including their extended codes: the file system or
/// another writer is in the way, not the request.
fn is_unavailable(code: Option<&str>) -> bool {
    code.and_then(|c| c.parse::<i32>().ok())
        .is_some_and(|c| matches!(c & 0xff, 5 | 6 | 10 | 13 | 14))
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
