//! Participatory budgeting in plain words: phases, money, and the rules of a process
//! as residents read them on its page.

use civis_budget::{BallotFormat, Completion, Phase, ProcessRules, Schedule, TieBreak};
use civis_budget::{Exact, OutcomeRule, UnitKey};
use civis_domain::Timestamp;

use super::dates::show_minutes;
use crate::i18n::{L10n, Lang};

/// The phases in the order a process goes through them.
pub const PHASES: [Phase; 8] = [
    Phase::Upcoming,
    Phase::Proposals,
    Phase::Support,
    Phase::Review,
    Phase::Voting,
    Phase::Counting,
    Phase::Results,
    Phase::Implementation,
];

/// The message id naming `phase`.
pub const fn phase_key(phase: Phase) -> &'static str {
    match phase {
        Phase::Upcoming => "pb-phase-upcoming",
        Phase::Proposals => "pb-phase-proposals",
        Phase::Support => "pb-phase-support",
        Phase::Review => "pb-phase-review",
        Phase::Voting => "pb-phase-voting",
        Phase::Counting => "pb-phase-counting",
        Phase::Results => "pb-phase-results",
        Phase::Implementation => "pb-phase-implementation",
    }
}

/// The character that groups thousands in `lang`.
pub const fn thousands_sep(lang: Lang) -> char {
    match lang {
        Lang::En => ',',
        Lang::Es => '.',
        Lang::Et => '\u{a0}',
    }
}

/// `12,500` (en), `12.500` (es), `12 500` (et): whole currency units, grouped by thousands.
pub fn money(lang: Lang, amount: u64) -> String {
    let sep = thousands_sep(lang);
    let digits = amount.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(ch);
    }
    out
}

/// An exact amount's rounded value (`47615.38`) as `lang` writes numbers: `47,615.38`
/// (en), `47.615,38` (es), `47 615,38` (et).
pub fn decimal(lang: Lang, value: &Exact) -> String {
    let (sign, rest) = match value.rounded.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", value.rounded.as_str()),
    };
    let (whole, fraction) = match rest.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (rest, None),
    };
    let whole = whole
        .parse::<u64>()
        .map(|w| money(lang, w))
        .unwrap_or_else(|_| whole.to_owned());
    let point = if lang == Lang::En { '.' } else { ',' };
    match fraction {
        Some(f) => format!("{sign}{whole}{point}{f}"),
        None => format!("{sign}{whole}"),
    }
}

/// One step of a process's timeline.
#[derive(Debug, Clone)]
pub struct Step {
    /// The phase's translated name.
    pub name: String,
    /// When it begins (`2026-11-26 19:40 UTC`); empty for "upcoming".
    pub starts: String,
    /// RFC 3339 form of `starts`, for `<time datetime>`.
    pub starts_iso: String,
    /// Whether the process is in this phase now.
    pub current: bool,
    /// Whether this phase is over.
    pub past: bool,
}

/// The timeline of phases with their start dates, marking the current one.
///
/// Results have no date of their own (they begin when officials publish them); they are
/// shown as beginning after the close.
pub fn timeline(l: &L10n, schedule: &Schedule, now_phase: Phase) -> Vec<Step> {
    let dated: [(Phase, Option<Timestamp>); 7] = [
        (Phase::Proposals, Some(schedule.proposals_open)),
        (Phase::Support, Some(schedule.support_open)),
        (Phase::Review, Some(schedule.review_open)),
        (Phase::Voting, Some(schedule.voting_open)),
        (Phase::Counting, Some(schedule.voting_close)),
        (Phase::Results, None),
        (Phase::Implementation, Some(schedule.implementation_open)),
    ];
    dated
        .into_iter()
        .map(|(phase, at)| Step {
            name: l.t(phase_key(phase)),
            starts: at.map(show_minutes).unwrap_or_default(),
            starts_iso: at.map(|t| t.to_string()).unwrap_or_default(),
            current: phase == now_phase,
            past: phase < now_phase,
        })
        .collect()
}

/// A labelled line of the rules, as a `<dt>`/`<dd>` pair.
#[derive(Debug, Clone)]
pub struct RuleLine {
    /// What the line is about ("Who may vote").
    pub label: String,
    /// The rule in plain words.
    pub text: String,
}

