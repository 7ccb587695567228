//! Ed25519 (RFC 8032) through OpenSSL: key generation, signing, verification.

use openssl::pkey::{Id, PKey};
use openssl::sign::{Signer, Verifier};

use crate::TlogError;

/// An Ed25519 private key seed (32 bytes).
pub type Seed = [u8; 32];
/// An Ed25519 public key (32 bytes).
pub type PublicKey = [u8; 32];

fn crypto(e: openssl::error::ErrorStack) -> TlogError {
    TlogError::Crypto(e.to_string())
}

fn array32(bytes: &[u8]) -> Result<[u8; 32], TlogError> {
    <[u8; 32]>::try_from(bytes).map_err(|_| TlogError::Crypto("unexpected key length".into()))
}

/// A new random seed.
pub fn generate_seed() -> Result<Seed, TlogError> {
    let key = PKey::generate_ed25519().map_err(crypto)?;
    array32(&key.raw_private_key().map_err(crypto)?)
}

/// The public key of `seed`.
pub fn public_key(seed: &Seed) -> Result<PublicKey, TlogError> {
    let key = PKey::private_key_from_raw_bytes(seed, Id::ED25519).map_err(crypto)?;
    array32(&key.raw_public_key().map_err(crypto)?)
}

/// The signature of `message` by `seed` (64 bytes; Ed25519 is deterministic).
pub fn sign(seed: &Seed, message: &[u8]) -> Result<Vec<u8>, TlogError> {
    let key = PKey::private_key_from_raw_bytes(seed, Id::ED25519).map_err(crypto)?;
    let mut signer = Signer::new_without_digest(&key).map_err(crypto)?;
    signer.sign_oneshot_to_vec(message).map_err(crypto)
}

/// Whether `signature` is a valid signature of `message` by `public`.
/// A malformed key or signature is simply not valid.
pub fn verify(public: &PublicKey, message: &[u8], signature: &[u8]) -> bool {
    let Ok(key) = PKey::public_key_from_raw_bytes(public, Id::ED25519) else {
        return false;
    };
    let Ok(mut verifier) = Verifier::new_without_digest(&key) else {
        return false;
    };
    signature.len() == 64 && verifier.verify_oneshot(signature, message).unwrap_or(false)
}
