//! The roles a user account can hold.

use std::fmt;

/// What a user is on the platform. Each account holds exactly one role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// A member of the public: reads public information, manages only their own data.
    Resident,
    /// Staff running processes (e.g. participatory budgets); reads everything, writes process data.
    Official,
    /// Manages accounts, roles and settings.
    Admin,
    /// Oversight: reads everything including the audit log, never writes.
    Auditor,
}

/// An unknown role name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("role must be one of resident, official, admin, auditor (got {got:?})")]
pub struct RoleError {
    /// The refused text.
    pub got: String,
}

impl RoleError {
    /// The form / API field this error is about.
    pub fn field(&self) -> &'static str {
        "role"
    }
}

impl Role {
    /// Every role, in order of the enum.
    pub const ALL: [Role; 4] = [Role::Resident, Role::Official, Role::Admin, Role::Auditor];

    /// The stable lowercase name used in storage, URLs and JSON.
    pub const fn as_str(self) -> &'static str {
        match self {
            Role::Resident => "resident",
            Role::Official => "official",
            Role::Admin => "admin",
            Role::Auditor => "auditor",
        }
    }

    /// Parses the name produced by [`Role::as_str`].
    pub fn parse(input: &str) -> Result<Self, RoleError> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == input)
            .ok_or_else(|| RoleError {
                got: input.to_owned(),
            })
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_names() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Ok(r));
        }
        let err = Role::parse("Admin").unwrap_err();
        assert!(err.to_string().contains("role") && err.to_string().contains("Admin"));
    }
}
