//! `civis pb check`: recompute the official outcome with the rule META
//! names (as pabulib-checker 1.0.8 does) and compare it with `selected`.
//!
//! Exit codes: 0 the file's `selected` column is the recomputed outcome;
//! 1 it is not (the differences are listed); 2 the file cannot say (no
//! `selected` column; rule missing, `unknown` or unsupported; …) or
//! cannot be read.
//!
//! Text output: `file`, `rule`, `verdict` lines, then for a disagreement
//! `selected but not computed: …` and `computed but not selected: …`, or
//! for "cannot say" a `reason: …` line.
//!
//! `--json` prints one object: `{"file", "agrees" (true, false or null
//! when the file cannot say), "rule", "computed" (project ids in the order
//! the rule selected them, or null), "official" (ids marked selected, file
//! order, or null), "differences": {"selected_not_computed",
//! "computed_not_selected"} (or null), "reason" (or null), "ordered_by"
//! (greedy rules: `score`, `votes` or `counted`; else null)}`.

use std::io::Write;

use civis_pb::official::{self, CheckReport, Computation, Verdict};
use civis_pb::Election;

use crate::CheckArgs;

/// Exit code: the official outcome differs from the recomputed one.
pub const EXIT_DISAGREE: i32 = 1;

/// Wire form of a check (`--json`).
#[derive(Debug, Clone, serde::Serialize)]
pub struct CheckJson {
    /// The file as given.
    pub file: String,
    /// `true` agree, `false` disagree, `null` cannot say.
    pub agrees: Option<bool>,
    /// META `rule`.
    pub rule: Option<String>,
    /// Recomputed selection (project ids, selection order).
    pub computed: Option<Vec<String>>,
    /// The file's selection (project ids, file order).
    pub official: Option<Vec<String>>,
    /// What differs, when they disagree.
    pub differences: Option<DifferencesJson>,
    /// Why the file cannot say.
    pub reason: Option<String>,
    /// For greedy rules: what ordered the projects.
    pub ordered_by: Option<String>,
}

/// Wire form of the differences.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DifferencesJson {
    /// Marked selected in the file, not recomputed.
    pub selected_not_computed: Vec<String>,
    /// Recomputed, not marked selected.
    pub computed_not_selected: Vec<String>,
}

fn ids(e: &Election, projects: &[usize]) -> Vec<String> {
    projects.iter().map(|&p| e.projects[p].id.clone()).collect()
}

impl CheckJson {
    /// The wire form of `report` for `file`.
    pub fn new(file: String, e: &Election, report: &CheckReport) -> Self {
        let (agrees, differences, reason) = match &report.verdict {
            Verdict::Agrees => (Some(true), None, None),
            Verdict::Disagrees {
                selected_not_computed,
                computed_not_selected,
            } => (
                Some(false),
                Some(DifferencesJson {
                    selected_not_computed: ids(e, selected_not_computed),
                    computed_not_selected: ids(e, computed_not_selected),
                }),
                None,
            ),
            Verdict::CannotSay(why) => (None, None, Some(why.to_string())),
        };
        let ordered_by = report.computed.as_ref().and_then(|c| match &c.computation {
            Computation::Greedy { source, .. } => Some(source.as_str().to_string()),
            Computation::EqualShares(_) => None,
        });
        CheckJson {
            file,
            agrees,
            rule: report.rule.clone(),
            computed: report.computed.as_ref().map(|c| ids(e, &c.selected)),
            official: report.official.as_ref().map(|o| ids(e, o)),
            differences,
            reason,
            ordered_by,
        }
    }
}

/// Compares the official outcome with the recomputed one (`civis pb check`); returns the exit code.
pub fn run(args: CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let election = match crate::input::load(&args.file) {
        Ok(e) => e,
        Err(e) => return crate::fail(err, e),
    };
    let report = official::check(&election);
    let wire = CheckJson::new(args.file.display().to_string(), &election, &report);
    let code = match wire.agrees {
        Some(true) => 0,
        Some(false) => EXIT_DISAGREE,
        None => crate::EXIT_CANNOT,
    };
    let written = if args.json {
        serde_json::to_string(&wire)
            .map_err(std::io::Error::other)
            .and_then(|s| writeln!(out, "{s}"))
    } else {
        write_text(out, &wire)
    };
    match written {
        Ok(()) => code,
        Err(e) => crate::fail(err, format!("cannot write output: {e}")),
    }
}

fn write_text(out: &mut dyn Write, w: &CheckJson) -> std::io::Result<()> {
    writeln!(out, "file: {}", w.file)?;
    writeln!(out, "rule: {}", w.rule.as_deref().unwrap_or("-"))?;
    let n = w.official.as_ref().map_or(0, Vec::len);
    match w.agrees {
        Some(true) => writeln!(out, "verdict: agrees ({n} selected projects confirmed)")?,
        Some(false) => writeln!(out, "verdict: disagrees")?,
        None => writeln!(out, "verdict: cannot say")?,
    }
    if let Some(d) = &w.differences {
        let list = |v: &[String]| {
            if v.is_empty() {
                "-".to_string()
            } else {
                v.join(", ")
            }
        };
        writeln!(
            out,
            "selected but not computed: {}",
            list(&d.selected_not_computed)
        )?;
        writeln!(
            out,
            "computed but not selected: {}",
            list(&d.computed_not_selected)
        )?;
    }
    if let Some(r) = &w.reason {
        writeln!(out, "reason: {r}")?;
    }
    Ok(())
}
