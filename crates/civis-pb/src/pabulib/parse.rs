//! Reads Pabulib text into an [`Election`], or into [`Ballots`] when only
//! the ballots are needed (for a tally).

use std::borrow::Cow;

use super::error::{ParseError, ParseErrorKind as K, Section};
use super::project_ids::ProjectIds;
use super::records::{trim, Cell, Records};
use super::scan::Separators;
use super::voter_ids::VoterIds;
use crate::ballot_groups::BallotGroups;
use crate::{Ballots, Decimal, Election, Fields, Project, VoteType, Voter};

/// Parses Pabulib bytes (UTF-8, with or without a byte order mark).
pub fn parse_bytes(input: &[u8]) -> Result<Election, ParseError> {
    parse(utf8(input)?)
}

/// Parses Pabulib text (with or without a byte order mark).
pub fn parse(input: &str) -> Result<Election, ParseError> {
    let (mut election, voters) = Parser::new(input).election::<FullVoters>()?;
    election.voters = voters.voters;
    Ok(election)
}

/// Parses Pabulib bytes for a tally: META and projects as [`parse_bytes`]
/// reads them, and the voters' ballots only (not their ids, points or
/// optional columns), identical ones merged as they are read. Accepts and
/// rejects exactly the same files, with the same errors.
pub fn parse_ballots_bytes(input: &[u8]) -> Result<Ballots, ParseError> {
    parse_ballots(utf8(input)?)
}

/// Parses Pabulib text for a tally, as [`parse_ballots_bytes`].
pub fn parse_ballots(input: &str) -> Result<Ballots, ParseError> {
    let (election, ballots) = Parser::new(input).election::<BallotRows>()?;
    Ok(Ballots::new(election, ballots.voters, ballots.groups))
}

/// The text of UTF-8 bytes, or an error naming the line of the first
/// invalid byte.
fn utf8(input: &[u8]) -> Result<&str, ParseError> {
    std::str::from_utf8(input).map_err(|e| {
        let good = &input[..e.valid_up_to()];
        ParseError {
            line: 1 + good.iter().filter(|&&b| b == b'\n').count(),
            column: None,
            field: None,
            kind: K::InvalidUtf8,
        }
    })
}

fn err(line: usize, kind: K) -> ParseError {
    ParseError {
        line,
        column: None,
        field: None,
        kind,
    }
}

fn cell_err(line: usize, column: usize, field: &str, kind: K) -> ParseError {
    ParseError {
        line,
        column: Some(column + 1),
        field: Some(field.to_string()),
        kind,
    }
}

struct Parser<'a> {
    rows: Records<'a>,
    cells: Vec<Cell<'a>>,
    /// Line of the row in `cells`.
    line: usize,
    /// Whether a large VOTES section may be parsed in two halves at once.
    split_votes: bool,
    /// Whether voter ids are kept with their lines (to name a repeat's line).
    id_lines: bool,
}

impl<'a> Parser<'a> {
    /// A parser of a whole text (with or without a byte order mark).
    fn new(input: &'a str) -> Self {
        let text = input.strip_prefix('\u{feff}').unwrap_or(input);
        Parser {
            rows: Records::new(text),
            cells: Vec::new(),
            line: 0,
            split_votes: true,
            id_lines: false,
        }
    }

    /// A parser of `text`, a tail of a larger text whose first line is `line`.
    fn over(text: &'a str, line: usize) -> Self {
        Parser {
            rows: Records::starting_at(text, line),
            cells: Vec::new(),
            line: 0,
            split_votes: false,
            id_lines: false,
        }
    }

    /// Reads the next row that is not blank; `false` at the end.
    fn next_row(&mut self) -> Result<bool, ParseError> {
        loop {
            match self.rows.next_row(&mut self.cells)? {
                None => return Ok(false),
                Some(line) => {
                    self.line = line;
                    if !self.cells.iter().all(|c| c.text.is_empty() && !c.quoted) {
                        return Ok(true);
                    }
                }
            }
        }
    }

