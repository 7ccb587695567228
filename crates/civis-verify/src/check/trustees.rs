//! The trustees' revealed shares and the published election secret key: each
//! share must match the public Feldman commitments, the group key must be the
//! one the commitments give, and the published secret key must be the one the
//! shares rebuild, whose public key is the group key.

use std::collections::BTreeSet;

use civis_ballot::hpke::{HpkePublicKey, HpkeSecretKey};
use civis_ballot::threshold::{
    group_public_key, reconstruct, verify_revealed_share, Commitments, Scalar,
};

use crate::record::{Reveal, Trustees, REVEAL, TRUSTEES};
use crate::report::CheckResult;

/// Checks `trustees.json` and `reveal.json`.
pub fn check_trustees(trustees: &Trustees, reveal: &Reveal) -> CheckResult {
    let mut check = CheckResult::new("trustees");
    let (k, n) = (trustees.threshold as usize, trustees.trustees as usize);
    if k == 0 || k > n {
        check.fail(format!(
            "{TRUSTEES}: threshold {k} of {n} trustees is impossible"
        ));
        return check;
    }
    if trustees.commitments.len() != n {
        check.fail(format!(
            "{TRUSTEES}: {} trustees' commitments for {n} trustees",
            trustees.commitments.len()
        ));
    }
    let mut commitments = Vec::new();
    for (i, points) in trustees.commitments.iter().enumerate() {
        let bytes: Vec<u8> = points.iter().flat_map(|p| p.0.iter().copied()).collect();
        match Commitments::from_bytes(&bytes) {
            Ok(c) if c.threshold() == k => commitments.push(c),
            Ok(c) => check.fail(format!(
                "{TRUSTEES}: trustee {} has {} commitments, the threshold is {k}",
                i + 1,
                c.threshold()
            )),
            Err(e) => check.fail(format!("{TRUSTEES}: trustee {}'s commitments: {e}", i + 1)),
        }
    }
    if !check.holds() {
        return check;
    }
    let group = match group_public_key(&commitments) {
        Ok(g) => g,
        Err(e) => {
            check.fail(format!("{TRUSTEES}: {e}"));
            return check;
        }
    };
    if group.as_bytes().as_slice() != trustees.group_public_key.as_slice() {
        check.fail(format!(
            "{TRUSTEES}: group_public_key is not the sum of the trustees' first commitments"
        ));
    }
    let mut seen = BTreeSet::new();
    let mut good = Vec::new();
    for s in &reveal.shares {
        let j = s.trustee;
        if j == 0 || j as usize > n {
            check.fail(format!(
                "{REVEAL}: trustee {j} is not one of the {n} trustees"
            ));
            continue;
        }
        if !seen.insert(j) {
            check.fail(format!("{REVEAL}: trustee {j}'s share is revealed twice"));
            continue;
        }
        let verified = Scalar::from_bytes(s.share.as_slice())
            .and_then(|scalar| verify_revealed_share(j, &scalar, &commitments).map(|()| scalar));
        match verified {
            Ok(scalar) => good.push((j, scalar)),
            Err(e) => check.fail(format!(
                "{REVEAL}: trustee {j}'s share does not match the commitments: {e}"
            )),
        }
    }
    if good.len() < k {
        check.fail(format!(
            "{REVEAL}: {} valid shares revealed, {k} are needed",
            good.len()
        ));
        return check;
    }
    match reconstruct(&good, k, &group) {
        Ok(secret) => {
            if secret.to_scalar_bytes().as_slice() != reveal.election_secret_key.as_slice() {
                check.fail(format!(
                    "{REVEAL}: election_secret_key is not the key the revealed shares rebuild"
                ));
            }
        }
        Err(e) => check.fail(format!(
            "{REVEAL}: the shares do not rebuild the election key: {e}"
        )),
    }
    let published = <[u8; 32]>::try_from(reveal.election_secret_key.as_slice())
        .ok()
        .and_then(|s| HpkeSecretKey::from_scalar_bytes(s).ok())
        .map(|sk| sk.public_key());
    if published.as_ref().map(HpkePublicKey::as_bytes) != Some(group.as_bytes()) {
        check.fail(format!(
            "{REVEAL}: election_secret_key's public key is not the group public key"
        ));
    }
    if check.holds() {
        check.summary = format!(
            "{} shares of {k}-of-{n} trustees match their commitments and rebuild the published election key, whose public key is the group key",
            good.len()
        );
    }
    check
}
