//! `prompt`, `max_age`, `acr_values` and step-up, consent, through the
//! authorization endpoint.

use civis_domain::{AuthMethod, AuthMethods, LevelOfAssurance, Proofing};
use civis_oidc::{ClientKind, Scope, SubjectType};

use crate::harness::databases;
use crate::oidc_support::*;

/// Sets `users.proofing` through a second connection to the test database.
pub async fn set_proofing(p: &Provider, proofing: Proofing) {
    let sql = format!(
        "UPDATE users SET proofing = '{}' WHERE id = {}",
        proofing.as_str(),
        p.ann.id.0
    );
    p.raw_sql(&sql).await;
}

fn sign_in_target(to: &str) -> (String, Option<String>) {
    assert!(to.starts_with("/sign-in?"), "{to}");
    (
        param(to, "return_to").expect("return_to"),
        param(to, "reauth"),
    )
}

#[tokio::test]
async fn prompt_none_login_and_consent() {
    for db in databases().await {
        let p = Provider::start(&db).await;
        p.library().await;

        // Signed out: prompt=none → login_required; otherwise sign in and come back.
        let anon = p.app.client();
        let res = authorize(
            &p,
            &anon,
            &authorize_query("library", &[("prompt", "none")]),
        )
        .await;
        assert_eq!(
            param(&location(&res), "error").as_deref(),
            Some("login_required")
        );
        let res = authorize(&p, &anon, &authorize_query("library", &[])).await;
        let (back, reauth) = sign_in_target(&location(&res));
        assert!(back.starts_with("/oidc/resume?"), "{back}");
        assert_eq!(reauth, None);

        // Signed in, no consent: prompt=none → consent_required; otherwise the consent page.
        let (browser, csrf) = p.browser().await;
        let res = authorize(
            &p,
            &browser,
            &authorize_query("library", &[("prompt", "none")]),
        )
        .await;
        assert_eq!(
            param(&location(&res), "error").as_deref(),
            Some("consent_required")
        );
        let res = browser.get(p.app.url(&back)).send().await.unwrap();
        assert_eq!(res.status(), 200);
        let page = res.text().await.unwrap();
        assert!(page.contains("Service library"), "{page}");

        // Refusing answers access_denied; allowing issues a code.
        let mut form = query_of(&format!("/x?{}", authorize_query("library", &[])));
        form.push(("csrf_token".into(), csrf.clone()));
        let mut deny = form.clone();
        deny.push(("decision".into(), "deny".into()));
        let res = browser
            .post(p.app.url("/oidc/consent"))
            .form(&deny)
            .send()
            .await
            .unwrap();
        // After a form, the client is answered through the continue page.
        assert_eq!(
            param(&continue_link(res).await, "error").as_deref(),
            Some("access_denied")
        );
        // Without the CSRF token the consent form is refused.
        let mut forged = query_of(&format!("/x?{}", authorize_query("library", &[])));
        forged.push(("decision".into(), "allow".into()));
        let res = browser
            .post(p.app.url("/oidc/consent"))
            .form(&forged)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);
        let mut allow = form.clone();
        allow.push(("decision".into(), "allow".into()));
        let res = browser
            .post(p.app.url("/oidc/consent"))
            .form(&allow)
            .send()
            .await
            .unwrap();
        assert!(param(&continue_link(res).await, "code").is_some());

        // Now consented: prompt=none issues a code; prompt=consent asks again.
        let res = authorize(
            &p,
            &browser,
            &authorize_query("library", &[("prompt", "none")]),
        )
        .await;
        assert!(param(&location(&res), "code").is_some());
        let res = authorize(
            &p,
            &browser,
            &authorize_query("library", &[("prompt", "consent")]),
        )
        .await;
        assert_eq!(res.status(), 200);
        // A new scope needs new consent.
        let res = authorize(
            &p,
            &browser,
            &authorize_query(
                "library",
                &[("scope", "openid profile"), ("prompt", "none")],
            ),
        )
        .await;
        assert_eq!(
            param(&location(&res), "error").as_deref(),
            Some("consent_required")
        );

        // prompt=login sends to a fresh sign-in, then the same request succeeds
        // once the resident has signed in after being asked.
        let res = authorize(
            &p,
            &browser,
            &authorize_query("library", &[("prompt", "login")]),
        )
        .await;
        let (back, reauth) = sign_in_target(&location(&res));
        assert_eq!(reauth.as_deref(), Some("1"));
        assert!(back.contains("civis_reauth="), "{back}");
        let res = browser.get(p.app.url(&back)).send().await.unwrap();
        assert!(
            location(&res).starts_with("/sign-in?"),
            "no sign-in since the demand: asked again"
        );
        p.app.clock.advance_seconds(2);
        let (browser2, _) = p.browser().await;
        let res = browser2.get(p.app.url(&back)).send().await.unwrap();
        let to = continue_link(res).await;
        assert!(param(&to, "code").is_some(), "{to}");
        // A forged ticket does not count.
        let forged = back.replace("civis_reauth=", "civis_reauth=1");
        let res = browser2.get(p.app.url(&forged)).send().await.unwrap();
        assert!(location(&res).starts_with("/sign-in?"));
        p.app.stop().await;
    }
}

