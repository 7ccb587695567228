//! Why a secret-ballot request was refused: each reason has its own problem
//! type (`urn:civis:problem:<slug>`), status and plain-words detail.

/// A refused credential request or sealed submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecretBallotRefusal {
    /// The process takes secret ballots only; a ballot tied to an account is refused.
    SecretOnly,
    /// The resident already obtained this process's credential.
    CredentialAlreadyIssued,
    /// The blinded message is not one the issuer can sign (wrong length or range).
    BadBlindedMessage,
    /// The credential's signature does not verify under the process's issuer key.
    BadCredential,
    /// The entry's signature does not verify under its token's key.
    BadSignature,
    /// `seq` is not the next number for this credential (a replay or a gap).
    OutOfOrder,
    /// The entry is not a well-formed online ballot entry; the value says what is wrong.
    Malformed(String),
    /// The entry is larger than the ballot log accepts.
    TooLarge,
}

impl SecretBallotRefusal {
    /// The problem type's last part.
    pub fn slug(&self) -> &'static str {
        match self {
            Self::SecretOnly => "secret-ballots-only",
            Self::CredentialAlreadyIssued => "credential-already-issued",
            Self::BadBlindedMessage => "bad-blinded-message",
            Self::BadCredential => "bad-credential",
            Self::BadSignature => "bad-signature",
            Self::OutOfOrder => "seq-out-of-order",
            Self::Malformed(_) => "malformed-ballot-entry",
            Self::TooLarge => "ballot-entry-too-large",
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        match self {
            Self::SecretOnly | Self::CredentialAlreadyIssued | Self::OutOfOrder => 409,
            Self::TooLarge => 413,
            Self::BadBlindedMessage
            | Self::BadCredential
            | Self::BadSignature
            | Self::Malformed(_) => 422,
        }
    }

    /// The problem's title.
    pub fn title(&self) -> &'static str {
        match self {
            Self::SecretOnly => "Secret ballots only",
            Self::CredentialAlreadyIssued => "Credential already issued",
            Self::BadBlindedMessage => "Bad blinded message",
            Self::BadCredential => "Bad credential",
            Self::BadSignature => "Bad signature",
            Self::OutOfOrder => "Submission out of order",
            Self::Malformed(_) => "Malformed ballot entry",
            Self::TooLarge => "Ballot entry too large",
        }
    }

    /// What went wrong, in plain words.
    pub fn message(&self) -> String {
        match self {
            Self::SecretOnly => "This process takes secret ballots only: obtain its credential \
                                 and submit a sealed ballot."
                .to_owned(),
            Self::CredentialAlreadyIssued => "A credential was already issued to you for this \
                                              process; each resident gets one."
                .to_owned(),
            Self::BadBlindedMessage => {
                "The blinded message is not one this process's issuer key can sign.".to_owned()
            }
            Self::BadCredential => "The credential's signature does not verify under this \
                                    process's issuer key."
                .to_owned(),
            Self::BadSignature => {
                "The entry's signature does not verify under its token's key.".to_owned()
            }
            Self::OutOfOrder => "seq is not the next submission number for this credential \
                                 (1 for the first, then one more each time)."
                .to_owned(),
            Self::Malformed(why) => format!("The ballot entry is malformed: {why}."),
            Self::TooLarge => format!(
                "The ballot entry is larger than {} bytes.",
                super::submit::MAX_ENTRY_BYTES
            ),
        }
    }
}
