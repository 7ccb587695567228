//! Reading register records: officials holding `register.read`, each read with
//! a purpose and audited (by the store, in the same transaction).

use civis_domain::User;
use civis_identity::{Permission, PersonalCode, Purpose};
use civis_store::register::{RecordLookup, RegisterRecord};
use civis_store::Change;

use crate::error::AppError;
use crate::state::AppState;

/// Reads the record `lookup` names for `user`, recording why.
pub async fn read(
    state: &AppState,
    user: &User,
    lookup: &RecordLookup,
    purpose: &Purpose,
) -> Result<Option<RegisterRecord>, AppError> {
    super::require(state, user, Permission::RegisterRead).await?;
    Ok(state
        .store()
        .read_register_record(lookup, purpose, Change::by(user.id, state.now()))
        .await?)
}

/// Parses a personal code typed by an official or a resident.
pub fn parse_code(raw: &str) -> Result<PersonalCode, civis_identity::CodeProblem> {
    PersonalCode::parse(raw, super::code_rules())
}
