//! Authorization of every participatory budgeting API route for every role (signed out,
//! resident, official, admin, auditor), against a process in its voting phase. Role
//! checks come before phase checks, so an allowed role that acts in the wrong phase
//! gets `409`, a refused one `401`/`403`.

use civis_domain::Role;
use serde_json::{json, Value};

use crate::budget_api_fixture::{voting_process, Caller};
use crate::harness::{databases, TestApp};

/// Ids the rows' paths and bodies refer to.
struct Ids {
    process: i64,
    project: i64,
    rejected: i64,
    resident2: i64,
}

/// One row: a request and the expected status for signed out, resident, official,
/// admin, auditor (in that order).
struct Row {
    method: &'static str,
    template: &'static str,
    path: fn(&Ids) -> String,
    body: fn(&Ids, usize) -> Option<Value>,
    expect: [u16; 5],
}

fn none(_: &Ids, _: usize) -> Option<Value> {
    None
}

fn rows() -> Vec<Row> {
    vec![
        Row {
            method: "GET",
            template: "/api/v1/processes",
            path: |_| "/api/v1/processes".into(),
            body: none,
            expect: [200, 200, 200, 200, 200],
        },
        Row {
            method: "POST",
            template: "/api/v1/processes",
            path: |_| "/api/v1/processes".into(),
            body: |_, _| Some(minimal_settings()),
            expect: [401, 403, 201, 201, 403],
        },
        Row {
            method: "GET",
            template: "/api/v1/processes/{id}",
            path: |i| format!("/api/v1/processes/{}", i.process),
            body: none,
            expect: [200, 200, 200, 200, 200],
        },
        Row {
            method: "PUT",
            template: "/api/v1/processes/{id}",
            path: |i| format!("/api/v1/processes/{}", i.process),
            body: |_, _| Some(minimal_settings()),
            expect: [401, 403, 409, 409, 403],
        },
        Row {
            method: "GET",
            template: "/api/v1/processes/{id}/proposals",
            path: |i| format!("/api/v1/processes/{}/proposals", i.process),
            body: none,
            expect: [200, 200, 200, 200, 200],
        },
        Row {
            method: "POST",
            template: "/api/v1/processes/{id}/proposals",
            path: |i| format!("/api/v1/processes/{}/proposals", i.process),
            body: |_, _| Some(json!({"title": "T", "description": "D", "estimated_cost": 5})),
            expect: [401, 409, 403, 403, 403],
        },
        Row {
            method: "GET",
            template: "/api/v1/proposals/{id}",
            path: |i| format!("/api/v1/proposals/{}", i.project),
            body: none,
            expect: [200, 200, 200, 200, 200],
        },
        Row {
            method: "PUT",
            template: "/api/v1/proposals/{id}",
            path: |i| format!("/api/v1/proposals/{}", i.project),
            body: |_, _| Some(json!({"title": "T", "description": "D", "estimated_cost": 5})),
            expect: [401, 409, 403, 403, 403],
        },
        Row {
            method: "POST",
            template: "/api/v1/proposals/{id}/support",
            path: |i| format!("/api/v1/proposals/{}/support", i.project),
            body: none,
            expect: [401, 409, 403, 403, 403],
        },
        Row {
            method: "POST",
            template: "/api/v1/proposals/{id}/review",
            path: |i| format!("/api/v1/proposals/{}/review", i.project),
            body: |_, _| Some(json!({"status": "accepted", "official_cost": 10})),
            expect: [401, 403, 409, 409, 403],
        },
        Row {
            method: "POST",
            template: "/api/v1/proposals/{id}/moderation",
            path: |i| format!("/api/v1/proposals/{}/moderation", i.rejected),
            body: |_, _| Some(json!({"hidden": true, "reason": "Abusive."})),
            expect: [401, 403, 200, 200, 403],
        },
        Row {
            method: "GET",
            template: "/api/v1/processes/{id}/projects",
            path: |i| format!("/api/v1/processes/{}/projects", i.process),
            body: none,
            expect: [200, 200, 200, 200, 200],
        },
        Row {
            method: "PUT",
            template: "/api/v1/processes/{id}/ballot",
            path: |i| format!("/api/v1/processes/{}/ballot", i.process),
            body: |i, _| Some(json!({"approvals": [i.project]})),
            expect: [401, 200, 403, 403, 403],
        },
        Row {
            method: "GET",
            template: "/api/v1/processes/{id}/ballot",
            path: |i| format!("/api/v1/processes/{}/ballot", i.process),
            body: none,
            expect: [401, 200, 404, 404, 404],
        },
        Row {
            method: "PUT",
            template: "/api/v1/processes/{id}/paper-ballots/{user_id}",
            path: |i| {
                format!(
                    "/api/v1/processes/{}/paper-ballots/{}",
                    i.process, i.resident2
                )
            },
            body: |i, _| Some(json!({"approvals": [i.project]})),
            expect: [401, 403, 200, 200, 403],
        },
        Row {
            method: "POST",
            template: "/api/v1/processes/{id}/results",
            path: |i| format!("/api/v1/processes/{}/results", i.process),
            body: none,
            expect: [401, 403, 409, 409, 403],
        },
        Row {
            method: "GET",
            template: "/api/v1/processes/{id}/results",
            path: |i| format!("/api/v1/processes/{}/results", i.process),
            body: none,
            expect: [404, 404, 404, 404, 404],
        },
        Row {
            method: "GET",
            template: "/api/v1/processes/{id}/pabulib",
            path: |i| format!("/api/v1/processes/{}/pabulib", i.process),
            body: none,
            expect: [404, 404, 404, 404, 404],
        },
        Row {
            method: "GET",
            template: "/api/v1/processes/{id}/export.csv",
            path: |i| format!("/api/v1/processes/{}/export.csv", i.process),
            body: none,
            expect: [404, 404, 404, 404, 404],
        },
        Row {
            method: "GET",
            template: "/api/v1/processes/{id}/export.json",
            path: |i| format!("/api/v1/processes/{}/export.json", i.process),
            body: none,
            expect: [404, 404, 404, 404, 404],
        },
        Row {
            method: "POST",
            template: "/api/v1/proposals/{id}/implementation",
            path: |i| format!("/api/v1/proposals/{}/implementation", i.project),
            body: |_, _| Some(json!({"status": "planned", "progress": 0, "note": ""})),
            expect: [401, 403, 409, 409, 403],
        },
        Row {
            method: "GET",
            template: "/api/v1/processes/{id}/implementation",
            path: |i| format!("/api/v1/processes/{}/implementation", i.process),
            body: none,
            expect: [200, 200, 200, 200, 200],
        },
        Row {
            method: "PUT",
            template: "/api/v1/users/{id}/resident-profile",
            path: |i| format!("/api/v1/users/{}/resident-profile", i.resident2),
            body: |_, _| Some(json!({"district": "north", "birth_date": "1980-01-01"})),
            expect: [401, 403, 200, 200, 403],
        },
        Row {
            method: "GET",
            template: "/api/v1/users/{id}/resident-profile",
            path: |i| format!("/api/v1/users/{}/resident-profile", i.resident2),
            body: none,
            expect: [401, 404, 200, 200, 200],
        },
    ]
}

