//! The P-256 group through OpenSSL: points in uncompressed SEC1 form and scalars modulo the
//! group order, with every input checked.

use std::cmp::Ordering;

use openssl::bn::{BigNum, BigNumContext, BigNumRef};
use openssl::ec::{EcGroup, EcPoint, EcPointRef, PointConversionForm};
use openssl::nid::Nid;

use crate::bignum;
use crate::error::{CryptoError, Result};
use crate::randomness::Randomness;

/// Length of an uncompressed SEC1 point.
pub const POINT_LEN: usize = 65;
/// Length of a scalar.
pub const SCALAR_LEN: usize = 32;

/// The curve, its order and a BigNum context for a sequence of operations.
pub(crate) struct Curve {
    pub(crate) group: EcGroup,
    pub(crate) order: BigNum,
    pub(crate) ctx: BigNumContext,
}

impl Curve {
    /// P-256 (`X9_62_PRIME256V1`).
    pub(crate) fn new() -> Result<Self> {
        let group = EcGroup::from_curve_name(Nid::X9_62_PRIME256V1)
            .map_err(CryptoError::openssl("loading the P-256 group"))?;
        let mut ctx = bignum::ctx()?;
        let mut order = BigNum::new().map_err(CryptoError::openssl("allocating an integer"))?;
        group
            .order(&mut order, &mut ctx)
            .map_err(CryptoError::openssl("reading the P-256 order"))?;
        Ok(Curve { group, order, ctx })
    }

    /// Reads a 65-byte uncompressed point; refuses other forms, points off the curve and the
    /// point at infinity.
    pub(crate) fn point(&mut self, bytes: &[u8], what: &'static str) -> Result<EcPoint> {
        if bytes.len() != POINT_LEN {
            return Err(CryptoError::WrongLength {
                what,
                expected: POINT_LEN,
                actual: bytes.len(),
            });
        }
        if bytes[0] != 0x04 {
            return Err(CryptoError::InvalidPoint {
                what,
                reason: "not in uncompressed form (0x04 first)",
            });
        }
        let point = EcPoint::from_bytes(&self.group, bytes, &mut self.ctx).map_err(|_| {
            CryptoError::InvalidPoint {
                what,
                reason: "not a point on P-256",
            }
        })?;
        if point.is_infinity(&self.group) {
            return Err(CryptoError::InvalidPoint {
                what,
                reason: "the point at infinity",
            });
        }
        match point.is_on_curve(&self.group, &mut self.ctx) {
            Ok(true) => Ok(point),
            _ => Err(CryptoError::InvalidPoint {
                what,
                reason: "not a point on P-256",
            }),
        }
    }

    /// Writes a point in uncompressed form; refuses the point at infinity.
    pub(crate) fn point_bytes(
        &mut self,
        point: &EcPointRef,
        what: &'static str,
    ) -> Result<[u8; POINT_LEN]> {
        if point.is_infinity(&self.group) {
            return Err(CryptoError::InvalidPoint {
                what,
                reason: "the point at infinity",
            });
        }
        let v = point
            .to_bytes(
                &self.group,
                PointConversionForm::UNCOMPRESSED,
                &mut self.ctx,
            )
            .map_err(CryptoError::openssl("encoding a P-256 point"))?;
        v.try_into().map_err(|v: Vec<u8>| CryptoError::WrongLength {
            what,
            expected: POINT_LEN,
            actual: v.len(),
        })
    }

    /// Reads a 32-byte big-endian scalar below the order; zero only when `allow_zero`.
    pub(crate) fn scalar(
        &self,
        bytes: &[u8],
        what: &'static str,
        allow_zero: bool,
    ) -> Result<BigNum> {
        if bytes.len() != SCALAR_LEN {
            return Err(CryptoError::WrongLength {
                what,
                expected: SCALAR_LEN,
                actual: bytes.len(),
            });
        }
        let n = bignum::from_bytes(bytes)?;
        if n.ucmp(&self.order) != Ordering::Less {
            return Err(CryptoError::InvalidScalar {
                what,
                reason: "not below the P-256 group order",
            });
        }
        if !allow_zero && bignum::is_zero(&n) {
            return Err(CryptoError::InvalidScalar {
                what,
                reason: "zero",
            });
        }
        Ok(n)
    }

    /// `k·G`.
    pub(crate) fn mul_generator(&mut self, k: &BigNumRef) -> Result<EcPoint> {
        let mut p =
            EcPoint::new(&self.group).map_err(CryptoError::openssl("allocating a point"))?;
        p.mul_generator2(&self.group, k, &mut self.ctx)
            .map_err(CryptoError::openssl("multiplying the P-256 generator"))?;
        Ok(p)
    }

    /// `k·P`.
    pub(crate) fn mul(&mut self, point: &EcPointRef, k: &BigNumRef) -> Result<EcPoint> {
        let mut p =
            EcPoint::new(&self.group).map_err(CryptoError::openssl("allocating a point"))?;
        p.mul2(&self.group, point, k, &mut self.ctx)
            .map_err(CryptoError::openssl("multiplying a P-256 point"))?;
        Ok(p)
    }

    /// `P + Q`.
    pub(crate) fn add(&mut self, a: &EcPointRef, b: &EcPointRef) -> Result<EcPoint> {
        let mut p =
            EcPoint::new(&self.group).map_err(CryptoError::openssl("allocating a point"))?;
        p.add(&self.group, a, b, &mut self.ctx)
            .map_err(CryptoError::openssl("adding P-256 points"))?;
        Ok(p)
    }

    /// Whether two points are equal.
    pub(crate) fn eq(&mut self, a: &EcPointRef, b: &EcPointRef) -> Result<bool> {
        a.eq(&self.group, b, &mut self.ctx)
            .map_err(CryptoError::openssl("comparing P-256 points"))
    }

    /// A uniformly random scalar in `[1, order)`, by rejection sampling of 32-byte strings.
    pub(crate) fn random_scalar(
        &self,
        rng: &mut dyn Randomness,
        what: &'static str,
    ) -> Result<BigNum> {
        for _ in 0..64 {
            let mut bytes = [0u8; SCALAR_LEN];
            rng.fill_bytes(&mut bytes)?;
            if let Ok(k) = self.scalar(&bytes, what, false) {
                return Ok(k);
            }
        }
        Err(CryptoError::Randomness(format!(
            "no {what} below the P-256 order after 64 draws"
        )))
    }

    /// The affine x-coordinate of a point, 32 bytes (the ECDH shared secret).
    pub(crate) fn x_coordinate(&mut self, point: &EcPointRef) -> Result<[u8; 32]> {
        if point.is_infinity(&self.group) {
            return Err(CryptoError::InvalidPoint {
                what: "Diffie-Hellman result",
                reason: "the point at infinity",
            });
        }
        let mut x = BigNum::new().map_err(CryptoError::openssl("allocating an integer"))?;
        let mut y = BigNum::new().map_err(CryptoError::openssl("allocating an integer"))?;
        point
            .affine_coordinates(&self.group, &mut x, &mut y, &mut self.ctx)
            .map_err(CryptoError::openssl("reading affine coordinates"))?;
        scalar_bytes(&x)
    }
}

/// A non-negative integer below 2^256 as 32 big-endian bytes.
pub(crate) fn scalar_bytes(n: &BigNumRef) -> Result<[u8; SCALAR_LEN]> {
    let v = bignum::to_bytes(n, SCALAR_LEN)?;
    let mut out = [0u8; SCALAR_LEN];
    out.copy_from_slice(&v);
    Ok(out)
}
