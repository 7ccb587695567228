//! The results chart: a server-rendered, accessible SVG of one budget unit, and
//! the same data as rows for an HTML data table.
//!
//! One row per project, by decreasing votes (points for cumulative ballots):
//! its title, a bar for its votes, and, for funded projects, a segment of the
//! spending bar from the funded total before it to the total after it, against
//! a dashed vertical budget line. Funded projects are told apart by more than
//! colour: their bars are hatched and their row carries the "funded" label.
//! The SVG has `role="img"`, a `<title>` and a `<desc>` (its text alternative;
//! the page should also offer the data table of [`chart_rows`]). It holds no
//! script and loads nothing. Every text comes from the caller (localized).

use std::fmt::Write as _;

use crate::export::{project_results, ExportError, Published};
use crate::rules::Amount;
use crate::ProposalId;

/// One project in the chart (and one row of its data table).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartRow {
    /// The project.
    pub id: ProposalId,
    /// Its title.
    pub title: String,
    /// Its official cost.
    pub cost: Amount,
    /// Ballots that chose it.
    pub votes: u64,
    /// Total points (cumulative ballots only); the bars show these when set.
    pub points: Option<u64>,
    /// Whether it is funded.
    pub funded: bool,
    /// Total cost of the funded projects up to and including this row.
    pub cumulative_cost: Amount,
}

impl ChartRow {
    /// What the bar shows: points when set, else votes.
    pub fn measure(&self) -> u64 {
        self.points.unwrap_or(self.votes)
    }
}

/// The rows of one unit's chart, by decreasing votes (or points), then id.
pub fn chart_rows(published: &Published<'_>, unit: &str) -> Result<Vec<ChartRow>, ExportError> {
    published.unit(unit)?;
    let mut rows: Vec<ChartRow> = project_results(published)
        .into_iter()
        .filter(|r| r.unit == unit)
        .map(|r| ChartRow {
            id: r.id,
            title: r.title,
            cost: r.cost,
            votes: r.votes,
            points: r.points,
            funded: r.selected,
            cumulative_cost: 0,
        })
        .collect();
    rows.sort_by(|a, b| b.measure().cmp(&a.measure()).then(a.id.cmp(&b.id)));
    let mut total: Amount = 0;
    for r in &mut rows {
        if r.funded {
            total = total.saturating_add(r.cost);
        }
        r.cumulative_cost = total;
    }
    Ok(rows)
}

/// The texts of the chart, in the reader's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChartLabels<'a> {
    /// The chart's title (`<title>`).
    pub title: &'a str,
    /// Its text alternative (`<desc>`), e.g. built from [`ChartSummary`].
    pub description: &'a str,
    /// Heading of the bars: "Votes" or "Points".
    pub measure: &'a str,
    /// Heading of the spending bar, e.g. "Cost of funded projects".
    pub spending: &'a str,
    /// "Funded".
    pub funded: &'a str,
    /// "Not funded".
    pub not_funded: &'a str,
    /// "Budget".
    pub budget: &'a str,
    /// Put between groups of three digits (e.g. `,`, `.`, a narrow space).
    pub thousands_separator: &'a str,
}

/// Figures for the chart's text alternative.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChartSummary {
    /// Projects in the chart.
    pub projects: usize,
    /// Funded ones.
    pub funded: usize,
    /// Their total cost.
    pub funded_cost: Amount,
    /// The unit's budget.
    pub budget: Amount,
}

/// The figures a `<desc>` sentence needs.
pub fn summary(rows: &[ChartRow], budget: Amount) -> ChartSummary {
    ChartSummary {
        projects: rows.len(),
        funded: rows.iter().filter(|r| r.funded).count(),
        funded_cost: rows.last().map_or(0, |r| r.cumulative_cost),
        budget,
    }
}

const WIDTH: u32 = 960;
const ROW: u32 = 30;
const TOP: u32 = 56;
const TITLE_W: f64 = 300.0;
const BARS_X: f64 = 310.0;
const BARS_W: f64 = 230.0;
const COST_X: f64 = 680.0;
const COST_W: f64 = 190.0;
const FUNDED: &str = "#1d4f91";
const INK: &str = "#1a1a1a";
const MUTED: &str = "#555555";

