//! Who may see the register, and why they look.
//!
//! The register is personal data. Officials hold [`Permission`]s that an admin
//! grants one by one; every read of a record names a [`Purpose`].

use civis_domain::{Role, User};

/// A permission over the register that an admin grants an official.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Permission {
    /// Search the register and read records (each read audited with a purpose).
    RegisterRead,
    /// Import register files.
    RegisterImport,
    /// Verify residents in person and print activation letters.
    EnrolmentInPerson,
}

impl Permission {
    /// Every permission.
    pub const ALL: [Permission; 3] = [
        Self::RegisterRead,
        Self::RegisterImport,
        Self::EnrolmentInPerson,
    ];

    /// The stable name: `register.read`, `register.import`, `enrolment.in_person`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::RegisterRead => "register.read",
            Self::RegisterImport => "register.import",
            Self::EnrolmentInPerson => "enrolment.in_person",
        }
    }

    /// Parses [`Permission::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// Whether an account of `role` may hold this permission: officials only.
    /// Admins grant and revoke but do not read the register themselves (duties
    /// kept apart); auditors see the audit trail of reads, not the records.
    pub const fn grantable_to(role: Role) -> bool {
        matches!(role, Role::Official)
    }
}

/// Whether `user`, holding `granted`, may use `permission` now: an active
/// official with the grant.
pub fn may_use(user: &User, granted: &[Permission], permission: Permission) -> bool {
    user.is_active() && Permission::grantable_to(user.role) && granted.contains(&permission)
}

/// Why an official reads a record; recorded with the read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    /// Enrolling the resident (verification, activation letter).
    Enrolment,
    /// The resident asked about their own record.
    ResidentRequest,
    /// Checking eligibility for a process (e.g. a participatory budget).
    Eligibility,
    /// Correcting the register.
    Correction,
    /// Something else, in the official's words.
    Other(String),
}

/// Longest free-text purpose, in characters.
pub const MAX_PURPOSE: usize = 200;

/// Why a purpose was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PurposeProblem {
    /// None chosen.
    #[error("choose why you need to see this record")]
    Missing,
    /// "Other" without words.
    #[error("say in a few words why you need to see this record")]
    MissingText,
    /// Over [`MAX_PURPOSE`] characters or with control characters.
    #[error("the purpose must be at most 200 characters of plain text")]
    BadText,
    /// Not a known choice.
    #[error("choose one of the listed purposes")]
    Unknown,
}

impl PurposeProblem {
    /// A stable key for translations.
    pub const fn key(self) -> &'static str {
        match self {
            Self::Missing => "purpose-missing",
            Self::MissingText => "purpose-missing-text",
            Self::BadText => "purpose-bad-text",
            Self::Unknown => "purpose-unknown",
        }
    }
}

impl Purpose {
    /// The listed choices' names, in display order (`other` takes text).
    pub const CHOICES: [&'static str; 5] = [
        "enrolment",
        "resident_request",
        "eligibility",
        "correction",
        "other",
    ];

    /// Parses a choice and, for `other`, its text.
    pub fn parse(choice: &str, text: &str) -> Result<Self, PurposeProblem> {
        let text = text.trim();
        match choice.trim() {
            "" => Err(PurposeProblem::Missing),
            "enrolment" => Ok(Self::Enrolment),
            "resident_request" => Ok(Self::ResidentRequest),
            "eligibility" => Ok(Self::Eligibility),
            "correction" => Ok(Self::Correction),
            "other" if text.is_empty() => Err(PurposeProblem::MissingText),
            "other" if text.chars().count() > MAX_PURPOSE || text.chars().any(char::is_control) => {
                Err(PurposeProblem::BadText)
            }
            "other" => Ok(Self::Other(text.to_owned())),
            _ => Err(PurposeProblem::Unknown),
        }
    }

    /// The choice's name.
    pub fn choice(&self) -> &'static str {
        match self {
            Self::Enrolment => "enrolment",
            Self::ResidentRequest => "resident_request",
            Self::Eligibility => "eligibility",
            Self::Correction => "correction",
            Self::Other(_) => "other",
        }
    }

    /// The free text, for `other`.
    pub fn text(&self) -> Option<&str> {
        match self {
            Self::Other(t) => Some(t),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn purposes_parse() {
        assert_eq!(Purpose::parse("enrolment", ""), Ok(Purpose::Enrolment));
        assert_eq!(Purpose::parse("", ""), Err(PurposeProblem::Missing));
        assert_eq!(
            Purpose::parse("other", "  "),
            Err(PurposeProblem::MissingText)
        );
        assert_eq!(
            Purpose::parse("other", " court order 12 "),
            Ok(Purpose::Other("court order 12".into()))
        );
        assert_eq!(Purpose::parse("curious", ""), Err(PurposeProblem::Unknown));
        assert_eq!(
            Purpose::parse("other", &"x".repeat(201)),
            Err(PurposeProblem::BadText)
        );
        for p in Permission::ALL {
            assert_eq!(Permission::parse(p.as_str()), Some(p));
        }
    }
}
