//! Shared test helpers: hex, and randomness that replays fixed bytes.

use std::collections::VecDeque;

use civis_ballot::{CryptoError, Randomness};

pub fn unhex(s: &str) -> Vec<u8> {
    assert!(s.len().is_multiple_of(2), "odd hex length");
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex"))
        .collect()
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Replays the given chunks in order; each request must ask for exactly the next chunk's length.
pub struct FixedRandomness(VecDeque<Vec<u8>>);

impl FixedRandomness {
    pub fn new(chunks: Vec<Vec<u8>>) -> Self {
        FixedRandomness(chunks.into())
    }

    pub fn is_used_up(&self) -> bool {
        self.0.is_empty()
    }
}

impl Randomness for FixedRandomness {
    fn fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), CryptoError> {
        let chunk = self
            .0
            .pop_front()
            .ok_or_else(|| CryptoError::Randomness("fixed bytes used up".to_string()))?;
        assert_eq!(
            chunk.len(),
            dest.len(),
            "randomness requested in an unexpected size"
        );
        dest.copy_from_slice(&chunk);
        Ok(())
    }
}

/// Randomness that always fails.
pub struct FailingRandomness;

impl Randomness for FailingRandomness {
    fn fill_bytes(&mut self, _dest: &mut [u8]) -> Result<(), CryptoError> {
        Err(CryptoError::Randomness("no entropy".to_string()))
    }
}
