//! [`crate::TrusteeStore`]: trustees named and locked once a key is in, each
//! hand-in stored once and audited, the election key set once, the record's
//! files stored once and never changed.

use std::sync::Arc;

use civis_domain::{AuditAction, Role};

use super::budget::settings;
use super::fixtures::{new_user, system, t};
use super::Harness;
use crate::{AuditFilter, Change, Page, StoreError};

pub async fn trustees_hand_in_once_and_lock<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let olga = s
        .create_user(&new_user("olga", Role::Official), system(1))
        .await
        .unwrap();
    let tina = s
        .create_user(&new_user("tina", Role::Official), system(1))
        .await
        .unwrap();
    let process = s.create_process(&settings("P"), system(2)).await.unwrap();
    let p = process.id;
    assert_eq!(s.trustee_board(p).await.unwrap(), None);
    s.set_trustees(p, 1, &[olga.id], Change::by(olga.id, t(3)))
        .await
        .unwrap();
    s.set_trustees(p, 2, &[olga.id, tina.id], Change::by(olga.id, t(4)))
        .await
        .unwrap();
    let board = s.trustee_board(p).await.unwrap().unwrap();
    assert_eq!(board.threshold, 2);
    assert_eq!(
        board
            .trustees
            .iter()
            .map(|r| (r.index, r.user))
            .collect::<Vec<_>>(),
        [(1, olga.id), (2, tina.id)]
    );
    assert!(board.election_key.is_none());
    s.submit_trustee_key(p, 2, &[7; 65], Change::by(tina.id, t(5)))
        .await
        .unwrap();
    assert!(matches!(
        s.submit_trustee_key(p, 2, &[8; 65], Change::by(tina.id, t(6)))
            .await,
        Err(StoreError::Conflict {
            field: "public_key"
        })
    ));
    assert!(matches!(
        s.submit_trustee_key(p, 3, &[8; 65], Change::by(tina.id, t(6)))
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        s.set_trustees(p, 1, &[olga.id], Change::by(olga.id, t(7)))
            .await,
        Err(StoreError::Conflict { field: "trustees" })
    ));
    s.submit_dealing(p, 2, b"dealing", Change::by(tina.id, t(8)))
        .await
        .unwrap();
    assert!(matches!(
        s.submit_dealing(p, 2, b"other", Change::by(tina.id, t(9)))
            .await,
        Err(StoreError::Conflict { field: "dealing" })
    ));
    assert!(s
        .set_election_key(p, &[4; 65], Change::by(tina.id, t(10)))
        .await
        .unwrap());
    assert!(!s
        .set_election_key(p, &[5; 65], Change::by(tina.id, t(11)))
        .await
        .unwrap());
    s.submit_share(p, 2, &[1; 32], Change::by(tina.id, t(12)))
        .await
        .unwrap();
    assert!(matches!(
        s.submit_share(p, 2, &[2; 32], Change::by(tina.id, t(13)))
            .await,
        Err(StoreError::Conflict { field: "share" })
    ));
    let board = s.trustee_board(p).await.unwrap().unwrap();
    let tina_row = &board.trustees[1];
    assert_eq!(tina_row.public_key.as_deref(), Some(&[7u8; 65][..]));
    assert_eq!(tina_row.dealing.as_deref(), Some(&b"dealing"[..]));
    assert_eq!(tina_row.share.as_deref(), Some(&[1u8; 32][..]));
    assert_eq!(board.election_key.as_deref(), Some(&[4u8; 65][..]));
    assert!(board.trustees[0].public_key.is_none());

    let files = vec![
        ("record.json".to_owned(), b"{}\n".to_vec()),
        ("log/checkpoint".to_owned(), b"origin\n1\n".to_vec()),
    ];
    s.store_ballot_record(p, &files, Change::by(tina.id, t(14)))
        .await
        .unwrap();
    assert!(matches!(
        s.store_ballot_record(p, &files, Change::by(tina.id, t(15)))
            .await,
        Err(StoreError::Conflict { field: "record" })
    ));
    assert_eq!(
        s.ballot_record_file(p, "log/checkpoint").await.unwrap(),
        Some(b"origin\n1\n".to_vec())
    );
    assert_eq!(s.ballot_record_file(p, "nope").await.unwrap(), None);
    assert!(h
        .execute_raw("UPDATE ballot_records SET body = body")
        .await
        .is_err());
    assert!(h.execute_raw("DELETE FROM ballot_records").await.is_err());

    let audit = s
        .list_audit(&AuditFilter::default(), Page::first(100))
        .await
        .unwrap();
    let count = |a: AuditAction| audit.iter().filter(|e| e.action == a).count();
    assert_eq!(count(AuditAction::BallotTrusteesSet), 2);
    assert_eq!(count(AuditAction::BallotTrusteeKeySubmitted), 1);
    assert_eq!(count(AuditAction::BallotDealingSubmitted), 1);
    assert_eq!(count(AuditAction::BallotElectionKeyMade), 1);
    assert_eq!(count(AuditAction::BallotShareRevealed), 1);
    assert_eq!(count(AuditAction::BallotRecordPublished), 1);
}
