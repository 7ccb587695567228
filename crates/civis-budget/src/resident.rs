//! What the platform knows of a resident for eligibility and participation figures.

use serde::{Deserialize, Serialize};

/// A resident's district and birth date (until the resident register provides them).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResidentProfile {
    /// District of residence.
    #[serde(default)]
    pub district: Option<String>,
    /// Birth date as `YYYY-MM-DD`.
    #[serde(default)]
    pub birth_date: Option<String>,
}