#[tokio::test]
async fn max_age_asks_for_a_fresh_sign_in() {
    for db in databases().await {
        let p = Provider::start(&db).await;
        p.library().await;
        p.consent("library", &[]).await;
        let (browser, _) = p.browser().await;
        let res = authorize(
            &p,
            &browser,
            &authorize_query("library", &[("max_age", "300")]),
        )
        .await;
        assert!(param(&location(&res), "code").is_some());
        p.app.clock.advance_seconds(301);
        let res = authorize(
            &p,
            &browser,
            &authorize_query("library", &[("max_age", "300")]),
        )
        .await;
        let (_, reauth) = sign_in_target(&location(&res));
        assert_eq!(reauth.as_deref(), Some("1"));
        let res = authorize(
            &p,
            &browser,
            &authorize_query("library", &[("max_age", "300"), ("prompt", "none")]),
        )
        .await;
        assert_eq!(
            param(&location(&res), "error").as_deref(),
            Some("login_required")
        );
        p.app.stop().await;
    }
}

#[tokio::test]
async fn acr_values_and_minimum_levels_step_up() {
    for db in databases().await {
        let p = Provider::start(&db).await;
        p.register(
            "tax-office",
            ClientKind::Confidential,
            &[],
            LevelOfAssurance::Substantial,
            SubjectType::Pairwise,
        )
        .await;
        p.consent("tax-office", &[]).await;
        let (browser, _) = p.browser().await;

        // No register link: the account cannot reach substantial at all.
        let res = authorize(&p, &browser, &authorize_query("tax-office", &[])).await;
        assert_eq!(
            param(&location(&res), "error").as_deref(),
            Some("access_denied")
        );

        // Linked by letter, password only: a step-up to substantial.
        set_proofing(&p, Proofing::ActivationLetter).await;
        let res = authorize(&p, &browser, &authorize_query("tax-office", &[])).await;
        let to = location(&res);
        assert!(to.starts_with("/step-up?"), "{to}");
        assert_eq!(param(&to, "level").as_deref(), Some("substantial"));
        let back = param(&to, "return_to").unwrap();
        let res = authorize(
            &p,
            &browser,
            &authorize_query("tax-office", &[("prompt", "none")]),
        )
        .await;
        assert_eq!(
            param(&location(&res), "error").as_deref(),
            Some("interaction_required")
        );

        // After the step-up the same request gets a code, and the ID token says substantial.
        p.step_up(two_factors()).await;
        let res = browser.get(p.app.url(&back)).send().await.unwrap();
        let code = param(&continue_link(res).await, "code").expect("a code after step-up");
        let body: serde_json::Value = redeem(&p, "tax-office", &code, VERIFIER)
            .await
            .json()
            .await
            .unwrap();
        let payload = body["id_token"]
            .as_str()
            .unwrap()
            .split('.')
            .nth(1)
            .unwrap();
        let claims: serde_json::Value =
            serde_json::from_slice(&civis_oidc::b64::decode(payload).unwrap()).unwrap();
        assert_eq!(claims["acr"], LevelOfAssurance::Substantial.acr());
        assert_eq!(claims["amr"], serde_json::json!(["pwd", "otp"]));

        // acr_values=high: the letter caps the account at substantial.
        let res = authorize(
            &p,
            &browser,
            &authorize_query(
                "tax-office",
                &[("acr_values", LevelOfAssurance::High.acr())],
            ),
        )
        .await;
        assert_eq!(
            param(&location(&res), "error").as_deref(),
            Some("access_denied")
        );
        // Identity checked in person: a passkey step-up reaches high.
        set_proofing(&p, Proofing::InPerson).await;
        let res = authorize(
            &p,
            &browser,
            &authorize_query("tax-office", &[("acr_values", "high substantial")]),
        )
        .await;
        assert!(
            param(&location(&res), "code").is_some(),
            "substantial is acceptable"
        );
        let res = authorize(
            &p,
            &browser,
            &authorize_query("tax-office", &[("acr_values", "high")]),
        )
        .await;
        let to = location(&res);
        assert_eq!(param(&to, "level").as_deref(), Some("high"), "{to}");
        p.step_up(AuthMethods::one(AuthMethod::Passkey)).await;
        let res = authorize(
            &p,
            &browser,
            &authorize_query("tax-office", &[("acr_values", "high")]),
        )
        .await;
        assert!(param(&location(&res), "code").is_some());
        p.app.stop().await;
    }
}

#[tokio::test]
async fn scope_consent_is_per_client_and_lists_the_claims() {
    for db in databases().await {
        let p = Provider::start(&db).await;
        p.register(
            "registry",
            ClientKind::Confidential,
            &[Scope::Profile, Scope::Address],
            LevelOfAssurance::Low,
            SubjectType::Pairwise,
        )
        .await;
        let (browser, _) = p.browser().await;
        let res = authorize(
            &p,
            &browser,
            &authorize_query(
                "registry",
                &[("scope", "openid profile address"), ("ui_locales", "es")],
            ),
        )
        .await;
        let page = res.text().await.unwrap();
        for words in [
            "An identifier for you that only this service sees",
            "Your name and username",
            "Your address in the resident register",
        ] {
            assert!(page.contains(words), "{words}: {page}");
        }
        let res = browser
            .get(p.app.url(&format!(
                "/oidc/authorize?{}",
                authorize_query("registry", &[("scope", "openid address")])
            )))
            .header("accept-language", "et")
            .send()
            .await
            .unwrap();
        let page = res.text().await.unwrap();
        assert!(page.contains("Sinu aadress rahvastikuregistris"), "{page}");
        p.app.stop().await;
    }
}
