//! Enrolment: activation letters printed as PDF (the codes read back from the
//! PDF bytes) and entered on `/identity`, SMS codes, in-person verification,
//! brute force refused per account and per record, per role and CSRF.

use std::collections::HashMap;

use civis_domain::{AuditAction, Proofing, Username};
use civis_store::{AuditFilter, Page};

use crate::harness::{databases, TestApp};
use crate::register_support::{client, file, multipart, people, Who, MARI, MART, WHO};

async fn seed_register(app: &TestApp) {
    let (c, csrf) = client(app, Who::Clerk).await;
    let (ct, body) = multipart(
        &[("csrf_token", &csrf), ("effective_date", "2026-01-01")],
        &file(&[MART, MARI]),
    );
    let res = c
        .post(app.url("/admin/register/import"))
        .header("content-type", ct)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
}

/// Prints letters as the clerk; returns each addressee's code, read from the PDF.
async fn letters(app: &TestApp) -> HashMap<String, String> {
    let (c, csrf) = client(app, Who::Clerk).await;
    let res = c
        .post(app.url("/admin/enrolment/letters"))
        .form(&[("csrf_token", csrf.as_str()), ("district", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    let pdf = res.bytes().await.unwrap();
    assert!(pdf.starts_with(b"%PDF-1.4"));
    let mut out = HashMap::new();
    let mut name = String::new();
    for text in civis_identity::letter_pdf::shown_text(&pdf) {
        if text == "Mart Tamm" || text == "Mari Kask" {
            name = text;
        } else if text.len() == 14 && text.as_bytes()[4] == b'-' && text.as_bytes()[9] == b'-' {
            out.insert(name.clone(), text);
        }
    }
    out
}

async fn post(
    app: &TestApp,
    c: &reqwest::Client,
    path: &str,
    form: &[(&str, &str)],
) -> (u16, String) {
    let res = c.post(app.url(path)).form(form).send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

async fn proofing(app: &TestApp, name: &str) -> Option<Proofing> {
    let u = app
        .store
        .user_by_username(&Username::parse(name).unwrap())
        .await
        .unwrap();
    app.store.account_proofing(u.id).await.unwrap()
}

#[tokio::test]
async fn a_letter_code_from_the_pdf_links_the_account_once() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        people(&app).await;
        seed_register(&app).await;
        let codes = letters(&app).await;
        assert_eq!(codes.len(), 2, "{codes:?}");
        let (c, csrf) = client(&app, Who::Resident).await;
        let html = c
            .get(app.url("/identity"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(html.contains("<dd id=\"level\">Low</dd>"), "{html}");
        assert!(html.contains("Not linked"));
        let (status, html) = post(
            &app,
            &c,
            "/identity/letter",
            &[
                ("csrf_token", &csrf),
                ("letter_personal_code", "49403136515"),
                ("letter_code", "2222-2222-2222"),
            ],
        )
        .await;
        assert_eq!(status, 422);
        assert!(html.contains("4 attempts left"), "{html}");
        assert!(html.contains("id=\"letter_code-error\""));
        // Mart's code does not work for Mari's record.
        let (status, _) = post(
            &app,
            &c,
            "/identity/letter",
            &[
                ("csrf_token", &csrf),
                ("letter_personal_code", "49403136515"),
                ("letter_code", &codes["Mart Tamm"]),
            ],
        )
        .await;
        assert_eq!(status, 422);
        let typed = codes["Mari Kask"].to_lowercase().replace('-', " ");
        let (status, html) = post(
            &app,
            &c,
            "/identity/letter",
            &[
                ("csrf_token", &csrf),
                ("letter_personal_code", "49403136515"),
                ("letter_code", &typed),
            ],
        )
        .await;
        assert_eq!(status, 200, "{html}");
        assert!(
            html.contains("Linked with an activation letter (Mari Kask)"),
            "{html}"
        );
        assert!(html.contains("Add a second factor"));
        assert_eq!(
            proofing(&app, "resi").await,
            Some(Proofing::ActivationLetter)
        );
        // Used once: another account cannot use it.
        app.create_user("resi2", civis_domain::Role::Resident).await;
        let c2 = app.client();
        let csrf2 = app.sign_in(&c2, "resi2").await;
        let (status, _) = post(
            &app,
            &c2,
            "/identity/letter",
            &[
                ("csrf_token", &csrf2),
                ("letter_personal_code", "49403136515"),
                ("letter_code", &codes["Mari Kask"]),
            ],
        )
        .await;
        assert_eq!(status, 422);
        assert_eq!(proofing(&app, "resi2").await, None);
        // Printing again skips the linked record.
        let again = letters(&app).await;
        assert_eq!(again.keys().collect::<Vec<_>>(), ["Mart Tamm"]);
        app.stop().await;
    }
}

#[tokio::test]
async fn brute_force_is_refused_per_account_and_per_record() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        people(&app).await;
        seed_register(&app).await;
        let codes = letters(&app).await;
        let (c, csrf) = client(&app, Who::Resident).await;
        let wrong = |n: usize| format!("2222-2222-222{}", n + 2);
        for i in 0..5 {
            let (status, html) = post(
                &app,
                &c,
                "/identity/letter",
                &[
                    ("csrf_token", &csrf),
                    ("letter_personal_code", "49403136515"),
                    ("letter_code", &wrong(i)),
                ],
            )
            .await;
            assert_eq!(status, 422, "attempt {i}");
            if i == 4 {
                assert!(html.contains("no attempts left"), "{html}");
            }
        }
        // The right code now: refused for this account, with a clear message.
        let (status, html) = post(
            &app,
            &c,
            "/identity/letter",
            &[
                ("csrf_token", &csrf),
                ("letter_personal_code", "49403136515"),
                ("letter_code", &codes["Mari Kask"]),
            ],
        )
        .await;
        assert_eq!(status, 429);
        assert!(html.contains("Too many wrong codes"), "{html}");
        // And for the record, from another account too.
        app.create_user("resi2", civis_domain::Role::Resident).await;
        let c2 = app.client();
        let csrf2 = app.sign_in(&c2, "resi2").await;
        let (status, _) = post(
            &app,
            &c2,
            "/identity/letter",
            &[
                ("csrf_token", &csrf2),
                ("letter_personal_code", "49403136515"),
                ("letter_code", &codes["Mari Kask"]),
            ],
        )
        .await;
        assert_eq!(status, 429);
        assert_eq!(proofing(&app, "resi2").await, None);
        let refused = app
            .store
            .count_audit(&AuditFilter {
                action: Some(AuditAction::EnrolmentCodeRefused),
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(refused, 7);
        // An hour later the record's code works.
        app.clock.advance_seconds(3601);
        let (status, _) = post(
            &app,
            &c2,
            "/identity/letter",
            &[
                ("csrf_token", &csrf2),
                ("letter_personal_code", "49403136515"),
                ("letter_code", &codes["Mari Kask"]),
            ],
        )
        .await;
        assert_eq!(status, 200);
        app.stop().await;
    }
}

#[tokio::test]
async fn sms_codes_go_to_the_register_number_and_bind_to_the_account() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        people(&app).await;
        seed_register(&app).await;
        let (c, csrf) = client(&app, Who::Resident).await;
        // Mari's record has no phone.
        let (status, html) = post(
            &app,
            &c,
            "/identity/sms",
            &[("csrf_token", &csrf), ("sms_personal_code", "49403136515")],
        )
        .await;
        assert_eq!(status, 422);
        assert!(html.contains("no mobile number"), "{html}");
        assert!(app.sms.sent().is_empty());
        let (status, html) = post(
            &app,
            &c,
            "/identity/sms",
            &[("csrf_token", &csrf), ("sms_personal_code", "37605030299")],
        )
        .await;
        assert_eq!(status, 200, "{html}");
        assert!(html.contains("+••••••••345"), "{html}");
        assert!(html.contains("name=\"sms_code\""));
        let sent = app.sms.sent();
        assert_eq!(sent.len(), 1);
        assert_eq!(sent[0].0, "+37255512345");
        let code: String = sent[0]
            .1
            .chars()
            .filter(char::is_ascii_digit)
            .take(6)
            .collect();
        assert_eq!(code.len(), 6);
        // Another account cannot use it.
        app.create_user("resi2", civis_domain::Role::Resident).await;
        let c2 = app.client();
        let csrf2 = app.sign_in(&c2, "resi2").await;
        let (status, _) = post(
            &app,
            &c2,
            "/identity/sms",
            &[
                ("csrf_token", &csrf2),
                ("sms_personal_code", "37605030299"),
                ("sms_code", &code),
            ],
        )
        .await;
        assert_eq!(status, 422);
        // Expired after ten minutes.
        app.clock.advance_seconds(601);
        let (status, _) = post(
            &app,
            &c,
            "/identity/sms",
            &[
                ("csrf_token", &csrf),
                ("sms_personal_code", "37605030299"),
                ("sms_code", &code),
            ],
        )
        .await;
        assert_eq!(status, 422);
        let (status, _) = post(
            &app,
            &c,
            "/identity/sms",
            &[("csrf_token", &csrf), ("sms_personal_code", "37605030299")],
        )
        .await;
        assert_eq!(status, 200);
        let text = &app.sms.sent()[1].1;
        let code: String = text.chars().filter(char::is_ascii_digit).take(6).collect();
        let (status, html) = post(
            &app,
            &c,
            "/identity/sms",
            &[
                ("csrf_token", &csrf),
                ("sms_personal_code", "37605030299"),
                ("sms_code", &code),
            ],
        )
        .await;
        assert_eq!(status, 200, "{html}");
        assert!(html.contains("Linked with an SMS code"));
        assert_eq!(proofing(&app, "resi").await, Some(Proofing::Sms));
        app.stop().await;
    }
}

#[tokio::test]
async fn officials_verify_in_person_with_the_document_recorded() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        people(&app).await;
        seed_register(&app).await;
        let (c, csrf) = client(&app, Who::Clerk).await;
        let (status, html) = post(
            &app,
            &c,
            "/admin/enrolment/check",
            &[
                ("csrf_token", &csrf),
                ("username", "resi"),
                ("personal_code", "49403136515"),
            ],
        )
        .await;
        assert_eq!(status, 200, "{html}");
        assert!(html.contains("Mari Kask") && html.contains("1994-03-13"));
        let (status, html) = post(
            &app,
            &c,
            "/admin/enrolment/verify",
            &[
                ("csrf_token", &csrf),
                ("username", "resi"),
                ("personal_code", "49403136515"),
                ("document_type", "id_card"),
            ],
        )
        .await;
        assert_eq!(status, 422);
        assert!(
            html.contains("Confirm that you checked the document"),
            "{html}"
        );
        let (status, _) = post(
            &app,
            &c,
            "/admin/enrolment/check",
            &[
                ("csrf_token", &csrf),
                ("username", "offi"),
                ("personal_code", "49403136515"),
            ],
        )
        .await;
        assert_eq!(status, 422, "officials are not enrolled");
        let (status, html) = post(
            &app,
            &c,
            "/admin/enrolment/verify",
            &[
                ("csrf_token", &csrf),
                ("username", "resi"),
                ("personal_code", "49403136515"),
                ("document_type", "passport"),
                ("confirmed", "yes"),
            ],
        )
        .await;
        assert_eq!(status, 200, "{html}");
        assert_eq!(proofing(&app, "resi").await, Some(Proofing::InPerson));
        let events = app
            .store
            .list_audit(
                &AuditFilter {
                    action: Some(AuditAction::EnrolmentVerifiedInPerson),
                    ..Default::default()
                },
                Page::new(0, 10),
            )
            .await
            .unwrap();
        assert_eq!(events.len(), 1);
        let clerk = app
            .store
            .user_by_username(&Username::parse("clerk").unwrap())
            .await
            .unwrap();
        assert_eq!(events[0].actor, Some(clerk.id));
        assert_eq!(
            events[0].after.as_ref().unwrap()["document_type"],
            "passport"
        );
        // The resident sees the in-person proofing; a passkey would raise it to high.
        let (rc, _) = client(&app, Who::Resident).await;
        let html = rc
            .get(app.url("/identity"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(html.contains("Verified in person (Mari Kask)"), "{html}");
        assert!(html.contains("Sign in with a passkey"));
        assert!(!html.contains("service desk: the high level"));
        app.stop().await;
    }
}

#[tokio::test]
async fn enrolment_pages_per_caller_and_csrf() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        people(&app).await;
        for (i, who) in WHO.into_iter().enumerate() {
            let (c, csrf) = client(&app, who).await;
            let res = c.get(app.url("/identity")).send().await.unwrap();
            if who == Who::Anonymous {
                assert!(res.status().is_redirection());
            } else {
                assert_eq!(res.status(), 200, "{who:?}");
            }
            let res = c.get(app.url("/admin/enrolment")).send().await.unwrap();
            let expect = [303, 403, 403, 200, 403, 403][i];
            if expect == 303 {
                assert!(res.status().is_redirection());
            } else {
                assert_eq!(res.status(), expect, "{who:?}");
            }
            if who != Who::Anonymous {
                let (status, _) = post(
                    &app,
                    &c,
                    "/admin/enrolment/letters",
                    &[("csrf_token", &csrf)],
                )
                .await;
                assert_eq!(status, if who == Who::Clerk { 200 } else { 403 }, "{who:?}");
            }
        }
        let (c, _) = client(&app, Who::Resident).await;
        for path in ["/identity/letter", "/identity/sms"] {
            let (status, _) =
                post(&app, &c, path, &[("letter_personal_code", "49403136515")]).await;
            assert_eq!(status, 403, "{path}");
        }
        let (clerk, _) = client(&app, Who::Clerk).await;
        for path in [
            "/admin/enrolment/letters",
            "/admin/enrolment/check",
            "/admin/enrolment/verify",
        ] {
            let (status, _) = post(&app, &clerk, path, &[("username", "resi")]).await;
            assert_eq!(status, 403, "{path}");
        }
        let switched = clerk
            .get(app.url("/admin/enrolment?lang=et"))
            .send()
            .await
            .unwrap();
        assert!(switched.status().is_redirection());
        let html = clerk
            .get(app.url("/admin/enrolment"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(html.contains("Aktiveerimiskirjade printimine"));
        app.stop().await;
    }
}
