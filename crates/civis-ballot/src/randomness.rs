//! Randomness as a parameter.

use crate::error::{CryptoError, Result};

/// A source of random bytes. Domain code takes one as a parameter, so that tests can replay
/// the fixed bytes of published test vectors.
pub trait Randomness {
    /// Fills `dest` with random bytes, or says why it could not.
    fn fill_bytes(&mut self, dest: &mut [u8]) -> Result<()>;
}

/// The operating system's randomness, through OpenSSL's CSPRNG (`RAND_bytes`).
#[derive(Debug, Default, Clone, Copy)]
pub struct OsRandomness;

impl Randomness for OsRandomness {
    fn fill_bytes(&mut self, dest: &mut [u8]) -> Result<()> {
        openssl::rand::rand_bytes(dest).map_err(|e| CryptoError::Randomness(e.to_string()))
    }
}