/// The SVG of `rows` (as [`chart_rows`] gives them) against `budget`; `id` is a
/// prefix for the ids inside (unique on the page; letters, digits, `-`, `_`).
pub fn results_svg(
    rows: &[ChartRow],
    budget: Amount,
    labels: &ChartLabels<'_>,
    id: &str,
) -> String {
    let id: String = id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    let id = if id.is_empty() {
        "chart".to_string()
    } else {
        id
    };
    let height = TOP + ROW * rows.len() as u32 + 56;
    let sep = labels.thousands_separator;
    let max_measure = rows.iter().map(ChartRow::measure).max().unwrap_or(0).max(1) as f64;
    let total = rows.last().map_or(0, |r| r.cumulative_cost);
    let max_cost = budget.max(total).max(1) as f64;
    let cost_x = |a: Amount| COST_X + COST_W * a as f64 / max_cost;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {WIDTH} {height}" width="100%" font-family="system-ui, sans-serif" font-size="13">"#
    );
    let _ = write!(
        s,
        r#"<title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        esc(labels.title),
        esc(labels.description)
    );
    let _ = write!(
        s,
        r##"<defs><pattern id="{id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="{FUNDED}"/><line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="2"/></pattern></defs>"##
    );
    let _ = write!(
        s,
        r##"<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>"##
    );
    // Headings.
    let _ = write!(
        s,
        r#"<text x="{BARS_X}" y="24" fill="{INK}" font-weight="bold">{}</text><text x="{COST_X}" y="24" fill="{INK}" font-weight="bold">{}</text>"#,
        esc(labels.measure),
        esc(labels.spending)
    );
    for (i, r) in rows.iter().enumerate() {
        let y = TOP + ROW * i as u32;
        let mid = y + ROW / 2 + 4;
        let _ = write!(
            s,
            r#"<g><text x="{}" y="{mid}" fill="{INK}" text-anchor="end">{}</text>"#,
            TITLE_W,
            esc(&shorten(&r.title, 40))
        );
        let w = (BARS_W * r.measure() as f64 / max_measure).max(1.0);
        let (fill, stroke) = if r.funded {
            (format!("url(#{id}-hatch)"), FUNDED)
        } else {
            ("#ffffff".to_string(), MUTED)
        };
        let _ = write!(
            s,
            r#"<rect x="{BARS_X}" y="{}" width="{w:.1}" height="{}" fill="{fill}" stroke="{stroke}"/>"#,
            y + 6,
            ROW - 12
        );
        let status = if r.funded {
            labels.funded
        } else {
            labels.not_funded
        };
        let _ = write!(
            s,
            r#"<text x="{:.1}" y="{mid}" fill="{INK}">{} · {}</text>"#,
            BARS_X + w + 6.0,
            group(r.measure(), sep),
            esc(status)
        );
        if r.funded {
            let x0 = cost_x(r.cumulative_cost.saturating_sub(r.cost));
            let x1 = cost_x(r.cumulative_cost);
            let _ = write!(
                s,
                r#"<rect x="{x0:.1}" y="{}" width="{:.1}" height="{}" fill="url(#{id}-hatch)" stroke="{FUNDED}"/>"#,
                y + 6,
                (x1 - x0).max(1.0),
                ROW - 12
            );
        }
        let _ = write!(
            s,
            r#"<text x="{}" y="{mid}" fill="{MUTED}" text-anchor="end">{}</text></g>"#,
            WIDTH - 4,
            group(r.cost, sep)
        );
    }
    // Budget line.
    let bx = cost_x(budget);
    let bottom = TOP + ROW * rows.len() as u32;
    let _ = write!(
        s,
        r#"<line x1="{bx:.1}" y1="{}" x2="{bx:.1}" y2="{}" stroke="{INK}" stroke-width="2" stroke-dasharray="6 4"/><text x="{bx:.1}" y="{}" fill="{INK}" text-anchor="middle">{}: {}</text>"#,
        TOP - 14,
        bottom + 4,
        TOP - 18,
        esc(labels.budget),
        group(budget, sep)
    );
    // Legend.
    let ly = bottom + 24;
    let _ = write!(
        s,
        r#"<rect x="{BARS_X}" y="{ly}" width="18" height="14" fill="url(#{id}-hatch)" stroke="{FUNDED}"/><text x="{}" y="{}" fill="{INK}">{}</text>"#,
        BARS_X + 24.0,
        ly + 12,
        esc(labels.funded)
    );
    let _ = write!(
        s,
        r##"<rect x="{}" y="{ly}" width="18" height="14" fill="#ffffff" stroke="{MUTED}"/><text x="{}" y="{}" fill="{INK}">{}</text>"##,
        BARS_X + 140.0,
        BARS_X + 164.0,
        ly + 12,
        esc(labels.not_funded)
    );
    let _ = write!(
        s,
        r#"<line x1="{COST_X}" y1="{}" x2="{}" y2="{}" stroke="{INK}" stroke-width="2" stroke-dasharray="6 4"/><text x="{}" y="{}" fill="{INK}">{}</text>"#,
        ly + 7,
        COST_X + 24.0,
        ly + 7,
        COST_X + 30.0,
        ly + 12,
        esc(labels.budget)
    );
    s.push_str("</svg>");
    s
}

/// `n` with `sep` between groups of three digits.
pub fn group(n: u64, sep: &str) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(&esc(sep));
        }
        out.push(c);
    }
    out
}

/// At most `max` characters, with an ellipsis when cut.
fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
    t.push('…');
    t
}

/// Escapes text for XML content and attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_digits_and_escapes() {
        assert_eq!(group(0, ","), "0");
        assert_eq!(group(999, ","), "999");
        assert_eq!(group(1_000, ","), "1,000");
        assert_eq!(group(1_234_567, "\u{202f}"), "1\u{202f}234\u{202f}567");
        assert_eq!(esc("a<b & \"c\"\n"), "a&lt;b &amp; &quot;c&quot; ");
        assert_eq!(shorten("abcdef", 4), "abc…");
        assert_eq!(shorten("abc", 4), "abc");
    }
}
