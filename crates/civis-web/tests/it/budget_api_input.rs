//! Bad input to the participatory budgeting API: problem+json `422` naming each field
//! (or each ballot problem), and nothing stored.

use civis_domain::Role;
use serde_json::json;

use crate::budget_api_fixture::{
    advance_hours, error_fields, problem_slug, settings, voting_process, Caller,
};
use crate::harness::{databases, expect_problem, TestApp};

#[tokio::test]
async fn bad_process_settings_name_every_field_and_store_nothing() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        let official = Caller::new(&app, "offi", Role::Official).await;
        let mut body = settings(&app, json!({"type": "approval", "max": 3}), json!({}));
        body["title"] = json!({"en": "Only English"});
        body["schedule"]["voting_close"] = json!("yesterday");
        body["rules"]["budgets"]["total"] = json!(-5);
        body["rules"]["ballot"] = json!({"type": "lottery"});
        body["rules"]["rule"] = json!({"rule": "mes", "completion": "add2"});
        let res = official
            .client
            .post(app.url("/api/v1/processes"))
            .header("x-csrf-token", &official.csrf)
            .json(&body)
            .send()
            .await
            .unwrap();
        let problem = expect_problem(res, 422).await;
        let fields = error_fields(&problem);
        for f in [
            "schedule.voting_close",
            "rules.budgets.total",
            "rules.ballot.type",
            "rules.rule.completion",
        ] {
            assert!(fields.contains(&f.to_owned()), "{f} in {problem}");
        }

        // Shape fine, meaning wrong: languages, phase order, min above max.
        let mut body = settings(
            &app,
            json!({"type": "approval", "min": 3, "max": 2}),
            json!({}),
        );
        body["title"] = json!({"en": "Only English"});
        body["schedule"]["voting_close"] = body["schedule"]["proposals_open"].clone();
        let (status, problem) = official.post(&app, "/api/v1/processes", body).await;
        assert_eq!(status, 422, "{problem}");
        let fields = error_fields(&problem);
        for f in [
            "title.es",
            "title.et",
            "schedule.voting_close",
            "rules.ballot.min",
        ] {
            assert!(fields.contains(&f.to_owned()), "{f} in {problem}");
        }
        let (_, list) = official.get(&app, "/api/v1/processes").await;
        assert_eq!(list, json!([]), "nothing stored");

        // Missing fields are named too.
        let (status, problem) = official.post(&app, "/api/v1/processes", json!({})).await;
        assert_eq!(status, 422, "{problem}");
        let fields = error_fields(&problem);
        for f in [
            "title.en",
            "description.et",
            "schedule.voting_open",
            "rules.ballot.type",
            "rules.rule.rule",
        ] {
            assert!(fields.contains(&f.to_owned()), "{f} in {problem}");
        }

        // Malformed JSON is a 400 problem.
        let res = official
            .client
            .post(app.url("/api/v1/processes"))
            .header("x-csrf-token", &official.csrf)
            .header("content-type", "application/json")
            .body("{\"title\":")
            .send()
            .await
            .unwrap();
        expect_problem(res, 400).await;
        app.stop().await;
    }
}

