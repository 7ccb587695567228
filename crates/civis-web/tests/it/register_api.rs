//! The register API: every route for every kind of caller, imports with their
//! report, searches with a purpose (audited), permissions (audited), CSRF.

use civis_domain::AuditAction;
use civis_store::{AuditFilter, Page};
use serde_json::{json, Value};

use crate::harness::{databases, expect_problem, TestApp};
use crate::register_support::{client, file, people, Who, MARI, MART, WHO};

/// One row: method, template, path, body, and the status for each of [`WHO`].
struct Row {
    method: &'static str,
    template: &'static str,
    path: &'static str,
    body: fn() -> Option<Value>,
    expect: [u16; 6],
}

fn rows() -> Vec<Row> {
    vec![
        Row {
            method: "GET",
            template: "/api/v1/register/imports",
            path: "/api/v1/register/imports",
            body: || None,
            expect: [401, 403, 403, 200, 403, 403],
        },
        Row {
            method: "POST",
            template: "/api/v1/register/imports",
            path: "/api/v1/register/imports",
            body: || Some(json!({"effective_date": "2026-01-01", "csv": file(&[MART, MARI])})),
            expect: [401, 403, 403, 201, 403, 403],
        },
        Row {
            method: "POST",
            template: "/api/v1/register/search",
            path: "/api/v1/register/search",
            body: || Some(json!({"personal_code": "37605030299", "purpose": "enrolment"})),
            expect: [401, 403, 403, 200, 403, 403],
        },
        Row {
            method: "GET",
            template: "/api/v1/register/grants",
            path: "/api/v1/register/grants",
            body: || None,
            expect: [401, 403, 403, 403, 200, 403],
        },
        Row {
            method: "POST",
            template: "/api/v1/register/grants",
            path: "/api/v1/register/grants",
            body: || Some(json!({"username": "offi", "permission": "register.read"})),
            expect: [401, 403, 403, 403, 200, 403],
        },
        Row {
            method: "DELETE",
            template: "/api/v1/register/grants/{username}/{permission}",
            path: "/api/v1/register/grants/offi/register.read",
            body: || None,
            expect: [401, 403, 403, 403, 200, 403],
        },
    ]
}

/// The (method, template) pairs this file covers, for the route-coverage check.
pub fn covered_routes() -> Vec<(String, String)> {
    rows()
        .iter()
        .map(|r| (r.method.to_owned(), r.template.to_owned()))
        .collect()
}

async fn send(
    app: &TestApp,
    c: &reqwest::Client,
    csrf: &str,
    method: &str,
    path: &str,
    body: Option<Value>,
) -> reqwest::Response {
    let mut req = c.request(method.parse().unwrap(), app.url(path));
    if !csrf.is_empty() {
        req = req.header("x-csrf-token", csrf);
    }
    if let Some(b) = body {
        req = req.json(&b);
    }
    req.send().await.unwrap()
}

#[tokio::test]
async fn every_register_route_for_every_caller() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        people(&app).await;
        for (i, who) in WHO.into_iter().enumerate() {
            let (c, csrf) = client(&app, who).await;
            for row in rows() {
                let res = send(&app, &c, &csrf, row.method, row.path, (row.body)()).await;
                let want = row.expect[i];
                let status = res.status().as_u16();
                assert_eq!(
                    status, want,
                    "{who:?} {} {} ({})",
                    row.method, row.path, app.backend
                );
                if status >= 400 {
                    expect_problem(res, want).await;
                }
            }
        }
        app.stop().await;
    }
}

