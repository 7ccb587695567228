//! The trustees: a Pedersen DKG with Feldman commitments over P-256 (each trustee
//! deals to every other, sealing shares to their personal HPKE keys); after the
//! close, k of them reveal their shares and the election secret key is rebuilt.

use civis_ballot::hpke::HpkeSecretKey;
use civis_ballot::threshold::{
    group_public_key, reconstruct, trustee_share, verify_revealed_share, Commitments, Dealing,
    Scalar,
};
use civis_verify::record::{Bytes, Reveal, RevealedShare};
use rand::seq::SliceRandom;

use super::rng::{stream, Stream};

/// The public outcome of the key generation and every trustee's secret share.
pub struct Election {
    /// Trustee `i`'s commitments at index `i - 1`.
    pub commitments: Vec<Commitments>,
    /// The election public key.
    pub group_public_key: Vec<u8>,
    /// Trustee `j`'s share at index `j - 1`.
    pub shares: Vec<Scalar>,
}

fn err(e: civis_ballot::CryptoError) -> String {
    e.to_string()
}

/// Runs the key generation among `n` trustees with threshold `k`.
pub fn deal(k: u32, n: u32, seed: u64) -> Result<Election, String> {
    let (k, n) = (k as usize, n as usize);
    let personal: Vec<HpkeSecretKey> = (0..n)
        .map(|j| HpkeSecretKey::generate(&mut stream(seed, Stream::Trustee, 1000 + j as u64)))
        .collect::<Result<_, _>>()
        .map_err(err)?;
    let public: Vec<_> = personal.iter().map(HpkeSecretKey::public_key).collect();
    let dealings: Vec<Dealing> = (1..=n as u32)
        .map(|i| {
            Dealing::new(
                i,
                k,
                n,
                &public,
                &mut stream(seed, Stream::Trustee, u64::from(i)),
            )
        })
        .collect::<Result<_, _>>()
        .map_err(err)?;
    let shares: Vec<Scalar> = (1..=n as u32)
        .zip(&personal)
        .map(|(j, sk)| trustee_share(j, sk, &dealings))
        .collect::<Result<_, _>>()
        .map_err(err)?;
    let commitments: Vec<Commitments> = dealings.iter().map(|d| d.commitments().clone()).collect();
    let group = group_public_key(&commitments).map_err(err)?;
    Ok(Election {
        commitments,
        group_public_key: group.to_bytes().to_vec(),
        shares,
    })
}

/// Has `k` of the `n` trustees (chosen by the seed) reveal their shares, checks
/// each, and rebuilds the election secret key.
pub fn reveal(election: &Election, k: u32, n: u32, seed: u64) -> Result<Reveal, String> {
    let mut who: Vec<u32> = (1..=n).collect();
    who.shuffle(&mut stream(seed, Stream::Trustee, 0).0);
    who.truncate(k as usize);
    who.sort_unstable();
    let mut shares = Vec::new();
    for &j in &who {
        let s = election
            .shares
            .get(j as usize - 1)
            .ok_or_else(|| format!("no share for trustee {j}"))?;
        verify_revealed_share(j, s, &election.commitments).map_err(err)?;
        shares.push((j, s.clone()));
    }
    let group =
        civis_ballot::hpke::HpkePublicKey::from_bytes(&election.group_public_key).map_err(err)?;
    let secret = reconstruct(&shares, k as usize, &group).map_err(err)?;
    Ok(Reveal {
        shares: shares
            .iter()
            .map(|(j, s)| RevealedShare {
                trustee: *j,
                share: Bytes(s.to_bytes().to_vec()),
            })
            .collect(),
        election_secret_key: Bytes(secret.to_scalar_bytes().to_vec()),
    })
}
