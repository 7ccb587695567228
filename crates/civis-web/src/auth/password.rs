//! Password hashing with Argon2id at the OWASP-recommended parameters
//! (m = 19456 KiB, t = 2, p = 1), run on the hashing threads ([`super::hashers`]) so
//! that hashing never stalls the async workers.
//!
//! Hashes take their 19 MiB of Argon2 memory from a small pool (at most
//! [`max_concurrent_hashes`] buffers, the most that are in use at once) instead of
//! allocating and clearing it for each one: a fresh allocation costs page faults
//! and a pass writing zeros over it. The memory is overwritten by every hash
//! before it is read.

use std::sync::Mutex;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{Output, ParamsString, PasswordHash, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};

/// Memory cost in KiB (OWASP: 19 MiB).
pub const MEMORY_KIB: u32 = 19_456;
/// Iterations (OWASP: 2).
pub const ITERATIONS: u32 = 2;
/// Parallelism (OWASP: 1).
pub const PARALLELISM: u32 = 1;
/// Bytes of hash output.
const OUTPUT_LEN: usize = 32;

fn params() -> anyhow::Result<Params> {
    Params::new(MEMORY_KIB, ITERATIONS, PARALLELISM, Some(OUTPUT_LEN))
        .map_err(|e| anyhow::anyhow!("argon2 parameters: {e}"))
}

fn argon2() -> anyhow::Result<Argon2<'static>> {
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params()?))
}

/// Argon2 memory not in use, kept for the next hashes.
static MEMORY: Mutex<Vec<Vec<Block>>> = Mutex::new(Vec::new());

/// Argon2id of `password` with `salt` (raw bytes) at our parameters into `out`,
/// in pooled memory.
fn hash_into(password: &[u8], salt: &[u8], out: &mut [u8]) -> anyhow::Result<()> {
    let argon = argon2()?;
    let count = argon.params().block_count();
    let kept = MEMORY.lock().ok().and_then(|mut pool| pool.pop());
    let mut blocks = match kept {
        Some(b) if b.len() == count => b,
        _ => vec![Block::default(); count],
    };
    let hashed = argon
        .hash_password_into_with_memory(password, salt, out, &mut blocks[..])
        .map_err(|e| anyhow::anyhow!("argon2 hashing: {e}"));
    if let Ok(mut pool) = MEMORY.lock() {
        if pool.len() < max_concurrent_hashes() {
            pool.push(blocks);
        }
    }
    hashed
}

/// Hashes `password` into a PHC string (`$argon2id$v=19$m=19456,t=2,p=1$...`). Blocking.
pub fn hash_blocking(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    let mut salt_buf = [0u8; 64];
    let salt_bytes = salt
        .as_salt()
        .decode_b64(&mut salt_buf)
        .map_err(|e| anyhow::anyhow!("salt: {e}"))?;
    let mut out = [0u8; OUTPUT_LEN];
    hash_into(password.as_bytes(), salt_bytes, &mut out)?;
    let hash = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(&params()?)
            .map_err(|e| anyhow::anyhow!("argon2 parameters: {e}"))?,
        salt: Some(salt.as_salt()),
        hash: Some(Output::new(&out).map_err(|e| anyhow::anyhow!("argon2 output: {e}"))?),
    };
    Ok(hash.to_string())
}

/// Whether a stored hash is Argon2id at exactly our parameters (then it is checked
/// in the kept memory; anything else goes through the `argon2` crate as it is).
fn at_our_parameters(parsed: &PasswordHash<'_>) -> bool {
    let ours = params().ok().and_then(|p| ParamsString::try_from(&p).ok());
    parsed.algorithm == Algorithm::Argon2id.ident()
        && parsed.version == Some(Version::V0x13.into())
        && Some(&parsed.params) == ours.as_ref()
        && parsed.hash.is_some_and(|h| h.len() == OUTPUT_LEN)
}

