//! The cryptography of secret, verifiable ballots, with no IO.
//!
//! civis lets residents vote secretly and verifiably (in the style of Helios and Belenios).
//! This crate holds the cryptographic core; storage, HTTP and scheduling live elsewhere.
//! Everything runs on OpenSSL (big numbers, P-256, AES-GCM, RSA keys) with `sha2` and `hmac`;
//! randomness is a parameter ([`Randomness`], [`OsRandomness`] in production), so tests replay
//! the fixed bytes of published test vectors. Every failure is a [`CryptoError`] that says what
//! failed; nothing panics on any input.
//!
//! # Blind signatures: [`blind_rsa`]
//!
//! RFC 9474 RSA blind signatures, RSABSSA-SHA384-PSS-Randomized (and the other three variants
//! through [`blind_rsa::Variant`]). An issuer signs an eligible voter's credential without seeing
//! it, so the credential later shown with a ballot cannot be linked to the voter.
//!
//! - [`blind_rsa::IssuerSecretKey`]: `generate(bits)` (2048, 3072 or 4096),
//!   `from_pkcs8_der`/`to_pkcs8_der`, `public_key()`, `blind_sign(&BlindedMessage)` (checks
//!   its own result before returning it).
//! - [`blind_rsa::IssuerPublicKey`]: `from_spki_der`/`to_spki_der`, `key_id()` (SHA-256 of
//!   the SPKI DER), `modulus_len()`, `verify(prepared_msg, &Signature)`, `verify_with(variant, ..)`.
//! - [`blind_rsa::prepare_randomized`] (32 random bytes, then the message) and
//!   [`blind_rsa::prepare_deterministic`]; [`blind_rsa::blind`] → `(BlindedMessage,
//!   BlindingSecret)`; [`blind_rsa::finalize`] (unblinds and verifies) → `Signature`; the `_with`
//!   forms take a [`blind_rsa::Variant`].
//! - Byte newtypes [`blind_rsa::BlindedMessage`], [`blind_rsa::BlindSignature`],
//!   [`blind_rsa::Signature`], [`blind_rsa::BlindingSecret`]: `from_bytes(&key, bytes)` (length
//!   checked against the modulus) and `as_bytes()`.
//!
//! The flow: the voter calls `prepare_randomized`, `blind`, sends the blinded message; the
//! issuer checks eligibility and calls `blind_sign`; the voter calls `finalize` and later shows
//! `(prepared_msg, signature)`, which anyone checks with `IssuerPublicKey::verify`.

mod bignum;
pub mod blind_rsa;
mod error;
mod pss;
mod randomness;

pub use error::{CryptoError, Result};
pub use randomness::{OsRandomness, Randomness};