#[tokio::test]
async fn imports_report_every_problem_and_change_nothing() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        people(&app).await;
        let (c, csrf) = client(&app, Who::Clerk).await;
        // Without the CSRF header: refused.
        let body = json!({"effective_date": "2026-01-01", "csv": file(&[MART])});
        let res = send(&app, &c, "", "POST", "/api/v1/register/imports", Some(body)).await;
        expect_problem(res, 403).await;
        let bad = file(&[
            MART,
            "37605030298,Jaan,Mets,1976-05-03,Lai 3,Kesklinn,,",
            "37605030299,Mart,Tamm,1976-05-03,Lai 4,Kesklinn,,",
            "49403136515,Mari,,1994-03-13,Lai 2,Kesklinn,12345,gone",
        ]);
        let res = send(
            &app,
            &c,
            &csrf,
            "POST",
            "/api/v1/register/imports",
            Some(json!({"effective_date": "2026-01-01", "csv": bad})),
        )
        .await;
        let problem = expect_problem(res, 422).await;
        let got: Vec<(u64, &str, &str)> = problem["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["line"].as_u64().unwrap(),
                    e["field"].as_str().unwrap(),
                    e["code"].as_str().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (3, "personal_code", "code-checksum"),
                (4, "personal_code", "duplicate"),
                (5, "family_name", "required"),
                (5, "phone", "phone"),
                (5, "status", "status"),
            ],
            "{problem}"
        );
        assert!(problem["errors"][1]["message"]
            .as_str()
            .unwrap()
            .contains("line 2"));
        let res = send(
            &app,
            &c,
            &csrf,
            "POST",
            "/api/v1/register/imports",
            Some(json!({"effective_date": "1 Jan", "csv": file(&[MART])})),
        )
        .await;
        let problem = expect_problem(res, 422).await;
        assert_eq!(problem["errors"][0]["field"], "effective_date");
        assert!(app
            .store
            .list_register_imports(Page::new(0, 10))
            .await
            .unwrap()
            .is_empty());

        // A good file, twice: the second changes nothing.
        for (created, unchanged) in [(2, 0), (0, 2)] {
            let res = send(
                &app,
                &c,
                &csrf,
                "POST",
                "/api/v1/register/imports",
                Some(json!({"effective_date": "2026-01-01", "csv": file(&[MART, MARI])})),
            )
            .await;
            assert_eq!(res.status(), 201);
            let done: Value = res.json().await.unwrap();
            assert_eq!(done["created"], created, "{done}");
            assert_eq!(done["unchanged"], unchanged, "{done}");
            assert_eq!(done["file_sha256"].as_str().unwrap().len(), 64);
        }
        // Mari missing from a later file: refused, naming her record.
        let res = send(
            &app,
            &c,
            &csrf,
            "POST",
            "/api/v1/register/imports",
            Some(json!({"effective_date": "2026-02-01", "csv": file(&[MART])})),
        )
        .await;
        let problem = expect_problem(res, 422).await;
        assert_eq!(problem["errors"][0]["code"], "missing-active");
        assert!(problem["errors"][0].get("line").is_none());
        let list: Value = c
            .get(app.url("/api/v1/register/imports"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(list["items"].as_array().unwrap().len(), 2);
        app.stop().await;
    }
}

