//! Small helpers around OpenSSL's `BigNum`.

use openssl::bn::{BigNum, BigNumContext, BigNumRef};

use crate::error::{CryptoError, Result};

/// A fresh BigNum context.
pub(crate) fn ctx() -> Result<BigNumContext> {
    BigNumContext::new().map_err(CryptoError::openssl("allocating a BigNum context"))
}

/// Big-endian bytes to an integer.
pub(crate) fn from_bytes(bytes: &[u8]) -> Result<BigNum> {
    BigNum::from_slice(bytes).map_err(CryptoError::openssl("reading an integer"))
}

/// An integer to exactly `len` big-endian bytes; refuses integers that do not fit.
pub(crate) fn to_bytes(n: &BigNumRef, len: usize) -> Result<Vec<u8>> {
    let bytes = usize::try_from(n.num_bytes()).unwrap_or(usize::MAX);
    let pad = i32::try_from(len).map_err(|_| CryptoError::OpenSsl {
        operation: "writing an integer",
        detail: format!("length {len} is too large"),
    })?;
    if bytes > len {
        return Err(CryptoError::OpenSsl {
            operation: "writing an integer",
            detail: format!("{bytes} bytes do not fit in {len}"),
        });
    }
    n.to_vec_padded(pad)
        .map_err(CryptoError::openssl("writing an integer"))
}

/// A copy of `n`.
pub(crate) fn copy(n: &BigNumRef) -> Result<BigNum> {
    n.to_owned()
        .map_err(CryptoError::openssl("copying an integer"))
}

/// `a^p mod m`.
pub(crate) fn mod_exp(
    a: &BigNumRef,
    p: &BigNumRef,
    m: &BigNumRef,
    ctx: &mut BigNumContext,
) -> Result<BigNum> {
    let mut r = BigNum::new().map_err(CryptoError::openssl("allocating an integer"))?;
    r.mod_exp(a, p, m, ctx)
        .map_err(CryptoError::openssl("modular exponentiation"))?;
    Ok(r)
}

/// `a * b mod m`.
pub(crate) fn mod_mul(
    a: &BigNumRef,
    b: &BigNumRef,
    m: &BigNumRef,
    ctx: &mut BigNumContext,
) -> Result<BigNum> {
    let mut r = BigNum::new().map_err(CryptoError::openssl("allocating an integer"))?;
    r.mod_mul(a, b, m, ctx)
        .map_err(CryptoError::openssl("modular multiplication"))?;
    Ok(r)
}

/// A small integer.
pub(crate) fn from_u32(v: u32) -> Result<BigNum> {
    BigNum::from_u32(v).map_err(CryptoError::openssl("making an integer"))
}

/// `a + b mod m`.
pub(crate) fn mod_add(
    a: &BigNumRef,
    b: &BigNumRef,
    m: &BigNumRef,
    ctx: &mut BigNumContext,
) -> Result<BigNum> {
    let mut r = BigNum::new().map_err(CryptoError::openssl("allocating an integer"))?;
    r.mod_add(a, b, m, ctx)
        .map_err(CryptoError::openssl("modular addition"))?;
    Ok(r)
}

/// `a - b mod m`.
pub(crate) fn mod_sub(
    a: &BigNumRef,
    b: &BigNumRef,
    m: &BigNumRef,
    ctx: &mut BigNumContext,
) -> Result<BigNum> {
    let mut r = BigNum::new().map_err(CryptoError::openssl("allocating an integer"))?;
    r.mod_sub(a, b, m, ctx)
        .map_err(CryptoError::openssl("modular subtraction"))?;
    Ok(r)
}

/// `a^-1 mod m`, or `None` when `a` has no inverse.
pub(crate) fn mod_inverse(
    a: &BigNumRef,
    m: &BigNumRef,
    ctx: &mut BigNumContext,
) -> Result<Option<BigNum>> {
    let mut g = BigNum::new().map_err(CryptoError::openssl("allocating an integer"))?;
    g.gcd(a, m, ctx)
        .map_err(CryptoError::openssl("greatest common divisor"))?;
    if g.num_bits() != 1 {
        return Ok(None);
    }
    let mut r = BigNum::new().map_err(CryptoError::openssl("allocating an integer"))?;
    r.mod_inverse(a, m, ctx)
        .map_err(CryptoError::openssl("modular inverse"))?;
    Ok(Some(r))
}

/// Whether `n` is zero.
pub(crate) fn is_zero(n: &BigNumRef) -> bool {
    n.num_bits() == 0
}
