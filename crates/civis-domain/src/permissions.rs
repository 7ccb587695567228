//! What each role may do: pure functions of the role (and, for personal data, of who owns it).
//!
//! Disabled accounts may do nothing; callers check [`crate::User::is_active`] first
//! (the [`may_read_user`] and [`may_edit_user`] helpers do so).

use crate::{Role, User, UserId};

impl Role {
    /// May change any data at all. Auditors never write.
    pub const fn can_write(self) -> bool {
        !matches!(self, Role::Auditor)
    }

    /// May read every account's data (not only their own).
    pub const fn can_read_all(self) -> bool {
        matches!(self, Role::Official | Role::Admin | Role::Auditor)
    }

    /// May create accounts, change roles, disable and enable accounts.
    pub const fn can_manage_users(self) -> bool {
        matches!(self, Role::Admin)
    }

    /// May read the audit log.
    pub const fn can_read_audit(self) -> bool {
        matches!(self, Role::Admin | Role::Auditor)
    }

    /// May change platform settings.
    pub const fn can_manage_settings(self) -> bool {
        matches!(self, Role::Admin)
    }

    /// May create and run processes such as participatory budgets.
    pub const fn can_manage_processes(self) -> bool {
        matches!(self, Role::Official | Role::Admin)
    }
}

/// Whether `actor` may read the account data of user `target`.
pub fn may_read_user(actor: &User, target: UserId) -> bool {
    actor.is_active() && (actor.id == target || actor.role.can_read_all())
}

/// Whether `actor` may change the profile or password of user `target`.
pub fn may_edit_user(actor: &User, target: UserId) -> bool {
    actor.is_active()
        && actor.role.can_write()
        && (actor.id == target || actor.role.can_manage_users())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DisplayName, Timestamp, Username};

    fn user(id: i64, role: Role) -> User {
        User {
            id: UserId(id),
            username: Username::parse(&format!("user{id}")).unwrap(),
            display_name: DisplayName::parse("Someone").unwrap(),
            role,
            created_at: Timestamp::EPOCH,
            disabled_at: None,
        }
    }

    #[test]
    fn role_matrix() {
        use Role::*;
        let table = [
            // role, write, read_all, users, audit, settings, processes
            (Resident, true, false, false, false, false, false),
            (Official, true, true, false, false, false, true),
            (Admin, true, true, true, true, true, true),
            (Auditor, false, true, false, true, false, false),
        ];
        for (r, w, ra, mu, au, ms, mp) in table {
            assert_eq!(r.can_write(), w, "{r} write");
            assert_eq!(r.can_read_all(), ra, "{r} read_all");
            assert_eq!(r.can_manage_users(), mu, "{r} manage_users");
            assert_eq!(r.can_read_audit(), au, "{r} read_audit");
            assert_eq!(r.can_manage_settings(), ms, "{r} settings");
            assert_eq!(r.can_manage_processes(), mp, "{r} processes");
        }
    }

    #[test]
    fn residents_only_their_own_data() {
        let alice = user(1, Role::Resident);
        assert!(may_read_user(&alice, UserId(1)));
        assert!(may_edit_user(&alice, UserId(1)));
        assert!(!may_read_user(&alice, UserId(2)));
        assert!(!may_edit_user(&alice, UserId(2)));
    }

    #[test]
    fn auditors_read_but_never_edit() {
        let aud = user(3, Role::Auditor);
        assert!(may_read_user(&aud, UserId(1)));
        assert!(!may_edit_user(&aud, UserId(1)));
        assert!(!may_edit_user(&aud, UserId(3)));
        let admin = user(4, Role::Admin);
        assert!(may_edit_user(&admin, UserId(1)));
    }

    #[test]
    fn disabled_accounts_may_do_nothing() {
        let mut admin = user(4, Role::Admin);
        admin.disabled_at = Some(Timestamp::from_millis(5));
        assert!(!may_read_user(&admin, UserId(4)));
        assert!(!may_edit_user(&admin, UserId(1)));
    }
}
