//! Why a Pabulib file could not be read: a line, a cell and a problem.

use std::fmt;

use crate::decimal::DecimalError;

/// The three sections of a Pabulib file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Section {
    /// `META`: key/value pairs.
    Meta,
    /// `PROJECTS`: one row per project.
    Projects,
    /// `VOTES`: one row per voter.
    Votes,
}

impl Section {
    /// The section marker as written in files.
    pub fn as_str(&self) -> &'static str {
        match self {
            Section::Meta => "META",
            Section::Projects => "PROJECTS",
            Section::Votes => "VOTES",
        }
    }

    /// Recognises a section marker, case-insensitively.
    pub fn parse(s: &str) -> Option<Section> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("meta") {
            Some(Section::Meta)
        } else if s.eq_ignore_ascii_case("projects") {
            Some(Section::Projects)
        } else if s.eq_ignore_ascii_case("votes") {
            Some(Section::Votes)
        } else {
            None
        }
    }
}

impl fmt::Display for Section {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A malformed Pabulib file: where (1-based line, and the cell when one is
/// to blame) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ParseError {
    /// 1-based line number (of the start of the row, for quoted cells that
    /// span lines).
    pub line: usize,
    /// 1-based cell number within the row, when one cell is to blame.
    pub column: Option<usize>,
    /// Name of the column (`cost`, `vote`, …) or META key, when known.
    pub field: Option<String>,
    /// The problem.
    pub kind: ParseErrorKind,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}", self.line)?;
        match (self.column, &self.field) {
            (Some(c), Some(name)) => write!(f, ", column {c} ({name})")?,
            (Some(c), None) => write!(f, ", column {c}")?,
            (None, Some(name)) => write!(f, " ({name})")?,
            (None, None) => {}
        }
        write!(f, ": {}", self.kind)
    }
}

/// What is wrong in a malformed Pabulib file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseErrorKind {
    /// The bytes are not UTF-8 text.
    #[error("not valid UTF-8 text")]
    InvalidUtf8,
    /// A quoted cell (`"…`) never closes.
    #[error("quoted cell is never closed (missing '\"')")]
    UnterminatedQuote,
    /// A required section is absent.
    #[error("missing {0} section")]
    MissingSection(Section),
    /// A section marker appears where another was expected (sections must
    /// come in the order META, PROJECTS, VOTES, once each).
    #[error("unexpected {found} section, expected {expected}")]
    UnexpectedSection {
        /// The marker found.
        found: Section,
        /// What was expected instead.
        expected: String,
    },
    /// Content before the first section marker.
    #[error("expected the META section marker, found {0:?}")]
    ContentBeforeMeta(String),
    /// A section marker is not followed by its header row.
    #[error("{0} section has no header row")]
    MissingHeader(Section),
    /// A required column is absent from a section header.
    #[error("{section} header has no `{column}` column")]
    MissingColumn {
        /// The section.
        section: Section,
        /// The missing column.
        column: &'static str,
    },
    /// The same column appears twice in a header.
    #[error("column `{0}` appears twice in the header")]
    DuplicateColumn(String),
    /// A field names no column of its section (JSON form).
    #[error("`{0}` is not one of the declared columns")]
    UnknownColumn(String),
    /// Some voters have points and others not (JSON form).
    #[error("points must be given for every voter or for none")]
    PointsOnSomeVoters,
    /// A header cell is empty.
    #[error("empty column name in the header")]
    EmptyColumnName,
    /// A row has a different number of cells from its header.
    #[error("expected {expected} cells (as in the header), found {found}")]
    CellCount {
        /// Cells in the header.
        expected: usize,
        /// Cells in this row.
        found: usize,
    },
    /// A required META key is absent.
    #[error("META has no `{0}` key")]
    MissingMeta(&'static str),
    /// A META key appears twice.
    #[error("META key `{0}` appears twice")]
    DuplicateMeta(String),
    /// A META key is empty.
    #[error("empty META key")]
    EmptyMetaKey,
    /// `vote_type` names no known ballot format.
    #[error(
        "unknown vote type {0:?} (expected approval, ordinal, cumulative, scoring or choose-1)"
    )]
    UnknownVoteType(String),
    /// A required value is empty or `None`.
    #[error("missing value")]
    MissingValue,
    /// A number could not be read.
    #[error("bad number {value:?}: {reason}")]
    BadNumber {
        /// The text found.
        value: String,
        /// Why it is not a number.
        reason: DecimalError,
    },
    /// A negative cost or budget.
    #[error("negative amount {0}")]
    Negative(String),
    /// A project or voter id is empty.
    #[error("empty id")]
    EmptyId,
    /// A project id that a vote could not name (it contains a comma or
    /// starts or ends with spaces).
    #[error("project id {0:?} cannot be used in votes (contains a comma or surrounding spaces)")]
    UnusableProjectId(String),
    /// Two projects share an id.
    #[error("duplicate project id {0:?}")]
    DuplicateProject(String),
    /// Two voters share an id.
    #[error("duplicate voter id {0:?}")]
    DuplicateVoter(String),
    /// A vote names a project absent from PROJECTS.
    #[error("vote names unknown project {0:?}")]
    UnknownProject(String),
    /// A vote names the same project twice.
    #[error("vote names project {0:?} twice")]
    RepeatedInVote(String),
    /// A vote or points list has an empty item (`1,,2`).
    #[error("empty item in a comma-separated list")]
    EmptyItem,
    /// The `points` list does not pair up with the `vote` list.
    #[error("{points} points for {votes} voted projects (points must align with the vote)")]
    PointsMisaligned {
        /// Projects in the vote.
        votes: usize,
        /// Numbers in the points cell.
        points: usize,
    },
}
