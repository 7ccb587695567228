//! The audit events every backend records for account changes, built in one place
//! so that all backends record identical events.

use civis_domain::{audit::user_target, AuditAction, NewAuditEvent, User};
use serde_json::json;

use crate::Change;

fn event(
    change: Change,
    action: AuditAction,
    user: &User,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
) -> NewAuditEvent {
    NewAuditEvent {
        at: change.at,
        actor: change.actor,
        action,
        target: Some(user_target(user.id)),
        before,
        after,
    }
}

/// `user.created`, with the new account's public fields.
pub fn created(change: Change, user: &User) -> NewAuditEvent {
    let after = json!({
        "username": user.username.as_str(),
        "display_name": user.display_name.as_str(),
        "role": user.role.as_str(),
    });
    event(change, AuditAction::UserCreated, user, None, Some(after))
}

/// `user.role_changed`, or `None` if the role did not change.
pub fn role_changed(change: Change, before: &User, after: &User) -> Option<NewAuditEvent> {
    (before.role != after.role).then(|| {
        event(
            change,
            AuditAction::RoleChanged,
            after,
            Some(json!({"role": before.role.as_str()})),
            Some(json!({"role": after.role.as_str()})),
        )
    })
}

/// `user.profile_changed`, or `None` if the display name did not change.
pub fn profile_changed(change: Change, before: &User, after: &User) -> Option<NewAuditEvent> {
    (before.display_name != after.display_name).then(|| {
        event(
            change,
            AuditAction::ProfileChanged,
            after,
            Some(json!({"display_name": before.display_name.as_str()})),
            Some(json!({"display_name": after.display_name.as_str()})),
        )
    })
}

/// `user.disabled`, or `None` if the account was already disabled.
pub fn disabled(change: Change, before: &User, after: &User) -> Option<NewAuditEvent> {
    (before.is_active() && !after.is_active())
        .then(|| event(change, AuditAction::UserDisabled, after, None, None))
}

/// `user.enabled`, or `None` if the account was already active.
pub fn enabled(change: Change, before: &User, after: &User) -> Option<NewAuditEvent> {
    (!before.is_active() && after.is_active())
        .then(|| event(change, AuditAction::UserEnabled, after, None, None))
}

/// `user.password_changed` (never with the hash).
pub fn password_changed(change: Change, user: &User) -> NewAuditEvent {
    event(change, AuditAction::PasswordChanged, user, None, None)
}
