//! The compact internal form of an election that the rules work on.
//!
//! Amounts are integers at one common decimal scale (so `12.5` and `3` with
//! scale 1 become `125` and `30`). Voters with identical ballots are merged
//! into weighted groups; projects know their supporting groups.

use crate::ballot_groups::BallotGroups;
use crate::{Ballots, Decimal, Election};

/// Why an election cannot be tallied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProfileError {
    /// META has no usable `budget`.
    #[error("META has no numeric `budget`")]
    MissingBudget,
    /// A negative budget.
    #[error("the budget is negative: {0}")]
    NegativeBudget(Decimal),
    /// A negative project cost.
    #[error("project {id:?} has a negative cost: {cost}")]
    NegativeCost {
        /// The project id.
        id: String,
        /// Its cost.
        cost: Decimal,
    },
    /// Amounts whose common scale does not fit 128-bit integers.
    #[error("amounts too large to compute with exactly")]
    TooLarge,
    /// A ballot names a project index that does not exist.
    #[error("a ballot names project index {0}, which does not exist")]
    UnknownProject(u32),
    /// More than `u32::MAX` projects.
    #[error("too many projects")]
    TooManyProjects,
}

/// An election reduced to what outcome rules need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    ids: Vec<String>,
    costs: Vec<i128>,
    budget: i128,
    scale: u32,
    n_voters: u64,
    group_weight: Vec<u64>,
    group_offsets: Vec<usize>,
    group_projects: Vec<u32>,
    supp_offsets: Vec<usize>,
    supp_groups: Vec<u32>,
    approvals: Vec<u64>,
}

impl Profile {
    /// Builds the profile of an election; every ballot counts as approval of
    /// the projects it lists (repeats ignored).
    pub fn from_election(election: &Election) -> Result<Profile, ProfileError> {
        Profile::from_parts(election, election.voters.iter().map(|v| v.vote.as_slice()))
    }

    /// Builds the profile of parsed [`Ballots`] (the same profile as
    /// [`Profile::from_election`] of the whole election).
    pub fn from_ballots(ballots: &Ballots) -> Result<Profile, ProfileError> {
        Profile::from_owned_ballots(ballots.clone())
    }

    /// [`Profile::from_ballots`], taking the ballots (their merged groups
    /// become the profile's without a copy).
    pub fn from_owned_ballots(ballots: Ballots) -> Result<Profile, ProfileError> {
        let mut builder = ProfileBuilder::of_election(ballots.election())?;
        let n_projects = builder.ids.len();
        for (ballot, _) in ballots.iter() {
            // Ballots are ascending: the last index is the largest.
            if let Some(&bad) = ballot.last().filter(|&&p| p as usize >= n_projects) {
                return Err(ProfileError::UnknownProject(bad));
            }
        }
        builder.n_voters = ballots.len() as u64;
        Ok(builder.index(ballots.into_groups()))
    }

    /// The profile of `election`'s META and projects with these ballots.
    fn from_parts<'b>(
        election: &Election,
        ballots: impl Iterator<Item = &'b [u32]>,
    ) -> Result<Profile, ProfileError> {
        let mut builder = ProfileBuilder::of_election(election)?;
        for ballot in ballots {
            builder.add_ballot(ballot)?;
        }
        Ok(builder.build())
    }

    /// Number of projects.
    pub fn num_projects(&self) -> usize {
        self.ids.len()
    }

    /// Number of voters (including those with empty ballots).
    pub fn num_voters(&self) -> u64 {
        self.n_voters
    }

    /// Number of distinct non-empty ballots.
    pub fn num_groups(&self) -> usize {
        self.group_weight.len()
    }

    /// Total number of approvals over all distinct ballots.
    pub fn num_group_approvals(&self) -> usize {
        self.group_projects.len()
    }

    /// The id of project `p`.
    pub fn id(&self, p: usize) -> &str {
        &self.ids[p]
    }

    /// The cost of project `p` in scaled units.
    pub fn cost(&self, p: usize) -> i128 {
        self.costs[p]
    }

    /// The budget limit in scaled units.
    pub fn budget(&self) -> i128 {
        self.budget
    }

    /// Decimal places of the scaled units: an amount `x` is `x / 10^scale`.
    pub fn scale(&self) -> u32 {
        self.scale
    }

    /// A scaled amount as a [`Decimal`].
    pub fn to_decimal(&self, units: i128) -> Decimal {
        Decimal::new(units, self.scale)
    }

    /// Number of voters approving project `p`.
    pub fn approvals(&self, p: usize) -> u64 {
        self.approvals[p]
    }

    /// The groups (distinct ballots) approving project `p`.
    pub fn supporters(&self, p: usize) -> &[u32] {
        &self.supp_groups[self.supp_offsets[p]..self.supp_offsets[p + 1]]
    }

    /// Number of voters casting ballot group `g`.
    pub fn weight(&self, g: usize) -> u64 {
        self.group_weight[g]
    }

    /// The projects approved by ballot group `g`, ascending.
    pub fn ballot(&self, g: usize) -> &[u32] {
        &self.group_projects[self.group_offsets[g]..self.group_offsets[g + 1]]
    }

    /// Total cost of some projects in scaled units.
    pub fn total_cost(&self, projects: impl IntoIterator<Item = usize>) -> i128 {
        projects.into_iter().map(|p| self.costs[p]).sum()
    }
}

