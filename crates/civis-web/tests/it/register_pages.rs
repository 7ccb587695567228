//! The register pages: per kind of caller, CSRF on every form (the upload too),
//! the import report next to the file field, purpose before a record, versions,
//! and the pages in Estonian and Spanish.

use civis_domain::AuditAction;
use civis_store::{AuditFilter, Page};

use crate::harness::{databases, TestApp};
use crate::register_support::{client, file, multipart, people, Who, MARI, MART, WHO};

async fn upload(
    app: &TestApp,
    c: &reqwest::Client,
    csrf: &str,
    date: &str,
    csv: &str,
) -> reqwest::Response {
    let mut fields = vec![("effective_date", date)];
    if !csrf.is_empty() {
        fields.insert(0, ("csrf_token", csrf));
    }
    let (ct, body) = multipart(&fields, csv);
    c.post(app.url("/admin/register/import"))
        .header("content-type", ct)
        .body(body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn register_pages_for_every_caller() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        people(&app).await;
        // Anonymous, resident, official without grant, clerk, admin, auditor.
        let gets: [(&str, [u16; 6]); 3] = [
            ("/admin/register", [303, 403, 403, 200, 403, 403]),
            ("/admin/register/records/1", [303, 403, 403, 200, 403, 403]),
            ("/admin/register/grants", [303, 403, 403, 403, 200, 403]),
        ];
        for (i, who) in WHO.into_iter().enumerate() {
            let (c, csrf) = client(&app, who).await;
            for (path, expect) in gets {
                let res = c.get(app.url(path)).send().await.unwrap();
                let want = expect[i];
                if want == 303 {
                    assert!(
                        res.status().is_redirection(),
                        "{who:?} {path}: {}",
                        res.status()
                    );
                } else {
                    assert_eq!(res.status(), want, "{who:?} {path}");
                }
            }
            if who == Who::Anonymous {
                continue;
            }
            let may_read = who == Who::Clerk;
            let res = c
                .post(app.url("/admin/register/search"))
                .form(&[
                    ("csrf_token", csrf.as_str()),
                    ("personal_code", "37605030299"),
                    ("purpose", "enrolment"),
                ])
                .send()
                .await
                .unwrap();
            assert_eq!(
                res.status(),
                if may_read { 422 } else { 403 },
                "{who:?} search"
            );
            let res = upload(&app, &c, &csrf, "2026-01-01", &file(&[MART])).await;
            assert_eq!(
                res.status(),
                if may_read { 200 } else { 403 },
                "{who:?} import"
            );
            let res = c
                .post(app.url("/admin/register/grants"))
                .form(&[
                    ("csrf_token", csrf.as_str()),
                    ("username", "offi"),
                    ("permission", "register.read"),
                    ("action", "grant"),
                ])
                .send()
                .await
                .unwrap();
            assert_eq!(
                res.status(),
                if who == Who::Admin { 200 } else { 403 },
                "{who:?} grant"
            );
        }
        app.stop().await;
    }
}

