//! A k-of-n election key: Pedersen distributed key generation with Feldman commitments over
//! P-256.
//!
//! Each trustee `i` (numbered from 1) deals a random polynomial `f_i` of degree `k - 1`
//! ([`Dealing::new`]): it publishes the commitments `C_im = a_im·G` to its coefficients, and
//! seals the share `f_i(j)` to every trustee `j`'s personal HPKE key, so a server relays the
//! shares without reading them. Trustee `j` opens the shares dealt to it, checks each against
//! its dealer's commitments (`s·G == Σ_m C_im·j^m`), and adds them into its share
//! `s_j = Σ_i f_i(j)` of the election secret `x = Σ_i f_i(0)` ([`trustee_share`]). Nobody ever
//! holds `x`; ballots are sealed to the election key `X = Σ_i C_i0` ([`group_public_key`]).
//! After the close, any `k` trustees reveal their shares; each revealed share is checked against
//! the public commitments ([`verify_revealed_share`]), and `x` is rebuilt by Lagrange
//! interpolation at 0 ([`reconstruct`], [`reconstruct_checked`]) and checked against `X`.

use std::collections::BTreeSet;
use std::fmt;

use openssl::bn::BigNum;
use openssl::ec::EcPoint;

use crate::bignum;
use crate::error::{CryptoError, Result};
use crate::hpke::{self, HpkePublicKey, HpkeSecretKey, ENC_LEN, TAG_LEN};
use crate::p256::{self, Curve, POINT_LEN, SCALAR_LEN};
use crate::randomness::Randomness;

/// The largest number of trustees accepted.
pub const MAX_TRUSTEES: usize = 1000;
/// The HPKE `info` under which shares are sealed.
pub const SHARE_INFO: &[u8] = b"civis-ballot threshold share v1";
/// Length of one sealed share: the 32-byte scalar and the AEAD tag.
pub const SEALED_SHARE_LEN: usize = SCALAR_LEN + TAG_LEN;
/// Length of one [`EncryptedShare`] in bytes: recipient, `enc` and ciphertext.
pub const ENCRYPTED_SHARE_LEN: usize = 4 + ENC_LEN + SEALED_SHARE_LEN;

/// A scalar modulo the P-256 group order: a secret share, or a reconstructed secret.
#[derive(Clone, PartialEq, Eq)]
pub struct Scalar([u8; SCALAR_LEN]);

impl Scalar {
    /// Reads 32 big-endian bytes; refuses values not below the group order.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let curve = Curve::new()?;
        curve.scalar(bytes, "share", true)?;
        let mut out = [0u8; SCALAR_LEN];
        out.copy_from_slice(bytes);
        Ok(Scalar(out))
    }

    /// The 32 big-endian bytes.
    pub fn to_bytes(&self) -> [u8; SCALAR_LEN] {
        self.0
    }

    fn from_bignum(n: &BigNum) -> Result<Self> {
        Ok(Scalar(p256::scalar_bytes(n)?))
    }
}

impl fmt::Debug for Scalar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Scalar(..)")
    }
}

/// A dealer's public commitments `C_0..C_(k-1)` to its polynomial's coefficients.
#[derive(Clone, PartialEq, Eq)]
pub struct Commitments(Vec<[u8; POINT_LEN]>);

