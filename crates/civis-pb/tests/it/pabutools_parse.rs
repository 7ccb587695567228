//! Differential test: the parser reads what pabutools' `parse_pabulib`
//! reads (budget, META, projects with costs and columns, ballots with
//! points and voter columns), on the fixtures and on every shared real
//! file under 200 KB. Runs when `CIVIS_PYTHON` names a Python with
//! pabutools (see `scripts/setup-python.sh`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use civis_pb::{pabulib, Decimal, Election, Fields, VoteType};
use serde_json::Value;

use crate::real_files::shared_dir;
use crate::{fixtures_dir, pb_files};

/// Whether `d` equals the fraction `"n/d"`.
fn same_amount(d: &Decimal, frac: &str) -> bool {
    let (n, den) = frac.split_once('/').unwrap_or((frac, "1"));
    let (n, den): (i128, i128) = (n.parse().unwrap(), den.parse().unwrap());
    let Some(p) = 10i128.checked_pow(d.scale()) else {
        return false;
    };
    n.checked_mul(p) == d.units().checked_mul(den)
}

/// Non-empty columns (pabutools drops `none` cells and keeps empty ones;
/// both are compared as absent).
fn columns(fields: &[(String, String)], skip: &[&str]) -> BTreeMap<String, String> {
    fields
        .iter()
        .filter(|(k, v)| !v.is_empty() && !skip.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// [`columns`] of one project's or voter's values, named by `names`.
fn row_columns(names: &[String], fields: &Fields, skip: &[&str]) -> BTreeMap<String, String> {
    let pairs: Vec<(String, String)> = names
        .iter()
        .cloned()
        .zip(fields.iter().map(str::to_string))
        .collect();
    columns(&pairs, skip)
}

fn theirs_columns(meta: &Value, skip: &[&str]) -> BTreeMap<String, String> {
    meta.as_object()
        .unwrap()
        .iter()
        .filter(|(k, v)| !skip.contains(&k.as_str()) && v.as_str() != Some(""))
        .map(|(k, v)| (k.to_ascii_lowercase(), v.as_str().unwrap().to_string()))
        .collect()
}

fn compare(path: &Path, ours: &Election, theirs: &Value) -> Vec<String> {
    let mut diffs = Vec::new();
    let mut diff = |what: String| diffs.push(format!("{}: {what}", path.display()));
    if !same_amount(&ours.budget().unwrap(), theirs["budget"].as_str().unwrap()) {
        diff(format!(
            "budget {:?} vs {}",
            ours.budget(),
            theirs["budget"]
        ));
    }
    let meta = columns(&ours.meta, &[]);
    if meta != theirs_columns(&theirs["meta"], &[]) {
        diff("META differs".into());
    }
    let projects = theirs["projects"].as_object().unwrap();
    if projects.len() != ours.projects.len() {
        diff(format!(
            "{} projects vs {}",
            ours.projects.len(),
            projects.len()
        ));
    }
    // pabutools turns these into sets; compared as text elsewhere.
    let set_columns = [
        "project_id",
        "cost",
        "category",
        "categories",
        "target",
        "targets",
    ];
    for p in &ours.projects {
        let Some(t) = projects.get(&p.id) else {
            diff(format!("project {} unknown to pabutools", p.id));
            continue;
        };
        if !same_amount(&p.cost, t["cost"].as_str().unwrap()) {
            diff(format!("project {} cost {} vs {}", p.id, p.cost, t["cost"]));
        }
        if row_columns(&ours.project_columns, &p.fields, &set_columns)
            != theirs_columns(&t["meta"], &set_columns)
        {
            diff(format!("project {} columns differ", p.id));
        }
    }
    let ballots = theirs["ballots"].as_array().unwrap();
    if ballots.len() != ours.voters.len() {
        diff(format!("{} voters vs {}", ours.voters.len(), ballots.len()));
    }
    let ordinal = ours.vote_type() == VoteType::Ordinal;
    for (v, b) in ours.voters.iter().zip(ballots) {
        let mut vote: Vec<&str> = v
            .vote
            .iter()
            .map(|&i| ours.projects[i as usize].id.as_str())
            .collect();
        if !ordinal {
            vote.sort_unstable();
        }
        let want: Vec<&str> = b["vote"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().unwrap())
            .collect();
        if vote != want {
            diff(format!("voter {} vote {vote:?} vs {want:?}", v.id));
        }
        if let Some(points) = b["points"].as_object() {
            let ours_points = v.points.as_ref().unwrap();
            for (&i, d) in v.vote.iter().zip(ours_points) {
                let id = &ours.projects[i as usize].id;
                if !points
                    .get(id)
                    .is_some_and(|f| same_amount(d, f.as_str().unwrap()))
                {
                    diff(format!(
                        "voter {} points for {id}: {d} vs {:?}",
                        v.id,
                        points.get(id)
                    ));
                }
            }
        }
        // pabutools keeps the points of approval and ordinal ballots as text.
        if let Some(text) = b["meta"]["points"].as_str() {
            let ours_points: Vec<String> =
                v.points.iter().flatten().map(Decimal::to_string).collect();
            let want: Vec<&str> = text.split(',').map(str::trim).collect();
            if ours_points != want {
                diff(format!("voter {} points {ours_points:?} vs {text:?}", v.id));
            }
        }
        let mut ours_meta = row_columns(&ours.voter_columns, &v.fields, &[]);
        ours_meta.insert("voter_id".into(), v.id.clone());
        if ours_meta != theirs_columns(&b["meta"], &["points"]) {
            diff(format!(
                "voter {} columns {ours_meta:?} vs {}",
                v.id, b["meta"]
            ));
        }
    }
    diffs
}

#[test]
fn parser_reads_what_pabutools_reads() {
    let Ok(python) = std::env::var("CIVIS_PYTHON") else {
        eprintln!("NOTICE: CIVIS_PYTHON unset; skipping the pabutools parse comparison");
        return;
    };
    let mut files = pb_files(&fixtures_dir());
    if let Some(dir) = shared_dir() {
        files.extend(
            pb_files(&dir)
                .into_iter()
                .filter(|f| std::fs::metadata(f).unwrap().len() < 200_000),
        );
    }
    let script =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scripts/pabutools_parse_dump.py");
    let out = Command::new(&python)
        .arg(script)
        .args(&files)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "pabutools failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dump: Value = serde_json::from_slice(&out.stdout).unwrap();
    let theirs = dump["files"].as_array().unwrap();
    assert_eq!(theirs.len(), files.len());
    let mut diffs = Vec::new();
    for (f, t) in files.iter().zip(theirs) {
        let ours = pabulib::parse_bytes(&std::fs::read(f).unwrap()).unwrap();
        diffs.extend(compare(f, &ours, t));
    }
    assert!(
        diffs.is_empty(),
        "{} differences, first:\n{}",
        diffs.len(),
        diffs[..diffs.len().min(10)].join("\n")
    );
    eprintln!(
        "{} files read identically by civis and pabutools",
        files.len()
    );
}
