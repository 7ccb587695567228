//! Bad input and attacks on the provider, each refused with the error the
//! standards name: code reuse (revoking what the code gave), a wrong redirect
//! URI (an error page, never a redirect), a bad PKCE verifier, an expired
//! code, tampered tokens, client authentication failures, unsupported
//! response and grant types, scopes, missing PKCE.

use civis_domain::LevelOfAssurance;
use civis_oidc::{ClientKind, Scope, SubjectType};

use crate::harness::databases;
use crate::oidc_support::*;

#[tokio::test]
async fn a_reused_code_is_refused_and_revokes_its_tokens() {
    for db in databases().await {
        let p = Provider::start(&db).await;
        p.library().await;
        p.consent("library", &[]).await;
        let (browser, _) = p.browser().await;
        let code = code_for(&p, &browser, &authorize_query("library", &[])).await;
        let res = redeem(&p, "library", &code, VERIFIER).await;
        assert_eq!(res.status(), 200);
        let body: serde_json::Value = res.json().await.unwrap();
        let access = body["access_token"].as_str().unwrap().to_owned();
        assert_eq!(userinfo(&p, &access).await.status(), 200);

        let again = redeem(&p, "library", &code, VERIFIER).await;
        assert_eq!(oauth_error(again, 400).await, "invalid_grant");
        let res = userinfo(&p, &access).await;
        assert_eq!(
            res.status(),
            401,
            "the token from the reused code is revoked"
        );
        assert!(res
            .headers()
            .get("www-authenticate")
            .unwrap()
            .to_str()
            .unwrap()
            .contains("error=\"invalid_token\""));
        p.app.stop().await;
    }
}

#[tokio::test]
async fn a_wrong_redirect_uri_gets_an_error_page_never_a_redirect() {
    for db in databases().await {
        let p = Provider::start(&db).await;
        p.library().await;
        let (browser, _) = p.browser().await;
        for query in [
            authorize_query("library", &[("redirect_uri", "http://127.0.0.1:9/evil")]),
            authorize_query(
                "library",
                &[("redirect_uri", "https://attacker.example/cb")],
            ),
            authorize_query("library", &[("redirect_uri", "")]),
            authorize_query("nobody", &[]),
            authorize_query("library", &[("client_id", "")]),
            format!(
                "{}&redirect_uri=https%3A%2F%2Fattacker.example%2Fcb",
                authorize_query("library", &[])
            ),
        ] {
            let res = authorize(&p, &browser, &query).await;
            assert_eq!(res.status(), 400, "{query}");
            assert!(res.headers().get("location").is_none());
            let page = res.text().await.unwrap();
            assert!(
                page.contains("This sign-in request cannot be used"),
                "{page}"
            );
            assert!(!page.contains("href=\"https://attacker.example"));
        }
        p.app.stop().await;
    }
}

