//! The resident register's storage: imports with dated versions, refusals that
//! write nothing, audited reads, permissions.

use std::sync::Arc;

use civis_domain::{AuditAction, Proofing, Role, UserId};
use civis_identity::codes::Channel;
use civis_identity::import::parse_file;
use civis_identity::{Date, Isikukood, Permission, PersonalCode, Purpose, Reason, RecordStatus};

use super::fixtures::{new_session, new_user, system, t, token};
use super::Harness;
use crate::register::{LinkOutcome, NewEnrolmentCode, NewRegisterImport, RecordLookup};
use crate::{AuditFilter, Change, Page, StoreError};

const HEADER: &str = "personal_code,given_name,family_name,birth_date,address,district,status\n";

pub(super) fn import(effective: &str, lines: &[&str]) -> NewRegisterImport {
    let mut text = HEADER.to_owned();
    for l in lines {
        text.push_str(l);
        text.push('\n');
    }
    NewRegisterImport {
        effective_date: Date::parse(effective).unwrap(),
        file_sha256: format!("{:064}", text.len()),
        rows: parse_file(&text, &Isikukood).unwrap(),
    }
}

pub(super) const MART: &str = "37605030299,Mart,Tamm,1976-05-03,Pikk 1,Kesklinn,active";
const MART_MOVED: &str = "37605030299,Mart,Tamm,1976-05-03,Uus 5,Nõmme,active";
const MARI: &str = "49403136515,Mari,Kask,1994-03-13,Lai 2,Kesklinn,";
const MARI_DEAD: &str = "49403136515,Mari,Kask,1994-03-13,Lai 2,Kesklinn,deceased";

fn code(s: &str) -> PersonalCode {
    PersonalCode::parse(s, &Isikukood).unwrap()
}

pub async fn imports_keep_dated_versions<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let off = s
        .create_user(&new_user("official", Role::Official), system(0))
        .await
        .unwrap();
    let by = |ms| Change::by(off.id, t(ms));
    let first = s
        .import_register(&import("2026-01-01", &[MART, MARI]), by(1))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (first.records, first.created, first.changed, first.unchanged),
        (2, 2, 0, 0)
    );
    assert_eq!(first.imported_by, Some(off.id));
    assert_eq!(s.count_register_records().await.unwrap(), (2, 2));
    // The same file again changes nothing but is recorded.
    let again = s
        .import_register(&import("2026-01-01", &[MARI, MART]), by(2))
        .await
        .unwrap()
        .unwrap();
    assert_eq!((again.created, again.changed, again.unchanged), (0, 0, 2));
    // A move and a death, a month later.
    let later = s
        .import_register(&import("2026-02-01", &[MART_MOVED, MARI_DEAD]), by(3))
        .await
        .unwrap()
        .unwrap();
    assert_eq!((later.created, later.changed), (0, 2));
    assert_eq!(s.count_register_records().await.unwrap(), (2, 1));
    let mart = s
        .register_record(&RecordLookup::Code(code("37605030299")))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(mart.versions.len(), 2);
    assert_eq!(mart.current().unwrap().data.address, "Uus 5");
    assert_eq!(mart.current().unwrap().data.district, "Nõmme");
    assert_eq!(mart.current().unwrap().import_id, later.id);
    let jan = mart.on(Date::parse("2026-01-15").unwrap()).unwrap();
    assert_eq!(jan.data.address, "Pikk 1");
    assert!(mart.on(Date::parse("2025-12-31").unwrap()).is_none());
    let by_id = s
        .register_record(&RecordLookup::Id(mart.id))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(by_id, mart);
    // A record ended earlier may be left out of later files.
    s.import_register(&import("2026-03-01", &[MART_MOVED]), by(4))
        .await
        .unwrap()
        .unwrap();
    let imports = s.list_register_imports(Page::new(0, 10)).await.unwrap();
    assert_eq!(imports.len(), 4);
    assert_eq!(imports[0].effective_date.to_string(), "2026-03-01");
    let events = s
        .list_audit(
            &AuditFilter {
                action: Some(AuditAction::RegisterImported),
                ..Default::default()
            },
            Page::new(0, 10),
        )
        .await
        .unwrap();
    assert_eq!(events.len(), 4);
    assert_eq!(events[0].actor, Some(off.id));
    assert_eq!(events[3].after.as_ref().unwrap()["created"], 2);
    assert!(s
        .register_record(&RecordLookup::Code(code("38001085718")))
        .await
        .unwrap()
        .is_none());
}

