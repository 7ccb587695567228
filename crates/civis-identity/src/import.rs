//! Importing the resident register from CSV: parsing with a validation report
//! (line, field, reason), then planning the dated versions against the stored
//! register. Both steps are all or nothing: any problem refuses the whole file.
//!
//! # The file
//!
//! UTF-8 CSV (RFC 4180), a header line naming the columns in any order:
//! `personal_code`, `given_name`, `family_name`, `birth_date` (`YYYY-MM-DD`, equal
//! to the date the personal code encodes), `address`, `district`, and optionally
//! `phone` (`+` and 8–15 digits) and `status` (`active`, `deceased` or `left`;
//! `active` when the column is absent or the cell empty).
//!
//! # What an import does
//!
//! An import is the register as of its effective date, a complete list:
//! * a new personal code creates a record whose first version is valid from the
//!   effective date;
//! * a known code whose fields differ adds a version valid from that date; the
//!   old version stays, so every change (a move, a death, a departure) is kept;
//! * a known code with the same fields changes nothing, so importing a file
//!   twice is harmless;
//! * an **active** record missing from the file refuses the import: the register
//!   never ends a record silently. A death or a departure is a line with status
//!   `deceased` or `left`; a record already ended may be left out of later files.
//!
//! Refused as well: a personal code twice in one file (the second line, naming
//! the first); an effective date before the latest import's; a change to a
//! record that already has a version from the same date.

use std::collections::{HashMap, HashSet};

use crate::csv::{self, CsvError};
use crate::date::Date;
use crate::personal_code::{CodeProblem, PersonalCode, PersonalCodeRules};
use crate::record::{CurrentRecord, RecordData, RecordStatus};

/// The columns a file must have.
pub const REQUIRED_COLUMNS: [&str; 6] = [
    "personal_code",
    "given_name",
    "family_name",
    "birth_date",
    "address",
    "district",
];
/// The columns a file may have.
pub const OPTIONAL_COLUMNS: [&str; 2] = ["phone", "status"];

/// Longest name accepted, in characters.
pub const MAX_NAME: usize = 100;
/// Longest address accepted, in characters.
pub const MAX_ADDRESS: usize = 200;

/// Why a line or field was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// The file has no header line.
    Empty,
    /// A quoted field never closes.
    Unclosed,
    /// Text after a closing quote.
    AfterQuote,
    /// A required column is missing from the header.
    MissingColumn,
    /// The header names a column the register does not know.
    UnknownColumn,
    /// The header names a column twice.
    RepeatedColumn,
    /// A line has another number of fields than the header.
    FieldCount {
        /// Fields in the header.
        expected: usize,
        /// Fields on the line.
        found: usize,
    },
    /// An empty required field.
    Required,
    /// Longer than allowed.
    TooLong {
        /// The limit, in characters.
        max: usize,
    },
    /// Control characters (other than line breaks in an address).
    Control,
    /// The personal code failed its check.
    Code(CodeProblem),
    /// Not a `YYYY-MM-DD` date.
    DateFormat,
    /// The birth date is not the one the personal code encodes.
    BirthDateMismatch {
        /// The date in the code.
        in_code: String,
    },
    /// Not a known status.
    Status,
    /// Not `+` and 8–15 digits.
    Phone,
    /// The personal code is also on an earlier line.
    Duplicate {
        /// That line.
        first_line: u32,
    },
    /// The file has a header and no records.
    NoRecords,
    /// The effective date is before the latest import's.
    BeforeLastImport {
        /// The latest import's effective date.
        last: String,
    },
    /// The record already has a version from the effective date, and this line changes it.
    VersionExists,
    /// An active record is not in the file.
    MissingActive {
        /// Its personal code.
        code: String,
    },
}

