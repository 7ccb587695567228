//! A participatory budget from start to end through the JSON API, on every database:
//! create and edit a process, proposals, support, review, moderation, voting and
//! re-voting, a paper ballot replacing an online one (and back), the close by time,
//! publication of results and implementation reports; frozen rules, eligibility and no
//! running counts while voting.

use civis_domain::Role;
use serde_json::{json, Value};

use crate::budget_api_fixture::{advance_hours, error_fields, problem_slug, settings, Caller};
use crate::harness::{databases, TestApp};

async fn audit_total(app: &TestApp, admin: &Caller, action: &str) -> u64 {
    let (status, v) = admin
        .get(app, &format!("/api/v1/audit-events?action={action}"))
        .await;
    assert_eq!(status, 200, "{v}");
    v["total"].as_u64().unwrap()
}

#[tokio::test]
async fn a_process_from_creation_to_implementation() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        let official = Caller::new(&app, "offi", Role::Official).await;
        let admin = Caller::new(&app, "admi", Role::Admin).await;
        let anon = Caller::anonymous(&app);
        let ana = Caller::new(&app, "ana", Role::Resident).await;
        let ben = Caller::new(&app, "ben", Role::Resident).await;
        let cy = Caller::new(&app, "cyril", Role::Resident).await;
        let dora = Caller::new(&app, "dora", Role::Resident).await;

        // Residents of the north district only.
        for (who, district) in [(&ana, "north"), (&ben, "north"), (&cy, "south")] {
            let (status, v) = official
                .put(
                    &app,
                    &format!("/api/v1/users/{}/resident-profile", who.id),
                    json!({"district": district, "birth_date": "1990-05-17"}),
                )
                .await;
            assert_eq!(status, 200, "{v}");
            assert_eq!(v["district"], district);
        }
        let (status, v) = ana
            .get(&app, &format!("/api/v1/users/{}/resident-profile", ana.id))
            .await;
        assert_eq!((status, v["district"].as_str()), (200, Some("north")));

        let body = settings(
            &app,
            json!({"type": "approval", "min": 1, "max": 2}),
            json!({"district": "north"}),
        );
        let (status, created) = official.post(&app, "/api/v1/processes", body.clone()).await;
        assert_eq!(status, 201, "{}: {created}", app.backend);
        let id = created["id"].as_i64().unwrap();
        assert_eq!(created["phase"], "upcoming");
        assert_eq!(created["title"], "Green Tartu 2027");
        let digest = created["rules_digest"].as_str().unwrap().to_owned();
        assert_eq!(digest.len(), 64);

        // Upcoming processes are for officials only.
        let (_, list) = anon.get(&app, "/api/v1/processes").await;
        assert_eq!(list, json!([]));
        assert_eq!(
            anon.get(&app, &format!("/api/v1/processes/{id}")).await.0,
            404
        );
        let (_, list) = official.get(&app, "/api/v1/processes").await;
        assert_eq!(list[0]["id"], id);
        assert_eq!(list[0]["phase"], "upcoming");

        // Editable before voting; the title in the request's language.
        let mut edited = body.clone();
        edited["title"]["es"] = json!("Tartu más verde");
        let (status, v) = official
            .put(&app, &format!("/api/v1/processes/{id}"), edited)
            .await;
        assert_eq!(status, 200, "{v}");
        assert_eq!(v["settings"]["title"]["es"], "Tartu más verde");
        assert_eq!(audit_total(&app, &admin, "process.created").await, 1);
        assert_eq!(audit_total(&app, &admin, "process.changed").await, 1);

        // Proposals phase.
        advance_hours(&app, 1);
        let res = anon
            .client
            .get(app.url("/api/v1/processes"))
            .header("accept-language", "es")
            .send()
            .await
            .unwrap();
        let list: Value = res.json().await.unwrap();
        assert_eq!(list[0]["title"], "Tartu más verde");
        assert_eq!(list[0]["phase"], "proposals");

        let mut ids = vec![];
        for (who, title, cost) in [
            (&ana, "Trees", 80),
            (&ana, "Benches", 200),
            (&ben, "Fountain", 500),
            (&ben, "More trees", 70),
        ] {
            let (status, v) = who
                .post(
                    &app,
                    &format!("/api/v1/processes/{id}/proposals"),
                    json!({"title": title, "description": "Good for all.", "estimated_cost": cost, "district": "north"}),
                )
                .await;
            assert_eq!(status, 201, "{v}");
            assert_eq!(v["mine"], true);
            ids.push(v["id"].as_i64().unwrap());
        }
        let [trees, benches, fountain, more_trees] = ids[..] else {
            panic!()
        };
        // Not eligible (south) and not residents.
        let (status, v) = cy
            .post(
                &app,
                &format!("/api/v1/processes/{id}/proposals"),
                json!({"title": "X", "description": "Y", "estimated_cost": 1}),
            )
            .await;
        assert_eq!(
            (status, problem_slug(&v)),
            (403, "not-eligible".into()),
            "{v}"
        );
        let (status, _) = official
            .post(
                &app,
                &format!("/api/v1/processes/{id}/proposals"),
                json!({"title": "X", "description": "Y", "estimated_cost": 1}),
            )
            .await;
        assert_eq!(status, 403);
        // Only the author edits.
        let edit = json!({"title": "Trees on Main Street", "description": "Shade.", "estimated_cost": 90, "district": "north"});
        assert_eq!(
            ben.put(&app, &format!("/api/v1/proposals/{trees}"), edit.clone())
                .await
                .0,
            403
        );
        let (status, v) = ana
            .put(&app, &format!("/api/v1/proposals/{trees}"), edit.clone())
            .await;
        assert_eq!(
            (status, v["title"].as_str()),
            (200, Some("Trees on Main Street"))
        );
        // No support yet.
        let (status, v) = ben
            .post(
                &app,
                &format!("/api/v1/proposals/{trees}/support"),
                json!({}),
            )
            .await;
        assert_eq!(
            (status, problem_slug(&v)),
            (409, "wrong-phase".into()),
            "{v}"
        );
        assert_eq!(v["code"], "not_in_phase", "{v}");
        assert_eq!(
            v["detail"],
            "Supporting a proposal is possible only in the support phase; this process is in the proposals phase.",
            "{v}"
        );

        // Support phase.
        advance_hours(&app, 1);
        let (status, v) = ben
            .post(
                &app,
                &format!("/api/v1/proposals/{trees}/support"),
                json!({}),
            )
            .await;
        assert_eq!(status, 200, "{v}");
        assert_eq!(
            (v["added"].as_bool(), v["supports"].as_u64()),
            (Some(true), Some(1))
        );
        let (_, v) = ben
            .post(
                &app,
                &format!("/api/v1/proposals/{trees}/support"),
                json!({}),
            )
            .await;
        assert_eq!(
            (v["added"].as_bool(), v["supports"].as_u64()),
            (Some(false), Some(1))
        );
        let (status, _) = ana
            .put(&app, &format!("/api/v1/proposals/{trees}"), edit.clone())
            .await;
        assert_eq!(status, 409, "editing closes with the proposals phase");

        // Review phase: accept, reject, merge; moderation.
        advance_hours(&app, 1);
        for (pid, review) in [
            (trees, json!({"status": "accepted", "official_cost": 100})),
            (benches, json!({"status": "accepted", "official_cost": 250})),
            (
                fountain,
                json!({"status": "rejected", "reason": "Not on city land."}),
            ),
            (more_trees, json!({"status": "merged", "into": trees})),
        ] {
            let (status, v) = official
                .post(&app, &format!("/api/v1/proposals/{pid}/review"), review)
                .await;
            assert_eq!(status, 200, "{v}");
        }
        let (_, v) = anon
            .get(&app, &format!("/api/v1/proposals/{fountain}"))
            .await;
        assert_eq!(v["review"]["reason"], "Not on city land.");
        let (status, v) = official
            .post(
                &app,
                &format!("/api/v1/proposals/{fountain}/moderation"),
                json!({"hidden": true, "reason": "Insults a neighbour."}),
            )
            .await;
        assert_eq!((status, v["hidden"].as_bool()), (200, Some(true)), "{v}");
        assert_eq!(
            anon.get(&app, &format!("/api/v1/proposals/{fountain}"))
                .await
                .0,
            404
        );
        let (_, list) = anon
            .get(&app, &format!("/api/v1/processes/{id}/proposals"))
            .await;
        assert_eq!(
            list.as_array().unwrap().len(),
            3,
            "hidden ones are not listed"
        );
        let (_, list) = ben
            .get(&app, &format!("/api/v1/processes/{id}/proposals"))
            .await;
        assert_eq!(
            list.as_array().unwrap().len(),
            4,
            "the author still sees it"
        );
        assert_eq!(audit_total(&app, &admin, "proposal.reviewed").await, 4);
        assert_eq!(audit_total(&app, &admin, "proposal.moderated").await, 1);
        let (_, projects) = anon
            .get(&app, &format!("/api/v1/processes/{id}/projects"))
            .await;
        let project_ids: Vec<i64> = projects
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_i64().unwrap())
            .collect();
        assert_eq!(project_ids, [trees, benches]);
        assert_eq!(projects[0]["cost"], 100);
        assert_eq!(projects[0]["unit"], "citywide");
        // Not voting yet.
        let (status, v) = ana
            .put(
                &app,
                &format!("/api/v1/processes/{id}/ballot"),
                json!({"approvals": [trees]}),
            )
            .await;
        assert_eq!((status, problem_slug(&v)), (409, "wrong-phase".into()));

        // Voting phase: rules frozen.
        advance_hours(&app, 1);
        let (status, v) = official
            .put(&app, &format!("/api/v1/processes/{id}"), body.clone())
            .await;
        assert_eq!(
            (status, problem_slug(&v)),
            (409, "rules-frozen".into()),
            "{v}"
        );
        let (_, v) = anon.get(&app, &format!("/api/v1/processes/{id}")).await;
        assert_eq!(v["rules_frozen"], true);
        assert_eq!(
            v["rules_digest"].as_str(),
            Some(digest.as_str()),
            "an edit of the title keeps the rules"
        );
        let (status, v) = official
            .post(
                &app,
                &format!("/api/v1/proposals/{trees}/moderation"),
                json!({"hidden": true, "reason": "x"}),
            )
            .await;
        assert_eq!(status, 409, "the ballot is frozen too: {v}");

        let ballot = |ids: Vec<i64>| json!({"approvals": ids});
        let path = format!("/api/v1/processes/{id}/ballot");
        assert_eq!(ana.get(&app, &path).await.0, 404, "no ballot yet");
        let (status, v) = ana.put(&app, &path, ballot(vec![trees])).await;
        assert_eq!(status, 200, "{v}");
        assert_eq!(
            (v["revision"].as_u64(), v["channel"].as_str()),
            (Some(1), Some("online"))
        );
        let (status, v) = ana.put(&app, &path, ballot(vec![trees, benches])).await;
        assert_eq!((status, v["revision"].as_u64()), (200, Some(2)));
        let (_, v) = ana.get(&app, &path).await;
        assert_eq!(v["approvals"], json!([trees, benches]));

        // Invalid ballots are explained, one entry per problem.
        let (status, v) = ana
            .put(
                &app,
                &path,
                ballot(vec![fountain, 999_999, trees, trees, benches]),
            )
            .await;
        assert_eq!(
            (status, problem_slug(&v)),
            (422, "invalid-ballot".into()),
            "{v}"
        );
        assert_eq!(
            error_fields(&v),
            ["approvals", "approvals", "approvals"],
            "{v}"
        );
        let text = v["errors"].to_string();
        assert!(
            text.contains("not on the ballot") && text.contains("999999"),
            "{text}"
        );
        // Each problem also has its stable code.
        let codes: Vec<&str> = v["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["code"].as_str().unwrap())
            .collect();
        assert_eq!(
            codes,
            ["not_on_ballot", "unknown_project", "duplicate_project"],
            "{v}"
        );
        let (status, v) = ana.put(&app, &path, json!({"ranking": [trees]})).await;
        assert_eq!(status, 422, "{v}");
        let (status, v) = ana.put(&app, &path, ballot(vec![])).await;
        assert_eq!(status, 422, "{v}");
        let (_, v) = ana.get(&app, &path).await;
        assert_eq!(v["revision"], 2, "rejected ballots change nothing");

        // Eligibility: another district, no profile, not a resident.
        let (status, v) = cy.put(&app, &path, ballot(vec![trees])).await;
        assert_eq!(
            (status, problem_slug(&v)),
            (403, "not-eligible".into()),
            "{v}"
        );
        assert!(v["detail"].as_str().unwrap().contains("north"), "{v}");
        assert_eq!(v["code"], "wrong_district", "{v}");
        let (status, v) = dora.put(&app, &path, ballot(vec![trees])).await;
        assert_eq!(
            (status, problem_slug(&v)),
            (403, "not-eligible".into()),
            "{v}"
        );
        assert_eq!(official.put(&app, &path, ballot(vec![trees])).await.0, 403);

        // A paper ballot replaces the online one, and the reverse; paper is audited.
        let paper = format!("/api/v1/processes/{id}/paper-ballots/{}", ana.id);
        let (status, v) = official.put(&app, &paper, ballot(vec![benches])).await;
        assert_eq!(status, 200, "{v}");
        assert_eq!(
            (v["revision"].as_u64(), v["channel"].as_str()),
            (Some(3), Some("paper"))
        );
        let (_, v) = ana.get(&app, &path).await;
        assert_eq!(
            (v["channel"].as_str(), &v["approvals"]),
            (Some("paper"), &json!([benches]))
        );
        let (_, v) = ana.put(&app, &path, ballot(vec![trees, benches])).await;
        assert_eq!(
            (v["revision"].as_u64(), v["channel"].as_str()),
            (Some(4), Some("online"))
        );
        let (status, _) = official
            .put(
                &app,
                &format!("/api/v1/processes/{id}/paper-ballots/{}", cy.id),
                ballot(vec![trees]),
            )
            .await;
        assert_eq!(status, 403, "paper ballots follow eligibility too");
        assert_eq!(audit_total(&app, &admin, "ballot.paper_entered").await, 1);

        let (status, _) = ben.put(&app, &path, ballot(vec![trees])).await;
        assert_eq!(status, 200);

        // No running counts while voting: only the number of ballots.
        let (_, v) = anon.get(&app, &format!("/api/v1/processes/{id}")).await;
        assert_eq!(v["ballot_count"], 2);
        assert_eq!(
            anon.get(&app, &format!("/api/v1/processes/{id}/results"))
                .await
                .0,
            404
        );
        for path in [
            format!("/api/v1/processes/{id}/projects"),
            format!("/api/v1/processes/{id}/proposals"),
            format!("/api/v1/proposals/{trees}"),
        ] {
            let (_, v) = official.get(&app, &path).await;
            assert!(!v.to_string().contains("\"votes\""), "{path}: {v}");
        }
        let (status, v) = official
            .post(&app, &format!("/api/v1/processes/{id}/results"), json!({}))
            .await;
        assert_eq!((status, problem_slug(&v)), (409, "wrong-phase".into()));

        // The close, by time.
        advance_hours(&app, 1);
        let (status, v) = ana.put(&app, &path, ballot(vec![trees])).await;
        assert_eq!(
            (status, problem_slug(&v)),
            (409, "wrong-phase".into()),
            "{v}"
        );
        let (_, v) = anon.get(&app, &format!("/api/v1/processes/{id}")).await;
        assert_eq!(v["phase"], "counting");
        let exports = [
            format!("/api/v1/processes/{id}/results"),
            format!("/api/v1/processes/{id}/pabulib"),
            format!("/api/v1/processes/{id}/export.csv"),
            format!("/api/v1/processes/{id}/export.json"),
        ];
        for path in &exports {
            let (status, v) = official.get(&app, path).await;
            assert_eq!(status, 404, "nothing before publication: {path} {v}");
        }
        assert_eq!(
            ana.post(&app, &format!("/api/v1/processes/{id}/results"), json!({}))
                .await
                .0,
            403
        );
        let (status, r) = official
            .post(&app, &format!("/api/v1/processes/{id}/results"), json!({}))
            .await;
        assert_eq!(status, 201, "{r}");
        // Greedy, budget 300: trees (2 votes, 100) funded; benches (1 vote, 250) no longer fits.
        assert_eq!(r["ballots"], 2);
        assert_eq!(r["rules_digest"].as_str(), Some(digest.as_str()));
        assert_eq!(r["funded"][0]["id"], trees);
        assert_eq!(r["funded"].as_array().unwrap().len(), 1, "{r}");
        assert_eq!(r["units"][0]["unit"], "citywide");
        // Why each project was or was not funded.
        let explained = r["explanations"].as_array().unwrap();
        assert_eq!(explained.len(), 2, "{r}");
        let benches_why = explained.iter().find(|e| e["id"] == benches).unwrap();
        assert_eq!(benches_why["funded"], false);
        assert!(
            benches_why["message"].as_str().unwrap().contains("Benches"),
            "{benches_why}"
        );
        assert_eq!(benches_why["cheaper_by"], 50, "{benches_why}");
        let (status, again) = official
            .post(&app, &format!("/api/v1/processes/{id}/results"), json!({}))
            .await;
        assert_eq!(status, 409, "{again}");
        let (status, public) = anon
            .get(&app, &format!("/api/v1/processes/{id}/results"))
            .await;
        assert_eq!(status, 200);
        assert_eq!(public["funded"], r["funded"]);
        let (_, v) = anon.get(&app, &format!("/api/v1/processes/{id}")).await;
        assert_eq!(v["phase"], "results");
        assert_eq!(
            audit_total(&app, &admin, "process.results_published").await,
            1
        );
        // Participation: two voters, a group too small to show.
        assert_eq!(
            public["participation"]["total"]["voters"],
            Value::Null,
            "{public}"
        );
        assert_eq!(
            public["participation"]["total"]["voters_hidden"],
            "fewer_than_10"
        );

        // Open data, once published.
        let res = anon.client.get(app.url(&exports[1])).send().await.unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(crate::harness::content_type(res.headers()), "text/plain");
        let pb = res.text().await.unwrap();
        assert!(
            pb.contains("META") && pb.contains("PROJECTS") && pb.contains("VOTES"),
            "{pb}"
        );
        assert!(pb.contains("selected"), "{pb}");
        if let Some(errors) = crate::budget_api_fixture::pabulib_checker_errors(&pb) {
            assert_eq!(errors, json!({}), "pabulib-checker: {pb}");
        }
        let res = anon.client.get(app.url(&exports[2])).send().await.unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(crate::harness::content_type(res.headers()), "text/csv");
        let csv = res.text().await.unwrap();
        assert!(
            csv.lines().count() >= 3,
            "a header and the two projects: {csv}"
        );
        assert!(csv.contains("Benches"), "{csv}");
        let (status, doc) = anon.get(&app, &exports[3]).await;
        assert_eq!(status, 200);
        assert!(doc.is_object(), "{doc}");
        assert!(
            !doc.to_string().contains("\"ana\""),
            "no voter names: {doc}"
        );

        // Implementation reports on funded projects only.
        let report =
            json!({"status": "in_progress", "progress": 40, "note": "Planting in spring."});
        let (status, v) = official
            .post(
                &app,
                &format!("/api/v1/proposals/{trees}/implementation"),
                report.clone(),
            )
            .await;
        assert_eq!(status, 201, "{v}");
        let (status, v) = official
            .post(
                &app,
                &format!("/api/v1/proposals/{benches}/implementation"),
                report.clone(),
            )
            .await;
        assert_eq!(
            (status, error_fields(&v)),
            (422, vec!["proposal".to_owned()]),
            "{v}"
        );
        let (_, list) = anon
            .get(&app, &format!("/api/v1/processes/{id}/implementation"))
            .await;
        assert_eq!(list[0]["progress"], 40);
        assert_eq!(list[0]["status"], "in_progress");
        app.stop().await;
    }
}