impl Commitments {
    /// Reads `k` concatenated 65-byte uncompressed points, each checked on the curve.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        if bytes.is_empty() || !bytes.len().is_multiple_of(POINT_LEN) {
            return Err(CryptoError::WrongLength {
                what: "commitments (a positive multiple of 65 bytes)",
                expected: POINT_LEN * (bytes.len() / POINT_LEN).max(1),
                actual: bytes.len(),
            });
        }
        if bytes.len() / POINT_LEN > MAX_TRUSTEES {
            return Err(CryptoError::InvalidThreshold {
                k: bytes.len() / POINT_LEN,
                n: MAX_TRUSTEES,
            });
        }
        let mut curve = Curve::new()?;
        let mut points = Vec::with_capacity(bytes.len() / POINT_LEN);
        for chunk in bytes.chunks_exact(POINT_LEN) {
            curve.point(chunk, "commitment")?;
            let mut p = [0u8; POINT_LEN];
            p.copy_from_slice(chunk);
            points.push(p);
        }
        Ok(Commitments(points))
    }

    /// The concatenated points.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.concat()
    }

    /// The points, `C_0` first.
    pub fn points(&self) -> &[[u8; POINT_LEN]] {
        &self.0
    }

    /// The threshold `k`: the number of coefficients.
    pub fn threshold(&self) -> usize {
        self.0.len()
    }

    /// `Σ_m C_m·j^m`: the point `f(j)·G` for the committed polynomial `f`.
    fn evaluate(&self, curve: &mut Curve, j: u32) -> Result<EcPoint> {
        let x = bignum::from_u32(j)?;
        let mut acc: Option<EcPoint> = None;
        for c in self.0.iter().rev() {
            let c = curve.point(c, "commitment")?;
            acc = Some(match acc {
                None => c,
                Some(a) => {
                    let scaled = curve.mul(&a, &x)?;
                    curve.add(&scaled, &c)?
                }
            });
        }
        acc.ok_or(CryptoError::WrongLength {
            what: "commitments",
            expected: POINT_LEN,
            actual: 0,
        })
    }
}

impl fmt::Debug for Commitments {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Commitments(k = {})", self.0.len())
    }
}

/// A share sealed with HPKE to one trustee's personal key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncryptedShare {
    /// The trustee the share is for (from 1).
    pub recipient: u32,
    /// HPKE `enc`, 65 bytes.
    pub enc: Vec<u8>,
    /// HPKE ciphertext of the 32-byte share, 48 bytes.
    pub ciphertext: Vec<u8>,
}

/// The HPKE `aad` binding a sealed share to its dealer, recipient, the ceremony's `k` and `n`,
/// and the dealer's commitments.
pub fn share_aad(
    dealer: u32,
    recipient: u32,
    k: usize,
    n: usize,
    commitments: &Commitments,
) -> Vec<u8> {
    let mut aad = Vec::with_capacity(16 + commitments.0.len() * POINT_LEN);
    aad.extend_from_slice(&dealer.to_be_bytes());
    aad.extend_from_slice(&recipient.to_be_bytes());
    aad.extend_from_slice(&u32::try_from(k).unwrap_or(u32::MAX).to_be_bytes());
    aad.extend_from_slice(&u32::try_from(n).unwrap_or(u32::MAX).to_be_bytes());
    for c in &commitments.0 {
        aad.extend_from_slice(c);
    }
    aad
}

/// One trustee's contribution to the key generation: its commitments, and its shares sealed
/// to each trustee. Entirely public: it can be published and relayed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dealing {
    dealer: u32,
    n: usize,
    commitments: Commitments,
    shares: Vec<EncryptedShare>,
}

impl Dealing {
    /// Trustee `dealer` (from 1) deals a fresh random polynomial of degree `k - 1` to `n`
    /// trustees, sealing the share of trustee `j` to `trustee_keys[j - 1]`.
    pub fn new(
        dealer: u32,
        k: usize,
        n: usize,
        trustee_keys: &[HpkePublicKey],
        rng: &mut dyn Randomness,
    ) -> Result<Self> {
        check_threshold(k, n)?;
        check_index(dealer, n)?;
        if trustee_keys.len() != n {
            return Err(CryptoError::InvalidDealing {
                dealer,
                reason: format!("{} trustee keys given for {n} trustees", trustee_keys.len()),
            });
        }
        let mut curve = Curve::new()?;
        let mut coefficients = Vec::with_capacity(k);
        let mut points = Vec::with_capacity(k);
        for _ in 0..k {
            let a = curve.random_scalar(rng, "polynomial coefficient")?;
            let c = curve.mul_generator(&a)?;
            points.push(curve.point_bytes(&c, "commitment")?);
            coefficients.push(a);
        }
        let commitments = Commitments(points);
        let mut shares = Vec::with_capacity(n);
        for (j, key) in (1..).zip(trustee_keys) {
            let x = bignum::from_u32(j)?;
            // Horner: f(j) = (..(a_(k-1)·j + a_(k-2))·j + ..)·j + a_0.
            let mut acc = bignum::from_u32(0)?;
            for a in coefficients.iter().rev() {
                let t = bignum::mod_mul(&acc, &x, &curve.order, &mut curve.ctx)?;
                acc = bignum::mod_add(&t, a, &curve.order, &mut curve.ctx)?;
            }
            let share = p256::scalar_bytes(&acc)?;
            let aad = share_aad(dealer, j, k, n, &commitments);
            let (enc, ciphertext) = hpke::seal(key, SHARE_INFO, &aad, &share, rng)?;
            shares.push(EncryptedShare {
                recipient: j,
                enc,
                ciphertext,
            });
        }
        Ok(Dealing {
            dealer,
            n,
            commitments,
            shares,
        })
    }

