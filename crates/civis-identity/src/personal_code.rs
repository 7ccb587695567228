//! Personal identification codes: the register's key.
//!
//! Each country has its own code format, so the check is a [`PersonalCodeRules`]
//! value that the platform is configured with; [`Isikukood`] is the Estonian one.

use std::fmt;

use crate::date::Date;

/// A personal code that passed a country's check. Compared exactly (the digits).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PersonalCode(String);

impl PersonalCode {
    /// Checks `raw` (surrounding spaces removed) with `rules`.
    pub fn parse(raw: &str, rules: &dyn PersonalCodeRules) -> Result<Self, CodeProblem> {
        let code = raw.trim();
        rules.check(code)?;
        Ok(PersonalCode(code.to_owned()))
    }

    /// A code read back from storage, where it was checked on the way in.
    pub fn from_stored(code: String) -> Self {
        PersonalCode(code)
    }

    /// The code's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PersonalCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why a personal code was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CodeProblem {
    /// Not the right number of digits, or not digits.
    #[error("personal code must be 11 digits")]
    Format,
    /// The first digit names no century and sex.
    #[error("personal code's first digit must be 1 to 8")]
    Century,
    /// Digits 2–7 are no real birth date.
    #[error("personal code's digits 2 to 7 are not a real date of birth")]
    BirthDate,
    /// The last digit does not match the others.
    #[error("personal code's check digit is wrong (a digit is mistyped)")]
    Checksum,
}

impl CodeProblem {
    /// A stable key for translations and the API.
    pub const fn key(self) -> &'static str {
        match self {
            Self::Format => "code-format",
            Self::Century => "code-century",
            Self::BirthDate => "code-birth-date",
            Self::Checksum => "code-checksum",
        }
    }
}

/// A country's personal code format: replaceable, so the register works for
/// another country by configuring another implementation.
pub trait PersonalCodeRules: Send + Sync {
    /// The ISO 3166-1 alpha-2 country code, e.g. `EE`.
    fn country(&self) -> &'static str;

    /// Checks a code (already trimmed).
    fn check(&self, code: &str) -> Result<(), CodeProblem>;

    /// The date of birth a valid code encodes, if the format encodes one.
    fn birth_date(&self, code: &str) -> Option<Date>;
}

/// The Estonian personal identification code (isikukood, standard EVS 585:2007):
/// `GYYMMDDSSSC`, 11 digits.
///
/// * `G`: century and sex: 1/2 born 1800–1899, 3/4 1900–1999, 5/6 2000–2099,
///   7/8 2100–2199 (odd male, even female);
/// * `YYMMDD`: date of birth;
/// * `SSS`: serial number;
/// * `C`: check digit: the first ten digits weighted 1 2 3 4 5 6 7 8 9 1, summed,
///   modulo 11; if that is 10, weighted 3 4 5 6 7 8 9 1 2 3 instead; if that
///   is 10 again, the check digit is 0.
#[derive(Debug, Clone, Copy, Default)]
pub struct Isikukood;

impl Isikukood {
    /// The check digit of the first ten digits.
    pub fn check_digit(first_ten: &[u8; 10]) -> u8 {
        const W1: [u32; 10] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 1];
        const W2: [u32; 10] = [3, 4, 5, 6, 7, 8, 9, 1, 2, 3];
        let sum = |w: &[u32; 10]| {
            first_ten
                .iter()
                .zip(w)
                .map(|(d, w)| u32::from(*d) * w)
                .sum::<u32>()
                % 11
        };
        match sum(&W1) {
            10 => match sum(&W2) {
                10 => 0,
                c => c as u8,
            },
            c => c as u8,
        }
    }

    /// A valid code for a birth date, sex digit parity and serial (for demos and tests).
    pub fn make(birth: Date, female: bool, serial: u16) -> Option<String> {
        let century = match birth.year() / 100 {
            18 => 1,
            19 => 3,
            20 => 5,
            21 => 7,
            _ => return None,
        } + u8::from(female);
        let body = format!(
            "{century}{:02}{:02}{:02}{:03}",
            birth.year() % 100,
            birth.month(),
            birth.day(),
            serial % 1000
        );
        let digits = digits10(&body)?;
        Some(format!("{body}{}", Self::check_digit(&digits)))
    }
}

fn digits10(s: &str) -> Option<[u8; 10]> {
    let mut out = [0u8; 10];
    if s.len() != 10 {
        return None;
    }
    for (o, b) in out.iter_mut().zip(s.bytes()) {
        if !b.is_ascii_digit() {
            return None;
        }
        *o = b - b'0';
    }
    Some(out)
}

impl PersonalCodeRules for Isikukood {
    fn country(&self) -> &'static str {
        "EE"
    }

    fn check(&self, code: &str) -> Result<(), CodeProblem> {
        if code.len() != 11 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(CodeProblem::Format);
        }
        let digits = digits10(&code[..10]).ok_or(CodeProblem::Format)?;
        if !(1..=8).contains(&digits[0]) {
            return Err(CodeProblem::Century);
        }
        if self.birth_date(code).is_none() {
            return Err(CodeProblem::BirthDate);
        }
        let last = code.as_bytes()[10] - b'0';
        if Self::check_digit(&digits) != last {
            return Err(CodeProblem::Checksum);
        }
        Ok(())
    }

    fn birth_date(&self, code: &str) -> Option<Date> {
        let b = code.as_bytes();
        if b.len() < 7 || !b[..7].iter().all(u8::is_ascii_digit) {
            return None;
        }
        let n = |i: usize| i32::from(b[i] - b'0');
        let century = match n(0) {
            1 | 2 => 1800,
            3 | 4 => 1900,
            5 | 6 => 2000,
            7 | 8 => 2100,
            _ => return None,
        };
        let year = century + n(1) * 10 + n(2);
        let month = u32::try_from(n(3) * 10 + n(4)).ok()?;
        let day = u32::try_from(n(5) * 10 + n(6)).ok()?;
        Date::new(year, month, day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_codes_check() {
        // Published example codes.
        for ok in ["37605030299", "49403136515", "38001085718", "60001019906"] {
            assert_eq!(Isikukood.check(ok), Ok(()), "{ok}");
        }
        assert_eq!(Isikukood.birth_date("37605030299"), Date::new(1976, 5, 3));
        assert_eq!(Isikukood.check("37605030298"), Err(CodeProblem::Checksum));
        assert_eq!(Isikukood.check("3760503029"), Err(CodeProblem::Format));
        assert_eq!(Isikukood.check("3760503029x"), Err(CodeProblem::Format));
        assert_eq!(Isikukood.check("97605030299"), Err(CodeProblem::Century));
        assert_eq!(Isikukood.check("37613030299"), Err(CodeProblem::BirthDate));
    }

    #[test]
    fn second_weights_and_zero() {
        // Sums that give 10 with the first weights take the second; made codes check.
        for serial in 0..1000 {
            let birth = Date::new(1990, 7, 14).unwrap();
            let code = Isikukood::make(birth, serial % 2 == 0, serial).unwrap();
            assert_eq!(Isikukood.check(&code), Ok(()), "{code}");
            assert_eq!(Isikukood.birth_date(&code), Some(birth));
        }
    }

    #[test]
    fn parse_trims_and_keeps_digits() {
        let c = PersonalCode::parse(" 37605030299 ", &Isikukood).unwrap();
        assert_eq!(c.as_str(), "37605030299");
    }
}
