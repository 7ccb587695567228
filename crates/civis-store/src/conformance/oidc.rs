//! The OpenID Connect provider's storage: secrets, signing keys, clients,
//! consents, codes and tokens.

use std::sync::Arc;

use civis_domain::{AuditAction, AuthMethod, AuthMethods, LevelOfAssurance, Role, UserId};
use civis_oidc::client::ClientSettings;
use civis_oidc::{Client, ClientId, ClientKind, Scope, Scopes, SubjectType};

use super::fixtures::{new_user, system, t};
use super::{register, Harness};
use crate::oidc::{
    CodeRedemption, NewOidcToken, OidcCode, OidcSigningKey, OidcTokenKind, RedemptionTokens,
};
use crate::{AuditFilter, Change, Page, StoreError};

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

/// [`code`] with `offline_access` among its scopes.
fn offline_code(b: u8, user: UserId, expires: i64) -> OidcCode {
    let mut c = code(b, "library", user, expires);
    c.scopes = c.scopes.with(Scope::OfflineAccess);
    c
}

/// A redemption matching [`code`]: its redirect URI and PKCE challenge.
fn redemption<'a>(hash: &'a [u8; 32], client: &'a ClientId, now: i64) -> CodeRedemption<'a> {
    CodeRedemption {
        code_hash: hash,
        client_id: client,
        redirect_uri: "https://lib.example/cb",
        code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        now: t(now),
    }
}

/// Tokens `[access; 32]` and `[refresh; 32]` with their expiries.
fn issued(access: u8, access_expires: i64, refresh: u8, refresh_expires: i64) -> RedemptionTokens {
    RedemptionTokens {
        access_hash: [access; 32],
        access_expires_at: t(access_expires),
        refresh_hash: [refresh; 32],
        refresh_expires_at: t(refresh_expires),
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

/// A code is redeemed once, and only by a request that matches it: the
/// redemption stores its tokens with the code's facts; a second one (or one of
/// several at once) keeps nothing.
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

    // Requests that do not match the code change nothing.
    let library = client_id("library");
    let other = client_id("other");
    let tokens = issued(11, 600_000, 12, 900_000);
    let refused = [
        redemption(&[1; 32], &other, 30),
        CodeRedemption {
            redirect_uri: "https://lib.example/other",
            ..redemption(&[1; 32], &library, 30)
        },
        CodeRedemption {
            code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cN",
            ..redemption(&[1; 32], &library, 30)
        },
        redemption(&[1; 32], &library, 60_000),
        redemption(&[9; 32], &library, 30),
    ];
    for r in &refused {
        assert_eq!(s.redeem_oidc_code(r, &tokens).await.unwrap(), None, "{r:?}");
    }
    assert_eq!(s.oidc_code(&[1; 32]).await.unwrap(), Some(c.clone()));
    assert_eq!(s.oidc_token(&[11; 32]).await.unwrap(), None);

    let redeemed = s
        .redeem_oidc_code(&redemption(&[1; 32], &library, 30), &tokens)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        redeemed,
        OidcCode {
            consumed_at: Some(t(30)),
            ..c.clone()
        }
    );
    assert_eq!(s.oidc_code(&[1; 32]).await.unwrap(), Some(redeemed));
    let found = s.oidc_token(&[11; 32]).await.unwrap().unwrap();
    assert_eq!(found.kind, OidcTokenKind::Access);
    assert_eq!(found.grant, [1; 32]);
    assert_eq!(found.client_id, library);
    assert_eq!(found.user_id, ann.id);
    assert_eq!(found.scopes, c.scopes);
    assert_eq!(found.sub, "pairwise-sub");
    assert_eq!(found.auth_time, c.auth_time);
    assert_eq!(found.acr, LevelOfAssurance::Substantial);
    assert_eq!(found.amr, c.amr);
    assert_eq!(found.issued_at, t(30));
    assert_eq!(found.revoked_at, None);
    assert!(found.is_active(t(31)));
    assert!(!found.is_active(t(600_000)));
    assert_eq!(
        s.oidc_token(&[12; 32]).await.unwrap(),
        None,
        "no refresh token without offline_access"
    );
    let holder = s.oidc_token_holder(&[11; 32]).await.unwrap().unwrap();
    assert_eq!(holder.token, found);
    assert_eq!(holder.user, ann);
    assert_eq!(holder.register_record, None);
    assert_eq!(s.oidc_token_holder(&[12; 32]).await.unwrap(), None);

    // Once the account is linked, the holder names its register record.
    let off = s
        .create_user(&new_user("official", Role::Official), system(0))
        .await
        .unwrap();
    s.import_register(
        &register::import("2026-01-01", &[register::MART]),
        system(1),
    )
    .await
    .unwrap()
    .unwrap();
    let record = s
        .list_register_records(None, false, Page::first(10))
        .await
        .unwrap()[0]
        .id;
    s.link_in_person(ann.id, record, "id_card", Change::by(off.id, t(35)))
        .await
        .unwrap();
    let linked = s.oidc_token_holder(&[11; 32]).await.unwrap().unwrap();
    assert_eq!(linked.register_record, Some(record));

    let again = issued(13, 600_000, 14, 900_000);
    let second_use = s
        .redeem_oidc_code(&redemption(&[1; 32], &library, 40), &again)
        .await
        .unwrap();
    assert_eq!(second_use, None);
    assert_eq!(s.oidc_token(&[13; 32]).await.unwrap(), None);

    // With offline_access, the refresh token is stored too.
    s.create_oidc_code(&offline_code(3, ann.id, 60_000))
        .await
        .unwrap();
    s.redeem_oidc_code(
        &redemption(&[3; 32], &library, 30),
        &issued(31, 600_000, 32, 900_000),
    )
    .await
    .unwrap()
    .unwrap();
    let refresh = s.oidc_token(&[32; 32]).await.unwrap().unwrap();
    assert_eq!(refresh.kind, OidcTokenKind::Refresh);
    assert_eq!(refresh.grant, [3; 32]);
    assert_eq!(refresh.expires_at, t(900_000));
    assert!(s.oidc_token(&[31; 32]).await.unwrap().is_some());

    // Concurrent redemptions through two servers: exactly one wins, and no
    // loser keeps an active token.
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
            tokio::spawn(async move {
                let library = client_id("library");
                let tokens = issued(100 + i, 600_000, 200 + i, 900_000);
                store
                    .redeem_oidc_code(&redemption(&[2; 32], &library, 50), &tokens)
                    .await
                    .map(|won| won.is_some())
            })
        })
        .collect();
    let mut winners = Vec::new();
    for (i, task) in tasks.into_iter().enumerate() {
        if task.await.unwrap().unwrap() {
            winners.push(i as u8);
        }
    }
    second.close().await;
    assert_eq!(winners.len(), 1, "{winners:?}");
    for i in (0..6u8).filter(|i| !winners.contains(i)) {
        if let Some(lost) = s.oidc_token(&[100 + i; 32]).await.unwrap() {
            assert!(!lost.is_active(t(60)), "a loser's token {i} is active");
        }
    }
}