    /// Builds a dealing from its parts, checking their shape (it does not open the shares).
    pub fn from_parts(
        dealer: u32,
        n: usize,
        commitments: Commitments,
        shares: Vec<EncryptedShare>,
    ) -> Result<Self> {
        let d = Dealing {
            dealer,
            n,
            commitments,
            shares,
        };
        d.check_shape()?;
        Ok(d)
    }

    /// The dealer (from 1).
    pub fn dealer(&self) -> u32 {
        self.dealer
    }

    /// The threshold `k`.
    pub fn threshold(&self) -> usize {
        self.commitments.threshold()
    }

    /// The number of trustees `n`.
    pub fn trustees(&self) -> usize {
        self.n
    }

    /// The dealer's public commitments.
    pub fn commitments(&self) -> &Commitments {
        &self.commitments
    }

    /// The sealed shares, one per trustee in order.
    pub fn encrypted_shares(&self) -> &[EncryptedShare] {
        &self.shares
    }

    /// Trustee `recipient` opens its share with its personal key and checks it against the
    /// dealer's commitments; a share that does not match names the dealer.
    pub fn open_share(&self, recipient: u32, sk: &HpkeSecretKey) -> Result<Scalar> {
        self.check_shape()?;
        check_index(recipient, self.n)?;
        let sealed = self
            .shares
            .iter()
            .find(|s| s.recipient == recipient)
            .ok_or_else(|| CryptoError::InvalidDealing {
                dealer: self.dealer,
                reason: format!("no share for trustee {recipient}"),
            })?;
        let aad = share_aad(
            self.dealer,
            recipient,
            self.threshold(),
            self.n,
            &self.commitments,
        );
        let plain =
            hpke::open(sk, &sealed.enc, SHARE_INFO, &aad, &sealed.ciphertext).map_err(|e| {
                CryptoError::InvalidDealing {
                    dealer: self.dealer,
                    reason: format!("the share for trustee {recipient} does not open: {e}"),
                }
            })?;
        let share = Scalar::from_bytes(&plain).map_err(|_| CryptoError::BadDealtShare {
            dealer: self.dealer,
            recipient,
        })?;
        self.verify_share(recipient, &share)?;
        Ok(share)
    }

    /// Checks a share dealt to `recipient` against the dealer's commitments:
    /// `s·G == Σ_m C_m·recipient^m`.
    pub fn verify_share(&self, recipient: u32, share: &Scalar) -> Result<()> {
        verify_share(self.dealer, &self.commitments, recipient, share)
    }

