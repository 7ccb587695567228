//! A trustee's offline work, with no IO (the `civis trustee` commands read and
//! write the files): a personal HPKE key, a dealing for the process's trustees,
//! and the trustee's share from every trustee's dealing, after checking each
//! dealing's commitments. The trustees' list is the document the server publishes
//! at `GET /api/v1/processes/{id}/trustees`; only the fields read here matter.

use civis_ballot::hpke::{HpkePublicKey, HpkeSecretKey};
use civis_ballot::threshold::{trustee_share, Dealing};
use civis_ballot::Randomness;
use serde::{Deserialize, Serialize};

use crate::record::Bytes;

/// The `format` of a trustee's key file.
pub const KEY_FORMAT: &str = "civis-trustee-key/1";

/// A trustee's personal key file (secret: it stays on the trustee's machine).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrusteeKeyFile {
    /// [`KEY_FORMAT`].
    pub format: String,
    /// The HPKE secret key: a P-256 scalar, 32 bytes big-endian.
    pub secret_key: Bytes,
    /// Its public key (SEC1 uncompressed point), the one to submit.
    pub public_key: Bytes,
}

/// The trustees' list as published by the server.
#[derive(Debug, Clone, Deserialize)]
pub struct TrusteeList {
    /// `k`.
    pub threshold: u32,
    /// `n`.
    pub size: u32,
    /// The trustees.
    pub trustees: Vec<ListedTrustee>,
}

/// One trustee of a [`TrusteeList`].
#[derive(Debug, Clone, Deserialize)]
pub struct ListedTrustee {
    /// Their index, from 1.
    pub index: u32,
    /// Their personal public key, once submitted.
    #[serde(default)]
    pub public_key: Option<Bytes>,
    /// Their dealing, once submitted.
    #[serde(default)]
    pub dealing: Option<Bytes>,
}

/// Makes a new personal key.
pub fn keygen(rng: &mut dyn Randomness) -> Result<TrusteeKeyFile, String> {
    let sk = HpkeSecretKey::generate(rng).map_err(|e| e.to_string())?;
    Ok(TrusteeKeyFile {
        format: KEY_FORMAT.to_owned(),
        secret_key: Bytes(sk.to_scalar_bytes().to_vec()),
        public_key: Bytes(sk.public_key().to_bytes().to_vec()),
    })
}

impl TrusteeKeyFile {
    /// The secret key, after checking the file's format and that its public key
    /// is the secret key's.
    pub fn secret(&self) -> Result<HpkeSecretKey, String> {
        if self.format != KEY_FORMAT {
            return Err(format!(
                "the key file's format is {:?}, not {KEY_FORMAT}",
                self.format
            ));
        }
        let scalar: [u8; 32] = self
            .secret_key
            .0
            .as_slice()
            .try_into()
            .map_err(|_| "the key file's secret_key is not 32 bytes".to_owned())?;
        let sk = HpkeSecretKey::from_scalar_bytes(scalar).map_err(|e| e.to_string())?;
        if sk.public_key().to_bytes().as_slice() != self.public_key.0.as_slice() {
            return Err("the key file's public_key is not its secret key's".to_owned());
        }
        Ok(sk)
    }
}

/// This key's index in `list`: the trustee whose public key it is.
pub fn my_index(key: &TrusteeKeyFile, list: &TrusteeList) -> Result<u32, String> {
    list.trustees
        .iter()
        .find(|t| {
            t.public_key.as_ref().map(|k| k.0.as_slice()) == Some(key.public_key.0.as_slice())
        })
        .map(|t| t.index)
        .ok_or_else(|| {
            "your public key is not among the trustees' (submit it first, then download the \
             list again)"
                .to_owned()
        })
}

fn check_list(list: &TrusteeList) -> Result<(), String> {
    let n = list.size as usize;
    if n == 0 || list.trustees.len() != n {
        return Err(format!(
            "the list names {} trustees for a size of {}",
            list.trustees.len(),
            list.size
        ));
    }
    for (i, t) in list.trustees.iter().enumerate() {
        if t.index as usize != i + 1 {
            return Err(format!(
                "trustee {} is listed at position {}",
                t.index,
                i + 1
            ));
        }
    }
    if list.threshold == 0 || list.threshold > list.size {
        return Err(format!(
            "the threshold {} is not between 1 and {}",
            list.threshold, list.size
        ));
    }
    Ok(())
}

/// Deals for the trustees of `list` as the holder of `key`: the dealing's bytes.
/// Every trustee's public key must be in the list.
pub fn deal(
    key: &TrusteeKeyFile,
    list: &TrusteeList,
    rng: &mut dyn Randomness,
) -> Result<Vec<u8>, String> {
    key.secret()?;
    check_list(list)?;
    let me = my_index(key, list)?;
    let keys =
        list.trustees
            .iter()
            .map(|t| {
                let k = t.public_key.as_ref().ok_or_else(|| {
                    format!("trustee {} has not submitted a public key yet", t.index)
                })?;
                HpkePublicKey::from_bytes(&k.0)
                    .map_err(|e| format!("trustee {}'s public key: {e}", t.index))
            })
            .collect::<Result<Vec<_>, String>>()?;
    let dealing = Dealing::new(me, list.threshold as usize, list.size as usize, &keys, rng)
        .map_err(|e| e.to_string())?;
    Ok(dealing.to_bytes())
}

/// The share of the holder of `key` from every dealing in `list`, after checking
/// each dealing's commitments against the share it holds for this trustee: the
/// index and the 32-byte share.
pub fn share(key: &TrusteeKeyFile, list: &TrusteeList) -> Result<(u32, [u8; 32]), String> {
    let sk = key.secret()?;
    check_list(list)?;
    let me = my_index(key, list)?;
    let dealings = list
        .trustees
        .iter()
        .map(|t| {
            let d = t
                .dealing
                .as_ref()
                .ok_or_else(|| format!("trustee {} has not dealt yet", t.index))?;
            let dealing = Dealing::from_bytes(&d.0)
                .map_err(|e| format!("trustee {}'s dealing: {e}", t.index))?;
            if dealing.dealer() != t.index
                || dealing.threshold() != list.threshold as usize
                || dealing.trustees() != list.size as usize
            {
                return Err(format!(
                    "trustee {}'s dealing is not for this list of trustees",
                    t.index
                ));
            }
            Ok(dealing)
        })
        .collect::<Result<Vec<_>, String>>()?;
    let s = trustee_share(me, &sk, &dealings).map_err(|e| e.to_string())?;
    Ok((me, s.to_bytes()))
}