    /// The section this row marks, if it is a marker row (`VOTES`, also
    /// `VOTES;;` as spreadsheets write it).
    fn marker(&self) -> Option<Section> {
        let first = self.cells.first()?;
        if first.quoted || self.cells[1..].iter().any(|c| !c.text.is_empty()) {
            return None;
        }
        Section::parse(&first.text)
    }

    /// Reads a section header: lower-cased, trimmed column names.
    fn header(&mut self, section: Section) -> Result<Vec<String>, ParseError> {
        let marker_line = self.line;
        if !self.next_row()? || self.marker().is_some() {
            return Err(err(marker_line, K::MissingHeader(section)));
        }
        let mut names: Vec<String> = Vec::with_capacity(self.cells.len());
        for (i, c) in self.cells.iter().enumerate() {
            let name = c.text.trim().to_ascii_lowercase();
            if name.is_empty() {
                return Err(cell_err(self.line, i, "header", K::EmptyColumnName));
            }
            if names.contains(&name) {
                return Err(cell_err(
                    self.line,
                    i,
                    &name,
                    K::DuplicateColumn(name.clone()),
                ));
            }
            names.push(name);
        }
        Ok(names)
    }

    fn check_cells(&self, expected: usize) -> Result<(), ParseError> {
        if self.cells.len() != expected {
            return Err(err(
                self.line,
                K::CellCount {
                    expected,
                    found: self.cells.len(),
                },
            ));
        }
        Ok(())
    }

