//! Every code the budget service and the PB engine can give (ballot problems,
//! eligibility reasons, phase refusals, settings problems, explanation sentences) has a
//! message in every language, formatted with its parameters.
//!
//! The codes are read from the enums themselves (serde's list of their variants), and
//! an example of each is built from a sample of every parameter: a new code without a
//! message, or with a parameter the sample lacks, fails here.

use std::collections::BTreeMap;
use std::fmt;

use civis_budget::{BallotProblem, ExplanationPart, NotEligible, Phase};
use civis_web::budget::field_problems::FieldProblem;
use civis_web::budget::refusals::{Ineligible, PhaseAction, PhaseRefusal};
use civis_web::budget::settings::SettingsProblem;
use civis_web::i18n::{L10n, Lang};
use civis_web::pages::budget_messages::{self, Message};
use serde::de::value::{MapDeserializer, StrDeserializer};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

/// The error serde gives for an unknown variant, keeping its list of the known ones.
#[derive(Debug)]
struct Variants(Vec<&'static str>);

impl fmt::Display for Variants {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "variants {:?}", self.0)
    }
}

impl std::error::Error for Variants {}

impl serde::de::Error for Variants {
    fn custom<M: fmt::Display>(_: M) -> Self {
        Variants(Vec::new())
    }

    fn unknown_variant(_: &str, expected: &'static [&'static str]) -> Self {
        Variants(expected.to_vec())
    }
}

/// Every `code` of a `#[serde(tag = "code")]` enum.
fn codes_of<T: DeserializeOwned>() -> Vec<&'static str> {
    let map = MapDeserializer::<_, Variants>::new(std::iter::once(("code", "\u{0}none")));
    match T::deserialize(map) {
        Ok(_) => panic!("a code that is no code was accepted"),
        Err(Variants(codes)) => {
            assert!(!codes.is_empty(), "serde listed no variants");
            codes
        }
    }
}

/// Every name of a plain (unit-variant) serde enum.
fn names_of<T: DeserializeOwned>() -> Vec<&'static str> {
    match T::deserialize(StrDeserializer::<Variants>::new("\u{0}none")) {
        Ok(_) => panic!("a name that is no name was accepted"),
        Err(Variants(names)) => {
            assert!(!names.is_empty(), "serde listed no variants");
            names
        }
    }
}

/// One value of each code of `T`, from `sample`, which holds every parameter.
fn examples<T: DeserializeOwned>(sample: &Value) -> Vec<(&'static str, T)> {
    codes_of::<T>()
        .into_iter()
        .map(|code| {
            let mut v = sample.clone();
            v["code"] = json!(code);
            let example = serde_json::from_value(v)
                .unwrap_or_else(|e| panic!("{code}: add its parameters to the sample: {e}"));
            (code, example)
        })
        .collect()
}

const LANGS: [Lang; 3] = [Lang::En, Lang::Es, Lang::Et];

/// Checks `message(lang)` in every language: it exists there, every argument is given,
/// no placeholder is left, the names in `shown` appear, and the three languages say it
/// differently. Returns the texts by language.
fn check(what: &str, message: impl Fn(&L10n) -> Message, shown: &[&str]) -> Vec<String> {
    let texts: Vec<String> = LANGS
        .iter()
        .map(|lang| {
            let l = L10n::new(*lang);
            let m = message(&l);
            let text = m
                .strict(&l)
                .unwrap_or_else(|e| panic!("{what} in {lang}: {e}"));
            assert!(!text.contains('{'), "{what} in {lang}: {text}");
            assert!(!text.trim().is_empty(), "{what} in {lang}");
            for name in shown {
                assert!(text.contains(name), "{what} in {lang} lacks {name}: {text}");
            }
            text
        })
        .collect();
    assert_ne!(texts[0], texts[1], "{what}: Spanish is the English");
    assert_ne!(texts[0], texts[2], "{what}: Estonian is the English");
    assert_ne!(texts[1], texts[2], "{what}: Estonian is the Spanish");
    texts
}

