//! Exact rationals for the official rules.

use crate::Decimal;
use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Zero};

/// A decimal as an exact rational.
pub fn ratio(d: Decimal) -> BigRational {
    let den = num_traits::pow(BigInt::from(10), d.scale() as usize);
    BigRational::new(BigInt::from(d.units()), den)
}

/// The largest integer not above `d` (Python's `math.floor`).
pub fn floor(d: Decimal) -> BigInt {
    ratio(d).floor().to_integer()
}

/// An integer as a rational.
pub fn int(n: impl Into<BigInt>) -> BigRational {
    BigRational::from_integer(n.into())
}

/// Zero.
pub fn zero() -> BigRational {
    BigRational::zero()
}

/// One.
pub fn one() -> BigRational {
    BigRational::one()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floors_like_python() {
        assert_eq!(floor("12.9".parse().unwrap()), BigInt::from(12));
        assert_eq!(floor("-0.5".parse().unwrap()), BigInt::from(-1));
        assert_eq!(
            ratio("2.5".parse().unwrap()),
            BigRational::new(5.into(), 2.into())
        );
    }
}
