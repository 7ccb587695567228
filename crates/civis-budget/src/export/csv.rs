//! The projects with their results as CSV (RFC 4180).
//!
//! Columns: `id,title,district,category,unit,cost,votes,points,selected`, one
//! row per project on the ballot (as [`super::project_results`] orders them);
//! `points` is empty unless ballots are cumulative; `selected` is `1` or `0`.
//! Fields holding a comma, quote or line break are quoted, quotes doubled;
//! lines end with CRLF.

use super::{project_results, Published};

/// The header row's column names.
pub const COLUMNS: [&str; 9] = [
    "id", "title", "district", "category", "unit", "cost", "votes", "points", "selected",
];

/// The CSV text.
pub fn projects_csv(published: &Published<'_>) -> String {
    let mut out = String::new();
    push_row(&mut out, COLUMNS.iter().map(|c| c.to_string()));
    for r in project_results(published) {
        push_row(
            &mut out,
            [
                r.id.to_string(),
                r.title,
                r.district.unwrap_or_default(),
                r.category.unwrap_or_default(),
                r.unit,
                r.cost.to_string(),
                r.votes.to_string(),
                r.points.map(|p| p.to_string()).unwrap_or_default(),
                if r.selected { "1" } else { "0" }.to_string(),
            ],
        );
    }
    out
}

fn push_row(out: &mut String, fields: impl IntoIterator<Item = String>) {
    for (i, f) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_field(out, &f);
    }
    out.push_str("\r\n");
}

/// Appends one field, quoted when it holds a comma, quote or line break.
pub(crate) fn push_field(out: &mut String, field: &str) {
    if field.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_what_needs_it() {
        let mut s = String::new();
        push_row(
            &mut s,
            ["plain", "a,b", "say \"hi\"", "two\nlines", ""].map(String::from),
        );
        assert_eq!(s, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n");
    }
}