    /// Reads the whole text: the election without its voters, and the
    /// voter rows as `S` keeps them.
    fn election<S: VoterSink<'a>>(mut self) -> Result<(Election, S), ParseError> {
        if !self.next_row()? {
            return Err(err(self.rows.line(), K::MissingSection(Section::Meta)));
        }
        match self.marker() {
            Some(Section::Meta) => {}
            Some(found) => {
                return Err(err(
                    self.line,
                    K::UnexpectedSection {
                        found,
                        expected: "META".into(),
                    },
                ))
            }
            None => {
                let first = self
                    .cells
                    .first()
                    .map(|c| c.text.to_string())
                    .unwrap_or_default();
                return Err(err(self.line, K::ContentBeforeMeta(first)));
            }
        }
        let mut election = Election::default();
        let vote_type = self.meta(&mut election)?;
        let ids = self.projects(&mut election)?;
        let voters = self.votes(&mut election, &ids, vote_type)?;
        Ok((election, voters))
    }

    /// Reads META rows up to the PROJECTS marker; returns the vote type.
    fn meta(&mut self, election: &mut Election) -> Result<VoteType, ParseError> {
        let meta_line = self.line;
        let mut budget_seen = false;
        let mut vote_type = VoteType::Approval;
        // The header row (`key;value`) carries no information.
        self.header(Section::Meta)?;
        loop {
            if !self.next_row()? {
                return Err(err(self.rows.line(), K::MissingSection(Section::Projects)));
            }
            if let Some(found) = self.marker() {
                if found != Section::Projects {
                    return Err(err(
                        self.line,
                        K::UnexpectedSection {
                            found,
                            expected: "PROJECTS".into(),
                        },
                    ));
                }
                break;
            }
            self.check_cells(2)?;
            let key = self.cells[0].text.trim().to_ascii_lowercase();
            if key.is_empty() {
                return Err(cell_err(self.line, 0, "key", K::EmptyMetaKey));
            }
            if election.meta.iter().any(|(k, _)| *k == key) {
                return Err(cell_err(self.line, 0, &key, K::DuplicateMeta(key.clone())));
            }
            let value = self.cells[1].value().to_string();
            match key.as_str() {
                "budget" => {
                    parse_amount(&value).map_err(|k| cell_err(self.line, 1, "budget", k))?;
                    budget_seen = true;
                }
                "vote_type" => {
                    vote_type = VoteType::parse(&value).ok_or_else(|| {
                        cell_err(self.line, 1, "vote_type", K::UnknownVoteType(value.clone()))
                    })?;
                }
                _ => {}
            }
            election.meta.push((key, value));
        }
        if !budget_seen {
            return Err(err(meta_line, K::MissingMeta("budget")));
        }
        Ok(vote_type)
    }

    /// Reads PROJECTS rows up to the VOTES marker; returns the id → index map.
    fn projects(&mut self, election: &mut Election) -> Result<ProjectIds, ParseError> {
        let header = self.header(Section::Projects)?;
        let header_line = self.line;
        let find = |name: &'static str| {
            header.iter().position(|h| h == name).ok_or_else(|| {
                err(
                    header_line,
                    K::MissingColumn {
                        section: Section::Projects,
                        column: name,
                    },
                )
            })
        };
        let id_col = find("project_id")?;
        let cost_col = find("cost")?;
        election.project_columns = header
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != id_col && i != cost_col)
            .map(|(_, h)| h.clone())
            .collect();
        let mut ids = ProjectIds::default();
        loop {
            if !self.next_row()? {
                return Err(err(self.rows.line(), K::MissingSection(Section::Votes)));
            }
            match self.marker() {
                Some(Section::Votes) => break,
                Some(found) => {
                    return Err(err(
                        self.line,
                        K::UnexpectedSection {
                            found,
                            expected: "VOTES".into(),
                        },
                    ))
                }
                None => {}
            }
            self.check_cells(header.len())?;
            let id_cell = &self.cells[id_col];
            let id = id_cell.value();
            if id.is_empty() {
                return Err(cell_err(self.line, id_col, "project_id", K::EmptyId));
            }
            if id.contains(',') || id.trim() != id {
                return Err(cell_err(
                    self.line,
                    id_col,
                    "project_id",
                    K::UnusableProjectId(id.to_string()),
                ));
            }
            if ids.contains(id) {
                return Err(cell_err(
                    self.line,
                    id_col,
                    "project_id",
                    K::DuplicateProject(id.to_string()),
                ));
            }
            let cost = parse_amount(self.cells[cost_col].value())
                .map_err(|k| cell_err(self.line, cost_col, "cost", k))?;
            let fields = self
                .cells
                .iter()
                .enumerate()
                .filter(|&(i, _)| i != id_col && i != cost_col)
                .map(|(_, c)| c.value())
                .collect();
            let index = u32::try_from(election.projects.len()).unwrap_or(u32::MAX);
            ids.insert(id, index);
            election.projects.push(Project {
                id: id.to_string(),
                cost,
                fields,
            });
        }
        Ok(ids)
    }

    /// Reads VOTES rows to the end of the text.
    fn votes<S: VoterSink<'a>>(
        &mut self,
        election: &mut Election,
        ids: &ProjectIds,
        vote_type: VoteType,
    ) -> Result<S, ParseError> {
        let header = self.header(Section::Votes)?;
        let header_line = self.line;
        let find = |name: &'static str| {
            header.iter().position(|h| h == name).ok_or_else(|| {
                err(
                    header_line,
                    K::MissingColumn {
                        section: Section::Votes,
                        column: name,
                    },
                )
            })
        };
        let id_col = find("voter_id")?;
        let vote_col = find("vote")?;
        let points_col = header.iter().position(|h| h == "points");
        let has_points_semantics = matches!(vote_type, VoteType::Cumulative | VoteType::Scoring);
        if points_col.is_none() && has_points_semantics {
            find("points")?;
        }
        let layout = VoterLayout {
            columns: header.len(),
            id_col,
            vote_col,
            points_col,
            has_points_semantics,
            projects: election.projects.len(),
        };
        election.voter_columns = header
            .iter()
            .enumerate()
            .filter(|&(i, _)| layout.is_extra(i))
            .map(|(_, h)| h.clone())
            .collect();
        let (rest, rest_line) = self.rows.rest();
        let cut = if self.split_votes {
            split_point(rest)
        } else {
            None
        };
        let (voters, voter_ids) = match cut {
            None => self.voter_rows::<S>(&layout, ids, Room::of(rest))?,
            Some(mid) => {
                // Two halves of a large VOTES section parsed side by side:
                // the same rows, checks and errors as one pass (the first
                // half's error, being on an earlier line, wins).
                let (first, second) = rest.split_at(mid);
                let first_lines = memchr::memchr_iter(b'\n', first.as_bytes()).count();
                let second_line = rest_line + first_lines;
                // The first half's rows get room for the second's too (the
                // halves are about as long), so appending them moves nothing.
                let room = Room {
                    rows: first_lines.saturating_mul(2).saturating_add(64),
                };
                let (a, b) = std::thread::scope(|scope| {
                    let b = scope.spawn(|| {
                        Parser::over(second, second_line).voter_rows::<S>(
                            &layout,
                            ids,
                            Room::of(second),
                        )
                    });
                    let a = Parser::over(first, rest_line).voter_rows::<S>(&layout, ids, room);
                    (a, b.join())
                });
                let (mut voters, mut voter_ids) = a?;
                let (more, more_ids) = match b {
                    Ok(b) => b?,
                    Err(panic) => std::panic::resume_unwind(panic),
                };
                voters.append(more);
                voter_ids.append(more_ids);
                (voters, voter_ids)
            }
        };
        if voter_ids.has_repeat() {
            // Rare (the file is rejected): read the rows again, keeping
            // every id with its line, to name the first repeat.
            let mut again = Parser::over(rest, rest_line);
            again.id_lines = true;
            let (_, lined) = again.voter_rows::<S>(&layout, ids, Room::default())?;
            if let Some((id, line)) = lined.first_repeat() {
                return Err(cell_err(
                    line,
                    id_col,
                    "voter_id",
                    K::DuplicateVoter(id.to_string()),
                ));
            }
        }
        Ok(voters)
    }

    /// Reads voter rows up to the end of the text, into a sink with `room`.
    fn voter_rows<S: VoterSink<'a>>(
        &mut self,
        layout: &VoterLayout,
        ids: &ProjectIds,
        room: Room,
    ) -> Result<(S, VoterIds<'a>), ParseError> {
        // `seen[p] == stamp` when project p is already in the current vote.
        let mut seen = vec![0usize; layout.projects];
        let mut sink = S::with_room(room);
        let mut voter_ids = if self.id_lines {
            VoterIds::with_lines()
        } else {
            VoterIds::with_capacity(room.rows)
        };
        let mut rows = 0usize;
        let mut vote: Vec<u32> = Vec::new();
        let mut scratch = Vec::new();
        // Plain rows of a tally (no quotes, no points, nothing unusual) take
        // a fast path that reads only the id and vote cells; any other row,
        // and any row with a problem, goes through the full reader below,
        // which reports the same errors as ever.
        let fast = !S::DETAILS && layout.points_col.is_none();
        // Whether a row may hold a quote: one search of the whole text
        // spares the fast path a search of every line.
        let quotes = fast && memchr::memchr(b'"', self.rows.unread().as_bytes()).is_some();
        loop {
            if fast {
                let unread = self.rows.unread();
                if let Some((id, len)) =
                    plain_row(unread, layout, ids, quotes, &mut seen, rows + 1, &mut vote)
                {
                    rows += 1;
                    let line = self.rows.skip_line(len);
                    voter_ids.push_borrowed(id, line);
                    sink.push(VoterRow {
                        id: Cow::Borrowed(id),
                        vote: &mut vote,
                        points: None,
                        fields: None,
                    });
                    continue;
                }
            }
            if !self.next_row()? {
                break;
            }
            if let Some(found) = self.marker() {
                return Err(err(
                    self.line,
                    K::UnexpectedSection {
                        found,
                        expected: "voter rows".into(),
                    },
                ));
            }
            self.check_cells(layout.columns)?;
            rows += 1;
            let stamp = rows;
            let id_cell = &self.cells[layout.id_col];
            if id_cell.is_missing() {
                return Err(cell_err(self.line, layout.id_col, "voter_id", K::EmptyId));
            }
            let id = id_cell.text.clone();
            let vote_text = self.cells[layout.vote_col].value();
            vote.clear();
            if !vote_text.is_empty() {
                for item in vote_text.split(',') {
                    let item = item.trim();
                    if item.is_empty() {
                        return Err(cell_err(self.line, layout.vote_col, "vote", K::EmptyItem));
                    }
                    let Some(p) = ids.get(item) else {
                        return Err(cell_err(
                            self.line,
                            layout.vote_col,
                            "vote",
                            K::UnknownProject(item.to_string()),
                        ));
                    };
                    let slot = &mut seen[p as usize];
                    if *slot == stamp {
                        // Approval and ordinal ballots are sets and orders:
                        // a repeat adds nothing (as in pabutools).
                        if !layout.has_points_semantics {
                            continue;
                        }
                        return Err(cell_err(
                            self.line,
                            layout.vote_col,
                            "vote",
                            K::RepeatedInVote(item.to_string()),
                        ));
                    }
                    *slot = stamp;
                    vote.push(p);
                }
            }
            let points = match layout.points_col {
                None => None,
                Some(pc) => self.points(pc, vote.len(), S::DETAILS)?,
            };
            let fields = S::DETAILS.then(|| {
                Fields::packed_with(
                    &mut scratch,
                    self.cells
                        .iter()
                        .enumerate()
                        .filter(|&(i, _)| layout.is_extra(i))
                        .map(|(_, c)| c.value()),
                )
            });
            voter_ids.push(id.clone(), self.line);
            sink.push(VoterRow {
                id,
                vote: &mut vote,
                points,
                fields,
            });
        }
        Ok((sink, voter_ids))
    }

    /// Checks the `points` cell (column `pc`) of the current row against a
    /// vote of `votes` projects; returns the points when `keep` is set.
    fn points(
        &self,
        pc: usize,
        votes: usize,
        keep: bool,
    ) -> Result<Option<Vec<Decimal>>, ParseError> {
        let text = self.cells[pc].value();
        let mut points = Vec::with_capacity(if keep { votes } else { 0 });
        let mut count = 0;
        if !text.is_empty() {
            for item in text.split(',') {
                if item.trim().is_empty() {
                    return Err(cell_err(self.line, pc, "points", K::EmptyItem));
                }
                let d: Decimal = item.parse().map_err(|reason| {
                    cell_err(
                        self.line,
                        pc,
                        "points",
                        K::BadNumber {
                            value: item.trim().to_string(),
                            reason,
                        },
                    )
                })?;
                count += 1;
                if keep {
                    points.push(d);
                }
            }
        }
        if count != votes {
            return Err(cell_err(
                self.line,
                pc,
                "points",
                K::PointsMisaligned {
                    votes,
                    points: count,
                },
            ));
        }
        Ok(keep.then_some(points))
    }
}

