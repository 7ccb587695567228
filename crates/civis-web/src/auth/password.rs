//! Password hashing with Argon2id at the OWASP-recommended parameters
//! (m = 19456 KiB, t = 2, p = 1), run on tokio's blocking pool so that hashing never
//! stalls the async workers.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

/// Memory cost in KiB (OWASP: 19 MiB).
pub const MEMORY_KIB: u32 = 19_456;
/// Iterations (OWASP: 2).
pub const ITERATIONS: u32 = 2;
/// Parallelism (OWASP: 1).
pub const PARALLELISM: u32 = 1;

fn argon2() -> anyhow::Result<Argon2<'static>> {
    let params = Params::new(MEMORY_KIB, ITERATIONS, PARALLELISM, None)
        .map_err(|e| anyhow::anyhow!("argon2 parameters: {e}"))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// Hashes `password` into a PHC string (`$argon2id$v=19$m=19456,t=2,p=1$...`). Blocking.
pub fn hash_blocking(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    let hash = argon2()?
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| anyhow::anyhow!("argon2 hashing: {e}"))?;
    Ok(hash.to_string())
}

/// Checks `password` against a stored PHC string. Blocking. A malformed stored hash is an
/// error, a wrong password is `Ok(false)`.
pub fn verify_blocking(password: &str, phc: &str) -> anyhow::Result<bool> {
    let parsed =
        PasswordHash::new(phc).map_err(|e| anyhow::anyhow!("stored password hash: {e}"))?;
    match argon2()?.verify_password(password.as_bytes(), &parsed) {
        Ok(()) => Ok(true),
        Err(argon2::password_hash::Error::Password) => Ok(false),
        Err(e) => Err(anyhow::anyhow!("argon2 verification: {e}")),
    }
}

/// At most this many hashes are computed at once (each needs 19 MiB): a flood of sign-in
/// attempts queues up instead of exhausting memory or the blocking pool.
pub fn max_concurrent_hashes() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get() * 2)
}

fn hashing_permits() -> &'static tokio::sync::Semaphore {
    static PERMITS: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    PERMITS.get_or_init(|| tokio::sync::Semaphore::new(max_concurrent_hashes()))
}

/// Hashes on the blocking pool (at most [`max_concurrent_hashes`] at once).
pub async fn hash(password: String) -> anyhow::Result<String> {
    let _permit = hashing_permits().acquire().await?;
    tokio::task::spawn_blocking(move || hash_blocking(&password)).await?
}

/// Verifies on the blocking pool (at most [`max_concurrent_hashes`] at once).
pub async fn verify(password: String, phc: String) -> anyhow::Result<bool> {
    let _permit = hashing_permits().acquire().await?;
    tokio::task::spawn_blocking(move || verify_blocking(&password, &phc)).await?
}

#[cfg(test)]
mod tests {
    use super::*;

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
