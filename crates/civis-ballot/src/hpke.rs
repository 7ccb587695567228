//! HPKE (RFC 9180), base mode, with the suite DHKEM(P-256, HKDF-SHA256) (KEM 0x0010),
//! HKDF-SHA256 (KDF 0x0001) and AES-128-GCM (AEAD 0x0001), single-shot.
//!
//! [`seal`] encrypts to a public key: a fresh ephemeral key pair, ECDH with the recipient's key,
//! the RFC's key schedule bound to `info`, and AES-128-GCM bound to `aad`. It returns `enc` (the
//! 65-byte ephemeral public key) and the ciphertext (plaintext length + 16-byte tag). [`open`]
//! reverses it with the secret key, and refuses any change to `enc`, `info`, `aad` or the
//! ciphertext, or the wrong key, with [`CryptoError::DecryptionFailed`].
//!
//! [`encap`], [`decap`] and [`key_schedule`] expose the steps for test vectors and audits.

use std::fmt;

use openssl::symm::{decrypt_aead, encrypt_aead, Cipher};

use crate::error::{CryptoError, Result};
use crate::hkdf;
use crate::p256::{Curve, POINT_LEN, SCALAR_LEN};
use crate::randomness::Randomness;

/// The KEM identifier: DHKEM(P-256, HKDF-SHA256).
pub const KEM_ID: u16 = 0x0010;
/// The KDF identifier: HKDF-SHA256.
pub const KDF_ID: u16 = 0x0001;
/// The AEAD identifier: AES-128-GCM.
pub const AEAD_ID: u16 = 0x0001;
/// Length of `enc` (an uncompressed P-256 point).
pub const ENC_LEN: usize = POINT_LEN;
/// Length of the AEAD tag appended to every ciphertext.
pub const TAG_LEN: usize = 16;
/// AES-128 key length.
const NK: usize = 16;
/// AES-GCM nonce length.
const NN: usize = 12;
/// KEM shared secret length.
const NSECRET: usize = 32;
/// The base mode.
const MODE_BASE: u8 = 0x00;

/// `"KEM" || I2OSP(kem_id, 2)`.
fn kem_suite_id() -> [u8; 5] {
    let k = KEM_ID.to_be_bytes();
    [b'K', b'E', b'M', k[0], k[1]]
}

/// `"HPKE" || I2OSP(kem_id, 2) || I2OSP(kdf_id, 2) || I2OSP(aead_id, 2)`.
fn hpke_suite_id() -> [u8; 10] {
    let (k, f, a) = (
        KEM_ID.to_be_bytes(),
        KDF_ID.to_be_bytes(),
        AEAD_ID.to_be_bytes(),
    );
    [b'H', b'P', b'K', b'E', k[0], k[1], f[0], f[1], a[0], a[1]]
}

/// An HPKE public key: a P-256 point, neither off the curve nor at infinity.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct HpkePublicKey([u8; POINT_LEN]);

impl HpkePublicKey {
    /// Reads a 65-byte uncompressed SEC1 point; refuses other lengths and forms, points off
    /// the curve and the point at infinity.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let mut curve = Curve::new()?;
        curve.point(bytes, "HPKE public key")?;
        let mut out = [0u8; POINT_LEN];
        out.copy_from_slice(bytes);
        Ok(HpkePublicKey(out))
    }

    /// The 65-byte uncompressed SEC1 encoding.
    pub fn to_bytes(&self) -> [u8; POINT_LEN] {
        self.0
    }

    /// The encoding, borrowed.
    pub fn as_bytes(&self) -> &[u8; POINT_LEN] {
        &self.0
    }
}

impl fmt::Debug for HpkePublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HpkePublicKey({})", hex(&self.0))
    }
}

/// An HPKE secret key: a P-256 scalar in `[1, order)`, with its public key.
#[derive(Clone, PartialEq, Eq)]
pub struct HpkeSecretKey {
    scalar: [u8; SCALAR_LEN],
    public: HpkePublicKey,
}

impl HpkeSecretKey {
    /// A fresh key pair: DeriveKeyPair of 32 random bytes.
    pub fn generate(rng: &mut dyn Randomness) -> Result<Self> {
        let mut ikm = [0u8; SCALAR_LEN];
        rng.fill_bytes(&mut ikm)?;
        Self::derive(&ikm)
    }

