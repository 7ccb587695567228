//! The close: which ballot counts for each credential (the last, paper over
//! online), their decryption with the reconstructed election key, validation
//! under the frozen rules, and the outcome through `civis-budget`. The server
//! counts with it at the close and `civis pb simulate-record` in its simulation,
//! so both publish what [`crate::verify_record`] checks.

use std::collections::HashMap;

use crate::check::outcome::{proposals_of, rerun, ValidBallot};
use crate::check::rules::Frozen;
use crate::parallel::par_map;
use crate::record::{hpke_aad, BallotEntry, PublishedOutcome};
use civis_ballot::hpke::{open, HpkeSecretKey};
use civis_budget::{validate_ballot, BallotContent};
use civis_domain::Timestamp;

/// The published outcome and a count for the summary.
pub struct Tally {
    /// `outcome.json`.
    pub outcome: PublishedOutcome,
    /// Counted paper ballots.
    pub paper: usize,
}

/// Counts, decrypts, validates and tallies `entries`.
pub fn tally(
    frozen: &Frozen,
    entries: &[BallotEntry],
    secret: &[u8],
    info: &[u8],
    computed_at: Timestamp,
) -> Result<Tally, String> {
    let scalar: [u8; 32] = secret
        .try_into()
        .map_err(|_| "the election secret key is not 32 bytes".to_string())?;
    let key = HpkeSecretKey::from_scalar_bytes(scalar).map_err(|e| e.to_string())?;
    let mut order = Vec::new();
    let mut last: HashMap<&[u8], (Option<usize>, Option<usize>)> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        let slot = last
            .entry(e.credential.token.as_slice())
            .or_insert_with(|| {
                order.push(e.credential.token.as_slice());
                (None, None)
            });
        if e.is_paper() {
            slot.1 = Some(i);
        } else {
            slot.0 = Some(i);
        }
    }
    let counted: Vec<usize> = order
        .iter()
        .filter_map(|t| last.get(t))
        .filter_map(|(online, paper)| paper.or(*online))
        .collect();
    let proposals = proposals_of(frozen);
    let opened: Vec<Option<BallotContent>> = par_map(&counted, |_, &i| {
        let e = &entries[i];
        let plain = open(
            &key,
            e.enc.as_slice(),
            info,
            &hpke_aad(&e.credential),
            e.ciphertext.as_slice(),
        )
        .ok()?;
        let content: BallotContent = serde_json::from_slice(&plain).ok()?;
        validate_ballot(&frozen.rules, &proposals, &content).ok()?;
        Some(content)
    });
    let mut valid = Vec::new();
    let mut spoiled = Vec::new();
    for (&i, content) in counted.iter().zip(opened) {
        match content {
            Some(content) => valid.push(ValidBallot {
                entry: i,
                content,
                paper: entries[i].is_paper(),
            }),
            None => spoiled.push(i as u64),
        }
    }
    spoiled.sort_unstable();
    let results = rerun(frozen, &valid, computed_at)?;
    Ok(Tally {
        paper: valid.iter().filter(|b| b.paper).count(),
        outcome: PublishedOutcome {
            counted: counted.len() as u64,
            spoiled,
            results,
        },
    })
}
