//! Levels of assurance (eIDAS, Implementing Regulation (EU) 2015/1502): how sure
//! the platform is that whoever acts is the resident the account belongs to.
//!
//! The level of a signed-in session follows from two things:
//! * how the account was tied to a register record ([`Proofing`]), once, at enrolment;
//! * how this session was authenticated ([`AuthMethods`]), each time.
//!
//! [`level_of_assurance`] combines them; the rules are written out on it.

use std::fmt;

/// eIDAS levels of assurance, in increasing order (so `Low < Substantial < High`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LevelOfAssurance {
    /// Self-asserted identity, one factor.
    Low,
    /// A verified link to the register and two authentication factors.
    Substantial,
    /// Identity checked in person and a passkey (a hardware-bound, phishing-resistant factor).
    High,
}

impl LevelOfAssurance {
    /// Every level, lowest first.
    pub const ALL: [LevelOfAssurance; 3] = [Self::Low, Self::Substantial, Self::High];

    /// The stable name used in storage, JSON and URLs: `low`, `substantial`, `high`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Substantial => "substantial",
            Self::High => "high",
        }
    }

    /// Parses [`LevelOfAssurance::as_str`].
    pub fn parse(input: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.as_str() == input)
    }

    /// The eIDAS `acr` value an OpenID Connect provider reports for this level
    /// (the URIs the eIDAS technical specifications use).
    pub const fn acr(self) -> &'static str {
        match self {
            Self::Low => "http://eidas.europa.eu/LoA/low",
            Self::Substantial => "http://eidas.europa.eu/LoA/substantial",
            Self::High => "http://eidas.europa.eu/LoA/high",
        }
    }

    /// The level an `acr` value names: the eIDAS URI or the short name.
    pub fn from_acr(acr: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|l| l.acr() == acr || l.as_str() == acr)
    }
}

impl fmt::Display for LevelOfAssurance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How an account was tied to a record of the resident register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Proofing {
    /// A one-time activation code sent by post to the register address.
    ActivationLetter,
    /// A one-time code sent by SMS to a number on record.
    Sms,
    /// An official checked an identity document in person.
    InPerson,
}

impl Proofing {
    /// Every method.
    pub const ALL: [Proofing; 3] = [Self::ActivationLetter, Self::Sms, Self::InPerson];

    /// The stable name used in storage and JSON.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::ActivationLetter => "letter",
            Self::Sms => "sms",
            Self::InPerson => "in_person",
        }
    }

    /// Parses [`Proofing::as_str`].
    pub fn parse(input: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == input)
    }

    /// The highest level this proofing allows, whatever the factors.
    pub const fn ceiling(self) -> LevelOfAssurance {
        match self {
            Self::ActivationLetter | Self::Sms => LevelOfAssurance::Substantial,
            Self::InPerson => LevelOfAssurance::High,
        }
    }
}

/// One way a session's holder proved themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AuthMethod {
    /// Something known: a password.
    Password,
    /// A one-time password from an authenticator app (RFC 6238).
    Totp,
    /// A passkey (WebAuthn) with user verification: possession plus a PIN or biometric.
    Passkey,
    /// A one-time recovery code issued by an official.
    RecoveryCode,
}

impl AuthMethod {
    /// Every method, in storage order.
    pub const ALL: [AuthMethod; 4] = [
        Self::Password,
        Self::Totp,
        Self::Passkey,
        Self::RecoveryCode,
    ];

    /// The RFC 8176 `amr` value: `pwd`, `otp`, `hwk` (a key bound to a device), `rc`
    /// (not in RFC 8176's list; civis's own for recovery codes).
    pub const fn amr(self) -> &'static str {
        match self {
            Self::Password => "pwd",
            Self::Totp => "otp",
            Self::Passkey => "hwk",
            Self::RecoveryCode => "rc",
        }
    }

    /// Parses [`AuthMethod::amr`].
    pub fn parse(input: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.amr() == input)
    }

    const fn bit(self) -> u8 {
        match self {
            Self::Password => 1,
            Self::Totp => 2,
            Self::Passkey => 4,
            Self::RecoveryCode => 8,
        }
    }
}

/// The set of methods a session was authenticated with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct AuthMethods(u8);

impl AuthMethods {
    /// No method (a session always has at least one; this is for building sets).
    pub const NONE: AuthMethods = AuthMethods(0);

    /// The set holding one method.
    pub const fn one(method: AuthMethod) -> Self {
        AuthMethods(method.bit())
    }

    /// This set with `method` added.
    #[must_use]
    pub const fn with(self, method: AuthMethod) -> Self {
        AuthMethods(self.0 | method.bit())
    }

    /// The union of two sets.
    #[must_use]
    pub const fn union(self, other: AuthMethods) -> Self {
        AuthMethods(self.0 | other.0)
    }

