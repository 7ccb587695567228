//! The k-of-n election key: full ceremonies, any k shares, k - 1 shares, and cheating trustees.

use civis_ballot::hpke::{self, HpkePublicKey, HpkeSecretKey};
use civis_ballot::threshold::{
    group_public_key, reconstruct, reconstruct_checked, share_aad, share_public_point,
    trustee_share, verify_revealed_share, verify_share, Commitments, Dealing, EncryptedShare,
    Scalar, SHARE_INFO,
};
use civis_ballot::{CryptoError, OsRandomness};

struct Ceremony {
    k: usize,
    personal: Vec<HpkeSecretKey>,
    dealings: Vec<Dealing>,
    shares: Vec<Scalar>,
    commitments: Vec<Commitments>,
    election_key: HpkePublicKey,
}

fn ceremony(k: usize, n: usize) -> Ceremony {
    let mut rng = OsRandomness;
    let personal: Vec<HpkeSecretKey> = (0..n)
        .map(|_| HpkeSecretKey::generate(&mut rng).unwrap())
        .collect();
    let keys: Vec<HpkePublicKey> = personal.iter().map(HpkeSecretKey::public_key).collect();
    let dealings: Vec<Dealing> = (1..=n as u32)
        .map(|i| Dealing::new(i, k, n, &keys, &mut rng).unwrap())
        .collect();
    // Dealings travel as bytes through the server.
    let dealings: Vec<Dealing> = dealings
        .iter()
        .map(|d| Dealing::from_bytes(&d.to_bytes()).unwrap())
        .collect();
    let shares: Vec<Scalar> = (1..=n as u32)
        .map(|j| trustee_share(j, &personal[j as usize - 1], &dealings).unwrap())
        .collect();
    let commitments: Vec<Commitments> = dealings.iter().map(|d| d.commitments().clone()).collect();
    let election_key = group_public_key(&commitments).unwrap();
    Ceremony {
        k,
        personal,
        dealings,
        shares,
        commitments,
        election_key,
    }
}

impl Ceremony {
    fn revealed(&self, who: &[u32]) -> Vec<(u32, Scalar)> {
        who.iter()
            .map(|&j| (j, self.shares[j as usize - 1].clone()))
            .collect()
    }
}

/// All subsets of `1..=n` of size `size`.
fn subsets(n: u32, size: usize) -> Vec<Vec<u32>> {
    let mut out = Vec::new();
    for mask in 0u32..(1 << n) {
        if mask.count_ones() as usize == size {
            out.push((1..=n).filter(|j| mask & (1 << (j - 1)) != 0).collect());
        }
    }
    out
}

fn seal_ballot(key: &HpkePublicKey, ballot: &[u8]) -> (Vec<u8>, Vec<u8>) {
    hpke::seal(
        key,
        b"civis ballot",
        b"election 1",
        ballot,
        &mut OsRandomness,
    )
    .unwrap()
}

fn full_ceremony(k: usize, n: usize) {
    let c = ceremony(k, n);
    assert_eq!(c.k, k);
    let ballot = b"project 3, project 7";
    let (enc, ct) = seal_ballot(&c.election_key, ballot);

    // Every share matches the public commitments.
    for (j, s) in (1..).zip(&c.shares) {
        verify_revealed_share(j, s, &c.commitments).unwrap();
        let point = share_public_point(j, &c.commitments).unwrap();
        let from_share = HpkeSecretKey::from_scalar_bytes(s.to_bytes())
            .unwrap()
            .public_key();
        assert_eq!(point, from_share);
    }
    // Any k shares rebuild the key, and it opens the ballot sealed before.
    for who in subsets(n as u32, k) {
        let sk = reconstruct(&c.revealed(&who), k, &c.election_key).unwrap();
        assert_eq!(sk.public_key(), c.election_key);
        let opened = hpke::open(&sk, &enc, b"civis ballot", b"election 1", &ct).unwrap();
        assert_eq!(opened, ballot, "shares {who:?}");
        let checked = reconstruct_checked(&c.revealed(&who), &c.commitments).unwrap();
        assert_eq!(checked, sk);
    }
    // More than k shares work too.
    let all: Vec<u32> = (1..=n as u32).collect();
    reconstruct(&c.revealed(&all), k, &c.election_key).unwrap();
    // k - 1 shares do not.
    if k > 1 {
        for who in subsets(n as u32, k - 1) {
            assert_eq!(
                reconstruct(&c.revealed(&who), k, &c.election_key),
                Err(CryptoError::TooFewShares {
                    needed: k,
                    got: k - 1
                })
            );
            // Interpolating them anyway gives some other key.
            assert_eq!(
                reconstruct(&c.revealed(&who), k - 1, &c.election_key),
                Err(CryptoError::ReconstructionMismatch)
            );
        }
    }
}

