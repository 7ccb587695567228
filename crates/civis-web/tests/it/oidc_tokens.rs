//! Refresh, revocation (RFC 7009) and introspection (RFC 7662), discovery and
//! JWKS details.

use civis_domain::{AuditAction, LevelOfAssurance, Role};
use civis_identity::import::parse_file;
use civis_identity::Isikukood;
use civis_oidc::{ClientKind, Scope, SubjectType};
use civis_store::register::NewRegisterImport;
use civis_store::{AuditFilter, Change, Page};

use crate::harness::databases;
use crate::oidc_support::*;

async fn post(p: &Provider, path: &str, client: &str, form: &[(&str, &str)]) -> reqwest::Response {
    reqwest::Client::new()
        .post(p.app.url(path))
        .basic_auth(client, Some(SECRET))
        .form(form)
        .send()
        .await
        .unwrap()
}

async fn tokens(p: &Provider, browser: &reqwest::Client, scope: &str) -> serde_json::Value {
    let code = code_for(p, browser, &authorize_query("library", &[("scope", scope)])).await;
    let res = redeem(p, "library", &code, VERIFIER).await;
    assert_eq!(res.status(), 200);
    res.json().await.unwrap()
}

#[tokio::test]
async fn refresh_rotates_and_a_replayed_refresh_token_revokes_the_grant() {
    for db in databases().await {
        let p = Provider::start(&db).await;
        p.library().await;
        p.consent("library", &[Scope::OfflineAccess]).await;
        let (browser, _) = p.browser().await;
        let first = tokens(&p, &browser, "openid offline_access").await;
        let r1 = first["refresh_token"].as_str().unwrap();
        let res = post(
            &p,
            "/oidc/token",
            "library",
            &[("grant_type", "refresh_token"), ("refresh_token", r1)],
        )
        .await;
        assert_eq!(res.status(), 200);
        let second: serde_json::Value = res.json().await.unwrap();
        let r2 = second["refresh_token"].as_str().unwrap();
        assert_ne!(r1, r2);
        assert!(second["id_token"].is_string());
        let a2 = second["access_token"].as_str().unwrap();
        assert_eq!(userinfo(&p, a2).await.status(), 200);

        // Narrowing is allowed, widening is not.
        let res = post(
            &p,
            "/oidc/token",
            "library",
            &[
                ("grant_type", "refresh_token"),
                ("refresh_token", r2),
                ("scope", "openid profile"),
            ],
        )
        .await;
        assert_eq!(oauth_error(res, 400).await, "invalid_scope");

        // The old refresh token again: refused, and the whole grant is revoked.
        let res = post(
            &p,
            "/oidc/token",
            "library",
            &[("grant_type", "refresh_token"), ("refresh_token", r1)],
        )
        .await;
        assert_eq!(oauth_error(res, 400).await, "invalid_grant");
        assert_eq!(userinfo(&p, a2).await.status(), 401);
        let res = post(
            &p,
            "/oidc/token",
            "library",
            &[("grant_type", "refresh_token"), ("refresh_token", r2)],
        )
        .await;
        assert_eq!(oauth_error(res, 400).await, "invalid_grant");
        p.app.stop().await;
    }
}

