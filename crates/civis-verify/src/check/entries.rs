//! Every log entry must be a ballot submission, signed by its credential's key
//! (online) or by a listed official (paper).

use std::collections::HashMap;

use civis_budget::ProcessId;
use civis_tlog::ed25519;
use civis_tlog::NoteVerifier;

use crate::parallel::par_map;
use crate::record::{entry_location, BallotEntry, Cast, Official, OFFICIALS};
use crate::report::CheckResult;

/// Parses every entry; `None` for those that are not ballot submissions.
pub fn parse_entries(raw: &[Vec<u8>], check: &mut CheckResult) -> Vec<Option<BallotEntry>> {
    raw.iter()
        .enumerate()
        .map(|(i, bytes)| match BallotEntry::parse(bytes) {
            Ok(e) => Some(e),
            Err(e) => {
                check.fail(format!("{}: {e}", entry_location(i, raw.len())));
                None
            }
        })
        .collect()
}

/// Checks each entry's voter or official signature; `officials` is
/// `officials.json` if it could be read.
pub fn check_signatures(
    process: ProcessId,
    entries: &[Option<BallotEntry>],
    officials: Option<&[Official]>,
    check: &mut CheckResult,
) {
    let size = entries.len();
    let mut keys: HashMap<String, NoteVerifier> = HashMap::new();
    for o in officials.unwrap_or_default() {
        match NoteVerifier::parse(&o.key) {
            Ok(v) => {
                keys.insert(v.name.clone(), v);
            }
            Err(e) => check.fail(format!("{OFFICIALS}: {:?}: {e}", o.key)),
        }
    }
    let problems = par_map(entries, |i, entry| {
        let entry = entry.as_ref()?;
        let body = entry.signed_body(process);
        match &entry.cast {
            Cast::Online { voter_signature } => {
                let key = <[u8; 32]>::try_from(entry.credential.token.as_slice()).ok();
                match key {
                    None => Some(format!(
                        "{}: the credential token is {} bytes, not an Ed25519 key",
                        entry_location(i, size),
                        entry.credential.token.as_slice().len()
                    )),
                    Some(k) if ed25519::verify(&k, &body, voter_signature.as_slice()) => None,
                    Some(_) => Some(format!(
                        "{}: the voter signature does not verify under the credential's key",
                        entry_location(i, size)
                    )),
                }
            }
            Cast::Paper {
                official,
                official_signature,
            } => match keys.get(official) {
                None if officials.is_none() => None,
                None => Some(format!(
                    "{}: paper ballot entered by {official:?}, who is not in {OFFICIALS}",
                    entry_location(i, size)
                )),
                Some(v) if ed25519::verify(&v.public, &body, official_signature.as_slice()) => None,
                Some(_) => Some(format!(
                    "{}: the signature of official {official:?} does not verify",
                    entry_location(i, size)
                )),
            },
        }
    });
    for p in problems.into_iter().flatten() {
        check.fail(p);
    }
}
