//! Properties over random trees, checked against a direct recursive
//! implementation of RFC 6962's definitions (MTH, PATH, SUBPROOF).

use civis_tlog::hash::{empty_root, leaf_hash, node_hash};
use civis_tlog::proof::{verify_consistency, verify_inclusion};
use civis_tlog::{Hash, MemoryLog};
use proptest::prelude::*;

const MAX: u64 = 600;

fn entry(i: u64) -> Vec<u8> {
    format!("entry {i}").into_bytes()
}

fn log() -> MemoryLog {
    let mut log = MemoryLog::new();
    for i in 0..MAX {
        log.append(&entry(i)).unwrap();
    }
    log
}

fn split(n: u64) -> u64 {
    let mut k = 1;
    while k * 2 < n {
        k *= 2;
    }
    k
}

fn mth(d: &[Vec<u8>]) -> Hash {
    match d.len() {
        0 => empty_root(),
        1 => leaf_hash(&d[0]),
        n => {
            let k = split(n as u64) as usize;
            node_hash(&mth(&d[..k]), &mth(&d[k..]))
        }
    }
}

fn path(m: usize, d: &[Vec<u8>]) -> Vec<Hash> {
    let n = d.len();
    if n <= 1 {
        return vec![];
    }
    let k = split(n as u64) as usize;
    if m < k {
        let mut p = path(m, &d[..k]);
        p.push(mth(&d[k..]));
        p
    } else {
        let mut p = path(m - k, &d[k..]);
        p.push(mth(&d[..k]));
        p
    }
}

fn subproof(m: usize, d: &[Vec<u8>], b: bool) -> Vec<Hash> {
    let n = d.len();
    if m == n {
        return if b { vec![] } else { vec![mth(d)] };
    }
    let k = split(n as u64) as usize;
    if m <= k {
        let mut p = subproof(m, &d[..k], b);
        p.push(mth(&d[k..]));
        p
    } else {
        let mut p = subproof(m - k, &d[k..], false);
        p.push(mth(&d[..k]));
        p
    }
}

fn data(size: u64) -> Vec<Vec<u8>> {
    (0..size).map(entry).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn roots_match_the_definition(size in 0..MAX) {
        let log = log();
        prop_assert_eq!(log.root_at(size).unwrap(), mth(&data(size)));
    }

    #[test]
    fn every_inclusion_proof_verifies_and_tampering_fails(
        size in 1..=MAX, index_seed in any::<u64>(), flip in any::<(usize, u8)>()
    ) {
        let log = log();
        let index = index_seed % size;
        let proof = log.inclusion_proof(index, size).unwrap();
        let d = data(size);
        prop_assert_eq!(&proof, &path(index as usize, &d));
        let root = log.root_at(size).unwrap();
        let leaf = leaf_hash(&entry(index));
        prop_assert!(verify_inclusion(index, size, &leaf, &proof, &root).is_ok());
        // Another leaf, another index, a changed proof or a proof for another size fail.
        prop_assert!(verify_inclusion(index, size, &leaf_hash(b"other"), &proof, &root).is_err());
        if size > 1 {
            let other = (index + 1 + index_seed % (size - 1)) % size;
            prop_assert!(verify_inclusion(other, size, &leaf, &proof, &root).is_err());
        }
        if !proof.is_empty() {
            let mut bad = proof.clone();
            let i = flip.0 % bad.len();
            bad[i].0[usize::from(flip.1) % 32] ^= 1 << (flip.1 % 8);
            prop_assert!(verify_inclusion(index, size, &leaf, &bad, &root).is_err());
        }
        if size < MAX {
            let bigger = log.root_at(size + 1).unwrap();
            prop_assert!(verify_inclusion(index, size + 1, &leaf, &proof, &bigger).is_err());
        }
    }

    #[test]
    fn every_consistency_proof_verifies_and_tampering_fails(
        a in 0..=MAX, b in 0..=MAX, flip in any::<(usize, u8)>()
    ) {
        let (old, new) = if a <= b { (a, b) } else { (b, a) };
        let log = log();
        let proof = log.consistency_proof(old, new).unwrap();
        if old > 0 && old < new {
            prop_assert_eq!(&proof, &subproof(old as usize, &data(new), true));
        } else {
            prop_assert!(proof.is_empty());
        }
        let r1 = log.root_at(old).unwrap();
        let r2 = log.root_at(new).unwrap();
        prop_assert!(verify_consistency(old, new, &r1, &r2, &proof).is_ok());
        if old > 0 && old < new {
            let mut bad = proof.clone();
            let i = flip.0 % bad.len();
            bad[i].0[usize::from(flip.1) % 32] ^= 1 << (flip.1 % 8);
            prop_assert!(verify_consistency(old, new, &r1, &r2, &bad).is_err());
            prop_assert!(verify_consistency(old, new, &r2, &r1, &proof).is_err());
            prop_assert!(verify_consistency(old, new, &r1, &leaf_hash(b"x"), &proof).is_err());
            let forked = {
                let mut d = data(old);
                d[(flip.0 as u64 % old) as usize] = b"forged".to_vec();
                mth(&d)
            };
            prop_assert!(verify_consistency(old, new, &forked, &r2, &proof).is_err());
        }
    }
}