/// The rules of a process in plain words, in the page's language.
pub fn rules_in_words(l: &L10n, rules: &ProcessRules) -> Vec<RuleLine> {
    let lang = l.lang;
    let mut lines = vec![RuleLine {
        label: l.t("pb-rules-budget"),
        text: l.t1(
            "pb-rules-budget-total",
            "amount",
            money(lang, rules.budgets.total),
        ),
    }];
    for (name, amount) in &rules.budgets.districts {
        lines.push(RuleLine {
            label: l.t1("pb-rules-budget-district", "name", name.as_str()),
            text: money(lang, *amount),
        });
    }
    for (name, amount) in &rules.budgets.categories {
        lines.push(RuleLine {
            label: l.t1("pb-rules-budget-category", "name", name.as_str()),
            text: money(lang, *amount),
        });
    }
    let who = match &rules.eligibility.district {
        Some(d) => l.t1("pb-rules-who-district", "district", d.as_str()),
        None => l.t("pb-rules-who-city"),
    };
    let who = match rules.eligibility.min_age {
        Some(age) => format!("{who} {}", l.t1("pb-rules-who-age", "age", age)),
        None => who,
    };
    lines.push(RuleLine {
        label: l.t("pb-rules-who"),
        text: who,
    });
    lines.push(RuleLine {
        label: l.t("pb-rules-ballot"),
        text: ballot_in_words(l, &rules.ballot),
    });
    lines.push(RuleLine {
        label: l.t("pb-rules-outcome"),
        text: outcome_in_words(l, rules.rule),
    });
    lines.push(RuleLine {
        label: l.t("pb-rules-ties"),
        text: l.t(tie_break_key(rules.tie_break)),
    });
    lines
}

/// What a ballot of this format asks, in plain words.
pub fn ballot_in_words(l: &L10n, format: &BallotFormat) -> String {
    match format {
        BallotFormat::Approval { min, max } => {
            l.t2("pb-ballot-approval", ("min", *min), ("max", *max))
        }
        BallotFormat::Knapsack { limit: Some(limit) } => {
            l.t1("pb-ballot-knapsack-limit", "limit", money(l.lang, *limit))
        }
        BallotFormat::Knapsack { limit: None } => l.t("pb-ballot-knapsack"),
        BallotFormat::Cumulative {
            points,
            max_per_project: Some(max),
        } => l.t2(
            "pb-ballot-cumulative-max",
            ("points", *points),
            ("max", *max),
        ),
        BallotFormat::Cumulative {
            points,
            max_per_project: None,
        } => l.t1("pb-ballot-cumulative", "points", *points),
        BallotFormat::Ranked { k } => l.t1("pb-ballot-ranked", "k", *k),
    }
}

/// How the outcome is computed, in plain words.
pub fn outcome_in_words(l: &L10n, rule: OutcomeRule) -> String {
    match rule {
        OutcomeRule::Greedy => l.t("pb-outcome-greedy"),
        OutcomeRule::Mes { completion } => {
            let extra = match completion {
                Completion::None => l.t("pb-outcome-mes-none"),
                Completion::Add1 => l.t("pb-outcome-mes-add1"),
                Completion::Add1u => l.t("pb-outcome-mes-add1u"),
            };
            format!("{} {extra}", l.t("pb-outcome-mes"))
        }
    }
}

/// The message id describing a tie-break.
pub const fn tie_break_key(t: TieBreak) -> &'static str {
    match t {
        TieBreak::Lexico => "pb-tie-lexico",
        TieBreak::CostVotes => "pb-tie-cost-votes",
        TieBreak::File => "pb-tie-file",
    }
}

/// A unit's name for people: "Citywide", "District: North", "Category: Green".
pub fn unit_label(l: &L10n, unit: &UnitKey) -> String {
    match unit {
        UnitKey::Citywide => l.t("pb-unit-citywide"),
        UnitKey::District(d) => l.t1("pb-unit-district", "name", d.as_str()),
        UnitKey::Category(c) => l.t1("pb-unit-category", "name", c.as_str()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_groups_thousands_per_language() {
        assert_eq!(money(Lang::En, 0), "0");
        assert_eq!(money(Lang::En, 999), "999");
        assert_eq!(money(Lang::En, 1_000), "1,000");
        assert_eq!(money(Lang::Es, 1_234_567), "1.234.567");
        assert_eq!(money(Lang::Et, 12_500), "12\u{a0}500");
    }

    #[test]
    fn decimals_use_the_language_s_separators() {
        let e = |rounded: &str| Exact {
            exact: String::new(),
            rounded: rounded.to_owned(),
        };
        assert_eq!(decimal(Lang::En, &e("47615.38")), "47,615.38");
        assert_eq!(decimal(Lang::Es, &e("47615.38")), "47.615,38");
        assert_eq!(decimal(Lang::Et, &e("2.5")), "2,5");
        assert_eq!(decimal(Lang::Et, &e("-1000000")), "-1\u{a0}000\u{a0}000");
        assert_eq!(decimal(Lang::En, &e("0")), "0");
    }
}
