//! HKDF-SHA256 (RFC 5869) and HPKE's labeled forms (RFC 9180 §4), on `hmac` and `sha2`.

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::error::{CryptoError, Result};

type HmacSha256 = Hmac<Sha256>;

/// The HKDF-SHA256 output length.
pub(crate) const NH: usize = 32;

fn mac(key: &[u8]) -> Result<HmacSha256> {
    HmacSha256::new_from_slice(key).map_err(|_| CryptoError::InvalidKey {
        what: "HMAC key",
        reason: "refused by HMAC-SHA256".to_string(),
    })
}

/// HKDF-Expand(prk, info, len), `len <= 255 * 32`.
pub(crate) fn expand(prk: &[u8], info: &[u8], len: usize) -> Result<Vec<u8>> {
    if len > 255 * NH {
        return Err(CryptoError::WrongLength {
            what: "HKDF output",
            expected: 255 * NH,
            actual: len,
        });
    }
    let mut out = Vec::with_capacity(len + NH);
    let mut previous: Vec<u8> = Vec::new();
    let mut counter: u8 = 1;
    while out.len() < len {
        let mut m = mac(prk)?;
        m.update(&previous);
        m.update(info);
        m.update(&[counter]);
        previous = m.finalize().into_bytes().to_vec();
        out.extend_from_slice(&previous);
        counter = counter.wrapping_add(1);
    }
    out.truncate(len);
    Ok(out)
}

/// LabeledExtract(salt, label, ikm) = Extract(salt, "HPKE-v1" || suite_id || label || ikm).
pub(crate) fn labeled_extract(
    suite_id: &[u8],
    salt: &[u8],
    label: &[u8],
    ikm: &[u8],
) -> Result<[u8; NH]> {
    let mut m = mac(salt)?;
    m.update(b"HPKE-v1");
    m.update(suite_id);
    m.update(label);
    m.update(ikm);
    Ok(m.finalize().into_bytes().into())
}

/// LabeledExpand(prk, label, info, L) =
/// Expand(prk, I2OSP(L, 2) || "HPKE-v1" || suite_id || label || info, L).
pub(crate) fn labeled_expand(
    suite_id: &[u8],
    prk: &[u8],
    label: &[u8],
    info: &[u8],
    len: usize,
) -> Result<Vec<u8>> {
    let l = u16::try_from(len).map_err(|_| CryptoError::WrongLength {
        what: "HPKE labeled output",
        expected: usize::from(u16::MAX),
        actual: len,
    })?;
    let mut labeled = Vec::with_capacity(2 + 7 + suite_id.len() + label.len() + info.len());
    labeled.extend_from_slice(&l.to_be_bytes());
    labeled.extend_from_slice(b"HPKE-v1");
    labeled.extend_from_slice(suite_id);
    labeled.extend_from_slice(label);
    labeled.extend_from_slice(info);
    expand(prk, &labeled, len)
}
