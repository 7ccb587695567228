//! What a process serves once its results are published, made once: nothing it reads
//! changes after publication (the rules and the ballot are frozen when voting opens,
//! ballots when it closes, and results are published once), so the open-data documents
//! and the participation figures are made when the results are published and kept with
//! them, instead of being made again for every request.

use civis_domain::Role;

use super::csv::projects_csv;
use super::json::export_json_string;
use super::pabulib::{pabulib_files, PabulibPlace};
use super::Published;
use crate::participation::{participation, Participation};
use crate::{check_resident, Process, ResidentProfile};

/// Which open-data document.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DocumentKind {
    /// The Pabulib file of one budget unit (`citywide`, `district:<name>`, ...).
    Pabulib {
        /// The unit's name.
        unit: String,
    },
    /// The projects with their figures, as CSV.
    Csv,
    /// The process, projects, results and anonymous ballots, as JSON.
    Json,
}

impl DocumentKind {
    /// The stable name of the kind: `pabulib`, `csv` or `json`.
    pub fn name(&self) -> &'static str {
        match self {
            DocumentKind::Pabulib { .. } => "pabulib",
            DocumentKind::Csv => "csv",
            DocumentKind::Json => "json",
        }
    }

    /// The budget unit of a Pabulib file; empty for the other kinds.
    pub fn unit(&self) -> &str {
        match self {
            DocumentKind::Pabulib { unit } => unit,
            DocumentKind::Csv | DocumentKind::Json => "",
        }
    }

    /// The kind named `name` (with `unit` for Pabulib files), as [`Self::name`] and
    /// [`Self::unit`] give them; `None` for any other name.
    pub fn from_parts(name: &str, unit: &str) -> Option<DocumentKind> {
        match name {
            "pabulib" => Some(DocumentKind::Pabulib {
                unit: unit.to_owned(),
            }),
            "csv" => Some(DocumentKind::Csv),
            "json" => Some(DocumentKind::Json),
            _ => None,
        }
    }
}

/// One open-data document as served.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportDocument {
    /// What it is.
    pub kind: DocumentKind,
    /// The file name offered for downloads (`process-7.csv`, `process-7-citywide.pb`).
    pub file_name: String,
    /// Its text.
    pub text: String,
}

/// Everything a published process serves that is made from its ballots and profiles.
#[derive(Debug, Clone, PartialEq)]
pub struct PublishedExports {
    /// Participation figures, small groups suppressed.
    pub participation: Participation,
    /// The Pabulib file of every budget unit (in [`Published::units`] order), then the
    /// CSV and the JSON document.
    pub documents: Vec<ExportDocument>,
}

impl PublishedExports {
    /// Makes them: the documents of `published` (Pabulib META from `place`), and the
    /// participation figures of the voters' profiles (one per counted ballot) against
    /// those of the active residents, of whom the ones eligible count.
    pub fn make(
        published: &Published<'_>,
        place: &PabulibPlace,
        voters: &[ResidentProfile],
        residents: &[ResidentProfile],
    ) -> PublishedExports {
        let id = published.process.id;
        let mut documents: Vec<ExportDocument> = pabulib_files(published, place)
            .into_iter()
            .map(|f| ExportDocument {
                kind: DocumentKind::Pabulib { unit: f.unit },
                file_name: f.file_name,
                text: f.text,
            })
            .collect();
        documents.push(ExportDocument {
            kind: DocumentKind::Csv,
            file_name: format!("process-{id}.csv"),
            text: projects_csv(published),
        });
        documents.push(ExportDocument {
            kind: DocumentKind::Json,
            file_name: format!("process-{id}.json"),
            text: export_json_string(published),
        });
        PublishedExports {
            participation: process_participation(published.process, voters, residents),
            documents,
        }
    }

    /// The document of `kind`, taken out.
    pub fn take(self, kind: &DocumentKind) -> Option<ExportDocument> {
        self.documents.into_iter().find(|d| &d.kind == kind)
    }
}

/// The participation figures of `process`: the voters' profiles against the eligible
/// ones among the active residents' (`residents`), ages on the day voting opened.
pub fn process_participation(
    process: &Process,
    voters: &[ResidentProfile],
    residents: &[ResidentProfile],
) -> Participation {
    let rules = &process.settings.rules.eligibility;
    let open = process.settings.schedule.voting_open;
    let eligible: Vec<ResidentProfile> = residents
        .iter()
        .filter(|p| check_resident(Role::Resident, true, p, rules, open).is_ok())
        .cloned()
        .collect();
    participation(open, voters, Some(&eligible))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_stored_parts() {
        for kind in [
            DocumentKind::Pabulib {
                unit: "district:North".to_owned(),
            },
            DocumentKind::Csv,
            DocumentKind::Json,
        ] {
            assert_eq!(
                DocumentKind::from_parts(kind.name(), kind.unit()),
                Some(kind.clone())
            );
        }
        assert_eq!(DocumentKind::Csv.unit(), "");
        assert_eq!(DocumentKind::from_parts("xlsx", ""), None);
    }
}
