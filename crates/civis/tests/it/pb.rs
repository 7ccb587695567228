//! Helpers for the participatory budgeting tests: a database seeded by `civis demo`,
//! `civis serve` on it, signed-in residents and their ballots through the API.

use std::process::Command;

use serde_json::{json, Value};

use crate::process::{civis, start, Server};

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "civis-demo-password";

/// Seeds `database_url` with `civis demo` (`residents` residents, the demo's processes),
/// then stops the demo server.
pub fn seed_demo(database_url: &str, residents: u32, dir: &std::path::Path) {
    let mut cmd = civis();
    cmd.args([
        "--log-format",
        "json",
        "demo",
        "--listen",
        "127.0.0.1:0",
        "--residents",
        &residents.to_string(),
        "--database-url",
        database_url,
    ]);
    cmd.current_dir(dir);
    let demo = start(cmd);
    let banner = demo.stdout_until("stop with Ctrl-C").join("\n");
    assert!(banner.contains("vote now: "), "{banner}");
    demo.stop();
}

/// `civis serve` on `database_url`, on a free port.
pub fn serve(database_url: &str) -> Server {
    let mut cmd: Command = civis();
    cmd.args([
        "--log-format",
        "json",
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--database-url",
        database_url,
    ]);
    start(cmd)
}

/// A signed-in session: cookie and CSRF token.
#[derive(Debug, Clone)]
pub struct Session {
    pub cookie: String,
    pub csrf: String,
}

/// Signs in a demo account on `base` (e.g. `http://127.0.0.1:1234`).
pub async fn sign_in(client: &reqwest::Client, base: &str, username: &str) -> Session {
    sign_in_with(client, base, username, DEMO_PASSWORD).await
}

/// Signs in on `base` with a password.
pub async fn sign_in_with(
    client: &reqwest::Client,
    base: &str,
    username: &str,
    password: &str,
) -> Session {
    let res = client
        .post(format!("{base}/api/v1/auth/sign-in"))
        .json(&json!({"username": username, "password": password}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "sign-in of {username}");
    let cookie = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("civis_session="))
        .unwrap();
    let cookie = cookie.split(';').next().unwrap().to_owned();
    let body: Value = res.json().await.unwrap();
    Session {
        cookie,
        csrf: body["csrf_token"].as_str().unwrap().to_owned(),
    }
}

/// The process in its voting phase and its ballot projects' ids.
pub async fn voting_process(
    client: &reqwest::Client,
    base: &str,
    session: &Session,
) -> (i64, Vec<i64>) {
    let list: Value = client
        .get(format!("{base}/api/v1/processes"))
        .header("cookie", &session.cookie)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let items = list
        .as_array()
        .or_else(|| list["items"].as_array())
        .unwrap();
    let process = items.iter().find(|p| p["phase"] == "voting").unwrap();
    let id = process["id"].as_i64().unwrap();
    let projects: Value = client
        .get(format!("{base}/api/v1/processes/{id}/projects"))
        .header("cookie", &session.cookie)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let projects = projects
        .as_array()
        .or_else(|| projects["items"].as_array())
        .unwrap()
        .iter()
        .map(|p| p["id"].as_i64().unwrap())
        .collect();
    (id, projects)
}

/// `PUT …/ballot` approving `approvals`: `Ok(revision)` when acknowledged (200),
/// `Err(Some(status))` when refused, `Err(None)` when the connection failed.
pub async fn cast(
    client: &reqwest::Client,
    base: &str,
    process: i64,
    session: &Session,
    approvals: &[i64],
) -> Result<u64, Option<u16>> {
    let res = client
        .put(format!("{base}/api/v1/processes/{process}/ballot"))
        .header("cookie", &session.cookie)
        .header("x-csrf-token", &session.csrf)
        .json(&json!({ "approvals": approvals }))
        .send()
        .await
        .map_err(|_| None)?;
    let status = res.status().as_u16();
    if status != 200 {
        return Err(Some(status));
    }
    let body: Value = res.json().await.map_err(|_| None)?;
    Ok(body["revision"].as_u64().unwrap())
}

/// The voter's stored ballot (revision, approvals), or `None` (404).
pub async fn own_ballot(
    client: &reqwest::Client,
    base: &str,
    process: i64,
    session: &Session,
) -> Option<(u64, Vec<i64>)> {
    let res = client
        .get(format!("{base}/api/v1/processes/{process}/ballot"))
        .header("cookie", &session.cookie)
        .send()
        .await
        .unwrap();
    if res.status() == 404 {
        return None;
    }
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    let revision = body["revision"].as_u64().unwrap();
    Some((revision, approvals_of(&body)))
}

/// The approved project ids in a ballot's JSON, wherever the API puts them.
fn approvals_of(ballot: &Value) -> Vec<i64> {
    let list = [
        &ballot["approvals"],
        &ballot["ballot"]["approvals"],
        &ballot["content"]["approvals"],
        &ballot["content"]["choices"],
    ]
    .into_iter()
    .find_map(|v| v.as_array())
    .unwrap_or_else(|| panic!("no approvals in {ballot}"));
    list.iter().map(|v| v.as_i64().unwrap()).collect()
}
