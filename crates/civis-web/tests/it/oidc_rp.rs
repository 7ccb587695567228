//! The provider driven by a real relying party, the `openidconnect` crate:
//! discovery, the code flow with PKCE through the consent page, the ID
//! token's signature, `iss`, `aud`, `nonce`, `acr`, `amr`, `auth_time`,
//! `/userinfo`, refresh, pairwise subjects, and ID tokens signed with RS256 or
//! ES256 as each service registered.

use civis_domain::LevelOfAssurance;
use civis_oidc::{ClientKind, Scope, SubjectType};
use openidconnect::core::{
    CoreAuthenticationFlow, CoreClient, CoreJwsSigningAlgorithm, CoreProviderMetadata,
    CoreUserInfoClaims,
};
use openidconnect::{
    AuthorizationCode, ClientId, ClientSecret, CsrfToken, IssuerUrl, Nonce, OAuth2TokenResponse,
    PkceCodeChallenge, RedirectUrl, Scope as RpScope, TokenResponse,
};

use crate::harness::databases;
use crate::oidc_support::*;

fn http() -> openidconnect::reqwest::Client {
    openidconnect::reqwest::ClientBuilder::new()
        .redirect(openidconnect::reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// One complete flow as the relying party `client_id` sees it: the verified
/// ID token claims' `sub`, and the userinfo.
async fn flow(
    p: &Provider,
    browser: &reqwest::Client,
    csrf: &str,
    client_id: &str,
    secret: Option<&str>,
    scopes: &[&str],
) -> (String, serde_json::Value, String) {
    let http = http();
    let issuer = IssuerUrl::new(p.app.url("")).unwrap();
    let metadata = CoreProviderMetadata::discover_async(issuer, &http)
        .await
        .expect("discovery and JWKS");
    let rp = CoreClient::from_provider_metadata(
        metadata,
        ClientId::new(client_id.to_owned()),
        secret.map(|s| ClientSecret::new(s.to_owned())),
    )
    .set_redirect_uri(RedirectUrl::new(REDIRECT.to_owned()).unwrap());
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let mut request = rp
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .set_pkce_challenge(challenge);
    for s in scopes {
        request = request.add_scope(RpScope::new((*s).to_owned()));
    }
    let (url, state, nonce) = request.url();

    // The browser: the first visit shows the consent page, which lists the claims.
    let res = browser.get(url.as_str()).send().await.unwrap();
    let location = if res.status() == 200 {
        let page = res.text().await.unwrap();
        assert!(page.contains("Share your details with"), "{page}");
        assert!(
            page.contains("An identifier for you that only this service sees")
                || page.contains("Your public identifier"),
            "{page}"
        );
        let mut form: Vec<(String, String)> = url
            .query_pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        form.push(("csrf_token".into(), csrf.to_owned()));
        form.push(("decision".into(), "allow".into()));
        let res = browser
            .post(p.app.url("/oidc/consent"))
            .form(&form)
            .send()
            .await
            .unwrap();
        continue_link(res).await
    } else {
        location(&res)
    };
    assert!(location.starts_with(REDIRECT), "{location}");
    assert_eq!(
        param(&location, "state").as_deref(),
        Some(state.secret().as_str())
    );
    assert_eq!(
        param(&location, "iss").as_deref(),
        Some(p.app.url("").as_str())
    );
    let code = param(&location, "code").unwrap();

    let tokens = rp
        .exchange_code(AuthorizationCode::new(code))
        .unwrap()
        .set_pkce_verifier(verifier)
        .request_async(&http)
        .await
        .expect("token response");
    let id_token = tokens.id_token().expect("an ID token");
    // Signed as the service registered: RS256 by default, or ES256.
    let registered = p
        .app
        .store
        .oidc_client(&civis_oidc::ClientId::parse(client_id).unwrap())
        .await
        .unwrap()
        .settings
        .id_token_alg;
    let alg = match registered {
        civis_oidc::jws::Alg::Rs256 => CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
        civis_oidc::jws::Alg::Es256 => CoreJwsSigningAlgorithm::EcdsaP256Sha256,
    };
    assert_eq!(*id_token.signing_alg().unwrap(), alg);
    let verifier = rp.id_token_verifier().set_allowed_algs(vec![alg]);
    // Signature (against the JWKS), iss, aud, exp and nonce are checked here.
    let claims = id_token
        .claims(&verifier, &nonce)
        .expect("a valid ID token");
    assert_eq!(claims.audiences().len(), 1);
    assert_eq!(claims.audiences()[0].as_str(), client_id);
    assert_eq!(claims.issuer().as_str(), p.app.url(""));
    assert_eq!(
        claims.auth_context_ref().map(|a| a.as_str().to_owned()),
        Some(LevelOfAssurance::Low.acr().to_owned())
    );
    let amr: Vec<String> = claims
        .auth_method_refs()
        .unwrap()
        .iter()
        .map(|a| a.as_str().to_owned())
        .collect();
    assert_eq!(amr, vec!["pwd"]);
    let auth_time = claims.auth_time().expect("auth_time").timestamp();
    let now = p.now().as_millis() / 1000;
    assert!(
        (now - 60..=now).contains(&auth_time),
        "{auth_time} vs {now}"
    );
    // A wrong nonce is refused by the relying party.
    assert!(id_token
        .claims(&verifier, &Nonce::new("another".into()))
        .is_err());

    let info: CoreUserInfoClaims = rp
        .user_info(tokens.access_token().clone(), None)
        .unwrap()
        .request_async(&http)
        .await
        .expect("userinfo");
    assert_eq!(info.subject(), claims.subject());
    let raw_info: serde_json::Value = userinfo(p, tokens.access_token().secret())
        .await
        .json()
        .await
        .unwrap();
    let refresh = tokens
        .refresh_token()
        .map(|r| r.secret().clone())
        .unwrap_or_default();
    (claims.subject().as_str().to_owned(), raw_info, refresh)
}

#[tokio::test]
async fn a_relying_party_completes_the_code_flow_and_sees_pairwise_subjects() {
    for db in databases().await {
        let p = Provider::start(&db).await;
        p.library().await;
        p.register(
            "archive",
            ClientKind::Public,
            &[Scope::Profile],
            LevelOfAssurance::Low,
            SubjectType::Pairwise,
        )
        .await;
        let (browser, csrf) = p.browser().await;

        let (lib_sub, info, refresh) = flow(
            &p,
            &browser,
            &csrf,
            "library",
            Some(SECRET),
            &["profile", "offline_access"],
        )
        .await;
        assert_eq!(info["sub"], lib_sub.as_str());
        assert_eq!(info["preferred_username"], "ann");
        assert_eq!(info["name"], "ann");
        assert!(!refresh.is_empty(), "offline_access gives a refresh token");

        // Only consented claims: without `profile`, only `sub`.
        let (again, info, refresh) = flow(&p, &browser, &csrf, "library", Some(SECRET), &[]).await;
        assert_eq!(again, lib_sub, "the subject is stable for a service");
        assert_eq!(info.as_object().unwrap().len(), 1, "{info}");
        assert!(refresh.is_empty());

        // A public client (PKCE, no secret) sees another subject.
        let (archive_sub, _, _) = flow(&p, &browser, &csrf, "archive", None, &["profile"]).await;
        assert_ne!(archive_sub, lib_sub, "two services, two subjects");
        p.app.stop().await;
    }
}

#[tokio::test]
async fn public_subjects_are_shared_by_public_clients() {
    for db in databases().await {
        let p = Provider::start(&db).await;
        for id in ["city-portal", "city-library"] {
            p.register(
                id,
                ClientKind::Confidential,
                &[],
                LevelOfAssurance::Low,
                SubjectType::Public,
            )
            .await;
        }
        let (browser, csrf) = p.browser().await;
        let (a, _, _) = flow(&p, &browser, &csrf, "city-portal", Some(SECRET), &[]).await;
        let (b, _, _) = flow(&p, &browser, &csrf, "city-library", Some(SECRET), &[]).await;
        assert_eq!(a, b);
        p.app.stop().await;
    }
}

#[tokio::test]
async fn a_service_registered_for_es256_gets_es256_id_tokens() {
    for db in databases().await {
        let p = Provider::start(&db).await;
        let mut client = p.library().await;
        client.settings.id_token_alg = civis_oidc::jws::Alg::Es256;
        p.app
            .store
            .update_oidc_client(
                &client.id,
                &client.settings,
                civis_store::Change::system(p.now()),
            )
            .await
            .unwrap();
        let (browser, csrf) = p.browser().await;
        // The relying party checks the ES256 signature against the JWKS's P-256 key.
        let (sub, info, _) = flow(&p, &browser, &csrf, "library", Some(SECRET), &[]).await;
        assert_eq!(info["sub"], sub.as_str());
        let jwks: serde_json::Value = reqwest::get(p.app.url("/oidc/jwks"))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let algs: Vec<&str> = jwks["keys"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| k["alg"].as_str().unwrap())
            .collect();
        assert!(algs.contains(&"RS256") && algs.contains(&"ES256"), "{jwks}");
        p.app.stop().await;
    }
}
