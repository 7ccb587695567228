//! The residents' district and birth date pages (`/residents`, `/residents/{id}`) on
//! every database: who may see and change them, messages next to the fields on bad
//! input with nothing stored, CSRF, the audit event, the links that lead there, and the
//! same district and date rules through the JSON API.

use civis_budget::ResidentProfile;
use civis_domain::{AuditAction, Role, UserId};
use civis_store::AuditFilter;
use reqwest::header::LOCATION;
use reqwest::StatusCode;
use serde_json::json;

use crate::budget_api_fixture::{error_fields, settings, Caller};
use crate::harness::{databases, TestApp};

/// A page client signed in as `username` (or signed out with `None`).
async fn client(app: &TestApp, username: Option<&str>) -> reqwest::Client {
    let client = app.client();
    if let Some(name) = username {
        app.sign_in(&client, name).await;
    }
    client
}

async fn get(app: &TestApp, client: &reqwest::Client, path: &str) -> (StatusCode, String) {
    get_in(app, client, path, "en").await
}

async fn get_in(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    lang: &str,
) -> (StatusCode, String) {
    let r = client
        .get(app.url(path))
        .header("accept-language", lang)
        .send()
        .await
        .unwrap();
    (r.status(), r.text().await.unwrap())
}

async fn post(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    form: &[(&str, &str)],
) -> (StatusCode, Option<String>, String) {
    let r = client
        .post(app.url(path))
        .header("accept-language", "en")
        .form(form)
        .send()
        .await
        .unwrap();
    let status = r.status();
    let location = r
        .headers()
        .get(LOCATION)
        .map(|v| v.to_str().unwrap().to_owned());
    (status, location, r.text().await.unwrap())
}

fn csrf_token(html: &str) -> String {
    let marker = "name=\"csrf_token\" value=\"";
    let start = html.find(marker).expect("no csrf_token field") + marker.len();
    let end = html[start..].find('"').unwrap();
    html[start..start + end].to_owned()
}

async fn changes(app: &TestApp) -> u64 {
    app.store
        .count_audit(&AuditFilter {
            action: Some(AuditAction::ResidentProfileChanged),
            ..Default::default()
        })
        .await
        .unwrap()
}

async fn stored(app: &TestApp, id: UserId) -> ResidentProfile {
    app.store.resident_profile(id).await.unwrap()
}

#[tokio::test]
async fn each_role_sees_or_changes_the_district_and_birth_date_as_the_api_allows() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        let ana = app.create_user("ana", Role::Resident).await;
        app.create_user("offi", Role::Official).await;
        app.create_user("admi", Role::Admin).await;
        app.create_user("audi", Role::Auditor).await;
        let path = format!("/residents/{}", ana.id);

        // Signed out: to the sign-in page (the form itself is refused).
        let anon = client(&app, None).await;
        for p in ["/residents", path.as_str()] {
            let (status, _) = get(&app, &anon, p).await;
            assert_eq!(status, StatusCode::SEE_OTHER, "{} GET {p}", app.backend);
        }
        let (_, sign_in) = get(&app, &anon, "/sign-in").await;
        let csrf = csrf_token(&sign_in);
        let (status, location, _) = post(
            &app,
            &anon,
            &path,
            &[("csrf_token", &csrf), ("district", "North")],
        )
        .await;
        assert_eq!(
            (status, location),
            (StatusCode::UNAUTHORIZED, None),
            "{}: a form sent signed out is refused",
            app.backend
        );

        // Residents: not even their own.
        let resident = client(&app, Some("ana")).await;
        for p in ["/residents", path.as_str()] {
            let (status, _) = get(&app, &resident, p).await;
            assert_eq!(
                status,
                StatusCode::FORBIDDEN,
                "{} resident GET {p}",
                app.backend
            );
        }
        let (_, home) = get(&app, &resident, "/").await;
        assert!(
            !home.contains("href=\"/residents\""),
            "no link for residents"
        );
        let csrf = csrf_token(&home);
        let (status, _, _) = post(
            &app,
            &resident,
            &path,
            &[("csrf_token", &csrf), ("district", "North")],
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN);

        // Auditors: read only, as the API (they read every profile, change none).
        let auditor = client(&app, Some("audi")).await;
        let (status, page) = get(&app, &auditor, &path).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert!(page.contains("District and birth date of ana"), "{page}");
        assert!(page.contains("Auditors see these details but do not change them."));
        assert!(!page.contains("name=\"district\""));
        assert!(
            page.contains("href=\"/residents\""),
            "nav link for auditors"
        );
        let csrf = csrf_token(&page);
        let (status, _, _) = post(
            &app,
            &auditor,
            &path,
            &[("csrf_token", &csrf), ("district", "North")],
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_eq!(stored(&app, ana.id).await, ResidentProfile::default());
        assert_eq!(changes(&app).await, 0);

        // Officials and admins change them; each change is audited with its actor.
        for (who, district, born) in [("offi", "North", "1990-05-17"), ("admi", "", "2001-12-31")] {
            let staff = client(&app, Some(who)).await;
            let (status, page) = get(&app, &staff, &path).await;
            assert_eq!(status, StatusCode::OK, "{who}: {page}");
            assert!(page.contains("name=\"district\""), "{who}: {page}");
            let csrf = csrf_token(&page);
            let (status, location, _) = post(
                &app,
                &staff,
                &path,
                &[
                    ("csrf_token", &csrf),
                    ("district", district),
                    ("birth_date", born),
                ],
            )
            .await;
            assert_eq!(status, StatusCode::SEE_OTHER, "{} {who}", app.backend);
            let location = location.unwrap();
            assert_eq!(location, format!("{path}?saved=1"));
            let (_, page) = get(&app, &staff, &location).await;
            assert!(
                page.contains("The district and birth date have been saved."),
                "{page}"
            );
            assert!(page.contains(born), "{page}");
            let want = ResidentProfile {
                district: Some(district.to_owned()).filter(|d| !d.is_empty()),
                birth_date: Some(born.to_owned()),
            };
            assert_eq!(stored(&app, ana.id).await, want, "{who}");
        }
        assert_eq!(changes(&app).await, 2);
        let events = app
            .store
            .list_audit(
                &AuditFilter {
                    action: Some(AuditAction::ResidentProfileChanged),
                    ..Default::default()
                },
                civis_store::Page::new(0, 10),
            )
            .await
            .unwrap();
        let actors: Vec<_> = events.iter().map(|e| e.actor.map(|a| a.0)).collect();
        let offi = app
            .store
            .user_by_username(&civis_domain::Username::parse("offi").unwrap())
            .await
            .unwrap();
        assert!(actors.contains(&Some(offi.id.0)), "{actors:?}");
        assert!(events
            .iter()
            .all(|e| e.target.as_deref() == Some(format!("user:{}", ana.id).as_str())));
        app.stop().await;
    }
}

