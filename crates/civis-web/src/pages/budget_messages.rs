//! What the budget service and the PB engine say, in the page's language: ballot
//! problems, eligibility reasons, phase refusals, problems of a process's settings and
//! why a project was or was not funded (`locales/<lang>/budget-messages.ftl`).
//!
//! Each of them is a value with a stable code and parameters; each code has one
//! catalog message (every `match` here is exhaustive, so a new code does not compile
//! until it has one). Amounts are written as the rest of the pages write them
//! ([`money`], [`decimal`]); counts select plural forms in the catalog.

use civis_budget::validate::BallotShape;
use civis_budget::{
    BallotProblem, ExplanationPart, NotEligible, Phase, ProjectExplanation, UnitKey,
};
use fluent_bundle::FluentValue;

use super::budget_words::{decimal, money};
use crate::budget::refusals::{Ineligible, PhaseAction, PhaseRefusal, Refusal};
use crate::budget::settings::SettingsProblem;
use crate::error::FieldError;
use crate::i18n::L10n;

/// A catalog message with its arguments, already written for one language.
#[derive(Debug, Clone)]
pub struct Message {
    /// The message id in `budget-messages.ftl`.
    pub id: &'static str,
    /// Its arguments.
    pub args: Vec<(&'static str, FluentValue<'static>)>,
}

impl Message {
    fn new(id: &'static str) -> Self {
        Message {
            id,
            args: Vec::new(),
        }
    }

    fn arg(mut self, name: &'static str, value: impl Into<FluentValue<'static>>) -> Self {
        self.args.push((name, value.into()));
        self
    }

    /// The text in `l`'s language (English if the message were missing there).
    pub fn text(&self, l: &L10n) -> String {
        l.ta(self.id, &self.args)
    }

    /// The text in `l`'s language only: `Err` when that language lacks the message or
    /// an argument is missing (for tests).
    pub fn strict(&self, l: &L10n) -> Result<String, String> {
        l.strict(self.id, &self.args)
    }
}

/// The catalog message of a coded field problem of the budget service
/// ([`FieldProblem`](crate::budget::field_problems::FieldProblem)): `pbm-field-<code>`
/// with the code's underscores as hyphens.
pub fn field_problem_id(code: &str) -> String {
    format!("pbm-field-{}", code.replace('_', "-"))
}

/// A field error of the budget service in `l`'s language: its catalog message, with its
/// parameters, when it has a code the catalog knows; its English words otherwise.
pub fn field_error(l: &L10n, e: &FieldError) -> String {
    let Some(code) = e.code.as_deref() else {
        return e.message.clone();
    };
    let args: Vec<(&str, FluentValue)> = e
        .params
        .iter()
        .map(|(k, v)| (k.as_str(), FluentValue::from(*v)))
        .collect();
    l.strict(&field_problem_id(code), &args)
        .or_else(|_| L10n::new(crate::i18n::Lang::En).strict(&field_problem_id(code), &args))
        .unwrap_or_else(|_| e.message.clone())
}

fn shape(l: &L10n, s: BallotShape) -> String {
    match s {
        BallotShape::Approval => l.t("pbm-shape-approval"),
        BallotShape::Points => l.t("pbm-shape-points"),
        BallotShape::Ranking => l.t("pbm-shape-ranking"),
    }
}

/// A budget unit as a sentence names it ("the citywide budget", "the green category").
fn unit_in_sentence(l: &L10n, unit: &UnitKey) -> String {
    match unit {
        UnitKey::Citywide => l.t("pbm-unit-citywide"),
        UnitKey::District(d) => l.t1("pbm-unit-district", "name", d.as_str()),
        UnitKey::Category(c) => l.t1("pbm-unit-category", "name", c.as_str()),
    }
}

fn count(n: impl Into<u64>) -> FluentValue<'static> {
    FluentValue::from(n.into())
}

