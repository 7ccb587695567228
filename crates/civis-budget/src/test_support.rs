//! Builders shared by the unit tests.

use civis_domain::{Timestamp, UserId};

use crate::rules::Amount;
use crate::{Budgets, ProcessId, Proposal, ProposalDraft, ProposalId, Review};

/// Budgets with a citywide total, district and category budgets.
pub fn budgets(
    total: Amount,
    districts: &[(&str, Amount)],
    categories: &[(&str, Amount)],
) -> Budgets {
    Budgets {
        total,
        districts: districts.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
        categories: categories
            .iter()
            .map(|(k, v)| (k.to_string(), *v))
            .collect(),
    }
}

/// An accepted proposal titled `Project <id>` at `cost`.
pub fn proposal(id: i64, cost: Amount, district: Option<&str>, category: Option<&str>) -> Proposal {
    Proposal {
        id: ProposalId(id),
        process: ProcessId(1),
        author: UserId(1),
        draft: ProposalDraft {
            title: format!("Project {id}"),
            description: String::new(),
            estimated_cost: cost,
            district: district.map(str::to_string),
            category: category.map(str::to_string),
            location: None,
        },
        review: Review::Accepted {
            official_cost: cost,
        },
        hidden: None,
        supports: 0,
        created_at: Timestamp::EPOCH,
        updated_at: Timestamp::EPOCH,
    }
}
