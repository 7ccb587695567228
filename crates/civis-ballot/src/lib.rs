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
//!
//! # Encryption to a public key: [`hpke`]
//!
//! RFC 9180 HPKE in base mode with DHKEM(P-256, HKDF-SHA256), HKDF-SHA256 and AES-128-GCM,
//! single-shot. Ballots are sealed to the election key; trustees' shares are sealed to each
//! trustee's personal key so that a server can relay them without reading them.
//!
//! - [`hpke::seal`]`(pk, info, aad, plaintext, rng)` → `(enc, ciphertext)` (65-byte `enc`,
//!   ciphertext = plaintext + 16-byte tag); [`hpke::open`]`(sk, enc, info, aad, ciphertext)`
//!   → plaintext, or [`CryptoError::DecryptionFailed`] for the wrong key or any alteration.
//! - [`hpke::HpkeSecretKey`]: `generate(rng)`, `derive(ikm)` (DeriveKeyPair),
//!   `from_scalar_bytes([u8; 32])` (refuses zero and scalars not below the order),
//!   `to_scalar_bytes()`, `public_key()`.
//! - [`hpke::HpkePublicKey`]: `from_bytes` (65-byte uncompressed SEC1 only; refuses points off
//!   the curve and the point at infinity), `to_bytes()`, `as_bytes()`.
//! - The steps, for test vectors and audits: [`hpke::encap`], [`hpke::decap`],
//!   [`hpke::key_schedule`].
//!
//! # The election key held by trustees: [`threshold`]
//!
//! A k-of-n Pedersen distributed key generation with Feldman commitments over P-256: the
//! election secret never exists whole until `k` trustees reveal their shares after the close.
//!
//! - [`threshold::Dealing::new`]`(dealer, k, n, &trustee_keys, rng)`: trustee `dealer` (from 1)
//!   commits to a random polynomial of degree `k - 1` and seals each trustee's share with HPKE
//!   to that trustee's personal key; `to_bytes`/`from_bytes`, `from_parts`, `commitments()`,
//!   `encrypted_shares()`, `open_share(j, &sk)` (opens and checks), `verify_share(j, &share)`.
//! - [`threshold::trustee_share`]`(j, &sk, &dealings)`: trustee `j`'s share `s_j`, every dealt
//!   share checked; a bad one is [`CryptoError::BadDealtShare`] naming the dealer.
//! - [`threshold::group_public_key`]`(&commitments)`: the election key `Σ_i C_i0`, an
//!   [`hpke::HpkePublicKey`] to which ballots are sealed.
//! - [`threshold::share_public_point`]`(j, &commitments)`, [`threshold::verify_revealed_share`]
//!   `(j, &s_j, &commitments)` ([`CryptoError::BadShare`] names the trustee),
//!   [`threshold::verify_share`] for one dealer's commitments.
//! - [`threshold::reconstruct`]`(&[(j, s_j)], k, &group_public_key)`: Lagrange at 0 from any
//!   `k` or more shares, checked against the election key (refuses fewer than `k`, index 0,
//!   duplicates; a bad share shows as [`CryptoError::ReconstructionMismatch`]);
//!   [`threshold::reconstruct_checked`]`(&[(j, s_j)], &commitments)` checks each share first and
//!   names the trustee whose share is bad.
//! - Types: [`threshold::Scalar`] (a share, 32 bytes below the group order),
//!   [`threshold::Commitments`] (k concatenated 65-byte points), [`threshold::EncryptedShare`];
//!   the HPKE `info` and `aad` of sealed shares are [`threshold::SHARE_INFO`] and
//!   [`threshold::share_aad`].

mod bignum;
pub mod blind_rsa;
mod error;
mod hkdf;
pub mod hpke;
mod p256;
mod pss;
mod randomness;
pub mod threshold;

pub use error::{CryptoError, Result};
pub use randomness::{OsRandomness, Randomness};
