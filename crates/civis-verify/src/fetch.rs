//! Fetching a published record over HTTP (`civis-verify URL`): every file the
//! format names, from `URL/<file>` (a server publishes a process's record under
//! `/log/processes/{id}/record/`), into a directory that [`crate::verify_record`]
//! then checks. The tiles fetched are the ones the checkpoint's tree size needs.
//! Earlier checkpoints (`log/checkpoints/`) cannot be listed over HTTP: add the
//! ones you kept to the directory and verify it again.
//!
//! Plain `http://` only: this build has no TLS. For `https://`, download the
//! record with another tool and give its directory.

use std::path::Path;

use civis_tlog::tile::tiles_for_size;

use crate::record::{
    write_file, CHECKPOINT, CREDENTIALS, LOG_DIR, MANIFEST, OFFICIALS, OUTCOME, PROJECTS, REVEAL,
    RULES, TRUSTEES, VERIFIER_KEY,
};

/// The files fetched before the tiles.
const FILES: [&str; 10] = [
    MANIFEST,
    RULES,
    PROJECTS,
    CREDENTIALS,
    OFFICIALS,
    TRUSTEES,
    REVEAL,
    OUTCOME,
    CHECKPOINT,
    VERIFIER_KEY,
];

/// The most bytes accepted for one file.
const MAX_FILE: usize = 256 * 1024 * 1024;

async fn get(client: &reqwest::Client, url: &str) -> Result<Vec<u8>, String> {
    let response = client
        .get(url)
        .send()
        .await
        .map_err(|e| format!("cannot fetch {url}: {e}"))?;
    if !response.status().is_success() {
        return Err(format!("cannot fetch {url}: HTTP {}", response.status()));
    }
    let body = response
        .bytes()
        .await
        .map_err(|e| format!("cannot fetch {url}: {e}"))?;
    if body.len() > MAX_FILE {
        return Err(format!("{url} is larger than {MAX_FILE} bytes"));
    }
    Ok(body.to_vec())
}

/// The tree size of a checkpoint note (its second line).
fn checkpoint_size(note: &[u8]) -> Result<u64, String> {
    std::str::from_utf8(note)
        .ok()
        .and_then(|t| t.lines().nth(1))
        .and_then(|l| l.parse().ok())
        .ok_or_else(|| format!("{CHECKPOINT} has no tree size on its second line"))
}

/// Fetches the record published at `url` (ending in `/` or not) into `dir`.
pub async fn fetch_record(url: &str, dir: &Path) -> Result<(), String> {
    if url.starts_with("https://") {
        return Err(
            "this build reads records over plain http:// only (it has no TLS): \
                    download the record and give its directory"
                .to_owned(),
        );
    }
    if !url.starts_with("http://") {
        return Err(format!("{url} is not an http:// URL"));
    }
    let base = url.trim_end_matches('/');
    let client = reqwest::Client::builder()
        .build()
        .map_err(|e| format!("cannot make an HTTP client: {e}"))?;
    let mut size = None;
    for file in FILES {
        let body = get(&client, &format!("{base}/{file}")).await?;
        if file == CHECKPOINT {
            size = Some(checkpoint_size(&body)?);
        }
        write_file(&dir.join(file), &body).map_err(|e| e.to_string())?;
    }
    for tile in tiles_for_size(size.unwrap_or(0)) {
        let path = tile.path();
        let body = get(&client, &format!("{base}/{LOG_DIR}/{path}")).await?;
        write_file(&dir.join(LOG_DIR).join(&path), &body).map_err(|e| e.to_string())?;
    }
    Ok(())
}
