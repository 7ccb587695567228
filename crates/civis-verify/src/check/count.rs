//! Which ballot counts for each credential: submissions under one credential are
//! numbered 1, 2, ... in log order, with no gap; the last one counts, except that a paper
//! ballot (entered by an official) overrides every online one, before or after
//! it. Each credential counts once, and no more credentials may count than were
//! issued.

use std::collections::HashMap;

use crate::record::{entry_location, BallotEntry, Bytes, CREDENTIALS, OUTCOME};
use crate::report::CheckResult;

/// The counted ballot of each credential, by log entry index, in the order the
/// credentials first appear in the log.
#[derive(Debug, Clone, Default)]
pub struct Counted {
    /// Log entry indexes of the counted ballots.
    pub entries: Vec<usize>,
}

/// Counts `entries` (`None`: an entry that did not parse) and checks the count
/// against `issued` and the outcome's `counted` (if they were read).
pub fn check_count(
    entries: &[Option<BallotEntry>],
    issued: Option<u64>,
    published_counted: Option<u64>,
) -> (CheckResult, Counted) {
    let mut check = CheckResult::new("count");
    let size = entries.len();
    let mut order: Vec<&Bytes> = Vec::new();
    // Per credential: the last online entry, the last paper entry, the last seq.
    let mut state: HashMap<&Bytes, (Option<usize>, Option<usize>, u32)> = HashMap::new();
    for (i, entry) in entries.iter().enumerate() {
        let Some(entry) = entry else { continue };
        let token = &entry.credential.token;
        let slot = state.entry(token).or_insert_with(|| {
            order.push(token);
            (None, None, 0)
        });
        if entry.seq != slot.2.saturating_add(1) {
            check.fail(format!(
                "{}: submission number {} under its credential does not follow {} (a replayed, reordered or dropped submission)",
 entry_location(i, size),
                entry.seq, slot.2
            ));
        }
        slot.2 = slot.2.max(entry.seq);
        if entry.is_paper() {
            slot.1 = Some(i);
        } else {
            slot.0 = Some(i);
        }
    }
    let counted: Vec<usize> = order
        .iter()
        .filter_map(|t| state.get(t))
        .filter_map(|(online, paper, _)| paper.or(*online))
        .collect();
    let distinct = counted.len() as u64;
    let overridden = state
        .values()
        .filter(|(online, paper, _)| online.is_some() && paper.is_some())
        .count();
    let submitted = entries.iter().flatten().count() as u64;
    let replaced = submitted - distinct;
    if let Some(issued) = issued {
        if distinct > issued {
            check.fail(format!(
                "{distinct} distinct credentials cast ballots, but {CREDENTIALS} says only {issued} were issued"
            ));
        }
    }
    if let Some(published) = published_counted {
        if published != distinct {
            check.fail(format!(
                "{OUTCOME}: counted is {published}, the log has {distinct} distinct credentials"
            ));
        }
    }
    let paper = counted
        .iter()
        .filter(|&&i| {
            entries
                .get(i)
                .and_then(Option::as_ref)
                .is_some_and(BallotEntry::is_paper)
        })
        .count();
    check.summary = format!(
        "{} submissions, {distinct} distinct credentials counted once each ({} issued); {replaced} submissions replaced by a later one, {overridden} credential(s) with online ballots overridden by paper, {paper} paper ballots counted",
        entries.len(),
        issued.map(|n| n.to_string()).unwrap_or_else(|| "?".into())
    );
    (check, Counted { entries: counted })
}