/// One checked voter row, borrowing from the text (`points` and `fields`
/// are `None` when the sink does not keep details).
struct VoterRow<'a, 'v> {
    id: Cow<'a, str>,
    vote: &'v mut [u32],
    points: Option<Vec<Decimal>>,
    fields: Option<Fields>,
}

/// How many rows a part of a VOTES section may hold (its lines).
#[derive(Debug, Clone, Copy, Default)]
struct Room {
    rows: usize,
}

impl Room {
    /// The room of `text`.
    fn of(text: &str) -> Room {
        Room {
            rows: memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1,
        }
    }
}

/// What voter rows are read into.
trait VoterSink<'a>: Send {
    /// Whether rows carry their points and optional columns.
    const DETAILS: bool;

    /// An empty sink with space reserved for the rows of `room`: growing a
    /// vector copies it, while space reserved and never written costs no
    /// memory.
    fn with_room(room: Room) -> Self;

    /// Keeps one row.
    fn push(&mut self, row: VoterRow<'a, '_>);

    /// Appends the rows of a later part of the text.
    fn append(&mut self, later: Self);
}

/// Whole voters, as [`Election::voters`] holds them.
struct FullVoters {
    voters: Vec<Voter>,
}

impl<'a> VoterSink<'a> for FullVoters {
    const DETAILS: bool = true;

