//! The OpenID Connect provider's storage: secrets, signing keys, clients,
//! consents, codes and tokens.

use std::sync::Arc;

use civis_domain::{AuditAction, AuthMethod, AuthMethods, LevelOfAssurance, Role, UserId};
use civis_oidc::client::ClientSettings;
use civis_oidc::{Client, ClientId, ClientKind, Scope, Scopes, SubjectType};

use super::fixtures::{new_user, system, t};
use super::Harness;
use crate::oidc::{NewOidcToken, OidcCode, OidcSigningKey, OidcTokenKind};
use crate::{AuditFilter, Change, StoreError};

fn client_id(id: &str) -> ClientId {
    ClientId::parse(id).unwrap()
}

fn settings() -> ClientSettings {
    ClientSettings {
        name: "Library".into(),
        redirect_uris: vec![
            "https://lib.example/cb".into(),
            "http://127.0.0.1:9000/cb".into(),
        ],
        allowed_scopes: Scopes::one(Scope::OpenId).with(Scope::Profile),
        min_level: LevelOfAssurance::Substantial,
        subject_type: SubjectType::Pairwise,
        kind: ClientKind::Confidential,
        sector_identifier: None,
        id_token_alg: civis_oidc::jws::Alg::Rs256,
    }
}

fn client(id: &str) -> Client {
    Client {
        id: client_id(id),
        settings: settings(),
        secret_hash: Some([7; 32]),
        created_at: t(0),
        updated_at: t(0),
    }
}

fn code(b: u8, client: &str, user: UserId, expires: i64) -> OidcCode {
    OidcCode {
        code_hash: [b; 32],
        client_id: client_id(client),
        user_id: user,
        redirect_uri: "https://lib.example/cb".into(),
        code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM".into(),
        nonce: Some("n-1".into()),
        scopes: Scopes::one(Scope::OpenId).with(Scope::Profile),
        sub: "pairwise-sub".into(),
        auth_time: t(5),
        acr: LevelOfAssurance::Substantial,
        amr: AuthMethods::one(AuthMethod::Password).with(AuthMethod::Totp),
        created_at: t(10),
        expires_at: t(expires),
        consumed_at: None,
    }
}

fn token(b: u8, kind: OidcTokenKind, grant: u8, user: UserId, expires: i64) -> NewOidcToken {
    NewOidcToken {
        token_hash: [b; 32],
        kind,
        grant: [grant; 32],
        client_id: client_id("library"),
        user_id: user,
        scopes: Scopes::one(Scope::OpenId),
        sub: "pairwise-sub".into(),
        auth_time: t(5),
        acr: LevelOfAssurance::Substantial,
        amr: AuthMethods::one(AuthMethod::Password).with(AuthMethod::Totp),
        issued_at: t(20),
        expires_at: t(expires),
    }
}

fn key(kid: &str, slot: i64) -> OidcSigningKey {
    OidcSigningKey {
        kid: kid.into(),
        slot,
        alg: "RS256".into(),
        private_pem: format!("pem-{kid}"),
        public_jwk: format!("{{\"kid\":\"{kid}\"}}"),
        created_at: t(slot),
    }
}

/// A server-wide secret is stored once; later candidates get the first one.
pub async fn secrets_are_created_once<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let first = s.oidc_secret("pairwise", b"one", t(0)).await.unwrap();
    assert_eq!(first, b"one");
    let again = s.oidc_secret("pairwise", b"two", t(1)).await.unwrap();
    assert_eq!(again, b"one");
    let second = h.second_store().await;
    assert_eq!(
        second
            .oidc_secret("pairwise", b"three", t(2))
            .await
            .unwrap(),
        b"one"
    );
    second.close().await;
    assert_eq!(s.oidc_secret("other", b"x", t(0)).await.unwrap(), b"x");
}