    /// RFC 9180 §7.1.3 DeriveKeyPair: the key pair determined by `ikm` (at least 32 bytes).
    pub fn derive(ikm: &[u8]) -> Result<Self> {
        if ikm.len() < SCALAR_LEN {
            return Err(CryptoError::InvalidKey {
                what: "HPKE input keying material",
                reason: format!("{} bytes, at least 32 needed", ikm.len()),
            });
        }
        let suite = kem_suite_id();
        let prk = hkdf::labeled_extract(&suite, b"", b"dkp_prk", ikm)?;
        let curve = Curve::new()?;
        for counter in 0u8..=255 {
            let bytes = hkdf::labeled_expand(&suite, &prk, b"candidate", &[counter], SCALAR_LEN)?;
            // The bitmask for P-256 is 0xff: the candidate is used as is.
            if curve.scalar(&bytes, "candidate", false).is_ok() {
                let mut scalar = [0u8; SCALAR_LEN];
                scalar.copy_from_slice(&bytes);
                return Self::from_scalar_bytes(scalar);
            }
        }
        Err(CryptoError::DeriveKeyPairFailed)
    }

    /// The key with this scalar; refuses zero and scalars not below the group order.
    pub fn from_scalar_bytes(scalar: [u8; SCALAR_LEN]) -> Result<Self> {
        let mut curve = Curve::new()?;
        let k = curve.scalar(&scalar, "HPKE secret key", false)?;
        let point = curve.mul_generator(&k)?;
        let public = HpkePublicKey(curve.point_bytes(&point, "HPKE public key")?);
        Ok(HpkeSecretKey { scalar, public })
    }

    /// The scalar, 32 big-endian bytes.
    pub fn to_scalar_bytes(&self) -> [u8; SCALAR_LEN] {
        self.scalar
    }

    /// The public key.
    pub fn public_key(&self) -> HpkePublicKey {
        self.public.clone()
    }
}

impl fmt::Debug for HpkeSecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HpkeSecretKey")
            .field("public", &self.public)
            .finish_non_exhaustive()
    }
}

/// DH(sk, pk): the x-coordinate of `sk·pk`.
fn dh(curve: &mut Curve, sk: &[u8; SCALAR_LEN], pk: &[u8]) -> Result<[u8; 32]> {
    let k = curve.scalar(sk, "HPKE secret key", false)?;
    let point = curve.point(pk, "HPKE public key")?;
    let shared = curve.mul(&point, &k)?;
    curve.x_coordinate(&shared)
}

/// ExtractAndExpand(dh, enc || pkRm).
fn extract_and_expand(dh: &[u8], enc: &[u8], pk_rm: &[u8]) -> Result<[u8; NSECRET]> {
    let suite = kem_suite_id();
    let eae_prk = hkdf::labeled_extract(&suite, b"", b"eae_prk", dh)?;
    let mut kem_context = Vec::with_capacity(2 * POINT_LEN);
    kem_context.extend_from_slice(enc);
    kem_context.extend_from_slice(pk_rm);
    let ss = hkdf::labeled_expand(&suite, &eae_prk, b"shared_secret", &kem_context, NSECRET)?;
    let mut out = [0u8; NSECRET];
    out.copy_from_slice(&ss);
    Ok(out)
}

/// RFC 9180 §4.1 Encap: a fresh ephemeral key (DeriveKeyPair of 32 bytes from `rng`) and the
/// shared secret with `pk`. Returns `(shared_secret, enc)`.
pub fn encap(
    pk: &HpkePublicKey,
    rng: &mut dyn Randomness,
) -> Result<([u8; NSECRET], [u8; ENC_LEN])> {
    let ephemeral = HpkeSecretKey::generate(rng)?;
    let mut curve = Curve::new()?;
    let dh = dh(&mut curve, &ephemeral.scalar, &pk.0)?;
    let enc = ephemeral.public.0;
    Ok((extract_and_expand(&dh, &enc, &pk.0)?, enc))
}

