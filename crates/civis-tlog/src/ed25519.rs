//! Ed25519 (RFC 8032) through OpenSSL: key generation, signing, verification.

use openssl::pkey::{Id, PKey, Private};
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

/// A private key loaded once for many signatures: signing with a [`Seed`]
/// derives the public key each time, which costs as much as the signature.
#[derive(Clone)]
pub struct SigningKey(PKey<Private>);

impl SigningKey {
    /// Loads `seed`.
    pub fn from_seed(seed: &Seed) -> Result<SigningKey, TlogError> {
        PKey::private_key_from_raw_bytes(seed, Id::ED25519)
            .map(SigningKey)
            .map_err(crypto)
    }

    /// The signature of `message` (64 bytes; the same as [`sign`] with the seed).
    pub fn sign(&self, message: &[u8]) -> Result<Vec<u8>, TlogError> {
        let mut signer = Signer::new_without_digest(&self.0).map_err(crypto)?;
        signer.sign_oneshot_to_vec(message).map_err(crypto)
    }
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigningKey").finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_loaded_key_signs_as_its_seed_does() {
        let seed = generate_seed().unwrap_or([7; 32]);
        let key = SigningKey::from_seed(&seed).unwrap();
        let signature = key.sign(b"checkpoint").unwrap();
        assert_eq!(signature, sign(&seed, b"checkpoint").unwrap());
        assert!(verify(
            &public_key(&seed).unwrap(),
            b"checkpoint",
            &signature
        ));
    }
}
