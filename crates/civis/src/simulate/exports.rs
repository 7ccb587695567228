//! The published results and the open-data exports, fetched through the API, checked
//! and written to the output directory.

use std::collections::BTreeSet;
use std::path::Path;

use anyhow::Context as _;
use reqwest::{Method, StatusCode};
use serde::Serialize;
use serde_json::Value;

use crate::loadtest::api::{self, Session};

/// One export as fetched.
#[derive(Debug, Clone, Serialize)]
pub struct Fetched {
    /// Its API path.
    pub path: String,
    /// Whether the server's OpenAPI document lists the route.
    pub served: bool,
    /// The HTTP status (0 when the route is not served and was not asked).
    pub status: u16,
    /// Body size in bytes.
    pub bytes: usize,
    /// Where it was written, if anywhere.
    pub file: Option<String>,
}

/// What the export stage fetched and checked.
#[derive(Debug, Clone, Serialize)]
pub struct Exports {
    /// Results, Pabulib, CSV and JSON.
    pub files: Vec<Fetched>,
    /// Projects funded according to the published results.
    pub funded: Vec<i64>,
    /// Whether the Pabulib file parsed and its `selected` projects equal `funded`
    /// (`None` when the server does not serve the Pabulib export).
    pub pabulib_matches_results: Option<bool>,
}

/// The export routes of a process, relative to `/api/v1/processes/{id}`, with the name
/// of the file each is written to.
const EXPORTS: [(&str, &str); 3] = [
    ("pabulib", "process.pb"),
    ("export.csv", "export.csv"),
    ("export.json", "export.json"),
];

/// Fetches the results and the exports of `process`, writes them to `out` and checks
/// that the Pabulib file's selected projects are the funded ones.
pub async fn fetch(
    client: &reqwest::Client,
    base: &str,
    session: &Session,
    process: i64,
    out: Option<&Path>,
) -> anyhow::Result<Exports> {
    let openapi = api::get_ok(client, &format!("{base}/api/v1/openapi.json"), session).await?;
    let served =
        |rel: &str| openapi["paths"][format!("/api/v1/processes/{{id}}/{rel}")].is_object();
    let results = api::get_ok(
        client,
        &format!("{base}/api/v1/processes/{process}/results"),
        session,
    )
    .await?;
    let funded: Vec<i64> = results["funded"]
        .as_array()
        .context("the results have no `funded` list")?
        .iter()
        .filter_map(|p| p["id"].as_i64())
        .collect();
    let text = serde_json::to_string_pretty(&results)?;
    let mut files = vec![Fetched {
        path: format!("/api/v1/processes/{process}/results"),
        served: true,
        status: 200,
        bytes: text.len(),
        file: write(out, "results.json", text.as_bytes())?,
    }];
    let mut pabulib_matches_results = None;
    for (rel, name) in EXPORTS {
        let path = format!("/api/v1/processes/{process}/{rel}");
        if !served(rel) {
            files.push(Fetched {
                path,
                served: false,
                status: 0,
                bytes: 0,
                file: None,
            });
            continue;
        }
        let res = client
            .request(Method::GET, format!("{base}{path}"))
            .header(reqwest::header::COOKIE, &session.cookie)
            .send()
            .await
            .with_context(|| format!("GET {path}"))?;
        let status = res.status();
        let body = res.bytes().await.with_context(|| format!("GET {path}"))?;
        if status != StatusCode::OK {
            anyhow::bail!(
                "GET {path} answered {status}: {}",
                String::from_utf8_lossy(&body)
            );
        }
        if rel == "pabulib" {
            pabulib_matches_results = Some(selected_are_funded(&body, &funded)?);
        }
        files.push(Fetched {
            path,
            served: true,
            status: status.as_u16(),
            bytes: body.len(),
            file: write(out, name, &body)?,
        });
    }
    Ok(Exports {
        files,
        funded,
        pabulib_matches_results,
    })
}

/// Parses a Pabulib file and compares its `selected` projects with `funded`.
pub fn selected_are_funded(pabulib: &[u8], funded: &[i64]) -> anyhow::Result<bool> {
    let election = civis_pb::pabulib::parse_bytes(pabulib)
        .map_err(|e| anyhow::anyhow!("the Pabulib export does not parse: {e}"))?;
    let selected = election
        .selected()
        .context("the Pabulib export has no `selected` column")?;
    let selected: BTreeSet<String> = selected
        .into_iter()
        .filter_map(|i| election.projects.get(i).map(|p| p.id.clone()))
        .collect();
    let funded: BTreeSet<String> = funded.iter().map(i64::to_string).collect();
    Ok(selected == funded)
}

fn write(out: Option<&Path>, name: &str, body: &[u8]) -> anyhow::Result<Option<String>> {
    let Some(dir) = out else { return Ok(None) };
    let path = dir.join(name);
    std::fs::write(&path, body).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(Some(path.display().to_string()))
}

/// Whether a GET of `path` is refused with 404 (nothing is published before results).
pub async fn is_hidden(
    client: &reqwest::Client,
    base: &str,
    session: &Session,
    path: &str,
) -> anyhow::Result<bool> {
    let (status, _) =
        api::request(client, Method::GET, &format!("{base}{path}"), session, None).await?;
    Ok(status == StatusCode::NOT_FOUND)
}

/// The process's JSON.
pub async fn process(
    client: &reqwest::Client,
    base: &str,
    session: &Session,
    id: i64,
) -> anyhow::Result<Value> {
    api::get_ok(client, &format!("{base}/api/v1/processes/{id}"), session).await
}