/// RFC 9180 §4.1 Decap: the shared secret for `enc` under `sk`.
pub fn decap(enc: &[u8], sk: &HpkeSecretKey) -> Result<[u8; NSECRET]> {
    let mut curve = Curve::new()?;
    let dh = dh(&mut curve, &sk.scalar, enc)?;
    extract_and_expand(&dh, enc, &sk.public.0)
}

/// What the key schedule derives from the shared secret and `info` (base mode).
#[derive(Clone, PartialEq, Eq)]
pub struct KeySchedule {
    /// The AES-128-GCM key.
    pub key: [u8; NK],
    /// The base nonce (the nonce of the first and, single-shot, only message).
    pub base_nonce: [u8; NN],
    /// The exporter secret.
    pub exporter_secret: [u8; 32],
}

impl fmt::Debug for KeySchedule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("KeySchedule(..)")
    }
}

/// RFC 9180 §5.1 KeySchedule in base mode (empty PSK and PSK id).
pub fn key_schedule(shared_secret: &[u8], info: &[u8]) -> Result<KeySchedule> {
    let suite = hpke_suite_id();
    let psk_id_hash = hkdf::labeled_extract(&suite, b"", b"psk_id_hash", b"")?;
    let info_hash = hkdf::labeled_extract(&suite, b"", b"info_hash", info)?;
    let mut context = Vec::with_capacity(1 + 2 * hkdf::NH);
    context.push(MODE_BASE);
    context.extend_from_slice(&psk_id_hash);
    context.extend_from_slice(&info_hash);
    let secret = hkdf::labeled_extract(&suite, shared_secret, b"secret", b"")?;
    let key = hkdf::labeled_expand(&suite, &secret, b"key", &context, NK)?;
    let nonce = hkdf::labeled_expand(&suite, &secret, b"base_nonce", &context, NN)?;
    let exporter = hkdf::labeled_expand(&suite, &secret, b"exp", &context, 32)?;
    let mut out = KeySchedule {
        key: [0; NK],
        base_nonce: [0; NN],
        exporter_secret: [0; 32],
    };
    out.key.copy_from_slice(&key);
    out.base_nonce.copy_from_slice(&nonce);
    out.exporter_secret.copy_from_slice(&exporter);
    Ok(out)
}

/// Single-shot seal to `pk`: returns `(enc, ciphertext)`, the ciphertext being the plaintext's
/// length plus a 16-byte tag.
pub fn seal(
    pk: &HpkePublicKey,
    info: &[u8],
    aad: &[u8],
    plaintext: &[u8],
    rng: &mut dyn Randomness,
) -> Result<(Vec<u8>, Vec<u8>)> {
    let (shared_secret, enc) = encap(pk, rng)?;
    let ks = key_schedule(&shared_secret, info)?;
    let mut tag = [0u8; TAG_LEN];
    let mut ct = encrypt_aead(
        Cipher::aes_128_gcm(),
        &ks.key,
        Some(&ks.base_nonce),
        aad,
        plaintext,
        &mut tag,
    )
    .map_err(CryptoError::openssl("encrypting with AES-128-GCM"))?;
    ct.extend_from_slice(&tag);
    Ok((enc.to_vec(), ct))
}

/// Single-shot open with `sk`; refuses the wrong key and any change to `enc`, `info`, `aad` or
/// the ciphertext.
pub fn open(
    sk: &HpkeSecretKey,
    enc: &[u8],
    info: &[u8],
    aad: &[u8],
    ciphertext: &[u8],
) -> Result<Vec<u8>> {
    if ciphertext.len() < TAG_LEN {
        return Err(CryptoError::WrongLength {
            what: "HPKE ciphertext (at least the tag)",
            expected: TAG_LEN,
            actual: ciphertext.len(),
        });
    }
    let shared_secret = decap(enc, sk)?;
    let ks = key_schedule(&shared_secret, info)?;
    let (body, tag) = ciphertext.split_at(ciphertext.len() - TAG_LEN);
    decrypt_aead(
        Cipher::aes_128_gcm(),
        &ks.key,
        Some(&ks.base_nonce),
        aad,
        body,
        tag,
    )
    .map_err(|_| CryptoError::DecryptionFailed)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
