//! Valid random ballots for a process's format.

use std::collections::BTreeMap;

use rand::seq::SliceRandom as _;
use rand::Rng;
use serde_json::{json, Value};

use super::target::{Format, Project, Rules};

/// A random ballot that the rules accept, as the body of `PUT …/ballot`; `None` when
/// no valid ballot exists (e.g. every project costs more than its unit's limit).
pub fn random_ballot(rng: &mut impl Rng, rules: &Rules, projects: &[Project]) -> Option<Value> {
    let n = u32::try_from(projects.len()).unwrap_or(u32::MAX);
    let mut order: Vec<&Project> = projects.iter().collect();
    order.shuffle(rng);
    match &rules.ballot {
        Format::Approval { min, max } => {
            let hi = (*max).min(n);
            let lo = (*min).max(1).min(hi);
            if hi == 0 || *min > n {
                return None;
            }
            let k = rng.gen_range(lo..=hi) as usize;
            Some(json!({"approvals": ids(&order[..k])}))
        }
        Format::Knapsack { .. } => {
            // Fill each unit up to its limit, trying projects in random order and
            // stopping at a random fraction of the projects, so ballots vary in size.
            let stop = rng.gen_range(1..=order.len());
            let mut left: BTreeMap<String, u64> = BTreeMap::new();
            let mut chosen = vec![];
            for p in order {
                let (unit, limit) = rules.unit_of(p);
                let room = left.entry(unit).or_insert(limit);
                if p.cost <= *room {
                    *room -= p.cost;
                    chosen.push(p);
                    if chosen.len() >= stop {
                        break;
                    }
                }
            }
            (!chosen.is_empty()).then(|| json!({"approvals": ids(&chosen)}))
        }
        Format::Cumulative {
            points,
            max_per_project,
        } => {
            let cap = max_per_project.unwrap_or(*points).min(*points);
            if cap == 0 {
                return None;
            }
            let total = rng.gen_range(1..=*points);
            let mut given: BTreeMap<i64, u32> = BTreeMap::new();
            let mut spent = 0;
            for p in order.iter().cycle().take(order.len() * 4) {
                if spent >= total {
                    break;
                }
                let have = given.get(&p.id).copied().unwrap_or(0);
                let most = (cap - have).min(total - spent);
                if most == 0 {
                    continue;
                }
                let add = rng.gen_range(1..=most);
                given.insert(p.id, have + add);
                spent += add;
            }
            let map: serde_json::Map<String, Value> = given
                .into_iter()
                .map(|(id, pts)| (id.to_string(), json!(pts)))
                .collect();
            (!map.is_empty()).then(|| json!({"points": map}))
        }
        Format::Ranked { k } => {
            let hi = (*k).min(n);
            if hi == 0 {
                return None;
            }
            let len = rng.gen_range(1..=hi) as usize;
            Some(json!({"ranking": ids(&order[..len])}))
        }
    }
}

fn ids(projects: &[&Project]) -> Vec<i64> {
    projects.iter().map(|p| p.id).collect()
}

#[cfg(test)]
mod tests {
    use rand::rngs::StdRng;
    use rand::SeedableRng as _;

    use super::super::target::{Budgets, Eligibility};
    use super::*;

    fn projects() -> Vec<Project> {
        (1..=12)
            .map(|i| Project {
                id: i,
                cost: u64::try_from(i).unwrap() * 10,
                district: (i % 3 == 0).then(|| "north".to_owned()),
                category: None,
            })
            .collect()
    }

    fn rules(ballot: Format) -> Rules {
        Rules {
            budgets: Budgets {
                total: 150,
                districts: [("north".to_owned(), 100)].into(),
                categories: BTreeMap::new(),
            },
            eligibility: Eligibility::default(),
            ballot,
        }
    }

    fn list(v: &Value, key: &str) -> Vec<i64> {
        v[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_i64().unwrap())
            .collect()
    }

    #[test]
    fn every_format_gets_ballots_its_rules_accept() {
        let ps = projects();
        let mut rng = StdRng::seed_from_u64(7);
        for _ in 0..500 {
            let r = rules(Format::Approval { min: 2, max: 4 });
            let a = list(&random_ballot(&mut rng, &r, &ps).unwrap(), "approvals");
            assert!((2..=4).contains(&a.len()));
            let mut dedup = a.clone();
            dedup.sort_unstable();
            dedup.dedup();
            assert_eq!(dedup.len(), a.len());

            let r = rules(Format::Knapsack { limit: None });
            let a = list(&random_ballot(&mut rng, &r, &ps).unwrap(), "approvals");
            let (north, city): (Vec<i64>, Vec<i64>) = a.iter().partition(|i| *i % 3 == 0);
            assert!(north.iter().map(|i| i * 10).sum::<i64>() <= 100);
            assert!(city.iter().map(|i| i * 10).sum::<i64>() <= 150);
            assert!(!a.is_empty());

            let r = rules(Format::Cumulative {
                points: 10,
                max_per_project: Some(3),
            });
            let b = random_ballot(&mut rng, &r, &ps).unwrap();
            let pts = b["points"].as_object().unwrap();
            let sum: u64 = pts.values().map(|v| v.as_u64().unwrap()).sum();
            assert!((1..=10).contains(&sum));
            assert!(pts.values().all(|v| (1..=3).contains(&v.as_u64().unwrap())));

            let r = rules(Format::Ranked { k: 5 });
            let a = list(&random_ballot(&mut rng, &r, &ps).unwrap(), "ranking");
            assert!((1..=5).contains(&a.len()));
        }
    }

    #[test]
    fn no_ballot_when_none_is_valid() {
        let ps = projects();
        let mut rng = StdRng::seed_from_u64(1);
        let r = rules(Format::Knapsack { limit: Some(5) });
        assert!(random_ballot(&mut rng, &r, &ps).is_none());
        let r = rules(Format::Approval { min: 13, max: 20 });
        assert!(random_ballot(&mut rng, &r, &ps).is_none());
    }
}