impl Reason {
    /// A stable key (API `code`, translation id suffix).
    pub fn key(&self) -> &'static str {
        match self {
            Self::Empty => "empty",
            Self::Unclosed => "unclosed-quote",
            Self::AfterQuote => "after-quote",
            Self::MissingColumn => "missing-column",
            Self::UnknownColumn => "unknown-column",
            Self::RepeatedColumn => "repeated-column",
            Self::FieldCount { .. } => "field-count",
            Self::Required => "required",
            Self::TooLong { .. } => "too-long",
            Self::Control => "control",
            Self::Code(p) => p.key(),
            Self::DateFormat => "date-format",
            Self::BirthDateMismatch { .. } => "birth-date-mismatch",
            Self::Status => "status",
            Self::Phone => "phone",
            Self::Duplicate { .. } => "duplicate",
            Self::NoRecords => "no-records",
            Self::BeforeLastImport { .. } => "before-last-import",
            Self::VersionExists => "version-exists",
            Self::MissingActive { .. } => "missing-active",
        }
    }

    /// The values the message names, for translations.
    pub fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            Self::FieldCount { expected, found } => vec![
                ("expected", expected.to_string()),
                ("found", found.to_string()),
            ],
            Self::TooLong { max } => vec![("max", max.to_string())],
            Self::BirthDateMismatch { in_code } => vec![("date", in_code.clone())],
            Self::Duplicate { first_line } => vec![("line", first_line.to_string())],
            Self::BeforeLastImport { last } => vec![("date", last.clone())],
            Self::MissingActive { code } => vec![("code", code.clone())],
            _ => vec![],
        }
    }

    /// The reason in English.
    pub fn english(&self) -> String {
        match self {
            Self::Empty => "The file is empty: it needs a header line and records.".into(),
            Self::Unclosed => "A quoted field is never closed.".into(),
            Self::AfterQuote => {
                "Text follows a closing quote; quotes inside a field must be doubled.".into()
            }
            Self::MissingColumn => "This required column is missing from the header.".into(),
            Self::UnknownColumn => "The register has no such column.".into(),
            Self::RepeatedColumn => "This column is named twice in the header.".into(),
            Self::FieldCount { expected, found } => {
                format!("The line has {found} fields; the header has {expected}.")
            }
            Self::Required => "This field is empty.".into(),
            Self::TooLong { max } => format!("Longer than {max} characters."),
            Self::Control => "Contains control characters.".into(),
            Self::Code(p) => {
                let mut s = p.to_string();
                s[..1].make_ascii_uppercase();
                s + "."
            }
            Self::DateFormat => "Not a date written YYYY-MM-DD.".into(),
            Self::BirthDateMismatch { in_code } => {
                format!("The personal code says the birth date is {in_code}.")
            }
            Self::Status => "Status must be active, deceased or left.".into(),
            Self::Phone => "A phone number is + and 8 to 15 digits.".into(),
            Self::Duplicate { first_line } => {
                format!("This personal code is also on line {first_line}.")
            }
            Self::NoRecords => "The file has a header and no records.".into(),
            Self::BeforeLastImport { last } => {
                format!("The effective date is before the latest import's, {last}.")
            }
            Self::VersionExists => "This record already has a different version from the \
                 effective date; import the change with a later date."
                .into(),
            Self::MissingActive { code } => format!(
                "The register's active record {code} is not in the file. List it with \
                 status deceased or left to end it."
            ),
        }
    }
}

/// One problem of an import: where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportProblem {
    /// The file line (1 is the header); `None` for a problem of the file as a whole.
    pub line: Option<u32>,
    /// The column, or `effective_date`, or `file`.
    pub field: String,
    /// Why.
    pub reason: Reason,
}

impl ImportProblem {
    fn at(line: u32, field: &str, reason: Reason) -> Self {
        ImportProblem {
            line: Some(line),
            field: field.to_owned(),
            reason,
        }
    }
}

/// A valid line of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRow {
    /// Its line.
    pub line: u32,
    /// The record's key.
    pub personal_code: PersonalCode,
    /// The version it describes.
    pub data: RecordData,
}

fn has_control(s: &str, allow_newline: bool) -> bool {
    s.chars()
        .any(|c| c.is_control() && !(allow_newline && (c == '\n' || c == '\r')))
}

fn text_field(
    problems: &mut Vec<ImportProblem>,
    line: u32,
    field: &str,
    value: &str,
    max: usize,
    newline: bool,
) -> String {
    let v = value.trim();
    if v.is_empty() {
        problems.push(ImportProblem::at(line, field, Reason::Required));
    } else if v.chars().count() > max {
        problems.push(ImportProblem::at(line, field, Reason::TooLong { max }));
    } else if has_control(v, newline) {
        problems.push(ImportProblem::at(line, field, Reason::Control));
    }
    v.to_owned()
}

/// Whether `s` is `+` and 8–15 digits.
pub fn valid_phone(s: &str) -> bool {
    s.strip_prefix('+')
        .is_some_and(|d| (8..=15).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit()))
}

