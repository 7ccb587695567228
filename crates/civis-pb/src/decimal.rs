//! Exact decimal amounts (costs, budgets, points) as found in Pabulib files.

use std::fmt;
use std::str::FromStr;

/// An exact decimal number: `units / 10^scale`.
///
/// Pabulib files write costs and budgets as integers, sometimes with a
/// decimal point or a decimal comma; no amount is ever rounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Decimal {
    units: i128,
    scale: u32,
}

/// Why a text is not a decimal amount.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecimalError {
    /// Nothing to parse.
    #[error("empty number")]
    Empty,
    /// A character that is not a digit, sign or decimal separator.
    #[error("not a number: {0:?}")]
    Invalid(String),
    /// Too many digits to hold exactly.
    #[error("number too large: {0:?}")]
    TooLarge(String),
}

impl Decimal {
    /// Largest number of fractional digits kept.
    pub const MAX_SCALE: u32 = 18;

    /// The integer `n`.
    pub const fn from_int(n: i128) -> Self {
        Decimal { units: n, scale: 0 }
    }

    /// `units / 10^scale`, normalised (no trailing fractional zeros).
    pub fn new(units: i128, scale: u32) -> Self {
        let mut d = Decimal { units, scale };
        d.normalize();
        d
    }

    fn normalize(&mut self) {
        while self.scale > 0 && self.units % 10 == 0 {
            self.units /= 10;
            self.scale -= 1;
        }
    }

    /// The numerator over `10^scale()`.
    pub fn units(&self) -> i128 {
        self.units
    }

    /// Number of fractional digits.
    pub fn scale(&self) -> u32 {
        self.scale
    }

    /// Whether this is a whole number.
    pub fn is_integer(&self) -> bool {
        self.scale == 0
    }

    /// The value as an integer count of `10^-scale` units, or `None` if it
    /// has more fractional digits than `scale` or overflows.
    pub fn units_at_scale(&self, scale: u32) -> Option<i128> {
        if scale < self.scale {
            return None;
        }
        10i128
            .checked_pow(scale - self.scale)
            .and_then(|f| self.units.checked_mul(f))
    }

    /// Whether the value is below zero.
    pub fn is_negative(&self) -> bool {
        self.units < 0
    }

    /// The exact sum, or `None` on overflow.
    pub fn checked_add(&self, other: &Decimal) -> Option<Decimal> {
        let s = self.scale.max(other.scale);
        let a = self.units_at_scale(s)?;
        let b = other.units_at_scale(s)?;
        Some(Decimal::new(a.checked_add(b)?, s))
    }

    /// A floating point approximation, for display and statistics only.
    pub fn to_f64(&self) -> f64 {
        self.units as f64 / 10f64.powi(self.scale as i32)
    }
}

impl FromStr for Decimal {
    type Err = DecimalError;

    /// Parses `123`, `-5`, `12.50`, `12,50` (decimal comma) and `1e3`-free
    /// plain decimals; surrounding whitespace is ignored.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        if t.is_empty() {
            return Err(DecimalError::Empty);
        }
        let (neg, body) = match t.as_bytes()[0] {
            b'-' => (true, &t[1..]),
            b'+' => (false, &t[1..]),
            _ => (false, t),
        };
        let (int_part, frac_part) = match body.find(['.', ',']) {
            Some(i) => (&body[..i], &body[i + 1..]),
            None => (body, ""),
        };
        let digits_ok = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
        if (int_part.is_empty() && frac_part.is_empty())
            || !digits_ok(int_part)
            || !digits_ok(frac_part)
        {
            return Err(DecimalError::Invalid(s.to_string()));
        }
        let frac_trimmed = frac_part.trim_end_matches('0');
        if frac_trimmed.len() as u32 > Self::MAX_SCALE {
            return Err(DecimalError::TooLarge(s.to_string()));
        }
        let mut units: i128 = 0;
        for b in int_part.bytes().chain(frac_trimmed.bytes()) {
            units = units
                .checked_mul(10)
                .and_then(|u| u.checked_add(i128::from(b - b'0')))
                .ok_or_else(|| DecimalError::TooLarge(s.to_string()))?;
        }
        if neg {
            units = -units;
        }
        Ok(Decimal::new(units, frac_trimmed.len() as u32))
    }
}

impl fmt::Display for Decimal {
    /// Writes the shortest exact form with a decimal point: `12.5`, `100`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.scale == 0 {
            return write!(f, "{}", self.units);
        }
        let sign = if self.units < 0 { "-" } else { "" };
        let abs = self.units.unsigned_abs();
        let p = 10u128.pow(self.scale);
        write!(
            f,
            "{sign}{}.{:0width$}",
            abs / p,
            abs % p,
            width = self.scale as usize
        )
    }
}

impl TryFrom<String> for Decimal {
    type Error = DecimalError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<Decimal> for String {
    fn from(d: Decimal) -> String {
        d.to_string()
    }
}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        let s = self.scale.max(other.scale);
        match (self.units_at_scale(s), other.units_at_scale(s)) {
            (Some(a), Some(b)) => a.cmp(&b),
            _ => self.to_f64().total_cmp(&other.to_f64()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_points_and_commas() {
        assert_eq!("12,50".parse::<Decimal>().unwrap(), Decimal::new(125, 1));
        assert_eq!("12.5".parse::<Decimal>().unwrap().to_string(), "12.5");
        assert_eq!(" 100 ".parse::<Decimal>().unwrap(), Decimal::from_int(100));
        assert_eq!("-3".parse::<Decimal>().unwrap(), Decimal::from_int(-3));
        assert!("1.2.3".parse::<Decimal>().is_err());
        assert!("abc".parse::<Decimal>().is_err());
        assert!("".parse::<Decimal>().is_err());
        assert!(".".parse::<Decimal>().is_err());
    }

    #[test]
    fn orders_across_scales() {
        let a: Decimal = "1.5".parse().unwrap();
        let b: Decimal = "2".parse().unwrap();
        assert!(a < b);
        assert_eq!(a.units_at_scale(3), Some(1500));
    }

    #[test]
    fn adds_across_scales() {
        let a: Decimal = "1.25".parse().unwrap();
        let b: Decimal = "2,75".parse().unwrap();
        assert_eq!(a.checked_add(&b), Some(Decimal::from_int(4)));
        assert_eq!(
            Decimal::from_int(i128::MAX).checked_add(&Decimal::from_int(1)),
            None
        );
    }
}
