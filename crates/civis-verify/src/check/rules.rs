//! `record.json`, the frozen rules and the projects: the rules' digest must be
//! the one the record (and the process page) names.

use std::collections::BTreeSet;

use civis_budget::ProcessRules;

use crate::record::{Manifest, PublishedProject, RecordDir, FORMAT, MANIFEST, PROJECTS, RULES};
use crate::report::CheckResult;

/// What the other checks need from these files.
#[derive(Debug, Clone)]
pub struct Frozen {
    /// `record.json`.
    pub manifest: Manifest,
    /// `rules.json`.
    pub rules: ProcessRules,
    /// `projects.json`.
    pub projects: Vec<PublishedProject>,
}

/// Reads and checks `record.json`, `rules.json` and `projects.json`.
pub fn check_rules(dir: &RecordDir) -> (CheckResult, Option<Frozen>) {
    let mut check = CheckResult::new("rules");
    let manifest: Option<Manifest> = match dir.read_json(MANIFEST) {
        Ok(m) => Some(m),
        Err(e) => {
            check.fail(e);
            None
        }
    };
    if let Some(m) = &manifest {
        if m.format != FORMAT {
            check.fail(format!(
                "{MANIFEST}: format {:?} is not {FORMAT:?}",
                m.format
            ));
        }
    }
    let rules: Option<ProcessRules> = match dir.read_json_exact(RULES) {
        Ok(r) => Some(r),
        Err(e) => {
            check.fail(e);
            None
        }
    };
    if let (Some(m), Some(r)) = (&manifest, &rules) {
        let digest = r.digest();
        if digest != m.rules_digest {
            check.fail(format!(
                "{RULES}: its digest is {digest}, {MANIFEST} names {} (the rules are not the frozen ones)",
                m.rules_digest
            ));
        }
    }
    let projects: Option<Vec<PublishedProject>> = match dir.read_json_exact(PROJECTS) {
        Ok(p) => Some(p),
        Err(e) => {
            check.fail(e);
            None
        }
    };
    if let Some(projects) = &projects {
        let mut seen = BTreeSet::new();
        for p in projects {
            if !seen.insert(p.id) {
                check.fail(format!("{PROJECTS}: project {} is listed twice", p.id));
            }
        }
        if projects.is_empty() {
            check.fail(format!("{PROJECTS}: no project on the ballot"));
        }
    }
    match (manifest, rules, projects) {
        (Some(manifest), Some(rules), Some(projects)) => {
            check.summary = format!(
                "process {} ({:?}): {RULES} has the digest {}; {} projects on the ballot",
                manifest.process,
                manifest.title,
                manifest.rules_digest,
                projects.len()
            );
            (
                check,
                Some(Frozen {
                    manifest,
                    rules,
                    projects,
                }),
            )
        }
        _ => (check, None),
    }
}