#[tokio::test]
async fn pkce_code_and_client_checks_at_the_token_endpoint() {
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
        p.consent("library", &[]).await;
        let (browser, _) = p.browser().await;
        let query = authorize_query("library", &[]);

        // A wrong verifier, and a missing one.
        let code = code_for(&p, &browser, &query).await;
        let wrong = VERIFIER.replace('d', "e");
        let res = redeem(&p, "library", &code, &wrong).await;
        assert_eq!(oauth_error(res, 400).await, "invalid_grant");
        let res = reqwest::Client::new()
            .post(p.app.url("/oidc/token"))
            .basic_auth("library", Some(SECRET))
            .form(&[
                ("grant_type", "authorization_code"),
                ("code", code.as_str()),
                ("redirect_uri", REDIRECT),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(oauth_error(res, 400).await, "invalid_request");

        // Another client's code, a wrong redirect URI, a made-up code.
        let code = code_for(&p, &browser, &query).await;
        let res = redeem(&p, "archive", &code, VERIFIER).await;
        assert_eq!(oauth_error(res, 400).await, "invalid_grant");
        let code = code_for(&p, &browser, &query).await;
        let res = reqwest::Client::new()
            .post(p.app.url("/oidc/token"))
            .basic_auth("library", Some(SECRET))
            .form(&[
                ("grant_type", "authorization_code"),
                ("code", code.as_str()),
                ("redirect_uri", "http://127.0.0.1:9/other"),
                ("code_verifier", VERIFIER),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(oauth_error(res, 400).await, "invalid_grant");
        let res = redeem(&p, "library", "made-up", VERIFIER).await;
        assert_eq!(oauth_error(res, 400).await, "invalid_grant");

        // An expired code.
        let code = code_for(&p, &browser, &query).await;
        p.app.clock.advance_seconds(61);
        let res = redeem(&p, "library", &code, VERIFIER).await;
        assert_eq!(oauth_error(res, 400).await, "invalid_grant");
        p.app.clock.advance_seconds(-61);

        // Client authentication: a wrong secret (401 with a Basic challenge),
        // an unknown client, none at all, two methods at once.
        let code = code_for(&p, &browser, &query).await;
        let res = reqwest::Client::new()
            .post(p.app.url("/oidc/token"))
            .basic_auth("library", Some("wrong"))
            .form(&[
                ("grant_type", "authorization_code"),
                ("code", code.as_str()),
                ("redirect_uri", REDIRECT),
                ("code_verifier", VERIFIER),
            ])
            .send()
            .await
            .unwrap();
        assert!(res.headers().get("www-authenticate").is_some());
        assert_eq!(oauth_error(res, 401).await, "invalid_client");
        let res = redeem(&p, "nobody", &code, VERIFIER).await;
        assert_eq!(oauth_error(res, 401).await, "invalid_client");
        let res = reqwest::Client::new()
            .post(p.app.url("/oidc/token"))
            .form(&[
                ("grant_type", "authorization_code"),
                ("code", code.as_str()),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(oauth_error(res, 401).await, "invalid_client");
        let res = reqwest::Client::new()
            .post(p.app.url("/oidc/token"))
            .basic_auth("library", Some(SECRET))
            .form(&[
                ("grant_type", "authorization_code"),
                ("client_secret", SECRET),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(oauth_error(res, 400).await, "invalid_request");
        // The code survived the failed attempts and still works with client_secret_post.
        let res = reqwest::Client::new()
            .post(p.app.url("/oidc/token"))
            .form(&[
                ("grant_type", "authorization_code"),
                ("code", code.as_str()),
                ("redirect_uri", REDIRECT),
                ("code_verifier", VERIFIER),
                ("client_id", "library"),
                ("client_secret", SECRET),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);

        // Unsupported grant type; not a form.
        let res = reqwest::Client::new()
            .post(p.app.url("/oidc/token"))
            .basic_auth("library", Some(SECRET))
            .form(&[("grant_type", "password")])
            .send()
            .await
            .unwrap();
        assert_eq!(oauth_error(res, 400).await, "unsupported_grant_type");
        let res = reqwest::Client::new()
            .post(p.app.url("/oidc/token"))
            .basic_auth("library", Some(SECRET))
            .json(&serde_json::json!({"grant_type": "authorization_code"}))
            .send()
            .await
            .unwrap();
        assert_eq!(oauth_error(res, 400).await, "invalid_request");
        p.app.stop().await;
    }
}

#[tokio::test]
async fn tampered_tokens_are_refused() {
    for db in databases().await {
        let p = Provider::start(&db).await;
        p.library().await;
        p.consent("library", &[]).await;
        let (browser, _) = p.browser().await;
        let code = code_for(&p, &browser, &authorize_query("library", &[])).await;
        let body: serde_json::Value = redeem(&p, "library", &code, VERIFIER)
            .await
            .json()
            .await
            .unwrap();
        let access = body["access_token"].as_str().unwrap();
        let mut tampered = access.to_owned();
        let last = if tampered.ends_with('0') { "1" } else { "0" };
        tampered.replace_range(tampered.len() - 1.., last);
        let res = userinfo(&p, &tampered).await;
        assert_eq!(oauth_error(res, 401).await, "invalid_token");
        let res = reqwest::Client::new()
            .get(p.app.url("/oidc/userinfo"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 401);
        assert_eq!(
            res.headers().get("www-authenticate").unwrap(),
            "Bearer realm=\"civis\""
        );
        // A signed-in browser's session cookie is no credential there.
        let res = browser
            .get(p.app.url("/oidc/userinfo"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 401);

        // A tampered ID token fails its signature: as an id_token_hint it is
        // refused with invalid_request.
        let id_token = body["id_token"].as_str().unwrap();
        let parts: Vec<&str> = id_token.split('.').collect();
        let mut claims: serde_json::Value =
            serde_json::from_slice(&civis_oidc::b64::decode(parts[1]).unwrap()).unwrap();
        claims["sub"] = "someone-else".into();
        let forged = format!(
            "{}.{}.{}",
            parts[0],
            civis_oidc::b64::encode(&serde_json::to_vec(&claims).unwrap()),
            parts[2]
        );
        let res = authorize(
            &p,
            &browser,
            &authorize_query("library", &[("id_token_hint", &forged)]),
        )
        .await;
        let to = location(&res);
        assert_eq!(
            param(&to, "error").as_deref(),
            Some("invalid_request"),
            "{to}"
        );
        let res = authorize(
            &p,
            &browser,
            &authorize_query(
                "library",
                &[("id_token_hint", id_token), ("prompt", "none")],
            ),
        )
        .await;
        assert!(
            param(&location(&res), "code").is_some(),
            "the genuine hint matches"
        );
        p.app.stop().await;
    }
}

#[tokio::test]
async fn authorization_errors_go_back_to_the_client_with_state() {
    for db in databases().await {
        let p = Provider::start(&db).await;
        p.library().await;
        let (browser, _) = p.browser().await;
        let cases: &[(&[(&str, &str)], &str)] = &[
            (&[("response_type", "token")], "unsupported_response_type"),
            (
                &[("response_type", "id_token")],
                "unsupported_response_type",
            ),
            (&[("response_type", "")], "invalid_request"),
            (&[("scope", "profile")], "invalid_scope"),
            (&[("scope", "openid address")], "invalid_scope"),
            (&[("code_challenge", "")], "invalid_request"),
            (&[("code_challenge_method", "plain")], "invalid_request"),
            (&[("prompt", "none login")], "invalid_request"),
            (&[("max_age", "-5")], "invalid_request"),
            (
                &[("request", "eyJhbGciOiJub25lIn0.e30.")],
                "request_not_supported",
            ),
            (
                &[("request_uri", "https://x.example/r")],
                "request_uri_not_supported",
            ),
        ];
        for (extra, want) in cases {
            let res = authorize(&p, &browser, &authorize_query("library", extra)).await;
            let to = location(&res);
            assert!(to.starts_with(REDIRECT), "{to}");
            assert_eq!(param(&to, "error").as_deref(), Some(*want), "{extra:?}");
            assert_eq!(param(&to, "state").as_deref(), Some("st-1"));
            assert!(param(&to, "code").is_none());
        }
        p.app.stop().await;
    }
}

#[tokio::test]
async fn a_public_client_cannot_introspect_and_scopes_are_per_client() {
    for db in databases().await {
        let p = Provider::start(&db).await;
        p.register(
            "archive",
            ClientKind::Public,
            &[Scope::Profile],
            LevelOfAssurance::Low,
            SubjectType::Pairwise,
        )
        .await;
        let res = reqwest::Client::new()
            .post(p.app.url("/oidc/introspect"))
            .form(&[("client_id", "archive"), ("token", "x")])
            .send()
            .await
            .unwrap();
        assert_eq!(oauth_error(res, 400).await, "unauthorized_client");
        let (browser, _) = p.browser().await;
        let res = authorize(
            &p,
            &browser,
            &authorize_query("archive", &[("scope", "openid offline_access")]),
        )
        .await;
        assert_eq!(
            param(&location(&res), "error").as_deref(),
            Some("invalid_scope")
        );
        p.app.stop().await;
    }
}