#[tokio::test]
async fn bad_input_is_refused_next_to_the_field_and_nothing_is_stored() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        let ana = app.create_user("ana", Role::Resident).await;
        let official = Caller::new(&app, "offi", Role::Official).await;
        let path = format!("/residents/{}", ana.id);
        let staff = client(&app, Some("offi")).await;

        // Before any process names a district, any name is taken.
        let (_, page) = get(&app, &staff, &path).await;
        assert!(page.contains("No process names a district yet"), "{page}");
        let csrf = csrf_token(&page);
        let (status, _, _) = post(
            &app,
            &staff,
            &path,
            &[("csrf_token", &csrf), ("district", "Old Town")],
        )
        .await;
        assert_eq!(status, StatusCode::SEE_OTHER);

        // Then only the districts the processes name (and the one recorded).
        let mut body = settings(
            &app,
            json!({"type": "approval", "min": 1, "max": 2}),
            json!({}),
        );
        body["rules"]["budgets"]["districts"] = json!({"North": 100});
        let (status, v) = official.post(&app, "/api/v1/processes", body).await;
        assert_eq!(status, 201, "{v}");
        let (_, page) = get(&app, &staff, &path).await;
        assert!(
            page.contains("One of the districts the processes name: North."),
            "{page}"
        );
        assert!(page.contains("<option value=\"North\">"), "{page}");
        let before = (stored(&app, ana.id).await, changes(&app).await);
        let tomorrow = {
            let (y, m, d) = app.clock.now().plus_seconds(86_400).utc_date();
            format!("{y:04}-{m:02}-{d:02}")
        };
        for (district, born, field, message) in [
            (
                "north",
                "1990-01-31",
                "district",
                "No process names the district “north”. Choose one of: North, Old Town.",
            ),
            (
                "North",
                "1990-02-30",
                "birth_date",
                "Enter a real date as YYYY-MM-DD, for example 1990-01-31.",
            ),
            (
                "North",
                "31.01.1990",
                "birth_date",
                "Enter a real date as YYYY-MM-DD, for example 1990-01-31.",
            ),
            (
                "North",
                tomorrow.as_str(),
                "birth_date",
                "The birth date cannot be in the future.",
            ),
            (
                "No\u{7}rth",
                "",
                "district",
                "Remove the invisible control characters from the district.",
            ),
        ] {
            let (status, _, page) = post(
                &app,
                &staff,
                &path,
                &[
                    ("csrf_token", &csrf),
                    ("district", district),
                    ("birth_date", born),
                ],
            )
            .await;
            assert_eq!(
                status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{} {district} {born}: {page}",
                app.backend
            );
            assert!(
                page.contains(&format!(
                    "<p class=\"error-msg\" id=\"{field}-error\">{message}</p>"
                )),
                "{district} {born}: {page}"
            );
            assert!(page.contains(&format!("id=\"{field}\" name=\"{field}\"")));
            assert!(page.contains("aria-invalid=\"true\""));
            assert!(page.contains("<title>Error:"), "{page}");
            assert!(
                page.contains(&format!("value=\"{born}\"")),
                "what was typed is kept"
            );
            assert_eq!(
                (stored(&app, ana.id).await, changes(&app).await),
                before,
                "nothing stored"
            );
        }
        // The recorded district stays acceptable, so the birth date can be corrected.
        let (status, _, page) = post(
            &app,
            &staff,
            &path,
            &[
                ("csrf_token", &csrf),
                ("district", "Old Town"),
                ("birth_date", "1990-01-31"),
            ],
        )
        .await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{page}");
        assert_eq!(
            stored(&app, ana.id).await.birth_date.as_deref(),
            Some("1990-01-31")
        );

        // The JSON API follows the same rules.
        let api = format!("/api/v1/users/{}/resident-profile", ana.id);
        let (status, v) = official
            .put(
                &app,
                &api,
                json!({"district": "South", "birth_date": tomorrow}),
            )
            .await;
        assert_eq!(status, 422, "{v}");
        assert_eq!(error_fields(&v), vec!["district", "birth_date"], "{v}");
        let (status, v) = official.put(&app, &api, json!({"district": "North"})).await;
        assert_eq!(
            (status, v["district"].as_str()),
            (200, Some("North")),
            "{v}"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn the_form_needs_the_csrf_token() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        let ana = app.create_user("ana", Role::Resident).await;
        app.create_user("offi", Role::Official).await;
        let staff = client(&app, Some("offi")).await;
        let path = format!("/residents/{}", ana.id);
        for form in [
            vec![("district", "North")],
            vec![("csrf_token", "forged"), ("district", "North")],
        ] {
            let (status, _, _) = post(&app, &staff, &path, &form).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{} {form:?}", app.backend);
        }
        assert_eq!(stored(&app, ana.id).await, ResidentProfile::default());
        assert_eq!(changes(&app).await, 0);
        app.stop().await;
    }
}