/// One signing key per slot and algorithm, whoever stores it first.
pub async fn signing_keys_one_per_slot<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let stored = s.add_oidc_signing_key(&key("k1", 1)).await.unwrap();
    assert_eq!(stored.kid, "k1");
    assert_eq!(stored.private_pem, "pem-k1");
    let raced = s.add_oidc_signing_key(&key("k1-late", 1)).await.unwrap();
    assert_eq!(raced.kid, "k1", "the first key of a slot stays");
    s.add_oidc_signing_key(&key("k2", 2)).await.unwrap();
    s.add_oidc_signing_key(&key("k0", 0)).await.unwrap();
    let kids: Vec<_> = s
        .oidc_signing_keys(1)
        .await
        .unwrap()
        .into_iter()
        .map(|k| k.kid)
        .collect();
    assert_eq!(kids, vec!["k1", "k2"]);
    assert!(
        !format!("{stored:?}").contains("pem-k1"),
        "Debug hides the key"
    );
}

/// Clients round-trip; registration, changes and secret resets are audited,
/// a change that changes nothing is not.
pub async fn clients_round_trip_and_audit<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let admin = s
        .create_user(&new_user("admin", Role::Admin), system(0))
        .await
        .unwrap();
    let by = Change::by(admin.id, t(1));
    let created = s.create_oidc_client(&client("library"), by).await.unwrap();
    assert_eq!(created.settings, settings());
    assert_eq!(created.secret_hash, Some([7; 32]));
    assert_eq!(created.created_at, t(1));
    let err = s
        .create_oidc_client(&client("library"), by)
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Conflict { field: "client_id" }),
        "{err:?}"
    );
    assert_eq!(s.oidc_client(&client_id("library")).await.unwrap(), created);
    assert!(matches!(
        s.oidc_client(&client_id("nobody")).await,
        Err(StoreError::NotFound)
    ));

    let same = s
        .update_oidc_client(
            &client_id("library"),
            &settings(),
            Change::by(admin.id, t(2)),
        )
        .await
        .unwrap();
    assert_eq!(same.updated_at, t(1), "no change, no write");
    let changed_settings = ClientSettings {
        subject_type: SubjectType::Public,
        sector_identifier: Some("lib.example".into()),
        id_token_alg: civis_oidc::jws::Alg::Es256,
        ..settings()
    };
    let changed = s
        .update_oidc_client(
            &client_id("library"),
            &changed_settings,
            Change::by(admin.id, t(3)),
        )
        .await
        .unwrap();
    assert_eq!(changed.settings, changed_settings);
    assert_eq!(changed.updated_at, t(3));
    s.set_oidc_client_secret(&client_id("library"), None, Change::by(admin.id, t(4)))
        .await
        .unwrap();
    assert_eq!(
        s.oidc_client(&client_id("library"))
            .await
            .unwrap()
            .secret_hash,
        None
    );
    assert!(matches!(
        s.set_oidc_client_secret(&client_id("nobody"), None, Change::by(admin.id, t(4)))
            .await,
        Err(StoreError::NotFound)
    ));
    s.create_oidc_client(&client("archive"), by).await.unwrap();
    let ids: Vec<_> = s
        .list_oidc_clients()
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.id.to_string())
        .collect();
    assert_eq!(ids, vec!["archive", "library"]);

    let count = |action| {
        let s = s.clone();
        async move {
            s.count_audit(&AuditFilter {
                action: Some(action),
                ..AuditFilter::default()
            })
            .await
            .unwrap()
        }
    };
    assert_eq!(count(AuditAction::OidcClientRegistered).await, 2);
    assert_eq!(count(AuditAction::OidcClientChanged).await, 1);
    assert_eq!(count(AuditAction::OidcClientSecretReset).await, 1);
}