#[tokio::test]
async fn a_minimum_age_is_reached_on_the_day_voting_opens() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        let official = Caller::new(&app, "offi", Role::Official).await;
        let old = Caller::new(&app, "old", Role::Resident).await;
        let young = Caller::new(&app, "young", Role::Resident).await;
        let body = settings(
            &app,
            json!({"type": "approval", "min": 1, "max": 1}),
            json!({"min_age": 16}),
        );
        let (status, p) = official.post(&app, "/api/v1/processes", body).await;
        assert_eq!(status, 201, "{p}");
        let pid = p["id"].as_i64().unwrap();
        let voting_open = p["settings"]["schedule"]["voting_open"]
            .as_str()
            .unwrap()
            .to_owned();
        let year: i64 = voting_open[..4].parse().unwrap();
        let rest = &voting_open[4..10];
        for (who, born) in [
            (&old, format!("{}{rest}", year - 16)),
            (&young, format!("{}{rest}", year - 15)),
        ] {
            let (status, v) = official
                .put(
                    &app,
                    &format!("/api/v1/users/{}/resident-profile", who.id),
                    json!({"birth_date": born}),
                )
                .await;
            assert_eq!(status, 200, "{v}");
        }
        advance_hours(&app, 1);
        let (status, v) = old
            .post(&app, &format!("/api/v1/processes/{pid}/proposals"),
                json!({"title": "Skate park", "description": "For the young.", "estimated_cost": 100}))
            .await;
        assert_eq!(status, 201, "{v}");
        let proposal = v["id"].as_i64().unwrap();
        let (status, v) = young
            .post(&app, &format!("/api/v1/processes/{pid}/proposals"),
                json!({"title": "Skate park", "description": "For the young.", "estimated_cost": 100}))
            .await;
        assert_eq!(
            (status, problem_slug(&v)),
            (403, "not-eligible".into()),
            "{v}"
        );
        assert!(v["detail"].as_str().unwrap().contains("16"), "{v}");
        advance_hours(&app, 2);
        let (status, _) = official
            .post(
                &app,
                &format!("/api/v1/proposals/{proposal}/review"),
                json!({"status": "accepted", "official_cost": 100}),
            )
            .await;
        assert_eq!(status, 200);
        advance_hours(&app, 1);
        let path = format!("/api/v1/processes/{pid}/ballot");
        assert_eq!(
            old.put(&app, &path, json!({"approvals": [proposal]}))
                .await
                .0,
            200
        );
        let (status, v) = young
            .put(&app, &path, json!({"approvals": [proposal]}))
            .await;
        assert_eq!(
            (status, problem_slug(&v)),
            (403, "not-eligible".into()),
            "{v}"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn each_budget_unit_has_its_own_pabulib_file() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        let official = Caller::new(&app, "offi", Role::Official).await;
        let resident = Caller::new(&app, "resi", Role::Resident).await;
        let mut body = settings(&app, json!({"type": "knapsack"}), json!({}));
        body["rules"]["budgets"]["districts"] = json!({"north": 100});
        let (status, p) = official.post(&app, "/api/v1/processes", body).await;
        assert_eq!(status, 201, "{p}");
        let id = p["id"].as_i64().unwrap();
        advance_hours(&app, 1);
        let mut ids = vec![];
        for district in [Value::Null, json!("north")] {
            let (status, v) = resident
                .post(
                    &app,
                    &format!("/api/v1/processes/{id}/proposals"),
                    json!({"title": "Lights", "description": "At night.", "estimated_cost": 80, "district": district}),
                )
                .await;
            assert_eq!(status, 201, "{v}");
            ids.push(v["id"].as_i64().unwrap());
        }
        advance_hours(&app, 2);
        for pid in &ids {
            let (status, v) = official
                .post(
                    &app,
                    &format!("/api/v1/proposals/{pid}/review"),
                    json!({"status": "accepted", "official_cost": 80}),
                )
                .await;
            assert_eq!(status, 200, "{v}");
        }
        let (_, projects) = resident
            .get(&app, &format!("/api/v1/processes/{id}/projects"))
            .await;
        assert_eq!(projects[1]["unit"], "district:north", "{projects}");
        advance_hours(&app, 1);
        // A knapsack ballot: each unit's budget is its own limit.
        let (status, v) = resident
            .put(
                &app,
                &format!("/api/v1/processes/{id}/ballot"),
                json!({"approvals": ids}),
            )
            .await;
        assert_eq!(status, 200, "{v}");
        advance_hours(&app, 1);
        let (status, r) = official
            .post(&app, &format!("/api/v1/processes/{id}/results"), json!({}))
            .await;
        assert_eq!(status, 201, "{r}");
        assert_eq!(r["units"].as_array().unwrap().len(), 2, "{r}");

        let path = format!("/api/v1/processes/{id}/pabulib");
        let (status, v) = resident.get(&app, &path).await;
        assert_eq!(
            (status, error_fields(&v)),
            (422, vec!["unit".to_owned()]),
            "{v}"
        );
        assert!(
            v["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains("district:north"),
            "{v}"
        );
        let (status, v) = resident
            .get(&app, &format!("{path}?unit=district:south"))
            .await;
        assert_eq!(status, 422, "{v}");
        for unit in ["citywide", "district:north"] {
            let (status, pb) = resident.get(&app, &format!("{path}?unit={unit}")).await;
            assert_eq!(status, 200, "{unit}: {pb}");
            assert!(pb.as_str().unwrap().contains("PROJECTS"), "{pb}");
            if let Some(errors) =
                crate::budget_api_fixture::pabulib_checker_errors(pb.as_str().unwrap())
            {
                assert_eq!(errors, json!({}), "pabulib-checker on {unit}: {pb}");
            }
        }
        app.stop().await;
    }
}