#[test]
fn two_of_three_ceremony() {
    full_ceremony(2, 3);
}

#[test]
fn three_of_five_ceremony() {
    full_ceremony(3, 5);
}

#[test]
fn one_of_one_and_five_of_five() {
    full_ceremony(1, 1);
    full_ceremony(5, 5);
}

#[test]
fn a_bad_revealed_share_is_detected_and_attributed() {
    let c = ceremony(2, 3);
    let mut bytes = c.shares[1].to_bytes();
    bytes[31] ^= 1;
    let bad = Scalar::from_bytes(&bytes).unwrap();
    assert_eq!(
        verify_revealed_share(2, &bad, &c.commitments),
        Err(CryptoError::BadShare { trustee: 2 })
    );
    // A correct share presented as another trustee's is refused as that trustee's.
    assert_eq!(
        verify_revealed_share(3, &c.shares[1], &c.commitments),
        Err(CryptoError::BadShare { trustee: 3 })
    );
    let revealed = vec![(1, c.shares[0].clone()), (2, bad)];
    assert_eq!(
        reconstruct_checked(&revealed, &c.commitments),
        Err(CryptoError::BadShare { trustee: 2 })
    );
    assert_eq!(
        reconstruct(&revealed, 2, &c.election_key),
        Err(CryptoError::ReconstructionMismatch)
    );
    // The honest pair still works.
    reconstruct_checked(&c.revealed(&[1, 3]), &c.commitments).unwrap();
}

#[test]
fn corrupted_commitments_are_detected() {
    let c = ceremony(2, 3);
    let mut commitments = c.commitments.clone();
    let mut bytes = commitments[0].to_bytes();
    // Replace C_01 with another valid point.
    let other = HpkeSecretKey::generate(&mut OsRandomness)
        .unwrap()
        .public_key()
        .to_bytes();
    bytes[65..130].copy_from_slice(&other);
    commitments[0] = Commitments::from_bytes(&bytes).unwrap();
    // Honest shares no longer match: the commitments are not the ones the shares came from.
    for (j, s) in (1..).zip(&c.shares) {
        assert_eq!(
            verify_revealed_share(j, s, &commitments),
            Err(CryptoError::BadShare { trustee: j })
        );
    }
    // Garbage in place of a point is refused outright.
    let mut garbage = c.commitments[0].to_bytes();
    garbage[70] ^= 0x55;
    assert!(matches!(
        Commitments::from_bytes(&garbage),
        Err(CryptoError::InvalidPoint {
            what: "commitment",
            ..
        })
    ));
}

/// A dealer who seals to trustee 2 a share that does not match its commitments is named.
#[test]
fn a_cheating_dealer_is_named_by_the_trustee_it_cheated() {
    let c = ceremony(2, 3);
    let dealer = &c.dealings[2]; // trustee 3
    let k = dealer.threshold();
    let mut shares = dealer.encrypted_shares().to_vec();
    let wrong = Scalar::from_bytes(&[9u8; 32]).unwrap();
    let aad = share_aad(3, 2, k, 3, dealer.commitments());
    let key2 = c.personal[1].public_key();
    let (enc, ciphertext) = hpke::seal(
        &key2,
        SHARE_INFO,
        &aad,
        &wrong.to_bytes(),
        &mut OsRandomness,
    )
    .unwrap();
    shares[1] = EncryptedShare {
        recipient: 2,
        enc,
        ciphertext,
    };
    let cheating = Dealing::from_parts(3, 3, dealer.commitments().clone(), shares).unwrap();
    assert_eq!(
        cheating.open_share(2, &c.personal[1]),
        Err(CryptoError::BadDealtShare {
            dealer: 3,
            recipient: 2
        })
    );
    let mut dealings = c.dealings.clone();
    dealings[2] = cheating.clone();
    assert_eq!(
        trustee_share(2, &c.personal[1], &dealings),
        Err(CryptoError::BadDealtShare {
            dealer: 3,
            recipient: 2
        })
    );
    // The other trustees' shares from that dealer are fine.
    cheating.open_share(1, &c.personal[0]).unwrap();
    // And the check itself, on the value.
    assert_eq!(
        verify_share(3, dealer.commitments(), 2, &wrong),
        Err(CryptoError::BadDealtShare {
            dealer: 3,
            recipient: 2
        })
    );
}

