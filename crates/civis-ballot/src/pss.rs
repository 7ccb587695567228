//! EMSA-PSS encoding and verification (RFC 8017 §9.1) with SHA-384 and MGF1-SHA-384.

use sha2::{Digest, Sha384};

use crate::error::{CryptoError, Result};

/// SHA-384 output length.
pub(crate) const HASH_LEN: usize = 48;

/// MGF1 with SHA-384 (RFC 8017 §B.2.1): `len` bytes of mask from `seed`.
fn mgf1_sha384(seed: &[u8], len: usize) -> Vec<u8> {
    let mut mask = Vec::with_capacity(len + HASH_LEN);
    let mut counter: u32 = 0;
    while mask.len() < len {
        let mut h = Sha384::new();
        h.update(seed);
        h.update(counter.to_be_bytes());
        mask.extend_from_slice(&h.finalize());
        counter = counter.wrapping_add(1);
    }
    mask.truncate(len);
    mask
}

/// `H(0x00 * 8 || mHash || salt)`.
fn salted_hash(m_hash: &[u8], salt: &[u8]) -> [u8; HASH_LEN] {
    let mut h = Sha384::new();
    h.update([0u8; 8]);
    h.update(m_hash);
    h.update(salt);
    h.finalize().into()
}

/// The length in bytes of an encoding of `em_bits` bits.
pub(crate) fn em_len(em_bits: usize) -> usize {
    em_bits.div_ceil(8)
}

/// EMSA-PSS-ENCODE(msg, emBits) with the given salt; the result is `ceil(emBits/8)` bytes.
pub(crate) fn encode(msg: &[u8], em_bits: usize, salt: &[u8]) -> Result<Vec<u8>> {
    let em_len = em_len(em_bits);
    let s_len = salt.len();
    if em_len < HASH_LEN + s_len + 2 {
        return Err(CryptoError::EncodingTooLong);
    }
    let m_hash = Sha384::digest(msg);
    let h = salted_hash(&m_hash, salt);
    let db_len = em_len - HASH_LEN - 1;
    let mut db = vec![0u8; db_len];
    let one_at = db_len - s_len - 1;
    db[one_at] = 0x01;
    db[one_at + 1..].copy_from_slice(salt);
    let mask = mgf1_sha384(&h, db_len);
    for (d, m) in db.iter_mut().zip(mask.iter()) {
        *d ^= m;
    }
    let zero_bits = 8 * em_len - em_bits;
    if let Some(first) = db.first_mut() {
        *first &= 0xffu8 >> zero_bits;
    }
    let mut em = db;
    em.extend_from_slice(&h);
    em.push(0xbc);
    Ok(em)
}

/// EMSA-PSS-VERIFY(msg, EM, emBits) for a salt of `s_len` bytes.
pub(crate) fn verify(msg: &[u8], em: &[u8], em_bits: usize, s_len: usize) -> Result<()> {
    let em_len = em_len(em_bits);
    if em.len() != em_len || em_len < HASH_LEN + s_len + 2 {
        return Err(CryptoError::InvalidSignature);
    }
    if em.last() != Some(&0xbc) {
        return Err(CryptoError::InvalidSignature);
    }
    let db_len = em_len - HASH_LEN - 1;
    let (masked_db, rest) = em.split_at(db_len);
    let h = &rest[..HASH_LEN];
    let zero_bits = 8 * em_len - em_bits;
    let top_mask = !(0xffu8 >> zero_bits);
    if masked_db.first().is_some_and(|b| b & top_mask != 0) {
        return Err(CryptoError::InvalidSignature);
    }
    let mask = mgf1_sha384(h, db_len);
    let mut db: Vec<u8> = masked_db
        .iter()
        .zip(mask.iter())
        .map(|(a, b)| a ^ b)
        .collect();
    if let Some(first) = db.first_mut() {
        *first &= 0xffu8 >> zero_bits;
    }
    let ps_len = db_len - s_len - 1;
    if db[..ps_len].iter().any(|&b| b != 0) || db[ps_len] != 0x01 {
        return Err(CryptoError::InvalidSignature);
    }
    let salt = &db[ps_len + 1..];
    let m_hash = Sha384::digest(msg);
    if salted_hash(&m_hash, salt).as_slice() != h {
        return Err(CryptoError::InvalidSignature);
    }
    Ok(())
}
