//! Loading an election file: read, detect the format, parse, and turn any
//! failure into one message naming the file, line and problem.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use civis_pb::pabulib::ParseError;
use civis_pb::{Ballots, Election};

use crate::progress::Progress;

/// The formats an election file can be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// Pabulib text.
    Pabulib,
    /// civis JSON (`civis_pb::json`).
    Json,
}

impl InputFormat {
    /// JSON when the name ends in `.json` or the content starts with `{`;
    /// Pabulib otherwise.
    pub fn detect(path: &Path, bytes: &[u8]) -> InputFormat {
        let by_name = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
        let first = body.iter().find(|b| !b.is_ascii_whitespace());
        if by_name || first == Some(&b'{') {
            InputFormat::Json
        } else {
            InputFormat::Pabulib
        }
    }
}

/// An election file that could not be loaded.
#[derive(Debug)]
pub struct LoadError {
    /// The file as given (`-` for stdin).
    pub path: PathBuf,
    /// What went wrong.
    pub problem: LoadProblem,
}

/// Why an election file could not be loaded.
#[derive(Debug)]
pub enum LoadProblem {
    /// The file could not be read.
    Io(std::io::Error),
    /// Malformed Pabulib text (names the line).
    Pabulib(Box<civis_pb::pabulib::ParseError>),
    /// Malformed or invalid JSON.
    Json(Box<civis_pb::json::JsonError>),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = self.path.display();
        match &self.problem {
            LoadProblem::Io(e) => write!(f, "{name}: cannot read: {e}"),
            LoadProblem::Pabulib(e) => write!(f, "{name}: {e}"),
            LoadProblem::Json(e) => write!(f, "{name}: {e}"),
        }
    }
}

impl std::error::Error for LoadError {}

/// Reads the bytes of `path` (`-` = stdin).
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, LoadError> {
    let result = if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin().lock().read_to_end(&mut buf).map(|_| buf)
    } else {
        std::fs::read(path)
    };
    result.map_err(|e| LoadError {
        path: path.to_path_buf(),
        problem: LoadProblem::Io(e),
    })
}

/// Parses election bytes read from `path`, in the detected format.
pub fn parse_bytes(path: &Path, bytes: &[u8]) -> Result<Election, LoadError> {
    parse_as(path, bytes, civis_pb::pabulib::parse_bytes, |e| e)
}

/// Parses election bytes read from `path` for a tally: the same checks and
/// errors as [`parse_bytes`], keeping only the ballots of a Pabulib file.
pub fn parse_ballots_bytes(path: &Path, bytes: &[u8]) -> Result<Ballots, LoadError> {
    parse_as(
        path,
        bytes,
        civis_pb::pabulib::parse_ballots_bytes,
        Ballots::from_election,
    )
}

/// Parses `bytes` in the detected format: Pabulib with `pabulib`, civis
/// JSON into an election turned into `T` by `from_election`.
fn parse_as<T>(
    path: &Path,
    bytes: &[u8],
    pabulib: fn(&[u8]) -> Result<T, ParseError>,
    from_election: fn(Election) -> T,
) -> Result<T, LoadError> {
    let problem = match InputFormat::detect(path, bytes) {
        InputFormat::Pabulib => match pabulib(bytes) {
            Ok(e) => return Ok(e),
            Err(e) => LoadProblem::Pabulib(Box::new(e)),
        },
        InputFormat::Json => {
            let parsed = match std::str::from_utf8(bytes) {
                Ok(text) => {
                    civis_pb::json::from_json(text.strip_prefix('\u{feff}').unwrap_or(text))
                }
                Err(_) => match civis_pb::pabulib::parse_bytes(bytes) {
                    // Not UTF-8: report it with its line, as for Pabulib.
                    Err(e) => {
                        return Err(LoadError {
                            path: path.to_path_buf(),
                            problem: LoadProblem::Pabulib(Box::new(e)),
                        })
                    }
                    Ok(e) => Ok(e),
                },
            };
            match parsed {
                Ok(e) => return Ok(from_election(e)),
                Err(e) => LoadProblem::Json(Box::new(e)),
            }
        }
    };
    Err(LoadError {
        path: path.to_path_buf(),
        problem,
    })
}

/// Reads and parses an election file, showing progress on a terminal.
pub fn load(path: &Path) -> Result<Election, LoadError> {
    let progress = Progress::start(&format!("reading {}", path.display()));
    let bytes = read_bytes(path)?;
    progress.stage(&format!("parsing {}", path.display()));
    parse_bytes(path, &bytes)
}

/// Reads and parses an election file for a tally ([`parse_ballots_bytes`]),
/// showing progress on a terminal.
pub fn load_ballots(path: &Path) -> Result<Ballots, LoadError> {
    let progress = Progress::start(&format!("reading {}", path.display()));
    let bytes = read_bytes(path)?;
    progress.stage(&format!("parsing {}", path.display()));
    parse_ballots_bytes(path, &bytes)
}