/// One problem of a ballot.
pub fn ballot_problem(l: &L10n, p: &BallotProblem) -> Message {
    match p {
        BallotProblem::WrongShape { expected, got } => Message::new("pbm-ballot-wrong-shape")
            .arg("got", shape(l, *got))
            .arg("expected", shape(l, *expected)),
        BallotProblem::UnknownProject { project } => {
            Message::new("pbm-ballot-unknown-project").arg("project", project.0.to_string())
        }
        BallotProblem::NotOnBallot { project, title } => Message::new("pbm-ballot-not-on-ballot")
            .arg("project", project.0.to_string())
            .arg("title", title.clone()),
        BallotProblem::DuplicateProject { project, title } if title.is_empty() => {
            Message::new("pbm-ballot-duplicate-unknown").arg("project", project.0.to_string())
        }
        BallotProblem::DuplicateProject { project, title } => Message::new("pbm-ballot-duplicate")
            .arg("project", project.0.to_string())
            .arg("title", title.clone()),
        BallotProblem::TooFewProjects { chosen, min } => Message::new("pbm-ballot-too-few")
            .arg("chosen", count(*chosen))
            .arg("min", count(*min))
            .arg("more", count(min.saturating_sub(*chosen))),
        BallotProblem::TooManyProjects { chosen, max } => Message::new("pbm-ballot-too-many")
            .arg("chosen", count(*chosen))
            .arg("max", count(*max))
            .arg("remove", count(chosen.saturating_sub(*max))),
        BallotProblem::OverBudget {
            unit,
            cost,
            limit,
            excess,
        } => Message::new("pbm-ballot-over-budget")
            .arg("cost", money(l.lang, *cost))
            .arg("unit", unit_in_sentence(l, unit))
            .arg("limit", money(l.lang, *limit))
            .arg("excess", money(l.lang, *excess)),
        BallotProblem::TooManyPoints { used, points } => Message::new("pbm-ballot-too-many-points")
            .arg("used", count(*used))
            .arg("points", count(*points))
            .arg("remove", count(used.saturating_sub(u64::from(*points)))),
        BallotProblem::TooManyPointsForProject {
            project,
            title,
            points,
            max,
        } => Message::new("pbm-ballot-too-many-points-for-project")
            .arg("project", project.0.to_string())
            .arg("title", title.clone())
            .arg("points", count(*points))
            .arg("max", count(*max))
            .arg("remove", count(points.saturating_sub(*max))),
        BallotProblem::ZeroPoints { project, title } => Message::new("pbm-ballot-zero-points")
            .arg("project", project.0.to_string())
            .arg("title", title.clone()),
        BallotProblem::RankingTooLong { ranked, k } => Message::new("pbm-ballot-ranking-too-long")
            .arg("ranked", count(*ranked))
            .arg("k", count(*k))
            .arg("remove", count(ranked.saturating_sub(*k))),
    }
}

/// Why someone may not vote under a process's eligibility rules.
pub fn not_eligible(reason: &NotEligible) -> Message {
    match reason {
        NotEligible::Inactive => Message::new("pbm-eligible-inactive"),
        NotEligible::NotResident { role } => {
            Message::new("pbm-eligible-not-resident").arg("role", role.clone())
        }
        NotEligible::MissingDistrict { required } => {
            Message::new("pbm-eligible-missing-district").arg("required", required.clone())
        }
        NotEligible::WrongDistrict { required, actual } => {
            Message::new("pbm-eligible-wrong-district")
                .arg("required", required.clone())
                .arg("actual", actual.clone())
        }
        NotEligible::MissingBirthDate { min_age } => {
            Message::new("pbm-eligible-missing-birth-date").arg("min_age", count(*min_age))
        }
        NotEligible::InvalidBirthDate { value } => {
            Message::new("pbm-eligible-invalid-birth-date").arg("value", value.clone())
        }
        NotEligible::TooYoung { min_age, age } => Message::new("pbm-eligible-too-young")
            .arg("min_age", count(*min_age))
            .arg("age", count(*age)),
    }
}

