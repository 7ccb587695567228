//! The published record of a simulated secret-ballot process: fetched over HTTP from
//! where the server publishes it, with the checkpoints kept during voting added under
//! `log/checkpoints/`, then checked in this process by `civis-verify`'s library.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Context as _;
use civis_verify::record::{PublishedOutcome, RecordDir, EARLIER_CHECKPOINTS, LOG_DIR, OUTCOME};
use serde::Serialize;

/// Refuses a directory that already holds a ballot log: the record's tiles and earlier
/// checkpoints would mix with another run's, which the verifier refuses.
pub fn check_empty(dir: &Path) -> anyhow::Result<()> {
    let log = dir.join(LOG_DIR);
    if log.exists() {
        anyhow::bail!(
            "{} already holds a ballot log ({}): give a new or empty directory",
            dir.display(),
            log.display()
        );
    }
    Ok(())
}

/// Fetches the record of `process` from the server at `base` into `dir` and writes the
/// `checkpoints` (signed notes by tree size) under `log/checkpoints/`. Returns the
/// number of files and their bytes.
pub async fn fetch(
    base: &str,
    process: i64,
    dir: &Path,
    checkpoints: &BTreeMap<u64, Vec<u8>>,
) -> anyhow::Result<(u64, u64)> {
    let url = format!("{base}/log/processes/{process}/record/");
    civis_verify::fetch::fetch_record(&url, dir)
        .await
        .map_err(|e| anyhow::anyhow!("fetching the record: {e}"))?;
    let earlier = dir.join(EARLIER_CHECKPOINTS);
    std::fs::create_dir_all(&earlier)
        .with_context(|| format!("cannot create {}", earlier.display()))?;
    for (size, note) in checkpoints {
        let path = earlier.join(size.to_string());
        std::fs::write(&path, note).with_context(|| format!("cannot write {}", path.display()))?;
    }
    tree_size(dir)
}

/// Files and bytes under `dir`.
fn tree_size(dir: &Path) -> anyhow::Result<(u64, u64)> {
    let (mut files, mut bytes) = (0, 0);
    for item in std::fs::read_dir(dir).with_context(|| format!("cannot list {}", dir.display()))? {
        let item = item?;
        let meta = item.metadata()?;
        if meta.is_dir() {
            let (f, b) = tree_size(&item.path())?;
            files += f;
            bytes += b;
        } else {
            files += 1;
            bytes += meta.len();
        }
    }
    Ok((files, bytes))
}

/// One check of the verifier's report.
#[derive(Debug, Clone, Serialize)]
pub struct Check {
    /// Its name.
    pub name: &'static str,
    /// Whether it holds.
    pub holds: bool,
    /// What it checked, with counts.
    pub summary: String,
    /// What it found wrong.
    pub problems: Vec<String>,
}

/// What the verifier said of the record, and what the record's outcome holds.
#[derive(Debug, Clone, Serialize)]
pub struct Verified {
    /// Whether every check holds.
    pub holds: bool,
    /// The checks.
    pub checks: Vec<Check>,
    /// Credentials counted (`outcome.json`).
    pub counted: u64,
    /// Counted ballots that were spoiled (`outcome.json`).
    pub spoiled: u64,
    /// The funded projects (`outcome.json`'s units), by id.
    pub funded: Vec<i64>,
}

/// Runs `civis_verify::verify_record` on `dir` (on the blocking pool) and reads the
/// outcome it checked.
pub async fn verify(dir: &Path) -> anyhow::Result<Verified> {
    let owned = dir.to_path_buf();
    let report = tokio::task::spawn_blocking(move || civis_verify::verify_record(&owned))
        .await
        .context("the verifier stopped")?;
    let outcome: PublishedOutcome = RecordDir::new(dir)
        .read_json(OUTCOME)
        .map_err(anyhow::Error::msg)?;
    let mut funded: Vec<i64> = outcome
        .results
        .units
        .iter()
        .flat_map(|u| u.selected.iter().map(|p| p.0))
        .collect();
    funded.sort_unstable();
    Ok(Verified {
        holds: report.holds(),
        checks: report
            .checks
            .iter()
            .map(|c| Check {
                name: c.name,
                holds: c.holds(),
                summary: c.summary.clone(),
                problems: c.problems.clone(),
            })
            .collect(),
        counted: outcome.counted,
        spoiled: outcome.spoiled.len() as u64,
        funded,
    })
}