/// Parses and checks a whole file. Returns its rows, or every problem found.
pub fn parse_file(
    text: &str,
    rules: &dyn PersonalCodeRules,
) -> Result<Vec<ImportRow>, Vec<ImportProblem>> {
    let records = csv::read(text).map_err(|e| {
        let reason = match e {
            CsvError::Unclosed { .. } => Reason::Unclosed,
            CsvError::AfterQuote { .. } => Reason::AfterQuote,
        };
        vec![ImportProblem::at(e.line(), "file", reason)]
    })?;
    let Some((header, lines)) = records.split_first() else {
        return Err(vec![ImportProblem {
            line: None,
            field: "file".into(),
            reason: Reason::Empty,
        }]);
    };
    let mut problems = Vec::new();
    let mut columns: HashMap<String, usize> = HashMap::new();
    for (i, name) in header.fields.iter().enumerate() {
        let name = name.trim().to_ascii_lowercase();
        if !REQUIRED_COLUMNS.contains(&name.as_str()) && !OPTIONAL_COLUMNS.contains(&name.as_str())
        {
            problems.push(ImportProblem::at(header.line, &name, Reason::UnknownColumn));
        } else if columns.insert(name.clone(), i).is_some() {
            problems.push(ImportProblem::at(
                header.line,
                &name,
                Reason::RepeatedColumn,
            ));
        }
    }
    for col in REQUIRED_COLUMNS {
        if !columns.contains_key(col) {
            problems.push(ImportProblem::at(header.line, col, Reason::MissingColumn));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    if lines.is_empty() {
        return Err(vec![ImportProblem::at(
            header.line,
            "file",
            Reason::NoRecords,
        )]);
    }
    let mut rows = Vec::with_capacity(lines.len());
    let mut seen: HashMap<String, u32> = HashMap::new();
    for rec in lines {
        let line = rec.line;
        if rec.fields.len() != header.fields.len() {
            problems.push(ImportProblem::at(
                line,
                "file",
                Reason::FieldCount {
                    expected: header.fields.len(),
                    found: rec.fields.len(),
                },
            ));
            continue;
        }
        let get = |col: &str| {
            columns
                .get(col)
                .and_then(|i| rec.fields.get(*i))
                .map_or("", String::as_str)
        };
        let before = problems.len();
        let raw_code = get("personal_code").trim();
        let code = if raw_code.is_empty() {
            problems.push(ImportProblem::at(line, "personal_code", Reason::Required));
            None
        } else {
            match PersonalCode::parse(raw_code, rules) {
                Ok(c) => {
                    if let Some(first) = seen.get(c.as_str()) {
                        problems.push(ImportProblem::at(
                            line,
                            "personal_code",
                            Reason::Duplicate { first_line: *first },
                        ));
                    } else {
                        seen.insert(c.as_str().to_owned(), line);
                    }
                    Some(c)
                }
                Err(p) => {
                    problems.push(ImportProblem::at(line, "personal_code", Reason::Code(p)));
                    None
                }
            }
        };
        let given_name = text_field(
            &mut problems,
            line,
            "given_name",
            get("given_name"),
            MAX_NAME,
            false,
        );
        let family_name = text_field(
            &mut problems,
            line,
            "family_name",
            get("family_name"),
            MAX_NAME,
            false,
        );
        let birth_text = get("birth_date").trim();
        let birth_date = if birth_text.is_empty() {
            problems.push(ImportProblem::at(line, "birth_date", Reason::Required));
            None
        } else {
            match Date::parse(birth_text) {
                Ok(d) => {
                    if let Some(in_code) = code.as_ref().and_then(|c| rules.birth_date(c.as_str()))
                    {
                        if in_code != d {
                            problems.push(ImportProblem::at(
                                line,
                                "birth_date",
                                Reason::BirthDateMismatch {
                                    in_code: in_code.to_string(),
                                },
                            ));
                        }
                    }
                    Some(d)
                }
                Err(_) => {
                    problems.push(ImportProblem::at(line, "birth_date", Reason::DateFormat));
                    None
                }
            }
        };
        let address = text_field(
            &mut problems,
            line,
            "address",
            get("address"),
            MAX_ADDRESS,
            true,
        );
        let district = text_field(
            &mut problems,
            line,
            "district",
            get("district"),
            MAX_NAME,
            false,
        );
        let phone_text = get("phone").trim();
        let phone = if phone_text.is_empty() {
            None
        } else if valid_phone(phone_text) {
            Some(phone_text.to_owned())
        } else {
            problems.push(ImportProblem::at(line, "phone", Reason::Phone));
            None
        };
        let status_text = get("status").trim().to_ascii_lowercase();
        let status = if status_text.is_empty() {
            Some(RecordStatus::Active)
        } else {
            let s = RecordStatus::parse(&status_text);
            if s.is_none() {
                problems.push(ImportProblem::at(line, "status", Reason::Status));
            }
            s
        };
        if problems.len() != before {
            continue;
        }
        if let (Some(personal_code), Some(birth_date), Some(status)) = (code, birth_date, status) {
            rows.push(ImportRow {
                line,
                personal_code,
                data: RecordData {
                    given_name,
                    family_name,
                    birth_date,
                    address,
                    district,
                    phone,
                    status,
                },
            });
        }
    }
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(problems)
    }
}

/// What an import does to one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Planned {
    /// A new record, first version from the effective date.
    Create {
        /// Its key.
        personal_code: PersonalCode,
        /// Its first version.
        data: RecordData,
    },
    /// A new version of a known record.
    Update {
        /// The record.
        record_id: i64,
        /// The new version.
        data: RecordData,
    },
}

