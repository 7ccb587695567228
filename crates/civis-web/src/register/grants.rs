//! Granting officials register permissions (admins only), audited by the store.

use civis_domain::{Role, User, Username};
use civis_identity::Permission;
use civis_store::Change;

use crate::error::{AppError, FieldError};
use crate::state::AppState;

/// Grants (`grant = true`) or revokes `permission` for the account `username`;
/// returns whether anything changed.
pub async fn set(
    state: &AppState,
    admin: &User,
    username: &str,
    permission: &str,
    grant: bool,
) -> Result<bool, AppError> {
    if !admin.is_active() || !admin.role.can_manage_users() {
        return Err(AppError::Forbidden);
    }
    let mut errors = Vec::new();
    let perm = Permission::parse(permission.trim());
    if perm.is_none() {
        errors.push(
            FieldError::new(
                "permission",
                "Choose register.read, register.import or enrolment.in_person.",
            )
            .with_code("unknown-permission"),
        );
    }
    let user = match Username::parse(username.trim()) {
        Ok(name) => match state.store().user_by_username(&name).await {
            Ok(u) => Some(u),
            Err(civis_store::StoreError::NotFound) => None,
            Err(e) => return Err(e.into()),
        },
        Err(_) => None,
    };
    match &user {
        None => errors.push(
            FieldError::new("username", "There is no account with this username.")
                .with_code("unknown-user"),
        ),
        Some(u) if grant && u.role != Role::Official => errors.push(
            FieldError::new(
                "username",
                "Register permissions are for officials only; this account is not an official.",
            )
            .with_code("not-official"),
        ),
        Some(_) => {}
    }
    let (Some(user), Some(perm), true) = (user, perm, errors.is_empty()) else {
        return Err(AppError::Validation(errors));
    };
    let change = Change::by(admin.id, state.now());
    let store = state.store();
    Ok(if grant {
        store
            .grant_register_permission(user.id, perm, change)
            .await?
    } else {
        store
            .revoke_register_permission(user.id, perm, change)
            .await?
    })
}
