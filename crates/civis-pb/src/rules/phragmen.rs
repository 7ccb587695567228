//! Sequential Phragmén (pabutools `sequential_phragmen`).
//!
//! Voters earn money continuously; a project is bought as soon as its
//! supporters together hold its cost, which resets their money (their
//! "load" becomes the time of purchase). Round by round: every remaining
//! project's would-be new load is `(supporters' loads + cost) / supporters`;
//! the least wins (ties by the tie order). The rule stops as soon as any
//! project tied for the least load does not fit in the remaining budget.
//! Projects nobody approves have an infinite load: they are only reached
//! when nothing else is left, and then selected (ties by the tie order).

use num_bigint::BigInt;
use num_traits::Zero;

use super::{Outcome, Phase, Profile, Rational, Selection, TieOrder};

/// Sequential Phragmén from scratch.
pub fn phragmen(profile: &Profile, tie: &TieOrder) -> Outcome {
    let scale = Rational::from_integer(num_traits::pow(BigInt::from(10), profile.scale() as usize));
    // Load classes: class 0 = load 0.
    let mut class_load: Vec<Rational> = vec![Rational::zero()];
    let mut group_class: Vec<u32> = vec![0; profile.num_groups()];
    let mut acc: Vec<u64> = vec![0];
    let mut touched: Vec<u32> = Vec::new();
    let mut remaining: Vec<usize> = (0..profile.num_projects())
        .filter(|&p| profile.cost(p) <= profile.budget())
        .collect();
    let mut spent: i128 = 0;
    let mut outcome = Outcome::default();
    let mut round = 0;
    while !remaining.is_empty() {
        // None = infinite load.
        let mut loads: Vec<Option<Rational>> = Vec::with_capacity(remaining.len());
        for &p in &remaining {
            let n = profile.approvals(p);
            if n == 0 {
                loads.push(None);
                continue;
            }
            touched.clear();
            for &g in profile.supporters(p) {
                let c = group_class[g as usize] as usize;
                if acc[c] == 0 {
                    touched.push(c as u32);
                }
                acc[c] += profile.weight(g as usize);
            }
            // (supporters' loads + cost) / supporters
            let mut total = Rational::from_integer(BigInt::from(profile.cost(p)));
            for &c in &touched {
                let c = c as usize;
                if !class_load[c].is_zero() {
                    total += &class_load[c] * Rational::from_integer(BigInt::from(acc[c]));
                }
                acc[c] = 0;
            }
            loads.push(Some(total / Rational::from_integer(BigInt::from(n))));
        }
        let min = loads
            .iter()
            .min_by(|a, b| match (a, b) {
                (None, None) => std::cmp::Ordering::Equal,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (Some(_), None) => std::cmp::Ordering::Less,
                (Some(x), Some(y)) => x.cmp(y),
            })
            .cloned()
            .flatten();
        let tied: Vec<usize> = remaining
            .iter()
            .zip(&loads)
            .filter(|(_, l)| **l == min)
            .map(|(&p, _)| p)
            .collect();
        if tied
            .iter()
            .any(|&p| spent + profile.cost(p) > profile.budget())
        {
            break;
        }
        let Some(&chosen) = tied.iter().min_by_key(|&&p| tie.rank(p)) else {
            break;
        };
        if let Some(load) = &min {
            class_load.push(load.clone());
            acc.push(0);
            let c = (class_load.len() - 1) as u32;
            for &g in profile.supporters(chosen) {
                group_class[g as usize] = c;
            }
        }
        spent += profile.cost(chosen);
        remaining.retain(|&p| p != chosen);
        round += 1;
        outcome.selections.push(Selection {
            project: chosen,
            phase: Phase::Phragmen,
            round,
            price: min.map(|l| l / &scale),
        });
    }
    outcome
}