    fn with_room(room: Room) -> Self {
        FullVoters {
            voters: Vec::with_capacity(room.rows),
        }
    }

    fn push(&mut self, row: VoterRow<'a, '_>) {
        self.voters.push(Voter {
            id: row.id.into_owned(),
            vote: row.vote.to_vec(),
            points: row.points,
            fields: row.fields.unwrap_or_default(),
        });
    }

    fn append(&mut self, later: Self) {
        self.voters.extend(later.voters);
    }
}

/// Only the ballots, identical ones merged as they are read (each part
/// of a split section merges its own; appending merges the later part's
/// groups in their order, which gives the groups of one pass).
struct BallotRows {
    voters: usize,
    groups: BallotGroups,
}

impl VoterSink<'_> for BallotRows {
    const DETAILS: bool = false;

    fn with_room(room: Room) -> Self {
        BallotRows {
            voters: 0,
            // Usually far fewer distinct ballots than voters.
            groups: BallotGroups::with_capacity(room.rows / 4),
        }
    }

    fn push(&mut self, row: VoterRow<'_, '_>) {
        self.voters += 1;
        if row.vote.is_empty() {
            return;
        }
        let ballot = row.vote;
        if ballot.len() <= 16 {
            // Nearly every ballot: sorting by insertion costs less than a
            // call to sort.
            for i in 1..ballot.len() {
                let mut at = i;
                while at > 0 && ballot[at - 1] > ballot[at] {
                    ballot.swap(at - 1, at);
                    at -= 1;
                }
            }
        } else {
            ballot.sort_unstable();
        }
        self.groups.add(ballot, 1);
    }

    fn append(&mut self, later: Self) {
        self.voters += later.voters;
        self.groups.append(later.groups);
    }
}