pub async fn refused_imports_write_nothing<H: Harness>(h: Arc<H>) {
    let s = h.store();
    s.import_register(&import("2026-01-01", &[MART, MARI]), system(1))
        .await
        .unwrap()
        .unwrap();
    let before = s.count_audit(&AuditFilter::default()).await.unwrap();
    // Leaving out an active record.
    let p = s
        .import_register(&import("2026-02-01", &[MART_MOVED]), system(2))
        .await
        .unwrap()
        .unwrap_err();
    assert_eq!(
        p[0].reason,
        Reason::MissingActive {
            code: "49403136515".into()
        }
    );
    // Changing a version of the same date.
    let p = s
        .import_register(&import("2026-01-01", &[MART_MOVED, MARI]), system(3))
        .await
        .unwrap()
        .unwrap_err();
    assert_eq!(p[0].reason, Reason::VersionExists);
    assert_eq!(p[0].line, Some(2));
    // Dated before the latest import.
    let p = s
        .import_register(&import("2025-06-01", &[MART, MARI]), system(4))
        .await
        .unwrap()
        .unwrap_err();
    assert_eq!(p[0].field, "effective_date");
    // An unknown actor.
    let err = s
        .import_register(
            &import("2026-02-01", &[MART_MOVED, MARI]),
            Change::by(UserId(424_242), t(5)),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
    let mart = s
        .register_record(&RecordLookup::Code(code("37605030299")))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(mart.versions.len(), 1);
    assert_eq!(
        s.list_register_imports(Page::new(0, 10))
            .await
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        s.count_audit(&AuditFilter::default()).await.unwrap(),
        before
    );
    // The database keeps one record per personal code.
    assert!(h
        .execute_raw("INSERT INTO register_records (personal_code) VALUES ('37605030299')")
        .await
        .is_err());
}

pub async fn reads_are_audited_with_their_purpose<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let off = s
        .create_user(&new_user("official", Role::Official), system(0))
        .await
        .unwrap();
    s.import_register(&import("2026-01-01", &[MART, MARI]), system(1))
        .await
        .unwrap()
        .unwrap();
    let rec = s
        .read_register_record(
            &RecordLookup::Code(code("49403136515")),
            &Purpose::Other("court order 12/2026".into()),
            Change::by(off.id, t(2)),
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(rec.current().unwrap().data.status, RecordStatus::Active);
    let miss = s
        .read_register_record(
            &RecordLookup::Code(code("38001085718")),
            &Purpose::Enrolment,
            Change::by(off.id, t(3)),
        )
        .await
        .unwrap();
    assert!(miss.is_none());
    let reads = s
        .list_audit(
            &AuditFilter {
                action: Some(AuditAction::RegisterRecordRead),
                ..Default::default()
            },
            Page::new(0, 10),
        )
        .await
        .unwrap();
    assert_eq!(reads.len(), 2);
    assert_eq!(reads[0].target, None);
    assert_eq!(reads[0].after.as_ref().unwrap()["found"], false);
    assert_eq!(reads[0].after.as_ref().unwrap()["purpose"], "enrolment");
    assert_eq!(reads[1].actor, Some(off.id));
    assert_eq!(
        reads[1].target.as_deref(),
        Some(&*format!("register_record:{}", rec.id))
    );
    assert_eq!(
        reads[1].after.as_ref().unwrap()["purpose_text"],
        "court order 12/2026"
    );
    let err = s
        .read_register_record(
            &RecordLookup::Id(rec.id),
            &Purpose::Correction,
            Change::by(UserId(424_242), t(4)),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
}

pub async fn permissions_are_granted_revoked_and_audited<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let admin = s
        .create_user(&new_user("admin", Role::Admin), system(0))
        .await
        .unwrap();
    let off = s
        .create_user(&new_user("official", Role::Official), system(0))
        .await
        .unwrap();
    let by = |ms| Change::by(admin.id, t(ms));
    assert!(s
        .grant_register_permission(off.id, Permission::RegisterRead, by(1))
        .await
        .unwrap());
    assert!(!s
        .grant_register_permission(off.id, Permission::RegisterRead, by(2))
        .await
        .unwrap());
    assert!(s
        .grant_register_permission(off.id, Permission::RegisterImport, by(3))
        .await
        .unwrap());
    assert_eq!(
        s.register_permissions(off.id).await.unwrap(),
        [Permission::RegisterImport, Permission::RegisterRead]
    );
    let grants = s.list_register_grants().await.unwrap();
    assert_eq!(grants.len(), 2);
    assert_eq!(grants[0].granted_by, Some(admin.id));
    assert!(s
        .revoke_register_permission(off.id, Permission::RegisterRead, by(4))
        .await
        .unwrap());
    assert!(!s
        .revoke_register_permission(off.id, Permission::RegisterRead, by(5))
        .await
        .unwrap());
    assert_eq!(
        s.register_permissions(off.id).await.unwrap(),
        [Permission::RegisterImport]
    );
    let err = s
        .grant_register_permission(UserId(424_242), Permission::RegisterRead, by(6))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
    let target = civis_domain::audit::user_target(off.id);
    let events = s
        .list_audit(
            &AuditFilter {
                target: Some(target),
                ..Default::default()
            },
            Page::new(0, 10),
        )
        .await
        .unwrap();
    let actions: Vec<AuditAction> = events.iter().map(|e| e.action).collect();
    assert_eq!(
        actions,
        [
            AuditAction::RegisterPermissionRevoked,
            AuditAction::RegisterPermissionGranted,
            AuditAction::RegisterPermissionGranted,
            AuditAction::UserCreated,
        ]
    );
    assert_eq!(
        events[0].before.as_ref().unwrap()["permission"],
        "register.read"
    );
}

fn new_code(
    record_id: i64,
    user: Option<UserId>,
    channel: Channel,
    b: u8,
    expires: i64,
) -> NewEnrolmentCode {
    NewEnrolmentCode {
        record_id,
        user_id: user,
        channel,
        code_hash: [b; 32],
        expires_at: t(expires),
    }
}

pub async fn enrolment_codes_link_once<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let off = s
        .create_user(&new_user("official", Role::Official), system(0))
        .await
        .unwrap();
    let mari = s
        .create_user(&new_user("mari", Role::Resident), system(0))
        .await
        .unwrap();
    let other = s
        .create_user(&new_user("other", Role::Resident), system(0))
        .await
        .unwrap();
    s.import_register(&import("2026-01-01", &[MART, MARI]), system(1))
        .await
        .unwrap()
        .unwrap();
    let rec = s
        .register_record(&RecordLookup::Code(code("49403136515")))
        .await
        .unwrap()
        .unwrap();
    let mart = s
        .register_record(&RecordLookup::Code(code("37605030299")))
        .await
        .unwrap()
        .unwrap();
    // An old letter, replaced by a new one.
    s.issue_enrolment_codes(
        &[new_code(rec.id, None, Channel::Letter, 1, 1000)],
        Change::by(off.id, t(2)),
    )
    .await
    .unwrap();
    s.issue_enrolment_codes(
        &[new_code(rec.id, None, Channel::Letter, 2, 1000)],
        Change::by(off.id, t(3)),
    )
    .await
    .unwrap();
    let rec_id = rec.id;
    let store = s.clone();
    let redeem = move |user: UserId, hash: u8, at: i64| {
        let s = store.clone();
        async move {
            s.redeem_enrolment_code(
                user,
                rec_id,
                Channel::Letter,
                &[hash; 32],
                Change::by(user, t(at)),
            )
            .await
            .unwrap()
        }
    };
    assert_eq!(
        redeem(mari.id, 1, 10).await,
        LinkOutcome::NoCode,
        "replaced"
    );
    assert_eq!(redeem(mari.id, 9, 10).await, LinkOutcome::NoCode, "wrong");
    assert_eq!(
        redeem(mari.id, 2, 1000).await,
        LinkOutcome::NoCode,
        "expired"
    );
    assert_eq!(s.account_proofing(mari.id).await.unwrap(), None);
    let LinkOutcome::Linked(link) = redeem(mari.id, 2, 20).await else {
        panic!("not linked");
    };
    assert_eq!(link.proofing, Proofing::ActivationLetter);
    assert_eq!(link.record_id, rec.id);
    assert_eq!(
        s.account_proofing(mari.id).await.unwrap(),
        Some(Proofing::ActivationLetter)
    );
    s.create_session(&new_session(41, mari.id, 20, 10_000))
        .await
        .unwrap();
    let context = s.session_context(&token(41), t(25)).await.unwrap().unwrap();
    assert_eq!(context.proofing, Some(Proofing::ActivationLetter));
    assert_eq!(context.user.id, mari.id);
    assert_eq!(s.register_link(mari.id).await.unwrap(), Some(link));
    assert_eq!(redeem(mari.id, 2, 21).await, LinkOutcome::NoCode, "used");
    // Letters go to active records no account is linked to.
    let codes = |rs: Vec<crate::register::RegisterRecord>| {
        rs.iter()
            .map(|r| r.personal_code.to_string())
            .collect::<Vec<_>>()
    };
    let all = s
        .list_register_records(None, false, Page::new(0, 10))
        .await
        .unwrap();
    assert_eq!(codes(all.clone()), ["37605030299", "49403136515"]);
    assert!(all.iter().all(|r| r.versions.len() == 1));
    let unlinked = s
        .list_register_records(Some("Kesklinn"), true, Page::new(0, 10))
        .await
        .unwrap();
    assert_eq!(codes(unlinked), ["37605030299"]);
    let elsewhere = s
        .list_register_records(Some("Nõmme"), false, Page::new(0, 10))
        .await
        .unwrap();
    assert!(elsewhere.is_empty());
    // Another account cannot take the record; the account cannot take another record.
    s.issue_enrolment_codes(
        &[new_code(rec.id, None, Channel::Letter, 3, 1000)],
        system(22),
    )
    .await
    .unwrap();
    assert_eq!(redeem(other.id, 3, 23).await, LinkOutcome::RecordTaken);
    assert_eq!(s.register_link(other.id).await.unwrap(), None);
    s.issue_enrolment_codes(
        &[new_code(mart.id, Some(mari.id), Channel::Sms, 4, 1000)],
        system(24),
    )
    .await
    .unwrap();
    assert_eq!(
        s.redeem_enrolment_code(
            mari.id,
            mart.id,
            Channel::Sms,
            &[4; 32],
            Change::by(mari.id, t(25))
        )
        .await
        .unwrap(),
        LinkOutcome::AccountLinkedElsewhere
    );
    // An SMS code works for its account only.
    assert_eq!(
        s.redeem_enrolment_code(
            other.id,
            mart.id,
            Channel::Sms,
            &[4; 32],
            Change::by(other.id, t(26))
        )
        .await
        .unwrap(),
        LinkOutcome::NoCode
    );
    // In person: the link is strengthened, with the official and the document.
    let LinkOutcome::Linked(strong) = s
        .link_in_person(mari.id, rec.id, "id_card", Change::by(off.id, t(30)))
        .await
        .unwrap()
    else {
        panic!("not linked in person");
    };
    assert_eq!(strong.proofing, Proofing::InPerson);
    assert_eq!(strong.verified_by, Some(off.id));
    assert_eq!(strong.document_type.as_deref(), Some("id_card"));
    assert_eq!(
        s.account_proofing(mari.id).await.unwrap(),
        Some(Proofing::InPerson)
    );
    // A later letter does not weaken it.
    s.issue_enrolment_codes(
        &[new_code(rec.id, None, Channel::Letter, 5, 1000)],
        system(31),
    )
    .await
    .unwrap();
    assert!(
        matches!(redeem(mari.id, 5, 32).await, LinkOutcome::Linked(l) if l.proofing == Proofing::InPerson)
    );
    assert_eq!(
        s.account_proofing(mari.id).await.unwrap(),
        Some(Proofing::InPerson)
    );
    let err = s
        .link_in_person(mari.id, 424_242, "passport", Change::by(off.id, t(33)))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
    let events = s
        .list_audit(
            &AuditFilter {
                target: Some(civis_domain::audit::user_target(mari.id)),
                ..Default::default()
            },
            Page::new(0, 10),
        )
        .await
        .unwrap();
    let actions: Vec<AuditAction> = events.iter().map(|e| e.action).collect();
    assert_eq!(
        actions,
        [
            AuditAction::EnrolmentLinked,
            AuditAction::EnrolmentVerifiedInPerson,
            AuditAction::EnrolmentLinked,
            AuditAction::UserCreated,
        ]
    );
    assert_eq!(events[1].actor, Some(off.id));
    assert_eq!(
        events[1].after.as_ref().unwrap()["document_type"],
        "id_card"
    );
    assert_eq!(events[1].before.as_ref().unwrap()["proofing"], "letter");
    let issued = s
        .count_audit(&AuditFilter {
            action: Some(AuditAction::EnrolmentCodeIssued),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(issued, 5);
}
