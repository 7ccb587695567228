//! Credential issuance: each voter makes an Ed25519 key pair, blinds its public key
//! (prepared with a random prefix), the issuer signs the blinded message, and the
//! voter finalizes an ordinary RFC 9474 signature the issuer cannot link to them.

use civis_ballot::blind_rsa::{blind, finalize, prepare_randomized, IssuerSecretKey, PREFIX_LEN};
use civis_tlog::ed25519;

use super::rng::{par_range, stream, Stream};

/// A voter's credential and its secret key.
#[derive(Debug, Clone)]
pub struct VoterCredential {
    /// The Ed25519 seed that signs the voter's submissions.
    pub seed: [u8; 32],
    /// The token: the Ed25519 public key.
    pub token: [u8; 32],
    /// The 32-byte message randomizer.
    pub randomizer: Vec<u8>,
    /// The issuer's signature of `randomizer || token`.
    pub signature: Vec<u8>,
}

/// Issues one credential to each of `voters` voters.
pub fn issue_all(
    issuer: &IssuerSecretKey,
    voters: usize,
    seed: u64,
) -> Result<Vec<VoterCredential>, String> {
    let public = issuer.public_key();
    par_range(voters, |v| {
        let mut rng = stream(seed, Stream::Voter, v as u64);
        let key_seed = rng.bytes32();
        let token = ed25519::public_key(&key_seed).map_err(|e| e.to_string())?;
        let prepared = prepare_randomized(&token, &mut rng).map_err(|e| e.to_string())?;
        let (blinded, secret) = blind(&public, &prepared, &mut rng).map_err(|e| e.to_string())?;
        let blind_sig = issuer.blind_sign(&blinded).map_err(|e| e.to_string())?;
        let signature =
            finalize(&public, &prepared, &blind_sig, &secret).map_err(|e| e.to_string())?;
        Ok(VoterCredential {
            seed: key_seed,
            token,
            randomizer: prepared.get(..PREFIX_LEN).unwrap_or_default().to_vec(),
            signature: signature.as_bytes().to_vec(),
        })
    })
    .into_iter()
    .collect()
}