/// Consent only grows; each addition is audited; unknown clients are refused.
pub async fn consent_grows_and_is_audited<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let ann = s
        .create_user(&new_user("ann", Role::Resident), system(0))
        .await
        .unwrap();
    s.create_oidc_client(&client("library"), system(0))
        .await
        .unwrap();
    let lib = client_id("library");
    assert_eq!(s.oidc_consent(ann.id, &lib).await.unwrap(), Scopes::NONE);
    let openid = Scopes::one(Scope::OpenId);
    let after = s
        .grant_oidc_consent(ann.id, &lib, openid, Change::by(ann.id, t(1)))
        .await
        .unwrap();
    assert_eq!(after, openid);
    let after = s
        .grant_oidc_consent(
            ann.id,
            &lib,
            Scopes::one(Scope::Profile),
            Change::by(ann.id, t(2)),
        )
        .await
        .unwrap();
    assert_eq!(after, openid.with(Scope::Profile));
    s.grant_oidc_consent(ann.id, &lib, openid, Change::by(ann.id, t(3)))
        .await
        .unwrap();
    assert_eq!(
        s.oidc_consent(ann.id, &lib).await.unwrap(),
        openid.with(Scope::Profile)
    );
    let events = s
        .count_audit(&AuditFilter {
            action: Some(AuditAction::OidcConsentGranted),
            ..AuditFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(events, 2, "a consent that adds nothing records nothing");
    let err = s
        .grant_oidc_consent(
            ann.id,
            &client_id("nobody"),
            openid,
            Change::by(ann.id, t(4)),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
}

/// A code is redeemed once: the redemption stores its tokens; a second one
/// (or one of several at once) stores nothing.
pub async fn codes_redeem_once<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let ann = s
        .create_user(&new_user("ann", Role::Resident), system(0))
        .await
        .unwrap();
    let c = code(1, "library", ann.id, 60_000);
    s.create_oidc_code(&c).await.unwrap();
    assert!(matches!(
        s.create_oidc_code(&c).await,
        Err(StoreError::Conflict { field: "code_hash" })
    ));
    assert_eq!(s.oidc_code(&[1; 32]).await.unwrap(), Some(c.clone()));
    assert_eq!(s.oidc_code(&[9; 32]).await.unwrap(), None);

    let access = token(11, OidcTokenKind::Access, 1, ann.id, 600_000);
    assert!(s
        .redeem_oidc_code(&[1; 32], t(30), std::slice::from_ref(&access))
        .await
        .unwrap());
    let stored = s.oidc_code(&[1; 32]).await.unwrap().unwrap();
    assert_eq!(stored.consumed_at, Some(t(30)));
    let found = s.oidc_token(&[11; 32]).await.unwrap().unwrap();
    assert_eq!(found.kind, OidcTokenKind::Access);
    assert_eq!(found.grant, [1; 32]);
    assert_eq!(found.sub, "pairwise-sub");
    assert_eq!(found.acr, LevelOfAssurance::Substantial);
    assert!(found.is_active(t(31)));
    assert!(!found.is_active(t(600_000)));
    let (held, holder) = s.oidc_token_holder(&[11; 32]).await.unwrap().unwrap();
    assert_eq!(held, found);
    assert_eq!(holder, ann);
    assert_eq!(s.oidc_token_holder(&[12; 32]).await.unwrap(), None);

    let again = token(12, OidcTokenKind::Access, 1, ann.id, 600_000);
    assert!(!s.redeem_oidc_code(&[1; 32], t(40), &[again]).await.unwrap());
    assert_eq!(s.oidc_token(&[12; 32]).await.unwrap(), None);
    assert!(!s.redeem_oidc_code(&[9; 32], t(40), &[]).await.unwrap());

    // Concurrent redemptions through two servers: exactly one wins.
    s.create_oidc_code(&code(2, "library", ann.id, 60_000))
        .await
        .unwrap();
    let second = h.second_store().await;
    let tasks: Vec<_> = (0..6u8)
        .map(|i| {
            let store = if i % 2 == 0 {
                s.clone()
            } else {
                second.clone()
            };
            let tok = token(100 + i, OidcTokenKind::Access, 2, ann.id, 600_000);
            tokio::spawn(async move { store.redeem_oidc_code(&[2; 32], t(50), &[tok]).await })
        })
        .collect();
    let mut won = 0;
    for task in tasks {
        if task.await.unwrap().unwrap() {
            won += 1;
        }
    }
    second.close().await;
    assert_eq!(won, 1);
}

/// Revoking a grant revokes all its tokens; a disabled account's tokens are inactive.
pub async fn grants_revoke_and_accounts_disable<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let ann = s
        .create_user(&new_user("ann", Role::Resident), system(0))
        .await
        .unwrap();
    s.create_oidc_code(&code(1, "library", ann.id, 60_000))
        .await
        .unwrap();
    let tokens = [
        token(11, OidcTokenKind::Access, 1, ann.id, 600_000),
        token(12, OidcTokenKind::Refresh, 1, ann.id, 900_000),
    ];
    assert!(s.redeem_oidc_code(&[1; 32], t(30), &tokens).await.unwrap());
    assert_eq!(s.revoke_oidc_grant(&[1; 32], t(40)).await.unwrap(), 2);
    assert_eq!(s.revoke_oidc_grant(&[1; 32], t(41)).await.unwrap(), 0);
    let access = s.oidc_token(&[11; 32]).await.unwrap().unwrap();
    assert_eq!(access.revoked_at, Some(t(40)));
    assert!(!access.is_active(t(41)));

    s.create_oidc_code(&code(2, "library", ann.id, 60_000))
        .await
        .unwrap();
    let fresh = token(21, OidcTokenKind::Access, 2, ann.id, 600_000);
    assert!(s.redeem_oidc_code(&[2; 32], t(50), &[fresh]).await.unwrap());
    assert!(s
        .oidc_token(&[21; 32])
        .await
        .unwrap()
        .unwrap()
        .is_active(t(60)));
    s.disable_user(ann.id, system(70)).await.unwrap();
    let disabled = s.oidc_token(&[21; 32]).await.unwrap().unwrap();
    assert!(!disabled.user_active);
    assert!(!disabled.is_active(t(80)));
}