#[tokio::test]
async fn searches_need_a_purpose_and_are_audited() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        people(&app).await;
        let (c, csrf) = client(&app, Who::Clerk).await;
        let res = send(
            &app,
            &c,
            &csrf,
            "POST",
            "/api/v1/register/imports",
            Some(json!({"effective_date": "2026-01-01", "csv": file(&[MART, MARI])})),
        )
        .await;
        assert_eq!(res.status(), 201);
        let reads = AuditFilter {
            action: Some(AuditAction::RegisterRecordRead),
            ..Default::default()
        };
        for (body, field) in [
            (
                json!({"personal_code": "37605030299", "purpose": ""}),
                "purpose",
            ),
            (
                json!({"personal_code": "37605030299", "purpose": "other"}),
                "purpose_text",
            ),
            (
                json!({"personal_code": "3760503029", "purpose": "enrolment"}),
                "personal_code",
            ),
        ] {
            let res = send(
                &app,
                &c,
                &csrf,
                "POST",
                "/api/v1/register/search",
                Some(body),
            )
            .await;
            let problem = expect_problem(res, 422).await;
            assert_eq!(problem["errors"][0]["field"], field, "{problem}");
        }
        assert_eq!(app.store.count_audit(&reads).await.unwrap(), 0);
        let res = send(
            &app,
            &c,
            &csrf,
            "POST",
            "/api/v1/register/search",
            Some(json!({"personal_code": " 37605030299 ", "purpose": "other", "purpose_text": "Court order 12"})),
        )
        .await;
        assert_eq!(res.status(), 200);
        let rec: Value = res.json().await.unwrap();
        assert_eq!(rec["personal_code"], "37605030299");
        assert_eq!(rec["versions"][0]["address"], "Pikk 1, Tallinn");
        assert_eq!(rec["versions"][0]["phone"], "+37255512345");
        let res = send(
            &app,
            &c,
            &csrf,
            "POST",
            "/api/v1/register/search",
            Some(json!({"personal_code": "38001085718", "purpose": "eligibility"})),
        )
        .await;
        expect_problem(res, 404).await;
        let events = app
            .store
            .list_audit(&reads, Page::new(0, 10))
            .await
            .unwrap();
        assert_eq!(events.len(), 2);
        assert_eq!(events[0].after.as_ref().unwrap()["found"], false);
        assert_eq!(
            events[1].after.as_ref().unwrap()["purpose_text"],
            "Court order 12"
        );
        assert_eq!(
            events[1].target.as_deref(),
            Some(&*format!("register_record:{}", rec["id"]))
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn admins_grant_officials_only_and_it_is_audited() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        people(&app).await;
        let (c, csrf) = client(&app, Who::Admin).await;
        let (off, off_csrf) = client(&app, Who::Official).await;
        let search = json!({"personal_code": "37605030299", "purpose": "enrolment"});
        let res = send(
            &app,
            &off,
            &off_csrf,
            "POST",
            "/api/v1/register/search",
            Some(search.clone()),
        )
        .await;
        expect_problem(res, 403).await;
        for (body, field, code) in [
            (
                json!({"username": "resi", "permission": "register.read"}),
                "username",
                "not-official",
            ),
            (
                json!({"username": "nobody", "permission": "register.read"}),
                "username",
                "unknown-user",
            ),
            (
                json!({"username": "offi", "permission": "register.write"}),
                "permission",
                "unknown-permission",
            ),
        ] {
            let res = send(
                &app,
                &c,
                &csrf,
                "POST",
                "/api/v1/register/grants",
                Some(body),
            )
            .await;
            let problem = expect_problem(res, 422).await;
            assert_eq!(problem["errors"][0]["field"], field, "{problem}");
            assert_eq!(problem["errors"][0]["code"], code, "{problem}");
        }
        let grant = json!({"username": "offi", "permission": "register.read"});
        let res = send(
            &app,
            &c,
            &csrf,
            "POST",
            "/api/v1/register/grants",
            Some(grant.clone()),
        )
        .await;
        assert_eq!(res.json::<Value>().await.unwrap()["changed"], true);
        let res = send(
            &app,
            &c,
            &csrf,
            "POST",
            "/api/v1/register/grants",
            Some(grant),
        )
        .await;
        assert_eq!(res.json::<Value>().await.unwrap()["changed"], false);
        // Granted: the official may search now (the register is empty: 404).
        let res = send(
            &app,
            &off,
            &off_csrf,
            "POST",
            "/api/v1/register/search",
            Some(search.clone()),
        )
        .await;
        expect_problem(res, 404).await;
        let list: Value = c
            .get(app.url("/api/v1/register/grants"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(list["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|g| g["username"] == "offi" && g["permission"] == "register.read"));
        let res = send(
            &app,
            &c,
            &csrf,
            "DELETE",
            "/api/v1/register/grants/offi/register.read",
            None,
        )
        .await;
        assert_eq!(res.json::<Value>().await.unwrap()["changed"], true);
        let res = send(
            &app,
            &off,
            &off_csrf,
            "POST",
            "/api/v1/register/search",
            Some(search),
        )
        .await;
        expect_problem(res, 403).await;
        let offi = app
            .store
            .user_by_username(&civis_domain::Username::parse("offi").unwrap())
            .await
            .unwrap();
        let events = app
            .store
            .list_audit(
                &AuditFilter {
                    target: Some(civis_domain::audit::user_target(offi.id)),
                    ..Default::default()
                },
                Page::new(0, 10),
            )
            .await
            .unwrap();
        let actions: Vec<&str> = events.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(
            actions,
            [
                "register.permission_revoked",
                "register.permission_granted",
                "user.created"
            ]
        );
        app.stop().await;
    }
}
