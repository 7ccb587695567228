//! Helpers of the participatory budgeting API tests: a signed-in caller, process settings
//! with phases an hour apart from the server's clock, and a process taken through its
//! phases up to voting.

use civis_domain::Role;
use serde_json::{json, Value};

use crate::harness::TestApp;

/// One hour, in seconds: the length of each phase in [`settings`].
pub const HOUR: i64 = 3600;

/// A client signed in as one user (or signed out), with its CSRF token.
#[derive(Clone)]
pub struct Caller {
    pub client: reqwest::Client,
    pub csrf: String,
    pub id: i64,
}

impl Caller {
    /// A signed-out caller.
    pub fn anonymous(app: &TestApp) -> Self {
        Self {
            client: app.client(),
            csrf: String::new(),
            id: 0,
        }
    }

    /// Creates `username` with `role` and signs in.
    pub async fn new(app: &TestApp, username: &str, role: Role) -> Self {
        let user = app.create_user(username, role).await;
        Self::sign_in(app, username, user.id.0).await
    }

    /// Signs in an existing account.
    pub async fn sign_in(app: &TestApp, username: &str, id: i64) -> Self {
        let client = app.client();
        let csrf = app.sign_in(&client, username).await;
        Self { client, csrf, id }
    }

    /// Sends a request; returns the status and the body (JSON, or a string, or null).
    pub async fn send(
        &self,
        app: &TestApp,
        method: &str,
        path: &str,
        body: Option<Value>,
    ) -> (u16, Value) {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let mut req = self.client.request(method, app.url(path));
        if !self.csrf.is_empty() {
            req = req.header("x-csrf-token", &self.csrf);
        }
        if let Some(body) = body {
            req = req.json(&body);
        }
        let res = req.send().await.unwrap();
        let status = res.status().as_u16();
        let text = res.text().await.unwrap();
        let value = serde_json::from_str(&text).unwrap_or(Value::String(text));
        (status, value)
    }

    /// `GET`.
    pub async fn get(&self, app: &TestApp, path: &str) -> (u16, Value) {
        self.send(app, "GET", path, None).await
    }

    /// `POST` with a JSON body.
    pub async fn post(&self, app: &TestApp, path: &str, body: Value) -> (u16, Value) {
        self.send(app, "POST", path, Some(body)).await
    }

    /// `PUT` with a JSON body.
    pub async fn put(&self, app: &TestApp, path: &str, body: Value) -> (u16, Value) {
        self.send(app, "PUT", path, Some(body)).await
    }
}

/// Settings whose phases start one hour apart from the server's clock now: proposals
/// at +1 h, support +2 h, review +3 h, voting +4 h, close +5 h, implementation +6 h.
pub fn settings(app: &TestApp, ballot: Value, eligibility: Value) -> Value {
    let t0 = app.clock.now();
    let at = |h: i64| t0.plus_seconds(h * HOUR).to_string();
    json!({
        "title": {"en": "Green Tartu 2027", "es": "Tartu verde 2027", "et": "Roheline Tartu 2027"},
        "description": {"en": "Ideas for the city.", "es": "Ideas para la ciudad.", "et": "Ideed linnale."},
        "schedule": {
            "proposals_open": at(1), "support_open": at(2), "review_open": at(3),
            "voting_open": at(4), "voting_close": at(5), "implementation_open": at(6)
        },
        "rules": {
            "budgets": {"total": 300, "districts": {}, "categories": {}},
            "eligibility": eligibility,
            "ballot": ballot,
            "rule": {"rule": "greedy"},
            "tie_break": "lexico"
        }
    })
}

/// Moves the server's clock forward by `hours`.
pub fn advance_hours(app: &TestApp, hours: i64) {
    app.clock.advance_seconds(hours * HOUR);
}

/// A process in its voting phase (approval ballots, 1–2 projects, no eligibility limits)
/// with projects `accepted` (official costs 100 and 250, by `author`), one rejected
/// proposal, all through the API. Returns the process id, the accepted ids and the
/// rejected id.
pub async fn voting_process(
    app: &TestApp,
    official: &Caller,
    author: &Caller,
) -> (i64, [i64; 2], i64) {
    voting_process_with(app, official, author, false).await
}

/// [`voting_process`], with secret ballots if `secret`.
pub async fn voting_process_with(
    app: &TestApp,
    official: &Caller,
    author: &Caller,
    secret: bool,
) -> (i64, [i64; 2], i64) {
    let (id, accepted, rejected) = process_in_review(app, official, author, secret).await;
    if secret {
        // The official is the one trustee (k = 1), so voting can start.
        crate::trustee_ceremony::ceremony(app, official, id, 1, &[official]).await;
    }
    advance_hours(app, 1);
    (id, accepted, rejected)
}

/// As [`voting_process_with`], but left in the review phase with its proposals
/// reviewed, one hour before voting opens (and without trustees).
pub async fn process_in_review(
    app: &TestApp,
    official: &Caller,
    author: &Caller,
    secret: bool,
) -> (i64, [i64; 2], i64) {
    let mut body = settings(
        app,
        json!({"type": "approval", "min": 1, "max": 2}),
        json!({}),
    );
    body["rules"]["secret_ballots"] = json!(secret);
    let (status, p) = official.post(app, "/api/v1/processes", body).await;
    assert_eq!(status, 201, "{p}");
    let id = p["id"].as_i64().unwrap();
    advance_hours(app, 1);
    let mut ids = vec![];
    for (title, cost) in [("Trees", 90), ("Benches", 200), ("Fountain", 500)] {
        let (status, v) = author
            .post(
                app,
                &format!("/api/v1/processes/{id}/proposals"),
                json!({"title": title, "description": "For everyone.", "estimated_cost": cost}),
            )
            .await;
        assert_eq!(status, 201, "{v}");
        ids.push(v["id"].as_i64().unwrap());
    }
    advance_hours(app, 2);
    for (pid, review) in [
        (ids[0], json!({"status": "accepted", "official_cost": 100})),
        (ids[1], json!({"status": "accepted", "official_cost": 250})),
        (
            ids[2],
            json!({"status": "rejected", "reason": "Too expensive."}),
        ),
    ] {
        let (status, v) = official
            .post(app, &format!("/api/v1/proposals/{pid}/review"), review)
            .await;
        assert_eq!(status, 200, "{v}");
    }
    (id, [ids[0], ids[1]], ids[2])
}

/// The `field` of every entry of a problem's `errors`.
pub fn error_fields(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|e| e["field"].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// The problem type's last part (`invalid-ballot`, `wrong-phase`, …).
pub fn problem_slug(problem: &Value) -> String {
    problem["type"]
        .as_str()
        .unwrap_or_default()
        .rsplit(':')
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// pabulib-checker's errors on a Pabulib file's text (category → count), when
/// `CIVIS_PYTHON` names a Python with pabulib-checker (as CI sets it); `None` otherwise.
pub fn pabulib_checker_errors(text: &str) -> Option<Value> {
    let python = std::env::var("CIVIS_PYTHON").ok().filter(|p| !p.is_empty());
    let Some(python) = python else {
        eprintln!("NOTICE: CIVIS_PYTHON unset; skipping pabulib-checker");
        return None;
    };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("export.pb");
    std::fs::write(&file, text).unwrap();
    let script = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../scripts/pabulib_checker_report.py");
    let out = std::process::Command::new(python)
        .arg(script)
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "pabulib-checker failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    Some(report[file.to_string_lossy().as_ref()]["errors"].clone())
}