    /// The dealing as bytes: dealer, k and n (4 bytes each, big-endian), the k commitments
    /// (65 bytes each), then per trustee its index (4 bytes), `enc` (65) and ciphertext (48).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out =
            Vec::with_capacity(12 + self.threshold() * POINT_LEN + self.n * ENCRYPTED_SHARE_LEN);
        out.extend_from_slice(&self.dealer.to_be_bytes());
        out.extend_from_slice(
            &u32::try_from(self.threshold())
                .unwrap_or(u32::MAX)
                .to_be_bytes(),
        );
        out.extend_from_slice(&u32::try_from(self.n).unwrap_or(u32::MAX).to_be_bytes());
        out.extend_from_slice(&self.commitments.to_bytes());
        for s in &self.shares {
            out.extend_from_slice(&s.recipient.to_be_bytes());
            out.extend_from_slice(&s.enc);
            out.extend_from_slice(&s.ciphertext);
        }
        out
    }

    /// Reads [`Dealing::to_bytes`]'s format, checking every length, index and point.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let header = bytes.get(..12).ok_or(CryptoError::WrongLength {
            what: "dealing header",
            expected: 12,
            actual: bytes.len(),
        })?;
        let word =
            |i: usize| u32::from_be_bytes([header[i], header[i + 1], header[i + 2], header[i + 3]]);
        let (dealer, k, n) = (word(0), word(4) as usize, word(8) as usize);
        check_threshold(k, n)?;
        let expected = 12 + k * POINT_LEN + n * ENCRYPTED_SHARE_LEN;
        if bytes.len() != expected {
            return Err(CryptoError::WrongLength {
                what: "dealing",
                expected,
                actual: bytes.len(),
            });
        }
        let (c_bytes, s_bytes) = bytes[12..].split_at(k * POINT_LEN);
        let commitments = Commitments::from_bytes(c_bytes)?;
        let shares = s_bytes
            .chunks_exact(ENCRYPTED_SHARE_LEN)
            .map(|c| EncryptedShare {
                recipient: u32::from_be_bytes([c[0], c[1], c[2], c[3]]),
                enc: c[4..4 + ENC_LEN].to_vec(),
                ciphertext: c[4 + ENC_LEN..].to_vec(),
            })
            .collect();
        Self::from_parts(dealer, n, commitments, shares)
    }

    fn check_shape(&self) -> Result<()> {
        let bad = |reason: String| CryptoError::InvalidDealing {
            dealer: self.dealer,
            reason,
        };
        check_threshold(self.threshold(), self.n)?;
        check_index(self.dealer, self.n)?;
        if self.shares.len() != self.n {
            return Err(bad(format!(
                "{} shares for {} trustees",
                self.shares.len(),
                self.n
            )));
        }
        for (j, s) in (1..).zip(&self.shares) {
            if s.recipient != j {
                return Err(bad(format!(
                    "share {j} is addressed to trustee {}",
                    s.recipient
                )));
            }
            if s.enc.len() != ENC_LEN || s.ciphertext.len() != SEALED_SHARE_LEN {
                return Err(bad(format!(
                    "the sealed share for trustee {j} has the wrong length"
                )));
            }
        }
        Ok(())
    }
}

fn check_threshold(k: usize, n: usize) -> Result<()> {
    if k == 0 || k > n || n > MAX_TRUSTEES {
        return Err(CryptoError::InvalidThreshold { k, n });
    }
    Ok(())
}

fn check_index(index: u32, n: usize) -> Result<()> {
    if index == 0 || index as usize > n {
        return Err(CryptoError::InvalidTrusteeIndex { index, n });
    }
    Ok(())
}

/// Checks the share `dealer` dealt to `recipient` against the dealer's commitments:
/// `s·G == Σ_m C_m·recipient^m`; a mismatch is [`CryptoError::BadDealtShare`].
pub fn verify_share(
    dealer: u32,
    commitments: &Commitments,
    recipient: u32,
    share: &Scalar,
) -> Result<()> {
    if recipient == 0 {
        return Err(CryptoError::InvalidTrusteeIndex {
            index: 0,
            n: MAX_TRUSTEES,
        });
    }
    let mut curve = Curve::new()?;
    let s = curve.scalar(&share.0, "share", true)?;
    let lhs = curve.mul_generator(&s)?;
    let rhs = commitments.evaluate(&mut curve, recipient)?;
    if curve.eq(&lhs, &rhs)? {
        Ok(())
    } else {
        Err(CryptoError::BadDealtShare { dealer, recipient })
    }
}

/// Trustee `recipient`'s share of the election secret: opens and checks the share of every
/// dealing with the trustee's personal key, and adds them. A bad share names its dealer.
/// Every trustee must use the same dealings (the same `k`, `n`, and distinct dealers).
pub fn trustee_share(recipient: u32, sk: &HpkeSecretKey, dealings: &[Dealing]) -> Result<Scalar> {
    let (_, n) = ceremony_shape(dealings)?;
    check_index(recipient, n)?;
    let mut curve = Curve::new()?;
    let mut sum = bignum::from_u32(0)?;
    for d in dealings {
        let share = d.open_share(recipient, sk)?;
        let s = curve.scalar(&share.0, "share", true)?;
        sum = bignum::mod_add(&sum, &s, &curve.order, &mut curve.ctx)?;
    }
    Scalar::from_bignum(&sum)
}