#[tokio::test]
async fn bad_proposals_reviews_profiles_and_ballots() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        let official = Caller::new(&app, "offi", Role::Official).await;
        let resident = Caller::new(&app, "resi", Role::Resident).await;
        let (status, p) = official
            .post(
                &app,
                "/api/v1/processes",
                settings(
                    &app,
                    json!({"type": "cumulative", "points": 5, "max_per_project": 3}),
                    json!({}),
                ),
            )
            .await;
        assert_eq!(status, 201, "{p}");
        let id = p["id"].as_i64().unwrap();
        advance_hours(&app, 1);
        let (status, v) = resident
            .post(
                &app,
                &format!("/api/v1/processes/{id}/proposals"),
                json!({"title": "  ", "description": "", "estimated_cost": 0}),
            )
            .await;
        assert_eq!(status, 422, "{v}");
        assert_eq!(error_fields(&v), ["title", "description", "estimated_cost"]);
        let (status, v) = resident
            .post(
                &app,
                &format!("/api/v1/processes/{id}/proposals"),
                json!({}),
            )
            .await;
        assert_eq!(status, 422, "{v}");
        assert_eq!(error_fields(&v), ["title", "description", "estimated_cost"]);
        let (status, v) = resident
            .post(
                &app,
                &format!("/api/v1/processes/{id}/proposals"),
                json!({"title": "Park", "description": "Green.", "estimated_cost": -3}),
            )
            .await;
        assert_eq!(
            (status, error_fields(&v)),
            (422, vec!["estimated_cost".to_owned()])
        );
        let (status, v) = resident
            .post(
                &app,
                &format!("/api/v1/processes/{id}/proposals"),
                json!({"title": "Pa\u{0}rk", "description": "Gr\u{7}een.\nTrees.", "estimated_cost": 5, "district": "no\nrth"}),
            )
            .await;
        assert_eq!(
            (status, error_fields(&v)),
            (
                422,
                vec![
                    "title".to_owned(),
                    "description".to_owned(),
                    "district".to_owned()
                ]
            ),
            "control characters are refused on every database: {v}"
        );
        let (_, list) = resident
            .get(&app, &format!("/api/v1/processes/{id}/proposals"))
            .await;
        assert_eq!(list, json!([]), "nothing stored");

        let (_, v) = resident
            .post(
                &app,
                &format!("/api/v1/processes/{id}/proposals"),
                json!({"title": "Park", "description": "Green.", "estimated_cost": 50}),
            )
            .await;
        let park = v["id"].as_i64().unwrap();
        advance_hours(&app, 2);
        for (review, field) in [
            (json!({"status": "accepted"}), "official_cost"),
            (
                json!({"status": "accepted", "official_cost": 0}),
                "official_cost",
            ),
            (json!({"status": "rejected", "reason": " "}), "reason"),
            (
                json!({"status": "rejected", "reason": "No\u{0} room"}),
                "reason",
            ),
            (json!({"status": "merged", "into": park}), "into"),
            (json!({"status": "merged", "into": 987_654}), "into"),
            (json!({"status": "maybe"}), "status"),
        ] {
            let (status, v) = official
                .post(
                    &app,
                    &format!("/api/v1/proposals/{park}/review"),
                    review.clone(),
                )
                .await;
            assert_eq!(
                (status, error_fields(&v)),
                (422, vec![field.to_owned()]),
                "{review}: {v}"
            );
        }
        let (status, v) = official
            .post(
                &app,
                &format!("/api/v1/proposals/{park}/moderation"),
                json!({"hidden": true}),
            )
            .await;
        assert_eq!(
            (status, error_fields(&v)),
            (422, vec!["reason".to_owned()]),
            "{v}"
        );
        let (status, v) = official
            .put(
                &app,
                &format!("/api/v1/users/{}/resident-profile", resident.id),
                json!({"district": "north", "birth_date": "1990-02-30"}),
            )
            .await;
        assert_eq!(
            (status, error_fields(&v)),
            (422, vec!["birth_date".to_owned()]),
            "{v}"
        );
        let (status, _) = official
            .put(
                &app,
                "/api/v1/users/987654/resident-profile",
                json!({"district": "north"}),
            )
            .await;
        assert_eq!(status, 404);

        let (status, _) = official
            .post(
                &app,
                &format!("/api/v1/proposals/{park}/review"),
                json!({"status": "accepted", "official_cost": 60}),
            )
            .await;
        assert_eq!(status, 200);
        advance_hours(&app, 1);
        let path = format!("/api/v1/processes/{id}/ballot");
        for (ballot, field) in [
            (json!({}), "ballot"),
            (json!({"approvals": [park], "ranking": [park]}), "ballot"),
            (json!({"points": {"park": 2}}), "points"),
            (json!({"points": {park.to_string(): -1}}), "points"),
        ] {
            let (status, v) = resident.put(&app, &path, ballot.clone()).await;
            assert_eq!(
                (status, error_fields(&v)),
                (422, vec![field.to_owned()]),
                "{ballot}: {v}"
            );
        }
        // Rule problems, each in plain words.
        let (status, v) = resident
            .put(
                &app,
                &path,
                json!({"points": {park.to_string(): 4, "424242": 2}}),
            )
            .await;
        assert_eq!(
            (status, problem_slug(&v)),
            (422, "invalid-ballot".into()),
            "{v}"
        );
        assert_eq!(
            v["errors"].as_array().unwrap().len(),
            2,
            "over 3 for one project, and an unknown project: {v}"
        );
        let (status, v) = resident
            .put(&app, &path, json!({"points": {park.to_string(): 3}}))
            .await;
        assert_eq!(status, 200, "{v}");
        let (_, v) = resident.get(&app, &path).await;
        assert_eq!(v["points"], json!({park.to_string(): 3}));
        app.stop().await;
    }
}

#[tokio::test]
async fn unknown_processes_and_proposals_are_404() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        let official = Caller::new(&app, "offi", Role::Official).await;
        let resident = Caller::new(&app, "resi", Role::Resident).await;
        let (process, _, _) = voting_process(&app, &official, &resident).await;
        for path in [
            "/api/v1/processes/987654".to_owned(),
            "/api/v1/processes/987654/proposals".to_owned(),
            "/api/v1/proposals/987654".to_owned(),
            "/api/v1/processes/987654/results".to_owned(),
        ] {
            assert_eq!(resident.get(&app, &path).await.0, 404, "{path}");
        }
        let (status, _) = resident
            .put(
                &app,
                "/api/v1/processes/987654/ballot",
                json!({"approvals": [1]}),
            )
            .await;
        assert_eq!(status, 404);
        let (status, v) = official
            .put(
                &app,
                &format!("/api/v1/processes/{process}/paper-ballots/987654"),
                json!({"approvals": [1]}),
            )
            .await;
        assert_eq!(status, 404, "{v}");
        let (status, _) = resident.get(&app, "/api/v1/processes/abc").await;
        assert_eq!(status, 400);
        app.stop().await;
    }
}
