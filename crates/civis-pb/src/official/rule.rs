//! The rule names Pabulib writes in META `rule`.

use std::fmt;

/// A META `rule` value that pabulib-checker 1.0.8 knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OfficialRule {
    /// `greedy`: by votes/score, skipping projects that no longer fit.
    Greedy,
    /// `greedy-no-skip`: by votes/score, stopping at the first project that does not fit.
    GreedyNoSkip,
    /// `greedy-threshold`: greedy over projects whose votes/score reach
    /// META `min_project_score_threshold`.
    GreedyThreshold,
    /// `greedy-exclusive`: greedy where mutually exclusive projects are
    /// resolved by the city's hierarchy; files carry no group data, so it is
    /// verified as plain greedy (as pabulib-checker does).
    GreedyExclusive,
    /// `greedy-custom`: Poznań's rule (greedy, then the next project if 80%
    /// of its cost is left, then reserve-funded projects); other units are
    /// verified as plain greedy (as pabulib-checker does).
    GreedyCustom,
    /// `equalshares`: Method of Equal Shares, no completion.
    EqualShares,
    /// `equalshares-comparison`: MES, then compared with greedy.
    EqualSharesComparison,
    /// `equalshares/add1`: MES with add-one completion.
    EqualSharesAdd1,
    /// `equalshares/add1-comparison`: MES with add-one completion, then compared with greedy.
    EqualSharesAdd1Comparison,
    /// `unknown`: the file does not know its rule.
    Unknown,
}

impl OfficialRule {
    /// Every rule, in the order pabulib-checker lists them.
    pub const ALL: [OfficialRule; 10] = [
        OfficialRule::Greedy,
        OfficialRule::GreedyNoSkip,
        OfficialRule::GreedyThreshold,
        OfficialRule::GreedyExclusive,
        OfficialRule::GreedyCustom,
        OfficialRule::EqualShares,
        OfficialRule::EqualSharesComparison,
        OfficialRule::EqualSharesAdd1,
        OfficialRule::EqualSharesAdd1Comparison,
        OfficialRule::Unknown,
    ];

    /// The META spelling.
    pub fn as_str(&self) -> &'static str {
        match self {
            OfficialRule::Greedy => "greedy",
            OfficialRule::GreedyNoSkip => "greedy-no-skip",
            OfficialRule::GreedyThreshold => "greedy-threshold",
            OfficialRule::GreedyExclusive => "greedy-exclusive",
            OfficialRule::GreedyCustom => "greedy-custom",
            OfficialRule::EqualShares => "equalshares",
            OfficialRule::EqualSharesComparison => "equalshares-comparison",
            OfficialRule::EqualSharesAdd1 => "equalshares/add1",
            OfficialRule::EqualSharesAdd1Comparison => "equalshares/add1-comparison",
            OfficialRule::Unknown => "unknown",
        }
    }

    /// Parses a META `rule` value (surrounding whitespace ignored, exact otherwise).
    pub fn parse(s: &str) -> Option<OfficialRule> {
        let t = s.trim();
        Self::ALL.into_iter().find(|r| r.as_str() == t)
    }

    /// Whether this is one of the Method of Equal Shares rules.
    pub fn is_equal_shares(&self) -> bool {
        matches!(
            self,
            OfficialRule::EqualShares
                | OfficialRule::EqualSharesComparison
                | OfficialRule::EqualSharesAdd1
                | OfficialRule::EqualSharesAdd1Comparison
        )
    }
}

impl fmt::Display for OfficialRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_name() {
        for r in OfficialRule::ALL {
            assert_eq!(OfficialRule::parse(r.as_str()), Some(r));
        }
        assert_eq!(OfficialRule::parse(" greedy\r"), Some(OfficialRule::Greedy));
        assert_eq!(OfficialRule::parse("Greedy"), None);
        assert_eq!(OfficialRule::parse("mes"), None);
    }
}