/// The outcome of planning: the writes and the counts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportPlan {
    /// The writes, in file order.
    pub writes: Vec<Planned>,
    /// Records created.
    pub created: u32,
    /// Records given a new version.
    pub changed: u32,
    /// Records in the file that did not change.
    pub unchanged: u32,
}

/// Plans an import of `rows` as of `effective` over the `current` register, whose
/// latest import was effective on `last_effective`.
pub fn plan(
    rows: &[ImportRow],
    current: &[CurrentRecord],
    effective: Date,
    last_effective: Option<Date>,
) -> Result<ImportPlan, Vec<ImportProblem>> {
    if let Some(last) = last_effective.filter(|l| effective < *l) {
        return Err(vec![ImportProblem {
            line: None,
            field: "effective_date".into(),
            reason: Reason::BeforeLastImport {
                last: last.to_string(),
            },
        }]);
    }
    let by_code: HashMap<&str, &CurrentRecord> = current
        .iter()
        .map(|r| (r.personal_code.as_str(), r))
        .collect();
    let mut problems = Vec::new();
    let mut out = ImportPlan::default();
    let mut in_file: HashSet<&str> = HashSet::new();
    for row in rows {
        in_file.insert(row.personal_code.as_str());
        match by_code.get(row.personal_code.as_str()) {
            None => {
                out.created += 1;
                out.writes.push(Planned::Create {
                    personal_code: row.personal_code.clone(),
                    data: row.data.clone(),
                });
            }
            Some(cur) if cur.data == row.data => out.unchanged += 1,
            Some(cur) if cur.valid_from >= effective => problems.push(ImportProblem::at(
                row.line,
                "personal_code",
                Reason::VersionExists,
            )),
            Some(cur) => {
                out.changed += 1;
                out.writes.push(Planned::Update {
                    record_id: cur.id,
                    data: row.data.clone(),
                });
            }
        }
    }
    let mut missing: Vec<&CurrentRecord> = current
        .iter()
        .filter(|r| r.data.status == RecordStatus::Active)
        .filter(|r| !in_file.contains(r.personal_code.as_str()))
        .collect();
    missing.sort_by(|a, b| a.personal_code.cmp(&b.personal_code));
    for r in missing {
        problems.push(ImportProblem {
            line: None,
            field: "personal_code".into(),
            reason: Reason::MissingActive {
                code: r.personal_code.to_string(),
            },
        });
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::personal_code::Isikukood;

    const HEADER: &str = "personal_code,given_name,family_name,birth_date,address,district\n";

    fn file(lines: &[&str]) -> String {
        let mut s = HEADER.to_owned();
        for l in lines {
            s.push_str(l);
            s.push('\n');
        }
        s
    }

    #[test]
    fn a_good_file_parses() {
        let rows = parse_file(
            &file(&[
                "37605030299,Mart,Tamm,1976-05-03,\"Pikk 1, Tallinn\",Kesklinn",
                "49403136515,Mari,Kask,1994-03-13,Lai 2,Kesklinn",
            ]),
            &Isikukood,
        )
        .unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].data.address, "Pikk 1, Tallinn");
        assert_eq!(rows[1].line, 3);
        assert_eq!(rows[1].data.status, RecordStatus::Active);
    }

    #[test]
    fn every_problem_is_reported_with_line_and_field() {
        let problems = parse_file(
            &file(&[
                "37605030298,Mart,Tamm,1976-05-03,Pikk 1,Kesklinn",
                "49403136515,,Kask,1994-03-14,Lai 2,Kesklinn",
                "49403136515,Mari,Kask,1994-03-13,Lai 2,Kesklinn",
                "38001085718,Jaan,Mets,1980-01-08,Lai 3",
            ]),
            &Isikukood,
        )
        .unwrap_err();
        let got: Vec<(Option<u32>, &str, &str)> = problems
            .iter()
            .map(|p| (p.line, p.field.as_str(), p.reason.key()))
            .collect();
        assert_eq!(
            got,
            [
                (Some(2), "personal_code", "code-checksum"),
                (Some(3), "given_name", "required"),
                (Some(3), "birth_date", "birth-date-mismatch"),
                (Some(4), "personal_code", "duplicate"),
                (Some(5), "file", "field-count"),
            ]
        );
        assert_eq!(problems[3].reason, Reason::Duplicate { first_line: 3 });
    }

    #[test]
    fn header_problems() {
        let p = parse_file("personal_code,name\n", &Isikukood).unwrap_err();
        assert_eq!(p[0].reason, Reason::UnknownColumn);
        assert!(p
            .iter()
            .any(|x| x.field == "district" && x.reason == Reason::MissingColumn));
        assert_eq!(
            parse_file("", &Isikukood).unwrap_err()[0].reason,
            Reason::Empty
        );
        assert_eq!(
            parse_file(HEADER, &Isikukood).unwrap_err()[0].reason,
            Reason::NoRecords
        );
    }

    fn current(id: i64, row: &ImportRow, from: &str) -> CurrentRecord {
        CurrentRecord {
            id,
            personal_code: row.personal_code.clone(),
            valid_from: Date::parse(from).unwrap(),
            data: row.data.clone(),
        }
    }

    #[test]
    fn planning_creates_updates_and_refuses_silent_ends() {
        let rows = parse_file(
            &file(&[
                "37605030299,Mart,Tamm,1976-05-03,Pikk 1,Kesklinn",
                "49403136515,Mari,Kask,1994-03-13,Lai 2,Kesklinn",
            ]),
            &Isikukood,
        )
        .unwrap();
        let d1 = Date::parse("2026-01-01").unwrap();
        let first = plan(&rows, &[], d1, None).unwrap();
        assert_eq!((first.created, first.changed, first.unchanged), (2, 0, 0));
        let cur = vec![
            current(1, &rows[0], "2026-01-01"),
            current(2, &rows[1], "2026-01-01"),
        ];
        // Idempotent.
        let again = plan(&rows, &cur, d1, Some(d1)).unwrap();
        assert!(again.writes.is_empty());
        assert_eq!(again.unchanged, 2);
        // A move, at a later date.
        let mut moved = rows.clone();
        moved[0].data.address = "Uus 5".into();
        let d2 = Date::parse("2026-02-01").unwrap();
        let p = plan(&moved, &cur, d2, Some(d1)).unwrap();
        assert_eq!(p.changed, 1);
        // The same change dated the same day as the version it changes: refused.
        let p = plan(&moved, &cur, d1, Some(d1)).unwrap_err();
        assert_eq!(p[0].reason, Reason::VersionExists);
        // Before the latest import: refused.
        let early = Date::parse("2025-12-31").unwrap();
        let p = plan(&rows, &cur, early, Some(d1)).unwrap_err();
        assert_eq!(p[0].field, "effective_date");
        // Leaving someone out: refused, naming them.
        let p = plan(&rows[..1], &cur, d2, Some(d1)).unwrap_err();
        assert_eq!(
            p[0].reason,
            Reason::MissingActive {
                code: "49403136515".into()
            }
        );
        // Ending them explicitly works, and then they may be left out.
        let mut ended = rows.clone();
        ended[1].data.status = RecordStatus::Deceased;
        assert_eq!(plan(&ended, &cur, d2, Some(d1)).unwrap().changed, 1);
        let mut cur2 = cur.clone();
        cur2[1].data.status = RecordStatus::Deceased;
        assert!(plan(&rows[..1], &cur2, d2, Some(d1)).is_ok());
    }
}
