//! Writes an [`Election`] as a canonical Pabulib file.

use super::error::Section;
use crate::{Election, VoteType};

/// Writes `election` as Pabulib text: sections META, PROJECTS, VOTES;
/// `project_id;cost` then the other project columns; `voter_id;vote`,
/// then `points` (when any voter has points, or the
/// ballots are cumulative or scoring), then the other voter
/// columns; `\n` line ends; cells quoted only when needed.
///
/// Vote entries that are not valid project indices are left out.
pub fn write(election: &Election) -> String {
    let mut out = String::with_capacity(
        256 + election.projects.len() * 64
            + election.voters.len() * (24 + 8 * election.voter_columns.len()),
    );
    out.push_str("META\nkey;value\n");
    for (k, v) in &election.meta {
        push_cell(&mut out, k);
        out.push(';');
        push_cell(&mut out, v);
        out.push('\n');
    }
    out.push_str("PROJECTS\nproject_id;cost");
    for c in &election.project_columns {
        out.push(';');
        push_cell(&mut out, c);
    }
    out.push('\n');
    for p in &election.projects {
        push_cell(&mut out, &p.id);
        out.push(';');
        out.push_str(&p.cost.to_string());
        for i in 0..election.project_columns.len() {
            out.push(';');
            push_cell(&mut out, p.fields.get(i).unwrap_or_default());
        }
        out.push('\n');
    }
    let has_points = election.voters.iter().any(|v| v.points.is_some())
        || matches!(
            election.vote_type(),
            VoteType::Cumulative | VoteType::Scoring
        );
    out.push_str("VOTES\nvoter_id;vote");
    if has_points {
        out.push_str(";points");
    }
    for c in &election.voter_columns {
        out.push(';');
        push_cell(&mut out, c);
    }
    out.push('\n');
    let mut list = String::new();
    for v in &election.voters {
        push_cell(&mut out, &v.id);
        out.push(';');
        list.clear();
        for (n, p) in v
            .vote
            .iter()
            .filter_map(|&i| election.projects.get(i as usize))
            .enumerate()
        {
            if n > 0 {
                list.push(',');
            }
            list.push_str(&p.id);
        }
        push_cell(&mut out, &list);
        if has_points {
            out.push(';');
            let points = v.points.as_deref().unwrap_or_default();
            for (n, d) in points.iter().enumerate() {
                if n > 0 {
                    out.push(',');
                }
                out.push_str(&d.to_string());
            }
        }
        let mut values = v.fields.iter();
        for _ in &election.voter_columns {
            out.push(';');
            push_cell(&mut out, values.next().unwrap_or_default());
        }
        out.push('\n');
    }
    out
}

/// Appends one cell, quoted when a reader would otherwise misread it (a
/// separator, quote or line break inside, surrounding spaces, or a text
/// read specially: `None`, a section marker).
fn push_cell(out: &mut String, s: &str) {
    let needs_quotes = s.contains([';', '"', '\n', '\r'])
        || s.trim() != s
        || s.eq_ignore_ascii_case("none")
        || Section::parse(s).is_some()
        || s.starts_with('\u{feff}');
    if !needs_quotes {
        out.push_str(s);
        return;
    }
    out.push('"');
    for ch in s.chars() {
        if ch == '"' {
            out.push('"');
        }
        out.push(ch);
    }
    out.push('"');
}