#[tokio::test]
async fn revocation_and_introspection() {
    for db in databases().await {
        let p = Provider::start(&db).await;
        p.library().await;
        p.register(
            "archive",
            ClientKind::Confidential,
            &[],
            LevelOfAssurance::Low,
            SubjectType::Pairwise,
        )
        .await;
        p.consent("library", &[Scope::OfflineAccess]).await;
        let (browser, _) = p.browser().await;
        let t = tokens(&p, &browser, "openid offline_access").await;
        let access = t["access_token"].as_str().unwrap();
        let refresh = t["refresh_token"].as_str().unwrap();

        let res = post(&p, "/oidc/introspect", "library", &[("token", access)]).await;
        assert_eq!(res.status(), 200);
        let info: serde_json::Value = res.json().await.unwrap();
        assert_eq!(info["active"], true);
        assert_eq!(info["client_id"], "library");
        assert_eq!(info["token_type"], "access_token");
        assert_eq!(info["scope"], "openid offline_access");
        assert_eq!(info["acr"], LevelOfAssurance::Low.acr());
        // Another client learns nothing about it, and cannot revoke it.
        let res = post(&p, "/oidc/introspect", "archive", &[("token", access)]).await;
        let info: serde_json::Value = res.json().await.unwrap();
        assert_eq!(info, serde_json::json!({"active": false}));
        let res = post(&p, "/oidc/revoke", "archive", &[("token", access)]).await;
        assert_eq!(res.status(), 200);
        assert_eq!(userinfo(&p, access).await.status(), 200);
        // Unknown token hints are refused; unknown tokens are fine.
        let res = post(
            &p,
            "/oidc/revoke",
            "library",
            &[("token", access), ("token_type_hint", "id_token")],
        )
        .await;
        assert_eq!(oauth_error(res, 400).await, "unsupported_token_type");
        let res = post(&p, "/oidc/revoke", "library", &[("token", "nothing")]).await;
        assert_eq!(res.status(), 200);
        let res = post(&p, "/oidc/revoke", "library", &[]).await;
        assert_eq!(oauth_error(res, 400).await, "invalid_request");
        let res = reqwest::Client::new()
            .post(p.app.url("/oidc/revoke"))
            .basic_auth("library", Some("wrong"))
            .form(&[("token", access)])
            .send()
            .await
            .unwrap();
        assert_eq!(oauth_error(res, 401).await, "invalid_client");

        // Revoking the access token ends it, not the refresh token.
        let res = post(
            &p,
            "/oidc/revoke",
            "library",
            &[("token", access), ("token_type_hint", "access_token")],
        )
        .await;
        assert_eq!(res.status(), 200);
        assert_eq!(
            oauth_error(userinfo(&p, access).await, 401).await,
            "invalid_token"
        );
        let res = post(&p, "/oidc/introspect", "library", &[("token", access)]).await;
        let info: serde_json::Value = res.json().await.unwrap();
        assert_eq!(info["active"], false);
        let res = post(&p, "/oidc/introspect", "library", &[("token", refresh)]).await;
        let info: serde_json::Value = res.json().await.unwrap();
        assert_eq!(info["active"], true);
        // Revoking the refresh token ends the grant.
        let res = post(&p, "/oidc/revoke", "library", &[("token", refresh)]).await;
        assert_eq!(res.status(), 200);
        let res = post(
            &p,
            "/oidc/token",
            "library",
            &[("grant_type", "refresh_token"), ("refresh_token", refresh)],
        )
        .await;
        assert_eq!(oauth_error(res, 400).await, "invalid_grant");

        // An access token expires.
        let t = tokens(&p, &browser, "openid").await;
        let access = t["access_token"].as_str().unwrap();
        p.app.clock.advance_seconds(601);
        assert_eq!(
            oauth_error(userinfo(&p, access).await, 401).await,
            "invalid_token"
        );
        p.app.stop().await;
    }
}

#[tokio::test]
async fn discovery_and_key_rotation() {
    for db in databases().await {
        let p = Provider::start(&db).await;
        let meta: serde_json::Value = reqwest::get(p.app.url("/.well-known/openid-configuration"))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(meta["issuer"], p.app.url(""));
        assert_eq!(
            meta["response_types_supported"],
            serde_json::json!(["code"])
        );
        assert_eq!(
            meta["code_challenge_methods_supported"],
            serde_json::json!(["S256"])
        );
        assert_eq!(
            meta["subject_types_supported"],
            serde_json::json!(["pairwise", "public"])
        );
        assert!(meta["id_token_signing_alg_values_supported"]
            .as_array()
            .unwrap()
            .contains(&"RS256".into()));
        assert_eq!(
            meta["acr_values_supported"][1],
            "http://eidas.europa.eu/LoA/substantial"
        );

        let kids = |p: &Provider| {
            let url = p.app.url("/oidc/jwks");
            async move {
                let set: serde_json::Value = reqwest::get(url).await.unwrap().json().await.unwrap();
                set["keys"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|k| {
                        let kty = if k["alg"] == "ES256" { "EC" } else { "RSA" };
                        assert_eq!(k["kty"], kty);
                        assert!(k.get("d").is_none(), "never the private key");
                        k["kid"].as_str().unwrap().to_owned()
                    })
                    .collect::<Vec<_>>()
            }
        };
        let first = kids(&p).await;
        assert!(!first.is_empty());
        assert_eq!(kids(&p).await, first, "stable between calls");
        // 30 days later a new key signs; the old one stays until its last
        // token (10 minutes) has expired.
        p.app.clock.advance_seconds(31 * 86_400);
        let later = kids(&p).await;
        assert!(later.iter().any(|k| !first.contains(k)), "a new key");
        p.app.clock.advance_seconds(40 * 86_400);
        let much_later = kids(&p).await;
        assert!(
            first.iter().all(|k| !much_later.contains(k)),
            "retired keys leave the JWKS"
        );
        p.app.stop().await;
    }
}

/// The register file of the claims test: Ann's record, and her move that the
/// register knows of but that takes effect later.
fn register_import(effective: civis_identity::Date, address: &str) -> NewRegisterImport {
    let text = format!(
        "personal_code,given_name,family_name,birth_date,address,district,status\n\
         49403136515,Ann,Kask,1994-03-13,\"{address}\",Kesklinn,active\n"
    );
    NewRegisterImport {
        effective_date: effective,
        file_sha256: format!("{:064}", text.len()),
        rows: parse_file(&text, &Isikukood).unwrap(),
    }
}