/// Settings that parse and check (phases far in the future).
fn minimal_settings() -> Value {
    let at = |y: i32| format!("{y}-01-01T00:00:00Z");
    json!({
        "title": {"en": "A", "es": "A", "et": "A"},
        "description": {"en": "B", "es": "B", "et": "B"},
        "schedule": {"proposals_open": at(2090), "support_open": at(2091), "review_open": at(2092),
            "voting_open": at(2093), "voting_close": at(2094), "implementation_open": at(2095)},
        "rules": {
            "budgets": {"total": 1000},
            "ballot": {"type": "knapsack"},
            "rule": {"rule": "mes", "completion": "add1"}
        }
    })
}

/// The (METHOD, template) pairs this table covers: `authz.rs` counts them as covered.
pub fn covered_routes() -> Vec<(String, String)> {
    rows()
        .iter()
        .map(|r| (r.method.to_owned(), r.template.to_owned()))
        .collect()
}

#[tokio::test]
async fn every_budget_route_for_every_role() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        let resident = Caller::new(&app, "resi", Role::Resident).await;
        let resident2 = Caller::new(&app, "resi2", Role::Resident).await;
        let official = Caller::new(&app, "offi", Role::Official).await;
        let admin = Caller::new(&app, "admi", Role::Admin).await;
        let auditor = Caller::new(&app, "audi", Role::Auditor).await;
        let (process, [project, _], rejected) = voting_process(&app, &official, &resident).await;
        let ids = Ids {
            process,
            project,
            rejected,
            resident2: resident2.id,
        };
        let callers = [Caller::anonymous(&app), resident, official, admin, auditor];
        for (i, caller) in callers.iter().enumerate() {
            for row in rows() {
                // Signed out stays signed out: a fresh cookie jar for every request.
                let caller = if i == 0 {
                    Caller::anonymous(&app)
                } else {
                    caller.clone()
                };
                let path = (row.path)(&ids);
                let (status, body) = caller
                    .send(&app, row.method, &path, (row.body)(&ids, i))
                    .await;
                assert_eq!(
                    status, row.expect[i],
                    "{}: caller #{i} {} {path} -> {body}",
                    app.backend, row.method
                );
            }
        }
        app.stop().await;
    }
}

#[tokio::test]
async fn writes_without_the_csrf_token_are_refused() {
    for db in databases().await {
        let app = TestApp::spawn(&db).await;
        let official = Caller::new(&app, "offi", Role::Official).await;
        let resident = Caller::new(&app, "resi", Role::Resident).await;
        let (process, [project, _], _) = voting_process(&app, &official, &resident).await;
        let path = format!("/api/v1/processes/{process}/ballot");
        let no_token = Caller {
            csrf: String::new(),
            ..resident.clone()
        };
        let (status, _) = no_token
            .put(&app, &path, json!({"approvals": [project]}))
            .await;
        assert_eq!(status, 403);
        assert_eq!(resident.get(&app, &path).await.0, 404, "nothing was cast");
        app.stop().await;
    }
}