/// The `(k, n)` shared by all dealings, whose dealers must be distinct.
fn ceremony_shape(dealings: &[Dealing]) -> Result<(usize, usize)> {
    let first = dealings
        .first()
        .ok_or(CryptoError::TooFewShares { needed: 1, got: 0 })?;
    let (k, n) = (first.threshold(), first.trustees());
    let mut dealers = BTreeSet::new();
    for d in dealings {
        if d.threshold() != k || d.trustees() != n {
            return Err(CryptoError::InvalidDealing {
                dealer: d.dealer,
                reason: format!(
                    "{} of {} trustees, the ceremony is {k} of {n}",
                    d.threshold(),
                    d.trustees()
                ),
            });
        }
        if !dealers.insert(d.dealer) {
            return Err(CryptoError::InvalidDealing {
                dealer: d.dealer,
                reason: "this trustee dealt twice".to_string(),
            });
        }
    }
    Ok((k, n))
}

/// The commitments of all dealings must have the same `k`.
fn commitments_threshold(all: &[Commitments]) -> Result<usize> {
    let k = all
        .first()
        .map(Commitments::threshold)
        .ok_or(CryptoError::TooFewShares { needed: 1, got: 0 })?;
    if all.iter().any(|c| c.threshold() != k) {
        return Err(CryptoError::InvalidThreshold { k, n: all.len() });
    }
    Ok(k)
}

/// The election public key `X = Σ_i C_i0`, to which ballots are sealed.
pub fn group_public_key(commitments: &[Commitments]) -> Result<HpkePublicKey> {
    commitments_threshold(commitments)?;
    let mut curve = Curve::new()?;
    let mut acc: Option<EcPoint> = None;
    for c in commitments {
        let c0 = c.0.first().ok_or(CryptoError::WrongLength {
            what: "commitments",
            expected: POINT_LEN,
            actual: 0,
        })?;
        let c0 = curve.point(c0, "commitment")?;
        acc = Some(match acc {
            None => c0,
            Some(a) => curve.add(&a, &c0)?,
        });
    }
    let acc = acc.ok_or(CryptoError::TooFewShares { needed: 1, got: 0 })?;
    HpkePublicKey::from_bytes(&curve.point_bytes(&acc, "election public key")?)
}

/// The public point `s_j·G` of trustee `j`'s share: `Σ_i Σ_m C_im·j^m`.
pub fn share_public_point(j: u32, commitments: &[Commitments]) -> Result<HpkePublicKey> {
    commitments_threshold(commitments)?;
    if j == 0 {
        return Err(CryptoError::InvalidTrusteeIndex {
            index: 0,
            n: MAX_TRUSTEES,
        });
    }
    let mut curve = Curve::new()?;
    let point = share_point(&mut curve, j, commitments)?;
    HpkePublicKey::from_bytes(&curve.point_bytes(&point, "share public point")?)
}

fn share_point(curve: &mut Curve, j: u32, commitments: &[Commitments]) -> Result<EcPoint> {
    let mut acc: Option<EcPoint> = None;
    for c in commitments {
        let p = c.evaluate(curve, j)?;
        acc = Some(match acc {
            None => p,
            Some(a) => curve.add(&a, &p)?,
        });
    }
    acc.ok_or(CryptoError::TooFewShares { needed: 1, got: 0 })
}

/// Checks a share revealed by trustee `j` against the public commitments; a mismatch is
/// [`CryptoError::BadShare`] naming the trustee.
pub fn verify_revealed_share(j: u32, s_j: &Scalar, commitments: &[Commitments]) -> Result<()> {
    commitments_threshold(commitments)?;
    if j == 0 {
        return Err(CryptoError::InvalidTrusteeIndex {
            index: 0,
            n: MAX_TRUSTEES,
        });
    }
    let mut curve = Curve::new()?;
    let s = curve.scalar(&s_j.0, "share", true)?;
    let lhs = curve.mul_generator(&s)?;
    let rhs = share_point(&mut curve, j, commitments)?;
    if curve.eq(&lhs, &rhs)? {
        Ok(())
    } else {
        Err(CryptoError::BadShare { trustee: j })
    }
}