/// Revoking a grant revokes all its tokens; a disabled account's tokens are inactive.
pub async fn grants_revoke_and_accounts_disable<H: Harness>(h: Arc<H>) {
    let s = h.store();
    let ann = s
        .create_user(&new_user("ann", Role::Resident), system(0))
        .await
        .unwrap();
    s.create_oidc_code(&offline_code(1, ann.id, 60_000))
        .await
        .unwrap();
    let library = client_id("library");
    let tokens = issued(11, 600_000, 12, 900_000);
    assert!(s
        .redeem_oidc_code(&redemption(&[1; 32], &library, 30), &tokens)
        .await
        .unwrap()
        .is_some());
    assert_eq!(s.revoke_oidc_grant(&[1; 32], t(40)).await.unwrap(), 2);
    assert_eq!(s.revoke_oidc_grant(&[1; 32], t(41)).await.unwrap(), 0);
    let access = s.oidc_token(&[11; 32]).await.unwrap().unwrap();
    assert_eq!(access.revoked_at, Some(t(40)));
    assert!(!access.is_active(t(41)));

    s.create_oidc_code(&code(2, "library", ann.id, 60_000))
        .await
        .unwrap();
    let fresh = issued(21, 600_000, 22, 900_000);
    assert!(s
        .redeem_oidc_code(&redemption(&[2; 32], &library, 50), &fresh)
        .await
        .unwrap()
        .is_some());
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
    s.create_oidc_code(&offline_code(1, ann.id, 60_000))
        .await
        .unwrap();
    let library = client_id("library");
    assert!(s
        .redeem_oidc_code(
            &redemption(&[1; 32], &library, 30),
            &issued(11, 600_000, 12, 900_000)
        )
        .await
        .unwrap()
        .is_some());
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
    s.create_oidc_code(&offline_code(1, ann.id, 1_000))
        .await
        .unwrap();
    let library = client_id("library");
    assert!(s
        .redeem_oidc_code(
            &redemption(&[1; 32], &library, 500),
            &issued(11, 2_000, 12, 90_000_000)
        )
        .await
        .unwrap()
        .is_some());
    assert_eq!(s.purge_oidc(t(1_999)).await.unwrap(), 0);
    assert_eq!(s.purge_oidc(t(2_000)).await.unwrap(), 1);
    assert!(s.oidc_code(&[1; 32]).await.unwrap().is_some());
    assert_eq!(s.purge_oidc(t(1_000 + 86_400_000)).await.unwrap(), 1);
    assert_eq!(s.oidc_code(&[1; 32]).await.unwrap(), None);
    assert!(s.oidc_token(&[12; 32]).await.unwrap().is_some());
}
