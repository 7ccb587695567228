//! The voting stage of a secret-ballot simulation: every resident obtains a credential
//! and casts a sealed random ballot without a session (receipts checked); some cast a
//! second one that replaces the first; some also send a submission the server must
//! refuse. Voters go in rounds, and the ballot log's checkpoint is fetched after each,
//! as a monitor would keep them during voting.

use std::collections::BTreeMap;
use std::sync::Arc;

use anyhow::Context as _;
use civis_ballot::OsRandomness;
use civis_tlog::ed25519;
use civis_verify::record::{Bytes, Cast, Credential};
use civis_verify::voter::{CredentialRequest, VoterKey};
use rand::rngs::StdRng;
use rand::SeedableRng as _;
use reqwest::StatusCode;
use serde::Serialize;
use serde_json::Value;

use super::pool;
use super::sealed::{sealed_content, slug, SecretProcess};
use super::voting::revotes;
use crate::loadtest::api::Session;
use crate::loadtest::ballots;
use crate::loadtest::target::Target;

/// Every this many voters one also sends an invalid submission.
pub const INVALID_EVERY: usize = 8;
/// Rounds of voters, with the log's checkpoint fetched after each.
pub const ROUNDS: usize = 4;

/// A submission the server must refuse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invalid {
    /// The voter's next entry with a byte of its signature changed.
    BadSignature,
    /// The voter's first entry sent again.
    ReplayedSeq,
    /// An entry signed by a new key whose token the issuer never signed, under the
    /// voter's credential signature.
    ForeignToken,
    /// A second credential request by the same signed-in resident.
    SecondCredential,
}

impl Invalid {
    /// Every kind, in the order voters send them.
    pub const ALL: [Invalid; 4] = [
        Invalid::BadSignature,
        Invalid::ReplayedSeq,
        Invalid::ForeignToken,
        Invalid::SecondCredential,
    ];

    /// The kind sent by voter `i`, if any.
    pub fn sent_by(i: usize) -> Option<Invalid> {
        (i % INVALID_EVERY == INVALID_EVERY / 2 - 1)
            .then(|| Self::ALL[(i / INVALID_EVERY) % Self::ALL.len()])
    }

    /// What it is, in words.
    pub fn what(self) -> &'static str {
        match self {
            Invalid::BadSignature => "entry with a bad voter signature",
            Invalid::ReplayedSeq => "entry replayed (its seq again)",
            Invalid::ForeignToken => "token the issuer did not sign",
            Invalid::SecondCredential => "second credential request",
        }
    }

    /// The refusal expected: status and problem type.
    pub fn refusal(self) -> (StatusCode, &'static str) {
        match self {
            Invalid::BadSignature => (StatusCode::UNPROCESSABLE_ENTITY, "bad-signature"),
            Invalid::ReplayedSeq => (StatusCode::CONFLICT, "seq-out-of-order"),
            Invalid::ForeignToken => (StatusCode::UNPROCESSABLE_ENTITY, "bad-credential"),
            Invalid::SecondCredential => (StatusCode::CONFLICT, "credential-already-issued"),
        }
    }
}

/// Invalid submissions of one kind.
#[derive(Debug, Clone, Serialize)]
pub struct InvalidCount {
    /// What was sent.
    pub what: &'static str,
    /// The refusal expected (`422 bad-signature`, …).
    pub expected: String,
    /// How many were sent.
    pub sent: u64,
    /// How many were refused as expected.
    pub refused: u64,
}

/// What the voting stage counted.
#[derive(Debug, Default, Clone)]
pub struct Counts {
    /// Credentials obtained.
    pub credentials: u64,
    /// Sealed ballots accepted, with their receipts checked (re-votes included).
    pub accepted: u64,
    /// Voters whose second ballot replaced the first.
    pub revotes: u64,
    /// Invalid submissions sent, by kind (in [`Invalid::ALL`] order).
    pub invalid_sent: [u64; 4],
    /// Of them, refused as expected.
    pub invalid_refused: [u64; 4],
}

impl Counts {
    fn add(mut self, o: &Counts) -> Counts {
        self.credentials += o.credentials;
        self.accepted += o.accepted;
        self.revotes += o.revotes;
        for k in 0..Invalid::ALL.len() {
            self.invalid_sent[k] += o.invalid_sent[k];
            self.invalid_refused[k] += o.invalid_refused[k];
        }
        self
    }

    /// The invalid submissions by kind.
    pub fn invalid(&self) -> Vec<InvalidCount> {
        Invalid::ALL
            .iter()
            .enumerate()
            .map(|(k, kind)| {
                let (status, problem) = kind.refusal();
                InvalidCount {
                    what: kind.what(),
                    expected: format!("{} {problem}", status.as_u16()),
                    sent: self.invalid_sent[k],
                    refused: self.invalid_refused[k],
                }
            })
            .collect()
    }
}

/// The stage's outcome.
pub struct Voted {
    /// The counts.
    pub counts: Counts,
    /// The log's signed checkpoints fetched after each round, by tree size.
    pub checkpoints: BTreeMap<u64, Vec<u8>>,
    /// The first voter's key and their last `seq`, to try a ballot after the close.
    pub first_voter: Option<(VoterKey, u32)>,
}

/// What every voter's job shares.
struct Shared {
    client: reqwest::Client,
    process: Arc<SecretProcess>,
    target: Arc<Target>,
    sessions: Arc<Vec<Session>>,
    seed: u64,
}

