//! Every counted ballot, opened with the published election secret key: its
//! HPKE ciphertext must open (with the process's `info` and the credential as
//! associated data) to a ballot content that is valid under the frozen rules;
//! one that does not is spoiled, and must be listed as such in `outcome.json`.

use civis_ballot::hpke::{open, HpkeSecretKey};
use civis_budget::{validate_ballot, BallotContent};

use crate::check::outcome::{proposals_of, ValidBallot};
use crate::check::rules::Frozen;
use crate::parallel::par_map;
use crate::record::{entry_location, hpke_aad, hpke_info, BallotEntry, REVEAL};
use crate::report::CheckResult;

/// What opening the counted ballots gave.
#[derive(Debug, Clone, Default)]
pub struct Opened {
    /// The valid ballots, in counting order.
    pub valid: Vec<ValidBallot>,
    /// Entry indexes of spoiled ballots, with why.
    pub spoiled: Vec<(u64, String)>,
}

/// Opens the `counted` entries with the election secret key `secret`.
pub fn open_ballots(
    frozen: &Frozen,
    entries: &[Option<BallotEntry>],
    counted: &[usize],
    secret: &[u8],
) -> (CheckResult, Opened) {
    let mut check = CheckResult::new("ballots");
    let size = entries.len();
    let key = <[u8; 32]>::try_from(secret)
        .map_err(|_| {
            format!(
                "{REVEAL}: election_secret_key is {} bytes, not 32",
                secret.len()
            )
        })
        .and_then(|s| {
            HpkeSecretKey::from_scalar_bytes(s)
                .map_err(|e| format!("{REVEAL}: election_secret_key: {e}"))
        });
    let key = match key {
        Ok(k) => k,
        Err(e) => {
            check.fail(e);
            return (check, Opened::default());
        }
    };
    let info = hpke_info(frozen.manifest.process, &frozen.manifest.rules_digest);
    let proposals = proposals_of(frozen);
    let results = par_map(counted, |_, &i| -> Result<BallotContent, String> {
        let e = entries
            .get(i)
            .and_then(Option::as_ref)
            .ok_or_else(|| "not a ballot entry".to_string())?;
        let plain = open(
            &key,
            e.enc.as_slice(),
            &info,
            &hpke_aad(&e.credential),
            e.ciphertext.as_slice(),
        )
        .map_err(|err| format!("does not decrypt with the election key: {err}"))?;
        let content: BallotContent = serde_json::from_slice(&plain)
            .map_err(|err| format!("decrypts to something that is not a ballot: {err}"))?;
        validate_ballot(&frozen.rules, &proposals, &content).map_err(|err| {
            let why: Vec<String> = err.problems.iter().map(|p| p.message()).collect();
            format!("invalid under the frozen rules: {}", why.join("; "))
        })?;
        Ok(content)
    });
    let mut opened = Opened::default();
    for (&i, r) in counted.iter().zip(results) {
        match r {
            Ok(content) => opened.valid.push(ValidBallot {
                entry: i,
                content,
                paper: entries
                    .get(i)
                    .and_then(Option::as_ref)
                    .is_some_and(BallotEntry::is_paper),
            }),
            Err(why) => opened.spoiled.push((i as u64, why)),
        }
    }
    opened.spoiled.sort_by_key(|(i, _)| *i);
    let shown: Vec<String> = opened
        .spoiled
        .iter()
        .take(3)
        .map(|(i, why)| format!("{}: {why}", entry_location(*i as usize, size)))
        .collect();
    check.summary = format!(
        "{} counted ballots decrypted and valid under the frozen rules; {} spoiled{}",
        opened.valid.len(),
        opened.spoiled.len(),
        if shown.is_empty() {
            String::new()
        } else {
            format!(" ({})", shown.join("; "))
        }
    );
    (check, opened)
}
