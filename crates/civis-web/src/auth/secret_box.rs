//! Sealing small secrets for storage (AES-256-GCM through OpenSSL) and
//! signing short-lived tickets (HMAC-SHA-256), with server-wide keys that live
//! in the database (so every `civis serve` on it has them).
//!
//! The keys sit in the store's table of server-wide secrets, apart from the
//! credentials they protect: a copy of the credentials table alone, or of a
//! backup of it, does not reveal TOTP secrets.

use openssl::hash::MessageDigest;
use openssl::pkey::PKey;
use openssl::sign::Signer;
use openssl::symm::{decrypt_aead, encrypt_aead, Cipher};

use crate::error::AppError;
use crate::state::AppState;

const NONCE_LEN: usize = 12;
const TAG_LEN: usize = 16;

fn internal(e: impl std::fmt::Display) -> AppError {
    AppError::Internal(anyhow::anyhow!("crypto: {e}"))
}

/// The server-wide key called `name` (32 random bytes, made on first use).
pub async fn key(state: &AppState, name: &str) -> Result<Vec<u8>, AppError> {
    let candidate: [u8; 32] = rand::random();
    Ok(state
        .store()
        .oidc_secret(name, &candidate, state.now())
        .await?)
}

/// Encrypts `plain` under `key`, bound to `context` (e.g. the account it
/// belongs to): nonce, ciphertext and tag in one vector.
pub fn seal(key: &[u8], context: &[u8], plain: &[u8]) -> Result<Vec<u8>, AppError> {
    let nonce: [u8; NONCE_LEN] = rand::random();
    let mut tag = [0u8; TAG_LEN];
    let cipher = encrypt_aead(
        Cipher::aes_256_gcm(),
        key,
        Some(&nonce),
        context,
        plain,
        &mut tag,
    )
    .map_err(internal)?;
    let mut out = Vec::with_capacity(NONCE_LEN + cipher.len() + TAG_LEN);
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&cipher);
    out.extend_from_slice(&tag);
    Ok(out)
}

/// Decrypts what [`seal`] made with the same key and context.
pub fn open(key: &[u8], context: &[u8], sealed: &[u8]) -> Result<Vec<u8>, AppError> {
    if sealed.len() < NONCE_LEN + TAG_LEN {
        return Err(internal("sealed value too short"));
    }
    let (nonce, rest) = sealed.split_at(NONCE_LEN);
    let (cipher, tag) = rest.split_at(rest.len() - TAG_LEN);
    decrypt_aead(
        Cipher::aes_256_gcm(),
        key,
        Some(nonce),
        context,
        cipher,
        tag,
    )
    .map_err(internal)
}

/// HMAC-SHA-256 of `data` under `key`.
pub fn mac(key: &[u8], data: &[u8]) -> Result<Vec<u8>, AppError> {
    let pkey = PKey::hmac(key).map_err(internal)?;
    let mut signer = Signer::new(MessageDigest::sha256(), &pkey).map_err(internal)?;
    signer.update(data).map_err(internal)?;
    signer.sign_to_vec().map_err(internal)
}

/// Whether `tag` is the HMAC of `data` under `key` (compared in constant time).
pub fn mac_matches(key: &[u8], data: &[u8], tag: &[u8]) -> Result<bool, AppError> {
    let want = mac(key, data)?;
    Ok(want.len() == tag.len() && openssl::memcmp::eq(&want, tag))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn seal_round_trips_and_binds_context() {
        let key = [7u8; 32];
        let sealed = seal(&key, b"user:1", b"secret").unwrap();
        assert_eq!(open(&key, b"user:1", &sealed).unwrap(), b"secret");
        assert!(open(&key, b"user:2", &sealed).is_err());
        assert!(open(&[8u8; 32], b"user:1", &sealed).is_err());
        let mut tampered = sealed.clone();
        tampered[NONCE_LEN] ^= 1;
        assert!(open(&key, b"user:1", &tampered).is_err());
        assert!(!sealed.windows(6).any(|w| w == b"secret"));
    }

    #[test]
    fn mac_checks() {
        let tag = mac(b"k", b"data").unwrap();
        assert!(mac_matches(b"k", b"data", &tag).unwrap());
        assert!(!mac_matches(b"k", b"datb", &tag).unwrap());
        assert!(!mac_matches(b"k", b"data", &tag[..31]).unwrap());
    }
}