/// A dealer who publishes commitments other than those of its polynomial is named.
#[test]
fn a_dealer_with_inconsistent_commitments_is_named() {
    let c = ceremony(3, 4);
    let dealer = &c.dealings[0];
    // The honest shares of trustee 1's dealing, opened by their recipients.
    let honest: Vec<Scalar> = (1..=4u32)
        .map(|j| dealer.open_share(j, &c.personal[j as usize - 1]).unwrap())
        .collect();
    let mut bytes = dealer.commitments().to_bytes();
    let other = HpkeSecretKey::generate(&mut OsRandomness)
        .unwrap()
        .public_key()
        .to_bytes();
    bytes[130..195].copy_from_slice(&other);
    let forged = Commitments::from_bytes(&bytes).unwrap();
    // Resealed under the forged commitments, so they open, but do not verify.
    let shares: Vec<EncryptedShare> = (1..=4u32)
        .map(|j| {
            let aad = share_aad(1, j, 3, 4, &forged);
            let pk = c.personal[j as usize - 1].public_key();
            let (enc, ciphertext) = hpke::seal(
                &pk,
                SHARE_INFO,
                &aad,
                &honest[j as usize - 1].to_bytes(),
                &mut OsRandomness,
            )
            .unwrap();
            EncryptedShare {
                recipient: j,
                enc,
                ciphertext,
            }
        })
        .collect();
    let forged_dealing = Dealing::from_parts(1, 4, forged, shares).unwrap();
    for j in 1..=4u32 {
        assert_eq!(
            forged_dealing.open_share(j, &c.personal[j as usize - 1]),
            Err(CryptoError::BadDealtShare {
                dealer: 1,
                recipient: j
            })
        );
    }
    // Swapping the commitments without resealing breaks the binding: the shares do not open.
    let swapped = Dealing::from_parts(
        1,
        4,
        c.dealings[1].commitments().clone(),
        dealer.encrypted_shares().to_vec(),
    )
    .unwrap();
    assert!(matches!(
        swapped.open_share(2, &c.personal[1]),
        Err(CryptoError::InvalidDealing { dealer: 1, .. })
    ));
}

#[test]
fn shares_are_sealed_to_their_trustee_only() {
    let c = ceremony(2, 3);
    let d = &c.dealings[0];
    // Trustee 1's key does not open trustee 2's share.
    assert!(matches!(
        d.open_share(2, &c.personal[0]),
        Err(CryptoError::InvalidDealing { dealer: 1, .. })
    ));
    // A sealed share is 32 bytes of scalar plus the tag; nothing in the clear.
    for s in d.encrypted_shares() {
        assert_eq!(s.enc.len(), 65);
        assert_eq!(s.ciphertext.len(), 48);
    }
}

#[test]
fn reconstruct_refuses_duplicates_and_bad_indices() {
    let c = ceremony(2, 3);
    let dup = vec![
        (1, c.shares[0].clone()),
        (1, c.shares[0].clone()),
        (2, c.shares[1].clone()),
    ];
    assert_eq!(
        reconstruct(&dup, 2, &c.election_key),
        Err(CryptoError::DuplicateShare { trustee: 1 })
    );
    assert_eq!(
        reconstruct_checked(&dup, &c.commitments),
        Err(CryptoError::DuplicateShare { trustee: 1 })
    );
    let zero = vec![(0, c.shares[0].clone()), (2, c.shares[1].clone())];
    assert!(matches!(
        reconstruct(&zero, 2, &c.election_key),
        Err(CryptoError::InvalidTrusteeIndex { index: 0, .. })
    ));
    assert_eq!(
        reconstruct(&[], 2, &c.election_key),
        Err(CryptoError::TooFewShares { needed: 2, got: 0 })
    );
    assert!(matches!(
        reconstruct(&c.revealed(&[1, 2]), 0, &c.election_key),
        Err(CryptoError::InvalidThreshold { .. })
    ));
    // The right shares against another election's key.
    let other = HpkeSecretKey::generate(&mut OsRandomness)
        .unwrap()
        .public_key();
    assert_eq!(
        reconstruct(&c.revealed(&[1, 2]), 2, &other),
        Err(CryptoError::ReconstructionMismatch)
    );
}