async fn claims_released(p: &Provider) -> Vec<serde_json::Value> {
    let filter = AuditFilter {
        action: Some(AuditAction::OidcClaimsReleased),
        ..Default::default()
    };
    let events = p
        .app
        .store
        .list_audit(&filter, Page::first(50))
        .await
        .unwrap();
    for e in &events {
        assert_eq!(e.target.as_deref(), Some(&*format!("user:{}", p.ann.id.0)));
        assert_eq!(e.actor, None);
    }
    events.into_iter().map(|e| e.after.unwrap()).collect()
}

#[tokio::test]
async fn userinfo_releases_register_claims_of_a_linked_resident_and_records_each_release() {
    for db in databases().await {
        let p = Provider::start(&db).await;
        p.register(
            "library",
            ClientKind::Confidential,
            &[Scope::Profile, Scope::Address],
            LevelOfAssurance::Low,
            SubjectType::Pairwise,
        )
        .await;
        p.consent("library", &[Scope::Profile, Scope::Address])
            .await;
        let (browser, _) = p.browser().await;
        let today = civis_identity::Date::of(p.now());
        let later = civis_identity::Date::of(p.now().plus_seconds(3 * 86_400));
        for (day, address) in [
            (today, "Pikk 1-4, 10123 Tallinn"),
            (later, "Uus 5, 11415 Tallinn"),
        ] {
            p.app
                .store
                .import_register(&register_import(day, address), Change::system(p.now()))
                .await
                .unwrap()
                .unwrap();
        }

        // Not linked yet: the account's own claims only, and nothing recorded.
        let all = tokens(&p, &browser, "openid profile address").await;
        let access = all["access_token"].as_str().unwrap();
        let claims: serde_json::Value = userinfo(&p, access).await.json().await.unwrap();
        assert_eq!(claims["preferred_username"], "ann");
        assert!(claims.get("given_name").is_none(), "{claims}");
        assert!(claims.get("address").is_none(), "{claims}");
        assert!(claims_released(&p).await.is_empty());
        let identity = |browser: &reqwest::Client| {
            let req = browser.get(p.app.url("/identity"));
            async move { req.send().await.unwrap().text().await.unwrap() }
        };
        let page = identity(&browser).await;
        assert!(
            page.contains("No service has been given your register details."),
            "{page}"
        );

        // Linked in person: the record's version valid today is released.
        let official = p.app.create_user("official", Role::Official).await;
        let record = p
            .app
            .store
            .list_register_records(None, false, Page::first(5))
            .await
            .unwrap()[0]
            .id;
        p.app
            .store
            .link_in_person(
                p.ann.id,
                record,
                "id_card",
                Change::by(official.id, p.now()),
            )
            .await
            .unwrap();
        let claims: serde_json::Value = userinfo(&p, access).await.json().await.unwrap();
        assert_eq!(claims["given_name"], "Ann");
        assert_eq!(claims["family_name"], "Kask");
        assert_eq!(claims["birthdate"], "1994-03-13");
        assert_eq!(claims["address"]["formatted"], "Pikk 1-4\n10123 Tallinn");
        let released = claims_released(&p).await;
        assert_eq!(released.len(), 1);
        assert_eq!(released[0]["client"], "library");
        assert_eq!(released[0]["register_record"], record);
        assert_eq!(
            released[0]["claims"],
            serde_json::json!(["given_name", "family_name", "birthdate", "address"])
        );

        // The resident sees it on their identity page.
        let page = identity(&browser).await;
        assert!(
            page.contains("<td>Service library</td>\n<td>name and date of birth, address</td>"),
            "{page}"
        );

        // Each scope releases its own claims; `openid` alone reads nothing.
        let profile = tokens(&p, &browser, "openid profile").await;
        let claims: serde_json::Value = userinfo(&p, profile["access_token"].as_str().unwrap())
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(claims["given_name"], "Ann");
        assert!(claims.get("address").is_none(), "{claims}");
        let released = claims_released(&p).await;
        assert_eq!(released.len(), 2);
        assert_eq!(
            released[0]["claims"],
            serde_json::json!(["given_name", "family_name", "birthdate"])
        );
        let openid = tokens(&p, &browser, "openid").await;
        let claims: serde_json::Value = userinfo(&p, openid["access_token"].as_str().unwrap())
            .await
            .json()
            .await
            .unwrap();
        assert!(claims.get("given_name").is_none(), "{claims}");
        assert_eq!(claims_released(&p).await.len(), 2);
    }
}
