//! The results chart and its data table.

use civis_budget::chart::{chart_rows, results_svg, summary, ChartLabels};
use civis_budget::{BallotFormat, OutcomeRule, TieBreak};

use crate::gen::Case;

fn labels<'a>(desc: &'a str) -> ChartLabels<'a> {
    ChartLabels {
        title: "Results <North>",
        description: desc,
        measure: "Votes",
        spending: "Cost of funded projects",
        funded: "Funded",
        not_funded: "Not funded",
        budget: "Budget",
        thousands_separator: ",",
    }
}

#[test]
fn rows_and_svg_show_every_project_funded_ones_by_label_and_pattern() {
    let case = Case::new(
        21,
        BallotFormat::Approval { min: 1, max: 4 },
        OutcomeRule::Greedy,
        TieBreak::Lexico,
        60,
    );
    let published = case.published();
    let rows = chart_rows(&published, "citywide").unwrap();
    assert_eq!(rows.len(), 7);
    assert!(rows.windows(2).all(|w| w[0].votes >= w[1].votes));
    let unit = case
        .results
        .units
        .iter()
        .find(|u| u.unit == "citywide")
        .unwrap();
    let funded: u64 = rows.iter().filter(|r| r.funded).map(|r| r.cost).sum();
    assert_eq!(funded, unit.cost);
    assert_eq!(rows.last().unwrap().cumulative_cost, unit.cost);
    let s = summary(&rows, unit.budget);
    assert_eq!(s.funded, unit.selected.len());
    assert_eq!(s.funded_cost, unit.cost);

    let desc = format!("{} projects, {} funded", s.projects, s.funded);
    let svg = results_svg(&rows, unit.budget, &labels(&desc), "c1");
    assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>"));
    assert!(svg.contains(r#"role="img""#));
    assert!(svg.contains(r#"aria-labelledby="c1-title c1-desc""#));
    assert!(svg.contains(r#"<title id="c1-title">Results &lt;North&gt;</title>"#));
    assert!(svg.contains(&format!(r#"<desc id="c1-desc">{desc}</desc>"#)));
    assert!(
        !svg.contains("<script")
            && !svg.contains("href")
            && !svg.contains("http://www.w3.org/1999")
    );
    assert_eq!(svg.matches("· Funded<").count(), s.funded);
    assert_eq!(svg.matches("· Not funded<").count(), rows.len() - s.funded);
    assert_eq!(svg.matches("url(#c1-hatch)").count(), 2 * s.funded + 1);
    assert!(svg.contains("Budget: 10,000"));
    assert!(svg.contains("stroke-dasharray"));
    // Well-formed enough: tags balance.
    assert_eq!(svg.matches("<g>").count(), svg.matches("</g>").count());
    assert_eq!(svg.matches("<text").count(), svg.matches("</text>").count());
    assert!(chart_rows(&published, "district:Nowhere").is_err());
}