#[test]
fn dealing_parameters_are_checked() {
    let mut rng = OsRandomness;
    let keys: Vec<HpkePublicKey> = (0..3)
        .map(|_| HpkeSecretKey::generate(&mut rng).unwrap().public_key())
        .collect();
    assert_eq!(
        Dealing::new(1, 0, 3, &keys, &mut rng),
        Err(CryptoError::InvalidThreshold { k: 0, n: 3 })
    );
    assert_eq!(
        Dealing::new(1, 4, 3, &keys, &mut rng),
        Err(CryptoError::InvalidThreshold { k: 4, n: 3 })
    );
    assert_eq!(
        Dealing::new(0, 2, 3, &keys, &mut rng),
        Err(CryptoError::InvalidTrusteeIndex { index: 0, n: 3 })
    );
    assert_eq!(
        Dealing::new(4, 2, 3, &keys, &mut rng),
        Err(CryptoError::InvalidTrusteeIndex { index: 4, n: 3 })
    );
    assert!(matches!(
        Dealing::new(1, 2, 3, &keys[..2], &mut rng),
        Err(CryptoError::InvalidDealing { dealer: 1, .. })
    ));
}

#[test]
fn dealings_from_bytes_are_checked() {
    let c = ceremony(2, 3);
    let bytes = c.dealings[0].to_bytes();
    assert_eq!(bytes.len(), 12 + 2 * 65 + 3 * (4 + 65 + 48));
    assert_eq!(Dealing::from_bytes(&bytes).unwrap(), c.dealings[0]);
    assert!(matches!(
        Dealing::from_bytes(&bytes[..bytes.len() - 1]),
        Err(CryptoError::WrongLength {
            what: "dealing",
            ..
        })
    ));
    assert!(matches!(
        Dealing::from_bytes(&bytes[..5]),
        Err(CryptoError::WrongLength { .. })
    ));
    // k > n in the header.
    let mut bad = bytes.clone();
    bad[7] = 9;
    assert!(matches!(
        Dealing::from_bytes(&bad),
        Err(CryptoError::InvalidThreshold { .. })
    ));
    // A commitment off the curve.
    let mut bad = bytes.clone();
    bad[12 + 64] ^= 1;
    assert!(matches!(
        Dealing::from_bytes(&bad),
        Err(CryptoError::InvalidPoint { .. })
    ));
    // Shares out of order.
    let mut bad = bytes.clone();
    let first = 12 + 2 * 65;
    bad[first + 3] = 2;
    assert!(matches!(
        Dealing::from_bytes(&bad),
        Err(CryptoError::InvalidDealing { dealer: 1, .. })
    ));
}

#[test]
fn dealings_must_agree() {
    let c = ceremony(2, 3);
    let mut twice = c.dealings.clone();
    twice[1] = twice[0].clone();
    assert!(matches!(
        trustee_share(1, &c.personal[0], &twice),
        Err(CryptoError::InvalidDealing { dealer: 1, .. })
    ));
    let other = ceremony(3, 3);
    let mut mixed = c.dealings.clone();
    mixed[2] = other.dealings[2].clone();
    assert!(matches!(
        trustee_share(1, &c.personal[0], &mixed),
        Err(CryptoError::InvalidDealing { dealer: 3, .. })
    ));
    let mixed_commitments: Vec<Commitments> =
        mixed.iter().map(|d| d.commitments().clone()).collect();
    assert!(group_public_key(&mixed_commitments).is_err());
    assert!(trustee_share(4, &c.personal[0], &c.dealings).is_err());
}

#[test]
fn scalars_are_checked() {
    let order =
        crate::support::unhex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");
    assert!(matches!(
        Scalar::from_bytes(&order),
        Err(CryptoError::InvalidScalar { .. })
    ));
    assert!(matches!(
        Scalar::from_bytes(&[1u8; 31]),
        Err(CryptoError::WrongLength { .. })
    ));
    Scalar::from_bytes(&[0u8; 32]).unwrap();
}
