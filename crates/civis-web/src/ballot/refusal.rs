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
    /// The trustees have not made the election key yet, so voting cannot start.
    NoElectionKey,
    /// The trustees can no longer be changed: a trustee already submitted a key.
    TrusteesLocked,
    /// Not a P-256 public key (SEC1, 65 bytes uncompressed).
    BadTrusteeKey,
    /// A dealing cannot be accepted yet: some trustees have not submitted their key.
    TrusteeKeysMissing,
    /// The dealing does not parse or does not fit the trustees; the value says why.
    BadDealing(String),
    /// The dealing's dealer index is not the submitting trustee's.
    WrongDealer,
    /// The trustee already handed this in (`public_key`, `dealing` or `share`).
    AlreadyHandedIn(&'static str),
    /// Shares are revealed only after voting closed.
    VotingNotClosed,
    /// The share is not a scalar, or does not match the trustees' commitments.
    BadShare,
    /// The server was asked to cast for a resident who already has a credential,
    /// without their voting key.
    VotingKeyNeeded,
    /// The uploaded voting key is not usable here; the value says why.
    BadVotingKey(String),
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
            Self::NoElectionKey => "no-election-key",
            Self::TrusteesLocked => "trustees-locked",
            Self::BadTrusteeKey => "bad-trustee-key",
            Self::TrusteeKeysMissing => "trustee-keys-missing",
            Self::BadDealing(_) => "bad-dealing",
            Self::WrongDealer => "wrong-dealer",
            Self::AlreadyHandedIn(_) => "already-handed-in",
            Self::VotingNotClosed => "voting-not-closed",
            Self::BadShare => "bad-share",
            Self::VotingKeyNeeded => "voting-key-needed",
            Self::BadVotingKey(_) => "bad-voting-key",
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        match self {
            Self::SecretOnly
            | Self::CredentialAlreadyIssued
            | Self::OutOfOrder
            | Self::NoElectionKey
            | Self::TrusteesLocked
            | Self::TrusteeKeysMissing
            | Self::AlreadyHandedIn(_)
            | Self::VotingNotClosed
            | Self::VotingKeyNeeded => 409,
            Self::TooLarge => 413,
            Self::BadBlindedMessage
            | Self::BadCredential
            | Self::BadSignature
            | Self::Malformed(_)
            | Self::BadTrusteeKey
            | Self::BadDealing(_)
            | Self::WrongDealer
            | Self::BadShare
            | Self::BadVotingKey(_) => 422,
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
            Self::NoElectionKey => "No election key",
            Self::TrusteesLocked => "Trustees locked",
            Self::BadTrusteeKey => "Bad trustee key",
            Self::TrusteeKeysMissing => "Trustee keys missing",
            Self::BadDealing(_) => "Bad dealing",
            Self::WrongDealer => "Wrong dealer",
            Self::AlreadyHandedIn(_) => "Already handed in",
            Self::VotingNotClosed => "Voting not closed",
            Self::BadShare => "Bad share",
            Self::VotingKeyNeeded => "Voting key needed",
            Self::BadVotingKey(_) => "Bad voting key",
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
            Self::NoElectionKey => "Voting has not started: the trustees have not made this \
                                    process's election key yet (every trustee must submit a \
                                    key and then a dealing)."
                .to_owned(),
            Self::TrusteesLocked => "The trustees can no longer change: a trustee already \
                                     submitted a key."
                .to_owned(),
            Self::BadTrusteeKey => "This is not a trustee public key: give the base64 text \
                                    `civis trustee keygen` printed."
                .to_owned(),
            Self::TrusteeKeysMissing => "Not every trustee has submitted a key yet; deal \
                                         once all have (download the trustees' list again)."
                .to_owned(),
            Self::BadDealing(why) => format!("The dealing is not acceptable: {why}."),
            Self::WrongDealer => "The dealing was made for another trustee's index, not \
                                  yours."
                .to_owned(),
            Self::AlreadyHandedIn(what) => {
                format!(
                    "You already submitted your {}; it cannot change.",
                    what.replace('_', " ")
                )
            }
            Self::VotingNotClosed => "Shares are revealed only after voting has closed.".to_owned(),
            Self::BadShare => "This share does not match your commitments: give the text \
                               `civis trustee share` printed for this process."
                .to_owned(),
            Self::VotingKeyNeeded => "You already have a voting key for this process: give \
                                      the file you saved to change your vote."
                .to_owned(),
            Self::BadVotingKey(why) => format!("This voting key cannot be used: {why}."),
        }
    }
}
