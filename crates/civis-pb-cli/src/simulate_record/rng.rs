//! The simulation's randomness: one seeded stream per purpose and per item, so the
//! same `--seed` gives the same record whatever the number of threads.

use civis_ballot::{CryptoError, Randomness};
use rand::rngs::StdRng;
use rand::{RngCore, SeedableRng};

/// What a random stream is for.
#[derive(Debug, Clone, Copy)]
pub enum Stream {
    /// The process: projects, costs, popularity, officials' and log keys.
    Setup = 1,
    /// One voter's credential.
    Voter = 2,
    /// Who votes what and when.
    Plan = 3,
    /// One submission's sealing.
    Seal = 4,
    /// One trustee's dealing.
    Trustee = 5,
}

fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A seeded generator for item `index` of `stream`.
pub fn stream(seed: u64, stream: Stream, index: u64) -> SimRng {
    let key = mix(mix(seed) ^ mix((stream as u64) << 56 ^ index));
    SimRng(StdRng::seed_from_u64(key))
}

/// A seeded generator that is also a [`Randomness`] for `civis-ballot`.
pub struct SimRng(pub StdRng);

impl Randomness for SimRng {
    fn fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), CryptoError> {
        self.0.fill_bytes(dest);
        Ok(())
    }
}

impl SimRng {
    /// 32 random bytes.
    pub fn bytes32(&mut self) -> [u8; 32] {
        let mut out = [0u8; 32];
        self.0.fill_bytes(&mut out);
        out
    }
}

/// `f` applied to `0..n` on every core; results in order.
pub fn par_range<R: Send>(n: usize, f: impl Fn(usize) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map(std::num::NonZeroUsize::get)
        .unwrap_or(1)
        .clamp(1, n.max(1));
    let chunk = n.div_ceil(threads).max(1);
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..n)
            .step_by(chunk)
            .map(|start| {
                scope.spawn(move || (start..(start + chunk).min(n)).map(f).collect::<Vec<R>>())
            })
            .collect();
        let mut out = Vec::with_capacity(n);
        for h in handles {
            match h.join() {
                Ok(part) => out.extend(part),
                Err(payload) => std::panic::resume_unwind(payload),
            }
        }
        out
    })
}