/// Why someone may not take part (or have a paper ballot entered).
pub fn ineligible(reason: &Ineligible) -> Message {
    match reason {
        Ineligible::Voter(reason) => not_eligible(reason),
        Ineligible::PaperNotResident => Message::new("pbm-eligible-paper-not-resident"),
    }
}

fn action(l: &L10n, a: PhaseAction) -> String {
    match a {
        PhaseAction::SubmitProposal => l.t("pbm-action-submit-proposal"),
        PhaseAction::EditProposal => l.t("pbm-action-edit-proposal"),
        PhaseAction::SupportProposal => l.t("pbm-action-support-proposal"),
        PhaseAction::ReviewProposal => l.t("pbm-action-review-proposal"),
        PhaseAction::PublishResults => l.t("pbm-action-publish-results"),
        PhaseAction::ReportImplementation => l.t("pbm-action-report-implementation"),
    }
}

/// A phase's name inside a sentence ("the { name } phase").
fn phase_name(l: &L10n, p: Phase) -> String {
    match p {
        Phase::Upcoming => l.t("pbm-phase-upcoming"),
        Phase::Proposals => l.t("pbm-phase-proposals"),
        Phase::Support => l.t("pbm-phase-support"),
        Phase::Review => l.t("pbm-phase-review"),
        Phase::Voting => l.t("pbm-phase-voting"),
        Phase::Counting => l.t("pbm-phase-counting"),
        Phase::Results => l.t("pbm-phase-results"),
        Phase::Implementation => l.t("pbm-phase-implementation"),
    }
}

/// Why the process's phase refuses a request.
pub fn phase_refusal(l: &L10n, r: &PhaseRefusal) -> Message {
    match r {
        PhaseRefusal::NotInPhase {
            action: a,
            allowed,
            phase,
        } => {
            let names: Vec<String> = allowed.iter().map(|p| phase_name(l, *p)).collect();
            Message::new("pbm-phase-not-in-phase")
                .arg("action", action(l, *a))
                .arg("allowed", names.join(&format!(" {} ", l.t("pbm-or"))))
                .arg("phase", phase_name(l, *phase))
        }
        PhaseRefusal::VotingNotOpen => Message::new("pbm-phase-voting-not-open"),
        PhaseRefusal::VotingClosed => Message::new("pbm-phase-voting-closed"),
        PhaseRefusal::BallotFrozen => Message::new("pbm-phase-ballot-frozen"),
    }
}

/// A refusal of the phase or of eligibility.
pub fn refusal(l: &L10n, r: &Refusal) -> Message {
    match r {
        Refusal::Phase(r) => phase_refusal(l, r),
        Refusal::Ineligible(r) => ineligible(r),
    }
}

/// The label of a schedule field as the process form shows it.
fn schedule_label(l: &L10n, field: &str) -> String {
    match field {
        "proposals_open" => l.t("pb-field-proposals-open"),
        "support_open" => l.t("pb-field-support-open"),
        "review_open" => l.t("pb-field-review-open"),
        "voting_open" => l.t("pb-field-voting-open"),
        "voting_close" => l.t("pb-field-voting-close"),
        "implementation_open" => l.t("pb-field-implementation-open"),
        other => other.to_owned(),
    }
}

