//! The voter's side of a secret ballot, for programs that vote without a browser
//! (`civis pb simulate`, and a server that casts for a resident who has no
//! JavaScript or votes on paper): make a credential key and the blinded request
//! for it, finalize the issuer's blind signature into a [`Credential`], then seal
//! and sign each submission as a log [`BallotEntry`]. The browser's
//! `ballot-crypto.js` does the same steps; `docs/published-record.md` describes
//! them.

use civis_ballot::blind_rsa::{
    blind, finalize, prepare_randomized, BlindSignature, BlindingSecret, IssuerPublicKey,
    PREFIX_LEN,
};
use civis_ballot::hpke::{seal, HpkePublicKey};
use civis_ballot::Randomness;
use civis_budget::ProcessId;
use civis_tlog::ed25519;

use crate::record::{hpke_aad, BallotEntry, Bytes, Cast, Credential};

/// A new credential key and the blinded message the issuer is asked to sign.
pub struct CredentialRequest {
    seed: [u8; 32],
    prepared: Vec<u8>,
    blinded: Vec<u8>,
    secret: BlindingSecret,
}

impl CredentialRequest {
    /// Makes an Ed25519 key (its public key is the token), prepares
    /// `randomizer || token` and blinds it for `issuer`. Errors: the randomness or
    /// the key failed, in plain words.
    pub fn new(issuer: &IssuerPublicKey, rng: &mut dyn Randomness) -> Result<Self, String> {
        let mut seed = [0u8; 32];
        rng.fill_bytes(&mut seed).map_err(|e| e.to_string())?;
        let token = ed25519::public_key(&seed).map_err(|e| e.to_string())?;
        let prepared = prepare_randomized(&token, rng).map_err(|e| e.to_string())?;
        let (blinded, secret) = blind(issuer, &prepared, rng).map_err(|e| e.to_string())?;
        Ok(CredentialRequest {
            seed,
            prepared,
            blinded: blinded.as_bytes().to_vec(),
            secret,
        })
    }

    /// The blinded message to send to the issuer.
    pub fn blinded_message(&self) -> &[u8] {
        &self.blinded
    }

    /// Unblinds the issuer's `blind_signature` into the credential. Errors: the
    /// signature does not verify under `issuer`.
    pub fn finalize(
        self,
        issuer: &IssuerPublicKey,
        blind_signature: &[u8],
    ) -> Result<VoterKey, String> {
        let blind_sig =
            BlindSignature::from_bytes(issuer, blind_signature).map_err(|e| e.to_string())?;
        let signature = finalize(issuer, &self.prepared, &blind_sig, &self.secret)
            .map_err(|e| format!("the issuer's signature does not verify: {e}"))?;
        let token = ed25519::public_key(&self.seed).map_err(|e| e.to_string())?;
        Ok(VoterKey {
            seed: self.seed,
            credential: Credential {
                token: Bytes(token.to_vec()),
                randomizer: Bytes(self.prepared.get(..PREFIX_LEN).unwrap_or_default().to_vec()),
                signature: Bytes(signature.as_bytes().to_vec()),
            },
        })
    }
}

/// A voter's credential and the secret key that signs their submissions.
#[derive(Clone)]
pub struct VoterKey {
    /// The Ed25519 seed of the token.
    pub seed: [u8; 32],
    /// The credential.
    pub credential: Credential,
}

impl std::fmt::Debug for VoterKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VoterKey")
            .field("credential", &self.credential)
            .finish_non_exhaustive()
    }
}

/// What a submission is sealed to: the process, its HPKE `info` and the election key.
#[derive(Debug, Clone, Copy)]
pub struct SealTo<'a> {
    /// The process.
    pub process: ProcessId,
    /// The process's HPKE info ([`crate::record::hpke_info`]).
    pub info: &'a [u8],
    /// The election public key.
    pub election: &'a HpkePublicKey,
}

/// Seals `content` (a ballot content's JSON) under `credential` as submission `seq`,
/// unsigned: the cast's signature is empty until [`sign_online`] or
/// [`sign_paper`].
pub fn seal_entry(
    to: SealTo<'_>,
    credential: &Credential,
    seq: u32,
    content: &[u8],
    cast: Cast,
    rng: &mut dyn Randomness,
) -> Result<BallotEntry, String> {
    let (enc, ciphertext) = seal(to.election, to.info, &hpke_aad(credential), content, rng)
        .map_err(|e| e.to_string())?;
    Ok(BallotEntry {
        credential: credential.clone(),
        seq,
        enc: Bytes(enc),
        ciphertext: Bytes(ciphertext),
        cast,
    })
}