/// Where the columns of a VOTES section are, and what its ballots mean.
struct VoterLayout {
    columns: usize,
    id_col: usize,
    vote_col: usize,
    points_col: Option<usize>,
    has_points_semantics: bool,
    projects: usize,
}

impl VoterLayout {
    /// Whether column `i` is an optional column (kept in [`Voter::fields`]).
    fn is_extra(&self, i: usize) -> bool {
        i != self.id_col && i != self.vote_col && Some(i) != self.points_col
    }
}

/// Reads the first line of `text` as a plain voter row of a section without
/// points: fills `vote` with its projects and returns the voter id and the
/// line's length (without its line break). Returns `None` when the row needs
/// the full reader: a quote (looked for only when `quotes` says the text may
/// hold one), a wrong number of cells, a row that might be blank or a section
/// marker, a missing id, an empty vote item, an unknown or repeated project;
/// the full reader then reads it again and reports exactly what is wrong.
/// `stamp` marks projects already in this vote in `seen`.
fn plain_row<'a>(
    text: &'a str,
    layout: &VoterLayout,
    ids: &ProjectIds,
    quotes: bool,
    seen: &mut [usize],
    stamp: usize,
    vote: &mut Vec<u32>,
) -> Option<(&'a str, usize)> {
    let bytes = text.as_bytes();
    if bytes.is_empty() {
        return None;
    }
    // One pass over the line finds its end and its cells.
    let (mut id_span, mut vote_span) = ((0, 0), (0, 0));
    let mut cell = 0usize;
    let mut cell_start = 0usize;
    let mut first_cell_end = None;
    let mut end = bytes.len();
    for i in Separators::new(bytes, b';', b'\n') {
        if bytes.get(i) == Some(&b'\n') {
            end = i;
            break;
        }
        if cell == 0 {
            first_cell_end = Some(i);
        }
        if cell == layout.id_col {
            id_span = (cell_start, i);
        } else if cell == layout.vote_col {
            vote_span = (cell_start, i);
        }
        cell += 1;
        cell_start = i + 1;
    }
    if cell == layout.id_col {
        id_span = (cell_start, end);
    } else if cell == layout.vote_col {
        vote_span = (cell_start, end);
    }
    if cell + 1 != layout.columns {
        return None;
    }
    let line = &bytes[..end];
    if quotes && memchr::memchr(b'"', line).is_some() {
        return None;
    }
    // A later cell holds visible ASCII text, so the row is neither blank nor
    // a section marker (usually the first byte of the second cell).
    let first_cell_end = first_cell_end?;
    let later_text = line[first_cell_end + 1..]
        .iter()
        .any(|&b| b.is_ascii() && !matches!(b, b' ' | b'\t' | b'\r' | b';'));
    if !later_text {
        return None;
    }
    let id = trim(text.get(id_span.0..id_span.1)?);
    if id.is_empty() || id.eq_ignore_ascii_case("none") {
        return None;
    }
    let vote_text = trim(text.get(vote_span.0..vote_span.1)?);
    vote.clear();
    if vote_text.is_empty() || vote_text.eq_ignore_ascii_case("none") {
        return Some((id, end));
    }
    let mut start = 0;
    let vote_bytes = vote_text.as_bytes();
    for i in Separators::new(vote_bytes, b',', b',').chain([vote_bytes.len()]) {
        let item = vote_text.get(start..i)?;
        start = i + 1;
        // A project id has no surrounding whitespace: an item found as it
        // stands is its own trimmed form.
        let p = match ids.get(item) {
            Some(p) => p,
            None => ids.get(trim(item))?,
        };
        let slot = seen.get_mut(p as usize)?;
        if *slot == stamp {
            if layout.has_points_semantics {
                return None;
            }
            continue;
        }
        *slot = stamp;
        vote.push(p);
    }
    Some((id, end))
}