/// A refresh token rotates once; revocation works only for the token's own client.
pub async fn refresh_rotation_and_revocation<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let ann = s
        .create_user(&new_user("ann", Role::Resident), system(0))
        .await
        .unwrap();
    s.create_oidc_code(&code(1, "library", ann.id, 60_000))
        .await
        .unwrap();
    let refresh = token(12, OidcTokenKind::Refresh, 1, ann.id, 900_000);
    assert!(s
        .redeem_oidc_code(&[1; 32], t(30), &[refresh])
        .await
        .unwrap());
    let next = [
        token(21, OidcTokenKind::Access, 1, ann.id, 600_000),
        token(22, OidcTokenKind::Refresh, 1, ann.id, 900_000),
    ];
    assert!(s
        .rotate_oidc_refresh_token(&[12; 32], t(40), &next)
        .await
        .unwrap());
    assert!(!s
        .rotate_oidc_refresh_token(
            &[12; 32],
            t(41),
            &[token(31, OidcTokenKind::Access, 1, ann.id, 1)]
        )
        .await
        .unwrap());
    assert_eq!(s.oidc_token(&[31; 32]).await.unwrap(), None);
    assert!(s
        .oidc_token(&[22; 32])
        .await
        .unwrap()
        .unwrap()
        .is_active(t(50)));

    assert!(!s
        .revoke_oidc_token(&[21; 32], &client_id("other"), t(60))
        .await
        .unwrap());
    assert!(s
        .revoke_oidc_token(&[21; 32], &client_id("library"), t(60))
        .await
        .unwrap());
    assert!(!s
        .revoke_oidc_token(&[21; 32], &client_id("library"), t(61))
        .await
        .unwrap());
    assert!(!s
        .oidc_token(&[21; 32])
        .await
        .unwrap()
        .unwrap()
        .is_active(t(62)));
}

/// Purging deletes expired tokens, and codes a day after their expiry.
pub async fn purge_removes_expired<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let ann = s
        .create_user(&new_user("ann", Role::Resident), system(0))
        .await
        .unwrap();
    s.create_oidc_code(&code(1, "library", ann.id, 1_000))
        .await
        .unwrap();
    let tokens = [
        token(11, OidcTokenKind::Access, 1, ann.id, 2_000),
        token(12, OidcTokenKind::Refresh, 1, ann.id, 90_000_000),
    ];
    assert!(s.redeem_oidc_code(&[1; 32], t(500), &tokens).await.unwrap());
    assert_eq!(s.purge_oidc(t(1_999)).await.unwrap(), 0);
    assert_eq!(s.purge_oidc(t(2_000)).await.unwrap(), 1);
    assert!(s.oidc_code(&[1; 32]).await.unwrap().is_some());
    assert_eq!(s.purge_oidc(t(1_000 + 86_400_000)).await.unwrap(), 1);
    assert_eq!(s.oidc_code(&[1; 32]).await.unwrap(), None);
    assert!(s.oidc_token(&[12; 32]).await.unwrap().is_some());
}