#[tokio::test]
async fn officials_find_residents_by_name_or_in_the_list_and_admins_from_the_users_page() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        let ana = app.create_user("ana", Role::Resident).await;
        app.create_user("ben", Role::Resident).await;
        app.create_user("offi", Role::Official).await;
        app.create_user("admi", Role::Admin).await;
        app.store
            .set_resident_profile(
                ana.id,
                &ResidentProfile {
                    district: Some("North".to_owned()),
                    birth_date: None,
                },
                civis_store::Change::system(app.clock.now()),
            )
            .await
            .unwrap();

        let staff = client(&app, Some("offi")).await;
        let (_, home) = get(&app, &staff, "/").await;
        assert!(home.contains("href=\"/residents\""), "nav link: {home}");
        let (status, page) = get(&app, &staff, "/residents").await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert!(page.contains("2 resident accounts"), "{page}");
        assert!(page.contains(&format!("href=\"/residents/{}\"", ana.id)));
        assert!(page.contains("<td>North</td>"), "{page}");
        assert!(page.contains("Not recorded"));
        assert!(!page.contains(">offi<"), "only residents are listed");

        let (status, page) = get(&app, &staff, "/residents?username=ana").await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{page}");
        let r = staff
            .get(app.url("/residents?username=ana"))
            .send()
            .await
            .unwrap();
        assert_eq!(
            r.headers()[LOCATION].to_str().unwrap(),
            format!("/residents/{}", ana.id)
        );
        let (status, page) = get(&app, &staff, "/residents?username=nobody").await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            page.contains(
                "<p class=\"error-msg\" id=\"username-error\">There is no account with the username “nobody”"
            ),
            "{page}"
        );
        let (status, _) = get(&app, &staff, "/residents/987654").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = get(&app, &staff, "/residents/ana").await;
        assert_eq!(status, StatusCode::NOT_FOUND);

        let admin = client(&app, Some("admi")).await;
        let (_, users) = get(&app, &admin, "/admin/users").await;
        assert!(
            users.contains(&format!(
                "<a href=\"/residents/{}\">District and birth date",
                ana.id
            )),
            "{users}"
        );
        // Another account's role is said, not hidden.
        let (_, page) = get(
            &app,
            &admin,
            &format!("/residents/{}", admin_id(&app).await),
        )
        .await;
        assert!(
            page.contains("This is not a resident&#39;s account"),
            "{page}"
        );

        // In every language.
        for (lang, title) in [
            ("es", "Distrito y fecha de nacimiento de ana"),
            ("et", "Kasutaja ana linnaosa ja sünniaeg"),
        ] {
            let (status, page) =
                get_in(&app, &staff, &format!("/residents/{}", ana.id), lang).await;
            assert_eq!(status, StatusCode::OK);
            assert!(page.contains(&format!("<html lang=\"{lang}\">")), "{page}");
            assert!(page.contains(title), "{lang}: {page}");
        }
        app.stop().await;
    }
}

async fn admin_id(app: &TestApp) -> i64 {
    app.store
        .user_by_username(&civis_domain::Username::parse("admi").unwrap())
        .await
        .unwrap()
        .id
        .0
}