#[test]
fn every_ballot_problem_has_a_message_in_every_language() {
    let sample = json!({
        "expected": "ranking", "got": "approval", "project": 7, "title": "Shade trees",
        "chosen": 5, "min": 6, "max": 3, "unit": "district:North", "cost": 1_250_000,
        "limit": 1_000_000, "excess": 250_000, "used": 12, "points": 7, "k": 2, "ranked": 3
    });
    let all: Vec<(&str, BallotProblem)> = examples(&sample);
    assert_eq!(
        all.len(),
        11,
        "{:?}",
        all.iter().map(|e| e.0).collect::<Vec<_>>()
    );
    let mut extra = vec![(
        "duplicate_project (unknown)",
        BallotProblem::DuplicateProject {
            project: civis_budget::ProposalId(99),
            title: String::new(),
        },
    )];
    extra.extend(all);
    for (code, p) in &extra {
        assert!(code.starts_with(p.code()));
        let shown: &[&str] = match p.project() {
            Some(_) if p.message().contains('“') => &["Shade trees"],
            _ => &[],
        };
        let texts = check(code, |l| budget_messages::ballot_problem(l, p), shown);
        // On English pages the words are the API's.
        assert_eq!(texts[0], p.message(), "{code}");
    }
}

#[test]
fn every_eligibility_reason_has_a_message_in_every_language() {
    let sample = json!({
        "role": "official", "required": "North", "actual": "South", "min_age": 16,
        "value": "1990-02-30", "age": 15
    });
    let all: Vec<(&str, NotEligible)> = examples(&sample);
    assert_eq!(all.len(), 7);
    for (code, reason) in &all {
        let why = Ineligible::Voter(reason.clone());
        let shown: Vec<&str> = [
            ("required", "North"),
            ("actual", "South"),
            ("value", "1990-02-30"),
        ]
        .into_iter()
        .filter(|(k, _)| serde_json::to_value(reason).unwrap().get(k).is_some())
        .map(|(_, v)| v)
        .collect();
        let texts = check(code, |_| budget_messages::ineligible(&why), &shown);
        if *code != "invalid_birth_date" {
            assert_eq!(texts[0], reason.message(), "{code}");
        }
    }
    for role in ["official", "admin", "auditor"] {
        let why = Ineligible::Voter(NotEligible::NotResident {
            role: role.to_owned(),
        });
        let texts = check(role, |_| budget_messages::ineligible(&why), &[]);
        assert_eq!(texts[0], why.message());
    }
    let paper = Ineligible::PaperNotResident;
    let texts = check(paper.code(), |_| budget_messages::ineligible(&paper), &[]);
    assert_eq!(texts[0], paper.message());
}

#[test]
fn every_phase_refusal_has_a_message_in_every_language() {
    let sample = json!({
        "action": "review_proposal", "allowed": ["support", "review"], "phase": "voting"
    });
    let all: Vec<(&str, PhaseRefusal)> = examples(&sample);
    assert_eq!(all.len(), 4);
    for (code, r) in &all {
        let texts = check(code, |l| budget_messages::phase_refusal(l, r), &[]);
        assert_eq!(texts[0], r.message(), "{code}");
    }
    // Every action, and every phase as the one the process is in.
    let actions = names_of::<PhaseAction>();
    let phases = names_of::<Phase>();
    assert_eq!((actions.len(), phases.len()), (6, 8));
    for action in &actions {
        for phase in &phases {
            let r: PhaseRefusal = serde_json::from_value(json!({
                "code": "not_in_phase", "action": action, "allowed": [phase], "phase": phase
            }))
            .unwrap();
            let texts = check(
                &format!("{action} in {phase}"),
                |l| budget_messages::phase_refusal(l, &r),
                &[],
            );
            assert_eq!(texts[0], r.message());
        }
    }
}

#[test]
fn every_settings_problem_has_a_message_in_every_language() {
    let sample = json!({
        "text": "title", "lang": "et", "max": 200, "field": "voting_close",
        "previous": "voting_open", "kind": "districts", "name": "North"
    });
    let all: Vec<(&str, SettingsProblem)> = examples(&sample);
    assert_eq!(all.len(), 14);
    let mut fields = BTreeMap::new();
    for (code, p) in &all {
        let shown: &[&str] = match p {
            SettingsProblem::BudgetNotPositive { .. } => &["North"],
            _ => &[],
        };
        check(code, |l| budget_messages::settings_problem(l, p), shown);
        fields.insert(*code, p.field());
    }
    assert_eq!(fields["phase_order"], "schedule.voting_close");
    assert_eq!(
        fields["budget_not_positive"],
        "rules.budgets.districts.North"
    );
    let description = SettingsProblem::MissingText {
        text: "description".to_owned(),
        lang: "es".to_owned(),
    };
    let texts = check(
        "missing description",
        |l| budget_messages::settings_problem(l, &description),
        &["(es)"],
    );
    assert!(
        texts[1].starts_with("Escribe la descripción"),
        "{}",
        texts[1]
    );
}