/// Below this many bytes a VOTES section is parsed in one pass.
const PARALLEL_MIN_BYTES: usize = 512 * 1024;

/// Where to cut the rest of a large VOTES section in two: just after the
/// line break nearest its middle. `None` for a small section, or when it has
/// a quote anywhere (a quoted cell may hold a line break).
fn split_point(rest: &str) -> Option<usize> {
    let bytes = rest.as_bytes();
    if bytes.len() < PARALLEL_MIN_BYTES || memchr::memchr(b'"', bytes).is_some() {
        return None;
    }
    let half = bytes.len() / 2;
    let newline = memchr::memchr(b'\n', &bytes[half..])?;
    Some(half + newline + 1)
}

/// A non-negative amount (cost or budget), decimal point or comma.
fn parse_amount(text: &str) -> Result<Decimal, K> {
    if text.is_empty() {
        return Err(K::MissingValue);
    }
    let d: Decimal = text.parse().map_err(|reason| K::BadNumber {
        value: text.to_string(),
        reason,
    })?;
    if d.is_negative() {
        return Err(K::Negative(text.to_string()));
    }
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` parsed in one pass, never split.
    fn parse_in_one_pass(text: &str) -> Result<Election, ParseError> {
        let (mut election, voters) = Parser {
            rows: Records::new(text),
            cells: Vec::new(),
            line: 0,
            split_votes: false,
            id_lines: false,
        }
        .election::<FullVoters>()?;
        election.voters = voters.voters;
        Ok(election)
    }

    /// The ballots of `text` read in one pass, never split.
    fn ballots_in_one_pass(text: &str) -> Result<Ballots, ParseError> {
        let (election, rows) = Parser {
            rows: Records::new(text),
            cells: Vec::new(),
            line: 0,
            split_votes: false,
            id_lines: false,
        }
        .election::<BallotRows>()?;
        Ok(Ballots::new(election, rows.voters, rows.groups))
    }

    /// A Pabulib approval election large enough to be split, with a blank
    /// line and CRLF rows among the votes.
    fn large(voters: usize) -> String {
        let mut t = String::from(
            "META\nkey;value\nbudget;1000\nvote_type;approval\nPROJECTS\nproject_id;cost;name\n",
        );
        for p in 0..40 {
            t.push_str(&format!("p{p};{};Project {p}\n", 10 + p));
        }
        t.push_str("VOTES\nvoter_id;vote;age\n");
        for v in 0..voters {
            let a = v % 40;
            let b = (v * 7 + 3) % 40;
            let end = if v % 97 == 0 { "\r\n" } else { "\n" };
            t.push_str(&format!("v{v};p{a},p{b};{}{end}", 18 + v % 60));
            if v % 1000 == 0 {
                t.push('\n');
            }
        }
        t
    }

    #[test]
    fn a_split_parse_equals_a_one_pass_parse() {
        let text = large(60_000);
        assert!(
            split_point(&text).is_some(),
            "the test text must be large enough to split"
        );
        let split = parse(&text).unwrap();
        assert_eq!(split, parse_in_one_pass(&text).unwrap());
        assert_eq!(split.voters.len(), 60_000);
    }

    #[test]
    fn errors_in_either_half_name_the_same_line_as_one_pass() {
        let text = large(60_000);
        let lines: Vec<&str> = text.split('\n').collect();
        let last = lines.len() - 2;
        for (at, bad) in [
            (60, "x1;p1,nope;30"),
            (last, "x2;p1,nope;30"),
            (last, "v5;p1;30"),
            (last - 3, "x3;p1"),
            (last, "PROJECTS"),
        ] {
            let mut changed = lines.clone();
            changed[at] = bad;
            let changed = changed.join("\n");
            let split = parse(&changed).unwrap_err();
            assert_eq!(split, parse_in_one_pass(&changed).unwrap_err(), "{bad}");
        }
    }

    #[test]
    fn reading_only_the_ballots_of_a_split_section_agrees_with_one_pass() {
        let text = large(60_000);
        let ballots = parse_ballots(&text).unwrap();
        assert_eq!(ballots, Ballots::from_election(parse(&text).unwrap()));
        // The halves' merged ballots, appended, are those of one pass: the
        // same groups, weights and order of first appearance.
        assert_eq!(ballots, ballots_in_one_pass(&text).unwrap());
        assert_eq!(ballots.len(), 60_000);
        // Ballots {a, (7a + 3) mod 40}: 40 pairs, 8 of which are 4 sets
        // twice.
        assert_eq!(ballots.num_distinct(), 36);
        let lines: Vec<&str> = text.split('\n').collect();
        let last = lines.len() - 2;
        for (at, bad) in [
            (60, "x1;p1,nope;30"),
            (last, "v5;p1;30"),
            (61, "v59990;p1;30"),
            (last, "PROJECTS"),
        ] {
            let mut changed = lines.clone();
            changed[at] = bad;
            let changed = changed.join("\n");
            let e = parse_ballots(&changed).unwrap_err();
            assert_eq!(e, parse_in_one_pass(&changed).unwrap_err(), "{bad}");
        }
    }

    #[test]
    fn the_plain_row_path_reads_unusual_rows_as_the_full_reader_does() {
        let head = "META\nkey;value\nnum_votes;3\nbudget;100\nvote_type;approval\n\
                    PROJECTS\nproject_id;cost\np1;10\np2;20\nP 3;30\nVOTES\nvoter_id;vote;age\n";
        // Rows the fast path must hand over to the full reader, and rows it
        // must read the same way: each alone after the header.
        let rows = [
            "v1;p1,p2;30",
            "v1 ; p1 , p2 ;30\r",
            "v1;p2,p1,p2;30",
            "v1;None;30",
            "v1;;30",
            "v1;P 3;30",
            "v1;p1;\u{a0}",
            "v1;;\u{a0}",
            "VOTES;\u{a0};",
            "VOTES;;",
            ";;",
            "\u{a0};;",
            "None;p1;30",
            "\"v1\";p1;30",
            "v1;p1,,p2;30",
            "v1;p1,p9;30",
            "v1;p1",
            "v1;p1;30;x",
            "v1;p1;30\nv1;p2;40",
            "v1;p1;30\n\nv2;p2;40\n",
        ];
        for row in rows {
            let text = format!("{head}{row}");
            let full = parse(&text).map(Ballots::from_election);
            assert_eq!(parse_ballots(&text), full, "{row:?}");
        }
    }

    #[test]
    fn small_or_quoted_sections_are_not_split() {
        assert_eq!(split_point("v1;p1\nv2;p2\n"), None);
        let mut quoted = large(60_000);
        quoted.push_str("\"v\";p1;20\n");
        let votes = &quoted[quoted.find("VOTES").unwrap_or(0)..];
        assert_eq!(split_point(votes), None);
    }
}
