//! The Pabulib file format (<https://pabulib.org/format>): parse from text
//! or bytes, write canonical text.
//!
//! Accepted input, beyond the plain format: a UTF-8 byte order mark, CRLF
//! line ends, blank lines, case-insensitive section markers, `"quoted"`
//! cells (holding `;`, line breaks, `""` for a quote), decimal commas in
//! amounts, `None` or empty cells for missing values, any project ids
//! without commas. Every column and META key is kept, in order.
//!
//! Errors name the 1-based line, the cell and the problem; the parser
//! never panics, whatever the input (property tests in `tests/it`, and a
//! cargo-fuzz target in `fuzz/`, see its README). Writing then parsing
//! gives back the same election.

mod error;
mod parse;
mod project_ids;
mod records;
mod scan;
mod voter_ids;
mod write;

pub use error::{ParseError, ParseErrorKind, Section};
pub use parse::{parse, parse_ballots, parse_ballots_bytes, parse_bytes};
pub use write::write;
