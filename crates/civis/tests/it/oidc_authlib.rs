//! A relying party on authlib (Python) against the real `civis serve`:
//! `scripts/oidc_rp_authlib.py` signs a resident in through the HTML forms,
//! runs the code flow with PKCE for two client services, validates the ID
//! tokens with authlib's JOSE and checks the pairwise subjects. Runs when
//! `CIVIS_PYTHON` names a Python with authlib (`scripts/setup-python.sh`).

use std::io::Write as _;
use std::process::{Command, Stdio};

use serde_json::{json, Value};

use crate::process::{civis, start, Server};

const ADMIN_PASSWORD: &str = "admin password 1";
const RESIDENT_PASSWORD: &str = "resident password 1";

/// `civis admin create-user` on `db`.
fn create_user(db: &str, username: &str, role: &str, password: &str) {
    let mut child = civis()
        .args([
            "admin",
            "create-user",
            "--username",
            username,
            "--role",
            role,
            "--password-stdin",
            "--database-url",
            db,
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{password}\n").as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A loopback port that was free a moment ago (the issuer must name the real port).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Registers a confidential client through the API as the admin; returns its secret.
async fn register(server: &Server, id: &str, redirect_uri: &str) -> String {
    let http = reqwest::Client::new();
    let res = http
        .post(server.url("/api/v1/auth/sign-in"))
        .json(&json!({"username": "admin", "password": ADMIN_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let cookie = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_owned())
        .collect::<Vec<_>>()
        .join("; ");
    let body: Value = res.json().await.unwrap();
    let res = http
        .post(server.url("/api/v1/oidc/clients"))
        .header("cookie", cookie)
        .header("x-csrf-token", body["csrf_token"].as_str().unwrap())
        .json(&json!({
            "client_id": id,
            "name": format!("Service {id}"),
            "redirect_uris": [redirect_uri],
            "scopes": ["profile"],
            "min_level": "low",
            "kind": "confidential",
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let created: Value = res.json().await.unwrap();
    created["client_secret"].as_str().unwrap().to_owned()
}

/// Runs the script; returns whether it succeeded and what it printed.
fn run_script(python: &str, args: &[String]) -> (bool, String) {
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../scripts/oidc_rp_authlib.py"
    );
    let out = Command::new(python)
        .arg(script)
        .args(args)
        .env("CIVIS_RP_PASSWORD", RESIDENT_PASSWORD)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[tokio::test]
async fn an_authlib_relying_party_completes_the_code_flow_for_two_clients() {
    let Ok(python) = std::env::var("CIVIS_PYTHON") else {
        eprintln!(
            "skipped: set CIVIS_PYTHON to a Python with authlib (scripts/setup-python.sh) to run this test"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("civis.sqlite3").display());
    create_user(&db, "admin", "admin", ADMIN_PASSWORD);
    create_user(&db, "rosa", "resident", RESIDENT_PASSWORD);
    let listen = format!("127.0.0.1:{}", free_port());
    let mut cmd = civis();
    cmd.args([
        "--log-format",
        "json",
        "serve",
        "--listen",
        &listen,
        "--database-url",
        &db,
    ]);
    let server = start(cmd);
    let issuer = server.url("");
    let mut args = vec![
        "--issuer".to_owned(),
        issuer.clone(),
        "--username".to_owned(),
        "rosa".to_owned(),
    ];
    for id in ["city-library", "city-pool"] {
        let redirect_uri = format!("http://127.0.0.1:9/{id}/cb");
        let secret = register(&server, id, &redirect_uri).await;
        args.extend(["--client".to_owned(), id.to_owned(), secret, redirect_uri]);
    }

    // A relying party expecting another issuer must refuse what it gets.
    let mut wrong = args.clone();
    wrong.extend([
        "--expect-issuer".to_owned(),
        "http://civis.invalid".to_owned(),
    ]);
    let (ok, text) = run_script(&python, &wrong);
    assert!(!ok, "a wrong issuer was accepted:\n{text}");
    assert!(text.contains("FAILED") && text.contains("issuer"), "{text}");

    let (ok, text) = run_script(&python, &args);
    assert!(ok, "the authlib relying party failed:\n{text}");
    assert!(text.contains("two pairwise subjects"), "{text}");
    assert!(text.contains("city-library: sub ") && text.contains("city-pool: sub "));
    server.stop();
}