/// Builds a [`Profile`] ballot by ballot (also used for large synthetic
/// elections, which need not exist as an [`Election`]).
#[derive(Debug)]
pub struct ProfileBuilder {
    ids: Vec<String>,
    costs: Vec<i128>,
    budget: i128,
    scale: u32,
    n_voters: u64,
    offsets: Vec<usize>,
    projects: Vec<u32>,
    scratch: Vec<u32>,
}

impl ProfileBuilder {
    /// Starts a profile with these projects (id, cost) and budget limit.
    pub fn new(projects: Vec<(String, Decimal)>, budget: Decimal) -> Result<Self, ProfileError> {
        if budget.is_negative() {
            return Err(ProfileError::NegativeBudget(budget));
        }
        if u32::try_from(projects.len()).is_err() {
            return Err(ProfileError::TooManyProjects);
        }
        let scale = projects
            .iter()
            .map(|(_, c)| c.scale())
            .fold(budget.scale(), u32::max);
        let mut ids = Vec::with_capacity(projects.len());
        let mut costs = Vec::with_capacity(projects.len());
        let mut total: i128 = 0;
        for (id, cost) in projects {
            if cost.is_negative() {
                return Err(ProfileError::NegativeCost { id, cost });
            }
            let c = cost.units_at_scale(scale).ok_or(ProfileError::TooLarge)?;
            total = total.checked_add(c).ok_or(ProfileError::TooLarge)?;
            ids.push(id);
            costs.push(c);
        }
        let budget = budget.units_at_scale(scale).ok_or(ProfileError::TooLarge)?;
        // Sums of all costs plus the budget, times a few, must stay exact.
        total
            .checked_add(budget)
            .and_then(|t| t.checked_mul(4))
            .ok_or(ProfileError::TooLarge)?;
        Ok(ProfileBuilder {
            ids,
            costs,
            budget,
            scale,
            n_voters: 0,
            offsets: vec![0],
            projects: Vec::new(),
            scratch: Vec::new(),
        })
    }

    /// A builder with the projects and budget of `election`.
    fn of_election(election: &Election) -> Result<Self, ProfileError> {
        let budget = election.budget().ok_or(ProfileError::MissingBudget)?;
        ProfileBuilder::new(
            election
                .projects
                .iter()
                .map(|p| (p.id.clone(), p.cost))
                .collect(),
            budget,
        )
    }

    /// Adds one voter approving these project indices (order and repeats
    /// do not matter; an empty ballot still counts as a voter).
    pub fn add_ballot(&mut self, projects: &[u32]) -> Result<(), ProfileError> {
        self.n_voters += 1;
        if projects.is_empty() {
            return Ok(());
        }
        self.scratch.clear();
        self.scratch.extend_from_slice(projects);
        self.scratch.sort_unstable();
        self.scratch.dedup();
        if let Some(&bad) = self
            .scratch
            .last()
            .filter(|&&p| p as usize >= self.ids.len())
        {
            return Err(ProfileError::UnknownProject(bad));
        }
        self.projects.extend_from_slice(&self.scratch);
        self.offsets.push(self.projects.len());
        Ok(())
    }

    /// Merges identical ballots and indexes supporters.
    pub fn build(mut self) -> Profile {
        let offsets = std::mem::take(&mut self.offsets);
        let projects = std::mem::take(&mut self.projects);
        self.assemble(&offsets, &projects)
    }

    /// The profile of these projects and budget with the ballots
    /// `projects[offsets[i]..offsets[i + 1]]` (each ascending without
    /// repeats, indices below the number of projects); `self`'s own
    /// ballots are not used. Empty ballots form no group.
    fn assemble(self, offsets: &[usize], projects: &[u32]) -> Profile {
        let n_ballots = offsets.len().saturating_sub(1);
        let mut groups = BallotGroups::default();
        for i in 0..n_ballots {
            let b = &projects[offsets[i]..offsets[i + 1]];
            if !b.is_empty() {
                groups.add(b, 1);
            }
        }
        self.index(groups)
    }

    /// The profile of these projects and budget with these merged ballots
    /// (indices below the number of projects): each project's supporting
    /// groups and approvals.
    fn index(self, groups: BallotGroups) -> Profile {
        let (group_weight, group_offsets, group_projects) = groups.into_parts();
        let n_projects = self.ids.len();
        let mut counts = vec![0usize; n_projects + 1];
        let mut approvals = vec![0u64; n_projects];
        for (g, w) in group_weight.iter().enumerate() {
            for &p in &group_projects[group_offsets[g]..group_offsets[g + 1]] {
                counts[p as usize + 1] += 1;
                approvals[p as usize] += w;
            }
        }
        for p in 0..n_projects {
            counts[p + 1] += counts[p];
        }
        let supp_offsets = counts.clone();
        let mut fill = counts;
        let mut supp_groups = vec![0u32; group_projects.len()];
        for g in 0..group_weight.len() {
            for &p in &group_projects[group_offsets[g]..group_offsets[g + 1]] {
                supp_groups[fill[p as usize]] = g as u32;
                fill[p as usize] += 1;
            }
        }
        Profile {
            ids: self.ids,
            costs: self.costs,
            budget: self.budget,
            scale: self.scale,
            n_voters: self.n_voters,
            group_weight,
            group_offsets,
            group_projects,
            supp_offsets,
            supp_groups,
            approvals,
        }
    }
}