#[test]
fn every_field_problem_has_a_message_in_every_language() {
    let all = FieldProblem::samples();
    assert_eq!(all.len(), 12);
    for p in &all {
        let e = p.at("title");
        let texts: Vec<String> = LANGS
            .iter()
            .map(|lang| {
                let l = L10n::new(*lang);
                let id = budget_messages::field_problem_id(p.code());
                let args: Vec<(&str, fluent_bundle::FluentValue)> = e
                    .params
                    .iter()
                    .map(|(k, v)| (k.as_str(), (*v).into()))
                    .collect();
                let text = l
                    .strict(&id, &args)
                    .unwrap_or_else(|err| panic!("{} in {lang}: {err}", p.code()));
                assert_eq!(budget_messages::field_error(&l, &e), text);
                for v in e.params.values() {
                    assert!(
                        text.contains(&v.to_string()),
                        "{} in {lang}: {text}",
                        p.code()
                    );
                }
                text
            })
            .collect();
        assert_eq!(
            texts[0],
            e.message,
            "{}: the API's words are the English",
            p.code()
        );
        assert_ne!(texts[0], texts[1], "{}: Spanish is the English", p.code());
        assert_ne!(texts[0], texts[2], "{}: Estonian is the English", p.code());
    }
}

#[test]
fn every_explanation_sentence_has_a_message_in_every_language() {
    let exact = |exact: &str, rounded: &str| json!({"exact": exact, "rounded": rounded});
    let sample = json!({
        "round": 2, "supporters": 5, "full_payers": 3, "partial_payers": 1,
        "price": exact("1000/3", "333.33"), "position": 3, "cost": 70_000,
        "left": exact("45000", "45000"), "votes": exact("5/2", "2.5"), "with_money": 2,
        "money": exact("500", "500"), "short": exact("69500", "69500"), "max": 40_000,
        "by": 30_000, "n": 2
    });
    let mut all: Vec<(&str, ExplanationPart)> = examples(&sample);
    assert_eq!(all.len(), 12);
    // The other branch of the two codes whose words depend on a figure, and singulars.
    let mut no_partial = sample.clone();
    no_partial["code"] = json!("funded_equal_shares");
    no_partial["partial_payers"] = json!(0);
    let mut all_had_money = sample.clone();
    all_had_money["code"] = json!("not_funded_short");
    all_had_money["with_money"] = json!(5);
    let mut one = sample.clone();
    one["code"] = json!("more_supporters");
    one["n"] = json!(1);
    for (what, v) in [
        ("funded_equal_shares (no partial payers)", no_partial),
        ("not_funded_short (all had money)", all_had_money),
        ("more_supporters (one)", one),
    ] {
        all.push((what, serde_json::from_value(v).unwrap()));
    }
    for (code, part) in &all {
        let title = "Shade trees";
        let shown: &[&str] = if part.message(title).contains(title) {
            &[title]
        } else {
            &[]
        };
        let texts = check(
            code,
            |l| budget_messages::explanation_part(l, part, title),
            shown,
        );
        assert_eq!(texts[0], part.message(title), "{code}");
    }
    // Amounts are written as each language writes them.
    let mes = &all[0].1;
    assert_eq!(mes.code(), "funded_equal_shares");
    let text =
        |lang| budget_messages::explanation_part(&L10n::new(lang), mes, "P").text(&L10n::new(lang));
    assert!(text(Lang::Es).contains("333,33"), "{}", text(Lang::Es));
    assert!(text(Lang::Et).contains("333,33"), "{}", text(Lang::Et));
    assert!(text(Lang::En).contains("333.33"));
}
