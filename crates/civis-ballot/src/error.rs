//! The one error type of the crate.

use thiserror::Error;

/// Everything that can go wrong in this crate, saying what failed.
///
/// No function of the crate panics on any input: malformed keys, wrong lengths, points off the
/// curve, zero scalars and forged values all come back as one of these.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CryptoError {
    /// The source of randomness failed.
    #[error("the random number generator failed: {0}")]
    Randomness(String),
    /// OpenSSL reported an error during an operation that should not fail on valid input.
    #[error("OpenSSL failed while {operation}: {detail}")]
    OpenSsl {
        /// What was being done.
        operation: &'static str,
        /// OpenSSL's error stack.
        detail: String,
    },
    /// A key could not be read or is not usable.
    #[error("invalid {what}: {reason}")]
    InvalidKey {
        /// Which kind of key.
        what: &'static str,
        /// What is wrong with it.
        reason: String,
    },
    /// An RSA key has a modulus size this crate does not accept.
    #[error("RSA modulus of {bits} bits is not accepted (2048, 3072 or 4096 bits)")]
    UnsupportedKeySize {
        /// The modulus size found.
        bits: u32,
    },
    /// A byte string has the wrong length.
    #[error("{what} must be {expected} bytes, got {actual}")]
    WrongLength {
        /// What the bytes are.
        what: &'static str,
        /// The length required.
        expected: usize,
        /// The length given.
        actual: usize,
    },
    /// An integer that must be below the RSA modulus is not.
    #[error("{what} is not below the RSA modulus")]
    NotBelowModulus {
        /// What the integer is.
        what: &'static str,
    },
    /// The encoded message shares a factor with the RSA modulus.
    #[error("the encoded message is not coprime with the RSA modulus")]
    NotCoprime,
    /// The message cannot be PSS-encoded for this modulus size.
    #[error("the PSS encoding does not fit in a modulus of this size")]
    EncodingTooLong,
    /// The blind signature computed by the issuer does not verify: a fault, not a signature.
    #[error("the blind signature failed its own check (computation fault); nothing was returned")]
    BlindSignatureCheckFailed,
    /// A signature does not verify.
    #[error("the signature does not verify for this message and key")]
    InvalidSignature,
    /// A curve point is malformed, not on P-256, or the point at infinity.
    #[error("invalid P-256 point for {what}: {reason}")]
    InvalidPoint {
        /// What the point is.
        what: &'static str,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A scalar is zero or not below the P-256 group order.
    #[error("invalid scalar for {what}: {reason}")]
    InvalidScalar {
        /// What the scalar is.
        what: &'static str,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// HPKE key derivation found no valid scalar (probability about 2^-8000).
    #[error("HPKE DeriveKeyPair found no valid key")]
    DeriveKeyPairFailed,
    /// The AEAD refused the ciphertext: wrong key, or tampered enc, ciphertext, aad or info.
    #[error("decryption failed: wrong key, or the ciphertext, enc, aad or info was altered")]
    DecryptionFailed,
    /// Threshold parameters out of range.
    #[error("invalid threshold {k} of {n} trustees (need 1 <= k <= n <= 1000)")]
    InvalidThreshold {
        /// Shares needed.
        k: usize,
        /// Trustees.
        n: usize,
    },
    /// A trustee index is out of range (trustees are numbered from 1).
    #[error("trustee index {index} is out of range 1..={n}")]
    InvalidTrusteeIndex {
        /// The index given.
        index: u32,
        /// The number of trustees.
        n: usize,
    },
    /// Fewer shares than the threshold.
    #[error("{got} shares given, {needed} needed")]
    TooFewShares {
        /// The threshold.
        needed: usize,
        /// Shares given.
        got: usize,
    },
    /// The same trustee's share appears twice.
    #[error("trustee {trustee}'s share is given twice")]
    DuplicateShare {
        /// The trustee.
        trustee: u32,
    },
    /// A share does not match the public commitments: this trustee (or dealer) cheated or
    /// the share was corrupted.
    #[error("the share of trustee {trustee} does not match the public commitments")]
    BadShare {
        /// The trustee whose share is bad (for a dealt share: the dealer).
        trustee: u32,
    },
    /// A share dealt to a trustee does not match the dealer's public commitments: the dealer
    /// cheated, or the share was corrupted on the way.
    #[error("the share dealt by trustee {dealer} to trustee {recipient} does not match the dealer's commitments")]
    BadDealtShare {
        /// The dealer.
        dealer: u32,
        /// The trustee the share was dealt to.
        recipient: u32,
    },
    /// A dealing is malformed or inconsistent with the ceremony.
    #[error("invalid dealing from trustee {dealer}: {reason}")]
    InvalidDealing {
        /// The dealer.
        dealer: u32,
        /// What is wrong.
        reason: String,
    },
    /// The reconstructed key does not match the group public key.
    #[error("the reconstructed key does not match the election public key: a share is bad")]
    ReconstructionMismatch,
}

impl CryptoError {
    /// Wraps an OpenSSL error stack with what was being done.
    pub(crate) fn openssl(
        operation: &'static str,
    ) -> impl FnOnce(openssl::error::ErrorStack) -> Self {
        move |e| CryptoError::OpenSsl {
            operation,
            detail: e.to_string(),
        }
    }
}

/// The crate's result type.
pub type Result<T, E = CryptoError> = std::result::Result<T, E>;