/// One problem of a process's settings (shown next to its field).
pub fn settings_problem(l: &L10n, p: &SettingsProblem) -> Message {
    match p {
        SettingsProblem::MissingText { text, lang } => Message::new("pbm-settings-missing-text")
            .arg("text", text.clone())
            .arg("lang", lang.clone()),
        SettingsProblem::UnsupportedLanguage { .. } => {
            Message::new("pbm-settings-unsupported-language")
        }
        SettingsProblem::TooLong { max, .. } => {
            let max = u64::try_from(*max).unwrap_or(u64::MAX);
            Message::new("pbm-settings-too-long").arg("max", money(l.lang, max))
        }
        SettingsProblem::ControlCharacters { .. } => {
            Message::new("pbm-settings-control-characters")
        }
        SettingsProblem::PhaseOrder { field, previous } => Message::new("pbm-settings-phase-order")
            .arg("field", schedule_label(l, field))
            .arg("previous", schedule_label(l, previous)),
        SettingsProblem::TotalBudgetNotPositive => Message::new("pbm-settings-total-budget"),
        SettingsProblem::BudgetNameEmpty { .. } => Message::new("pbm-settings-budget-name-empty"),
        SettingsProblem::BudgetNotPositive { name, .. } => {
            Message::new("pbm-settings-budget-not-positive").arg("name", name.clone())
        }
        SettingsProblem::EligibleDistrictEmpty => {
            Message::new("pbm-settings-eligible-district-empty")
        }
        SettingsProblem::MinAgeTooHigh { max } => {
            Message::new("pbm-settings-min-age-too-high").arg("max", count(*max))
        }
        SettingsProblem::AtLeastOne { .. } => Message::new("pbm-settings-at-least-one"),
        SettingsProblem::MinAboveMax => Message::new("pbm-settings-min-above-max"),
        SettingsProblem::PositiveOrEmpty { .. } => Message::new("pbm-settings-positive-or-empty"),
        SettingsProblem::AtLeastOneOrEmpty { .. } => {
            Message::new("pbm-settings-at-least-one-or-empty")
        }
    }
}

/// One sentence of a project's explanation; `title` names the project.
pub fn explanation_part(l: &L10n, part: &ExplanationPart, title: &str) -> Message {
    let lang = l.lang;
    let titled = |id| Message::new(id).arg("title", title.to_owned());
    match part {
        ExplanationPart::FundedEqualShares {
            round,
            supporters,
            full_payers,
            partial_payers,
            price,
        } => titled(if *partial_payers > 0 {
            "pbm-why-funded-mes-partial"
        } else {
            "pbm-why-funded-mes"
        })
        .arg("round", count(*round))
        .arg("supporters", count(*supporters))
        .arg("full", count(*full_payers))
        .arg("partial", count(*partial_payers))
        .arg("price", decimal(lang, price)),
        ExplanationPart::FundedCompletion { round } => {
            titled("pbm-why-funded-completion").arg("round", count(*round))
        }
        ExplanationPart::FundedFree => titled("pbm-why-funded-free"),
        ExplanationPart::FundedGreedy {
            position,
            cost,
            left,
        } => titled("pbm-why-funded-greedy")
            .arg("position", count(*position))
            .arg("place", civis_budget::explain_parts::ordinal(*position))
            .arg("cost", money(lang, *cost))
            .arg("left", decimal(lang, left)),
        ExplanationPart::FundedGreedyStep { round } => {
            titled("pbm-why-funded-greedy-step").arg("round", count(*round))
        }
        ExplanationPart::NotFundedGreedy {
            position,
            cost,
            left,
        } => titled("pbm-why-not-funded-greedy")
            .arg("position", count(*position))
            .arg("place", civis_budget::explain_parts::ordinal(*position))
            .arg("cost", money(lang, *cost))
            .arg("left", decimal(lang, left)),
        ExplanationPart::NotFundedNoRoom { price, votes } => titled("pbm-why-not-funded-no-room")
            .arg("price", decimal(lang, price))
            .arg("votes", decimal(lang, votes)),
        ExplanationPart::NotFundedShort {
            supporters,
            with_money,
            money: held,
            short,
            cost,
        } => titled(if with_money < supporters {
            "pbm-why-not-funded-short-some"
        } else {
            "pbm-why-not-funded-short"
        })
        .arg("supporters", count(*supporters))
        .arg("with_money", count(*with_money))
        .arg("money", decimal(lang, held))
        .arg("short", decimal(lang, short))
        .arg("cost", money(lang, *cost)),
        ExplanationPart::NotFunded => titled("pbm-why-not-funded"),
        ExplanationPart::WouldBeFundedAt { max, by } => Message::new("pbm-why-would-be-funded-at")
            .arg("max", money(lang, *max))
            .arg("by", money(lang, *by)),
        ExplanationPart::NoLowerCost => Message::new("pbm-why-no-lower-cost"),
        ExplanationPart::MoreSupporters { n } => {
            Message::new("pbm-why-more-supporters").arg("n", count(*n))
        }
    }
}

