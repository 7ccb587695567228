//! Scopes: what a client service asks to learn, and which claims each releases.

use std::fmt;

/// A scope the provider understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    /// An OpenID Connect request: an ID token with the resident's subject
    /// identifier and how they authenticated (`sub`, `acr`, `amr`, `auth_time`).
    OpenId,
    /// The resident's name and username, and with a register link, given and
    /// family name and birth date.
    Profile,
    /// The resident's postal address (from the register).
    Address,
    /// A refresh token, so the service can keep access while the resident is away.
    OfflineAccess,
}

impl Scope {
    /// Every scope, in display order.
    pub const ALL: [Scope; 4] = [
        Self::OpenId,
        Self::Profile,
        Self::Address,
        Self::OfflineAccess,
    ];

    /// The scope value, as in `scope=openid profile`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::OpenId => "openid",
            Self::Profile => "profile",
            Self::Address => "address",
            Self::OfflineAccess => "offline_access",
        }
    }

    /// Parses [`Scope::as_str`].
    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == value)
    }

    /// The claims this scope releases (OpenID Connect Core §5.4; `openid`:
    /// the ID token's claims about the authentication).
    pub const fn claims(self) -> &'static [&'static str] {
        match self {
            Self::OpenId => &["sub", "acr", "amr", "auth_time"],
            Self::Profile => &[
                "name",
                "preferred_username",
                "given_name",
                "family_name",
                "birthdate",
            ],
            Self::Address => &["address"],
            Self::OfflineAccess => &[],
        }
    }

    const fn bit(self) -> u8 {
        match self {
            Self::OpenId => 1,
            Self::Profile => 2,
            Self::Address => 4,
            Self::OfflineAccess => 8,
        }
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A set of scopes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Scopes(u8);

impl Scopes {
    /// The empty set.
    pub const NONE: Scopes = Scopes(0);

    /// Every scope.
    pub const fn all() -> Self {
        Scopes(15)
    }

    /// The set holding one scope.
    pub const fn one(scope: Scope) -> Self {
        Scopes(scope.bit())
    }

    /// This set with `scope` added.
    #[must_use]
    pub const fn with(self, scope: Scope) -> Self {
        Scopes(self.0 | scope.bit())
    }

    /// Whether `scope` is in the set.
    pub const fn contains(self, scope: Scope) -> bool {
        self.0 & scope.bit() != 0
    }

    /// Whether every scope of `other` is in this set.
    pub const fn contains_all(self, other: Scopes) -> bool {
        self.0 & other.0 == other.0
    }

    /// The scopes in both sets.
    #[must_use]
    pub const fn intersection(self, other: Scopes) -> Self {
        Scopes(self.0 & other.0)
    }

    /// The scopes in either set.
    #[must_use]
    pub const fn union(self, other: Scopes) -> Self {
        Scopes(self.0 | other.0)
    }

    /// The scopes of this set that `other` lacks.
    #[must_use]
    pub const fn minus(self, other: Scopes) -> Self {
        Scopes(self.0 & !other.0)
    }

    /// Whether the set is empty.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The scopes, in [`Scope::ALL`] order.
    pub fn iter(self) -> impl Iterator<Item = Scope> {
        Scope::ALL.into_iter().filter(move |s| self.contains(*s))
    }

    /// The requested scopes of a `scope` parameter. Values this provider does
    /// not know are ignored, as OpenID Connect Core §3.1.2.1 asks; the second
    /// value says whether there were any.
    pub fn parse_request(text: &str) -> (Scopes, bool) {
        let mut unknown = false;
        let set = text
            .split(' ')
            .filter(|w| !w.is_empty())
            .fold(Scopes::NONE, |set, word| match Scope::parse(word) {
                Some(s) => set.with(s),
                None => {
                    unknown = true;
                    set
                }
            });
        (set, unknown)
    }

    /// The storage form: scope values separated by spaces, in [`Scope::ALL`] order.
    pub fn to_scope_string(self) -> String {
        self.iter().map(Scope::as_str).collect::<Vec<_>>().join(" ")
    }

    /// Parses [`Scopes::to_scope_string`] strictly: `None` on an unknown value.
    pub fn parse_stored(text: &str) -> Option<Scopes> {
        text.split_whitespace()
            .try_fold(Scopes::NONE, |set, w| Scope::parse(w).map(|s| set.with(s)))
    }
}

impl FromIterator<Scope> for Scopes {
    fn from_iter<I: IntoIterator<Item = Scope>>(iter: I) -> Self {
        iter.into_iter().fold(Scopes::NONE, Scopes::with)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_ignores_unknown_values() {
        let (set, unknown) = Scopes::parse_request("openid  email profile");
        assert_eq!(set, Scopes::one(Scope::OpenId).with(Scope::Profile));
        assert!(unknown);
        assert_eq!(set.to_scope_string(), "openid profile");
        assert_eq!(Scopes::parse_stored("openid profile"), Some(set));
        assert_eq!(Scopes::parse_stored("openid email"), None);
    }

    #[test]
    fn set_operations() {
        let a: Scopes = [Scope::OpenId, Scope::Address].into_iter().collect();
        let b = Scopes::one(Scope::OpenId);
        assert!(a.contains_all(b));
        assert!(!b.contains_all(a));
        assert_eq!(a.minus(b), Scopes::one(Scope::Address));
        assert_eq!(a.intersection(b), b);
        assert_eq!(Scopes::all().iter().count(), 4);
    }
}