impl VoterKey {
    /// The signed online submission `seq` of `content`.
    pub fn entry(
        &self,
        to: SealTo<'_>,
        seq: u32,
        content: &[u8],
        rng: &mut dyn Randomness,
    ) -> Result<BallotEntry, String> {
        let cast = Cast::Online {
            voter_signature: Bytes::default(),
        };
        let mut entry = seal_entry(to, &self.credential, seq, content, cast, rng)?;
        sign_online(&mut entry, to.process, &self.seed)?;
        Ok(entry)
    }
}

/// Signs an online `entry` with the credential's key `seed`.
pub fn sign_online(
    entry: &mut BallotEntry,
    process: ProcessId,
    seed: &[u8; 32],
) -> Result<(), String> {
    let body = entry.signed_body(process);
    entry.cast = Cast::Online {
        voter_signature: Bytes(ed25519::sign(seed, &body).map_err(|e| e.to_string())?),
    };
    Ok(())
}

/// Makes `entry` a paper submission entered by `official` (their note key name)
/// and signs it with their key `seed`.
pub fn sign_paper(
    entry: &mut BallotEntry,
    process: ProcessId,
    official: &str,
    seed: &[u8; 32],
) -> Result<(), String> {
    entry.cast = Cast::Paper {
        official: official.to_owned(),
        official_signature: Bytes::default(),
    };
    let body = entry.signed_body(process);
    entry.cast = Cast::Paper {
        official: official.to_owned(),
        official_signature: Bytes(ed25519::sign(seed, &body).map_err(|e| e.to_string())?),
    };
    Ok(())
}

#[cfg(test)]
mod tests {
    use civis_ballot::blind_rsa::{BlindedMessage, IssuerSecretKey};
    use civis_ballot::hpke::{open, HpkeSecretKey};
    use civis_ballot::OsRandomness;

    use super::*;

    #[test]
    fn a_credential_seals_and_signs_what_the_verifier_accepts() {
        let issuer = IssuerSecretKey::generate(2048).unwrap();
        let public = issuer.public_key();
        let request = CredentialRequest::new(&public, &mut OsRandomness).unwrap();
        let blinded = BlindedMessage::from_bytes(&public, request.blinded_message()).unwrap();
        let blind_sig = issuer.blind_sign(&blinded).unwrap();
        let voter = request.finalize(&public, blind_sig.as_bytes()).unwrap();
        let signed = voter.credential.signed_message();
        let sig =
            civis_ballot::blind_rsa::Signature::from_bytes(&public, &voter.credential.signature.0)
                .unwrap();
        public.verify(&signed, &sig).unwrap();

        let election = HpkeSecretKey::generate(&mut OsRandomness).unwrap();
        let to = SealTo {
            process: ProcessId(7),
            info: b"info",
            election: &election.public_key(),
        };
        let entry = voter.entry(to, 1, b"{}", &mut OsRandomness).unwrap();
        let Cast::Online { voter_signature } = &entry.cast else {
            panic!("online")
        };
        let token: [u8; 32] = entry.credential.token.0.clone().try_into().unwrap();
        assert!(ed25519::verify(
            &token,
            &entry.signed_body(ProcessId(7)),
            &voter_signature.0
        ));
        let plain = open(
            &election,
            &entry.enc.0,
            b"info",
            &hpke_aad(&entry.credential),
            &entry.ciphertext.0,
        )
        .unwrap();
        assert_eq!(plain, b"{}");

        let mut paper = entry.clone();
        let official = [9u8; 32];
        sign_paper(&mut paper, ProcessId(7), "clerk", &official).unwrap();
        let Cast::Paper {
            official_signature, ..
        } = &paper.cast
        else {
            panic!("paper")
        };
        let official_key = ed25519::public_key(&official).unwrap();
        assert!(ed25519::verify(
            &official_key,
            &paper.signed_body(ProcessId(7)),
            &official_signature.0
        ));
    }
}