/// Why a project was or was not funded, in the page's language; `title` names it.
pub fn explanation(l: &L10n, e: &ProjectExplanation, title: &str) -> String {
    let sentences: Vec<String> = e
        .parts()
        .iter()
        .map(|p| explanation_part(l, p, title).text(l))
        .collect();
    sentences.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use civis_budget::ProposalId;

    #[test]
    fn a_ballot_problem_in_three_languages() {
        let p = BallotProblem::OverBudget {
            unit: UnitKey::District("North".into()),
            cost: 1_250_000,
            limit: 1_000_000,
            excess: 250_000,
        };
        let text = |lang| ballot_problem(&L10n::new(lang), &p).text(&L10n::new(lang));
        assert_eq!(
            text(Lang::En),
            "You chose projects costing 1,250,000 in North, but its budget is 1,000,000: remove 250,000 worth of projects."
        );
        assert_eq!(
            text(Lang::Es),
            "Has elegido proyectos que cuestan 1.250.000 en el distrito North, pero su presupuesto es 1.000.000: quita proyectos por valor de 250.000."
        );
        assert_eq!(
            text(Lang::Et),
            "Valisid linnaosas North projekte 1\u{a0}250\u{a0}000 eest, kuid eelarve on seal 1\u{a0}000\u{a0}000: eemalda projekte 250\u{a0}000 eest."
        );
    }

    #[test]
    fn plural_forms_follow_the_count() {
        let en = L10n::new(Lang::En);
        let es = L10n::new(Lang::Es);
        let et = L10n::new(Lang::Et);
        let one = BallotProblem::TooManyProjects { chosen: 4, max: 3 };
        let two = BallotProblem::TooManyProjects { chosen: 5, max: 3 };
        assert!(ballot_problem(&en, &one)
            .text(&en)
            .ends_with("remove 1 project."));
        assert!(ballot_problem(&en, &two)
            .text(&en)
            .ends_with("remove 2 projects."));
        assert!(ballot_problem(&es, &one)
            .text(&es)
            .ends_with("quita 1 proyecto."));
        assert!(ballot_problem(&es, &two)
            .text(&es)
            .ends_with("quita 2 proyectos."));
        assert!(ballot_problem(&et, &one)
            .text(&et)
            .ends_with("eemalda 1 projekt."));
        assert!(ballot_problem(&et, &two)
            .text(&et)
            .ends_with("eemalda 2 projekti."));
        let dup = BallotProblem::DuplicateProject {
            project: ProposalId(9),
            title: String::new(),
        };
        assert_eq!(
            ballot_problem(&en, &dup).text(&en),
            "You listed project 9 more than once: list it only once."
        );
    }

    #[test]
    fn a_phase_refusal_names_the_phases_in_the_language() {
        let r = PhaseRefusal::NotInPhase {
            action: PhaseAction::ReviewProposal,
            allowed: vec![Phase::Support, Phase::Review],
            phase: Phase::Voting,
        };
        let et = L10n::new(Lang::Et);
        assert_eq!(
            phase_refusal(&et, &r).text(&et),
            "Ettepaneku hindamine on võimalik ainult toetamise või teostatavuse hindamise etapis; see protsess on praegu hääletuse etapis."
        );
        let en = L10n::new(Lang::En);
        assert_eq!(phase_refusal(&en, &r).text(&en), r.message());
    }
}
