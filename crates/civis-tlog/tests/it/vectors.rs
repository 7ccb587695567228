//! RFC 6962 reference vectors: roots, inclusion and consistency proofs.

use civis_tlog::hash::{empty_root, leaf_hash};
use civis_tlog::proof::{verify_consistency, verify_inclusion};
use civis_tlog::{Hash, MemoryLog};

use crate::fixtures::{bytes, h, hs, rfc6962};

fn reference_log() -> MemoryLog {
    let mut log = MemoryLog::new();
    for leaf in rfc6962().leaves {
        log.append(&bytes(&leaf)).unwrap();
    }
    log
}

#[test]
fn roots_of_every_size() {
    let v = rfc6962();
    let log = reference_log();
    assert_eq!(log.root_at(0).unwrap(), h(&v.empty_root));
    assert_eq!(empty_root(), h(&v.empty_root));
    for (i, root) in v.roots.iter().enumerate() {
        assert_eq!(
            log.root_at(i as u64 + 1).unwrap(),
            h(root),
            "size {}",
            i + 1
        );
    }
    assert!(log.root_at(9).is_err());
}

#[test]
fn inclusion_proofs_match_and_verify() {
    let v = rfc6962();
    let log = reference_log();
    for case in &v.inclusion {
        let want = hs(&case.proof);
        let got = log.inclusion_proof(case.index, case.size).unwrap();
        assert_eq!(got, want, "inclusion {} in {}", case.index, case.size);
        let leaf = leaf_hash(&bytes(&v.leaves[case.index as usize]));
        let root = h(&v.roots[case.size as usize - 1]);
        verify_inclusion(case.index, case.size, &leaf, &want, &root).unwrap();
        // The corruptions of the reference tests must all fail.
        let some = Hash([0xab; 32]);
        let bad: Vec<(u64, u64, Hash, Vec<Hash>, Hash)> = vec![
            (
                case.index.wrapping_sub(1),
                case.size,
                leaf,
                want.clone(),
                root,
            ),
            (case.index + 1, case.size, leaf, want.clone(), root),
            (case.index ^ 2, case.size, leaf, want.clone(), root),
            (case.index, case.size * 2, leaf, want.clone(), root),
            (case.index, case.size / 2, leaf, want.clone(), root),
            (
                case.index,
                case.size,
                leaf_hash(b"WrongLeaf"),
                want.clone(),
                root,
            ),
            (case.index, case.size, leaf, want.clone(), empty_root()),
            (case.index, case.size, leaf, want.clone(), some),
            (
                case.index,
                case.size,
                leaf,
                [want.clone(), vec![root]].concat(),
                root,
            ),
            (
                case.index,
                case.size,
                leaf,
                [vec![root], want.clone()].concat(),
                root,
            ),
        ];
        for (n, (i, s, l, p, r)) in bad.iter().enumerate() {
            assert!(
                verify_inclusion(*i, *s, l, p, r).is_err(),
                "corruption {n} of inclusion {} in {} verified",
                case.index,
                case.size
            );
        }
        for i in 0..want.len() {
            let mut p = want.clone();
            p[i].0[0] ^= 8;
            assert!(verify_inclusion(case.index, case.size, &leaf, &p, &root).is_err());
        }
        if !want.is_empty() {
            let p = &want[..want.len() - 1];
            assert!(verify_inclusion(case.index, case.size, &leaf, p, &root).is_err());
        }
    }
}

#[test]
fn consistency_proofs_match_and_verify() {
    let v = rfc6962();
    let log = reference_log();
    for case in &v.consistency {
        let want = hs(&case.proof);
        let got = log.consistency_proof(case.old, case.new).unwrap();
        assert_eq!(got, want, "consistency {} to {}", case.old, case.new);
        let r1 = h(&v.roots[case.old as usize - 1]);
        let r2 = h(&v.roots[case.new as usize - 1]);
        verify_consistency(case.old, case.new, &r1, &r2, &want).unwrap();
        if want.is_empty() {
            continue;
        }
        let bad: Vec<(u64, u64, Hash, Hash, Vec<Hash>)> = vec![
            (case.old - 1, case.new, r1, r2, want.clone()),
            (case.old + 1, case.new, r1, r2, want.clone()),
            (case.old ^ 2, case.new, r1, r2, want.clone()),
            (case.old, case.new * 2, r1, r2, want.clone()),
            (case.old, case.new / 2, r1, r2, want.clone()),
            (
                case.old,
                case.new,
                leaf_hash(b"WrongRoot"),
                r2,
                want.clone(),
            ),
            (
                case.old,
                case.new,
                r1,
                leaf_hash(b"WrongRoot"),
                want.clone(),
            ),
            (case.old, case.new, r2, r1, want.clone()),
            (case.old, case.new, r1, r2, vec![]),
            (
                case.old,
                case.new,
                r1,
                r2,
                [want.clone(), vec![r1]].concat(),
            ),
            (
                case.old,
                case.new,
                r1,
                r2,
                [want.clone(), vec![r2]].concat(),
            ),
            (
                case.old,
                case.new,
                r1,
                r2,
                [vec![r1], want.clone()].concat(),
            ),
            (
                case.old,
                case.new,
                r1,
                r2,
                [vec![r2], want.clone()].concat(),
            ),
            (
                case.old,
                case.new,
                r1,
                r2,
                [vec![want[0]], want.clone()].concat(),
            ),
            (case.old, case.new, r1, r2, want[..want.len() - 1].to_vec()),
        ];
        for (n, (o, s, a, b, p)) in bad.iter().enumerate() {
            assert!(
                verify_consistency(*o, *s, a, b, p).is_err(),
                "corruption {n} of consistency {} to {} verified",
                case.old,
                case.new
            );
        }
        for i in 0..want.len() {
            let mut p = want.clone();
            p[i].0[0] ^= 16;
            assert!(verify_consistency(case.old, case.new, &r1, &r2, &p).is_err());
        }
    }
}

#[test]
fn consistency_edge_cases() {
    let (a, b) = (leaf_hash(b"a"), leaf_hash(b"b"));
    let e = empty_root();
    assert!(verify_consistency(0, 0, &a, &b, &[]).is_err());
    assert!(verify_consistency(1, 1, &a, &b, &[]).is_err());
    assert!(verify_consistency(0, 0, &a, &a, &[]).is_ok());
    assert!(verify_consistency(0, 1, &a, &b, &[]).is_ok());
    assert!(verify_consistency(1, 1, &b, &b, &[]).is_ok());
    assert!(verify_consistency(1, 0, &a, &b, &[]).is_err());
    assert!(verify_consistency(2, 1, &a, &b, &[]).is_err());
    assert!(verify_consistency(1, 2, &a, &b, &[]).is_err());
    assert!(verify_consistency(0, 0, &e, &e, &[e]).is_err());
    assert!(verify_consistency(0, 1, &e, &e, &[e]).is_err());
    assert!(verify_consistency(1, 1, &e, &e, &[e]).is_err());
    assert!(verify_inclusion(0, 0, &a, &[], &a).is_err());
    assert!(verify_inclusion(2, 1, &a, &[], &a).is_err());
    assert!(verify_inclusion(0, 1, &a, &[], &a).is_ok());
    assert!(verify_inclusion(0, 1, &a, &[], &b).is_err());
}
