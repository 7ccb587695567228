//! The voter ids of a VOTES section, kept for the check that no id repeats:
//! ids written as plain decimal numbers (most files' ids) as 8-byte
//! numbers, any other id as text.

use std::borrow::Cow;
use std::collections::HashSet;

use foldhash::fast::RandomState;

/// The voter ids of some rows, in file order, for finding a repeat.
#[derive(Default)]
pub(super) struct VoterIds<'a> {
    /// Ids that are canonical decimal numbers (ASCII digits only, no
    /// leading zero, at most 19 digits), as numbers: two such ids are
    /// equal exactly when their numbers are, and never equal another id.
    numbers: Vec<u64>,
    /// Every other id.
    others: Vec<Cow<'a, str>>,
    /// When kept ([`VoterIds::with_lines`]): every id with its 1-based line.
    lines: Option<Vec<(Cow<'a, str>, usize)>>,
}

impl<'a> VoterIds<'a> {
    /// Ids kept with their lines, to name the line of a repeat.
    pub(super) fn with_lines() -> Self {
        VoterIds {
            lines: Some(Vec::new()),
            ..VoterIds::default()
        }
    }

    /// Ids kept without lines, with room for `rows` of them.
    pub(super) fn with_capacity(rows: usize) -> Self {
        VoterIds {
            numbers: Vec::with_capacity(rows),
            ..VoterIds::default()
        }
    }

    /// Keeps the id of the row on `line`, borrowed from the text.
    #[inline]
    pub(super) fn push_borrowed(&mut self, id: &'a str, line: usize) {
        match decimal(id) {
            Some(n) if self.lines.is_none() => self.numbers.push(n),
            _ => self.push(Cow::Borrowed(id), line),
        }
    }

    /// Keeps the id of the row on `line`.
    pub(super) fn push(&mut self, id: Cow<'a, str>, line: usize) {
        if let Some(lines) = &mut self.lines {
            lines.push((id, line));
        } else if let Some(n) = decimal(&id) {
            self.numbers.push(n);
        } else {
            self.others.push(id);
        }
    }

    /// Appends the ids of a later part of the section.
    pub(super) fn append(&mut self, later: Self) {
        self.numbers.extend(later.numbers);
        self.others.extend(later.others);
        if let (Some(lines), Some(more)) = (&mut self.lines, later.lines) {
            lines.extend(more);
        }
    }

    /// Whether some id appears twice (kept without lines).
    pub(super) fn has_repeat(&self) -> bool {
        // Ids usually ascend in the file: then no number repeats.
        if !self.numbers.windows(2).all(|w| w[0] < w[1]) {
            let mut sorted = self.numbers.clone();
            sorted.sort_unstable();
            if sorted.windows(2).any(|w| w[0] == w[1]) {
                return true;
            }
        }
        let mut seen: HashSet<&str, RandomState> =
            HashSet::with_capacity_and_hasher(self.others.len(), RandomState::default());
        !self.others.iter().all(|id| seen.insert(id))
    }

    /// The first id in file order that repeats an earlier one, and its
    /// line (kept [`VoterIds::with_lines`]; `None` otherwise).
    pub(super) fn first_repeat(&self) -> Option<(&str, usize)> {
        let lines = self.lines.as_ref()?;
        let mut seen: HashSet<&str, RandomState> =
            HashSet::with_capacity_and_hasher(lines.len(), RandomState::default());
        lines
            .iter()
            .find(|(id, _)| !seen.insert(id))
            .map(|(id, line)| (&**id, *line))
    }
}

/// The number an id spells when it is a canonical decimal number: ASCII
/// digits only, no leading zero (but `0` itself), at most 19 digits (so it
/// fits a `u64`). Distinct such ids give distinct numbers.
#[inline]
fn decimal(id: &str) -> Option<u64> {
    let bytes = id.as_bytes();
    match bytes {
        [] | [b'0', _, ..] => return None,
        _ if bytes.len() > 19 => return None,
        _ => {}
    }
    let mut n = 0u64;
    for &b in bytes {
        let digit = b.wrapping_sub(b'0');
        if digit > 9 {
            return None;
        }
        n = n * 10 + u64::from(digit);
    }
    Some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_canonical_decimal_ids_become_numbers() {
        assert_eq!(decimal("0"), Some(0));
        assert_eq!(decimal("1401204197"), Some(1_401_204_197));
        assert_eq!(
            decimal("9999999999999999999"),
            Some(9_999_999_999_999_999_999)
        );
        for other in [
            "",
            "01",
            "00",
            "12a",
            "+1",
            "-1",
            " 1",
            "1 ",
            "١",
            "10000000000000000000",
        ] {
            assert_eq!(decimal(other), None, "{other:?}");
        }
    }

    fn ids(list: &[&'static str]) -> VoterIds<'static> {
        let mut ids = VoterIds::default();
        let mut lined = VoterIds::with_lines();
        for (i, id) in list.iter().enumerate() {
            ids.push(Cow::Borrowed(id), i + 1);
            lined.push(Cow::Borrowed(id), i + 1);
        }
        assert_eq!(ids.has_repeat(), lined.first_repeat().is_some(), "{list:?}");
        ids
    }

    #[test]
    fn repeats_are_found_among_numbers_texts_and_unordered_ids() {
        assert!(!ids(&["1", "2", "3", "a", "b"]).has_repeat());
        assert!(!ids(&["3", "1", "2", "01", "1a"]).has_repeat());
        assert!(ids(&["3", "1", "2", "1"]).has_repeat());
        assert!(ids(&["1", "2", "2"]).has_repeat());
        assert!(ids(&["a", "01", "b", "01"]).has_repeat());
        assert!(!ids(&["1", "01", "001"]).has_repeat());
    }

    #[test]
    fn the_first_repeat_names_the_line_of_the_second_occurrence() {
        let mut lined = VoterIds::with_lines();
        for (i, id) in ["7", "x", "8", "x", "7"].iter().enumerate() {
            lined.push(Cow::Borrowed(id), 10 + i);
        }
        assert_eq!(lined.first_repeat(), Some(("x", 13)));
    }
}
