//! The resident register's service layer: the one path for the API and the
//! pages to import files, read records (with a purpose, audited by the store)
//! and manage officials' permissions. Every function checks who acts.

pub mod enrolment;
pub mod grants;
pub mod imports;
pub mod letters;
pub mod records;
pub mod recovery;
pub mod sms;

use civis_domain::User;
use civis_identity::{Isikukood, Permission, PersonalCodeRules};

use crate::error::AppError;
use crate::state::AppState;

/// The personal code rules in force: Estonian isikukood. Another country's
/// format is another [`PersonalCodeRules`] returned here.
pub fn code_rules() -> &'static dyn PersonalCodeRules {
    &Isikukood
}

/// The permissions `user` may use now: an active official's grants, nothing
/// for anyone else.
pub async fn permissions(state: &AppState, user: &User) -> Result<Vec<Permission>, AppError> {
    if !user.is_active() || !Permission::grantable_to(user.role) {
        return Ok(Vec::new());
    }
    Ok(state.store().register_permissions(user.id).await?)
}

/// Refuses (403) unless `user` may use `permission`.
pub async fn require(
    state: &AppState,
    user: &User,
    permission: Permission,
) -> Result<Vec<Permission>, AppError> {
    let held = permissions(state, user).await?;
    if civis_identity::access::may_use(user, &held, permission) {
        Ok(held)
    } else {
        Err(AppError::Forbidden)
    }
}