#[tokio::test]
async fn register_forms_need_the_csrf_token() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        people(&app).await;
        let (clerk, _) = client(&app, Who::Clerk).await;
        let res = upload(&app, &clerk, "", "2026-01-01", &file(&[MART])).await;
        assert_eq!(res.status(), 403);
        let res = upload(&app, &clerk, "forged", "2026-01-01", &file(&[MART])).await;
        assert_eq!(res.status(), 403);
        let res = clerk
            .post(app.url("/admin/register/search"))
            .form(&[("personal_code", "37605030299"), ("purpose", "enrolment")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);
        let res = clerk
            .post(app.url("/admin/register/records/1"))
            .form(&[("purpose", "enrolment")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);
        let (admin, _) = client(&app, Who::Admin).await;
        let res = admin
            .post(app.url("/admin/register/grants"))
            .form(&[("username", "offi"), ("permission", "register.read")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403);
        assert!(app
            .store
            .list_register_imports(Page::new(0, 10))
            .await
            .unwrap()
            .is_empty());
        assert_eq!(
            app.store.list_register_grants().await.unwrap().len(),
            3,
            "only the clerk's grants"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn import_report_sits_next_to_the_file_field_and_records_need_a_purpose() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        people(&app).await;
        let (c, csrf) = client(&app, Who::Clerk).await;
        let page = c
            .get(app.url("/admin/register"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("enctype=\"multipart/form-data\""), "{page}");
        assert!(page.contains("name=\"purpose\""));

        let bad = file(&[MART, "37605030298,Jaan,Mets,1976-05-03,Lai 3,Kesklinn,,"]);
        let res = upload(&app, &c, &csrf, "2026-01-01", &bad).await;
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        let field = html.find("id=\"file\"").unwrap();
        let report = html.find("id=\"file-report\"").unwrap();
        assert!(
            report < field,
            "the report is inside the file field's block"
        );
        assert!(html.contains("aria-describedby=\"file-hint file-error file-report\""));
        assert!(
            html.contains("<td>3</td><td><code>personal_code</code></td>"),
            "{html}"
        );
        assert!(html.contains("check digit is wrong"));
        assert!(app.store.count_register_records().await.unwrap() == (0, 0));

        let res = upload(&app, &c, &csrf, "2026-01-01", &file(&[MART, MARI])).await;
        assert_eq!(res.status(), 200);
        let html = res.text().await.unwrap();
        assert!(html.contains("2 records, 2 new"), "{html}");

        // A move a month later gives a second version.
        let moved = MART.replace("\"Pikk 1, Tallinn\"", "Uus 5");
        let res = upload(&app, &c, &csrf, "2026-02-01", &file(&[&moved, MARI])).await;
        assert_eq!(res.status(), 200);

        // Searching without a purpose shows the error next to the purpose.
        let res = c
            .post(app.url("/admin/register/search"))
            .form(&[
                ("csrf_token", csrf.as_str()),
                ("personal_code", "37605030299"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains("id=\"purpose-error\""), "{html}");
        assert!(!html.contains("Uus 5"));

        let res = c
            .post(app.url("/admin/register/search"))
            .form(&[
                ("csrf_token", csrf.as_str()),
                ("personal_code", "37605030299"),
                ("purpose", "correction"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["cache-control"], "no-store");
        let html = res.text().await.unwrap();
        let new = html.find("Uus 5").unwrap();
        let old = html.find("Pikk 1, Tallinn").unwrap();
        assert!(new < old, "newest version first");
        assert!(html.contains("2026-02-01") && html.contains("2026-01-01"));
        assert!(html.contains("Correcting the register"));

        // The record page asks why first and shows nothing personal until then.
        let rec = app
            .store
            .register_record(&civis_store::RecordLookup::Code(
                civis_identity::PersonalCode::parse("37605030299", &civis_identity::Isikukood)
                    .unwrap(),
            ))
            .await
            .unwrap()
            .unwrap();
        let path = format!("/admin/register/records/{}", rec.id);
        let html = c
            .get(app.url(&path))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(!html.contains("Tamm") && !html.contains("37605030299"));
        let res = c
            .post(app.url(&path))
            .form(&[("csrf_token", csrf.as_str()), ("purpose", "other")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        assert!(res
            .text()
            .await
            .unwrap()
            .contains("id=\"purpose_text-error\""));
        let res = c
            .post(app.url(&path))
            .form(&[
                ("csrf_token", csrf.as_str()),
                ("purpose", "other"),
                ("purpose_text", "Letter from the resident"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert!(res.text().await.unwrap().contains("Mart Tamm"));
        let reads = app
            .store
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
        assert_eq!(
            reads[0].after.as_ref().unwrap()["purpose_text"],
            "Letter from the resident"
        );
        assert_eq!(reads[1].after.as_ref().unwrap()["purpose"], "correction");
        app.stop().await;
    }
}

#[tokio::test]
async fn register_pages_speak_estonian_and_spanish() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        people(&app).await;
        let (c, csrf) = client(&app, Who::Clerk).await;
        let switched = c
            .get(app.url("/admin/register?lang=et"))
            .send()
            .await
            .unwrap();
        assert!(switched.status().is_redirection());
        let html = c
            .get(app.url("/admin/register"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(html.contains("Elanike register"), "{html}");
        let bad = file(&["37605030298,Jaan,Mets,1976-05-03,Lai 3,Kesklinn,,"]);
        let html = upload(&app, &c, &csrf, "2026-01-01", &bad)
            .await
            .text()
            .await
            .unwrap();
        assert!(html.contains("kontrollnumber"), "{html}");
        let (admin, _) = client(&app, Who::Admin).await;
        admin
            .get(app.url("/admin/register/grants?lang=es"))
            .send()
            .await
            .unwrap();
        let html = admin
            .get(app.url("/admin/register/grants"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(html.contains("Permisos del padrón"), "{html}");
        assert!(html.contains("clerk"));
        app.stop().await;
    }
}
