//! Importing a register file: all or nothing, with a report of every problem.

use civis_domain::User;
use civis_identity::import::parse_file;
use civis_identity::{Date, ImportProblem, Permission, Reason};
use civis_store::register::{NewRegisterImport, RegisterImport};
use civis_store::Change;
use sha2::{Digest, Sha256};

use crate::error::{AppError, FieldError};
use crate::state::AppState;

/// Why an import was refused.
#[derive(Debug)]
pub enum ImportRefusal {
    /// The effective date is missing or not a date.
    EffectiveDate,
    /// The file's problems (nothing was imported).
    Problems(Vec<ImportProblem>),
    /// Anything else (permissions, the database).
    Other(AppError),
}

impl From<AppError> for ImportRefusal {
    fn from(e: AppError) -> Self {
        Self::Other(e)
    }
}

/// A problem as the API reports it: `field` is the column, `line` the file line.
pub fn field_error(p: &ImportProblem) -> FieldError {
    let mut e = FieldError::new(p.field.clone(), p.reason.english()).with_code(p.reason.key());
    e.line = p.line;
    e
}

impl From<ImportRefusal> for AppError {
    fn from(r: ImportRefusal) -> Self {
        match r {
            ImportRefusal::EffectiveDate => AppError::Validation(vec![FieldError::new(
                "effective_date",
                "The effective date must be a date written YYYY-MM-DD.",
            )
            .with_code("date-format")]),
            ImportRefusal::Problems(problems) => {
                AppError::Validation(problems.iter().map(field_error).collect())
            }
            ImportRefusal::Other(e) => e,
        }
    }
}

/// Imports `text` as the register on `effective_date` (`YYYY-MM-DD`), for an
/// official holding `register.import`.
pub async fn import(
    state: &AppState,
    user: &User,
    effective_date: &str,
    text: &str,
) -> Result<RegisterImport, ImportRefusal> {
    super::require(state, user, Permission::RegisterImport).await?;
    let date = Date::parse(effective_date.trim());
    let rows = parse_file(text, super::code_rules());
    let (date, rows) = match (date, rows) {
        (Ok(d), Ok(r)) => (d, r),
        (Err(_), _) => return Err(ImportRefusal::EffectiveDate),
        (Ok(_), Err(problems)) => return Err(ImportRefusal::Problems(problems)),
    };
    let new = NewRegisterImport {
        effective_date: date,
        file_sha256: hex(&Sha256::digest(text.as_bytes())),
        rows,
    };
    match state
        .store()
        .import_register(&new, Change::by(user.id, state.now()))
        .await
        .map_err(AppError::from)?
    {
        Ok(done) => Ok(done),
        Err(problems) => Err(ImportRefusal::Problems(problems)),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether a problem is about the file as a whole rather than one of its lines.
pub fn is_file_level(p: &ImportProblem) -> bool {
    p.line.is_none() && !matches!(p.reason, Reason::MissingActive { .. })
}