    /// Whether `method` is in the set.
    pub const fn contains(self, method: AuthMethod) -> bool {
        self.0 & method.bit() != 0
    }

    /// Whether the set is empty.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The methods, in [`AuthMethod::ALL`] order.
    pub fn iter(self) -> impl Iterator<Item = AuthMethod> {
        AuthMethod::ALL
            .into_iter()
            .filter(move |m| self.contains(*m))
    }

    /// The `amr` values, space-separated (the storage form), e.g. `pwd otp`.
    pub fn to_amr_string(self) -> String {
        self.iter()
            .map(AuthMethod::amr)
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Parses [`AuthMethods::to_amr_string`]; `None` on an unknown value.
    pub fn parse_amr_string(input: &str) -> Option<Self> {
        input.split_whitespace().try_fold(Self::NONE, |set, word| {
            AuthMethod::parse(word).map(|m| set.with(m))
        })
    }

    /// How many independent factors the set shows: a passkey with user
    /// verification counts as two (possession and knowledge or inherence);
    /// a password and a one-time password count one each. A recovery code
    /// counts as one.
    pub fn factors(self) -> u8 {
        let mut n = 0;
        if self.contains(AuthMethod::Passkey) {
            n += 2;
        }
        for m in [
            AuthMethod::Password,
            AuthMethod::Totp,
            AuthMethod::RecoveryCode,
        ] {
            if self.contains(m) {
                n += 1;
            }
        }
        n
    }
}

/// The level of assurance of a session authenticated with `methods` on an
/// account whose register link was proofed by `proofing` (`None`: no verified link).
///
/// * **low**: any signed-in session;
/// * **substantial**: a verified register link (letter, SMS or in person) and at
///   least two factors ([`AuthMethods::factors`]);
/// * **high**: identity checked in person and a passkey used in this session.
///
/// A recovery code never raises the level above low on its own: with it, the
/// session counts its other factors only, so recovery gives back no more than
/// the factors the resident still holds.
pub fn level_of_assurance(proofing: Option<Proofing>, methods: AuthMethods) -> LevelOfAssurance {
    let Some(proofing) = proofing else {
        return LevelOfAssurance::Low;
    };
    let strong = AuthMethods(methods.0 & !AuthMethod::RecoveryCode.bit());
    let level = if proofing == Proofing::InPerson && strong.contains(AuthMethod::Passkey) {
        LevelOfAssurance::High
    } else if strong.factors() >= 2 {
        LevelOfAssurance::Substantial
    } else {
        LevelOfAssurance::Low
    };
    level.min(proofing.ceiling())
}

#[cfg(test)]
mod tests {
    use super::*;
    use AuthMethod::*;
    use LevelOfAssurance::*;

    fn set(ms: &[AuthMethod]) -> AuthMethods {
        ms.iter().fold(AuthMethods::NONE, |s, m| s.with(*m))
    }

    #[test]
    fn levels_follow_proofing_and_factors() {
        let cases = [
            (None, set(&[Passkey]), Low),
            (Some(Proofing::ActivationLetter), set(&[Password]), Low),
            (
                Some(Proofing::ActivationLetter),
                set(&[Password, Totp]),
                Substantial,
            ),
            (Some(Proofing::Sms), set(&[Passkey]), Substantial),
            (
                Some(Proofing::ActivationLetter),
                set(&[Passkey]),
                Substantial,
            ),
            (
                Some(Proofing::InPerson),
                set(&[Password, Totp]),
                Substantial,
            ),
            (Some(Proofing::InPerson), set(&[Passkey]), High),
            (Some(Proofing::InPerson), set(&[RecoveryCode]), Low),
            (
                Some(Proofing::InPerson),
                set(&[RecoveryCode, Password]),
                Low,
            ),
            (
                Some(Proofing::InPerson),
                set(&[RecoveryCode, Password, Totp]),
                Substantial,
            ),
        ];
        for (proofing, methods, want) in cases {
            assert_eq!(
                level_of_assurance(proofing, methods),
                want,
                "{proofing:?} {methods:?}"
            );
        }
    }

    #[test]
    fn names_round_trip() {
        for l in LevelOfAssurance::ALL {
            assert_eq!(LevelOfAssurance::parse(l.as_str()), Some(l));
            assert_eq!(LevelOfAssurance::from_acr(l.acr()), Some(l));
        }
        for p in Proofing::ALL {
            assert_eq!(Proofing::parse(p.as_str()), Some(p));
        }
        let all = set(&AuthMethod::ALL);
        assert_eq!(all.to_amr_string(), "pwd otp hwk rc");
        assert_eq!(AuthMethods::parse_amr_string("pwd otp hwk rc"), Some(all));
        assert_eq!(AuthMethods::parse_amr_string("pwd bogus"), None);
        assert!(Low < Substantial && Substantial < High);
    }
}
