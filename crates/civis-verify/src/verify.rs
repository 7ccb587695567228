//! Runs every check on a record directory, in order; a check whose inputs could
//! not be read says so and fails.

use std::path::Path;

use crate::check::ballots::open_ballots;
use crate::check::count::check_count;
use crate::check::credentials::check_credentials;
use crate::check::entries::{check_signatures, parse_entries};
use crate::check::log::check_log;
use crate::check::outcome::check_outcome;
use crate::check::rules::check_rules;
use crate::check::trustees::check_trustees;
use crate::record::{
    Cast, CredentialIssuer, Official, PublishedOutcome, RecordDir, Reveal, Trustees, CREDENTIALS,
    OFFICIALS, OUTCOME, REVEAL, TRUSTEES,
};
use crate::report::{CheckResult, Report};

/// Checks the record in `dir`.
pub fn verify_record(dir: &Path) -> Report {
    let dir = RecordDir::new(dir);
    let mut report = Report::default();

    let (rules, frozen) = check_rules(&dir);
    report.checks.push(rules);

    let mut entries_check = CheckResult::new("entries");
    let (log_check, raw) = match (dir.read_log(), frozen.as_ref()) {
        (Ok(log), Some(f)) => check_log(&log, &f.manifest.log_origin),
        (Ok(log), None) => check_log(&log, ""),
        (Err(e), _) => {
            let mut c = CheckResult::new("log");
            c.fail(e);
            (c, Default::default())
        }
    };
    report.checks.push(log_check);

    let entries = parse_entries(&raw.entries, &mut entries_check);
    let officials: Option<Vec<Official>> = read_into(&dir, OFFICIALS, &mut entries_check);
    match &frozen {
        Some(f) => check_signatures(
            f.manifest.process,
            &entries,
            officials.as_deref(),
            &mut entries_check,
        ),
        None => entries_check.fail("not checked: record.json is needed for the process id"),
    }
    let mut by_official: std::collections::BTreeMap<&str, usize> = Default::default();
    for e in entries.iter().flatten() {
        if let Cast::Paper { official, .. } = &e.cast {
            *by_official.entry(official.as_str()).or_default() += 1;
        }
    }
    let paper: usize = by_official.values().sum();
    let parsed = entries.iter().flatten().count();
    let per_official: Vec<String> = by_official
        .iter()
        .map(|(name, n)| format!("{name} {n}"))
        .collect();
    entries_check.summary = format!(
        "{parsed} of {} entries are ballot submissions: {} online, signed by their credential's key, and {paper} paper, signed by a listed official{}",
        entries.len(),
        parsed - paper,
        if per_official.is_empty() {
            String::new()
        } else {
            format!(" ({})", per_official.join(", "))
        }
    );
    report.checks.push(entries_check);

    let mut cred_read = CheckResult::new("credentials");
    let issuer: Option<CredentialIssuer> = read_into(&dir, CREDENTIALS, &mut cred_read);
    report.checks.push(match &issuer {
        Some(issuer) => check_credentials(issuer, &entries),
        None => cred_read,
    });

    let mut outcome_read = CheckResult::new("outcome");
    let outcome: Option<PublishedOutcome> = match dir.read_json_exact(OUTCOME) {
        Ok(o) => Some(o),
        Err(e) => {
            outcome_read.fail(e);
            None
        }
    };
    let (count, counted) = check_count(
        &entries,
        issuer.as_ref().map(|i| i.issued),
        outcome.as_ref().map(|o| o.counted),
    );
    report.checks.push(count);

    let mut trustees_read = CheckResult::new("trustees");
    let trustees: Option<Trustees> = read_into(&dir, TRUSTEES, &mut trustees_read);
    let reveal: Option<Reveal> = read_into(&dir, REVEAL, &mut trustees_read);
    report.checks.push(match (&trustees, &reveal) {
        (Some(t), Some(r)) => check_trustees(t, r),
        _ => trustees_read,
    });

    let opened = match (&frozen, &reveal) {
        (Some(f), Some(r)) => {
            let (check, opened) = open_ballots(
                f,
                &entries,
                &counted.entries,
                r.election_secret_key.as_slice(),
            );
            report.checks.push(check);
            Some(opened)
        }
        _ => {
            report.checks.push(CheckResult::skipped(
                "ballots",
                "record.json, rules.json, projects.json and reveal.json are needed",
            ));
            None
        }
    };

    report.checks.push(match (&frozen, &outcome, &opened) {
        (Some(f), Some(o), Some(opened)) => {
            let spoiled: Vec<u64> = opened.spoiled.iter().map(|(i, _)| *i).collect();
            check_outcome(f, o, &opened.valid, &spoiled)
        }
        (_, None, _) => outcome_read,
        _ => CheckResult::skipped("outcome", "the ballots could not be opened"),
    });
    report
}

fn read_into<T: serde::de::DeserializeOwned>(
    dir: &RecordDir,
    file: &str,
    check: &mut CheckResult,
) -> Option<T> {
    match dir.read_json(file) {
        Ok(v) => Some(v),
        Err(e) => {
            check.fail(e);
            None
        }
    }
}