/// Checks `password` against a stored PHC string. Blocking. A malformed stored hash is an
/// error, a wrong password is `Ok(false)`.
pub fn verify_blocking(password: &str, phc: &str) -> anyhow::Result<bool> {
    let parsed =
        PasswordHash::new(phc).map_err(|e| anyhow::anyhow!("stored password hash: {e}"))?;
    if let (true, Some(salt), Some(expected)) =
        (at_our_parameters(&parsed), parsed.salt, parsed.hash)
    {
        let mut salt_buf = [0u8; 64];
        let salt_bytes = salt
            .decode_b64(&mut salt_buf)
            .map_err(|e| anyhow::anyhow!("stored password hash: {e}"))?;
        let mut out = [0u8; OUTPUT_LEN];
        hash_into(password.as_bytes(), salt_bytes, &mut out)?;
        // `Output`'s equality is constant-time.
        let computed = Output::new(&out).map_err(|e| anyhow::anyhow!("argon2 output: {e}"))?;
        return Ok(computed == expected);
    }
    match argon2()?.verify_password(password.as_bytes(), &parsed) {
        Ok(()) => Ok(true),
        Err(argon2::password_hash::Error::Password) => Ok(false),
        Err(e) => Err(anyhow::anyhow!("argon2 verification: {e}")),
    }
}

/// At most this many hashes are computed at once: one per core (see
/// [`super::hashers`]). Each needs 19 MiB, so a flood of sign-in attempts queues
/// up instead of exhausting memory; and hashing is CPU-bound, so more at once
/// than cores only makes them evict each other's memory from the caches (on a
/// 2-core machine, 4 at once gave about 10 % fewer hashes per second than 2).
pub fn max_concurrent_hashes() -> usize {
    super::hashers::threads()
}

/// Hashes on a hashing thread.
pub async fn hash(password: String) -> anyhow::Result<String> {
    super::hashers::run(move || hash_blocking(&password)).await?
}

/// Verifies on a hashing thread.
pub async fn verify(password: String, phc: String) -> anyhow::Result<bool> {
    super::hashers::run(move || verify_blocking(&password, &phc)).await?
}

#[cfg(test)]
mod tests {
    use argon2::password_hash::PasswordHasher;

    use super::*;

    #[test]
    fn kept_memory_gives_the_argon2_crates_hashes() {
        // A hash made here verifies with the crate's own code and the other way
        // round, also at other parameters (which take the crate's path).
        let ours = hash_blocking("correct horse battery staple").unwrap();
        let parsed = PasswordHash::new(&ours).unwrap();
        assert!(argon2()
            .unwrap()
            .verify_password(b"correct horse battery staple", &parsed)
            .is_ok());
        let salt = SaltString::generate(&mut OsRng);
        let theirs = argon2()
            .unwrap()
            .hash_password(b"another password", &salt)
            .unwrap()
            .to_string();
        assert!(at_our_parameters(&PasswordHash::new(&theirs).unwrap()));
        assert!(verify_blocking("another password", &theirs).unwrap());
        assert!(!verify_blocking("another passworD", &theirs).unwrap());
        let cheap = Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(1024, 1, 1, None).unwrap(),
        )
        .hash_password(b"cheap", &salt)
        .unwrap()
        .to_string();
        assert!(!at_our_parameters(&PasswordHash::new(&cheap).unwrap()));
        assert!(verify_blocking("cheap", &cheap).unwrap());
        assert!(!verify_blocking("Cheap", &cheap).unwrap());
    }

    #[test]
    fn hash_uses_owasp_parameters_and_verifies() {
        let phc = hash_blocking("correct horse battery staple").unwrap();
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
        assert!(verify_blocking("correct horse battery staple", &phc).unwrap());
        assert!(!verify_blocking("wrong", &phc).unwrap());
    }

    #[tokio::test]
    async fn many_concurrent_verifications_all_complete() {
        let phc = hash("a long enough password".to_owned()).await.unwrap();
        let mut tasks = vec![];
        for i in 0..(max_concurrent_hashes() * 3) {
            let phc = phc.clone();
            let guess = if i % 2 == 0 {
                "a long enough password"
            } else {
                "wrong"
            };
            tasks.push(tokio::spawn(verify(guess.to_owned(), phc)));
        }
        for (i, t) in tasks.into_iter().enumerate() {
            assert_eq!(t.await.unwrap().unwrap(), i % 2 == 0);
        }
    }

    #[test]
    fn malformed_hash_is_an_error() {
        assert!(verify_blocking("x", "not a phc string").is_err());
    }
}