/// Runs the stage with `concurrency` voters at once.
pub async fn vote(
    client: reqwest::Client,
    process: Arc<SecretProcess>,
    target: Arc<Target>,
    sessions: Arc<Vec<Session>>,
    seed: u64,
    concurrency: usize,
) -> anyhow::Result<Voted> {
    let count = sessions.len();
    let shared = Arc::new(Shared {
        client,
        process,
        target,
        sessions,
        seed,
    });
    let mut voted = Voted {
        counts: Counts::default(),
        checkpoints: BTreeMap::new(),
        first_voter: None,
    };
    let per_round = count.div_ceil(ROUNDS).max(1);
    let mut start = 0;
    while start < count {
        let end = (start + per_round).min(count);
        let s = shared.clone();
        let done = pool::run_all(end - start, concurrency, move |k| {
            one_voter(s.clone(), start + k)
        })
        .await?;
        for (c, key) in done {
            voted.counts = voted.counts.add(&c);
            if key.is_some() {
                voted.first_voter = key;
            }
        }
        let (size, note) = shared.process.checkpoint(&shared.client).await?;
        voted.checkpoints.insert(size, note);
        start = end;
    }
    Ok(voted)
}

/// A random valid ballot's sealed plaintext.
fn random_content(rng: &mut StdRng, target: &Target) -> anyhow::Result<Vec<u8>> {
    let ballot = ballots::random_ballot(rng, &target.rules, &target.projects)
        .context("no valid ballot exists for the simulated rules")?;
    sealed_content(&ballot)
}

/// Voter `i`: credential, first ballot, maybe an invalid submission, maybe a second
/// ballot. Returns the counts, and the key and last `seq` of voter 0.
async fn one_voter(s: Arc<Shared>, i: usize) -> anyhow::Result<(Counts, Option<(VoterKey, u32)>)> {
    let mut rng = StdRng::seed_from_u64(s.seed ^ (i as u64).wrapping_mul(0x9E37_79B9));
    let (client, process) = (&s.client, &s.process);
    let session = &s.sessions[i];
    let mut c = Counts::default();
    let key = process.credential(client, session).await?;
    c.credentials += 1;
    let to = process.seal_to();
    let content = random_content(&mut rng, &s.target)?;
    let first = key
        .entry(to, 1, &content, &mut OsRandomness)
        .map_err(anyhow::Error::msg)?;
    process.submit(client, &first).await?;
    c.accepted += 1;
    let mut seq = 1;
    if let Some(kind) = Invalid::sent_by(i) {
        let k = Invalid::ALL.iter().position(|x| *x == kind).unwrap_or(0);
        let (status, answer) = match kind {
            Invalid::BadSignature => {
                let mut entry = key
                    .entry(to, seq + 1, &content, &mut OsRandomness)
                    .map_err(anyhow::Error::msg)?;
                if let Cast::Online { voter_signature } = &mut entry.cast {
                    if let Some(b) = voter_signature.0.first_mut() {
                        *b ^= 1;
                    }
                }
                process.submit_raw(client, entry.encode()).await?
            }
            Invalid::ReplayedSeq => process.submit_raw(client, first.encode()).await?,
            Invalid::ForeignToken => {
                let seed = ed25519::generate_seed().map_err(|e| anyhow::anyhow!("{e}"))?;
                let token = ed25519::public_key(&seed).map_err(|e| anyhow::anyhow!("{e}"))?;
                let foreign = VoterKey {
                    seed,
                    credential: Credential {
                        token: Bytes(token.to_vec()),
                        ..key.credential.clone()
                    },
                };
                let entry = foreign
                    .entry(to, 1, &content, &mut OsRandomness)
                    .map_err(anyhow::Error::msg)?;
                process.submit_raw(client, entry.encode()).await?
            }
            Invalid::SecondCredential => {
                let request = CredentialRequest::new(&process.issuer, &mut OsRandomness)
                    .map_err(anyhow::Error::msg)?;
                process
                    .request_credential(client, session, &request)
                    .await?
            }
        };
        c.invalid_sent[k] += 1;
        let (want_status, want_problem) = kind.refusal();
        if status != want_status || slug(&answer) != want_problem {
            anyhow::bail!(
                "a {} was answered {status} {answer} instead of {want_status} {want_problem}",
                kind.what()
            );
        }
        c.invalid_refused[k] += 1;
    }
    if revotes(i) {
        let content = random_content(&mut rng, &s.target)?;
        seq += 1;
        let second = key
            .entry(to, seq, &content, &mut OsRandomness)
            .map_err(anyhow::Error::msg)?;
        process.submit(client, &second).await?;
        c.accepted += 1;
        c.revotes += 1;
    }
    Ok((c, (i == 0).then_some((key, seq))))
}

/// Sends the first voter's next ballot after the close; whether it was refused with
/// 409 `wrong-phase`.
pub async fn refused_after_close(
    client: &reqwest::Client,
    process: &SecretProcess,
    target: &Target,
    voter: &(VoterKey, u32),
) -> anyhow::Result<bool> {
    let mut rng = StdRng::seed_from_u64(0);
    let content = random_content(&mut rng, target)?;
    let (key, seq) = voter;
    let entry = key
        .entry(process.seal_to(), seq + 1, &content, &mut OsRandomness)
        .map_err(anyhow::Error::msg)?;
    let (status, answer): (StatusCode, Value) = process.submit_raw(client, entry.encode()).await?;
    Ok(status == StatusCode::CONFLICT && slug(&answer) == "wrong-phase")
}
