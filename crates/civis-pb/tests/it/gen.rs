//! Random small elections with many ties (equal costs, equal support).

use civis_pb::{Decimal, Election, Project, Voter};
use rand::rngs::StdRng;
use rand::Rng;

/// A random approval election: 1..=max_projects projects, 0..=max_voters voters.
pub fn random_election(rng: &mut StdRng, max_projects: usize, max_voters: usize) -> Election {
    let n_projects = rng.gen_range(1..=max_projects);
    let n_voters = rng.gen_range(0..=max_voters);
    // Few distinct costs so that ties are common; sometimes free projects
    // and decimal costs.
    let cost_pool: Vec<Decimal> = (0..rng.gen_range(1..=3))
        .map(|_| {
            if rng.gen_bool(0.05) {
                Decimal::from_int(0)
            } else if rng.gen_bool(0.2) {
                Decimal::new(rng.gen_range(1..=60), 1)
            } else {
                Decimal::from_int(rng.gen_range(1..=10))
            }
        })
        .collect();
    // Ids whose string order differs from numeric and file order.
    let mut ids: Vec<String> = (1..=n_projects).map(|i| i.to_string()).collect();
    if rng.gen_bool(0.5) {
        ids.iter_mut().for_each(|id| id.push('x'));
        ids.swap(0, n_projects - 1);
    }
    let projects: Vec<Project> = ids
        .into_iter()
        .map(|id| Project {
            id,
            cost: cost_pool[rng.gen_range(0..cost_pool.len())],
            fields: Default::default(),
        })
        .collect();
    let total: i128 = projects
        .iter()
        .map(|p| p.cost.units_at_scale(1).unwrap_or(0))
        .sum();
    let budget = Decimal::new(rng.gen_range(0..=total.max(1)), 1);
    let approve = rng.gen_range(0.15..0.7);
    let voters = (0..n_voters)
        .map(|v| Voter {
            id: v.to_string(),
            vote: (0..n_projects as u32)
                .filter(|_| rng.gen_bool(approve))
                .collect(),
            points: None,
            fields: Default::default(),
        })
        .collect();
    Election {
        meta: vec![
            ("budget".into(), budget.to_string()),
            ("vote_type".into(), "approval".into()),
        ],
        project_columns: Vec::new(),
        voter_columns: Vec::new(),
        projects,
        voters,
    }
}