/// Rebuilds the election secret key from at least `k` revealed shares `(j, s_j)` by Lagrange
/// interpolation at 0, and checks it against the election public key. Refuses fewer than `k`
/// shares, index 0 and duplicates. A bad share shows as [`CryptoError::ReconstructionMismatch`];
/// [`reconstruct_checked`] checks each share first and names the trustee whose share is bad.
pub fn reconstruct(
    shares: &[(u32, Scalar)],
    k: usize,
    group_public_key: &HpkePublicKey,
) -> Result<HpkeSecretKey> {
    if k == 0 || k > MAX_TRUSTEES {
        return Err(CryptoError::InvalidThreshold { k, n: MAX_TRUSTEES });
    }
    if shares.len() < k {
        return Err(CryptoError::TooFewShares {
            needed: k,
            got: shares.len(),
        });
    }
    let mut seen = BTreeSet::new();
    for (j, _) in shares {
        if *j == 0 || *j as usize > MAX_TRUSTEES {
            return Err(CryptoError::InvalidTrusteeIndex {
                index: *j,
                n: MAX_TRUSTEES,
            });
        }
        if !seen.insert(*j) {
            return Err(CryptoError::DuplicateShare { trustee: *j });
        }
    }
    let mut curve = Curve::new()?;
    let order = bignum::copy(&curve.order)?;
    let mut secret = bignum::from_u32(0)?;
    for (j, s_j) in shares {
        // λ_j = Π_{m ≠ j} m / (m - j) mod q.
        let mut num = bignum::from_u32(1)?;
        let mut den = bignum::from_u32(1)?;
        let xj = bignum::from_u32(*j)?;
        for (m, _) in shares {
            if m == j {
                continue;
            }
            let xm = bignum::from_u32(*m)?;
            num = bignum::mod_mul(&num, &xm, &order, &mut curve.ctx)?;
            let diff = bignum::mod_sub(&xm, &xj, &order, &mut curve.ctx)?;
            den = bignum::mod_mul(&den, &diff, &order, &mut curve.ctx)?;
        }
        let inv = bignum::mod_inverse(&den, &order, &mut curve.ctx)?
            .ok_or(CryptoError::DuplicateShare { trustee: *j })?;
        let lambda = bignum::mod_mul(&num, &inv, &order, &mut curve.ctx)?;
        let s = curve.scalar(&s_j.0, "share", true)?;
        let term = bignum::mod_mul(&lambda, &s, &order, &mut curve.ctx)?;
        secret = bignum::mod_add(&secret, &term, &order, &mut curve.ctx)?;
    }
    let key = HpkeSecretKey::from_scalar_bytes(p256::scalar_bytes(&secret)?)
        .map_err(|_| CryptoError::ReconstructionMismatch)?;
    if &key.public_key() != group_public_key {
        return Err(CryptoError::ReconstructionMismatch);
    }
    Ok(key)
}

/// [`reconstruct`] after checking every revealed share against the public commitments, so that
/// a bad share is refused as [`CryptoError::BadShare`] naming its trustee. `k` is the
/// commitments' threshold, and the result is checked against [`group_public_key`].
pub fn reconstruct_checked(
    shares: &[(u32, Scalar)],
    commitments: &[Commitments],
) -> Result<HpkeSecretKey> {
    let k = commitments_threshold(commitments)?;
    if shares.len() < k {
        return Err(CryptoError::TooFewShares {
            needed: k,
            got: shares.len(),
        });
    }
    let mut seen = BTreeSet::new();
    for (j, s_j) in shares {
        if !seen.insert(*j) {
            return Err(CryptoError::DuplicateShare { trustee: *j });
        }
        verify_revealed_share(*j, s_j, commitments)?;
    }
    reconstruct(shares, k, &group_public_key(commitments)?)
}
